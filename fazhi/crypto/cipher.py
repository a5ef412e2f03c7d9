"""SM4-GCM for identifiers at rest and the HMAC-SM3 blind index that finds them by exact value (ADR 0019).

A stored value is `v1:<key id>:<base64(nonce | ciphertext | tag)>`: a fresh 96-bit nonce per value, a 128-bit tag,
and the column's name as associated data, so a ciphertext moved to another column (or another table) fails to
decrypt instead of reading as that column's value. The key id names the data key (fazhi.crypto.keys), so values
under an older key keep reading until `manage.py rotate_keys` re-encrypts them.

The blind index is HMAC-SM3 under a separate key (FAZHI_INDEX_KEY) of the normalised value with its kind
(`phone:13800138000`, `id_number:44030419900101123X`): equal values have equal indexes in every table, and the
index does not change when the data keys rotate. Only exact values can be searched.
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.hmac import HMAC

from fazhi.crypto.keys import keyring
from fazhi.rules.identifiers import normalize_id_number, normalize_mobile

VERSION = "v1"
NONCE_BYTES = 12
TAG_BYTES = 16

# How each kind of identifier is normalised before it is indexed: the same rule the forms apply when storing it.
PHONE, ID_NUMBER, ADDRESS = "phone", "id_number", "address"


class DecryptionFailed(Exception):
    """A stored value could not be decrypted: its key is not configured, the key is wrong, or the value was altered.
    Never caught to show the ciphertext instead: a wrong key fails closed."""


def is_encrypted(value: str) -> bool:
    return value.startswith(VERSION + ":")


def key_id_of(value: str) -> str:
    """The id of the key `value` is encrypted under ("" for an empty or clear value)."""
    if not is_encrypted(value):
        return ""
    return value.split(":", 2)[1]


def _aad(key_id: str, context: str) -> bytes:
    return f"{VERSION}:{key_id}:{context}".encode()


def encrypt(plain: str, *, context: str, key_id: str | None = None) -> str:
    """`plain` encrypted under the current data key (or `key_id`), bound to `context` (the table and column)."""
    ring = keyring()
    key_id = key_id or ring.current
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(ring.data[key_id]), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(_aad(key_id, context))
    body = encryptor.update(plain.encode("utf-8")) + encryptor.finalize()
    token = base64.b64encode(nonce + body + encryptor.tag).decode("ascii")
    return f"{VERSION}:{key_id}:{token}"


def decrypt(stored: str, *, context: str) -> str:
    """The clear text of `stored`; DecryptionFailed (a Chinese message naming the key, never the value) otherwise."""
    version, _, rest = stored.partition(":")
    key_id, _, token = rest.partition(":")
    if version != VERSION or not key_id or not token:
        raise DecryptionFailed(f"{context} 中的值不是加密格式（应为 {VERSION}:<密钥编号>:<密文>）：拒绝按明文读取。")
    key = keyring().data.get(key_id)
    if key is None:
        raise DecryptionFailed(
            f"{context} 中的值由密钥 {key_id} 加密，但 FAZHI_DATA_KEYS 中没有该密钥：请配置该密钥后再读取。"
        )
    try:
        raw = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        raise DecryptionFailed(f"{context} 中的密文已损坏。") from None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionFailed(f"{context} 中的密文已损坏。")
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(_aad(key_id, context))
    try:
        plain = decryptor.update(body) + decryptor.finalize()
    except InvalidTag:
        raise DecryptionFailed(
            f"{context} 中的值无法用密钥 {key_id} 解密：密钥有误，或数据被篡改、被移到其他字段。"
        ) from None
    return plain.decode("utf-8")


def normalise(kind: str, value: str) -> str:
    if kind == PHONE:
        return normalize_mobile(value)
    if kind == ID_NUMBER:
        return normalize_id_number(value)
    return " ".join(value.split())


def blind_index(kind: str, value: str, *, key: bytes | None = None) -> str:
    """HMAC-SM3 of the normalised `value` of `kind` under the index key, hex; "" for an empty value."""
    text = normalise(kind, value)
    if not text:
        return ""
    mac = HMAC(key if key is not None else keyring().index, hashes.SM3())
    mac.update(f"{kind}:{text}".encode())
    return mac.finalize().hex()
