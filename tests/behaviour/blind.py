"""A blind behavioural battery: templates written without reading the extractor's rules.

Written from GUIDE.md (../shared/corpus/GUIDE.md) and the reference table of councils
(../shared/reference/local_authorities.csv) only, in the registers that report Ofsted's
children's services inspections (tabloid, trade press, council press release, minutes, blog).
It uses the suite's `Capability`/`Template` format and scoring (suite.compare), but its own
council list (read from the reference CSV, not the project's gazetteer) and its own wording, so
that its pass rate estimates accuracy on phrasings the rule authors did not see.

    python -m tests.behaviour --blind [--failures N] [--capability NAME]
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Any

from .templates import Capability, Template

SEED = 4417
#: the shared reference table, at ../shared from the repo root (as the tests find the corpus)
REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "local_authorities.csv"

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PEOPLE = ("Helen Marsh", "Kwame Adjei", "Sarah Pilling", "Owen Taggart", "Fatima Rehman", "Gareth Pryce")


# --- councils (from the reference table) -----------------------------------------------------------

@dataclass(frozen=True)
class LA:
    name: str
    official: str
    gss: str
    la_type: str
    valid_from: int | None
    valid_to: int | None
    aliases: tuple[str, ...]

    def inside(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from < year) and (self.valid_to is None or year < self.valid_to)


@lru_cache(maxsize=1)
def councils() -> tuple[LA, ...]:
    path = REFERENCE
    out = []
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.append(LA(r["name"], r["official_name"], r["gss_code"], r["la_type"],
                          int(r["valid_from"]) if r["valid_from"] else None,
                          int(r["valid_to"]) if r["valid_to"] else None,
                          tuple(a for a in r["aliases"].split("|") if a)))
    return tuple(out)


_SKIP = {"Isles of Scilly"}
_NO_LOWER = {"Reading", "Bury", "Rutland", "Halton", "Wirral", "Sutton", "Brent", "Bath and North East Somerset"}
_BAD_ALIAS = {"Durham", "Hull", "Bucks", "Wilts"}


def pick(rng: Random, year: int, exclude: tuple[str, ...] = ()) -> LA:
    pool = [a for a in councils() if a.inside(year) and a.name not in _SKIP and a.name not in exclude]
    return rng.choice(pool)


def forms(a: LA) -> list[str]:
    out = [a.name, a.name, a.official]
    if "Council" not in a.official and a.la_type != "county" and not a.official.startswith(("London Borough", "Royal")):
        out.append(f"{a.name} Council")
    if a.official.startswith(("London Borough of", "Royal Borough of")):
        out.append("the " + a.official)
        out.append(f"{a.name} Council")
    out += [x for x in a.aliases if "," not in x and x not in _BAD_ALIAS]
    return out


def name_of(rng: Random, a: LA, vary_case: bool = False) -> str:
    n = rng.choice(forms(a))
    if vary_case and a.name not in _NO_LOWER:
        r = rng.random()
        if r < 0.2:
            return n.lower()
        if r < 0.4:
            return n.upper()
    return n


# --- grades -------------------------------------------------------------------------------------------

GRADES4 = ("outstanding", "good", "requires_improvement", "inadequate")
WORDS = {
    "outstanding": ("outstanding", "Outstanding", "'outstanding'", "“Outstanding”", "OUTSTANDING"),
    "good": ("good", "Good", "'good'", "“good”", "'Good'"),
    "requires_improvement": ("requires improvement", "requires improvement to be good", "'Requires Improvement'",
                             "“requires improvement to be good”", "Requires Improvement to be Good",
                             "'requires improvement'"),
    "inadequate": ("inadequate", "Inadequate", "'inadequate'", "“inadequate”", "INADEQUATE"),
}
TITLE = {"outstanding": "Outstanding", "good": "Good", "requires_improvement": "Requires improvement to be good",
         "inadequate": "Inadequate", "adequate": "Adequate"}
RANK = {g: i for i, g in enumerate(reversed(GRADES4))}


def gw(rng: Random, g: str) -> str:
    return rng.choice(WORDS[g])


def art(word: str) -> str:
    return ("an " if word.strip("'‘’“”").lower()[:1] in "aeiou" else "a ") + word


# --- dates ---------------------------------------------------------------------------------------------

def rdate(rng: Random, y0: int, y1: int, m0: int = 1, m1: int = 12) -> date:
    return date(rng.randint(y0, y1), rng.randint(m0, m1), rng.randint(1, 28))


def ordn(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def long(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def dateline(rng: Random, d: date, style: int | None = None) -> str:
    """A page's own date, as bylines, datelines and minutes headings print it."""
    s = rng.randrange(8) if style is None else style  # minutes headings (8) only where asked for
    mon = MONTHS[d.month - 1]
    who = rng.choice(PEOPLE)
    return [
        f"By {who}\n{d.day} {mon} {d.year}\n",
        f"Published: {d.day:02d}/{d.month:02d}/{d.year}\n",
        f"Posted on {mon} {d.day}, {d.year} by {who}\n",
        f"{WEEKDAYS[d.weekday()]} {d.day} {mon} {d.year} 09.14 BST\n",
        f"Last updated: {ordn(d.day)} {mon} {d.year}\n",
        f"Date: {d.day:02d} {mon[:3].upper()} {d.year}\n",
        f"News | {d.day} {mon[:3]} {d.year} | {who}\n",
        f"Press release - {WEEKDAYS[d.weekday()]}, {ordn(d.day)} {mon} {d.year}\n",
        f"Minutes of the Children and Young People's Scrutiny Committee held on {WEEKDAYS[d.weekday()]} "
        f"{ordn(d.day)} {mon} {d.year}\n",
    ][s]


