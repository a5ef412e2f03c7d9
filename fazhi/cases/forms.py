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
from fazhi.cases import queries
from fazhi.cases.models import INTAKE_SOURCES, Case, Source
from fazhi.cases.outcomes import OUTCOMES, REFUSAL_GROUNDS
from fazhi.cases.workflow import STATE_LABELS, Transition
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

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user)  # type: ignore[attr-defined]
        self.fields["handler"].queryset = queries.case_handlers(user)  # type: ignore[attr-defined]
        for name in ("unit", "handler"):
            self.fields[name].error_messages["invalid_choice"] = "所选项不在您可查看的范围内。"
        for name in ("state", "source", "due"):
            self.fields[name].error_messages["invalid_choice"] = "没有这个选项。"

    def clean_q(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip()


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
    fields the step takes. Prefixed with the action, so that several steps share a page."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(
        label="说明（可选）", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, step: Transition, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", step.action)
        super().__init__(*args, **kwargs)
        self.step = step
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
        fields = set(step.fields)
        if "refusal_ground" in fields:
            self.fields["refusal_ground"] = _choice("不予受理的法定理由", REFUSAL_GROUNDS)
        if "proposed_outcome" in fields:
            self.fields["proposed_outcome"] = _choice("拟处理意见", OUTCOMES)
        if "proposal" in fields:
            self.fields["proposal"] = forms.CharField(
                label="事实、理由和依据", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
            )
        if "decision_outcome" in fields:
            self.fields["decision_outcome"] = _choice("处理决定", OUTCOMES)
            self.initial.setdefault("decision_outcome", case.proposed_outcome)
        if "service_method" in fields:
            self.fields["service_method"] = _choice("送达方式", queries.SERVICE_METHODS)
        if "served_on" in fields:
            self.fields["served_on"] = forms.DateField(
                label="送达日期",
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"required": "请填写送达日期。", "invalid": "请按“年-月-日”填写日期。"},
            )
            self.initial.setdefault("served_on", _today())
        if step.action == "close_notice":
            self.fields["waived"] = forms.BooleanField(label="当事人放弃陈述申辩和听证", required=False)
        self.case = case

    def clean_served_on(self) -> dt.date:
        served: dt.date = self.cleaned_data["served_on"]
        if served > _today():
            raise forms.ValidationError("送达日期不能晚于今天。")
        if self.case.decided_on and served < self.case.decided_on:
            raise forms.ValidationError("送达日期不能早于决定日期。")
        return served

    def clean_service_method(self) -> str:
        method = str(self.cleaned_data.get("service_method") or "")
        if not method:
            raise forms.ValidationError("请选择送达方式。")
        return method

    def step_data(self) -> dict[str, Any]:
        """What `transition(data=...)` takes from this form (JSON-able values, so the journal records them)."""
        data: dict[str, Any] = {}
        for name in self.step.fields:
            if name in self.cleaned_data:
                value = self.cleaned_data[name]
                data[name] = value.isoformat() if isinstance(value, dt.date) else value
        if self.cleaned_data.get("waived"):
            data["waived"] = True
        return data


def _choice(label: str, options: dict[str, str]) -> forms.ChoiceField:
    field = forms.ChoiceField(label=label, required=False, choices=[("", "请选择"), *options.items()])
    field.error_messages["invalid_choice"] = "没有这个选项，请重新选择。"
    return field
