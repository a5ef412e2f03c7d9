"""The case screens: my work, the list, the case page with its step forms, and the intake form."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.cases import views
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.tests.conftest import FINDINGS, OCCURRED_ON, WAGES, WAIVER, proposal, served_notice, waived, walk
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(response: Any) -> str:
    return str(response.content.decode())


def journal_for(case: Case) -> list[Entry]:
    return list(Entry.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("seq"))


def to_notice(case: Case, inspector: User, lead: User) -> Case:
    """Accepted and filed by the lead, a rectification proposed and notified, the notice received on Monday 03-09:
    the party's 5 working days for its defence run to 03-16 (劳动保障监察条例 第十九条)."""
    return walk(
        case,
        (lead, "accept", {}),
        (inspector, "propose", proposal("rectification", WAGES, proposal="责令限期支付拖欠工资。")),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector, "2026-03-09"),
    )


# --- my work -------------------------------------------------------------------------------------------------------


def test_my_work_lists_the_inspectors_cases_soonest_due_first_with_working_days_left(inspector, register):
    later = register(received_on=dt.date(2026, 3, 5), employer_name="深圳市晚到期电子有限公司")
    sooner = register(received_on=dt.date(2026, 3, 3), employer_name="深圳市早到期电子有限公司")
    page = body(client_for(inspector).get(reverse("cases:worklist")))
    assert "我的待办" in page
    assert page.index(sooner.reference) < page.index(later.reference)
    assert "剩 1 个工作日" in page  # received 3 March: 5 working days end on 10 March
    assert "剩 3 个工作日" in page


def test_an_overdue_case_is_marked_in_red_and_in_words(inspector, register):
    register(received_on=dt.date(2026, 1, 5))
    page = body(client_for(inspector).get(reverse("cases:worklist")))
    assert re.search(r'class="due due-overdue">.*?已超期 \d+ 个工作日', page)
    assert 'class="row-overdue"' in page


def test_a_due_date_waiting_for_next_years_holidays_says_so(inspector, register):
    case = register()
    Period.objects.filter(case=case).update(due_on=None, awaiting_year=2027)
    page = body(client_for(inspector).get(reverse("cases:worklist")))
    assert "待导入节假日" in page


