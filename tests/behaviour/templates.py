"""Capabilities → templates: short texts written the way the press and councils report Ofsted
children's services inspections in general, each with the facts a careful reader takes from it.

A capability is a list of `Template`s and one `fill(rng)` that draws every slot its templates use.
A template's `expect` is a partial record per council (only the fields the template settles);
a value "{slot}" stands for the slot's raw value (None, a dict, an int), any other string is
formatted. `expect=()` means the text must yield no record at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Any, Callable

from . import fillers as F
from .fillers import MONTHS, a_an, add_days, iso, long_date, weekday

Slots = dict[str, Any]


@dataclass(frozen=True)
class Template:
    text: str
    expect: tuple[dict[str, Any], ...] | str = ({"council": "{council}", "grade": "{grade}"},)
    note: str = ""  # what varies, where the text itself is built by the capability's fill


@dataclass(frozen=True)
class Capability:
    name: str
    doc: str
    templates: tuple[Template, ...]
    fill: Callable[..., Slots]  # fill(rng), or fill(rng, i) when `indexed` (to cycle through a list)
    n: int = 140
    indexed: bool = False


# --- shared slot helpers --------------------------------------------------------------------

def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def dateline(rng: Random, d: date) -> str:
    """A plain, unambiguous page date; the dateline capability varies the forms."""
    return rng.choice([f"Published: {long_date(d)}", f"{long_date(d)}",
                       f"By {rng.choice(F.REPORTERS)}\n{long_date(d)}", f"Published on {long_date(d)}"])


def council_slots(rng: Random, year: int, forms: tuple[str, ...] = ("short", "council", "official"),
                  suffix: str = "") -> Slots:
    """A council valid in `year` named in one of `forms` (falling back to its short name)."""
    a = rng.choice(F.valid_in(year))
    named = F.name_forms(a)
    form = named.get(rng.choice(forms), a.name)
    return {f"C{suffix}": form, f"Cs{suffix}": possessive(form), f"council{suffix}": a.name,
            f"ons{suffix}": a.gss_code}


def headline_case(text: str) -> str:
    """Each word capitalised, as headlines do ("Children's", not str.title()'s "Children'S")."""
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


def existed_in(name: str, year: int) -> bool:
    """Whether the council had this name in a year (a prior inspection cannot predate the council)."""
    return any(a.name == name and a.valid_in(year) for a in F.authorities())


def article(rng: Random, first: int = 2014, last: int = 2025) -> Slots:
    d = F.random_date(rng, first, last)
    return {"dl": dateline(rng, d), "adate": iso(d), "year": d.year, "_d": d}


def graded(rng: Random, grades: tuple[str, ...] = F.ILACS_GRADES, suffix: str = "") -> Slots:
    g = rng.choice(grades)
    word = F.grade_word(rng, g)
    return {f"grade{suffix}": g, f"g{suffix}": word, f"a_g{suffix}": a_an(word)}


def base(rng: Random, first: int = 2014, last: int = 2025, **kw: Any) -> Slots:
    s = article(rng, first, last)
    s.update(council_slots(rng, s["year"], **kw))
    s.update(graded(rng))
    return s


# --- 1. council name forms ----------------------------------------------------------------------

def _fill_council_names(rng: Random, i: int) -> Slots:
    """Every row of the gazetteer in turn (each era of each authority), then trusts, in a year the row is valid."""
    rows = [a for a in F.authorities() if a.name != "Isles of Scilly"]
    if i >= len(rows):  # a trust or company that runs the council's children's services
        trust, council, first, last = F.trusts()[i % len(F.trusts())]
        s = article(rng, first, last)
        s.update({"C": trust, "Cs": possessive(trust), "council": council})
        s.update(graded(rng))
        return s
    a = rows[i]
    year = rng.choice([y for y in range(2008, 2027) if a.valid_in(y)])
    d = date(year, rng.randint(1, 3) if year == 2026 else rng.randint(1, 12), rng.randint(1, 28))
    form = rng.choice(list(F.name_forms(a).values()))
    s = {"dl": dateline(rng, d), "adate": iso(d), "year": year, "C": form, "Cs": possessive(form), "council": a.name}
    s.update(graded(rng, F.ILACS_GRADES if year >= 2014 else ("good", "outstanding", "inadequate")))
    return s


COUNCIL_NAMES = Capability(
    "council_names", "every authority valid at the article's date, by short, official, '… Council', "
    "'the London Borough of …' and alias forms, and trusts that run a council's services",
    (
        Template("{dl}\n\n{Cs} children's services have been rated {g} by Ofsted."),
        Template("{dl}\n\nOfsted has rated children's services at {C} as {g}."),
        Template("{dl}\n\nInspectors from Ofsted judged the children's services provided by {C} to be {g}."),
        Template("{dl}\n\n{C} has been told its children's services are {g} following an Ofsted inspection."),
        Template("{dl}\n\nServices for vulnerable children run by {C} are {g}, according to Ofsted."),
        Template("{C}: Ofsted rates children's services {g}\n\n{dl}\n\nThe inspection report was published this week."),
        Template("{dl}\n\nOfsted's inspection of {C} found its help for vulnerable children to be {g}."),
    ),
    _fill_council_names, n=171 + 3 * 9, indexed=True,
)


# --- 2. case --------------------------------------------------------------------------------------

def _fill_case(rng: Random) -> Slots:
    s = base(rng, forms=("short", "council", "official"))
    s["cl"], s["cu"] = s["C"].lower(), s["C"].upper()
    s["csl"], s["csu"] = possessive(s["C"]).lower(), possessive(s["C"]).upper()
    s["g_plain"] = F.grade_word(rng, s["grade"], plain=True)
    s["gu"] = s["g_plain"].upper()
    s["ct"], s["gt"] = headline_case(possessive(s["C"])), headline_case(s["g_plain"])
    return s


COUNCIL_CASE = Capability(
    "council_case", "council names in lower case and in capitals (headlines, social posts)",
    (
        Template("{dl}\n\nChildren's services at {cl} have been rated {g_plain} by Ofsted."),
        Template("{dl}\n\nofsted has rated {csl} children's services {g_plain} after a two-week inspection."),
        Template("{dl}\n\n{cu} has been rated {g_plain} by Ofsted for its children's services."),
        Template("{cu} CHILDREN'S SERVICES RATED {gu} BY OFSTED\n\n{dl}\n\nInspectors published their findings this week."),
        Template("{dl}\n\n{csu} CHILDREN'S SERVICES ARE {gu}, SAYS OFSTED"),
        Template("{dl}\n\n{ct} Children's Services Rated {gt} By Ofsted"),
    ),
    _fill_case, n=108,
)


# --- 3. grade phrasings -----------------------------------------------------------------------------

def _fill_grades(rng: Random) -> Slots:
    s = base(rng)
    up = [g for g in F.ILACS_GRADES if g != "inadequate"]
    s["up"] = rng.choice(up)
    s["g_up"] = F.grade_word(rng, s["up"])
    s["down"] = rng.choice(["inadequate", "requires_improvement"])
    s["g_down"] = F.grade_word(rng, s["down"])
    s["lowest"] = rng.choice(["its lowest possible rating", "the lowest rating", "the bottom grade", "its lowest grade"])
    s["highest"] = rng.choice(["the highest grade", "the top rating", "the highest possible rating"])
    return s


def _g(slot: str) -> tuple[dict[str, Any], ...]:
    return ({"council": "{council}", "grade": "{%s}" % slot},)


GRADE_PHRASINGS = Capability(
    "grade_phrasings", "rated / judged / graded / found to be / given … a rating / awarded / handed / "
    "moved up to / downgraded to / lowest and highest grade",
    (
        Template("{dl}\n\n{C} has been rated {g} by Ofsted."),
        Template("{dl}\n\nOfsted inspectors judged {Cs} children's services to be {g}."),
        Template("{dl}\n\n{Cs} children's services were graded {g} by the watchdog Ofsted."),
        Template("{dl}\n\nOfsted inspectors found {Cs} services for children to be {g} overall."),
        Template("{dl}\n\nOfsted has given {C} {a_g} rating for its children's services."),
        Template("{dl}\n\n{C} has been awarded {a_g} rating by Ofsted for its children's services."),
        Template("{dl}\n\nOfsted handed {Cs} children's services {a_g} rating after inspectors visited."),
        Template("{dl}\n\n{Cs} children's services were found to be {g} when Ofsted inspected them."),
        Template("{dl}\n\n{Cs} children's services have moved up to {g_up}, Ofsted says.", _g("up")),
        Template("{dl}\n\n{Cs} children's services have been downgraded to {g_down} by Ofsted.", _g("down")),
        Template("{dl}\n\nOfsted has given {Cs} children's services {lowest} after an inspection.",
                 ({"council": "{council}", "grade": "inadequate"},)),
        Template("{dl}\n\n{Cs} children's services have been awarded {highest} by Ofsted inspectors.",
                 ({"council": "{council}", "grade": "outstanding"},)),
        Template("{dl}\n\nThe overall effectiveness of {Cs} children's services was judged {g} by Ofsted."),
        Template("{dl}\n\n{C} has achieved {a_g} rating from Ofsted for its children's services."),
        Template("{dl}\n\nOfsted deemed {Cs} children's services {g} after a two-week inspection."),
        Template("{dl}\n\n{Cs} children's services were given a rating of {g} by Ofsted inspectors."),
        Template("{dl}\n\n{C} received {a_g} judgement from Ofsted for the way it supports vulnerable children."),
        Template("{dl}\n\nThe watchdog Ofsted has rated children's services at {C} as {g} overall."),
    ),
    _fill_grades, n=162,
)


# --- 4. reference by "the council" / "it" / "the authority" ---------------------------------------

COREFERENCE = Capability(
    "coreference", "the grade is given in a later sentence to 'the council', 'it' or 'the authority'",
    (
        Template("{dl}\n\nOfsted inspectors spent two weeks looking at {Cs} children's services. "
                 "The council's services were rated {g} overall."),
        Template("{dl}\n\n{C} has received the findings of its latest Ofsted inspection of children's services. "
                 "It was rated {g}."),
        Template("{dl}\n\nOfsted has published its report on {Cs} services for vulnerable children. "
                 "The authority was judged {g}, the report said."),
        Template("{dl}\n\nOfsted inspectors visited {C} to look at how it helps and protects children. "
                 "They rated the local authority {g}."),
        Template("{dl}\n\nOfsted has inspected children's social care at {C}. Inspectors said the council "
                 "was {g} and praised its social workers."),
        Template("{dl}\n\nA report on {C} has been published by Ofsted. The council's children's services "
                 "have been judged {g}, the same as at the previous inspection."
                 , ({"council": "{council}", "grade": "{grade}"},)),
        Template("{dl}\n\nThe {role} at {C} said staff had worked hard ahead of the Ofsted inspection. "
                 "The authority's services for children were rated {g}."),
    ),
    lambda rng: dict(base(rng), role=rng.choice(F.ROLES)), n=112,
)


# --- 5. datelines and bylines ------------------------------------------------------------------------

def _fill_datelines(rng: Random) -> Slots:
    s = base(rng, 2009, 2025)
    d: date = s["_d"]
    mon = MONTHS[d.month - 1]
    who = rng.choice(F.REPORTERS)
    forms = [
        f"Published: {long_date(d)}",
        f"{rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}, {d.day:02d} {mon[:3]} {d.year}",
        f"Date: {d.day} {mon[:3].upper()} {d.year}",
        f"Date:{d.day} {mon[:3].upper()} {d.year}",
        f"Posted on {long_date(d)} by {who}",
        f"Last updated: {long_date(d)}",
        f"Last updated {d.day:02d}/{d.month:02d}/{d.year}",
        f"By {who}\n{weekday(d)} {long_date(d)}",
        f"{weekday(d)}, {F.ordinal(d.day)} {mon} {d.year}",
        f"Home > News > Children and families\n\nPublished {d.day:02d}/{d.month:02d}/{d.year}",
        f"First published on {long_date(d)}",
        f"{who} | {long_date(d)}",
        f"Meeting: {d.day:02d}/{d.month:02d}/{d.year}",
        f"News release\n{long_date(d)}",
    ]
    s["dl"] = rng.choice(forms)
    s["g"] = F.grade_word(rng, rng.choice(["good", "outstanding", "inadequate"]), plain=True)
    return s


DATELINES = Capability(
    "datelines", "the page's own date from datelines, bylines, 'Published', 'Posted on', 'Last updated', "
    "'Date:' and timestamp lines",
    tuple(Template(t, ({"council": "{council}", "article_date": "{adate}"},)) for t in (
        "{dl}\n\n{Cs} children's services have been rated {g} by Ofsted.",
        "{dl}\n\nOfsted has rated {C} {g} for its children's services, the council said.",
        "Children's services news\n\n{dl}\n\nOfsted inspectors have judged {Cs} children's services to be {g}.",
    )),
    _fill_datelines, n=120,
)


# --- 6. inspection dates --------------------------------------------------------------------------------

def _month_after(d: date, day: int) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, day)


