"""Load and check the rule files in patterns/ (and a user's `--patterns DIR`).

Pattern files are data only: each line is parsed as JSON and checked against a
pydantic schema with `extra="forbid"`, so a malformed or malicious file is
rejected with its file and line and can never execute anything. Every loader
returns plain dicts/models ready for spaCy's rulers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PatternsError
from .models import AREAS, GRADES, INSPECTION_TYPES

#: A spaCy token pattern: a list of token-attribute dicts.
TokenPattern = list[dict[str, Any]]

SPAN_LABELS = {
    "GRADE": set(GRADES),
    "GRADE_ANNUAL": set(GRADES),
    "AREA": set(AREAS) | {"looked_after", "overall"},
    "ITYPE": set(INSPECTION_TYPES) | {"visit", "inspection"},
}
CUE_LABELS = {"RATE_BEFORE", "RATE_AFTER", "HEDGE", "GRADE_FOLLOWER", "AREA_REF", "INSPECT_CUE", "PUBLISH_CUE",
              "SERVICE_CUE", "AREA_FORWARD", "AREA_CONTINUE"}
CONTEXT_CATEGORIES = ("PRIOR", "REPEAT", "NEGATED", "HYPOTHETICAL", "STATISTICAL", "OTHER_BODY",
                      "DESCRIPTIVE", "TERMINATE")
DIRECTIONS = ("forward", "backward", "bidirectional", "terminate")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpanPattern(_Strict):
    """One SpanRuler/EntityRuler line: a phrase (string) or a token pattern."""

    label: str = Field(min_length=1)
    pattern: str | TokenPattern
    id: str | None = None

    @field_validator("pattern")
    @classmethod
    def _not_empty(cls, value: str | TokenPattern) -> str | TokenPattern:
        if not value or (isinstance(value, str) and not value.strip()):
            raise ValueError("empty pattern")
        return value


class ContextRule(_Strict):
    """A ConText-style modifier: a trigger phrase, what it means, and which way it reaches."""

    literal: str = Field(min_length=1)
    category: Literal[CONTEXT_CATEGORIES]  # type: ignore[valid-type]
    direction: Literal[DIRECTIONS]  # type: ignore[valid-type]
    pattern: TokenPattern | None = None
    max_scope: int | None = Field(default=None, ge=1, le=100)
    terminated_by: tuple[str, ...] = ()


class Framework(_Strict):
    """One inspection era: its dates, default inspection type and area vocabulary."""

    framework: str
    label: str
    from_: str = Field(alias="from", pattern=r"^\d{4}-\d{2}$")
    to: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    inspection_type: Literal[INSPECTION_TYPES]  # type: ignore[valid-type]
    has_overall_grade: bool
    area_aliases: dict[str, Literal[AREAS]] = Field(default_factory=dict)  # type: ignore[valid-type]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """Parse a JSONL file into (line number, value) pairs; blank lines are skipped."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternsError(f"{path}: cannot read pattern file ({exc})") from exc
    rows = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise PatternsError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    return rows


def _validated(path: Path, model: type[BaseModel]) -> list[Any]:
    items = []
    for number, value in read_jsonl(path):
        try:
            items.append(model.model_validate(value))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise PatternsError(f"{path}:{number}: {where}: {first['msg']}") from exc
    return items


def load_span_patterns(path: Path, allowed: dict[str, set[str]] | None = None) -> list[dict[str, Any]]:
    """Load ruler patterns; with `allowed`, labels and ids must come from it (label -> ids)."""
    patterns = _validated(path, SpanPattern)
    rows = []
    for number, item in enumerate(patterns, 1):
        if allowed is not None:
            if item.label not in allowed:
                raise PatternsError(f"{path}: pattern {number}: unknown label {item.label!r}; "
                                    f"expected one of {sorted(allowed)}")
            ids = allowed[item.label]
            if ids and item.id not in ids:
                raise PatternsError(f"{path}: pattern {number}: id {item.id!r} is not one of {sorted(ids)}")
        rows.append(item.model_dump(exclude_none=True))
    return rows


def load_context_rules(path: Path) -> list[ContextRule]:
    return _validated(path, ContextRule)


def load_frameworks(path: Path) -> list[Framework]:
    return _validated(path, Framework)
