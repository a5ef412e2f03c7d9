"""The conditions of a discretionary tier (裁量阶次): the facts a published standard names to choose a tier, each read
from a line like `workers>=11; amount_owed>=100000; corrected_in_time=yes`, checked against `Facts` and said in words
(「受侵害劳动者 11 至 30 人」「拖欠金额 10 万元以上」「持续 3 个月以上」「首次违法」「在责令改正期限内改正」).

A condition on a fact that is not stated is neither true nor false (`Condition.state` is None): the tier waits for that
fact (`fazhi.rules.standards.choose_tier`). The yes/no facts of 行政处罚法 — first violation, prompt correction, no
fault, the repeat within a year — and the grounds of 第三十二条 are always stated (not ticked: no).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi.rules.facts import MITIGATION_GROUNDS, Facts, Harm

__all__ = [
    "COUNTS",
    "FLAGS",
    "NAMED_FACTS",
    "OPEN_FLAGS",
    "STANDARD_ONLY_FACTS",
    "Condition",
    "candidates",
    "describe",
    "fact_value",
    "parse_conditions",
    "stated",
]

# Yes/no facts: not ticked means no.
FLAGS = ("first_violation", "corrected_promptly", "repeat_within_year", "no_fault")
# Yes, no or not stated.
OPEN_FLAGS = ("corrected_in_time",)
# Numbers, compared with >=, <=, >, < or =.
COUNTS = (
    "workers",
    "child_months",
    "base_amount",
    "days",
    "amount_owed",
    "duration_months",
    "duration_days",
    "earlier_violations",
)
# Counts in yuan (two decimals); the others are whole numbers.
AMOUNTS = ("base_amount", "amount_owed")
# Facts only a standard's tiers weigh (the statute's rules do not): forms ask for them where a tier names them.
STANDARD_ONLY_FACTS = frozenset(
    {"amount_owed", "duration_months", "duration_days", "earlier_violations", "corrected_in_time"}
)
NAMED_FACTS = ("harm", *FLAGS, *OPEN_FLAGS, "mitigation", *COUNTS)
ANY_GROUND = "any"
_YES = {"yes": True, "true": True, "是": True, "no": False, "false": False, "否": False}
_CONDITION = re.compile(r"^\s*([a-z_]+|[\u4e00-\u9fff]+)\s*(>=|<=|=|>|<)\s*(.+?)\s*$")
_WIDE = str.maketrans(
    {"≥": ">=", "≤": "<=", "＝": "=", "＞": ">", "＜": "<", "；": ";", "，": ",", "、": ",", "：": "=", ":": "="}
)
# A bureau's legal division writes its tables in Chinese: these names of the facts (`人数>=11；拖欠金额>=10万`) and
# values (`危害后果=严重`, `期限内改正=否`) read the same as the codes.
FACT_NAMES: dict[str, str] = {
    "危害后果": "harm",
    "初次违法": "first_violation",
    "首次违法": "first_violation",
    "及时改正": "corrected_promptly",
    "一年内再犯": "repeat_within_year",
    "没有主观过错": "no_fault",
    "无主观过错": "no_fault",
    "期限内改正": "corrected_in_time",
    "责令改正期限内改正": "corrected_in_time",
    "从轻减轻情形": "mitigation",
    "人数": "workers",
    "劳动者人数": "workers",
    "受侵害劳动者人数": "workers",
    "童工人月数": "child_months",
    "计罚基数": "base_amount",
    "天数": "days",
    "拖欠金额": "amount_owed",
    "欠缴金额": "amount_owed",
    "涉及金额": "amount_owed",
    "持续月数": "duration_months",
    "持续天数": "duration_days",
    "此前违法次数": "earlier_violations",
    "违法次数": "earlier_violations",
}
HARM_NAMES: dict[str, str] = {
    "无": "none",
    "没有": "none",
    "轻微": "minor",
    "一般": "moderate",
    "严重": "serious",
    **{label: code for code, label in ((h.value, h.label) for h in Harm)},
}
_UNITS = ("人月", "个月", "元", "人", "天", "日", "次", "月")

# How a count is said: the subject and the unit (「受侵害劳动者 11 人以上」).
_COUNT_WORDS = {
    "workers": ("受侵害劳动者", "人"),
    "child_months": ("使用童工", "人月"),
    "base_amount": ("计罚基数", "元"),
    "days": ("按日计算", "天"),
    "amount_owed": ("拖欠金额", "元"),
    "duration_months": ("持续", "个月"),
    "duration_days": ("持续", "天"),
    "earlier_violations": ("此前同类违法", "次"),
}
_FLAG_WORDS = {
    "first_violation": ("首次违法", "非首次违法"),
    "corrected_promptly": ("及时改正", "未及时改正"),
    "repeat_within_year": ("受行政处罚后一年内再次发生同类违法行为", "非一年内再次发生同类违法行为"),
    "no_fault": ("有证据足以证明没有主观过错", "不能证明没有主观过错"),
    "corrected_in_time": ("在责令改正期限内改正", "未在责令改正期限内改正"),
}
_SPACE = re.compile(r"(?<=\d)(?=[^\d\s.,%])|(?<=[^\d\s.,])(?=\d)")


def fact_value(facts: Facts, name: str) -> Any:
    """The value a condition compares: the facts' own, the duration counted from the dates when not given."""
    if name == "duration_months":
        return facts.months_lasted
    if name == "duration_days":
        return facts.days_lasted
    return getattr(facts, name)


