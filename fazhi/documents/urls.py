"""Included at staff/: the PDF lives beside its case (staff/cases/<pk>/documents/<id>.pdf), issuing under
staff/documents/."""

from django.urls import path

from fazhi.documents import views

app_name = "documents"
urlpatterns = [
    path("cases/<int:pk>/documents/<int:document_id>.pdf", views.download, name="download"),
    path("cases/<int:pk>/documents/<int:document_id>.docx", views.download_docx, name="download_docx"),
    path("documents/cases/<int:pk>/issue/", views.issue, name="issue"),
    path("documents/cases/<int:pk>/dossier/", views.dossier, name="dossier"),
]
