"""The embedded store on hand-made extractions: incremental adds, idempotence, replacement,
one writer, pinned readers, SPARQL (bindings, updates), exports and the extraction codec."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from conflictgraph.errors import QueryError, StoreError, StoreLockedError
from conflictgraph.graph import ConflictGraph
from conflictgraph.model import Article, ArticleExtraction
from conflictgraph.query import demo_extractions, demo_graph
from conflictgraph.rdf import quiet_rdflib
from conflictgraph.store import Store, node_iri, records
from conflictgraph.store.codec import extraction_from_json, extraction_to_json, read_extraction
from conflictgraph.store.lock import FileLock


def new_store(path: Path) -> Store:
    return Store.open(path, create=True)


def dataset(store: Store) -> rdflib.Dataset:
    """The store's RDF without the per-generation timestamps (for comparisons)."""
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(data=store.engine().ox.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    ds.remove((None, PROV.generatedAtTime, None, None))
    return ds


def same_dataset(a: rdflib.Dataset, b: rdflib.Dataset) -> bool:
    """Isomorphic graph by graph (blank nodes may be named differently)."""

    def graphs(ds: rdflib.Dataset) -> dict[object, rdflib.Graph]:
        out: dict[object, rdflib.Graph] = {}
        for s, p, o, g in ds.quads((None, None, None, None)):
            out.setdefault(g, rdflib.Graph()).add((s, p, o))
        return out

    ga, gb = graphs(a), graphs(b)
    return ga.keys() == gb.keys() and all(isomorphic(ga[k], gb[k]) for k in ga)


@pytest.fixture
def exs() -> list[ArticleExtraction]:
    return demo_extractions()


# ---------------------------------------------------------------------------------------------
# Opening


def test_opening_a_missing_store_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "nothing")
    assert err.value.code == "CG502"
    assert "conflictgraph add" in str(err.value)