def base(rng: Random, y0: int = 2014, y1: int = 2025, vary_case: bool = False) -> dict[str, Any]:
    """A council valid at an article date, a grade, an inspection month before the article."""
    d = rdate(rng, y0, y1, m0=3)
    a = pick(rng, d.year)
    g = rng.choice(GRADES4)
    im = rng.randint(1, d.month - 1)
    return dict(
        council=a.name, name=name_of(rng, a, vary_case), gss=a.gss, grade=g, gw=gw(rng, g),
        dl=dateline(rng, d), ad=d.isoformat(), year=d.year, month=MONTHS[d.month - 1],
        imonth=MONTHS[im - 1], iym=f"{d.year}-{im:02d}", person=rng.choice(PEOPLE),
    )


T = Template


# --- 1. council names in any form and case ------------------------------------------------------------

def fill_names(rng: Random) -> dict[str, Any]:
    s = base(rng, vary_case=True)
    s["agw"] = art(s["gw"])
    return s


COUNCIL_NAMES = (
    T("{dl}Children's services at {name} have been rated {gw} by Ofsted following a three-week inspection."),
    T("{name} is pleased to announce that Ofsted has judged its services for children and families to be {gw}."),
    T("Ofsted has rated {name}'s children's services {gw} in its latest inspection report, published this week."),
    T("Members noted the outcome of the recent Ofsted inspection of {name} children's services, which were "
      "judged {gw} overall."),
    T("{dl}So {name} got {agw} from Ofsted for children's social care. Here's my take on what the report says."),
    T("OFSTED VERDICT: {name} children's social care rated {gw}\n\nInspectors published their findings on "
      "Tuesday."),
)


# --- 2. grade phrasings ----------------------------------------------------------------------------------

def fill_grades(rng: Random) -> dict[str, Any]:
    s = base(rng)
    s["ri"] = rng.choice(("requires improvement to be good", "require improvement to be good", "requires improvement",
                          "'requires improvement to be good'", "Requires Improvement To Be Good"))
    s["og"] = rng.choice(WORDS["outstanding"])
    s["good"] = rng.choice(WORDS["good"])
    s["agw"] = art(s["gw"])
    return s


GRADE_PHRASINGS = (
    T("{name} children's services judged to be {good} by Ofsted\n\nInspectors praised social workers' "
      "knowledge of the children they work with.", ({"council": "{council}", "grade": "good"},)),
    T("{dl}{name} has been handed the lowest rating by Ofsted after inspectors found children were left at risk "
      "of harm.", ({"council": "{council}", "grade": "inadequate"},)),
    T("Children's services in {name} have been awarded Ofsted's highest rating after a two-week inspection.",
      ({"council": "{council}", "grade": "outstanding"},)),
    T("Ofsted says services for vulnerable children in {name} {ri}, in a report released on Friday.",
      ({"council": "{council}", "grade": "requires_improvement"},)),
    T("{name} received an overall judgement of {gw} when Ofsted inspected its children's services in {imonth} "
      "{year}.", ({"council": "{council}", "grade": "{grade}"},)),
    T("{dl}{name} children's social care has been graded {og} across the board by the watchdog Ofsted.",
      ({"council": "{council}", "grade": "outstanding"},)),
    T("Ofsted inspectors have found {name}'s children's services to be {gw}, according to a report published "
      "today.", ({"council": "{council}", "grade": "{grade}"},)),
    T("{name} was given {agw} rating for its children's services by Ofsted last week.",
      ({"council": "{council}", "grade": "{grade}"},)),
)


# --- 3. reference by "the council" / "it" / "the authority" ----------------------------------------------

COREFERENCE = (
    T("{dl}Ofsted inspectors spent three weeks at {name} in {imonth}. The council's children's services were "
      "rated {gw}."),
    T("Inspectors visited {name} earlier this year to look at how it supports vulnerable children. It was judged "
      "{gw} overall."),
    T("{name}'s director of children's services, {person}, said she was proud of staff. The authority was "
      "rated {gw} by Ofsted, which published its report on Monday."),
    T("An Ofsted report into {name} has been published. The local authority received an overall judgement of "
      "{gw} for its children's services."),
    T("Ofsted has published its inspection of children's social care in {name}.\n\nThe watchdog found that the "
      "council was {gw}, citing the work of its front door team."),
    T("{dl}Report of the Director of Children's Services. Ofsted carried out an inspection of {name} in "
      "{imonth} {year}. The Council was judged to be {gw}."),
)


# --- 4. datelines and bylines in page boilerplate --------------------------------------------------------

def fill_datelines(rng: Random) -> dict[str, Any]:
    s = base(rng)
    d = date.fromisoformat(s["ad"])
    s["dl"] = dateline(rng, d, rng.randrange(9))  # including a minutes heading (ruling 1)
    s["nav"] = rng.choice(("Skip to main content\nHome > News > Children and families\n",
                           "Menu  Search  Sign in\n", "Accept cookies  Reject cookies\nNews\n", ""))
    s["foot"] = rng.choice(("\n\nShare this: Facebook Twitter LinkedIn Email",
                            "\n\nRelated stories\nCouncil tax to rise by 4.99%", "\n\nTags: Ofsted, children's services",
                            ""))
    return s


