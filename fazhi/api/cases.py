"""Case endpoints: scoped reads, intake, and every step of the procedure through the same actions as the screens.

Every read goes through `fazhi.cases.queries.visible_cases` (a case of another district answers 404, as if it did not
exist); every write through `fazhi.cases.actions` (role, scope and guards checked there, one journal entry each,
refusals journaled). The two POSTs take an `Idempotency-Key` header (fazhi.api.idempotency).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Path, Query, Router, Status
from ninja.errors import HttpError
from ninja.params.functions import Header as header_param

from fazhi.accounts.access import can_write
from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import unit_by_code
from fazhi.api import idempotency
from fazhi.api.auth import API_AUTH, require_case_reader, visible_case
from fazhi.api.case_schemas import (
    BlockedOut,
    CaseDetailOut,
    CaseFilters,
    CaseIn,
    CasePageOut,
    CaseSummaryOut,
    ErrorOut,
    StepIn,
    StepPath,
    case_detail,
    case_id_path,
    case_summary,
    error,
)
from fazhi.cases import intake, queries, stepfields
from fazhi.cases.actions import (
    CaseActionError,
    InvalidCaseInput,
    TransitionBlocked,
    TransitionConflict,
    TransitionRefused,
    WorkerInput,
    register_case,
    transition,
)
from fazhi.cases.search import identifier_problem
from fazhi.cases.stepfields import clean_step_data
from fazhi.cases.workflow import BY_ACTION
from fazhi.journal.request import client_ip

router = Router(tags=["cases"], auth=API_AUTH)

_UNAUTHORISED = {401: ErrorOut, 403: ErrorOut}


def _idempotency_key() -> Any:
    return header_param(
        None,
        alias=idempotency.HEADER,
        min_length=1,
        max_length=100,
        pattern=idempotency.KEY_PATTERN,
        description=(
            "幂等键（1–100 个可见 ASCII 字符，如 UUID）：同一键、同一请求重试只办理一次，返回首次的结果；"
            "同一键用于不同请求返回 422。A retried request with the same key applies once."
        ),
    )


NEEDS_PRECONDITION = (
    "“{label}”不改变案件状态，每次提交都会登记一次：请提交案件详情中的 version 作为 expected_version，"
    "或在请求头中提供 Idempotency-Key，以免重复登记。"
)
_BODY_ERRORS = " 400 请求内容不是 JSON body is not JSON."
_ERRORS_DESCRIPTION = (
    "\n\n错误 Errors: 401 未登录或令牌无效 not authenticated; 403 无权（角色或范围） not allowed; "
    "404 案件不存在或不在您的范围内 unknown case or not in your scope; 422 参数有误 invalid input (`message` 中文)."
)


def _problem(field: str, reason: str) -> dict[str, Any]:
    return {"loc": ["body", *field.split(".")], "msg": reason, "type": "value_error"}


def _invalid(problems: list[dict[str, Any]]) -> Status[BlockedOut]:
    fields = "；".join(f"{'.'.join(p['loc'][1:])}：{p['msg']}" for p in problems)
    return Status(422, BlockedOut(message=f"请求参数有误 — {fields}", detail=problems))


@router.get(
    "",
    response={200: CasePageOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="案件列表 List cases",
    description=(
        "您的范围内的案件（本机构及下级机构；电子监察员为全部），按收到日期倒序分页。不含投诉人身份。"
        " Cases in your scope, newest first, paginated; no complainant identity." + _ERRORS_DESCRIPTION
    ),
    operation_id="cases_list",
)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    user = require_case_reader(request)
    unit = None
    if filters.unit is not None:
        unit = unit_by_code(filters.unit)
        if unit is None:
            return _invalid([{**_problem("unit", f"没有代码为 {filters.unit} 的机构"), "loc": ["query", "unit"]}])
    overdue = {True: queries.DUE_OVERDUE, False: queries.DUE_IN_TIME, None: ""}[filters.overdue]
    person = (filters.person or "").strip()
    if person:
        if not can_write(user):
            raise HttpError(403, "只有办案人员可以按身份证号码或手机号码查找案件。")
        if problem := identifier_problem(person):
            return _invalid([{**_problem("person", problem), "loc": ["query", "person"]}])
    cases = queries.filtered_cases(
        user,
        today=timezone.localdate(),
        state=filters.state.value if filters.state is not None else "",
        source=filters.source or "",
        unit=unit,
        due=overdue,
        violation=filters.violation or "",
        person=person,
    )
    count = cases.count()
    page = list(cases[filters.offset : filters.offset + filters.limit])
    provisional = queries.provisional_dates(case.pk for case in page if getattr(case, "awaiting_calendar", False))
    items = [
        CaseSummaryOut(**case_summary(case, getattr(case, "next_due", None), provisional.get(case.pk))) for case in page
    ]
    return CasePageOut(count=count, limit=filters.limit, offset=filters.offset, items=items)


@router.get(
    "/{id}",
    response={200: CaseDetailOut, 404: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="案件详情 Case detail",
    description=(
        "案件、欠薪明细、期限、版本号、调用者现在可办理的步骤（与办案页面相同）；投诉人和劳动者的姓名、身份证号码、"
        "电话及案情摘要中的姓名、证件号码仅对本案承办人和审批、审核人员显示原文，对电子监察员等其他人员脱敏"
        "（劳动保障监察条例第九条）。 The case with its worker lines, periods, version and the steps you may take, as "
        "the case page shows them; the complainant's and the workers' identities (and those in the summary) are masked "
        "unless you handle the case or approve its steps." + _ERRORS_DESCRIPTION
    ),
    operation_id="cases_detail",
)
def get_case(request: HttpRequest, id: int = case_id_path()) -> Any:
    user = require_case_reader(request)
    return case_detail(user, visible_case(user, id))


# `fazhi.cases.intake` names the fields as `register_case` does; the API's body nests some of them.
_INTAKE_PATHS = {
    "employer_name": "employer.name",
    "employer_credit_code": "employer.credit_code",
    "employer_address": "employer.address",
    "legal_representative": "employer.legal_representative",
    "complainant_name": "complainant.name",
    "complainant_id_number": "complainant.id_number",
    "complainant_phone": "complainant.phone",
    "anonymous": "complainant.anonymous",
}


# A decimal number as sent; whether it is a possible amount (above zero, at most two decimals, not too large) is
# fazhi.cases.intake's to say, in the intake form's words.
_NUMBER = re.compile(r"-?[0-9]{1,20}(\.[0-9]{1,20})?")


def _amount(text: str) -> Decimal | None:
    """A worker's amount as sent (a decimal string), or None when it is not a number."""
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def _intake(payload: CaseIn, unit: Unit | None, today: dt.date) -> tuple[intake.Intake, list[dict[str, Any]]]:
    """The registration as `fazhi.cases.intake` cleaned it, and the problems by field: what the body cannot be read
    as (an amount, a person), then every rule of `intake.clean`, with the same Chinese messages as the intake form."""
    unread: dict[str, str] = {}
    workers = []
    for index, worker in enumerate(payload.workers):
        amount = _amount(worker.amount_owed)
        if amount is None:
            unread[f"workers.{index}.amount_owed"] = "请填写金额数字，如“12000.50”"
        workers.append(intake.Worker(worker.name, amount, worker.id_number, worker.period_start, worker.period_end))
    people: dict[str, User | None] = {}
    for field, username in (("handler", payload.handler), ("co_handler", payload.co_handler)):
        people[field] = User.objects.select_related("unit").filter(username=username).first() if username else None
        if username and people[field] is None:  # the same answer as for a person who may not handle: no oracle
            unread[field] = intake.HANDLER_CHOICE
    typed = intake.Intake(
        source=payload.source,
        received_on=payload.received_on,
        employer_name=payload.employer.name,
        summary=payload.summary,
        employer_credit_code=payload.employer.credit_code,
        employer_address=payload.employer.address,
        legal_representative=payload.employer.legal_representative,
        complainant_name=payload.complainant.name,
        complainant_id_number=payload.complainant.id_number,
        complainant_phone=payload.complainant.phone,
        anonymous=payload.complainant.anonymous,
        workers=workers,
        handler=people["handler"],
        co_handler=people["co_handler"],
    )
    cleaned, problems = intake.clean(typed, unit=unit, today=today)
    found = {**{field: problem for field, problem in problems.items() if field not in unread}, **unread}
    return cleaned, [_problem(_INTAKE_PATHS.get(field, field), problem) for field, problem in found.items()]


