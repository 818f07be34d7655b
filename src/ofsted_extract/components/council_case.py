"""Council names in any case ("wokingham council", "SHEFFIELD is providing..."), gated by context.

The gazetteer's EntityRuler matches on ORTH, so it finds only the
capitalisations the build script writes out. This component matches the same
pattern texts on LOWER and keeps a match the ruler missed only where the
context shows it names the authority, because many names are ordinary words or
other bodies in some case ("reading the report", "bury the past", "New York",
"Durham University"):

- a form with a council head ("… council", "london borough of …",
  "…'s children's services") names the authority in any case;
- a bare name in capitals inside ordinary text ("SHEFFIELD is providing");
- a bare name in an all-capitals line (a headline) when the line speaks of
  inspections or the article names the council elsewhere;
- a bare name in lower case when it cannot be an ordinary word (two words,
  or a "-shire"), or when a frame shows it is a place's authority: it follows
  "services at/in/of" ("children's services at reading"), its possessive heads
  a service or council ("bury's services"), or it is a rating verb's object
  with a grade after it ("ofsted rates bury good"; the verbs and grades are the
  RATE_OBJECT cues and grade words of patterns/, so this runs after those rulers).

Never when a word that makes it another body follows ("DURHAM UNIVERSITY",
"bury fc") or "new" precedes it ("new york").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

#: words in a pattern that make it a council's own title, not a bare place name
HEAD_WORDS = frozenset({"council", "borough", "cc", "services", "corporation"})
#: words between a place name and "council" in a council's title
TITLE_WORDS = frozenset({"borough", "county", "city", "metropolitan", "district"})
#: words after a name that make it another body ("Durham University", "Bury FC")
OTHER_BODY_HEADS = frozenset({
    "university", "college", "school", "academy", "hospital", "hospitals", "nhs", "fc", "afc", "united", "city",
    "town", "rovers", "athletic", "wanderers", "albion", "police", "constabulary", "cathedral", "airport", "station",
    "prison", "magistrates", "crown", "court", "diocese", "chamber", "news", "echo", "post", "times", "gazette",
    "herald", "live", "mail", "evening", "chronicle", "observer", "telegraph", "advertiser", "star", "express",
    "mercury", "standard", "argus", "journal", "press", "radio", "tv", "bbc", "itv", "fire", "ambulance", "clinical",
    "icb", "ccg", "partnership", "foundation", "cricket", "rugby", "harbour", "bay", "beach", "street", "road",
    "avenue", "lane", "park", "primary", "secondary", "grammar", "high", "nursery", "castle", "hall", "house",
    "church", "minster", "bridge", "river", "valley", "museum", "centre", "zoo", "square", "market", "local",
    "safeguarding",
})
#: a hyphen joined to the name makes it part of another name ("Stoke-on-Trent", "Newcastle-under-Lyme")
OTHER_NAME_LEADS = frozenset({"-", "–"})
#: "children's services at reading", "the council in bury": a lower-case name in a frame that names a place's authority
FRAME_HEADS = frozenset({"services", "service", "council", "councils", "authority", "authorities", "inspection",
                         "inspections", "care"})
FRAME_LINKS = frozenset({"at", "in", "of", "for", "by"})
#: "bury's services", "reading's council": a possessive that heads one of these is a place's authority
POSSESSIVE_HEADS = frozenset({"services", "service", "council", "children's", "children’s", "social"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
OPEN_QUOTES = frozenset({"'", '"', "‘", "“"})
#: words in an all-capitals line that show it speaks of an inspection
INSPECTION_WORDS = frozenset({
    "ofsted", "inspectors", "inspector", "inspection", "inspected", "watchdog", "rated", "rating", "ratings",
    "judged", "inadequate", "outstanding", "good", "requires", "improvement", "children", "children's", "children’s",
    "services", "visit", "visited", "report", "failing",
})


@Language.factory("ofsted_council_case", assigns=["doc.ents"])
def make_council_case(nlp: Language, name: str) -> "CouncilCase":
    return CouncilCase(nlp)


class CouncilCase:
    """Add COUNCIL entities for gazetteer forms written in another case, where the context allows it."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.nlp = nlp
        self.headed: set[str] = set()

    def add_patterns(self, rows: Iterable[dict]) -> None:
        """The EntityRuler's COUNCIL rows (text pattern, GSS id); each lower-cased text once per id."""
        by_id: dict[str, set[str]] = {}
        for row in rows:
            if row.get("label") != "COUNCIL" or not isinstance(row.get("pattern"), str):
                continue
            text = row["pattern"].lower()
            by_id.setdefault(row["id"], set()).add(text)
        for code, texts in by_id.items():
            docs = [self.nlp.make_doc(t) for t in sorted(texts)]
            for d in docs:
                if any(t.lower_ in HEAD_WORDS for t in d) or d[0].lower_ in ("london", "royal"):
                    self.headed.add(d.text)
            self.matcher.add(code, docs)

    def __call__(self, doc: Doc) -> Doc:
        frames = _rating_frames(doc)
        ents = list(doc.ents)
        named = {ent.ent_id_ for ent in ents if ent.label_ == "COUNCIL"}
        owner = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        matches = sorted(self.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        changed = False
        for match_id, start, end in matches:
            inside = {owner[i] for i in range(start, end) if i in owner}
            # a longer form may replace council names inside it ("Kingston Upon Hull City Council" over
            # "Hull City Council"), never cut across another entity
            if any(e.label_ != "COUNCIL" or e.start < start or e.end > end or e.end - e.start >= end - start
                   for e in inside):
                continue
            code = self.nlp.vocab.strings[match_id]
            span = doc[start:end]
            if not names_the_authority(span, span.text.lower() in self.headed, code in named, frames):
                continue
            new = Span(doc, start, end, label="COUNCIL", span_id=code)
            ents = [e for e in ents if e not in inside] + [new]
            owner.update({i: new for i in range(start, end)})
            changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda s: s.start)
        return doc


