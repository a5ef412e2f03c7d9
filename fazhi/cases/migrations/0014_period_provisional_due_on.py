import datetime as dt

from django.conf import settings
from django.db import migrations, models

from fazhi.rules import periods as rules
from fazhi.rules import provisional
from fazhi.rules.calendar import WorkingCalendar, YearData
from fazhi.rules.jurisdiction import chain, normalize_code

ENFORCEMENT = "court_enforcement_application"  # its window follows the remedies: filled at its next refresh


def _calendar(apps, jurisdiction):
    """The working calendar of `jurisdiction` as stored now (the tightest jurisdiction that has a year wins, as
    fazhi.calendars.queries builds it)."""
    CalendarYear = apps.get_model("calendars", "CalendarYear")
    CalendarDay = apps.get_model("calendars", "CalendarDay")
    codes = chain(jurisdiction)
    chosen = {}
    for pk, code, year in CalendarYear.objects.filter(jurisdiction__in=codes).values_list("id", "jurisdiction", "year"):
        if year not in chosen or codes.index(code) < chosen[year][0]:
            chosen[year] = (codes.index(code), pk)
    year_of = {pk: year for year, (_, pk) in chosen.items()}
    days = {year: (set(), set()) for year in chosen}
    for year_id, day, kind in CalendarDay.objects.filter(calendar_year_id__in=year_of).values_list(
        "calendar_year_id", "date", "kind"
    ):
        days[year_of[year_id]][kind == "makeup"].add(day)
    return WorkingCalendar(
        YearData(year=year, days_off=frozenset(off), makeup_days=frozenset(makeup))
        for year, (off, makeup) in days.items()
    )


def fill_provisional_dates(apps, schema_editor):
    """The periods already waiting for a year's holidays get their provisional date, as new ones do
    (fazhi.cases.periods: counted from the start, with the extension, on fazhi.rules.provisional's calendar)."""
    Period = apps.get_model("cases", "Period")
    waiting = Period.objects.filter(due_on__isnull=True, awaiting_year__isnull=False).exclude(code=ENFORCEMENT)
    if not waiting.exists():
        return
    jurisdiction = normalize_code(settings.FAZHI_JURISDICTION)
    calendar = _calendar(apps, jurisdiction)
    for period in waiting.iterator():
        try:
            rule = rules.period_rule(period.code, jurisdiction)
        except rules.UnknownPeriod:
            continue
        extended = period.days - rule.days

        def count(cal, rule=rule, start=period.started_on, extended=extended) -> dt.date:
            due = rules.due_date(rule, start, cal)
            return cal.add_working_days(due, extended) if extended > 0 else due

        found = provisional.estimate(calendar, count)
        if found is not None:
            Period.objects.filter(pk=period.pk).update(provisional_due_on=found)


class Migration(migrations.Migration):
    dependencies = [
        ("calendars", "0002_seed_2004_2026_from_chinese_calendar"),
        ("cases", "0013_crime_transfer"),
    ]

    operations = [
        migrations.AddField(
            model_name="period",
            name="provisional_due_on",
            field=models.DateField(blank=True, null=True, verbose_name="预计届满日（非法定期限）"),
        ),
        migrations.RunPython(fill_provisional_dates, migrations.RunPython.noop),
    ]
