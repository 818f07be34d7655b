"""Inspection frameworks by era (patterns/frameworks.jsonl and a user's): which one was in force at a
date, or which one an undated piece's areas and grades fit; its area names (care leavers by era, GUIDE
ruling 9) and whether it gives an overall grade (none after April 2026). Part of the assemble stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from . import dates as dategrammar
from .drafts import ArticleContext, Draft
from .patternfiles import Framework


def framework_at(when: dategrammar.PartialDate | None, frameworks: Sequence[Framework]) -> Framework | None:
    """The inspection framework in force at a date (the dated ones do not overlap: see `load_frameworks`)."""
    if when is None:
        return None
    key = f"{when.year:04d}-{(when.month or 6):02d}"
    current = [f for f in frameworks if f.from_ <= key and (f.to is None or key < f.to) and not f.annual]
    return current[-1] if current else None


#: area ids whose meaning depends on the era (patterns/frameworks.jsonl area_aliases)
ERA_AREAS = frozenset({"looked_after", "in_care_and_leavers"})


DEFAULT_ALIASES: dict[str, str | tuple[str, ...]] = {"looked_after": "children_in_care",
                                                     "in_care_and_leavers": "children_in_care"}


def framework_from_words(draft: Draft, ctx: ArticleContext, frameworks: Sequence[Framework]) -> Framework | None:
    """An undated piece's era: the one framework whose areas and grades fit what the piece reports
    ("adoption" and "LSCB" graded beside "requires improvement" is the SIF; "safeguarding" graded
    "adequate" is before 2013). Frameworks that fit alike count as one; none or a real tie is None."""
    if ctx.annual:
        return next((f for f in frameworks if f.annual), None)
    areas = {a for a in list(draft.judgements) + list(draft.prior_judgements) if a not in ERA_AREAS}
    grades = ({draft.grade} | {g for g, _ in draft.judgements.values()}) - {None}
    fits = [f for f in frameworks if not f.annual and f.areas and areas <= set(f.areas)
            and grades <= set(f.grades)]
    meanings = {tuple(sorted((k, str(v)) for k, v in f.area_aliases.items() if k in draft.judgements)) for f in fits}
    return fits[0] if fits and len(meanings) == 1 else None


def with_aliases(judgements: dict[str, tuple[str, Span]], aliases: dict) -> dict[str, tuple[str, Span]]:
    """Era-dependent area ids to the framework's keys; an area the text names itself wins."""
    out: dict[str, tuple[str, Span]] = {}
    for area, value in judgements.items():
        if area in ERA_AREAS:
            meant = aliases.get(area, DEFAULT_ALIASES[area])
            for key in (meant,) if isinstance(meant, str) else meant:
                out.setdefault(key, value)
    for area, value in judgements.items():
        if area not in ERA_AREAS:
            out[area] = value
    return out


#: GUIDE ruling 9: a grade the text gives to care leavers alone is `care_leavers` in any era
ANY_ERA_AREAS = frozenset({"care_leavers"})
#: how long after a framework ends its reports still appear (inspections finished under it)
ERA_OVERLAP_MONTHS = 12


def months_after(start: str, when: dategrammar.PartialDate) -> int:
    """Months from a framework boundary ("2018-01") to a date."""
    year, month = (int(p) for p in start.split("-"))
    return (when.year - year) * 12 + (when.month or 6) - month


def apply_framework(draft: Draft, ctx: ArticleContext, frameworks: Sequence[Framework]) -> None:
    """Era rules from patterns/frameworks.jsonl (and a user's): area names by era, no overall grade after April
    2026."""
    when = None
    for value in (draft.inspection_date, draft.published_date):
        if value:
            parts = [int(p) for p in value.split("-")]
            when = dategrammar.PartialDate(parts[0], parts[1] if len(parts) > 1 else None)
            break
    if when is None and ctx.article_date:
        when = dategrammar.PartialDate(ctx.article_date.year, ctx.article_date.month)
    current = framework_at(when, frameworks) if when is not None else framework_from_words(draft, ctx, frameworks)
    if current is not None and not current.has_overall_grade and draft.inspection_type == "full":
        draft.grade, draft.grade_span = None, None
    aliases = current.area_aliases if current else DEFAULT_ALIASES
    draft.judgements = with_aliases(draft.judgements, aliases)
    if current is not None and current.areas and draft.inspection_type == "full" and when is not None:
        # an area no inspection of the time graded is no judgement of this one ("Cabinet Member for
        # Children's Safeguarding" beside a 2025 grade); the era before still counts for a year after
        # the change, as its last reports came out then
        graded = set(current.areas) | {a for f in frameworks if f.to == current.from_ and not f.annual
                                       and months_after(f.to, when) <= ERA_OVERLAP_MONTHS for a in f.areas}
        draft.judgements = {a: v for a, v in draft.judgements.items() if a in graded | ANY_ERA_AREAS}
    prior_fw = framework_at(dategrammar.PartialDate(draft.prior_year), frameworks) if draft.prior_year else None
    prior_aliases = prior_fw.area_aliases if prior_fw else aliases
    draft.prior_judgements = with_aliases(draft.prior_judgements, prior_aliases)
