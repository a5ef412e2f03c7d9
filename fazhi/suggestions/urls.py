"""Included at staff/suggestions/."""

from django.urls import path

from fazhi.suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("new/", views.receive, name="new"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/reply.pdf", views.reply_file, {"fmt": "pdf"}, name="reply_pdf"),
    path("<int:pk>/reply.docx", views.reply_file, {"fmt": "docx"}, name="reply_docx"),
    path("<int:pk>/<str:action>/", views.take_step, name="step"),
]
