"""The sides of a match report are teams.

"Leicester beat Derby 2-1", "a 3-0 win over Southampton", "Chelsea drew 1-1 with Everton",
"Leicestershire beat Somerset by an innings and 39 runs": in a sentence with a score or
a winning margin and a verb or noun of winning, losing or drawing, the names
that play the sides are teams (ORG), which the small model reads as the towns they are
named after (GPE), as people (PERSON) or misses. A person stays a person: a name of two
words or more, or a surname the document gives in full elsewhere ("Sampras beat Pioline
6-4" after "Pete Sampras"); a KB name keeps its entity (a country's national side stays
the country, as newswire annotation has it).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipeline.entities.corrections import Cand
from pipeline.entities.tokens import view_of

# verbs and nouns of a result, by lemma
MATCH_VERBS = frozenset(
    "beat defeat draw lose win hold edge thrash rout trounce overcome down stun upset crush "
    "tie outplay".split()
)
MATCH_NOUNS = frozenset("win victory defeat draw loss".split())
_SIDE_PREPOSITIONS = frozenset({"over", "against", "with", "to", "by"})
_TEAM_LABELS = frozenset({"GPE", "PERSON", "LOC", "FAC"})
_SIDE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "npadvmod"})
_GOALS = re.compile(r"^\d{1,2}$")


def score_starts(lowers: list[str]) -> list[int]:
    """Where "2 - 1" starts in a token list (spaCy splits "2-1" so)."""
    return [
        i - 1
        for i in range(1, len(lowers) - 1)
        if lowers[i] in ("-", "–") and _GOALS.match(lowers[i - 1]) and _GOALS.match(lowers[i + 1])
    ]


_MARGIN_UNITS = frozenset({"runs", "wickets", "innings", "points", "strokes", "goals"})
_NUMBER_WORDS = frozenset("an a one two three four five six seven eight nine ten".split())


def margin_starts(lowers: list[str]) -> list[int]:
    """Where a winning margin starts: "by 45 runs", "by five wickets", "by an innings and
    39 runs", "by two strokes" (a result as cricket, golf and rugby reports give it)."""
    starts = []
    for i in range(len(lowers) - 2):
        if lowers[i] != "by":
            continue
        count, unit = lowers[i + 1], lowers[i + 2]
        if (count.isdigit() or count in _NUMBER_WORDS) and unit in _MARGIN_UNITS:
            starts.append(i)
    return starts


def match_teams(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """`cands` with the sides of the document's match results labelled ORG (and sides
    the model missed added), then every other mention of a team's name too: one sense
    per document ("Leicester manager Martin O'Neill" after "Leicester 2 Derby 1")."""
    view = view_of(doc)
    scores = score_starts(view.lowers) + margin_starts(view.lowers)
    if not scores and not any("team" in c.notes for c in cands):
        return cands
    doc = view.doc
    by_token = {i: c for c in cands for i in range(c.start, c.end)}
    surnames = {
        view.text_of(c.end - 1, c.end)
        for c in cands
        if c.label == "PERSON" and c.end - c.start >= 2
    }

    def a_person(cand: Cand) -> bool:
        text = view.text_of(cand.start, cand.end)
        return cand.label == "PERSON" and (cand.end - cand.start >= 2 or text in surnames)

    added: list[Cand] = []
    done: set[int] = set()
    for sent in {doc[i].sent for i in scores}:
        for side in _sides(sent):
            if side.i in done:
                continue
            done.add(side.i)
            cand = by_token.get(side.i)
            if cand is None:
                first = side.left_edge.i
                if all(
                    doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
                    for j in range(first, side.i + 1)
                ):
                    if not any(j in by_token for j in range(first, side.i + 1)):
                        added.append(Cand(first, side.i + 1, "ORG", source="teams"))
                        added[-1].notes.add("team")
                continue
            if cand.entity is not None or cand.label not in _TEAM_LABELS or a_person(cand):
                continue
            cand.label = "ORG"
            cand.notes.add("team")
    cands = sorted(cands + added, key=lambda c: (c.start, -c.end))
    teams = {view.text_of(c.start, c.end) for c in cands if "team" in c.notes and c.label == "ORG"}
    for cand in cands:
        if (
            cand.entity is None
            and cand.label in _TEAM_LABELS
            and view.text_of(cand.start, cand.end) in teams
            and not a_person(cand)
        ):
            cand.label = "ORG"
    return cands


def _sides(sent) -> list[Token]:
    """Proper nouns playing a side of a result in the sentence."""
    sides: list[Token] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in MATCH_VERBS:
            for child in token.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod")
                    and child.pos_ == "PROPN"
                ):
                    sides.append(child)
                elif child.dep_ in ("prep", "agent") and child.lower_ in _SIDE_PREPOSITIONS:
                    sides += [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        elif token.pos_ == "NOUN" and lemma in MATCH_NOUNS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in _SIDE_PREPOSITIONS:
                    sides += [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    return sides


_LOCATIVE = frozenset({"in", "at", "from", "near", "to", "outside", "around"})


def club_short_forms(doc: Doc, cands: list[Cand], team_words: frozenset[str]) -> None:
    """A club's name without its club word is the club ("Blackburn" in a report on
    "Blackburn Rovers", which the model reads as a person or the town), unless it is
    where something happens ("fans in Newcastle")."""
    view = view_of(doc)
    clubs = {
        view.text_of(c.start, c.end - 1).casefold()
        for c in cands
        if c.label == "ORG"
        and c.end - c.start >= 2
        and view.text_of(c.end - 1, c.end) in team_words
    }
    if not clubs:
        return
    for cand in cands:
        if cand.entity is not None or cand.label not in _TEAM_LABELS:
            continue
        if view.text_of(cand.start, cand.end).casefold() not in clubs:
            continue
        if cand.label != "PERSON" and cand.start > 0 and view.lowers[cand.start - 1] in _LOCATIVE:
            continue
        cand.label = "ORG"
        cand.notes.add("team")
