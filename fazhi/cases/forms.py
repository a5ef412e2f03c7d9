"""The forms of the case screens: the list's filters, the intake form with its worker lines, and one small form per
step of the procedure. They parse and check what was typed (in Chinese); the rules of the procedure stay in the
actions and guards, which say why a step cannot be taken."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import timezone

from fazhi.accounts.access import can_write
from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import visible_units
from fazhi.cases import assessment, case_page, intake, queries, stepfields
from fazhi.cases.models import Case, Source
from fazhi.cases.procedure import measures
from fazhi.cases.search import identifier_problem
from fazhi.cases.workflow import STATE_LABELS, Transition
from fazhi.forms import CheckedForm
from fazhi.rules import violations
from fazhi.rules.conditions import STANDARD_ONLY_FACTS
from fazhi.rules.measures import MeasureKind

ANY = ("", "全部")
DUE_WINDOWS = [
    ANY,
    (queries.DUE_OVERDUE, "已超期"),
    (queries.DUE_SOON, f"{queries.SOON_WORKING_DAYS} 个工作日内到期"),
    (queries.DUE_AWAITING, "待导入节假日"),
]


def _today() -> dt.date:
    return timezone.localdate()


if TYPE_CHECKING:  # django-stubs makes these generic; at run time they are not (no django_stubs_ext monkeypatch)
    UnitChoiceBase = forms.ModelChoiceField[Unit]
    StaffChoiceBase = forms.ModelChoiceField[User]
else:
    UnitChoiceBase = StaffChoiceBase = forms.ModelChoiceField


class UnitChoiceField(UnitChoiceBase):
    def label_from_instance(self, obj: Unit) -> str:
        return "　" * max(obj.depth - 1, 0) + obj.name


class StaffChoiceField(StaffChoiceBase):
    def label_from_instance(self, obj: User) -> str:
        unit = f"（{obj.unit.name}）" if obj.unit else ""
        return f"{obj.display_name}{unit}"


class CaseFilterForm(CheckedForm):
    q = forms.CharField(label="用人单位名称", required=False, max_length=100, help_text="输入名称中的任意两个字即可")
    state = forms.ChoiceField(label="状态", required=False, choices=[ANY, *((s.value, s.label) for s in STATE_LABELS)])
    source = forms.ChoiceField(label="案件来源", required=False, choices=[ANY, *Source.choices])
    unit = UnitChoiceField(label="承办机构", required=False, queryset=Unit.objects.none(), empty_label="全部")
    handler = StaffChoiceField(label="办案人", required=False, queryset=User.objects.none(), empty_label="全部")
    due = forms.ChoiceField(label="期限", required=False, choices=DUE_WINDOWS)
    violation = forms.ChoiceField(label="违法行为", required=False, choices=lambda: [ANY, *_violation_groups()])

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user)  # type: ignore[attr-defined]
        self.fields["handler"].queryset = queries.case_handlers(user)  # type: ignore[attr-defined]
        for name in ("unit", "handler"):
            self.fields[name].error_messages["invalid_choice"] = "所选项不在您可查看的范围内。"
        for name in ("state", "source", "due", "violation"):
            self.fields[name].error_messages["invalid_choice"] = "没有这个选项。"
        if can_write(user):
            # Offered to the staff who handle cases only: the supervisor sees people masked (queries.filtered_cases).
            self.fields["person"] = forms.CharField(
                label="身份证号码或手机号码",
                required=False,
                max_length=30,
                help_text="投诉人或劳动者的完整号码",
            )

    def clean_q(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip()

    def clean_person(self) -> str:
        value = str(self.cleaned_data.get("person") or "").strip()
        if value and (problem := identifier_problem(value)):
            raise forms.ValidationError(problem + "。")
        return value


def _violation_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The violations grouped by statute, for a select with option groups."""
    return [(statute, [(v.code, v.name) for v in items]) for statute, items in violations.by_statute().items()]


def _problems(problems: list[str]) -> None:
    if problems:
        raise forms.ValidationError([f"{problem}。" for problem in problems])


