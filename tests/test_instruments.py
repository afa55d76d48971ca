"""The instrument layer end to end with the real pipeline, on sentences written for these
tests (every instrument type and action; passives, negation, coordination, conditionals,
questions, pronoun and "the administration" actors, magnitudes, deadlines; sanctions,
tariffs, aid and talks far beyond Russia). Each case names a phrase of the sentence; the
mention overlapping it must carry the expected attributes (ids are Wikidata ids given by
the entity layer's `acts_for`/`kb_id_`).
"""

from __future__ import annotations

import pytest

from pipeline.rows import doc_to_rows

# (sentence, phrase of the mention, expected attributes)
CASES = [
    # --- sanctions
    (
        "The European Union imposed new sanctions on Iran's oil sector on Monday.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "announced",
            "actor": "Q458",
            "target": "Q794",
            "cameo": "163",
            "plover": "SANCTION/discontinue/economic",
        },
    ),
    (
        "Washington sanctioned three Chinese refiners for buying Iranian crude.",
        "sanctioned",
        {"instrument": "sanctions", "action": "announced", "actor": "Q30", "target": "Q148"},
    ),
    (
        "OFAC designated five tankers and two shipping companies that carried Iranian oil.",
        "designated",
        {"instrument": "sanctions", "action": "announced", "actor": "Q30"},
    ),
    (
        "The Council decided to prolong the restrictive measures against Belarus by six months.",
        "restrictive measures",
        {"instrument": "sanctions", "action": "announced", "target": "Q184"},
    ),
    (
        "Venezuela's state oil company was sanctioned by the Treasury in 2019.",
        "sanctioned",
        {"instrument": "sanctions", "action": "announced", "actor": "Q30", "target": "Q717"},
    ),
    (
        "The Treasury Department said it would lift sanctions on Venezuela's state oil company if "
        "Caracas holds free elections.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "offered",
            "target": "Q717",
            "hypothetical": True,
            "cameo": "0354",
        },
    ),
    (
        "Japan has not imposed sanctions on Russian banks.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "announced",
            "actor": "Q17",
            "target": "Q159",
            "negated": True,
            "cameo": None,
        },
    ),
    (
        "EU leaders agreed to extend economic sanctions against Russia for another six months.",
        "economic sanctions",
        {"instrument": "sanctions", "action": "announced", "actor": "Q458", "target": "Q159"},
    ),
    (
        "The White House is considering easing sanctions on Cuba.",
        "sanctions",
        {"instrument": "sanctions", "action": "considered", "target": "Q241", "cameo": None},
    ),
    (
        "Moscow demanded that Washington lift sanctions on Russian fertilizer exports.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "demanded",
            "actor": "Q159",
            "target": "Q30",
            "cameo": "1054",
            "plover": "REQUEST/yield/economic",
        },
    ),
    (
        "Beijing urged Washington to lift its sanctions on Chinese chipmakers.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "demanded",
            "actor": "Q148",
            "target": "Q30",
            "cameo": "1054",
        },
    ),
    (
        "The United States will not lift sanctions on North Korea until Pyongyang abandons its "
        "nuclear weapons.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "rejected",
            "actor": "Q30",
            "target": "Q423",
            "negated": False,
            "cameo": "1244",
        },
    ),
    (
        "Sanctions relief for Iran is off the table, the State Department said.",
        "relief",
        {
            "instrument": "sanctions",
            "action": "rejected",
            "actor": "Q30",
            "target": "Q794",
            "cameo": "1244",
        },
    ),
    (
        "Sanctions were imposed on Belarus by the European Union after the disputed election.",
        "Sanctions",
        {"instrument": "sanctions", "action": "announced", "actor": "Q458", "target": "Q184"},
    ),
    (
        "Iran was hit with new sanctions by the European Union.",
        "sanctions",
        {"instrument": "sanctions", "action": "announced", "actor": "Q458", "target": "Q794"},
    ),
    (
        "Iran could face new sanctions if it fails to cooperate with inspectors, European "
        "diplomats warned.",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "threatened",
            "target": "Q794",
            "hypothetical": True,
            "cameo": "1312",
            "plover": "THREATEN/restrict/economic",
        },
    ),
    (
        "Will the EU impose sanctions on Israel?",
        "sanctions",
        {
            "instrument": "sanctions",
            "action": "considered",
            "actor": "Q458",
            "target": "Q801",
            "hypothetical": True,
        },
    ),
    (
        "If the sanctions are lifted, Iran will resume oil exports.",
        "sanctions",
        {"instrument": "sanctions", "action": "eased", "hypothetical": True},
    ),
    (
        "Sanctions have not changed North Korea's behaviour.",
        "Sanctions",
        {"instrument": "sanctions", "action": "generic", "cameo": None},
    ),
    (
        "The sanctions that Washington imposed in 2018 remain in place.",
        "sanctions",
        {"instrument": "sanctions", "action": "announced", "actor": "Q30"},
    ),
    (
        "China vowed to retaliate against any new US sanctions.",
        "sanctions",
        {"instrument": "sanctions", "action": "rejected", "actor": "Q148"},
    ),
    (
        "The EU is expected to approve a new sanctions package against Belarus next week.",
        "sanctions package",
        {"instrument": "sanctions", "action": "considered", "actor": "Q458", "target": "Q184"},
    ),
    (
        "Seoul called for tougher sanctions after the missile test.",
        "tougher sanctions",
        {"instrument": "sanctions", "action": "proposed", "actor": "Q884"},
    ),
    # --- tariffs
    (
        "President Trump slapped 25% tariffs on steel imports from Canada and Mexico.",
        "tariffs",
        {
            "instrument": "tariffs",
            "action": "announced",
            "actor": "Q22686",
            "target": "Q16",
            "magnitude": "25%",
            "cameo": None,
            "plover": None,
        },
    ),
    (
        "Beijing retaliated with tariffs of up to 15% on American farm goods.",
        "tariffs",
        {
            "instrument": "tariffs",
            "action": "announced",
            "actor": "Q148",
            "target": "Q30",
            "magnitude": "15%",
        },
    ),
    (
        "The EU threatened to impose retaliatory duties on US whiskey if Washington went ahead "
        "with the steel tariffs.",
        "retaliatory duties",
        {
            "instrument": "tariffs",
            "action": "threatened",
            "actor": "Q458",
            "target": "Q30",
            "hypothetical": True,
        },
    ),
    (
        "Trump said he would raise tariffs on Chinese goods to 145 percent.",
        "tariffs",
        {
            "instrument": "tariffs",
            "action": "threatened",
            "actor": "Q22686",
            "target": "Q148",
            "magnitude": "145 percent",
            "hypothetical": True,
        },
    ),
    (
        "Canada suspended its retaliatory tariffs on American goods after talks with Washington.",
        "retaliatory tariffs",
        {"instrument": "tariffs", "action": "eased", "actor": "Q16", "target": "Q30"},
    ),
    (
        "Canada suspended its retaliatory tariffs on American goods after talks with Washington.",
        "talks",
        {"instrument": "negotiations", "action": "generic"},
    ),
    (
        "Mexico offered to cut tariffs on American cars in exchange for an exemption from the "
        "steel duties.",
        "tariffs",
        {"instrument": "tariffs", "action": "offered", "actor": "Q96", "target": "Q30"},
    ),
    (
        "Mexico offered to cut tariffs on American cars in exchange for an exemption from the "
        "steel duties.",
        "steel duties",
        {"instrument": "tariffs", "action": "demanded"},
    ),
    (
        "Tariffs on Chinese electric vehicles were raised to 100% by the Biden administration.",
        "Tariffs",
        {
            "instrument": "tariffs",
            "action": "announced",
            "actor": "Q6279",
            "target": "Q148",
            "magnitude": "100%",
        },
    ),
    (
        "China imposed retaliatory duties of 34% on all US goods, the Commerce Ministry said.",
        "duties",
        {
            "instrument": "tariffs",
            "action": "announced",
            "actor": "Q148",
            "target": "Q30",
            "magnitude": "34%",
        },
    ),
    (
        "Trump announced a 90-day pause on most reciprocal tariffs.",
        "reciprocal tariffs",
        {"instrument": "tariffs", "action": "eased", "actor": "Q22686"},
    ),
    (
        "Economists say tariffs raise prices for consumers.",
        "tariffs",
        {"instrument": "tariffs", "action": "generic"},
    ),
    # --- trade restrictions
    (
        "The Commerce Department tightened export controls on advanced chips to China.",
        "export controls",
        {
            "instrument": "trade_restrictions",
            "action": "announced",
            "actor": "Q30",
            "target": "Q148",
            "cameo": None,
        },
    ),
    (
        "Washington lifted its decades-old embargo on Vietnam in 1994.",
        "embargo",
        {
            "instrument": "trade_restrictions",
            "action": "eased",
            "actor": "Q30",
            "target": "Q881",
            "cameo": "085",
        },
    ),
    (
        "He threatened Cuba with a total embargo and demanded the release of political prisoners.",
        "total embargo",
        {
            "instrument": "trade_restrictions",
            "action": "threatened",
            "target": "Q241",
            "cameo": "1312",
        },
    ),
    (
        "China banned exports of gallium and germanium to the United States.",
        "banned exports",
        {"instrument": "trade_restrictions", "action": "announced", "actor": "Q148"},
    ),
    (
        "The European Commission proposed a ban on Russian LNG imports by 2027.",
        "ban",
        {"instrument": "trade_restrictions", "action": "proposed", "target": "Q159"},
    ),
    (
        "Japan lifted its export restrictions on South Korea after the two sides resolved their "
        "dispute.",
        "export restrictions",
        {"instrument": "trade_restrictions", "action": "eased", "actor": "Q17", "target": "Q884"},
    ),
    (
        "The G7 agreed an oil price cap on Russian crude.",
        "price cap",
        {
            "instrument": "trade_restrictions",
            "action": "announced",
            "target": "Q159",
            "cameo": None,
        },
    ),
    # --- economic aid
    (
        "The IMF approved a $15.6 billion loan for Ukraine.",
        "loan",
        {
            "instrument": "economic_aid",
            "action": "announced",
            "actor": "Q7804",
            "target": "Q212",
            "magnitude": "$15.6 billion",
            "cameo": "071",
            "plover": "AID//economic",
        },
    ),
    (
        "Germany pledged €500 million in humanitarian aid to Gaza.",
        "humanitarian aid",
        {
            "instrument": "economic_aid",
            "action": "offered",
            "actor": "Q183",
            "magnitude": "€500 million",
            "cameo": "0333",
        },
    ),
    (
        "Washington froze aid to the Palestinian Authority.",
        "aid",
        {"instrument": "economic_aid", "action": "eased", "actor": "Q30", "cameo": "1621"},
    ),
    (
        "Pakistan asked China for emergency financial assistance.",
        "financial assistance",
        {
            "instrument": "economic_aid",
            "action": "demanded",
            "actor": "Q843",
            "target": "Q148",
            "cameo": "1031",
        },
    ),
    (
        "China offered Pakistan a $2 billion loan to shore up its reserves.",
        "loan",
        {
            "instrument": "economic_aid",
            "action": "offered",
            "actor": "Q148",
            "target": "Q843",
            "magnitude": "$2 billion",
        },
    ),
    (
        "Seoul would provide humanitarian aid to Pyongyang if the North returned to talks.",
        "humanitarian aid",
        {
            "instrument": "economic_aid",
            "action": "offered",
            "actor": "Q884",
            "target": "Q423",
            "hypothetical": True,
        },
    ),
    # --- military aid
    (
        "The Pentagon announced a new $400 million military aid package for Kyiv.",
        "military aid package",
        {
            "instrument": "military_aid",
            "action": "announced",
            "actor": "Q30",
            "target": "Q212",
            "magnitude": "$400 million",
            "cameo": "072",
            "plover": "AID//military",
        },
    ),
    (
        "Germany agreed to send Leopard tanks to Ukraine.",
        "tanks",
        {"instrument": "military_aid", "action": "announced", "actor": "Q183", "target": "Q212"},
    ),
    (
        "The United States suspended military assistance to Egypt after the coup.",
        "military assistance",
        {
            "instrument": "military_aid",
            "action": "eased",
            "actor": "Q30",
            "target": "Q79",
            "cameo": "1622",
        },
    ),
    (
        "Kyiv has repeatedly asked for Patriot air defense systems.",
        "air defense systems",
        {"instrument": "military_aid", "action": "demanded", "actor": "Q212", "cameo": "1032"},
    ),
    (
        "Kyiv received $2 billion in military aid from Berlin last year.",
        "military aid",
        {
            "instrument": "military_aid",
            "action": "announced",
            "actor": "Q183",
            "target": "Q212",
            "magnitude": "$2 billion",
        },
    ),
    (
        "Washington warned Beijing against supplying weapons to Russia.",
        "weapons",
        {"instrument": "military_aid", "action": "rejected", "actor": "Q30", "target": "Q159"},
    ),
    (
        "The administration has not decided whether to send Tomahawk missiles to Ukraine.",
        "missiles",
        {
            "instrument": "military_aid",
            "action": "considered",
            "target": "Q212",
            "hypothetical": True,
        },
    ),
    # --- military force
    (
        "Russia launched a massive missile strike on Kyiv overnight.",
        "missile strike",
        {
            "instrument": "military_force",
            "action": "announced",
            "actor": "Q159",
            "target": "Q212",
            "cameo": "190",
        },
    ),
    (
        "Israel threatened a ground offensive in Rafah if the hostages were not released.",
        "ground offensive",
        {
            "instrument": "military_force",
            "action": "threatened",
            "actor": "Q801",
            "hypothetical": True,
            "cameo": "138",
        },
    ),
    (
        "North Korea warned of a preemptive nuclear strike against the United States.",
        "strike",
        {"instrument": "military_force", "action": "threatened", "actor": "Q423", "target": "Q30"},
    ),
    (
        "Turkey lifted its naval blockade of the port.",
        "naval blockade",
        {"instrument": "military_force", "action": "eased", "actor": "Q43", "cameo": "0872"},
    ),
    (
        "China is massing troops near the border with India.",
        "troops",
        {"instrument": "military_force", "action": "announced", "actor": "Q148", "cameo": "154"},
    ),
    (
        "Beijing has not ruled out the use of force against Taiwan.",
        "force",
        {
            "instrument": "military_force",
            "action": "considered",
            "actor": "Q148",
            "target": "Q865",
            "negated": False,
        },
    ),
    (
        "The Houthis announced a halt to their attacks on commercial shipping.",
        "attacks",
        {"instrument": "military_force", "action": "eased", "cameo": "087"},
    ),
    # --- negotiations
    (
        "Iran and the United States held indirect talks in Oman on Saturday.",
        "talks",
        {
            "instrument": "negotiations",
            "action": "announced",
            "actor": "Q794",
            "target": "Q30",
            "cameo": "046",
            "plover": "CONSULT//diplomatic",
        },
    ),
    (
        "Hamas rejected the ceasefire proposal.",
        "ceasefire proposal",
        {"instrument": "negotiations", "action": "rejected"},
    ),
    (
        "Putin said he was open to talks with Kyiv but ruled out a ceasefire.",
        "talks",
        {
            "instrument": "negotiations",
            "action": "offered",
            "actor": "Q7747",
            "target": "Q212",
            "cameo": "036",
        },
    ),
    (
        "Putin said he was open to talks with Kyiv but ruled out a ceasefire.",
        "ceasefire",
        {"instrument": "negotiations", "action": "rejected", "actor": "Q7747", "cameo": "1246"},
    ),
    (
        "Washington is pressing Israel and Hamas to agree to a ceasefire.",
        "ceasefire",
        {
            "instrument": "negotiations",
            "action": "demanded",
            "actor": "Q30",
            "target": "Q801",
            "cameo": "1056",
        },
    ),
    (
        "Russia walked away from the grain deal in July.",
        "grain deal",
        {"instrument": "negotiations", "action": "eased", "actor": "Q159"},
    ),
    (
        "Pyongyang's refusal to return to disarmament talks frustrated Seoul.",
        "talks",
        {"instrument": "negotiations", "action": "rejected", "actor": "Q423", "cameo": "125"},
    ),
    (
        "Beijing signalled its readiness to resume trade negotiations with Washington.",
        "negotiations",
        {"instrument": "negotiations", "action": "offered", "actor": "Q148", "target": "Q30"},
    ),
    (
        "Tehran refused to negotiate unless sanctions were lifted first.",
        "negotiate",
        {"instrument": "negotiations", "action": "rejected", "actor": "Q794"},
    ),
    (
        "Russia did not rule out new talks with Ukraine.",
        "talks",
        {
            "instrument": "negotiations",
            "action": "considered",
            "actor": "Q159",
            "target": "Q212",
            "negated": False,
        },
    ),
    (
        "Israel and Hamas agreed to a 60-day truce, but neither side has released hostages.",
        "truce",
        {"instrument": "negotiations", "action": "announced", "actor": "Q801", "cameo": "0871"},
    ),
    (
        "Netanyahu rejected a two-state solution.",
        "two-state solution",
        {"instrument": "negotiations", "action": "rejected", "cameo": "127"},
    ),
    (
        "The two delegations failed to reach an agreement on Friday.",
        "agreement",
        {"instrument": "negotiations", "action": "announced", "negated": True, "cameo": None},
    ),
    (
        "Norway offered to host peace talks between the government and the rebels.",
        "peace talks",
        {"instrument": "negotiations", "action": "offered", "actor": "Q20"},
    ),
    # --- ultimatum
    (
        "Washington gave Moscow a 10-day deadline to agree to a ceasefire.",
        "deadline",
        {
            "instrument": "ultimatum",
            "action": "announced",
            "actor": "Q30",
            "target": "Q159",
            "deadline": "P10D",
            "cameo": "139",
        },
    ),
    (
        "Washington gave Moscow a 10-day deadline to agree to a ceasefire.",
        "ceasefire",
        {"instrument": "negotiations", "action": "demanded", "actor": "Q30", "target": "Q159"},
    ),
    (
        "Trump gave Putin 50 days to reach a peace deal or face secondary tariffs of 100%.",
        "50 days",
        {"instrument": "ultimatum", "actor": "Q22686", "target": "Q7747", "deadline": "P50D"},
    ),
    (
        "Trump gave Putin 50 days to reach a peace deal or face secondary tariffs of 100%.",
        "peace deal",
        {"instrument": "negotiations", "action": "demanded", "actor": "Q22686", "target": "Q7747"},
    ),
    (
        "Trump gave Putin 50 days to reach a peace deal or face secondary tariffs of 100%.",
        "secondary tariffs",
        {
            "instrument": "tariffs",
            "action": "threatened",
            "actor": "Q22686",
            "target": "Q7747",
            "magnitude": "100%",
        },
    ),
    (
        "The EU set a deadline of June 1 for Serbia to recognize Kosovo.",
        "deadline",
        {"instrument": "ultimatum", "action": "announced", "actor": "Q458", "target": "Q403"},
    ),
    # --- recognition
    (
        "The EU set a deadline of June 1 for Serbia to recognize Kosovo.",
        "recognize Kosovo",
        {"instrument": "recognition", "action": "demanded", "actor": "Q458"},
    ),
    (
        "The United States recognized Jerusalem as Israel's capital in 2017.",
        "recognized",
        {"instrument": "recognition", "action": "announced", "actor": "Q30", "cameo": "054"},
    ),
    (
        "Kyiv will never recognize Russia's annexation of Crimea.",
        "annexation",
        {
            "instrument": "recognition",
            "action": "rejected",
            "actor": "Q212",
            "target": "Q159",
            "cameo": None,
        },
    ),
    (
        "Britain did not join the sanctions, and France refused to recognize the new government.",
        "recognize",
        {"instrument": "recognition", "action": "rejected", "actor": "Q142"},
    ),
    # --- alliance membership
    (
        "Finland formally joined NATO in April 2023.",
        "joined NATO",
        {"instrument": "alliance_membership", "action": "announced", "actor": "Q33"},
    ),
    (
        "Turkey blocked Sweden's bid to join NATO for more than a year.",
        "join NATO",
        {
            "instrument": "alliance_membership",
            "action": "rejected",
            "actor": "Q43",
            "target": "Q34",
        },
    ),
    (
        "Ukraine is seeking security guarantees from its Western partners.",
        "security guarantees",
        {
            "instrument": "alliance_membership",
            "action": "demanded",
            "actor": "Q212",
            "cameo": "1034",
        },
    ),
    # --- concessions
    (
        "Israel refused to make territorial concessions.",
        "concessions",
        {"instrument": "concessions", "action": "rejected", "actor": "Q801", "cameo": "124"},
    ),
    (
        "The Kremlin demanded major concessions from Kyiv.",
        "concessions",
        {
            "instrument": "concessions",
            "action": "demanded",
            "actor": "Q159",
            "target": "Q212",
            "cameo": "105",
        },
    ),
    (
        "The Kremlin said it was not willing to make territorial concessions.",
        "concessions",
        {"instrument": "concessions", "action": "rejected", "actor": "Q159"},
    ),
    # --- diplomacy
    (
        "Beijing sent a special envoy to Moscow to discuss the war.",
        "envoy",
        {"instrument": "diplomacy", "action": "announced", "actor": "Q148", "target": "Q159"},
    ),
    (
        "Argentina cut diplomatic ties with Iran.",
        "diplomatic ties",
        {
            "instrument": "diplomacy",
            "action": "eased",
            "actor": "Q414",
            "target": "Q794",
            "cameo": "161",
            "plover": "SANCTION/withdraw/diplomatic",
        },
    ),
    (
        "Ecuador threatened to break off diplomatic relations with Mexico.",
        "relations",
        {
            "instrument": "diplomacy",
            "action": "threatened",
            "actor": "Q736",
            "target": "Q96",
            "cameo": "1313",
        },
    ),
    # --- coordination: each verb gives its own action
    (
        "Brazil imposed tariffs on Chinese steel and threatened sanctions on Chinese banks.",
        "tariffs",
        {"instrument": "tariffs", "action": "announced", "actor": "Q155"},
    ),
    (
        "Brazil imposed tariffs on Chinese steel and threatened sanctions on Chinese banks.",
        "sanctions",
        {"instrument": "sanctions", "action": "threatened", "actor": "Q155", "target": "Q148"},
    ),
    # --- pronouns and government nouns across sentences
    (
        "President Joe Biden met Xi Jinping in Bali. He later imposed new export controls on "
        "Chinese chipmakers.",
        "export controls",
        {
            "instrument": "trade_restrictions",
            "action": "announced",
            "actor": "Q6279",
            "target": "Q148",
        },
    ),
    (
        "The Kremlin rejected the proposal. It said any ceasefire must include Ukraine's "
        "neutrality.",
        "ceasefire",
        {"instrument": "negotiations", "actor": "Q159"},
    ),
    (
        "The Trump administration announced tariffs of 10% on all imports. The administration "
        "also threatened secondary tariffs on buyers of Venezuelan oil.",
        "secondary tariffs",
        {"instrument": "tariffs", "action": "threatened", "actor": "Q22686", "target": "Q717"},
    ),
    (
        "EU foreign ministers met in Brussels on Monday. They agreed to suspend parts of the "
        "trade agreement with Israel.",
        "trade agreement",
        {"instrument": "negotiations", "action": "eased", "actor": "Q458", "target": "Q801"},
    ),
]

