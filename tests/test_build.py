"""End to end: `statecraft build` with the real model into a temporary database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from db import storage
from pipeline.cli import cli

SEED_ID = "seed-trump-second-term-russia-ukraine-pivot"


def build(runner: CliRunner, db_path: Path, *sources: Path, extra: tuple[str, ...] = ()):
    args = ["build", *map(str, sources), "--db", str(db_path), "--quiet", *extra]
    return runner.invoke(cli, args, catch_exceptions=False)


def rows(db_path: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def last_run(db_path: Path) -> dict:
    with sqlite3.connect(db_path) as conn:
        conn.row_factory = sqlite3.Row
        return dict(conn.execute("select * from runs order by id desc limit 1").fetchone())


def test_seed_article_is_tagged_and_stored(runner, corpus_copy, tmp_path, seed_text):
    db_path = tmp_path / "s.db"
    result = build(runner, db_path, corpus_copy)
    assert result.exit_code == 0, result.output
    assert "1 new, 0 changed, 0 unchanged, 0 removed, 0 failed" in result.output

    [(doc_id, title, author, source, section, text, published)] = rows(
        db_path, "select id, title, author, source, section, text, published from documents"
    )
    assert doc_id == SEED_ID
    assert title.startswith("Trump’s Second Term Russia–Ukraine Pivot")
    assert (author, source) == ("Mohamed Sakhri", "World Policy Hub")
    assert json.loads(section) == ["Politics", "Security"]
    assert published is None
    assert text == seed_text

    # every stored offset slices the text to the stored mention
    for table in ("sentences", "entity_mentions", "date_mentions"):
        stored = rows(db_path, f"select start, end, text from {table}")
        assert stored, table
        assert all(text[s:e] == t for s, e, t in stored), table
    people = {t for (t,) in rows(db_path, "select text from entity_mentions where label='PERSON'")}
    assert "Donald Trump" in people
    assert ("February 24, 2022", "DATE") in rows(
        db_path, "select text, timex_type from date_mentions"
    )
    # mentions point at the sentence that contains them
    assert rows(
        db_path,
        """select count(*) from entity_mentions m join sentences s
                on s.id = m.sentence_id where m.start < s.start or m.start >= s.end""",
    ) == [(0,)]
    # canonical entities count their mentions
    [(count,)] = rows(db_path, "select mention_count from entities where name='Donald Trump'")
    assert count >= 1
    run = last_run(db_path)
    assert run["status"] == "completed" and run["new"] == 1 and run["tokens"] > 900
    assert rows(
        db_path, "select count(*) from documents_fts where documents_fts match 'crimea'"
    ) == [(1,)]
    assert rows(db_path, "pragma integrity_check") == [("ok",)]
    assert rows(db_path, "pragma foreign_key_check") == []


def test_rerun_is_incremental(runner, corpus_copy, tmp_path):
    db_path = tmp_path / "s.db"
    build(runner, db_path, corpus_copy)
    first_ids = rows(db_path, "select id from entity_mentions order by id")

    again = build(runner, db_path, corpus_copy)
    assert "0 new, 0 changed, 1 unchanged, 0 removed" in again.output
    assert rows(db_path, "select id from entity_mentions order by id") == first_ids
    assert last_run(db_path)["documents_tagged"] == 0

    (corpus_copy / "second.txt").write_text("NATO leaders met in Brussels on Monday.\n")
    added = build(runner, db_path, corpus_copy)
    assert "1 new, 0 changed, 1 unchanged" in added.output
    assert (
        rows(db_path, "select id from entity_mentions where document_id != 'second' order by id")
        == first_ids
    )

    (corpus_copy / "second.txt").write_text("The European Union imposed sanctions on Iran.\n")
    changed = build(runner, db_path, corpus_copy)
    assert "0 new, 1 changed, 1 unchanged" in changed.output
    assert ("European Union",) in rows(
        db_path,
        "select e.name from entity_mentions m join entities e on e.id = m.entity_id "
        "where m.document_id = 'second'",
    )
    assert ("NATO",) not in rows(
        db_path, "select text from entity_mentions where document_id='second'"
    )

    (corpus_copy / "second.txt").unlink()
    removed = build(runner, db_path, corpus_copy)
    assert "0 new, 0 changed, 1 unchanged, 1 removed" in removed.output
    for table in ("documents", "sentences", "entity_mentions", "date_mentions"):
        column = "id" if table == "documents" else "document_id"
        assert rows(db_path, f"select count(*) from {table} where {column}='second'") == [(0,)]
    assert rows(db_path, "select count(*) from entities where name = 'European Union'") == [(0,)]

    forced = build(runner, db_path, corpus_copy, extra=("--force",))
    assert "1 re-tagged" in forced.output

    changes = rows(
        db_path,
        "select change, document_id, entities_before > 0, entities_after > 0 "
        "from document_changes order by id",
    )
    assert changes == [
        ("new", SEED_ID, 0, 1),
        ("new", "second", 0, 1),
        ("changed", "second", 1, 1),
        ("removed", "second", 1, 0),
        ("retagged", SEED_ID, 1, 1),
    ]
    assert rows(db_path, "select count(*) from entities where id is null") == [(0,)]


def test_pipeline_change_retags_everything(corpus_copy, tmp_path):
    from pipeline.build import build as run_build
    from pipeline.nlp import DEFAULT_CONFIG

    db = storage.open_db(tmp_path / "s.db")
    assert run_build(db, [corpus_copy]).new == 1
    assert run_build(db, [corpus_copy]).unchanged == 1
    config = tmp_path / "changed.cfg"
    config.write_text(DEFAULT_CONFIG.read_text().replace("batch_size = 32", "batch_size = 16"))
    result = run_build(db, [corpus_copy], config_path=config)
    assert (result.retagged, result.unchanged) == (1, 0)


def test_every_input_format(runner, tmp_path):
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "a.md").write_text(
        "---\ntitle: A\npublished: 2024-03-01\n---\n\nRussia and China met.\n"
    )
    (sources / "b.txt").write_text("Germany sent tanks to Ukraine.\n")
    (sources / "c.html").write_text(
        "<html><head><title>C page</title><script>var x = 'Poland';</script></head><body>"
        "<article><h1>C page</h1><p>France recognized Palestine in 2025 after long talks in"
        " Paris between the two governments, officials in Ramallah said on Tuesday.</p>"
        "<p>The decision was welcomed by Spain and Ireland, which had taken the same step.</p>"
        "</article></body></html>"
    )
    (sources / "d.jsonl").write_text(
        json.dumps({"id": "d1", "text": "Japan imposed tariffs on steel.", "meta": {"title": "D"}})
        + "\n"
        + json.dumps({"text": "India bought Russian oil."})
        + "\n"
    )
    pd.DataFrame({"text": ["Brazil joined BRICS talks."], "title": ["E"]}).to_csv(
        sources / "e.csv", index=False
    )
    pd.DataFrame({"id": ["f1"], "text": ["Turkey hosted a summit in Ankara."]}).to_parquet(
        sources / "f.parquet"
    )
    db_path = tmp_path / "s.db"
    result = build(runner, db_path, sources)
    assert result.exit_code == 0, result.output
    stored = dict(rows(db_path, "select id, format from documents"))
    assert stored == {
        "a": "md",
        "b": "txt",
        "c": "html",
        "d1": "jsonl",
        "d:2": "jsonl",
        "e:1": "csv",
        "f1": "parquet",
    }
    assert rows(db_path, "select published, published_year from documents where id='a'") == [
        ("2024-03-01", 2024)
    ]
    [(html_text,)] = rows(db_path, "select text from documents where id='c'")
    assert "France recognized Palestine" in html_text and "Poland" not in html_text
    assert {t for (t,) in rows(db_path, "select text from entity_mentions")} >= {
        "Russia",
        "Japan",
        "Turkey",
    }


def test_bad_input_is_reported_and_the_rest_is_kept(runner, corpus_copy, tmp_path):
    db_path = tmp_path / "s.db"
    (corpus_copy / "later.md").write_text("---\ntitle: Later\n---\nSpain and Italy agreed.\n")
    assert build(runner, db_path, corpus_copy).exit_code == 0

    # break the stored article's front matter, add a binary file and a half-bad JSONL file
    (corpus_copy / "later.md").write_text("---\ntitle: [unclosed\n---\nSpain and Italy agreed.\n")
    (corpus_copy / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (corpus_copy / "feed.jsonl").write_text(
        '{"id": "ok1", "text": "Chile recalled its ambassador."}\n{not json\n'
        '{"id": "ok2", "text": "Peru expelled diplomats."}\n{"id": "nt"}\n'
    )
    (corpus_copy / "empty.txt").write_text("   \n\n")
    result = build(runner, db_path, corpus_copy)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert any("later.md" in line for line in lines)
    assert any("blob.txt" in line and "binary" in line for line in lines)
    assert any("feed.jsonl:2" in line for line in lines)
    assert any("feed.jsonl:4" in line for line in lines)
    assert any("empty.txt" in line and "empty" in line for line in lines)
    ids = {i for (i,) in rows(db_path, "select id from documents")}
    # the unreadable article keeps its earlier version; the good lines are stored
    assert ids == {SEED_ID, "later", "ok1", "ok2"}
    assert rows(db_path, "select title from documents where id='later'") == [("Later",)]
    assert last_run(db_path)["status"] == "completed_with_errors"
    assert rows(db_path, "select count(*) from problems where severity='error'") == [(4,)]


def test_long_document_is_chunked_with_right_offsets(corpus_copy, tmp_path, seed_text):
    from pipeline.build import build as run_build
    from pipeline.nlp import DEFAULT_CONFIG

    config = tmp_path / "small.cfg"
    config.write_text(
        DEFAULT_CONFIG.read_text().replace("max_chunk_chars = 100000", "max_chunk_chars = 700")
    )
    db = storage.open_db(tmp_path / "s.db")
    run_build(db, [corpus_copy], config_path=config)
    [text] = [r[0] for r in db.execute("select text from documents")]
    assert text == seed_text
    mentions = list(db.execute("select start, end, text from entity_mentions"))
    assert len(mentions) > 50
    assert all(text[s:e] == t for s, e, t in mentions)
    sentence_ends = [r for r in db.execute("select idx, start, end from sentences order by idx")]
    assert [r[0] for r in sentence_ends] == list(range(len(sentence_ends)))
    assert all(a[2] <= b[1] for a, b in zip(sentence_ends, sentence_ends[1:], strict=False))


def test_workers_give_the_same_rows(corpus_copy, tmp_path):
    from pipeline.build import build as run_build

    (corpus_copy / "b.txt").write_text("Germany sent tanks to Ukraine in January 2023.\n")
    results = {}
    for workers in (1, 2):
        db = storage.open_db(tmp_path / f"w{workers}.db")
        run_build(db, [corpus_copy], workers=workers)
        results[workers] = list(
            db.execute(
                "select document_id, start, end, text, label from entity_mentions order by 1, 2"
            )
        )
    assert results[1] == results[2] and results[1]


def test_missing_source_and_missing_db_folder(runner, tmp_path):
    result = build(runner, tmp_path / "s.db", tmp_path / "nope")
    assert result.exit_code != 0 and "nope" in result.output
    result = build(runner, tmp_path / "no" / "dir" / "s.db", tmp_path)
    assert result.exit_code != 0
    assert result.output.strip().startswith("Error:") and "does not exist" in result.output


def test_instrument_taxonomy_table_is_filled(runner, corpus_copy, tmp_path):
    db_path = tmp_path / "s.db"
    build(runner, db_path, corpus_copy)
    stored = dict(rows(db_path, "select id, description from instruments"))
    assert len(stored) == 12 and "sanctions" in stored and "tariffs" in stored
    used = {i for (i,) in rows(db_path, "select distinct instrument from instrument_mentions")}
    assert used and used <= set(stored)
    # each type's counts, kept for the article page (no count over every mention per page)
    counted = "select instrument, count(*), count(distinct document_id) from instrument_mentions"
    expected = {i: (n, d) for i, n, d in rows(db_path, counted + " group by 1")}
    stored_counts = rows(db_path, "select id, mention_count, document_count from instruments")
    assert {i: (n, d) for i, n, d in stored_counts if n} == expected
    assert all(n == d == 0 for i, n, d in stored_counts if i not in expected)
    for path in corpus_copy.glob("*.md"):  # the corpus emptied: every count back to 0
        if path.name != "README.md":
            path.unlink()
    build(runner, db_path, corpus_copy)
    assert {n for (n,) in rows(db_path, "select mention_count from instruments")} == {0}


def test_summary_rate_leaves_out_the_pipeline_load():
    from pipeline.build import BuildResult

    result = BuildResult(new=1, tokens=1000, seconds=3.0, load_seconds=2.0)
    assert result.summary() == (
        "1 new, 0 changed, 0 unchanged, 0 removed, 0 failed in 3.0s "
        "(pipeline load 2.0s), 1,000 tokens/s"
    )
    assert BuildResult(tokens=0, seconds=1.0).summary().endswith("in 1.0s")
