"""Which RDF term carries which graph.json attribute, and how each value becomes RDF and back.

One table per node kind, one for edges and one for provenance entries: an :class:`Attr` names
the attribute, its predicate and a codec. Codecs are exact inverses of each other on the values
they accept; a value a codec does not accept is kept as JSON (see ``convert``), so nothing is lost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD
from rdflib.term import Node

from conflictgraph.model import NodeKind, Precision, Relation, Role
from conflictgraph.rdf.namespace import CG, ID_NS, SEM, WIKIDATA, id_from_iri, resource_iri

__all__ = [
    "ABSENT",
    "COMMON_ATTRS",
    "EDGE_ATTRS",
    "GRAPH_ATTRS_IRI",
    "GRAPH_SUFFIX",
    "KIND_ATTR",
    "KIND_CLASS",
    "NODE_ATTRS",
    "NOT_MINE",
    "PRECISION_UNIT",
    "PREFIXES",
    "PROVENANCE_ATTRS",
    "RELATION_ATTR",
    "RELATION_PREDICATE",
    "ROLE_TYPE",
    "Attr",
    "IriOf",
    "default_edge_key",
]

IriOf = Callable[[str, str], URIRef]
"""Maps (node id, kind to assume when the id is not a node) to the node's IRI."""


class _NotMine:
    """Sentinel: an RDF term that a codec did not write (so it is not this attribute)."""

    def __repr__(self) -> str:
        return "NOT_MINE"


NOT_MINE: Final = _NotMine()
ABSENT: Final = object()
"""Sentinel: an attribute the node or edge does not have (as opposed to one that is null)."""

PREFIXES: Final[Mapping[str, str]] = {
    "cg": str(CG._NS),
    "sem": str(SEM),
    "time": str(TIME._NS),
    "prov": str(PROV._NS),
    "schema": str(SDO._NS),
    "skos": str(SKOS._NS),
    "owl": str(OWL._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "xsd": str(XSD._NS),
    "dcterms": str(DCTERMS._NS),
    "wd": str(WIKIDATA),
}
"""Prefixes bound in every serialisation (and the JSON-LD context)."""

GRAPH_SUFFIX: Final = "#graph"
"""An article's named graph is the article's IRI plus this fragment."""

GRAPH_ATTRS_IRI: Final = resource_iri("graph", "attributes")
"""The resource that carries the networkx graph's own attributes (``g.graph``)."""


def default_edge_key(data: Mapping[str, object]) -> object:
    """The key the graph builder gives an edge: ``relation`` or ``relation:role``."""
    relation, role = data.get("relation"), data.get("role")
    if not isinstance(relation, str):
        return None
    return f"{relation}:{role}" if isinstance(role, str) and role else str(relation)


KIND_CLASS: Final[Mapping[str, URIRef]] = {
    NodeKind.ACTOR: SEM.Actor,
    NodeKind.EVENT: SEM.Event,
    NodeKind.LOCATION: SEM.Place,
    NodeKind.RESOLUTION: CG.Resolution,
    NodeKind.ARTICLE: SDO.NewsArticle,
}

RELATION_PREDICATE: Final[Mapping[str, URIRef]] = {
    Relation.HELD_IN: SEM.hasPlace,
    Relation.REFERENCES: CG.references,
    Relation.ABOUT: CG.about,
    Relation.PRODUCED_BY: CG.producedBy,
    Relation.AFFILIATED_WITH: CG.affiliatedWith,
    Relation.ISSUED_BY: CG.issuedBy,
    Relation.LOCATED_IN: CG.locatedIn,
    Relation.REPORTED_IN: CG.reportedIn,
}

ROLE_TYPE: Final[Mapping[str, URIRef]] = {role: getattr(CG, role.value) for role in Role}

PRECISION_UNIT: Final[Mapping[str, URIRef]] = {
    Precision.DAY: TIME.unitDay,
    Precision.WEEK: TIME.unitWeek,
    Precision.MONTH: TIME.unitMonth,
    Precision.SEASON: CG.unitSeason,
    Precision.QUARTER: CG.unitQuarter,
    Precision.YEAR: TIME.unitYear,
    Precision.DECADE: CG.unitDecade,
}


class Codec:
    """Turns one attribute value into RDF objects and one RDF object back into the value."""

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        """The objects for ``value``, or None when this codec cannot represent it exactly."""
        raise NotImplementedError

    def decode(self, term: Node) -> object:
        """The value ``term`` stands for, or ``NOT_MINE`` when this codec did not write it."""
        raise NotImplementedError


class Scalar(Codec):
    """A JSON scalar as a typed literal: string, xsd:integer, xsd:boolean, and floats as
    xsd:decimal written with every digit of ``repr`` (rdflib's Turtle writes xsd:double with
    only seven digits, which would lose precision)."""

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        if isinstance(value, float):
            return [Literal(Decimal(repr(value)) if math.isfinite(value) else value)]
        return [Literal(value)] if isinstance(value, str | int) else None

    def decode(self, term: Node) -> object:
        if not isinstance(term, Literal):
            return NOT_MINE
        if term.datatype in (None, XSD.string):
            return str(term)
        python = term.toPython()
        if term.datatype == XSD.integer and type(python) is int:
            return python
        if term.datatype == XSD.boolean and type(python) is bool:
            return python
        if term.datatype in (XSD.decimal, XSD.double) and isinstance(python, Decimal | float):
            return float(python)
        return NOT_MINE


_DATE_SHAPES: Final = (
    (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), XSD.date),
    (re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])"), XSD.gYearMonth),
    (re.compile(r"[0-9]{4}"), XSD.gYear),
)