_AD = ({"council": "{council}", "grade": "{grade}", "article_date": "{ad}"},)
DATELINES = (
    T("{nav}{dl}Ofsted rates {name} children's services {gw}\nThe watchdog's report was published today.{foot}", _AD),
    T("{nav}Ofsted rates {name} children's services {gw}\n{dl}Inspectors found a settled workforce.{foot}", _AD),
    T("{nav}{dl}{name} children's services have been judged {gw} following an inspection by Ofsted.{foot}", _AD),
    T("{dl}Item 6: Ofsted inspection of local authority children's services. The committee was informed that "
      "{name} had been rated {gw}.{foot}", _AD),
    T("{nav}Children's services\n{dl}\nInspectors from Ofsted have rated {name} {gw}, saying leaders know their "
      "services well.{foot}", _AD),
)


# --- 5. inspection date phrases ----------------------------------------------------------------------------

def fill_idates(rng: Random) -> dict[str, Any]:
    s = base(rng)
    d = date.fromisoformat(s["ad"])
    # an explicit span in the year before the article, or in the article's year
    sy = rng.choice((d.year - 1, d.year))
    sm = rng.randint(1, 12) if sy < d.year else rng.randint(1, d.month - 1)
    d1 = rng.randint(1, 14)
    s.update(sy=sy, smon=MONTHS[sm - 1], d1=d1, d2=d1 + rng.randint(4, 12), sdate=f"{sy}-{sm:02d}-{d1:02d}",
             sym=f"{sy}-{sm:02d}")
    # a cross-month span: late one month, early the next
    cm = rng.randint(1, 11)
    s.update(cmon1=MONTHS[cm - 1], cmon2=MONTHS[cm], cy=d.year - 1, cym=f"{d.year - 1}-{cm:02d}",
             cd1=rng.randint(24, 28), cd2=rng.randint(2, 9), cdate=f"{d.year - 1}-{cm:02d}")
    s["cdate"] = f"{d.year - 1}-{cm:02d}-{s['cd1']:02d}"
    lm = date(d.year, d.month, 1) - timedelta(days=1)
    s.update(lastm=f"{lm.year}-{lm.month:02d}")
    wb = date(sy, sm, d1)
    s["wb"] = f"{ordn(wb.day)} {MONTHS[wb.month - 1]} {wb.year}"
    return s


_ID = lambda key: ({"council": "{council}", "inspection_date": "{" + key + "}"},)  # noqa: E731
INSPECTION_DATES = (
    T("{dl}Ofsted inspected {name} children's services between {d1} and {d2} {smon} {sy} and rated them {gw}.",
      _ID("sdate")),
    T("{dl}Inspectors were on site at {name} from {cd1} {cmon1} to {cd2} {cmon2} {cy}. Their report rates the "
      "council {gw}.", _ID("cdate")),
    T("{dl}Following an inspection in {imonth}, {name}'s children's services have been rated {gw} by Ofsted.",
      _ID("iym")),
    T("{dl}{name} was rated {gw} by Ofsted after inspectors visited earlier this year.", _ID("year")),
    T("{dl}The inspection, which took place last month, found that children's services in {name} were {gw}.",
      _ID("lastm")),
    T("{dl}Ofsted carried out its inspection of {name} in the week beginning {wb}, judging services {gw}.",
      _ID("sdate")),
    T("{dl}The {smon} {sy} inspection of {name} children's services resulted in a judgement of {gw}.",
      _ID("sym")),
    T("Inspectors visited {name} in late {cmon1} and early {cmon2} {cy} and judged its children's services "
      "{gw}.", _ID("cym")),
)


# --- 6. publication date phrases ----------------------------------------------------------------------------

def fill_pdates(rng: Random) -> dict[str, Any]:
    s = base(rng)
    d = date.fromisoformat(s["ad"])
    p = d - timedelta(days=rng.randint(2, 6))
    s.update(pub=long(p), pubiso=p.isoformat(), pubnoy=f"{p.day} {MONTHS[p.month - 1]}",
             wd=WEEKDAYS[d.weekday()], today=long(d), pubwd=WEEKDAYS[p.weekday()])
    return s


_PD = lambda key: ({"council": "{council}", "published_date": "{" + key + "}"},)  # noqa: E731
PUBLICATION_DATES = (
    T("{dl}Ofsted's report on {name}, published today, rates the council's children's services {gw}.", _PD("ad")),
    T("{name} children's services have been rated {gw} by Ofsted. The report was released on {pub}.",
      _PD("pubiso")),
    T("{dl}In a report published on {pubnoy}, Ofsted judged {name} to be {gw} for children's services.",
      _PD("pubiso")),
    T("Ofsted today ({wd} {today}) published its report on {name}, rating children's services {gw}.",
      ({"council": "{council}", "published_date": "{ad}", "article_date": "{ad}"},)),
    T("{dl}The inspection report for {name}, which went online on {pubwd} {pub}, describes services as {gw}.",
      _PD("pubiso")),
    T("{dl}Ofsted published its findings on {name}'s children's services on {pubnoy}: they were rated {gw}.",
      _PD("pubiso")),
)


# --- 7. prior phrasings ------------------------------------------------------------------------------------

def fill_prior(rng: Random) -> dict[str, Any]:
    s = base(rng, 2016, 2025)
    lo, hi = sorted(rng.sample(GRADES4, 2), key=RANK.get)
    s.update(lo=lo, hi=hi, low=gw(rng, lo), high=gw(rng, hi), py=s["year"] - rng.randint(2, 5))
    same = rng.choice(GRADES4)
    s.update(same=same, samew=gw(rng, same))
    return s


