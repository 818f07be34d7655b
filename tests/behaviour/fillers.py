"""Fillers for the behavioural templates: councils, grades, areas, dates, people.

Councils come from the project's own gazetteer data (patterns/authorities.jsonl
and data/press_aliases.csv), so the suite follows the reference table rather
than a hand-kept copy of it. Everything else is general vocabulary of how the
press writes about Ofsted's children's services inspections.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from random import Random

REPO = Path(__file__).resolve().parents[2]
AUTHORITIES = REPO / "patterns" / "authorities.jsonl"
PRESS_ALIASES = REPO / "data" / "press_aliases.csv"

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Authority:
    """One row of the gazetteer: a council under one GSS code for a span of years."""

    name: str
    official_name: str
    gss_code: str
    la_type: str
    valid_from: int | None
    valid_to: int | None
    aliases: tuple[str, ...]

    def valid_in(self, year: int) -> bool:
        """Safely inside the row's years: the change-over year itself is avoided (changes fall in April)."""
        return (self.valid_from is None or self.valid_from < year) and (self.valid_to is None or year < self.valid_to)


@lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    rows = []
    for line in AUTHORITIES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            rows.append(Authority(d["name"], d["official_name"], d["gss_code"], d["la_type"],
                                  d.get("valid_from"), d.get("valid_to"), tuple(d.get("aliases") or ())))
    return tuple(rows)


def valid_in(year: int) -> list[Authority]:
    """Councils that exist in a year (the one valid at the article's date)."""
    return [a for a in authorities() if a.valid_in(year) and a.name != "Isles of Scilly"]


def changed() -> list[Authority]:
    """Rows that begin or end inside the period: the reorganisations and code changes."""
    return [a for a in authorities() if a.valid_from or a.valid_to]


# Names shared with a place of another kind or tier, which a template cannot tell apart.
_UNSAFE_ALIASES = {"Durham", "Richmond", "Scilly", "Scilly Isles"}


def name_forms(a: Authority) -> dict[str, str]:
    """Ways the press names one council: short, '… Council', official, 'the London Borough of …', aliases."""
    forms = {"short": a.name, "official": a.official_name}
    if a.la_type in ("unitary", "metropolitan_borough", "london_borough") and "Council" not in a.name:
        forms["council"] = f"{a.name} Council"
    if a.official_name.startswith(("London Borough of", "Royal Borough of", "City of")):
        forms["the_official"] = "the " + a.official_name
    for i, alias in enumerate(x for x in a.aliases if "," not in x and x not in _UNSAFE_ALIASES):
        forms[f"alias{i}"] = alias
    return forms


#: Trusts and companies that run one council's children's services, with years safely inside their life.
TRUST_YEARS = {
    "Birmingham Children's Trust": (2019, 2025),
    "Sandwell Children's Trust": (2019, 2025),
    "Slough Children's Services Trust": (2016, 2020),
    "Slough Children First": (2022, 2025),
    "Doncaster Children's Services Trust": (2015, 2021),
    "Together for Children": (2018, 2025),
    "Brighter Futures for Children": (2019, 2023),
    "Worcestershire Children First": (2020, 2023),
    "Bradford Children and Families Trust": (2024, 2025),
}


@lru_cache(maxsize=1)
def trusts() -> tuple[tuple[str, str, int, int], ...]:
    """(trust, council, first year, last year) for trusts that serve a single council."""
    out = []
    with PRESS_ALIASES.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "trust" and "|" not in row["council"] and row["pattern"] in TRUST_YEARS:
                out.append((row["pattern"], row["council"], *TRUST_YEARS[row["pattern"]]))
    return tuple(out)


# --- grades -------------------------------------------------------------------

GRADE_WORDS: dict[str, tuple[str, ...]] = {
    "outstanding": ("outstanding", "'outstanding'", "Outstanding", "‘outstanding’"),
    "good": ("good", "'good'", "Good", "‘good’"),
    "requires_improvement": ("requires improvement", "'requires improvement'", "requires improvement to be good",
                             "'requires improvement to be good'", "Requires Improvement", "‘requires improvement’"),
    "inadequate": ("inadequate", "'inadequate'", "Inadequate", "‘inadequate’"),
}
ILACS_GRADES = tuple(GRADE_WORDS)
OLD_GRADE_WORDS = {"outstanding": "outstanding", "good": "good", "adequate": "adequate", "inadequate": "inadequate"}
RANK = {"inadequate": 0, "requires_improvement": 1, "good": 2, "outstanding": 3}


def grade_word(rng: Random, grade: str, plain: bool = False) -> str:
    return GRADE_WORDS[grade][0] if plain else rng.choice(GRADE_WORDS[grade])


def a_an(word: str) -> str:
    return ("an " if word.strip("'‘").lower()[:1] in "aeiou" else "a ") + word


# --- areas by era (GUIDE: areas, ruling 9) -------------------------------------

SIF_AREAS = {  # 2013-2017
    "leadership": ("leadership, management and governance", "leadership"),
    "help_and_protection": ("children who need help and protection", "help and protection"),
    "children_in_care": ("children looked after and achieving permanence", "children in care"),
    "adoption": ("adoption performance", "adoption"),
    "care_leavers": ("experiences and progress of care leavers", "care leavers"),
}
ILACS_AREAS = {  # 2018-2022: children in care and care leavers are one judgement
    "leadership": ("the impact of leaders on social work practice with children and families", "leadership"),
    "help_and_protection": ("the experiences and progress of children who need help and protection",
                            "help and protection"),
    "children_in_care": ("the experiences and progress of children in care and care leavers", "children in care"),
}
ILACS_2023_AREAS = {  # 2023-: care leavers graded on their own
    "leadership": ("the impact of leaders on social work practice with children and families", "leadership"),
    "help_and_protection": ("the experiences and progress of children who need help and protection",
                            "help and protection"),
    "children_in_care": ("the experiences and progress of children in care", "children in care"),
    "care_leavers": ("the experiences and progress of care leavers", "care leavers"),
}
OLD_AREAS = {  # pre-2013 safeguarding and looked-after-children inspections
    "safeguarding": ("safeguarding services", "safeguarding"),
    "looked_after_children": ("services for looked after children", "looked after children"),
}


# --- dates ----------------------------------------------------------------------

def random_date(rng: Random, first_year: int, last_year: int, min_day: int = 1, max_day: int = 28) -> date:
    return date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(min_day, max_day))


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def iso(d: date, precision: str = "day") -> str:
    return {"year": f"{d.year}", "month": f"{d.year}-{d.month:02d}", "day": d.isoformat()}[precision]


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


# --- people and outlets (invented) ---------------------------------------------

REPORTERS = ("Jane Holloway", "Sam Okafor", "Priya Lal", "Tom Evans", "Ruth Ashdown", "Daniel Mercer")
ROLES = ("director of children's services", "cabinet member for children", "council leader", "chief executive")
