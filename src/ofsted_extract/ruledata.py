"""The data files read after annotation, carried by the pipeline that annotated a Doc.

Assembly and validation read four shipped files besides the rulers' patterns:
`frameworks.jsonl` (the inspection eras), `authorities.jsonl` (the gazetteer's
codes and years), `date_roles.json` (the date-role lexicons) and
`confidence.jsonl` (the confidence weights). A user's `--patterns DIR` may add
to the first three and replace the fourth, per pipeline: `build_pipeline`
loads them once into a `RuleData`, its first component (`ofsted_rule_data`)
puts that on every Doc as `doc._.ofsted_rule_data`, and the later stages read
it from the Doc with `rule_data(doc)`. Nothing is kept in module state but the
shipped files' own parse, so two pipelines with different folders never meet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from . import components  # noqa: F401  (registers Doc._.ofsted_rule_data)
from .gazetteer import AUTHORITIES_FILE, Gazetteer
from .patternfiles import Framework, load_date_roles, load_frameworks
from .resources import pattern_file
from .temporal import Lexicon, load_lexicon

if TYPE_CHECKING:
    from .confidence import ConfidenceModel

FRAMEWORKS_FILE = "frameworks.jsonl"
DATE_ROLES_FILE = "date_roles.json"
CONFIDENCE_FILE = "confidence.jsonl"
#: The files of a `--patterns DIR` this module reads (the others are the rulers', see annotate.py).
RULE_DATA_FILES = (FRAMEWORKS_FILE, AUTHORITIES_FILE, DATE_ROLES_FILE, CONFIDENCE_FILE)


@dataclass(frozen=True)
class RuleData:
    """What assembly and validation read besides the Doc's annotations."""

    frameworks: tuple[Framework, ...]
    gazetteer: Gazetteer
    lexicon: Lexicon
    confidence: ConfidenceModel


@cache
def _shipped_frameworks() -> tuple[Framework, ...]:
    return tuple(load_frameworks(pattern_file(FRAMEWORKS_FILE)))


@cache
def _shipped_lexicon() -> Lexicon:
    return load_lexicon(load_date_roles(pattern_file(DATE_ROLES_FILE)))


@cache
def shipped_rule_data() -> RuleData:
    """The shipped files' data, read once per process."""
    from .confidence import shipped_model

    return RuleData(_shipped_frameworks(), Gazetteer.load(), _shipped_lexicon(), shipped_model())


def load_rule_data(frameworks: Iterable[Path] = (), authorities: Iterable[Path] = (),
                   date_roles: Iterable[Path] = (), confidence: Path | None = None) -> RuleData:
    """The shipped data with a user's files: frameworks, authorities and date-role words added to the shipped
    ones, confidence weights instead of them (each file checked as strictly as the shipped one; the shipped
    weights are not read when a user's replace them)."""
    from .confidence import ConfidenceModel, shipped_model

    frameworks, authorities, date_roles = list(frameworks), list(authorities), list(date_roles)
    if not (frameworks or authorities or date_roles or confidence):
        return shipped_rule_data()
    return RuleData(
        frameworks=tuple(load_frameworks(pattern_file(FRAMEWORKS_FILE), frameworks)) if frameworks
        else _shipped_frameworks(),
        gazetteer=Gazetteer.from_files(pattern_file(AUTHORITIES_FILE), authorities) if authorities
        else Gazetteer.load(),
        lexicon=load_lexicon(load_date_roles(pattern_file(DATE_ROLES_FILE), date_roles)) if date_roles
        else _shipped_lexicon(),
        confidence=ConfidenceModel.from_file(confidence) if confidence else shipped_model(),
    )


def rule_data(doc: Doc) -> RuleData:
    """The data of the pipeline that annotated `doc` (the shipped data for a Doc made otherwise)."""
    return doc._.ofsted_rule_data or shipped_rule_data()
