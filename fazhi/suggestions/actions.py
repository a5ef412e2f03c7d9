"""Every step of a judicial or procuratorial suggestion, one action each (the rows of fazhi/suggestions/workflow.py):
the role and the unit scope are checked first (a refusal is journaled with `record_refusal` and raised), then the
state and the input; the suggestion changes under a row lock and one journal entry is written in the same
transaction. A step whose input or conditions fail raises `SuggestionBlocked` with the reasons in Chinese, the fields
at fault named, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.accounts.access import can_write
from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case
from fazhi.documents.numbering import next_number
from fazhi.documents.organ import OrganUnknown, deciding_organ
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.rules import suggestions as rules
from fazhi.suggestions import reply
from fazhi.suggestions.models import DeadlineSource, Kind, SendMethod, Suggestion, SuggestionPoint
from fazhi.suggestions.workflow import BY_ACTION, HANDLER_ROLES, State, Step

OBJECT_TYPE = "suggestions.suggestion"
MAX_TEXT = 4000
MAX_LINE = 200
MAX_POINTS = 50


class SuggestionError(ActionError):
    """The step cannot be taken (a Chinese `message`). Nothing is written."""


class SuggestionRefused(SuggestionError):
    """The actor may not take the step (journaled as refused)."""


class SuggestionConflict(SuggestionError):
    """The suggestion is no longer in a state the step starts from (someone acted first)."""


class SuggestionBlocked(SuggestionError):
    """The input or the conditions fail: `reasons` lists why, `fields` names the inputs at fault."""

    def __init__(self, reasons: Sequence[str], fields: Sequence[str] = ()) -> None:
        self.reasons = list(reasons)
        self.fields = list(fields)
        super().__init__("；".join(self.reasons))


def _today() -> dt.date:
    return timezone.localdate()


def _refuse(actor: User | None, step: Step, reason: str, object_id: int | None, ip: str | None) -> NoReturn:
    record_refusal(
        actor=actor,
        action=f"suggestions.{step.action}",
        reason=reason,
        object_type=OBJECT_TYPE,
        object_id=object_id,
        ip=ip,
    )
    raise SuggestionRefused(reason)


def may_take(actor: User | None, step: Step, unit: Unit, handler_id: int | None = None) -> str:
    """Why `actor` may not take `step` on a suggestion of `unit` ("" when they may)."""
    if actor is None or not can_write(actor):
        return "您的角色只能查阅，不能办理司法建议和检察建议。"
    if not in_business_scope(actor, unit):
        return "该建议不在您的机构范围内，您无权办理。"
    if actor.role_names & step.roles or (step.handler and handler_id is not None and actor.pk == handler_id):
        return ""
    return f"您的角色不能办理“{step.label}”。"


def _permit(
    actor: User | None, step: Step, unit: Unit, object_id: int | None, ip: str | None, handler: int | None
) -> None:
    reason = may_take(actor, step, unit, handler)
    if reason:
        _refuse(actor, step, reason, object_id, ip)


class _Problems:
    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.fields: list[str] = []

    def add(self, name: str, reason: str) -> None:
        self.reasons.append(reason)
        if name not in self.fields:
            self.fields.append(name)

    def text(self, name: str, value: str, label: str, *, limit: int = MAX_TEXT, required: bool = True) -> str:
        text = value.strip()
        if required and not text:
            self.add(name, f"请填写{label}。")
        elif len(text) > limit:
            self.add(name, f"{label}不能超过 {limit} 个字。")
        return text

    def date(
        self, name: str, value: dt.date | None, label: str, today: dt.date, *, after: dt.date | None = None
    ) -> None:
        if value is None:
            self.add(name, f"请填写{label}。")
        elif value > today:
            self.add(name, f"{label}不能晚于今天。")
        elif after is not None and value < after:
            self.add(name, f"{label}不能早于 {after:%Y-%m-%d}。")

    def raise_any(self) -> None:
        if self.reasons:
            raise SuggestionBlocked(self.reasons, self.fields)


def default_length(kind: str) -> int:
    """The bureau's setting for the default reply period of `kind` ([S]: fazhi/rules/data/suggestions.toml)."""
    if kind == rules.PROCURATORIAL:
        return int(settings.FAZHI_PROCURATORIAL_SUGGESTION_REPLY_MONTHS)
    return int(settings.FAZHI_JUDICIAL_SUGGESTION_REPLY_DAYS)