def date_literal(text: str) -> Literal:
    """An ISO date at its precision typed xsd:date, xsd:gYearMonth or xsd:gYear; else a string."""
    for pattern, datatype in _DATE_SHAPES:
        if not pattern.fullmatch(text):
            continue
        if datatype == XSD.date:
            try:
                date.fromisoformat(text)
            except ValueError:
                break
        literal = Literal(text, datatype=datatype)
        return literal if str(literal) == text else Literal(text)
    return Literal(text)


class Date(Codec):
    """An ISO 8601 date string at its precision (``2017-01-24``, ``2016-12``, ``2016``)."""

    _TYPES: Final = (None, XSD.string, XSD.date, XSD.gYearMonth, XSD.gYear)

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        return [date_literal(value)] if isinstance(value, str) else None

    def decode(self, term: Node) -> object:
        return str(term) if isinstance(term, Literal) and term.datatype in self._TYPES else NOT_MINE


class Url(Codec):
    """A URL as an ``xsd:anyURI`` literal (a literal, so that a malformed URL stays valid RDF)."""

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        return [Literal(value, datatype=XSD.anyURI)] if isinstance(value, str) else None

    def decode(self, term: Node) -> object:
        return str(term) if isinstance(term, Literal) else NOT_MINE


@dataclass(frozen=True, slots=True)
class Ref(Codec):
    """The id of another node, as that node's IRI."""

    kind: str

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        return [iri_of(value, self.kind)] if isinstance(value, str) else None

    def decode(self, term: Node) -> object:
        if isinstance(term, URIRef) and term.startswith(ID_NS):
            return id_from_iri(term)
        return NOT_MINE


class Term(Codec):
    """A name from a closed list as an individual (``cg:mediator``); any other name as a string."""

    def __init__(self, individuals: Mapping[str, URIRef]) -> None:
        self._individuals = individuals
        self._names = {iri: str(name) for name, iri in individuals.items()}

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        if not isinstance(value, str):
            return None
        return [self._individuals.get(value) or Literal(value)]

    def decode(self, term: Node) -> object:
        if isinstance(term, URIRef):
            return self._names.get(term, NOT_MINE)
        if isinstance(term, Literal) and term.datatype in (None, XSD.string):
            return str(term)
        return NOT_MINE


class Wikidata(Codec):
    """A Wikidata QID as ``owl:sameAs`` its entity IRI."""

    _QID: Final = re.compile(r"Q[1-9][0-9]*")

    def encode(self, value: object, iri_of: IriOf) -> list[Node] | None:
        if isinstance(value, str) and self._QID.fullmatch(value):
            return [WIKIDATA[value]]
        return None

    def decode(self, term: Node) -> object:
        if isinstance(term, URIRef) and term.startswith(str(WIKIDATA)):
            qid = term[len(str(WIKIDATA)) :]
            return qid if self._QID.fullmatch(qid) else NOT_MINE
        return NOT_MINE