def _fill_inspection_dates(rng: Random) -> Slots:
    s = base(rng, 2015, 2025)
    y = s["year"]
    kind = rng.randrange(14)
    m = rng.randint(1, 9)
    mon, mon2 = MONTHS[m - 1], MONTHS[m]
    d1 = rng.randint(1, 14)
    d2 = d1 + rng.randint(4, 11)
    start = date(y, m, d1)
    when, prec = {
        0: (f"between {d1} and {d2} {mon} {y}", "day"),
        1: (f"from {d1} to {d2} {mon} {y}", "day"),
        2: (f"from {d1} {mon} to {d2} {mon} {y}", "day"),
        3: (f"from {d1}-{d2} {mon} {y}", "day"),
        4: (f"on {d1} {mon} {y}", "day"),
        5: (f"in {mon} {y}", "month"),
        6: (f"in {mon}", "month"),
        7: ("last month", "month"),
        8: ("earlier this year", "year"),
        9: (f"in late {mon}/early {mon2} {y}", "month"),
        10: (f"from {d2 + 3} {mon} to {d1} {mon2} {y}", "day"),
        11: (f"between {d1} and {d2} {mon}", "day"),
        12: (f"in {mon} last year", "month"),
        13: (f"from {d1} {mon} {y} to {d2} {mon} {y}", "day"),
    }[kind]
    if kind == 10:
        start = date(y, m, d2 + 3)
    if kind == 12:  # "last year": the article is in the next year
        start = date(y - 1, m, d1)
        adate = date(y, rng.randint(1, 6), rng.randint(1, 28))
    elif kind == 7:
        adate = _month_after(start, rng.randint(3, 26))
    else:
        adate = add_days(start, rng.randint(35, 80))
    s.update({"dl": dateline(rng, adate), "adate": iso(adate), "when": when, "idate": iso(start, prec),
              "M": mon, "idate_m": iso(start, "month")})
    return s


