"""The case page, assembled: what the staff screen and the API's case detail show of one case beyond its fields.

Due status (where a due date stands today), the timeline of the case's journal entries with their details named in
Chinese, the facts the procedure has established, and the people of the case as this reader may see them: in full
when they handle it (`handles`), else masked by the one rule (`reading`, `identity`) wherever a person appears. The
scoped reads that find the case are in `fazhi.cases.queries`; this module only describes a case the reader may
already see.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from fazhi.accounts.access import can_write
from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import in_business_scope
from fazhi.calendars.queries import working_calendar
from fazhi.cases import assessment, performance_page
from fazhi.cases.models import Case, Period, PeriodState, WorkerLine
from fazhi.cases.outcomes import (
    OUTCOMES,
    POLICE_RECONSIDERATION_RESULTS,
    PRESERVATION_DECISIONS,
    RECUSED_ROLES,
    SERVICE_METHODS,
)
from fazhi.cases.procedure import transfer
from fazhi.journal.models import Entry
from fazhi.rules import redaction, violations
from fazhi.rules.calendar import CalendarError, WorkingCalendar
from fazhi.rules.identifiers import mask_id_number, mask_mobile, mask_name

# --- Due status ------------------------------------------------------------------------------------------------------


def working_days_left(due: dt.date | None, today: dt.date, calendar: WorkingCalendar | None = None) -> int | None:
    """Working days from `today` to `due` (negative once overdue); None when unknown (no due date, or a holiday year
    missing on the way)."""
    if due is None:
        return None
    try:
        return (calendar or working_calendar()).working_days_between(today, due)
    except CalendarError:
        return None


@dataclass(frozen=True)
class DueStatus:
    """Where a due date stands today, for the screens."""

    due: dt.date | None
    left: int | None  # days left in `unit` (negative: overdue by that many); None when not known
    working: bool  # counted in working days (else calendar days)
    overdue: bool
    awaiting: bool  # no due date until the holiday data of a later year is loaded
    # Meanwhile, the provisional date (fazhi.rules.provisional), shown labelled beside 待导入节假日. Only ever shown:
    # `left` and `overdue` come from `due` alone.
    provisional: dt.date | None = None


def due_status(
    due: dt.date | None,
    today: dt.date,
    *,
    awaiting: bool = False,
    working: bool = True,
    calendar: WorkingCalendar | None = None,
    provisional: dt.date | None = None,
) -> DueStatus:
    if due is None:
        return DueStatus(None, None, working, False, awaiting, provisional if awaiting else None)
    left = working_days_left(due, today, calendar) if working else (due - today).days
    return DueStatus(due, left, working, today > due, False)


def period_status(period: Period, today: dt.date, calendar: WorkingCalendar | None = None) -> DueStatus:
    running = period.state == PeriodState.RUNNING
    return due_status(
        period.due_on if running else None,
        today,
        awaiting=running and period.due_on is None,
        working=period.day_unit == "working",
        calendar=calendar,
        provisional=period.provisional_due_on if running else None,
    )


# --- Timeline -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    entry: Entry
    actor_name: str  # the actor's name as it is now, or the username recorded, or "" for the system
    reason: str  # the reason or remark given with the step ("" when none)
    details: list[tuple[str, str]]  # what else the step recorded, as (Chinese label, value)


# What a step's journal entry records beyond its reason, and how the timeline names it.
_DETAIL_LABELS = {
    "case_number": "案号",
    "refusal_ground_label": "不予受理理由",
    "proposed_outcome": "拟处理意见",
    "violation_code": "违法行为",
    "proposed_fine": "拟罚款（元）",
    "major_case": "情节复杂或者重大",
    "repeat_offender": "一年内同类违法（从重）",
    "decision_outcome": "处理决定",
    "fine_amount": "罚款（元）",
    "comply_by": "履行期限",
    "service_method": "送达方式",
    "served_on": "送达日期",
    "service_effective_on": "送达生效日期",
    "consent": "当事人同意电子送达",
    "waived": "当事人放弃陈述申辩和听证",
    "preservation_items": "登记保存的证据",
    "preservation_decision": "处理决定",
    "recused": "回避人员",
    "replacement": "改由",
    "handler": "主办人",
    "co_handler": "协办人",
    "defence": "陈述申辩",
    "hearing_on": "听证日期",
    "hearing_presider": "听证主持人",
    "hearing_record": "听证笔录摘要",
    "discussion": "集体讨论",
    "worker_name": "劳动者",
    "paid_on": "支付日期",
    "amount": "金额（元）",
    "surcharge_paid": "其中加处罚款（元）",
    "rate": "加付比例",
    "additional_compensation_total": "加付赔偿金合计（元）",
    "transfer_report": "移送报告",
    "transfer_items": "涉案物品清单",
    "transfer_refusal_reason": "不批准移送的理由",
    "police_organ": "移送的公安机关",
    "dispatch_hours": "批准至移送（小时）",
    "receipt_on": "签收回执日期",
    "police_decided_on": "接到公安机关通知日期",
    "police_refusal_reason": "不予立案的理由",
    "reconsideration_result": "公安机关复议决定",
    "handed_over_on": "移交日期",
    "court_fine": "法院判处罚金（元）",
    "court_judgment": "刑事判决书",
    "fine_offset": "折抵罚金的罚款（元）",
}

_CHOICE_LABELS: dict[str, dict[str, str]] = {
    "proposed_outcome": OUTCOMES,
    "decision_outcome": OUTCOMES,
    "service_method": SERVICE_METHODS,
    "preservation_decision": PRESERVATION_DECISIONS,
    "recused": RECUSED_ROLES,
    "reconsideration_result": POLICE_RECONSIDERATION_RESULTS,
}


def violation_name(code: str) -> str:
    """The Chinese name of a violation code, or the code itself if the list no longer has it."""
    try:
        return violations.violation(code).name
    except violations.UnknownViolation:
        return code


_STAFF_DETAILS = ("handler", "co_handler", "replacement", "hearing_presider")


def _details(after: dict[str, Any], staff_names: dict[object, str], seen: Reading) -> list[tuple[str, str]]:
    details = []
    for key, label in _DETAIL_LABELS.items():
        value = after.get(key)
        if value in (None, "", False) or (key == "surcharge_paid" and value in ("0", "0.00")):
            continue
        if key in _CHOICE_LABELS:
            value = _CHOICE_LABELS[key].get(str(value), str(value))
        elif key == "violation_code":
            value = violation_name(str(value))
        elif key in _STAFF_DETAILS:
            value = staff_names.get(value, str(value))
        elif key == "worker_name":
            value = seen.person(str(value)).name
        elif value is True:
            value = "是"
        else:
            value = seen.text(str(value))
        details.append((label, str(value)))
    return details


def _staff_names(afters: list[dict[str, Any]]) -> dict[object, str]:
    """The people the entries name (step data records a username, case fields an id), by what was recorded: their
    names as they are now. Two queries for the whole timeline, whatever its length."""
    recorded = [after[key] for after in afters for key in _STAFF_DETAILS if after.get(key) not in (None, "")]
    ids = {value for value in recorded if isinstance(value, int) and not isinstance(value, bool)}
    usernames = {str(value) for value in recorded if isinstance(value, str)}
    names: dict[object, str] = {}
    for pk, username, full_name in User.objects.filter(pk__in=ids).values_list("pk", "username", "full_name"):
        names[pk] = full_name or username
    for username, full_name in User.objects.filter(username__in=usernames).values_list("username", "full_name"):
        names[username] = full_name or username
    return names


def timeline(case: Case, seen: Reading) -> list[TimelineItem]:
    """The case's journal entries, oldest first: what happened to it, who did it, when, and why — the people in them
    as the reader sees them (`reading`)."""
    entries = list(Entry.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("seq"))
    usernames = {entry.actor_username for entry in entries if entry.actor_username}
    names = {
        username: full_name or username
        for username, full_name in User.objects.filter(username__in=usernames).values_list("username", "full_name")
    }
    afters = []
    for entry in entries:
        try:
            after = entry.after_data
        except ValueError:  # a damaged entry still shows; verify_journal names it
            after = None
        afters.append(after if isinstance(after, dict) else {})
    staff_names = _staff_names(afters)
    return [
        TimelineItem(
            entry,
            names.get(entry.actor_username, entry.actor_username),
            seen.text(str(after.get("reason") or "")),
            _details(after, staff_names, seen),
        )
        for entry, after in zip(entries, afters, strict=True)
    ]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    warn: bool = False  # shown as a warning (从重, a surcharge running, …)


def _day(value: dt.date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def case_facts(case: Case, today: dt.date) -> list[Fact]:
    """What the procedure has established about the case so far (violation, notice, hearing, decision, service,
    payment), for the case page; empty entries are left out."""
    facts: list[Fact] = []

    def add(label: str, value: str, warn: bool = False) -> None:
        if value:
            facts.append(Fact(label, value, warn))

    if case.deemed_accepted:
        add("受理", "逾期未告知，自收到投诉之日起视为受理（广东省劳动保障监察条例第三十九条）")
    if case.violation_code:
        try:
            found = violations.violation(case.violation_code)
            add("违法行为", f"{found.name}（{found.basis}）")
        except violations.UnknownViolation:
            add("违法行为", case.violation_code)
    if case.repeat_offender:
        add("从重情节", "一年内因同类违法行为受过行政处罚（广东省劳动保障监察条例第五十三条）", warn=True)
    if case.major_case:
        add("案件性质", "情节复杂或者重大违法行为：须负责人集体讨论、法制审核（行政处罚法第五十七、五十八条）")
    if case.proposed_fine is not None:
        add("拟罚款", f"{case.proposed_fine} 元")
    for label, value, warn in assessment.case_page_facts(case, today):
        add(label, value, warn)
    if case.preservation == "requested":
        add("先行登记保存", "已申请，待负责人批准（行政处罚法第五十六条）", warn=True)
    elif case.preservation == "preserved":
        add("先行登记保存", "已登记保存，须在七个工作日内作出处理决定", warn=True)
    if case.notice_given_on:
        notified = f"，告知罚款 {case.notified_fine} 元" if case.notified_fine is not None else ""
        add("告知", f"{_day(case.notice_given_on)}{notified}{'；当事人已陈述申辩' if case.defence_stated else ''}")
    if case.hearing_on:
        presider = case.hearing_presider.display_name if case.hearing_presider else ""
        held = f"，已于 {_day(case.hearing_held_on)} 举行" if case.hearing_held_on else ""
        add("听证", f"{_day(case.hearing_on)}，主持人 {presider}（{_day(case.hearing_notified_on)} 通知）{held}")
    add("法制审核通过", _day(case.legal_review_passed_on))
    add("集体讨论", _day(case.collective_discussion_on))
    if case.fine_amount is not None:
        add("罚款", f"{case.fine_amount} 元")
    add("履行（改正）期限", _day(case.comply_by))
    if case.served_on:
        effective = (
            f"，{_day(case.service_effective_on)} 视为送达"
            if case.service_effective_on and case.service_effective_on != case.served_on
            else ""
        )
        add(
            "送达", f"{SERVICE_METHODS.get(case.service_method, case.service_method)} {_day(case.served_on)}{effective}"
        )
    if case.decision_outcome == "penalty" and case.fine_amount is not None:
        # Whether the surcharge is imposed, the plan, the payments and what is owed (fazhi.cases.performance_page).
        lines = performance_page.fine_lines(case, today)
        if case.fine_paid_on:
            extra = f"（含加处罚款 {case.surcharge_paid} 元）" if case.surcharge_paid else ""
            lines.append(("罚款缴纳", f"{_day(case.fine_paid_on)} 缴纳 {case.fine_paid_amount} 元{extra}", False))
        for label, value, warn in lines:
            add(label, value, warn)
    add("整改复查", _day(case.correction_verified_on))
    add("申请人民法院强制执行", _day(case.court_enforcement_applied_on))
    window, warn = performance_page.window_line(case)
    add("申请强制执行期间", window, warn)
    # 两法衔接 (行政执法机关移送涉嫌犯罪案件的规定): each attempt to transfer the case to the police.
    for attempt in case.crime_transfers.select_related("decided_by").order_by("pk"):
        text, waiting = transfer.summary(attempt)
        add("涉嫌犯罪案件移送", text, warn=waiting)
    return facts


# --- The people of the case, as this reader may see them -------------------------------------------------------------

# Those who approve, decide and review the cases of their scope (the procedure's lead, 负责人 and legal steps).
_OVERSEERS = frozenset({Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL})
_SUBJECT_END = re.compile(r"[（(，,、：:；;\s/]")


@dataclass(frozen=True)
class Identity:
    """A person of the case (the complainant, a worker) as one reader may see them."""

    name: str
    id_number: str
    phone: str
    masked: bool


def handles(user: User | AnonymousUser | None, case: Case) -> bool:
    """Whether `user` handles `case` and so sees its people in full: its handler and co-handler; while none is
    assigned (a complaint waiting to be accepted), the unit's staff who may take it; and the 科长, 处长, 局领导 and
    legal reviewer of its scope, who approve, decide and review it. Everyone else who may read the case — the
    supervisor, who watches read-only, an inspector not assigned to it — sees them masked: the complainant's identity
    is confidential (劳动保障监察条例 第九条第三款; 广东省劳动保障监察条例 第三十五条), and personal data is shown
    only as far as the task needs (个人信息保护法 第六条)."""
    if not can_write(user) or not isinstance(user, User) or not in_business_scope(user, case.unit):
        return False
    if case.handler_id is None and case.co_handler_id is None:
        return True
    return user.pk in (case.handler_id, case.co_handler_id) or bool(user.role_names & _OVERSEERS)


def identity(name: str, id_number: str = "", phone: str = "", *, full: bool) -> Identity:
    """The one masking rule of the staff screens and the API: in full, or 张*, 4403**********123X and 138****5678
    (an empty value stays empty)."""
    if full:
        return Identity(name, id_number, phone, masked=False)
    return Identity(
        mask_name(name) if name else "",
        mask_id_number(id_number) if id_number else "",
        mask_mobile(phone) if phone else "",
        masked=True,
    )


def subject_name(subject: str) -> str:
    """The name in an investigation record's 被询问人（现场负责人）及职务 ("刘建华（人事行政主管）", "刘建华，主管"):
    its first 2–4 characters before a bracket, comma or space; "" when it does not start with a name."""
    name = _SUBJECT_END.split(subject.strip(), maxsplit=1)[0]
    letters = name.replace("·", "")
    return name if 2 <= len(letters) <= 4 and all("\u4e00" <= char <= "\u9fff" for char in letters) else ""


def natural_persons(case: Case) -> list[str]:
    """The names of the natural persons the case knows, but its legal representative: the complainant, the workers and
    the people its investigation records name (the subject of an inquiry, a witness). Two queries."""
    names = [case.complainant_name, *case.worker_lines.values_list("name", flat=True)]
    names += [subject_name(subject) for subject in case.investigation_records.values_list("subject", flat=True)]
    legal_representative = case.employer.legal_representative
    return list(dict.fromkeys(name for name in names if name and name != legal_representative))


@dataclass(frozen=True)
class Reading:
    """How one reader sees the people of one case: in full (they handle it), or masked by the one rule — in the
    tables, and in the free text of the page and the timeline (names the case knows or that follow 证人、工友…, ID
    numbers and phones; `fazhi.rules.redaction.mask`)."""

    full: bool
    names: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()

    def person(self, name: str, id_number: str = "", phone: str = "") -> Identity:
        return identity(name, id_number, phone, full=self.full)

    def text(self, text: str) -> str:
        return text if self.full or not text else redaction.mask(text, names=self.names, keep=self.keep)


def reading(user: User | AnonymousUser | None, case: Case) -> Reading:
    if handles(user, case):
        return Reading(full=True)
    employer = case.employer
    keep = (employer.name, employer.credit_code or "", employer.legal_representative)
    return Reading(full=False, names=tuple(natural_persons(case)), keep=keep)


def complainant(user: User | AnonymousUser | None, case: Case, seen: Reading | None = None) -> Identity:
    seen = seen or Reading(full=handles(user, case))
    return seen.person(case.complainant_name, case.complainant_id_number, case.complainant_phone)


@dataclass(frozen=True)
class WorkerRow:
    line: WorkerLine
    name: str
    id_number: str


def worker_rows(user: User | AnonymousUser | None, case: Case, seen: Reading | None = None) -> list[WorkerRow]:
    """The case's worker lines, oldest first, each with the worker's identity as `user` may see it."""
    seen = seen or Reading(full=handles(user, case))
    rows = []
    for line in case.worker_lines.order_by("pk"):
        person = seen.person(line.name, line.id_number)
        rows.append(WorkerRow(line, person.name, person.id_number))
    return rows