def default_wording() -> str:
    """The default periods as the screens say them (from the settings)."""
    days = default_length(rules.JUDICIAL)
    months = default_length(rules.PROCURATORIAL)
    return f"司法建议按收到之日起 {days} 日、检察建议按收到之日起 {months} 个月计算"


def reply_deadline(kind: str, received_on: dt.date, stated: dt.date | None) -> tuple[dt.date, str]:
    """The deadline the record takes: the one the suggestion states, else the default counted from receipt."""
    if stated is not None:
        return stated, DeadlineSource.STATED
    return rules.default_deadline(kind, received_on, default_length(kind)), DeadlineSource.DEFAULT


# --- receive: the record is made ----------------------------------------------------------------------------------


def receive_suggestion(
    *,
    actor: User,
    kind: str,
    organ: str,
    number: str,
    subject: str,
    received_on: dt.date | None,
    unit: Unit | None,
    points: Sequence[str],
    case: Case | None = None,
    other_cases: str = "",
    stated_deadline: dt.date | None = None,
    ip: str | None = None,
) -> Suggestion:
    """登记: a suggestion received on `received_on` from `organ` (a court or procuratorate), with its numbered
    `points` in order. Its reply deadline is the one it states, else the default (fazhi/rules/suggestions.py)."""
    step = BY_ACTION["receive"]
    if unit is None and case is not None:
        unit = case.unit
    if unit is None:
        raise SuggestionBlocked(["请选择涉及的机构。"], ["unit"])
    _permit(actor, step, unit, None, ip, None)
    today = _today()
    problems = _Problems()
    if kind not in Kind.values:
        problems.add("kind", "请选择建议类别（司法建议或检察建议）。")
    organ = problems.text("organ", organ, "建议机关", limit=100)
    number = problems.text("number", number, "建议书文号", limit=80)
    subject = problems.text("subject", subject, "事由", limit=MAX_LINE)
    other_cases = problems.text("other_cases", other_cases, "其他涉及案件", limit=300, required=False)
    problems.date("received_on", received_on, "收到日期", today)
    if stated_deadline is not None and received_on is not None and stated_deadline < received_on:
        problems.add("stated_deadline", "建议书写明的答复期限不能早于收到日期。")
    texts = [p.strip() for p in points if p.strip()]
    if not texts:
        problems.add("points", "请逐条填写建议内容（至少一条）。")
    elif len(texts) > MAX_POINTS:
        problems.add("points", f"建议内容最多 {MAX_POINTS} 条。")
    elif any(len(t) > MAX_TEXT for t in texts):
        problems.add("points", f"每条建议内容不能超过 {MAX_TEXT} 个字。")
    if case is not None and not in_business_scope(actor, case.unit):
        problems.add("case", "涉及的案件不在您的机构范围内。")
    problems.raise_any()
    assert received_on is not None
    due, source = reply_deadline(kind, received_on, stated_deadline)
    with transaction.atomic():
        try:
            with transaction.atomic():
                suggestion = Suggestion.objects.create(
                    kind=kind,
                    organ=organ,
                    number=number,
                    subject=subject,
                    received_on=received_on,
                    unit=unit,
                    case=case,
                    other_cases=other_cases,
                    stated_deadline=stated_deadline,
                    reply_due_on=due,
                    deadline_source=source,
                    registered_by=actor,
                )
        except IntegrityError:
            raise SuggestionBlocked([f"{organ}{number}已经登记，请勿重复登记。"], ["number"]) from None
        SuggestionPoint.objects.bulk_create(
            SuggestionPoint(suggestion=suggestion, number=i, text=t) for i, t in enumerate(texts, start=1)
        )
        record_entry(
            actor=actor,
            action="suggestions.receive",
            object_type=OBJECT_TYPE,
            object_id=suggestion.pk,
            after={
                "state": suggestion.state,
                "kind": kind,
                "organ": organ,
                "number": number,
                "received_on": received_on.isoformat(),
                "reply_due_on": due.isoformat(),
                "deadline_source": source,
                "points": len(texts),
                "case": case.pk if case is not None else None,
                "unit": unit.code,
            },
            ip=ip,
        )
    return suggestion


