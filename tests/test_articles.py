"""A one-word name after "the" is no person (`pipeline/entities/articles.py`)."""

from __future__ import annotations

import pytest


def _labels(nlp, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The Majlis passed the bill on Sunday after a long debate.", "Majlis", "ORG"),
        ("The Tatmadaw seized power in a coup.", "Tatmadaw", "ORG"),
        ("Refugees waded across the Drina at dawn.", "Drina", "LOC"),
        ("The army withdrew beyond the Litani in 2000.", "Litani", "LOC"),
        ("The bridge over the Sava was destroyed.", "Sava", "LOC"),
    ],
)
def test_a_word_after_the_is_a_body_or_a_place(nlp, text, name, label):
    assert _labels(nlp, text).get(name) == label


def test_a_person_after_the_stays_where_the_name_modifies_a_noun(nlp):
    labels = _labels(nlp, "Officials of the Kowalczyk government met Anna Nowak in Warsaw.")
    assert labels.get("Kowalczyk") != "ORG" and labels.get("Kowalczyk") != "LOC"


def test_a_family_named_by_the_plural_of_a_surname_stays_a_person(nlp):
    text = "Leopold Mozart toured Europe with his children. The Mozarts reached London in 1764."
    assert _labels(nlp, text).get("Mozarts") == "PERSON"


def test_a_word_a_demonstrative_points_at_names_nothing(nlp):
    text = "We, the leaders, welcome Finland to this Summit as a full member."
    labels = _labels(nlp, text)  # the model: "Summit" ORG
    assert "Summit" not in labels and labels.get("Finland") == "GPE"
    assert "Summit" not in _labels(nlp, "At this Summit, we agreed to strengthen deterrence.")
