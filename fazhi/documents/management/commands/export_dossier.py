"""manage.py export_dossier CASE_NUMBER --out FILE.zip | --all-closed --out DIR: write case dossiers (卷宗)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.cases.models import Case
from fazhi.cases.workflow import State
from fazhi.documents.actions import export_dossier_to
from fazhi.documents.dossier import DossierError, safe_name


class Command(BaseCommand):
    help = (
        "导出案件卷宗（ZIP）：全部文书、证据文件、本案全过程记录、卷内目录和哈希清单。"
        "给出案号和 --out 文件导出一个案件；给出 --all-closed 和 --out 目录，为每个已结案或已归档的案件各导出一个。"
        "每导出一个案件写一条全过程记录。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case_number", nargs="?", metavar="CASE_NUMBER", help="案号（或登记号）")
        parser.add_argument(
            "--out", required=True, metavar="PATH", help="输出的 ZIP 文件；与 --all-closed 同用时为目录"
        )
        parser.add_argument("--all-closed", action="store_true", help="导出所有已结案、已归档的案件")

    def handle(self, *args: Any, **options: Any) -> None:
        number: str | None = options["case_number"]
        out = Path(options["out"])
        if options["all_closed"]:
            if number:
                raise CommandError("请只给出案号或 --all-closed 之一。")
            self._export_all(out)
            return
        if not number:
            raise CommandError("请给出案号，或使用 --all-closed。")
        case = Case.objects.filter(case_number=number).first() or Case.objects.filter(reference=number).first()
        if case is None:
            raise CommandError(f"找不到案号为 {number} 的案件。")
        if out.is_dir():
            raise CommandError(f"{out} 是目录；请给出要写入的 ZIP 文件名。")
        if not out.parent.is_dir():
            raise CommandError(f"输出目录不存在：{out.parent}")
        self._export(case, out)

    def _export_all(self, directory: Path) -> None:
        if not directory.is_dir():
            raise CommandError(f"输出目录不存在：{directory}")
        cases = list(Case.objects.filter(state__in=[State.CLOSED, State.ARCHIVED]).order_by("pk"))
        failures: list[str] = []
        for case in cases:  # one bad case does not stop the yearly transfer: it is named at the end
            try:
                self._export(case, directory / f"{safe_name(case.display_number)}.zip")
            except CommandError as exc:
                failures.append(str(exc))
                self.stderr.write(str(exc))
        done = len(cases) - len(failures)
        if failures:
            raise CommandError(
                f"已导出 {done} 个卷宗，{len(failures)} 个案件未能导出（见上文）；请处理后对这些案件单独导出。"
            )
        self.stdout.write(self.style.SUCCESS(f"已导出 {done} 个已结案或已归档案件的卷宗到 {directory}。"))

    def _export(self, case: Case, path: Path) -> None:
        """Writes to a temporary name first, so a failed write leaves no partial ZIP under the final name."""
        partial = path.with_name(path.name + ".part")
        try:
            with partial.open("w+b") as out:
                export_dossier_to(actor=None, case=case, out=out)
            partial.replace(path)
        except DossierError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"案件 {case.display_number} 的卷宗无法导出：{exc}") from None
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"无法写入 {path}：{exc.strerror or exc}") from None
        self.stdout.write(f"已导出案件 {case.display_number} 的卷宗：{path}")
