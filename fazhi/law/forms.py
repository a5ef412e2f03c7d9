"""The legal division's form for loading a new version of the standard (a CSV or an Excel workbook)."""

from __future__ import annotations

from django import forms

from fazhi.forms import CheckedForm
from fazhi.law.standard_files import MAX_FILE_BYTES

MAX_MB = MAX_FILE_BYTES // 1024 // 1024


class StandardUploadForm(CheckedForm):
    file = forms.FileField(
        label="裁量基准文件",
        help_text=f"CSV 文件（.csv）或 Excel 工作簿（.xlsx），不超过 {MAX_MB} MB",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": "请选择裁量基准文件（.csv 或 .xlsx）。",
            "empty": "所选文件是空的。",
            "invalid": "没有收到文件，请重新选择。",
            "missing": "没有收到文件，请重新选择。",
        },
    )
    effective_from = forms.DateField(
        label="施行日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"required": "请填写施行日期。", "invalid": "请按“年-月-日”填写施行日期，如 2027-01-01。"},
    )
    name = forms.CharField(
        label="名称",
        required=False,
        max_length=200,
        help_text="如“劳动保障行政处罚裁量基准（2027年版）”；不填则取文件名",
        error_messages={"max_length": "名称不超过 200 个字。"},
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"文件过大，上限为 {MAX_MB} MB。")
        return upload
