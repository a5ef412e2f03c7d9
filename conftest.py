"""Project-wide test fixtures: the personas of a small organisation, built through the real actions.

The organisation (fixture `org`):

    深圳市人力资源和社会保障局 (city bureau)
        信息中心 ............................ sysadmin, secadmin, auditadmin
        电子监察室 .......................... supervisor
        福田区人力资源局 .................... leader (局领导, the organ's 负责人), director, legal
            福田区劳动监察大队
                第一中队 .................... inspector, inspector2, lead
                第二中队
        南山区人力资源局
            南山区劳动监察大队
                第一中队 .................... outsider (an inspector of another district)
                第二中队

Never look these up by primary key; use the fixtures. Every persona's password is PERSONA_PASSWORD ("fazhi-demo").
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, fields
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from fazhi.accounts.models import Role, Unit, UnitKind, User

# Properties are checked for what they say, never for how fast (performance is measured in bench/): a loaded CI
# machine must not turn a slow example into a failure.
hypothesis_settings.register_profile("fazhi", deadline=None)
hypothesis_settings.load_profile("fazhi")

# Playwright drives the browser from an event loop in the test's thread; Django's ORM refuses that unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing_and_plain_static_files(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests hash passwords with a fast hasher, serve static files without a collectstatic manifest, and keep
    uploaded evidence in a temporary folder (never in the checkout's var/)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FAZHI_EVIDENCE_DIR = tmp_path_factory.mktemp("evidence")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_portal_cache() -> None:
    """Every test starts with the portal's cache and the rate limits' counters empty: the portal's pages are keyed by
    the portal generation, which each test's rollback takes back to where it was, so a page cached by one test would
    otherwise be served to the next."""
    from django.core.cache import caches

    caches["portal"].clear()
    caches["default"].clear()  # the rate limits' counters (fazhi.ratelimit): each test starts with none


@pytest.fixture(autouse=True)
def _holiday_calendar(request: pytest.FixtureRequest) -> None:
    """Every test sees the holiday data that migrations seed (2004–2026), built afresh.

    A transactional test ends with a flush that empties every table, data migrations' rows included; the next one
    seeds the calendar again here, the way the migrations do (the seed, then the correction of 2005-12-31)."""
    from fazhi.calendars.queries import clear_cache

    clear_cache()
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        from django.apps import apps

        from fazhi.calendars.models import CalendarYear

        if not CalendarYear.objects.exists():
            seed = importlib.import_module("fazhi.calendars.migrations.0002_seed_2004_2026_from_chinese_calendar").seed
            seed(apps, None)
            correct = importlib.import_module("fazhi.calendars.migrations.0003_correct_2005_12_31_makeup_working_day")
            correct.correct(apps, None)


CAPTCHA_ANSWER = "K7PXW"


@pytest.fixture
def captcha_answer(monkeypatch: pytest.MonkeyPatch) -> str:
    """The characters of every image the complaint form's human check draws during the test, as a person would read
    them. The check itself stays as configured (on by default): issued per visitor, kept hashed, used up by any
    answer; a client that never saw an image, or answers twice, is refused as in production."""
    from fazhi.complaints import challenge

    monkeypatch.setattr(challenge, "new_answer", lambda: CAPTCHA_ANSWER)
    return CAPTCHA_ANSWER


@dataclass(frozen=True)
class Org:
    city: Unit
    info_centre: Unit
    supervision_office: Unit
    futian: Unit
    futian_brigade: Unit
    futian_squad1: Unit
    futian_squad2: Unit
    nanshan: Unit
    nanshan_brigade: Unit
    nanshan_squad1: Unit
    nanshan_squad2: Unit

    def all_units(self) -> list[Unit]:
        return [getattr(self, field.name) for field in fields(self)]


def make_unit(code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    # Imported here, not at the top: a broken action must not stop tests that need no database from running.
    from fazhi.accounts import testing

    return testing.make_unit(code, name, kind, parent)


def make_user(username: str, full_name: str, unit: Unit, *roles: str, **options: Any) -> User:
    from fazhi.accounts import testing

    return testing.make_user(username, full_name, unit, *roles, **options)


@pytest.fixture
def org(db: None) -> Org:
    city = make_unit("T-SZ", "深圳市人力资源和社会保障局", UnitKind.CITY_BUREAU, None)
    districts: dict[str, tuple[Unit, Unit, Unit, Unit]] = {}
    for code, name in (("FT", "福田"), ("NS", "南山")):
        district = make_unit(f"T-{code}", f"{name}区人力资源局", UnitKind.DISTRICT_BUREAU, city)
        brigade = make_unit(f"T-{code}-JC", f"{name}区劳动监察大队", UnitKind.BRIGADE, district)
        squad1 = make_unit(f"T-{code}-JC-1", f"{name}区劳动监察大队第一中队", UnitKind.SQUAD, brigade)
        squad2 = make_unit(f"T-{code}-JC-2", f"{name}区劳动监察大队第二中队", UnitKind.SQUAD, brigade)
        districts[code] = (district, brigade, squad1, squad2)
    return Org(
        city,
        make_unit("T-XXZX", "信息中心", UnitKind.DIVISION, city),
        make_unit("T-DZJC", "电子监察室", UnitKind.DIVISION, city),
        *districts["FT"],
        *districts["NS"],
    )


@pytest.fixture
def inspector(org: Org) -> User:
    return make_user("inspector", "张伟", org.futian_squad1, Role.INSPECTOR, certificate="T-0001")


@pytest.fixture
def inspector2(org: Org) -> User:
    return make_user("inspector2", "李娜", org.futian_squad1, Role.INSPECTOR, certificate="T-0002")


@pytest.fixture
def lead(org: Org) -> User:
    return make_user("lead", "王强", org.futian_squad1, Role.LEAD)


@pytest.fixture
def director(org: Org) -> User:
    return make_user("director", "刘洋", org.futian, Role.DIRECTOR)


@pytest.fixture
def leader(org: Org) -> User:
    """The district bureau's leader (局领导): the organ's 负责人, who decides (行政处罚法 第五十七条), and its
    正职负责人, who alone approves a transfer to the police (行政执法机关移送涉嫌犯罪案件的规定 第五条)."""
    from fazhi.accounts.actions import set_unit_principal

    user = make_user("leader", "孙建国", org.futian, Role.LEADER)
    set_unit_principal(actor=None, unit=org.futian, principal=user)
    return user


@pytest.fixture
def legal(org: Org) -> User:
    return make_user("legal", "陈静", org.futian, Role.LEGAL, legal_qualification=True)


@pytest.fixture
def supervisor(org: Org) -> User:
    return make_user("supervisor", "杨帆", org.supervision_office, Role.SUPERVISOR)


@pytest.fixture
def sysadmin(org: Org) -> User:
    return make_user("sysadmin", "赵磊", org.info_centre, Role.SYSADMIN)


@pytest.fixture
def secadmin(org: Org) -> User:
    return make_user("secadmin", "黄敏", org.info_centre, Role.SECADMIN)


@pytest.fixture
def auditadmin(org: Org) -> User:
    return make_user("auditadmin", "周婷", org.info_centre, Role.AUDITADMIN)


@pytest.fixture
def outsider(org: Org) -> User:
    """An inspector of another district (南山): must never see 福田's data."""
    return make_user("outsider", "孙鹏", org.nanshan_squad1, Role.INSPECTOR, certificate="T-0099")


@pytest.fixture
def personas(request: pytest.FixtureRequest) -> dict[str, User]:
    """Every persona, by name."""
    from fazhi.accounts.testing import PERSONA_NAMES

    return {name: request.getfixturevalue(name) for name in PERSONA_NAMES}


# Playwright with Debian's Chromium (recipes.md): never `playwright install`.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def shots_dir() -> str:
    path = "/tmp/fazhi-shots"  # noqa: S108  (a fixed place to look at the screenshots)
    os.makedirs(path, exist_ok=True)
    return path


def _is_transactional(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    return bool({"transactional_db", "live_server"} & names) or bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """On PostgreSQL the journal table refuses TRUNCATE (journal migration 0002) unless the session says it is a reset.

    Django empties the database with TRUNCATE after each transactional test; this runs before that flush (tryfirst,
    ahead of the fixture finalizers) on the same connection.
    """
    if not _is_transactional(item):
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('fazhi.journal_reset', 'on', false)")
