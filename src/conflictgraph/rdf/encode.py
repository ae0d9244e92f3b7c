"""networkx -> RDF: one :class:`rdflib.Dataset` per graph (see :mod:`conflictgraph.rdf.convert`).

Nodes and edges go to the default graph through the attribute tables of
:mod:`conflictgraph.rdf.terms`; each provenance entry goes to its article's named graph together
with the facts it supports.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS, TIME
from rdflib.term import Node

from conflictgraph import __version__
from conflictgraph.errors import RDFError
from conflictgraph.model import NodeKind, Relation
from conflictgraph.rdf.namespace import CG, SEM, resource_iri
from conflictgraph.rdf.terms import (
    ABSENT,
    COMMON_ATTRS,
    EDGE_ATTRS,
    GRAPH_ATTRS_IRI,
    GRAPH_SUFFIX,
    KIND_ATTR,
    KIND_CLASS,
    NODE_ATTRS,
    PRECISION_UNIT,
    PREFIXES,
    PROVENANCE_ATTRS,
    RELATION_ATTR,
    RELATION_PREDICATE,
    ROLE_TYPE,
    Attr,
    default_edge_key,
)

__all__ = ["bind_prefixes", "encode"]


def encode(g: nx.MultiDiGraph, generated_at: datetime) -> Dataset:
    """The graph as a fresh Dataset; named graphs are stamped ``generated_at``."""
    return _Encoder(g, generated_at).run()


def _json_literal(value: object) -> Literal:
    """Any JSON value as an ``rdf:JSON`` literal, the fallback that keeps unusual values exact."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise RDFError(f"attribute value is not plain JSON: {value!r}") from exc
    return Literal(text, datatype=RDF.JSON)


