"""The fields the steps of the procedure take, checked once for the case page's forms and for the API alike.

`clean_step_data` turns what was typed or sent into the JSON-able values `transition(data=...)` takes (and the journal
records), or says in Chinese what is wrong with each field. It checks form: a date is a date, an amount is an amount,
a choice is one of the options, a required field is filled. Whether the values are allowed by the procedure (a fine
for a penalty, a hearing 7 working days ahead, a certified replacement) is the guards' answer
(`fazhi.cases.procedure`), given when the step is taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi.accounts.models import User
from fazhi.cases.fine_plan import PLAN_KINDS
from fazhi.cases.models import Case
from fazhi.cases.outcomes import (
    EXCLUDED_PERIOD_KINDS,
    POLICE_RECONSIDERATION_RESULTS,
    PRESERVATION_DECISIONS,
    PROCEDURE_OUTCOMES,
    RECORD_KINDS,
    RECUSED_ROLES,
    REFUSAL_GROUNDS,
    SERVICE_METHODS,
)
from fazhi.cases.procedure.base import Transition
from fazhi.cases.procedure.common import same_district
from fazhi.rules.facts import HARM_LABELS, MITIGATION_GROUNDS
from fazhi.rules.violations import all_violations
from fazhi.text import text_problem

# Correction within the deadline of the order to correct: yes, no (not chosen: not known).
CORRECTED_IN_TIME = {"yes": "是，在期限内改正", "no": "否，逾期未改正"}
# 行政处罚法 第七十二条第一款第（一）项: the organ "可以" impose the surcharge (absent: imposed).
SURCHARGE_CHOICES = {"yes": "加处罚款（每日按罚款数额的百分之三）", "no": "不加处罚款"}

# The largest amount a money field holds (12 digits, 2 of them decimals); SQLite does not enforce max_digits.
MAX_AMOUNT = Decimal("9999999999.99")
MAX_TEXT = 5000
MAX_LINE = 200
_AMOUNT = re.compile(r"\d{1,10}(\.\d{1,2})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _violations() -> dict[str, str]:
    return {v.code: f"{v.name}（{v.basis}）" for v in all_violations()}


def _workers(case: Case) -> dict[str, str]:
    return {
        str(line.pk): f"{line.name}（应付 {line.amount_owed} 元，已付 {line.amount_paid} 元）"
        for line in case.worker_lines.order_by("pk")
    }


@dataclass(frozen=True)
class StepField:
    name: str
    label: str
    kind: str  # "choice" | "text" | "line" | "date" | "amount" | "rate" | "staff" | "flag" | "count"
    required: bool = True
    options: Callable[[Case], Mapping[str, str]] | None = None  # for "choice"
    help: str = ""


def _fixed(options: Mapping[str, str]) -> Callable[[Case], Mapping[str, str]]:
    return lambda case: options


FIELDS: dict[str, StepField] = {
    field.name: field
    for field in (
        StepField("refusal_ground", "不予受理的法定理由", "choice", options=_fixed(REFUSAL_GROUNDS)),
        StepField("proposed_outcome", "拟处理意见", "choice", options=_fixed(PROCEDURE_OUTCOMES)),
        StepField(
            "violation_code",
            "违法行为",
            "choice",
            required=False,
            options=lambda case: _violations(),
            help="作出行政处罚或行政处理决定的，须选择违法行为",
        ),
        StepField("warning", "警告", "flag", required=False, help="行政处罚的种类之一（行政处罚法第九条）"),
        StepField("proposed_fine", "拟罚款金额（元）", "amount", required=False, help="拟罚款的填写"),
        StepField("confiscation_amount", "没收违法所得（元）", "amount", required=False, help="有违法所得的填写"),
        StepField("revoke_licence", "吊销的许可证件", "line", required=False, help="拟吊销许可证件的写明证件名称"),
        StepField(
            "stop_work", "责令停产停业（项目停工）", "line", required=False, help="拟责令停产停业或项目停工的写明范围"
        ),
        StepField(
            "correction",
            "责令改正的内容",
            "line",
            required=False,
            help="行政处罚同时责令改正（行政处罚法第二十八条）；不填则决定书写“责令你单位（于履行期限前）改正上述违法行为”",
        ),
        StepField(
            "new_facts",
            "新的事实和证据",
            "text",
            required=False,
            help="当事人陈述申辩后拟加重处罚的必填（行政处罚法第四十五条第二款）",
        ),
        StepField("major_case", "情节复杂或者重大违法行为（须集体讨论、法制审核）", "flag", required=False),
        StepField(
            "findings",
            "查明的违法事实",
            "text",
            required=False,
            help="告知书和决定书据此载明违法事实；作出处罚或处理决定的必填，勿写“拟”",
        ),
        StepField("occurred_on", "违法行为发生日期", "date", required=False, help="作出处罚或处理决定的必填"),
        StepField(
            "violation_ended_on", "违法行为终了日期", "date", required=False, help="连续或继续状态的违法行为填写"
        ),
        StepField("proposal", "处理意见的理由和依据", "text"),
        StepField(
            "also_violation_codes",
            "同一违法行为还违反的其他规定（违法行为代码，以逗号分隔）",
            "line",
            required=False,
            help="同一个违法行为违反多个法律规范应当给予罚款的，按照罚款数额高的规定处罚（行政处罚法第二十九条）",
        ),
        StepField(
            "workers", "受侵害的劳动者人数", "count", required=False, help="按人计罚的填写；不填按欠薪明细人数计"
        ),
        StepField("child_months", "使用童工的人月数", "count", required=False, help="每名童工使用月数之和"),
        StepField("base_amount", "计罚基数（元）", "amount", required=False, help="违法所得、欠缴或骗取金额等"),
        StepField(
            "harm",
            "危害后果",
            "choice",
            required=False,
            options=_fixed({h.value: label for h, label in HARM_LABELS.items()}),
        ),
        StepField("first_violation", "初次违法", "flag", required=False),
        StepField("corrected_promptly", "已及时改正", "flag", required=False),
        StepField(
            "mitigation",
            "应当从轻或者减轻处罚的情形",
            "choice",
            required=False,
            options=_fixed({key: label for key, (_, label) in MITIGATION_GROUNDS.items()}),
            help="行政处罚法第三十二条；低于法定最低限额罚款（减轻处罚）的须写明理由并送法制审核",
        ),
        StepField(
            "no_fault", "当事人有证据足以证明没有主观过错", "flag", required=False, help="行政处罚法第三十三条第二款"
        ),
        StepField(
            "safety_related",
            "涉及公民生命健康安全、金融安全且有危害后果",
            "flag",
            required=False,
            help="追责期限为五年（行政处罚法第三十六条）",
        ),
        # The facts a bureau's standard may tier by (行政处罚法 第三十四条): the proposal's form shows them only where a
        # tier of the standards names them (fazhi.cases.assessment.asked_facts), prefilled from what the case records.
        StepField(
            "amount_owed",
            "拖欠或欠缴的金额（元）",
            "amount",
            required=False,
            help="裁量基准按金额确定阶次；不填按欠薪明细的拖欠金额合计",
        ),
        StepField(
            "duration_months",
            "违法行为持续的月数",
            "count",
            required=False,
            help="裁量基准按持续时间确定阶次；不填按违法行为发生日期和终了日期计算",
        ),
        StepField(
            "duration_days",
            "违法行为持续的天数",
            "count",
            required=False,
            help="裁量基准按持续时间确定阶次；不填按违法行为发生日期和终了日期计算",
        ),
        StepField(
            "earlier_violations",
            "此前因同类违法行为被查处的次数",
            "count",
            required=False,
            help="不填按本系统档案记载；不能少于档案记载的次数",
        ),
        StepField(
            "corrected_in_time",
            "在责令改正期限内改正",
            "choice",
            required=False,
            options=_fixed(CORRECTED_IN_TIME),
            help="已复查整改情况的，按复查结果",
        ),
        StepField(
            "fine_reasons",
            "拟罚款超出裁量幅度或减轻处罚的理由",
            "text",
            required=False,
            help="拟罚款超出裁量基准的幅度、低于法定最低额（减轻处罚）或处罚种类与裁量基准不同的，须写明理由，并送法制审核",
        ),
        StepField("decision_outcome", "处理决定", "choice", required=False, options=_fixed(PROCEDURE_OUTCOMES)),
        StepField("facts_found", "决定认定的违法事实", "text", required=False, help="不填则按处理意见查明的违法事实"),
        StepField("fine_amount", "罚款金额（元）", "amount", required=False, help="作出行政处罚的填写"),
        StepField("comply_by", "履行（改正）期限", "date", required=False, help="责令限期改正或支付的填写"),
        StepField(
            "surcharge_imposed",
            "到期不缴纳罚款的，是否每日按罚款数额 3% 加处罚款",
            "choice",
            required=False,
            options=_fixed(SURCHARGE_CHOICES),
            help="行政处罚法第七十二条第一款第（一）项“可以”；不选即加处罚款，决定书据此告知",
        ),
        StepField("plan_kind", "申请事项", "choice", options=_fixed(PLAN_KINDS)),
        StepField("plan_reasons", "申请理由（确有经济困难的情况）", "text"),
        StepField("defer_to", "暂缓缴纳至", "date", required=False, help="申请暂缓（延期）缴纳的填写"),
        StepField(
            "instalments",
            "分期缴纳的日期和金额",
            "text",
            required=False,
            help="申请分期缴纳的填写，每期一行：“年-月-日 金额”，如“2026-04-10 5000”；各期合计应等于尚未缴纳的罚款",
        ),
        StepField("service_method", "送达方式", "choice", options=_fixed(SERVICE_METHODS)),
        StepField("served_on", "送达日期", "date", help="公告送达的，填写公告之日"),
        StepField("consent", "当事人已书面同意电子送达（签署确认书）", "flag", required=False),
        StepField(
            "short_public_notice",
            "按《广东省劳动保障监察条例》第四十一条处理或欠薪引发群体性事件（公告期三日）",
            "flag",
            required=False,
        ),
        StepField("public_notice_reason", "公告送达的原因和经过", "text", required=False, help="公告送达的必填"),
        StepField("notice_service_method", "告知书送达方式", "choice", options=_fixed(SERVICE_METHODS)),
        StepField("notice_served_on", "当事人收到告知书的日期", "date", help="听证申请期限自此日起算"),
        StepField("received_on", "收到日期", "date", help="当事人的申请或陈述申辩送达本机关之日"),
        StepField("waived", "当事人书面明确放弃陈述申辩和听证", "flag", required=False),
        StepField(
            "waiver_document", "书面放弃声明（名称、签署日期）", "line", required=False, help="放弃的须有书面声明"
        ),
        StepField("assign_handler", "主办人", "staff", required=False, help="尚未指定的须指定"),
        StepField("assign_co_handler", "协办人", "staff", required=False, help="尚未指定的须指定"),
        StepField("referred_to", "移送的人力资源社会保障行政部门", "line"),
        StepField("excluded_kind", "期间种类", "choice", options=_fixed(EXCLUDED_PERIOD_KINDS)),
        StepField("preservation_items", "拟登记保存的证据（名称、数量、存放地点）", "text"),
        StepField("preservation_decision", "处理决定", "choice", options=_fixed(PRESERVATION_DECISIONS)),
        StepField("record_kind", "笔录种类", "choice", options=_fixed(RECORD_KINDS)),
        StepField("held_on", "询问（检查）日期", "date"),
        StepField("place", "地点", "line"),
        StepField("subject", "被询问人（现场负责人）姓名及职务", "line"),
        StepField("content", "询问（检查）情况（问答或检查所见）", "text"),
        StepField("recused", "回避的办案人员", "choice", options=_fixed(RECUSED_ROLES)),
        StepField("replacement", "改由（持证监察员）", "staff"),
        StepField("handler", "主办人", "staff"),
        StepField("co_handler", "协办人", "staff"),
        StepField("defence", "当事人陈述、申辩的内容及复核意见", "text"),
        StepField("hearing_on", "听证日期", "date"),
        StepField(
            "hearing_notice_served_on",
            "听证通知送达当事人的日期",
            "date",
            required=False,
            help="不填按今天；须在听证七个工作日前",
        ),
        StepField("hearing_presider", "听证主持人（非本案调查人员）", "staff"),
        StepField("hearing_record", "听证笔录摘要", "text"),
        StepField("discussion", "集体讨论记录（参加人员、意见、结论）", "text"),
        StepField("paid_on", "支付（缴纳）日期", "date"),
        StepField("amount", "金额（元）", "amount"),
        StepField("worker", "劳动者", "choice", options=_workers),
        StepField(
            "rate", "加付赔偿金比例（0.5–1.0，即 50%–100%）", "rate", required=False, help="责令加付赔偿金的填写"
        ),
        StepField("corrected", "已按期改正", "flag", required=False, help="逾期未改正的不勾选"),
        StepField(
            "prior_order",
            "此前责令限期改正的文书（名称、文号）",
            "line",
            required=False,
            help="违法行为须“逾期不改正”方可罚款、本案未作责令改正决定的填写",
        ),
        StepField("prior_order_due_on", "此前责令改正的期限", "date", required=False),
        # The transfer of a suspected crime (fazhi.cases.procedure.transfer; 移送规定 第五条至第十二条).
        StepField(
            "transfer_report",
            "移送涉嫌犯罪案件的书面报告（涉嫌犯罪的事实、证据和理由）",
            "text",
            help="专案组核实情况后提出，报本机关正职负责人审批（移送规定第五条第一款）",
        ),
        StepField(
            "transfer_items", "涉案物品清单", "text", required=False, help="名称、数量、存放地点；没有的写“无”或不填"
        ),
        StepField("transfer_refusal_reason", "不批准移送的理由", "text", help="记录在案（移送规定第五条第二款）"),
        StepField("police_organ", "移送的公安机关", "line", help="同级公安机关，与移送书所载一致"),
        StepField("receipt_on", "公安机关签收回执日期", "date"),
        StepField("police_decided_on", "接到公安机关书面通知的日期", "date"),
        StepField("police_refusal_reason", "公安机关不予立案的理由", "text"),
        StepField(
            "reconsideration_result", "公安机关复议决定", "choice", options=_fixed(POLICE_RECONSIDERATION_RESULTS)
        ),
        StepField("handed_over_on", "移交日期", "date", help="办结交接手续之日"),
        StepField("court_fine", "人民法院判处的罚金（元）", "amount"),
        StepField("court_judgment", "刑事判决书（法院、文号）", "line"),
    )
}


def fields_of(step: Transition) -> list[StepField]:
    return [FIELDS[name] for name in step.fields]


def _text(field: StepField, value: object) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.date) and field.kind == "date":
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and field.kind == "count":
        return str(value)
    if isinstance(value, Decimal | int) and not isinstance(value, bool) and field.kind in ("amount", "rate"):
        return str(value)
    return None


def missing(field: StepField) -> str:
    return f"请选择{field.label}" if field.kind in ("choice", "staff") else f"请填写{field.label}"


def _clean(field: StepField, raw: object, case: Case, today: dt.date) -> tuple[Any, str]:
    """(the cleaned value or None when empty, the problem or "")."""
    if field.kind == "flag":
        if raw in (None, ""):
            return False, ""
        if isinstance(raw, bool):
            return raw, ""
        if isinstance(raw, str) and raw.strip().lower() in {"on", "true", "1"}:
            return True, ""
        return None, "必须是 true 或 false"
    text = _text(field, raw) if raw is not None else ""
    if text is None:
        return None, "必须是字符串"
    if not text:
        return None, missing(field) if field.required else ""
    if field.kind == "choice":
        options = field.options(case) if field.options else {}
        if text not in options:
            shown = "、".join(list(options)[:12])
            return None, f"没有这个选项，请重新选择（可选：{shown}{'…' if len(options) > 12 else ''}）"
        return text, ""
    if field.kind in ("text", "line"):  # fazhi.text: no control or bidirectional characters (security review L1, L7)
        problem = text_problem(text, one_line=field.kind == "line")
        if problem:
            return None, problem
        most = MAX_TEXT if field.kind == "text" else MAX_LINE
        return (text, "") if len(text) <= most else (None, f"不能超过 {most} 个字")
    if field.kind == "date":
        if not _DATE.fullmatch(text):
            return None, "请按“年-月-日”填写日期，如 2026-03-09"
        try:
            return dt.date.fromisoformat(text).isoformat(), ""
        except ValueError:
            return None, "没有这一天，请核对日期"
    if field.kind in ("amount", "rate"):
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None, "应为数字，如 3500.00"
        if field.kind == "rate":
            if not number.is_finite() or not Decimal("0.5") <= number <= Decimal("1"):
                return None, "加付比例应在 0.5 至 1.0 之间（应付金额的 50% 至 100%）"
            return str(number.quantize(Decimal("0.01"))), ""
        if not _AMOUNT.fullmatch(text.replace(",", "")) or not number.is_finite():
            return None, "应为金额，最多两位小数，如 3500.00"
        if number <= 0:
            return None, "金额应大于零"
        if number > MAX_AMOUNT:
            return None, "金额过大，请核对"
        return str(number.quantize(Decimal("0.01"))), ""
    if field.kind == "count":
        if not (text.isascii() and text.isdigit()) or len(text) > 7:
            return None, "应为不超过 1000000 的整数"
        return (int(text), "") if int(text) <= 1_000_000 else (None, "应为不超过 1000000 的整数")
    if field.kind == "staff":
        return _staff_member(field, text, case)
    raise AssertionError(f"unknown field kind {field.kind}")


# One answer for a user name that does not exist, is not active, or works outside the case's reach (security review
# I2): a different answer for each would let any case worker list the user names and names of the whole organisation.
NO_OFFICER_HERE = "本案承办机构中没有这个在职的执法人员"
NO_STAFF_IN_ORGAN = "本机关中没有这个在职的工作人员"


def _staff_member(field: StepField, text: str, case: Case) -> tuple[str | None, str]:
    """The user name of an active staff member within the field's reach, or the field's one refusal."""
    user = User.objects.filter(username=text, is_active=True).select_related("unit").first()
    if field.name == "hearing_presider":
        # The presider is staff of the organ (the case's district or above it), 行政处罚法 第六十四条第一款第（四）项.
        return (user.username, "") if user is not None and same_district(user, case) else (None, NO_STAFF_IN_ORGAN)
    in_unit = user is not None and user.unit is not None and user.unit.path.startswith(case.unit.path)
    return (user.username, "") if user is not None and in_unit else (None, NO_OFFICER_HERE)


def reasons(problems: Mapping[str, str]) -> list[str]:
    """The problems as sentences that name their field (for the action's refusal)."""
    out = []
    for name, problem in problems.items():
        field = FIELDS.get(name)
        label = field.label if field else name
        out.append(f"{problem}。" if field and problem == missing(field) else f"{label}：{problem}。")
    return out


def clean_step_data(
    step: Transition, raw: Mapping[str, Any], case: Case, today: dt.date, *, strict: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """(the step's data, the problems by field). `strict` (the API) also refuses fields the step does not take."""
    data: dict[str, Any] = {}
    problems: dict[str, str] = {}
    if strict:
        allowed = set(step.fields)
        for name in sorted(set(raw) - allowed):
            problems[name] = f"“{step.label}”没有这个字段（可填：{'、'.join(sorted(allowed)) or '无'}）"
    for field in fields_of(step):
        value, problem = _clean(field, raw.get(field.name), case, today)
        if problem:
            problems[field.name] = problem
        elif value not in (None, False):
            data[field.name] = value
    for name, check in _CHECKS.items():
        if name in data and name not in problems:
            problem = check(data[name], case, today)
            if problem:
                problems[name] = problem
    return data, problems


def _not_future_nor_before_decision(what: str) -> Callable[[str, Case, dt.date], str]:
    def check(value: str, case: Case, today: dt.date) -> str:
        day = dt.date.fromisoformat(value)
        if day > today:
            return f"{what}不能晚于今天"
        if case.decided_on and day < case.decided_on:
            return f"{what}不能早于决定日期"
        return ""

    return check


def _comply_by(value: str, case: Case, today: dt.date) -> str:
    return "履行期限应晚于今天" if dt.date.fromisoformat(value) <= today else ""


def _held_on(value: str, case: Case, today: dt.date) -> str:
    day = dt.date.fromisoformat(value)
    if day > today:
        return "询问（检查）日期不能晚于今天"
    if case.filed_on and day < case.filed_on:
        return "询问（检查）日期不能早于立案日期"
    return ""


def _hearing_on(value: str, case: Case, today: dt.date) -> str:
    return "听证日期应晚于今天" if dt.date.fromisoformat(value) <= today else ""


def _not_future(what: str) -> Callable[[str, Case, dt.date], str]:
    def check(value: str, case: Case, today: dt.date) -> str:
        return f"{what}不能晚于今天" if dt.date.fromisoformat(value) > today else ""

    return check


# Checks of one value against the case and today (form only; the procedure's rules are guards).
_CHECKS: dict[str, Callable[[Any, Case, dt.date], str]] = {
    "served_on": _not_future_nor_before_decision("送达日期"),
    "paid_on": _not_future_nor_before_decision("支付日期"),
    "comply_by": _comply_by,
    "hearing_on": _hearing_on,
    "held_on": _held_on,
    "occurred_on": _not_future("违法行为发生日期"),
    "violation_ended_on": _not_future("违法行为终了日期"),
    "notice_served_on": _not_future("告知书送达日期"),
    "received_on": _not_future("收到日期"),
    "hearing_notice_served_on": _not_future("听证通知送达日期"),
    "receipt_on": _not_future("签收日期"),
    "police_decided_on": _not_future("接到通知的日期"),
    "handed_over_on": _not_future("移交日期"),
}
