"""Tests for the read stage (ofsted_extract.read)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ofsted_extract import read as read_mod
from ofsted_extract.errors import InputProblem
from ofsted_extract.read import (
    DEFAULT_GLOBS,
    SourceText,
    decode_bytes,
    expand_inputs,
    html_to_text,
    looks_like_html,
    read_source,
)

from conftest import recording_open

ARTICLE = "Ofsted rated Westmarsh Council’s children’s services “good”, saving £2m.\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def problem_of(source: str, **kwargs) -> InputProblem:
    with pytest.raises(InputProblem) as info:
        read_source(source, **kwargs)
    return info.value


def split(items):
    """expand_inputs output -> (paths, {source: reason})."""
    paths, problems = [], {}
    for item in items:
        if isinstance(item, InputProblem):
            problems[item.source] = item.reason
        else:
            paths.append(item)
    return paths, problems


def readable_despite_chmod(path: Path) -> bool:
    """True when chmod 000 does not stop us (running as root, or an odd filesystem)."""
    try:
        if path.is_dir():
            os.listdir(path)
        else:
            with open(path, "rb"):
                pass
    except PermissionError:
        return False
    return True


# --------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252"],
)
def test_each_encoding_decodes_to_the_text_and_reports_it(tmp_path, data, encoding):
    path = write(tmp_path / "article.txt", data)
    result = read_source(str(path))
    assert result == SourceText(
        source=str(path), text=ARTICLE, encoding=encoding, kind="text", metadata_date=None
    )
    assert "\ufeff" not in result.text  # the byte-order mark is not part of the text


def test_cp1252_curly_quotes_and_pound_are_not_mojibake():
    text, encoding = decode_bytes(b"\x93Good\x94 rating \x96 \xa35m for Westmarsh\x92s services")
    assert encoding == "cp1252"
    assert text == "“Good” rating – £5m for Westmarsh’s services"


def test_cp1252_replaces_only_the_undefined_bytes():
    data = b"caf\xe9 \x81 \x9d \x80 end"
    text, encoding = decode_bytes(data)
    assert encoding == "cp1252"
    assert text == "café \ufffd \ufffd € end"
    assert len(text) == len(data)  # one character per byte: offsets stay aligned


def test_text_is_not_normalised(tmp_path):
    raw = "Line one.\r\nLine  two.\r\n\r\nCafe\u0301\t£\n"
    path = write(tmp_path / "crlf.txt", raw)
    assert read_source(str(path)).text == raw


def test_invalid_utf16_after_bom_is_a_problem(tmp_path):
    path = write(tmp_path / "bad16.txt", b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xdc")
    assert "invalid UTF-16" in problem_of(str(path)).reason


def test_utf32_is_refused_not_misread_as_utf16():
    with pytest.raises(ValueError, match="UTF-32"):
        decode_bytes(b"\xff\xfe\x00\x00" + "text".encode("utf-32-le"))


# --------------------------------------------------------------------------
# Empty, whitespace, binary, size
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),
        (b" \n\t\r\n  \n", "only whitespace"),
        ("\u00a0\u3000\n".encode("utf-8"), "only whitespace"),
        (b"Ofsted\x00rated\x00good", "binary file (NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (JPEG image)"),
        (b"GIF89a\x01\x00\x01\x00", "binary file (GIF image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP archive)"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary file (gzip archive)"),
    ],
    ids=["empty", "bom-only", "whitespace", "unicode-whitespace", "nul", "png", "jpeg", "gif", "pdf", "zip", "gzip"],
)
def test_unreadable_contents_give_a_reason(tmp_path, data, reason):
    path = write(tmp_path / "input.txt", data)
    problem = problem_of(str(path))
    assert problem.source == str(path)
    assert problem.reason == reason
    assert str(problem) == f"{path}: {reason}"


def test_utf16_without_bom_is_binary_with_a_hint():
    with pytest.raises(ValueError, match=r"^binary file \(NUL bytes; UTF-16 without a byte-order mark"):
        decode_bytes(ARTICLE.encode("utf-16-le"))


def test_nul_bytes_after_utf8_bom_are_binary():
    with pytest.raises(ValueError, match=r"^binary file \(NUL bytes"):
        decode_bytes(b"\xef\xbb\xbfabc\x00def")


def test_too_big_file_is_refused_with_sizes(tmp_path):
    path = write(tmp_path / "big.txt", "x" * 101)
    problem = problem_of(str(path), max_bytes=100)
    assert problem.reason == "file is 101 bytes, over the --max-bytes limit of 100"


def test_file_at_the_limit_is_read(tmp_path):
    path = write(tmp_path / "exact.txt", "x" * 100)
    assert read_source(str(path), max_bytes=100).text == "x" * 100


def test_file_that_grows_after_the_size_check_is_still_bounded(tmp_path, monkeypatch):
    path = write(tmp_path / "growing.txt", "y" * 500)
    real_fstat = os.fstat

    def small_fstat(fd):
        st = real_fstat(fd)
        fake = list(st)
        fake[6] = 10  # st_size as it was "before the file grew"
        return os.stat_result(fake)

    reads: list[int] = []
    monkeypatch.setattr(read_mod.os, "fstat", small_fstat)
    monkeypatch.setattr(read_mod, "open", recording_open(reads), raising=False)
    problem = problem_of(str(path), max_bytes=100)
    assert "over the --max-bytes limit of 100" in problem.reason
    assert reads and all(0 <= size <= 101 for size in reads)  # never an unbounded read()


# --------------------------------------------------------------------------
# Paths that cannot be read
# --------------------------------------------------------------------------


def test_missing_path_from_expand_inputs(tmp_path):
    missing = str(tmp_path / "nope.txt")
    items = list(expand_inputs([missing]))
    assert len(items) == 1
    assert isinstance(items[0], InputProblem)
    assert (items[0].source, items[0].reason) == (missing, "no such file or directory")


def test_missing_path_from_read_source(tmp_path):
    assert problem_of(str(tmp_path / "nope.txt")).reason.startswith("no such file")


def test_directory_passed_to_read_source(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    assert problem_of(str(folder)).reason == "is a directory"


def test_file_deleted_between_listing_and_reading(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE)
    listed = list(expand_inputs([str(tmp_path)]))
    assert listed == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    (tmp_path / "a.txt").unlink()
    problem = problem_of(listed[0])
    assert (problem.source, problem.reason) == (str(tmp_path / "a.txt"), "no such file (deleted while reading?)")
    assert read_source(listed[1]).text == ARTICLE


def test_unreadable_file(tmp_path):
    path = write(tmp_path / "secret.txt", ARTICLE)
    path.chmod(0)
    try:
        if readable_despite_chmod(path):
            pytest.skip("chmod 000 does not stop this user (root?)")
        assert problem_of(str(path)).reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_unreadable_folder_inside_a_walk_is_reported(tmp_path):
    write(tmp_path / "ok.txt", ARTICLE)
    locked = tmp_path / "locked"
    write(locked / "hidden.txt", ARTICLE)
    locked.chmod(0)
    try:
        if readable_despite_chmod(locked):
            pytest.skip("chmod 000 does not stop this user (root?)")
        paths, problems = split(expand_inputs([str(tmp_path)]))
        assert paths == [str(tmp_path / "ok.txt")]
        assert problems == {str(locked): "permission denied (cannot list folder)"}
    finally:
        locked.chmod(0o755)


def test_permission_denied_on_open_is_a_problem_even_as_root(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", ARTICLE)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(read_mod, "open", denied, raising=False)
    problem = problem_of(str(path))
    assert (problem.source, problem.reason) == (str(path), "permission denied")


def test_permission_denied_on_listing_is_a_problem_even_as_root(tmp_path, monkeypatch):
    write(tmp_path / "ok.txt", ARTICLE)
    locked = tmp_path / "locked"
    write(locked / "hidden.txt", ARTICLE)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(read_mod.os, "scandir", scandir)
    paths, problems = split(expand_inputs([str(tmp_path)]))
    assert paths == [str(tmp_path / "ok.txt")]
    assert problems == {str(locked): "permission denied (cannot list folder)"}


def test_other_os_errors_become_problems(tmp_path, monkeypatch):
    path = write(tmp_path / "flaky.txt", ARTICLE)

    def io_error(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(read_mod, "open", io_error, raising=False)
    assert problem_of(str(path)).reason == "input/output error"


# --------------------------------------------------------------------------
# Walking folders
# --------------------------------------------------------------------------


def test_recursive_walk_with_globs_sorted_independent_of_creation_order(tmp_path):
    names = ["z.txt", "b/c.html", "a.htm", "b/a/deep.txt", "b-side.txt", "notes.md", "b/skip.pdf", "B.TXT"]
    root_one, root_two = tmp_path / "one", tmp_path / "two"
    for name in names:
        write(root_one / name, ARTICLE)
    for name in reversed(names):
        write(root_two / name, ARTICLE)

    expected = ["B.TXT", "a.htm", "b/a/deep.txt", "b/c.html", "b-side.txt", "z.txt"]
    for root in (root_one, root_two):
        paths, problems = split(expand_inputs([str(root)]))
        assert problems == {}
        assert paths == [str(root / name) for name in expected]


def test_walk_order_does_not_depend_on_the_os_listing(tmp_path, monkeypatch):
    for name in ["c.txt", "a.txt", "sub/b.txt", "b.txt"]:
        write(tmp_path / name, ARTICLE)
    normal = list(expand_inputs([str(tmp_path)]))

    real_scandir = os.scandir

    class ReversedScandir:
        def __init__(self, path):
            with real_scandir(path) as it:
                self.entries = sorted(it, key=lambda e: e.name, reverse=True)

        def __enter__(self):
            return iter(self.entries)

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(read_mod.os, "scandir", ReversedScandir)
    assert list(expand_inputs([str(tmp_path)])) == normal
    assert normal == [str(tmp_path / n) for n in ["a.txt", "b.txt", "c.txt", "sub/b.txt"]]


def test_custom_globs(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.md", ARTICLE)
    write(tmp_path / "sub" / "c.MD", ARTICLE)
    assert list(expand_inputs([str(tmp_path)], globs=["*.md"])) == [
        str(tmp_path / "b.md"),
        str(tmp_path / "sub" / "c.MD"),
    ]


def test_folder_with_no_matching_files_is_reported(tmp_path):
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff")
    write(tmp_path / "sub" / "notes.md", ARTICLE)
    items = list(expand_inputs([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], InputProblem)
    assert (items[0].source, items[0].reason) == (str(tmp_path), "no *.txt, *.html or *.htm files")


def test_empty_folder_with_custom_glob_names_it(tmp_path):
    _, problems = split(expand_inputs([str(tmp_path)], globs=["*.md"]))
    assert problems == {str(tmp_path): "no *.md files"}


def test_files_as_given_stdin_and_argument_order(tmp_path):
    odd = write(tmp_path / "article.markdown", ARTICLE)
    folder = tmp_path / "dir"
    write(folder / "x.txt", ARTICLE)
    missing = str(tmp_path / "missing.txt")
    items = list(expand_inputs([str(odd), "-", str(folder), missing, "-"]))
    assert items[:3] == [str(odd), "-", str(folder / "x.txt")]
    assert isinstance(items[3], InputProblem) and items[3].source == missing
    assert items[4] == "-"


def test_symlink_loop_to_parent_ends_and_lists_each_real_file_once(tmp_path):
    root = tmp_path / "articles"
    write(root / "a.txt", ARTICLE)
    write(root / "sub" / "b.txt", ARTICLE)
    os.symlink("..", root / "sub" / "loop")  # articles/sub/loop -> articles
    os.symlink(str(root), root / "self")  # articles/self -> articles (absolute)
    items = list(expand_inputs([str(root)]))
    assert items == [str(root / "a.txt"), str(root / "sub" / "b.txt")]


def test_unresolvable_links_are_reported_once(tmp_path):
    root = tmp_path / "articles"
    write(root / "a.txt", ARTICLE)
    os.symlink("spin.txt", root / "spin.txt")  # a link to itself: ELOOP
    os.symlink("gone.txt", root / "broken.txt")  # target does not exist
    os.symlink("gone.png", root / "broken.png")  # does not match a glob: not our business
    paths, problems = split(expand_inputs([str(root)]))
    assert paths == [str(root / "a.txt")]
    assert set(problems) == {str(root / "spin.txt"), str(root / "broken.txt")}
    assert "loop" in problems[str(root / "spin.txt")]
    assert "broken symbolic link" in problems[str(root / "broken.txt")]


def test_linked_folder_and_file_listed_under_the_real_path_once(tmp_path):
    root = tmp_path / "articles"
    write(root / "real" / "r.txt", ARTICLE)
    write(root / "z.txt", ARTICLE)
    os.symlink("real", root / "a_link")  # sorts before "real"
    os.symlink("z.txt", root / "y_alias.txt")  # same real file under a second name
    assert list(expand_inputs([str(root)])) == [str(root / "real" / "r.txt"), str(root / "y_alias.txt")]


def test_linked_folder_outside_the_tree_is_followed(tmp_path):
    outside = tmp_path / "outside"
    write(outside / "o.txt", ARTICLE)
    root = tmp_path / "articles"
    root.mkdir()
    os.symlink(str(outside), root / "more")
    assert list(expand_inputs([str(root)])) == [str(root / "more" / "o.txt")]


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Council children's services rated 'requires improvement' | Westmarsh Gazette</title>
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
</head>
<body>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe to the Westmarsh Gazette newsletter</a></li>
</ul></nav>
<div class="advert">Advertisement: buy cheap garden furniture at Greenway Outlet now</div>
<main><article>
<h1>Council children's services rated 'requires improvement'</h1>
<p>Children's services at the fictional Westmarsh Borough Council have been judged to require improvement to be good by Ofsted, following an inspection in February 2024.</p>
<div class="advert">Sponsored: win a holiday to Malta with Sunfly Tours</div>
<p>Inspectors found that leaders had made progress since the last inspection in 2021, when the service was rated inadequate, but said too many children waited too long for permanent homes.</p>
<p>The council's director of children's services, Priya Hallworth, said the authority welcomed the report and would act on its recommendations straight away.</p>
</article></main>
<aside><h3>Related stories</h3><ul>
<li><a href="/a">Eastfold council children's services rated inadequate by Ofsted</a></li>
</ul></aside>
<footer><p>Copyright 2024 Westmarsh Gazette Media Ltd. All rights reserved. Contact the newsroom.</p></footer>
</body></html>
"""

