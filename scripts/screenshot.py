"""The README's screenshot: build the demo page from data/articles and photograph it in headless
Chromium, the way a newcomer first sees it (timeline layout, one event's sources open).

    .venv/bin/python scripts/screenshot.py                  # writes docs/screenshot.png
    .venv/bin/python scripts/screenshot.py --out /tmp/s.png --select "Astana talks"

Chromium is Debian's (/usr/bin/chromium), launched as the browser tests launch it
(tests/viz/chromium.py), with every non-local request refused: the page must work offline.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1200, 750
SELECT = "Astana talks"  # the event whose sources the sidebar shows


def _chromium() -> Any:
    """tests/viz/chromium.py, the browser tests' launcher (its Chromium path and flags)."""
    spec = importlib.util.spec_from_file_location("cg_chromium", ROOT / "tests/viz/chromium.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def build_page(folder: Path) -> Path:
    """Build the graph of data/articles and write its page into ``folder``."""
    from conflictgraph.build import build_graph
    from conflictgraph.viz import write_html

    result = build_graph([ROOT / "data" / "articles"])
    if result.skipped:
        raise SystemExit(f"data/articles: {len(result.skipped)} input(s) skipped")
    page = folder / "graph.html"
    write_html(result.graph.g, page, title="conflictgraph · sample corpus")
    return page


def photograph(page: Path, out: Path, *, select: str | None = SELECT) -> None:
    """Open ``page`` offline in headless Chromium and save a ``WIDTH`` x ``HEIGHT`` PNG."""
    from playwright.sync_api import sync_playwright

    chromium = _chromium()
    if not chromium.CHROMIUM.exists():
        raise SystemExit(f"needs Chromium at {chromium.CHROMIUM} (apt-get install chromium)")
    refused: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium.CHROMIUM), args=chromium.ARGS)
        try:
            context = browser.new_context(
                viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1
            )

            def guard(route: Any) -> None:
                if route.request.url.split(":", 1)[0].lower() in chromium.LOCAL_SCHEMES:
                    route.continue_()
                else:
                    refused.append(route.request.url)
                    route.abort()

            context.route("**/*", guard)
            tab = context.new_page()
            tab.goto(page.as_uri())
            tab.wait_for_function("() => window.cgReady !== undefined", timeout=60_000)
            if select:
                tab.fill("#cg-search", select)
                tab.press("#cg-search", "Enter")
                tab.wait_for_selector("#cg-details:not([hidden])", timeout=10_000)
            tab.wait_for_timeout(800)  # let the view settle after the zoom
            out.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(out))
        finally:
            browser.close()
    if refused:
        raise SystemExit(f"the page asked for the network: {refused[:3]}")
    shrink(out)


def shrink(png: Path) -> None:
    """Rewrite ``png`` with a 256-colour palette (no dithering): a quarter of the bytes, the
    page's colours kept (a median-cut palette merged the legend's colours)."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    small.save(png, optimize=True)


def main(argv: list[str] | None = None) -> int:
    """Build the page, photograph it, print where the PNG went and its size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    ap.add_argument("--page", type=Path, help="photograph this page instead of building one")
    ap.add_argument("--select", default=SELECT, help="search for this label and open it ('' none)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        page = args.page or build_page(Path(tmp))
        photograph(page, args.out, select=args.select or None)
    print(f"{args.out} ({args.out.stat().st_size / 1000:.0f} kB, {WIDTH}x{HEIGHT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
