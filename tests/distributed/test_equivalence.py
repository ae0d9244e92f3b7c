"""One corpus, four ways: the sample corpus (data/articles) built (a) locally, (b) with
``--workers 2``, (c) on a Dask cluster and (d) into an Oxigraph server gives the same graph,
isomorphic RDF datasets and identical answers to the README's SPARQL queries.

Select these with ``pytest -m distributed``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from services import ARTICLES, ROOT, DaskCluster, OxigraphServer, canonical
from spacy.language import Language

from conflictgraph.build import build_graph
from conflictgraph.cli import cli
from conflictgraph.graph import ConflictGraph
from conflictgraph.model import ArticleExtraction
from conflictgraph.store import Store
from conflictgraph.store.remote import RemoteStore
from conflictgraph.store.sparql import decode_store

pytestmark = [pytest.mark.distributed, pytest.mark.model]

_spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
assert _spec is not None and _spec.loader is not None
bench_store = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_store", bench_store)
_spec.loader.exec_module(bench_store)
QUERIES = bench_store.readme_queries(ROOT / "README.md")
GENERATED_AT = "http://www.w3.org/ns/prov#generatedAtTime"


def node_link(graph: ConflictGraph) -> str:
    return json.dumps(graph.to_node_link(), sort_keys=True, ensure_ascii=False)


def canonical_dataset(quads: list[ox.Quad]) -> ox.Dataset:
    """The dataset without the build timestamps, blank nodes canonically renamed (RDFC-1.0):
    two datasets are isomorphic when these are equal."""
    dataset = ox.Dataset(q for q in quads if q.predicate.value != GENERATED_AT)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def run(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def local_graph(nlp: Language) -> ConflictGraph:
    """(a) ``build_graph`` here, in one process."""
    return build_graph([ARTICLES], nlp=nlp).graph


@pytest.fixture(scope="module")
def local_db(
    tmp_path_factory: pytest.TempPathFactory, sample_extractions: list[ArticleExtraction]
) -> Path:
    """(a) the embedded store of the same articles."""
    db = tmp_path_factory.mktemp("equivalence") / "local.db"
    with Store.open(db, create=True) as store:
        store.add_extractions(sample_extractions)
    return db


def test_local_build_and_local_store_agree(local_graph: ConflictGraph, local_db: Path) -> None:
    with Store.open(local_db) as store:
        assert node_link(store.graph()) == node_link(local_graph)


def test_b_two_worker_processes_build_the_same_graph(
    local_graph: ConflictGraph, tmp_path: Path
) -> None:
    run(["build", str(ARTICLES), "--out", str(tmp_path), "--format", "json", "--workers", "2"])
    built = ConflictGraph.read_json(tmp_path / "graph.json")
    for node, attrs in built.g.nodes(data=True):
        attrs.setdefault("id", node)  # as the store reads it back
    assert node_link(built) == node_link(local_graph)


def test_c_the_dask_cluster_builds_the_same_graph(
    local_graph: ConflictGraph, dask_cluster: DaskCluster
) -> None:
    built = build_graph([ARTICLES], scheduler=dask_cluster.address).graph
    assert node_link(built) == node_link(local_graph)


def test_c_add_on_the_cluster_gives_the_same_store(
    local_db: Path, dask_cluster: DaskCluster, tmp_path: Path
) -> None:
    db = tmp_path / "dask.db"
    run(["add", str(ARTICLES), "--db", str(db), "--scheduler", dask_cluster.address, "-q"])
    with Store.open(db) as built, Store.open(local_db) as local:
        assert node_link(built.graph()) == node_link(local.graph())
        ids = [a["id"] for a in local.articles()]
        assert [a["id"] for a in built.articles()] == ids
    again = json.loads(run(["add", str(ARTICLES), "--db", str(db), "--workers", "2", "--json"]))
    assert again["added"] == [] and again["unchanged"] == len(ids)


def test_d_the_oxigraph_server_holds_the_same_graph_and_answers_the_same(
    local_graph: ConflictGraph, local_db: Path, dask_cluster: DaskCluster, oxigraph: OxigraphServer
) -> None:
    url = oxigraph.url
    run(["add", str(ARTICLES), "--store", url, "--scheduler", dask_cluster.address, "-q"])
    remote = RemoteStore.open(url)
    with Store.open(local_db) as local:
        assert node_link(remote.graph()) == node_link(local.graph())
        # the server's RDF itself decodes to the graph (up to the order of provenance lists)
        decoded = ConflictGraph(decode_store(remote.engine()))
        assert canonical(decoded.to_node_link()) == canonical(local_graph.to_node_link())
        ours, theirs = list(local.engine().ox), remote.quads()
        assert len(ours) == len(theirs)
        assert canonical_dataset(ours) == canonical_dataset(theirs)
    for q in QUERIES:
        args = list(q.args)
        at = args.index("--db")
        here = run([*args[:at], "--db", str(local_db), *args[at + 2 :]])
        there = run([*args[:at], "--store", url, *args[at + 2 :]])
        assert there == here, q.title
    for args in (["timeline", "Russia", "--format", "json"], ["events", "--format", "csv"]):
        assert run([*args, "--store", url]) == run([*args, "--db", str(local_db)])
