"""Redaction of text that is published (行政执法公示): what must never appear on a public page, feed or export; and the
masking of the same identifiers for staff who read a case they do not handle.

Why: 政府信息公开条例 第十五条 — government information touching 个人隐私 is not disclosed; 劳动保障监察条例
第九条第三款 — the bureau keeps the reporter (举报人) confidential, and a complainant (投诉人, 第二款) is a natural
person whose identity is personal information too; 人社部令第29号 [S] (no personal privacy in major-violation
publications; text not obtained); 个人信息保护法 第六条 (no more personal information than the purpose needs). Removed:
- the names of natural persons the caller knows (complainant, reporter, workers, people interviewed, officers),
  replaced by "某某", also when written with spaces or dots between their characters (沈 强); the legal representative
  is the one natural person a publication names — 广东省劳动保障监察条例 第十八条第二款 "公布内容包括用人单位名称、
  法定代表人（主要责任人）姓名、基本违法事实、处理结果" — and is passed in `keep`;
- names that follow a word for a person (证人王德发, 工友李明, 员工张三: `fazhi.rules.titled_names`), replaced by
  "某某" and reported in `Redaction.removed`; two characters after 证人、工友、同事… that do not look like a name are
  left and reported in `Redaction.flagged`, for the person who approves the publication to read;
- every number written with or without spaces, dashes or dots between its digits, judged by its digits:
  身份证号码 (17 digits and a check digit or X, or 15 digits) → "[身份证号码已隐去]"; mobile numbers (11 digits from
  13–19, with or without +86) and fixed lines (0 and 9–11 more digits), and 7 or 8 digits just after 电话、手机、
  座机… → "[电话号码已隐去]"; any other run of 12 or more digits (bank cards and accounts) → "[账号已隐去]". A run that
  is only dates (2025-09-01—2025-12-31) stays;
- home addresses: the addresses the caller knows, and any text introduced by 住址、家住、住在、住于、现住、现居、
  居住地、户籍地、住所、地址 up to the next punctuation mark or closing bracket, replaced by "[住址已隐去]".
Strings in `keep` (the employer's name and credit code, the legal representative, the document number) are protected
from all of this: an 18-digit credit code is not an ID number.

`mask` applies the same finding to staff screens, with the masks of `fazhi.rules.identifiers` instead of the marks:
张*, 4403**********123X, 138****5678.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from fazhi.rules import titled_names
from fazhi.rules.identifiers import mask_name

__all__ = ["CITATIONS", "NAME_MARK", "Redaction", "mask", "redact", "redaction"]

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

# What may stand between the characters of a name or the digits of a number. Brackets only between digits: (0755)8888.
_GAP = r"[ \t\u00a0\u200b-\u200d\u2060\ufeff·・•.．\-‐‑‒–—―－_*]"
_NUMBER_GAP = r"[ \t\u00a0\u200b-\u200d\u2060\ufeff·・•.．\-‐‑‒–—―－_()（）]"
_RUN = re.compile(rf"(?<!\d)\+?\d(?:{_NUMBER_GAP}{{0,3}}\d)*(?:{_NUMBER_GAP}?[Xx](?![0-9A-Za-z]))?")
_DATES = re.compile(
    rf"(?:19|20)\d\d(?:{_NUMBER_GAP}{{1,3}}\d{{1,2}}){{1,2}}"
    rf"(?:{_NUMBER_GAP}{{1,3}}(?:19|20)\d\d(?:{_NUMBER_GAP}{{1,3}}\d{{1,2}}){{1,2}})*"
)
_PHONE_WORDS = re.compile(r"(?:电话|手机|座机|联系方式|联系电话|号码|热线|微信|tel|TEL|Tel)[：:号码为是\s]*$")
_ADDRESS_WORDS = (
    "住址",
    "家住",
    "住所",
    "居住地",
    "户籍地",
    "户籍所在地",
    "现住",
    "现居",
    "住在",
    "住于",
    "居住在",
    "地址",
)
# A token (below) is \ue000, one character of its number and \ue001: never in real text, never matched by the patterns.
_ADDRESS = re.compile(
    "(?:"
    + "|".join(r"\s?".join(map(re.escape, word)) for word in sorted(_ADDRESS_WORDS, key=len, reverse=True))
    + r")[：:为是在于\s]*[^\s，。；、,;:：）)！？!?\ue000-\uf8ff][^，。；、,;:：）)！？!?\n\ue000-\uf8ff]*"
)

# Full-width digits, Latin letters, plus sign and space read as their ASCII forms, so "１３８…" is a phone number too;
# the rest of the text (Chinese punctuation included) is left as it is.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code - 0xFEE0).isalnum() or code == 0xFF0B}
_HALF_WIDTH[0x3000] = 0x20


def _normal(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def _digits(run: str) -> str:
    return "".join(str(int(char)) for char in run if char.isdecimal()) + ("X" if run[-1:] in "Xx" else "")


def _number_kind(run: str, before: str) -> str:
    """ "id", "phone", "account" or "" (left as it is) for a run of digits, by its digits and what precedes it."""
    digits = _digits(run)
    count = len(digits)
    if digits.endswith("X"):
        return "id" if count == 18 else "account" if count >= 12 else ""
    if _DATES.fullmatch(run.lstrip("+")):
        return ""
    if count == 11 and re.match(r"1[3-9]", digits):
        return "phone"
    if (count == 13 and re.match(r"861[3-9]", digits)) or (count == 15 and re.match(r"00861[3-9]", digits)):
        return "phone"
    if count in (15, 18):
        return "id"
    if digits.startswith("0") and 10 <= count <= 12:
        return "phone"
    if count >= 12:
        return "account"
    if count in (7, 8) and _PHONE_WORDS.search(before[-12:]):
        return "phone"
    return ""


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """A declared name matched with any gaps between its characters (沈 强, 沈·强); separators in it do not count."""
    letters = [char for char in name if not re.fullmatch(_GAP, char) and not char.isspace()]
    if not letters:
        return None
    return re.compile(f"{_GAP}{{0,3}}".join(map(re.escape, letters)))


@dataclass(frozen=True)
class Redaction:
    """Published text and what the approver should read: names removed only because of the word before them
    (证人王德发), and name-like words left in place (证人阿依古丽 when 阿 is no common surname)."""

    text: str
    removed: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()

    @property
    def warnings(self) -> list[str]:
        """The approver's warnings in Chinese (empty: nothing to check by hand)."""
        found = []
        if self.removed:
            found.append(
                f"以下姓名未登记为本案人员，已按其前的称谓隐去，请核对：{'、'.join(dict.fromkeys(self.removed))}。"
            )
        if self.flagged:
            found.append(
                f"以下称谓后的文字可能是姓名，未能自动隐去，请修改原文后再公布：{'、'.join(dict.fromkeys(self.flagged))}。"
            )
        return found


