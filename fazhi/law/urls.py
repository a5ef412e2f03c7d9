from django.urls import path

from fazhi.law import loading, views

app_name = "law"
urlpatterns = [
    path("standards/", views.standards, name="standards"),
    path("standards/<str:code>/", views.violation_page, name="violation"),
    path("powers/", views.powers, name="powers"),
    path("calculator/", views.calculator, name="calculator"),
    path("versions/", views.versions, name="versions"),
    path("versions/load/", loading.load, name="load"),
    path("versions/load/confirm/", loading.confirm, name="load_confirm"),
]
