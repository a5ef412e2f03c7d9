"""Red: a case suspended or extended without the approval of the organ's 负责人 in its journal.

Suspension (中止) is approved by the department's 负责人 (广东省劳动保障监察条例 第四十五条第二款), and so is
the extension (延期: 劳动保障监察条例 第十七条; 广东省劳动保障监察条例 第四十四条第二款). The 负责人 is the bureau's
leader (局领导, role `leader`), not a division director (处长) as such: approval is the step taken in the leader's role,
or by a person holding, on the day of the step, a leader's written delegation (fazhi.cases.delegations) for that step
in the cases of the case's unit. A flag on the case with no such step in the journal fires, whoever set it.

Judged on the case's flags as they stand; the journal is read through its index on (object type, object id), and the
few steps taken by someone other than a leader are checked against the delegations in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from fazhi.accounts.models import Role, User
from fazhi.cases.models import Case, Delegation
from fazhi.journal.models import Entry
from fazhi.supervision.rules.base import CST, Evidence, QueryRule, Row, Severity, start_of_day

# The flag each approval sets, and the step that sets it.
STEPS = {"suspended": "suspend", "extended": "extend"}


def _steps(as_of: dt.date) -> QuerySet[Entry]:
    return Entry.objects.filter(
        object_type="cases.case",
        action__in=[f"cases.{step}" for step in STEPS.values()],
        outcome="success",
        recorded_at__lt=start_of_day(as_of + dt.timedelta(days=1)),
    )


def _by_leader(step: str, as_of: dt.date) -> Exists:
    return Exists(
        _steps(as_of).filter(
            object_id=Cast(OuterRef("pk"), CharField()), action=f"cases.{step}", actor_role=Role.LEADER.value
        )
    )


def _delegation_held(delegation: Delegation, step: str, unit_path: str, on: dt.date) -> bool:
    """The delegation covered `step` in the cases of the unit at `unit_path` on `on` (a revocation counts from its day;
    the grantor is an active leader, as `fazhi.cases.delegations.holds` requires)."""
    return (
        step in delegation.actions
        and delegation.starts_on <= on <= delegation.ends_on
        and (delegation.revoked_on is None or delegation.revoked_on > on)
        and unit_path.startswith(delegation.unit.path)
        and delegation.grantor.is_active
        and delegation.grantor.has_role(Role.LEADER)
    )


def _delegated(candidates: dict[int, tuple[str, set[str]]], as_of: dt.date) -> dict[int, set[str]]:
    """Of the steps each candidate case lacks a leader's approval for, those taken by a holder of a written
    delegation in force on the day of the step."""
    if not candidates:
        return {}
    entries = list(
        _steps(as_of)
        .filter(object_id__in=[str(pk) for pk in candidates], actor_id__isnull=False)
        .values_list("object_id", "action", "actor_id", "recorded_at")
    )
    by_delegate: dict[int | None, list[Delegation]] = defaultdict(list)
    for delegation in Delegation.objects.filter(delegate_id__in={e[2] for e in entries}).select_related(
        "unit", "grantor"
    ):
        by_delegate[delegation.delegate_id].append(delegation)
    approved: dict[int, set[str]] = defaultdict(set)
    for object_id, action, actor_id, recorded_at in entries:
        pk, step = int(object_id), action.removeprefix("cases.")
        unit_path, missing = candidates[pk]
        on = recorded_at.astimezone(CST).date()
        if step in missing and any(_delegation_held(d, step, unit_path, on) for d in by_delegate[actor_id]):
            approved[pk].add(step)
    return approved


class UnapprovedSuspension(QueryRule):
    code = "unapproved_suspension"
    name = "中止或延期未经负责人批准"
    citation = "广东省劳动保障监察条例 第四十五条第二款、第四十四条第二款；劳动保障监察条例 第十七条"
    severity = Severity.RED
    explanation = (
        "案件处于中止或已延长办案期限，但全过程记录中没有行政机关负责人（局领导）或持有负责人书面授权的人员"
        "批准中止或延期的步骤。"
    )
    note = "以案件当前的中止、延期标志判断；处长未经书面授权批准的，不视为负责人批准。"
    model = Case
    order = "updated_at"
    columns = ("suspended", "extended")

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        paused = Case.objects.filter(Q(suspended=True) | Q(extended=True)).values("pk")  # the partial index
        lacking = (
            Case.objects.filter(pk__in=paused, received_on__lte=as_of)
            .annotate(suspend_by_leader=_by_leader("suspend", as_of), extend_by_leader=_by_leader("extend", as_of))
            .filter((Q(suspended=True) & Q(suspend_by_leader=False)) | (Q(extended=True) & Q(extend_by_leader=False)))
            .values_list("pk", "unit__path", "suspended", "extended", "suspend_by_leader", "extend_by_leader")
        )
        candidates: dict[int, tuple[str, set[str]]] = {}
        for pk, path, suspended, extended, suspend_by_leader, extend_by_leader in lacking:
            missing = {
                step
                for step, needed in (
                    ("suspend", suspended and not suspend_by_leader),
                    ("extend", extended and not extend_by_leader),
                )
                if needed
            }
            candidates[pk] = (path, missing)
        delegated = _delegated(candidates, as_of)
        unapproved = [pk for pk, (_, missing) in candidates.items() if missing - delegated.get(pk, set())]
        return Case.objects.filter(pk__in=unapproved)

    def since(self, value: Any, row: Row, as_of: dt.date, context: Any = None) -> dt.date:
        moved: dt.datetime = value
        return min(as_of, moved.astimezone(CST).date())

    def describe(self, row: Row) -> str:
        what = [label for flag, label in (("suspended", "中止"), ("extended", "延期")) if row[flag]]
        return f"案件已{'、'.join(what)}，无负责人（或其书面授权人员）批准记录"

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        steps = list(_steps(as_of).filter(object_id=str(case_id)).order_by("seq"))
        names = dict(User.objects.filter(pk__in={e.actor_id for e in steps}).values_list("pk", "full_name"))
        facts = [
            (
                f"{entry.recorded_at.astimezone(CST):%Y-%m-%d} {'中止' if entry.action == 'cases.suspend' else '延期'}",
                f"{names.get(entry.actor_id or 0) or entry.actor_username}"
                f"（以“{ROLE_LABELS.get(entry.actor_role, '其他')}”身份办理）",
            )
            for entry in steps
        ]
        return Evidence(facts=facts, journal_actions=("cases.suspend", "cases.resume", "cases.extend"))


ROLE_LABELS = {**{role.value: role.label for role in Role}, "delegate": "书面授权"}

RULE = UnapprovedSuspension()
