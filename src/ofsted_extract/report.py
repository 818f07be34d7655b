"""The review page: one self-contained HTML file showing each article's records beside its text, with the
evidence highlighted, so a person can check every field against the words that support it.

Every field value in a record's row links to a `<mark>` around its evidence in the text. Several fields
(and several records: three councils rated "good" in one sentence) often share one span, and spans nest
or cross (a judgement inside a date phrase), so marks are built from the distinct spans: one mark per
span, nested where spans nest, split into fragments where they cross, the `id` on the first fragment and
the label on the last. Labels are drawn by CSS from `data-label`, so the marks' text is exactly the
evidence text. The page needs nothing from the network and runs no script; all article text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer
from .models import InspectionRecord
from .timeline import build_timeline

if TYPE_CHECKING:
    from .api import ArticleResult

FIELD_LABELS = {"council": "council", "ons_code": "GSS code", "inspection_type": "type", "grade": "grade",
                "inspection_date": "inspected", "published_date": "published", "prior_grade": "prior grade",
                "prior_year": "prior year", "article_date": "article date"}
#: Colour families of the marks (see CSS).
FIELD_KINDS = {"council": "council", "ons_code": "council", "inspection_type": "type", "grade": "grade",
               "judgements": "grade", "inspection_date": "date", "published_date": "date",
               "article_date": "date", "prior_grade": "prior", "prior_year": "prior", "prior_judgements": "prior"}

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d1d1f;
       background: #f6f6f4; }
main { max-width: 70rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.1rem; margin: 0 0 .4rem; word-break: break-all; }
section.article, section.councils, section.errors { background: #fff; border: 1px solid #ddd;
       border-radius: 6px; padding: 1rem 1.2rem; margin: 1rem 0; }
section.error, section.errors { border-color: #d9534f; }
.muted { color: #666; font-size: .9em; }
.legend mark { margin-right: .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9em; }
th, td { border-bottom: 1px solid #e5e5e5; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #fafafa; font-weight: 600; }
td a { color: #0b57d0; text-decoration: none; border-bottom: 1px dotted #0b57d0; }
.meta { font-size: .75em; color: #8a5a00; background: #fff4d6; border-radius: 3px; padding: 0 .25em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 2.1; background: #fcfcfb;
        border: 1px solid #eee; padding: .6rem .8rem; max-height: 36rem; overflow: auto; }
mark { border-radius: 4px; padding: .1em .2em; color: inherit; }
mark mark { padding: 0 .1em; }
mark[data-label]::after { content: attr(data-label); font-size: .62em; font-weight: 700; letter-spacing: .02em;
       text-transform: uppercase; margin-left: .35em; color: #333; vertical-align: middle; }
mark:target { outline: 2px solid #d33; }
.k-council { background: #cfe0ff; } .k-grade { background: #c9efc4; } .k-date { background: #ffe2a8; }
.k-type { background: #c9f0f2; } .k-prior { background: #e8dcff; }
.g-inadequate, .g-performs_poorly { color: #b3261e; font-weight: 600; }
.g-outstanding, .g-excellent, .g-good, .g-performs_well { color: #1e7b34; font-weight: 600; }
.improved { color: #1e7b34; } .declined { color: #b3261e; }
.event { white-space: nowrap; }
"""


@dataclass
class Span:
    """One distinct stretch of evidence in an article, and the (record number, field) pairs it supports."""

    id: str
    start: int
    end: int
    fields: list[tuple[int, str]] = field(default_factory=list)

    def label(self, numbered: bool) -> str:
        """Field names, with the record numbers when the article has several records."""
        names: dict[str, list[int]] = {}
        for number, key in self.fields:
            names.setdefault(field_label(key), []).append(number)
        if not numbered:
            return " · ".join(names)
        return " · ".join(f"{name} " + " ".join(f"#{n}" for n in numbers) for name, numbers in names.items())

    @property
    def kind(self) -> str:
        return FIELD_KINDS[self.fields[0][1].partition(".")[0]]


def field_label(key: str) -> str:
    head, _, area = key.partition(".")
    if area:
        return ("prior " if head == "prior_judgements" else "") + area.replace("_", " ")
    return FIELD_LABELS[key]