def test_my_work_is_paginated(inspector, register, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for _ in range(3):
        register()
    client = client_for(inspector)
    assert "第 1 / 2 页" in body(client.get(reverse("cases:worklist")))
    assert body(client.get(reverse("cases:worklist"), {"page": 2})).count('href="/staff/cases/') >= 1


def test_the_lead_finds_the_squads_complaints_to_accept_and_reports_to_file_in_their_work(lead, register):
    """The lead accepts (and so files) complaints and approves the filing of reports (广东省劳动保障监察条例
    第三十二条、第三十六条第一款)."""
    complaint = register()
    report = register(source="report", complainant_name="", complainant_phone="", anonymous=True)
    page = body(client_for(lead).get(reverse("cases:worklist")))
    assert complaint.reference in page
    assert report.reference in page
    assert "待受理" in page
    assert "立案审批" in page


# --- the list ------------------------------------------------------------------------------------------------------


def test_the_list_filters_by_state_and_finds_an_employer_by_two_characters(inspector, lead, register):
    accepted = walk(register(employer_name="深圳市华强电子有限公司"), (lead, "accept", {}))
    waiting = register(employer_name="深圳市福田区某建筑工程有限公司")
    client = client_for(inspector)
    by_state = body(client.get(reverse("cases:list"), {"state": "investigating"}))
    assert accepted.case_number  # filed on acceptance: the list shows the case number
    assert accepted.case_number in by_state
    assert waiting.reference not in by_state
    by_name = body(client.get(reverse("cases:list"), {"q": "华强"}))
    assert accepted.case_number in by_name
    assert waiting.reference not in by_name
    assert "符合条件的案件（共 1 件）" in by_name


def test_the_list_filters_overdue_cases(inspector, register):
    late = register(received_on=dt.date(2026, 1, 5))
    fresh = register(received_on=dt.date(2026, 3, 6))
    page = body(client_for(inspector).get(reverse("cases:list"), {"due": "overdue"}))
    assert late.reference in page
    assert fresh.reference not in page


def test_bad_filter_values_give_a_chinese_message_not_an_error(inspector, register):
    register()
    response = client_for(inspector).get(reverse("cases:list"), {"unit": "abc", "state": "nonsense", "handler": "9999"})
    assert response.status_code == 200
    assert "没有这个选项" in body(response)
    assert "所选项不在您可查看的范围内" in body(response)


def test_the_outsider_sees_none_of_another_districts_cases(outsider, register):
    case = register()
    client = client_for(outsider)
    assert case.reference not in body(client.get(reverse("cases:list")))
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.post(reverse("cases:step", args=[case.pk, "accept"]), {"accept-version": 1}).status_code == 404
    assert Case.objects.get(pk=case.pk).state == "received"


def test_an_administrator_without_a_business_role_is_refused(auditadmin, register):
    case = register()
    client = client_for(auditadmin)
    assert client.get(reverse("cases:list")).status_code == 403
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 403


# --- the case page -------------------------------------------------------------------------------------------------


def test_the_case_page_shows_parties_workers_totals_periods_and_the_timeline(inspector, lead, register):
    case = register(complainant_id_number="44030419900307123X")
    page = body(client_for(inspector).get(reverse("cases:detail", args=[case.pk])))
    for text in (
        case.reference,
        "待受理",
        "深圳市福田区某电子有限公司",
        case.employer.credit_code,
        "王小明",
        "13800138000",
        "44030419900307123X",
        "李四",
        "12,000.00",
        "9,500.50",
        "21,500.50",
        "合计（2 人）",
        "广东省劳动保障监察条例",
        "登记案件",
        "张伟（监察员）",
    ):
        assert text in page, text
    # The handler may ask once for the materials to be completed; accepting, which files the case, is the lead's
    # (广东省劳动保障监察条例 第三十六条第一款、第三十九条).
    assert f'action="/staff/cases/{case.pk}/step/request_completion/' in page
    assert f'action="/staff/cases/{case.pk}/step/accept/' not in page
    lead_page = body(client_for(lead).get(reverse("cases:detail", args=[case.pk])))
    assert f'action="/staff/cases/{case.pk}/step/accept/' in lead_page


def test_the_supervisor_reads_the_case_with_the_complainant_masked_and_no_steps(supervisor, register):
    case = register(complainant_id_number="44030419900307123X")
    page = body(client_for(supervisor).get(reverse("cases:detail", args=[case.pk])))
    assert "王**" in page
    assert "138****8000" in page
    assert "4403**********123X" in page
    assert "王小明" not in page
    assert "13800138000" not in page
    assert "/step/" not in page
    assert "只能查阅" in page


def test_a_supervisor_post_is_refused_and_journaled(supervisor, register):
    case = register()
    response = client_for(supervisor).post(reverse("cases:step", args=[case.pk, "accept"]), {"accept-version": 1})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).state == "received"
    assert Entry.objects.filter(action="access.refused", actor_username="supervisor").count() == 1