def stated(facts: Facts, name: str) -> bool:
    return name in FLAGS or name == "mitigation" or fact_value(facts, name) is not None


def _number(text: str) -> str:
    number = Decimal(text)
    if number == number.to_integral_value():
        number = number.to_integral_value()
        if number >= 10000 and number % 10000 == 0:
            return f"{number // 10000}万"
        return str(number)
    return format(number.normalize(), "f")


def _spaced(text: str) -> str:
    """A space between digits and Chinese characters (「拖欠金额 10 万元以上」)."""
    return _SPACE.sub(" ", text)


@dataclass(frozen=True)
class Condition:
    fact: str  # one of NAMED_FACTS
    op: str  # "=" (one of `values`), ">=", "<=", ">", "<"
    values: tuple[str, ...]

    def state(self, facts: Facts) -> bool | None:
        """Whether the condition holds; None while its fact is not stated."""
        value = fact_value(facts, self.fact)
        if self.fact == "mitigation":
            return bool(value) and (ANY_GROUND in self.values or bool(set(value) & set(self.values)))
        if self.fact in FLAGS:
            return bool(value) is _YES[self.values[0]]
        if value is None:
            return None
        if self.fact == "harm":
            return bool(value.value in self.values)
        if self.fact in OPEN_FLAGS:
            return bool(value is _YES[self.values[0]])
        return _compare(Decimal(value), self.op, Decimal(self.values[0]))

    def holds(self, facts: Facts) -> bool:
        return self.state(facts) is True

    @property
    def label(self) -> str:
        """The condition in words, as the public standards page and the explanation say it."""
        if self.fact == "harm":
            return "或".join(Harm(v).label for v in self.values)
        if self.fact == "mitigation":
            if ANY_GROUND in self.values:
                return "有应当从轻或者减轻处罚的情形（行政处罚法第三十二条）"
            return "有" + "或".join(MITIGATION_GROUNDS[v][1] for v in self.values) + "的情形"
        if self.fact in _FLAG_WORDS:
            yes, no = _FLAG_WORDS[self.fact]
            return yes if _YES[self.values[0]] else no
        subject, unit = _COUNT_WORDS[self.fact]
        number = _number(self.values[0])
        if self.fact == "earlier_violations" and (self.op, number) in (("=", "0"), ("<=", "0"), ("<", "1")):
            return "此前无同类违法记录"
        words = {
            ">=": f"{subject}{number}{unit}以上",
            "<=": f"{subject}{number}{unit}以下",
            ">": f"{subject}超过{number}{unit}",
            "<": f"{subject}不足{number}{unit}",
            "=": f"{subject}{number}{unit}",
        }[self.op]
        return _spaced(words)


def _compare(value: Decimal, op: str, limit: Decimal) -> bool:
    return {
        ">=": value >= limit,
        "<=": value <= limit,
        ">": value > limit,
        "<": value < limit,
        "=": value == limit,
    }[op]