def collect_spans(records: list[InspectionRecord], prefix: str) -> list[Span]:
    """The distinct text-evidence spans of an article's records, outer spans before those they contain."""
    spans: dict[tuple[int, int], Span] = {}
    for number, record in enumerate(records, 1):
        for key, evidence in record.evidence.items():
            if evidence.origin != "text":
                continue
            where = (evidence.start, evidence.end)
            if where not in spans:
                spans[where] = Span(f"{prefix}-{len(spans) + 1}", *where)
            spans[where].fields.append((number, key))
    return sorted(spans.values(), key=lambda s: (s.start, -s.end))


@dataclass
class _Fragment:
    """A mark's open tag, written out at the end: whether this piece is its span's last (which carries the
    label, the first carrying the id) is known only when it closes."""

    span: Span
    first: bool
    last: bool = False

    def tag(self, numbered: bool) -> str:
        span = self.span
        ident = f' id="{span.id}"' if self.first else ""
        label = f' data-label="{escape(span.label(numbered))}"' if self.last else ""
        return f'<mark{ident} class="k-{span.kind}" data-ev="{span.id}"{label}>'


def highlight(text: str, spans: list[Span], numbered: bool = False) -> str:
    """The escaped text with a `<mark>` per span, nested where spans nest and split where they cross.

    The text is cut at every span boundary; for each piece, the marks open are those of the spans
    covering it, outermost first, so a span that crosses another is closed and reopened as a fragment.
    """
    spans = sorted(spans, key=lambda s: (s.start, -s.end))  # outer spans first
    out: list[str | _Fragment] = []
    stack: list[Span] = []
    current: dict[str, _Fragment] = {}

    def open_(span: Span) -> None:
        current[span.id] = _Fragment(span, first=span.id not in current)
        out.append(current[span.id])

    def close(span: Span, at: int) -> None:
        current[span.id].last = at == span.end
        out.append("</mark>")

    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    for pos, following in zip(cuts, [*cuts[1:], None]):
        want = [s for s in spans if s.start <= pos < s.end]
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        while len(stack) > keep:
            close(stack.pop(), pos)
        for span in spans:
            if span.start == span.end == pos:  # an empty span still gets its (empty) mark
                open_(span)
                close(span, pos)
        for span in want[keep:]:
            open_(span)
            stack.append(span)
        if following is not None:
            out.append(escape(text[pos:following]))
    return "".join(x if isinstance(x, str) else x.tag(numbered) for x in out)


# ---------------------------------------------------------------- the record table


def _grade(value: str) -> str:
    return f'<span class="g-{escape(value)}">{escape(value.replace("_", " "))}</span>'


def _value(record: InspectionRecord, key: str, html: str, spans_by_key: dict[str, str]) -> str:
    """A field's value, linked to its mark, labelled as page metadata, or bare when it has no evidence."""
    evidence = record.evidence.get(key)
    if evidence is None:
        return html
    if evidence.origin != "text":
        return f'{html} <span class="meta" title="{escape(evidence.text)}">page metadata</span>'
    return f'<a href="#{spans_by_key[key]}">{html}</a>'


def _judgements(record: InspectionRecord, head: str, spans_by_key: dict[str, str]) -> list[str]:
    return [f"{escape(area.replace('_', ' '))}: " + _value(record, f"{head}.{area}", _grade(grade), spans_by_key)
            for area, grade in getattr(record, head).items()]


def record_row(number: int, record: InspectionRecord, spans: list[Span], gazetteer: Gazetteer) -> str:
    """Record `number` of its article as a table row, each value linked to its span."""
    spans_by_key = {key: s.id for s in spans for n, key in s.fields if n == number}

    def value(key: str, show=lambda raw: escape(str(raw))) -> str:
        raw = getattr(record, key)
        return "" if raw is None else _value(record, key, show(raw), spans_by_key)

    region = gazetteer.region(record.council) if record.ons_code else None
    council = (f"{value('council')}<br><span class=muted>"
               + (value("ons_code") if record.ons_code else "not in gazetteer")
               + (f" · {escape(region)}" if region else "") + "</span>")
    prior = [value("prior_grade", _grade), value("prior_year")] + _judgements(record, "prior_judgements", spans_by_key)
    cells = [str(number), council, value("inspection_type"), value("grade", _grade),
             "<br>".join(_judgements(record, "judgements", spans_by_key)),
             value("inspection_date"), value("published_date"), "<br>".join(p for p in prior if p),
             value("article_date"), f"{record.confidence:.2f}"]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


RECORD_COLUMNS = ("#", "council", "type", "grade", "judgements", "inspected", "published", "prior",
                  "article date", "confidence")


