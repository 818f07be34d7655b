"""The tool as a Unix citizen (issue 4): a real `| head -1` pipe, --jobs output identity, HTML equal to text.

These run the installed console script in subprocesses, as a shell user
would, because pipes and worker processes are what CliRunner cannot show.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from ofsted_extract.cli import cli
from ofsted_extract.models import InspectionRecord

from conftest import OFSTED_EXTRACT

ARTICLE_PARAGRAPHS = [
    "Ofsted has rated Wokingham Borough Council's children's services 'good' after a three-week inspection "
    "in February 2024.",
    "Inspectors said help and protection for children was good, and that leaders had a firm grip on practice.",
    "The council had been rated requires improvement at its previous inspection in 2019.",
]


def test_head_1_gets_one_record_and_the_tool_ends_quietly(shared_corpus: Path) -> None:
    tool = subprocess.Popen([str(OFSTED_EXTRACT), "--format", "jsonl", str(shared_corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.run(["head", "-1"], stdin=tool.stdout, capture_output=True, text=True, timeout=300)
    tool.stdout.close()  # only head reads it now, so the tool sees the pipe close
    stderr = tool.stderr.read().decode()
    assert tool.wait(timeout=300) == 0, stderr
    lines = head.stdout.splitlines()
    assert len(lines) == 1
    InspectionRecord.model_validate(json.loads(lines[0]))
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def test_jobs_2_output_is_byte_identical_to_jobs_1(shared_corpus: Path) -> None:
    outputs = [subprocess.run([str(OFSTED_EXTRACT), "--format", "jsonl", "-q", "-j", jobs, str(shared_corpus)],
                              capture_output=True, check=True, timeout=600).stdout for jobs in ("1", "2")]
    assert outputs[0].count(b"\n") > 50
    assert outputs[0] == outputs[1]


def html_page(paragraphs: list[str]) -> str:
    """The article inside navigation, adverts, a cookie banner, related links and a footer."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Council children's services rated good | Berkshire News</title>
<meta property="article:published_time" content="2024-03-14T09:30:00Z"></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Accept</a></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/education">Education</a></li></ul></nav></header>
<aside class="advert">Advertisement: Compare energy deals in Reading today and save up to 200 pounds.</aside>
<main><article>
<h1>Council children's services rated good</h1>
<p class="byline">By a staff reporter, 14 March 2024</p>
{body}</article>
<aside class="related"><h2>Most read</h2><ul><li><a href="/a">Bus route to be cut from April</a></li>
<li><a href="/b">New leisure centre opens its doors</a></li><li><a href="/c">Ofsted rates primary school outstanding</a></li></ul></aside>
</main>
<footer><p>Berkshire News is part of a regional group. All rights reserved. Contact us | Terms | Privacy</p></footer>
</body></html>
"""


def comparable(record: dict) -> dict:
    """A record without its source, evidence offsets (the HTML's main text is laid out differently) and
    the article date's evidence (from the page's metadata for HTML, from the dateline for text)."""
    data = dict(record)
    data.pop("source")
    data["evidence"] = {key: value["text"] for key, value in data["evidence"].items() if key != "article_date"}
    return data


def test_an_html_page_yields_the_same_records_as_its_plain_text(tmp_path: Path, nlp) -> None:
    text = "Council children's services rated good\n\n14 March 2024\n\n" + "\n\n".join(ARTICLE_PARAGRAPHS) + "\n"
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / "article.html").write_text(html_page(ARTICLE_PARAGRAPHS), encoding="utf-8")
    found = {}
    for name in ("article.txt", "article.html"):  # the HTML last: its article date is checked after the loop
        result = CliRunner().invoke(cli, ["--format", "jsonl", "-q", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        records = [json.loads(line) for line in result.stdout.splitlines()]
        found[name] = [comparable(r) for r in records]
    assert records[0]["evidence"]["article_date"] == {
        "text": "2024-03-14", "start": None, "end": None, "sentence": None, "sentence_start": None,
        "sentence_end": None, "origin": "html-metadata"}
    assert len(found["article.txt"]) == 1
    record = found["article.txt"][0]
    assert (record["council"], record["grade"], record["inspection_date"]) == ("Wokingham", "good", "2024-02")
    assert (record["prior_grade"], record["prior_year"], record["article_date"]) == ("requires_improvement", 2019,
                                                                                    "2024-03-14")
    assert found["article.html"] == found["article.txt"]
