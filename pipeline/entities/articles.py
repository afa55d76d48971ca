"""What a definite article before a name says: English writes no article before a
person's name.

"the Danube", "the Majlis", "the Tatmadaw", "the Bosporus": the small model reads an
unfamiliar single capitalized word as a person by its look, but "the" before it says it
names a place, a body or a group. A person's name does take "the" where it modifies a
noun ("the Trump administration", "the Schlegel brothers", "the Norton match") and where
a plural of a surname the document names stands for a family ("the Mozarts"), so those
stay; so does a word the knowledge base or the document's fuller names link to a person.

Where the word sits says what it is instead: the object of a preposition of place or
movement ("across the Rhine", "along the Mekong") or of "cross" is a location; anything
else that acts, is acted on or is named ("the Duma passed", "the Majlis voted",
"supporting the Cult") is an organization.
"""

from __future__ import annotations

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.tokens import TokenView

_PLACE_PREPOSITIONS = frozenset(
    {
        "across", "along", "alongside", "around", "beneath", "beyond", "down", "into",
        "near", "onto", "over", "past", "through", "throughout", "toward", "towards",
        "under", "up", "upon", "in", "on", "at", "from", "to", "within",
    }
)  # fmt: skip
_PLACE_VERBS = frozenset({"cross", "ford", "span", "straddle", "border"})


def articled_names(view: TokenView, cands: list[Cand]) -> None:
    """Relabel the one-word PERSON candidates that follow "the" and are no person."""
    surnames = {view[c.end - 1].text for c in cands if c.label == "PERSON"}
    for cand in cands:
        if cand.label != "PERSON" or cand.end - cand.start != 1:
            continue
        if cand.entity is not None or cand.canonical or cand.start == 0:
            continue
        token = view[cand.start]
        if view[cand.start - 1].lower_ != "the" or not token.is_alpha:
            continue
        if _modifies_noun(view, cand.start) or _family(token.text, surnames):
            continue
        cand.label = "LOC" if _place_role(token) else "ORG"


_DEMONSTRATIVES = frozenset({"this", "these", "those"})


def demonstrative_nouns(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """Without the one-word capitalized nouns a demonstrative points at: "this Summit",
    "this Regulation", "this Communiqué" refer back to something and name nothing (a
    name takes no "this"); demonyms and KB-linked words stay."""
    dropped = set()
    for cand in cands:
        if cand.end - cand.start != 1 or cand.start == 0 or cand.entity is not None:
            continue
        if cand.label not in NAME_LABELS or cand.label == "NORP":
            continue
        word = view.text_of(cand.start, cand.end)
        if view.lowers[cand.start - 1] in _DEMONSTRATIVES and word.istitle() and len(word) > 2:
            if not _modifies_noun(view, cand.start):
                dropped.add(id(cand))
    return [c for c in cands if id(c) not in dropped] if dropped else cands


def _modifies_noun(view: TokenView, i: int) -> bool:
    """ "the Trump administration": the name is a modifier inside a longer noun phrase."""
    if i + 1 >= len(view):
        return False
    following = view[i + 1]
    return following.pos_ in ("NOUN", "PROPN") or following.tag_ == "POS"


def _family(word: str, surnames: set[str]) -> bool:
    """ "the Mozarts" where the document names Mozart: a plural surname names a family."""
    return word.endswith("s") and (word[:-1] in surnames or word[:-2] in surnames)


def _place_role(token) -> bool:
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in _PLACE_PREPOSITIONS
    if token.dep_ == "dobj":
        return head.lemma_ in _PLACE_VERBS
    return False
