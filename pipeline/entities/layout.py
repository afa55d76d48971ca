"""Names the layout of a wire story settles, whatever the model guessed.

A dateline ("BIRMINGHAM, England 1997-03-15") opens with the places a story was filed
from: each capitalized run of its place part is a place (the model drops or mislabels
capitalized city names, and a dateline looks like a heading). A row of a results table
("Barnsley 2 Norwich 0") pairs two sides with their scores: the sides are teams (ORG),
which the KB turns back into countries where they are ("Japan 2 Syria 1"), as newswire
annotation does. The segmenter finds both kinds of line (`pipeline.entities.segment`).
A name in a headline in capitals that the model called a person takes the body's label.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.segment import DATELINE, dateline_place, is_table_row
from pipeline.entities.tokens import TokenView, view_of
from pipeline.kb import KnowledgeBase

# what the KB may make of a place or a team: "Japan 2 Syria 1" (countries), not a person
_LAYOUT_KB_LABELS = frozenset({"GPE", "LOC", "ORG"})

_SIDE = r"[^\W\d_][\w.'&-]*(?:\s+(?:[^\W\d_][\w.'&-]*))*?"
# "Barnsley 2 Norwich 0", "St Johnstone 1 Dundee United 1 (halftime 0-0)"
_SCORE_LINE = re.compile(rf"^\s*(?P<a>{_SIDE})\s+\d{{1,3}}\s+(?P<b>{_SIDE})\s+\d{{1,3}}(?:\s|$)")


def layout_names(
    view: TokenView,
    cands: list[Cand],
    blocks: Iterable[tuple[int, int, str]],
    kb: KnowledgeBase,
) -> list[Cand]:
    """`cands` with dateline places (GPE) and results-table sides (ORG) put in; a name
    found this way replaces the model's candidates it overlaps. A KB place or
    organization keeps its label and link ("Japan 2 Syria 1"); a KB person does not
    ("Bolton 1 Ipswich 1" names a team, not John Bolton)."""
    text = view.text
    found: list[tuple[int, int, str]] = []  # (start_char, end_char, label)
    for start, end, kind in blocks:
        line = text[start:end]
        if kind == DATELINE:
            place = dateline_place(line)
            if place:
                found += [(start + s, start + e, "GPE") for s, e in _place_names(place)]
        elif is_table_row(line):
            match = _SCORE_LINE.match(line)
            if match:
                found += [(start + match.start(g), start + match.end(g), "ORG") for g in "ab"]
    if not found:
        return cands
    starts = view.starts
    new: list[Cand] = []
    for first_char, last_char, label in found:
        first = bisect_left(starts, first_char)
        last = bisect_left(starts, last_char)
        if first < last:
            cand = Cand(first, last, label, source="layout")
            known = [
                e for e in kb.candidates(view.text_of(first, last)) if e.label in _LAYOUT_KB_LABELS
            ]
            if len(known) == 1:
                cand.label, cand.entity = known[0].label, known[0]
            new.append(cand)
    kept = [c for c in cands if not any(c.overlaps(n) for n in new)]
    return sorted(kept + new, key=lambda c: (c.start, -c.end))


def body_labels(doc: Doc, cands: list[Cand], unreliable: set[int]) -> None:
    """A name in a headline or a line in capitals that the model called a person takes
    the label the body gives the same name ("RUSSIA SAYS CHECHEN TALKS ..." over "Chechen
    separatists"): PERSON is the small model's guess for capitals it cannot read, and
    running text is the better evidence. Only where the body is unanimous."""
    doc = view_of(doc)
    body: dict[str, set[str]] = {}
    for cand in cands:
        if cand.start not in unreliable and cand.label in NAME_LABELS:
            body.setdefault(doc.text_of(cand.start, cand.end).casefold(), set()).add(cand.label)
    for cand in cands:
        if cand.start in unreliable and cand.entity is None and cand.label == "PERSON":
            labels = body.get(doc.text_of(cand.start, cand.end).casefold())
            if labels and len(labels) == 1:
                cand.label = next(iter(labels))


def _place_names(place: str) -> list[tuple[int, int]]:
    """Character spans of the comma-separated names of a dateline's place part."""
    spans = []
    for match in re.finditer(r"[^,]+", place):
        piece = match.group()
        stripped = piece.strip()
        if stripped:
            offset = match.start() + piece.index(stripped)
            spans.append((offset, offset + len(stripped)))
    return spans
