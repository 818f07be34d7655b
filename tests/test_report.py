"""The HTML review page: marks for every piece of evidence (shared, nested and crossing spans), links from
each field to its mark, escaping, unreadable inputs, and the `report` command on fresh and corpus articles."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.api import ArticleResult, extract_many
from ofsted_extract.cli import cli
from ofsted_extract.models import Evidence, InspectionRecord
from ofsted_extract.read import expand_inputs
from ofsted_extract.report import collect_spans, highlight, render_report


class Page(HTMLParser):
    """What a review page holds: marks by span, each article's record rows (their links) and text, every tag."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.ids: Counter[str] = Counter()
        self.urls: list[str] = []
        self.fragments: dict[str, list[dict]] = defaultdict(list)
        self.rows: dict[str, list[list[str]]] = defaultdict(list)
        self.texts: dict[str, str] = defaultdict(str)
        self._open: list[dict] = []
        self._section: str | None = None
        self._row: list[str] | None = None
        self._cells = 0
        self._in_text = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags[tag] += 1
        if "id" in a:
            self.ids[a["id"]] += 1
        self.urls += [a[k] for k in ("href", "src") if a.get(k)]
        if tag == "section":
            self._section = a.get("id")
        elif tag == "div" and a.get("class") == "text":
            self._in_text = True
        elif tag == "tr":
            self._row, self._cells = [], 0
        elif tag == "td":
            self._cells += 1
        elif tag == "a" and self._row is not None and a.get("href", "").startswith("#ev-"):
            self._row.append(a["href"][1:])
        elif tag == "mark" and "data-ev" in a:
            fragment = {"text": "", "id": a.get("id"), "label": a.get("data-label"), "section": self._section}
            self.fragments[a["data-ev"]].append(fragment)
            self._open.append(fragment)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._open:
            self._open.pop()
        elif tag == "div":
            self._in_text = False
        elif tag == "tr" and self._row is not None:
            if self._cells and (self._section or "").startswith("a-"):
                self.rows[self._section].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        for fragment in self._open:
            fragment["text"] += data
        if self._in_text:
            self.texts[self._section] += data

    def mark_text(self, span_id: str) -> str:
        return "".join(f["text"] for f in self.fragments[span_id])


def evidence(text: str, words: str, start: int | None = None) -> Evidence:
    start = text.index(words) if start is None else start
    return Evidence(text=words, start=start, end=start + len(words))


TEXT = "Ofsted rated Derbyshire and Sefton 'good' after visits in May 2019 & June 2019 <b>(final)</b>."


def two_records() -> list[InspectionRecord]:
    """Two councils sharing one grade, a year nested in a date, and a type span crossing the date."""
    shared = {"grade": evidence(TEXT, "good"), "inspection_date": evidence(TEXT, "May 2019")}
    derbyshire = InspectionRecord(
        source="a.txt", council="Derbyshire", ons_code="E10000007", grade="good", inspection_date="2019-05",
        inspection_type="full", prior_year=2019, confidence=0.8,
        evidence={"council": evidence(TEXT, "Derbyshire"), **shared, "prior_year": evidence(TEXT, "2019"),
                  "inspection_type": evidence(TEXT, "visits in May")})
    sefton = InspectionRecord(
        source="a.txt", council="Sefton", ons_code="E08000014", grade="good", inspection_date="2019-05",
        article_date="2019-07-01", confidence=0.8,
        evidence={"council": evidence(TEXT, "Sefton"), **shared,
                  "article_date": Evidence(text="2019-07-01", origin="html-metadata")})
    return [derbyshire, sefton]


def test_every_span_is_marked_once_with_exactly_its_words_and_the_text_is_unchanged():
    records = two_records()
    spans = collect_spans(records, "ev-1")
    page = Page(f'<div class="text">{highlight(TEXT, spans, numbered=True)}</div>')
    assert page.texts[None] == TEXT  # escaped, not interpreted: "<b>" stays text
    assert page.tags["b"] == 0
    for record in records:
        for ev in record.evidence.values():
            if ev.origin == "text":
                (span,) = [s for s in spans if (s.start, s.end) == (ev.start, ev.end)]
                assert page.mark_text(span.id) == ev.text
                assert page.ids[span.id] == 1
    assert len(spans) == 6  # the shared grade and date are one span each


def test_shared_nested_and_crossing_spans():
    spans = {s.start: s for s in collect_spans(two_records(), "ev-1")}
    page = Page(highlight(TEXT, list(spans.values()), numbered=True))

    def pieces(words: str, start: int | None = None) -> list[tuple[str, bool, str | None]]:
        span = spans[TEXT.index(words) if start is None else start]
        return [(f["text"], f["id"] == span.id, f["label"]) for f in page.fragments[span.id]]

    assert spans[TEXT.index("good")].fields == [(1, "grade"), (2, "grade")]
    assert pieces("good") == [("good", True, "grade #1 #2")]
    # "visits in May" opens first; "May 2019" crosses its end, so it is split, its id on the first piece
    assert pieces("visits in May") == [("visits in May", True, "type #1")]
    assert pieces("May 2019") == [("May", True, None), (" 2019", False, "inspected #1 #2")]
    # "2019" nests inside the second piece
    assert pieces("2019", TEXT.index("May 2019") + 4) == [("2019", True, "prior year #1")]