def _i(date_slot: str = "idate") -> tuple[dict[str, Any], ...]:
    return ({"council": "{council}", "grade": "{grade}", "inspection_date": "{%s}" % date_slot},)


INSPECTION_DATES = Capability(
    "inspection_dates", "single days, same-month and cross-month spans, 'in February', 'last month', "
    "'earlier this year', 'late February/early March', 'following the March inspection'",
    (
        Template("{dl}\n\n{Cs} children's services have been rated {g} by Ofsted following an inspection {when}.", _i()),
        Template("{dl}\n\nOfsted inspectors visited {C} {when} and judged its children's services to be {g}.", _i()),
        Template("{dl}\n\n{C} has been rated {g} by Ofsted. Inspectors visited the council's children's services {when}.", _i()),
        Template("{dl}\n\nThe Ofsted inspectors, who were at {C} {when}, rated its services for children {g}.", _i()),
        Template("{dl}\n\n{Cs} children's services have been rated {g} by Ofsted following the {M} inspection.", _i("idate_m")),
    ),
    _fill_inspection_dates, n=155,
)


# --- 7. publication dates -------------------------------------------------------------------------------

def _fill_publication_dates(rng: Random) -> Slots:
    s = base(rng, 2015, 2025)
    p = F.random_date(rng, s["year"], s["year"], min_day=15)
    a = add_days(p, rng.randint(0, 4))
    kind = rng.randrange(9)
    pub, prec, today = {
        0: (f"in a report published on {long_date(p)}", "day", False),
        1: (f"in a report published on {weekday(p)} {long_date(p)}", "day", False),
        2: (f"in a report published on {p.day} {MONTHS[p.month - 1]}", "day", False),
        3: (f"in a report published today ({weekday(p)} {long_date(p)})", "day", True),
        4: (f"in a report published today, {weekday(p)} {long_date(p)}", "day", True),
        5: ("in a report published last week", "month", False),
        6: (f"in a report published in {MONTHS[p.month - 1]} {p.year}", "month", False),
        7: (f"in a report released by the inspectorate on {long_date(p)}", "day", False),
        8: ("in a report published yesterday", "day", False),
    }[kind]
    if kind == 5:  # article 7-13 days into a month, so "last week" stays in it
        p = date(p.year, p.month, rng.randint(7, 20))
        a = add_days(p, 7)
    if kind == 8:
        a = add_days(p, 1)
    if today:
        s.update({"dl": "", "adate": iso(p)})
    else:
        s.update({"dl": dateline(rng, a), "adate": iso(a)})
    s.update({"pub": pub, "pdate": iso(p, prec)})
    return s


_P = ({"council": "{council}", "grade": "{grade}", "published_date": "{pdate}", "article_date": "{adate}"},)

PUBLICATION_DATES = Capability(
    "publication_dates", "'published on …', 'today (Tuesday 8 July 2025)', 'published last week', "
    "'released on …' (a 'today' date is the article date too)",
    (
        Template("{dl}\n\n{Cs} children's services have been rated {g} by Ofsted {pub}.", _P),
        Template("{dl}\n\nOfsted has judged {C} to be {g} {pub}.", _P),
        Template("{dl}\n\n{C} was rated {g} for its children's services by Ofsted {pub}.", _P),
    ),
    _fill_publication_dates, n=120,
)


# --- 8. prior phrasings ------------------------------------------------------------------------------------

def _fill_prior(rng: Random) -> Slots:
    s = base(rng, 2018, 2025)
    s["py"] = s["year"] - rng.randint(2, 4)  # a previous inspection under the SIF or ILACS
    while not existed_in(s["council"], s["py"]):
        s.update(council_slots(rng, s["year"]))
    better = rng.sample(F.ILACS_GRADES, 2)
    lo, hi = sorted(better, key=F.RANK.__getitem__)
    s.update({"lo": lo, "hi": hi, "g_lo": F.grade_word(rng, lo), "g_hi": F.grade_word(rng, hi)})
    s["out"] = rng.choice(["requires_improvement", "good"])
    s["g_out"] = F.grade_word(rng, s["out"])
    gap = s["year"] - s["py"]
    s["ago"] = {2: "two years ago", 3: "three years ago", 4: "four years ago", 5: "five years ago"}[gap]
    return s


def _pr(grade: str, prior: str, year: bool = True) -> tuple[dict[str, Any], ...]:
    """Expected facts: grade and prior grade from slots ('inadequate' is taken literally), prior year if dated."""
    e = {"council": "{council}", "grade": "{%s}" % grade,
         "prior_grade": prior if prior == "inadequate" else "{%s}" % prior}
    if year:
        e["prior_year"] = "{py}"
    return (e,)


PRIOR_PHRASINGS = Capability(
    "prior_phrasings", "'previously rated … in 2019', 'up from … at its last inspection in 2018', 'moves out of "
    "inadequate', 'having been judged … in 2017', 'retains its … rating', 'downgraded from … to …'",
    (
        Template("{dl}\n\n{Cs} children's services have been rated {g_hi} by Ofsted, having previously been rated {g_lo} in {py}.", _pr("hi", "lo")),
        Template("{dl}\n\n{C} has been rated {g_hi} by Ofsted, up from {g_lo} at its last inspection in {py}.", _pr("hi", "lo")),
        Template("{dl}\n\n{C} was judged {g_lo} by Ofsted, down from {g_hi} in {py}.", _pr("lo", "hi")),
        Template("{dl}\n\n{Cs} children's services have moved out of 'inadequate' and are now rated {g_out} by Ofsted.",
                 _pr("out", "inadequate", year=False)),
        Template("{dl}\n\n{C}, which was previously rated {g_lo} in {py}, is now {g_hi}, Ofsted inspectors said.", _pr("hi", "lo")),
        Template("{dl}\n\n{C} has retained its {g} rating from Ofsted for children's services.", _pr("grade", "grade", year=False)),
        Template("{dl}\n\n{Cs} children's services are now rated {g_hi} by Ofsted. The council was judged {g_lo} when it was "
                 "last inspected in {py}.", _pr("hi", "lo")),
        Template("{dl}\n\nOfsted has upgraded {Cs} children's services from {g_lo} to {g_hi}.", _pr("hi", "lo", year=False)),
        Template("{dl}\n\n{C}, having been judged {g_lo} in {py}, has now been rated {g_hi} by Ofsted.", _pr("hi", "lo")),
        Template("{dl}\n\n{Cs} children's services have been downgraded from {g_hi} to {g_lo} by Ofsted.", _pr("lo", "hi", year=False)),
        Template("{dl}\n\nOfsted has rated {C} {g_out}, having previously judged it 'inadequate' since {py}.",
                 ({"council": "{council}", "grade": "{out}", "prior_grade": "inadequate", "prior_year": "{py}"},)),
        Template("{dl}\n\n{Cs} children's services have improved from {g_lo} in {py} to {g_hi}, according to Ofsted.", _pr("hi", "lo")),
        Template("{dl}\n\n{C} has been rated {g_hi} by Ofsted. It was rated {g_lo} {ago}.", _pr("hi", "lo")),
        Template("{C} retains its {g} Ofsted rating for children's services\n\n{dl}\n\nInspectors praised the "
                 "council's stable workforce.", _pr("grade", "grade", year=False)),
        Template("{C} moves out of 'inadequate' as Ofsted rates children's services {g_out}\n\n{dl}\n\nThe council "
                 "said the report reflected years of work.", _pr("out", "inadequate", year=False)),
    ),
    _fill_prior, n=165,
)


