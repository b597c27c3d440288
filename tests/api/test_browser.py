"""The front end in a real browser: Debian's chromium, headless, driven by Playwright
for Python, against `newsgraph serve` over TCP and the Neo4j that `make test` starts,
with the seed article and two short articles of this test's own loaded.

Every page's requests are logged; a request to any host but this machine's loopback is
blocked and fails the test (Neo4j Browser's own calls aside, see the last test). The
screenshots go to docs/screenshots/, where the README shows them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright, expect

from api.browser_guide import cypher_examples
from api.settings import Settings
from api.web import browser_guide_command
from graph.driver import Connection
from graph.writer import write_extraction
from schema.model import Extraction

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "docs" / "screenshots"
CYPHER_DOC = REPO / "docs" / "cypher.md"
CHROMIUM = os.environ.get("NEWSGRAPH_TEST_CHROMIUM", "/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost"}
SEED_HEADLINE = "London Police Consider Deploying Openly Armed Officers in Gang Areas"

# Two short articles written for this test (not news: made up), so that a card can show
# the other articles that mention a person, and the list has more than one row.
TRAINING = (
    "Commissioner Opens Firearms Training Centre\n\n"
    "Cressida Dick, the commissioner of the Metropolitan Police, opened a new firearms "
    "training centre in Hendon on Friday.\n\n"
    "\u201cOur officers deserve the best training we can give them,\u201d Dick said at the "
    "opening.\n"
)
FERRY = (
    "Harbour Council Approves New Ferry Route\n\n"
    "The Harbour Council of Eastport approved a new ferry route on Monday, its chair "
    "Maria Lindqvist said.\n\n"
    "\u201cThis route will connect the islands to the mainland every hour,\u201d Lindqvist "
    "told reporters in Eastport.\n"
)
SOURCE = "Test Gazette"

pytestmark = pytest.mark.neo4j
# A busy CI machine renders slowly: wait up to 20 s for what a page should show.
expect.set_options(timeout=20_000)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in LOOPBACK


@dataclass
class Network:
    """The browser's network log: every request, and those blocked for leaving the machine."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    async def route(self, route: Route) -> None:
        url = route.request.url
        self.requests.append(url)
        if _is_local(url):
            await route.continue_()
        else:
            self.blocked.append(url)
            await route.abort()


@pytest.fixture(scope="module")
def chromium() -> str:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. Install it "
            "with `apt-get install chromium` (.ci/run does), or point NEWSGRAPH_TEST_CHROMIUM "
            "at another Chromium."
        )
    return CHROMIUM


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def three_articles(
    driver: AsyncDriver, connection: Connection, settings: Settings, seed_extraction: Extraction
) -> dict[str, str]:
    """An empty graph, then the seed article and the two test articles; headline -> id."""
    from loaders import extract, load_model, read_text

    await driver.execute_query("MATCH (n) DETACH DELETE n", database_=connection.database)
    nlp = load_model(settings.spacy_model)
    ids = {}
    extractions = [
        seed_extraction,
        extract(read_text(TRAINING, published=dt.date(2017, 9, 22), source=SOURCE), nlp=nlp),
        extract(read_text(FERRY, published=dt.date(2024, 5, 6), source=SOURCE), nlp=nlp),
    ]
    for extraction in extractions:
        result = await write_extraction(driver, connection.database, extraction)
        ids[extraction.article.headline or ""] = result.article_id
    return ids


@pytest.fixture(scope="module")
def api_url(three_articles: dict[str, str]) -> Iterator[str]:
    """`newsgraph serve` on a free port of this machine."""
    port = _free_port()
    newsgraph = Path(sys.executable).parent / "newsgraph"
    process = subprocess.Popen(
        [str(newsgraph), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "NEWSGRAPH_API_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"`newsgraph serve` exited: {stderr}")
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            subprocess.run(["sleep", "0.3"], check=True)
        else:
            pytest.fail("`newsgraph serve` did not become ready in 90 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def browser(chromium: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox"]
        )
        yield browser
        await browser.close()


@dataclass
class Tab:
    page: Page
    network: Network
    base: str

    async def screenshot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=SHOTS / name)


@pytest_asyncio.fixture(loop_scope="session")
async def tab(browser: Browser, api_url: str) -> AsyncIterator[Tab]:
    """A fresh browser context on the explorer; after the test, its network log must show
    no request to another host."""
    context: BrowserContext = await browser.new_context(viewport={"width": 1280, "height": 860})
    network = Network()
    await context.route("**/*", network.route)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield Tab(page, network, api_url)
    await context.close()
    assert network.requests, "the network log is empty: the page loaded nothing"
    assert network.blocked == [], f"requests left 127.0.0.1: {network.blocked}"
    assert errors == [], errors


