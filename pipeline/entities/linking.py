"""Knowledge-base decisions and within-document resolution of entity candidates.

* A candidate whose text is a KB surface form gets the KB label where the model's label
  is a known confusion (a KB person tagged ORG, a country tagged ORG, a demonym tagged
  GPE), unless the form is ambiguous ("Jordan"), and is linked.
* A KB match the model missed is added; one that covers several model spans replaces
  them; a model span made of several KB names is split ("Trump White House").
* In a heading or an all-caps line, casing says nothing: a span there survives only if
  the KB knows it or the body of the text uses the same words.
* Short forms resolve to the full form in the same document: "Rubio" after
  "Marco Rubio" is that person; an acronym defined in parentheses ("Office of Foreign
  Assets Control (OFAC)") names the same organization wherever it recurs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping

from spacy.tokens import Doc

from pipeline.entities.corrections import NAME_LABELS, Cand, is_capitalized, trim
from pipeline.entities.roles import in_title
from pipeline.entities.tokens import view_of
from pipeline.kb import KBEntity, KnowledgeBase, normalize_name
from pipeline.rows import canonical_name

# model label → KB kind → label to use; a confusion the KB settles
_RELABEL = {
    "person": {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"},
    "country": {"ORG", "PERSON", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"},
    "capital": {"ORG", "PERSON", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"},
    "seat": {"ORG", "PERSON", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"},
    "region": {"ORG", "PERSON", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"},
    "organization": {"PERSON", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"},
    "body": {"PERSON", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"},
    "demonym": {"GPE", "ORG", "PERSON", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"},
    "group": {"GPE", "ORG", "PERSON", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"},
    "product": {"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "EVENT", "LAW"},
    "law": {"ORG", "PERSON", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"},
}
# labels a surname gets by mistake; places named after people (GPE, LOC, FAC) keep theirs
_PERSON_CONFUSIONS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
# an acronym, and one defined in parentheses: "(OSCE)", "(MOSOP)"
ACRONYM = re.compile(r"^[A-Z][A-Z&\-]{1,9}$")
DEFINED_ACRONYM = re.compile(r"\(\s*[A-Z][A-Z&\-]{1,9}\s*\)")
_MINOR = frozenset("of the and for on in to de du des la le del".split())


def apply_kb(cand: Cand, entity: KBEntity, kb: KnowledgeBase, text: str) -> bool:
    """Relabel and link `cand` to `entity` when the KB settles it; True if linked."""
    if cand.label == entity.label:
        cand.entity = entity
        return True
    if kb.is_ambiguous(text):
        return False
    relabel = _RELABEL.get(entity.kind, ())
    if cand.label in relabel or (entity.label == "LOC" and cand.label == "GPE"):
        cand.label = entity.label  # a sea, river or continent is no polity ("North Africa")
        cand.entity = entity
        return True
    return False


def _covered_by(cand: Cand, inner: list[Cand], doc: Doc) -> bool:
    """True when the KB matches inside `cand` cover all of its words."""
    covered = set()
    for match in inner:
        covered.update(range(match.start, match.end))
    return all(
        i in covered or not doc[i].is_alpha or doc[i].lower_ in ("’s", "'s")
        for i in range(cand.start, cand.end)
    )


def _remainders(doc: Doc, cand: Cand, match: Cand, titles: frozenset[str]) -> list[Cand]:
    """The words of `cand` before and after `match`, when they still look like names."""
    out = []
    for start, end in ((cand.start, match.start), (match.end, cand.end)):
        while start < end and (doc[start].is_punct or doc[start].lower_ in ("and", "&")):
            start += 1
        start, end = trim(doc, start, end)
        while end > start and doc[end - 1].lower_ in titles | {"and", "&"}:
            end -= 1
        if (
            start < end
            and is_capitalized(doc, start, end)
            and not in_title(doc, start, end, titles)
        ):
            out.append(Cand(start, end, cand.label))
    return out


def _inside_but_the(doc: Doc, cand: Cand, match: Cand) -> bool:
    """The candidate lies in the match but for a leading "the": "The U.S. Agency for" of
    the model against the KB's "U.S. Agency for International Development"."""
    return (
        cand.start + 1 == match.start and cand.end <= match.end and doc[cand.start].lower_ == "the"
    )


