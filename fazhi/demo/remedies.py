"""Demo reconsideration and litigation, built through the real actions (seed_demo calls this after the demo
publications): one decided and published penalty decision is upheld on reconsideration, then challenged in court —
the first instance dismisses the claim, the appeal court revokes the decision — and the three working days to withdraw
its publication open by themselves (行政处罚法 第四十八条第二款). A second reconsideration waits for its answer. Each
step is taken on its own day (the clock moved with time_machine, as the other demo records are), counted back from
the demo's last day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import transaction

from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import in_business_scope
from fazhi.cases.models import Case
from fazhi.demo.cases import DEMO_AS_OF, SHANGHAI
from fazhi.disclosure.models import PublishedDecision
from fazhi.remedies import actions, documents
from fazhi.remedies.models import Litigation, Reconsideration

# The story's steps, in days after the decision, as a reconsideration and two instances usually take; squeezed to fit
# between the decision and DEMO_AS_OF when the decision is recent (every order the statutes require is kept).
STORY = {
    "applied": 14,
    "accepted": 19,
    "copy": 21,
    "discussed": 26,
    "answered": 28,
    "recon_decided": 75,
    "recon_served": 78,
    "filed": 88,
    "suit_copy": 92,
    "suit_discussed": 98,
    "defended": 100,
    "hearing": 140,
    "judged": 175,
    "judgment_served": 178,
    "appealed": 188,
    "appeal_copy": 191,
    "appeal_discussed": 195,
    "appeal_defended": 199,
    "appeal_judged": 222,
    "appeal_served": 224,
}
SHORTEST = 30  # days between the decision and DEMO_AS_OF for the story to be told
PENDING_COPY = DEMO_AS_OF - dt.timedelta(days=3)
FIRST_COURT = "深圳市福田区人民法院"
MINUTES = "局务会议集体讨论：原处罚决定事实清楚，同意答复。"
GROUNDS = "被申请人依法立案调查，认定事实清楚，证据确凿。\n处罚适用依据正确，程序合法，罚款数额在裁量基准范围内。"
APPEAL_COURT = "深圳市中级人民法院"


def schedule(decided_on: dt.date, last: dt.date = DEMO_AS_OF) -> dict[str, dt.date]:
    """The story's days after a decision of `decided_on`, all on or before `last`."""
    span = (last - decided_on).days - 1
    scale = min(1.0, span / STORY["appeal_served"])
    return {name: decided_on + dt.timedelta(days=max(1, round(days * scale))) for name, days in STORY.items()}


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), SHANGHAI)


def _staff(case: Case, role: str) -> User | None:
    found = User.objects.filter(is_active=True, role_grants__role=role).select_related("unit").order_by("pk")
    return next((user for user in found if user.unit is not None and in_business_scope(user, case.unit)), None)


def _with_staff(cases: Iterable[Case]) -> Iterator[tuple[Case, User, User]]:
    for case in cases:
        legal, leader = _staff(case, Role.LEGAL), _staff(case, Role.LEADER)
        if legal is not None and leader is not None and case.decisions.exists():
            yield case, legal, leader


def _published(before: dt.date) -> Iterator[tuple[Case, User, User]]:
    """Published, not withdrawn penalty decisions made before `before`, oldest first, with their legal reviewer and
    leader."""
    published = PublishedDecision.objects.filter(withdrawn_on__isnull=True, decided_on__lt=before)
    ids = list(published.order_by("decided_on", "pk").values_list("case_id", flat=True))
    cases = {case.pk: case for case in Case.objects.filter(pk__in=ids).select_related("unit", "employer")}
    return _with_staff(cases[pk] for pk in ids)


def seed_demo_remedies() -> int:
    """Returns how many records were made (none when the demo has some already, or no decision fits)."""
    if Reconsideration.objects.exists() or Litigation.objects.exists():
        return 0
    story = next(_published(DEMO_AS_OF - dt.timedelta(days=SHORTEST)), None)
    made = 0
    with transaction.atomic():
        if story is not None:
            made += _the_story(*story)
        decided = Case.objects.filter(decision__decided_on__lt=PENDING_COPY - dt.timedelta(days=10)).distinct()
        decided = decided.exclude(pk=story[0].pk) if story is not None else decided
        decided = decided.exclude(crime_transfers__isnull=False)  # a case sent to the police is not the example
        pending = next(_with_staff(decided.select_related("unit", "employer").order_by("-pk")[:20]), None)
        if pending is not None:
            made += _pending(*pending)
    return made


