"""Who uses an instrument (actor) and on or for whom (target), as canonical entities.

A party is a name entity of the entity layer: its id is the Wikidata id of the state or
body it acts for (`ent._.acts_for`: "Moscow", "the Kremlin", "Russian" → Q159; a person →
their own id), else its `kb_id_`, else its canonical name; `entity_id` is the mention's
`ent_id_`, joinable to the `entities` table. Without an entity layer the knowledge base
(`pipeline.kb`, when present) is asked, and the canonical name is the last resort.

Coreference is a documented rule, not a model (coreferee does not support spaCy 3.8): a
pronoun, or a definite government noun ("the administration"), refers to the most recent
compatible name entity — PERSON for he/she, a state or organization for it/they — in its
sentence before it, else in the preceding sentences of its paragraph (then of the paragraph
before), preferring one that is a subject: "Trump met Putin. He said ..." → Trump.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

from pipeline.entities.tokens import doc_text
from pipeline.instruments.detect import NOMINAL
from pipeline.rows import canonical_name, entity_key

PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PRONOUN_LABELS = {
    **dict.fromkeys(("he", "him", "his", "himself", "she", "her", "hers", "herself"), {"PERSON"}),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), {"ORG", "GPE", "NORP"}),
    **dict.fromkeys(("it", "its", "itself"), {"GPE", "ORG"}),
}
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# prepositions through which a non-entity phrase names its body ("some in Congress")
_INNER_PREPS = frozenset({"of", "in", "from", "at", "within", "inside", "to", "toward", "towards"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

_kb_module = None


def _kb():
    """The knowledge base of the entity layer, if that module exists (else None)."""
    global _kb_module
    if _kb_module is None:
        try:
            from pipeline import kb as module

            _kb_module = module
        except ImportError:  # the entity layer is optional for this layer
            _kb_module = False
    if not _kb_module:
        return None
    try:
        return _kb_module.knowledge_base()
    except Exception:  # a broken KB must not stop instrument tagging
        return None


@dataclass(frozen=True)
class Party:
    """An actor or target: `id` (Wikidata id or canonical name), `entity_id`, the token."""

    id: str
    entity_id: str | None
    token: int
    label: str | None = None


def _extension(span: Span, name: str):
    return span._.get(name) if Span.has_extension(name) else None


class DocParties:
    """Name entities of a doc and the rules that turn tokens into parties (built once per doc)."""

    def __init__(
        self,
        doc: Doc,
        government_nouns: dict[str, frozenset[str]] | None = None,
        self_acting: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.government_nouns = government_nouns or {}
        self.self_acting = self_acting
        self.ents = [e for e in doc.ents if e.label_ in PARTY_LABELS]
        self.ent_of = {i: e for e in self.ents for i in range(e.start, e.end)}
        self._parties: dict[int, Party] = {}
        self.paragraph_starts = self._paragraphs(doc)
        starts = doc.to_array([SENT_START])  # a C array, not a walk over doc.sents
        self.sentence_starts = [0] + [int(i) for i in numpy.flatnonzero(starts == 1) if i > 0]
        self.ents_by_sentence: dict[int, list[Span]] = {}
        for ent in self.ents:
            self.ents_by_sentence.setdefault(self.sentence(ent.start), []).append(ent)

    @staticmethod
    def _paragraphs(doc: Doc) -> list[int]:
        """Start characters of paragraphs: the segmenter's blocks, else blank lines."""
        blocks = doc._.get("blocks") if Doc.has_extension("blocks") else None
        if blocks:
            return sorted(b[0] for b in blocks)
        starts, text, pos = [0], doc_text(doc), 0
        while (pos := text.find("\n\n", pos)) != -1:
            pos += 2
            starts.append(pos)
        return starts

    def is_question(self, i: int) -> bool:
        """Whether the sentence of token `i` ends with a question mark."""
        index = self.sentence(i)
        stop = len(self.doc)
        if index + 1 < len(self.sentence_starts):
            stop = self.sentence_starts[index + 1]
        for k in range(stop - 1, self.sentence_starts[index] - 1, -1):
            token = self.doc[k]
            if not token.is_space:
                return token.text == "?"
        return False

    def paragraph(self, token: Token) -> int:
        return bisect_right(self.paragraph_starts, token.idx) - 1

    def sentence(self, i: int) -> int:
        """Index of the sentence that holds token `i`."""
        return bisect_right(self.sentence_starts, i) - 1

    def party(self, ent: Span) -> Party:
        """The party a name entity stands for (see the module docstring); once per entity."""
        found = self._parties.get(ent.start)
        if found is None:
            found = self._parties[ent.start] = self._party(ent)
        return found

    def _party(self, ent: Span) -> Party:
        name = _extension(ent, "canonical_name") or canonical_name(ent.text)
        if ent.kb_id_ and set(name.lower().split()) & self.self_acting:
            ident = ent.kb_id_  # a legislature or court acts in its own name
        else:
            ident = _extension(ent, "acts_for") or ent.kb_id_ or None
        if ident is None and (kb := _kb()) is not None:
            found = kb.lookup(ent.text, ent.label_) or kb.lookup(ent.text)
            if found is not None:
                ident = found.acts_for or found.kb_id
        if ident is None:  # "China's Commerce Ministry" acts for China
            for child in ent.root.children:
                owner = self.ent_of.get(child.i)
                if child.dep_ in ("poss", "compound", "amod") and owner is not None:
                    if owner.label_ in ("GPE", "NORP") and owner.start < ent.start:
                        ident = _extension(owner, "acts_for") or owner.kb_id_ or None
                        break
        entity_id = ent.ent_id_ or entity_key(ent.text, ent.label_)
        return Party(ident or name, entity_id, ent.start, ent.label_)

    def _compatible(self, ent: Span, labels: set[str]) -> bool:
        if ent.label_ in labels:
            return True
        if "PERSON" in labels and (kb := _kb()) is not None and ent.kb_id_:
            found = kb.get(ent.kb_id_)
            return found is not None and found.kind == "person"
        return False

    def antecedent(self, token: Token, labels: set[str]) -> Span | None:
        """Most recent compatible entity before `token`, subjects first (module docstring)."""
        paragraph = self.paragraph(token)
        sentence = self.sentence(token.i)
        for index in range(sentence, max(-1, sentence - 6), -1):
            candidates = [
                e
                for e in self.ents_by_sentence.get(index, ())
                if e.end <= token.i and self._compatible(e, labels)
            ]
            if candidates:
                subjects = [e for e in candidates if _is_subject(e.root)]
                return (subjects or candidates)[-1]
            start = self.sentence_starts[index]
            if index > 0 and self.paragraph(self.doc[start - 1]) < paragraph - 1:
                break
        return None

    def resolve(self, token: Token | None, depth: int = 2) -> Party | None:
        """The party a token names: its entity, a pronoun's or government noun's antecedent,
        or an entity inside its phrase ("US lawmakers", "some in Congress")."""
        if token is None:
            return None
        if token.dep_ in ("dative", "agent") and token.pos_ == "ADP":
            token = next((c for c in token.children if c.dep_ == "pobj"), token)
        ent = self.ent_of.get(token.i)
        if ent is not None:
            return self.party(ent)
        lower = token.lower_
        if token.pos_ == "PRON" and lower in PRONOUN_LABELS:
            found = self.antecedent(token, PRONOUN_LABELS[lower])
            return self.party(found) if found is not None else None
        inner = self._inner(token, depth)
        if inner is not None:
            return inner
        labels = self.government_nouns.get(token.lemma_.lower())
        if token.pos_ in NOMINAL and labels:
            return self.government(token, labels)
        if token.pos_ in NOMINAL and (kb := _kb()) is not None:
            phrase = self.doc[token.left_edge.i : token.i + 1].text
            found = kb.lookup(phrase) or kb.lookup(token.text)
            if found is not None and (found.acts_for or found.kb_id):
                return Party(found.acts_for or found.kb_id, found.kb_id, token.i, found.label)
        return None

    def _inner(self, token: Token, depth: int) -> Party | None:
        named = [
            self.ent_of[c.i]
            for c in token.children
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in self.ent_of
        ]
        if named:  # a country or people before a product or body name ("Russian LNG")
            named.sort(key=lambda e: e.label_ not in ("GPE", "NORP"))
            if named[0].label_ not in ("GPE", "NORP") and depth > 0:
                inner = self._inner(named[0].root, depth - 1)
                if inner is not None and inner.label in ("GPE", "NORP"):
                    return inner
            return self.party(named[0])
        if depth <= 0:
            return None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _INNER_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.resolve(pobj, depth - 1)
                        if found is not None:
                            return found
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss") and child.pos_ in NOMINAL:
                found = self._inner(child, depth - 1)
                if found is not None:
                    return found
            if child.dep_ == "acl" and child.tag_ == "VBN":  # "entities involved in Iran's"
                found = self._inner(child, depth - 1)
                if found is not None:
                    return found
        return None

    def government(self, token: Token, labels: frozenset[str]) -> Party | None:
        """ "the administration" / "the bloc": the name in an earlier "<name> administration"
        of the document, else the most recent entity with one of `labels`."""
        for ent in reversed(self.ents):
            if (
                ent.end <= token.i
                and ent.root.dep_ == "compound"
                and (ent.root.head.lemma_.lower() == token.lemma_.lower())
            ):
                return self.party(ent)
        found = self.antecedent(token, set(labels))
        return self.party(found) if found is not None else None


def _is_subject(token: Token) -> bool:
    """A subject, or the possessor or modifier of one ("EU ministers met", "Trump's team")."""
    return token.dep_ in SUBJECT_DEPS or (
        token.dep_ in ("poss", "compound", "amod", "nmod") and token.head.dep_ in SUBJECT_DEPS
    )