PRIOR_PHRASINGS = (
    T("{dl}{name} has been rated {high} by Ofsted. The council was previously rated {low} in {py}.",
      ({"council": "{council}", "grade": "{hi}", "prior_grade": "{lo}", "prior_year": "{py}"},)),
    T("Ofsted has rated {name}'s children's services {high}, up from {low} at its last inspection.",
      ({"council": "{council}", "grade": "{hi}", "prior_grade": "{lo}"},)),
    T("{dl}The {high} rating for {name} is an improvement on its {py} rating of {low}, inspectors noted.",
      ({"council": "{council}", "grade": "{hi}", "prior_grade": "{lo}", "prior_year": "{py}"},)),
    T("Having been judged inadequate in {py}, {name} has now been rated {high} by Ofsted.",
      ({"council": "{council}", "grade": "{hi}", "prior_grade": "inadequate", "prior_year": "{py}"},)),
    T("{dl}{name}'s children's services have slipped to {low} from {high}, Ofsted's latest report says.",
      ({"council": "{council}", "grade": "{lo}", "prior_grade": "{hi}"},)),
    T("When it was last inspected, in {py}, {name} was found to be {low}. This time Ofsted rated it {high}.",
      ({"council": "{council}", "grade": "{hi}", "prior_grade": "{lo}", "prior_year": "{py}"},)),
    T("{dl}{name} has kept its {samew} Ofsted rating for children's services, the same grade it received in {py}.",
      ({"council": "{council}", "grade": "{same}", "prior_grade": "{same}", "prior_year": "{py}"},)),
    T("{dl}Ofsted has upgraded {name} children's services from {low} to {high}.",
      ({"council": "{council}", "grade": "{hi}", "prior_grade": "{lo}"},)),
)


# --- 8. negation, statistics, other bodies: no record ------------------------------------------------------

def fill_norecord(rng: Random) -> dict[str, Any]:
    s = base(rng)
    s["pct"] = rng.randint(12, 61)
    s["n"] = rng.randint(5, 40)
    s["school"] = rng.choice(("St Mary's Primary School", "Oakfield Academy", "Hillside Infant School",
                              "Riverside Community College"))
    s["force"] = rng.choice(("Kent Police", "Essex Police", "Cheshire Constabulary", "Lancashire Constabulary",
                             "Devon and Cornwall Police"))
    s["wales"] = rng.choice(("Cardiff", "Swansea", "Wrexham", "Powys", "Gwynedd"))
    s["scot"] = rng.choice(("Fife", "Glasgow", "Highland", "Aberdeenshire"))
    return s


_NONE: tuple = ()
NO_RECORD = (
    T("{dl}Figures show {pct} per cent of councils in England were rated requires improvement at their most "
      "recent Ofsted inspection.", _NONE),
    T("{school} in {name} has been rated {gw} by Ofsted, with inspectors praising pupils' behaviour.", _NONE),
    T("{dl}A nursery in {name} has been told it is inadequate after an unannounced Ofsted inspection.", _NONE),
    T("{force} has been rated requires improvement by HM Inspectorate of Constabulary and Fire & Rescue "
      "Services in its latest PEEL report.", _NONE),
    T("Care Inspectorate Wales has found that children's services in {wales} are improving, in a report "
      "published this week.", _NONE),
    T("{dl}A children's home run by {name} has been rated {gw} by Ofsted, its second inspection this year.", _NONE),
    T("{name} has not yet been inspected under Ofsted's new framework, the cabinet member told councillors.",
      _NONE),
    T("{dl}Of the {n} councils inspected since April, none was rated outstanding, Ofsted's annual report says.",
      _NONE),
)


# --- 9. negation beside a real grade -------------------------------------------------------------------

NEGATION = (
    T("{dl}{name}'s children's services are 'not yet good', Ofsted says, rating them requires improvement.",
      ({"council": "{council}", "grade": "requires_improvement"},)),
    T("Although {name} did not achieve outstanding, inspectors rated its children's services good.",
      ({"council": "{council}", "grade": "good"},)),
    T("{dl}{name} is no longer inadequate: Ofsted has rated its children's services as requiring improvement.",
      ({"council": "{council}", "grade": "requires_improvement", "prior_grade": "inadequate"},)),
    T("Services for children in {name} are not good enough, Ofsted said yesterday, rating them inadequate.",
      ({"council": "{council}", "grade": "inadequate"},)),
    T("{dl}Ofsted found no areas of {name}'s children's services to be inadequate, and judged them good "
      "overall.", ({"council": "{council}", "grade": "good"},)),
    T("{name} narrowly missed out on an outstanding rating and was instead judged good by Ofsted inspectors.",
      ({"council": "{council}", "grade": "good"},)),
)


# --- 10. monitoring and focused visits -----------------------------------------------------------------------

def fill_visits(rng: Random) -> dict[str, Any]:
    s = base(rng, 2018, 2025)
    s["py"] = s["year"] - rng.randint(1, 3)
    s["nth"] = rng.choice(("second", "third", "fourth", "fifth", "sixth"))
    s["std"] = rng.choice(("good", "requires_improvement"))
    s["stdw"] = gw(rng, s["std"])
    s["ordinal_day"] = ordn(rng.randint(1, 20))
    return s


