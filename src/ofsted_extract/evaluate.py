"""Score the extractor on gold files, and show where each miss comes from.

The gold format and the matching rules are those of the shared corpus
(`GUIDE.md`, `score.py`): each record becomes a set of comparable facts per
field, micro-averaged over the articles; a predicted date more precise than
the gold one is cut to the gold's precision. Unlike the scorer, this runs the
pipeline in-process, so every missed or extra fact can be shown with the
sentences that carry it, and each record's confidence can be checked against
whether the record was right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from .api import Settings, pipeline, records_from_doc
from .layout import normalise
from .errors import InputProblem
from .models import InspectionRecord
from .read import read_source

#: The fields scored, in the scorer's order; `all` pools them.
FIELDS: tuple[str, ...] = ("council", "inspection_type", "grade", "judgements", "prior_grade", "prior_year",
                           "inspection_date", "published_date", "article_date")
DATE_FIELDS = ("inspection_date", "published_date")
#: The fields a record must get right to count as right for calibration (the brief's definition).
RECORD_KEY_FIELDS = ("council", "inspection_type", "grade", "judgements")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class GoldArticle:
    key: str
    path: Path
    article_date: str | None
    records: list[dict]


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """One fact the gold has and the output lacks ("missed"), or the reverse ("extra")."""

    article: str
    kind: str
    field: str
    fact: tuple
    sentences: tuple[str, ...] = ()


@dataclass
class Evaluation:
    articles: int = 0
    scores: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    misses: list[Miss] = field(default_factory=list)
    #: (confidence, right) for every predicted record
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def overall(self) -> FieldScore:
        return FieldScore(*(sum(getattr(self.scores[f], n) for f in FIELDS) for n in ("tp", "fp", "fn")))


def load_gold(gold_dir: Path) -> list[GoldArticle]:
    """Every `ID.gold.json` in the folder with the article beside it (`ID.txt`, `.html` or `.htm`)."""
    articles = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        key = gold_path.name[: -len(".gold.json")]
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            records = list(gold["records"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputProblem(str(gold_path), f"not a gold file ({exc})") from exc
        text_path = next((gold_dir / f"{key}{suffix}" for suffix in ARTICLE_SUFFIXES
                          if (gold_dir / f"{key}{suffix}").is_file()), None)
        if text_path is None:
            raise InputProblem(str(gold_path), "no article beside it (.txt, .html or .htm)")
        articles.append(GoldArticle(key, text_path, gold.get("article_date"), records))
    return articles


def _squash(name: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", name.lower().replace("&", " and ")).split())


def _year(value) -> int | None:
    match = re.match(r"\s*(\d{4})", str(value)) if value not in (None, "") else None
    return int(match.group(1)) if match else None


def facts(records: Iterable[dict], gold_dates: dict, article_date: str | None = None,
          from_gold: bool = False) -> dict[str, set]:
    """One set of comparable tuples per field, as the shared scorer builds them."""
    out: dict[str, set] = {f: set() for f in FIELDS}
    records = list(records)
    for r in records:
        c = _squash(str(r.get("council") or ""))
        out["council"].add(c)
        if r.get("inspection_type"):
            out["inspection_type"].add((c, r["inspection_type"]))
        if r.get("grade"):
            out["grade"].add((c, r["grade"]))
        for area, grade in (r.get("judgements") or {}).items():
            out["judgements"].add((c, area, grade))
        for grade in [r.get("prior_grade"), *(r.get("prior_judgements") or {}).values()]:
            if grade:
                out["prior_grade"].add((c, grade))
        if _year(r.get("prior_year")):
            out["prior_year"].add((c, _year(r.get("prior_year"))))
        for name in DATE_FIELDS:
            value = r.get(name)
            if value:
                value = str(value)
                ref = gold_dates.get((c, name))
                if ref and len(value) > len(ref):
                    value = value[: len(ref)]
                out[name].add((c, value))
        if not from_gold and r.get("article_date"):
            out["article_date"].add(str(r["article_date"]))
    if from_gold and records and article_date:
        out["article_date"].add(str(article_date))
    return out


def record_is_right(record: dict, gold_records: list[dict]) -> bool:
    """A record is right when some gold record has its council, type, grade and judgements."""
    council = _squash(record["council"])
    for gold in gold_records:
        if _squash(str(gold.get("council") or "")) != council:
            continue
        if all((record.get(f) or None) == (gold.get(f) or None) for f in RECORD_KEY_FIELDS[1:]):
            return True
    return False


def evaluate(gold_dir: Path, settings: Settings = Settings()) -> Iterator[tuple[GoldArticle, Evaluation]]:
    """Score the gold folder article by article; yields (article, running totals) so callers can show progress."""
    articles = load_gold(gold_dir)
    nlp = pipeline(settings)
    total = Evaluation()
    for article in articles:
        try:
            source = read_source(str(article.path), max_bytes=settings.max_bytes)
        except InputProblem as problem:
            total.unreadable.append(f"{problem.source}: {problem.reason}")
            source = None
        layout = normalise(source.text) if source else None
        doc = nlp(layout.text) if layout else None
        records = records_from_doc(doc, str(article.path), source.metadata_date, layout) if source else []
        score_article(article, doc, records, total)
        yield article, total


def score_article(article: GoldArticle, doc: Doc | None, records: list[InspectionRecord],
                  total: Evaluation) -> None:
    """Add one article's counts, misses and calibration points to the totals."""
    predicted = [r.model_dump(mode="json") for r in records]
    gold_dates = {(_squash(str(r.get("council") or "")), f): str(r[f])
                  for r in article.records for f in DATE_FIELDS if r.get(f)}
    gold_facts = facts(article.records, gold_dates, article.article_date, from_gold=True)
    pred_facts = facts(predicted, gold_dates)
    total.articles += 1
    for name in FIELDS:
        score = total.scores[name]
        missed, extra = gold_facts[name] - pred_facts[name], pred_facts[name] - gold_facts[name]
        score.tp += len(gold_facts[name] & pred_facts[name])
        score.fp += len(extra)
        score.fn += len(missed)
        for kind, found in (("missed", missed), ("extra", extra)):
            for fact in sorted(found, key=str):
                fact = fact if isinstance(fact, tuple) else (fact,)
                total.misses.append(Miss(article.key, kind, name, fact,
                                         tuple(where(doc, records, kind, name, fact)) if doc is not None else ()))
    for record, data in zip(records, predicted):
        total.calibration.append((record.confidence, record_is_right(data, article.records)))


