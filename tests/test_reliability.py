"""Reliability: killed builds, concurrent readers, a second writer, full and read-only disks.

Builds run as real subprocesses (`python -m pipeline build`) so that kill -9 hits a
real writer, the way SQLite's own crash tests do.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.lock import exclusive_build
from pipeline.cli import cli


def make_corpus(folder: Path, seed_text: str, count: int) -> Path:
    """`count` short articles recombined from the seed's paragraphs, each unique."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [p for p in seed_text.split("\n\n") if len(p) > 200]
    for number in range(count):
        body = paragraphs[number % len(paragraphs)]
        (folder / f"doc{number:03d}.md").write_text(
            f"---\ntitle: Article {number}\n---\n\n{body}\n\nReport number {number}.\n",
            encoding="utf-8",
        )
    return folder


def start_build(corpus: Path, db_path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", str(corpus), "--db", str(db_path), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_build(corpus: Path, db_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(corpus), "--db", str(db_path), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def stored_documents(db_path: Path) -> int:
    """Documents visible to a reader right now (0 before the schema exists)."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def annotations(db_path: Path) -> list[tuple]:
    """Everything a build stores about the documents, without run ids or timestamps."""
    with sqlite3.connect(db_path) as conn:
        result = []
        for query in (
            "select id, text, content_hash from documents order by id",
            "select document_id, idx, start, end from sentences order by 1, 2",
            "select document_id, start, end, label, entity_id from entity_mentions "
            "order by 1, 2, 3",
            "select document_id, start, end, timex_type, value from date_mentions order by 1, 2, 3",
            "select document_id, start, end, instrument, action from instrument_mentions "
            "order by 1, 2, 3",
            "select id, mention_count from entities order by id",
        ):
            result.append(conn.execute(query).fetchall())
        return result


def assert_consistent(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        # the FTS index matches its content table (raises when it does not)
        conn.execute("insert into documents_fts(documents_fts) values('integrity-check')")
        # no document without its sentences, no sentence without its document
        assert conn.execute(
            "select count(*) from documents d where not exists "
            "(select 1 from sentences s where s.document_id = d.id)"
        ).fetchone() == (0,)


def test_kill_minus_nine_mid_build_then_resume(tmp_path, seed_text):
    corpus = make_corpus(tmp_path / "corpus", seed_text, 80)
    reference = tmp_path / "reference.db"
    assert run_build(corpus, reference).returncode == 0

    db_path = tmp_path / "killed.db"
    rng = random.Random(20261125)
    kills = 0
    for _ in range(3):
        # kill at a random point of the tagging: once the build has stored a random
        # number of further documents (or at once, before the first commit)
        stored = stored_documents(db_path)
        wait_for = stored + rng.randint(0, 15)
        process = start_build(corpus, db_path)
        while process.poll() is None and stored_documents(db_path) < wait_for:
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.3))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        if db_path.exists():
            assert_consistent(db_path)
    assert kills >= 2, "the builds finished before they were killed: make the corpus larger"

    with sqlite3.connect(db_path) as conn:
        stored_before = conn.execute("select count(*) from documents").fetchone()[0]
    final = run_build(corpus, db_path)
    assert final.returncode == 0, final.stderr
    assert f"{80 - stored_before} new, 0 changed, {stored_before} unchanged" in final.stdout
    assert_consistent(db_path)
    assert annotations(db_path) == annotations(reference)
    with sqlite3.connect(db_path) as conn:
        statuses = [s for (s,) in conn.execute("select status from runs order by id")]
    # a kill before the run row was written leaves no run behind; every other is aborted
    assert 1 <= statuses.count("aborted") <= kills
    assert statuses[-1] == "completed" and "running" not in statuses


def test_readers_see_only_complete_documents_during_a_build(tmp_path, seed_text):
    corpus = make_corpus(tmp_path / "corpus", seed_text, 40)
    db_path = tmp_path / "s.db"
    process = start_build(corpus, db_path)
    reads = 0
    seen_counts = set()
    while process.poll() is None:
        if not db_path.exists():
            time.sleep(0.05)
            continue
        try:
            with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10) as conn:
                if not conn.execute(
                    "select 1 from sqlite_master where name = 'document_changes'"
                ).fetchone():
                    continue
                documents = conn.execute("select count(*) from documents").fetchone()[0]
                incomplete = conn.execute(
                    "select count(*) from documents d where not exists (select 1 from "
                    "sentences s where s.document_id = d.id) or not exists (select 1 from "
                    "document_changes c where c.document_id = d.id and c.run_id = d.run_id "
                    "and c.entities_after = (select count(*) from entity_mentions m "
                    "where m.document_id = d.id))"
                ).fetchone()[0]
        except sqlite3.OperationalError as exc:  # schema being created at the very start
            assert "locked" in str(exc) or "no such table" in str(exc), exc
            continue
        assert incomplete == 0
        seen_counts.add(documents)
        reads += 1
        time.sleep(0.02)
    assert process.returncode == 0, process.stderr.read()
    assert reads > 10
    assert len(seen_counts) > 1, "the reader never saw the build in progress"


def test_a_second_build_refuses_while_one_is_writing(runner, corpus_copy, tmp_path):
    db_path = tmp_path / "s.db"
    with exclusive_build(db_path):
        result = runner.invoke(cli, ["build", str(corpus_copy), "--db", str(db_path), "-q"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {db_path}: another build is writing this database (pid {os.getpid()}); "
        "wait for it to finish or stop it"
    ]
    # once the lock is free the same build succeeds
    ok = runner.invoke(cli, ["build", str(corpus_copy), "--db", str(db_path), "-q"])
    assert ok.exit_code == 0, ok.output


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs: a real 'disk full' (needs root and mount, as in CI)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_disk_full_is_one_line_and_keeps_what_was_stored(runner, small_disk, tmp_path, seed_text):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "first.txt").write_text("Chile recalled its ambassador from Caracas.\n")
    db_path = small_disk / "s.db"
    assert runner.invoke(cli, ["build", str(corpus), "--db", str(db_path), "-q"]).exit_code == 0
    before = annotations(db_path)

    for number in range(12):
        (corpus / f"big{number}.txt").write_text((seed_text + "\n\n") * 3)
    result = runner.invoke(cli, ["build", str(corpus), "--db", str(db_path), "-q"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "full" in lines[0] and str(db_path) in lines[0], lines
    assert_consistent(db_path)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select text from documents where id = 'first'").fetchone() == (
            "Chile recalled its ambassador from Caracas.",
        )
        stored = {i for (i,) in conn.execute("select id from documents")}
    assert annotations(db_path)[0][0] == before[0][0]
    assert "first" in stored


def test_read_only_database_is_one_line(runner, small_disk, corpus_copy):
    db_path = small_disk / "s.db"
    assert (
        runner.invoke(cli, ["build", str(corpus_copy), "--db", str(db_path), "-q"]).exit_code == 0
    )
    (corpus_copy / "new.txt").write_text("Norway joined the talks in Oslo.\n")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = runner.invoke(cli, ["build", str(corpus_copy), "--db", str(db_path), "-q"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and "read" in lines[0].lower(), lines


def test_duplicate_ids_across_sources_keep_the_first(runner, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "same.txt").write_text("Kenya hosted the summit.\n")
    (second / "same.txt").write_text("Ghana hosted the summit.\n")
    db_path = tmp_path / "s.db"
    result = runner.invoke(cli, ["build", str(first), str(second), "--db", str(db_path), "-q"])
    assert result.exit_code == 1
    assert f"{second / 'same.txt'}: duplicate id 'same'" in result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select text from documents").fetchall() == [
            ("Kenya hosted the summit.",)
        ]


def test_odd_file_names(runner, tmp_path):
    corpus = tmp_path / "corpus with space"
    corpus.mkdir()
    (corpus / "ünïcödé näme.txt").write_text("Austria and Hungary signed a deal.\n")
    (corpus / "two..dots.md").write_text("---\ntitle: Dots\n---\nItaly imposed tariffs.\n")
    db_path = tmp_path / "s.db"
    result = runner.invoke(cli, ["build", str(corpus), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as conn:
        ids = sorted(i for (i,) in conn.execute("select id from documents"))
    assert ids == ["two..dots", "ünïcödé näme"]
    exported = runner.invoke(cli, ["export", "--db", str(db_path)])
    assert {json.loads(line)["id"] for line in exported.output.splitlines()} == set(ids)


def test_a_lock_that_cannot_be_created_is_one_line(tmp_path):
    from db.lock import BuildLocked, exclusive_build

    missing = tmp_path / "gone" / "s.db"
    with pytest.raises(BuildLocked, match="cannot create the build lock s.db-lock"):
        with exclusive_build(missing):
            pass
