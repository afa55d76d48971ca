"""Unit tests of the pure functions behind the build: chunking, canonical names, values."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.chunking import split_chunks
from pipeline.rows import canonical_name, doc_to_rows, entity_key, value_parts


@pytest.mark.parametrize("max_chars", [1, 7, 40, 100, 1000])
def test_chunks_concatenate_back_and_respect_the_limit(max_chars):
    text = "First paragraph here.\n\nSecond one, longer than the first.\nA line.\n\nEnd."
    chunks = split_chunks(text, max_chars)
    assert "".join(c for _, c in chunks) == text
    assert all(text[o : o + len(c)] == c for o, c in chunks)
    assert all(len(c) <= max_chars for _, c in chunks)


def test_chunks_prefer_paragraph_breaks():
    text = "a" * 30 + "\n\n" + "b" * 30 + "\n\n" + "c" * 30
    assert [c for _, c in split_chunks(text, 70)] == [
        "a" * 30 + "\n\n" + "b" * 30 + "\n\n",
        "c" * 30,
    ]
    with pytest.raises(ValueError):
        split_chunks(text, 0)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the White House", "White House"),
        ("Putin’s", "Putin"),
        ("Trump's", "Trump"),
        ("  Donald\n Trump ", "Donald Trump"),
        ("NATO", "NATO"),
    ],
)
def test_canonical_name(text, name):
    assert canonical_name(text) == name


def test_entity_key_folds_case_and_accents_but_keeps_label():
    assert entity_key("Mohamed SAKHRI", "PERSON") == entity_key("Mohamed Sakhri", "PERSON")
    assert entity_key("Zelenskyy", "PERSON") == entity_key("ZELENSKYY", "PERSON")
    assert entity_key("Erdoğan", "PERSON") == entity_key("Erdogan", "PERSON")
    assert entity_key("Jordan", "PERSON") != entity_key("Jordan", "GPE")


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("2022-02-24", (2022, 2, 24)),
        ("2025-07", (2025, 7, None)),
        ("2014", (2014, None, None)),
        ("P6M", (None, None, None)),
        (None, (None, None, None)),
        ("XXXX-02-24", (None, None, None)),
    ],
)
def test_value_parts(value, parts):
    assert value_parts(value) == parts


def test_doc_to_rows_offsets_and_sentences_with_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Paris is big. Berlin too.")
    doc.ents = [doc.char_span(0, 5, label="GPE"), doc.char_span(14, 20, label="GPE")]
    rows = doc_to_rows(doc, offset=100, sentence_base=3)
    assert [(s["idx"], s["start"], s["text"]) for s in rows["sentences"]] == [
        (3, 100, "Paris is big."),
        (4, 114, "Berlin too."),
    ]
    assert [(e["start"], e["end"], e["sentence"], e["entity_id"]) for e in rows["entities"]] == [
        (100, 105, 3, "GPE:paris"),
        (114, 120, 4, "GPE:berlin"),
    ]


def test_python_dash_m_pipeline_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "-h"], capture_output=True, text=True, check=True
    )
    assert "build" in result.stdout and "serve" in result.stdout


def test_instruments_are_dated_by_the_nearest_expression_in_their_sentence():
    from pipeline.rows import date_instruments

    dates = [
        {
            "sentence": 0,
            "start": 5,
            "year": 2019,
            "value": "2019",
            "value_start": None,
            "text": "2019",
        },
        {
            "sentence": 0,
            "start": 60,
            "year": 2022,
            "value": "2022-03",
            "value_start": None,
            "text": "March 2022",
        },
        {
            "sentence": 1,
            "start": 90,
            "year": None,
            "value": "P6M",
            "value_start": None,
            "text": "six months",
        },
    ]
    instruments = [
        {"sentence": 0, "start": 50},
        {"sentence": 1, "start": 95},
        {"sentence": 2, "start": 130},
    ]
    date_instruments(instruments, dates, "2025-08-05")
    assert [(m["dated"], m["dated_year"], m["dated_by"]) for m in instruments] == [
        ("2022-03", 2022, "March 2022"),
        ("2025-08-05", 2025, "publication date"),  # a duration does not date anything
        ("2025-08-05", 2025, "publication date"),
    ]
    undated = [{"sentence": 2, "start": 0}]
    date_instruments(undated, dates, None)
    assert undated[0]["dated"] is None


@settings(deadline=None)  # the first example loads the model
@given(st.text(max_size=300))
def test_the_tokenizer_keeps_every_character(text):
    """`tagging` hands each Doc the string it was made from as its text (`remember_text`);
    that is only right because spaCy's tokenizer never drops or changes a character."""
    from pipeline.entities.tokens import doc_text, remember_text
    from pipeline.nlp import cached_nlp

    doc = cached_nlp().make_doc(text)  # the real model's tokenizer, special cases and all
    assert doc.text == text
    remember_text(doc, text)
    assert doc_text(doc) == doc.text
