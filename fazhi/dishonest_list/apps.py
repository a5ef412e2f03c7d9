from __future__ import annotations

from django.apps import AppConfig


class DishonestListConfig(AppConfig):
    name = "fazhi.dishonest_list"
    label = "dishonest_list"
    verbose_name = "拖欠农民工工资失信联合惩戒对象名单"
