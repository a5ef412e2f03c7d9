"""Cases for the document tests, walked through the real actions of procedure version 2 by the personas (time frozen
at 2026-03-09): a complaint accepted and filed by the lead, an inquiry recorded, a proposal reviewed, the notice
served and the party heard (or its written waiver), the decision by the bureau's leader."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.cases.models import Case, Decision
from fazhi.cases.tests.conftest import INQUIRY, LEDGER, WAGES, RegisterCase, _on_a_known_day, register, walk

__all__ = ["INQUIRY", "LEDGER", "WAGES", "_on_a_known_day", "pdf_text", "register", "walk"]

EMPLOYER = "深圳市福田区某电子有限公司"
# What the investigation found: the documents print this, never the complaint's summary.
FINDINGS = "你单位自2025年6月起未建立用工管理台账，检查时未能提供职工名册及用工记录。"
DECIDED_FACTS = "你单位自2025年6月1日起至2026年3月2日止未建立用工管理台账，经责令仍未能提供职工名册及用工记录。"
WAIVER = {"waived": True, "waiver_document": "当事人2026年3月9日签署的放弃陈述申辩和听证权利声明书"}
SERVED = {"notice_service_method": "in_person", "notice_served_on": "2026-03-09"}


def filed(register: RegisterCase, lead: User, **overrides: Any) -> Case:
    """A complaint accepted, and so filed, by the lead (广东条例 第三十六条第一款); handled by inspector and
    inspector2."""
    return walk(register(**{"employer_name": EMPLOYER, **overrides}), (lead, "accept", {}))


def proposed(case: Case, inspector: User, lead: User, legal: User, outcome: str = "penalty", **proposal: Any) -> Case:
    """An inquiry recorded, the proposal reviewed (and legally reviewed when it must be): the case is in NOTICE."""
    data = {
        "proposed_outcome": outcome,
        "violation_code": LEDGER if outcome == "penalty" else WAGES,
        "findings": FINDINGS,
        "occurred_on": "2025-06-01",
        "proposal": "拟处理意见：依法处理。",
        **({"proposed_fine": "20000.00"} if outcome == "penalty" else {}),
        **proposal,
    }
    steps: list[tuple[User, str, dict[str, Any]]] = [
        (inspector, "record_investigation", dict(INQUIRY)),
        (inspector, "propose", data),
    ]
    if outcome == "penalty":
        steps += [(lead, "approve_proposal", {}), (legal, "pass_legal_review", {})]
    else:
        steps.append((lead, "approve_proposal_to_notice", {}))
    return walk(case, *steps)


def decided(case: Case, inspector: User, leader: User, measures: Sequence[dict[str, Any]] = (), **data: Any) -> Case:
    """The notice served today, the party's written waiver (行政处罚法 第六十二条), the leader's decision with `data`
    (the decide step's fields). `measures`, when given, replace the decided ones afterwards: only to show how the
    document prints combinations no single article imposes."""
    served = {**SERVED, "notice_served_on": timezone.localdate().isoformat()}
    case = walk(
        case, (inspector, "serve_notice", served), (inspector, "close_notice", WAIVER), (leader, "decide", data)
    )
    if measures:
        Decision.objects.filter(case=case, sequence=case.decisions.count()).update(measures=list(measures))
    return case


@pytest.fixture
def decided_penalty(register: RegisterCase, inspector: User, lead: User, legal: User, leader: User) -> Case:
    """A 20,000-yuan penalty for not keeping a ledger, decided by the leader on 2026-03-09 (now being served)."""
    case = proposed(filed(register, lead), inspector, lead, legal)
    return decided(case, inspector, leader, fine_amount="20000.00", facts_found=DECIDED_FACTS)


def pdf_text(pdf: bytes, tmp_path: Path, *, raw: bool = False) -> str:
    """The text of a PDF, as pdftotext (poppler) reads it (`raw`: in the order it was written, so a table reads cell
    by cell)."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", *(["-raw"] if raw else []), str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def flat(pdf: bytes, tmp_path: Path, *, raw: bool = False) -> str:
    """The PDF's text without any whitespace (line breaks fall anywhere in Chinese text) or page numbers."""
    return re.sub(r"—\d+—", "", "".join(pdf_text(pdf, tmp_path, raw=raw).split()))
