"""Pictures for print: the graph drawn with matplotlib as PNG or SVG.

The picture uses the page's look (``viz/html.py``): colour and shape by node kind, actor type
and CAMEO family, hollow diamonds for events that did not (yet) occur, size by number of links,
and one of the page's two layouts (``viz/layout.py``). Article nodes are left out, as on the
page. Labels sit under their node on a white box; on crowded pictures only the busiest nodes
get one (a label that would overlap another is dropped). matplotlib runs headless (Agg); every
file is written atomically. No pyplot: figures are drawn on the Agg canvas directly, so no
display is needed and a notebook's own backend is left alone.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", id="a", kind="actor", label="Iran", aliases=[], provenance=[],
...            actor_type="state")
>>> svg = render(g, "svg").decode()
>>> "Iran" in svg and svg.lstrip().startswith("<?xml")
True
"""

from __future__ import annotations

import io
import math
import warnings
from calendar import monthrange
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox, blended_transform_factory

from conflictgraph.model import EventStatus, NodeKind
from conflictgraph.store.files import atomic_write_bytes
from conflictgraph.viz.html import (
    ACTOR_TYPES,
    EDGE_COLOURS,
    EDGE_DEFAULT,
    EVENT_FAMILIES,
    KINDS,
    _facets,
    _short,
    _size,
)
from conflictgraph.viz.layout import interval, network_layout, timeline_layout
from conflictgraph.viz.util import as_nx, clean_text, month_name

__all__ = ["Layout", "render", "to_png", "to_svg"]

Layout = Literal["timeline", "network"]

DPI = 150
"""Resolution of PNG files (the figure itself is sized in inches)."""

PX = 100.0
"""Layout pixels per inch when the picture is drawn at full size."""

MAX_W, MAX_H = 30.0, 22.0
"""Largest figure (inches): bigger layouts are scaled down, markers with them."""

MIN_W, MIN_H = 7.0, 4.5

LABEL_PT = 8.5
"""Font size of node labels (points); constant, so labels stay readable at any scale."""

MAX_LABELS = 400
"""At most this many nodes, the busiest first, are tried for a label."""

SPANS_MAX = 500
"""Up to this many events, the timeline shows each event's date span as a light bar."""

RELAXED_MAX = 200
"""Up to this many nodes, labels avoid every marker first (then may cover some); beyond, they
avoid labelled nodes only, so that the busy middle of a big graph still gets its labels."""

ARROWS_MAX = 400
"""Up to this many edges get arrow heads; beyond, plain lines (much faster)."""

INK = "#1e293b"
MUTED = "#64748b"
FONT = ["DejaVu Sans"]  # ships with matplotlib: the same picture on every machine

# page shape → matplotlib marker
MARKERS: dict[str, str] = {
    "dot": "o",
    "diamond": "D",
    "star": "*",
    "triangle": "^",
    "square": "s",
}
MARKER_SCALE: dict[str, float] = {"o": 1.0, "D": 0.8, "*": 1.35, "^": 1.05, "s": 0.9}
"""Marker sizes are evened out so that a diamond and a dot of one size look alike."""

RC: dict[str, Any] = {
    "font.family": FONT,
    "font.size": 9,
    "svg.fonttype": "none",  # labels stay <text> in SVG: searchable, selectable
    "svg.hashsalt": "conflictgraph",  # stable ids: the same graph gives the same file
    "path.simplify": True,
    "axes.unicode_minus": False,
}


@contextmanager
def quiet_style() -> Iterator[None]:
    """Our matplotlib settings, with warnings about glyphs missing from the font silenced."""
    with matplotlib.rc_context(RC), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from")
        warnings.filterwarnings("ignore", message=r".*[Mm]issing from (current )?font")
        yield


