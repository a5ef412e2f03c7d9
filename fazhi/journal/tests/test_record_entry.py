"""Appending entries: what an entry holds, the chain, transactions, refusals, algorithms, immutability."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Callable

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import override_settings

from fazhi.accounts.models import RoleGrant, Unit, User
from fazhi.journal.actions import record_entry
from fazhi.journal.checks import journal_algorithm_check
from fazhi.journal.hashing import GENESIS_HASH, canonical_bytes, sm3_available
from fazhi.journal.models import Entry, ImmutableEntryError
from fazhi.journal.verify import verify_journal

pytestmark = pytest.mark.django_db


def test_an_entry_records_who_did_what_to_which_object_when_from_where_and_the_outcome(clerk: User) -> None:
    before_call = dt.datetime.now(dt.UTC)
    entry = record_entry(
        actor=clerk,
        action="cases.transition",
        object_type="cases.case",
        object_id=1001,
        before={"status": "立案"},
        after={"status": "调查", "fine": "1500.00"},
        ip="10.1.2.3",
        role="inspector",
    )
    entry = Entry.objects.get(seq=entry.seq)
    assert entry.seq == 1
    assert entry.actor_id == clerk.pk
    assert entry.actor_username == "wang.xiaoming"
    assert entry.actor_role == "inspector"
    assert entry.actor_roles == "inspector,lead"
    assert entry.role_list == ["inspector", "lead"]
    assert entry.actor_unit_code == "J-FT-1"
    assert (entry.action, entry.object_type, entry.object_id) == ("cases.transition", "cases.case", "1001")
    assert entry.before_data == {"status": "立案"}
    assert entry.after_data == {"status": "调查", "fine": "1500.00"}
    assert entry.after == '{"fine":"1500.00","status":"调查"}'
    assert entry.ip == "10.1.2.3"
    assert entry.outcome == "success"
    assert before_call <= entry.recorded_at <= dt.datetime.now(dt.UTC)
    assert entry.algorithm == "sha256"


def test_entries_form_a_chain_each_hashing_its_content_and_the_previous_hash(
    chain: Callable[[int], list[Entry]],
) -> None:
    entries = chain(4)
    assert [entry.seq for entry in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS_HASH
    for earlier, later in itertools.pairwise(entries):
        assert later.prev_hash == earlier.hash
    for entry in Entry.objects.all():
        fields = {f: getattr(entry, f) for f in ("seq", "recorded_at", "algorithm", "actor_id", "actor_username")}
        fields |= {f: getattr(entry, f) for f in ("actor_role", "actor_roles", "actor_unit_code", "action")}
        fields |= {f: getattr(entry, f) for f in ("object_type", "object_id", "before", "after", "ip", "outcome")}
        fields["prev_hash"] = entry.prev_hash
        assert hashlib.sha256(canonical_bytes(**fields)).hexdigest() == entry.hash
        assert json.loads(canonical_bytes(**fields))["prev"] == entry.prev_hash


def test_renaming_a_user_or_changing_their_roles_and_unit_later_does_not_change_history(
    clerk: User, squad: Unit
) -> None:
    entry = record_entry(actor=clerk, action="cases.transition")
    clerk.username = "wang.renamed"
    clerk.save()
    RoleGrant.objects.filter(user=clerk).delete()
    squad.code = "J-NEW"
    squad.save()
    entry = Entry.objects.get(seq=entry.seq)
    assert (entry.actor_username, entry.actor_roles, entry.actor_unit_code) == (
        "wang.xiaoming",
        "inspector,lead",
        "J-FT-1",
    )
    assert verify_journal().ok


def test_deleting_a_user_leaves_their_entries_alone(clerk: User) -> None:
    record_entry(actor=clerk, action="cases.transition")
    clerk_id = clerk.pk
    clerk.delete()
    assert Entry.objects.get(seq=1).actor_id == clerk_id
    assert verify_journal().ok


def test_an_anonymous_failed_login_records_the_attempted_username(clerk: User) -> None:
    entry = record_entry(
        actor=None,
        action="accounts.login",
        outcome="failure",
        after={"username": "wang.xiaoming"},
        ip="::ffff:10.0.0.9",
    )
    assert (entry.actor_id, entry.actor_username, entry.actor_roles, entry.actor_unit_code) == (None, "", "", "")
    assert entry.after_data == {"username": "wang.xiaoming"}
    assert entry.outcome == "failure"
    assert entry.ip == "::ffff:a00:9"  # normalised


def test_an_entry_written_in_a_transaction_that_rolls_back_leaves_nothing(clerk: User) -> None:
    record_entry(actor=clerk, action="cases.create")

    class Boom(Exception):
        pass

    def change_then_fail() -> None:
        with transaction.atomic():
            record_entry(actor=clerk, action="cases.transition")
            assert Entry.objects.count() == 2
            raise Boom

    with pytest.raises(Boom):
        change_then_fail()
    assert list(Entry.objects.values_list("seq", "action")) == [(1, "cases.create")]
    # The next entry takes the number the rolled-back one had, and the chain stays whole.
    assert record_entry(actor=clerk, action="cases.transition").seq == 2
    assert verify_journal().ok


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"fine": 1500.0}, None),
        (None, {"items": [{"amount": 0.1}]}),
    ],
)
def test_floats_are_refused_and_nothing_is_written(
    clerk: User, before: dict[str, object] | None, after: dict[str, object] | None
) -> None:
    with pytest.raises(TypeError, match="不接受浮点数"):
        record_entry(actor=clerk, action="cases.fine", before=before, after=after)
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"action": ""}, ValueError),
        ({"action": "x" * 101}, ValueError),
        ({"action": "cases.x", "outcome": "maybe"}, ValueError),
        ({"action": "cases.x", "ip": "not an address"}, ValueError),
        ({"action": "cases.x", "object_id": "9" * 101}, ValueError),
        ({"action": "cases.x", "before": ["not", "a", "mapping"]}, TypeError),
        ({"action": 12}, TypeError),
    ],
)
def test_malformed_calls_are_refused_before_anything_is_written(
    clerk: User, kwargs: dict[str, object], error: type[Exception]
) -> None:
    with pytest.raises(error):
        record_entry(actor=clerk, **kwargs)  # type: ignore[arg-type]
    assert not Entry.objects.exists()


def test_the_model_refuses_to_change_or_delete_an_entry_and_the_database_refuses_it_too(clerk: User) -> None:
    entry = record_entry(actor=clerk, action="cases.transition")
    entry.action = "cases.nothing_happened"
    with pytest.raises(ImmutableEntryError):
        entry.save()
    with pytest.raises(ImmutableEntryError):
        entry.delete()
    with pytest.raises(ImmutableEntryError):
        Entry.objects.filter(seq=entry.seq).update(action="cases.nothing_happened")
    with pytest.raises(ImmutableEntryError):
        Entry.objects.all().delete()
    # A second row with the same number is refused by the primary key.
    duplicate = Entry(**{f.attname: getattr(Entry.objects.get(seq=1), f.attname) for f in Entry._meta.concrete_fields})
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    if connection.vendor == "postgresql":
        # The trigger (migration 0002) refuses raw SQL too: UPDATE, DELETE and TRUNCATE.
        for sql in (
            "UPDATE journal_entry SET action = 'x'",
            "DELETE FROM journal_entry",
            "TRUNCATE journal_entry",
        ):
            with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT set_config('fazhi.journal_reset', 'off', true); {sql}")
    assert Entry.objects.get(seq=1).action == "cases.transition"


@override_settings(FAZHI_JOURNAL_ALGORITHM="sm3")
def test_sm3_is_used_when_asked_for_or_refused_clearly_when_hashlib_lacks_it(clerk: User) -> None:
    if sm3_available():
        entry = record_entry(actor=clerk, action="cases.transition")
        assert entry.algorithm == "sm3"
        assert len(entry.hash) == 64
        assert verify_journal().ok
    else:
        with pytest.raises(ImproperlyConfigured, match="SM3"):
            record_entry(actor=clerk, action="cases.transition")


@override_settings(FAZHI_JOURNAL_ALGORITHM="sm3")
def test_asking_for_sm3_on_a_machine_without_it_fails_clearly(clerk: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashlib, "algorithms_available", hashlib.algorithms_available - {"sm3"})
    with pytest.raises(ImproperlyConfigured, match=r"FAZHI_JOURNAL_ALGORITHM='sm3'.*未提供 SM3"):
        record_entry(actor=clerk, action="cases.transition")
    assert not Entry.objects.exists()
    [error] = journal_algorithm_check()
    assert error.id == "journal.E001"


@override_settings(FAZHI_JOURNAL_ALGORITHM="md5")
def test_an_unknown_algorithm_is_a_configuration_error(clerk: User) -> None:
    with pytest.raises(ImproperlyConfigured, match="md5"):
        record_entry(actor=clerk, action="cases.transition")
    assert len(journal_algorithm_check()) == 1


def test_the_default_configuration_passes_the_system_check() -> None:
    assert journal_algorithm_check() == []


def test_a_chain_can_change_algorithm_midway_and_still_verifies(clerk: User) -> None:
    record_entry(actor=clerk, action="cases.one")
    if sm3_available():
        with override_settings(FAZHI_JOURNAL_ALGORITHM="sm3"):
            record_entry(actor=clerk, action="cases.two")
    record_entry(actor=clerk, action="cases.three")
    report = verify_journal()
    assert report.ok
    assert report.count == Entry.objects.count()
