"""How fast the public portal serves its list of penalty decisions under load, beside a minimal Django JSON view served
by the same server in the same run (issue 7: the list page at least half the baseline's requests per second).

    .venv/bin/python bench/bench_portal.py [--decisions N] [--duration S] [--rounds R] [--connections C] [--keep]

1. Builds a SQLite database with N published decisions (default 100,000): realistic Chinese employer names, credit
   codes with their check characters, dates over ten years, 1 % withdrawn; bulk-loaded with their name-search tokens
   (a benchmark fixture, not the publishing action), and collects the static files. With --keep the database is kept
   in bench/.data/portal-N/ and reused by a later run with --keep and the same N.
2. Serves the application from a separate process on loopback, as `make run` does: gunicorn, 2 workers × 4 threads,
   DEBUG off, the production settings and URLs plus one bench-only URL, `/bench/ok`, a view that returns
   `JsonResponse({"ok": True})` through the same middleware (bench/bench_portal_settings.py and bench_portal_urls.py;
   no access log, for either).
3. Loads it from another separate process (this script with --load: C threads, each with its own keep-alive
   http.client connection), for each URL in turn: a warm-up, then a fixed duration counted; R rounds, taking turns, and
   the median of the rounds reported. The URLs: the baseline; `/decisions/` (the first page of the list, as the public
   gets it); `/decisions/?page=2000`; a 2-character search `/decisions/?q=科技`. Each with its requests per second,
   its ratio to the baseline and p50/p95 latency; PASS or FAIL for the list page (target: ratio ≥ 0.5).
4. For information, in this process through Django's test client: the same pages made afresh (the portal cache
   emptied before each request), p50/p95 — what a request costs the first time after a publication.

Exits 0 whatever the timings (a measurement, not a test); exits 1 if a page does not answer 200 with its content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(ROOT))

TARGET = 0.5
SEARCH = "科技"
PAGES = (
    ("baseline", "最小 JSON 视图 /bench/ok", "/bench/ok", ""),
    ("list", "公示列表首页 /decisions/", "/decisions/", "共 "),
    ("page", "公示列表第 2000 页", "/decisions/?page=2000", "第 2000/"),
    ("search", f"两字检索 ?q={SEARCH}", f"/decisions/?q={quote(SEARCH)}", "共 "),
)
BATCH = 50_000
FIRST_DAY = dt.date(2016, 1, 4)
LAST_DAY = dt.date(2026, 11, 20)
DISTRICTS = ("福田区", "罗湖区", "南山区", "宝安区", "龙岗区", "盐田区", "龙华区", "坪山区", "光明区")
STREETS = ("深南大道", "滨河大道", "宝安大道", "龙岗大道", "梅林路", "布吉路", "沙河西路", "松白路", "观澜大道")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌鹏辉俊海波宁"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="公众门户负载基准（与最小 Django JSON 视图相比）")
    parser.add_argument("--decisions", type=int, default=100_000, help="公示的处罚决定数（默认 100,000）")
    parser.add_argument("--duration", type=float, default=5.0, help="每轮每个地址的计时秒数（默认 5）")
    parser.add_argument("--warmup", type=float, default=1.0, help="每次计时前的预热秒数（默认 1）")
    parser.add_argument("--rounds", type=int, default=3, help="轮数，取中位数（默认 3）")
    parser.add_argument("--connections", type=int, default=8, help="并发的长连接数（默认 8）")
    parser.add_argument("--runs", type=int, default=10, help="进程内无缓存计时的次数（默认 10）")
    parser.add_argument("--keep", action="store_true", help="保留并复用基准数据库（同一 --decisions）")
    parser.add_argument("--build-only", action="store_true", help="只建立基准数据库（与 --keep 一起用），不计时")
    parser.add_argument("--load", default="", help=argparse.SUPPRESS)  # internal: run as the load generator
    args = parser.parse_args()
    if args.decisions < 2_000 * 20 and not args.load:
        parser.error("--decisions 至少 40000（要有第 2000 页）")
    if args.duration <= 0 or args.rounds < 1 or args.connections < 1 or args.runs < 1:
        parser.error("--duration、--rounds、--connections、--runs 须为正数")
    return args


# --- the load generator (a process of its own) ---------------------------------------------------------------------


def load(url: str, *, duration: float, warmup: float, connections: int) -> dict[str, Any]:
    """GET `url` over `connections` keep-alive connections for warmup + duration seconds; count the last `duration`.

    HTTP/1.1 written and read by hand over a socket (a request line and headers sent, the status and Content-Length
    read back): the load generator shares the machine with the server, so it spends as little as it can."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Language: zh-CN,zh;q=0.9\r\n"
        "User-Agent: fazhi-bench\r\n\r\n"
    ).encode("ascii")
    began = time.perf_counter()
    start, stop = began + warmup, began + warmup + duration
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors: list[str] = []

    def connect() -> socket.socket:
        sock = socket.create_connection((host, port), timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def worker(samples: list[float]) -> None:
        sock, buffer = connect(), b""
        while True:
            sent = time.perf_counter()
            if sent >= stop:
                break
            try:
                sock.sendall(request)
                while b"\r\n\r\n" not in buffer:
                    chunk = sock.recv(65536)
                    if not chunk:
                        raise ConnectionResetError
                    buffer += chunk
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                fields = head.lower().split(b"\r\n")
                status = int(fields[0].split()[1])
                length = next((int(f.split(b":", 1)[1]) for f in fields if f.startswith(b"content-length:")), 0)
                while len(buffer) < length:
                    chunk = sock.recv(65536)
                    if not chunk:
                        raise ConnectionResetError
                    buffer += chunk
                buffer = buffer[length:]
            except OSError:  # the server closed an idle connection: open another
                sock.close()
                sock, buffer = connect(), b""
                continue
            done = time.perf_counter()
            if status != 200:
                errors.append(f"{status} {target}")
                break
            if b"connection: close" in fields:
                sock.close()
                sock, buffer = connect(), b""
            if sent >= start and done <= stop:
                samples.append(done - sent)
        sock.close()

    threads = [threading.Thread(target=worker, args=(samples,)) for samples in latencies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(s for samples in latencies for s in samples)
    return {
        "requests": len(every),
        "rps": len(every) / duration,
        "p50_ms": statistics.median(every) * 1000 if every else 0.0,
        "p95_ms": every[min(len(every) - 1, round(0.95 * len(every)) - 1)] * 1000 if every else 0.0,
        "errors": errors[:3],
    }


def measure(base: str, path: str, args: argparse.Namespace) -> dict[str, Any]:
    """One timed load of `path`, from a new load-generator process."""
    command = [sys.executable, __file__, "--load", base + path, "--duration", str(args.duration)]
    command += ["--warmup", str(args.warmup), "--connections", str(args.connections)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=args.duration * 5 + 60)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


# --- the data -------------------------------------------------------------------------------------------------------


def build(n: int) -> None:
    """N published decisions and their name tokens, bulk-loaded (as the publishing action would have written them)."""
    from bench_cases import INDUSTRIES, SUFFIXES, TRADE_CHARS, Loader, _credit_code
    from django.db import connection

    from fazhi.disclosure.models import PortalGeneration, PublishedDecision, PublishedNameToken
    from fazhi.rules.textsearch import name_bigrams, search_tokens
    from fazhi.rules.violations import all_violations

    rng = random.Random(2026)
    trades = [a + b for a in TRADE_CHARS for b in TRADE_CHARS if a != b]
    violations = [v for v in all_violations() if "罚款" in v.measures]
    span = (LAST_DAY - FIRST_DAY).days
    decisions, tokens = Loader(PublishedDecision), Loader(PublishedNameToken)
    began = time.perf_counter()
    for i in range(n):
        district = rng.choice(DISTRICTS)
        place = f"深圳市{district}" if rng.random() < 0.3 else "深圳市"
        name = f"{place}{rng.choice(trades)}{rng.choice(INDUSTRIES)}{rng.choice(SUFFIXES)}"
        decided_on = FIRST_DAY + dt.timedelta(days=span * i // n)
        published_on = decided_on + dt.timedelta(days=rng.randint(1, 7))
        violation = rng.choice(violations)
        workers = rng.randint(1, 40)
        withdrawn = rng.random() < 0.01
        decisions.add(
            {
                "id": i + 1,
                "case_id": 10_000_000 + i,
                "document_number": f"深人社监罚〔{decided_on.year}〕{i % 9000 + 1}号",
                "case_number": f"深人社监〔{decided_on.year}〕{i % 9000 + 1}号",
                "employer_name": name,
                "credit_code": _credit_code(i),
                "legal_representative": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN)),
                "employer_address": f"深圳市{district}{rng.choice(STREETS)}{rng.randint(1, 3000)}号",
                "violation": violation.name,
                "facts": f"经查，该单位{violation.name}，涉及劳动者{workers}人，经责令改正逾期未改正。",
                "basis": violation.basis,
                "penalty": f"罚款人民币{rng.randint(2, 200) * 1000}元",
                "authority": f"深圳市{district}人力资源局",
                "decided_on": decided_on,
                "published_on": published_on,
                "name_bigrams": name_bigrams(name),
                "withdrawn_on": published_on + dt.timedelta(days=30) if withdrawn else None,
                "withdrawal_reason": "该处罚决定经行政复议被撤销。" if withdrawn else "",
            }
        )
        for token in search_tokens(name):
            tokens.add({"token": token, "decision_id": i + 1, "published_on": published_on})
        if len(tokens.pending) >= BATCH:
            decisions.flush()
            tokens.flush()
    decisions.flush()
    tokens.flush()
    PortalGeneration.objects.update_or_create(pk=1, defaults={"value": 1})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{n:,} 条公示、{tokens.count:,} 个检索词已装载，用时 {time.perf_counter() - began:.0f} 秒")


def loaded(n: int) -> bool:
    from fazhi.disclosure.models import PublishedDecision

    return PublishedDecision.objects.count() == n


# --- the server -----------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(directory: Path, port: int) -> subprocess.Popen[bytes]:
    """gunicorn as `make run` starts it (2 workers × 4 threads), on the bench database, DEBUG off."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_portal_settings",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "fazhi.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"]
    command += ["--log-level", "warning", "--pythonpath", f"{BENCH_DIR},{ROOT}", "--chdir", str(ROOT)]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/ok")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("服务器未能启动")


def check_pages(base: str) -> None:
    """Each page answers 200 with its content (a wrong page would make a fast, meaningless figure)."""
    parts = urlsplit(base)
    for _, label, path, needle in PAGES:
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        body = response.read().decode()
        if response.status != 200 or needle not in body:
            print(f"页面有误：{label} {response.status}")
            sys.exit(1)


# --- in process: the pages made afresh ------------------------------------------------------------------------------


def uncached(runs: int) -> dict[str, tuple[float, float]]:
    from bench_cases import percentiles
    from django.core.cache import caches
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN")
    result = {}
    for key, _, path, _ in PAGES[1:]:
        samples = []
        for _ in range(runs + 1):
            caches["portal"].clear()
            began = time.perf_counter()
            assert client.get(path).status_code == 200
            samples.append(time.perf_counter() - began)
        result[key] = percentiles(samples[1:])
    return result


def rounds(base: str, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """R rounds, the URLs taking turns; each figure the median of its rounds."""
    runs: dict[str, list[dict[str, Any]]] = {key: [] for key, *_ in PAGES}
    for number in range(args.rounds):
        for key, label, path, _ in PAGES:
            result = measure(base, path, args)
            if result["errors"]:
                print(f"页面有误：{label} {result['errors']}")
                sys.exit(1)
            runs[key].append(result)
            print(f"  第 {number + 1} 轮 {label}: {result['rps']:,.0f} 次/秒", flush=True)
    pick: Callable[[str, str], float] = lambda key, name: statistics.median(r[name] for r in runs[key])  # noqa: E731
    return {key: {name: pick(key, name) for name in ("rps", "p50_ms", "p95_ms")} for key in runs}


def report(
    figures: dict[str, dict[str, float]], fresh: dict[str, tuple[float, float]], args: argparse.Namespace
) -> None:
    base = figures["baseline"]["rps"]
    print()
    print(
        f"公众门户负载基准：{args.decisions:,} 条公示，gunicorn 2 进程 × 4 线程，"
        f"{args.connections} 个长连接，每项 {args.rounds} 轮 × {args.duration:g} 秒取中位数"
    )
    print(f"{'':28}{'次/秒':>10}{'与基线之比':>12}{'p50 毫秒':>10}{'p95 毫秒':>10}")
    for key, label, _, _ in PAGES:
        row = figures[key]
        ratio = row["rps"] / base if base else 0.0
        verdict = ""
        if key == "list":
            verdict = "  PASS" if ratio >= TARGET else "  FAIL"
            verdict += f"（目标 ≥ {TARGET}×）"
        print(f"{label:28}{row['rps']:>10,.0f}{ratio:>12.2f}{row['p50_ms']:>10.2f}{row['p95_ms']:>10.2f}{verdict}")
    print()
    print("参考：同一页面每次重新生成（进程内，先清空门户缓存），p50 / p95 毫秒")
    for key, label, _, _ in PAGES[1:]:
        p50, p95 = fresh[key]
        print(f"  {label:28}{p50:>8.1f} / {p95:.1f}")


def main() -> None:
    args = parse_args()
    if args.load:
        figures = load(args.load, duration=args.duration, warmup=args.warmup, connections=args.connections)
        print(json.dumps(figures))
        return
    from bench_cases import setup_django

    with tempfile.TemporaryDirectory(prefix="fazhi-bench-portal-") as tmp:
        directory = Path(tmp)
        if args.keep:
            directory = BENCH_DIR / ".data" / f"portal-{args.decisions}"
            directory.mkdir(parents=True, exist_ok=True)
        database = directory / "bench.sqlite3"
        os.environ["STATIC_ROOT"] = str(directory / "static")
        setup_django(directory, f"sqlite:///{database}")
        from django.conf import settings
        from django.core.management import call_command

        settings.ALLOWED_HOSTS = ["*"]
        if not loaded(args.decisions):
            build(args.decisions)
        if not (directory / "static" / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        if args.build_only:
            return
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"  # the server's (set by setup_django; said again here)
        port = free_port()
        server = serve(directory, port)
        try:
            base = f"http://127.0.0.1:{port}"
            check_pages(base)
            figures = rounds(base, args)
        finally:
            server.terminate()
            server.wait(timeout=30)
        fresh = uncached(args.runs)
        report(figures, fresh, args)


if __name__ == "__main__":
    main()
