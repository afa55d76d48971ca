"""What a person's name looks like, where the model cut or missed part of it.

A name cut before or after its given names gets the rest back ("the philosopher [Moses]
Mendelssohn", "Anatolio Ndong [Mba]"); two halves with only a space or a particle
between are one name ("Douglas Arnoldo" + "Rico Gonzalez", "Kengo wa Dondo"); a given
name keeps its syllable after a hyphen ("Lee Teng-hui"); a known person written with a
middle initial is that person ("Antony J. Blinken"); a suffix after a comma is part of
the name ("Joseph R. Biden, Jr.").
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.entities.corrections import INITIAL, NAME_PARTICLES, NAME_SUFFIXES, Cand
from pipeline.entities.tokens import TokenView, view_of
from pipeline.entities.truecase import case_table
from pipeline.kb import KBEntity, KnowledgeBase
from pipeline.timex.vocab import month_number, weekday_number


def given_names(doc: Doc, cands: list[Cand], kb: KnowledgeBase, unreliable: set[int]) -> None:
    """A person's name the model cut after the given names gets them back: "the
    philosopher [Moses] Mendelssohn", "[Shannon] Leto"; one it cut before its last names
    gets those ("Anatolio Ndong [Mba]"). A word joins when it is a
    capitalized proper noun inside a sentence that English writes capitalized (spaCy's
    lexeme table: "Moses", "Shannon"; words it does not know count too) and is no title
    ("Secretary of State Rubio": "State" is mostly "state"), date word or other name."""
    doc = view_of(doc)
    cands[:] = _join_split_persons(doc, cands, unreliable)
    taken = {i for c in cands for i in range(c.start, c.end)}
    for cand in cands:
        if cand.label != "PERSON" or cand.entity is not None or cand.start in unreliable:
            continue
        start = cand.start
        while start > 0 and cand.end - start < 4 and _given_name(doc, start - 1, kb):
            if start - 1 in taken or start - 1 in unreliable:
                break
            start -= 1
        cand.start = start
        # names of five words ("Hatem Elsaid Farid Ibrahim Sakr"), cut after the second
        end = cand.end
        while end < len(doc) and end - start < 5 and doc[end - 1].whitespace_:
            if end in taken or end in unreliable or not _given_name(doc, end, kb):
                break
            end += 1
        cand.end = _syllable_after(doc, end)


# lower-case words after a hyphen that make a compound adjective, not a name's syllable
_NOT_SYLLABLES = frozenset("era style like wide run born made type free only led".split())


def _syllable_after(doc: TokenView, end: int) -> int:
    """A given name's second syllable after a hyphen: "Lee Teng[-hui]", "Kim Dae[-jung]"
    (the tokenizer splits the hyphen; "-based", "-era", "-led" are no syllables)."""
    if end + 1 >= len(doc) or doc.text_of(end, end + 1) != "-":
        return end
    if doc[end - 1].whitespace_ or doc[end].whitespace_:
        return end
    syllable = doc.text_of(end + 1, end + 2)
    if not (syllable.isalpha() and syllable.islower() and len(syllable) <= 5):
        return end
    if syllable.endswith("ed") or syllable in _NOT_SYLLABLES:
        return end
    return end + 2


def _join_split_persons(doc: TokenView, cands: list[Cand], unreliable: set[int]) -> list[Cand]:
    """Two unknown persons' names with nothing but a space or a name particle between are
    one name the model split ("Douglas Arnoldo" + "Rico Gonzalez", "Kengo" + "wa" +
    "Dondo"): a list puts a comma or a word between names. Five words at most."""
    out: list[Cand] = []
    for cand in sorted(cands, key=lambda c: (c.start, -c.end)):
        left = out[-1] if out else None
        gap = cand.start - left.end if left is not None else -1
        if (
            left is not None
            and (gap == 0 or (gap == 1 and doc.lowers[left.end] in NAME_PARTICLES))
            and left.label == cand.label == "PERSON"
            and left.entity is None
            and cand.entity is None
            and cand.end - left.start <= 5
            and cand.start not in unreliable
            and doc[left.end - 1].whitespace_ == " "
            and doc[cand.start].text[:1].isupper()
        ):
            left.end = cand.end
            continue
        out.append(cand)
    return out


def _given_name(doc: TokenView, i: int, kb: KnowledgeBase) -> bool:
    """A word that can be part of a person's name: see `given_names`."""
    token = doc[i]
    text = token.text
    if not (token.is_alpha and text[:1].isupper() and text[1:].islower()):
        return False
    if token.is_sent_start or token.tag_ != "NNP" or token.ent_type_:
        return False
    folded = text.lower()
    if folded in kb.titles or month_number(text) or weekday_number(text) or text in kb.heads:
        return False
    if kb.candidates(text):  # a known name or demonym ("Russian") is not a given name
        return False
    usual = case_table().get(folded)  # loaded on the first word that gets this far
    return usual is None or usual[:1].isupper()


def middle_initials(doc: Doc, cands: list[Cand], matches: list[Cand], kb: KnowledgeBase) -> None:
    """A known person written with a middle initial is that person: "Antony J. Blinken",
    "Janet L. Yellen" (the KB has "Antony Blinken"). A model span links to the KB name
    without the initial; a KB surname match right after "Given I." grows to the whole
    name and becomes a full match (it was a surname only, which links nothing alone)."""
    view = view_of(doc)

    def known(first: int, last: int) -> KBEntity | None:
        name = f"{view.text_of(first, first + 1)} {view.text_of(last, last + 1)}"
        return kb.lookup(name, "PERSON")

    for cand in cands:
        if cand.entity is None and cand.label == "PERSON" and cand.end - cand.start == 3:
            if INITIAL.match(view.text_of(cand.start + 1, cand.start + 2)):
                cand.entity = known(cand.start, cand.end - 1)
    for match in matches:
        s = match.start
        if "short" not in match.notes or match.end - s != 1 or s < 2:
            continue
        if not INITIAL.match(view.text_of(s - 1, s)):
            continue
        if known(s - 2, s) is match.entity:
            match.start = s - 2
            match.notes.discard("short")
            match.notes.add("name")


def name_suffixes(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """A person's name takes its generational suffix after a comma ("Joseph R. Biden,
    Jr.", which the model tags as a person and a place)."""
    view = view_of(doc)
    grown = []
    for cand in cands:
        end = cand.end
        if cand.label == "PERSON" and end + 1 < len(view) and view.text_of(end, end + 1) == ",":
            if view.text_of(end + 1, end + 2) in NAME_SUFFIXES:
                cand.end = end + 2
                grown.append(cand)
    if not grown:
        return cands
    ids = {id(g) for g in grown}
    return [c for c in cands if id(c) in ids or not any(c.overlaps(g) for g in grown)]
