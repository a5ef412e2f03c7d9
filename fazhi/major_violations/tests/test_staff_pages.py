"""The staff pages: the quarter's candidates with their suggested categories, the selection form (prefilled, keeping
what was typed, Chinese messages), the case page's section, the list's page with publish, remove and withdraw."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.major_violations.actions import publish_batch
from fazhi.major_violations.models import Batch, BatchState, Selection, SelectionState
from fazhi.major_violations.snapshots import PublishedMajorViolation

from .conftest import select

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_index_lists_the_quarters_decided_cases_with_the_suggested_category(wages_case, decided, lead):
    body = client_for(lead).get("/staff/major-violations/").content.decode()
    assert "2026年第一季度作出处理决定的案件" in body
    assert "深圳市福田区宏图建筑劳务有限公司" in body
    assert "深圳市福田区华强电子有限公司" in body
    # the wage case (120,000 yuan owed) is suggested for category (一), listed first
    assert body.index("宏图建筑") < body.index("华强电子")
    assert "（一）克扣、无故拖欠" in body
    assert "2025年第四季度" in body  # the link to the previous quarter


def test_the_index_leaves_out_cases_of_other_districts(decided, outsider):
    body = client_for(outsider).get("/staff/major-violations/").content.decode()
    assert "华强电子" not in body


def test_the_selection_form_is_prefilled_from_the_case_and_its_decision(wages_case, lead):
    body = client_for(lead).get(f"/staff/major-violations/cases/{wages_case.pk}/select/").content.decode()
    assert "经调查，该单位拖欠劳动者工资。" in body
    assert "福田区人力资源局于2026年03月09日作出行政处理决定" in body
    assert "支付劳动者工资报酬120000.00元" in body
    assert 'value="wages" id="id_category_0" required checked' in body  # the suggested category


def test_a_faulty_selection_keeps_what_was_typed_and_says_why_in_chinese(decided, lead):
    response = client_for(lead).post(
        f"/staff/major-violations/cases/{decided.pk}/select/",
        {"category": "", "facts": "该单位长期拖欠工资（我输入的文字）", "handling": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "请选择违法行为类别。" in body
    assert "请填写相关处理情况。" in body
    assert "该单位长期拖欠工资（我输入的文字）" in body
    assert not Selection.objects.exists()


def test_a_selection_made_through_the_form_shows_on_the_case_page(decided, lead):
    client = client_for(lead)
    response = client.post(
        f"/staff/major-violations/cases/{decided.pk}/select/",
        {"category": "other", "facts": "未建立用工管理台账。", "handling": "罚款二万元。"},
    )
    assert response.status_code == 302
    assert Selection.objects.get().category == "other"
    body = client.get(f"/staff/cases/{decided.pk}/").content.decode()
    assert "重大劳动保障违法行为社会公布" in body
    assert "已选定为重大劳动保障违法行为" in body
    assert "2026年第一季度" in body


def test_the_case_page_offers_the_selection_to_publishers_only(decided, lead, inspector):
    assert "选定为重大劳动保障违法行为" in client_for(lead).get(f"/staff/cases/{decided.pk}/").content.decode()
    body = client_for(inspector).get(f"/staff/cases/{decided.pk}/").content.decode()
    assert "重大劳动保障违法行为社会公布" in body
    assert f"/staff/major-violations/cases/{decided.pk}/select/" not in body
    assert client_for(inspector).get(f"/staff/major-violations/cases/{decided.pk}/select/").status_code == 403


def test_a_selection_is_changed_through_its_form(decided, lead):
    selection = select(decided, lead)
    client = client_for(lead)
    assert "拖欠工资。" in client.get(f"/staff/major-violations/selections/{selection.pk}/edit/").content.decode()
    response = client.post(
        f"/staff/major-violations/selections/{selection.pk}/edit/",
        {"category": "other", "facts": "改过的事实。", "handling": "改过的处理。"},
    )
    assert response.status_code == 302
    assert Selection.objects.get().facts == "改过的事实。"


def test_the_director_publishes_the_list_from_its_page(decided, lead, director):
    selection = select(decided, lead)
    publish_url = f"/staff/major-violations/batches/{selection.batch_id}/publish/"
    # the lead sees the list but no publish button, and a POST is refused by role
    lead_page = client_for(lead).get(f"/staff/major-violations/batches/{selection.batch_id}/").content.decode()
    assert "华强电子" in lead_page
    assert publish_url not in lead_page
    assert client_for(lead).post(publish_url).status_code == 403
    client = client_for(director)
    body = client.get(f"/staff/major-violations/batches/{selection.batch_id}/").content.decode()
    assert publish_url in body
    assert "华强电子" in body
    assert client.post(f"/staff/major-violations/batches/{selection.batch_id}/publish/").status_code == 302
    assert Batch.objects.get().state == BatchState.PUBLISHED
    assert PublishedMajorViolation.objects.count() == 1
    assert "由刘洋批准公布" in client.get(f"/staff/major-violations/batches/{selection.batch_id}/").content.decode()


def test_a_selection_is_removed_from_the_lists_page(decided, lead):
    selection = select(decided, lead)
    response = client_for(lead).post(f"/staff/major-violations/selections/{selection.pk}/remove/")
    assert response.status_code == 302
    assert Selection.objects.get().state == SelectionState.REMOVED


def test_a_withdrawal_without_explanation_keeps_the_form_and_says_why(decided, lead, director):
    selection = select(decided, lead)
    publish_batch(actor=director, batch=selection.batch)
    client = client_for(director)
    response = client.post(f"/staff/major-violations/selections/{selection.pk}/withdraw/", {"reason": "  "})
    assert response.status_code == 400
    assert "请填写向社会公开的撤回说明" in response.content.decode()
    response = client.post(f"/staff/major-violations/selections/{selection.pk}/withdraw/", {"reason": "登记有误。"})
    assert response.status_code == 302
    assert PublishedMajorViolation.objects.get().withdrawn


def test_pages_of_other_districts_or_unknown_ids_are_not_found(decided, lead, outsider):
    selection = select(decided, lead)
    client = client_for(outsider)
    assert client.get(f"/staff/major-violations/batches/{selection.batch_id}/").status_code == 404
    assert client.get(f"/staff/major-violations/batches/{2**64}/").status_code == 404
    assert client_for(lead).get(f"/staff/major-violations/cases/{2**64}/select/").status_code == 404


@pytest.mark.parametrize(
    ("facts", "message"),
    [("控制字符测试\x0b\x01\x1b", "含有不能保存的控制字符"), ("abc\u202egnp.exe 公司拖欠工资", "改变文字显示方向")],
)
def test_a_selection_with_control_or_direction_characters_is_refused_and_the_text_kept(decided, lead, facts, message):
    """Security review L1/L7: the reviewer's text was accepted here, then broke the public feed."""
    selection = select(decided, lead)
    response = client_for(lead).post(
        f"/staff/major-violations/selections/{selection.pk}/edit/",
        {"category": "other", "facts": facts, "handling": "责令改正。"},
    )
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert message in page
    assert "责令改正。" in page  # what was typed stays in the form
    assert Selection.objects.get().facts == "拖欠工资。"


def test_a_published_entry_holding_a_control_character_does_not_break_the_feed(decided, lead, director):
    selection = select(decided, lead)
    publish_batch(actor=director, batch=selection.batch)
    PublishedMajorViolation.objects.update(facts="控制字符测试\x0b\x01\x1b")  # stored before the rule
    feed = Client().get("/major-violations/feed.atom")
    assert feed.status_code == 200
    assert "控制字符测试" in feed.content.decode()
