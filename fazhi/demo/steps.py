"""The steps of one demo case (fazhi.demo.cases): its whole path from registration to the archive, chosen from its
outcome and features, and the data each step takes, filled in on the day the step is taken (dates, amounts and the
worker lines only exist then).

A case's features pick the less common steps the demo must show: "deemed" (a complaint not answered in time is
accepted by the daily sweep), "preservation" (先行登记保存), "reassign", "recusal", "suspended" (stays suspended),
"extended", "revoked", "hearing", "defence", "major" (collective discussion), "late_fine", "partial" and
"compensation" (wages paid in instalments; 加付赔偿金), "court" (the fine is never paid: the court is asked to enforce).
Other cases take some of these steps now and then, at random.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.conf import settings

from fazhi.calendars.queries import working_calendar
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.outcomes import PAYMENT_ORDERS, REFUSAL_GROUNDS
from fazhi.cases.procedure.performance import surcharge_due
from fazhi.cases.procedure.proposal import needs_legal_review as legal_review_rule
from fazhi.cases.states import State
from fazhi.demo.data import (
    DEFENCES,
    DISCUSSIONS,
    FINDINGS,
    HEARING_RECORDS,
    INQUIRIES,
    INSPECTIONS,
    PRESERVATION_ITEMS,
    PROPOSALS,
    REASONS,
)
from fazhi.rules import money
from fazhi.rules.measures import MeasureKind, mandatory_measures
from fazhi.rules.violations import needs_prior_order, violation


@dataclass(frozen=True)
class Step:
    actor: str  # "handler" | "co_handler" | "lead" | "director" | "legal" | "system" (actor=None)
    action: str
    gap: int  # calendar days after the previous step
    data: dict[str, Any] = field(default_factory=dict)  # keys starting with "_" are hints for `fill`
    reason: str = ""
    wait: bool = False  # may be held back by a period or a date: then retried a working day later


@dataclass(frozen=True)
class Profile:
    """What a case's path depends on."""

    source: str
    target: State
    outcome: str
    features: frozenset[str]
    workers: int
    complainant: bool  # someone to notify of a suspension
    employer: str
    violation: str  # a code of penalty_items.csv, or ""
    fine: Decimal | None  # proposed
    decided_fine: Decimal | None  # after the defence or the hearing, never more than proposed
    major: bool
    presider: str  # username of the hearing's presider (the district's legal reviewer)


def _basis(code: str) -> str:
    """The bases as a proposal cites them: "《劳动保障监察条例》第二十六条、《劳动合同法》第八十五条"."""
    parts = [part.split(" ", 1) for part in violation(code).bases]
    return "、".join(f"《{statute}》{article}" for statute, article in parts)


