"""TOTP against the published test vectors (RFC 4226 Appendix D, RFC 6238 Appendix B), replay, drift and codes."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from fazhi.rules import totp

RFC_SEED_SHA1 = b"12345678901234567890"
RFC_SEED_SHA256 = b"12345678901234567890123456789012"
RFC_SEED_SHA512 = b"1234567890" * 6 + b"1234"

RFC4226_HOTP = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]

RFC6238_TOTP = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
]


@pytest.mark.parametrize(("counter", "expected"), list(enumerate(RFC4226_HOTP)))
def test_hotp_gives_the_codes_of_rfc_4226_appendix_d(counter, expected):
    assert totp.hotp(RFC_SEED_SHA1, counter) == expected


@pytest.mark.parametrize(("timestamp", "sha1", "sha256", "sha512"), RFC6238_TOTP)
def test_totp_gives_the_codes_of_rfc_6238_appendix_b(timestamp, sha1, sha256, sha512):
    assert totp.totp(RFC_SEED_SHA1, timestamp, digits=8) == sha1
    assert totp.totp(RFC_SEED_SHA256, timestamp, digits=8, digest="sha256") == sha256
    assert totp.totp(RFC_SEED_SHA512, timestamp, digits=8, digest="sha512") == sha512


def _rfc_secret() -> str:
    return base64.b32encode(RFC_SEED_SHA1).decode().rstrip("=")


def test_the_six_digit_code_is_the_last_six_digits_of_the_rfc_value():
    # RFC 6238's 8-digit value at 59 s is 94287082; the same truncation modulo 10^6 gives its last six digits.
    assert totp.totp(RFC_SEED_SHA1, 59) == "287082"


def test_a_code_of_the_current_step_or_one_step_either_side_is_accepted():
    secret = _rfc_secret()
    now = 1111111111.0
    step = totp.counter_at(now)
    for counter in (step - 1, step, step + 1):
        code = totp.hotp(RFC_SEED_SHA1, counter)
        assert totp.matching_counter(secret, code, now, last_counter=None) == counter


def test_a_code_two_steps_away_is_refused():
    secret = _rfc_secret()
    now = 1111111111.0
    step = totp.counter_at(now)
    for counter in (step - 2, step + 2):
        assert totp.matching_counter(secret, totp.hotp(RFC_SEED_SHA1, counter), now, last_counter=None) is None


def test_a_code_already_accepted_is_refused_the_second_time_in_the_same_step():
    secret = _rfc_secret()
    now = 1234567890.0
    code = totp.totp(RFC_SEED_SHA1, now)
    first = totp.matching_counter(secret, code, now, last_counter=None)
    assert first == totp.counter_at(now)
    assert totp.matching_counter(secret, code, now + 5, last_counter=first) is None


def test_an_older_code_is_refused_once_a_later_one_was_accepted():
    secret = _rfc_secret()
    now = 1234567890.0
    step = totp.counter_at(now)
    previous = totp.hotp(RFC_SEED_SHA1, step - 1)
    assert totp.matching_counter(secret, previous, now, last_counter=step) is None


def test_the_next_steps_code_is_accepted_after_this_steps():
    secret = _rfc_secret()
    now = 1234567890.0
    step = totp.counter_at(now)
    later = totp.totp(RFC_SEED_SHA1, now + 30)
    assert totp.matching_counter(secret, later, now + 30, last_counter=step) == step + 1


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "12 34 5a", "٣٣٣٣٣٣"])
def test_what_is_not_six_ascii_digits_matches_nothing(typed):
    assert totp.matching_counter(_rfc_secret(), typed, 59.0, last_counter=None) is None


def test_spaces_and_full_width_digits_are_read_as_the_code():
    code = totp.totp(RFC_SEED_SHA1, 59)
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in code)
    assert totp.matching_counter(_rfc_secret(), f"{code[:3]} {code[3:]}", 59.0, last_counter=None) == 1
    assert totp.matching_counter(_rfc_secret(), full_width, 59.0, last_counter=None) == 1


def test_a_new_secret_is_160_bits_of_base32_and_different_each_time():
    first, second = totp.new_secret(), totp.new_secret()
    assert first != second
    assert len(totp.secret_bytes(first)) == 20
    assert totp.grouped_secret("ABCDEFGHIJ") == "ABCD EFGH IJ"


def test_a_secret_that_is_not_base32_is_refused():
    with pytest.raises(totp.SecretInvalid):
        totp.secret_bytes("not base32!")


def test_the_provisioning_uri_names_issuer_account_and_parameters():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXP", account="secadmin", issuer="劳动保障监察")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth"
    assert parts.netloc == "totp"
    query = parse_qs(parts.query)
    assert query == {
        "secret": ["JBSWY3DPEHPK3PXP"],
        "issuer": ["劳动保障监察"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }


def test_recovery_codes_are_ten_distinct_codes_that_match_only_their_own_digest():
    codes = totp.new_recovery_codes()
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert all(len(code) == 14 and code.count("-") == 2 for code in codes)
    stored = totp.hash_recovery_code(codes[0])
    assert codes[0] not in stored.digest
    assert totp.recovery_code_matches(codes[0], stored)
    assert totp.recovery_code_matches(codes[0].lower().replace("-", " "), stored)
    assert not totp.recovery_code_matches(codes[1], stored)
    assert not totp.recovery_code_matches("123456", stored)


def test_a_recovery_code_read_with_o_for_zero_still_matches():
    stored = totp.hash_recovery_code("0000-1111-ABCD")
    assert totp.recovery_code_matches("OOOO-IIII-abcd", stored)
