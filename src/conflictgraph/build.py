"""The whole path in one call: read inputs, annotate with spaCy, extract, merge into a graph."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language

from conflictgraph.errors import InputError
from conflictgraph.graph import ConflictGraph
from conflictgraph.ingest import read_inputs
from conflictgraph.ingest.readers import MAX_BYTES
from conflictgraph.model import Article, ArticleExtraction
from conflictgraph.nlp.extract import extract
from conflictgraph.nlp.pipeline import annotate, build_nlp

__all__ = ["BuildResult", "build_graph", "extract_articles"]


@dataclass
class BuildResult:
    """A built graph with what was read, skipped and noticed on the way."""

    graph: ConflictGraph
    articles: list[Article] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def undated(self) -> list[Article]:
        """Articles with no known publication date (their relative dates stay unresolved)."""
        return [a for a in self.articles if a.published is None]


def extract_articles(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 16
) -> list[ArticleExtraction]:
    """Annotate and extract every article (one ``nlp.pipe`` pass)."""
    return [
        extract(article, doc) for article, doc in annotate(nlp, articles, batch_size=batch_size)
    ]


def build_graph(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    published: date | None = None,
    nlp: Language | None = None,
    progress: Callable[[Article], None] | None = None,
    workers: int = 1,
    scheduler: object = None,
    max_bytes: int = MAX_BYTES,
    started: Callable[[int], None] | None = None,
) -> BuildResult:
    """Build a graph from files and folders; bad inputs are skipped and reported, never fatal.

    ``workers`` > 1 extracts on that many processes, ``scheduler`` (``tcp://HOST:8786`` or a
    ``distributed.Client``) on a Dask cluster; the merge is the same, so is the graph. Input
    files over ``max_bytes`` are skipped unread. ``started`` is told how many articles will be
    extracted once they are read; ``progress`` is called after each one.
    """
    report = read_inputs(inputs, published=published, max_bytes=max_bytes)
    graph = ConflictGraph()
    seen: set[str] = set()
    articles: list[Article] = []
    for art in report.articles:
        if art.id in seen:
            report.notices.append(
                f"{art.origin}: same article id '{art.id}' as an earlier input; merged"
            )
        seen.add(art.id)
        articles.append(art)
    if not articles:  # nothing to extract: the language model is not even loaded
        return BuildResult(graph, articles, report.skipped, report.notices)
    if started is not None:
        started(len(articles))
    if workers > 1 or scheduler is not None:
        from conflictgraph.parallel import extract_parallel

        for ex in extract_parallel(
            articles, nlp=nlp, workers=workers, scheduler=scheduler, progress=progress
        ):
            graph.add_extraction(ex)
        graph.consolidate()
        return BuildResult(graph, articles, report.skipped, report.notices)
    nlp = nlp or build_nlp()
    for article, doc in annotate(nlp, articles):
        graph.add_extraction(extract(article, doc))
        if progress is not None:
            progress(article)
    graph.consolidate()
    return BuildResult(graph, articles, report.skipped, report.notices)
