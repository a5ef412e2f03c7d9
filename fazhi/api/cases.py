"""Case endpoints: scoped reads, intake, and every step of the procedure through the same actions as the screens.

Every read goes through `fazhi.cases.queries.visible_cases` (a case of another district answers 404, as if it did not
exist); every write through `fazhi.cases.actions` (role, scope and guards checked there, one journal entry each,
refusals journaled). The two POSTs take an `Idempotency-Key` header (fazhi.api.idempotency).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Path, Query, Router, Status
from ninja.errors import HttpError
from ninja.params.functions import Header as header_param

from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import unit_by_code, visible_users
from fazhi.api import idempotency
from fazhi.api.auth import API_AUTH, require_case_reader, visible_case
from fazhi.api.case_schemas import (
    AMOUNT,
    EARLIEST_RECEIPT,
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
from fazhi.cases import queries, stepfields
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
from fazhi.cases.models import Period, PeriodState
from fazhi.cases.stepfields import clean_step_data
from fazhi.cases.workflow import BY_ACTION, Transition
from fazhi.journal.request import client_ip
from fazhi.rules.identifiers import (
    normalize_credit_code,
    normalize_id_number,
    normalize_mobile,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

router = Router(tags=["cases"], auth=API_AUTH)

_AMOUNT = re.compile(AMOUNT)
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
    cases = queries.visible_cases(user)
    if filters.state is not None:
        cases = cases.filter(state=filters.state.value)
    if filters.source is not None:
        cases = cases.filter(source=filters.source)
    if filters.unit is not None:
        unit = unit_by_code(filters.unit)
        if unit is None:
            return _invalid([{**_problem("unit", f"没有代码为 {filters.unit} 的机构"), "loc": ["query", "unit"]}])
        cases = cases.filter(unit__path__startswith=unit.path)
    if filters.overdue is not None:
        late = Period.objects.filter(case=OuterRef("pk"), state=PeriodState.RUNNING, due_on__lt=timezone.localdate())
        cases = cases.filter(Exists(late) if filters.overdue else ~Exists(late))
    if filters.violation is not None:
        cases = cases.filter(violation_code=filters.violation)
    count = cases.count()
    page = queries.with_next_due(cases).order_by("-received_on", "-pk")[filters.offset : filters.offset + filters.limit]
    items = [CaseSummaryOut(**case_summary(case, getattr(case, "next_due", None))) for case in page]
    return CasePageOut(count=count, limit=filters.limit, offset=filters.offset, items=items)


@router.get(
    "/{id}",
    response={200: CaseDetailOut, 404: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="案件详情 Case detail",
    description=(
        "案件、欠薪明细（身份证号码脱敏）、期限、版本号、调用者现在可办理的步骤；投诉人信息仅对办案人员显示原文，"
        "对电子监察员脱敏（劳动保障监察条例第九条）。 The case with its worker lines (ID numbers masked), periods, "
        "version and the steps you may take; the complainant is masked unless you work cases." + _ERRORS_DESCRIPTION
    ),
    operation_id="cases_detail",
)
def get_case(request: HttpRequest, id: int = case_id_path()) -> Any:
    user = require_case_reader(request)
    return case_detail(user, visible_case(user, id))


def _intake_problems(payload: CaseIn, today: dt.date) -> list[dict[str, Any]]:
    """What the schema's types cannot say, each named by its field (in Chinese)."""
    problems = []
    if not payload.employer.name.strip():
        problems.append(_problem("employer.name", "请填写用人单位名称"))
    if payload.employer.credit_code.strip():
        found = validate_credit_code(payload.employer.credit_code)
        if found:
            problems.append(_problem("employer.credit_code", "；".join(found)))
    if not payload.summary.strip():
        problems.append(_problem("summary", "请填写案情摘要"))
    if payload.received_on > today:
        problems.append(_problem("received_on", "收到日期不能晚于今天"))
    elif payload.received_on < EARLIEST_RECEIPT:
        problems.append(_problem("received_on", f"收到日期不能早于 {EARLIEST_RECEIPT:%Y-%m-%d}"))
    complainant = payload.complainant
    if payload.source == "complaint" and (complainant.anonymous or not complainant.name.strip()):
        problems.append(_problem("complainant.name", "投诉须登记投诉人姓名（匿名的按举报处理，广东条例第三十四条）"))
    if complainant.id_number.strip():
        found = validate_id_number(complainant.id_number, today=today)
        if found:
            problems.append(_problem("complainant.id_number", "；".join(found)))
    if complainant.phone.strip():
        found = validate_mobile(complainant.phone)
        if found:
            problems.append(_problem("complainant.phone", "；".join(found)))
    for index, worker in enumerate(payload.workers):
        if not worker.name.strip():
            problems.append(_problem(f"workers.{index}.name", "请填写劳动者姓名"))
        if not _AMOUNT.match(worker.amount_owed) or Decimal(worker.amount_owed) <= 0:
            problems.append(
                _problem(
                    f"workers.{index}.amount_owed",
                    "拖欠金额须为大于 0、小于 100 亿、最多两位小数的数字（如“12000.50”）",
                )
            )
        if worker.id_number.strip():
            found = validate_id_number(worker.id_number, today=today)
            if found:
                problems.append(_problem(f"workers.{index}.id_number", "；".join(found)))
        if worker.period_start and worker.period_end and worker.period_end < worker.period_start:
            problems.append(_problem(f"workers.{index}.period_end", "欠薪截止日期不能早于起始日期"))
    if payload.handler and payload.handler == payload.co_handler:
        problems.append(_problem("co_handler", "协办人不能与主办人为同一人"))
    return problems


