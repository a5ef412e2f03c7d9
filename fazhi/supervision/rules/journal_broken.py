"""Red: the journal (全过程记录) does not verify.

Each scan walks the newest entries (FAZHI_SUPERVISION_JOURNAL_TAIL, default 10,000) from the hash of the entry before
them: a changed, deleted, inserted or reordered entry among them is found at once. The whole chain, and a tail cut
off, are `verify_journal [--checkpoint FILE]`'s (run daily); its result is not stored, so this rule does not replay
past dates: it always judges the journal as it is.
"""

from __future__ import annotations

import datetime as dt

from fazhi.accounts.models import User
from fazhi.accounts.queries import business_scope
from fazhi.journal.hashing import GENESIS_HASH
from fazhi.journal.models import Entry
from fazhi.journal.walk import Walk, drive
from fazhi.supervision.rules.base import Alert, Rule, Severity, setting_int


class JournalBroken(Rule):
    code = "journal_broken"
    name = "全过程记录校验未通过"
    citation = "行政执法全过程记录制度；GB/T 22239-2019 8.1.4.3（审计记录的完整性）"
    severity = Severity.RED
    explanation = "全过程记录的哈希链校验失败：有记录被修改、删除、插入或调换顺序。"
    note = "每次扫描校验最新的若干条记录；全部记录与截断由 verify_journal 命令校验。不回放过去的日期。"

    def alerts(self, as_of: dt.date, user: User | None = None, *, case_id: int | None = None) -> list[Alert]:
        if case_id is not None or (user is not None and business_scope(user) != "all"):
            return []
        newest = Entry.objects.order_by("-seq").values_list("seq", flat=True).first()
        if newest is None:
            return []
        start = max(1, newest - setting_int("FAZHI_SUPERVISION_JOURNAL_TAIL") + 1)
        prev = GENESIS_HASH
        if start > 1:
            before = Entry.objects.filter(seq=start - 1).values_list("hash", flat=True).first()
            if before is None:
                start, prev = start - 1, "0" * 64  # the entry before the tail is gone: the walk names it
            else:
                prev = before
        problem = drive(Walk(0, "sha256", start=start, prev=prev), 500)
        if problem is None:
            return []
        return [Alert(self.code, self.severity, None, None, problem.seq, as_of, problem.message)]


RULE = JournalBroken()
