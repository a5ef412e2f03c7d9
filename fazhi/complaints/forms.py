"""The public complaint form and the status lookup form. Every message is plain Chinese; what was typed is kept.

The form parses what was typed and adds what only the portal needs (a mobile number for the status lookup, the
employer's address for routing, a few words of facts); what a complaint or report must hold is `fazhi.cases.intake`'s,
the same rules and messages as the staff intake form, the API and the action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from fazhi.cases import intake
from fazhi.cases.actions import WorkerInput
from fazhi.cases.models import Source
from fazhi.forms import CheckedForm
from fazhi.rules.identifiers import normalize_mobile, validate_mobile

WORKER_ROWS = 3
HONEYPOT = "website"


class ComplaintForm(CheckedForm):
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
        error_messages={
            "min_length": "请把事实与诉求写得具体一些（至少 10 个字）。",
            "max_length": "事实与诉求请控制在 2000 字以内。",
        },
    )
    # Anti-automation without a third-party service: a field people never see (bots fill every field), and the human
    # check (fazhi.complaints.challenge), whose own template shows this field when it asks for an answer.
    website = forms.CharField(label="网址（请勿填写）", required=False)
    captcha = forms.CharField(label="请输入图中的字符", required=False, max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, WORKER_ROWS + 1):
            self.fields[f"worker{i}_name"] = forms.CharField(label=f"劳动者{i}姓名", max_length=50, required=False)
            self.fields[f"worker{i}_amount"] = forms.DecimalField(
                label=f"劳动者{i}被拖欠金额（元）",
                required=False,
                max_digits=12,
                decimal_places=2,
                error_messages={
                    "invalid": "请填写金额数字，例如 5800 或 5800.50。",
                    "max_digits": "金额过大，请核对。",
                    "max_whole_digits": "金额过大，请核对。",
                    "max_decimal_places": "金额最多保留两位小数（到分）。",
                },
            )
        for name, field in self.fields.items():
            if field.required and name != "source":
                field.error_messages["required"] = f"请填写{field.label}。"
            if isinstance(field, forms.CharField) and name not in ("facts", "captcha"):
                field.error_messages["max_length"] = "内容过长，请核对。"
        self.intake: intake.Intake | None = None  # the registration, normalised, once the form is valid

    @property
    def worker_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"worker{i}_name"], self[f"worker{i}_amount"]) for i in range(1, WORKER_ROWS + 1)]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_phone(self) -> str:
        # The status lookup's key for every submission (an anonymous reporter's too): a mobile number.
        problems = validate_mobile(self.cleaned_data["phone"])
        if problems:
            raise forms.ValidationError("；".join(problems) + "。")
        return normalize_mobile(self.cleaned_data["phone"])

    def _typed_workers(self, data: dict[str, Any]) -> list[tuple[int, intake.Worker]]:
        """The worker rows filled in (a row left blank is skipped), each with its row number; a row whose amount
        could not be read is left out (its own error says why)."""
        rows = []
        for i in range(1, WORKER_ROWS + 1):
            if f"worker{i}_amount" in self.errors:
                continue
            name, amount = str(data.get(f"worker{i}_name") or "").strip(), data.get(f"worker{i}_amount")
            if name or amount is not None:
                rows.append((i, intake.Worker(name=name, amount_owed=amount)))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source = str(data.get("source") or "")
        anonymous = bool(data.get("anonymous"))
        # An anonymous report keeps nobody's identity: what was typed in those fields is dropped, as the box says.
        identity = source != Source.REPORT or not anonymous
        rows = self._typed_workers(data)
        typed = intake.Intake(
            source=source,
            received_on=timezone.localdate(),
            employer_name=str(data.get("employer_name") or ""),
            summary=str(data.get("facts") or ""),
            employer_credit_code=str(data.get("employer_credit_code") or ""),
            employer_address=str(data.get("employer_address") or ""),
            complainant_name=str(data.get("complainant_name") or "") if identity else "",
            complainant_id_number=str(data.get("complainant_id_number") or "") if identity else "",
            complainant_phone=str(data.get("phone") or "") if identity else "",
            anonymous=anonymous,
            workers=[worker for _, worker in rows],
        )
        cleaned, problems = intake.clean(typed, unit=None, today=timezone.localdate())
        for field, problem in problems.items():
            name = _FORM_FIELDS.get(field, field)
            if field.startswith("workers."):
                _, index, part = field.split(".")
                name = f"worker{rows[int(index)][0]}_{'name' if part == 'name' else 'amount'}"
            if name in self.fields and name not in self.errors:
                self.add_error(name, f"{problem}。")
            elif name not in self.fields:
                self.add_error(None, f"{problem}。")
        if not problems:
            self.intake = cleaned
        return data

    def workers(self) -> list[WorkerInput]:
        if self.intake is None:
            return []
        return [
            WorkerInput(name=worker.name, amount_owed=worker.amount_owed)
            for worker in self.intake.workers
            if worker.amount_owed is not None  # always, once cleaned
        ]


# `fazhi.cases.intake` names the fields as `register_case` does; this form's fields are named for the public.
_FORM_FIELDS = {"summary": "facts", "complainant_phone": "phone"}


class StatusForm(CheckedForm):
    code = forms.CharField(label="查询码", max_length=40, error_messages={"required": "请填写查询码。"})
    phone = forms.CharField(label="手机号码", max_length=20, error_messages={"required": "请填写手机号码。"})

    def clean_phone(self) -> str:
        return normalize_mobile(self.cleaned_data["phone"])
