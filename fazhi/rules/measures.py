"""The measures a decision imposes: the kinds of administrative penalty (行政处罚法 第九条) and the order to correct
that always goes with a penalty (第二十八条第一款), each with its Chinese name and the article that defines it.

A decided penalty is a list of measures (`Measure`), drawn from the violation's `measures` column
(`fazhi/rules/data/penalty_items.csv`); the decision document prints them in the order of `MeasureKind`.

- `measures_for(code)`: the kinds the violation's article allows, read from its `measures` column through `PHRASES`
  (every phrase of the column is classified there; a phrase that is another organ's measure, a payment to workers or
  a transfer to the police is no measure of this decision);
- `measure_problems(code, measures)`: what is wrong with a proposed or decided list (Chinese, with the article);
- `with_order_to_correct(measures)`: the list with the order to correct (第二十八条第一款), in printing order;
- `hearing_triggered(measures, fine_threshold)`: whether the party may ask for a hearing (第六十三条第一款).

Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from fazhi.rules.violations import Violation, current

__all__ = [
    "AMOUNT_KINDS",
    "LABELS",
    "PENALTY_KINDS",
    "PHRASES",
    "Measure",
    "MeasureKind",
    "Mode",
    "hearing_grounds",
    "hearing_triggered",
    "mandatory_measures",
    "measure_problems",
    "measures_for",
    "with_order_to_correct",
]


class MeasureKind(StrEnum):
    ORDER_CORRECTION = (
        "order_correction"  # 责令改正（限期改正）: not a penalty, always ordered with one (第二十八条第一款)
    )
    WARNING = "warning"  # 警告 (第九条第（一）项)
    FINE = "fine"  # 罚款 (第九条第（二）项)
    CONFISCATION = "confiscation"  # 没收违法所得 (第九条第（二）项; 第二十八条第二款)
    REVOKE_LICENCE = "revoke_licence"  # 吊销许可证件 (第九条第（三）项)
    STOP_WORK = "stop_work"  # 责令停产停业 / 责令项目停工 (第九条第（四）项)

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[MeasureKind, str] = {
    MeasureKind.ORDER_CORRECTION: "责令改正",
    MeasureKind.WARNING: "警告",
    MeasureKind.FINE: "罚款",
    MeasureKind.CONFISCATION: "没收违法所得",
    MeasureKind.REVOKE_LICENCE: "吊销许可证件",
    MeasureKind.STOP_WORK: "责令停产停业（项目停工）",
}

# The kinds that are administrative penalties (行政处罚法 第九条); the order to correct is not one (第二十八条).
PENALTY_KINDS = frozenset(
    {
        MeasureKind.WARNING,
        MeasureKind.FINE,
        MeasureKind.CONFISCATION,
        MeasureKind.REVOKE_LICENCE,
        MeasureKind.STOP_WORK,
    }
)
# Kinds that carry an amount in yuan.
AMOUNT_KINDS = frozenset({MeasureKind.FINE, MeasureKind.CONFISCATION})
_ORDER = list(MeasureKind)


class Mode(StrEnum):
    MANDATORY = "mandatory"  # the article imposes it once the violation (and an unmet prior order) is found: 应当
    OPTIONAL = "optional"  # the organ judges: 可以, 情节严重的, or a condition on the party (对劳务派遣单位 …)


# Every phrase of the CSV's `measures` column, classified: the measures of this decision it stands for (kind, mode),
# or none when it is no measure this bureau decides in a penalty decision — another organ's
# (市场监督管理部门吊销营业执照, 工程建设主管部门 资质), a payment to workers (加付赔偿金, 赔偿金: a handling decision
# of its own), a late fee or surcharge (滞纳金, 加处罚款: not a penalty, 行政强制法), a transfer to the police, or a
# rule of computation.
M, Opt = Mode.MANDATORY, Mode.OPTIONAL
K = MeasureKind
PHRASES: dict[str, tuple[tuple[MeasureKind, Mode], ...]] = {
    # Orders to correct (第二十八条第一款) in the words of each article.
    "责令改正": ((K.ORDER_CORRECTION, M),),
    "责令限期改正": ((K.ORDER_CORRECTION, M),),
    "责令限期支付": ((K.ORDER_CORRECTION, M),),
    "责令退还": ((K.ORDER_CORRECTION, M),),
    "责令退回": ((K.ORDER_CORRECTION, M),),
    "责令限期退还": ((K.ORDER_CORRECTION, M),),
    "依照第二款处罚: 责令限期退还": ((K.ORDER_CORRECTION, M),),
    "责令限期将童工送回原居住地交父母或监护人(费用由用人单位承担)": ((K.ORDER_CORRECTION, M),),
    "责令限期送回": ((K.ORDER_CORRECTION, M),),
    "责令限期治理": ((K.ORDER_CORRECTION, M),),
    "责令支付二倍工资": ((K.ORDER_CORRECTION, M),),
    "责令支付赔偿金(经济补偿标准的二倍)": ((K.ORDER_CORRECTION, M),),
    "责令停止违法行为": ((K.ORDER_CORRECTION, M),),
    "责令支付工资报酬、经济补偿": ((K.ORDER_CORRECTION, M),),
    "责令限期缴纳": ((K.ORDER_CORRECTION, M),),
    "金融监管部门责令改正": ((K.ORDER_CORRECTION, M),),
    "由社会保险费征收机构责令限期缴纳或者补足，并自欠缴之日起按日加收滞纳金": ((K.ORDER_CORRECTION, M),),
    # 警告 (第九条第（一）项): 劳动保障监察条例 第二十五条 and 劳动法 第九十条 "给予警告"; 劳动合同法 第八十条,
    # 广东省劳动保障监察条例 第五十条第一款, 劳务派遣暂行规定 第二十二条 "给予警告" as the only penalty.
    "警告": ((K.WARNING, M),),
    # 罚款 (第九条第（二）项).
    "罚款": ((K.FINE, M),),
    "从重罚款": ((K.FINE, M),),
    "自责令限期改正之日起罚款": ((K.FINE, M),),
    "按第六、七、八条标准加一倍罚款": ((K.FINE, M),),
    "逾期不改正的罚款": ((K.FINE, M),),
    "逾期未改正的罚款": ((K.FINE, M),),
    "拒不改正的罚款": ((K.FINE, M),),
    "逾期仍不缴纳的由有关行政部门罚款": ((K.FINE, M),),
    "逾期不改正的对单位罚款，对法定代表人或主要负责人、直接负责的主管人员和其他直接责任人员罚款": ((K.FINE, M),),
    "逾期不改正的对单位罚款，对直接负责的主管人员和其他直接责任人员罚款": ((K.FINE, M),),
    "对直接负责的主管人员和其他直接责任人员罚款": ((K.FINE, M),),
    "逾期不改的按劳动保障监察条例第三十条处理": ((K.FINE, M),),
    "视情节轻重罚款": ((K.FINE, M),),  # 广东省工资支付条例 第五十七条 "视情节轻重，处以…罚款": the amount varies
    "可以罚款": ((K.FINE, Opt),),
    "情节严重的罚款": ((K.FINE, Opt),),
    "情节严重的对直接负责的主管人员和其他直接责任人员罚款": ((K.FINE, Opt),),
    "逾期未改正的可以对用人单位罚款，并可以对法定代表人罚款": ((K.FINE, Opt),),
    # 没收违法所得 (第九条第（二）项; 第二十八条第二款 "应当予以没收" where there is 违法所得).
    "没收违法所得": ((K.CONFISCATION, M),),
    # 吊销许可证件 (第九条第（三）项), by this bureau: the licences 人社 issues.
    "情节严重的吊销许可证": ((K.REVOKE_LICENCE, Opt),),  # 劳动保障监察条例 第二十八条第一款
    "职业中介机构吊销职业介绍许可证": ((K.REVOKE_LICENCE, Opt),),  # 禁止使用童工规定 第七条: only an agency
    "对劳务派遣单位吊销劳务派遣业务经营许可证": ((K.REVOKE_LICENCE, Opt),),  # 劳动合同法 第九十二条第二款: a dispatcher
    # 责令停产停业 / 责令项目停工 (第九条第（四）项).
    "逾期不改正的责令项目停工并罚款": ((K.STOP_WORK, M), (K.FINE, M)),  # 保障农民工工资支付条例 第五十五条、第五十七条
    "情节严重的责令停止有关作业或提请关闭": ((K.STOP_WORK, Opt),),  # 女职工劳动保护特别规定 第十三条第二款 (安全监管)
    # No measure of this decision.
    "逾期不支付的责令按应付金额50%以上1倍以下加付赔偿金": (),
    "逾期不支付的责令按应付金额50%以上100%以下加付赔偿金": (),
    "已履行的按试用期满月工资支付赔偿金": (),
    "可以责令支付赔偿金": (),
    "构成犯罪的依法追究刑事责任": (),
    "构成犯罪的追究刑事责任": (),
    "依照无照经营查处取缔的规定查处取缔": (),
    "工商部门吊销营业执照或民政部门撤销民办非企业单位登记": (),
    "取缔": (),
    "依照有关法律规定给予处罚": (),
    "依法给予行政处罚(劳动法第九十六条: 公安机关拘留、罚款或警告)": (),
    "情节严重的由市场监督管理部门吊销营业执照": (),
    "逾期不缴的可以加收滞纳金": (),
    "情节严重的限制承接新工程、降低资质等级、吊销资质证书": (),  # 相关行业工程建设主管部门 "按照职责"
    "按该单位上月缴费额的110%确定应缴数额": (),
    "补办申报后结算": (),
    "解除服务协议": (),  # by the agency, under the service agreement
    "吊销执业资格": (),  # by the organ that granted the qualification
    "可以约谈": (),
    "依第十条征缴": (),
    "迟延缴纳的加收滞纳金": (),
    "每日按罚款数额的3%加处罚款": (),  # 加处罚款: an enforcement measure (行政强制法 第四十五条), not a penalty
    "申请法院强制执行等": (),
    "严重影响公共秩序的由公安处理": (),
    "涉嫌犯罪移送公安机关(行政执法机关移送涉嫌犯罪案件的规定 第五条)": (),
    "涉嫌犯罪移送公安机关": (),
    "涉嫌犯罪移送司法机关": (),
}
del M, Opt, K

CORRECTION_BASIS = "行政处罚法第二十八条第一款"
CONFISCATION_BASIS = "行政处罚法第二十八条第二款"


@dataclass(frozen=True)
class Measure:
    """One measure of a decision. `amount` for a fine or confiscation (yuan), `detail` the words the document prints
    after the measure's name (which licence, which project, what to correct and by when)."""

    kind: MeasureKind
    amount: Decimal | None = None
    detail: str = ""

    def as_json(self) -> dict[str, str | None]:
        return {
            "kind": self.kind.value,
            "amount": None if self.amount is None else str(self.amount),
            "detail": self.detail,
        }

    @classmethod
    def from_json(cls, raw: dict[str, str | None]) -> Measure:
        amount = raw.get("amount")
        return cls(
            MeasureKind(str(raw["kind"])),
            Decimal(amount) if amount else None,
            str(raw.get("detail") or ""),
        )


