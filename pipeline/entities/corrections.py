"""Corrections to the base model's entity spans that need no knowledge base.

Each function takes a Doc and token offsets and returns corrected candidates; the
rules are about English names in general: a name is capitalized, ends before a
possessive, never crosses a paragraph or heading boundary, does not include a
parenthesis it does not close, and does not start with a title ("President").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.entities.roles import (
    OFFICES,
    after_role,
    before_role,
    in_title,
    portfolio,
    portfolio_word,
    singular_title,
    strip_titles,
    titled_person,
)
from pipeline.entities.tokens import view_of
from pipeline.kb import KBEntity

NAME_LABELS = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()
)
NUMERIC_LABELS = frozenset("CARDINAL QUANTITY PERCENT MONEY".split())
# a numeric entity measuring one of these is a duration, not a number ("10–12 days")
TIME_UNITS = frozenset(
    "second minute hour day night week weekend fortnight month year decade century".split()
)
_MONEY_OR_SHARE = frozenset("% percent per cent $ € £ ¥ dollar euro pound yen".split())
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# parts of speech of a capitalized common word (unknown names are tagged PROPN or NOUN)
_COMMON_POS = frozenset("ADJ ADV VERB AUX DET ADP PRON CCONJ SCONJ".split())


@dataclass
class Cand:
    """A candidate entity: token offsets, label, and what it was linked to."""

    start: int
    end: int
    label: str
    entity: KBEntity | None = None
    canonical: str | None = None
    source: str = "ner"
    notes: set[str] = field(default_factory=set)

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Cand) -> bool:
        return other.start <= self.start and self.end <= other.end


def is_duration(doc: Doc, start: int, end: int) -> bool:
    """A number of time units ("as little as 10–12 days", "six months"), not a quantity."""
    lemmas = {doc[i].lemma_.lower() for i in range(start, end)}
    words = {doc[i].lower_ for i in range(start, end)}
    if words & _MONEY_OR_SHARE:
        return False
    return bool((lemmas | words) & TIME_UNITS)


def is_possessive(doc: Doc, i: int) -> bool:
    token = doc[i]
    return token.text in _POSSESSIVE and (token.tag_ == "POS" or token.text.endswith("s"))


# words a name never ends on: "Nomura Securities and [Daiwa Securities]"
_DANGLING = frozenset({"and", "or", "of", "the", "for", "&"})
_SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop edge white space, punctuation (but not a closing abbreviation's period),
    a trailing possessive and a dangling conjunction or preposition."""
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text != ".")
        or is_possessive(doc, end - 1)
        or doc[end - 1].lower_ in _DANGLING
    ):
        end -= 1
    if end - start > 3 and _SCORE.match("".join(doc[i].text for i in range(end - 3, end))):
        return trim(doc, start, end - 3)  # "Derby 2-1": the score is no part of the name
    return start, end


def split_at(doc: Doc, start: int, end: int, breaks: set[int]) -> list[tuple[int, int]]:
    """Pieces of [start, end) between the tokens whose index is in `breaks`."""
    pieces, piece_start = [], start
    for i in range(start, end):
        if i in breaks:
            if piece_start < i:
                pieces.append((piece_start, i))
            piece_start = i + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def is_capitalized(doc: Doc, start: int, end: int) -> bool:
    """A name has an upper-case letter or a digit somewhere ("iPhone", "G7", a "747"),
    or is an address ("example.com"); a number of one or two digits alone is a score or
    a rank ("Derby 1"), no name, and a superscript is no digit ("km²")."""
    if end - start == 1 and doc[start].text.isdigit() and len(doc[start].text) <= 2:
        return False
    return any(
        doc[i].like_url or any(c.isupper() or c.isdecimal() for c in doc[i].text)
        for i in range(start, end)
    )


