"""Time-based one-time passwords (TOTP, RFC 6238) and recovery codes: the second factor of staff sign-in.

等保2.0 (GB/T 22239-2019) 8.1.4.1 a) and d): administrators and users are identified by two or more combined
authentication techniques; ASVS 5.0 6.5 (general multi-factor requirements). An authenticator app (any that reads an
``otpauth://`` QR code) holds the shared secret and shows a 6-digit code every 30 seconds:

- HOTP (RFC 4226 section 5): HMAC-SHA-1 over the 8-byte big-endian counter, dynamic truncation, modulo 10^digits;
- TOTP (RFC 6238 section 4): the counter is the number of 30-second steps since the Unix epoch (T0 = 0);
- one step either side is accepted for clock drift (RFC 6238 section 5.2 recommends at most one step back);
- a code is accepted once: the caller stores the counter last accepted and a code of that step or an earlier one is
  refused (RFC 6238 section 5.2: "the verifier MUST NOT accept the second attempt of the OTP after the successful
  validation has been issued for the first OTP").

Recovery codes are random, shown once and kept only as salted PBKDF2-SHA-256 digests; each is used once.
Plain Python (stdlib hmac, hashlib, base64, secrets): no Django.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import struct
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
WINDOW_STEPS = 1  # ± one step for clock drift
SECRET_BYTES = 20  # 160 bits, the length RFC 4226 section 4 (R6) recommends for HMAC-SHA-1
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_LENGTH = 12  # characters of RECOVERY_ALPHABET: 12 × 5 = 60 bits each
# Crockford's base32 alphabet: no I, L, O, U, so a printed code cannot be misread (1/I/L, 0/O).
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_ITERATIONS = 20_000  # the codes carry 60 bits of chance; the stretching only slows a stolen table further


class SecretInvalid(ValueError):
    """A stored or typed secret that is not base32."""


def new_secret() -> str:
    """A fresh shared secret, base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    cleaned = "".join(secret.split()).upper()
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        return base64.b32decode(padded)
    except (binascii.Error, ValueError) as error:
        raise SecretInvalid(secret) from error


def grouped_secret(secret: str, size: int = 4) -> str:
    """The secret in groups of four for typing it into an app by hand: ``ABCD EFGH …``."""
    return " ".join(secret[start : start + size] for start in range(0, len(secret), size))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 section 5.3 (the algorithm) with RFC 6238 section 1.2's SHA-256/SHA-512 variants."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    binary = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def counter_at(timestamp: float, *, step: int = STEP_SECONDS) -> int:
    """RFC 6238 section 4.2: T = floor((Current Unix time - T0) / X), with T0 = 0."""
    return int(timestamp // step)


def totp(key: bytes, timestamp: float, *, digits: int = DIGITS, digest: str = "sha1", step: int = STEP_SECONDS) -> str:
    return hotp(key, counter_at(timestamp, step=step), digits=digits, digest=digest)


def normalised_code(typed: str) -> str:
    """What the user typed, as ASCII without spaces or dashes: full-width digits from a Chinese input method count."""
    folded = unicodedata.normalize("NFKC", typed)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "-－—").upper()


def looks_like_code(typed: str) -> bool:
    code = normalised_code(typed)
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def matching_counter(
    secret: str, typed: str, timestamp: float, *, last_counter: int | None, window: int = WINDOW_STEPS
) -> int | None:
    """The time step whose code `typed` is, within ± `window` steps of `timestamp`, if it is later than
    `last_counter` (a code already accepted, or one older than it, is refused: no replay). None when it matches none."""
    code = normalised_code(typed)
    if not looks_like_code(code):
        return None
    key = secret_bytes(secret)
    now = counter_at(timestamp)
    found: int | None = None
    for counter in range(now - window, now + window + 1):
        # Compare every candidate in constant time and do not stop early: the time taken says nothing.
        if hmac.compare_digest(hotp(key, counter), code) and found is None:
            found = counter
    if found is None or (last_counter is not None and found <= last_counter):
        return None
    return found


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The ``otpauth://`` URI of Google Authenticator's Key Uri Format, read by every common authenticator app."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS},
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{query}"


@dataclass(frozen=True)
class HashedRecoveryCode:
    salt: str  # hex
    digest: str  # hex


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Fresh recovery codes, printed as ``XXXX-XXXX-XXXX``."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        codes.append("-".join(raw[start : start + 4] for start in range(0, RECOVERY_CODE_LENGTH, 4)))
    return codes


def _canonical_recovery(typed: str) -> str:
    # Crockford's decoding: O reads as 0, I and L as 1.
    return normalised_code(typed).translate(str.maketrans("OIL", "011"))


def looks_like_recovery_code(typed: str) -> bool:
    code = _canonical_recovery(typed)
    return len(code) == RECOVERY_CODE_LENGTH and all(ch in RECOVERY_ALPHABET for ch in code)


def _digest(code: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", code.encode("ascii"), salt, RECOVERY_ITERATIONS).hex()


def hash_recovery_code(code: str) -> HashedRecoveryCode:
    salt = secrets.token_bytes(16)
    return HashedRecoveryCode(salt=salt.hex(), digest=_digest(_canonical_recovery(code), salt))


def recovery_code_matches(typed: str, stored: HashedRecoveryCode) -> bool:
    if not looks_like_recovery_code(typed):
        return False
    return hmac.compare_digest(_digest(_canonical_recovery(typed), bytes.fromhex(stored.salt)), stored.digest)
