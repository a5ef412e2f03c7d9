"""The Django admin, for the system administrator only, and read-only.

Django's default site lets in any active user with `is_staff`; here `has_permission` also requires the `sysadmin`
role, and the admin's own login page hands over to the staff login (anonymous users) or to a journaled 403 (signed-in
users without the role). Units and users are shown read-only: every change goes through fazhi.accounts.actions, so it
is validated (三员分立, certificates) and journaled. The only change offered here is "deactivate", which calls the
action: for a business user it takes effect; for a 三员 the action refuses it (journaled) and the message points to
the page of 三员账户变更, where another 三员 must confirm it (two-person rule, ADR 0018). A 三员's page here links
there too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString

from fazhi.accounts.access import refuse
from fazhi.accounts.actions import TWO_PERSON_MESSAGE, AccountActionError, deactivate_user
from fazhi.accounts.models import SEPARATED_ADMIN_ROLES, Role, RoleGrant, Unit, User
from fazhi.accounts.roles import role_label
from fazhi.journal.request import client_ip

if TYPE_CHECKING:  # django-stubs makes these generic; at run time they are not (no django_stubs_ext monkeypatch)
    UnitAdminBase = admin.ModelAdmin[Unit]
    UserAdminBase = admin.ModelAdmin[User]
    RoleGrantInlineBase = admin.TabularInline[RoleGrant, User]
else:
    UnitAdminBase = UserAdminBase = admin.ModelAdmin
    RoleGrantInlineBase = admin.TabularInline


def is_system_administrator(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and isinstance(user, User)
        and user.has_role(Role.SYSADMIN)
    )


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """Replaces the admin's login page: one login for all staff, and a journaled refusal for the others."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if is_system_administrator(request):
        return redirect(next_url or reverse("admin:index"))
    if request.user.is_authenticated:
        return refuse(request, required_roles=(str(Role.SYSADMIN),), reason="系统管理仅限系统管理员使用。")
    return redirect_to_login(next_url or reverse("admin:index"))


def admin_password_change(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The admin's own password change would bypass the action (and the journal): use the staff page."""
    return redirect("accounts:password_change")


admin.site.has_permission = is_system_administrator  # type: ignore[method-assign]
admin.site.login = admin_login  # type: ignore[method-assign]
admin.site.password_change = admin_password_change  # type: ignore[method-assign,assignment]
admin.site.site_header = "法治 · 系统管理"
admin.site.site_title = "法治系统管理"
admin.site.index_title = "系统管理"
admin.site.site_url = "/staff/"
# Roles replace Django groups and permissions.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class ReadOnlyForSysadmin:
    """View-only access for the system administrator, nothing for anyone else."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyForSysadmin, UnitAdminBase):
    list_display = ["indented_name", "code", "kind", "parent", "principal", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    fields = readonly_fields = ("code", "name", "kind", "parent", "principal", "path", "created_at")
    ordering = ["path"]

    @admin.display(description="名称", ordering="path")
    def indented_name(self, unit: Unit) -> str:
        return "　" * (unit.depth - 1) + unit.name


class RoleGrantInline(ReadOnlyForSysadmin, RoleGrantInlineBase):
    model = RoleGrant
    fields = readonly_fields = ("role", "granted_at")
    extra = 0
    verbose_name = "角色"
    verbose_name_plural = "角色"


def _request_link(user: User, kind: str, text: str) -> SafeString:
    """A link to the request form for `user`'s account (the two-person rule's page)."""
    url = f"{reverse('accounts:change_new')}?{urlencode({'target': user.username, 'kind': kind})}"
    return format_html('<a href="{}">{}</a>', url, text)


@admin.register(User)
class UserAdmin(ReadOnlyForSysadmin, UserAdminBase):
    list_display = ["username", "full_name", "unit", "roles", "is_active", "last_login"]
    list_filter = ["is_active", "role_grants__role", "unit__kind"]
    search_fields = ["username", "full_name", "enforcement_certificate_number"]
    fields = readonly_fields = (
        "username",
        "full_name",
        "unit",
        "enforcement_certificate_number",
        "has_legal_qualification",
        "is_active",
        "is_staff",
        "last_login",
        "date_joined",
        "account_changes",
    )
    inlines = [RoleGrantInline]
    actions = ["deactivate_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).select_related("unit").prefetch_related("role_grants")

    @admin.display(description="角色")
    def roles(self, user: User) -> str:
        return "、".join(role_label(grant.role) for grant in user.role_grants.all())

    @admin.display(description="三员账户变更")
    def account_changes(self, user: User) -> str:
        if not user.role_names & SEPARATED_ADMIN_ROLES:
            return "业务人员账户，由系统管理员直接管理"
        return _request_link(user, "deactivate", "提出变更申请（须另一名三员确认）")

    @admin.action(description="停用所选账户（并结束其会话）")
    def deactivate_selected(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = request.user
        assert isinstance(actor, User)
        done = 0
        for user in queryset.filter(is_active=True):
            try:
                deactivate_user(actor=actor, user=user, ip=client_ip(request))
            except AccountActionError as error:
                if error.message == TWO_PERSON_MESSAGE:
                    link = _request_link(user, "deactivate", "提出停用申请")
                    text = format_html(
                        "{}：未停用。三员分立：三员账户须由一名三员提出申请、另一名三员确认后才能停用。{}",
                        user.display_name,
                        link,
                    )
                    self.message_user(request, text, messages.ERROR)
                else:
                    self.message_user(request, f"{user.display_name}：{error.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"已停用 {done} 个账户。", messages.SUCCESS)
