"""Written delegations (书面授权) of the steps the statutes give to the organ's 负责人.

行政处罚法 第五十六条、第五十七条、第四十三条第三款, 劳动保障监察条例 第十七条 and 广东省劳动保障监察条例
第四十四条第二款、
第四十五条第二款 give decisions, preservation, recusal, extension and suspension to the organ's 负责人 (局领导). A
leader
may authorise a named person in writing, for a stated time and for named steps (`Transition.delegable`), in the cases
of a unit within the leader's scope. Each grant and revocation writes one journal entry; a refused attempt is
journaled too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from fazhi.accounts.models import Role, Unit, User
from fazhi.cases.models import Delegation
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal

DELEGATE = "delegate"  # the role a delegated step is journaled under


class DelegationError(ActionError):
    """The delegation cannot be granted or revoked; `message` is Chinese and safe to show."""


def delegable_actions() -> dict[str, str]:
    """The steps a leader may delegate, by action, with their Chinese names."""
    from fazhi.cases.workflow import TRANSITIONS

    return {t.action: t.label for t in TRANSITIONS if t.delegable}


def held_actions(user: User, unit: Unit, on: dt.date) -> frozenset[str]:
    """The steps `user` may take on `on` in the cases of `unit` by a written delegation in force (granted by an active
    leader whose delegation covers that unit)."""
    if not user.is_active:
        return frozenset()
    held: set[str] = set()
    # In force on `on`: begun, not ended, and not revoked by then (a later revocation leaves earlier days alone).
    in_force = Q(revoked_on=None) | Q(revoked_on__gt=on)
    for delegation in Delegation.objects.filter(
        in_force, delegate=user, starts_on__lte=on, ends_on__gte=on
    ).select_related("unit", "grantor"):
        if (
            unit.path.startswith(delegation.unit.path)
            and delegation.grantor.is_active
            and delegation.grantor.has_role(Role.LEADER)
        ):
            held.update(delegation.actions)
    return frozenset(held)


def holds(user: User, action: str, unit: Unit, on: dt.date) -> bool:
    """`user` holds a delegation in force on `on` for step `action` in the cases of `unit`."""
    return action in held_actions(user, unit, on)


def _problems(
    actor: User, delegate: User, unit: Unit, actions: Iterable[str], document: str, starts_on: dt.date, ends_on: dt.date
) -> list[str]:
    problems = []
    if not (actor.is_active and actor.has_role(Role.LEADER)):
        problems.append("只有局领导（行政机关负责人）可以书面授权。")
    if actor.unit is None or not unit.path.startswith(actor.unit.path):
        problems.append("只能就本机关及下级机构的案件授权。")
    if delegate.pk == actor.pk:
        problems.append("不能授权给自己。")
    if not delegate.is_active or delegate.role_names & {Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}:
        problems.append("被授权人须为在职的业务人员。")
    known = delegable_actions()
    chosen = list(actions)
    if not chosen:
        problems.append("请选择授权事项。")
    unknown = [a for a in chosen if a not in known]
    if unknown:
        problems.append("以下事项不能授权：" + "、".join(unknown) + "。")
    if not document.strip():
        problems.append("请填写授权书文号（书面授权）。")
    if ends_on < starts_on:
        problems.append("截止日期不能早于起始日期。")
    return problems


def grant_delegation(
    *,
    actor: User,
    delegate: User,
    unit: Unit,
    actions: Iterable[str],
    document: str,
    starts_on: dt.date,
    ends_on: dt.date,
    ip: str | None = None,
) -> Delegation:
    chosen = sorted(set(actions))
    problems = _problems(actor, delegate, unit, chosen, document, starts_on, ends_on)
    attempted = {
        "delegate": delegate.pk,
        "unit": unit.code,
        "actions": chosen,
        "document": document.strip(),
        "starts_on": starts_on.isoformat(),
        "ends_on": ends_on.isoformat(),
    }
    if problems:
        record_refusal(
            actor=actor,
            action="cases.grant_delegation",
            reason="；".join(problems),
            object_type="cases.delegation",
            details=attempted,
            ip=ip,
        )
        raise DelegationError("；".join(problems))
    with transaction.atomic():
        delegation = Delegation.objects.create(
            grantor=actor,
            delegate=delegate,
            unit=unit,
            actions=chosen,
            document=document.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
        )
        record_entry(
            actor=actor,
            action="cases.grant_delegation",
            object_type="cases.delegation",
            object_id=delegation.pk,
            after=attempted,
            ip=ip,
            role=Role.LEADER,
        )
    return delegation


def revoke_delegation(*, actor: User, delegation: Delegation, on: dt.date, ip: str | None = None) -> Delegation:
    if not (actor.is_active and actor.has_role(Role.LEADER)) or delegation.revoked_on is not None:
        reason = "授权已撤销。" if delegation.revoked_on else "只有局领导可以撤销书面授权。"
        record_refusal(
            actor=actor,
            action="cases.revoke_delegation",
            reason=reason,
            object_type="cases.delegation",
            object_id=delegation.pk,
            ip=ip,
        )
        raise DelegationError(reason)
    with transaction.atomic():
        delegation.revoked_on = on
        delegation.save(update_fields=["revoked_on"])
        record_entry(
            actor=actor,
            action="cases.revoke_delegation",
            object_type="cases.delegation",
            object_id=delegation.pk,
            after={"revoked_on": on.isoformat()},
            ip=ip,
            role=Role.LEADER,
        )
    return delegation
