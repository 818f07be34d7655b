"""A small, fast, regex-only grammar for the dates that news articles use.

Three entry points:

* :func:`find_date_mentions` finds every date phrase in a text (full dates,
  month + year, bare years in a date context, seasons, spans such as
  "between 10 and 21 June 2019" or "late February/early March", and phrases
  that need an anchor: "in October", "13 May", "last month", "two years ago").
  Each :class:`DateMention` keeps its character offsets and resolves, given an
  anchor date, to a :class:`PartialDate` that carries its own precision.
* :func:`parse_full_date` reads one string that is a full day-month-year date.
* :func:`find_article_date` finds the article's own date (byline/dateline).

Nothing is invented: what the text does not fix stays ``None`` and a partial
date is never padded with made-up months or days.  Spans resolve to their
start.  All patterns are compiled once, at import; there is no spaCy and no
dateparser dependency.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

__all__ = [
    "PartialDate",
    "DateMention",
    "find_date_mentions",
    "parse_full_date",
    "find_article_date",
]


# ---------------------------------------------------------------------------
# PartialDate
# ---------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to year, month or day precision.

    Ordering is chronological by (year, month, day); at equal known parts the
    less precise date sorts first (``2019 < 2019-01 < 2019-01-01``).
    """

    year: int = field(compare=False)
    month: int | None = field(default=None, compare=False)
    day: int | None = field(default=None, compare=False)
    # Comparison key; keeps order=True usable when month/day are None.
    _key: tuple[int, int, int] = field(init=False, repr=False, compare=True)

    def __post_init__(self) -> None:
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            # raises ValueError for an impossible day
            datetime.date(self.year, self.month or 1, self.day)
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        object.__setattr__(self, "_key", (self.year, self.month or 0, self.day or 0))

    def iso(self) -> str:
        """``"2019"``, ``"2019-06"`` or ``"2019-06-10"``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day"

    def first_day(self) -> datetime.date:
        """The first calendar day this partial date covers."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def from_date(cls, d: datetime.date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @classmethod
    def from_iso(cls, s: str) -> PartialDate:
        """Inverse of :meth:`iso` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s.strip())
        if not m:
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {s!r}")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)


# ---------------------------------------------------------------------------
# Resolution of anchored phrases
# ---------------------------------------------------------------------------

#: How far after the anchor a year-less day-month may fall and still be read
#: as the anchor's year (announced dates, "on 13 May" in a piece of 1 May).
_FUTURE_SLACK = datetime.timedelta(days=31)

_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _month_past(m: int, anchor: datetime.date, mode: str) -> int:
    """The year of month ``m`` as seen from ``anchor``."""
    if mode == "this":
        return anchor.year
    if mode == "last":  # strictly before the anchor's month
        return anchor.year if m < anchor.month else anchor.year - 1
    if mode == "next":  # strictly after
        return anchor.year if m > anchor.month else anchor.year + 1
    # "past": on or before the anchor's month
    return anchor.year if m <= anchor.month else anchor.year - 1


def _day_month_year(m: int, d: int, anchor: datetime.date, weekday: int | None = None) -> int | None:
    """The year of day ``d`` of month ``m``: the anchor's, or the one before
    when that would fall more than ~31 days after the anchor.  A weekday named
    with the date breaks the tie when it fits only the other candidate year."""

    def ok(y: int) -> bool:
        try:
            datetime.date(y, m, d)
        except ValueError:
            return False
        return True

    year = anchor.year
    if ok(year) and datetime.date(year, m, d) > anchor + _FUTURE_SLACK:
        year -= 1
    elif not ok(year):
        # 29 February in a non-leap anchor year: the last 29 February before.
        year -= 1
        while not ok(year) and year > anchor.year - 8:
            year -= 1
    if not ok(year):
        return None
    if weekday is not None and datetime.date(year, m, d).weekday() != weekday:
        for alt in (anchor.year, anchor.year - 1):
            if alt != year and ok(alt) and datetime.date(alt, m, d).weekday() == weekday:
                if datetime.date(alt, m, d) <= anchor + _FUTURE_SLACK:
                    return alt
    return year


def _week(anchor: datetime.date, weeks_back: int) -> PartialDate | None:
    """The Monday-Sunday week ``weeks_back`` weeks before the anchor's week,
    as a month when it lies within one month, else as a year."""
    day = anchor - datetime.timedelta(days=7 * weeks_back)
    monday = day - datetime.timedelta(days=day.weekday())
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return PartialDate(monday.year, monday.month)
    if monday.year == sunday.year:
        return PartialDate(monday.year)
    return None


def _season(season: str, anchor: datetime.date, mode: str) -> PartialDate | None:
    """Year of a season named without a year ("last summer"), year precision.

    "this" is the anchor year's season; "last" the latest one that ended
    before the anchor's month; "next" the first that starts after it.  Winter
    straddles two years, so its year is never fixed."""
    start = _SEASON_START[season]
    if start == 12:
        return None
    a = anchor.year * 12 + anchor.month - 1
    if mode == "this":
        return PartialDate(anchor.year)
    if mode == "last":
        y = anchor.year if anchor.year * 12 + start + 1 < a else anchor.year - 1
    else:  # "next"
        y = anchor.year if anchor.year * 12 + start - 1 > a else anchor.year + 1
    return PartialDate(y)


def _resolve(spec: tuple, anchor: datetime.date | None) -> PartialDate | None:
    tag = spec[0]
    if tag == "fixed":
        return spec[1]
    if anchor is None:
        return None
    if isinstance(anchor, datetime.datetime):
        anchor = anchor.date()
    try:
        if tag == "month":  # ("month", m, mode)
            _, m, mode = spec
            return PartialDate(_month_past(m, anchor, mode), m)
        if tag == "month_span":  # ("month_span", m1, m2): resolve the end, start before it
            _, m1, m2 = spec
            y2 = _month_past(m2, anchor, "past")
            return PartialDate(y2 if m1 <= m2 else y2 - 1, m1)
        if tag == "rely":  # ("rely", delta_years, m, d|None): "November last year", "3-25 March this year"
            _, dy, m, d = spec
            return PartialDate(anchor.year + dy, m, d)
        if tag == "monthday":  # ("monthday", m, d, weekday|None)
            _, m, d, wd = spec
            y = _day_month_year(m, d, anchor, wd)
            return None if y is None else PartialDate(y, m, d)
        if tag == "monthday_span":  # ("monthday_span", m1, d1, m2, d2)
            _, m1, d1, m2, d2 = spec
            y2 = _day_month_year(m2, d2, anchor)
            if y2 is None:
                return None
            y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
            return PartialDate(y1, m1, d1)
        if tag == "rel_month":  # ("rel_month", delta)
            y, m = _add_months(anchor.year, anchor.month, spec[1])
            return PartialDate(y, m)
        if tag == "rel_year":
            return PartialDate(anchor.year + spec[1])
        if tag == "rel_day":
            return PartialDate.from_date(anchor + datetime.timedelta(days=spec[1]))
        if tag == "weekday":  # ("weekday", weekday, min_days_back): "on Friday" 0-6 days back, "last Friday" 1-7
            _, wd, least = spec
            back = (anchor.weekday() - wd) % 7
            return PartialDate.from_date(anchor - datetime.timedelta(days=back + (7 if back < least else 0)))
        if tag == "week":  # ("week", weeks_back)
            return _week(anchor, spec[1])
        if tag == "season":  # ("season", name, mode)
            return _season(spec[1], anchor, spec[2])
    except (ValueError, OverflowError):  # no such date, or before 0001 / after 9999 ("yesterday" of 0001-01-01)
        return None
    raise ValueError(f"unknown date spec {spec!r}")


# ---------------------------------------------------------------------------
# DateMention
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    """One date phrase found in a text.

    ``text == source[start:end]``.  ``kind`` is ``"absolute"`` (the phrase has
    its own year and a month, day or season), ``"year"`` (only a year: "in
    2012", "2019/20", "mid-2019") or ``"anchored"`` (needs an anchor date:
    "in October", "13 May", "last month", "two years ago").  ``is_span`` is
    true when the phrase names a period ("between 10 and 21 June", "late
    February/early March"); it resolves to the period's start.

    Plain prepositions before a date ("in", "on", "since") are not part of
    the mention; words that shape its meaning are ("between", "from", "last",
    "early", "the end of", "earlier this").
    """

    start: int
    end: int
    text: str
    kind: str
    is_span: bool = False
    _spec: tuple = field(default=("fixed", None), repr=False, compare=False)

    def resolve(self, anchor: datetime.date | None = None) -> PartialDate | None:
        """The date this phrase names (its start, for a span), as precisely as
        the phrase fixes it.  Anchored phrases need ``anchor`` (normally the
        article date) and give ``None`` without one; past dates are preferred."""
        return _resolve(self._spec, anchor)


# ---------------------------------------------------------------------------
# Lexicon and regex building blocks
# ---------------------------------------------------------------------------

_MONTH_FULL = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "a couple of": 2,
}


def _cased(words: Iterable[str]) -> str:
    """Alternation of Title-case and UPPER-case forms, longest first."""
    forms: set[str] = set()
    for w in words:
        forms.add(w.capitalize())
        forms.add(w.upper())
    return "|".join(sorted(forms, key=lambda s: (-len(s), s)))


_HS = r"[ \t\u00a0\u2009\u202f]+"  # horizontal space: dates never run across lines
_HSO = r"[ \t\u00a0\u2009\u202f]*"
_MONTH_FULL_RE = r"(?<![A-Za-z])(?:" + _cased(_MONTH_FULL) + r")(?![A-Za-z])"
_MONTH_ANY_RE = (
    r"(?<![A-Za-z])(?:(?:" + _cased(_MONTH_FULL) + r")(?![A-Za-z])"
    r"|(?:" + _cased(_MONTH_ABBR) + r")(?![A-Za-z])\.?)"
)
_WEEKDAY_RE = r"(?<![A-Za-z])(?:" + _cased(_WEEKDAYS) + r")(?![A-Za-z])\.?"
_DAY_RE = r"(?:(?<![\w.,£$€:/])|(?<=[A-Za-z]:)|(?<=(?i:published))|(?<=(?i:updated))|(?<=(?i:posted)))(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
# A year may touch a following capitalised word: scraped layout glues a byline's date to the caption
# after it ("03 Jun 2025Arthur ...").
_YEAR_RE = r"(?<![\w£$€#])(?:19[89]\d|20[0-4]\d)(?![a-z\d_]|%|[.,]\d)"
_NUM_RE = (
    r"(?:\d{1,2}|a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)"
)

_TOKENS = {
    "@HS@": _HS,
    "@HSO@": _HSO,
    "@WD@": _WEEKDAY_RE,
    "@MONF@": _MONTH_FULL_RE,
    "@MON@": _MONTH_ANY_RE,
    "@DAY@": _DAY_RE,
    "@YEAR@": _YEAR_RE,
    "@NUM@": _NUM_RE,
}


def _p(template: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a template, replacing @TOKEN@s and ``<name:TOKEN>`` groups."""

    def group(m: re.Match[str]) -> str:
        return f"(?P<{m.group(1)}>{_TOKENS['@' + m.group(2) + '@']})"

    s = re.sub(r"<(\w+):(\w+)>", group, template)
    for k, v in _TOKENS.items():
        s = s.replace(k, v)
    return re.compile(s, flags)


# Separators inside a day or month span.
_DAY_SEP = r"(?:@HSO@(?:-|–|—|‑)@HSO@|@HS@(?:to|and|until|till|through|&)@HS@)"
_MON_SEP = r"(?:@HSO@(?:/|-|–|—|‑)@HSO@|@HS@(?:to|and|or|into|through|until|till|&)@HS@)"
# "early", "mid-", "the end of", "the final week of", ... (case-insensitive)
_MOD = (
    r"\b(?i:(?:early|mid|late)(?:-|@HS@)"
    r"|(?:the@HS@)?(?:very@HS@)?(?:start|beginning|middle|end|close|turn)@HS@of@HS@"
    r"|(?:the@HS@)?(?:first|second|third|fourth|final|last|latter|closing|opening|early|later|penultimate)"
    r"@HS@(?:(?:two|three|few)@HS@)?(?:weeks?|half|part|days|fortnight)@HS@of@HS@)"
)
_SPAN_PRE = r"(?:\b(?i:between|from)@HS@)?"
# Cheap first-character tests that let the engine skip most positions at once:
# a weekday, "the" or a day; a weekday or a month; "between"/"from", a weekday
# or a day; "between"/"from" or a month.
_FIRST_DW = r"(?=[MTWFSt\d])"
_FIRST_WM = r"(?=[MTWFSJAOND])"
_FIRST_SD = r"(?=[bBfFMTWS\d])"
_FIRST_SM = r"(?=[bBfFJMASOND])"
_OF = r"(?:@HS@of)?"


# ---------------------------------------------------------------------------
# Patterns.  Each handler returns (start, end, kind, is_span, spec) or None.
# ---------------------------------------------------------------------------

_Cand = tuple[int, int, str, bool, tuple]
_Handler = Callable[[re.Match[str], str], "_Cand | None"]
#: Rules by trigger group: a rule is only tried near a token of its group
#: (a month name, a year, a numeric date, a relative word), which keeps the
#: scan fast on long texts.
_PATTERNS: dict[str, list[tuple[re.Pattern[str], _Handler]]] = {
    "month": [], "numeric": [], "year": [], "rel": [], "weekday": [],
}
_TRIGGERS: dict[str, re.Pattern[str]] = {
    "month": re.compile(_MONTH_ANY_RE),
    "numeric": re.compile(r"\d[/.\-]\d"),
    "year": re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)"),
    "rel": re.compile(r"\b(?i:last|this|next|today|yesterday|tomorrow|tonight|ago|after|from)\b"),
    "weekday": re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"),
}
#: Characters searched either side of a trigger token.
_WINDOW = 80


