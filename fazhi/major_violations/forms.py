"""The selection form (category, main facts, handling) Plain Chinese messages; what was typed is
kept (a bound form re-renders its data)."""

from __future__ import annotations

from django import forms

from fazhi.forms import CheckedForm
from fazhi.major_violations.actions import FACTS_MAX
from fazhi.rules.major_violations import categories


class SelectionForm(CheckedForm):
    category = forms.ChoiceField(
        label="违法行为类别（人社部令第29号第五条）",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择违法行为类别。", "invalid_choice": "请选择列出的违法行为类别。"},
    )
    facts = forms.CharField(
        label="主要违法事实",
        max_length=FACTS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写主要违法事实。", "max_length": f"主要违法事实不能超过 {FACTS_MAX} 个字。"},
        help_text=(
            "公布时自动隐去法定代表人以外的自然人姓名（含“证人”“工友”等称谓后的姓名）、身份证号码、电话号码、"
            "银行账号和住址；批准公布前，审批人在名单页核对公布内容。"
        ),
    )
    handling = forms.CharField(
        label="相关处理情况",
        max_length=FACTS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写相关处理情况。", "max_length": f"相关处理情况不能超过 {FACTS_MAX} 个字。"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c.code, c.label) for c in categories()]
