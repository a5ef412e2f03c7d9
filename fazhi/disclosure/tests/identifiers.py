"""The personal identifiers the no-leak property tests inject into case data (security.md): names of natural persons
other than the legal representative, ID-card numbers, phone numbers, bank accounts and home addresses — also written
the ways a redaction of exact strings misses (security review M2): a name with spaces or dots between its characters,
numbers in groups, an address after 住在, a witness the case never declared. Shared by the tests of every public list
(decisions, major violations, the dishonest list)."""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import strategies as st

from fazhi.rules.identifiers import make_id_number

# Characters that appear in no page text, employer name or legal representative of these tests.
RARE = "甄贾芮羿储靳汲邴糜焦巴弓牧隗宓蓬郗仰伊宫"
names = st.text(alphabet=RARE, min_size=3, max_size=4)
# A witness: a common surname (fazhi.rules.titled_names) and a given name of two rare characters.
witnesses = st.tuples(st.sampled_from("焦储靳巴"), st.text(alphabet=RARE, min_size=2, max_size=2)).map("".join)
# What may stand between the characters of a name or the groups of a number.
gaps = st.sampled_from([" ", "\u3000", "·", "-", "\u200b", "  "])
_SEPARATORS = re.compile("[\\s\u3000\u200b·\\-]")


@st.composite
def identifiers(draw: st.DrawFn) -> dict[str, str]:
    """A complainant, a worker and a manager (a directly responsible person), two ID numbers, a mobile number, a bank
    account and a home address."""
    rng = random.Random(draw(st.integers(min_value=0, max_value=10**9)))
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(12000))
    return {
        "complainant": draw(names),
        "worker": draw(names),
        "manager": draw(names),
        "id_number": make_id_number(rng, birth=birth),
        "worker_id": make_id_number(rng, birth=birth + dt.timedelta(days=400)),
        "phone": f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
        "account": f"6222{rng.randrange(10**15):015d}",
        "home": f"{draw(names)}花园{rng.randrange(1, 30)}栋{rng.randrange(101, 2999)}",
        "witness": draw(witnesses),
    }


def spelled(values: dict[str, str], gap: str) -> str:
    """A sentence that carries the identifiers in the spellings of security review M2: the names with `gap` between
    their characters, the mobile number in 3-3-5 groups, the ID numbers in 6-8-4 groups with dashes (their check
    character last), the home after 住在, and a witness named only in the text."""
    phone, first, second = values["phone"], values["id_number"], values["worker_id"]
    return (
        f"另查，投诉人{gap.join(values['complainant'])}（电话 {phone[:3]}{gap}{phone[3:6]}{gap}{phone[6:]}，身份证 "
        f"{first[:6]}-{first[6:14]}-{first[14:]}）住在{values['home']}；劳动者{gap.join(values['worker'])}（身份证号 "
        f"{second[:4]} {second[4:8]} {second[8:12]} {second[12:16]} {second[16:]}）；证人{values['witness']}称属实。"
    )


def leaks(body: str, values: dict[str, str]) -> list[str]:
    """The identifiers `body` still carries, written as injected or with the separators of `spelled` taken out."""
    squeezed = _SEPARATORS.sub("", body)
    return [f"{name} {secret!r}" for name, secret in values.items() if secret in body or secret in squeezed]
