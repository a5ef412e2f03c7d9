"""The facts of a violation that the penalty calculator weighs, and their validation.

`parse_facts` takes what a user typed or an API client sent (a mapping of names to JSON values) and gives `Facts`, or
raises `FactsError` whose message names each wrong field in Chinese. Which facts a violation needs (workers for a fine
per worker, and so on) is the calculator's question (`fazhi.rules.penalties`); which facts choose a tier is the
standard's (`fazhi.rules.standards`: a fact left out — None — is "not stated", and a tier naming it waits for it).

The yes/no facts of 行政处罚法 (first violation, prompt correction, no fault, the repeat within a year) are stated by
ticking them: not ticked means no. Correction within the order's deadline (`corrected_in_time`) is yes, no or not
known, since a case knows it only once the deadline has passed.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

__all__ = [
    "FACT_LABELS",
    "HARM_LABELS",
    "MITIGATION_GROUNDS",
    "OPEN_FLAGS",
    "Facts",
    "FactsError",
    "Harm",
    "parse_facts",
]

MAX_COUNT = 1_000_000
MAX_AMOUNT = Decimal("9999999999.99")


class Harm(StrEnum):
    NONE = "none"  # 没有造成危害后果
    MINOR = "minor"  # 危害后果轻微
    MODERATE = "moderate"  # 造成一定危害后果
    SERIOUS = "serious"  # 造成严重危害后果

    @property
    def label(self) -> str:
        return HARM_LABELS[self]


HARM_LABELS = {
    Harm.NONE: "没有造成危害后果",
    Harm.MINOR: "危害后果轻微",
    Harm.MODERATE: "造成一定危害后果",
    Harm.SERIOUS: "造成严重危害后果",
}

# 行政处罚法 第三十二条: 当事人有下列情形之一，应当从轻或者减轻行政处罚 — item number and wording.
MITIGATION_GROUNDS: dict[str, tuple[int, str]] = {
    "eliminated_harm": (1, "主动消除或者减轻违法行为危害后果"),
    "coerced": (2, "受他人胁迫或者诱骗实施违法行为"),
    "confessed": (3, "主动供述行政机关尚未掌握的违法行为"),
    "cooperated": (4, "配合行政机关查处违法行为有立功表现"),
    "other_statutory": (5, "法律、法规、规章规定其他应当从轻或者减轻行政处罚"),
    # 第（五）项 by 广东省劳动保障监察条例 第四十二条第二款、第三款 (mediation of a complaint about money owed).
    "mediated_performed": (5, "经调解达成一致意见并当场全部履行"),
    "mediated_agreed": (5, "经调解达成一致意见但未当场全部履行"),
}

FACT_LABELS: dict[str, str] = {
    "workers": "受侵害的劳动者人数",
    "child_months": "使用童工的人月数（每名童工的月数之和）",
    "base_amount": "计算罚款的基数（元）",
    "days": "天数",
    "first_violation": "初次违法",
    "corrected_promptly": "及时改正",
    "harm": "危害后果",
    "repeat_within_year": "受行政处罚后一年内再次发生同类违法行为",
    "mitigation": "应当从轻或者减轻的情形",
    "no_fault": "有证据足以证明没有主观过错",
    "safety_related": "涉及公民生命健康安全、金融安全",
    "occurred_on": "违法行为发生日",
    "ended_on": "连续或者继续状态的终了日",
    "discovered_on": "发现（投诉、举报）日",
    "amount_owed": "拖欠或欠缴的金额（元）",
    "duration_months": "违法行为持续的月数",
    "duration_days": "违法行为持续的天数",
    "earlier_violations": "此前因同类违法行为被查处的次数",
    "corrected_in_time": "在责令改正期限内改正",
}
# Facts that may be yes, no or not stated (None).
OPEN_FLAGS = frozenset({"corrected_in_time"})


class FactsError(ValueError):
    """Facts that are missing or wrong; `problems` maps each field to what is wrong with it (Chinese)."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        text = "；".join(f"{FACT_LABELS.get(name, name)}（{name}）{problem}" for name, problem in self.problems.items())
        super().__init__(text + "。")


@dataclass(frozen=True)
class Facts:
    workers: int | None = None
    child_months: int | None = None
    base_amount: Decimal | None = None
    days: int | None = None
    first_violation: bool = False
    corrected_promptly: bool = False
    harm: Harm | None = None
    repeat_within_year: bool = False
    mitigation: tuple[str, ...] = ()
    no_fault: bool = False
    # 行政处罚法 第三十六条第一款: 涉及公民生命健康安全、金融安全且有危害后果的 → a five-year limitation.
    safety_related: bool = False
    occurred_on: dt.date | None = None
    ended_on: dt.date | None = None
    discovered_on: dt.date | None = None
    # The facts published standards tier by (fazhi.rules.standards): wages or contributions owed (yuan), how long the
    # violation lasted (given, or counted from occurred_on to ended_on), the earlier violations of the same kind, and
    # correction within the deadline of the order to correct (None: not known).
    amount_owed: Decimal | None = None
    duration_months: int | None = None
    duration_days: int | None = None
    earlier_violations: int | None = None
    corrected_in_time: bool | None = None

    @property
    def days_lasted(self) -> int | None:
        """The days the violation lasted: as given, else from the day it occurred to the day it ended, both counted."""
        if self.duration_days is not None:
            return self.duration_days
        if self.occurred_on is None or self.ended_on is None:
            return None
        return (self.ended_on - self.occurred_on).days + 1

    @property
    def months_lasted(self) -> int | None:
        """The whole months the violation lasted: as given, else counted from the day it occurred to the day it ended
        (1 March to 31 May: 3 months; 15 January to 14 April: 3 months; 15 January to 13 April: 2 months)."""
        if self.duration_months is not None:
            return self.duration_months
        if self.occurred_on is None or self.ended_on is None:
            return None
        after = self.ended_on + dt.timedelta(days=1)
        months = (after.year - self.occurred_on.year) * 12 + after.month - self.occurred_on.month
        return months - 1 if after.day < self.occurred_on.day else months

    def as_json(self) -> dict[str, Any]:
        """The facts as JSON values, leaving out what was not given (for the journal and the decision's snapshot)."""
        out: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None or value == () or (value is False and field.name not in OPEN_FLAGS):
                continue
            if isinstance(value, dt.date | Decimal):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[field.name] = value
        return out