VISITS = (
    T("{dl}Ofsted's {nth} monitoring visit to {name}, which was rated inadequate in {py}, found that progress "
      "had been made.", ({"council": "{council}", "inspection_type": "monitoring", "grade": None,
                          "prior_grade": "inadequate", "prior_year": "{py}"},)),
    T("{dl}A focused visit to {name} in {imonth} looked at the council's front door. The council was rated "
      "{stdw} at its last full inspection.",
      ({"council": "{council}", "inspection_type": "focused", "grade": None, "prior_grade": "{std}",
        "inspection_date": "{iym}"},)),
    T("{dl}Inspectors who visited {name} last month said children were safer. The council has been rated "
      "inadequate since {py}.", ({"council": "{council}", "inspection_type": "monitoring", "grade": None,
                                  "prior_grade": "inadequate"},)),
    T("Ofsted carried out a focused visit to {name} children's services in {imonth} {year}. Inspectors did not "
      "give a grade; the authority remains {stdw}.",
      ({"council": "{council}", "inspection_type": "focused", "grade": None, "prior_grade": "{std}"},)),
    T("{dl}Progress in {name}, judged inadequate in {py}, is 'too slow', according to a letter published after "
      "a monitoring visit.", ({"council": "{council}", "inspection_type": "monitoring", "grade": None,
                               "prior_grade": "inadequate"},)),
    T("{dl}Ofsted visited {name}, which is rated {stdw}, to look at services for care leavers, and found "
      "strengths.", ({"council": "{council}", "inspection_type": "focused", "grade": None,
                      "prior_grade": "{std}"},)),
)


# --- 11. round-up layouts ---------------------------------------------------------------------------------

def fill_roundup(rng: Random) -> dict[str, Any]:
    d = rdate(rng, 2015, 2025)
    s: dict[str, Any] = dict(dl=dateline(rng, d), ad=d.isoformat())
    taken: tuple[str, ...] = ()
    for i in (1, 2, 3):
        a = pick(rng, d.year, taken)
        taken += (a.name,)
        g = rng.choice(GRADES4)
        s.update({f"c{i}": a.name, f"n{i}": name_of(rng, a), f"g{i}": g, f"w{i}": gw(rng, g), f"t{i}": TITLE[g]})
    s["dash"] = rng.choice((" – ", " - ", ": ", " — "))
    s["bul"] = rng.choice(("• ", "- ", "* ", ""))
    return s


_THREE = tuple({"council": f"{{c{i}}}", "grade": f"{{g{i}}}"} for i in (1, 2, 3))
ROUNDUP = (
    T("{dl}Latest Ofsted children's services judgements\n\n{n1}{dash}{t1}\n{n2}{dash}{t2}\n{n3}{dash}{t3}", _THREE),
    T("{dl}Ofsted ILACS results this month:\n{bul}{n1}: {w1}\n{bul}{n2}: {w2}\n{bul}{n3}: {w3}", _THREE),
    T("{dl}{n1}\nOfsted rated the council's children's services {w1}.\n\n{n2}\nInspectors judged services "
      "{w2}.\n\n{n3}\nThe authority was found to be {w3}.", _THREE),
    T("{dl}Ofsted has published inspection reports on three councils this week. {n1} was rated {w1}, {n2} {w2} "
      "and {n3} {w3}.", _THREE),
    T("{dl}Ofsted inspections of local authority children's services\nCouncil | Overall effectiveness\n{n1} | {t1}\n{n2} | {t2}\n{n3} | {t3}", _THREE),
    T("INSPECTION ROUND-UP\n{dl}\n{n1} ({t1})\nLeaders have a clear plan.\n\n{n2} ({t2})\nCaseloads remain high."
      "\n\n{n3} ({t3})\nPractice is inconsistent.", _THREE),
)


# --- 12. judgement lists ------------------------------------------------------------------------------------

def fill_judgements(rng: Random) -> dict[str, Any]:
    era = rng.choice(("sif", "ilacs", "ilacs23"))
    y = {"sif": (2014, 2016), "ilacs": (2019, 2022), "ilacs23": (2024, 2025)}[era]
    s = base(rng, *y)
    for k in ("l", "h", "c", "cl", "a", "lscb"):
        g = rng.choice(GRADES4)
        s[k] = g
        s[k + "t"] = TITLE[g]
        s[k + "w"] = gw(rng, g).strip("'“”")
    s["era"] = era
    s["ilacs_l"] = "The impact of leaders on social work practice with children and families"
    s["ilacs_h"] = "The experiences and progress of children who need help and protection"
    return s


def _sif(rng: Random) -> dict[str, Any]:
    s = fill_judgements(rng)
    while s["era"] != "sif":
        s = fill_judgements(rng)
    return s


def _ilacs(rng: Random) -> dict[str, Any]:
    s = fill_judgements(rng)
    while s["era"] != "ilacs":
        s = fill_judgements(rng)
    return s


def _ilacs23(rng: Random) -> dict[str, Any]:
    s = fill_judgements(rng)
    while s["era"] != "ilacs23":
        s = fill_judgements(rng)
    return s


def fill_jl(rng: Random, i: int) -> dict[str, Any]:
    return [_ilacs, _ilacs23, _sif, fill_judgements, _sif, _ilacs, fill_judgements][i % 7](rng)


