"""How the party's remedies (reconsideration, litigation) and a deferral or instalments move the performance of a
decision: the party's time to sue, the bureau's window to apply for court enforcement, and the days on which no
surcharge (加处罚款) accrues.

- The party's time to sue (起诉期限): 6 months from knowing the decision (行政诉讼法 第四十六条第一款
  "应当自知道或者应当知道作出行政行为之日起六个月内提出"); when the decision did not state it, from knowing it, but at
  most 1 year from knowing the decision (行政诉讼法解释 第六十四条); after a reconsideration, 15 days from receiving
  its decision or from the end of the organ's decision period when it did not decide (行政诉讼法 第四十五条).
- The bureau's application to the court (非诉执行): within 3 months from the end of the party's time to sue
  (行政诉讼法解释 第一百五十六条 "应当自被执行人的法定起诉期限届满之日起三个月内提出"); after an approved deferral or
  instalments, 行政处罚法 第七十二条第二款: "行政机关批准延期、分期缴纳罚款的，申请人民法院强制执行的期限，
  自暂缓或者分期缴纳罚款期限结束之日起计算". No application while a remedy is pending (行政诉讼法 第九十七条: only
  when the party "在法定期限内不提起诉讼又不履行") or the execution is suspended (行政复议法 第四十二条;
  行政诉讼法 第五十六条). After a final judgment upholding the decision the bureau applies to enforce the judgment
  (行政诉讼法 第九十五条) within 2 years (行政诉讼法解释 第一百五十三条). A decision set aside is not enforced as made.
- The surcharge is not counted during reconsideration or litigation (行政处罚法 第七十三条第三款 "加处罚款的数额在行政
  复议或者行政诉讼期间不予计算").

The lengths are the rows of data/periods.toml (litigation_period, court_enforcement_application and the block
"Performance: deferral, remedies"); months end on the corresponding day (民法典 第二百零二条), a last day that is a rest
day moves to the next working day (calendar.WorkingCalendar). Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fazhi.rules.calendar import WorkingCalendar
from fazhi.rules.periods import PeriodRule, due_date, period_rule

__all__ = [
    "EnforcementWindow",
    "WindowKind",
    "court_enforcement_window",
    "party_suit_deadline",
    "surcharge_excluded_days",
]

Pause = tuple[dt.date, dt.date | None]


def _rule(code: str, jurisdiction: str) -> PeriodRule:
    return period_rule(code, jurisdiction)


def party_suit_deadline(
    *,
    known_on: dt.date,
    calendar: WorkingCalendar,
    remedies_stated: bool = True,
    remedies_known_on: dt.date | None = None,
    reconsideration_decision_received_on: dt.date | None = None,
    reconsideration_period_ended_on: dt.date | None = None,
    jurisdiction: str = "CN",
) -> dt.date:
    """The last day on which the party may sue against the decision.

    `known_on`: the day the party knew the decision (its service). After a reconsideration: 15 days from receiving
    its decision (`reconsideration_decision_received_on`), or, when the organ did not decide in time, from the end of
    its decision period (`reconsideration_period_ended_on`) — 行政诉讼法 第四十五条. Otherwise the direct suit: 6 months
    from `known_on` (第四十六条第一款); when the decision did not state the time to sue (`remedies_stated` false), the 6
    months run from the day the party knew it (`remedies_known_on`; unknown: the longest time), never beyond 1 year
    from `known_on` (行政诉讼法解释 第六十四条). Raises calendar.CalendarYearMissing when the end needs a year not
    loaded.
    """
    after = reconsideration_decision_received_on or reconsideration_period_ended_on
    if after is not None:
        return due_date(_rule("party_suit_after_reconsideration", jurisdiction), after, calendar)
    direct = _rule("litigation_period", jurisdiction)
    if remedies_stated:
        return due_date(direct, known_on, calendar)
    longest = due_date(_rule("party_suit_unstated_limit", jurisdiction), known_on, calendar)
    if remedies_known_on is None:
        return longest
    return min(due_date(direct, max(remedies_known_on, known_on), calendar), longest)


class WindowKind(StrEnum):
    DECISION = "decision"  # apply to enforce the decision (行政诉讼法解释 第一百五十六条)
    JUDGMENT = "judgment"  # apply to enforce the final judgment (行政诉讼法 第九十五条; 解释 第一百五十三条)
    CLOSED = "closed"  # not now: a remedy pending or the execution suspended
    NONE = "none"  # never: the decision was set aside


@dataclass(frozen=True)
class EnforcementWindow:
    """When the bureau may apply to the court: after `opens_after` (that day not included; for a judgment, from that
    day on) up to `closes_on`; `opens_after` is the day the period starts counting (start day not counted).
    `closes_on` None: not known yet (the caller could not count it, a holiday year missing)."""

    kind: WindowKind
    opens_after: dt.date | None = None
    closes_on: dt.date | None = None
    reason: str = ""  # why there is no window now (CLOSED, NONE), in Chinese
    code: str = "court_enforcement_application"  # the period row it is (periods.toml)
    after_plan: bool = False  # it starts at the end of an approved deferral or instalments, not of the time to sue

    def refusal(self, today: dt.date) -> str:
        """Why no application may be made on `today` ("" when it may)."""
        if self.kind in (WindowKind.CLOSED, WindowKind.NONE):
            return self.reason
        assert self.opens_after is not None
        if today <= self.opens_after and self.kind is WindowKind.DECISION:
            what = (
                "批准的暂缓或者分期缴纳罚款期限（行政处罚法第七十二条第二款）"
                if self.after_plan
                else "当事人的起诉期限"
            )
            return f"{what}至 {self.opens_after:%Y-%m-%d} 届满，届满后三个月内方可申请人民法院强制执行。"
        if self.closes_on is not None and today > self.closes_on:
            return (
                f"申请强制执行的期限已于 {self.closes_on:%Y-%m-%d} 届满（逾期申请，除有正当理由外人民法院不予受理）。"
            )
        return ""


SET_ASIDE_LABELS = {
    "revoked": "撤销",
    "changed": "变更",
    "confirmed_unlawful": "确认违法",
    "void": "确认无效",
}


def court_enforcement_window(
    *,
    suit_deadline: dt.date,
    calendar: WorkingCalendar,
    plan_ends_on: dt.date | None = None,
    pending: bool = False,
    suspended: bool = False,
    final_judgment_on: dt.date | None = None,
    set_aside: str = "",
    jurisdiction: str = "CN",
) -> EnforcementWindow:
    """The bureau's window to apply for court enforcement (rules in the module's docstring).

    `suit_deadline`: the last day of the party's time to sue (`party_suit_deadline`). `plan_ends_on`: the end of an
    approved deferral or the last instalment (行政处罚法 第七十二条第二款: the window runs from it when it is later).
    `final_judgment_on`: the day a judgment upholding the decision took effect; `set_aside` one of SET_ASIDE_LABELS.
    Raises calendar.CalendarYearMissing when a date needs a year not loaded.
    """
    # A decision confirmed unlawful but not revoked stands (行政复议法 第六十五条; 行政诉讼法 第七十四条):
    # it is enforced as made.
    if set_aside and set_aside != "confirmed_unlawful":
        label = SET_ASIDE_LABELS.get(set_aside, set_aside)
        return EnforcementWindow(WindowKind.NONE, reason=f"处理决定已被{label}，不再按原决定申请强制执行。")
    if suspended:
        return EnforcementWindow(
            WindowKind.CLOSED,
            reason="复议机关或者人民法院已决定停止执行，停止执行期间不申请强制执行（行政复议法第四十二条、行政诉讼法第五十六条）。",
        )
    if final_judgment_on is not None:
        # 行政诉讼法解释 第一百五十三条第二款: a judgment that sets no time to perform counts from its service.
        rule = _rule("judgment_enforcement_application", jurisdiction)
        return EnforcementWindow(
            WindowKind.JUDGMENT,
            opens_after=final_judgment_on,
            closes_on=due_date(rule, final_judgment_on, calendar),
            code=rule.code,
        )
    if pending:
        return EnforcementWindow(
            WindowKind.CLOSED,
            reason="当事人已申请行政复议或者提起行政诉讼，案件审理期间不申请人民法院强制执行（行政诉讼法第九十七条）。",
        )
    after_plan = plan_ends_on is not None and plan_ends_on > suit_deadline
    opens_after = plan_ends_on if after_plan and plan_ends_on is not None else suit_deadline
    rule = _rule("court_enforcement_application", jurisdiction)
    closes_on = due_date(rule, opens_after, calendar)
    return EnforcementWindow(WindowKind.DECISION, opens_after=opens_after, closes_on=closes_on, after_plan=after_plan)


def surcharge_excluded_days(pauses: Iterable[Pause], due_on: dt.date, as_of: dt.date) -> int:
    """The days after `due_on` up to `as_of` on which a reconsideration or a lawsuit was pending: no surcharge is
    counted on them (行政处罚法 第七十三条第三款). A pause runs from the day the party applied or sued to the day the
    decision or the final judgment took effect, both included (None: still pending, up to `as_of`); overlapping pauses
    (a suit after the reconsideration, filed the day it ended) count each day once. Never more than the days elapsed.
    """
    days: set[int] = set()
    first, last = due_on.toordinal() + 1, as_of.toordinal()
    for start, end in pauses:
        low = max(start.toordinal(), first)
        high = min((end or as_of).toordinal(), last)
        days.update(range(low, high + 1))
    return len(days)
