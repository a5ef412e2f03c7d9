"""The penalty calculator and the published standards (public: the standards are public law, 行政处罚法 第三十四条).

POST /penalties/assess answers the fine range in yuan, the measures, the tier, the citations and a Chinese explanation
for a violation and its facts; GET /penalties/standards lists the versions; GET /penalties/violations/{code} shows a
violation's basis, measures and tiers under the standard in force; GET /penalties/powers is the 权责清单.

A bureau's standard chooses its tier by the facts its tiers name (workers, the amount owed, how long the violation
lasted, earlier violations, correction within the order's deadline, the harm …); until they are given the answer keeps
the statutory range and lists them in `needs` (docs/standards-format.md).

Codes of penalty_items.csv are never renamed: a retired code (its row governed by another law now) is still accepted
and answered with its replacement (`violation` is the replacement, `requested_violation` the code sent). Fields are
only ever added to the answers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from fazhi.law import queries
from fazhi.rules.facts import MAX_AMOUNT, MAX_COUNT, FactsError, parse_facts
from fazhi.rules.measures import mandatory_measures, measures_for
from fazhi.rules.powers import power_list
from fazhi.rules.violations import UnknownViolation, needs_prior_order, violation

router = Router(tags=["penalties"], auth=None)

HarmName = Literal["none", "minor", "moderate", "serious"]
Ground = Literal[
    "eliminated_harm", "coerced", "confessed", "cooperated", "other_statutory", "mediated_performed", "mediated_agreed"
]
MeasureKindName = Literal["order_correction", "warning", "fine", "confiscation", "revoke_licence", "stop_work"]


class FactsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    workers: int | None = Field(None, ge=0, le=MAX_COUNT, description="受侵害的劳动者人数（按人计罚的违法行为必填）")
    child_months: int | None = Field(None, ge=0, le=MAX_COUNT, description="使用童工的人月数（每名童工月数之和）")
    base_amount: Decimal | None = Field(
        None, ge=0, le=MAX_AMOUNT, decimal_places=2, description="计罚基数（元）：违法所得、欠缴或骗取金额、罚款数额等"
    )
    days: int | None = Field(None, ge=0, le=MAX_COUNT, description="按日计算的天数")
    first_violation: bool = Field(False, description="初次违法")
    corrected_promptly: bool = Field(False, description="及时改正")
    harm: HarmName | None = Field(None, description="危害后果：none 没有、minor 轻微、moderate 一定、serious 严重")
    repeat_within_year: bool = Field(False, description="受行政处罚后一年内再次发生同类违法行为（从重）")
    mitigation: list[Ground] = Field(
        default_factory=list,
        description="行政处罚法第三十二条应当从轻或者减轻的情形（mediated_performed、mediated_agreed："
        "广东省劳动保障监察条例第四十二条第二款、第三款的调解）",
    )
    no_fault: bool = Field(False, description="有证据足以证明没有主观过错")
    safety_related: bool = Field(
        False, description="涉及公民生命健康安全、金融安全（有危害后果的，追责期限为五年，行政处罚法第三十六条）"
    )
    occurred_on: dt.date | None = Field(None, description="违法行为发生日")
    ended_on: dt.date | None = Field(None, description="连续或者继续状态的终了日")
    discovered_on: dt.date | None = Field(None, description="发现（投诉、举报）日，默认今天")
    amount_owed: Decimal | None = Field(
        None,
        ge=0,
        le=MAX_AMOUNT,
        decimal_places=2,
        description="拖欠工资或者欠缴社会保险费的金额（元），裁量基准按金额分阶次时填写",
    )
    duration_months: int | None = Field(
        None, ge=0, le=MAX_COUNT, description="违法行为持续的月数；不填的，按发生日和终了日计算"
    )
    duration_days: int | None = Field(
        None, ge=0, le=MAX_COUNT, description="违法行为持续的天数；不填的，按发生日和终了日计算"
    )
    earlier_violations: int | None = Field(None, ge=0, le=MAX_COUNT, description="此前因同类违法行为被查处的次数")
    corrected_in_time: bool | None = Field(None, description="在责令改正期限内改正：true 是、false 否，尚不清楚的不填")


class AssessIn(Schema):
    model_config = ConfigDict(extra="forbid")

    violation: str = Field(
        ...,
        max_length=80,
        description="违法行为代码（GET /penalties/violations 列出）；已停用的代码按替代它的违法行为计算",
    )
    facts: FactsIn | None = Field(None, description="情节（按违法行为的计罚单位，须填写人数、人月数或基数）")
    also: list[str] = Field(
        default_factory=list, max_length=10, description="同一违法行为还违反的其他规定（按罚款数额高的处罚）"
    )
    decided_on: dt.date | None = Field(None, description="作出决定的日期，默认今天（决定适用的裁量基准版本）")


class CitationOut(Schema):
    statute: str
    article: int
    paragraph: int | None
    item: int | None
    label: str


class AssessOut(Schema):
    violation: str
    violation_name: str
    outcome: Literal["penalty", "may_waive", "no_penalty", "measures_only", "time_barred"]
    outcome_label: str
    fine_unit: str
    fine_min: Decimal | None = Field(..., description="罚款下限（元）；不罚款或未规定数额时为 null")
    fine_max: Decimal | None = Field(..., description="罚款上限（元）")
    statutory_min: Decimal | None
    statutory_max: Decimal | None
    measures: list[str]
    tier: str | None
    tier_label: str | None
    standard: str
    standard_name: str
    standard_example: bool
    standard_effective_from: dt.date
    citations: list[CitationOut]
    explanation: str
    requested_violation: str = Field(..., description="请求的违法行为代码（已停用的，violation 为替代它的代码）")
    may_reduce: bool = Field(
        ..., description="可以减轻处罚（低于法定最低罚款），须书面写明理由并经法制审核（行政处罚法第三十二条）"
    )
    needs_prior_order: bool = Field(..., description="须先责令限期改正，逾期不改正的方可罚款")
    measure_kinds: list[MeasureKindName] = Field(..., description="该违法行为依法可以采取的措施种类")
    mandatory_measures: list[MeasureKindName] = Field(..., description="依法应当给予的处罚种类")
    needs: list[NeedOut] = Field(
        ..., description="裁量基准的阶次所列、尚未填写的情节；填写之前不确定阶次，在法定幅度内裁量"
    )
    tier_facts: str | None = Field(..., description="所适用阶次的情节（裁量基准原文）")
    tier_conditions: list[str] = Field(..., description="所适用阶次的各项条件（文字）")
    tier_description: str | None = Field(..., description="所适用阶次的条件（一句话）")
    tier_outcome: Literal["penalty", "no_penalty", "may_waive", "reduced"] | None = Field(
        ..., description="所适用阶次的处理：处罚、不予处罚、可以不予处罚、减轻处罚"
    )
    tier_measures: list[MeasureKindName] = Field(..., description="所适用阶次给予的处罚种类；空的，按法律规定")
    fine_allowed: bool = Field(..., description="可以处以罚款（阶次只给予警告等的，为 false）")


class NeedOut(Schema):
    fact: str = Field(..., description="情节的字段名（facts 中的键）")
    label: str


class ErrorOut(Schema):
    message: str
    detail: Any = None


class TierOut(Schema):
    tier: str
    label: str
    facts: str
    conditions: list[str]
    description: str = Field(..., description="适用条件（文字），无条件的为“其他情形”")
    outcome: Literal["penalty", "no_penalty", "may_waive", "reduced"]
    measures: list[MeasureKindName] = Field(..., description="本阶次给予的处罚种类；空的，按法律规定")
    fine_min: Decimal | None = Field(..., description="本阶次下限，按违法行为的计罚单位（元、每人元、倍数、每日%）")
    fine_max: Decimal | None


class ViolationOut(Schema):
    code: str
    name: str
    basis: str
    measures: list[str]
    fine_unit: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    notes: str
    replaced_by: str | None = Field(..., description="已停用的，替代它的违法行为代码")
    needs_prior_order: bool
    measure_kinds: list[MeasureKindName]
    power: str | None
    standard: str
    standard_name: str
    tiers: list[TierOut]


class StandardOut(Schema):
    key: str
    name: str
    effective_from: dt.date
    example: bool
    in_force: bool
    violations: int


class PowerOut(Schema):
    code: str
    name: str
    type: str
    basis: str
    unit: str
    duties: str
    accountability: str
    violations: list[str]


def _today() -> dt.date:
    return timezone.localdate()


@router.post(
    "/assess",
    response={200: AssessOut, 400: ErrorOut, 422: ErrorOut},
    summary="计算罚款幅度 Assess the penalty for a violation",
    description="按违法行为和情节计算罚款幅度（元）、应采取的措施、裁量阶次、依据条款和说明。无须登录。",
)
def assess(request: HttpRequest, payload: AssessIn) -> Status[Any]:
    try:
        violation(payload.violation)
        for code in payload.also:
            violation(code)
    except UnknownViolation as error:
        return Status(422, {"message": f"{error}，请从 GET /api/v1/penalties/violations 中选择。", "detail": None})
    try:
        given = payload.facts.model_dump(exclude_defaults=True, mode="json") if payload.facts else {}
        facts = parse_facts(given)
        result = queries.calculate(payload.violation, facts, on=payload.decided_on or _today(), also=payload.also)
    except FactsError as error:
        return Status(422, {"message": f"情节有误：{error}", "detail": error.problems})
    code = result.violation.code
    return Status(
        200,
        {
            **result.as_json(),
            "needs_prior_order": needs_prior_order(code),
            "measure_kinds": [kind.value for kind in measures_for(code)],
            "mandatory_measures": [kind.value for kind in mandatory_measures(code)],
        },
    )


@router.get("/standards", response=list[StandardOut], summary="裁量基准版本 Standards and their versions")
def standards(request: HttpRequest) -> list[dict[str, Any]]:
    current = queries.standard_in_force(_today())
    return [
        {
            "key": s.key,
            "name": s.name,
            "effective_from": s.effective_from,
            "example": s.example,
            "in_force": s.key == current.key,
            "violations": len(s.rules),
        }
        for s in queries.all_standards()
    ]


@router.get(
    "/violations/{code}",
    response={200: ViolationOut, 404: ErrorOut},
    summary="违法行为的处罚标准 A violation's basis, measures and tiers",
)
def violation_detail(request: HttpRequest, code: str) -> Status[Any]:
    try:
        found = violation(code)
    except UnknownViolation as error:
        return Status(404, {"message": str(error), "detail": None})
    current = queries.standard_in_force(_today())
    power = power_list().power_for(found.code)
    return Status(
        200,
        {
            "code": found.code,
            "name": found.name,
            "basis": found.basis,
            "measures": list(found.measures),
            "fine_unit": found.fine_unit.value,
            "fine_min": found.fine_min,
            "fine_max": found.fine_max,
            "notes": found.notes,
            "replaced_by": found.replaced_by or None,
            "needs_prior_order": needs_prior_order(found.code),
            "measure_kinds": [kind.value for kind in measures_for(found.code)],
            "power": power.code if power else None,
            "standard": current.key,
            "standard_name": current.name,
            "tiers": [
                {
                    "tier": t.tier,
                    "label": t.label,
                    "facts": t.facts,
                    "conditions": [c.label for c in t.when],
                    "description": t.description,
                    "outcome": t.outcome or "penalty",
                    "measures": [kind.value for kind in t.measures],
                    "fine_min": t.low,
                    "fine_max": t.high,
                }
                for t in current.tiers_of(found.code)
            ],
        },
    )


@router.get("/powers", response=list[PowerOut], summary="权责清单 The power-and-responsibility list")
def powers(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": p.code,
            "name": p.name,
            "type": p.type,
            "basis": p.basis,
            "unit": p.unit,
            "duties": p.duties,
            "accountability": p.accountability,
            "violations": list(p.violations),
        }
        for p in power_list().powers
    ]
