"""Which judgement areas a grade speaks of: "outstanding for adoption", "Adoption – Good", an area
linked to the grade before it ("leadership as good"), a list after a colon, a table's line above, and
"each was rated good" after a list of areas. Part of the assemble stage.
"""

from __future__ import annotations


from spacy.tokens import Doc, Span

from .docindex import AREA_KEY, CUE_KEY, DATE_KEY, sentence_of, spans


def area_tokens(doc: Doc) -> set[int]:
    """The tokens inside judgement-area phrases (whose "after" in "looked-after" ends no clause), once per document."""
    memo = doc.user_data.setdefault("ofsted_assemble_memo", {})
    if "area_tokens" not in memo:
        memo["area_tokens"] = {i for a in spans(doc, AREA_KEY) for i in range(a.start, a.end)}
    return memo["area_tokens"]


def areas_for(grade: Span, sent_grades: list[Span], areas: list[Span], terminators: list[int],
              doc: Doc) -> list[Span]:
    """The judgement areas a grade speaks of, within its sentence.

    Areas after the grade when a word such as "for" or "in" leads to them
    ("outstanding for adoption", "good ratings in two categories: ..."), else
    the areas before it since the previous grade or clause break
    ("adoption performance was rated good").
    """
    position = sent_grades.index(grade)
    sent = sentence_of(grade)
    prev_end = sent_grades[position - 1].end if position else sent.start
    # "graded care leavers as outstanding, leadership as good": an area linked to the grade just before
    # it is what the grade judges, so no forward list is looked for
    bound = any(prev_end <= a.start and a.end <= grade.start and linked(a, grade) for a in areas)
    next_start = sent_grades[position + 1].start if position + 1 < len(sent_grades) else sent.end
    rate_after = {c.start: c.end for c in spans(doc, CUE_KEY, "RATE_AFTER")}
    forward_words = {c.start for c in spans(doc, CUE_KEY, "AREA_FORWARD")}
    nxt = grade.end
    area_starts = {a.start for a in areas}
    rated_noun = False
    while nxt < len(doc) and nxt not in area_starts and (
            doc[nxt].text in {"'", "’", '"', "”", ",", "ofsted", "Ofsted"} or nxt in rate_after
            or doc[nxt].lower_ == "both"
            or (rated_noun and doc[nxt].lower_ in PASSIVE_GIVEN)):
        # "good ratings were received for ...": after the rating noun, its passive verb
        rated_noun = rated_noun or nxt in rate_after
        # a cue of several words ("in all areas") is passed whole: "good in all areas including ..."
        nxt = max(nxt + 1, rate_after.get(nxt, 0))
    # a spaced hyphen introduces a list as a dash does ("given good - the impact of leaders ..."),
    # unlike the hyphen inside a compound ("good-quality")
    spaced_hyphen = nxt < len(doc) and doc[nxt].text == "-" and bool(doc[nxt - 1].whitespace_)
    forward = nxt in forward_words or spaced_hyphen or any(a.start == nxt for a in areas)
    if forward and not bound:
        # after a colon or a dash the list's items may be parted by semicolons
        list_cue = doc[nxt].text in LIST_CUES
        end = min([t for t in terminators if nxt < t < next_start and not (list_cue and doc[t].text == ";")]
                  + [next_start])
        ahead = [a for a in areas if nxt <= a.start < end]
        if ahead and not dated_then_closed(doc, nxt, ahead[0].start):
            return ahead
    start = max([t for t in terminators if prev_end <= t < grade.start] + [prev_end])
    return [a for a in areas if start <= a.start and a.end <= grade.start] + also_areas(grade, next_start, areas, doc)


def dated_then_closed(doc: Doc, start: int, end: int) -> bool:
    """A date then a comma between a grade and the area after it: "Surrey, rated inadequate in 2018, for
    its care leavers ...": the date ends the grade's phrase ("good ratings in two categories, X and Y"
    still announces its list)."""
    commas = [t.i for t in doc[start:end] if t.text in (",", ";")]
    return bool(commas) and any(start <= d.start < commas[0] for d in spans(doc, DATE_KEY))


#: the passive verb after a rating noun ("good ratings were received for", "an outstanding grade was given to")
PASSIVE_GIVEN = frozenset({"was", "were", "has", "have", "had", "been", "received", "given", "awarded", "achieved",
                           "handed", "secured", "earned", "gained", "also"})


#: punctuation that opens a list of areas whose items semicolons may part
LIST_CUES = frozenset({":", "–", "—", "-"})


#: words that link an area to the grade right after it ("leadership as good", "adoption was judged good")
AREA_LINKS = frozenset({"as", "was", "were", "is", "are", "been", "being", "be", "has", "have", "had", "rated",
                        "judged", "graded", "found", "deemed", "to", ":", "–", "-", "—", "'", "’", "‘", '"', "“",
                        "”", "now", "also", "still"})


