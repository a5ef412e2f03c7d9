from fazhi.accounts.models import User
from fazhi.staff.navigation import navigation_for


def labels(user: User) -> list[str]:
    return [item.label for item in navigation_for(user)]


def test_every_link_of_the_navigation_leads_somewhere_and_the_home_link_is_current_at_home(inspector):
    items = {item.label: item for item in navigation_for(inspector, "/staff/")}
    assert all(item.url for item in items.values())
    assert items["工作台"].url == "/staff/"
    assert items["工作台"].current
    assert not items["案件办理"].current


def current(user: User, path: str) -> list[str]:
    return [item.label for item in navigation_for(user, path) if item.current]


def test_my_work_and_the_case_pages_mark_one_link_each(inspector):
    assert current(inspector, "/staff/cases/") == ["我的待办"]
    assert current(inspector, "/staff/cases/all/") == ["案件办理"]
    assert current(inspector, "/staff/cases/all/?page=2") == ["案件办理"]
    assert current(inspector, "/staff/cases/12/") == ["案件办理"]
    assert current(inspector, "/staff/cases/new/") == ["案件办理"]
    assert current(inspector, "/staff/calendar/") == ["工作日历"]


def test_only_caseworkers_have_a_worklist(inspector, lead, director, legal, supervisor, auditadmin):
    for user in (inspector, lead, director, legal):
        assert "我的待办" in labels(user)
    assert "我的待办" not in labels(supervisor)
    assert "我的待办" not in labels(auditadmin)
    assert current(supervisor, "/staff/cases/") == ["案件办理"]


def test_the_supervisor_sees_casework_and_the_journal_but_not_the_admin(supervisor):
    assert "案件办理" in labels(supervisor)
    assert "全过程记录" in labels(supervisor)
    assert "系统管理" not in labels(supervisor)


def test_the_system_administrator_sees_the_admin_and_no_casework(sysadmin):
    assert "系统管理" in labels(sysadmin)
    assert "案件办理" not in labels(sysadmin)
    assert "全过程记录" not in labels(sysadmin)


def test_each_of_the_three_administrators_and_no_one_else_reaches_the_account_changes(
    sysadmin, secadmin, auditadmin, inspector, supervisor, leader
):
    for user in (sysadmin, secadmin, auditadmin):
        assert "三员账户变更" in labels(user)
    for user in (inspector, supervisor, leader):
        assert "三员账户变更" not in labels(user)
