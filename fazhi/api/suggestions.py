"""Judicial and procuratorial suggestion endpoints: scoped reads, registration, and every step through the same
actions as the staff pages (role, scope and state checked there, one journal entry each, refusals journaled).

A suggestion outside the caller's scope answers 404, as if it did not exist (`fazhi.suggestions.queries`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params.functions import Path as path_param

from fazhi.accounts.models import User
from fazhi.accounts.queries import unit_by_code
from fazhi.api.auth import API_AUTH, require_case_reader
from fazhi.api.case_schemas import LINE, MAX_ID, TEXT, UNIT_CODE, USERNAME, BlockedOut, ErrorOut, error
from fazhi.cases.queries import case_for
from fazhi.journal.request import client_ip
from fazhi.suggestions import actions, queries
from fazhi.suggestions.models import Suggestion
from fazhi.suggestions.workflow import BY_ACTION, STEPS

router = Router(tags=["suggestions"], auth=API_AUTH)

_UNAUTHORISED = {401: ErrorOut, 403: ErrorOut}
_ERRORS = (
    "\n\n错误 Errors: 401 未登录或令牌无效 not authenticated; 403 无权（角色或范围，已记录） not allowed (journaled); "
    "404 建议不存在或不在您的范围内 unknown suggestion or not in your scope; 409 已被他人处理 the suggestion moved on; "
    "422 参数有误或条件不满足（`reasons` 列出原因） invalid input or a condition fails."
)
KindCode = Literal["judicial", "procuratorial"]
SendHow = Literal["in_person", "mail", "electronic"]
StepName = Literal[
    "assign", "answer_point", "submit_reply", "return_reply", "approve_reply", "send_reply", "record_feedback"
]
assert set(StepName.__args__) == {s.action for s in STEPS if s.sources}  # type: ignore[attr-defined]


class PointOut(Schema):
    number: int = Field(..., description="序号 Number of the point")
    text: str = Field(..., description="建议内容 The point as the organ wrote it")
    measures: str = Field(..., description="采取的措施 Measures taken")
    result: str = Field(..., description="落实结果 Result")
    answered: bool = Field(..., description="已答复 Answered")
    answered_on: dt.date | None = Field(..., description="答复日期 Day answered")


class SuggestionOut(Schema):
    id: int
    kind: str = Field(..., description="类别：judicial 司法建议、procuratorial 检察建议 Kind")
    organ: str = Field(..., description="建议机关（人民法院、人民检察院） Issuing court or procuratorate")
    number: str = Field(..., description="建议书文号 The suggestion's number")
    subject: str = Field(..., description="事由 Subject")
    received_on: dt.date = Field(..., description="收到日期 Day received")
    reply_due_on: dt.date = Field(..., description="答复期限 Reply deadline")
    deadline_source: str = Field(..., description="期限来源：stated 建议书写明、default 默认期限 Where it comes from")
    overdue: bool = Field(..., description="未答复且已超期 Open and past the deadline")
    state: str = Field(..., description="状态 State (fazhi.suggestions.workflow.State)")
    state_label: str = Field(..., description="状态（中文） State in Chinese")
    unit: str = Field(..., description="涉及机构代码 Unit code")
    case_id: int | None = Field(..., description="涉及案件 id Case concerned, if any")
    handler: str | None = Field(..., description="承办人用户名 Handler's username")
    reply_number: str = Field(..., description="回复函文号（批准后） Reply letter's number, once approved")
    sent_on: dt.date | None = Field(..., description="发送日期 Day the reply was sent")
    answered_late: bool = Field(..., description="逾期答复 Sent after the deadline")


class SuggestionPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[SuggestionOut]


class SuggestionDetailOut(SuggestionOut):
    points: list[PointOut] = Field(..., description="建议事项与逐条答复 The points and their answers")
    steps: list[str] = Field(..., description="调用者现在可以办理的步骤 Steps the caller may take now")
    reply_pdf_sha256: str = Field(..., description="回复函 PDF 的 SHA-256 Hash of the reply letter's PDF")
    feedback: str = Field(..., description="建议机关反馈 The organ's feedback")


class SuggestionFilters(Schema):
    kind: KindCode | None = Field(default=None, description="类别 Kind")
    overdue: bool | None = Field(default=None, description="true：只看未答复且已超期的 Open and past the deadline")
    limit: int = Field(default=20, ge=1, le=100, description="每页条数（最多 100） Page size, at most 100")
    offset: int = Field(default=0, ge=0, le=1_000_000_000, description="跳过的条数 Items to skip")


class SuggestionIn(Schema):
    kind: KindCode = Field(..., description="类别 Kind")
    organ: str = Field(..., min_length=1, max_length=100, pattern=LINE, description="建议机关 Issuing organ")
    number: str = Field(..., min_length=1, max_length=80, pattern=LINE, description="建议书文号 Number")
    subject: str = Field(..., min_length=1, max_length=200, pattern=LINE, description="事由 Subject")
    received_on: dt.date = Field(..., description="收到日期（不晚于今天） Day received, not in the future")
    stated_deadline: dt.date | None = Field(
        default=None, description="建议书写明的答复期限；不填按默认期限 Deadline the suggestion states"
    )
    unit: str | None = Field(
        default=None, pattern=UNIT_CODE, max_length=32, description="涉及机构代码（默认为调用者的机构） Unit code"
    )
    case_id: int | None = Field(default=None, ge=1, le=MAX_ID, description="涉及案件 id Case concerned")
    other_cases: str = Field(default="", max_length=300, pattern=LINE, description="其他涉及案件 Other cases")
    points: list[str] = Field(
        ...,
        min_length=1,
        max_length=actions.MAX_POINTS,
        description="建议内容，逐条 The points, in order",
        json_schema_extra={"items": {"type": "string", "maxLength": actions.MAX_TEXT, "pattern": TEXT}},
    )


class StepIn(Schema):
    """The fields a step takes (the others are ignored): assign — handler; answer_point — point, measures, result;
    submit_reply — reply_text; return_reply — reason; send_reply — sent_on, sent_how; record_feedback — received_on,
    feedback."""

    handler: str | None = Field(default=None, pattern=USERNAME, description="承办人用户名 Handler (assign)")
    point: int | None = Field(default=None, ge=1, le=1000, description="条目序号 Point number (answer_point)")
    measures: str = Field(default="", max_length=actions.MAX_TEXT, pattern=TEXT, description="采取的措施 Measures")
    result: str = Field(default="", max_length=actions.MAX_TEXT, pattern=TEXT, description="落实结果 Result")
    reply_text: str = Field(default="", max_length=actions.MAX_TEXT, pattern=TEXT, description="回复函开头 Opening")
    reason: str = Field(default="", max_length=actions.MAX_TEXT, pattern=TEXT, description="退回理由 Reason")
    sent_on: dt.date | None = Field(default=None, description="发送日期 Day sent (send_reply)")
    sent_how: SendHow | None = Field(default=None, description="发送方式 How sent (send_reply)")
    received_on: dt.date | None = Field(default=None, description="收到反馈日期 Day feedback received")
    feedback: str = Field(default="", max_length=actions.MAX_TEXT, pattern=TEXT, description="反馈内容 Feedback")


class StepPath(Schema):
    id: int = Field(..., ge=1, le=MAX_ID, description="建议 id Suggestion id")
    action: StepName = Field(..., description="步骤 Step (fazhi.suggestions.workflow)")


def _summary(s: Suggestion, today: dt.date) -> dict[str, Any]:
    return {
        "id": s.pk,
        "kind": s.kind,
        "organ": s.organ,
        "number": s.number,
        "subject": s.subject,
        "received_on": s.received_on,
        "reply_due_on": s.reply_due_on,
        "deadline_source": s.deadline_source,
        "overdue": s.overdue_on(today),
        "state": s.state,
        "state_label": s.state_label,
        "unit": s.unit.code,
        "case_id": s.case_id,
        "handler": s.handler.username if s.handler else None,
        "reply_number": s.reply_number,
        "sent_on": s.sent_on,
        "answered_late": s.answered_late,
    }


def _detail(user: User, s: Suggestion) -> SuggestionDetailOut:
    today = timezone.localdate()
    points = [
        PointOut(
            number=p.number,
            text=p.text,
            measures=p.measures,
            result=p.result,
            answered=p.answered,
            answered_on=p.answered_on,
        )
        for p in queries.points_of(s)
    ]
    return SuggestionDetailOut(
        **_summary(s, today),
        points=points,
        steps=[step.action for step in queries.steps_for(user, s)],
        reply_pdf_sha256=s.reply_pdf_sha256,
        feedback=s.feedback,
    )


def _visible(user: User, pk: int) -> Suggestion:
    found = queries.suggestion_for(user, pk)
    if found is None:
        raise HttpError(404, "未找到该建议，或该建议不在您的范围内。")
    return found


def _blocked(wrong: actions.SuggestionBlocked) -> Status[BlockedOut]:
    detail = [{"loc": ["body", name], "msg": wrong.message, "type": "value_error"} for name in wrong.fields]
    return Status(422, BlockedOut(message=wrong.message, detail=detail or wrong.reasons, reasons=wrong.reasons))


@router.get(
    "",
    response={200: SuggestionPageOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="司法建议和检察建议列表 List suggestions",
    description=(
        "您的范围内的司法建议和检察建议，按收到日期倒序分页，含答复期限和是否超期。"
        " Judicial and procuratorial suggestions in your scope, newest first, with the reply deadline." + _ERRORS
    ),
    operation_id="suggestions_list",
)
def list_suggestions(request: HttpRequest, filters: Query[SuggestionFilters]) -> Any:
    user = require_case_reader(request)
    today = timezone.localdate()
    state = {True: queries.OVERDUE, False: "", None: ""}[filters.overdue]
    rows = queries.suggestions(user, today=today, state=state, kind=filters.kind or "")
    count = rows.count()
    items = [SuggestionOut(**_summary(s, today)) for s in rows[filters.offset : filters.offset + filters.limit]]
    return SuggestionPageOut(count=count, limit=filters.limit, offset=filters.offset, items=items)


@router.get(
    "/{id}",
    response={200: SuggestionDetailOut, 404: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="建议详情 Suggestion detail",
    description=(
        "建议、逐条答复、回复函文号和哈希、调用者现在可以办理的步骤。"
        " The suggestion, its points and answers, the reply letter's number and hash, the steps you may take." + _ERRORS
    ),
    operation_id="suggestions_detail",
)
def get_suggestion(
    request: HttpRequest, id: int = path_param(..., ge=1, le=MAX_ID, description="建议 id Suggestion id")
) -> Any:
    user = require_case_reader(request)
    return _detail(user, _visible(user, id))


@router.post(
    "",
    response={201: SuggestionDetailOut, 400: ErrorOut, 404: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="登记收到的建议 Register a received suggestion",
    description=(
        "登记收到的司法建议或检察建议及其逐条内容（法制审核员或科长）。答复期限以建议书写明的为准，未写明的按默认期限"
        "（司法建议 60 日、检察建议两个月，本局可配置）。"
        " Registers a suggestion and its points; the stated deadline wins, else the default." + _ERRORS
    ),
    operation_id="suggestions_register",
)
def create_suggestion(request: HttpRequest, payload: Body[SuggestionIn]) -> Any:
    user = require_case_reader(request)
    unit = unit_by_code(payload.unit) if payload.unit else user.unit
    if unit is None:
        problem = f"没有代码为 {payload.unit} 的机构" if payload.unit else "请指定涉及机构"
        return Status(422, BlockedOut(message=problem, detail=problem, reasons=[problem]))
    case = None
    if payload.case_id is not None:
        case = case_for(user, payload.case_id)
        if case is None:
            raise HttpError(404, "未找到该案件，或该案件不在您的范围内。")
    try:
        suggestion = actions.receive_suggestion(
            actor=user,
            kind=payload.kind,
            organ=payload.organ,
            number=payload.number,
            subject=payload.subject,
            received_on=payload.received_on,
            unit=unit,
            points=payload.points,
            case=case,
            other_cases=payload.other_cases,
            stated_deadline=payload.stated_deadline,
            ip=client_ip(request),
        )
    except actions.SuggestionRefused as refused:
        return Status(403, error(refused.message))
    except actions.SuggestionBlocked as wrong:
        return _blocked(wrong)
    return Status(201, _detail(user, _visible(user, suggestion.pk)))


@router.post(
    "/{id}/steps/{action}",
    response={200: SuggestionDetailOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: BlockedOut, **_UNAUTHORISED},
    summary="办理步骤 Take a step",
    description=(
        "以调用者身份办理一个步骤（与页面同一办理程序）：assign 分办、answer_point 逐条答复、submit_reply 提请审批、"
        "return_reply 退回、approve_reply 负责人批准（生成回复函）、send_reply 发送、record_feedback 登记反馈。"
        "每条均答复后才能提请审批和批准。 Takes one step as the caller through the same action as the page." + _ERRORS
    ),
    operation_id="suggestions_step",
)
def take_step(request: HttpRequest, path: Path[StepPath], payload: Body[StepIn]) -> Any:
    user = require_case_reader(request)
    suggestion = _visible(user, path.id)
    if path.action not in BY_ACTION:
        raise HttpError(404, f"没有名为 {path.action} 的步骤。")
    ip = client_ip(request)
    try:
        if path.action == "assign":
            handler = User.objects.filter(username=payload.handler).first() if payload.handler else None
            moved = actions.assign_suggestion(actor=user, suggestion=suggestion, handler=handler, ip=ip)
        elif path.action == "answer_point":
            if payload.point is None:
                raise actions.SuggestionBlocked(["请指明答复的条目序号（point）。"], ["point"])
            moved = actions.answer_point(
                actor=user,
                suggestion=suggestion,
                point=payload.point,
                measures=payload.measures,
                result=payload.result,
                ip=ip,
            )
        elif path.action == "submit_reply":
            moved = actions.submit_reply(actor=user, suggestion=suggestion, reply_text=payload.reply_text, ip=ip)
        elif path.action == "return_reply":
            moved = actions.return_reply(actor=user, suggestion=suggestion, reason=payload.reason, ip=ip)
        elif path.action == "approve_reply":
            moved = actions.approve_reply(actor=user, suggestion=suggestion, ip=ip)
        elif path.action == "send_reply":
            moved = actions.send_reply(
                actor=user, suggestion=suggestion, sent_on=payload.sent_on, sent_how=payload.sent_how or "", ip=ip
            )
        else:
            moved = actions.record_feedback(
                actor=user, suggestion=suggestion, received_on=payload.received_on, feedback=payload.feedback, ip=ip
            )
    except actions.SuggestionRefused as refused:
        return Status(403, error(refused.message))
    except actions.SuggestionConflict as conflict:
        return Status(409, error(conflict.message))
    except actions.SuggestionBlocked as wrong:
        return _blocked(wrong)
    return Status(200, _detail(user, _visible(user, moved.pk)))