# Sentences with an instrument word that names no instrument.
NOT_INSTRUMENTS = [
    "Aid workers left the camp on Tuesday.",
    "The union called a general strike over pay.",
    "She suffered a heart attack last year.",
    "The talk lasted an hour.",
    "Armed forces paraded in the capital.",
    "The company's settlement with regulators was approved.",
    "The minister said the deal was a great deal of work.",
    "Sanctioned by tradition, the festival draws crowds every spring.",
    "The president designated Marco Rubio as acting national security adviser.",
    "The board designated a new chief executive and named 2026 a year of growth.",
    "The bank set aside more money for loan losses in the third quarter.",
]


def mention(nlp, text: str, phrase: str):
    doc = nlp(text)
    start = text.index(phrase)
    end = start + len(phrase)
    found = [s for s in doc.spans["instruments"] if s.start_char < end and start < s.end_char]
    assert found, f"no instrument over {phrase!r}: {[s.text for s in doc.spans['instruments']]}"
    return found[0]


@pytest.mark.parametrize("text, phrase, expected", CASES, ids=[c[1] for c in CASES])
def test_instrument_attributes(nlp, text, phrase, expected):
    span = mention(nlp, text, phrase)
    got = {attr: span._.get(attr) for attr in expected}
    assert got == expected, f"{span.text!r} in {text!r}"


