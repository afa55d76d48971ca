"""Hostile input through the whole pipeline: arbitrary unicode, huge articles, huge feeds,
SQL metacharacters, and the serve command's binding."""

from __future__ import annotations

import json
import sqlite3

import spacy
from click.testing import CliRunner
from datasette.app import Datasette
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import storage
from pipeline.build import build
from pipeline.cli import cli
from pipeline.evaluate import gold_scan
from pipeline.readers import read_file
from pipeline.tagging import TagRequest, tag_stream

WORDS = [
    "Russia",
    "NATO",
    "sanctions",
    "on",
    "Monday",
    "2024",
    "the",
    "Kremlin",
    "’s",
    "E.U.",
    "$5bn",
    "—",
    "🇺🇦",
    "Zelenskyy",
    "Kyiv",
    "\n\n",
    "\n",
    "  ",
    "\t",
    "!",
    "?",
    "'",
]
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3))
def test_every_stored_span_slices_the_stored_text(bodies):
    db = storage.open_db(":memory:")
    documents = [{"id": f"h{i}", "text": body} for i, body in enumerate(bodies)]
    result = build(db, [], scans=[gold_scan(documents)])
    assert result.failed == 0
    stored = dict(db.execute("select id, text from documents").fetchall())
    for document in documents:
        if document["text"].strip():
            assert stored[document["id"]] == document["text"]
    for table in ("sentences", "entity_mentions", "date_mentions", "instrument_mentions"):
        for document_id, start, end, text in db.execute(
            f"select document_id, start, end, text from {table}"
        ):
            assert stored[document_id][start:end] == text, (table, start, end)


def test_five_megabyte_article_is_chunked_with_right_offsets(tmp_path, seed_text):
    body = (seed_text + "\n\n") * (5_000_000 // len(seed_text) + 1)
    path = tmp_path / "huge.txt"
    path.write_text(body, encoding="utf-8")
    scan = read_file(path, tmp_path)
    [article] = scan.articles
    assert len(article.text) > 5_000_000

    # a light pipeline (tokenizer, sentences, a name pattern): this test is about chunking
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Ukraine"}])
    [tagged] = tag_stream(nlp, [TagRequest("huge", article.text)], max_chunk_chars=100_000)
    entities = tagged.rows["entities"]
    assert len(entities) == article.text.count("Ukraine ") + article.text.count(
        "Ukraine,"
    ) + article.text.count("Ukraine.") + article.text.count("Ukraine’")
    assert all(article.text[e["start"] : e["end"]] == "Ukraine" for e in entities)
    sentences = tagged.rows["sentences"]
    assert [s["idx"] for s in sentences] == list(range(len(sentences)))
    assert all(article.text[s["start"] : s["end"]] == s["text"] for s in sentences)


def test_fifty_thousand_line_feed_with_broken_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    broken = {7, 4_999, 31_337, 49_999}
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, 50_001):
            if number in broken:
                handle.write('{"text": "unterminated\n')
            else:
                handle.write(json.dumps({"id": f"n{number}", "text": f"Item {number}."}) + "\n")
    scan = read_file(path, tmp_path)
    assert len(scan.articles) == 50_000 - len(broken)
    assert sorted(p.line for p in scan.problems) == sorted(broken)
    assert not scan.complete


def test_sql_metacharacters_in_ids_and_search_terms(tmp_path):
    hostile_id = "x'; drop table documents; --"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": hostile_id, "text": 'Iran\'s "talks"; DROP TABLE x; -- in Vienna.'})
        + "\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(feed), "--db", str(db_path), "-q"]).exit_code == 0
    # rerun: the hostile id is looked up and found unchanged
    again = runner.invoke(cli, ["build", str(feed), "--db", str(db_path), "-q"])
    assert "1 unchanged" in again.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select id from documents").fetchall() == [(hostile_id,)]


async def test_datasette_is_read_only_and_search_takes_quotes(tmp_path):
    db_path = tmp_path / "statecraft.db"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Oman hosted talks."}) + "\n")
    assert CliRunner().invoke(cli, ["build", str(feed), "--db", str(db_path), "-q"]).exit_code == 0
    datasette = Datasette([str(db_path)])
    for term in ['"talks', "talks'; --", "talks OR 1=1", "'"]:
        response = await datasette.client.get(
            "/statecraft/documents.json", params={"_search": term, "_shape": "objects"}
        )
        assert response.status_code in (200, 400), term
    write = await datasette.client.get("/statecraft.json", params={"sql": "delete from documents"})
    assert write.status_code in (400, 403)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from documents").fetchone() == (1,)


def test_serve_warns_when_binding_to_all_interfaces(monkeypatch, tmp_path):
    db_path = tmp_path / "s.db"
    storage.open_db(db_path).close()
    calls = []
    monkeypatch.setattr("datasette.cli.cli.main", lambda **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db_path), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "warning" in result.output.lower() and "0.0.0.0" in result.output
    assert calls and calls[0]["args"][calls[0]["args"].index("--host") + 1] == "0.0.0.0"
    local = CliRunner().invoke(cli, ["serve", "--db", str(db_path)])
    assert "warning" not in local.output.lower()
