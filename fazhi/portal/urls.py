from django.urls import path

from fazhi.law import pages
from fazhi.portal import checkpoints, disclosure, views
from fazhi.portal.cache import public_page

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # The published standards, powers list and calculator (public law, fazhi.law.pages); the calculator's answers are
    # not cached (any facts may be typed in: nothing to share between visitors).
    path("standards/", public_page()(pages.standards), {"layout": "portal"}, name="standards"),
    path("standards/<str:code>/", public_page()(pages.violation_page), {"layout": "portal"}, name="violation"),
    path("powers/", public_page()(pages.powers), {"layout": "portal"}, name="powers"),
    path("decisions/", disclosure.decisions, name="decisions"),
    path("decisions/<int:pk>/", disclosure.decision, name="decision"),
    path("decisions.csv", disclosure.decisions_csv, name="decisions_csv"),
    path("decisions.json", disclosure.decisions_json, name="decisions_json"),
    path("decisions/feed.atom", public_page()(disclosure.DecisionsFeed()), name="decisions_feed"),
    path("calculator/", pages.calculator, {"layout": "portal"}, name="calculator"),
    path("checkpoints/", checkpoints.checkpoints, name="checkpoints"),
    path("officers/", checkpoints.officers, name="officers"),
    path("checkpoints/<int:pk>.json", checkpoints.checkpoint_file, name="checkpoint_file"),
]
