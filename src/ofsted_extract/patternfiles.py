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
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator,
                      model_validator)

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
              "SERVICE_CUE", "AREA_FORWARD", "AREA_CONTINUE", "AREA_ALSO", "GROUP_REF", "PLACE_CUE",
              "PREDECESSOR_CUE", "PREDECESSOR_AFTER"}
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
    has_overall_grade: StrictBool
    #: what an era-dependent area id means in this framework ("looked_after"; "in_care_and_leavers",
    #: one combined judgement in ILACS 2018-2022 but two in the SIF and from 2023: GUIDE ruling 9)
    area_aliases: dict[str, Literal[AREAS] | tuple[Literal[AREAS], ...]] = Field(default_factory=dict)  # type: ignore[valid-type]
    #: the areas and grades this framework gives: an undated article's era is the one its words fit
    areas: tuple[Literal[AREAS], ...] = ()  # type: ignore[valid-type]
    grades: tuple[Literal[GRADES], ...] = ()  # type: ignore[valid-type]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("from_", "to")
    @classmethod
    def _a_month(cls, value: str | None) -> str | None:
        if value is not None and not 1 <= int(value[5:]) <= 12:
            raise ValueError(f"{value!r} is not a month (YYYY-MM, 01 to 12)")
        return value

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> Framework:
        if self.to is not None and self.to <= self.from_:
            raise ValueError(f"'to' {self.to} is not after 'from' {self.from_}")
        return self

    @property
    def annual(self) -> bool:
        """The annual ratings (APA): they ran alongside the inspections and are chosen by the article's
        words, never by its date."""
        return self.inspection_type == "annual_rating"


#: The roles a date-role event word gives (temporal.EVENT_LABELS' values).
EVENT_ROLES = ("inspection", "publication")


def _lower_word(value: str) -> str:
    if not value.strip() or value != value.strip():
        raise ValueError(f"{value!r}: a word may not be empty or start or end with a space")
    if value != value.lower():
        raise ValueError(f"{value!r}: words are matched in lower case; write {value.lower()!r}")
    return value


Word = Annotated[str, AfterValidator(_lower_word)]
Words = tuple[Word, ...]


class DateRoleWords(_Strict):
    """A user's `date_roles.json`: words added to the shipped lexicons (every key optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    comment: str | None = Field(default=None, alias="_comment")
    history_modifiers: Words = ()
    history_openers: Words = ()
    clause_breaks: Words = ()
    premodifier_heads: Words = ()
    not_events_before: Words = ()
    period_rated: Words = ()
    light_events: Words = ()
    strong_breaks: Words = ()
    date_prepositions: Words = ()
    coordinators: Words = ()
    when_openers: Words = ()
    extra_events: dict[Word, Literal[EVENT_ROLES]] = Field(default_factory=dict)  # type: ignore[valid-type]
    report_nouns: Words = ()
    visitors: Words = ()
    presence_verbs: Words = ()
    date_history_openers: Words = ()
    other_events: Words = ()
    noun_coordinators: Words = ()


class DateRoles(DateRoleWords):
    """The shipped `patterns/date_roles.json`: every lexicon, and how far (in tokens) a date looks for its event."""

    attach_reach: int = Field(ge=1, le=100)
    premodifier_reach: int = Field(ge=1, le=100)
    modifier_reach: int = Field(ge=1, le=100)


#: The lexicons of date_roles.json (its word lists and extra_events).
DATE_ROLE_LISTS = tuple(name for name in DateRoleWords.model_fields if name not in ("comment", "extra_events"))


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


def _read_text(path: Path) -> str:
    """A pattern file's text: UTF-8, at most MAX_PATTERN_FILE_BYTES (a bigger file is read no further)."""
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
    return raw


def _strict_json(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_json_object, parse_constant=_no_constant)


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """Parse a JSONL file into (line number, value) pairs; blank lines are skipped.

    Strict JSON only: no NaN/Infinity, no duplicate keys; a file over
    MAX_PATTERN_FILE_BYTES is refused, read no further than that.
    """
    raw = _read_text(path)
    rows = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        rows.append((number, _loads(line, path, number)))
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


