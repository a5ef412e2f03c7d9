"""The forms of the dishonest list's steps: each parses what the user typed (and keeps it when something is wrong);
the action then checks the statute's conditions."""

from __future__ import annotations

from django import forms

from fazhi.forms import CheckedForm
from fazhi.rules.dishonest_list import BARS, GROUND_LABELS

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
MAX_TEXT = 2000


class NoticeForm(CheckedForm):
    ground = forms.ChoiceField(
        label="列入情形（第五条）", choices=[(g.value, label) for g, label in GROUND_LABELS.items()]
    )
    served_on = forms.DateField(label="拟列入告知书送达日期", widget=DATE)
    unpaid_at_deadline = forms.BooleanField(label="经核实，责令支付期限届满时用人单位仍未支付工资", required=False)
    incident = forms.CharField(
        label="群体性事件、极端事件及其影响（第五条第（二）项时填写）", required=False, widget=TEXT, max_length=MAX_TEXT
    )
    responsible_persons = forms.CharField(
        label="直接负责的主管人员和其他直接责任人员（每行一人：姓名（职务）；不公开）",
        required=False,
        widget=TEXT,
        max_length=MAX_TEXT,
    )


class ObjectionForm(CheckedForm):
    received_on = forms.DateField(label="收到异议日期", widget=DATE)
    objection = forms.CharField(label="异议内容", widget=TEXT, max_length=MAX_TEXT)


class AnswerForm(CheckedForm):
    upheld = forms.TypedChoiceField(
        label="核实结果",
        choices=[("no", "异议不成立（继续办理列入）"), ("yes", "异议成立（不予列入）")],
        coerce=lambda value: value == "yes",
    )
    result = forms.CharField(label="核实情况（告知当事人）", widget=TEXT, max_length=MAX_TEXT)


class ReasonForm(CheckedForm):
    reason = forms.CharField(label="理由", widget=TEXT, max_length=MAX_TEXT)


class ExemptForm(CheckedForm):
    corrected_on = forms.DateField(label="改正拖欠农民工工资违法行为的日期", widget=DATE)
    commitment_on = forms.DateField(label="作出不再拖欠农民工工资书面信用承诺的日期", widget=DATE)


class EmptyForm(CheckedForm):
    pass


class ApplicationForm(CheckedForm):
    received_on = forms.DateField(label="收到提前移出申请日期", widget=DATE)
    corrected_on = forms.DateField(label="改正拖欠农民工工资违法行为的日期", widget=DATE)
    commitment = forms.BooleanField(label="已提交不再拖欠农民工工资书面信用承诺", required=False)
    application = forms.CharField(label="书面申请及改正证据", widget=TEXT, max_length=MAX_TEXT)


class RefusalForm(CheckedForm):
    bars = forms.MultipleChoiceField(
        label="不得提前移出的情形（第十三条）",
        choices=[(bar.value, label) for bar, label in BARS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reasons = forms.CharField(label="不予提前移出的理由（告知用人单位）", widget=TEXT, max_length=MAX_TEXT)


STEP_FORMS: dict[str, type[forms.Form]] = {
    "record_objection": ObjectionForm,
    "answer_objection": AnswerForm,
    "extend_decision_period": ReasonForm,
    "exempt": ExemptForm,
    "decide_listing": EmptyForm,
    "publish": EmptyForm,
    "receive_application": ApplicationForm,
    "grant_early_removal": EmptyForm,
    "refuse_early_removal": RefusalForm,
    "revoke": ReasonForm,
    "remove": EmptyForm,
    "restore": ReasonForm,
}
