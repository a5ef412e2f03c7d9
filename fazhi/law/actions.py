"""Loading a version of the bureau's discretionary standard: one action, one journal entry."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from fazhi.accounts.models import Role, User
from fazhi.disclosure.generation import bump_portal_generation
from fazhi.errors import ActionError
from fazhi.journal.actions import record_entry, record_refusal
from fazhi.law import queries
from fazhi.law.models import StandardVersion
from fazhi.law.standard_files import StandardFileError, parse_standard_file

ACTION_LOAD = "law.standard_load"
# The legal division loads the standard; the system administrator may do it for them (the command line).
LOADERS = frozenset({Role.LEGAL, Role.SYSADMIN})


class LawActionError(ActionError):
    """Base of these actions' errors; `message` is Chinese."""


class StandardRefused(LawActionError):
    """The actor may not load a standard (journaled as refused)."""


class InvalidStandard(LawActionError):
    """The file is faulty; `problems` names the row and column of each fault."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


def load_standard(
    *,
    actor: User | None,
    source_name: str,
    name: str,
    effective_from: dt.date,
    text: str | None = None,
    data: bytes | None = None,
    ip: str | None = None,
) -> StandardVersion:
    """Check the file and store it as the version in force from `effective_from` (actor None: the command line run
    by the operator). The file is `data`, its bytes, a CSV or an Excel workbook by `source_name`'s extension
    (`fazhi.law.standard_files`), or `text`, a CSV's text."""
    if actor is not None and not (actor.is_active and actor.role_names & LOADERS):
        record_refusal(
            actor=actor,
            action=ACTION_LOAD,
            reason="只有法制审核员可以导入裁量基准。",
            object_type="law.standardversion",
            details={"source": source_name},
            ip=ip,
        )
        raise StandardRefused("只有法制审核员可以导入裁量基准。")
    name = name.strip()
    if not name:
        raise InvalidStandard("请填写裁量基准的名称。", [])
    try:
        found, _ = parse_standard_file(
            data if data is not None else (text or "").encode("utf-8"),
            source_name,
            key="new",
            name=name,
            effective_from=effective_from,
            csv_text=data is None,
        )
    except StandardFileError as error:
        raise InvalidStandard(
            f"裁量基准“{source_name}”有误：\n" + "\n".join(f"- {p}" for p in error.problems), error.problems
        ) from None
    try:
        with transaction.atomic():
            version = StandardVersion.objects.create(
                name=name,
                effective_from=effective_from,
                source_name=source_name[:200],
                content=found.content,
                source_file=found.data,
                sha256=found.sha256,
                loaded_by=actor,
            )
            record_entry(
                actor=actor,
                action=ACTION_LOAD,
                object_type="law.standardversion",
                object_id=version.pk,
                after={
                    "name": version.name,
                    "effective_from": effective_from.isoformat(),
                    "source": version.source_name,
                    "format": found.kind,
                    "sha256": version.sha256,
                },
                ip=ip,
                role=sorted(actor.role_names & LOADERS)[0] if actor is not None else "",
            )
            bump_portal_generation()  # the portal shows the standards: its cached pages are made again
            transaction.on_commit(queries.clear_cache)
    except IntegrityError:
        raise InvalidStandard(f"已有自 {effective_from:%Y-%m-%d} 起施行的裁量基准版本；请另选施行日期。", []) from None
    return version
