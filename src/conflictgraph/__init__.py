"""conflictgraph: news articles in, a dated conflict-timeline knowledge graph out."""

__version__ = "0.1.0"
