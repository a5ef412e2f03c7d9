"""manage.py seed_demo [--cases N]: the demo organisation, accounts and cases, built through the real actions."""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from fazhi.accounts.actions import AccountActionError, create_unit, create_user, set_unit_principal
from fazhi.accounts.models import Role, Unit, UnitKind, User
from fazhi.accounts.queries import unit_by_code
from fazhi.accounts.roles import ordered_role_labels
from fazhi.cases.actions import CaseActionError
from fazhi.complaints.actions import ComplaintError
from fazhi.demo.cases import DEFAULT_CASES, MUST_HAVE, DemoDataError, demo_cases_exist, seed_demo_cases
from fazhi.demo.complaints import file_demo_complaints
from fazhi.demo.disclosure import publish_demo_decisions
from fazhi.demo.dishonest_list import seed_demo_listings
from fazhi.demo.documents import issue_demo_documents
from fazhi.demo.major_violations import publish_demo_major_violations
from fazhi.demo.remedies import seed_demo_remedies
from fazhi.demo.second_factor import DEMO_TOTP_SECRET, demo_otpauth_uri, enrol_demo_administrators
from fazhi.demo.suggestions import seed_demo_suggestions
from fazhi.demo.transfer import seed_demo_transfer
from fazhi.disclosure.actions import DisclosureError, publish_checkpoint, publish_officers
from fazhi.dishonest_list.actions import ListingError
from fazhi.documents.actions import DocumentError
from fazhi.major_violations.actions import MajorViolationError
from fazhi.remedies.actions import RemedyError
from fazhi.remedies.documents import IssueFailed, IssueRefused
from fazhi.suggestions.actions import SuggestionError

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
    # The city bureau's intake: routes the portal complaints whose address names no district.
    DemoAccount("city_lead", "钱进", "SZ", (Role.LEAD,), certificate="44030020260001"),
    # The city bureau's 正职负责人 (its principal head, PRINCIPALS).
    DemoAccount("city_leader", "林国栋", "SZ", (Role.LEADER,), certificate="44030020260008"),
    DemoAccount("inspector", "张伟", "SZ-FT-JC-1", (Role.INSPECTOR,), certificate="44030420260001"),
    DemoAccount("inspector2", "李娜", "SZ-FT-JC-1", (Role.INSPECTOR,), certificate="44030420260002"),
    DemoAccount("lead", "王强", "SZ-FT-JC-1", (Role.LEAD,), certificate="44030420260003"),
    # A third officer of the squad, to take over a case on reassignment or recusal (行政处罚法 第四十二、四十三条).
    DemoAccount("inspector3", "陈刚", "SZ-FT-JC-1", (Role.INSPECTOR,), certificate="44030420260099"),
    DemoAccount("director", "刘洋", "SZ-FT", (Role.DIRECTOR,), certificate="44030420260004"),
    # The district bureau's leader (局领导): the organ's 负责人, who decides, and who has delegated some of that in
    # writing to the director (fazhi.demo.cases.DELEGATIONS).
    DemoAccount("leader", "孙建国", "SZ-FT", (Role.LEADER,), certificate="44030420260008"),
    DemoAccount("legal", "陈静", "SZ-FT", (Role.LEGAL,), legal_qualification=True),
    # The other squads and districts, so that each district can work its demo cases (fazhi.demo.cases.TEAMS).
    DemoAccount("ft2_inspector", "吴磊", "SZ-FT-JC-2", (Role.INSPECTOR,), certificate="44030420260005"),
    DemoAccount("ft2_inspector2", "郑丽", "SZ-FT-JC-2", (Role.INSPECTOR,), certificate="44030420260006"),
    DemoAccount("ft2_lead", "冯军", "SZ-FT-JC-2", (Role.LEAD,), certificate="44030420260007"),
    DemoAccount("ns_inspector", "何勇", "SZ-NS-JC-1", (Role.INSPECTOR,), certificate="44030520260001"),
    DemoAccount("ns_inspector2", "马琳", "SZ-NS-JC-1", (Role.INSPECTOR,), certificate="44030520260002"),
    DemoAccount("ns_lead", "高峰", "SZ-NS-JC-1", (Role.LEAD,), certificate="44030520260003"),
    DemoAccount("ns_director", "罗斌", "SZ-NS", (Role.DIRECTOR,), certificate="44030520260004"),
    DemoAccount("ns_leader", "邓海", "SZ-NS", (Role.LEADER,), certificate="44030520260008"),
    DemoAccount("ns_legal", "梁洁", "SZ-NS", (Role.LEGAL,), legal_qualification=True),
    DemoAccount("ba_inspector", "林涛", "SZ-BA-JC-1", (Role.INSPECTOR,), certificate="44030620260001"),
    DemoAccount("ba_inspector2", "谢芳", "SZ-BA-JC-1", (Role.INSPECTOR,), certificate="44030620260002"),
    DemoAccount("ba_lead", "韩冰", "SZ-BA-JC-1", (Role.LEAD,), certificate="44030620260003"),
    DemoAccount("ba_director", "唐亮", "SZ-BA", (Role.DIRECTOR,), certificate="44030620260004"),
    DemoAccount("ba_leader", "曾伟", "SZ-BA", (Role.LEADER,), certificate="44030620260008"),
    DemoAccount("ba_legal", "许静", "SZ-BA", (Role.LEGAL,), legal_qualification=True),
    DemoAccount("supervisor", "杨帆", "SZ-DZJC", (Role.SUPERVISOR,)),
    DemoAccount("sysadmin", "赵磊", "SZ-XXZX", (Role.SYSADMIN,)),
    DemoAccount("secadmin", "黄敏", "SZ-XXZX", (Role.SECADMIN,)),
    DemoAccount("auditadmin", "周婷", "SZ-XXZX", (Role.AUDITADMIN,)),
)


