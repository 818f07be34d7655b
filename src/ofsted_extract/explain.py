"""`ofsted-extract explain`: what the annotate stage saw in one article, sentence by sentence.

For tracing a missed or extra fact (see `evaluate --errors`) to the rule in
patterns/ that made it: each sentence with the councils, grades (with their
reading, or why they were rejected), areas, types, dates and context triggers
found in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

#: The span groups shown, in the order they are listed within a sentence.
SPAN_KEYS = ("ofsted_grade", "ofsted_grade_rejected", "ofsted_area", "ofsted_type", "ofsted_date",
             "ofsted_modifier")
#: How much of a long sentence is shown.
SENTENCE_CHARS = 110


def mark(key: str, span: Span) -> str:
    """One found thing, written as KIND[words…]."""
    if key == "ofsted_grade":
        statistical = "/stat" if span._.ofsted_statistical else ""
        return f"GRADE[{span.text}={span.id_}:{span._.ofsted_reading}{statistical}]"
    if key == "ofsted_grade_rejected":
        return f"no-grade[{span.text}:{span.kb_id_}]"
    if key == "ofsted_date":
        return f"DATE[{span.text}:{span._.ofsted_date.kind}]"
    return f"{span.label_}[{span.text}{'=' + span.id_ if span.id_ else ''}]"


def explain_lines(doc: Doc, show_all: bool = False) -> Iterator[str]:
    """Two lines per sentence with findings (every sentence with `show_all`): number and text, then marks."""
    for number, sent in enumerate(doc.sents):
        marks = [f"COUNCIL[{ent.text}|{ent.ent_id_}]" for ent in sent.ents]
        for key in SPAN_KEYS:
            marks += [mark(key, span) for span in doc.spans.get(key, []) if sent.start <= span.start < sent.end]
        if marks or show_all:
            yield f"{number:3d} {sent.text.strip()[:SENTENCE_CHARS]!r}"
            yield "      " + " ".join(marks)
