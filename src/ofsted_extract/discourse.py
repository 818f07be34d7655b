"""Discourse: which councils a text names, which it refers to, and which one a passage is about.

Assembly asks these questions for every grade, type cue and date: the council
written next to it, the list a plural reference stands for ("the two
boroughs"), the council the passage is about, and whether the article is about
another kind of body altogether.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .components.council_case import OTHER_BODY_HEADS
from .components.fallback_ner import FALLBACK_KEY, council_name
from .docindex import CUE_KEY, GRADE_KEY, MODIFIER_KEY, same_sentence, sentence_of, spans
from .gazetteer import Gazetteer

#: tokens that may stand between two council names of one list ("Bolton, Essex and Hounslow")
LIST_JOINERS = frozenset({",", "and", "&", "or", "–", "-", "—", "as", "well", "in", "council", "councils", "'s", "’s",
                          "'", "’", "the", "of"})
#: words of a place written beside a council in a list ("Halton, in the north west, and Hull, in East
#: Yorkshire, were ..."; "Sefton (Merseyside) and Kent")
PLACE_WORDS = frozenset({"north", "south", "east", "west", "north-west", "north-east", "south-west", "south-east",
                         "midlands", "england", "region", "county", "(", ")", "based", "near"})
#: words that may stand between a council and "in <place>" qualifying it ("St Helens, based in Merseyside")
PLACE_LEADS = frozenset({"based", "council", "borough", "located"})
#: how far before a council's name a PREDECESSOR_CUE ("which replaced", "in place of") still marks it
PREDECESSOR_REACH = 3


#: a title-case word of these before a county's name makes a part of it (a council with such a name is
#: matched whole by the longest-match ruler: "West Sussex", "North Yorkshire")
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "mid", "central", "greater", "north-east",
                           "north-west", "south-east", "south-west", "inner", "outer", "rural"})
#: words that follow a verb, never a council's name, at the start of a sentence
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "its",
                         "my", "your"})


@dataclass
class Mention:
    """A council named in the text (or, with explicit=False, referred to)."""

    names: tuple[str, ...]
    span: Span


def council_mentions(doc: Doc, gazetteer: Gazetteer, when: dt.date | None = None) -> list[Mention]:
    """Named councils, minus predecessors ("the former Cumbria County Council") and places ("St Helens in
    Lancashire"); an abolished council's name stands for its successors (see `in_their_era`)."""
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ != "COUNCIL":
            continue
        names = tuple(gazetteer.names_for_id(ent.ent_id_)) or (ent.text,)
        found.append(Mention(names, ent))
    for span in spans(doc, FALLBACK_KEY):
        found.append(Mention((council_name(span.text),), span))
    found.sort(key=lambda m: m.span.start)
    # "a conference in Birmingham", "a school in Kent": a place, not the authority
    places = {c.end for c in spans(doc, CUE_KEY, "PLACE_CUE")}
    found = [m for m in found if m.span.start not in places]
    cue_ends = [c.end for c in spans(doc, CUE_KEY, "PREDECESSOR_CUE")]
    abolished = {c.start for c in spans(doc, CUE_KEY, "PREDECESSOR_AFTER")}
    kept: list[Mention] = []
    for m in found:
        if is_predecessor(m.span, cue_ends, abolished):
            continue
        if names_another_body(m.span):
            continue
        if (m.span.start > 0 and doc[m.span.start - 1].lower_ == "in" and kept
                and 0 <= m.span.start - 1 - kept[-1].span.end <= 3
                and all(t.is_punct or t.lower_ in PLACE_LEADS for t in doc[kept[-1].span.end:m.span.start - 1])):
            # "St Helens in Lancashire": a place qualifying the council before it (not "X good and those in Y")
            continue
        kept.append(m)
    return in_their_era(kept, gazetteer, when)


def is_predecessor(span: Span, cue_ends: list[int], abolished: set[int]) -> bool:
    """A council the text names as the one another replaced, whichever side the cue stands ("which
    replaced X", "in place of X", "took over from X", "X was abolished"): it is background to its
    successor's news, not a council with news of its own."""
    return any(span.start - PREDECESSOR_REACH < end <= span.start for end in cue_ends) or span.end in abolished


def in_their_era(mentions: list[Mention], gazetteer: Gazetteer, when: dt.date | None) -> list[Mention]:
    """An abolished council's name, written after its abolition (or, in a piece with no date, beside its
    successors' names) means the councils that replaced it: "children's services in Northamptonshire" in 2022 are North and West
    Northamptonshire's, "Cheshire" in 2016 is Cheshire East and Cheshire West and Chester."""
    named = {n for m in mentions for n in m.names}
    out: list[Mention] = []
    for m in mentions:
        names: list[str] = []
        for name in m.names:
            successors = gazetteer.successors(name)
            if when is not None:
                gone = gazetteer.abolished_by(name, when.year, when.month)
            else:  # an undated piece that names the successors is written after the change
                gone = bool(named & set(successors))
            if successors and gone:
                names.extend(successors)
            else:
                names.append(name)
        out.append(Mention(tuple(dict.fromkeys(names)), m.span))
    return out


def names_another_body(span: Span) -> bool:
    """"New York", "Durham University", "the Manchester Evening News", "West Cheshire": the name is part
    of another name."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "new":
        return True
    if span.start > 0 and doc[span.start - 1].is_title and doc[span.start - 1].lower_ in COMPASS_WORDS:
        return True  # "West Cheshire", "Greater Manchester", "East Kent": part of a county, not its council
    if span.end < len(doc):
        after = doc[span.end]
        if after.lower_ in OTHER_BODY_HEADS and (after.is_title or after.is_upper):
            return True
        # "Reading the letter, she ...", "Bury the past": a word that opens a sentence, not a place
        if len(span) == 1 and span[0].is_sent_start and after.lower_ in DETERMINERS:
            return True
    return False


def mention_groups(mentions: list[Mention]) -> list[list[Mention]]:
    """Councils written as one list ("Bolton, Essex and Hounslow") form one group; a grade between two
    names parts them ("East Sussex Inadequate and Windsor and Maidenhead 'requires improvement'")."""
    groups: list[list[Mention]] = []
    graded = {i for g in spans(mentions[0].span.doc, GRADE_KEY) for i in range(g.start, g.end)} if mentions else set()
    for m in mentions:
        if groups:
            last = groups[-1][-1]
            gap = m.span.doc[last.span.end:m.span.start]
            if (same_sentence(last.span, m.span) and len(gap) <= 12 and not any(t.i in graded for t in gap)
                    and all(t.lower_ in LIST_JOINERS or t.lower_ in PLACE_WORDS or (t.is_title and t.is_alpha)
                            for t in gap)
                    and any(t.lower_ in {",", "and", "&", "or", "–", "-", "—"} for t in gap)):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


#: what may join an attributive grade to the council it describes ("'inadequate' Croydon", "good-rated Barnet")
ATTRIBUTE_JOINERS = frozenset({"'", '"', "‘", "’", "“", "”", "`", "''", "-", "–", "rated", "graded", "judged"})


def attributive(grade: Span, council: Span) -> bool:
    """The grade stands right before the council's name as its attribute."""
    between = grade.doc[grade.end:council.start]
    return grade.end <= council.start and len(between) <= 3 and all(t.lower_ in ATTRIBUTE_JOINERS for t in between)


def attach_groups(sent_groups: list[list[Mention]], sent_grades: list[Span]) -> dict[int, list[Mention]]:
    """Give each council group in a sentence the grade next to it.

    A group takes the nearest grade on its right when no other group stands
    between them ("Bolton and Hounslow require improvement"); failing that, the
    nearest grade on its left with no group between ("rated poor were:
    Birmingham, Calderdale").
    """
    attached: dict[int, list[Mention]] = defaultdict(list)
    starts = [g[0].span.start for g in sent_groups]
    bound = {gi: gr for gi, group in enumerate(sent_groups) for gr in sent_grades if attributive(gr, group[0].span)}
    if sent_grades and any(t.lower_ == "respectively" for t in sentence_of(sent_grades[0])):
        for gi, group in enumerate(sent_groups):
            if gi in bound or len(group) < 2:
                continue
            later = [s for s in starts if s > group[-1].span.end]
            ahead = [gr for gr in sent_grades if gr.start >= group[-1].span.end and gr.start < min(later + [10**9])]
            if len(ahead) == len(group):  # "X and Y were rated good and outstanding respectively"
                for member, gr in zip(group, ahead):
                    attached[gr.start].append(member)
                bound[gi] = ahead[0]
    for gi, gr in bound.items():
        if not any(m in attached[gr.start] for m in sent_groups[gi]):
            attached[gr.start].extend(sent_groups[gi])
    taken = {gr.start for gr in bound.values()}
    for gi, group in enumerate(sent_groups):
        if gi in bound:
            continue
        g_start, g_end = group[0].span.start, group[-1].span.end
        right = [gr for gr in sent_grades if gr.start >= g_end and gr.start not in taken
                 and not any(g_end <= s < gr.start for s in starts)]
        left = [gr for gr in sent_grades if gr.end <= g_start
                and not any(gr.end <= s < g_start for s in starts)]
        if right:
            attached[right[0].start].extend(group)
        elif left:
            attached[left[-1].start].extend(group)
    return attached


#: the words a sentence may open with before it names the councils a count stood for ("They are",
#: "These were", "The councils are"); one of COPULAS must be among them
LIST_OPENERS = frozenset({"they", "these", "those", "the", "councils", "authorities", "local", "areas"})
COPULAS = frozenset({"are", "were", "is", "was", "include", "included"})


def group_named_next(grade: Span, sents: list[Span], n: int, groups: list[list[Mention]]) -> list[Mention]:
    """The councils a count stands for when the next sentence names them ("Two councils have been judged
    to perform poorly. They are Bury and Hampshire."): a short opener with a copula, then one list and
    no grade of its own, and as many councils as the count in the grade's sentence."""
    if n + 1 >= len(sents):
        return []
    doc, nxt = grade.doc, sents[n + 1]
    listed = [g for g in groups if nxt.start <= g[0].span.start < nxt.end]
    if len(listed) != 1 or any(nxt.start <= g.start < nxt.end for g in spans(doc, GRADE_KEY)):
        return []
    opener = [t.lower_ for t in doc[nxt.start:listed[0][0].span.start]]
    if not 1 <= len(opener) <= 4 or not set(opener) & COPULAS or not set(opener) <= LIST_OPENERS | COPULAS:
        return []
    names = {name for m in listed[0] for name in m.names}
    counts = {ref_count(m) for m in spans(doc, MODIFIER_KEY) + spans(doc, CUE_KEY, "GROUP_REF")
              if sents[n].start <= m.start < sents[n].end}
    return listed[0] if len(names) in counts else []


def topic_before(mentions: list[Mention], token: int, dominant: str | None, limit_sents: int,
                 index: list[int]) -> Mention | None:
    """The council a passage is about at a token: the last one named before it, within a few sentences."""
    previous = [m for m in mentions if m.span.start < token]
    if previous and index[token] - index[previous[-1].span.start] <= limit_sents:
        return previous[-1]
    if dominant:
        for m in mentions:
            if dominant in m.names:
                return m
    return previous[-1] if previous else None


def dominant_council(mentions: list[Mention], index: list[int]) -> str | None:
    """The council the article is mainly about, if one clearly is (most named; the headline counts twice)."""
    counts: Counter[str] = Counter()
    for m in mentions:
        for name in m.names:
            counts[name] += 2 if index[m.span.start] == 0 else 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


#: words that show a piece reports an inspection, whether or not it names Ofsted ("the watchdog")
INSPECTION_WORDS = re.compile(r"\b(?:ofsted|inspectorate|watchdog|inspectors?|inspections?|inspected)\b")


def about_an_inspection(lower: str, types: list[Span]) -> bool:
    """A piece reports an inspection when it says so in any words: Ofsted, "the watchdog", "inspectors
    visited", or a named visit (a JTAI, monitoring or focused visit is Ofsted's wherever it is named)."""
    return INSPECTION_WORDS.search(lower) is not None or any(
        s.id_ in ("jtai", "monitoring", "focused", "full") for s in types)


#: a council's services inspected on their own: GUIDE ruling 10 gives them no record
SINGLE_SERVICES = frozenset({"adoption", "fostering"})
SERVICE_WORDS = frozenset({"service", "services", "agency", "agencies"})
#: words that speak of a council's children's social care as a whole
WHOLE_SERVICE_CUES = frozenset({"children's services", "children’s services", "children's social care",
                                "children’s social care", "social care", "local authority children's services",
                                "local authority children’s services", "ilacs", "single inspection framework",
                                "child services", "children's service"})


def is_about_one_service(doc: Doc) -> bool:
    """An adoption or fostering agency's own inspection ("Adoption services at X have been rated good"):
    the piece's first graded sentence rates such a service, not the council's children's services."""
    grades = spans(doc, GRADE_KEY)
    if not grades:
        return False
    sent = sentence_of(grades[0])
    words = [t.lower_ for t in sent]
    one_service = any(a in SINGLE_SERVICES and b in SERVICE_WORDS for a, b in zip(words, words[1:]))
    whole = any(sent.start <= c.start < sent.end and c.text.lower() in WHOLE_SERVICE_CUES
                for c in spans(doc, CUE_KEY, "SERVICE_CUE"))
    return one_service and not whole


def is_about_other_body(doc: Doc) -> bool:
    """A school, nursery or children's home story (the lede names such a body and no children's-services
    cue, and no sentence grades children's services as a whole), or an inspection of one of a council's
    services on its own."""
    sents = list(doc.sents)[:3]
    if not sents:
        return False
    lede_end = sents[-1].end
    other = [m for m in spans(doc, MODIFIER_KEY, "OTHER_BODY") if m.end <= lede_end]
    service = [c for c in spans(doc, CUE_KEY, "SERVICE_CUE") if c.end <= lede_end]
    return (bool(other) and not service and not grades_whole_service(doc)) or is_about_one_service(doc)


def grades_whole_service(doc: Doc) -> bool:
    """Some sentence gives a current grade to children's services as a whole and names no other body:
    a school's or nursery's result in the lede does not make the council's result beside it
    ("A nursery in X was inspected too. X's children's services have been rated good") another body's."""
    others = spans(doc, MODIFIER_KEY, "OTHER_BODY")
    cues = [c for c in spans(doc, CUE_KEY, "SERVICE_CUE") if c.text.lower() in WHOLE_SERVICE_CUES]
    for grade in spans(doc, GRADE_KEY):
        if grade._.ofsted_reading != "current":
            continue
        sent = sentence_of(grade)
        if (any(sent.start <= c.start < sent.end for c in cues)
                and not any(sent.start <= o.start < sent.end for o in others)):
            return True
    return False


NUMBER_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}


