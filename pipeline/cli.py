"""The `statecraft` command: a thin layer over `pipeline.build`, `export`, `scoring` and Datasette.

User errors (a missing database, an unreadable source, a bad config) end as one
`ClickException` line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from db import storage
from db.lock import BuildLocked
from pipeline import __version__
from pipeline.nlp import DEFAULT_CONFIG, RAW_CONFIG, PipelineError

DEFAULT_DB = Path("db") / "statecraft.db"
DEFAULT_CORPUS = Path("corpus")
CONFIG_DIR = Path(storage.__file__).resolve().parent
CONTEXT = {"help_option_names": ["-h", "--help"]}
err = Console(stderr=True, highlight=False)


class TokensPerSecond(ProgressColumn):
    """Tokens per second so far (the tasks' `tokens` field over elapsed time)."""

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0
        tokens = task.fields.get("tokens", 0)
        rate = tokens / elapsed if elapsed else 0
        return Text(f"{rate:,.0f} tok/s", style="progress.data.speed")


def _open(db_path: Path, *, create: bool = True):
    try:
        return storage.open_db(db_path, create=create)
    except storage.StorageError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="statecraft")
def cli() -> None:
    """Statecraft: tag foreign-policy articles (entities, dates, policy instruments) into SQLite
    and explore them in Datasette."""


@cli.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    type=click.Path(path_type=Path),
    show_default=True,
    help="SQLite database to create or update.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes for tagging (spaCy multiprocessing).",
)
@click.option("--force", is_flag=True, help="Re-tag every document, changed or not.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Tag here (local) or on a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler (tcp://host:8786); default: a local cluster of --workers.",
)
@click.option(
    "--partition-size",
    default=100,
    show_default=True,
    type=click.IntRange(1),
    help="Documents per Dask task.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build(
    sources: tuple[Path, ...],
    db_path: Path,
    workers: int,
    force: bool,
    engine: str,
    scheduler: str | None,
    partition_size: int,
    quiet: bool,
) -> None:
    """Tag SOURCES (folders, .md .txt .html .jsonl .csv .parquet files; default corpus/)
    into the database. Unchanged documents are skipped; removed ones are deleted.

    Example: statecraft build corpus/ extra/news.jsonl --workers 2
    """
    from pipeline.build import DaskOptions
    from pipeline.build import build as run_build

    sources = sources or (DEFAULT_CORPUS,)
    db = _open(db_path)
    progress = Progress(
        TextColumn("[bold]tagging"),
        BarColumn(),
        MofNCompleteColumn(),
        TokensPerSecond(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )
    task = progress.add_task("tagging", total=None, tokens=0)

    def on_plan(total: int) -> None:
        progress.update(task, total=total)

    def on_document(tokens: int) -> None:
        progress.update(task, advance=1, tokens=progress.tasks[0].fields["tokens"] + tokens)

    try:
        with progress:
            result = run_build(
                db,
                sources,
                workers=workers,
                force=force,
                dask=DaskOptions(scheduler, partition_size) if engine == "dask" else None,
                on_problem=lambda p: err.print(
                    f"[red]error[/red] {p}"
                    if p.severity == "error"
                    else f"[yellow]warning[/yellow] {p}",
                    markup=True,
                    soft_wrap=True,
                ),
                on_plan=on_plan,
                on_document=on_document,
            )
    except (PipelineError, BuildLocked) as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(
            f"{db_path}: {exc}; nothing of the failed batch was stored"
        ) from exc
    except KeyboardInterrupt:
        err.print("build interrupted; the run is marked aborted, rerun to finish")
        sys.exit(130)
    finally:
        db.close()
    click.echo(f"{db_path}: {result.summary()}")
    if result.failed:
        raise click.ClickException(f"{result.failed} source problem(s); see the lines above")


@cli.command(context_settings=CONTEXT)
@click.option(
    "--db", "db_path", default=DEFAULT_DB, type=click.Path(path_type=Path), show_default=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File for jsonl (default: stdout); folder for csv/parquet (default: export/).",
)
def export(db_path: Path, fmt: str, output: Path | None) -> None:
    """Export the corpus: JSONL in the shared/eval exchange format (all layers), or one
    CSV/Parquet file per table.

    Example: statecraft export -o corpus.jsonl; statecraft export --format parquet -o out/
    """
    from pipeline.export import write_jsonl, write_tables

    db = _open(db_path, create=False)
    try:
        if fmt == "jsonl" and output is None:
            write_jsonl(db, sys.stdout)
        elif fmt == "jsonl":
            with open(output, "w", encoding="utf-8") as handle:
                count = write_jsonl(db, handle)
            err.print(f"{output}: {count} documents")
        else:
            files = write_tables(db, output or Path("export"), fmt)
            err.print(f"wrote {len(files)} files to {output or 'export'}/")
    except OSError as exc:
        raise click.ClickException(f"{exc.filename or output}: {exc.strerror}") from exc
    finally:
        db.close()


def _score_gold(
    gold: Path,
    fmt: str,
    limit: int | None,
    predictions: Path | None,
    caps: bool = False,
    raw: bool = False,
) -> dict:
    """Read gold in any supported format, tag its texts in memory, score; errors are one line."""
    from pipeline.evaluate import evaluate as run_evaluate
    from pipeline.goldsets import headline_in_capitals, read_gold

    try:
        gold_docs = read_gold(gold, fmt)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if limit:
        gold_docs = gold_docs[:limit]
    if caps:
        gold_docs = headline_in_capitals(gold_docs)
    try:
        config = RAW_CONFIG if raw else DEFAULT_CONFIG
        metrics, predicted = run_evaluate(gold_docs, config_path=config)
    except PipelineError as exc:
        raise click.ClickException(str(exc)) from exc
    if predictions:
        with open(predictions, "w", encoding="utf-8") as handle:
            for document in predicted:
                handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    return metrics


GOLD_FORMATS = click.Choice(["auto", "jsonl", "timeml", "wikigold", "meantime"])


@cli.command("eval", context_settings=CONTEXT)
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=GOLD_FORMATS,
    default="auto",
    show_default=True,
    help="Gold format: exchange JSONL, TimeML folder, WikiGold CoNLL, MEANTIME folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--limit", type=click.IntRange(1), help="Score only the first N gold documents.")
