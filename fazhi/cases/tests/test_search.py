"""Employer-name search answers 2-character queries from the bigram index, on SQLite (FTS5) and PostgreSQL (GIN)."""

from __future__ import annotations

import pytest
from django.db import connection

from fazhi.cases.models import Case, Employer
from fazhi.cases.search import filter_by_employer_name, name_bigrams, normalise, search_employers
from fazhi.cases.tests.conftest import RegisterCase

pytestmark = pytest.mark.django_db

HUAQIANG_ELECTRONICS = "深圳市福田区华强电子科技有限公司"
HUAQIANG_TRADING = "深圳市南山区华强北贸易有限公司"
QIANGHUA_HARDWARE = "深圳市宝安区强华五金制品厂"


@pytest.fixture
def three_employers(register: RegisterCase) -> dict[str, Case]:
    return {name: register(employer_name=name) for name in (HUAQIANG_ELECTRONICS, HUAQIANG_TRADING, QIANGHUA_HARDWARE)}


def names(q: str) -> set[str]:
    return set(search_employers(q).values_list("name", flat=True))


def test_registering_a_case_stores_the_employers_name_as_overlapping_bigrams(register: RegisterCase) -> None:
    case = register(employer_name=" 深圳市（福田）华强 ")
    employer = Employer.objects.get(pk=case.employer_id)
    assert employer.name == "深圳市（福田）华强"
    assert employer.name_bigrams == "深圳 圳市 市福 福田 田华 华强"


def test_a_two_character_query_finds_every_name_containing_it_and_no_other(three_employers: dict[str, Case]) -> None:
    assert names("华强") == {HUAQIANG_ELECTRONICS, HUAQIANG_TRADING}
    assert names("强华") == {QIANGHUA_HARDWARE}
    assert names("五金") == {QIANGHUA_HARDWARE}
    assert names(" 华 强 ") == {HUAQIANG_ELECTRONICS, HUAQIANG_TRADING}
    assert names("华，强！") == {HUAQIANG_ELECTRONICS, HUAQIANG_TRADING}


def test_a_four_character_query_matches_the_characters_in_order_not_just_its_bigrams(
    three_employers: dict[str, Case],
) -> None:
    assert names("华强电子") == {HUAQIANG_ELECTRONICS}
    assert names("区华强电") == {HUAQIANG_ELECTRONICS}
    assert names("华强北贸") == {HUAQIANG_TRADING}
    # Both names contain 华强 and 有限, but neither has them side by side (强有).
    assert names("华强有限") == set()
    assert names("华强贸易") == set()


def test_a_query_no_name_contains_finds_nothing(three_employers: dict[str, Case]) -> None:
    assert names("欠薪") == set()
    assert names("龙华区某某") == set()
    assert not filter_by_employer_name(Case.objects.all(), "欠薪").exists()


def test_the_case_filter_keeps_the_cases_of_matching_employers(three_employers: dict[str, Case]) -> None:
    found = filter_by_employer_name(Case.objects.all(), "华强")
    assert set(found.values_list("pk", flat=True)) == {
        three_employers[HUAQIANG_ELECTRONICS].pk,
        three_employers[HUAQIANG_TRADING].pk,
    }
    narrowed = filter_by_employer_name(Case.objects.filter(unit__isnull=False), "华强电子")
    assert list(narrowed.values_list("pk", flat=True)) == [three_employers[HUAQIANG_ELECTRONICS].pk]


def test_spaces_punctuation_width_and_case_are_ignored_on_both_sides(register: RegisterCase) -> None:
    register(employer_name="深圳市ABC·创新（龙岗）科技有限公司")
    expected = {"深圳市ABC·创新（龙岗）科技有限公司"}
    assert names("abc创新") == expected
    assert names("ＡＢＣ") == expected
    assert names("创新龙岗") == expected
    assert names("创新(龙岗)科技") == expected
    assert names("龙岗 ） 科技") == expected
    assert normalise("  ＡＢＣ，创新！ ") == "abc创新"


def test_an_empty_or_punctuation_only_query_filters_nothing_and_finds_nothing(
    three_employers: dict[str, Case],
) -> None:
    everything = Case.objects.all()
    for blank in ("", "   ", "，。！？", "\t\n"):
        assert filter_by_employer_name(everything, blank).count() == 3
        assert names(blank) == set()


def test_a_single_character_falls_back_to_a_plain_scan(three_employers: dict[str, Case]) -> None:
    assert names("强") == {HUAQIANG_ELECTRONICS, HUAQIANG_TRADING, QIANGHUA_HARDWARE}
    assert names("厂") == {QIANGHUA_HARDWARE}
    assert names(" 厂！") == {QIANGHUA_HARDWARE}
    assert filter_by_employer_name(Case.objects.all(), "北").count() == 1


def test_every_substring_of_a_name_finds_it(register: RegisterCase) -> None:
    name = "深圳市宝安区ABC-12号新材料有限公司"
    register(employer_name=name)
    text = normalise(name)
    for size in range(2, len(text) + 1):
        for start in range(len(text) - size + 1):
            assert names(text[start : start + size]) == {name}, text[start : start + size]


def test_a_query_longer_than_any_name_finds_nothing(three_employers: dict[str, Case]) -> None:
    assert names("华强" * 150) == set()
    assert not filter_by_employer_name(Case.objects.all(), "华" * 201).exists()


def test_the_index_follows_deletions(register: RegisterCase) -> None:
    case = register(employer_name=HUAQIANG_TRADING)
    employer_id = case.employer_id
    Case.objects.filter(pk=case.pk).delete()
    Employer.objects.filter(pk=employer_id).delete()
    assert names("华强") == set()
    register(employer_name=HUAQIANG_ELECTRONICS)
    assert names("华强") == {HUAQIANG_ELECTRONICS}


def test_the_query_uses_the_databases_bigram_index() -> None:
    sql = str(search_employers("华强").query)
    expected = {"sqlite": "cases_employer_fts MATCH", "postgresql": "phraseto_tsquery"}[connection.vendor]
    assert expected in sql


def test_bigrams_of_short_names() -> None:
    assert name_bigrams("") == ""
    assert name_bigrams("厂") == "厂"
    assert name_bigrams("（厂）") == "厂"
    assert name_bigrams("工厂") == "工厂"
