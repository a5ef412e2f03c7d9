"""The one rule for typed text (security review L1 control characters, L7 bidirectional text): the same in the
forms, the case steps, the public complaint form, the API's schemas and the feeds."""

from __future__ import annotations

import re

import pytest

from fazhi.text import (
    BIDI_MESSAGE,
    CONTROL_MESSAGE,
    LINE_MESSAGE,
    LINE_PATTERN,
    TEXT_PATTERN,
    clean_for_xml,
    text_problem,
)

ROWS = [
    ("深圳市某某公司", "", ""),
    ("第一行\n第二行\t缩进", "", LINE_MESSAGE),
    ("ctrl\x01\x0b\x1b\x7fchars", CONTROL_MESSAGE, CONTROL_MESSAGE),
    ("合\x00同", CONTROL_MESSAGE, CONTROL_MESSAGE),
    ("abc\u202egnp.exe 公司", BIDI_MESSAGE, BIDI_MESSAGE),
    ("名称\u2066隔离\u2069", BIDI_MESSAGE, BIDI_MESSAGE),
    ("阿拉伯文 مرحبا 与中文", "", ""),  # right-to-left letters are text; only the controls are refused
]


@pytest.mark.parametrize(("value", "as_text", "as_line"), ROWS)
def test_the_rule_and_the_api_patterns_agree_row_by_row(value, as_text, as_line):
    assert text_problem(value) == as_text
    assert text_problem(value, one_line=True) == as_line
    assert bool(re.fullmatch(TEXT_PATTERN, value)) is (as_text == "")
    assert bool(re.fullmatch(LINE_PATTERN, value)) is (as_line == "")


def test_what_was_stored_before_the_rule_is_cleaned_for_a_feed():
    assert clean_for_xml("控制字符测试\x0b\x01\x1b") == "控制字符测试"
    assert clean_for_xml("abc\u202egnp.exe 公司") == "abcgnp.exe 公司"
    assert clean_for_xml("第一行\n第二行") == "第一行\n第二行"
