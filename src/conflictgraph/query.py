"""Questions analysts ask, as free functions over the graph: ``f(G, *, ...)``.

``G`` is a :class:`~conflictgraph.graph.ConflictGraph` or its ``networkx.MultiDiGraph``; no
function changes it. Actors, places and resolutions can be named by node id, label, alias or
(resolutions) code, case-insensitively; an unknown or ambiguous name is a
:class:`~conflictgraph.errors.QueryError`. Dates are ISO strings at any precision
(``2017-01-24``, ``2016-12``, ``2016``) or :class:`datetime.date`; an event's dates are the
inclusive span its precision allows, so ``2016-12`` lies in a window ending ``2016-12-01``.

Rows are plain dicts (``pandas.DataFrame(rows)`` makes a table of them); subgraphs are new
``networkx.MultiDiGraph`` objects with copied attributes.

>>> G = demo_graph()
>>> for r in actor_timeline(G, actor="Turkey"):
...     print(r["start"], r["label"], r["roles"])
2016-12-29 Ceasefire agreement ['guarantor']
2017-01-23 Astana talks ['organizer']
"""

from __future__ import annotations

import calendar
import copy
import dataclasses
import difflib
import itertools
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from conflictgraph.errors import AMBIGUOUS_NODE, BAD_ARGUMENT, UNKNOWN_NODE, QueryError
from conflictgraph.graph import ConflictGraph
from conflictgraph.model import ROLE_ORDER

__all__ = [
    "actor_timeline",
    "as_of",
    "co_participation",
    "connections",
    "demo_extractions",
    "demo_graph",
    "event_row",
    "events",
    "find_node",
    "in_role",
    "neighbourhood",
    "referencing",
]

GraphLike = ConflictGraph | nx.MultiDiGraph
DateLike = date | str | None
Row = dict[str, Any]

_ROLE_ORDER = {str(r): i for i, r in enumerate(ROLE_ORDER)}


# ---------------------------------------------------------------------------------------------
# Helpers


def _nx(G: GraphLike) -> nx.MultiDiGraph:
    if isinstance(G, ConflictGraph):
        return G.g
    if isinstance(G, nx.MultiDiGraph):
        return G
    raise QueryError(f"expected a ConflictGraph or networkx.MultiDiGraph, not {type(G).__name__}")


