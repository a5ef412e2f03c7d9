"""No 500 on any input, in the forms (security review L2 and its advice "extend the fuzzers to the forms").

The API has its OpenAPI fuzzer (`fazhi/api/tests/test_fuzz.py`); the HTML side has no schema, so this one reads the
URLconf: every address under /staff/ that answers POST (found by asking: a view that does not answers 405), the
portal's complaint and status forms, and the calculator; and every page without a path parameter, for its query
string. Each is sent, as the personas entitled to it, values a clerk or a script might type — control and
bidirectional characters, huge strings, "²" and other Unicode digits, negative and huge numbers, 0001-01-01 and
9999-12-31, wrong types, fields left out and fields added — under the names its forms carry (read from the pages
themselves) and names of its own. None may answer 5xx or show a traceback.

The number of examples is kept small (`EXAMPLES`, `STEP_EXAMPLES`, `QUERY_EXAMPLES`): every address gets a few each
run (different ones each time; Hypothesis replays what failed before from its database), so the three tests stay
under a minute and a half. `FAZHI_FUZZ_SCALE=20 pytest fazhi/tests/test_form_fuzz.py` runs twenty times as many.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Org
from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.procedure.base import Transition
from fazhi.cases.states import State
from fazhi.cases.stepfields import StepField, fields_of
from fazhi.cases.tests.conftest import RegisterCase, _on_a_known_day, register
from fazhi.cases.workflow import available
from fazhi.documents.tests.conftest import decided_penalty, filed

__all__ = ["_on_a_known_day", "decided_penalty", "register"]

SCALE = max(1, int(os.environ.get("FAZHI_FUZZ_SCALE", "1") or "1"))
EXAMPLES = 5 * SCALE
STEP_EXAMPLES = 3 * SCALE  # per step of the procedure (about fifty): each answer renders the whole case page
QUERY_EXAMPLES = 4 * SCALE

# What a clerk, a copy-paste or a script sends.
NASTY = [
    "",
    " ",
    "²",
    "¹²³",
    "٣",
    "１２",
    "๓๓",
    "Ⅻ",
    "-1",
    "0",
    "-0",
    "1.5",
    "1,000",
    "1e400",
    "NaN",
    "inf",
    "-99999999999999999999",
    "9223372036854775808",
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "10000-01-01",
    "2026-03-09T25:61",
    "\x00",
    "ctrl\x01\x0b\x1b\x7f",
    "abc\u202egnp.exe",
    "\u2066x\u2069",
    "\ud7ff\ufeff\ufffe",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ 7*7 }}{% debug %}",
    "../../etc/passwd",
    "true",
    "on",
    "[]",
    "{}",
    "null",
    "张三" * 3000,
    "x" * 100_000,
]
GENERIC_NAMES = [
    "case",
    "pk",
    "id",
    "as_of",
    "page",
    "q",
    "state",
    "unit",
    "handler",
    "amount",
    "date",
    "reason",
    "version",
    "expected_version",
    "doc_type",
    "record",
    "decision",
    "served",
    "kind",
    "year",
    "quarter",
    "category",
    "violation",
    "workers",
    "TOTAL_FORMS",
    "form-TOTAL_FORMS",
]
NO_FUZZ = {"/staff/logout/"}  # ends the session the rest goes on with; it takes no field
STEP_ROUTE = "/staff/cases/<int:pk>/step/<slug:action>/"  # fuzzed step by step, with each step's own fields
# The steps of the other records' procedures (suggestions, supervision orders, remedies, the dishonest list).
OTHER_ACTIONS = ["answer", "close", "escalate", "accept", "reply", "approve_reply", "register", "publish", "withdraw"]
VERSION = "<the case's version>"  # replaced by the case's current version when sent, so that the step is checked
NAME = re.compile(r'\bname="([^"]{1,80})"')

# Who is entitled to the forms under each prefix (the longest prefix wins); any other address: every business role.
ENTITLED = {
    "/staff/login/": ["anonymous"],
    "/staff/password/": ["inspector"],
    "/staff/accounts/": ["secadmin", "sysadmin"],
    "/staff/calendar/": ["sysadmin"],
    "/staff/cases/new/": ["inspector", "lead"],
    "/staff/cases/delegations/": ["leader", "director"],
    "/staff/cases/": ["inspector", "inspector2", "lead", "legal", "director", "leader"],
    "/staff/documents/": ["inspector", "lead", "director"],
    "/staff/evidence/": ["inspector", "lead"],
    "/staff/journal/": ["auditadmin", "supervisor"],
    "/staff/law/": ["legal", "sysadmin"],
    "/staff/disclosure/": ["director", "leader"],
    "/staff/complaints/": ["lead", "director"],
    "/staff/dishonest-list/": ["director", "legal", "lead", "leader"],
    "/staff/major-violations/": ["director", "lead", "leader"],
    "/staff/suggestions/": ["legal", "leader", "director"],
    "/staff/remedies/": ["legal", "leader"],
    "/staff/supervision/": ["supervisor", "director", "leader"],
    "/complaints/": ["anonymous"],
    "/": ["anonymous"],
}
EVERYONE = ["inspector", "lead", "legal", "director", "leader", "supervisor"]


@dataclass(frozen=True)
class Route:
    template: str  # "/staff/cases/<int:pk>/step/<slug:action>/"
    params: tuple[tuple[str, str], ...]  # (name, converter)


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            template = "/" + prefix + str(pattern.pattern)
            params = tuple(re.findall(r"<(?:(\w+):)?(\w+)>", template))
            yield Route(template, tuple((name, converter or "str") for converter, name in params))


def entitled(path: str) -> list[str]:
    for prefix in sorted(ENTITLED, key=len, reverse=True):
        if path.startswith(prefix):
            return ENTITLED[prefix]
    return EVERYONE


@dataclass
class World:
    """The cases and personas of one test, the ids of a few other records (a suggestion, a supervision order), and a
    signed-in client per persona."""

    cases: list[Case]
    personas: dict[str, User]
    ids: list[int]
    clients: dict[str, Client]

    def client(self, persona: str) -> Client:
        if persona not in self.clients:
            client = Client()
            if persona != "anonymous":
                client.force_login(self.personas[persona])
            self.clients[persona] = client
        return self.clients[persona]


@pytest.fixture
def world(register: RegisterCase, decided_penalty: Case, personas: dict[str, User], org: Org) -> World:
    from fazhi.suggestions.actions import receive_suggestion
    from fazhi.supervision.actions import raise_order

    cases = [register(), filed(register, personas["lead"]), decided_penalty]
    suggestion = receive_suggestion(
        actor=personas["legal"],
        kind="procuratorial",
        organ="深圳市福田区人民检察院",
        number="深福检行建〔2026〕1号",
        subject="关于加强欠薪案件办理工作的检察建议",
        received_on=dt.date(2026, 3, 9),
        unit=org.futian,
        points=["建议一。"],
    )
    order = raise_order(actor=personas["supervisor"], subject="请说明立案审批超期的原因。", case=cases[1])
    return World(cases=cases, personas=personas, ids=[suggestion.pk, order.pk], clients={})


def _values(route: Route, world: World) -> st.SearchStrategy[str]:
    pks = [str(case.pk) for case in world.cases]
    strategies = []
    for name, converter in route.params:
        if converter == "int":
            others = [str(pk) for pk in world.ids]
            strategies.append(st.sampled_from([*pks, *others, "9223372036854775807"]))
        elif name in ("action", "step"):
            strategies.append(st.sampled_from([*OTHER_ACTIONS, "x", "²"]))
        elif name == "kind":
            strategies.append(st.sampled_from(["reconsideration", "litigation", "x"]))
        else:
            strategies.append(st.sampled_from(["answer", "close", "register", "x", "²"]))
    template = route.template

    def fill(values: tuple[str, ...]) -> str:
        path = template
        for value in values:
            path = re.sub(r"<[^>]+>", value, path, count=1)
        return path

    return st.tuples(*strategies).map(fill)


def _sample(route: Route, world: World) -> str:
    """The route with a real case for its numbers and the first plausible value for its names."""
    path = route.template
    for name, converter in route.params:
        value = str(world.cases[-1].pk) if converter == "int" else {"kind": "reconsideration"}.get(name, "register")
        path = re.sub(r"<[^>]+>", value, path, count=1)
    return path


def _fields(names: list[str]) -> st.SearchStrategy[dict[str, str | list[str]]]:
    value = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))
    known = st.dictionaries(st.sampled_from(names), st.one_of(value, st.lists(value, max_size=3)), max_size=12)
    extra = st.dictionaries(st.text(min_size=1, max_size=12), value, max_size=3)
    return st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]})


def _assert_clean(response: object, where: str) -> None:
    status = getattr(response, "status_code", 0)
    assert status < 500, f"{where}: {status}"
    content = getattr(response, "content", b"") if not getattr(response, "streaming", False) else b""
    assert b"Traceback (most recent call last)" not in content, where


def _posting(world: World) -> list[tuple[Route, str]]:
    """The routes that answer POST, each with the form page whose field names it reads."""
    found = []
    for route in _walk(get_resolver().url_patterns):
        path = route.template
        if path.startswith(("/api/", "/admin/")) or path in NO_FUZZ or path == STEP_ROUTE:
            continue
        if not path.startswith(("/staff/", "/complaints/", "/calculator/")):
            continue
        sample = _sample(route, world)
        persona = entitled(path)[0]
        if world.client(persona).post(sample, {}).status_code != 405:
            found.append((route, persona))
    return found


def _names(client: Client, path: str) -> list[str]:
    """The field names of the forms on the page at `path` (when it answers GET), and the generic ones."""
    page = client.get(path)
    found = set(NAME.findall(page.content.decode(errors="replace"))) if page.status_code == 200 else set()
    return sorted(found - {"csrfmiddlewaretoken"} | set(GENERIC_NAMES))


@pytest.mark.django_db
def test_no_step_of_a_case_answers_a_500_or_a_traceback_whatever_is_typed_into_it(world: World) -> None:
    steps: dict[str, tuple[Case, Transition]] = {}  # each step once, on the first case it is offered on
    for case in world.cases:
        for step in available(State(case.state), case.procedure_version):
            steps.setdefault(step.action, (case, step))
    assert len(steps) >= 20
    for case, step in steps.values():
        names = [f"{step.action}-{name}" for name in ("version", "reason", *(f.name for f in fields_of(step)))]
        value = st.one_of(st.just(VERSION), st.sampled_from(NASTY), st.text(max_size=30))
        fields = st.tuples(
            st.dictionaries(st.sampled_from(names), value, max_size=len(names)),
            st.dictionaries(st.text(min_size=1, max_size=12), value, max_size=2),
        ).map(partial(_with_version, f"{step.action}-version"))
        _fuzz_step(world, case.pk, f"/staff/cases/{case.pk}/step/{step.action}/", fields)


def _with_version(key: str, pair: tuple[dict[str, str], dict[str, str]]) -> dict[str, str]:
    """The fields drawn; the version the page was read at unless they send their own (so the step's fields are
    checked, not only the version)."""
    known, extra = pair
    return {key: VERSION, **extra, **known}


def _fuzz_step(world: World, pk: int, path: str, fields: st.SearchStrategy[dict[str, str]]) -> None:
    @settings(max_examples=STEP_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(persona=st.sampled_from(["inspector", "lead", "legal", "leader", "director"]), data=fields)
    def post(persona: str, data: dict[str, str]) -> None:
        version = str(Case.objects.get(pk=pk).version)
        sent = {name: version if value == VERSION else value for name, value in data.items()}
        _assert_clean(world.client(persona).post(path, sent), f"POST {path} as {persona} with {sent!r}"[:2000])

    post()


@pytest.mark.django_db
def test_no_form_answers_a_500_or_a_traceback_whatever_is_typed_into_it(world: World, captcha_answer: str) -> None:
    posting = _posting(world)
    assert len(posting) > 30  # the discovery itself works: the staff application has many forms
    for route, persona in posting:
        names = _names(world.client(persona), _sample(route, world))
        path_values = _values(route, world) if route.params else st.just(route.template)

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
        @given(path=path_values, persona=st.sampled_from(entitled(route.template)), data=_fields(names))
        def post(path: str, persona: str, data: dict[str, str | list[str]]) -> None:
            client = world.client(persona)
            if path.startswith("/complaints/") and path.endswith("/complaints/"):
                client.get(path)  # an image is drawn, answered right unless the example sends its own answer
                data.setdefault("captcha", captcha_answer)
            _assert_clean(client.post(path, data), f"POST {path} as {persona} with {data!r}"[:2000])

        post()


@pytest.mark.django_db
def test_no_page_answers_a_500_or_a_traceback_whatever_its_query_string(world: World) -> None:
    pages = [
        route
        for route in _walk(get_resolver().url_patterns)
        if not route.params and not route.template.startswith(("/api/", "/admin/")) and route.template not in NO_FUZZ
    ]
    assert len(pages) > 30
    for route in pages:
        persona = entitled(route.template)[0]
        client = world.client(persona)
        _assert_clean(client.get(route.template), f"GET {route.template}")
        names = _names(client, route.template)
        _fuzz_query(client, route.template, names)


def _fuzz_query(client: Client, path: str, names: list[str]) -> None:
    @settings(max_examples=QUERY_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(query=_fields(names))
    def get(query: dict[str, str | list[str]]) -> None:
        _assert_clean(client.get(path, query), f"GET {path} with {query!r}"[:2000])

    get()


PLAUSIBLE = {
    "text": "经调查核实，情况属实。",
    "line": "本局第三询问室",
    "amount": "100.00",
    "rate": "0.5",
    "count": "1",
}


def _plausible(field: StepField, case: Case, date: str) -> str:
    """A value the field accepts (`date` for a date), so that the step's own logic is reached."""
    if field.kind == "choice":
        return next(iter(field.options(case))) if field.options else ""
    return {"date": date, "flag": "on", "staff": "inspector2"}.get(field.kind) or PLAUSIBLE.get(field.kind, "1")


@pytest.mark.django_db
@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_no_step_answers_a_500_to_the_first_or_last_day_there_is(world: World, date: str) -> None:
    """Every step with a date, every other field filled plausibly: the dates reach the periods and the guards."""
    for case in world.cases:
        for step in available(State(case.state), case.procedure_version):
            fields = fields_of(step)
            if not any(field.kind == "date" for field in fields):
                continue
            path = f"/staff/cases/{case.pk}/step/{step.action}/"
            for persona in ("inspector", "lead", "leader", "legal"):
                current = Case.objects.get(pk=case.pk)
                data = {f"{step.action}-{field.name}": _plausible(field, current, date) for field in fields}
                data[f"{step.action}-version"] = str(current.version)
                _assert_clean(world.client(persona).post(path, data), f"POST {path} as {persona} with {data!r}")
