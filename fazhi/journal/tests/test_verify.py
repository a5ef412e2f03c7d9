"""The verifier against someone with database access: every change, deletion, insertion, swap and cut is named."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from fazhi.journal import verify
from fazhi.journal.checkpoint import Checkpoint, CheckpointError
from fazhi.journal.hashing import canonical_bytes, sm3_available
from fazhi.journal.models import Entry
from fazhi.journal.tests.conftest import Tamper
from fazhi.journal.verify import make_checkpoint, verify_against_checkpoint, verify_journal

pytestmark = pytest.mark.django_db

Chain = Callable[[int], list[Entry]]
FIELDS = (
    "seq",
    "recorded_at",
    "algorithm",
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_roles",
    "actor_unit_code",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "ip",
    "outcome",
    "prev_hash",
)


def rehashed(entry: Entry, prev_hash: str, **changes: Any) -> dict[str, Any]:
    """The columns of `entry` with `changes`, re-linked to `prev_hash` and re-hashed as a forger would."""
    fields = {name: getattr(entry, name) for name in FIELDS} | changes | {"prev_hash": prev_hash}
    fields["hash"] = hashlib.sha256(canonical_bytes(**fields)).hexdigest()
    return fields


def shift_seqs(tamper: Tamper, *, from_seq: int, by: int) -> None:
    """Renumber entries from `from_seq` on by `by`, in two steps so the primary key never collides."""
    tamper("UPDATE journal_entry SET seq = seq + 1000000 WHERE seq >= %s", [from_seq])
    tamper("UPDATE journal_entry SET seq = seq - 1000000 + %s WHERE seq >= 1000000", [by])


def rewrite_from(tamper: Tamper, seq: int, **changes: Any) -> None:
    """Change entry `seq` and recompute its hash and every later one: a consistent chain with a different history."""
    prev = Entry.objects.get(seq=seq - 1).hash if seq > 1 else "0" * 64
    for index, entry in enumerate(Entry.objects.filter(seq__gte=seq).order_by("seq")):
        fields = rehashed(entry, prev, **(changes if index == 0 else {}))
        tamper(
            "UPDATE journal_entry SET after = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [fields["after"], fields["prev_hash"], fields["hash"], entry.seq],
        )
        prev = fields["hash"]


def checkpoint_now() -> Checkpoint:
    return make_checkpoint()[1]


def test_an_intact_journal_verifies_and_counts_its_entries(chain: Chain) -> None:
    entries = chain(12)
    report = verify_journal(chunk_size=5)
    assert report.ok
    assert report.count == 12
    assert report.last_hash == entries[-1].hash


def test_an_empty_journal_is_intact() -> None:
    report = verify_journal()
    assert report.ok
    assert report.count == 0


TAMPERED_COLUMNS = [
    ("recorded_at", "2020-01-01 00:00:00.000001"),
    ("algorithm", "md5"),
    ("actor_id", 999),
    ("actor_id", None),
    ("actor_username", "someone.else"),
    ("actor_role", "leader"),
    ("actor_roles", "inspector,lead,leader"),
    ("actor_unit_code", "J-NS-1"),
    ("action", "cases.nothing_happened"),
    ("object_type", "cases.other"),
    ("object_id", "1004 "),
    ("before", '{"fine":"1200.00","n":4,"status":"结案"}'),
    ("after", "null"),
    ("ip", "10.0.0.5"),
    ("outcome", "refused"),
    ("prev_hash", "f" * 64),
    ("hash", "e" * 64),
]
if sm3_available():
    TAMPERED_COLUMNS.append(("algorithm", "sm3"))


@pytest.mark.parametrize(("column", "value"), TAMPERED_COLUMNS)
def test_changing_any_column_of_an_entry_is_caught_and_the_entry_named(
    chain: Chain, tamper: Tamper, column: str, value: object
) -> None:
    chain(8)
    tamper(f"UPDATE journal_entry SET {column} = %s WHERE seq = 5", [value])  # noqa: S608  (column from the list above)
    report = verify_journal(chunk_size=3)
    assert not report.ok
    assert report.problem is not None
    assert report.problem.seq == 5
    assert report.problem.kind == verify.TAMPERED
    assert "第 5 号记录被篡改" in report.problem.message
    assert report.count == 4


def test_a_value_of_the_wrong_type_is_caught_or_refused_by_the_database(chain: Chain, tamper: Tamper) -> None:
    chain(6)
    if connection.vendor == "sqlite":
        # SQLite keeps text in an integer or date column as text.
        tamper("UPDATE journal_entry SET actor_id = 'abc' WHERE seq = 3")
        tamper("UPDATE journal_entry SET recorded_at = 'next tuesday' WHERE seq = 5")
        report = verify_journal()
        assert report.problem is not None
        assert (report.problem.seq, report.problem.kind) == (3, verify.TAMPERED)
    else:
        with pytest.raises(DatabaseError), transaction.atomic():
            tamper("UPDATE journal_entry SET actor_id = 'abc' WHERE seq = 3")
        assert verify_journal().ok


def test_bytes_that_are_not_text_are_caught_at_the_entry_that_holds_them(chain: Chain, tamper: Tamper) -> None:
    chain(8)
    if connection.vendor == "sqlite":
        tamper("UPDATE journal_entry SET action = CAST(X'FFFE41' AS TEXT) WHERE seq = 6")
        report = verify_journal(chunk_size=4)
        assert report.problem is not None
        assert (report.problem.seq, report.problem.kind) == (6, verify.UNREADABLE)
        assert "第 6 号记录被篡改：无法读取" in report.problem.message
        assert report.count == 5
    else:
        with pytest.raises(DatabaseError), transaction.atomic():
            # PostgreSQL refuses bytes that are not UTF-8 on the way in.
            tamper("UPDATE journal_entry SET action = E'\\xff\\xfeA' WHERE seq = 6")
        assert verify_journal().ok


def test_deleting_an_entry_is_caught_as_a_gap(chain: Chain, tamper: Tamper) -> None:
    chain(8)
    tamper("DELETE FROM journal_entry WHERE seq = 5")
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (6, verify.DELETED)
    assert "第 6 号记录之前缺少记录（被删除）：第 5 号记录不存在" in report.problem.message


def test_deleting_several_entries_names_the_whole_gap(chain: Chain, tamper: Tamper) -> None:
    chain(8)
    tamper("DELETE FROM journal_entry WHERE seq IN (3, 4, 5)")
    report = verify_journal()
    assert report.problem is not None
    assert "第 3 号至第 5 号记录不存在" in report.problem.message


def test_deleting_the_first_entry_is_caught(chain: Chain, tamper: Tamper) -> None:
    chain(3)
    tamper("DELETE FROM journal_entry WHERE seq = 1")
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (2, verify.DELETED)


def test_deleting_an_entry_and_renumbering_the_rest_is_caught(chain: Chain, tamper: Tamper) -> None:
    chain(8)
    tamper("DELETE FROM journal_entry WHERE seq = 5")
    shift_seqs(tamper, from_seq=6, by=-1)
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (5, verify.DELETED)
    assert "第 5 号记录原为第 6 号：在它之前有 1 条记录被删除" in report.problem.message


def test_inserting_a_well_forged_entry_and_renumbering_the_rest_is_caught(chain: Chain, tamper: Tamper) -> None:
    entries = chain(8)
    shift_seqs(tamper, from_seq=5, by=1)
    # A forger who knows the canonical form writes a perfect entry 5, linked to entry 4.
    forged = rehashed(entries[4], entries[3].hash, seq=5, action="cases.backdated_approval")
    Entry(**forged).save()
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (6, verify.INSERTED)
    assert "第 6 号记录原为第 5 号：在它之前被插入了 1 条记录" in report.problem.message
    assert report.count == 5


def test_appending_a_forged_entry_with_a_wrong_link_is_caught(chain: Chain) -> None:
    entries = chain(4)
    Entry(**rehashed(entries[1], entries[1].hash, seq=5)).save()
    report = verify_journal()
    assert report.problem is not None
    assert report.problem.seq == 5
    assert report.problem.kind == verify.REORDERED or report.problem.kind == verify.BROKEN_LINK


def test_swapping_two_entries_is_caught_as_a_reordering(chain: Chain, tamper: Tamper) -> None:
    chain(8)
    tamper("UPDATE journal_entry SET seq = 1000005 WHERE seq = 5")
    tamper("UPDATE journal_entry SET seq = 5 WHERE seq = 6")
    tamper("UPDATE journal_entry SET seq = 6 WHERE seq = 1000005")
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (5, verify.REORDERED)
    assert "第 5 号记录顺序错乱：它的前一哈希指向第 6 号记录" in report.problem.message


def test_swapping_two_distant_entries_is_caught_at_the_first(chain: Chain, tamper: Tamper) -> None:
    chain(10)
    tamper("UPDATE journal_entry SET seq = 1000003 WHERE seq = 3")
    tamper("UPDATE journal_entry SET seq = 3 WHERE seq = 8")
    tamper("UPDATE journal_entry SET seq = 8 WHERE seq = 1000003")
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (3, verify.REORDERED)


def test_rewriting_an_entry_and_its_hash_breaks_the_link_to_the_next(chain: Chain, tamper: Tamper) -> None:
    entries = chain(8)
    fields = rehashed(entries[4], entries[3].hash, after='{"status":"结案"}')
    tamper("UPDATE journal_entry SET after = %s, hash = %s WHERE seq = 5", [fields["after"], fields["hash"]])
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (6, verify.BROKEN_LINK)
    assert "第 5 号记录被改写后重算了哈希" in report.problem.message


def test_rewriting_the_first_entry_and_its_hash_is_caught(chain: Chain, tamper: Tamper) -> None:
    entries = chain(3)
    fields = rehashed(entries[0], "1" * 64)
    tamper("UPDATE journal_entry SET prev_hash = %s, hash = %s WHERE seq = 1", [fields["prev_hash"], fields["hash"]])
    report = verify_journal()
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (1, verify.BROKEN_LINK)
    assert "起始值" in report.problem.message


def test_a_cut_tail_passes_the_chain_but_not_the_checkpoint(chain: Chain, tamper: Tamper) -> None:
    chain(10)
    checkpoint = checkpoint_now()
    tamper("DELETE FROM journal_entry WHERE seq > 7")
    assert verify_journal().ok  # a chain cannot see its own end cut off
    report = verify_against_checkpoint(checkpoint)
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (8, verify.TRUNCATED)
    assert "只有 7 条" in report.problem.message
    assert "尾部被截断" in report.problem.message


def test_a_history_rewritten_with_every_hash_recomputed_passes_the_chain_but_not_the_checkpoint(
    chain: Chain, tamper: Tamper
) -> None:
    chain(10)
    checkpoint = checkpoint_now()
    rewrite_from(tamper, 3, after='{"status":"结案"}')
    assert verify_journal().ok
    report = verify_against_checkpoint(checkpoint)
    assert report.problem is not None
    assert (report.problem.seq, report.problem.kind) == (10, verify.REWRITTEN)
    assert "历史记录被改写" in report.problem.message


def test_a_checkpoint_still_matches_after_more_entries_are_appended(chain: Chain) -> None:
    chain(5)
    checkpoint = checkpoint_now()
    chain(4)
    report = verify_against_checkpoint(checkpoint)
    assert report.ok
    assert report.count == 9
    assert report.merkle_size == 5
    assert report.merkle_root == checkpoint.root_hash


def test_a_checkpoint_over_more_entries_than_the_journal_has_is_refused(chain: Chain) -> None:
    chain(3)
    checkpoint = checkpoint_now()
    bigger = Checkpoint(
        algorithm=checkpoint.algorithm,
        tree_size=4,
        root_hash=checkpoint.root_hash,
        last_entry_hash=checkpoint.last_entry_hash,
        created_at=checkpoint.created_at,
    )
    report = verify_against_checkpoint(bigger)
    assert report.problem is not None
    assert report.problem.kind == verify.TRUNCATED


def test_a_checkpoint_with_a_forged_root_is_refused(chain: Chain) -> None:
    chain(6)
    checkpoint = checkpoint_now()
    forged = Checkpoint(
        algorithm=checkpoint.algorithm,
        tree_size=checkpoint.tree_size,
        root_hash="0" * 64,
        last_entry_hash=checkpoint.last_entry_hash,
        created_at=checkpoint.created_at,
    )
    report = verify_against_checkpoint(forged)
    assert report.problem is not None
    assert report.problem.kind == verify.REWRITTEN


def test_a_checkpoint_is_not_taken_over_a_broken_or_empty_journal(chain: Chain, tamper: Tamper) -> None:
    with pytest.raises(CheckpointError, match="空的"):
        make_checkpoint()
    chain(4)
    tamper("UPDATE journal_entry SET action = 'x' WHERE seq = 2")
    with pytest.raises(CheckpointError, match="第 2 号记录被篡改"):
        make_checkpoint()


def test_a_checkpoint_can_use_sm3_for_its_tree(chain: Chain) -> None:
    chain(5)
    if sm3_available():
        _, checkpoint = make_checkpoint(algorithm="sm3")
        assert checkpoint.algorithm == "sm3"
        assert verify_against_checkpoint(checkpoint).ok
        assert checkpoint.root_hash != checkpoint_now().root_hash
    else:
        with pytest.raises(CheckpointError, match="SM3"):
            make_checkpoint(algorithm="sm3")


def test_entries_hashed_with_an_algorithm_this_machine_lacks_are_reported_as_unverifiable(
    chain: Chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sm3_available():
        from django.test import override_settings

        with override_settings(FAZHI_JOURNAL_ALGORITHM="sm3"):
            chain(2)
        monkeypatch.setattr(hashlib, "algorithms_available", hashlib.algorithms_available - {"sm3"})
        report = verify_journal()
        assert report.problem is not None
        assert (report.problem.seq, report.problem.kind) == (1, verify.UNSUPPORTED)
        assert "SM3" in report.problem.message
    else:
        chain(2)
        assert verify_journal().ok