def clean_ner_spans(
    doc: Doc,
    block_of: list[int],
    *,
    titles: frozenset[str],
    kb,
    keep_right_of_possessive,
) -> list[Cand]:
    """The base model's entities, corrected span by span.

    `block_of[i]` is the block index of token i; `keep_right_of_possessive(start, end,
    left=False)` decides whether a name ends at an internal possessive (`left=True`:
    the words before it are a known name, or casing is unreliable) and whether the words
    after it are a name of their own ("Russia’s Gazprom") or not ("Putin’s Playbook").
    """
    out: list[Cand] = []
    doc = view_of(doc)
    for ent_start, ent_end, label in doc.ent_triples():
        if label in NUMERIC_LABELS and is_duration(doc, ent_start, ent_end):
            continue
        breaks = {
            i
            for i in range(ent_start + 1, ent_end)
            if block_of[i] != block_of[i - 1]
            or "\n\n" in doc[i].text
            # "Wagner Group: Council …": a headline's colon ends a name (not a title's)
            or (doc[i].text == ":" and label in NAME_LABELS and label != "WORK_OF_ART")
        }
        for start, end in split_at(doc, ent_start, ent_end, breaks):
            if label not in NAME_LABELS:  # "5%", "$3 bn": only white space goes
                while start < end and doc[start].is_space:
                    start += 1
                while end > start and doc[end - 1].is_space:
                    end -= 1
                if start < end:
                    out.append(Cand(start, end, label))
                continue
            for s, e in _close_parenthesis(doc, start, end):
                out.extend(_name_pieces(doc, s, e, label, titles, kb, keep_right_of_possessive))
    return out


_DASHES = frozenset({"-", "–", "—", "--"})


def spaced_dash(doc, i: int) -> bool:
    """A dash with space on both sides ("SOCCER - LEEDS WIN"); a name's own hyphen has
    none ("Inzamam-ul-Haq"), except in text tokenized with spaces ("Wal - Mart"), so
    only the truecaser splits a headline's names there."""
    token = doc[i]
    return token.text in _DASHES and bool(token.whitespace_) and bool(doc[i - 1].whitespace_)


