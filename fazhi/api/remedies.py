"""Reconsideration (行政复议) and litigation (行政诉讼) endpoints: the bureau's records as respondent and defendant —
list and read them in the caller's scope, register one on a case, and take its steps through the same actions as the
staff pages (fazhi.remedies.actions: role, scope, state, the statute's conditions, one journal entry each; refusals
journaled). A record or case outside the caller's scope answers 404, as if it did not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params.functions import Path as path_param

from fazhi.accounts.models import User
from fazhi.api.auth import API_AUTH, require_case_reader, visible_case
from fazhi.api.case_schemas import LINE, MAX_ID, TEXT, BlockedOut, ErrorOut, PeriodOut, error
from fazhi.cases.models import Case, Decision
from fazhi.journal.request import client_ip
from fazhi.remedies import actions, queries
from fazhi.remedies.calls import LITIGATION_CALLS, RECONSIDERATION_CALLS
from fazhi.remedies.forms import LITIGATION_FORMS, RECONSIDERATION_FORMS
from fazhi.remedies.models import Litigation, Reconsideration
from fazhi.remedies.workflow import LITIGATION_BY_ACTION, RECONSIDERATION_BY_ACTION

router = Router(tags=["remedies"], auth=API_AUTH)

_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: BlockedOut}
_ERRORS_DESCRIPTION = (
    "\n\n错误 Errors: 400 请求内容不是有效的 JSON malformed body; 401 未登录 not authenticated; "
    "403 无权（角色或范围，已记录） not allowed (journaled); "
    "404 记录或案件不存在或不在您的范围内 unknown or out of scope; "
    "409 记录已被他人处理（状态已变） the record moved on; 422 参数有误或法定条件不满足 invalid input or a statutory "
    "condition fails (`reasons` 中文, `detail` names each field)."
)
Kind = Literal["reconsiderations", "litigations"]
RecordAction = Literal[
    "record_discussion",
    "approve_answer",
    "submit_answer",
    "record_hearing",
    "record_suspension",
    "record_outcome",
    "approve_defence",
    "submit_defence",
    "record_judgment",
    "register_appeal",
    "record_effective",
    "record_performance",
]


def _line(description: str, default: str = "") -> Any:
    return Field(default, max_length=200, pattern=LINE, description=description)


def _text(description: str) -> Any:
    return Field("", max_length=2000, pattern=TEXT, description=description)


def _id(description: str) -> Any:
    return Field(None, ge=1, le=MAX_ID, description=description)


class RecordOut(Schema):
    id: int
    kind: str = Field(..., description="reconsideration 行政复议 | litigation 行政诉讼")
    kind_label: str
    case: int
    case_number: str
    decision: int
    state: str
    state_label: str
    applicant: str | None = Field(None, description="申请人（行政复议）")
    organ: str | None = Field(None, description="行政复议机关")
    applied_on: dt.date | None = None
    accepted_on: dt.date | None = None
    simple_procedure: bool | None = None
    answered_on: dt.date | None = None
    decision_number: str | None = Field(None, description="行政复议决定书文号")
    instance: str | None = Field(None, description="first 第一审 | appeal 第二审")
    first_instance: int | None = None
    reconsideration: int | None = None
    court: str | None = None
    plaintiff: str | None = None
    appellant: str | None = None
    co_defendant: str | None = None
    filed_on: dt.date | None = None
    defence_submitted_on: dt.date | None = None
    ruling_kind: str | None = None
    judgment_number: str | None = None
    appeal_deadline: dt.date | None = Field(None, description="上诉期限届满日（行政诉讼法第八十五条）")
    effective_on: dt.date | None = None
    performed_on: dt.date | None = None
    copy_received_on: dt.date
    discussed_on: dt.date | None
    approved_on: dt.date | None
    hearing_on: dt.date | None
    appearance: str
    appeared_name: str
    head_absence_reason: str
    execution_suspended_on: dt.date | None
    outcome: str
    outcome_label: str
    decided_on: dt.date | None
    served_on: dt.date | None
    periods: list[PeriodOut]
    steps: list[str] = Field(..., description="调用者现在可办理的步骤 The steps the caller may take now")


class ReconsiderationIn(Schema):
    case: int = Field(..., ge=1, le=MAX_ID, description="案件 id Case id")
    decision: int | None = _id("被申请的决定 id（默认本案最新决定） The decision challenged (default: the latest)")
    applicant: str = _line("申请人 Applicant")
    applicant_is_party: bool = Field(True, description="申请人为本案当事人")
    organ: str = _line("行政复议机关（默认为本级人民政府，行政复议法第二十四条） Reconsideration organ")
    organ_number: str = _line("复议案号")
    request: str = _text("复议请求")
    applied_on: dt.date = Field(..., description="申请日期 YYYY-MM-DD")
    accepted_on: dt.date = Field(..., description="受理日期 YYYY-MM-DD")
    copy_received_on: dt.date = Field(..., description="收到申请书副本日期：答复期限自次日起算（第四十八条）")
    simple_procedure: bool = Field(False, description="适用简易程序（第五十三条、第五十四条：5个工作日内答复）")


class LitigationIn(Schema):
    case: int = Field(..., ge=1, le=MAX_ID, description="案件 id Case id")
    decision: int | None = _id("被诉的决定 id（默认本案最新决定） The decision challenged")
    reconsideration: int | None = _id("经过的行政复议 id（已送达复议决定） The reconsideration it follows")
    court: str = _line("人民法院 Court")
    court_number: str = _line("法院案号")
    plaintiff: str = _line("原告 Plaintiff")
    claims: str = _text("诉讼请求")
    filed_on: dt.date = Field(..., description="起诉日期 YYYY-MM-DD")
    copy_received_on: dt.date = Field(..., description="收到起诉状副本日期：答辩期限15日（第六十七条）")
    co_defendant: str | None = Field(
        None, max_length=200, pattern=LINE, description="共同被告（空：复议维持时为复议机关，第二十六条第二款）"
    )


class StepIn(Schema):
    """The fields of every step; each step takes its own (see the staff page's forms) and ignores none silently."""

    discussed_on: dt.date | None = Field(None, description="集体讨论日期 (record_discussion)")
    minutes: str = _text("集体讨论纪要 (record_discussion)")
    answered_on: dt.date | None = Field(None, description="提交答复日期 (submit_answer)")
    submitted_on: dt.date | None = Field(None, description="提交答辩状日期 (submit_defence)")
    hearing_on: dt.date | None = Field(None, description="听证（开庭）日期 (record_hearing)")
    appearance: str = Field("", max_length=20, pattern=LINE, description="head | staff | lawyer_only | none")
    appeared_name: str = _line("出庭（参加）人员")
    appeared_title: str = _line("职务")
    head_absence_reason: str = _text("负责人未出庭的理由（第三条第三款；复议法第五十一条第三款）")
    suspended_on: dt.date | None = Field(None, description="停止执行日期 (record_suspension)")
    basis: str = _line("停止执行的决定或者裁定 (record_suspension)")
    outcome: str = Field(
        "",
        max_length=20,
        pattern=LINE,
        description="upheld | revoked | revoked_redo | changed | "
        "confirmed_unlawful | void | ordered_to_act | dismissed | withdrawn | remanded",
    )
    ruling_kind: str = Field("", max_length=10, pattern=LINE, description="judgment 判决 | ruling 裁定")
    decided_on: dt.date | None = Field(None, description="决定（裁判）日期")
    served_on: dt.date | None = Field(None, description="送达日期")
    decision_number: str = _line("行政复议决定书文号 (record_outcome)")
    judgment_number: str = _line("裁判文书案号 (record_judgment)")
    note: str = _text("摘要或履行情况")
    appellant: str = _line("上诉人 (register_appeal)")
    court: str = _line("第二审人民法院 (register_appeal)")
    court_number: str = _line("法院案号 (register_appeal)")
    claims: str = _text("上诉请求 (register_appeal)")
    filed_on: dt.date | None = Field(None, description="上诉日期 (register_appeal)")
    copy_received_on: dt.date | None = Field(None, description="收到上诉状副本日期 (register_appeal)")
    performed_on: dt.date | None = Field(None, description="履行日期 (record_performance)")


def _periods(record: Reconsideration | Litigation) -> list[PeriodOut]:
    return [
        PeriodOut(
            code=p.code,
            name=p.name,
            citation=p.citation,
            days=p.days,
            day_unit=p.day_unit,
            started_on=p.started_on,
            due_on=p.due_on,
            provisional_due_on=p.provisional_due_on if p.due_on is None else None,
            state=p.state,
            state_label=p.get_state_display(),
        )
        for p in queries.record_periods(record)
    ]


def _out(user: User, record: Reconsideration | Litigation) -> RecordOut:
    common: dict[str, Any] = {
        "id": record.pk,
        "kind_label": record.kind_label,
        "case": record.case_id,
        "case_number": record.case.display_number,
        "decision": record.decision_id,
        "state": record.state,
        "state_label": record.state_label,
        "copy_received_on": record.copy_received_on,
        "discussed_on": record.discussed_on,
        "approved_on": record.approved_on,
        "hearing_on": record.hearing_on,
        "appearance": record.appearance,
        "appeared_name": record.appeared_name,
        "head_absence_reason": record.head_absence_reason,
        "execution_suspended_on": record.execution_suspended_on,
        "outcome": record.outcome,
        "outcome_label": record.outcome_label,
        "decided_on": record.decided_on,
        "served_on": record.served_on,
        "periods": _periods(record),
        "steps": [step.action for step in queries.steps_for(user, record)],
    }
    if isinstance(record, Reconsideration):
        return RecordOut(
            kind="reconsideration",
            applicant=record.applicant,
            organ=record.organ,
            applied_on=record.applied_on,
            accepted_on=record.accepted_on,
            simple_procedure=record.simple_procedure,
            answered_on=record.answered_on,
            decision_number=record.decision_number,
            **common,
        )
    return RecordOut(
        kind="litigation",
        instance=record.instance,
        first_instance=record.first_instance_id,
        reconsideration=record.reconsideration_id,
        court=record.court,
        plaintiff=record.plaintiff,
        appellant=record.appellant,
        co_defendant=record.co_defendant,
        filed_on=record.filed_on,
        defence_submitted_on=record.defence_submitted_on,
        ruling_kind=record.ruling_kind,
        judgment_number=record.judgment_number,
        appeal_deadline=record.appeal_deadline,
        effective_on=record.effective_on,
        performed_on=record.performed_on,
        **common,
    )


def _blocked(blocked: actions.RemedyBlocked) -> Status[BlockedOut]:
    detail = [{"field": name, "reason": reason} for name, reason in zip(blocked.fields, blocked.reasons, strict=False)]
    return Status(422, BlockedOut(message=blocked.message, detail=detail or blocked.reasons, reasons=blocked.reasons))


def _run(act: Callable[[], Reconsideration | Litigation], user: User, created: bool = False) -> Any:
    try:
        record = act()
    except actions.RemedyRefused as refused:
        return Status(403, error(refused.message))
    except actions.RemedyConflict as conflict:
        return Status(409, error(conflict.message))
    except actions.RemedyBlocked as blocked:
        return _blocked(blocked)
    except actions.RemedyError as wrong:
        return Status(422, BlockedOut(message=wrong.message, detail=wrong.message, reasons=[wrong.message]))
    return Status(201 if created else 200, _out(user, record))


def _record(user: User, kind: str, pk: int) -> Reconsideration | Litigation:
    found = queries.reconsideration_for(user, pk) if kind == "reconsiderations" else queries.litigation_for(user, pk)
    if found is None:
        raise HttpError(404, "未找到该记录，或该记录不在您的范围内。")
    return found


def _decision(case: Case, pk: int | None) -> Decision | None:
    if pk is None:
        return None
    found = Decision.objects.filter(case=case, pk=pk).first()
    if found is None:
        raise HttpError(404, "本案没有该决定。")
    return found


LIST_LIMIT = 200


@router.get(
    "/reconsiderations",
    response={200: list[RecordOut], 401: ErrorOut, 403: ErrorOut},
    summary="行政复议列表 List reconsiderations",
    description="调用者范围内的行政复议（最多200件），新登记的在前。 The caller's reconsiderations, newest first."
    + _ERRORS_DESCRIPTION,
    operation_id="remedies_reconsideration_list",
)
def list_reconsiderations(request: HttpRequest) -> Any:
    user = require_case_reader(request)
    return [_out(user, record) for record in queries.records(user, "reconsideration")[:LIST_LIMIT]]


@router.get(
    "/litigations",
    response={200: list[RecordOut], 401: ErrorOut, 403: ErrorOut},
    summary="行政诉讼列表 List lawsuits",
    description="调用者范围内的行政诉讼（各审级，最多200件），新登记的在前。 The caller's lawsuits, newest first."
    + _ERRORS_DESCRIPTION,
    operation_id="remedies_litigation_list",
)
def list_litigations(request: HttpRequest) -> Any:
    user = require_case_reader(request)
    return [_out(user, record) for record in queries.records(user, "litigation")[:LIST_LIMIT]]


@router.get(
    "/{kind}/{id}",
    response={200: RecordOut, **_ERRORS},
    summary="行政复议、行政诉讼详情 Read one record",
    description="记录、其法定期限和调用者可办理的步骤。 The record, its periods and the caller's steps."
    + _ERRORS_DESCRIPTION,
    operation_id="remedies_get",
)
def get_record(request: HttpRequest, kind: Kind, id: int = path_param(..., ge=1, le=MAX_ID)) -> Any:
    user = require_case_reader(request)
    return _out(user, _record(user, kind, id))


def _registration(user: User, payload: ReconsiderationIn | LitigationIn) -> tuple[Case, dict[str, Any]]:
    """The case in the caller's scope and the action's arguments: the payload's fields with the decision found."""
    case = visible_case(user, payload.case)
    data = payload.dict()
    data.pop("case")
    data["decision"] = _decision(case, payload.decision)
    return case, data


@router.post(
    "/reconsiderations",
    response={201: RecordOut, 400: ErrorOut, **_ERRORS},
    summary="登记行政复议 Register a reconsideration",
    description=(
        "法制审核员收到行政复议申请书副本后登记，答复期限（10个工作日，简易程序5个工作日；行政复议法第四十八条、第五十四条、"
        "第八十八条第二款）开始计算。 Registers a reconsideration; the answer period starts." + _ERRORS_DESCRIPTION
    ),
    operation_id="remedies_reconsideration_create",
)
def create_reconsideration(request: HttpRequest, payload: ReconsiderationIn) -> Any:
    user = require_case_reader(request)
    case, data = _registration(user, payload)
    ip = client_ip(request)
    return _run(lambda: actions.register_reconsideration(actor=user, case=case, ip=ip, **data), user, created=True)


@router.post(
    "/litigations",
    response={201: RecordOut, 400: ErrorOut, **_ERRORS},
    summary="登记行政诉讼 Register a lawsuit",
    description=(
        "法制审核员收到起诉状副本后登记第一审，答辩期限（15日，行政诉讼法第六十七条第一款）开始计算；上诉以步骤 "
        "`register_appeal` 登记。 Registers a first instance; the defence period starts." + _ERRORS_DESCRIPTION
    ),
    operation_id="remedies_litigation_create",
)
def create_litigation(request: HttpRequest, payload: LitigationIn) -> Any:
    user = require_case_reader(request)
    case, data = _registration(user, payload)
    if payload.reconsideration is not None:
        data["reconsideration"] = queries.decided_reconsiderations(case).filter(pk=payload.reconsideration).first()
        if data["reconsideration"] is None:
            raise HttpError(404, "本案没有该已决定的行政复议。")
    ip = client_ip(request)
    return _run(lambda: actions.register_litigation(actor=user, case=case, ip=ip, **data), user, created=True)


@router.post(
    "/{kind}/{id}/steps/{action}",
    response={200: RecordOut, 400: ErrorOut, **_ERRORS},
    summary="办理步骤 Take a step",
    description=(
        "以调用者身份办理一个步骤（与页面同一办理程序），返回办理后的记录。可办理的步骤见详情 `steps`；"
        "各步骤所需字段见 StepIn（与页面表单相同）。 Takes one step and answers the record." + _ERRORS_DESCRIPTION
    ),
    operation_id="remedies_step",
)
def take_step(
    request: HttpRequest,
    kind: Kind,
    action: RecordAction,
    payload: StepIn,
    id: int = path_param(..., ge=1, le=MAX_ID),
) -> Any:
    user = require_case_reader(request)
    record = _record(user, kind, id)
    table = RECONSIDERATION_BY_ACTION if kind == "reconsiderations" else LITIGATION_BY_ACTION
    step_forms = RECONSIDERATION_FORMS if kind == "reconsiderations" else LITIGATION_FORMS
    if action not in table:
        raise HttpError(404, f"{record.kind_label}没有名为 {action} 的步骤。")
    data = {name: getattr(payload, name) for name in step_forms[action].base_fields}
    ip = client_ip(request)
    call = (RECONSIDERATION_CALLS if kind == "reconsiderations" else LITIGATION_CALLS)[action]
    return _run(lambda: call(user, record, data, ip), user)
