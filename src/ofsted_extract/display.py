"""Paths and messages made safe to print: output stays valid UTF-8 and every message stays one line.

Why: a file name is bytes. One that is not UTF-8 reaches Python as surrogate escapes, which a
UTF-8 stream refuses (or, under some locales, writes as raw invalid bytes); one with a newline
splits an error report in two, and a reader of stderr can no longer tell reports apart.
"""

from __future__ import annotations

import re

__all__ = ["one_line", "printable"]

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with bytes that were not UTF-8 (surrogate escapes) written as \\xNN, so it encodes as UTF-8."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file name produced: escape it as it is
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def one_line(text: str) -> str:
    """`printable(text)` with control characters and line separators escaped: one line of a message."""
    return _CONTROL.sub(_escape, printable(text))