def _rule(group: str, template: str, flags: int = 0) -> Callable[[_Handler], _Handler]:
    pattern = _p(template, flags)

    def deco(fn: _Handler) -> _Handler:
        _PATTERNS[group].append((pattern, fn))
        return fn

    return deco


def _mon(s: str) -> int:
    s = s.rstrip(".").lower()
    return _MONTH_FULL.get(s) or _MONTH_ABBR[s]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _wd(s: str | None) -> int | None:
    if not s:
        return None
    return _WEEKDAYS[re.match(r"[A-Za-z]+", s).group().lower()]  # type: ignore[union-attr]


def _num(s: str) -> int:
    s = re.sub(r"\s+", " ", s.strip().lower())
    return int(s) if s.isdigit() else _NUMBER_WORDS[s]


def _valid_dm(m: int, d: int) -> bool:
    return 1 <= d <= (29 if m == 2 else calendar.monthrange(2001, m)[1])


def _fixed(y: int, m: int | None = None, d: int | None = None) -> tuple | None:
    try:
        return ("fixed", PartialDate(y, m, d))
    except ValueError:
        return None


def _full(m: re.Match[str], spec: tuple | None, kind: str = "absolute", span: bool = False) -> _Cand | None:
    """Candidate covering the whole match (None when the date was impossible)."""
    if spec is None:
        return None
    return (m.start(), m.end(), kind, span, spec)


