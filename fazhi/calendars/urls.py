from django.urls import path

from fazhi.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.years, name="years"),
    path("import/", views.import_from_package, name="import"),
]
