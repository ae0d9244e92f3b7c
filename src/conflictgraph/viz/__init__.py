"""viz stage: a self-contained, offline, interactive HTML page of the graph."""

from conflictgraph.viz.html import to_html, write_html

__all__ = ["to_html", "write_html"]
