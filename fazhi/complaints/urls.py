from django.urls import path

from fazhi.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.new_complaint, name="new"),
    path("challenge/", views.new_challenge, name="challenge"),
    path("received/", views.received, name="received"),
    path("status/", views.status, name="status"),
]