async def test_the_explorer_lists_the_articles(
    tab: Tab, three_articles: dict[str, str], seed_extraction: Extraction
) -> None:
    page = tab.page
    await page.goto(tab.base + "/")
    rows = page.locator("tr.article-row")
    await expect(rows).to_have_count(3)
    for headline in three_articles:
        await expect(page.get_by_role("link", name=headline)).to_be_visible()
    seed = rows.filter(has_text=SEED_HEADLINE)
    cells = await seed.locator("td.num").all_inner_texts()
    people, statements, events = (int(c) for c in cells)
    # The counts of what the loader extracted from it (distinct people, by id).
    assert people == len({p.id for p in seed_extraction.people})
    assert statements == len(seed_extraction.statements)
    assert events == len(seed_extraction.events)
    await tab.screenshot("explorer-articles.png")


async def test_the_seed_article_highlights_cressida_dick(tab: Tab) -> None:
    page = tab.page
    await page.goto(tab.base + "/")
    await page.get_by_role("link", name=SEED_HEADLINE).click()
    dick = page.locator(".hl[data-id='person/cressida-dick']")
    await expect(dick.first).to_be_visible()
    assert await dick.count() >= 2  # her full name and "Ms Dick" / "Dick" further on
    assert "hl-person" in (await dick.first.get_attribute("class") or "")
    assert (await dick.first.inner_text()).strip() == "Cressida Dick"
    for kind in ("organisation", "place", "role", "statement", "event"):
        assert await page.locator(f"#article-text .hl-{kind}").count() > 0, kind
    # The legend's colours: dark text on a light fill, at least 4.5:1 (WCAG AA).
    ratios = await page.evaluate(
        """() => [...document.querySelectorAll('.legend .swatch')].map(el => {
          const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          const lum = s => {
            const [r, g, b] = rgb(s); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const style = getComputedStyle(el);
          const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
          return [el.textContent, (a + 0.05) / (b + 0.05)];
        })"""
    )
    assert len(ratios) == 6
    assert all(ratio >= 4.5 for _, ratio in ratios), ratios
    statements = page.locator("ol.statements li")
    assert await statements.count() >= 5
    await expect(statements.filter(has_text="Cressida Dick").first).to_be_visible()
    await tab.screenshot("explorer-article.png")


async def test_her_card_shows_her_role_statements_and_other_articles(tab: Tab) -> None:
    page = tab.page
    await page.goto(tab.base + "/")
    await page.get_by_role("link", name=SEED_HEADLINE).click()
    # With the keyboard: focus her first highlight and press Enter.
    first = page.locator(".hl[data-id='person/cressida-dick'][tabindex='0']").first
    await first.focus()
    await page.keyboard.press("Enter")
    await expect(page.locator("#card-title")).to_be_focused()
    await page.keyboard.press("Escape")  # closes the card, and the focus goes back
    await expect(page.locator("#card")).to_be_hidden()
    await expect(first).to_be_focused()
    await page.keyboard.press("Enter")
    card = page.locator("#card .card")
    await expect(card.locator("#card-title")).to_have_text("Cressida Dick")
    roles = card.locator("section", has=page.get_by_role("heading", name="Roles"))
    await expect(roles).to_contain_text("Commissioner")
    await expect(roles).to_contain_text("Metropolitan Police")
    said = card.locator("section", has=page.get_by_role("heading", name="What they said"))
    await expect(said).to_contain_text("it was not a move towards officers routinely carrying")
    assert await said.locator("li").count() >= 3
    articles = card.locator("section", has=page.get_by_role("heading", name="Articles"))
    await expect(articles.locator("li")).to_have_count(2)
    await expect(articles).to_contain_text("Commissioner Opens Firearms Training Centre")
    await tab.screenshot("explorer-card.png")
    # A statement's link goes back to its spot in the article.
    spot = said.locator("a.spot").first
    await spot.click()
    await expect(page.locator(".hl.flash")).to_be_visible()
    # Resting the pointer on a highlight opens its card as well.
    await page.locator(".hl[data-kind='role'][data-id^='role/']").first.hover()
    await expect(page.locator("#card .card-role")).to_be_visible()


async def test_the_graph_view_draws_her_neighbourhood(tab: Tab) -> None:
    page = tab.page
    await page.goto(tab.base + "/#/graph/person%2Fcressida-dick")
    graph = page.locator("#graph[data-nodes]")
    await expect(graph).to_be_visible()
    # One hop: her, her roles and their organisations, her statements, her events and
    # their places, as the API has them.
    query = """{ person(id: "person/cressida-dick") {
        id roles { id organisation { id } } statements { id } events { id location { id } } } }"""
    her = httpx.post(f"{tab.base}/graphql", json={"query": query}).json()["data"]["person"]
    expected = {her["id"]}
    for role in her["roles"]:
        expected |= {role["id"], role["organisation"]["id"]}
    expected |= {s["id"] for s in her["statements"]}
    for event in her["events"]:
        expected |= {event["id"]} | ({event["location"]["id"]} if event["location"] else set())
    first = int(await graph.get_attribute("data-nodes") or 0)
    assert first == len(expected) > 5
    nodes = page.locator("ul.graph-list button")
    await expect(nodes).to_have_count(first)
    role = nodes.and_(page.locator(".chip-role")).filter(has_text="Commissioner")
    await expect(role).to_have_count(1)
    org = nodes.and_(page.locator(".chip-organisation")).filter(has_text="Metropolitan Police")
    await expect(org).to_have_count(1)
    # Cytoscape drew on its canvas: some pixels are not the background.
    # (polled: Cytoscape paints on its next animation frames, after the list is there)
    painted = await page.wait_for_function(
        """() => [...document.querySelectorAll('#graph canvas')].some(c => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
          return false; })""",
        timeout=15_000,
    )
    assert await painted.json_value()
    await tab.screenshot("explorer-graph.png")
    # Expanding the organisation brings in its other role holders.
    await org.click()
    await expect(nodes.filter(has_text="Assistant Commissioner")).to_have_count(1)
    assert int(await graph.get_attribute("data-nodes") or 0) > first


