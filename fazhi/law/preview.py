"""What a standard file will do, before it is loaded: per violation, its tiers in order of severity with their
conditions in words, and for each tier a worked example — facts that meet the tier's conditions, run through the real
calculator (`fazhi.rules.penalties.assess`) under the new standard. Used by `manage.py load_standard --check` and by
the legal division's upload page.

An example whose facts lead the calculator to another tier is flagged: the tiers are tried in the file's order, so a
tier listed after a broader one is never reached."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from fazhi.law import wording
from fazhi.law.standard_files import StandardFile
from fazhi.rules import penalties
from fazhi.rules.facts import Facts, FactsError, Harm, parse_facts
from fazhi.rules.standards import Standard, TierRule, select_tier
from fazhi.rules.violations import FineUnit, Violation, violation

# The facts a worked example adds when the fine is counted per worker, per child and month, or on a base amount.
EXAMPLE_COUNTS = {"workers": 3, "child_months": 2, "base_amount": Decimal("10000.00"), "days": 30}
NEEDS = {
    FineUnit.PER_WORKER: ("workers",),
    FineUnit.PER_CHILD_MONTH: ("child_months",),
    FineUnit.MULTIPLE_OF_AMOUNT: ("base_amount",),
    FineUnit.PERCENT_PER_DAY: ("base_amount", "days"),
}
_HARM_ORDER = list(Harm)
MAX_VARIANTS = 512  # changed examples tried per tier, at most


@dataclass(frozen=True)
class Example:
    facts: tuple[str, ...]  # in words
    outcome: str  # 依法给予行政处罚 …
    range: str  # the calculator's range in yuan, or the outcome when there is none
    tier: str  # the tier the calculator chose ("" none)
    reaches: bool  # the calculator chose the tier the example is for
    explanation: tuple[str, ...]


@dataclass(frozen=True)
class TierPreview:
    label: str
    conditions: tuple[str, ...]
    range: str  # in the violation's unit
    facts: str  # as the file words them
    example: Example | None
    example_error: str = ""


@dataclass(frozen=True)
class ViolationPreview:
    code: str
    name: str
    basis: str
    statutory: str
    tiers: tuple[TierPreview, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class StandardPreview:
    source_name: str
    kind: str  # CSV 文件 / Excel 工作簿
    name: str
    effective_from: dt.date
    sha256: str
    violations: tuple[ViolationPreview, ...]
    notes: tuple[str, ...]

    @property
    def tier_count(self) -> int:
        return sum(len(v.tiers) for v in self.violations)

    @property
    def warnings(self) -> list[str]:
        return [f"{v.name}：{w}" for v in self.violations for w in v.warnings]


def example_facts(tier: TierRule) -> Facts:
    """Facts that meet the tier's conditions: the heaviest harm it names, each yes-or-no as it asks, each count at its
    bound; a tier without conditions (the default) is shown with 造成一定危害后果, since a tier is chosen only once the
    harm is stated."""
    raw: dict[str, object] = {}
    for condition in tier.when:
        if condition.fact == "harm":
            raw["harm"] = max(condition.values, key=lambda value: _HARM_ORDER.index(Harm(value)))
        else:
            raw[condition.fact] = condition.values[0]
    raw.setdefault("harm", Harm.MODERATE.value)
    return parse_facts(raw)


def _variants(tier: TierRule, rules: Sequence[TierRule]) -> Iterator[dict[str, object]]:
    """Changes to try on a tier's example so that no tier tried before it holds: the facts other tiers weigh and this
    one does not, each way they can go (the example as it is first)."""
    own = {condition.fact for condition in tier.when}
    options: dict[str, list[object]] = {}
    for other in rules:
        for condition in other.when:
            if condition.fact in own:
                continue
            choices = options.setdefault(condition.fact, [None])
            if condition.fact == "harm":
                choices.extend(h.value for h in Harm if h.value not in choices)
            elif condition.values[0] in ("yes", "no", "是", "否", "true", "false"):
                choices.extend(value for value in ("yes", "no") if value not in choices)
            else:
                try:
                    bound = Decimal(condition.values[0])
                except InvalidOperation:
                    continue
                beyond = bound - 1 if condition.op == ">=" else bound + 1
                choices.extend(str(max(v, Decimal(0))) for v in (bound, beyond) if str(v) not in choices)
    names = list(options)
    for combination in itertools.islice(itertools.product(*(options[n] for n in names)), MAX_VARIANTS):
        yield {name: value for name, value in zip(names, combination, strict=True) if value is not None}


def _reaching(found: Violation, tier: TierRule, rules: Sequence[TierRule]) -> Facts:
    """The tier's example facts, changed where that makes the calculator choose this tier (else as they are)."""
    base = _with_counts(found, example_facts(tier))
    for change in _variants(tier, rules):
        try:
            facts = _with_counts(found, parse_facts(base.as_json() | change))
        except FactsError:  # e.g. 初次违法 with a repeat within a year
            continue
        if select_tier(rules, facts) == tier:
            return facts
    return base


