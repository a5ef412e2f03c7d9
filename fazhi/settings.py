"""Django settings, read from the environment.

Every variable is documented in docs/configuration.md; keep the two in step.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from fazhi.logfiles import retention_days as log_retention_days

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# Behind TLS (production): secure cookies, HSTS and a redirect from http.
HTTPS = env_bool("FAZHI_HTTPS", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in VAR_DIR (mode 0600)."""
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    import secrets

    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The deployment's jurisdiction: national rules, overlaid by the province's and the city's (tightest match wins).
FAZHI_JURISDICTION = os.environ.get("FAZHI_JURISDICTION", "CN-GD-SZ")
# The bureau's name on every page and document.
FAZHI_BUREAU_NAME = os.environ.get("FAZHI_BUREAU_NAME", "深圳市人力资源和社会保障局")
# 文书 fonts: a folder of licensed GB/T 9704 faces (仿宋, 小标宋) when the bureau has them; else Noto Serif CJK SC.
FAZHI_DOCUMENT_FONT_DIR = os.environ.get("FAZHI_DOCUMENT_FONT_DIR", "")
# 文书 templates the bureau overrides: a folder holding documents/<type>.html (PDF) and documents/<type>.docx (Word),
# searched before the shipped ones (docs/documents.md lists the types and their fields).
FAZHI_DOCUMENT_TEMPLATE_DIR = os.environ.get("FAZHI_DOCUMENT_TEMPLATE_DIR", "")


def env_amount(name: str) -> str:
    """An amount of yuan (digits, optionally two decimals), or "" when unset (the threshold is then off)."""
    raw = os.environ.get(name, "").strip()
    if raw and not re.fullmatch(r"\d{1,10}(\.\d{1,2})?", raw):
        raise ImproperlyConfigured(f"{name} must be an amount of yuan such as 100000 or 5000.50, not {raw!r}")
    return raw


# Legal review (法制审核, 行政处罚法 第五十八条) before a decision: always for the outcomes listed, for cases marked
# complex or major, after a hearing, and above the amounts given (a proposed fine, or the wages a handling decision
# orders paid). Unset amounts switch their threshold off.
FAZHI_LEGAL_REVIEW_OUTCOMES = env_list("FAZHI_LEGAL_REVIEW_OUTCOMES", ["penalty"])
FAZHI_LEGAL_REVIEW_FINE_THRESHOLD = env_amount("FAZHI_LEGAL_REVIEW_FINE_THRESHOLD")
FAZHI_LEGAL_REVIEW_WAGE_THRESHOLD = env_amount("FAZHI_LEGAL_REVIEW_WAGE_THRESHOLD")
# 拒不支付劳动报酬罪 "数额较大" (法释〔2013〕3号 第三条: 5,000–20,000 for one worker unpaid three months or more,
# 30,000–100,000 for ten workers or more; the province fixes its figure). Defaults: Guangdong 一类 cities (Shenzhen),
# 粤高法发〔2015〕4号 (law digest §14.8, read in an unofficial web copy [T-web]); set the province's figures elsewhere.
FAZHI_CRIME_THRESHOLD_ONE_WORKER = env_amount("FAZHI_CRIME_THRESHOLD_ONE_WORKER") or "20000"
FAZHI_CRIME_THRESHOLD_MANY_WORKERS = env_amount("FAZHI_CRIME_THRESHOLD_MANY_WORKERS") or "100000"