_FIELD_EVIDENCE = {"prior_grade": ("prior_grade", "prior_judgements."), "judgements": ("judgements.",)}


def where(doc: Doc, records: list[InspectionRecord], kind: str, name: str, fact: tuple) -> Iterator[str]:
    """The sentences behind a miss: the record's evidence for an extra fact; for a missed one,
    the sentences that name the council and carry the value (with what the annotator made of it)."""
    council = fact[0] if name != "article_date" else None
    if kind == "extra":
        prefixes = _FIELD_EVIDENCE.get(name, (name,))
        for record in records:
            if council is not None and _squash(record.council) != council:
                continue
            for key, evidence in record.evidence.items():
                if key.startswith(prefixes) and evidence.sentence:
                    yield f"{key} from {evidence.text!r}: {evidence.sentence}"
        return
    value = str(fact[-1])
    shown = 0
    for sent in doc.sents:
        notes = list(_value_notes(doc, sent, name, value))
        if notes:
            yield f"[{'; '.join(notes)}] {sent.text.strip()}"
            shown += 1
            if shown == 3:
                return


def _value_notes(doc: Doc, sent, name: str, value: str) -> Iterator[str]:
    """What the annotator saw in a sentence that bears on a missed value."""
    inside = lambda span: sent.start <= span.start < sent.end  # noqa: E731
    if name in ("grade", "judgements", "prior_grade"):
        for span in doc.spans.get("ofsted_grade", []):
            if inside(span) and span.id_ == value:
                yield f"grade {span.text!r} read as {span._.ofsted_reading}"
        for span in doc.spans.get("ofsted_grade_rejected", []):
            if inside(span) and span.id_ == value:
                yield f"grade {span.text!r} rejected: {span.kb_id_}"
    elif name == "inspection_type":
        for span in doc.spans.get("ofsted_type", []):
            if inside(span) and span.id_ == value:
                yield f"type {span.text!r}"
    elif name == "council":
        if value and value in _squash(sent.text):
            yield "names it" + "".join(f"; council {ent.text!r}" for ent in sent.ents)
    else:  # dates and years
        for span in doc.spans.get("ofsted_date", []):
            if inside(span) and value[:4] in span.text:
                yield f"date {span.text!r} ({span._.ofsted_date.kind})"


def calibration_rows(points: list[tuple[float, bool]],
                     thresholds: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9)) -> list[tuple[float, int, float, float]]:
    """(threshold, records at or above it, their share of all records, the share of those that are right)."""
    rows = []
    for threshold in thresholds:
        kept = [right for conf, right in points if conf >= threshold]
        share = len(kept) / len(points) if points else 0.0
        accuracy = sum(kept) / len(kept) if kept else 1.0
        rows.append((threshold, len(kept), share, accuracy))
    return rows
