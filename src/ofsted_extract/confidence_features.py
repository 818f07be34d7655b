"""What a draft record rests on, as numbers a fitted model can weigh.

Every feature describes how the record was found (how much names and agrees
with it, which judgement areas it left out, what kind of rating it is), never
which article it came from: weights fitted on some outlets must carry over to
articles nobody has seen. The names here are the vocabulary of
`patterns/confidence.jsonl`; `scripts/calibrate.py` fits their weights.

These are the features that improved held-out log loss when added one at a
time on dev split by outlet (README, Confidence); others tried (the form of
the council's name, a rating verb in the grade's sentence, the fact's place in
the article, the era) did not carry over from one set of outlets to the other.
"""

from __future__ import annotations

import math
from bisect import bisect_right

from spacy.tokens import Doc, Span

from .drafts import ArticleContext, Draft
from .components.fallback_ner import FALLBACK_KEY, council_name
from .gazetteer import Gazetteer

#: Each feature with what it measures (the order the weights file lists them in).
FEATURES: dict[str, str] = {
    "bias": "always 1",
    "council_mentions": "log2(1 + times the council is named)",
    "grade_by_reference": "graded, but no grade is written next to the council's name ('the council', 'it')",
    "conflict": "the article gives the council more than one current overall grade",
    "judgements_few": "one or two judgement areas: often the start of a longer list",
    "judgements_without_grade": "judgements but no overall grade",
    "areas_unclaimed": "log2(1 + areas graded near the record (anywhere, if it is the only council) "
                       "that it has no judgement for)",
    "type_annual": "an annual performance rating (one grade, no areas)",
    "no_article_date": "the article's own date is unknown (page furniture the reader did not parse)",
}

#: an area span's id that stands for either era's name of the same judgement
AREA_EQUIVALENTS = {"looked_after": {"children_in_care", "looked_after_children"},
                    "children_in_care": {"children_in_care", "looked_after_children"},
                    "looked_after_children": {"children_in_care", "looked_after_children"}}
_MEMO = "ofsted_confidence_memo"


def _memo(doc: Doc) -> dict:
    return doc.user_data.setdefault(_MEMO, {})


def _sentence_number(span: Span) -> int:
    """The number of the sentence a span starts in (sentence starts found once per document)."""
    memo = _memo(span.doc)
    if "starts" not in memo:
        memo["starts"] = [s.start for s in span.doc.sents]
    return max(0, bisect_right(memo["starts"], span.start) - 1)


def _named(doc: Doc, gazetteer: Gazetteer) -> dict[str, list[Span]]:
    """Every mention of each council, gazetteer and fallback alike (once per document)."""
    memo = _memo(doc)
    if "named" not in memo:
        named: dict[str, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ == "COUNCIL":
                for name in gazetteer.names_for_id(ent.ent_id_) or [ent.text]:
                    named.setdefault(name, []).append(ent)
        for span in doc.spans.get(FALLBACK_KEY, []):
            named.setdefault(council_name(span.text), []).append(span)
        memo["named"] = named
    return memo["named"]


def _graded_areas(doc: Doc) -> dict[int, set[str]]:
    """Per sentence that carries a grade read as news (not a statistic), the judgement areas it names."""
    memo = _memo(doc)
    if "graded_areas" not in memo:
        graded = {_sentence_number(g) for g in doc.spans.get("ofsted_grade", [])
                  if g._.ofsted_reading in ("current", "repeat") and not g._.ofsted_statistical}
        found: dict[int, set[str]] = {}
        for area in doc.spans.get("ofsted_area", []):
            n = _sentence_number(area)
            if area.id_ != "overall" and n in graded:
                found.setdefault(n, set()).add(area.id_)
        memo["graded_areas"] = found
    return memo["graded_areas"]


def _areas_near(draft: Draft, doc: Doc, mentions: list[Span], alone: bool) -> set[str]:
    """Areas graded in the record's own sentences (where it is named or graded, and the two after);
    in an article about one council, anywhere."""
    by_sentence = _graded_areas(doc)
    if alone:
        return set().union(*by_sentence.values())
    spans = [*mentions, *(s for _, s in draft.judgements.values())]
    if draft.grade_span is not None:
        spans.append(draft.grade_span)
    own = {_sentence_number(s) + k for s in spans for k in range(3)}
    return set().union(*(by_sentence[n] for n in own if n in by_sentence))


def _unclaimed(areas: set[str], judged: set[str]) -> int:
    return sum(1 for a in areas if not (AREA_EQUIVALENTS.get(a, {a}) & judged))


def _log2p(n: int) -> float:
    return math.log2(1 + max(0, n))


def draft_features(draft: Draft, doc: Doc, ctx: ArticleContext, gazetteer: Gazetteer) -> dict[str, float]:
    """The features of one draft, each named in FEATURES (binary ones are 0.0 or 1.0)."""
    named = _named(doc, gazetteer)
    mentions = named.get(draft.council, [draft.council_span])
    graded = draft.grade is not None or bool(draft.judgements)
    areas = _areas_near(draft, doc, mentions, alone=len(named) <= 1)
    values = {
        "bias": 1.0,
        "council_mentions": _log2p(len(mentions)),
        "grade_by_reference": graded and not draft.explicit_grade,
        "conflict": draft.conflict,
        "judgements_few": 0 < len(draft.judgements) < 3,
        "judgements_without_grade": bool(draft.judgements) and draft.grade is None,
        "areas_unclaimed": _log2p(_unclaimed(areas, set(draft.judgements))),
        "type_annual": draft.inspection_type == "annual_rating",
        "no_article_date": ctx.article_date is None,
    }
    return {name: float(values[name]) for name in FEATURES}
