"""The penalty calculator in a case: the facts a proposal gives and the case records, the range it allows, the crime
threshold of 拒不支付劳动报酬罪 and the powers the case exercises. Reads only; the propose and decide steps store what
they used.

The facts come from the proposal step (`FACT_FIELDS`) and from the case: when the violation occurred and ended
(`Case.occurred_on`, `Case.violation_ended_on`: the limitation of 行政处罚法 第三十六条 and the standard in force of
第三十七条 run from them), the day it was discovered (the case's receipt), the repeat within a year of a penalty for a
violation of the same kind (广东省劳动保障监察条例 第五十三条, `repeat_offender`) and whether a first violation is
contradicted by the file (第三十三条第一款, `first_violation_on_file`). Other norms the same act breaches
(`ALSO_FIELD`, 第二十九条) are assessed with it and the higher fine applies.

The facts a bureau's standard tiers by (行政处罚法 第三十四条; `fazhi.rules.conditions.STANDARD_ONLY_FACTS`) are asked
only where a tier of the standards names them (`asked_facts`), and the case gives what it records (`case_facts`): the
workers and the amount owed from the worker lines, how long the violation lasted from its dates, the earlier
violations of the same kind on file, and correction within the order's deadline from the verification of the order.
A 不予处罚 proposal for a violation found is assessed too, and goes to the legal review (第五十八条) like a fine
outside the tier or below the minimum (减轻处罚, 第三十二条).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings

from fazhi.cases.models import Case, Decision
from fazhi.law import queries as law
from fazhi.rules import crime, kinds, violations
from fazhi.rules.conditions import STANDARD_ONLY_FACTS
from fazhi.rules.facts import Facts, FactsError, parse_facts
from fazhi.rules.fines import FineCheck, check_fine
from fazhi.rules.measures import MeasureKind, mandatory_measures, measures_for
from fazhi.rules.penalties import Assessment
from fazhi.rules.powers import Power, power_list

# The step fields of the proposal that are facts for the calculator (fazhi.cases.stepfields): the counts and base
# the fine unit multiplies by, the harm that selects the tier, 第三十三条 (first violation, prompt correction,
# no fault), 第三十二条 mitigation grounds (one key of fazhi.rules.facts.MITIGATION_GROUNDS, or several,
# comma-separated) and 第三十六条's life, health or financial safety.
FACT_FIELDS = (
    "workers",
    "child_months",
    "base_amount",
    "harm",
    "first_violation",
    "corrected_promptly",
    "mitigation",
    "no_fault",
    "safety_related",
    # Asked only where a tier of the standards names them (`asked_facts`).
    "amount_owed",
    "duration_months",
    "duration_days",
    "earlier_violations",
    "corrected_in_time",
)
# The case's dates that are facts (case field → fact): a proposal may give them, else the case's own.
CASE_DATE_FACTS = {"occurred_on": "occurred_on", "violation_ended_on": "ended_on"}
# Other violation codes the same act breaches (行政处罚法 第二十九条: one fine, under the norm with the higher fine):
# a list, or codes separated by commas.
ALSO_FIELD = "also_violation_codes"
# Decided outcomes that establish a violation (for 初次违法): a penalty, an order to correct or to pay.
VIOLATION_FOUND = ("penalty", "rectification", "handling_decision")


def _codes(value: object) -> list[str]:
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace("，", ",").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def _day(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _earlier(case: Case, code: str, outcomes: tuple[str, ...]) -> Any:
    """Earlier decisions of other cases against the same employer for a violation of the same kind."""
    return Decision.objects.filter(
        case__employer_id=case.employer_id, case__violation_code__in=kinds.same_kind_codes(code), outcome__in=outcomes
    ).exclude(case_id=case.pk)


def earlier_penalty_dates(case: Case, violation_code: str) -> list[dt.date]:
    """Days of the earlier penalty decisions against the employer for a violation of the same kind (同类,
    `fazhi.rules.kinds`: wage arrears under 劳动保障监察条例 第二十六条, 劳动合同法 第八十五条, 广东省劳动保障监察条例
    第五十一条 or 广东省工资支付条例 第五十六条 are one kind)."""
    if not violation_code:
        return []
    return list(_earlier(case, violation_code, ("penalty",)).values_list("decided_on", flat=True))


def repeat_offender(case: Case, code: str, occurred_on: dt.date | None) -> bool:
    """广东省劳动保障监察条例 第五十三条: the employer was penalised for a violation of the same kind within the year
    before the new one occurred ("作出行政处罚决定后，在一年内又发生同类违法行为"), tested on `occurred_on` — the day
    the new violation occurred (its start, for a continuing one) — or, while that is not known, the day the case was
    received."""
    if not code:
        return False
    return violations.is_repeat_offence(earlier_penalty_dates(case, code), occurred_on or case.received_on)


def earlier_violations_on_file(case: Case, code: str, before: dt.date) -> list[dt.date]:
    """Days of the decisions that found the employer in breach of a violation of the same kind before `before`
    (penalties, orders to correct or to pay)."""
    if not code:
        return []
    found = _earlier(case, code, VIOLATION_FOUND).filter(decided_on__lt=before)
    return sorted(found.values_list("decided_on", flat=True))


def first_violation_on_file(case: Case, code: str, occurred_on: dt.date | None) -> bool:
    """Whether the file allows "初次违法" (行政处罚法 第三十三条第一款): no earlier decision found the employer in
    breach of a violation of the same kind before the new one occurred (legal review C5: the flag was the handler's
    word alone). The file cannot prove a first violation; it can only contradict one."""
    return not earlier_violations_on_file(case, code, occurred_on or case.received_on)


def asked_facts() -> frozenset[str]:
    """The facts only a standard weighs that a tier of the standards names: the proposal asks for these alone."""
    return STANDARD_ONLY_FACTS & law.named_facts()


def case_facts(case: Case, violation_code: str = "") -> dict[str, Any]:
    """What the case records of the calculator's facts, to prefill the proposal: the workers and the amount owed from
    the worker lines, the dates of the violation, how long it lasted, the earlier violations of the same kind on file
    and whether the order to correct was met by its deadline (its verification, 劳动保障监察条例 第十八条)."""
    known: dict[str, Any] = {}
    lines = case.worker_lines.count()
    if lines:
        known["workers"] = lines
        known["amount_owed"] = case.total_owed.quantize(Decimal("0.01"))
    if case.occurred_on:
        known["occurred_on"] = case.occurred_on
    if case.violation_ended_on:
        known["violation_ended_on"] = case.violation_ended_on
    lasted = Facts(occurred_on=case.occurred_on, ended_on=case.violation_ended_on)
    if lasted.months_lasted is not None:
        known["duration_months"], known["duration_days"] = lasted.months_lasted, lasted.days_lasted
    code = violation_code or case.violation_code
    if code:
        known["earlier_violations"] = len(earlier_violations_on_file(case, code, case.occurred_on or case.received_on))
    if case.corrected is not None:
        known["corrected_in_time"] = "yes" if case.corrected else "no"
    return known


def _recorded(case: Case, raw: dict[str, Any], violation_code: str, occurred: dt.date | None) -> None:
    """The standard's facts the case records where the proposal gave none; FactsError where it contradicts them."""
    problems: dict[str, str] = {}
    if "amount_owed" not in raw and case.worker_lines.exists():
        raw["amount_owed"] = case.total_owed
    on_file = (
        len(earlier_violations_on_file(case, violation_code, occurred or case.received_on)) if violation_code else 0
    )
    given = raw.get("earlier_violations")
    if given in (None, ""):
        raw["earlier_violations"] = on_file
    elif str(given).isascii() and str(given).isdigit() and int(str(given)) < on_file:
        problems["earlier_violations"] = f"档案记载此前同类违法 {on_file} 次，不能少于此数"
    if case.corrected is not None:
        verified = "yes" if case.corrected else "no"
        if raw.get("corrected_in_time") not in (None, "", verified):
            problems["corrected_in_time"] = (
                "与复查记录（" + ("已按期改正" if case.corrected else "逾期未改正") + "）不符"
            )
        raw["corrected_in_time"] = verified
    if problems:
        raise FactsError(problems)