def save_figure(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes (white background, tight box, no timestamps)."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    metadata: dict[str, Any]
    if fmt == "svg":
        metadata = {"Date": None, "Creator": "conflictgraph"}
    else:
        metadata = {"Software": "conflictgraph"}
    fig.savefig(
        buf,
        format=fmt,
        dpi=DPI,
        bbox_inches="tight",
        pad_inches=0.2,
        facecolor="white",
        metadata=metadata,
    )
    return buf.getvalue()


@dataclass
class _Node:
    nid: str
    x: float
    y: float
    radius: float  # layout px
    marker: str
    face: str
    edge: str
    hollow: bool
    label: str
    busy: float  # ranking for labels


def _style(attrs: Mapping[str, Any]) -> tuple[str, str, str, bool]:
    """(marker, face colour, edge colour, hollow) of a node, as on the page."""
    f = _facets(attrs)
    kind = f[0]
    if kind == NodeKind.ACTOR:
        colour = ACTOR_TYPES[str(f[1])][1]
        return "o", colour, colour, False
    if kind == NodeKind.EVENT:
        colour = EVENT_FAMILIES[str(f[2])][1]
        hollow = f[3] != EventStatus.OCCURRED
        return "D", ("#ffffff" if hollow else colour), colour, hollow
    if kind in KINDS:
        _, shape, colour = KINDS[str(kind)]
        return MARKERS.get(shape, "o"), colour, colour, False
    return "o", "#cbd5e1", "#cbd5e1", False


def _nodes(g: nx.MultiDiGraph, layout: Layout) -> tuple[list[_Node], Any]:
    """Drawable nodes (no articles) with layout positions; plus the timeline guides or None."""
    keep = [n for n, d in g.nodes(data=True) if d.get("kind") != NodeKind.ARTICLE]
    keepset = set(keep)
    degree = dict.fromkeys(keep, 0)
    for u, v in g.edges():
        if u in keepset and v in keepset:
            degree[u] += 1
            degree[v] += 1
    sizes = {n: _size(str(g.nodes[n].get("kind")), degree[n]) for n in keep}
    guides = None
    if layout == "timeline":
        pos, guides = timeline_layout(g, sizes)
    else:
        pos = network_layout(g)
    out = []
    for n in keep:
        d = g.nodes[n]
        marker, face, edge, hollow = _style(d)
        x, y = pos.get(n, (0.0, 0.0))
        kind = d.get("kind")
        bonus = 0.5 if kind == NodeKind.ACTOR else 0.25 if kind == NodeKind.EVENT else 0.0
        out.append(
            _Node(
                nid=str(n),
                x=float(x),
                y=float(y),
                radius=sizes[n],
                marker=marker,
                face=face,
                edge=edge,
                hollow=hollow,
                label=clean_text(_short(str(d.get("label") or n), 32 if kind == "event" else 40)),
                busy=degree[n] + bonus + float(d.get("support") or 0) * 0.1,
            )
        )
    return out, guides


def _date_span(g: nx.MultiDiGraph) -> str:
    ivs = [
        iv
        for _, d in g.nodes(data=True)
        if d.get("kind") == NodeKind.EVENT and (iv := interval(d)) is not None
    ]
    if not ivs:
        return ""
    lo = min(a for a, _ in ivs)
    hi = max(b for _, b in ivs)
    return (
        month_name(lo)
        if (lo.year, lo.month) == (hi.year, hi.month)
        else (f"{month_name(lo)} – {month_name(hi)}")
    )


def _subtitle(g: nx.MultiDiGraph, layout: Layout) -> str:
    counts: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        counts[str(d.get("kind"))] = counts.get(str(d.get("kind")), 0) + 1
    parts = []
    for kind, word in (
        ("actor", "actor"),
        ("event", "event"),
        ("resolution", "resolution"),
        ("location", "place"),
        ("article", "article"),
    ):
        if counts.get(kind):
            parts.append(f"{counts[kind]:,} {word}{'' if counts[kind] == 1 else 's'}")
    span = _date_span(g)
    if span:
        parts.append(span)
    parts.append("events left to right by date" if layout == "timeline" else "network layout")
    return " · ".join(parts)


def _legend_handles(nodes_attrs: list[Mapping[str, Any]]) -> list[Line2D]:
    facets = [_facets(a) for a in nodes_attrs]
    present = {(f[0], f[1], f[2]) for f in facets}
    hollow = any(f[0] == NodeKind.EVENT and f[3] != EventStatus.OCCURRED for f in facets)

    def handle(marker: str, face: str, edge: str, label: str) -> Line2D:
        return Line2D(
            [],
            [],
            linestyle="none",
            marker=marker,
            markersize=8 * MARKER_SCALE.get(marker, 1.0),
            markerfacecolor=face,
            markeredgecolor=edge,
            markeredgewidth=1.4 if face == "#ffffff" else 0.6,
            label=label,
        )

    out = []
    for t, (label, colour) in ACTOR_TYPES.items():
        if (NodeKind.ACTOR, t, None) in present:
            out.append(handle("o", colour, colour, label))
    for fam, (label, colour) in EVENT_FAMILIES.items():
        if (NodeKind.EVENT, None, fam) in present:
            out.append(handle("D", colour, colour, f"Event: {label}"))
    if hollow:
        out.append(handle("D", "#ffffff", MUTED, "Event not (yet) occurred"))
    for kind in (NodeKind.RESOLUTION, NodeKind.LOCATION):
        if any(f[0] == kind for f in facets):
            label, shape, colour = KINDS[kind]
            m = MARKERS[shape]
            out.append(handle(m, colour, colour, label.rstrip("s") if label != "Places" else label))
    return out


class _Boxes:
    """Boxes in display space, bucketed on a grid so that overlap tests stay cheap."""

    def __init__(self, cell: float = 60.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Bbox]] = {}

    def _keys(self, b: Bbox) -> Iterator[tuple[int, int]]:
        for i in range(math.floor(b.x0 / self.cell), math.floor(b.x1 / self.cell) + 1):
            for j in range(math.floor(b.y0 / self.cell), math.floor(b.y1 / self.cell) + 1):
                yield i, j

    def hits(self, b: Bbox, ignore: Bbox | None = None) -> bool:
        """Whether ``b`` overlaps a stored box (other than ``ignore``)."""
        for key in self._keys(b):
            for other in self.cells.get(key, ()):
                if other is not ignore and b.overlaps(other):
                    return True
        return False

    def add(self, b: Bbox) -> None:
        for key in self._keys(b):
            self.cells.setdefault(key, []).append(b)


