"""The pipeline's own data for the stages after it: `doc._.ofsted_rule_data` (see ofsted_extract.ruledata).

The first component of the pipeline. It loads the shipped frameworks,
authorities, date-role lexicons and confidence weights with a user's files of
those names (from `--patterns DIR`) once, when the pipeline is built, so a bad
file fails the build, and sets the same object on every Doc.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from ..ruledata import RuleData


@Language.factory(
    "ofsted_rule_data",
    assigns=["doc._.ofsted_rule_data"],
    default_config={"frameworks_paths": [], "authorities_paths": [], "date_roles_paths": [], "confidence_path": None},
)
def make_rule_data(nlp: Language, name: str, *, frameworks_paths: list[str], authorities_paths: list[str],
                   date_roles_paths: list[str], confidence_path: str | None) -> "RuleDataSetter":
    """The shipped data, with a user's files from `--patterns DIR` (their paths)."""
    from ..ruledata import load_rule_data

    return RuleDataSetter(load_rule_data(
        frameworks=[Path(p) for p in frameworks_paths], authorities=[Path(p) for p in authorities_paths],
        date_roles=[Path(p) for p in date_roles_paths], confidence=Path(confidence_path) if confidence_path else None,
    ))


class RuleDataSetter:
    """Put the pipeline's RuleData on each Doc."""

    def __init__(self, data: RuleData) -> None:
        self.data = data

    def __call__(self, doc: Doc) -> Doc:
        doc._.ofsted_rule_data = self.data
        return doc
