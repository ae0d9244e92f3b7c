"""Store: where graphs are kept. For now atomic output files; the embedded SPARQL store comes next."""

from conflictgraph.store.files import atomic_write_bytes, atomic_write_text

__all__ = ["atomic_write_bytes", "atomic_write_text"]
