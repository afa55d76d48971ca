"""Names the layout of a wire story settles, whatever the model guessed.

A dateline ("BIRMINGHAM, England 1997-03-15", or "WASHINGTON —" opening a paragraph)
names the places a story was filed from: each capitalized run of its place part is a
place (the model drops or mislabels capitalized city names, and a dateline looks like a
heading). A row of a results table ("Barnsley 2 Norwich 0") pairs two sides with their
scores: the sides are teams (ORG), which the KB turns back into countries where they are
("Japan 2 Syria 1"), as newswire annotation does. The segmenter finds both kinds of line
(`pipeline.entities.segment`). A name in a headline in capitals takes the body's label.
In a listing, a name followed by a country in parentheses ("1. Michael Schumacher (
Germany ) Ferrari") is a person, and so is each name of a byline ("By Mike Stone and
Steve Holland", where the KB would make "Holland" the Netherlands).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.segment import DATELINE, dateline_place, is_table_row
from pipeline.entities.tokens import TokenView, view_of
from pipeline.entities.truecase import case_table, is_caps_text
from pipeline.kb import KnowledgeBase

# what the KB may make of a place or a team: "Japan 2 Syria 1" (countries), not a person
_LAYOUT_KB_LABELS = frozenset({"GPE", "LOC", "ORG"})

_SIDE = r"[^\W\d_][\w.'&-]*(?:\s+(?:[^\W\d_][\w.'&-]*))*?"
# "Barnsley 2 Norwich 0", "St Johnstone 1 Dundee United 1 (halftime 0-0)"
_SCORE_LINE = re.compile(rf"^\s*(?P<a>{_SIDE})\s+\d{{1,3}}\s+(?P<b>{_SIDE})\s+\d{{1,3}}(?:\s|$)")


# a paragraph that opens with the place it was filed from, in capitals, then a dash:
# "WASHINGTON —", "KYIV, Ukraine —", "MOSCOW, Aug 30 (Reuters) -"
_OPENING_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?(?:\s*\([A-Za-z .]+\))?\s*[—–-]{1,2}\s"
)


# a byline: "By Mike Stone and Steve Holland", "By DAVID McHUGH", "By Ana Ruiz, Li Wei"
_BYLINE_NAME = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){1,3}"
_BYLINE = re.compile(
    rf"^\s*By\s+(?P<names>{_BYLINE_NAME}(?:\s*(?:,|\band\b|&)\s*{_BYLINE_NAME})*)\s*$"
)
_STAFF = re.compile(r"\b(?:Staff|Reporters?|Correspondents?|Editors?|Desk)\b", re.IGNORECASE)
_BYLINE_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&)\s*")


def _byline_names(line: str) -> list[tuple[int, int]]:
    """Character spans of the persons a byline names."""
    match = _BYLINE.match(line)
    if match is None:
        return []
    spans, start = [], match.start("names")
    for separator in _BYLINE_SEPARATOR.finditer(line, start, match.end("names")):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, match.end("names")))
    return spans


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
        opening = _OPENING_DATELINE.match(line)
        if opening and _place_in_capitals(opening.group("city"), line):
            # "WASHINGTON — Today, ...", "MOSCOW, Aug 30 (Reuters) - ..."
            found.append((start + opening.start("city"), start + opening.end("city"), "GPE"))
            if opening.group("region"):
                found.append(
                    (start + opening.start("region"), start + opening.end("region"), "GPE")
                )
        found += [(start + s, start + e, "PERSON") for s, e in _byline_names(line)]
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
            if label == "ORG":
                cand.notes.add("team")  # a side of a results row
            known = [
                e for e in kb.candidates(view.text_of(first, last)) if e.label in _LAYOUT_KB_LABELS
            ]
            if len(known) == 1:
                cand.label, cand.entity = known[0].label, known[0]
            if label == "PERSON" and (known or _STAFF.search(view.text_of(first, last))):
                continue  # "By Reuters Staff": an agency, not a person
            new.append(cand)
    kept = [c for c in cands if not any(c.overlaps(n) for n in new)]
    return sorted(kept + new, key=lambda c: (c.start, -c.end))


def body_labels(doc: Doc, cands: list[Cand], unreliable: set[int]) -> None:
    """A name in a headline or a line in capitals takes the label the body gives the
    same name, where the body is unanimous: running text is the better evidence
    ("RUSSIA SAYS CHECHEN TALKS ..." over "Chechen separatists"; "HAMBURG OPEN" over
    "the Hamburg Open"). Except that a body PERSON does not overrule the headline: it is
    the small model's guess for any unfamiliar name, in the body too."""
    doc = view_of(doc)
    body: dict[str, set[str]] = {}
    for cand in cands:
        if cand.start not in unreliable and cand.label in NAME_LABELS:
            body.setdefault(_name_key(doc, cand), set()).add(cand.label)
    for cand in cands:
        if cand.start in unreliable and cand.entity is None and cand.label in NAME_LABELS:
            labels = body.get(_name_key(doc, cand))
            if labels and len(labels) == 1:
                label = next(iter(labels))
                if label != "PERSON" or cand.label == "PERSON":
                    cand.label = label


