"""Read article sources (md, txt, html, jsonl, csv, parquet) into plain `Article` records.

Bad input never raises: each file yields a `FileScan` whose `problems` name the file (and
line) and say what is wrong, so a build can report them and carry on with the rest.

Text rules (keep character offsets stable for annotation): strict UTF-8, BOM stripped,
CRLF / lone CR -> LF; bodies are kept exactly as written except that leading blank lines
and trailing white space are removed.
"""

import io
import json
import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from frontmatter.default_handlers import YAMLHandler

from pipeline.html_text import extract_html

_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMATS)
_SNIFF = 8192  # bytes inspected for NUL to call a file binary
_FM_DELIM = re.compile(r"-{3,}[ \t]*")  # same boundary as python-frontmatter's YAMLHandler
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")
_TEXT_KEYS = ("title", "author", "source", "url")  # always stored as strings
_YAML = YAMLHandler()


@dataclass(frozen=True)
class Article:
    """One document: body text plus metadata, with where it came from."""

    id: str
    text: str
    meta: dict
    path: str
    line: int | None
    format: str


@dataclass(frozen=True)
class ReadProblem:
    """Something wrong with an input; "error" = data lost, "warning" = skipped on purpose."""

    path: str
    line: int | None
    message: str
    severity: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class FileScan:
    """Everything read from one file; `complete` is False when any error occurred."""

    path: str
    articles: list[Article] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    complete: bool = True


class _BadInput(Exception):
    """Aborts reading one file (or one line) with a one-line reason."""


def normalize_text(s: str) -> str:
    """Strip a leading BOM and turn CRLF / lone CR into LF, so offsets match on every OS."""
    if s.startswith("\ufeff"):
        s = s[1:]
    return s.replace("\r\n", "\n").replace("\r", "\n")


def _tidy(s: str) -> str:
    """Drop leading blank lines and trailing white space; keep everything else as is."""
    return _LEADING_BLANK_LINES.sub("", s.rstrip())


def _one_line(msg: object) -> str:
    return " ".join(str(msg).split())


def _check_binary(head: bytes) -> None:
    if b"\x00" in head[:_SNIFF]:
        raise _BadInput("binary file, not text")


