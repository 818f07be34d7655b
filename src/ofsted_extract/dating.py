"""A record's dates: when inspectors visited, when the report came out, and the year of the previous
inspection; and the date a grade is written with.

A date belongs to the councils its sentence names, a group a plural reference stands for, a round-up's
batch when its lede dates them all, or the council the passage is about; its role comes from the event
word it attaches to (temporal.py), failing that from the nearest inspection or publication cue. Part of
the assemble stage.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from spacy.tokens import Doc, Span

from . import dates as dategrammar
from .areas import area_tokens
from .discourse import Mention, counts_a_list, group_referred, mention_groups, topic_before
from .docindex import (CUE_KEY, DATE_KEY, GRADE_KEY, MODIFIER_KEY, TYPE_KEY, same_sentence, sentence_index,
                       sentence_of, spans)
from .drafts import ArticleContext, Draft, Fact, VISIT_TYPES, news_year
from .ruledata import rule_data
from .temporal import (apposed_date, attached_event, coordinated_with, date_role, event_distance, lexicon,
                       rates_period, reports_publication)


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
        reach = len(sent) if fronted(d, sent) else 12  # "In 2017, the services were ... graded 'good'"
        if gap > reach or any(token_gap(other, d) < gap for other in sent_grades if other is not grade):
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


def fronted(date: Span, sent: Span) -> bool:
    """A date that opens its sentence as an adverbial ("In 2017, ...", "Last March, ..."): it dates the
    sentence's main event, however far into the sentence the grade stands."""
    doc = date.doc
    start = date.start - 1 if date.start > sent.start and doc[date.start - 1].lower_ in ("in", "by", "during") else date.start
    return start == sent.start and date.end < sent.end and doc[date.end].text == ","


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


def months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


#: ... but a grade dated by its own inspection ("inspected ... between 9 and 19 May and rated them good")
#: is the news as long as its date can be the news's at all: round-ups gather a season's reports, and a
#: council's statement may come a year after the visit
NEWS_REACH_MONTHS = 14


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
    # "..., the same grade it received in 2014": a comparison with an earlier time dates that time
    return any(m.kb_id_ == "backward" and same_sentence(m, d) and 0 <= d.start - m.end <= 3
               for m in spans(doc, MODIFIER_KEY, "REPEAT"))


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
    # failing a recent one, a date the role layer attaches to the inspection itself ("inspectors were on
    # site ... from 28 February to 9 March 2016", "the March 2013 inspection") is the visit however long
    # before the page it was
    recent = ([(v, d) for v, d in inspections if not too_old(v, ctx)]
              or [(v, d) for v, d in inspections if date_role(d) == "inspection"])
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


def dates_an_ungraded_visit(d: Span, draft: Draft) -> bool:
    """GUIDE ruling 4: the prior is the last graded inspection, so a date of an earlier monitoring or
    focused visit ("improvements since the focused visit in 2018") is no prior year of a graded one."""
    if draft.inspection_type != "full":
        return False
    event = attached_event(d)
    return event is not None and any(t.id_ in ("monitoring", "focused") and t.start <= event.start < t.end
                                     for t in spans(d.doc, TYPE_KEY))


def dates_no_inspection(d: Span) -> bool:
    """GUIDE ruling 5: a date of something else is no prior year ("improvements had been made since
    2018"): a date attached to no inspection word, in a sentence that names no grade or inspection."""
    if date_role(d) is not None:
        return False
    sent = sentence_of(d)
    return not any(sent.start <= s.start < sent.end for key in (GRADE_KEY, TYPE_KEY) for s in spans(d.doc, key))


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
    current_year = news_year(draft, ctx)
    candidates = []
    for d in owned:
        if not is_prior_date(d) or dates_an_ungraded_visit(d, draft) or dates_no_inspection(d):
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