# --- full dates ------------------------------------------------------------

# "Monday 8 May 2019", "20 January 2016", "1st Dec 2021", "the 13th of June, 2017", "20-Jan-2016"
@_rule("month", _FIRST_DW + r"(?:(?P<wd>@WD@),?@HS@)?(?:(?i:the)@HS@)?<d:DAY>(?:" + _OF + r"@HS@|@HSO@[-/]@HSO@)<m:MON>"
       r"(?:,?@HS@(?:of@HS@)?|@HSO@[-/]@HSO@)<y:YEAR>")
def _h_dmy(m: re.Match[str], text: str) -> _Cand | None:
    return _full(m, _fixed(int(m["y"]), _mon(m["m"]), _day(m["d"])))


# "January 20, 2016", "Wednesday, January 20, 2016", "December 18th, 2008"
@_rule("month", _FIRST_WM + r"(?:(?P<wd>@WD@),?@HS@)?<m:MON>@HS@<d:DAY>,?@HS@<y:YEAR>")
def _h_mdy(m: re.Match[str], text: str) -> _Cand | None:
    return _full(m, _fixed(int(m["y"]), _mon(m["m"]), _day(m["d"])))


# "24/06/2024" (day first; month first only when day-first is impossible), "24.06.2024"
@_rule("numeric", r"(?<![\w/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)"
       r"(?P<y>(?:19[89]\d|20[0-4]\d))(?![\d%]|[/.\-]\d)")
def _h_numeric(m: re.Match[str], text: str) -> _Cand | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    spec = _fixed(y, b, a) if 1 <= b <= 12 else None
    if spec is None and 1 <= a <= 12:
        spec = _fixed(y, a, b)
    return _full(m, spec)


# "2017-12-20", "2017/12/20" (also the date part of an ISO timestamp)
@_rule("numeric", r"(?<![\w/.\-])(?P<y>19[89]\d|20[0-4]\d)(?P<sep>[-/.])(?P<mo>0?[1-9]|1[0-2])(?P=sep)"
       r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d%]|[/.\-]\d)")
def _h_iso(m: re.Match[str], text: str) -> _Cand | None:
    return _full(m, _fixed(int(m["y"]), int(m["mo"]), int(m["d"])))


# Two-digit years only on a line of their own: "9 Dec 10", "24/06/24".
@_rule("month", r"^@HSO@(?:(?P<wd>@WD@),?@HS@)?(?P<body><d:DAY>@HS@<m:MON>,?@HS@(?P<yy>\d{2}))@HSO@$", re.M)
def _h_line_dmyy(m: re.Match[str], text: str) -> _Cand | None:
    spec = _fixed(2000 + int(m["yy"]) if int(m["yy"]) < 70 else 1900 + int(m["yy"]),
                  _mon(m["m"]), _day(m["d"]))
    if spec is None:
        return None
    start = m.start("wd") if m["wd"] else m.start("body")
    return (start, m.end("body"), "absolute", False, spec)


# "29.01.18" on a line of its own; "(28/10/19)" with slashes anywhere, since a day/month/two-digit-year
# triple written with slashes is a date in prose too (dots are as often a score or a version).
@_rule("numeric", r"^@HSO@(?P<body>(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<yy>\d{2}))@HSO@$", re.M)
@_rule("numeric", r"(?<![\w/.\-£$€])(?P<body>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<yy>\d{2}))(?![\w%/]|[.,\-]\d)")
def _h_line_numeric_yy(m: re.Match[str], text: str) -> _Cand | None:
    yy = int(m["yy"])
    if 50 <= yy < 80:
        return None  # the years a news archive holds are 1980-2049, as for four-digit years
    y = 2000 + yy if yy < 50 else 1900 + yy
    a, b = int(m["a"]), int(m["b"])
    spec = _fixed(y, b, a) if 1 <= b <= 12 else None
    if spec is None:
        return None
    return (m.start("body"), m.end("body"), "absolute", False, spec)


