"""`manage.py check --deploy` passes with production settings (security.md; Django's deployment checklist)."""

import base64
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
# Variables of the test process that must not leak into a production-like run.
TEST_ONLY = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def deploy_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
            "DEBUG": "false",
            "FAZHI_HTTPS": "true",
            "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
            "ALLOWED_HOSTS": "fazhi.example.gov.cn",
            "FAZHI_VAR_DIR": str(tmp_path),
            # The keys of identifiers at rest, given rather than derived from SECRET_KEY (ADR 0019).
            "FAZHI_DATA_KEYS": "k1:" + base64.b64encode(secrets.token_bytes(16)).decode(),
            "FAZHI_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            **env,
        }
    )
    python = str(VENV_PYTHON if VENV_PYTHON.exists() else sys.executable)
    return subprocess.run(
        [python, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_passes_with_production_settings(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_check_fails_when_debug_is_on(tmp_path):
    """The check is not vacuous: the same run with DEBUG on is refused."""
    result = deploy_check(tmp_path, DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_the_deployment_check_warns_while_the_identifier_keys_are_derived_from_the_secret_key(tmp_path):
    """GB/T 39786-2021: the keys of stored personal data are kept apart from it, not derived from SECRET_KEY."""
    result = deploy_check(tmp_path, FAZHI_DATA_KEYS="", FAZHI_INDEX_KEY="")
    assert result.returncode != 0
    assert "crypto.W001" in result.stdout + result.stderr
