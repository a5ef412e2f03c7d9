"""Citations read from the basis text of the data files: "劳动保障监察条例 第三十条第一款第（一）项" → Citation.

A basis holds one or more parts separated by "; "; a part is a statute short name, a space, then one or more articles
separated by "、" ("劳务派遣暂行规定 第二十条、第二十四条"), each with an optional 之N, 第N款 and 第（N）项.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import re

from fazhi.rules.periods import Citation

__all__ = ["parse_basis", "parse_chinese_number"]

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARTICLE = re.compile(
    r"第([零一二三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?"
    r"(?:第([零一二三四五六七八九十]+)款)?(?:第（([零一二三四五六七八九十]+)）项)?"
)


def parse_chinese_number(text: str) -> int:
    """十七 → 17, 二百七十六 → 276, 一百零一 → 101; ValueError for anything else."""
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        raise ValueError(f"不是中文数字：{text}")
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return total + (digit or 0)


def _number(text: str | None) -> int | None:
    return parse_chinese_number(text) if text else None


def parse_basis(basis: str) -> tuple[Citation, ...]:
    """Every article cited in `basis`, in order; parts that cite no numbered article (a judicial interpretation's
    document number alone) give none."""
    found: list[Citation] = []
    for part in basis.split(";"):
        statute, _, articles = part.strip().partition(" ")
        for piece in articles.split("、"):
            piece = piece.strip()
            match = _ARTICLE.match(piece if piece.startswith("第") else f"第{piece}")
            if match is None:
                continue
            article, sub, paragraph, item = match.groups()
            found.append(
                Citation(statute, parse_chinese_number(article), _number(paragraph), _number(item), sub=_number(sub))
            )
    return tuple(found)
