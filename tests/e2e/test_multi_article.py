"""Three reports of one Astana round (tests/data/astana3, our own texts) make one graph:
one Iran however it is named, one talks event reported three times, whatever the order."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from conflictgraph.build import build_graph
from conflictgraph.graph import ConflictGraph

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parents[1] / "data" / "astana3"
FILES = [DATA / "a.txt", DATA / "b.txt", DATA / "c.txt"]


def build(nlp, files: list[Path]) -> ConflictGraph:  # type: ignore[no-untyped-def]
    return build_graph(files, nlp=nlp).graph


def test_one_iran_and_one_talks_event_with_three_sources(nlp) -> None:  # type: ignore[no-untyped-def]
    g = build(nlp, FILES)
    iran = [n for n in g.nodes_of_kind("actor") if n.get("iso3") == "IRN"]
    assert len(iran) == 1
    assert {"Tehran", "Iranian delegation"} <= set(iran[0]["aliases"])
    talks = [n for n in g.nodes_of_kind("event") if n["cameo_root"] == "04"]
    assert len(talks) == 1
    (t,) = talks
    assert t["support"] == 3
    assert {p["article"] for p in t["provenance"]} == {
        "article:astana3-a",
        "article:astana3-b",
        "article:astana3-c",
    }
    assert (t["start"], t["end"]) == ("2017-01-23", "2017-01-24")
    assert g.g.nodes[t["location"]]["label"] == "Astana"
    sponsors = {
        g.g.nodes[s]["label"]
        for s, _, d in g.g.in_edges(t["id"], data=True)
        if d.get("role") == "organizer"
    }
    assert sponsors == {"Iran", "Russia", "Turkey"}


def test_order_and_repetition_do_not_change_the_graph(nlp) -> None:  # type: ignore[no-untyped-def]
    reference = json.loads(build(nlp, FILES).to_json())
    for order in itertools.permutations(FILES):
        assert json.loads(build(nlp, list(order)).to_json()) == reference
    assert json.loads(build(nlp, [*FILES, FILES[0]]).to_json()) == reference
