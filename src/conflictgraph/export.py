"""Exports analysts ask for beyond RDF and the page: GraphML, dynamic GEXF for Gephi's timeline,
CSV tables and pandas DataFrames (of the graph and of SPARQL results).

GraphML and GEXF hold scalar attributes only: lists (``aliases``, ``provenance``) are written as
JSON text and unknown (null) values are left out. In GEXF every dated element gets Gephi's
``start``/``end`` (the full days its precision spans, ``2016-12`` is 2016-12-01..2016-12-31; the
ISO text stays in ``date_start``/``date_end``); actors, places and resolutions get ``spells``,
the periods of the dated events they take part in, so that Gephi's timeline shows each actor
when it acts.

>>> from conflictgraph.query import demo_graph
>>> rows = events_table(demo_graph())
>>> rows[0]["label"], rows[0]["guarantor"]
('Security Council endorsement', '')
>>> rows[1]["label"], rows[1]["guarantor"]
('Ceasefire agreement', 'Russia; Turkey')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import networkx as nx

from conflictgraph.errors import ExportError
from conflictgraph.model import ROLE_ORDER
from conflictgraph.query import GraphLike, _nx, _sort_key, _span, event_row
from conflictgraph.store.files import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    import pandas as pd
    from rdflib.query import Result

__all__ = [
    "EXPORT_FORMATS",
    "edges_frame",
    "edges_table",
    "events_frame",
    "events_table",
    "export_graph",
    "gexf_graph",
    "graphml_graph",
    "nodes_frame",
    "nodes_table",
    "sparql_frame",
    "write_csv",
    "write_gexf",
    "write_graphml",
]

EXPORT_FORMATS: Final = (
    "json",
    "ttl",
    "trig",
    "nt",
    "nq",
    "jsonld",
    "graphml",
    "gexf",
    "csv",
    "html",
)
"""Formats of ``conflictgraph export``; ``csv`` writes a folder of tables."""

ROLES: Final = tuple(str(r) for r in ROLE_ORDER)
_JOIN: Final = "; "


def _scalar_attrs(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML/GEXF can hold: scalars as they are, lists and dicts as JSON, no nulls."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        if v is None:
            continue
        if isinstance(v, list | dict | tuple):
            out[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
        elif isinstance(v, bool | int | float | str):
            out[k] = v
        else:
            out[k] = str(v)
    return out


# ---------------------------------------------------------------------------------------------
# GraphML


def graphml_graph(G: GraphLike) -> nx.MultiDiGraph:
    """A copy of the graph that GraphML can hold (see the module docstring)."""
    g = _nx(G)
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, _scalar_attrs(d)) for n, d in g.nodes(data=True))
    h.add_edges_from((u, v, k, _scalar_attrs(d)) for u, v, k, d in g.edges(keys=True, data=True))
    return h


def write_graphml(G: GraphLike, path: Path) -> None:
    """Write GraphML (networkx, yEd, Cytoscape, Gephi read it), atomically."""
    buf = io.BytesIO()
    nx.write_graphml(graphml_graph(G), buf, encoding="utf-8", prettyprint=True)
    atomic_write_bytes(Path(path), buf.getvalue())


# ---------------------------------------------------------------------------------------------
# GEXF


def _days(span: tuple[date, date]) -> tuple[str, str]:
    return span[0].isoformat(), span[1].isoformat()


def _merge(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if merged and lo.toordinal() <= merged[-1][1].toordinal() + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def gexf_graph(G: GraphLike) -> nx.MultiDiGraph:
    """A copy of the graph with Gephi's dynamic attributes (see the module docstring).

    >>> from conflictgraph.query import demo_graph
    >>> h = gexf_graph(demo_graph())
    >>> h.nodes["event:unsc-endorsement"]["start"], h.nodes["event:unsc-endorsement"]["end"]
    ('2016-12-01', '2016-12-31')
    >>> h.nodes["state:RUS"]["spells"]
    [('2016-12-29', '2016-12-29'), ('2017-01-23', '2017-01-24')]
    """
    g = _nx(G)
    h = nx.MultiDiGraph(mode="dynamic")
    spans: dict[str, list[tuple[date, date]]] = {}
    undated: set[str] = set()
    for n, d in g.nodes(data=True):
        if d.get("kind") != "event":
            continue
        span = _span(d)
        for m in nx.all_neighbors(g, n):
            if g.nodes[m].get("kind") in ("actor", "location", "resolution"):
                if span is None:
                    undated.add(m)
                else:
                    spans.setdefault(m, []).append(span)
    for n, d in g.nodes(data=True):
        attrs = _scalar_attrs({k: v for k, v in d.items() if k not in ("start", "end", "id")})
        span = _span(d)
        if d.get("kind") == "event" and span is not None:
            attrs["start"], attrs["end"] = _days(span)
            attrs["date_start"], attrs["date_end"] = d.get("start"), d.get("end") or d["start"]
        elif d.get("kind") == "article" and d.get("published"):
            attrs["start"] = d["published"]
        elif n in spans and n not in undated:
            attrs["spells"] = [_days(s) for s in _merge(spans[n])]
        attrs.setdefault("label", n)
        h.add_node(n, **attrs)
    for u, v, k, d in g.edges(keys=True, data=True):
        attrs = _scalar_attrs({k2: v2 for k2, v2 in d.items() if k2 not in ("start", "end")})
        span = _span(d)
        if span is None:  # undated relations of an event live as long as the event
            for end in (u, v):
                if g.nodes[end].get("kind") == "event":
                    span = _span(g.nodes[end])
                    break
        if span is not None:
            attrs["start"], attrs["end"] = _days(span)
        attrs["label"] = d.get("role") or d.get("relation") or str(k)
        h.add_edge(u, v, key=k, **attrs)
    return h


def write_gexf(G: GraphLike, path: Path) -> None:
    """Write dynamic GEXF 1.2 for Gephi (timeline-ready), atomically."""
    buf = io.BytesIO()
    nx.write_gexf(gexf_graph(G), buf, encoding="utf-8", prettyprint=True)
    atomic_write_bytes(Path(path), buf.getvalue())


# ---------------------------------------------------------------------------------------------
# Tables


def events_table(G: GraphLike) -> list[dict[str, Any]]:
    """One row per event in date order: dates, type, status, place, actors by role, resolutions,
    articles and the first evidence sentence."""
    g = _nx(G)
    rows = []
    for eid in sorted(
        (n for n, d in g.nodes(data=True) if d.get("kind") == "event"),
        key=lambda e: _sort_key(g, e),
    ):
        r = event_row(g, eid)
        by_role = {role: [a["label"] for a in r["actors"] if a["role"] == role] for role in ROLES}
        prov = g.nodes[eid].get("provenance") or []
        rows.append(
            {
                "event": eid,
                "start": r["start"],
                "end": r["end"],
                "precision": r["precision"],
                "event_type": r["event_type"],
                "plover": r["plover"],
                "label": r["label"],
                "status": r["status"],
                "place": r["place"],
                "location": r["location"],
                "actors": _JOIN.join(dict.fromkeys(a["label"] for a in r["actors"])),
                **{role: _JOIN.join(names) for role, names in by_role.items()},
                "resolutions": _JOIN.join(r["resolutions"]),
                "support": r["support"],
                "articles": _JOIN.join(r["articles"]),
                "evidence": prov[0]["text"] if prov else None,
            }
        )
    return rows


def edges_table(G: GraphLike) -> list[dict[str, Any]]:
    """One row per edge: ends with labels and kinds, relation, role, dates, title, evidence."""
    g = _nx(G)
    rows = []
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        prov = d.get("provenance") or []
        rows.append(
            {
                "source": u,
                "source_label": g.nodes[u].get("label"),
                "source_kind": g.nodes[u].get("kind"),
                "target": v,
                "target_label": g.nodes[v].get("label"),
                "target_kind": g.nodes[v].get("kind"),
                "key": k,
                "relation": d.get("relation"),
                "role": d.get("role"),
                "start": d.get("start"),
                "end": d.get("end"),
                "precision": d.get("precision"),
                "title": d.get("title"),
                "articles": _JOIN.join(sorted({p["article"] for p in prov if p.get("article")})),
                "confidence": max((p.get("confidence") or 0 for p in prov), default=None),
                "evidence": prov[0]["text"] if prov else None,
            }
        )
    return rows


NODE_COLUMNS: Final = (
    "id",
    "kind",
    "label",
    "aliases",
    "actor_type",
    "iso3",
    "title",
    "affiliation",
    "country",
    "wikidata",
    "event_type",
    "start",
    "end",
    "precision",
    "status",
    "location",
    "code",
    "issuer",
    "adopted",
    "url",
    "source",
    "published",
    "support",
    "articles",
)
"""Columns of ``nodes.csv``."""

EVENT_COLUMNS: Final = (
    "event",
    "start",
    "end",
    "precision",
    "event_type",
    "plover",
    "label",
    "status",
    "place",
    "location",
    "actors",
    *ROLES,
    "resolutions",
    "support",
    "articles",
    "evidence",
)
"""Columns of ``events.csv`` (one per role: the labels of the actors in it, ``; ``-joined)."""

EDGE_COLUMNS: Final = (
    "source",
    "source_label",
    "source_kind",
    "target",
    "target_label",
    "target_kind",
    "key",
    "relation",
    "role",
    "start",
    "end",
    "precision",
    "title",
    "articles",
    "confidence",
    "evidence",
)
"""Columns of ``edges.csv``."""


def nodes_table(G: GraphLike) -> list[dict[str, Any]]:
    """One row per node with the attributes of every kind (empty where they do not apply)."""
    g = _nx(G)
    rows = []
    for n, d in sorted(g.nodes(data=True)):
        row = {c: d.get(c) for c in NODE_COLUMNS}
        row["id"] = n
        row["start"], row["end"] = d.get("start"), d.get("end")
        row["aliases"] = _JOIN.join(d.get("aliases") or [])
        if d.get("kind") == "article":
            row["title"] = d.get("title")
        row["articles"] = _JOIN.join(sorted({p["article"] for p in d.get("provenance") or []}))
        rows.append(row)
    return rows


def _csv_text(rows: list[dict[str, Any]], columns: Iterable[str]) -> str:
    buf = io.StringIO()
    names = list(columns)
    writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in rows)
    return buf.getvalue()


def write_csv(G: GraphLike, folder: Path) -> list[Path]:
    """Write ``events.csv``, ``edges.csv`` and ``nodes.csv`` into ``folder`` (each atomically)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: CSV export writes a folder of tables; this is a file")
    out = []
    tables = (
        ("events", events_table, EVENT_COLUMNS),
        ("edges", edges_table, EDGE_COLUMNS),
        ("nodes", nodes_table, NODE_COLUMNS),
    )
    for name, table, columns in tables:
        path = folder / f"{name}.csv"
        atomic_write_text(path, _csv_text(table(G), columns))
        out.append(path)
    return out


