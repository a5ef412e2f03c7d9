"""Every change to units, users and roles: one transaction and one journal entry each.

Who may call these: the system administrator (系统管理员: accounts and configuration), or the system itself
(`actor=None`, e.g. `seed_demo`). A refused attempt changes nothing and is journaled with outcome "refused"
(security.md: "A failed attempt changes nothing and is logged as a refused authorization"): the action's transaction
then holds only that entry, and the exception is raised after it commits. Input that is simply wrong (an unknown
role, a duplicate code) raises `InvalidAccountInput` and writes nothing.

Rules kept here beyond the role rules of `fazhi.accounts.roles`:
- an administrator never changes their own roles nor deactivates themselves (no self-escalation, no lock-out);
- the last active system administrator can be neither deactivated nor stripped of the role;
- the `sysadmin` role and `is_staff` go together (the admin site also checks the role).
"""

from fazhi.accounts.actions.common import AccountActionError, ActionRefused, InvalidAccountInput
from fazhi.accounts.actions.second_factor import (
    CodeCheck,
    WrongCode,
    check_sign_in_code,
    enrol_second_factor,
    regenerate_recovery_codes,
    reset_second_factor,
)
from fazhi.accounts.actions.security import clear_lockout, record_login_flood
from fazhi.accounts.actions.units import create_unit, set_unit_principal
from fazhi.accounts.actions.users import (
    change_password,
    create_user,
    deactivate_user,
    grant_role,
    revoke_role,
)

__all__ = [
    "AccountActionError",
    "ActionRefused",
    "CodeCheck",
    "InvalidAccountInput",
    "WrongCode",
    "change_password",
    "check_sign_in_code",
    "clear_lockout",
    "create_unit",
    "create_user",
    "deactivate_user",
    "enrol_second_factor",
    "grant_role",
    "record_login_flood",
    "regenerate_recovery_codes",
    "reset_second_factor",
    "revoke_role",
    "set_unit_principal",
]
