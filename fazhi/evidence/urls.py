from django.urls import path

from fazhi.evidence import views

app_name = "evidence"
urlpatterns = [
    path("case/<int:pk>/add/", views.add, name="add"),
    path("<int:pk>/", views.download, name="download"),
]
