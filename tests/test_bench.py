"""The benchmark keeps working: a tiny run end to end (no timing assertions), and the
synthetic corpus is deterministic."""

from __future__ import annotations

import json

from pipeline.bench.corpus import change_some, synthetic_documents, write_jsonl
from pipeline.cli import cli

KEYS = {
    "raw_tokens_per_s",
    "build_tokens_per_s",
    "build_vs_raw",
    "rerun_unchanged_ratio",
    "rerun_1pct_ratio",
    "workers_scaling",
    "datasette_ms",
    "peak_rss_mb",
    "db_bytes_per_doc",
}


def test_synthetic_corpus_is_deterministic_and_varied(tmp_path):
    paragraphs = ["Russia and Ukraine met in 2014 on February 24.", "Trump called Putin."]
    first = list(synthetic_documents(paragraphs, 30, seed=3))
    assert first == list(synthetic_documents(paragraphs, 30, seed=3))
    assert first != list(synthetic_documents(paragraphs, 30, seed=4))
    assert len({d["text"] for d in first}) > 20 and len({d["id"] for d in first}) == 30
    path = tmp_path / "c.jsonl"
    assert write_jsonl(iter(first), path) == 30
    assert change_some(path, 0.1) == 3
    changed = [json.loads(line) for line in path.read_text().splitlines()]
    assert sum(a["text"] != b["text"] for a, b in zip(first, changed, strict=True)) == 3


def test_bench_runs_at_a_tiny_size(runner, tmp_path):
    out = tmp_path / "report"
    result = runner.invoke(
        cli,
        [
            "bench",
            "--docs",
            "12",
            "--workers",
            "2",
            "--work",
            str(tmp_path / "work"),
            "--json",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert KEYS <= set(figures)
    assert figures["build_tokens_per_s"] > 0 and figures["raw_tokens_per_s"] > 0
    assert {"article", "facets", "search"} <= set(figures["datasette_ms"])
    assert all(t["p50"] > 0 for t in figures["datasette_ms"].values())
    assert "| full / raw |" in (out / "report.md").read_text()
    assert len(figures["raw_halves_tokens_per_s"]) == 2
    # the raw side reads every third document of the same corpus
    assert 0.2 * figures["build_tokens"] < figures["raw_tokens"] < 0.5 * figures["build_tokens"]
    # the 4N memory build extends the N database: it tags only the 36 documents it adds
    assert set(figures["peak_rss_mb"]) == {"12", "48"} and figures["memory_4n_tagged"] == 36
    assert "tags 36" in (out / "report.md").read_text()


def test_raw_baseline_is_every_third_document_of_each_half(tmp_path):
    """Sampled by position from both halves, without repeating a document; the whole
    rate is total tokens over total seconds, not the mean of the halves' rates."""
    from pipeline.bench.run import bracketed, split_halves

    source = tmp_path / "c.jsonl"
    write_jsonl(iter(synthetic_documents(["Russia met Ukraine.", "Trump called."], 7)), source)
    first, second = split_halves(source)
    lines = source.read_text().splitlines()
    assert first.read_text().splitlines() == [lines[0]]
    assert second.read_text().splitlines() == [lines[3], lines[6]]
    first, second = split_halves(source, every=1)
    assert first.read_text().splitlines() + second.read_text().splitlines() == lines
    whole = bracketed(({"tokens": 100, "seconds": 1.0}, {"tokens": 300, "seconds": 2.0}))
    assert whole["tokens"] == 400 and whole["seconds"] == 3.0
    assert round(whole["tokens_per_s"], 3) == 133.333
    assert whole["halves_tokens_per_s"] == [100, 150]


def test_the_dask_build_of_the_bench_runs_on_dask(tmp_path):
    """`bench --engine dask` compares a Dask build with a local one: the child must get
    the engine (it once ran the local engine twice)."""
    from pipeline.bench.run import child_build

    source = tmp_path / "c.jsonl"
    write_jsonl(iter(synthetic_documents(["Russia and Ukraine met in 2014."], 3, seed=1)), source)
    figures = child_build(source, tmp_path / "d.db", 1, dask=True)
    assert figures["engine"] == "dask" and figures["documents"] == 3
    assert child_build(source, tmp_path / "l.db", 1)["engine"] == "local"
