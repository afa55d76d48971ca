"""Tag on a Dask cluster: partitions of texts go out, plain rows come back.

The client keeps everything else (reading, hashing, SQLite writes), so a distributed
build stores exactly what a local one does. Each worker loads the pipeline once (a
worker plugin warms `cached_nlp` at start; tasks reuse it). At most a few partitions
per worker are in flight, so client memory stays bounded. A task lost with its worker
is recomputed by Dask's scheduler; `retries` covers tasks that raise.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

import dask
from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from pipeline.nlp import DEFAULT_CONFIG, PipelineError, cached_nlp, fingerprint
from pipeline.tagging import Tagged, TagRequest, tag_local


class DaskEngineError(PipelineError):
    """The cluster cannot tag for this build (unreachable, different pipeline)."""


# Dask spawns local workers with MALLOC_TRIM_THRESHOLD_=65536 (to hand memory back to
# the OS sooner). Setting it switches off glibc's dynamic mmap threshold, so every large
# array spaCy allocates is mmapped and unmapped again: a 400-document build (1 process)
# took 25.9-28.9 s with it against 23.5-23.7 s without. A local cluster of ours goes
# without it; a remote cluster's workers are configured by whoever runs them.
_MALLOC_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"


def local_cluster(workers: int) -> LocalCluster:
    """A cluster of `workers` one-thread worker processes on 127.0.0.1, tuned for tagging."""
    with dask.config.set({_MALLOC_TRIM: None}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )


class PipelineLoader(WorkerPlugin):
    """Load the pipeline when a worker starts, not in its first task."""

    name = "statecraft-pipeline"

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path

    def setup(self, worker) -> None:
        cached_nlp(_config(self.config_path))


def _config(config_path: str | None) -> Path:
    # None means "the worker's own installed default", so a remote worker with the
    # package installed needs no path that exists only on the client
    return DEFAULT_CONFIG if config_path is None else Path(config_path)


def tag_partition(
    batch: list[TagRequest], config_path: str | None, batch_size: int, max_chunk_chars: int
) -> tuple[str, list[Tagged]]:
    """Run on a worker: tag one partition; returns the worker's pipeline fingerprint too."""
    config = _config(config_path)
    nlp = cached_nlp(config)
    tagged = list(tag_local(nlp, batch, batch_size=batch_size, max_chunk_chars=max_chunk_chars))
    return fingerprint(config), tagged


def tag_with_dask(
    requests: Iterable[TagRequest],
    *,
    scheduler: str | None,
    workers: int,
    partition_size: int,
    config_path: Path = DEFAULT_CONFIG,
    batch_size: int = 32,
    max_chunk_chars: int = 100_000,
) -> Iterator[Tagged]:
    """Tag every request on the cluster (a LocalCluster of `workers` processes when no
    scheduler address is given), yielding documents as their partitions complete."""
    config = None if Path(config_path) == DEFAULT_CONFIG else str(config_path)
    expected = fingerprint(config_path)
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except OSError as exc:
                raise DaskEngineError(f"cannot reach Dask scheduler {scheduler}: {exc}") from exc
        else:
            cluster = stack.enter_context(local_cluster(workers))
            client = stack.enter_context(Client(cluster))
        client.register_plugin(PipelineLoader(config))
        yield from _run(
            client,
            iter(requests),
            config,
            expected,
            workers,
            partition_size,
            batch_size,
            max_chunk_chars,
        )


def _run(
    client: Client,
    requests: Iterator[TagRequest],
    config: str | None,
    expected: str,
    workers: int,
    partition_size: int,
    batch_size: int,
    max_chunk_chars: int,
) -> Iterator[Tagged]:
    in_flight = max(2, 2 * max(workers, len(client.scheduler_info().get("workers", {}))))
    pending = as_completed()

    def submit() -> bool:
        batch = list(islice(requests, partition_size))
        if batch:
            pending.add(
                client.submit(
                    tag_partition, batch, config, batch_size, max_chunk_chars, pure=False, retries=2
                )
            )
        return bool(batch)

    for _ in range(in_flight):
        if not submit():
            break
    for future in pending:
        worker_fingerprint, tagged = future.result()
        if worker_fingerprint != expected:
            raise DaskEngineError(
                f"a worker runs a different pipeline (fingerprint {worker_fingerprint}, "
                f"client {expected}): install the same statecraft version on every worker"
            )
        future.release()
        submit()
        yield from tagged
