"""The forms of the case screens: the list's filters, the intake form with its worker lines, and one small form per
step of the procedure. They parse and check what was typed (in Chinese); the rules of the procedure stay in the
actions and guards, which say why a step cannot be taken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from fazhi.accounts.models import Unit, User
from fazhi.accounts.queries import visible_units
from fazhi.cases import queries, stepfields
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.workflow import STATE_LABELS, Transition
from fazhi.rules import violations
from fazhi.rules.identifiers import (
    normalize_credit_code,
    normalize_id_number,
    normalize_mobile,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

ANY = ("", "全部")
DUE_WINDOWS = [
    ANY,
    (queries.DUE_OVERDUE, "已超期"),
    (queries.DUE_SOON, f"{queries.SOON_WORKING_DAYS} 个工作日内到期"),
    (queries.DUE_AWAITING, "待导入节假日"),
]
# The largest amount a worker line may hold: WorkerLine.amount_owed has 12 digits, 2 of them decimals. SQLite does not
# enforce max_digits (recipes.md), so the form does.
MAX_AMOUNT = Decimal("9999999999.99")
EARLIEST_RECEIPT = dt.date(2000, 1, 1)


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


class CaseFilterForm(forms.Form):
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

    def clean_q(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip()


def _violation_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The violations grouped by statute, for a select with option groups."""
    return [(statute, [(v.code, v.name) for v in items]) for statute, items in violations.by_statute().items()]


def _problems(problems: list[str]) -> None:
    if problems:
        raise forms.ValidationError([f"{problem}。" for problem in problems])


class IntakeForm(forms.Form):
    """登记案件: a complaint or report taken by phone or at the counter, or an own discovery."""

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
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写案情摘要。"},
    )
    handler = StaffChoiceField(label="主办人", required=False, queryset=User.objects.none(), empty_label="暂不指定")
    co_handler = StaffChoiceField(label="协办人", required=False, queryset=User.objects.none(), empty_label="暂不指定")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inspectors = queries.certified_inspectors(user.unit) if user.unit else User.objects.none()
        for name in ("handler", "co_handler"):
            field = self.fields[name]
            field.queryset = inspectors  # type: ignore[attr-defined]
            field.error_messages["invalid_choice"] = "请从本机构及下级机构持证的监察员中选择。"
        if not self.is_bound:
            self.initial.setdefault("received_on", _today())
            if inspectors.filter(pk=user.pk).exists():
                self.initial.setdefault("handler", user.pk)

    def clean_received_on(self) -> dt.date:
        received: dt.date = self.cleaned_data["received_on"]
        if received > _today():
            raise forms.ValidationError("收到日期不能晚于今天。")
        if received < EARLIEST_RECEIPT:
            raise forms.ValidationError("收到日期有误，请核对。")
        return received

    def clean_employer_name(self) -> str:
        name = str(self.cleaned_data["employer_name"]).strip()
        if not name:
            raise forms.ValidationError("请填写用人单位名称。")
        return name

    def clean_employer_credit_code(self) -> str:
        code = normalize_credit_code(self.cleaned_data.get("employer_credit_code") or "")
        if code:
            _problems(validate_credit_code(code))
        return code

    def clean_complainant_id_number(self) -> str:
        number = normalize_id_number(self.cleaned_data.get("complainant_id_number") or "")
        if number:
            _problems(validate_id_number(number, today=_today()))
        return number

    def clean_complainant_phone(self) -> str:
        raw = str(self.cleaned_data.get("complainant_phone") or "").strip()
        if not raw:
            return ""
        _problems(validate_mobile(raw))
        return normalize_mobile(raw)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source = data.get("source")
        anonymous = bool(data.get("anonymous"))
        name = str(data.get("complainant_name") or "").strip()
        data["complainant_name"] = name
        given = [
            field
            for field in ("complainant_name", "complainant_id_number", "complainant_phone")
            if str(self.data.get(self.add_prefix(field), "")).strip()
        ]
        if source == Source.COMPLAINT and anonymous:
            # 广东省劳动保障监察条例 第三十四条: a complaint names the complainant; an anonymous one is a report.
            self.add_error("anonymous", "投诉须登记投诉人；匿名反映的，请按“举报”登记。")
        elif anonymous and source != Source.REPORT:
            self.add_error("anonymous", "只有举报可以匿名。")
        elif anonymous:
            for field in given:
                self.add_error(field, "匿名举报不登记举报人信息，请清空此项或取消“匿名举报”。")
        elif source in INTAKE_SOURCES:
            if source in (Source.COMPLAINT, Source.REPORT) and not name and "complainant_name" not in self.errors:
                who = "投诉人" if source == Source.COMPLAINT else "举报人（匿名举报请勾选“匿名举报”）"
                self.add_error("complainant_name", f"请填写{who}姓名。")
            if source == Source.COMPLAINT and "complainant_phone" not in given:
                self.add_error("complainant_phone", "请填写投诉人的联系电话，以便告知受理结果。")
        elif source:
            for field in given:
                self.add_error(field, "自行发现的案件（巡视、书面审查、专项检查）不登记投诉（举报）人。")
        handler, co_handler = data.get("handler"), data.get("co_handler")
        if co_handler is not None and handler is None:
            self.add_error("handler", "请先指定主办人，再指定协办人。")
        elif handler is not None and handler == co_handler:
            self.add_error("co_handler", "主办人和协办人应为两名不同的执法人员（行政处罚法第四十二条）。")
        return data


