"""Journal checkpoints published on the portal: taken over a verified journal, downloadable as the very file
verify_journal --checkpoint reads, and refused for a broken journal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from fazhi.cases.models import Case
from fazhi.disclosure.models import PublishedCheckpoint
from fazhi.journal.models import Entry
from fazhi.journal.tests.conftest import Tamper, tamper

__all__ = ["tamper"]  # the fixture

pytestmark = pytest.mark.django_db


def test_a_published_checkpoint_covers_the_journal_and_verifies_later(
    decided: Case, client: Client, tmp_path: Path
) -> None:
    head = Entry.objects.order_by("-seq").first()
    assert head is not None
    out = io.StringIO()
    call_command("publish_checkpoint", stdout=out)
    published = PublishedCheckpoint.objects.get()
    assert (published.tree_size, published.last_entry_hash) == (head.seq, head.hash)
    assert f"覆盖第 1 至 {head.seq} 条记录" in out.getvalue()
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.action == "disclosure.publish_checkpoint"  # the next checkpoint covers this one
    page = client.get("/checkpoints/").content.decode()
    assert published.root_hash in page
    download = client.get(f"/checkpoints/{published.pk}.json")
    assert download["Content-Disposition"].startswith("attachment;")
    path = tmp_path / "checkpoint.json"
    path.write_bytes(download.content)
    call_command("verify_journal", "--checkpoint", str(path), stdout=io.StringIO())  # exits 0: history intact


def test_a_broken_journal_is_never_vouched_for(decided: Case, tamper: Tamper) -> None:
    tamper("UPDATE journal_entry SET actor_username = 'x' WHERE seq = 2")
    with pytest.raises(CommandError, match="未能公示检查点"):
        call_command("publish_checkpoint", stdout=io.StringIO())
    assert not PublishedCheckpoint.objects.exists()


def test_an_unknown_checkpoint_is_404(client: Client) -> None:
    assert client.get("/checkpoints/9/").status_code == 404
    assert client.get("/checkpoints/9.json").status_code == 404
    assert "尚未公示检查点" in client.get("/checkpoints/").content.decode()