def _place_labels(
    fig: Figure, ax: Any, nodes: list[_Node], radius_pt: Mapping[str, float]
) -> list[_Node]:
    """Label the busiest nodes first, under (else over, else beside) their marker.

    A label may not overlap another label or a marker, nor leave the picture; what finds no
    such spot is tried again allowing markers to be covered, and else left unlabelled.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    to_px = ax.transData
    dpi_scale = fig.dpi / 72.0
    frame = ax.get_window_extent(renderer)
    labels = _Boxes()
    markers = _Boxes()
    own: dict[str, Bbox] = {}
    crowded = len(nodes) > RELAXED_MAX
    for n in nodes:
        px, py = to_px.transform((n.x, n.y))
        r = radius_pt[n.nid] * dpi_scale
        own[n.nid] = Bbox.from_extents(px - r, py - r, px + r, py + r)
        if not crowded:  # on crowded pictures labels may cover the markers of unlabelled nodes
            markers.add(own[n.nid])
    done: list[_Node] = []
    ranked = [n for n in sorted(nodes, key=lambda n: (-n.busy, n.label, n.nid)) if n.label]
    pending: list[tuple[_Node, Any, list[tuple[str, str, Bbox, float, float]]]] = []
    for n in ranked[:MAX_LABELS]:
        px, py = to_px.transform((n.x, n.y))
        gap = radius_pt[n.nid] * dpi_scale + 2.5 * dpi_scale
        text = ax.text(
            n.x,
            n.y,
            n.label,
            fontsize=LABEL_PT,
            color=INK,
            parse_math=False,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        w, h = _text_size(text, renderer)
        d = 0.7 * gap
        spots = []  # (ha, va, box, anchor x, anchor y) in display space
        for ha, va, x0, y0, ax_, ay in (
            ("center", "top", px - w / 2, py - gap - h, px, py - gap),  # below
            ("center", "bottom", px - w / 2, py + gap, px, py + gap),  # above
            ("left", "center", px + gap, py - h / 2, px + gap, py),  # right
            ("right", "center", px - gap - w, py - h / 2, px - gap, py),  # left
            ("left", "top", px + d, py - d - h, px + d, py - d),  # diagonals
            ("right", "top", px - d - w, py - d - h, px - d, py - d),
            ("left", "bottom", px + d, py + d, px + d, py + d),
            ("right", "bottom", px - d - w, py + d, px - d, py + d),
        ):
            box = Bbox.from_bounds(x0 - 2, y0 - 1, w + 4, h + 2)
            inside = (
                box.x0 >= frame.x0 - 40
                and box.x1 <= frame.x1 + 40
                and box.y0 >= frame.y0 - 30
                and box.y1 <= frame.y1 + 30
            )
            if inside:
                spots.append((ha, va, box, ax_, ay))
        pending.append((n, text, spots))
    for strict in (True,) if crowded else (True, False):
        rest = []
        for n, text, spots in pending:
            for ha, va, box, x, y in spots:
                if labels.hits(box) or (strict and markers.hits(box, ignore=own[n.nid])):
                    continue
                labels.add(box)
                if crowded:
                    markers.add(own[n.nid])
                text.set_ha(ha)
                text.set_va(va)
                text.set_position(to_px.inverted().transform((x, y)))
                done.append(n)
                break
            else:
                rest.append((n, text, spots))
        pending = rest
    for _, text, _ in pending:
        text.remove()
    return done


def _text_size(text: Any, renderer: Any) -> tuple[float, float]:
    box = text.get_window_extent(renderer)
    return float(box.width), float(box.height)


def _lanes(guides: Any) -> list[Any]:
    """The timeline's lanes that hold drawn nodes (articles are not drawn)."""
    return [ln for ln in guides.lanes if ln.kinds != [NodeKind.ARTICLE]]