class IntakeForm(CheckedForm):
    """登记案件: a complaint or report taken by phone or at the counter, or an own discovery. The fields are parsed
    here; what a registration may hold is `fazhi.cases.intake`'s, checked with the worker lines (`workers`) as one,
    exactly as the API and the action check it."""

    source = forms.ChoiceField(label="案件来源", choices=Source.choices, initial=Source.COMPLAINT)
    received_on = forms.DateField(
        label="收到日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写收到日期。", "invalid": "请按“年-月-日”填写日期，如 2026-03-09。"},
    )
    employer_name = forms.CharField(
        label="用人单位名称", max_length=200, error_messages={"required": "请填写用人单位名称。"}
    )
    employer_credit_code = forms.CharField(
        label="统一社会信用代码", max_length=30, required=False, help_text="18 位，不知道的可以不填"
    )
    employer_address = forms.CharField(label="用人单位地址", max_length=300, required=False)
    legal_representative = forms.CharField(label="法定代表人", max_length=50, required=False)
    anonymous = forms.BooleanField(label="匿名举报（不登记举报人信息）", required=False)
    complainant_name = forms.CharField(label="投诉（举报）人姓名", max_length=50, required=False)
    complainant_id_number = forms.CharField(label="居民身份证号码", max_length=30, required=False)
    complainant_phone = forms.CharField(label="联系电话（手机）", max_length=20, required=False)
    summary = forms.CharField(
        label="案情摘要",
        max_length=intake.MAX_SUMMARY,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写案情摘要。"},
    )
    handler = StaffChoiceField(label="主办人", required=False, queryset=User.objects.none(), empty_label="暂不指定")
    co_handler = StaffChoiceField(label="协办人", required=False, queryset=User.objects.none(), empty_label="暂不指定")

    def __init__(self, *args: Any, user: User, workers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = user.unit
        self.workers = workers  # the worker lines' formset (worker_formset), checked with the rest in `clean`
        self.intake: intake.Intake | None = None  # the registration, normalised, once the form is valid
        inspectors = queries.certified_inspectors(user.unit) if user.unit else User.objects.none()
        for name in ("handler", "co_handler"):
            field = self.fields[name]
            field.queryset = inspectors  # type: ignore[attr-defined]
            field.error_messages["invalid_choice"] = f"{intake.HANDLER_CHOICE}。"
        for name in ("employer_name", "employer_credit_code", "employer_address", "legal_representative"):
            self.fields[name].error_messages["max_length"] = "内容过长，请核对。"
        for name in ("complainant_name", "complainant_id_number", "complainant_phone", "summary"):
            self.fields[name].error_messages["max_length"] = "内容过长，请核对。"
        if not self.is_bound:
            self.initial.setdefault("received_on", _today())
            if inspectors.filter(pk=user.pk).exists():
                self.initial.setdefault("handler", user.pk)

    def _worker_rows(self) -> list[tuple[int, intake.Worker]]:
        """The worker lines typed (rows left blank are skipped), each with its row's index in the formset; none while
        a row cannot be read (its own error says why)."""
        if self.workers is None or not self.workers.is_valid():
            return []
        rows = []
        for index, row in enumerate(self.workers.cleaned_data):
            name, id_number, amount = row.get("name", ""), row.get("id_number", ""), row.get("amount_owed")
            if name or id_number or amount is not None:
                rows.append((index, intake.Worker(name=name, amount_owed=amount, id_number=id_number)))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rows = self._worker_rows()
        typed = intake.Intake(
            source=str(data.get("source") or ""),
            received_on=data.get("received_on"),
            employer_name=str(data.get("employer_name") or ""),
            summary=str(data.get("summary") or ""),
            employer_credit_code=str(data.get("employer_credit_code") or ""),
            employer_address=str(data.get("employer_address") or ""),
            legal_representative=str(data.get("legal_representative") or ""),
            complainant_name=str(data.get("complainant_name") or ""),
            complainant_id_number=str(data.get("complainant_id_number") or ""),
            complainant_phone=str(data.get("complainant_phone") or ""),
            anonymous=bool(data.get("anonymous")),
            workers=[worker for _, worker in rows],
            handler=data.get("handler"),
            co_handler=data.get("co_handler"),
        )
        cleaned, problems = intake.clean(typed, unit=self.unit, today=_today())
        for field, problem in problems.items():
            if field.startswith("workers."):
                _, index, name = field.split(".")
                self.workers.forms[rows[int(index)][0]].add_error(name, f"{problem}。")
            elif field == "workers":
                self.add_error(None, f"{problem}。")
            elif field not in self.errors:
                self.add_error(field, f"{problem}。")
        if not problems:
            self.intake = cleaned
        return data


class WorkerForm(CheckedForm):
    """One worker's arrears, as typed (what a line must hold is `fazhi.cases.intake`'s). A row left blank is
    skipped."""

    name = forms.CharField(label="劳动者姓名", max_length=50, required=False)
    id_number = forms.CharField(label="身份证号码", max_length=30, required=False)
    amount_owed = forms.DecimalField(
        label="拖欠金额（元）",
        required=False,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": "请填写金额数字，如 3500.00。",
            "max_decimal_places": "金额最多保留两位小数（到分）。",
            "max_digits": "金额过大，请核对。",
            "max_whole_digits": "金额过大，请核对。",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name", "id_number"):
            self.fields[name].error_messages["max_length"] = "内容过长，请核对。"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("name", "id_number"):
            data[name] = str(data.get(name) or "").strip()
        return data


class _WorkerFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    default_error_messages = {
        "missing_management_form": "页面已过期，请刷新后重新填写欠薪明细。",
        "too_many_forms": f"一次最多登记 {intake.MAX_WORKERS} 名劳动者的欠薪明细。",
        "too_few_forms": "请填写欠薪明细。",
    }


WORKER_ROWS = 3
MAX_WORKERS = intake.MAX_WORKERS
WorkerFormSet = forms.formset_factory(
    WorkerForm,
    formset=_WorkerFormSet,
    extra=WORKER_ROWS,
    max_num=MAX_WORKERS,
    validate_max=True,
    absolute_max=MAX_WORKERS,
)


def worker_formset(data: Any = None, *, more_rows: int = 0) -> Any:
    """The worker lines of the intake form; `more_rows` adds empty rows to what was posted (no JavaScript needed)."""
    if data is not None and more_rows:
        data = data.copy()
        key = "workers-TOTAL_FORMS"
        try:
            total = int(data.get(key, WORKER_ROWS))
        except ValueError:
            total = WORKER_ROWS
        data[key] = str(min(max(total, 0) + more_rows, MAX_WORKERS))
    formset = WorkerFormSet(data, prefix="workers")
    formset.non_form_errors()  # builds the error list in Chinese
    return formset


# The decide step's field of each kind of measure.
MEASURE_FIELD = {
    MeasureKind.ORDER_CORRECTION: "correction",
    MeasureKind.WARNING: "warning",
    MeasureKind.FINE: "fine_amount",
    MeasureKind.CONFISCATION: "confiscation_amount",
    MeasureKind.REVOKE_LICENCE: "revoke_licence",
    MeasureKind.STOP_WORK: "stop_work",
}


class StepForm(forms.Form):
    """One step of the procedure, as the case page offers it: the version the user saw, a reason or remark, and the
    fields the step takes (`fazhi.cases.stepfields`, checked there for the page and the API alike). Prefixed with
    the action, so that several steps share a page."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(
        label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        step: Transition,
        case: Case,
        user: User | None = None,
        seen: case_page.Reading | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", step.action)
        super().__init__(*args, **kwargs)
        self.step = step
        self.case = case
        self.fields["version"].error_messages = {
            "required": "页面已过期，请刷新后重试。",
            "invalid": "页面已过期，请刷新后重试。",
            "min_value": "页面已过期，请刷新后重试。",
            "max_value": "页面已过期，请刷新后重试。",
        }
        if not self.is_bound:
            self.initial["version"] = case.version
        if step.needs_reason:
            self.fields["reason"].label = "理由"
        for spec in stepfields.fields_of(step):
            self.fields[spec.name] = _form_field(spec, case, user)
        if "harm" in self.fields:
            self._ask_the_standards_facts()
        worker = self.fields.get("worker")
        if seen is not None and not seen.full and isinstance(worker, forms.ChoiceField):
            # The workers as this reader sees them everywhere else on the page (case_page.reading).
            shown = cast("list[tuple[str, str]]", worker.choices)
            worker.choices = [(value, seen.text(str(label))) for value, label in shown]
        if "decision_outcome" in self.fields:
            self.initial.setdefault("decision_outcome", case.proposed_outcome)
            # The penalty as notified (行政处罚法 第四十四条), to decide as it is or lighter.
            for measure in measures.loaded(case.proposed_measures):
                value: object = measure.amount if measure.amount is not None else measure.detail
                if measure.kind == MeasureKind.WARNING:
                    value = True
                if value and MEASURE_FIELD[measure.kind] in self.fields:
                    self.initial.setdefault(MEASURE_FIELD[measure.kind], value)
        for name in ("served_on", "paid_on"):
            if name in self.fields:
                self.initial.setdefault(name, _today().isoformat())
        if "violation_code" in self.fields and case.violation_code:
            self.initial.setdefault("violation_code", case.violation_code)

    def _ask_the_standards_facts(self) -> None:
        """The proposal asks the facts only a standard weighs where a tier of the standards names them (行政处罚法
        第三十四条), and shows what the case records of the calculator's facts (worker lines, dates, the file)."""
        for name in STANDARD_ONLY_FACTS - assessment.asked_facts():
            self.fields.pop(name, None)
        for name, value in assessment.case_facts(self.case).items():
            if name in self.fields:
                self.initial.setdefault(name, value.isoformat() if isinstance(value, dt.date) else value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = {spec.name: data.get(spec.name) for spec in stepfields.fields_of(self.step) if spec.name in self.fields}
        self.cleaned_step_data, problems = stepfields.clean_step_data(self.step, raw, self.case, _today())
        for name, problem in problems.items():
            if name not in self.errors:
                self.add_error(name, f"{problem}。")
        if self.step.needs_reason and not str(data.get("reason") or "").strip() and "reason" not in self.errors:
            self.add_error("reason", f"{self.step.label}须填写理由。")
        return data

    def step_data(self) -> dict[str, Any]:
        """What `transition(data=...)` takes from this form (JSON-able values, so the journal records them)."""
        return dict(self.cleaned_step_data)


def _form_field(spec: stepfields.StepField, case: Case, user: User | None) -> forms.Field:
    """The form field that shows `spec` (always optional here: `stepfields` says what is missing, in Chinese)."""
    label = spec.label
    if spec.kind == "flag":
        return forms.BooleanField(label=spec.label, required=False)
    if spec.kind == "choice":
        options = spec.options(case) if spec.options else {}
        field = forms.ChoiceField(label=label, required=False, choices=[("", "请选择"), *options.items()])
        field.error_messages["invalid_choice"] = "没有这个选项，请重新选择。"
        field.help_text = spec.help
        return field
    if spec.kind == "staff":
        people = _staff_for(spec.name, case)
        choices = [
            ("", "请选择"),
            *((p.username, f"{p.display_name}（{p.unit.name if p.unit else ''}）") for p in people),
        ]
        field = forms.ChoiceField(label=label, required=False, choices=choices)
        # The same answer as the API's for any name not listed (security review I2).
        field.error_messages["invalid_choice"] = (
            f"{stepfields.NO_STAFF_IN_ORGAN if spec.name == 'hearing_presider' else stepfields.NO_OFFICER_HERE}。"
        )
        field.help_text = spec.help
        return field
    widget: forms.Widget
    if spec.kind == "date":
        widget = forms.DateInput(attrs={"type": "date"})
    elif spec.kind == "text":
        widget = forms.Textarea(attrs={"rows": 6 if spec.name == "content" else 3})
    elif spec.kind == "line":
        widget = forms.TextInput()
    else:
        widget = forms.TextInput(attrs={"inputmode": "decimal"})
    return forms.CharField(
        label=label, required=False, max_length=stepfields.MAX_TEXT, widget=widget, help_text=spec.help
    )


def _staff_for(name: str, case: Case) -> list[User]:
    if name == "hearing_presider":
        return list(queries.hearing_presiders(case))
    return list(queries.certified_inspectors(case.unit))
