"""The standards, the powers list and the calculator as pages: public on the portal, in the staff app for staff, and
the version differences for the legal division."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from fazhi.accounts.models import User
from fazhi.law.actions import load_standard

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_standards_and_a_violations_tiers_on_the_portal(client: Client) -> None:
    page = client.get("/standards/").content.decode()
    assert "劳动保障行政处罚裁量基准" in page
    assert "广东省劳动保障监察条例 第四十九条" in page
    detail = client.get("/standards/gdjc49_no_ledger/").content.decode()
    assert "造成严重危害后果且未及时改正" in detail
    assert "CF-05" in detail
    assert client.get("/standards/no_such_code/").status_code == 404


def entry(page: str, code: str) -> str:
    """The part of the standards page about one violation."""
    start = page.index(f'id="v-{code}"')
    return page[start : page.index("</details>", start)]


def test_the_standards_page_says_once_that_the_standard_in_force_is_the_example(client: Client) -> None:
    page = client.get("/standards/").content.decode()
    assert page.count("系统内置示例") == 1
    assert "非本局正式发布的裁量基准" in page
    detail = client.get("/standards/gdjc49_no_ledger/").content.decode()
    assert detail.count("系统内置示例") == 1


def test_the_tiers_are_listed_lightest_first_with_their_conditions_in_words(client: Client) -> None:
    # The example tries 严重, 较重, 轻微, then the default 一般 (行政处罚法 第三十四条: published as applied).
    ledger = entry(client.get("/standards/").content.decode(), "gdjc49_no_ledger")
    assert ledger.index(">轻微<") < ledger.index(">一般<") < ledger.index(">较重<") < ledger.index(">严重<")
    assert "造成严重危害后果，未及时改正" in ledger
    assert "没有造成危害后果或危害后果轻微，及时改正" in ledger
    assert "<td>其他情形</td>" in ledger
    assert "2000 元至 5600 元" in ledger  # 广东省劳动保障监察条例 第四十九条: 2000–20000, the lightest fifth
    assert "harm" not in ledger
    per_worker = entry(client.get("/standards/").content.decode(), "lbjc23_1_female_prohibited_work")
    assert "按受侵害的劳动者每人 1000 元至 1800 元" in per_worker  # 劳动保障监察条例 第二十三条
    detail = client.get("/standards/gdjc49_no_ledger/").content.decode()
    assert detail.index(">轻微<") < detail.index(">严重<")
    assert "per_worker" not in client.get("/standards/lbjc23_1_female_prohibited_work/").content.decode()


def test_the_standards_page_opens_with_a_contents_list_of_the_statutes_linked_to_their_sections(
    client: Client,
) -> None:
    page = client.get("/standards/").content.decode()
    contents = page[page.index('id="contents-title"') : page.index("</nav>", page.index('id="contents-title"'))]
    assert '<a href="#law-1">劳动保障监察条例</a>' in contents
    for number in range(1, contents.count('href="#law-') + 1):
        assert f'id="law-{number}"' in page
    assert 'id="v-gdjc49_no_ledger"' in page
    assert page.index('id="contents-title"') < page.index('id="law-1"')


def test_the_standards_page_finds_violations_by_words_of_their_name_or_article(client: Client) -> None:
    page = client.get("/standards/", {"q": "台账"}).content.decode()
    assert 'id="v-gdjc49_no_ledger"' in page
    assert 'id="v-lbjc23_1_female_prohibited_work"' not in page
    assert "与“台账”相符的违法行为共" in page
    by_article = client.get("/standards/", {"q": "第四十九条 广东省劳动保障监察条例"}).content.decode()
    assert 'id="v-gdjc49_no_ledger"' in by_article
    nothing = client.get("/standards/", {"q": "没有这种违法行为"}).content.decode()
    assert "没有与“没有这种违法行为”相符的违法行为。" in nothing


def test_the_portal_shows_no_violation_codes_but_the_staff_page_gives_them_for_the_standard_file(
    client: Client, legal: User
) -> None:
    assert "违法行为代码" not in client.get("/standards/").content.decode()
    client.force_login(legal)
    page = client.get("/staff/law/standards/").content.decode()
    assert "gdjc49_no_ledger（导入裁量基准文件时填写）" in page


def test_a_loaded_standard_is_shown_by_its_name_without_the_example_disclaimer(client: Client, legal: User) -> None:
    text = "code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,一般,,3000,6000,本局其他情形\n"
    load_standard(actor=legal, text=text, source_name="a.csv", name="本局基准", effective_from=dt.date(2025, 1, 1))
    page = client.get("/standards/").content.decode()
    assert "现行：本局基准（2025-01-01 起施行）" in page
    assert "系统内置示例" not in page
    assert "3000 元至 6000 元" in entry(page, "gdjc49_no_ledger")


def test_the_portal_home_links_to_the_standards(client: Client) -> None:
    assert 'href="/standards/"' in client.get("/").content.decode()


def test_the_portal_calculator_answers_with_its_explanation_and_keeps_what_was_typed(client: Client) -> None:
    page = client.get(
        "/calculator/", {"violation": "lbjc23_1_female_prohibited_work", "workers": "3", "harm": "serious"}
    ).content.decode()
    assert "12600.00 元至 15000.00 元" in page
    assert "按受侵害的劳动者 3 人计罚" in page
    wrong = client.get("/calculator/", {"violation": "lbjc23_1_female_prohibited_work", "workers": "-3"})
    assert wrong.status_code == 200
    assert "不能为负数" in wrong.content.decode()
    assert 'value="-3"' in wrong.content.decode()


def test_the_powers_list_is_public(client: Client) -> None:
    page = client.get("/powers/").content.decode()
    assert "行政处罚" in page
    assert "行政检查" in page
    assert "JC-01" in page


def test_staff_see_the_same_pages_in_the_staff_app_and_outsiders_are_sent_to_log_in(
    client: Client, inspector: User
) -> None:
    assert client.get("/staff/law/standards/").status_code == 302
    client.force_login(inspector)
    page = client.get("/staff/law/standards/").content.decode()
    assert "劳动保障行政处罚裁量基准" in page
    assert "staff-nav" in page
    assert client.get("/staff/law/calculator/", {"violation": "gdjc49_no_ledger"}).status_code == 200
    assert client.get("/staff/law/powers/").status_code == 200


def test_the_legal_division_sees_what_changed_between_versions(client: Client, legal: User) -> None:
    text = "code,tier,when,fine_min,fine_max,facts\ngdjc49_no_ledger,一般,,3000,6000,本局其他情形\n"
    version = load_standard(
        actor=legal, text=text, source_name="a.csv", name="本局基准", effective_from=dt.date(2025, 1, 1)
    )
    client.force_login(legal)
    page = client.get("/staff/law/versions/", {"old": "example", "new": version.key}).content.decode()
    assert "本局其他情形：3000–6000" in page
    assert "修改" in page
    assert "删除" in page
    assert "没有所选的版本" in client.get("/staff/law/versions/", {"old": "v999"}).content.decode()


PUBLISHED_SHAPE = Path(__file__).resolve().parents[2] / "rules" / "tests" / "data" / "published_shape_standard.csv"


def test_the_calculator_asks_only_the_facts_the_standards_name_and_says_what_a_tier_waits_for(
    client: Client, legal: User
) -> None:
    """行政处罚法 第三十四条: the example set names the harm; a bureau's standard may name workers, amounts, duration,
    earlier violations or correction in time, and only then does the calculator ask for them."""
    before = client.get("/calculator/").content.decode()
    assert 'name="amount_owed"' not in before
    assert 'name="corrected_in_time"' not in before
    load_standard(
        actor=legal,
        text=PUBLISHED_SHAPE.read_text(encoding="utf-8"),
        source_name=PUBLISHED_SHAPE.name,
        name="本局行政处罚裁量基准（测试用）",
        effective_from=dt.date(2025, 1, 1),
    )
    form = client.get("/calculator/").content.decode()
    for name in ("amount_owed", "duration_months", "duration_days", "earlier_violations", "corrected_in_time"):
        assert f'name="{name}"' in form
    answer = client.get("/calculator/", {"violation": "lbjc30_1_obstruct_inspection", "workers": "12"})
    page = answer.content.decode()
    assert "5000.00 元至 10000.00 元" in page
    assert "一般（受侵害劳动者 11 至 30 人）" in page
    waiting = client.get("/calculator/", {"violation": "lbjc30_3_refuse_correction", "amount_owed": "20000"})
    assert "裁量基准按违法行为持续的月数确定阶次" in waiting.content.decode()


def test_a_published_shape_standard_shows_its_no_penalty_and_reduced_rows_first_and_each_tiers_measures(
    client: Client, legal: User
) -> None:
    """行政处罚法 第三十二条、第三十三条第一款: a 不予处罚 and a 减轻 row are their violation's lightest tiers."""
    load_standard(
        actor=legal,
        text=PUBLISHED_SHAPE.read_text(encoding="utf-8"),
        source_name=PUBLISHED_SHAPE.name,
        name="本局行政处罚裁量基准（测试用）",
        effective_from=dt.date(2025, 1, 1),
    )
    page = client.get("/standards/").content.decode()
    ledger = entry(page, "gdjc49_no_ledger")
    order = ["轻微（不予行政处罚）", "轻微（减轻处罚）", "一般", "较重", "严重"]
    places = [ledger.index(f">{label}<") for label in order]
    assert places == sorted(places)
    assert "受侵害劳动者 31 至 100 人" in ledger
    assert "1000 元至 2000 元" in ledger  # the 减轻 row, below the statutory 2000 of 广东条例 第四十九条
    overtime = entry(page, "lbjc25_overtime_excess")
    assert "处罚种类：警告" in overtime
    assert "处罚种类：警告、罚款" in overtime