def load_frameworks(path: Path, extra_paths: Iterable[Path] = ()) -> list[Framework]:
    """The frameworks of `path` (the shipped file), then those of a user's `frameworks.jsonl`.

    Every id is new (a framework is never replaced). The dated frameworks (all but the annual ratings)
    may not overlap, except that one may start while an open-ended one is in force: it ends that one
    then (a user's 2027 framework closes the shipped open-ended one from its start). Each is returned
    with the end it has after that.
    """
    rows = [(path, number, item) for number, item in _numbered(path, Framework)]
    for extra in extra_paths:
        rows += [(extra, number, item) for number, item in _numbered(extra, Framework)]
    seen: dict[str, tuple[Path, int]] = {}
    for where, number, item in rows:
        if item.framework in seen:
            first, line = seen[item.framework]
            raise PatternsError(f"{where}:{number}: framework {item.framework!r} is already defined "
                                f"({first}:{line}); a framework is never replaced, give a new id")
        seen[item.framework] = (where, number)
    ends: dict[str, str | None] = {}
    dated = sorted((r for r in rows if not r[2].annual), key=lambda r: r[2].from_)
    for (_, _, earlier), (where, number, later) in zip(dated, dated[1:]):
        end = ends.get(earlier.framework, earlier.to)
        if end is None and later.from_ > earlier.from_:
            ends[earlier.framework] = later.from_  # an open-ended framework ends where the next starts
        elif end is None or later.from_ < end:
            raise PatternsError(f"{where}:{number}: framework {later.framework!r} from {later.from_} overlaps "
                                f"{earlier.framework!r} ({earlier.from_} to {end or 'no end'}); dated frameworks "
                                "may not overlap (one may start while an open-ended one is in force, which it ends)")
    return [item.model_copy(update={"to": ends[item.framework]}) if item.framework in ends else item
            for _, _, item in rows]


def _line_of_key(raw: str, key: str) -> int:
    """The line of a JSON object's key (the first that names it), or 1."""
    needle = json.dumps(key)
    for number, line in enumerate(raw.splitlines(), 1):
        at = line.find(needle)
        if at >= 0 and line[at + len(needle):].lstrip().startswith(":"):
            return number
    return 1


def _loads(raw: str, path: Path, line: int | None) -> Any:
    """Strict JSON, a defect as a PatternsError naming FILE:LINE (`line` None: the decoder's line)."""
    try:
        return _strict_json(raw)
    except json.JSONDecodeError as exc:
        raise PatternsError(f"{path}:{line or exc.lineno}: not valid JSON ({exc.msg})") from exc
    except ValueError as exc:
        raise PatternsError(f"{path}:{line or 1}: not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise PatternsError(f"{path}:{line or 1}: not valid JSON (nested too deeply)") from exc


def read_json_object(path: Path, model: type[BaseModel]) -> Any:
    """A JSON file (not JSON lines) checked against `model`; a defect is a PatternsError with FILE:LINE
    (the line of the key at fault)."""
    raw = _read_text(path)
    value = _loads(raw, path, None)
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(p) for p in first["loc"]]
        line = _line_of_key(raw, loc[0]) if loc and isinstance(value, dict) else 1
        raise PatternsError(f"{path}:{line}: {'.'.join(loc) or 'file'}: {first['msg']}") from exc


def load_date_roles(path: Path, extra_paths: Iterable[Path] = ()) -> DateRoles:
    """The shipped date-role lexicons, with the words of a user's `date_roles.json` added to each list
    (an extra_events word the shipped file gives another role is an error)."""
    roles = read_json_object(path, DateRoles)
    for extra in extra_paths:
        added = read_json_object(extra, DateRoleWords)
        update: dict[str, Any] = {name: tuple(dict.fromkeys(getattr(roles, name) + getattr(added, name)))
                                  for name in DATE_ROLE_LISTS}
        for word, role in added.extra_events.items():
            if roles.extra_events.get(word, role) != role:
                raw = _read_text(extra)
                raise PatternsError(f"{extra}:{_line_of_key(raw, word)}: extra_events.{word}: the shipped "
                                    f"date_roles.json makes {word!r} an {roles.extra_events[word]} word")
        update["extra_events"] = {**roles.extra_events, **added.extra_events}
        roles = roles.model_copy(update=update)
    return roles


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
