import datetime as dt
import random

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