# Electronic supervision (电子监察, fazhi.supervision): when a running period turns yellow (this many working days or
# fewer left), when an open case counts as idle, how far back the rules over finished events look, how many cases
# closed without a penalty make an employer a repeated case (the crime amounts are FAZHI_CRIME_THRESHOLD_* above).
FAZHI_SUPERVISION_WARNING_WORKING_DAYS = env_int("FAZHI_SUPERVISION_WARNING_WORKING_DAYS", 5)
FAZHI_SUPERVISION_IDLE_WORKING_DAYS = env_int("FAZHI_SUPERVISION_IDLE_WORKING_DAYS", 20)
FAZHI_SUPERVISION_LOOKBACK_DAYS = env_int("FAZHI_SUPERVISION_LOOKBACK_DAYS", 365)
FAZHI_SUPERVISION_REPEAT_CASES = env_int("FAZHI_SUPERVISION_REPEAT_CASES", 3)
FAZHI_SUPERVISION_JOURNAL_TAIL = env_int("FAZHI_SUPERVISION_JOURNAL_TAIL", 10_000)
# The dashboard is made again after this many seconds even when nothing was recorded (0: on every request).
FAZHI_SUPERVISION_BOARD_SECONDS = env_int("FAZHI_SUPERVISION_BOARD_SECONDS", 15)
FAZHI_SUPERVISION_ORDER_WORKING_DAYS = env_int("FAZHI_SUPERVISION_ORDER_WORKING_DAYS", 5)
# Major-violation publication (重大劳动保障违法行为社会公布, 人社部令第29号 [S], fazhi.major_violations). 29号 sets no
# figure for "数额较大": wages owed from this amount suggest category (一) (staff confirm; default the Shenzhen crime
# figure for ten or more workers). It sets no deadline after the quarter either: supervision alerts when a quarter's
# selected violations are unpublished this many working days after the quarter's end (default 20, the general limit
# for proactive disclosure, 政府信息公开条例 第二十六条). How long an entry stays online was NOT FOUND in any source:
# 0 keeps entries online (no automatic removal); N hides an entry N years after its publication (the row is kept).
FAZHI_MAJOR_VIOLATION_WAGES = env_amount("FAZHI_MAJOR_VIOLATION_WAGES") or "100000"
FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS = env_int("FAZHI_MAJOR_VIOLATION_PUBLICATION_WORKING_DAYS", 20)
FAZHI_MAJOR_VIOLATION_ONLINE_YEARS = env_int("FAZHI_MAJOR_VIOLATION_ONLINE_YEARS", 0)
# Judicial and procuratorial suggestions (fazhi.suggestions): the reply deadline when a suggestion states none. Both
# defaults are [S] (fazhi/rules/data/suggestions.toml): 60 days (最高人民法院关于适用《行政诉讼法》的解释 第一百四十九条
# 第四款, for suggestions on normative documents only) and two months (人民检察院检察建议工作规定 (2019), full text not
# obtained, article number not verified).
FAZHI_JUDICIAL_SUGGESTION_REPLY_DAYS = env_int("FAZHI_JUDICIAL_SUGGESTION_REPLY_DAYS", 60)
FAZHI_PROCURATORIAL_SUGGESTION_REPLY_MONTHS = env_int("FAZHI_PROCURATORIAL_SUGGESTION_REPLY_MONTHS", 2)
# Reconsideration and litigation (fazhi.remedies): the bureau's own rule that the answer to a reconsideration and the
# defence in a lawsuit are discussed collectively (集体讨论) before the head approves them (no statute requires it).
FAZHI_REMEDY_COLLECTIVE_DISCUSSION = env_bool("FAZHI_REMEDY_COLLECTIVE_DISCUSSION", True)
# Public complaints (fazhi.complaints): the intake unit of each district, by 行政区划代码
# (fazhi/rules/data/districts.toml), as "440304=SZ-FT-JC,…"; a complaint whose employer address names no listed
# district goes to the default unit, where staff route it. Rate limits: attempts per client address and hour.
FAZHI_INTAKE_UNITS = dict(
    item.split("=", 1)
    for item in env_list("FAZHI_INTAKE_UNITS", ["440304=SZ-FT-JC", "440305=SZ-NS-JC", "440306=SZ-BA-JC"])
    if "=" in item
)
FAZHI_INTAKE_DEFAULT_UNIT = os.environ.get("FAZHI_INTAKE_DEFAULT_UNIT", "SZ")
FAZHI_COMPLAINT_RATE_LIMIT = env_int("FAZHI_COMPLAINT_RATE_LIMIT", 10)
FAZHI_STATUS_RATE_LIMIT = env_int("FAZHI_STATUS_RATE_LIMIT", 30)
# The complaint form's human check (fazhi/complaints/challenge.py): "captcha" (an image drawn on the server), "none",
# or the dotted path of a class of one's own (an SMS check, say).
FAZHI_COMPLAINT_CHALLENGE = os.environ.get("FAZHI_COMPLAINT_CHALLENGE", "captcha")

# Django's cache: each server process's own memory by default. With several processes, give them a shared one:
# CACHE_URL=file:///var/cache/fazhi (a folder they all write) or redis://127.0.0.1:6379/0 (needs the redis package).
# The public portal keeps its pages in the "portal" alias (fazhi.portal.cache), apart from the rate limits' counters so
# that many different searches cannot push those out; pages live FAZHI_PORTAL_CACHE_SECONDS (0: not cached), at most
# FAZHI_PORTAL_CACHE_ENTRIES of them per process (local memory, folder), and browsers and proxies may keep them
# FAZHI_PORTAL_MAX_AGE seconds (0: they ask again every time, and get 304 when nothing changed).
# REDIS_URL (redis://host:6379/0): the one Redis of a deployment on several machines (docs/deployment.md). It is then
# the cache (unless CACHE_URL names another) and huey's queue (HUEY below); unset, huey keeps its queue in SQLite.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_URL = os.environ.get("CACHE_URL", "") or REDIS_URL
FAZHI_PORTAL_CACHE_SECONDS = env_int("FAZHI_PORTAL_CACHE_SECONDS", 600)
FAZHI_PORTAL_CACHE_ENTRIES = env_int("FAZHI_PORTAL_CACHE_ENTRIES", 2000)
FAZHI_PORTAL_MAX_AGE = env_int("FAZHI_PORTAL_MAX_AGE", 0)


