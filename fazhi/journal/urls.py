from django.urls import path

from fazhi.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.entries, name="entries"),
    path("<int:seq>/", views.entry_detail, name="entry"),
]
