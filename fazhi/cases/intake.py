"""Registering a case (登记): what a complaint, a report or an own discovery must carry, checked once.

The staff intake form (`fazhi.cases.forms.IntakeForm`), the public complaint form (`fazhi.complaints.forms`), the
API's `POST /api/v1/cases` and the action `fazhi.cases.actions.register_case` all ask `clean()` (or `check()`, which
raises), so the same input is refused by each of them with the same Chinese message for the same field. The forms and
the API only parse what was typed or sent (a date is a date, an amount a number); every rule about what a registration
may hold is here.

The fields are named as `register_case`'s keyword arguments; a worker's field is "workers.<index>.<name>" (the index
among the worker lines given). Messages carry no final "。": a form adds it, the API lists them by field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models

from fazhi.accounts.models import Role, Unit, User
from fazhi.cases.models import Case, Employer, Source, WorkerLine
from fazhi.errors import ActionError
from fazhi.rules.facts import MAX_AMOUNT
from fazhi.rules.identifiers import (
    normalize_credit_code,
    normalize_id_number,
    normalize_mobile,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)
from fazhi.text import text_problem

# The earliest receipt a registration may record: older complaints are outside every period of the procedure
# (劳动保障监察条例 第二十条: two years), so a date before this is a typing error.
EARLIEST_RECEIPT = dt.date(2000, 1, 1)
# Worker lines registered at once: the intake form's rows (each row three fields, under Django's limit of 1,000 fields
# a request may post) and the API alike.
MAX_WORKERS = 200

# A person brings these: a complaint (投诉) about their own rights, a report (举报), or one passed on by another body.
PERSON_SOURCES = frozenset({Source.COMPLAINT, Source.REPORT, Source.REFERRAL})
# The bureau's own discoveries (日常巡视检查、书面审查、专项检查): nobody complained, so no complainant is registered.
OWN_DISCOVERIES = frozenset(Source.values) - PERSON_SOURCES

HANDLER_CHOICE = "请从本机构及下级机构持证的监察员中选择"


class InvalidIntake(ActionError, ValueError):
    """The registration is refused: `problems` names each wrong field with its Chinese message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("；".join(problems.values()) + "。")
        self.problems = dict(problems)


class WorkerFields(Protocol):
    """A worker line as typed (fazhi.cases.actions.WorkerInput, or a form's row): amount None when left blank."""

    @property
    def name(self) -> str: ...
    @property
    def amount_owed(self) -> Decimal | None: ...
    @property
    def id_number(self) -> str: ...
    @property
    def period_start(self) -> dt.date | None: ...
    @property
    def period_end(self) -> dt.date | None: ...


@dataclass(frozen=True)
class Worker:
    name: str
    amount_owed: Decimal | None
    id_number: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(frozen=True)
class Intake:
    """What a registration carries, as typed (`clean` returns it normalised: credit code, ID numbers, phone)."""

    source: str
    received_on: dt.date | None
    employer_name: str
    summary: str
    employer_credit_code: str = ""
    employer_address: str = ""
    legal_representative: str = ""
    complainant_name: str = ""
    complainant_id_number: str = ""
    complainant_phone: str = ""
    anonymous: bool = False
    workers: Sequence[WorkerFields] = ()
    handler: User | None = None
    co_handler: User | None = None


def _limit(model: type[Case | Employer | WorkerLine], field: str) -> int:
    column = model._meta.get_field(field)
    # An identifier encrypted at rest (a TextField) keeps the limit of its clear value (ADR 0019).
    assert isinstance(column, models.CharField | models.TextField)
    assert column.max_length is not None
    return column.max_length


# Where each text is stored, for its length (PostgreSQL refuses a longer value; SQLite would keep it silently).
_LENGTHS: dict[str, tuple[type[Case | Employer | WorkerLine], str]] = {
    "employer_name": (Employer, "name"),
    "employer_address": (Employer, "address"),
    "legal_representative": (Employer, "legal_representative"),
    "complainant_name": (Case, "complainant_name"),
}
MAX_SUMMARY = 5000


