"""A synthetic corpus for benchmarks: paragraphs of the real articles, recombined.

Deterministic from a seed. Names, years and dates are substituted so that documents
differ (no two hash alike) while keeping the tag density of real foreign-policy prose.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from pipeline.readers import read_sources

# Substitutions keep the grammatical role: a state for a state, a leader for a leader.
STATES = [
    "Russia",
    "Ukraine",
    "China",
    "Iran",
    "Venezuela",
    "North Korea",
    "Syria",
    "Turkey",
    "India",
    "Brazil",
    "Japan",
    "Germany",
    "France",
    "Poland",
    "Israel",
    "Saudi Arabia",
    "South Africa",
    "Mexico",
    "Canada",
    "Egypt",
    "Nigeria",
    "Indonesia",
    "Pakistan",
    "Cuba",
]
LEADERS = [
    "Trump",
    "Putin",
    "Xi",
    "Zelenskyy",
    "Modi",
    "Erdogan",
    "Macron",
    "Scholz",
    "Lula",
    "Netanyahu",
    "Khamenei",
    "Maduro",
    "Kishida",
    "Sheinbaum",
    "Ramaphosa",
    "Tusk",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_STATE = re.compile(r"\b(Russia|Ukraine)\b")
_LEADER = re.compile(r"\b(Trump|Putin)\b")
_YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2})\b")


def source_paragraphs(corpus: Path) -> list[str]:
    """The paragraphs (blank-line blocks) of every readable article in `corpus`."""
    paragraphs = []
    for scan in read_sources([corpus]):
        for article in scan.articles:
            paragraphs += [p for p in article.text.split("\n\n") if p.strip()]
    if not paragraphs:
        raise ValueError(f"{corpus}: no articles to build a benchmark corpus from")
    return paragraphs


def _vary(paragraph: str, rng: random.Random) -> str:
    states = rng.sample(STATES, 2)
    leaders = rng.sample(LEADERS, 2)
    paragraph = _STATE.sub(lambda m: states[m.group(1) == "Ukraine"], paragraph)
    paragraph = _LEADER.sub(lambda m: leaders[m.group(1) == "Putin"], paragraph)
    paragraph = _YEAR.sub(lambda m: str(rng.randint(1990, 2026)), paragraph)
    return _MONTH_DAY.sub(lambda m: f"{rng.choice(MONTHS)} {rng.randint(1, 28)}", paragraph)


def synthetic_documents(
    paragraphs: list[str], count: int, *, seed: int = 7, blocks: tuple[int, int] = (6, 14)
) -> Iterator[dict]:
    """`count` documents of `blocks` paragraphs each, with ids, titles and publication dates."""
    rng = random.Random(seed)
    for number in range(count):
        body = "\n\n".join(_vary(rng.choice(paragraphs), rng) for _ in range(rng.randint(*blocks)))
        published = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield {
            "id": f"bench-{number:06d}",
            "text": body,
            "meta": {
                "title": f"Synthetic article {number}",
                "source": "Statecraft bench",
                "published": published,
            },
        }


def write_jsonl(documents: Iterator[dict], path: Path) -> int:
    """Write documents as build input; returns the number written."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
            count += 1
    return count


def change_some(path: Path, fraction: float, *, seed: int = 11) -> int:
    """Edit `fraction` of the documents in a JSONL corpus in place; returns how many."""
    lines = path.read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    chosen = rng.sample(range(len(lines)), max(1, round(len(lines) * fraction)))
    for index in chosen:
        document = json.loads(lines[index])
        document["text"] += "\n\nOfficials said talks would resume next week."
        lines[index] = json.dumps(document, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(chosen)
