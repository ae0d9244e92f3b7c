"""The store benchmark's synthetic data is exactly what ``to_rdf`` writes for a graph of that
shape (so its figures are about our RDF), and it reads the README's queries."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pyoxigraph as ox

from conflictgraph.rdf.decode import decode
from conflictgraph.store.sparql import SparqlEngine, nquads

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
assert _spec is not None and _spec.loader is not None
bench_store = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_store", bench_store)
_spec.loader.exec_module(bench_store)


def test_synthetic_quads_are_what_to_rdf_writes() -> None:
    syn = bench_store.synthetic(6000)
    assert 5000 < syn.quads < 9000 and syn.events >= 50
    store = ox.Store()
    store.load(syn.nquads, format=ox.RdfFormat.N_QUADS)
    graph = decode(SparqlEngine(store).triples())
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == {"actor", "event", "location", "resolution", "article"}
    again = ox.Store()
    again.load(nquads(graph, generated_at=bench_store.GENERATED_AT), format=ox.RdfFormat.N_QUADS)
    assert set(store) == set(again)


def test_the_benchmark_runs_the_five_readme_queries_on_the_synthetic_data() -> None:
    queries = bench_store.readme_queries()
    assert len({q.query for q in queries}) == 5
    syn = bench_store.synthetic(20000)
    store = ox.Store()
    store.load(syn.nquads, format=ox.RdfFormat.N_QUADS)
    engine = SparqlEngine(store)
    from rdflib import Literal

    from conflictgraph.store.sparql import node_iri

    values = {
        "actor": node_iri(syn.actors[0]),
        "from": Literal("2011-01-01"),
        "to": Literal("2024-12-31"),
        "code": Literal("UNSC 2254"),
    }
    for q in queries:
        rows = list(engine.query(q.query, **{k: values[k] for k in q.bindings}))
        assert rows, q.title
