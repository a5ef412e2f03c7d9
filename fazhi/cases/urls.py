from django.urls import path

from fazhi.cases import delegation_views, views

app_name = "cases"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("all/", views.case_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/step/<slug:action>/", views.take_step, name="step"),
    path("delegations/", delegation_views.delegation_list, name="delegations"),
    path("delegations/<int:pk>/revoke/", delegation_views.delegation_revoke, name="delegation_revoke"),
]
