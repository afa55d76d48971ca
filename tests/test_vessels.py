"""Named ships are one PRODUCT each (`pipeline/entities/vessels.py`)."""

from __future__ import annotations

import pytest

from pipeline.nlp import cached_nlp


@pytest.fixture(scope="module")
def nlp():
    return cached_nlp()


def labels(nlp, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in nlp(text).ents}


def test_a_name_after_a_flag_is_a_ship(nlp):
    found = labels(
        nlp,
        "OFAC also identified the Panama-flagged tanker Sea Falcon and the "
        "Togo-flagged Maple Star as blocked property.",
    )
    # the model read one as a facility and the other as a person
    assert found["Sea Falcon"] == "PRODUCT"
    assert found["Maple Star"] == "PRODUCT"
    assert found["Panama"] == "GPE" and found["Togo"] == "GPE"


def test_every_name_listed_after_a_ship_noun_is_a_ship(nlp):
    found = labels(nlp, "The department named the tankers Orion, Delta Queen and Blue Lotus 3.")
    assert {name: found.get(name) for name in ("Orion", "Delta Queen", "Blue Lotus 3")} == {
        "Orion": "PRODUCT",
        "Delta Queen": "PRODUCT",
        "Blue Lotus 3": "PRODUCT",
    }


def test_no_ship_without_a_name_or_where_a_known_actor_follows(nlp):
    found = labels(nlp, "Brokers ship Iranian oil to China through the tankers Iran operates.")
    assert "PRODUCT" not in found.values()  # "ship" is a verb; Iran is a country
    assert found["Iran"] == "GPE"
    assert "PRODUCT" not in labels(nlp, "The vessel left port on Tuesday.").values()
