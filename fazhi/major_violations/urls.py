"""Included at staff/major-violations/."""

from django.urls import path

from fazhi.major_violations import views

app_name = "major_violations"
urlpatterns = [
    path("", views.index, name="index"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("batches/<int:pk>/publish/", views.publish, name="publish"),
    path("cases/<int:case_pk>/select/", views.select, name="select"),
    path("selections/<int:pk>/edit/", views.edit, name="edit"),
    path("selections/<int:pk>/remove/", views.remove, name="remove"),
    path("selections/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
