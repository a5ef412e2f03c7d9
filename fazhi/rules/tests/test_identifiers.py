"""统一社会信用代码, 居民身份证号码 and mobile numbers: validation, masking, generators."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.rules.identifiers import (
    CREDIT_CODE_CHARSET,
    birth_date_from_id_number,
    credit_code_check_char,
    id_number_check_char,
    is_valid_credit_code,
    is_valid_id_number,
    is_valid_mobile,
    make_credit_code,
    make_id_number,
    mask_id_number,
    mask_mobile,
    mask_name,
    normalize_mobile,
    organisation_code_check_char,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

TODAY = dt.date(2026, 11, 20)

# Codes printed in public sources (the brief's example, python-stdnum's cn.uscc doctest, and well-known enterprises'
# codes as shown in public listings). Each passes both the GB 32100 check (18th character) and the GB 11714 check of
# its organisation code (17th character); a random or mistyped code does that with probability 1/341.
PUBLIC_CREDIT_CODES = [
    "91350100M000100Y43",
    "91110000600037341L",
    "9144030071526726XG",
    "914403001922038216",
    "91330100716105852F",
    "91110108551385082Q",
]


# --- 统一社会信用代码 --------------------


def test_the_weights_are_the_powers_of_three_modulo_31_given_by_the_standard():
    from fazhi.rules import identifiers

    assert identifiers._CREDIT_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert CREDIT_CODE_CHARSET == "0123456789ABCDEFGHJKLMNPQRTUWXY"
    assert not set("IOZSV") & set(CREDIT_CODE_CHARSET)


@pytest.mark.parametrize("code", PUBLIC_CREDIT_CODES)
def test_published_credit_codes_are_valid(code):
    assert validate_credit_code(code) == []
    assert is_valid_credit_code(code)


def test_the_check_characters_of_the_standards_example_are_computed_by_hand():
    # 18th character over 91350100M000100Y4 (M = 21, Y = 30 in the 31-character set):
    # 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + 21·20 + 1·8 + 30·30 + 4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    assert credit_code_check_char("91350100M000100Y4") == "3"
    # 17th character over the organisation code body M000100Y (GB 11714 counts A = 10 … Z = 35, so M = 22, Y = 34):
    # 22·3 + 1·5 + 34·2 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    assert organisation_code_check_char("M000100Y") == "4"


def test_the_organisation_code_check_maps_ten_to_x_and_eleven_to_zero():
    # 9144030071526726XG: body 71526726 → Σ = 7·3+1·7+5·9+2·10+6·5+7·8+2·4+6·2 = 199, 199 mod 11 = 1, 11 − 1 = 10 → X
    assert organisation_code_check_char("71526726") == "X"
    # A body with Σ ≡ 0 (mod 11) gives 11 → "0": 00000000.
    assert organisation_code_check_char("00000000") == "0"


def test_spaces_full_width_characters_and_lower_case_are_normalised():
    assert validate_credit_code(" 9135 0100 m000-100y43 ") == []
    assert validate_credit_code("９１３５０１００Ｍ０００１００Ｙ４３") == []


def test_a_credit_code_of_the_wrong_length_is_refused():
    assert validate_credit_code("91350100M000100Y4") == ["统一社会信用代码应为18位，现为17位"]
    assert validate_credit_code("91350100M000100Y433") == ["统一社会信用代码应为18位，现为19位"]


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_credit_code_asks_to_be_filled_in(text):
    assert validate_credit_code(text) == ["请填写统一社会信用代码"]


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_the_letters_the_standard_leaves_out_are_refused_with_their_position(letter):
    code = "91350100" + letter + "000100Y43"
    problems = validate_credit_code(code)
    assert len(problems) == 1
    assert f"第9位“{letter}”" in problems[0]


def test_one_changed_character_is_caught_by_the_check_character():
    assert validate_credit_code("91350100M000100Y44") == ["第18位校验码不符，请核对统一社会信用代码是否抄错"]
    problems = validate_credit_code("91350100M000101Y43")
    assert "第18位校验码不符，请核对统一社会信用代码是否抄错" in problems
    assert any("主体标识码" in p for p in problems)


def test_two_swapped_characters_are_caught():
    assert validate_credit_code("91350100M001000Y43") != []  # positions 12 and 13 swapped
    assert validate_credit_code("19350100M000100Y43") != []  # positions 1 and 2 swapped


def test_a_letter_in_the_division_code_is_refused():
    code = "9135A100" + "M000100Y4"
    code += credit_code_check_char(code)
    assert validate_credit_code(code) == ["第3—8位登记管理机关行政区划码应为6位数字，现为“35A100”"]


def test_a_wrong_organisation_check_character_is_caught_even_with_a_matching_18th_character():
    first17 = "91350100M000100Y5"  # the organisation code's check should be 4
    code = first17 + credit_code_check_char(first17)
    assert validate_credit_code(code) == ["第9—17位主体标识码（组织机构代码）的校验位不符，请核对是否抄错"]


def test_generated_credit_codes_use_the_division_and_prefix():
    code = make_credit_code(random.Random(1), "440304", prefix="92")
    assert code.startswith("92440304")
    assert validate_credit_code(code) == []


@pytest.mark.parametrize(("division", "prefix"), [("44030", "91"), ("4403OO", "91"), ("440300", "9I")])
def test_the_generator_refuses_a_bad_division_or_prefix(division, prefix):
    with pytest.raises(ValueError, match=r"应为6位数字|不是有效的"):
        make_credit_code(random.Random(1), division, prefix=prefix)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_generated_credit_codes_always_validate(seed):
    assert validate_credit_code(make_credit_code(random.Random(seed))) == []


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from(CREDIT_CODE_CHARSET + "IOZSV"),
)
def test_any_single_character_change_to_a_valid_credit_code_is_caught(seed, position, replacement):
    code = make_credit_code(random.Random(seed))
    if code[position] == replacement:
        return
    changed = code[:position] + replacement + code[position + 1 :]
    assert validate_credit_code(changed) != []


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), position=st.integers(min_value=0, max_value=16))
def test_any_swap_of_two_different_neighbouring_characters_in_a_credit_code_is_caught(seed, position):
    code = make_credit_code(random.Random(seed))
    if code[position] == code[position + 1]:
        return
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    assert validate_credit_code(swapped) != []


# --- 居民身份证号码 --------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_the_examples_of_gb_11643_are_valid(number):
    assert validate_id_number(number, today=TODAY) == []
    assert is_valid_id_number(number, today=TODAY)


def test_the_id_check_character_is_computed_by_hand():
    # 11010519491231002 with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
    # 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167;
    # 167 mod 11 = 2; (12 − 2) mod 11 = 10 → X.
    assert id_number_check_char("11010519491231002") == "X"


def test_a_lower_case_x_and_spaces_are_accepted():
    assert validate_id_number(" 110105 19491231 002x ", today=TODAY) == []


def test_one_changed_digit_in_an_id_number_is_caught():
    assert validate_id_number("11010519491231003X", today=TODAY) == ["第18位校验码不符，请核对居民身份证号码是否抄错"]


def test_two_swapped_digits_in_an_id_number_are_caught():
    assert validate_id_number("11010519491213002X", today=TODAY) != []


@pytest.mark.parametrize(("number", "length"), [("11010519491231002", 17), ("11010519491231002X1", 19)])
def test_an_id_number_of_the_wrong_length_is_refused(number, length):
    assert validate_id_number(number, today=TODAY) == [f"居民身份证号码应为18位，现为{length}位"]


def test_an_old_fifteen_digit_number_gets_its_own_message():
    assert "15位旧号码已停止使用" in validate_id_number("110105491231002", today=TODAY)[0]


def test_letters_in_the_first_seventeen_positions_are_refused():
    assert validate_id_number("1101051949123100AX", today=TODAY) == ["居民身份证号码前17位应全部为数字"]
    assert validate_id_number("11010519491231002Y", today=TODAY) == ["第18位校验码应为数字或X，现为“Y”"]


def test_an_impossible_birth_date_is_refused_even_with_a_correct_check_character():
    first17 = "44030419990230001"  # 30 February 1999
    number = first17 + id_number_check_char(first17)
    assert validate_id_number(number, today=TODAY) == ["第7—14位出生日期“19990230”不是有效日期"]
    assert birth_date_from_id_number(number) is None


def test_a_birth_date_after_today_is_refused():
    number = make_id_number(random.Random(3), birth=dt.date(2026, 11, 21))
    assert validate_id_number(number, today=TODAY) == ["出生日期2026-11-21晚于今天"]
    assert validate_id_number(number, today=dt.date(2026, 11, 21)) == []


def test_the_birth_date_is_read_from_positions_seven_to_fourteen():
    assert birth_date_from_id_number("11010519491231002X") == dt.date(1949, 12, 31)
    assert birth_date_from_id_number("1101051949") is None


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
)
def test_generated_id_numbers_always_validate_and_carry_their_birth_date(seed, birth):
    number = make_id_number(random.Random(seed), birth=birth)
    assert number.startswith("440304")
    assert validate_id_number(number, today=TODAY) == []
    assert birth_date_from_id_number(number) == birth


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    birth=st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2010, 12, 31)),
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from("0123456789X"),
)
def test_any_single_character_change_to_a_valid_id_number_is_caught(seed, birth, position, replacement):
    number = make_id_number(random.Random(seed), birth=birth)
    if number[position] == replacement:
        return
    changed = number[:position] + replacement + number[position + 1 :]
    assert validate_id_number(changed, today=TODAY) != []


# --- 手机号码 --------------------


@pytest.mark.parametrize(
    "text",
    [
        "13800138000",
        "199 0000 0000",
        "+86 138-0013-8000",
        "0086 13800138000",
        "１３８００１３８０００",  # full-width digits from a Chinese input method
    ],
)
def test_mobile_numbers_are_accepted_in_the_ways_people_write_them(text):
    assert validate_mobile(text) == []
    assert is_valid_mobile(text)


def test_the_country_code_is_dropped_when_normalising():
    assert normalize_mobile("+86 138 0013 8000") == "13800138000"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "请填写手机号码"),
        ("1380013800", "手机号码应为11位，现为10位"),
        ("138001380001", "手机号码应为11位，现为12位"),
        ("12800138000", "手机号码应以13—19开头"),
        ("23800138000", "手机号码应以13—19开头"),
        ("1380013800a", "手机号码只能包含数字"),
    ],
)
def test_bad_mobile_numbers_are_refused_with_a_reason(text, problem):
    assert validate_mobile(text) == [problem]


# --- masking --------------------


def test_an_id_number_keeps_its_first_four_and_last_four_characters():
    assert mask_id_number("44030419900101123X") == "4403**********123X"
    assert mask_id_number("44030419900101123x") == "4403**********123X"
    assert mask_id_number("1234567") == "*******"


def test_a_mobile_number_keeps_its_first_three_and_last_four_digits():
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("+86 138 1234 5678") == "138****5678"


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("张三丰", "张**"),
        ("欧阳娜娜", "欧阳**"),
        ("欧阳修", "欧阳*"),
        ("欧阳", "欧*"),
        ("买买提·艾力", "买**·**"),
        ("张", "张"),
        ("", ""),
        (" 李四 ", "李*"),
    ],
)
def test_a_name_keeps_only_its_surname(name, masked):
    assert mask_name(name) == masked
