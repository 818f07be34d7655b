"""The assemble stage: from an annotated Doc to one draft record per council and inspection event.

The annotate stage has marked councils, grade words that are judgements (with
their ConText reading), judgement areas, inspection types, cues and dates.
Assembly decides, as a careful reader would:

1. which council each grade belongs to: the council group written next to it
   in the sentence, else the council the passage is about (reference), never
   by reference when the sentence is a statistic;
2. which areas a grade judges ("outstanding for adoption", "Adoption – Good",
   "each was rated good" after a list of areas);
3. whether a grade is the news or history (ConText reading, and a grade dated
   well before the article is history);
4. which councils have a record (a current grade or judgement, or a named
   visit such as a monitoring or focused visit), its type, dates and prior.

Every value keeps the span it came from, so the validate stage can attach evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from . import dates as dategrammar
from .discourse import (Mention, about_an_inspection, attach_groups, council_mentions, dominant_council,
                        group_named_next, group_referred, is_about_other_body, mention_groups, ref_count,
                        topic_before)
from .docindex import (AREA_KEY, CUE_KEY, DATE_KEY, GRADE_KEY, MODIFIER_KEY, TYPE_KEY, same_sentence,
                       sentence_index, sentence_of, spans)
from .gazetteer import Gazetteer
from .patternfiles import Framework
from .ruledata import rule_data
from .temporal import (apposed_date, coordinated_with, date_role, event_distance, lexicon, rates_period,
                       reports_publication)

ANNUAL_SCALE = frozenset({"excellent", "performs_well", "performs_poorly"})
DROPPED_READINGS = frozenset({"negated", "hypothetical", "other_body", "descriptive"})
VISIT_TYPES = ("monitoring", "focused", "jtai", "other")
GRADE_RANK = {"outstanding": 4, "excellent": 4, "good": 3, "performs_well": 3, "requires_improvement": 2,
              "adequate": 2, "inadequate": 1, "performs_poorly": 1}


def framework_at(when: dategrammar.PartialDate | None, frameworks: Sequence[Framework]) -> Framework | None:
    """The inspection framework in force at a date (the dated ones do not overlap: see `load_frameworks`)."""
    if when is None:
        return None
    key = f"{when.year:04d}-{(when.month or 6):02d}"
    current = [f for f in frameworks if f.from_ <= key and (f.to is None or key < f.to) and not f.annual]
    return current[-1] if current else None


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


# ---------------------------------------------------------------- helpers


def area_tokens(doc: Doc) -> set[int]:
    """The tokens inside judgement-area phrases (whose "after" in "looked-after" ends no clause), once per document."""
    memo = doc.user_data.setdefault("ofsted_assemble_memo", {})
    if "area_tokens" not in memo:
        memo["area_tokens"] = {i for a in spans(doc, AREA_KEY) for i in range(a.start, a.end)}
    return memo["area_tokens"]


def areas_for(grade: Span, sent_grades: list[Span], areas: list[Span], terminators: list[int],
              doc: Doc) -> list[Span]:
    """The judgement areas a grade speaks of, within its sentence.

    Areas after the grade when a word such as "for" or "in" leads to them
    ("outstanding for adoption", "good ratings in two categories: ..."), else
    the areas before it since the previous grade or clause break
    ("adoption performance was rated good").
    """
    position = sent_grades.index(grade)
    sent = sentence_of(grade)
    prev_end = sent_grades[position - 1].end if position else sent.start
    # "graded care leavers as outstanding, leadership as good": an area linked to the grade just before
    # it is what the grade judges, so no forward list is looked for
    bound = any(prev_end <= a.start and a.end <= grade.start and linked(a, grade) for a in areas)
    next_start = sent_grades[position + 1].start if position + 1 < len(sent_grades) else sent.end
    rate_after = {c.start: c.end for c in spans(doc, CUE_KEY, "RATE_AFTER")}
    forward_words = {c.start for c in spans(doc, CUE_KEY, "AREA_FORWARD")}
    nxt = grade.end
    area_starts = {a.start for a in areas}
    rated_noun = False
    while nxt < len(doc) and nxt not in area_starts and (
            doc[nxt].text in {"'", "’", '"', "”", ",", "ofsted", "Ofsted"} or nxt in rate_after
            or doc[nxt].lower_ == "both"
            or (rated_noun and doc[nxt].lower_ in PASSIVE_GIVEN)):
        # "good ratings were received for ...": after the rating noun, its passive verb
        rated_noun = rated_noun or nxt in rate_after
        # a cue of several words ("in all areas") is passed whole: "good in all areas including ..."
        nxt = max(nxt + 1, rate_after.get(nxt, 0))
    # a spaced hyphen introduces a list as a dash does ("given good - the impact of leaders ..."),
    # unlike the hyphen inside a compound ("good-quality")
    spaced_hyphen = nxt < len(doc) and doc[nxt].text == "-" and bool(doc[nxt - 1].whitespace_)
    forward = nxt in forward_words or spaced_hyphen or any(a.start == nxt for a in areas)
    if forward and not bound:
        # after a colon or a dash the list's items may be parted by semicolons
        list_cue = doc[nxt].text in LIST_CUES
        end = min([t for t in terminators if nxt < t < next_start and not (list_cue and doc[t].text == ";")]
                  + [next_start])
        ahead = [a for a in areas if nxt <= a.start < end]
        if ahead and not dated_then_closed(doc, nxt, ahead[0].start):
            return ahead
    start = max([t for t in terminators if prev_end <= t < grade.start] + [prev_end])
    return [a for a in areas if start <= a.start and a.end <= grade.start] + also_areas(grade, next_start, areas, doc)


def dated_then_closed(doc: Doc, start: int, end: int) -> bool:
    """A date then a comma between a grade and the area after it: "Surrey, rated inadequate in 2018, for
    its care leavers ...": the date ends the grade's phrase ("good ratings in two categories, X and Y"
    still announces its list)."""
    commas = [t.i for t in doc[start:end] if t.text in (",", ";")]
    return bool(commas) and any(start <= d.start < commas[0] for d in spans(doc, DATE_KEY))


#: the passive verb after a rating noun ("good ratings were received for", "an outstanding grade was given to")
PASSIVE_GIVEN = frozenset({"was", "were", "has", "have", "had", "been", "received", "given", "awarded", "achieved",
                           "handed", "secured", "earned", "gained", "also"})

#: punctuation that opens a list of areas whose items semicolons may part
LIST_CUES = frozenset({":", "–", "—", "-"})

#: words that link an area to the grade right after it ("leadership as good", "adoption was judged good")
AREA_LINKS = frozenset({"as", "was", "were", "is", "are", "been", "being", "be", "has", "have", "had", "rated",
                        "judged", "graded", "found", "deemed", "to", ":", "–", "-", "—", "'", "’", "‘", '"', "“",
                        "”", "now", "also", "still"})


def linked(area: Span, grade: Span) -> bool:
    """The area stands right before the grade, joined only by a copula or 'as'."""
    between = area.doc[area.end:grade.start]
    return 0 < len(between) <= 6 and all(t.lower_ in AREA_LINKS for t in between)


#: who grades, when named after the grade ("rated good by inspectors")
AGENTS = frozenset({"inspectors", "ofsted"})


def also_areas(grade: Span, next_start: int, areas: list[Span], doc: Doc) -> list[Span]:
    """Ellipsis: "adoption is outstanding, as is leadership": the areas after 'as is' share the grade."""
    nxt = grade.end
    while nxt < len(doc) and doc[nxt].text in {"'", "’", '"', "”", ","}:
        nxt += 1
    # "highlighted as outstanding by inspectors, as was adoption": the agent stands between
    if nxt + 1 < len(doc) and doc[nxt].lower_ == "by" and doc[nxt + 1].lower_ in AGENTS:
        nxt += 2
        while nxt < len(doc) and doc[nxt].text in {"'", "’", '"', "”", ","}:
            nxt += 1
    cue = next((c for c in spans(doc, CUE_KEY, "AREA_ALSO") if c.start == nxt), None)
    if cue is None:
        return []
    sent_end = sentence_of(grade).end
    stop = next((i for i in range(cue.end, min(next_start, sent_end)) if doc[i].text in {";", "but", "while", "whereas"}),
                min(next_start, sent_end))
    return [a for a in areas if cue.end <= a.start < stop]


# ---------------------------------------------------------------- document context


def article_context(doc: Doc, metadata_date: str | None) -> ArticleContext:
    found = dategrammar.find_article_date(doc.text)
    article_date, article_span = (found[0], (found[1], found[2])) if found else (None, None)
    if article_date is None and metadata_date:
        try:
            article_date = dt.date.fromisoformat(metadata_date)
        except ValueError:
            article_date = None
    lower = doc.text.lower()
    types = spans(doc, TYPE_KEY)
    annual = any(s.id_ == "annual_rating" for s in types) or any(
        s.id_ in ("performs_poorly", "performs_well", "excellent") for s in spans(doc, GRADE_KEY))
    return ArticleContext(
        article_date=article_date, article_date_span=article_span, annual=annual,
        other_body=is_about_other_body(doc),
        about_ofsted=about_an_inspection(lower, types),
    )


# ---------------------------------------------------------------- facts


def grade_facts(doc: Doc, mentions: list[Mention], ctx: ArticleContext, gazetteer: Gazetteer) -> list[Fact]:
    sents, index = sentence_index(doc)
    dominant = dominant_council(mentions, index)
    grades = [g for g in spans(doc, GRADE_KEY) if g._.ofsted_reading not in DROPPED_READINGS]
    all_grades = spans(doc, GRADE_KEY)
    areas = spans(doc, AREA_KEY)
    area_refs = spans(doc, CUE_KEY, "AREA_REF")
    inside_areas = area_tokens(doc)
    terminators = [m.start for m in spans(doc, MODIFIER_KEY, "TERMINATE") if m.start not in inside_areas]
    date_spans = [d for d in spans(doc, DATE_KEY) if d._.ofsted_date is not None]
    groups = mention_groups(mentions)
    facts: list[Fact] = []
    for n, sent in enumerate(sents):
        sent_grades = [g for g in all_grades if sent.start <= g.start < sent.end]
        if not any(g in grades for g in sent_grades):
            continue
        sent_groups = [g for g in groups if sent.start <= g[0].span.start < sent.end]
        attached = attach_groups(sent_groups, sent_grades)
        sent_areas = [a for a in areas if sent.start <= a.start < sent.end]
        for grade in sent_grades:
            if grade not in grades:
                continue
            councils = attached.get(grade.start, [])
            explicit = bool(councils)
            if not councils:
                named_here = {n for g in sent_groups for m in g for n in m.names}
                councils = group_referred(grade, groups, named_here, index, gazetteer)
            if not councils:
                councils = group_named_next(grade, sents, n, groups)
            if not councils:
                if grade._.ofsted_statistical:
                    continue
                topic = topic_before(mentions, grade.start, dominant, 3, index)
                if topic is None:
                    continue
                councils = [topic]
            found_areas = areas_for(grade, sent_grades, [a for a in sent_areas if a.id_ != "overall"],
                                    terminators, doc)
            marked = areas_for(grade, sent_grades, sent_areas, terminators, doc)
            overall_marked = any(a.id_ == "overall" for a in marked)
            if marked and all(a.id_ == "overall" and a.start >= grade.end for a in marked):
                found_areas = []  # "labelled 'inadequate' in all areas": the overall grade, whatever came before
            refs = [r for r in area_refs if sent.start <= r.start < sent.end]
            if not found_areas and refs:
                found_areas = referenced_areas(doc, sents, n, areas, all_grades)
            if not found_areas and not overall_marked:
                found_areas = listed_after_colon(doc, sents, n, areas, all_grades) or line_above(
                    sents, n, grade, areas, all_grades)
            continued = continued_areas(doc, sents, n, areas, all_grades) if grade is sent_grades[-1] else []
            if continued and not found_areas:
                overall_marked = True
            found_areas = found_areas + continued
            when, when_span = grade_time(grade, sent_grades, date_spans, ctx)
            reading = grade._.ofsted_reading
            targets: list[str | None] = [a.id_ for a in found_areas] if found_areas else [None]
            if found_areas and overall_marked:
                targets.append(None)
            for m in councils:
                for name in m.names:
                    for area in dict.fromkeys(targets):
                        readings = ["current", "prior"] if reading == "repeat" else [reading]
                        for r in readings:
                            facts.append(Fact(name, grade.id_, area, r, grade, explicit, when, when_span,
                                              repeat=reading == "repeat"))
    return facts


def continued_areas(doc: Doc, sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """'... good across all aspects of its work. This includes child protection, adoption ...'"""
    if n + 1 >= len(sents):
        return []
    nxt = sents[n + 1]
    if any(nxt.start <= g.start < nxt.end for g in grades):
        return []
    leads = [c for c in spans(doc, CUE_KEY, "AREA_CONTINUE") if nxt.start <= c.start <= nxt.start + 1]
    if not leads:
        return []
    return [a for a in areas if nxt.start <= a.start < nxt.end and a.id_ != "overall"]


def listed_after_colon(doc: Doc, sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """'Several areas are now judged good, including:' and the areas on the lines below it."""
    sent = sents[n]
    if not sent.text.rstrip().endswith(":"):
        return []
    before_colon = [t for t in sent if not t.is_space][-3:-1]
    if not any(t.lower_ in {"including", "following", "follows", "areas", "categories", "judgements"}
               for t in before_colon):
        return []
    return areas_on_lines_below(sents, n, areas, grades)


def areas_on_lines_below(sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """The areas named on the lines after sentence n, up to a line with none or with a grade of its own."""
    following = []
    for later in sents[n + 1:n + 8]:
        found = [a for a in areas if later.start <= a.start < later.end and a.id_ != "overall"]
        if not found or any(later.start <= g.start < later.end for g in grades):
            break
        following.extend(found)
    return following


#: what a line may hold besides its grade or its area name in a table of judgements
ROW_FILLER = frozenset({"-", "–", "—", "•", "*", ":", ".", "'", "’", '"', "”", "“", "‘", "(", ")"})


def line_above(sents: list[Span], n: int, grade: Span, areas: list[Span], grades: list[Span]) -> list[Span]:
    """A table row broken over two lines: the area's name alone on one line, its grade alone on the next."""
    if n == 0:
        return []
    sent = sents[n]
    if any(not (t.is_space or t.text in ROW_FILLER or grade.start <= t.i < grade.end) for t in sent):
        return []
    above = sents[n - 1]
    if any(above.start <= g.start < above.end for g in grades):
        return []
    found = [a for a in areas if above.start <= a.start < above.end]
    if len(found) != 1 or found[0].id_ == "overall":
        return []
    area = found[0]
    rest = [t for t in above if not (t.is_space or t.text in ROW_FILLER or area.start <= t.i < area.end)]
    return [area] if len(rest) <= 2 else []