def article_section(number: int, result: ArticleResult, gazetteer: Gazetteer) -> str:
    """One input: its error, or its records table and its text with the evidence marked."""
    classes = "article error" if result.error else "article"
    head = f'<section class="{classes}" id="a-{number}"><h2>{escape(result.source)}</h2>'
    if result.error:
        return head + f'<p>Could not be read: <strong>{escape(result.error)}</strong></p></section>'
    if result.text is None:
        raise ValueError(f"{result.source}: no text to highlight (extract with keep_text=True)")
    spans = collect_spans(result.records, f"ev-{number}")
    count = len(result.records)
    parts = [head, f'<p class="muted">{count} record{"" if count == 1 else "s"}'
                   + (f" · {escape(result.encoding)}" if result.encoding else "") + "</p>"]
    if result.records:
        header = "".join(f"<th>{c}</th>" for c in RECORD_COLUMNS)
        rows = "".join(record_row(n, r, spans, gazetteer) for n, r in enumerate(result.records, 1))
        parts.append(f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>")
    parts.append(f'<div class="text">{highlight(result.text, spans, numbered=count > 1)}</div></section>')
    return "".join(parts)


# ---------------------------------------------------------------- the page


ARROWS = {"improved": "▲", "declined": "▼", "unchanged": "="}


def councils_section(results: list[ArticleResult], anchors: dict[str, str], gazetteer: Gazetteer) -> str:
    """Each council's inspections across the articles (see `timeline`), each linked to its articles."""
    histories = build_timeline(r for result in results for r in result.records)
    if not histories:
        return ""
    rows = []
    for history in histories:
        region = gazetteer.region(history.council) if history.ons_code else None
        events = []
        for event in history.events:
            what = " ".join(filter(None, [escape(event.date or "undated"), event.inspection_type,
                                          event.grade and _grade(event.grade), "(prior)" if event.derived else ""]))
            arrow = (f'<span class="{event.direction}" title="{event.direction}">{ARROWS[event.direction]}</span> '
                     if event.direction else "")
            links = " ".join(f'<a href="#{anchors[s]}" title="{escape(s)}">[{n}]</a>'
                             for n, s in enumerate(event.sources, 1))
            events.append(f'<span class="event">{arrow}{what} {links}</span>')
        rows.append(f"<tr><td>{escape(history.council)}</td><td>{escape(history.ons_code or 'not in gazetteer')}"
                    f"</td><td>{escape(region or '')}</td><td>{' → '.join(events)}</td></tr>")
    return ('<section class="councils" id="councils"><h2>Councils</h2><table><thead><tr><th>council</th>'
            "<th>GSS code</th><th>region</th><th>inspections, oldest first (links: the articles)</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def render_report(results: Iterable[ArticleResult], gazetteer: Gazetteer | None = None) -> str:
    """The whole page for results of `extract_many(..., keep_text=True)`, in input order."""
    results = list(results)
    gazetteer = gazetteer or Gazetteer.load()
    anchors = {r.source: f"a-{n}" for n, r in enumerate(results, 1)}
    errors = [(n, r) for n, r in enumerate(results, 1) if r.error]
    records = sum(len(r.records) for r in results)
    summary = (f"{len(results)} input{'' if len(results) == 1 else 's'} · {records} record"
               f"{'' if records == 1 else 's'} · {len(errors)} could not be read")
    legend = "".join(f'<mark class="k-{k}">{k}</mark>' for k in ("council", "type", "grade", "date", "prior"))
    error_list = "" if not errors else (
        '<section class="errors"><h2>Inputs that could not be read</h2><ul>'
        + "".join(f'<li><a href="#a-{n}">{escape(r.source)}</a>: {escape(r.error or "")}</li>' for n, r in errors)
        + "</ul></section>")
    toc = "".join(f'<li><a href="#a-{n}">{escape(r.source)}</a> <span class="muted">'
                  f'{escape(r.error) if r.error else len(r.records)}</span></li>' for n, r in enumerate(results, 1))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>Ofsted inspection records: review</title><style>{CSS}</style></head><body><main>"
            f"<h1>Ofsted inspection records: review</h1><p>{summary}</p>"
            f'<p class="legend muted">Evidence: {legend} Each value in a table links to its words in the text.</p>'
            f"{error_list}<details><summary>Articles</summary><ol>{toc}</ol></details>"
            f"{councils_section(results, anchors, gazetteer)}"
            + "".join(article_section(n, r, gazetteer) for n, r in enumerate(results, 1))
            + "</main></body></html>\n")
