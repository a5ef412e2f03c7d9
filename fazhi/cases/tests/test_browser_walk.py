"""One complaint walked from the intake form to the archive in a real browser, each persona logging in through the
login page (Debian's Chromium through Playwright; see the root conftest.py). Screenshots: /tmp/fazhi-shots/cases-*.png.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator

import pytest
import time_machine
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.accounts.testing import PERSONA_PASSWORD
from fazhi.cases.models import Case
from fazhi.journal.models import Entry
from fazhi.rules.identifiers import make_credit_code, make_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A Monday inside the loaded holiday data; the clock runs, so the journal's times move on as the walk goes.
MORNING = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def running_clock() -> Iterator[None]:
    with time_machine.travel(MORNING, tick=True):
        yield


class Walk:
    def __init__(self, page: Page, base: str, shots: str) -> None:
        self.page, self.base, self.shots = page, base, shots

    def shot(self, name: str) -> None:
        self.page.wait_for_load_state()  # the stylesheets too
        width = self.page.evaluate("document.documentElement.scrollWidth")
        viewport = self.page.viewport_size
        assert viewport is None or width <= viewport["width"], f"{name} is {width}px wide: something overflows"
        self.page.screenshot(path=f"{self.shots}/cases-{name}.png", full_page=True)

    def log_in(self, username: str) -> None:
        page = self.page
        page.goto(f"{self.base}/staff/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PERSONA_PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page).to_have_url(re.compile(r"/staff/$"))

    def log_out(self) -> None:
        self.page.get_by_role("button", name="退出登录").click()
        expect(self.page).to_have_url(re.compile(r"/staff/login/$"))

    def open_from_my_work(self, reference: str) -> None:
        page = self.page
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办").click()
        expect(page.get_by_role("heading", name="我的待办", level=1)).to_be_visible()
        page.get_by_role("link", name=reference).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("案件")

    def take(self, action: str, button: str, *, state: str) -> None:
        page = self.page
        page.locator(f"#step-{action}").get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".message-success")).to_contain_text(f"已办理“{button}”")
        expect(page.locator(".case-status .state")).to_have_text(state)


def test_a_complaint_goes_from_the_intake_form_to_the_archive(
    live_server,
    page: Page,
    shots_dir: str,
    inspector: User,
    inspector2: User,
    lead: User,
    leader: User,
    supervisor: User,
    running_clock: None,
) -> None:
    """Procedure v2: the lead's acceptance files the complaint (广东省劳动保障监察条例 第三十六条第一款); the notice's
    service is recorded and the party's written waiver put on file (行政处罚法 第四十四条、第六十二条); the leader,
    the organ's 负责人, decides (第五十七条)."""
    walk = Walk(page, live_server.url, shots_dir)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 登记: the inspector takes a complaint at the counter; a mistyped credit code is caught and nothing is lost.
    walk.log_in("inspector")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办").click()
    expect(page.get_by_text("目前没有等待您办理的案件。")).to_be_visible()
    page.get_by_role("link", name="登记案件").click()
    expect(page.get_by_role("heading", name="登记案件", level=1)).to_be_visible()
    code = make_credit_code(random.Random(2026))
    page.get_by_label("案件来源").select_option(label="投诉")
    page.get_by_label("用人单位名称").fill("深圳市福田区华强精密电子有限公司")
    page.get_by_label("统一社会信用代码").fill(code[:-1] + ("0" if code[-1] != "0" else "1"))
    page.get_by_label("用人单位地址").fill("深圳市福田区华强北路 100 号")
    page.get_by_label("法定代表人").fill("钱某")
    page.get_by_label("投诉（举报）人姓名").fill("周小燕")
    page.get_by_label("联系电话（手机）").fill("13912345678")
    page.get_by_label("居民身份证号码").fill(make_id_number(random.Random(1), birth=dt.date(1992, 5, 17)))
    page.get_by_label("案情摘要").fill("该公司拖欠周小燕等 2 名员工 2026 年 1 月至 2 月工资，多次催讨未果。")
    page.get_by_label("第 1 行劳动者姓名").fill("周小燕")
    page.get_by_label("第 1 行拖欠金额（元）").fill("12600")
    page.get_by_label("第 2 行劳动者姓名").fill("吴大海")
    page.get_by_label("第 2 行拖欠金额（元）").fill("11800.50")
    page.get_by_label("协办人").select_option(label="李娜（福田区劳动监察大队第一中队）")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("登记未完成")
    expect(page.locator(".field-error").first).to_contain_text("校验码")
    expect(page.get_by_label("用人单位名称")).to_have_value("深圳市福田区华强精密电子有限公司")
    expect(page.get_by_label("第 2 行拖欠金额（元）")).to_have_value("11800.50")
    walk.shot("intake-error")
    page.get_by_label("统一社会信用代码").fill(code)
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("已登记案件")
    expect(page.locator(".case-status .state")).to_have_text("待受理")
    expect(page.locator(".workers tfoot")).to_contain_text("24,400.50")
    case = Case.objects.get()
    reference = case.reference
    walk.shot("registered")
    expect(page.locator("#step-accept")).to_have_count(0)  # accepting, which files the case, is the lead's
    walk.log_out()

    # 受理并立案: the lead finds the complaint in their work and accepts it, which files it; it gets its number.
    walk.log_in("lead")
    walk.open_from_my_work(reference)
    walk.take("accept", "受理并立案", state="调查取证")
    case.refresh_from_db()
    assert case.case_number
    assert case.filed_on == dt.date(2026, 3, 9)
    walk.log_out()

    # 审查: the inspector proposes a handling decision ordering the wages paid (no legal review needed by default);
    # the lead approves.
    walk.log_in("inspector")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="我的待办").click()
    expect(page.locator(".case-table")).to_contain_text(case.case_number)
    walk.shot("worklist")
    page.get_by_role("link", name=case.case_number).click()
    form = page.locator("#step-propose")
    form.get_by_label("拟处理意见").select_option(label="行政处理决定（责令支付）")
    form.get_by_label("违法行为", exact=True).select_option("lbjc26_1_wage_arrears")
    form.get_by_label("查明的违法事实").fill("经查，该公司拖欠周小燕、吴大海 2026 年 1 月至 2 月工资共 24,400.50 元。")
    form.get_by_label("违法行为发生日期").fill("2026-02-10")
    form.get_by_label("处理意见的理由和依据").fill("依据《劳动保障监察条例》第二十六条，事实清楚，拟责令限期支付。")
    walk.take("propose", "提出处理意见", state="审查")
    walk.log_out()
    walk.log_in("lead")
    walk.open_from_my_work(case.case_number)
    expect(page.locator("#step-approve_proposal")).to_have_count(0)  # a handling decision needs no legal review
    walk.take("approve_proposal_to_notice", "审查通过（告知当事人）", state="告知")
    walk.log_out()

    # 告知: the notice reaches the party, which waives its statement in writing; the notice closes before the 5 working
    # days are over (劳动保障监察条例 第十九条; 行政处罚法 第六十二条).
    walk.log_in("inspector")
    walk.open_from_my_work(case.case_number)
    form = page.locator("#step-serve_notice")
    form.get_by_label("告知书送达方式").select_option(label="直接送达")
    form.get_by_label("当事人收到告知书的日期").fill("2026-03-09")
    walk.take("serve_notice", "登记告知书送达", state="告知")
    form = page.locator("#step-close_notice")
    form.get_by_label("当事人书面明确放弃陈述申辩和听证").check()
    form.get_by_label("书面放弃声明（名称、签署日期）").fill("放弃陈述申辩声明书（2026 年 3 月 9 日签署）")
    form.get_by_label("说明（可选）").fill("当事人书面声明放弃陈述、申辩的权利。")
    walk.shot("notice")
    walk.take("close_notice", "告知期满（陈述申辩已听取）", state="待决定")
    walk.log_out()

    # 决定: the leader decides, forgetting the deadline first; what was chosen stays.
    walk.log_in("leader")
    walk.open_from_my_work(case.case_number)
    form = page.locator("#step-decide")
    expect(form.get_by_label("处理决定")).to_have_value("handling_decision")
    form.get_by_role("button", name="作出决定").click()
    expect(page.get_by_role("alert")).to_contain_text("请填写履行期限")
    expect(page.locator("#step-decide").get_by_label("处理决定")).to_have_value("handling_decision")
    page.locator("#step-decide").get_by_label("履行（改正）期限").fill("2026-03-20")
    walk.take("decide", "作出决定", state="送达")
    walk.log_out()

    # 送达 and 执行: the inspector serves the decision, files it with the superior department (广东条例 第四十八条),
    # records each worker's wages as paid, and then that the decision was performed.
    walk.log_in("inspector")
    walk.open_from_my_work(case.case_number)
    page.locator("#step-serve").get_by_label("送达方式").select_option(label="直接送达")
    walk.take("serve", "送达", state="履行与执行")
    walk.take("file_with_superior", "报上一级部门备案", state="履行与执行")
    for worker, amount in (("周小燕", "12600"), ("吴大海", "11800.50")):
        form = page.locator("#step-record_wage_payment")
        form.get_by_label("劳动者").select_option(
            label=f"{worker}（应付 {amount if '.' in amount else amount + '.00'} 元，已付 0.00 元）"
        )
        form.get_by_label("金额（元）").fill(amount)
        walk.take("record_wage_payment", "登记工资支付", state="履行与执行")
    expect(page.locator(".workers tfoot")).to_contain_text("24,400.50")
    walk.shot("paid")
    walk.take("record_performance", "履行完毕", state="结案审批")
    walk.log_out()

    # 结案 and 归档.
    walk.log_in("lead")
    walk.open_from_my_work(case.case_number)
    walk.take("approve_closing", "批准结案", state="结案")
    walk.log_out()
    walk.log_in("inspector")
    walk.open_from_my_work(case.case_number)
    walk.take("archive", "归档", state="归档")
    expect(page.get_by_text("当前环节（归档）没有需要您办理的步骤。")).to_be_visible()
    timeline = page.locator(".timeline")
    for label in (
        "登记案件",
        "受理并立案",
        "提出处理意见",
        "审查通过",
        "登记告知书送达",
        "作出决定",
        "送达",
        "批准结案",
        "归档",
    ):
        expect(timeline).to_contain_text(label)
    expect(timeline).to_contain_text("当事人书面声明放弃陈述、申辩的权利。")
    walk.shot("archived")
    walk.log_out()

    # The supervisor reads the archived case with the complainant masked, and finds it by two characters.
    walk.log_in("supervisor")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="案件办理").click()
    page.get_by_label("用人单位名称").fill("华强")
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".case-table tbody tr")).to_have_count(1)
    walk.shot("list")
    page.get_by_role("link", name=case.case_number).click()
    expect(page.locator(".parties")).to_contain_text("周**")
    expect(page.locator("body")).not_to_contain_text("13912345678")
    walk.shot("supervisor")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    walk.shot("supervisor-narrow")  # nothing wider than a phone: the tables scroll inside themselves
    page.locator("#periods-title").scroll_into_view_if_needed()
    page.screenshot(path=f"{shots_dir}/cases-supervisor-narrow-periods.png")

    case.refresh_from_db()
    assert case.state == "archived"
    steps = Entry.objects.filter(object_type="cases.case", object_id=str(case.pk), outcome="success")
    assert steps.count() == 14  # registration and thirteen steps, one entry each
