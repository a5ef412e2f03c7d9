"""Chinese names for the journal's action and object codes, for the screens. The codes themselves stay in the entries.

A new action gets its label here when it is written; an unknown code is shown as it is.
"""

from __future__ import annotations

ACTION_LABELS: dict[str, str] = {
    "api.token_create": "新建接口令牌",
    "api.token_revoke": "吊销接口令牌",
    "accounts.login": "登录",
    "accounts.logout": "退出登录",
    "accounts.change_confirm": "确认三员账户变更（生效）",
    "accounts.change_expire": "三员账户变更申请过期",
    "accounts.change_refuse": "拒绝三员账户变更申请",
    "accounts.change_request": "申请三员账户变更",
    "accounts.change_withdraw": "撤回三员账户变更申请",
    "accounts.lockout_clear": "解除登录锁定",
    "accounts.login_flood": "登录尝试过多（按地址限制）",
    "accounts.password_change": "修改密码",
    "accounts.recovery_code_use": "使用恢复码登录",
    "accounts.recovery_codes_regenerate": "重新生成恢复码",
    "accounts.role_grant": "授予角色",
    "accounts.role_revoke": "撤销角色",
    "accounts.second_factor_enrol": "绑定动态验证码",
    "accounts.second_factor_reset": "重置动态验证码",
    "accounts.unit_create": "新建机构",
    "accounts.unit_principal": "指定正职负责人",
    "accounts.user_create": "新建工作人员",
    "accounts.user_deactivate": "停用工作人员",
    "accounts.user_reactivate": "恢复启用工作人员",
    "accounts.sessions_end": "结束工作人员的会话",
    "access.refused": "拒绝越权访问",
    "calendars.year_load": "导入节假日年度",
    "law.standard_load": "导入裁量基准",
    # Labour-inspection cases: registration and the daily sweep; every step of the procedure is named by its row
    # (`register_labels`, called by fazhi.cases when it starts).
    "cases.register": "登记案件",
    "cases.sweep_periods": "期限巡检",
    "documents.issue": "制发文书",
    "documents.export_dossier": "导出卷宗",
    "evidence.add": "上传证据",
    "disclosure.publish_decision": "公示行政处罚决定",
    "disclosure.withdraw_decision": "撤回公示",
    "disclosure.record_decision_change": "登记公示的处罚决定被变更或撤销",
    "complaints.route_complaint": "移交投诉举报",
    "disclosure.publish_checkpoint": "公示全过程记录检查点",
    "disclosure.publish_officers": "公示执法人员名单",
    # The wage-arrears dishonest list (fazhi.dishonest_list.workflow).
    "dishonest_list.give_notice": "告知拟列入失信名单",
    "dishonest_list.record_objection": "登记失信名单异议",
    "dishonest_list.answer_objection": "核实失信名单异议",
    "dishonest_list.extend_decision_period": "延长失信名单列入决定期限",
    "dishonest_list.exempt": "不予列入失信名单",
    "dishonest_list.decide_listing": "作出失信名单列入决定",
    "dishonest_list.publish": "公开失信名单",
    "dishonest_list.receive_application": "受理提前移出失信名单申请",
    "dishonest_list.grant_early_removal": "准予提前移出失信名单",
    "dishonest_list.refuse_early_removal": "不予提前移出失信名单",
    "dishonest_list.revoke": "撤销失信名单列入决定",
    "dishonest_list.expire": "失信名单列入期限届满",
    "dishonest_list.remove": "移出失信名单",
    "dishonest_list.restore": "恢复列入失信名单",
    "major_violations.select": "选定重大劳动保障违法行为",
    "major_violations.update": "修改重大违法行为选定",
    "major_violations.remove": "移出重大违法行为公布名单",
    "major_violations.publish_batch": "公布重大违法行为季度名单",
    "major_violations.withdraw": "撤回重大违法行为公布",
    "supervision.raise_order": "发出督办单",
    "supervision.answer_order": "答复督办",
    "supervision.close_order": "办结督办",
    "supervision.escalate_order": "督办升级",
    # Backup and restore (fazhi.backup), journaled by the system.
    "system.backup": "备份数据库和证据文件",
    "system.restore": "从备份恢复数据",
    # Identifiers at rest (fazhi.crypto): re-encryption under a new data key, or new blind indexes.
    "system.rotate_keys": "更换加密密钥（重新加密或重算检索码）",
}

OBJECT_LABELS: dict[str, str] = {
    "cases.period": "法定期限",
    "api.token": "接口令牌",
    "accounts.change_request": "三员账户变更申请",
    "accounts.lockout": "登录锁定",
    "accounts.unit": "机构",
    "accounts.user": "工作人员",
    "calendars.year": "节假日年度",
    "cases.case": "案件",
    "cases.delegation": "书面授权",
    "document": "文书",
    "evidence.evidencefile": "证据文件",
    "disclosure.publisheddecision": "公示的处罚决定",
    "disclosure.publishedcheckpoint": "公示的检查点",
    "disclosure.publishedofficer": "公示的执法人员",
    "dishonest_list.listing": "失信名单记录",
    "major_violations.selection": "选定的重大违法行为",
    "major_violations.batch": "重大违法行为公布名单",
    "system.backup": "备份",
    "system.keys": "加密密钥",
}


def register_labels(labels: dict[str, str]) -> None:
    """Add the Chinese names of an app's action codes, read from its own tables (so a step's name is written once)."""
    for code, label in labels.items():
        ACTION_LABELS.setdefault(code, label)


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def object_label(code: str) -> str:
    return OBJECT_LABELS.get(code, code)