async def test_search_finds_armed_patrols(tab: Tab) -> None:
    page = tab.page
    await page.goto(tab.base + "/")
    await page.get_by_role("searchbox", name="Search the graph").fill("armed patrols")
    await page.keyboard.press("Enter")
    hits = page.locator("ol.hits li")
    await expect(hits.first).to_be_visible()
    his = hits.filter(has_text="We are not considering routine deployments of armed officers")
    await expect(his).to_have_count(1)
    await tab.screenshot("explorer-search.png")
    await his.get_by_role("link").first.click()
    await expect(page.locator("#headline")).to_have_text(SEED_HEADLINE)


async def test_graphiql_renders_and_runs_a_readme_query(tab: Tab) -> None:
    page = tab.page
    await page.goto(tab.base + "/graphql")
    tabs = page.locator(".graphiql-tab")
    await expect(tabs).to_have_count(3)
    names = tabs.locator(".graphiql-tab-button")
    await expect(names).to_have_text(["Person", "Search", "EventsInLondon"])
    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    await expect(result).to_contain_text("Stephen House")
    await expect(result).to_contain_text("London assembly")
    await tab.screenshot("graphiql.png")
    await tabs.nth(1).click()
    await expect(page.locator(".graphiql-query-editor")).to_contain_text("query Search")
    await expect(page.locator(".graphiql-editor-tool")).to_contain_text("armed patrols")
    await expect(tabs.nth(1)).to_have_class(re.compile("graphiql-tab-active"))
    await page.locator(".graphiql-execute-button").click()
    await expect(result).to_contain_text("We are not considering routine deployments")


async def test_the_neo4j_browser_guide_opens_with_the_project_style(
    browser: Browser, api_url: str, settings: Settings
) -> None:
    """`:play` the guide that `newsgraph neo4j status` prints, apply the style from its
    first slide, and draw a path with it."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    network = Network()
    await context.route("**/*", network.route)
    page = await context.new_page()
    try:
        bolt = urlsplit(settings.neo4j_uri or "").netloc
        await page.goto(
            f"http://127.0.0.1:{settings.neo4j_http_port}/browser/?dbms=neo4j://neo4j@{bolt}"
        )
        await page.get_by_test_id("password").fill(settings.neo4j_password or "")
        await page.get_by_test_id("connect").click()
        await expect(page.get_by_text("Connected to Neo4j")).to_be_visible(timeout=30_000)
        # What `newsgraph neo4j status` tells a person to type, for this API's port.
        command = browser_guide_command(settings.replace(api_port=urlsplit(api_url).port or 0))
        await page.locator(".monaco-editor").first.click()
        await page.keyboard.type(command)
        await page.keyboard.press("Control+Enter")
        await expect(page.get_by_text("People, roles, organisations, places")).to_be_visible()
        # two slides (style, model), then one per docs/cypher.md example
        slides = 2 + len(cypher_examples(CYPHER_DOC.read_text(encoding="utf-8")))
        await expect(page.get_by_text(f"1 / {slides}")).to_be_visible()
        await page.wait_for_timeout(1500)  # the Browser slides a new frame in
        await page.screenshot(path=SHOTS / "neo4j-browser-guide.png")
        await page.locator("pre.runnable", has_text=":style").click()
        await page.keyboard.press("Control+Enter")
        await expect(page.get_by_text("node.Person {")).to_be_visible()
        await page.locator(".monaco-editor").first.click()
        await page.keyboard.type(
            "MATCH p = (:Person {name: 'Cressida Dick'})-[:HOLDS]->(:Role)-[:AT]->(:Organisation)"
            " RETURN p"
        )
        await page.keyboard.press("Control+Enter")
        await expect(page.get_by_text("Displaying 3 nodes, 2 relationships.")).to_be_visible()
        await page.screenshot(path=SHOTS / "neo4j-browser-style.png")
    finally:
        await context.close()
    assert any("/neo4j/guide.html" in url for url in network.requests)
    assert any("/neo4j/browser.grass" in url for url in network.requests)
    # Neo4j Browser 5 would ask Google Fonts, Segment, Canny and Sentry as it loads; the
    # local server's Content-Security-Policy keeps it on loopback, so not one request
    # for another host reaches the network
    assert network.blocked == [], f"requests left 127.0.0.1: {network.blocked}"
