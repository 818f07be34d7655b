"""The text the rules read: the article normalised, with a map back to the characters the user gave.

Why: a zero-width space, a soft hyphen or a bidi control inside "Lan<ZWSP>cashire" hides the name
from the gazetteer, and a line break written as CR alone, U+2028 or NEL hides the article's lines
(its dateline, its headline) from the sentence and date rules. So the pipeline reads the text in
Unicode NFKC, with format characters (category Cf) removed and every line break that
`str.splitlines` knows written as one `\\n`, and a hard-wrapped sentence's line breaks as spaces;
yet evidence offsets must index the text as given, so
each normalised character remembers the stretch of the original it came from.

NFKC is applied per character cluster (a character and the combining marks after it), which is
what keeps the map exact; it equals whole-text NFKC for everything but rare scripts' conjoining
letters.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["FORMAT_CHARACTERS", "LINE_BREAKS", "Layout", "normalise"]

#: Unicode's format characters (general category Cf, Unicode 14-15): zero-width space and joiners,
#: soft hyphen, word joiner, bidi embeddings, overrides and isolates, the BOM, tag characters.
#: tests/test_layout.py checks this list against the running Python's `unicodedata`.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
#: Every line boundary of `str.splitlines` except "\n" itself; "\r\n" counts as one.
LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_SPECIAL = re.compile(f"[{FORMAT_CHARACTERS}{LINE_BREAKS}]")
_FORMAT = re.compile(f"[{FORMAT_CHARACTERS}]")
_PLAIN = re.compile("[\x00-\x0a\x0e-\x1b\x1f-\x7f]+")  # ASCII but the line breaks other than \n


@dataclass(frozen=True)
class Layout:
    """A normalised text and, unless it equals the original, where each of its characters came from.

    ``starts[i]`` and ``ends[i]`` bound the stretch of ``original`` that gave ``text[i]`` (several
    normalised characters may share one stretch: NFKC writes "…" as "..."). They are machine-integer
    arrays: a long article's map stays a few bytes per character.
    """

    original: str
    text: str
    starts: array | None = None
    ends: array | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of ``text[start:end]``: every character that gave it, and the
        invisible ones between them."""
        if self.starts is None or self.ends is None:
            return start, end
        size = len(self.text)
        begin = self.starts[start] if start < size else len(self.original)
        if end <= start:
            return begin, begin
        return begin, self.ends[end - 1]


@lru_cache(maxsize=4096)
def _nfkc(cluster: str) -> str:
    return unicodedata.normalize("NFKC", cluster)


#: A line break inside a hard-wrapped sentence: after a line that closes no sentence and is no
#: "Label: value" row, before a line that goes on in lower case ("Ofsted rated the borough's\nchildren's
#: services inadequate"). Mail, converted PDFs and old blogs wrap at a fixed width.
_HARD_WRAP = re.compile(r"(?m)^(?P<line>[^\n:]*[^\s.!?:;\n])[ \t]*(?P<br>\n)(?=[ \t]*[a-z])")


def unwrap(text: str) -> str:
    """Hard-wrapped lines joined into their sentences: each such break written as a space, so every
    offset stays where it was."""
    if "\n" not in text:
        return text
    return _HARD_WRAP.sub(lambda m: m.group(0)[:-1] + " ", text)


def normalise(original: str) -> Layout:
    """The article as the rules read it (see the module's docstring), with its map to ``original``."""
    layout = _normalise(original)
    text = unwrap(layout.text)
    if text == layout.text:
        return layout
    if layout.starts is None:  # an explicit map, so evidence quotes the line breaks as the user wrote them
        return Layout(original, text, array("q", range(len(text))), array("q", range(1, len(text) + 1)))
    return Layout(original, text, layout.starts, layout.ends)


def _normalise(original: str) -> Layout:
    if unicodedata.is_normalized("NFKC", original) and _SPECIAL.search(original) is None:
        return Layout(original, original)
    pieces: list[str] = []
    starts, ends = array("q"), array("q")
    i, size = 0, len(original)
    while i < size:
        plain = _PLAIN.match(original, i)
        if plain is not None:  # a run of ASCII that NFKC keeps: copied whole, each character its own origin
            j = plain.end()
            if j < size and unicodedata.combining(original[j]):
                j -= 1  # the run's last letter goes with the combining marks after it
            if j > i:
                pieces.append(original[i:j])
                starts.extend(range(i, j))
                ends.extend(range(i + 1, j + 1))
                i = j
                continue
        char = original[i]
        if char == "\r" and original.startswith("\n", i + 1):
            j, piece = i + 2, "\n"
        elif char in LINE_BREAKS:
            j, piece = i + 1, "\n"
        elif _FORMAT.match(char):
            i += 1
            continue
        else:
            j = i + 1
            while j < size and unicodedata.combining(original[j]) and not _FORMAT.match(original[j]):
                j += 1
            piece = _nfkc(original[i:j])
        pieces.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return Layout(original, "".join(pieces), starts, ends)