def describe(conditions: Iterable[Condition]) -> str:
    """Conditions in words, a lower and an upper bound on one count said once (「受侵害劳动者 11 至 30 人」);
    no conditions: 「其他情形」."""
    found = list(conditions)
    parts: list[str] = []
    done: set[int] = set()
    for i, condition in enumerate(found):
        if i in done:
            continue
        upper = next(
            (
                j
                for j, other in enumerate(found)
                if j > i and j not in done and other.fact == condition.fact and other.op == "<="
            ),
            None,
        )
        if condition.fact in _COUNT_WORDS and condition.op == ">=" and upper is not None:
            subject, unit = _COUNT_WORDS[condition.fact]
            low, high = _number(condition.values[0]), _number(found[upper].values[0])
            parts.append(_spaced(f"{subject}{low}至{high}{unit}"))
            done.add(upper)
        else:
            parts.append(condition.label)
    return "，".join(parts) if parts else "其他情形"


def parse_conditions(text: str) -> tuple[Condition, ...]:
    """ "harm=serious,moderate; corrected_in_time=no; workers>=10" → conditions; ValueError (Chinese) otherwise."""
    found = []
    for part in text.translate(_WIDE).split(";"):
        if not part.strip():
            continue
        match = _CONDITION.match(part)
        if match is None:
            raise ValueError(f"条件“{part.strip()}”应写作“情节=值”或“情节>=数值”")
        fact, op, raw = match.groups()
        fact = FACT_NAMES.get(fact, fact)
        values = tuple(v.strip() for v in raw.split(",") if v.strip())
        if fact == "harm":
            values = tuple(HARM_NAMES.get(v, v) for v in values)
            bad = [v for v in values if v not in set(Harm)]
            if op != "=" or bad or not values:
                raise ValueError("危害后果（harm）应为 无、轻微、一般、严重 中的一个或几个（以顿号或逗号分隔）")
        elif fact == "mitigation":
            bad = [v for v in values if v not in MITIGATION_GROUNDS and v != ANY_GROUND]
            if op != "=" or bad or not values:
                raise ValueError(
                    f"mitigation 应为 {ANY_GROUND}（任一情形）或 {'、'.join(MITIGATION_GROUNDS)} 中的一个或几个"
                    "（行政处罚法第三十二条）"
                )
        elif fact in FLAGS or fact in OPEN_FLAGS:
            if op != "=" or len(values) != 1 or values[0] not in _YES:
                raise ValueError(f"{fact} 应为 yes 或 no")
            values = ("yes",) if _YES[values[0]] else ("no",)
        elif fact in COUNTS:
            try:
                number = _count(values[0]) if len(values) == 1 else None
            except InvalidOperation:
                number = None
            if number is None or not number.is_finite() or number < 0:
                raise ValueError(f"{fact} 应写作“{fact}>=数值”“{fact}<=数值”或“{fact}=数值”（数值不为负）")
            if fact not in AMOUNTS and number != number.to_integral_value():
                raise ValueError(f"{fact} 的数值应为整数")
            values = (str(number),)
        else:
            raise ValueError(f"未知的情节“{fact}”（可用：{'、'.join(FACT_NAMES)}；或 {'、'.join(NAMED_FACTS)}）")
        found.append(Condition(fact, op, values))
    return tuple(found)


def _count(text: str) -> Decimal:
    """A number as a table writes it: `100000`, `10万`, `10万元`, `3个月`, `30人` (InvalidOperation otherwise)."""
    text = text.replace(",", "").strip()
    for unit in _UNITS:
        if text.endswith(unit):
            text = text[: -len(unit)].strip()
            break
    if text.endswith("万"):
        return Decimal(text[:-1]) * 10000
    return Decimal(text)


def candidates(fact: str, conditions: Iterable[Condition]) -> list[Any]:
    """Values of `fact` worth trying to satisfy or defeat `conditions` (for worked examples), the likeliest first:
    each bound itself, then just past it on either side."""
    if fact == "harm":
        return [Harm.MINOR, Harm.MODERATE, Harm.SERIOUS, Harm.NONE]
    if fact in FLAGS or fact in OPEN_FLAGS:
        return [False, True]
    if fact == "mitigation":
        named = [v for c in conditions if c.fact == fact for v in c.values if v != ANY_GROUND]
        return [(), *dict.fromkeys((g,) for g in [*named, next(iter(MITIGATION_GROUNDS))])]
    integer = fact not in AMOUNTS
    step = Decimal(1)
    values: list[Decimal] = []
    for condition in conditions:
        if condition.fact == fact:
            limit = Decimal(condition.values[0])
            values += [limit, limit + step, limit - step]
    values += [Decimal(1), Decimal(0)]
    ordered = [v for v in dict.fromkeys(values) if v >= 0]
    return [int(v) if integer else v.quantize(Decimal("0.01")) for v in ordered]
