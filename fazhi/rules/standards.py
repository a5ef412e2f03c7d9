"""Discretionary penalty standards (行政处罚裁量基准): tiers (裁量阶次) per violation, versioned by effective date.

行政处罚法 第三十四条: the bureau may make 裁量基准 and must publish them. A standard is a `Standard`: for each
violation code, its tiers in order, each with the facts that select it (`when`, `fazhi.rules.conditions`), the part of
the statutory fine range it allows, in the violation's own unit (yuan, yuan per worker, a multiplier of the base, a
percentage per day), and optionally the outcome it sets (不予处罚, 减轻处罚) and the measures it gives. How the facts
choose a tier is `fazhi.rules.tiers`.

Two sources:
- the shipped EXAMPLE (`data/standards/example.toml`): the same four shares of every statutory range, clearly marked
  as an example (the Guangdong / Shenzhen standards were NOT FOUND, law digest §14.9);
- the bureau's own file, a CSV the legal division loads (`parse_standard_csv`; format in docs/standards-format.md),
  or any other reader's rows (`parse_standard_rows`), whose errors name the row and the column.

A later version never rewrites an earlier decision: the decision stores what it used, and `in_force` picks the version
for a day (the choice between the old and the new rule, 行政处罚法 第三十七条, is made in `fazhi.rules.penalties`).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from fazhi.rules.conditions import Condition, parse_conditions
from fazhi.rules.measures import LABELS, PENALTY_KINDS, MeasureKind, mandatory_measures, measures_for
from fazhi.rules.tiers import (
    OUTCOMES,
    TIERS,
    NoExample,
    Standard,
    TierChoice,
    TierRule,
    choose_tier,
    example_facts,
    select_tier,
)
from fazhi.rules.violations import FineUnit, Violation, all_violations

__all__ = [
    "CSV_COLUMNS",
    "EXAMPLE_FILE",
    "OPTIONAL_COLUMNS",
    "OUTCOMES",
    "TIERS",
    "Condition",
    "NoExample",
    "Standard",
    "StandardDataError",
    "TierChange",
    "TierChoice",
    "TierRule",
    "choose_tier",
    "diff",
    "example_facts",
    "example_standard",
    "in_force",
    "parse_conditions",
    "parse_measures",
    "parse_standard_csv",
    "parse_standard_rows",
    "select_tier",
]

EXAMPLE_FILE = Path(__file__).resolve().parent / "data" / "standards" / "example.toml"
# The columns every file has, and those it may add (the outcome a tier sets, the measures it gives).
CSV_COLUMNS = ("code", "tier", "when", "fine_min", "fine_max", "facts")
OPTIONAL_COLUMNS = ("outcome", "measures")
CENT = Decimal("0.01")
_TIER_BY_LABEL = {label: code for code, label in TIERS.items()}
_OUTCOME_BY_WORD = {
    **{code: code for code in OUTCOMES},
    **{label: code for code, label in OUTCOMES.items()},
    "penalty": "",
    "处罚": "",
    "不予处罚": "no_penalty",
    "可以不予处罚": "may_waive",
    "减轻": "reduced",
}
_MEASURE_BY_WORD = {
    **{kind.value: kind for kind in MeasureKind},
    **{label: kind for kind, label in LABELS.items()},
    "处罚款": MeasureKind.FINE,
    "责令改正": MeasureKind.ORDER_CORRECTION,
    "限期改正": MeasureKind.ORDER_CORRECTION,
    "责令限期改正": MeasureKind.ORDER_CORRECTION,
    "责令停产停业": MeasureKind.STOP_WORK,
    "责令项目停工": MeasureKind.STOP_WORK,
    "吊销许可证": MeasureKind.REVOKE_LICENCE,
}
_MEASURE_SEPARATORS = re.compile(r"[;；,，、/\s]+|并处|并|和|及")
# 不予处罚 rests on 行政处罚法 第三十三条第一款: corrected (及时改正, or within the order's deadline) and either a first
# violation or no harmful consequence.
_CORRECTED = ("corrected_promptly", "corrected_in_time")


class StandardDataError(ValueError):
    """A standard file is faulty; `problems` lists every fault, each naming its row and column."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"裁量基准“{source}”有误：\n" + "\n".join(f"- {p}" for p in problems))


def _share(violation: Violation, share: Decimal) -> Decimal | None:
    low = violation.fine_min if violation.fine_min is not None else Decimal(0)
    if violation.fine_max is None:
        return None
    return (low + share * (violation.fine_max - low)).quantize(CENT, ROUND_HALF_UP)


