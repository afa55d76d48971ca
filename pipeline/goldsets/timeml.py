"""Read TimeML (.tml, TempEval-3 layout) into exchange-format gold documents.

A TempEval-3 file holds the document creation time in `<DCT><TIMEX3
functionInDocument="CREATION_TIME">` and the gold TIMEX3 tags inline in `<TEXT>`. The
text handed to the pipeline must be exactly the characters the annotators saw (tags
removed, entities decoded), so offsets are computed while walking the XML tree rather
than by regex stripping.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

_DATE_PART = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)")


def _dct(root: ET.Element) -> str | None:
    """The date part of the creation-time TIMEX3 (its value may carry a time)."""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            match = _DATE_PART.match(timex.get("value") or "")
            return match.group(1) if match else None
    return None


def _walk(
    node: ET.Element, parts: list[str], spans: list[tuple[int, int, ET.Element]], offset: int
) -> int:
    """Append the plain text under `node` to `parts`, record TIMEX3 extents; returns the
    offset after the node's content (its tail is the caller's business)."""
    start = offset
    if node.text:
        parts.append(node.text)
        offset += len(node.text)
    for child in node:
        offset = _walk(child, parts, spans, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if node.tag == "TIMEX3" and offset > start:
        spans.append((start, offset, node))
    return offset


def read_timeml_file(path: Path) -> dict:
    """One .tml file as an exchange-format document (id = the file stem)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not well-formed TimeML: {exc}") from exc
    text_node = root.find(".//TEXT")
    if text_node is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    # TEXT's own content only: its tail lies outside the document text
    _walk(text_node, parts, found, 0)
    text = "".join(parts)
    spans = [
        {
            "start": start,
            "end": end,
            "text": text[start:end],
            "label": "TIMEX",
            "timex_type": node.get("type"),
            "value": node.get("value"),
            "tid": node.get("tid"),
        }
        for start, end, node in sorted(found, key=lambda f: (f[0], -f[1]))
        if text[start:end].strip()  # an empty TIMEX3 (an implicit interval end) has no extent
    ]
    return {
        "id": path.stem,
        "meta": {"published": _dct(root), "source": "timeml"},
        "text": text,
        "spans": spans,
    }


def read_timeml(path: Path) -> list[dict]:
    """A .tml file or a folder of them (searched recursively, sorted by path)."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: no such file or folder")
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise ValueError(f"{path}: no .tml files")
    return [read_timeml_file(f) for f in files]
