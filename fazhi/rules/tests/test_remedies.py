"""The party's time to sue, the bureau's window to apply for court enforcement, the days without surcharge and the
fine owed by instalments — row by row against the articles (行政诉讼法 第四十五条、第四十六条、第九十五条、第九十七条;
行政诉讼法解释 第六十四条、第一百五十三条、第一百五十六条; 行政处罚法 第六十六条第二款、第七十二条、第七十三条第三款).

Dates were counted by hand on the State Council holiday notices (2026: 劳动节 05-01..05-05)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from chinese_calendar.constants import holidays, workdays
from hypothesis import given
from hypothesis import strategies as st

from fazhi.rules.calendar import WorkingCalendar, years_from_tables
from fazhi.rules.money import Instalment, fine_owed
from fazhi.rules.remedies import (
    WindowKind,
    court_enforcement_window,
    party_suit_deadline,
    surcharge_excluded_days,
)

D = dt.date
CAL = WorkingCalendar(years_from_tables(holidays, workdays))


# --- The party's time to sue ---------------------------------------------------------------------------------------


def test_a_direct_suit_may_be_brought_within_six_months_of_knowing_the_decision():
    """行政诉讼法 第四十六条第一款: served Monday 2026-03-09, the six months end on the corresponding day 09-09."""
    assert party_suit_deadline(known_on=D(2026, 3, 9), calendar=CAL) == D(2026, 9, 9)


@pytest.mark.parametrize(
    ("received", "expected", "counted"),
    [
        (D(2026, 4, 10), D(2026, 4, 27), "Fri 4-10 + 15 = Sat 4-25 → Mon 4-27"),
        (D(2026, 4, 13), D(2026, 4, 28), "Mon 4-13 + 15 = Tue 4-28"),
        (D(2026, 4, 20), D(2026, 5, 6), "+15 = 5-05 in 劳动节 (5-01..05) → Wed 5-06"),
    ],
)
def test_after_reconsideration_the_party_may_sue_within_fifteen_days_of_receiving_its_decision(
    received, expected, counted
):
    """行政诉讼法 第四十五条 "可以在收到复议决定书之日起十五日内向人民法院提起诉讼" — not six months from the
    decision."""
    deadline = party_suit_deadline(known_on=D(2026, 3, 9), calendar=CAL, reconsideration_decision_received_on=received)
    assert deadline == expected, counted


def test_when_the_organ_did_not_decide_the_fifteen_days_run_from_the_end_of_its_period():
    """行政诉讼法 第四十五条 "复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼"."""
    assert party_suit_deadline(
        known_on=D(2026, 3, 9), calendar=CAL, reconsideration_period_ended_on=D(2026, 6, 1)
    ) == D(2026, 6, 16)


@pytest.mark.parametrize(
    ("known_period", "expected", "counted"),
    [
        (None, D(2026, 3, 10), "never told: at most one year from knowing the act, 2025-03-10 → 2026-03-10"),
        (D(2025, 6, 2), D(2025, 12, 2), "told on 2025-06-02: six months from then"),
        (D(2025, 11, 3), D(2026, 3, 10), "told on 2025-11-03: six months would end 2026-05-03, past the year"),
    ],
)
def test_a_decision_that_did_not_state_the_time_to_sue_gives_six_months_from_knowing_it_at_most_a_year(
    known_period, expected, counted
):
    """行政诉讼法解释 第六十四条: "起诉期限从…知道或者应当知道起诉期限之日起计算，但从知道或者应当知道行政行为内容之日起
    最长不得超过一年"."""
    deadline = party_suit_deadline(
        known_on=D(2025, 3, 10), calendar=CAL, remedies_stated=False, remedies_known_on=known_period
    )
    assert deadline == expected, counted


# --- The bureau's window -------------------------------------------------------------------------------------------


def test_the_bureau_applies_within_three_months_after_the_party_may_no_longer_sue():
    """行政诉讼法解释 第一百五十六条: the window follows the end of the party's time to sue (here after a
    reconsideration upheld: 15 days, not 6 months), 3 months on the corresponding day."""
    window = court_enforcement_window(suit_deadline=D(2026, 4, 28), calendar=CAL)
    assert (window.kind, window.opens_after, window.closes_on) == (WindowKind.DECISION, D(2026, 4, 28), D(2026, 7, 28))
    assert "2026-04-28 届满" in window.refusal(D(2026, 4, 28))
    assert window.refusal(D(2026, 4, 29)) == window.refusal(D(2026, 7, 28)) == ""
    assert "已于 2026-07-28 届满" in window.refusal(D(2026, 7, 29))