def test_a_folder_with_other_files_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path, create=True)
    assert err.value.code == "CG502"
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_new_store_is_empty_and_answers_queries(tmp_path: Path) -> None:
    with new_store(tmp_path / "db") as db:
        assert db.generation == 0
        assert db.info()["articles"] == 0
        assert db.graph().number_of_nodes() == 0
        assert records(db.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")) == [{"n": 0}]


def test_another_format_version_is_refused(tmp_path: Path) -> None:
    new_store(tmp_path / "db").close()
    (tmp_path / "db" / "FORMAT").write_text("conflictgraph store\nformat 99\n", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "db")
    assert err.value.code == "CG504"


# ---------------------------------------------------------------------------------------------
# Adding


def test_add_merges_like_build_and_readding_is_a_no_op(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with new_store(tmp_path / "db") as db:
        first = db.add_extractions(exs)
        assert first.added == ["demo-20161231", "demo-20170124"] and first.changed
        assert db.graph().to_node_link() == demo_graph().to_node_link()
        before = sorted(p.name for p in (tmp_path / "db").iterdir())
        again = db.add_extractions(exs)
        assert not again.changed and again.unchanged == first.added
        assert again.generation == first.generation == 1
        assert sorted(p.name for p in (tmp_path / "db").iterdir()) == before


def test_adding_a_then_b_equals_adding_both(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with new_store(tmp_path / "one") as one, new_store(tmp_path / "two") as two:
        one.add_extractions(exs[:1])
        one.add_extractions(exs[1:])
        two.add_extractions(exs)
        assert one.graph().to_node_link() == two.graph().to_node_link()
        assert one.manifest["counts"] == two.manifest["counts"]
        assert same_dataset(dataset(one), dataset(two))
        assert one.generation == 2 and two.generation == 1


def test_only_the_live_generation_and_referenced_articles_stay(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs[:1])
        db.add_extractions(exs[1:])
    names = sorted(p.name for p in (tmp_path / "db").iterdir())
    assert names == ["CURRENT", "FORMAT", "LOCK", "articles", "g000002"]
    assert len(list((tmp_path / "db" / "articles").iterdir())) == 2


def test_a_changed_article_replaces_the_old_one(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    ex1, ex2 = exs
    changed = dataclasses.replace(
        ex2, article=dataclasses.replace(ex2.article, text=ex2.article.text + " More."), events=()
    )
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        report = db.add_extractions([changed])
        assert report.replaced == ["demo-20170124"] and not report.added
        assert any("changed since it was stored" in n for n in report.notices)
        assert [a["id"] for a in db.articles()] == ["demo-20161231", "demo-20170124"]
        assert "event:astana-talks" not in db.graph().g
        expected = ConflictGraph()
        for ex in (ex1, changed):
            expected.add_extraction(ex)
        expected.consolidate_people()
        expected.consolidate_events()
        assert db.graph().to_node_link() == expected.to_node_link()


def test_the_same_text_under_another_id_is_skipped(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    copy = dataclasses.replace(exs[0], article=dataclasses.replace(exs[0].article, id="mirror"))
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs[:1])
        report = db.add_extractions([copy])
        assert report.duplicates == ["mirror"] and not report.changed
        assert "same content as stored article 'demo-20161231'" in report.notices[0]


def test_one_writer_at_a_time(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with new_store(tmp_path / "db") as db:
        lock = FileLock(tmp_path / "db" / "LOCK")
        assert lock.acquire()
        try:
            with pytest.raises(StoreLockedError) as err:
                db.add_extractions(exs)
            assert err.value.code == "CG501"
            assert "another process" in str(err.value) and "one writer" in str(err.value)
        finally:
            lock.release()
        assert db.add_extractions(exs).changed


def test_a_reader_keeps_its_generation_while_a_writer_adds(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with new_store(tmp_path / "db") as writer:
        writer.add_extractions(exs[:1])
        reader = Store.open(tmp_path / "db")
        writer.add_extractions(exs[1:])
        assert reader.generation == 1 and writer.generation == 2
        assert (tmp_path / "db" / "g000001").exists()  # pinned, so not collected
        assert reader.info()["articles"] == 1
        assert len(reader.sparql("SELECT ?e WHERE { ?e a sem:Event }")) == 2
        reader.refresh()
        assert reader.generation == 2
        reader.close()
        writer.sparql('INSERT DATA { <urn:x> rdfs:label "x" }', allow_update=True)
        assert not (tmp_path / "db" / "g000001").exists()


# ---------------------------------------------------------------------------------------------
# SPARQL


def test_bindings_are_values_not_query_text(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        q = "SELECT ?label WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 } ORDER BY ?label"
        assert [str(r.label) for r in db.sparql(q, iso3="TUR")] == ["Turkey"]
        evil = '" } ; ?a ?p ?o . FILTER(true) } #'
        assert list(db.sparql(q, iso3=evil)) == []
        rows = db.sparql(
            "SELECT ?label WHERE { ?r rdf:value ?actor . ?e sem:hasActor ?r ; rdfs:label ?label }"
            " ORDER BY ?label",
            actor=node_iri("state:KAZ"),
        )
        assert rows.vars == [rdflib.Variable("label")]  # the bound variable stays hidden
        assert [str(r.label) for r in rows] == ["Astana talks"]


def test_grouped_queries_with_bindings_use_rdflibs_evaluator(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        q = (
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE "
            "{ ?e sem:hasActor ?r . ?r rdf:value ?actor ; sem:roleType ?role }"
        )
        rows = records(db.sparql(q, actor=node_iri("state:RUS")))
        assert rows == [{"n": 2}]
        rows = records(
            db.sparql(
                q,
                actor=node_iri("state:RUS"),
                role=URIRef(
                    str(rdflib.Namespace("https://w3id.org/conflictgraph/ns#")["organizer"])
                ),
            )
        )
        assert rows == [{"n": 1}]


_PROVENANCE_QUERY = (
    "SELECT ?text WHERE { GRAPH ?g { ?e cg:evidence ?p . ?p prov:value ?text } . "
    "?e rdfs:label ?label } ORDER BY ?text"
)
_LABELS_QUERY = "SELECT ?label WHERE { ?e a sem:Event ; rdfs:label ?label } ORDER BY ?label"


def test_in_memory_answers_like_the_disk(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    queries = [
        (_LABELS_QUERY, {}),
        (_PROVENANCE_QUERY, {"label": rdflib.Literal("Astana talks")}),
        ("SELECT (COUNT(*) AS ?n) FROM <urn:x:none> WHERE { ?s ?p ?o }", {}),
        (
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e sem:hasActor ?r . ?r rdf:value ?actor }",
            {"actor": node_iri("state:RUS")},
        ),
    ]
    with new_store(tmp_path / "db") as disk:
        disk.add_extractions(exs)
        expected = [records(disk.sparql(q, **b)) for q, b in queries]
    assert expected[1], "the named-graph query found no provenance"
    assert expected[2] == [{"n": 0}] and expected[3] == [{"n": 2}]
    with Store.open(tmp_path / "db", in_memory=True) as db:
        assert [records(db.sparql(q, **b)) for q, b in queries] == expected
        engine = db.engine()
        assert engine.memory is not None
        # the copy holds the default graph only; provenance still comes from the named graphs
        assert 0 < len(engine.memory) < len(engine.ox)
        assert not list(engine.memory.named_graphs())
        assert engine._target(_LABELS_QUERY) is engine.memory
        assert engine._target(_PROVENANCE_QUERY) is engine.ox


def test_in_memory_follows_the_store_after_an_add(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with Store.open(tmp_path / "db", create=True, in_memory=True) as db:
        db.add_extractions(exs[:1])
        assert db.engine().memory is None  # an add or export does not make the copy
        before = [r["label"] for r in records(db.sparql(_LABELS_QUERY))]
        db.add_extractions(exs[1:])
        after = [r["label"] for r in records(db.sparql(_LABELS_QUERY))]
        assert db.engine().memory is not None
        assert set(before) < set(after)


def test_reads_named_graphs_only_on_keywords() -> None:
    from conflictgraph.store.sparql import reads_named_graphs

    assert reads_named_graphs("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
    assert reads_named_graphs("SELECT * FROM NAMED <urn:g> WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert reads_named_graphs("select * where { graph ?g { ?s ?p ?o } }")
    names = 'SELECT ?graph ?from WHERE { ?graph <urn:graph> "FROM GRAPH" ; cg:graph ?from }'
    assert not reads_named_graphs(names + " # GRAPH ?g")


def test_updates_are_refused_unless_asked_for(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        for update in (
            "DELETE WHERE { ?s ?p ?o }",
            'INSERT DATA { <urn:a> <urn:b> "c" }',
            "CLEAR ALL",
            "DROP DEFAULT",
        ):
            with pytest.raises(QueryError) as err:
                db.sparql(update)
            assert err.value.code == "CG602"
        assert db.generation == 1
        with pytest.raises(QueryError) as err:
            db.sparql("SELEKT ?x WHERE { ?x ?y ?z }")
        assert err.value.code == "CG601"


def test_an_allowed_update_survives_later_adds(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    event = node_iri("event:ceasefire")
    relabel = (
        f"DELETE {{ <{event}> rdfs:label ?old }} INSERT {{ <{event}> rdfs:label "
        f'"Nationwide ceasefire" }} WHERE {{ <{event}> rdfs:label ?old }}'
    )
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs[:1])
        db.sparql(relabel, allow_update=True)
        assert db.generation == 2 and db.info()["updates"] == 1
        assert db.graph().g.nodes["event:ceasefire"]["label"] == "Nationwide ceasefire"
        db.add_extractions(exs[1:])
        assert db.graph().g.nodes["event:ceasefire"]["label"] == "Nationwide ceasefire"
        ask = db.sparql(f'ASK {{ <{event}> rdfs:label "Nationwide ceasefire" }}')
        assert ask.askAnswer is True


def test_an_update_that_breaks_the_graph_is_not_applied(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        event = node_iri("event:ceasefire")
        with pytest.raises(QueryError) as err:
            db.sparql(f'INSERT DATA {{ <{event}> rdfs:label "second label" }}', allow_update=True)
        assert "not applied" in str(err.value)
        assert db.generation == 1
        db.refresh()
        assert db.generation == 1


def test_conflictgraph_sparql_on_an_in_memory_graph() -> None:
    g = demo_graph()
    rows = g.sparql("SELECT ?label WHERE { ?e a sem:Event ; rdfs:label ?label } ORDER BY ?label")
    assert [str(r.label) for r in rows] == [
        "Astana talks",
        "Ceasefire agreement",
        "Security Council endorsement",
    ]
    with pytest.raises(QueryError):
        g.sparql("DELETE WHERE { ?s rdfs:label ?l }")
    event = node_iri("event:astana-talks")
    g.sparql(
        f'DELETE {{ <{event}> cg:status ?s }} INSERT {{ <{event}> cg:status "planned" }} '
        f"WHERE {{ <{event}> cg:status ?s }}",
        allow_update=True,
    )
    assert g.g.nodes["event:astana-talks"]["status"] == "planned"


# ---------------------------------------------------------------------------------------------
# Info and export


def test_info_counts_dates_and_articles(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        info = db.info()
    assert info["articles"] == 2 and info["generation"] == 1
    assert info["counts"]["event"] == 3 and info["counts"]["article"] == 2
    assert info["dates"] == ["2016-12", "2017-01-24"]
    assert info["named_graphs"] == 2 and info["triples"] > 300
    assert [a["id"] for a in info["article_list"]] == ["demo-20161231", "demo-20170124"]
    assert info["bytes"] > 0


RDF_FORMATS = {
    "ttl": ("turtle", ox.RdfFormat.TURTLE),
    "trig": ("trig", ox.RdfFormat.TRIG),
    "nt": ("nt", ox.RdfFormat.N_TRIPLES),
    "nq": ("nquads", ox.RdfFormat.N_QUADS),
    "jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_exports_parse_alike_in_rdflib_and_oxigraph(
    tmp_path: Path, exs: list[ArticleExtraction], fmt: str
) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        (path,) = db.export(fmt, tmp_path / f"out.{fmt}")
        total = db.info()["triples"]
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(path, format=RDF_FORMATS[fmt][0])
    n_rdflib = len(set(ds.quads((None, None, None, None))))
    n_oxigraph = len(set(ox.parse(path=path, format=RDF_FORMATS[fmt][1])))
    assert n_rdflib == n_oxigraph
    if fmt in ("trig", "nq", "jsonld"):
        assert n_rdflib == total  # every quad, named graphs kept
    else:
        assert n_rdflib == len({(s, p, o) for s, p, o, _ in ds.quads()})


def test_jsonld_export_is_readable_with_the_context(
    tmp_path: Path, exs: list[ArticleExtraction]
) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        (path,) = db.export("jsonld", tmp_path / "g.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["@context"]["label"] == "rdfs:label"
    text = path.read_text(encoding="utf-8")
    assert '"hasActor"' in text and '"begin"' in text and '"@type": "Event"' in text


def test_graph_exports_from_the_store(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        db.export("graphml", tmp_path / "g.graphml")
        db.export("gexf", tmp_path / "g.gexf")
        (j,) = db.export("json", tmp_path / "g.json")
        csvs = db.export("csv", tmp_path / "tables")
        db.export("html", tmp_path / "g.html")
        expected = db.graph()
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == expected.g.number_of_edges()
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == expected.number_of_nodes()
    assert ConflictGraph.read_json(j).to_node_link() == expected.to_node_link()
    assert [p.name for p in csvs] == ["events.csv", "edges.csv", "nodes.csv"]
    assert (tmp_path / "g.html").read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    with pytest.raises(StoreError):
        Store.open(tmp_path / "db").export("xls", tmp_path / "g.xls")


# ---------------------------------------------------------------------------------------------
# The extraction codec


def test_extractions_round_trip_exactly(tmp_path: Path, exs: list[ArticleExtraction]) -> None:
    for ex in exs:
        data = json.loads(json.dumps(extraction_to_json(ex)))
        assert extraction_from_json(data) == ex
    with new_store(tmp_path / "db") as db:
        db.add_extractions(exs)
        files = sorted((tmp_path / "db" / "articles").iterdir())
    stored = sorted((read_extraction(f) for f in files), key=lambda e: e.article.id)
    assert stored == sorted(exs, key=lambda e: e.article.id)


def test_a_damaged_extraction_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.json.gz"
    bad.write_bytes(gzip.compress(b'{"format": 1, "extraction": {"article": 3}}'))
    with pytest.raises(StoreError) as err:
        read_extraction(bad)
    assert err.value.code == "CG503"


def test_articles_without_extractions_are_stored_by_content(tmp_path: Path) -> None:
    art = Article(id="a1", text="Nothing happened.", title=None)
    with new_store(tmp_path / "db") as db:
        report = db.add_extractions([ArticleExtraction(art)])
        assert report.added == ["a1"]
        assert db.graph().g.nodes["article:a1"]["kind"] == "article"
        assert records(db.sparql("SELECT ?t WHERE { ?a schema:headline ?t }")) == []
