"""Cases for the document tests, walked through the real actions by the personas (time frozen at 2026-03-09)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fazhi.accounts.models import User
from fazhi.cases.models import Case
from fazhi.cases.tests.conftest import LEDGER, RegisterCase, _on_a_known_day, register, walk

__all__ = ["_on_a_known_day", "pdf_text", "register"]

EMPLOYER = "深圳市福田区某电子有限公司"


@pytest.fixture
def decided_penalty(register: RegisterCase, inspector: User, lead: User, legal: User, director: User) -> Case:
    """A 20,000-yuan penalty for not keeping a ledger, decided by the director on 2026-03-09 (now being served)."""
    return walk(
        register(employer_name=EMPLOYER),
        (inspector, "accept", {}),
        (lead, "approve_filing", {}),
        (
            inspector,
            "propose",
            {
                "proposed_outcome": "penalty",
                "proposal": "经调查，该单位未建立用工管理台账。",
                "violation_code": LEDGER,
                "proposed_fine": "20000.00",
            },
        ),
        (lead, "approve_proposal", {}),
        (legal, "pass_legal_review", {}),
        (inspector, "close_notice", {"waived": True}),
        (director, "decide", {"fine_amount": "20000.00"}),
    )


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text of a PDF, as pdftotext (poppler) reads it."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
