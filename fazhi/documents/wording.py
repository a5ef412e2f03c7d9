"""How documents word the law: statute names in 《》 with their full titles, and the measures of a decision.

The data files cite statutes by their short names ("劳动合同法 第八十五条"); an official document names each statute by
its full title in 《》 (《中华人民共和国劳动合同法》第八十五条). A decision lists each measure it imposes (行政处罚法
第九条 kinds; the order to correct always goes with them, 第二十八条第一款). Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from fazhi.rules.measures import AMOUNT_KINDS, MeasureKind

# Full titles of the statutes the data files cite by short name (laws of the NPC carry 中华人民共和国).
FULL_TITLES: dict[str, str] = {
    "劳动法": "中华人民共和国劳动法",
    "劳动合同法": "中华人民共和国劳动合同法",
    "劳动合同法实施条例": "中华人民共和国劳动合同法实施条例",
    "社会保险法": "中华人民共和国社会保险法",
    "行政处罚法": "中华人民共和国行政处罚法",
    "刑法": "中华人民共和国刑法",
    "实施《社会保险法》若干规定": "实施〈中华人民共和国社会保险法〉若干规定",
    "法释〔2013〕3号": "最高人民法院关于审理拒不支付劳动报酬刑事案件适用法律若干问题的解释",
}


DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals, as dates write them (十, 十一, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + ("" if ones == 0 else DIGITS[ones])


def chinese_date(day: dt.date) -> str:
    """2026-03-09 → 二〇二六年三月九日 (the documents write their dates in Chinese numerals)."""
    year = "".join(DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def statute_title(short: str) -> str:
    """《…》 around the statute's full title: 劳动合同法 → 《中华人民共和国劳动合同法》."""
    return f"《{FULL_TITLES.get(short, short)}》"


def cite(basis: str) -> str:
    """A basis of the data files ("A 第一条、第二条; B 第三条") as a document cites it:
    《A》第一条、第二条和《B》第三条. Parts without an article keep their text after the title."""
    parts = []
    for part in basis.replace("；", ";").split(";"):
        statute, _, articles = part.strip().partition(" ")
        if statute:
            parts.append(statute_title(statute) + articles.strip().replace(" ", ""))
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "和" + parts[-1]


_FACTS_LEAD = re.compile(r"^\s*(经调查查明|经调查核实|经调查|经查明|经查实|经查)[，,：:\s]*")


def facts_text(text: str) -> str:
    """The facts as the document prints them after its own 经查明：, without a lead-in of the same words typed in
    (经查明：经查明，… reads as a slip)."""
    return _FACTS_LEAD.sub("", text.strip(), count=1)