def _digest(*parts: object) -> str:
    """A short stable hash of JSON-able parts, the slug of edge and provenance IRIs."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class _Encoder:
    """Writes one networkx graph into a fresh :class:`rdflib.Dataset`."""

    def __init__(self, g: nx.MultiDiGraph, generated_at: datetime) -> None:
        self.g = g
        self.generated_at = generated_at
        self.ds = Dataset()
        bind_prefixes(self.ds)
        self.default: Graph = self.ds.default_graph
        self.articles: dict[str, Graph] = {}
        self.described: set[URIRef] = set()  # provenance resources already written
        self.kinds: dict[str, str] = {}
        for node, data in g.nodes(data=True):
            if not isinstance(node, str):
                raise RDFError(f"node ids must be strings, not {node!r}")
            kind = data.get("kind")
            self.kinds[node] = kind if isinstance(kind, str) else "node"

    def run(self) -> Dataset:
        """Encode every node, every edge and the graph's own attributes."""
        for node, data in self.g.nodes(data=True):
            self.node(node, data)
        for source, target, key, data in self.g.edges(keys=True, data=True):
            self.edge(source, target, key, data)
        for name, value in self.g.graph.items():
            self.fallback(self.default, GRAPH_ATTRS_IRI, name, value)
        self.type_individuals()
        return self.ds

    def type_individuals(self) -> None:
        """Type the ``cg:`` role types and time units in use, as SEM and OWL-Time expect."""
        roles, units = set(ROLE_TYPE.values()), set(PRECISION_UNIT.values())
        for role in set(self.default.objects(None, SEM.roleType)) & roles:
            self.default.add((role, RDF.type, SEM.RoleType))
        for unit in set(self.default.objects(None, CG.precision)) & units:
            if unit in CG:
                self.default.add((unit, RDF.type, TIME.TemporalUnit))

    def iri_of(self, node: str, kind: str) -> URIRef:
        """The IRI of a node, of ``kind`` when the id is not a node of this graph."""
        return resource_iri(self.kinds.get(node, kind), node)

    def node(self, node: str, data: Mapping[str, object]) -> None:
        """A node: typed by its kind, one triple per attribute."""
        subject = self.iri_of(node, "node")
        kind = data.get("kind", ABSENT)
        cls = KIND_CLASS.get(kind) if isinstance(kind, str) else None
        typing = (subject, RDF.type, cls or CG.Node)
        self.default.add(typing)
        if cls is None and kind is not ABSENT:
            self.put(self.default, subject, KIND_ATTR, kind)
        table = {**COMMON_ATTRS, **(NODE_ATTRS[kind] if cls is not None else {})}
        for name, value in data.items():
            if name == "aliases":
                self.aliases(subject, value)
            elif name == "provenance":
                self.provenance(subject, value, [typing])
            elif name in table:
                self.put(self.default, subject, table[name], value)
            elif name != "kind":
                self.fallback(self.default, subject, name, value)

    def edge(self, source: str, target: str, key: object, data: Mapping[str, object]) -> None:
        """An edge: a ``sem:Role`` node for participations, else a triple and its statement."""
        if isinstance(key, bool) or not isinstance(key, str | int):
            raise RDFError(f"edge keys must be strings or integers, not {key!r}")
        s, o = self.iri_of(source, "node"), self.iri_of(target, "node")
        relation = data.get("relation", ABSENT)
        if relation == Relation.PARTICIPANT:
            resource = resource_iri("role", _digest(source, target, key))
            facts = [
                (o, SEM.hasActor, s),
                (o, SEM.hasActor, resource),
                (resource, RDF.type, SEM.Role),
                (resource, RDF.value, s),
            ]
        else:
            known = isinstance(relation, str) and relation in RELATION_PREDICATE
            predicate = RELATION_PREDICATE[relation] if known else CG.related
            resource = resource_iri("statement", _digest(source, target, key))
            facts = [
                (s, predicate, o),
                (resource, RDF.type, RDF.Statement),
                (resource, RDF.subject, s),
                (resource, RDF.predicate, predicate),
                (resource, RDF.object, o),
            ]
            if not known and relation is not ABSENT:
                self.put(self.default, resource, RELATION_ATTR, relation)
        for fact in facts:
            self.default.add(fact)
        if key != default_edge_key(data):
            self.default.add((resource, CG.edgeKey, Literal(key)))
        for name, value in data.items():
            if name in EDGE_ATTRS:
                self.put(self.default, resource, EDGE_ATTRS[name], value)
            elif name not in ("relation", "provenance"):
                self.fallback(self.default, resource, name, value)
        if "provenance" in data:
            facts += list(self.default.triples((resource, SEM.roleType, None)))
            self.provenance(resource, data["provenance"], facts)

    def put(self, graph: Graph, subject: Node, attr: Attr, value: object) -> None:
        """One attribute through its codec; null as ``cg:nullValue``; anything else as JSON."""
        if value is None:
            graph.add((subject, CG.nullValue, attr.predicate))
            return
        objects = attr.codec.encode(value, self.iri_of)
        if objects is None:
            self.fallback(graph, subject, attr.name, value)
            return
        for obj in objects:
            graph.add((subject, attr.predicate, obj))

    def fallback(self, graph: Graph, subject: Node, name: str, value: object) -> None:
        """An attribute with no term of its own: ``cg:attribute [cg:attributeName; rdf:value]``."""
        holder = BNode()
        graph.add((subject, CG.attribute, holder))
        graph.add((holder, CG.attributeName, Literal(name)))
        graph.add((holder, RDF.value, _json_literal(value)))

    def aliases(self, subject: URIRef, value: object) -> None:
        """Each alias as ``skos:altLabel``; an rdf:List ``cg:aliases`` unless sorted and unique."""
        if value is None:
            self.default.add((subject, CG.nullValue, CG.aliases))
            return
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            self.fallback(self.default, subject, "aliases", value)
            return
        labels = [Literal(alias) for alias in value]
        for label in labels:
            self.default.add((subject, SKOS.altLabel, label))
        if not value:
            self.default.add((subject, CG.aliases, RDF.nil))
        elif value != sorted(set(value)):
            head = BNode()
            Collection(self.default, head, labels)
            self.default.add((subject, CG.aliases, head))

    def provenance(self, owner: URIRef, value: object, facts: Iterable[tuple]) -> None:
        """Each entry as a ``cg:Provenance`` in its article's graph, with the facts it supports.

        The IRI hashes the entry's content, so one sentence that supports many facts is one
        resource; an entry repeated within one list gets a second resource, so repeats survive.
        """
        if value is None:
            self.default.add((owner, CG.nullValue, CG.evidence))
            return
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            self.fallback(self.default, owner, "provenance", value)
            return
        if not value:
            self.default.add((owner, CG.evidence, RDF.nil))
            return
        facts = list(facts)
        seen: Counter[str] = Counter()
        for entry in value:
            canonical = json.dumps(entry, ensure_ascii=False, sort_keys=True, default=repr)
            resource = resource_iri("provenance", _digest(canonical, seen[canonical]))
            seen[canonical] += 1
            graph = self.article_graph(entry.get("article"))
            for fact in facts:
                graph.add(fact)
            graph.add((owner, CG.evidence, resource))
            if resource in self.described:
                continue
            self.described.add(resource)
            graph.add((resource, RDF.type, CG.Provenance))
            for name, item in entry.items():
                if name in PROVENANCE_ATTRS:
                    self.put(graph, resource, PROVENANCE_ATTRS[name], item)
                else:
                    self.fallback(graph, resource, name, item)

    def article_graph(self, article: object) -> Graph:
        """The named graph of an article, described with PROV-O on first use."""
        if not isinstance(article, str):
            return self.default
        if article in self.articles:
            return self.articles[article]
        article_iri = self.iri_of(article, NodeKind.ARTICLE)
        name = URIRef(f"{article_iri}{GRAPH_SUFFIX}")
        graph = self.articles[article] = self.ds.graph(name)
        software = resource_iri("software", f"conflictgraph-{__version__}")
        for triple in (
            (name, RDF.type, PROV.Entity),
            (name, PROV.wasDerivedFrom, article_iri),
            (name, PROV.generatedAtTime, Literal(self.generated_at)),
            (name, PROV.wasAttributedTo, software),
            (software, RDF.type, PROV.SoftwareAgent),
            (software, RDFS.label, Literal("conflictgraph")),
            (software, SDO.softwareVersion, Literal(__version__)),
        ):
            self.default.add(triple)
        return graph


def bind_prefixes(graph: Graph) -> None:
    """Bind the project's prefixes so that every serialisation reads well."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