# --- day spans -------------------------------------------------------------


def _ytail(name: str) -> str:
    """An optional year after a day or month phrase: "2019", ", of 2019" or "this/last/next year"."""
    return (r"(?:,?@HS@(?:of@HS@)?<" + name + r":YEAR>"
            r"|,?@HS@(?P<rely>(?i:this|last|next))@HS@(?i:year)(?!\w))?")


_RELY = {"this": 0, "last": -1, "next": 1}


def _dated(m: re.Match[str], year_group: str, m1: int, d1: int | None, m2: int, d2: int | None,
           span: bool, anchored: tuple) -> _Cand | None:
    """Candidate for a phrase whose year, when written, follows its end: a
    start later in the calendar than the end lies in the year before."""
    shift = 1 if (m1, d1 or 0) > (m2, d2 or 0) else 0
    if m[year_group]:
        return _full(m, _fixed(int(m[year_group]) - shift, m1, d1), span=span)
    if m["rely"]:
        return (m.start(), m.end(), "anchored", span, ("rely", _RELY[m["rely"].lower()] - shift, m1, d1))
    return (m.start(), m.end(), "anchored", span, anchored)


# "between 10 and 21 June 2019", "10 to 21 June", "from 6th to 30th March 2017", "14-18 October 2019",
# "20 - 30 September 2022", "Monday 8 to Friday 12 May"
@_rule("month", _FIRST_SD + _SPAN_PRE + r"(?:@WD@,?@HS@)?<d1:DAY>" + _DAY_SEP + r"(?:@WD@,?@HS@)?<d2:DAY>" + _OF
       + r"@HS@<m:MON>" + _ytail("y"))
def _h_dd_m(m: re.Match[str], text: str) -> _Cand | None:
    mo, d1, d2 = _mon(m["m"]), _day(m["d1"]), _day(m["d2"])
    if not (d1 < d2 and _valid_dm(mo, d2)):
        return None
    return _dated(m, "y", mo, d1, mo, d2, True, ("monthday_span", mo, d1, mo, d2))


# "between 23 January to 16 February 2017", "28 December 2019 to 8 January 2020"
@_rule("month", _FIRST_SD + _SPAN_PRE + r"(?:@WD@,?@HS@)?<d1:DAY>" + _OF + r"@HS@<m1:MON>(?:,?@HS@<y1:YEAR>)?"
       + _DAY_SEP + r"(?:@WD@,?@HS@)?<d2:DAY>" + _OF + r"@HS@<m2:MON>" + _ytail("y2"))
def _h_dm_dm(m: re.Match[str], text: str) -> _Cand | None:
    m1, d1, m2, d2 = _mon(m["m1"]), _day(m["d1"]), _mon(m["m2"]), _day(m["d2"])
    if not (_valid_dm(m1, d1) and _valid_dm(m2, d2)):
        return None
    if m1 == m2 and not m["y1"] and d1 >= d2:
        return None  # "6 March to 17 March" is a span; "17 March to 6 March" is no date
    if m["y1"]:
        return _full(m, _fixed(int(m["y1"]), m1, d1), span=True)
    return _dated(m, "y2", m1, d1, m2, d2, True, ("monthday_span", m1, d1, m2, d2))


# "November 3 and 14", "November 3-14, 2019", "June 10 to July 2, 2019", "from March 3-25 this year"
@_rule("month", _FIRST_SM + _SPAN_PRE + r"<m1:MON>@HS@<d1:DAY>" + _DAY_SEP + r"(?:<m2:MON>@HS@)?<d2:DAY>" + _ytail("y"))
def _h_m_dd(m: re.Match[str], text: str) -> _Cand | None:
    m1, d1, d2 = _mon(m["m1"]), _day(m["d1"]), _day(m["d2"])
    m2 = _mon(m["m2"]) if m["m2"] else m1
    if not (_valid_dm(m1, d1) and _valid_dm(m2, d2)) or (m1 == m2 and d1 >= d2):
        return None
    return _dated(m, "y", m1, d1, m2, d2, True, ("monthday_span", m1, d1, m2, d2))


# --- months ----------------------------------------------------------------

# "October 2015", "Oct 2015", "March of 2019", "June, 2019"
@_rule("month", r"(?=[JFMASOND])<m:MON>,?@HS@(?:of@HS@)?<y:YEAR>")
def _h_month_year(m: re.Match[str], text: str) -> _Cand | None:
    return _full(m, _fixed(int(m["y"]), _mon(m["m"])))


# "in November and December 2022", "June and July", "late February/early March", "between June and July 2019"
@_rule("month", _SPAN_PRE + r"(?:" + _MOD + r")?<m1:MON>" + _MON_SEP + r"(?:" + _MOD + r")?<m2:MON>"
       + _ytail("y"))
def _h_month_span(m: re.Match[str], text: str) -> _Cand | None:
    m1, m2 = _mon(m["m1"]), _mon(m["m2"])
    if m1 == m2:
        return None
    # Without a year both months must be written out in full.
    if not m["y"] and not (m["m1"].lower() in _MONTH_FULL and m["m2"].lower() in _MONTH_FULL):
        return None
    return _dated(m, "y", m1, None, m2, None, True, ("month_span", m1, m2))


# "early March", "mid-June 2019", "the end of March", "the final week of October", "the first week of June"
@_rule("month", r"(?P<mod>" + _MOD + r")<m:MONF>" + _ytail("y"))
def _h_mod_month(m: re.Match[str], text: str) -> _Cand | None:
    mo = _mon(m["m"])
    return _dated(m, "y", mo, None, mo, None, True, ("month", mo, "past"))


# "a two-week period in January 2026", "two weeks in September"
@_rule("month", r"\b(?:(?i:a|an|the)@HS@)?(?i:" + _NUM_RE + r")(?:-|@HS@)(?i:weeks?|days?|months?)(?i:-long)?@HS@"
       r"(?:(?i:period)@HS@)?(?i:in|during)@HS@<m:MONF>" + _ytail("y"))
