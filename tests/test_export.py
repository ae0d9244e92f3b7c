"""Exports: GraphML and dynamic GEXF load back in networkx, CSV tables, DataFrames, the JSON-LD
context, and every format of ``export_graph``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from lxml import etree

from conflictgraph.errors import ExportError
from conflictgraph.export import (
    EDGE_COLUMNS,
    EVENT_COLUMNS,
    EXPORT_FORMATS,
    NODE_COLUMNS,
    edges_frame,
    events_frame,
    events_table,
    export_graph,
    gexf_graph,
    nodes_frame,
    sparql_frame,
    write_csv,
    write_gexf,
    write_graphml,
)
from conflictgraph.graph import ConflictGraph
from conflictgraph.query import demo_graph
from conflictgraph.rdf import quiet_rdflib
from conflictgraph.rdf.convert import jsonld_context
from conflictgraph.rdf.terms import PREFIXES


@pytest.fixture
def G() -> ConflictGraph:
    return demo_graph()


def test_graphml_loads_back_with_every_node_and_edge(G: ConflictGraph, tmp_path: Path) -> None:
    write_graphml(G, tmp_path / "g.graphml")
    h = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert set(h) == set(G.g)
    assert h.number_of_edges() == G.g.number_of_edges()
    talks = h.nodes["event:astana-talks"]
    assert talks["start"] == "2017-01-23" and talks["kind"] == "event"
    assert json.loads(talks["provenance"])[0]["article"] == "article:demo-20170124"
    assert "location" in talks and "iso3" not in h.nodes["igo:un"]  # nulls are left out
    keys = {k for _, _, k in h.edges(keys=True)}
    assert "participant:mediator" in keys


def test_gexf_is_dynamic_for_gephis_timeline(G: ConflictGraph, tmp_path: Path) -> None:
    write_gexf(G, tmp_path / "g.gexf")
    root = etree.parse(str(tmp_path / "g.gexf")).getroot()
    graph = root.find("{*}graph")
    assert graph is not None
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    h = nx.read_gexf(tmp_path / "g.gexf")
    assert set(h) == set(G.g)
    assert h.number_of_edges() == G.g.number_of_edges()
    assert h.nodes["event:unsc-endorsement"]["start"] == "2016-12-01"
    assert h.nodes["event:unsc-endorsement"]["end"] == "2016-12-31"
    assert h.nodes["event:unsc-endorsement"]["date_start"] == "2016-12"
    spells = root.findall(".//{*}node[@id='state:RUS']/{*}spells/{*}spell")
    assert [(s.get("start"), s.get("end")) for s in spells] == [
        ("2016-12-29", "2016-12-29"),
        ("2017-01-23", "2017-01-24"),
    ]
    edges = gexf_graph(G).edges(keys=True, data=True)
    held = [d for _, _, k, d in edges if k == "held_in"]
    assert held[0]["start"] == "2017-01-23" and held[0]["end"] == "2017-01-24"


def test_csv_tables(G: ConflictGraph, tmp_path: Path) -> None:
    paths = write_csv(G, tmp_path / "tables")
    tables = {
        p.stem: list(csv.DictReader(p.read_text(encoding="utf-8").splitlines())) for p in paths
    }
    assert list(tables["events"][0]) == list(EVENT_COLUMNS)
    assert list(tables["edges"][0]) == list(EDGE_COLUMNS)
    assert list(tables["nodes"][0]) == list(NODE_COLUMNS)
    talks = next(r for r in tables["events"] if r["event"] == "event:astana-talks")
    assert talks["organizer"] == "Iran; Russia; Turkey"
    assert talks["mediator"] == "Staffan de Mistura" and talks["host"] == "Kazakhstan"
    assert talks["place"] == "Astana" and talks["resolutions"] == "UNSC 2254"
    assert len(tables["edges"]) == G.g.number_of_edges()
    assert len(tables["nodes"]) == G.number_of_nodes()
    empty = write_csv(ConflictGraph(), tmp_path / "empty")
    assert empty[0].read_text(encoding="utf-8").startswith("event,start,end")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError):
        write_csv(G, tmp_path / "file")


def test_dataframes(G: ConflictGraph) -> None:
    events = events_frame(G)
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert list(events["label"]) == [r["label"] for r in events_table(G)]
    assert len(edges_frame(G)) == G.g.number_of_edges()
    assert len(nodes_frame(G)) == G.number_of_nodes()
    df = sparql_frame(
        G.sparql("SELECT ?event ?support WHERE { ?event a sem:Event ; cg:support ?support }")
    )
    assert sorted(df["event"]) == [
        "event:astana-talks",
        "event:ceasefire",
        "event:unsc-endorsement",
    ]
    assert df["support"].dtype.kind == "i"


def test_the_jsonld_context_covers_every_prefix() -> None:
    context = jsonld_context()
    for prefix, namespace in PREFIXES.items():
        assert context[prefix] == namespace
    assert context["hasActor"] == {"@id": "sem:hasActor", "@type": "@id"}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_format_writes(G: ConflictGraph, tmp_path: Path, fmt: str) -> None:
    written = export_graph(G, fmt, tmp_path / f"out.{fmt}")
    assert all(p.stat().st_size > 0 for p in written)
    if fmt in ("ttl", "trig", "jsonld"):
        rdflib_format = {"ttl": "turtle", "trig": "trig", "jsonld": "json-ld"}[fmt]
        ox_format = {
            "ttl": ox.RdfFormat.TURTLE,
            "trig": ox.RdfFormat.TRIG,
            "jsonld": ox.RdfFormat.JSON_LD,
        }[fmt]
        ds = rdflib.Dataset()
        with quiet_rdflib():
            ds.parse(written[0], format=rdflib_format)
        assert len(set(ds.quads((None, None, None, None)))) == len(
            set(ox.parse(path=written[0], format=ox_format))
        )
    with pytest.raises(ExportError):
        export_graph(G, "xlsx", tmp_path / "x")
