"""The search tokens of a name: a 1- or 2-character query is contained in the name exactly when it is one of them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fazhi.rules.textsearch import normalise, search_tokens

CHARS = "华强电子有限公司Aａ1（ "


def test_the_tokens_are_each_character_and_each_adjacent_pair_once() -> None:
    assert search_tokens("华强（华强）") == sorted({"华", "强", "华强", "强华"})
    assert search_tokens("厂") == ["厂"]
    assert search_tokens(" （） ") == []


@given(name=st.text(alphabet=CHARS, max_size=12), query=st.text(alphabet=CHARS, min_size=1, max_size=2))
def test_a_short_query_is_in_the_name_exactly_when_it_is_a_token(name: str, query: str) -> None:
    text = normalise(query)
    if text:
        assert (text in normalise(name)) == (text in search_tokens(name))
