"""The seed article end to end, against the facts an analyst reads out of it
(``../shared/seed/astana-2017-01-28.expected.json``): every ``must`` fact, no ``must_not``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conflictgraph.build import BuildResult, build_graph

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
EXPECTED = SEED / "astana-2017-01-28.expected.json"

pytestmark = [
    pytest.mark.model,
    pytest.mark.shared,
    pytest.mark.skipif(not EXPECTED.exists(), reason="../shared/seed is not present (fresh clone)"),
]


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(nlp) -> BuildResult:  # type: ignore[no-untyped-def]
    return build_graph([SEED / "astana-2017-01-28.txt"], nlp=nlp)


def nodes(built: BuildResult, kind: str) -> list[dict[str, Any]]:
    return built.graph.nodes_of_kind(kind)


def names(node: dict[str, Any]) -> set[str]:
    return {node["label"].lower(), *(a.lower() for a in node.get("aliases", []))}


def find_actor(built: BuildResult, name: str) -> dict[str, Any] | None:
    hits = [n for n in nodes(built, "actor") if name.lower() in names(n)]
    return hits[0] if hits else None


def iso3_of(built: BuildResult, actor_id: str | None) -> str | None:
    if actor_id is None or actor_id not in built.graph.g:
        return None
    n = built.graph.g.nodes[actor_id]
    return n.get("iso3") or n["label"]


def title_matches(title: str | None, expected: str) -> bool:
    """The office's head word (Minister, Envoy, Undersecretary) and a 'Deputy' must agree."""
    if not title:
        return False
    t = title.lower()
    head = re.split(r",| for | on ", expected.lower())[0].split()[-1]
    return head in t and (("deputy" in expected.lower()) == ("deputy" in t))


def check_actor(built: BuildResult, exp: dict[str, Any]) -> str | None:
    """None when the expected actor is in the graph as described, else what is wrong."""
    node = find_actor(built, exp["name"])
    if node is None:
        return f"{exp['name']}: no actor with this label or alias"
    if node["actor_type"] != exp["kind"]:
        return f"{exp['name']}: actor_type {node['actor_type']} != {exp['kind']}"
    if "iso3" in exp and node.get("iso3") != exp["iso3"]:
        return f"{exp['name']}: iso3 {node.get('iso3')} != {exp['iso3']}"
    if "country" in exp and node.get("country") != exp["country"]:
        return f"{exp['name']}: country {node.get('country')} != {exp['country']}"
    if "affiliation" in exp:
        aff = node.get("affiliation")
        got = iso3_of(built, aff)
        if got != exp["affiliation"] and not (
            aff
            and find_actor(built, exp["affiliation"]) is not None
            and find_actor(built, exp["affiliation"])["id"] == aff
        ):
            return f"{exp['name']}: affiliation {aff} != {exp['affiliation']}"
    if "role" in exp and not title_matches(node.get("title"), exp["role"]):
        return f"{exp['name']}: title {node.get('title')!r} does not match {exp['role']!r}"
    for alias in exp.get("aliases", []):
        if alias.lower() not in names(node) and alias.lower() != "his russian counterpart":
            return f"{exp['name']}: alias {alias!r} missing"
    return None


def roots_of(type_text: str) -> set[str]:
    return {c[:2] for c in re.findall(r"\b(\d{2,4})\b", type_text)}


