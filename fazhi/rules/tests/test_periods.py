"""Statutory periods: the shipped data, row by row against the law digest, lookup, overrides and due dates.

The DIGEST table below was written from shared/domain/law-digest.md (§1.3, §3, §14.1, §14.10-14.11), not from
periods.toml; every expected date was counted by hand on the 2024–2026 State Council holiday notices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from chinese_calendar.constants import holidays, workdays

from fazhi.rules.calendar import CalendarYearMissing, InvalidPeriod, WorkingCalendar, years_from_tables
from fazhi.rules.jurisdiction import UnknownJurisdiction
from fazhi.rules.periods import (
    DATA_FILE,
    Direction,
    PeriodError,
    PeriodOverrideError,
    PeriodRule,
    Unit,
    UnknownPeriod,
    all_period_rules,
    chinese_number,
    due_date,
    extended_due_date,
    load_period_rules,
    period_rule,
    period_rules,
    with_overrides,
)

D = dt.date
CAL = WorkingCalendar(years_from_tables(holidays, workdays))
BU25 = "关于实施《劳动保障监察条例》若干规定"  # 劳动和社会保障部令第25号, [S] only
GD = "广东省劳动保障监察条例"
SPC_ALP = "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释"  # 法释〔2018〕1号
BANFA = "拖欠农民工工资失信联合惩戒对象名单管理暂行办法"  # 人社部令第45号
YISONG = "行政执法机关移送涉嫌犯罪案件的规定"  # 国务院令第310号 (2020年修订)

# (code, jurisdiction, days, unit, statute, article, status) — from the digest's words. Status "T": the days are in
# the statute's text; "S": they rest on a secondary source; "D": the text sets the duty but no time, and the days are
# this system's default, which the bureau may configure (verified=false, said so in the note).
DIGEST = [
    # §1.3 row 1: national 5 WD from receipt [S] (部令25号 Art. 18); Guangdong 5 WD [T] (广东条例 Art. 36)
    ("complaint_acceptance", "CN", 5, "working", BU25, 18, "S"),
    ("complaint_acceptance", "CN-GD", 5, "working", GD, 36, "T"),
    # §14.1: 不予受理 (limitation) in writing within 5 WD, Art. 18 para. 2 [S]; §1.3 row 1c: 5 WD, 广东条例 Art. 39
    ("complaint_refusal_notice", "CN", 5, "working", BU25, 18, "S"),
    ("complaint_refusal_notice", "CN-GD", 5, "working", GD, 39, "T"),
    # §1.3 row 1d: 举报 outside jurisdiction transferred within 5 WD, 广东条例 Art. 33 para. 2
    ("report_referral", "CN-GD", 5, "working", GD, 33, "T"),
    # §1.3 row 2: Guangdong 立案 within 5 WD of discovery, 广东条例 Art. 32 (national: "及时", no number)
    ("filing_own_discovery", "CN-GD", 5, "working", GD, 32, "T"),
    # §1.3 row 3b, §3.3 step 3: 先行登记保存 decision within 7 WD, 行政处罚法 Art. 56 + Art. 85
    ("evidence_preservation_decision", "CN", 7, "working", "行政处罚法", 56, "T"),
    # §1.3 row 5: national 60 WD (+30), 监察条例 Art. 17; Guangdong 45 WD (+30), 广东条例 Art. 44
    ("investigation", "CN", 60, "working", "劳动保障监察条例", 17, "T"),
    ("investigation", "CN-GD", 45, "working", GD, 44, "T"),
    # §1.3 row 5a: notify the complainant within 3 WD of the approval of suspension, 广东条例 Art. 45
    ("suspension_notice_to_complainant", "CN-GD", 3, "working", GD, 45, "T"),
    # §1.3 row 5: an extension is told to the complainant in writing (广东条例 Art. 44 para. 2), no time set; row 6:
    # a complaint case's 撤销立案 is told to the complainant (Art. 46 para. 2), no time set: 3 WD as in Art. 45
    ("extension_notice_to_complainant", "CN-GD", 3, "working", GD, 44, "D"),
    ("revocation_notice_to_complainant", "CN-GD", 3, "working", GD, 46, "D"),
    # §3.3 step 8: 90 CD from 立案 unless other rules provide otherwise, 行政处罚法 Art. 60
    ("penalty_decision", "CN", 90, "calendar", "行政处罚法", 60, "T"),
    # §3.4: request a hearing within 5 WD of the notice; notice of time/place 7 WD before, Arts. 64, 85
    ("hearing_request", "CN", 5, "working", "行政处罚法", 64, "T"),
    ("hearing_notice", "CN", 7, "working", "行政处罚法", 64, "T"),
    # §1.3 row 7: the employer's 陈述、申辩 is heard before a 处理决定 (监察条例 Art. 19), no time set: 5 WD as for the
    # hearing request
    ("defence_statement", "CN", 5, "working", "劳动保障监察条例", 19, "D"),
    # §3.3 step 9: absent party served within 7 WD, Arts. 61, 85; §1.3 row 8: 7 WD (GD), 广东条例 Art. 47 para. 1
    ("service", "CN", 7, "working", "行政处罚法", 61, "T"),
    ("service", "CN-GD", 7, "working", GD, 47, "T"),
    # §14.10/§14.11 item 2: 民事诉讼法 Art. 95 — deemed served 30 days after the notice; Guangdong Art. 47: 60 CD,
    # 3 CD in Art. 41 / mass-incident cases; 30 days for other documents served under the 民事诉讼法
    ("public_notice_service", "CN", 30, "calendar", "民事诉讼法", 95, "T"),
    ("public_notice_service", "CN-GD", 60, "calendar", GD, 47, "T"),
    ("public_notice_service_summons", "CN-GD", 3, "calendar", GD, 47, "T"),
    ("public_notice_service_civil", "CN", 30, "calendar", "民事诉讼法", 95, "T"),
    # §1.3 row 9: 备案 within 10 days of issuing (type not defined → CD), 广东条例 Art. 48
    ("filing_with_superior", "CN-GD", 10, "calendar", GD, 48, "T"),
    # §3.5: pay within 15 days (CD) of receipt, 行政处罚法 Art. 67
    ("fine_payment", "CN", 15, "calendar", "行政处罚法", 67, "T"),
    # §11, §14.4: publish a penalty decision within 7 WD [S 国办发〔2018〕118号]; the duty is 行政处罚法 Art. 48
    ("decision_publication", "CN", 7, "working", "行政处罚法", 48, "S"),
    # §3.1: withdraw a published decision within 3 WD, 行政处罚法 Art. 48 (+Art. 85)
    ("publication_withdrawal", "CN", 3, "working", "行政处罚法", 48, "T"),
    # §8: a direct suit within 6 months of knowing the act, 行政诉讼法 Art. 46
    ("litigation_period", "CN", 6, "months", "行政诉讼法", 46, "T"),
    # §3.5: court enforcement within 3 months after the litigation period expires, 行政诉讼法解释 (2018) Art. 156
    (
        "court_enforcement_application",
        "CN",
        3,
        "months",
        "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释",
        156,
        "T",
    ),
    # §1.3 row 11: 2 years, 监察条例 Art. 20
    ("limitation", "CN", 24, "months", "劳动保障监察条例", 20, "T"),
    # §14.1: on-the-spot decision's archive copy handed in within 2 days (type not stated → CD), Art. 32 [S]
    ("spot_decision_archiving", "CN", 2, "calendar", BU25, 32, "S"),
    # §5 (人社部令第45号): objection within 5 WD of the notice, verified within 5 WD of receipt (Art. 6); the listing
    # decision within 20 WD of the order's deadline, +20 WD (Art. 8); early removal decided within 15 WD (Art. 14);
    # removal within 10 WD (Art. 17)
    ("dishonest_objection", "CN", 5, "working", BANFA, 6, "T"),
    ("dishonest_objection_review", "CN", 5, "working", BANFA, 6, "T"),
    ("dishonest_listing_decision", "CN", 20, "working", BANFA, 8, "T"),
    ("dishonest_early_removal_decision", "CN", 15, "working", BANFA, 14, "T"),
    ("dishonest_removal", "CN", 10, "working", BANFA, 17, "T"),
    # Performance: deferral, remedies. §8: after reconsideration sue within 15 days of receiving the decision (Art. 45);
    # not informed of the period: at most 1 year (解释 Art. 64); judgment enforcement applied for within 2 years
    # (解释 Art. 153; 行政诉讼法 Art. 95)
    ("party_suit_after_reconsideration", "CN", 15, "calendar", "行政诉讼法", 45, "T"),
    ("party_suit_unstated_limit", "CN", 12, "months", SPC_ALP, 64, "T"),
    ("judgment_enforcement_application", "CN", 24, "months", SPC_ALP, 153, "T"),
    # §6.1 (移送规定, "3日" and "24小时" undefined → CD): approval within 3 days of the report, transfer within 24 hours
    # of the approval (Art. 5 para. 2, as 1 CD); the police decide on filing within 3 days (Art. 8); the bureau may
    # ask them to reconsider within 3 days, and they decide in 3 days (Art. 9); items handed over within 3 days of the
    # filing notice (Art. 12)
    ("transfer_approval", "CN", 3, "calendar", YISONG, 5, "T"),
    ("transfer_dispatch", "CN", 1, "calendar", YISONG, 5, "T"),
    ("transfer_police_review", "CN", 3, "calendar", YISONG, 8, "T"),
    ("transfer_reconsideration_request", "CN", 3, "calendar", YISONG, 9, "T"),
    ("transfer_police_reconsideration", "CN", 3, "calendar", YISONG, 9, "T"),
    ("transfer_handover", "CN", 3, "calendar", YISONG, 12, "T"),
    # §7 (行政复议法 2023): the respondent answers within 10 WD of receiving the copy (Art. 48; "十日" are working
    # days, Art. 88 para. 2), 5 WD in the simple procedure (Art. 54); the organ decides within 60 days of acceptance,
    # 30 in the simple procedure (Art. 62). §8 (行政诉讼法): the defence within 15 days of the copy (Art. 67); appeal
    # 15 days from a judgment's service, 10 from a ruling's (Art. 85)
    ("reconsideration_answer", "CN", 10, "working", "行政复议法", 48, "T"),
    ("reconsideration_answer_simple", "CN", 5, "working", "行政复议法", 54, "T"),
    ("reconsideration_decision", "CN", 60, "calendar", "行政复议法", 62, "T"),
    ("reconsideration_decision_simple", "CN", 30, "calendar", "行政复议法", 62, "T"),
    ("litigation_defence", "CN", 15, "calendar", "行政诉讼法", 67, "T"),
    ("appeal_judgment", "CN", 15, "calendar", "行政诉讼法", 85, "T"),
    ("appeal_ruling", "CN", 10, "calendar", "行政诉讼法", 85, "T"),
]


def _row(code: str, jurisdiction: str) -> PeriodRule:
    matches = [r for r in all_period_rules() if r.code == code and r.jurisdiction == jurisdiction]
    assert len(matches) == 1, f"{code} / {jurisdiction}"
    return matches[0]


# --- the shipped data --------------------------------------------------------------------------------------------


def test_the_shipped_data_file_loads_and_validates():
    rules = load_period_rules(DATA_FILE)
    assert rules == all_period_rules()
    assert all(rule.citations for rule in rules)


def test_every_row_of_the_data_file_has_a_row_in_the_digest_table_and_back():
    assert {(r.code, r.jurisdiction) for r in all_period_rules()} == {(row[0], row[1]) for row in DIGEST}


@pytest.mark.parametrize(("code", "jurisdiction", "days", "unit", "statute", "article", "status"), DIGEST)
def test_each_period_matches_the_digest(code, jurisdiction, days, unit, statute, article, status):
    rule = _row(code, jurisdiction)
    assert (rule.days, rule.unit, rule.jurisdiction) == (days, Unit(unit), jurisdiction)
    first = rule.citations[0]
    assert (first.statute, first.article) == (statute, article)
    # "S": the row rests on a secondary source — its first citation, or (decision_publication) the days themselves.
    # "D": the duty is in the text (its citation is "T"), the days are the system's configurable default.
    assert (
        first.status == status
        or (status == "S" and rule.note.startswith("[S]"))
        or (status == "D" and first.status == "T" and "默认值" in rule.note)
    )
    assert rule.verified is (status == "T")


def test_unverified_periods_carry_a_note_saying_so():
    unverified = [r for r in all_period_rules() if not r.verified]
    secondary = {
        ("complaint_acceptance", "CN"),
        ("complaint_refusal_notice", "CN"),
        ("spot_decision_archiving", "CN"),
        ("decision_publication", "CN"),
    }
    defaults = {
        ("extension_notice_to_complainant", "CN-GD"),
        ("revocation_notice_to_complainant", "CN-GD"),
        ("defence_statement", "CN"),
    }
    assert {(r.code, r.jurisdiction) for r in unverified} == secondary | defaults
    assert all("配置" in r.note for r in unverified)
    assert all("[S]" in r.note for r in unverified if (r.code, r.jurisdiction) in secondary)
    # The text sets no time: the note says so, and that the days are this system's default.
    for rule in unverified:
        if (rule.code, rule.jurisdiction) in defaults:
            assert "未规定期限" in rule.note, rule.code
            assert "默认值" in rule.note, rule.code


def test_short_periods_of_the_administrative_penalty_law_cite_its_working_day_article():
    # 行政处罚法 第八十五条: its 二日、三日、五日、七日 are working days.
    # (A period whose length comes from elsewhere — the [S] 7 working days to publish a decision, 国办发〔2018〕118号 —
    # cites the law for the duty only, and is unverified.)
    for rule in all_period_rules():
        if rule.citations[0].statute == "行政处罚法" and rule.unit is Unit.WORKING and rule.verified:
            assert ("行政处罚法", 85) in {(c.statute, c.article) for c in rule.citations}, rule.code


def test_paragraphs_and_items_are_cited_where_the_article_has_several():
    assert _row("investigation", "CN-GD").citations[0].label == "《广东省劳动保障监察条例》第四十四条第一款"
    assert _row("public_notice_service", "CN-GD").citations[0].paragraph == 2
    assert _row("hearing_notice", "CN").citation_label == "《行政处罚法》第六十四条第（二）项、第八十五条"
    assert _row("complaint_acceptance", "CN").citation_label == "《关于实施〈劳动保障监察条例〉若干规定》第十八条第一款"


def test_the_investigation_extensions_are_thirty_working_days_with_their_own_citation():
    national, guangdong = _row("investigation", "CN"), _row("investigation", "CN-GD")
    assert national.extension_days == guangdong.extension_days == 30
    assert national.extension_citations[0].label == "《劳动保障监察条例》第十七条"
    assert guangdong.extension_citations[0].label == "《广东省劳动保障监察条例》第四十四条第二款"


def test_only_the_guangdong_handling_period_stops_while_a_case_is_suspended():
    # 广东条例 第四十五条 中止计算监察办案时限; the national regulation has no such rule.
    assert [(r.code, r.jurisdiction) for r in all_period_rules() if r.stops_on_suspension] == [
        ("investigation", "CN-GD")
    ]


def test_the_hearing_notice_runs_backwards_from_the_hearing():
    rule = _row("hearing_notice", "CN")
    assert rule.direction is Direction.BEFORE
    assert rule.duration_label == "举行听证之日前7个工作日"


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "一"), (10, "十"), (17, "十七"), (20, "二十"), (85, "八十五"), (101, "一百零一"), (156, "一百五十六")],
)
def test_article_numbers_are_written_in_chinese(number, text):
    assert chinese_number(number) == text


# --- lookup --------------------------------------------------------------------------------------------------------


def test_the_guangdong_rule_wins_in_shenzhen_and_the_national_one_elsewhere():
    assert period_rule("investigation", "CN-GD-SZ").days == 45
    assert period_rule("investigation", "CN-GD").days == 45
    assert period_rule("investigation", "CN").days == 60
    assert period_rule("public_notice_service", "CN-GD-SZ").days == 60
    assert period_rule("public_notice_service", "CN").days == 30


def test_a_national_rule_applies_in_shenzhen_when_guangdong_has_none():
    assert period_rule("fine_payment", "cn-gd-sz").jurisdiction == "CN"


def test_the_rules_of_a_jurisdiction_are_the_tightest_of_each_code():
    rules = period_rules("CN-GD-SZ")
    assert set(rules) == {row[0] for row in DIGEST}
    assert rules["complaint_acceptance"].verified  # the Guangdong [T] row replaces the national [S] one
    assert "filing_own_discovery" not in period_rules("CN")


def test_an_unknown_code_is_refused_with_a_chinese_message_naming_it():
    with pytest.raises(UnknownPeriod, match="未知的期限代码“rectification”"):
        period_rule("rectification", "CN-GD-SZ")


def test_a_code_with_no_rule_in_the_jurisdiction_says_where():
    with pytest.raises(UnknownPeriod, match="期限“filing_own_discovery”在中华人民共和国没有适用的规定"):
        period_rule("filing_own_discovery", "CN")


def test_an_unknown_jurisdiction_is_refused():
    with pytest.raises(UnknownJurisdiction):
        period_rule("investigation", "CN-GD-GZ")


# --- overrides -----------------------------------------------------------------------------------------------------


def test_the_bureau_may_set_the_days_of_an_unverified_period():
    national = period_rules("CN")
    configured = with_overrides(national, {"complaint_acceptance": 7})
    assert configured["complaint_acceptance"].days == 7
    assert configured["complaint_acceptance"].statutory_days == 5
    assert configured["complaint_acceptance"].is_overridden
    assert national["complaint_acceptance"].days == 5  # the input is not changed
    assert configured["fine_payment"] is national["fine_payment"]
    assert configured["complaint_acceptance"].snapshot()["statutory_days"] == 5


def test_an_overridden_period_gives_its_configured_due_date():
    configured = with_overrides(period_rules("CN"), {"spot_decision_archiving": 3})
    assert due_date(configured["spot_decision_archiving"], D(2026, 3, 2), CAL) == D(2026, 3, 5)


def test_a_verified_period_is_not_overridden_unless_explicitly_allowed():
    rules = period_rules("CN-GD-SZ")
    with pytest.raises(PeriodOverrideError, match="已核实，不能通过配置修改"):
        with_overrides(rules, {"investigation": 50})
    assert with_overrides(rules, {"investigation": 50}, allow_verified=True)["investigation"].days == 50


@pytest.mark.parametrize("days", [0, -1, True, "5", 2.5, None])
def test_override_days_must_be_positive_integers(days):
    with pytest.raises(PeriodOverrideError, match="complaint_acceptance”的天数应为正整数"):
        with_overrides(period_rules("CN"), {"complaint_acceptance": days})


def test_an_override_of_an_unknown_code_is_refused():
    with pytest.raises(PeriodOverrideError, match="未知的期限代码“complaint_acceptence”"):
        with_overrides(period_rules("CN"), {"complaint_acceptence": 5})


# --- due dates -----------------------------------------------------------------------------------------------------


def _due(code: str, jurisdiction: str, start: dt.date) -> dt.date:
    return due_date(period_rule(code, jurisdiction), start, CAL)


def test_a_guangdong_investigation_runs_45_working_days_across_national_day_2026():
    # Filed Tue 2026-09-01. Working days: 9-02..04 (3), 9-07..11 (8), 9-14..18 (13), Sun 9-20 make-up day (14),
    # 9-21..24 (18; Fri 9-25 is 中秋), 9-28..30 (21), 国庆 10-01..07 off, 10-08, 10-09 (23), Sat 10-10 make-up (24),
    # 10-12..16 (29), 10-19..23 (34), 10-26..30 (39), 11-02..06 (44), Mon 11-09 (45).
    assert _due("investigation", "CN-GD-SZ", D(2026, 9, 1)) == D(2026, 11, 9)


def test_the_extension_runs_30_more_working_days_from_the_original_due_date():
    # From Mon 11-09: 11-10..13 (4), 11-16..20 (9), 11-23..27 (14), 11-30 (15), 12-01..04 (19), 12-07..11 (24),
    # 12-14..18 (29), Mon 12-21 (30).
    rule = period_rule("investigation", "CN-GD-SZ")
    assert extended_due_date(rule, D(2026, 9, 1), CAL) == D(2026, 12, 21)


def test_the_national_investigation_runs_60_working_days():
    # From 11-09 (45 working days, as above): 11-10..13 (49), 11-16..20 (54), 11-23..27 (59), Mon 11-30 (60).
    assert _due("investigation", "CN", D(2026, 9, 1)) == D(2026, 11, 30)


def test_a_period_that_needs_an_unloaded_year_names_the_year():
    # 60 + 30 working days from 2026-09-01 end in 2027, whose holiday notice is not loaded.
    with pytest.raises(CalendarYearMissing, match="2027"):
        extended_due_date(period_rule("investigation", "CN"), D(2026, 9, 1), CAL)


def test_a_period_without_a_statutory_extension_cannot_be_extended():
    with pytest.raises(PeriodError, match="没有法定延长期"):
        extended_due_date(period_rule("fine_payment", "CN"), D(2026, 3, 2), CAL)


@pytest.mark.parametrize(
    ("code", "jurisdiction", "start", "expected", "counted"),
    [
        ("public_notice_service", "CN-GD-SZ", D(2026, 6, 30), D(2026, 8, 31), "6-30 + 60 = Sat 8-29 → Mon 8-31"),
        ("public_notice_service_summons", "CN-GD-SZ", D(2026, 10, 29), D(2026, 11, 2), "+3 = Sun 11-01 → Mon 11-02"),
        ("public_notice_service", "CN", D(2026, 9, 1), D(2026, 10, 8), "+30 = 10-01, 国庆 until 10-07 → Thu 10-08"),
        ("public_notice_service_civil", "CN-GD-SZ", D(2026, 9, 1), D(2026, 10, 8), "same 30 days inside Guangdong"),
        ("fine_payment", "CN", D(2026, 3, 2), D(2026, 3, 17), "Mon 3-02 + 15 = Tue 3-17, a working day"),
        ("fine_payment", "CN", D(2026, 4, 20), D(2026, 5, 6), "+15 = 5-05 in 劳动节 (5-01..05) → Wed 5-06"),
        ("filing_with_superior", "CN-GD", D(2026, 9, 24), D(2026, 10, 8), "+10 = 10-04 in 国庆 → Thu 10-08"),
        ("penalty_decision", "CN", D(2026, 7, 3), D(2026, 10, 8), "+90 = 10-01 in 国庆 → Thu 10-08"),
        ("service", "CN-GD-SZ", D(2026, 9, 29), D(2026, 10, 14), "9-30, 10-08, 10-09, Sat 10-10 make-up, 10-12..14"),
        ("hearing_request", "CN", D(2026, 4, 30), D(2026, 5, 11), "5-06..08, Sat 5-09 make-up, Mon 5-11"),
        ("evidence_preservation_decision", "CN", D(2026, 2, 10), D(2026, 2, 26), "2-11..13, Sat 2-14, 春节, 2-24..26"),
        ("complaint_acceptance", "CN-GD-SZ", D(2026, 1, 30), D(2026, 2, 6), "Fri 1-30 → 2-02..06"),
        ("suspension_notice_to_complainant", "CN-GD", D(2026, 6, 18), D(2026, 6, 24), "端午 6-19..21 → 6-22..24"),
        ("court_enforcement_application", "CN", D(2026, 5, 31), D(2026, 8, 31), "3 months: Mon 8-31"),
        ("court_enforcement_application", "CN", D(2025, 8, 31), D(2025, 12, 1), "no 11-31 → Sun 11-30 → Mon 12-01"),
        ("court_enforcement_application", "CN", D(2025, 11, 30), D(2026, 2, 28), "no 2-30 → Sat 2-28, a make-up day"),
        ("limitation", "CN", D(2024, 2, 29), D(2026, 2, 28), "24 months: no 2-29 in 2026 → 2-28, a make-up day"),
        ("party_suit_after_reconsideration", "CN", D(2026, 4, 20), D(2026, 5, 6), "+15 = 5-05 in 劳动节 → Wed 5-06"),
        ("party_suit_unstated_limit", "CN", D(2025, 3, 10), D(2026, 3, 10), "one year on the corresponding day"),
        ("judgment_enforcement_application", "CN", D(2024, 2, 29), D(2026, 2, 28), "no 2-29 in 2026 → Sat 2-28"),
        ("transfer_approval", "CN", D(2026, 3, 9), D(2026, 3, 12), "Mon 3-09 + 3 = Thu 3-12"),
        ("transfer_approval", "CN", D(2026, 9, 29), D(2026, 10, 8), "+3 = 10-02 in 国庆 (10-01..07) → Thu 10-08"),
        ("transfer_dispatch", "CN", D(2026, 3, 12), D(2026, 3, 13), "24 hours as 1 day: Thu 3-12 → Fri 3-13"),
        ("transfer_dispatch", "CN", D(2026, 3, 13), D(2026, 3, 16), "Fri 3-13 + 1 = Sat 3-14 → Mon 3-16"),
        ("transfer_handover", "CN", D(2026, 4, 30), D(2026, 5, 6), "+3 = 5-03 in 劳动节 (5-01..05) → Wed 5-06"),
        ("transfer_reconsideration_request", "CN", D(2026, 6, 16), D(2026, 6, 22), "+3 = 6-19 端午 → Mon 6-22"),
        (
            "reconsideration_answer",
            "CN",
            D(2026, 9, 24),
            D(2026, 10, 15),
            "中秋 9-25; 9-28..30, 国庆, 10-08..10, 10-12..15",
        ),
        (
            "reconsideration_answer_simple",
            "CN",
            D(2026, 4, 29),
            D(2026, 5, 9),
            "4-30, 劳动节, 5-06..08, Sat 5-09 make-up",
        ),
        ("litigation_defence", "CN", D(2026, 9, 20), D(2026, 10, 8), "+15 = 10-05 in 国庆 → Thu 10-08"),
        ("appeal_judgment", "CN", D(2026, 3, 2), D(2026, 3, 17), "Mon 3-02 + 15 = Tue 3-17"),
        ("appeal_ruling", "CN", D(2026, 3, 2), D(2026, 3, 12), "Mon 3-02 + 10 = Thu 3-12"),
    ],
)
def test_due_dates_counted_by_hand(code, jurisdiction, start, expected, counted):
    assert _due(code, jurisdiction, start) == expected, counted


@pytest.mark.parametrize(
    ("hearing", "latest_notice", "counted"),
    [
        (D(2026, 3, 18), D(2026, 3, 9), "Wed 3-18: 3-10..13 and 3-16..18 are the 7 working days after Mon 3-09"),
        (D(2026, 3, 21), D(2026, 3, 11), "Sat 3-21: 3-12, 3-13, 3-16..20 after Wed 3-11"),
        (D(2026, 10, 12), D(2026, 9, 24), "9-28..30, 10-08, 10-09, Sat 10-10, 10-12; 9-25..27 is 中秋 → Thu 9-24"),
    ],
)
def test_the_hearing_notice_is_due_seven_working_days_before_the_hearing(hearing, latest_notice, counted):
    assert _due("hearing_notice", "CN", hearing) == latest_notice, counted
    assert CAL.working_days_between(latest_notice, hearing) >= 7
    next_working_day = CAL.add_working_days(latest_notice, 1)
    assert CAL.working_days_between(next_working_day, hearing) < 7


def test_every_shipped_period_gives_a_due_date_on_a_working_day():
    for rule in period_rules("CN-GD-SZ").values():
        due = due_date(rule, D(2024, 3, 1), CAL)
        assert CAL.is_working_day(due), rule.code
        assert (due < D(2024, 3, 1)) is (rule.direction is Direction.BEFORE), rule.code


def test_a_calendar_day_period_before_an_event_rolls_back_to_a_working_day():
    three_days_before = replace(period_rule("hearing_notice", "CN"), unit=Unit.CALENDAR, days=3)
    assert due_date(three_days_before, D(2026, 3, 16), CAL) == D(2026, 3, 13)  # Mon − 3 = Fri
    assert due_date(three_days_before, D(2026, 3, 18), CAL) == D(2026, 3, 13)  # Wed − 3 = Sun 3-15 → Fri 3-13


def test_a_month_period_before_an_event_is_refused():
    months_before = replace(period_rule("hearing_notice", "CN"), unit=Unit.MONTHS, days=1)
    with pytest.raises(InvalidPeriod, match="以月计"):
        due_date(months_before, D(2026, 3, 16), CAL)
