"""The portal's search of published decisions through the name-token index finds exactly what a plain scan of the
names and credit codes finds, in the list's order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from fazhi.disclosure.models import PublishedDecision
from fazhi.portal.queries import RARE_TOKEN_ROWS, count_published_decisions, published_decisions
from fazhi.rules.textsearch import normalise

from .conftest import snapshot

pytestmark = pytest.mark.django_db

# Few characters, so that names share bigrams and queries hit; full-width and lower-case letters, brackets and
# spaces test the normalising of both sides.
NAME_CHARS = "华强电子深圳市有限公司9A（） ａ"
CODE_CHARS = "914A"
QUERY_CHARS = "华强电子深圳市公司9A1aＡ（ "
rows = st.lists(
    st.tuples(
        st.text(alphabet=NAME_CHARS, min_size=1, max_size=10),
        st.text(alphabet=CODE_CHARS, max_size=4),
        st.integers(min_value=1, max_value=3),  # a few publication days: ties in the order
    ),
    min_size=1,
    max_size=12,
)
queries = st.lists(
    st.text(alphabet=QUERY_CHARS, min_size=1, max_size=5) | st.text(alphabet="914Aa", min_size=1, max_size=3),
    min_size=1,
    max_size=6,
)


def scanned(published: list[PublishedDecision], q: str) -> list[int]:
    """The plain scan: every row whose normalised name contains the normalised query or whose credit code starts
    with it, newest first."""
    text = normalise(q)
    found = [
        row
        for row in published
        if not text or text in normalise(row.employer_name) or row.credit_code.startswith(text.upper())
    ]
    return [row.pk for row in sorted(found, key=lambda row: (row.published_on, row.pk), reverse=True)]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows, queries=queries)
def test_the_search_finds_what_a_plain_scan_finds(rows: list[tuple[str, str, int]], queries: list[str]) -> None:
    with transaction.atomic():
        published = [snapshot(name, credit_code=code, published_on=dt.date(2026, 3, day)) for name, code, day in rows]
        for q in queries:
            expected = scanned(published, q)
            assert [row.pk for row in published_decisions(q)] == expected, q
            assert count_published_decisions(q) == len(expected), q
        transaction.set_rollback(True)


def test_a_long_query_is_led_by_its_rarest_bigram_and_still_needs_the_whole_run() -> None:
    for n in range(3):
        snapshot(f"深圳市华强电子{n}号有限公司")
    snapshot("深圳市电子华强有限公司")  # every bigram of 华强电子 but one, not as a run
    found = [row.employer_name for row in published_decisions("华强电子")]
    assert found == [f"深圳市华强电子{n}号有限公司" for n in (2, 1, 0)]
    assert RARE_TOKEN_ROWS >= 100


def test_a_query_longer_than_any_name_finds_nothing_and_an_empty_one_everything() -> None:
    snapshot("深圳市华强电子有限公司")
    assert not published_decisions("华" * 201).exists()
    assert published_decisions(" （） ").count() == 1
