"""Redaction of text that is published (行政执法公示): what must never appear on a public page, feed or export.

Why: 政府信息公开条例 第十五条 — government information touching 个人隐私 is not disclosed; 劳动保障监察条例
第九条第三款 — the bureau keeps the reporter (举报人) confidential, and a complainant (投诉人, 第二款) is a natural
person whose identity is personal information too; 人社部令第29号 [S] (no personal privacy in major-violation
publications; text not obtained). Removed:
- the names of natural persons the caller knows (complainant, reporter, workers, officers), replaced by "某某"; the
  legal representative is the one natural person a publication names — 广东省劳动保障监察条例 第十八条第二款
  "公布内容包括用人单位名称、法定代表人（主要责任人）姓名、基本违法事实、处理结果" — and is passed in `keep`;
- 身份证号码 (18 characters with a check character, or 15 digits), replaced by "[身份证号码已隐去]";
- mobile and fixed-line phone numbers, replaced by "[电话号码已隐去]";
- bank card and account numbers (runs of 12–30 digits, spaces and dashes allowed between groups), replaced by
  "[账号已隐去]";
- home addresses: the addresses the caller knows, and any text introduced by 住址、家住、住所、居住地、户籍地 up to the
  next punctuation mark or closing bracket, replaced by "[住址已隐去]".
Strings in `keep` (the employer's credit code, the legal representative, the document number) are protected from
the patterns: an 18-digit credit code is not an ID number.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["CITATIONS", "NAME_MARK", "redact"]

# The articles the redaction rests on ([T] texts in shared/domain/statutes/), for pages that explain it.
CITATIONS = (
    "政府信息公开条例 第十五条",
    "劳动保障监察条例 第九条第三款",
    "广东省劳动保障监察条例 第十八条第二款",
)

NAME_MARK = "某某"
ID_MARK = "[身份证号码已隐去]"
PHONE_MARK = "[电话号码已隐去]"
ACCOUNT_MARK = "[账号已隐去]"
ADDRESS_MARK = "[住址已隐去]"

_ID = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_ACCOUNT = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){11,29}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[ -]?\d{7,8}(?!\d)")
# An introduced address runs to the next punctuation mark, a closing bracket or a colon (…家住某花园8栋）反映：…).
_HOME = re.compile(r"(?:住址|家住|住所|居住地|户籍地|现住)[：:为在于]?[^，。；、,.;:：）)！？!?\n]*")


# Full-width digits, Latin letters, plus sign and space read as their ASCII forms, so "１３８…" is a phone number too;
# the rest of the text (Chinese punctuation included) is left as it is.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code - 0xFEE0).isalnum() or code == 0xFF0B}
_HALF_WIDTH[0x3000] = 0x20


def _normal(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def redact(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> str:
    """`text` with the personal identifiers above removed."""
    result = _normal(text)
    kept = sorted({_normal(k).strip() for k in keep if k and k.strip()}, key=len, reverse=True)
    guards: dict[str, str] = {}
    for index, value in enumerate(kept):
        token = f"\ue000{index}\ue001"  # private-use characters: never in real text, never matched below
        guards[token] = value
        result = result.replace(value, token)
    for address in sorted({_normal(a).strip() for a in addresses if a and a.strip()}, key=len, reverse=True):
        result = result.replace(address, ADDRESS_MARK)
    for name in sorted({_normal(n).strip() for n in names if n and n.strip()}, key=len, reverse=True):
        result = result.replace(name, NAME_MARK)
    result = _HOME.sub(ADDRESS_MARK, result)
    result = _ID.sub(ID_MARK, result)
    result = _MOBILE.sub(PHONE_MARK, result)
    result = _LANDLINE.sub(PHONE_MARK, result)
    result = _ACCOUNT.sub(ACCOUNT_MARK, result)
    for token, value in guards.items():
        result = result.replace(token, value)
    return result
