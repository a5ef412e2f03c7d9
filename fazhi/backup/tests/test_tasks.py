"""The daily work as huey tasks (fazhi/backup/tasks.py): the same commands as cron, at night, Beijing time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from huey.contrib.djhuey import HUEY

from fazhi.backup import tasks
from fazhi.disclosure.models import PublishedCheckpoint
from fazhi.journal.models import Entry


def test_the_daily_tasks_run_at_night_beijing_time_and_only_then() -> None:
    assert settings.HUEY["utc"] is False  # huey reads the crontab in the local time zone, which Django sets
    at = {
        task.name: [hour for hour in range(24) if task.s().validate_datetime(dt.datetime(2026, 12, 8, hour, minute))]
        for task, minute in (
            (tasks.sweep_periods, 15),
            (tasks.sweep_dishonest_list, 30),
            (tasks.expire_account_change_requests, 45),
            (tasks.publish_checkpoint, 0),
        )
    }
    assert at == {
        "sweep_periods": [0],
        "sweep_dishonest_list": [0],
        "expire_account_change_requests": [0],
        "publish_checkpoint": [1],
    }
    assert not tasks.publish_checkpoint.s().validate_datetime(dt.datetime(2026, 12, 8, 1, 1))
    periodic = {task.name for task in HUEY._registry.periodic_tasks}
    assert periodic == {"sweep_periods", "sweep_dishonest_list", "expire_account_change_requests", "publish_checkpoint"}


@pytest.mark.django_db
def test_running_the_daily_work_now_sweeps_and_publishes_a_checkpoint_of_the_journal(inspector) -> None:
    assert Entry.objects.exists()  # the personas were made through the actions
    assert tasks.run_daily_now.call_local() == [
        "sweep_periods",
        "sweep_dishonest_list",
        "expire_account_change_requests",
        "publish_checkpoint",
    ]
    checkpoint = PublishedCheckpoint.objects.get()
    assert checkpoint.tree_size == Entry.objects.count() - 1  # the publication's own entry comes after it
    assert Entry.objects.order_by("-pk").values_list("action", flat=True)[0] == "disclosure.publish_checkpoint"
