"""A worker's complaint about a Futian employer, from the public form to the archive under procedure v2, in a real
browser: the Futian lead accepts it (the filing), the inspectors propose a warning and a fine, the legal reviewer
passes it, the notice is served and the party waives in writing, the Futian bureau's leader decides, the decision is
issued, served, paid, filed with the superior, closed and archived. The decision PDF is rendered to an image for a
person to look at (/tmp/fazhi-shots/futian-decision-*.png) and read here as a lawful decision of the Futian bureau.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.cases.models import Case
from fazhi.documents.models import Document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MORNING = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
# 劳动保障监察条例 第二十五条: "给予警告，责令限期改正，并可以按照受侵害的劳动者每人100元以上500元以下的标准计算，
# 处以罚款".
OVERTIME = "lbjc25_overtime_excess"


@pytest.fixture
def running_clock() -> Iterator[None]:
    with time_machine.travel(MORNING, tick=True):
        yield


class Desk:
    """A persona at the staff application."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base

    def log_in(self, username: str) -> None:
        page = self.page
        page.goto(f"{self.base}/staff/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PERSONA_PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(re.compile(r"/staff/$"))

    def log_out(self) -> None:
        self.page.get_by_role("button", name="退出登录").click()

    def open_case(self, pk: int) -> None:
        self.page.goto(f"{self.base}/staff/cases/{pk}/")

    def take(self, action: str, button: str, *, state: str) -> None:
        page = self.page
        page.locator(f"#step-{action}").get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".message-success")).to_contain_text(f"已办理“{button}”")
        expect(page.locator(".case-status .state")).to_have_text(state)


