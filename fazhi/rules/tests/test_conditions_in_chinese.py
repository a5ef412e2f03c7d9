"""A bureau writes a tier's conditions in Chinese (适用条件): the names read the same as the codes
(行政处罚法 第三十四条: the standard applies as the bureau published it)."""

import pytest

from fazhi.rules.conditions import parse_conditions


@pytest.mark.parametrize(
    ("chinese", "codes"),
    [
        ("人数>=11；人数<=30", "workers>=11; workers<=30"),
        ("受侵害劳动者人数≥31", "workers>=31"),
        ("拖欠金额≥10万元", "amount_owed>=100000"),
        ("拖欠金额<=50000元", "amount_owed<=50000"),
        ("持续月数>=3个月", "duration_months>=3"),
        ("持续天数>30天", "duration_days>30"),
        ("此前违法次数=0", "earlier_violations=0"),
        ("危害后果=严重、一般", "harm=serious,moderate"),
        ("危害后果=无", "harm=none"),
        ("危害后果=危害后果轻微", "harm=minor"),
        ("初次违法=是；期限内改正=是", "first_violation=yes; corrected_in_time=yes"),
        ("首次违法：是", "first_violation=yes"),
        ("及时改正=否", "corrected_promptly=no"),
        ("一年内再犯=是", "repeat_within_year=yes"),
    ],
)
def test_a_condition_written_in_chinese_is_the_same_condition(chinese, codes):
    assert parse_conditions(chinese) == parse_conditions(codes)


def test_the_words_shown_for_a_chinese_condition_are_the_usual_ones():
    (low, high) = parse_conditions("人数>=11；人数<=30")
    assert (low.label, high.label) == ("受侵害劳动者 11 人以上", "受侵害劳动者 30 人以下")
    assert parse_conditions("拖欠金额≥10万元")[0].label == "拖欠金额 10 万元以上"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("欠薪人数>=3", "未知的情节“欠薪人数”（可用：危害后果、"),
        ("危害后果=较重", "危害后果（harm）应为 无、轻微、一般、严重"),
        ("拖欠金额>=十万", "amount_owed 应写作"),
    ],
)
def test_a_chinese_condition_that_cannot_be_read_says_why(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_conditions(text)