PARAGRAPHS = [
    "Children's services at the fictional Westmarsh Borough Council have been judged to require "
    "improvement to be good by Ofsted, following an inspection in February 2024.",
    "Inspectors found that leaders had made progress since the last inspection in 2021, when the "
    "service was rated inadequate, but said too many children waited too long for permanent homes.",
    "The council's director of children's services, Priya Hallworth, said the authority welcomed "
    "the report and would act on its recommendations straight away.",
]


def test_html_page_yields_article_paragraphs_not_boilerplate(tmp_path):
    path = write(tmp_path / "story.html", NEWS_PAGE)
    result = read_source(str(path))
    assert result.kind == "html"
    assert result.encoding == "utf-8"
    assert result.metadata_date == "2024-03-14"
    lines = result.text.split("\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in lines  # each paragraph is its own line
    for boilerplate in ["Subscribe", "Home", "Greenway", "Sunfly", "Copyright", "Eastfold"]:
        assert boilerplate not in result.text


def test_html_short_story_drops_nav_and_most_read_teasers():
    # Pins favor_precision=True: without it trafilatura keeps the nav line and
    # the "Most read" teaser around a short story.
    page = (
        "<html><body><nav>Home | News | Sport</nav>"
        "<div id='story'>Ofsted rated Marlow Vale Council's children's services inadequate in a report "
        "published on Tuesday.<br><br>Inspectors said leaders had not acted quickly enough to protect "
        "children at risk of harm.<br>The council said it accepted the findings.</div>"
        "<div class='sidebar'><a href='/1'>Most read: Lorry crash on A38</a></div>"
        "<footer>(c) Vale Echo</footer></body></html>"
    )
    text, _ = html_to_text(page)
    assert text.split("\n") == [
        "Ofsted rated Marlow Vale Council's children's services inadequate in a report published on Tuesday.",
        "Inspectors said leaders had not acted quickly enough to protect children at risk of harm.",
        "The council said it accepted the findings.",
    ]


def test_html_tables_are_left_out():
    # Pins include_tables=False: a comparison table of other councils' ratings
    # is not this article's prose.
    page = (
        "<html><body><article><h1>How councils compare</h1><p>Ofsted has now inspected every council in "
        "the region, and Westmarsh Borough Council was rated good overall in its latest inspection.</p>"
        "<table><tr><th>Council</th><th>Rating</th></tr><tr><td>Northbridge Council</td><td>Outstanding</td></tr>"
        "<tr><td>Eastfold Council</td><td>Inadequate</td></tr></table><p>The council's leader said the result "
        "showed the hard work of its social workers had paid off across the whole service.</p></article></body></html>"
    )
    text, _ = html_to_text(page)
    assert "Westmarsh Borough Council was rated good" in text
    assert "hard work of its social workers" in text
    assert "Northbridge" not in text and "Eastfold" not in text


def test_html_date_comes_from_markup_not_body_text():
    page = NEWS_PAGE.replace(
        '<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">', ""
    ).replace("in February 2024.", "in May 2023, in a report published on 2 April 2024.")
    text, page_date = html_to_text(page)
    assert "2 April 2024" in text
    assert page_date is None


def test_html_in_cp1252_by_extension(tmp_path):
    page = "<html><body><article><p>" + "Ofsted said the council\x92s services were \x93good\x94. " * 5
    path = write(tmp_path / "old.HTM", page.encode("latin-1") + b"</p></article></body></html>")
    result = read_source(str(path))
    assert (result.kind, result.encoding) == ("html", "cp1252")
    assert "council’s services were “good”" in result.text


def test_html_with_no_article_text(tmp_path):
    path = write(tmp_path / "blank.html", "<!doctype html><html><head><title>x</title></head><body></body></html>")
    assert problem_of(str(path)).reason == "HTML with no article text"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div><p>Ofsted rated Fenbury Council <b>children's services <i>good<p>Inspectors praised <div>social workers<table><tr><td>x",
        "<!doctype html><html><body><p>Unclosed &bogus; &#xD800; entity <a href='",
        "<html><<<>>></p></div></body></html></html><p>stray close tags first",
        '<?xml version="1.0" encoding="utf-8"?><html><body><article><p>Declared encoding in a str.</p></article></body></html>',
        "<html>" + "<div>" * 3000 + "deeply nested text",
        "<html><body><script>var a = '</p>';</script><style>p{}</style><p>After script",
    ],
    ids=["unclosed", "bad-entities", "stray-closers", "xml-declaration", "deep", "script"],
)
def test_malformed_html_gives_text_or_a_clean_problem(tmp_path, page):
    path = write(tmp_path / "broken.html", page)
    try:
        result = read_source(str(path))
    except InputProblem as problem:
        assert problem.reason == "HTML with no article text"
    else:
        assert result.kind == "html"
        assert isinstance(result.text, str) and result.text.strip()
        assert result.metadata_date is None


