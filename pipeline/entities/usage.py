"""What a document's own spelling says about a capitalized word.

Releases and communiqués capitalize common nouns for emphasis or as short names of
something named before: "This Summit marks a milestone", "obligations under the
Treaty", "Gang ring leaders and suppliers", "the Under Secretary for Terrorism". The
small model reads such a word as a name by its capital. Where the same document also
writes the word, or its plural, in lower case as a common noun ("the summit",
"people-smuggling gangs", "terrorism financing"), the capital marks no name, and the
one-word candidate is dropped. A word the knowledge base knows as a name ("Congress",
"Treasury") stays.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN

from pipeline.entities.corrections import NAME_LABELS, Cand
from pipeline.entities.tokens import TokenView
from pipeline.kb import KnowledgeBase


def common_nouns(view: TokenView, cands: list[Cand], kb: KnowledgeBase) -> list[Cand]:
    """The candidates without the one-word names the document also writes as a common noun."""
    text, starts, ends = view.text, view.starts, view.ends
    suspects: dict[str, list[Cand]] = {}
    for cand in cands:
        if cand.label not in NAME_LABELS or cand.entity is not None or cand.end - cand.start != 1:
            continue
        word = text[starts[cand.start] : ends[cand.start]]
        if len(word) < 3 or not word.isalpha() or not word[0].isupper() or not word[1:].islower():
            continue
        if kb.candidates(word) or kb.is_ambiguous(word):
            continue
        suspects.setdefault(word.lower(), []).append(cand)
    if not suspects:
        return cands
    lowers = view.lowers
    strings = view.doc.vocab.strings
    wanted = {strings[word]: word for word in suspects}  # lemma hash → word
    columns = view.doc.to_array([POS, LEMMA]).tolist()
    common = set()
    for i, (pos, lemma) in enumerate(columns):
        if pos != NOUN or text[starts[i] : ends[i]] != lowers[i]:
            continue
        if lowers[i] in suspects:
            common.add(lowers[i])
        elif lemma in wanted:
            common.add(wanted[lemma])  # "gangs" (lemma "gang") shows "Gang" is a noun
    dropped = {id(c) for word in common for c in suspects[word]}
    return [c for c in cands if id(c) not in dropped]
