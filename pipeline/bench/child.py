"""One measured build in its own process, so its peak RSS is its own.

Run as `python -m pipeline.bench.child SOURCE DB WORKERS OUT.json [--reruns] [--dask]`, or
`python -m pipeline.bench.child --raw SOURCE OUT.json` for the raw baseline (the base model
alone, `nlp.pipe` over the same texts): both sides of the comparison run in a fresh
process of their own, the pipeline loaded and the texts read before the clock starts. The
figures are written to OUT.json for the parent, which reads the peak RSS from `os.wait4`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from db import storage
from pipeline.bench.corpus import change_some
from pipeline.build import DaskOptions, build
from pipeline.nlp import cached_nlp


def measure(source: Path, db_path: Path, workers: int, reruns: bool, dask: bool) -> dict:
    started = time.perf_counter()
    cached_nlp()
    # the engine that tagged, as the build saw it: the parent's comparison relies on it
    figures: dict = {"load_s": time.perf_counter() - started, "engine": "dask" if dask else "local"}
    db = storage.open_db(db_path)
    started = time.perf_counter()
    options = DaskOptions() if dask else None
    result = build(db, [source], workers=workers, dask=options)
    figures.update(
        build_s=time.perf_counter() - started, tokens=result.tokens, documents=result.tagged
    )
    if reruns:
        started = time.perf_counter()
        again = build(db, [source], workers=workers)
        figures["rerun_unchanged_s"] = time.perf_counter() - started
        assert again.tagged == 0, "an unchanged rerun re-tagged documents"
        figures["changed_documents"] = change_some(source, 0.01)
        started = time.perf_counter()
        changed = build(db, [source], workers=workers)
        figures["rerun_1pct_s"] = time.perf_counter() - started
        assert changed.changed == figures["changed_documents"], "wrong documents re-tagged"
    db.close()
    return figures


def measure_raw(source: Path) -> dict:
    """Tokens/s of the base model alone over the texts of a JSONL corpus, 1 process."""
    import spacy

    from pipeline.nlp import load_settings

    settings, _ = load_settings()
    with open(source, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    nlp = spacy.load(settings.base_model)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size))
    return {"tokens": tokens, "seconds": time.perf_counter() - started}


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--raw":
        source, out = argv[1:3]
        Path(out).write_text(json.dumps(measure_raw(Path(source))))
        return
    source, db_path, workers, out = argv[:4]
    figures = measure(
        Path(source), Path(db_path), int(workers), "--reruns" in argv, "--dask" in argv
    )
    Path(out).write_text(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
