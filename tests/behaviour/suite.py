"""Generate the behavioural cases, run them through the extractor in one batch, and score them.

Scoring follows ../shared/corpus/score.py: councils compare by canonical name, facts are pooled
per council (two records for one council count once), prior_grade and prior_judgements' values
form one set of prior grades, and a predicted date is cut to the expected date's precision.
A case passes when every expected fact matches and no record names an unexpected council.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from random import Random
from typing import Any, Iterable

from . import fillers as F
from .templates import CAPABILITIES, Capability, Template

SEED = 20260411
CAPABILITY = {c.name: c for c in CAPABILITIES}


@dataclass(frozen=True)
class Case:
    capability: str
    template: int
    text: str
    expected: tuple[dict[str, Any], ...]  # one partial record per council; () = no record


@dataclass
class Result:
    case: Case
    predicted: list[dict[str, Any]]
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


# --- generation -----------------------------------------------------------------------------------

def _render(value: Any, slots: dict[str, Any]) -> Any:
    if isinstance(value, str):
        m = re.fullmatch(r"\{(\w+)\}", value)
        return slots[m.group(1)] if m else value.format(**slots)
    if isinstance(value, dict):
        return {_render(k, slots): _render(v, slots) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(_render(v, slots) for v in value)
    return value


_SENTENCE_THE = re.compile(r"(^|\n|[.!?] )the\b")  # a name form "the London Borough of …" opening a sentence


def _cases_for(cap: Capability, rng: Random) -> Iterable[Case]:
    """Templates in turn (each gets an equal share), fillers drawn from the capability's own stream."""
    for i in range(cap.n):
        t: Template = cap.templates[i % len(cap.templates)]
        slots = cap.fill(rng, i) if cap.indexed else cap.fill(rng)
        text = _SENTENCE_THE.sub(r"\1The", t.text.format(**slots).strip())
        expected = _render(t.expect, slots)
        yield Case(cap.name, i % len(cap.templates), text, tuple(dict(e) for e in expected))


def generate(seed: int = SEED, capabilities: Iterable[Capability] = CAPABILITIES) -> list[Case]:
    """All cases, deterministic for a seed; each capability has its own stream, so adding one changes no other."""
    out: list[Case] = []
    for cap in capabilities:
        out.extend(_cases_for(cap, Random(f"{seed}:{cap.name}")))
    return out


# --- comparison (as score.py) ------------------------------------------------------------------------

_DROP = re.compile(r"\b(the|council|county|city|borough|metropolitan|london|royal|of|district|"
                   r"unitary|authority|children'?s|services)\b")


def _squash(name: str) -> str:
    name = name.lower().replace("&", " and ").replace("’", "'")
    name = re.sub(r"[^a-z' ]+", " ", name)
    kept = " ".join(_DROP.sub(" ", name).replace("'", "").split())
    return kept or " ".join(name.replace("'", "").split())


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for a in F.authorities():
        for n in (a.name, a.official_name, *a.aliases):
            names.setdefault(_squash(n), a.name)
    return names


def council_key(name: str | None) -> str:
    return _names().get(_squash(name or ""), _squash(name or ""))


def _cut(value: Any, expected: Any) -> Any:
    """A predicted date more precise than the expected one is cut to its precision."""
    if value is None or expected is None:
        return value
    v, e = str(value), str(expected)
    return v[: len(e)] if len(v) > len(e) else v


def _pooled(records: list[dict[str, Any]], fld: str) -> set:
    vals: set = set()
    for r in records:
        if fld == "prior_grade":
            vals |= {g for g in [r.get("prior_grade"), *(r.get("prior_judgements") or {}).values()] if g}
        elif fld == "judgements":
            vals |= set((r.get("judgements") or {}).items())
        elif r.get(fld) not in (None, ""):
            vals.add(r[fld])
    return vals