def _with_counts(found: Violation, facts: Facts) -> Facts:
    """The facts with the counts the violation's fine unit needs, where the tier's conditions do not give them."""
    missing = {name: EXAMPLE_COUNTS[name] for name in NEEDS.get(found.fine_unit, ()) if not getattr(facts, name)}
    return replace(facts, **missing) if missing else facts  # type: ignore[arg-type]


def _example(found: Violation, tier: TierRule, standard: Standard) -> Example:
    facts = _reaching(found, tier, standard.tiers_of(found.code))
    result = penalties.assess(found.code, facts, standard=standard, on=standard.effective_from)
    chosen = result.tier
    return Example(
        facts=tuple(wording.facts_in_words(facts, stated=(c.fact for c in tier.when))),
        outcome=result.outcome.label,
        range=result.range_label,
        tier=chosen.label if chosen is not None else "",
        reaches=chosen is not None and chosen.tier == tier.tier,
        explanation=result.explanation,
    )


def _tier(found: Violation, tier: TierRule, standard: Standard) -> TierPreview:
    try:
        example, error = _example(found, tier, standard), ""
    except FactsError as wrong:  # conditions no facts can meet (初次违法 and a repeat …)
        example, error = None, f"无法按本阶次的条件构造示例：{wrong}"
    return TierPreview(
        label=tier.label,
        conditions=tuple(wording.conditions(tier)),
        range=wording.tier_range(found, tier),
        facts=tier.facts,
        example=example,
        example_error=error,
    )


def _warnings(found: Violation, tiers: list[TierRule], previews: list[TierPreview]) -> list[str]:
    warnings = []
    for tier, shown in zip(tiers, previews, strict=True):
        if shown.example is not None and not shown.example.reaches:
            warnings.append(
                f"“{tier.label}”阶次的示例情节适用了“{shown.example.tier or '法定幅度'}”：各阶次按文件中的顺序判断，"
                "请核对该阶次的条件和排列顺序"
            )
        elif shown.example_error:
            warnings.append(f"“{tier.label}”阶次：{shown.example_error}")
    bounds = [(t, t.low if t.low is not None else found.fine_min, t.high) for t in tiers]
    for (lighter, low_a, high_a), (heavier, low_b, high_b) in itertools.pairwise(bounds):
        if (low_a is not None and low_b is not None and low_b < low_a) or (
            high_a is not None and high_b is not None and high_b < high_a
        ):
            warnings.append(f"“{heavier.label}”阶次的幅度低于“{lighter.label}”阶次，请核对")
    return warnings


def preview_standard(found: StandardFile, standard: Standard) -> StandardPreview:
    """The preview of a file already read and checked (`fazhi.law.standard_files.parse_standard_file`)."""
    violations = []
    for code, rules in standard.rules.items():
        item = violation(code)
        tiers = wording.by_severity(rules)
        previews = [_tier(item, tier, standard) for tier in tiers]
        violations.append(
            ViolationPreview(
                code=code,
                name=item.name,
                basis=item.basis,
                statutory=wording.statutory_range(item),
                tiers=tuple(previews),
                warnings=tuple(_warnings(item, tiers, previews)),
            )
        )
    return StandardPreview(
        source_name=found.source_name,
        kind=found.kind_label,
        name=standard.name,
        effective_from=standard.effective_from,
        sha256=found.sha256,
        violations=tuple(violations),
        notes=found.notes,
    )


def preview_text(preview: StandardPreview) -> list[str]:
    """The preview as lines of text, for the command line."""
    lines = [
        f"{preview.source_name}（{preview.kind}）校验通过：“{preview.name}”，自 {preview.effective_from:%Y-%m-%d} "
        f"起施行；{len(preview.violations)} 项违法行为，{preview.tier_count} 个裁量阶次。",
        f"SHA-256：{preview.sha256}",
        *(f"说明：{note}" for note in preview.notes),
    ]
    for item in preview.violations:
        lines += ["", f"■ {item.name}（{item.basis}）", f"  法定罚款：{item.statutory}"]
        for tier in item.tiers:
            lines += [
                f"  【{tier.label}】条件：{'；'.join(tier.conditions)}",
                f"      幅度：{tier.range}",
                f"      情节：{tier.facts}",
            ]
            if tier.example is not None:
                example = tier.example
                chosen = f"，适用“{example.tier}”阶次" if example.tier else ""
                lines.append(f"      示例：{'、'.join(example.facts)} → {example.outcome}，{example.range}{chosen}")
        lines += [f"  ！{warning}" for warning in item.warnings]
    return lines