def test_after_an_approved_deferral_the_window_runs_from_its_end():
    """行政处罚法 第七十二条第二款: "行政机关批准延期、分期缴纳罚款的，申请人民法院强制执行的期限，
    自暂缓或者分期缴纳罚款期限结束之日起计算"."""
    window = court_enforcement_window(suit_deadline=D(2026, 4, 28), plan_ends_on=D(2026, 5, 20), calendar=CAL)
    assert (window.opens_after, window.closes_on) == (D(2026, 5, 20), D(2026, 8, 20))
    # A deferral ending before the time to sue changes nothing.
    early = court_enforcement_window(suit_deadline=D(2026, 9, 9), plan_ends_on=D(2026, 5, 20), calendar=CAL)
    assert (early.opens_after, early.closes_on) == (D(2026, 9, 9), D(2026, 12, 9))


def test_no_application_while_a_remedy_is_pending():
    """行政诉讼法 第九十七条: the bureau applies when the party did not sue in time and did not perform."""
    window = court_enforcement_window(suit_deadline=D(2026, 4, 28), pending=True, calendar=CAL)
    assert window.kind is WindowKind.CLOSED
    assert "行政诉讼法第九十七条" in window.refusal(D(2026, 6, 1))


def test_no_application_while_the_execution_is_suspended():
    """行政复议法 第四十二条; 行政诉讼法 第五十六条: the organ or the court stopped the execution."""
    window = court_enforcement_window(suit_deadline=D(2026, 4, 28), suspended=True, pending=True, calendar=CAL)
    assert window.kind is WindowKind.CLOSED
    assert "停止执行" in window.refusal(D(2026, 6, 1))


def test_after_a_final_judgment_upholding_the_decision_the_judgment_is_enforced_within_two_years():
    """行政诉讼法 第九十五条; 行政诉讼法解释 第一百五十三条 "申请执行的期限为二年" from the judgment's service."""
    window = court_enforcement_window(suit_deadline=D(2024, 1, 5), final_judgment_on=D(2024, 6, 3), calendar=CAL)
    assert (window.kind, window.code, window.closes_on) == (
        WindowKind.JUDGMENT,
        "judgment_enforcement_application",
        D(2026, 6, 3),
    )
    assert window.refusal(D(2024, 6, 3)) == window.refusal(D(2026, 6, 3)) == ""
    assert "已于 2026-06-03 届满" in window.refusal(D(2026, 6, 4))


def test_a_decision_set_aside_is_not_enforced():
    window = court_enforcement_window(
        suit_deadline=D(2026, 4, 28), final_judgment_on=D(2026, 6, 3), set_aside="revoked", calendar=CAL
    )
    assert window.kind is WindowKind.NONE
    assert window.refusal(D(2026, 7, 1)) == "处理决定已被撤销，不再按原决定申请强制执行。"


def test_a_decision_confirmed_unlawful_but_not_revoked_is_still_enforced_复议法第六十五条():
    """行政复议法 第六十五条; 行政诉讼法 第七十四条: confirmed unlawful and left standing, it is enforced as made."""
    window = court_enforcement_window(suit_deadline=D(2026, 4, 28), set_aside="confirmed_unlawful", calendar=CAL)
    assert window.kind is WindowKind.DECISION
    assert window.opens_after == D(2026, 4, 28)
    for kind in ("revoked", "changed", "void"):
        assert (
            court_enforcement_window(suit_deadline=D(2026, 4, 28), set_aside=kind, calendar=CAL).kind is WindowKind.NONE
        )


# --- Days without surcharge (行政处罚法 第七十三条第三款) --------------------------------------------------