# --- 9. negation -----------------------------------------------------------------------------------------------

def _fill_negation(rng: Random) -> Slots:
    s = base(rng)
    s["ri"] = F.grade_word(rng, "requires_improvement")
    s["gg"] = rng.choice(["good", "requires_improvement"])
    s["g_gg"] = F.grade_word(rng, s["gg"])
    return s


_RI = ({"council": "{council}", "grade": "requires_improvement"},)

NEGATION = Capability(
    "negation", "a negated grade ('not yet good', 'no longer inadequate', 'not judged outstanding') beside the "
    "real one is not that grade",
    (
        Template("{dl}\n\n{C} has been rated {ri} by Ofsted, with inspectors saying its children's services are not yet good.", _RI),
        Template("{dl}\n\n{Cs} children's services are no longer inadequate: Ofsted has now rated them {ri}.", _RI),
        Template("{dl}\n\nOfsted rated {C} {g_gg}. None of its services was judged outstanding.", _g("gg")),
        Template("{dl}\n\n{C} has been rated {g_gg} by Ofsted, although it was not judged to be outstanding.", _g("gg")),
        Template("{dl}\n\nOfsted inspectors said {Cs} children's services were not inadequate, rating them {ri} instead.", _RI),
    ),
    _fill_negation, n=100,
)


# --- 10. no record: statistics, other bodies, other services --------------------------------------------------

_WALES = ("Cardiff", "Swansea", "Wrexham", "Powys", "Gwynedd", "Caerphilly")
_SCOTLAND = ("Glasgow", "Fife", "Aberdeenshire", "Dundee", "Falkirk")
_SCHOOLS = ("St Mary's Church of England Primary School", "Oakfield Academy", "Hillside Infant School",
            "Riverside Community College", "Holy Trinity Catholic Primary School")


def _fill_no_record(rng: Random) -> Slots:
    s = base(rng)
    s["place"] = s["council"]
    counties = [x.name for x in F.valid_in(s["year"]) if x.la_type == "county"]
    s["county"] = rng.choice(counties)
    s["pct"] = rng.randint(20, 70)
    s["wales"], s["scot"], s["school"] = rng.choice(_WALES), rng.choice(_SCOTLAND), rng.choice(_SCHOOLS)
    s["M"] = MONTHS[rng.randrange(12)]
    return s


NO_RECORD = Capability(
    "no_record", "statistics, schools, nurseries, children's homes, fostering services, police, CQC, SEND, "
    "Welsh and Scottish inspectorates give no record",
    tuple(Template(t, ()) for t in (
        "{dl}\n\nOfsted's annual report found that {pct} per cent of councils were rated {g} for children's services.",
        "{dl}\n\n{school} in {place} has been rated {g} by Ofsted.",
        "{dl}\n\nA nursery in {place} has been rated {g} by Ofsted after inspectors visited in {M}.",
        "{dl}\n\nA children's home run by {C} has been rated {g} by Ofsted.",
        "{dl}\n\n{Cs} fostering service has been rated {g} by Ofsted.",
        "{dl}\n\n{county} Police has been rated {g} by the police inspectorate, HMICFRS.",
        "{dl}\n\nThe hospital trust serving {place} has been rated {g} by the Care Quality Commission.",
        "{dl}\n\nCare Inspectorate Wales has found that {wales} Council's children's services are {g}.",
        "{dl}\n\nThe Care Inspectorate rated social work services for children in {scot} {g}.",
        "{dl}\n\nA joint inspection by Ofsted and the CQC of special educational needs provision in {place} "
        "found significant weaknesses.",
        "{dl}\n\nHM Inspectorate of Probation has rated the youth justice service in {place} {g}.",
        "{dl}\n\nAn academy trust running six schools in {place} has had three of them rated {g} by Ofsted.",
        "{dl}\n\nNationally, {pct} per cent of council children's services are now rated {g} by Ofsted, "
        "up from last year, the Local Government Association said.",
        "{dl}\n\nEstyn has judged schools in {wales} to be {g}, the Welsh inspectorate's report says.",
    )),
    _fill_no_record, n=126,
)


# --- 11. visits ------------------------------------------------------------------------------------------------------

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _fill_visits(rng: Random) -> Slots:
    s = base(rng, 2019, 2025)
    s["py"] = s["year"] - rng.randint(1, 3)
    while not existed_in(s["council"], s["py"]):
        s.update(council_slots(rng, s["year"]))
    s["nth"] = rng.choice(_ORDINALS)
    s["M"] = MONTHS[rng.randrange(12)]
    s["std"] = rng.choice(["good", "requires_improvement", "outstanding"])
    s["g_std"] = F.grade_word(rng, s["std"])
    return s


def _v(kind: str, prior: str, year: bool) -> tuple[dict[str, Any], ...]:
    e: dict[str, Any] = {"council": "{council}", "inspection_type": kind, "grade": None, "prior_grade": prior}
    if year:
        e["prior_year"] = "{py}"
    return (e,)


