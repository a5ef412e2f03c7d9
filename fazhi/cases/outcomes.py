"""Outcomes a case can be proposed and decided with, the statutory grounds for refusing a complaint, and the other
fixed choices of the procedure's steps."""

from __future__ import annotations

# 劳动保障监察条例 第十八条; 行政处罚法 第五十七条; 广东省劳动保障监察条例 第四十四条.
OUTCOMES: dict[str, str] = {
    "rectification": "责令限期改正",
    "handling_decision": "行政处理决定（责令支付）",
    "penalty": "行政处罚",
    # 劳动保障监察条例 第二十六条; 劳动合同法 第八十五条: a 行政处理决定 of its own,
    # after the wages ordered went unpaid.
    "additional_compensation": "责令加付赔偿金（行政处理决定）",
    "no_penalty": "不予行政处罚",
    "transfer": "移送其他机关",
    "transfer_police": "移送公安机关（涉嫌犯罪）",
}
# The outcomes procedure version 2 offers: a transfer to the police is no outcome of a decision (after 告知, hearing and
# service) but a track of its own, approved by the principal head within 3 days and made within 24 hours
# (行政执法机关移送涉嫌犯罪案件的规定 第五条; fazhi.cases.procedure.transfer). "transfer_police" stays for the cases of
# version 1 that were decided with it.
PROCEDURE_OUTCOMES: dict[str, str] = {code: label for code, label in OUTCOMES.items() if code != "transfer_police"}
# Outcomes that order the employer to do something by a deadline (限期): the decision names the deadline.
ORDERS_WITH_DEADLINE = frozenset({"rectification", "handling_decision", "additional_compensation"})
# Outcomes that order a payment (a fine, wages): filed with the superior department (广东条例 第四十八条), and the
# bureau may ask the court to enforce them once the party's time to sue has run out.
PAYMENT_ORDERS = frozenset({"penalty", "handling_decision", "additional_compensation"})
# Outcomes that order wages (and then the compensation) paid to the workers.
WAGE_ORDERS = frozenset({"handling_decision", "additional_compensation"})

# 广东省劳动保障监察条例 第三十九条 (and 劳动保障监察条例 第二十条、第二十一条).
REFUSAL_GROUNDS: dict[str, str] = {
    "time_barred": "超过两年投诉时效（劳动保障监察条例第二十条）",
    "not_competent": "不属于劳动保障监察职责范围，已告知向有关机关提出",
    "other_jurisdiction": "不属于本机关管辖，已告知有管辖权的机关",
    "arbitration_or_court": "已申请仲裁、提起诉讼或申请支付令",
    "labour_dispute": "应当通过劳动争议处理程序解决（劳动保障监察条例第二十一条）",
    "repeat": "同一事项已经处理，无新的事实和理由",
}

# 行政处罚法 第五十六条: within 7 working days of preserving evidence the authority decides what becomes of it.
PRESERVATION_DECISIONS: dict[str, str] = {
    "record_and_return": "采取记录、复制、拍照、录像等证据保全措施后解除登记保存",
    "release": "不再需要保存，解除先行登记保存",
    "transfer": "依法移送有关机关处理",
    "keep_as_evidence": "作为证据随案保存，依法处理",
}

# Periods that do not count towards the handling time (广东省劳动保障监察条例 第四十四条第二款).
EXCLUDED_PERIOD_KINDS: dict[str, str] = {
    "public_notice": "公告",
    "audit": "委托审计",
    "appraisal": "委托鉴定",
}

# Who withdraws when a recusal is decided (行政处罚法 第四十三条).
# The two kinds of investigation record (笔录): 调查询问笔录 and 现场检查笔录 (劳动保障监察条例 第十五条).
RECORD_KINDS: dict[str, str] = {"inquiry": "调查询问", "inspection": "现场检查"}
RECUSED_ROLES: dict[str, str] = {"handler": "主办人", "co_handler": "协办人"}

# How a decision is served (行政处罚法 第六十一条 and the 民事诉讼法 rules it refers to): electronic service only with
# the party's consent; public notice counts as served after 60 days (广东省劳动保障监察条例 第四十七条).
SERVICE_METHODS: dict[str, str] = {
    "in_person": "直接送达",
    "post": "邮寄送达",
    "electronic": "电子送达（经同意）",
    "public_notice": "公告送达",
}

# What the police decided on the bureau's request to reconsider their refusal to file
# (行政执法机关移送涉嫌犯罪案件的规定 第九条第二款).
POLICE_RECONSIDERATION_RESULTS: dict[str, str] = {
    "filed": "公安机关复议后决定立案",
    "not_filed": "公安机关复议后维持不予立案",
}
