"""Python queries over the graph: each answers on the demo graph, leaves the graph unchanged,
names nodes forgivingly and fails clearly; and on the sample articles they agree with SPARQL."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from conflictgraph.errors import QueryError
from conflictgraph.graph import ConflictGraph
from conflictgraph.query import (
    actor_timeline,
    as_of,
    co_participation,
    connections,
    demo_graph,
    event_row,
    events,
    find_node,
    in_role,
    neighbourhood,
    referencing,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def G() -> ConflictGraph:
    return demo_graph()


def snapshot(g: ConflictGraph) -> str:
    return json.dumps(g.to_node_link(), sort_keys=True, default=str)


CALLS: list[tuple[str, Callable[[ConflictGraph], Any]]] = [
    ("timeline", lambda g: actor_timeline(g, actor="Russia")),
    ("events", lambda g: events(g, start="2016", end="2017", actor="Turkey")),
    ("as_of", lambda g: as_of(g, when="2016-12-31", known=True)),
    ("connections", lambda g: connections(g, a="Iran", b="Turkey")),
    ("in_role", lambda g: in_role(g, role="organizer")),
    ("referencing", lambda g: referencing(g, resolution="2254")),
    ("co_participation", lambda g: co_participation(g)),
    ("neighbourhood", lambda g: neighbourhood(g, node="Astana", depth=2)),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_queries_leave_the_graph_unchanged(G: ConflictGraph, name: str, call: Callable) -> None:
    before = snapshot(G)
    result = call(G)
    assert result
    if isinstance(result, nx.MultiDiGraph):  # changing the answer must not change the graph
        for _, d in result.nodes(data=True):
            d.get("provenance", []).clear()
            d["label"] = "changed"
    assert snapshot(G) == before
    assert call(G.g) == result or isinstance(result, nx.MultiDiGraph)


def test_find_node_by_id_label_alias_and_code(G: ConflictGraph) -> None:
    assert find_node(G, "state:RUS") == "state:RUS"
    assert find_node(G, "  russia ") == "state:RUS"
    assert find_node(G, "De Mistura") == "person:staffan-de-mistura"
    assert find_node(G, "unsc 2254") == "res:unsc-2254"
    assert find_node(G, "2254", kind="resolution") == "res:unsc-2254"


def test_unknown_and_ambiguous_names_are_clear_errors(G: ConflictGraph) -> None:
    with pytest.raises(QueryError) as err:
        find_node(G, "Rusia", kind="actor")
    assert err.value.code == "CG604" and "did you mean 'state:RUS'" in str(err.value)
    G.g.add_node("person:ivan-turkey", kind="actor", label="Ivan Turkey", aliases=[])
    G.g.add_node("state:TUR2", kind="actor", label="Turkey", aliases=[])
    with pytest.raises(QueryError) as err:
        find_node(G, "Turkey", kind="actor")
    assert err.value.code == "CG605" and "state:TUR" in str(err.value)
    with pytest.raises(QueryError) as err:
        events(G, start="last week")
    assert err.value.code == "CG606"


def test_timeline_orders_by_date_with_roles_and_filters(G: ConflictGraph) -> None:
    rows = actor_timeline(G, actor="Russia")
    assert [(r["start"], r["roles"]) for r in rows] == [
        ("2016-12-29", ["guarantor"]),
        ("2017-01-23", ["organizer"]),
    ]
    assert rows[1]["place"] == "Astana" and rows[1]["resolutions"] == ["UNSC 2254"]
    assert [r["label"] for r in actor_timeline(G, actor="Russia", role="organizer")] == [
        "Astana talks"
    ]
    assert actor_timeline(G, actor="Russia", start=date(2017, 2, 1)) == []
    assert actor_timeline(G, actor="Russia", status="planned") == []


def test_undated_events_come_last_in_a_timeline(G: ConflictGraph) -> None:
    G.g.add_node("event:x", kind="event", label="Undated talks", start=None, end=None)
    G.g.add_edge(
        "state:RUS",
        "event:x",
        key="participant:participant",
        relation="participant",
        role="participant",
    )
    rows = actor_timeline(G, actor="Russia")
    assert rows[-1]["event"] == "event:x"
    assert "event:x" not in [r["event"] for r in events(G, start="2000")]
    assert "event:x" in [r["event"] for r in events(G, start="2000", include_undated=True)]


def test_events_window_overlaps_at_any_precision(G: ConflictGraph) -> None:
    labels = [r["label"] for r in events(G, start="2016-12-30", end="2016-12-30")]
    assert labels == ["Security Council endorsement"]  # December 2016 contains the day
    assert [r["label"] for r in events(G, end="2016-12-02")] == ["Security Council endorsement"]
    assert [r["label"] for r in events(G, event_type="08")] == ["Ceasefire agreement"]
    assert [r["label"] for r in events(G, event_type="support")] == ["Security Council endorsement"]
    assert [r["label"] for r in events(G, place="Astana")] == ["Astana talks"]
    assert [r["label"] for r in events(G, actor="Turkey", role="guarantor")] == [
        "Ceasefire agreement"
    ]
    assert [r["label"] for r in events(G, role="mediator")] == ["Astana talks"]
    assert [r["label"] for r in events(G, resolution="UNSC 2254")] == ["Astana talks"]
    assert events(G, status=("planned", "refused")) == []


def test_event_row_lists_actors_by_role(G: ConflictGraph) -> None:
    row = event_row(G, "event:astana-talks")
    roles = [(a["role"], a["label"]) for a in row["actors"]]
    assert roles[:3] == [("organizer", "Iran"), ("organizer", "Russia"), ("organizer", "Turkey")]
    assert ("mediator", "Staffan de Mistura") in roles and ("host", "Kazakhstan") in roles
    assert row["articles"] == ["article:demo-20170124"] and row["support"] == 1


def test_as_of_drops_later_events_and_what_only_they_connect(G: ConflictGraph) -> None:
    h = as_of(G, when="2016-12-31")
    assert "event:astana-talks" not in h and "loc:KAZ:astana" not in h
    assert "state:RUS" in h and "state:IRN" not in h and "state:KAZ" not in h
    known = as_of(G, when="2016-12-31", known=True)
    assert "article:demo-20170124" not in known
    assert all(
        p["article"] == "article:demo-20161231"
        for _, d in known.nodes(data=True)
        for p in d.get("provenance") or []
    )
    assert as_of(G, when=date(2020, 1, 1)).number_of_nodes() == G.number_of_nodes()


def test_connections_shared_events_and_paths(G: ConflictGraph) -> None:
    c = connections(G, a="Russia", b="Turkey")
    assert [e["label"] for e in c["shared_events"]] == ["Ceasefire agreement", "Astana talks"]
    assert c["shared_events"][0]["roles"] == {
        "state:RUS": ["guarantor"],
        "state:TUR": ["guarantor"],
    }
    assert len(c["paths"][0]["nodes"]) == 3
    assert all(len(p["nodes"]) <= 5 for p in c["paths"])
    far = connections(G, a="UN Security Council", b="Kazakhstan", max_hops=4)
    assert far["shared_events"] == []
    assert far["paths"][0]["labels"][0] == "UN Security Council"
    assert not any("article:" in n for p in far["paths"] for n in p["nodes"])


def test_in_role_and_referencing(G: ConflictGraph) -> None:
    assert [(r["actor"], r["role"]) for r in in_role(G, role="guarantor")] == [
        ("state:RUS", "guarantor"),
        ("state:TUR", "guarantor"),
    ]
    assert [r["actor_label"] for r in in_role(G, role="organizer", actor="Iran")] == ["Iran"]
    direct = referencing(G, resolution="UNSC 2254", same_sentence=False)
    assert [(r["label"], r["how"]) for r in direct] == [("Astana talks", "references")]


def test_co_participation_counts_pairs(G: ConflictGraph) -> None:
    rows = co_participation(G)
    assert (rows[0]["a"], rows[0]["b"], rows[0]["events"]) == ("state:RUS", "state:TUR", 2)
    assert rows[0]["event_ids"] == ["event:ceasefire", "event:astana-talks"]
    assert co_participation(G, actors=["Iran", "Kazakhstan"])[0]["events"] == 1
    assert co_participation(G, min_events=3) == []
    assert len(co_participation(G, limit=2)) == 2


def test_neighbourhood_depth(G: ConflictGraph) -> None:
    assert sorted(neighbourhood(G, node="Astana", depth=0)) == ["loc:KAZ:astana"]
    one = neighbourhood(G, node="Astana", depth=1)
    assert sorted(one) == ["event:astana-talks", "loc:KAZ:astana", "state:KAZ"]
    two = neighbourhood(G, node="Astana", depth=2)
    assert "state:RUS" in two and not any(n.startswith("article:") for n in two)
    assert "article:demo-20170124" in neighbourhood(
        G, node="Astana", depth=2, through_articles=True
    )
    with pytest.raises(QueryError):
        neighbourhood(G, node="Astana", depth=-1)


def test_rejects_what_is_not_a_graph() -> None:
    with pytest.raises(QueryError):
        events(copy.deepcopy({"nodes": []}))  # type: ignore[arg-type]


@pytest.mark.model
def test_python_and_sparql_timelines_agree_on_the_sample(nlp: object) -> None:
    from conflictgraph.build import build_graph
    from conflictgraph.store.sparql import node_iri, records

    graph = build_graph([ROOT / "data" / "articles"], nlp=nlp).graph  # type: ignore[arg-type]
    for actor in ("state:RUS", "state:SYR", "igo:unsc"):
        python = {
            (r["event"], role) for r in actor_timeline(graph, actor=actor) for role in r["roles"]
        }
        rows = records(
            graph.sparql(
                "SELECT ?event ?role WHERE { ?r rdf:value ?actor ; sem:roleType ?t . "
                '?event sem:hasActor ?r . BIND(STRAFTER(STR(?t), "#") AS ?role) }',
                actor=node_iri(actor),
            )
        )
        assert python == {(r["event"], r["role"]) for r in rows}
        assert python
    pairs = co_participation(graph, limit=5)
    assert pairs[0]["events"] >= pairs[-1]["events"] >= 2
