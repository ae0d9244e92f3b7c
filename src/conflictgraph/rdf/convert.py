"""The graph as RDF and back without loss: ``from_rdf(to_rdf(g))`` has the attributes of ``g``.

The default graph holds the merged description of every node and edge. Each article has a named
graph (``<article IRI>#graph``) with the facts it states and the ``cg:Provenance`` sentences that
state them; the default graph describes that named graph with PROV-O. Participations are SEM
role nodes, other edges are plain triples plus an ``rdf:Statement`` that carries their attributes.
The attribute-to-term tables are in :mod:`conflictgraph.rdf.terms`.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Final

import networkx as nx
from rdflib import Dataset, Graph

from conflictgraph.errors import RDFError
from conflictgraph.rdf.decode import decode
from conflictgraph.rdf.encode import bind_prefixes, encode
from conflictgraph.store.files import atomic_write_text

__all__ = [
    "FORMATS",
    "from_rdf",
    "jsonld_context",
    "parse_rdf",
    "quiet_rdflib",
    "to_jsonld",
    "to_nquads",
    "to_ntriples",
    "to_rdf",
    "to_trig",
    "to_turtle",
    "write_rdf",
]

_RDFLIB_DEPRECATIONS: Final = r"(Dataset\.default_context|Dataset\.contexts|ConjunctiveGraph) is"


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Silence the DeprecationWarnings rdflib 7.6 raises from its own parsers and serialisers."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", _RDFLIB_DEPRECATIONS, DeprecationWarning)
        yield


def to_rdf(g: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> Dataset:
    """The graph as an RDF dataset: merged descriptions by default, one named graph per article."""
    return encode(g, generated_at or datetime.now(UTC))


def from_rdf(ds: Dataset | Graph) -> nx.MultiDiGraph:
    """The graph back from :func:`to_rdf` output, from any serialisation (merged or not)."""
    return decode((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))


# ---------------------------------------------------------------------------------------------
# Serialisations


def _merged(ds: Dataset) -> Graph:
    """The default graph and every named graph as one graph (for triple formats)."""
    merged = Graph()
    bind_prefixes(merged)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _serialize(graph: Graph, fmt: str, **options: object) -> str:
    with quiet_rdflib():
        return graph.serialize(format=fmt, encoding=None, **options)


def to_turtle(g: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> str:
    """Turtle of the default and all named graphs merged (Turtle has no named graphs)."""
    return _serialize(_merged(to_rdf(g, generated_at=generated_at)), "turtle")


def to_trig(g: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> str:
    """TriG: the default graph plus one named graph per article."""
    return _serialize(to_rdf(g, generated_at=generated_at), "trig")


def to_nquads(g: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> str:
    """N-Quads: the default graph plus one named graph per article, one quad a line."""
    return _serialize(to_rdf(g, generated_at=generated_at), "nquads")


def to_ntriples(g: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> str:
    """N-Triples of all graphs merged, one triple a line (for line-oriented tools)."""
    return _serialize(_merged(to_rdf(g, generated_at=generated_at)), "nt")


def jsonld_context() -> dict[str, object]:
    """The JSON-LD context (``rdf/context.jsonld``): the project's prefixes plus short names
    for every class and property (``label``, ``begin``, ``hasActor``, ``evidence`` ...)."""
    text = resources.files("conflictgraph.rdf").joinpath("context.jsonld").read_text("utf-8")
    context = json.loads(text)["@context"]
    assert isinstance(context, dict)
    return context


def to_jsonld(g: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> str:
    """JSON-LD with the named graphs kept, compacted with the project's context file."""
    ds = to_rdf(g, generated_at=generated_at)
    return _serialize(ds, "json-ld", context=jsonld_context(), indent=2)


FORMATS: Final[Mapping[str, Callable[..., str]]] = {
    "ttl": to_turtle,
    "trig": to_trig,
    "nq": to_nquads,
    "nt": to_ntriples,
    "jsonld": to_jsonld,
}
"""Format name (the usual file extension) to serialiser."""

_RDFLIB_FORMAT: Final = {
    "ttl": "turtle",
    "trig": "trig",
    "nq": "nquads",
    "nt": "nt",
    "jsonld": "json-ld",
}


def write_rdf(
    g: nx.MultiDiGraph, path: Path, fmt: str, *, generated_at: datetime | None = None
) -> None:
    """Write the graph as RDF in ``fmt`` atomically, so readers never see half a file."""
    if fmt not in FORMATS:
        raise RDFError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    atomic_write_text(Path(path), FORMATS[fmt](g, generated_at=generated_at))


def parse_rdf(data: str, fmt: str) -> Dataset:
    """Parse text in one of ``FORMATS`` into a Dataset; triple formats fill the default graph."""
    if fmt not in _RDFLIB_FORMAT:
        raise RDFError(f"unknown RDF format {fmt!r}; choose one of {', '.join(_RDFLIB_FORMAT)}")
    ds = Dataset()
    with quiet_rdflib():
        ds.parse(data=data, format=_RDFLIB_FORMAT[fmt])
    return ds
