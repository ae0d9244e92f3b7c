"""The HTML page in headless Chromium: offline, safe, and the controls do what they say."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from conflictgraph.viz import write_html

from .chromium import LOCAL_SCHEMES, WATCH, launch
from .graphs import ARTICLE, URL, XSS_LABEL, build_astana, build_hostile

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with launch() as b:
        yield b


class Page:
    """An opened page plus what it tried to fetch and which errors it raised."""

    def __init__(self, page: Any, outside: list[str], errors: list[str]) -> None:
        self.page = page
        self.outside = outside
        self.errors = errors

    def js(self, expression: str, arg: Any = None) -> Any:
        """Evaluate in the page."""
        return self.page.evaluate(expression, arg)

    def dom_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        x, y = self.js(
            """id => {
              const p = cgNetwork.canvasToDOM(cgNetwork.getPosition(id));
              const r = document.getElementById("cg-graph").getBoundingClientRect();
              return [p.x + r.left, p.y + r.top];
            }""",
            node_id,
        )
        return float(x), float(y)


@contextmanager
def open_page(browser: Any, g: nx.MultiDiGraph, path: Path) -> Iterator[Page]:
    """Write ``g`` to ``path`` and open it from file:// with every other request refused."""
    write_html(g, path, title="Astana talks, January 2017")
    context = browser.new_context(viewport={"width": 1280, "height": 760})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.split(":", 1)[0].lower() in LOCAL_SCHEMES:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(WATCH)
    try:
        page.goto(path.as_uri())
        page.wait_for_function("() => window.cgReady !== undefined", timeout=15_000)
        yield Page(page, outside, errors)
    finally:
        context.close()


@pytest.fixture
def page(browser: Any, tmp_path: Path) -> Iterator[Page]:
    """The hostile Astana graph, opened."""
    with open_page(browser, build_hostile(), tmp_path / "graph.html") as p:
        yield p


def test_renders_offline_without_errors(page: Page) -> None:
    visible = [n for n, d in build_hostile().nodes(data=True) if d["kind"] != "article"]
    assert page.js("cgNetwork.body.data.nodes.length") == len(visible)
    assert page.js("document.querySelectorAll('#cg-graph canvas').length") == 1
    assert page.js("typeof window.cgReady") == "number"
    assert page.js("document.title") == "Astana talks, January 2017"
    page.page.wait_for_timeout(300)
    assert page.outside == []
    assert page.js("window.__csp") == []
    assert page.errors == []


def test_injected_markup_stays_text(page: Page) -> None:
    assert page.js("cg.select('actor:evil')") is True
    page.page.wait_for_timeout(600)  # the view glides to the node
    # hover it too, so vis-network builds and shows its tooltip, then click it
    x, y = page.dom_point("actor:evil")
    page.page.mouse.move(x, y)
    page.page.wait_for_timeout(500)
    page.page.mouse.click(x, y)
    page.page.wait_for_timeout(300)
    assert page.js("window.__pwned") is None
    assert page.js("cgNetwork.getSelectedNodes()") == ["actor:evil"]
    details = page.page.locator("#cg-details")
    assert details.is_visible()
    text = details.inner_text()
    assert XSS_LABEL in text
    assert "<script>window.__pwned=1</script>" in text
    assert page.js("document.querySelectorAll('#cg-details img, #cg-details script').length") == 0
    # a javascript: URL is shown, never linked
    assert "javascript:window.__pwned=1" in text
    assert page.js("document.querySelectorAll('#cg-details a').length") == 0
    tooltip = page.js(
        "(() => { const t = document.querySelector('.vis-tooltip');"
        " return t ? [t.textContent, t.querySelectorAll('img, script').length] : null; })()"
    )
    assert tooltip is not None
    assert XSS_LABEL in tooltip[0]
    assert tooltip[1] == 0
    assert page.js("window.__pwned") is None


def test_details_show_provenance_and_links(browser: Any, tmp_path: Path) -> None:
    with open_page(browser, build_astana(), tmp_path / "astana.html") as p:
        p.js("cg.select('event:astana-talks')")
        text = p.page.locator("#cg-details").inner_text()
        for expected in (
            "Astana talks",
            "2017-01-23 – 2017-01-24",
            "Astana",  # location, by label
            "occurred",
            "the two-day intra-Syrian talks which concluded in Astana on January 24",
            "Iran, Russia say Astana talks efficient platform for Syria crisis settlement",
            "Press TV, 2017-01-28",
            "confidence 0.80",
        ):
            assert expected in text
        assert p.js("[...document.querySelectorAll('#cg-details a')].map(a => a.href)") == [URL]
        assert p.js("document.querySelector('#cg-details a').rel") == "noopener noreferrer"
        p.js("cg.select('actor:IRN')")
        assert "Iranian" in p.page.locator("#cg-details").inner_text()


