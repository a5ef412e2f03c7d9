"""The journal's readers without a business role — the audit administrator and the supervisor — see who did what and
when, not transcripts and the people of a case (security review M5; 三员分立: the audit administrator sees no business
data; 个人信息保护法 第六条; 劳动保障监察条例 第九条第三款). The stored entries and the chain stay as they were."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import (
    WAGES,
    RegisterCase,
    _on_a_known_day,
    proposal,
    register,
    served_notice,
    waived,
    walk,
)
from fazhi.journal import reading_rules
from fazhi.journal.models import Entry
from fazhi.journal.queries import payload_for_reader
from fazhi.journal.verify import verify_journal

__all__ = ["_on_a_known_day", "register"]

pytestmark = pytest.mark.django_db

TRANSCRIPT = "问：你是深圳市福田区万科达建筑劳务有限公司的法定代表人吗？\n答：是的。工人马敏的工资尚未支付。"
INQUIRY = {
    "record_kind": "inquiry",
    "held_on": "2026-03-09",
    "place": "本局第三询问室",
    "subject": "刘建华（人事行政主管）",
    "content": TRANSCRIPT,
}


@pytest.fixture
def paid(register: RegisterCase, inspector: User, lead: User, leader: User) -> Case:
    """A complaint of 马敏 and 邓亚男's wages: an inquiry recorded, the wages ordered paid, and 马敏 paid."""
    case = register(
        complainant_name="马敏",
        complainant_id_number="45080219900101924X",
        workers=[
            WorkerInput(name="马敏", amount_owed=Decimal("12000.00")),
            WorkerInput(name="邓亚男", amount_owed=Decimal("9000.00")),
        ],
    )
    case = walk(
        case,
        (lead, "accept", {}),
        (inspector, "record_investigation", INQUIRY),
        (inspector, "propose", proposal("handling_decision", WAGES, fine=None, proposal="责令支付。")),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"comply_by": "2026-03-20"}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
    )
    line = case.worker_lines.get(name="马敏")
    return walk(
        case,
        (inspector, "record_wage_payment", {"worker": str(line.pk), "amount": "12000", "paid_on": "2026-03-09"}),
    )


def detail(user: User, action: str) -> str:
    entry = Entry.objects.filter(action=action).latest("seq")
    client = Client()
    client.force_login(user)
    response = client.get(reverse("journal:entry", args=[entry.seq]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_audit_administrator_reads_an_inquiry_entry_without_its_transcript(
    paid: Case, auditadmin: User, inspector: User
) -> None:
    body = detail(auditadmin, "cases.record_investigation")
    for secret in ("万科达", "法定代表人吗", "马敏", "刘建华", "第三询问室"):
        assert secret not in body, secret
    digest = hashlib.sha256(TRANSCRIPT.encode()).hexdigest()[:8]
    assert f"（内容已隐去，长度 {len(TRANSCRIPT)} 字，SHA-256 前 8 位 {digest}）" in body
    assert "（个人信息已隐去）" in body
    # Who did what and when: the actor, the action, the object, the date held, the state.
    for shown in (inspector.username, "cases.record_investigation", "#" + str(paid.pk), "2026-03-09", "investigating"):
        assert shown in body, shown


def test_the_audit_administrator_and_the_supervisor_read_a_wage_payment_without_the_workers_name(
    paid: Case, auditadmin: User, supervisor: User
) -> None:
    """劳动保障监察条例 第九条第三款: the complainant, here also a worker, stays confidential."""
    for reader in (auditadmin, supervisor):
        body = detail(reader, "cases.record_wage_payment")
        assert "马敏" not in body
        assert "12000" in body  # the amount paid: what was done
        assert "（个人信息已隐去）" in body


def test_the_stored_entries_keep_everything_and_the_chain_still_verifies(paid: Case, auditadmin: User) -> None:
    entry = Entry.objects.filter(action="cases.record_wage_payment").latest("seq")
    assert entry.after_data["worker_name"] == "马敏"
    detail(auditadmin, "cases.record_wage_payment")
    assert verify_journal().ok
    call_command("verify_journal")


def test_administrative_entries_are_shown_whole() -> None:
    text = '{"username": "inspector", "full_name": "张伟", "roles": ["inspector"]}'
    assert '"张伟"' in payload_for_reader("accounts.user_create", text)
    assert '"张伟"' in payload_for_reader("access.refused", '{"reason": "张伟"}')


@pytest.mark.parametrize(
    ("action", "key", "value", "kind"),
    [
        ("cases.record_investigation", "content", TRANSCRIPT, reading_rules.CONTENT),
        ("cases.record_investigation", "subject", "刘建华（主管）", reading_rules.PERSONAL),
        ("cases.record_wage_payment", "worker_name", "马敏", reading_rules.PERSONAL),
        ("cases.record_defence", "defence", "当事人称资金周转困难。", reading_rules.CONTENT),
        ("cases.finish_hearing", "hearing_record", "听证会依法公开举行。", reading_rules.CONTENT),
        ("cases.decide_recusal", "reason", "协办人与法定代表人系近亲属。", reading_rules.CONTENT),
        ("cases.accept", "state", "investigating", reading_rules.SHOWN),
        ("cases.accept", "case_number", "T-FT-JC-1〔2026〕1号", reading_rules.SHOWN),
        ("cases.register", "employer", "深圳市福田区某电子有限公司", reading_rules.SHOWN),
        ("cases.reassign", "handler", "inspector2", reading_rules.SHOWN),
        ("documents.issue", "sha256", "a" * 64, reading_rules.SHOWN),
        ("cases.record_fine_payment", "amount", "1360.00", reading_rules.SHOWN),
        ("cases.register", "workers", 3, reading_rules.SHOWN),
        # Keys no rule names: plain short codes are shown; any other text, or a number that is an ID or a phone, not.
        ("cases.new_step", "colour", "blue", reading_rules.SHOWN),
        ("cases.new_step", "remark", "另查明工人张三住在翠景花园", reading_rules.CONTENT),
        ("cases.new_step", "contact", "13800138000", reading_rules.CONTENT),
    ],
)
def test_each_field_is_judged_by_the_rule_of_its_action(action: str, key: str, value: object, kind: str) -> None:
    assert reading_rules.kind_of(action, key, value) == kind


def test_nested_values_are_judged_field_by_field_and_personal_data_gets_no_digest() -> None:
    after = {"inputs": {"items": "工资发放表原件2册"}, "due": {"litigation_defence": "2026-10-28"}, "names": ["马敏"]}
    shown = reading_rules.conceal("remedies.litigation.register", after)
    assert shown["due"] == {"litigation_defence": "2026-10-28"}
    assert shown["names"] == "（个人信息已隐去）"
    assert str(shown["inputs"]).startswith("（内容已隐去，长度")
    assert "SHA-256" not in reading_rules.hidden(reading_rules.PERSONAL, "450802199001019245")
    assert reading_rules.hidden(reading_rules.CONTENT, "短") == "（内容已隐去，长度 1 字）"


def test_every_rule_names_an_action_the_journal_knows() -> None:
    from fazhi.journal.labels import ACTION_LABELS

    assert set(reading_rules.BY_ACTION) <= set(ACTION_LABELS)