def facts_for(case: Case, data: Mapping[str, Any], violation_code: str) -> Facts:
    """The facts of a proposal: what the step gave; the worker lines when it gave no count or amount; when the
    violation occurred and ended (the proposal's dates, else the case's: how long it lasted is counted from them); the
    case's receipt as the day of discovery; the repeat within a year of a penalty (广东省劳动保障监察条例 第五十三条);
    the earlier violations of the same kind on file (never fewer); correction within the order's deadline as its
    verification found it; and "first violation" only where the file does not contradict it (行政处罚法 第三十三条
    第一款). FactsError names what is wrong."""
    raw: dict[str, Any] = {name: data[name] for name in FACT_FIELDS if data.get(name) not in (None, "")}
    if "workers" not in raw:
        lines = case.worker_lines.count()
        if lines:
            raw["workers"] = lines
    for field, fact in CASE_DATE_FACTS.items():
        value = data.get(field) or getattr(case, field)
        if value not in (None, ""):
            raw[fact] = value
    raw["discovered_on"] = case.received_on
    occurred = _day(raw.get("occurred_on"))
    raw["repeat_within_year"] = repeat_offender(case, violation_code, occurred)
    if raw["repeat_within_year"] or not first_violation_on_file(case, violation_code, occurred):
        raw.pop("first_violation", None)
    _recorded(case, raw, violation_code, occurred)
    return parse_facts(raw)


