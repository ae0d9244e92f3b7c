"""conflictgraph: news articles in, a dated conflict-timeline knowledge graph out.

>>> import conflictgraph
>>> sorted(conflictgraph.__all__)[:3]
['Article', 'BuildResult', 'ConflictGraph']

The heavy parts (spaCy, rdflib) load on first use of the names that need them.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "conflictgraph.model",
    "BuildResult": "conflictgraph.build",
    "ConflictGraph": "conflictgraph.graph",
    "ConflictGraphError": "conflictgraph.errors",
    "build_graph": "conflictgraph.build",
    "build_nlp": "conflictgraph.nlp.pipeline",
    "read_inputs": "conflictgraph.ingest",
    "to_rdf": "conflictgraph.rdf",
    "to_html": "conflictgraph.viz",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from the module that owns it, on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictgraph' has no attribute {name!r}")
    return getattr(import_module(module), name)
