"""Read stage: paths in, article texts (or one-line input problems) out.

Every input ends up as exactly one of two things: a :class:`SourceText`, or an
:class:`~ofsted_extract.errors.InputProblem` whose ``reason`` is a short phrase
printed after the path. Nothing is skipped without a report.

* :func:`expand_inputs` turns command-line arguments into a stream of paths
  (folders are walked recursively, in sorted order) and problems.
* :func:`read_source` reads one path (or ``"-"`` for stdin), decodes it and,
  for HTML, extracts the main article text with trafilatura.

The text of a plain-text source is the decoded file exactly as it is (line
endings and all), because character offsets in the extraction output index it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO, Literal

from .errors import InputProblem

__all__ = [
    "DEFAULT_GLOBS",
    "DEFAULT_MAX_BYTES",
    "SourceText",
    "decode_bytes",
    "decode_with_warning",
    "expand_inputs",
    "html_to_text",
    "looks_like_html",
    "read_source",
]

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.html", "*.htm")
#: Documented limit on one input; larger files are refused with a clear reason.
DEFAULT_MAX_BYTES = 10_000_000

STDIN = "-"

HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})


@dataclass(frozen=True)
class SourceText:
    """One readable input.

    ``source`` is the path as the user gave it (or as found under a folder they
    gave), ``"-"`` for stdin. ``text`` is what extraction reads: the decoded
    file, not normalised, or for HTML trafilatura's main text with paragraphs
    separated by newlines. ``metadata_date`` is the HTML page's own date
    (ISO ``YYYY-MM-DD``) from its markup, else ``None``.
    """

    source: str
    text: str
    encoding: str
    kind: Literal["text", "html"]
    metadata_date: str | None = None
    #: something the reader should know though the input was read (a damaged UTF-8 tail)
    warning: str | None = None


# --------------------------------------------------------------------------
# Listing inputs
# --------------------------------------------------------------------------


def _os_reason(exc: OSError) -> str:
    """A short, lower-case reason for an OSError (no path: the caller has it)."""
    code = exc.errno
    if code == errno.ENOENT:
        return "no such file or directory"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ELOOP:
        return "symbolic link loop (the link cannot be resolved)"
    if code == errno.EISDIR:
        return "is a directory"
    if code == errno.ENOTDIR:
        return "not a directory (a part of the path is a file)"
    if code == errno.ENAMETOOLONG:
        return "file name too long"
    text = exc.strerror or str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _special_file(mode: int) -> str:
    """Why a folder's entry that is neither a file nor a folder is not read."""
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"not a regular file ({kind}; only files are read from folders, give it by name to read it)"


def _describe_globs(globs: Sequence[str]) -> str:
    """("*.txt", "*.html", "*.htm") -> "*.txt, *.html or *.htm"."""
    items = list(globs)
    if not items:
        return "matching"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


def _matches(name: str, globs: Sequence[str]) -> bool:
    # Case-insensitive on every OS: "REPORT.HTM" from Windows is still HTML.
    lowered = name.lower()
    return any(fnmatchcase(lowered, pattern.lower()) for pattern in globs)


def _sort_key(path: str) -> tuple[str, ...]:
    # By path components, so "a/b.txt" sorts with "a/" and not between "a-" and "a0".
    return Path(path).parts


