"""The public pages of the wage-arrears dishonest list (人社部令第45号 第九条: 通过本部门门户网站公开): list with
search by name (2 characters suffice) or credit code, detail, CSV and JSON exports, Atom feed.

Reads only the published snapshots (`fazhi.dishonest_list.snapshots.PublishedListing`), never the live listings. A
listing shows from its publication until it is taken off (第十七条) or its term ends (第十一条), whichever comes first:
an expired listing is never shown, even before the staff remove it. The reads are here, beside the pages, so this part
of the portal stays in one module."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from fazhi.dishonest_list.snapshots import PublishedListing
from fazhi.portal.exports import CleanAtom1Feed, csv_response
from fazhi.portal.queries import list_query, search_small_list

PAGE_SIZE = 20
EXPORT_LIMIT = 10_000
MAX_QUERY_CHARS = 200
MAX_PK = 2**63 - 1
FIELDS = (
    ("decision_number", "列入决定书文号"),
    ("employer_name", "用人单位"),
    ("credit_code", "统一社会信用代码"),
    ("legal_representative", "法定代表人或者主要负责人"),
    ("employer_address", "地址"),
    ("reason", "列入事由"),
    ("basis", "列入依据"),
    ("authority", "作出决定的部门"),
    ("decided_on", "列入日期"),
    ("ends_on", "列入期限届满日"),
    ("sanctions", "联合惩戒措施"),
    ("published_on", "公开日期"),
)


# --- reads ------------------------------------------------------------------------------------------------------


def listed(today: dt.date | None = None) -> QuerySet[PublishedListing]:
    """The employers on the list today: published, not taken off, term not ended."""
    day = today or timezone.localdate()
    return PublishedListing.objects.filter(removed_on=None, ends_on__gte=day)


def search(q: str = "", today: dt.date | None = None) -> QuerySet[PublishedListing]:
    """`listed()` whose employer's name contains `q` (the query's bigrams are a run of the name's) or whose credit
    code starts with it."""
    return search_small_list(listed(today), q)


def one(pk: int) -> PublishedListing | None:
    return listed().filter(pk=pk).first() if pk <= MAX_PK else None


# --- pages --------------------------------------------------------------------------------------------------------


def _row(item: PublishedListing) -> dict[str, Any]:
    values = {name: getattr(item, name) for name, _ in FIELDS}
    for key in ("decided_on", "ends_on", "published_on"):
        values[key] = values[key].isoformat()
    return {"id": item.pk, **values}


def _q(request: HttpRequest) -> str:
    return request.GET.get("q", "")[:MAX_QUERY_CHARS]


@require_safe
def listings(request: HttpRequest) -> HttpResponse:
    q = _q(request)
    page = Paginator(search(q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/dishonest_list.html", {"page": page, "q": q, "query": list_query(q=q)})


@require_safe
def listing(request: HttpRequest, pk: int) -> HttpResponse:
    item = one(pk)
    if item is None:
        raise Http404("没有这条公开信息，或者已停止公开。")
    return render(request, "portal/dishonest_listing.html", {"item": item})


@require_safe
def listings_csv(request: HttpRequest) -> HttpResponse:
    return csv_response("wage-arrears-dishonest-list.csv", FIELDS, search(_q(request))[:EXPORT_LIMIT], _row)


@require_safe
def listings_json(request: HttpRequest) -> JsonResponse:
    rows = [_row(item) for item in search(_q(request))[:EXPORT_LIMIT]]
    return JsonResponse({"fields": dict(FIELDS), "listings": rows}, json_dumps_params={"ensure_ascii": False})


if TYPE_CHECKING:  # django-stubs makes Feed generic; the runtime class is not subscriptable
    _FeedBase = Feed[PublishedListing, None]
else:
    _FeedBase = Feed


class ListingsFeed(_FeedBase):
    feed_type = CleanAtom1Feed
    title = "拖欠农民工工资失信联合惩戒对象名单"
    subtitle = "人力资源社会保障部令第45号：列入失信联合惩戒名单的用人单位"

    def link(self) -> str:
        return reverse("portal:dishonest_list")

    def items(self) -> list[PublishedListing]:
        return list(listed().order_by("-published_on", "-id")[:50])

    def item_title(self, item: PublishedListing) -> str:
        return f"{item.employer_name}（列入至 {item.ends_on:%Y-%m-%d}）"

    def item_description(self, item: PublishedListing) -> str:
        return f"{item.decision_number}。{item.reason}。{item.sanctions}"

    def item_link(self, item: PublishedListing) -> str:
        return reverse("portal:dishonest_listing", args=[item.pk])

    def item_pubdate(self, item: PublishedListing) -> dt.datetime:
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=dt.UTC)
