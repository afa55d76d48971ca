"""Datasette over a built database, with the db/ configuration, through its in-process client.

The seed article is built by the real pipeline; its instrument and date rows are the
test fixtures of `tests.datasette_fixtures.add_fixtures` (entities are the pipeline's).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from datasette.app import DEFAULT_SETTINGS, Datasette
from markupsafe import escape

from pipeline.cli import CONFIG_DIR, cli, datasette_serve_args
from tests.conftest import CORPUS
from tests.datasette_fixtures import (
    DATES,
    INSTRUMENTS,
    SEED_ID,
    WIKIDATA,
    XSS_FOLDER,
    Fragments,
    add_fixtures,
    between,
    build_corpus,
    configured_datasette,
    entity_id,
)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> Path:
    db_path = build_corpus(CORPUS, tmp_path_factory.mktemp("ds"))
    add_fixtures(db_path, SEED_ID)
    return db_path


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory) -> Path:
    db_path = build_corpus(XSS_FOLDER, tmp_path_factory.mktemp("xss"))
    payload = '"><img src=x onerror=alert("attr")>'
    add_fixtures(
        db_path,
        "hostile-markup",
        [("sanctions", "sanctions", payload, "Germany", "Russia", {"magnitude": payload})],
        [("5 March 2024", "DATE", "2024-03-05")],
    )
    db = sqlite_utils.Database(db_path)
    db["entities"].update(entity_id(db, "Germany"), {"name": '<script>alert("entity")</script>'})
    return db_path


@pytest.fixture
def datasette(seed_db) -> Datasette:
    return configured_datasette(seed_db)


@pytest.fixture
def rows(seed_db):
    """Query the test database directly (the expected values come from here)."""
    db = sqlite_utils.Database(seed_db)
    return lambda sql, params=(): [dict(r) for r in db.query(sql, params)]


# --- the article page -------------------------------------------------------------------


async def article(datasette, document_id: str = SEED_ID):
    response = await datasette.client.get(f"/statecraft/documents/{document_id}")
    assert response.status_code == 200
    html = response.text
    text = Fragments(between(html, '<div class="sc-article"', '<div class="sc-tips"'))
    tips = Fragments(between(html, '<div class="sc-tips"', '<details class="sc-columns"'))
    return html, text, tips


async def test_article_page_shows_every_tag_in_place_with_its_attributes(datasette, rows):
    html, page, tips = await article(datasette)
    assert page.unbalanced == [] and tips.unbalanced == []
    stored = rows("select text from documents where id = ?", [SEED_ID])[0]["text"]
    shown = page.by_id["sc-article"]
    assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", stored)  # all text, in order
    expected = {
        "ent": rows(
            "select m.id, m.text, m.label, m.entity_id, m.kb_id, e.name from entity_mentions m "
            "left join entities e on e.id = m.entity_id where document_id = ?",
            [SEED_ID],
        ),
        "date": rows("select id, text, timex_type, value, timex_mod from date_mentions", []),
        "ins": rows(
            "select m.id, m.text, instrument, action, magnitude, a.name as actor, "
            "t.name as target from instrument_mentions m "
            "left join entities a on a.id = actor_entity_id "
            "left join entities t on t.id = target_entity_id",
            [],
        ),
    }
    assert len(expected["ent"]) > 20 and len(expected["date"]) == len(DATES)
    assert len(expected["ins"]) == len(INSTRUMENTS)
    for layer, mentions in expected.items():
        for mention in mentions:
            key = f"{layer}-{mention.pop('id')}"
            # a tag across a paragraph break is drawn in two fragments, without the blank line
            drawn = "".join(page.tags[key])
            assert re.sub(r"\s+", "", drawn) == re.sub(r"\s+", "", mention.pop("text")), key
            assert f"{layer}-" in page.attrs[key]["class"] and page.attrs[key]["title"]
            tip = tips.by_id[f"tip-{key}"]
            for value in mention.values():
                if value is not None:
                    assert str(value) in tip, (key, value)


async def test_nested_tags_and_legend(datasette, rows):
    html, page, _ = await article(datasette)
    # "easing American sanctions" (instrument) contains the NORP entity "American"
    [outer] = rows("select id from instrument_mentions where text = 'easing American sanctions'")
    assert re.search(
        rf'data-tag="ins-{outer["id"]}"[^>]*>easing <span class="tag ent ent-NORP"', html
    )
    for layer, table, column in (
        ("ent", "entity_mentions", "label"),
        ("date", "date_mentions", "timex_type"),
        ("ins", "instrument_mentions", "instrument"),
    ):
        assert f'class="sc-toggle" id="sc-toggle-{layer}"' in html
        for entry in rows(f"select {column} as label, count(*) as n from {table} group by 1"):
            assert (
                f'{layer}-{entry["label"]}">{entry["label"]}</span></a>&nbsp;{entry["n"]}' in html
            )
    assert 'class="sc-block sc-heading"' in html and 'class="sc-block sc-paragraph"' in html
    assert "/static/article.js" in html and "/static/statecraft.css" in html


async def test_tag_links_list_the_other_mentions(datasette, rows):
    html, page, _ = await article(datasette)
    [trump] = rows("select id, mention_count from entities where name = 'Donald Trump'")
    needle = urlencode({"entity_id": trump["id"]})
    key = next(k for k, a in page.attrs.items() if a["data-href"].endswith(needle))
    href = page.attrs[key]["data-href"]
    listed = await datasette.client.get(href.replace("?", ".json?", 1) + "&_shape=objects")
    assert {r["entity_id"] for r in listed.json()["rows"]} == {trump["id"]}
    assert len(listed.json()["rows"]) == trump["mention_count"]
    sanctions = await datasette.client.get(
        "/statecraft/instrument_mentions.json?instrument=sanctions&_shape=objects"
    )
    assert len(sanctions.json()["rows"]) == sum(i[1] == "sanctions" for i in INSTRUMENTS)
    assert "/statecraft/instrument_mentions?instrument=sanctions" in html


async def test_export_link_gives_the_document_in_the_eval_format(datasette, seed_db):
    from pipeline.export import export_documents

    html, _, _ = await article(datasette)
    url = re.search(r'class="sc-export" href="([^"]+)"', html).group(1)
    response = await datasette.client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    [line] = response.text.splitlines()
    [expected] = list(export_documents(sqlite_utils.Database(seed_db)))
    assert json.loads(line) == expected
    assert {s["label"] for s in expected["spans"]} >= {"INSTRUMENT", "TIMEX", "GPE"}
    missing = await datasette.client.get("/-/export/statecraft/no-such-document.jsonl")
    assert missing.status_code == 404


async def test_json_and_csv_keep_working_on_the_article_page(datasette):
    as_json = await datasette.client.get(f"/statecraft/documents/{SEED_ID}.json")
    assert as_json.status_code == 200 and as_json.json()["rows"][0][0] == SEED_ID
    as_csv = await datasette.client.get("/statecraft/instrument_mentions.csv?_labels=on")
    assert as_csv.status_code == 200 and "sanctions" in as_csv.text


# --- facets, mention tables, search -----------------------------------------------------


@pytest.mark.parametrize(
    ("table", "facets"),
    [
        ("instrument_mentions", {"instrument", "action", "actor_entity_id", "target_entity_id"}),
        ("entities", {"label"}),
        ("entity_mentions", {"label", "entity_id"}),
        ("date_mentions", {"timex_type", "year"}),
        ("documents", {"source", "published_year", "section"}),
    ],
)
async def test_default_facets_come_from_metadata(datasette, rows, table, facets):
    response = await datasette.client.get(f"/statecraft/{table}.json")
    assert response.status_code == 200
    results = response.json()["facet_results"]
    assert facets <= set(results)
    for facet in facets - {"section"}:
        shown = {str(r["value"]): r["count"] for r in results[facet]["results"]}
        expected = {
            str(r["v"]): r["n"]
            for r in rows(
                f"select [{facet}] as v, count(*) as n from [{table}] "
                f"where coalesce([{facet}], '') != '' group by 1"
            )
        }
        assert all(expected[value] == count for value, count in shown.items())
        assert len(shown) == min(len(expected), DEFAULT_SETTINGS["default_facet_size"])


async def test_actor_and_target_facets_show_entity_names(datasette, rows):
    response = await datasette.client.get("/statecraft/instrument_mentions.json")
    results = response.json()["facet_results"]
    names = {r["id"]: r["name"] for r in rows("select id, name from entities")}
    for facet in ("actor_entity_id", "target_entity_id"):
        assert results[facet]["type"] == "entity" and results[facet]["results"]
        for value in results[facet]["results"]:
            assert value["label"] == names[value["value"]]
    html = (await datasette.client.get("/statecraft/instrument_mentions")).text
    facet_html = between(html, 'class="facet-results"', 'class="rows-and-columns"')
    assert re.search(r"actor_entity_id=[^\"]+\">Donald Trump</a>", facet_html)


async def test_mention_tables_show_the_title_and_a_sentence_snippet(datasette, rows):
    html = (await datasette.client.get("/statecraft/entity_mentions?_size=50")).text
    [document] = rows("select title from documents")
    assert f'href="/statecraft/documents/{SEED_ID}">{escape(document["title"])}</a>' in html
    shown = rows("select sentence_id from entity_mentions order by id limit 50")
    sentences = rows("select id, text from sentences")
    long_ones = [s for s in sentences if s["id"] in {r["sentence_id"] for r in shown}]
    long_ones = [s for s in long_ones if len(s["text"]) > 90]
    assert long_ones
    for sentence in long_ones:
        link = re.search(
            rf'<a href="/statecraft/sentences/{sentence["id"]}" title="([^"]+)">([^<]+)</a>', html
        )
        assert link.group(1) == str(escape(sentence["text"]))
        assert link.group(2).endswith("…") and len(link.group(2)) <= 90
        assert sentence["text"].startswith(unescape(link.group(2))[:-1])


async def test_search_shows_highlighted_snippets(datasette):
    response = await datasette.client.get("/statecraft/documents?_search=sanctions+Crimea")
    assert response.status_code == 200
    assert "Best matches" in response.text
    assert '<mark class="sc-hit">Crimea</mark>' in response.text
    assert f'href="/statecraft/documents/{SEED_ID}"' in response.text
    miss = await datasette.client.get("/statecraft/documents?_search=zeppelin")
    assert "Best matches" not in miss.text


async def test_full_text_search_finds_the_article(datasette):
    response = await datasette.client.get(
        "/statecraft/documents.json?_search=annexation+Crimea&_shape=objects"
    )
    assert [r["id"] for r in response.json()["rows"]] == [SEED_ID]
    miss = await datasette.client.get("/statecraft/documents.json?_search=zeppelin&_shape=objects")
    assert miss.json()["rows"] == []


# --- canned queries ---------------------------------------------------------------------


async def canned(datasette, name: str, **params) -> list[dict]:
    query = urlencode({**params, "_shape": "objects", "_size": "max"})
    response = await datasette.client.get(f"/statecraft/{name}.json?{query}")
    assert response.status_code == 200, response.text
    return response.json()["rows"]


INSTRUMENT_ROWS = (
    "select m.id, m.text, m.instrument, m.action, m.sentence_id, m.start, "
    "coalesce(a.name, m.actor) as actor, m.target_entity_id "
    "from instrument_mentions m left join entities a on a.id = m.actor_entity_id"
)


async def test_canned_instruments_by_actor_and_action(datasette, rows):
    expected = defaultdict(int)
    for row in rows(INSTRUMENT_ROWS):
        expected[(row["actor"] or "(no actor)", row["action"], row["instrument"])] += 1
    got = await canned(datasette, "instruments_by_actor")
    assert {(r["actor"], r["action"], r["instrument"]): r["mentions"] for r in got} == expected
    assert got[0]["mentions"] == max(expected.values())


@pytest.mark.parametrize("given", ["name", "id", "kb_id", "lowercase"])
async def test_canned_instruments_aimed_at_a_target(datasette, rows, given):
    [russia] = rows("select id, name, kb_id from entities where name = 'Russia'")
    russia["lowercase"] = russia["name"].lower()
    russia["kb_id"] = russia["kb_id"] or WIKIDATA["Russia"]
    target = russia[given]
    got = await canned(datasette, "instruments_aimed_at", target=target)
    assert sorted(r["text"] for r in got) == sorted(i[0] for i in INSTRUMENTS if i[4] == "Russia")
    assert all(r["title"] and r["sentence"] for r in got)
    assert await canned(datasette, "instruments_aimed_at", target="") == []


async def test_canned_instrument_timeline(datasette, rows):
    dates = rows("select sentence_id, start, value from date_mentions where year is not null")
    expected = []
    for mention in rows(INSTRUMENT_ROWS):
        same = [d for d in dates if d["sentence_id"] == mention["sentence_id"]]
        if same:  # the seed article has no publication date: only linked dates count
            nearest = min(same, key=lambda d: abs(d["start"] - mention["start"]))
            expected.append((nearest["value"], mention["text"]))
    got = await canned(datasette, "instrument_timeline")
    assert expected and [(r["date"], r["text"]) for r in got] == sorted(expected)


async def test_canned_entities_co_occurring_with_an_instrument(datasette, rows):
    sentences = {r["sentence_id"] for r in rows(INSTRUMENT_ROWS) if r["instrument"] == "sanctions"}
    expected = defaultdict(set)
    for mention in rows("select entity_id, sentence_id from entity_mentions"):
        if mention["sentence_id"] in sentences and mention["entity_id"]:
            expected[mention["entity_id"]].add(mention["sentence_id"])
    got = await canned(datasette, "entities_with_instrument", instrument="sanctions")
    assert {r["entity_id"]: r["sentences"] for r in got} == {k: len(v) for k, v in expected.items()}
    assert [r["sentences"] for r in got] == sorted((r["sentences"] for r in got), reverse=True)


async def test_canned_documents_mentioning_two_entities(datasette, rows):
    first, second = rows("select id, name, aliases from entities order by mention_count desc")[:2]
    alias = json.loads(second["aliases"])[0]
    got = await canned(datasette, "documents_with_both", entity_a=first["name"], entity_b=alias)
    assert [r["document_id"] for r in got] == [SEED_ID]
    count = rows("select count(*) as n from entity_mentions where entity_id = ?", [first["id"]])
    assert got[0]["mentions_a"] == count[0]["n"]
    assert (
        await canned(datasette, "documents_with_both", entity_a=first["id"], entity_b="zeppelin")
        == []
    )


async def test_canned_last_build_changes(datasette, rows, tmp_path):
    [change] = await canned(datasette, "last_build_changes", run="")
    assert change["change"] == "new" and change["document_id"] == SEED_ID
    entities = rows("select count(*) as n from entity_mentions")[0]["n"]
    assert change["entities_before"] == 0 and change["entities_after"] == entities
    # a forced rebuild re-tags the article: the latest run lists it, the first stays queryable
    db_path = build_corpus(CORPUS, tmp_path)
    forced = CliRunner().invoke(cli, ["build", str(CORPUS), "--db", str(db_path), "-q", "--force"])
    assert forced.exit_code == 0, forced.output
    rebuilt = configured_datasette(db_path)
    [latest] = await canned(rebuilt, "last_build_changes", run="")
    assert latest["run_id"] == 2 and latest["change"] != "new"
    assert latest["entities_before"] == latest["entities_after"] == latest["entities_after"]
    assert latest["entities_delta"] == 0
    [first] = await canned(rebuilt, "last_build_changes", run="1")
    assert first["change"] == "new"


async def test_ids_without_foreign_keys_show_labelled_links(datasette, rows):
    [document] = rows("select title from documents")
    html = (await datasette.client.get("/statecraft/instruments_aimed_at?target=Russia")).text
    # a canned query selects its labels as columns (the title); its ids only link, so a
    # long result costs no query per cell
    assert f'<a href="/statecraft/documents/{SEED_ID}">{SEED_ID}</a>' in html
    assert escape(document["title"]) in html
    assert 'href="/statecraft/instrument_mentions/' in html
    [trump] = rows("select id, name from entities where name = 'Donald Trump'")
    table = (await datasette.client.get("/statecraft/instrument_mentions")).text
    href = f"/statecraft/entities/{trump['id']}"
    assert f'<a href="{href}">Donald Trump</a>&nbsp;<em>{trump["id"]}</em>' in table


async def test_every_connection_reads_through_mmap(datasette):
    """The plugin sets mmap_size on Datasette's own connections (as configured)."""
    from db.plugins.sqlite_tuning import mmap_bytes

    db = datasette.get_database("statecraft")
    size = await db.execute_fn(lambda conn: conn.execute("pragma mmap_size").fetchone()[0])
    assert size == mmap_bytes(datasette.plugin_config("statecraft-sqlite")) == 1 << 30
    assert mmap_bytes({"mmap_size": 0}) == 0 and mmap_bytes({"mmap_size": "x"}) == 1 << 30
    assert mmap_bytes(None) == 1 << 30


