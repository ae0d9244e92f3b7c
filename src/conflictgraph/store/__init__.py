"""Store: where graphs are kept. The embedded store (a directory that grows by article and
answers SPARQL through Oxigraph), the remote store (any SPARQL 1.1 server) and atomic output
files."""

from conflictgraph.store.embedded import AddReport, Store, content_hash
from conflictgraph.store.files import atomic_write_bytes, atomic_write_text
from conflictgraph.store.remote import RemoteStore
from conflictgraph.store.sparql import SparqlEngine, format_result, node_iri, records

__all__ = [
    "AddReport",
    "RemoteStore",
    "SparqlEngine",
    "Store",
    "atomic_write_bytes",
    "atomic_write_text",
    "content_hash",
    "format_result",
    "node_iri",
    "records",
]
