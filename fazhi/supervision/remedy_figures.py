"""The figures of the bureau's remedies work that the annual rule-of-law report publishes, for a year up to a day:
reconsiderations and lawsuits received, the correction rate (纠错率: decisions revoked, changed, confirmed unlawful or
void over those decided — 行政复议法 第六十三至六十七条, 行政诉讼法 第七十条、第七十四条、第七十五条、第七十七条), the
heads' court appearance rate (行政诉讼法 第三条第三款) and the judicial and procuratorial suggestions answered on time.
Read from the two apps' own statistics, scoped to the viewer; shown on the dashboard and exported to Excel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.accounts.models import User
from fazhi.remedies.queries import RemedyStatistics, Tally, remedy_statistics
from fazhi.rules import violations
from fazhi.suggestions.queries import SuggestionFigures, suggestion_statistics

RECEIVED_LABELS = {
    "reconsideration": "行政复议（本局为被申请人）",
    "litigation_first": "行政诉讼一审（本局为被告）",
    "litigation_appeal": "行政诉讼二审",
}


@dataclass(frozen=True)
class RateRow:
    label: str
    decided: int
    corrected: int
    rate: float | None


@dataclass(frozen=True)
class RemedyFigures:
    year: int
    start: dt.date
    end: dt.date
    received: list[tuple[str, int, str]]  # label, count, the kind for the list's filter
    correction: RateRow
    by_organ: list[RateRow]
    by_violation: list[RateRow]
    hearings: int
    head_appearances: int
    head_appearance_rate: float | None
    suggestions: list[SuggestionFigures]  # by kind, then the total
    suggestions_total: SuggestionFigures


def _violation_label(code: str) -> str:
    if not code:
        return "未载明违法行为"
    try:
        return violations.violation(code).name
    except violations.UnknownViolation:
        return "其他违法行为"


def _row(label: str, tally: Tally) -> RateRow:
    return RateRow(label, tally.decided, tally.corrected, tally.rate)


def remedy_figures(user: User, as_of: dt.date) -> RemedyFigures:
    """The figures of the calendar year of `as_of`, from 1 January to `as_of`, in `user`'s scope."""
    start = dt.date(as_of.year, 1, 1)
    stats: RemedyStatistics = remedy_statistics(user, start, as_of)
    kinds = {"reconsideration": "reconsideration", "litigation_first": "litigation", "litigation_appeal": "litigation"}
    received = [(RECEIVED_LABELS[key], stats.received.get(key, 0), kinds[key]) for key in RECEIVED_LABELS]
    by_kind = suggestion_statistics(user, as_of=as_of, year=as_of.year, by=("kind",))
    (total,) = suggestion_statistics(user, as_of=as_of, year=as_of.year, by=())
    return RemedyFigures(
        year=as_of.year,
        start=start,
        end=as_of,
        received=received,
        correction=_row("合计", stats.correction),
        by_organ=sorted((_row(name, t) for name, t in stats.by_organ.items()), key=lambda r: r.label),
        by_violation=sorted(
            (_row(_violation_label(code), t) for code, t in stats.by_violation.items()), key=lambda r: -r.decided
        ),
        hearings=stats.hearings,
        head_appearances=stats.head_appearances,
        head_appearance_rate=stats.head_appearance_rate,
        suggestions=by_kind,
        suggestions_total=total,
    )
