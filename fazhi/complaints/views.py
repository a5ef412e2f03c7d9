"""The public pages of complaints: the form, its acknowledgement and the status lookup. No login; rate-limited per
client address; the query code is shown once and kept only in the session until then (never in a URL)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.complaints import codes
from fazhi.complaints.actions import submit_complaint
from fazhi.complaints.forms import ComplaintForm, StatusForm
from fazhi.complaints.queries import complaint_status
from fazhi.errors import ActionError
from fazhi.journal.request import client_ip
from fazhi.ratelimit import allow

RECEIPT_KEY = "complaints:receipt"
TOO_MANY = "提交过于频繁，请稍后再试。"
NOT_FOUND = "未查到与该查询码和手机号码相符的投诉举报，请核对后重试。"


@never_cache
@require_http_methods(["GET", "POST"])
def new_complaint(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "complaints/form.html", {"form": ComplaintForm()})
    form = ComplaintForm(request.POST)
    ip = client_ip(request)
    if not allow("complaint", ip, limit=settings.FAZHI_COMPLAINT_RATE_LIMIT, window_seconds=3600):
        form.is_valid()
        return render(request, "complaints/form.html", {"form": form, "refusal": TOO_MANY}, status=429)
    if form.is_bot:
        # Said plainly but without a receipt: a person never sees the hidden field.
        return render(
            request, "complaints/form.html", {"form": form, "refusal": "提交未成功，请稍后重试。"}, status=400
        )
    if not form.is_valid() or form.intake is None:
        return render(request, "complaints/form.html", {"form": form}, status=400)
    typed = form.intake  # as fazhi.cases.intake cleaned it
    try:
        receipt = submit_complaint(
            actor=None,
            source=typed.source,
            complainant_name=typed.complainant_name,
            complainant_id_number=typed.complainant_id_number,
            phone=form.cleaned_data["phone"],
            anonymous=typed.anonymous,
            employer_name=typed.employer_name,
            employer_credit_code=typed.employer_credit_code,
            employer_address=typed.employer_address,
            facts=typed.summary,
            workers=form.workers(),
            ip=ip,
        )
    except ActionError as error:  # this action's or the case action's (InvalidCaseInput), a Chinese message
        return render(request, "complaints/form.html", {"form": form, "refusal": error.message}, status=400)
    request.session[RECEIPT_KEY] = {
        "code": codes.display_code(receipt.code),
        "unit": receipt.unit_name,
        "received_on": receipt.received_on.isoformat(),
        "source": "投诉" if receipt.source == "complaint" else "举报",
    }
    return redirect("complaints:received")


@never_cache
@require_safe
def received(request: HttpRequest) -> HttpResponse:
    receipt = request.session.pop(RECEIPT_KEY, None)
    if receipt is None:
        return redirect("complaints:status")
    return render(request, "complaints/received.html", {"receipt": receipt})


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "complaints/status.html", {"form": StatusForm()})
    form = StatusForm(request.POST)
    if not allow("complaint-status", client_ip(request), limit=settings.FAZHI_STATUS_RATE_LIMIT, window_seconds=3600):
        form.is_valid()
        return render(request, "complaints/status.html", {"form": form, "refusal": TOO_MANY}, status=429)
    if not form.is_valid():
        return render(request, "complaints/status.html", {"form": form}, status=400)
    found = complaint_status(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
    if found is None:
        return render(request, "complaints/status.html", {"form": form, "refusal": NOT_FOUND}, status=404)
    return render(request, "complaints/status.html", {"form": StatusForm(), "status": found})