# --- the steps on an existing suggestion --------------------------------------------------------------------------


@dataclass
class Change:
    """What a step does: the fields it sets on the suggestion, what the journal says, more writes once it is saved."""

    fields: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    after: Callable[[Suggestion], None] | None = None


def _take(
    actor: User, suggestion: Suggestion, action: str, apply: Callable[[Suggestion, dt.date], Change], ip: str | None
) -> Suggestion:
    step = BY_ACTION[action]
    unit = Unit.objects.get(pk=suggestion.unit_id)
    handler = Suggestion.objects.filter(pk=suggestion.pk).values_list("handler_id", flat=True).first()
    _permit(actor, step, unit, suggestion.pk, ip, handler)
    today = _today()
    with transaction.atomic():
        current = Suggestion.objects.select_for_update(of=("self",)).select_related("unit").get(pk=suggestion.pk)
        if State(current.state) not in step.sources:
            raise SuggestionConflict(
                f"该建议当前为“{current.state_label}”，不能{step.label}（可能已被他人处理，请刷新后重试）。"
            )
        before = current.state
        change = apply(current, today)
        for name, value in change.fields.items():
            setattr(current, name, value)
        current.state = (step.target or State(current.state)).value
        current.version += 1
        current.save()
        if change.after is not None:
            change.after(current)
        record_entry(
            actor=actor,
            action=f"suggestions.{action}",
            object_type=OBJECT_TYPE,
            object_id=current.pk,
            before={"state": before},
            after={"state": current.state, **change.details},
            ip=ip,
        )
    return current


def assign_suggestion(
    *, actor: User, suggestion: Suggestion, handler: User | None, ip: str | None = None
) -> Suggestion:
    """分办: name the handler who answers the points and drafts the reply (again, to change them)."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        if handler is None:
            raise SuggestionBlocked(["请选择承办人。"], ["handler"])
        if not (handler.is_active and handler.role_names & HANDLER_ROLES and in_business_scope(handler, current.unit)):
            raise SuggestionBlocked(["承办人须为该机构或其上级机构在职的办案、审核人员。"], ["handler"])
        return Change(
            fields={"handler": handler, "assigned_on": today},
            details={"handler": handler.username, "previous": current.handler_id},
        )

    return _take(actor, suggestion, "assign", apply, ip)


def answer_point(
    *, actor: User, suggestion: Suggestion, point: int, measures: str, result: str, ip: str | None = None
) -> Suggestion:
    """逐条答复: the measures taken on point `point` and their result (again, to amend the answer before the reply
    goes for approval)."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        found = SuggestionPoint.objects.filter(suggestion=current, number=point).first()
        problems = _Problems()
        if found is None:
            problems.add("point", f"该建议没有第{point}条。")
        taken = problems.text("measures", measures, "采取的措施")
        outcome = problems.text("result", result, "落实结果", required=False)
        problems.raise_any()
        assert found is not None

        def save(_: Suggestion) -> None:
            found.measures, found.result, found.answered_by, found.answered_on = taken, outcome, actor, today
            found.save(update_fields=["measures", "result", "answered_by", "answered_on"])

        return Change(details={"point": point, "measures": taken, "result": outcome}, after=save)

    return _take(actor, suggestion, "answer_point", apply, ip)


def unanswered_points(suggestion: Suggestion) -> list[int]:
    """The numbers of the points not yet answered: the reply may not go for approval, nor be approved, before every
    point is answered (the bureau answers every suggestion point by point)."""
    return [p.number for p in suggestion.points.order_by("number") if not p.answered]


