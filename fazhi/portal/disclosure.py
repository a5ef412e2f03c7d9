"""The public pages of published penalty decisions: list with search, detail, CSV and JSON exports, Atom feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property

from fazhi.disclosure.models import PublishedDecision
from fazhi.portal.cache import cached_count, public_page
from fazhi.portal.exports import CleanAtom1Feed, csv_response
from fazhi.portal.queries import count_published_decisions, list_query, published_decision, published_decisions
from fazhi.rules.textsearch import normalise

PAGE_SIZE = 20
EXPORT_LIMIT = 10_000
# The published fields, in the order of the exports, with their Chinese column names.
FIELDS = (
    ("document_number", "决定书文号"),
    ("employer_name", "当事人"),
    ("credit_code", "统一社会信用代码"),
    ("legal_representative", "法定代表人"),
    ("employer_address", "地址"),
    ("violation", "违法行为"),
    ("facts", "主要违法事实"),
    ("basis", "处罚依据"),
    ("penalty", "处罚内容"),
    ("authority", "处罚机关"),
    ("decided_on", "处罚决定日期"),
    ("published_on", "公示日期"),
    ("withdrawn_on", "撤回日期"),
    ("withdrawal_reason", "撤回说明"),
)


def _row(item: PublishedDecision) -> dict[str, Any]:
    values = {name: getattr(item, name) for name, _ in FIELDS}
    for key in ("decided_on", "published_on", "withdrawn_on"):
        values[key] = values[key].isoformat() if values[key] else ""
    return {"id": item.pk, **values}


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told how to count its rows (counted once per portal generation, not for every page asked for)."""

    def __init__(self, rows: QuerySet[PublishedDecision], per_page: int, *, count: Callable[[], int]) -> None:
        super().__init__(rows, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


@public_page("q", "page")
def decisions(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    count = partial(cached_count, f"decisions:{normalise(q)}", partial(count_published_decisions, q))
    page = CountedPaginator(published_decisions(q), PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    return render(request, "portal/decisions.html", {"page": page, "q": q, "query": list_query(q=q)})


@public_page()
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    item = published_decision(pk)
    if item is None:
        raise Http404
    return render(request, "portal/decision.html", {"item": item})


@public_page("q")
def decisions_csv(request: HttpRequest) -> HttpResponse:
    return csv_response(
        "penalty-decisions.csv", FIELDS, published_decisions(request.GET.get("q", "")[:200])[:EXPORT_LIMIT], _row
    )


@public_page("q")
def decisions_json(request: HttpRequest) -> JsonResponse:
    rows = published_decisions(request.GET.get("q", "")[:200])[:EXPORT_LIMIT]
    return JsonResponse(
        {"fields": dict(FIELDS), "decisions": [_row(item) for item in rows]}, json_dumps_params={"ensure_ascii": False}
    )


if TYPE_CHECKING:  # django-stubs makes Feed generic; the runtime class is not subscriptable
    _FeedBase = Feed[PublishedDecision, None]
else:
    _FeedBase = Feed


class DecisionsFeed(_FeedBase):
    feed_type = CleanAtom1Feed
    title = "行政处罚决定公示"
    subtitle = "劳动保障监察行政处罚决定（已按规定隐去个人信息）"

    def link(self) -> str:
        return reverse("portal:decisions")

    def items(self) -> list[PublishedDecision]:
        return list(published_decisions()[:50])

    def item_title(self, item: PublishedDecision) -> str:
        prefix = "【已撤回】" if item.withdrawn else ""
        return f"{prefix}{item.employer_name}：{item.penalty}"

    def item_description(self, item: PublishedDecision) -> str:
        return f"{item.document_number}。{item.violation}。{item.facts}"

    def item_link(self, item: PublishedDecision) -> str:
        return reverse("portal:decision", args=[item.pk])

    def item_pubdate(self, item: PublishedDecision) -> dt.datetime:
        return dt.datetime.combine(item.published_on, dt.time(), tzinfo=dt.UTC)
