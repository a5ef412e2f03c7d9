"""Included at staff/remedies/."""

from django.urls import path

from fazhi.remedies import views

app_name = "remedies"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("<str:kind>/<int:pk>/", views.record_detail, name="detail"),
    path("<str:kind>/<int:pk>/documents/<str:doc_type>/", views.issue, name="issue"),
    path("<str:kind>/<int:pk>/<str:action>/", views.take_step, name="step"),
    path("cases/<int:case_pk>/<str:kind>/new/", views.register, name="register"),
]