@cache
def example_standard() -> Standard:
    """The shipped example: its shares applied to every violation whose statute sets a fine range."""
    data = tomllib.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    head = data["standard"]
    templates = []
    for entry in data["tiers"]:
        low, high = (Decimal(str(x)) for x in entry["share"])
        templates.append((entry["tier"], parse_conditions(entry["when"]), low, high, entry["facts"]))
    rules: dict[str, tuple[TierRule, ...]] = {}
    for violation in all_violations():
        if violation.fine_unit is FineUnit.NONE or violation.fine_max is None or violation.retired:
            continue
        rules[violation.code] = tuple(
            TierRule(tier, when, _share(violation, low), _share(violation, high), facts)
            for tier, when, low, high, facts in templates
        )
    return Standard(
        key=head["key"],
        name=head["name"],
        effective_from=head["effective_from"],
        example=bool(head["example"]),
        rules=rules,
        note=head.get("note", ""),
    )


def _amount(text: str) -> Decimal:
    number = Decimal(text.replace(",", ""))
    if not number.is_finite() or number < 0:
        raise InvalidOperation
    return number


def parse_standard_csv(
    text: str, *, source: str, key: str, name: str, effective_from: dt.date, violations: Iterable[Violation] = ()
) -> Standard:
    """The bureau's standard from its CSV (UTF-8, a header naming the columns of `parse_standard_rows`);
    StandardDataError naming the row and column of every fault."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = [column.strip() for column in next(reader, None) or []]
    problems: list[str] = []
    rows: list[tuple[str, dict[str, str]]] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        where = f"第{reader.line_num}行"
        if len(cells) != len(header):
            problems.append(f"{where}：应有{len(header)}列，实有{len(cells)}列")
            continue
        rows.append((where, dict(zip(header, (cell.strip() for cell in cells), strict=True))))
    return parse_standard_rows(
        rows,
        source=source,
        key=key,
        name=name,
        effective_from=effective_from,
        header=header,
        violations=violations,
        problems=problems,
    )


def parse_measures(text: str) -> tuple[MeasureKind, ...]:
    """ "警告、罚款" / "warning,fine" → the kinds, in printing order; ValueError (Chinese) for a word not known."""
    found: list[MeasureKind] = []
    for word in _MEASURE_SEPARATORS.split(text.strip()):
        if not word:
            continue
        if word not in _MEASURE_BY_WORD:
            known = "、".join(LABELS[kind] for kind in MeasureKind)
            raise ValueError(f"未知的处罚种类“{word}”（可用：{known}，以顿号分隔）")
        found.append(_MEASURE_BY_WORD[word])
    return tuple(kind for kind in MeasureKind if kind in found)


def _header_problems(header: Sequence[str], where: str) -> list[str]:
    expected = f"表头应含 {','.join(CSV_COLUMNS)}（可另加 {','.join(OPTIONAL_COLUMNS)}）"
    missing = [column for column in CSV_COLUMNS if column not in header]
    unknown = [column for column in header if column not in (*CSV_COLUMNS, *OPTIONAL_COLUMNS)]
    twice = sorted({column for column in header if header.count(column) > 1})
    problems = []
    if missing:
        problems.append(f"{where}：{expected}，缺少 {','.join(missing)}；实为 {','.join(header)}")
    if unknown:
        problems.append(f"{where}：{expected}，没有“{'”“'.join(unknown)}”这一列")
    if twice:
        problems.append(f"{where}：“{'”“'.join(twice)}”列重复")
    return problems


def _outcome_problems(outcome: str, when: tuple[Condition, ...], violation: Violation) -> dict[str, str]:
    """What 行政处罚法 requires of a tier that waives or reduces the penalty (column → problem)."""
    named = {(c.fact, c.values) for c in when}
    if outcome in ("no_penalty", "may_waive"):
        corrected = any((fact, ("yes",)) in named for fact in _CORRECTED)
        first = ("first_violation", ("yes",)) in named or any(
            c.fact == "earlier_violations" and Decimal(c.values[0]) == 0 and c.op in ("=", "<=") for c in when
        )
        harmless = ("harm", ("none",)) in named
        if not corrected or not (first or harmless):
            return {
                "when": f"{OUTCOMES[outcome]}须以行政处罚法第三十三条第一款的情形为条件：及时改正"
                "（corrected_promptly=yes 或 corrected_in_time=yes），并且初次违法（first_violation=yes）"
                "或者没有造成危害后果（harm=none）"
            }
    if outcome == "reduced":
        if not any(c.fact == "mitigation" for c in when):
            return {
                "when": "减轻处罚须以行政处罚法第三十二条规定的情形为条件（mitigation=any 或所列情形，"
                "如 mitigation=confessed）"
            }
        if not violation.fine_min:
            return {"outcome": f"“{violation.name}”法定最低罚款为零，无从减轻处罚（{violation.basis}）"}
    return {}


def _measure_problems(
    outcome: str, kinds: tuple[MeasureKind, ...], violation: Violation, bounds: tuple[Decimal | None, ...]
) -> str:
    """What is wrong with a tier's measures against the violation's article (fazhi.rules.measures)."""
    if not kinds:
        return ""
    if outcome == "no_penalty":
        return "不予处罚的阶次不列处罚种类"
    allowed = measures_for(violation.code)
    wrong = [LABELS[kind] for kind in kinds if kind not in allowed]
    if wrong:
        return f"{violation.basis}未规定{'、'.join(wrong)}"
    if not set(kinds) & PENALTY_KINDS:
        return "应至少列一种行政处罚（行政处罚法第九条）"
    missing = [LABELS[kind] for kind in mandatory_measures(violation.code) if kind not in kinds]
    if missing:
        return f"依{violation.basis}，应当{'、'.join(missing)}"
    if MeasureKind.FINE not in kinds and any(bound is not None for bound in bounds):
        return "本阶次不处罚款，fine_min 和 fine_max 应为空"
    return ""


def parse_standard_rows(
    rows: Iterable[tuple[str, Mapping[str, str]]],
    *,
    source: str,
    key: str,
    name: str,
    effective_from: dt.date,
    header: Sequence[str],
    header_location: str = "第1行",
    violations: Iterable[Violation] = (),
    problems: list[str] | None = None,
) -> Standard:
    """The bureau's standard from its rows, whatever file they were read from (CSV, a spreadsheet): each row is
    (its location in Chinese — "第2行", "工作表“基准”第2行" —, its cells by column name); `header` is the columns in
    the file's order (errors name a column by its place and its name). StandardDataError naming the location and the
    column of every fault (`problems`: faults the reader already found).

    Columns: code, tier (minor/general/serious/grave or 轻微/一般/较重/严重), when (conditions, blank for the
    violation's default tier), fine_min, fine_max (in the violation's unit; blank = the statute's bound), facts (the
    selecting facts in words); optionally outcome (blank: a penalty; 不予处罚, 可以不予处罚, 减轻处罚) and measures
    (警告、罚款 …; blank: as the article says). docs/standards-format.md."""
    known = {v.code: v for v in (violations or all_violations())}
    problems = list(problems or [])
    header = [column.strip() for column in header]
    wrong_header = _header_problems(header, header_location)
    if wrong_header:
        raise StandardDataError(source, wrong_header)
    rules: dict[str, list[TierRule]] = {}
    seen: dict[tuple[str, str, str], str] = {}
    located: dict[tuple[str, TierRule], str] = {}
    for where, cells in rows:
        row = {column: str(cells.get(column) or "").strip() for column in (*CSV_COLUMNS, *OPTIONAL_COLUMNS)}

        def fault(column: str, message: str, where: str = where) -> None:
            problems.append(f"{where}第{header.index(column) + 1}列（{column}）：{message}")

        violation = known.get(row["code"])
        if violation is None:
            fault("code", f"未知的违法行为代码“{row['code']}”" if row["code"] else "未填写违法行为代码")
            continue
        if violation.retired:
            fault("code", f"违法行为代码“{violation.code}”已停用，请按替代它的“{violation.replaced_by}”制定阶次")
            continue
        if violation.fine_unit is FineUnit.NONE:
            fault("code", f"“{violation.name}”法律未规定罚款，不设裁量阶次")
            continue
        tier = _TIER_BY_LABEL.get(row["tier"], row["tier"])
        if tier not in TIERS:
            fault("tier", f"应为 {'、'.join(f'{k}（{v}）' for k, v in TIERS.items())} 之一")
            continue
        outcome = _OUTCOME_BY_WORD.get(row["outcome"])
        if outcome is None:
            fault("outcome", "应为空（给予处罚）或 不予处罚、可以不予处罚、减轻处罚 之一")
            continue
        if (violation.code, tier, outcome) in seen:
            fault("tier", f"与{seen[(violation.code, tier, outcome)]}重复（同一违法行为的同一阶次）")
            continue
        seen[(violation.code, tier, outcome)] = where
        try:
            when = parse_conditions(row["when"])
            kinds = parse_measures(row["measures"])
        except ValueError as error:
            fault("measures" if "处罚种类" in str(error) else "when", str(error))
            continue
        bounds: list[Decimal | None] = []
        for column in ("fine_min", "fine_max"):
            try:
                bounds.append(_amount(row[column]) if row[column] else None)
            except InvalidOperation:
                fault(column, f"“{row[column]}”应为非负数")
                bounds.append(None)
        low, high = bounds
        statute_low, statute_high = violation.fine_min, violation.fine_max
        if low is not None and high is not None and low > high:
            fault("fine_min", f"{low} 大于 fine_max {high}")
        if outcome == "no_penalty" and (low is not None or high is not None):
            fault("fine_min", "不予处罚的阶次不设罚款幅度，fine_min 和 fine_max 应为空")
        elif outcome == "reduced":
            if high is None:
                fault("fine_max", f"减轻处罚的阶次须写明罚款上限（不高于法定最低额 {statute_low}）")
            elif statute_low is not None and high > statute_low:
                fault("fine_max", f"{high} 高于法定最低额 {statute_low}，不是减轻处罚（行政处罚法第三十二条）")
        elif low is not None and statute_low is not None and low < statute_low:
            fault("fine_min", f"{low} 低于法定最低额 {statute_low}（{violation.basis}）")
        if high is not None and statute_high is not None and high > statute_high:
            fault("fine_max", f"{high} 高于法定最高额 {statute_high}（{violation.basis}）")
        for column, message in _outcome_problems(outcome, when, violation).items():
            fault(column, message)
        wrong_measures = _measure_problems(outcome, kinds, violation, (low, high))
        if wrong_measures:
            fault("measures", wrong_measures)
        if not row["facts"]:
            fault("facts", "请用文字写明适用本阶次的情节")
        rule = TierRule(tier, when, low, high, row["facts"], outcome, kinds)
        rules.setdefault(violation.code, []).append(rule)
        located[(violation.code, rule)] = where
    for code, tiers in rules.items():
        for rule in tiers:
            try:
                example_facts(rule, tiers, violation=known[code])
            except NoExample as error:
                if error.proven:
                    problems.append(f"{located[(code, rule)]}第{header.index('when') + 1}列（when）：{error}")
    if not rules and not problems:
        problems.append("没有任何裁量阶次")
    if problems:
        raise StandardDataError(source, problems)
    return Standard(
        key=key,
        name=name,
        effective_from=effective_from,
        example=False,
        rules={code: tuple(tiers) for code, tiers in rules.items()},
    )


def in_force(standards: Iterable[Standard], on: dt.date) -> Standard:
    """The standard in force on `on`: the latest effective on or before it (the example before any loaded one)."""
    candidates = [s for s in standards if s.effective_from <= on]
    if not candidates:
        return example_standard()
    return max(candidates, key=lambda s: (s.effective_from, not s.example))


@dataclass(frozen=True)
class TierChange:
    code: str
    tier: str
    change: str  # "added" | "removed" | "changed"
    before: TierRule | None
    after: TierRule | None
    outcome: str = ""  # the outcome the tier sets (a key of OUTCOMES): a 不予处罚 row is compared with its like

    @property
    def label(self) -> str:
        return TIERS[self.tier] + (f"（{OUTCOMES[self.outcome]}）" if self.outcome else "")


def _same(a: TierRule, b: TierRule) -> bool:
    return (a.when, a.low, a.high, a.facts, a.measures) == (b.when, b.low, b.high, b.facts, b.measures)


def diff(old: Standard, new: Standard) -> list[TierChange]:
    """What changed from `old` to `new`, per violation and tier (violations in the CSV's order)."""
    changes: list[TierChange] = []
    order = [v.code for v in all_violations()]
    codes = sorted(set(old.rules) | set(new.rules), key=lambda c: order.index(c) if c in order else len(order))
    for code in codes:
        before = {(rule.tier, rule.outcome): rule for rule in old.tiers_of(code)}
        after = {(rule.tier, rule.outcome): rule for rule in new.tiers_of(code)}
        for tier, outcome in ((t, o) for t in TIERS for o in OUTCOMES):
            a, b = before.get((tier, outcome)), after.get((tier, outcome))
            if a is None and b is not None:
                changes.append(TierChange(code, tier, "added", None, b, outcome))
            elif a is not None and b is None:
                changes.append(TierChange(code, tier, "removed", a, None, outcome))
            elif a is not None and b is not None and not _same(a, b):
                changes.append(TierChange(code, tier, "changed", a, b, outcome))
    return changes
