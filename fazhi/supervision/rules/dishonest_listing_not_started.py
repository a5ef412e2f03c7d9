"""Orange: the wages an order told the employer to pay by a deadline are still unpaid after it, at the amount of
拒不支付劳动报酬罪, and the wage-arrears dishonest list's procedure has not been started on the case.

拖欠农民工工资失信联合惩戒对象名单管理暂行办法 第五条 (the department 应当 list the employer that owes 农民工 wages at
that amount), 第六条 (a prior notice first) and 第八条第一款 (the listing decision within 20 working days after the
order's deadline, the period `dishonest_listing_decision`, which the notice opens and the supervision's time-limit rules
then watch). This rule watches the start: the cases whose ignored order the crime-threshold rule finds
(fazhi/supervision/rules/crime_threshold.py: same amounts, same settings, the three months of 法释〔2013〕3号 第三条
第（一）项), transferred to the police or not, with no listing of any state. It stays until a notice is given, or a
decision not to list is recorded (第七条), or the wages are recorded as paid.

第五条 concerns 农民工 (保障农民工工资支付条例 第二条第二款: 为用人单位提供劳动的农村居民). A worker line does not
record whether the worker is one, so the alert asks the officer to check it rather than stating that the employer must
be listed; once the line records it, only 农民工 lines should count here.

Replayed for a past date, the dated payments made since count as unpaid then.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from fazhi.calendars.queries import working_calendar
from fazhi.dishonest_list.models import Listing
from fazhi.rules.calendar import CalendarYearMissing
from fazhi.supervision.rules.base import Evidence, Row, Severity, day
from fazhi.supervision.rules.crime_threshold import CrimeThresholdNotTransferred, ignored_orders

DECISION_WORKING_DAYS = 20  # 暂行办法 第八条第一款 (the period dishonest_listing_decision in periods.toml)


class DishonestListingNotStarted(CrimeThresholdNotTransferred):
    code = "dishonest_listing_not_started"
    name = "欠薪达到列入失信名单情形而未启动列入程序"
    citation = "拖欠农民工工资失信联合惩戒对象名单管理暂行办法 第五条、第六条、第八条第一款"
    severity = Severity.ORANGE
    explanation = (
        "责令限期支付工资的期限届满后仍未支付，且数额达到拒不支付劳动报酬罪数额标准；拖欠的是农民工工资的，"
        "应当列入失信联合惩戒名单，案件却尚未告知拟列入（应自期限届满之日起二十个工作日内作出列入决定）。"
    )
    note = (
        "数额标准与办案时的犯罪数额标准相同（配置项）；欠薪明细尚未记录劳动者是否为农民工，请办案人员核实；"
        "因群体性事件、极端事件列入的情形（第五条第（二）项）由办案人员判断。"
    )

    def find(self, as_of: dt.date) -> QuerySet[Any]:
        return ignored_orders(as_of).exclude(pk__in=Listing.objects.values("case"))

    def describe(self, row: Row) -> str:
        deadline: dt.date = row["order_deadline"]
        try:
            due = f"应于 {day(working_calendar().add_working_days(deadline, DECISION_WORKING_DAYS))} 前作出列入决定"
        except CalendarYearMissing as missing:
            due = f"列入决定期限待导入 {missing.year} 年节假日数据后计算"
        return (
            f"责令支付期限 {day(deadline)} 已过，欠薪达到列入失信联合惩戒名单的数额，尚未告知拟列入"
            f"（拖欠的是农民工工资的，{due}）"
        )

    def evidence(self, case_id: int, as_of: dt.date) -> Evidence:
        found = super().evidence(case_id, as_of)
        return Evidence(
            facts=found.facts,
            journal_actions=(*found.journal_actions, "dishonest_list.give_notice", "dishonest_list.exempt"),
        )


RULE = DishonestListingNotStarted()
