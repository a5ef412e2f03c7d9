"""Every change to units, users and roles: one transaction and one journal entry each.

Who may call these: the system administrator (系统管理员: accounts and configuration), or the system itself
(`actor=None`, e.g. `seed_demo`). A refused attempt changes nothing and is journaled with outcome "refused"
(security.md: "A failed attempt changes nothing and is logged as a refused authorization"): the action's transaction
then holds only that entry, and the exception is raised after it commits. Input that is simply wrong (an unknown
role, a duplicate code) raises `InvalidAccountInput` and writes nothing.

Rules kept here beyond the role rules of `fazhi.accounts.roles`:
- an administrator never changes their own roles nor deactivates themselves (no self-escalation, no lock-out);
- the last active system administrator can be neither deactivated nor stripped of the role;
- the `sysadmin` role and `is_staff` go together (the admin site also checks the role);
- 三员分立: a change to a 三员 account (or one that makes an account a 三员's) is refused here and goes through
  `change_requests` instead: a request by one 三员, confirmed by another (ADR 0018). Its kinds are a registry
  (`change_kinds.register_change_kind`); a module that registers a kind must be imported below.
"""

from fazhi.accounts.actions.change_kinds import CHANGE_KINDS, ChangeKind, change_kind, register_change_kind
from fazhi.accounts.actions.change_requests import (
    confirm_account_change,
    expire_account_change,
    expire_account_changes,
    refuse_account_change,
    request_account_change,
    withdraw_account_change,
)
from fazhi.accounts.actions.common import TWO_PERSON_MESSAGE, AccountActionError, ActionRefused, InvalidAccountInput
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
    end_user_sessions,
    grant_role,
    reactivate_user,
    revoke_role,
)

__all__ = [
    "CHANGE_KINDS",
    "TWO_PERSON_MESSAGE",
    "AccountActionError",
    "ActionRefused",
    "ChangeKind",
    "CodeCheck",
    "InvalidAccountInput",
    "WrongCode",
    "change_kind",
    "change_password",
    "check_sign_in_code",
    "clear_lockout",
    "confirm_account_change",
    "create_unit",
    "create_user",
    "deactivate_user",
    "end_user_sessions",
    "enrol_second_factor",
    "expire_account_change",
    "expire_account_changes",
    "grant_role",
    "reactivate_user",
    "record_login_flood",
    "refuse_account_change",
    "regenerate_recovery_codes",
    "register_change_kind",
    "request_account_change",
    "reset_second_factor",
    "revoke_role",
    "set_unit_principal",
    "withdraw_account_change",
]
