"""The limitation on pursuing a violation (追责时效).

劳动保障监察条例 第二十条: not pursued when not discovered, reported or complained of within 2 years; 行政处罚法
第三十六条第一款: 2 years, extended to 5 years where the act 涉及公民生命健康安全、金融安全 and had harmful
consequences — only a 法律 may set otherwise ("法律另有规定的除外"), and 监察条例 is a 行政法规, so the five years
apply to labour inspection too (legal review B1). 第二款 (and 监察条例 第二十条第二款): the period runs from the day
the act occurred, or for an act with a continuing state from the day it ended.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.rules.facts import Facts, FactsError, Harm
from fazhi.rules.periods import Citation

__all__ = [
    "LIMITATION_CITATIONS",
    "LIMITATION_YEARS",
    "SAFETY_LIMITATION_CITATIONS",
    "SAFETY_LIMITATION_YEARS",
    "Limitation",
    "limitation",
    "limitation_end",
    "limitation_years",
]

LIMITATION_YEARS = 2
# 行政处罚法 第三十六条第一款: 涉及公民生命健康安全、金融安全且有危害后果的，上述期限延长至五年。法律另有规定的除外.
SAFETY_LIMITATION_YEARS = 5
LIMITATION_CITATIONS = (
    Citation("劳动保障监察条例", 20, 1),
    Citation("劳动保障监察条例", 20, 2),
    Citation("行政处罚法", 36, 1),
    Citation("行政处罚法", 36, 2),
)
SAFETY_LIMITATION_CITATIONS = (Citation("行政处罚法", 36, 1), Citation("行政处罚法", 36, 2))


@dataclass(frozen=True)
class Limitation:
    barred: bool
    line: str  # what the explanation says about it ("" when there is nothing to say)
    citations: tuple[Citation, ...]


def limitation_end(start: dt.date, years: int = LIMITATION_YEARS) -> dt.date:
    """The last day on which an act begun (or ended) on `start` may still be discovered: 2 years (5 under
    行政处罚法 第三十六条第一款), the corresponding day (民法典 第二百零二条; 29 February → 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return dt.date(start.year + years, 2, 28)


def limitation_years(facts: Facts) -> int:
    """行政处罚法 第三十六条第一款: two years; five where the act 涉及公民生命健康安全、金融安全 and had harmful
    consequences (a harm other than none stated)."""
    harmful = facts.harm is not None and facts.harm is not Harm.NONE
    return SAFETY_LIMITATION_YEARS if facts.safety_related and harmful else LIMITATION_YEARS


def limitation(facts: Facts, on: dt.date) -> Limitation:
    """Whether the act is past its limitation when discovered (`facts.discovered_on`, else `on`); FactsError when a
    safety-related act is past two years and its harm is not stated (the five years depend on it)."""
    start = facts.ended_on or facts.occurred_on
    if start is None:
        return Limitation(False, "", ())
    discovered = facts.discovered_on or on
    years = limitation_years(facts)
    past_two = discovered > limitation_end(start)
    undecided = facts.safety_related and facts.harm is None
    if past_two and undecided and discovered <= limitation_end(start, SAFETY_LIMITATION_YEARS):
        raise FactsError(
            {
                "harm": "须认定：涉及公民生命健康安全、金融安全的违法行为有危害后果的，"
                "追责期限为五年（行政处罚法第三十六条）"
            }
        )
    when = f"违法行为{'终了' if facts.ended_on else '发生'}于 {start:%Y-%m-%d}，至 {discovered:%Y-%m-%d} "
    if discovered > limitation_end(start, years):
        if years == SAFETY_LIMITATION_YEARS:
            why = (
                "涉及公民生命健康安全、金融安全且有危害后果，已超过五年未被发现，"
                "不再给予行政处罚（行政处罚法第三十六条）"
            )
            return Limitation(True, f"{when}{why}。", SAFETY_LIMITATION_CITATIONS)
        why = "已超过二年未被发现、也未被举报投诉，不再查处（劳动保障监察条例第二十条；行政处罚法第三十六条）"
        return Limitation(True, f"{when}{why}。", LIMITATION_CITATIONS)
    if past_two:
        return Limitation(
            False,
            "违法行为涉及公民生命健康安全、金融安全且有危害后果，追责期限延长至五年，尚未届满（行政处罚法第三十六条第一款）。",
            SAFETY_LIMITATION_CITATIONS,
        )
    return Limitation(False, "", ())