def test_cell_settings_are_read_once_per_datasette_instance():
    """render_cell runs for every cell of a page: its settings are read once per server,
    and each Datasette instance (each test's metadata) gets its own."""
    from db.plugins.cell_links import cell_settings

    class Instance:
        def __init__(self, settings):
            self.settings, self.reads = settings, 0

        def plugin_config(self, name):
            self.reads += 1
            return self.settings

    first, second = Instance({"max_label": 80}), Instance(None)
    assert [cell_settings(first) for _ in range(3)] == [{"max_label": 80}] * 3
    assert first.reads == 1
    assert cell_settings(second) == {} and cell_settings(second) == {} and second.reads == 1


# --- charts -----------------------------------------------------------------------------


def dashboards() -> dict:
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())
    return metadata["plugins"]["datasette-dashboards"]


async def test_chart_pages_are_served_with_local_vega(datasette):
    for slug, dashboard in dashboards().items():
        response = await datasette.client.get(f"/-/dashboards/{slug}")
        assert response.status_code == 200
        assert dashboard["title"] in response.text
        scripts = re.findall(r'<script[^>]+src="([^"]+)"', response.text)
        assert any(s.endswith("vega-lite.min.js") for s in scripts)
        for src in scripts:
            assert src.startswith("/"), src
            assert (await datasette.client.get(src)).status_code == 200


