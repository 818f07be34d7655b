"""How each grade mention reads, in the manner of medspaCy's ConText.

A trigger phrase ("previously rated", "none of", "per cent", "a school")
reaches the grade mentions in its scope: forward, backward or both ways from
the trigger, within its sentence, at most `max_scope` tokens, and cut short by
a TERMINATE trigger ("but", "while") or by one of the rule's own
`terminated_by` words ("from 'inadequate' to 'good'": the scope of "from" ends
at "to"; a word inside a council's name, as in "Brighton and Hove", ends
nothing). A PSEUDO trigger is a longer phrase that holds a trigger's words
without its meaning ("went on to be rated" holds "to be rated"): as the longest
match it takes the words, and it modifies nothing. Rules are data
(patterns/context_rules.jsonl).

The reading of a mention: a category that says whose grade it is or whether
it holds at all wins outright (other_body > descriptive > negated); among the
categories that say when it held (hypothetical, prior, standing, repeat) the
trigger nearest the mention wins, as in medspaCy, so "rated good, having
previously been judged inadequate" keeps "good" as the news. A STANDING
trigger marks a grade the council holds as an attribute ("'inadequate'
Croydon", "good-rated councils", "which is rated inadequate"): assembly
decides whether that is the news or the council's prior standing.
STATISTICAL cues do not change the reading; they set `_.ofsted_statistical`,
which stops a grade from being given to a council by reference alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ..patternfiles import ContextRule, load_context_rules

GRADE_KEY = "ofsted_grade"
MODIFIER_KEY = "ofsted_modifier"
DATE_KEY = "ofsted_date"  # set by ofsted_dates, which runs first
AREA_KEY = "ofsted_area"
DEFAULT_SCOPE = 10

READING_ORDER = ("OTHER_BODY", "DESCRIPTIVE", "NEGATED", "HYPOTHETICAL", "PRIOR", "STANDING", "REPEAT")
#: categories that decide outright; the rest (when a grade held) go to the nearest trigger
IDENTITY = ("OTHER_BODY", "DESCRIPTIVE", "NEGATED")
READINGS = {"OTHER_BODY": "other_body", "DESCRIPTIVE": "descriptive", "NEGATED": "negated",
            "HYPOTHETICAL": "hypothetical", "PRIOR": "prior", "STANDING": "standing", "REPEAT": "repeat"}
#: what may stand between an adjacent trigger and its target
ATTACHING = frozenset({"'", '"', "‘", "’", "“", "”", "`", "''", "-", "–"})


@dataclass(frozen=True)
class Trigger:
    """One matched trigger in a document."""

    start: int
    end: int
    rule: ContextRule


def scope_of(trigger: Trigger, sent: Span, terminators: list[int]) -> tuple[int, int, int, int]:
    """Token ranges (backward_start, backward_end, forward_start, forward_end) a trigger reaches."""
    rule = trigger.rule
    reach = len(sent) if rule.category == "STATISTICAL" else (rule.max_scope or DEFAULT_SCOPE)
    doc = sent.doc
    fwd_start, fwd_end = trigger.end, min(sent.end, trigger.end + reach)
    back = reach if rule.backward_scope is None or rule.category == "STATISTICAL" else rule.backward_scope
    bwd_start, bwd_end = max(sent.start, trigger.start - back), trigger.start
    for t in terminators if rule.category != "STATISTICAL" else ():
        if fwd_start <= t < fwd_end:
            fwd_end = t
        if bwd_start <= t < bwd_end:
            bwd_start = t + 1
    if rule.terminated_by:
        words = {w.lower() for w in rule.terminated_by}
        for i in range(fwd_start, fwd_end):
            # a name's own words end no clause ("Kensington and Chelsea", "Bournemouth, Christchurch and Poole")
            if doc[i].lower_ in words and not doc[i].ent_type_:
                fwd_end = i
                break
    if rule.direction == "forward":
        return (bwd_end, bwd_end, fwd_start, fwd_end)
    if rule.direction == "backward":
        return (bwd_start, bwd_end, fwd_start, fwd_start)
    return (bwd_start, bwd_end, fwd_start, fwd_end)


def reaches(trigger: Trigger, target: Span, scope: tuple[int, int, int, int]) -> bool:
    if trigger.start < target.end and target.start < trigger.end:
        return False  # a trigger never modifies the words it overlaps
    if trigger.rule.adjacent:
        doc = target.doc
        between = range(target.end, trigger.start) if target.end <= trigger.start else range(trigger.end, target.start)
        if not all(doc[i].text in ATTACHING for i in between):
            return False
    bwd_start, bwd_end, fwd_start, fwd_end = scope
    if trigger.rule.backward_scope is not None:
        # a tight backward reach counts words to the target's last word, so a long grade ("requires
        # improvement to be good when it was last inspected") is as near as a short one
        return (bwd_start < target.end and target.start < bwd_end) or (fwd_start <= target.start < fwd_end)
    return (bwd_start <= target.start < bwd_end) or (fwd_start <= target.start < fwd_end)


def distance(trigger: Trigger, target: Span) -> int:
    """Tokens between a trigger and its target."""
    return max(target.start - trigger.end, trigger.start - target.end, 0)


def reading_of(reached: list[tuple[str, int]]) -> str:
    """The reading from the (category, distance) pairs of the triggers that reach a mention."""
    categories = {c for c, _ in reached}
    for category in IDENTITY:
        if category in categories:
            return READINGS[category]
    timed = [(d, READING_ORDER.index(c), c) for c, d in reached if c in READING_ORDER]
    return READINGS[min(timed)[2]] if timed else "current"


@Language.factory(
    "ofsted_context",
    assigns=["span._.ofsted_reading", "span._.ofsted_modifiers", "span._.ofsted_statistical",
             "doc._.ofsted_context_graph"],
    default_config={"rules_path": None, "extra_rules_paths": []},
)
def make_context(nlp: Language, name: str, *, rules_path: str | None,
                 extra_rules_paths: list[str]) -> "GradeContext":
    """The shipped rules (or `rules_path`), then a user's own from `--patterns DIR`."""
    from ..resources import pattern_file

    path = Path(rules_path) if rules_path else pattern_file("context_rules.jsonl")
    rules = load_context_rules(path)
    for extra in extra_rules_paths:
        rules += load_context_rules(Path(extra))
    return GradeContext(nlp, rules)


