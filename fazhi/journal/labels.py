"""Chinese names for the journal's action and object codes, for the screens. The codes themselves stay in the entries.

A new action gets its label here when it is written; an unknown code is shown as it is.
"""

from __future__ import annotations

ACTION_LABELS: dict[str, str] = {
    "accounts.login": "登录",
    "accounts.logout": "退出登录",
    "accounts.password_change": "修改密码",
    "accounts.role_grant": "授予角色",
    "accounts.role_revoke": "撤销角色",
    "accounts.unit_create": "新建机构",
    "accounts.user_create": "新建工作人员",
    "accounts.user_deactivate": "停用工作人员",
    "access.refused": "拒绝越权访问",
    "calendars.year_load": "导入节假日年度",
}

OBJECT_LABELS: dict[str, str] = {
    "accounts.unit": "机构",
    "accounts.user": "工作人员",
    "calendars.year": "节假日年度",
}


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def object_label(code: str) -> str:
    return OBJECT_LABELS.get(code, code)
