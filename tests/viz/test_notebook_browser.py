"""Notebook display: ``ConflictGraph._repr_html_`` (an iframe with ``srcdoc``) renders the graph
inside a host page, in headless Chromium, with no network and no file written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflictgraph.graph import ConflictGraph

from .chromium import launch, open_file
from .graphs import XSS_LABEL, build_hostile

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module."""
    with launch() as b:
        yield b


def test_repr_html_renders_in_an_iframe_offline(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    snippet = ConflictGraph(build_hostile())._repr_html_()
    assert os.listdir(work) == []  # nothing written to the working directory
    assert snippet.startswith("<iframe srcdoc=") and "<script" not in snippet
    # what a notebook does: put the snippet into its own page
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>notebook</title></head>"
        f"<body><h1>Out[1]:</h1>{snippet}</body></html>",
        encoding="utf-8",
    )
    with open_file(browser, host) as p:
        page = p.page
        page.wait_for_selector("iframe")
        frame = page.frames[1]
        frame.wait_for_function("() => window.cgReady !== undefined", timeout=15_000)
        visible = [n for n, d in build_hostile().nodes(data=True) if d["kind"] != "article"]
        assert frame.evaluate("cgNetwork.body.data.nodes.length") == len(visible)
        assert frame.evaluate("document.querySelectorAll('#cg-graph canvas').length") == 1
        # the canvas was actually drawn on: some of its pixels are not blank
        assert (
            frame.evaluate(
                """() => { const c = document.querySelector('#cg-graph canvas');
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                 return n; }"""
            )
            > 1000
        )
        box = page.locator("iframe").bounding_box()
        assert box is not None and box["height"] >= 600 and box["width"] > 600
        # the sidebar and the search work inside the frame
        frame.fill("#cg-search", "lavrov")
        frame.press("#cg-search", "Enter")
        assert frame.evaluate("cgNetwork.getSelectedNodes()") == ["actor:sergei-lavrov"]
        page.wait_for_timeout(300)
        assert p.requests == [host.as_uri()]  # srcdoc is no request; nothing else was fetched
        assert p.outside == []
        assert p.errors == []
        assert frame.evaluate("window.__csp") == []
        assert frame.evaluate("window.__pwned") is None
        assert page.evaluate("window.__pwned") is None
        # the hostile label reached the frame as plain text (wrapped on the canvas)
        drawn = frame.evaluate("cgNetwork.body.data.nodes.get('actor:evil').label")
        assert XSS_LABEL.startswith(drawn.replace("\n", " ").rstrip("…"))
        assert drawn.startswith("<img src=x")
