"""The legal division's upload of a new version of the standard: the form, the preview of what the file will do
(`fazhi.law.preview`), and the confirmation that loads it through `fazhi.law.actions.load_standard` (one journal
entry). Between preview and confirmation the file waits in the user's session (its bytes and SHA-256); the
confirmation names that SHA-256, so a preview left open in another tab cannot load a different file, and the file is
checked again when loaded."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.accounts.access import require_roles, staff_user
from fazhi.journal.request import client_ip
from fazhi.law import queries
from fazhi.law.actions import LOADERS, InvalidStandard, StandardRefused, load_standard
from fazhi.law.forms import StandardUploadForm
from fazhi.law.preview import preview_standard
from fazhi.law.standard_files import COLUMN_TITLES, StandardFileError, parse_standard_file
from fazhi.staff.navigation import CASEWORK_VIEWERS

PENDING = "law.pending_standard"  # the session key of the file waiting for confirmation


def _form_page(
    request: HttpRequest, form: StandardUploadForm, *, problems: list[str] | tuple[str, ...] = (), status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "problems": problems,
        "titles": COLUMN_TITLES,
        "can_read": bool(staff_user(request).role_names & CASEWORK_VIEWERS),
    }
    return render(request, "law/load.html", context, status=status)


@require_roles(*LOADERS)
@require_http_methods(["GET", "HEAD", "POST"])
def load(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: the file checked and previewed (nothing stored yet), or the form again with what is wrong
    and what was typed."""
    if request.method != "POST":
        return _form_page(request, StandardUploadForm())
    form = StandardUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    source_name = PurePath(upload.name or "").name[:200]
    effective_from: dt.date = form.cleaned_data["effective_from"]
    name = form.cleaned_data["name"].strip() or PurePath(source_name).stem or "裁量基准"
    try:
        found, standard = parse_standard_file(
            upload.read(), source_name, key="preview", name=name, effective_from=effective_from
        )
    except StandardFileError as error:
        return _form_page(request, form, problems=error.problems, status=422)
    if queries.version_from(effective_from) is not None:
        form.add_error("effective_from", f"已有自 {effective_from:%Y-%m-%d} 起施行的裁量基准版本，请另选施行日期。")
        return _form_page(request, form, status=422)
    request.session[PENDING] = {
        "data": base64.b64encode(found.data).decode("ascii"),
        "source_name": source_name,
        "name": name,
        "effective_from": effective_from.isoformat(),
        "sha256": found.sha256,
    }
    return render(request, "law/load_preview.html", {"preview": preview_standard(found, standard)})


@require_roles(*LOADERS)
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Load the file previewed in this session: the version, one journal entry; or back to the form saying why not."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or request.POST.get("sha256", "") != pending.get("sha256"):
        messages.error(request, "预览已失效（已超时，或者在其他页面上传了另一个文件），请重新选择文件。")
        return HttpResponseRedirect(reverse("law:load"))
    user = staff_user(request)
    initial = {"name": pending["name"], "effective_from": pending["effective_from"]}
    try:
        version = load_standard(
            actor=user,
            data=base64.b64decode(pending["data"]),
            source_name=pending["source_name"],
            name=pending["name"],
            effective_from=dt.date.fromisoformat(pending["effective_from"]),
            ip=client_ip(request),
        )
    except StandardRefused as refused:
        return render(request, "403.html", {"reason": refused.message}, status=403)
    except InvalidStandard as wrong:
        del request.session[PENDING]
        form = StandardUploadForm(initial=initial)
        return _form_page(request, form, problems=wrong.problems or [wrong.message], status=422)
    del request.session[PENDING]
    messages.success(request, f"已导入“{version.name}”，自 {version.effective_from:%Y-%m-%d} 起施行。")
    target = "law:versions" if user.role_names & CASEWORK_VIEWERS else "law:load"
    return HttpResponseRedirect(reverse(target))
