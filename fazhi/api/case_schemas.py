"""The shapes of the case endpoints (fazhi.api.cases): what goes in, what comes out, and how a case is shown.

Strings that reach the database refuse control characters (PostgreSQL cannot store NUL). Amounts are decimal strings
checked here, never floats: SQLite does not enforce `max_digits` (recipes.md), so a value the schema let through could
later break every query on the table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from django.utils import timezone
from ninja import Field, Schema
from ninja.params.functions import Path as path_param
from pydantic import StringConstraints

from fazhi.accounts.models import User
from fazhi.cases import case_page, fine_plan, performance_page, queries
from fazhi.cases.intake import MAX_WORKERS
from fazhi.cases.models import Case, PeriodState, Source
from fazhi.cases.workflow import BY_ACTION, State
from fazhi.text import LINE_PATTERN, TEXT_PATTERN

# Text without control or bidirectional characters (tab and line breaks allowed), and one line of it: fazhi.text.
TEXT = TEXT_PATTERN
LINE = LINE_PATTERN
UNIT_CODE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"  # as fazhi.accounts.actions.units.UNIT_CODE_PATTERN
USERNAME = r"^[\w.@+-]{1,150}$"
# A positive amount in yuan below 10,000,000,000 (WorkerLine.amount_owed: 12 digits, 2 after the point).
AMOUNT = r"^(0|[1-9][0-9]{0,9})(\.[0-9]{1,2})?$"
MAX_ID = 2**63 - 1  # the largest primary key either database holds
CENT = Decimal("0.01")

SourceCode = Literal["complaint", "report", "patrol", "written_review", "special_campaign", "referral"]
assert set(get_args(SourceCode)) == set(Source.values), "SourceCode must list fazhi.cases.models.Source"


# --- Errors ----------------------------------------------------------------------------------------------------------


class ErrorOut(Schema):
    """The API-wide error answer (fazhi.api.errors)."""

    message: str = Field(..., description="中文说明 Chinese explanation")
    detail: Any = Field(default=None, description="细节 Details (text, or the list of problems)")


class BlockedOut(ErrorOut):
    """422: the request was understood, but the input is wrong or a rule of the procedure says no."""

    reasons: list[str] | None = Field(
        default=None, description="未通过的程序规则 The rules of the procedure that said no"
    )


def error(message: str, detail: Any = None) -> ErrorOut:
    return ErrorOut(message=message, detail=message if detail is None else detail)


# --- Out -------------------------------------------------------------------------------------------------------------


class UnitOut(Schema):
    code: str
    name: str


class PersonOut(Schema):
    username: str
    name: str


class EmployerOut(Schema):
    name: str
    credit_code: str | None


class CaseSummaryOut(Schema):
    id: int
    reference: str = Field(..., description="登记号 Registration reference")
    case_number: str | None = Field(..., description="案号（立案后） Case number, once filed")
    state: str = Field(..., description="状态 State (fazhi.cases.workflow.State)")
    state_label: str
    source: str
    source_label: str
    unit: UnitOut
    employer: EmployerOut
    handler: PersonOut | None
    received_on: dt.date
    next_due: dt.date | None = Field(..., description="最近届满的期限 Earliest due date of a running period")
    next_provisional_due: dt.date | None = Field(
        None,
        description=(
            "预计届满日（不是法定期限）：进行中的期限因节假日数据未导入而没有届满日时，其中最早的预计日期，"
            "仅按周末和固定日期节假日推算，不计超期、不预警；导入该年度后为空。"
            " The earliest provisional date of the running periods that wait for a year's holidays: weekends and"
            " fixed-date holidays only, NOT the legal deadline, never counted for breach or alerts; null once the"
            " year is loaded."
        ),
    )


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseSummaryOut]


class WorkerOut(Schema):
    id: int = Field(
        ..., description="明细 id（登记工资支付时作为 worker 提交） Line id, the `worker` of record_wage_payment"
    )
    name: str = Field(..., description="姓名（调用者不办理案件时脱敏） Masked for callers who do not work cases")
    id_number: str = Field(
        ..., description="身份证号码（调用者不办理案件时脱敏） Masked for callers who do not work cases"
    )
    period_start: dt.date | None
    period_end: dt.date | None
    amount_owed: str = Field(..., description="拖欠金额（元） Amount owed, yuan")
    amount_paid: str
    additional_compensation: str = Field(..., description="加付赔偿金（元） Additional compensation ordered")
    outstanding: str = Field(..., description="尚欠（元） Still owed: wages and compensation less payments")


class FactOut(Schema):
    label: str
    value: str
    warn: bool


class PeriodOut(Schema):
    code: str
    name: str
    citation: str
    days: int
    day_unit: str
    started_on: dt.date
    due_on: dt.date | None = Field(..., description="届满日；节假日数据未导入时为空 None until the year is loaded")
    provisional_due_on: dt.date | None = Field(
        None,
        description=(
            "预计届满日（不是法定期限）：due_on 为空期间，仅按周末和固定日期节假日推算，供参考，不计超期、不预警、"
            "不用于文书；导入该年度节假日安排后为空，以 due_on 为准。"
            " Provisional date while due_on waits for a year's holidays: weekends and fixed-date holidays only,"
            " NOT the legal deadline, never used for breach, alerts or documents; null once the year is loaded."
        ),
    )
    state: str
    state_label: str


class StepOut(Schema):
    action: str
    label: str
    target: str | None
    needs_reason: bool
    fields: list[str]
    basis: str
    blockers: list[str] = Field(
        default_factory=list,
        description="现在不能办理的原因（为空则可办理） What stands in the way now (empty: it may be taken)",
    )


class ComplainantOut(Schema):
    name: str
    id_number: str
    phone: str
    anonymous: bool
    masked: bool = Field(
        ..., description="是否已脱敏（调用者不办理案件时，如电子监察员） Masked for callers who do not work cases"
    )


class CaseDetailOut(CaseSummaryOut):
    procedure_version: int
    version: int = Field(..., description="版本号：办理步骤时作为 expected_version 提交 Send as expected_version")
    co_handler: PersonOut | None
    summary: str
    filed_on: dt.date | None
    decided_on: dt.date | None
    closed_on: dt.date | None
    proposed_outcome: str
    decision_outcome: str
    suspended: bool
    extended: bool
    violation_code: str = Field(..., description="违法行为代码（见 penalty_items） Violation code")
    violation_name: str
    major_case: bool = Field(..., description="情节复杂或者重大 Complex or major")
    repeat_offender: bool = Field(..., description="一年内同类违法（从重） Repeat offender within a year")
    proposed_fine: str | None
    fine_amount: str | None
    comply_by: dt.date | None
    service_method: str
    served_on: dt.date | None
    service_effective_on: dt.date | None
    fine_paid_on: dt.date | None
    surcharge_due: str = Field(..., description="截至今日应缴的加处罚款（元） Late-payment surcharge due today")
    surcharge_imposed: bool = Field(
        ...,
        description="决定到期不缴纳罚款的加处罚款（行政处罚法第七十二条） Whether the decision imposes the surcharge",
    )
    surcharge_excluded_days: int = Field(
        ...,
        description="复议、诉讼期间不计加处罚款的天数（行政处罚法第七十三条第三款） Days of remedies not counted",
    )
    fine_outstanding: str = Field(..., description="截至今日尚欠的罚款（元），不含加处罚款 Fine still unpaid today")
    payment_plan: str = Field(
        ..., description="暂缓或者分期缴纳罚款（行政处罚法第六十六条第二款），无则为空 Deferral or instalments"
    )
    enforcement_window: str = Field(
        ..., description="申请人民法院强制执行的期间或者不能申请的原因，无则为空 Court-enforcement window"
    )
    deemed_accepted: bool
    total_owed: str
    total_paid: str
    findings: list[FactOut] = Field(..., description="查处与执行情况 What the procedure established so far")
    complainant: ComplainantOut
    workers: list[WorkerOut]
    periods: list[PeriodOut]
    steps: list[StepOut] = Field(..., description="调用者现在可以办理的步骤 Steps the caller may take now")


def yuan(amount: Decimal) -> str:
    """An amount as a decimal string with two places ("21500.50"), whatever the database's sum returned."""
    return str(amount.quantize(CENT))


