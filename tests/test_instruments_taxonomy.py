"""The instrument taxonomy, the CAMEO/PLOVER crosswalk, the lookup-table rows and the
component's serialization: no parser needed, except where a hand-built Doc carries one.
"""

from __future__ import annotations

import copy
import json

import pytest
import spacy
from spacy.tokens import Doc, Span

import pipeline.components  # noqa: F401  (registers the factories)
from pipeline.instruments import ACTIONS, INSTRUMENTS, InstrumentTagger, instrument_types
from pipeline.instruments.actors import DocParties
from pipeline.instruments.measures import as_written
from pipeline.instruments.taxonomy import (
    DEFAULT_PATH,
    build_taxonomy,
    load_taxonomy,
    read_taxonomy_file,
)
from pipeline.rows import entity_key


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture
def raw():
    """A private copy of the taxonomy file's mapping, for tests that break it."""
    return copy.deepcopy(read_taxonomy_file(DEFAULT_PATH))


def test_the_taxonomy_has_the_twelve_types_and_nine_actions_of_the_guidelines(taxonomy):
    assert tuple(taxonomy.instruments) == INSTRUMENTS
    assert len(INSTRUMENTS) == 12 and len(ACTIONS) == 9
    assert all(kind.description for kind in taxonomy.instruments.values())
    assert {t.instrument for t in taxonomy.terms} == set(INSTRUMENTS)  # every type is findable


@pytest.mark.parametrize(
    "instrument, action, subtype, easing, cameo, plover",
    [
        ("sanctions", "announced", None, False, "163", "SANCTION/discontinue/economic"),
        ("sanctions", "threatened", None, False, "1312", "THREATEN/restrict/economic"),
        ("sanctions", "eased", None, True, "085", "RETREAT/ease/economic"),
        ("sanctions", "offered", None, True, "0354", "AGREE//economic"),
        ("sanctions", "demanded", None, True, "1054", "REQUEST/yield/economic"),
        ("sanctions", "rejected", None, True, "1244", "REJECT/yield/economic"),
        ("sanctions", "demanded", None, False, None, None),  # calling for sanctions: no code
        ("military_aid", "announced", None, False, "072", "AID//military"),
        ("economic_aid", "announced", None, False, "071", "AID//economic"),
        ("economic_aid", "announced", "humanitarian", False, "073", "AID//humanitarian"),
        ("ultimatum", "announced", None, False, "139", "THREATEN/relations/diplomatic"),
        ("negotiations", "announced", None, False, "046", "CONSULT//diplomatic"),
        ("negotiations", "offered", None, False, "036", "AGREE//diplomatic"),
        ("negotiations", "rejected", None, False, "125", "REJECT/meet/diplomatic"),
        ("negotiations", "rejected", "settlement", False, "127", "REJECT/meet/diplomatic"),
        ("negotiations", "announced", "ceasefire", False, "0871", "RETREAT/ceasefire/military"),
        ("recognition", "announced", "diplomatic", False, "054", "SUPPORT//diplomatic"),
        (
            "trade_restrictions",
            "announced",
            "embargo",
            False,
            "163",
            "SANCTION/discontinue/economic",
        ),
        ("military_force", "announced", "blockade", False, "191", "COERCE/restrict/military"),
    ],
)
def test_crosswalk_codes(taxonomy, instrument, action, subtype, easing, cameo, plover):
    assert taxonomy.codes(instrument, action, subtype, easing) == (cameo, plover)


@pytest.mark.parametrize(
    "instrument, subtype",
    [
        ("tariffs", None),
        ("trade_restrictions", "controls"),  # export controls
        ("trade_restrictions", "price_cap"),
        ("recognition", "territorial"),  # recognizing an annexation
        ("alliance_membership", None),
    ],
)
def test_instruments_without_a_code_say_so(taxonomy, instrument, subtype):
    for action in ACTIONS:
        for easing in (False, True):
            assert taxonomy.codes(instrument, action, subtype, easing) == (None, None)


def test_every_code_is_a_real_cameo_code_with_its_official_plover_event(taxonomy):
    """CAMEO codes in the table are digit strings whose root (first two digits) is one of
    CAMEO's 20 roots, and PLOVER events are the official categories."""
    events = {
        "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
        "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
    }  # fmt: skip
    coded = [row for row in taxonomy.crosswalk if row.cameo]
    assert len(coded) > 50
    for row in coded:
        assert row.cameo.isdigit() and 1 <= int(row.cameo[:2]) <= 20, row
        assert row.plover and row.plover.split("/")[0] in events, row


def test_instrument_types_rows_are_strings_with_json_values(taxonomy):
    rows = instrument_types(taxonomy)
    assert [r["id"] for r in rows] == list(INSTRUMENTS)
    for row in rows:
        assert set(row) == {"id", "description", "cameo", "plover", "examples"}
        assert all(isinstance(v, str) for v in row.values())
        assert isinstance(json.loads(row["examples"]), list) and json.loads(row["examples"])
    sanctions = rows[0]
    assert json.loads(sanctions["cameo"])["announced"] == "163"
    assert json.loads(sanctions["cameo"])["demanded+easing"] == "1054"
    tariffs = next(r for r in rows if r["id"] == "tariffs")
    assert set(json.loads(tariffs["cameo"]).values()) == {None}