JUDGEMENT_LISTS = (
    T("{dl}{name}: Ofsted inspection of local authority children's services\nOverall effectiveness: {gw}\n"
      "{ilacs_l}: {lt}\n{ilacs_h}: {ht}\n"
      "The experiences and progress of children in care and care leavers: {ct}",
      ({"council": "{council}", "grade": "{grade}",
        "judgements": {"leadership": "{l}", "help_and_protection": "{h}", "children_in_care": "{c}"}},),
      note="ILACS 2018-22 key-value (ruling 9: combined judgement = children_in_care)"),
    T("{dl}{name}\nOfsted inspection of children's social care services\nOverall effectiveness - {gw}\n{ilacs_l} - {lt}\n{ilacs_h} - {ht}\n"
      "The experiences and progress of children in care - {ct}\nThe experiences and progress of care leavers - "
      "{clt}", ({"council": "{council}", "grade": "{grade}",
                 "judgements": {"leadership": "{l}", "help_and_protection": "{h}", "children_in_care": "{c}",
                                "care_leavers": "{cl}"}},), note="ILACS 2023 key-value"),
    T("{dl}Ofsted judged {name}'s children's services {gw} overall.\n\nChildren who need help and protection: "
      "{ht}\nChildren looked after and achieving permanence: {ct}\nAdoption performance: {at}\nExperiences and "
      "progress of care leavers: {clt}\nLeadership, management and governance: {lt}",
      ({"council": "{council}", "grade": "{grade}",
        "judgements": {"leadership": "{l}", "help_and_protection": "{h}", "children_in_care": "{c}",
                       "care_leavers": "{cl}", "adoption": "{a}"}},), note="SIF key-value"),
    T("{dl}{name} was rated {gw} overall by Ofsted, {lw} for leadership and {hw} for help and protection.",
      ({"council": "{council}", "grade": "{grade}",
        "judgements": {"leadership": "{l}", "help_and_protection": "{h}"}},), note="inline 'good for leadership'"),
    T("{dl}Inspectors rated {name} {gw}. Services for children in care and care leavers were judged {cw}, "
      "while the local safeguarding children board was {lscbw}.",
      ({"council": "{council}", "grade": "{grade}",
        "judgements": {"children_in_care": "{c}", "care_leavers": "{c}", "lscb": "{lscb}"}},),
      note="SIF: children in care and care leavers -> both keys; LSCB"),
    T("{dl}{name} was judged {gw} by Ofsted. The experiences and progress of children in care and care leavers "
      "were found to be {cw}.", ({"council": "{council}", "grade": "{grade}", "judgements": {"children_in_care": "{c}"}},),
      note="ILACS 2018-22 inline combined judgement"),
    T("{dl}Ofsted rated {name} {gw} in all areas of its children's services.",
      ({"council": "{council}", "grade": "{grade}", "judgements": {}},), note="'in all areas' adds no judgement"),
)


# --- 13. two councils in one sentence ------------------------------------------------------------------------

def fill_two(rng: Random) -> dict[str, Any]:
    d = rdate(rng, 2014, 2025)
    a = pick(rng, d.year)
    b = pick(rng, d.year, (a.name,))
    g1, g2 = rng.sample(GRADES4, 2)
    return dict(dl=dateline(rng, d), c1=a.name, c2=b.name, n1=name_of(rng, a), n2=name_of(rng, b), g1=g1, g2=g2,
                w1=gw(rng, g1), w2=gw(rng, g2))


TWO_COUNCILS = (
    T("{dl}{n1} and {n2} have both been rated {w1} by Ofsted for their children's services.",
      ({"council": "{c1}", "grade": "{g1}"}, {"council": "{c2}", "grade": "{g1}"})),
    T("{dl}{n1} was rated {w1}, while neighbouring {n2} was judged {w2}, in reports published by Ofsted this week.",
      ({"council": "{c1}", "grade": "{g1}"}, {"council": "{c2}", "grade": "{g2}"})),
    T("Ofsted rated children's services in {n1} {w1} and those in {n2} {w2}.",
      ({"council": "{c1}", "grade": "{g1}"}, {"council": "{c2}", "grade": "{g2}"})),
    T("{dl}Inspectors found {n1} to be {w1}; {n2}, by contrast, was {w2}.",
      ({"council": "{c1}", "grade": "{g1}"}, {"council": "{c2}", "grade": "{g2}"})),
    T("{dl}It was a mixed week for Ofsted verdicts in the region: {n1}'s children's services were judged {w1} but {n2}'s were "
      "rated {w2}.", ({"council": "{c1}", "grade": "{g1}"}, {"council": "{c2}", "grade": "{g2}"})),
)


# --- 14. reorganisations: the council and GSS code valid at the date ------------------------------------------

