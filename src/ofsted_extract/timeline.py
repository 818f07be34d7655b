"""One history per council across many articles: each inspection once, in date order, with its direction of travel.

Articles report the same inspection many times (the local paper, the trade
press, the council's own release) and mention earlier ones only as priors.
This module merges records into events. It is pure (records in, histories
out), so each rule is testable without spaCy:

* **One council, one history.** Records that carry a GSS code carry the
  gazetteer's canonical name, which survives a change of code (Gateshead's
  E08000020 became E08000037 in 2013), so the key is that name; a council
  outside the gazetteer keeps its written name. Every code seen is listed.
* **One inspection, one event.** Two records are one event when their
  inspection types agree (equal, or one unknown) and either their inspection
  dates fall in the same month (a coarser date agrees with the months it
  contains), or, where one has no inspection date, they give the same grade
  and their articles are at most 90 days apart.
* **Priors fill gaps.** A prior grade with its year (`prior_grade`,
  `prior_year`, `prior_judgements`) names an earlier graded inspection. If the
  council has a graded or ungraded-but-unknown event of that year with an
  agreeing grade, the prior adds its source there and fills what is missing;
  otherwise it becomes a *derived* event of that year. A prior without a year
  cannot be placed, so it only serves as the baseline for the direction of
  its own article's event.
* **Order.** By inspection date, else publication date, else the earliest
  article date; partial dates compare by their parts, so `2019` sorts before
  `2019-07`; undated events come last.
* **Direction of travel** between consecutive graded events, on one scale
  across frameworks (see `GRADE_RANK`); the first graded event, and an
  undated one, are measured against the prior grade their articles state.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import IO, Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, computed_field,
                      model_serializer)

from .models import AREAS, Area, Grade, InspectionRecord, InspectionType

#: Days between two articles within which an undated report of the same grade is the same inspection.
SAME_EVENT_DAYS = 90

#: One scale for every framework, lowest first. The 2008-2011 annual ratings ran poorly / adequately /
#: well / excellently, matching inadequate / adequate / good / outstanding; "adequate" (before 2013) and
#: "requires improvement" (its SIF successor) share the second rung.
GRADE_RANK: dict[str, int] = {
    "inadequate": 0, "performs_poorly": 0,
    "requires_improvement": 1, "adequate": 1,
    "good": 2, "performs_well": 2,
    "outstanding": 3, "excellent": 3,
}

#: Inspection types that give (or may give) an overall grade, and so what a prior grade can refer to.
GRADED_TYPES = (None, "full", "annual_rating")

Direction = Literal["improved", "declined", "unchanged"]

CSV_COLUMNS: tuple[str, ...] = (
    "council", "ons_code", "event", "date", "inspection_type", "grade", "direction", "derived",
    "inspection_date", "published_date", "article_date", "sources",
) + tuple(f"judgement_{a}" for a in AREAS)


#: The order of an event's keys in JSON (the CLI's and `model_dump`'s alike).
EVENT_KEYS = ("date", "inspection_type", "grade", "direction", "derived", "judgements", "inspection_date",
              "published_date", "article_date", "sources")


class Event(BaseModel):
    """One inspection of one council, merged from every record (or prior) that reports it.

    A pydantic model, so that `model_dump()` gives exactly the CLI's JSON for a notebook user.
    """

    model_config = ConfigDict(validate_assignment=False)

    inspection_type: InspectionType | None
    grade: Grade | None
    judgements: dict[Area, Grade]
    inspection_date: str | None
    published_date: str | None
    article_date: str | None
    sources: list[str]
    #: True when no article reports the inspection itself, only a later one's prior.
    derived: bool = False
    #: The prior grade its own articles state: the baseline when no earlier event is known (not output).
    prior_grade: Grade | None = Field(default=None, exclude=True)
    direction: Direction | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def date(self) -> str | None:
        """The date the event sorts by."""
        return self.inspection_date or self.published_date or self.article_date

    @model_serializer(mode="wrap")
    def _ordered(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        return {key: data[key] for key in EVENT_KEYS}

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class CouncilHistory(BaseModel):
    """One council's events, oldest first."""

    council: str
    #: Every GSS code the council's records carry, oldest first (more than one after a reorganisation).
    ons_codes: list[str] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ons_code(self) -> str | None:
        """The latest code."""
        return self.ons_codes[-1] if self.ons_codes else None

    @model_serializer(mode="wrap")
    def _ordered(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data = handler(self)
        return {key: data[key] for key in ("council", "ons_code", "ons_codes", "events")}

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# ---------------------------------------------------------------- dates


def date_key(value: str | None) -> tuple[int, tuple[int, ...]]:
    """Sort key for a partial date: by its parts (YYYY before YYYY-MM within that year); None last."""
    if value is None:
        return (1, ())
    return (0, tuple(int(part) for part in value.split("-")))


def _as_date(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def same_month(a: str, b: str) -> bool:
    """Two partial dates agree to the month (or to the coarser one's precision)."""
    a, b = a[:7], b[:7]
    return a.startswith(b) or b.startswith(a)


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two partial dates (each taken at its first day); None when either is missing."""
    if a is None or b is None:
        return None
    return abs((_as_date(a) - _as_date(b)).days)


# ---------------------------------------------------------------- merging


def council_key(record: InspectionRecord) -> str:
    """The council a record belongs to (see the module docstring for why the name, not the code)."""
    return record.council


def same_event(a: InspectionRecord, b: InspectionRecord) -> bool:
    """True when two records of one council report the same inspection."""
    if a.inspection_type and b.inspection_type and a.inspection_type != b.inspection_type:
        return False
    if a.inspection_date and b.inspection_date:
        return same_month(a.inspection_date, b.inspection_date)
    apart = days_apart(a.article_date, b.article_date)
    return a.grade == b.grade and apart is not None and apart <= SAME_EVENT_DAYS


def _record_order(record: InspectionRecord) -> tuple:
    return (date_key(record.inspection_date or record.published_date or record.article_date), record.source)


def cluster(records: Iterable[InspectionRecord]) -> list[list[InspectionRecord]]:
    """Group one council's records into events: each joins the first event with a member it matches."""
    groups: list[list[InspectionRecord]] = []
    for record in sorted(records, key=_record_order):
        for group in groups:
            if any(same_event(member, record) for member in group):
                group.append(record)
                break
        else:
            groups.append([record])
    return groups


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def merge(group: list[InspectionRecord]) -> Event:
    """One event from the records that report it: each value from the most confident record that has
    it, dates as precise as any record gives them, the earliest article date, every source."""
    ranked = sorted(group, key=lambda r: -r.confidence)

    def first(name: str):
        return next((getattr(r, name) for r in ranked if getattr(r, name) is not None), None)

    def most_precise(name: str) -> str | None:
        values = [getattr(r, name) for r in ranked if getattr(r, name)]
        return max(values, key=len) if values else None

    judgements: dict[str, str] = {}
    for record in reversed(ranked):
        judgements.update(record.judgements)
    article_dates = [r.article_date for r in group if r.article_date]
    return Event(
        inspection_type=first("inspection_type"), grade=first("grade"),
        judgements={a: judgements[a] for a in AREAS if a in judgements},
        inspection_date=most_precise("inspection_date"), published_date=most_precise("published_date"),
        article_date=min(article_dates, key=date_key) if article_dates else None,
        sources=_unique(r.source for r in sorted(group, key=lambda r: (date_key(r.article_date), r.source))),
        prior_grade=first("prior_grade"),
    )


def _prior_fits(event: Event, record: InspectionRecord) -> bool:
    """The prior names this event: a graded kind, its year, an agreeing grade, and not an event that the
    prior's own article reports (an article's prior is never its news)."""
    grade = record.prior_grade
    return (event.inspection_type in GRADED_TYPES and event.date is not None
            and event.date[:4] == str(record.prior_year)
            and (event.grade is None or grade is None or event.grade == grade)
            and (event.derived or record.source not in event.sources))


def fill_priors(events: list[Event], records: Iterable[InspectionRecord]) -> list[Event]:
    """Place each dated prior on the event of its year, or add a derived event for it."""
    events = list(events)
    for record in sorted(records, key=_record_order):
        if record.prior_year is None or (record.prior_grade is None and not record.prior_judgements):
            continue
        target = next((e for e in events if _prior_fits(e, record)), None)
        if target is None:
            events.append(Event(inspection_type=None, grade=record.prior_grade,
                                judgements=dict(record.prior_judgements), inspection_date=str(record.prior_year),
                                published_date=None, article_date=None, sources=[record.source], derived=True))
            continue
        target.grade = target.grade or record.prior_grade
        for area, grade in record.prior_judgements.items():
            target.judgements.setdefault(area, grade)
        target.sources = _unique([*target.sources, record.source])
    return events


def _event_order(event: Event) -> tuple:
    return (date_key(event.date), not event.derived, event.inspection_type or "", event.sources)


def set_directions(events: list[Event]) -> None:
    """Each graded event's direction against the previous graded one, else its articles' stated prior.

    An undated event's place is unknown, so only its own articles' prior can say where it went from.
    """
    previous: str | None = None
    for event in events:
        if event.grade is None:
            continue
        baseline = event.prior_grade if event.date is None else previous or event.prior_grade
        if baseline is not None:
            before, now = GRADE_RANK[baseline], GRADE_RANK[event.grade]
            event.direction = "improved" if now > before else "declined" if now < before else "unchanged"
        previous = event.grade


def build_timeline(records: Iterable[InspectionRecord]) -> list[CouncilHistory]:
    """Histories of every council the records name, sorted by council name."""
    by_council: dict[str, list[InspectionRecord]] = {}
    for record in records:
        by_council.setdefault(council_key(record), []).append(record)
    histories = []
    for council in sorted(by_council, key=str.casefold):
        council_records = sorted(by_council[council], key=_record_order)
        events = fill_priors([merge(g) for g in cluster(council_records)], council_records)
        events.sort(key=_event_order)
        set_directions(events)
        codes = _unique(r.ons_code for r in council_records if r.ons_code)
        histories.append(CouncilHistory(council=council, ons_codes=codes, events=events))
    return histories


# ---------------------------------------------------------------- output


def _csv_rows(histories: Iterable[CouncilHistory]) -> Iterable[dict[str, object]]:
    for history in histories:
        for number, event in enumerate(history.events, 1):
            data = event.to_json_dict()
            row = {name: data.get(name) for name in CSV_COLUMNS}
            row.update(council=history.council, ons_code=history.ons_code, event=number,
                       derived=str(event.derived).lower(), sources="; ".join(event.sources))
            row.update({f"judgement_{a}": event.judgements.get(a) for a in AREAS})
            yield {k: "" if v is None else v for k, v in row.items()}


def write_csv(histories: Iterable[CouncilHistory], stream: IO[str]) -> None:
    """One row per event, with stable columns (`CSV_COLUMNS`); `sources` joined with "; "."""
    writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(_csv_rows(histories))
