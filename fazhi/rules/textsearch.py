"""The normalised form and the 2-character tokens of a Chinese name, for search that answers 2-character queries
(recipes.md "Searching Chinese text"; used by fazhi.cases.search and the portal's published lists).

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import unicodedata

__all__ = ["name_bigrams", "normalise", "search_tokens"]


def normalise(text: str) -> str:
    """The characters that count for matching: NFKC, case-folded, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if char.isalnum())


def name_bigrams(name: str) -> str:
    """Overlapping 2-character tokens of the normalised name, joined by spaces; a name of one character is its own
    token. A query's tokens are a consecutive run of a name's tokens exactly when the name contains the query."""
    text = normalise(name)
    if len(text) < 2:
        return text
    return " ".join(text[i : i + 2] for i in range(len(text) - 1))


def search_tokens(name: str) -> list[str]:
    """The distinct search tokens of a name, sorted: each character and each pair of adjacent characters of the
    normalised name. A name contains a 1- or 2-character query exactly when the query is one of its tokens; a longer
    query only when all of the query's bigrams are among them (necessary, not sufficient: the bigrams must also be
    consecutive, which `name_bigrams` answers)."""
    text = normalise(name)
    return sorted(set(text) | {text[i : i + 2] for i in range(len(text) - 1)})