def _all_answered(current: Suggestion) -> None:
    missing = unanswered_points(current)
    if missing:
        numbers = "、".join(f"第{n}条" for n in missing)
        raise SuggestionBlocked([f"尚有建议事项未答复（{numbers}），须逐条答复后才能提请审批或批准回复。"], ["points"])


def submit_reply(*, actor: User, suggestion: Suggestion, reply_text: str = "", ip: str | None = None) -> Suggestion:
    """起草回复函并提请审批: every point answered; `reply_text` opens the letter (the overall handling)."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        problems = _Problems()
        text = problems.text("reply_text", reply_text, "回复函正文", required=False)
        problems.raise_any()
        _all_answered(current)
        return Change(
            fields={"reply_text": text, "drafted_by": actor, "drafted_on": today, "return_reason": ""},
            details={"reply_text": text},
        )

    return _take(actor, suggestion, "submit_reply", apply, ip)


def return_reply(*, actor: User, suggestion: Suggestion, reason: str, ip: str | None = None) -> Suggestion:
    """退回修改: the head sends the draft back with the reason."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        problems = _Problems()
        text = problems.text("reason", reason, "退回理由")
        problems.raise_any()
        return Change(fields={"return_reason": text}, details={"reason": text})

    return _take(actor, suggestion, "return_reply", apply, ip)


def approve_reply(*, actor: User, suggestion: Suggestion, ip: str | None = None) -> Suggestion:
    """负责人批准回复函: every point answered; the letter is numbered (the organ's 函 series,
    fazhi/documents/numbering.py) and made in the organ's name as PDF and Word, kept with their SHA-256."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        _all_answered(current)
        try:
            organ = deciding_organ(current.unit)
        except OrganUnknown as error:
            raise SuggestionBlocked([str(error)]) from None
        pattern = organ.prefix + reply.LETTER_PREFIX
        number = reply.letter_number(organ, today.year, next_number(pattern, today.year))
        pdf, docx = reply.render_letter(current, number, today)
        return Change(
            fields={
                "approved_by": actor,
                "approved_on": today,
                "reply_number": number,
                "reply_pdf": pdf,
                "reply_pdf_sha256": reply.sha256(pdf),
                "reply_docx": docx,
                "reply_docx_sha256": reply.sha256(docx),
            },
            details={"reply_number": number, "pdf_sha256": reply.sha256(pdf), "docx_sha256": reply.sha256(docx)},
        )

    return _take(actor, suggestion, "approve_reply", apply, ip)


def send_reply(
    *, actor: User, suggestion: Suggestion, sent_on: dt.date | None, sent_how: str, ip: str | None = None
) -> Suggestion:
    """发送回复函: sent on `sent_on` by `sent_how`; answered, and late when sent after the reply deadline."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        problems = _Problems()
        problems.date("sent_on", sent_on, "发送日期", today, after=current.approved_on)
        if sent_how not in SendMethod.values:
            problems.add("sent_how", "请选择发送方式。")
        problems.raise_any()
        assert sent_on is not None
        late = sent_on > current.reply_due_on
        return Change(
            fields={"sent_on": sent_on, "sent_how": sent_how, "answered_late": late},
            details={"sent_on": sent_on.isoformat(), "sent_how": sent_how, "late": late},
        )

    return _take(actor, suggestion, "send_reply", apply, ip)


def record_feedback(
    *, actor: User, suggestion: Suggestion, received_on: dt.date | None, feedback: str, ip: str | None = None
) -> Suggestion:
    """登记建议机关的反馈 on the reply (the court's or procuratorate's view of the handling)."""

    def apply(current: Suggestion, today: dt.date) -> Change:
        problems = _Problems()
        problems.date("received_on", received_on, "收到反馈日期", today, after=current.sent_on)
        text = problems.text("feedback", feedback, "反馈内容")
        problems.raise_any()
        assert received_on is not None
        return Change(
            fields={"feedback_on": received_on, "feedback": text},
            details={"received_on": received_on.isoformat(), "feedback": text},
        )

    return _take(actor, suggestion, "record_feedback", apply, ip)
