"""The canonical form and the hash algorithms. Plain functions, no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.journal import hashing
from fazhi.journal.hashing import (
    AlgorithmUnavailable,
    canonical_bytes,
    canonical_json,
    canonical_time,
    canonical_time_from_sqlite,
    hash_factory,
    reference_canonical_bytes,
)

text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=40)
moments = st.datetimes(
    min_value=dt.datetime(1970, 1, 2),
    max_value=dt.datetime(2999, 12, 30),
    timezones=st.sampled_from([dt.UTC, ZoneInfo("Asia/Shanghai"), dt.timezone(dt.timedelta(hours=-5))]),
)


def fields(**overrides: object) -> dict[str, object]:
    base: dict[str, object] = {
        "seq": 7,
        "recorded_at": dt.datetime(2026, 11, 26, 9, 23, 0, 123456, tzinfo=dt.UTC),
        "algorithm": "sha256",
        "actor_id": 12,
        "actor_username": "王小明",
        "actor_role": "inspector",
        "actor_roles": "inspector,lead",
        "actor_unit_code": "J-FT-1",
        "action": "cases.transition",
        "object_type": "cases.case",
        "object_id": "1001",
        "before": '{"status":"立案"}',
        "after": '{"status":"调查"}',
        "ip": "10.0.0.1",
        "outcome": "success",
        "prev_hash": "ab" * 32,
    }
    base.update(overrides)
    return base


def test_the_canonical_bytes_are_sorted_compact_unescaped_json() -> None:
    data = canonical_bytes(**fields())  # type: ignore[arg-type]
    document = json.loads(data)
    assert list(document) == sorted(document)
    assert b": " not in data
    assert b", " not in data
    assert "王小明".encode() in data
    assert document["time"] == "2026-11-26T09:23:00.123456+00:00"
    assert document["before"] == '{"status":"立案"}'
    assert document["v"] == 1


@settings(max_examples=300, deadline=None)
@given(
    seq=st.integers(min_value=1, max_value=2**63 - 1),
    moment=moments,
    actor_id=st.none() | st.integers(min_value=1, max_value=2**63 - 1),
    strings=st.lists(text, min_size=12, max_size=12),
)
def test_the_template_writes_exactly_what_json_dumps_with_sorted_keys_writes(
    seq: int, moment: dt.datetime, actor_id: int | None, strings: list[str]
) -> None:
    names = ["algorithm", "actor_username", "actor_role", "actor_roles", "actor_unit_code", "action", "object_type"]
    names += ["object_id", "before", "after", "ip", "outcome"]
    values = fields(seq=seq, recorded_at=moment, actor_id=actor_id, **dict(zip(names, strings, strict=True)))
    assert canonical_bytes(**values) == reference_canonical_bytes(**values)  # type: ignore[arg-type]


def test_a_before_text_cannot_spill_into_the_next_field() -> None:
    # With before/after spliced in raw, these two would give the same bytes; embedded as strings they cannot.
    honest = fields(before='{"a":1,"before":2}', after="null")
    forged = fields(before="2}", after='null,"before":{"a":1')
    assert canonical_bytes(**honest) != canonical_bytes(**forged)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 1, 5, 9, 0, 1, 5, tzinfo=ZoneInfo("Asia/Shanghai")),
        dt.datetime(2026, 1, 5, 1, 0, 1, 5, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 4, 20, 0, 1, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ],
)
def test_the_same_instant_gives_the_same_time_text_whatever_its_offset(moment: dt.datetime) -> None:
    assert canonical_time(moment) == "2026-01-05T01:00:01.000005+00:00"


def test_a_time_without_microseconds_still_has_six_digits() -> None:
    assert canonical_time(dt.datetime(2026, 1, 5, 1, 0, 1, tzinfo=dt.UTC)) == "2026-01-05T01:00:01.000000+00:00"


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="时区"):
        canonical_time(dt.datetime(2026, 1, 5, 1, 0, 1))


@settings(max_examples=200, deadline=None)
@given(moment=moments)
def test_the_sqlite_text_of_a_time_gives_the_same_canonical_time(moment: dt.datetime) -> None:
    # Django stores str(naive UTC datetime) in SQLite; the verifier reads that text directly.
    stored = str(moment.astimezone(dt.UTC).replace(tzinfo=None))
    assert canonical_time_from_sqlite(stored) == canonical_time(moment)


def test_sqlite_time_text_in_another_shape_is_left_as_it_is_and_so_matches_no_hash() -> None:
    assert canonical_time_from_sqlite("2026-01-05") == "2026-01-05"


def test_payloads_are_canonical_json() -> None:
    assert canonical_json({"b": 1, "a": ["x", None, True]}) == '{"a":["x",null,true],"b":1}'
    assert canonical_json(None) == "null"
    assert canonical_json({"名": "王"}) == '{"名":"王"}'


@pytest.mark.parametrize(
    "payload",
    [
        {"fine": 1200.5},
        {"case": {"amounts": [1, 2, 3.0]}},
        {"nan": float("nan")},
    ],
)
def test_floats_anywhere_in_a_payload_are_refused_with_a_clear_message(payload: dict[str, object]) -> None:
    with pytest.raises(TypeError, match="不接受浮点数"):
        canonical_json(payload, name="after")


def test_decimals_dates_uuids_and_tuples_become_strings_and_lists() -> None:
    payload = {
        "fine": Decimal("1200.50"),
        "due": dt.date(2026, 3, 1),
        "at": dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC),
        "id": uuid.UUID(int=1),
        "pair": (1, 2),
    }
    assert json.loads(canonical_json(payload)) == {
        "fine": "1200.50",
        "due": "2026-03-01",
        "at": "2026-03-01T08:00:00+00:00",
        "id": "00000000-0000-0000-0000-000000000001",
        "pair": [1, 2],
    }


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({1: "x"}, "键必须是字符串"),
        ({"x": object()}, "无法记录"),
        ({"x": Decimal("Infinity")}, "非有限"),
        ({"x": dt.datetime(2026, 1, 1)}, "带时区"),
        ({"x": {1, 2}}, "无法记录"),
    ],
)
def test_other_values_that_json_would_mangle_are_refused(payload: dict[object, object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        canonical_json(payload)


def test_sha256_is_always_available() -> None:
    assert hash_factory("sha256")(b"abc").hexdigest() == hashlib.sha256(b"abc").hexdigest()


def test_sm3_works_where_openssl_has_it_and_fails_clearly_where_it_does_not() -> None:
    if hashing.sm3_available():
        # GB/T 32905-2016 appendix A, example 1.
        expected = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        assert hash_factory("sm3")(b"abc").hexdigest() == expected
    else:
        with pytest.raises(AlgorithmUnavailable, match="SM3"):
            hash_factory("sm3")


def test_a_machine_without_sm3_gets_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashlib, "algorithms_available", hashlib.algorithms_available - {"sm3"})
    with pytest.raises(AlgorithmUnavailable, match="未提供 SM3"):
        hash_factory("sm3")


def test_an_unknown_algorithm_is_refused() -> None:
    with pytest.raises(AlgorithmUnavailable, match="md5"):
        hash_factory("md5")
