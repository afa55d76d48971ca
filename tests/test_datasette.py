"""Datasette over a built database, with the db/ configuration, through its in-process client."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from datasette.app import Datasette

from pipeline.cli import CONFIG_DIR, cli, datasette_serve_args


@pytest.fixture(scope="module")
def built_db(tmp_path_factory) -> str:
    from tests.conftest import CORPUS

    db_path = tmp_path_factory.mktemp("ds") / "statecraft.db"
    result = CliRunner().invoke(cli, ["build", str(CORPUS), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    return str(db_path)


@pytest.fixture
def datasette(built_db) -> Datasette:
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text())
    return Datasette([built_db], metadata=metadata)


async def test_documents_table_is_served(datasette):
    response = await datasette.client.get("/statecraft/documents.json?_shape=objects")
    assert response.status_code == 200
    [row] = response.json()["rows"]
    assert row["id"] == "seed-trump-second-term-russia-ukraine-pivot"
    page = await datasette.client.get("/statecraft/documents")
    assert page.status_code == 200
    assert "One row per article" in page.text  # the table description from metadata.yml


async def test_full_text_search_finds_the_article(datasette):
    response = await datasette.client.get(
        "/statecraft/documents.json?_search=annexation+Crimea&_shape=objects"
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["rows"]] == [
        "seed-trump-second-term-russia-ukraine-pivot"
    ]
    miss = await datasette.client.get("/statecraft/documents.json?_search=zeppelin&_shape=objects")
    assert miss.json()["rows"] == []


async def test_default_facets_come_from_metadata(datasette):
    response = await datasette.client.get("/statecraft/entity_mentions.json")
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    assert {"label", "entity_id"} <= set(facets)
    labels = {v["value"] for v in facets["label"]["results"]}
    assert {"PERSON", "GPE"} <= labels


def test_serve_binds_to_localhost_with_the_configuration():
    args = datasette_serve_args(CONFIG_DIR / "statecraft.db", host="127.0.0.1", port=8001)
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert str(CONFIG_DIR / "metadata.yml") in args
    result = CliRunner().invoke(cli, ["serve", "-h"])
    assert "127.0.0.1" in result.output
