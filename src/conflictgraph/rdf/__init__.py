"""rdf stage: the graph as RDF (SEM, OWL-Time, PROV-O, schema.org, ``cg:``) and back, losslessly."""

from conflictgraph.rdf.convert import (
    FORMATS,
    from_rdf,
    parse_rdf,
    quiet_rdflib,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_rdf,
    to_trig,
    to_turtle,
    write_rdf,
)
from conflictgraph.rdf.namespace import CG, SEM, WIKIDATA, id_from_iri, resource_iri

__all__ = [
    "CG",
    "FORMATS",
    "SEM",
    "WIKIDATA",
    "from_rdf",
    "id_from_iri",
    "parse_rdf",
    "quiet_rdflib",
    "resource_iri",
    "to_jsonld",
    "to_nquads",
    "to_ntriples",
    "to_rdf",
    "to_trig",
    "to_turtle",
    "write_rdf",
]
