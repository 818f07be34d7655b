"""Date phrases as spans: doc.spans["ofsted_date"], each with its `DateMention` in `_.ofsted_date`.

The grammar itself (finding "between 10 and 21 June", resolving "last month"
against the article's date) is the pure module `ofsted_extract.dates`; this
component only turns its character offsets into spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import dates

DATE_KEY = "ofsted_date"


@Language.factory("ofsted_dates", assigns=["doc.spans", "span._.ofsted_date"])
def make_dates(nlp: Language, name: str) -> "DateSpans":
    return DateSpans()


class DateSpans:
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for mention in dates.find_date_mentions(doc.text):
            span = doc.char_span(mention.start, mention.end, label="DATE", alignment_mode="expand")
            if span is not None:
                span._.ofsted_date = mention
                spans.append(span)
        doc.spans[DATE_KEY] = spans
        return doc
