"""Store: where graphs are kept. The embedded store (a directory that grows by article and
answers SPARQL through Oxigraph) and atomic output files."""

from conflictgraph.store.embedded import AddReport, Store, content_hash
from conflictgraph.store.files import atomic_write_bytes, atomic_write_text
from conflictgraph.store.sparql import SparqlEngine, format_result, node_iri, records

__all__ = [
    "AddReport",
    "SparqlEngine",
    "Store",
    "atomic_write_bytes",
    "atomic_write_text",
    "content_hash",
    "format_result",
    "node_iri",
    "records",
]
