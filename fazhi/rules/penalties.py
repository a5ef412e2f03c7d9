"""The penalty calculator: from a violation and its facts to the fine range, the measures, the tier, the citations and
a Chinese explanation of how the range was reached.

`calculate` applies, in this order:
0. a retired violation code answers with the row that replaced it (`violations.current`);
1. limitation (追责时效): not pursued after 2 years from the act, or from its end when continuing
   (劳动保障监察条例 第二十条; 行政处罚法 第三十六条); 5 years where the act 涉及公民生命健康安全、金融安全 and had
   harmful consequences (第三十六条第一款: only a 法律 may set otherwise, and 监察条例 is a 行政法规);
2. measures without a fine (责令改正, 责令支付 …) when the statute sets no fine (fine unit `none`);
3. the statutory range in yuan for the fine unit (fixed; per affected worker; per child per month; a multiple of a
   base amount; a percentage per day of a base, 加处罚款 capped at the fine, 行政处罚法 第七十二条);
4. the tier of the standard in force that the facts select, as the bureau published it (`fazhi.rules.tiers`): a tier
   is chosen by its own conditions — workers, amounts, duration, correction in time, a first violation, the harm … —
   and while a tier waits for a fact not yet stated (`needs`) the statutory range stands; a tier may set 不予处罚
   (第三十三条第一款), 可以不予处罚, 减轻处罚 below the statutory minimum (第三十二条) or its measures (警告 alone …).
   从重 one tier up for a repeat within a year of a penalty
   (广东省劳动保障监察条例 第五十三条) and 从轻 one tier down for a mandatory mitigation ground (行政处罚法 第三十二条),
   unless the tier's own conditions already weigh that fact; where no tier can be chosen or moved, 从重 takes the upper
   half of the range and 从轻 the lower half (the system's reading of 从重/从轻 "在法定幅度内", [S]: the Guangdong
   rules on discretion were not found, law digest §14.9); with a mitigation ground the fine may also go below the
   statutory minimum (减轻, 第三十二条; 广东省劳动保障监察条例 第四十二条第二款、第三款), with written reasons and a
   legal review (`fazhi.rules.fines`);
5. no penalty when there is no fault, or when minor, promptly corrected and harmless; may not penalise a first
   violation with minor harm promptly corrected (行政处罚法 第三十三条) — correction is ordered anyway (第二十八条);
6. one act, one fine: where the same act breaches several norms, the norm with the higher fine (第二十九条);
7. the old standard applies unless the one in force at the decision is lighter (第三十七条).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fazhi.rules.assessments import OUTCOME_LABELS, Assessment, Outcome
from fazhi.rules.citations import parse_basis
from fazhi.rules.facts import FACT_LABELS, MITIGATION_GROUNDS, Facts, FactsError, Harm
from fazhi.rules.limitation import (
    LIMITATION_CITATIONS,
    SAFETY_LIMITATION_CITATIONS,
    limitation,
    limitation_end,
    limitation_years,
)
from fazhi.rules.measures import LABELS as MEASURE_LABELS
from fazhi.rules.measures import MeasureKind
from fazhi.rules.periods import Citation
from fazhi.rules.standards import Standard, TierChoice, TierRule, choose_tier, example_standard, in_force
from fazhi.rules.violations import REPEAT_OFFENCE_CITATION, FineUnit, Violation, current, violation

__all__ = [
    "LIMITATION_CITATIONS",
    "OUTCOME_LABELS",
    "SAFETY_LIMITATION_CITATIONS",
    "Assessment",
    "Outcome",
    "assess",
    "calculate",
    "lighter",
    "limitation_end",
    "limitation_years",
    "statutory_range",
]

CENT = Decimal("0.01")
# 第三十二条第（五）项 "法律、法规、规章规定其他应当从轻或者减轻": the Guangdong grounds and their own article.
MITIGATION_SOURCES = {
    "mediated_performed": Citation("广东省劳动保障监察条例", 42, 2),
    "mediated_agreed": Citation("广东省劳动保障监察条例", 42, 3),
}
# 从重 / 从轻 where no tier takes it: the upper / lower part of the range from this share of it ([S], see above).
HALF = Decimal("0.5")
CORRECTION_CITATION = Citation("行政处罚法", 28, 1)
NO_PENALTY_CITATION = Citation("行政处罚法", 33, 1)
NO_FAULT_CITATION = Citation("行政处罚法", 33, 2)
EDUCATION_CITATION = Citation("行政处罚法", 33, 3)
ONE_FINE_CITATION = Citation("行政处罚法", 29)
OLD_OR_LIGHTER_CITATION = Citation("行政处罚法", 37)
STANDARDS_CITATION = Citation("行政处罚法", 34)
# 加处罚款的数额不得超出罚款的数额 (行政处罚法 第七十二条第一款第（一）项): the daily rate is capped at its base.
CAPPED_AT_BASE = {"xzcf72_late_fine_payment": Citation("行政处罚法", 72, 1, 1)}


# How heavy an outcome is, for the comparison of 第三十七条.
_WEIGHT = {
    Outcome.TIME_BARRED: 0,
    Outcome.NO_PENALTY: 0,
    Outcome.MEASURES_ONLY: 1,
    Outcome.MAY_WAIVE: 1,
    Outcome.PENALTY: 2,
}


def _yuan(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def _midpoint(low: Decimal | None, high: Decimal | None) -> Decimal | None:
    if high is None:
        return None
    low = low if low is not None else Decimal(0)
    return _yuan(low + (high - low) * HALF)


def _factor(found: Violation, facts: Facts) -> tuple[Decimal, str]:
    """What one unit of the violation's fine range is multiplied by, and how it was reached."""
    unit = found.fine_unit
    if unit is FineUnit.FIXED:
        return Decimal(1), "按次计罚"
    if unit is FineUnit.PER_WORKER:
        if not facts.workers:
            raise FactsError({"workers": "须填写：该违法行为按受侵害的劳动者人数计罚（至少 1 人）"})
        return Decimal(facts.workers), f"按受侵害的劳动者 {facts.workers} 人计罚"
    if unit is FineUnit.PER_CHILD_MONTH:
        if not facts.child_months:
            raise FactsError({"child_months": "须填写：该违法行为按每使用一名童工每月计罚（至少 1）"})
        return Decimal(facts.child_months), f"按使用童工 {facts.child_months} 人月计罚"
    if unit is FineUnit.MULTIPLE_OF_AMOUNT:
        if not facts.base_amount:
            raise FactsError({"base_amount": f"须填写：罚款按数额的倍数计算（{found.notes or '基数'}），基数应大于零"})
        return facts.base_amount, f"以 {facts.base_amount} 元为基数按倍数计罚"
    if unit is FineUnit.PERCENT_PER_DAY:
        problems = {}
        if not facts.base_amount:
            problems["base_amount"] = "须填写：按日计算的基数（元），应大于零"
        if not facts.days:
            problems["days"] = "须填写：按日计算的天数（至少 1 天）"
        if problems:
            raise FactsError(problems)
        assert facts.base_amount is not None
        assert facts.days is not None
        return facts.base_amount * facts.days / 100, f"以 {facts.base_amount} 元为基数按日计算 {facts.days} 天"
    raise AssertionError(f"no factor for {unit}")