def _the_story(case: Case, legal: User, leader: User) -> int:
    import time_machine

    party = case.employer.name
    decision = case.decisions.order_by("-sequence").first()
    assert decision is not None
    day = schedule(decision.decided_on)
    APPLIED, ACCEPTED, COPY = day["applied"], day["accepted"], day["copy"]
    DISCUSSED, ANSWERED = day["discussed"], day["answered"]
    RECON_DECIDED, RECON_SERVED = day["recon_decided"], day["recon_served"]
    FILED, SUIT_COPY, SUIT_DISCUSSED, DEFENDED = day["filed"], day["suit_copy"], day["suit_discussed"], day["defended"]
    HEARING, JUDGED, JUDGMENT_SERVED = day["hearing"], day["judged"], day["judgment_served"]
    APPEALED, APPEAL_COPY = day["appealed"], day["appeal_copy"]
    APPEAL_DISCUSSED, APPEAL_DEFENDED = day["appeal_discussed"], day["appeal_defended"]
    APPEAL_JUDGED, APPEAL_SERVED = day["appeal_judged"], day["appeal_served"]
    with time_machine.travel(_at(COPY), tick=False):
        recon = actions.register_reconsideration(
            actor=legal,
            case=case,
            applicant=party,
            applied_on=APPLIED,
            accepted_on=ACCEPTED,
            copy_received_on=COPY,
            request="撤销被申请人作出的行政处罚决定。",
        )
    with time_machine.travel(_at(ANSWERED), tick=False):
        recon = actions.record_discussion(actor=legal, record=recon, discussed_on=DISCUSSED, minutes=MINUTES)
        recon = actions.approve_answer(actor=leader, reconsideration=recon)
        documents.issue_for(
            legal,
            recon,
            "reconsideration_answer",
            {"grounds": GROUNDS},
            None,
        )
        recon = actions.submit_answer(actor=legal, reconsideration=recon, answered_on=ANSWERED)
    with time_machine.travel(_at(RECON_SERVED), tick=False):
        recon = actions.record_outcome(
            actor=legal,
            reconsideration=recon,
            outcome="upheld",
            decided_on=RECON_DECIDED,
            served_on=RECON_SERVED,
            decision_number=f"福府行复〔{RECON_DECIDED.year}〕37号",
            note="复议机关认为原行政处罚决定认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当，决定维持。",
        )
    with time_machine.travel(_at(SUIT_COPY), tick=False):
        suit = actions.register_litigation(
            actor=legal,
            case=case,
            reconsideration=recon,
            court=FIRST_COURT,
            court_number=f"（{FILED.year}）粤0304行初512号",
            plaintiff=party,
            claims="撤销被告作出的行政处罚决定及复议机关作出的行政复议决定。",
            filed_on=FILED,
            copy_received_on=SUIT_COPY,
        )
    with time_machine.travel(_at(DEFENDED), tick=False):
        suit = actions.record_discussion(
            actor=legal, record=suit, discussed_on=SUIT_DISCUSSED, minutes="集体讨论：同意答辩意见，由分管局领导出庭。"
        )
        suit = actions.approve_defence(actor=leader, litigation=suit)
        suit = actions.submit_defence(actor=legal, litigation=suit, submitted_on=DEFENDED)
    with time_machine.travel(_at(HEARING), tick=False):
        suit = actions.record_hearing(
            actor=leader,
            record=suit,
            hearing_on=HEARING,
            appearance="head",
            appeared_name=leader.full_name,
            appeared_title="副局长",
        )
        documents.issue_for(legal, suit, "court_appearance", {}, None)
    with time_machine.travel(_at(JUDGMENT_SERVED), tick=False):
        suit = actions.record_judgment(
            actor=legal,
            litigation=suit,
            ruling_kind="judgment",
            outcome="dismissed",
            decided_on=JUDGED,
            served_on=JUDGMENT_SERVED,
            judgment_number=f"（{FILED.year}）粤0304行初512号",
            note="判决驳回原告的诉讼请求。",
        )
    with time_machine.travel(_at(APPEAL_COPY), tick=False):
        appeal = actions.register_appeal(
            actor=legal,
            litigation=suit,
            appellant=party,
            court=APPEAL_COURT,
            court_number=f"（{APPEALED.year}）粤03行终1088号",
            claims="撤销一审判决，改判撤销行政处罚决定。",
            filed_on=APPEALED,
            copy_received_on=APPEAL_COPY,
        )
    with time_machine.travel(_at(APPEAL_DEFENDED), tick=False):
        appeal = actions.record_discussion(
            actor=legal, record=appeal, discussed_on=APPEAL_DISCUSSED, minutes="集体讨论：同意二审答辩意见。"
        )
        appeal = actions.approve_defence(actor=leader, litigation=appeal)
        appeal = actions.submit_defence(actor=legal, litigation=appeal, submitted_on=APPEAL_DEFENDED)
    with time_machine.travel(_at(APPEAL_SERVED), tick=False):
        actions.record_judgment(
            actor=legal,
            litigation=appeal,
            ruling_kind="judgment",
            outcome="revoked",
            decided_on=APPEAL_JUDGED,
            served_on=APPEAL_SERVED,
            judgment_number=f"（{APPEALED.year}）粤03行终1088号",
            note="二审认为被诉处罚决定认定违法事实的主要证据不足，判决撤销一审判决和被诉行政处罚决定。",
        )
    return 3


def _pending(case: Case, legal: User, leader: User) -> int:
    """A reconsideration whose answer is still due (registered three days before the demo's last day)."""
    import time_machine

    with time_machine.travel(_at(PENDING_COPY), tick=False):
        actions.register_reconsideration(
            actor=legal,
            case=case,
            applicant=case.employer.name,
            applied_on=PENDING_COPY - dt.timedelta(days=9),
            accepted_on=PENDING_COPY - dt.timedelta(days=4),
            copy_received_on=PENDING_COPY,
            request="变更罚款数额。",
        )
    return 1
