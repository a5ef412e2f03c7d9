"""Which combinations of roles a staff member may hold, and what each role requires of its holder.

Plain functions over role names, so that the grant and create actions and the tests share one statement of the rules.
Each returns a list of problems in Chinese (empty: allowed).
"""

from __future__ import annotations

from collections.abc import Iterable

from fazhi.accounts.models import SEPARATED_ADMIN_ROLES, Role

ADMIN_ROLES: frozenset[str] = frozenset(str(role) for role in SEPARATED_ADMIN_ROLES)
BUSINESS_ROLE_NAMES: frozenset[str] = frozenset(
    {Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL},
)
ALL_ROLE_NAMES: frozenset[str] = frozenset(str(role) for role in Role)
ROLE_LABELS: dict[str, str] = {str(role): str(role.label) for role in Role}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def unknown_roles(roles: Iterable[str]) -> list[str]:
    return sorted(set(roles) - ALL_ROLE_NAMES)


def combination_problems(roles: Iterable[str]) -> list[str]:
    """Problems with holding all of `roles` at once."""
    held = set(roles)
    problems: list[str] = []
    admins = sorted(held & ADMIN_ROLES)
    # 三员分立 (GB/T 22239-2019 等保2.0 三级 8.1.4.2): the system, security and audit administrators are different
    # people, and none of them also does casework or supervision.
    if len(admins) > 1:
        names = "、".join(role_label(role) for role in admins)
        problems.append(f"三员分立：{names}不得由同一人兼任。")
    if admins and held - ADMIN_ROLES:
        others = "、".join(role_label(role) for role in sorted(held - ADMIN_ROLES))
        problems.append(f"三员分立：{role_label(admins[0])}不得兼任{others}。")
    # The supervisor watches casework read-only; one who also handled cases would supervise their own work.
    if Role.SUPERVISOR in held and held & BUSINESS_ROLE_NAMES:
        others = "、".join(role_label(role) for role in sorted(held & BUSINESS_ROLE_NAMES))
        problems.append(f"电子监察员不得兼任办案角色（{others}）。")
    return problems


def qualification_problems(
    roles: Iterable[str], *, enforcement_certificate_number: str, has_legal_qualification: bool
) -> list[str]:
    """What the holder of `roles` must carry."""
    held = set(roles)
    problems: list[str] = []
    # 行政处罚法 第四十二条: penalties are imposed by officers with enforcement qualification; 劳动保障监察条例
    # 第十六条: inspectors show their 劳动保障监察证件. So no inspector role without a certificate number.
    if Role.INSPECTOR in held and not enforcement_certificate_number.strip():
        problems.append("授予监察员角色须先登记执法证号。")
    # 行政处罚法 第五十八条第二款: a first-time legal reviewer must hold the 法律职业资格. We require the flag of every
    # legal reviewer; the system administrator sets it for reviewers who were grandfathered before that rule.
    if Role.LEGAL in held and not has_legal_qualification:
        problems.append("授予法制审核员角色须具有法律职业资格。")
    return problems


def role_problems(
    roles: Iterable[str], *, enforcement_certificate_number: str, has_legal_qualification: bool
) -> list[str]:
    held = set(roles)
    return combination_problems(held) + qualification_problems(
        held,
        enforcement_certificate_number=enforcement_certificate_number,
        has_legal_qualification=has_legal_qualification,
    )


def ordered_role_labels(roles: Iterable[str]) -> list[str]:
    """Chinese names of `roles`, in the order of `Role` (inspector first, administrators last)."""
    held = set(roles)
    return [str(role.label) for role in Role if role in held]
