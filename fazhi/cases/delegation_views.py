"""The leader's page of written delegations (书面授权): who may take which of the 负责人's steps, in which unit's
cases, from when to when, under which document; granting and revoking go through `fazhi.cases.delegations`."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.accounts.access import require_roles
from fazhi.accounts.models import Role, Unit, User
from fazhi.accounts.roles import BUSINESS_ROLE_NAMES
from fazhi.cases import delegations
from fazhi.cases.actions import today
from fazhi.cases.models import Delegation
from fazhi.forms import CheckedForm
from fazhi.journal.request import client_ip

VIEWERS = (Role.LEADER, Role.DIRECTOR, Role.LEAD, Role.SUPERVISOR)


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: object) -> str:
        assert isinstance(obj, User)
        return f"{obj.display_name}（{obj.unit.name if obj.unit else ''}）"


class DelegationForm(CheckedForm):
    delegate = StaffChoiceField(
        User.objects.none(),
        label="被授权人",
        error_messages={"required": "请选择被授权人。", "invalid_choice": "请选择本机关的工作人员。"},
    )
    unit = forms.ModelChoiceField(
        Unit.objects.none(),
        label="适用于哪个机构的案件",
        error_messages={"required": "请选择适用机构。", "invalid_choice": "请选择本机关或下级机构。"},
    )
    actions = forms.MultipleChoiceField(
        label="授权事项",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择授权事项。", "invalid_choice": "所选事项不能授权。"},
    )
    document = forms.CharField(
        label="授权书文号",
        max_length=100,
        error_messages={"required": "请填写授权书文号（书面授权）。", "max_length": "授权书文号不超过 100 字。"},
    )
    starts_on = forms.DateField(
        label="起始日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写起始日期。", "invalid": "请填写有效的日期。"},
    )
    ends_on = forms.DateField(
        label="截止日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写截止日期。", "invalid": "请填写有效的日期。"},
    )

    def __init__(self, *args: object, leader: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        path = leader.unit.path if leader.unit else "/-/"
        delegate, unit, actions = self.fields["delegate"], self.fields["unit"], self.fields["actions"]
        assert isinstance(delegate, StaffChoiceField)
        assert isinstance(unit, forms.ModelChoiceField)
        assert isinstance(actions, forms.MultipleChoiceField)
        delegate.queryset = (
            User.objects.filter(is_active=True, unit__path__startswith=path, role_grants__role__in=BUSINESS_ROLE_NAMES)
            .exclude(pk=leader.pk)
            .select_related("unit")
            .distinct()
            .order_by("username")
        )
        unit.queryset = Unit.objects.filter(path__startswith=path).order_by("path")
        actions.choices = list(delegations.delegable_actions().items())


def _page(request: HttpRequest, form: DelegationForm | None, status: int = 200) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    path = user.unit.path if user.unit else "/-/"
    rows = Delegation.objects.filter(unit__path__startswith=path).select_related("grantor", "delegate", "unit")
    labels = delegations.delegable_actions()
    on = today()
    listed = [
        {
            "delegation": d,
            "actions": "、".join(labels.get(a, a) for a in d.actions),
            "in_force": d.in_force(on),
            "may_revoke": form is not None and d.revoked_on is None,
        }
        for d in rows.order_by("-starts_on", "-pk")
    ]
    return render(request, "cases/delegations.html", {"rows": listed, "form": form}, status=status)


@require_roles(*VIEWERS)
@require_http_methods(["GET", "HEAD", "POST"])
def delegation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    is_leader = user.has_role(Role.LEADER)
    if request.method != "POST" or not is_leader:
        if request.method == "POST":
            return _page(request, None, status=403)
        initial = {"unit": user.unit, "starts_on": today(), "ends_on": dt.date(today().year, 12, 31)}
        return _page(request, DelegationForm(leader=user, initial=initial) if is_leader else None)
    form = DelegationForm(request.POST, leader=user)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        delegations.grant_delegation(
            actor=user,
            delegate=data["delegate"],
            unit=data["unit"],
            actions=data["actions"],
            document=data["document"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            ip=client_ip(request),
        )
    except delegations.DelegationError as error:
        form.add_error(None, error.message)
        return _page(request, form, status=422)
    messages.success(request, f"已书面授权{data['delegate'].display_name}。")
    return redirect("cases:delegations")


@require_roles(Role.LEADER)
@require_POST
def delegation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    path = user.unit.path if user.unit else "/-/"
    delegation = get_object_or_404(Delegation, pk=pk, unit__path__startswith=path)
    try:
        delegations.revoke_delegation(actor=user, delegation=delegation, on=today(), ip=client_ip(request))
    except delegations.DelegationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已撤销授权（{delegation.document}）。")
    return redirect("cases:delegations")
