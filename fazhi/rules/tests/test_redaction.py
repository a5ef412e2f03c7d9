import datetime as dt
import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.rules import redaction
from fazhi.rules.identifiers import make_credit_code, make_id_number
from fazhi.rules.redaction import ACCOUNT_MARK, ADDRESS_MARK, ID_MARK, NAME_MARK, PHONE_MARK, redact


def test_known_names_are_replaced_but_the_legal_representative_stays():
    text = "经查，法定代表人王大明拖欠劳动者李小红、张三工资，投诉人李小红多次催要。"
    out = redact(text, names=["李小红", "张三", "王大明"], keep=["王大明"])
    assert "李小红" not in out
    assert "张三" not in out
    assert "王大明" in out
    assert out.count(NAME_MARK) == 3


def test_id_numbers_of_18_and_15_characters_are_removed():
    number = make_id_number(random.Random(1), birth=dt.date(1990, 5, 1))
    out = redact(f"劳动者身份证号{number}，旧证440304900501123。")
    assert number not in out
    assert "440304900501123" not in out
    assert out.count(ID_MARK) == 2


def test_phone_numbers_in_any_common_spelling_are_removed():
    out = redact("联系电话13812345678、138 1234 5678、+86 138-1234-5678、0755-88889999、１３９１２３４５６７８。")
    assert "1381234" not in out
    assert "88889999" not in out
    assert out.count(PHONE_MARK) == 5


def test_bank_account_numbers_are_removed():
    out = redact("工资打入6222 0212 3456 7890 123，另一账户6228480012345678912。")
    assert "6222" not in out
    assert "622848" not in out
    assert out.count(ACCOUNT_MARK) == 2


def test_home_addresses_are_removed_whether_known_or_introduced():
    out = redact("劳动者住址：深圳市福田区某小区3栋501，另一人家住宝安区西乡街道。", addresses=["福田区某小区3栋501"])
    assert "小区" not in out
    assert "西乡" not in out
    assert ADDRESS_MARK in out


def test_an_introduced_address_ends_at_a_closing_bracket_or_colon_and_the_facts_after_it_stay():
    out = redact("举报人（家住福田区某花园8栋）反映：该公司未建立职工名册。住址：南山区某村")
    assert out == f"举报人（{ADDRESS_MARK}）反映：该公司未建立职工名册。{ADDRESS_MARK}"


def test_the_employers_credit_code_and_amounts_dates_and_document_numbers_are_kept():
    code = make_credit_code(random.Random(3))
    text = f"当事人{code}于2025年3月至6月拖欠工资共计174000元，深人社监罚〔2026〕12号。"
    assert redact(text, keep=[code]) == text


@given(
    name=st.text(alphabet="赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨", min_size=2, max_size=3),
    seed=st.integers(min_value=0, max_value=10**6),
    prefix=st.text(alphabet="经查该单位拖欠工资，。元", max_size=20),
)
def test_injected_identifiers_never_survive(name, seed, prefix):
    rng = random.Random(seed)
    id_number = make_id_number(rng, birth=dt.date(1985, 1, 1) + dt.timedelta(days=rng.randrange(8000)))
    phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
    account = f"6222{rng.randrange(10**15):015d}"
    text = f"{prefix}{name}，身份证{id_number}，电话{phone}，账号{account}。{prefix}"
    out = redact(text, names=[name])
    for secret in (name, id_number, phone, account):
        assert secret not in out


def test_the_redaction_cites_the_reporter_paragraph_and_the_guangdong_publication_content():
    """Legal review B8: 劳动保障监察条例 第九条第三款 protects the 举报人; the legal representative is published under
    广东省劳动保障监察条例 第十八条第二款 (not 人社部令第29号 第五条, which lists the categories)."""
    assert "劳动保障监察条例 第九条第三款" in redaction.CITATIONS
    assert "广东省劳动保障监察条例 第十八条第二款" in redaction.CITATIONS
    assert redaction.__doc__ is not None
    assert "人社部令第29号 第五条" not in redaction.__doc__


