"""Demo judicial and procuratorial suggestions to the 福田 bureau, through the real actions (seed_demo calls this after
the demo cases): a procuratorial suggestion with three points answered point by point, approved by the head and sent
before its deadline (the organ's feedback recorded), and a judicial suggestion still being handled. Each step is taken
on its own day (the clock moved with time_machine, as the demo cases are)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.accounts.models import Role, User
from fazhi.accounts.queries import unit_by_code
from fazhi.cases.models import Case
from fazhi.demo.cases import SHANGHAI
from fazhi.suggestions import actions
from fazhi.suggestions.models import Suggestion

D = dt.date
BUREAU = "SZ-FT"
PROCURATORIAL_POINTS = (
    (
        "建议对拖欠工资案件全面收集工资支付台账、考勤记录等证据，准确认定拖欠数额。",
        "已制定《欠薪案件证据收集指引》，要求立案后五个工作日内调取工资支付台账和考勤记录。",
        "自2026年10月起新立案件均按指引收集证据，抽查20宗，证据完整。",
    ),
    (
        "建议规范文书送达，送达回证应载明送达方式、地点和受送达人签收情况。",
        "已修订送达回证格式，增加送达方式和地点栏，并对执法人员开展专题培训。",
        "2026年10月以来制发的送达回证均按新格式填写。",
    ),
    (
        "建议对经责令限期支付仍不支付的案件，及时依法移送公安机关。",
        "已建立拒不支付劳动报酬案件移送台账，逐案核查是否达到移送标准。",
        "经核查，已移送公安机关2宗，其余案件均已支付。",
    ),
)
JUDICIAL_POINTS = (
    "建议在作出行政处理决定前充分听取当事人的陈述和申辩，并在决定书中载明。",
    "建议行政机关负责人依法出庭应诉。",
)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), SHANGHAI)


def _member(unit_pk: int, role: str) -> User | None:
    return User.objects.filter(unit_id=unit_pk, is_active=True, role_grants__role=role).order_by("pk").first()


def seed_demo_suggestions() -> int:
    """Returns how many suggestions were registered (none when the demo has some already, or no 福田 bureau)."""
    import time_machine

    bureau = unit_by_code(BUREAU)
    if Suggestion.objects.exists() or bureau is None:
        return 0
    legal, director, leader = (_member(bureau.pk, role) for role in (Role.LEGAL, Role.DIRECTOR, Role.LEADER))
    if legal is None or director is None or leader is None:
        return 0
    case = Case.objects.filter(unit__path__startswith=bureau.path, decided_on__isnull=False).order_by("pk").first()
    with transaction.atomic():
        with time_machine.travel(_at(D(2026, 9, 1)), tick=False):
            done = actions.receive_suggestion(
                actor=legal,
                kind="procuratorial",
                organ="深圳市福田区人民检察院",
                number="深福检行建〔2026〕12号",
                subject="关于加强拖欠劳动报酬案件查处工作的检察建议",
                received_on=D(2026, 9, 1),
                unit=bureau,
                points=[text for text, _, _ in PROCURATORIAL_POINTS],
                case=case,
            )
        with time_machine.travel(_at(D(2026, 9, 2)), tick=False):
            done = actions.assign_suggestion(actor=director, suggestion=done, handler=legal)
        for number, (_, measures, result) in enumerate(PROCURATORIAL_POINTS, start=1):
            with time_machine.travel(_at(D(2026, 10, 8 + number)), tick=False):
                done = actions.answer_point(
                    actor=legal, suggestion=done, point=number, measures=measures, result=result
                )
        with time_machine.travel(_at(D(2026, 10, 13)), tick=False):
            done = actions.submit_reply(
                actor=legal, suggestion=done, reply_text="本局高度重视，召开专题会议逐条研究，制定整改措施并落实。"
            )
        with time_machine.travel(_at(D(2026, 10, 14)), tick=False):
            done = actions.approve_reply(actor=leader, suggestion=done)
        with time_machine.travel(_at(D(2026, 10, 15)), tick=False):
            done = actions.send_reply(actor=legal, suggestion=done, sent_on=D(2026, 10, 15), sent_how="mail")
        with time_machine.travel(_at(D(2026, 10, 30)), tick=False):
            actions.record_feedback(
                actor=legal,
                suggestion=done,
                received_on=D(2026, 10, 30),
                feedback="检察机关回访，认为整改措施具体、落实到位。",
            )
        with time_machine.travel(_at(D(2026, 11, 10)), tick=False):
            pending = actions.receive_suggestion(
                actor=legal,
                kind="judicial",
                organ="深圳市福田区人民法院",
                number="（2026）粤0304行建3号",
                subject="关于规范行政处理程序的司法建议",
                received_on=D(2026, 11, 10),
                unit=bureau,
                points=list(JUDICIAL_POINTS),
                stated_deadline=D(2027, 1, 9),
            )
        with time_machine.travel(_at(D(2026, 11, 11)), tick=False):
            pending = actions.assign_suggestion(actor=director, suggestion=pending, handler=legal)
        with time_machine.travel(_at(D(2026, 11, 18)), tick=False):
            actions.answer_point(
                actor=legal,
                suggestion=pending,
                point=1,
                measures="已在行政处理决定书格式中增加“陈述申辩及采纳情况”部分。",
                result="",
            )
    return 2
