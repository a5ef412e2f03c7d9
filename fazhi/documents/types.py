"""The kinds of document (文书) the bureau issues: title, number prefix, when each may be issued, its template.

The number prefix follows the Shenzhen bureau's pattern 深人社监<kind>〔year〕n号; a deployment elsewhere changes this
table (and the templates beside it), not the code."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.accounts.models import Role
from fazhi.cases.workflow import State

# Who may issue: the staff who work cases (the supervisor watches, the 三员 administer; neither issues).
ISSUERS = frozenset({Role.INSPECTOR, Role.LEAD, Role.DIRECTOR, Role.LEADER, Role.LEGAL})


@dataclass(frozen=True)
class DocumentType:
    code: str
    title: str
    prefix: str  # 文号 prefix: 深人社监罚 → 深人社监罚〔2026〕12号
    states: frozenset[State]
    template: str
    outcomes: frozenset[str] = frozenset()  # when set, only cases with this (proposed or decided) outcome

    def number(self, year: int, n: int) -> str:
        return f"{self.prefix}〔{year}〕{n}号"


DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType(
        "filing_approval",
        "立案审批表",
        "深人社监立",
        frozenset({State.FILING_REVIEW, State.INVESTIGATING}),
        "documents/filing_approval.html",
    ),
    # 行政处罚法 第四十四条、第四十五条、第六十三条、第六十四条: facts, grounds, the rights to state a defence and
    # to ask for a hearing (within 5 working days of the notice).
    DocumentType(
        "penalty_notice",
        "行政处罚告知书",
        "深人社监告",
        frozenset({State.NOTICE}),
        "documents/penalty_notice.html",
        frozenset({"penalty"}),
    ),
    # 行政处罚法 第五十九条: the content of a penalty decision.
    DocumentType(
        "penalty_decision",
        "行政处罚决定书",
        "深人社监罚",
        frozenset({State.DECISION, State.SERVICE}),
        "documents/penalty_decision.html",
        frozenset({"penalty"}),
    ),
    # 劳动保障监察条例 第三十条: an order to pay the wages owed, per worker.
    DocumentType(
        "handling_decision",
        "行政处理决定书",
        "深人社监处",
        frozenset({State.DECISION, State.SERVICE}),
        "documents/handling_decision.html",
    ),
    # 行政处罚法 第六十一条; 民事诉讼法 第八十七条 (the receipt the party signs).
    DocumentType(
        "service_receipt",
        "送达回证",
        "深人社监送",
        frozenset({State.SERVICE, State.PERFORMANCE}),
        "documents/service_receipt.html",
    ),
    # 劳动保障监察条例 第十八条第一款第（二）项; 行政处罚法 第二十八条: the order to correct, by `comply_by` (set by the
    # decision, so issued once decided).
    DocumentType(
        "rectification_order",
        "限期整改指令书",
        "深人社监令",
        frozenset({State.SERVICE, State.PERFORMANCE}),
        "documents/rectification_order.html",
        frozenset({"rectification"}),
    ),
    # 行政处罚法 第六十四条: notice of the hearing's date and presider, 7 days ahead, with the party's rights.
    DocumentType(
        "hearing_notice",
        "听证通知书",
        "深人社监听",
        frozenset({State.HEARING}),
        "documents/hearing_notice.html",
        frozenset({"penalty"}),
    ),
    # 广东省劳动保障监察条例 第四十六条: the request to revoke the filing, issued where revoke_filing may be taken.
    DocumentType(
        "revocation_approval",
        "撤销立案审批表",
        "深人社监撤",
        frozenset({State.INVESTIGATING, State.DECISION}),
        "documents/revocation_approval.html",
    ),
    # 行政处罚法 第五十六条: evidence preserved with a leader's approval, decided within 7 working days.
    DocumentType(
        "preservation_notice",
        "先行登记保存通知书",
        "深人社监保",
        frozenset({State.INVESTIGATING}),
        "documents/preservation_notice.html",
    ),
    # 广东省劳动保障监察条例 第四十八条: the closing approval (facts, decision, performance, dates).
    DocumentType(
        "closing_approval",
        "结案审批表",
        "深人社监结",
        frozenset({State.CLOSING_REVIEW, State.CLOSED}),
        "documents/closing_approval.html",
    ),
)

BY_CODE: dict[str, DocumentType] = {t.code: t for t in DOCUMENT_TYPES}
