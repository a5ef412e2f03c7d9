"""The penalty calculator in a case: the facts a proposal gives, the range it allows, the crime threshold of
拒不支付劳动报酬罪 and the powers the case exercises. Reads only; the propose and decide steps store what they used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings

from fazhi.cases.models import Case, Decision
from fazhi.law import queries as law
from fazhi.rules import crime, violations
from fazhi.rules.facts import Facts, FactsError, parse_facts
from fazhi.rules.penalties import Assessment, Outcome
from fazhi.rules.powers import Power, power_list

# The step fields of the proposal that are facts for the calculator (fazhi.cases.stepfields).
FACT_FIELDS = ("workers", "child_months", "base_amount", "harm", "first_violation", "corrected_promptly")


def earlier_penalty_dates(case: Case, violation_code: str) -> list[dt.date]:
    """Days of the earlier penalty decisions against the employer for the same kind of violation."""
    if not violation_code:
        return []
    earlier = Decision.objects.filter(
        case__employer_id=case.employer_id, case__violation_code=violation_code, outcome="penalty"
    ).exclude(case_id=case.pk)
    return list(earlier.values_list("decided_on", flat=True))


def facts_for(case: Case, data: Mapping[str, Any], violation_code: str) -> Facts:
    """The facts of a proposal: what the step gave, the worker lines when it gave no count, the case's receipt as the
    day of discovery, and the repeat within a year of a penalty (广东省劳动保障监察条例 第五十三条)."""
    raw: dict[str, Any] = {name: data[name] for name in FACT_FIELDS if data.get(name) not in (None, "")}
    if "workers" not in raw:
        lines = case.worker_lines.count()
        if lines:
            raw["workers"] = lines
    raw["discovered_on"] = case.received_on
    raw["repeat_within_year"] = violations.is_repeat_offence(
        earlier_penalty_dates(case, violation_code), case.received_on
    )
    if raw["repeat_within_year"]:
        raw.pop("first_violation", None)
    return parse_facts(raw)


def assess_proposal(case: Case, data: Mapping[str, Any], on: dt.date) -> Assessment | str:
    """The calculator's answer for a proposed penalty, or what is missing (Chinese)."""
    code = str(data.get("violation_code") or case.violation_code)
    try:
        return law.calculate(code, facts_for(case, data, code), on=on)
    except FactsError as error:
        return f"无法计算罚款幅度：{error}"
    except violations.UnknownViolation as error:
        return f"{error}。"


def fine_problems(assessment: Assessment, fine: Decimal, reasons: str) -> list[str]:
    """Why `fine` may not be proposed or decided: never outside the statute's range nor where the law forbids a
    penalty; outside the tier's range only with written reasons (which send the case to legal review)."""
    found = assessment.violation
    if assessment.outcome is Outcome.MEASURES_ONLY:
        return [f"“{found.name}”法律未规定罚款（{found.basis}），不能处以罚款。"]
    if assessment.outcome in (Outcome.NO_PENALTY, Outcome.TIME_BARRED):
        return [f"{assessment.outcome.label}：{assessment.explanation[-1]}"]
    low, high = assessment.statutory_min, assessment.statutory_max
    if (low is not None and fine < low) or (high is not None and fine > high):
        return [f"罚款应在法定幅度 {low or 0} 元至 {high} 元之间（{found.basis}）。"]
    if not assessment.allows(fine) and not reasons.strip():
        return [
            f"拟罚款 {fine} 元超出裁量幅度（{assessment.range_label}），须写明理由，并经法制审核。"
            f"计算过程：{''.join(assessment.explanation[1:])}"
        ]
    return []


def crime_threshold() -> crime.Threshold:
    """The deployment's amounts of 拒不支付劳动报酬罪 (FAZHI_CRIME_THRESHOLD_*): the cases, the dishonest list and
    supervision judge by the same ones."""
    return crime.Threshold(
        Decimal(str(settings.FAZHI_CRIME_THRESHOLD_ONE_WORKER)),
        Decimal(str(settings.FAZHI_CRIME_THRESHOLD_MANY_WORKERS)),
    )


def wage_crime_check(case: Case) -> crime.CrimeCheck:
    lines = [
        crime.WageLine(line.unpaid, crime.months_unpaid(line.period_start, line.period_end))
        for line in case.worker_lines.all()
    ]
    return crime.check_wage_crime(lines, crime_threshold())


