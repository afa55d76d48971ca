"""Datasette latency through a real HTTP server on 127.0.0.1.

`statecraft serve` runs as a subprocess on a free port; each page is requested a fixed
number of times in sequence (bounded loop, loopback only) and p50/p95 are reported.
"""

from __future__ import annotations

import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

from pipeline.cli import CONFIG_DIR

PARAMETER_COLUMNS = ("instrument_mentions", "entity_mentions", "entities", "documents")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# parameters that name no column: where a realistic value comes from
PARAMETER_QUERIES = {
    "entity_a": "select name from entities order by mention_count desc limit 1",
    "entity_b": "select name from entities order by mention_count desc limit 1 offset 1",
    "run": "select max(id) from runs",
}


def _most_common(conn: sqlite3.Connection, name: str) -> str | None:
    """A realistic value for a canned-query parameter: the commonest value of a column
    of that name (e.g. `target`, `instrument`), or a query of `PARAMETER_QUERIES`."""
    if name in PARAMETER_QUERIES:
        row = conn.execute(PARAMETER_QUERIES[name]).fetchone()
        return None if row is None or row[0] is None else str(row[0])
    for table in PARAMETER_COLUMNS:
        columns = {row[1] for row in conn.execute(f"pragma table_info([{table}])")}
        if name in columns:
            row = conn.execute(
                f"select [{name}] from [{table}] where [{name}] is not null "
                f"group by 1 order by count(*) desc limit 1"
            ).fetchone()
            if row:
                return str(row[0])
    return None


def pages(db_path: Path) -> dict[str, str]:
    """The pages to time: article page, facets, search, and every canned query."""
    database = db_path.stem
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        [document_id] = (
            conn.execute(
                "select document_id from instrument_mentions group by 1 order by count(*) desc "
                "limit 1"
            ).fetchone()
            or conn.execute("select id from documents limit 1").fetchone()
        )
        metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())
        queries = metadata.get("databases", {}).get(database, {}).get("queries", {}) or {}
        found = {
            "article": f"/{database}/documents/{document_id}",
            "facets": f"/{database}/instrument_mentions",
            "search": f"/{database}/documents?_search=sanctions",
        }
        for name, query in queries.items():
            params = query.get("params", []) if isinstance(query, dict) else []
            values = {p: _most_common(conn, p) or "sanctions" for p in params}
            found[f"query:{name}"] = str(httpx.URL(f"/{database}/{name}", params=values))
        return found
    finally:
        conn.close()


def latency(db_path: Path, *, requests: int = 50, timeout_s: float = 60) -> dict[str, dict]:
    """p50/p95 (ms) per page, over `requests` sequential requests each."""
    port = free_port()
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "serve", "--db", str(db_path), "--port", str(port)],
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=timeout_s) as client:
            deadline = time.monotonic() + timeout_s
            while True:
                try:
                    client.get("/-/versions.json")
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        log.seek(0)
                        last = (log.read().strip().splitlines() or ["no output"])[-1]
                        raise RuntimeError(f"datasette did not start: {last}") from None
                    time.sleep(0.2)
            results = {}
            for name, path in pages(db_path).items():
                timings = []
                client.get(path)  # warm the page's caches once, as a browsing user would
                for _ in range(requests):
                    started = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{path}: HTTP {response.status_code}")
                timings.sort()
                results[name] = {
                    "p50": round(statistics.median(timings), 1),
                    "p95": round(timings[int(0.95 * (len(timings) - 1))], 1),
                    "url": path,
                }
            return results
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
