"""manage.py sweep_periods [--today YYYY-MM-DD]: first, complaints not answered within their acceptance period are
deemed accepted (the system's `deem_accepted` step, one journal entry each); then the running statutory periods whose
due date has passed are recorded as breached (超期: `Period.breached_on`), in one UPDATE, with one journal entry by
the system when anything changed. A breached period keeps running, and counting as overdue, until it is met late.

Run it daily (cron or a scheduler) after midnight Asia/Shanghai. The breach is then recorded on the period row itself
(`breached_on`), so supervision can count breaches, including those met late, without recomputing them; met,
suspended and not-yet-computed (due date None) periods are left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from fazhi.cases.actions import TransitionBlocked, TransitionConflict, transition
from fazhi.cases.models import Case, Period, PeriodState
from fazhi.cases.workflow import State
from fazhi.journal.actions import record_entry


def deem_accepted(*, today: dt.date) -> int:
    """广东省劳动保障监察条例 第三十九条第二款: a complaint not answered within its acceptance period is accepted from
    the day it was received. Each such case takes the system's `deem_accepted` step (one journal entry each)."""
    overdue = Period.objects.filter(
        code="complaint_acceptance", state=PeriodState.RUNNING, due_on__lt=today, case__state=State.RECEIVED
    ).values_list("case_id", flat=True)
    done = 0
    for case in Case.objects.filter(pk__in=list(overdue)).order_by("pk"):
        try:
            transition(actor=None, case=case, action="deem_accepted")
        except (TransitionConflict, TransitionBlocked):  # answered meanwhile
            continue
        done += 1
    return done


def sweep_periods(*, today: dt.date) -> int:
    """Mark every running period due before `today` as breached; returns how many. Journaled when it changed any."""
    with transaction.atomic():
        # A period is breached on the day after its due date: the due date itself is still in time.
        # An unanswered complaint is deemed accepted (above), not breached: if `today` runs ahead of the clock,
        # the deeming waits for the real day.
        breached = (
            Period.objects.filter(state=PeriodState.RUNNING, due_on__lt=today, breached_on__isnull=True)
            .exclude(code="complaint_acceptance", case__state=State.RECEIVED)
            .update(breached_on=today)
        )
        if breached:
            record_entry(
                actor=None,
                action="cases.sweep_periods",
                object_type="cases.period",
                after={"breached": breached, "today": today.isoformat()},
            )
    return breached


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--today 须为 YYYY-MM-DD 格式的日期，而不是 {raw!r}。") from None


class Command(BaseCommand):
    help = (
        "先将受理期限届满仍未告知的投诉视为受理（广东省劳动保障监察条例第三十九条），"
        "再把届满日已过仍在进行中的法定期限标记为“已超期”（一次批量更新），并输出数量。"
        "重复运行不会重复标记；有标记时以系统身份记入全过程记录（cases.sweep_periods）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="以该日期为“今天”（默认为本地今天）；届满日早于该日期的进行中期限标记为已超期",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("today")
        today = timezone.localdate() if raw is None else _date(str(raw))
        accepted = deem_accepted(today=today)
        if accepted:
            self.stdout.write(f"{accepted} 件投诉逾期未告知，已视为受理（广东省劳动保障监察条例第三十九条）。")
        breached = sweep_periods(today=today)
        if breached:
            self.stdout.write(self.style.SUCCESS(f"已将 {breached} 个法定期限标记为已超期（截至 {today:%Y-%m-%d}）。"))
        else:
            self.stdout.write(f"没有需要标记的超期期限（截至 {today:%Y-%m-%d}）。")