async def test_chart_queries_return_the_counts(datasette, rows):
    charts = dashboards()["instruments"]["charts"]
    results = {}
    for slug, chart in charts.items():
        sql = re.sub(r"\[\[.*?\]\]", "", chart["query"], flags=re.S)
        response = await datasette.client.get(
            "/statecraft.json?" + urlencode({"sql": sql, "_shape": "objects"})
        )
        assert response.status_code == 200, (slug, response.text)
        results[slug] = response.json()["rows"]
    expected = defaultdict(int)
    for row in rows(INSTRUMENT_ROWS):
        expected[(row["instrument"], row["action"])] += 1
    heatmap = {(r["instrument"], r["action"]): r["mentions"] for r in results["instrument-action"]}
    assert heatmap == expected
    assert {(r["year"], r["action"]) for r in results["over-time"]} == {("2014", "considered")}
    filtered = re.sub(r"\[\[(.*?)\]\]", r"\1", charts["instrument-action"]["query"], flags=re.S)
    response = await datasette.client.get(
        "/statecraft.json?"
        + urlencode({"sql": filtered, "instrument": "tariffs", "_shape": "objects"})
    )
    assert [r["instrument"] for r in response.json()["rows"]] == ["tariffs"]


# --- safety -----------------------------------------------------------------------------


