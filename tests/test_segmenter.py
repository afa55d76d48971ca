"""Block segmentation: paragraphs, headings, list items and hard line breaks."""

from __future__ import annotations

import pytest
import spacy

from pipeline.components.segmenter import mark_blocks
from pipeline.entities.segment import (
    DATELINE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    dateline_place,
    is_heading,
    is_table_row,
    segment,
)
from pipeline.nlp import cached_nlp


def blocks(text: str) -> list[tuple[str, str]]:
    return [(text[b.start : b.end], b.kind) for b in segment(text)]


def test_blank_lines_headings_and_list_items():
    text = (
        "Grain Corridor Talks\n\n"
        "Negotiators met in Istanbul on Monday. They agreed on nothing.\n\n"
        "The draft covered three points:\n\n"
        "- inspections of ships\n"
        "- insurance for cargo\n"
        "3) a joint centre\n\n"
        "What Comes Next for the Black Sea\n"
    )
    assert blocks(text) == [
        ("Grain Corridor Talks", HEADING),
        ("Negotiators met in Istanbul on Monday. They agreed on nothing.", PARAGRAPH),
        ("The draft covered three points:", PARAGRAPH),
        ("- inspections of ships", LIST_ITEM),
        ("- insurance for cargo", LIST_ITEM),
        ("3) a joint centre", LIST_ITEM),
        ("What Comes Next for the Black Sea", HEADING),
    ]


def test_heading_rules():
    assert is_heading("2. Sanctions on the Energy Sector")
    assert is_heading("Why Brussels Hesitated")
    assert not is_heading("Why Brussels hesitated")  # not title case
    assert not is_heading("The Talks Ended.")  # final punctuation
    assert not is_heading("The new plan blended:")
    assert not is_heading(" ".join(["Word"] * 20))  # too long for a heading


def test_a_title_case_line_inside_a_paragraph_is_no_heading():
    text = "Some Words In Capitals\nand the sentence goes on to the end of the line here."
    assert [kind for _, kind in blocks(text)] == [PARAGRAPH, PARAGRAPH]
    assert blocks("Prose line\nSecond Line Here\n\nNext.")[0][1] == PARAGRAPH


def test_wrapped_lines_stay_one_block_but_short_and_finished_lines_end_one():
    wrapped = (
        "The finance ministers of the group agreed on a price cap for crude\n"
        "oil shipped by sea, with a review of the level every two months and\n"
        "exemptions for pipelines.\n"
    )
    assert len(segment(wrapped)) == 1
    body = "The minister resigned on Friday after the coalition rejected the spending plan ."
    lines = f"Minister resigns over budget\nOslo , 2 March\n{body}\nHe will stay on .\n"
    assert [t for t, _ in blocks(lines)] == [
        "Minister resigns over budget",  # visibly shorter than the body: a headline
        "Oslo , 2 March",
        body,  # a finished sentence
        "He will stay on .",
    ]


def test_component_sets_blocks_and_sentence_starts():
    nlp = spacy.blank("en")
    doc = mark_blocks(nlp("Heading Text Here\n\nA first paragraph. It goes on.\n\n• An item"))
    assert [kind for *_, kind in doc._.blocks] == [HEADING, PARAGRAPH, LIST_ITEM]
    starts = {t.text for t in doc if t.is_sent_start}
    assert {"Heading", "A", "•"} <= starts
    assert doc[1].is_sent_start is False  # a heading is one sentence


def test_no_sentence_crosses_a_blank_line_in_the_full_pipeline():
    nlp = cached_nlp()
    text = (
        "Officials in Warsaw said talks would resume\n\n"
        "Poland Weighs New Measures\n\n"
        "The government met on Tuesday and discussed the war"
    )
    doc = nlp(text)
    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip()
    assert any(s.text.strip() == "Poland Weighs New Measures" for s in doc.sents)
    assert [b[2] for b in doc._.blocks] == [PARAGRAPH, HEADING, PARAGRAPH]


