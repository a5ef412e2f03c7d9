"""The public pages of complaints: the form, its acknowledgement and the status lookup. No login; rate-limited per
client address; the form asks a human check (`fazhi.complaints.challenge`) besides its honeypot; the query code is
shown once and kept only in the session until then (never in a URL)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.complaints import challenge, codes
from fazhi.complaints.actions import submit_complaint
from fazhi.complaints.forms import ComplaintForm, StatusForm
from fazhi.complaints.queries import complaint_status
from fazhi.errors import ActionError
from fazhi.journal.request import client_ip
from fazhi.ratelimit import allow

RECEIPT_KEY = "complaints:receipt"
TOO_MANY = "提交过于频繁，请稍后再试。"
NOT_FOUND = "未查到与该查询码和手机号码相符的投诉举报，请核对后重试。"


def _form_page(request: HttpRequest, form: ComplaintForm, status: int = 200, refusal: str = "") -> HttpResponse:
    """The form as typed, with a new challenge (the one answered, if any, is used up)."""
    context = {"form": form, "refusal": refusal, "challenge": _challenge_html(request, form)}
    return render(request, "complaints/form.html", context, status=status)


def _challenge_html(request: HttpRequest, form: ComplaintForm | None = None) -> SafeString | str:
    prompt = challenge.current().issue(request)
    if prompt is None:
        return ""
    bound = form is not None and form.is_bound
    errors = [str(error) for error in form[challenge.ANSWER_FIELD].errors] if form is not None and bound else []
    return render_to_string(prompt.template, {**prompt.context, "errors": errors}, request=request)


@never_cache
@require_http_methods(["GET", "POST"])
def new_complaint(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ComplaintForm())
    form = ComplaintForm(request.POST)
    ip = client_ip(request)
    if not allow("complaint", ip, limit=settings.FAZHI_COMPLAINT_RATE_LIMIT, window_seconds=3600):
        form.is_valid()
        return _form_page(request, form, status=429, refusal=TOO_MANY)
    if form.is_bot:
        # Said plainly but without a receipt: a person never sees the hidden field.
        return _form_page(request, form, status=400, refusal="提交未成功，请稍后重试。")
    # Checked (and used up) before anything else is read: a wrong answer files nothing, and the form comes back as
    # typed, every other problem named too, with a new image.
    problem = challenge.current().verify(request, str(request.POST.get(challenge.ANSWER_FIELD, "")))
    valid = form.is_valid()
    if problem is not None:
        form.add_error(challenge.ANSWER_FIELD, problem)
    if problem is not None or not valid or form.intake is None:
        return _form_page(request, form, status=400)
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
        return _form_page(request, form, status=400, refusal=error.message)
    request.session[RECEIPT_KEY] = {
        "code": codes.display_code(receipt.code),
        "unit": receipt.unit_name,
        "received_on": receipt.received_on.isoformat(),
        "source": "投诉" if receipt.source == "complaint" else "举报",
    }
    return redirect("complaints:received")


@never_cache
@require_safe
def new_challenge(request: HttpRequest) -> HttpResponse:
    """「换一张」: a new image in place of the old one (htmx), the form's typed values untouched; without script, the
    link leads back to the form."""
    if not request.headers.get("HX-Request"):
        return redirect("complaints:new")
    return HttpResponse(_challenge_html(request))


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