def assert_escaped(html: str, where: str) -> None:
    for payload in ("<script>alert(", "<img src=x onerror", "<svg onload", "<b>Heading"):
        assert payload not in html, (where, payload)
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), where


async def test_hostile_markup_renders_as_text_on_every_page(xss_db):
    datasette = configured_datasette(xss_db)
    pages = [
        "/",
        "/statecraft",
        "/statecraft/documents",
        "/statecraft/documents?_search=alert",
        "/statecraft/documents/hostile-markup",
        "/statecraft/sentences",
        "/statecraft/entities",
        "/statecraft/entity_mentions",
        "/statecraft/date_mentions",
        "/statecraft/instrument_mentions",
        "/statecraft/instruments_aimed_at?target=Russia",
        "/statecraft/instruments_by_actor",
        "/statecraft/instrument_timeline",
        "/statecraft/entities_with_instrument?instrument=sanctions",
        "/statecraft/last_build_changes?run=",
        "/-/dashboards/instruments",
    ]
    for page in pages:
        response = await datasette.client.get(page)
        assert response.status_code == 200, page
        assert_escaped(response.text, page)
    html = (await datasette.client.get("/statecraft/documents/hostile-markup")).text
    for escaped in (
        "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;",  # title
        "&lt;img src=x onerror=alert(&#34;author&#34;)&gt;",  # metadata
        "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;",  # body
        "&#34;&gt;&lt;svg onload=alert(&#34;body-svg&#34;)&gt;",
        "&lt;script&gt;alert(&#34;entity&#34;)&lt;/script&gt;",  # an entity name in a tooltip
        "&#34;&gt;&lt;img src=x onerror=alert(&#34;attr&#34;)&gt;",  # an attribute value
    ):
        assert escaped in html, escaped
    search = (await datasette.client.get("/statecraft/documents?_search=alert")).text
    assert '<mark class="sc-hit">alert</mark>' in search
    export = await datasette.client.get("/-/export/statecraft/hostile-markup.jsonl")
    assert export.headers["content-type"].startswith("application/x-ndjson")
    assert json.loads(export.text)["meta"]["url"] == 'javascript:alert("url")'


