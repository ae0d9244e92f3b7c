"""A self-contained, offline, interactive HTML page of the graph.

pyvis builds the vis-network node and edge lists; the page is our own template
(``template.html`` with ``app.js`` and ``app.css``) with vis-network's script and stylesheet
inlined from the copy that ships inside the pyvis package. The page makes no network request.

Every string from the graph travels as JSON inside ``<script type="application/json">`` with
``<``, ``>`` and ``&`` escaped, and the page's script only ever puts it into the DOM with
``textContent``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a1", id="a1", kind="actor", label="Iran", aliases=[], provenance=[],
...            actor_type="state")
>>> page = to_html(g, title="Iran")
>>> page.startswith("<!doctype html>") and "<title>Iran</title>" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

import networkx as nx
from pyvis.network import Network

from conflictgraph.errors import ExportError
from conflictgraph.model import EventStatus, NodeKind, Relation
from conflictgraph.store.files import atomic_write_text
from conflictgraph.viz.layout import (
    ACTOR_GAP_X,
    EVENT_GAP_X,
    LABEL_LINES,
    OTHER_GAP_X,
    interval,
    label_chars,
    label_font,
    label_fonts,
    network_layout,
    timeline_layout,
)

__all__ = ["graph_payload", "to_html", "write_html"]

VIS_DIR = "lib/vis-9.1.2"
"""Where vis-network's files sit inside the installed pyvis package."""

GAP_X = {NodeKind.EVENT: EVENT_GAP_X, NodeKind.ACTOR: ACTOR_GAP_X}
"""Space between neighbours on the timeline, which canvas labels must fit."""

LABEL_MAX = 40
"""Longer labels are shortened on the canvas (the details panel shows them whole)."""

EVENT_LABEL_MAX = 30
"""Event labels are shorter still: events sit close together on the timeline."""

BIG_GRAPH = 1500
"""From this many nodes on, edges are hidden while dragging or zooming."""

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# actor_type → (legend label, colour); dots.
ACTOR_TYPES: dict[str, tuple[str, str]] = {
    "state": ("State", "#2563eb"),
    "igo": ("International organisation", "#0891b2"),
    "person": ("Person", "#7c3aed"),
    "organisation": ("Organisation", "#db2777"),
    "armed_group": ("Armed group", "#9f1239"),
    "group": ("Group", "#a16207"),
    "other": ("Other actor", "#64748b"),
}

# CAMEO root family → (legend label, colour); diamonds.
EVENT_FAMILIES: dict[str, tuple[str, str]] = {
    "verbal_coop": ("Verbal cooperation (01–05)", "#22c55e"),
    "material_coop": ("Material cooperation (06–08)", "#047857"),
    "verbal_conflict": ("Verbal conflict (09–14)", "#f59e0b"),
    "material_conflict": ("Material conflict (15–20)", "#dc2626"),
    "other": ("Other event type", "#94a3b8"),
}

# node kind → (legend label, shape, colour of kinds that are not split further).
KINDS: dict[str, tuple[str, str, str]] = {
    NodeKind.ACTOR: ("Actors", "dot", "#2563eb"),
    NodeKind.EVENT: ("Events", "diamond", "#22c55e"),
    NodeKind.RESOLUTION: ("Resolutions", "star", "#ca8a04"),
    NodeKind.LOCATION: ("Locations", "triangle", "#57534e"),
    NodeKind.ARTICLE: ("Articles", "square", "#94a3b8"),
}

STATUSES: dict[str, str] = {
    EventStatus.OCCURRED: "Occurred",
    EventStatus.PLANNED: "Planned",
    EventStatus.PROPOSED: "Proposed",
    EventStatus.REFUSED: "Refused",
    EventStatus.DENIED: "Denied",
    EventStatus.REPORTED: "Reported",
    "unknown": "Unknown",
}

# relation → edge colour; participant edges use the default colour in the options.
EDGE_COLOURS: dict[str, str] = {
    Relation.HELD_IN: "#a8a29e",
    Relation.REFERENCES: "#ca8a04",
    Relation.ABOUT: "#64748b",
    Relation.AFFILIATED_WITH: "#a78bfa",
    Relation.ISSUED_BY: "#ca8a04",
    Relation.LOCATED_IN: "#a8a29e",
    Relation.REPORTED_IN: "#cbd5e1",
}
EDGE_DEFAULT = "#94a3b8"
# No dashed edges or borders: vis-network draws dashes in canvas units, so a zoomed-out view of
# thousands of dashed lines costs seconds per frame.