def guide_x(guides: Any, d: date, *, end: bool = False) -> float:
    """Where a day falls on the timeline layout's month columns (its start, or its end)."""
    key = f"{d.year:04d}-{d.month:02d}"
    try:
        k = guides.months.index(key)
    except ValueError:
        if not guides.months or key < guides.months[0]:
            return guides.month_x[0] if guides.months else 0.0
        return guides.month_x[-1] + guides.month_w[-1]
    days = monthrange(d.year, d.month)[1]
    return float(guides.month_x[k] + guides.month_w[k] * (d.day - (0 if end else 1)) / days)


def _draw_spans(ax: Any, g: nx.MultiDiGraph, nodes: list[_Node], guides: Any) -> None:
    """A light bar behind each dated event from its first to its last possible day."""
    for n in nodes:
        d = g.nodes[n.nid]
        if d.get("kind") != NodeKind.EVENT:
            continue
        iv = interval(d)
        if iv is None:
            continue
        x0, x1 = guide_x(guides, iv[0]), guide_x(guides, iv[1], end=True)
        if x1 - x0 < 2 * n.radius:
            continue
        ax.plot(
            [x0, x1], [n.y, n.y], color=n.edge, lw=2.2, alpha=0.3, zorder=3, solid_capstyle="butt"
        )
        ax.plot([x0, x0], [n.y - 5, n.y + 5], color=n.edge, lw=1, alpha=0.45, zorder=3)
        ax.plot([x1, x1], [n.y - 5, n.y + 5], color=n.edge, lw=1, alpha=0.45, zorder=3)