def _scaled(found: Violation, amount: Decimal | None, factor: Decimal, facts: Facts) -> Decimal | None:
    if amount is None:
        return None
    value = _yuan(amount * factor)
    if found.code in CAPPED_AT_BASE and facts.base_amount is not None:
        value = min(value, facts.base_amount)
    return value


def statutory_range(found: Violation, facts: Facts) -> tuple[Decimal | None, Decimal | None, str]:
    """The statute's range in yuan for these facts, and how it was reached; FactsError when a needed fact is missing.
    A fine unit `none` has no range (None, None)."""
    if found.fine_unit is FineUnit.NONE:
        return None, None, "法律未规定罚款"
    factor, how = _factor(found, facts)
    low = found.fine_min if found.fine_min is not None else (Decimal(0) if found.fine_max is not None else None)
    return _scaled(found, low, factor, facts), _scaled(found, found.fine_max, factor, facts), how


def _unit_range(found: Violation) -> str:
    low, high = found.fine_min, found.fine_max
    if low is None and high is None:
        return "法律授权罚款但未规定数额"
    unit = {
        FineUnit.FIXED: ("", "元"),
        FineUnit.PER_WORKER: ("每人", "元"),
        FineUnit.PER_CHILD_MONTH: ("每名童工每月", "元"),
        FineUnit.MULTIPLE_OF_AMOUNT: ("", "倍"),
        FineUnit.PERCENT_PER_DAY: ("每日", "%"),
    }[found.fine_unit]
    if high is None:
        return f"{unit[0]}{low}{unit[1]}以上"
    if low == high:
        return f"{unit[0]}{low}{unit[1]}"
    return f"{unit[0]}{low or 0}{unit[1]}至{high}{unit[1]}"


