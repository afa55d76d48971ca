"""Export (JSONL round trip, CSV, Parquet) and `statecraft eval` on the seed gold."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import cli
from tests.conftest import SEED_GOLD


def _build(runner, db_path: Path, *sources: Path) -> None:
    result = runner.invoke(cli, ["build", *map(str, sources), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output


def _annotations(path: Path) -> dict:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {d["id"]: (d["text"], d["meta"], d["spans"]) for d in docs}


def test_jsonl_export_round_trip(runner, corpus_copy, tmp_path):
    (corpus_copy / "b.txt").write_text("Germany sent tanks to Ukraine in January 2023.\n")
    first_db, second_db = tmp_path / "one.db", tmp_path / "two.db"
    _build(runner, first_db, corpus_copy)
    first = tmp_path / "one.jsonl"
    assert runner.invoke(cli, ["export", "--db", str(first_db), "-o", str(first)]).exit_code == 0

    _build(runner, second_db, first)  # the export is valid build input
    second = tmp_path / "two.jsonl"
    assert runner.invoke(cli, ["export", "--db", str(second_db), "-o", str(second)]).exit_code == 0
    assert _annotations(first) == _annotations(second)

    seed = _annotations(first)["seed-trump-second-term-russia-ukraine-pivot"]
    text, meta, spans = seed
    assert meta["section"] == ["Politics", "Security"] and meta["author"] == "Mohamed Sakhri"
    assert {s["label"] for s in spans} >= {"PERSON", "GPE", "TIMEX"}
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
    timex = [s for s in spans if s["label"] == "TIMEX"]
    assert all(s["timex_type"] in {"DATE", "TIME", "DURATION", "SET"} for s in timex)


def test_jsonl_to_stdout(runner, corpus_copy, tmp_path):
    _build(runner, tmp_path / "s.db", corpus_copy)
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0
    [line] = result.output.splitlines()
    assert json.loads(line)["id"] == "seed-trump-second-term-russia-ukraine-pivot"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_table_export(runner, corpus_copy, tmp_path, fmt):
    _build(runner, tmp_path / "s.db", corpus_copy)
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["export", "--db", str(tmp_path / "s.db"), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    mentions = read(out / f"entity_mentions.{fmt}")
    assert {"document_id", "start", "end", "text", "label", "entity_id"} <= set(mentions.columns)
    assert (mentions["document_id"] == "seed-trump-second-term-russia-ukraine-pivot").all()
    assert len(read(out / f"documents.{fmt}")) == 1
    assert (out / f"instrument_mentions.{fmt}").exists()


def test_export_without_database_is_one_line_error(runner, tmp_path):
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'missing.db'}: no such database (run `statecraft build` first)"
    ]


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared/eval not present")
def test_eval_on_seed_gold(runner, tmp_path):
    predictions = tmp_path / "pred.jsonl"
    result = runner.invoke(
        cli, ["eval", str(SEED_GOLD), "--json", "--predictions", str(predictions)]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["documents"] == {"gold": 1, "paired": 1}
    assert metrics["entities"]["f1"] > 0.6
    assert metrics["timex"]["relaxed"]["recall"] > 0.5
    timex = metrics["timex"]
    assert timex["te3_value_f1"] == pytest.approx(
        (timex["value_accuracy"] or 0) * timex["relaxed"]["f1"]
    )
    [predicted] = [json.loads(line) for line in predictions.read_text().splitlines()]
    gold = json.loads(SEED_GOLD.read_text().splitlines()[0])
    assert predicted["text"] == gold["text"]

    report = runner.invoke(cli, ["eval", str(SEED_GOLD)])
    assert report.exit_code == 0 and "entities" in report.output.lower()


def test_every_command_has_help(runner):
    for command in ([], ["build"], ["export"], ["eval"], ["serve"]):
        result = runner.invoke(cli, [*command, "-h"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_eval_raw_scores_the_base_model_alone(runner):
    """`--raw` is the baseline: no linking, no dates or instruments layer, lower F1."""
    full = json.loads(runner.invoke(cli, ["eval", str(SEED_GOLD), "--json"]).output)
    result = runner.invoke(cli, ["eval", str(SEED_GOLD), "--json", "--raw"])
    assert result.exit_code == 0, result.output
    raw = json.loads(result.output)
    assert raw["entities"]["f1"] < full["entities"]["f1"]
    assert raw["entities"]["kb_id_accuracy"] == 0 < full["entities"]["kb_id_accuracy"]
    assert raw["instruments"]["tp"] == 0 and full["instruments"]["tp"] > 0


def test_headline_in_capitals_keeps_offsets():
    from pipeline.goldsets import headline_in_capitals, read_gold

    fixture = Path(__file__).parent / "fixtures" / "wikigold_sample.conll"
    docs = headline_in_capitals(read_gold(fixture))
    first_line = docs[0]["text"].split("\n")[0]
    assert first_line == "HARBOUR LIGHTS IS A NORWEGIAN FILM SHOT IN BERGEN BY INGRID SOLBERG ."
    assert docs[0]["text"].split("\n")[1] == "Solberg worked for Nordic Pictures ."
    for doc in docs:
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_eval_caps_headlines(runner):
    fixture = Path(__file__).parent / "fixtures" / "wikigold_sample.conll"
    args = ["eval", str(fixture), "--format", "wikigold", "--json", "--caps-headlines"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    entities = json.loads(result.output)["entities"]
    assert entities["tp"] + entities["fn"] == 9