def expand_inputs(
    paths: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS
) -> Iterator[str | InputProblem]:
    """Yield each input path to read, or an InputProblem for one that cannot be listed.

    * ``"-"`` passes through (stdin).
    * A file is yielded exactly as given, whatever its extension.
    * A folder is walked recursively; files whose name matches any of ``globs``
      (case-insensitively) are yielded, sorted by path. Symbolic links are
      followed, but each real folder is walked once, so a link back to a parent
      ends; a real file reached by two names is listed once (under the first
      name in sorted order). A matching link that cannot be resolved, a
      sub-folder that cannot be listed, and a matching entry that is not a
      regular file (a FIFO, which would block on opening; a socket, a device)
      become InputProblems in that order.
    * A folder with nothing to report yields
      ``InputProblem(folder, "no *.txt, *.html or *.htm files")``.
    * A missing path yields ``InputProblem(path, "no such file or directory")``.
    """
    for path in paths:
        if path == STDIN:
            yield path
            continue
        try:
            st = os.stat(path)
        except FileNotFoundError:
            if os.path.islink(path):
                yield InputProblem(path, "broken symbolic link (its target does not exist)")
            else:
                yield InputProblem(path, "no such file or directory")
            continue
        except OSError as exc:  # EACCES, ELOOP, ENOTDIR, ENAMETOOLONG: no file to read
            yield InputProblem(path, _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_folder(path, st, globs)
        else:
            yield path


def _walk_folder(
    root: str, root_stat: os.stat_result, globs: Sequence[str]
) -> Iterator[str | InputProblem]:
    """All matching files under ``root`` plus problems, sorted by path."""
    found: list[tuple[str, os.stat_result | None, InputProblem | None]] = []
    visited_dirs = {(root_stat.st_dev, root_stat.st_ino)}
    # Real sub-folders are walked before folders reached through a symbolic
    # link, so a file is listed under its real path when it has both.
    stack: list[Path] = [Path(root)]
    linked: list[Path] = []

    while stack or linked:
        if stack:
            folder = stack.pop()
        else:
            folder = linked.pop(0)
            try:
                st = os.stat(folder)
            except OSError as exc:  # the link went away or broke after listing
                found.append((str(folder), None, InputProblem(str(folder), _os_reason(exc))))
                continue
            key = (st.st_dev, st.st_ino)
            if key in visited_dirs:
                continue  # already walked under another name (e.g. a link to a parent)
            visited_dirs.add(key)

        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            found.append((str(folder), None, InputProblem(str(folder), "permission denied (cannot list folder)")))
            continue
        except FileNotFoundError:
            found.append((str(folder), None, InputProblem(str(folder), "no such folder (deleted while listing?)")))
            continue
        except OSError as exc:  # ENOTDIR if replaced by a file, EIO, ...
            found.append((str(folder), None, InputProblem(str(folder), _os_reason(exc))))
            continue

        subfolders: list[Path] = []
        for entry in entries:
            entry_path = folder / entry.name
            is_link = entry.is_symlink()
            try:
                st = entry.stat()  # follows symbolic links
            except FileNotFoundError:
                if _matches(entry.name, globs):
                    reason = (
                        "broken symbolic link (its target does not exist)"
                        if is_link
                        else "no such file (deleted while listing?)"
                    )
                    found.append((str(entry_path), None, InputProblem(str(entry_path), reason)))
                continue
            except OSError as exc:  # ELOOP for a link to itself, EACCES, ...
                if is_link or _matches(entry.name, globs):
                    found.append((str(entry_path), None, InputProblem(str(entry_path), _os_reason(exc))))
                continue

            if stat.S_ISDIR(st.st_mode):
                if is_link:
                    linked.append(entry_path)
                else:
                    key = (st.st_dev, st.st_ino)
                    if key not in visited_dirs:
                        visited_dirs.add(key)
                        subfolders.append(entry_path)
            elif _matches(entry.name, globs):
                if stat.S_ISREG(st.st_mode):
                    found.append((str(entry_path), st, None))
                else:  # opening a FIFO with no writer would block the whole run
                    found.append((str(entry_path), None, InputProblem(str(entry_path), _special_file(st.st_mode))))
        # Reverse so the stack pops sub-folders in name order (only the final
        # sort decides the output order; this keeps the walk predictable).
        stack.extend(reversed(subfolders))

    if not found:
        yield InputProblem(root, f"no {_describe_globs(globs)} files")
        return

    found.sort(key=lambda item: _sort_key(item[0]))
    seen_files: set[tuple[int, int]] = set()
    for path, st, problem in found:
        if problem is not None:
            yield problem
            continue
        assert st is not None
        key = (st.st_dev, st.st_ino)
        if key in seen_files:
            continue  # the same real file under a second name (symbolic or hard link)
        seen_files.add(key)
        yield path


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
)


