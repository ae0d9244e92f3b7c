"""RDF -> networkx: the exact inverse of :mod:`conflictgraph.rdf.encode`.

Reads the union of all graphs (so TriG, N-Quads and a merged Turtle file decode alike) through a
plain dict index, several times faster than looking triples up in an rdflib store.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

import networkx as nx
from rdflib import Literal
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from conflictgraph.errors import RDFError
from conflictgraph.model import Relation
from conflictgraph.rdf.namespace import CG, SEM, id_from_iri
from conflictgraph.rdf.terms import (
    ABSENT,
    COMMON_ATTRS,
    EDGE_ATTRS,
    GRAPH_ATTRS_IRI,
    KIND_ATTR,
    KIND_CLASS,
    NODE_ATTRS,
    NOT_MINE,
    PROVENANCE_ATTRS,
    RELATION_ATTR,
    RELATION_PREDICATE,
    Attr,
    default_edge_key,
)

__all__ = ["decode"]

_KIND_OF_CLASS = {cls: str(kind) for kind, cls in KIND_CLASS.items()}
_RELATION_OF_PREDICATE = {pred: str(rel) for rel, pred in RELATION_PREDICATE.items()}
_INDEXED_BY_OBJECT = frozenset({RDF.type, SEM.hasActor})

Triple = tuple[Node, Node, Node]
Edge = tuple[str, str, object, dict[str, object]]


def decode(triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """The graph described by ``triples`` (the union of every graph of the dataset)."""
    return _Decoder(_Index(triples)).run()


class _Index:
    """Subject-predicate and (for a few predicates) predicate-object lookups over set triples."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.by_sp: defaultdict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self.by_po: defaultdict[tuple[Node, Node], list[Node]] = defaultdict(list)
        for s, p, o in set(triples):
            self.by_sp[s, p].append(o)
            if p in _INDEXED_BY_OBJECT:
                self.by_po[p, o].append(s)

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        """Every object of ``subject predicate``."""
        return self.by_sp.get((subject, predicate), [])

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        """Every subject of ``predicate obj`` (only for ``rdf:type`` and ``sem:hasActor``)."""
        return self.by_po.get((predicate, obj), [])

    def has(self, subject: Node, predicate: Node, obj: Node) -> bool:
        """Whether the triple is there."""
        return obj in self.objects(subject, predicate)

    def one(self, subject: Node, predicate: Node) -> Node:
        """The single object of ``subject predicate``; an error when there is none or several."""
        objects = self.objects(subject, predicate)
        if len(objects) != 1:
            raise RDFError(f"{subject} has {len(objects)} values for {predicate}, not one")
        return objects[0]

    def items(self, head: Node) -> list[Node]:
        """The members of the rdf:List starting at ``head``."""
        members: list[Node] = []
        seen: set[Node] = set()
        while head != RDF.nil:
            if head in seen:
                raise RDFError(f"rdf:List at {head} loops")
            seen.add(head)
            members.append(self.one(head, RDF.first))
            head = self.one(head, RDF.rest)
        return members


