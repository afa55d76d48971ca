"""Named ships and a maker's models are one PRODUCT each (`pipeline/entities/products.py`)."""

from __future__ import annotations


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


def test_a_maker_before_a_model_number_is_the_model(nlp):
    found = labels(
        nlp, "Ryanair ordered 100 Boeing 737-800 jets and ten Airbus A330-200 freighters."
    )
    assert found.get("Boeing 737-800") == "PRODUCT"
    assert found.get("Airbus A330-200") == "PRODUCT"
    assert found.get("Ryanair") == "ORG"


def test_a_bare_number_after_an_unknown_name_counts_something():
    import spacy

    from pipeline.entities.corrections import Cand
    from pipeline.entities.products import maker_models
    from pipeline.entities.tokens import TokenView
    from pipeline.kb import knowledge_base

    view = TokenView(spacy.blank("en")("Apple 500 shares and Boeing 2008 results ; Embraer E195"))
    boeing = Cand(4, 5, "ORG", entity=knowledge_base().lookup("Boeing"))
    cands = [Cand(0, 1, "ORG"), Cand(1, 2, "CARDINAL"), boeing, Cand(5, 6, "DATE")]
    cands.append(Cand(8, 9, "ORG"))
    found = [(view.text_of(c.start, c.end), c.label) for c in maker_models(view, cands)]
    assert found == [
        ("Apple", "ORG"),
        ("500", "CARDINAL"),
        ("Boeing", "ORG"),  # a four-digit number is a year
        ("2008", "DATE"),
        ("Embraer E195", "PRODUCT"),  # a lettered model after any organization
    ]


def test_a_name_before_a_parenthesized_flag_is_a_ship(nlp):
    text = (
        "Vessels such as JAYA (Marshall Islands-flagged), PHONIX (Guyana-flagged) and "
        "BERTHA (Cook Islands-flagged) carried oil."
    )
    ents = {e.text: e.label_ for e in nlp(text).ents}
    assert [ents.get(name) for name in ("JAYA", "PHONIX", "BERTHA")] == ["PRODUCT"] * 3
    assert ents.get("Marshall Islands") == "GPE"


def test_a_ship_word_inside_a_company_name_is_no_cue(nlp):
    text = "Treasury designated India-based Vision Ship Management LLP on Tuesday."
    ents = {e.text: e.label_ for e in nlp(text).ents}
    assert ents.get("Vision Ship Management LLP") == "ORG"
    assert "PRODUCT" not in ents.values()
