"""The public portal's home page: a tile for each public service; each service comes with its own part."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.portal.cache import public_page

SERVICES = (
    ("投诉举报", "劳动者投诉用人单位侵害本人劳动保障权益，或举报劳动保障违法行为。"),
    ("进度查询", "凭查询码了解投诉举报的受理和办理进度。"),
    ("处罚决定公示", "行政处罚决定的公示，决定被变更、撤销时的撤回说明。"),
    ("重大违法行为社会公布", "按季度公布的重大劳动保障违法行为（人社部令第29号）。"),
    ("失信名单", "拖欠农民工工资失信联合惩戒对象名单：按单位名称或统一社会信用代码查询。"),
    ("裁量基准", "劳动保障行政处罚自由裁量基准、罚款计算及权责清单。"),
    ("执法主体", "执法机关、以其名义执法的监察机构和持证执法人员。"),
    ("检查点", "执法全过程记录的定期检查点，供公众核对记录未被改写。"),
)
# The services already online, by title: their page (the others show "即将上线").
ONLINE = {
    "投诉举报": "complaints:new",
    "进度查询": "complaints:status",
    "处罚决定公示": "portal:decisions",
    "重大违法行为社会公布": "portal:major_violations",
    "失信名单": "portal:dishonest_list",
    "裁量基准": "portal:standards",
    "执法主体": "portal:bodies",
    "检查点": "portal:checkpoints",
}


@public_page()
def home(request: HttpRequest) -> HttpResponse:
    services = [(title, text, ONLINE.get(title)) for title, text in SERVICES]
    return render(request, "portal/home.html", {"services": services})
