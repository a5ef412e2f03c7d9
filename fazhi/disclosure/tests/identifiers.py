"""The personal identifiers the no-leak property tests inject into case data (security.md): names of natural persons
other than the legal representative, ID-card numbers, phone numbers, bank accounts and home addresses. Shared by the
tests of every public list (decisions, major violations, the dishonest list)."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import strategies as st

from fazhi.rules.identifiers import make_id_number

# Characters that appear in no page text, employer name or legal representative of these tests.
RARE = "甄贾芮羿储靳汲邴糜焦巴弓牧隗宓蓬郗仰伊宫"
names = st.text(alphabet=RARE, min_size=3, max_size=4)


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
    }
