import pytest

from fazhi.rules.districts import all_districts, district_of

# Every district of Shenzhen with its division code (GB/T 2260), as the data file must carry it.
SHENZHEN = {
    "罗湖区": "440303",
    "福田区": "440304",
    "南山区": "440305",
    "宝安区": "440306",
    "龙岗区": "440307",
    "盐田区": "440308",
    "龙华区": "440309",
    "坪山区": "440310",
    "光明区": "440311",
}


def test_the_data_file_lists_every_district_of_shenzhen_with_its_division_code():
    assert {d.name: d.code for d in all_districts()} == SHENZHEN


@pytest.mark.parametrize(("name", "code"), SHENZHEN.items())
def test_an_address_in_each_district_finds_that_district(name, code):
    district = district_of(f"广东省深圳市{name}某某街道某某路8号")
    assert district is not None
    assert (district.name, district.code) == (name, code)


def test_the_earliest_district_named_wins_over_a_building_named_after_another():
    district = district_of("深圳市福田区深南大道1号南山区商会大厦")
    assert district is not None
    assert district.name == "福田区"


def test_a_road_named_after_a_district_is_not_a_district():
    assert district_of("深圳市南山大道1001号") is None
    assert district_of("宝安大道与福田路交汇处") is None


def test_spaces_inside_the_address_do_not_hide_the_district():
    district = district_of("深圳市 龙 华区 民治街道")
    assert district is not None
    assert district.code == "440309"


def test_an_address_without_a_district_or_outside_shenzhen_finds_none():
    assert district_of("") is None
    assert district_of("深圳市大鹏新区葵涌街道") is None
    assert district_of("广州市天河区体育西路") is None


def test_the_city_government_reviews_the_city_bureau_and_each_district_government_its_bureau():
    """行政复议法 第二十四条第一款第（一）项: a government hears reconsiderations against its own departments."""
    from fazhi.rules.districts import city

    assert (city().name, city().government, city().document_prefix) == ("深圳市", "深圳市人民政府", "深人社")
    futian = district_of("深圳市福田区福华路1号")
    assert futian is not None
    assert (futian.government, futian.document_prefix) == ("深圳市福田区人民政府", "深福人力")


def test_two_organs_with_one_document_prefix_or_a_reviewer_that_is_no_government_are_refused(tmp_path):
    from fazhi.rules.districts import _load

    head = '[city]\nname = "深圳市"\ngovernment = "深圳市人民政府"\ndocument_prefix = "深人社"\n'
    row = '[[district]]\ncode = "{code}"\nname = "{name}"\ngovernment = "{gov}"\ndocument_prefix = "{prefix}"\n'
    same = head + row.format(code="440303", name="罗湖区", gov="深圳市罗湖区人民政府", prefix="深人社")
    (tmp_path / "same.toml").write_text(same, encoding="utf-8")
    with pytest.raises(ValueError, match="发文机关代字不能相同"):
        _load(tmp_path / "same.toml")
    wrong = head + row.format(code="440303", name="罗湖区", gov="深圳市人力资源局", prefix="深罗人力")
    (tmp_path / "wrong.toml").write_text(wrong, encoding="utf-8")
    with pytest.raises(ValueError, match="复议机关须为人民政府"):
        _load(tmp_path / "wrong.toml")
