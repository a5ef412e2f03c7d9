"""The supervision rules (电子监察预警规则), one per module, each with a name, a citation, a severity and a query.

Add a rule: a module here defining `RULE`, listed in `MODULES`, with a test that makes it fire and one that keeps it
quiet (fazhi/supervision/tests/test_rules_*.py).
"""

from __future__ import annotations

import importlib

from fazhi.supervision.rules.base import SEVERITY_LABELS, SEVERITY_ORDER, Alert, Evidence, Rule, Severity

MODULES = (
    "period_breached",
    "period_due_soon",
    "period_met_late",
    "refusal_after_acceptance",
    "legal_review_missing",
    "decider_is_proposer",
    "unapproved_suspension",
    "crime_threshold",
    "dishonest_listing_not_started",
    "journal_broken",
    "fine_out_of_range",
    "fine_outside_standard",
    "handlers_not_qualified",
    "document_after_closing",
    "unpaid_fine_not_enforced",
    "repeat_without_penalty",
    "idle_case",
    "major_violations_unpublished",
    "suggestion_reply_late",
)

RULES: tuple[Rule, ...] = tuple(importlib.import_module(f"fazhi.supervision.rules.{name}").RULE for name in MODULES)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "RULES", "SEVERITY_LABELS", "SEVERITY_ORDER", "Alert", "Evidence", "Rule", "Severity"]
