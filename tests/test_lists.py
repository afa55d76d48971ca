"""A list's names share a label; an alias takes the label of what it names
(`pipeline/entities/lists.py`)."""

from __future__ import annotations

import spacy

from pipeline.entities.corrections import Cand
from pipeline.entities.lists import alias_labels, harmonize_lists, name_lists, place_chains
from pipeline.entities.tokens import TokenView
from pipeline.kb import knowledge_base


def _view(text: str) -> TokenView:
    return TokenView(spacy.blank("en")(text))


def test_lists_are_names_parted_only_by_commas_and_conjunctions():
    view = _view("Ann Lee , Bo Chen and Cy Park met Dee Roe in Oslo ; Rome , Paris")
    a, b, c = Cand(0, 2, "PERSON"), Cand(3, 5, "PERSON"), Cand(6, 8, "PERSON")
    d, oslo = Cand(9, 11, "PERSON"), Cand(12, 13, "GPE")
    rome, paris = Cand(14, 15, "GPE"), Cand(16, 17, "GPE")
    runs = name_lists(view, [a, b, c, d, oslo, rome, paris])
    assert runs == [[a, b, c], [oslo, rome, paris]]  # "met", "in" part the names


def test_a_member_takes_the_label_three_others_share():
    view = _view("Mali , Chad , Niger and Togo")
    cands = [Cand(0, 1, "GPE"), Cand(2, 3, "GPE"), Cand(4, 5, "PERSON"), Cand(6, 7, "GPE")]
    harmonize_lists(view, cands)
    assert [c.label for c in cands] == ["GPE"] * 4


def test_short_or_split_lists_keep_their_labels():
    view = _view("Apple , Google and Tim Cook")
    cands = [Cand(0, 1, "ORG"), Cand(2, 3, "ORG"), Cand(4, 6, "PERSON")]
    harmonize_lists(view, cands)  # two agreeing members are too few
    assert [c.label for c in cands] == ["ORG", "ORG", "PERSON"]
    view = _view("Ann , Bo , Cy , Dee , Eve and Fay")
    labels = ["PERSON", "PERSON", "PERSON", "ORG", "GPE", "PERSON"]
    cands = [Cand(2 * i, 2 * i + 1, label) for i, label in enumerate(labels)]
    harmonize_lists(view, cands)  # two dissenters: no agreement to follow
    assert [c.label for c in cands] == labels


def test_a_list_of_countries_in_a_real_sentence(nlp):
    doc = nlp("The force draws troops from Burkina Faso, Chad, Mali, Mauritania and Niger.")
    assert {e.text: e.label_ for e in doc.ents}["Niger"] == "GPE"  # the model: PERSON


def test_an_alias_takes_the_label_of_the_name_before_it():
    view = _view("led by Ahmed Karim , known as Tamba . Tamba fled , nicknamed Fox")
    named, alias, again = Cand(2, 4, "PERSON"), Cand(7, 8, "ORG"), Cand(9, 10, "ORG")
    other = Cand(13, 14, "GPE")  # "nicknamed" follows no name: nothing to take
    cands = [named, alias, again, other]
    alias_labels(view, cands)
    assert [c.label for c in cands] == ["PERSON", "PERSON", "PERSON", "GPE"]


def test_an_alias_in_a_real_sentence(nlp):
    doc = nlp("The militia is led by Ahmed Musa Karim, known as Tamba, who fled to the north.")
    assert {e.text: e.label_ for e in doc.ents}["Tamba"] == "PERSON"  # the model: ORG


def _known(start: int, end: int, name: str) -> Cand:
    entity = knowledge_base().lookup(name)
    return Cand(start, end, entity.label, entity=entity)


def test_names_before_a_known_place_parted_by_commas_are_places():
    view = _view("a suburb of Blackburn , Lancashire , England . Torrejon Air Base , Spain")
    blackburn, lancashire = Cand(3, 4, "PERSON"), Cand(5, 6, "ORG")
    base = Cand(10, 13, "ORG")  # a longer organization or a facility stands
    cands = [blackburn, lancashire, _known(7, 8, "England"), base, _known(14, 15, "Spain")]
    place_chains(view, cands)
    assert [c.label for c in cands] == ["GPE", "GPE", "GPE", "ORG", "GPE"]


def test_a_list_ending_in_a_country_is_no_chain():
    view = _view("Apple , Google and China . Acme , China , Chad and Mali")
    apple, google = Cand(0, 1, "ORG"), Cand(2, 3, "ORG")
    acme = Cand(6, 7, "ORG")
    cands = [apple, google, _known(4, 5, "China"), acme, _known(8, 9, "China")]
    cands += [_known(10, 11, "Chad"), _known(12, 13, "Mali")]
    place_chains(view, cands)
    assert (apple.label, google.label, acme.label) == ("ORG", "ORG", "ORG")


def test_a_place_chain_in_a_real_sentence(nlp):
    doc = nlp("The company moved its plant to Grantham, Lincolnshire, England last year.")
    found = {e.text: e.label_ for e in doc.ents}
    assert (found["Grantham"], found["Lincolnshire"]) == ("GPE", "GPE")  # the model: ORG


def test_where_a_worker_works_is_an_organization(nlp):
    text = "The deal was approved, said Karen Lowe, an economist with Morrow Holden in London."
    found = {e.text: e.label_ for e in nlp(text).ents}
    assert found["Morrow Holden"] == "ORG"  # the model: PERSON
    assert found["Karen Lowe"] == "PERSON"
    # a verb of working is no worker: the person stays a person
    found = {e.text: e.label_ for e in nlp("She worked with John Smith for years.").ents}
    assert found["John Smith"] == "PERSON"


def test_initials_spell_an_acronym():
    from pipeline.entities.lists import _phrase_words, _spells

    view = _view("the Movement for the Survival of the Ogoni People ( MOSOP )")
    words = tuple(_phrase_words(view, 1, 9))
    assert _spells(words, "MOSOP")  # "MOvement": a name word may spell two letters
    assert not _spells(words, "MSX")
    view = _view("Organization for Security and Co-operation in Europe")
    assert _spells(tuple(_phrase_words(view, 0, len(view))), "OSCE")


def test_a_phrase_an_acronym_defines_is_a_name(nlp):
    text = (
        "Police fired on a march by the Movement for the Defence of the Ijaw Fishermen "
        "( MODIF ) on Wednesday , and MODIF leaders fled ."
    )
    found = [(e.text, e.label_) for e in nlp(text).ents]
    assert ("Movement for the Defence of the Ijaw Fishermen", "ORG") in found  # the model: none
    assert found.count(("MODIF", "ORG")) == 2
    # common words capitalized for emphasis define no name
    doc = nlp("Exports of Liquefied Natural Gas (LNG) rose, the ministry said.")
    assert "Liquefied Natural Gas" not in {e.text for e in doc.ents}


def test_an_arabic_name_with_particles_spells_its_acronym(nlp):
    text = (
        "Attacks near the border were claimed by Harakat Ansar al-Din wal Mujahidin (HADM) "
        "on Sunday."
    )
    found = {e.text: e.label_ for e in nlp(text).ents}
    assert found.get("Harakat Ansar al-Din wal Mujahidin") == "ORG"  # the model: two persons
