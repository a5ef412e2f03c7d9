"""The public pages of the standards, the powers list and the calculator. They read only public law (the standards
and the list are published, 行政处罚法 第三十四条), so the portal shows them as they are; the staff app shows the same
pages in its own layout (`fazhi.law.views`). `layout` is "portal" or "staff"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.forms import CheckedForm
from fazhi.law import queries, wording
from fazhi.rules.conditions import STANDARD_ONLY_FACTS
from fazhi.rules.facts import FACT_LABELS, HARM_LABELS, MITIGATION_GROUNDS, FactsError, parse_facts
from fazhi.rules.powers import POWER_TYPES, power_list
from fazhi.rules.violations import UnknownViolation, Violation, all_violations, by_statute, violation

BASES = {"portal": "portal/base.html", "staff": "staff/base.html"}
MAX_QUERY = 50  # characters of the standards page's search


def _render(request: HttpRequest, layout: str, template: str, context: dict[str, Any]) -> HttpResponse:
    prefix = "portal:" if layout == "portal" else "law:"
    return render(request, template, {**context, "base_template": BASES[layout], "urls": prefix, "layout": layout})


@dataclass(frozen=True)
class StandardEntry:
    violation: Violation
    article: str
    statutory: str
    tiers: list[wording.TierRow]


@dataclass(frozen=True)
class StatuteGroup:
    number: int  # its anchor: #law-N
    statute: str
    entries: list[StandardEntry]


def _matches(found: Violation, words: list[str]) -> bool:
    text = f"{found.name} {found.basis} {found.code}".lower()
    return all(word in text for word in words)


def standards(request: HttpRequest, layout: str, *, may_load: bool = False) -> HttpResponse:
    """The standard in force: a contents list of the statutes, then each violation's tiers in order of severity with
    their conditions in words; `q` keeps the violations whose name or article holds every word of it. `may_load`: the
    staff page offers the upload of a new version."""
    current = queries.standard_in_force(timezone.localdate())
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    words = query.lower().split()
    groups = []
    for number, (statute, rows) in enumerate(by_statute().items(), start=1):
        entries = [
            StandardEntry(
                v, wording.article(v), wording.statutory_range(v), wording.tier_rows(v, current.tiers_of(v.code))
            )
            for v in rows
            if _matches(v, words)
        ]
        if entries:
            groups.append(StatuteGroup(number, statute, entries))
    context = {
        "standard": current,
        "groups": groups,
        "q": query,
        "found": sum(len(group.entries) for group in groups),
        "may_load": may_load,
    }
    return _render(request, layout, "law/standards.html", context)


def violation_page(request: HttpRequest, layout: str, code: str) -> HttpResponse:
    try:
        found = violation(code)
    except UnknownViolation:
        raise Http404("未知的违法行为") from None
    current = queries.standard_in_force(timezone.localdate())
    context = {
        "violation": found,
        "standard": current,
        "statutory": wording.statutory_range(found),
        "tiers": wording.tier_rows(found, current.tiers_of(found.code)),
        "power": power_list().power_for(found.code),
    }
    return _render(request, layout, "law/violation.html", context)


def powers(request: HttpRequest, layout: str) -> HttpResponse:
    listed = power_list()
    groups = [(kind, listed.by_type(kind)) for kind in POWER_TYPES if listed.by_type(kind)]
    return _render(request, layout, "law/powers.html", {"list": listed, "groups": groups})


# The facts only a standard's tiers weigh (fazhi.rules.conditions): the form asks for them only where a tier names them.
STANDARD_FACTS = frozenset(
    {"amount_owed", "duration_months", "duration_days", "earlier_violations", "corrected_in_time"}
)


class CalculatorForm(CheckedForm):
    violation = forms.ChoiceField(label="违法行为", choices=())
    workers = forms.CharField(label="受侵害的劳动者人数", required=False)
    child_months = forms.CharField(label="使用童工的人月数", required=False)
    base_amount = forms.CharField(
        label="计罚基数（元）", required=False, help_text="违法所得、欠缴或骗取金额、罚款数额等"
    )
    days = forms.CharField(label="天数", required=False, help_text="按日计算的填写")
    harm = forms.ChoiceField(label="危害后果", required=False, choices=())
    first_violation = forms.BooleanField(label="初次违法", required=False)
    corrected_promptly = forms.BooleanField(label="已及时改正", required=False)
    repeat_within_year = forms.BooleanField(label="受行政处罚后一年内再次发生同类违法行为", required=False)
    no_fault = forms.BooleanField(label="有证据足以证明没有主观过错", required=False)
    mitigation = forms.MultipleChoiceField(
        label="应当从轻或者减轻的情形（行政处罚法第三十二条）",
        required=False,
        choices=[(k, v[1]) for k, v in MITIGATION_GROUNDS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    occurred_on = forms.CharField(label="违法行为发生日", required=False, help_text="YYYY-MM-DD")
    ended_on = forms.CharField(label="违法行为终了日", required=False, help_text="连续或者继续状态的，YYYY-MM-DD")
    # Asked only where a tier of the standards names them (fazhi.rules.conditions.STANDARD_ONLY_FACTS).
    amount_owed = forms.CharField(label="拖欠或欠缴的金额（元）", required=False)
    duration_months = forms.CharField(
        label="违法行为持续的月数", required=False, help_text="不填的，按发生日和终了日计算"
    )
    duration_days = forms.CharField(
        label="违法行为持续的天数", required=False, help_text="不填的，按发生日和终了日计算"
    )
    earlier_violations = forms.CharField(label="此前因同类违法行为被查处的次数", required=False)
    corrected_in_time = forms.ChoiceField(
        label="在责令改正期限内改正",
        required=False,
        choices=[("", "尚不清楚"), ("yes", "是"), ("no", "否")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named = queries.named_facts()
        for name in STANDARD_ONLY_FACTS - named:
            del self.fields[name]
        grouped = [(statute, [(v.code, v.name) for v in rows]) for statute, rows in by_statute().items()]
        violation_field, harm_field = self.fields["violation"], self.fields["harm"]
        assert isinstance(violation_field, forms.ChoiceField)
        assert isinstance(harm_field, forms.ChoiceField)
        violation_field.choices = [("", "请选择"), *grouped]
        harm_field.choices = [("", "未认定"), *((h.value, label) for h, label in HARM_LABELS.items())]


def calculator(request: HttpRequest, layout: str) -> HttpResponse:
    """A GET form (nothing is stored): the answer and its explanation, or what is wrong with what was typed."""
    form = CalculatorForm(request.GET or None)
    result, problems = None, {}
    if request.GET and form.is_valid():
        raw = {k: v for k, v in form.cleaned_data.items() if k != "violation" and v not in ("", None, False, [])}
        try:
            result = queries.calculate(form.cleaned_data["violation"], parse_facts(raw), on=timezone.localdate())
        except FactsError as error:
            problems = error.problems
            for name, problem in problems.items():
                if name in form.fields:
                    form.add_error(name, problem)
    needs = [FACT_LABELS[name] for name in result.needs] if result is not None else []
    context = {"form": form, "result": result, "needs": needs, "count": len(all_violations())}
    return _render(request, layout, "law/calculator.html", context)
