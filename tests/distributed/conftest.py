"""Fixtures of the distributed tests: a Dask cluster, Oxigraph servers, the sample corpus
extracted once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from services import ARTICLES, DaskCluster, OxigraphServer

from conflictgraph.model import ArticleExtraction


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty Oxigraph server for one test."""
    server = OxigraphServer(tmp_path / "oxigraph").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    """A Dask scheduler with two single-threaded workers, shared by the session."""
    pytest.importorskip("distributed")
    cluster = DaskCluster(tmp_path_factory.mktemp("dask")).start(2)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def sample_extractions(nlp: object) -> list[ArticleExtraction]:
    """The sample corpus (data/articles) extracted once, here, in input order."""
    from conflictgraph.ingest import read_inputs
    from conflictgraph.parallel import extract_parallel

    articles = read_inputs([ARTICLES]).articles
    return extract_parallel(articles, nlp=nlp)  # type: ignore[arg-type]
