"""The instrument layer on third-party gold: the seed article (shared/eval) scored by the
project's rules, and real news sentences of the PLOVER gold standard records and of the
ConfliBERT CAMEO set (shared/eval-data). Every test skips when its data is missing; the
data is read in place, never copied into the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.scoring import load_jsonl
from tests.conftest import SEED_GOLD

EVAL_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-data"
PLOVER = EVAL_DATA / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
CAMEO_TEST = EVAL_DATA / "conflibert-cameo" / "cameo_class" / "test.tsv"
# PLOVER event names of the 2016 gold records that the 2021 table renamed
RENAMED = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE"}


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared/eval not present")
def test_seed_article_meets_the_quality_targets():
    metrics, _ = evaluate(load_jsonl(SEED_GOLD))
    ins = metrics["instruments"]
    assert ins["f1"] >= 0.85
    assert ins["action_accuracy"] >= 0.85
    assert ins["actor_accuracy"] >= 0.75 and ins["target_accuracy"] >= 0.75
    assert ins["magnitude_accuracy"] == 1.0


@pytest.fixture(scope="module")
def plover(nlp):
    if not PLOVER.exists():
        pytest.skip("shared/eval-data/plover-gsr missing")
    records = [
        r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"
    ]
    docs = nlp.pipe([r["text"] for r in records])
    return {r["id"]: (r, doc) for r, doc in zip(records, docs, strict=True)}


# PLOVER record id → (instrument, action, CAMEO code) of its instrument mention
PLOVER_CASES = {
    "PLOVER-GSR01-SANCTION-0009": ("sanctions", "announced", "163"),  # Clinton, Taliban
    "PLOVER-GSR01-SANCTION-0006": ("economic_aid", "eased", "1621"),  # Japan halted aid
    "PLOVER-GSR01-SANCTION-0007": ("military_aid", "eased", "1622"),  # suspended aid program
    "PLOVER-GSR01-AID-0003": ("military_aid", "announced", "072"),  # send arms to Pakistan
    "PLOVER-GSR01-AGREE-0013": ("military_aid", "offered", "0332"),  # promised to continue
    "PLOVER-GSR01-THREATEN-0028": ("ultimatum", "announced", "139"),  # Peru, Ecuador
    "PLOVER-GSR01-THREATEN-0004": ("trade_restrictions", "threatened", None),  # import curbs
    "PLOVER-GSR01-THREATEN-0006": ("diplomacy", "threatened", "1313"),  # break off relations
    "PLOVER-GSR01-THREATEN-0025": ("military_force", "threatened", "138"),  # offensive unless
    "PLOVER-GSR01-RETREAT-0014": ("negotiations", "announced", "0871"),  # unilateral ceasefire
    "PLOVER-GSR01-RETREAT-0015": ("military_force", "eased", "0872"),  # lifted a blockade
    "PLOVER-GSR01-CONSULT-0010": ("negotiations", "announced", "046"),  # renewed negotiations
    "PLOVER-GSR01-REJECT-0022": ("negotiations", "rejected", "1246"),  # cease-fire proposal
    "PLOVER-GSR01-REJECT-0026": ("negotiations", "rejected", "125"),  # offer of direct talks
    "PLOVER-GSR01-REJECT-0029": ("negotiations", "rejected", "127"),  # peace plan
    "PLOVER-GSR01-REJECT-0007": ("economic_aid", "rejected", "1221"),  # calls for aid
}


@pytest.mark.parametrize("record_id", list(PLOVER_CASES))
def test_plover_gold_sentences(plover, record_id):
    record, doc = plover[record_id]
    expected = PLOVER_CASES[record_id]
    found = [(s._.instrument, s._.action, s._.cameo) for s in doc.spans["instruments"]]
    assert expected in found, record["text"]


def test_plover_events_of_coded_mentions_agree_with_the_gold_records(plover):
    """Where the crosswalk gives a mention a PLOVER event, it is mostly the gold event of
    the sentence (measured 0.80 over 55 sentences; the table's own conventions, e.g.
    CAMEO 057 "sign agreement" → SUPPORT where the 2016 records say AGREE, cost the rest)."""
    coded = agree = 0
    for record, doc in plover.values():
        events = {s._.plover.split("/")[0] for s in doc.spans["instruments"] if s._.plover}
        if events:
            coded += 1
            agree += RENAMED.get(record["event"], record["event"]) in events
    assert coded >= 40
    assert agree / coded >= 0.7


def _pentaclass(cameo: str) -> int:
    """The Phoenix PentaClass of a CAMEO code (shared/eval-data README, section c)."""
    root = int(cameo[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 or root == 16 else 4


@pytest.mark.skipif(not CAMEO_TEST.exists(), reason="shared/eval-data/conflibert-cameo missing")
def test_cameo_codes_fall_in_the_pentaclass_of_real_news_sentences(nlp):
    rows = [line.rsplit("\t", 1) for line in CAMEO_TEST.read_text(encoding="utf-8").splitlines()]
    rows = [(text, int(label)) for text, label in rows if text.strip()]
    coded = agree = 0
    for (_text, label), doc in zip(rows, nlp.pipe(t for t, _ in rows), strict=True):
        classes = {_pentaclass(s._.cameo) for s in doc.spans["instruments"] if s._.cameo}
        if classes:
            coded += 1
            agree += label in classes
    assert coded >= 50
    assert agree / coded >= 0.7  # measured 0.78 over 72 coded sentences