# (name as written, canonical, gss, first year, last year) -- years safely inside the code's life,
# and some month-precise cases right around the April change-over.
REORG = (
    ("Cumbria County Council", "Cumbria", "E10000006", 2014, 2022),
    ("Cumberland Council", "Cumberland", "E06000063", 2024, 2025),
    ("Westmorland and Furness Council", "Westmorland and Furness", "E06000064", 2024, 2025),
    ("North Yorkshire County Council", "North Yorkshire", "E10000023", 2014, 2022),
    ("North Yorkshire Council", "North Yorkshire", "E06000065", 2024, 2025),
    ("Somerset County Council", "Somerset", "E10000027", 2014, 2022),
    ("Somerset Council", "Somerset", "E06000066", 2024, 2025),
    ("Northamptonshire County Council", "Northamptonshire", "E10000021", 2014, 2020),
    ("North Northamptonshire Council", "North Northamptonshire", "E06000061", 2022, 2025),
    ("West Northamptonshire Council", "West Northamptonshire", "E06000062", 2022, 2025),
    ("Dorset County Council", "Dorset", "E10000009", 2014, 2018),
    ("Dorset Council", "Dorset", "E06000059", 2020, 2025),
    ("Bournemouth Borough Council", "Bournemouth", "E06000028", 2014, 2018),
    ("Poole", "Poole", "E06000029", 2014, 2018),
    ("BCP Council", "Bournemouth, Christchurch and Poole", "E06000058", 2020, 2025),
    ("Buckinghamshire County Council", "Buckinghamshire", "E10000002", 2014, 2019),
    ("Buckinghamshire Council", "Buckinghamshire", "E06000060", 2021, 2025),
    ("Northumberland County Council", "Northumberland", "E06000048", 2010, 2012),
    ("Northumberland County Council", "Northumberland", "E06000057", 2014, 2025),
    ("Gateshead Council", "Gateshead", "E08000020", 2010, 2012),
    ("Gateshead Council", "Gateshead", "E08000037", 2014, 2025),
    ("Cornwall Council", "Cornwall", "E06000052", 2010, 2025),
    ("Wiltshire Council", "Wiltshire", "E06000054", 2010, 2025),
    ("Shropshire Council", "Shropshire", "E06000051", 2010, 2025),
    ("Cheshire East Council", "Cheshire East", "E06000049", 2010, 2025),
    ("Central Bedfordshire Council", "Central Bedfordshire", "E06000056", 2010, 2025),
    ("Barnsley Council", "Barnsley", "E08000016", 2014, 2024),
    ("Sheffield City Council", "Sheffield", "E08000019", 2014, 2024),
)
EDGE = (  # inspection months either side of 1 April of a change-over year
    ("Cumbria County Council", "Cumbria", "E10000006", 2023, 1, 2),
    ("Cumberland Council", "Cumberland", "E06000063", 2023, 9, 11),
    ("North Yorkshire County Council", "North Yorkshire", "E10000023", 2023, 1, 2),
    ("North Yorkshire Council", "North Yorkshire", "E06000065", 2023, 9, 11),
    ("Somerset Council", "Somerset", "E06000066", 2023, 10, 11),
    ("Northamptonshire County Council", "Northamptonshire", "E10000021", 2021, 1, 2),
    ("West Northamptonshire Council", "West Northamptonshire", "E06000062", 2021, 10, 11),
    ("Dorset Council", "Dorset", "E06000059", 2019, 9, 11),
    ("BCP Council", "Bournemouth, Christchurch and Poole", "E06000058", 2019, 9, 11),
)


def fill_reorg(rng: Random) -> dict[str, Any]:
    g = rng.choice(GRADES4)
    if rng.random() < 0.25:
        name, canon, gss, y, m0, m1 = rng.choice(EDGE)
        m = rng.randint(m0, m1)
    else:
        name, canon, gss, y0, y1 = rng.choice(REORG)
        y, m = rng.randint(y0, y1), rng.randint(1, 10)
    ad = date(y, m + 1, rng.randint(1, 28)) if m < 12 else date(y + 1, 1, 10)
    if rng.random() < 0.4 and name.endswith(" Council"):
        name = name[: -len(" Council")].replace(" County", "").replace(" City", "")
        if name == "BCP":
            name = "Bournemouth, Christchurch and Poole"
    return dict(name=name, council=canon, gss=gss, grade=g, gw=gw(rng, g), imonth=MONTHS[m - 1], iy=y,
                iym=f"{y}-{m:02d}", dl=dateline(rng, ad, rng.choice((0, 1, 3, 5))))


_RG = ({"council": "{council}", "ons_code": "{gss}", "grade": "{grade}"},)
REORGANISATIONS = (
    T("{dl}{name}'s children's services have been rated {gw} by Ofsted following an inspection in {imonth} {iy}.",
      ({"council": "{council}", "ons_code": "{gss}", "grade": "{grade}", "inspection_date": "{iym}"},)),
    T("{dl}Ofsted inspectors judged {name} {gw} after visiting in {imonth}.", _RG),
    T("{dl}Ofsted's report on its {imonth} {iy} inspection of {name} finds the council's children's services "
      "{gw}.", _RG),
    T("{dl}Children in {name} receive services that are {gw}, according to Ofsted inspectors who visited in "
      "{imonth} {iy}.", _RG),
)


# --- 15. the April 2026 framework: area grades only ---------------------------------------------------------

def fill_2026(rng: Random) -> dict[str, Any]:
    d = date(2026, rng.randint(5, 11), rng.randint(1, 28))
    a = pick(rng, 2025)
    s: dict[str, Any] = dict(dl=dateline(rng, d), council=a.name, name=name_of(rng, a), ad=d.isoformat(),
                             imonth=MONTHS[rng.randint(4, d.month - 1) - 1])
    for k in ("l", "h", "c", "cl"):
        g = rng.choice(GRADES4)
        s[k], s[k + "t"], s[k + "w"] = g, TITLE[g], gw(rng, g).strip("'“”")
    return s


_J4 = {"leadership": "{l}", "help_and_protection": "{h}", "children_in_care": "{c}", "care_leavers": "{cl}"}
FRAMEWORK_2026 = (
    T("{dl}{name} is one of the first councils inspected under Ofsted's new framework, which no longer gives an "
      "overall grade. Inspectors rated leadership {lw}, help and protection {hw}, children in care {cw} and care "
      "leavers {clw}.", ({"council": "{council}", "grade": None, "judgements": _J4},)),
    T("{dl}Ofsted inspection of {name} children's services ({imonth} 2026)\nThe impact of leaders: {lt}\n"
      "Children who need help and protection: {ht}\nChildren in care: {ct}\nCare leavers: {clt}",
      ({"council": "{council}", "grade": None, "judgements": _J4},)),
    T("{dl}Under the revised inspection framework there is no single headline judgement. {name}'s leadership "
      "was graded {lw} and its work with children in care {cw}.",
      ({"council": "{council}", "grade": None, "judgements": {"leadership": "{l}", "children_in_care": "{c}"}},)),
    T("{dl}{name} has received its first report card-style Ofsted judgement: {lw} for the impact of leaders and "
      "{hw} for children who need help and protection.",
      ({"council": "{council}", "grade": None,
        "judgements": {"leadership": "{l}", "help_and_protection": "{h}"}},)),
)


