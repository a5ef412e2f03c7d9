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
    exact: bool = False  # current only on its own page, not on the pages under it
    section: str | None = None  # the URL name whose pages (and those under it) also make this link current


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str | None  # None: shown disabled, "即将上线"
    current: bool
    description: str


NAVIGATION: tuple[NavSpec, ...] = (
    NavSpec("工作台", "staff:home", EVERYONE, "本人信息与待办", exact=True),
    NavSpec("我的待办", "cases:worklist", BUSINESS_ROLE_NAMES, "等待本人办理、审批的案件，按期限排序", exact=True),
    NavSpec(
        "案件办理",
        "cases:list",
        CASEWORK_VIEWERS,
        "投诉举报受理、立案、调查、处理与结案",
        section="cases:worklist",  # the case pages (/staff/cases/<id>/, /staff/cases/new/) belong here
    ),
    NavSpec(
        "裁量基准",
        "law:standards",
        CASEWORK_VIEWERS,
        "行政处罚自由裁量基准、罚款计算与权责清单",
        section="law:versions",
    ),
    NavSpec(
        "电子监察",
        "supervision:dashboard",
        frozenset({Role.SUPERVISOR, Role.DIRECTOR, Role.LEADER}),
        "期限预警、异常监测与督办",
    ),
    NavSpec("重大违法公布", "major_violations:index", CASEWORK_VIEWERS, "重大劳动保障违法行为的季度社会公布"),
    NavSpec("失信名单", "dishonest_list:list", CASEWORK_VIEWERS, "拖欠农民工工资失信联合惩戒名单的列入、公开与移出"),
    NavSpec("司法建议", "suggestions:list", CASEWORK_VIEWERS, "司法建议和检察建议的登记、逐条答复与回复"),
    NavSpec("复议诉讼", "remedies:list", CASEWORK_VIEWERS, "本局作为被申请人、被告的行政复议和行政诉讼"),
    NavSpec("工作日历", "calendars:years", EVERYONE, "法定节假日与调休工作日"),
    NavSpec("全过程记录", "journal:entries", frozenset({Role.AUDITADMIN, Role.SUPERVISOR}), "执法全过程记录查阅与校验"),
    NavSpec("登录锁定", "accounts:lockouts", frozenset({Role.SECADMIN}), "登录失败与锁定的查看和解除"),
    NavSpec("动态验证码", "accounts:second_factors", frozenset({Role.SECADMIN}), "工作人员双因素认证的绑定情况与重置"),
    # 三员分立 (ADR 0018): a change to a 三员 account is asked by one 三员 and confirmed by another.
    NavSpec(
        "三员账户变更",
        "accounts:changes",
        frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITADMIN}),
        "三员账户的停用、启用、角色、密码、会话与登录锁定：一人申请，另一名三员确认后生效",
    ),
    NavSpec("系统管理", "admin:index", frozenset({Role.SYSADMIN}), "机构与账户管理"),
    # The legal division reaches the upload from 裁量基准; the system administrator, who may load for them, from here.
    NavSpec("导入裁量基准", "law:load", frozenset({Role.SYSADMIN}), "导入本局发布的行政处罚裁量基准（CSV 或 Excel）"),
)


def _url(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:  # the part's views are not wired in yet
        return None


def _is_current(spec: NavSpec, url: str | None, current_path: str) -> bool:
    if url is None:
        return False
    if spec.exact:
        return current_path == url
    section = _url(spec.section) if spec.section else None
    return current_path.startswith(url) or (section is not None and current_path.startswith(section))


def navigation_for(user: User, current_path: str = "") -> list[NavItem]:
    """The links `user` may see, in order; `current` marks the one for `current_path` (a page that is exactly one
    link's own page marks that link only)."""
    roles = user.role_names
    shown = [(spec, _url(spec.url_name)) for spec in NAVIGATION if not spec.roles or roles & spec.roles]
    exact_hit = any(url == current_path for _, url in shown)
    items = []
    for spec, url in shown:
        current = _is_current(spec, url, current_path) and (not exact_hit or url == current_path)
        items.append(NavItem(spec.label, url, current, spec.description))
    return items
