"""spaCy components of the annotate stage, each registered with `@Language.factory`.

Importing this package registers the factories and the custom attributes:

Span._.ofsted_reading   how a grade mention reads: "current", "prior", "repeat"
                        (current and prior), "negated", "hypothetical",
                        "other_body", "descriptive"
Span._.ofsted_modifiers the (category, trigger text) pairs that reached the span
Span._.ofsted_statistical  True when a statistical cue shares the sentence
Span._.ofsted_date      the `DateMention` behind a span in doc.spans["ofsted_date"]
Doc._.ofsted_context_graph  every (trigger, category, target) edge, for debugging
Doc._.ofsted_rule_data  the pipeline's frameworks, gazetteer, date-role lexicons and
                        confidence weights (ofsted_extract.ruledata.RuleData)
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def register_extensions() -> None:
    """Register the `ofsted_*` attributes once (immutable defaults)."""
    span_defaults = {
        "ofsted_reading": "current",
        "ofsted_modifiers": (),
        "ofsted_statistical": False,
        "ofsted_date": None,
    }
    for name, default in span_defaults.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("ofsted_context_graph"):
        Doc.set_extension("ofsted_context_graph", default=())
    if not Doc.has_extension("ofsted_rule_data"):
        Doc.set_extension("ofsted_rule_data", default=None)


register_extensions()

from . import (context, council_case, dates, fallback_ner, grade_filter, rule_data,  # noqa: E402,F401  (factories)
               sentences)
