"""Councils the gazetteer does not know, from en_core_web_sm's statistical NER.

The gazetteer lists every English children's-services authority since 2008,
so the statistical model is needed only for a body it lacks (a council
created after the table was made, say). Running the NER over whole articles
would cost most of the run time, so it runs only on sentences that carry an
inspection cue and a capitalised council word ("Council", "Borough") outside
any gazetteer match, with a word before it that could name an authority (the
model is not loaded for "Council leaders said..."). Its ORG/GPE spans ending in such a word go to
doc.spans["ofsted_council_fallback"]; records built from them carry
`ons_code: null`.

The model is loaded on first use, with every component but `ner` excluded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

FALLBACK_KEY = "ofsted_council_fallback"
COUNCIL_WORDS = frozenset({"Council", "Borough", "Corporation"})
PREFIXES = ("London Borough of ", "Royal Borough of ", "City of ", "Borough of ", "Council of the ")
SUFFIXES = (" Metropolitan Borough Council", " Metropolitan District Council", " County Council", " City Council",
            " Borough Council", " District Council", " Council")


GENERIC_WORDS = frozenset({"the", "royal", "borough", "city", "county", "council", "london", "metropolitan", "district",
                           "unitary", "authority", "local", "of", "corporation", "town", "parish"})


def names_an_authority(name: str) -> bool:
    """'the Royal Borough' names no single authority; 'East Surrey' might."""
    return any(word.lower() not in GENERIC_WORDS for word in name.split())


def council_name(text: str) -> str:
    """'East Surrey Council' -> 'East Surrey'; the name a record would carry."""
    name = text.strip()
    for prefix in PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.strip()


def candidate_sentences(doc: Doc) -> list[Span]:
    """Sentences with an inspection cue where the NER could find a council the gazetteer did not cover."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    cues = sorted(s.start for key in ("ofsted_grade", "ofsted_type") for s in doc.spans.get(key, []))
    out = []
    for sent in doc.sents:
        first_cue = bisect_left(cues, sent.start)
        if first_cue == len(cues) or cues[first_cue] >= sent.end:
            continue
        if any(could_end_a_council(doc, k, sent.start, covered) for k in range(sent.start, sent.end)):
            out.append(sent)
    return out


def could_end_a_council(doc: Doc, k: int, sent_start: int, covered: set[int]) -> bool:
    """Could an entity ending at token k pass `FallbackNER`'s checks? Only if k is a council word
    outside every gazetteer match, with a word before it in the same uncovered stretch that is
    not generic (or not a whole word): otherwise `names_an_authority` rejects whatever the NER finds."""
    if doc[k].text not in COUNCIL_WORDS or k in covered:
        return False
    for j in range(k - 1, sent_start - 1, -1):
        if j in covered:
            return False
        token = doc[j]
        if not token.is_space and (token.lower_ not in GENERIC_WORDS or not token.whitespace_):
            return True
    return False


@cache
def _load_ner(model: str) -> Language:
    import spacy

    keep_only_ner = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    return spacy.load(model, exclude=keep_only_ner)


@Language.factory("ofsted_fallback_ner", assigns=["doc.spans"], default_config={"model": None})
def make_fallback_ner(nlp: Language, name: str, *, model: str | None) -> "FallbackNER":
    return FallbackNER(model)


class FallbackNER:
    """Run the statistical NER on the few sentences that may name an unknown council."""

    def __init__(self, model: str | None, loader: Callable[[str], Language] = _load_ner) -> None:
        self.model = model
        self.loader = loader

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        sentences = candidate_sentences(doc) if self.model else []
        if sentences:
            ner = self.loader(self.model)
            covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            with ner.memory_zone():  # the model's own vocabulary would otherwise grow with every sentence
                for sent in sentences:
                    for ent in ner(sent.text).ents:
                        if ent.label_ not in ("ORG", "GPE") or ent[-1].text not in COUNCIL_WORDS:
                            continue
                        span = doc.char_span(sent.start_char + ent.start_char, sent.start_char + ent.end_char,
                                             label="COUNCIL_FALLBACK", alignment_mode="contract")
                        if span is None or any(i in covered for i in range(span.start, span.end)):
                            continue
                        if names_an_authority(council_name(span.text)):
                            found.append(span)
        doc.spans[FALLBACK_KEY] = found
        return doc
