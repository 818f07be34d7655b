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

Every value keeps the span it came from, so the validate stage can attach evidence. The stage is
several modules, one question each: drafts.py (the types), areas.py (which areas a grade judges),
dating.py (a record's dates), eras.py (frameworks by era); this one decides councils, readings and types.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from . import dates as dategrammar
from .areas import area_tokens, areas_for, continued_areas, line_above, listed_after_colon, referenced_areas
from .dating import (NEWS_REACH_MONTHS, event_reference, fill_dates, fill_prior_year, grade_time, inspection_era,
                     months_between)
from .discourse import (Mention, about_an_inspection, attach_groups, council_mentions, dominant_council,
                        counts_in, group_named_next, group_referred, is_about_other_body, mention_groups,
                        topic_before)
from .docindex import (AREA_KEY, CUE_KEY, DATE_KEY, GRADE_KEY, MODIFIER_KEY, TYPE_KEY, same_sentence,
                       sentence_index, sentence_of, spans)
from .drafts import ANNUAL_SCALE, ArticleContext, DROPPED_READINGS, Draft, Fact, VISIT_TYPES
from .eras import apply_framework
from .gazetteer import Gazetteer
from .ruledata import rule_data
from .temporal import date_role


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
            if grade not in grades or a_share(grade):
                continue
            councils = attached.get(grade.start, [])
            explicit = bool(councils)
            if not councils:
                named_here = {n for g in sent_groups for m in g for n in m.names}
                councils = group_referred(grade, groups, named_here, index, gazetteer)
            if not councils:
                councils = group_named_next(grade, sents, n, groups)
            if not councils and n < LEDE_SENTENCES:
                councils = counted_in_the_lede(doc, n, mentions, index)
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


#: a grade dated more months than this before the news is history: reports come out weeks after the
#: visit, and a round-up may gather a season's reports
STALE_MONTHS = 4


#: words of a statistic that is a share of many councils ("73% of the services inspected were inadequate")
SHARE_WORDS = frozenset({"%", "per cent", "percent", "proportion", "majority", "minority", "half", "third",
                         "quarter", "two thirds", "three quarters"})


def a_share(grade: Span) -> bool:
    """A grade a percentage or share reaches is a share of many councils, never the grade of a council the
    sentence names ("At the time of the inspection in Scilly, over 73% of services were inadequate")."""
    return any(category == "STATISTICAL" and text.lower() in SHARE_WORDS
               for category, text in grade._.ofsted_modifiers)


def counted_in_the_lede(doc: Doc, n: int, mentions: list[Mention], index: list[int]) -> list[Mention]:
    """A headline or lede that counts exactly the councils the piece names ("Two authorities blasted for
    'inadequate' children's services" over a piece about two) says its grade of each of them."""
    first: dict[str, Mention] = {}
    for m in mentions:
        for name in m.names:
            first.setdefault(name, m)
    if any(index[m.start] == n for m in spans(doc, MODIFIER_KEY, "NEGATED")):
        return []  # "None of the six councils has gained an outstanding rating"
    if len(first) >= 2 and len(first) in counts_in(doc, n, index, whole_only=True):
        return list({id(m): m for m in first.values()}.values())  # one mention per council
    return []


def settle_readings(facts: list[Fact], ctx: ArticleContext, reference: dt.date | None,
                    visited: set[str] = frozenset()) -> None:
    """A grade dated well before the news is history, whatever verb it came with; so is a dated grade
    that differs from the undated one the article gives as its news. A grade dated by its own
    inspection, for a council whose news is no visit (`visited`), ages only past NEWS_REACH_MONTHS."""
    undated_current: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for f in facts:
        if f.reading == "current" and f.when is None:
            undated_current[(f.council, f.area)].add(f.grade)
    current_of: dict[str, int] = defaultdict(int)
    for f in facts:
        if f.reading == "current":
            current_of[f.council] += 1
    for f in facts:
        if f.reading != "current" or f.when is None:
            continue
        old = years_old = False
        if reference is not None:
            if f.when.precision == "year":
                old = years_old = f.when.year < reference.year - (1 if reference.month <= 2 else 0)
            else:
                months = months_between(f.when.first_day(), reference)
                own = dated_by_its_inspection(f, visited)
                old = months > (NEWS_REACH_MONTHS if own else STALE_MONTHS)
                years_old = months > NEWS_REACH_MONTHS
                if own and current_of[f.council] == 1:
                    # the piece's only grade for the council, dated by the inspection it reports ("the March
                    # 2013 inspection ... resulted in a judgement of requires improvement"): its news, however old
                    old = False
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
    settle_repeats(facts, type_hits, lede_visits)
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
        standing_grade_of_a_visit(draft, hits, index, own)
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


def settle_repeats(facts: list[Fact], type_hits: dict[str, list[tuple[str, Span]]],
                   lede_visits: list[tuple[str, Span]]) -> None:
    """A grade the council keeps ("remains 'good'", "is still rated inadequate") is read as both the news
    and the prior. GUIDE: a monitoring or focused visit gives no grade, and the standing grade the article
    mentions is the prior; so when the council's news is a visit, the kept grade is the prior only."""
    for f in facts:
        if not f.repeat or f.reading != "current":
            continue
        hits = type_hits.get(f.council, [])
        if is_visited(hits) or (lede_visits and "full" not in {k for k, _ in hits}):
            f.reading = "prior"


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


def standing_grade_of_a_visit(draft: Draft, hits: list[tuple[str, Span]], index: list[int],
                              own: list[Fact] = ()) -> None:
    """GUIDE: for a monitoring or focused visit, the standing grade the article mentions is the prior
    grade and the grade stays null. When the first inspection type the lede gives this council is such
    a visit, a current overall grade that fits it ("Torbay, rated inadequate in January, has had its
    second monitoring visit") is the standing one, and the year it is written with is the prior year."""
    if draft.grade is None or draft.judgements or draft.prior_grade is not None:
        return
    lede = [(kind, span) for kind, span in hits if index[span.start] < LEDE_SENTENCES and kind != "inspection"]
    if not lede or lede[0][0] not in VISIT_STANDING or draft.grade not in VISIT_STANDING[lede[0][0]]:
        return
    draft.prior_grade, draft.prior_span = draft.grade, draft.grade_span
    dated = [f for f in own if f.span == draft.grade_span and f.when is not None
             and date_role(f.when_span) != "publication"]  # "the report Ofsted published in February"
    if dated and draft.prior_year is None:
        draft.prior_year, draft.prior_year_span = dated[0].when.year, dated[0].when_span
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