# Each bureau's 正职负责人, who alone approves a transfer to the police (行政执法机关移送涉嫌犯罪案件的规定 第五条).
PRINCIPALS: dict[str, str] = {"SZ": "city_leader", "SZ-FT": "leader", "SZ-NS": "ns_leader", "SZ-BA": "ba_leader"}


def non_negative_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"--cases 须为非负整数，而不是 {raw!r}")
    return value


def _create_account(account: DemoAccount, unit: Unit) -> None:
    create_user(
        actor=None,
        username=account.username,
        password=DEMO_PASSWORD,
        full_name=account.full_name,
        unit=unit,
        roles=account.roles,
        enforcement_certificate_number=account.certificate,
        has_legal_qualification=account.legal_qualification,
    )


def build_demo_organisation() -> dict[str, Unit]:
    """Create the demo units and accounts as the system (actor=None). Call inside a transaction."""
    units: dict[str, Unit] = {}
    for spec in DEMO_UNITS:
        parent = units[spec.parent] if spec.parent else None
        units[spec.code] = create_unit(actor=None, code=spec.code, name=spec.name, kind=spec.kind, parent=parent)
    for account in DEMO_ACCOUNTS:
        _create_account(account, units[account.unit])
    _name_principals()
    return units


def _name_principals() -> list[str]:
    """Name each demo bureau's principal head where none is named yet; returns the bureaus named."""
    named = []
    for code, username in PRINCIPALS.items():
        unit = unit_by_code(code)
        user = User.objects.filter(username=username, is_active=True).first()
        if unit is not None and user is not None and unit.principal_id is None:
            set_unit_principal(actor=None, unit=unit, principal=user)
            named.append(code)
    return named


def add_missing_demo_accounts() -> list[str]:
    """Create the demo accounts a demo organisation made by an earlier version lacks; returns their usernames."""
    present = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list("username", flat=True)
    )
    added = []
    for account in DEMO_ACCOUNTS:
        unit = unit_by_code(account.unit)
        if account.username not in present and unit is not None:
            _create_account(account, unit)
            added.append(account.username)
    _name_principals()
    return added