class WorkerForm(forms.Form):
    """One worker's arrears. A row left blank is skipped."""

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

    def clean_id_number(self) -> str:
        number = normalize_id_number(self.cleaned_data.get("id_number") or "")
        if number:
            _problems(validate_id_number(number, today=_today()))
        return number

    def clean_amount_owed(self) -> Decimal | None:
        amount: Decimal | None = self.cleaned_data.get("amount_owed")
        if amount is not None and amount <= 0:
            raise forms.ValidationError("拖欠金额应大于零。")
        if amount is not None and amount > MAX_AMOUNT:
            raise forms.ValidationError("金额过大，请核对。")
        return amount

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = str(data.get("name") or "").strip()
        data["name"] = name
        filled = name or data.get("id_number") or data.get("amount_owed") is not None
        if filled and not name and "name" not in self.errors:
            self.add_error("name", "请填写劳动者姓名。")
        if filled and data.get("amount_owed") is None and "amount_owed" not in self.errors:
            self.add_error("amount_owed", "请填写拖欠金额。")
        return data


WORKER_ROWS = 3
MAX_WORKERS = 200
WorkerFormSet = forms.formset_factory(
    WorkerForm, extra=WORKER_ROWS, max_num=MAX_WORKERS, validate_max=True, absolute_max=MAX_WORKERS
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


class StepForm(forms.Form):
    """One step of the procedure, as the case page offers it: the version the user saw, a reason or remark, and the
    fields the step takes (`fazhi.cases.stepfields`, checked there for the page and the API alike). Prefixed with
    the action, so that several steps share a page."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(
        label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, step: Transition, case: Case, user: User | None = None, **kwargs: Any) -> None:
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
        if "decision_outcome" in self.fields:
            self.initial.setdefault("decision_outcome", case.proposed_outcome)
            if case.proposed_fine is not None:
                self.initial.setdefault("fine_amount", case.proposed_fine)
        for name in ("served_on", "paid_on"):
            if name in self.fields:
                self.initial.setdefault(name, _today().isoformat())
        if "violation_code" in self.fields and case.violation_code:
            self.initial.setdefault("violation_code", case.violation_code)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw = {spec.name: data.get(spec.name) for spec in stepfields.fields_of(self.step)}
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
        field.error_messages["invalid_choice"] = "请从列出的人员中选择。"
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