def _modes(found: Violation) -> dict[MeasureKind, Mode]:
    """Each kind the row's measures name, mandatory if any phrase makes it so. KeyError for an unclassified phrase."""
    modes: dict[MeasureKind, Mode] = {}
    for phrase in found.measures:
        for kind, mode in PHRASES[phrase]:
            if modes.get(kind) is not Mode.MANDATORY:
                modes[kind] = mode
    return modes


def _ordered(kinds: Iterable[MeasureKind]) -> tuple[MeasureKind, ...]:
    return tuple(sorted(set(kinds), key=_ORDER.index))


def measures_for(code: str) -> tuple[MeasureKind, ...]:
    """The kinds of measure the violation's article allows, in printing order: always the order to correct
    (行政处罚法 第二十八条第一款), then the penalties its `measures` name (for a retired code, its replacement's)."""
    found = current(code)
    return _ordered({MeasureKind.ORDER_CORRECTION, *_modes(found)})


def mandatory_measures(code: str) -> tuple[MeasureKind, ...]:
    """The penalty kinds the article imposes whenever it penalises (应当): e.g. 警告 under 劳动保障监察条例 第二十五条,
    罚款 under 第二十三条, 责令项目停工 and 罚款 under 保障农民工工资支付条例 第五十五条. 没收违法所得 is mandatory only
    where there is 违法所得 (see `measure_problems`)."""
    modes = _modes(current(code))
    return _ordered(
        kind
        for kind, mode in modes.items()
        if mode is Mode.MANDATORY and kind in PENALTY_KINDS and kind is not MeasureKind.CONFISCATION
    )


