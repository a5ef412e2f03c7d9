"""Included at staff/disclosure/."""

from django.urls import path

from fazhi.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("cases/<int:pk>/publish/", views.publish, name="publish"),
    path("cases/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<int:pk>/decision-change/", views.decision_change, name="decision_change"),
]