async def test_anonymous_users_cannot_write(datasette, rows):
    before = rows("select count(*) as n from documents")[0]["n"]
    for sql in ("delete from documents", "drop table documents", "update documents set title = 1"):
        response = await datasette.client.get("/statecraft.json?" + urlencode({"sql": sql}))
        assert response.status_code >= 400
    post = await datasette.client.post("/statecraft/instruments_by_actor", data={})
    assert post.status_code >= 400
    assert rows("select count(*) as n from documents")[0]["n"] == before
    queries = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())["databases"]["statecraft"]
    assert not any(q.get("write") for q in queries["queries"].values())
    assert (await datasette.client.get("/-/actor.json")).json() == {"actor": None}


async def test_pages_load_nothing_from_other_hosts(datasette):
    for page in (
        "/",
        f"/statecraft/documents/{SEED_ID}",
        "/statecraft/documents",
        "/-/dashboards/instruments",
    ):
        html = (await datasette.client.get(page)).text
        assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', html), page
        for link in re.findall(r"<link[^>]+>", html):
            assert "stylesheet" not in link or not re.search(r'href="(https?:)?//', link), page


def test_serve_binds_to_localhost_with_the_configuration():
    args = datasette_serve_args(CONFIG_DIR / "statecraft.db", host="127.0.0.1", port=8001)
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert str(CONFIG_DIR / "metadata.yml") in args
    assert args[args.index("--plugins-dir") + 1] == str(CONFIG_DIR / "plugins")
    assert args[args.index("--template-dir") + 1] == str(CONFIG_DIR / "templates")
    assert f"static:{CONFIG_DIR / 'static'}" in args
    assert "--root" not in args
    result = CliRunner().invoke(cli, ["serve", "-h"])
    assert "127.0.0.1" in result.output