def ref_count(ref: Span) -> int | None:
    """The number a group reference gives ("five of these", "the two boroughs", "both councils")."""
    for token in ref:
        if token.lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[token.lower_]
        if token.like_num and token.text.isdigit():
            return int(token.text)
    return None


#: words before or in a count that make it a part of a larger whole ("three of the six councils", "none of")
PARTITIVE = frozenset({"of", "none", "only", "just"})


def counts_in(doc: Doc, n: int, index: list[int], whole_only: bool = False) -> set[int | None]:
    """The numbers of councils sentence n counts ("nine councils", "two separate authorities"); with
    `whole_only`, not a part of a larger count ("one of the two councils")."""
    return {ref_count(m) for m in spans(doc, MODIFIER_KEY, "STATISTICAL") if index[m.start] == n
            and not (whole_only and any(t.lower_ in PARTITIVE for t in doc[max(m.start - 1, 0):m.end]))}


def counts_a_list(doc: Doc, n: int, groups: list[list[Mention]], index: list[int]) -> bool:
    """Sentence n counts councils the piece then lists ("nine councils have been rated poor ... They
    were A, B, ..."): its number is a list's size, or the number of councils the piece names, so it
    introduces them rather than giving a statistic."""
    sizes = {len({name for m in g for name in m.names}) for g in groups}
    sizes.add(len({name for g in groups for m in g for name in m.names}))
    return bool(counts_in(doc, n, index) & sizes)


