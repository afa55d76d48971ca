"""MEANTIME (NewsReader CAT stand-off XML) as exchange-format documents.

The text is rebuilt from the tokens: one space between tokens, one newline between
sentences (sentence 0 is the headline, sentence 1 usually the date line). MEANTIME
annotates only the headline and the first sentences of each article (up to sentence 5),
so the text stops after the last sentence that any markable touches: otherwise every
name in the unannotated rest would count as a false positive. Two layers are read:

* named entity mentions (`syntactic_type="NAM"`), typed through their `REFERS_TO`
  link: PER→PERSON, ORG→ORG, LOC→GPE (alt LOC, FAC: MEANTIME does not split GPE from
  LOC), PRO→PRODUCT (alt WORK_OF_ART, ORG, EVENT, LAW: MEANTIME's PRO covers any named
  artefact or brand). A mention without a link takes the type of a linked mention
  with the same words in the article. Mentions typed FIN or MIX (no OntoNotes
  equivalent) and the remaining unlinked ones are kept as `optional` spans: a prediction on them is
  neither a hit nor an error. A named mention that contains a shorter named mention
  ("Airbus parent company EADS" around "Airbus") is optional too, since one tagger
  output cannot nest.
* TIMEX3 with tokens (empty timexes are implicit interval ends, not text), except the
  document creation time, whose value becomes `meta.published`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

LABELS: dict[str, tuple[str, list[str]]] = {
    "PER": ("PERSON", []),
    "ORG": ("ORG", []),
    "LOC": ("GPE", ["LOC", "FAC"]),
    "PRO": ("PRODUCT", ["WORK_OF_ART", "ORG", "EVENT", "LAW"]),
}


def _last_annotated_sentence(root: ET.Element) -> int:
    """The highest sentence number any markable touches (MEANTIME annotates the headline
    and the first five sentences of an article, not the rest)."""
    sentence_of = {t.get("t_id"): int(t.get("sentence", "0")) for t in root.iter("token")}
    markables = root.find("Markables")
    anchors = markables.iter("token_anchor") if markables is not None else iter(())
    return max((sentence_of.get(a.get("t_id"), 0) for a in anchors), default=0)


def _text_and_offsets(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """The text of the annotated sentences and each token id's character offsets."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    position = 0
    sentence = None
    last = _last_annotated_sentence(root)
    for token in root.iter("token"):
        if int(token.get("sentence", "0")) > last:
            break
        word = token.text or ""
        if parts:
            separator = "\n" if token.get("sentence") != sentence else " "
            parts.append(separator)
            position += 1
        sentence = token.get("sentence")
        offsets[token.get("t_id", "")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
    return "".join(parts), offsets


def _extent(element: ET.Element, offsets: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    anchors = [offsets.get(a.get("t_id", "")) for a in element.iter("token_anchor")]
    anchors = [a for a in anchors if a is not None]
    if not anchors:
        return None
    return min(a[0] for a in anchors), max(a[1] for a in anchors)


def _entity_types(root: ET.Element) -> dict[str, str]:
    """Mention m_id → ENTITY ent_type, through REFERS_TO relations."""
    entity_type = {e.get("m_id"): e.get("ent_type", "") for e in root.iter("ENTITY")}
    types: dict[str, str] = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target")
        if target is None or target.get("m_id") not in entity_type:
            continue
        for source in relation.findall("source"):
            types[source.get("m_id", "")] = entity_type[target.get("m_id")]
    return types


def _entity_spans(root: ET.Element, text: str, offsets: dict) -> list[dict]:
    types = _entity_types(root)
    mentions = [m for m in root.iter("ENTITY_MENTION") if m.get("syntactic_type") == "NAM"]
    # an unlinked mention takes the type of a linked mention with the same words
    type_of_words: dict[str, str] = {}
    for mention in mentions:
        extent = _extent(mention, offsets)
        if extent is not None and mention.get("m_id") in types:
            type_of_words.setdefault(text[extent[0] : extent[1]], types[mention.get("m_id")])
    spans: list[dict] = []
    seen: set[tuple[int, int]] = set()
    for mention in mentions:
        extent = _extent(mention, offsets)
        if extent is None or extent in seen:
            continue
        seen.add(extent)
        start, end = extent
        kind = types.get(mention.get("m_id", "")) or type_of_words.get(text[start:end], "")
        span: dict = {"start": start, "end": end, "text": text[start:end], "meantime": kind}
        if kind in LABELS:
            span["label"], alt = LABELS[kind]
            if alt:
                span["alt_labels"] = list(alt)
        else:
            span["label"], span["optional"] = "ORG", True
        spans.append(span)
    for span in spans:
        if any(
            o is not span and span["start"] <= o["start"] and o["end"] <= span["end"] for o in spans
        ):
            span["optional"] = True
    return spans


def _timex_spans(root: ET.Element, text: str, offsets: dict) -> tuple[list[dict], str | None]:
    spans: list[dict] = []
    published = None
    for timex in root.iter("TIMEX3"):
        creation_time = timex.get("functionInDocument") == "CREATION_TIME"
        if creation_time:
            published = (timex.get("value") or "")[:10] or None
        extent = _extent(timex, offsets)
        if extent is None:
            continue
        start, end = extent
        span = {
            "start": start,
            "end": end,
            "text": text[start:end],
            "label": "TIMEX",
            "timex_type": timex.get("type"),
            "value": timex.get("value") or None,
        }
        if creation_time:
            # the date line is real text but MEANTIME leaves it out of the annotation
            # (it is the DCT): finding it is neither a hit nor a false positive
            span["optional"] = True
        spans.append(span)
    return spans, published


def read_meantime_file(path: Path) -> dict:
    """One CAT XML article as an exchange-format document."""
    root = ET.parse(path).getroot()
    text, offsets = _text_and_offsets(root)
    entities = _entity_spans(root, text, offsets)
    timexes, published = _timex_spans(root, text, offsets)
    spans = sorted(entities + timexes, key=lambda s: (s["start"], -s["end"]))
    return {
        "id": f"meantime:{root.get('doc_id') or path.stem}",
        "meta": {"title": path.stem, "url": root.get("url"), "published": published},
        "text": text,
        "spans": spans,
    }


def read_meantime(path: str | Path) -> list[dict]:
    """Exchange-format documents from a MEANTIME folder (read recursively) or one file."""
    path = Path(path)
    files = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    return [read_meantime_file(f) for f in files]