# --- Fail closed (security review M2): spellings a redaction of exact strings misses ---------------------------------

REVIEW_FACTS = (
    "投诉人沈 强（电话 188-603-23294，身份证 4521 2319 7410 0716 78）反映；"
    "劳动者蒋小军（身份证号 441422-19891101-426X）住在宝安区新安街道翠景花园3栋301；证人王德发…"
)


def test_the_reviews_facts_lose_the_spaced_name_the_grouped_numbers_the_address_and_the_witness():
    """Security review M2, its exact text: 政府信息公开条例 第十五条 (no 个人隐私 published),
    劳动保障监察条例 第九条第三款 (the complainant stays confidential)."""
    found = redaction.redaction(REVIEW_FACTS, names=["沈强", "蒋小军"])
    secrets = ["沈", "强（", "188", "23294", "4521", "0716 78", "441422", "426X", "住在", "翠景花园", "3栋301"]
    secrets.append("王德发")
    for secret in secrets:
        assert secret not in found.text, secret
    assert found.text == (
        f"投诉人{NAME_MARK}（电话 {PHONE_MARK}，身份证 {ID_MARK}）反映；劳动者{NAME_MARK}（身份证号 {ID_MARK}）"
        f"{ADDRESS_MARK}；证人{NAME_MARK}…"
    )
    assert found.removed == ("证人王德发",)
    assert found.warnings == ["以下姓名未登记为本案人员，已按其前的称谓隐去，请核对：证人王德发。"]


@pytest.mark.parametrize(
    "written", ["沈 强", "沈  强", "沈·强", "沈\u200b强", "沈\u3000强", "沈-强", "沈．强"], ids=lambda w: repr(w)
)
def test_a_declared_name_is_removed_whatever_stands_between_its_characters(written):
    assert redact(f"投诉人{written}反映", names=["沈强"]) == f"投诉人{NAME_MARK}反映"


@pytest.mark.parametrize(
    "written",
    [
        "188-603-23294",
        "188 6032 3294",
        "1 8 8 6 0 3 2 3 2 9 4",
        "188—6032—3294",
        "188－6032－3294",
        "+86 188 6032 3294",
        "0086-18860323294",
        "(0755) 8888-6666",
    ],
)
def test_a_phone_number_is_removed_however_its_digits_are_grouped(written):
    out = redact(f"电话{written}。")
    assert PHONE_MARK in out
    assert not any(char.isdigit() for char in out)


@pytest.mark.parametrize(
    "written",
    [
        "4521 2319 7410 0716 78",
        "441422-19891101-426X",
        "441422 1989 1101 426x",
        "44142219891101426X",
        "4414221989110142",
    ],
)
def test_an_id_number_is_removed_whole_with_its_check_character(written):
    out = redact(f"身份证{written}，")
    assert out in (f"身份证{ID_MARK}，", f"身份证{ACCOUNT_MARK}，")
    assert "X" not in out.upper().replace(ACCOUNT_MARK.upper(), "")


def test_seven_or_eight_digits_are_a_phone_number_after_a_word_for_one_and_an_amount_otherwise():
    assert redact("联系电话：8888 6666。") == f"联系电话：{PHONE_MARK}。"
    assert redact("拖欠工资 88886666 元") == "拖欠工资 88886666 元"


def test_dates_and_date_ranges_stay_however_they_are_separated():
    text = "欠薪期间 2025-09-01—2025-12-31，2024.01-2024.06 的工资 12000.50 元，案号 SZ-FT-JC-1-2026-000123。"
    assert redact(text) == text


@pytest.mark.parametrize("word", ["住在", "住于", "现居", "现住", "家住", "地址", "居住在", "户籍地", "住 在"])
def test_an_address_after_any_word_that_introduces_one_is_removed_up_to_the_next_punctuation(word):
    out = redact(f"劳动者{word}宝安区新安街道翠景花园3栋301；另查明该公司拖欠工资。")
    assert out == f"劳动者{ADDRESS_MARK}；另查明该公司拖欠工资。"


