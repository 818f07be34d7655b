"""Keep the grade words that are judgements and set aside the ordinary adjectives.

"Good", "outstanding" and "adequate" are everyday words: "good practice" and
"outstanding support" are not grades, while "rated 'good'", "its Good rating"
and "Adoption performance – Good" are. The cues that decide (rating verbs
before, rating nouns after, hedging adverbs, words that may follow a grade)
are data in patterns/cues.jsonl; this module only reads them.

Accepted spans stay in doc.spans["ofsted_grade"]; the rest move to
doc.spans["ofsted_grade_rejected"], each with the reason as its `kb_id_`, so
that a miss can be traced to its rule.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from .fallback_ner import GENERIC_WORDS

GRADE_KEY = "ofsted_grade"
REJECTED_KEY = "ofsted_grade_rejected"
CUE_KEY = "ofsted_cue"
AREA_KEY = "ofsted_area"
TYPE_KEY = "ofsted_type"

OPEN_QUOTES = frozenset({"'", '"', "‘", "“", "`", "''"})
CLOSE_QUOTES = frozenset({"'", '"', "’", "”", "''"})
ANNUAL_GRADES = frozenset({"excellent", "performs_well", "performs_poorly"})
#: Single words that are judgements whatever follows them.
INHERENT = frozenset({"failing"})
#: Function words (spaCy's English stop words) never head the noun an adjective describes, so a grade
#: followed by one is predicative ("rated adequate due to ...", "judged good overall by ..."); the few
#: stop words that are nouns or adjectives ("good part", "outstanding first step") are taken out.
NOUNISH_STOP_WORDS = frozenset({"amount", "back", "bottom", "call", "empty", "front", "full", "name", "part", "side",
                                "top", "serious", "whole", "first", "third", "next", "other", "same", "few",
                                "own", "several", "various", "many", "more", "most", "much", "enough", "least",
                                "less", "further", "former", "latter", "well", "used", "made", "show", "move"})
FUNCTION_WORDS = frozenset(STOP_WORDS) - NOUNISH_STOP_WORDS


def _cue_starts(doc: Doc, label: str) -> set[int]:
    return {s.start for s in doc.spans.get(CUE_KEY, []) if s.label_ == label}


def _cue_ends(doc: Doc, label: str) -> set[int]:
    return {s.end for s in doc.spans.get(CUE_KEY, []) if s.label_ == label}


def is_quoted(span: Span) -> bool:
    """The grade stands alone between quotes: 'good', “Requires Improvement”."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    if after.lower() == "overall" and span.end + 1 < len(doc):
        after = doc[span.end + 1].text
    return before in OPEN_QUOTES and after in CLOSE_QUOTES


def annual_context(doc: Doc) -> bool:
    """Does the article speak of the 2008-2011 annual ratings?"""
    return any(s.id_ == "annual_rating" for s in doc.spans.get(TYPE_KEY, [])) or any(
        s.id_ in ANNUAL_GRADES and len(s) > 1 for s in doc.spans.get(GRADE_KEY, []))