def _cache(url: str, name: str, **options: Any) -> dict[str, Any]:
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name, "OPTIONS": options}
    scheme = url.split(":", 1)[0]
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": name}
    if scheme == "file":
        path = Path(url.removeprefix("file://")) / name
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(path),
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"CACHE_URL must be redis://…, rediss://… or file:///…, not {url!r}")


CACHES = {
    "default": _cache(CACHE_URL, "fazhi"),
    "portal": _cache(CACHE_URL, "fazhi-portal", MAX_ENTRIES=FAZHI_PORTAL_CACHE_ENTRIES),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves Swagger UI from its own static files, not from a CDN
    "axes",
    "fazhi.accounts",
    "fazhi.journal",
    "fazhi.crypto",
    "fazhi.calendars",
    "fazhi.cases",
    "fazhi.evidence",
    "fazhi.documents",
    "fazhi.law",
    "fazhi.supervision",
    "fazhi.complaints",
    "fazhi.disclosure",
    "fazhi.dishonest_list",
    "fazhi.major_violations",
    "fazhi.suggestions",
    "fazhi.remedies",
    "fazhi.backup",
    "fazhi.staff",
    "fazhi.portal",
    "fazhi.api",
    "fazhi.demo",
    "huey.contrib.djhuey",  # the scheduled work (fazhi/backup/tasks.py), run by one `manage.py run_huey`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fazhi.security_headers.SecurityHeadersMiddleware",
    "fazhi.request_limits.RequestSizeMiddleware",
    "fazhi.error_pages.MethodNotAllowedPageMiddleware",  # a 405's empty body becomes a Chinese page
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fazhi.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # AxesMiddleware should be the last middleware in the list.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [
            *([Path(FAZHI_DOCUMENT_TEMPLATE_DIR)] if FAZHI_DOCUMENT_TEMPLATE_DIR else []),
            BASE_DIR / "fazhi" / "templates",
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Databases: SQLite (WAL, IMMEDIATE transactions) by default; DATABASE_URL=postgres://… for scale.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 600)
if DATABASE_URL:
    try:
        _db: dict[str, Any] = dict(
            dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL Fazhi understands: {exc}") from exc
else:
    _db = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(VAR_DIR / "fazhi.sqlite3"),
        "CONN_MAX_AGE": CONN_MAX_AGE,
    }
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db.setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
_db.setdefault("TEST", {})
DATABASES = {"default": _db}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: an idle timeout and an absolute lifetime (等保 8.1.4.1; ASVS 7.3), enforced by
# fazhi.accounts.middleware.SessionLifetimeMiddleware. Django gives a new session id at login.
SESSION_IDLE_TIMEOUT_SECONDS = env_int("SESSION_IDLE_TIMEOUT_SECONDS", 30 * 60)
SESSION_ABSOLUTE_LIFETIME_SECONDS = env_int("SESSION_ABSOLUTE_LIFETIME_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): lock a username from an address after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The same client address as the journal and the rate limits (the proxy's header only behind the proxy, H1).
AXES_CLIENT_IP_CALLABLE = "fazhi.journal.request.client_ip"
# API tokens lapse this many days after they are made (0: never; security review L3).
FAZHI_API_TOKEN_DAYS = env_int("FAZHI_API_TOKEN_DAYS", 90)
# Sign-in attempts per client address per window, whatever the user names (a flood is refused before any password is
# hashed, and journaled once per window rather than once per attempt).
FAZHI_LOGIN_RATE_LIMIT = env_int("FAZHI_LOGIN_RATE_LIMIT", 30)
FAZHI_LOGIN_RATE_WINDOW_SECONDS = env_int("FAZHI_LOGIN_RATE_WINDOW_SECONDS", 600)
# The second factor (TOTP, ADR 0017): always required of the 三员 (sysadmin, secadmin, auditadmin); these other roles
# must have it too (等保2.0 8.1.4.1 d). Role names as in fazhi.accounts.models.Role.
_ROLE_NAMES = {"inspector", "lead", "director", "leader", "legal", "supervisor", "sysadmin", "secadmin", "auditadmin"}
FAZHI_TOTP_REQUIRED_ROLES = env_list("FAZHI_TOTP_REQUIRED_ROLES", [])
if set(FAZHI_TOTP_REQUIRED_ROLES) - _ROLE_NAMES:
    _unknown = ", ".join(sorted(set(FAZHI_TOTP_REQUIRED_ROLES) - _ROLE_NAMES))
    raise ImproperlyConfigured(f"FAZHI_TOTP_REQUIRED_ROLES names unknown roles: {_unknown}")
# The name an authenticator app shows beside the account.
FAZHI_TOTP_ISSUER = os.environ.get("FAZHI_TOTP_ISSUER", "") or "劳动保障监察执法办案系统"
# How long the code step of a sign-in waits after the password before the user must start again.
FAZHI_TOTP_PENDING_SECONDS = env_int("FAZHI_TOTP_PENDING_SECONDS", 300)
# A request to change a 三员 account (two-person rule, ADR 0018) lapses unconfirmed after this many days.
FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS = env_int("FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS", 3)
if FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS < 1:
    raise ImproperlyConfigured("FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS must be at least 1")

# Security headers; the TLS-only settings follow FAZHI_HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind our own reverse proxy (docs/deployment.md): the scheme from X-Forwarded-Proto, and the client's address from
# the right-most X-Forwarded-For hop (fazhi.journal.request.client_ip) for the journal, the rate limits and axes.
FAZHI_BEHIND_PROXY = env_bool("FAZHI_BEHIND_PROXY", False)
if FAZHI_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "fazhi" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request when it is missing
STATICFILES_DIRS = [BASE_DIR / "fazhi" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# huey: the queue of the scheduled work (fazhi/backup/tasks.py), worked by one consumer, `manage.py run_huey`, for the
# whole installation. In Redis with REDIS_URL (every machine then sees the same queue); else a SQLite file in VAR_DIR,
# which needs no server. Without a consumer nothing is scheduled: cron runs the same commands (docs/operations.md).
HUEY: dict[str, Any] = {
    "name": "fazhi",
    "immediate": False,
    "utc": False,  # the crontab times of the tasks are Beijing time (TIME_ZONE)
    "consumer": {"workers": 1, "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")})

# The journal's hash algorithm: sha256 (default) or sm3 (where OpenSSL provides it).
FAZHI_JOURNAL_ALGORITHM = os.environ.get("FAZHI_JOURNAL_ALGORITHM", "sha256")

# Evidence files: kept here under server-generated names, outside the web root (STATIC_ROOT), served only through
# the scoped download view; and the largest file accepted.
# Identifiers at rest (ADR 0019, docs/operations.md「密钥」): the SM4 data keys ("k2:<base64>,k1:<base64>", the first
# encrypts, all decrypt) and the blind index's HMAC-SM3 key (base64). Unset: derived from SECRET_KEY (check --deploy
# warns, crypto.W001).
FAZHI_DATA_KEYS = os.environ.get("FAZHI_DATA_KEYS", "")
FAZHI_INDEX_KEY = os.environ.get("FAZHI_INDEX_KEY", "")
FAZHI_EVIDENCE_DIR = Path(os.environ.get("FAZHI_EVIDENCE_DIR", str(VAR_DIR / "evidence")))
FAZHI_EVIDENCE_MAX_BYTES = env_int("FAZHI_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024)
# A request body over this size is refused before it is read (fazhi/request_limits.py): the largest upload and the
# form around it.
FAZHI_MAX_REQUEST_BYTES = env_int("FAZHI_MAX_REQUEST_BYTES", FAZHI_EVIDENCE_MAX_BYTES + 1024 * 1024)

# Log files (fazhi/logfiles.py): to the console only by default; with FAZHI_LOG_DIR also one file a day there, deleted
# after FAZHI_LOG_RETENTION_DAYS days. 网络安全法 第二十一条第（三）项: 网络日志留存不少于六个月 — so at least 184
# days (the longest six months), refused at startup otherwise. The journal (全过程记录) is never deleted.
FAZHI_LOG_DIR = os.environ.get("FAZHI_LOG_DIR", "")
FAZHI_LOG_RETENTION_DAYS = log_retention_days(os.environ.get("FAZHI_LOG_RETENTION_DAYS"))
_log_handlers: dict[str, dict[str, Any]] = {"console": {"class": "logging.StreamHandler"}}
if FAZHI_LOG_DIR:
    _log_handlers["file"] = {
        "()": "fazhi.logfiles.DailyFileHandler",
        "directory": FAZHI_LOG_DIR,
        "retention_days": FAZHI_LOG_RETENTION_DAYS,
        "formatter": "dated",
    }

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"dated": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": _log_handlers,
    "root": {"handlers": list(_log_handlers), "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools report every rendering step at INFO: only their warnings are worth a line.
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "weasyprint.progress", "fontTools")},
}
