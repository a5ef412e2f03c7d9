"""Personal identifiers injected into case data never appear in any public response of the major-violation lists
(security.md: a property test that injects such values and searches every public page, feed and export): not the
complainant's or workers' names, ID numbers, phone numbers, bank accounts or home addresses — even when the staff's
text of the main facts and handling carries them, written with spaces or dashes, after 住在, or naming a witness the
case never declared (security review M2)."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from fazhi.cases.actions import WorkerInput
from fazhi.disclosure.tests.identifiers import gaps, identifiers, leaks, spelled
from fazhi.major_violations.actions import publish_batch, withdraw_publication
from fazhi.major_violations.models import Batch, Selection
from fazhi.major_violations.snapshots import PublishedMajorViolation

from .conftest import decide_wages, select


def public_responses(client: Client, pk: int) -> list[str]:
    pages = [
        client.get("/major-violations/"),
        client.get("/major-violations/", {"q": "宏图"}),
        client.get(f"/major-violations/{pk}/"),
        client.get("/major-violations.csv"),
        client.get("/major-violations.json"),
        client.get("/major-violations/feed.atom"),
    ]
    assert all(page.status_code == 200 for page in pages)
    return [page.content.decode("utf-8-sig") for page in pages]


@hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=identifiers(), withdraw=st.booleans(), gap=gaps)
def test_no_personal_identifier_reaches_any_public_response(
    values, withdraw, gap, register, inspector, lead, director, leader
):
    # Each example starts from empty lists (the examples share the test's database).
    PublishedMajorViolation.objects.all().delete()
    Selection.objects.all().delete()
    Batch.objects.all().delete()
    text = (
        f"投诉人{values['complainant']}（身份证{values['id_number']}，电话{values['phone']}，"
        f"住址：{values['home']}）反映，劳动者{values['worker']}（身份证{values['worker_id']}）的工资"
        f"打入账户{values['account']}后被扣回。{spelled(values, gap)}"
    )
    case = register(
        employer_name="深圳市福田区宏图建筑劳务有限公司",
        legal_representative="赵建国",
        employer_address="深圳市福田区福华路88号",
        complainant_name=values["complainant"],
        complainant_id_number=values["id_number"],
        complainant_phone=values["phone"],
        summary=text,
        workers=[WorkerInput(name=values["worker"], id_number=values["worker_id"], amount_owed=Decimal("150000"))],
    )
    # The facts found are printed on the decision (行政处罚法 第五十九条); the public list must not carry them raw.
    case = decide_wages(case, inspector, lead, leader, findings=f"经查，{text}")
    selection = select(
        case, lead, "wages", f"经查，{text}", f"已责令向{values['worker']}（电话{values['phone']}）支付。"
    )
    publish_batch(actor=director, batch=selection.batch)
    if withdraw:
        withdraw_publication(
            actor=director, selection=selection, reason=f"{values['complainant']}撤回投诉，电话{values['phone']}。"
        )
    published = PublishedMajorViolation.objects.get(selection_id=selection.pk)
    bodies = public_responses(Client(), published.pk)
    assert all("宏图建筑劳务" in body for body in bodies)  # the entry is there, only without the secrets
    for body in bodies:
        assert not leaks(body, values)


# What reached the portal in the review.
LEAKED = ("沈 强", "188-603-23294", "23294", "4521 2319", "0716 78", "-426X", "住在", "翠景花园", "王德发")
REVIEW_FACTS = (
    "投诉人沈 强（电话 188-603-23294，身份证 4521 2319 7410 0716 78）反映；"
    "劳动者蒋小军（身份证号 441422-19891101-426X）住在宝安区新安街道翠景花园3栋301；证人王德发…"
)


def test_the_reviews_publication_reaches_the_portal_without_the_people_it_named(
    register, inspector, lead, director, leader
):
    """Security review M2, step by step: the lead edits the selection's facts to the review's text, the director reads
    the list's preview — warned of the witness — and publishes it, and the detail page, the CSV, the JSON and the
    feed carry none of the complainant's spaced name, the 3-3-5 mobile number, the grouped ID numbers with their
    check character, the address after 住在 or the witness (政府信息公开条例 第十五条;
    劳动保障监察条例 第九条第三款)."""
    case = register(
        employer_name="深圳市宝安区翠景建筑劳务有限公司",
        legal_representative="赵建国",
        complainant_name="沈强",
        complainant_phone="18860323294",
        complainant_id_number="452123197410071678",
        workers=[WorkerInput(name="蒋小军", id_number="44142219891101426X", amount_owed=Decimal("150000"))],
    )
    case = decide_wages(case, inspector, lead, leader)
    selection = select(case, lead, "wages")
    staff = Client()
    staff.force_login(lead)
    edited = staff.post(
        f"/staff/major-violations/selections/{selection.pk}/edit/",
        {"category": "wages", "facts": REVIEW_FACTS, "handling": "已责令支付。"},
    )
    assert edited.status_code == 302
    staff.force_login(director)
    batch = staff.get(f"/staff/major-violations/batches/{selection.batch_id}/").content.decode()
    assert "公布预览" in batch
    assert "以下姓名未登记为本案人员，已按其前的称谓隐去，请核对：证人王德发。" in batch
    assert staff.post(f"/staff/major-violations/batches/{selection.batch_id}/publish/").status_code == 302
    published = PublishedMajorViolation.objects.get(selection_id=selection.pk)
    public = Client()
    bodies = [
        public.get(url).content.decode("utf-8-sig")
        for url in (
            f"/major-violations/{published.pk}/",
            "/major-violations.csv",
            "/major-violations.json",
            "/major-violations/feed.atom",
        )
    ]
    assert all("翠景建筑劳务" in body for body in bodies)
    for body in bodies:
        for leaked in LEAKED:
            assert leaked not in body, leaked
