"""The deciding organ of a case, from the case's unit: a district brigade's case is decided by that district's bureau
and reviewed by that district's people's government; the city bureau's own cases by the city bureau and the city
government (行政处罚法 第五十九条; 行政复议法 第二十四条第一款第（一）项; 广东省劳动保障监察条例 第二十六条)."""

from __future__ import annotations

import pytest

from conftest import Org, make_unit
from fazhi.accounts.models import UnitKind
from fazhi.disclosure.actions import penalty_authority
from fazhi.documents.organ import OrganUnknown, deciding_organ, deciding_unit
from fazhi.rules import districts

pytestmark = pytest.mark.django_db


def test_a_futian_squads_case_is_decided_by_the_futian_bureau_and_reviewed_by_the_futian_government_复议法第二十四条(
    org: Org,
) -> None:
    for unit in (org.futian_squad1, org.futian_brigade, org.futian):
        organ = deciding_organ(unit)
        assert organ.name == "福田区人力资源局"
        assert organ.reconsideration == "深圳市福田区人民政府"
        assert organ.prefix == "深福人力"


def test_a_nanshan_case_names_the_nanshan_organs_not_the_futian_ones(org: Org) -> None:
    organ = deciding_organ(org.nanshan_squad1)
    assert (organ.name, organ.reconsideration, organ.prefix) == ("南山区人力资源局", "深圳市南山区人民政府", "深南人力")


def test_a_city_units_case_is_decided_by_the_city_bureau_and_reviewed_by_the_city_government(org: Org) -> None:
    brigade = make_unit("T-JC", "深圳市劳动保障监察支队", UnitKind.BRIGADE, org.city)
    for unit in (org.city, brigade, org.supervision_office):
        organ = deciding_organ(unit)
        assert (organ.name, organ.reconsideration, organ.prefix) == (
            "深圳市人力资源和社会保障局",
            "深圳市人民政府",
            "深人社",
        )


def test_a_district_bureau_missing_from_the_data_file_gets_no_guessed_reconsideration_organ_复议法第二十条(
    org: Org,
) -> None:
    """A wrong reconsideration organ in a decision gives the party up to a year (复议法 第二十条第三款): refuse."""
    dapeng = make_unit("T-DP", "大鹏新区人力资源局", UnitKind.DISTRICT_BUREAU, org.city)
    squad = make_unit("T-DP-1", "大鹏新区劳动监察中队", UnitKind.SQUAD, dapeng)
    with pytest.raises(OrganUnknown, match="大鹏新区人力资源局"):
        deciding_organ(squad)
    assert deciding_unit(squad) == dapeng  # the disclosure still names the organ that decided


def test_disclosure_publishes_under_the_same_organ_the_documents_name_处罚法第五十九条(org: Org) -> None:
    assert penalty_authority(org.futian_squad2) == deciding_organ(org.futian_squad2).name == "福田区人力资源局"
    assert penalty_authority(org.city) == "深圳市人力资源和社会保障局"


def test_every_district_names_its_government_and_an_own_document_prefix() -> None:
    rows = districts.all_districts()
    assert all(row.government == f"深圳市{row.name}人民政府" for row in rows)
    prefixes = [districts.city().document_prefix, *(row.document_prefix for row in rows)]
    assert all(prefixes)
    assert len(set(prefixes)) == len(prefixes)