def test_rows_of_a_table_are_not_headings():
    text = (
        "Results of English league matches on Saturday .\n\n"
        "Plymouth 2 Preston 1\n\nSwansea 1 Lincoln 2\n\nBury 0 Wigan 3\n\n"
        "Attendance figures follow next week .\n\n"
        "Why Trump Changed Course\n\nThe president said on Friday he would act ."
    )
    kinds = {text[b.start : b.end]: b.kind for b in segment(text)}
    assert kinds["Plymouth 2 Preston 1"] == kinds["Bury 0 Wigan 3"] == "paragraph"
    assert kinds["Why Trump Changed Course"] == "heading"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("OSLO 2001-05-04", "OSLO"),
        ("PORT MORESBY , Papua New Guinea 1998-11-02", "PORT MORESBY , Papua New Guinea"),
        ("NAIROBI, Kenya, Oct. 7", "NAIROBI, Kenya"),
        ("Geneva 12 March 2019", "Geneva"),
        ("The ceasefire held until 2001-05-04", None),  # a sentence, not a place
        ("Talks resumed on 1998-11-02 .", None),
        ("Ministers of the Five Eastern Nations Met 2001-05-04", None),  # too many words
    ],
)
def test_a_dateline_is_a_place_and_a_date(line, place):
    assert dateline_place(line) == place


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Hull 4 Exeter 2", True),
        ("St Mirren 0 Dundee United 3 ( halftime 0-1 )", True),
        ("Aberdeen 1 Hibernian 1", True),
        ("The two sides drew 1-1 in Aberdeen", False),  # prose
        ("Reform Party 12 seats", False),  # a lower-case word
        ("Why Trump Changed Course", False),  # no number
        ("BOEING SELLS 22 NEW 787 JETS", False),  # a headline in capitals
    ],
)
def test_a_results_row_is_numbers_and_capitalized_words(line, row):
    assert is_table_row(line) is row


def test_datelines_and_results_rows_are_lines_of_their_own():
    """No blank line between them, as wire copy often sends them: each row still ends
    its block, so no name runs from one row into the next."""
    text = (
        "OSLO 2001-05-04\n"
        "Norway beat Sweden in the final on Friday, officials said.\n\n"
        "Hull 4 Exeter 2\nWalsall 0 Reading 1\nBarnet 2 Crewe 2"
    )
    found = blocks(text)
    assert found[0] == ("OSLO 2001-05-04", DATELINE)
    rows = ["Hull 4 Exeter 2", "Walsall 0 Reading 1", "Barnet 2 Crewe 2"]
    assert [t for t, _ in found[2:]] == rows


def test_a_results_row_alone_is_no_heading_but_a_numbered_title_is():
    text = "Scores :\n\nHull 4 Exeter 2\n\nChapter 3\n\n2. Why Sanctions Failed\n\nThe end ."
    kinds = dict(blocks(text))
    assert kinds["Hull 4 Exeter 2"] == PARAGRAPH
    assert kinds["Chapter 3"] == kinds["2. Why Sanctions Failed"] == HEADING


def test_a_documents_title_may_be_longer_than_a_heading():
    from pipeline.entities.segment import HEADING, PARAGRAPH, segment

    title = (
        "Readout of President Joe Biden's Meeting with Prime Minister Keir Starmer of the "
        "United Kingdom and the Leaders of Canada"
    )
    text = f"{title}\n\nThe leaders met today.\n\n{title}\n\nThey spoke again."
    kinds = [b.kind for b in segment(text)]
    assert kinds == [HEADING, PARAGRAPH, PARAGRAPH, PARAGRAPH]  # only the first line is a title


def test_a_headline_span_is_not_shrunk_to_its_article(nlp):
    text = (
        "The Hidden Risk of Rising Tensions: Export Control Symbiosis\n\n"
        "The United States and China compete over chips."
    )
    assert "The" not in [e.text for e in nlp(text).ents]
