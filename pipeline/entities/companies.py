"""Company names by their legal form.

A company's legal form ("GmbH", "LLC", "PJSC") finds company names the model missed
("OOO Arctic LNG 2", "Alfa Trading FZE"), extends a name the model cut off before its
form ("Sun Ship Management" + "Ltd."), and joins a name the model split in two ("Ocean
Glory Giant" + "OGG SA"). The forms are data (`name_heads: designators` in
`pipeline/data/kb_actors.yml`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.tokens import TokenView, view_of
from pipeline.kb import KnowledgeBase


@lru_cache(maxsize=4)
def _designator_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # no lookbehind: it made the scan 5x slower; a match must start a token anyway
    return re.compile(rf"(?:{alternatives})(?![\w&-])")


def _name_word(doc: TokenView, i: int) -> bool:
    """A word that can be part of a company name: capitalized and no function word
    ("The", "An" open sentences), a number, or "&"."""
    token = doc[i]
    text = token.text
    if text[:1].isupper():
        return not token.is_stop or text.isupper()  # "US Steel": "US" is no "us"
    return text[:1].isdigit() or text == "&"


def designated_companies(
    doc: Doc, cands: list[Cand], kb: KnowledgeBase, unreliable: set[int]
) -> list[Cand]:
    """Company names found by their legal form where the model missed them: "OOO Arctic
    LNG 2" (a form before the name), "Alfa Trading FZE" (after it); a name the model cut
    off before its form is extended to it ("Sun Ship Management" + "Ltd.", "Sinno
    Electronics Co." + ", Limited"). Returns the candidates to use: a form tagged alone
    and numbers inside a new name are dropped. Lines in capitals are left alone."""
    doc = view_of(doc)
    after = kb.trailing_designators
    pattern = _designator_pattern(after | kb.leading_designators)
    found = [m.start() for m in pattern.finditer(doc.text)]
    if not found:
        return cands
    # a legal form the model tagged on its own ("Limited") belongs to the name before it
    alone = {
        c.start
        for c in cands
        if c.end - c.start == 1 and c.entity is None and doc[c.start].text in after
    }
    owner = {i: c for c in cands for i in range(c.start, c.end) if c.start not in alone}

    def free(j: int) -> bool:  # a number may become part of a name; a name may not
        return j not in owner or owner[j].label not in NAME_LABELS

    added: list[Cand] = []
    for char in found:
        i = bisect_left(doc.starts, char)
        if i >= len(doc) or doc.starts[i] != char or i in owner or i in unreliable:
            continue
        word = doc[i].text
        start, end = i, i + 1
        if word in kb.leading_designators:
            while end < len(doc) and _name_word(doc, end) and free(end):
                end += 1
        if word in after and end == i + 1:
            # "Sun Ship Management Ltd."; a comma is inside the name after another legal
            # form ("Sinno Electronics Co., Limited") or after a company's name
            # ("Petroleos de Venezuela, S.A.", which the KB may know)
            comma = i > 1 and doc[i - 1].text == ","
            j = i - 2 if comma else i - 1
            before = owner.get(j)
            if comma and before is not None and before.label != "ORG":
                before = before if doc[j].text in after else None
            known_company = before is not None and before.label == "ORG"
            if (
                before is not None
                and before.label in NAME_LABELS
                and (before.entity is None or known_company)
            ):
                if before.end == j + 1:
                    before.end, before.label = i + 1, "ORG"
                    owner.update((k, before) for k in range(j + 1, i + 1))
                    continue
            while start > 0 and _name_word(doc, start - 1) and free(start - 1):
                start -= 1
        names = [j for j in range(start, end) if j != i and doc[j].text[:1].isupper()]
        if not names or any(j in unreliable for j in range(start, end)):
            continue
        new = Cand(start, end, "ORG", source="designator")
        added.append(new)
        owner.update((j, new) for j in range(start, end))
    kept = [c for c in cands if not (c.start in alone and owner.get(c.start) not in (None, c))]
    if added:
        kept = [c for c in kept if not any(c.overlaps(a) for a in added)]
        kept = sorted(kept + added, key=lambda c: (c.start, -c.end))
    return _join_split_companies(doc, kept, after, unreliable)


# what the model may call the first part of a company name it split in two
_JOINABLE = frozenset({"ORG", "PERSON", "PRODUCT", "FAC", "WORK_OF_ART"})


def _join_split_companies(
    doc: TokenView, cands: list[Cand], after: frozenset[str], unreliable: set[int]
) -> list[Cand]:
    """A short name ending in a legal form that follows a name with nothing but
    capitalized words between is the end of that name: "Ocean Glory Giant" + "OGG SA",
    "Silver Crest" + "Maritime" + "SCM SA" are one company each (two names never touch:
    a comma or a lower-case word parts them)."""
    out: list[Cand] = []
    for cand in cands:
        left = out[-1] if out else None
        if (
            left is not None
            and cand.label in _JOINABLE
            and cand.entity is None
            and cand.end - cand.start <= 3
            and doc[cand.end - 1].text in after
            and left.end <= cand.start
            and all(_name_word(doc, k) for k in range(left.end, cand.start))
            and left.label in _JOINABLE
            and left.entity is None
            and left.start not in unreliable
        ):
            left.end, left.label = cand.end, "ORG"
            continue
        out.append(cand)
    return out
