"""When a document's facts exist: the checks a type names as `needs` (the Chinese reason it cannot be issued yet, or
"" when it can)."""

from __future__ import annotations

from fazhi.cases.models import Case, CrimeTransfer, Decision, Period, Source, TransferStatus
from fazhi.cases.states import State
from fazhi.documents import facts
from fazhi.documents.models import Document

# The states before a decision: a notice's outcome is the one proposed, not an earlier decision's.
BEFORE_DECISION = frozenset(
    {
        State.FILING_REVIEW,
        State.INVESTIGATING,
        State.PROPOSAL_REVIEW,
        State.LEGAL_REVIEW,
        State.NOTICE,
        State.HEARING,
        State.DECISION,
    }
)


def hearing_scheduled(case: Case) -> str:
    return "" if case.hearing_on else "请先办理“发出听证通知”，确定听证日期和主持人。"


def hearing_held(case: Case) -> str:
    return "" if case.hearing_held_on else "听证尚未举行，不能制作听证笔录。"


def preserved(case: Case) -> str:
    return "" if case.preservation == "preserved" else "先行登记保存须经负责人批准后才能制发通知书。"


def a_complaint(case: Case) -> str:
    return "" if case.source in (Source.COMPLAINT, Source.REFERRAL) else "本案不是投诉案件，无须书面通知投诉人。"


def extended(case: Case) -> str:
    # 广东条例 第四十四条第二款: an extension of a complaint case is notified to the complainant in writing.
    return a_complaint(case) or ("" if case.extended else "本案办案期限未延长。")


def suspended(case: Case) -> str:
    # 广东条例 第四十五条第二款: a suspension is notified to the complainant within 3 working days.
    return a_complaint(case) or ("" if case.suspended else "本案未中止。")


def revoked(case: Case) -> str:
    # 广东条例 第四十六条第二款: the revocation of a complaint case's filing is made known to the complainant.
    done = Period.objects.filter(case=case, code="revocation_notice_to_complainant").exists()
    return a_complaint(case) or ("" if done else "本案未撤销立案。")


def referred(case: Case) -> str:
    return "" if case.source == Source.REPORT else "只有举报可以移送其他人力资源社会保障行政部门。"


def decision_content(case: Case) -> str:
    """行政处罚法 第五十九条第一款第（二）项: the decision states the facts found and the evidence; it is not issued
    while the case holds no evidence, nor for a decision that found no facts."""
    decision = Decision.objects.filter(case=case, outcome="penalty").order_by("-sequence").first()
    if decision is None:
        return ""
    if not (decision.facts_found or case.findings).strip():
        return "处罚决定未载明认定的违法事实，不能制发决定书（行政处罚法第五十九条第一款第（二）项）。"
    if not facts.evidence_on_file(case, decision.decided_on):
        return (
            "本案没有在卷的证据（调查询问、现场检查笔录或证据文件），"
            "决定书须载明证据（行政处罚法第五十九条第一款第（二）项）。"
        )
    return ""


def transfer_approved(case: Case) -> str:
    """行政执法机关移送涉嫌犯罪案件的规定 第五条、第六条: the 移送书 goes with a transfer the principal head approved
    (and may be issued again, a new version, until it is sent); a case of procedure version 1 decided with the old
    outcome "transfer_police" keeps its document."""
    if case.procedure_version == 1:
        return "" if case.decision_outcome == "transfer_police" else "本案没有移送公安机关的决定。"
    transfer = CrimeTransfer.objects.filter(case=case).order_by("-pk").first()
    if transfer is None or transfer.status != TransferStatus.APPROVED:
        return (
            "移送涉嫌犯罪案件须经本机关正职负责人批准后，才能制发移送书（行政执法机关移送涉嫌犯罪案件的规定第五条）。"
        )
    return ""


def servable(case: Case) -> list[Document]:
    """The case's current documents served on the party (the newest version of each), oldest first."""
    from fazhi.documents.types import SERVED_TYPES  # (the table names this module's checks)

    current: dict[tuple[str, int | None, int | None], Document] = {}
    documents = Document.objects.filter(case=case, doc_type__in=SERVED_TYPES).defer("pdf", "docx")
    for document in documents.order_by("issued_at", "pk"):
        current[(document.doc_type, document.record_id, document.decision_id)] = document
    return sorted(current.values(), key=lambda d: (d.issued_at, d.pk))


def something_served(case: Case) -> str:
    return "" if servable(case) else "本案尚未制发须送达当事人的文书。"