def referenced_areas(doc: Doc, sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """'Each was rated outstanding': the areas listed just before (or, after a colon, just after,
    unless those lines carry grades of their own)."""
    sent = sents[n]
    if sent.text.rstrip().endswith(":"):
        following = areas_on_lines_below(sents, n, areas, grades)
        if following:
            return following
    for back in range(n - 1, max(-1, n - 3), -1):
        found = [a for a in areas if sents[back].start <= a.start < sents[back].end and a.id_ != "overall"]
        if found:
            return found
    return []


def anchor_for(span: Span, ctx: ArticleContext) -> dt.date | None:
    """What a relative date resolves against: the article's date, else the nearest full date the piece
    gives (a report's publication date, say), else nothing."""
    if ctx.article_date is not None:
        return ctx.article_date
    doc = span.doc
    _, index = sentence_index(doc)
    here = index[span.start]
    best = None
    for d in spans(doc, DATE_KEY):
        mention = d._.ofsted_date
        if mention is None or mention.kind != "absolute":
            continue
        value = mention.resolve(None)
        if value is None or value.precision != "day":
            continue
        distance = abs(index[d.start] - here)
        if best is None or distance < best[0]:
            best = (distance, value.first_day())
    return best[1] if best else None


def resolve(span: Span, ctx: ArticleContext) -> dategrammar.PartialDate | None:
    mention = span._.ofsted_date
    if mention.kind == "absolute" or mention.kind == "year":
        return mention.resolve(ctx.article_date)
    return mention.resolve(anchor_for(span, ctx))


def token_gap(a: Span, b: Span) -> int:
    """Tokens between two spans (0 when they touch or overlap)."""
    return max(0, b.start - a.end, a.start - b.end)


#: Terminators that introduce a grade's own event ("rated good after an inspection in May"), so they
#: never separate a grade from its date.
EVENT_LINKS = frozenset({"after", "following"})


def grade_time(grade: Span, sent_grades: list[Span], date_spans: list[Span],
               ctx: ArticleContext) -> tuple[dategrammar.PartialDate | None, Span | None]:
    """The date written with a grade ("rated inadequate in 2018"), resolved; None when there is none.

    Each date in a sentence belongs to the grade nearest to it, within a few
    words; a date governed by "last inspection in 2015" does not date a
    current grade.
    """
    sent = sentence_of(grade)
    areas = area_tokens(grade.doc)
    clause_ends = [m.start for m in spans(grade.doc, MODIFIER_KEY, "TERMINATE")
                   if sent.start <= m.start < sent.end and m.start not in areas
                   and m.text.lower() not in EVENT_LINKS]
    best = None
    for d in date_spans:
        if not (sent.start <= d.start < sent.end):
            continue
        if any(min(grade.end, d.end) <= t < max(grade.start, d.start) for t in clause_ends):
            continue  # "... in 2007, has received its first 'outstanding'": another clause's date
        gap = token_gap(grade, d)
        if gap > 12 or any(token_gap(other, d) < gap for other in sent_grades if other is not grade):
            continue
        if date_role(d) == "other":
            continue  # "rated good ... since the council's formation in April 2023": another event's date
        if grade._.ofsted_reading == "current" and is_prior_date(d) and not dates_a_when_clause(d, grade):
            continue
        # a past grade takes a date said of the past ("at its previous inspection in 2015") over one
        # said of the news ("which inspectors visited in July"); then the nearest, then the later one
        history = grade._.ofsted_reading == "prior" and is_prior_date(d)
        key = (not history, gap, -d.start)
        if best is None or key < best[0]:
            best = (key, d)
    if best is None:
        return None, None
    chosen = best[1]
    for d in date_spans:  # "rated inadequate in 2013 and 2015": the latest of a listed run of dates
        if d.start > chosen.start and coordinated_with(d) == chosen:
            chosen = d
    return resolve(chosen, ctx), chosen


def dates_a_when_clause(date: Span, grade: Span) -> bool:
    """A grade in a 'when' clause after a past date is that date's grade: "since the last visit in 2016,
    when the service was rated good"."""
    between = grade.doc[date.end:grade.start]
    return date.end <= grade.start and any(t.lower_ == "when" for t in between) and len(between) <= 10


def event_reference(doc: Doc, ctx: ArticleContext) -> dt.date | None:
    """When the news happened: the article's date, else the latest date said of an inspection or report."""
    if ctx.article_date is not None:
        return ctx.article_date
    cues = spans(doc, CUE_KEY, "INSPECT_CUE") + spans(doc, CUE_KEY, "PUBLISH_CUE")
    latest = None
    for d in spans(doc, DATE_KEY):
        if d._.ofsted_date is None or is_prior_date(d):
            continue
        if not any(same_sentence(c, d) and token_gap(c, d) <= 8 for c in cues):
            continue
        value = resolve(d, ctx)
        if value is not None and (latest is None or value.first_day() > latest):
            latest = value.first_day()
    return latest


def inspection_era(doc: Doc, ctx: ArticleContext) -> dt.date | None:
    """The date that decides which councils existed (GUIDE: the council and code at the inspection): the
    latest date of a month or day written with an inspection word ("inspected", "visited ... from");
    earlier ones are history. Else the piece's own date."""
    cues = [c.start for c in spans(doc, CUE_KEY, "INSPECT_CUE")]
    cues += [t.i for t in doc if t.lower_.startswith(("inspect", "visit"))]
    _, index = sentence_index(doc)
    found = []
    for d in spans(doc, DATE_KEY):
        if d._.ofsted_date is None or not any(index[c] == index[d.start] and abs(c - d.start) <= 10 for c in cues):
            continue
        value = resolve(d, ctx)
        if value is not None and value.precision != "year":
            found.append(value.first_day())
    return max(found) if found else event_reference(doc, ctx)


# ---------------------------------------------------------------- per council


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


#: a grade dated more months than this before the news is history: reports come out weeks after the
#: visit, and a round-up may gather a season's reports
STALE_MONTHS = 4
#: ... but a grade dated by its own inspection ("inspected ... between 9 and 19 May and rated them good")
#: is the news as long as its date can be the news's at all: round-ups gather a season's reports, and a
#: council's statement may come a year after the visit
NEWS_REACH_MONTHS = 14


def settle_readings(facts: list[Fact], ctx: ArticleContext, reference: dt.date | None,
                    visited: set[str] = frozenset()) -> None:
    """A grade dated well before the news is history, whatever verb it came with; so is a dated grade
    that differs from the undated one the article gives as its news. A grade dated by its own
    inspection, for a council whose news is no visit (`visited`), ages only past NEWS_REACH_MONTHS."""
    undated_current: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for f in facts:
        if f.reading == "current" and f.when is None:
            undated_current[(f.council, f.area)].add(f.grade)
    for f in facts:
        if f.reading != "current" or f.when is None:
            continue
        old = years_old = False
        if reference is not None:
            if f.when.precision == "year":
                old = years_old = f.when.year < reference.year - (1 if reference.month <= 2 else 0)
            else:
                months = months_between(f.when.first_day(), reference)
                old = months > (NEWS_REACH_MONTHS if dated_by_its_inspection(f, visited) else STALE_MONTHS)
                years_old = months > NEWS_REACH_MONTHS
        others = undated_current.get((f.council, f.area), set())
        if years_old and f.repeat:
            # "the same grading as 2019", "retained the grade it earned in 2017": a date too old to be the
            # news's is the earlier time's, and the repeat is still the news
            f.when, f.when_span = None, None
        elif old or (others and f.grade not in others):
            f.reading = "prior"


def dated_by_its_inspection(f: Fact, visited: set[str]) -> bool:
    """The grade's date is attached to an inspection word ("inspected ... between 9 and 19 May and rated
    them good") and the council's news is not a visit, so the date is of the inspection the grade reports."""
    return f.council not in visited and f.when_span is not None and date_role(f.when_span) == "inspection"


#: the ends of a scale, named by position ("top rating", "lowest grade"), and the annual ratings' grades for them
SCALE_ENDS = {("outstanding", ("top", "highest", "best")): "excellent",
              ("inadequate", ("lowest", "bottom", "worst")): "performs_poorly"}


def on_the_annual_scale(facts: list[Fact]) -> None:
    """In a piece about an annual rating, the top of the scale is 'performing excellently', its bottom
    'performing poorly'."""
    for f in facts:
        words = {t.lower_ for t in f.span}
        for (grade, ends), annual in SCALE_ENDS.items():
            if f.grade == grade and words & set(ends):
                f.grade = annual


def choose(values: list[tuple[str, Span, bool]]) -> tuple[str, Span, bool]:
    """The best-supported value: a mention next to the council's name counts twice, one by reference once,
    one in the headline once more; ties go to the earliest."""
    weight: Counter[str] = Counter()
    for value, span, explicit in values:
        weight[value] += (2 if explicit else 1) + (1 if sentence_of(span).start == 0 else 0)
    counts = weight
    best = max(counts, key=lambda v: (weight[v], -min(s.start for x, s, _ in values if x == v)))
    for value, span, exp in values:
        if value == best:
            return value, span, len(counts) > 1
    raise AssertionError("unreachable")


def assemble(doc: Doc, metadata_date: str | None = None, gazetteer: Gazetteer | None = None
             ) -> tuple[ArticleContext, list[Draft]]:
    """Turn one annotated article into drafts, one per council whose inspection is the news."""
    gazetteer = gazetteer or rule_data(doc).gazetteer
    ctx = article_context(doc, metadata_date)
    if ctx.other_body or not ctx.about_ofsted:
        return ctx, []
    mentions = council_mentions(doc, gazetteer, inspection_era(doc, ctx))
    if not mentions:
        return ctx, []
    sents, index = sentence_index(doc)
    facts = grade_facts(doc, mentions, ctx, gazetteer)
    dominant = dominant_council(mentions, index)
    type_hits = council_types(doc, mentions, dominant, index)
    lede_visits = visits_in_lede(doc, index)
    settle_standing(facts, type_hits, lede_visits)
    visited = {name for name, hits in type_hits.items() if is_visited(hits)}
    if lede_visits:
        visited |= {name for name, hits in type_hits.items() if "full" not in {kind for kind, _ in hits}}
    settle_readings(facts, ctx, event_reference(doc, ctx), visited)
    ctx.annual = any(s.id_ == "annual_rating" for s in spans(doc, TYPE_KEY)) or any(
        f.reading == "current" and f.grade in ANNUAL_SCALE for f in facts)
    if ctx.annual:
        on_the_annual_scale(facts)
    drafts: dict[str, Draft] = {}
    by_council: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_council[f.council].append(f)
    first_mention = {}
    for m in mentions:
        for name in m.names:
            first_mention.setdefault(name, m)
    statistics = any(g._.ofsted_statistical for g in spans(doc, GRADE_KEY))
    for name in list(first_mention):
        own = by_council.get(name, [])
        current = [f for f in own if f.reading == "current"]
        hits = type_hits.get(name, [])
        if lede_visits and not is_visited(hits) and "full" not in {kind for kind, _ in hits}:
            hits = hits + lede_visits  # a round-up of visits: the lede's visit is each council's news
        visit = [t for t in hits if t[0] in VISIT_TYPES]
        if any(f.reading == "prior" for f in own):  # "a visit" to a council with a standing grade
            visit += [t for t in hits if t[0] == "visit"]
        if not current and not visit:
            visit = report_on_a_failing_council(own, hits, index)
            hits = hits + visit
        if not current and not visit:
            continue
        m = first_mention[name]
        named = [x for x in mentions if name in x.names]
        draft = Draft(council=name, council_span=m.span,
                      prominent=len(named) >= 2 or any(index[x.span.start] == 0 for x in named),
                      statistics=statistics)
        fill_grades(draft, own)
        fill_type(draft, hits, ctx)
        standing_grade_of_a_visit(draft, hits, index)
        drafts[name] = draft
    # a date that dates a past grade ("rated inadequate in 2013") is never the date of the news
    current_dates = {f.when_span.start for f in facts if f.reading == "current" and f.when_span is not None}
    history = {f.when_span.start for f in facts if f.reading == "prior" and f.when_span is not None} - current_dates
    for draft in drafts.values():
        fill_dates(draft, doc, mentions, dominant, index, ctx, history)
        fill_prior_year(draft, doc, mentions, dominant, index, ctx, by_council.get(draft.council, []))
        apply_framework(draft, ctx, rule_data(doc).frameworks)
    return ctx, list(drafts.values())


def report_on_a_failing_council(own: list[Fact], hits: list[tuple[str, Span]], index: list[int]
                                ) -> list[tuple[str, Span]]:
    """A new ungraded Ofsted report on a council rated inadequate is a monitoring visit's letter (GUIDE:
    a visit to an inadequate council is a monitoring visit): "An Ofsted report has revealed that X's
    services are still failing ... an 'inadequate' rating last year". The lede's report counts, as a visit."""
    if not any(f.reading == "prior" and f.grade == "inadequate" and f.area is None for f in own):
        return []
    return [("visit", span) for kind, span in hits
            if kind == "inspection" and index[span.start] < LEDE_SENTENCES and not said_of_the_past(span)]


def said_of_the_past(span: Span) -> bool:
    """A history trigger covers the words or stands just before them ("the last inspection", "its
    previous Ofsted report")."""
    return any(same_sentence(m, span) and m.start <= span.start and span.start - m.end <= 2
               for m in spans(span.doc, MODIFIER_KEY, "PRIOR"))


def is_visited(hits: list[tuple[str, Span]]) -> bool:
    """The council's news is a visit (monitoring, focused, or just 'visit'), not a graded inspection."""
    kinds = {kind for kind, _ in hits}
    return bool(kinds & (set(VISIT_TYPES) | {"visit"})) and "full" not in kinds


def visits_in_lede(doc: Doc, index: list[int]) -> list[tuple[str, Span]]:
    """The visits the headline and lede report when they report no graded inspection ("'Inadequate'
    councils make progress in latest Ofsted visits"): a round-up's news for every council in it."""
    lede = [(s.id_, s) for s in spans(doc, TYPE_KEY) if index[s.start] < ROUNDUP_LEDE]
    return lede if lede and is_visited(lede) else []


def same_clause(a: Span, b: Span) -> bool:
    """No comma, semicolon or dash between two spans of one sentence."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return same_sentence(a, b) and not any(t.text in {",", ";", "–", "—", "(", ")"}
                                           for t in a.doc[first.end:second.start])


def settle_standing(facts: list[Fact], type_hits: dict[str, list[tuple[str, Span]]],
                    lede_visits: list[tuple[str, Span]]) -> None:
    """A grade held as an attribute ("'inadequate' Croydon", "Kent, which is rated good") is the
    council's standing grade. GUIDE: when the news is a visit, that is the prior grade; when the piece
    gives a new grade that differs, it is the prior too; otherwise it is the grade the news reports."""
    current: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for f in facts:
        if f.reading in ("current", "repeat"):
            current[(f.council, f.area)].add(f.grade)
    for f in facts:
        if f.reading != "standing":
            continue
        hits = type_hits.get(f.council, [])
        visited = is_visited(hits) or (lede_visits and "full" not in {k for k, _ in hits})
        news = current.get((f.council, f.area), set())
        if visited or (news and f.grade not in news):
            f.reading = "prior"
            if f.when_span is not None and not same_clause(f.span, f.when_span):
                f.when, f.when_span = None, None  # "X, which is rated inadequate, was visited in May"
        else:
            f.reading = "current"


def fill_grades(draft: Draft, own: list[Fact]) -> None:
    overall = [(f.grade, f.span, f.explicit) for f in own if f.reading == "current" and f.area is None]
    if overall:
        draft.grade, draft.grade_span, draft.conflict = choose(overall)
        draft.explicit_grade = any(e for g, _, e in overall if g == draft.grade)
    draft.support = len([f for f in own if f.reading == "current"])
    by_area: dict[str, list[tuple[str, Span, bool]]] = defaultdict(list)
    for f in own:
        if f.reading == "current" and f.area:
            by_area[f.area].append((f.grade, f.span, f.explicit))
    for area, values in by_area.items():
        grade, span, _ = choose(values)
        draft.judgements[area] = (grade, span)
        draft.explicit_grade = draft.explicit_grade or any(e for _, _, e in values)
    prior = [f for f in own if f.reading == "prior" and f.area is None]
    if prior:
        dated = [f for f in prior if f.when is not None]
        pick = max(dated, key=lambda f: (f.when.year, f.when.month or 0, f.when.day or 0)) if dated else prior[0]
        draft.prior_grade, draft.prior_span = pick.grade, pick.span
        if pick.when is not None:
            draft.prior_year, draft.prior_year_span = pick.when.year, pick.when_span
    prior_areas: dict[str, list[Fact]] = defaultdict(list)
    for f in own:
        if f.reading == "prior" and f.area:
            prior_areas[f.area].append(f)
    for area, fs in prior_areas.items():
        draft.prior_judgements[area] = (fs[0].grade, fs[0].span)
        if draft.prior_year is None and fs[0].when is not None:
            draft.prior_year, draft.prior_year_span = fs[0].when.year, fs[0].when_span


#: A visit's council had this standing grade: monitoring visits are made to inadequate councils.
VISIT_STANDING = {"monitoring": {"inadequate"}, "focused": {"good", "requires_improvement", "outstanding"}}
LEDE_SENTENCES = 3
#: a round-up says what it reports in its headline and first sentence
ROUNDUP_LEDE = 2


def standing_grade_of_a_visit(draft: Draft, hits: list[tuple[str, Span]], index: list[int]) -> None:
    """GUIDE: for a monitoring or focused visit, the standing grade the article mentions is the prior
    grade and the grade stays null. When the first inspection type the lede gives this council is such
    a visit, a current overall grade that fits it ("Torbay, rated inadequate in January, has had its
    second monitoring visit") is the standing one."""
    if draft.grade is None or draft.judgements or draft.prior_grade is not None:
        return
    lede = [(kind, span) for kind, span in hits if index[span.start] < LEDE_SENTENCES and kind != "inspection"]
    if not lede or lede[0][0] not in VISIT_STANDING or draft.grade not in VISIT_STANDING[lede[0][0]]:
        return
    draft.prior_grade, draft.prior_span = draft.grade, draft.grade_span
    draft.grade, draft.grade_span, draft.conflict = None, None, False
    draft.inspection_type, draft.type_span = lede[0][0], lede[0][1]


def council_types(doc: Doc, mentions: list[Mention], dominant: str | None, index: list[int]
                  ) -> dict[str, list[tuple[str, Span]]]:
    """Inspection-type cues per council: the councils named in the cue's sentence, else the one it refers to."""
    hits: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    unowned: list[tuple[str, Span]] = []
    for span in spans(doc, TYPE_KEY):
        sent = sentence_of(span)
        named = [m for m in mentions if sent.start <= m.span.start < sent.end]
        if not named:
            topic = topic_before(mentions, span.start, dominant, 4, index)
            named = [topic] if topic else []
        if not named and span.id_ in VISIT_TYPES:
            unowned.append((span.id_, span))
        for m in named:
            for name in m.names:
                hits[name].append((span.id_, span))
    listed = {n for g in mention_groups(mentions) if len(g) >= ROUND_UP_LIST for m in g for n in m.names}
    return round_up_kind(hits, unowned, listed)


#: councils written as one list of at least this many are a round-up's listing
ROUND_UP_LIST = 3


def round_up_kind(hits: dict[str, list[tuple[str, Span]]], unowned: list[tuple[str, Span]],
                  listed: set[str]) -> dict[str, list[tuple[str, Span]]]:
    """A round-up says what kind of visit it lists before naming any council ("the latest focused
    visits", then "Inspectors visited X's children's services on ..."; "unannounced visits to 18
    councils", then "Leeds, Calderdale and Cornwall were ..."): a council visited, or listed, with no
    kind of its own had that kind, when the piece names one kind only."""
    kinds = {kind for kind, _ in unowned}
    if len(kinds) != 1:
        return hits
    for name in listed:
        hits.setdefault(name, [])
    for name, own in hits.items():
        visited = any(kind == "visit" for kind, _ in own) or name in listed
        if visited and not any(kind in VISIT_TYPES for kind, _ in own):
            own.append(unowned[0])
    return hits


def fill_type(draft: Draft, hits: list[tuple[str, Span]], ctx: ArticleContext) -> None:
    if draft.grade or draft.judgements:
        draft.inspection_type = "annual_rating" if ctx.annual else "full"
        full = [s for t, s in hits if t in ("full", "inspection")]
        draft.type_span = full[0] if full else None
        return
    specific = [(t, s) for t, s in hits if t in VISIT_TYPES]
    if specific:
        counts = Counter(t for t, _ in specific)
        kind = max(counts, key=lambda t: (counts[t], -min(s.start for x, s in specific if x == t)))
        draft.inspection_type = kind
        draft.type_span = next(s for t, s in specific if t == kind)
        return
    visits = [s for t, s in hits if t == "visit"]
    if visits:
        draft.inspection_type = "monitoring" if draft.prior_grade == "inadequate" else "focused"
        draft.type_span = visits[0]


def event_cue_distance(doc: Doc, date_span: Span, cues: list[Span]) -> int | None:
    """Tokens from a date to the nearest cue word in its sentence ("inspected ... in March")."""
    sent = sentence_of(date_span)
    dated = {i for d in spans(doc, DATE_KEY) for i in range(d.start, d.end)}
    local = [c for c in cues if sent.start <= c.start < sent.end and c.start not in dated]
    if not local:
        return None
    return min(abs(c.start - date_span.start) for c in local)


def dates_for_council(draft: Draft, doc: Doc, mentions: list[Mention], dominant: str | None,
                      index: list[int]) -> list[Span]:
    """Date spans in sentences about this council (see `date_owners`)."""
    return [d for d, owners in date_owners(doc, mentions, dominant, index) if draft.council in owners]


def date_owners(doc: Doc, mentions: list[Mention], dominant: str | None,
                index: list[int]) -> list[tuple[Span, frozenset[str]]]:
    """Each date span with the councils it may be said of: those named in its sentence, else the group a
    plural reference stands for ("two councils were visited last month"), else, in a piece about no one
    council, every council when the date comes before any is named (a round-up's lede: "Ofsted today
    published the reports of its latest inspections"), every council for the period a rating names
    ("the ratings for 2009"), else the council the passage is about. The same
    for every council, so worked out once per document."""
    memo = doc.user_data.setdefault("ofsted_assemble_memo", {})
    if "date_owners" in memo:
        return memo["date_owners"]
    gazetteer = rule_data(doc).gazetteer
    groups = mention_groups(mentions)
    named_in: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        named_in[index[m.span.start]].append(m)
    # "20% were rated outstanding by March 2024": a statistic's date, no council's
    statistical = {index[g.start] for g in spans(doc, GRADE_KEY) if g._.ofsted_statistical}
    counted = statistical | {index[m.start] for m in spans(doc, MODIFIER_KEY, "STATISTICAL")}  # "44 per cent"
    owners: list[tuple[Span, frozenset[str]]] = []
    for d in spans(doc, DATE_KEY):
        if d._.ofsted_date is None:
            continue
        n = index[d.start]
        said_of = named_in.get(n) or group_referred(d, groups, set(), index, gazetteer, before_only=False)
        if (not said_of and dominant is None and all(m.span.start > d.start for m in mentions)
                and (n not in counted or counts_a_list(doc, n, groups, index))):
            said_of = mentions  # a round-up's lede dates the batch: "Ofsted today published its ratings ..."
        if not said_of and rates_period(d):
            said_of = mentions  # "the performance ratings for 2009 also show ...": the year of every rating
        if not said_of and n not in statistical:
            topic = topic_before(mentions, d.start, dominant, 4, index)
            said_of = [topic] if topic is not None else []
        if said_of:
            owners.append((d, frozenset(name for m in said_of for name in m.names)))
    memo["date_owners"] = owners
    return owners


def counts_a_list(doc: Doc, n: int, groups: list[list[Mention]], index: list[int]) -> bool:
    """Sentence n counts councils the piece then lists ("nine councils have been rated poor ... They
    were A, B, ..."): its number is a list's size, or the number of councils the piece names, so it
    introduces them rather than giving a statistic."""
    sizes = {len({name for m in g for name in m.names}) for g in groups}
    sizes.add(len({name for g in groups for m in g for name in m.names}))
    counts = {ref_count(m) for m in spans(doc, MODIFIER_KEY, "STATISTICAL") if index[m.start] == n}
    return bool(counts & sizes)


def dates_marked(doc: Doc, name: str, test) -> set[int]:
    """The starts of the date spans that pass `test`, worked out once per document."""
    memo = doc.user_data.setdefault("ofsted_assemble_memo", {})
    if name not in memo:
        memo[name] = {d.start for d in spans(doc, DATE_KEY) if test(d)}
    return memo[name]


def is_prior_date(d: Span) -> bool:
    """A date said of a past inspection: by the event word it attaches to ("the last inspection ... was
    in 2018", "since they were inspected in 2012"); failing one, inside the reach of a 'previous/last
    inspection' cue, or written just before such a cue ("2022's last full inspection")."""
    role = date_role(d)
    if role is not None:
        return role == "prior"
    head = coordinated_with(d)
    if head is not None:
        return is_prior_date(head)  # "previously rated inadequate in 2013 and again in 2019"
    return d.start in dates_marked(d.doc, "prior_dates", _speaks_of_history)


def _speaks_of_history(d: Span) -> bool:
    doc = d.doc
    for m in spans(doc, MODIFIER_KEY, "PRIOR"):
        if m.kb_id_ == "backward" or not same_sentence(m, d):
            continue
        if 0 <= d.start - m.end <= 6:
            return True
        if m.start >= d.end and all(t.lower_ in ("'s", "’s") for t in doc[d.end:m.start]):
            return True
    return False


#: How far (tokens) a bare year may stand from its inspection or publication cue.
YEAR_CUE_REACH = 3


def is_future_date(d: Span) -> bool:
    """A date a few words after 'will', 'ahead of', 'next inspection' speaks of what is to come."""
    return d.start in dates_marked(d.doc, "future_dates", _speaks_of_what_is_to_come)


def _speaks_of_what_is_to_come(d: Span) -> bool:
    return any(m.kb_id_ != "backward" and 0 <= d.start - m.end <= 8 and same_sentence(m, d)
               for m in spans(d.doc, MODIFIER_KEY, "HYPOTHETICAL"))


def fill_dates(draft: Draft, doc: Doc, mentions: list[Mention], dominant: str | None, index: list[int],
               ctx: ArticleContext, history: set[int] = frozenset()) -> None:
    """Inspection and publication dates: dates near an inspection or publishing cue, not history.

    `history` holds the starts of date spans that date a past grade.
    """
    inspect_cues = spans(doc, CUE_KEY, "INSPECT_CUE")
    publish_cues = spans(doc, CUE_KEY, "PUBLISH_CUE")
    inspections, publications = [], []
    for d in dates_for_council(draft, doc, mentions, dominant, index):
        if ctx.article_date_span and d.start_char == ctx.article_date_span[0] and not reports_publication(d):
            continue  # the page's own date, unless it is given as the report's ("Report published: ...")
        if d.start in history or is_prior_date(d) or is_future_date(d):
            continue
        if apposed_date(d) is not None:
            continue  # "today (Tuesday 12 August 2025)": the written date speaks for "today"
        value = resolve(d, ctx)
        if value is None or (d._.ofsted_date.is_span and value.precision == "year"):
            continue  # a run of years ("2009/10", "2015-2017") is a period, not a visit or a publication
        if ctx.article_date is not None and value.first_day() > ctx.article_date + dt.timedelta(days=1):
            continue
        role = date_role(d)
        if d._.ofsted_date.kind == "year" and role in ("inspection", "publication") and not rates_period(d):
            reach = event_distance(d)  # a bare year dates the event only when written with it
            role = role if reach is not None and reach <= YEAR_CUE_REACH else None
        if role == "other":
            continue  # a date of another event: "since the council's formation in April 2023"
        if role == "inspection":
            inspections.append((value, d))
            continue
        if role == "publication":
            publications.append((value, d))
            continue
        di, dp = event_cue_distance(doc, d, inspect_cues), event_cue_distance(doc, d, publish_cues)
        if value.precision == "year":  # a bare year dates the event only when written with it: "inspected in 2019"
            di = di if di is not None and di <= YEAR_CUE_REACH else None
            dp = dp if dp is not None and dp <= YEAR_CUE_REACH else None
        if di is None and dp is None:
            continue
        said_today = d.text.lower() in ("today", "yesterday") or beside_today(d)  # reports come out today
        if said_today and dp is None and di is not None and speaks_of_findings(d):
            publications.append((value, d))  # "today (25 May) welcomed the findings of an inspection"
            continue
        if dp is not None and (di is None or dp < di or said_today):
            publications.append((value, d))
        else:
            inspections.append((value, d))
    if draft.inspection_type in VISIT_TYPES or draft.inspection_type == "full":
        inspections = prefer_matching_event(inspections, draft.inspection_type)
    recent = [(v, d) for v, d in inspections if not too_old(v, ctx)]
    if recent:
        value, span = most_precise(recent)
        draft.inspection_date, draft.inspection_date_span = value.iso(), span
    publications = [(v, d) for v, d in publications if not too_old(v, ctx)]
    if publications:
        value, span = most_precise(publications)
        if draft.inspection_date is None or value.iso() >= draft.inspection_date[: len(value.iso())]:
            draft.published_date, draft.published_date_span = value.iso(), span


def beside_today(d: Span) -> bool:
    """A date written in apposition to "today"/"yesterday": "today (Friday 25 May)"."""
    doc = d.doc
    return d.start >= 2 and doc[d.start - 1].lower_ in ("(", ",") and doc[d.start - 2].lower_ in ("today", "yesterday")


def speaks_of_findings(d: Span) -> bool:
    """The date's sentence names a report's findings ("the findings", "the report", "the results")."""
    nouns = lexicon(d.doc).report_nouns
    return any(t.lower_ in nouns for t in sentence_of(d))


def too_old(value: dategrammar.PartialDate, ctx: ArticleContext) -> bool:
    if ctx.article_date is None:
        return False
    return months_between(value.first_day(), ctx.article_date) > NEWS_REACH_MONTHS


def prefer_matching_event(found: list[tuple], kind: str | None) -> list[tuple]:
    """For a full inspection, dates said of an 'inspection' beat those said of an earlier monitoring visit."""
    if not found:
        return found
    doc = found[0][1].doc
    types = spans(doc, TYPE_KEY)

    def kind_of(d: Span) -> str | None:
        local = [t.id_ for t in types if same_sentence(t, d)]
        specific = [t for t in local if t in VISIT_TYPES]
        return specific[0] if specific else ("full" if "full" in local else None)

    matching = [(v, d) for v, d in found if kind_of(d) in (kind, None) or (kind == "full" and kind_of(d) == "full")]
    return matching or found


def most_precise(found: list[tuple[dategrammar.PartialDate, Span]]) -> tuple[dategrammar.PartialDate, Span]:
    order = {"day": 0, "month": 1, "year": 2}
    return min(found, key=lambda vd: (order[vd[0].precision], vd[1].start))


def fill_prior_year(draft: Draft, doc: Doc, mentions: list[Mention], dominant: str | None, index: list[int],
                    ctx: ArticleContext, own: list[Fact]) -> None:
    """The year of the previous inspection: with the prior grade, else a dated 'last inspection'."""
    owned = dates_for_council(draft, doc, mentions, dominant, index)
    if draft.inspection_date is not None and len(draft.inspection_date) == 4:
        # "two previous inspections, in 2012 and 2014 ... the 2014 inspection report": a bare year the piece
        # gives as a previous inspection's dates that inspection, not the news
        prior_years = {v.year for d in owned if is_prior_date(d) and (v := resolve(d, ctx)) is not None}
        if int(draft.inspection_date) in prior_years | ({draft.prior_year} - {None}):
            draft.inspection_date, draft.inspection_date_span = None, None
    current_year = None
    for value in (draft.inspection_date, draft.published_date):
        if value:
            current_year = int(value[:4])
            break
    if current_year is None and ctx.article_date:
        current_year = ctx.article_date.year
    candidates = []
    for d in owned:
        if not is_prior_date(d):
            continue
        value = resolve(d, ctx)
        if value is None or (current_year is not None and value.year >= current_year):
            continue
        candidates.append((value, d))
    if draft.prior_year is not None:
        # the grade's year stands unless a later previous inspection is dated by its own event word (GUIDE
        # ruling 4: "inadequate since 2009 ... since the last inspection in 2016" is 2016)
        candidates = [(v, d) for v, d in candidates if date_role(d) == "prior" and v.year > draft.prior_year
                      and d._.ofsted_date.kind != "anchored"]
    if candidates:
        # a written year ("in 2022") beats a reckoned one ("two years ago"); then the latest
        value, span = max(candidates, key=lambda vd: (vd[1]._.ofsted_date.kind != "anchored", vd[0].year))
        draft.prior_year, draft.prior_year_span = value.year, span


#: area ids whose meaning depends on the era (patterns/frameworks.jsonl area_aliases)
ERA_AREAS = frozenset({"looked_after", "in_care_and_leavers"})
DEFAULT_ALIASES: dict[str, str | tuple[str, ...]] = {"looked_after": "children_in_care",
                                                     "in_care_and_leavers": "children_in_care"}


def framework_from_words(draft: Draft, ctx: ArticleContext, frameworks: Sequence[Framework]) -> Framework | None:
    """An undated piece's era: the one framework whose areas and grades fit what the piece reports
    ("adoption" and "LSCB" graded beside "requires improvement" is the SIF; "safeguarding" graded
    "adequate" is before 2013). Frameworks that fit alike count as one; none or a real tie is None."""
    if ctx.annual:
        return next((f for f in frameworks if f.annual), None)
    areas = {a for a in list(draft.judgements) + list(draft.prior_judgements) if a not in ERA_AREAS}
    grades = ({draft.grade} | {g for g, _ in draft.judgements.values()}) - {None}
    fits = [f for f in frameworks if not f.annual and f.areas and areas <= set(f.areas)
            and grades <= set(f.grades)]
    meanings = {tuple(sorted((k, str(v)) for k, v in f.area_aliases.items() if k in draft.judgements)) for f in fits}
    return fits[0] if fits and len(meanings) == 1 else None


def with_aliases(judgements: dict[str, tuple[str, Span]], aliases: dict) -> dict[str, tuple[str, Span]]:
    """Era-dependent area ids to the framework's keys; an area the text names itself wins."""
    out: dict[str, tuple[str, Span]] = {}
    for area, value in judgements.items():
        if area in ERA_AREAS:
            meant = aliases.get(area, DEFAULT_ALIASES[area])
            for key in (meant,) if isinstance(meant, str) else meant:
                out.setdefault(key, value)
    for area, value in judgements.items():
        if area not in ERA_AREAS:
            out[area] = value
    return out


def apply_framework(draft: Draft, ctx: ArticleContext, frameworks: Sequence[Framework]) -> None:
    """Era rules from patterns/frameworks.jsonl (and a user's): area names by era, no overall grade after April
    2026."""
    when = None
    for value in (draft.inspection_date, draft.published_date):
        if value:
            parts = [int(p) for p in value.split("-")]
            when = dategrammar.PartialDate(parts[0], parts[1] if len(parts) > 1 else None)
            break
    if when is None and ctx.article_date:
        when = dategrammar.PartialDate(ctx.article_date.year, ctx.article_date.month)
    current = framework_at(when, frameworks) if when is not None else framework_from_words(draft, ctx, frameworks)
    if current is not None and not current.has_overall_grade and draft.inspection_type == "full":
        draft.grade, draft.grade_span = None, None
    aliases = current.area_aliases if current else DEFAULT_ALIASES
    draft.judgements = with_aliases(draft.judgements, aliases)
    prior_fw = framework_at(dategrammar.PartialDate(draft.prior_year), frameworks) if draft.prior_year else None
    prior_aliases = prior_fw.area_aliases if prior_fw else aliases
    draft.prior_judgements = with_aliases(draft.prior_judgements, prior_aliases)
