"""Node positions for the HTML page, computed in Python so the browser runs no physics.

Two layouts: :func:`timeline_layout` (events left→right by date, actors in lanes) and
:func:`network_layout` (force-directed on small graphs, a cheap hub-and-spiral layout on large
ones). Both return pixel coordinates in vis-network's frame (y grows downwards).
"""

from __future__ import annotations

import math
import re
from calendar import monthrange
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import networkx as nx

from conflictgraph.model import ActorType, NodeKind

__all__ = [
    "Guides",
    "Lane",
    "interval",
    "network_layout",
    "period",
    "timeline_layout",
]

SEED = 20170124
"""Fixed seed: the same graph always gets the same picture."""

SPRING_MAX_NODES = 1500
"""Up to this many (non-article) nodes the network layout is ``networkx.spring_layout``."""

NN_TARGET = 70.0
"""Spring layouts are scaled so that the median distance to the nearest node is this (px)."""

MIN_GAP = 46.0
"""After scaling, nodes closer than this are pushed apart."""

COMPONENT_PAD = 110.0
"""Space between packed components."""

SKELETON_NODES = 400
"""Hubs laid out by force in the cheap layout (below networkx's 500-node scipy threshold)."""

# Timeline geometry, in vis-network pixels.
MONTH_MIN_W = 140.0  # a month holding at least one event
MONTH_EMPTY_W = 28.0  # a month holding none: gaps in the record shrink
EMPTY_RUN_W = 84.0  # a run of more than three empty months shrinks to about this much
EVENT_GAP_X = 150.0
EVENT_MAX_ROWS = 12
ACTOR_GAP_X = 150.0
ACTOR_MAX_ROWS = 4
OTHER_GAP_X = 130.0
OTHER_MAX_ROWS = 3
LANE_GAP = 70.0
ASPECT = 3.0  # a crowded lane may grow rows until its block is about this much wider than tall

LABEL_LINES = 2  # canvas labels wrap onto at most this many lines
LABEL_FONT_MIN = 12.0  # vis-network scales label fonts with node size between these
LABEL_CHAR_EM = 0.56  # average width of a character of the page's sans-serif, in ems
LABEL_LINE_EM = 1.2


def label_fonts(sizes: Iterable[float]) -> tuple[float, float, float]:
    """The smallest and largest node size and the largest label font (22 px when there are
    big hubs, else 16 px): what :func:`label_font` needs, computed once per graph."""
    values = list(sizes)
    lo, hi = min(values, default=10.0), max(values, default=10.0)
    return lo, hi, 22.0 if hi >= 30 else 16.0


def label_font(size: float, fonts: tuple[float, float, float]) -> float:
    """The font vis-network draws a node's label in, in px (its ``scaling.label`` rule:
    linear in the node's value between the smallest and largest node; half way when all
    nodes are one size)."""
    lo, hi, top = fonts
    share = 0.5 if hi == lo else max(0.0, min(1.0, (size - lo) / (hi - lo)))
    return LABEL_FONT_MIN + share * (top - LABEL_FONT_MIN)


def label_chars(gap: float, font: float) -> int:
    """How many characters of a label line fit between neighbours ``gap`` px apart."""
    return max(6, int((gap - 14.0) / (LABEL_CHAR_EM * font)))


_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

Point = tuple[float, float]


def period(value: Any) -> tuple[date, date] | None:
    """The first and last day an ISO 8601 value at any precision covers (``2016-12`` → Dec)."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m is None:
        return None
    try:
        year = int(m[1])
        if m[3] is not None:
            d = date(year, int(m[2]), int(m[3]))
            return d, d
        if m[2] is not None:
            month = int(m[2])
            return date(year, month, 1), date(year, month, monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def interval(attrs: Mapping[str, Any]) -> tuple[date, date] | None:
    """The inclusive day interval of a node's or edge's ``start``/``end``, or None if undated."""
    s = period(attrs.get("start"))
    e = period(attrs.get("end"))
    if s is None and e is None:
        return None
    lo = (s or e)[0]  # type: ignore[index]
    hi = (e or s)[1]  # type: ignore[index]
    return (lo, hi) if lo <= hi else (hi, lo)


def _kind(attrs: Mapping[str, Any]) -> str:
    return str(attrs.get("kind") or "")


@dataclass
class Lane:
    """A horizontal band of the timeline."""

    label: str
    kinds: list[str]  # node kinds the lane holds, so the page can drop it with their filters
    y0: float
    y1: float


@dataclass
class Guides:
    """What the page draws behind the timeline: month columns and lane bands."""

    months: list[str] = field(default_factory=list)  # "2016-12", one per column
    month_x: list[float] = field(default_factory=list)  # left edge of each month
    month_w: list[float] = field(default_factory=list)
    undated_x: float | None = None  # left edge of the undated block
    lanes: list[Lane] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values for the page."""
        return {
            "months": self.months,
            "month_x": [round(x, 1) for x in self.month_x],
            "month_w": [round(w, 1) for w in self.month_w],
            "undated_x": None if self.undated_x is None else round(self.undated_x, 1),
            "lanes": [
                {"label": ln.label, "kinds": ln.kinds, "y0": round(ln.y0, 1), "y1": round(ln.y1, 1)}
                for ln in self.lanes
            ],
        }


