"""Loaded calendar years: days off and make-up working days, per year and jurisdiction.

Rows are written only by `fazhi.calendars.actions.load_calendar_year` (and the seed migration); the arithmetic lives in
`fazhi.rules.calendar`, built from these rows by `fazhi.calendars.queries.working_calendar`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """One year of one jurisdiction's holiday arrangement, from the State Council's annual notice.

    Holidays are national today ("CN"). A province or city that sets its own arrangement for a year loads a whole
    year under its code; for that year it replaces the national one inside its area (tightest match wins).
    """

    jurisdiction = models.CharField("管辖区域", max_length=16, default="CN")
    year = models.PositiveSmallIntegerField("年度")
    notice_title = models.CharField("通知标题", max_length=200, blank=True)
    notice_number = models.CharField("文号", max_length=100, blank=True)
    notice_date = models.DateField("发布日期", null=True, blank=True)
    notice_url = models.CharField("网址", max_length=500, blank=True)
    # Where the rows came from: "chinese-calendar 1.11.0" for the seed, else the file name and its SHA-256.
    source = models.CharField("数据来源", max_length=300)
    loaded_at = models.DateTimeField("导入时间", auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["jurisdiction", "year"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year"], name="calendars_year_unique_jurisdiction_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.jurisdiction})"


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", "放假"
    MAKEUP = "makeup", "调休上班"


class CalendarDay(models.Model):
    """A day that differs from the plain Monday-to-Friday week: a day off, or a make-up working day (调休上班)."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    holiday = models.CharField("节日", max_length=100)

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar_year", "date"], name="calendars_day_unique_year_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.holiday} {self.get_kind_display()}"


class CalendarVersion(models.Model):
    """A single row whose `version` goes up whenever a year is loaded.

    Every process caches its built calendars with the version they were built at and compares it with this row (one
    indexed read) before use, so a load in one process is seen by all the others on their next call.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "日历版本"
        verbose_name_plural = "日历版本"

    def __str__(self) -> str:
        return f"v{self.version}"
