"""`statecraft export`: the stored corpus in the exchange format of `shared/eval`, or as tables.

JSONL is one document per line with every layer's spans and attributes; it is also
valid build input (its `spans` are ignored there), so export → build → export is a
round trip. CSV and Parquet write one file per table through pandas.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from pipeline.build import DOCUMENT_FIELDS

TABLE_EXPORTS = (
    "documents",
    "sentences",
    "entities",
    "entity_mentions",
    "date_mentions",
    "instrument_mentions",
)
# One query per layer and document (indexed on document_id): export streams.
_SPAN_QUERIES = (
    "select start, end, text, label, kb_id, entity_id from entity_mentions where document_id = ?",
    "select start, end, text, 'TIMEX' as label, timex_type, value, granularity, anchor, "
    "value_start, value_end, timex_mod as mod from date_mentions where document_id = ?",
    "select start, end, text, 'INSTRUMENT' as label, instrument, action, actor, target, "
    "magnitude, deadline, negated, hypothetical, cameo, plover, actor_entity_id, "
    "target_entity_id "
    "from instrument_mentions where document_id = ?",
)
_FLAGS = ("negated", "hypothetical")


def _span(row: dict) -> dict:
    span = {k: v for k, v in row.items() if v is not None}
    for flag in _FLAGS:
        if flag in span:
            span[flag] = bool(span[flag])
    return span


def _meta(document: dict) -> dict:
    meta = {name: document[name] for name in DOCUMENT_FIELDS}
    if meta["section"]:
        meta["section"] = json.loads(meta["section"])
    if document["meta"]:
        meta.update(json.loads(document["meta"]))
    return meta


_DOCUMENT_COLUMNS = ", ".join(["id", "text", "meta", *DOCUMENT_FIELDS])


def _exchange(db: Database, document: dict) -> dict:
    spans = sorted(
        (_span(row) for query in _SPAN_QUERIES for row in db.query(query, [document["id"]])),
        key=lambda s: (s["start"], s["end"], s["label"]),
    )
    return {"id": document["id"], "meta": _meta(document), "text": document["text"], "spans": spans}


def export_documents(db: Database) -> Iterator[dict]:
    """Every stored document as an exchange-format dict, spans sorted by offset."""
    for document in db.query(f"select {_DOCUMENT_COLUMNS} from documents order by id"):
        yield _exchange(db, document)


def export_document(db: Database, document_id: str) -> dict | None:
    """One document in the exchange format (None when there is no such document)."""
    for document in db.query(
        f"select {_DOCUMENT_COLUMNS} from documents where id = ?", [document_id]
    ):
        return _exchange(db, document)
    return None


def write_jsonl(db: Database, out) -> int:
    """Write the exchange format to a text stream; returns the number of documents."""
    count = 0
    for document in export_documents(db):
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_tables(db: Database, folder: Path, fmt: str) -> list[Path]:
    """One CSV or Parquet file per table in `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLE_EXPORTS:
        frame = pd.read_sql_query(f"select * from [{table}]", db.conn)
        path = folder / f"{table}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written
