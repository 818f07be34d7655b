"""The validated record: the one boundary between spaCy objects and the outside world.

Everything the CLI, the library API and the tests see is an `InspectionRecord`.
Vocabularies are closed (`Literal`), dates carry their precision in their
shape (YYYY, YYYY-MM or YYYY-MM-DD), and evidence offsets must agree with the
text they quote, so an invalid record cannot be constructed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .display import printable

Grade = Literal[
    "outstanding",
    "good",
    "requires_improvement",
    "inadequate",
    "adequate",
    "excellent",
    "performs_well",
    "performs_poorly",
]
GRADES: tuple[str, ...] = Grade.__args__  # type: ignore[attr-defined]

Area = Literal[
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
    "safeguarding",
    "looked_after_children",
    "fostering",
]
AREAS: tuple[str, ...] = Area.__args__  # type: ignore[attr-defined]

InspectionType = Literal["full", "monitoring", "focused", "jtai", "annual_rating", "other"]
INSPECTION_TYPES: tuple[str, ...] = InspectionType.__args__  # type: ignore[attr-defined]

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: The record fields in output order (also the CSV column order before the per-area columns).
RECORD_FIELDS: tuple[str, ...] = (
    "source",
    "council",
    "ons_code",
    "inspection_type",
    "grade",
    "judgements",
    "inspection_date",
    "published_date",
    "prior_grade",
    "prior_judgements",
    "prior_year",
    "article_date",
    "confidence",
    "evidence",
)


def check_partial_date(value: str | None) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    if value is None:
        return None
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {value!r}")
    parts = [int(p) for p in value.split("-")]
    date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return value


class Evidence(BaseModel):
    """Where in the input a field's value comes from.

    `text` is exactly `input[start:end]` and `sentence` exactly
    `input[sentence_start:sentence_end]`. A value taken from outside the text
    (an HTML page's metadata) has `origin` set and no offsets. A value inferred
    rather than read (a graded inspection is a full one) has origin `inferred`
    and points at the words the inference rests on.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    sentence: str | None = None
    sentence_start: int | None = Field(default=None, ge=0)
    sentence_end: int | None = Field(default=None, ge=0)
    origin: Literal["text", "inferred", "html-metadata"] = "text"

    @model_validator(mode="after")
    def _offsets_agree(self) -> "Evidence":
        if self.origin in ("text", "inferred"):
            if self.start is None or self.end is None or self.start > self.end:
                raise ValueError("text evidence needs start <= end")
            if len(self.text) != self.end - self.start:
                raise ValueError("evidence text length disagrees with its offsets")
            if self.sentence is not None:
                if self.sentence_start is None or self.sentence_end is None:
                    raise ValueError("a sentence needs its offsets")
                if not (self.sentence_start <= self.start and self.end <= self.sentence_end):
                    raise ValueError("evidence lies outside its sentence")
        return self


class InspectionRecord(BaseModel):
    """One council's inspection event as an article reports it (see GUIDE.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    council: str = Field(min_length=1)
    ons_code: str | None = Field(default=None, pattern=r"^E\d{8}$")
    inspection_type: InspectionType | None = None
    grade: Grade | None = None
    judgements: dict[Area, Grade] = Field(default_factory=dict)
    inspection_date: str | None = None
    published_date: str | None = None
    prior_grade: Grade | None = None
    prior_judgements: dict[Area, Grade] = Field(default_factory=dict)
    prior_year: int | None = Field(default=None, ge=1990, le=2100)
    article_date: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: dict[str, Evidence] = Field(default_factory=dict)

    @field_validator("source")
    @classmethod
    def _source_is_printable(cls, value: str) -> str:
        """A path's bytes that are not UTF-8 become \\xNN, so a record always writes as UTF-8 JSON."""
        return printable(value)

    @field_validator("inspection_date", "published_date", "article_date")
    @classmethod
    def _dates_are_partial_iso(cls, value: str | None) -> str | None:
        return check_partial_date(value)

    @model_validator(mode="after")
    def _evidence_names_filled_fields(self) -> "InspectionRecord":
        known = {"council", "ons_code", "inspection_type", "grade", "inspection_date",
                 "published_date", "prior_grade", "prior_year", "article_date"}
        for key in self.evidence:
            head, _, area = key.partition(".")
            if head in ("judgements", "prior_judgements"):
                if area not in getattr(self, head):
                    raise ValueError(f"evidence for {key}, which has no value")
            elif head not in known:
                raise ValueError(f"evidence for unknown field {key!r}")
            elif getattr(self, head) is None:
                raise ValueError(f"evidence for {key}, which has no value")
        return self

    def to_json_dict(self) -> dict:
        """Plain JSON-ready dict in the documented field order."""
        data = self.model_dump(mode="json", exclude_none=False)
        return {name: data[name] for name in RECORD_FIELDS}
