"""What a name's form says it names, where the base model guesses.

A company's legal form ("GmbH", "LLC", "PJSC") makes a name an ORG (finding the company
names the model missed is `companies`' part); the last word of an unknown multi-word name
("... Park", "... Brook", "... High School") overrules PERSON, the small model's guess for
unfamiliar capitalized words, and "... Act", "... Law", "... Treaty" make a LAW of an ORG or
EVENT, as does a law's kind before its subject ("the Treaty of Rome"); a model designation
("F-86 Sabre") makes a PRODUCT; a law named with its year keeps the year; a military unit
keeps its number ("the 47th Mechanized Brigade", "No. 18 Squadron"); a name its sentence
says the kind of takes that kind's
label ("the village of Bucha", "Caloi is a bicycle manufacturer", "Marta Ruiz, minister
of energy", "the pianist András"). The words are data (`name_heads:` in
`pipeline/data/kb_actors.yml`, read into `KnowledgeBase.heads` and
`KnowledgeBase.leading_designators`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from spacy.tokens import Doc

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.tokens import TokenView, view_of
from pipeline.kb import KnowledgeBase

# a model designation: maker's or role letters, a hyphen, a number ("F-16", "MiG-29",
# "T-72", "AH-64D"); "COVID-19" (five letters) is none
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,2}-\d{1,4}[A-Z]?s?$")
_NOT_PRODUCTS = frozenset({"PRODUCT", "EVENT", "LAW", "LANGUAGE"})
_LAWLIKE = frozenset({"ORG", "EVENT"})  # "the Immigration and Nationality Act" tagged ORG
# organization heads that also name buildings ("Moscone Center"): a FAC stays
_SITES = frozenset({"Center", "Centre", "Laboratory", "Laboratories", "Library"})
# built things no polity is named after ("Zaporizhzhia Nuclear Power Plant" tagged GPE)
_BUILT = frozenset(
    "Plant Airport Station Bridge Dam Tunnel Prison Hospital Stadium Arena Museum".split()
)
# "… Games" is an event after these ("the Asian Winter Games", "the Commonwealth Games")
_GAMES = frozenset("Olympic Paralympic Winter Summer Commonwealth Youth Pan Asian".split())
_EVENTLIKE = frozenset({"ORG", "PERSON", "GPE", "FAC", "NORP", "LOC", "WORK_OF_ART"})
# a law named by its kind and subject: "Treaty of Versailles", "Convention on Cluster
# Munitions", "Agreement on Peace and Reconciliation in Mali"
_LAW_OPENERS = frozenset(
    "Treaty Convention Agreement Protocol Accord Accords Charter Covenant Pact".split()
)
_LAW_LINKS = frozenset({"on", "of", "for", "between", "concerning"})


def relabel_by_head(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> None:
    """A name the KB does not know takes the label its form implies: a company's legal form
    before ("PJSC Rosneft") or after it ("Eberhard Faber GmbH") makes it an ORG
    whatever the model said; one that opens with a model designation ("F-86 Sabre") is a
    PRODUCT; one that opens with a law's kind and its subject ("Treaty of Versailles",
    "Convention on Cluster Munitions") is a LAW; "... Park", "... River", "... High
    School" overrule PERSON only, "... Act" and "... Treaty" overrule ORG and EVENT too,
    "... Summit" and "... War" any label but LAW and PRODUCT, "... League" and
    "... Administration" overrule FAC too, "... Plant" and "... Airport" overrule GPE,
    a club word ("... United", "... Rovers") makes a club of a place or person, joining
    it when it follows ("Newcastle United") (`kb.heads`: last word → label)."""
    doc = view_of(doc)
    heads, leading = kb.heads, kb.leading_designators
    word = doc.text_of  # token text by offsets: no Token objects for every candidate
    taken = {c.start for c in cands}
    for cand in cands:
        if cand.entity is not None or cand.label not in NAME_LABELS:
            continue
        opening = word(cand.start, cand.start + 1)
        if opening in leading:
            cand.label = "ORG"  # "PJSC Rosneft"
            continue
        if cand.start > 1 and word(cand.start - 1, cand.start) in _LAW_LINKS:
            if word(cand.start - 2, cand.start - 1) in _LAW_OPENERS and cand.start - 2 not in taken:
                cand.start -= 2  # "[Agreement on] Maritime Cooperation": the model's cut
                cand.label = "LAW"
                continue
        first = cand.start
        if opening.lower() == "the" and cand.end - cand.start > 1:
            first += 1
            opening = word(first, first + 1)
        if opening in _LAW_OPENERS and first + 2 < cand.end:
            if word(first + 1, first + 2) in _LAW_LINKS:
                cand.label = "LAW"  # "the Agreement on Peace and Reconciliation"
                continue
        if cand.label not in _NOT_PRODUCTS and _DESIGNATION.match(opening):
            cand.label = "PRODUCT"  # "F-86 Sabre", "T-72 tanks": a model, not its maker
            continue
        if cand.label in _TEAM_PLACES and _team_word_after(doc, cand, heads, taken):
            cand.end += 1  # "[Newcastle] United": the club, not the city
            cand.label = "ORG"
            continue
        if cand.end - cand.start < 2:
            continue
        head = heads.get(word(cand.end - 1, cand.end))
        if head in ("designator", "team"):
            cand.label = "ORG"
        elif head == "EVENT":
            if cand.label in _EVENTLIKE and word(cand.end - 2, cand.end - 1) not in _LAW_LINKS:
                cand.label = "EVENT"  # "the G7 Leaders' Summit", not "Department of War"
        elif word(cand.end - 1, cand.end) == "Games" and cand.label in _EVENTLIKE:
            if word(cand.end - 2, cand.end - 1) in _GAMES:
                cand.label = "EVENT"  # "the Asian Winter Games", not "Rockstar Games"
        elif head is not None and (
            cand.label == "PERSON"
            or (head == "FAC" and cand.label == "GPE" and word(cand.end - 1, cand.end) in _BUILT)
            or (head == "LAW" and cand.label in _LAWLIKE)
            or (
                head == "ORG" and cand.label == "FAC" and word(cand.end - 1, cand.end) not in _SITES
            )
        ):
            cand.label = head


_TEAM_PLACES = frozenset({"GPE", "PERSON", "ORG", "LOC"})


def _team_word_after(doc: TokenView, cand: Cand, heads: Mapping[str, str], taken: set[int]):
    """Whether a club word ("United", "Rovers") closes the name right after `cand`."""
    after = cand.end
    if after >= len(doc) or after in taken or heads.get(doc.text_of(after, after + 1)) != "team":
        return False
    following = doc.text_of(after + 1, after + 2) if after + 1 < len(doc) else ""
    return not following[:1].isupper()


_DATED_LABELS = frozenset({"LAW", "EVENT"})


def complete_dated_names(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """A law or event named with its year keeps the year: the model stops "the Trade Act
    of" before "1974" (and "the War of" before "1812"), which it reads as a date."""
    doc = view_of(doc)
    by_start = {c.start: c for c in cands}
    absorbed: set[int] = set()
    for cand in cands:
        if cand.label not in _DATED_LABELS or cand.end >= len(doc):
            continue
        end = cand.end
        if doc[end - 1].lower_ != "of":
            if doc[end].lower_ != "of" or end + 1 >= len(doc):
                continue
            end += 1  # "the Trade Act" + "of 1974"
        year = doc.text_of(end, end + 1)  # in the doc: both branches checked the length
        if not (year.isdigit() and len(year) == 4):
            continue
        date = by_start.get(end)
        if date is not None and (date.label in NAME_LABELS or date.end != end + 1):
            continue
        if date is not None:
            absorbed.add(id(date))
        cand.end = end + 1
    return [c for c in cands if id(c) not in absorbed] if absorbed else cands


