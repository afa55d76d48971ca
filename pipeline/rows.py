"""The one boundary where spaCy objects become plain rows.

Everything downstream (storage, export, eval, Datasette) sees only the dicts made
here, so what a Doc means is decided in one place. Offsets are character offsets
into the whole document text: a chunk's offset is added back here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from spacy.tokens import Doc, Span

from pipeline.entities.tokens import doc_text

# Entity labels that name something (scored, linked to canonical entities).
NAME_LABELS = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()
)
# Numeric labels: stored and exported, never canonical entities.
NUMERIC_LABELS = frozenset("CARDINAL ORDINAL PERCENT MONEY QUANTITY".split())
# Base-model labels that belong to the date layer, not the entity layer.
DATE_LABELS = frozenset({"DATE", "TIME"})

# The span attributes of the date and instrument layers (their components register them).
# timex_mod: TIMEX3 `mod` (START, MID, END for "early", "mid", "late"; BEFORE, AFTER ...)
DATE_ATTRS = (
    "timex_type",
    "value",
    "granularity",
    "anchor",
    "value_start",
    "value_end",
    "timex_mod",
)
INSTRUMENT_ATTRS = (
    "instrument",
    "action",
    "actor",
    "target",
    "magnitude",
    "deadline",
    "negated",
    "hypothetical",
    "cameo",
    "plover",
    "actor_entity_id",
    "target_entity_id",
)

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s?)$")
_VALUE_PARTS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def canonical_name(text: str) -> str:
    """The display form of a name: no leading "the", no possessive, single spaces."""
    name = " ".join(text.split())
    name = _LEADING_THE.sub("", name)
    name = _POSSESSIVE.sub("", name).strip(" .,;:!?\"“”'‘’()[]")
    return name or " ".join(text.split())


def entity_key(text: str, label: str) -> str:
    """Canonical entity id: label plus case- and accent-folded name.

    "Mohamed SAKHRI" and "Mohamed Sakhri" are one entity; a PERSON and an ORG with
    the same name are two.
    """
    folded = unicodedata.normalize("NFKD", canonical_name(text).casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return f"{label}:{folded}"


def value_parts(value: str | None) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of a TIMEX3 value where it states them ("2025-07" → 2025, 7, None)."""
    if not value:
        return None, None, None
    match = _VALUE_PARTS.match(value)
    if not match:
        return None, None, None
    return tuple(int(g) if g else None for g in match.groups())  # type: ignore[return-value]


def _extension(span: Span, name: str) -> object:
    # `span._.get` raises for an unregistered name: a layer whose component is not in
    # the pipeline simply has no value
    try:
        return span._.get(name)
    except AttributeError:
        return None


def _extensions(span: Span, names: tuple[str, ...]) -> dict[str, object]:
    """Several extension values of one span through one accessor (each `span._` builds
    an object); an unregistered name has no value."""
    underscore = span._
    values = {}
    for name in names:
        try:
            values[name] = underscore.get(name)
        except AttributeError:
            values[name] = None
    return values


class _SentenceIndex:
    """Maps a character offset to the index of the sentence that contains it."""

    def __init__(self, starts: list[int]) -> None:
        self.starts = starts

    def of(self, char: int) -> int | None:
        position = bisect_right(self.starts, char) - 1
        return position if position >= 0 else None


def _block_kinds(doc: Doc):
    """Offset → kind of the block (paragraph, heading, list_item) a segmenter recorded.

    A segmenter sets `doc._.blocks` to `(start_char, end_char, kind)` triples; without
    one every sentence's kind is None.
    """
    blocks = doc._.get("blocks") if Doc.has_extension("blocks") else None
    if not blocks:
        return lambda char: None
    block_starts = [b[0] for b in blocks]

    def kind(char: int) -> str | None:
        position = bisect_right(block_starts, char) - 1
        return blocks[position][2] if position >= 0 and char < blocks[position][1] else None

    return kind