def month_span(intervals: Iterable[tuple[date, date]]) -> list[tuple[int, int]]:
    """Every (year, month) from the earliest start to the latest end."""
    ivs = list(intervals)
    if not ivs:
        return []
    lo = min(a for a, _ in ivs)
    hi = max(b for _, b in ivs)
    out = []
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _dodge(
    items: list[tuple[str, float]], gap: float, rows: int
) -> tuple[dict[str, tuple[float, int]], float]:
    """Spread items along x around where they want to be, zig-zagging over ``rows`` rows.

    Neighbours in x order are ``gap / rows`` apart and alternate rows, so items in one row are
    ``gap`` apart; crowded runs are centred on the mean of what they want. Also returns the
    largest shift from a wanted x.
    """
    step = gap / rows
    clusters: list[list[float]] = []  # [start, count, sum of wanted x]
    for _, x in sorted(items, key=lambda t: (t[1], t[0])):
        cur = [x, 1.0, x]
        while clusters and cur[0] < clusters[-1][0] + clusters[-1][1] * step:
            prev = clusters.pop()
            count = prev[1] + cur[1]
            total = prev[2] + cur[2]
            cur = [total / count - (count - 1) * step / 2, count, total]
        clusters.append(cur)
    out: dict[str, tuple[float, int]] = {}
    ordered = sorted(items, key=lambda t: (t[1], t[0]))
    last = [-math.inf] * rows
    worst = 0.0
    k = 0
    for start, count, _ in clusters:
        for i in range(int(count)):
            nid, want = ordered[k]
            k += 1
            x = start + i * step
            worst = max(worst, abs(x - want))
            row = next((r for r in range(rows) if x - last[r] >= gap - 1e-6), -1)
            if row < 0:
                row = min(range(rows), key=last.__getitem__)
            last[row] = x
            out[nid] = (x, row)
    return out, worst


def _spread(
    items: list[tuple[str, float]], gap: float, max_rows: int, tolerance: float
) -> dict[str, tuple[float, int]]:
    """:func:`_dodge` with the fewest rows that keep every item within ``tolerance`` of its x."""
    top = max(1, max_rows)
    best, worst = _dodge(items, gap, top)
    if worst > tolerance:
        return best
    lo, hi = 1, top  # more rows never push items further: bisect for the fewest that do
    while lo < hi:
        mid = (lo + hi) // 2
        placed, worst = _dodge(items, gap, mid)
        if worst <= tolerance:
            hi, best = mid, placed
        else:
            lo = mid + 1
    return best


def _max_rows(count: int, gap: float, row_h: float, base: int) -> int:
    """Rows a lane may use: ``base``, or more when so many items would make it very wide."""
    return max(base, math.ceil(math.sqrt(count * gap / (ASPECT * row_h))))


def _block(ids: list[str], x0: float, gap: float, rows: int, leftwards: bool) -> dict[str, Point]:
    """Nodes with no place in time: a column-major block starting at ``x0``."""
    out: dict[str, Point] = {}
    for k, nid in enumerate(ids):
        col, row = divmod(k, rows)
        out[nid] = (x0 - col * gap if leftwards else x0 + col * gap, float(row))
    return out