def _person(user: User | None) -> PersonOut | None:
    return None if user is None else PersonOut(username=user.username, name=user.display_name)


def case_summary(case: Case, next_due: dt.date | None, provisional: dt.date | None = None) -> dict[str, Any]:
    return {
        "id": case.pk,
        "reference": case.reference,
        "case_number": case.case_number,
        "state": case.state,
        "state_label": case.state_label,
        "source": case.source,
        "source_label": case.get_source_display(),
        "unit": UnitOut(code=case.unit.code, name=case.unit.name),
        "employer": EmployerOut(name=case.employer.name, credit_code=case.employer.credit_code),
        "handler": _person(case.handler),
        "received_on": case.received_on,
        "next_due": next_due,
        "next_provisional_due": provisional,
    }


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else yuan(amount)


def case_detail(user: User, case: Case) -> CaseDetailOut:
    """The case as the case page shows it to `user`: the same masking (`case_page.reading`: the complainant, the
    workers and the summary), facts and offered steps (`queries.step_options`)."""
    today = timezone.localdate()
    fine = performance_page.fine_status(case, today)
    seen = case_page.reading(user, case)
    person = case_page.complainant(user, case, seen)
    complainant = ComplainantOut(
        name=person.name, id_number=person.id_number, phone=person.phone, anonymous=case.anonymous, masked=person.masked
    )
    workers = [
        WorkerOut(
            id=row.line.pk,
            name=row.name,
            id_number=row.id_number,
            period_start=row.line.period_start,
            period_end=row.line.period_end,
            amount_owed=yuan(row.line.amount_owed),
            amount_paid=yuan(row.line.amount_paid),
            additional_compensation=yuan(row.line.additional_compensation),
            outstanding=yuan(row.line.outstanding),
        )
        for row in case_page.worker_rows(user, case, seen)
    ]
    periods = [
        PeriodOut(
            code=period.code,
            name=period.name,
            citation=period.citation,
            days=period.days,
            day_unit=period.day_unit,
            started_on=period.started_on,
            due_on=period.due_on,
            provisional_due_on=period.provisional_due_on if period.due_on is None else None,
            state=period.state,
            state_label=PeriodState(period.state).label,
        )
        for period in case.periods.order_by("started_on", "pk")
    ]
    steps = [
        StepOut(
            action=option.step.action,
            label=option.step.label,
            target=option.step.target.value if option.step.target else None,
            needs_reason=option.step.needs_reason,
            fields=list(option.step.fields),
            basis=option.step.basis,
            blockers=[seen.text(reason) for reason in option.blockers],
        )
        for option in queries.step_options(user, case, today)
    ]
    return CaseDetailOut(
        **case_summary(case, queries.first_due(case), queries.provisional_dates([case.pk]).get(case.pk)),
        procedure_version=case.procedure_version,
        version=case.version,
        co_handler=_person(case.co_handler),
        summary=seen.text(case.summary),
        filed_on=case.filed_on,
        decided_on=case.decided_on,
        closed_on=case.closed_on,
        proposed_outcome=case.proposed_outcome,
        decision_outcome=case.decision_outcome,
        suspended=case.suspended,
        extended=case.extended,
        violation_code=case.violation_code,
        violation_name=case_page.violation_name(case.violation_code) if case.violation_code else "",
        major_case=case.major_case,
        repeat_offender=case.repeat_offender,
        proposed_fine=_money(case.proposed_fine),
        fine_amount=_money(case.fine_amount),
        comply_by=case.comply_by,
        service_method=case.service_method,
        served_on=case.served_on,
        service_effective_on=case.service_effective_on,
        fine_paid_on=case.fine_paid_on,
        surcharge_due=yuan(fine.surcharge if fine is not None else Decimal("0")),
        surcharge_imposed=fine.imposed if fine is not None else False,
        surcharge_excluded_days=fine.excluded_days if fine is not None else 0,
        fine_outstanding=yuan(fine.fine_owed if fine is not None else Decimal("0")),
        payment_plan=fine.plan.describe() + f"（{fine_plan.PLAN_STATUS[fine.plan.status]}）"
        if fine is not None and fine.plan is not None
        else "",
        enforcement_window=performance_page.window_line(case)[0],
        deemed_accepted=case.deemed_accepted,
        total_owed=yuan(case.total_owed),
        total_paid=yuan(case.total_paid),
        findings=[FactOut(label=f.label, value=f.value, warn=f.warn) for f in case_page.case_facts(case, today)],
        complainant=complainant,
        workers=workers,
        periods=periods,
        steps=steps,
    )