def _draw_guides(ax: Any, guides: Any, sx: float) -> None:
    """Month columns and lane bands behind the timeline, as the page draws them."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    left = blended_transform_factory(ax.transAxes, ax.transData)
    for k, lane in enumerate(_lanes(guides)):
        if k % 2 == 1:
            ax.axhspan(lane.y0 - 20, lane.y1 + 20, color="#f1f5f9", zorder=0, lw=0)
        ax.text(
            0.004,
            lane.y0 - 8,
            lane.label.upper(),
            transform=left,
            fontsize=7.5,
            fontweight="bold",
            color="#94a3b8",
            va="bottom",
            ha="left",
            zorder=1,
        )
    last_label = -math.inf
    for ym, x, w in zip(guides.months, guides.month_x, guides.month_w, strict=True):
        if w < 100:  # months without events are squeezed: no column, no label
            continue
        ax.axvline(x, color="#cbd5e1", lw=0.7, zorder=0)
        if (x - last_label) * sx < 60:  # labels need about 60 px of the drawn picture
            continue
        last_label = x
        y, m = (int(p) for p in ym.split("-"))
        ax.text(
            x + 6,
            1.0,
            month_name(date(y, m, 1)),
            transform=top,
            fontsize=8,
            color=MUTED,
            ha="left",
            va="bottom",
            clip_on=False,
        )
    if guides.undated_x is not None:
        ax.axvline(guides.undated_x - 75, color="#cbd5e1", lw=0.7, ls=(0, (3, 3)), zorder=0)
        ax.text(
            guides.undated_x - 69,
            1.0,
            "Undated",
            transform=top,
            fontsize=8,
            color=MUTED,
            ha="left",
            va="bottom",
            clip_on=False,
        )


def _figure_size(w_px: float, h_px: float, uniform: bool) -> tuple[float, float, float, float]:
    """Figure (inches) and x/y scale factors for a layout ``w_px`` by ``h_px``."""
    sx = min(1.0, MAX_W / max(w_px / PX, 1e-9))
    sy = min(1.0, MAX_H / max(h_px / PX, 1e-9))
    if uniform:
        sx = sy = min(sx, sy)
    fw = max(MIN_W, w_px / PX * sx)
    fh = max(MIN_H, h_px / PX * sy)
    return fw, fh, sx, sy


def draw(
    g: Any, *, layout: Layout = "timeline", title: str = "conflictgraph"
) -> tuple[Figure, dict[str, tuple[float, float]]]:
    """The figure, and where each drawn node is (layout px; y grows downwards)."""
    if layout not in ("timeline", "network"):
        raise ValueError(f"layout must be 'timeline' or 'network', not {layout!r}")
    graph = as_nx(g)
    nodes, guides = _nodes(graph, layout)
    by_id = {n.nid: n for n in nodes}
    if nodes:
        pad = 40.0 + max(n.radius for n in nodes)
        x_lo = min(n.x for n in nodes) - pad
        x_hi = max(n.x for n in nodes) + pad
        y_lo = min(n.y for n in nodes) - pad - (20.0 if guides else 0.0)
        y_hi = max(n.y for n in nodes) + pad
    else:
        x_lo, x_hi, y_lo, y_hi = -100.0, 100.0, -100.0, 100.0
    lanes = _lanes(guides) if guides is not None else []
    if lanes:
        x_lo -= 150.0  # room for the lane titles at the left
        y_lo = min(y_lo, lanes[0].y0 - 40)
        y_hi = max(y_hi, lanes[-1].y1 + 10)
    w_px, h_px = x_hi - x_lo, y_hi - y_lo
    fw, fh, sx, sy = _figure_size(w_px, h_px, uniform=layout == "network")
    fig = Figure(figsize=(fw, fh), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_hi, y_lo)  # vis-network's y grows downwards
    if layout == "network":
        ax.set_aspect("equal", adjustable="datalim")
    ax.set_axis_off()
    if guides is not None:
        _draw_guides(ax, guides, sx)
        if sum(1 for n in nodes if n.marker == "D") <= SPANS_MAX:
            _draw_spans(ax, graph, nodes, guides)

    # marker radius in points: layout px → inches at this scale → points; never below 2.5 pt
    scale = min(sx, sy)
    radius_pt = {n.nid: max(2.5, n.radius / PX * scale * 72.0) for n in nodes}

    drawn = [
        (u, v, d)
        for u, v, d in graph.edges(data=True)
        if str(u) in by_id and str(v) in by_id and u != v
    ]
    if len(drawn) <= ARROWS_MAX:
        for u, v, d in drawn:
            a, b = by_id[str(u)], by_id[str(v)]
            colour = EDGE_COLOURS.get(str(d.get("relation")), EDGE_DEFAULT)
            ax.annotate(
                "",
                xy=(b.x, b.y),
                xytext=(a.x, a.y),
                arrowprops={
                    "arrowstyle": "-|>,head_length=0.45,head_width=0.22",
                    "color": colour,
                    "lw": 0.8,
                    "alpha": 0.8,
                    "shrinkA": radius_pt[a.nid] + 1,
                    "shrinkB": radius_pt[b.nid] + 1,
                },
                zorder=2,
                annotation_clip=False,
            )
    else:
        segs = [
            ((by_id[str(u)].x, by_id[str(u)].y), (by_id[str(v)].x, by_id[str(v)].y))
            for u, v, _ in drawn
        ]
        colours = [EDGE_COLOURS.get(str(d.get("relation")), EDGE_DEFAULT) for *_, d in drawn]
        ax.add_collection(
            LineCollection(segs, colors=colours, linewidths=0.4, alpha=0.35, zorder=2)
        )

    by_marker: dict[tuple[str, bool], list[_Node]] = {}
    for n in nodes:
        by_marker.setdefault((n.marker, n.hollow), []).append(n)
    for (marker, hollow), group in sorted(by_marker.items()):
        k = MARKER_SCALE.get(marker, 1.0)
        ax.scatter(
            [n.x for n in group],
            [n.y for n in group],
            s=[(2 * radius_pt[n.nid] * k) ** 2 for n in group],
            marker=marker,
            c=[n.face for n in group],
            edgecolors=[n.edge if hollow else "#ffffff" for n in group],
            linewidths=1.6 if hollow else 0.6,
            zorder=4 if marker == "o" else 5,
        )

    labelled = _place_labels(fig, ax, nodes, radius_pt)

    fig.text(
        0.0,
        1.0 + 0.62 / fh,
        clean_text(title),
        fontsize=14,
        fontweight="bold",
        color=INK,
        ha="left",
        va="bottom",
        parse_math=False,
    )
    note = _subtitle(graph, layout)
    if len(labelled) < len([n for n in nodes if n.label]):
        note += f" · labels on the {len(labelled):,} busiest nodes"
    fig.text(0.0, 1.0 + 0.3 / fh, note, fontsize=9, color=MUTED, ha="left", va="bottom")
    handles = _legend_handles([graph.nodes[n] for n in graph if str(n) in by_id])
    if handles:
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.0 + 0.1 / fw, 1.0),
            frameon=False,
            fontsize=8.5,
            title="Legend",
            title_fontsize=9,
            alignment="left",
            handletextpad=0.4,
            labelspacing=0.7,
        )
    notes = "Size: number of links.\nArrows: actor → event,\nevent → place / resolution."
    if layout == "timeline":
        notes += "\nLight bar: the span of days\nan event's date covers."
    fig.text(
        1.0 + 0.14 / fw,
        0.0,
        notes,
        fontsize=7.5,
        color=MUTED,
        ha="left",
        va="bottom",
    )
    return fig, {n.nid: (n.x, n.y) for n in nodes}


def render(
    g: Any, fmt: Literal["png", "svg"], *, layout: Layout = "timeline", title: str = "conflictgraph"
) -> bytes:
    """The graph drawn as PNG or SVG bytes."""
    with quiet_style():
        fig, _ = draw(g, layout=layout, title=title)
        return save_figure(fig, fmt)


def to_png(
    g: Any, path: Path, *, layout: Layout = "timeline", title: str = "conflictgraph"
) -> dict[str, tuple[float, float]]:
    """Draw the graph to a PNG file (atomically); returns node positions (layout px)."""
    with quiet_style():
        fig, pos = draw(g, layout=layout, title=title)
        atomic_write_bytes(Path(path), save_figure(fig, "png"))
    return pos


def to_svg(
    g: Any, path: Path, *, layout: Layout = "timeline", title: str = "conflictgraph"
) -> dict[str, tuple[float, float]]:
    """Draw the graph to an SVG file (text kept as text, escaped); returns node positions."""
    with quiet_style():
        fig, pos = draw(g, layout=layout, title=title)
        atomic_write_bytes(Path(path), save_figure(fig, "svg"))
    return pos