def test_the_employers_address_kept_is_not_taken_for_a_home_address():
    text = "该公司地址：深圳市福田区福华路88号，拖欠工资。"
    assert redact(text, keep=["深圳市福田区福华路88号"]) == text


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("证人王德发作证", "王德发"),
        ("工友李明反映", "李明"),
        ("同事张三称", "张三"),
        ("员工刘建华的工资", "刘建华"),
        ("证人：欧阳娜娜出庭", "欧阳娜娜"),
        ("证人王 德发", "王 德发"),
    ],
)
def test_a_name_after_a_word_for_a_person_is_removed_and_reported(text, removed):
    found = redaction.redaction(text)
    assert removed not in found.text
    assert NAME_MARK in found.text
    assert found.removed


@pytest.mark.parametrize(
    "text",
    ["证人证言", "同事陈述", "员工宿舍", "员工工资", "员工于本月离职", "劳动者本人", "投诉人多次催要", "证人二名"],
)
def test_words_after_a_title_that_are_no_name_stay(text):
    found = redaction.redaction(text)
    assert (found.text, found.removed, found.flagged) == (text, (), ())


def test_an_unusual_name_after_a_naming_word_is_left_but_flagged_for_the_approver():
    found = redaction.redaction("证人阿依古丽称")
    assert found.text == "证人阿依古丽称"
    assert found.flagged == ("证人阿依古",)
    assert "未能自动隐去" in found.warnings[0]


def test_the_legal_representative_after_a_title_stays_because_it_is_kept():
    assert redact("员工王大明系法定代表人", keep=["王大明"]) == "员工王大明系法定代表人"


def test_a_reader_who_does_not_handle_the_case_sees_names_numbers_and_witnesses_masked_not_removed():
    """The staff rule (劳动保障监察条例 第九条; 个人信息保护法 第六条): 马*, 4508**********9245, 137****9483."""
    text = "劳动者：马敏，身份证 450802199001019245，电话 137-0000-9483；证人王德发；住在翠景花园"
    assert redaction.mask(text, names=["马敏"]) == (
        "劳动者：马*，身份证 4508**********9245，电话 137****9483；证人王**；住在翠景花园"
    )


spaced = st.sampled_from([" ", "  ", "·", "\u3000", "\u200b", "-"])


@given(
    name=st.text(alphabet="赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨", min_size=2, max_size=3),
    witness=st.tuples(
        st.sampled_from("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"),
        st.text(alphabet="伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚德发华建国文玉兰英", min_size=1, max_size=2),
    ).map("".join),
    seed=st.integers(min_value=0, max_value=10**6),
    gap=spaced,
    group=st.sampled_from([(3, 4, 4), (3, 3, 5), (4, 4, 3), (11,)]),
)
def test_injected_identifiers_in_any_spelling_never_survive(name, witness, seed, gap, group):
    rng = random.Random(seed)
    id_number = make_id_number(rng, birth=dt.date(1985, 1, 1) + dt.timedelta(days=rng.randrange(8000)))
    phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
    cuts = [sum(group[:i]) for i in range(len(group) + 1)]
    grouped_phone = gap.join(phone[a:b] for a, b in itertools.pairwise(cuts))
    grouped_id = "-".join((id_number[:6], id_number[6:14], id_number[14:]))
    text = (
        f"投诉人{gap.join(name)}（电话{grouped_phone}，身份证{grouped_id}）住在翠景花园{rng.randrange(1, 30)}栋；"
        f"证人{witness}作证。"
    )
    out = redact(text, names=[name])
    for secret in (name, phone, phone[-4:], id_number, id_number[-4:], "翠景花园", witness):
        assert secret not in out, secret