def cameo_family(attrs: Mapping[str, Any]) -> str:
    """The CAMEO root family of an event: ``verbal_coop`` for roots 01–05, and so on."""
    root = attrs.get("cameo_root") or str(attrs.get("event_type") or "")[:2]
    try:
        r = int(str(root)[:2])
    except ValueError:
        return "other"
    if 1 <= r <= 5:
        return "verbal_coop"
    if 6 <= r <= 8:
        return "material_coop"
    if 9 <= r <= 14:
        return "verbal_conflict"
    if 15 <= r <= 20:
        return "material_conflict"
    return "other"


def _facets(attrs: Mapping[str, Any]) -> list[str | None]:
    """What the filters look at: [kind, actor type, event family, event status]."""
    kind = str(attrs.get("kind") or "")
    if kind == NodeKind.ACTOR:
        t = attrs.get("actor_type")
        return [kind, t if t in ACTOR_TYPES else "other", None, None]
    if kind == NodeKind.EVENT:
        s = attrs.get("status")
        return [kind, None, cameo_family(attrs), s if s in STATUSES else "unknown"]
    return [kind or "other", None, None, None]


def _group(f: list[str | None]) -> str:
    if f[0] == NodeKind.ACTOR:
        return f"actor:{f[1]}"
    if f[0] == NodeKind.EVENT:
        return f"event:{f[2]}"
    return str(f[0]) if f[0] in KINDS else "other"


def _groups() -> dict[str, dict[str, Any]]:
    """vis-network groups: one style per actor type, event family and other kind."""
    out: dict[str, dict[str, Any]] = {}
    for t, (_, colour) in ACTOR_TYPES.items():
        out[f"actor:{t}"] = {"shape": "dot", "color": colour}
    for fam, (_, colour) in EVENT_FAMILIES.items():
        out[f"event:{fam}"] = {"shape": "diamond", "color": colour}
    for kind, (_, shape, colour) in KINDS.items():
        if kind not in (NodeKind.ACTOR, NodeKind.EVENT):
            out[str(kind)] = {"shape": shape, "color": colour}
    out["other"] = {"shape": "dot", "color": "#cbd5e1"}
    return out


GROUPS = _groups()


def _size(kind: str, degree: int) -> float:
    """Node radius from its degree (edges to article nodes not counted)."""
    if kind == NodeKind.ACTOR:
        return round(min(40.0, 11.0 + 3.2 * math.sqrt(degree)), 1)
    if kind == NodeKind.EVENT:
        return round(min(24.0, 9.0 + 2.2 * math.sqrt(degree)), 1)
    if kind == NodeKind.ARTICLE:
        return 7.0
    return round(min(26.0, 10.0 + 2.4 * math.sqrt(degree)), 1)


def _short(label: str, limit: int) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def wrap_label(label: str, width: int, lines: int = LABEL_LINES) -> str:
    """A canvas label on at most ``lines`` lines of ``width`` characters, broken between words
    (a word longer than a line is cut), ending in "…" where text was left out.

    >>> wrap_label("Astana talks (Syria, Syrian armed opposition, Russia)", 18)
    'Astana talks\\n(Syria, Syrian…'
    >>> wrap_label("Iran", 18)
    'Iran'
    """
    words = label.split()
    out: list[str] = []
    line = ""
    i = 0
    while i < len(words):
        word = words[i]
        if len(word) > width:  # cut, and go on with the rest of the word
            words[i : i + 1] = [word[:width], word[width:]]
            continue
        joined = f"{line} {word}" if line else word
        if len(joined) <= width:
            line, i = joined, i + 1
        else:
            out.append(line)
            line = ""
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        out[-1] = (last if len(last) < width else last[: width - 1]) + "…"
    return "\n".join(out)


def _iso(iv: Any) -> list[str] | None:
    return None if iv is None else [iv[0].isoformat(), iv[1].isoformat()]


