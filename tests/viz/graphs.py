"""Small hand-built graphs shaped like docs/graph-json.md (the Astana talks article)."""

from __future__ import annotations

from typing import Any

import networkx as nx

ARTICLE = "a1f3c9e0b2d4a6c8e"
URL = "https://www.presstv.com/Detail/2017/01/28/507745/Iran-Russia-Astana"
XSS_LABEL = "<img src=x onerror=window.__pwned=1>"
XSS_SENTENCE = "<script>window.__pwned=1</script>"


def prov(text: str, confidence: float = 0.9, sentence: int = 0) -> list[dict[str, Any]]:
    """One provenance entry from the fixture article."""
    return [
        {
            "article": ARTICLE,
            "sentence": sentence,
            "char_start": 0,
            "char_end": len(text),
            "text": text,
            "confidence": confidence,
        }
    ]


def actor(g: nx.MultiDiGraph, nid: str, label: str, actor_type: str, **extra: Any) -> None:
    """Add an actor node with every attribute the docs list."""
    attrs = {"iso3": None, "title": None, "affiliation": None, "country": None, "wikidata": None}
    attrs.update(extra)
    g.add_node(
        nid,
        id=nid,
        kind="actor",
        label=label,
        aliases=attrs.pop("aliases", []),
        provenance=prov(f"{label} was mentioned."),
        actor_type=actor_type,
        **attrs,
    )


def event(
    g: nx.MultiDiGraph, nid: str, label: str, start: str | None, end: str | None, **kw: Any
) -> None:
    """Add an event node."""
    attrs: dict[str, Any] = {
        "event_type": "046",
        "cameo_root": "04",
        "plover": "CONSULT",
        "start": start,
        "end": end,
        "precision": kw.pop("precision", "day" if start else None),
        "time_text": kw.pop("time_text", None),
        "location": None,
        "status": "occurred",
        "support": 1,
    }
    attrs.update(kw)
    g.add_node(
        nid,
        id=nid,
        kind="event",
        label=label,
        aliases=[],
        provenance=prov(kw.get("sentence", f"{label} happened."), 0.8, 3),
        **attrs,
    )


def participant(g: nx.MultiDiGraph, a: str, e: str, role: str) -> None:
    """actor → event, dated like the event."""
    ev = g.nodes[e]
    g.add_edge(
        a,
        e,
        key=f"participant:{role}",
        relation="participant",
        role=role,
        start=ev["start"],
        end=ev["end"],
        precision=ev["precision"],
        provenance=prov(f"{g.nodes[a]['label']} took part in {ev['label']}."),
    )


def build_astana() -> nx.MultiDiGraph:
    """Iran, Russia, Turkey, Lavrov; the Astana talks and the Aleppo deal; Astana; UNSC 2254."""
    g = nx.MultiDiGraph()
    actor(g, "actor:IRN", "Iran", "state", iso3="IRN", aliases=["Iranian", "Tehran"])
    actor(g, "actor:RUS", "Russia", "state", iso3="RUS", aliases=["Russian", "Moscow"])
    actor(g, "actor:TUR", "Turkey", "state", iso3="TUR", aliases=["Turkish", "Ankara"])
    actor(
        g,
        "actor:sergei-lavrov",
        "Sergei Lavrov",
        "person",
        title="Foreign Minister",
        affiliation="actor:RUS",
        country="RUS",
        wikidata="Q152524",
        aliases=["Lavrov", "his Russian counterpart"],
    )
    g.add_node(
        "location:astana",
        id="location:astana",
        kind="location",
        label="Astana",
        aliases=["Nur-Sultan"],
        provenance=prov("The talks concluded in Astana on January 24."),
        country="KAZ",
    )
    g.add_node(
        "resolution:unsc-2254",
        id="resolution:unsc-2254",
        kind="resolution",
        label="UNSC 2254",
        aliases=["Resolution 2254"],
        provenance=prov("in line with UN Security Council Resolution 2254"),
        code="UNSC 2254",
        issuer=None,
        adopted="2015-12-18",
    )
    g.add_node(
        ARTICLE,
        id=ARTICLE,
        kind="article",
        label="Iran, Russia say Astana talks efficient platform for Syria crisis settlement",
        aliases=[],
        provenance=[],
        title="Iran, Russia say Astana talks efficient platform for Syria crisis settlement",
        url=URL,
        source="Press TV",
        published="2017-01-28",
    )
    event(
        g,
        "event:astana-talks",
        "Astana talks",
        "2017-01-23",
        "2017-01-24",
        location="location:astana",
        time_text="January 24",
        sentence="the two-day intra-Syrian talks which concluded in Astana on January 24",
        support=1,
    )
    event(
        g,
        "event:aleppo-deal",
        "Aleppo evacuation deal",
        "2016-12",
        "2016-12",
        precision="month",
        event_type="057",
        cameo_root="05",
        plover="AGREE",
        time_text="last month",
        sentence="the evacuation deal for Aleppo reached last month",
    )
    for a in ("actor:IRN", "actor:RUS", "actor:TUR"):
        participant(g, a, "event:astana-talks", "mediator")
        participant(g, a, "event:aleppo-deal", "guarantor")
    participant(g, "actor:sergei-lavrov", "event:astana-talks", "speaker")
    g.add_edge(
        "event:astana-talks",
        "location:astana",
        key="held_in",
        relation="held_in",
        provenance=prov("The talks concluded in Astana on January 24."),
    )
    g.add_edge(
        "event:astana-talks",
        "resolution:unsc-2254",
        key="references",
        relation="references",
        start="2017-01-23",
        end="2017-01-24",
        precision="day",
        provenance=prov("in line with UN Security Council Resolution 2254"),
    )
    g.add_edge(
        "actor:sergei-lavrov",
        "actor:RUS",
        key="affiliated_with",
        relation="affiliated_with",
        title="Foreign Minister",
        start="2017-01-28",
        end="2017-01-28",
        precision="day",
        provenance=prov("Russian Foreign Minister Sergei Lavrov said"),
    )
    for e in ("event:astana-talks", "event:aleppo-deal"):
        g.add_edge(e, ARTICLE, key="reported_in", relation="reported_in", provenance=[])
    return g


def build_hostile() -> nx.MultiDiGraph:
    """The Astana graph plus a node whose label and evidence are HTML/script injections."""
    g = build_astana()
    actor(g, "actor:evil", XSS_LABEL, "group", aliases=["</script><script>alert(1)</script>"])
    g.nodes["actor:evil"]["provenance"] = prov(XSS_SENTENCE, 0.5)
    participant(g, "actor:evil", "event:aleppo-deal", "participant")
    g.nodes[ARTICLE]["url"] = "javascript:window.__pwned=1"
    return g