def _h_period_month(m: re.Match[str], text: str) -> _Cand | None:
    mo = _mon(m["m"])
    return _dated(m, "y", mo, None, mo, None, True, ("month", mo, "past"))


# "November last year", "June this year"
@_rule("month", r"(?=[JFMASOND])<m:MONF>@HS@(?P<rely>(?i:this|last|next))@HS@(?i:year)(?!\w)")
def _h_month_rel_year(m: re.Match[str], text: str) -> _Cand | None:
    return (m.start(), m.end(), "anchored", False, ("rely", _RELY[m["rely"].lower()], _mon(m["m"]), None))


_MONTH_CTX = re.compile(
    r"(?:\b(?i:in|on|during|since|from|until|till|by|before|after|of|throughout|through|and|or|to"
    r"|between|around|across|last|this|next)[ \t\u00a0\u2009\u202f]+|\([ \t]*)$"
)


# A month on its own: "in October", "last November", "held in December", "December's inspection"
@_rule("month", r"(?=[lLtTnNJFMASOND])(?:\b(?P<rel>(?i:last|this|next))@HS@)?<m:MONF>(?P<poss>['’]s\b)?")
def _h_month(m: re.Match[str], text: str) -> _Cand | None:
    mo = _mon(m["m"])
    if m["rel"]:
        mode = m["rel"].lower()
        if text[max(0, m.start() - 4):m.start()].lower().endswith("the "):
            return None  # "the last March" is not a date phrase we can fix
    else:
        if not (m["poss"] or _MONTH_CTX.search(text, max(0, m.start() - 20), m.start())):
            return None
        mode = "past"
    end = m.end("m")
    return (m.start(), end, "anchored", False, ("month", mo, mode))


# --- day + month without a year --------------------------------------------

# "13 May", "Tuesday, 12 August", "the 3rd of June"
@_rule("month", _FIRST_DW + r"(?:(?P<wd>@WD@),?@HS@)?(?:(?i:the)@HS@)?<d:DAY>" + _OF + r"@HS@<m:MON>"
       r"(?:,?@HS@(?P<rely>(?i:this|last|next))@HS@(?i:year)(?!\w))?")
def _h_day_month(m: re.Match[str], text: str) -> _Cand | None:
    mo, d = _mon(m["m"]), _day(m["d"])
    if not _valid_dm(mo, d):
        return None
    if m["rely"]:
        return (m.start(), m.end(), "anchored", False, ("rely", _RELY[m["rely"].lower()], mo, d))
    return (m.start(), m.end(), "anchored", False, ("monthday", mo, d, _wd(m["wd"])))


_MD_CTX = re.compile(
    r"(?:\b(?i:on|by|from|until|till|since|before|after|between|of|dated|published|updated|posted)"
    r"[ \t\u00a0]+|,[ \t\u00a0]*|\([ \t]*|^[ \t]*)$",
    re.M,
)


# "November 3", "on January 13", "Tuesday, August 12"
@_rule("month", _FIRST_WM + r"(?:(?P<wd>@WD@),?@HS@)?<m:MON>@HS@(?P<d>(?<![\w.,£$€:/])(?:3[01]|[12]\d|0?[1-9])(?P<ord>st|nd|rd|th)?(?!\w))")
def _h_month_day(m: re.Match[str], text: str) -> _Cand | None:
    mo, d = _mon(m["m"]), _day(m["d"])
    if not _valid_dm(mo, d):
        return None
    after = text[m.end():m.end() + 2]
    if not (m["wd"] or m["ord"] or re.match(r"[ \t]*(?:[,.;:)]|$)", after)
            or _MD_CTX.search(text, max(0, m.start() - 20), m.start())):
        return None  # "In March 10 councils ..." is not a date
    if re.match(r"[.,]\d", after):
        return None
    return (m.start(), m.end(), "anchored", False, ("monthday", mo, d, _wd(m["wd"])))


# --- years -----------------------------------------------------------------


# "2019/20", "2019-2020", "between 2015 and 2017", "from 2015 to 2017"
@_rule("year", r"(?:(?P<pre>(?i:between|from))@HS@)?(?<![\w£$€#/.\-])(?P<y1>19[89]\d|20[0-4]\d)"
       r"(?:@HSO@(?P<sep>/|-|–|—)@HSO@|@HS@(?P<word>and|to|until|till)@HS@)"
       r"(?P<y2>(?:19[89]\d|20[0-4]\d)|\d{2})(?![\w%/]|[.,\-]\d)")
def _h_year_range(m: re.Match[str], text: str) -> _Cand | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
    if not 0 < y2 - y1 <= 20:
        return None
    if m["word"] and not (m["pre"] and (m["word"] == "and") == (m["pre"].lower() == "between")):
        return None  # "2013 and 2015" is a list, not a span
    if m["word"] and len(m["y2"]) != 4:
        return None
    return _full(m, _fixed(y1), kind="year", span=True)


# "early 2019", "mid-2019", "the end of 2019", "the first half of 2019"
@_rule("year", r"(?P<mod>" + _MOD + r")<y:YEAR>")
def _h_mod_year(m: re.Match[str], text: str) -> _Cand | None:
    return _full(m, _fixed(int(m["y"])), kind="year", span=True)


_SEASON_RE = r"(?i:spring|summer|autumn|fall|winter)"


# "autumn 2019", "the summer of 2019", "late spring 2026", "winter 2019/20"
@_rule("year", r"(?:" + _MOD + r")?\b(?P<s>" + _SEASON_RE + r")(?:@HS@(?i:term))?,?@HS@(?:(?i:of)@HS@)?<y:YEAR>"
       r"(?P<range>/\d{2}(?!\d))?")
def _h_season_year(m: re.Match[str], text: str) -> _Cand | None:
    if m["s"].lower() == "fall" and m["s"][0] == "f":
        return None  # "fall 2019" in lower case is rarely a season in UK prose
    return _full(m, _fixed(int(m["y"])), span=bool(m["range"]))


# "last summer", "this autumn", "earlier this spring"
@_rule("rel", r"\b(?:(?i:earlier|later)@HS@)?(?P<rel>(?i:last|this|next))@HS@(?P<s>(?i:spring|summer|autumn|winter))\b")
def _h_season_rel(m: re.Match[str], text: str) -> _Cand | None:
    if text[max(0, m.start() - 4):m.start()].lower().endswith("the "):
        return None
    return (m.start(), m.end(), "anchored", False, ("season", m["s"].lower(), m["rel"].lower()))


