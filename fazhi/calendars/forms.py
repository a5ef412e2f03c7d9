"""The sysadmin's form to import a year from python-holidays (/staff/calendar/import/): every field checked on the
server with a Chinese message."""

from __future__ import annotations

from django import forms

from fazhi.calendars.loader import MAX_YEAR, MIN_YEAR
from fazhi.forms import CheckedForm


class PackageImportForm(CheckedForm):
    year = forms.IntegerField(
        label="年度",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": "请填写年度。",
            "invalid": "年度应为四位数字的年份。",
            "min_value": f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份。",
            "max_value": f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的年份。",
        },
    )
    notice_number = forms.CharField(
        label="通知文号",
        required=False,
        max_length=100,
        help_text="例如 国办发明电〔2026〕12号；软件包不含文号，可照通知填写。",
        error_messages={"max_length": "通知文号不超过 100 字。"},
    )
    notice_date = forms.DateField(
        label="通知发布日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请填写有效的日期（YYYY-MM-DD）。"},
    )
    notice_url = forms.CharField(
        label="通知原文网址",
        required=False,
        max_length=500,
        error_messages={"max_length": "网址不超过 500 字。"},
    )

    def clean_notice_url(self) -> str:
        url = str(self.cleaned_data.get("notice_url") or "").strip()
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("网址应以 https:// 或 http:// 开头。")
        return url
