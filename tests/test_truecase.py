"""Names in capitals: case restoration, the re-reading component, and the document-level
rules that go with it (names recurring untagged, one label per name).

Pure functions with small tables of our own; end to end with the real model on
headlines written for these tests.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from pipeline.entities.corrections import Cand
from pipeline.entities.linking import harmonize_labels, propagate_names
from pipeline.entities.segment import segment
from pipeline.entities.truecase import (
    caps_runs,
    caps_segments,
    case_table,
    compile_case_table,
    document_spellings,
    is_caps_text,
    restore_name,
    restore_text,
    restore_word,
)

PROBS = {  # case-sensitive log probabilities, as in spaCy's lexeme table
    "win": -8.7,
    "Win": -11.9,
    "WIN": -12.8,
    "Syria": -11.7,
    "us": -7.6,
    "US": -8.6,
    "Us": -11.9,
    "in": -3.5,
    "In": -7.0,
    "IN": -12.0,
    "talks": -10.0,
    "Talks": -13.0,
    "of": -3.0,
    "OF": -14.0,
    "LLC": -12.0,
    "llc": -15.0,
    "Rare": -19.5,  # below the table's floor: left out
}
TABLE = compile_case_table(PROBS)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("WIN", "win"),  # a common word
        ("SYRIA", "Syria"),  # a name in the table
        ("US", "US"),  # the capitals are nearly as common as any spelling
        ("LEICESTERSHIRE", "Leicestershire"),  # in no table: a name
        ("AL-AIN", "Al-Ain"),
        ("Talks", "Talks"),  # not in capitals: untouched
        ("A", "A"),
    ],
)
def test_restore_word_from_the_table(word, expected):
    assert restore_word(word, {}, TABLE) == expected


def test_the_compiled_table_keeps_one_answer_per_word():
    assert TABLE == {
        "win": "win",
        "syria": "Syria",
        "us": "US",
        "in": "in",
        "talks": "talks",
        "of": "of",
        "llc": "LLC",
    }


def test_the_document_spelling_wins_over_the_table():
    spellings = document_spellings(["Win", "talks", "Win", "win", "NATO"])
    assert spellings["win"] == "Win"
    assert restore_word("WIN", spellings, TABLE) == "Win"
    assert restore_word("NATO", spellings, TABLE) == "NATO"
    assert restore_word("TALKS", spellings, TABLE) == "talks"


def test_restore_text_capitalizes_the_first_word_and_keeps_offsets():
    text = "IN SYRIA , US TALKS WIN 2-1 ."
    restored = restore_text(text, {}, TABLE)
    assert restored == "In Syria , US talks win 2-1 ."
    assert len(restored) == len(text)


@given(
    st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZÉÜß -',.0123456789\n"), max_size=80)
)
def test_restoring_never_changes_length_or_letters(text):
    restored = restore_text(text, {}, TABLE)
    assert len(restored) == len(text)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(restored, text, strict=True))


def test_the_real_table_knows_names_words_and_acronyms():
    table = case_table()
    assert restore_word("SYRIA", {}, table) == "Syria"
    assert restore_word("LUCKY", {}, table) == "lucky"
    assert restore_word("NATO", {}, table) == "NATO"
    assert restore_word("DEFEAT", {}, table) == "defeat"


@pytest.mark.parametrize(
    ("text", "caps"),
    [
        ("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", True),
        ("BRUSSELS 1996-08-22", True),
        ("US, EU AND UN", False),  # initialisms only
        ("AL-AIN , United Arab Emirates 1996-12-06", False),
        ("The Kremlin said NATO and the EU were to blame.", False),
        ("", False),
    ],
)
def test_is_caps_text(text, caps):
    assert is_caps_text(text) is caps


def test_caps_runs_find_a_headline_run_into_its_text():
    text = "TRADE - EU SLAPS DUTIES ON CHINESE STEEL . Brussels said the US and EU agree."
    [(start, end)] = caps_runs(text)
    assert text[start:end] == "TRADE - EU SLAPS DUTIES ON CHINESE STEEL"
    assert caps_runs("The US and EU met NATO in the UK.") == []
    blocks = [(0, 41), (42, len(text))]
    assert [(s.start, s.end, s.inline) for s in caps_segments(text, blocks)] == [(0, 41, False)]
    text = "Treasury designated JOINT STOCK COMPANY KALASHNIKOV CONCERN today."
    [inline] = caps_segments(text, [(0, len(text))])
    assert text[inline.start : inline.end] == "JOINT STOCK COMPANY KALASHNIKOV CONCERN"
    assert inline.inline and (inline.block_start, inline.block_end) == (0, len(text))


def test_a_name_in_capitals_is_recased_as_a_name():
    assert restore_name("JOINT STOCK COMPANY OF SYRIA LLC", {}, TABLE) == (
        "Joint Stock Company of Syria LLC"
    )


def test_a_line_in_capitals_is_its_own_block():
    text = (
        "BAYER LEVERKUSEN SIGN MIDFIELDER FROM FEYENOORD\n"
        "The Bundesliga side said the player had signed a contract"
    )
    kinds = [(text[b.start : b.end], b.kind) for b in segment(text)]
    assert kinds[0][0] == "BAYER LEVERKUSEN SIGN MIDFIELDER FROM FEYENOORD"
    assert len(kinds) == 2


def _names(doc, end_char):
    return {(e.text, e.label_) for e in doc.ents if e.end_char <= end_char}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "RUGBY UNION - WALLABIES NAME EALES AS CAPTAIN FOR BORDEAUX TEST .\n"
            "Australia named John Eales as captain for the test in Bordeaux on Saturday .",
            {"EALES"},
        ),
        (
            "PHILIPPINE TROOPS KILL 12 REBELS IN MINDANAO CLASH\n"
            "Soldiers killed 12 rebels on the southern island of Mindanao , the army said .",
            {"PHILIPPINE", "MINDANAO"},
        ),
        (
            "NIGERIAN OPPOSITION LEADER ARRIVES IN ACCRA\n"
            "The politician flew in from Lagos on Tuesday .",
            {"NIGERIAN", "ACCRA"},
        ),
    ],
)
def test_names_in_capitals_headlines_are_found(nlp, text, expected):
    doc = nlp(text)
    headline_end = text.index("\n")
    assert doc.text == text  # the Doc keeps the capitals
    assert doc._.recased == [(0, headline_end)]
    assert expected <= {name for name, _ in _names(doc, headline_end)}


def test_a_headline_surname_is_the_person_of_the_body(nlp):
    doc = nlp(
        "RUGBY UNION - WALLABIES NAME EALES AS CAPTAIN FOR BORDEAUX TEST .\n"
        "Australia named John Eales as captain for the test in Bordeaux on Saturday ."
    )
    [eales] = [e for e in doc.ents if e.text == "EALES"]
    assert eales.label_ == "PERSON" and eales._.canonical_name == "John Eales"


def test_text_without_capitals_is_not_reread(nlp):
    doc = nlp("The foreign ministers of Japan and China met in Beijing on Friday.")
    assert doc._.recased == []


def _blank(text):
    return spacy.blank("en")(text)


def test_a_tagged_name_recurring_untagged_is_added():
    doc = _blank("Martina Hingis won in Tokyo . Later Hingis said Tokyo was kind .")
    cands = [Cand(0, 2, "PERSON"), Cand(4, 5, "GPE")]
    added = {(doc[c.start : c.end].text, c.label) for c in propagate_names(doc, cands, set())}
    assert added == {("Hingis", "PERSON"), ("Tokyo", "GPE")}


def test_propagation_needs_capitals_and_stops_at_longer_names():
    doc = _blank("Reading is a town . The reading list and the Reading Festival .")
    cands = [Cand(0, 1, "GPE")]
    assert propagate_names(doc, cands, set()) == []


def test_propagation_into_a_line_in_capitals_ignores_case():
    doc = _blank("HINGIS WINS\nMartina Hingis won .")
    cands = [Cand(3, 5, "PERSON")]
    [added] = propagate_names(doc, cands, unreliable={0, 1})
    assert (added.start, added.end, added.label) == (0, 1, "PERSON")


def test_one_label_per_name_by_majority():
    doc = _blank("Perth won . Perth lost . Perth drew . Perth is far .")
    cands = [Cand(0, 1, "GPE"), Cand(3, 4, "GPE"), Cand(6, 7, "GPE"), Cand(9, 10, "PERSON")]
    harmonize_labels(doc, cands, {})
    assert [c.label for c in cands] == ["GPE"] * 4


def test_no_majority_no_change():
    doc = _blank("Perth won . Perth lost .")
    cands = [Cand(0, 1, "GPE"), Cand(3, 4, "PERSON")]
    harmonize_labels(doc, cands, {})
    assert [c.label for c in cands] == ["GPE", "PERSON"]


def test_a_tie_makes_a_two_word_name_a_person_unless_its_head_says_otherwise():
    from pipeline.kb import knowledge_base

    heads = knowledge_base().heads
    doc = _blank(
        "Wasim Akram took three . Wasim Akram hit 92 . Cary Mall opened . Cary Mall shut ."
    )
    akram = [Cand(0, 2, "ORG"), Cand(5, 7, "PERSON")]
    mall = [Cand(10, 12, "PERSON"), Cand(14, 16, "FAC")]
    harmonize_labels(doc, akram + mall, heads)
    assert [c.label for c in akram + mall] == ["PERSON", "PERSON", "PERSON", "FAC"]


def test_coordinated_names_are_split_unless_one_known_name():
    from pipeline.entities.corrections import split_coordination
    from pipeline.kb import knowledge_base

    kb = knowledge_base()
    doc = _blank(
        "Karl Langdon & Harvey Deegan met in Grantham , Lincolnshire and Bosnia and Herzegovina"
    )
    assert split_coordination(doc, 0, 5, "PERSON", kb) == [(0, 2), (3, 5)]
    assert split_coordination(doc, 7, 10, "GPE", kb) == [(7, 8), (9, 10)]
    assert split_coordination(doc, 11, 14, "GPE", kb) == [(11, 14)]  # one country
    # an organization span splits only where two names of two words or more stand
    assert split_coordination(doc, 0, 5, "ORG", kb) == [(0, 2), (3, 5)]
    doc = _blank("Marks & Spencer")
    assert split_coordination(doc, 0, 3, "ORG", kb) == [(0, 3)]
    doc = _blank("Sisters and brothers of Mercy")
    assert split_coordination(doc, 0, 5, "PERSON", kb) == [(0, 5)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The State Department today designated JOINT STOCK COMPANY KALASHNIKOV CONCERN "
            "and its director general, Alan Lushnikov.",
            "JOINT STOCK COMPANY KALASHNIKOV CONCERN",
        ),
        (
            "OFAC also designated the Russian company UNITED AIRCRAFT CORPORATION for "
            "operating in the defense sector.",
            "UNITED AIRCRAFT CORPORATION",
        ),
    ],
)
def test_a_name_in_capitals_inside_a_sentence_is_one_organization(nlp, text, name):
    doc = nlp(text)
    start = text.index(name)
    assert doc._.recased == [(start, start + len(name))]
    assert (name, "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_each_sentence_of_a_capitals_paragraph_opens_with_a_capital():
    text = "IN SYRIA TALKS WIN. IN SYRIA U.S. TALKS WIN.\nIN SYRIA"
    assert restore_text(text, {}, TABLE) == "In Syria talks win. In Syria U.S. talks win.\nIn Syria"


def test_a_hyphenated_word_in_capitals_takes_its_parts_casing():
    from pipeline.entities.truecase import case_table, restore_word

    table = case_table()
    assert restore_word("PROFIT-TAKING", {}, table) == "profit-taking"
    assert restore_word("HEINZ-HARALD", {}, table) == "Heinz-Harald"
    assert restore_word("US-LED", {}, table) == "US-led"
