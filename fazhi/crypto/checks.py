"""System checks for the keys of identifiers at rest (ADR 0019)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def keys_are_well_formed(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from fazhi.crypto.keys import keyring

    try:
        keyring()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="crypto.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def keys_are_given_in_production(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from fazhi.crypto.keys import keyring

    try:
        ring = keyring()
    except ImproperlyConfigured:
        return []  # crypto.E001 says why
    if ring.derived:
        return [
            checks.Warning(
                "身份证号码、电话号码的加密密钥或检索密钥由 SECRET_KEY 派生：生产环境应在 FAZHI_DATA_KEYS 和"
                " FAZHI_INDEX_KEY 中给出独立生成并备份的密钥（GB/T 39786-2021；docs/operations.md「密钥」）。",
                id="crypto.W001",
            )
        ]
    return []