def _day(value: DateLike, *, first: bool) -> date | None:
    """The first (or last) day of an ISO date at any precision."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        parts = [int(p) for p in str(value).split("-")[:3]]
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            y, m = parts
            return date(y, m, 1) if first else date(y, m, calendar.monthrange(y, m)[1])
        return date(parts[0], 1, 1) if first else date(parts[0], 12, 31)
    except (ValueError, TypeError) as exc:
        raise QueryError(f"'{value}' is not an ISO date", code=BAD_ARGUMENT) from exc


def _span(d: dict[str, Any]) -> tuple[date, date] | None:
    """The inclusive calendar span of a node's or edge's ``start``/``end``; None if undated."""
    start = d.get("start")
    if not start:
        return None
    lo = _day(start, first=True)
    hi = _day(d.get("end") or start, first=False)
    assert lo is not None and hi is not None
    return lo, hi


def _in_window(d: dict[str, Any], lo: date | None, hi: date | None, undated: bool) -> bool:
    span = _span(d)
    if span is None:
        return undated or (lo is None and hi is None)
    return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


def _sort_key(g: nx.MultiDiGraph, eid: str) -> tuple[int, date, date, str, str]:
    d = g.nodes[eid]
    span = _span(d)
    if span is None:
        return (1, date.max, date.max, d.get("label", ""), eid)
    return (0, span[0], span[1], d.get("label", ""), eid)


def _names(d: dict[str, Any]) -> list[str]:
    names = [d.get("label") or "", *(d.get("aliases") or [])]
    if d.get("code"):
        names.append(d["code"])
    return [" ".join(n.casefold().split()) for n in names if n]


def find_node(G: GraphLike, name: str, *, kind: str | Iterable[str] | None = None) -> str:
    """The id of the node named ``name`` (id, label, alias or code, any case).

    >>> find_node(demo_graph(), "de mistura")
    'person:staffan-de-mistura'
    >>> find_node(demo_graph(), "UNSC 2254", kind="resolution")
    'res:unsc-2254'
    """
    g = _nx(G)
    kinds = {kind} if isinstance(kind, str) else set(kind) if kind is not None else None

    def ok(n: str) -> bool:
        return kinds is None or g.nodes[n].get("kind") in kinds

    if name in g and ok(name):
        return name
    key = " ".join(name.casefold().split())
    candidates = [n for n in g if ok(n)]
    exact = sorted(n for n in candidates if _names(g.nodes[n])[:1] == [key])
    if len(exact) == 1:
        return exact[0]
    alias = sorted(n for n in candidates if key in _names(g.nodes[n]))
    if len(alias) == 1:
        return alias[0]
    partial = sorted(
        n
        for n in candidates
        if any(key in w.split() or w.endswith(key) for w in _names(g.nodes[n]))
    )
    hits = exact or alias or partial
    if len(hits) == 1:
        return hits[0]
    what = "/".join(sorted(kinds)) if kinds else "node"
    if hits:
        shown = ", ".join(f"{n} ({g.nodes[n].get('label')})" for n in hits[:8])
        raise QueryError(f"'{name}' names several {what}s: {shown}", code=AMBIGUOUS_NODE)
    labels = {w: n for n in candidates for w in _names(g.nodes[n])}
    near = difflib.get_close_matches(key, list(labels), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(labels[w]) for w in near)}?" if near else ""
    raise QueryError(f"no {what} named '{name}'{hint}", code=UNKNOWN_NODE)


def _place_ids(g: nx.MultiDiGraph, place: str) -> set[str]:
    """Locations that ``place`` names: the location itself, or every location in a state."""
    pid = find_node(g, place, kind=("location", "actor"))
    if g.nodes[pid].get("kind") == "location":
        return {pid}
    iso3 = g.nodes[pid].get("iso3")
    return {
        n
        for n, d in g.nodes(data=True)
        if d.get("kind") == "location"
        and ((iso3 and d.get("country") == iso3) or g.has_edge(n, pid, "located_in"))
    }


def _participants(g: nx.MultiDiGraph, eid: str) -> list[tuple[str, str]]:
    """(actor id, role) of every participation in an event."""
    return [
        (u, d.get("role") or "participant")
        for u, _, d in g.in_edges(eid, data=True)
        if d.get("relation") == "participant"
    ]


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def _articles(d: dict[str, Any]) -> list[str]:
    return sorted({p["article"] for p in d.get("provenance") or [] if p.get("article")})


def event_row(G: GraphLike, eid: str) -> Row:
    """One event as a flat dict: dates, type, status, place, actors with roles, resolutions.

    >>> row = event_row(demo_graph(), "event:astana-talks")
    >>> row["start"], row["place"], row["resolutions"]
    ('2017-01-23', 'Astana', ['UNSC 2254'])
    """
    g = _nx(G)
    d = g.nodes[eid]
    loc = d.get("location")
    actors = sorted(
        (
            {"id": u, "label": g.nodes[u].get("label"), "role": role}
            for u, role in _participants(g, eid)
        ),
        key=lambda a: (_ROLE_ORDER.get(a["role"], 99), a["label"] or "", a["id"]),
    )
    return {
        "event": eid,
        "start": d.get("start"),
        "end": d.get("end"),
        "precision": d.get("precision"),
        "event_type": d.get("event_type"),
        "plover": d.get("plover"),
        "label": d.get("label"),
        "status": d.get("status"),
        "place": g.nodes[loc].get("label") if loc in g else None,
        "location": loc,
        "actors": actors,
        "resolutions": sorted(
            g.nodes[v].get("code") or g.nodes[v].get("label")
            for _, v, k in g.out_edges(eid, keys=True)
            if k == "references"
        ),
        "support": d.get("support"),
        "articles": _articles(d),
    }


# ---------------------------------------------------------------------------------------------
# Queries


def actor_timeline(
    G: GraphLike,
    *,
    actor: str,
    role: str | Iterable[str] | None = None,
    start: DateLike = None,
    end: DateLike = None,
    status: str | Iterable[str] | None = None,
) -> list[Row]:
    """Every event an actor took part in, in date order (undated last), with its roles.

    >>> G = demo_graph()
    >>> for r in actor_timeline(G, actor="state:RUS"):
    ...     print(r["start"], r["roles"], r["label"])
    2016-12-29 ['guarantor'] Ceasefire agreement
    2017-01-23 ['organizer'] Astana talks
    >>> [r["label"] for r in actor_timeline(G, actor="Russia", start="2017")]
    ['Astana talks']
    """
    g = _nx(G)
    aid = find_node(g, actor, kind="actor")
    roles_wanted, statuses = _as_set(role), _as_set(status)
    lo, hi = _day(start, first=True), _day(end, first=False)
    roles: defaultdict[str, set[str]] = defaultdict(set)
    for _, eid, d in g.out_edges(aid, data=True):
        if d.get("relation") == "participant":
            roles[eid].add(d.get("role") or "participant")
    rows = []
    for eid in sorted(roles, key=lambda e: _sort_key(g, e)):
        if roles_wanted and not roles[eid] & roles_wanted:
            continue
        if statuses and g.nodes[eid].get("status") not in statuses:
            continue
        if not _in_window(g.nodes[eid], lo, hi, undated=False):
            continue
        row = event_row(g, eid)
        row["actor"] = aid
        row["roles"] = sorted(roles[eid], key=lambda r: (_ROLE_ORDER.get(r, 99), r))
        rows.append(row)
    return rows


def events(
    G: GraphLike,
    *,
    start: DateLike = None,
    end: DateLike = None,
    event_type: str | Iterable[str] | None = None,
    actor: str | None = None,
    role: str | Iterable[str] | None = None,
    place: str | None = None,
    status: str | Iterable[str] | None = None,
    resolution: str | None = None,
    include_undated: bool = False,
) -> list[Row]:
    """Events whose dates overlap ``[start, end]``, filtered, in date order.

    ``event_type`` matches a CAMEO code and its sub-codes (``"08"`` matches ``"0871"``) or a
    PLOVER type (``"CONSULT"``); ``place`` is a location, or a state for every place in it;
    ``role`` restricts ``actor`` (or, alone, any participant) to that role. Undated events are
    left out when a window is given, unless ``include_undated``.

    >>> G = demo_graph()
    >>> [r["label"] for r in events(G, start="2016-12", end="2016-12-31")]
    ['Security Council endorsement', 'Ceasefire agreement']
    >>> [r["label"] for r in events(G, event_type="CONSULT", place="Kazakhstan")]
    ['Astana talks']
    """
    g = _nx(G)
    lo, hi = _day(start, first=True), _day(end, first=False)
    types = {t.upper() for t in _as_set(event_type) or set()}
    statuses = _as_set(status)
    roles = _as_set(role)
    aid = find_node(g, actor, kind="actor") if actor else None
    places = _place_ids(g, place) if place else None
    rid = find_node(g, resolution, kind="resolution") if resolution else None
    out = []
    for eid, d in g.nodes(data=True):
        if d.get("kind") != "event":
            continue
        if not _in_window(d, lo, hi, include_undated):
            continue
        code, plover = d.get("event_type") or "", (d.get("plover") or "").upper()
        if types and not any(code.startswith(t) or plover == t for t in types):
            continue
        if statuses and d.get("status") not in statuses:
            continue
        if places is not None and d.get("location") not in places:
            continue
        if rid and not g.has_edge(eid, rid, "references"):
            continue
        parts = _participants(g, eid)
        if aid and not any(u == aid and (not roles or r in roles) for u, r in parts):
            continue
        if roles and not aid and not any(r in roles for _, r in parts):
            continue
        out.append(eid)
    return [event_row(g, e) for e in sorted(out, key=lambda e: _sort_key(g, e))]


def in_role(
    G: GraphLike,
    *,
    role: str | Iterable[str] = "mediator",
    actor: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
) -> list[Row]:
    """Who played a role (mediator, organizer, host, guarantor ...) in what, in date order.

    >>> for r in in_role(demo_graph(), role=("mediator", "host")):
    ...     print(r["start"], r["role"], r["actor_label"], "-", r["label"])
    2017-01-23 host Kazakhstan - Astana talks
    2017-01-23 mediator Staffan de Mistura - Astana talks
    """
    g = _nx(G)
    roles = _as_set(role) or set()
    aid = find_node(g, actor, kind="actor") if actor else None
    lo, hi = _day(start, first=True), _day(end, first=False)
    rows = []
    for u, eid, d in g.edges(data=True):
        if d.get("relation") != "participant" or (d.get("role") or "participant") not in roles:
            continue
        if (aid and u != aid) or not _in_window(g.nodes[eid], lo, hi, undated=False):
            continue
        e = g.nodes[eid]
        rows.append(
            {
                "actor": u,
                "actor_label": g.nodes[u].get("label"),
                "role": d.get("role"),
                "event": eid,
                "label": e.get("label"),
                "start": e.get("start"),
                "end": e.get("end"),
                "event_type": e.get("event_type"),
                "status": e.get("status"),
            }
        )
    return sorted(
        rows,
        key=lambda r: (_sort_key(g, r["event"]), _ROLE_ORDER.get(r["role"], 99), r["actor"]),
    )


def referencing(G: GraphLike, *, resolution: str, same_sentence: bool = True) -> list[Row]:
    """Events that reference a resolution or accord, in date order; with ``same_sentence``,
    also events stated in the same sentence as it (``how`` tells which).

    >>> for r in referencing(demo_graph(), resolution="UNSC 2254"):
    ...     print(r["start"], r["label"], "-", r["how"])
    2016-12 Security Council endorsement - same sentence
    2017-01-23 Astana talks - references
    """
    g = _nx(G)
    rid = find_node(g, resolution, kind="resolution")
    how: dict[str, str] = {}
    for eid, _, k in g.in_edges(rid, keys=True):
        if k == "references" and g.nodes[eid].get("kind") == "event":
            how[eid] = "references"
    if same_sentence:
        said = {(p["article"], p["sentence"]) for p in g.nodes[rid].get("provenance") or []}
        for eid, d in g.nodes(data=True):
            stated = {(p["article"], p["sentence"]) for p in d.get("provenance") or []}
            if d.get("kind") == "event" and eid not in how and stated & said:
                how[eid] = "same sentence"
    rows = []
    for eid in sorted(how, key=lambda e: _sort_key(g, e)):
        row = event_row(g, eid)
        row["how"] = how[eid]
        rows.append(row)
    return rows


def co_participation(
    G: GraphLike,
    *,
    actors: Iterable[str] | None = None,
    actor_type: str | Iterable[str] | None = None,
    start: DateLike = None,
    end: DateLike = None,
    status: str | Iterable[str] | None = None,
    min_events: int = 1,
    limit: int | None = None,
) -> list[Row]:
    """Pairs of actors and the number of events both took part in, most frequent first.

    >>> for r in co_participation(demo_graph(), actor_type="state", min_events=2):
    ...     print(r["a_label"], "+", r["b_label"], r["events"])
    Russia + Turkey 2
    """
    g = _nx(G)
    wanted = {find_node(g, a, kind="actor") for a in actors} if actors is not None else None
    types, statuses = _as_set(actor_type), _as_set(status)
    lo, hi = _day(start, first=True), _day(end, first=False)
    shared: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for eid, d in g.nodes(data=True):
        if d.get("kind") != "event" or (statuses and d.get("status") not in statuses):
            continue
        if not _in_window(d, lo, hi, undated=lo is None and hi is None):
            continue
        people = sorted(
            {
                u
                for u, _ in _participants(g, eid)
                if (wanted is None or u in wanted)
                and (types is None or g.nodes[u].get("actor_type") in types)
            }
        )
        for a, b in itertools.combinations(people, 2):
            shared[a, b].append(eid)
    rows = [
        {
            "a": a,
            "a_label": g.nodes[a].get("label"),
            "b": b,
            "b_label": g.nodes[b].get("label"),
            "events": len(evs),
            "event_ids": sorted(evs, key=lambda e: _sort_key(g, e)),
        }
        for (a, b), evs in shared.items()
        if len(evs) >= min_events
    ]
    rows.sort(key=lambda r: (-r["events"], r["a_label"] or "", r["b_label"] or "", r["a"], r["b"]))
    return rows[:limit] if limit is not None else rows


def connections(
    G: GraphLike,
    *,
    a: str,
    b: str,
    max_hops: int = 4,
    limit: int = 10,
    through_articles: bool = False,
) -> Row:
    """What connects two actors: the events both took part in (with each one's roles) and the
    shortest paths between them (up to ``limit`` paths of at most ``max_hops`` edges).

    >>> c = connections(demo_graph(), a="Iran", b="de Mistura")
    >>> [e["label"] for e in c["shared_events"]]
    ['Astana talks']
    >>> c["paths"][0]["labels"]
    ['Iran', 'Astana talks', 'Staffan de Mistura']
    """
    g = _nx(G)
    aid, bid = find_node(g, a), find_node(g, b)
    roles: dict[str, defaultdict[str, list[str]]] = {aid: defaultdict(list), bid: defaultdict(list)}
    for who in (aid, bid):
        for _, eid, d in g.out_edges(who, data=True):
            if d.get("relation") == "participant":
                roles[who][eid].append(d.get("role") or "participant")
    shared = []
    for eid in sorted(set(roles[aid]) & set(roles[bid]), key=lambda e: _sort_key(g, e)):
        row = event_row(g, eid)
        row["roles"] = {aid: sorted(roles[aid][eid]), bid: sorted(roles[bid][eid])}
        shared.append(row)
    view = _undirected(g, through_articles, keep={aid, bid})
    paths: list[Row] = []
    if aid != bid and nx.has_path(view, aid, bid):
        for path in nx.shortest_simple_paths(view, aid, bid):
            if len(path) - 1 > max_hops or len(paths) >= limit:
                break
            paths.append({"nodes": path, "labels": [g.nodes[n].get("label") for n in path]})
    return {"a": aid, "b": bid, "shared_events": shared, "paths": paths}


def _undirected(g: nx.MultiDiGraph, through_articles: bool, keep: set[str]) -> nx.Graph:
    view = nx.Graph()
    view.add_nodes_from(g)
    view.add_edges_from((u, v) for u, v in g.edges() if u != v)
    if not through_articles:
        view.remove_nodes_from(
            [n for n, d in g.nodes(data=True) if d.get("kind") == "article" and n not in keep]
        )
    return view


def neighbourhood(
    G: GraphLike, *, node: str, depth: int = 1, through_articles: bool = False
) -> nx.MultiDiGraph:
    """The subgraph of every node within ``depth`` edges of ``node`` (either direction);
    article nodes are left out unless ``through_articles`` (they link everything they report).

    >>> H = neighbourhood(demo_graph(), node="Staffan de Mistura", depth=1)
    >>> sorted(H)
    ['event:astana-talks', 'igo:un', 'person:staffan-de-mistura']
    """
    if depth < 0:
        raise QueryError("depth must be 0 or more", code=BAD_ARGUMENT)
    g = _nx(G)
    nid = find_node(g, node)
    view = _undirected(g, through_articles, keep={nid})
    reach = nx.single_source_shortest_path_length(view, nid, cutoff=depth)
    return _copy(g.subgraph(reach))


def as_of(
    G: GraphLike, *, when: DateLike, known: bool = False, include_undated: bool = False
) -> nx.MultiDiGraph:
    """The graph as it stood on a date: events that had begun by then (and what they connect).

    With ``known``, the graph as it was *known* on that date: only facts reported by articles
    published by then, each with only that evidence (``support`` recounted).

    >>> G = demo_graph()
    >>> sorted(n for n, d in as_of(G, when="2016-12-31").nodes(data=True) if d["kind"] == "event")
    ['event:ceasefire', 'event:unsc-endorsement']
    >>> H = as_of(G, when="2016-12-31", known=True)
    >>> H.nodes["event:ceasefire"]["support"], G.g.nodes["event:ceasefire"]["support"]
    (1, 2)
    """
    g = _nx(G)
    day = _day(when, first=False)
    if day is None:
        raise QueryError("as_of needs a date", code=BAD_ARGUMENT)
    h = _copy(g)
    drop = [
        n
        for n, d in h.nodes(data=True)
        if d.get("kind") == "event"
        and ((_span(d) is None and not include_undated) or (_span(d) or (day, day))[0] > day)
    ]
    if known:
        visible = {
            n
            for n, d in g.nodes(data=True)
            if d.get("kind") == "article"
            and d.get("published")
            and (_day(d["published"], first=True) or date.max) <= day
        }
        drop += [
            n for n, d in h.nodes(data=True) if d.get("kind") == "article" and n not in visible
        ]
        for n, d in h.nodes(data=True):
            if d.get("kind") != "article" and not _keep_evidence(d, visible):
                drop.append(n)
        for u, v, k, d in list(h.edges(keys=True, data=True)):
            if not _keep_evidence(d, visible):
                h.remove_edge(u, v, k)
    h.remove_nodes_from(set(drop))
    for u, v, k, d in list(h.edges(keys=True, data=True)):
        span = _span(d)
        if span is not None and span[0] > day:
            h.remove_edge(u, v, k)
    # What only the dropped events connected goes too: parts left without any event.
    for part in list(nx.weakly_connected_components(h)):
        if not any(h.nodes[n].get("kind") == "event" for n in part) and all(
            g.degree(n) > 0 for n in part
        ):
            h.remove_nodes_from(part)
    return h


def _keep_evidence(d: dict[str, Any], visible: set[str]) -> bool:
    """Trim a provenance list to visible articles; False when nothing is left to support it."""
    provs = d.get("provenance")
    if not provs:
        return True
    kept = [p for p in provs if p.get("article") in visible]
    d["provenance"] = kept
    if "support" in d:
        d["support"] = len({p["article"] for p in kept})
    return bool(kept)


def _copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph with deep-copied attributes (so that changing it never changes ``g``)."""
    h = nx.MultiDiGraph()
    h.graph.update(copy.deepcopy(g.graph))
    h.add_nodes_from((n, copy.deepcopy(d)) for n, d in g.nodes(data=True))
    h.add_edges_from((u, v, k, copy.deepcopy(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return h


# ---------------------------------------------------------------------------------------------
# A small graph for examples, doctests and tests


def demo_extractions() -> list[Any]:
    """Two hand-made article extractions about the Syrian ceasefire and the Astana talks."""
    from conflictgraph.model import (
        Actor,
        ActorType,
        Article,
        ArticleExtraction,
        Edge,
        Event,
        EventStatus,
        Location,
        Precision,
        Provenance,
        Relation,
        Resolution,
        Role,
        TimeValue,
    )

    def day(s: str, text: str) -> TimeValue:
        d = date.fromisoformat(s)
        return TimeValue(d, d, Precision.DAY, text)

    a1 = Article(
        id="demo-20161231",
        title="Security Council backs Syria ceasefire",
        text=(
            "Russia and Turkey agreed a nationwide ceasefire in Syria on Thursday. "
            "The UN Security Council endorsed the ceasefire in December, citing Resolution 2254."
        ),
        source="demo",
        published=date(2016, 12, 31),
    )
    a2 = Article(
        id="demo-20170124",
        title="Astana talks conclude",
        text=(
            "Russia, Turkey and Iran organised talks in Astana from 23 to 24 January, hosted by "
            "Kazakhstan and mediated by UN envoy Staffan de Mistura, on the basis of Resolution "
            "2254. The talks built on the ceasefire Russia and Turkey agreed on 29 December."
        ),
        source="demo",
        published=date(2017, 1, 24),
    )

    def prov(article: Article, sentence: int) -> tuple[Provenance, ...]:
        sentences = article.text.split(". ")
        start = sum(len(s) + 2 for s in sentences[:sentence])
        text = sentences[sentence]
        return (Provenance(f"article:{article.id}", sentence, start, start + len(text), text, 0.9),)

    def state(iso3: str, label: str, article: Article, sentence: int) -> Actor:
        return Actor(
            f"state:{iso3}", label, ActorType.STATE, iso3=iso3, provenance=prov(article, sentence)
        )

    def part(actor: str, event: str, role: Role, p: tuple[Provenance, ...]) -> Edge:
        return Edge(actor, event, Relation.PARTICIPANT, role, provenance=p)

    unsc = Actor("igo:unsc", "UN Security Council", ActorType.IGO, provenance=prov(a1, 1))
    r2254 = Resolution(
        "res:unsc-2254", "UNSC 2254", "UN Security Council Resolution 2254", issuer="igo:unsc"
    )
    ceasefire1 = Event(
        "event:ceasefire",
        "Ceasefire agreement",
        "0871",
        day("2016-12-29", "on Thursday"),
        plover="RETREAT",
        provenance=prov(a1, 0),
    )
    endorse = Event(
        "event:unsc-endorsement",
        "Security Council endorsement",
        "051",
        TimeValue(date(2016, 12, 1), date(2016, 12, 31), Precision.MONTH, "in December"),
        plover="SUPPORT",
        provenance=prov(a1, 1),
    )
    ex1 = ArticleExtraction(
        a1,
        actors=(state("RUS", "Russia", a1, 0), state("TUR", "Turkey", a1, 0), unsc),
        events=(ceasefire1, endorse),
        resolutions=(dataclasses.replace(r2254, provenance=prov(a1, 1)),),
        edges=(
            part("state:RUS", "event:ceasefire", Role.GUARANTOR, prov(a1, 0)),
            part("state:TUR", "event:ceasefire", Role.GUARANTOR, prov(a1, 0)),
            part("igo:unsc", "event:unsc-endorsement", Role.SOURCE, prov(a1, 1)),
            Edge(
                "event:unsc-endorsement", "event:ceasefire", Relation.ABOUT, provenance=prov(a1, 1)
            ),
            Edge("res:unsc-2254", "igo:unsc", Relation.ISSUED_BY, provenance=prov(a1, 1)),
            Edge(
                "event:ceasefire",
                "article:demo-20161231",
                Relation.REPORTED_IN,
                provenance=prov(a1, 0),
            ),
            Edge(
                "event:unsc-endorsement",
                "article:demo-20161231",
                Relation.REPORTED_IN,
                provenance=prov(a1, 1),
            ),
        ),
    )
    astana = Location("loc:KAZ:astana", "Astana", "KAZ", provenance=prov(a2, 0))
    talks = Event(
        "event:astana-talks",
        "Astana talks",
        "046",
        TimeValue(date(2017, 1, 23), date(2017, 1, 24), Precision.DAY, "from 23 to 24 January"),
        location="loc:KAZ:astana",
        plover="CONSULT",
        provenance=prov(a2, 0),
    )
    ceasefire2 = Event(
        "event:ceasefire",
        "Ceasefire",
        "0871",
        day("2016-12-29", "on 29 December"),
        status=EventStatus.OCCURRED,
        plover="RETREAT",
        provenance=prov(a2, 1),
    )
    envoy = Actor(
        "person:staffan-de-mistura",
        "Staffan de Mistura",
        ActorType.PERSON,
        title="UN Special Envoy for Syria",
        affiliation="igo:un",
        provenance=prov(a2, 0),
    )
    un = Actor("igo:un", "United Nations", ActorType.IGO, provenance=prov(a2, 0))
    p0 = prov(a2, 0)
    ex2 = ArticleExtraction(
        a2,
        actors=(
            state("RUS", "Russia", a2, 0),
            state("TUR", "Turkey", a2, 0),
            state("IRN", "Iran", a2, 0),
            state("KAZ", "Kazakhstan", a2, 0),
            envoy,
            un,
        ),
        events=(talks, ceasefire2),
        locations=(astana,),
        resolutions=(dataclasses.replace(r2254, provenance=p0),),
        edges=(
            part("state:RUS", "event:astana-talks", Role.ORGANIZER, p0),
            part("state:TUR", "event:astana-talks", Role.ORGANIZER, p0),
            part("state:IRN", "event:astana-talks", Role.ORGANIZER, p0),
            part("state:KAZ", "event:astana-talks", Role.HOST, p0),
            part("person:staffan-de-mistura", "event:astana-talks", Role.MEDIATOR, p0),
            part("state:RUS", "event:ceasefire", Role.GUARANTOR, prov(a2, 1)),
            part("state:TUR", "event:ceasefire", Role.GUARANTOR, prov(a2, 1)),
            Edge("event:astana-talks", "loc:KAZ:astana", Relation.HELD_IN, provenance=p0),
            Edge("event:astana-talks", "res:unsc-2254", Relation.REFERENCES, provenance=p0),
            Edge("event:astana-talks", "event:ceasefire", Relation.ABOUT, provenance=prov(a2, 1)),
            Edge("person:staffan-de-mistura", "igo:un", Relation.AFFILIATED_WITH, provenance=p0),
            Edge("loc:KAZ:astana", "state:KAZ", Relation.LOCATED_IN, provenance=p0),
            Edge(
                "event:astana-talks", "article:demo-20170124", Relation.REPORTED_IN, provenance=p0
            ),
            Edge(
                "event:ceasefire",
                "article:demo-20170124",
                Relation.REPORTED_IN,
                provenance=prov(a2, 1),
            ),
        ),
    )
    return [ex1, ex2]


def demo_graph() -> ConflictGraph:
    """The graph of :func:`demo_extractions`, merged as ``build_graph`` merges.

    >>> demo_graph().counts()["event"]
    3
    """
    graph = ConflictGraph()
    for ex in demo_extractions():
        graph.add_extraction(ex)
    graph.consolidate_people()
    graph.consolidate_events()
    return graph
