"""Names inside hyphenated compounds: "U.S.-China", "Marshall Islands-flagged" (the
tokenizer setting in `pipeline/nlp.py`, `_hyphenated` in the entity component)."""

from __future__ import annotations

import spacy

from pipeline.nlp import _split_dotted_compounds


def _ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_a_hyphen_after_an_abbreviation_splits_like_any_other():
    nlp = spacy.blank("en")
    assert [t.text for t in nlp("U.S.-China talks")] == ["U.S.-China", "talks"]
    _split_dotted_compounds(nlp)
    assert [t.text for t in nlp("U.S.-China talks")] == ["U.S.", "-", "China", "talks"]
    assert [t.text for t in nlp("a D.C.-based group")] == ["a", "D.C.", "-", "based", "group"]
    # no period before the hyphen: unchanged
    assert [t.text for t in nlp("well-known co-op")] == ["well", "-", "known", "co", "-", "op"]


def test_both_countries_of_a_dotted_compound_are_found(nlp):
    ents = _ents(nlp, "The U.S.-China trade talks resumed, and the U.S.-led coalition met.")
    assert ents.count(("U.S.", "GPE")) == 2 and ("China", "GPE") in ents


def test_a_place_before_a_lower_case_participle_is_the_place(nlp):
    text = (
        "Treasury named two tankers, one Marshall Islands-flagged and one Cook Islands-flagged, "
        "and a Seychelles-registered firm."
    )
    ents = dict(_ents(nlp, text))
    assert ents.get("Marshall Islands") == "GPE"
    assert ents.get("Cook Islands") in ("GPE", "LOC")  # a territory: either is a place


def test_a_name_glued_to_another_name_stays_inside_its_compound(nlp):
    ents = _ents(nlp, "German-American trade grew, said the Franco-German council.")
    assert ("German", "NORP") not in ents


def test_rivers_and_straits_are_locations(nlp):
    ents = _ents(nlp, "Barges moved along the Danube, and tankers crossed the Bosphorus.")
    assert ("Danube", "LOC") in ents and ("Bosphorus", "LOC") in ents


def test_a_weapon_before_a_lower_case_word_is_the_weapon(nlp):
    ents = _ents(nlp, "Iran supplied Shahed-series drones and Orlan-10 parts to Russia.")
    assert ("Shahed", "PRODUCT") in ents and ("Orlan-10", "PRODUCT") in ents


def test_a_region_the_kb_calls_a_location_is_no_polity(nlp):
    ents = _ents(nlp, "The UK sanctioned gang leaders based in the Balkans and North Africa.")
    assert ("North Africa", "LOC") in ents  # the model: GPE