def linked(area: Span, grade: Span) -> bool:
    """The area stands right before the grade, joined only by a copula or 'as', or by nothing at all
    ("rated leadership good, help and protection outstanding, ...")."""
    between = area.doc[area.end:grade.start]
    return area.end <= grade.start and len(between) <= 6 and all(t.lower_ in AREA_LINKS for t in between)


#: who grades, when named after the grade ("rated good by inspectors")
AGENTS = frozenset({"inspectors", "ofsted"})


def also_areas(grade: Span, next_start: int, areas: list[Span], doc: Doc) -> list[Span]:
    """Ellipsis: "adoption is outstanding, as is leadership": the areas after 'as is' share the grade."""
    nxt = grade.end
    while nxt < len(doc) and doc[nxt].text in {"'", "’", '"', "”", ","}:
        nxt += 1
    # "highlighted as outstanding by inspectors, as was adoption": the agent stands between
    if nxt + 1 < len(doc) and doc[nxt].lower_ == "by" and doc[nxt + 1].lower_ in AGENTS:
        nxt += 2
        while nxt < len(doc) and doc[nxt].text in {"'", "’", '"', "”", ","}:
            nxt += 1
    cue = next((c for c in spans(doc, CUE_KEY, "AREA_ALSO") if c.start == nxt), None)
    if cue is None:
        return []
    sent_end = sentence_of(grade).end
    stop = next((i for i in range(cue.end, min(next_start, sent_end)) if doc[i].text in {";", "but", "while", "whereas"}),
                min(next_start, sent_end))
    return [a for a in areas if cue.end <= a.start < stop]


def continued_areas(doc: Doc, sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """'... good across all aspects of its work. This includes child protection, adoption ...'"""
    if n + 1 >= len(sents):
        return []
    nxt = sents[n + 1]
    if any(nxt.start <= g.start < nxt.end for g in grades):
        return []
    leads = [c for c in spans(doc, CUE_KEY, "AREA_CONTINUE") if nxt.start <= c.start <= nxt.start + 1]
    if not leads:
        return []
    return [a for a in areas if nxt.start <= a.start < nxt.end and a.id_ != "overall"]


def listed_after_colon(doc: Doc, sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """'Several areas are now judged good, including:' and the areas on the lines below it."""
    sent = sents[n]
    if not sent.text.rstrip().endswith(":"):
        return []
    before_colon = [t for t in sent if not t.is_space][-3:-1]
    if not any(t.lower_ in {"including", "following", "follows", "areas", "categories", "judgements"}
               for t in before_colon):
        return []
    return areas_on_lines_below(sents, n, areas, grades)


def areas_on_lines_below(sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """The areas named on the lines after sentence n, up to a line with none or with a grade of its own."""
    following = []
    for later in sents[n + 1:n + 8]:
        found = [a for a in areas if later.start <= a.start < later.end and a.id_ != "overall"]
        if not found or any(later.start <= g.start < later.end for g in grades):
            break
        following.extend(found)
    return following


#: what a line may hold besides its grade or its area name in a table of judgements
ROW_FILLER = frozenset({"-", "–", "—", "•", "*", ":", ".", "'", "’", '"', "”", "“", "‘", "(", ")"})


def line_above(sents: list[Span], n: int, grade: Span, areas: list[Span], grades: list[Span]) -> list[Span]:
    """A table row broken over two lines: the area's name alone on one line, its grade alone on the next."""
    if n == 0:
        return []
    sent = sents[n]
    if any(not (t.is_space or t.text in ROW_FILLER or grade.start <= t.i < grade.end) for t in sent):
        return []
    above = sents[n - 1]
    if any(above.start <= g.start < above.end for g in grades):
        return []
    found = [a for a in areas if above.start <= a.start < above.end]
    if len(found) != 1 or found[0].id_ == "overall":
        return []
    area = found[0]
    rest = [t for t in above if not (t.is_space or t.text in ROW_FILLER or area.start <= t.i < area.end)]
    return [area] if len(rest) <= 2 else []


def referenced_areas(doc: Doc, sents: list[Span], n: int, areas: list[Span], grades: list[Span]) -> list[Span]:
    """'Each was rated outstanding': the areas listed just before (or, after a colon, just after,
    unless those lines carry grades of their own)."""
    sent = sents[n]
    if sent.text.rstrip().endswith(":"):
        following = areas_on_lines_below(sents, n, areas, grades)
        if following:
            return following
    for back in range(n - 1, max(-1, n - 3), -1):
        found = [a for a in areas if sents[back].start <= a.start < sents[back].end and a.id_ != "overall"]
        if found:
            return found
    return []
