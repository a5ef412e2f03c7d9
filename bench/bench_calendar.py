"""How fast "date + 60 working days" is, against chinese-calendar's find_workday on the same dates.

    .venv/bin/python bench/bench_calendar.py [--dates N] [--runs R] [--seed S]

Builds the pure fazhi.rules.calendar.WorkingCalendar from chinese-calendar's own holiday and workday tables (no
database), draws N random start dates in 2004–2026 (late enough dates are excluded so that +60 working days stays
inside 2026), and times our add_working_days(d, 60) (median of R runs) against chinese_calendar.find_workday(60, d)
(one run: it walks day by day). Prints the per-date times and the ratio (target ≥ 1,000×), PASS or FAIL.

Every answer is checked against the correct one: find_workday(60, d) when d is a working day, and find_workday(59, d)
when it is not (find_workday counts a rest-day start as its first step, so it returns the 61st working day after it).
A timing miss still exits 0 (a measurement, not a test); a wrong answer is a bug and exits 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import chinese_calendar
from chinese_calendar.constants import holidays, workdays

from fazhi.rules.calendar import CalendarYearMissing, WorkingCalendar, years_from_tables

N_WORKING_DAYS = 60
RATIO_TARGET = 1_000
FIRST_DAY = dt.date(2004, 1, 1)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="工作日计算速度基准（与 chinese-calendar 的 find_workday 相比）")
    parser.add_argument("--dates", type=int, default=10_000, help="随机起算日的个数（默认 10,000）")
    parser.add_argument("--runs", type=int, default=5, help="我方计时次数，取中位数（默认 5）")
    parser.add_argument("--seed", type=int, default=20260104, help="随机数种子")
    args = parser.parse_args()
    if args.dates < 1 or args.runs < 1:
        parser.error("--dates 与 --runs 必须是正整数")
    return args


def last_start(calendar: WorkingCalendar) -> dt.date:
    """The latest start whose +60 working days is still inside the loaded years (2026)."""
    day = dt.date(calendar.years[-1], 12, 31)
    while True:
        try:
            calendar.add_working_days(day, N_WORKING_DAYS)
            return day
        except CalendarYearMissing:
            day -= dt.timedelta(days=1)


def main() -> int:
    args = parse_args()
    build_started = time.perf_counter()
    calendar = WorkingCalendar(years_from_tables(holidays, workdays))
    build_ms = (time.perf_counter() - build_started) * 1000
    last = last_start(calendar)
    rng = random.Random(args.seed)
    span = (last - FIRST_DAY).days
    dates = [FIRST_DAY + dt.timedelta(days=rng.randint(0, span)) for _ in range(args.dates)]

    add = calendar.add_working_days
    timings = []
    ours: list[dt.date] = []
    for _ in range(args.runs):
        started = time.perf_counter()
        ours = [add(day, N_WORKING_DAYS) for day in dates]
        timings.append(time.perf_counter() - started)
    ours_us = statistics.median(timings) / len(dates) * 1e6

    find_workday = chinese_calendar.find_workday
    started = time.perf_counter()
    theirs = [find_workday(N_WORKING_DAYS, day) for day in dates]
    theirs_us = (time.perf_counter() - started) / len(dates) * 1e6

    # The correct answer: find_workday's result for a working-day start, one step less for a rest-day start.
    rest_starts = 0
    wrong: list[tuple[dt.date, dt.date, dt.date]] = []
    for day, mine, raw in zip(dates, ours, theirs, strict=True):
        correct = raw
        if not chinese_calendar.is_workday(day):
            rest_starts += 1
            correct = find_workday(N_WORKING_DAYS - 1, day)
        if mine != correct:
            wrong.append((day, mine, correct))
        if mine > dt.date(2026, 12, 31):
            wrong.append((day, mine, correct))

    ratio = theirs_us / ours_us
    verdict = "PASS" if ratio >= RATIO_TARGET and not wrong else "FAIL"
    print(
        f"dates: {len(dates):,} random starts {FIRST_DAY} … {last} (seed {args.seed}), "
        f"{rest_starts:,} on rest days; calendar built in {build_ms:.1f} ms"
    )
    print(
        f"answers: {len(dates) - len(wrong):,}/{len(dates):,} agree with the correct date "
        f"(chinese-calendar's raw answer is one working day late on the {rest_starts:,} rest-day starts)"
    )
    print(
        f"calendar +60 WD: ours {ours_us:,.2f} µs/date, chinese-calendar {theirs_us:,.0f} µs/date, "
        f"ratio {ratio:,.0f}× (target ≥ {RATIO_TARGET:,}×) {verdict}"
    )
    if wrong:
        for day, mine, correct in wrong[:10]:
            print(f"WRONG: {day} + {N_WORKING_DAYS} WD: ours {mine}, correct {correct}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
