"""scripts/screenshot.py (the README's picture) photographs a page offline at 1200x750 in a small
PNG, and the committed docs/screenshot.png is such a picture."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PIL import Image

from conflictgraph.query import demo_graph
from conflictgraph.viz import write_html

from .chromium import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]


def _script() -> object:
    spec = importlib.util.spec_from_file_location("cg_screenshot", ROOT / "scripts/screenshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_committed_screenshot_is_small() -> None:
    png = ROOT / "docs" / "screenshot.png"
    assert png.stat().st_size < 300_000
    with Image.open(png) as image:
        assert image.format == "PNG" and image.size == (1200, 750)


@pytest.mark.browser
def test_script_photographs_a_page(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    page = tmp_path / "graph.html"
    write_html(demo_graph().g, page)
    out = tmp_path / "shot.png"
    script = _script()
    assert script.main(["--page", str(page), "--select", "Astana talks", "--out", str(out)]) == 0  # type: ignore[attr-defined]
    with Image.open(out) as image:
        assert image.size == (1200, 750) and image.mode == "P"  # palette: the small PNG
        colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 16  # a drawn page, not a blank one
    assert out.stat().st_size < 300_000
