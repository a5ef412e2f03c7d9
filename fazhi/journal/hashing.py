"""The canonical form of a journal entry and its hash. Pure Python: no Django import.

An entry's hash is H(canonical bytes), and the canonical document contains the previous entry's hash (`prev`), so the
entries form a chain. The canonical document is JSON with sorted keys, compact separators, UTF-8 without escaping
(`ensure_ascii=False`) and no floats. Because its keys are fixed, it is built from a template rather than by
`json.dumps` on a dict: the bytes are identical (a test compares them with `reference_canonical_bytes`) and the
verifier, which rebuilds them for every row, does it more than twice as fast.

`before` and `after` are stored as canonical JSON text and embedded as JSON *strings*, not spliced in raw, so that no
choice of column values can shift content from one field into another and collide with the original bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol, TypedDict

CANONICAL_VERSION = 1
GENESIS_HASH = "0" * 64
ALGORITHMS = ("sha256", "sm3")
DIGEST_SIZE = 32  # both SHA-256 and SM3 (GB/T 32905-2016) give 256 bits

_encode_string: Callable[[str], str] = json.encoder.encode_basestring
_UTC = dt.UTC


class HashObject(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def digest(self) -> bytes: ...
    def hexdigest(self) -> str: ...


HashFactory = Callable[..., HashObject]


class AlgorithmUnavailable(RuntimeError):
    """The configured hash algorithm cannot be used on this machine."""


def sm3_available() -> bool:
    """Whether OpenSSL, through hashlib, provides SM3 (absent e.g. when OpenSSL runs FIPS-only)."""
    if "sm3" not in hashlib.algorithms_available:
        return False
    try:
        hashlib.new("sm3", b"abc")
    except ValueError:
        return False
    return True


def hash_factory(algorithm: str) -> HashFactory:
    """The constructor for `algorithm` ("sha256" or "sm3"); AlgorithmUnavailable with a clear message otherwise."""
    if algorithm == "sha256":
        return hashlib.sha256
    if algorithm == "sm3":
        if not sm3_available():
            raise AlgorithmUnavailable(
                "本机的 OpenSSL 未提供 SM3 杂凑算法（hashlib 中没有 sm3），无法使用 SM3 计算全过程记录的哈希；"
                "请安装支持国密算法的 OpenSSL，或把 FAZHI_JOURNAL_ALGORITHM 设为 sha256。"
            )

        def new_sm3(data: bytes = b"") -> HashObject:
            return hashlib.new("sm3", data)

        return new_sm3
    raise AlgorithmUnavailable(f"未知的全过程记录哈希算法 {algorithm!r}：只能是 sha256 或 sm3。")


# --- Payloads (before / after) -------------------------------------------------------------------------------------


_SCALARS = frozenset({str, int, bool})
# json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")), without making an encoder per call.
_CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any, where: str) -> Any:
    """`value` as plain JSON data (str, int, bool, None, list, dict with str keys); TypeError on anything else."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        raise TypeError(
            f'全过程记录不接受浮点数（{where} = {value!r}）：金额请用字符串（如 "1234.50"）或以分为单位的整数。'
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError(f"全过程记录不接受非有限数值（{where} = {value!r}）。")
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError(f"全过程记录只接受带时区的时间（{where} = {value!r}）。")
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"全过程记录的键必须是字符串（{where} 中的键 {key!r}）。")
            # Plain scalars as they are (the common case), without building the path used only in error messages.
            result[key] = item if item is None or type(item) in _SCALARS else _plain(item, f"{where}.{key}")
        return result
    if isinstance(value, list | tuple):
        return [_plain(item, f"{where}[{index}]") for index, item in enumerate(value)]
    raise TypeError(f"全过程记录无法记录 {type(value).__name__} 类型的值（{where}）。")


def canonical_json(value: Any, *, name: str = "payload") -> str:
    """`value` as canonical JSON text: sorted keys, compact, unescaped UTF-8. Floats raise TypeError.

    Decimals become strings, dates and aware datetimes ISO 8601 strings, UUIDs strings, tuples lists.
    """
    return _CANONICAL_ENCODER.encode(_plain(value, name))


# --- The canonical entry -------------------------------------------------------------------------------------------

# The fields of the canonical document, in sorted order, and the template that writes them. The template must produce
# exactly json.dumps(dict(zip(FIELDS, values)), sort_keys=True, ensure_ascii=False, separators=(",", ":")).
FIELDS = (
    "action",
    "actor_id",
    "actor_role",
    "actor_roles",
    "actor_unit",
    "actor_username",
    "after",
    "algorithm",
    "before",
    "ip",
    "object_id",
    "object_type",
    "outcome",
    "prev",
    "seq",
    "time",
    "v",
)
_TEMPLATE = "{" + ",".join(f'"{field}":%s' for field in FIELDS) + "}"

