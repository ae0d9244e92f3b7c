"""The store on the sample articles with the real pipeline: the same graph as ``build``, and
adding the articles in two batches gives the store of adding them at once."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from conflictgraph.build import build_graph
from conflictgraph.ingest import read_inputs
from conflictgraph.rdf import quiet_rdflib
from conflictgraph.store import Store

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"


def graphs(store: Store) -> dict[object, rdflib.Graph]:
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(data=store.engine().ox.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    out: dict[object, rdflib.Graph] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        if p != PROV.generatedAtTime:
            out.setdefault(g, rdflib.Graph()).add((s, p, o))
    return out


def test_two_batches_equal_one_and_equal_build(tmp_path: Path, nlp: object) -> None:
    articles = read_inputs([ARTICLES]).articles
    half = len(articles) // 2
    with Store.open(tmp_path / "a", create=True) as a, Store.open(tmp_path / "b", create=True) as b:
        a.add_articles(articles[:half], nlp=nlp)  # type: ignore[arg-type]
        a.add_articles(articles[half:], nlp=nlp)  # type: ignore[arg-type]
        assert not a.add_articles(articles, nlp=nlp).changed  # type: ignore[arg-type]
        b.add([ARTICLES], nlp=nlp)  # type: ignore[arg-type]
        assert a.graph().to_node_link() == b.graph().to_node_link()
        built = build_graph([ARTICLES], nlp=nlp).graph  # type: ignore[arg-type]
        assert b.graph().to_node_link() == built.to_node_link()
        ga, gb = graphs(a), graphs(b)
        assert ga.keys() == gb.keys() and len(ga) == len(articles) + 1
        assert all(isomorphic(ga[k], gb[k]) for k in ga)