def test_a_step_through_the_page_moves_the_case_and_writes_one_journal_entry(lead, register):
    """The lead's acceptance of a complaint files it (广东省劳动保障监察条例 第三十六条第一款)."""
    case = register()
    before = len(journal_for(case))
    client = client_for(lead)
    response = client.post(
        reverse("cases:step", args=[case.pk, "accept"]),
        {"accept-version": case.version, "accept-reason": "材料齐全。"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    case.refresh_from_db()
    assert (case.state, case.filed_on) == ("investigating", dt.date(2026, 3, 9))
    entries = journal_for(case)
    assert len(entries) == before + 1
    assert entries[-1].action == "cases.accept"
    assert entries[-1].ip == "10.1.2.3"
    page = body(client.get(response["Location"]))
    assert "已办理“受理并立案”" in page
    assert "材料齐全。" in page  # the reason, in the timeline


def test_a_blocked_step_shows_why_and_keeps_what_was_typed(inspector, lead, register):
    case = to_notice(register(), inspector, lead)
    before = len(journal_for(case))
    response = client_for(inspector).post(
        reverse("cases:step", args=[case.pk, "close_notice"]),
        {"close_notice-version": case.version, "close_notice-reason": "单位负责人称将于本周补发工资。"},
    )
    assert response.status_code == 422
    page = body(response)
    assert "陈述申辩期限（行政处理告知）至 2026-03-16 届满" in page
    assert "单位负责人称将于本周补发工资。</textarea>" in page
    assert Case.objects.get(pk=case.pk).state == "notice"
    assert len(journal_for(case)) == before


def test_closing_the_notice_with_the_written_waiver_goes_to_the_decision(inspector, lead, register):
    """行政处罚法 第六十二条: before the period is over only on the party's written waiver, put on file."""
    case = to_notice(register(), inspector, lead)
    client = client_for(inspector)
    url = reverse("cases:step", args=[case.pk, "close_notice"])
    response = client.post(url, {"close_notice-version": case.version, "close_notice-waived": "on"})
    assert response.status_code == 422
    assert "须有其书面声明" in body(response)
    response = client.post(
        url,
        {"close_notice-version": case.version, "close_notice-waived": "on", "close_notice-waiver_document": WAIVER},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "decision"
    assert journal_for(case)[-1].after_data["waived"] is True
    assert journal_for(case)[-1].after_data["waiver_document"] == WAIVER


def test_a_stale_version_gives_the_conflict_message(lead, register):
    case = register()
    stale = case.version
    walk(case, (lead, "accept", {}))
    response = client_for(lead).post(
        reverse("cases:step", args=[case.pk, "accept"]), {"accept-version": stale, "accept-reason": "材料齐全"}
    )
    assert response.status_code == 409
    assert "可能已被他人处理" in body(response)


def test_refusing_needs_a_statutory_ground_and_a_reason(lead, register):
    case = register()
    client = client_for(lead)
    url = reverse("cases:step", args=[case.pk, "refuse"])
    response = client.post(url, {"refuse-version": case.version})
    assert response.status_code == 400
    assert "请选择不予受理的法定理由" in body(response)
    assert "不予受理须填写理由" in body(response)
    response = client.post(
        url, {"refuse-version": case.version, "refuse-refusal_ground": "time_barred", "refuse-reason": "2023年离职。"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "refused"
    page = body(client.get(reverse("cases:detail", args=[case.pk])))
    assert "超过两年投诉时效" in page


def test_an_unknown_choice_is_a_chinese_message(lead, register):
    case = register()
    response = client_for(lead).post(
        reverse("cases:step", args=[case.pk, "refuse"]),
        {"refuse-version": case.version, "refuse-refusal_ground": "<script>", "refuse-reason": "x"},
    )
    assert response.status_code == 400
    assert "没有这个选项" in body(response)
    assert "<script>" not in body(response)


def test_a_missing_version_or_an_unknown_step_never_gives_a_500(lead, register):
    case = register()
    client = client_for(lead)
    response = client.post(reverse("cases:step", args=[case.pk, "accept"]), {})
    assert response.status_code == 400
    assert "页面已过期" in body(response)
    assert client.post(reverse("cases:step", args=[case.pk, "fly"]), {"fly-version": 1}).status_code == 404
    assert client.get(reverse("cases:detail", args=[10**20])).status_code == 404


def test_the_proposal_the_decision_and_the_service_go_through_their_forms(inspector, lead, leader, register):
    case = walk(register(), (lead, "accept", {}))
    inspector_client = client_for(inspector)
    response = inspector_client.post(
        reverse("cases:step", args=[case.pk, "propose"]),
        {
            "propose-version": Case.objects.get(pk=case.pk).version,
            "propose-proposed_outcome": "rectification",
            "propose-violation_code": WAGES,
            "propose-proposal": "经查属实，拟责令限期支付。",
            "propose-findings": FINDINGS,
            "propose-occurred_on": OCCURRED_ON,
        },
    )
    assert response.status_code == 302
    case = walk(
        Case.objects.get(pk=case.pk),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    page = body(client_for(leader).get(reverse("cases:detail", args=[case.pk])))
    assert '<option value="rectification" selected>' in page  # the decision form starts from the proposal
    response = client_for(leader).post(
        reverse("cases:step", args=[case.pk, "decide"]),
        {"decide-version": case.version, "decide-decision_outcome": "rectification", "decide-comply_by": "2026-03-31"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "service"
    response = inspector_client.post(
        reverse("cases:step", args=[case.pk, "serve"]),
        {"serve-version": case.version, "serve-served_on": "2026-03-09"},
    )
    assert response.status_code == 400
    assert "请选择送达方式" in body(response)
    response = inspector_client.post(
        reverse("cases:step", args=[case.pk, "serve"]),
        {"serve-version": case.version, "serve-served_on": "2026-03-09", "serve-service_method": "in_person"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "performance"
    page = body(inspector_client.get(reverse("cases:detail", args=[case.pk])))
    assert "送达方式：直接送达" in page
    assert "处理决定：责令限期改正" in page


def test_the_lead_accepting_a_complaint_without_two_handlers_is_told_why_and_names_them_in_the_form(
    lead, inspector2, register
):
    """Accepting files the case, which two certified officers handle (行政处罚法 第四十二条): the acceptance form
    offers the handlers to assign."""
    case = register(co_handler=None)
    client = client_for(lead)
    page = body(client.get(reverse("cases:detail", args=[case.pk])))
    assert 'name="accept-assign_co_handler"' in page
    url = reverse("cases:step", args=[case.pk, "accept"])
    response = client.post(url, {"accept-version": case.version})
    assert response.status_code == 422
    assert "立案须指定主办人和协办人两名执法人员" in body(response)
    assert Case.objects.get(pk=case.pk).state == "received"
    response = client.post(url, {"accept-version": case.version, "accept-assign_co_handler": inspector2.username})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.co_handler) == ("investigating", inspector2)


# --- intake --------------------------------------------------------------------------------------------------------


def valid_intake(**overrides: str) -> dict[str, str]:
    import random

    from fazhi.rules.identifiers import make_credit_code

    data = {
        "source": "complaint",
        "received_on": "2026-03-06",
        "employer_name": "深圳市福田区某餐饮管理有限公司",
        "employer_credit_code": make_credit_code(random.Random(7)),
        "employer_address": "深圳市福田区福华路 1 号",
        "legal_representative": "赵某",
        "complainant_name": "陈小红",
        "complainant_id_number": "44030419900307123X",
        "complainant_phone": "139 0013 9000",
        "summary": "拖欠 2026 年 1 月至 2 月工资。",
        "handler": "",
        "co_handler": "",
        "workers-TOTAL_FORMS": "3",
        "workers-INITIAL_FORMS": "0",
        "workers-MIN_NUM_FORMS": "0",
        "workers-MAX_NUM_FORMS": "200",
        "workers-0-name": "陈小红",
        "workers-0-id_number": "",
        "workers-0-amount_owed": "8200.50",
        "workers-1-name": "",
        "workers-1-id_number": "",
        "workers-1-amount_owed": "",
        "workers-2-name": "",
        "workers-2-id_number": "",
        "workers-2-amount_owed": "",
    }
    data.update(overrides)
    return data


def test_the_intake_form_is_offered_to_inspectors_and_leads_only(inspector, lead, director, supervisor):
    assert "登记案件" in body(client_for(inspector).get(reverse("cases:intake")))
    assert client_for(lead).get(reverse("cases:intake")).status_code == 200
    assert client_for(director).get(reverse("cases:intake")).status_code == 403
    assert client_for(supervisor).get(reverse("cases:intake")).status_code == 403


def test_an_intake_registers_the_complaint_with_its_workers_and_handlers(inspector, inspector2):
    client = client_for(inspector)
    response = client.post(
        reverse("cases:intake"), valid_intake(handler=str(inspector.pk), co_handler=str(inspector2.pk))
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.state == "received"
    assert case.complainant_phone == "13900139000"
    assert case.handler == inspector
    assert case.co_handler == inspector2
    assert case.total_owed == Decimal("8200.50")
    assert [entry.action for entry in journal_for(case)] == ["cases.register"]
    assert Period.objects.get(case=case).state == PeriodState.RUNNING
    assert "已登记案件" in body(client.get(response["Location"]))


def test_intake_errors_are_in_chinese_and_keep_everything_typed(inspector):
    response = client_for(inspector).post(
        reverse("cases:intake"),
        valid_intake(
            employer_credit_code="91440300MA5F00000A",
            complainant_id_number="440304199003071231",
            received_on="2026-03-10",
        ),
    )
    assert response.status_code == 400
    page = body(response)
    assert "统一社会信用代码" in page
    assert "校验码" in page
    assert "第18位校验码不符" in page
    assert "收到日期不能晚于今天。" in page
    assert 'value="深圳市福田区某餐饮管理有限公司"' in page
    assert "拖欠 2026 年 1 月至 2 月工资。</textarea>" in page
    assert 'value="8200.50"' in page
    assert 'value="139 0013 9000"' in page
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "拖欠金额应大于零。"),
        ("-5", "拖欠金额应大于零。"),
        ("100.123", "金额最多保留两位小数（到分）。"),
        ("10000000000", "金额过大，请核对。"),
        ("NaN", "请填写金额数字"),
        ("abc", "请填写金额数字"),
    ],
)
def test_a_wrong_amount_is_refused_with_a_chinese_message(inspector, amount, message):
    response = client_for(inspector).post(reverse("cases:intake"), valid_intake(**{"workers-0-amount_owed": amount}))
    assert response.status_code == 400
    assert message in body(response)
    assert Case.objects.count() == 0


def test_an_anonymous_complaint_and_a_missing_phone_are_refused(inspector):
    client = client_for(inspector)
    page = body(client.post(reverse("cases:intake"), valid_intake(anonymous="on")))
    assert "投诉须登记投诉人" in page
    page = body(client.post(reverse("cases:intake"), valid_intake(complainant_phone="")))
    assert "请填写投诉人的联系电话" in page
    page = body(client.post(reverse("cases:intake"), valid_intake(complainant_phone="1234")))
    assert "手机号码应为11位" in page
    assert Case.objects.count() == 0


def test_an_anonymous_report_is_registered_without_a_reporter(inspector):
    data = valid_intake(source="report", anonymous="on", complainant_name="", complainant_phone="")
    data["complainant_id_number"] = ""
    response = client_for(inspector).post(reverse("cases:intake"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.anonymous
    assert case.complainant_name == ""


def test_the_same_inspector_cannot_be_both_handlers_nor_a_stranger_a_handler(inspector, outsider):
    client = client_for(inspector)
    page = body(
        client.post(reverse("cases:intake"), valid_intake(handler=str(inspector.pk), co_handler=str(inspector.pk)))
    )
    assert "两名不同的执法人员" in page
    page = body(client.post(reverse("cases:intake"), valid_intake(handler=str(outsider.pk))))
    assert "请从本机构及下级机构持证的监察员中选择" in page
    assert Case.objects.count() == 0


def test_more_worker_rows_keep_what_was_typed_without_judging_it(inspector):
    response = client_for(inspector).post(
        reverse("cases:intake"), valid_intake(more_workers="1", employer_credit_code="bad")
    )
    assert response.status_code == 200
    page = body(response)
    assert 'name="workers-TOTAL_FORMS" value="6"' in page
    assert 'name="workers-5-name"' in page
    assert 'value="8200.50"' in page
    assert "field-error" not in page
    assert Case.objects.count() == 0


def test_a_tampered_worker_formset_is_an_error_not_a_crash(inspector):
    data = valid_intake()
    del data["workers-TOTAL_FORMS"]
    response = client_for(inspector).post(reverse("cases:intake"), data)
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_a_step_outside_the_users_roles_is_refused_with_a_chinese_message(legal, register):
    case = register()
    response = client_for(legal).post(reverse("cases:step", args=[case.pk, "accept"]), {"accept-version": case.version})
    assert response.status_code == 403
    assert "您没有办理此步骤的权限" in body(response)
    assert Case.objects.get(pk=case.pk).state == "received"
    assert journal_for(case)[-1].outcome == "refused"


def test_an_own_discovery_goes_straight_to_filing_and_takes_no_complainant(inspector):
    client = client_for(inspector)
    page = body(client.post(reverse("cases:intake"), valid_intake(source="patrol")))
    assert "自行发现的案件（巡视、书面审查、专项检查）不登记投诉（举报）人。" in page
    data = valid_intake(source="patrol", complainant_name="", complainant_phone="", complainant_id_number="")
    assert client.post(reverse("cases:intake"), data).status_code == 302
    assert Case.objects.get().state == "filing_review"


def test_the_decision_form_starts_from_every_measure_the_party_was_notified_of(
    inspector, lead, leader, register, settings
):
    """行政处罚法 第四十四条、第六十二条: the decision follows the measures notified, here 警告 and 罚款
    (劳动保障监察条例 第二十五条); the form the leader is offered carries both."""
    settings.FAZHI_LEGAL_REVIEW_OUTCOMES = []
    data = proposal("penalty", "lbjc25_overtime_excess", "1000.00", warning=True, workers=3)
    case = walk(
        register(),
        (lead, "accept", {}),
        (inspector, "propose", data),
        (lead, "approve_proposal_to_notice", {}),
        served_notice(inspector),
        waived(inspector),
    )
    page = body(client_for(leader).get(reverse("cases:detail", args=[case.pk])))
    assert re.search(r'name="decide-fine_amount"[^>]*value="1000.00"', page)
    assert 'name="decide-warning"' in page
    assert re.search(r'name="decide-warning"[^>]*checked', page)


def test_the_reassign_form_answers_a_user_of_another_district_as_it_answers_an_unknown_user_name(
    inspector, lead, outsider, register
):
    # Security review I2: the answer never tells whether the name exists elsewhere, nor whose it is.
    case = walk(register(), (lead, "accept", {}))
    client = client_for(lead)
    for handler in ("outsider", "no-such-user"):
        response = client.post(
            reverse("cases:step", args=[case.pk, "reassign"]),
            {
                "reassign-version": case.version,
                "reassign-handler": handler,
                "reassign-co_handler": "inspector",
                "reassign-reason": "调整分工",
            },
        )
        page = body(response)
        assert "本案承办机构中没有这个在职的执法人员。" in page
        assert outsider.full_name not in page
    assert Case.objects.get(pk=case.pk).handler == inspector