_YEAR_CTX = (
    r"\b(?i:in|since|until|till|by|during|before|after|from|through|throughout|circa|around|for|across"
    r"|as@HS@of|back@HS@to|and@HS@again@HS@in|than|as)@HS@"
)
_YEAR_NOUNS = (
    r"(?i:inspections?|re-?inspections?|reports?|visits?|ratings?|judge?ments?|reviews?|assessments?"
    r"|gradings?|grades?|outcomes?|results?|framework|ilacs|sif|jtai|ofsted|annual|monitoring|focused"
    r"|full|letters?|apa|figures|data|statistics|survey|study|analysis|census|elections?|spending"
    r"|budget|league|performance|verdict|findings|publication|standard)\b"
)
_NOT_YEAR_AFTER = re.compile(
    r"[ \t\u00a0]*(?:[-–][A-Za-z]|(?i:children|young|people|pupils|staff|families|cases|referrals|councils"
    r"|authorities|workers|jobs|homes|places|beds|miles|words|members|households|residents|adults"
    r"|babies|girls|boys|students|posts|vacancies|hours|per|times|metres|square|km|pounds)\b)"
)


def _bare_year(m: re.Match[str], text: str) -> _Cand | None:
    if _NOT_YEAR_AFTER.match(text, m.end("y")):
        return None
    if re.match(r"[-–/]\w", text[m.end("y"):m.end("y") + 2]):
        return None
    return (m.start("y"), m.end("y"), "year", False, ("fixed", PartialDate(int(m["y"]))))


# "in 2012", "since 2018", "In 2007 no council"
@_rule("year", _YEAR_CTX + r"<y:YEAR>")
def _h_year_ctx(m: re.Match[str], text: str) -> _Cand | None:
    return _bare_year(m, text)


# "a 2017 inspection", "2022's last full inspection", "Ofsted's 2019 report", "(2019)"
@_rule("year", r"<y:YEAR>(?=['’]s\b|@HS@" + _YEAR_NOUNS + r"|\))")
def _h_year_post(m: re.Match[str], text: str) -> _Cand | None:
    if text[m.end():m.end() + 1] == ")" and text[m.start() - 1:m.start()] != "(":
        return None
    return _bare_year(m, text)


# A month used as a noun's modifier: "the March inspection", "following its June monitoring visit",
# "their November report" (the determiner makes it one event, not "March 10 councils").
@_rule("month", r"\b(?i:the|its|their|his|her|this|that|a|an|last|latest|recent)@HS@<m:MONF>"
       r"(?=@HS@(?:[A-Za-z-]+@HS@)?" + _YEAR_NOUNS + r")")
def _h_month_modifier(m: re.Match[str], text: str) -> _Cand | None:
    return (m.start("m"), m.end("m"), "anchored", False, ("month", _mon(m["m"]), "past"))


# Continuation of a list of years: "in 2013, 2015 and 2017"
_YEAR_LIST_NEXT = _p(r"(?:@HSO@,@HSO@|@HS@(?:and|or|&)@HS@|@HSO@,@HSO@(?:and|or)@HS@)(?P<y>@YEAR@)")


# --- relative phrases -------------------------------------------------------


def _not_after_the(m: re.Match[str], text: str) -> bool:
    return text[max(0, m.start() - 4):m.start()].lower().endswith("the ")


# "last month", "this month", "earlier this month", "next month"
@_rule("rel", r"\b(?:(?i:earlier|later)@HS@)?(?P<rel>(?i:last|this|next))@HS@(?i:month)(?!\w)")
def _h_rel_month(m: re.Match[str], text: str) -> _Cand | None:
    if _not_after_the(m, text):
        return None  # "in the last month" is a rolling period
    delta = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return (m.start(), m.end(), "anchored", False, ("rel_month", delta))


# "last year", "this year", "earlier this year", "later this year", "next year"
@_rule("rel", r"\b(?:(?i:earlier|later)@HS@(?:(?i:in)@HS@)?)?(?P<rel>(?i:last|this|next))@HS@(?i:year)(?!\w)")
def _h_rel_year(m: re.Match[str], text: str) -> _Cand | None:
    if _not_after_the(m, text):
        return None  # "over the last year"
    delta = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return (m.start(), m.end(), "anchored", False, ("rel_year", delta))


# "today", "yesterday", "tomorrow", "this morning"
@_rule("rel", r"\b(?P<w>(?i:today|yesterday|tomorrow|tonight|this@HS@(?:morning|afternoon|evening)))(?!\w)")
def _h_rel_day(m: re.Match[str], text: str) -> _Cand | None:
    w = m["w"].lower()
    if w == "today" and re.match(r"[ \t]+programme", text[m.end():m.end() + 12]) and m["w"][0] == "T":
        return None  # Radio 4's Today programme
    delta = {"yesterday": -1, "tomorrow": 1}.get(w, 0)
    return (m.start(), m.end(), "anchored", False, ("rel_day", delta))


# "this week", "last week", "earlier this week"
@_rule("rel", r"\b(?:(?i:earlier|later)@HS@)?(?P<rel>(?i:last|this|next))@HS@(?i:week)(?!\w|end)")
def _h_rel_week(m: re.Match[str], text: str) -> _Cand | None:
    if _not_after_the(m, text):
        return None
    back = {"this": 0, "last": 1, "next": -1}[m["rel"].lower()]
    return (m.start(), m.end(), "anchored", False, ("week", back))


# "on Friday", "last Tuesday": the weekday's latest date on or before the anchor ("last": before it)
@_rule("weekday", r"\b(?P<pre>(?i:on|last))@HS@(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?!\w)")
def _h_weekday(m: re.Match[str], text: str) -> _Cand | None:
    last = m["pre"].lower() == "last"
    return (m.start() if last else m.start("wd"), m.end(), "anchored", False, ("weekday", _wd(m["wd"]), int(last)))


# "two years ago", "a year ago", "eight months on from", "six months after", "three weeks ago", "a decade ago"
@_rule("rel", r"\b(?:(?P<n>(?i:" + _NUM_RE + r"))(?:@HS@|-)(?P<unit>(?i:years?|months?|weeks?|days?))|(?P<decade>(?i:a@HS@decade)))"
       r"@HS@(?P<rel>(?i:ago|on@HS@from|after))\b")
