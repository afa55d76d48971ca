"""The actor knowledge base: coverage, folding lookups, actors, ids and its generator."""

from __future__ import annotations

import importlib.util
import re

import pytest

from pipeline.entities import kb_build
from pipeline.kb import KBEntity, KnowledgeBase, knowledge_base, normalize_name


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge_base()


def test_every_un_member_state_with_capital_and_demonym(kb):
    countries = [e for e in kb.entities if e.kind == "country"]
    assert len([c for c in countries if c.kb_id]) >= 193 + 3  # members + Taiwan, Kosovo, Vatican
    assert {"Q30", "Q159", "Q212", "Q148", "Q183", "Q142", "Q145", "Q36"} <= {
        c.kb_id for c in countries
    }
    capitals = [e for e in kb.entities if e.kind == "capital"]
    demonyms = [e for e in kb.entities if e.kind == "demonym"]
    assert len(capitals) >= 185 and len(demonyms) >= 185
    assert all(c.acts_for for c in capitals if c.name != "Ramallah")


@pytest.mark.parametrize(
    ("text", "kb_id", "label", "acts_for"),
    [
        ("the U.S.", "Q30", "GPE", "Q30"),
        ("USA", "Q30", "GPE", "Q30"),
        ("Kiev", "Q1899", "GPE", "Q212"),
        ("Kyiv’s", "Q1899", "GPE", "Q212"),
        ("Côte d'Ivoire", "Q1008", "GPE", "Q1008"),
        ("Cote d’Ivoire", "Q1008", "GPE", "Q1008"),
        ("Donald J. Trump", "Q22686", "PERSON", "Q22686"),
        ("Zelensky", "Q3874799", "PERSON", "Q3874799"),
        ("the Pentagon", "Q11209", "ORG", "Q30"),
        ("North Atlantic Treaty Organization", "Q7184", "ORG", "Q7184"),
        ("Brussels", "Q239", "GPE", "Q458"),  # as an actor, the European Union
    ],
)
def test_lookup_folds_case_accents_periods_and_possessives(kb, text, kb_id, label, acts_for):
    entity = kb.lookup(text)
    assert (entity.kb_id, entity.label, entity.acts_for) == (kb_id, label, acts_for)


def test_actors_without_an_id_still_act_for_their_state(kb):
    kremlin = kb.lookup("Kremlin")
    assert (kremlin.label, kremlin.kind, kremlin.kb_id, kremlin.acts_for) == (
        "ORG",
        "body",
        None,
        "Q159",
    )
    russians = kb.lookup("Russians")
    assert (russians.name, russians.label, russians.acts_for) == ("Russian", "NORP", "Q159")
    assert kb.lookup("Britons").acts_for == "Q145"
    assert kb.lookup("The Hague").acts_for == "Q55"  # a seat of government, not the capital


def test_label_filter_and_get(kb):
    assert kb.lookup("Moscow", label="PERSON") is None
    assert kb.lookup("Moscow", label="GPE").kb_id == "Q649"
    assert kb.get("Q7747").name == "Vladimir Putin"
    assert kb.get("Q0") is None


def test_ambiguous_forms_and_short_forms(kb):
    assert kb.is_ambiguous("Jordan") and kb.is_ambiguous("georgia")
    assert not kb.is_ambiguous("Ukraine")
    rubio = kb.lookup("Marco Rubio")
    assert kb.is_short(rubio, "Rubio") and not kb.is_short(rubio, "Marco Rubio")


def test_ids_are_wikidata_ids_and_unique(kb):
    ids = [e.kb_id for e in kb.entities if e.kb_id]
    assert all(re.fullmatch(r"Q[1-9]\d*", i) for i in ids)
    assert len(ids) == len(set(ids))
    assert all(e.acts_for is None or re.fullmatch(r"Q[1-9]\d*", e.acts_for) for e in kb.entities)


def test_normalize_name():
    assert normalize_name("The  U.S.’s") == "us"
    assert normalize_name("J. D. Vance") == normalize_name("JD Vance")
    assert normalize_name("São Tomé") == "sao tome"


def test_a_small_knowledge_base_prefers_countries():
    entities = [
        KBEntity("Q1", "Georgia", "GPE", (), "Q1", "country"),
        KBEntity(None, "Georgia Smith", "PERSON", ("Georgia",), None, "person"),
    ]
    kb = KnowledgeBase(entities, ambiguous=frozenset({"Georgia"}))
    assert kb.lookup("georgia").kind == "country"
    assert kb.lookup("Georgia", label="PERSON").name == "Georgia Smith"
    assert len(kb.candidates("Georgia")) == 2


@pytest.mark.skipif(
    not (importlib.util.find_spec("country_converter") and importlib.util.find_spec("countryinfo")),
    reason="country packages not installed",
)
def test_shipped_country_file_matches_the_packages():
    assert kb_build.main(["--check"]) == 0