def with_order_to_correct(measures: Iterable[Measure]) -> list[Measure]:
    """The measures with the order to correct added when missing (行政处罚法 第二十八条第一款 "实施行政处罚时，应当
    责令当事人改正或者限期改正违法行为"), in printing order (the order of `MeasureKind`)."""
    found = list(measures)
    if not any(m.kind is MeasureKind.ORDER_CORRECTION for m in found):
        found.append(Measure(MeasureKind.ORDER_CORRECTION))
    return sorted(found, key=lambda m: _ORDER.index(m.kind))


def measure_problems(code: str, measures: Sequence[Measure], *, illegal_gains: Decimal | None = None) -> list[str]:
    """What is wrong with the measures of a penalty for violation `code` (empty: nothing), in Chinese with the article.

    - at least one penalty (行政处罚法 第九条); none where the article sets none (责令支付 … is a handling decision);
    - only the kinds the article allows (`measures_for`), and 没收违法所得 wherever there is 违法所得
      (`illegal_gains` > 0, the amount left after what must be returned: 第二十八条第二款);
    - the kinds the article imposes (`mandatory_measures`): a warning-only penalty passes exactly where the article
      gives 警告 alone (劳动合同法 第八十条, 广东省劳动保障监察条例 第五十条第一款) or with a fine it may impose
      (劳动保障监察条例 第二十五条), and 劳动保障监察条例 第二十五条's 警告 is never left out;
    - 没收违法所得 where there is 违法所得 (第二十八条第二款);
    - an amount for a fine and a confiscation, none for other kinds (第五十九条第一款第（三）项);
    - one fine only (第二十九条), each kind once.
    The order to correct may be missing: the decision stores `with_order_to_correct(measures)`.
    """
    found = current(code)
    basis = found.basis
    allowed = set(measures_for(code))
    gains = illegal_gains is not None and illegal_gains > 0
    if gains:
        allowed.add(MeasureKind.CONFISCATION)
    problems: list[str] = []
    possible = allowed & PENALTY_KINDS
    if not possible:
        return [f"依{basis}，“{found.name}”不设行政处罚，应责令改正或者作出行政处理决定。"]
    kinds = [m.kind for m in measures]
    if not set(kinds) & PENALTY_KINDS:
        problems.append("行政处罚决定应当至少包括一种行政处罚（行政处罚法第九条）。")
    for kind in _ordered(set(kinds) - allowed):
        if kind is MeasureKind.CONFISCATION:
            problems.append(f"没有违法所得的，不能没收违法所得（{CONFISCATION_BASIS}）。")
        else:
            problems.append(f"{basis}未规定{kind.label}，不能作出该处罚。")
    for kind in mandatory_measures(code):
        if kind not in kinds:
            problems.append(f"依{basis}，应当{kind.label}。")
    if gains and MeasureKind.CONFISCATION not in kinds:
        problems.append(f"当事人有违法所得 {illegal_gains} 元，应当予以没收（{CONFISCATION_BASIS}）。")
    for measure in measures:
        if measure.kind in AMOUNT_KINDS and (measure.amount is None or measure.amount <= 0):
            problems.append(f"{measure.kind.label}应写明金额（行政处罚法第五十九条第一款第（三）项）。")
        elif measure.kind not in AMOUNT_KINDS and measure.amount is not None:
            problems.append(f"{measure.kind.label}不填写金额。")
    if kinds.count(MeasureKind.FINE) > 1:
        problems.append("对同一个违法行为不得给予两次以上罚款（行政处罚法第二十九条）。")
    repeated = _ordered(k for k in kinds if kinds.count(k) > 1 and k is not MeasureKind.FINE)
    problems.extend(f"{kind.label}只能填写一次。" for kind in repeated)
    return problems


