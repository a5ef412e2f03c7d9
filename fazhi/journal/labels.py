"""Chinese names for the journal's action and object codes, for the screens. The codes themselves stay in the entries.

A new action gets its label here when it is written; an unknown code is shown as it is.
"""

from __future__ import annotations

ACTION_LABELS: dict[str, str] = {
    "api.token_create": "新建接口令牌",
    "api.token_revoke": "吊销接口令牌",
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
    # Labour-inspection cases: registration and every step of the procedure (fazhi.cases.workflow).
    "cases.file_with_superior": "报上一级部门备案",
    "cases.register": "登记案件",
    "cases.accept": "受理",
    "cases.request_completion": "一次性告知补正",
    "cases.complete": "补正完成",
    "cases.refuse": "不予受理",
    "cases.approve_filing": "批准立案",
    "cases.return_filing": "退回立案申请",
    "cases.propose": "提出处理意见",
    "cases.send_back_proposal": "退回补充调查",
    "cases.approve_proposal": "审查通过（送法制审核）",
    "cases.approve_proposal_to_notice": "审查通过",
    "cases.pass_legal_review": "法制审核通过",
    "cases.fail_legal_review": "法制审核退回",
    "cases.request_hearing": "当事人申请听证",
    "cases.close_notice": "告知期满（陈述申辩已听取）",
    "cases.finish_hearing": "听证结束",
    "cases.decide": "作出决定",
    "cases.revoke_filing": "撤销立案",
    "cases.serve": "送达",
    "cases.record_performance": "履行完毕",
    "cases.approve_closing": "批准结案",
    "cases.send_back_closing": "退回执行",
    "cases.archive": "归档",
    "cases.suspend": "中止调查",
    "cases.resume": "恢复调查",
    "cases.extend": "延长办案期限",
    "cases.sweep_periods": "期限巡检",
}

OBJECT_LABELS: dict[str, str] = {
    "cases.period": "法定期限",
    "api.token": "接口令牌",
    "accounts.unit": "机构",
    "accounts.user": "工作人员",
    "calendars.year": "节假日年度",
    "cases.case": "案件",
}


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def object_label(code: str) -> str:
    return OBJECT_LABELS.get(code, code)
