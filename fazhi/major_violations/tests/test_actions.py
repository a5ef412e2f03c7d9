"""Selecting, changing, removing, publishing and withdrawing major violations: each action's happy path, its journal
entry, its refusals (journaled), its roles and its scope."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.accounts.models import Role
from fazhi.accounts.testing import make_user
from fazhi.journal.models import Entry
from fazhi.major_violations.actions import (
    MajorViolationError,
    MajorViolationRefused,
    publish_batch,
    remove_selection,
    update_selection,
    withdraw_publication,
)
from fazhi.major_violations.models import Batch, BatchState, Selection, SelectionState
from fazhi.major_violations.snapshots import PublishedMajorViolation

from .conftest import on_day, select

pytestmark = pytest.mark.django_db


def entries(action: str, outcome: str = "success") -> list[Entry]:
    return list(Entry.objects.filter(action=f"major_violations.{action}", outcome=outcome).order_by("seq"))


# --- select -----------------------------------------------------------------------------------------------------------


def test_the_lead_selects_a_decided_case_into_its_district_bureaus_list_of_the_decisions_quarter(decided, lead, org):
    selection = select(decided, lead, "other", "未建立用工管理台账。", "罚款二万元。")
    assert selection.state == SelectionState.SELECTED
    assert selection.unit == decided.unit
    batch = selection.batch
    assert (batch.unit, batch.year, batch.quarter, batch.state) == (org.futian, 2026, 1, BatchState.DRAFT)
    [entry] = entries("select")
    assert entry.actor_id == lead.pk
    assert entry.after_data["quarter"] == "2026Q1"
    assert entry.after_data["case"] == decided.pk


@pytest.mark.parametrize("persona", ["inspector", "outsider", "supervisor", "auditadmin"])
def test_only_publishers_in_scope_may_select_and_a_refusal_is_journaled(decided, personas, persona):
    with pytest.raises(MajorViolationRefused, match="只有本机构及上级机构"):
        select(decided, personas[persona])
    assert not Selection.objects.exists()
    [refusal] = entries("select", "refused")
    assert refusal.actor_id == personas[persona].pk


def test_a_publisher_of_another_district_may_not_select(decided, org):
    nanshan_lead = make_user("ns.lead", "高峰", org.nanshan_squad1, Role.LEAD)
    with pytest.raises(MajorViolationRefused):
        select(decided, nanshan_lead)
    assert len(entries("select", "refused")) == 1


def test_a_case_without_a_decision_cannot_be_selected(register, lead):
    with pytest.raises(MajorViolationError, match="已经查处并作出处理决定"):
        select(register(), lead)
    assert not Selection.objects.exists()
    assert not entries("select")


@pytest.mark.parametrize(
    ("category", "facts", "handling", "message"),
    [
        ("nonsense", "事实", "处理", "请选择违法行为类别"),
        ("wages", "  ", "处理", "请填写主要违法事实"),
        ("wages", "事实", "", "请填写相关处理情况"),
        ("wages", "事" * 2001, "处理", "不能超过 2000 个字"),
    ],
)
def test_a_selection_needs_a_category_facts_and_handling(decided, lead, category, facts, handling, message):
    with pytest.raises(MajorViolationError, match=message):
        select(decided, lead, category, facts, handling)
    assert not Selection.objects.exists()


def test_a_case_is_selected_once_at_a_time(decided, lead, director):
    select(decided, lead)
    with pytest.raises(MajorViolationError, match="已经选定"):
        select(decided, director)
    assert Selection.objects.count() == 1


# --- update and remove ------------------------------------------------------------------------------------------------


def test_a_selection_is_changed_before_publication_with_the_old_text_in_the_journal(decided, lead, legal):
    selection = select(decided, lead, "wages", "旧的事实。", "旧的处理。")
    update_selection(actor=legal, selection=selection, category="other", facts="新的事实。", handling="新的处理。")
    selection.refresh_from_db()
    assert (selection.category, selection.facts, selection.handling) == ("other", "新的事实。", "新的处理。")
    [entry] = entries("update")
    assert entry.before_data["facts"] == "旧的事实。"
    assert entry.after_data["facts"] == "新的事实。"
    assert entry.actor_id == legal.pk


def test_an_inspector_cannot_change_a_selection_and_the_refusal_is_journaled(decided, lead, inspector):
    selection = select(decided, lead)
    with pytest.raises(MajorViolationRefused):
        update_selection(actor=inspector, selection=selection, category="other", facts="x", handling="y")
    assert len(entries("update", "refused")) == 1


def test_a_removed_selection_stays_marked_and_the_case_may_be_selected_again(decided, lead):
    selection = select(decided, lead)
    remove_selection(actor=lead, selection=selection, reason="经复核不属于情节严重。")
    selection.refresh_from_db()
    assert selection.state == SelectionState.REMOVED
    assert selection.removal_reason == "经复核不属于情节严重。"
    [entry] = entries("remove")
    assert entry.after_data["reason"] == "经复核不属于情节严重。"
    again = select(decided, lead, "other")
    assert again.pk != selection.pk
    assert again.state == SelectionState.SELECTED


def test_removal_by_an_outsider_is_refused_and_journaled(decided, lead, outsider):
    selection = select(decided, lead)
    with pytest.raises(MajorViolationRefused):
        remove_selection(actor=outsider, selection=selection)
    assert Selection.objects.get(pk=selection.pk).state == SelectionState.SELECTED
    assert len(entries("remove", "refused")) == 1


# --- publish ----------------------------------------------------------------------------------------------------------


def test_the_director_publishes_the_quarters_list_as_redacted_snapshots(decided, lead, director):
    facts = "投诉人王小明（电话13800138000）反映，该单位未建立用工管理台账，法定代表人周大福拒不改正。"
    selection = select(decided, lead, "other", facts, "福田区人力资源局罚款二万元。")
    assert publish_batch(actor=director, batch=selection.batch) == 1
    published = PublishedMajorViolation.objects.get()
    assert published.selection_id == selection.pk
    assert (published.year, published.quarter, published.quarter_label) == (2026, 1, "2026年第一季度")
    assert published.organ == "福田区人力资源局"
    assert published.employer_name == "深圳市福田区华强电子有限公司"
    assert published.credit_code == decided.employer.credit_code
    assert published.address == "深圳市福田区华强北路1号"
    assert published.legal_representative == "周大福"
    assert published.category_name == "其他重大劳动保障违法行为"
    assert "王小明" not in published.facts
    assert "13800138000" not in published.facts
    assert "周大福" in published.facts  # the legal representative is the one person named
    assert published.handling == "福田区人力资源局罚款二万元。"
    assert published.published_on == dt.date(2026, 3, 9)
    batch = Batch.objects.get()
    assert (batch.state, batch.published_on, batch.published_by) == (
        BatchState.PUBLISHED,
        dt.date(2026, 3, 9),
        director,
    )
    assert Selection.objects.get().state == SelectionState.PUBLISHED
    [entry] = entries("publish_batch")
    assert entry.after_data["selections"] == [selection.pk]
    assert entry.after_data["quarter"] == "2026Q1"


def test_removed_selections_stay_out_of_the_published_list(decided, wages_case, lead, director):
    kept = select(decided, lead)
    dropped = select(wages_case, lead)
    remove_selection(actor=lead, selection=dropped)
    assert publish_batch(actor=director, batch=kept.batch) == 1
    assert list(PublishedMajorViolation.objects.values_list("selection_id", flat=True)) == [kept.pk]


@pytest.mark.parametrize("persona", ["lead", "legal", "inspector", "supervisor"])
def test_only_a_director_or_leader_publishes_and_a_refusal_is_journaled(decided, lead, personas, persona):
    selection = select(decided, lead)
    with pytest.raises(MajorViolationRefused, match="处长或局领导"):
        publish_batch(actor=personas[persona], batch=selection.batch)
    assert not PublishedMajorViolation.objects.exists()
    assert len(entries("publish_batch", "refused")) == 1


def test_a_director_of_another_district_cannot_publish_futians_list(decided, lead, org):
    selection = select(decided, lead)
    other = make_user("ns.director", "罗斌", org.nanshan, Role.DIRECTOR)
    with pytest.raises(MajorViolationRefused):
        publish_batch(actor=other, batch=selection.batch)


def test_a_list_is_published_once_and_an_empty_one_not_at_all(decided, lead, director):
    selection = select(decided, lead)
    publish_batch(actor=director, batch=selection.batch)
    with pytest.raises(MajorViolationError, match="已经公布"):
        publish_batch(actor=director, batch=selection.batch)
    empty = Batch.objects.create(unit=selection.batch.unit, year=2025, quarter=4)
    with pytest.raises(MajorViolationError, match="没有选定的违法行为"):
        publish_batch(actor=director, batch=empty)
    assert PublishedMajorViolation.objects.count() == 1


def test_a_list_of_a_quarter_not_yet_begun_cannot_be_published(decided, lead, director):
    selection = select(decided, lead)
    Batch.objects.filter(pk=selection.batch_id).update(year=2026, quarter=2)
    with pytest.raises(MajorViolationError, match="尚未开始"):
        publish_batch(actor=director, batch=Batch.objects.get())


def test_after_the_list_is_published_a_case_of_that_quarter_goes_into_the_next_list(
    decided, wages_case, lead, director
):
    first = select(decided, lead)
    publish_batch(actor=director, batch=first.batch)
    late = select(wages_case, lead)
    assert (late.batch.year, late.batch.quarter, late.batch.state) == (2026, 2, BatchState.DRAFT)
    with on_day(dt.date(2026, 4, 1)):
        assert publish_batch(actor=director, batch=late.batch) == 1


# --- withdraw ---------------------------------------------------------------------------------------------------------


def test_a_withdrawn_entry_stays_marked_with_its_public_explanation(decided, lead, director):
    selection = select(decided, lead)
    publish_batch(actor=director, batch=selection.batch)
    published = withdraw_publication(
        actor=director, selection=selection, reason="经复查，投诉人王小明反映的事实不属实，予以撤回。"
    )
    assert published.withdrawn
    assert published.withdrawn_on == dt.date(2026, 3, 9)
    assert "王小明" not in published.withdrawal_reason
    assert "予以撤回" in published.withdrawal_reason
    assert Selection.objects.get(pk=selection.pk).state == SelectionState.WITHDRAWN
    [entry] = entries("withdraw")
    assert entry.actor_id == director.pk
    with pytest.raises(MajorViolationError, match="已经撤回"):
        withdraw_publication(actor=director, selection=selection, reason="再次撤回")
    # corrected, the case may be selected into a later list
    assert select(decided, lead).batch.quarter == 2


def test_a_withdrawal_needs_an_explanation_and_a_director(decided, lead, director):
    selection = select(decided, lead)
    with pytest.raises(MajorViolationError, match="尚未公布"):
        withdraw_publication(actor=director, selection=selection, reason="理由")
    publish_batch(actor=director, batch=selection.batch)
    with pytest.raises(MajorViolationError, match="撤回说明"):
        withdraw_publication(actor=director, selection=selection, reason="   ")
    with pytest.raises(MajorViolationRefused):
        withdraw_publication(actor=lead, selection=selection, reason="理由")
    assert len(entries("withdraw", "refused")) == 1
    assert not PublishedMajorViolation.objects.get().withdrawn
