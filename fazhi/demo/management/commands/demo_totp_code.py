"""manage.py demo_totp_code: the current code of the demo's published authenticator secret (demo data only)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.demo.second_factor import DEMO_TOTP_SECRET, demo_code


class Command(BaseCommand):
    help = (
        "显示演示密钥当前的动态验证码（仅用于演示数据中的系统管理员、安全管理员、审计管理员；"
        "只按公开的演示密钥计算，不读取数据库，对真实账户无效）。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(demo_code())
        self.stderr.write(f"（演示密钥 {DEMO_TOTP_SECRET} 当前的验证码，每 30 秒变化；仅供演示。）")