def _shift(rules: Sequence[TierRule], chosen: TierRule, steps: int) -> TierRule | None:
    """The tier `steps` up or down among those the standard publishes for the violation (a table without 较重 moves
    from 一般 to 严重), only tiers of a penalty within their range (not 不予处罚 or 减轻 rows)."""
    ladder = sorted((rule for rule in rules if not rule.outcome), key=lambda rule: rule.rank)
    ranks = sorted({rule.rank for rule in ladder})
    if chosen.rank not in ranks:
        return None
    target = ranks[max(0, min(len(ranks) - 1, ranks.index(chosen.rank) + steps))]
    return next(rule for rule in ladder if rule.rank == target)


def _without_fine(measures: Iterable[str]) -> tuple[str, ...]:
    return tuple(m for m in measures if "罚款" not in m)


def assess(code: str, facts: Facts, *, standard: Standard | None = None, on: dt.date) -> Assessment:
    """The assessment of one violation under one standard (steps 1–5 of the module's list); `on` is the day of the
    assessment, standing for the day of discovery when the facts do not give it."""
    asked = violation(code)
    found = current(code)
    standard = standard or example_standard()
    basis = parse_basis(found.basis)
    lines = []
    if found is not asked:
        lines.append(
            f"违法行为代码“{asked.code}”（{asked.name}，{asked.basis}）已停用，按现行规定“{found.name}”计算："
            f"{asked.notes.split('：', 1)[-1]}。"
        )
    lines.append(f"违法行为：{found.name}（{found.basis}）。")
    base: dict[str, Any] = {
        "violation": found, "standard": standard, "facts": facts, "tier": None,
        "requested": asked.code if found is not asked else "",
    }  # fmt: skip

    barred = limitation(facts, on)
    if barred.line:
        lines.append(barred.line)
    if barred.barred:
        return Assessment(
            **base, outcome=Outcome.TIME_BARRED, fine_min=None, fine_max=None, statutory_min=None,
            statutory_max=None, measures=(), citations=(*basis, *barred.citations), explanation=tuple(lines),
        )  # fmt: skip

    if found.fine_unit is FineUnit.NONE:
        lines.append(f"法律未规定罚款，依法采取的措施：{'；'.join(found.measures)}。")
        return Assessment(
            **base, outcome=Outcome.MEASURES_ONLY, fine_min=None, fine_max=None, statutory_min=None,
            statutory_max=None, measures=found.measures, citations=basis, explanation=tuple(lines),
        )  # fmt: skip

    factor, how = _factor(found, facts)
    statute_low, statute_high, _ = statutory_range(found, facts)
    lines.append(f"法定罚款幅度：{_unit_range(found)}；{how}，法定幅度为 {_range_text(statute_low, statute_high)}。")
    if found.order_first:
        lines.append(f"依{found.basis}，须先责令限期改正，逾期不改正的，方可罚款。")
    citations = [*basis]
    low, high = statute_low, statute_high
    rules = standard.tiers_of(found.code)
    choice = choose_tier(rules, facts) if rules else TierChoice(None)
    chosen = choice.tier
    # 从重 and 从轻 move the tier, unless the tier's own conditions already weigh that fact.
    repeat = facts.repeat_within_year and not (chosen is not None and chosen.mentions("repeat_within_year"))
    mitigated = bool(facts.mitigation) and not (chosen is not None and chosen.mentions("mitigation"))
    heavier = "受行政处罚后一年内再次发生同类违法行为，应当从重处罚"
    if repeat:
        citations.append(REPEAT_OFFENCE_CITATION)
    if facts.mitigation:
        grounds = "、".join(MITIGATION_GROUNDS[g][1] for g in facts.mitigation)
        lighter_line = f"有{grounds}的情形，应当从轻或者减轻处罚"
        citations.extend(Citation("行政处罚法", 32, None, MITIGATION_GROUNDS[g][0]) for g in facts.mitigation)
        citations.extend(MITIGATION_SOURCES[g] for g in facts.mitigation if g in MITIGATION_SOURCES)
    # What is left of 从重 (+1) and 从轻 (−1) once the tiers have taken what they can.
    steps = (1 if repeat else 0) - (1 if mitigated else 0)
    if choice.needs:
        names = "、".join(FACT_LABELS[name] for name in choice.needs)
        lines.append(f"未认定{names}，不能确定裁量阶次，在法定幅度内裁量；认定{names}后适用裁量基准。")
    elif chosen is None and rules:
        lines.append(f"不符合“{standard.name}”对该违法行为所列任何阶次的情形，在法定幅度内裁量。")
    elif chosen is None:
        lines.append(f"适用的裁量基准“{standard.name}”对该违法行为未细化裁量阶次，在法定幅度内裁量。")
    else:
        detail = f"（{chosen.description}）" if chosen.when and chosen.description != chosen.facts else ""
        lines.append(f"依“{standard.name}”，情节为“{chosen.facts}”{detail}，属“{chosen.label}”阶次。")
        if repeat:
            lines.append(f"{heavier}，提高一个阶次（广东省劳动保障监察条例第五十三条）。")
        if mitigated:
            lines.append(f"{lighter_line}，降低一个阶次（行政处罚法第三十二条）。")
        if steps and not chosen.outcome:
            moved = _shift(rules, chosen, steps)
            if moved is None or moved.tier == chosen.tier:
                lines.append(f"该裁量基准没有可调整到的阶次，仍按“{chosen.label}”阶次裁量。")
            else:
                chosen = moved
                steps = 0
                lines.append(f"调整后属“{chosen.label}”阶次。")
        if chosen.measures:
            lines.append(f"该阶次给予的处罚：{'、'.join(chosen.measure_labels)}。")
        if not chosen.fines:
            low = high = None
            if chosen.outcome != "no_penalty":
                lines.append("该阶次不处罚款。")
        else:
            floor = Decimal("0.00") if chosen.outcome == "reduced" else statute_low
            low = _scaled(found, chosen.low, factor, facts) if chosen.low is not None else floor
            high = _scaled(found, chosen.high, factor, facts) if chosen.high is not None else statute_high
            lines.append(f"该阶次的罚款幅度为 {_range_text(low, high)}。")
        citations.append(STANDARDS_CITATION)
    if steps and high is not None and (low or 0) < high:
        middle = _midpoint(low, high)
        where = "该阶次" if chosen is not None else "法定幅度"
        if steps > 0:
            low = middle
            lines.append(
                f"{heavier}，在{where}的中间值以上裁量：{_range_text(low, high)}（广东省劳动保障监察条例第五十三条）。"
            )
        else:
            high = middle
            lines.append(
                f"{lighter_line}，在{where}的中间值以下裁量：{_range_text(low, high)}（行政处罚法第三十二条）。"
            )
    elif steps > 0:
        lines.append(f"{heavier}（广东省劳动保障监察条例第五十三条）。")
    elif steps < 0:
        lines.append(f"{lighter_line}（行政处罚法第三十二条）。")
    reduced = chosen is not None and chosen.outcome == "reduced"
    may_reduce = (bool(facts.mitigation) or reduced) and statute_low is not None and statute_low > 0
    if reduced:
        lines.append(
            f"依裁量基准属减轻处罚的情形，在法定最低罚款 {statute_low} 元以下处罚，须书面写明理由并经法制审核"
            "（行政处罚法第三十二条）。"
        )
    elif may_reduce:
        guangdong = "；广东省劳动保障监察条例第四十二条" if set(facts.mitigation) & set(MITIGATION_SOURCES) else ""
        lines.append(
            f"也可以减轻处罚，在法定最低罚款 {statute_low} 元以下处罚，须书面写明理由并经法制审核"
            f"（行政处罚法第三十二条{guangdong}）。"
        )

    outcome = Outcome.PENALTY
    measures = found.measures
    if chosen is not None and chosen.measures:
        measures = tuple(dict.fromkeys((MEASURE_LABELS[MeasureKind.ORDER_CORRECTION], *chosen.measure_labels)))
    if "mediated_performed" in facts.mitigation and not facts.no_fault:
        # 广东省劳动保障监察条例 第四十二条第二款: 调解达成一致意见并当场全部履行的，视情节轻重依法不予处罚或者减轻.
        outcome = Outcome.MAY_WAIVE
        low = Decimal("0.00")
        lines.append(
            "经调解达成一致意见并当场全部履行，视情节轻重依法不予处罚或者减轻处罚（广东省劳动保障监察条例第四十二条第二款）。"
        )
    waives = chosen.outcome if chosen is not None else ""
    if facts.no_fault:
        outcome = Outcome.NO_PENALTY
        lines.append("当事人有证据足以证明没有主观过错，不予行政处罚（行政处罚法第三十三条第二款）。")
        citations.append(NO_FAULT_CITATION)
    elif facts.harm is Harm.NONE and facts.corrected_promptly:
        outcome = Outcome.NO_PENALTY
        lines.append("违法行为轻微并及时改正，没有造成危害后果，不予行政处罚（行政处罚法第三十三条第一款）。")
        citations.append(NO_PENALTY_CITATION)
    elif waives == "no_penalty":
        outcome = Outcome.NO_PENALTY
        lines.append(
            f"依“{standard.name}”，{chosen.description if chosen else ''}，不予行政处罚"
            "（行政处罚法第三十三条第一款、第三十四条）。"
        )
        citations.append(NO_PENALTY_CITATION)
    elif outcome is Outcome.PENALTY and (
        waives == "may_waive" or (facts.first_violation and facts.harm is Harm.MINOR and facts.corrected_promptly)
    ):
        outcome = Outcome.MAY_WAIVE
        why = (
            f"依“{standard.name}”，{chosen.description}"
            if waives == "may_waive" and chosen
            else "初次违法且危害后果轻微并及时改正"
        )
        lines.append(f"{why}，可以不予行政处罚（行政处罚法第三十三条第一款）；决定处罚的，在上述幅度内裁量。")
        citations.append(NO_PENALTY_CITATION)
        low = Decimal("0.00") if low is not None or high is not None else None
    if outcome is Outcome.NO_PENALTY:
        measures = (*_without_fine(found.measures), "对当事人进行教育")
        low = high = None
        lines.append("仍应责令当事人改正违法行为，并对当事人进行教育（行政处罚法第二十八条、第三十三条第三款）。")
        citations.extend((CORRECTION_CITATION, EDUCATION_CITATION))
    return Assessment(
        violation=found, outcome=outcome, fine_min=low, fine_max=high, statutory_min=statute_low,
        statutory_max=statute_high, measures=measures, tier=chosen, standard=standard,
        citations=tuple(dict.fromkeys(citations)), explanation=tuple(lines), facts=facts,
        may_reduce=may_reduce and outcome in (Outcome.PENALTY, Outcome.MAY_WAIVE), requested=base["requested"],
        needs=choice.needs,
    )  # fmt: skip