def test_the_cases_cover_every_instrument_and_action():
    instruments = {e["instrument"] for _t, _p, e in CASES}
    actions = {e["action"] for _t, _p, e in CASES if "action" in e}
    assert len(instruments) == 12 and len(actions) == 9
    assert len(CASES) >= 60


@pytest.mark.parametrize("text", NOT_INSTRUMENTS)
def test_words_that_name_no_instrument(nlp, text):
    assert [s.text for s in nlp(text).spans["instruments"]] == []


def test_spans_are_the_noun_phrase_with_its_modifiers(nlp):
    doc = nlp(
        "He began announcing expanded military aid packages to Ukraine and lifted the "
        "oil and gas sanctions on Iran."
    )
    texts = [s.text for s in doc.spans["instruments"]]
    assert texts == ["expanded military aid packages", "oil and gas sanctions"]
    assert all(s.label_ == "INSTRUMENT" for s in doc.spans["instruments"])


def test_a_verb_names_the_instrument_where_no_noun_does(nlp):
    doc = nlp("Officials said Trump considered recognizing Russia's annexation of Crimea.")
    [span] = doc.spans["instruments"]
    assert span.text == "recognizing Russia's annexation of Crimea"
    assert (span._.instrument, span._.action) == ("recognition", "considered")
    assert span._.cameo is None  # recognizing an annexation has no CAMEO code


def test_rows_carry_every_attribute_and_the_joinable_entity_ids(nlp):
    doc = nlp("Washington imposed new tariffs of 20% on Brazilian coffee.")
    [row] = doc_to_rows(doc)["instruments"]
    assert row["instrument"] == "tariffs" and row["action"] == "announced"
    assert row["actor"] == "Q30" and row["target"] == "Q155" and row["magnitude"] == "20%"
    assert row["negated"] == 0 and row["hypothetical"] == 0
    ents = {e.ent_id_ for e in doc.ents}
    assert row["actor_entity_id"] in ents and row["target_entity_id"] in ents


def test_an_unnamed_target_is_the_state_under_pressure_earlier_in_the_text(nlp):
    text = (
        "Washington has hardened its stance toward Tehran. The president threatened new oil "
        "sanctions on Friday."
    )
    span = mention(nlp, text, "oil sanctions")
    assert (span._.action, span._.target) == ("threatened", "Q794")