def merge_kb_matches(
    doc: Doc,
    cands: list[Cand],
    matches: list[Cand],
    kb: KnowledgeBase,
    unreliable: set[int],
    present: set[str],
) -> list[Cand]:
    """Combine the model's candidates with the KB matches (see the module docstring).

    `unreliable` holds the token indexes of headings and all-caps lines; `present` the
    keys of KB entities mentioned in full in the document (a surname alone is added
    for those, or where the tagger reads it as a proper noun). A match noted "glued"
    (part of a longer capitalized phrase) is never added on its own.
    """
    doc = view_of(doc)
    titles = kb.titles
    names = [c for c in cands if c.label in NAME_LABELS]
    others = [c for c in cands if c.label not in NAME_LABELS]
    result: list[Cand] = []
    used: set[int] = set()  # ids of model candidates replaced or split
    names.sort(key=lambda c: c.start)
    name_starts = [c.start for c in names]
    for match in matches:
        # names are disjoint and sorted: those overlapping start before the match ends
        last = bisect_left(name_starts, match.end)
        first = last
        while first > 0 and names[first - 1].end > match.start:
            first -= 1
        overlapping = [c for c in names[first:last] if c.overlaps(match)]
        short = "short" in match.notes
        if not overlapping:
            proper = all(doc[i].pos_ == "PROPN" for i in range(match.start, match.end))
            if "glued" not in match.notes and (not short or proper or match.entity.key in present):
                result.append(match)
            continue
        for cand in overlapping:
            if id(cand) in used or (cand.source == "layout" and cand.label == "PERSON"):
                continue  # a byline's person: "Steve Holland" is no Netherlands
            if (cand.start, cand.end) == (match.start, match.end):
                continue  # exact: the lookup pass links it
            if (cand.inside(match) or _inside_but_the(doc, cand, match)) and not short:
                used.add(id(cand))
                if match not in result:
                    result.append(match)
            elif match.inside(cand):
                inner = [m for m in matches if m.inside(cand)]
                if match.entity.kind == "person" and not short and cand.label != "PERSON":
                    # a known person's full name is no part of an organization's name
                    used.add(id(cand))
                    result.append(match)
                    result.extend(_remainders(doc, cand, match, titles))
                elif len(inner) > 1 and _covered_by(cand, inner, doc):
                    used.add(id(cand))
                    result.extend(m for m in inner if m not in result)
                elif cand.start in unreliable and not short:
                    used.add(id(cand))
                    result.extend(m for m in inner if m not in result)
            elif cand.start in unreliable and not short:
                used.add(id(cand))
                if match not in result:
                    result.append(match)
    for match in matches:  # a date or number never contains a KB name ("March 3 - RUSSIA")
        if "short" in match.notes:
            continue
        for other in others:
            if other.overlaps(match):
                before = trim(doc, other.start, max(other.start, match.start))
                after = trim(doc, min(other.end, match.end), other.end)
                other.start, other.end = max((before, after), key=lambda p: p[1] - p[0])
    others = [o for o in others if o.start < o.end]
    kept = [c for c in names if id(c) not in used]
    taken = {i for c in kept for i in range(c.start, c.end)}
    added = [m for m in result if not any(i in taken for i in range(m.start, m.end))]
    return sorted(kept + added + others, key=lambda c: (c.start, -c.end))


