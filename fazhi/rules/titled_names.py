"""Names that follow a word for a person (证人王德发, 工友李明, 员工张三): the natural persons a text names without the
caller having declared them, for `fazhi.rules.redaction`.

A name is 2 or 3 Chinese characters (4 with a compound surname such as 欧阳), one separator allowed between them
(证人王 德发). It is taken when its first character is a common surname and its second is not a word that follows such
a title (证人证言, 员工于本月, 同事陈述, 员工宿舍): those are removed. After a word that almost always names someone
(证人, 工友, 同事, …), two characters that are neither are *flagged*: left in the text and reported, so that the
person who approves a publication reads them (an unusual surname, a transliterated name).

The surname list is not complete and the stop list is a judgement (common function words and the words that follow a
person in labour-inspection writing); both err towards removing too much. No Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TitledName", "find"]

# Words after which a name usually follows; the first group almost always (a following 2-character word that is no
# surname is flagged), the second often enough in labour-inspection text (员工工资, 劳动者本人) that only a surname
# counts.
NAMING_WORDS = ("证人", "证明人", "被询问人", "询问对象", "工友", "同事", "联系人", "介绍人", "担保人")
PERSON_WORDS = (
    "投诉人",
    "举报人",
    "员工",
    "职工",
    "工人",
    "劳动者",
    "农民工",
    "雇员",
    "务工人员",
    "班组长",
    "包工头",
    "组长",
    "师傅",
)

# Common Chinese single-character surnames (the most frequent few hundred, without those that are mostly function
# words here, such as 和、都、但、由、时、全、应、常、劳、强、花、平、国、明、文). Compound surnames follow.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温康施牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤阳穆农卓吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵"
    "苟邬边卞姬师仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝鞠荆冀郁胥储栗燕鄢谌奚粟冼蔺楼阚屠朴廉禹祖漆巴"
    "卿狄晁芮阙浦戈邸雍辜裘亓邰赫杭逯茹诸嵇湛戎茅揭尉檀昝衡尧"
)
_COMPOUND = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 西门 南宫 独孤 澹台 "
    "公冶 宗政 濮阳 太史 申屠 万俟 赫连 呼延 拓跋 百里 东郭 闻人 淳于 单于 司空"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND.split())
# Characters that end a name or show that no name follows: function words and the words that follow a person in these
# texts (称、反映、陈述、证言、工资、宿舍、人数 …). Numerals start no name (证人二名) but may end one (张三).
STOP = frozenset(
    "的了着过和与及跟等称说讲述证言词作反映表示确认也均都在于是为向对被已曾将并以到从所其之且或亦仍即再要会能可应"
    "把给让叫请们共合计人名数工资宿舍公司本该此我你他她它每各部分个位次项条几未无有不没非否另又还只仅才就便则而但签领收"
    "付欠拖讨催索求告诉知问答见某今昨当身份姓属情况出场笔录材料"
)
# Words that start with a surname and end with a stop character: after 证人、同事… they are no name to flag.
_WORDS = "陈述 于是 于本 于该 于其 曾经 曾在 曾于 曾向 曾多 向其 向本 向该 向我 任何 何时 何处 何人 高度 方面"
WORDS = frozenset(_WORDS.split())
FIRST_STOP = STOP | frozenset("一二三四五六七八九十两")

_CJK = "\u4e00-\u9fff"
_SEPARATOR = r"[ \t\u00a0\u200b-\u200d\u2060\ufeff·・•]"
_TITLE = re.compile("|".join(sorted(map(re.escape, NAMING_WORDS + PERSON_WORDS), key=len, reverse=True)))
_AFTER_TITLE = re.compile(rf"[：:]?{_SEPARATOR}?")
_CHAR = re.compile(rf"{_SEPARATOR}?([{_CJK}])")


@dataclass(frozen=True)
class TitledName:
    start: int  # where the name starts in the text (after the title)
    end: int
    title: str  # 证人, 工友, …
    name: str  # the characters of the name, separators left out
    removed: bool  # True: a name (remove it); False: flagged only

    @property
    def shown(self) -> str:
        """证人王德发: the title and the name, for a warning to staff."""
        return f"{self.title}{self.name}"


def _chars(text: str, at: int, limit: int) -> list[tuple[str, int]]:
    """Up to `limit` Chinese characters from `at`, one separator allowed before each but the first: (char, end)."""
    found: list[tuple[str, int]] = []
    position = at
    while len(found) < limit:
        match = (_CHAR if found else re.compile(f"([{_CJK}])")).match(text, position)
        if match is None:
            break
        found.append((match.group(1), match.end()))
        position = match.end()
    return found


def _looks_like_a_name(first: str, second: str) -> bool:
    if first in SURNAMES:
        return first + second not in WORDS
    return first not in FIRST_STOP and second not in STOP


def _name_at(text: str, at: int, naming: bool) -> tuple[str, int, bool] | None:
    """The name that starts at `at`, its end, and whether it is removed (True) or flagged (False); None if none."""
    chars = _chars(text, at, 4)
    if len(chars) < 2:
        return None
    first, second = chars[0][0], chars[1][0]
    if first + second in COMPOUND_SURNAMES:
        if len(chars) < 3 or chars[2][0] in STOP:
            return None
        surname, removed = 2, True
    elif first in SURNAMES and second not in STOP:
        surname, removed = 1, True
    elif naming and _looks_like_a_name(first, second):  # 证人王之华, 证人阿依古丽: the approver should look
        surname, removed = 1, False
    else:
        return None
    take = surname + 1
    if len(chars) > take and chars[take][0] not in STOP:
        take += 1
    name = "".join(char for char, _ in chars[:take])
    return name, chars[take - 1][1], removed


def find(text: str) -> list[TitledName]:
    """Every name after a word for a person in `text`, in order; a name the caller already replaced is no longer
    Chinese characters and is not found again."""
    found: list[TitledName] = []
    for title in _TITLE.finditer(text):
        after = _AFTER_TITLE.match(text, title.end())
        at = after.end() if after else title.end()
        if found and at < found[-1].end:
            continue
        named = _name_at(text, at, title.group() in NAMING_WORDS)
        if named is not None:
            name, end, removed = named
            found.append(TitledName(at, end, title.group(), name, removed))
    return found