def compare(expected: tuple[dict[str, Any], ...], predicted: list[dict[str, Any]]) -> list[str]:
    """The problems with one case's prediction; empty when it passes."""
    by_council: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in predicted:
        by_council[council_key(r.get("council"))].append(r)
    wanted = {council_key(e["council"]) for e in expected}
    problems = [f"unexpected record for {c}" for c in by_council if c not in wanted]
    for e in expected:
        c = council_key(e["council"])
        recs = by_council.get(c)
        if not recs:
            problems.append(f"no record for {c}")
            continue
        for fld, want in e.items():
            if fld == "council":
                continue
            got = _pooled(recs, fld)
            if fld == "judgements":
                want_set = set(want.items())
            elif fld == "prior_year":
                want_set, got = {int(want)}, {int(str(g)[:4]) for g in got}
            elif want is None:
                want_set = set()
            elif fld in ("inspection_date", "published_date", "article_date"):
                want = str(want)
                want_set, got = {want}, {_cut(g, want) for g in got}
            else:
                want_set = {want}
            if got != want_set:
                problems.append(f"{c}.{fld}: expected {sorted(map(str, want_set))}, got {sorted(map(str, got))}")
    return problems


# --- running ----------------------------------------------------------------------------------------------

def _record_dicts(records: Iterable[Any]) -> list[dict[str, Any]]:
    return [r.model_dump(exclude={"evidence"}) for r in records]


def predict(texts: list[str]) -> list[list[dict[str, Any]] | Exception]:
    """Records for each text, through the package's pipeline and `nlp.pipe` (one batch, one process)."""
    from ofsted_extract.api import pipeline, records_from_doc

    nlp = pipeline()
    out: list[list[dict[str, Any]] | Exception] = []
    with nlp.memory_zone():
        try:
            docs: list[Any] = list(nlp.pipe(texts, batch_size=64))
        except Exception:  # one text broke the batch: annotate each alone, so only it fails
            docs = []
            for text in texts:
                try:
                    docs.append(nlp(text))
                except Exception as exc:
                    docs.append(exc)
        for i, doc in enumerate(docs):
            try:
                if isinstance(doc, Exception):
                    raise doc
                out.append(_record_dicts(records_from_doc(doc, f"case{i:05d}")))
            except Exception as exc:  # one case's failure is that case's result, not the suite's
                out.append(exc)
    return out


def run(cases: list[Case] | None = None) -> list[Result]:
    cases = generate() if cases is None else cases
    results = []
    for case, pred in zip(cases, predict([c.text for c in cases])):
        if isinstance(pred, Exception):
            results.append(Result(case, [], [f"error: {type(pred).__name__}: {pred}"]))
        else:
            results.append(Result(case, pred, compare(case.expected, pred)))
    return results


def rates(results: list[Result], capabilities: Iterable[Capability] = CAPABILITIES) -> dict[str, tuple[int, int, float]]:
    """capability -> (cases, passed, rate), in the order of `capabilities`."""
    out: dict[str, tuple[int, int, float]] = {}
    for cap in capabilities:
        mine = [r for r in results if r.case.capability == cap.name]
        if mine:
            ok = sum(r.passed for r in mine)
            out[cap.name] = (len(mine), ok, ok / len(mine))
    return out


def failures(results: list[Result], capability: str, n: int) -> list[Result]:
    """Up to n failures of a capability, spread over its templates (one per template in turn)."""
    by_template: dict[int, list[Result]] = defaultdict(list)
    for r in results:
        if r.case.capability == capability and not r.passed:
            by_template[r.case.template].append(r)
    picked: list[Result] = []
    while len(picked) < n and any(by_template.values()):
        for t in sorted(by_template):
            if by_template[t] and len(picked) < n:
                picked.append(by_template[t].pop(0))
    return picked


def describe(r: Result) -> str:
    slim = [{k: v for k, v in p.items() if v not in (None, {}, "") and k not in ("source", "confidence")}
            for p in r.predicted]
    note = CAPABILITY[r.case.capability].templates[r.case.template].note
    return (f"[{r.case.capability} t{r.case.template}{': ' + note if note else ''}] {r.case.text!r}\n"
            f"    expected: {json.dumps(list(r.case.expected), default=str)}\n"
            f"    got:      {json.dumps(slim, default=str)}\n"
            f"    problems: {'; '.join(r.problems)}")
