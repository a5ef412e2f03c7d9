from django.urls import path

from fazhi.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export, name="export"),
    path("alerts/<slug:rule>/<int:case_id>/", views.alert_detail, name="alert"),
    path("orders/", views.orders, name="orders"),
    path("orders/new/", views.raise_order, name="raise_order"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/<slug:step>/", views.order_step, name="order_step"),
]
