"""Load and check the rule files in patterns/ (and a user's `--patterns DIR`).

Pattern files are data only: each line is parsed as JSON and checked against a
pydantic schema with `extra="forbid"`, so a malformed or malicious file is
rejected with its file and line and can never execute anything. Every loader
returns plain dicts/models ready for spaCy's rulers.
"""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PatternsError
from .models import AREAS, GRADES, INSPECTION_TYPES

#: A spaCy token pattern: a list of token-attribute dicts.
TokenPattern = list[dict[str, Any]]

SPAN_LABELS = {
    "GRADE": set(GRADES),
    "GRADE_ANNUAL": set(GRADES),
    "AREA": set(AREAS) | {"looked_after", "in_care_and_leavers", "overall"},
    "ITYPE": set(INSPECTION_TYPES) | {"visit", "inspection"},
}
CUE_LABELS = {"RATE_BEFORE", "RATE_OBJECT", "RATE_AFTER", "HEDGE", "GRADE_FOLLOWER", "AREA_REF", "INSPECT_CUE", "PUBLISH_CUE",
              "SERVICE_CUE", "AREA_FORWARD", "AREA_CONTINUE", "AREA_ALSO", "GROUP_REF", "PLACE_CUE"}
CONTEXT_CATEGORIES = ("PRIOR", "REPEAT", "STANDING", "NEGATED", "HYPOTHETICAL", "STATISTICAL", "OTHER_BODY",
                      "DESCRIPTIVE", "TERMINATE", "PSEUDO")
DIRECTIONS = ("forward", "backward", "bidirectional", "terminate")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _has_regex(value: Any) -> bool:
    if isinstance(value, dict):
        return "REGEX" in value or any(_has_regex(v) for v in value.values())
    return isinstance(value, list) and any(_has_regex(v) for v in value)


#: Token attributes that pin a token to given words; a `*` or `+` token with none of them is "open".
WORD_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA"})
#: Open `*`/`+` tokens allowed in one pattern. spaCy's Matcher tries every way of splitting the
#: tokens between stacked open wildcards: two of them took 8 s on a 1,000-token article, three ran
#: past five minutes, while one took 0.03 s.
MAX_OPEN_WILDCARDS = 1


def _is_open_wildcard(token: dict[str, Any]) -> bool:
    """A token repeated any number of times (`*`, `+`, or a range such as `{2,}` or `{0,9}`) that is not held
    to a list of words (`{"OP": "*"}`, `{"IS_ALPHA": true, "OP": "+"}`)."""
    op = token.get("OP")
    if not (op in ("*", "+") or (isinstance(op, str) and op.startswith("{"))):
        return False
    return not any(isinstance(token.get(attr), str) or (isinstance(token.get(attr), dict) and "IN" in token[attr])
                   for attr in WORD_ATTRS)


def check_token_pattern(value: TokenPattern) -> TokenPattern:
    """spaCy's own schema for a token pattern, no REGEX and no stacked open wildcards: either can take
    unbounded time on one article."""
    from spacy.schemas import validate_token_pattern  # lazy: spaCy is slow to import

    errors = validate_token_pattern(value)
    if errors:
        raise ValueError(f"invalid token pattern: {errors[0]}")
    if _has_regex(value):
        raise ValueError("REGEX is not allowed in pattern files (use a phrase, LOWER or IN)")
    open_wildcards = sum(1 for token in value if isinstance(token, dict) and _is_open_wildcard(token))
    if open_wildcards > MAX_OPEN_WILDCARDS:
        raise ValueError(f"{open_wildcards} open wildcard tokens (OP '*', '+' or a range without LOWER, ORTH, TEXT, NORM "
                         f"or LEMMA words) in one pattern; at most {MAX_OPEN_WILDCARDS} is allowed, since "
                         "stacked ones can take minutes on one article (list the words with IN)")
    return value


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
        return value if isinstance(value, str) else check_token_pattern(value)


class ContextRule(_Strict):
    """A ConText-style modifier: a trigger phrase, what it means, and which way it reaches."""

    literal: str = Field(min_length=1)
    category: Literal[CONTEXT_CATEGORIES]  # type: ignore[valid-type]
    direction: Literal[DIRECTIONS]  # type: ignore[valid-type]
    pattern: TokenPattern | None = None
    max_scope: int | None = Field(default=None, ge=1, le=100)
    #: a bidirectional rule's reach backwards, when shorter than max_scope ("rated good at its last inspection")
    backward_scope: int | None = Field(default=None, ge=1, le=100)
    terminated_by: tuple[str, ...] = ()
    #: the trigger modifies only a target that touches it, quotes and hyphens aside
    #: ("'inadequate' Croydon", "good-rated"): an attribute, not a clause's worth of scope
    adjacent: bool = False

    @field_validator("pattern")
    @classmethod
    def _token_pattern(cls, value: TokenPattern | None) -> TokenPattern | None:
        return value if value is None else check_token_pattern(value)


