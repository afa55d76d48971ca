"""`statecraft serve` in a real browser: Debian's Chromium driven by Playwright.

The server runs as a subprocess on 127.0.0.1 and a free port, over a database built
by the real pipeline from the seed article and the hostile-markup fixture, with the
instrument and date rows of `tests.datasette_fixtures.add_fixtures`. Requests to any other
host are blocked and fail the test. Screenshots go to tests/screenshots/ (git-ignored
by the .gitignore the fixture writes there).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlite_utils

from tests.conftest import CORPUS, ROOT
from tests.datasette_fixtures import INSTRUMENTS, SEED_ID, XSS_FOLDER, add_fixtures

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A built database served by `statecraft serve`; yields its base URL and path."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    db_path = tmp_path_factory.mktemp("browser") / "statecraft.db"
    built = CliRunner().invoke(cli, ["build", str(CORPUS), str(XSS_FOLDER), "--db", str(db_path)])
    assert built.exit_code == 0, built.output
    add_fixtures(db_path, SEED_ID)
    add_fixtures(
        db_path,
        "hostile-markup",
        [("sanctions", "sanctions", "<img src=x onerror=alert(9)>", "Germany", "Russia", {})],
        [("5 March 2024", "DATE", "2024-03-05")],
    )
    port = free_port()
    command = [sys.executable, "-m", "pipeline", "serve", "--db", str(db_path), "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"statecraft serve did not start:\n{process.stdout.read()}")
            time.sleep(0.3)
    yield base, db_path
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def browser():
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / ".gitignore").write_text("*\n")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A page that may only talk to our server; scripts' dialogs are recorded, not shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []
    dialogs: list[str] = []

    def guard(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.set_default_timeout(15000)
    yield tab
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert dialogs == [], f"a script from the data ran: {dialogs}"


def background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def test_article_page_highlights_tags_with_attributes_and_toggles(page, server):
    base, db_path = server
    page.goto(f"{base}/statecraft/documents/{SEED_ID}")
    article = page.locator("#sc-article")
    for layer in ("ent", "date", "ins"):
        assert article.locator(f".tag.{layer}").first.is_visible()
    entity = article.locator(".tag.ent-GPE").first
    assert background(entity) not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("h2.sc-heading").count() > 0 and page.locator("p.sc-paragraph").count() > 1
    page.screenshot(path=SCREENSHOTS / "article.png", full_page=True)

    # hover: the instrument's attributes appear next to it
    [eased] = [i for i in INSTRUMENTS if i[2] == "eased"]
    instrument = article.locator(".tag.ins", has_text=eased[0]).first
    tip = page.locator(f"#{instrument.get_attribute('aria-describedby')}")
    assert page.locator(".sc-tip").count() > 50 and not page.locator(".sc-tip").first.is_visible()
    instrument.hover()
    tip.wait_for(state="visible")
    assert page.locator(".sc-tip:not([hidden])").count() == 1
    for value in ("sanctions", "eased", "Donald Trump", "Russia"):
        assert value in tip.inner_text()
    page.screenshot(path=SCREENSHOTS / "article-hover.png")

    # keyboard: focus shows a date's attributes
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    date = article.locator(".tag.date", has_text="February 24, 2022").first
    date.focus()
    date_tip = page.locator(f"#{date.get_attribute('aria-describedby')}")
    date_tip.wait_for(state="visible")
    assert "2022-02-24" in date_tip.inner_text()

    # toggle the entity layer off: no fill, while instruments keep their box
    page.locator("label[for=sc-toggle-ent]").click()
    assert background(entity) == "rgba(0, 0, 0, 0)"
    assert instrument.evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
    page.screenshot(path=SCREENSHOTS / "article-entities-off.png", full_page=True)
    page.locator("label[for=sc-toggle-ent]").click()
    assert background(entity) not in ("rgba(0, 0, 0, 0)", "transparent")

    # Enter on a tag lists its other mentions
    entity.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/entity_mentions?*")
    db = sqlite_utils.Database(db_path)
    entity_id = page.url.split("entity_id=")[1]
    assert (
        page.locator("table.rows-and-columns tbody tr").count()
        == db.execute(
            "select count(*) from entity_mentions where entity_id = ?",
            [urllib.parse.unquote_plus(entity_id)],
        ).fetchone()[0]
    )


def test_facet_link_filters_the_mentions(page, server):
    base, db_path = server
    page.goto(f"{base}/statecraft/instrument_mentions")
    page.locator(".facet-results a", has_text="sanctions").first.click()
    page.wait_for_url("**instrument=sanctions*")
    expected = (
        sqlite_utils.Database(db_path)
        .execute("select count(*) from instrument_mentions where instrument = 'sanctions'")
        .fetchone()[0]
    )
    assert page.locator("table.rows-and-columns tbody tr").count() == expected
    page.screenshot(path=SCREENSHOTS / "facet.png", full_page=True)


def test_canned_query_runs_from_its_form(page, server):
    base, _ = server
    page.goto(f"{base}/statecraft/instruments_aimed_at")
    page.fill("input[name=target]", "Ukraine")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_url("**target=Ukraine*")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == sum(i[4] == "Ukraine" for i in INSTRUMENTS)
    assert "military_aid" in rows.first.inner_text()
    page.screenshot(path=SCREENSHOTS / "canned-query.png", full_page=True)


def test_chart_page_draws_svg_charts(page, server):
    base, _ = server
    page.goto(f"{base}/-/dashboards/instruments")
    for chart in ("over-time", "instrument-action", "by-actor"):
        marks = page.locator(f"#chart-{chart} svg .mark-rect path, #chart-{chart} svg .mark-rect")
        marks.first.wait_for(state="attached")
        assert page.locator(f"#chart-{chart} svg path").count() > 0
    page.screenshot(path=SCREENSHOTS / "dashboard.png", full_page=True)


def test_search_box_shows_highlighted_snippets(page, server):
    base, _ = server
    page.goto(f"{base}/statecraft/documents")
    page.fill("input#_search", "annexation")
    page.locator("form.filters input[type=submit]").click()
    page.wait_for_url("**_search=annexation*")
    hit = page.locator(".sc-snippets mark.sc-hit").first
    assert hit.inner_text().lower() == "annexation"
    page.screenshot(path=SCREENSHOTS / "search.png", full_page=True)


def test_hostile_article_shows_its_markup_as_text(page, server):
    base, db_path = server
    document = sqlite_utils.Database(db_path)["documents"].get("hostile-markup")
    page.goto(f"{base}/statecraft/documents/hostile-markup")
    assert page.locator("h1.sc-title").inner_text() == document["title"]
    assert '<script>alert("body")</script>' in page.locator("#sc-article").inner_text()
    assert page.locator("#sc-article img, #sc-article script, #sc-article svg").count() == 0
    instrument = page.locator("#sc-article .tag.ins").first
    instrument.hover()
    tip = page.locator(f"#{instrument.get_attribute('aria-describedby')}")
    tip.wait_for(state="visible")
    assert "<img src=x onerror=alert(9)>" in tip.inner_text()
    page.screenshot(path=SCREENSHOTS / "hostile.png", full_page=True)
    for path in ("/statecraft/documents", "/statecraft/documents?_search=alert"):
        page.goto(base + path)
        assert page.locator("td img, .sc-snippets img").count() == 0