@router.post(
    "",
    response={201: CaseDetailOut, 400: ErrorOut, 409: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="登记案件 Register a case (intake)",
    description=(
        "登记投诉、举报或自行发现的案件（与受理窗口使用同一办理程序，记入全过程记录）。只有本机构及下级机构的监察员、"
        '科长可以登记。金额为字符串，如 "12000.50"。 Registers a complaint, a report or an own discovery through the '
        "same action as the intake form. Amounts are decimal strings."
        + _ERRORS_DESCRIPTION
        + _BODY_ERRORS
        + " 409: 同一幂等键的请求正在处理 a request with the same Idempotency-Key is in progress."
    ),
    operation_id="cases_register",
)
def create_case(request: HttpRequest, payload: Body[CaseIn], idempotency_key: str | None = _idempotency_key()) -> Any:
    user = require_case_reader(request)
    unit = unit_by_code(payload.unit) if payload.unit else user.unit
    typed, problems = _intake(payload, unit, timezone.localdate())
    if unit is None:
        problems.append(_problem("unit", f"没有代码为 {payload.unit} 的机构" if payload.unit else "请指定承办机构"))
    if problems:
        return _invalid(problems)
    assert unit is not None
    received_on = typed.received_on
    assert received_on is not None

    def act() -> Status[Any]:
        try:
            case = register_case(
                actor=user,
                source=typed.source,
                unit=unit,
                employer_name=typed.employer_name,
                employer_credit_code=typed.employer_credit_code,
                employer_address=typed.employer_address,
                legal_representative=typed.legal_representative,
                summary=typed.summary,
                received_on=received_on,
                complainant_name=typed.complainant_name,
                complainant_id_number=typed.complainant_id_number,
                complainant_phone=typed.complainant_phone,
                anonymous=typed.anonymous,
                workers=[
                    WorkerInput(
                        name=worker.name,
                        amount_owed=worker.amount_owed,
                        id_number=worker.id_number,
                        period_start=worker.period_start,
                        period_end=worker.period_end,
                    )
                    for worker in typed.workers
                    if worker.amount_owed is not None  # always, once cleaned
                ],
                handler=typed.handler,
                co_handler=typed.co_handler,
                ip=client_ip(request),
            )
        except TransitionRefused as refused:
            return Status(403, error(refused.message))
        except intake.InvalidIntake as wrong:
            return _invalid([_problem(_INTAKE_PATHS.get(f, f), problem) for f, problem in wrong.problems.items()])
        except CaseActionError as wrong:
            return Status(422, BlockedOut(message=wrong.message, detail=wrong.message))
        return Status(201, case_detail(user, case))

    return idempotency.run_once(request, user=user, key=idempotency_key, body=payload, act=act)


@router.post(
    "/{id}/steps/{action}",
    response={
        200: CaseDetailOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: BlockedOut,
        428: ErrorOut,
        **_UNAUTHORISED,
    },
    summary="办理步骤 Take a step of the procedure",
    description=(
        "以调用者身份办理一个步骤（与办案页面同一办理程序：核对角色、范围和程序规则，记入全过程记录），返回办理后的案件。"
        "可办理的步骤见案件详情 `steps`。403 无权办理（已记录）；409 案件已被他人处理或 expected_version 已过期；"
        "422 程序规则不允许（`reasons` 列出原因）；404 案件或步骤不存在。"
        " Takes one step as the caller through the same action as the case page and answers the updated case."
        " 403: refused (journaled); 409: the case moved on or "
        "expected_version is stale; 422: a rule of the procedure says no (`reasons`); 404: unknown case or step."
        " **重复提交**：不改变案件状态的登记类步骤（如 record_investigation 询问笔录、record_wage_payment 工资支付、"
        "record_fine_payment 罚款缴纳）每提交一次就登记一次，因此必须提交详情中的 `version` 作为 expected_version"
        "（他人先办理时返回 409）或 Idempotency-Key（同一键只办理一次），两者都没有时返回 428。"
        " **Retries**: a step that records something without changing the state (record_investigation,"
        " record_wage_payment, record_fine_payment …) records once per request, so it needs the detail's `version` as"
        " expected_version (409 when someone acted first) or an Idempotency-Key (applied once per key): 428 without"
        " either." + _BODY_ERRORS
    ),
    operation_id="cases_step",
)
def take_step(
    request: HttpRequest,
    path: Path[StepPath],
    payload: Body[StepIn],
    idempotency_key: str | None = _idempotency_key(),
) -> Any:
    user = require_case_reader(request)
    case = visible_case(user, path.id)
    action = path.action
    step = BY_ACTION.get(action)
    if step is None:
        raise HttpError(404, f"没有名为 {action} 的办案步骤。")
    if step.target is None and payload.expected_version is None and idempotency_key is None:
        # A step that leaves the state where it is records once per request: two identical calls (a retry, two
        # clients) would record twice. It must say which version it saw or carry a key (security review L8).
        return Status(428, error(NEEDS_PRECONDITION.format(label=step.label)))
    # The fields are checked before the case's state, as the case page's form checks them before the step is taken;
    # `strict`: a field the step does not take is refused (a typo must not be silently ignored).
    _, wrong = clean_step_data(step, payload.data, case, timezone.localdate(), strict=True)
    unknown = [name for name in wrong if name not in step.fields]
    if unknown:
        return _invalid([_problem(f"data.{name}", wrong[name]) for name in unknown])
    if wrong:
        reasons = stepfields.reasons(wrong)
        if step.needs_reason and not payload.reason.strip():
            reasons.append(f"{step.label}须填写理由。")
        detail = [_problem(f"data.{name}", problem) for name, problem in wrong.items()]
        return Status(422, BlockedOut(message="；".join(reasons), detail=detail, reasons=reasons))

    def act() -> Status[Any]:
        try:
            moved = transition(
                actor=user,
                case=case,
                action=action,
                data=dict(payload.data),
                reason=payload.reason,
                expected_version=payload.expected_version,
                ip=client_ip(request),
            )
        except TransitionRefused as refused:
            return Status(403, error(refused.message))
        except TransitionConflict as conflict:
            return Status(409, error(conflict.message))
        except TransitionBlocked as blocked:
            detail: Any = [_problem(f"data.{name}", problem) for name, problem in blocked.fields.items()]
            return Status(
                422, BlockedOut(message=blocked.message, detail=detail or blocked.reasons, reasons=blocked.reasons)
            )
        except InvalidCaseInput as wrong:
            return Status(422, BlockedOut(message=wrong.message, detail=wrong.message))
        return Status(200, case_detail(user, moved))

    return idempotency.run_once(request, user=user, key=idempotency_key, body=payload, act=act)
