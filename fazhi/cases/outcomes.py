"""Outcomes a case can be proposed and decided with, and the statutory grounds for refusing a complaint."""

from __future__ import annotations

# 劳动保障监察条例 第十八条; 行政处罚法 第五十七条; 广东省劳动保障监察条例 第四十四条.
OUTCOMES: dict[str, str] = {
    "rectification": "责令限期改正",
    "handling_decision": "行政处理决定（责令支付）",
    "penalty": "行政处罚",
    "no_penalty": "不予行政处罚",
    "transfer": "移送其他机关",
}

# Outcomes that need a legal review before the decision (行政处罚法 第五十八条: penalties with major consequences).
# A penalty always goes to review here; the thresholds for "major" are configuration for a later issue.
LEGAL_REVIEW_OUTCOMES = frozenset({"penalty"})

# 广东省劳动保障监察条例 第三十九条 (and 劳动保障监察条例 第二十条、第二十一条).
REFUSAL_GROUNDS: dict[str, str] = {
    "time_barred": "超过两年投诉时效（劳动保障监察条例第二十条）",
    "not_competent": "不属于劳动保障监察职责范围，已告知向有关机关提出",
    "other_jurisdiction": "不属于本机关管辖，已告知有管辖权的机关",
    "arbitration_or_court": "已申请仲裁、提起诉讼或申请支付令",
    "labour_dispute": "应当通过劳动争议处理程序解决（劳动保障监察条例第二十一条）",
    "repeat": "同一事项已经处理，无新的事实和理由",
}
