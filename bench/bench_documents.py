"""How fast a 文书 renders, against WeasyPrint on the same layout without CJK text.

    .venv/bin/python bench/bench_documents.py [--runs R]

Builds a small demo database (seed_demo --cases 60) in a temporary directory, picks a decided penalty case and times,
run after run in turn: (a) the baseline — WeasyPrint rendering the same template with every Chinese character of the
context replaced by a Latin letter, so the page count and layout stay but only the default Latin face is embedded;
(b) the 行政处罚决定书 (two pages) as issued, with the Noto Serif CJK face embedded; (c) the same document as Word
(docxtpl); (d) the whole issue action (number, PDF, Word, journal entry, in one transaction). Prints each median
beside the baseline as a ratio, and PASS or FAIL for the target: the 2-page decision under 2 s. It always exits 0.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_SECONDS = 2.0
_HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="文书生成速度基准（行政处罚决定书，两页）")
    parser.add_argument("--runs", type=int, default=7, help="每项计时的次数，取中位数（默认 7）")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs 必须是正整数")
    return args


def setup_django(directory: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    os.environ["FAZHI_VAR_DIR"] = str(directory)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", cases=60, verbosity=0, stdout=io.StringIO())


def latinised(value: Any) -> Any:
    """The context with Chinese characters as Latin letters (the baseline's text, same length)."""
    if isinstance(value, str):
        return _HAN.sub("M", value)
    if isinstance(value, dict):
        return {k: latinised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [latinised(v) for v in value]
    return value


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-documents-") as tmp:
        setup_django(Path(tmp))
        import datetime as dt

        from django.template.loader import render_to_string
        from weasyprint import HTML  # type: ignore[import-untyped]

        from fazhi.cases.models import Case
        from fazhi.documents.actions import allowed_now, issue_document
        from fazhi.documents.organ import deciding_organ
        from fazhi.documents.render import Subject, context_for, render_docx, render_pdf
        from fazhi.documents.types import BY_CODE

        kind = BY_CODE["penalty_decision"]
        cases = Case.objects.filter(state__in=list(kind.states)).select_related("employer", "handler")
        case = next((c for c in cases if allowed_now(kind, c) and c.handler is not None), None)
        if case is None:
            print("演示数据中没有待送达的行政处罚案件，无法测量。")
            return
        assert case.handler is not None
        issuer = case.handler  # an issuer with the case in scope
        decision = kind.decisions(case).last()
        organ = deciding_organ(case.unit)
        subject = Subject(decision=decision)
        context = context_for(kind, case, kind.number(organ.prefix, 2026, 1), dt.date(2026, 3, 9), subject=subject)
        # The baseline: the same template with the case's Chinese text in Latin letters and no CJK face.
        plain = dict(latinised({k: v for k, v in context.items() if isinstance(v, str | dict | list)}))
        plain |= {"kind": kind, "case": case, "employer": case.employer, "font_faces": "", "font_stack": "serif"}
        plain |= {"organ": organ, "decision": decision}
        html = _HAN.sub("M", render_to_string(kind.template, plain))

        def baseline() -> object:
            return HTML(string=html).write_pdf()

        pages = len(HTML(string=render_to_string(kind.template, context)).render().pages)
        timings: dict[str, list[float]] = {"baseline": [], "pdf": [], "docx": [], "issue": []}
        timed(lambda: render_pdf(kind, context))  # warm the font cache once, as a running server has it warm
        for _run in range(args.runs):
            timings["baseline"].append(timed(baseline))
            timings["pdf"].append(timed(lambda: render_pdf(kind, context)))
            timings["docx"].append(timed(lambda: render_docx(kind, context)))
            timings["issue"].append(
                timed(lambda: issue_document(actor=issuer, case=case, doc_type=kind.code, reason="基准测试"))
            )
        base = statistics.median(timings["baseline"])
        print(f"行政处罚决定书（{pages} 页），{args.runs} 次取中位数：")
        print(f"  基线：同一版式、无中文字体的 WeasyPrint 渲染  {base * 1000:8.1f} ms")
        for key, label in (
            ("pdf", "PDF（嵌入 Noto Serif CJK）"),
            ("docx", "Word（docxtpl）"),
            ("issue", "完整制发（文号+PDF+Word+全过程记录）"),
        ):
            median = statistics.median(timings[key])
            print(f"  {label:<28}{median * 1000:8.1f} ms   为基线的 {median / base:5.2f} 倍")
        pdf = statistics.median(timings["pdf"])
        verdict = "PASS" if pdf < TARGET_SECONDS else "FAIL"
        print(f"目标：两页决定书 PDF < {TARGET_SECONDS:.0f} s —— {pdf:.2f} s {verdict}")


if __name__ == "__main__":
    main()
