"""`statecraft bench`: throughput against raw spaCy, reruns, memory, Datasette latency.

Every figure is measured in this run on this machine. Builds run in child processes
(`pipeline.bench.child`) so each peak RSS belongs to one build; the raw baseline runs in
child processes too, on every third document of the corpus (a rate needs no more): the
first half's before the 1-process build, the second half's after it, each with the model
loaded before the clock starts. The 4N memory build extends the N-document database, so
the N documents it shares with it are read and hashed but not tagged twice.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from pipeline.bench.corpus import source_paragraphs, synthetic_documents, write_jsonl
from pipeline.bench.serve import latency

TARGETS = {
    "build_vs_raw": (">=", 0.85),
    "workers_scaling": (">=", 1.6),
    "rerun_unchanged_ratio": ("<=", 0.02),
    "rerun_1pct_ratio": ("<=", 0.05),
}
PAGE_TARGET_MS = {"article": 100, "search": 100}  # other pages: 300 ms


def _in_child(arguments: list[str], out: Path) -> dict:
    """Run `python -m pipeline.bench.child ARGUMENTS` and read the figures it wrote to
    `out`; adds its peak RSS (MB, largest process of its tree, from `os.wait4`)."""
    command = [sys.executable, "-m", "pipeline.bench.child", *arguments]
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"benchmark child failed (exit {code}): {command}")
    figures = json.loads(out.read_text())
    figures["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    return figures


def raw_baseline(source: Path, work: Path) -> dict:
    """Tokens/s of the base model alone, same batch size, 1 process, no storage; run in
    a fresh process like every build, so neither side inherits the other's state."""
    out = work / "raw.json"
    figures = _in_child(["--raw", str(source), str(out)], out)
    figures["tokens_per_s"] = figures["tokens"] / figures["seconds"]
    return figures


def split_halves(source: Path, *, every: int = 3) -> tuple[Path, Path]:
    """Every `every`-th document of the corpus's first and of its second half, as two
    JSONL files beside it: the raw baseline's sample, drawn by position, not by content."""
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    middle = len(lines) // 2
    halves = []
    for name, part in (("a", lines[:middle]), ("b", lines[middle:])):
        path = source.with_name(f"{source.stem}-raw-{name}.jsonl")
        path.write_text("".join(line + "\n" for line in part[::every]), encoding="utf-8")
        halves.append(path)
    return halves[0], halves[1]


def bracketed(raw_halves: tuple[dict, dict]) -> dict:
    """The raw baseline of the whole corpus from its halves, timed before and after the
    build: a machine that speeds up or slows down during the run (a shared 2-core box
    does, by 5-10% within minutes) then weighs on both sides of full/raw alike."""
    before, after = raw_halves
    tokens = before["tokens"] + after["tokens"]
    seconds = before["seconds"] + after["seconds"]
    return {
        "tokens": tokens,
        "seconds": seconds,
        "tokens_per_s": tokens / seconds,
        "halves_tokens_per_s": [round(h["tokens"] / h["seconds"]) for h in raw_halves],
    }


def child_build(
    source: Path, db_path: Path, workers: int, *, reruns: bool = False, dask: bool = False
) -> dict:
    """One build in a child process (on a local Dask cluster with `dask`)."""
    out = db_path.with_suffix(".json")
    flags = (["--reruns"] if reruns else []) + (["--dask"] if dask else [])
    figures = _in_child([str(source), str(db_path), str(workers), str(out), *flags], out)
    figures["tokens_per_s"] = figures["tokens"] / figures["build_s"]
    return figures


def _corpus(work: Path, paragraphs: list[str], count: int, name: str) -> Path:
    path = work / f"{name}.jsonl"
    write_jsonl(synthetic_documents(paragraphs, count), path)
    return path