VISITS = Capability(
    "visits", "monitoring visits to inadequate councils and focused visits: no grade, the standing grade is "
    "prior; a bare 'visit' takes its type from the standing grade",
    (
        Template("{dl}\n\n{C}, which was rated inadequate in {py}, has received its {nth} monitoring visit from Ofsted.",
                 _v("monitoring", "inadequate", True)),
        Template("{dl}\n\nOfsted found {C} was making progress during a monitoring visit. The council's children's "
                 "services were judged inadequate in {py}.", _v("monitoring", "inadequate", True)),
        Template("{dl}\n\nOfsted carried out a focused visit to {C}, which is rated {g_std}, in {M}.",
                 _v("focused", "{std}", False)),
        Template("{dl}\n\nA focused visit by Ofsted to {C} looked at its services for children in need. "
                 "The council is currently rated {g_std}.", _v("focused", "{std}", False)),
        Template("{dl}\n\nOfsted inspectors visited {C}, rated inadequate since {py}, and found that progress had been made.",
                 _v("monitoring", "inadequate", True)),
        Template("{dl}\n\nOfsted inspectors who visited {C}, which is rated {g_std}, found that social workers knew "
                 "their children well.", _v("focused", "{std}", False)),
        Template("{dl}\n\nIn its {nth} monitoring visit since {C} was judged inadequate in {py}, Ofsted found "
                 "that leaders had a better grip on practice.", _v("monitoring", "inadequate", True)),
        Template("{dl}\n\nOfsted's focused visit to {C} in {M} looked at children in care. The council was "
                 "rated {g_std} at its last full inspection in {py}.", _v("focused", "{std}", True)),
    ),
    _fill_visits, n=128,
)


# --- 12. round-up layouts ---------------------------------------------------------------------------------------------

_LIST_GRADE = {"outstanding": "Outstanding", "good": "Good", "requires_improvement": "Requires improvement",
               "inadequate": "Inadequate"}


def _several(rng: Random, year: int, k: int) -> list:
    return rng.sample(F.valid_in(year), k)


def _fill_roundup(rng: Random, i: int) -> Slots:
    s = article(rng, 2016, 2025)
    y = s["year"]
    councils = _several(rng, y, rng.randint(2, 4))
    grades = [rng.choice(F.ILACS_GRADES) for _ in councils]
    style = i % 3  # the template index: header lines, bullet list, plain list
    expected: list[dict[str, Any]] = []
    parts = []
    for a, g in zip(councils, grades):
        if style == 0:  # a header line per council, then a paragraph
            start = add_days(s["_d"], -rng.randint(40, 150))  # inspected a few months before the round-up
            end = add_days(start, rng.randint(7, 11))
            span = (f"{start.day} and {end.day} {MONTHS[start.month - 1]}" if end.month == start.month
                    else f"{start.day} {MONTHS[start.month - 1]} and {end.day} {MONTHS[end.month - 1]}"
                    if end.year == start.year else f"{long_date(start)} and {end.day} {MONTHS[end.month - 1]}")
            parts.append(f"{a.official_name}\n\nOfsted inspected {possessive(a.name)} children's services between "
                         f"{span} {end.year} and rated them {F.grade_word(rng, g)}.")
            expected.append({"council": a.name, "grade": g, "inspection_date": iso(start)})
        else:
            bullet = rng.choice(["-", "•", "*"])
            sep = rng.choice([" – ", " - ", ": "])
            name = rng.choice([a.name, F.name_forms(a).get("council", a.official_name), a.official_name])
            parts.append(f"{bullet} {name}{sep}{_LIST_GRADE[g]}" if style == 1 else f"{name}{sep}{_LIST_GRADE[g]}")
            expected.append({"council": a.name, "grade": g})
    intro = rng.choice(["Ofsted has published the results of its latest inspections of council children's services.",
                        "Here are the latest Ofsted judgements on children's services in the region.",
                        "The latest round of Ofsted inspections of local authority children's services:"])
    joiner = "\n\n" if style == 0 else "\n"
    s.update({"body": intro + "\n\n" + joiner.join(parts), "expected": expected})
    return s


ROUNDUP_LAYOUTS = Capability(
    "roundup_layouts", "round-ups: a header line per council then a paragraph; bullet and plain lists "
    "'Council – Grade'",
    (Template("{dl}\n\n{body}", "{expected}", "a header line per council, then a paragraph"),
     Template("{dl}\n\n{body}", "{expected}", "a bullet list 'Council – Grade'"),
     Template("{dl}\n\n{body}", "{expected}", "plain lines 'Council: Grade'")),
    _fill_roundup, n=120, indexed=True,
)


# --- 13. judgement lists ---------------------------------------------------------------------------------------------------

def _area_grades(rng: Random, areas: dict[str, tuple[str, str]], k: int) -> list[tuple[str, str, str]]:
    """k (key, label, grade) triples; label is the long or short name at random."""
    keys = rng.sample(list(areas), k)
    return [(key, areas[key][rng.randrange(2)], rng.choice(F.ILACS_GRADES)) for key in keys]


def _fill_judgements(rng: Random, i: int) -> Slots:
    kind = i % 6  # the template index (see the notes in JUDGEMENT_LISTS)
    if kind in (0, 1):  # key-value lines, ILACS 2019-2022 or 2024-2025, or SIF 2015-2017
        era = rng.choice(["ilacs", "ilacs23", "sif"])
        first, last, areas = {"ilacs": (2019, 2022, F.ILACS_AREAS), "ilacs23": (2024, 2025, F.ILACS_2023_AREAS),
                              "sif": (2015, 2017, F.SIF_AREAS)}[era]
        s = base(rng, first, last)
        rows = _area_grades(rng, areas, rng.randint(2, len(areas)))
        head = "Overall effectiveness" if era != "sif" else "Overall judgement"
        lines = [f"{head}: {_LIST_GRADE[s['grade']]}"] + [f"{lab[0].upper() + lab[1:]}: {_LIST_GRADE[g]}" for _, lab, g in rows]
        s["body"] = f"{s['Cs']} children's services were inspected by Ofsted.\n\n" + "\n".join(lines)
        s["expected"] = [{"council": s["council"], "grade": s["grade"], "judgements": {k: g for k, _, g in rows}}]
    elif kind == 2:  # inline "rated good for leadership and outstanding for children in care"
        s = base(rng, 2019, 2022)
        (k1, _, g1), (k2, _, g2) = _area_grades(rng, F.ILACS_AREAS, 2)
        s["body"] = (f"{s['C']} was rated {s['g']} overall by Ofsted. Inspectors rated it "
                     f"{F.grade_word(rng, g1, True)} for {F.ILACS_AREAS[k1][1]} and {F.grade_word(rng, g2, True)} "
                     f"for {F.ILACS_AREAS[k2][1]}.")
        s["expected"] = [{"council": s["council"], "grade": s["grade"], "judgements": {k1: g1, k2: g2}}]
    elif kind == 3:  # "good in all areas" adds no judgement
        s = base(rng, 2016, 2025)
        s["body"] = rng.choice([f"{s['C']} was rated {s['g']} overall and in every area by Ofsted.",
                                f"Ofsted judged {s['C']} to be {s['g']} in all areas of its children's services."])
        s["expected"] = [{"council": s["council"], "judgements": {}}]
    elif kind == 4:  # ruling 9: "children in care and care leavers" by era
        era = rng.choice(["sif", "ilacs", "ilacs23"])
        s = base(rng, *{"sif": (2015, 2017), "ilacs": (2019, 2022), "ilacs23": (2024, 2025)}[era])
        g1 = rng.choice(F.ILACS_GRADES)
        s["body"] = (f"{s['C']} was rated {s['g']} by Ofsted, and {F.grade_word(rng, g1, True)} for its work with "
                     f"children in care and care leavers.")
        j = {"children_in_care": g1} if era == "ilacs" else {"children_in_care": g1, "care_leavers": g1}
        s["expected"] = [{"council": s["council"], "grade": s["grade"], "judgements": j}]
    else:  # pre-2013 safeguarding and looked-after-children inspection, two area ratings, no overall
        s = base(rng, 2010, 2012)
        g1, g2 = rng.choice(list(F.OLD_GRADE_WORDS)), rng.choice(list(F.OLD_GRADE_WORDS))
        s["body"] = (f"Ofsted inspectors found safeguarding services in {s['C']} to be {g1} and services for "
                     f"looked after children {g2}.")
        s["expected"] = [{"council": s["council"], "grade": None,
                          "judgements": {"safeguarding": g1, "looked_after_children": g2}}]
    return s


