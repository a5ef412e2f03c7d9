"""Included at staff/dishonest-list/."""

from django.urls import path

from fazhi.dishonest_list import views

app_name = "dishonest_list"
urlpatterns = [
    path("", views.listing_list, name="list"),
    path("<int:pk>/", views.listing_detail, name="detail"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/<str:action>/", views.take_step, name="step"),
    path("cases/<int:case_pk>/notice/", views.give_notice, name="notice"),
]
