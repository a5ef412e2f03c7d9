"""The bureau answers an administrative reconsideration in a real browser (Debian's Chromium through Playwright).

The 20,000-yuan penalty on 深圳市福田区华强电子有限公司 was decided and published on Monday 2026-03-09 (built with the
actions, conftest.py). The company applied to the 深圳市福田区人民政府 on 03-20, which accepted on 03-25; the bureau
received the copy on Friday 03-27. The legal reviewer registers it from the case page; the answer is due in 10 working
days, on Monday 04-13 across 清明 (行政复议法 第四十八条). The collective discussion on 03-31, the leader's approval,
the 行政复议答复书 and the answer on 04-01; the government revokes the penalty on 04-20, served on 04-22: the published
decision must be withdrawn within 3 working days, by 04-27 (行政处罚法 第四十八条第二款): recording the outcome opens
that period by itself, nobody registers the change on the disclosure form. Screenshots go to the shots directory
(remedies-*.png) for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import CST
from fazhi.disclosure.models import PublishedDecision
from fazhi.remedies.models import Reconsideration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOVERNMENT = "深圳市福田区人民政府"
APPLICANT = "深圳市福田区华强电子有限公司"


@contextmanager
def morning(day: dt.date) -> Iterator[None]:
    """The clock runs from 09:00 of `day` (the server's thread reads it too)."""
    with time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=CST), tick=True):
        yield


