"""Incremental RDF: apply the change between two merged graphs to an Oxigraph store, so that an
``add`` writes what it changes instead of reloading the whole dataset.

The result is the dataset :func:`conflictgraph.rdf.to_rdf` writes for the new graph (up to blank
node names and the ``prov:generatedAtTime`` of article graphs that did not change), because the
parts are rewritten whole, with the same encoder:

- in the default graph, every triple whose subject is a changed node, a changed edge's role or
  statement resource, or the node a changed edge's fact is about (an event's ``sem:hasActor``,
  the source of any other relation), with the blank nodes hanging from them;
- every article graph in which a changed node or edge has (or had) provenance;
- the typing of role types and time units, by whether they are still in use.

``tests/store/test_delta.py`` checks it against a full rebuild.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import networkx as nx
import pyoxigraph as ox

from conflictgraph.model import Relation
from conflictgraph.rdf import quiet_rdflib
from conflictgraph.rdf.encode import _Encoder
from conflictgraph.rdf.namespace import CG, SEM, resource_iri
from conflictgraph.rdf.terms import GRAPH_ATTRS_IRI, GRAPH_SUFFIX, PRECISION_UNIT, ROLE_TYPE

__all__ = ["apply_delta"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DEFAULT = ox.DefaultGraph()
_ATTRIBUTED = ox.NamedNode("http://www.w3.org/ns/prov#wasAttributedTo")


class _Kinds(Mapping[str, str]):
    """Node kinds of the whole graph, as the encoder's ``kinds`` table, read on demand."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g

    def __getitem__(self, node: str) -> str:
        kind = self.g.nodes[node].get("kind")
        return kind if isinstance(kind, str) else "node"

    def __iter__(self) -> Iterator[str]:
        return iter(self.g)

    def __len__(self) -> int:
        return int(self.g.number_of_nodes())


def _kind(g: nx.MultiDiGraph, node: str) -> str:
    kind = g.nodes[node].get("kind")
    return kind if isinstance(kind, str) else "node"


def _articles(provenance: object) -> set[str] | None:
    """The articles of a provenance list; None when an entry has no article (it would live in
    the default graph, which this module does not rewrite by provenance)."""
    if not isinstance(provenance, list):
        return set()
    out = set()
    for entry in provenance:
        if not isinstance(entry, dict) or not isinstance(entry.get("article"), str):
            return None
        out.add(entry["article"])
    return out


def _per_article(provenance: object) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    if isinstance(provenance, list):
        for entry in provenance:
            out.setdefault(entry["article"], []).append(entry)
    return out


def _edge_resource(source: str, target: str, key: object, relation: object) -> str:
    from conflictgraph.rdf.encode import _digest

    kind = "role" if relation == Relation.PARTICIPANT else "statement"
    return str(resource_iri(kind, _digest(source, target, key)))


def _graph_name(article: str, g: nx.MultiDiGraph) -> str:
    kind = _kind(g, article) if article in g else "article"
    return f"{resource_iri(kind, article)}{GRAPH_SUFFIX}"


def apply_delta(
    store: ox.Store, old: nx.MultiDiGraph, new: nx.MultiDiGraph, *, generated_at: datetime
) -> int | None:
    """Make ``store`` (holding ``to_rdf(old)``) hold ``to_rdf(new)`` and return how many quads
    it gained (negative if it lost some); None, with the store untouched, when the change is
    of a kind this does not handle (then rebuild)."""
    change = _Change()
    for node in old.nodes.keys() | new.nodes.keys():
        a = old.nodes[node] if node in old else None
        b = new.nodes[node] if node in new else None
        if a == b:
            continue
        if a is not None and b is not None and _kind(old, node) != _kind(new, node):
            return None
        change.subjects.add(str(resource_iri(_kind(new if b is not None else old, node), node)))
        if b is not None:
            change.nodes.add(node)
        if not change.articles_of(a, b, same_facts=True):
            return None
    old_edges = {(u, v, k): d for u, v, k, d in old.edges(keys=True, data=True)}
    for u, v, k, d in new.edges(keys=True, data=True):
        before = old_edges.pop((u, v, k), None)
        if before != d and not change.edge(old, new, (u, v, k), before, d):
            return None
    for edge, before in old_edges.items():  # removed edges
        if not change.edge(old, new, edge, before, None):
            return None
    change.nodes |= {n for n in change.fact_nodes if n in new}
    if old.graph != new.graph:
        change.subjects.add(str(GRAPH_ATTRS_IRI))
    names = {_graph_name(a, new if a in new else old) for a in change.articles}
    change.subjects |= names
    if not change.subjects:
        return 0
    additions = _encode_default(new, change.subjects, change.nodes, change.edges, generated_at)
    additions += _encode_articles(new, change.articles, names, generated_at)
    removals = _default_quads(store, change.subjects)
    for name in names:
        graph = ox.NamedNode(name)
        if store.contains_named_graph(graph):
            removals += store.quads_for_pattern(None, None, None, graph)
            store.remove_graph(graph)
    for quad in removals:
        store.remove(quad)
    fresh = {q for q in additions if q not in store}
    store.extend(fresh)
    return len(fresh) - len(removals) + _type_individuals(store)