# a unit's number: "47th", "93d", "65", "VI"; "No." may precede it ("No. 18 Squadron")
_NUMBER_SIGN = re.compile(r"\bNo\.? ?$")
_UNIT_NUMBER = re.compile(r"^(?:\d{1,3}(?:st|nd|rd|th|d)?|[IVXL]{1,6})$")  # no years


def numbered_units(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> list[Cand]:
    """Military units named by number: "the 47th Mechanized Brigade", "65 Air Division",
    "VI Corps", "No. 18 Squadron" are one ORG. The model tags the number apart (ORDINAL)
    or not at all, or the unit without its number ("Air Division"); a candidate inside
    the name gives way to it, one that reaches outside it keeps its span."""
    doc = view_of(doc)
    units = kb.unit_heads
    if not units:
        return cands
    owner = {i: c for c in cands for i in range(c.start, c.end)}
    added: list[Cand] = []
    for head in range(1, len(doc)):
        if doc.text_of(head, head + 1) not in units:
            continue
        first = head
        while first > 0 and head - first < 4 and _unit_word(doc, first - 1):
            first -= 1
        # the number opens the name: words before it are not the unit's ("Ukrainian")
        numbers = [i for i in range(first, head) if _UNIT_NUMBER.match(doc.text_of(i, i + 1))]
        if not numbers:
            continue
        start = numbers[0]
        opening = doc.starts[start]
        number_sign = _NUMBER_SIGN.search(doc.text, max(0, opening - 4), opening)
        if number_sign:  # "No. 18 Squadron" ("No." may be one token or two)
            start = bisect_left(doc.starts, number_sign.start())
        new = Cand(start, head + 1, "ORG", source="unit")
        inside = {id(c): c for i in range(start, head + 1) if (c := owner.get(i)) is not None}
        if any(not c.inside(new) or c.entity is not None for c in inside.values()):
            continue  # "Howe's Brigade of Couch's Division of the IV Corps" stays one name
        # a longer unit replaces one found inside it ("1st Army" in "1st Army Group")
        added = [a for a in added if id(a) not in inside]
        added.append(new)
        owner.update((i, new) for i in range(start, head + 1))
    if not added:
        return cands
    kept = [c for c in cands if not any(c.overlaps(a) for a in added)]
    return sorted(kept + added, key=lambda c: (c.start, -c.end))


def _unit_word(doc: TokenView, i: int) -> bool:
    """A capitalized word of a unit's name ("Mechanized", "Air", "Defense"), or its number."""
    text = doc[i].text
    return (text[:1].isupper() and doc[i].is_alpha and not doc[i].is_stop) or bool(
        _UNIT_NUMBER.match(text)
    )


# labels a kind noun may overrule; the model's GPE and LOC stand ("Montreal, a team ..."),
# but for a person of two names or more
_KINDS_RELABEL = frozenset({"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def names_by_kind(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> None:
    """A name its sentence says the kind of takes that kind's label, in every mention of
    the document: "the village of Bucha", "Aisby is a village in Lincolnshire" (GPE);
    "Caloi is a Brazilian bicycle manufacturer", "Wagner, a private military company"
    (ORG); "X, a Hungarian composer" (PERSON). The small model calls such unfamiliar names
    PERSON or ORG by their look. The kinds are data (`kind_nouns` in `kb_actors.yml`)."""
    kinds = kb.kind_nouns
    if not kinds:
        return
    view = view_of(doc)
    labels: dict[str, str] = {}
    for cand in cands:
        if cand.entity is None and (cand.label in _KINDS_RELABEL or _two_words(cand)):
            label = _kind_label(view.doc[cand.start : cand.end].root, kinds)
            if label is None:
                label = _kind_before(view, cand.start, kinds)
            if label is not None and (cand.label in _KINDS_RELABEL or label == "PERSON"):
                labels.setdefault(view.text_of(cand.start, cand.end).casefold(), label)
    if not labels:
        return
    for cand in cands:
        if cand.entity is None and (cand.label in _KINDS_RELABEL or _two_words(cand)):
            label = labels.get(view.text_of(cand.start, cand.end).casefold(), cand.label)
            if cand.label in _KINDS_RELABEL or label == "PERSON":
                cand.label = label


def _two_words(cand: Cand) -> bool:
    """A place's name of two words or more that a person noun may overrule ("Marta Ruiz,
    minister of energy", which the model called a GPE)."""
    return cand.label in ("GPE", "LOC") and cand.end - cand.start > 1


def _kind_before(view: TokenView, start: int, kinds: Mapping[str, str]) -> str | None:
    """The label of a kind noun written right before the name: "the pianist András",
    "the restaurant owner László" (no), "the band Coldplay", "the company Huawei"."""
    if start == 0:
        return None
    noun = view[start - 1]
    if noun.pos_ != "NOUN" or not noun.is_lower or not noun.whitespace_:
        return None
    if start > 1 and view[start - 2].text in ("-", "–") and not view[start - 2].whitespace_:
        return None  # "second-team All-American": part of a compound modifier
    if noun.lemma_ == "team":
        return None  # "first team All-American": an honour, not a team's name
    return kinds.get(noun.lemma_.lower())


_FOLLOWING = frozenset({"team", "party", "group", "club", "band", "network", "union", "label"})


def _kind_label(root, kinds: Mapping[str, str]) -> str | None:
    """The label of the kind noun that defines `root`'s name, if its sentence has one."""

    def label_of(noun) -> str | None:
        label = kinds.get(noun.lemma_.lower())
        # "a school district" is no settlement (a kind of place, but an ORG)
        if label == "GPE" and any(c.dep_ == "compound" for c in noun.children):
            return None
        return label

    head = root.head
    # "Al Junaid company", "the Mopti region" (the kind right after the name); kinds a
    # person's followers may be ("the Biden team", "the Trump party") do not count
    if root.dep_ == "compound" and head.i == root.i + 1 and head.is_lower:
        label = kinds.get(head.lemma_.lower())
        return label if label != "PERSON" and head.lemma_ not in _FOLLOWING else None
    # "the village of Bucha" (the kind right before "of"; "the president of Chile" says
    # what the president is, not what Chile is)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.i > 0:
        label = label_of(head.head) if head.head.i == head.i - 1 else None
        return label if label != "PERSON" else None
    # "Aisby is a village (in Lincolnshire)"
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        attrs = [c for c in head.children if c.dep_ == "attr"]
        return label_of(attrs[0]) if attrs else None
    # "Kenora, a city in Ontario"
    appositions = [c for c in root.children if c.dep_ == "appos"]
    return label_of(appositions[0]) if appositions else None
