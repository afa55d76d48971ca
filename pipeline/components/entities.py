"""Entity layer after `ner`: corrections, knowledge-base linking, canonical entities.

Rewrites `doc.ents` (name entities corrected, DATE/TIME and numbers kept except
numbers that measure time) and gives every name entity `kb_id_` (Wikidata id when
known), `ent_id_` (the canonical entity: Wikidata id, else `rows.entity_key`) and the
Span extensions `canonical_name` and `acts_for`. The rules are pure functions in
`pipeline.entities` (`corrections`: spans; `forms`: what a name's form says;
`companies`: legal forms; `persons`: persons' names cut short; `layout` and `teams`:
datelines, bylines, results tables, match reports; `legal`: cited and titled laws;
`products`: ships and models; `lists`: lists, place chains, workplaces, acronym
definitions and aliases; `articles`: one-word names after "the"; `usage`: capitalized
common nouns; `linking`: the KB and the document); the actors in `pipeline.kb`.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.components.segmenter import blocks_of
from pipeline.entities.articles import articled_names, demonstrative_nouns
from pipeline.entities.companies import designated_companies
from pipeline.entities.corrections import NAME_LABELS, Cand, clean_ner_spans
from pipeline.entities.forms import (
    complete_dated_names,
    names_by_kind,
    numbered_units,
    relabel_by_head,
)
from pipeline.entities.layout import body_labels, layout_names, listed_persons
from pipeline.entities.legal import numbered_laws
from pipeline.entities.linking import (
    acronym_mentions,
    canonical_of,
    common_acronyms,
    drop_unattested,
    harmonize_labels,
    link_by_lookup,
    merge_kb_matches,
    propagate_names,
    resolve_in_document,
    shouting,
)
from pipeline.entities.lists import (
    alias_labels,
    defined_names,
    harmonize_lists,
    place_chains,
    workplaces,
)
from pipeline.entities.persons import given_names, middle_initials, name_suffixes
from pipeline.entities.products import maker_models, named_vessels
from pipeline.entities.segment import HEADING
from pipeline.entities.teams import club_short_forms, match_teams
from pipeline.entities.tokens import TokenView
from pipeline.entities.truecase import case_table, is_caps_text
from pipeline.entities.usage import common_nouns
from pipeline.kb import KBEntity, KnowledgeBase, knowledge_base
from pipeline.rows import canonical_name, entity_key

for _attr in ("canonical_name", "acts_for"):
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)
if not Doc.has_extension("blocks"):
    Doc.set_extension("blocks", default=None)


class _BlockIndex:
    """`block_of[i]`: the index of the block that token i belongs to."""

    def __init__(self, block_starts: list[int]) -> None:
        self.block_starts = block_starts

    def __getitem__(self, token: int) -> int:
        return bisect_right(self.block_starts, token) - 1


def _hyphenated(doc: Doc, start: int, end: int) -> bool:
    """A match glued to a hyphen is part of a compound ("German-American", "anti-Kremlin"),
    except before a lower-case word that says how something relates to the name
    ("Marshall Islands-flagged", "U.S.-origin", "Iran-backed"), where it is the name."""
    before = start > 0 and doc[start - 1].text in "-–" and not doc[start - 1].whitespace_
    after = end < len(doc) and doc[end].text in "-–" and not doc[end - 1].whitespace_
    if after and not before and end + 1 < len(doc) and not doc[end].whitespace_:
        return not (doc[end + 1].is_lower and doc[end + 1].is_alpha)
    return before or after


class EntityLinker:
    """Corrects and links the base model's entities with the actor knowledge base."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.nlp = nlp
        self.kb: KnowledgeBase | None = None
        self.matcher: PhraseMatcher | None = None
        self.match_info: dict[int, tuple[KBEntity, str]] = {}

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        self.set_kb(knowledge_base())

    def set_kb(self, kb: KnowledgeBase) -> None:
        """Compile one phrase matcher over every unambiguous surface form (as written,
        and upper-cased for all-caps lines)."""
        self.kb = kb
        self.matcher = PhraseMatcher(self.nlp.vocab)
        self.match_info = {}
        # (entity index, kind of form): "name", "short" (surname) or "upper" (all caps)
        groups: dict[tuple[int, str], set[str]] = {}
        index = {id(e): i for i, e in enumerate(kb.entities)}
        for form, entity, short in kb.patterns():
            if kb.is_ambiguous(form):
                continue
            i = index[id(entity)]
            groups.setdefault((i, "short" if short else "name"), set()).add(form)
            if not short and len(form) > 3 and not form.isupper():
                groups.setdefault((i, "upper"), set()).add(form.upper())
        for (i, kind), forms in groups.items():
            key = f"kb{i}{kind}"
            self.match_info[self.nlp.vocab.strings.add(key)] = (kb.entities[i], kind)
            self.matcher.add(key, list(self.nlp.tokenizer.pipe(sorted(forms))))

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None:
            self.initialize()
        return link_entities(doc, self.kb, self._matches(doc))

    def _matches(self, doc: Doc) -> list[Cand]:
        spans = [
            Span(doc, s, e, label=match_id)
            for match_id, s, e in self.matcher(doc)
            if not _hyphenated(doc, s, e)
        ]
        out = []
        for span in filter_spans(spans):
            entity, kind = self.match_info[span.label]
            cand = Cand(span.start, span.end, entity.label, entity=entity, source="kb")
            cand.notes.add(kind)
            out.append(cand)
        return out

    def to_disk(self, path, *, exclude=()) -> None:
        """The matcher is compiled from the shipped KB; only its size is recorded."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        size = len(self.kb) if self.kb else 0
        (path / "cfg.json").write_text(json.dumps({"kb_entities": size}), encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> EntityLinker:
        self.initialize()
        return self


def link_entities(doc: Doc, kb: KnowledgeBase, matches: list[Cand]) -> Doc:
    """The whole entity layer on one Doc: corrections, KB merge, resolution, linking."""
    _link(TokenView(doc), kb, matches)
    return doc


def _link(doc: TokenView, kb: KnowledgeBase, matches: list[Cand]) -> None:
    blocks = blocks_of(doc.doc)
    text = doc.text  # the view's cached text
    token_starts = doc.starts
    # token index where each block starts; a token's block is found by bisection
    block_starts = [bisect_left(token_starts, b[0]) for b in blocks]
    block_of = _BlockIndex(block_starts)
    unreliable: set[int] = set()
    for i, (start, end, kind) in enumerate(blocks):
        if kind == HEADING or is_caps_text(text[start:end]):
            unreliable.update(range(block_starts[i], bisect_left(token_starts, end)))
    # capitals the truecaser re-read with their casing restored: casing says nothing
    # there (KB forms in capitals apply), but the names it found stand
    recased: set[int] = set()
    for start, end in (doc._.get("recased") or []) if Doc.has_extension("recased") else []:
        recased.update(range(bisect_left(token_starts, start), bisect_left(token_starts, end)))
    unreliable |= recased

    def keep_right_of_possessive(start: int, end: int, left: bool = False) -> bool:
        known = any(m.start == start and m.end == end for m in matches) or bool(
            kb.candidates(doc[start:end].text)
        )
        if left:
            return known or start in unreliable
        return known or (
            start not in unreliable
            and all(doc[i].pos_ == "PROPN" for i in range(start, end) if doc[i].is_alpha)
        )

    cands = clean_ner_spans(
        doc, block_of, titles=kb.titles, kb=kb, keep_right_of_possessive=keep_right_of_possessive
    )
    link_by_lookup(doc, cands, kb)
    cands = layout_names(doc, cands, blocks, kb)
    cands = listed_persons(doc, cands, kb)
    cands = match_teams(doc, cands)
    relabel_by_head(doc, cands, kb)
    club_short_forms(doc, cands, kb.team_words)
    cands = designated_companies(doc, cands, kb, unreliable)
    cands = complete_dated_names(doc, cands)
    cands = numbered_units(doc, cands, kb)
    given_names(doc, cands, kb, unreliable)
    middle_initials(doc, cands, matches, kb)
    cands = name_suffixes(doc, cands)
    names_by_kind(doc, cands, kb)
    present = {c.entity.key for c in cands if c.entity is not None} | {
        m.entity.key for m in matches if "short" not in m.notes
    }
    # an all-caps form counts only where the whole line is in capitals
    matches = [
        m
        for m in matches
        if "upper" not in m.notes or (m.start in unreliable and not _common_in_capitals(doc, m))
    ]
    for m in matches:  # a name inside a longer capitalized name ("Spanish Empire")
        if m.start not in unreliable and _inside_name(doc, m, kb):
            m.notes.add("glued")
    cands = merge_kb_matches(doc, cands, matches, kb, unreliable, present)
    cands = drop_unattested(doc, cands, unreliable - recased, text)
    cands = common_nouns(doc, cands, kb)
    cands = demonstrative_nouns(doc, cands)
    cands = numbered_laws(doc, cands)
    cands = named_vessels(doc, cands, kb)
    cands = maker_models(doc, cands)
    harmonize_lists(doc, cands)
    place_chains(doc, cands)
    workplaces(doc, cands)
    alias_labels(doc, cands)
    cands = defined_names(doc, cands, kb.heads)
    cands += acronym_mentions(doc, cands)
    common = common_acronyms(doc) | kb.not_names
    if common:  # "liquefied natural gas (LNG)": "LNG" names nothing
        cands = [
            c for c in cands if c.entity is not None or doc[c.start : c.end].text not in common
        ]
    cands = sorted(cands + propagate_names(doc, cands, unreliable), key=lambda c: (c.start, -c.end))
    resolve_in_document(doc, cands, kb)
    articled_names(doc, cands)
    body_labels(doc, cands, unreliable)
    harmonize_labels(doc, cands, kb.heads)
    _write(doc, cands)


def _common_in_capitals(doc: TokenView, match: Cand) -> bool:
    """A one-word KB form in capitals that running text writes in lower case and this
    document never writes as the name ("SCHUMACHER ON POLE": "pole", not "Pole")."""
    if match.end - match.start != 1:
        return False
    word = doc.text_of(match.start, match.end)
    name = word[:1] + word[1:].lower()
    if not case_table().get(word.casefold(), name)[:1].islower():
        return False
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text) is None


def _capital_word(doc: Doc, i: int, kb: KnowledgeBase) -> bool:
    token = doc[i]
    return token.is_alpha and token.text[:1].isupper() and token.lower_ not in kb.titles


def _inside_name(doc: Doc, match: Cand, kb: KnowledgeBase) -> bool:
    """The match is glued to capitalized words that are not titles: "Alto Peru",
    "British Open", "Athens Urban Transport" (a sentence's first word does not count)."""
    before = match.start > 0 and _capital_word(doc, match.start - 1, kb)
    before = before and not doc[match.start - 1].is_sent_start
    after = match.end < len(doc) and _capital_word(doc, match.end, kb)
    return bool(before or after)


def _write(view: TokenView, cands: list[Cand]) -> None:
    """Set `doc.ents` and the linking attributes of each name entity."""
    doc = view.doc
    variants: dict[str, str] = {}
    for cand in cands:
        name = cand.canonical or canonical_name(doc[cand.start : cand.end].text)
        best = variants.get(name.casefold())
        if best is None or shouting(name) < shouting(best):
            variants[name.casefold()] = name
    spans, info = [], {}
    for cand in cands:
        if cand.label not in NAME_LABELS:
            spans.append(Span(doc, cand.start, cand.end, label=cand.label))
            continue
        name = canonical_of(doc, cand, variants)
        entity = cand.entity
        kb_id = entity.kb_id if entity is not None and entity.kb_id else ""
        ent_id = kb_id or entity_key(name, cand.label)
        span = Span(doc, cand.start, cand.end, label=cand.label, kb_id=kb_id, span_id=ent_id)
        spans.append(span)
        info[(cand.start, cand.end)] = (name, entity.acts_for if entity is not None else None)
    kept = filter_spans(spans)
    doc.ents = kept
    for ent in kept:  # the same spans as doc.ents: extensions key on offsets and ids
        if (ent.start, ent.end) in info:
            underscore = ent._
            underscore.canonical_name, underscore.acts_for = info[(ent.start, ent.end)]


@Language.factory(
    "statecraft_entities",
    default_config={},
    assigns=["doc.ents", "span._.canonical_name", "span._.acts_for"],
    requires=["doc.ents"],
)
def make_entity_linker(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp, name)
