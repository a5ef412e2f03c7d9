import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _readable_captcha(captcha_answer):
    """The images of the human check read as `captcha_answer` (a person reading them); the check stays on."""


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test starts with empty rate-limit counters and intake units that exist in the test organisation."""
    cache.clear()
    settings.FAZHI_INTAKE_UNITS = {"440304": "T-FT-JC", "440305": "T-NS-JC"}
    settings.FAZHI_INTAKE_DEFAULT_UNIT = "T-SZ"
    yield
    cache.clear()
