"""Inquiries and site inspections are recorded (笔录) by the case's two certified officers (行政处罚法 第四十二条、
第五十五条; 劳动保障监察条例 第十五条、第十六条)."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import Role, User
from fazhi.accounts.testing import make_user
from fazhi.cases.actions import TransitionBlocked, TransitionConflict
from fazhi.cases.models import Case, InvestigationRecord
from fazhi.cases.tests.conftest import INQUIRY, RegisterCase, walk
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def investigating(register: RegisterCase, lead: User) -> Case:
    """A complaint the lead accepted, and so filed on 03-09 (广东省劳动保障监察条例 第三十六条第一款)."""
    return walk(register(), (lead, "accept", {}))


def test_the_handler_records_an_inquiry_taken_by_both_officers_and_the_journal_keeps_it(
    investigating: Case, inspector: User, inspector2: User
) -> None:
    case = walk(investigating, (inspector, "record_investigation", INQUIRY))
    record = InvestigationRecord.objects.get(case=case)
    assert (record.kind, record.place, record.subject) == ("inquiry", "本局第三询问室", "张经理（人事主管）")
    assert {record.officer_id, record.co_officer_id} == {inspector.pk, inspector2.pk}
    assert record.recorded_by_id == inspector.pk
    assert case.state == "investigating"  # the step keeps the state
    entry = Entry.objects.filter(action="cases.record_investigation").get()
    assert entry.after_data is not None
    assert entry.after_data["record"] == record.pk
    assert entry.after_data["content"] == INQUIRY["content"]
    assert entry.after_data["officers"] == [inspector.pk, inspector2.pk]


def test_a_record_dated_in_the_future_or_before_filing_or_missing_its_content_is_refused_in_chinese(
    investigating: Case, inspector: User
) -> None:
    for change, expected in (
        ({"held_on": "2026-03-10"}, "不能晚于今天"),
        ({"held_on": "2026-03-06"}, "不能早于立案日期"),
        ({"content": "  "}, "请填写询问（检查）情况"),
        ({"record_kind": "phone_call"}, "没有这个选项"),
        ({"place": "一楼\n二楼"}, "请填写在一行内"),
        # fazhi.text, security review L1/L7: the same rule in every step, the page's and the API's alike
        ({"content": "问：姓名？\x1b答：张三。"}, "含有不能保存的控制字符"),
        ({"place": "车间\u202e楼一"}, "改变文字显示方向"),
    ):
        with pytest.raises(TransitionBlocked) as refused:
            walk(investigating, (inspector, "record_investigation", {**INQUIRY, **change}))
        assert any(expected in reason for reason in refused.value.reasons), (change, refused.value.reasons)
    assert not InvestigationRecord.objects.exists()


def test_only_the_cases_own_officers_record_and_only_while_investigating(investigating: Case, inspector: User) -> None:
    colleague = make_user("inspector9", "赵六", investigating.unit, Role.INSPECTOR, certificate="T-0009")
    with pytest.raises(TransitionBlocked, match="只有本案的主办人或协办人"):
        walk(investigating, (colleague, "record_investigation", INQUIRY))
    proposed = walk(
        investigating,
        (inspector, "propose", {"proposed_outcome": "no_penalty", "proposal": "违法行为轻微并已及时改正。"}),
    )
    with pytest.raises(TransitionConflict, match="不能记录调查询问或现场检查"):
        walk(proposed, (inspector, "record_investigation", INQUIRY))
    assert not InvestigationRecord.objects.exists()