def rejection_reason(span: Span, cues: dict[str, set[int]], annual: bool) -> str | None:
    """None when the span reads as a grade; otherwise a short reason."""
    doc = span.doc
    sent_start = span.sent.start
    quoted = is_quoted(span)
    hedged = span.start in cues["HEDGE_END"] or (span.start - 1 in cues["HEDGE_END"] and doc[span.start - 1].text in OPEN_QUOTES)
    if span.label_ == "GRADE_ANNUAL":
        rated = any(i in cues["RATE_BEFORE_END"] for i in range(max(sent_start, span.start - 3), span.start + 1))
        if quoted or (annual and rated and not hedged):
            return None
        # "perform well" is the annual ratings' verb: a grade where the piece names those ratings
        if len(span) > 1 and not hedged and (rated or cues["ANNUAL_TYPE"]):
            return None
        return "annual-scale word outside the annual ratings"
    if hedged:
        return "hedged"
    if span.text.lower() in INHERENT and span.end < len(doc) and doc[span.end].lower_ == "to":
        return "verb ('failing to')"
    if len(span) > 1 or span.text.lower() in INHERENT:
        return None
    if quoted:
        return None
    nxt = span.end
    while nxt < len(doc) and doc[nxt].text in CLOSE_QUOTES:
        nxt += 1
    if nxt in cues["RATE_AFTER"]:
        return None
    if nxt < len(doc):
        token = doc[nxt]
        if (token.is_alpha and token.is_lower and not token.like_num and nxt not in cues["GRADE_FOLLOWER"]
                and token.lower_ not in FUNCTION_WORDS and nxt not in cues["AREA"] and nxt not in cues["GRADE"]):
            return "adjective before a noun"
    if any(i in cues["RATE_BEFORE_END"] for i in range(max(sent_start, span.start - 4), span.start + 1)):
        return None
    if _rated_object_before(span, sent_start, cues):
        return None
    if span.start > sent_start and span.text[:1].isupper() and doc[span.start - 1].text not in ("•", "-", "–"):
        return None
    if _ends_list_line(span, cues):
        return None
    return "no rating cue"


#: Words that may stand in a rating verb's object between council names ("Kent's children's services",
#: "Bolton, Bury and Wigan", "its services", "children's services at Barnet", "the local authority").
OBJECT_WORDS = frozenset({"'s", "’s", "'", "’", ",", "and", "in", "at", "of", "its", "their", "the", "it", "them",
                          "services", "service", "council", "authority", "department", "local"})
#: Nouns that refer to an authority without naming it ("rates the council good", "judged the local authority
#: inadequate"): an object headed by one is as definite as a name, and discourse resolves it later.
REFERENCE_NOUNS = frozenset({"council", "authority", "councils", "authorities"})
MAX_OBJECT = 15
#: An object that is a service with no owner named ("judging services good"): the sentence's council's.
SERVICE_NOUNS = frozenset({"services", "service"})


def _rated_object_before(span: Span, sent_start: int, cues: dict[str, set[int]]) -> bool:
    """'rated Kent's children's services good', 'judged Bolton, Bury and Wigan inadequate': a rating verb
    (RATE_OBJECT cue), then its object (councils, their services), then the grade."""
    doc = span.doc
    i = span.start - 1
    while i >= sent_start and doc[i].text in OPEN_QUOTES:
        i -= 1
    object_start = i + 1
    while i >= sent_start and object_start - i <= MAX_OBJECT and (
            i in cues["SERVICE"] or i in cues["COUNCIL"] or doc[i].lower_ in OBJECT_WORDS
            or _title_word(doc, i, cues["COUNCIL"])):
        i -= 1
    named = any(j in cues["COUNCIL"] or j in cues["SERVICE"] or doc[j].lower_ in REFERENCE_NOUNS
                for j in range(i + 1, object_start))
    if not named and any(doc[j].lower_ in SERVICE_NOUNS for j in range(i + 1, object_start)):
        # "inspected Shropshire Council ..., judging services good": the services of the council its
        # sentence has named before the verb
        named = any(j in cues["COUNCIL"] for j in range(sent_start, i + 1))
    return named and i + 1 in cues["RATE_OBJECT_END"]


def _title_word(doc: Doc, i: int, council: set[int]) -> bool:
    """A word of an authority's title ("London Borough of", "Royal Borough of"), which the council's
    possessive match ("Havering's children's services") may leave outside the entity. Capitalised, it is
    a title word anywhere in the object; in lower case ("london borough of merton's ...", as in headlines
    and social posts) only where a run of such words leads straight into the council's name."""
    if doc[i].lower_ not in GENERIC_WORDS:
        return False
    if not doc[i].is_lower:
        return True
    j = i + 1
    while j < len(doc) and j not in council and doc[j].lower_ in GENERIC_WORDS:
        j += 1
    return j in council


#: words that join a grade to an earlier one it is coordinated with
COORDINATORS = frozenset({"and", ",", "while", "whilst", "whereas", "but", "or", "with", "to"})
MAX_COORDINATION = 12
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})