class _Ids(list):  # type: ignore[type-arg]
    """pyvis keeps node ids in a list and scans it on every add; answer ``in`` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


def _options(net: Network, big: bool, fonts: tuple[float, float, float]) -> dict[str, Any]:
    """pyvis's options with physics off, straight edges and our look; ``fonts`` is
    :func:`label_fonts` of the node sizes (their range and the largest label font)."""
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["configure"] = {"enabled": False}
    options["physics"] = {"enabled": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": 1}
    options["interaction"] = {
        "hover": True,
        "tooltipDelay": 120,
        "hideEdgesOnDrag": big,
        "hideEdgesOnZoom": big,
        "dragNodes": True,
        "multiselect": False,
        "navigationButtons": False,
        "keyboard": False,
    }
    options["nodes"] = {
        "physics": False,
        "borderWidth": 1,
        "borderWidthSelected": 3,
        "font": {
            "size": 14,
            "face": FONT,
            "color": "#1e293b",
            "strokeWidth": 4,
            "strokeColor": "#ffffff",
        },
        # ``value`` carries our size; vis maps it onto [min, max] (our own range: unchanged) and
        # scales labels with it, so zoomed out only the busy nodes keep a legible label.
        "scaling": {
            "min": fonts[0],
            "max": fonts[1],
            "label": {
                "enabled": True,
                "min": 12,
                "max": fonts[2],
                "maxVisible": 22,
                "drawThreshold": 6,
            },
        },
    }
    options["edges"] = {
        "physics": False,
        "smooth": False,
        "width": 1,
        "selectionWidth": 2,
        "hoverWidth": 1.5,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
        "color": {
            "color": EDGE_DEFAULT,
            "highlight": "#1e293b",
            "hover": "#475569",
            "inherit": False,
            "opacity": 0.85,
        },
        "font": {
            "size": 11,
            "face": FONT,
            "color": "#334155",
            "strokeWidth": 0,
            "background": "rgba(255, 255, 255, 0.92)",
            "align": "horizontal",
        },
    }
    options["groups"] = GROUPS
    return options


def _legend(facets: list[list[str | None]]) -> list[dict[str, Any]]:
    """The sidebar's filter lists, which double as the legend: present values only."""
    counts: list[dict[str, int]] = [{}, {}, {}, {}]
    for f in facets:
        for k, v in enumerate(f):
            if v is not None:
                counts[k][v] = counts[k].get(v, 0) + 1

    def items(k: int, table: Mapping[str, Any], style: Any) -> list[dict[str, Any]]:
        return [{"value": v, "count": counts[k][v], **style(v)} for v in table if counts[k].get(v)]

    kinds = [k for k in KINDS] + [k for k in counts[0] if k not in KINDS]
    return [
        {
            "name": "kind",
            "title": "Show",
            "items": [
                {
                    "value": k,
                    "count": counts[0][k],
                    "label": KINDS[k][0] if k in KINDS else str(k).capitalize() or "Other",
                    "shape": KINDS[k][1] if k in KINDS else "dot",
                    "color": KINDS[k][2] if k in KINDS else "#cbd5e1",
                    "on": k != NodeKind.ARTICLE,
                }
                for k in kinds
                if counts[0].get(k)
            ],
        },
        {
            "name": "actor_type",
            "title": "Actor type",
            "items": items(
                1,
                ACTOR_TYPES,
                lambda v: {"label": ACTOR_TYPES[v][0], "color": ACTOR_TYPES[v][1], "shape": "dot"},
            ),
        },
        {
            "name": "family",
            "title": "Event type (CAMEO)",
            "items": items(
                2,
                EVENT_FAMILIES,
                lambda v: {
                    "label": EVENT_FAMILIES[v][0],
                    "color": EVENT_FAMILIES[v][1],
                    "shape": "diamond",
                },
            ),
        },
        {
            "name": "status",
            "title": "Event status",
            "items": items(
                3,
                STATUSES,
                lambda v: {
                    "label": STATUSES[v],
                    "color": "#64748b",
                    "shape": "diamond" if v == EventStatus.OCCURRED else "hollow",
                },
            ),
        },
    ]


def _flat(pos: Mapping[str, tuple[float, float]], ids: list[str]) -> list[int]:
    out: list[int] = []
    for n in ids:
        x, y = pos.get(n, (0.0, 0.0))
        out.extend((round(x), round(y)))
    return out


