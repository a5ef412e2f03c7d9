"""The public portal. For now only its home page; each public service comes with its own part."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.portal.cache import public_page

SERVICES = (
    ("投诉举报", "劳动者投诉用人单位侵害本人劳动保障权益，或举报劳动保障违法行为。"),
    ("进度查询", "凭查询码了解投诉举报的受理和办理进度。"),
    ("执法公示", "行政处罚决定、重大劳动保障违法行为和拖欠工资失信名单的公示。"),
    ("裁量基准", "劳动保障行政处罚自由裁量基准及权责清单。"),
    ("执法主体", "执法机关、以其名义执法的监察机构和持证执法人员。"),
    ("失信名单", "拖欠农民工工资失信联合惩戒对象名单：按单位名称或统一社会信用代码查询。"),
)
# The services already online, by title: their page (the others show "即将上线").
ONLINE = {
    "投诉举报": "complaints:new",
    "进度查询": "complaints:status",
    "执法公示": "portal:decisions",
    "裁量基准": "portal:standards",
    "执法主体": "portal:bodies",
    "失信名单": "portal:dishonest_list",
}


@public_page()
def home(request: HttpRequest) -> HttpResponse:
    services = [(title, text, ONLINE.get(title)) for title, text in SERVICES]
    return render(request, "portal/home.html", {"services": services})
