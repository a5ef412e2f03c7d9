"""Labour-inspection cases: the employer, the case, its worker lines and its running statutory periods.

A case's state changes only through `fazhi.cases.actions.transition` (one journal entry each). Facts about a case
are properties here; reads for screens go through `fazhi.cases.queries`, where the unit scope is applied.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Sum

from fazhi.accounts.models import Unit, User
from fazhi.cases.states import STATE_LABELS, State
from fazhi.crypto.cipher import ID_NUMBER, PHONE
from fazhi.crypto.fields import BlindIndexField, EncryptedField
from fazhi.rules.periods import Unit as PeriodUnit


class Source(models.TextChoices):
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    PATROL = "patrol", "日常巡视检查"
    WRITTEN_REVIEW = "written_review", "书面审查"
    SPECIAL_CAMPAIGN = "special_campaign", "专项检查"
    REFERRAL = "referral", "转办"


# The states of an open case (not refused, closed or archived), in the procedure's order: the condition of the index
# that supervision's idle-case rule reads (fazhi/supervision/rules/idle_case.py).
OPEN_STATES = [s.value for s in State if s not in (State.REFUSED, State.CLOSED, State.ARCHIVED)]


# Complaints (and complaints passed on by another body) are accepted, and so filed, within the acceptance period
# (广东省劳动保障监察条例 第三十六条、第三十九条); reports (举报) and the bureau's own discoveries go to the filing
# approval, within 5 working days of discovery (第三十二条).
INTAKE_SOURCES = frozenset({Source.COMPLAINT, Source.REFERRAL})


class Employer(models.Model):
    """用人单位, identified by its 统一社会信用代码 where it has one."""

    name = models.CharField("单位名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True, null=True, blank=True)
    address = models.CharField("地址", max_length=300, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    # The normalised name as overlapping 2-character tokens ("深圳 圳市 市某 …"), so that a 2-character query is a
    # whole-token match (fazhi.cases.search; recipes.md "Searching Chinese text"). Filled by the register action.
    name_bigrams = models.TextField("名称检索词", blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "用人单位"
        verbose_name_plural = "用人单位"
        indexes = [models.Index(fields=["name"], name="cases_employer_name")]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    reference = models.CharField("登记号", max_length=40, unique=True)
    case_number = models.CharField("案号", max_length=60, unique=True, null=True, blank=True)
    procedure_version = models.PositiveSmallIntegerField("程序版本", default=2)
    state = models.CharField("状态", max_length=30, default=State.RECEIVED)
    source = models.CharField("案件来源", max_length=30, choices=Source.choices)
    unit = models.ForeignKey(Unit, verbose_name="承办机构", on_delete=models.PROTECT, related_name="cases")
    handler = models.ForeignKey(
        User, verbose_name="主办人", null=True, blank=True, on_delete=models.PROTECT, related_name="handled_cases"
    )
    co_handler = models.ForeignKey(
        User, verbose_name="协办人", null=True, blank=True, on_delete=models.PROTECT, related_name="co_handled_cases"
    )
    employer = models.ForeignKey(Employer, verbose_name="用人单位", on_delete=models.PROTECT, related_name="cases")
    # The complainant's identity is confidential from the employer (劳动保障监察条例 第九条).
    complainant_name = models.CharField("投诉（举报）人", max_length=50, blank=True)
    # ID number and phone encrypted at rest (SM4-GCM), found by exact value through their blind indexes (ADR 0019).
    complainant_id_number = EncryptedField("身份证号码", max_length=18, blank=True)
    complainant_phone = EncryptedField("联系电话", max_length=20, blank=True)
    complainant_id_number_index = BlindIndexField("身份证号码检索码", source="complainant_id_number", kind=ID_NUMBER)
    complainant_phone_index = BlindIndexField("联系电话检索码", source="complainant_phone", kind=PHONE)
    anonymous = models.BooleanField("匿名举报", default=False)
    summary = models.TextField("案情摘要")
    received_on = models.DateField("收到日期")
    # When the violation occurred and, for a continuing one, when it ended: the limitation (劳动保障监察条例 第二十条;
    # 行政处罚法 第三十六条), the repeat within a year (广东条例 第五十三条) and the standard in force (第三十七条) run
    # from these dates, never from the day the case was received.
    occurred_on = models.DateField("违法行为发生日期", null=True, blank=True)
    violation_ended_on = models.DateField("违法行为终了日期", null=True, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    proposed_outcome = models.CharField("拟处理意见", max_length=30, blank=True)
    proposal = models.TextField("处理意见说明", blank=True)
    # The facts the investigation found, as the proposal states them: the notice (告知书) and the decision print these
    # (行政处罚法 第四十四条、第五十九条第一款第（二）项), never the complaint's summary.
    findings = models.TextField("查明的违法事实", blank=True)
    # The measures proposed (fazhi.rules.measures.Measure.as_json each), for a penalty: 警告, 罚款, 没收违法所得 …
    proposed_measures = models.JSONField("拟作出的处罚种类", default=list, blank=True)
    proposed_by = models.ForeignKey(
        User, verbose_name="提出人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_outcome = models.CharField("处理决定", max_length=30, blank=True)
    # The kind of violation (a code of fazhi/rules/data/penalty_items.csv): the case list filters by it and the
    # repeat-offender rule compares it (广东省劳动保障监察条例 第五十三条).
    violation_code = models.CharField("违法行为类型", max_length=80, blank=True, db_index=True)
    # 情节复杂或者重大违法行为: collective discussion (行政处罚法 第五十七条) and legal review (第五十八条) follow.
    major_case = models.BooleanField("情节复杂或者重大", default=False)
    proposed_fine = models.DecimalField("拟罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    repeat_offender = models.BooleanField("一年内同类违法（从重）", default=False)
    # The penalty calculator's answer for the proposal (fazhi.rules.penalties.Assessment.as_json: standard version,
    # tier, range, citations, explanation), and the written reasons for a proposed fine outside that range.
    assessment = models.JSONField("裁量计算", default=dict, blank=True)
    fine_reasons = models.TextField("超出裁量幅度的理由", blank=True)
    # Notice and hearing (行政处罚法 第四十四、四十五、六十三至六十五条).
    notice_given_on = models.DateField("告知日期", null=True, blank=True)
    # The day the party received the notice (告知书) and how it was served: the 5 working days to ask for a hearing
    # run from it (行政处罚法 第六十四条第一款第（一）项).
    notice_served_on = models.DateField("告知书送达日期", null=True, blank=True)
    notice_service_method = models.CharField("告知书送达方式", max_length=20, blank=True)
    notified_fine = models.DecimalField("告知的罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    defence_stated = models.BooleanField("当事人已陈述申辩", default=False)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_notified_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_presider = models.ForeignKey(
        User, verbose_name="听证主持人", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hearing_held_on = models.DateField("听证举行日期", null=True, blank=True)
    hearing_record = models.TextField("听证笔录摘要", blank=True)
    legal_review_passed_on = models.DateField("法制审核通过日期", null=True, blank=True)
    collective_discussion_on = models.DateField("集体讨论日期", null=True, blank=True)
    # 先行登记保存 (行政处罚法 第五十六条): "" none, "requested" awaiting the leader, "preserved" awaiting the decision.
    preservation = models.CharField("先行登记保存", max_length=20, blank=True)
    preservation_items = models.TextField("登记保存的证据", blank=True)
    # A period that does not count towards the handling time is running (公告、委托审计、鉴定: 广东条例
    # 第四十四条第二款).
    excluded_period = models.CharField("不计入办案时限的期间", max_length=20, blank=True)
    # The decision and its performance.
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    comply_by = models.DateField("履行（改正）期限", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, blank=True)
    # 广东省劳动保障监察条例 第四十七条第二款: public notice takes 3 days, not 60, in a case handled under 第四十一条 or
    # whose arrears led to a mass incident.
    short_public_notice = models.BooleanField("按第四十一条处理或引发群体性事件（公告期三日）", default=False)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_effective_on = models.DateField("送达生效日期", null=True, blank=True)
    fine_paid_on = models.DateField("罚款缴纳日期", null=True, blank=True)
    fine_paid_amount = models.DecimalField("实缴罚款（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    surcharge_paid = models.DecimalField("实缴加处罚款（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    correction_verified_on = models.DateField("整改复查日期", null=True, blank=True)
    # What the verification found (劳动保障监察条例 第十八条第一款第（二）项): None before it, False when the order was
    # not met by its deadline (逾期不改正) — which opens a penalty where the article fines only then.
    corrected = models.BooleanField("复查结果：已按期改正", null=True, blank=True)
    # An order to correct given outside this case (a 责令改正通知书 on site), for violations fined only "逾期不改正".
    prior_order = models.CharField("此前责令限期改正的文书", max_length=200, blank=True)
    prior_order_due_on = models.DateField("此前责令改正的期限", null=True, blank=True)
    # 责令加付赔偿金: the rate proposed (劳动合同法 第八十五条: 50%–100% of the amount payable).
    compensation_rate = models.DecimalField("加付赔偿金比例", max_digits=4, decimal_places=2, null=True, blank=True)
    court_enforcement_applied_on = models.DateField("申请法院强制执行日期", null=True, blank=True)
    deemed_accepted = models.BooleanField("逾期未告知视为受理", default=False)
    completion_requested = models.BooleanField("已告知补正", default=False)
    suspended = models.BooleanField("已中止", default=False)
    extended = models.BooleanField("已延期", default=False)
    version = models.PositiveIntegerField(default=1)  # bumped by every transition (compare-and-swap)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        indexes = [
            models.Index(fields=["unit", "state"], name="cases_case_unit_state"),
            models.Index(fields=["state", "received_on"], name="cases_case_state_received"),
            # Electronic supervision (fazhi/supervision/rules/): decisions and closings within the look-back, open
            # cases by their last movement, and the few suspended or extended cases.
            models.Index(fields=["decided_on"], name="cases_case_decided"),
            models.Index(fields=["closed_on", "unit", "received_on"], name="cases_case_closed_unit"),
            # Open cases by last movement: by state first (SQLite does not match a query's `state IN (?, …)` to a
            # partial index's list of states), so that each open state is a seek of its cases idle since a day.
            models.Index(fields=["state", "updated_at", "suspended", "unit"], name="cases_case_state_moved"),
            models.Index(
                fields=["received_on"], condition=Q(suspended=True) | Q(extended=True), name="cases_case_paused"
            ),
            # Penalty decisions of the look-back with their violation and fine, decisions without a legal
            # review before them, and penalties by payment and enforcement: each rule reads its own index alone (every
            # column it reads is a key column, also those of the condition, which SQLite reads from the index).
            models.Index(
                fields=["decided_on", "violation_code", "fine_amount", "unit", "decision_outcome"],
                condition=Q(decision_outcome="penalty", fine_amount__isnull=False),
                name="cases_case_penalty",
            ),
            models.Index(
                fields=[
                    "decided_on",
                    "unit",
                    "decision_outcome",
                    "major_case",
                    "hearing_held_on",
                    "fine_amount",
                    "legal_review_passed_on",
                ],
                condition=Q(legal_review_passed_on__isnull=True) | Q(legal_review_passed_on__gt=F("decided_on")),
                name="cases_case_unreviewed",
            ),
            models.Index(
                fields=[
                    "fine_paid_on",
                    "court_enforcement_applied_on",
                    "closed_on",
                    "unit",
                    "fine_amount",
                    "id",
                    "decision_outcome",
                ],
                condition=Q(decision_outcome="penalty"),
                name="cases_case_fine_unpaid",
            ),
            # Closings without a penalty counted per employer, read from the index alone.
            models.Index(fields=["closed_on", "employer", "decision_outcome", "id"], name="cases_case_closed_employer"),
        ]

    def __str__(self) -> str:
        return self.case_number or self.reference

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[State(self.state)]

    @property
    def decision(self) -> Decision | None:
        """The case's latest decision (None before the first)."""
        return self.decisions.order_by("-sequence").first()

    @property
    def display_number(self) -> str:
        return self.case_number or self.reference

    @property
    def total_owed(self) -> Decimal:
        return self.worker_lines.aggregate(total=Sum("amount_owed"))["total"] or Decimal("0")

    @property
    def total_paid(self) -> Decimal:
        return self.worker_lines.aggregate(total=Sum("amount_paid"))["total"] or Decimal("0")

    @property
    def total_unpaid(self) -> Decimal:
        return sum((line.unpaid for line in self.worker_lines.all()), Decimal("0"))


