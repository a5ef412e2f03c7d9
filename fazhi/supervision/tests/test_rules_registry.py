"""Every supervision rule is registered once and says, in Chinese, what it checks and on which basis; where no article
carries a rule, its citation says it is an internal control (B8 of the 2026-12 legal review)."""

from __future__ import annotations

import re

import pytest

from fazhi.supervision.rules import BY_CODE, MODULES, RULES

# What a user may read in a citation: Chinese, article numbers, GB numbers; no file names or codes.
NO_CODE = re.compile(r"[a-z_]+\.(toml|csv|py)|fazhi/")


def test_every_module_registers_one_rule_with_its_own_code_and_a_chinese_citation_and_explanation() -> None:
    assert len(RULES) == len(BY_CODE) == len(MODULES)
    for rule in RULES:
        assert rule.name, rule.code
        assert rule.citation, rule.code
        assert rule.explanation, rule.code
        assert not NO_CODE.search(rule.citation), rule.code


@pytest.mark.parametrize(
    ("code", "cites", "not_cited"),
    [
        # 广东省劳动保障监察条例 第五十三条 aggravates a repeat after a penalty, not cases closed without one.
        ("repeat_without_penalty", "第三十三条第一款", "第五十三条"),
        # 行政处罚法 第五十七条、第五十八条 do not state the separation of review and decision in words.
        ("decider_is_proposer", "内部控制", "第五十八条"),
        # 及时 is 劳动保障监察条例 第十四条第二款 (及时立案); 第十七条 is the 60-working-day limit.
        ("idle_case", "第十四条第二款（及时立案）", "第十七条（及时查处）"),
        # 广东省劳动保障监察条例 第四十八条 is the filing with the superior department, not closing.
        ("document_after_closing", "行政处罚法 第四十七条", "第四十八条"),
    ],
)
def test_the_rules_the_review_found_unsupported_cite_the_right_article_or_say_they_are_internal_controls(
    code: str, cites: str, not_cited: str
) -> None:
    citation = BY_CODE[code].citation
    assert cites in citation
    assert not_cited not in citation
    assert "内部控制" in citation