def _range_text(low: Decimal | None, high: Decimal | None) -> str:
    if low is None and high is None:
        return "（未规定数额）"
    if high is None:
        return f"{low} 元以上"
    return f"{low if low is not None else Decimal('0.00')} 元至 {high} 元"


def _weight(item: Assessment) -> tuple[int, Decimal, Decimal]:
    infinite = Decimal("Infinity")
    high = item.fine_max if item.fine_max is not None else (infinite if item.has_range else Decimal(0))
    low = item.fine_min if item.fine_min is not None else Decimal(0)
    return _WEIGHT[item.outcome], high, low


def lighter(new: Assessment, old: Assessment) -> bool:
    """Whether `new` punishes more lightly than `old` (行政处罚法 第三十七条): a lighter outcome, else a lower maximum,
    else a lower minimum."""
    return _weight(new) < _weight(old)


def _one_act(items: Sequence[Assessment]) -> Assessment:
    """第二十九条: one fine for one act; where several norms set fines, the one with the higher fine."""
    chosen = max(items, key=lambda item: (_weight(item)[0], _weight(item)[1]))
    others = [item for item in items if item is not chosen]
    if not others:
        return chosen
    names = "、".join(f"{item.violation.basis}" for item in others)
    line = (
        f"同一违法行为违反多个法律规范，不得给予两次以上罚款，按照罚款数额高的规定处罚：适用{chosen.violation.basis}，"
        f"不再依{names}罚款（行政处罚法第二十九条）。"
    )
    return replace(
        chosen,
        citations=tuple(dict.fromkeys((*chosen.citations, ONE_FINE_CITATION))),
        explanation=(*chosen.explanation, line),
    )