def may_handle(person: User, unit: Unit) -> bool:
    """Whether `person` may be named handler of a case registered at `unit`: an active inspector with an enforcement
    certificate, in `unit` or a unit below it (行政处罚法 第四十二条), as `queries.certified_inspectors(unit)` lists."""
    return (
        person.is_active
        and person.has_role(Role.INSPECTOR)
        and bool(person.enforcement_certificate_number)
        and person.unit is not None
        and person.unit.path.startswith(unit.path)
    )


def _text_problem(value: str, *, one_line: bool, most: int) -> str:
    problem = text_problem(value, one_line=one_line)  # fazhi.text: control and bidirectional characters
    if problem:
        return problem
    if len(value) > most:
        return f"不能超过 {most} 个字"
    return ""


def clean(intake: Intake, *, unit: Unit | None, today: dt.date) -> tuple[Intake, dict[str, str]]:
    """(the registration normalised, the problems by field). `unit` is where the case is registered (None when the
    caller named no unit: the handlers then cannot be checked and are refused)."""
    problems: dict[str, str] = {}
    source = intake.source
    if source not in Source.values:
        problems["source"] = "请选择案件来源"

    if intake.received_on is None:
        problems["received_on"] = "请填写收到日期"
    elif intake.received_on > today:
        problems["received_on"] = "收到日期不能晚于今天"
    elif intake.received_on < EARLIEST_RECEIPT:
        problems["received_on"] = f"收到日期不能早于 {EARLIEST_RECEIPT:%Y-%m-%d}，请核对"

    employer_name = intake.employer_name.strip()
    if not employer_name:
        problems["employer_name"] = "请填写用人单位名称"
    credit_code = normalize_credit_code(intake.employer_credit_code)
    if credit_code:
        found = validate_credit_code(credit_code)
        if found:
            problems["employer_credit_code"] = "统一社会信用代码有误：" + "；".join(found)
    summary = intake.summary.strip()
    if not summary:
        problems["summary"] = "请填写案情摘要"
    elif problem := _text_problem(summary, one_line=False, most=MAX_SUMMARY):
        problems["summary"] = problem
    texts = {
        "employer_name": employer_name,
        "employer_address": intake.employer_address.strip(),
        "legal_representative": intake.legal_representative.strip(),
        "complainant_name": intake.complainant_name.strip(),
    }
    for field, value in texts.items():
        model, column = _LENGTHS[field]
        if field not in problems and (problem := _text_problem(value, one_line=True, most=_limit(model, column))):
            problems[field] = problem

    id_number = normalize_id_number(intake.complainant_id_number)
    phone = normalize_mobile(intake.complainant_phone) if intake.complainant_phone.strip() else ""
    problems.update(_complainant_problems(intake, texts["complainant_name"], id_number, phone, today))

    workers, worker_problems = _workers(intake.workers, today)
    problems.update(worker_problems)
    problems.update(_handler_problems(intake.handler, intake.co_handler, unit))

    cleaned = dataclasses.replace(
        intake,
        employer_name=employer_name,
        employer_credit_code=credit_code,
        employer_address=texts["employer_address"],
        legal_representative=texts["legal_representative"],
        summary=summary,
        complainant_name=texts["complainant_name"],
        complainant_id_number=id_number,
        complainant_phone=phone,
        workers=workers,
    )
    return cleaned, problems


