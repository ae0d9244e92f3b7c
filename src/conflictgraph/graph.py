"""The conflict graph: a ``networkx.MultiDiGraph`` of actors, events, resolutions, places and
articles whose attributes are the plain JSON values of ``docs/graph-json.md``.

Merging is deterministic: the same facts from several articles land on one node, with every
provenance kept; a date conflict between sources is kept and flagged, never overwritten.
"""

from __future__ import annotations

import bisect
import calendar
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from conflictgraph.model import (
    Actor,
    ArticleExtraction,
    Edge,
    Event,
    Location,
    NodeKind,
    Provenance,
    Resolution,
    TimeValue,
)
from conflictgraph.resolve import identity

__all__ = ["ConflictGraph"]

_PRECISION_RANK = {
    "day": 0,
    "week": 1,
    "month": 2,
    "season": 3,
    "quarter": 4,
    "year": 5,
    "decade": 6,
}


def _prov_list(provs: Iterable[Provenance]) -> list[dict[str, Any]]:
    return [p.to_dict() for p in provs]


def _prov_key(p: dict[str, Any]) -> tuple[str, int, str]:
    return (p["article"], p["sentence"], p.get("evidence", ""))


def _merge_prov(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {(p["article"], p["sentence"], p.get("evidence", "")) for p in old}
    out = list(old)
    for p in new:
        key = (p["article"], p["sentence"], p.get("evidence", ""))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return sorted(out, key=lambda p: (p["article"], p["sentence"], p.get("evidence", "")))


_PARTICLES = {"de", "al", "van", "von", "la", "el", "bin", "ibn", "abu", "da", "di", "du"}


def _name_words(label: str) -> list[str]:
    return label.lower().replace("-", " ").split()


def _support(provenance: list[dict[str, Any]]) -> int:
    """How many distinct articles report a node or an edge."""
    return len({p["article"] for p in provenance})


def _bounds(d: dict[str, Any]) -> tuple[date, date]:
    """The inclusive calendar span of an ISO start/end pair at any precision."""
    start = _iso_date(d["start"], first=True)
    end = _iso_date(d["end"] or d["start"], first=False)
    return start, end


def _iso_date(s: str, *, first: bool) -> date:
    parts = [int(p) for p in s.split("-")[:3]]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        return date(y, m, 1) if first else date(y, m, calendar.monthrange(y, m)[1])
    return date(parts[0], 1, 1) if first else date(parts[0], 12, 31)


def _date_preference(d: dict[str, Any]) -> tuple[int, int, str, str]:
    start, end = _bounds(d)
    rank = _PRECISION_RANK.get(d.get("precision") or "", 9)
    return (rank, -(end - start).days, d["start"], d["end"] or "")


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    return a0 <= b1 and b0 <= a1


def _time_key(attrs: dict[str, Any]) -> tuple[Any, ...]:
    return (attrs.get("start"), attrs.get("end"), attrs.get("precision"))


def _time_attrs(tv: TimeValue | None) -> dict[str, Any]:
    if tv is None or not tv.is_dated:
        return {"start": None, "end": None, "precision": None}
    return {
        "start": tv.iso_start(),
        "end": tv.iso_end(),
        "precision": str(tv.precision) if tv.precision else None,
    }


class ConflictGraph:
    """A dated, sourced knowledge graph of a conflict, built from article extractions.

    >>> g = ConflictGraph()
    >>> g.number_of_nodes()
    0
    """

    def __init__(self, g: nx.MultiDiGraph | None = None) -> None:
        self.g: nx.MultiDiGraph = g if g is not None else nx.MultiDiGraph()
        self._prov_seen: dict[tuple[str, ...], set[tuple[str, int, str]]] = {}
        self._prov_articles: dict[tuple[str, ...], set[str]] = {}
        self._prov_len: dict[tuple[str, ...], int] = {}
        self._prov_keys: dict[tuple[str, ...], list[tuple[str, int, str]]] = {}

    # -- size and access ---------------------------------------------------------------------
    def number_of_nodes(self) -> int:
        """How many nodes the graph has."""
        return int(self.g.number_of_nodes())

    def nodes_of_kind(self, kind: NodeKind | str) -> list[dict[str, Any]]:
        """Attribute dicts of every node of one kind, sorted by id."""
        return [d for _, d in sorted(self.g.nodes(data=True)) if d.get("kind") == str(kind)]

    def counts(self) -> dict[str, int]:
        """Number of nodes per kind (plus edges)."""
        out = {str(k): 0 for k in NodeKind}
        for _, d in self.g.nodes(data=True):
            out[d["kind"]] = out.get(d["kind"], 0) + 1
        out["edges"] = int(self.g.number_of_edges())
        return out

    # -- merging ------------------------------------------------------------------------------
    def add_extraction(self, ex: ArticleExtraction) -> None:
        """Merge one article's extraction; adding the same extraction twice changes nothing."""
        art = ex.article
        aid = identity.article_id(art.id)
        self._upsert(
            aid,
            {
                "id": aid,
                "kind": str(NodeKind.ARTICLE),
                "label": art.title or art.id,
                "aliases": [],
                "title": art.title,
                "url": art.url,
                "source": art.source,
                "published": art.published.isoformat() if art.published else None,
                "provenance": [],
            },
        )
        for a in ex.actors:
            self._add_actor(a)
        for loc in ex.locations:
            self._add_location(loc)
        for r in ex.resolutions:
            self._add_resolution(r)
        before = {
            ev.id: self._dates_of(ev.id) for ev in ex.events if ev.id in self.g
        }  # an event reported before: its reconciled dates may move
        for ev in ex.events:
            self._add_event(ev)
        for e in ex.edges:
            self._add_edge(e)
        for ev in ex.events:
            now = self._dates_of(ev.id)
            if before.get(ev.id, now) != now or now != _time_key(_time_attrs(ev.time)):
                self._sync_edge_dates(ev.id)  # else every edge already carries these dates

    def _dates_of(self, node: str) -> tuple[Any, ...]:
        d = self.g.nodes[node]
        return (d.get("start"), d.get("end"), d.get("precision"))

    def _sync_edge_dates(self, event_id: str) -> None:
        """Participation and reference edges carry their event's (reconciled) date."""
        node = self.g.nodes[event_id]
        when = {k: node.get(k) for k in ("start", "end", "precision")}
        for _, _, d in self.g.in_edges(event_id, data=True):
            if d["relation"] == "participant":
                d.update(when)
        for _, _, d in self.g.out_edges(event_id, data=True):
            if d["relation"] == "references":
                d.update(when)

    def _add_prov(
        self, owner: tuple[str, ...], cur: list[dict[str, Any]], new: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Add unseen provenance entries to ``cur`` in sorted place; a set of the entries'
        keys per node and edge keeps re-adding popular nodes linear, not quadratic."""
        seen = self._prov_seen.get(owner)
        if seen is None or self._prov_len.get(owner) != len(cur):
            keys = self._prov_keys[owner] = [_prov_key(p) for p in cur]
            seen = self._prov_seen[owner] = set(keys)
            self._prov_articles[owner] = {p["article"] for p in cur}
        keys = self._prov_keys[owner]  # the sorted keys of ``cur``, side by side
        articles = self._prov_articles[owner]
        for p in new:
            k = _prov_key(p)
            if k not in seen:
                seen.add(k)
                articles.add(p["article"])
                at = bisect.bisect_right(keys, k)
                keys.insert(at, k)
                cur.insert(at, p)
        self._prov_len[owner] = len(cur)  # a list changed elsewhere is re-indexed next time
        return cur

    def _support_of(self, owner: tuple[str, ...], provenance: list[dict[str, Any]]) -> int:
        """How many articles report a node or edge, from the index ``_add_prov`` keeps."""
        if self._prov_seen.get(owner) is not None and self._prov_len.get(owner) == len(provenance):
            return len(self._prov_articles[owner])
        return _support(provenance)

    def _forget(self, node: str) -> None:
        """Drop the provenance indexes of a node about to be removed, and of its edges."""
        for owner in [o for o in self._prov_seen if node in o[1:3]]:
            del self._prov_seen[owner]

    def _upsert(self, nid: str, attrs: dict[str, Any]) -> None:
        if nid not in self.g:
            self._prov_seen.pop(("n", nid), None)
            self.g.add_node(nid, **attrs)
        else:
            cur = self.g.nodes[nid]
            for k, v in attrs.items():
                if k == "provenance":
                    cur[k] = self._add_prov(("n", nid), cur.get(k, []), v)
                elif k == "aliases":
                    cur[k] = sorted(set(cur.get(k, [])) | set(v) - {cur.get("label")})
                elif cur.get(k) in (None, "", []) and v not in (None, "", []):
                    cur[k] = v
        node = self.g.nodes[nid]
        if node.get("kind") != str(NodeKind.ARTICLE):
            node["support"] = self._support_of(("n", nid), node.get("provenance", []))

    def _add_actor(self, a: Actor) -> None:
        self._upsert(
            a.id,
            {
                "id": a.id,
                "kind": str(NodeKind.ACTOR),
                "label": a.label,
                "aliases": sorted(a.aliases),
                "actor_type": str(a.actor_type),
                "iso3": a.iso3,
                "title": a.title,
                "affiliation": a.affiliation,
                "country": a.country,
                "wikidata": a.wikidata,
                "provenance": _prov_list(a.provenance),
            },
        )

    def _add_location(self, loc: Location) -> None:
        self._upsert(
            loc.id,
            {
                "id": loc.id,
                "kind": str(NodeKind.LOCATION),
                "label": loc.label,
                "aliases": sorted(loc.aliases),
                "country": loc.country,
                "provenance": _prov_list(loc.provenance),
            },
        )

    def _add_resolution(self, r: Resolution) -> None:
        self._upsert(
            r.id,
            {
                "id": r.id,
                "kind": str(NodeKind.RESOLUTION),
                "label": r.label,
                "aliases": sorted(r.aliases),
                "code": r.code,
                "issuer": r.issuer,
                "adopted": r.adopted.isoformat() if r.adopted else None,
                "provenance": _prov_list(r.provenance),
            },
        )

    def _add_event(self, ev: Event) -> None:
        attrs: dict[str, Any] = {
            "id": ev.id,
            "kind": str(NodeKind.EVENT),
            "label": ev.label,
            "aliases": sorted(ev.aliases),
            "event_type": ev.event_type,
            "cameo_root": ev.cameo_root,
            "plover": ev.plover,
            **_time_attrs(ev.time),
            "time_text": ev.time.text if ev.time else None,
            "location": ev.location,
            "status": str(ev.status),
            "provenance": _prov_list(ev.provenance),
        }
        if ev.id in self.g:
            cur = self.g.nodes[ev.id]
            if (
                attrs["start"]
                and cur.get("start")
                and (cur["start"], cur["end"]) != (attrs["start"], attrs["end"])
            ):
                self._reconcile_dates(cur, attrs)
                for k in ("start", "end", "precision", "time_text"):
                    attrs.pop(k)
            # The most informative wording names the event, whatever order articles came in.
            names = {cur["label"], *cur.get("aliases", []), ev.label, *ev.aliases}
            cur["label"] = max(names, key=lambda s: (len(s), s))
            cur["aliases"] = sorted(names - {cur["label"]})
            attrs.pop("aliases")
            attrs.pop("label")
        self._upsert(ev.id, attrs)

    @staticmethod
    def _reconcile_dates(cur: dict[str, Any], new: dict[str, Any]) -> None:
        """Two reports of one event with different dates: keep the finer date, at equal
        precision the longer span (so the result does not depend on reading order); dates
        that do not overlap are kept in ``date_conflicts``, never silently dropped."""
        fields = ("start", "end", "precision", "time_text")
        a = {k: cur.get(k) for k in fields}
        b = {k: new.get(k) for k in fields}
        best, other = sorted((a, b), key=_date_preference)
        cur.update(best)
        if not _overlaps(best, other):
            cur["conflicting_dates"] = True
            conflicts = cur.setdefault("date_conflicts", [])
            flagged = {k: other[k] for k in ("start", "end", "precision")}
            if flagged not in conflicts:
                conflicts.append(flagged)
                conflicts.sort(key=lambda c: (c["start"], c["end"]))

    def _add_edge(self, e: Edge) -> None:
        key = f"{e.relation}:{e.role}" if e.role else str(e.relation)
        attrs: dict[str, Any] = {
            "relation": str(e.relation),
            "provenance": _prov_list(e.provenance),
        }
        if e.role:
            attrs["role"] = str(e.role)
        if e.time is not None or e.relation in {"participant", "references", "affiliated_with"}:
            attrs.update(_time_attrs(e.time))
        if e.title is not None or e.relation == "affiliated_with":
            attrs["title"] = e.title
        for n in (e.source, e.target):
            if n not in self.g:
                return  # an edge to a node the extraction did not make: drop it, loudly in tests
        if self.g.has_edge(e.source, e.target, key):
            cur = self.g.edges[e.source, e.target, key]
            cur["provenance"] = self._add_prov(
                ("e", e.source, e.target, key), cur["provenance"], attrs["provenance"]
            )
            if cur.get("start") is None and attrs.get("start"):
                cur.update({k: attrs[k] for k in ("start", "end", "precision")})
            if attrs.get("title") and not cur.get("title"):
                cur["title"] = attrs["title"]
        else:
            self._prov_seen.pop(("e", e.source, e.target, key), None)
            self.g.add_edge(e.source, e.target, key=key, **attrs)
        edge = self.g.edges[e.source, e.target, key]
        edge["support"] = self._support_of(("e", e.source, e.target, key), edge["provenance"])

    # -- identity across articles ---------------------------------------------------------------
    def consolidate(self) -> None:
        """The cross-article identity step every build ends with (people, then events); the
        one place to extend, so the store and ``build_graph`` always merge alike."""
        self.consolidate_people()
        self.consolidate_events()

    def consolidate_people(self) -> int:
        """Merge people named only by surname ("Zarif", "De Mistura") into the one person of
        the graph whose full name ends that way; returns how many nodes were merged.

        Ambiguous surnames (two full names end the same way) are left alone. The result does
        not depend on the order articles were added in.
        """
        people = [
            (n, d)
            for n, d in self.g.nodes(data=True)
            if d.get("kind") == "actor" and d.get("actor_type") == "person"
        ]
        full = [(n, d) for n, d in people if len(_name_words(d["label"])) >= 2]
        merged = 0
        for n, d in sorted(people):
            words = _name_words(d["label"])
            if len(words) >= 2 and not (len(words) == 2 and words[0] in _PARTICLES):
                continue
            tail = " ".join(words)
            hits = [
                m
                for m, fd in full
                if m != n and " ".join(_name_words(fd["label"])).endswith(" " + tail)
            ]
            if len(hits) == 1:
                self.merge_nodes(n, hits[0])
                merged += 1
        return merged

    def merge_nodes(self, old: str, into: str) -> None:
        """Fold node ``old`` into ``into``: its edges, aliases, provenance and known attributes."""
        src = dict(self.g.nodes[old])
        attrs = {k: v for k, v in src.items() if k not in {"id", "label"}}
        attrs["aliases"] = sorted({*src.get("aliases", []), src["label"]})
        for u, _, k, d in list(self.g.in_edges(old, keys=True, data=True)):
            self._move_edge(u if u != old else into, into, k, d)
        for _, v, k, d in list(self.g.out_edges(old, keys=True, data=True)):
            self._move_edge(into, v if v != old else into, k, d)
        self._forget(old)
        self.g.remove_node(old)
        self._upsert(into, attrs)
        for _, d in self.g.nodes(data=True):
            for ref in ("affiliation", "issuer", "location"):
                if d.get(ref) == old:
                    d[ref] = into

    def _move_edge(self, u: str, v: str, key: str, d: dict[str, Any]) -> None:
        if self.g.has_edge(u, v, key):
            cur = self.g.edges[u, v, key]
            cur["provenance"] = _merge_prov(cur["provenance"], d["provenance"])
            self._prov_seen.pop(("e", u, v, key), None)  # the list was replaced: re-index
        else:
            self.g.add_edge(u, v, key=key, **d)
        edge = self.g.edges[u, v, key]
        edge["support"] = _support(edge["provenance"])

    def consolidate_events(self) -> int:
        """Merge reports of one event that got different ids: same kind, same status,
        overlapping dates, and the same place (or, where one has no place, two or more
        parties in common). Returns how many nodes were merged; independent of order.
        """

        roles: dict[str, list[tuple[str, str | None]]] = {}

        def participants(n: str) -> list[tuple[str, str | None]]:
            got = roles.get(n)
            if got is None:
                got = roles[n] = [
                    (s, d.get("role"))
                    for s, _, d in self.g.in_edges(n, data=True)
                    if d["relation"] == "participant"
                ]
            return got

        def parties(n: str) -> set[str]:
            return {s for s, role in participants(n) if role not in {"observer", "speaker"}}

        def everyone(n: str) -> set[str]:
            return {s for s, _ in participants(n)}

        events = sorted(
            (n, d)
            for n, d in self.g.nodes(data=True)
            if d.get("kind") == "event" and d.get("start")
        )
        groups: dict[tuple[str, str], list[str]] = {}
        for n, d in events:
            groups.setdefault((identity.event_family(d["event_type"]), d["status"]), []).append(n)
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        bounds = {n: _bounds(d) for n, d in events}
        for members in groups.values():
            members.sort(key=lambda n: (bounds[n][0], n))  # by start: stop at the first after
            for i, a in enumerate(members):
                da = self.g.nodes[a]
                a_end = bounds[a][1]
                for b in members[i + 1 :]:
                    if bounds[b][0] > a_end:
                        break  # this and every later one starts after a ends
                    db = self.g.nodes[b]
                    la, lb = da.get("location"), db.get("location")
                    if la and lb and la != lb:
                        continue
                    ea, eb = everyone(a), everyone(b)
                    if ea and eb and not ea & eb:
                        continue  # two statements in one place and day by different speakers
                    if not (la and lb) and len(parties(a) & parties(b)) < 2:
                        continue
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        merged = 0
        for n in sorted(parent):
            root = find(n)
            if root != n and n in self.g:
                self._merge_event(n, root)
                merged += 1
        return merged

    def _merge_event(self, old: str, into: str) -> None:
        src = dict(self.g.nodes[old])
        cur = self.g.nodes[into]
        self._reconcile_dates(cur, src)
        names = {cur["label"], *cur.get("aliases", []), src["label"], *src.get("aliases", [])}
        cur["label"] = max(names, key=lambda s: (len(s), s))
        cur["aliases"] = sorted(names - {cur["label"]})
        cur["location"] = cur.get("location") or src.get("location")
        cur["provenance"] = _merge_prov(cur["provenance"], src["provenance"])
        self._prov_seen.pop(("n", into), None)  # the list was replaced: re-index
        cur["support"] = _support(cur["provenance"])
        for u, _, k, d in list(self.g.in_edges(old, keys=True, data=True)):
            self._move_edge(u, into, k, d)
        for _, v, k, d in list(self.g.out_edges(old, keys=True, data=True)):
            self._move_edge(into, v, k, d)
        self._forget(old)
        self.g.remove_node(old)
        self._sync_edge_dates(into)

    # -- SPARQL ------------------------------------------------------------------------------------
    def sparql(self, query: str, *, allow_update: bool = False, **bindings: object) -> Any:
        """Run SPARQL over this graph's RDF, ``bindings`` passed as values (never pasted in).

        Returns an ``rdflib.query.Result`` (rows of rdflib terms);
        ``conflictgraph.store.sparql.records(result)`` gives plain dicts. The graph is
        converted for each call: for many queries on a large graph use a store. Updates are
        refused unless ``allow_update=True``; an allowed update changes this graph.

        >>> from conflictgraph.query import demo_graph
        >>> rows = demo_graph().sparql(
        ...     "SELECT ?label ?iso3 WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 }", iso3="IRN")
        >>> [str(r.label) for r in rows]
        ['Iran']
        """
        from conflictgraph.store.sparql import sparql_graph

        return sparql_graph(self, query, allow_update=allow_update, **bindings)

    # -- the page ---------------------------------------------------------------------------------
    def to_html(self, *, title: str = "conflictgraph") -> str:
        """The self-contained interactive page (offline; every article string escaped)."""
        from conflictgraph.viz import to_html

        return to_html(self.g, title=title)

    def _repr_html_(self) -> str:
        """Jupyter shows the page inline, in a sandboxed iframe, with no server and no files."""
        import html

        page = html.escape(self.to_html(), quote=True)
        return (
            f'<iframe srcdoc="{page}" style="width:100%;height:640px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )

    # -- JSON (the stable machine interface) -----------------------------------------------------
    def to_node_link(self) -> dict[str, Any]:
        """networkx node-link data (``edges`` key), nodes and edges in a stable order."""
        data = nx.node_link_data(self.g, edges="edges")
        data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
        data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
        return data

    def to_json(self) -> str:
        """The graph as node-link JSON text (DESIGN.md §4)."""
        return json.dumps(self.to_node_link(), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_node_link(cls, data: dict[str, Any]) -> ConflictGraph:
        """Rebuild a graph from node-link data written by :meth:`to_node_link`."""
        return cls(nx.node_link_graph(data, directed=True, multigraph=True, edges="edges"))

    @classmethod
    def read_json(cls, path: Path) -> ConflictGraph:
        """Read ``graph.json``."""
        return cls.from_node_link(json.loads(Path(path).read_text(encoding="utf-8")))
