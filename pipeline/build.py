"""`statecraft build`: read sources, tag what changed, store it, remove what disappeared.

The plan is made before anything is written: every source is read and hashed, and a
document is (re)tagged only when it is new, its content changed, the pipeline's
fingerprint changed, or `force` is set. Documents are written in small batches of
whole documents per transaction, so a reader never sees half a document.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from sqlite_utils import Database

import pipeline
from db import storage
from db.lock import exclusive_build
from pipeline.instruments import instrument_types
from pipeline.nlp import DEFAULT_CONFIG, cached_nlp, fingerprint, load_settings, model_label
from pipeline.readers import Article, FileScan, ReadProblem, read_sources
from pipeline.tagging import TagRequest, tag_stream

DOCUMENT_FIELDS = ("title", "author", "source", "section", "url", "published")
COMMIT_EVERY = 25  # documents per transaction: fewer fsyncs, still whole documents only
_ISO_DATE = re.compile(r"^(\d{4})(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True)
class DaskOptions:
    """Tag on a Dask cluster: its scheduler address (None: a local cluster) and how many
    documents go to a worker at a time."""

    scheduler: str | None = None
    partition_size: int = 100


@dataclass
class BuildResult:
    """What a build did, for the summary line and the `runs` table."""

    run_id: int = 0
    new: int = 0
    changed: int = 0
    retagged: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    warnings: int = 0
    tokens: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0  # loading the pipeline (once per process), part of `seconds`
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def tagged(self) -> int:
        return self.new + self.changed + self.retagged

    def summary(self) -> str:
        parts = [f"{self.new} new", f"{self.changed} changed"]
        if self.retagged:
            parts.append(f"{self.retagged} re-tagged")
        parts += [f"{self.unchanged} unchanged", f"{self.removed} removed", f"{self.failed} failed"]
        if self.warnings:
            parts.append(f"{self.warnings} skipped")
        # the rate is the tagging's: a one-document build is mostly model load
        tagging = self.seconds - self.load_seconds
        rate = f", {self.tokens / tagging:,.0f} tokens/s" if self.tokens and tagging > 0 else ""
        load = f" (pipeline load {self.load_seconds:.1f}s)" if self.load_seconds >= 0.05 else ""
        return ", ".join(parts) + f" in {self.seconds:.1f}s{load}{rate}"


def content_hash(article: Article) -> str:
    """Hash of what the tags depend on: the text and the metadata (`published` anchors dates)."""
    payload = json.dumps({"text": article.text, "meta": article.meta}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def document_row(article: Article, *, digest: str, pipeline_fingerprint: str) -> dict:
    """The `documents` row of an article (everything but run bookkeeping)."""
    meta = dict(article.meta)
    fields = {name: meta.pop(name, None) for name in DOCUMENT_FIELDS}
    section = fields["section"]
    if isinstance(section, str):
        section = [section]
    published = fields["published"]
    year = _ISO_DATE.match(str(published)) if published else None
    return {
        "id": article.id,
        **fields,
        "section": storage.as_json(section),
        "published": str(published) if published else None,
        "published_year": int(year.group(1)) if year else None,
        "text": article.text,
        "word_count": len(article.text.split()),
        "char_count": len(article.text),
        "content_hash": digest,
        "fingerprint": pipeline_fingerprint,
        "format": article.format,
        "source_file": str(Path(article.path).resolve()) if article.path else None,
        "source_line": article.line,
        "meta": storage.as_json(meta) if meta else None,
    }


@dataclass
class _Plan:
    to_tag: list[tuple[str, Article]] = field(default_factory=list)  # (kind, article)
    remove: list[str] = field(default_factory=list)
    moved: dict[str, tuple[str, int | None]] = field(default_factory=dict)


def _plan(
    db: Database,
    scans: Iterable[FileScan],
    sources: list[Path],
    result: BuildResult,
    *,
    fp: str,
    force: bool,
) -> _Plan:
    stored = storage.stored_documents(db)
    plan = _Plan()
    seen: dict[str, str] = {}
    incomplete_files: set[str] = set()
    for scan in scans:
        for problem in scan.problems:
            result.problems.append(problem)
        if not scan.complete:
            incomplete_files.add(str(Path(scan.path).resolve()))
        for article in scan.articles:
            where = f"{article.path}" + (f":{article.line}" if article.line else "")
            if article.id in seen:
                result.problems.append(
                    ReadProblem(
                        article.path,
                        article.line,
                        f"duplicate id {article.id!r} (first in {seen[article.id]}); skipped",
                        "error",
                    )
                )
                incomplete_files.add(str(Path(article.path).resolve()))
                continue
            seen[article.id] = where
            previous = stored.get(article.id)
            digest = content_hash(article)
            if previous is None:
                plan.to_tag.append(("new", article))
            elif previous.content_hash != digest:
                plan.to_tag.append(("changed", article))
            elif force or previous.fingerprint != fp:
                plan.to_tag.append(("retagged", article))
            else:
                result.unchanged += 1
                source_file = str(Path(article.path).resolve())
                if previous.source_file != source_file:
                    plan.moved[article.id] = (source_file, article.line)
    roots = [p.resolve() for p in sources if p.exists()]
    for document_id, previous in stored.items():
        if document_id in seen or not previous.source_file:
            continue
        source_file = Path(previous.source_file)
        under_a_source = any(source_file == r or source_file.is_relative_to(r) for r in roots)
        if under_a_source and str(source_file) not in incomplete_files:
            plan.remove.append(document_id)
    result.failed = sum(p.severity == "error" for p in result.problems)
    result.warnings = sum(p.severity != "error" for p in result.problems)
    return plan


def build(
    db: Database,
    sources: Iterable[Path],
    *,
    workers: int = 1,
    force: bool = False,
    config_path: Path = DEFAULT_CONFIG,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_document: Callable[[int], None] | None = None,
    scans: Iterable[FileScan] | None = None,
    dask: DaskOptions | None = None,
) -> BuildResult:
    """Bring the database up to date with `sources`; returns what was done.

    Callbacks let a CLI show problems as they are found and drive a progress bar
    (`on_plan(number_to_tag)`, then `on_document(tokens)` per stored document).
    `scans` replaces reading `sources` (documents already in memory, as `eval` has).
    With `dask`, texts are tagged on a Dask cluster (`workers` processes of a local
    one when no scheduler is given); everything else stays here, identical.
    Raises `BuildLocked` when another build holds the database.
    """
    with exclusive_build(storage.database_file(db)):
        return _build(
            db,
            sources,
            workers=workers,
            force=force,
            config_path=config_path,
            on_problem=on_problem,
            on_plan=on_plan,
            on_document=on_document,
            scans=scans,
            dask=dask,
        )


def _build(
    db: Database,
    sources: Iterable[Path],
    *,
    workers: int,
    force: bool,
    config_path: Path,
    on_problem: Callable[[ReadProblem], None] | None,
    on_plan: Callable[[int], None] | None,
    on_document: Callable[[int], None] | None,
    scans: Iterable[FileScan] | None,
    dask: DaskOptions | None,
) -> BuildResult:
    started = time.perf_counter()
    sources = [Path(s) for s in sources]
    settings, _ = load_settings(config_path)
    fp = fingerprint(config_path)
    storage.abort_stale_runs(db)
    result = BuildResult()
    result.run_id = storage.start_run(
        db,
        fingerprint=fp,
        statecraft_version=pipeline.__version__,
        spacy_version=spacy.__version__,
        model=model_label(config_path),
        workers=workers,
        sources=json.dumps([str(s) for s in sources]),
    )
    status = "failed"
    try:
        scans = read_sources(sources) if scans is None else scans
        plan = _plan(db, scans, sources, result, fp=fp, force=force)
        storage.record_problems(
            db,
            result.run_id,
            (
                {"path": p.path, "line": p.line, "severity": p.severity, "message": p.message}
                for p in result.problems
            ),
        )
        if on_problem:
            for problem in result.problems:
                on_problem(problem)
        if plan.moved:
            with db.atomic():
                for document_id, (source_file, line) in plan.moved.items():
                    db["documents"].update(
                        document_id, {"source_file": source_file, "source_line": line}
                    )
        result.removed = storage.delete_documents(db, plan.remove, result.run_id)
        if on_plan:
            on_plan(len(plan.to_tag))
        if plan.to_tag:
            _tag_and_store(
                db,
                plan.to_tag,
                result,
                fp=fp,
                settings=settings,
                workers=workers,
                config_path=config_path,
                on_document=on_document,
                dask=dask,
            )
        storage.refresh_entities(db)
        storage.sync_instrument_types(db, instrument_types())
        status = "completed" if not result.failed else "completed_with_errors"
    except KeyboardInterrupt:
        status = "aborted"
        raise
    finally:
        result.seconds = time.perf_counter() - started
        try:
            storage.finish_run(
                db,
                result.run_id,
                status=status,
                new=result.new,
                changed=result.changed + result.retagged,
                unchanged=result.unchanged,
                removed=result.removed,
                failed=result.failed,
                documents_tagged=result.tagged,
                tokens=result.tokens,
                seconds=round(result.seconds, 3),
            )
        except sqlite3.DatabaseError:
            # the database itself is failing (disk full, read-only): the run stays
            # `running` and the next build marks it aborted; an earlier error propagates
            if status.startswith("completed"):
                raise
    return result


def _tag_and_store(
    db: Database,
    to_tag: list[tuple[str, Article]],
    result: BuildResult,
    *,
    fp: str,
    settings,
    workers: int,
    config_path: Path,
    on_document: Callable[[int], None] | None,
    dask: DaskOptions | None,
) -> None:
    requests = (
        TagRequest(i, article.text, _published(article)) for i, (_, article) in enumerate(to_tag)
    )
    batch: list[tuple[dict, dict, str]] = []

    def flush() -> None:
        with db.atomic():
            storage.replace_documents(db, batch, result.run_id)
        batch.clear()

    if dask is not None:
        from pipeline.dask_engine import tag_with_dask

        stream = tag_with_dask(
            requests,
            scheduler=dask.scheduler,
            workers=workers,
            partition_size=dask.partition_size,
            config_path=config_path,
            batch_size=settings.batch_size,
            max_chunk_chars=settings.max_chunk_chars,
        )
    else:
        loading = time.perf_counter()
        nlp = cached_nlp(config_path)
        result.load_seconds = time.perf_counter() - loading
        stream = tag_stream(
            nlp,
            requests,
            batch_size=settings.batch_size,
            max_chunk_chars=settings.max_chunk_chars,
            workers=workers,
        )
    for tagged in stream:
        kind, article = to_tag[tagged.key]
        document = document_row(article, digest=content_hash(article), pipeline_fingerprint=fp)
        batch.append((document, tagged.rows, kind))
        setattr(result, kind, getattr(result, kind) + 1)
        result.tokens += tagged.tokens
        if len(batch) >= COMMIT_EVERY:
            flush()
        if on_document:
            on_document(tagged.tokens)
    if batch:
        flush()


def _published(article: Article) -> str | None:
    value = article.meta.get("published")
    return str(value) if value else None
