"""The public complaint form and the status lookup form. Every message is plain Chinese; what was typed is kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Source
from fazhi.rules.identifiers import (
    normalize_credit_code,
    normalize_id_number,
    normalize_mobile,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

WORKER_ROWS = 3
HONEYPOT = "website"


class ComplaintForm(forms.Form):
    source = forms.ChoiceField(
        label="类型",
        choices=[
            (Source.COMPLAINT.value, "投诉（本人的劳动保障权益受到侵害）"),
            (Source.REPORT.value, "举报（反映用人单位的违法行为）"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择投诉或举报。"},
    )
    anonymous = forms.BooleanField(label="匿名举报（不留姓名和身份证号码）", required=False)
    complainant_name = forms.CharField(label="姓名", max_length=50, required=False)
    complainant_id_number = forms.CharField(label="身份证号码", max_length=30, required=False)
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        help_text="用于本局联系您，并与查询码一起查询办理进度。匿名举报的号码只用于查询，不进入案卷。",
    )
    employer_name = forms.CharField(label="用人单位名称", max_length=200)
    employer_credit_code = forms.CharField(label="统一社会信用代码（选填）", max_length=30, required=False)
    employer_address = forms.CharField(
        label="用人单位地址（用工所在地）",
        max_length=300,
        help_text="请写明所在区，例如“深圳市南山区粤海街道……”，本局据此转交所在区的劳动保障监察机构。",
    )
    facts = forms.CharField(
        label="事实与诉求",
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明什么时间、发生了什么违法行为（如拖欠工资的月份和金额），以及您的诉求。",
    )
    # Anti-automation without a third-party service: a field people never see (bots fill every field).
    website = forms.CharField(label="网址（请勿填写）", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, WORKER_ROWS + 1):
            self.fields[f"worker{i}_name"] = forms.CharField(label=f"劳动者{i}姓名", max_length=50, required=False)
            self.fields[f"worker{i}_amount"] = forms.DecimalField(
                label=f"劳动者{i}被拖欠金额（元）",
                required=False,
                min_value=Decimal("0.01"),
                max_digits=12,
                decimal_places=2,
                error_messages={
                    "invalid": "请填写金额数字，例如 5800 或 5800.50。",
                    "min_value": "金额应大于零。",
                    "max_digits": "金额过大，请核对。",
                    "max_decimal_places": "金额最多保留两位小数。",
                },
            )
        for name, field in self.fields.items():
            if field.required and name != "source":
                field.error_messages["required"] = f"请填写{field.label}。"

    @property
    def worker_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"worker{i}_name"], self[f"worker{i}_amount"]) for i in range(1, WORKER_ROWS + 1)]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_phone(self) -> str:
        problems = validate_mobile(self.cleaned_data["phone"])
        if problems:
            raise forms.ValidationError("；".join(problems) + "。")
        return normalize_mobile(self.cleaned_data["phone"])

    def clean_employer_credit_code(self) -> str:
        code = normalize_credit_code(self.cleaned_data["employer_credit_code"])
        if code:
            problems = validate_credit_code(code)
            if problems:
                raise forms.ValidationError("统一社会信用代码有误：" + "；".join(problems) + "。")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source = data.get("source")
        if source == Source.COMPLAINT and data.get("anonymous"):
            self.add_error("anonymous", "投诉须实名；匿名反映请选择“举报”。")
        anonymous = bool(data.get("anonymous")) and source == Source.REPORT
        if not anonymous:
            if not data.get("complainant_name", "").strip():
                self.add_error("complainant_name", "请填写姓名（匿名举报请勾选“匿名举报”）。")
            id_number = normalize_id_number(data.get("complainant_id_number", ""))
            if source == Source.COMPLAINT and not id_number:
                self.add_error("complainant_id_number", "投诉须填写身份证号码。")
            elif id_number:
                problems = validate_id_number(id_number, today=timezone.localdate())
                if problems:
                    self.add_error("complainant_id_number", "身份证号码有误：" + "；".join(problems) + "。")
            data["complainant_id_number"] = id_number
        for i in range(1, WORKER_ROWS + 1):
            name = data.get(f"worker{i}_name", "").strip()
            amount = data.get(f"worker{i}_amount")
            if name and amount is None and f"worker{i}_amount" not in self.errors:
                self.add_error(f"worker{i}_amount", "请填写被拖欠的金额。")
            if amount is not None and not name:
                self.add_error(f"worker{i}_name", "请填写被拖欠工资的劳动者姓名。")
        return data

    def workers(self) -> list[WorkerInput]:
        rows = []
        for i in range(1, WORKER_ROWS + 1):
            name, amount = self.cleaned_data.get(f"worker{i}_name", ""), self.cleaned_data.get(f"worker{i}_amount")
            if name and amount is not None:
                rows.append(WorkerInput(name=name, amount_owed=amount))
        return rows


class StatusForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=40, error_messages={"required": "请填写查询码。"})
    phone = forms.CharField(label="手机号码", max_length=20, error_messages={"required": "请填写手机号码。"})

    def clean_phone(self) -> str:
        return normalize_mobile(self.cleaned_data["phone"])