# --- the nesting and rendering functions ------------------------------------------------


def test_crossing_tags_become_nested_fragments():
    from db.plugins.annotate import Block, Tag, render_article

    text = "alpha beta gamma delta"
    tags = [Tag("a", "ent", 0, 10), Tag("b", "ins", 6, 16), Tag("c", "date", 6, 10, rank=1)]
    html = render_article(text, [Block(0, len(text))], tags)
    page = Fragments(html)
    assert page.unbalanced == []
    assert page.tags["a"] == ["alpha beta"]
    assert page.tags["b"] == ["beta", " gamma"]  # cut at the end of "a", continued after it
    assert page.tags["c"] == ["beta"]
    assert html.count('data-tag="b"') == 2 and 'tag-cont" data-tag="b" tabindex="-1"' in html
    # equal spans: the lower rank is outside
    assert re.search(r'data-tag="b"[^>]*><span class="tag date" data-tag="c"', html)


def test_render_escapes_text_and_attributes_and_drops_event_handlers():
    from db.plugins.annotate import Block, Tag, render_article

    text = 'x <script>alert(1)</script> "><img src=x onerror=alert(2)>'
    tag = Tag("k", "ent", 10, 18, attrs={"title": '"><b>', "onclick": "alert(3)", "class": "x"})
    html = str(render_article(text, [Block(0, len(text))], [tag]))
    assert "<script>" not in html and "<img" not in html and "onclick" not in html
    assert 'title="&#34;&gt;&lt;b&gt;"' in html
    assert '&lt;script&gt;<span class="tag ent x"' in html and "&lt;/script&gt; &#34;&gt;" in html


def test_blocks_follow_blank_lines_and_guess_headings():
    from db.plugins.annotate import guess_kind, split_blocks

    text = "A Short Title\n\nFirst paragraph, with a sentence.\nSecond line.\n\n\n## Notes\n\nEnd."
    blocks = split_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "A Short Title",
        "First paragraph, with a sentence.\nSecond line.",
        "## Notes",
        "End.",
    ]
    assert [b.kind for b in blocks] == ["heading", "paragraph", "heading", "paragraph"]
    assert split_blocks(text, {0: "paragraph"})[0].kind == "paragraph"  # a recorded kind wins
    assert guess_kind("3. Why Sanctions Failed") == "heading"
    assert guess_kind("The talks ended:") == "paragraph"
    assert guess_kind("- a list item") == "paragraph"
    assert guess_kind("5. A “Strong Leader”") == "heading"


def test_a_tag_across_a_paragraph_break_is_drawn_in_both_paragraphs():
    from db.plugins.annotate import Tag, render_article, split_blocks

    text = "One two.\n\nthree four."
    html = render_article(text, split_blocks(text), [Tag("t", "ent", 4, 15)])
    page = Fragments(html)
    assert page.unbalanced == [] and page.tags["t"] == ["two.", "three"]
    assert html.count("<p ") == 2
