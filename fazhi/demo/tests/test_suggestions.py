"""seed_demo's suggestions: a procuratorial suggestion answered point by point on time and a judicial one pending,
made through the actions (one journal entry per step)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.journal.models import Entry
from fazhi.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_suggestion_answered_on_time_and_one_pending() -> None:
    out = StringIO()
    call_command("seed_demo", "--cases", "20", "--documents", "0", stdout=out)
    answered = Suggestion.objects.get(kind="procuratorial")
    assert answered.state == "answered"
    assert not answered.answered_late
    assert answered.points.count() == 3
    assert all(point.answered for point in answered.points.all())
    assert bytes(answered.reply_pdf or b"").startswith(b"%PDF")
    pending = Suggestion.objects.get(kind="judicial")
    assert pending.state == "handling"
    assert Entry.objects.filter(action__startswith="suggestions.").count() == 9 + 3
    assert "司法建议和检察建议" in out.getvalue()