def _h_ago(m: re.Match[str], text: str) -> _Cand | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if m["decade"]:
        unit, n = "year", 10
    else:
        unit, n = m["unit"].lower().rstrip("s"), _num(m["n"])
    if unit == "year" and rel in ("ago", "on from"):
        spec: tuple = ("rel_year", -n)
    elif unit == "month":
        spec = ("rel_month", -n)
    elif unit == "week" and rel == "ago":
        spec = ("week", n)
    elif unit == "day" and rel == "ago":
        spec = ("rel_day", -n)
    else:
        return None
    return (m.start(), m.end(), "anchored", False, spec)


# ---------------------------------------------------------------------------
# Finding mentions
# ---------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:gov\.uk|co\.uk|org\.uk|com|org|net)/\S*", re.I)


def _windows(text: str, trigger: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged [start, end) regions within _WINDOW characters of a trigger;
    a region ends on whitespace so that no token is cut in two."""
    n = len(text)
    out: list[tuple[int, int]] = []
    for t in trigger.finditer(text):
        s = max(0, t.start() - _WINDOW)
        e = min(n, t.end() + _WINDOW)
        stop = min(n, e + 40)
        while e < stop and not text[e].isspace():
            e += 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for group, rules in _PATTERNS.items():
        windows = _windows(text, _TRIGGERS[group])
        if not windows:
            continue
        for pattern, handler in rules:
            for ws, we in windows:
                for m in pattern.finditer(text, ws, we):
                    _add(out, handler(m, text), handler, text)
    return out


def _add(out: list[_Cand], c: _Cand | None, handler: _Handler, text: str) -> None:
    if c is None:
        return
    out.append(c)
    if handler in (_h_year_ctx, _h_year_post, _h_year_range):
        # a list of years: "in 2013, 2015 and 2017"
        pos = c[1]
        while (n := _YEAR_LIST_NEXT.match(text, pos)) is not None:
            if _NOT_YEAR_AFTER.match(text, n.end("y")):
                break
            out.append((n.start("y"), n.end("y"), "year", False, ("fixed", PartialDate(int(n["y"])))))
            pos = n.end("y")


def find_date_mentions(text: str) -> list[DateMention]:
    """All date phrases in ``text``: non-overlapping, longest match first, sorted by start."""
    cands = _candidates(text)
    if not cands:
        return []
    urls = [(u.start(), u.end()) for u in _URL.finditer(text)]
    # Longest first; at equal length the earlier start, then the earlier rule.
    order = sorted(range(len(cands)), key=lambda i: (cands[i][0] - cands[i][1], cands[i][0], i))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Cand] = []
    for i in order:
        s, e = cands[i][0], cands[i][1]
        if e <= s or any(us < e and s < ue for us, ue in urls):
            continue
        k = bisect.bisect_right(starts, s)
        if k > 0 and ends[k - 1] > s:
            continue
        if k < len(starts) and starts[k] < e:
            continue
        starts.insert(k, s)
        ends.insert(k, e)
        chosen.insert(k, cands[i])
    return [DateMention(s, e, text[s:e], kind, span, spec) for s, e, kind, span, spec in chosen]


# ---------------------------------------------------------------------------
# A single full date
# ---------------------------------------------------------------------------

_TIME_TAIL = r"(?:(?:[T ]|,@HS@|@HS@(?i:at)@HS@)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?@HSO@(?i:am|pm)?@HSO@(?:Z|[+-]\d{2}:?\d{2}|GMT|BST|UTC)?)?"
_FULL_DATE_FORMS = [
    _p(r"@HSO@(?:(?P<wd>@WD@),?@HS@)?(?:(?i:the)@HS@)?<d:DAY>(?:" + _OF + r"@HS@|@HSO@[-/]@HSO@)<m:MON>"
       r"(?:,?@HS@(?:of@HS@)?|@HSO@[-/]@HSO@)(?P<y>\d{4}|\d{2})[.,]?" + _TIME_TAIL + "@HSO@"),
    _p(r"@HSO@(?:(?P<wd>@WD@),?@HS@)?<m:MON>@HS@<d:DAY>,?@HS@(?P<y>\d{4}|\d{2})[.,]?" + _TIME_TAIL + "@HSO@"),
]
_NUMERIC_FULL = _p(r"@HSO@(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})" + _TIME_TAIL + "@HSO@")
_ISO_FULL = _p(r"@HSO@(?P<y>\d{4})(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME_TAIL + "@HSO@")


def _year4(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 70 else 1900
    return y


def parse_full_date(s: str) -> datetime.date | None:
    """Read one string that is a full day-month-year date ("20 January 2016",
    "January 20, 2016", "Wednesday, January 20, 2016", "1st Dec 2021",
    "24/06/2024" (day first), "2017-12-20", "9 Dec 10"); ``None`` otherwise."""
    if not s or len(s) > 80:
        return None
    s = s.strip()
    try:
        for form in _FULL_DATE_FORMS:
            m = form.fullmatch(s)
            if m:
                return datetime.date(_year4(m["y"]), _mon(m["m"]), _day(m["d"]))
        m = _ISO_FULL.fullmatch(s)
        if m:
            return datetime.date(int(m["y"]), int(m["mo"]), int(m["d"]))
        m = _NUMERIC_FULL.fullmatch(s)
        if m:
            a, b, y = int(m["a"]), int(m["b"]), _year4(m["y"])
            try:
                return datetime.date(y, b, a)
            except ValueError:
                return datetime.date(y, a, b)
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------
# The article's own date
# ---------------------------------------------------------------------------

#: How far into the text the article date is looked for.
ARTICLE_DATE_WINDOW = 2000
#: A line at most this long may carry the date anywhere ("Jane Smith 29 January 2018").
SHORT_LINE = 70
#: Dated lines this close together (in lines) may form a list of links.
_LIST_LINES = 6

_LINE_PREFIX_OK = re.compile(
    r"[\s|•·*>#:\-–—]*(?:(?i:date|dated|published|posted|updated|last\s+updated|first\s+published"
    r"|release\s+date|issued|created|meeting(?:\s+date)?)(?:\s+on)?\s*[:\-–—|]?\s*)?"
)
# A page's own date given by a label and a colon anywhere on a line, as run-in page furniture has it
# ("... Report published: 27 March 2015 ..."); not a label of another event ("Inspection date:").
_LABEL_BEFORE = re.compile(
    r"(?<![\w-])(?<!inspection )(?<!visit )(?<!next )(?:(?:report\s+|first\s+|last\s+)?published(?:\s+on)?"
    r"|posted(?:\s+on)?|(?:last\s+)?updated(?:\s+on)?|date|dated|release\s+date|issued|meeting)[ \t\u00a0]*:[ \t\u00a0]*$",
    re.I,
)
# A time of day written against the date is a page's timestamp ("12:12, 03 Jun 2025", "3 June 2025, 9.41am").
_TIME_BEFORE = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[ \t]*(?i:am|pm))?(?:[ \t]*(?:BST|GMT|UTC))?[ \t,|]*$")
_TIME_AFTER = re.compile(r"[ \t]*[,|]?[ \t]*(?:(?i:at)[ \t]+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)(?:[ \t]*(?i:am|pm))?")
# The date a page gives for "today": "published today (Friday, 19 February 2016)", "today, Tuesday 8 July 2025".
_TODAY_BEFORE = re.compile(r"\b(?i:today)[ \t\u00a0]*(?:\(|,|–|—|-)[ \t\u00a0]*$")
_PROSE_BEFORE = re.compile(
    r"(?<!published )(?<!posted )(?<!updated )(?<!released )(?<!issued )(?<!dated )"
    r"\b(?i:on|in|at|since|until|till|by|from|before|after|between|of|and|to|than|as|that|when|until)"
    r"[ \t\u00a0,]*$"
)
# A short line naming some other dated event ("Inspection dates: 12 March 2019").
_NOT_DATELINE = re.compile(
    r"\b(?i:inspect|visit|meeting|deadline|closing|event|hearing|due|expires?|effective|valid|born|died)"
)
#: The records of a meeting whose heading carries the meeting's date, the page's own (GUIDE ruling 1: "the
#: meeting date heading a set of minutes"): "Minutes of the ... Committee held on Monday 15th October 2018".
MEETING_RECORDS = ("minutes", "notes", "record of decisions", "decision notice")
_MEETING_HEADING = re.compile(
    r"^[ \t\W]*(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in MEETING_RECORDS) + r")\b"
    r"[^\n.!?]*?\b(?i:held|meeting)(?:[ \t\u00a0]+(?i:on|of))?[ \t\u00a0,]*$"
)
_FOOTER_MARK = re.compile(
    r"^[ \t\W]*(?i:related(?:\s+\w+){0,2}|more\s+(?:news|stories|"
    r"articles|from|on\s+this)|latest\s+news|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested)"
    r"|read\s+(?:more|next)|see\s+also|most\s+(?:read|popular)|popular\s+(?:stories|articles)|recent\s+posts"
    r"|other\s+news)\b[ \t\W]*$",
    re.M,
)


def _is_dateline(text: str, s: int, e: int) -> bool:
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    if line_end < 0:
        line_end = len(text)
    prefix = text[line_start:s]
    if _LINE_PREFIX_OK.fullmatch(prefix) or _is_stamped(text, s, e) or _MEETING_HEADING.match(prefix):
        return True
    line = text[line_start:line_end].strip()
    if len(line) > SHORT_LINE:
        return False
    if _PROSE_BEFORE.search(prefix.lower()) or _NOT_DATELINE.search(prefix):
        return False
    if line.endswith((".", "!", "?")) and len(line.split()) >= 6:
        return False
    return True


def _is_stamped(text: str, s: int, e: int) -> bool:
    """A date that page furniture marks as the page's own wherever it stands: after a label and a colon,
    or beside a time of day."""
    before = text[max(0, s - 40):s]
    return bool(_LABEL_BEFORE.search(before) or _TIME_BEFORE.search(before) or _TIME_AFTER.match(text, e))


def _said_of_today(text: str, mention: DateMention) -> bool:
    return bool(_TODAY_BEFORE.search(text, max(0, mention.start - 20), mention.start))


def find_article_date(text: str) -> tuple[datetime.date, int, int] | None:
    """The article's own date (byline/dateline) and the offsets of its text.

    The first full date (day precision) in the first ~2,000 characters that
    starts its line (after an optional "Published:", "date", "|" …) or sits on
    a short line (≤ 70 characters) that is not a sentence.  A date in a prose
    line, after a "Related articles"-style footer marker, or in a list of
    dated links (three or more dated lines close together, with different
    dates) is never taken.
    """
    head = text[:ARTICLE_DATE_WINDOW + 60]
    footer = _FOOTER_MARK.search(head)
    limit = min(ARTICLE_DATE_WINDOW, footer.start() if footer else ARTICLE_DATE_WINDOW)
    found: list[tuple[int, datetime.date, int, int]] = []  # (line number, date, start, end)
    for mention in find_date_mentions(head):
        if mention.start >= limit:
            break
        pd = _full_day(mention)
        if pd is not None and _is_dateline(text, mention.start, mention.end):
            found.append((head.count("\n", 0, mention.start), pd.first_day(), mention.start, mention.end))
    for line, day, start, end in found:
        near = [d for ln, d, _, _ in found if abs(ln - line) <= _LIST_LINES]
        if len(near) >= 3 and len(set(near)) >= 2:
            continue  # a list of dated links, not the article's date
        return day, start, end
    return _today_in_prose(text)


def _full_day(mention: DateMention) -> PartialDate | None:
    if mention.kind != "absolute" or mention.is_span:
        return None
    pd = mention.resolve(None)
    return pd if pd is not None and pd.precision == "day" else None


def _today_in_prose(text: str) -> tuple[datetime.date, int, int] | None:
    """Failing a dateline, the full date the text gives for "today" ("the report published today
    (Friday, 19 February 2016)"), anywhere before a footer of related links."""
    footer = _FOOTER_MARK.search(text)
    body = text[:footer.start()] if footer else text
    if not _TODAY_WORD.search(body):
        return None
    for mention in find_date_mentions(body):
        pd = _full_day(mention)
        if pd is not None and _said_of_today(body, mention):
            return pd.first_day(), mention.start, mention.end
    return None


_TODAY_WORD = re.compile(r"\b(?i:today)\b")