def test_malformed_html_keeps_readable_text():
    text, _ = html_to_text(
        "<html><body><div><p>Ofsted rated Fenbury Council <b>children's services <i>good"
        "<p>The inspection took place in May 2023 and inspectors praised social workers"
    )
    assert "Ofsted rated Fenbury Council children's services good" in text
    assert "inspectors praised social workers" in text


def test_txt_file_containing_html_stays_text(tmp_path):
    path = write(tmp_path / "raw.txt", NEWS_PAGE)
    result = read_source(str(path))
    assert result.kind == "text"
    assert result.text == NEWS_PAGE


def test_unknown_extension_is_sniffed(tmp_path):
    page = write(tmp_path / "download", "\n  " + NEWS_PAGE)
    plain = write(tmp_path / "notes.md", "<b>not</b> a page\n")
    assert read_source(str(page)).kind == "html"
    assert read_source(str(plain)).kind == "text"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.html", "plain words", True),
        ("A.HTM", "plain words", True),
        ("a.txt", "<!DOCTYPE html><html>", False),
        ("-", "  \n<!DocType HTML>\n<html>", True),
        ("-", "<html lang='en'>", True),
        ("-", "<HTML>", True),
        ("-", '<?xml version="1.0"?>\n<!-- saved page -->\n<html>', True),
        ("-", "<htmlish>", False),
        ("-", "Ofsted said <html> is not a rating", False),
        ("page.php", "<!doctype html>", True),
        ("page.php", "<p>fragment</p>", False),
    ],
)
def test_looks_like_html(name, text, expected):
    assert looks_like_html(name, text) is expected