def _decode(raw: bytes, base_offset: int = 0) -> str:
    """Strict UTF-8 decode that reports the first bad byte and its file offset."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        where = f"byte 0x{raw[e.start]:02x} at offset {base_offset + e.start}"
        raise _BadInput(f"not valid UTF-8 ({where})") from None


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    _check_binary(raw)
    return normalize_text(_decode(raw))


def _scalar(v: Any) -> Any:
    """Unwrap numpy scalars; map NaN/NaT/None to None."""
    if getattr(v, "ndim", None) == 0 and hasattr(v, "item"):
        v = v.item()
    try:
        if v is None or pd.isna(v) is True:
            return None
    except (TypeError, ValueError):
        pass
    return v


def _iso_date(v: Any) -> str | None:
    """ISO date for a date-ish value; partial ISO ("2025", "2025-08") kept; None if unparseable."""
    if isinstance(v, datetime):  # includes pd.Timestamp; keep the local calendar date
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    s = str(v).strip()
    if re.fullmatch(r"\d{4}(-\d{2})?", s):
        return s
    for parse in (date.fromisoformat, lambda x: datetime.fromisoformat(x).date()):
        try:
            return parse(s).isoformat()
        except ValueError:
            pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ts = pd.to_datetime(s)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(ts) else ts.date().isoformat()


def _clean(v: Any) -> Any:
    """Strip strings, ISO-format dates, drop empty values (returns None for "drop")."""
    v = _scalar(v)
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, date):  # and datetime
        return v.isoformat()
    if isinstance(v, (list, tuple)) or hasattr(v, "tolist"):  # incl. numpy arrays (Parquet)
        items = [c for c in (_clean(x) for x in list(v)) if c is not None]
        return items or None
    if isinstance(v, dict):
        d = {str(k): c for k, x in v.items() if (c := _clean(x)) is not None}
        return d or None
    return v


class _Reader:
    """Collects articles and problems for one file; handles ids, duplicates, empty docs."""

    def __init__(self, path: Path, root: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self.scan = FileScan(str(path))
        self.first_line: dict[str, int | None] = {}
        try:
            rel = path.relative_to(root)
        except ValueError:
            rel = path
        self.derived = rel.with_suffix("").as_posix()

    def problem(self, message: str, line: int | None = None, severity: str = "error") -> None:
        self.scan.problems.append(ReadProblem(str(self.path), line, message, severity))

    def meta(self, raw: dict, line: int | None) -> dict:
        out: dict[str, Any] = {}
        for key, value in raw.items():
            key = str(key).strip()
            value = _clean(value)
            if value is None or not key:
                continue
            if key in _TEXT_KEYS and not isinstance(value, str):
                value = str(value)
            elif key == "section":
                value = [str(x) for x in value] if isinstance(value, list) else str(value)
            elif key == "published":
                iso = _iso_date(value)
                if iso is None:
                    msg = f"unparseable published date {value!r} kept as is"
                    self.problem(msg, line, "warning")
                value = iso or str(value)
            out[key] = value
        return out

    def add(self, text: str, meta: dict, given_id: Any, line: int | None) -> None:
        text = _tidy(normalize_text(text))
        if not text.strip():
            self.problem("empty document skipped", line, "warning")
            return
        given = _clean(given_id)
        if isinstance(given, float) and given.is_integer():  # Parquet int column with nulls
            given = int(given)
        if isinstance(given, bool) or not isinstance(given, (str, int, type(None))):
            self.problem(f"'id' must be a string or integer, got {type(given).__name__}", line)
            return
        if given is not None:
            aid = str(given)
        else:
            aid = self.derived if line is None else f"{self.derived}:{line}"
        if aid in self.first_line:
            self.problem(f"duplicate id {aid!r} (first at line {self.first_line[aid]})", line)
            return
        self.first_line[aid] = line
        meta = self.meta(meta, line)
        self.scan.articles.append(Article(aid, text, meta, str(self.path), line, self.fmt))


def _read_md(r: _Reader) -> None:
    """Split YAML front matter ourselves: python-frontmatter strips the body (and the first
    line's indentation) and silently ignores unclosed or non-mapping front matter."""
    text = _read_text(r.path)
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or not _FM_DELIM.fullmatch(lines[i]):
        r.add(text, {}, None, None)
        return
    j = next((k for k in range(i + 1, len(lines)) if _FM_DELIM.fullmatch(lines[k])), None)
    if j is None:
        r.problem("front matter is not closed (no closing '---' line)", i + 1)
        return
    try:
        data = _YAML.load("\n".join(lines[i + 1 : j]))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        reason = _one_line(getattr(e, "problem", None) or e)
        r.problem(f"malformed YAML front matter: {reason}", i + 2 + mark.line if mark else None)
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        r.problem(f"front matter is not a mapping (got {type(data).__name__})", i + 1)
        return
    data = {str(k): v for k, v in data.items()}
    given = data.pop("id", None)
    r.add("\n".join(lines[j + 1 :]), data, given, None)


def _read_txt(r: _Reader) -> None:
    r.add(_read_text(r.path), {}, None, None)


def _read_html(r: _Reader) -> None:
    """HTML is decoded by trafilatura itself (it honours the page's declared charset)."""
    raw = r.path.read_bytes()
    _check_binary(raw)
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():
        r.add("", {}, None, None)
        return
    text, meta = extract_html(raw)
    if not text:
        raise _BadInput("no article text found")
    r.add(text, meta, None, None)


def _read_jsonl(r: _Reader) -> None:
    """Stream line by line so huge files stay cheap; a bad line costs only that line."""
    with r.path.open("rb") as f:
        _check_binary(f.read(_SNIFF))
        f.seek(0)
        offset = 0
        for n, raw in enumerate(f, 1):
            start, offset = offset, offset + len(raw)
            try:
                s = _decode(raw, start)
                if n == 1:
                    s = normalize_text(s)
                if not s.strip():
                    continue
                try:
                    obj = json.loads(s)
                except json.JSONDecodeError as e:
                    raise _BadInput(f"invalid JSON: {e.msg} (column {e.colno})") from None
                except RecursionError:
                    raise _BadInput("invalid JSON: nested too deeply") from None
                if not isinstance(obj, dict):
                    raise _BadInput(f"not a JSON object (got {type(obj).__name__})")
                if "text" not in obj:
                    raise _BadInput("missing 'text'")
                if not isinstance(obj["text"], str):
                    raise _BadInput(f"'text' is not a string (got {type(obj['text']).__name__})")
                meta = {} if obj.get("meta") is None else obj["meta"]
                if not isinstance(meta, dict):
                    raise _BadInput(f"'meta' is not an object (got {type(meta).__name__})")
            except _BadInput as e:
                r.problem(str(e), n)
                continue
            r.add(obj["text"], meta, obj.get("id"), n)


def _read_table(r: _Reader, df: pd.DataFrame) -> None:
    cols = [str(c).strip() for c in df.columns]
    df.columns = cols
    if "text" not in cols:
        raise _BadInput(f"no 'text' column (columns: {', '.join(cols)})")
    for n, rec in enumerate(df.to_dict(orient="records"), 1):
        text = _scalar(rec.pop("text"))
        given = rec.pop("id", None)
        if text is not None and not isinstance(text, str):
            r.problem(f"'text' is not a string (got {type(text).__name__})", n)
            continue
        r.add(text or "", rec, given, n)


def _read_csv(r: _Reader) -> None:
    text = _read_text(r.path)
    if not text.strip():
        r.add("", {}, None, None)
        return
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise _BadInput(f"cannot parse CSV: {_one_line(e)}") from None
    _read_table(r, df)


def _read_parquet(r: _Reader) -> None:
    if r.path.stat().st_size == 0:
        r.add("", {}, None, None)
        return
    try:
        df = pd.read_parquet(r.path)
    except OSError:
        raise
    except Exception as e:  # pyarrow raises a zoo of types for corrupt files
        raise _BadInput(f"cannot read Parquet: {_one_line(e)}") from None
    _read_table(r, df)


_READERS = {
    "md": _read_md,
    "txt": _read_txt,
    "html": _read_html,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "parquet": _read_parquet,
}


def read_file(path: Path, root: Path) -> FileScan:
    """Read one file; never raises for bad input (problems are recorded in the scan)."""
    fmt = _FORMATS.get(path.suffix.lower(), "")
    r = _Reader(path, root, fmt)
    try:
        if path.is_dir():
            with os.scandir(path):
                pass
            r.problem("is a directory")
        elif not fmt:
            r.problem(f"unsupported file type {path.suffix!r}")
        else:
            _READERS[fmt](r)
    except _BadInput as e:
        r.problem(str(e))
    except OSError as e:
        r.problem(e.strerror or _one_line(e))
    except Exception as e:  # last resort: one bad file must not stop the build
        r.problem(f"unexpected error: {type(e).__name__}: {_one_line(e)}")
    r.scan.complete = not any(p.severity == "error" for p in r.scan.problems)
    return r.scan


def _is_dir(e: os.DirEntry) -> bool:
    try:
        return e.is_dir()
    except OSError:
        return False


def _walk(d: Path, visited: set[Path], out: list[Path]) -> None:
    try:
        real = d.resolve(strict=True)
        if real in visited:  # symlink loop or a second link to the same folder
            return
        visited.add(real)
        with os.scandir(d) as it:
            entries = sorted(it, key=lambda e: e.name)
    except (OSError, RuntimeError):  # RuntimeError: symlink loop in resolve() on 3.11
        out.append(d)  # read_file reports why it cannot be read
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        p = d / e.name
        if _is_dir(e):
            _walk(p, visited, out)
        elif p.suffix.lower() in SUPPORTED_SUFFIXES and e.name.lower() != "readme.md":
            out.append(p)


def iter_files(source: Path) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root): a file yields itself (root = parent); a folder its supported
    files recursively, sorted by path, skipping hidden names, README.md and symlink loops."""
    if not source.is_dir():
        yield source, source.parent
        return
    found: list[Path] = []
    _walk(source, set(), found)
    for p in sorted(found, key=lambda p: p.relative_to(source).parts):
        yield p, source


def read_sources(sources: list[Path]) -> Iterator[FileScan]:
    """One FileScan per file found; a missing source yields an error scan instead."""
    for source in sources:
        source = Path(source)
        if not source.exists():
            problem = ReadProblem(str(source), None, "no such file or directory", "error")
            yield FileScan(str(source), [], [problem], False)
            continue
        for path, root in iter_files(source):
            yield read_file(path, root)
