"""The forms of the suggestions' pages: each parses what was typed (kept when something is wrong, with the reason in
Chinese); the action then checks the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.forms import CheckedForm
from fazhi.suggestions.actions import MAX_TEXT
from fazhi.suggestions.models import Kind, SendMethod

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEXT})
DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 年-月-日 填写日期，如 2026-03-09。"}


def _text(label: str, *, required: bool = True, max_length: int = MAX_TEXT, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}) if max_length > 300 else None,
        error_messages={"required": f"请填写{label}。", "max_length": f"{label}不能超过 {max_length} 个字。"},
    )


class ReceiveForm(CheckedForm):
    kind = forms.ChoiceField(
        label="类别",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择建议类别。", "invalid_choice": "请选择司法建议或检察建议。"},
    )
    organ = _text("建议机关（人民法院或人民检察院）", max_length=100)
    number = _text("建议书文号", max_length=80)
    subject = _text("事由", max_length=200)
    received_on = forms.DateField(label="收到日期", widget=DATE, error_messages=DATE_ERRORS)
    stated_deadline = forms.DateField(
        label="建议书写明的答复期限（未写明的不填，按默认期限计算）",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
    )
    unit = forms.TypedChoiceField(
        label="涉及机构",
        coerce=int,
        choices=[],
        error_messages={"required": "请选择涉及的机构。", "invalid_choice": "请选择列出的机构。"},
    )
    case_number = _text("涉及案件的案号（选填）", required=False, max_length=60)
    other_cases = _text("其他涉及案件（选填）", required=False, max_length=300)
    points = _text("建议内容（逐条填写，每行一条）", rows=6, max_length=MAX_TEXT * 5)

    def __init__(self, *args: Any, units: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = units or []


class AssignForm(CheckedForm):
    handler = forms.TypedChoiceField(
        label="承办人",
        coerce=int,
        choices=[],
        error_messages={"required": "请选择承办人。", "invalid_choice": "请选择列出的承办人。"},
    )

    def __init__(self, *args: Any, handlers: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = handlers or []


class AnswerForm(CheckedForm):
    point = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=1000, error_messages={"required": "请选择答复的条目。"}
    )
    measures = _text("采取的措施")
    result = _text("落实结果", required=False)


class SubmitForm(CheckedForm):
    reply_text = _text("回复函开头（总体办理情况，选填）", required=False)


class ReturnForm(CheckedForm):
    reason = _text("退回理由")


class EmptyForm(CheckedForm):
    pass


class SendForm(CheckedForm):
    sent_on = forms.DateField(label="发送日期", widget=DATE, error_messages=DATE_ERRORS)
    sent_how = forms.ChoiceField(
        label="发送方式",
        choices=SendMethod.choices,
        error_messages={"required": "请选择发送方式。", "invalid_choice": "请选择列出的发送方式。"},
    )


class FeedbackForm(CheckedForm):
    received_on = forms.DateField(label="收到反馈日期", widget=DATE, error_messages=DATE_ERRORS)
    feedback = _text("反馈内容")


STEP_FORMS: dict[str, type[forms.Form]] = {
    "assign": AssignForm,
    "answer_point": AnswerForm,
    "submit_reply": SubmitForm,
    "return_reply": ReturnForm,
    "approve_reply": EmptyForm,
    "send_reply": SendForm,
    "record_feedback": FeedbackForm,
}
