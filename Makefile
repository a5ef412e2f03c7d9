# The Makefile is the interface: `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Debian packages the application needs (CJK fonts for PDFs, poppler for checking them) and the tests need (Chromium).
APP_DEBS := fonts-noto-cjk poppler-utils
TEST_DEBS := chromium

.PHONY: run static docs test lint types imports migrations-check pytest bench bench-scale venv system-packages test-system-packages \
        migrate seed reset-local-db clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Fazhi needs Python 3.11 or newer (python3 is " + sys.version.split()[0] + ")")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

# Installs missing Debian packages when running as root; otherwise prints the exact command to run.
define ensure_debs
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "安装系统软件包 / installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "缺少系统软件包，请先运行 / missing Debian packages, please run:"; \
	    echo "  sudo apt-get install -y --no-install-recommends$$missing"; \
	    $(2) \
	  fi; \
	fi
endef

system-packages:
	$(call ensure_debs,$(APP_DEBS),true;)

test-system-packages:
	$(call ensure_debs,$(APP_DEBS) $(TEST_DEBS),exit 1;)

migrate: venv
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

static: venv
	$(PY) manage.py collectstatic --noinput --verbosity 0

# Served by gunicorn with DEBUG off, as in production but over plain http on the loopback address. The two worker
# processes share one cache folder (unless CACHE_URL names another), so a rate limit counts across both. One extra
# process, huey's consumer, runs the daily work by itself (fazhi/backup/tasks.py: the period sweep, the dishonest
# list's sweep, the journal checkpoint) from its SQLite queue in var/ (Redis where REDIS_URL is set); it stops with
# the server.
run: venv system-packages seed static
	@echo "法治 Fazhi 已启动 / serving on http://127.0.0.1:$(PORT)/  (工作人员登录 /staff/ · 接口 /api/v1/ · Ctrl-C 停止)"
	@export CACHE_URL="$${CACHE_URL:-file://$(CURDIR)/var/cache}"; \
	$(PY) manage.py run_huey --workers 1 --quiet & huey_pid=$$!; \
	trap 'kill $$huey_pid 2>/dev/null; wait $$huey_pid 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn fazhi.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile - --log-level warning

test: venv test-system-packages lint types imports migrations-check pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: venv
	$(VENV)/bin/mypy .

imports: venv
	$(VENV)/bin/lint-imports

migrations-check: venv
	$(PY) manage.py makemigrations --check --dry-run

pytest: venv
	$(VENV)/bin/pytest

bench: venv
	$(PY) bench/bench_calendar.py
	$(PY) bench/bench_journal.py
	$(PY) bench/bench_cases.py
	$(PY) bench/bench_documents.py
	$(PY) bench/bench_supervision.py
	$(PY) bench/bench_portal.py
	$(MAKE) bench-scale

# 10,000,000 cases on PostgreSQL (built once — 40 minutes on a busy 2-core machine — then reused; BENCH_DATABASE_URL
# names the server, default postgres://postgres@127.0.0.1:5432/postgres): the hot reads beside bare SQL, then a 60 s
# mixed load. Fails with a clear message when PostgreSQL cannot be reached. docs/performance.md has the figures.
bench-scale: venv
	$(PY) bench/bench_scale.py

docs: venv
	$(PY) manage.py procedure_table --write docs/architecture.md

reset-local-db:
	rm -f var/fazhi.sqlite3 var/fazhi.sqlite3-wal var/fazhi.sqlite3-shm

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache
