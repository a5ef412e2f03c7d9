"""manage.py create_user USERNAME --full-name NAME --unit CODE --role ROLE …: add a staff member, as the system.

The first system administrator of a new deployment is made this way; after that, accounts are the sysadmin's work.
The password comes from the environment variable FAZHI_NEW_PASSWORD or is asked for twice at the terminal.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.accounts.actions import AccountActionError, create_user
from fazhi.accounts.models import Role
from fazhi.accounts.queries import unit_by_code
from fazhi.accounts.roles import ordered_role_labels

ROLES = "、".join(f"{value}（{label}）" for value, label in Role.choices)
PASSWORD_VARIABLE = "FAZHI_NEW_PASSWORD"  # noqa: S105  (the name of a variable, not a password)


class Command(BaseCommand):
    help = (
        "新建工作人员账户（以系统身份，记入全过程记录），例如首次部署时的系统管理员。"
        f"密码取自环境变量 {PASSWORD_VARIABLE}，未设置时在终端输入两次。角色：{ROLES}。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--full-name", required=True, help="姓名")
        parser.add_argument("--unit", required=True, metavar="CODE", help="所属机构代码")
        parser.add_argument("--role", action="append", required=True, dest="roles", help="角色，可重复")
        parser.add_argument("--certificate", default="", help="执法证号（监察员必填）")
        parser.add_argument("--legal-qualification", action="store_true", help="具有法律职业资格（法制审核员必填）")

    def _password(self) -> str:
        from_env = os.environ.get(PASSWORD_VARIABLE)
        if from_env:
            return from_env
        if not sys.stdin.isatty():
            raise CommandError(f"请在环境变量 {PASSWORD_VARIABLE} 中提供密码，或在终端中运行以便输入密码。")
        first = getpass.getpass("密码：")
        if first != getpass.getpass("再次输入密码："):
            raise CommandError("两次输入的密码不一致。")
        return first

    def handle(self, *args: Any, **options: Any) -> None:
        unit = unit_by_code(options["unit"])
        if unit is None:
            raise CommandError(f"机构 {options['unit']} 不存在；请先用 create_unit 新建。")
        unknown = sorted(set(options["roles"]) - set(Role.values))
        if unknown:
            raise CommandError(f"未知的角色：{'、'.join(unknown)}；可选：{ROLES}。")
        try:
            user = create_user(
                actor=None,
                username=options["username"],
                password=self._password(),
                full_name=options["full_name"],
                unit=unit,
                roles=options["roles"],
                enforcement_certificate_number=options["certificate"],
                has_legal_qualification=options["legal_qualification"],
            )
        except AccountActionError as error:
            raise CommandError(error.message) from error
        roles = "、".join(ordered_role_labels(options["roles"]))
        self.stdout.write(
            self.style.SUCCESS(f"已新建工作人员 {user.username}（{user.full_name}，{roles}，{unit.name}）。")
        )
