"""SM4-GCM values and HMAC-SM3 blind indexes (ADR 0019): round trip, failing closed, stable indexes."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from fazhi.crypto import cipher
from fazhi.crypto.checks import keys_are_given_in_production, keys_are_well_formed
from fazhi.crypto.keys import parse

K1 = base64.b64encode(bytes(range(16))).decode()
K2 = base64.b64encode(bytes(range(16, 32))).decode()
INDEX = base64.b64encode(bytes(range(32))).decode()
CONTEXT = "cases_case.complainant_phone"


def test_a_value_reads_back_as_it_was_written_and_never_appears_in_its_ciphertext() -> None:
    stored = cipher.encrypt("13800138000", context=CONTEXT)
    assert stored.startswith("v1:local:")
    assert "13800138000" not in stored
    assert cipher.decrypt(stored, context=CONTEXT) == "13800138000"


def test_the_same_value_encrypts_differently_each_time_so_equal_values_cannot_be_spotted() -> None:
    assert cipher.encrypt("13800138000", context=CONTEXT) != cipher.encrypt("13800138000", context=CONTEXT)


def test_the_first_configured_key_encrypts_and_its_id_is_named_in_the_value(settings: Any) -> None:
    settings.FAZHI_DATA_KEYS = f"k2:{K2},k1:{K1}"
    assert cipher.key_id_of(cipher.encrypt("44030419900101123X", context=CONTEXT)) == "k2"


def test_a_wrong_key_fails_closed_with_a_message_naming_the_key_not_the_value(settings: Any) -> None:
    settings.FAZHI_DATA_KEYS = f"k1:{K1}"
    stored = cipher.encrypt("13800138000", context=CONTEXT)
    settings.FAZHI_DATA_KEYS = f"k1:{K2}"  # the same id, another key
    with pytest.raises(cipher.DecryptionFailed, match="无法用密钥 k1 解密") as failed:
        cipher.decrypt(stored, context=CONTEXT)
    assert "13800138000" not in str(failed.value)


def test_a_value_under_a_key_no_longer_configured_is_refused_naming_that_key(settings: Any) -> None:
    settings.FAZHI_DATA_KEYS = f"k1:{K1}"
    stored = cipher.encrypt("13800138000", context=CONTEXT)
    settings.FAZHI_DATA_KEYS = f"k2:{K2}"
    with pytest.raises(cipher.DecryptionFailed, match="FAZHI_DATA_KEYS 中没有该密钥"):
        cipher.decrypt(stored, context=CONTEXT)


def test_a_ciphertext_copied_into_another_column_does_not_read_as_that_columns_value() -> None:
    stored = cipher.encrypt("13800138000", context=CONTEXT)
    with pytest.raises(cipher.DecryptionFailed):
        cipher.decrypt(stored, context="cases_workerline.id_number")


def test_an_altered_ciphertext_or_a_clear_value_in_an_encrypted_column_is_refused() -> None:
    stored = cipher.encrypt("13800138000", context=CONTEXT)
    prefix, token = stored.rsplit(":", 1)
    raw = bytearray(base64.b64decode(token))
    raw[14] ^= 1
    with pytest.raises(cipher.DecryptionFailed):
        cipher.decrypt(f"{prefix}:{base64.b64encode(bytes(raw)).decode()}", context=CONTEXT)
    with pytest.raises(cipher.DecryptionFailed, match="拒绝按明文读取"):
        cipher.decrypt("13800138000", context=CONTEXT)


def test_the_blind_index_ignores_spacing_and_width_and_does_not_change_with_the_data_keys(settings: Any) -> None:
    settings.FAZHI_INDEX_KEY = INDEX
    settings.FAZHI_DATA_KEYS = f"k1:{K1}"
    first = cipher.blind_index(cipher.PHONE, "138 0013 8000")
    settings.FAZHI_DATA_KEYS = f"k2:{K2},k1:{K1}"
    assert cipher.blind_index(cipher.PHONE, "+8613800138000") == first
    assert cipher.blind_index(cipher.PHONE, "１３８００１３８０００") == first
    assert cipher.blind_index(cipher.ID_NUMBER, "13800138000") != first  # the kind is part of what is indexed
    settings.FAZHI_INDEX_KEY = base64.b64encode(bytes(range(1, 33))).decode()
    assert cipher.blind_index(cipher.PHONE, "13800138000") != first
    assert cipher.blind_index(cipher.PHONE, "  ") == ""


@pytest.mark.parametrize(
    ("data_keys", "index_key", "message"),
    [
        ("k1", "", "每一项应为"),
        ("k1:not base64!", "", "Base64"),
        (f"k1:{base64.b64encode(b'short').decode()}", "", "应为 16 字节"),
        (f"k1:{K1},k1:{K2}", "", "重复"),
        (f"local:{K1}", "", "每一项应为"),
        (f"k1:{K1}", base64.b64encode(b"short").decode(), "至少应为 16 字节"),
    ],
)
def test_malformed_keys_are_refused_in_chinese(data_keys: str, index_key: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        parse(data_keys, index_key, "secret")


def test_a_bare_local_entry_keeps_the_development_key_readable_while_a_new_key_encrypts() -> None:
    ring = parse(f"k1:{K1},local", INDEX, "secret")
    assert ring.current == "k1"
    assert ring.data["local"] == parse("", "", "secret").data["local"]


def test_the_system_check_names_malformed_keys_and_the_deploy_check_warns_about_derived_keys(settings: Any) -> None:
    settings.FAZHI_DATA_KEYS = "k1:nonsense"
    assert [m.id for m in keys_are_well_formed()] == ["crypto.E001"]
    settings.FAZHI_DATA_KEYS = ""
    settings.FAZHI_INDEX_KEY = ""
    warnings = keys_are_given_in_production()
    assert [m.id for m in warnings] == ["crypto.W001"]
    assert warnings[0].level == checks.WARNING
    settings.FAZHI_DATA_KEYS = f"k1:{K1}"
    assert [m.id for m in keys_are_given_in_production()] == ["crypto.W001"]  # the index key is still derived
    settings.FAZHI_INDEX_KEY = INDEX
    assert keys_are_given_in_production() == []
