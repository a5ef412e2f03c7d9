"""Identifiers: 统一社会信用代码, 居民身份证号码 and mobile numbers — validation, masking and demo generators.

统一社会信用代码 (GB 32100-2015): 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, Z, S, V).
Positions 1 and 2 are the registration-authority and entity-type codes, 3–8 the administrative division code
(6 digits, GB/T 2260), 9–17 the organisation code (主体标识码, GB 11714: 8 characters and its own check character at
position 17), 18 the check character (GB/T 17710 / ISO 7064 style: weights 3^i mod 31, check = 31 − sum mod 31,
31 → 0).

居民身份证号码 (GB 11643-1999): 6-digit division code, birth date YYYYMMDD (positions 7–14), 3-digit sequence, and a
check character by ISO 7064 MOD 11-2 (weights 2^(17−i) mod 11, check = (12 − sum mod 11) mod 11, 10 → X). The
division code is not checked against a list: 外国人永久居留身份证 (2023) use the same layout with other leading digits.

Validators take what a user typed (full-width characters, spaces, hyphens and lower case are normalised) and return
a list of problems in Chinese, empty when the value is valid. Nothing here raises on bad input.

Pure: no Django import (fazhi/rules is checked by import-linter).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata

__all__ = [
    "CREDIT_CODE_CHARSET",
    "birth_date_from_id_number",
    "credit_code_check_char",
    "id_number_check_char",
    "is_valid_credit_code",
    "is_valid_id_number",
    "is_valid_mobile",
    "make_credit_code",
    "make_id_number",
    "mask_id_number",
    "mask_mobile",
    "mask_name",
    "normalize_credit_code",
    "normalize_id_number",
    "normalize_mobile",
    "organisation_code_check_char",
    "validate_credit_code",
    "validate_id_number",
    "validate_mobile",
]

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUE = {char: value for value, char in enumerate(CREDIT_CODE_CHARSET)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, …, 28
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
_SEPARATORS = re.compile(r"[\s\-]+")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _clean(text: object) -> str:
    """NFKC (full-width → ASCII), separators removed, upper case."""
    if not isinstance(text, str):
        return ""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


# --- 统一社会信用代码 --------------------


def normalize_credit_code(text: object) -> str:
    return _clean(text)


def credit_code_check_char(first17: str) -> str:
    """The 18th character for the first 17 (GB 32100-2015 §4.3)."""
    total = sum(_CREDIT_VALUE[char] * weight for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def organisation_code_check_char(body: str) -> str:
    """The 9th character of an organisation code (GB 11714) for its 8-character body; letters count A = 10 … Z = 35."""
    total = sum(int(char, 36) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_credit_code(text: object) -> list[str]:
    code = normalize_credit_code(text)
    if not code:
        return ["请填写统一社会信用代码"]
    if len(code) != 18:
        return [f"统一社会信用代码应为18位，现为{len(code)}位"]
    problems = [
        f"第{position}位“{char}”不是统一社会信用代码使用的字符（只用数字和除I、O、Z、S、V以外的大写字母）"
        for position, char in enumerate(code, start=1)
        if char not in _CREDIT_VALUE
    ]
    if problems:
        return problems
    if not (code[2:8].isascii() and code[2:8].isdigit()):
        problems.append(f"第3—8位登记管理机关行政区划码应为6位数字，现为“{code[2:8]}”")
    if organisation_code_check_char(code[8:16]) != code[16]:
        problems.append("第9—17位主体标识码（组织机构代码）的校验位不符，请核对是否抄错")
    if credit_code_check_char(code[:17]) != code[17]:
        problems.append("第18位校验码不符，请核对统一社会信用代码是否抄错")
    return problems


def is_valid_credit_code(text: object) -> bool:
    return not validate_credit_code(text)


def make_credit_code(rng: random.Random, division: str = "440300", *, prefix: str = "91") -> str:
    """A valid code for demo data and tests: prefix 91 = 工商登记的企业; random organisation code."""
    if not (len(division) == 6 and division.isascii() and division.isdigit()):
        raise ValueError(f"行政区划码应为6位数字：{division!r}")
    if len(prefix) != 2 or any(char not in _CREDIT_VALUE for char in prefix):
        raise ValueError(f"前两位不是有效的登记管理部门和机构类别代码：{prefix!r}")
    body = "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(8))
    first17 = prefix + division + body + organisation_code_check_char(body)
    return first17 + credit_code_check_char(first17)


# --- 居民身份证号码 --------------------


def normalize_id_number(text: object) -> str:
    return _clean(text)


def id_number_check_char(first17: str) -> str:
    """The 18th character for the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _birth_date(number: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(number[6:14], "%Y%m%d").date()
    except ValueError:
        return None


def validate_id_number(text: object, *, today: dt.date) -> list[str]:
    number = normalize_id_number(text)
    if not number:
        return ["请填写居民身份证号码"]
    if len(number) != 18:
        old = "（15位旧号码已停止使用，请填写18位号码）" if len(number) == 15 else ""
        return [f"居民身份证号码应为18位，现为{len(number)}位{old}"]
    problems: list[str] = []
    if not (number[:17].isascii() and number[:17].isdigit()):
        problems.append("居民身份证号码前17位应全部为数字")
    if not ((number[17].isascii() and number[17].isdigit()) or number[17] == "X"):
        problems.append(f"第18位校验码应为数字或X，现为“{number[17]}”")
    if problems:
        return problems
    birth = _birth_date(number)
    if birth is None:
        problems.append(f"第7—14位出生日期“{number[6:14]}”不是有效日期")
    elif birth > today:
        problems.append(f"出生日期{birth.isoformat()}晚于今天")
    if id_number_check_char(number[:17]) != number[17]:
        problems.append("第18位校验码不符，请核对居民身份证号码是否抄错")
    return problems


def is_valid_id_number(text: object, *, today: dt.date) -> bool:
    return not validate_id_number(text, today=today)


def birth_date_from_id_number(text: object) -> dt.date | None:
    """The birth date encoded in an 18-character number, or None when there is no valid date in it."""
    number = normalize_id_number(text)
    if len(number) != 18 or not (number[6:14].isascii() and number[6:14].isdigit()):
        return None
    return _birth_date(number)


def make_id_number(rng: random.Random, *, birth: dt.date, division: str = "440304") -> str:
    """A valid number for demo data and tests (division 440304 = 深圳市福田区)."""
    if not (len(division) == 6 and division.isascii() and division.isdigit()):
        raise ValueError(f"行政区划码应为6位数字：{division!r}")
    first17 = f"{division}{birth:%Y%m%d}{rng.randint(1, 999):03d}"
    return first17 + id_number_check_char(first17)


# --- 手机号码 --------------------


def normalize_mobile(text: object) -> str:
    """Digits only, without a leading +86 / 0086 country code."""
    number = _clean(text)
    for prefix in ("+86", "0086"):
        if number.startswith(prefix) and len(number) == len(prefix) + 11:
            return number[len(prefix) :]
    return number


def validate_mobile(text: object) -> list[str]:
    number = normalize_mobile(text)
    if not number:
        return ["请填写手机号码"]
    if not (number.isascii() and number.isdigit()):
        return ["手机号码只能包含数字"]
    if len(number) != 11:
        return [f"手机号码应为11位，现为{len(number)}位"]
    if not _MOBILE.match(number):
        return ["手机号码应以13—19开头"]
    return []


def is_valid_mobile(text: object) -> bool:
    return not validate_mobile(text)


# --- masking (for the privacy rules) -----------------------------------------------------------------------------


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[len(text) - keep_end :]


def mask_id_number(text: object) -> str:
    """4403**********123X: the first 4 and the last 4 characters stay."""
    return _mask_middle(normalize_id_number(text), 4, 4)


def mask_mobile(text: object) -> str:
    """138****5678: the first 3 and the last 4 digits stay."""
    return _mask_middle(normalize_mobile(text), 3, 4)


# Two-character surnames kept whole ("欧阳**"); any other name keeps its first character ("张*").
_SURNAMES = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 西门 南宫 独孤 "
    "澹台 公冶 宗政 濮阳 太史 申屠 万俟 赫连 呼延 拓跋 百里 东郭 第五 闻人 淳于 单于 仲孙 公羊 司空"
)
_COMPOUND_SURNAMES = frozenset(_SURNAMES.split())


def mask_name(text: object) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧阳**, 买买提·艾力 → 买**·**: the surname stays, every other letter becomes *."""
    name = unicodedata.normalize("NFKC", text).strip() if isinstance(text, str) else ""
    keep = 2 if len(name) > 2 and name[:2] in _COMPOUND_SURNAMES else 1
    return name[:keep] + "".join(char if char in " ·•・.-" else "*" for char in name[keep:])
