"""The public pages of major labour-security violations (重大劳动保障违法行为社会公布, 人社部令第29号): the quarterly
lists, newest first, with search by name (2 characters suffice) or credit code and filters by quarter and category;
an entry's page; CSV and JSON exports; an Atom feed. Reads only the published snapshots
(fazhi.major_violations.snapshots)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from fazhi.major_violations.snapshots import PublishedMajorViolation
from fazhi.portal.exports import CleanAtom1Feed, csv_response
from fazhi.portal.queries import list_query, search_small_list
from fazhi.rules.major_violations import Quarter, categories, category

PAGE_SIZE = 20
EXPORT_LIMIT = 10_000
MAX_PK = 2**63 - 1
MAX_QUERY_CHARS = 200
# The published fields, in the order of the exports, with their Chinese column names (29号 [S]: the six prescribed
# fields, with the list's quarter, organ and category).
FIELDS = (
    ("quarter_label", "公布季度"),
    ("organ", "公布机关"),
    ("category_name", "违法行为类别"),
    ("employer_name", "违法主体全称"),
    ("credit_code", "统一社会信用代码"),
    ("address", "地址"),
    ("legal_representative", "法定代表人或负责人姓名"),
    ("facts", "主要违法事实"),
    ("handling", "相关处理情况"),
    ("published_on", "公布日期"),
    ("withdrawn_on", "撤回日期"),
    ("withdrawal_reason", "撤回说明"),
)


def online() -> QuerySet[PublishedMajorViolation]:
    """The entries still online: all of them, or, when FAZHI_MAJOR_VIOLATION_ONLINE_YEARS is set, those published
    within that many years (how long an entry stays published was NOT FOUND in 29号; the rows are kept)."""
    rows = PublishedMajorViolation.objects.all()
    years = int(settings.FAZHI_MAJOR_VIOLATION_ONLINE_YEARS)
    if years > 0:
        today = timezone.localdate()
        try:
            since = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            since = today.replace(year=today.year - years, day=28)
        rows = rows.filter(published_on__gt=since)
    return rows


def published_major_violations(
    q: str = "", quarter: Quarter | None = None, category_code: str = ""
) -> QuerySet[PublishedMajorViolation]:
    """Published entries, newest quarter first, whose employer's name contains `q` (2 characters suffice: the query's
    bigrams are a run of the name's) or whose credit code starts with it, of `quarter` and of `category_code`."""
    rows = online()
    if quarter is not None:
        rows = rows.filter(year=quarter.year, quarter=quarter.number)
    if category_code:
        rows = rows.filter(category=category_code)
    return search_small_list(rows, q)


def published_quarters() -> list[Quarter]:
    pairs = online().order_by("-year", "-quarter").values_list("year", "quarter").distinct()
    return [Quarter(year, number) for year, number in pairs]


def _filters(request: HttpRequest) -> tuple[str, Quarter | None, str]:
    q = request.GET.get("q", "")[:MAX_QUERY_CHARS]
    quarter = Quarter.parse(request.GET.get("quarter", "")[:10])
    code = request.GET.get("category", "")[:30]
    return q, quarter, code if category(code) is not None else ""


def _rows(request: HttpRequest) -> QuerySet[PublishedMajorViolation]:
    q, quarter, code = _filters(request)
    return published_major_violations(q, quarter, code)


def _row(item: PublishedMajorViolation) -> dict[str, Any]:
    values = {name: getattr(item, name) for name, _ in FIELDS}
    if item.withdrawn:  # a withdrawn entry was wrong: only what names it and the explanation stay public
        values.update(address="", legal_representative="", facts="", handling="")
    for key in ("published_on", "withdrawn_on"):
        values[key] = values[key].isoformat() if values[key] else ""
    return {"id": item.pk, "quarter": item.quarter_code, "category": item.category, **values}


@require_safe
def major_violations(request: HttpRequest) -> HttpResponse:
    q, quarter, code = _filters(request)
    page = Paginator(published_major_violations(q, quarter, code), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/major_violations.html",
        {
            "page": page,
            "q": q,
            "quarter": quarter,
            "category": code,
            "quarters": published_quarters(),
            "categories": categories(),
            "query": list_query(q=q, quarter=quarter.code if quarter else "", category=code),
            "filtered": bool(q or quarter or code),
        },
    )


@require_safe
def major_violation(request: HttpRequest, pk: int) -> HttpResponse:
    item = online().filter(pk=pk).first() if pk <= MAX_PK else None
    if item is None:
        raise Http404("没有这条公布信息。")
    return render(request, "portal/major_violation.html", {"item": item, "category": category(item.category)})


@require_safe
def major_violations_csv(request: HttpRequest) -> HttpResponse:
    return csv_response("major-violations.csv", FIELDS, _rows(request)[:EXPORT_LIMIT], _row)


@require_safe
def major_violations_json(request: HttpRequest) -> JsonResponse:
    rows = _rows(request)[:EXPORT_LIMIT]
    return JsonResponse(
        {"fields": dict(FIELDS), "major_violations": [_row(item) for item in rows]},
        json_dumps_params={"ensure_ascii": False},
    )


if TYPE_CHECKING:  # django-stubs makes Feed generic; the runtime class is not subscriptable
    _FeedBase = Feed[PublishedMajorViolation, None]
else:
    _FeedBase = Feed


class MajorViolationsFeed(_FeedBase):
    feed_type = CleanAtom1Feed
    title = "重大劳动保障违法行为社会公布"
    subtitle = "按季度公布的重大劳动保障违法行为（已按规定隐去个人信息）"

    def link(self) -> str:
        return reverse("portal:major_violations")

    def items(self) -> list[PublishedMajorViolation]:
        return list(online().order_by("-published_on", "-id")[:50])

    def item_title(self, item: PublishedMajorViolation) -> str:
        prefix = "【已撤回】" if item.withdrawn else ""
        return f"{prefix}{item.employer_name}（{item.quarter_label}）"

    def item_description(self, item: PublishedMajorViolation) -> str:
        if item.withdrawn:
            return f"本条公布已撤回：{item.withdrawal_reason}"
        return f"{item.category_name}。{item.facts}{item.handling}"

    def item_link(self, item: PublishedMajorViolation) -> str:
        return reverse("portal:major_violation", args=[item.pk])

    def item_pubdate(self, item: PublishedMajorViolation) -> dt.datetime:
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=dt.UTC)

    def item_updateddate(self, item: PublishedMajorViolation) -> dt.datetime:
        return dt.datetime.combine(item.withdrawn_on or item.published_on, dt.time(), tzinfo=dt.UTC)