def _staff_in(actor: User, unit: Unit, username: str | None, field: str, problems: list[dict[str, Any]]) -> User | None:
    """A handler: an active staff member of the case's unit or a unit below it, whom the caller may see."""
    if not username:
        return None
    found = visible_users(actor).filter(username=username, is_active=True, unit__path__startswith=unit.path).first()
    if found is None:
        problems.append(_problem(field, f"承办机构及其下级机构中没有在职的工作人员 {username}"))
    return found


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
    today = timezone.localdate()
    problems = _intake_problems(payload, today)
    unit = unit_by_code(payload.unit) if payload.unit else user.unit
    handler = co_handler = None
    if unit is None:
        problems.append(_problem("unit", f"没有代码为 {payload.unit} 的机构" if payload.unit else "请指定承办机构"))
    else:
        handler = _staff_in(user, unit, payload.handler, "handler", problems)
        co_handler = _staff_in(user, unit, payload.co_handler, "co_handler", problems)
    if problems:
        return _invalid(problems)
    assert unit is not None

    def act() -> Status[Any]:
        try:
            case = register_case(
                actor=user,
                source=payload.source,
                unit=unit,
                employer_name=payload.employer.name,
                employer_credit_code=normalize_credit_code(payload.employer.credit_code),
                employer_address=payload.employer.address,
                legal_representative=payload.employer.legal_representative,
                summary=payload.summary,
                received_on=payload.received_on,
                complainant_name=payload.complainant.name,
                complainant_id_number=normalize_id_number(payload.complainant.id_number),
                complainant_phone=normalize_mobile(payload.complainant.phone),
                anonymous=payload.complainant.anonymous,
                workers=[
                    WorkerInput(
                        name=worker.name,
                        amount_owed=Decimal(worker.amount_owed),
                        id_number=normalize_id_number(worker.id_number),
                        period_start=worker.period_start,
                        period_end=worker.period_end,
                    )
                    for worker in payload.workers
                ],
                handler=handler,
                co_handler=co_handler,
                ip=client_ip(request),
            )
        except TransitionRefused as refused:
            return Status(403, error(refused.message))
        except CaseActionError as wrong:
            return Status(422, BlockedOut(message=wrong.message, detail=wrong.message))
        return Status(201, case_detail(user, case))

    return idempotency.run_once(request, user=user, key=idempotency_key, body=payload, act=act)


def _unknown_fields(step: Transition, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Fields the step does not take (a typo must not be silently ignored); the values of the fields it takes are
    checked by the action, as for the case page (fazhi.cases.stepfields)."""
    allowed = set(step.fields)
    return [
        _problem(f"data.{name}", f"“{step.label}”没有这个字段（可填：{'、'.join(sorted(allowed)) or '无'}）")
        for name in sorted(set(data) - allowed)
    ]


@router.post(
    "/{id}/steps/{action}",
    response={200: CaseDetailOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="办理步骤 Take a step of the procedure",
    description=(
        "以调用者身份办理一个步骤（与办案页面同一办理程序：核对角色、范围和程序规则，记入全过程记录），返回办理后的案件。"
        "可办理的步骤见案件详情 `steps`。403 无权办理（已记录）；409 案件已被他人处理或 expected_version 已过期；"
        "422 程序规则不允许（`reasons` 列出原因）；404 案件或步骤不存在。"
        " Takes one step as the caller through the same action as the case page and answers the updated case."
        " 403: refused (journaled); 409: the case moved on or "
        "expected_version is stale; 422: a rule of the procedure says no (`reasons`); 404: unknown case or step."
        + _BODY_ERRORS
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
    problems = _unknown_fields(step, payload.data)
    if problems:
        return _invalid(problems)
    # The fields are checked before the case's state, as the case page's form checks them before the step is taken.
    _, wrong = clean_step_data(step, payload.data, case, timezone.localdate())
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
