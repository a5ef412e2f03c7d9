"""Signals other parts listen to, so the calendar need not know them.

`calendar_year_loaded(sender, year, jurisdiction, changed_days, previous, current)` is sent inside the loading
transaction, after the year's days are stored and before its journal entry is written: the cases part computes the
stored due dates that year completes and counts again those whose span touches a changed day, in the same transaction.

- `changed_days`: the days of the year that changed from working to rest or back for the deployment's jurisdiction
  (empty for a year loaded for the first time);
- `previous`, `current`: the deployment's `WorkingCalendar` before and after the load.

A receiver may return a dict of JSON data (e.g. the periods the change moved); the load's journal entry records it in
its `after`, so the one entry of the load says everything the load changed.
"""

from django.dispatch import Signal

calendar_year_loaded = Signal()