def crime_transfer_flag(case: Case, today: dt.date) -> str:
    """Why the case should go to the police (empty: it should not): the unpaid wages reach 数额较大 and the employer
    still has not paid after the order's deadline (刑法 第二百七十六条之一; 法释〔2013〕3号 第三条、第四条)."""
    if case.decision_outcome != "handling_decision" or case.comply_by is None or today <= case.comply_by:
        return ""
    check = wage_crime_check(case)
    if not check.reached:
        return ""
    return (
        f"{'；'.join(check.reasons)}；责令支付期限（{case.comply_by:%Y-%m-%d}）届满仍未支付，涉嫌拒不支付劳动报酬罪，"
        "应移送公安机关（行政执法机关移送涉嫌犯罪案件的规定第三条）。"
    )


def powers_of_case(case: Case) -> list[Power]:
    """The powers of the 权责清单 the case exercises: inspection once filed, the power that sanctions its violation,
    enforcement when it was applied for."""
    listed = power_list()
    found: list[Power] = []
    inspection = listed.get("JC-01")
    if case.filed_on and inspection is not None:
        found.append(inspection)
    if case.violation_code:
        power = listed.power_for(case.violation_code)
        if power is not None:
            found.append(power)
    enforcement = listed.get("QZ-01")
    if (case.court_enforcement_applied_on or case.surcharge_paid) and enforcement is not None:
        found.append(enforcement)
    return list(dict.fromkeys(found))


def proposal_record(case: Case, data: Mapping[str, Any], on: dt.date) -> tuple[dict[str, Any], str]:
    """What the propose step stores: the calculator's answer with the facts the handler gave, and the written reasons
    for a fine outside the tier's range (kept only when the fine is outside it: they send the case to legal review)."""
    if data.get("proposed_outcome") != "penalty":
        return {}, ""
    given = {name: data[name] for name in FACT_FIELDS if data.get(name) not in (None, "", False)}
    result = assess_proposal(case, data, on)
    if isinstance(result, str):
        return {"facts_given": given}, ""
    fine = data.get("proposed_fine")
    outside = fine not in (None, "") and not result.allows(Decimal(str(fine)))
    return {**result.as_json(), "facts_given": given}, str(data.get("fine_reasons", "")).strip() if outside else ""


def decision_record(case: Case, fine: Decimal | None, on: dt.date) -> dict[str, Any]:
    """What the decision stores: the standard version, tier, range and citations it applied on the day it was made
    (old standard unless the new one is lighter, 行政处罚法 第三十七条), and the fine decided."""
    if not case.violation_code or case.decision_outcome not in ("penalty", ""):
        return {}
    result = assess_proposal(case, case.assessment.get("facts_given", {}), on)
    if isinstance(result, str):
        return {}
    return {**result.as_json(), "decided_fine": None if fine is None else str(fine), "reasons": case.fine_reasons}


def case_page_facts(case: Case, today: dt.date) -> list[tuple[str, str, bool]]:
    """(label, value, warn) rows for the case page: the range the proposal was assessed with and how, the reasons for a
    fine outside it, the crime flag and the powers exercised."""
    rows: list[tuple[str, str, bool]] = []
    saved = case.assessment
    if saved.get("outcome"):
        tier = f"，{saved['tier_label']}阶次" if saved.get("tier_label") else ""
        example = "（示例基准）" if saved.get("standard_example") else ""
        low, high = saved.get("fine_min"), saved.get("fine_max")
        span = f"{low or '0.00'} 元至 {high} 元" if high else saved.get("outcome_label", "")
        rows.append(("裁量幅度", f"{span}{tier}；{saved.get('standard_name', '')}{example}", False))
        rows.append(("计算过程", str(saved.get("explanation", "")), False))
    if case.fine_reasons:
        rows.append(("超出裁量幅度的理由", f"{case.fine_reasons}（须经法制审核）", True))
    flag = crime_transfer_flag(case, today)
    if flag:
        rows.append(("涉嫌犯罪", flag, True))
    powers = powers_of_case(case)
    if powers:
        rows.append(("行使的职权", "；".join(f"{p.code} {p.name}（{p.type}）" for p in powers), False))
    return rows