class GradeContext:
    """Attach ConText modifiers to the grade mentions in doc.spans["ofsted_grade"]."""

    def __init__(self, nlp: Language, rules: list[ContextRule]) -> None:
        self.rules = list(rules)
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab, validate=True)
        self._by_key: dict[str, ContextRule] = {}
        for number, rule in enumerate(self.rules):
            key = f"ctx{number}"
            self._by_key[key] = rule
            if rule.pattern:
                self.matcher.add(key, [rule.pattern])
            else:
                self.phrase_matcher.add(key, [nlp.make_doc(rule.literal)])

    def triggers(self, doc: Doc) -> list[Trigger]:
        found = [Trigger(s, e, self._by_key[doc.vocab.strings[m]]) for m, s, e in self.phrase_matcher(doc)]
        found += [Trigger(s, e, self._by_key[doc.vocab.strings[m]]) for m, s, e in self.matcher(doc)]
        # a date phrase's words trigger only history ("six years ago", "earlier this year"):
        # "in May 2013" holds no hypothetical "may"
        dated = {i for d in doc.spans.get(DATE_KEY, []) for i in range(d.start, d.end)}
        found = [t for t in found if t.rule.category == "PRIOR" or not dated.issuperset(range(t.start, t.end))]
        # where triggers overlap, the longest wins ("no longer" over "no", "last inspection" over "last")
        found.sort(key=lambda t: (-(t.end - t.start), t.start))
        # rules with the same words all stand ("previously" reaches both ways: two rules, one phrase)
        taken: set[int] = set()
        kept_spans: set[tuple[int, int]] = set()
        kept = []
        for trig in found:
            if (trig.start, trig.end) in kept_spans or not any(i in taken for i in range(trig.start, trig.end)):
                kept.append(trig)
                kept_spans.add((trig.start, trig.end))
                taken.update(range(trig.start, trig.end))
        return sorted(kept, key=lambda t: (t.start, t.end, t.rule.category, t.rule.direction))

    def __call__(self, doc: Doc) -> Doc:
        grades = list(doc.spans.get(GRADE_KEY, []))
        triggers = self.triggers(doc)
        doc.spans[MODIFIER_KEY] = [Span(doc, t.start, t.end, label=t.rule.category, kb_id=t.rule.direction)
                                   for t in triggers]
        if not grades:
            return doc
        edges = []
        by_sentence: dict[int, list[Trigger]] = {}
        for trig in triggers:
            by_sentence.setdefault(doc[trig.start].sent.start, []).append(trig)
        # "after" in "looked-after children" ends no clause
        in_areas = {i for a in doc.spans.get(AREA_KEY, []) for i in range(a.start, a.end)}
        for target in grades:
            sent = target.sent
            local = by_sentence.get(sent.start, [])
            terminators = [t.start for t in local if t.rule.category == "TERMINATE" and t.start not in in_areas]
            reached: list[tuple[str, int]] = []
            modifiers = []
            for trig in local:
                if trig.rule.category in ("TERMINATE", "PSEUDO"):
                    continue
                if reaches(trig, target, scope_of(trig, sent, terminators)):
                    reached.append((trig.rule.category, distance(trig, target)))
                    modifiers.append((trig.rule.category, doc[trig.start:trig.end].text))
                    edges.append((doc[trig.start:trig.end].text, trig.rule.category, target.text, target.start))
            target._.ofsted_reading = reading_of(reached)
            target._.ofsted_modifiers = tuple(modifiers)
            target._.ofsted_statistical = any(c == "STATISTICAL" for c, _ in reached)
        doc._.ofsted_context_graph = tuple(edges)
        return doc
