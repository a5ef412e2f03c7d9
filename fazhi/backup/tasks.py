"""The installation's daily work as huey periodic tasks, run by one consumer (`manage.py run_huey`, docs/deployment.md).

The same commands an operator may run from cron instead (README.md, docs/operations.md); each task only calls its
command, so both ways do the same thing. Times are Beijing time (settings.HUEY has utc off). Run exactly one consumer
for the whole installation: two would run each task twice (each command is safe to repeat, but the journal would
record two checkpoints). Backups stay with cron: `manage.py backup` needs the database's client tools and a
destination that belongs to the host (docs/operations.md).
"""

from __future__ import annotations

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

# The daily commands in the order they run (Beijing time): the deemed acceptances and breaches first, then the
# dishonest list, then the checkpoint that the 02:30 backup carries (docs/operations.md).
DAILY = ("sweep_periods", "sweep_dishonest_list", "expire_account_change_requests", "publish_checkpoint")


@db_periodic_task(crontab(minute="15", hour="0"), name="sweep_periods")
def sweep_periods() -> None:
    call_command("sweep_periods")


@db_periodic_task(crontab(minute="30", hour="0"), name="sweep_dishonest_list")
def sweep_dishonest_list() -> None:
    call_command("sweep_dishonest_list")


@db_periodic_task(crontab(minute="45", hour="0"), name="expire_account_change_requests")
def expire_account_change_requests() -> None:
    call_command("expire_account_change_requests")


@db_periodic_task(crontab(minute="0", hour="1"), name="publish_checkpoint")
def publish_checkpoint() -> None:
    call_command("publish_checkpoint")


@db_task(name="run_daily_now")
def run_daily_now() -> list[str]:
    """Every daily command once, now, in the consumer (after a restore; and the CI leg's check that the one consumer
    works the shared queue); returns the names of the commands run."""
    for command in DAILY:
        call_command(command)
    return list(DAILY)
