"""What the journal's readers without a business role — the audit administrator and the supervisor — see of an entry's
before and after (security review M5).

Why: 三员分立 — the audit administrator audits who did what, and sees no business data (`fazhi.accounts.queries`);
personal information is shown only as far as the task needs (个人信息保护法 第六条); the complainant's identity is
confidential (劳动保障监察条例 第九条第三款). The journal itself keeps everything: the entries as stored, their hashes
and `verify_journal` never change; only the screens apply this rule.

They see who did what and when — the entry's columns: time, actor, role, unit, action, object, outcome and IP
address — and each field of its payload judged by the rule of its action code:
- SHOWN as recorded: states, dates, amounts, counts, record numbers, staff user names, codes, digests, the names of
  organisations (the employer, a court, the police organ);
- CONTENT, business content (transcripts, statements, defences, reasons, findings, hearing records) →
  「（内容已隐去，长度 N 字，SHA-256 前 8 位 xxxxxxxx）」: the digest lets an auditor match the text against a copy
  (none for fewer than 20 characters, which could be guessed);
- PERSONAL, personal data of the people of a case (names, ID numbers, phones, addresses) → 「（个人信息已隐去）」,
  without a digest: a name's digest is reversed by trying every name.
A key no rule names is judged by its value (fail closed): a number, true/false or null is shown; text is shown only
when it is short plain ASCII (a code, a date, an amount, a user name) with no ID or phone number in it; any other text
is hidden as content. The administrative actions (accounts, refused access, API tokens, holiday years, standards, the
published checkpoint and officers) are the 三员's own business and are shown whole.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from fazhi.rules.redaction import redact

SHOWN = "shown"
CONTENT = "content"
PERSONAL = "personal"

# Actions about the system itself, shown whole (an exact code, or a prefix ending in ".").
ADMINISTRATIVE = (
    "accounts.",
    "access.",
    "api.",
    "calendars.",
    "law.",
    "disclosure.publish_checkpoint",
    "disclosure.publish_officers",
    "system.rotate_keys",  # key ids and counts only
)

# In every business action.
CONTENT_KEYS = frozenset(
    {
        "content",
        "transcript",
        "statement",
        "defence",
        "objection",
        "reason",
        "reasons",
        "fine_reasons",
        "hearing_record",
        "discussion",
        "findings",
        "facts",
        "facts_found",
        "proposal",
        "summary",
        "handling",
        "result",
        "measures",
        "transfer_report",
        "transfer_items",
        "preservation_items",
        "transfer_refusal_reason",
        "police_refusal_reason",
        "court_judgment",
        "reply_text",
        "response",
        "conclusion",
        "feedback",
        "title",
        "inputs",
    }
)
PERSONAL_KEYS = frozenset(
    {
        "worker_name",
        "names",
        "complainant",
        "complainant_name",
        "complainant_id_number",
        "complainant_phone",
        "id_number",
        "phone",
        "address",
        "home",
        "employer_address",
        "responsible_persons",
        "subject",
    }
)
SHOWN_KEYS = frozenset(
    {
        # where a record stands
        "state",
        "status",
        # organisations and the fixed words of a step
        "employer",
        "organ",
        "court",
        "co_defendant",
        "police_organ",
        "referred_to",
        "refusal_ground_label",
        # numbers of documents and digests
        "number",
        "document",
        "served",
        "instrument",
        "decision_number",
        "reply_number",
        "case_number",
        "reference",
        "sha256",
        "sm3",
        "docx_sha256",
        "pdf_sha256",
        "root_hash",
    }
)


@dataclass(frozen=True)
class FieldRule:
    """One action's exceptions to the keys above (a key it uses in another sense)."""

    shown: frozenset[str] = frozenset()
    content: frozenset[str] = frozenset()
    personal: frozenset[str] = frozenset()


BY_ACTION: dict[str, FieldRule] = {
    # 被询问人（现场负责人）及职务, the place and the 笔录 itself.
    "cases.record_investigation": FieldRule(personal=frozenset({"subject", "place"}), content=frozenset({"content"})),
    "cases.record_wage_payment": FieldRule(personal=frozenset({"worker_name"})),
    # 督办事项 and a suggestion's 事由 are the text of the order, not a person.
    "supervision.raise_order": FieldRule(content=frozenset({"subject"})),
    "suggestions.receive": FieldRule(content=frozenset({"subject"})),
    # The directly responsible persons of a listing are natural persons.
    "dishonest_list.give_notice": FieldRule(personal=frozenset({"responsible_persons"})),
    "major_violations.update": FieldRule(content=frozenset({"facts", "handling"})),
}

_ASCII_SHOWN = 64  # the longest plain text of an unknown key that is shown (a SHA-256 is 64)
_DIGEST_FROM = 20  # characters from which a hidden text's digest is shown


def is_administrative(action: str) -> bool:
    return any(action == code or (code.endswith(".") and action.startswith(code)) for code in ADMINISTRATIVE)


def kind_of(action: str, key: str, value: Any) -> str:
    """SHOWN, CONTENT or PERSONAL for one field of an entry of `action`."""
    rule = BY_ACTION.get(action, FieldRule())
    if key in rule.personal:
        return PERSONAL
    if key in rule.content:
        return CONTENT
    if key in rule.shown:
        return SHOWN
    if key in PERSONAL_KEYS:
        return PERSONAL
    if key in CONTENT_KEYS:
        return CONTENT
    if key in SHOWN_KEYS or value is None or isinstance(value, bool | int | float):
        return SHOWN
    if isinstance(value, str):
        plain = value.isascii() and len(value) <= _ASCII_SHOWN
        return SHOWN if plain and redact(value) == value else CONTENT
    return SHOWN  # a list or an object: each of its values is judged in turn


def hidden(kind: str, value: Any) -> str:
    """The words shown in place of a hidden value."""
    if kind == PERSONAL:
        return "（个人信息已隐去）"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    if len(text) < _DIGEST_FROM:
        return f"（内容已隐去，长度 {len(text)} 字）"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"（内容已隐去，长度 {len(text)} 字，SHA-256 前 8 位 {digest}）"


def conceal(action: str, value: Any, key: str = "") -> Any:
    """`value` (a decoded before or after) as these readers see it: hidden fields replaced, the rest as recorded."""
    if is_administrative(action):
        return value
    if isinstance(value, dict):
        return {name: _field(action, name, item) for name, item in value.items()}
    if isinstance(value, list):
        return [_field(action, key, item) for item in value]
    return value if not key else _field(action, key, value)


def _field(action: str, key: str, value: Any) -> Any:
    if value in ("", None) or value == [] or value == {}:
        return value
    kind = kind_of(action, key, value)
    if kind != SHOWN:
        return hidden(kind, value)
    if isinstance(value, dict | list):
        return conceal(action, value, key)
    return value