def also_codes(data: Mapping[str, Any]) -> list[str]:
    """The other violation codes the same act breaches (行政处罚法 第二十九条), as the proposal gave them."""
    return _codes(data.get(ALSO_FIELD))


def assess_proposal(case: Case, data: Mapping[str, Any], on: dt.date) -> Assessment | str:
    """The calculator's answer for a proposed penalty, or what is missing (Chinese)."""
    code = str(data.get("violation_code") or case.violation_code)
    try:
        also = also_codes(data)
        for other in also:
            violations.violation(other)
        return law.calculate(code, facts_for(case, data, code), on=on, also=also)
    except FactsError as error:
        return f"无法计算罚款幅度：{error}"
    except violations.UnknownViolation as error:
        return f"{error}。"


def fine_check(
    assessment: Assessment, fine: Decimal | None, reasons: str, kinds: Iterable[MeasureKind] | None = None
) -> FineCheck:
    """`fazhi.rules.fines.check_fine`: the problems of `fine` (and of the penalties `kinds` against the tier's), and
    whether it leaves the standard's range or goes below the statutory minimum (减轻处罚, 行政处罚法 第三十二条) — both
    need the legal review (第五十八条)."""
    return check_fine(assessment, fine, reasons, kinds)


def fine_problems(
    assessment: Assessment, fine: Decimal | None, reasons: str, kinds: Iterable[MeasureKind] | None = None
) -> list[str]:
    """Why `fine` may not be proposed or decided: never above the statute's maximum nor where the law forbids a
    penalty; below its minimum only as 减轻处罚 with a ground of 行政处罚法 第三十二条 and written reasons; outside the
    tier's range, or other penalties than the tier gives, only with written reasons (both send the case to legal
    review)."""
    return list(check_fine(assessment, fine, reasons, kinds).problems)


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


def _given(data: Mapping[str, Any]) -> dict[str, Any]:
    given = {name: data[name] for name in FACT_FIELDS if data.get(name) not in (None, "", False)}
    also = also_codes(data)
    if also:
        given[ALSO_FIELD] = also
    return given


