"""Ingest: read text, Markdown, HTML, JSON/JSONL and feeds into articles."""

from conflictgraph.ingest.readers import (
    IngestReport,
    iter_articles,
    parse_date,
    parse_size,
    read_inputs,
)

__all__ = ["IngestReport", "iter_articles", "parse_date", "parse_size", "read_inputs"]
