"""Text a person typed: the one rule for what a form, the public complaint form, a step and the API refuse.

- Control characters (C0 and DEL) cannot be stored or printed: PostgreSQL refuses NUL, XML 1.0 (the portal's Atom
  feeds) refuses the rest, and an official PDF shows them as empty boxes (security review L1). Tab and line breaks are
  text, except in a field of one line.
- The bidirectional controls U+202A–U+202E and U+2066–U+2069 make a name display in another order than it is stored
  (`abc\u202egnp.exe 公司` shows as "abcexe.png 公司"): refused in names and titles alike (security review L7).

Pure: no Django import. `fazhi.forms.CheckedForm` applies it to every field of a form; the API's schemas use
`TEXT_PATTERN` and `LINE_PATTERN`; `clean_for_xml` keeps what was stored before from breaking a feed.
"""

from __future__ import annotations

import re

_CONTROLS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f"
_BREAKS = "\\x09\\x0a\\x0d"
_BIDI = "\\u202a-\\u202e\\u2066-\\u2069"

# For JSON schemas (pydantic `pattern`): a text of several lines, and a text of one line.
TEXT_PATTERN = f"^[^{_CONTROLS}{_BIDI}]*$"
LINE_PATTERN = f"^[^{_CONTROLS}{_BREAKS}{_BIDI}]*$"

_CONTROL = re.compile(f"[{_CONTROLS}]")
_BREAK = re.compile(f"[{_BREAKS}]")
_DIRECTION = re.compile(f"[{_BIDI}]")

CONTROL_MESSAGE = "含有不能保存的控制字符，请删除后重试"
LINE_MESSAGE = "请填写在一行内（不能含有换行或制表符）"
BIDI_MESSAGE = "含有改变文字显示方向的控制字符（可被用来伪装名称），请删除后重试"


def text_problem(value: str, *, one_line: bool = False) -> str:
    """The Chinese reason `value` cannot be kept, or "" when it can."""
    if _CONTROL.search(value):
        return CONTROL_MESSAGE
    if _DIRECTION.search(value):
        return BIDI_MESSAGE
    if one_line and _BREAK.search(value):
        return LINE_MESSAGE
    return ""


def clean_for_xml(value: str) -> str:
    """`value` without the characters XML 1.0 and a reader's eye cannot take (for text stored before the rule)."""
    return _DIRECTION.sub("", _CONTROL.sub("", value))