def _name_key(doc: TokenView, cand: Cand) -> str:
    key = doc.text_of(cand.start, cand.end).casefold()
    return key[4:] if key.startswith("the ") else key


# labels a listed person's name gets by mistake ("Heinz-Harald Frentzen ( Germany )": ORG)
_NOT_PERSONS = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC"})
_LIST_OPENERS = frozenset({"-", "–", "—", ".", ":"})


def listed_persons(view: TokenView, cands: list[Cand], kb: KnowledgeBase) -> list[Cand]:
    """A name right before a country in parentheses, in a listing, is a person: the
    model's other labels for it become PERSON, and a name it missed at the start of a
    line or after a rank ("1 - Marcelo Rios ( Chile )") is added."""
    text = view.text
    if "(" not in text:
        return cands
    ending = {c.end: c for c in cands}
    taken = {i for c in cands for i in range(c.start, c.end)}
    heads = kb.heads
    added: list[Cand] = []
    lowers = view.lowers
    for i in [k for k in range(1, len(view) - 2) if lowers[k] == "("]:
        close = next((j for j in range(i + 2, min(i + 6, len(view))) if lowers[j] == ")"), None)
        if close is None or not any(
            e.kind == "country" for e in kb.candidates(view.text_of(i + 1, close))
        ):
            continue
        cand = ending.get(i)
        if cand is not None:
            if (
                cand.label in _NOT_PERSONS
                and cand.entity is None
                and 2 <= cand.end - cand.start <= 4
                and _name_words(view, cand.start, cand.end)
                and view.text_of(cand.end - 1, cand.end) not in heads
            ):
                cand.label = "PERSON"
            continue
        start = i
        while (
            start > 0
            and i - start < 3
            and start - 1 not in taken
            and _name_words(view, start - 1, start)
        ):
            start -= 1
        if i - start < 2 or view.text_of(i - 1, i) in heads:
            continue
        before = view.text_of(start - 1, start) if start > 0 else "\n"
        line_start = start == 0 or "\n" in text[view.ends[start - 1] : view.starts[start]]
        if line_start or before in _LIST_OPENERS or before.isdigit():
            added.append(Cand(start, i, "PERSON", source="layout"))
    if not added:
        return cands
    return sorted(cands + added, key=lambda c: (c.start, -c.end))


def _name_words(view: TokenView, start: int, end: int) -> bool:
    """Every token a capitalized word ("Krajicek"), none in capitals, or a hyphen inside
    one ("Heinz-Harald")."""
    for i in range(start, end):
        word = view.text_of(i, i + 1)
        if word == "-" and start < i < end - 1 and view.ends[i - 1] == view.starts[i]:
            continue
        if not (word[:1].isupper() and word.isalpha() and not word.isupper()):
            return False
    return True


def _place_in_capitals(city: str, line: str) -> bool:
    """A dateline's city, not a headline in capitals ("SOCCER - JAPAN WIN") nor a common
    word ("NOTE - ...")."""
    if is_caps_text(line):
        return False
    table = case_table()
    return not any(table.get(word.casefold(), word.title())[:1].islower() for word in city.split())


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
