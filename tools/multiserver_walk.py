"""The browser walk of the CI leg "more than one machine" (.ci/multiserver, docs/deployment.md).

Run only by .ci/multiserver, which starts PostgreSQL's database, two gunicorn servers, one huey consumer and nginx, and
passes in the environment: FAZHI_MS_URL (nginx), FAZHI_MS_KILL_PGID (the process group of the server to kill),
FAZHI_MS_KILLED and FAZHI_MS_SURVIVOR (their addresses as nginx's log names them), FAZHI_MS_ACCESS_LOG (nginx's log,
one line a request: method, path, status, [upstream addresses tried], [their statuses]), and the settings the servers
run with (DATABASE_URL, REDIS_URL, FAZHI_EVIDENCE_DIR, ...), so that this process reads the same database.

An inspector and a squad lead sign in, each in a browser of their own; the inspector registers a complaint and uploads
evidence, a member of the public is refused a status lookup once the limit is reached across both servers, and the
lead accepts the case. Then one application server is killed (SIGKILL, with its workers); without signing in again
the inspector uploads more evidence, downloads the first file, proposes a decision, and the lead approves it. At the
end every step is in the case and in the journal exactly once, the journal verifies, both sessions lived through the
kill, nginx passed the dead server's requests to the other and answered no request with an error, and the one huey
consumer worked a task from the shared queue. Prints each check as it passes and closes with "N passed, N failed".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import re
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
django.setup()

from django.db.models import Q  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, FilePayload, Page, expect, sync_playwright  # noqa: E402

from fazhi.backup.tasks import DAILY, run_daily_now  # noqa: E402
from fazhi.cases.models import Case  # noqa: E402
from fazhi.disclosure.models import PublishedCheckpoint  # noqa: E402
from fazhi.evidence.models import EvidenceFile  # noqa: E402
from fazhi.journal.models import Entry  # noqa: E402
from fazhi.rules.identifiers import make_credit_code, make_id_number  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BASE = os.environ["FAZHI_MS_URL"]
KILL_PGID = int(os.environ["FAZHI_MS_KILL_PGID"])
KILLED = os.environ["FAZHI_MS_KILLED"]
SURVIVOR = os.environ["FAZHI_MS_SURVIVOR"]
ACCESS_LOG = Path(os.environ["FAZHI_MS_ACCESS_LOG"])
EVIDENCE_DIR = Path(os.environ["FAZHI_EVIDENCE_DIR"])
STATUS_LIMIT = int(os.environ["FAZHI_STATUS_RATE_LIMIT"])
PASSWORD = "fazhi-demo"  # noqa: S105  (the published demo password of seed_demo)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF_1 = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n% first\n"
PDF_2 = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n% second\n"
LOG_LINE = re.compile(
    r"^(?P<method>\S+) (?P<path>\S+) (?P<status>\d{3}) \[(?P<upstreams>[^\]]*)\] \[(?P<statuses>[^\]]*)\]$"
)

passed: list[str] = []


def check(name: str, condition: bool, detail: str = "") -> None:
    if not condition:
        print(f"FAILED  {name}{': ' + detail if detail else ''}", flush=True)
        print(f"multiserver: {len(passed)} passed, 1 failed", flush=True)
        sys.exit(1)
    passed.append(name)
    print(f"ok      {name}", flush=True)


def log_lines() -> list[dict[str, str]]:
    lines = []
    for raw in ACCESS_LOG.read_text(encoding="utf-8").splitlines():
        match = LOG_LINE.match(raw)
        if match:
            lines.append(match.groupdict())
    return lines


def tried(line: dict[str, str]) -> list[str]:
    """The upstream addresses nginx tried for one request, in order ("a:1, b:2" when it passed the request on)."""
    return [part.strip() for part in line["upstreams"].split(",") if part.strip() and part.strip() != "-"]


class Desk:
    """One person at their own browser: a context of its own, so its own session cookie."""

    def __init__(self, browser: Browser, username: str, spoofed_address: str) -> None:
        # A client may send any X-Forwarded-For: nginx appends the real address, and the application reads only that.
        self.context: BrowserContext = browser.new_context(
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            extra_http_headers={"X-Forwarded-For": spoofed_address},
            accept_downloads=True,
        )
        self.page: Page = self.context.new_page()
        self.username = username

    def log_in(self) -> None:
        page = self.page
        page.goto(f"{BASE}/staff/login/")
        page.get_by_label("用户名").fill(self.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(re.compile(r"/staff/$"))

    def open_case(self, case: Case) -> None:
        self.page.goto(f"{BASE}/staff/cases/{case.pk}/")
        expect(self.page).to_have_url(re.compile(rf"/staff/cases/{case.pk}/$"))  # not sent to the login page
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("案件")

    def take(self, action: str, button: str, *, state: str) -> None:
        page = self.page
        page.locator(f"#step-{action}").get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".message-success")).to_contain_text(f"已办理“{button}”")
        expect(page.locator(".case-status .state")).to_have_text(state)

    def upload(self, title: str, name: str, content: bytes) -> None:
        page = self.page
        page.get_by_label("证据名称").fill(title)
        page.get_by_label("证据种类").select_option(label="书证")
        page.get_by_label("文件", exact=True).set_input_files(
            files=FilePayload(name=name, mimeType="application/pdf", buffer=content)
        )
        page.get_by_role("button", name="上传证据").click()
        expect(page.locator("#evidence table")).to_contain_text(title)


def register(desk: Desk) -> Case:
    page = desk.page
    page.goto(f"{BASE}/staff/cases/new/")
    expect(page.get_by_role("heading", name="登记案件", level=1)).to_be_visible()
    page.get_by_label("案件来源").select_option(label="投诉")
    page.get_by_label("用人单位名称").fill("深圳市福田区多机部署电子有限公司")
    page.get_by_label("统一社会信用代码").fill(make_credit_code(random.Random(16)))
    page.get_by_label("用人单位地址").fill("深圳市福田区华强北路 16 号")
    page.get_by_label("法定代表人").fill("钱某")
    page.get_by_label("投诉（举报）人姓名").fill("周小燕")
    page.get_by_label("联系电话（手机）").fill("13912345678")
    page.get_by_label("居民身份证号码").fill(make_id_number(random.Random(1), birth=dt.date(1992, 5, 17)))
    page.get_by_label("案情摘要").fill("该公司拖欠周小燕 2 个月工资，多次催讨未果。")
    page.get_by_label("第 1 行劳动者姓名").fill("周小燕")
    page.get_by_label("第 1 行拖欠金额（元）").fill("12600")
    page.get_by_label("协办人").select_option(label="李娜（福田区劳动监察大队第一中队）")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("已登记案件")
    expect(page.locator(".case-status .state")).to_have_text("待受理")
    return Case.objects.get()


def lookups_refused_at_the_limit_across_both_servers(browser: Browser) -> None:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    statuses = []
    for attempt in range(STATUS_LIMIT + 1):
        page.set_extra_http_headers({"X-Forwarded-For": f"198.51.100.{attempt + 1}"})  # a new address each time
        page.goto(f"{BASE}/complaints/status/")
        page.get_by_label("查询码").fill(f"NOSUCHCODE{attempt}")
        page.get_by_label("手机号码").fill("13912345678")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="查询").click()
        statuses.append(answer.value.status)
    expect(page.get_by_role("alert")).to_contain_text("提交过于频繁")
    context.close()
    check(
        f"the status lookup limit ({STATUS_LIMIT} an hour) counts across both servers, by the proxy's address",
        statuses == [404] * STATUS_LIMIT + [429],
        f"answers {statuses}",
    )
    served = {address for line in log_lines() if line["path"] == "/complaints/status/" for address in tried(line)}
    check("the lookups were served by both application servers", served == {KILLED, SURVIVOR}, f"served by {served}")


def step_entries(case: Case) -> list[Entry]:
    """The journal entries of the case's steps and of its evidence files, oldest first."""
    evidence = [str(pk) for pk in EvidenceFile.objects.filter(case=case).values_list("pk", flat=True)]
    return list(
        Entry.objects.filter(
            Q(object_type="cases.case", object_id=str(case.pk))
            | Q(object_type="evidence.evidencefile", object_id__in=evidence)
        ).order_by("seq")
    )


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        inspector = Desk(browser, "inspector", "203.0.113.7")
        lead = Desk(browser, "lead", "203.0.113.8")
        inspector.log_in()
        lead.log_in()

        case = register(inspector)
        inspector.upload("工资表（复印件）", "wages.pdf", PDF_1)
        for _ in range(4):  # a few pages more, so that both servers have served the inspector's session
            inspector.open_case(case)
        staff_pages = [line for line in log_lines() if line["path"].startswith("/staff/cases/")]
        served = {tried(line)[-1] for line in staff_pages if line["status"] == "200"}
        check("before the kill, both servers served the inspector's signed-in pages", served == {KILLED, SURVIVOR})

        lookups_refused_at_the_limit_across_both_servers(browser)

        lead.open_case(case)
        lead.take("accept", "受理并立案", state="调查取证")

        # One application server dies with its workers, between two steps.
        lines_before_kill = len(log_lines())
        os.killpg(KILL_PGID, signal.SIGKILL)
        time.sleep(0.5)
        print(f"killed  the application server at {KILLED} (SIGKILL to process group {KILL_PGID})", flush=True)

        # The same browsers, not signed in again.
        inspector.open_case(case)
        inspector.upload("考勤记录（复印件）", "attendance.pdf", PDF_2)
        with inspector.page.expect_download() as download:
            inspector.page.locator("#evidence").get_by_role("link", name="wages.pdf").click()
        downloaded = Path(download.value.path()).read_bytes()
        check("after the kill, the evidence uploaded before it downloads whole (shared storage)", downloaded == PDF_1)

        form = inspector.page.locator("#step-propose")
        form.get_by_label("拟处理意见").select_option(label="行政处理决定（责令支付）")
        form.get_by_label("违法行为", exact=True).select_option("lbjc26_1_wage_arrears")
        form.get_by_label("查明的违法事实").fill("经查，该公司拖欠周小燕 2 个月工资共 12,600 元。")
        form.get_by_label("违法行为发生日期").fill((dt.date.today() - dt.timedelta(days=40)).isoformat())
        form.get_by_label("处理意见的理由和依据").fill("依据《劳动保障监察条例》第二十六条，事实清楚，拟责令限期支付。")
        inspector.take("propose", "提出处理意见", state="审查")

        lead.open_case(case)
        lead.take("approve_proposal_to_notice", "审查通过（告知当事人）", state="告知")
        browser.close()

    after_kill = log_lines()[lines_before_kill:]
    passed_on = [line for line in after_kill if tried(line)[:1] == [KILLED] and len(tried(line)) > 1]
    check(
        "nginx passed the dead server's requests to the other one",
        bool(passed_on) and all(tried(line)[-1] == SURVIVOR for line in passed_on),
        f"{len(after_kill)} requests after the kill",
    )
    check(
        "every request after the kill was answered by the surviving server",
        all(tried(line)[-1] == SURVIVOR for line in after_kill if tried(line)),
    )
    errors = [line for line in log_lines() if line["status"].startswith("5")]
    check("nginx answered no request with an error (no 502, no 504)", not errors, f"{errors[:3]}")

    case.refresh_from_db()
    check("the case stands where the last step left it (告知)", case.state == "notice", case.state)
    expected = [
        "cases.register",
        "evidence.add",
        "cases.accept",
        "evidence.add",
        "cases.propose",
        "cases.approve_proposal_to_notice",
    ]
    entries = step_entries(case)
    actual = [(entry.action, entry.outcome) for entry in entries]
    check(
        "every step is in the journal exactly once, in order",
        actual == [(action, "success") for action in expected],
        f"{actual}",
    )
    addresses = {entry.ip for entry in entries}
    check(
        "the journal records the address nginx saw, not the one the browser claimed",
        addresses == {"127.0.0.1"},
        f"{addresses}",
    )
    files = list(EvidenceFile.objects.filter(case=case).order_by("pk"))
    stored = [hashlib.sha256((EVIDENCE_DIR / item.stored_name).read_bytes()).hexdigest() for item in files]
    check(
        "both evidence files are stored once, in the shared folder, as uploaded",
        [item.sha256 for item in files] == stored == [hashlib.sha256(c).hexdigest() for c in (PDF_1, PDF_2)],
    )

    result = run_daily_now()
    done = result.get(blocking=True, timeout=120)
    check(
        "the one huey consumer worked the daily commands from the queue in Redis",
        done == list(DAILY) and PublishedCheckpoint.objects.exists(),
        f"{done}",
    )
    verify = subprocess.run(  # noqa: S603  (our own command, fixed arguments)
        [sys.executable, str(ROOT / "manage.py"), "verify_journal"], capture_output=True, text=True, check=False
    )
    check("manage.py verify_journal finds the journal whole", verify.returncode == 0, verify.stdout + verify.stderr)
    print(f"multiserver: {len(passed)} passed, 0 failed", flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception:  # a step that did not happen in the browser (a timeout), or a server that did not answer
        traceback.print_exc()
        print(f"multiserver: {len(passed)} passed, 1 failed", flush=True)
        sys.exit(1)
