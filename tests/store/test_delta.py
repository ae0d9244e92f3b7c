"""Incremental adds write only what changed, and give the store a full rebuild gives: the same
graph and, graph by graph, isomorphic RDF, also when later articles merge nodes (an event
reported under another id, a surname that turns out to be a known person)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from conflictgraph.model import (
    Actor,
    ActorType,
    Article,
    ArticleExtraction,
    Edge,
    Event,
    Precision,
    Provenance,
    Relation,
    Role,
    TimeValue,
)
from conflictgraph.query import demo_extractions
from conflictgraph.rdf import quiet_rdflib
from conflictgraph.store import Store


def graphs(store: Store) -> dict[object, rdflib.Graph]:
    """The store's RDF graph by graph, without the per-generation timestamps."""
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(data=store.engine().ox.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    out: dict[object, rdflib.Graph] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        if p != PROV.generatedAtTime:
            out.setdefault(g, rdflib.Graph()).add((s, p, o))
    return out


def same_store(a: Store, b: Store) -> None:
    assert a.graph().to_node_link() == b.graph().to_node_link()
    assert a.manifest["counts"] == b.manifest["counts"]
    assert a.manifest["triples"] == b.manifest["triples"]
    assert a.manifest["named_graphs"] == b.manifest["named_graphs"]
    ga, gb = graphs(a), graphs(b)
    assert ga.keys() == gb.keys()
    for name in ga:
        assert isomorphic(ga[name], gb[name]), name


def article(n: int, text: str) -> Article:
    return Article(id=f"more-{n}", text=text, source="test", published=date(2017, 2, n))


def prov(art: Article, sentence: int = 0) -> tuple[Provenance, ...]:
    return (Provenance(f"article:{art.id}", sentence, 0, len(art.text), art.text, 0.8),)


def more_extractions() -> list[ArticleExtraction]:
    """Articles that change what is stored: a report of the ceasefire under another id (merged
    into the stored event, or the stored event merged into it), a surname-only mention and
    then the full name, Russia again, an undated event."""
    day = TimeValue(date(2016, 12, 29), date(2016, 12, 29), Precision.DAY, "29 December")
    out = []
    a3 = article(3, "The truce that Russia guaranteed held.")
    truce = Event("event:truce", "Truce", "0871", day, plover="RETREAT", provenance=prov(a3))
    out.append(
        ArticleExtraction(
            a3,
            actors=(
                Actor("state:RUS", "Russia", ActorType.STATE, iso3="RUS", provenance=prov(a3)),
            ),
            events=(truce,),
            edges=(
                Edge(
                    "state:RUS",
                    "event:truce",
                    Relation.PARTICIPANT,
                    Role.GUARANTOR,
                    provenance=prov(a3),
                ),
                Edge(
                    "state:TUR",
                    "event:truce",
                    Relation.PARTICIPANT,
                    Role.GUARANTOR,
                    provenance=prov(a3),
                ),
                Edge("event:truce", "article:more-3", Relation.REPORTED_IN, provenance=prov(a3)),
            ),
        )
    )
    a4 = article(4, "Lavrov and Cavusoglu spoke.")
    lavrov = Actor("person:lavrov", "Lavrov", ActorType.PERSON, provenance=prov(a4))
    call = Event(
        "event:a-call", "Call", "0871", day, plover="RETREAT", provenance=prov(a4)
    )  # sorts before event:ceasefire: the stored event is merged into this one
    out.append(
        ArticleExtraction(
            a4,
            actors=(lavrov,),
            events=(call,),
            edges=(
                Edge(
                    "person:lavrov",
                    "event:a-call",
                    Relation.PARTICIPANT,
                    Role.SPEAKER,
                    provenance=prov(a4),
                ),
                Edge(
                    "state:RUS",
                    "event:a-call",
                    Relation.PARTICIPANT,
                    Role.PARTICIPANT,
                    provenance=prov(a4),
                ),
                Edge(
                    "state:TUR",
                    "event:a-call",
                    Relation.PARTICIPANT,
                    Role.PARTICIPANT,
                    provenance=prov(a4),
                ),
            ),
        )
    )
    a5 = article(5, "Foreign Minister Sergey Lavrov of Russia met reporters.")
    full = Actor(
        "person:sergey-lavrov",
        "Sergey Lavrov",
        ActorType.PERSON,
        title="Foreign Minister",
        affiliation="state:RUS",
        provenance=prov(a5),
    )
    press = Event("event:press", "Press conference", "010", None, provenance=prov(a5))
    out.append(
        ArticleExtraction(
            a5,
            actors=(full,),
            events=(press,),
            edges=(
                Edge(
                    "person:sergey-lavrov",
                    "event:press",
                    Relation.PARTICIPANT,
                    Role.SPEAKER,
                    provenance=prov(a5),
                ),
                Edge(
                    "person:sergey-lavrov",
                    "state:RUS",
                    Relation.AFFILIATED_WITH,
                    provenance=prov(a5),
                ),
            ),
        )
    )
    return out


@pytest.fixture
def exs() -> list[ArticleExtraction]:
    return demo_extractions() + more_extractions()


def test_one_at_a_time_equals_a_rebuild(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with (
        Store.open(tmp_path / "step", create=True) as step,
        Store.open(tmp_path / "all", create=True) as whole,
    ):
        for i, ex in enumerate(exs):
            step.add_extractions([ex])
            whole.add_extractions(exs[: i + 1], rebuild=True)
            same_store(step, whole)
        assert step.generation == len(exs) and whole.generation == len(exs)
        assert "event:ceasefire" not in step.graph().g  # merged into event:a-call
        assert "person:lavrov" not in step.graph().g  # merged into person:sergey-lavrov


def test_a_delta_shares_the_unchanged_files(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with Store.open(tmp_path / "db", create=True) as db:
        db.add_extractions(exs[:2])
        before = {p.name: p.stat().st_ino for p in (db.generation_path / "oxigraph").glob("*.sst")}
        db.add_extractions(exs[2:3])
        after = {p.name: p.stat().st_ino for p in (db.generation_path / "oxigraph").glob("*.sst")}
        assert set(before.items()) & set(after.items())  # the same files: hard links


def test_a_replaced_article_and_an_update_rebuild(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    changed = dataclasses.replace(
        exs[1], article=dataclasses.replace(exs[1].article, text=exs[1].article.text + " More.")
    )
    with (
        Store.open(tmp_path / "a", create=True) as a,
        Store.open(tmp_path / "b", create=True) as b,
    ):
        a.add_extractions(exs[:3])
        a.add_extractions([changed])
        a.sparql('INSERT DATA { <urn:note> rdfs:comment "kept" }', allow_update=True)
        a.add_extractions(exs[3:])
        b.add_extractions([exs[0], changed, *exs[2:]])
        b.sparql('INSERT DATA { <urn:note> rdfs:comment "kept" }', allow_update=True)
        same_store(a, b)


def test_synthetic_articles_added_one_by_one_equal_a_rebuild(tmp_path: Path) -> None:
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[2] / "bench" / "bench_store.py"
    spec = importlib.util.spec_from_file_location("bench_store", path)
    assert spec is not None and spec.loader is not None
    bench_store = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_store", bench_store)
    spec.loader.exec_module(bench_store)
    exs = bench_store.synthetic_extractions(44)
    with (
        Store.open(tmp_path / "step", create=True) as step,
        Store.open(tmp_path / "all", create=True) as whole,
    ):
        step.add_extractions(exs[:40])
        for ex in exs[40:]:
            step.add_extractions([ex])
        whole.add_extractions(exs, rebuild=True)
        same_store(step, whole)
