from django.urls import path

from fazhi.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("all/", views.case_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/step/<slug:action>/", views.take_step, name="step"),
]