# --- 16. annual ratings 2008-2010 -----------------------------------------------------------------------------

AR = {"excellent": ("performs excellently", "performing excellently"),
      "performs_well": ("performs well", "performing well"),
      "adequate": ("performs adequately", "performing adequately"),
      "performs_poorly": ("performs poorly", "performing poorly")}


def fill_annual(rng: Random) -> dict[str, Any]:
    y = rng.choice((2008, 2009, 2010))
    a = pick(rng, y)
    g = rng.choice(tuple(AR))
    d = date(y, 12, rng.randint(8, 20))
    return dict(name=name_of(rng, a), council=a.name, grade=g, pres=AR[g][0], prog=AR[g][1], y=y,
                dl=dateline(rng, d), ss=rng.choice(("adequate", "good", "outstanding", "inadequate")))


ANNUAL = (
    T("{dl}In its {y} annual rating of children's services, Ofsted judged that {name} {pres}.",
      ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}", "inspection_date": "{y}"},)),
    T("{name} has been assessed as {prog} in Ofsted's annual performance assessment of services for children "
      "and young people for {y}.",
      ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}", "inspection_date": "{y}"},)),
    T("{dl}The {y} review by Ofsted rated {name} as {prog}, the council said in a statement.",
      ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}", "inspection_date": "{y}"},)),
    T("{dl}Ofsted's annual assessment says children's services in {name} are {prog}.",
      ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}"},)),
    T("{dl}{name} {pres}, according to Ofsted's {y} children's services assessment. Its 'staying safe' grade was "
      "{ss}.", ({"council": "{council}", "inspection_type": "annual_rating", "grade": "{grade}",
                 "judgements": {"safeguarding": "{ss}"}},)),
)


BLIND_CAPABILITIES: tuple[Capability, ...] = (
    Capability("council_names", "name forms (short, official, '... Council', 'the London Borough of', aliases) "
               "in any case", COUNCIL_NAMES, fill_names, 60),
    Capability("grade_phrasings", "judged / handed the lowest rating / highest rating / require improvement to be "
               "good / graded / given a rating", GRADE_PHRASINGS, fill_grades, 64),
    Capability("coreference", "the grade given to 'the council', 'it', 'the authority'", COREFERENCE, base, 48),
    Capability("datelines", "article_date from bylines and datelines amid page boilerplate", DATELINES,
               fill_datelines, 50),
    Capability("inspection_dates", "spans, 'in March', 'earlier this year', 'last month', week beginning",
               INSPECTION_DATES, fill_idates, 64),
    Capability("publication_dates", "'published today', 'released on', 'went online on'", PUBLICATION_DATES,
               fill_pdates, 48),
    Capability("prior_phrasings", "previously rated / up from / improvement on / having been judged / slipped "
               "from / kept its", PRIOR_PHRASINGS, fill_prior, 64),
    Capability("no_record", "statistics, schools, nurseries, police, Welsh inspectorate, children's homes",
               NO_RECORD, fill_norecord, 64),
    Capability("negation", "a negated grade beside the real one", NEGATION, base, 48),
    Capability("visits", "monitoring and focused visits: grade null, standing grade as prior", VISITS,
               fill_visits, 60),
    Capability("roundup_layouts", "lists of councils with grades: dashes, bullets, headers, tables, prose",
               ROUNDUP, fill_roundup, 60),
    Capability("judgement_lists", "key-value area lists by era, inline area grades, 'in all areas'",
               JUDGEMENT_LISTS, fill_jl, 70, indexed=True),
    Capability("two_councils", "two councils in one sentence", TWO_COUNCILS, fill_two, 50),
    Capability("reorganisations", "the council and GSS code valid at the inspection date", REORGANISATIONS,
               fill_reorg, 64),
    Capability("framework_2026", "ILACS from April 2026: no overall grade, area grades", FRAMEWORK_2026,
               fill_2026, 48),
    Capability("annual_ratings", "2008-2010 annual ratings: performs excellently / well / adequately / poorly",
               ANNUAL, fill_annual, 50),
)
BLIND = {c.name: c for c in BLIND_CAPABILITIES}


def rates(results: list[Any]) -> dict[str, tuple[int, int, float]]:
    """capability -> (cases, passed, rate) over the blind capabilities (the suite's own counting)."""
    from .suite import rates as suite_rates

    return suite_rates(results, BLIND_CAPABILITIES)


def describe(r: Any) -> str:
    import json

    slim = [{k: v for k, v in p.items() if v not in (None, {}, "") and k not in ("source", "confidence")}
            for p in r.predicted]
    note = BLIND[r.case.capability].templates[r.case.template].note
    return (f"[{r.case.capability} t{r.case.template}{': ' + note if note else ''}] {r.case.text!r}\n"
            f"    expected: {json.dumps(list(r.case.expected), default=str)}\n"
            f"    got:      {json.dumps(slim, default=str)}\n"
            f"    problems: {'; '.join(r.problems)}")