class Framework(_Strict):
    """One inspection era: its dates, default inspection type and area vocabulary."""

    framework: str
    label: str
    from_: str = Field(alias="from", pattern=r"^\d{4}-\d{2}$")
    to: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    inspection_type: Literal[INSPECTION_TYPES]  # type: ignore[valid-type]
    has_overall_grade: bool
    #: what an era-dependent area id means in this framework ("looked_after"; "in_care_and_leavers",
    #: one combined judgement in ILACS 2018-2022 but two in the SIF and from 2023: GUIDE ruling 9)
    area_aliases: dict[str, Literal[AREAS] | tuple[Literal[AREAS], ...]] = Field(default_factory=dict)  # type: ignore[valid-type]
    #: the areas and grades this framework gives: an undated article's era is the one its words fit
    areas: tuple[Literal[AREAS], ...] = ()  # type: ignore[valid-type]
    grades: tuple[Literal[GRADES], ...] = ()  # type: ignore[valid-type]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ConfidenceWeight(_Strict):
    """One line of patterns/confidence.jsonl: a feature of a draft record and its fitted weight."""

    feature: str = Field(min_length=1)
    #: logistic-regression weight; finite (strict JSON has no NaN) and bounded, so one line cannot swamp the rest
    weight: float = Field(ge=-50, le=50)
    note: str | None = None


#: The largest pattern file read (the shipped councils.jsonl is about 0.3 MB); a bigger one is refused unread.
MAX_PATTERN_FILE_BYTES = 20_000_000


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:  # json.loads would silently keep the last one
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """Parse a JSONL file into (line number, value) pairs; blank lines are skipped.

    Strict JSON only: no NaN/Infinity, no duplicate keys; a file over
    MAX_PATTERN_FILE_BYTES is refused, read no further than that.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PATTERN_FILE_BYTES + 1)
    except OSError as exc:
        raise PatternsError(f"{path}: cannot read pattern file ({exc.strerror or exc})") from exc
    if len(data) > MAX_PATTERN_FILE_BYTES:
        raise PatternsError(f"{path}: pattern file is over {MAX_PATTERN_FILE_BYTES} bytes")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PatternsError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from exc
    rows = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line, object_pairs_hook=_json_object, parse_constant=_no_constant)))
        except json.JSONDecodeError as exc:
            raise PatternsError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        except ValueError as exc:
            raise PatternsError(f"{path}:{number}: not valid JSON ({exc})") from exc
        except RecursionError as exc:
            raise PatternsError(f"{path}:{number}: not valid JSON (nested too deeply)") from exc
    return rows


def _numbered(path: Path, model: type[BaseModel]) -> list[tuple[int, Any]]:
    """Each line checked against `model`, with its line number (for messages after validation)."""
    items = []
    for number, value in read_jsonl(path):
        try:
            items.append((number, model.model_validate(value)))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            raise PatternsError(f"{path}:{number}: {where}: {first['msg']}") from exc
    return items


def _validated(path: Path, model: type[BaseModel]) -> list[Any]:
    return [item for _, item in _numbered(path, model)]


def load_span_patterns(path: Path, allowed: dict[str, set[str]] | None = None) -> list[dict[str, Any]]:
    """Load ruler patterns; with `allowed`, labels and ids must come from it (label -> ids)."""
    rows = []
    for number, item in _numbered(path, SpanPattern):
        if allowed is not None:
            if item.label not in allowed:
                raise PatternsError(f"{path}:{number}: unknown label {item.label!r}; "
                                    f"expected one of {sorted(allowed)}")
            ids = allowed[item.label]
            if ids and item.id not in ids:
                raise PatternsError(f"{path}:{number}: id {item.id!r} is not one of {sorted(ids)}")
        rows.append(item.model_dump(exclude_none=True))
    return rows


def load_context_rules(path: Path) -> list[ContextRule]:
    return _validated(path, ContextRule)


def load_frameworks(path: Path) -> list[Framework]:
    return _validated(path, Framework)


def load_confidence_weights(path: Path, features: Iterable[str]) -> dict[str, float]:
    """The weight of every feature in `features`: each named once, none unknown, none left out."""
    known = list(features)
    weights: dict[str, float] = {}
    for number, item in _numbered(path, ConfidenceWeight):
        if item.feature not in known:
            raise PatternsError(f"{path}:{number}: unknown feature {item.feature!r}; expected one of {known}")
        if item.feature in weights:
            raise PatternsError(f"{path}:{number}: feature {item.feature!r} is given twice")
        weights[item.feature] = item.weight
    missing = [name for name in known if name not in weights]
    if missing:
        raise PatternsError(f"{path}: no weight for {', '.join(missing)}; refit with scripts/calibrate.py")
    return weights
