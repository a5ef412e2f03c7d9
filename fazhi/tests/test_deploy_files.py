"""The shipped nginx configuration (deploy/nginx/, docs/deployment.md) agrees with what the application expects, and
CI runs the leg that starts it in front of two servers (.ci/multiserver)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PROXY = (ROOT / "deploy" / "nginx" / "fazhi-proxy.conf").read_text(encoding="utf-8")
SITE = (ROOT / "deploy" / "nginx" / "fazhi.conf").read_text(encoding="utf-8")


def directives(text: str, name: str) -> list[str]:
    """The arguments of every `name ...;` line, comments left out."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line.removeprefix(name).rstrip(";").strip() for line in lines if re.match(rf"{name}\s", line)]


def test_nginx_appends_the_client_address_right_most_where_behind_the_proxy_reads_it():
    """fazhi.journal.request.client_ip takes the right-most X-Forwarded-For hop: nginx must append, never replace
    with what the client sent ($http_x_forwarded_for) nor leave it out."""
    headers = dict(value.split(None, 1) for value in directives(PROXY, "proxy_set_header"))
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert headers["Host"] == "$http_host"  # with its port: Django compares it with the Origin of a POST


def test_the_proxy_takes_the_largest_evidence_file_the_application_accepts():
    (size,) = directives(PROXY, "client_max_body_size")
    assert size.endswith("m")
    assert int(size[:-1]) * 1024 * 1024 >= settings.FAZHI_EVIDENCE_MAX_BYTES + 1024 * 1024


def test_a_request_that_reached_a_server_is_never_sent_to_a_second_one_unless_idempotent():
    (next_upstream,) = directives(PROXY, "proxy_next_upstream")
    assert set(next_upstream.split()) == {"error", "timeout"}
    assert not directives(SITE, "keepalive")  # a kept connection to a killed server would take the next POST


def test_the_site_has_two_application_servers_behind_tls_and_includes_the_shipped_proxy_settings():
    upstream = SITE.split("upstream fazhi_app {", 1)[1].split("}", 1)[0]
    assert len(directives(upstream, "server")) >= 2
    assert directives(SITE, "include") == ["/etc/nginx/snippets/fazhi-proxy.conf"]
    assert "443 ssl http2" in directives(SITE, "listen")


def test_ci_runs_the_multiserver_leg_after_the_postgresql_tests_with_the_shipped_proxy_settings():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.index('DATABASE_URL="$PG_URL" .venv/bin/pytest') < run.index("bash .ci/multiserver")
    leg = (ROOT / ".ci" / "multiserver").read_text(encoding="utf-8")
    assert "include $ROOT/deploy/nginx/fazhi-proxy.conf;" in leg
    assert "FAZHI_BEHIND_PROXY=true" in leg
    assert "os.killpg(KILL_PGID, signal.SIGKILL)" in (ROOT / "tools" / "multiserver_walk.py").read_text()
