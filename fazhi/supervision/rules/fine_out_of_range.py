"""Orange: a penalty decision whose fine lies outside the statutory range of its violation.

The range is the statute's (fazhi/rules/data/penalty_items.csv, through `fazhi.rules.violations`), for the facts the
decision used (`Decision.assessment["facts"]`, kept as the decision applied them): fixed amounts; per affected worker,
per child and month, or a multiple of an amount (`fazhi.rules.penalties.statutory_range`). So a lawful 25,000 yuan for
five women (劳动保障监察条例 第二十三条, 1,000–5,000 yuan each) is quiet whatever the case's wage lines. The
discretionary standard's tier is judged by `fine_outside_standard` (a departure with recorded reasons is allowed there;
a fine outside the statute never is). The decision step refuses such fines, so this finds imported or corrected data.

Read as the other rules over decisions are, through the index of the cases' penalty decisions in the look-back
(cases_case_penalty: the fine and violation on the case are its penalty decision's): the violations fined within a
fixed range are judged there; the few cases on violations fined per worker, per child-month or by a multiple, and the
few below a fixed minimum, are judged against their penalty decisions' own fines and facts in Python.

Limits, stated in the rule's note: a row with no statutory maximum (or none at all, where the statute leaves the amount
to another text) is checked only against the bound it has; a decision that records no count of workers or child-months
is checked only against the minimum for one; one whose facts lack the base of a multiple is not checked. A decision
whose facts state a ground of 减轻处罚 (行政处罚法 第三十二条) may lawfully go below the minimum.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.cases.models import Case, Decision
from fazhi.rules import violations
from fazhi.rules.facts import Facts, FactsError, parse_facts
from fazhi.rules.penalties import statutory_range
from fazhi.supervision.rules.base import QueryRule, Row, Severity, lookback_start, yuan


@cache
def _outside_fixed() -> tuple[Q, Q]:
    """The decisions on violations fined within a fixed range (or not fined) whose fine is below it, and above it.

    The violations that share a range are asked together (`violation_code IN (…) AND fine_amount < low`)."""
    below, above = Q(pk__in=[]), Q(pk__in=[])
    fixed_ranges: dict[tuple[Decimal | None, Decimal | None], list[str]] = {}
    unfined: list[str] = []
    for item in violations.all_violations():
        if item.fine_unit is violations.FineUnit.FIXED:
            fixed_ranges.setdefault((item.fine_min, item.fine_max), []).append(item.code)
        elif item.fine_unit is violations.FineUnit.NONE:
            unfined.append(item.code)
    for (low, high), codes in sorted(fixed_ranges.items(), key=str):
        if low is not None:
            below |= Q(**{"violation_code__in": codes}, fine_amount__lt=low)
        if high is not None:
            above |= Q(**{"violation_code__in": codes}, fine_amount__gt=high)
    if unfined:
        above |= Q(**{"violation_code__in": unfined}, fine_amount__gt=0)
    return below, above


def _facts(raw: Any) -> Facts:
    """The facts a decision recorded (none: an empty set, so that only what needs no fact is checked)."""
    try:
        return parse_facts(raw if isinstance(raw, dict) else {})
    except FactsError:
        return Facts()


def statutory_bounds(item: violations.Violation, facts: Facts) -> tuple[Decimal | None, Decimal | None]:
    """The statute's range for `facts`; without the count it is scaled by, the minimum for one worker (or child-month)
    and no maximum; without the base of a multiple, no range."""
    try:
        low, high, _ = statutory_range(item, facts)
    except FactsError:
        if item.fine_unit in (violations.FineUnit.PER_WORKER, violations.FineUnit.PER_CHILD_MONTH):
            return item.fine_min, None
        return None, None
    if facts.mitigation:
        low = None
    return low, high


def _outside(item: violations.Violation, fine: Decimal, facts: Facts) -> bool:
    low, high = statutory_bounds(item, facts)
    return (low is not None and fine < low) or (high is not None and fine > high)


def _penalty_facts(case_ids: list[int]) -> dict[int, list[tuple[Decimal, Facts]]]:
    """The fine and facts of each penalty decision of the cases."""
    found: dict[int, list[tuple[Decimal, Facts]]] = {}
    rows = Decision.objects.filter(case_id__in=case_ids, outcome="penalty", fine_amount__isnull=False).order_by(
        "case_id", "sequence"
    )
    for case_id, fine, facts in rows.values_list("case_id", "fine_amount", "assessment__facts"):
        if fine is not None:
            found.setdefault(case_id, []).append((fine, _facts(facts)))
    return found


def _judged_on_decisions(decided: QuerySet[Case], below: Q) -> list[int]:
    """The cases among `decided` on violations fined per worker, per child-month or by a multiple, and those below a
    fixed minimum, judged against their penalty decisions' fines and facts."""
    scaled = {
        v.code: v
        for v in violations.all_violations()
        if v.fine_unit not in (violations.FineUnit.FIXED, violations.FineUnit.NONE)
    }
    rows = list(decided.filter(Q(violation_code__in=list(scaled)) | below).values_list("pk", "violation_code"))
    decisions = _penalty_facts([pk for pk, _ in rows])
    outside = []
    for pk, code in rows:
        if code in scaled:
            if any(_outside(scaled[code], fine, facts) for fine, facts in decisions.get(pk, [])):
                outside.append(pk)
        elif not any(facts.mitigation for _, facts in decisions.get(pk, [])):
            # Below a fixed minimum with no ground of 减轻处罚 in its decision (行政处罚法 第三十二条; 广东省劳动保障
            # 监察条例 第四十二条第二款、第三款 allow going below it).
            outside.append(pk)
    return outside


class FineOutOfRange(QueryRule):
    code = "fine_out_of_range"
    name = "罚款超出法定幅度"
    citation = "行政处罚法 第五条、第三十四条；处罚幅度见各违法行为的依据"
    severity = Severity.ORANGE
    explanation = (
        "处罚决定的罚款金额低于或高于该违法行为法定罚款幅度（按人、按童工人月或按倍数计罚的，"
        "按决定认定的受侵害人数、人月或基数计算）。"
    )
    note = (
        "裁量基准阶次幅度内的判断见“罚款超出裁量基准幅度且未说明理由”；法律未规定上限（或未规定数额）的违法行为"
        "只核对已规定的幅度；决定未记录受侵害人数（人月）的按一人（一人月）核对下限，未记录计罚基数的不核对；"
        "决定载明依法减轻处罚情形的，不核对下限（行政处罚法第三十二条）。"
    )
    model = Case
    order = "decided_on"
    columns = ("fine_amount", "violation_code")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        decided = Case.objects.filter(
            decision_outcome="penalty",
            fine_amount__isnull=False,
            decided_on__lte=as_of,
            decided_on__gte=lookback_start(as_of),
        )
        # One OR of terms each led by `violation_code IN (…)` (above a fixed maximum), and the few cases judged
        # against their decisions (fined per worker, child-month or by a multiple; below a fixed minimum).
        below, above = _outside_fixed()
        return decided.filter(above | Q(pk__in=_judged_on_decisions(decided, below)))

    def describe(self, row: Row) -> str:
        code = str(row["violation_code"])
        try:
            item = violations.violation(code)
        except violations.UnknownViolation:
            return f"罚款 {yuan(row['fine_amount'])}，违法行为 {code}"
        decisions = _penalty_facts([row["id"]]).get(row["id"], [])
        fine, facts = decisions[-1] if decisions else (row["fine_amount"], Facts())
        low, high = statutory_bounds(item, facts)
        text = f"罚款 {yuan(fine)}，“{item.name}”法定幅度 {yuan(low) or '—'}至{yuan(high) or '—'}"
        if item.fine_unit is violations.FineUnit.PER_WORKER:
            text += f"（每人 {yuan(item.fine_min)}至{yuan(item.fine_max) or '—'}，按 {facts.workers or 1} 人计）"
        elif item.fine_unit is violations.FineUnit.PER_CHILD_MONTH:
            text += f"（按使用童工 {facts.child_months or 1} 人月计）"
        return f"{text}（{item.basis}）"


RULE = FineOutOfRange()