def test_a_yaml_boolean_in_a_word_list_is_an_error(raw):
    raw["targets"]["coercive"] = [True, "against"]  # what an unquoted `on` becomes
    with pytest.raises(ValueError, match="boolean"):
        build_taxonomy(raw)


def test_an_unknown_action_or_a_conflicting_cue_is_an_error(raw):
    broken = copy.deepcopy(raw)
    broken["actions"]["vetoed"] = {"verbs": ["veto"]}
    with pytest.raises(ValueError, match="unknown actions"):
        build_taxonomy(broken)
    raw["actions"]["offered"]["verbs"].append("impose")  # also an "announced" verb
    with pytest.raises(ValueError, match="impose"):
        build_taxonomy(raw)


def test_a_crosswalk_row_with_a_made_up_code_format_is_an_error(raw):
    raw["crosswalk"].append({"instrument": "tariffs", "action": "announced", "cameo": 163})
    with pytest.raises(ValueError, match="string of digits"):
        build_taxonomy(raw)


def test_magnitudes_are_given_from_their_first_number():
    nlp = spacy.blank("en")
    doc = nlp("tariffs of up to 500% and about $61 billion")
    assert as_written(doc[2:6]) == "500%"
    assert as_written(doc[7:11]) == "$61 billion"


def _parsed(words, heads, deps, pos, lemmas, ents):
    """A hand-parsed Doc whose entities carry the entity layer's attributes."""
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    spans = []
    for start, end, label, kb_id, _acts_for in ents:
        span = Span(doc, start, end, label=label, kb_id=kb_id or "")
        spans.append(span)
    doc.ents = spans
    for span, (_s, _e, _l, _kb, acts_for) in zip(doc.ents, ents, strict=True):
        span._.acts_for = acts_for
    return nlp, doc


SENTENCE = {
    "words": ["Washington", "imposed", "sanctions", "on", "Moscow", "."],
    "heads": [1, 1, 1, 2, 3, 1],
    "deps": ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
    "pos": ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
    "lemmas": ["Washington", "impose", "sanction", "on", "Moscow", "."],
}


def test_actor_and_target_come_from_the_entity_layer_attributes():
    for attr in ("acts_for", "canonical_name"):
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    nlp, doc = _parsed(
        **SENTENCE, ents=[(0, 1, "GPE", "Q61", "Q30"), (4, 5, "GPE", "Q649", "Q159")]
    )
    [mention] = InstrumentTagger(nlp.vocab)(doc)
    assert (mention.instrument, mention.action) == ("sanctions", "announced")
    assert (mention.actor, mention.target) == ("Q30", "Q159")  # acts_for, not the city's id
    assert mention.cameo == "163"


def test_without_ids_or_knowledge_base_the_parties_are_canonical_names(monkeypatch):
    monkeypatch.setattr("pipeline.instruments.actors._kb", lambda: None)
    nlp, doc = _parsed(**SENTENCE, ents=[(0, 1, "GPE", None, None), (4, 5, "GPE", None, None)])
    [mention] = InstrumentTagger(nlp.vocab)(doc)
    assert (mention.actor, mention.target) == ("Washington", "Moscow")
    assert mention.actor_entity_id == entity_key("Washington", "GPE")  # joinable to `entities`
    assert DocParties(doc).party(doc.ents[1]).entity_id == entity_key("Moscow", "GPE")


def test_without_ids_the_knowledge_base_gives_the_state_a_name_acts_for():
    nlp, doc = _parsed(**SENTENCE, ents=[(0, 1, "GPE", None, None), (4, 5, "GPE", None, None)])
    [mention] = InstrumentTagger(nlp.vocab)(doc)
    assert mention.target == "Q159"  # pipeline.kb: Moscow acts for Russia


def test_the_component_saves_and_restores_its_taxonomy(tmp_path, taxonomy):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("statecraft_instruments")
    component.initialize(lambda: [], nlp=nlp)
    nlp.to_disk(tmp_path / "pipe")
    saved = json.loads((tmp_path / "pipe" / "statecraft_instruments" / "taxonomy.json").read_text())
    assert saved == taxonomy.data
    restored = spacy.load(tmp_path / "pipe")
    assert restored.get_pipe("statecraft_instruments").taxonomy_data == taxonomy.data
    other = spacy.blank("en").add_pipe("statecraft_instruments")
    other.from_bytes(component.to_bytes())
    assert other.tagger is not None and other.taxonomy_data == taxonomy.data


def test_an_unparsed_doc_gets_no_mentions_and_no_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("statecraft_instruments")
    assert list(nlp("").spans["instruments"]) == []
    assert list(nlp("Sanctions were imposed.").spans["instruments"]) == []  # no tags, no parse


def test_the_component_takes_a_taxonomy_mapping_in_initialize(raw):
    raw["instruments"]["concessions"]["terms"] = [{"lemma": ["giveaway"]}]
    nlp = spacy.blank("en")
    component = nlp.add_pipe("statecraft_instruments")
    component.initialize(lambda: [], nlp=nlp, taxonomy=raw)
    assert component.tagger.taxonomy.instruments["concessions"]
    assert any(t.lemmas == frozenset({"giveaway"}) for t in component.tagger.taxonomy.terms)
