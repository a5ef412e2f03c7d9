"""The journal list's filter."""

from __future__ import annotations

from django import forms

from fazhi.forms import CheckedForm


class EntryFilterForm(CheckedForm):
    action = forms.CharField(
        label="操作",
        required=False,
        max_length=100,
        help_text="操作代码，或其前缀（如 accounts 表示全部账户操作）",
    )
    username = forms.CharField(label="用户名", required=False, max_length=150)

    def clean_action(self) -> str:
        return str(self.cleaned_data.get("action") or "").strip()

    def clean_username(self) -> str:
        return str(self.cleaned_data.get("username") or "").strip()