def _count(value: object, problems: dict[str, str], name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        problems[name] = "应为整数"
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        problems[name] = "应为整数"
        return None
    if number < 0:
        problems[name] = "不能为负数"
    elif number > MAX_COUNT:
        problems[name] = "数值过大，请核对"
    else:
        return number
    return None


def _amount(value: object, problems: dict[str, str], name: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        problems[name] = "应为金额"
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        problems[name] = "应为金额，如 3500.00"
        return None
    if not number.is_finite():
        problems[name] = "应为金额，如 3500.00"
    elif number < 0:
        problems[name] = "不能为负数"
    elif number > MAX_AMOUNT:
        problems[name] = "金额过大，请核对"
    else:
        return number.quantize(Decimal("0.01"))
    return None


def _flag(value: object, problems: dict[str, str], name: str) -> bool:
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "on", "1", "yes", "是"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "off", "0", "no", "否"}:
        return False
    problems[name] = "应为 true 或 false"
    return False


def _open_flag(value: object, problems: dict[str, str], name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "是"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "0", "no", "否"}:
        return False
    problems[name] = "应为 true（是）或 false（否），不清楚的不填"
    return None


def _date(value: object, problems: dict[str, str], name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems[name] = "应为日期，格式 YYYY-MM-DD"
    return None


def parse_facts(raw: Mapping[str, Any]) -> Facts:
    """Facts from JSON-like values; FactsError naming every wrong or unknown field."""
    problems: dict[str, str] = {}
    for name in sorted(set(raw) - set(FACT_LABELS)):
        problems[name] = f"不是可用的情节（可用：{'、'.join(FACT_LABELS)}）"
    harm_raw = raw.get("harm")
    harm = None
    if harm_raw not in (None, ""):
        if str(harm_raw) in set(Harm):
            harm = Harm(str(harm_raw))
        else:
            problems["harm"] = "应为 " + "、".join(f"{h.value}（{h.label}）" for h in Harm) + " 之一"
    mitigation_raw = raw.get("mitigation") or []
    mitigation: tuple[str, ...] = ()
    if isinstance(mitigation_raw, str):
        mitigation_raw = [part for part in mitigation_raw.replace("，", ",").split(",") if part.strip()]
    if not isinstance(mitigation_raw, list | tuple) or any(
        str(m).strip() not in MITIGATION_GROUNDS for m in mitigation_raw
    ):
        problems["mitigation"] = "应为以下情形的列表：" + "、".join(
            f"{k}（{v[1]}）" for k, v in MITIGATION_GROUNDS.items()
        )
    else:
        mitigation = tuple(dict.fromkeys(str(m).strip() for m in mitigation_raw))
    facts = Facts(
        workers=_count(raw.get("workers"), problems, "workers"),
        child_months=_count(raw.get("child_months"), problems, "child_months"),
        base_amount=_amount(raw.get("base_amount"), problems, "base_amount"),
        days=_count(raw.get("days"), problems, "days"),
        first_violation=_flag(raw.get("first_violation"), problems, "first_violation"),
        corrected_promptly=_flag(raw.get("corrected_promptly"), problems, "corrected_promptly"),
        harm=harm,
        repeat_within_year=_flag(raw.get("repeat_within_year"), problems, "repeat_within_year"),
        mitigation=mitigation,
        no_fault=_flag(raw.get("no_fault"), problems, "no_fault"),
        safety_related=_flag(raw.get("safety_related"), problems, "safety_related"),
        occurred_on=_date(raw.get("occurred_on"), problems, "occurred_on"),
        ended_on=_date(raw.get("ended_on"), problems, "ended_on"),
        discovered_on=_date(raw.get("discovered_on"), problems, "discovered_on"),
        amount_owed=_amount(raw.get("amount_owed"), problems, "amount_owed"),
        duration_months=_count(raw.get("duration_months"), problems, "duration_months"),
        duration_days=_count(raw.get("duration_days"), problems, "duration_days"),
        earlier_violations=_count(raw.get("earlier_violations"), problems, "earlier_violations"),
        corrected_in_time=_open_flag(raw.get("corrected_in_time"), problems, "corrected_in_time"),
    )
    if facts.first_violation and facts.earlier_violations:
        problems["earlier_violations"] = "与“初次违法”矛盾"
    if facts.first_violation and facts.repeat_within_year:
        problems["repeat_within_year"] = "与“初次违法”矛盾"
    if {"mediated_performed", "mediated_agreed"} <= set(facts.mitigation):
        problems["mitigation"] = "调解协议不能既当场全部履行又未当场全部履行"
    if facts.occurred_on and facts.ended_on and facts.ended_on < facts.occurred_on:
        problems["ended_on"] = "不能早于违法行为发生日"
    start = facts.ended_on or facts.occurred_on
    if start and facts.discovered_on and facts.discovered_on < (facts.occurred_on or start):
        problems["discovered_on"] = "不能早于违法行为发生日"
    if problems:
        raise FactsError(problems)
    return facts
