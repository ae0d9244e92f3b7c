"""Headless Chromium for the browser tests: launch it, open a file with the network refused."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file", "data", "blob", "about")

# Collects Content-Security-Policy violations, in every frame.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@contextmanager
def launch() -> Iterator[Any]:
    """One headless Chromium (skips the test when Chromium or Playwright is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(f"headless browser tests need Chromium at {CHROMIUM}, which is missing")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Opened:
    """An opened page, every request it made, those refused, and the errors it raised."""

    page: Any
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def open_file(
    browser: Any, path: Path, *, width: int = 1400, height: int = 900
) -> Iterator[Opened]:
    """Open ``path`` from file:// with every non-local request refused and recorded."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    opened = Opened(page)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.split(":", 1)[0].lower() in LOCAL_SCHEMES:
            route.continue_()
        else:
            opened.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("request", lambda r: opened.requests.append(r.url))
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(WATCH)
    try:
        page.goto(path.as_uri())
        yield opened
    finally:
        context.close()
