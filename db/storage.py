"""The corpus database: schema (through migrations) and the few writes a build makes.

Every write that touches one document happens inside the caller's transaction
(`db.atomic()`), so a reader never sees a document with half of its annotations.
Only plain dicts cross into this module; it never imports spaCy.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

MENTION_TABLES = ("entity_mentions", "date_mentions", "instrument_mentions")
# rows key produced by pipeline.rows.doc_to_rows → table it is stored in
ROW_TABLES = {
    "entities": "entity_mentions",
    "dates": "date_mentions",
    "instruments": "instrument_mentions",
}

migrations = Migrations("statecraft")


def utcnow() -> str:
    """ISO timestamp with seconds precision, the form every table uses."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@migrations()
def m001_initial(db: Database) -> None:
    db["runs"].create(
        {
            "id": int,
            "started": str,
            "ended": str,
            "status": str,
            "fingerprint": str,
            "statecraft_version": str,
            "spacy_version": str,
            "model": str,
            "workers": int,
            "sources": str,
            "new": int,
            "changed": int,
            "unchanged": int,
            "removed": int,
            "failed": int,
            "documents_tagged": int,
            "tokens": int,
            "seconds": float,
        },
        pk="id",
    )
    db["documents"].create(
        {
            "id": str,
            "title": str,
            "author": str,
            "source": str,
            "section": str,
            "url": str,
            "published": str,
            "published_year": int,
            "text": str,
            "word_count": int,
            "char_count": int,
            "content_hash": str,
            "fingerprint": str,
            "format": str,
            "source_file": str,
            "source_line": int,
            "meta": str,
            "run_id": int,
            "tagged_at": str,
        },
        pk="id",
        not_null={"text", "content_hash"},
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["sentences"].create(
        {"id": int, "document_id": str, "idx": int, "start": int, "end": int, "text": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["entities"].create(
        {
            "id": str,
            "name": str,
            "label": str,
            "kb_id": str,
            "aliases": str,
            "mention_count": int,
            "document_count": int,
        },
        pk="id",
    )
    common = {
        "id": int,
        "document_id": str,
        "sentence_id": int,
        "start": int,
        "end": int,
        "text": str,
    }
    fks = [
        ("document_id", "documents", "id"),
        ("sentence_id", "sentences", "id"),
        ("run_id", "runs", "id"),
    ]
    db["entity_mentions"].create(
        {**common, "label": str, "entity_id": str, "kb_id": str, "run_id": int},
        pk="id",
        foreign_keys=[*fks, ("entity_id", "entities", "id")],
    )
    db["date_mentions"].create(
        {
            **common,
            "timex_type": str,
            "value": str,
            "granularity": str,
            "anchor": str,
            "value_start": str,
            "value_end": str,
            "year": int,
            "month": int,
            "day": int,
            "run_id": int,
        },
        pk="id",
        foreign_keys=fks,
    )
    db["instrument_mentions"].create(
        {
            **common,
            "instrument": str,
            "action": str,
            "actor": str,
            "target": str,
            "magnitude": str,
            "deadline": str,
            "negated": int,
            "hypothetical": int,
            "cameo": str,
            "plover": str,
            "run_id": int,
        },
        pk="id",
        foreign_keys=fks,
    )
    db["problems"].create(
        {"id": int, "run_id": int, "path": str, "line": int, "severity": str, "message": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    for table, columns in {
        "documents": ["source", "published_year", "published", "run_id"],
        "sentences": ["document_id"],
        "entities": ["label", "kb_id"],
        "entity_mentions": ["document_id", "sentence_id", "label", "entity_id", "kb_id", "run_id"],
        "date_mentions": [
            "document_id",
            "sentence_id",
            "timex_type",
            "value",
            "year",
            "month",
            "run_id",
        ],
        "instrument_mentions": [
            "document_id",
            "sentence_id",
            "instrument",
            "action",
            "actor",
            "target",
            "run_id",
        ],
        "problems": ["run_id"],
    }.items():
        for column in columns:
            db[table].create_index([column])
    db["documents"].enable_fts(["title", "text"], create_triggers=True)


@migrations()
def m002_blocks_links_taxonomy(db: Database) -> None:
    """Block kind of sentences, joinable actor/target entities, the instrument taxonomy."""
    db["sentences"].add_column("kind", str)
    db["instrument_mentions"].add_column("actor_entity_id", str)
    db["instrument_mentions"].add_column("target_entity_id", str)
    db["instruments"].create(
        {"id": str, "description": str, "cameo": str, "plover": str, "examples": str},
        pk="id",
    )
    db["instrument_mentions"].create_index(["actor_entity_id"])
    db["instrument_mentions"].create_index(["target_entity_id"])
    db["sentences"].create_index(["kind"])


@migrations()
def m003_document_changes(db: Database) -> None:
    """What each run did to each document, with tag counts before and after."""
    db["document_changes"].create(
        {
            "id": int,
            "run_id": int,
            "document_id": str,
            "change": str,
            "entities_before": int,
            "entities_after": int,
            "dates_before": int,
            "dates_after": int,
            "instruments_before": int,
            "instruments_after": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db["document_changes"].create_index(["run_id"])
    db["document_changes"].create_index(["document_id"])


@migrations()
def m004_sentence_search(db: Database) -> None:
    """Full-text search over sentences (Datasette's search box on `sentences`)."""
    db["sentences"].enable_fts(["text"], create_triggers=True)


@migrations()
def m005_instrument_dates(db: Database) -> None:
    """Where a timeline puts each instrument mention (see `pipeline.rows.date_instruments`)."""
    for column, kind in (("dated", str), ("dated_year", int), ("dated_by", str)):
        db["instrument_mentions"].add_column(column, kind)
    db["instrument_mentions"].create_index(["dated"])
    db["instrument_mentions"].create_index(["dated_year", "action"])


@migrations()
def m006_timex_mod(db: Database) -> None:
    """TIMEX3 `mod` of each temporal expression ("early 2025" → 2025, START)."""
    db["date_mentions"].add_column("timex_mod", str)


@migrations()
def m007_instrument_counts(db: Database) -> None:
    """Mentions per instrument type, counted once per build (an article page showed each
    mention's count with a subquery over every mention of its type: 86 ms a page at
    10,000 documents), and a covering index for the actor summary."""
    db["instruments"].add_column("mention_count", int)
    db["instruments"].add_column("document_count", int)
    db["instrument_mentions"].create_index(
        ["actor_entity_id", "actor", "action", "instrument", "document_id"],
        index_name="idx_instrument_mentions_by_actor",
    )
    count_instrument_mentions(db)


class StorageError(Exception):
    """The database cannot be opened or written (a user-facing, one-line problem)."""


def open_db(path: str | Path, *, create: bool = True) -> Database:
    """Open (and migrate) the corpus database with the settings every writer needs.

    WAL lets Datasette read while a build writes; foreign keys catch orphan rows;
    the busy timeout makes a second writer wait instead of failing at once.
    """
    path = Path(path)
    if str(path) != ":memory:":
        if not path.parent.exists():
            raise StorageError(f"{path}: folder {path.parent} does not exist")
        if not create and not path.exists():
            raise StorageError(f"{path}: no such database (run `statecraft build` first)")
    try:
        db = Database(sqlite3.connect(str(path), timeout=30))
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:":
            db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: {_explain(path, exc)}") from exc
    return db


def _explain(path: Path, exc: sqlite3.DatabaseError) -> str:
    """SQLite's message, made specific where it is vague ("unable to open database file")."""
    if str(path) != ":memory:":
        for target in (path, path.parent):
            if target.exists() and not os.access(target, os.W_OK):
                kind = "file" if target == path else "folder"
                return f"read-only {kind} {target} ({exc}); a build needs to write there"
    return str(exc)


@dataclass(frozen=True)
class StoredDocument:
    """What a build needs to know about a document already in the database."""

    content_hash: str
    fingerprint: str | None
    source_file: str | None


def database_file(db: Database) -> Path | None:
    """The file behind a connection, or None for an in-memory database."""
    for _, name, filename in db.execute("pragma database_list").fetchall():
        if name == "main":
            return Path(filename) if filename else None
    return None


def stored_documents(db: Database) -> dict[str, StoredDocument]:
    """Every stored document's hash, fingerprint and source file, keyed by id."""
    return {
        row[0]: StoredDocument(row[1], row[2], row[3])
        for row in db.execute("select id, content_hash, fingerprint, source_file from documents")
    }


def abort_stale_runs(db: Database) -> int:
    """Mark runs left `running` by a killed build as `aborted`; returns how many."""
    with db.atomic():
        cursor = db.execute(
            "update runs set status = 'aborted', ended = coalesce(ended, ?) "
            "where status = 'running'",
            [utcnow()],
        )
    return cursor.rowcount


def start_run(db: Database, **fields: object) -> int:
    """Insert a `running` row in `runs` and return its id."""
    with db.atomic():
        table = db["runs"]
        table.insert({"started": utcnow(), "status": "running", **fields})
        return int(table.last_pk)


def finish_run(db: Database, run_id: int, **fields: object) -> None:
    """Close a run with its final status and counts."""
    with db.atomic():
        db["runs"].update(run_id, {"ended": utcnow(), **fields})


def record_problems(db: Database, run_id: int, problems: Iterable[Mapping]) -> None:
    """Keep the run's read errors and warnings, so they can be browsed later."""
    rows = [{"run_id": run_id, **p} for p in problems]
    if rows:
        with db.atomic():
            db["problems"].insert_all(rows)


def _tag_counts(db: Database, document_id: str) -> dict[str, int]:
    """Stored mentions of a document per layer (for the change log)."""
    return {
        key: db.execute(
            f"select count(*) from [{table}] where document_id = ?", [document_id]
        ).fetchone()[0]
        for key, table in ROW_TABLES.items()
    }


def _change_row(run_id: int, document_id: str, change: str, before: dict, after: dict) -> dict:
    """A `document_changes` row: what a run did to a document, tag counts before/after."""
    return {
        "run_id": run_id,
        "document_id": document_id,
        "change": change,
        **{f"{key}_before": before.get(key, 0) for key in ROW_TABLES},
        **{f"{key}_after": after.get(key, 0) for key in ROW_TABLES},
    }


def delete_document_rows(db: Database, document_id: str) -> None:
    """Remove a document's annotations and sentences (not the document itself)."""
    for table in MENTION_TABLES:
        db.execute(f"delete from [{table}] where document_id = ?", [document_id])
    db.execute("delete from sentences where document_id = ?", [document_id])


def delete_documents(db: Database, document_ids: Iterable[str], run_id: int) -> int:
    """Delete documents with all their rows, each document in its own transaction."""
    count = 0
    for document_id in document_ids:
        with db.atomic():
            db["document_changes"].insert(
                _change_row(run_id, document_id, "removed", _tag_counts(db, document_id), {})
            )
            delete_document_rows(db, document_id)
            db.execute("delete from documents where id = ?", [document_id])
        count += 1
    return count


def replace_documents(
    db: Database, batch: list[tuple[Mapping, Mapping[str, list[dict]], str]], run_id: int
) -> None:
    """Store tagged documents, replacing any earlier versions and their annotations.

    Call inside `db.atomic()`: the deletes and the inserts must commit together. Each
    item is `(document row, rows, change)`: `rows` is `pipeline.rows.doc_to_rows` output,
    whose mentions point at their sentence by index (`sentence`, turned here into
    `sentence_id`); `change` (new, changed, retagged) goes to `document_changes` with
    the tag counts before and after. One insert per table for the whole batch: the
    per-call cost of sqlite-utils dominated per-document inserts.
    """
    tagged_at = utcnow()
    next_sentence = db.execute("select coalesce(max(id), 0) + 1 from sentences").fetchone()[0]
    documents, sentences, entities = [], [], {}
    mentions: dict[str, list[dict]] = {table: [] for table in ROW_TABLES.values()}
    changes = []
    for document, rows, change in batch:
        document_id = document["id"]
        # a new document (no stored row when the build planned) has nothing to replace
        before = {} if change == "new" else _tag_counts(db, document_id)
        changes.append(
            _change_row(
                run_id,
                document_id,
                change,
                before,
                {key: len(rows.get(key, [])) for key in ROW_TABLES},
            )
        )
        if change != "new":
            delete_document_rows(db, document_id)
        documents.append({**document, "run_id": run_id, "tagged_at": tagged_at})
        first_id = next_sentence
        for sentence in rows.get("sentences", []):
            sentences.append(
                {**sentence, "id": first_id + sentence["idx"], "document_id": document_id}
            )
        next_sentence += len(rows.get("sentences", []))
        for mention in rows.get("entities", []):
            if mention.get("entity_id") is not None:  # numeric mentions have none
                entities.setdefault(
                    mention["entity_id"],
                    {
                        "id": mention["entity_id"],
                        "name": mention["entity_name"],
                        "label": mention["label"],
                        "kb_id": mention.get("kb_id"),
                    },
                )
        for key, table in ROW_TABLES.items():
            for mention in rows.get(key, []):
                row = {k: v for k, v in mention.items() if k not in ("sentence", "entity_name")}
                sentence = mention.get("sentence")
                row["sentence_id"] = None if sentence is None else first_id + sentence
                row["document_id"] = document_id
                row["run_id"] = run_id
                mentions[table].append(row)
    db["document_changes"].insert_all(changes)
    db["documents"].upsert_all(documents, pk="id")
    if sentences:
        db["sentences"].insert_all(sentences)
    if entities:
        db["entities"].insert_all(entities.values(), ignore=True)
    for table, table_rows in mentions.items():
        if table_rows:
            db[table].insert_all(table_rows)


def refresh_entities(db: Database) -> None:
    """Recount every canonical entity's mentions and aliases; drop unmentioned ones."""
    with db.atomic():
        db.execute(
            """
            update entities set
              mention_count = agg.mentions,
              document_count = agg.documents,
              aliases = agg.aliases
            from (
              select entity_id, count(*) as mentions, count(distinct document_id) as documents,
                     json_group_array(distinct text) as aliases
              from entity_mentions group by entity_id
            ) as agg
            where entities.id = agg.entity_id
            """
        )
        db.execute(
            "delete from entities where id not in (select entity_id from entity_mentions "
            "where entity_id is not null)"
        )


def sync_instrument_types(db: Database, types: Iterable[Mapping]) -> None:
    """Replace the `instruments` lookup table with the taxonomy the pipeline uses, with
    each type's mention and document counts."""
    rows = list(types)
    with db.atomic():
        db.execute("delete from instruments")
        if rows:
            db["instruments"].insert_all(rows)
        count_instrument_mentions(db)


def count_instrument_mentions(db: Database) -> None:
    """Each instrument type's mention and document counts (article pages show them)."""
    db.execute(
        """
        update instruments set mention_count = agg.mentions, document_count = agg.documents
        from (select i.id, count(m.id) as mentions,
                     count(distinct m.document_id) as documents
              from instruments i left join instrument_mentions m on m.instrument = i.id
              group by i.id) as agg
        where instruments.id = agg.id
        """
    )


def document_count(db: Database) -> int:
    return db.execute("select count(*) from documents").fetchone()[0]


def as_json(value: object) -> str | None:
    """JSON text for list/dict metadata columns (Datasette facets JSON arrays)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
