"""manage.py expire_account_change_requests: mark the requests to change a 三员 account that lapsed unconfirmed.

Daily, from cron. Each lapsed request is one action and one journal entry (ADR 0018); the screens already show such a
request as expired before this runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from fazhi.accounts.actions import expire_account_changes


class Command(BaseCommand):
    help = "将逾期未确认的三员账户变更申请标记为已过期（每份一条全过程记录）。"

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_account_changes()
        self.stdout.write(f"已过期的三员账户变更申请：{count} 份。")
