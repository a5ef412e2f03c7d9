"""Validation of the period data file: every fault is reported and names its entry."""

from __future__ import annotations

import pytest

from fazhi.rules.periods import PeriodDataError, load_period_rules, parse_period_rules

GOOD = """
[[period]]
code = "investigation"
name = "监察案件处理期限"
days = 45
unit = "working"
starts_from = "filing"
starts_from_label = "立案之日"
jurisdiction = "CN-GD"
citations = [{ statute = "广东省劳动保障监察条例", article = 44, paragraph = 1, status = "T" }]
verified = true
stops_on_suspension = true
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(PeriodDataError) as caught:
        parse_period_rules(text, source="test.toml")
    assert str(caught.value).startswith("期限数据“test.toml”有误")
    return caught.value.problems


def test_a_good_entry_is_read():
    (rule,) = parse_period_rules(GOOD)
    assert (rule.code, rule.days, rule.jurisdiction, rule.citations[0].paragraph) == ("investigation", 45, "CN-GD", 1)


def test_an_unknown_unit_is_refused_naming_the_entry():
    assert _problems(GOOD.replace('"working"', '"weeks"')) == [
        "第1条（investigation，CN-GD）：unit“weeks”不是已知的期间单位（working、calendar、months）"
    ]


def test_an_entry_without_a_citation_is_refused():
    assert _problems(GOOD.replace("citations = [{", "# citations = [{")) == [
        "第1条（investigation，CN-GD）：缺少字段：citations"
    ]
    (problem,) = _problems(GOOD.replace("citations = [{", "citations = []\n# [{"))
    assert problem == "第1条（investigation，CN-GD）：缺少法条引用（citations）"


def test_a_citation_without_statute_or_article_is_refused():
    (problem,) = _problems(
        GOOD.replace('statute = "广东省劳动保障监察条例", article = 44', 'statute = "", article = 0')
    )
    assert problem == "第1条（investigation，CN-GD）：citations 第1项：缺少法规名称 statute；article 应为正整数"


def test_a_duplicate_code_in_one_jurisdiction_is_refused():
    assert _problems(GOOD + GOOD) == ["第2条（investigation，CN-GD）：与第1条重复（同一管辖区域内 code 不能重复）"]


def test_the_same_code_may_appear_once_per_jurisdiction():
    rules = parse_period_rules(GOOD + GOOD.replace('"CN-GD"', '"CN"'))
    assert [r.jurisdiction for r in rules] == ["CN-GD", "CN"]


def test_a_secondary_source_entry_without_a_note_is_refused():
    text = GOOD.replace('status = "T"', 'status = "S"').replace("verified = true", "verified = false")
    assert _problems(text) == ["第1条（investigation，CN-GD）：未核实（[S] 或 NOT FOUND）的期限必须有 note 说明"]
    (rule,) = parse_period_rules(text + 'note = "[S] 天数可由本局配置"\n')
    assert not rule.verified


def test_a_secondary_source_entry_may_not_claim_to_be_verified():
    assert _problems(GOOD.replace('status = "T"', 'status = "S"')) == [
        "第1条（investigation，CN-GD）：引用了 [S] 条文，verified 应为 false"
    ]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("days = 45", "days = 0", "days“0”应为正整数"),
        ("days = 45", 'days = "45"', "days“45”应为正整数"),
        ('jurisdiction = "CN-GD"', 'jurisdiction = "CN-GD-GZ"', "jurisdiction“CN-GD-GZ”应为CN、CN-GD、CN-GD-SZ之一"),
        ('code = "investigation"', 'code = "Investigation Period"', "code“Investigation Period”应为英文小写加下划线"),
        ("verified = true", 'verified = "yes"', "verified“yes”应为 true 或 false"),
        ('status = "T"', 'status = "T-web"', "citations 第1项：status 应为 T 或 S，实为“T-web”"),
        ("stops_on_suspension = true", "stop_on_suspension = true", "未知字段 stop_on_suspension"),
        ("verified = true", "verified = true\nextension_days = 30", "缺少法条引用（extension_citations）"),
        ("verified = true", 'verified = true\ndirection = "sideways"', "direction“sideways”应为 after 或 before"),
    ],
)
def test_each_kind_of_fault_is_reported(old, new, problem):
    assert problem in "\n".join(_problems(GOOD.replace(old, new)))


def test_a_period_before_its_event_may_not_be_counted_in_months():
    text = GOOD.replace('"working"', '"months"').replace("verified = true", 'verified = true\ndirection = "before"')
    assert "direction = before 的期间不能以月计，也不能有延长期" in "\n".join(_problems(text))


def test_every_faulty_entry_is_listed_not_only_the_first():
    text = GOOD.replace("days = 45", "days = -1") + GOOD.replace('"CN-GD"', '"CN"').replace('"working"', '"weekly"')
    problems = _problems(text)
    assert len(problems) == 2
    assert problems[0].startswith("第1条（investigation，CN-GD）")
    assert problems[1].startswith("第2条（investigation，CN）")


def test_a_file_with_no_entries_or_bad_toml_is_refused():
    assert _problems("") == ["没有任何 [[period]] 条目"]
    assert _problems("[[period]\n")[0].startswith("不是有效的 TOML")


def test_a_missing_file_is_reported_in_chinese(tmp_path):
    with pytest.raises(PeriodDataError, match="无法读取"):
        load_period_rules(tmp_path / "missing.toml")
