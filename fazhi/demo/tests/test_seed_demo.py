import time
from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from fazhi.accounts.models import Role, SecondFactor, Unit, User
from fazhi.demo.management.commands.seed_demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from fazhi.demo.second_factor import DEMO_TOTP_SECRET, demo_code
from fazhi.journal.models import Entry

DEMO_USERNAMES = {
    "inspector",
    "inspector2",
    "inspector3",
    "lead",
    "director",
    "leader",
    "legal",
    "supervisor",
    "sysadmin",
    "secadmin",
    "auditadmin",
    "ft2_inspector",
    "ft2_inspector2",
    "ft2_lead",
    "ns_inspector",
    "ns_inspector2",
    "ns_lead",
    "ns_director",
    "ns_leader",
    "ns_legal",
    "ba_inspector",
    "ba_inspector2",
    "ba_lead",
    "ba_director",
    "ba_leader",
    "ba_legal",
    "city_lead",
    "city_leader",
}

THREE_ADMINS = {"sysadmin", "secadmin", "auditadmin"}


def seed(*args: str) -> str:
    """seed_demo without demo cases unless asked (fazhi/cases/tests/test_demo.py covers those)."""
    out = StringIO()
    call_command("seed_demo", *(args or ("--cases", "0")), stdout=out)
    return out.getvalue()


def test_seed_demo_builds_the_organisation_and_the_demo_accounts_through_the_actions(db):
    output = seed()
    assert {account.username for account in DEMO_ACCOUNTS} == DEMO_USERNAMES
    assert set(User.objects.values_list("username", flat=True)) == DEMO_USERNAMES
    names = set(Unit.objects.values_list("name", flat=True))
    assert "深圳市人力资源和社会保障局" in names
    for district in ("福田", "南山", "宝安"):
        assert f"{district}区劳动监察大队" in names
        assert f"{district}区劳动监察大队第一中队" in names
    assert Entry.objects.filter(action="accounts.unit_create").count() == Unit.objects.count()
    assert Entry.objects.filter(action="accounts.user_create").count() == len(DEMO_USERNAMES)
    for username in DEMO_USERNAMES:
        assert username in output
    assert "fazhi-demo" in output


def test_the_demo_inspectors_carry_certificates_and_the_legal_reviewer_a_qualification(db):
    seed()
    for user in User.objects.filter(role_grants__role=Role.INSPECTOR):
        assert user.enforcement_certificate_number
    assert User.objects.get(username="legal").has_legal_qualification
    assert User.objects.get(username="sysadmin").is_staff
    assert not User.objects.filter(is_staff=True).exclude(username="sysadmin").exists()


def test_seed_demo_run_twice_changes_nothing_and_says_so(db):
    seed()
    units, users, entries = Unit.objects.count(), User.objects.count(), Entry.objects.count()
    output = seed("--cases", "0")
    assert "演示数据已存在" in output
    assert "未作任何更改" in output
    assert (Unit.objects.count(), User.objects.count(), Entry.objects.count()) == (units, users, entries)
    assert "fazhi-demo" in output


def test_every_demo_account_can_log_in_with_the_demo_password_and_the_three_admins_with_the_demo_code(db):
    seed()
    # The code of the next time step: the one of this step was spent when seed_demo enrolled them (no replay).
    next_code = demo_code(time.time() + 30)
    for username in DEMO_USERNAMES:
        client = Client()
        response = client.post("/staff/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        if username in THREE_ADMINS:
            assert response["Location"] == "/staff/login/code/", username
            assert SESSION_KEY not in client.session
            response = client.post("/staff/login/code/", {"code": next_code})
            assert response.status_code == 302, username
        assert client.session[SESSION_KEY] == str(User.objects.get(username=username).pk)


def test_the_demo_enrols_the_three_admins_with_the_published_demo_secret_and_prints_it(db):
    output = seed()
    enrolled = set(SecondFactor.objects.values_list("user__username", flat=True))
    assert enrolled == THREE_ADMINS
    assert set(SecondFactor.objects.values_list("secret", flat=True)) == {DEMO_TOTP_SECRET}
    assert DEMO_TOTP_SECRET in output
    assert "仅供演示" in output
    assert Entry.objects.filter(action="accounts.second_factor_enrol").count() == 3
    code = StringIO()
    call_command("demo_totp_code", stdout=code, stderr=StringIO())
    assert code.getvalue().strip() == demo_code()


def test_cases_zero_builds_no_cases(db):
    from fazhi.cases.models import Case

    seed("--cases", "0")
    assert not Case.objects.exists()


def test_every_district_has_a_certified_team_and_a_decider(db):
    seed()
    for squad in ("SZ-FT-JC-1", "SZ-FT-JC-2", "SZ-NS-JC-1", "SZ-BA-JC-1"):
        members = User.objects.filter(unit__code=squad)
        inspectors = members.filter(role_grants__role=Role.INSPECTOR).exclude(enforcement_certificate_number="")
        assert inspectors.count() >= 2, squad
        assert members.filter(role_grants__role=Role.LEAD).exists(), squad
    for district in ("SZ-FT", "SZ-NS", "SZ-BA"):
        # The organ's 负责人 decides (行政处罚法 第五十七条): each district bureau has its leader.
        assert User.objects.filter(unit__code=district, role_grants__role=Role.LEADER).exists(), district
        assert User.objects.filter(unit__code=district, role_grants__role=Role.DIRECTOR).exists(), district
        legal = User.objects.filter(unit__code=district, role_grants__role=Role.LEGAL)
        assert legal.filter(has_legal_qualification=True).exists(), district


def test_each_bureau_names_its_principal_head_who_alone_approves_a_transfer_to_the_police(db):
    """行政执法机关移送涉嫌犯罪案件的规定 第五条: the 正职负责人 (or the 负责人 presiding over the organ's work)."""
    seed()
    principals = dict(Unit.objects.exclude(principal=None).values_list("code", "principal__username"))
    assert principals == {"SZ": "city_leader", "SZ-FT": "leader", "SZ-NS": "ns_leader", "SZ-BA": "ba_leader"}
    assert Entry.objects.filter(action="accounts.unit_principal").count() == 4


def test_an_organisation_seeded_earlier_gets_the_accounts_it_lacks(db):
    seed()
    User.objects.filter(username__in=["ns_lead", "ba_legal"]).delete()
    output = seed()
    assert "补充生成演示账户：ns_lead、ba_legal" in output
    assert set(User.objects.values_list("username", flat=True)) == DEMO_USERNAMES
    assert "未作任何更改" in seed()


@pytest.mark.parametrize("value", ["-1", "abc", "1.5"])
def test_cases_must_be_a_non_negative_whole_number(db, value):
    with pytest.raises(CommandError, match="非负整数"):
        call_command("seed_demo", "--cases", value, stdout=StringIO())
    assert not Unit.objects.exists()


def test_the_help_says_how_many_cases_are_built_by_default_and_how_to_build_none():
    from fazhi.demo.management.commands.seed_demo import Command

    help_text = Command().create_parser("manage.py", "seed_demo").format_help()
    assert "--cases" in help_text
    assert "默认 240" in help_text
    assert "0 表示不生成案件" in help_text
