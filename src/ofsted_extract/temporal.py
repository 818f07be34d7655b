"""The role of a date, taken from the event word it attaches to, not from the nearest cue word.

A date in a sentence is said of one event: the inspection or visit, the report's publication, or an
earlier inspection. Which one is decided by the event word the date attaches to, the way a reader
parses "the last inspection of its services was in June 2018" or "since they were inspected in 2012":

* a date written before an event noun, after a determiner, premodifies it ("the 2019 inspection",
  "its March monitoring visit", "the 2010 annual review");
* otherwise a date attaches to the nearest event word before it in its clause ("visited ... in
  November 2023", "Report published: 27 March 2015", "last inspected, as a trust, in 2019"), or, when
  fronted, to the past visit of the when-clause after it ("In 2022, when inspectors last visited");
* a date listed after another ("in 2013 and again in 2019") shares that one's role, and a full date
  written beside "today" ("published today (Tuesday 8 July 2025)") takes today's place.

The event word's class (INSPECT_CUE or PUBLISH_CUE in cues.jsonl, or the rating nouns and "inspectors
were at" of the lexicon) gives the role; a history modifier on it ("last", "previous") or a clause
opened by "since"/"from" makes it the prior inspection. A date with no event word in reach has no
role here, and assemble's adjacency rules decide (the fallback tier). The lexicons are data:
patterns/date_roles.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .patternfiles import DATE_ROLE_LISTS, DateRoles

CUE_KEY = "ofsted_cue"
DATE_KEY = "ofsted_date"
EVENT_LABELS = {"INSPECT_CUE": "inspection", "PUBLISH_CUE": "publication"}
#: Event words that are no event by themselves: people, or a word too common to carry a date.
NOT_EVENTS = frozenset({"inspectors", "made", "spent", "held", "today", "yesterday", "look for", "receive",
                        "received", "to receive", "shared with"})
#: Words a date may stand in apposition to, taking their place in the clause.
APPOSED_TO = frozenset({"today", "yesterday"})


@dataclass(frozen=True)
class Lexicon:
    history_modifiers: frozenset[str]
    history_openers: frozenset[str]
    clause_breaks: frozenset[str]
    premodifier_heads: frozenset[str]
    not_events_before: frozenset[str]
    period_rated: frozenset[str]
    light_events: frozenset[str]
    strong_breaks: frozenset[str]
    date_prepositions: frozenset[str]
    coordinators: frozenset[str]
    when_openers: frozenset[str]
    extra_events: dict[str, str]
    report_nouns: frozenset[str]
    visitors: frozenset[str]
    presence_verbs: frozenset[str]
    date_history_openers: frozenset[str]
    other_events: frozenset[str]
    noun_coordinators: frozenset[str]
    attach_reach: int
    premodifier_reach: int
    modifier_reach: int


def load_lexicon(roles: DateRoles) -> Lexicon:
    """The lexicons of a checked date_roles.json (shipped, with a user's words added)."""
    return Lexicon(
        **{name: frozenset(getattr(roles, name)) for name in DATE_ROLE_LISTS},
        extra_events=dict(roles.extra_events),
        attach_reach=roles.attach_reach,
        premodifier_reach=roles.premodifier_reach,
        modifier_reach=roles.modifier_reach,
    )


def lexicon(doc: Doc) -> Lexicon:
    """The role lexicons of the pipeline that annotated `doc` (patterns/date_roles.json and a user's)."""
    from .ruledata import rule_data

    return rule_data(doc).lexicon


def event_distance(date: Span) -> int | None:
    """Tokens between a date and the event word it attaches to (0 for a premodified noun)."""
    if premodified_event(date) is not None:
        return 0
    event = attached_event(date)
    if event is None:
        return None
    return max(0, date.start - event.end, event.start - date.end)


def event_words(doc: Doc) -> dict[int, tuple[Span, str]]:
    """Each event word's first token -> (span, "inspection" | "publication"), once per document."""
    memo = doc.user_data.setdefault("ofsted_temporal_memo", {})
    if "events" not in memo:
        lex = lexicon(doc)
        found: dict[int, tuple[Span, str]] = {}
        for span in doc.spans.get(CUE_KEY, []):
            role = EVENT_LABELS.get(span.label_)
            if role is None or span.text.lower() in NOT_EVENTS:
                continue
            if span.end < len(doc) and doc[span.end].lower_ in lex.not_events_before:
                continue  # "the inspection framework started in 2013": no inspection
            for i in range(span.start, span.end):
                found.setdefault(i, (span, role))
        # the nouns of annual ratings and reviews date the period they rate (GUIDE ruling 8)
        for token in doc:
            role = lex.extra_events.get(token.lower_)
            if role is not None and token.i not in found:
                found[token.i] = (doc[token.i:token.i + 1], role)
        # inspectors being somewhere is the visit: "the inspectors, who were at the council in May"
        for token in doc:
            if token.lower_ not in lex.visitors:
                continue
            for k in range(token.i + 1, min(len(doc), token.i + 4)):
                if doc[k].lower_ in lex.presence_verbs:
                    found.setdefault(k, (doc[k:k + 1], "inspection"))
                    break
                if doc[k].lower_ not in (",", "who", "had", "have"):
                    break
        memo["events"] = found
    return memo["events"]


def _sentence_start(doc: Doc, i: int) -> int:
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i


def _sentence_end(doc: Doc, i: int) -> int:
    n = len(doc)
    i += 1
    while i < n and not doc[i].is_sent_start:
        i += 1
    return i


def premodified_event(date: Span) -> Span | None:
    """The event noun a date premodifies: "the 2019 inspection", "its June monitoring visit"."""
    doc = date.doc
    lex = lexicon(doc)
    before = doc[date.start - 1].lower_ if date.start > 0 else ""
    if before not in lex.premodifier_heads and not date.text.lower().endswith(("'s", "’s")):
        if not (date.end < len(doc) and doc[date.end].lower_ in ("'s", "’s")):
            return None
    events = event_words(doc)
    stop = min(_sentence_end(doc, date.start), date.end + lex.premodifier_reach + 1)
    for i in range(date.end, stop):
        if i in events:
            return events[i][0]
        if doc[i].lower_ in lex.clause_breaks or doc[i].is_punct and doc[i].lower_ not in ("'s", "’s", "-"):
            return None
    return None


def attached_event(date: Span) -> Span | None:
    """The event word a date attaches to: the one it premodifies, else the nearest before it in its
    clause."""
    premodified = premodified_event(date)
    if premodified is not None:
        return premodified
    doc = date.doc
    lex = lexicon(doc)
    events = event_words(doc)
    floor = max(_sentence_start(doc, date.start), date.start - lex.attach_reach)
    start = date.start
    apposed = start >= 2 and doc[start - 1].lower_ in ("(", ",") and doc[start - 2].lower_ in APPOSED_TO
    if apposed:
        start -= 1  # "published today (Friday, 19 February 2016)": the date is today's, in apposition
    if start >= 1 and doc[start - 1].lower_ == ":":
        start -= 1  # a key-value row: "Report published: 27 March 2015", "Inspection dates: 3-14 June"
    if start >= 2 and doc[start - 1].lower_ in lex.date_prepositions and doc[start - 2].lower_ == ",":
        start -= 2  # "when it was last inspected, in 2017": a parenthetical date still dates the verb
        skip_once = True  # and so does one after a short insertion: "last inspected, as a trust, in 2019"
    else:
        skip_once = False
    rated_period = date.start > 0 and doc[date.start - 1].lower_ in lex.period_rated
    in_noun_list = False
    for i in range(start - 1, floor - 1, -1):
        if i in events:
            event = events[i][0]
            if in_noun_list and event.text.lower() not in lex.extra_events:
                break  # past a coordinator only a rating noun's phrase reaches its period
            if event.label_ in EVENT_LABELS or event.text.lower() not in lex.extra_events or rated_period:
                return event
            # a rating noun dates only the period it rates ("the ratings for 2009", "the 2010 review"),
            # not a date that follows it ("a good rating since 2013")
            continue
        if doc[i].lower_ == "," and skip_once and start - i <= PARENTHETICAL_REACH:
            skip_once = False
            continue
        if rated_period and doc[i].lower_ in lex.noun_coordinators:
            # "the annual assessment of services for children and young people for 2009": the rating
            # noun's phrase runs across a list of nouns to the period it rates
            in_noun_list = True
            continue
        if doc[i].lower_ in lex.clause_breaks:
            break
    if apposed:
        after = _event_after_today(date)
        if after is not None:
            return after
    return _event_in_when_clause(date)


def _event_after_today(date: Span) -> Span | None:
    """A date in apposition to "today" written before the verb ("Ofsted today (Friday 21 July 2023)
    published its report"): it takes today's place in the clause, so it dates the event word just after
    the apposition."""
    doc = date.doc
    lex = lexicon(doc)
    events = event_words(doc)
    i = date.end
    while i < len(doc) and doc[i].lower_ in (")", ","):
        i += 1
    stop = min(_sentence_end(doc, date.start), i + lex.premodifier_reach + 1)
    for k in range(i, stop):
        if k in events and events[k][0].label_ in EVENT_LABELS:
            return events[k][0]
        if doc[k].lower_ in lex.clause_breaks:
            return None
    return None


#: The longest insertion (tokens) between a verb and its parenthetical date that is skipped.
PARENTHETICAL_REACH = 6


def _event_in_when_clause(date: Span) -> Span | None:
    """A fronted date followed by the clause it dates: "In 2022, when inspectors last visited, ..."."""
    doc = date.doc
    lex = lexicon(doc)
    events = event_words(doc)
    i = date.end
    if i < len(doc) and doc[i].lower_ == ",":
        i += 1
    if i >= len(doc) or doc[i].lower_ not in lex.when_openers:
        return None
    stop = min(_sentence_end(doc, date.start), i + lex.attach_reach)
    for k in range(i + 1, stop):
        if k in events:
            # only a past event is read this way ("in 2022, when inspectors had previously visited");
            # otherwise the adjacency rules decide
            return events[k][0] if _is_history(events[k][0]) else None
        if doc[k].lower_ in lex.clause_breaks:
            return None
    return None


def coordinated_with(date: Span) -> Span | None:
    """The date this one is listed after ("in 2013 and again in 2019", "in 2013, 2015 and 2017"), whose
    role it shares; None when it heads its own phrase."""
    doc = date.doc
    lex = lexicon(doc)
    dates = doc.spans.get(DATE_KEY, [])
    before = [d for d in dates if d.end <= date.start]
    if not before:
        return None
    previous = before[-1]
    if previous._.ofsted_date is None or date._.ofsted_date is None:
        return None
    if previous._.ofsted_date.kind != date._.ofsted_date.kind or date.text.lower() in APPOSED_TO:
        return None  # "in March and today the report is published": two events, not one list
    between = doc[previous.end:date.start]
    if len(between) == 0 or len(between) > 4 or any(t.lower_ not in lex.coordinators for t in between):
        return None
    return previous


def _subject_event(light: Span) -> Span | None:
    """The event a light verb reports ("the previous inspection, carried out by Ofsted, took place in
    2014"): the nearest event noun before it in the sentence, across commas and relative clauses. The
    light verb keeps its own role (one conducts an inspection); the subject only says if it is past."""
    doc = light.doc
    lex = lexicon(doc)
    events = event_words(doc)
    floor = max(_sentence_start(doc, light.start), light.start - 2 * lex.attach_reach)
    for i in range(light.start - 1, floor - 1, -1):
        if i in events and events[i][0].text.lower() not in lex.light_events:
            return events[i][0]
        if doc[i].lower_ in lex.strong_breaks:
            return None
    return None


def _is_history(event: Span) -> bool:
    """A past inspection: "last/previous inspection", "when it was last inspected", or an event word in
    a clause opened by "since" ("since they were inspected in 2012"). A light verb ("took place") is
    as past as the event it reports."""
    doc = event.doc
    lex = lexicon(doc)
    if event.text.lower() in lex.light_events:
        subject = _subject_event(event)
        if subject is not None and _is_history(subject):
            return True
    floor = max(_sentence_start(doc, event.start), event.start - lex.attach_reach)
    for k, i in enumerate(range(event.start - 1, floor - 1, -1)):
        word = doc[i].lower_
        if k < lex.modifier_reach and word in lex.history_modifiers:
            return True
        if word in lex.history_openers:
            return True
        if word in lex.clause_breaks:
            return False
    return any(t.lower_ in lex.history_modifiers for t in event)


def _dates_another_event(date: Span, event: Span | None) -> bool:
    """A word of another event (a council's formation, a trust's launch, a council that "replaced" the
    one before) written between the event word and the date, or before a date with no event word in
    the date's own clause, takes the date for itself: "X, which replaced Y County Council in 2020, ..."
    dates the reorganisation, whatever length the predecessor's name."""
    doc = date.doc
    lex = lexicon(doc)
    if event is not None and event.end <= date.start:
        start = event.end
    elif event is None:
        floor = max(_sentence_start(doc, date.start), date.start - lex.attach_reach)
        start = date.start
        while start > floor and doc[start - 1].lower_ not in lex.clause_breaks:
            start -= 1  # back to the clause's opening break
        start = min(start, max(floor, date.start - 4))
    else:
        return False
    words = " " + " ".join(t.lower_ for t in doc[start:date.start]) + " "
    return any(f" {w} " in words for w in lex.other_events)


def _history_opener(date: Span) -> int | None:
    """Where "since" opens the date ("since 2020", "since November 2013"), if it does."""
    doc = date.doc
    words = lexicon(doc).date_history_openers
    if doc[date.start].lower_ in words:
        return date.start
    if date.start > 0 and doc[date.start - 1].lower_ in words:
        return date.start - 1
    return None


def _possessive(date: Span) -> bool:
    """The date owns the noun after it ("since 2021's last full inspection"): it dates that noun."""
    return date.end < len(date.doc) and date.doc[date.end].lower_ in ("'s", "’s")


def _opened_by_history(date: Span) -> bool:
    """A date opened by "since" after a first event ("its first inspection since 2020", "inspected for
    the first time since May 2019") dates the event before the one reported."""
    at = _history_opener(date)
    if at is None:
        return False
    # only a first event since then ("visits that have taken place since 2016" is a run, not a prior)
    floor = max(_sentence_start(date.doc, at), at - 6)
    return any(t.lower_ == "first" for t in date.doc[floor:at])


def date_role(date: Span) -> str | None:
    """"inspection", "publication" or "prior" for a date attached to an event word, "other" for one
    said of another event ("since the council's formation in April"); None when the date attaches to
    none (the caller's adjacency rules decide then)."""
    memo = date.doc.user_data.setdefault("ofsted_temporal_memo", {})
    key = ("role", date.start, date.end)
    if key not in memo:
        head = coordinated_with(date)
        if head is not None:
            memo[key] = date_role(head)
            return memo[key]
        event = attached_event(date)
        if _dates_another_event(date, event):
            memo[key] = "other"  # "first inspection since the council's formation in April 2023"
        elif event is None:
            memo[key] = None
        elif _is_history(event) or _opened_by_history(date):
            memo[key] = "prior"
        elif _history_opener(date) is not None and event.end <= date.start and not _possessive(date):
            memo[key] = "other"  # "has inspected 47 councils since November 2013": a run's start, no visit
        elif date.start > 0 and date.doc[date.start - 1].lower_ in lexicon(date.doc).period_rated:
            memo[key] = "inspection"  # "the report for 2025", "ratings for 2009": the period rated
        else:
            memo[key] = (EVENT_LABELS.get(event.label_)
                         or lexicon(date.doc).extra_events.get(event.text.lower(), "inspection"))
    return memo[key]


def rates_period(date: Span) -> bool:
    """A year a rating noun names as the period it rates ("the annual ratings of children's services for
    2010"): it dates the rating however many words the noun's phrase takes."""
    return (date_role(date) == "inspection" and date.start > 0
            and date.doc[date.start - 1].lower_ in lexicon(date.doc).period_rated)


def reports_publication(date: Span) -> bool:
    """A date said of a report's coming out, with the report named ("Report published: 27 March 2015",
    "the judgement published today (Friday, 19 February 2016)"): the page's own date may be this too."""
    if date_role(date) != "publication":
        return False
    event = attached_event(date)
    if event is None:
        return False
    doc = date.doc
    if date.start >= 2 and doc[date.start - 1].lower_ in ("(", ",") and doc[date.start - 2].lower_ in APPOSED_TO:
        return True  # "which was published today (Monday 7 July 2025)"
    words = {t.lower_ for t in doc[max(0, event.start - 2):event.end]}
    return bool(words & lexicon(date.doc).report_nouns)


def apposed_date(date: Span) -> Span | None:
    """The explicit date written in apposition to "today"/"yesterday" ("published today (Tuesday
    12 August 2025)"), which says the day itself and so speaks for the relative word."""
    if date.text.lower() not in APPOSED_TO:
        return None
    doc = date.doc
    for other in doc.spans.get(DATE_KEY, []):
        if other.start <= date.end or other.start > date.end + 1:
            continue
        between = doc[date.end:other.start]
        if all(t.lower_ in ("(", ",") for t in between) and other._.ofsted_date is not None:
            return other
    return None