def _flags(
    result: Assessment, fine: Decimal | None, reasons: str, kinds: Iterable[MeasureKind] | None = None
) -> dict[str, Any]:
    """What the record says about the fine and the measures: below the minimum or outside the tier (both need the
    legal review), the measures the article allows and imposes, whether the fine needs an earlier unmet order."""
    check = check_fine(result, fine, reasons, kinds) if fine is not None or kinds is not None else FineCheck(())
    code = result.violation.code
    return {
        "below_minimum": check.below_minimum,
        "outside_tier": check.outside_tier,
        "needs_legal_review": check.needs_legal_review,
        "measure_kinds": [kind.value for kind in measures_for(code)],
        "mandatory_measures": [kind.value for kind in mandatory_measures(code)],
        "needs_prior_order": violations.needs_prior_order(code),
    }


def waives_a_violation(data: Mapping[str, Any], case: Case) -> bool:
    """A 不予行政处罚 proposal for a violation it names (行政处罚法 第三十三条; the standard's 不予处罚 row)."""
    return data.get("proposed_outcome") == "no_penalty" and bool(data.get("violation_code") or case.violation_code)


def proposal_record(
    case: Case, data: Mapping[str, Any], on: dt.date, kinds: Iterable[MeasureKind] | None = None
) -> tuple[dict[str, Any], str]:
    """What the propose step stores: the calculator's answer with the facts the handler gave (and the other codes the
    act breaches), the flags of `_flags`, and the written reasons for a fine outside the tier's range or below the
    statutory minimum, or other penalties than the tier gives (`kinds`; kept only then: they send the case to legal
    review). A 不予处罚 of a violation found is recorded with its assessment and goes to the legal review
    (行政处罚法 第三十三条、第五十八条)."""
    waiver = waives_a_violation(data, case)
    if data.get("proposed_outcome") != "penalty" and not waiver:
        return {}, ""
    given = _given(data)
    result = assess_proposal(case, data, on)
    if isinstance(result, str):
        return {"facts_given": given, "needs_legal_review": waiver}, ""
    if waiver:
        return {**result.as_json(), **_flags(result, None, ""), "needs_legal_review": True, "facts_given": given}, ""
    raw_fine = data.get("proposed_fine")
    fine = Decimal(str(raw_fine)) if raw_fine not in (None, "") else None
    reasons = str(data.get("fine_reasons", "")).strip()
    flags = _flags(result, fine, reasons, kinds)
    outside = flags["outside_tier"] or (fine is not None and not result.allows(fine))
    return {**result.as_json(), **flags, "facts_given": given}, reasons if outside else ""


def decision_record(case: Case, fine: Decimal | None, on: dt.date) -> dict[str, Any]:
    """What the decision stores: the standard version, tier, range and citations it applied on the day it was made
    (old standard unless the new one is lighter, 行政处罚法 第三十七条), the fine decided and its flags."""
    if not case.violation_code or case.decision_outcome not in ("penalty", "no_penalty", ""):
        return {}
    result = assess_proposal(case, case.assessment.get("facts_given", {}), on)
    if isinstance(result, str):
        return {}
    return {
        **result.as_json(),
        **_flags(result, fine, case.fine_reasons),
        "decided_fine": None if fine is None else str(fine),
        "reasons": case.fine_reasons,
    }


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
        label = "减轻处罚的理由" if saved.get("below_minimum") else "超出裁量幅度的理由"
        rows.append((label, f"{case.fine_reasons}（须经法制审核）", True))
    if case.proposed_outcome == "no_penalty" and saved.get("needs_legal_review"):
        rows.append(
            ("不予处罚", "拟对查明的违法行为不予行政处罚，须经法制审核（行政处罚法第三十三条、第五十八条）", True)
        )
    flag = crime_transfer_flag(case, today)
    # Once sent to the police the transfer's own row tells the story (移送规定 第五条; fazhi.cases.case_page).
    if flag and not case.crime_transfers.exclude(sent_at=None).exists():
        rows.append(("涉嫌犯罪", flag, True))
    powers = powers_of_case(case)
    if powers:
        rows.append(("行使的职权", "；".join(f"{p.code} {p.name}（{p.type}）" for p in powers), False))
    return rows
