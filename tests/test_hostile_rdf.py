"""RDF safety for the hostile names of issue 9: every IRI minted from a name is valid (spaces,
quotes, <>, newlines, emoji, NUL-free control characters, 5,000 characters), every format parses
in rdflib and in Oxigraph's strict parsers, and the graph comes back exactly."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import URIRef

from conflictgraph.ingest.readers import sanitize
from conflictgraph.rdf import FORMATS, from_rdf, parse_rdf, quiet_rdflib, to_rdf

sys.path.insert(0, str(Path(__file__).parent / "data"))
import make_hostile as mh

WHEN = datetime(2017, 2, 1, 12, 0, tzinfo=UTC)
OXIGRAPH = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
NAMES = [sanitize(n) for n in mh.HOSTILE_NAMES] + ["a b", 'q"q', "<>", "\n", "😀", "#frag?x=1"]
# RFC 3987 forbids these characters anywhere in an IRI.
BAD_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def hostile_graph() -> nx.MultiDiGraph:
    """One actor, place and article per hostile name, each in one event."""
    g = nx.MultiDiGraph()
    g.add_node("event:talks", kind="event", label="talks", aliases=[], start="2017-01-23")
    for i, name in enumerate(NAMES):
        actor, place, art = f"person:{name}", f"place:{name}", f"article:{name}"
        g.add_node(actor, kind="actor", label=name, aliases=[name], actor_type="person")
        g.add_node(place, kind="location", label=name, aliases=[], country=name)
        g.add_node(art, kind="article", label=name, title=name, url=name, source=name)
        entry = {
            "article": name,
            "sentence": i,
            "char_start": 0,
            "char_end": len(name),
            "text": f"{name} said so.",
            "confidence": 0.5,
        }
        g.add_edge(
            actor,
            "event:talks",
            key="participant:speaker",
            relation="participant",
            role="speaker",
            provenance=[entry],
        )
        g.add_edge("event:talks", place, key=f"held_in:{i}", relation="held_in")
    return g


def canonical(g: nx.MultiDiGraph) -> str:
    data = json.loads(json.dumps(nx.node_link_data(g, edges="edges")))
    for item in (*data["nodes"], *data["edges"]):
        if isinstance(item.get("provenance"), list):
            item["provenance"].sort(key=lambda entry: json.dumps(entry, sort_keys=True))
    data["nodes"].sort(key=lambda node: node["id"])
    data["edges"].sort(key=lambda edge: (edge["source"], edge["target"], str(edge["key"])))
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def test_every_minted_iri_is_valid() -> None:
    ds = to_rdf(hostile_graph(), generated_at=WHEN)
    iris = {t for quad in ds.quads((None, None, None, None)) for t in quad if isinstance(t, URIRef)}
    assert len(iris) > 3 * len(NAMES)
    for iri in iris:
        assert not BAD_IRI_CHAR.search(str(iri)), iri
        pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_parses_strictly_and_round_trips(fmt: str) -> None:
    g = hostile_graph()
    text = FORMATS[fmt](g, generated_at=WHEN)
    quads = list(pyoxigraph.parse(text.encode(), format=OXIGRAPH[fmt]))
    assert quads
    with quiet_rdflib():
        back = from_rdf(parse_rdf(text, fmt))
    assert canonical(back) == canonical(g)
    labels = {q.object.value for q in quads if isinstance(q.object, pyoxigraph.Literal)}
    assert set(NAMES) <= labels  # every name is a literal, whole