# ---------------------------------------------------------------------------------------------
# DataFrames


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is a dependency
        raise ExportError("DataFrames need pandas: pip install pandas") from exc
    return pd


def events_frame(G: GraphLike) -> pd.DataFrame:
    """:func:`events_table` as a DataFrame."""
    return _pandas().DataFrame(events_table(G))


def edges_frame(G: GraphLike) -> pd.DataFrame:
    """:func:`edges_table` as a DataFrame."""
    return _pandas().DataFrame(edges_table(G))


def nodes_frame(G: GraphLike) -> pd.DataFrame:
    """:func:`nodes_table` as a DataFrame."""
    return _pandas().DataFrame(nodes_table(G))


def sparql_frame(result: Result, *, compact_iris: bool = True) -> pd.DataFrame:
    """SPARQL SELECT rows as a DataFrame (node ids for our IRIs, numbers as numbers).

    >>> from conflictgraph.query import demo_graph
    >>> df = sparql_frame(demo_graph().sparql(
    ...     "SELECT ?label ?n WHERE { ?e a sem:Event ; rdfs:label ?label ; cg:support ?n }"
    ...     " ORDER BY ?label"))
    >>> df.to_dict("records")[0]
    {'label': 'Astana talks', 'n': 1}
    """
    from conflictgraph.store.sparql import records

    names = [str(v) for v in result.vars or []]
    return _pandas().DataFrame(records(result, compact_iris=compact_iris), columns=names)


# ---------------------------------------------------------------------------------------------
# One entry point


def export_graph(G: GraphLike, fmt: str, out: Path, *, title: str = "conflictgraph") -> list[Path]:
    """Write the graph in ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``out``; returns the files.

    RDF formats use :mod:`conflictgraph.rdf`; ``csv`` writes a folder of tables.
    """
    out = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    g = _nx(G)
    if fmt == "json":
        from conflictgraph.graph import ConflictGraph

        atomic_write_text(out, ConflictGraph(g).to_json())
    elif fmt in ("ttl", "trig", "nt", "nq", "jsonld"):
        from conflictgraph.rdf import write_rdf

        write_rdf(g, out, fmt)
    elif fmt == "graphml":
        write_graphml(g, out)
    elif fmt == "gexf":
        write_gexf(g, out)
    elif fmt == "csv":
        return write_csv(g, out)
    elif fmt == "html":
        from conflictgraph.viz import write_html

        write_html(g, out, title=title)
    return [out]
