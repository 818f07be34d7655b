"""Sentence boundaries from punctuation and line breaks, without a parser.

Articles as published are full of headlines, bylines, bullet lists and
"Area – Grade" lines that have no final full stop; a line break therefore
always ends a sentence. Within a line, `.`, `!` or `?` end one when the next
word starts like a sentence (capital, digit or quote), except after a short
list of abbreviations ("St. Helens", "Mr.").
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = frozenset({"st", "mr", "mrs", "ms", "dr", "cllr", "no", "prof", "rev", "sr", "jr", "co", "inc", "ltd",
                           "vs", "v", "etc", "e.g", "i.e", "approx", "dept", "govt", "gov"})
_FINAL = frozenset({".", "!", "?"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]"})


def sentence_starts(doc: Doc) -> list[bool]:
    """One flag per token: does a sentence start here?"""
    starts = [False] * len(doc)
    if not len(doc):
        return starts
    starts[0] = True
    after_break = False
    for i, token in enumerate(doc):
        if after_break and not token.is_space:
            starts[i] = True
            after_break = False
        if token.is_space:
            if "\n" in token.text:
                after_break = True
            continue
        if "\n" in token.whitespace_:
            after_break = True
            continue
        if token.text in _FINAL and i + 1 < len(doc):
            prev = doc[i - 1].lower_ if i else ""
            if token.text == "." and prev in ABBREVIATIONS:
                continue
            j = i + 1
            while j < len(doc) and doc[j].text in _CLOSERS:
                j += 1
            if j < len(doc):
                nxt = doc[j]
                if nxt.is_space or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "\"'“‘•(-–":
                    if not nxt.is_space:
                        starts[j] = True
    return starts


@Language.factory("ofsted_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> "LineSentencizer":
    return LineSentencizer()


class LineSentencizer:
    """Set `is_sent_start` from `sentence_starts`, all tokens at once: the `Token.is_sent_start`
    setter scans the whole document for a parse on each call, which made this quadratic."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            flags = numpy.array([1 if start else -1 for start in sentence_starts(doc)], dtype=numpy.int64)
            doc.from_array([SENT_START], flags.astype(numpy.uint64))
        return doc