def link_by_lookup(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> None:
    """Link every name candidate whose text is a KB surface form."""
    doc = view_of(doc)
    for cand in cands:
        if cand.label not in NAME_LABELS or cand.entity is not None:
            continue
        text = doc[cand.start : cand.end].text
        for entity in kb.candidates(text):
            if apply_kb(cand, entity, kb, text):
                break


def drop_unattested(doc: Doc, cands: list[Cand], unreliable: set[int], text: str) -> list[Cand]:
    """Headings and all-caps lines: keep a model span only if the KB linked it or the
    body uses its words; otherwise shrink it to its longest prefix the body uses."""
    doc = view_of(doc)
    if not unreliable:
        return cands
    body = " ".join(
        doc[c.start : c.end].text
        for c in cands
        if c.start not in unreliable and c.label in NAME_LABELS
    )
    out = []
    for cand in cands:
        if cand.label not in NAME_LABELS or cand.start not in unreliable or cand.entity:
            out.append(cand)
            continue
        if cand.source == "layout":  # a byline's or dateline's name: the layout says so
            out.append(cand)
            continue
        for end in range(cand.end, cand.start, -1):
            words = doc[cand.start : end].text
            last = doc[end - 1]
            if not (last.is_title or last.is_upper or last.is_digit) or last.is_stop:
                continue  # a name ends on a capital or a number ("Section 301"), not "The"
            if words in body or _in_body(words, text, doc, cand):
                cand.end = end
                out.append(cand)
                break
    return out


def _in_body(words: str, text: str, doc: Doc, cand: Cand) -> bool:
    """`words` occur as whole words in the text outside the candidate itself."""
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")
    own = doc[cand.start].idx
    return any(m.start() != own for m in pattern.finditer(text))


def _name_keys(doc: Doc, cand: Cand) -> list[str]:
    """Folded trailing parts of a multi-word name: "Marco Rubio" → ["rubio"]."""
    tokens = [t for t in doc[cand.start : cand.end] if t.is_alpha or t.text in ("-", "'")]
    keys = []
    for k in range(1, min(3, len(tokens))):
        keys.append(normalize_name(" ".join(t.text for t in tokens[-k:])))
    return keys


def resolve_in_document(doc: Doc, cands: list[Cand], kb: KnowledgeBase) -> None:
    """Short forms and acronyms take the canonical entity of their full form."""
    doc = view_of(doc)
    full_names: dict[str, list[Cand]] = {}
    for cand in cands:
        tokens = doc[cand.start : cand.end]
        if cand.label == "PERSON" and len(tokens) > 1 and all(t.text[:1].isupper() for t in tokens):
            for key in _name_keys(doc, cand):
                bucket = full_names.setdefault(key, [])
                if all(_canon(doc, c).casefold() != _canon(doc, cand).casefold() for c in bucket):
                    bucket.append(cand)
    acronyms = _acronym_definitions(doc, cands)
    for cand in cands:
        if cand.label not in NAME_LABELS:
            continue
        text = doc[cand.start : cand.end].text
        key = normalize_name(text)
        full = full_names.get(key, [])
        if (
            len(full) == 1
            and full[0] is not cand
            and cand.label in _PERSON_CONFUSIONS
            and (cand.entity is None or cand.entity.label == "PERSON" or kb.is_ambiguous(text))
        ):
            cand.label = "PERSON"
            cand.entity = full[0].entity
            cand.canonical = _canon(doc, full[0])
        elif text in acronyms and cand.entity is None:
            long_form = acronyms[text]
            if cand.source == "acronym" or long_form.label == "LAW":
                cand.label = long_form.label  # "the Foreign Assistance Act (FAA)"
            cand.entity = long_form.entity
            cand.canonical = _canon(doc, long_form)


def _canon(doc: Doc, cand: Cand) -> str:
    if cand.canonical:
        return cand.canonical
    if cand.entity is not None:
        return cand.entity.name
    return canonical_name(doc[cand.start : cand.end].text)


def _acronym_definitions(doc: Doc, cands: list[Cand]) -> dict[str, Cand]:
    """ "Long Name (LN)": the acronym → the candidate it abbreviates."""
    defined: dict[str, Cand] = {}
    for cand in cands:
        if cand.label not in ("ORG", "FAC", "GPE", "NORP", "LAW", "EVENT", "PRODUCT"):
            continue
        e = cand.end
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
            acronym = doc[e + 1].text
            words = [t.text for t in doc[cand.start : cand.end] if t.is_alpha]
            initials = "".join(w[0] for w in words if w.lower() not in _MINOR).upper()
            if ACRONYM.match(acronym) and initials.startswith(acronym[:2].upper()):
                defined[acronym] = cand
    return defined


def acronym_mentions(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """Mentions of defined acronyms that the model did not tag."""
    doc = view_of(doc)
    defined = _acronym_definitions(doc, cands)
    if not defined:
        return []
    taken = {i for c in cands for i in range(c.start, c.end)}
    return [
        Cand(t.i, t.i + 1, defined[t.text].label, source="acronym")
        for t in doc
        if t.text in defined and t.i not in taken
    ]


def shouting(name: str) -> int:
    """How many words of a name are in capitals ("Mohamed SAKHRI" → 1)."""
    return sum(1 for word in name.split() if len(word) > 1 and word.isupper())


def canonical_of(doc: Doc, cand: Cand, variants: dict[str, str]) -> str:
    """The display name: the KB's, the full form's, or the mention's own; a spelling
    in capitals gives way to a mixed-case one from the same document
    (`variants`: folded name → its least shouting spelling)."""
    if cand.canonical:
        name = cand.canonical
    elif cand.entity is not None:
        return cand.entity.name
    else:
        name = canonical_name(doc[cand.start : cand.end].text)
    return variants.get(name.casefold(), name)


def _name_form(doc: Doc, cand: Cand) -> tuple[str, ...] | None:
    """The folded words of a name as it may recur, or None when it is no clean name."""
    tokens = doc[cand.start : cand.end]
    if not tokens[0].text[:1].isupper() or not tokens[-1].text[:1].isupper():
        return None
    return tuple(t.lower_ for t in tokens)


def propagate_names(doc: Doc, cands: list[Cand], unreliable: set[int]) -> list[Cand]:
    """Recurrences of a name the document tags elsewhere that the model left untagged.

    A name tagged in running text ("Hingis" in "Martina Hingis", "Reading" as a town)
    names the same thing where the same capitalized words recur untagged, and in a
    line in capitals wherever the words recur. A person's surname counts as the person.
    The label is the one the name has most often in the document.
    """
    doc = view_of(doc)
    labels: dict[tuple[str, ...], Counter] = {}
    for cand in cands:
        if cand.label not in NAME_LABELS or cand.start in unreliable:
            continue
        form = _name_form(doc, cand)
        if form is None:
            continue
        labels.setdefault(form, Counter())[cand.label] += 1
        if cand.label == "PERSON" and len(form) > 1 and doc[cand.end - 1].is_alpha:
            labels.setdefault(form[-1:], Counter())["PERSON"] += 1
    if not labels:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(labels, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(form)
    taken = {i for c in cands for i in range(c.start, c.end)}
    added: list[Cand] = []
    lowers = doc.lowers
    starts = [i for i, lower in enumerate(lowers) if lower in by_first and i not in taken]
    for i in starts:
        if i in taken:
            continue
        for form in by_first[lowers[i]]:
            end = i + len(form)
            if end > len(doc) or any(j in taken for j in range(i, end)):
                continue
            words = doc[i:end]
            if tuple(lowers[i:end]) != form or "\n" in words.text:
                continue
            if i not in unreliable and not (
                words[0].text[:1].isupper() and words[-1].text[:1].isupper()
            ):
                continue
            glued = end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha
            if glued and i not in unreliable:
                continue  # part of a longer name ("Hingis Cup")
            label = labels[form].most_common(1)[0][0]
            added.append(Cand(i, end, label, source="propagated"))
            taken.update(range(i, end))
            break
    return added


def harmonize_labels(doc: Doc, cands: list[Cand], heads: Mapping[str, str]) -> None:
    """One name, one label per document: a name the document tags with several labels
    takes the label it has at least twice as often as any other (KB-linked mentions
    keep theirs); a name of two words or more that is a person as often as anything else
    is a person, unless its last word says what it names ("… Mall", "… Park")."""
    doc = view_of(doc)
    votes: dict[str, Counter] = {}
    for cand in cands:
        if cand.label in NAME_LABELS:
            votes.setdefault(doc[cand.start : cand.end].text.casefold(), Counter())[cand.label] += 1
    for cand in cands:
        if cand.label not in NAME_LABELS or cand.entity is not None:
            continue
        counts = votes[doc[cand.start : cand.end].text.casefold()]
        if len(counts) < 2:
            continue
        (top, n), (_, second) = counts.most_common(2)
        if n >= 2 * second and n >= 2:
            cand.label = top
        elif counts["PERSON"] == n and cand.end - cand.start > 1:
            if doc.text_of(cand.end - 1, cand.end) not in heads:
                cand.label = "PERSON"


def common_acronyms(doc: Doc) -> set[str]:
    """Acronyms the text defines for common nouns ("liquefied natural gas (LNG)",
    "gross domestic product (GDP)"): abbreviations of no name, so no entity."""
    doc = view_of(doc)
    found: set[str] = set()
    if not DEFINED_ACRONYM.search(doc.text):
        return found  # no "(ABC)" anywhere: skip the token scan
    for i in range(1, len(doc) - 1):
        token = doc[i]
        if doc[i - 1].text != "(" or doc[i + 1].text != ")" or not ACRONYM.match(token.text):
            continue
        letters = token.text.replace("-", "").replace("&", "").lower()
        words = [doc[k] for k in range(max(0, i - 1 - len(letters)), i - 1)]
        if len(words) == len(letters) and all(w.is_alpha and w.is_lower for w in words):
            if "".join(w.text[0] for w in words) == letters:
                found.add(token.text)
    return found