def run_bench(
    *,
    docs: int,
    workers: int,
    work: Path,
    corpus: Path,
    datasette_docs: int | None,
    memory: bool = True,
    dask: bool = False,
    say: Callable[[str], None] = lambda line: None,
) -> dict:
    """Run every measurement; returns the figures (the keys of the issue's JSON)."""
    phases: dict[str, float] = {}  # wall-clock seconds of each step, model loads included
    running, since = "corpus", time.monotonic()

    def phase(name: str) -> None:
        nonlocal running, since
        now = time.monotonic()
        phases[running] = round(now - since, 1)
        running, since = name, now

    work.mkdir(parents=True, exist_ok=True)
    paragraphs = source_paragraphs(corpus)
    source = _corpus(work, paragraphs, docs, f"corpus-{docs}")
    figures: dict = {
        "docs": docs,
        "workers": workers,
        "cores": os.cpu_count(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
    }

    first_half, second_half = split_halves(source)
    phase("raw_first_half")
    say("raw baseline, first half: base model alone, every third document, 1 process")
    raw_before = raw_baseline(first_half, work)

    phase("build_w1_and_reruns")
    say("full build, 1 process (then reruns: unchanged, 1% changed)")
    db_one = _database(work, "build-w1")
    _fresh(db_one)
    single = child_build(_copy(source, work / "rerun.jsonl"), db_one, 1, reruns=True)

    phase("raw_second_half")
    say("raw baseline, second half: every third document, 1 process")
    raw = bracketed((raw_before, raw_baseline(second_half, work)))
    figures["raw_tokens_per_s"] = round(raw["tokens_per_s"])
    figures["raw_halves_tokens_per_s"] = raw["halves_tokens_per_s"]
    figures["raw_tokens"] = raw["tokens"]
    figures["tokens"] = single["tokens"]
    figures["build_tokens_per_s"] = round(single["tokens_per_s"])
    figures["build_tokens"] = single["tokens"]
    figures["build_vs_raw"] = round(single["tokens_per_s"] / raw["tokens_per_s"], 3)
    figures["build_seconds"] = round(single["build_s"], 2)
    figures["rerun_unchanged_s"] = round(single["rerun_unchanged_s"], 3)
    figures["rerun_unchanged_ratio"] = round(single["rerun_unchanged_s"] / single["build_s"], 4)
    figures["rerun_1pct_s"] = round(single["rerun_1pct_s"], 3)
    figures["rerun_1pct_ratio"] = round(single["rerun_1pct_s"] / single["build_s"], 4)
    figures["db_bytes_per_doc"] = round(_db_bytes(db_one) / docs)

    if workers > 1:
        phase("build_workers")
        say(f"full build, {workers} processes")
        db_many = _database(work, f"build-w{workers}")
        _fresh(db_many)
        many = child_build(source, db_many, workers)
        figures["build_tokens_per_s_workers"] = round(many["tokens_per_s"])
        figures["workers_scaling"] = round(many["tokens_per_s"] / single["tokens_per_s"], 3)
    if dask:
        phase("build_dask")
        say(f"full build on a local Dask cluster of {workers} processes")
        db_dask = _database(work, f"build-dask-w{workers}")
        _fresh(db_dask)
        on_dask = child_build(source, db_dask, workers, dask=True)
        local_same = many if workers > 1 else single
        figures["dask_tokens_per_s"] = round(on_dask["tokens_per_s"])
        figures["dask_overhead"] = round(
            1 - on_dask["tokens_per_s"] / local_same["tokens_per_s"], 3
        )

    ds_db = db_one
    if datasette_docs:
        ds_db = _database(work, f"datasette-{datasette_docs}")
        if not ds_db.exists():
            phase("build_datasette_db")
            say(f"building the {datasette_docs}-document database for Datasette")
            ds_source = _corpus(work, paragraphs, datasette_docs, f"corpus-{datasette_docs}")
            child_build(ds_source, ds_db, max(workers, 1))
    phase("datasette")
    say(f"datasette latency on {ds_db}")
    figures["datasette_docs"] = _document_count(ds_db)
    figures["datasette_ms"] = latency(ds_db)

    # memory is compared like for like: N and 4N documents with the same processes; the
    # 4N build extends the N build's database (the 4N corpus starts with the N documents,
    # which it reads and hashes, and finds unchanged), so it tags 3N documents, not 4N
    same, db_same = (many, db_many) if workers > 1 else (single, db_one)
    figures["peak_rss_mb"] = {str(docs): same["peak_rss_mb"]}
    if memory:
        phase("build_4n")
        say(f"memory: the build extended to {4 * docs} documents, {workers} processes")
        big_source = _corpus(work, paragraphs, 4 * docs, f"corpus-{4 * docs}")
        big = child_build(big_source, db_same, workers)
        figures["peak_rss_mb"][str(4 * docs)] = big["peak_rss_mb"]
        figures["memory_4n_tagged"] = big["documents"]
        figures["rss_growth_4n"] = round(big["peak_rss_mb"] / same["peak_rss_mb"], 3)
    phase("end")
    figures["phase_seconds"] = phases
    figures["targets"] = _check_targets(figures)
    return figures


def _check_targets(figures: dict) -> dict[str, bool]:
    met = {}
    for key, (op, bound) in TARGETS.items():
        if key in figures:
            met[key] = figures[key] >= bound if op == ">=" else figures[key] <= bound
    for page, timing in figures.get("datasette_ms", {}).items():
        met[f"datasette:{page}"] = timing["p50"] <= PAGE_TARGET_MS.get(page, 300)
    if "dask_overhead" in figures:
        met["dask_overhead"] = figures["dask_overhead"] < 0.15
    if "rss_growth_4n" in figures:
        met["rss_flat"] = figures["rss_growth_4n"] <= 1.25
    return met


def _database(work: Path, name: str) -> Path:
    """`work/NAME/statecraft.db`: Datasette names a database after its file, and the
    metadata, plugins and canned queries of db/ are configured for `statecraft`."""
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "statecraft.db"


def _fresh(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-lock"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def _db_bytes(db_path: Path) -> int:
    return sum(
        Path(f"{db_path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db_path}{s}").exists()
    )


def _document_count(db_path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0]


def markdown_report(figures: dict) -> str:
    """The figures as a Markdown report (for --out)."""
    lines = [
        "# Statecraft benchmark",
        "",
        f"{figures['docs']} synthetic documents ({figures['tokens']:,} tokens; the raw "
        f"baseline on every third one, {figures['raw_tokens']:,} tokens), "
        f"{figures['cores']} cores ({figures['machine']}), Python {figures['python']}, "
        f"spaCy {figures['spacy']}.",
        "",
        "| figure | value | target | met |",
        "|---|---|---|---|",
    ]
    targets = figures.get("targets", {})
    halves = " / ".join(map(str, figures["raw_halves_tokens_per_s"]))
    rows = [
        (
            "raw base model, tokens/s (halves before / after the build)",
            f"{figures['raw_tokens_per_s']} ({halves})",
            "",
            None,
        ),
        ("full build, tokens/s (1 process)", figures["build_tokens_per_s"], "", None),
        ("full / raw", figures["build_vs_raw"], "≥ 0.85", targets.get("build_vs_raw")),
        (
            "scaling with workers",
            figures.get("workers_scaling", "-"),
            "≥ 1.6",
            targets.get("workers_scaling"),
        ),
        (
            "rerun unchanged / full",
            figures["rerun_unchanged_ratio"],
            "≤ 0.02",
            targets.get("rerun_unchanged_ratio"),
        ),
        (
            "rerun 1% changed / full",
            figures["rerun_1pct_ratio"],
            "≤ 0.05",
            targets.get("rerun_1pct_ratio"),
        ),
        (
            "peak RSS of a build (MB)"
            + (
                f"; the {4 * figures['docs']}-document build extends the {figures['docs']}"
                f" and tags {figures['memory_4n_tagged']}"
                if "memory_4n_tagged" in figures
                else ""
            ),
            ", ".join(f"{n} docs: {mb}" for n, mb in figures["peak_rss_mb"].items()),
            "flat in N",
            targets.get("rss_flat"),
        ),
        ("DB bytes per document", figures["db_bytes_per_doc"], "", None),
    ]
    for name, timing in figures.get("datasette_ms", {}).items():
        bound = PAGE_TARGET_MS.get(name, 300)
        rows.append(
            (
                f"Datasette {name} p50 / p95 ms ({figures['datasette_docs']} docs)",
                f"{timing['p50']} / {timing['p95']}",
                f"p50 ≤ {bound}",
                targets.get(f"datasette:{name}"),
            )
        )
    for name, value, target, met in rows:
        mark = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {name} | {value} | {target} | {mark} |")
    return "\n".join(lines) + "\n"
