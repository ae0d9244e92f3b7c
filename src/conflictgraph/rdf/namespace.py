"""The RDF vocabulary of conflictgraph: our own ``cg:`` terms, SEM, and resource IRIs.

Standard vocabularies come first (SEM, OWL-Time, PROV-O, schema.org, SKOS, OWL); ``CG`` holds
only what none of them has. ``CG`` is a closed :class:`~rdflib.namespace.DefinedNamespace`, so a
misspelt term raises at once.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["CG", "CG_NS", "ID_NS", "SEM", "WIKIDATA", "id_from_iri", "resource_iri"]

CG_NS = "https://w3id.org/conflictgraph/ns#"
ID_NS = "https://w3id.org/conflictgraph/id/"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
"""Simple Event Model: events, actors, places, roles, time stamps."""

WIKIDATA = Namespace("http://www.wikidata.org/entity/")
"""Wikidata entities, the objects of ``owl:sameAs`` links from actors."""


class CG(DefinedNamespace):
    """conflictgraph terms with no standard equivalent (https://w3id.org/conflictgraph/ns#)."""

    _NS = Namespace(CG_NS)
    _fail = True

    # Classes
    Resolution: URIRef  # a UN resolution or a named accord ("UNSC 2254", "Minsk II")
    Provenance: URIRef  # one sentence of one article that states a fact
    Node: URIRef  # a graph node whose kind has no class of its own

    # Event properties
    cameoCode: URIRef  # CAMEO event code, "046"
    cameoRoot: URIRef  # two-digit CAMEO root, "04"
    ploverType: URIRef  # PLOVER event type
    status: URIRef  # occurred | planned | proposed | refused | denied | reported
    support: URIRef  # number of distinct articles reporting the event (xsd:integer)
    timeText: URIRef  # the words the date was read from
    precision: URIRef  # how finely the dates are known: a time:TemporalUnit
    location: URIRef  # the event's location node (node attribute; the edge is sem:hasPlace)

    # Actor, location, resolution properties
    actorType: URIRef  # state | person | organisation | igo | armed_group | group
    iso3: URIRef  # ISO 3166-1 alpha-3 code of a state
    country: URIRef  # ISO3 of the country a location, group or organisation belongs to
    title: URIRef  # office held ("Foreign Minister"), on actors and affiliation statements
    affiliation: URIRef  # the actor a person or organisation belongs to (node attribute)
    resolutionCode: URIRef  # "UNSC 2254"
    issuer: URIRef  # the actor that issued a resolution (node attribute)
    adopted: URIRef  # adoption date of a resolution

    # Edge properties (relations without a SEM equivalent)
    affiliatedWith: URIRef  # person/organisation -> actor
    issuedBy: URIRef  # resolution -> actor
    locatedIn: URIRef  # location -> state
    references: URIRef  # event -> resolution
    about: URIRef  # event -> event
    producedBy: URIRef  # event -> event: an agreement produced by talks
    reportedIn: URIRef  # event -> article
    related: URIRef  # an edge whose relation is unknown to this vocabulary (see cg:relation)
    relation: URIRef  # the relation name of an edge, when it is not one of ours
    edgeKey: URIRef  # the networkx edge key, when it is not "relation" or "relation:role"

    # Role types (sem:RoleType individuals)
    organizer: URIRef
    host: URIRef
    mediator: URIRef
    participant: URIRef
    guarantor: URIRef
    source: URIRef
    target: URIRef
    speaker: URIRef
    observer: URIRef

    # Temporal units OWL-Time lacks (time:TemporalUnit individuals)
    unitSeason: URIRef
    unitQuarter: URIRef
    unitDecade: URIRef

    # Provenance
    evidence: URIRef  # node, role or statement -> cg:Provenance
    sentenceIndex: URIRef  # index of the sentence in the article (xsd:integer)
    charStart: URIRef  # offset into the article's cleaned text
    charEnd: URIRef  # offset into the article's cleaned text (exclusive)
    confidence: URIRef  # 0..1 (xsd:double)
    extractor: URIRef  # the extractor (and version) that read the fact
    evidenceKind: URIRef  # how the fact was found, e.g. "date:clause"

    # Lossless round trip of the networkx graph
    kind: URIRef  # node kind, when it has no class of its own
    aliases: URIRef  # aliases in their original order, as an rdf:List (skos:altLabel holds each)
    nullValue: URIRef  # the attribute written with this property is JSON null
    attribute: URIRef  # an attribute with no term of its own: [cg:attributeName; rdf:value]
    attributeName: URIRef  # the attribute's name in graph.json


def _slug(identifier: str) -> str:
    """Percent-encode a node id into one IRI path segment that is always valid."""
    slug = quote(identifier, safe="")
    return slug.replace(".", "%2E") if slug in (".", "..") else slug


def resource_iri(kind: str, identifier: str) -> URIRef:
    """The IRI of a resource: ``https://w3id.org/conflictgraph/id/{kind}/{slug}``."""
    return URIRef(f"{ID_NS}{_slug(kind)}/{_slug(identifier)}")


def id_from_iri(iri: str) -> str:
    """The node id a :func:`resource_iri` was made from."""
    if not iri.startswith(ID_NS):
        raise ValueError(f"not a conflictgraph resource IRI: {iri}")
    return unquote(iri.rsplit("/", 1)[1].split("#", 1)[0])
