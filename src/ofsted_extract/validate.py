"""The validate stage: drafts become `InspectionRecord`s, with evidence, GSS code and confidence.

This is the one place where spaCy spans turn into plain character offsets
(text plus offsets into the input), so everything downstream sees only
validated records.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .drafts import ArticleContext, Draft, news_year
from .confidence_features import draft_features
from .gazetteer import Gazetteer
from .layout import Layout
from .models import Evidence, InspectionRecord
from .ruledata import rule_data

#: The years a previous inspection can have (the bounds of `InspectionRecord.prior_year`): a year
#: reckoned outside them ("last year" in a piece dated 1989) names no Ofsted inspection and is left out.
PRIOR_YEARS = range(1990, 2101)


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per document: spaCy rebuilds it from every token on each access,
    which made evidence (a few lookups per field) cost more than the whole annotate stage."""
    if "ofsted_text" not in doc.user_data:
        doc.user_data["ofsted_text"] = doc.text
    return doc.user_data["ofsted_text"]


def sentence_bounds(span: Span) -> tuple[int, int]:
    """The sentence around a span, without the line breaks and spaces that close it."""
    sent = span.sent
    start, end = sent.start_char, sent.end_char
    text = doc_text(span.doc)
    while end > max(start, span.end_char) and text[end - 1].isspace():
        end -= 1
    while start < min(end, span.start_char) and text[start].isspace():
        start += 1
    return start, end


def evidence_for(span: Span) -> Evidence:
    start, end = sentence_bounds(span)
    return Evidence(text=span.text, start=span.start_char, end=span.end_char, sentence=doc_text(span.doc)[start:end],
                    sentence_start=start, sentence_end=end)


def text_evidence(doc: Doc, start: int, end: int) -> Evidence:
    span = doc.char_span(start, end, alignment_mode="expand")
    text = doc_text(doc)
    if span is None:
        return Evidence(text=text[start:end], start=start, end=end)
    s_start, s_end = sentence_bounds(span)
    s_start, s_end = min(s_start, start), max(s_end, end)
    return Evidence(text=text[start:end], start=start, end=end, sentence=text[s_start:s_end],
                    sentence_start=s_start, sentence_end=s_end)


#: Where to_record leaves each record's features (council -> features), for scripts/calibrate.py.
FEATURES_KEY = "ofsted_confidence_features"


def in_original(evidence: Evidence, layout: Layout | None) -> Evidence:
    """Evidence found in the normalised text, re-pointed at the text the user gave (see layout.py),
    so that `text` is always `input[start:end]` of the input itself."""
    if layout is None or layout.starts is None or evidence.start is None or evidence.end is None:
        return evidence
    start, end = layout.span(evidence.start, evidence.end)
    update: dict[str, object] = {"text": layout.original[start:end], "start": start, "end": end}
    if evidence.sentence_start is not None and evidence.sentence_end is not None:
        s_start, s_end = layout.span(evidence.sentence_start, evidence.sentence_end)
        update |= {"sentence": layout.original[s_start:s_end], "sentence_start": s_start, "sentence_end": s_end}
    return Evidence.model_validate(evidence.model_dump() | update)


def confidence(draft: Draft, doc: Doc, ctx: ArticleContext, gazetteer: Gazetteer) -> float:
    """How much a reader should trust the record: the fitted model over what supports it (README, Confidence).

    The features are kept on the doc, so calibration sees exactly what the model saw. The weights are the
    pipeline's (`rule_data(doc).confidence`: the shipped ones, or a user's `confidence.jsonl`).
    """
    features = draft_features(draft, doc, ctx, gazetteer)
    doc.user_data.setdefault(FEATURES_KEY, {})[draft.council] = features
    return rule_data(doc).confidence.confidence(features)


def to_record(draft: Draft, doc: Doc, ctx: ArticleContext, source: str, gazetteer: Gazetteer,
              metadata_date: str | None = None, layout: Layout | None = None) -> InspectionRecord:
    """The validated record for one draft; with `layout`, the doc read its normalised text and the
    evidence is mapped back to the original."""
    if draft.prior_year is not None and draft.prior_year not in PRIOR_YEARS:
        draft.prior_year, draft.prior_year_span = None, None
    evidence: dict[str, Evidence] = {"council": evidence_for(draft.council_span)}
    year = news_year(draft, ctx)
    ons_code = gazetteer.code_at(draft.council, year) if gazetteer.is_council(draft.council) else None
    if ons_code:
        evidence["ons_code"] = evidence_for(draft.council_span)
    pairs = {
        "inspection_type": draft.type_span,
        "grade": draft.grade_span if draft.grade else None,
        "prior_grade": draft.prior_span if draft.prior_grade else None,
        "prior_year": draft.prior_year_span if draft.prior_year else None,
        "inspection_date": draft.inspection_date_span if draft.inspection_date else None,
        "published_date": draft.published_date_span if draft.published_date else None,
    }
    for name, span in pairs.items():
        if span is not None:
            evidence[name] = evidence_for(span)
    if draft.inspection_type and draft.type_span is None:
        # no word names the kind: a graded inspection is a full one (or the era's kind), so the grade is
        # the evidence, marked as inferred
        basis = draft.grade_span or next((span for _, span in draft.judgements.values()), None)
        if basis is not None:
            evidence["inspection_type"] = evidence_for(basis).model_copy(update={"origin": "inferred"})
    for area, (_, span) in draft.judgements.items():
        evidence[f"judgements.{area}"] = evidence_for(span)
    for area, (_, span) in draft.prior_judgements.items():
        evidence[f"prior_judgements.{area}"] = evidence_for(span)
    article_date = ctx.article_date.isoformat() if ctx.article_date else None
    if article_date:
        if ctx.article_date_span:
            evidence["article_date"] = text_evidence(doc, *ctx.article_date_span)
        else:
            evidence["article_date"] = Evidence(text=metadata_date or article_date, origin="html-metadata")
    return InspectionRecord(
        source=source,
        council=draft.council,
        ons_code=ons_code,
        inspection_type=draft.inspection_type,
        grade=draft.grade,
        judgements={a: g for a, (g, _) in draft.judgements.items()},
        inspection_date=draft.inspection_date,
        published_date=draft.published_date,
        prior_grade=draft.prior_grade,
        prior_judgements={a: g for a, (g, _) in draft.prior_judgements.items()},
        prior_year=draft.prior_year,
        article_date=article_date,
        confidence=confidence(draft, doc, ctx, gazetteer),
        evidence={name: in_original(item, layout) for name, item in evidence.items()},
    )
