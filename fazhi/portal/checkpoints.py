"""Public pages of what the bureau publishes about itself: the journal checkpoints (anyone may keep one and later
check that the record was not rewritten), the enforcement bodies, and the enforcement officers with their certificate
numbers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.portal.cache import public_page
from fazhi.portal.queries import published_bodies, published_checkpoint, published_checkpoints, published_officers

MAX_PK = 2**63 - 1


@require_safe
@public_page()
def checkpoints(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/checkpoints.html", {"checkpoints": published_checkpoints()})


@require_safe
@public_page()
def checkpoint_file(request: HttpRequest, pk: int) -> HttpResponse:
    item = published_checkpoint(pk) if pk <= MAX_PK else None
    if item is None:
        raise Http404("没有这个检查点。")
    response = HttpResponse(item.document, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fazhi-checkpoint-{item.tree_size}.json"'
    return response


@require_safe
@public_page("q")
def officers(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:50]
    return render(request, "portal/officers.html", {"officers": published_officers(q), "q": q})


@require_safe
@public_page()
def bodies(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/bodies.html", {"bodies": published_bodies()})
