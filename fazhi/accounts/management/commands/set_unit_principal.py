"""manage.py set_unit_principal UNIT USERNAME [--clear]: name a bureau's 正职负责人, as the system."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.accounts.actions import AccountActionError, set_unit_principal
from fazhi.accounts.models import User
from fazhi.accounts.queries import unit_by_code


class Command(BaseCommand):
    help = (
        "指定区局或市局的正职负责人（或主持工作的负责人）：移送涉嫌犯罪案件须经其本人审批"
        "（行政执法机关移送涉嫌犯罪案件的规定第五条）。以系统身份办理，记入全过程记录。"
        "例：set_unit_principal SZ-FT leader；--clear 取消指定。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("unit", help="区局或市局的机构代码")
        parser.add_argument("username", nargs="?", default="", help="本局在职局领导的用户名")
        parser.add_argument("--clear", action="store_true", help="取消指定")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = unit_by_code(options["unit"])
        if unit is None:
            raise CommandError(f"机构 {options['unit']} 不存在。")
        principal = None
        if not options["clear"]:
            if not options["username"]:
                raise CommandError("请填写用户名，或以 --clear 取消指定。")
            principal = User.objects.filter(username=options["username"]).first()
            if principal is None:
                raise CommandError(f"用户 {options['username']} 不存在。")
        try:
            set_unit_principal(actor=None, unit=unit, principal=principal)
        except AccountActionError as error:
            raise CommandError(error.message) from error
        who = principal.display_name if principal else "（无）"
        self.stdout.write(self.style.SUCCESS(f"{unit.name}的正职负责人：{who}。"))