JUDGEMENT_LISTS = Capability(
    "judgement_lists", "key-value area lines by era (SIF, ILACS, ILACS 2023), inline 'good for X and outstanding "
    "for Y', 'good in all areas', care leavers by era (ruling 9), pre-2013 areas",
    tuple(Template("{dl}\n\n{body}", "{expected}", note) for note in (
        "key-value lines (SIF, ILACS, ILACS 2023 labels)", "key-value lines (SIF, ILACS, ILACS 2023 labels)",
        "inline 'rated X for area and Y for area'", "'good in all areas' adds no judgement",
        "'children in care and care leavers' by era (ruling 9)", "pre-2013 safeguarding and looked-after areas")),
    _fill_judgements, n=132, indexed=True,
)


# --- 14. two councils in one sentence -------------------------------------------------------------------------------------------

def _fill_two(rng: Random) -> Slots:
    s = article(rng, 2014, 2025)
    s.update(council_slots(rng, s["year"], forms=("short", "council"), suffix="1"))
    while True:
        s.update(council_slots(rng, s["year"], forms=("short", "council"), suffix="2"))
        if s["council2"] != s["council1"]:
            break
    s.update(graded(rng, suffix="1"))
    s.update(graded(rng, tuple(g for g in F.ILACS_GRADES if g != s["grade1"]), suffix="2"))
    s.update(graded(rng))
    return s


_TWO = ({"council": "{council1}", "grade": "{grade1}"}, {"council": "{council2}", "grade": "{grade2}"})
_BOTH = ({"council": "{council1}", "grade": "{grade}"}, {"council": "{council2}", "grade": "{grade}"})

TWO_COUNCILS = Capability(
    "two_councils", "two councils in one sentence: ellipsis ('X was rated good and Y outstanding'), 'both', "
    "'respectively', contrast clauses, and one in each of two sentences",
    (
        Template("{dl}\n\nIn the latest Ofsted inspections, {C1} was rated {g1} and {C2} {g2}.", _TWO),
        Template("{dl}\n\n{C1} and {C2} were both rated {g} by Ofsted for their children's services.", _BOTH),
        Template("{dl}\n\nOfsted rated {C1} {g1}, while {C2} was judged {g2}.", _TWO),
        Template("{dl}\n\n{C1} has been rated {g1} by Ofsted and {C2} has been judged {g2}.", _TWO),
        Template("{dl}\n\nOfsted inspectors rated children's services in {C1} and {C2} {g}.", _BOTH),
        Template("{dl}\n\n{C1} and {C2} were rated {g1} and {g2} respectively by Ofsted.", _TWO),
        Template("{dl}\n\nOfsted has rated {C1} {g1}. {C2} was given {a_g2} rating.", _TWO),
    ),
    _fill_two, n=126,
)


# --- 15. reorganisations ----------------------------------------------------------------------------------------------------------

#: Successor -> predecessor councils, for the reorganisations since 2009 (public record).
SUCCESSION = {
    "Bedford": "Bedfordshire", "Central Bedfordshire": "Bedfordshire", "Cheshire East": "Cheshire",
    "Cheshire West and Chester": "Cheshire", "Bournemouth, Christchurch and Poole": "Bournemouth",
    "North Northamptonshire": "Northamptonshire", "West Northamptonshire": "Northamptonshire",
    "Cumberland": "Cumbria", "Westmorland and Furness": "Cumbria", "Dorset": "Dorset",
    "North Yorkshire": "North Yorkshire", "Somerset": "Somerset", "Buckinghamshire": "Buckinghamshire",
    "Cornwall": "Cornwall", "Wiltshire": "Wiltshire", "Shropshire": "Shropshire",
}


def _succession(rng: Random) -> Slots:
    """A successor council after its creation, named beside the council it replaced."""
    new_name = rng.choice(sorted(SUCCESSION))
    new = max((a for a in F.changed() if a.name == new_name and a.valid_from), key=lambda a: a.valid_from)
    old = next(a for a in F.authorities() if a.name == SUCCESSION[new_name] and a.valid_to == new.valid_from)
    y = rng.randint(new.valid_from + 1, min(2025, new.valid_to - 1 if new.valid_to else 2025))
    return {"s_new": new.official_name, "s_old": old.official_name, "s_year": new.valid_from, "s_council": new.name,
            "s_ons": new.gss_code, "s_Y": y}


def _fill_reorg(rng: Random) -> Slots:
    a = rng.choice(F.changed())
    years = [y for y in range(2008, 2027) if a.valid_in(y)]
    y = rng.choice(years)
    m = rng.randint(1, 2) if y == 2026 else rng.randint(1, 9)
    start = date(y, m, rng.randint(1, 20))
    adate = add_days(start, rng.randint(40, 70))
    form = rng.choice(list(F.name_forms(a).values()))
    s = {"dl": dateline(rng, adate), "adate": iso(adate), "C": form, "Cs": possessive(form), "council": a.name,
         "ons": a.gss_code, "M": MONTHS[m - 1], "Y": y, "when": long_date(start)}
    word = "good" if y >= 2013 else rng.choice(["good", "adequate"])
    s.update({"g": word, "grade": word})
    s.update(_succession(rng))
    return s


_ONS = ({"council": "{council}", "ons_code": "{ons}"},)

REORGANISATIONS = Capability(
    "reorganisations", "2009 unitaries, 2019 BCP and Dorset, 2020 Buckinghamshire, 2021 Northamptonshire, "
    "2023 Cumberland / Westmorland and Furness / North Yorkshire / Somerset, code changes: the council and "
    "GSS code valid at the date",
    (
        Template("{dl}\n\n{Cs} children's services have been rated {g} by Ofsted following an inspection in {M} {Y}.", _ONS),
        Template("{dl}\n\nOfsted inspectors who visited {C} from {when} judged its children's services {g}.", _ONS),
        Template("{dl}\n\nChildren's services at {C} are {g}, Ofsted has said after inspecting the council in {M} {Y}.", _ONS),
        Template("Published: 14 November {s_Y}\n\n{s_new}, which replaced {s_old} in {s_year}, has had its "
                 "children's services rated good by Ofsted.", ({"council": "{s_council}", "ons_code": "{s_ons}"},)),
    ),
    _fill_reorg, n=120,
)


# --- 16. the April 2026 framework ---------------------------------------------------------------------------------------------------

