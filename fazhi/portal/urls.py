from django.urls import path

from fazhi.law import pages
from fazhi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # The published standards, powers list and calculator (public law, fazhi.law.pages).
    path("standards/", pages.standards, {"layout": "portal"}, name="standards"),
    path("standards/<str:code>/", pages.violation_page, {"layout": "portal"}, name="violation"),
    path("powers/", pages.powers, {"layout": "portal"}, name="powers"),
    path("calculator/", pages.calculator, {"layout": "portal"}, name="calculator"),
]