def timeline_layout(
    g: nx.MultiDiGraph, sizes: Mapping[str, float]
) -> tuple[dict[str, Point], Guides]:
    """Events left→right by date (undated at the right); actors, then other nodes, in lanes."""
    attrs = {n: d for n, d in g.nodes(data=True)}
    events = [n for n, d in attrs.items() if _kind(d) == NodeKind.EVENT]
    ivs = {n: interval(attrs[n]) for n in events}
    span = month_span(iv for iv in ivs.values() if iv is not None)
    index = {ym: k for k, ym in enumerate(span)}

    def mid(iv: tuple[date, date]) -> date:
        return iv[0] + timedelta(days=(iv[1] - iv[0]).days // 2)

    # Month widths follow how many events sit in each month, so busy months do not spill.
    per_month: dict[int, int] = defaultdict(int)
    for iv in ivs.values():
        if iv is not None:
            m = mid(iv)
            per_month[index[(m.year, m.month)]] += 1
    guides = Guides(months=[f"{y:04d}-{m:02d}" for y, m in span])
    event_rows = _max_rows(len(events), EVENT_GAP_X, 44.0, EVENT_MAX_ROWS)
    run = [0] * len(span)  # length of the run of empty months each month belongs to
    k = 0
    while k < len(span):
        end = k
        while end < len(span) and per_month.get(end, 0) == 0:
            end += 1
        for i in range(k, end):
            run[i] = end - k
        k = max(end, k + 1)
    x = 0.0
    for k in range(len(span)):
        n = per_month.get(k, 0)
        if n:
            w = max(MONTH_MIN_W, EVENT_GAP_X * math.ceil(n / event_rows))
        else:
            w = MONTH_EMPTY_W if run[k] <= 3 else max(4.0, EMPTY_RUN_W / run[k])
        guides.month_x.append(x)
        guides.month_w.append(w)
        x += w
    timeline_end = x

    def x_of(d: date) -> float:
        k = index.get((d.year, d.month))
        if k is None:
            return 0.0 if not span or (d.year, d.month) < span[0] else timeline_end
        days = monthrange(d.year, d.month)[1]
        return guides.month_x[k] + guides.month_w[k] * (d.day - 0.5) / days

    want: dict[str, float] = {}
    for n, iv in ivs.items():
        if iv is not None:
            want[n] = x_of(mid(iv))

    # Other nodes sit over the events they touch; then nodes with no event over their neighbours
    # (a minister over his state); articles, failing both, at their publication date.
    for _ in range(2):
        near: dict[str, list[float]] = defaultdict(list)
        for u, v in g.edges():
            if u in want and v not in want:
                near[v].append(want[u])
            elif v in want and u not in want:
                near[u].append(want[v])
        for n, xs in near.items():
            if n not in ivs:
                want[n] = sum(xs) / len(xs)
    for n, d in attrs.items():
        published = period(d.get("published")) if _kind(d) == NodeKind.ARTICLE else None
        if n not in want and published is not None and span:
            want[n] = x_of(published[0])

    lanes: list[tuple[str, list[str], float, int, str]] = []  # label, ids, gap, rows, kind
    by_type: dict[str, list[str]] = defaultdict(list)
    others: list[str] = []
    articles: list[str] = []
    for n, d in attrs.items():
        kind = _kind(d)
        if kind == NodeKind.ACTOR:
            t = d.get("actor_type")
            key = t if t in (ActorType.STATE, ActorType.IGO, ActorType.PERSON) else "group"
            by_type[str(key)].append(n)
        elif kind == NodeKind.EVENT:
            continue
        elif kind == NodeKind.ARTICLE:
            articles.append(n)
        else:
            others.append(n)
    for key, label in (
        (ActorType.STATE, "States"),
        (ActorType.IGO, "International organisations"),
        (ActorType.PERSON, "People"),
        ("group", "Organisations and groups"),
    ):
        lanes.append((label, by_type.get(str(key), []), ACTOR_GAP_X, ACTOR_MAX_ROWS, "actor"))
    lanes.append(("Events", events, EVENT_GAP_X, EVENT_MAX_ROWS, "event"))
    lanes.append(("Resolutions and places", others, OTHER_GAP_X, OTHER_MAX_ROWS, "other"))
    lanes.append(("Articles", articles, OTHER_GAP_X, OTHER_MAX_ROWS, "article"))

    pos: dict[str, Point] = {}
    y = 0.0
    fonts = label_fonts(sizes.values())
    for label, ids, gap, base_rows, kind in lanes:
        if not ids:
            continue
        # a row holds the largest node and its label below it, wrapped on LABEL_LINES lines
        biggest = max((sizes.get(n, 10.0) for n in ids), default=10.0)
        text_h = LABEL_LINES * LABEL_LINE_EM * label_font(biggest, fonts)
        row_h = max(44.0, 2 * biggest + 8.0 + text_h)
        max_rows = event_rows if kind == "event" else _max_rows(len(ids), gap, row_h, base_rows)
        tolerance = 0.5 * MONTH_MIN_W if kind == "event" else 1.5 * MONTH_MIN_W
        placed = _spread([(n, want[n]) for n in ids if n in want], gap, max_rows, tolerance)
        rows = 1 + max((r for _, r in placed.values()), default=0)
        loose = sorted(
            (n for n in ids if n not in want), key=lambda n: (str(attrs[n].get("label")), n)
        )
        # Nodes with no place in time make a block beside the axis, about as tall as the lane.
        block_rows = min(max_rows, max(rows if placed else 1, math.ceil(math.sqrt(len(loose) / 3))))
        if kind == "event":
            guides.undated_x = timeline_end + EVENT_GAP_X if loose else None
            block = _block(loose, timeline_end + EVENT_GAP_X, gap, block_rows, leftwards=False)
        else:
            block = _block(loose, -gap, gap, block_rows, leftwards=True)
        if loose:
            rows = max(rows, min(len(loose), block_rows))
        for n, (px, r) in placed.items():
            pos[n] = (px, y + row_h * (r + 0.5))
        for n, (px, r) in block.items():
            pos[n] = (px, y + row_h * (r + 0.5))
        kinds = ["resolution", "location"] if kind == "other" else [kind]
        guides.lanes.append(Lane(label, kinds, y, y + rows * row_h))
        y += rows * row_h + LANE_GAP
    return pos, guides


class _Grid:
    """Occupied cells of a square grid, for dropping nodes on free spots near an anchor."""

    golden = math.pi * (3.0 - math.sqrt(5.0))

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.used: set[tuple[int, int]] = set()
        self.resume: dict[tuple[int, int], int] = {}

    def key(self, p: Point) -> tuple[int, int]:
        return (round(p[0] / self.cell), round(p[1] / self.cell))

    def mark(self, p: Point) -> None:
        self.used.add(self.key(p))

    def drop(self, anchor: Point) -> Point:
        """A free spot on a sunflower spiral around ``anchor`` (snapped to a coarse grid).

        Nearby anchors share one spiral and each spiral resumes where it stopped, so filling a
        crowded neighbourhood costs about one step per node.
        """
        coarse = 3 * self.cell
        start = (round(anchor[0] / coarse), round(anchor[1] / coarse))
        cx, cy = start[0] * coarse, start[1] * coarse
        k = self.resume.get(start, 0)
        while True:
            r = self.cell * math.sqrt(k)
            p = (cx + r * math.cos(k * self.golden), cy + r * math.sin(k * self.golden))
            k += 1
            cell = self.key(p)
            if cell not in self.used:
                self.used.add(cell)
                self.resume[start] = k
                return p


def _place_around(
    order: Iterable[str], graph: nx.Graph, pos: dict[str, Point], grid: _Grid
) -> None:
    """Give each node of ``order`` a free spot near the centre of its placed neighbours."""
    for n in order:
        if n in pos:
            continue
        nb = [pos[m] for m in graph[n] if m in pos]
        if nb:
            anchor = (sum(p[0] for p in nb) / len(nb), sum(p[1] for p in nb) / len(nb))
        else:
            anchor = (0.0, 0.0)
        pos[n] = grid.drop(anchor)


def _skeleton_layout(u: nx.Graph, kinds: Mapping[str, str], scale: float) -> dict[str, Point]:
    """Force layout of the busiest non-event nodes, then everything else spiralled around them."""
    hubs = sorted(
        (n for n in u if kinds.get(n) != NodeKind.EVENT), key=lambda n: (-u.degree(n), str(n))
    )[:SKELETON_NODES]
    hubset = set(hubs)
    sk = nx.Graph()
    sk.add_nodes_from(hubs)
    weight: dict[tuple[str, str], int] = defaultdict(int)
    for n in u:
        nb = sorted((m for m in u[n] if m in hubset), key=str)[:8]
        if n in hubset:
            for m in nb:
                weight[(n, m) if str(n) < str(m) else (m, n)] += 1
        else:
            for i, a in enumerate(nb):
                for b in nb[i + 1 :]:
                    weight[(a, b)] += 1
    for (a, b), w in weight.items():
        if a != b:
            sk.add_edge(a, b, weight=1.0 + math.log(w))
    grid = _Grid(cell=44.0)
    pos: dict[str, Point] = {}
    if len(sk) > 1:
        raw = nx.spring_layout(sk, seed=SEED, weight="weight", scale=scale)
        pos = {n: (float(p[0]), float(p[1])) for n, p in raw.items()}
    elif len(sk) == 1:
        pos = {hubs[0]: (0.0, 0.0)}
    for p in pos.values():
        grid.mark(p)
    # Breadth-first from the hubs: each node lands next to the neighbours already placed.
    seen = set(hubs)
    queue = deque(hubs)
    order: list[str] = []
    while queue:
        n = queue.popleft()
        for m in sorted(u[n], key=str):
            if m not in seen:
                seen.add(m)
                order.append(m)
                queue.append(m)
    _place_around(order, u, pos, grid)
    _place_around(sorted((n for n in u if n not in pos), key=str), u, pos, grid)  # unreachable
    return pos


def _spring(sub: nx.Graph) -> dict[str, Point] | None:
    """``spring_layout`` scaled so that nodes have room, then nudged apart; None without scipy."""
    import numpy as np

    try:
        raw = nx.spring_layout(sub, seed=SEED)
    except ImportError:  # networkx needs scipy from 500 nodes on
        return None
    names = list(raw)
    pts = np.array([raw[n] for n in names], dtype=float)
    diff = pts[:, None, :] - pts[None, :, :]
    dist = np.sqrt((diff**2).sum(axis=2))
    np.fill_diagonal(dist, np.inf)
    nearest = float(np.median(dist.min(axis=1)))
    pts *= NN_TARGET / max(nearest, 1e-9)
    for _ in range(40):  # push apart pairs closer than MIN_GAP
        diff = pts[:, None, :] - pts[None, :, :]
        dist = np.sqrt((diff**2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(MIN_GAP - dist, 0.0, None)
        if overlap.max() < 1.0:
            break
        unit = diff / np.maximum(dist, 1e-6)[:, :, None]
        pts += 0.5 * (unit * overlap[:, :, None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, pts, strict=True)}


def _component(sub: nx.Graph, kinds: Mapping[str, str], cheap: bool) -> dict[str, Point]:
    """Positions for one connected component, anywhere in the plane."""
    names = sorted(sub, key=str)
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    if len(names) == 2:
        return {names[0]: (0.0, 0.0), names[1]: (NN_TARGET * 1.5, 0.0)}
    pos = None if cheap else _spring(sub)
    if pos is None:
        pos = _skeleton_layout(sub, kinds, max(200.0, 42.0 * math.sqrt(len(names))))
    return pos


def _pack(pieces: list[dict[str, Point]]) -> dict[str, Point]:
    """Lay component layouts side by side in rows, biggest first, without overlap."""
    boxes = []
    for piece in pieces:
        xs = [p[0] for p in piece.values()]
        ys = [p[1] for p in piece.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + COMPONENT_PAD) * (h + COMPONENT_PAD) for _, _, w, h in boxes)
    limit = max([boxes[0][2] if boxes else 0.0, 1.4 * math.sqrt(area)])
    out: dict[str, Point] = {}
    x = y = row_h = 0.0
    for piece, (x0, y0, w, h) in zip(pieces, boxes, strict=True):
        if x > 0 and x + w > limit:
            x, y, row_h = 0.0, y + row_h + COMPONENT_PAD, 0.0
        for n, (px, py) in piece.items():
            out[n] = (px - x0 + x, py - y0 + y)
        x += w + COMPONENT_PAD
        row_h = max(row_h, h)
    return out


def network_layout(g: nx.MultiDiGraph) -> dict[str, Point]:
    """``spring_layout`` (fixed seed) up to 1,500 nodes, else a cheap hub-and-spiral layout.

    Each connected component is laid out on its own and the components are packed in rows,
    so small islands do not crowd the main graph into the middle of the picture.
    """
    kinds = {n: _kind(d) for n, d in g.nodes(data=True)}
    u = nx.Graph()
    u.add_nodes_from(n for n, k in kinds.items() if k != NodeKind.ARTICLE)
    u.add_edges_from((a, b) for a, b in g.edges() if a != b and a in u and b in u)
    cheap = len(u) > SPRING_MAX_NODES
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(u)),
        key=lambda c: (-len(c), str(c[0])),
    )
    pieces = [_component(u.subgraph(c), kinds, cheap) for c in comps if len(c) > 1]
    singles = [c[0] for c in comps if len(c) == 1]
    if singles:  # isolated nodes: one block in a square grid
        cols = math.ceil(math.sqrt(len(singles)))
        step = NN_TARGET * 1.5
        pieces.append({n: ((k % cols) * step, (k // cols) * step) for k, n in enumerate(singles)})
    pos = _pack(pieces)
    # Articles (hidden until asked for) sit next to the events they report.
    grid = _Grid(cell=40.0)
    for p in pos.values():
        grid.mark(p)
    both_ways = g.to_undirected(as_view=True)
    _place_around(sorted((m for m in g if m not in pos), key=str), both_ways, pos, grid)
    return pos