def test_time_window_hides_and_fades(page: Page) -> None:
    months = page.js("cg.months")
    assert months == ["2016-12", "2017-01"]
    assert page.js("cg.isHidden('event:astana-talks')") is False
    december = months.index("2016-12")
    for handle in ("#cg-t-hi", "#cg-t-lo"):  # drag both handles to December 2016
        page.page.locator(handle).evaluate(
            "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
            december,
        )
    page.page.wait_for_function("() => cg.isHidden('event:astana-talks') === true")
    assert page.js("cgNetwork.body.data.nodes.get('event:astana-talks').hidden") is True
    assert page.js("cg.isHidden('event:aleppo-deal')") is False
    assert page.js("cgNetwork.body.data.nodes.get('event:aleppo-deal').hidden") in (None, False)
    assert page.page.locator("#cg-t-text").inner_text() == "Dec 2016"
    # Lavrov only took part in the Astana talks: he fades; Russia has the Aleppo deal
    assert page.js("cg.isFaded('actor:sergei-lavrov')") is True
    assert page.js("cg.isFaded('actor:RUS')") is False
    page.js("cg.setWindow('2017-01', '2017-01')")
    assert page.js("cg.isHidden('event:astana-talks')") is False
    assert page.js("cg.isHidden('event:aleppo-deal')") is True


def test_undated_events_stay_visible(browser: Any, tmp_path: Path) -> None:
    g = build_hostile()
    g.add_node("event:x", id="event:x", kind="event", label="Undated meeting", aliases=[],
               provenance=[], event_type="040", cameo_root="04", start=None, end=None,
               status="occurred")  # fmt: skip
    with open_page(browser, g, tmp_path / "undated.html") as p:
        p.js("cg.setWindow('2016-12', '2016-12')")
        assert p.js("cg.isHidden('event:x')") is False
        p.js("cg.select('event:x')")
        assert "undated" in p.page.locator("#cg-details").inner_text()


def test_play_steps_month_by_month(page: Page) -> None:
    page.js("cg.setWindow('2016-12', '2016-12')")
    page.page.click("#cg-play")
    page.page.wait_for_function(
        "() => document.getElementById('cg-t-text').textContent === 'Jan 2017'", timeout=5000
    )
    assert page.js("cg.isHidden('event:aleppo-deal')") is True


def test_search_focuses_lavrov(page: Page) -> None:
    page.page.fill("#cg-search", "lavrov")
    page.page.press("#cg-search", "Enter")
    assert page.js("cgNetwork.getSelectedNodes()") == ["actor:sergei-lavrov"]
    assert "Sergei Lavrov" in page.page.locator("#cg-details").inner_text()
    page.page.fill("#cg-search", "moscow")  # an alias
    page.page.press("#cg-search", "Enter")
    assert page.js("cgNetwork.getSelectedNodes()") == ["actor:RUS"]
    page.page.fill("#cg-search", "no such actor")
    page.page.press("#cg-search", "Enter")
    assert page.page.locator("#cg-search-status").inner_text() == "no match"


def test_filters(page: Page) -> None:
    page.page.locator('input[data-filter="actor_type"][data-value="state"]').uncheck()
    page.page.wait_for_function("() => cg.isHidden('actor:IRN') === true")
    assert page.js("cg.isHidden('actor:sergei-lavrov')") is False
    page.page.locator('input[data-filter="kind"][data-value="event"]').uncheck()
    page.page.wait_for_function("() => cg.isHidden('event:astana-talks') === true")
    assert page.js("cg.isHidden('actor:sergei-lavrov')") is False
    # articles are off at first and join the network when asked for
    assert page.js(f"cgNetwork.body.data.nodes.get('{ARTICLE}')") is None
    page.page.locator('input[data-filter="kind"][data-value="article"]').check()
    page.page.wait_for_function(f"() => cg.isHidden('{ARTICLE}') === false")
    assert page.js(f"cgNetwork.body.data.nodes.get('{ARTICLE}').hidden") is False
    page.js("cg.setFilter('status', 'occurred', false)")
    assert page.js("cg.isHidden('event:aleppo-deal')") is True


def test_layout_toggle_and_edge_hover(page: Page) -> None:
    before = page.js("cgNetwork.getPosition('actor:IRN')")
    page.page.click('button[data-layout="network"]')
    after = page.js("cgNetwork.getPosition('actor:IRN')")
    assert before != after
    page.page.click('button[data-layout="timeline"]')
    assert page.js("cgNetwork.getPosition('actor:IRN')") == before
    # hovering the middle of Lavrov → Astana talks labels it with role and date
    (x1, y1), (x2, y2) = page.dom_point("actor:sergei-lavrov"), page.dom_point("event:astana-talks")
    page.page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    page.page.wait_for_timeout(400)
    labels = page.js("cgNetwork.body.data.edges.get().map(e => e.label).filter(l => l && l.trim())")
    assert labels == ["participant · speaker · 2017-01-23 – 2017-01-24"]


def test_screenshot(page: Page) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.page.wait_for_timeout(300)
    page.page.screenshot(path=str(ARTIFACTS / "page.png"))
    page.js("cg.select('event:astana-talks')")
    page.page.wait_for_timeout(600)
    page.page.screenshot(path=str(ARTIFACTS / "page-details.png"))
    assert (ARTIFACTS / "page.png").stat().st_size > 10_000