# --- In --------------------------------------------------------------------------------------------------------------


class CaseFilters(Schema):
    state: State | None = Field(default=None, description="状态 State")
    source: SourceCode | None = Field(default=None, description="案件来源 Source")
    unit: str | None = Field(
        default=None,
        pattern=UNIT_CODE,
        max_length=32,
        description="机构代码：该机构及其下级机构的案件 Unit code, and below",
    )
    overdue: bool | None = Field(
        default=None, description="true：有已超期的期限 Has a running period past its due date"
    )
    violation: str | None = Field(
        default=None, pattern=r"^[a-z0-9_]{1,80}$", description="违法行为代码 Violation code (penalty_items)"
    )
    person: str | None = Field(
        default=None,
        max_length=30,
        pattern=LINE,
        description=(
            "投诉人或劳动者的完整手机号码或 18 位身份证号码，精确查找；仅办案人员可用 The complainant's or a worker's"
            " whole mobile or ID number, exact match; case-handling staff only"
        ),
    )
    limit: int = Field(default=20, ge=1, le=100, description="每页条数（最多 100） Page size, at most 100")
    offset: int = Field(default=0, ge=0, le=1_000_000_000, description="跳过的条数 Items to skip")


# What a registration may hold (a required name, a valid credit code, a complainant's phone, …) is checked by
# fazhi.cases.intake, as for the intake form, with the same Chinese messages; these shapes only bound what is read.


