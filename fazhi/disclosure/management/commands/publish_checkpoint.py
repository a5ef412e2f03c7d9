"""manage.py publish_checkpoint: verify the journal and publish a checkpoint of it on the portal (daily, from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.disclosure.actions import DisclosureError, publish_checkpoint


class Command(BaseCommand):
    help = (
        "校验全过程记录，并在门户网站公示其检查点（默克尔根和最后一条记录的哈希），供社会公众日后核对记录未被改写"
        "（下载检查点文件后用 verify_journal --checkpoint 核对）。建议每日运行一次。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            published = publish_checkpoint()
        except DisclosureError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已公示检查点：覆盖第 1 至 {published.tree_size} 条记录，{published.algorithm} 默克尔根 "
                f"{published.root_hash}。"
            )
        )