class _Decoder:
    """Reads nodes, edges and graph attributes out of the index."""

    def __init__(self, index: _Index) -> None:
        self.rdf = index

    def run(self) -> nx.MultiDiGraph:
        """Rebuild the graph: nodes sorted by id, edges by (source, target, key)."""
        g = nx.MultiDiGraph()
        g.graph.update(self.fallbacks(GRAPH_ATTRS_IRI))
        for node, data in sorted(self.nodes(), key=lambda item: item[0]):
            g.add_node(node, **data)
        for source, target, key, data in sorted(self.edges(), key=_edge_order):
            g.add_edge(source, target, key=key, **data)
        return g

    def nodes(self) -> Iterator[tuple[str, dict[str, object]]]:
        """Every typed node with its attributes."""
        classes = (*_KIND_OF_CLASS, CG.Node)
        for subject in {s for cls in classes for s in self.rdf.subjects(RDF.type, cls)}:
            yield id_from_iri(subject), self.node(subject)

    def node(self, subject: Node) -> dict[str, object]:
        """One node's attributes."""
        types = self.rdf.objects(subject, RDF.type)
        kinds = [_KIND_OF_CLASS[cls] for cls in types if cls in _KIND_OF_CLASS]
        if len(kinds) > 1:
            raise RDFError(f"{subject} has more than one node kind: {sorted(kinds)}")
        data: dict[str, object] = {}
        if kinds:
            data["kind"] = kinds[0]
            table = {**COMMON_ATTRS, **NODE_ATTRS[kinds[0]]}
        else:
            data.update(self.attrs(subject, [KIND_ATTR]))
            table = COMMON_ATTRS
        data.update(self.attrs(subject, table.values()))
        _put(data, "aliases", self.aliases(subject))
        _put(data, "provenance", self.provenance(subject))
        data.update(self.fallbacks(subject))
        return data

    def edges(self) -> Iterator[Edge]:
        """Every edge: role nodes are participations, statements the other relations."""
        for resource in self.rdf.subjects(RDF.type, SEM.Role):
            events = self.rdf.subjects(SEM.hasActor, resource)
            if len(events) != 1:
                raise RDFError(f"role {resource} belongs to {len(events)} events, not one")
            data: dict[str, object] = {"relation": str(Relation.PARTICIPANT)}
            yield self.edge(resource, self.rdf.one(resource, RDF.value), events[0], data)
        for resource in self.rdf.subjects(RDF.type, RDF.Statement):
            predicate = self.rdf.one(resource, RDF.predicate)
            data = {}
            if predicate in _RELATION_OF_PREDICATE:
                data["relation"] = _RELATION_OF_PREDICATE[predicate]
            data.update(self.attrs(resource, [RELATION_ATTR]))
            source, target = self.rdf.one(resource, RDF.subject), self.rdf.one(resource, RDF.object)
            yield self.edge(resource, source, target, data)

    def edge(self, resource: Node, source: Node, target: Node, data: dict[str, object]) -> Edge:
        """One edge's ends, key and attributes."""
        data.update(self.attrs(resource, EDGE_ATTRS.values()))
        data.update(self.fallbacks(resource))
        _put(data, "provenance", self.provenance(resource))
        keys = [
            k.toPython() for k in self.rdf.objects(resource, CG.edgeKey) if isinstance(k, Literal)
        ]
        key = keys[0] if keys else default_edge_key(data)
        return id_from_iri(source), id_from_iri(target), key, data

    def attrs(self, subject: Node, attrs: Iterable[Attr]) -> dict[str, object]:
        """The attributes of ``attrs`` that ``subject`` has, null ones included."""
        nulls = self.rdf.objects(subject, CG.nullValue)
        data: dict[str, object] = {}
        for attr in attrs:
            values = [attr.codec.decode(o) for o in self.rdf.objects(subject, attr.predicate)]
            values = [v for v in values if v is not NOT_MINE]
            if len(values) > 1:
                raise RDFError(f"{subject} has {len(values)} values for {attr.name}, not one")
            if values:
                data[attr.name] = values[0]
            elif attr.predicate in nulls:
                data[attr.name] = None
        return data

    def fallbacks(self, subject: Node) -> dict[str, object]:
        """Attributes kept as JSON under ``cg:attribute``."""
        data: dict[str, object] = {}
        for holder in self.rdf.objects(subject, CG.attribute):
            name, value = self.rdf.one(holder, CG.attributeName), self.rdf.one(holder, RDF.value)
            data[str(name)] = json.loads(str(value))
        return data

    def aliases(self, subject: Node) -> object:
        """The alias list: the ``cg:aliases`` list when present, else the sorted altLabels."""
        heads = self.rdf.objects(subject, CG.aliases)
        if heads:
            return [str(alias) for alias in self.rdf.items(heads[0])]
        labels = sorted(str(label) for label in self.rdf.objects(subject, SKOS.altLabel))
        if labels:
            return labels
        return None if self.rdf.has(subject, CG.nullValue, CG.aliases) else ABSENT

    def provenance(self, owner: Node) -> object:
        """The provenance list of a node or edge, in a canonical order."""
        if self.rdf.has(owner, CG.nullValue, CG.evidence):
            return None
        resources = [r for r in self.rdf.objects(owner, CG.evidence) if r != RDF.nil]
        if not resources:
            return [] if self.rdf.has(owner, CG.evidence, RDF.nil) else ABSENT
        entries = [
            {**self.attrs(r, PROVENANCE_ATTRS.values()), **self.fallbacks(r)} for r in resources
        ]
        return sorted(entries, key=lambda e: json.dumps(e, sort_keys=True, default=repr))


def _put(data: dict[str, object], name: str, value: object) -> None:
    """Set ``data[name]`` unless the value was absent."""
    if value is not ABSENT:
        data[name] = value


def _edge_order(edge: Edge) -> tuple[str, str, str]:
    return edge[0], edge[1], str(edge[2])
