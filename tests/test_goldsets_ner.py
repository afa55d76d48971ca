"""WikiGold and MEANTIME readers: exchange-format documents whose offsets slice the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.goldsets import read_gold
from pipeline.goldsets.meantime import read_meantime
from pipeline.goldsets.wikigold import read_wikigold

FIXTURES = Path(__file__).parent / "fixtures"
EVAL_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-data"


def spans_of(doc: dict, label: str | None = None) -> list[tuple[str, str]]:
    return [(s["text"], s["label"]) for s in doc["spans"] if label in (None, s["label"])]


def assert_offsets(docs: list[dict]) -> None:
    for doc in docs:
        for span in doc["spans"]:
            assert doc["text"][span["start"] : span["end"]] == span["text"]


def test_wikigold_documents_sentences_and_labels():
    docs = read_wikigold(FIXTURES / "wikigold_sample.conll")
    assert len(docs) == 2  # the trailing -DOCSTART- opens no empty document
    first, second = docs
    assert first["text"].split("\n")[1] == "Solberg worked for Nordic Pictures ."
    assert spans_of(first) == [
        ("Harbour Lights", "NORP"),
        ("Norwegian", "NORP"),
        ("Bergen", "GPE"),
        ("Ingrid Solberg", "PERSON"),
        ("Solberg", "PERSON"),
        ("Nordic Pictures", "ORG"),
    ]
    bergen = next(s for s in first["spans"] if s["text"] == "Bergen")
    assert bergen["alt_labels"] == ["LOC", "FAC"]
    assert "WORK_OF_ART" in first["spans"][0]["alt_labels"]
    # IOB1: B- separates two adjacent organizations
    assert spans_of(second) == [("Celtic", "ORG"), ("Rangers", "ORG"), ("Hampden Park", "GPE")]
    assert_offsets(docs)


def test_wikigold_is_the_default_for_conll_files():
    docs = read_gold(FIXTURES / "wikigold_sample.conll")
    assert docs[0]["id"] == "wikigold:1"


def test_meantime_text_mentions_and_timexes():
    [doc] = read_meantime(FIXTURES / "meantime_sample.xml")
    lines = doc["text"].split("\n")
    # headline, date line, annotated sentence; the unannotated last sentence is cut
    assert lines == [
        "Harbor Freight buys Kestrel jets",
        "May 4 , 2011",
        "Harbor Freight chief Lena Ortiz said on Tuesday that Brazil will build the Kestrel"
        " shares .",
    ]
    assert doc["meta"]["published"] == "2011-05-04"
    required = [(s["text"], s["label"]) for s in doc["spans"] if not s.get("optional")]
    assert required == [
        ("Harbor Freight", "ORG"),
        ("Kestrel", "PRODUCT"),
        ("Harbor Freight", "ORG"),  # unlinked: typed by the same words elsewhere
        ("Lena Ortiz", "PERSON"),
        ("Tuesday", "TIMEX"),
        ("Brazil", "GPE"),
    ]
    optional = {s["text"] for s in doc["spans"] if s.get("optional")}
    # nested, FIN, and the date line (the DCT, left out of MEANTIME's annotation)
    assert optional == {"Harbor Freight chief Lena Ortiz", "Kestrel shares", "May 4 , 2011"}
    [timex] = [s for s in doc["spans"] if s["label"] == "TIMEX" and not s.get("optional")]
    assert (timex["timex_type"], timex["value"]) == ("DATE", "2011-05-03")
    brazil = next(s for s in doc["spans"] if s["text"] == "Brazil")
    assert brazil["alt_labels"] == ["LOC", "FAC"]
    assert_offsets([doc])


def test_meantime_folder_is_detected(tmp_path):
    (tmp_path / "topic").mkdir()
    (tmp_path / "topic" / "a.xml").write_bytes((FIXTURES / "meantime_sample.xml").read_bytes())
    [doc] = read_gold(tmp_path)
    assert doc["id"] == "meantime:900001"


@pytest.mark.skipif(not (EVAL_DATA / "wikigold").exists(), reason="shared/eval-data missing")
def test_full_wikigold_counts_match_its_readme():
    docs = read_wikigold(EVAL_DATA / "wikigold" / "wikigold.conll.txt")
    assert len(docs) == 145
    assert sum(len(d["spans"]) for d in docs) == 3558
    assert sum(d["text"].count("\n") + 1 for d in docs) == 1696
    assert_offsets(docs)


@pytest.mark.skipif(not (EVAL_DATA / "meantime-en").exists(), reason="shared/eval-data missing")
def test_full_meantime_keeps_every_timex_and_named_mention():
    docs = read_meantime(EVAL_DATA / "meantime-en")
    assert len(docs) == 120
    timexes = [s for d in docs for s in d["spans"] if s["label"] == "TIMEX"]
    assert len([t for t in timexes if not t.get("optional")]) == 370
    # the date lines: the creation time written in the text, optional in our gold
    assert all(t["value"] for t in timexes if t.get("optional"))
    named = [s for d in docs for s in d["spans"] if s["label"] != "TIMEX"]
    assert len(named) == 1013
    assert sum(d["meta"]["published"] is not None for d in docs) >= 118
    assert_offsets(docs)
