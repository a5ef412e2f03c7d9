from django.contrib import admin
from django.urls import include, path

from fazhi.api.main import api

urlpatterns = [
    path("", include("fazhi.portal.urls")),
    path("complaints/", include("fazhi.complaints.urls")),  # public, no login (the portal's complaint form)
    path("staff/", include("fazhi.accounts.urls")),
    path("staff/", include("fazhi.staff.urls")),
    path("staff/calendar/", include("fazhi.calendars.urls")),
    path("staff/cases/", include("fazhi.cases.urls")),
    path("staff/", include("fazhi.documents.urls")),  # staff/cases/<pk>/documents/<id>.pdf, staff/documents/…
    path("staff/evidence/", include("fazhi.evidence.urls")),
    path("staff/journal/", include("fazhi.journal.urls")),
    path("staff/law/", include("fazhi.law.urls")),
    path("staff/disclosure/", include("fazhi.disclosure.urls")),
    path("staff/complaints/", include("fazhi.complaints.staff_urls")),
    path("staff/dishonest-list/", include("fazhi.dishonest_list.urls")),
    path("staff/major-violations/", include("fazhi.major_violations.urls")),
    path("staff/suggestions/", include("fazhi.suggestions.urls")),
    path("staff/remedies/", include("fazhi.remedies.urls")),
    path("staff/supervision/", include("fazhi.supervision.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# A request refused before any view (a body over DATA_UPLOAD_MAX_MEMORY_SIZE…): a Chinese page, JSON under /api/.
handler400 = "fazhi.error_pages.bad_request"
