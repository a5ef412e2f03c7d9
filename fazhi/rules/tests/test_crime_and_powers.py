"""The crime threshold of 拒不支付劳动报酬罪 (法释〔2013〕3号 第三条; Guangdong's figures, law digest §14.8) and the
power-and-responsibility list (every violation belongs to one power or to another department)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.rules.crime import Threshold, WageLine, check_wage_crime, months_unpaid
from fazhi.rules.powers import POWER_TYPES, PowerDataError, load_powers, power_list
from fazhi.rules.violations import all_violations, violation

SHENZHEN = Threshold(Decimal(20000), Decimal(100000))  # 粤高法发〔2015〕4号 第一项 (一类地区)
D = dt.date


def test_one_worker_unpaid_three_months_at_the_figure_reaches_the_threshold() -> None:
    assert check_wage_crime([WageLine(Decimal(20000), 3)], SHENZHEN).reached
    assert not check_wage_crime([WageLine(Decimal("19999.99"), 3)], SHENZHEN).reached
    assert not check_wage_crime([WageLine(Decimal(50000), 2)], SHENZHEN).reached  # less than three months' pay
    assert not check_wage_crime([WageLine(Decimal(50000), None)], SHENZHEN).reached  # months not known


def test_ten_workers_reach_the_threshold_in_total() -> None:
    ten = [WageLine(Decimal(10000), 1)] * 10
    nine = [WageLine(Decimal(20000), 1)] * 9
    result = check_wage_crime(ten, SHENZHEN)
    assert result.reached
    assert "10 名劳动者" in result.reasons[0]
    assert not check_wage_crime(nine, SHENZHEN).reached
    assert check_wage_crime(ten, Threshold(Decimal(10000), Decimal(60000))).reached  # 二类地区


@pytest.mark.parametrize(("one", "many"), [(4999, 100000), (20001, 100000), (20000, 29999), (20000, 100001)])
def test_a_provincial_figure_outside_the_spc_range_is_refused(one: int, many: int) -> None:
    with pytest.raises(ValueError, match="法释"):
        Threshold(Decimal(one), Decimal(many))


def test_months_unpaid_count_whole_months() -> None:
    assert months_unpaid(D(2025, 3, 1), D(2025, 5, 31)) == 3
    assert months_unpaid(D(2025, 3, 15), D(2025, 6, 13)) == 2
    assert months_unpaid(D(2025, 3, 15), D(2025, 6, 14)) == 3
    assert months_unpaid(None, D(2025, 6, 14)) is None


def test_every_violation_belongs_to_one_power_or_another_department() -> None:
    powers = power_list()
    for found in all_violations():
        power = powers.power_for(found.code)
        assert (power is None) is (found.code in powers.outside), found.code
    assert powers.power_for("lbjc30_1_obstruct_inspection").type == "行政处罚"  # type: ignore[union-attr]
    assert powers.power_for("lbjc26_1_wage_arrears").type == "行政处理"  # type: ignore[union-attr]
    assert {power.type for power in powers.powers} <= set(POWER_TYPES)
    assert {"行政处罚", "行政检查", "行政强制", "行政处理"} <= {power.type for power in powers.powers}
    assert powers.example
    assert "示例" in powers.name


def test_every_power_cites_its_articles() -> None:
    for power in power_list().powers:
        assert power.citations
        assert power.unit
        assert power.duties
        assert power.accountability


def test_a_power_list_that_leaves_a_violation_without_a_power_is_refused() -> None:
    data = {
        "powers": [
            {
                "code": "X",
                "name": "处罚",
                "type": "行政处罚",
                "basis": "劳动保障监察条例 第二十五条",
                "unit": "监察机构",
                "duties": "查处",
                "accountability": "追责",
                "violations": ["lbjc25_"],
            }
        ]
    }
    rows = (violation("lbjc25_overtime_excess"), violation("gdjc49_no_ledger"))
    with pytest.raises(PowerDataError, match="gdjc49_no_ledger"):
        load_powers(data, rows)
    data["powers"][0]["type"] = "行政许可"
    with pytest.raises(PowerDataError, match="type"):
        load_powers(data, rows[:1])
