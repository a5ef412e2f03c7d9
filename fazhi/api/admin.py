"""API tokens in the system administration: read-only (the token itself is never stored), with one change offered,
"revoke", which goes through the action and is journaled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from fazhi.accounts.admin import ReadOnlyForSysadmin
from fazhi.accounts.models import User
from fazhi.api.actions import TokenActionError, revoke_api_token
from fazhi.api.models import ApiToken
from fazhi.journal.request import client_ip

if TYPE_CHECKING:  # django-stubs makes ModelAdmin generic; at run time it is not
    ApiTokenAdminBase = admin.ModelAdmin[ApiToken]
else:
    ApiTokenAdminBase = admin.ModelAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyForSysadmin, ApiTokenAdminBase):
    list_display = ["user", "name", "read_only", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "user__full_name", "name"]
    fields = readonly_fields = ("user", "name", "read_only", "created_at", "expires_at", "last_used_at", "revoked_at")
    actions = ["revoke_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        return super().get_queryset(request).select_related("user")

    @admin.action(description="吊销所选令牌")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        actor = request.user
        assert isinstance(actor, User)
        done = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_api_token(actor=actor, token=token, ip=client_ip(request))
            except TokenActionError as error:
                self.message_user(request, f"{token}：{error.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"已吊销 {done} 个令牌。", messages.SUCCESS)
