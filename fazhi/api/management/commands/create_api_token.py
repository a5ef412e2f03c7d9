"""manage.py create_api_token USERNAME [--name NAME] [--read-only] [--days N]: make a bearer token for the API, and
print it once. It lapses after N days (FAZHI_API_TOKEN_DAYS by default) and when the user's password changes.

Only the token's SHA-256 is stored: a lost token cannot be shown again; make a new one and revoke the old one (in the
system administration, 接口令牌 → 吊销所选令牌).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.accounts.models import User
from fazhi.api.actions import TokenActionError, create_api_token


class Command(BaseCommand):
    help = (
        "为工作人员创建接口令牌（以系统身份，记入全过程记录）。令牌只在标准输出中显示这一次，"
        "系统只保存其 SHA-256 摘要；调用接口时使用请求头 Authorization: Bearer <令牌>。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", metavar="USERNAME", help="工作人员的用户名")
        parser.add_argument("--name", default="", help="令牌用途，如“案件系统对接”（最多 100 个字符）")
        parser.add_argument("--read-only", action="store_true", help="只读令牌：只能查询，不能办理或修改")
        parser.add_argument(
            "--days", type=int, default=None, help="有效天数（默认见 FAZHI_API_TOKEN_DAYS；0 表示长期有效）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户名为 {options['username']} 的工作人员。")
        try:
            token, secret = create_api_token(
                actor=None, user=user, name=options["name"], read_only=options["read_only"], days=options["days"]
            )
        except TokenActionError as error:
            raise CommandError(error.message) from error
        # The explanation goes to stderr and the token alone to stdout, so that TOKEN=$(manage.py …) works.
        self.stderr.write(
            f"已为 {user.username}（{user.display_name}）创建接口令牌 #{token.pk}"
            f"{'“' + token.name + '”' if token.name else ''}"
            f"{'（只读）' if token.read_only else ''}，"
            f"{'有效期至 ' + f'{token.expires_at:%Y-%m-%d %H:%M}' if token.expires_at else '长期有效'}。"
            "令牌只显示这一次，请妥善保存："
        )
        self.stdout.write(secret)
