"""Settings come from the environment and fail clearly when a value is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_VAR_DIR": str(tmp_path)}, **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_defaults_are_chinese_and_shanghai_time() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def test_a_fresh_install_runs_on_sqlite_in_wal_mode_with_immediate_transactions(tmp_path: Path) -> None:
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(connection.vendor, c.fetchone()[0], connection.settings_dict['OPTIONS']['transaction_mode'],"
        " connection.settings_dict['CONN_MAX_AGE'])"
    )
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sqlite", "wal", "IMMEDIATE", "600"]
    assert (tmp_path / "fazhi.sqlite3").exists()


def test_without_a_secret_key_one_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_python(code, tmp_path)
    second = run_python(code, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_secret_key_from_the_environment_wins(tmp_path: Path) -> None:
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    result = run_python(code, tmp_path, SECRET_KEY="x" * 60)
    assert result.stdout.strip() == "x" * 60
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize(
    ("variable", "value", "complaint"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("CONN_MAX_AGE", "ten", "CONN_MAX_AGE must be a whole number"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL"),
    ],
)
def test_a_malformed_variable_is_refused_with_its_name(
    tmp_path: Path, variable: str, value: str, complaint: str
) -> None:
    result = run_python("import django; django.setup()", tmp_path, **{variable: value})
    assert result.returncode != 0
    assert complaint in result.stderr


def test_a_postgresql_url_selects_postgresql_with_persistent_connections(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_python(code, tmp_path, DATABASE_URL="postgres://someone@db.example:5432/fazhi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "fazhi", "600", "True"]


def test_a_shared_cache_folder_serves_both_caches_apart_and_an_unknown_cache_url_is_refused(tmp_path: Path) -> None:
    code = (
        "import django; django.setup();"
        "from django.core.cache import caches;"
        "caches['default'].set('k', 'rate'); caches['portal'].set('k', 'page');"
        "print(type(caches['portal']).__name__, caches['default'].get('k'), caches['portal'].get('k'))"
    )
    shared = run_python(code, tmp_path, CACHE_URL=f"file://{tmp_path / 'cache'}")
    assert shared.returncode == 0, shared.stderr
    assert shared.stdout.split() == ["FileBasedCache", "rate", "page"]
    assert (tmp_path / "cache" / "fazhi-portal").is_dir()
    refused = run_python("import django; django.setup()", tmp_path, CACHE_URL="memcached://127.0.0.1")
    assert refused.returncode != 0
    assert "CACHE_URL must be" in refused.stderr


def test_make_run_starts_one_huey_consumer_beside_the_server_and_stops_it_with_the_server() -> None:
    # Issue 15 "scheduled work without cron": the daily sweeps run by themselves in `make run`'s one extra process.
    run_lines = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert run_lines.count("manage.py run_huey") == 1
    assert "run_huey --workers 1 --quiet & huey_pid=$$!" in run_lines
    assert "trap 'kill $$huey_pid" in run_lines
    assert run_lines.index("run_huey") < run_lines.index("gunicorn fazhi.wsgi")


def test_make_run_gives_its_worker_processes_one_shared_cache_folder() -> None:
    """Security review L6: with each process's own memory, `make run`'s two workers each allowed the full limit."""
    run_lines = (ROOT / "Makefile").read_text().split("\nrun:")[1].split("\n\n")[0]
    assert 'CACHE_URL="$${CACHE_URL:-file://$(CURDIR)/var/cache}"' in run_lines
    assert "--workers 2" in run_lines


def test_two_processes_on_the_cache_folder_count_one_rate_limit(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from fazhi.ratelimit import attempt;"
        "print(attempt('complaint', '203.0.113.7', window_seconds=3600))"
    )
    cache_url = f"file://{tmp_path / 'cache'}"
    counts = [run_python(code, tmp_path, CACHE_URL=cache_url).stdout.strip() for _ in range(3)]
    assert counts == ["1", "2", "3"]


HUEY_AND_CACHES = (
    "import django; django.setup(); from django.conf import settings; from django.core.cache import caches;"
    "from huey.contrib.djhuey import HUEY;"
    "print(type(HUEY).__name__, type(caches['default']).__name__, type(caches['portal']).__name__,"
    " settings.CACHES['default'].get('LOCATION'), settings.CACHES['portal'].get('KEY_PREFIX'))"
)


def test_without_redis_the_scheduled_work_queues_in_a_sqlite_file_and_each_process_caches_in_its_memory(
    tmp_path: Path,
) -> None:
    result = run_python(HUEY_AND_CACHES, tmp_path, REDIS_URL="", CACHE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["SqliteHuey", "LocMemCache", "LocMemCache", "fazhi", "None"]
    assert (tmp_path / "huey.sqlite3").exists()


def test_redis_url_makes_redis_the_queue_of_the_scheduled_work_and_both_caches(tmp_path: Path) -> None:
    """docs/deployment.md: the machines share one Redis for huey's queue, the rate limits and the portal's pages
    (building the clients connects to nothing, so no Redis need run here)."""
    result = run_python(HUEY_AND_CACHES, tmp_path, REDIS_URL="redis://redis.internal:6379/3", CACHE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "RedisHuey",
        "RedisCache",
        "RedisCache",
        "redis://redis.internal:6379/3",
        "fazhi-portal",
    ]
    assert not (tmp_path / "huey.sqlite3").exists()


def test_a_cache_url_of_its_own_wins_over_redis_url_for_the_cache_only(tmp_path: Path) -> None:
    cache_url = f"file://{tmp_path / 'cache'}"
    result = run_python(HUEY_AND_CACHES, tmp_path, REDIS_URL="redis://redis.internal:6379/3", CACHE_URL=cache_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["RedisHuey", "FileBasedCache", "FileBasedCache"]