class Desk:
    """A persona at the staff application; each day starts with a fresh login (the session's idle timeout)."""

    def __init__(self, page: Page, base: str, shots: str) -> None:
        self.page, self.base, self.shots = page, base, shots

    def log_in(self, username: str) -> None:
        page = self.page
        page.context.clear_cookies()
        page.goto(f"{self.base}/staff/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PERSONA_PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(re.compile(r"/staff/$"))

    def shot(self, name: str) -> None:
        self.page.screenshot(path=f"{self.shots}/remedies-{name}.png", full_page=True)

    def take(self, action: str, label: str) -> None:
        page = self.page
        page.locator(f"#step-{action}").get_by_role("button", name=label, exact=True).click()
        expect(page.locator(".message-success")).to_contain_text(f"已办理：{label}。")

    def no_codes(self, part: str = "main") -> None:
        """No English, no internal code and no setting's name in the page's `part` (the record pages are all words;
        the case page has a credit code and hashes, so only its sections of remedies and disclosure are read)."""
        body = self.page.locator(part).inner_text()
        assert not re.search(r"[A-Za-z_]{4,}", body.replace("PDF", "").replace("Word", "")), body


def test_the_legal_reviewer_answers_a_reconsideration_and_the_revoked_penalty_must_be_withdrawn(
    live_server: Any, page: Page, shots_dir: str, published: PublishedDecision, legal: User, leader: User
) -> None:
    case = Case.objects.get(pk=published.case_id)
    page.set_viewport_size({"width": 1280, "height": 900})
    desk = Desk(page, str(live_server.url), shots_dir)

    # 03-27: the copy arrives; the legal reviewer registers the reconsideration from the case page.
    with morning(dt.date(2026, 3, 27)):
        desk.log_in("legal")
        page.goto(f"{desk.base}/staff/cases/{case.pk}/")
        remedies = page.locator("#remedies")
        expect(remedies).to_contain_text("行政复议与行政诉讼")
        remedies.get_by_role("link", name="登记行政复议").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("登记行政复议")
        expect(page.get_by_label("被申请复议的决定")).to_contain_text("第1项决定（2026-03-09）")
        expect(page.get_by_label(re.compile("^行政复议机关"))).to_have_value(GOVERNMENT)
        # The ordinary procedure: 10 working days (第四十八条); the simple one, 5 (第五十四条), stays unticked.
        expect(page.get_by_label("适用简易程序（第五十三条；5个工作日内答复，第五十四条）")).not_to_be_checked()
        page.get_by_label("申请人", exact=True).fill(APPLICANT)
        page.get_by_label("复议请求").fill("撤销行政处罚决定。")
        page.get_by_label("申请日期").fill("2026-03-20")
        page.get_by_label("收到申请书副本（答复通知书）日期").fill("2026-03-27")
        # The acceptance date is missing: the form comes back in Chinese with what was typed.
        page.get_by_role("button", name="登记行政复议").click()
        expect(page.get_by_role("alert")).to_contain_text("请按提示更正后再提交")
        expect(page.get_by_label("申请人", exact=True)).to_have_value(APPLICANT)
        expect(page.get_by_label("复议请求")).to_have_value("撤销行政处罚决定。")
        expect(page.get_by_label("申请日期")).to_have_value("2026-03-20")
        expect(page.locator(".field-error")).to_have_count(1)
        expect(page.locator(".field-error")).to_contain_text("必填")
        desk.shot("register-error")
        desk.no_codes()
        page.get_by_label("受理日期").fill("2026-03-25")
        page.get_by_role("button", name="登记行政复议").click()
        expect(page).to_have_url(re.compile(r"/staff/remedies/reconsideration/\d+/$"))
        expect(page.locator(".message-success")).to_have_text("已登记行政复议，书面答复期限开始计算。")
        expect(page.get_by_role("heading", level=1)).to_have_text("行政复议：答复中")
        facts = page.get_by_role("region", name="基本情况")
        expect(facts).to_contain_text("被申请复议的决定")
        expect(facts).to_contain_text(GOVERNMENT)
        answer = page.get_by_role("row").filter(has_text="行政复议书面答复期限")
        expect(answer).to_contain_text("2026-03-27")
        expect(answer).to_contain_text("2026-04-13")
        expect(answer).to_contain_text("第四十八条")
        desk.shot("registered")
        desk.no_codes()
        record_url = page.url

    # 03-31: the collective discussion; the leader finds the record in the list and approves the answer.
    with morning(dt.date(2026, 3, 31)):
        desk.log_in("legal")
        page.goto(f"{desk.base}/staff/cases/{case.pk}/")
        page.locator("#remedies").get_by_role("link", name=f"行政复议（{GOVERNMENT}）：答复中").click()
        expect(page).to_have_url(record_url)
        discussion = page.locator("#step-record_discussion")
        discussion.get_by_label("集体讨论日期").fill("2026-03-31")
        discussion.get_by_label("集体讨论纪要（参加人员、意见和结论）").fill(
            "参加：局长、法制审核员、承办人。意见：处罚事实清楚、证据确凿、程序合法。结论：同意答复，请求维持。"
        )
        desk.take("record_discussion", "记录集体讨论")
        expect(page.locator("main")).to_contain_text("2026-03-31：参加：局长")
        desk.log_in("leader")
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="复议诉讼").click()
        row = page.get_by_role("row").filter(has_text=APPLICANT)
        expect(row).to_contain_text("答复中")
        expect(row).to_contain_text("2026-04-13")
        desk.shot("list")
        desk.no_codes()
        row.get_by_role("link", name=APPLICANT).click()
        expect(page).to_have_url(record_url)
        desk.take("approve_answer", "批准行政复议答复")
        expect(page.get_by_role("heading", level=1)).to_have_text("行政复议：答复已批准")
        expect(page.get_by_role("region", name="基本情况")).to_contain_text("负责人批准")
        desk.shot("approved")
        desk.no_codes()

    # 04-01: the legal reviewer issues the 行政复议答复书 and submits the answer.
    with morning(dt.date(2026, 4, 1)):
        desk.log_in("legal")
        page.goto(record_url)
        issue = page.locator("#issue-reconsideration_answer")
        request = issue.get_by_label("答复请求")
        expect(request).to_have_value("请求复议机关依法维持被申请人作出的行政行为")
        box = request.bounding_box()
        assert box is not None
        assert box["width"] > 600  # the form's width, so the request is read whole
        expect(issue.get_by_label("更正理由")).to_have_count(0)  # nothing to correct yet
        issue.get_by_label("法定代表人（负责人）姓名及职务").fill("张局长 局长")
        issue.get_by_label(re.compile("^答复意见：")).fill(
            "被申请人认定的事实清楚，证据确凿。\n适用依据正确，程序合法，处罚适当。"
        )
        issue.get_by_role("button", name="制发行政复议答复书", exact=True).click()
        expect(page.locator(".message-success")).to_contain_text("已制发行政复议答复书")
        expect(issue.get_by_role("button", name="重新制发行政复议答复书", exact=True)).to_be_visible()
        expect(issue.get_by_label("更正理由")).to_be_visible()
        link = page.get_by_role("link", name="PDF")
        expect(link).to_have_count(1)
        href = link.get_attribute("href")
        assert href is not None
        response = page.request.get(f"{desk.base}{href}")
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body()[:5] == b"%PDF-"
        submit = page.locator("#step-submit_answer")
        submit.get_by_label("提交书面答复及证据、依据日期").fill("2026-04-01")
        desk.take("submit_answer", "提交行政复议答复及证据")
        expect(page.get_by_role("heading", level=1)).to_have_text("行政复议：已答复，待复议决定")
        expect(page.get_by_role("row").filter(has_text="行政复议书面答复期限")).to_contain_text("2026-04-01")
        desk.shot("answered")
        desk.no_codes()

    # 04-22: the decision of 04-20 revokes the penalty; the case page says to withdraw the publication.
    with morning(dt.date(2026, 4, 22)):
        desk.log_in("legal")
        page.goto(record_url)
        outcome = page.locator("#step-record_outcome")
        outcome.get_by_label("行政复议决定", exact=True).select_option(label="撤销")
        outcome.get_by_label("复议决定日期").fill("2026-04-20")
        outcome.get_by_label("送达当事人日期").fill("2026-04-22")
        outcome.get_by_label("行政复议决定书文号").fill("福府行复〔2026〕15号")
        desk.take("record_outcome", "登记行政复议决定")
        expect(page.get_by_role("heading", level=1)).to_have_text("行政复议：复议决定已送达")
        expect(page.locator("main")).to_contain_text("撤销（福府行复〔2026〕15号，2026-04-20 作出，2026-04-22 送达）")
        desk.shot("revoked")
        desk.no_codes()
        page.get_by_role("link", name=re.compile("^案件 ")).click()
        expect(page.locator("#remedies")).to_contain_text("决定已被撤销，不再按原决定履行或执行")
        expect(page.locator("#disclosure")).to_contain_text("应于 2026-04-27 前撤回公示")
        expect(page.locator("#disclosure")).to_contain_text("第四十八条")
        withdrawal = page.get_by_role("row").filter(has_text="撤回已公开行政处罚决定信息期限（3 个工作日）")
        expect(withdrawal).to_contain_text("2026-04-22")
        expect(withdrawal).to_contain_text("2026-04-27")
        expect(withdrawal).to_contain_text("进行中")
        desk.shot("case-withdrawal")
        desk.no_codes("#remedies")
        desk.no_codes("#disclosure")

    record = Reconsideration.objects.get()
    assert record.outcome == "revoked"
    assert case.periods.filter(code="publication_withdrawal", state="running").count() == 1
