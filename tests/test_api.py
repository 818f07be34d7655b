"""The Python API as sound as the CLI (issue 12): paths as str or PathLike, folders walked, a bare string
refused, and the timeline's types serialising exactly as the CLI's JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import ofsted_extract
from ofsted_extract import extract_many
from ofsted_extract.cli import cli

ARTICLES = {
    "a.txt": "Ofsted has rated Rutland County Council's children's services 'good' after an inspection in May "
             "2019. The council had been judged inadequate in 2015.\n",
    "sub/b.txt": "Rutland's children's services were judged good by Ofsted after an inspection in May 2019.\n",
    "sub/notes.md": "Ofsted has rated Kent County Council's children's services 'good'.\n",
}


@pytest.fixture
def folder(tmp_path: Path, nlp) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def test_paths_may_be_pathlike(folder: Path) -> None:
    (result,) = list(extract_many([folder / "a.txt"]))
    assert result.error is None and [r.council for r in result.records] == ["Rutland"]
    assert result.source == str(folder / "a.txt")


def test_folders_are_walked_as_the_cli_walks_them(folder: Path) -> None:
    sources = [r.source for r in extract_many([str(folder)])]
    assert sources == [str(folder / "a.txt"), str(folder / "sub" / "b.txt")]
    assert [r.source for r in extract_many([folder], globs=("*.md",))] == [str(folder / "sub" / "notes.md")]
    (missing,) = list(extract_many([folder / "missing.txt"]))
    assert missing.error == "no such file or directory"


@pytest.mark.parametrize("bare", ["samples/", Path("samples"), b"samples"])
def test_a_bare_path_is_refused_at_the_call(bare) -> None:
    with pytest.raises(TypeError, match=r"a list of paths, not one path"):
        extract_many(bare)


def test_timeline_and_report_are_exported_and_serialise_as_the_cli_does(folder: Path) -> None:
    from ofsted_extract import build_timeline, render_report

    results = list(extract_many([folder], keep_text=True))
    histories = build_timeline(record for result in results for record in result.records)
    cli_json = json.loads(CliRunner().invoke(cli, ["timeline", "--format", "json", "-q", str(folder)]).stdout)
    assert [h.model_dump(mode="json") for h in histories] == cli_json
    assert json.loads(histories[0].model_dump_json()) == cli_json[0]
    assert list(histories[0].events[-1].model_dump()) == [
        "date", "inspection_type", "grade", "direction", "derived", "judgements", "inspection_date",
        "published_date", "article_date", "sources"]
    assert histories[0].ons_code == "E06000017" and histories[0].events[-1].date == "2019-05"
    assert render_report(results).startswith("<!DOCTYPE html>")
    assert {"build_timeline", "render_report"} <= set(ofsted_extract.__all__)
