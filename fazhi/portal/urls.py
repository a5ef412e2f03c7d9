from django.urls import path
from django.views.decorators.http import require_safe

from fazhi.law import pages
from fazhi.portal import checkpoints, disclosure, dishonest_list, major_violations, views
from fazhi.portal.cache import public_page

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # The published standards, powers list and calculator (public law, fazhi.law.pages); the calculator's answers are
    # not cached (any facts may be typed in: nothing to share between visitors).
    path("standards/", public_page("q")(pages.standards), {"layout": "portal"}, name="standards"),
    path("standards/<str:code>/", public_page()(pages.violation_page), {"layout": "portal"}, name="violation"),
    path("powers/", public_page()(pages.powers), {"layout": "portal"}, name="powers"),
    path("decisions/", disclosure.decisions, name="decisions"),
    path("decisions/<int:pk>/", disclosure.decision, name="decision"),
    path("decisions.csv", disclosure.decisions_csv, name="decisions_csv"),
    path("decisions.json", disclosure.decisions_json, name="decisions_json"),
    path("decisions/feed.atom", public_page()(disclosure.DecisionsFeed()), name="decisions_feed"),
    # 拖欠农民工工资失信联合惩戒对象名单 (fazhi/portal/dishonest_list.py), cached like the rest (fazhi.portal.cache).
    path("dishonest-list/", public_page("q", "page")(dishonest_list.listings), name="dishonest_list"),
    path("dishonest-list/<int:pk>/", public_page()(dishonest_list.listing), name="dishonest_listing"),
    path("dishonest-list.csv", public_page("q")(dishonest_list.listings_csv), name="dishonest_list_csv"),
    path("dishonest-list.json", public_page("q")(dishonest_list.listings_json), name="dishonest_list_json"),
    path("dishonest-list/feed.atom", public_page()(dishonest_list.ListingsFeed()), name="dishonest_list_feed"),
    path("calculator/", pages.calculator, {"layout": "portal"}, name="calculator"),
    path("checkpoints/", checkpoints.checkpoints, name="checkpoints"),
    path("officers/", checkpoints.officers, name="officers"),
    path("bodies/", checkpoints.bodies, name="bodies"),
    # 重大劳动保障违法行为社会公布 (fazhi/portal/major_violations.py), cached like the rest (fazhi.portal.cache).
    path(
        "major-violations/",
        public_page("q", "quarter", "category", "page")(major_violations.major_violations),
        name="major_violations",
    ),
    path("major-violations/<int:pk>/", public_page()(major_violations.major_violation), name="major_violation"),
    path(
        "major-violations.csv",
        public_page("q", "quarter", "category")(major_violations.major_violations_csv),
        name="major_violations_csv",
    ),
    path(
        "major-violations.json",
        public_page("q", "quarter", "category")(major_violations.major_violations_json),
        name="major_violations_json",
    ),
    path(
        "major-violations/feed.atom",
        public_page()(major_violations.MajorViolationsFeed()),
        name="major_violations_feed",
    ),
    path("checkpoints/<int:pk>.json", checkpoints.checkpoint_file, name="checkpoint_file"),
]

# Every portal page only reads (security review I6): GET and HEAD, any other method a 405 with a Chinese page
# (fazhi.error_pages). The forms that post are the complaints' (fazhi/complaints/urls.py).
for _pattern in urlpatterns:
    _pattern.callback = require_safe(_pattern.callback)