def doc_to_rows(doc: Doc, *, offset: int = 0, sentence_base: int = 0) -> dict[str, list[dict]]:
    """Plain rows for one Doc (or one chunk of a document starting at `offset`).

    Keys: `sentences`, `entities`, `dates`, `instruments`. Mentions carry `sentence`,
    the document-wide index of their sentence (`sentence_base` + index in this chunk).
    """
    sentences = []
    starts = []
    block_of = _block_kinds(doc)
    doc_string = doc_text(doc)
    if doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            text = doc_string[sent.start_char : sent.end_char]
            stripped = text.rstrip()
            if not stripped.strip():
                continue
            lead = len(text) - len(text.lstrip())
            start = sent.start_char + lead
            starts.append(start)
            sentences.append(
                {
                    "idx": sentence_base + len(sentences),
                    "start": offset + start,
                    "end": offset + sent.start_char + len(stripped),
                    "text": stripped[lead:],
                    "kind": block_of(start),
                }
            )
    index = _SentenceIndex(starts)

    def sentence_of(span: Span) -> int | None:
        local = index.of(span.start_char)
        return None if local is None else sentence_base + local

    def base(span: Span) -> dict:
        start, end = span.start_char, span.end_char
        return {
            "start": offset + start,
            "end": offset + end,
            "text": doc_string[start:end],
            "sentence": sentence_of(span),
        }

    entities = []
    for ent in doc.ents:
        if ent.label_ in DATE_LABELS:
            continue
        named = ent.label_ in NAME_LABELS
        # a linker sets the canonical entity on the span (`ent_id_`, `_.canonical_name`);
        # without one, the folded name is the canonical entity
        linked_name = _extension(ent, "canonical_name")
        row = base(ent)
        text = row["text"]
        entities.append(
            {
                **row,
                "label": ent.label_,
                "entity_id": (ent.ent_id_ or entity_key(text, ent.label_)) if named else None,
                "entity_name": (linked_name or canonical_name(text)) if named else None,
                "kb_id": ent.kb_id_ or None,
            }
        )

    dates = []
    for span in doc.spans.get("dates", []):
        row = {**base(span), **_extensions(span, DATE_ATTRS)}
        row["year"], row["month"], row["day"] = value_parts(row["value"] or row["value_start"])
        dates.append(row)

    instruments = []
    for span in doc.spans.get("instruments", []):
        row = {**base(span), **_extensions(span, INSTRUMENT_ATTRS)}
        for flag in ("negated", "hypothetical"):
            row[flag] = None if row[flag] is None else int(bool(row[flag]))
        instruments.append(row)
    published = doc._.get("published") if Doc.has_extension("published") else None
    date_instruments(instruments, dates, published)

    return {
        "sentences": sentences,
        "entities": entities,
        "dates": dates,
        "instruments": instruments,
    }


def date_instruments(instruments: list[dict], dates: list[dict], published: str | None) -> None:
    """Give each instrument mention the date a timeline puts it at.

    The nearest temporal expression with a year in the same sentence ("sanctions imposed
    in March 2022"), else the article's publication date, else none. Stored once here so
    that timelines and charts are indexed lookups, not a join over every date.
    """
    by_sentence: dict[int, list[dict]] = {}
    for date in dates:
        if date["year"] is not None and date["sentence"] is not None:
            by_sentence.setdefault(date["sentence"], []).append(date)
    for mention in instruments:
        candidates = by_sentence.get(mention["sentence"], [])
        if candidates:
            nearest = min(candidates, key=lambda d: abs(d["start"] - mention["start"]))
            mention["dated"] = nearest["value"] or nearest["value_start"]
            mention["dated_year"] = nearest["year"]
            mention["dated_by"] = nearest["text"]
        elif published:
            mention["dated"] = published
            mention["dated_year"] = value_parts(published)[0]
            mention["dated_by"] = "publication date"
        else:
            mention["dated"] = mention["dated_year"] = mention["dated_by"] = None


def merge_chunk_rows(chunks: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Concatenate the rows of a document's chunks (already offset and renumbered)."""
    merged: dict[str, list[dict]] = {
        "sentences": [],
        "entities": [],
        "dates": [],
        "instruments": [],
    }
    for rows in chunks:
        for key, values in rows.items():
            merged.setdefault(key, []).extend(values)
    return merged
