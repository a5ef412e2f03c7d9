"""manage.py rotate_keys [--index] [--batch N]: re-encrypt identifiers under the current data key, or recompute the
blind indexes under the current index key (ADR 0019, docs/operations.md「密钥」)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.crypto.actions import DEFAULT_BATCH, rotate_keys
from fazhi.crypto.cipher import DecryptionFailed


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("须为正整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError("须为正整数")
    return value


class Command(BaseCommand):
    help = (
        "将加密保存的身份证号码、电话号码全部改用 FAZHI_DATA_KEYS 的第一个密钥重新加密（分批进行，中断后再次运行即从"
        "中断处继续）；加 --index 则改为按 FAZHI_INDEX_KEY 重新计算全部检索码。完成后记入全过程记录一次（含数量）。"
        "全过程记录本身不变，其哈希校验不受影响。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--index", action="store_true", help="重新计算检索码（更换 FAZHI_INDEX_KEY 之后）")
        parser.add_argument(
            "--batch",
            type=_positive,
            default=DEFAULT_BATCH,
            metavar="N",
            help=f"每批处理的记录数（默认 {DEFAULT_BATCH}）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = rotate_keys(actor=None, index=options["index"], batch=options["batch"])
        except DecryptionFailed as error:
            raise CommandError(f"{error} 已完成的部分已保存；配置好密钥后再次运行即可继续。") from None
        counts = result.reindexed if result.index else result.reencrypted
        listed = "，".join(f"{name} {count} 条" for name, count in counts.items()) or "无加密字段"
        if result.index:
            self.stdout.write(self.style.SUCCESS(f"已按当前检索密钥重新计算检索码：{listed}。"))
        else:
            self.stdout.write(self.style.SUCCESS(f"已改用密钥 {result.key} 重新加密：{listed}。"))
        self.stdout.write("已记入全过程记录（system.rotate_keys）。")
