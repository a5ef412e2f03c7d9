"""The forms of the remedies' steps: each parses what the user typed (and keeps it when something is wrong); the
action then checks the statute's conditions."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.cases.models import Case
from fazhi.forms import CheckedForm
from fazhi.remedies.actions.reconsideration import default_organ
from fazhi.remedies.models import Appearance, Outcome, RulingKind
from fazhi.remedies.queries import decided_reconsiderations

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = forms.Textarea(attrs={"rows": 3, "maxlength": 2000})
MAX_TEXT = 2000
MAX_LINE = 200


def _line(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=MAX_LINE, required=required)


def _text(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, widget=TEXT, max_length=MAX_TEXT, required=required)


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE)


class _CaseForm(CheckedForm):
    """A registration form on `case`: the decision challenged is one of the case's."""

    decision = forms.TypedChoiceField(label="被申请（被诉）的决定", coerce=int)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        field = self.fields["decision"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (d.pk, f"第{d.sequence}项决定（{d.decided_on:%Y-%m-%d}）") for d in case.decisions.order_by("-sequence")
        ]

    def clean_decision(self) -> Any:
        return self.case.decisions.get(pk=self.cleaned_data["decision"])


class ReconsiderationForm(_CaseForm):
    applicant = _line("申请人")
    applicant_is_party = forms.BooleanField(label="申请人为本案当事人", required=False, initial=True)
    organ = _line("行政复议机关（默认为作出决定机关的本级人民政府，第二十四条）", required=False)
    organ_number = _line("复议案号", required=False)
    request = _text("复议请求", required=False)
    applied_on = _date("申请日期")
    accepted_on = _date("受理日期")
    copy_received_on = _date("收到申请书副本（答复通知书）日期")
    simple_procedure = forms.BooleanField(
        label="适用简易程序（第五十三条；5个工作日内答复，第五十四条）", required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["decision"].label = "被申请复议的决定"
        # Shown filled in, so the user sees which organ is meant and corrects it when the party went elsewhere.
        self.fields["organ"].initial = default_organ(case)


class LitigationForm(_CaseForm):
    reconsideration = forms.TypedChoiceField(label="经过的行政复议", coerce=int, required=False, empty_value=None)
    court = _line("人民法院")
    court_number = _line("法院案号", required=False)
    plaintiff = _line("原告")
    claims = _text("诉讼请求", required=False)
    filed_on = _date("起诉日期")
    copy_received_on = _date("收到起诉状副本日期")
    co_defendant = _line("共同被告（复议维持的，默认为复议机关，第二十六条第二款）", required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["decision"].label = "被诉的决定"
        field = self.fields["reconsideration"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "未经复议，直接起诉")] + [
            (r.pk, f"{r.organ} {r.decision_number}（{r.outcome_label}）") for r in decided_reconsiderations(case)
        ]

    def clean_reconsideration(self) -> Any:
        pk = self.cleaned_data.get("reconsideration")
        return decided_reconsiderations(self.case).get(pk=pk) if pk else None

    def clean_co_defendant(self) -> str | None:
        return self.cleaned_data.get("co_defendant") or None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reconsideration") is not None:
            cleaned.pop("decision", None)  # the reconsideration names the decision
        return cleaned


class DiscussionForm(CheckedForm):
    discussed_on = _date("集体讨论日期")
    minutes = _text("集体讨论纪要（参加人员、意见和结论）")


class EmptyForm(CheckedForm):
    pass


class AnswerForm(CheckedForm):
    answered_on = _date("提交书面答复及证据、依据日期")


class DefenceForm(CheckedForm):
    submitted_on = _date("提交答辩状及证据、规范性文件日期")


class HearingForm(CheckedForm):
    hearing_on = _date("听证（开庭）日期")
    appearance = forms.ChoiceField(label="出庭（参加）情况", choices=Appearance.choices)
    appeared_name = _line("出庭（参加）人员姓名", required=False)
    appeared_title = _line("职务", required=False)
    head_absence_reason = _text("负责人未出庭（参加）的理由", required=False)


class SuspensionForm(CheckedForm):
    suspended_on = _date("停止执行日期")
    basis = _line("停止执行的决定或者裁定（文号）")


class OutcomeForm(CheckedForm):
    outcome = forms.ChoiceField(label="行政复议决定", choices=[c for c in Outcome.choices if c[0] != "remanded"])
    decided_on = _date("复议决定日期")
    served_on = _date("送达当事人日期")
    decision_number = _line("行政复议决定书文号")
    note = _text("结果摘要", required=False)


class JudgmentForm(CheckedForm):
    ruling_kind = forms.ChoiceField(label="裁判种类", choices=RulingKind.choices)
    outcome = forms.ChoiceField(label="对被诉决定的处理结果", choices=Outcome.choices)
    decided_on = _date("裁判日期")
    served_on = _date("送达日期")
    judgment_number = _line("裁判文书案号")
    note = _text("裁判摘要", required=False)


class AppealForm(CheckedForm):
    appellant = _line("上诉人")
    court = _line("第二审人民法院")
    court_number = _line("法院案号", required=False)
    claims = _text("上诉请求", required=False)
    filed_on = _date("上诉日期")
    copy_received_on = _date("收到上诉状副本日期")


class PerformanceForm(CheckedForm):
    performed_on = _date("履行日期")
    note = _text("履行情况")


RECONSIDERATION_FORMS: dict[str, type[forms.Form]] = {
    "record_discussion": DiscussionForm,
    "approve_answer": EmptyForm,
    "submit_answer": AnswerForm,
    "record_hearing": HearingForm,
    "record_suspension": SuspensionForm,
    "record_outcome": OutcomeForm,
}
LITIGATION_FORMS: dict[str, type[forms.Form]] = {
    "record_discussion": DiscussionForm,
    "approve_defence": EmptyForm,
    "submit_defence": DefenceForm,
    "record_hearing": HearingForm,
    "record_suspension": SuspensionForm,
    "record_judgment": JudgmentForm,
    "register_appeal": AppealForm,
    "record_effective": EmptyForm,
    "record_performance": PerformanceForm,
}