@click.option(
    "--predictions",
    type=click.Path(path_type=Path),
    help="Also write the predictions (exchange JSONL) here.",
)
@click.option(
    "--caps-headlines",
    is_flag=True,
    help="Upper-case each document's first line first, as wire headlines are (stress test).",
)
@click.option(
    "--raw",
    is_flag=True,
    help="Score the base model alone (pipeline/raw.cfg): the baseline to compare with.",
)
def evaluate(
    gold: Path,
    fmt: str,
    as_json: bool,
    limit: int | None,
    predictions: Path | None,
    caps_headlines: bool,
    raw: bool,
) -> None:
    """Tag the gold documents' texts in memory and score every layer (shared/eval rules).

    Example: statecraft eval ../shared/eval/seed.gold.jsonl --json
    """
    from pipeline.scoring import format_report

    metrics = _score_gold(gold, fmt, limit, predictions, caps_headlines, raw)
    click.echo(json.dumps(metrics) if as_json else format_report(metrics))


@cli.command("eval-timeml", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--limit", type=click.IntRange(1), help="Score only the first N documents.")
def eval_timeml(folder: Path, as_json: bool, limit: int | None) -> None:
    """Score the date layer on TimeML (.tml, TempEval-3) files, each DCT as `published`:
    strict/relaxed span P/R/F1, type accuracy, value F1 (TempEval-3 attribute F1).

    Example: statecraft eval-timeml ../shared/eval-data/tempeval3-tbaq-cleaned/TimeBank
    """
    from pipeline.scoring import format_timex_report

    metrics = _score_gold(folder, "timeml", limit, None)
    timex = {"documents": metrics["documents"], **metrics["timex"]}
    click.echo(json.dumps(timex) if as_json else format_timex_report(timex))


@cli.command(context_settings=CONTEXT)
@click.option(
    "--db", "db_path", default=DEFAULT_DB, type=click.Path(path_type=Path), show_default=True
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to bind; 127.0.0.1 keeps it private to this machine.",
)
@click.option("--port", default=8001, show_default=True, type=int)
def serve(db_path: Path, host: str, port: int) -> None:
    """Explore the database in Datasette, with the db/ configuration (metadata, plugins,
    templates).

    Example: statecraft serve --port 8001
    """
    from datasette import cli as datasette_cli

    _open(db_path, create=False).close()
    args = datasette_serve_args(db_path, host=host, port=port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"warning: binding to {host} makes the corpus reachable from other machines; "
            "use --host 127.0.0.1 to keep it private",
            markup=False,
        )
    err.print(f"serving {db_path} on http://{host}:{port}/", markup=False)
    datasette_cli.cli.main(args=args, prog_name="datasette")


@cli.command(context_settings=CONTEXT)
@click.option(
    "--docs",
    default=2000,
    show_default=True,
    type=click.IntRange(10),
    help="Synthetic documents to build (the memory check also builds 4x this).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes for the scaling measurement (1 process is always measured).",
)
@click.option(
    "--datasette-docs",
    type=click.IntRange(10),
    help="Time Datasette on a database of this many documents (built once under "
    "--work, reused after); default: the database of this run.",
)
@click.option("--no-memory", is_flag=True, help="Skip the 4x-documents memory build.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: also time a local Dask cluster of --workers.",
)
@click.option(
    "--work",
    default=Path(".bench"),
    type=click.Path(path_type=Path),
    show_default=True,
    help="Folder for the synthetic corpora and databases.",
)
@click.option("--json", "as_json", is_flag=True, help="Print every figure as one JSON object.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Also write report.md and figures.json to this folder.",
)
def bench(
    docs: int,
    workers: int,
    datasette_docs: int | None,
    no_memory: bool,
    engine: str,
    work: Path,
    as_json: bool,
    out: Path | None,
) -> None:
    """Measure throughput against the raw base model, incremental reruns, memory, and
    Datasette latency, on a synthetic corpus recombined from corpus/.

    Example: statecraft bench --docs 2000 --workers 2 --json --out bench-report/
    """
    from pipeline.bench.run import markdown_report, run_bench

    started = time.monotonic()

    def say(line: str) -> None:
        minutes, seconds = divmod(int(time.monotonic() - started), 60)
        err.print(f"[dim]bench {minutes}:{seconds:02d}[/dim] {line}")

    try:
        figures = run_bench(
            docs=docs,
            workers=workers,
            work=work,
            corpus=DEFAULT_CORPUS,
            datasette_docs=datasette_docs,
            memory=not no_memory,
            dask=engine == "dask",
            say=say,
        )
    except (ValueError, RuntimeError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    report = markdown_report(figures)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.md").write_text(report, encoding="utf-8")
        (out / "figures.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    click.echo(json.dumps(figures) if as_json else report)


def datasette_serve_args(db_path: Path, *, host: str, port: int) -> list[str]:
    """Datasette's command line for our configuration directory, read-only (immutable-free)."""
    args = [
        "serve",
        str(db_path),
        "--host",
        host,
        "--port",
        str(port),
        "--metadata",
        str(CONFIG_DIR / "metadata.yml"),
    ]
    for folder, flag in (
        ("plugins", "--plugins-dir"),
        ("templates", "--template-dir"),
        ("static", "--static"),
    ):
        path = CONFIG_DIR / folder
        if path.is_dir() and any(path.iterdir()):
            args += [flag, f"static:{path}" if folder == "static" else str(path)]
    if (CONFIG_DIR / "settings.json").exists():
        for name, value in json.loads((CONFIG_DIR / "settings.json").read_text()).items():
            args += ["--setting", name, str(value)]
    return args


def main() -> None:
    cli(prog_name="statecraft")


if __name__ == "__main__":
    main()