def proposed_fine(rng: random.Random, code: str, workers: int) -> Decimal:
    """A fine inside the violation's range (per worker where the standard says so), in round amounts."""
    row = violation(code)
    low, high = row.fine_min or Decimal("0"), row.fine_max or row.fine_min or Decimal("0")
    step = Decimal(1000 if high >= 20000 else 500 if high >= 5000 else 100)
    fine = low + step * rng.randint(0, int((high - low) // step))
    if row.fine_unit == "per_worker":
        fine *= max(workers, 1)
    return fine.quantize(money.FEN)


def needs_legal_review(outcome: str, major: bool, fine: Decimal | None) -> bool:
    """Whether the proposal planned will need the legal review: the real rule
    (`fazhi.cases.procedure.proposal.needs_legal_review`, 行政处罚法 第五十八条) asked about the proposal as it will
    stand. A plan has no worker lines yet, so a configured
    wage threshold is not foreseen."""
    proposal = Case(proposed_outcome=outcome, major_case=major, proposed_fine=fine)
    if outcome == "handling_decision" and settings.FAZHI_LEGAL_REVIEW_WAGE_THRESHOLD is not None:
        proposal.proposed_outcome = ""  # the wage test needs the worker lines: not foreseen (see above)
        return outcome in set(settings.FAZHI_LEGAL_REVIEW_OUTCOMES) or legal_review_rule(proposal)
    return legal_review_rule(proposal)


# The measures an article imposes beside the fine (e.g. 劳动保障监察条例 第二十五条's 警告, 保障农民工工资支付条例
# 第五十五条's 责令项目停工), as the proposal and the decision take them.
MANDATORY_FIELDS: dict[MeasureKind, tuple[str, Any]] = {
    MeasureKind.WARNING: ("warning", True),
    MeasureKind.STOP_WORK: ("stop_work", "责令该建设项目停工，至改正违法行为为止"),
    MeasureKind.REVOKE_LICENCE: ("revoke_licence", "劳务派遣经营许可证"),
}


def _mandatory(code: str) -> dict[str, Any]:
    return dict(MANDATORY_FIELDS[kind] for kind in mandatory_measures(code) if kind in MANDATORY_FIELDS)


def _proposal(p: Profile) -> dict[str, Any]:
    name = violation(p.violation).name if p.violation else ""
    text = PROPOSALS[p.outcome].format(
        employer=p.employer,
        violation=name,
        basis=_basis(p.violation) if p.violation else "",
        workers=p.workers or 1,
        fine=f"{p.fine:,.2f}" if p.fine else "",
    )
    data: dict[str, Any] = {"proposed_outcome": p.outcome, "proposal": text}
    if p.violation:
        data["violation_code"] = p.violation
        data["findings"] = FINDINGS.format(employer=p.employer, violation=name, workers=p.workers or 1)
        data["_occurred_before"] = 40  # days before the case was received
    if p.outcome == "penalty" and p.violation:
        if needs_prior_order(p.violation):  # fined only after an order not met (e.g. 保障农民工工资支付条例 第五十四条)
            data["prior_order"] = "《劳动保障监察责令改正指令书》（现场检查时送达）"
            data["_prior_due_before"] = 10  # its deadline, days before the case was received
        data.update(_mandatory(p.violation))
    if p.fine is not None:
        data["proposed_fine"] = f"{p.fine:.2f}"
        if violation(p.violation).fine_unit == "per_worker":  # the count the fine was computed on (a report may
            data["workers"] = str(max(p.workers, 1))  # list no worker lines)
    if p.major:
        data["major_case"] = True
    return data


def _intake(rng: random.Random, p: Profile) -> list[Step]:
    r = rng.randint
    if "deemed" in p.features:  # nobody answered within 5 working days (广东条例 第三十九条第二款)
        return [Step("system", "deem_accepted", r(8, 10), wait=True)]
    steps = []
    if p.target == State.AWAITING_COMPLETION or rng.random() < 0.15:
        steps.append(Step("handler", "request_completion", r(1, 3), reason=rng.choice(REASONS["completion"])))
        steps.append(Step("handler", "complete", r(3, 9)))
    if p.target == State.REFUSED:
        ground = rng.choice(list(REFUSAL_GROUNDS))
        return [*steps, Step("lead", "refuse", r(1, 3), {"refusal_ground": ground}, rng.choice(REASONS["refuse"]))]
    # Accepted within 5 working days, and filed the same day (广东条例 第三十六条第一款).
    return [*steps, Step("lead", "accept", r(1, 4))]


def suspension(rng: random.Random, p: Profile, *, resume: bool) -> list[Step]:
    """Suspend, tell the complainant within 3 working days (complaints only: 广东条例 第四十五条), perhaps resume."""
    steps = [Step("director", "suspend", rng.randint(5, 15), reason=rng.choice(REASONS["suspend"]))]
    if p.source == Source.COMPLAINT:
        steps.append(Step("handler", "notify_suspension", rng.randint(1, 2)))
    if resume:
        steps.append(Step("director", "resume", rng.randint(8, 20)))
    return steps


def _records(rng: random.Random, p: Profile) -> list[Step]:
    """An inquiry of the employer's manager, and often a site inspection, each written down (笔录)."""
    steps = []
    for kind, texts, chance in (("inquiry", INQUIRIES, 0.9), ("inspection", INSPECTIONS, 0.5)):
        if rng.random() < chance:
            place, subject, content = rng.choice(texts)
            data = {
                "record_kind": kind,
                "place": place,
                "subject": subject,
                "content": content.format(employer=p.employer),
            }
            steps.append(Step("handler", "record_investigation", rng.randint(1, 5), data))
    if not steps:  # a decision states its evidence (行政处罚法 第五十九条第一款第（二）项): at least the inquiry
        place, subject, content = rng.choice(INQUIRIES)
        data = {
            "record_kind": "inquiry",
            "place": place,
            "subject": subject,
            "content": content.format(employer=p.employer),
        }
        steps.append(Step("handler", "record_investigation", rng.randint(1, 5), data))
    return steps


def _investigation(rng: random.Random, p: Profile) -> list[Step]:
    r, f = rng.randint, p.features
    steps = _records(rng, p)
    if "preservation" in f or rng.random() < 0.08:
        items = {"preservation_items": rng.choice(PRESERVATION_ITEMS)}
        steps.append(Step("handler", "request_preservation", r(2, 8), items))
        if "preservation" not in f and rng.random() < 0.25:
            steps.append(Step("director", "reject_preservation", 1, reason=REASONS["reject_preservation"][0]))
        else:
            decision = {"preservation_decision": rng.choice(["record_and_return", "keep_as_evidence", "release"])}
            steps.append(Step("director", "approve_preservation", r(0, 1)))
            steps.append(Step("handler", "decide_preservation", r(3, 6), decision))  # within 7 working days
    if "recusal" in f:
        steps.append(
            Step("director", "decide_recusal", r(2, 6), {"recused": "co_handler"}, rng.choice(REASONS["recusal"]))
        )
    if "extended" in f:
        steps.append(Step("director", "extend", r(25, 40), reason=rng.choice(REASONS["extend"])))
    if "reassign" in f or rng.random() < 0.03:
        steps.append(Step("lead", "reassign", r(3, 10), {"_swap": True}, rng.choice(REASONS["reassign"])))
    # One suspension per case at most.
    if "suspended" not in f and rng.random() < 0.08:
        steps.extend(suspension(rng, p, resume=True))
    return steps


def _review_and_notice(rng: random.Random, p: Profile) -> list[Step]:
    """From the proposal to the decision: review, legal review, notice, defence, hearing, collective discussion."""
    r, f = rng.randint, p.features
    proposal = _proposal(p)
    steps = [Step("handler", "propose", r(8, 25), proposal)]
    if rng.random() < 0.12:
        steps.append(Step("lead", "send_back_proposal", r(1, 3), reason=rng.choice(REASONS["send_back"])))
        steps.append(Step("handler", "propose", r(5, 12), proposal))
    if needs_legal_review(p.outcome, p.major, p.fine):
        steps.append(Step("lead", "approve_proposal", r(1, 3)))
        if rng.random() < 0.15:
            steps.append(Step("legal", "fail_legal_review", r(2, 5), reason=rng.choice(REASONS["legal"])))
            steps.append(Step("handler", "propose", r(5, 12), proposal))
            steps.append(Step("lead", "approve_proposal", r(1, 3)))
        steps.append(Step("legal", "pass_legal_review", r(2, 5)))
    else:
        steps.append(Step("lead", "approve_proposal_to_notice", r(1, 3)))
    # The notice is served; the party's periods run from the day it receives it (行政处罚法 第六十四条).
    method = {"notice_service_method": rng.choice(["in_person", "in_person", "post"])}
    steps.append(Step("handler", "serve_notice", r(0, 2), method))
    lowered = p.decided_fine != p.fine  # only after the party's defence (行政处罚法 第四十五条)
    if "defence" in f or lowered or rng.random() < 0.15:
        defence = rng.choice(DEFENCES["adopted" if lowered else "not_adopted"])
        steps.append(Step("handler", "record_defence", r(1, 2), {"defence": defence}))
    penalty = p.outcome == "penalty"
    if "hearing" in f or p.target == State.HEARING or (penalty and "court" not in f and rng.random() < 0.25):
        steps.append(Step("handler", "request_hearing", r(1, 2)))  # within 5 working days of the notice
        hearing = {"_hearing_in": r(8, 10), "hearing_presider": p.presider}  # notice 7 working days ahead
        steps.append(Step("handler", "schedule_hearing", r(1, 3), hearing))
        record = {"hearing_record": rng.choice(HEARING_RECORDS)}
        steps.append(Step("handler", "finish_hearing", 1, record, wait=True))  # on the hearing day (`not_before`)
        steps.append(Step("legal", "pass_legal_review_after_hearing", r(2, 5)))
    elif rng.random() < 0.15:
        waiver = {"waived": True, "waiver_document": "当事人签署的《放弃陈述、申辩和听证权利声明书》"}
        steps.append(Step("handler", "close_notice", r(1, 2), waiver))
    else:
        steps.append(Step("handler", "close_notice", r(8, 11), wait=True))  # 5 working days to ask for a hearing
    if p.major:
        steps.append(Step("director", "record_collective_discussion", r(2, 5), {"discussion": rng.choice(DISCUSSIONS)}))
    return steps


def _performance(rng: random.Random, p: Profile, comply_days: int) -> list[Step]:
    """What the employer does after service, as the handler records it; ends with the decision performed."""
    r, f = rng.randint, p.features
    steps: list[Step] = []
    if p.outcome == "penalty":
        if "court" in f:  # never paid: the court is asked once the time to sue (6 months) has run out
            return [Step("director", "apply_court_enforcement", 190, reason=REASONS["court"][0], wait=True)]
        late = "late_fine" in f or rng.random() < 0.2
        steps.append(Step("handler", "record_fine_payment", r(18, 24) if late else r(2, 8)))
    elif p.outcome == "handling_decision":
        workers = max(p.workers, 1)
        if "compensation" in f:  # part paid, the deadline passes, 加付赔偿金 is ordered, then all is paid
            steps.append(Step("handler", "record_wage_payment", r(2, 5), {"_worker": 0, "_share": "0.4"}))
            # 责令加付赔偿金 is a decision of its own: proposed, notified, heard, decided and served (A14).
            follow_up = {
                "proposed_outcome": "additional_compensation",
                "rate": "0.5",
                "findings": "用人单位逾期未足额支付处理决定责令支付的工资。",
                "proposal": REASONS["compensation"][0],
            }
            waiver = {"waived": True, "waiver_document": "当事人签署的《放弃陈述、申辩权利声明书》"}
            steps.extend([
                Step("handler", "propose_follow_up", comply_days + 2, follow_up, wait=True),
                Step("lead", "approve_proposal_to_notice", r(1, 2)),
                Step("handler", "serve_notice", r(0, 1), {"notice_service_method": "in_person"}),
                Step("handler", "close_notice", r(1, 2), waiver),
                Step("director", "decide", r(1, 2), {"_comply_days": r(10, 15)}),
                Step("handler", "serve", r(1, 3), {"service_method": "in_person"}),
                Step("handler", "file_with_superior", r(1, 3)),
            ])  # fmt: skip
            for index in range(workers):
                steps.append(Step("handler", "record_wage_payment", r(3, 10) if index == 0 else 0, {"_worker": index}))
        else:
            split = {0, 1} if "partial" in f else {i for i in range(workers) if rng.random() < 0.15}
            first = r(2, 6)
            for index in range(workers):
                if index in split:
                    share = {"_worker": index, "_share": rng.choice(["0.3", "0.5", "0.6"])}
                    steps.append(Step("handler", "record_wage_payment", first if index == 0 else 0, share))
            later = r(4, comply_days) if split else first
            for index in range(workers):
                gap = later if index == 0 else 0
                steps.append(Step("handler", "record_wage_payment", gap, {"_worker": index}))
    elif p.outcome == "rectification":
        text = rng.choice(REASONS["verify"]).format(violation=violation(p.violation).name)
        steps.append(Step("handler", "verify_correction", comply_days + r(1, 5), {"corrected": True}, reason=text))
    return [*steps, Step("handler", "record_performance", r(1, 5))]


def full_path(rng: random.Random, p: Profile) -> list[Step]:
    """Every step from registration to the archive (or to the refusal), for this case's outcome and features."""
    r = rng.randint
    if p.target == State.NOT_FILED:  # no investigation needed (广东条例 第三十二条)
        return [Step("lead", "decline_filing", r(1, 4), reason=rng.choice(REASONS["decline_filing"]))]
    if p.target == State.REFERRED:  # a report outside the bureau's jurisdiction (广东条例 第三十三条第二款)
        referral = {"referred_to": "东莞市人力资源和社会保障局"}
        return [Step("lead", "refer_report", r(1, 4), referral, reason=REASONS["refer_report"][0])]
    if p.source in INTAKE_SOURCES:
        steps = _intake(rng, p)
        if p.target == State.REFUSED:
            return steps
    else:  # a report or an own discovery: filed within 5 working days (广东条例 第三十二条)
        steps = [Step("lead", "approve_filing", r(1, 3))]
    steps.extend(_investigation(rng, p))
    if "revoked" in p.features:
        return [
            *steps,
            Step("director", "revoke_filing", r(10, 25), reason=rng.choice(REASONS["revoke"])),
            Step("lead", "approve_closing", r(1, 4)),
            Step("handler", "archive", r(3, 12)),
        ]
    steps.extend(_review_and_notice(rng, p))
    decision: dict[str, Any] = {}
    comply_days = r(10, 20)
    if p.decided_fine is not None:
        decision["fine_amount"] = f"{p.decided_fine:.2f}"
        if p.violation:
            decision.update(_mandatory(p.violation))  # the measures typed are the decision's: the others stay
    if p.outcome in ("rectification", "handling_decision"):
        decision["_comply_days"] = comply_days
    steps.append(Step("director", "decide", r(1, 3), decision))
    method = rng.choice(["in_person", "in_person", "post", "electronic"])
    serve = Step("handler", "serve", r(1, 4), {"service_method": method, "consent": method == "electronic"})
    # 行政处罚决定、行政处理决定 are filed with the superior within 10 days (广东条例 第四十八条); now and then late.
    if p.outcome not in PAYMENT_ORDERS:
        steps.append(serve)
    elif rng.random() < 0.5:
        steps.extend([Step("handler", "file_with_superior", r(1, 4)), serve])
    else:
        steps.extend([serve, Step("handler", "file_with_superior", r(1, 12) if rng.random() < 0.1 else r(1, 5))])
    steps.extend(_performance(rng, p, comply_days))
    steps.append(Step("lead", "approve_closing", r(1, 4)))
    steps.append(Step("handler", "archive", r(3, 15)))
    return steps


def days_needed(steps: list[Step]) -> int:
    """About how many days the steps take, with room for the waits (a hearing is held 8 to 10 working days after
    its notice, whatever the gap of `finish_hearing` says)."""
    hearings = sum(step.action == "finish_hearing" for step in steps)
    return sum(step.gap for step in steps) + 4 * sum(step.wait for step in steps) + 14 * hearings


def not_before(step: Step, case: Case) -> dt.date | None:
    """The first day `step` makes sense on for this case, whatever its gap says: a hearing ends on its day, 加付赔偿金
    is ordered once the deadline to pay has passed, the correction is checked once the deadline has come."""
    if step.action == "finish_hearing":
        return case.hearing_on
    if step.action == "propose_follow_up" and case.comply_by is not None:
        return case.comply_by + dt.timedelta(days=1)
    if step.action == "verify_correction":
        return case.comply_by
    return None


def fill(step: Step, case: Case, today: dt.date, squad: tuple[str, ...]) -> dict[str, Any]:
    """The data `step` takes on `today`: its fixed data, plus what depends on the day and on the case as it is now.
    `squad` is the usernames of the squad's inspectors (a recused officer's replacement is one of them)."""
    data = {key: value for key, value in step.data.items() if not key.startswith("_")}
    hint = {key: value for key, value in step.data.items() if key.startswith("_")}
    action = step.action
    if action == "decide" and "_comply_days" in hint:
        data["comply_by"] = (today + dt.timedelta(days=int(hint["_comply_days"]))).isoformat()
    elif action == "serve":
        data["served_on"] = today.isoformat()
    elif action == "record_investigation":
        data["held_on"] = today.isoformat()
    elif action == "propose" and "_occurred_before" in hint:
        data["occurred_on"] = (case.received_on - dt.timedelta(days=int(hint["_occurred_before"]))).isoformat()
        if "_prior_due_before" in hint:
            due = case.received_on - dt.timedelta(days=int(hint["_prior_due_before"]))
            data["prior_order_due_on"] = due.isoformat()
    elif action == "serve_notice":
        data["notice_served_on"] = today.isoformat()
    elif action in ("record_defence", "request_hearing"):
        data["received_on"] = today.isoformat()
    elif action == "schedule_hearing":
        data["hearing_on"] = working_calendar().add_working_days(today, int(hint["_hearing_in"])).isoformat()
    elif action == "record_fine_payment":
        # 行政处罚法 第七十二条: the fine and the surcharge owed on the day it is paid.
        fine = case.fine_amount or Decimal("0")
        data.update(paid_on=today.isoformat(), amount=f"{fine + surcharge_due(case, today):.2f}")
    elif action == "record_wage_payment":
        lines = list(case.worker_lines.order_by("pk"))
        line = lines[int(hint["_worker"]) % len(lines)]
        outstanding = line.outstanding
        share = Decimal(str(hint.get("_share", "1")))
        amount = outstanding if share >= 1 else (outstanding * share).quantize(Decimal("1"), rounding=ROUND_DOWN)
        data.update(worker=str(line.pk), amount=f"{amount:.2f}", paid_on=today.isoformat())
    elif action == "reassign" and case.handler is not None and case.co_handler is not None:
        data.update(handler=case.co_handler.username, co_handler=case.handler.username)
    elif action == "decide_recusal":
        on_case = {user.username for user in (case.handler, case.co_handler) if user is not None}
        data["replacement"] = next((name for name in squad if name not in on_case), "")
    return data
