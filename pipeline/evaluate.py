"""Tag gold documents with the real pipeline and score them.

Predictions go through exactly what a build stores and an export writes (an in-memory
database), so the scores describe the corpus a user gets, not a side path.
"""

from __future__ import annotations

from pathlib import Path

from db import storage
from pipeline.build import BuildResult, build
from pipeline.export import export_documents
from pipeline.nlp import DEFAULT_CONFIG
from pipeline.readers import Article, FileScan
from pipeline.scoring import score


def gold_scan(gold_docs: list[dict], origin: str = "gold") -> FileScan:
    """Gold documents as build input; the text is kept exactly so offsets pair with gold."""
    articles = []
    for number, document in enumerate(gold_docs, start=1):
        meta = {k: v for k, v in (document.get("meta") or {}).items() if v not in (None, "", [])}
        articles.append(
            Article(
                id=str(document.get("id") or f"{origin}:{number}"),
                text=document["text"],
                meta=meta,
                path="",
                line=number,
                format="jsonl",
            )
        )
    return FileScan(path=origin, articles=articles, problems=[], complete=True)


def predict(
    gold_docs: list[dict], *, config_path: Path = DEFAULT_CONFIG, workers: int = 1
) -> tuple[list[dict], BuildResult]:
    """Exchange-format predictions for the gold documents' texts."""
    db = storage.open_db(":memory:")
    result = build(db, [], scans=[gold_scan(gold_docs)], config_path=config_path, workers=workers)
    return list(export_documents(db)), result


def evaluate(
    gold_docs: list[dict], *, config_path: Path = DEFAULT_CONFIG, workers: int = 1
) -> tuple[dict, list[dict]]:
    """Metrics (see `pipeline.scoring.score`) and the predictions they were computed on."""
    predicted, _ = predict(gold_docs, config_path=config_path, workers=workers)
    return score(gold_docs, predicted), predicted
