"""manage.py sweep_dishonest_list: daily. Listings past their 3 years (第十一条) go to removal, and the 10 working
days to remove them start from the term's end (第十七条). The portal stops showing them the day after the term ends
whether or not this has run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.dishonest_list.actions import sweep_expired


class Command(BaseCommand):
    help = "每日运行：列入期限（三年）届满的失信联合惩戒名单转入待移出，开始计算10个工作日的移出期限。"

    def handle(self, *args: Any, **options: Any) -> None:
        count = sweep_expired()
        self.stdout.write(f"列入期限届满、转入待移出的名单：{count} 条。")