@pytest.mark.parametrize(
    ("pauses", "as_of", "expected", "counted"),
    [
        ([(D(2026, 4, 1), D(2026, 4, 30))], D(2026, 5, 10), 30, "reconsideration 4-01..4-30, all after the due date"),
        ([(D(2026, 4, 1), None)], D(2026, 4, 10), 10, "still pending: 4-01..4-10"),
        ([(D(2026, 3, 10), D(2026, 3, 30))], D(2026, 4, 10), 6, "applied before the due date 3-24: 3-25..3-30"),
        ([(D(2026, 4, 1), D(2026, 4, 30)), (D(2026, 4, 30), D(2026, 5, 5))], D(2026, 5, 10), 35, "4-30 counted once"),
        ([(D(2026, 4, 1), D(2026, 4, 30))], D(2026, 3, 30), 0, "not yet late"),
    ],
)
def test_the_days_of_reconsideration_or_litigation_are_not_counted(pauses, as_of, expected, counted):
    assert surcharge_excluded_days(pauses, D(2026, 3, 24), as_of) == expected, counted


DAYS = st.dates(min_value=D(2020, 1, 1), max_value=D(2026, 12, 31))


@given(due=DAYS, as_of=DAYS, pauses=st.lists(st.tuples(DAYS, st.one_of(st.none(), DAYS)), max_size=4))
def test_the_excluded_days_never_exceed_the_days_elapsed(due, as_of, pauses):
    excluded = surcharge_excluded_days(pauses, due, as_of)
    assert 0 <= excluded <= max((as_of - due).days, 0)


# --- The fine owed by instalments (行政处罚法 第六十六条第二款、第七十二条) ------------------------------

FINE = Decimal("20000.00")
PLAN = [
    Instalment(D(2026, 4, 10), Decimal("5000.00")),
    Instalment(D(2026, 5, 11), Decimal("5000.00")),
    Instalment(D(2026, 6, 10), Decimal("10000.00")),
]


def test_a_late_instalment_carries_the_surcharge_on_its_own_amount_and_the_later_ones_none():
    """第七十二条第一款第（一）项 on the sum due and unpaid: the first instalment 4 days late = 4 × 3 % × 5,000."""
    owed = fine_owed(PLAN, Decimal("0.00"), D(2026, 4, 14))
    assert [(o.amount, o.surcharge) for o in owed] == [
        (Decimal("5000.00"), Decimal("600.00")),
        (Decimal("5000.00"), Decimal("0.00")),
        (Decimal("10000.00"), Decimal("0.00")),
    ]


def test_instalments_paid_are_not_owed_again():
    owed = fine_owed(PLAN, Decimal("10000.00"), D(2026, 6, 10))
    assert [(o.due_on, o.amount, o.surcharge) for o in owed] == [(D(2026, 6, 10), Decimal("10000.00"), Decimal("0.00"))]


def test_no_surcharge_when_the_organ_did_not_impose_it():
    """第七十二条 "行政机关可以采取下列措施": the surcharge is the organ's choice."""
    owed = fine_owed([Instalment(D(2026, 3, 24), FINE)], Decimal("0.00"), D(2026, 4, 30), imposed=False)
    assert [(o.amount, o.surcharge) for o in owed] == [(FINE, Decimal("0.00"))]


def test_the_surcharge_leaves_out_the_reconsideration_days():
    """第七十三条第三款: due 3-24, paid 5-10 (47 days late), 30 days of reconsideration → 17 × 3 % × 20,000."""
    owed = fine_owed(
        [Instalment(D(2026, 3, 24), FINE)], Decimal("0.00"), D(2026, 5, 10), pauses=[(D(2026, 4, 1), D(2026, 4, 30))]
    )
    assert [(o.surcharge, o.excluded_days) for o in owed] == [(Decimal("10200.00"), 30)]


AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)


@given(
    parts=st.lists(st.tuples(DAYS, AMOUNTS), min_size=1, max_size=5),
    as_of=DAYS,
    pauses=st.lists(st.tuples(DAYS, st.one_of(st.none(), DAYS)), max_size=3),
)
def test_the_surcharge_never_exceeds_the_fine(parts, as_of, pauses):
    """第七十二条第一款第（一）项 "加处罚款的数额不得超出罚款的数额", instalment by instalment and in total."""
    schedule = [Instalment(day, amount) for day, amount in parts]
    owed = fine_owed(schedule, Decimal("0.00"), as_of, pauses=pauses)
    assert sum(o.amount for o in owed) == sum(amount for _, amount in parts)
    assert all(o.surcharge <= o.amount for o in owed)
    assert sum(o.surcharge for o in owed) <= sum(amount for _, amount in parts)
