"""Included at staff/complaints/."""

from django.urls import path

from fazhi.complaints import staff_views

app_name = "complaints_staff"
urlpatterns = [
    path("cases/<int:pk>/route/", staff_views.route, name="route"),
]
