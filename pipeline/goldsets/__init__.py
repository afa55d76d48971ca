"""Readers that turn third-party gold data into the exchange format of `shared/eval`.

Each reader returns exchange-format documents (`id`, `meta`, `text`, `spans`), so one
scorer (`pipeline.scoring`) serves our own gold and TempEval-3, MEANTIME or WikiGold.
Label differences between schemes are expressed with `alt_labels`, as the scorer expects.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

# format name → "module:function"; imported lazily so one broken reader never blocks the rest
READERS = {
    "jsonl": "pipeline.scoring:load_jsonl",
    "timeml": "pipeline.goldsets.timeml:read_timeml",
    "wikigold": "pipeline.goldsets.wikigold:read_wikigold",
    "meantime": "pipeline.goldsets.meantime:read_meantime",
}


def detect_format(path: Path) -> str:
    """Guess the gold format from the path: a .jsonl file, a folder of .tml or CAT .xml
    files, or a CoNLL text file."""
    if path.is_dir():
        if next(path.rglob("*.tml"), None) is not None:
            return "timeml"
        if next(path.rglob("*.xml"), None) is not None:
            return "meantime"
        raise ValueError(f"{path}: no .tml or .xml gold files in this folder")
    if path.suffix == ".tml":
        return "timeml"
    if path.suffix == ".xml":
        return "meantime"
    if path.suffix == ".jsonl":
        return "jsonl"
    return "wikigold"


def reader(fmt: str) -> Callable[[Path], list[dict]]:
    """The reader function of a gold format."""
    try:
        module, function = READERS[fmt].split(":")
    except KeyError:
        raise ValueError(f"unknown gold format {fmt!r} (known: {', '.join(READERS)})") from None
    return getattr(import_module(module), function)


def read_gold(path: Path, fmt: str = "auto") -> list[dict]:
    """Exchange-format gold documents from `path` in format `fmt` (or detected)."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    return reader(fmt)(path)


def headline_in_capitals(documents: list[dict]) -> list[dict]:
    """The documents with their first line upper-cased, as wire services write headlines
    ("SOCCER - JAPAN GET LUCKY WIN"): a stress test of names in capitals. Upper-casing
    that would change a line's length (German "ß") leaves that line as it is."""
    out = []
    for document in documents:
        text = document["text"]
        cut = text.find("\n") if "\n" in text else len(text)
        upper = text[:cut].upper()
        if len(upper) == cut:
            text = upper + text[cut:]
        spans = [{**span, "text": text[span["start"] : span["end"]]} for span in document["spans"]]
        out.append({**document, "text": text, "spans": spans})
    return out