@dataclass(frozen=True, slots=True)
class Attr:
    """One attribute of graph.json: its name, the predicate that carries it, its codec."""

    name: str
    predicate: URIRef
    codec: Codec


_SCALAR: Final = Scalar()
_DATE: Final = Date()
_UNIT: Final = Term(PRECISION_UNIT)


def _table(*attrs: Attr) -> dict[str, Attr]:
    return {attr.name: attr for attr in attrs}


COMMON_ATTRS: Final = _table(
    Attr("label", RDFS.label, _SCALAR),
    Attr("id", DCTERMS.identifier, _SCALAR),
)
"""Attributes every node may have (``kind``, ``aliases`` and ``provenance`` are written apart)."""

NODE_ATTRS: Final[Mapping[str, dict[str, Attr]]] = {
    NodeKind.ACTOR: _table(
        Attr("actor_type", CG.actorType, _SCALAR),
        Attr("iso3", CG.iso3, _SCALAR),
        Attr("title", CG.title, _SCALAR),
        Attr("affiliation", CG.affiliation, Ref(NodeKind.ACTOR)),
        Attr("country", CG.country, _SCALAR),
        Attr("wikidata", OWL.sameAs, Wikidata()),
    ),
    NodeKind.EVENT: _table(
        Attr("event_type", CG.cameoCode, _SCALAR),
        Attr("cameo_root", CG.cameoRoot, _SCALAR),
        Attr("plover", CG.ploverType, _SCALAR),
        Attr("start", SEM.hasBeginTimeStamp, _DATE),
        Attr("end", SEM.hasEndTimeStamp, _DATE),
        Attr("precision", CG.precision, _UNIT),
        Attr("time_text", CG.timeText, _SCALAR),
        Attr("location", CG.location, Ref(NodeKind.LOCATION)),
        Attr("status", CG.status, _SCALAR),
        Attr("support", CG.support, _SCALAR),
    ),
    NodeKind.RESOLUTION: _table(
        Attr("code", CG.resolutionCode, _SCALAR),
        Attr("issuer", CG.issuer, Ref(NodeKind.ACTOR)),
        Attr("adopted", CG.adopted, _DATE),
    ),
    NodeKind.LOCATION: _table(
        Attr("country", CG.country, _SCALAR),
    ),
    NodeKind.ARTICLE: _table(
        Attr("title", SDO.headline, _SCALAR),
        Attr("url", SDO.url, Url()),
        Attr("source", SDO.publisher, _SCALAR),
        Attr("published", SDO.datePublished, _DATE),
    ),
}
"""Per node kind, the attributes beyond ``COMMON_ATTRS``."""

EDGE_ATTRS: Final = _table(
    Attr("role", SEM.roleType, Term(ROLE_TYPE)),
    Attr("start", SEM.hasBeginTimeStamp, _DATE),
    Attr("end", SEM.hasEndTimeStamp, _DATE),
    Attr("precision", CG.precision, _UNIT),
    Attr("title", CG.title, _SCALAR),
)
"""Edge attributes, written on the edge's ``sem:Role`` node or ``rdf:Statement``."""

RELATION_ATTR: Final = Attr("relation", CG.relation, _SCALAR)
KIND_ATTR: Final = Attr("kind", CG.kind, _SCALAR)

PROVENANCE_ATTRS: Final = _table(
    Attr("article", PROV.wasQuotedFrom, Ref(NodeKind.ARTICLE)),
    Attr("sentence", CG.sentenceIndex, _SCALAR),
    Attr("char_start", CG.charStart, _SCALAR),
    Attr("char_end", CG.charEnd, _SCALAR),
    Attr("text", PROV.value, _SCALAR),
    Attr("confidence", CG.confidence, _SCALAR),
    Attr("extractor", CG.extractor, _SCALAR),
    Attr("evidence", CG.evidenceKind, _SCALAR),
)
"""Keys of one provenance entry, written on its ``cg:Provenance`` resource."""
