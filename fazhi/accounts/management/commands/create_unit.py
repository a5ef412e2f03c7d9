"""manage.py create_unit CODE NAME --kind KIND [--parent CODE]: add a unit to the organisation, as the system."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.accounts.actions import AccountActionError, create_unit
from fazhi.accounts.models import UnitKind
from fazhi.accounts.queries import unit_by_code

KINDS = "、".join(f"{value}（{label}）" for value, label in UnitKind.choices)


class Command(BaseCommand):
    help = (
        "新建机构（以系统身份，记入全过程记录）。用于首次部署时建立机构树；"
        f"类型：{KINDS}。例：create_unit SZ 深圳市人力资源和社会保障局 --kind city_bureau"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="机构代码（字母、数字、连字符）")
        parser.add_argument("name", help="机构名称")
        parser.add_argument("--kind", required=True, help="机构类型")
        parser.add_argument("--parent", default="", metavar="CODE", help="上级机构代码（不填则为顶级机构）")

    def handle(self, *args: Any, **options: Any) -> None:
        parent = None
        if options["parent"]:
            parent = unit_by_code(options["parent"])
            if parent is None:
                raise CommandError(f"上级机构 {options['parent']} 不存在。")
        if options["kind"] not in UnitKind.values:
            raise CommandError(f"未知的机构类型 {options['kind']!r}，可选：{KINDS}。")
        try:
            unit = create_unit(
                actor=None, code=options["code"], name=options["name"], kind=options["kind"], parent=parent
            )
        except AccountActionError as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS(f"已新建机构 {unit.code} {unit.name}。"))