class _Tokens:
    """Replacements held aside as private-use tokens, so that no later pattern matches inside them."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def put(self, value: str) -> str:
        self.values.append(value)
        return f"\ue000{chr(0xE100 + len(self.values) - 1)}\ue001"

    def expand(self, text: str) -> str:
        return re.sub("\ue000(.)\ue001", lambda m: self.values[ord(m.group(1)) - 0xE100], text)


def _clean(values: Iterable[str]) -> list[str]:
    return sorted({_normal(value).strip() for value in values if value and value.strip()}, key=len, reverse=True)


def _find(
    text: str,
    *,
    names: Iterable[str],
    addresses: Iterable[str],
    keep: Iterable[str],
    name_mark: Callable[[str], str],
    number_mark: Callable[[str, str], str],
    address_mark: Callable[[str], str] | None,
) -> Redaction:
    tokens = _Tokens()
    result = _normal(text)
    for value in _clean(keep):
        result = result.replace(value, tokens.put(value))
    if address_mark is not None:
        marked = address_mark
        for address in _clean(addresses):
            pattern = _name_pattern(address)
            if pattern is not None:
                result = pattern.sub(lambda m: tokens.put(marked(m.group())), result)
    for name in _clean(names):
        pattern = _name_pattern(name)
        if pattern is not None:
            token = tokens.put(name_mark(name))  # the same mark for every spelling (a token holds no backslash)
            result = pattern.sub(token, result)
    if address_mark is not None:
        result = _ADDRESS.sub(lambda m: tokens.put(marked(m.group())), result)
    removed, flagged = [], []
    pieces, last = [], 0
    for found in titled_names.find(result):
        if found.removed:
            pieces += [result[last : found.start], tokens.put(name_mark(found.name))]
            last = found.end
            removed.append(found.shown)
        else:
            flagged.append(found.shown)
    result = "".join(pieces) + result[last:]

    def number(match: re.Match[str]) -> str:
        kind = _number_kind(match.group(), match.string[: match.start()])
        return tokens.put(number_mark(kind, _digits(match.group()))) if kind else match.group()

    result = _RUN.sub(number, result)
    return Redaction(tokens.expand(result), tuple(removed), tuple(flagged))


_MARKS = {"id": ID_MARK, "phone": PHONE_MARK, "account": ACCOUNT_MARK}


def redaction(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> Redaction:
    """`text` with the personal identifiers above removed, and what the approver should check."""
    return _find(
        text,
        names=names,
        addresses=addresses,
        keep=keep,
        name_mark=lambda _: NAME_MARK,
        number_mark=lambda kind, _: _MARKS[kind],
        address_mark=lambda _: ADDRESS_MARK,
    )


def redact(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> str:
    """`text` with the personal identifiers above removed."""
    return redaction(text, names=names, addresses=addresses, keep=keep).text


def _mask_digits(kind: str, digits: str) -> str:
    keep_start, keep_end = {"id": (4, 4), "phone": (3, 4)}.get(kind, (4, 4))
    if len(digits) <= keep_start + keep_end:
        return "*" * len(digits)
    return digits[:keep_start] + "*" * (len(digits) - keep_start - keep_end) + digits[-keep_end:]


def mask(text: str, *, names: Iterable[str] = (), keep: Iterable[str] = ()) -> str:
    """`text` as a reader who does not handle the case sees it: the names (declared, or after 证人、工友…) masked
    to their surname (马*), ID numbers to 4508**********9245, phones to 137****9483, accounts to 6222***********1234;
    addresses stay (the staff rule masks names, ID numbers and phones)."""
    return _find(
        text,
        names=names,
        addresses=(),
        keep=keep,
        name_mark=mask_name,
        number_mark=_mask_digits,
        address_mark=None,
    ).text
