"""What a document states about the case beyond its fields: the evidence on file, how the party was heard, and the
values a step recorded only in the journal (the department a report was referred to, the reason of a revocation).

The 行政处罚决定书 states the facts and the EVIDENCE (行政处罚法 第五十九条第一款第（二）项): the evidence files and the
investigation records the case actually holds on the day of the decision, each by name — never a boilerplate list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fazhi.cases.models import Case, InvestigationRecord, Period, RecordKind
from fazhi.documents.wording import chinese_date
from fazhi.evidence.models import EvidenceFile
from fazhi.journal.models import Entry


def _cn_date(day: dt.date) -> str:
    return chinese_date(day)


def evidence_on_file(case: Case, until: dt.date, shown: Callable[[str], str] = str) -> list[str]:
    """The evidence of the case by name, as on `until` (the decision's day): the investigation records, the hearing
    record, then the evidence files with their kind (行政处罚法 第四十六条). `shown` keeps names from the party."""
    items: list[str] = []
    records = InvestigationRecord.objects.filter(case=case, held_on__lte=until).order_by("held_on", "pk")
    for record in records:
        if record.kind == RecordKind.INQUIRY:
            items.append(f"{_cn_date(record.held_on)}对{shown(record.subject)}的调查询问笔录")
        else:
            items.append(f"{_cn_date(record.held_on)}在{shown(record.place)}的现场检查笔录")
    if case.hearing_held_on is not None and case.hearing_held_on <= until:
        items.append(f"{_cn_date(case.hearing_held_on)}听证笔录")
    files = EvidenceFile.objects.filter(case=case, uploaded_at__date__lte=until).order_by("uploaded_at", "pk")
    for item in files:
        items.append(f"{shown(item.title)}（{item.get_kind_display()}）")
    return items


def journal_after(case: Case, action: str) -> dict[str, Any]:
    """What the latest successful step `action` (e.g. "cases.refer_report") recorded for the case ({} if none)."""
    entry = (
        Entry.objects.filter(object_type="cases.case", object_id=str(case.pk), action=action, outcome="success")
        .order_by("-seq")
        .first()
    )
    data = entry.after_data if entry is not None else None
    return data if isinstance(data, dict) else {}


def how_heard(case: Case, *, penalty: bool, hearing: bool) -> str:
    """How the party was told and heard before the decision (行政处罚法 第四十四条、第四十五条、第六十二条、第六十四条;
    劳动保障监察条例 第十九条), as the decision states it; "" when no notice was served."""
    if case.notice_served_on is None:
        return ""
    notice = "《行政处罚告知书》" if penalty else "《行政处理事先告知书》"
    what = "行政处罚" if penalty else "行政处理决定"
    rights = "陈述、申辩和要求听证的权利" if hearing else "陈述、申辩的权利"
    told = (
        f"本机关于{_cn_date(case.notice_served_on)}向你单位送达{notice}，告知了拟作出{what}的事实、理由、依据"
        f"及你单位依法享有的{rights}。"
    )
    if case.hearing_held_on is not None:
        held = _cn_date(case.hearing_held_on)
        return told + f"本机关应你单位的要求，于{held}依法举行了听证，听取了你单位的陈述、申辩。"
    if case.defence_stated:
        return told + "你单位提出了陈述、申辩，本机关对你单位提出的事实、理由和证据进行了复核。"
    if journal_after(case, "cases.close_notice").get("waived"):
        return told + "你单位书面明确表示放弃陈述、申辩" + ("和听证" if hearing else "") + "的权利。"
    return told + "你单位在规定期限内未提出陈述、申辩" + ("，也未要求听证" if hearing else "") + "。"


def extended_until(case: Case) -> dt.date | None:
    """The handling period's due date after the extension (广东条例 第四十四条第二款: 30 working days more)."""
    period = Period.objects.filter(case=case, code="investigation").order_by("-pk").first()
    return period.due_on if period is not None else None


def _entries(case: Case, actions: tuple[str, ...]) -> Entry | None:
    return (
        Entry.objects.filter(object_type="cases.case", object_id=str(case.pk), action__in=actions, outcome="success")
        .order_by("-seq")
        .first()
    )


# The step an internal form records, with the row of the form it fills and the opinion it means.
APPROVALS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "filing_approval": (("cases.accept", "cases.approve_filing", "cases.deem_accepted"), "review", "同意立案。"),
    "revocation_approval": (("cases.revoke_filing",), "head", "同意撤销立案。"),
    "closing_approval": (("cases.approve_closing",), "review", "同意结案。"),
}


def approval(case: Case, doc_type: str) -> dict[str, str]:
    """Who took the approving step an internal form records, and when ({} while it is not taken)."""
    found = APPROVALS.get(doc_type)
    entry = _entries(case, found[0]) if found else None
    if found is None or entry is None:
        return {}
    if entry.action == "cases.deem_accepted":
        opinion, by = "逾期未告知，依法视为受理并立案（《广东省劳动保障监察条例》第三十九条第二款）。", ""
    else:
        opinion, by = found[2], _name(entry.actor_id) or entry.actor_username
    when = entry.recorded_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
    return {"row": found[1], "opinion": opinion, "by": by, "on": _cn_date(when)}


def _name(user_id: int | None) -> str:
    from fazhi.accounts.models import User

    user = User.objects.filter(pk=user_id).first() if user_id else None
    return user.display_name if user is not None else ""


def period_day(case: Case, code: str, field: str) -> dt.date | None:
    """A day of the case's latest period `code` (`started_on`, `suspended_on`, `due_on`)."""
    period = Period.objects.filter(case=case, code=code).order_by("-pk").first()
    value = getattr(period, field) if period is not None else None
    return value if isinstance(value, dt.date) else None