def coordinated(first: Span, later: Span, cues: dict[str, set[int]]) -> bool:
    """'rated good for leadership and outstanding for adoption', 'X was rated good and Y outstanding',
    'rated A and B respectively': a bare grade coordinated with an accepted one in its sentence shares
    its rating verb. Only councils, areas, quotes and a coordinator may stand between them."""
    doc = later.doc
    if first.sent.start != later.sent.start or not 0 < later.start - first.end <= MAX_COORDINATION:
        return False
    between = doc[first.end:later.start]
    if not any(t.lower_ in COORDINATORS for t in between) or any(t.text in {";", ":", "."} for t in between):
        return False
    allowed = OPEN_QUOTES | CLOSE_QUOTES | COORDINATORS | OBJECT_WORDS | {"by", "ofsted", "overall", "for", "in"}
    return all(t.lower_ in allowed or t.like_num or t.lower_ in MONTHS or t.i in cues["COUNCIL"]
               or t.i in cues["AREA_TOKENS"] for t in between)


def _ends_list_line(span: Span, cues: dict[str, set[int]]) -> bool:
    """'Adoption performance – Good': a grade closing a line whose line (or the one before) names an area."""
    doc = span.doc
    end = span.end
    while end < len(doc) and doc[end].text in CLOSE_QUOTES | {".", ";"}:
        end += 1
    if end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text) and "\n" not in doc[end - 1].whitespace_:
        return False
    line_start = span.start
    breaks = 0
    while line_start > 0:
        prev = doc[line_start - 1]
        if (prev.is_space and "\n" in prev.text) or "\n" in prev.whitespace_:
            breaks += 1
            if breaks == 2:
                break
        line_start -= 1
    return any(line_start <= i < span.start for i in cues["AREA"])


@Language.factory("ofsted_grade_filter", assigns=["doc.spans"], requires=["doc.spans"])
def make_grade_filter(nlp: Language, name: str) -> "GradeFilter":
    return GradeFilter()


class GradeFilter:
    """Split grade-word matches into judgements and ordinary adjectives."""

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(GRADE_KEY, []))
        cues = {
            "HEDGE_END": _cue_ends(doc, "HEDGE"),
            "RATE_BEFORE_END": _cue_ends(doc, "RATE_BEFORE"),
            "RATE_OBJECT_END": _cue_ends(doc, "RATE_OBJECT"),
            "COUNCIL": {i for ent in doc.ents if ent.label_ == "COUNCIL" for i in range(ent.start, ent.end)},
            "SERVICE": {i for s in doc.spans.get(CUE_KEY, []) if s.label_ == "SERVICE_CUE" for i in range(s.start, s.end)},
            "RATE_AFTER": _cue_starts(doc, "RATE_AFTER"),
            "GRADE_FOLLOWER": _cue_starts(doc, "GRADE_FOLLOWER"),
            "AREA": {s.start for s in doc.spans.get(AREA_KEY, [])},
            "ANNUAL_TYPE": {s.start for s in doc.spans.get(TYPE_KEY, []) if s.id_ == "annual_rating"},
            "AREA_TOKENS": {i for s in doc.spans.get(AREA_KEY, []) for i in range(s.start, s.end)},
            "GRADE": {s.start for s in spans},
        }
        annual = annual_context(doc)
        reasons = [rejection_reason(span, cues, annual) for span in spans]
        for i, span in enumerate(spans):  # left to right, so "good, X outstanding and Y inadequate" chains
            if reasons[i] == "no rating cue" and any(
                    reasons[j] is None and coordinated(spans[j], span, cues) for j in range(i)):
                reasons[i] = None
        kept, rejected = [], []
        for span, reason in zip(spans, reasons):
            if reason is None:
                kept.append(span)
            else:
                rejected.append(Span(doc, span.start, span.end, label=span.label_, kb_id=reason, span_id=span.id_))
        doc.spans[GRADE_KEY] = kept
        doc.spans[REJECTED_KEY] = rejected
        return doc
