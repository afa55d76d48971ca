"""The Dask engine stores exactly what the local engine stores, and survives a lost worker."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading

import pytest
from distributed import Client

from db import storage
from pipeline.build import DaskOptions, build
from pipeline.dask_engine import local_cluster
from tests.conftest import SEED_MD
from tests.test_reliability import annotations, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """24 short articles from the seed's paragraphs, shared by both tests."""
    body = SEED_MD.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    return make_corpus(tmp_path_factory.mktemp("dask") / "corpus", body, 24)


def test_dask_engine_matches_local_engine(corpus, tmp_path):
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    with storage.open_db(local_db) as db:
        assert build(db, [corpus]).new == 24
    with storage.open_db(dask_db) as db:
        result = build(db, [corpus], workers=2, dask=DaskOptions(None, 5))
        assert result.new == 24 and result.failed == 0
        # a rerun through the Dask engine is incremental like a local one
        assert build(db, [corpus], workers=2, dask=DaskOptions(None, 5)).unchanged == 24
    assert annotations(dask_db) == annotations(local_db)


def test_a_killed_worker_loses_no_document(corpus, tmp_path):
    db_path = tmp_path / "killed-worker.db"
    with local_cluster(2) as cluster, Client(cluster) as client:
        worker_pids = list(client.run(os.getpid).values())
        stored = []
        killed = threading.Event()

        def on_document(tokens: int) -> None:
            stored.append(tokens)
            if len(stored) == 3 and not killed.is_set():
                os.kill(worker_pids[0], signal.SIGKILL)
                killed.set()

        with storage.open_db(db_path) as db:
            result = build(
                db,
                [corpus],
                workers=2,
                on_document=on_document,
                dask=DaskOptions(cluster.scheduler_address, 2),
            )
    assert killed.is_set()
    assert result.new == 24
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from documents").fetchone() == (24,)
        assert conn.execute(
            "select count(*), count(distinct document_id) from document_changes"
        ).fetchone() == (24, 24)


def _tagging_environment() -> dict[str, str | None]:
    return {"MALLOC_TRIM_THRESHOLD_": os.environ.get("MALLOC_TRIM_THRESHOLD_")}


def test_local_workers_keep_glibc_malloc_tuning(monkeypatch):
    # Dask's default MALLOC_TRIM_THRESHOLD_ made tagging 19% slower in its workers; a
    # cluster that an earlier one left in this process's environment would pass it on
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with local_cluster(1) as cluster, Client(cluster) as client:
        (environment,) = client.run(_tagging_environment).values()
    assert environment == {"MALLOC_TRIM_THRESHOLD_": None}
