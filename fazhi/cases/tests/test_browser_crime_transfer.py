"""The transfer of a suspected crime to the police in a real browser (移送规定 第五条至第十二条).

A Futian wage case: the order to pay was decided and served on 2026-03-09, due 03-20, and one worker's four months of
pay (25,000 yuan) are still unpaid (法释〔2013〕3号 第三条第（一）项、第四条). On Monday 03-23 the case page flags the
crime; the inspector reports the transfer, the bureau's 正职负责人 approves it, the inspector issues the
涉嫌犯罪案件移送书 and sends the case to the police the same day, records the receipt and the filing, hands over the
items and sends the case to the closing review. Screenshots go to the shots directory for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import Page, expect

from fazhi.accounts.models import User
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Case, CrimeTransfer, TransferStatus
from fazhi.cases.tests.conftest import CST, WAGES, RegisterCase, proposal, served_notice, waived, walk
from fazhi.cases.tests.test_browser_futian_walk import Desk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLICE = "深圳市公安局福田分局"


@pytest.fixture
def unpaid_order(register: RegisterCase, inspector: User, lead: User, leader: User) -> Iterator[Case]:
    """The order to pay decided and served on 03-09 (the known day); then the clock runs from Monday 03-23, 9:00."""
    worker = WorkerInput(
        name="王小明", amount_owed=Decimal("25000"), period_start=dt.date(2025, 9, 1), period_end=dt.date(2025, 12, 31)
    )
    case = walk(
        register(workers=[worker]),
        (lead, "accept", {}),
        (inspector, "propose", proposal("handling_decision", WAGES)),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
        (leader, "decide", {"comply_by": "2026-03-20"}),
        (inspector, "serve", {"service_method": "in_person", "served_on": "2026-03-09"}),
    )
    with time_machine.travel(dt.datetime(2026, 3, 23, 9, 0, tzinfo=CST), tick=True):
        yield case


def test_a_wage_case_is_transferred_to_the_police_from_the_case_page(
    live_server, page: Page, shots_dir: str, unpaid_order: Case, inspector2: User
) -> None:
    case = unpaid_order
    page.set_viewport_size({"width": 1280, "height": 900})
    desk = Desk(page, live_server.url)

    # 报告 (第五条第一款): the handlers report in writing; the page names the crime the case has reached.
    desk.log_in("inspector")
    desk.open_case(case.pk)
    expect(page.locator("body")).to_contain_text("涉嫌拒不支付劳动报酬罪")
    form = page.locator("#step-report_transfer")
    form.get_by_label("移送涉嫌犯罪案件的书面报告（涉嫌犯罪的事实、证据和理由）").fill(
        "该单位经责令支付，期限届满仍拒不支付王小明四个月工资二万五千元，涉嫌拒不支付劳动报酬罪，建议移送公安机关。"
    )
    form.get_by_label("涉案物品清单").fill("工资发放表原件2册")
    desk.take("report_transfer", "报告移送涉嫌犯罪案件", state="履行与执行")
    expect(page.locator("body")).to_contain_text("已报告，待审批")
    page.screenshot(path=f"{shots_dir}/crime-transfer-reported.png", full_page=True)
    desk.log_out()

    # 审批 (第五条第二款): the 正职负责人 approves within 3 days.
    desk.log_in("leader")
    desk.open_case(case.pk)
    desk.take("approve_transfer", "批准移送公安机关", state="履行与执行")
    desk.log_out()

    # 移送 (第五条第二款、第六条): the 移送书 issued, the case sent within 24 hours.
    desk.log_in("inspector")
    desk.open_case(case.pk)
    issue = page.locator("#issue-crime_transfer")
    issue.get_by_label("移送的公安机关（同级公安机关）").fill(POLICE)
    issue.get_by_role("button").click()
    expect(page.locator(".case-documents")).to_contain_text("涉嫌犯罪案件移送书")
    page.locator("#step-send_transfer").get_by_label("移送的公安机关").fill(POLICE)
    desk.take("send_transfer", "移送公安机关", state="履行与执行")
    page.locator("#step-record_police_receipt").get_by_label("公安机关签收回执日期").fill("2026-03-23")
    desk.take("record_police_receipt", "登记公安机关签收回执", state="履行与执行")
    page.locator("#step-record_police_filing").get_by_label("接到公安机关书面通知的日期").fill("2026-03-23")
    desk.take("record_police_filing", "登记公安机关立案", state="履行与执行")
    page.locator("#step-hand_over_items").get_by_label("移交日期").fill("2026-03-23")
    desk.take("hand_over_items", "移交涉案物品和材料", state="履行与执行")
    expect(page.locator("body")).to_contain_text(f"移送{POLICE}")
    expect(page.locator("body")).not_to_contain_text("应移送公安机关")  # sent: the flag gives way to the record
    page.screenshot(path=f"{shots_dir}/crime-transfer-handed-over.png", full_page=True)
    desk.take("close_after_transfer", "移送公安机关立案后结案", state="结案审批")

    transfer = CrimeTransfer.objects.get(case=case)
    assert transfer.status == TransferStatus.HANDED_OVER
    assert transfer.police_organ == POLICE
    assert transfer.decided_by is not None
    assert transfer.decided_by.username == "leader"
    # No English and no internal code on the page (the step names, the fields, the facts are Chinese).
    body = page.locator("main").inner_text()
    for code in ("report_transfer", "send_transfer", "handed_over", "transfer_approval", "police_organ"):
        assert code not in body, code
    assert not re.search(r"\bThis field\b|\bNone\b", body)
