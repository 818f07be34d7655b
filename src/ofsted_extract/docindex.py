"""Per-document indexes over an annotated Doc: span groups and sentence numbers, built once.

Annotation is finished when assembly starts, and the rules ask for the same
groups and sentences once per grade, date and council; these memos make that cheap.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

GRADE_KEY, AREA_KEY, TYPE_KEY, CUE_KEY, DATE_KEY, MODIFIER_KEY = (
    "ofsted_grade", "ofsted_area", "ofsted_type", "ofsted_cue", "ofsted_date", "ofsted_modifier")


def spans(doc: Doc, key: str, label: str | None = None) -> list[Span]:
    """The spans of one group (and label), built once per document: annotation is finished when
    assembly starts, and the rules ask for the same groups once per grade and per date."""
    memo = doc.user_data.setdefault("ofsted_assemble_memo", {})
    if (key, None) not in memo:  # iterating a span group makes every Span anew: once per group
        memo[(key, None)] = list(doc.spans.get(key, []))
    if (key, label) not in memo:
        memo[(key, label)] = [s for s in memo[(key, None)] if s.label_ == label]
    return memo[(key, label)]


def sentence_index(doc: Doc) -> tuple[list[Span], list[int]]:
    """The sentences, and for each token the number of its sentence (built once per document)."""
    memo = doc.user_data.setdefault("ofsted_assemble_memo", {})
    if "sentence_index" not in memo:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                index[i] = n
        memo["sentence_index"] = (sents, index)
    return memo["sentence_index"]


def same_sentence(a: Span, b: Span) -> bool:
    """True when two spans start in one sentence (by the per-document index: `Span.sent` walks the tokens)."""
    _, index = sentence_index(a.doc)
    return index[a.start] == index[b.start]


def sentence_of(span: Span) -> Span:
    """The sentence a span starts in, from the per-document index."""
    sents, index = sentence_index(span.doc)
    return sents[index[span.start]]
