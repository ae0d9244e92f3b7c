"""Store: where graphs are kept; for now atomic output files (the SPARQL store comes next)."""

from conflictgraph.store.files import atomic_write_bytes, atomic_write_text

__all__ = ["atomic_write_bytes", "atomic_write_text"]