def hearing_grounds(
    measures: Iterable[Measure], fine_threshold: Decimal | None, confiscation_threshold: Decimal | None = None
) -> list[str]:
    """Why the party may ask for a hearing (行政处罚法 第六十三条第一款), in Chinese; empty when it may not.

    `fine_threshold` is the 较大数额 of a fine (item （一）) and `confiscation_threshold` of a confiscation (item
    （二）, the fine's when not given); None means every amount counts — the Guangdong 人社 figure was not found
    (law digest §14.11 item 3), and offering a hearing for every fine is a lawful over-inclusion."""
    confiscation_threshold = fine_threshold if confiscation_threshold is None else confiscation_threshold
    grounds = []
    for measure in measures:
        amount = measure.amount or Decimal(0)
        if measure.kind is MeasureKind.FINE and (fine_threshold is None or amount >= fine_threshold):
            grounds.append("较大数额罚款（行政处罚法第六十三条第一款第（一）项）")
        elif measure.kind is MeasureKind.CONFISCATION and (
            confiscation_threshold is None or amount >= confiscation_threshold
        ):
            grounds.append("没收较大数额违法所得（行政处罚法第六十三条第一款第（二）项）")
        elif measure.kind is MeasureKind.REVOKE_LICENCE:
            grounds.append("吊销许可证件（行政处罚法第六十三条第一款第（三）项）")
        elif measure.kind is MeasureKind.STOP_WORK:
            grounds.append("责令停产停业（行政处罚法第六十三条第一款第（四）项）")
    return list(dict.fromkeys(grounds))


def hearing_triggered(
    measures: Iterable[Measure], fine_threshold: Decimal | None, confiscation_threshold: Decimal | None = None
) -> bool:
    """Whether the measures give the party the right to a hearing (行政处罚法 第六十三条第一款); see
    `hearing_grounds`. A warning or an order to correct alone does not."""
    return bool(hearing_grounds(measures, fine_threshold, confiscation_threshold))