_AREAS_2026 = {"leadership": "leadership", "help_and_protection": "help and protection",
               "children_in_care": "children in care", "care_leavers": "care leavers"}


def _fill_2026(rng: Random) -> Slots:
    start = date(2026, rng.randint(5, 8), rng.randint(1, 20))
    adate = add_days(start, rng.randint(30, 75))
    s = {"dl": dateline(rng, adate), "adate": iso(adate)}
    s.update(council_slots(rng, 2026))
    keys = rng.sample(list(_AREAS_2026), rng.randint(2, 4))
    grades = {k: rng.choice(F.ILACS_GRADES) for k in keys}
    phr = [f"{_AREAS_2026[k]} as {F.grade_word(rng, g, True)}" for k, g in grades.items()]
    s["list"] = ", ".join(phr[:-1]) + " and " + phr[-1]
    s["kv"] = "\n".join(f"{_AREAS_2026[k][0].upper() + _AREAS_2026[k][1:]}: {_LIST_GRADE[g]}" for k, g in grades.items())
    s["when"] = f"in {MONTHS[start.month - 1]} {start.year}"
    s["judgements"] = grades
    return s


_F26 = ({"council": "{council}", "grade": None, "judgements": "{judgements}"},)

FRAMEWORK_2026 = Capability(
    "framework_2026", "ILACS from April 2026: no overall grade (grade null), area grades kept",
    (
        Template("{dl}\n\n{Cs} children's services were inspected {when} under Ofsted's new framework, which no "
                 "longer gives an overall grade. Inspectors graded {list}.", _F26),
        Template("{dl}\n\nOfsted inspected {C} {when}. Its report card graded {list}.", _F26),
        Template("{dl}\n\n{Cs} children's services were inspected by Ofsted {when}.\n\n{kv}", _F26),
    ),
    _fill_2026, n=105,
)


# --- 17. annual ratings 2008-2011 ---------------------------------------------------------------------------------------------------

_PERFORMS = {"excellent": "excellently", "performs_well": "well", "adequate": "adequately", "performs_poorly": "poorly"}


def _fill_annual(rng: Random) -> Slots:
    y = rng.randint(2008, 2010)
    adate = date(y, 12, rng.randint(1, 20))
    s = {"dl": dateline(rng, adate), "adate": iso(adate), "Y": y}
    s.update(council_slots(rng, y, forms=("short", "council", "official")))
    while True:
        s.update(council_slots(rng, y, forms=("short", "council"), suffix="2"))
        if s["council2"] != s["council"]:
            break
    s["grade"] = rng.choice(list(_PERFORMS))
    s["perf"] = _PERFORMS[s["grade"]]
    return s


_A = ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}"},)
_AY = ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}", "inspection_date": "{Y}"},)

ANNUAL_RATINGS = Capability(
    "annual_ratings", "the 2008-2011 annual ratings: 'performs excellently / well / adequately / poorly'",
    (
        Template("{dl}\n\nOfsted's {Y} annual assessment of children's services rated {C} as performing {perf}.", _AY),
        Template("{dl}\n\n{C} performs {perf}, according to Ofsted's annual rating of its children's services.", _A),
        Template("{dl}\n\nIn Ofsted's annual performance rating, {Cs} children's services were judged to perform {perf}.", _A),
        Template("{dl}\n\n{C} has been told its services for children perform {perf} in the annual rating published by Ofsted.", _A),
        Template("{dl}\n\nOfsted's annual ratings of children's services found that {C} and {C2} both perform {perf}.",
                 ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}"},
                  {"council": "{council2}", "inspection_type": "annual_rating", "grade": "{grade}"})),
    ),
    _fill_annual, n=100,
)


# --- 18. article gates: other bodies or "the watchdog" beside a real council inspection ----------------

def _fill_gates(rng: Random) -> Slots:
    s = base(rng)
    s["school"] = rng.choice(_SCHOOLS)
    s["place"] = s["council"]
    s["M"] = MONTHS[rng.randrange(12)]
    return s


ARTICLE_GATES = Capability(
    "article_gates", "a council's inspection reported beside schools or nurseries, or with 'the watchdog' "
    "before 'Ofsted' is named: the council's record survives, the others give none",
    (
        Template("{dl}\n\nA nursery and two primary schools in {place} were also inspected this month. "
                 "{Cs} children's services have been rated {g} by Ofsted."),
        Template("{dl}\n\nThe watchdog has rated {Cs} children's services {g}. Ofsted's report said leaders "
                 "knew their services well."),
        Template("{dl}\n\n{school} was rated outstanding last week. Separately, Ofsted has judged {Cs} "
                 "children's services to be {g}."),
        Template("Watchdog rates {Cs} children's services {g}\n\n{dl}\n\nThe education and social care "
                 "inspectorate Ofsted published its findings after inspectors spent two weeks with social workers."),
        Template("{dl}\n\nChildren's services at {C} have been rated {g} by the inspectorate. Ofsted visited "
                 "the council in {M} for a full inspection."),
    ),
    _fill_gates, n=100,
)


# --- 19. dates in two roles in one text ----------------------------------------------------------------------

def _fill_date_roles(rng: Random) -> Slots:
    s = base(rng, 2015, 2025)
    y = s["year"]
    m = rng.randint(1, 8)
    d1 = rng.randint(1, 14)
    start, end = date(y, m, d1), date(y, m, d1 + rng.randint(7, 11))
    p = add_days(end, rng.randint(35, 60))
    a = add_days(p, rng.randint(0, 5))
    s.update({"dl": dateline(rng, a), "adate": iso(a), "span": f"{start.day} to {end.day} {MONTHS[m - 1]} {y}",
              "span2": f"between {start.day} and {end.day} {MONTHS[m - 1]} {y}", "M": MONTHS[m - 1], "Y": y,
              "p": long_date(p), "idate": iso(start), "idate_m": iso(start, "month"), "pdate": iso(p)})
    return s


def _dr(idate: str = "idate") -> tuple[dict[str, Any], ...]:
    return ({"council": "{council}", "grade": "{grade}", "inspection_date": "{%s}" % idate,
             "published_date": "{pdate}"},)


DATE_ROLES = Capability(
    "date_roles", "an inspection date and a publication date in one text: each takes its role from what it "
    "modifies, whatever the order and the nearest cue word",
    (
        Template("{dl}\n\n{C} was rated {g} by Ofsted in a report published on {p}, following an inspection {span2}.", _dr()),
        Template("{dl}\n\nOfsted's report on {C}, published on {p}, follows an inspection from {span}. Inspectors "
                 "rated its children's services {g}.", _dr()),
        Template("{dl}\n\nOfsted inspectors visited {C} from {span}; their report, which rates the council {g}, "
                 "was published on {p}.", _dr()),
        Template("{dl}\n\nThe inspection took place in {M} {Y} and the report was published on {p}. Ofsted rated "
                 "{C} {g}.", _dr("idate_m")),
    ),
    _fill_date_roles, n=120,
)


# --- 20. page boilerplate around the story ----------------------------------------------------------------------

