"""What a standard file will do, before it is loaded: per violation, its tiers in order of severity with their
conditions in words, and for each tier a worked example — facts that meet the tier's conditions, run through the real
calculator (`fazhi.rules.penalties.assess`) under the new standard. Used by `manage.py load_standard --check` and by
the legal division's upload page.

The facts of each example are `fazhi.rules.standards.example_facts` (the load refuses a tier no facts reach); an
example the calculator still puts in another tier is flagged, and so is a heavier tier with a lower range."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from fazhi.law import wording
from fazhi.law.standard_files import StandardFile
from fazhi.rules import penalties
from fazhi.rules.facts import FactsError
from fazhi.rules.standards import NoExample, Standard, TierRule, example_facts
from fazhi.rules.violations import Violation, violation


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
    label: str  # 轻微, or with the outcome it sets: 轻微（不予行政处罚）
    conditions: str  # in words
    range: str  # in the violation's unit
    measures: str  # the penalties the tier gives ("": as the article says)
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


def _example(found: Violation, tier: TierRule, standard: Standard) -> Example:
    facts = example_facts(tier, standard.tiers_of(found.code), violation=found)
    result = penalties.assess(found.code, facts, standard=standard, on=standard.effective_from)
    chosen = result.tier
    return Example(
        facts=tuple(wording.facts_in_words(facts, stated=tier.named)),
        outcome=result.outcome.label,
        range=result.range_label,
        tier=chosen.label if chosen is not None else "",
        reaches=chosen == tier,
        explanation=result.explanation,
    )


def _tier(found: Violation, tier: TierRule, standard: Standard) -> TierPreview:
    try:
        example, error = _example(found, tier, standard), ""
    except NoExample as wrong:  # the load refuses a tier proven unreachable; this is one too costly to search
        example, error = None, f"未能找到适用本阶次的示例情节：{wrong}"
    except FactsError as wrong:
        example, error = None, f"未能按本阶次的条件计算示例：{wrong}"
    return TierPreview(
        label=tier.label,
        conditions=tier.description,
        range=wording.tier_range(found, tier),
        measures="、".join(tier.measure_labels),
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
    # Only the tiers that fine within the statutory range are compared (not a 不予处罚 or 减轻 row).
    bounds = [(t, t.low if t.low is not None else found.fine_min, t.high) for t in tiers if not t.outcome and t.fines]
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
                f"  【{tier.label}】条件：{tier.conditions}",
                f"      幅度：{tier.range}" + (f"；处罚种类：{tier.measures}" if tier.measures else ""),
                f"      情节：{tier.facts}",
            ]
            if tier.example is not None:
                example = tier.example
                chosen = f"，适用“{example.tier}”阶次" if example.tier else ""
                lines.append(f"      示例：{'、'.join(example.facts)} → {example.outcome}，{example.range}{chosen}")
        lines += [f"  ！{warning}" for warning in item.warnings]
    return lines
