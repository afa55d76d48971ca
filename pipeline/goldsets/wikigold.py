"""WikiGold (CoNLL, IOB1, PER/ORG/LOC/MISC) as exchange-format documents.

The text is rebuilt from the tokens (single spaces, one sentence per line), so gold
offsets and the text the pipeline sees are the same string. CoNLL's four types are
coarser than OntoNotes, so each maps to one label plus the OntoNotes labels that
an annotator following OntoNotes could have chosen for the same span (`alt_labels`):

* PER → PERSON; ORG → ORG (CoNLL puts teams, bands, companies, parties here);
* LOC → GPE, alt LOC, FAC: CoNLL does not split states and cities from regions,
  rivers and buildings;
* MISC → NORP, alt EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE, FAC, ORG: MISC holds
  nationalities (most of it) plus every other named thing.
"""

from __future__ import annotations

from pathlib import Path

LABELS: dict[str, tuple[str, list[str]]] = {
    "PER": ("PERSON", []),
    "ORG": ("ORG", []),
    "LOC": ("GPE", ["LOC", "FAC"]),
    "MISC": ("NORP", ["EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE", "FAC", "ORG"]),
}


def _split_documents(lines: list[str]) -> list[list[list[tuple[str, str]]]]:
    """Documents → sentences → (token, tag); `-DOCSTART-` lines separate documents."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("-DOCSTART-"):
            if current:
                sentences.append(current)
            if sentences:
                documents.append(sentences)
            sentences, current = [], []
        elif not line:
            if current:
                sentences.append(current)
            current = []
        else:
            token, _, tag = line.rpartition(" ")
            if not token:  # a line with one field: the token, no tag
                token, tag = tag, "O"
            current.append((token, tag))
    if current:
        sentences.append(current)
    if sentences:
        documents.append(sentences)
    return documents


def _document(number: int, sentences: list[list[tuple[str, str]]]) -> dict:
    """One exchange-format document; IOB1: `I-X` continues X unless a `B-X` restarts it."""
    parts: list[str] = []
    spans: list[dict] = []
    offset = 0
    for sentence in sentences:
        if parts:
            parts.append("\n")
            offset += 1
        open_span: dict | None = None
        for index, (token, tag) in enumerate(sentence):
            if index:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            offset = end
            prefix, _, kind = tag.partition("-")
            if prefix not in ("B", "I") or kind not in LABELS:
                open_span = None
                continue
            if open_span is not None and open_span["kind"] == kind and prefix == "I":
                open_span["end"] = end
                continue
            open_span = {"start": start, "end": end, "kind": kind}
            spans.append(open_span)
    text = "".join(parts)
    out = []
    for span in spans:
        label, alt = LABELS[span["kind"]]
        item = {
            "start": span["start"],
            "end": span["end"],
            "text": text[span["start"] : span["end"]],
            "label": label,
            "conll": span["kind"],
        }
        if alt:
            item["alt_labels"] = list(alt)
        out.append(item)
    return {"id": f"wikigold:{number}", "meta": {"published": None}, "text": text, "spans": out}


def read_wikigold(path: str | Path) -> list[dict]:
    """Exchange-format documents from a WikiGold/CoNLL file, one per `-DOCSTART-` block."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [_document(n, doc) for n, doc in enumerate(_split_documents(lines), start=1)]
