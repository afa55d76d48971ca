"""Named ships and a maker's models are products (PRODUCT).

Sanctions texts list the vessels they block: "the Marshall Islands-flagged JAYA",
"Guyana-flagged Phonix", "the tanker Adrian Darya 1", "vessels SEA BIRD, AVON and
CESARIA". The small model reads such names as places, people or companies ("Jaya" LOC,
"Yuri" PERSON, "Bertha" ORG). A name written right after a ship noun, or after
"<flag>-flagged", or right before "(<flag>-flagged)", is a ship's name, and so is each
name listed with it; OntoNotes files vehicles under PRODUCT.

A maker's name before a model number is the model: "Airbus A380", "Boeing 737-800",
"Embraer E195" (the model reads the maker as an ORG and the number as a number); a
number without letters counts only after a maker the knowledge base knows.
"""

from __future__ import annotations

import re

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.tokens import TokenView
from pipeline.kb import KnowledgeBase
from pipeline.timex.vocab import month_number, weekday_number

# nouns for a ship, by lower-case form (singular and plural)
VESSEL_NOUNS = frozenset(
    "vessel vessels ship ships tanker tankers supertanker supertankers freighter freighters "
    "frigate frigates destroyer destroyers corvette corvettes cruiser "
    "cruisers submarine submarines yacht yachts superyacht superyachts".split()
)
# words between a flag and the ship noun: "Panama-flagged crude oil tanker"
_CARGO = frozenset("oil crude cargo container bulk gas lng lpg chemical product".split())
_MAX_NAME = 5
_LIST_SEPARATORS = frozenset({",", "and", "&"})


def _name_end(view: TokenView, start: int) -> int:
    """The end of the ship's name that starts at `start` (== start when none does): a
    capitalized word, then capitalized words and numbers ("Adrian Darya 1", "CHIRON 5")."""
    end = start
    while end < len(view) and end - start < _MAX_NAME:
        token = view[end]
        text = token.text
        if token.is_alpha and text[:1].isupper():
            end += 1
        elif end > start and (text.isdigit() or text in ("I", "II", "III", "IV")):
            end += 1
        else:
            break
    # a word glued by a hyphen is a modifier ("Guyana-flagged"), not a ship's name
    if end < len(view) and view[end].text == "-" and not view[end - 1].whitespace_:
        return start
    return end


def _cue_names(view: TokenView, i: int, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """The names listed after the cue at token i (a ship noun or "flagged")."""
    j = i + 1
    if view.lowers[i] == "flagged":
        while j < len(view) and view.lowers[j] in _CARGO:
            j += 1
        if j < len(view) and view.lowers[j] in VESSEL_NOUNS:
            j += 1
    names: list[tuple[int, int]] = []
    while j < len(view):
        end = _name_end(view, j)
        if end == j:
            break
        name = view.text_of(j, end)
        if month_number(view[j].text) or weekday_number(view[j].text):
            break  # "the tanker Tuesday": a date
        if any(entity.label != "PRODUCT" for entity in kb.candidates(name)):
            break  # "tankers Iran uses": a known place or actor is no ship
        names.append((j, end))
        k = end
        while k < len(view) and view.lowers[k] in _LIST_SEPARATORS:
            k += 1
        if k == end:
            break
        j = k
    return names


def _is_cue(view: TokenView, i: int) -> bool:
    lower = view.lowers[i]
    if lower == "flagged":  # "Guyana-flagged"
        return i > 1 and view[i - 1].text == "-" and not view[i - 2].whitespace_
    if lower not in VESSEL_NOUNS or view[i].pos_ not in ("NOUN", "PROPN"):
        return False
    # a capitalized ship noun after a capitalized word is part of a name ("Vision Ship
    # Management LLP"), not a cue
    return not (i > 0 and view[i].text[:1].isupper() and view[i - 1].text[:1].isupper())


def _flagged_before(view: TokenView, i: int, kb: KnowledgeBase) -> tuple[int, int] | None:
    """The name before a parenthesized flag: "JAYA (Marshall Islands-flagged)"."""
    if i + 1 >= len(view) or view[i + 1].text != ")":
        return None
    opening = next((k for k in range(i - 1, max(i - 8, 0), -1) if view[k].text == "("), None)
    if opening is None:
        return None
    start = opening
    while start > 0 and opening - start < _MAX_NAME:
        text = view[start - 1].text
        if view[start - 1].is_alpha and text[:1].isupper() or (text.isdigit() and start < opening):
            start -= 1
        else:
            break
    while start < opening and view[start].text.isdigit():
        start += 1
    if start == opening or kb.candidates(view.text_of(start, opening)):
        return None
    return start, opening


def named_vessels(view: TokenView, cands: list[Cand], kb: KnowledgeBase) -> list[Cand]:
    """`cands` with each ship's name as one PRODUCT, in place of what overlaps it."""
    lowers = view.lowers
    cues = [i for i, lower in enumerate(lowers) if lower in VESSEL_NOUNS or lower == "flagged"]
    ships: list[Cand] = []
    taken: set[int] = set()
    for i in cues:
        if i in taken or not _is_cue(view, i):
            continue
        names = _cue_names(view, i, kb)
        before = _flagged_before(view, i, kb) if lowers[i] == "flagged" else None
        for start, end in names + ([before] if before else []):
            ships.append(Cand(start, end, "PRODUCT", source="vessel"))
            taken.update(range(start, end))
    if not ships:
        return cands
    kept = [c for c in cands if not any(c.overlaps(ship) for ship in ships)]
    return sorted(kept + ships, key=lambda c: (c.start, -c.end))


# a model number: an optional one- or two-letter series, three digits, an optional
# variant ("A380", "737", "737-800", "E195", "A330-200"); four digits would be a year
_MODEL = re.compile(r"^(?:[A-Z]{1,2}-?)?\d{3}(?:-\d{1,3})?[A-Z]?s?$")


def maker_models(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """`cands` with each "<maker> <model number>" as one PRODUCT: an organization's name
    followed directly by a model number (see the module)."""
    out: list[Cand] = []
    taken_by = {i: c for c in cands for i in range(c.start, c.end)}
    skip: set[int] = set()
    for cand in cands:
        if id(cand) in skip:
            continue
        after = cand.end
        if (
            cand.label == "ORG"
            and after < len(view)
            and view[after - 1].whitespace_ == " "
            and _MODEL.match(view[after].text)
            and view[cand.end - 1].text[:1].isupper()
            # a bare number names a model only after a maker the KB knows ("Boeing
            # 737"); after another name it may count something ("Apple 500 shares")
            and (not view[after].text[:1].isdigit() or cand.entity is not None)
        ):
            number = taken_by.get(after)
            if number is None or number.label not in NAME_LABELS or number.label == "PRODUCT":
                end = after + 1 if number is None else max(after + 1, number.end)
                while end + 1 < len(view) and _variant(view, end):
                    end += 2  # "737" "-" "800"
                if number is not None:
                    skip.add(id(number))
                out.append(Cand(cand.start, end, "PRODUCT", source="model"))
                continue
        out.append(cand)
    return [c for c in out if id(c) not in skip]


def _variant(view: TokenView, i: int) -> bool:
    """A variant glued to a model number by a hyphen ("737" "-" "800")."""
    return (
        view[i].text == "-"
        and not view[i - 1].whitespace_
        and not view[i].whitespace_
        and view[i + 1].text.isdigit()
    )