def event_candidates(built: BuildResult, exp: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    g = built.graph.g
    for ev in nodes(built, "event"):
        if ev["cameo_root"] not in roots_of(exp["type"]):
            continue
        parts: dict[str, set[str]] = {}
        for src, _, d in g.in_edges(ev["id"], data=True):
            if d["relation"] == "participant":
                parts.setdefault(src, set()).add(d["role"])
        ev = {**ev, "_parts": parts}
        out.append(ev)
    return out


def check_event(built: BuildResult, exp: dict[str, Any]) -> str | None:
    problems = []
    for ev in event_candidates(built, exp):
        why = event_mismatch(built, ev, exp)
        if why is None:
            return None
        problems.append(f"{ev['label']}: {why}")
    return f"{exp['label']}: " + ("; ".join(problems) or "no event of that type")


def event_mismatch(built: BuildResult, ev: dict[str, Any], exp: dict[str, Any]) -> str | None:
    if "start" in exp and (ev["start"], ev["end"]) != (exp["start"], exp["end"]):
        return f"dates {ev['start']}..{ev['end']}"
    if "date" in exp and not (ev["start"] == exp["date"] and ev["precision"] == exp["precision"]):
        return f"date {ev['start']} ({ev['precision']})"
    if "not_before" in exp and (ev["start"] is None or ev["start"] < exp["not_before"]):
        return f"date {ev['start']} before {exp['not_before']}"
    if "location" in exp:
        loc = ev.get("location")
        if not loc or built.graph.g.nodes[loc]["label"] != exp["location"]:
            return f"location {loc}"
    for name, roles in exp.get("participants", {}).items():
        actor = find_actor(built, name)
        if actor is None or actor["id"] not in ev["_parts"]:
            return f"participant {name} missing"
        want = {r.strip() for r in roles.split(",")}
        if not want <= ev["_parts"][actor["id"]]:
            return f"{name} roles {ev['_parts'][actor['id']]} lack {want}"
    return None


def test_must_actors(built: BuildResult, expected: dict[str, Any]) -> None:
    problems = [p for exp in expected["actors"]["must"] if (p := check_actor(built, exp))]
    assert not problems, "\n".join(problems)


def test_must_locations_and_resolutions(built: BuildResult, expected: dict[str, Any]) -> None:
    locs = {n["label"]: n for n in nodes(built, "location")}
    for exp in expected["locations"]["must"]:
        assert exp["name"] in locs, f"location {exp['name']} missing"
        assert locs[exp["name"]]["country"] == exp["country"]
    res = {n["code"]: n for n in nodes(built, "resolution")}
    for exp in expected["resolutions"]["must"]:
        assert exp["id"] in res, f"resolution {exp['id']} missing"
        node = res[exp["id"]]
        for alias in exp["aliases"]:
            assert alias.lower() in names(node) or any(alias.lower() in n for n in names(node))
        issuer = built.graph.g.nodes[node["issuer"]]
        assert exp["issuer"].lower() in names(issuer)


def test_must_events(built: BuildResult, expected: dict[str, Any]) -> None:
    problems = [p for exp in expected["events"]["must"] if (p := check_event(built, exp))]
    assert not problems, "\n".join(problems)


def test_must_edges(built: BuildResult, expected: dict[str, Any]) -> None:
    g = built.graph.g
    talks_exp = expected["events"]["must"][0]
    talks = [
        ev
        for ev in event_candidates(built, talks_exp)
        if event_mismatch(built, ev, talks_exp) is None
    ]
    assert talks, "no Astana talks event"
    tid = talks[0]["id"]
    assert any(
        g.nodes[t]["label"] == "Astana"
        for _, t, d in g.out_edges(tid, data=True)
        if d["relation"] == "held_in"
    )
    call_exp = expected["events"]["must"][1]
    calls = [
        ev["id"]
        for ev in event_candidates(built, call_exp)
        if event_mismatch(built, ev, call_exp) is None
    ]
    refs = [
        s
        for s, t, d in g.edges(data=True)
        if d["relation"] == "references" and g.nodes[t].get("code") == "UNSC 2254"
    ]
    assert set(refs) & {tid, *calls}, f"UNSC 2254 referenced by {refs}"
    for state in ("Iran", "Russia", "Turkey"):
        actor = find_actor(built, state)
        assert actor is not None
        edges = [
            d for _, _, d in g.out_edges(actor["id"], data=True) if d["relation"] == "participant"
        ]
        on_talks = [d for (s, t, d) in g.out_edges(actor["id"], data=True) if t == tid]
        assert on_talks and edges, f"{state} has no edge to the talks"
        assert all(
            d["start"] == "2017-01-23" and d["end"] == "2017-01-24" and d["role"] for d in on_talks
        )


def test_must_not(built: BuildResult) -> None:
    g = built.graph.g
    boiler = ["news", "politics", "share this article", "press tv news roku", "www.presstv.co.uk"]
    for _, d in g.nodes(data=True):
        if d["kind"] == "article":
            continue
        assert not names(d) & set(boiler), f"boilerplate node {d['label']}"
        assert "presstv" not in d["label"].lower()
    afp = find_actor(built, "AFP")
    assert afp is None or not [
        1 for _, _, e in g.out_edges(afp["id"], data=True) if e["relation"] == "participant"
    ]
    for ev in nodes(built, "event"):
        assert ev.get("time_text") not in {
            "six months",
            "18 months",
            "within six months",
            "within 18 months",
        }
        for p in ev["provenance"]:
            if p.get("evidence") == "date:published-fallback":
                assert not re.search(
                    r"\b(January|December|August|Saturday|[Ll]ast month)\b", p["text"]
                ), f"{ev['label']} took the publication date although its sentence has a date"


def test_should_facts(built: BuildResult, expected: dict[str, Any]) -> None:
    """The 'should' facts: every actor and at least four of the five events (printed with -s)."""
    actors = sum(check_actor(built, e) is None for e in expected["actors"]["should"])
    events = sum(check_event(built, e) is None for e in expected["events"]["should"])
    print(
        f"\nshould: actors {actors}/{len(expected['actors']['should'])}, "
        f"events {events}/{len(expected['events']['should'])}"
    )
    assert actors == len(expected["actors"]["should"])
    assert events >= 4
