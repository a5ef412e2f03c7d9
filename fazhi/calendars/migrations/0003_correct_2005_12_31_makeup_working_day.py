"""Correct the seeded 2005: Saturday 2005-12-31 was a make-up working day, and the seed had it as a rest day.

国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号，2005-12-16）, 一: "元旦：1月1日—3日放假，共3天。
其中1月1日为法定假日，将12月31日（星期六）、1月1日（星期日）两个公休日调至1月2日（星期一）、3日（星期二），
12月31日（星期六）上班。" chinese-calendar 1.11.0, from which migration 0002 seeded 2004–2026, lacks that day;
python-holidays has it (docs/calendar/settled-differences.toml). Cross-checked day by day, 2004–2026, it is the only
day the two sources disagree on.

Fresh and upgraded databases alike end with the make-up day, the 2005 year naming the notice that set it, and a new
calendar version (every process rebuilds its calendar). Self-contained like 0002: historical models only. A 2005 that an
operator loaded from a file (its source is not chinese-calendar's) is left alone: `load_calendar` owns it.

The same correction through the normal path (one journal entry, the live periods it moves counted again) is the
year file docs/calendar/2005.toml, loaded with `load_calendar`. This migration, which may not import the app's code,
counts no period again: a live period across 2005-12-31 would belong to a case registered with a receipt date of late
December 2005 and never advanced since.
"""

import datetime

from django.db import migrations

JURISDICTION = "CN"
DAY = datetime.date(2005, 12, 31)
HOLIDAY = "元旦（2006年）"
NOTICE = {
    "notice_title": "国务院办公厅关于2006年部分节假日安排的通知",
    "notice_number": "国办发明电〔2005〕35号",
    "notice_date": datetime.date(2005, 12, 16),
    "notice_url": "https://zh.wikisource.org/wiki/国务院办公厅关于2006年部分节假日安排的通知",
}
NOTE = "；2005-12-31 调休上班据国办发明电〔2005〕35号更正"


def _bump(apps):
    CalendarVersion = apps.get_model("calendars", "CalendarVersion")
    version, _ = CalendarVersion.objects.get_or_create(id=1, defaults={"version": 0})
    version.version += 1
    version.save(update_fields=["version"])


def correct(apps, schema_editor):
    CalendarYear = apps.get_model("calendars", "CalendarYear")
    CalendarDay = apps.get_model("calendars", "CalendarDay")
    year = CalendarYear.objects.filter(
        jurisdiction=JURISDICTION, year=DAY.year, source__startswith="chinese-calendar"
    ).first()
    if year is None or CalendarDay.objects.filter(calendar_year=year, date=DAY).exists():
        return
    CalendarDay.objects.create(calendar_year=year, date=DAY, kind="makeup", holiday=HOLIDAY)
    CalendarYear.objects.filter(pk=year.pk).update(source=(year.source + NOTE)[:300], **NOTICE)
    _bump(apps)


def uncorrect(apps, schema_editor):
    CalendarYear = apps.get_model("calendars", "CalendarYear")
    CalendarDay = apps.get_model("calendars", "CalendarDay")
    year = CalendarYear.objects.filter(
        jurisdiction=JURISDICTION, year=DAY.year, source__startswith="chinese-calendar", source__endswith=NOTE
    ).first()
    if year is None:
        return
    CalendarDay.objects.filter(calendar_year=year, date=DAY, kind="makeup").delete()
    CalendarYear.objects.filter(pk=year.pk).update(
        source=year.source[: -len(NOTE)], notice_title="", notice_number="", notice_date=None, notice_url=""
    )
    _bump(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("calendars", "0002_seed_2004_2026_from_chinese_calendar"),
    ]

    operations = [
        migrations.RunPython(correct, uncorrect),
    ]
