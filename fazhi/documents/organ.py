"""The deciding organ of a case: the administrative organ in whose name its documents are made, sealed and numbered,
and the organ that hears a reconsideration against them.

A brigade or squad is not an organ with a name of its own on a decision: the case of a district's brigade is decided
by that district's bureau and reviewed by that district's people's government; a case of the city bureau's own units
by the city bureau and the city government (行政处罚法 第五十九条第一款第（五）项、第（六）项、第二款; 行政复议法
第二十四条第一款第（一）项; 广东省劳动保障监察条例 第二十六条: the county-level department has jurisdiction). Every app
that names the organ of a case (documents, disclosure, the dishonest list) asks here.

The district is found from the bureau's name ("福田区人力资源局" → 福田区) in fazhi/rules/data/districts.toml, which
holds each district's government and its bureau's 文号 prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.accounts.models import Unit, UnitKind
from fazhi.rules import districts

ORGAN_KINDS = (UnitKind.DISTRICT_BUREAU, UnitKind.CITY_BUREAU)


class OrganUnknown(ValueError):
    """The organ or its reconsideration organ cannot be told from the unit tree and the data file (Chinese text)."""


@dataclass(frozen=True)
class Organ:
    name: str  # heads, signs and seals the documents (第五十九条第一款第（六）项、第二款)
    reconsideration: str  # the people's government that hears a reconsideration (复议法 第二十四条第一款第（一）项)
    prefix: str  # the organ's 发文机关代字: the head of its 文号 (GB/T 9704-2012 7.2.4)
    address: str = ""
    phone: str = ""


def deciding_unit(unit: Unit) -> Unit:
    """The district or city bureau at or above `unit` (the unit itself when the tree has none above it)."""
    current: Unit | None = unit
    while current is not None:
        if current.kind in ORGAN_KINDS:
            return current
        current = current.parent
    return unit


def deciding_organ(unit: Unit) -> Organ:
    """The organ that decides the cases of `unit`, with its reconsideration organ and 文号 prefix. Raises
    OrganUnknown when the unit has no bureau above it or the bureau's district is not in the data file: a document
    must never name a reconsideration organ by guess (复议法 第二十条第三款 gives the party up to a year when it is
    wrong)."""
    bureau = deciding_unit(unit)
    city = districts.city()
    if bureau.kind == UnitKind.CITY_BUREAU:
        return Organ(bureau.name, city.government, city.document_prefix, city.address, city.phone)
    if bureau.kind != UnitKind.DISTRICT_BUREAU:
        raise OrganUnknown(f"“{unit.name}”上级没有区局或市局，无法确定作出决定的行政机关，请系统管理员核对机构设置。")
    district = districts.district_of(bureau.name)
    if district is None or not district.government or not district.document_prefix:
        raise OrganUnknown(
            f"未找到“{bureau.name}”所在区的人民政府和发文机关代字（行政区划数据），无法写明复议机关，请系统管理员补充。"
        )
    return Organ(bureau.name, district.government, district.document_prefix, district.address, district.phone)
