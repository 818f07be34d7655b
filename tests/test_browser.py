"""The review page in a real browser: Debian's headless Chromium, driven by Playwright (never its own browser
download), opens a report, finds the marks and the record table in the DOM, follows a link, and takes a
screenshot that must not be blank. Skipped without /usr/bin/chromium, except under CI, where that fails."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ofsted_extract.cli import cli

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
#: What this machine needs: no sandbox as root, no GPU, and nothing that reaches for the network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

ARTICLES = {
    "derbyshire.txt": "Ofsted has rated Derbyshire County Council's children's services 'inadequate' after "
                      "inspectors visited in May 2019. Adoption performance was judged good.\n",
    "lewisham.txt": "Lewisham Council's children's services have been rated 'good' by Ofsted following an "
                    "inspection in March 2019. The council had been judged to require improvement in 2015.\n",
}


def needed(available: bool, what: str) -> None:
    if not available:
        if "CI" in os.environ:
            pytest.fail(f"{what} is missing but CI is set", pytrace=False)
        pytest.skip(f"{what} is missing")


@pytest.fixture
def browser_page(tmp_path: Path):
    """A fresh Chromium page (its own profile in tmp_path) and the console errors it logs."""
    needed(CHROMIUM.is_file(), str(CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        needed(False, "the playwright package (pip install '.[test]')")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900})
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda request: request.url.startswith("file:") or problems.append(request.url))
        yield page, problems
        context.close()


def test_report_in_chromium(tmp_path: Path, browser_page, nlp):
    from PIL import Image

    page, problems = browser_page
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-q", *(str(tmp_path / n) for n in ARTICLES), "-o", str(report)])
    assert result.exit_code == 0, result.output

    page.goto(report.as_uri())
    assert page.locator("section.article tbody tr").count() == 2  # one record per article
    marks = page.locator("section.article mark[data-ev]")
    assert marks.count() >= 6
    assert page.locator("mark[id]").first.evaluate("m => getComputedStyle(m, '::after').content") != "none"
    # every field link lands on a mark, and following one targets it
    dangling = page.evaluate("""[...document.querySelectorAll('a[href^="#ev-"]')]
        .filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length""")
    assert dangling == 0
    link = page.locator('section.article a[href^="#ev-"]').first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("document.querySelector(':target').id") == target[1:]
    assert page.locator(f"mark{target}").inner_text().strip()

    image = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
    assert image.width >= 1280
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20, "the screenshot is (nearly) one colour"
    assert problems == []


def test_the_dev_corpus_report_in_chromium(tmp_path: Path, browser_page, shared_corpus: Path, nlp):
    """Issue 7's done-when: the dev corpus report opens with no console errors and every record's evidence
    (each text span the records cite) is a mark in the rendered page."""
    import json

    page, problems = browser_page
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-q", str(shared_corpus), "-o", str(report)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in
               CliRunner().invoke(cli, ["--format", "jsonl", "-q", str(shared_corpus)]).stdout.splitlines()]

    page.goto(report.as_uri())
    assert page.locator("section.article tbody tr").count() == len(records)
    # the text each mark covers, with its article, as the browser lays it out
    shown = page.evaluate("""[...document.querySelectorAll('section.article')].map(s => [
        s.querySelector('h2').textContent.trim(),
        [...s.querySelectorAll('mark[data-ev]')].map(m => m.textContent)])""")
    marked = {(source, text) for source, texts in shown for text in texts}
    missing = [(r["source"], e["text"]) for r in records for e in r["evidence"].values()
               if e["origin"] == "text" and not any(s == r["source"] and e["text"] in m for s, m in marked)]
    assert len(records) > 50 and missing == []
    assert problems == []