# --------------------------------------------------------------------------
# stdin
# --------------------------------------------------------------------------


def test_stdin_text_from_bytes():
    result = read_source("-", stdin=io.BytesIO(ARTICLE.encode("cp1252")))
    assert result == SourceText(source="-", text=ARTICLE, encoding="cp1252", kind="text", metadata_date=None)


def test_stdin_html_is_sniffed():
    result = read_source("-", stdin=io.BytesIO(NEWS_PAGE.encode("utf-8")))
    assert result.kind == "html"
    assert result.metadata_date == "2024-03-14"
    assert PARAGRAPHS[0] in result.text


def test_stdin_is_bounded_by_max_bytes():
    stream = io.BytesIO(b"z" * 1000)
    with pytest.raises(InputProblem) as info:
        read_source("-", stdin=stream, max_bytes=10)
    assert info.value.source == "-"
    assert "over the --max-bytes limit of 10" in info.value.reason
    assert stream.tell() == 11  # read at most max_bytes + 1, not the whole stream


def test_stdin_empty():
    with pytest.raises(InputProblem, match="^-: empty file$"):
        read_source("-", stdin=io.BytesIO(b""))


def test_default_globs_are_the_documented_ones():
    assert DEFAULT_GLOBS == ("*.txt", "*.html", "*.htm")