def _nul_reason(data: bytes) -> str:
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # ASCII text in UTF-16 without a byte-order mark has a NUL in every other byte.
    if half >= 2 and max(even_nuls, odd_nuls) >= 0.9 * half and min(even_nuls, odd_nuls) <= 0.1 * half:
        return "binary file (NUL bytes; UTF-16 without a byte-order mark? re-save as UTF-8)"
    return "binary file (NUL bytes)"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode one input's bytes; return ``(text, encoding)`` (see :func:`decode_with_warning`)."""
    text, encoding, _ = decode_with_warning(data)
    return text, encoding


#: The warning for a UTF-8 file whose last character was cut off (a truncated download or copy).
CUT_TAIL = "the file ends in the middle of a UTF-8 character (a cut-off file?); the damaged end was replaced"


def _utf8(body: bytes) -> tuple[str, str | None]:
    """UTF-8 text, or UnicodeDecodeError; a character cut off at the very end is replaced, with a warning."""
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if exc.end != len(body) or exc.reason != "unexpected end of data":
            raise
        return body[:exc.start].decode("utf-8") + "\ufffd", CUT_TAIL


def decode_with_warning(data: bytes) -> tuple[str, str, str | None]:
    """Decode one input's bytes; return ``(text, encoding, warning)``.

    Order: UTF-8 with BOM ("utf-8-sig", BOM stripped); UTF-16 with a LE or BE
    BOM ("utf-16", BOM stripped); binary sniffing (magic numbers, then NUL
    bytes); valid UTF-8 ("utf-8"); otherwise cp1252 ("cp1252"), where only the
    five bytes cp1252 leaves undefined become U+FFFD. UTF-8 cut off inside its
    last character is UTF-8 with that character replaced, and ``warning`` says so.

    Raises ValueError whose message is the reason ("empty file", "only
    whitespace", "binary file (PNG image)", ...).
    """
    if not data:
        raise ValueError("empty file")
    warning = None

    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ValueError(f"binary file ({what})")

    if data.startswith(_UTF8_BOM):
        body = data[len(_UTF8_BOM):]
        if b"\x00" in body:
            raise ValueError(_nul_reason(body))
        try:
            (text, warning), encoding = _utf8(body), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-8 after a UTF-8 byte-order mark (byte {exc.start + 3})") from None
    elif data.startswith(_UTF32_BOMS):
        raise ValueError("UTF-32 text is not supported (re-save as UTF-8)")
    elif data.startswith(_UTF16_BOMS):
        try:
            # The "utf-16" codec reads the BOM, picks LE or BE and drops it.
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-16 after a UTF-16 byte-order mark ({exc.reason})") from None
    else:
        if b"\x00" in data:
            raise ValueError(_nul_reason(data))
        try:
            (text, warning), encoding = _utf8(data), "utf-8"
        except UnicodeDecodeError:
            # cp1252 defines all but 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so
            # "replace" only ever touches those (one character per byte).
            text, encoding = data.decode("cp1252", errors="replace"), "cp1252"

    if not text:
        raise ValueError("empty file")
    if text.isspace():
        raise ValueError("only whitespace")
    return text, encoding, warning


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_HTML_START = re.compile(
    r"""\A\s*
        (?:<\?xml[^>]*>\s*)?          # optional XML declaration (XHTML)
        (?:<!--.*?-->\s*)*            # leading comments
        <(?:!doctype\s+html\b|html\b)
    """,
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_SNIFF_CHARS = 8192
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def looks_like_html(name: str, text: str) -> bool:
    """True for .html/.htm files, False for .txt; otherwise (and for "-") sniff the text.

    Sniffing: after whitespace (and an optional XML declaration and comments),
    the text starts with ``<!doctype html`` or ``<html``, case-insensitively.
    """
    if name != STDIN:
        suffix = os.path.splitext(name)[1].lower()
        if suffix in HTML_SUFFIXES:
            return True
        if suffix in TEXT_SUFFIXES:
            return False
    return _HTML_START.match(text[:_SNIFF_CHARS]) is not None


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main article text and the page's own date, via trafilatura.

    Returns ``(text, date)``: paragraphs separated by newlines; ``date`` is ISO
    ``YYYY-MM-DD`` from the page's markup (meta tags, JSON-LD, <time>, URL) or
    None. Raises ValueError("HTML with no article text") if trafilatura finds
    no main text.

    Options:
    * ``favor_precision=True``: news pages surround the story with navigation,
      "related stories" and "most read" teasers, which often name *other*
      councils' Ofsted ratings; any of that text left in would become a
      confident but wrong record attributed to this page. Precision mode drops
      such short link-heavy blocks (nav lines leak into short articles without
      it) while keeping the story's paragraphs, list items and quotes.
    * ``include_comments=False``: reader comments are not the article.
    * ``include_tables=False``: tables on news pages are layout, league tables
      or sidebars far more often than the article's own prose.
    * ``extensive_search=False`` for the date: only dates the page declares in
      its markup. htmldate's extensive search also scans the body text and
      would report e.g. "inspected in May 2023" as the page date (2023-01-01).
    """
    import trafilatura  # lazy: importing trafilatura takes a noticeable time

    result = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={
            "original_date": True,  # publication date, not "last modified"
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
    if not result:
        raise ValueError("HTML with no article text")
    doc = json.loads(result)
    text = doc.get("text") or ""
    if not text.strip():
        raise ValueError("HTML with no article text")
    raw_date = doc.get("date")
    return text, _iso_date_or_none(raw_date)


def _iso_date_or_none(value: object) -> str | None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------
# Reading one source
# --------------------------------------------------------------------------


def _read_file(source: str, max_bytes: int) -> bytes:
    try:
        with open(source, "rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISDIR(st.st_mode):  # some platforms let a folder be opened
                raise InputProblem(source, "is a directory")
            if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
                raise InputProblem(
                    source, f"file is {st.st_size} bytes, over the --max-bytes limit of {max_bytes}"
                )
            # Bounded even if the file grows after the size check (or is a pipe).
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputProblem(source, "no such file (deleted while reading?)") from None
    except PermissionError:
        raise InputProblem(source, "permission denied") from None
    except IsADirectoryError:
        raise InputProblem(source, "is a directory") from None
    except OSError as exc:  # no subclass for ELOOP, EIO, ENAMETOOLONG, ENOTDIR...
        raise InputProblem(source, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise InputProblem(source, f"file is over the --max-bytes limit of {max_bytes} (it grew while reading)")
    return data


def _read_stream(source: str, stream: BinaryIO, max_bytes: int) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:  # EIO and friends: the stream has no path-based subclass
        raise InputProblem(source, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise InputProblem(
            source, f"input is more than {max_bytes} bytes, over the --max-bytes limit of {max_bytes}"
        )
    return data


def read_source(
    source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> SourceText:
    """Read, decode and (for HTML) extract one input. Raises InputProblem.

    ``source`` is a path or ``"-"``; for ``"-"`` the bytes come from ``stdin``
    (default ``sys.stdin.buffer``), read up to ``max_bytes``.
    """
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_stream(source, stream, max_bytes)
    else:
        data = _read_file(source, max_bytes)

    try:
        text, encoding, warning = decode_with_warning(data)
    except ValueError as exc:
        raise InputProblem(source, str(exc)) from None

    if not looks_like_html(source, text):
        return SourceText(source=source, text=text, encoding=encoding, kind="text", metadata_date=None,
                          warning=warning)

    try:
        main_text, page_date = html_to_text(text)
    except ValueError as exc:
        raise InputProblem(source, str(exc)) from None
    return SourceText(source=source, text=main_text, encoding=encoding, kind="html", metadata_date=page_date,
                      warning=warning)