def test_an_empty_span_still_gets_a_mark():
    text = "Sefton news."
    record = InspectionRecord(source="a.txt", council="Sefton", confidence=0.5,
                              evidence={"council": Evidence(text="", start=6, end=6)})
    (span,) = collect_spans([record], "ev-1")
    page = Page(highlight(text, [span]))
    assert page.ids[span.id] == 1 and page.fragments[span.id][0]["label"] == "council"


def test_render_report_links_fields_to_marks_and_labels_page_metadata():
    results = [ArticleResult("a.txt", two_records(), text=TEXT),
               ArticleResult("gone.txt", error="no such file or directory")]
    html = render_report(results)
    page = Page(html)
    assert page.rows["a-1"] and len(page.rows["a-1"]) == 2
    for row, record in zip(page.rows["a-1"], two_records()):
        linked = {page.mark_text(target) for target in row}
        assert linked == {ev.text for ev in record.evidence.values() if ev.origin == "text"}
    assert "2019-07-01 <span class=\"meta\"" in html and ">page metadata<" in html
    assert "E08000014 · North West" in html  # GSS code and region
    assert "Could not be read: <strong>no such file or directory</strong>" in html
    assert page.tags["script"] == page.tags["link"] == 0
    assert all(url.startswith("#") for url in page.urls)


def test_render_report_needs_the_text():
    with pytest.raises(ValueError, match="keep_text"):
        render_report([ArticleResult("a.txt", two_records())])


# ---------------------------------------------------------------- the command

ARTICLES = {
    "derbyshire.txt": "Ofsted has rated Derbyshire County Council's children's services 'inadequate' after "
                      "inspectors visited in May 2019. Adoption performance was judged good.\n",
    "hostile.txt": "<script>alert('x')</script> Lewisham Council's children's services have been rated "
                   "'good' by Ofsted following an inspection in March 2019 & the mayor was pleased.\n",
    "page.html": "<!DOCTYPE html><html><head><title>News</title>"
                 '<meta property="article:published_time" content="2019-06-12T09:00:00+01:00"></head>'
                 "<body><article><h1>Sefton children's services rated requires improvement</h1>"
                 "<p>Ofsted has judged Sefton Council's children's services as requiring improvement to be good "
                 "after an inspection in April 2019.</p><p>The council said it would publish a plan.</p>"
                 "</article></body></html>",
}


@pytest.fixture
def folder(tmp_path: Path, nlp) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    return articles


def test_report_command_writes_a_self_contained_page_with_every_evidence_linked(folder: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    missing = str(folder / "missing.txt")
    result = CliRunner().invoke(cli, ["report", str(folder), missing, "-o", str(out)])
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.stderr
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    assert page.tags["script"] == page.tags["link"] == page.tags["img"] == 0
    assert all(url.startswith("#") for url in page.urls)
    assert all(count == 1 for count in page.ids.values())
    assert "alert(&#x27;x&#x27;)" in html and "&amp; the mayor" in html

    records = json.loads(CliRunner().invoke(cli, ["extract", "--format", "json", "-q", str(folder)]).stdout)
    by_source = defaultdict(list)
    for record in records:
        by_source[Path(record["source"]).name].append(record)
    assert set(by_source) == {"derbyshire.txt", "hostile.txt", "page.html"}
    sections = {Path(s).name: f"a-{n}" for n, s in enumerate(sorted(by_source), 1)}
    for name, recs in by_source.items():
        rows = page.rows[sections[name]]
        assert len(rows) == len(recs)
        for row, record in zip(rows, recs):
            text_evidence = [e["text"] for e in record["evidence"].values() if e["origin"] == "text"]
            assert sorted(page.mark_text(target) for target in row) == sorted(text_evidence)
    assert "page metadata" in html  # page.html's date comes from its <meta>
    assert "Could not be read: <strong>no such file or directory</strong>" in html
    assert re.search(r'<li><a href="#a-4">[^<]*missing\.txt</a>: no such file or directory</li>', html)


def test_report_command_without_output_writes_the_page_to_stdout(folder: Path):
    result = CliRunner().invoke(cli, ["report", "-q", str(folder / "derbyshire.txt")])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("<!DOCTYPE html>") and "Derbyshire" in result.stdout


def test_dev_corpus_report_highlights_every_records_evidence(shared_corpus: Path, nlp):
    results = list(extract_many(expand_inputs([str(shared_corpus)]), keep_text=True))
    page = Page(render_report(results))
    checked = 0
    for number, result in enumerate(results, 1):
        assert not result.error, result.source
        rows = page.rows[f"a-{number}"]
        assert len(rows) == len(result.records), result.source
        for row, record in zip(rows, result.records):
            marked = sorted(page.mark_text(target) for target in row)
            assert marked == sorted(e.text for e in record.evidence.values() if e.origin == "text"), result.source
            checked += len(marked)
        assert page.texts[f"a-{number}"] == result.text
    assert checked > 300