class WorkerLine(models.Model):
    """One worker's wage arrears in a case; totals are derived, never stored."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="worker_lines")
    name = models.CharField("姓名", max_length=50)
    id_number = EncryptedField("身份证号码", max_length=18, blank=True)  # SM4-GCM at rest (ADR 0019)
    id_number_index = BlindIndexField("身份证号码检索码", source="id_number", kind=ID_NUMBER)
    period_start = models.DateField("欠薪起始", null=True, blank=True)
    period_end = models.DateField("欠薪截止", null=True, blank=True)
    amount_owed = models.DecimalField("拖欠金额（元）", max_digits=12, decimal_places=2)
    amount_paid = models.DecimalField("已支付金额（元）", max_digits=12, decimal_places=2, default=Decimal("0"))
    # 加付赔偿金 ordered when the wages were not paid by the deadline (劳动合同法 第八十五条).
    additional_compensation = models.DecimalField(
        "加付赔偿金（元）", max_digits=12, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = "欠薪明细"
        verbose_name_plural = "欠薪明细"
        indexes = [
            # Wages still unpaid (supervision's crime-threshold rule): a few lines among all that were paid.
            # With the amounts as key columns, the crime-threshold rule sums the unpaid wages of every case from the
            # index alone (an index-only scan), not from the table (bench/bench_scale.py).
            models.Index(
                fields=["case", "amount_owed", "amount_paid"],
                condition=Q(amount_paid__lt=F("amount_owed")),
                name="cases_line_unpaid_amounts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.amount_owed}"

    @property
    def unpaid(self) -> Decimal:
        """Wages still unpaid (what 加付赔偿金 is computed on)."""
        return max(self.amount_owed - self.amount_paid, Decimal("0"))

    @property
    def outstanding(self) -> Decimal:
        """What the employer still owes this worker: wages and any 加付赔偿金, less what was paid."""
        return max(self.amount_owed + self.additional_compensation - self.amount_paid, Decimal("0"))


class WagePayment(models.Model):
    """A payment to a worker, with its day: what was unpaid when the order's deadline passed is the base of 加付赔偿金
    (劳动合同法 第八十五条; 劳动保障监察条例 第二十六条 "按应付金额")."""

    line = models.ForeignKey(WorkerLine, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField("支付金额（元）", max_digits=12, decimal_places=2)
    paid_on = models.DateField("支付日期")

    class Meta:
        verbose_name = "工资支付记录"
        verbose_name_plural = "工资支付记录"

    def __str__(self) -> str:
        return f"{self.line.name} {self.paid_on} {self.amount}"


class PeriodState(models.TextChoices):
    RUNNING = "running", "进行中"
    MET = "met", "已完成"
    SUSPENDED = "suspended", "已中止"


class Period(models.Model):
    """A statutory time limit running on a case: one row each, so supervision can query them (state, due, unit)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="periods")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")  # the case's unit, for scans
    code = models.CharField("期限", max_length=50)
    name = models.CharField("名称", max_length=100)
    citation = models.CharField("依据", max_length=300)
    days = models.PositiveIntegerField("天数")
    day_unit = models.CharField("计算单位", max_length=10)
    started_on = models.DateField("起算日")
    # None while the holiday data of `awaiting_year` is not loaded: the due date is then unknown, never guessed; it
    # is computed when that year is loaded (fazhi.cases.receivers).
    due_on = models.DateField("届满日", null=True, blank=True)
    awaiting_year = models.PositiveSmallIntegerField("待导入节假日年度", null=True, blank=True)
    # Meanwhile, for the screens and the API only: the due date counted with the missing year's weekends and
    # fixed-date holidays (fazhi.rules.provisional). Set with `awaiting_year`, cleared with it. It is never a due
    # date, so no breach, alert, overdue count, days-left count or document reads it. Stored so that a list shows it
    # without counting per row. No index: no list sorts by it.
    provisional_due_on = models.DateField("预计届满日（非法定期限）", null=True, blank=True)
    state = models.CharField("状态", max_length=20, choices=PeriodState.choices, default=PeriodState.RUNNING)
    met_on = models.DateField("完成日期", null=True, blank=True)
    suspended_on = models.DateField("中止日期", null=True, blank=True)
    # The day the daily sweep found the period past its due date (sweep_periods). A breach is a fact about the period,
    # not a state: the period keeps running (and counting as overdue) until the step that meets it is taken, late.
    breached_on = models.DateField("超期记录日期", null=True, blank=True)
    extended = models.BooleanField("已延长", default=False)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        indexes = [
            models.Index(fields=["state", "due_on", "unit"], name="cases_period_state_due_unit"),
            # Overdue = running and past due, counted per unit (queries.overdue_counts_by_unit): running periods are a
            # small part of all periods (the met ones pile up over the years), and per unit in scope this is one seek
            # and a short range. `state` and `id` are key columns so that the count reads the index alone, on SQLite
            # (which does not see that the partial index implies the state) and on PostgreSQL (COUNT(id)).
            models.Index(
                fields=["unit", "due_on", "state", "id"], condition=Q(state="running"), name="cases_period_running_unit"
            ),
            # A case's earliest running due date (queries.with_next_due, for every row of a worklist): one index seek.
            models.Index(fields=["case", "due_on"], condition=Q(state="running"), name="cases_period_running_case"),
            # Periods met after a date (supervision replays "as of" a day) and met on time per unit (its statistics).
            models.Index(fields=["met_on", "unit", "due_on"], name="cases_period_met_unit_due"),
            # Periods met late (met after their due date), by the day they were met: the few that supervision's
            # period_met_late and refusal_after_acceptance look for among all the periods met within the look-back
            # (read through the index above, every period met in the year was fetched from the table to be compared:
            # seconds at ten million cases, bench/bench_scale.py).
            models.Index(
                fields=["met_on", "unit", "due_on"], condition=Q(due_on__lt=F("met_on")), name="cases_period_met_late"
            ),
            # The running periods by due date with every column the supervision scan's time-limit rules read, so
            # that today's scan (breached: due before today; due soon: due within the window) reads this index alone.
            # The due date leads (PostgreSQL drops the state the condition implies from the seek), then the case and
            # the period, the order the scan reads them in; the state closes the key columns for SQLite, which reads
            # it from the index rather than the table.
            models.Index(
                fields=["due_on", "case", "id", "started_on", "unit", "name", "citation", "state"],
                condition=Q(state="running"),
                name="cases_period_running_due",
            ),
        ]
        constraints = [
            # One live instance of each period per case.
            models.UniqueConstraint(
                fields=["case", "code"],
                condition=Q(state__in=["running", "suspended"]),
                name="cases_period_one_live_per_code",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.due_on}"

    @property
    def length_label(self) -> str:
        """The period's length as the law states it: 5 个工作日, 15 日, 3 个月."""
        try:
            return f"{self.days} {PeriodUnit(self.day_unit).label}"
        except ValueError:
            return f"{self.days} 日"

    def is_overdue(self, today: dt.date) -> bool:
        return self.state == PeriodState.RUNNING and self.due_on is not None and today > self.due_on


class Decision(models.Model):
    """A decision in a case, numbered from 1 in the case (`sequence`): usually one; a penalty may follow an order to
    correct that was not met (`逾期不改正`), and an order to pay additional compensation (责令加付赔偿金) is a decision
    of its own. `(case, sequence)` is unique: the database backstop against racing deciders. `Case.decision` is the
    latest."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions", related_query_name="decision")
    sequence = models.PositiveSmallIntegerField("决定序号", default=1)
    outcome = models.CharField("处理决定", max_length=30)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("决定日期")
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    comply_by = models.DateField("履行（改正）期限", null=True, blank=True)
    # The facts the decision found (行政处罚法 第五十九条第一款第（二）项), as the decider confirmed them.
    facts_found = models.TextField("认定的违法事实", blank=True)
    # The measures decided (fazhi.rules.measures.Measure.as_json each): 警告, 罚款, 没收违法所得, 吊销, 停工 …
    measures = models.JSONField("处罚种类", default=list, blank=True)
    repeat_offender = models.BooleanField("一年内同类违法（从重）", default=False)
    # What the decision applied, kept as it was: a later standard never rewrites it (行政处罚法 第三十七条).
    assessment = models.JSONField("适用的裁量基准", default=dict, blank=True)
    # The discretionary range the decision applied (from `assessment`, as columns the supervision rules can compare).
    range_min = models.DecimalField("裁量幅度下限（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    range_max = models.DecimalField("裁量幅度上限（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    # 行政处罚法 第七十二条第一款第（一）项: the organ "可以" impose 3 % a day on a fine not paid in time; the
    # decider says whether it does (the decision then warns of it).
    surcharge_imposed = models.BooleanField("到期不缴纳罚款的加处罚款", default=True)
    # The party's application to defer or pay the fine by instalments and the organ's answer
    # (行政处罚法 第六十六条第二款):
    # {"kind": "deferral"|"instalments", "applied_on", "reasons", "schedule": [{"due_on", "amount"}], "status":
    # "applied"|"approved"|"refused", "decided_on", "decided_by"} — fazhi.cases.procedure.payment_plan reads it.
    payment_plan = models.JSONField("暂缓或者分期缴纳罚款", default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "处理决定"
        verbose_name_plural = "处理决定"
        constraints = [models.UniqueConstraint(fields=["case", "sequence"], name="cases_decision_case_sequence")]

    def __str__(self) -> str:
        return f"{self.case} {self.outcome}"


class FinePayment(models.Model):
    """A payment of the fine, with its day: the whole fine, or an instalment of an approved plan (行政处罚法
    第六十六条第二款), each with the surcharge it carried (第七十二条第一款第（一）项)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="fine_payments")
    paid_on = models.DateField("缴纳日期")
    amount = models.DecimalField("缴纳金额（元）", max_digits=12, decimal_places=2)
    fine_part = models.DecimalField("其中罚款（元）", max_digits=12, decimal_places=2)
    surcharge = models.DecimalField("其中加处罚款（元）", max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        verbose_name = "罚款缴纳记录"
        verbose_name_plural = "罚款缴纳记录"

    def __str__(self) -> str:
        return f"{self.decision} {self.paid_on} {self.amount}"


class RecordKind(models.TextChoices):
    INQUIRY = "inquiry", "调查询问"
    INSPECTION = "inspection", "现场检查"


class InvestigationRecord(models.Model):
    """One inquiry (调查询问) or site inspection (现场检查) and its written record (笔录), taken by two officers
    (行政处罚法 第四十二条、第五十五条; 劳动保障监察条例 第十六条). Created by the `record_investigation` step; the
    笔录 document is rendered from it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="investigation_records")
    kind = models.CharField("笔录种类", max_length=20, choices=RecordKind.choices)
    held_on = models.DateField("询问（检查）日期")
    place = models.CharField("地点", max_length=200)
    subject = models.CharField("被询问人（现场负责人）及职务", max_length=200)
    content = models.TextField("询问（检查）内容")
    officer = models.ForeignKey(User, verbose_name="调查人", on_delete=models.PROTECT, related_name="+")
    co_officer = models.ForeignKey(User, verbose_name="调查人", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(User, verbose_name="记录人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调查笔录"
        verbose_name_plural = "调查笔录"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on} {self.subject}"


class Counter(models.Model):
    """A named counter (registration references, case numbers per unit and year). Incremented with an UPDATE, which
    locks the row until the transaction ends, so two registrations never get the same number."""

    key = models.CharField(max_length=100, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class Delegation(models.Model):
    """书面授权: a bureau leader (局领导, the organ's 负责人) authorises a named person, in writing, to take named steps
    that the statutes give to the organ's 负责人 (decision, preservation, recusal, extension, suspension …) in the cases
    of a unit and the units below it, for a stated time. Never to a role wholesale. Created and revoked only by
    `fazhi.cases.delegations` (one journal entry each)."""

    grantor = models.ForeignKey(User, verbose_name="授权人", on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(User, verbose_name="被授权人", on_delete=models.PROTECT, related_name="delegations")
    unit = models.ForeignKey(Unit, verbose_name="适用机构", on_delete=models.PROTECT, related_name="+")
    actions = models.JSONField("授权事项", default=list)
    document = models.CharField("授权书文号", max_length=100)
    starts_on = models.DateField("起始日期")
    ends_on = models.DateField("截止日期")
    revoked_on = models.DateField("撤销日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "书面授权"
        verbose_name_plural = "书面授权"
        indexes = [models.Index(fields=["delegate", "ends_on"], name="cases_delegation_delegate")]

    def __str__(self) -> str:
        return f"{self.document} {self.delegate}"

    def in_force(self, on: dt.date) -> bool:
        return (self.revoked_on is None or self.revoked_on > on) and self.starts_on <= on <= self.ends_on


# The transfer of a suspected crime has its own module (this one would pass 500 lines); imported here so that
# `fazhi.cases.models` stays the one place to import from.
from fazhi.cases.models.transfers import STANDING_TRANSFERS, CrimeTransfer, TransferStatus  # noqa: E402

__all__ = [
    "INTAKE_SOURCES",
    "OPEN_STATES",
    "STANDING_TRANSFERS",
    "Case",
    "Counter",
    "CrimeTransfer",
    "Decision",
    "Delegation",
    "Employer",
    "FinePayment",
    "InvestigationRecord",
    "Period",
    "PeriodState",
    "RecordKind",
    "Source",
    "TransferStatus",
    "WagePayment",
    "WorkerLine",
]
