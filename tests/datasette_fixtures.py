"""Test fixtures for the Datasette tests: a configured Datasette, fixture tag rows, an HTML reader.

The seed article is built by the real pipeline; `add_fixtures` then writes known
instrument and date rows with sqlite-utils, so the Datasette tests do not depend on
the progress of the instrument and date taggers. Entities stay the pipeline's own.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import sqlite_utils
import yaml
from click.testing import CliRunner
from datasette.app import DEFAULT_SETTINGS, Datasette

from pipeline.cli import cli, datasette_serve_args
from pipeline.rows import date_instruments, value_parts
from tests.conftest import SEED_MD

SEED_ID = SEED_MD.stem
XSS_FOLDER = Path(__file__).parent / "xss_fixture"
PAYLOADS = ("<script>alert(", "<img src=x onerror", "<svg onload", "javascript:alert")
# Fixture instrument mentions of the seed article: phrase, instrument, action, actor, target.
INSTRUMENTS = [
    ("easing American sanctions", "sanctions", "eased", "Donald Trump", "Russia", {}),
    ("expanded military aid packages", "military_aid", "announced", "Donald Trump", "Ukraine", {}),
    ("harsh oil sanctions", "sanctions", "threatened", "Donald Trump", "Russia", {}),
    ("tariffs of up to 500%", "tariffs", "proposed", "Congress", None, {"magnitude": "500%"}),
    ("officially recognizing", "recognition", "considered", "Donald Trump", "Russia", {}),
    ("trade restrictions", "trade_restrictions", "threatened", "Donald Trump", "Moscow", {}),
]
# Wikidata ids for actor/target when the entity linker left an entity unlinked.
WIKIDATA = {"Donald Trump": "Q22686", "Russia": "Q159", "Ukraine": "Q212", "Moscow": "Q649"}
# Fixture temporal expressions: text, TIMEX type, value.
DATES = [
    ("February 24, 2022", "DATE", "2022-02-24"),
    ("2014", "DATE", "2014"),
    ("six months", "DURATION", "P6M"),
    ("50 days", "DURATION", "P50D"),
]


def build_corpus(source: Path, folder: Path) -> Path:
    db_path = folder / "statecraft.db"
    result = CliRunner().invoke(cli, ["build", str(source), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    return db_path


def sentence_id(db: sqlite_utils.Database, document_id: str, start: int) -> int | None:
    row = db.execute(
        "select id from sentences where document_id = ? and start <= ? and ? < end",
        [document_id, start, start],
    ).fetchone()
    return row[0] if row else None


def entity_id(db: sqlite_utils.Database, name: str | None) -> str | None:
    if not name:
        return None
    row = db.execute(
        "select id from entities where name = ? order by mention_count desc limit 1", [name]
    ).fetchone()
    return row[0] if row else None


def wikidata_id(db: sqlite_utils.Database, name: str | None) -> str | None:
    row = db.execute("select kb_id from entities where id = ?", [entity_id(db, name)]).fetchone()
    return (row and row[0]) or WIKIDATA.get(name)


def add_fixtures(db_path: Path, document_id: str, instruments=INSTRUMENTS, dates=DATES) -> None:
    """Replace a document's date and instrument rows with known test rows (first occurrences)."""
    db = sqlite_utils.Database(db_path)
    text = db["documents"].get(document_id)["text"]
    with db.conn:
        for table in ("date_mentions", "instrument_mentions"):
            db.execute(f"delete from {table} where document_id = ?", [document_id])
        date_rows, instrument_rows = [], []
        for phrase, timex_type, value in dates:
            start = text.index(phrase)
            year, month, day = value_parts(value)
            date_rows.append(
                {
                    "document_id": document_id,
                    "sentence_id": sentence_id(db, document_id, start),
                    "start": start,
                    "end": start + len(phrase),
                    "text": phrase,
                    "timex_type": timex_type,
                    "value": value,
                    "value_start": None,
                    "year": year,
                    "month": month,
                    "day": day,
                }
            )
        for phrase, instrument, action, actor, target, extra in instruments:
            start = text.index(phrase)
            instrument_rows.append(
                {
                    "document_id": document_id,
                    "sentence_id": sentence_id(db, document_id, start),
                    "start": start,
                    "end": start + len(phrase),
                    "text": phrase,
                    "instrument": instrument,
                    "action": action,
                    "actor": wikidata_id(db, actor),
                    "target": wikidata_id(db, target),
                    "actor_entity_id": entity_id(db, actor),
                    "target_entity_id": entity_id(db, target),
                    **extra,
                }
            )
        # the timeline date of each instrument, as the pipeline's rows boundary computes it
        for row in date_rows + instrument_rows:
            row["sentence"] = row["sentence_id"]
        published = db["documents"].get(document_id)["published"]
        date_instruments(instrument_rows, date_rows, published)
        for row in date_rows + instrument_rows:
            del row["sentence"]
        db["date_mentions"].insert_all(date_rows)
        db["instrument_mentions"].insert_all(instrument_rows)
        db["instruments"].upsert(
            {"id": "sanctions", "description": "Economic or financial penalties (fixture)."},
            pk="id",
        )


def configured_datasette(db_path: Path) -> Datasette:
    """Datasette with exactly what `statecraft serve` passes on its command line."""
    args = datasette_serve_args(db_path, host="127.0.0.1", port=8001)
    options: dict = {"settings": {}}
    for index, arg in enumerate(args):
        value = args[index + 1] if index + 1 < len(args) else None
        if arg == "--metadata":
            options["metadata"] = yaml.safe_load(Path(value).read_text())
        elif arg == "--plugins-dir":
            options["plugins_dir"] = value
        elif arg == "--template-dir":
            options["template_dir"] = value
        elif arg == "--static":
            mount, path = value.split(":", 1)
            options["static_mounts"] = [(mount, path)]
        elif arg == "--setting":
            kind = type(DEFAULT_SETTINGS[value])
            raw = args[index + 2]
            options["settings"][value] = (
                raw in ("1", "True", "true", "on") if kind is bool else kind(raw)
            )
    return Datasette([str(db_path)], **options)


class Fragments(HTMLParser):
    """Text of every element with an id, and of every fragment of every tag (data-tag)."""

    VOID = {"br", "img", "input", "hr", "meta", "link", "wbr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict, list[str]]] = []
        self.tags: dict[str, list[str]] = defaultdict(list)
        self.attrs: dict[str, dict] = {}
        self.by_id: dict[str, str] = {}
        self.unbalanced: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.unbalanced.append(tag)
            return
        _, attrs, pieces = self.stack.pop()
        text = "".join(pieces)
        if "data-tag" in attrs:
            self.tags[attrs["data-tag"]].append(text)
            self.attrs.setdefault(attrs["data-tag"], attrs)
        if "id" in attrs:
            self.by_id[attrs["id"]] = text
        if self.stack:
            self.stack[-1][2].append(text)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)


def between(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]
