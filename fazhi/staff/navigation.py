"""The staff application's navigation: which links a user sees, and which parts are not built yet."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from fazhi.accounts.models import Role, User
from fazhi.accounts.roles import BUSINESS_ROLE_NAMES

CASEWORK_VIEWERS = frozenset({*BUSINESS_ROLE_NAMES, Role.SUPERVISOR})
EVERYONE: frozenset[str] = frozenset()  # empty: every signed-in staff member


@dataclass(frozen=True)
class NavSpec:
    label: str
    url_name: str | None  # None: a part still to come
    roles: frozenset[str]
    description: str


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str | None  # None: shown disabled, "即将上线"
    current: bool
    description: str


NAVIGATION: tuple[NavSpec, ...] = (
    NavSpec("工作台", "staff:home", EVERYONE, "本人信息与待办"),
    NavSpec("案件办理", None, CASEWORK_VIEWERS, "投诉举报受理、立案、调查、处理与结案"),
    NavSpec("文书", None, CASEWORK_VIEWERS, "执法文书、文号、证据与卷宗"),
    NavSpec("裁量基准", None, CASEWORK_VIEWERS, "行政处罚自由裁量基准与权责清单"),
    NavSpec("电子监察", None, CASEWORK_VIEWERS, "期限预警、异常监测与督办"),
    NavSpec("信息公示", None, CASEWORK_VIEWERS, "行政执法公示与社会公布"),
    NavSpec("工作日历", "calendars:years", EVERYONE, "法定节假日与调休工作日"),
    NavSpec("全过程记录", "journal:entries", frozenset({Role.AUDITADMIN, Role.SUPERVISOR}), "执法全过程记录查阅与校验"),
    NavSpec("系统管理", "admin:index", frozenset({Role.SYSADMIN}), "机构与账户管理"),
)


def _url(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:  # the part's views are not wired in yet
        return None


def navigation_for(user: User, current_path: str = "") -> list[NavItem]:
    """The links `user` may see, in order; `current` marks the one for `current_path`."""
    roles = user.role_names
    items = []
    for spec in NAVIGATION:
        if spec.roles and not roles & spec.roles:
            continue
        url = _url(spec.url_name)
        current = url is not None and (
            current_path == url if spec.url_name == "staff:home" else current_path.startswith(url)
        )
        items.append(NavItem(spec.label, url, current, spec.description))
    return items