_NAV = ("Skip to main content\nHome | News | Education | Politics\n",
        "Menu\nSearch\nSign in\nNews > Local news > Children and families\n",
        "We use cookies to improve your experience on our site. Accept all cookies\n\nNews\n")
_TAIL = ("\n\nShare this article\nFacebook Twitter Email\n\nMost read\n{Other} council agrees budget for next year",
         "\n\nRelated stories\n{Other} primary school rated good by Ofsted\nNew head for {Other} academy",
         "\n\nSubscribe to our newsletter\n\n© Local News Group. All rights reserved.")


def _fill_boilerplate(rng: Random) -> Slots:
    s = base(rng)
    other = rng.choice([a.name for a in F.valid_in(s["year"]) if a.name != s["council"]])
    s["nav"] = rng.choice(_NAV)
    s["tail"] = rng.choice(_TAIL).format(Other=other)
    s["dl"] = f"Published: {long_date(s['_d'])}"
    s["who"], s["role"] = rng.choice(F.REPORTERS), rng.choice(F.ROLES)
    return s


_BP = ({"council": "{council}", "grade": "{grade}", "article_date": "{adate}"},)

PAGE_BOILERPLATE = Capability(
    "page_boilerplate", "the story inside navigation, cookie notices, share links and related-story lists that "
    "name other councils and schools: one record, with the page's date",
    (
        Template("{nav}\n{dl}\n\n{Cs} children's services have been rated {g} by Ofsted.{tail}", _BP),
        Template("{nav}\nBy {who}\n{dl}\n\nOfsted has judged {C} to be {g} for its children's services.\n\n"
                 "\"Staff have worked incredibly hard for children and families,\" said the {role}.{tail}", _BP),
        Template("{nav}\n{dl}\n\nInspectors from Ofsted rated {Cs} services for vulnerable children {g} after a "
                 "two-week inspection.\n\nAdvertisement\n\nThe council said it would publish an action plan.{tail}", _BP),
    ),
    _fill_boilerplate, n=120,
)


# --- 21. batch dates: a round-up states its dates once, for every council it lists -------------------------

_NUMBER_WORDS = {2: "two", 3: "three", 4: "four"}


def _fill_batch(rng: Random, i: int) -> Slots:
    kind = i % 7  # the template index (see the notes in BATCH_DATES)
    if kind in (0, 1, 5):  # the annual ratings, 2008-2010: published in December, rating that year
        y = rng.randint(2008, 2010)
        adate = date(y, 12, rng.randint(1, 20))
        s = {"dl": dateline(rng, adate), "adate": iso(adate), "Y": y}
        councils = _several(rng, y, rng.randint(2, 4))
        grade = rng.choice(list(_PERFORMS))
        perf = _PERFORMS[grade]
        names = ", ".join(a.name for a in councils[:-1]) + " and " + councils[-1].name
        if kind == 0:
            s["body"] = (f"Ofsted today published its annual ratings of council children's services for {y}.\n\n"
                         f"The councils judged to be performing {perf} were {names}.")
        elif kind == 1:
            s["body"] = (f"The children's services of {_NUMBER_WORDS[len(councils)]} councils have been judged to "
                         f"perform {perf} in the {y} annual assessments, published by Ofsted today.\n\n"
                         f"They are {names}.")
        else:
            share = rng.choice(["most councils", "nearly three quarters of councils", "over 100 councils"])
            s["body"] = (f"Ofsted's annual ratings of council children's services were published today.\n\n"
                         f"Among those judged to be performing {perf} were {names}.\n\n"
                         f"The ratings for {y} also show {share} performing well or better.")
        s["expected"] = [{"council": a.name, "inspection_type": "annual_rating", "grade": grade,
                          "inspection_date": str(y), "published_date": iso(adate)} for a in councils]
        return s
    s = article(rng, 2016, 2025)
    councils = _several(rng, s["year"], rng.randint(2, 3))
    grades = [rng.choice(F.ILACS_GRADES) for _ in councils]
    if kind == 2:  # "today" in the lede, one sentence per council after it
        lines = [f"{a.name} was rated {F.grade_word(rng, g)}." for a, g in zip(councils, grades)]
        s["body"] = ("Ofsted has today published the reports of its latest inspections of council children's "
                     "services.\n\n" + " ".join(lines))
        pub = s["adate"]
    elif kind == 3:  # a written date in the lede, then key-value lines
        pub_d = add_days(s["_d"], -rng.randint(1, 6))
        lines = [f"{a.name}: {_LIST_GRADE[g]}" for a, g in zip(councils, grades)]
        s["body"] = (f"Inspection reports published by Ofsted on {long_date(pub_d)} rated "
                     f"{_NUMBER_WORDS[len(councils)]} councils' children's services as follows.\n\n" + "\n".join(lines))
        pub = iso(pub_d)
    elif kind == 6:  # a count graded in the lede, its councils named in the next sentence
        g = grades[0]
        grades = [g] * len(councils)
        names = ", ".join(a.name for a in councils[:-1]) + " and " + councils[-1].name
        opener = rng.choice(["They are", "These were", "The councils were", "They were"])
        s["body"] = (f"{_NUMBER_WORDS[len(councils)].capitalize()} councils have had their children's services "
                     f"rated {F.grade_word(rng, g)} in Ofsted reports published today. {opener} {names}.")
        pub = s["adate"]
    else:  # "published today" after the list's lede, councils with grades in one sentence each
        lines = [f"Inspectors judged {possessive(a.name)} services {F.grade_word(rng, g)}." for a, g in zip(councils, grades)]
        s["body"] = ("The outcomes of Ofsted's latest inspections of children's social care were published today.\n\n"
                     + " ".join(lines))
        pub = s["adate"]
    s["expected"] = [{"council": a.name, "grade": g, "published_date": pub} for a, g in zip(councils, grades)]
    return s


BATCH_DATES = Capability(
    "batch_dates", "a round-up's lede dates the batch (published today, the year rated) for every council it lists",
    tuple(Template("{dl}\n\n{body}", "{expected}", note) for note in (
        "annual ratings published today, the year in the lede, a list of councils after",
        "annual assessments of a year, published today, 'They are ...' after",
        "reports published today, one sentence per council after",
        "reports published on a written date, key-value lines after",
        "outcomes published today, one sentence per council after",
        "annual ratings published today, the year rated in a statistic after the list",
        "a count graded in the lede ('Three councils ... rated inadequate'), 'They are ...' after")),
    _fill_batch, n=140, indexed=True,
)


CAPABILITIES: tuple[Capability, ...] = (
    COUNCIL_NAMES, COUNCIL_CASE, GRADE_PHRASINGS, COREFERENCE, DATELINES, INSPECTION_DATES, PUBLICATION_DATES,
    PRIOR_PHRASINGS, NEGATION, NO_RECORD, VISITS, ROUNDUP_LAYOUTS, JUDGEMENT_LISTS, TWO_COUNCILS,
    REORGANISATIONS, FRAMEWORK_2026, ANNUAL_RATINGS, ARTICLE_GATES, DATE_ROLES, PAGE_BOILERPLATE,
    BATCH_DATES,
)
