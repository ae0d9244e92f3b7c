"""viz stage: a self-contained, offline, interactive HTML page of the graph; pictures for print
(PNG/SVG, matplotlib) and a timeline chart of events by actor (PNG or offline HTML/SVG).

matplotlib loads only when a picture is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from conflictgraph.viz.html import to_html, write_html

_LAZY = {
    "to_png": "conflictgraph.viz.static",
    "to_svg": "conflictgraph.viz.static",
    "timeline_png": "conflictgraph.viz.timeline",
    "timeline_html": "conflictgraph.viz.timeline",
}

__all__ = ["timeline_html", "timeline_png", "to_html", "to_png", "to_svg", "write_html"]


def __getattr__(name: str) -> Any:
    """Import the picture writers on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictgraph.viz' has no attribute {name!r}")
    return getattr(import_module(module), name)
