"""System check: the configured journal algorithm must be usable on this machine (manage.py check, runserver)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.security)
def journal_algorithm_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from fazhi.journal.actions import journal_algorithm

    try:
        journal_algorithm()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="journal.E001")]
    return []
