"""manage.py seed_demo [--cases N]: the demo organisation and accounts, built through the real actions."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from fazhi.accounts.actions import AccountActionError, create_unit, create_user
from fazhi.accounts.models import Role, Unit, UnitKind
from fazhi.accounts.queries import unit_by_code
from fazhi.accounts.roles import ordered_role_labels

DEMO_PASSWORD = "fazhi-demo"  # noqa: S105  (the published demo password, product.md)
ROOT_CODE = "SZ"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    kind: str
    parent: str | None


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    unit: str
    roles: tuple[str, ...]
    certificate: str = ""
    legal_qualification: bool = False


def _district(code: str, district: str) -> list[DemoUnit]:
    bureau, brigade = f"{ROOT_CODE}-{code}", f"{ROOT_CODE}-{code}-JC"
    return [
        DemoUnit(bureau, f"{district}区人力资源局", UnitKind.DISTRICT_BUREAU, ROOT_CODE),
        DemoUnit(brigade, f"{district}区劳动监察大队", UnitKind.BRIGADE, bureau),
        DemoUnit(f"{brigade}-1", f"{district}区劳动监察大队第一中队", UnitKind.SQUAD, brigade),
        DemoUnit(f"{brigade}-2", f"{district}区劳动监察大队第二中队", UnitKind.SQUAD, brigade),
    ]


DEMO_UNITS: tuple[DemoUnit, ...] = (
    DemoUnit(ROOT_CODE, "深圳市人力资源和社会保障局", UnitKind.CITY_BUREAU, None),
    DemoUnit(f"{ROOT_CODE}-XXZX", "信息中心", UnitKind.DIVISION, ROOT_CODE),
    DemoUnit(f"{ROOT_CODE}-DZJC", "电子监察室", UnitKind.DIVISION, ROOT_CODE),
    *_district("FT", "福田"),
    *_district("NS", "南山"),
    *_district("BA", "宝安"),
)

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("inspector", "张伟", "SZ-FT-JC-1", (Role.INSPECTOR,), certificate="44030420260001"),
    DemoAccount("inspector2", "李娜", "SZ-FT-JC-1", (Role.INSPECTOR,), certificate="44030420260002"),
    DemoAccount("lead", "王强", "SZ-FT-JC-1", (Role.LEAD,), certificate="44030420260003"),
    DemoAccount("director", "刘洋", "SZ-FT", (Role.DIRECTOR,), certificate="44030420260004"),
    DemoAccount("legal", "陈静", "SZ-FT", (Role.LEGAL,), legal_qualification=True),
    DemoAccount("supervisor", "杨帆", "SZ-DZJC", (Role.SUPERVISOR,)),
    DemoAccount("sysadmin", "赵磊", "SZ-XXZX", (Role.SYSADMIN,)),
    DemoAccount("secadmin", "黄敏", "SZ-XXZX", (Role.SECADMIN,)),
    DemoAccount("auditadmin", "周婷", "SZ-XXZX", (Role.AUDITADMIN,)),
)


def non_negative_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"--cases 须为非负整数，而不是 {raw!r}")
    return value


def build_demo_organisation() -> dict[str, Unit]:
    """Create the demo units and accounts as the system (actor=None). Call inside a transaction."""
    units: dict[str, Unit] = {}
    for spec in DEMO_UNITS:
        parent = units[spec.parent] if spec.parent else None
        units[spec.code] = create_unit(actor=None, code=spec.code, name=spec.name, kind=spec.kind, parent=parent)
    for account in DEMO_ACCOUNTS:
        create_user(
            actor=None,
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            unit=units[account.unit],
            roles=account.roles,
            enforcement_certificate_number=account.certificate,
            has_legal_qualification=account.legal_qualification,
        )
    return units


class Command(BaseCommand):
    help = (
        "生成演示数据：深圳市人力资源和社会保障局及福田、南山、宝安三个区的劳动监察大队和中队，"
        f"以及演示账户（密码均为 {DEMO_PASSWORD}）。全部经由正式的业务操作写入并记入全过程记录。"
        "如数据库中已有演示机构，则不作任何更改。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--cases",
            type=non_negative_int,
            default=0,
            metavar="N",
            help="演示案件数量（非负整数）。案件办理功能尚未上线，目前接受此参数但不生成案件。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cases = options["cases"]
        if not isinstance(cases, int) or isinstance(cases, bool) or cases < 0:
            raise CommandError("--cases 须为非负整数。")
        if unit_by_code(ROOT_CODE) is not None:
            self.stdout.write(f"演示数据已存在（机构代码 {ROOT_CODE}），未作任何更改。")
        else:
            try:
                with transaction.atomic():
                    units = build_demo_organisation()
            except AccountActionError as error:
                raise CommandError(f"生成演示数据失败：{error.message}") from error
            self.stdout.write(self.style.SUCCESS(f"已生成 {len(units)} 个演示机构和 {len(DEMO_ACCOUNTS)} 个演示账户。"))
        if cases:
            self.stdout.write(f"提示：案件办理功能尚未上线，--cases {cases} 暂未生成演示案件。")
        self._print_accounts()

    def _print_accounts(self) -> None:
        names = {unit.code: unit.name for unit in Unit.objects.filter(code__in={a.unit for a in DEMO_ACCOUNTS})}
        self.stdout.write(f"\n演示账户（密码均为 {DEMO_PASSWORD}）：")
        for account in DEMO_ACCOUNTS:
            roles = "、".join(ordered_role_labels(account.roles))
            unit = names.get(account.unit, account.unit)
            self.stdout.write(f"  {account.username:<11} {account.full_name}　{roles}　{unit}")
