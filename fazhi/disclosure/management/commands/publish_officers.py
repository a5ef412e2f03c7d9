"""manage.py publish_officers: publish the list of enforcement officers and their certificate numbers on the portal."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.disclosure.actions import publish_officers


class Command(BaseCommand):
    help = (
        "在门户网站公示执法人员名单（姓名、执法证号、所在机构、执法主体；行政执法公示·事前公开）："
        "列出在职、持有执法证的监察员、科长、处长和局领导。每次运行替换上一次公示的名单，建议在人员或证件变动后运行。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = publish_officers()
        self.stdout.write(self.style.SUCCESS(f"已在门户网站公示 {count} 名执法人员。"))