def group_referred(at: Span, groups: list[list[Mention]], named_here: set[str], index: list[int],
                   gazetteer: Gazetteer, before_only: bool = True) -> list[Mention]:
    """The councils a plural reference stands for ("the two London boroughs were rated outstanding",
    "five of these authorities were previously rated good", "two councils were visited last month").

    The reference (a GROUP_REF cue in the sentence of `at`, before it when
    `before_only`) names the last list of two or more councils in that sentence,
    the three before it or the headline, less the councils the sentence names
    itself; a region word keeps that region's councils; a number must then
    match, or nothing is given (no guessing which five of six).
    """
    refs = [r for r in spans(at.doc, CUE_KEY, "GROUP_REF")
            if same_sentence(r, at) and (r.end <= at.start or not before_only)]
    if not refs:
        return []
    last = refs[-1]
    # overlapping matches are one reference: "five of these" and "these authorities"
    ref = at.doc[min(r.start for r in refs if r.end > last.start):last.end]
    lists = [g for g in groups if len({n for m in g for n in m.names}) >= 2 and g[-1].span.end <= ref.start
             and (index[ref.start] - index[g[0].span.start] <= 3 or index[g[0].span.start] == 0)]
    if not lists:
        return []
    members = [m for m in lists[-1] if not set(m.names) & named_here]
    said = ref.text.lower()
    regions = {gazetteer.region(n) for m in members for n in m.names} - {None}
    named_regions = {r for r in regions if r.lower() in said}
    if named_regions:
        members = [m for m in members if any(gazetteer.region(n) in named_regions for n in m.names)]
    count = ref_count(ref)
    if count is not None and count != len({n for m in members for n in m.names}):
        return []
    return members