def _rating_frames(doc: Doc) -> tuple[set[int], set[int]]:
    """Where rating verbs end (RATE_OBJECT cues) and grade words start, from the rulers before this one."""
    verbs = {s.end for s in doc.spans.get("ofsted_cue", []) if s.label_ == "RATE_OBJECT"}
    return verbs, {s.start for s in doc.spans.get("ofsted_grade", [])}


def names_the_authority(span: Span, headed: bool, named_elsewhere: bool,
                        frames: tuple[set[int], set[int]] = (set(), set())) -> bool:
    """The context test of the module docstring, for one candidate span."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and (before.lower_ == "new" or (before.text in OTHER_NAME_LEADS and not before.whitespace_)):
        return False
    if headed or _council_title_follows(span):
        return True
    if after is not None and after.lower_ in OTHER_BODY_HEADS:
        return False
    words = [t for t in span if t.is_alpha]
    if words and all(t.is_upper for t in words):
        line = _line(span)
        line_words = [t for t in line if t.is_alpha]
        if not all(t.is_upper for t in line_words):
            return True  # "SHEFFIELD is providing ...": capitals for emphasis in ordinary text
        return named_elsewhere or any(t.lower_ in INSPECTION_WORDS for t in line)
    if len(words) >= 2 or (len(words) == 1 and words[0].lower_.endswith("shire")):
        return True
    if before is not None and before.lower_ in FRAME_LINKS and span.start >= 2:
        return doc[span.start - 2].lower_ in FRAME_HEADS
    if (after is not None and after.text in POSSESSIVES and span.end + 1 < len(doc)
            and doc[span.end + 1].lower_ in POSSESSIVE_HEADS):
        return True
    verbs, grades = frames
    nxt = span.end + (1 if after is not None and after.text in OPEN_QUOTES else 0)
    return span.start in verbs and nxt in grades


def _council_title_follows(span: Span) -> bool:
    """"kent borough council", "DERBY CITY COUNCIL": council words, ending in "council", follow the name."""
    doc = span.doc
    for token in doc[span.end:span.end + 4]:
        if token.lower_ == "council":
            return True
        if token.lower_ not in TITLE_WORDS:
            return False
    return False


def _line(span: Span) -> Span:
    """The text line a span stands in (a headline is one line)."""
    doc = span.doc
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    end = span.end
    while end < len(doc) and "\n" not in doc[end].text and "\n" not in doc[end - 1].whitespace_:
        end += 1
    return doc[start:end]
