"""The keys that protect identifiers at rest (ADR 0019): data keys for SM4-GCM, one index key for the HMAC-SM3 blind
index. GB/T 39786-2021 asks that the keys of stored personal data live apart from the data: here, in the environment
(or the operator's secret store feeding it), never in the database.

- `FAZHI_DATA_KEYS`: `k2:<base64 of 16 bytes>,k1:<base64 of 16 bytes>` — the first encrypts, all decrypt. A bare
  `local` entry adds the key derived from SECRET_KEY (for a deployment leaving the development key behind).
- `FAZHI_INDEX_KEY`: base64 of 16 or more bytes (32 advised), the blind index's key, rotated on its own
  (`manage.py rotate_keys --index`).

Without them (development, tests, `make run`) both are derived from SECRET_KEY under the key id `local`, and
`manage.py check --deploy` warns (crypto.W001). SECRET_KEY itself is generated once into var/ when unset.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.hmac import HMAC
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

LOCAL = "local"
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
DATA_KEY_BYTES = 16  # SM4 is a 128-bit block cipher with a 128-bit key (GB/T 32907-2016)
MIN_INDEX_KEY_BYTES = 16


@dataclass(frozen=True)
class Keyring:
    current: str  # the id of the key new values are encrypted under
    data: dict[str, bytes]  # every key that decrypts, by id
    index: bytes
    derived: bool  # True when any key was derived from SECRET_KEY rather than given


def _derive(secret: str, purpose: str, size: int) -> bytes:
    """A key for `purpose` from SECRET_KEY: HMAC-SM3 (GB/T 32905-2016) over the purpose's name."""
    mac = HMAC(secret.encode(), hashes.SM3())
    mac.update(f"fazhi.crypto:{purpose}".encode())
    return mac.finalize()[:size]


def _decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{what} 不是有效的 Base64 编码。") from None


def parse(data_keys: str, index_key: str, secret_key: str) -> Keyring:
    """The keyring the settings name; ImproperlyConfigured with a Chinese message when they are malformed."""
    keys: dict[str, bytes] = {}
    order: list[str] = []
    derived = False
    for part in (p.strip() for p in data_keys.split(",")):
        if not part:
            continue
        if part == LOCAL:
            key_id, key = LOCAL, _derive(secret_key, "data", DATA_KEY_BYTES)
            derived = True
        else:
            key_id, sep, encoded = part.partition(":")
            if not sep or not KEY_ID.match(key_id) or key_id == LOCAL:
                raise ImproperlyConfigured(
                    "FAZHI_DATA_KEYS 的每一项应为「密钥编号:Base64 密钥」，编号为 1 至 16 个字母、数字、- 或 _"
                    f"（local 除外），例如 k2:…；第 {len(order) + 1} 项不符合。"
                )
            key = _decode(encoded, f"FAZHI_DATA_KEYS 中密钥 {key_id}")
            if len(key) != DATA_KEY_BYTES:
                raise ImproperlyConfigured(
                    f"FAZHI_DATA_KEYS 中密钥 {key_id} 应为 16 字节（SM4），实为 {len(key)} 字节。"
                )
        if key_id in keys:
            raise ImproperlyConfigured(f"FAZHI_DATA_KEYS 中密钥编号 {key_id} 重复。")
        keys[key_id] = key
        order.append(key_id)
    if not order:
        keys[LOCAL] = _derive(secret_key, "data", DATA_KEY_BYTES)
        order.append(LOCAL)
        derived = True
    if index_key.strip():
        index = _decode(index_key, "FAZHI_INDEX_KEY")
        if len(index) < MIN_INDEX_KEY_BYTES:
            raise ImproperlyConfigured(f"FAZHI_INDEX_KEY 至少应为 {MIN_INDEX_KEY_BYTES} 字节，实为 {len(index)} 字节。")
    else:
        index = _derive(secret_key, "index", 32)
        derived = True
    return Keyring(current=order[0], data=keys, index=index, derived=derived)


@lru_cache(maxsize=4)
def _cached(data_keys: str, index_key: str, secret_key: str) -> Keyring:
    return parse(data_keys, index_key, secret_key)


def keyring() -> Keyring:
    """The keyring of the current settings (parsed once per distinct value, so tests may override the settings)."""
    data_keys = str(getattr(settings, "FAZHI_DATA_KEYS", ""))
    return _cached(data_keys, str(getattr(settings, "FAZHI_INDEX_KEY", "")), settings.SECRET_KEY)