def yuan(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


def _amount(raw: object) -> Decimal | None:
    try:
        return Decimal(str(raw)) if raw not in (None, "") else None
    except InvalidOperation:
        return None


def measure_line(measure: Mapping[str, object]) -> str:
    """One penalty as the decision prints it: 警告; 罚款人民币20,000.00元; 没收违法所得人民币3,000.00元;
    吊销劳务派遣经营许可证; 责令停产停业（项目停工）：…. The order to correct is worded apart (`correction`)."""
    kind = MeasureKind(str(measure.get("kind")))
    detail = str(measure.get("detail") or "").strip()
    amount = _amount(measure.get("amount"))
    if kind in AMOUNT_KINDS:
        text = f"{kind.label}人民币{yuan(amount)}元"
        return f"{text}（{detail}）" if detail else text
    if kind is MeasureKind.REVOKE_LICENCE:
        return f"吊销{detail}" if detail else kind.label
    if kind is MeasureKind.STOP_WORK:
        return f"{kind.label}：{detail}" if detail else kind.label
    return f"{kind.label}（{detail}）" if detail else kind.label


ORDER = (
    MeasureKind.WARNING,
    MeasureKind.FINE,
    MeasureKind.CONFISCATION,
    MeasureKind.STOP_WORK,
    MeasureKind.REVOKE_LICENCE,
)


def penalty_lines(measures: Iterable[Mapping[str, object]]) -> list[str]:
    """The penalties of a decision, in the order of 行政处罚法 第九条 (the order to correct left out)."""
    kept = [m for m in measures if str(m.get("kind")) != MeasureKind.ORDER_CORRECTION.value]
    kept.sort(key=lambda m: ORDER.index(MeasureKind(str(m.get("kind")))))
    return [measure_line(m) for m in kept]


def correction_detail(measures: Iterable[Mapping[str, object]]) -> str:
    """What the order to correct says beyond 改正上述违法行为, when the decider wrote it."""
    for measure in measures:
        if str(measure.get("kind")) == MeasureKind.ORDER_CORRECTION.value:
            return str(measure.get("detail") or "").strip()
    return ""


def money_due(measures: Iterable[Mapping[str, object]]) -> bool:
    """Whether the decision orders money paid to the organ (a fine or a confiscation): then it states how and by
    when (行政处罚法 第五十九条第一款第（四）项、第六十七条)."""
    return any(str(m.get("kind")) in {k.value for k in AMOUNT_KINDS} for m in measures)


def cite_all(bases: Iterable[str]) -> str:
    """Several bases cited together, each statute once with all its articles, in the order first named; an article
    and a more precise citation of it (第二十六条 / 第二十六条第（一）项) count once, the precise one kept."""
    kept: dict[str, list[str]] = {}
    for basis in bases:
        for part in basis.replace("；", ";").split(";"):
            statute, _, articles = part.strip().partition(" ")
            if not statute:
                continue
            known = kept.setdefault(statute, [])
            for article in (a.strip() for a in articles.replace(" ", "").split("、") if a.strip()):
                broader = [k for k in known if article.startswith(k)]
                if any(k.startswith(article) for k in known):
                    continue
                for k in broader:
                    known.remove(k)
                known.append(article)
    return cite("; ".join(f"{statute} {'、'.join(articles)}" for statute, articles in kept.items()))


def pay_basis(violation_basis: str, *, guangdong: bool) -> str:
    """The basis of an order to pay wages owed by a deadline: the violation's article, 劳动保障监察条例 第二十六条 and
    劳动合同法 第八十五条 (责令限期支付), in Guangdong 广东省劳动保障监察条例 第五十一条第一款 as well — never
    监察条例 第三十条, which is about obstruction."""
    bases = [violation_basis, "劳动保障监察条例 第二十六条", "劳动合同法 第八十五条"]
    if guangdong:
        bases.append("广东省劳动保障监察条例 第五十一条第一款")
    return cite_all(b for b in bases if b)


def compensation_basis(*, guangdong: bool) -> str:
    """The basis of 责令加付赔偿金 (50 % to 100 % of the amount due, once the order to pay went unmet)."""
    bases = ["劳动保障监察条例 第二十六条", "劳动合同法 第八十五条"]
    if guangdong:
        bases.append("广东省劳动保障监察条例 第五十一条第一款")
    return cite_all(bases)


def hearing_basis(*, guangdong: bool) -> str:
    """The duty to hear the employer before a 行政处理决定."""
    bases = ["劳动保障监察条例 第十九条"]
    if guangdong:
        bases.append("广东省劳动保障监察条例 第二十四条第一款")
    return cite_all(bases)


def extension_basis(*, guangdong: bool) -> str:
    """The extension of the handling period by 30 working days (and, in Guangdong, the notice to the complainant)."""
    return cite_all(["广东省劳动保障监察条例 第四十四条第二款"] if guangdong else ["劳动保障监察条例 第十七条"])


def refusal_basis(*, guangdong: bool) -> str:
    """What the party risks by ignoring an inquiry notice: 劳动保障监察条例 第三十条第（一）项、第（二）项 and, in
    Guangdong, the specific rule 广东省劳动保障监察条例 第五十二条第（二）项."""
    bases = ["劳动保障监察条例 第三十条第（一）项、第（二）项"]
    if guangdong:
        bases.append("广东省劳动保障监察条例 第五十二条第（二）项")
    return cite_all(bases)


def percent_cn(percent: int) -> str:
    """50 → 百分之五十, 100 → 百分之一百 (the rate of 加付赔偿金 as a document writes it)."""
    return "百分之一百" if percent == 100 else f"百分之{chinese_number(percent)}"


def rectification_basis(violation_basis: str) -> str:
    """The basis of an order to correct by a deadline: the violation's article and 劳动保障监察条例 第十八条第一款
    第（二）项."""
    return cite_all([b for b in (violation_basis, "劳动保障监察条例 第十八条第一款第（二）项") if b])