class EmployerIn(Schema):
    name: str = Field(..., max_length=200, pattern=LINE, description="单位名称 Name")
    credit_code: str = Field(
        default="",
        max_length=40,
        pattern=LINE,
        description="统一社会信用代码（18 位，校验位须正确） Unified social credit code",
    )
    address: str = Field(default="", max_length=300, pattern=LINE)
    legal_representative: str = Field(default="", max_length=50, pattern=LINE)


class ComplainantIn(Schema):
    name: str = Field(
        default="", max_length=50, pattern=LINE, description="投诉（举报）人 Name (required for complaints and reports)"
    )
    id_number: str = Field(default="", max_length=40, pattern=LINE, description="居民身份证号码 ID card number")
    phone: str = Field(
        default="",
        max_length=40,
        pattern=LINE,
        description="手机号码（投诉必填） Mobile number (required for complaints)",
    )
    anonymous: bool = False


class WorkerIn(Schema):
    name: str = Field(..., max_length=50, pattern=LINE)
    id_number: str = Field(default="", max_length=40, pattern=LINE)
    amount_owed: str = Field(
        ...,
        max_length=20,
        json_schema_extra={"pattern": AMOUNT, "examples": ["12000.50"]},
        description="拖欠金额（元）：大于 0、最多两位小数、小于 100 亿的十进制字符串 Decimal string, > 0, < 1e10",
    )
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class CaseIn(Schema):
    source: SourceCode = Field(..., description="案件来源 Source")
    unit: str | None = Field(
        default=None, pattern=UNIT_CODE, max_length=32, description="承办机构代码（默认为调用者的机构） Unit code"
    )
    employer: EmployerIn
    summary: str = Field(..., max_length=5000, pattern=TEXT, description="案情摘要 Summary")
    received_on: dt.date = Field(..., description="收到日期（不晚于今天） Date received, not in the future")
    complainant: ComplainantIn = Field(default_factory=lambda: ComplainantIn())
    workers: list[WorkerIn] = Field(
        default_factory=list,
        max_length=1000,
        description=f"欠薪明细（一次最多 {MAX_WORKERS} 条） Wage arrears lines, at most {MAX_WORKERS}",
    )
    handler: str | None = Field(default=None, pattern=USERNAME, description="主办人用户名 Handler's username")
    co_handler: str | None = Field(default=None, pattern=USERNAME, description="协办人用户名 Co-handler's username")


# A step's data: field names as in the transition table, values short text, whole numbers or true/false.
DataKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,49}$")]
DataValue = (
    bool
    | Annotated[int, Field(ge=-(2**53), le=2**53)]
    | Annotated[str, StringConstraints(max_length=5000, pattern=TEXT)]
)


class StepPath(Schema):
    id: int = Field(..., ge=1, le=MAX_ID, description="案件 id Case id")
    # Any text is taken, so that an unknown step answers 404; the document lists the steps of the table.
    action: str = Field(
        ..., max_length=50, json_schema_extra={"enum": list(BY_ACTION)}, description="步骤 Step (fazhi.cases.workflow)"
    )


class StepIn(Schema):
    reason: str = Field(default="", max_length=2000, pattern=TEXT, description="理由（部分步骤必填） Reason")
    data: dict[DataKey, DataValue] = Field(
        default_factory=dict,
        max_length=20,
        description=(
            '步骤的字段（见案件详情 steps[].fields）：选项、文字、日期（YYYY-MM-DD）、金额（如 "3500.00"）'
            "和人员（用户名）均为字符串，是否类字段（waived、consent、major_case）为 true/false。"
            "如 proposed_outcome、violation_code、proposed_fine、decision_outcome、fine_amount、comply_by、"
            "service_method、served_on、worker（欠薪明细 id）、amount。"
            ' The step\'s fields: strings (dates YYYY-MM-DD, amounts like "3500.00", people by username),'
            " flags as booleans."
        ),
    )
    expected_version: int | None = Field(
        default=None, ge=1, le=2_000_000_000, description="案件详情中的 version；不一致时返回 409 The version you saw"
    )


def case_id_path() -> Any:
    """The `{id}` of a case endpoint's path."""
    return path_param(..., ge=1, le=MAX_ID, description="案件 id Case id")