def graph_payload(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything the page needs, as plain JSON values (what ``#graph-data`` holds)."""
    keys = list(g.nodes)
    ids = [str(n) for n in keys]
    attrs = [dict(g.nodes[n]) for n in keys]
    facets = [_facets(a) for a in attrs]
    articles = {n for n, a in zip(keys, attrs, strict=True) if a.get("kind") == NodeKind.ARTICLE}
    degree: dict[Any, int] = dict.fromkeys(keys, 0)
    for u, v in g.edges():
        if u not in articles and v not in articles:
            degree[u] += 1
            degree[v] += 1
    sizes = {n: _size(str(a.get("kind")), degree[n]) for n, a in zip(keys, attrs, strict=True)}

    timeline, guides = timeline_layout(g, sizes)
    spring = network_layout(g)

    fonts = label_fonts(sizes.values())
    net = Network(directed=True)
    net.node_ids = _Ids()
    for n, nid, a, f in zip(keys, ids, attrs, facets, strict=True):
        group = _group(f)
        x, y = timeline.get(n, (0.0, 0.0))
        options: dict[str, Any] = {"group": group, "value": sizes[n], "x": round(x), "y": round(y)}
        if f[0] == NodeKind.ARTICLE:
            options["hidden"] = True
        hollow = f[0] == NodeKind.EVENT and f[3] != EventStatus.OCCURRED
        if hollow:
            options["borderWidth"] = 2
        limit = EVENT_LABEL_MAX if f[0] == NodeKind.EVENT else LABEL_MAX
        gap = GAP_X.get(str(f[0]), OTHER_GAP_X)
        width = label_chars(gap, label_font(sizes[n], fonts))
        label = wrap_label(_short(str(a.get("label") or ""), limit), width) or nid
        net.add_node(nid, label=label, shape=GROUPS[group]["shape"], **options)
        if hollow:  # pyvis drops ``color`` for nodes in a group: set it on the stored dict
            colour = EVENT_FAMILIES[str(f[2])][1]
            net.get_node(nid)["color"] = {
                "background": "#ffffff",
                "border": colour,
                "highlight": {"background": "#f1f5f9", "border": colour},
                "hover": {"background": "#f8fafc", "border": colour},
            }

    edge_info: list[dict[str, Any]] = []
    edge_when: list[list[str] | None] = []
    for j, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        rel = str(d.get("relation") or "")
        options = {"id": f"e{j}"}
        if rel in EDGE_COLOURS:
            options["color"] = {
                "color": EDGE_COLOURS[rel],
                "highlight": "#1e293b",
                "hover": "#475569",
            }
        if u in articles or v in articles:
            options["hidden"] = True
        net.add_edge(str(u), str(v), **options)
        edge_info.append({"key": k, **d})
        edge_when.append(_iso(interval(d)) if rel != Relation.REPORTED_IN else None)

    nodes, edges, _, _, _, _ = net.get_network_data()
    return {
        "version": 1,
        "nodes": nodes,
        "edges": edges,
        "options": _options(net, big=len(ids) >= BIG_GRAPH, fonts=fonts),
        "info": attrs,
        "facets": facets,
        "when": [
            _iso(interval(a)) if f[0] == NodeKind.EVENT else None
            for a, f in zip(attrs, facets, strict=True)
        ],
        "einfo": edge_info,
        "ewhen": edge_when,
        "months": guides.months,
        "layouts": {
            "timeline": {"pos": _flat(timeline, keys), "guides": guides.to_dict()},
            "network": {"pos": _flat(spring, keys)},
        },
        "filters": _legend(facets),
    }


def _no_nan(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    return value


def json_for_script(value: Any) -> str:
    """JSON that is safe between ``<script>`` tags: ``<``, ``>``, ``&``, U+2028/9 escaped."""
    try:
        text = json.dumps(
            value, ensure_ascii=True, separators=(",", ":"), allow_nan=False, default=str
        )
    except ValueError:  # NaN or infinity somewhere: JSON has no spelling for them
        text = json.dumps(_no_nan(value), ensure_ascii=True, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_CLOSERS = re.compile(r"</script|<!--|</style", re.IGNORECASE)


def _asset(package: str, name: str, *, inline: bool = True) -> str:
    """A file shipped in ``package``, read now; inlined files must not close their tag."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    # the HTML parser normalises line ends before the CSP hash is checked: do it first
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if inline and _CLOSERS.search(text):
        raise ExportError(f"{package}/{name} cannot be inlined: it contains a closing tag")
    return text


def _sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def to_html(g: nx.MultiDiGraph, *, title: str = "conflictgraph") -> str:
    """The graph as one self-contained interactive HTML page (no network requests)."""
    vis_js = _asset("pyvis", f"{VIS_DIR}/vis-network.min.js")
    vis_css = _asset("pyvis", f"{VIS_DIR}/vis-network.css")
    app_js = _asset("conflictgraph.viz", "app.js")
    app_css = _asset("conflictgraph.viz", "app.css")
    template = Template(_asset("conflictgraph.viz", "template.html", inline=False))
    payload = graph_payload(g)
    return template.substitute(
        title=html.escape(title, quote=True),
        csp_scripts=f"{_sha256(vis_js)} {_sha256(app_js)}",
        vis_css=vis_css,
        app_css=app_css,
        graph_json=json_for_script(payload),
        vis_js=vis_js,
        app_js=app_js,
        node_count=len(payload["nodes"]),
        edge_count=len(payload["edges"]),
    )


def write_html(g: nx.MultiDiGraph, path: Path, *, title: str = "conflictgraph") -> None:
    """Write :func:`to_html` to ``path`` atomically (a temporary file, then ``os.replace``)."""
    atomic_write_text(Path(path), to_html(g, title=title), make_parents=False)
