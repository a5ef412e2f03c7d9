"""Adding units to the organisation tree, and naming a bureau's principal head."""

from __future__ import annotations

import re

from django.db import transaction

from fazhi.accounts.actions.common import (
    InvalidAccountInput,
    actor_problem,
    actor_role,
    refuse,
    unit_snapshot,
)
from fazhi.accounts.models import Role, Unit, UnitKind, User
from fazhi.journal.actions import record_entry

UNIT_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")


def create_unit(
    *, actor: User | None, code: str, name: str, kind: str, parent: Unit | None, ip: str | None = None
) -> Unit:
    """Add a unit under `parent` (None: a root, such as the city bureau)."""
    code, name = code.strip(), name.strip()
    attempted = {"code": code, "name": name, "kind": kind, "parent": parent.code if parent else None}
    with transaction.atomic():
        problem = actor_problem(actor)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.unit_create",
                object_type="accounts.unit",
                object_id=None,
                reason=problem,
                attempted=attempted,
                ip=ip,
            )
        else:
            if not UNIT_CODE_PATTERN.match(code):
                raise InvalidAccountInput("机构代码须为 1 至 32 位字母、数字、连字符或下划线，且以字母或数字开头。")
            if not name or len(name) > 100:
                raise InvalidAccountInput("机构名称不能为空，且不超过 100 个字符。")
            if kind not in UnitKind.values:
                raise InvalidAccountInput(f"未知的机构类型：{kind}。")
            if parent is not None and (parent.pk is None or not Unit.objects.filter(pk=parent.pk).exists()):
                raise InvalidAccountInput("上级机构不存在。")
            if Unit.objects.filter(code__iexact=code).exists():
                raise InvalidAccountInput(f"机构代码 {code} 已存在。")
            unit = Unit.objects.create(code=code, name=name, kind=kind, parent=parent, path="")
            unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
            if len(unit.path) > Unit._meta.get_field("path").max_length:  # type: ignore[operator]
                raise InvalidAccountInput("机构层级过深。")
            unit.save(update_fields=["path"])
            record_entry(
                actor=actor,
                action="accounts.unit_create",
                object_type="accounts.unit",
                object_id=unit.pk,
                after=unit_snapshot(unit),
                ip=ip,
                role=actor_role(actor),
            )
            return unit
    raise refusal


def set_unit_principal(*, actor: User | None, unit: Unit, principal: User | None, ip: str | None = None) -> Unit:
    """Name the 正职负责人 (or the 负责人 presiding over its work) of the bureau `unit` (None: nobody): the person whose
    approval 行政执法机关移送涉嫌犯罪案件的规定 第五条 requires. A principal is an active 局领导 of that bureau."""
    attempted = {"unit": unit.code, "principal": principal.username if principal else None}
    with transaction.atomic():
        problem = actor_problem(actor)
        if problem:
            refusal = refuse(
                actor=actor,
                action="accounts.unit_principal",
                object_type="accounts.unit",
                object_id=unit.pk,
                reason=problem,
                attempted=attempted,
                ip=ip,
            )
        else:
            if unit.kind not in (UnitKind.DISTRICT_BUREAU, UnitKind.CITY_BUREAU):
                raise InvalidAccountInput("只有区局或市局可以指定正职负责人。")
            if principal is not None and not (
                principal.is_active and principal.unit_id == unit.pk and principal.has_role(Role.LEADER)
            ):
                raise InvalidAccountInput("正职负责人须为本局在职的局领导。")
            before = unit.principal.username if unit.principal else None
            Unit.objects.filter(pk=unit.pk).update(principal=principal)
            unit.principal = principal
            record_entry(
                actor=actor,
                action="accounts.unit_principal",
                object_type="accounts.unit",
                object_id=unit.pk,
                before={"principal": before},
                after={**unit_snapshot(unit), "principal": attempted["principal"]},
                ip=ip,
                role=actor_role(actor),
            )
            return unit
    raise refusal
