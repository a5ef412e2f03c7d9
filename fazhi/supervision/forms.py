"""The forms of supervision orders: validated on the server, what was typed kept."""

from __future__ import annotations

from django import forms

from fazhi.accounts.models import Unit
from fazhi.forms import CheckedForm
from fazhi.supervision.rules import RULES


class RaiseOrderForm(CheckedForm):
    subject = forms.CharField(label="督办事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    unit = forms.ModelChoiceField(label="督办机构（不针对具体案件时）", queryset=Unit.objects.all(), required=False)
    respond_by = forms.DateField(label="答复期限", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    rule = forms.ChoiceField(
        label="对应预警规则", required=False, choices=[("", "—"), *((r.code, r.name) for r in RULES)]
    )


class TextForm(CheckedForm):
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    respond_by = forms.DateField(label="新的答复期限", required=False, widget=forms.DateInput(attrs={"type": "date"}))