# The columns the verifier reads, in this order: the model's columns, `hash`, then the time, which the verifier reads
# through an expression (see fazhi.journal.walk.stream_rows) and so comes last, where Django puts annotations.
COLUMNS = (
    "seq",
    "algorithm",
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_roles",
    "actor_unit_code",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "ip",
    "outcome",
    "prev_hash",
    "hash",
    "recorded_at",
)
SEQ, ALGORITHM, PREV_HASH, HASH, TIME = 0, 1, 14, 15, 16


class EntryFields(TypedDict):
    """An entry's columns but its hash, as keyword arguments for canonical_bytes() and Entry()."""

    seq: int
    recorded_at: dt.datetime
    algorithm: str
    actor_id: int | None
    actor_username: str
    actor_role: str
    actor_roles: str
    actor_unit_code: str
    action: str
    object_type: str
    object_id: str
    before: str
    after: str
    ip: str
    outcome: str
    prev_hash: str


def canonical_time(moment: dt.datetime) -> str:
    """An aware datetime as ISO 8601 in UTC with microseconds and offset ("2026-11-26T09:23:00.123456+00:00")."""
    if moment.tzinfo is not _UTC:
        if moment.utcoffset() is None:
            raise ValueError("全过程记录的时间必须带时区。")
        moment = moment.astimezone(_UTC)
    return moment.isoformat(timespec="microseconds")


def canonical_time_from_sqlite(text: str) -> str:
    """canonical_time() of a DateTimeField value as Django stores it in SQLite: naive UTC text from str(datetime).

    Django writes "YYYY-MM-DD HH:MM:SS.ffffff", or without the fraction when it is zero; anything else gives text that
    matches no hash, so a rewritten time is still caught.
    """
    if len(text) == 26:
        return text.replace(" ", "T", 1) + "+00:00"
    if len(text) == 19:
        return text.replace(" ", "T", 1) + ".000000+00:00"
    return text


def canonical_row(row: Sequence[Any], time_text: str) -> bytes:
    """The canonical bytes of an entry from its columns in the order of COLUMNS, with the time given as canonical text
    (row[HASH] and row[TIME] are not read). This is the one place where the canonical form is written."""
    enc = _encode_string
    seq = row[0]
    actor_id = row[2]
    if type(seq) is not int or not (actor_id is None or type(actor_id) is int):
        raise TypeError(f"序号与用户 ID 必须是整数：{seq!r}，{actor_id!r}")
    text = _TEMPLATE % (
        enc(row[7]),
        "null" if actor_id is None else actor_id,
        enc(row[4]),
        enc(row[5]),
        enc(row[6]),
        enc(row[3]),
        enc(row[11]),
        enc(row[1]),
        enc(row[10]),
        enc(row[12]),
        enc(row[9]),
        enc(row[8]),
        enc(row[13]),
        enc(row[14]),
        seq,
        enc(time_text),
        CANONICAL_VERSION,
    )
    return text.encode("utf-8")


def canonical_bytes(
    *,
    seq: int,
    recorded_at: dt.datetime,
    algorithm: str,
    actor_id: int | None,
    actor_username: str,
    actor_role: str,
    actor_roles: str,
    actor_unit_code: str,
    action: str,
    object_type: str,
    object_id: str,
    before: str,
    after: str,
    ip: str,
    outcome: str,
    prev_hash: str,
) -> bytes:
    """The canonical bytes of an entry given field by field."""
    row = (
        seq,
        algorithm,
        actor_id,
        actor_username,
        actor_role,
        actor_roles,
        actor_unit_code,
        action,
        object_type,
        object_id,
        before,
        after,
        ip,
        outcome,
        prev_hash,
    )
    return canonical_row(row, canonical_time(recorded_at))


def reference_canonical_bytes(
    *,
    seq: int,
    recorded_at: dt.datetime,
    algorithm: str,
    actor_id: int | None,
    actor_username: str,
    actor_role: str,
    actor_roles: str,
    actor_unit_code: str,
    action: str,
    object_type: str,
    object_id: str,
    before: str,
    after: str,
    ip: str,
    outcome: str,
    prev_hash: str,
) -> bytes:
    """The same bytes, written the obvious way; the tests hold `canonical_bytes` to it."""
    document = {
        "action": action,
        "actor_id": actor_id,
        "actor_role": actor_role,
        "actor_roles": actor_roles,
        "actor_unit": actor_unit_code,
        "actor_username": actor_username,
        "after": after,
        "algorithm": algorithm,
        "before": before,
        "ip": ip,
        "object_id": object_id,
        "object_type": object_type,
        "outcome": outcome,
        "prev": prev_hash,
        "seq": seq,
        "time": canonical_time(recorded_at),
        "v": CANONICAL_VERSION,
    }
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(algorithm: str, canonical: bytes) -> str:
    """The hex hash of an entry's canonical bytes."""
    return hash_factory(algorithm)(canonical).hexdigest()
