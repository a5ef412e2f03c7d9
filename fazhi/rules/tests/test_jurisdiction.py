"""Jurisdictions and the tightest-match chain."""

from __future__ import annotations

import pytest

from fazhi.rules.jurisdiction import (
    JURISDICTIONS,
    NATIONAL,
    UnknownJurisdiction,
    chain,
    get_jurisdiction,
    normalize_code,
    tightest_match,
)


def test_the_known_jurisdictions_have_chinese_names():
    assert {code: j.name for code, j in JURISDICTIONS.items()} == {
        "CN": "全国",
        "CN-GD": "广东省",
        "CN-GD-SZ": "深圳市",
    }
    assert get_jurisdiction("CN-GD-SZ").full_name == "广东省深圳市"


def test_the_chain_runs_from_the_city_up_to_the_nation():
    assert chain("CN-GD-SZ") == ("CN-GD-SZ", "CN-GD", "CN")
    assert chain("CN-GD") == ("CN-GD", "CN")
    assert chain(NATIONAL) == ("CN",)


def test_codes_are_normalised():
    assert normalize_code(" cn-gd-sz ") == "CN-GD-SZ"


@pytest.mark.parametrize("code", ["CN-GD-GZ", "", "GD", None, 5])
def test_an_unknown_code_is_refused_with_a_message_listing_the_known_ones(code):
    with pytest.raises(UnknownJurisdiction) as caught:
        chain(code)
    message = str(caught.value)
    assert message.startswith(f"未知的管辖区域代码“{code}”")
    assert "CN-GD-SZ（深圳市）" in message


def test_the_tightest_available_match_wins():
    assert tightest_match("CN-GD-SZ", {"CN", "CN-GD"}) == "CN-GD"
    assert tightest_match("CN-GD-SZ", {"CN", "CN-GD-SZ", "CN-GD"}) == "CN-GD-SZ"
    assert tightest_match("CN-GD", {"CN", "CN-GD-SZ"}) == "CN"
    assert tightest_match("CN", {"CN-GD"}) is None