def calculate(
    code: str,
    facts: Facts,
    *,
    standards: Iterable[Standard] = (),
    on: dt.date,
    also: Sequence[str] = (),
) -> Assessment:
    """The whole calculation (module docstring, steps 1–7). `standards` are the bureau's loaded versions (the example
    applies before the first); `on` is the day of the decision; `also` are other codes the same act breaches."""
    versions = list(standards)
    new = in_force(versions, on)
    happened = facts.ended_on or facts.occurred_on or on
    old = in_force(versions, happened)
    codes = list(dict.fromkeys([code, *(c for c in also if current(c).code != current(code).code)]))
    now = _one_act([assess(c, facts, standard=new, on=on) for c in codes])
    if old.key == new.key:
        return now
    then = _one_act([assess(c, facts, standard=old, on=on) for c in codes])
    if lighter(now, then):
        line = (
            f"违法行为发生时适用“{old.name}”（{old.effective_from:%Y-%m-%d} 起施行）；作出决定时“{new.name}”"
            f"（{new.effective_from:%Y-%m-%d} 起施行）处罚较轻，适用新的规定（行政处罚法第三十七条）。"
        )
        chosen = now
    else:
        line = (
            f"适用违法行为发生时的“{old.name}”（{old.effective_from:%Y-%m-%d} 起施行）；作出决定时施行的“{new.name}”"
            f"处罚不轻于原规定，不适用（行政处罚法第三十七条）。"
        )
        chosen = then
    return replace(
        chosen,
        citations=tuple(dict.fromkeys((*chosen.citations, OLD_OR_LIGHTER_CITATION))),
        explanation=(*chosen.explanation, line),
    )
