"""The timeline chart's HTML page in headless Chromium: offline, script-free, hover titles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictgraph.viz import timeline_html

from .chromium import launch, open_file
from .graphs import XSS_LABEL, XSS_SENTENCE, build_hostile, event, participant

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with launch() as b:
        yield b


def test_timeline_page_offline_with_hover_titles(browser: Any, tmp_path: Path) -> None:
    g = build_hostile()
    event(g, "event:xss", XSS_SENTENCE, "2017-01-10", "2017-01-10", status="planned")
    participant(g, "actor:evil", "event:xss", "organizer")
    path = tmp_path / "timeline.html"
    chart = timeline_html(g, path, title="Astana talks, January 2017")
    with open_file(browser, path) as p:
        page = p.page
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        # offline: the file itself is the only request, nothing was refused, no CSP complaint
        assert p.requests == [path.as_uri()]
        assert p.outside == []
        assert p.errors == []
        assert page.evaluate("window.__csp") == []
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.scripts.length") == 0
        assert page.title() == "Astana talks, January 2017 — timeline"

        # every mark carries a <title>: the browser's hover text
        titles = page.evaluate(
            "[...document.querySelectorAll('svg.cg-tl g.m')].map(g => "
            "g.querySelector(':scope > title') ? g.querySelector(':scope > title').textContent"
            " : null)"
        )
        assert len(titles) == len(chart.marks) and None not in titles
        talks = [t for t in titles if t.startswith("Astana talks")]
        assert len(talks) == 4  # Iran, Russia, Turkey, Lavrov
        assert any("23–24 Jan 2017 · occurred" in t for t in talks)
        assert any(t.startswith(XSS_SENTENCE) and "planned" in t for t in titles)
        # the hostile strings are text: no element was made from them
        assert page.evaluate("document.querySelectorAll('img, script, iframe').length") == 0
        assert XSS_LABEL in page.evaluate("document.querySelector('svg.cg-tl').textContent")

        # December's deal is drawn left of January's talks
        xs = page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('svg.cg-tl g.m')].map(
                 g => [g.querySelector('title').textContent.split('\\n')[0],
                       g.firstElementChild.nextElementSibling.getBoundingClientRect().x]))"""
        )
        assert xs["Aleppo evacuation deal"] < xs["Astana talks"]

        # hovering a mark outlines the same event in its other rows
        marks = page.locator("svg.cg-tl g.m")
        k = titles.index(talks[0])
        marks.nth(k).hover()
        page.wait_for_timeout(150)
        widths = page.evaluate(
            """() => [...document.querySelectorAll('svg.cg-tl g.m')]
                 .filter(g => g.querySelector('title').textContent.startsWith('Astana talks'))
                 .map(g => getComputedStyle(g.querySelector('rect, path')).strokeWidth)"""
        )
        assert widths == ["2px"] * 4

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
        assert p.outside == []
