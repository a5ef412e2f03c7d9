"""Who may open a view and who may change business data.

`require_roles` guards views: anonymous users go to the login page; a signed-in user without one of the roles gets
the Chinese 403 page, and the refusal is journaled (security.md: refused authorisations are recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from fazhi.accounts.models import SEPARATED_ADMIN_ROLES, Role, User
from fazhi.accounts.roles import BUSINESS_ROLE_NAMES
from fazhi.journal.actions import record_entry
from fazhi.journal.request import client_ip

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)

# Roles that never change business data: the supervisor watches read-only, the 三员 administer the system.
READ_ONLY_ROLES = frozenset({Role.SUPERVISOR, *SEPARATED_ADMIN_ROLES})


def staff_user(request: HttpRequest) -> User:
    """The signed-in staff member of a view behind `require_roles` (which lets only staff through)."""
    user = request.user
    assert isinstance(user, User)
    return user


def can_write(user: User | AnonymousUser | None) -> bool:
    """May `user` change business data (cases, documents, …)? Scope still applies on top of this."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    assert isinstance(user, User)
    roles = user.role_names
    return bool(roles & BUSINESS_ROLE_NAMES) and not roles & READ_ONLY_ROLES


def refuse(request: HttpRequest, *, required_roles: tuple[str, ...] = (), reason: str = "") -> HttpResponse:
    """Journal a refused authorisation for this request and answer with the Chinese 403 page."""
    user = request.user if request.user.is_authenticated else None
    after: dict[str, Any] = {"path": request.path[:500], "method": request.method or ""}
    if required_roles:
        after["required_roles"] = list(required_roles)
    if reason:
        after["reason"] = reason
    with transaction.atomic():
        record_entry(
            actor=user if isinstance(user, User) else None,
            action="access.refused",
            outcome="refused",
            after=after,
            ip=client_ip(request),
        )
    return render(request, "403.html", {"reason": reason}, status=403)


def require_roles(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R | HttpResponse]]:
    """A view decorator: only signed-in, active users holding at least one of `roles` get through."""
    wanted = frozenset(str(role) for role in roles)
    if not wanted:
        raise ValueError("require_roles needs at least one role")

    def decorator(view: Callable[P, R]) -> Callable[P, R | HttpResponse]:
        @wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | HttpResponse:
            request = args[0]
            assert isinstance(request, HttpRequest)
            user = request.user
            if not user.is_authenticated or not user.is_active:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, User)
            if not user.role_names & wanted:
                return refuse(request, required_roles=tuple(sorted(wanted)))
            return view(*args, **kwargs)

        return wrapper

    return decorator