def _close_parenthesis(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A name never opens a parenthesis it does not close: "Office of Foreign Assets
    Control (OFAC" → the name, and the acronym after the parenthesis as a name of its
    own; anything else after an unclosed parenthesis is dropped."""
    depth, opened = 0, None
    for i in range(start, end):
        if doc[i].text in "([":
            depth, opened = depth + 1, (i if depth == 0 else opened)
        elif doc[i].text in ")]" and depth:
            depth -= 1
    if not depth or opened is None:
        return [(start, end)]
    pieces = [(start, opened)]
    rest = [i for i in range(opened + 1, end) if doc[i].is_alpha]
    if len(rest) == 1 and doc[rest[0]].is_upper and len(doc[rest[0]]) > 1:
        pieces.append((rest[0], rest[0] + 1))
    return pieces


def _name_pieces(doc, start, end, label, titles, kb, keep_right) -> list[Cand]:
    """One name span after trimming, possessive splitting and title stripping."""
    start, end = trim(doc, start, end)
    if start >= end:
        return []
    if end - start == 1 and _ORDINAL.match(doc[start].text) and end < len(doc):
        if doc[end].is_lower and doc[end].pos_ == "NOUN":
            return []  # "the 946th meeting": a number of a common noun ("the 139th" stays)
    while end - start > 3 and _ORDINAL.match(doc[end - 1].text) and doc[end - 3].lower_ == "of":
        end -= 3  # "the European Union [of the 14th] package"
    if label != "PERSON":
        named = after_role(doc, start, end, titles)
        if named is not None:  # "the Foreign Ministers of [Georgia]"
            entity = kb.lookup(doc[named:end].text)
            if entity is not None:
                label = entity.label
            elif label not in ("ORG", "GPE"):
                label = "ORG"
            start = named
        else:
            cut = before_role(doc, start, end, titles, kb)
            if cut is not None:  # "[NATO] Heads of State and Government"
                end, label = cut
    if doc[start].text == "New" and doc[start].is_sent_start and end - start > 1:
        if kb.lookup(doc[start + 1 : end].text) is not None:
            start += 1  # "New U.S. Treasury sanctions threaten …": news, not a name
    possessives = [i for i in range(start + 1, end - 1) if is_possessive(doc, i)]
    parts = [(start, end)]
    # "Trump’s Russia" is two names, "Couch 's Division" one: split after a known name
    if possessives and keep_right(start, possessives[0], left=True):
        parts = [(start, possessives[0])]
        right = trim(doc, possessives[0] + 1, end)
        if right[0] < right[1] and keep_right(*right):
            parts.append(right)
    if in_title(doc, start, end, titles) or portfolio_word(doc, start, end, label, kb):
        return []
    words = {singular_title(w, titles) for w in view_of(doc).lowers[start:end]} - {"the"}
    if words and words <= titles and (label == "PERSON" or words - OFFICES):
        if label == "PERSON" or kb.lookup(doc[start:end].text) is None:
            return []  # "Interim" (President …), "the Permanent Representative": titles
    if (
        label not in ("PERSON", "WORK_OF_ART")
        and doc[start].text in ("a", "an")
        and end - start > 1
    ):
        return []  # "an Intermediate Range Ballistic Missile": a kind of thing, no name
    if end - start == 1 and _PLURAL_ACRONYM.match(doc[start].text):
        return []  # "UAVs", "NGOs", "MPs": a plural names a kind of thing
    if label == "ORG":
        person = _person_with_initial(doc, start, end, kb)
        if person is not None:  # "… for Export Administration [Thea D. Rozman]"
            return _name_pieces(doc, start, person, label, titles, kb, keep_right) + [
                Cand(person, end, "PERSON")
            ]
    if label != "PERSON":
        titled = titled_person(doc, start, end, titles, kb)
        if titled is not None:  # "[India] Shri [Jagdeep Dhankhar]": a place, then a person
            known, title_end = titled
            return [Cand(start, title_end - 1, known), Cand(title_end, end, "PERSON")]
    if portfolio(doc, start, end, label, titles, kb):
        return []
    parts = [piece for s, e in parts for piece in split_coordination(doc, s, e, label, kb)]
    if label == "ORG" and len(parts) > 1 and any(kb.lookup(doc[s:e].text, "GPE") for s, e in parts):
        label = "GPE"  # "Blackburn, Lancashire, England": a place and where it lies
    pieces = []
    for s, e in parts:
        if label == "PERSON":
            s = strip_titles(doc, s, e, titles, kb)
            # "135 Greg Norman 67 68": a leaderboard's scores are no part of the name
            while e - s > 1 and doc[e - 1].text.isdigit():
                e -= 1
            while e - s > 1 and doc[s].text.isdigit():
                s += 1
        if label != "WORK_OF_ART":  # a title may end in any word
            while e - s > 1 and doc[e - 1].is_alpha and doc[e - 1].is_lower:
                e -= 1  # "Xinhua news agency": a name's last word is capitalized
            s = _after_modifiers(doc, s, e)
        s, e = trim(doc, s, e)
        if s < e and is_capitalized(doc, s, e) and not _capitalized_word(doc, s, e, label, kb):
            pieces.append(Cand(s, e, label))
    return pieces


# lower-case words inside or at the start of a name ("Kengo wa Dondo", "Osama bin Laden",
# "al-Qaeda", "de Gaulle")
NAME_PARTICLES = frozenset(
    "van von der den de del della di da dos das du le la bin ibn al el ad ash az wa ter ten "
    "y".split()
)


def _after_modifiers(doc: Doc, start: int, end: int) -> int:
    """Where a name starts after the adjectives the model put in front of it ("the
    illegitimate Constituent Assembly", "so-called Islamic State"): its first word is
    capitalized (a particle aside)."""
    i = start + 1 if doc[start].lower_ == "the" else start
    first = i
    while i < end - 1 and doc[i].is_lower and doc[i].lower_ not in NAME_PARTICLES:
        if not doc[i].is_alpha and doc[i].text != "-" or doc[i].lower_ in _DANGLING:
            return start  # "102d PVI", "university of Pittsburgh": part of the name
        i += 1
    if i == first or not doc[i].text[:1].isupper():
        return start
    return i


_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|d)$")
INITIAL = re.compile(r"^[A-Z]\.$")  # a middle initial: "Thea D. Rozman"


def _person_with_initial(doc, start: int, end: int, kb) -> int | None:
    """Where a person's name with a middle initial ends an organization span ("Secretary
    of Commerce for Export Administration Thea D. Rozman"): a capitalized word, an
    initial and a capitalized word after other words, and no word of an organization's
    or place's name after it ("John F. Kennedy International Airport" stays whole)."""
    for i in range(start + 1, end - 2):
        first, initial, last = doc[i], doc[i + 1], doc[i + 2]
        if not (INITIAL.match(initial.text) and first.is_alpha and last.is_alpha):
            continue
        if first.text[:1].isupper() and last.text[:1].isupper():
            if not any(doc[k].text in kb.heads for k in range(i + 2, end)):
                return i
    return None


# where a span of these labels joins two names: "Jared and Shannon", "Grantham, Lincolnshire"
_SLASH = frozenset({"/"})
_JOINERS = {
    "PERSON": frozenset({"and", "&", "/"}),
    "GPE": frozenset({"and", ",", "/"}),
    "ORG": frozenset({"and", "&", ",", "/"}),
}
_JOINERS["LOC"] = _JOINERS["GPE"]


def _org_cut(doc: Doc, start: int, end: int, cut: int, kb) -> bool:
    """Whether an organization span is two names at `cut`: a slash always; a comma
    unless a legal form or suffix follows ("Apple, Inc."); "and"/"&" when names of two
    words or more, all capitalized, stand on both sides ("Rochester Jeffersons and
    Buffalo Bisons"; not "Procter & Gamble", "Ministry of Trade and Industry") and the
    last word is not a head they share ("Community & Technical College"), or the
    knowledge base knows both ("Angola and Mozambique")."""
    word = doc[cut].lower_
    if word == "/":
        return True
    if word == ",":
        after = doc[cut + 1].text
        return (
            after[:1].isupper()
            and after not in kb.trailing_designators
            and after not in NAME_SUFFIXES
        )
    left, right = (start, cut), (cut + 1, end)
    if kb.lookup(doc[start:cut].text) and kb.lookup(doc[cut + 1 : end].text):
        return True
    if kb.heads.get(doc[end - 1].text) and not kb.heads.get(doc[cut - 1].text):
        return False  # one head for both: "Pierpont Community & Technical College"
    return all(
        e - s >= 2 and all(doc[i].text[:1].isupper() for i in range(s, e)) for s, e in (left, right)
    )


NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})


def split_coordination(doc: Doc, start: int, end: int, label: str, kb) -> list[tuple[int, int]]:
    """A span that coordinates names is several names ("Karl Langdon & Harvey Deegan",
    "Angola and Mozambique", "Blackburn, Lancashire, England", "Shadow Lounge / Mynt"),
    unless the whole span is one known name ("Bosnia and Herzegovina"). Every piece must
    start with a capital, or the span stays whole ("Sisters and Brothers of Mercy" is
    split only where names stand on both sides). An organization's own "and" stands
    (`_org_cut`: "Procter & Gamble", "Department of Health and Human Services")."""
    joiners = _JOINERS.get(label, _SLASH)
    if end - start < 3:
        return [(start, end)]
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in joiners]
    if label == "ORG":
        cuts = [i for i in cuts if _org_cut(doc, start, end, i, kb)]
    if not cuts or kb.lookup(doc[start:end].text) is not None:
        return [(start, end)]
    pieces, piece_start = [], start
    for cut in cuts + [end]:
        pieces.append((piece_start, cut))
        piece_start = cut + 1
    pieces = [trim(doc, s, e) for s, e in pieces]
    if any(s >= e or not doc[s].text[:1].isupper() for s, e in pieces):
        return [(start, end)]
    return pieces


def _capitalized_word(doc: Doc, start: int, end: int, label: str, kb) -> bool:
    """A common word capitalized only because it starts a sentence or a list item
    ("Conditional diplomacy ..."): one token, first in its sentence, not a proper noun;
    a verb's form read as a nationality ("Played", "Including") anywhere."""
    token = doc[start]
    if end - start == 1 and label == "NORP" and token.text.endswith(("ed", "ing")):
        return kb.lookup(token.text) is None  # "Played in the Senior Bowl": no nationality
    if end - start != 1 or label == "NORP" or token.pos_ not in _COMMON_POS:
        return False
    before = doc[start - 1] if start > 0 else None
    first = token.is_sent_start or (
        before is not None and before.is_sent_start and not before.is_alpha
    )
    return bool(first) and kb.lookup(token.text) is None and not token.is_upper
