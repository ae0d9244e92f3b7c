"""The RDF of the graph: lossless round trip, five serialisations, two parsers, SPARQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, SDO, XSD

from conflictgraph import __version__
from conflictgraph.errors import RDFError
from conflictgraph.rdf import (
    CG,
    FORMATS,
    SEM,
    from_rdf,
    id_from_iri,
    parse_rdf,
    quiet_rdflib,
    resource_iri,
    to_ntriples,
    to_rdf,
    to_trig,
    to_turtle,
    write_rdf,
)

DATA = Path(__file__).parent.parent / "data"
WHEN = datetime(2017, 2, 1, 12, 0, tzinfo=UTC)
ART1, ART2 = "a3f1c2d4e5b6a7c8", "a9e8d7c6b5a4f3e2"
TALKS = "event:046:2017-01-23:IRN+RUS+TUR:astana"
MOSCOW = "event:043:2016-12:IRN+RUS:moscow"
WEIRD = 'actor:Bad "name" <script>alert(1)</script>\nline two\ttab 😀 / # % .. \\ end'

OXIGRAPH_FORMAT = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
QUAD_FORMATS = {"trig", "nq", "jsonld"}


def prov(article: str, sentence: int, text: str, confidence: float = 0.9, **extra: str) -> dict:
    """One provenance entry shaped like docs/graph-json.md."""
    start = 100 * sentence
    return {
        "article": article,
        "sentence": sentence,
        "char_start": start,
        "char_end": start + len(text),
        "text": text,
        "confidence": confidence,
        **extra,
    }


S1 = "Iran, Russia and Turkey met in Astana on Monday and Tuesday."
S2 = "Iran mediated between the government and the rebels in Astana."
S3 = "Last month Iranian and Russian officials met in Moscow."
S4 = "Foreign Minister Sergei Lavrov said resolution 2254 remains the basis."


def state(label: str, iso3: str, aliases: list[str], wikidata: str | None = None) -> dict:
    """A state actor node with every attribute, unknown ones null."""
    return {
        "kind": "actor",
        "label": label,
        "aliases": aliases,
        "actor_type": "state",
        "iso3": iso3,
        "title": None,
        "affiliation": None,
        "country": None,
        "wikidata": wikidata,
        "provenance": [prov(ART1, 1, S1)],
    }


def event(label: str, code: str, start: str, precision: str, **extra: object) -> dict:
    """An event node with every attribute."""
    return {
        "kind": "event",
        "label": label,
        "aliases": [],
        "event_type": code,
        "cameo_root": code[:2],
        "plover": "CONSULT",
        "start": start,
        "end": extra.pop("end", start),
        "precision": precision,
        "time_text": extra.pop("time_text", None),
        "location": extra.pop("location", None),
        "status": "occurred",
        "support": extra.pop("support", 1),
        "provenance": extra.pop("provenance", [prov(ART1, 3, S3)]),
    }


def astana_graph() -> nx.MultiDiGraph:
    """A small graph shaped like docs/graph-json.md: the 2017 Astana talks."""
    g = nx.MultiDiGraph()
    g.add_node("IRN", **state("Iran", "IRN", ["Islamic Republic of Iran", "Tehran"], "Q794"))
    g.add_node("RUS", **state("Russia", "RUS", []))
    g.add_node("TUR", **state("Turkey", "TUR", ["Türkiye", "Ankara"]))
    g.add_node("KAZ", **state("Kazakhstan", "KAZ", []))
    unsc = state("UN Security Council", None, ["UNSC"])  # type: ignore[arg-type]
    g.add_node("UNSC", **{**unsc, "actor_type": "igo"})
    g.add_node(
        "person:sergei-lavrov",
        kind="actor",
        label="Sergei Lavrov",
        aliases=["Lavrov"],
        actor_type="person",
        iso3=None,
        title="Foreign Minister",
        affiliation="RUS",
        country="RUS",
        wikidata=None,
        provenance=[prov(ART2, 4, S4, 0.75, extractor="conflictgraph 0.1.0")],
    )
    talks_prov = [prov(ART1, 1, S1), prov(ART2, 2, S2, 0.8, evidence="date:clause")]
    g.add_node(
        TALKS,
        **event(
            "Astana talks",
            "046",
            "2017-01-23",
            "day",
            end="2017-01-24",
            time_text="on Monday and Tuesday",
            location="location:astana",
            support=2,
            provenance=talks_prov,
        ),
    )
    g.add_node(MOSCOW, **event("Moscow meeting", "043", "2016-12", "month", time_text="last month"))
    g.add_node(
        "location:astana",
        kind="location",
        label="Astana",
        aliases=["Nur-Sultan"],
        country="KAZ",
        provenance=[prov(ART1, 1, S1)],
    )
    g.add_node(
        "resolution:UNSC:2254",
        kind="resolution",
        label="UN Security Council Resolution 2254",
        aliases=["Resolution 2254"],
        code="UNSC 2254",
        issuer="UNSC",
        adopted="2015-12-18",
        provenance=[prov(ART2, 4, S4)],
    )
    g.add_node(
        ART1,
        kind="article",
        label="Syria peace talks end in Astana",
        aliases=[],
        title="Syria peace talks end in Astana",
        url="https://example.org/news/astana?id=1&lang=en",
        source="Example News",
        published="2017-01-28",
    )
    g.add_node(
        ART2,
        kind="article",
        label="Lavrov on Syria",
        aliases=[],
        title="Lavrov on Syria",
        url=None,
        source=None,
        published=None,
    )
    day = {"start": "2017-01-23", "end": "2017-01-24", "precision": "day"}
    month = {"start": "2016-12", "end": "2016-12", "precision": "month"}

    def participant(actor: str, target: str, role: str, when: dict, provenance: list) -> None:
        data = {"relation": "participant", "role": role, **when, "provenance": provenance}
        g.add_edge(actor, target, key=f"participant:{role}", **data)

    def link(source: str, target: str, relation: str, provenance: list, **extra: object) -> None:
        g.add_edge(source, target, key=relation, relation=relation, **extra, provenance=provenance)

    participant("IRN", TALKS, "organizer", day, [prov(ART1, 1, S1)])
    participant("IRN", TALKS, "mediator", day, [prov(ART2, 2, S2, 0.8)])
    participant("RUS", TALKS, "participant", day, [prov(ART1, 1, S1)])
    participant("TUR", TALKS, "participant", day, [prov(ART1, 1, S1), prov(ART2, 2, S2)])
    participant("IRN", MOSCOW, "mediator", month, [prov(ART1, 3, S3)])
    participant("RUS", MOSCOW, "participant", month, [prov(ART1, 3, S3)])
    link(TALKS, "location:astana", "held_in", [prov(ART1, 1, S1)])
    link(TALKS, "resolution:UNSC:2254", "references", [prov(ART2, 4, S4)], **day)
    link(TALKS, MOSCOW, "about", [prov(ART1, 3, S3, 0.6)])
    link(
        "person:sergei-lavrov",
        "RUS",
        "affiliated_with",
        [prov(ART2, 4, S4)],
        title="Foreign Minister",
        start="2017-01-28",
        end="2017-01-28",
        precision="day",
    )
    link("resolution:UNSC:2254", "UNSC", "issued_by", [prov(ART2, 4, S4)])
    link("location:astana", "KAZ", "located_in", [])
    link(TALKS, ART1, "reported_in", [prov(ART1, 1, S1)])
    link(TALKS, ART2, "reported_in", [prov(ART2, 2, S2)])
    link(MOSCOW, ART1, "reported_in", [prov(ART1, 3, S3)])
    return g


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """The Astana graph."""
    return astana_graph()


@pytest.fixture
def weird() -> nx.MultiDiGraph:
    """A node whose id, label and aliases hold quotes, markup, a newline, a tab and an emoji."""
    g = nx.MultiDiGraph()
    g.add_node(WEIRD, kind="actor", label=WEIRD, aliases=[WEIRD, "é"], actor_type="group")
    g.add_node(TALKS, kind="event", label="talks", aliases=[], start="2017-01-23")
    text = 'He said "<b>hi</b>"\n😀'
    g.add_edge(
        WEIRD,
        TALKS,
        key="participant:speaker",
        relation="participant",
        role="speaker",
        provenance=[prov(f"{WEIRD}-article", 0, text)],
    )
    return g


def canonical(g: nx.MultiDiGraph) -> str:
    """node-link JSON with nodes, edges and provenance lists sorted; JSON tells 1 from 1.0."""
    data = json.loads(json.dumps(nx.node_link_data(g, edges="edges")))  # a copy, nothing shared
    for item in (*data["nodes"], *data["edges"]):
        if isinstance(item.get("provenance"), list):
            item["provenance"].sort(key=lambda entry: json.dumps(entry, sort_keys=True))
    data["nodes"].sort(key=lambda node: node["id"])
    data["edges"].sort(key=lambda edge: (edge["source"], edge["target"], str(edge["key"])))
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)


def quad_count(ds: Dataset) -> int:
    """Quads in an rdflib Dataset, default graph included."""
    return sum(1 for _ in ds.quads((None, None, None, None)))


def merged_count(ds: Dataset) -> int:
    """Distinct triples over all graphs of an rdflib Dataset."""
    return len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})


# ---------------------------------------------------------------------------------------------
# Round trip


def test_round_trip_is_exact(small: nx.MultiDiGraph) -> None:
    back = from_rdf(to_rdf(small, generated_at=WHEN))
    assert canonical(back) == canonical(small)
    assert type(back.nodes[TALKS]["support"]) is int
    assert type(back.nodes[TALKS]["provenance"][0]["confidence"]) is float
    assert back.nodes["RUS"]["aliases"] == []
    assert back.nodes["TUR"]["aliases"] == ["Türkiye", "Ankara"]  # order kept
    assert set(back["IRN"][TALKS]) == {"participant:organizer", "participant:mediator"}


def test_round_trip_keeps_unusual_values() -> None:
    g = nx.MultiDiGraph(name="test graph", built={"articles": 2})
    g.add_node("x", kind="actor", label="X", extra=[1, {"a": None}], support="three")
    g.add_node("y", kind="hovercraft", label=None, aliases=["b", "a", "a"], provenance=[])
    g.add_node("z", label="no kind", aliases=None, provenance=None, precision="fortnight")
    g.add_node("w", kind="event", start="2017-W03", end="2017-02-30", precision="season")
    g.add_node("v", kind="actor", wikidata="not a qid", iso3=7, title=True, country=1.5)
    entry = {"article": None, "sentence": 0, "text": "t", "confidence": 1, "foo": [1]}
    g.add_edge("x", "y", relation="participant", role="negotiator", provenance=[entry, entry])
    g.add_edge("x", "y", key="custom", relation="allied_with", start=None, note="n")
    g.add_edge("x", "y", key=7, relation=None)
    g.add_edge("x", "z", key="bare", provenance=[entry])
    g.add_edge("z", "x", key="participant", relation="participant", role=None)
    back = from_rdf(to_rdf(g, generated_at=WHEN))
    assert canonical(back) == canonical(g)
    assert back.graph == g.graph
    assert set(back["x"]["y"]) == {0, 7, "custom"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_parses_in_rdflib_and_oxigraph(small: nx.MultiDiGraph, fmt: str) -> None:
    ds = to_rdf(small, generated_at=WHEN)
    text = FORMATS[fmt](small, generated_at=WHEN)
    parsed = parse_rdf(text, fmt)
    oxi = list(pyoxigraph.parse(text, format=OXIGRAPH_FORMAT[fmt]))
    if fmt in QUAD_FORMATS:
        assert quad_count(parsed) == len(oxi) == quad_count(ds)
        assert {q.graph_name for q in oxi if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)}
    else:
        assert quad_count(parsed) == len(oxi) == merged_count(ds)
    assert canonical(from_rdf(parsed)) == canonical(small)


def test_trig_has_one_named_graph_per_article(small: nx.MultiDiGraph) -> None:
    ds = parse_rdf(to_trig(small, generated_at=WHEN), "trig")
    named = {q[3] for q in ds.quads((None, None, None, None))} - {ds.default_graph.identifier}
    articles = {resource_iri("article", a) for a in (ART1, ART2)}
    assert named == {URIRef(f"{a}#graph") for a in articles}
    default = ds.default_graph
    for name in named:
        assert default.value(name, PROV.wasDerivedFrom) in articles
        assert default.value(name, PROV.generatedAtTime) == Literal(WHEN)
        agent = default.value(name, PROV.wasAttributedTo)
        assert str(default.value(agent, SDO.softwareVersion)) == __version__
    # Iran's mediation in Astana is stated by the second article only: its role node is there
    art1, art2 = (ds.graph(URIRef(f"{resource_iri('article', a)}#graph")) for a in (ART1, ART2))
    iran, talks = resource_iri("actor", "IRN"), resource_iri("event", TALKS)
    for graph, mediated in ((art1, False), (art2, True)):
        roles = [r for r in graph.objects(talks, SEM.hasActor) if (r, RDF.value, iran) in graph]
        assert any((r, SEM.roleType, CG.mediator) in graph for r in roles) is mediated
    assert {str(o) for o in art2.objects(None, PROV.value)} == {S2, S4}


def test_expected_turtle_is_isomorphic(small: nx.MultiDiGraph) -> None:
    expected = Graph().parse(DATA / "rdf-astana.ttl", format="turtle")
    actual = Graph().parse(data=to_turtle(small, generated_at=WHEN), format="turtle")
    assert isomorphic(actual, expected)


# ---------------------------------------------------------------------------------------------
# Hostile strings


def test_weird_ids_give_valid_ntriples(weird: nx.MultiDiGraph) -> None:
    text = to_ntriples(weird, generated_at=WHEN)
    oxi = list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_TRIPLES))
    parsed = parse_rdf(text, "nt")
    assert len(oxi) == quad_count(parsed) == merged_count(to_rdf(weird, generated_at=WHEN))
    subjects = {id_from_iri(str(q.subject.value)) for q in oxi if "/actor/" in q.subject.value}
    assert WEIRD in subjects
    assert canonical(from_rdf(parsed)) == canonical(weird)


@settings(max_examples=100, deadline=None)
@given(
    node_id=st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    label=st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    fmt=st.sampled_from(sorted(FORMATS)),
)
def test_any_text_round_trips(node_id: str, label: str, fmt: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node(node_id, kind="actor", label=label, aliases=[label])
    g.add_node("e", kind="event", label="e")
    entry = {"article": label, "sentence": 0, "text": label, "confidence": 0.5}
    g.add_edge(node_id, "e", key="participant", relation="participant", provenance=[entry])
    text = FORMATS[fmt](g, generated_at=WHEN)
    assert list(pyoxigraph.parse(text, format=OXIGRAPH_FORMAT[fmt]))
    assert canonical(from_rdf(parse_rdf(text, fmt))) == canonical(g)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=100, deadline=None)
@given(
    name=st.sampled_from(
        [
            *("label", "aliases", "provenance", "start", "precision", "support", "kind"),
            *("wikidata", "location", "url", "role", "relation", "confidence", "anything"),
        ]
    ),
    value=JSON,
    fmt=st.sampled_from(sorted(FORMATS)),
)
def test_any_json_value_round_trips(name: str, value: object, fmt: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node("n", **{"kind": "event", name: value})
    g.add_node("a", **{name: value})
    g.add_edge("n", "a", key="k", **{"relation": "participant", name: value})
    g.add_edge("a", "n", **{name: value})
    entry = {**prov(ART1, 0, "t"), name: value}
    g.add_edge("n", "a", key="held_in", relation="held_in", provenance=[entry])
    text = FORMATS[fmt](g, generated_at=WHEN)
    assert list(pyoxigraph.parse(text, format=OXIGRAPH_FORMAT[fmt]))
    assert canonical(from_rdf(parse_rdf(text, fmt))) == canonical(g)


# ---------------------------------------------------------------------------------------------
# Querying


MEDIATED = """
SELECT ?event ?begin WHERE {
    ?event a sem:Event ;
           sem:hasActor ?role ;
           sem:hasBeginTimeStamp ?begin .
    ?role a sem:Role ;
          rdf:value ?actor ;
          sem:roleType ?roleType .
}
ORDER BY STR(?begin)
"""


def test_sparql_finds_what_iran_mediated_in_date_order(small: nx.MultiDiGraph) -> None:
    ds = to_rdf(small, generated_at=WHEN)
    with quiet_rdflib():
        rows = list(
            ds.query(
                MEDIATED,
                initNs={"sem": SEM, "rdf": RDF},
                initBindings={"actor": resource_iri("actor", "IRN"), "roleType": CG.mediator},
            )
        )
    assert [(id_from_iri(row[0]), str(row[1])) for row in rows] == [
        (MOSCOW, "2016-12"),
        (TALKS, "2017-01-23"),
    ]
    assert [row[1].datatype for row in rows] == [XSD.gYearMonth, XSD.date]


def test_events_are_sem_events(small: nx.MultiDiGraph) -> None:
    ds = to_rdf(small, generated_at=WHEN)
    with quiet_rdflib():
        rows = ds.query("SELECT ?e WHERE { ?e a sem:Event }", initNs={"sem": SEM})
        events = {id_from_iri(row[0]) for row in rows}
        places = ds.query(
            "SELECT ?p WHERE { ?e sem:hasPlace ?p . ?p a sem:Place }", initNs={"sem": SEM}
        )
        assert [id_from_iri(row[0]) for row in places] == ["location:astana"]
    assert events == {TALKS, MOSCOW}


# ---------------------------------------------------------------------------------------------
# Writing


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_write_rdf_is_atomic(small: nx.MultiDiGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    path.write_text("old", encoding="utf-8")
    write_rdf(small, path, fmt, generated_at=WHEN)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert canonical(from_rdf(parse_rdf(path.read_text(encoding="utf-8"), fmt))) == canonical(small)


def test_write_rdf_rejects_unknown_format(small: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(RDFError, match="unknown RDF format"):
        write_rdf(small, tmp_path / "graph.xml", "xml")
    assert not list(tmp_path.iterdir())
