"""Signals other parts listen to, so the calendar need not know them.

`calendar_year_loaded(sender, year, jurisdiction)` is sent inside the loading transaction, after the year's days are
stored: the cases part recomputes the stored due dates that year affects, in the same transaction.
"""

from django.dispatch import Signal

calendar_year_loaded = Signal()