def test_a_futian_complaint_is_decided_with_a_warning_and_a_fine_in_the_futian_bureaus_name(
    live_server,
    page: Page,
    shots_dir: str,
    org,
    inspector: User,
    inspector2: User,
    lead: User,
    legal: User,
    leader: User,
    running_clock: None,
    tmp_path: Path,
    settings: Any,
    captcha_answer: str,
) -> None:
    # The test organisation's intake units (the demo's are SZ-…): Futian's brigade, the city.
    settings.FAZHI_INTAKE_UNITS = {"440304": "T-FT-JC"}
    settings.FAZHI_INTAKE_DEFAULT_UNIT = "T-SZ"
    page.set_viewport_size({"width": 1280, "height": 900})
    # 投诉: a worker files the complaint on the public portal.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="投诉举报").first.click()
    page.get_by_label("投诉（本人的劳动保障权益受到侵害）").check()
    page.get_by_role("textbox", name="姓名", exact=True).fill("周小燕")
    page.get_by_role("textbox", name="身份证号码", exact=True).fill("440304199001011233")
    page.get_by_role("textbox", name="手机号码", exact=True).fill("13912345678")
    page.get_by_role("textbox", name="用人单位名称", exact=True).fill("深圳市福田区华强精密电子有限公司")
    page.get_by_role("textbox", name="用人单位地址（用工所在地）", exact=True).fill("深圳市福田区华强北路100号")
    page.get_by_role("textbox", name="事实与诉求", exact=True).fill(
        "公司今年一月、二月每月安排我们三人加班六十多个小时，超过法定上限，请依法查处。"
    )
    page.get_by_role("textbox", name="请输入图中的字符").fill(captcha_answer)  # the form's human check (ADR 0020)
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", name="您的投诉已收到")).to_be_visible()
    case = Case.objects.get()
    assert case.unit.path.startswith(org.futian.path)

    desk = Desk(page, live_server.url)
    # 受理并立案 (广东省劳动保障监察条例 第三十六条): the Futian lead accepts and assigns the two inspectors.
    desk.log_in("lead")
    desk.open_case(case.pk)
    form = page.locator("#step-accept")
    form.get_by_label("主办人").select_option(label="张伟（福田区劳动监察大队第一中队）")
    form.get_by_label("协办人").select_option(label="李娜（福田区劳动监察大队第一中队）")
    desk.take("accept", "受理并立案", state="调查取证")
    desk.log_out()

    # 处理意见: a warning and a fine for three workers (劳动保障监察条例 第二十五条).
    desk.log_in("inspector")
    desk.open_case(case.pk)
    form = page.locator("#step-record_investigation")
    form.get_by_label("笔录种类").select_option(label="调查询问")
    form.get_by_label("询问（检查）日期").fill("2026-03-09")
    form.get_by_label("地点").fill("福田区人力资源局第二询问室")
    form.get_by_label("被询问人（现场负责人）姓名及职务").fill("钱某（人事经理）")
    form.get_by_label("询问（检查）情况（问答或检查所见）").fill(
        "问：一月、二月每月安排加班多少小时？\n答：生产线每月加班约六十二小时，考勤记录可以证明。"
    )
    desk.take("record_investigation", "记录调查询问或现场检查", state="调查取证")
    form = page.locator("#step-propose")
    form.get_by_label("拟处理意见").select_option(label="行政处罚")
    form.get_by_label("违法行为", exact=True).select_option(OVERTIME)
    form.get_by_label("查明的违法事实").fill(
        "经查，该公司 2026 年 1 月至 2 月安排周小燕等 3 名劳动者每月加班 62 小时，超过每月 36 小时的法定上限。"
    )
    form.get_by_label("违法行为发生日期").fill("2026-01-05")
    form.get_by_label("警告", exact=True).check()
    form.get_by_label("拟罚款金额（元）").fill("900")
    form.get_by_label("受侵害的劳动者人数").fill("3")
    form.get_by_label("处理意见的理由和依据").fill("依据《劳动保障监察条例》第二十五条，拟给予警告，并处罚款 900 元。")
    desk.take("propose", "提出处理意见", state="审查")
    desk.log_out()
    desk.log_in("lead")
    desk.open_case(case.pk)
    desk.take("approve_proposal", "审查通过（送法制审核）", state="法制审核")
    desk.log_out()
    desk.log_in("legal")
    desk.open_case(case.pk)
    desk.take("pass_legal_review", "法制审核通过", state="告知")
    desk.log_out()

    # 告知 (行政处罚法 第四十四条、第六十四条): served in person today; the party waives in writing.
    desk.log_in("inspector")
    desk.open_case(case.pk)
    form = page.locator("#step-serve_notice")
    form.get_by_label("告知书送达方式").select_option(label="直接送达")
    form.get_by_label("当事人收到告知书的日期").fill("2026-03-09")
    desk.take("serve_notice", "登记告知书送达", state="告知")
    form = page.locator("#step-close_notice")
    form.get_by_label("当事人书面明确放弃陈述申辩和听证").check()
    form.get_by_label("书面放弃声明（名称、签署日期）").fill(
        "《放弃陈述、申辩和听证权利声明书》（2026 年 3 月 9 日签署）"
    )
    desk.take("close_notice", "告知期满（陈述申辩已听取）", state="待决定")
    desk.log_out()

    # 决定 (行政处罚法 第五十七条): the Futian bureau's leader.
    desk.log_in("leader")
    desk.open_case(case.pk)
    page.locator("#step-decide").get_by_label("履行（改正）期限").fill("2026-03-31")
    desk.take("decide", "作出决定", state="送达")
    expect(page.locator("#decisions-title")).to_be_visible()
    expect(page.locator("body")).to_contain_text("警告；罚款人民币 900.00 元")
    desk.log_out()

    # 制发 and 送达: the inspector issues the decision, serves it, and the employer pays.
    desk.log_in("inspector")
    desk.open_case(case.pk)
    page.locator("#issue-penalty_decision").get_by_role("button").click()
    expect(page.locator(".case-documents")).to_contain_text("行政处罚决定书")
    page.locator("#step-serve").get_by_label("送达方式").select_option(label="直接送达")
    page.locator("#step-serve").get_by_label("送达日期").fill("2026-03-09")
    desk.take("serve", "送达", state="履行与执行")
    desk.take("file_with_superior", "报上一级部门备案", state="履行与执行")
    form = page.locator("#step-record_fine_payment")
    form.get_by_label("支付（缴纳）日期").fill("2026-03-09")
    form.get_by_label("金额（元）").fill("900.00")
    desk.take("record_fine_payment", "登记罚款缴纳", state="履行与执行")
    desk.take("record_performance", "履行完毕", state="结案审批")
    desk.log_out()
    desk.log_in("lead")
    desk.open_case(case.pk)
    desk.take("approve_closing", "批准结案", state="结案")
    desk.log_out()
    desk.log_in("inspector")
    desk.open_case(case.pk)
    desk.take("archive", "归档", state="归档")
    page.screenshot(path=f"{shots_dir}/futian-walk-archived.png", full_page=True)

    # The decision as the party received it: render it and read it.
    decision = Document.objects.filter(case=case, doc_type="penalty_decision").order_by("-version").first()
    assert decision is not None
    pdf = tmp_path / "decision.pdf"
    pdf.write_bytes(decision.pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), f"{shots_dir}/futian-decision"], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "深圳市福田区人力资源局" in flat or "福田区人力资源局" in flat
    assert "福田区人民政府" in flat  # the reconsideration organ (行政复议法 第二十四条第一款第（一）项)
    assert "深圳市人民政府申请行政复议" not in flat
    assert "超过每月36小时的法定上限" in flat  # the facts the decision found, not the complaint
    assert "拟" not in flat.split("违法事实", 1)[-1][:40]
    assert "警告" in flat
    assert "罚款人民币900.00元" in flat or "罚款人民币900元" in flat
    assert "《劳动保障监察条例》第二十五条" in flat
    assert "责令" in flat  # the order to correct (行政处罚法 第二十八条第一款)