class _Change:
    """What an add changed: default-graph subjects, nodes and edges to write again, and the
    article graphs to rewrite whole."""

    def __init__(self) -> None:
        self.subjects: set[str] = set()
        self.articles: set[str] = set()
        self.nodes: set[str] = set()
        self.fact_nodes: set[str] = set()
        self.edges: set[tuple[str, str, Any]] = set()

    def articles_of(
        self, a: Mapping[str, Any] | None, b: Mapping[str, Any] | None, *, same_facts: bool
    ) -> bool:
        """Note the articles whose graph the change of one item touches; False if unknowable."""
        pa = _articles(a.get("provenance")) if a is not None else set()
        pb = _articles(b.get("provenance")) if b is not None else set()
        if pa is None or pb is None:
            return False
        if not same_facts or a is None or b is None:
            self.articles |= pa | pb
            return True
        ea, eb = _per_article(a.get("provenance")), _per_article(b.get("provenance"))
        self.articles.update(x for x in pa | pb if ea.get(x) != eb.get(x))
        return True

    def edge(
        self,
        old: nx.MultiDiGraph,
        new: nx.MultiDiGraph,
        edge: tuple[str, str, Any],
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> bool:
        """Note a changed edge: its resource, the node its fact is about, its articles."""
        u, v, k = edge
        for data, graph in ((before, old), (after, new)):
            if data is None:
                continue
            relation = data.get("relation")
            self.subjects.add(_edge_resource(u, v, k, relation))
            about = v if relation == Relation.PARTICIPANT else u
            self.subjects.add(str(resource_iri(_kind(graph, about), about)))
            self.fact_nodes.add(about)
        if after is not None:
            self.edges.add(edge)
        same_facts = (
            before is not None
            and after is not None
            and before.get("relation") == after.get("relation")
            and before.get("role") == after.get("role")
            and all(_kind(old, x) == _kind(new, x) for x in (u, v) if x in old and x in new)
        )
        return self.articles_of(before, after, same_facts=same_facts)


def _without_provenance(data: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes as the default graph sees them: a list of provenance entries with articles
    only writes to article graphs, so it is left out (an empty or odd one stays)."""
    out = dict(data)
    prov = out.get("provenance")
    if isinstance(prov, list) and prov and _articles(prov):
        del out["provenance"]
    return out


def _add_endpoint(h: nx.MultiDiGraph, g: nx.MultiDiGraph, node: str) -> None:
    if node not in h and node in g:
        h.add_node(node, **({"kind": g.nodes[node]["kind"]} if "kind" in g.nodes[node] else {}))


def _encode_default(
    new: nx.MultiDiGraph,
    subjects: set[str],
    nodes: set[str],
    edges: set[tuple[str, str, object]],
    generated_at: datetime,
) -> list[ox.Quad]:
    """The default-graph triples of ``to_rdf(new)`` about ``subjects`` (blank nodes included)."""
    h = nx.MultiDiGraph()
    if str(GRAPH_ATTRS_IRI) in subjects:
        h.graph.update(new.graph)
    for node in nodes:
        h.add_node(node, **_without_provenance(new.nodes[node]))
    wanted = set(edges)
    for node in nodes:
        for u, _, k, d in new.in_edges(node, keys=True, data=True):
            if d.get("relation") == Relation.PARTICIPANT:
                wanted.add((u, node, k))
        for _, v, k, d in new.out_edges(node, keys=True, data=True):
            if d.get("relation") != Relation.PARTICIPANT:
                wanted.add((node, v, k))
    for u, v, k in wanted:
        _add_endpoint(h, new, u)
        _add_endpoint(h, new, v)
        h.add_edge(u, v, key=k, **_without_provenance(new.edges[u, v, k]))
    quads = _encode(h, new, generated_at)
    keep = {ox.NamedNode(s) for s in subjects}
    chosen = [q for q in quads if q.graph_name == _DEFAULT and q.subject in keep]
    blanks = {q.object for q in chosen if isinstance(q.object, ox.BlankNode)}
    by_blank: dict[ox.BlankNode, list[ox.Quad]] = {}
    for q in quads:
        if isinstance(q.subject, ox.BlankNode) and q.graph_name == _DEFAULT:
            by_blank.setdefault(q.subject, []).append(q)
    while blanks:
        blank = blanks.pop()
        for q in by_blank.pop(blank, []):
            chosen.append(q)
            if isinstance(q.object, ox.BlankNode):
                blanks.add(q.object)
    return chosen


def _encode_articles(
    new: nx.MultiDiGraph, articles: set[str], names: set[str], generated_at: datetime
) -> list[ox.Quad]:
    """The named graphs ``names`` of ``to_rdf(new)`` whole, with their descriptions."""
    if not articles:
        return []
    h = nx.MultiDiGraph()

    def mine(data: Mapping[str, Any]) -> list[Any] | None:
        prov = data.get("provenance")
        if not isinstance(prov, list):
            return None
        entries = [e for e in prov if e.get("article") in articles]
        return entries or None

    for node, data in new.nodes(data=True):
        entries = mine(data)
        if entries:
            attrs = {"provenance": entries}
            if "kind" in data:
                attrs["kind"] = data["kind"]
            h.add_node(node, **attrs)
    for u, v, k, data in new.edges(keys=True, data=True):
        entries = mine(data)
        if entries:
            _add_endpoint(h, new, u)
            _add_endpoint(h, new, v)
            h.add_edge(u, v, key=k, **{**data, "provenance": entries})
    quads = _encode(h, new, generated_at)
    graphs = {ox.NamedNode(n) for n in names}
    software = {q.object for q in quads if q.subject in graphs and q.predicate == _ATTRIBUTED}
    return [
        q
        for q in quads
        if q.graph_name in graphs or (q.graph_name == _DEFAULT and q.subject in graphs | software)
    ]


def _encode(h: nx.MultiDiGraph, full: nx.MultiDiGraph, generated_at: datetime) -> list[ox.Quad]:
    """``to_rdf(h)`` as Oxigraph quads, with node IRIs by their kinds in ``full``; written and
    read as N-Quads exactly as a full rebuild loads them."""
    encoder = _Encoder(h, generated_at)
    encoder.kinds = _Kinds(full)  # type: ignore[assignment]
    with quiet_rdflib():
        data = encoder.run().serialize(format="nquads", encoding="utf-8")
    assert isinstance(data, bytes)
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def _default_quads(store: ox.Store, subjects: set[str]) -> list[ox.Quad]:
    """The default-graph quads about ``subjects`` now in the store, blank nodes followed."""
    out: list[ox.Quad] = []
    todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(s) for s in subjects]
    seen: set[ox.BlankNode] = set()
    while todo:
        subject = todo.pop()
        for q in store.quads_for_pattern(subject, None, None, _DEFAULT):
            out.append(q)
            if isinstance(q.object, ox.BlankNode) and q.object not in seen:
                seen.add(q.object)
                todo.append(q.object)
    return out


def _type_individuals(store: ox.Store) -> int:
    """Role types and time units typed exactly when used, as the encoder types them; returns
    how many typing triples that added (negative if removed)."""
    gained = 0
    checks = [(role, SEM.roleType, SEM.RoleType) for role in set(ROLE_TYPE.values())]
    checks += [
        (unit, CG.precision, _TIME_UNIT) for unit in set(PRECISION_UNIT.values()) if unit in CG
    ]
    for term, predicate, cls in checks:
        node = ox.NamedNode(str(term))
        used = next(
            store.quads_for_pattern(None, ox.NamedNode(str(predicate)), node, _DEFAULT), None
        )
        typing = ox.Quad(node, _RDF_TYPE, ox.NamedNode(str(cls)), _DEFAULT)
        if (used is not None) != (typing in store):
            (store.add if used is not None else store.remove)(typing)
            gained += 1 if used is not None else -1
    return gained


_TIME_UNIT = "http://www.w3.org/2006/time#TemporalUnit"
