"""Seed the national calendar for 2004–2026 from chinese-calendar's holiday and workday tables.

Self-contained on purpose: it reads only chinese_calendar.constants and the historical models (apps.get_model), never
Fazhi's own modules, so later changes to the app cannot change what this migration does. Years already present are
left alone. Reversing removes only the rows this migration wrote (source "chinese-calendar …").
"""

import datetime

from django.db import migrations

JURISDICTION = "CN"
FIRST_YEAR, LAST_YEAR = 2004, 2026

# chinese-calendar names its holidays in English; the Chinese names of its Holiday enum, spelled out here.
CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _source():
    try:
        from importlib.metadata import version

        return f"chinese-calendar {version('chinese_calendar')}"
    except Exception:  # noqa: BLE001 - the version is only a label
        return "chinese-calendar"


def seed(apps, schema_editor):
    from chinese_calendar.constants import holidays, workdays

    CalendarYear = apps.get_model("calendars", "CalendarYear")
    CalendarDay = apps.get_model("calendars", "CalendarDay")
    CalendarVersion = apps.get_model("calendars", "CalendarVersion")
    source = _source()
    existing = set(CalendarYear.objects.filter(jurisdiction=JURISDICTION).values_list("year", flat=True))
    days = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if year in existing:
            continue
        calendar_year = CalendarYear.objects.create(jurisdiction=JURISDICTION, year=year, source=source)
        for table, kind in ((holidays, "day_off"), (workdays, "makeup")):
            for day, name in table.items():
                if isinstance(day, datetime.date) and day.year == year:
                    days.append(
                        CalendarDay(
                            calendar_year=calendar_year,
                            date=day,
                            kind=kind,
                            holiday=CHINESE_NAMES.get(str(name), str(name)),
                        )
                    )
    CalendarDay.objects.bulk_create(days, batch_size=500)
    version, _ = CalendarVersion.objects.get_or_create(id=1, defaults={"version": 0})
    version.version += 1
    version.save(update_fields=["version"])


def unseed(apps, schema_editor):
    CalendarYear = apps.get_model("calendars", "CalendarYear")
    CalendarVersion = apps.get_model("calendars", "CalendarVersion")
    CalendarYear.objects.filter(jurisdiction=JURISDICTION, source__startswith="chinese-calendar").delete()
    version, _ = CalendarVersion.objects.get_or_create(id=1, defaults={"version": 0})
    version.version += 1
    version.save(update_fields=["version"])


class Migration(migrations.Migration):
    dependencies = [
        ("calendars", "0001_calendar_years_days_version"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
