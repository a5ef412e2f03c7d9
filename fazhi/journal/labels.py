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
    "law.standard_load": "导入裁量基准",
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
    "cases.approve_proposal_to_notice": "审查通过（告知当事人）",
    "cases.pass_legal_review": "法制审核通过",
    "cases.fail_legal_review": "法制审核退回补充调查",
    "cases.request_hearing": "当事人申请听证",
    "cases.close_notice": "告知期满（陈述申辩已听取）",
    "cases.finish_hearing": "听证结束（送法制审核）",
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
    "cases.deem_accepted": "逾期未告知，视为受理",
    "cases.request_preservation": "申请先行登记保存",
    "cases.approve_preservation": "批准先行登记保存",
    "cases.reject_preservation": "不批准先行登记保存",
    "cases.decide_preservation": "对登记保存的证据作出处理决定",
    "cases.decide_recusal": "决定回避",
    "cases.reassign": "更换办案人员",
    "cases.pass_legal_review_after_hearing": "法制审核通过（听证后）",
    "cases.return_legal_review": "法制审核退回审查",
    "cases.record_defence": "记录陈述申辩",
    "cases.schedule_hearing": "发出听证通知",
    "cases.record_collective_discussion": "记录集体讨论",
    "cases.send_back_decision": "退回补充调查",
    "cases.record_fine_payment": "登记罚款缴纳",
    "cases.record_wage_payment": "登记工资支付",
    "cases.order_additional_compensation": "责令加付赔偿金",
    "cases.verify_correction": "复查整改情况",
    "cases.apply_court_enforcement": "申请人民法院强制执行",
    "cases.notify_suspension": "书面告知投诉人中止",
    "cases.sweep_periods": "期限巡检",
    "cases.record_investigation": "记录调查询问或现场检查",
    "documents.issue": "制发文书",
    "documents.export_dossier": "导出卷宗",
    "evidence.add": "上传证据",
    "disclosure.publish_decision": "公示行政处罚决定",
    "disclosure.withdraw_decision": "撤回公示",
    "disclosure.record_decision_change": "登记公示的处罚决定被变更或撤销",
    "complaints.route_complaint": "移交投诉举报",
    "disclosure.publish_checkpoint": "公示全过程记录检查点",
    "disclosure.publish_officers": "公示执法人员名单",
    "supervision.raise_order": "发出督办单",
    "supervision.answer_order": "答复督办",
    "supervision.close_order": "办结督办",
    "supervision.escalate_order": "督办升级",
}

OBJECT_LABELS: dict[str, str] = {
    "cases.period": "法定期限",
    "api.token": "接口令牌",
    "accounts.unit": "机构",
    "accounts.user": "工作人员",
    "calendars.year": "节假日年度",
    "cases.case": "案件",
    "document": "文书",
    "evidence.evidencefile": "证据文件",
    "disclosure.publisheddecision": "公示的处罚决定",
    "disclosure.publishedcheckpoint": "公示的检查点",
    "disclosure.publishedofficer": "公示的执法人员",
}


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def object_label(code: str) -> str:
    return OBJECT_LABELS.get(code, code)
