"""Reads of the standards and the powers list. They are public law: no data scope applies (行政处罚法 第三十四条:
the standards are published), which is why the portal may read them too.

The loaded versions are parsed once per process and re-read when the set of versions changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Max

from fazhi.law.models import StandardVersion
from fazhi.rules import penalties, standards
from fazhi.rules.facts import Facts
from fazhi.rules.standards import Standard, TierChange

_cache: dict[tuple[int, int | None, object], tuple[Standard, ...]] = {}


def clear_cache() -> None:
    _cache.clear()


def _parse(version: StandardVersion) -> Standard:
    return standards.parse_standard_csv(
        version.content,
        source=version.source_name,
        key=version.key,
        name=version.name,
        effective_from=version.effective_from,
    )


def loaded_standards() -> tuple[Standard, ...]:
    """The bureau's loaded versions, oldest first (the example applies before the first)."""
    # The time of the last load too: a rolled-back load (a test's) may leave the next one the same count and id.
    stamp = StandardVersion.objects.aggregate(n=Count("id"), last=Max("id"), at=Max("loaded_at"))
    key = (int(stamp["n"]), stamp["last"], stamp["at"])
    if key not in _cache:
        _cache.clear()
        _cache[key] = tuple(_parse(v) for v in StandardVersion.objects.order_by("effective_from"))
    return _cache[key]


def all_standards() -> tuple[Standard, ...]:
    """The example and every loaded version, oldest first."""
    return (standards.example_standard(), *loaded_standards())


def standard_in_force(on: dt.date) -> Standard:
    return standards.in_force(loaded_standards(), on)


def named_facts() -> frozenset[str]:
    """The facts any tier of the example or of a loaded version names: the forms ask for these (a case's or a
    calculation's standard may be an older version, 行政处罚法 第三十七条)."""
    return frozenset().union(*(s.named_facts() for s in all_standards()))


def standard_by_key(key: str) -> Standard | None:
    return next((s for s in all_standards() if s.key == key), None)


def versions() -> list[StandardVersion]:
    return list(StandardVersion.objects.select_related("loaded_by").order_by("effective_from"))


def version_from(effective_from: dt.date) -> StandardVersion | None:
    """The loaded version in force from that day, if there is one (one version per effective date)."""
    return StandardVersion.objects.filter(effective_from=effective_from).first()


def calculate(code: str, facts: Facts, *, on: dt.date, also: Sequence[str] = ()) -> penalties.Assessment:
    """The calculator over the loaded standards (old unless the new is lighter, 行政处罚法 第三十七条)."""
    return penalties.calculate(code, facts, standards=loaded_standards(), on=on, also=also)


@dataclass(frozen=True)
class VersionDiff:
    old: Standard
    new: Standard
    changes: list[TierChange]


def version_diff(old_key: str, new_key: str) -> VersionDiff | None:
    old, new = standard_by_key(old_key), standard_by_key(new_key)
    if old is None or new is None:
        return None
    return VersionDiff(old, new, standards.diff(old, new))