def _complainant_problems(intake: Intake, name: str, id_number: str, phone: str, today: dt.date) -> dict[str, str]:
    """Who brought the case. A complaint names its complainant: anonymous, it is a report (广东省劳动保障监察条例
    第三十四条); its phone is needed to tell the complainant of the acceptance or of what to complete (第三十七条
    第一款第（一）项、第三十九条). A missing ID number is completed later (第三十九条第一款第（七）项), not refused
    here. An anonymous report keeps nobody's identity; the bureau's own discoveries have no complainant."""
    problems: dict[str, str] = {}
    source = intake.source
    given = {
        field
        for field, value in (
            ("complainant_name", name),
            ("complainant_id_number", id_number),
            ("complainant_phone", phone),
        )
        if value
    }
    if source in OWN_DISCOVERIES:
        if intake.anonymous:
            problems["anonymous"] = "只有举报可以匿名"
        for field in sorted(given):
            problems[field] = "自行发现的案件（巡视、书面审查、专项检查）不登记投诉（举报）人"
        return problems
    if intake.anonymous:
        if source == Source.COMPLAINT:
            problems["anonymous"] = "投诉须登记投诉人；匿名反映的，请按“举报”登记（广东省劳动保障监察条例第三十四条）"
        elif source != Source.REPORT:
            problems["anonymous"] = "只有举报可以匿名"
        else:
            for field in sorted(given):
                problems[field] = "匿名举报不登记举报人信息，请清空此项或取消“匿名举报”"
        return problems
    if source == Source.COMPLAINT and not name:
        problems["complainant_name"] = "请填写投诉人姓名"
    elif source == Source.REPORT and not name:
        problems["complainant_name"] = "请填写举报人姓名（匿名举报请勾选“匿名举报”）"
    if source == Source.COMPLAINT and not phone:
        problems["complainant_phone"] = "请填写投诉人的联系电话，以便告知受理结果"
    if id_number and (found := validate_id_number(id_number, today=today)):
        problems["complainant_id_number"] = "身份证号码有误：" + "；".join(found)
    if phone and (found := validate_mobile(phone)):
        problems["complainant_phone"] = "；".join(found)
    return problems


def _workers(rows: Sequence[WorkerFields], today: dt.date) -> tuple[list[Worker], dict[str, str]]:
    problems: dict[str, str] = {}
    if len(rows) > MAX_WORKERS:
        problems["workers"] = f"一次最多登记 {MAX_WORKERS} 名劳动者的欠薪明细"
    workers = []
    name_limit, id_limit = _limit(WorkerLine, "name"), _limit(WorkerLine, "id_number")
    for index, row in enumerate(rows[:MAX_WORKERS]):
        at = f"workers.{index}"
        name = row.name.strip()
        id_number = normalize_id_number(row.id_number)
        if not name:
            problems[f"{at}.name"] = "请填写劳动者姓名"
        elif problem := _text_problem(name, one_line=True, most=name_limit):
            problems[f"{at}.name"] = problem
        amount = row.amount_owed
        if amount is None:
            problems[f"{at}.amount_owed"] = "请填写拖欠金额"
        elif not amount.is_finite() or amount <= 0:
            problems[f"{at}.amount_owed"] = "拖欠金额应大于零"
        elif amount > MAX_AMOUNT:
            problems[f"{at}.amount_owed"] = "金额过大，请核对"
        elif amount != amount.quantize(Decimal("0.01")):
            problems[f"{at}.amount_owed"] = "金额最多保留两位小数（到分）"
        if id_number:
            found = validate_id_number(id_number, today=today) if len(id_number) <= id_limit else ["应为18位"]
            if found:
                problems[f"{at}.id_number"] = "身份证号码有误：" + "；".join(found)
        if row.period_start and row.period_end and row.period_end < row.period_start:
            problems[f"{at}.period_end"] = "欠薪截止日期不能早于起始日期"
        workers.append(Worker(name, amount, id_number, row.period_start, row.period_end))
    return workers, problems


def _handler_problems(handler: User | None, co_handler: User | None, unit: Unit | None) -> dict[str, str]:
    # 行政处罚法 第四十二条: at least two officers with enforcement certificates; naming them at intake is optional.
    problems: dict[str, str] = {}
    if co_handler is not None and handler is None:
        problems["handler"] = "请先指定主办人，再指定协办人"
    elif handler is not None and co_handler is not None and handler.pk == co_handler.pk:
        problems["co_handler"] = "主办人和协办人应为两名不同的执法人员（行政处罚法第四十二条）"
    for field, person in (("handler", handler), ("co_handler", co_handler)):
        if person is not None and field not in problems and (unit is None or not may_handle(person, unit)):
            problems[field] = HANDLER_CHOICE
    return problems


def check(intake: Intake, *, unit: Unit, today: dt.date) -> Intake:
    """The registration normalised, or `InvalidIntake` naming every wrong field (for `register_case`)."""
    cleaned, problems = clean(intake, unit=unit, today=today)
    if problems:
        raise InvalidIntake(problems)
    return cleaned
