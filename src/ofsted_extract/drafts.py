"""What assembly builds: a grade as it applies to one council (`Fact`), everything found for one
council (`Draft`, which validate.py turns into a record), and the document-wide context.

Kept apart so the assembly modules (assemble, areas, dating, eras) share the types without importing
one another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span

from . import dates as dategrammar


ANNUAL_SCALE = frozenset({"excellent", "performs_well", "performs_poorly"})
DROPPED_READINGS = frozenset({"negated", "hypothetical", "other_body", "descriptive"})
VISIT_TYPES = ("monitoring", "focused", "jtai", "other")
GRADE_RANK = {"outstanding": 4, "excellent": 4, "good": 3, "performs_well": 3, "requires_improvement": 2,
              "adequate": 2, "inadequate": 1, "performs_poorly": 1}


@dataclass
class Fact:
    """One grade as it applies to one council."""

    council: str
    grade: str
    area: str | None  # None: the overall grade
    reading: str  # "current" or "prior"
    span: Span
    explicit: bool
    when: dategrammar.PartialDate | None = None
    when_span: Span | None = None
    #: one half of a repeated grade ("retained its good rating", "the same grading as 2019")
    repeat: bool = False


@dataclass
class Draft:
    """Everything assembly found for one council; validate.py turns it into a record."""

    council: str
    council_span: Span
    inspection_type: str | None = None
    type_span: Span | None = None
    grade: str | None = None
    grade_span: Span | None = None
    judgements: dict[str, tuple[str, Span]] = field(default_factory=dict)
    prior_grade: str | None = None
    prior_span: Span | None = None
    prior_judgements: dict[str, tuple[str, Span]] = field(default_factory=dict)
    prior_year: int | None = None
    prior_year_span: Span | None = None
    inspection_date: str | None = None
    inspection_date_span: Span | None = None
    published_date: str | None = None
    published_date_span: Span | None = None
    support: int = 0
    conflict: bool = False
    explicit_grade: bool = False
    #: named more than once, or in the headline: the article is about this council
    prominent: bool = False
    #: the article reports statistics about grades (a visit with no grade of its own is then less sure)
    statistics: bool = False


@dataclass
class ArticleContext:
    """Document-wide facts assembly needs: the article's date and its anchor for relative dates."""

    article_date: dt.date | None
    article_date_span: tuple[int, int] | None
    annual: bool
    other_body: bool
    about_ofsted: bool


def news_year(draft: Draft, ctx: ArticleContext) -> int | None:
    """The year of the news: the inspection's, else the publication's, else the article's own."""
    for value in (draft.inspection_date, draft.published_date):
        if value:
            return int(value[:4])
    return ctx.article_date.year if ctx.article_date else None
