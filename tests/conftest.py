"""Shared fixtures: paths to the project corpus and the shared gold data, a CLI runner,
the real pipeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_MD = CORPUS / "seed-trump-second-term-russia-ukraine-pivot.md"
SHARED = ROOT.parent / "shared"
SEED_GOLD = SHARED / "eval" / "seed.gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    """The product's pipeline on the real model, loaded once per test run."""
    from pipeline.nlp import cached_nlp

    return cached_nlp()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of corpus/ that a test may add to, edit and delete from."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.fixture
def seed_text() -> str:
    """The seed article body: the gold text when shared/ is present, else the corpus file's."""
    if SEED_GOLD.exists():
        return json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])["text"]
    body = SEED_MD.read_text(encoding="utf-8").split("---\n", 2)[2]
    return body.strip()
