"""The TimeML reader and `statecraft eval-timeml`, on a small fixture written for these
tests (tests/fixtures/timeml/) and, when present, on TempEval-3's TimeBank and AQUAINT."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import cli
from pipeline.goldsets import detect_format, read_gold
from pipeline.goldsets.timeml import read_timeml
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "timeml"
TBAQ = SHARED / "eval-data" / "tempeval3-tbaq-cleaned"


def test_reader_text_dct_and_spans():
    docs = read_timeml(FIXTURES)
    assert [d["id"] for d in docs] == ["embargo", "talks"]  # recursive, sorted by path
    embargo, talks = docs
    assert embargo["meta"]["published"] == "2025-08-05"  # the date part of the DCT value
    assert talks["meta"]["published"] == "2024-03-15"
    # tags removed, entities decoded, every character kept (including the newlines)
    assert embargo["text"] == (
        "\nOfficials said on Monday that the embargo of 1990 will end within six months.\n"
        "AT&T shares rose 3% last year. The review could take a while.\n"
    )
    assert "stalemate <sic>." in talks["text"]
    for doc in docs:
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]
            assert span["label"] == "TIMEX"
    assert [(s["text"], s["timex_type"], s["value"]) for s in embargo["spans"]] == [
        ("Monday", "DATE", "2025-08-04"),
        ("1990", "DATE", "1990"),
        ("six months", "DURATION", "P6M"),
        ("a while", "DURATION", "PXY"),
    ]
    # the empty TIMEX3 at the end of "talks" has no extent and is not a gold span
    assert [s["text"] for s in talks["spans"]] == [
        "Now",
        "next week",
        "the past three years",
        "day",
    ]
    assert talks["spans"][0]["start"] == 1


def test_reader_single_file_and_detection():
    single = read_timeml(FIXTURES / "wire" / "talks.tml")
    assert [d["id"] for d in single] == ["talks"]
    assert detect_format(FIXTURES) == "timeml"
    assert read_gold(FIXTURES) == read_timeml(FIXTURES)


def test_reader_rejects_broken_files(tmp_path):
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>unclosed</TimeML>", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.tml"):
        read_timeml(broken)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no .tml files"):
        read_timeml(tmp_path / "empty")
    with pytest.raises(ValueError, match="no such file"):
        read_timeml(tmp_path / "missing")


def test_eval_timeml_on_fixture(runner):
    """Figures worked out by hand. Gold: 8 expressions. The tagger finds Monday, 1990, six
    months, Now, next week and the past three years exactly; "the day before" overlaps gold
    "day" (relaxed, not strict) but is resolved against "next week", not the DCT; "last year"
    is not in the gold (FP) and "a while" is missed (FN)."""
    result = runner.invoke(cli, ["eval-timeml", str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    m = json.loads(result.output)
    assert m["documents"] == {"gold": 2, "paired": 2}
    assert (m["relaxed"]["tp"], m["relaxed"]["fp"], m["relaxed"]["fn"]) == (7, 1, 1)
    assert m["relaxed"]["f1"] == pytest.approx(7 / 8)
    assert (m["strict"]["tp"], m["strict"]["fp"], m["strict"]["fn"]) == (6, 2, 2)
    assert m["type_accuracy"] == 1.0
    assert m["value_accuracy"] == pytest.approx(6 / 7)
    assert m["te3_value_f1"] == pytest.approx(6 / 7 * 7 / 8)
    assert (m["value"]["tp"], m["value"]["fp"], m["value"]["fn"]) == (6, 2, 2)
    table = runner.invoke(cli, ["eval-timeml", str(FIXTURES), "--limit", "1"])
    assert table.exit_code == 0 and "documents: 1 gold, 1 paired" in table.output


@pytest.mark.skipif(not TBAQ.exists(), reason="shared eval data not present")
def test_reader_on_tempeval3_training_data():
    """Counts from ../shared/eval-data/README.md: 183 + 73 documents, 1,243 + 579 TIMEX3."""
    timebank = read_timeml(TBAQ / "TimeBank")
    aquaint = read_timeml(TBAQ / "AQUAINT")
    assert (len(timebank), sum(len(d["spans"]) for d in timebank)) == (183, 1243)
    assert (len(aquaint), sum(len(d["spans"]) for d in aquaint)) == (73, 579)
    for doc in timebank + aquaint:
        assert doc["meta"]["published"]
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.skipif(not TBAQ.exists(), reason="shared eval data not present")
def test_quality_floor_on_timebank_sample(runner):
    """A regression guard on 20 TimeBank documents (the full figures are in the README)."""
    result = runner.invoke(cli, ["eval-timeml", str(TBAQ / "TimeBank"), "--json", "--limit", "20"])
    assert result.exit_code == 0, result.output
    m = json.loads(result.output)
    assert m["relaxed"]["f1"] >= 0.88
    assert m["te3_value_f1"] >= 0.72