class Command(BaseCommand):
    help = (
        "生成演示数据：深圳市人力资源和社会保障局及福田、南山、宝安三个区的劳动监察大队和中队，"
        f"演示账户（密码均为 {DEMO_PASSWORD}），以及演示案件（默认 {DEFAULT_CASES} 件，覆盖办案流程的每个状态）。"
        "全部经由正式的业务操作写入并记入全过程记录。已有演示机构时不再重建机构；已有演示案件时不再生成案件。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--cases",
            type=non_negative_int,
            default=DEFAULT_CASES,
            metavar="N",
            help=(
                f"演示案件数量（非负整数，默认 {DEFAULT_CASES}；0 表示不生成案件）。案件收到日期分布在 2026 年 1 月至"
                "10 月，由各区演示账户按日期逐步办理；演示机构中已有案件时不再生成。"
            ),
        )

        parser.add_argument(
            "--documents",
            type=non_negative_int,
            default=1,
            metavar="N",
            help="每个办案状态为前 N 件演示案件制发当前可制发的文书（非负整数，默认 1；0 表示不制发）。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cases = options["cases"]
        self.documents_per_state = int(options["documents"])
        if not isinstance(cases, int) or isinstance(cases, bool) or cases < 0:
            raise CommandError("--cases 须为非负整数。")
        try:
            self._organisation()
            if cases:
                self._cases(cases)
        except AccountActionError as error:
            raise CommandError(f"生成演示数据失败：{error.message}") from error
        except (
            CaseActionError,
            ComplaintError,
            DemoDataError,
            DocumentError,
            DisclosureError,
            ListingError,
            MajorViolationError,
            SuggestionError,
            RemedyError,
            IssueFailed,
            IssueRefused,
        ) as error:
            raise CommandError(f"生成演示案件失败：{error.message}") from error
        self._print_accounts()

    def _organisation(self) -> None:
        if unit_by_code(ROOT_CODE) is None:
            with transaction.atomic():
                units = build_demo_organisation()
                enrol_demo_administrators([account.username for account in DEMO_ACCOUNTS])
            self.stdout.write(self.style.SUCCESS(f"已生成 {len(units)} 个演示机构和 {len(DEMO_ACCOUNTS)} 个演示账户。"))
            return
        with transaction.atomic():
            added = add_missing_demo_accounts()
            enrolled = enrol_demo_administrators([account.username for account in DEMO_ACCOUNTS])
        if added:
            self.stdout.write(self.style.SUCCESS(f"演示机构已存在；补充生成演示账户：{'、'.join(added)}。"))
        if enrolled:
            self.stdout.write(self.style.SUCCESS(f"已为演示账户绑定演示动态验证码：{'、'.join(enrolled)}。"))
        if not added and not enrolled:
            self.stdout.write(f"演示数据已存在（机构代码 {ROOT_CODE}），未作任何更改。")

    def _cases(self, count: int) -> None:
        if demo_cases_exist():
            self.stdout.write("演示案件已存在，未生成新案件。")
            return
        began = time.monotonic()
        made = seed_demo_cases(count=count)
        every_state = "，覆盖办案流程的每个状态" if made >= len(MUST_HAVE) else ""
        seconds = time.monotonic() - began
        self.stdout.write(self.style.SUCCESS(f"已生成 {made} 件演示案件（用时 {seconds:.0f} 秒）{every_state}。"))
        for receipt, phone in file_demo_complaints():
            self.stdout.write(
                self.style.SUCCESS(
                    f"门户网站演示投诉举报：查询码 {receipt.code}，联系电话 {phone}（已分派至{receipt.unit_name}）。"
                )
            )
        if made:
            listings = seed_demo_listings()
            self.stdout.write(self.style.SUCCESS(f"已生成 {listings} 条拖欠农民工工资失信联合惩戒名单记录。"))
            received = seed_demo_suggestions()
            self.stdout.write(
                self.style.SUCCESS(f"已登记 {received} 件司法建议和检察建议（一件已按期逐条答复，一件办理中）。")
            )
            transferred = seed_demo_transfer()
            self.stdout.write(self.style.SUCCESS(f"已将 {transferred} 件涉嫌拒不支付劳动报酬罪的案件移送公安机关。"))
        if made and self.documents_per_state:
            began = time.monotonic()
            documents = issue_demo_documents(per_state=self.documents_per_state)
            seconds = time.monotonic() - began
            self.stdout.write(self.style.SUCCESS(f"已为部分演示案件制发 {documents} 份文书（用时 {seconds:.0f} 秒）。"))
            published = publish_demo_decisions()
            self.stdout.write(self.style.SUCCESS(f"已在门户网站公示 {published} 份行政处罚决定。"))
            remedies = seed_demo_remedies()
            self.stdout.write(
                self.style.SUCCESS(f"已生成 {remedies} 件行政复议、行政诉讼记录（复议维持、一审驳回、二审撤销）。")
            )
            selected, announced = publish_demo_major_violations()
            self.stdout.write(
                self.style.SUCCESS(f"已选定 {selected} 件重大劳动保障违法行为，按季度公布 {announced} 件。")
            )
            officers = publish_officers()
            checkpoint = publish_checkpoint()
            self.stdout.write(
                self.style.SUCCESS(
                    f"已公示 {officers} 名执法人员和全过程记录检查点（第 1 至 {checkpoint.tree_size} 条）。"
                )
            )

    def _print_accounts(self) -> None:
        names = {unit.code: unit.name for unit in Unit.objects.filter(code__in={a.unit for a in DEMO_ACCOUNTS})}
        self.stdout.write(f"\n演示账户（密码均为 {DEMO_PASSWORD}）：")
        for account in DEMO_ACCOUNTS:
            roles = "、".join(ordered_role_labels(account.roles))
            unit = names.get(account.unit, account.unit)
            self.stdout.write(f"  {account.username:<15} {account.full_name}　{roles}　{unit}")
        self.stdout.write(
            "\n【仅供演示】系统管理员、安全管理员、审计管理员（sysadmin、secadmin、auditadmin）登录时还须输入动态验证码。"
            f"\n  演示密钥：{DEMO_TOTP_SECRET}（公开的演示密钥，任何人都能据此算出验证码，切勿用于真实系统）"
            f"\n  在手机认证器应用中选择“手动输入密钥”（基于时间）添加，或导入：{demo_otpauth_uri()}"
            "\n  或运行 manage.py demo_totp_code 显示当前验证码。"
        )
