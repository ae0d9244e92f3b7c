"""A timeline chart of events by actor (Gantt-like), as PNG (matplotlib) or offline HTML/SVG.

One row per actor that took part in a dated event: states first, then international
organisations, people, and organisations and groups (busiest first within each). Each event is
drawn in every row of its actors, spanning its first to its last possible day (``2016-12`` is
the whole of December; a single day is a diamond), coloured by CAMEO family, hollow when it did
not (yet) occur. Events are numbered by date and listed in a key with their dates and labels.
Undated events have no place on the axis: they are listed separately.

The date axis is linear within each month; stretches with no short event (only long spans, or
nothing) are squeezed and drawn hatched, so that a war since 2011 does not crush a week of talks
into a hair's width.

:func:`chart_layout` computes everything in pixels; :func:`timeline_html` writes it as one
self-contained page with an inline SVG (no script, no network; every string escaped; a
``<title>`` per bar gives the hover text) and :func:`timeline_png` draws it with matplotlib.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("s", kind="actor", label="Iran", actor_type="state")
>>> g.add_node("e", kind="event", label="Talks", start="2017-01-23", end="2017-01-24",
...            status="occurred", cameo_root="04")
>>> g.add_edge("s", "e", key="participant:mediator", relation="participant", role="mediator")
'participant:mediator'
>>> chart = chart_layout(g)
>>> [(r.label, len(chart.marks)) for r in chart.rows]
[('Iran', 1)]
>>> chart.key[0].when
'23–24 Jan 2017'
"""

from __future__ import annotations

import html
import math
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from conflictgraph.model import ActorType, EventStatus, NodeKind, Relation
from conflictgraph.store.files import atomic_write_bytes
from conflictgraph.viz.html import ACTOR_TYPES, EVENT_FAMILIES, STATUSES, cameo_family
from conflictgraph.viz.layout import interval, month_span
from conflictgraph.viz.util import MONTHS, as_nx, clean_text, span_text

__all__ = [
    "KeyEntry",
    "Mark",
    "Row",
    "TimelineChart",
    "Undated",
    "chart_layout",
    "timeline_html",
    "timeline_png",
]

# Geometry, in pixels (the PNG draws 100 of them per inch).
CHART_W = 1000.0  # the time axis
PAD_X = 12.0  # space inside the axis at both ends
LEFT_W = 200.0  # row labels
KEY_W = 440.0  # the numbered list of events, right of the chart
AXIS_H = 40.0  # month labels above the rows
TRACK_H = 18.0  # one line of marks
BAR_H = 12.0
ROW_PAD = 3.0
HEADER_H = 22.0  # a group title ("STATES")
MAX_TRACKS = 6  # a row grows at most this many lines; beyond, marks overlap
POINT_W = 7.0  # spans narrower than this are drawn as a diamond
DIGIT_W = 6.0  # width of one digit of a mark's number
CHAR_W = 7.0  # average width of a tick label character (8 pt)

SHORT_DAYS = 62
"""Events spanning at most this many days need day resolution: their months are kept wide."""

QUIET_W = 0.3
"""Width of a month without short events, relative to one with them."""

RUN_MAX_W = 1.0
"""A run of such months is squeezed to at most this width (hatched as a break)."""

UNDATED_PNG_MAX = 40
"""The PNG lists at most this many undated events (the HTML page lists them all)."""

MAX_KEY = 60
"""At most this many events are numbered and listed (the best supported ones)."""

GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("States", (ActorType.STATE,)),
    ("International organisations", (ActorType.IGO,)),
    ("People", (ActorType.PERSON,)),
    (
        "Organisations and groups",
        (ActorType.ORGANISATION, ActorType.ARMED_GROUP, ActorType.GROUP, "other"),
    ),
]
NO_ACTOR = "No actor shown"

INK = "#1e293b"
MUTED = "#64748b"
GRID = "#e2e8f0"
BAND = "#f8fafc"


@dataclass
class Row:
    """One actor's line of the chart (``actor`` is None for events with no actor shown)."""

    actor: str | None
    label: str
    actor_type: str
    colour: str
    group: str
    y0: float
    y1: float
    tracks: int


@dataclass
class Mark:
    """One event in one actor's row: a bar from ``x0`` to ``x1`` or a diamond at their middle."""

    event: str
    actor: str | None
    row: int
    track: int
    x0: float
    x1: float
    y: float
    point: bool
    colour: str
    hollow: bool
    number: int | None
    number_inside: bool
    title: str  # the hover text, lines joined by newlines

    @property
    def x(self) -> float:
        """The middle of the mark."""
        return (self.x0 + self.x1) / 2


@dataclass
class KeyEntry:
    """A numbered event in the key."""

    number: int
    event: str
    when: str
    label: str
    colour: str
    hollow: bool
    status: str


@dataclass
class Undated:
    """An event with no date: listed under the chart."""

    event: str
    label: str
    actors: list[str]
    status: str
    colour: str
    hollow: bool


@dataclass
class Tick:
    """A month line on the axis, labelled or not."""

    x: float
    label: str | None
    minor: bool = False


@dataclass
class TimelineChart:
    """Everything a renderer needs, in pixels: the axis spans ``0..width``, rows ``0..height``
    (y grows downwards)."""

    width: float
    height: float
    rows: list[Row] = field(default_factory=list)
    headers: list[tuple[str, float, float]] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    breaks: list[tuple[float, float, str]] = field(default_factory=list)
    key: list[KeyEntry] = field(default_factory=list)
    undated: list[Undated] = field(default_factory=list)
    families: list[str] = field(default_factory=list)  # CAMEO families present, legend order
    actor_types: list[str] = field(default_factory=list)
    any_hollow: bool = False
    span: str = ""
    hidden_actors: int = 0  # actors left out past ``max_rows``
    dated_events: int = 0

    def x_of(self, event: str) -> float:
        """The middle of an event's mark (the same in every row)."""
        for m in self.marks:
            if m.event == event:
                return m.x
        raise KeyError(event)


# -- the axis --------------------------------------------------------------------------------


@dataclass
class _Axis:
    months: list[tuple[int, int]]
    x: list[float]
    w: list[float]
    breaks: list[tuple[float, float, str]]

    def at(self, d: date, *, end: bool = False) -> float:
        """x of the start of day ``d`` (or of its end)."""
        if not self.months:
            return CHART_W / 2
        ym = (d.year, d.month)
        if ym < self.months[0]:
            return self.x[0]
        if ym > self.months[-1]:
            return self.x[-1] + self.w[-1]
        k = self.months.index(ym)
        days = (date(d.year + d.month // 12, d.month % 12 + 1, 1) - date(d.year, d.month, 1)).days
        return self.x[k] + self.w[k] * (d.day - (0 if end else 1)) / days


def _axis(ivs: list[tuple[date, date]]) -> _Axis:
    """Month columns over ``CHART_W``: wide where short events need days, squeezed elsewhere."""
    months = month_span(ivs)
    if not months:
        return _Axis([], [], [], [])
    index = {ym: k for k, ym in enumerate(months)}
    active = [False] * len(months)
    for lo, hi in ivs:
        if (hi - lo).days <= SHORT_DAYS:
            for k in range(index[(lo.year, lo.month)], index[(hi.year, hi.month)] + 1):
                active[k] = True
    if not any(active):
        active = [True] * len(months)
    weight = [1.0] * len(months)
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(months):
        if active[k]:
            k += 1
            continue
        end = k
        while end < len(months) and not active[end]:
            end += 1
        n = end - k
        total = min(n * QUIET_W, RUN_MAX_W)
        for i in range(k, end):
            weight[i] = total / n
        if n * QUIET_W > RUN_MAX_W:
            runs.append((k, end - 1))
        k = end
    unit = (CHART_W - 2 * PAD_X) / sum(weight)
    xs, ws = [], []
    x = PAD_X
    for wt in weight:
        xs.append(x)
        ws.append(wt * unit)
        x += wt * unit
    breaks = []
    for a, b in runs:
        y0, m0 = months[a]
        y1, m1 = months[b]
        text = f"{MONTHS[m0 - 1]} {y0} – {MONTHS[m1 - 1]} {y1}: no short events (squeezed)"
        breaks.append((xs[a], xs[b] + ws[b], text))
    return _Axis(months, xs, ws, breaks)


def _ticks(axis: _Axis) -> list[Tick]:
    """Month lines; labels where they fit, months with short events first, then Januaries."""
    out: list[Tick] = []
    taken: list[tuple[float, float]] = []
    candidates = []
    for k, (y, m) in enumerate(axis.months):
        wide = axis.w[k] >= 0.9 * max(axis.w)
        candidates.append((0 if wide else 1 if m == 1 else 2, k, y, m))
    labelled: dict[int, str] = {}
    for _, k, y, m in sorted(candidates):
        label = f"{MONTHS[m - 1]} {y}" if m == 1 or axis.w[k] >= 60 else str(y)
        if m != 1 and axis.w[k] < 60:
            continue  # a squeezed month: only Januaries name their year
        x0 = axis.x[k] + 3
        x1 = x0 + CHAR_W * len(label)
        if x1 > CHART_W + 20 or any(x0 < b + 8 and a < x1 + 8 for a, b in taken):
            continue
        taken.append((x0, x1))
        labelled[k] = label
    for k in range(len(axis.months)):
        squeezed = any(x0 < axis.x[k] < x1 - 1e-6 for x0, x1, _ in axis.breaks)
        if (axis.w[k] >= 12 and not squeezed) or k in labelled:
            out.append(Tick(axis.x[k], labelled.get(k)))
        if axis.w[k] >= 120:  # days 8, 15, 22 of wide months
            y, m = axis.months[k]
            for day in (8, 15, 22):
                out.append(Tick(axis.at(date(y, m, day)), str(day), minor=True))
    if axis.months:
        out.append(Tick(axis.x[-1] + axis.w[-1], None))
    return out


# -- rows and marks --------------------------------------------------------------------------


def _group_of(actor_type: str) -> int:
    for k, (_, types) in enumerate(GROUPS):
        if actor_type in types:
            return k
    return len(GROUPS) - 1


def _hover(
    label: str,
    when: str,
    status: str,
    attrs: Mapping[str, Any],
    actor: str | None,
    roles: Iterable[str],
    others: list[str],
) -> str:
    family = EVENT_FAMILIES[cameo_family(attrs)][0]
    code = clean_text(attrs.get("event_type") or attrs.get("cameo_root") or "")
    lines = [label, f"{when} · {status}", f"{family}" + (f", CAMEO {code}" if code else "")]
    if actor is not None:
        r = ", ".join(sorted(set(roles)))
        lines.append(f"{actor}" + (f" as {r}" if r else ""))
    if others:
        shown = others[:8]
        more = f" and {len(others) - 8} more" if len(others) > 8 else ""
        lines.append(("With " if actor is not None else "Actors: ") + ", ".join(shown) + more)
    support = attrs.get("support")
    if isinstance(support, int) and support > 0:
        lines.append(f"{support} article{'s' if support != 1 else ''}")
    return "\n".join(lines)


def chart_layout(g: Any, *, max_rows: int = 80) -> TimelineChart:
    """Rows, marks, axis and key of the timeline chart of ``g`` (a graph or ConflictGraph)."""
    graph = as_nx(g)
    attrs = dict(graph.nodes(data=True))
    events = [n for n, d in attrs.items() if d.get("kind") == NodeKind.EVENT]
    parts: dict[Any, dict[Any, list[str]]] = {e: {} for e in events}  # event → actor → roles
    for u, v, d in graph.edges(data=True):
        if (
            d.get("relation") == Relation.PARTICIPANT
            and v in parts
            and attrs.get(u, {}).get("kind") == NodeKind.ACTOR
        ):
            parts[v].setdefault(u, [])
            if d.get("role"):
                parts[v][u].append(clean_text(d["role"]))

    def label_of(n: Any) -> str:
        return clean_text(attrs[n].get("label") or n) or str(n)

    def status_of(n: Any) -> str:
        s = attrs[n].get("status")
        return str(s) if s in STATUSES else "unknown"

    ivs = {e: interval(attrs[e]) for e in events}
    dated = sorted(
        (e for e in events if ivs[e] is not None),
        key=lambda e: (ivs[e], label_of(e), str(e)),  # type: ignore[arg-type]
    )
    axis = _axis([ivs[e] for e in dated])  # type: ignore[misc]
    chart = TimelineChart(width=CHART_W, height=0.0, dated_events=len(dated))
    chart.ticks = _ticks(axis)
    chart.breaks = axis.breaks
    if dated:
        lo = min(ivs[e][0] for e in dated)  # type: ignore[index]
        hi = max(ivs[e][1] for e in dated)  # type: ignore[index]
        last = date(hi.year, hi.month, monthrange(hi.year, hi.month)[1])
        chart.span = span_text(date(lo.year, lo.month, 1), last)  # whole months: "Dec 2016 – …"

    # which events get a number: all when few, else the best supported
    numbered = dated
    if len(dated) > MAX_KEY:
        best = sorted(
            dated,
            key=lambda e: (-int(attrs[e].get("support") or 0), -len(parts[e]), ivs[e], str(e)),
        )[:MAX_KEY]
        keep = set(best)
        numbered = [e for e in dated if e in keep]
    number = {e: k + 1 for k, e in enumerate(numbered)}

    def colour(e: Any) -> str:
        return EVENT_FAMILIES[cameo_family(attrs[e])][1]

    def hollow(e: Any) -> bool:
        return status_of(e) != EventStatus.OCCURRED

    for e in numbered:
        lo, hi = ivs[e]  # type: ignore[misc]
        chart.key.append(
            KeyEntry(
                number[e],
                str(e),
                span_text(lo, hi),
                label_of(e),
                colour(e),
                hollow(e),
                STATUSES[status_of(e)],
            )
        )
    for e in sorted((e for e in events if ivs[e] is None), key=lambda e: (label_of(e), str(e))):
        chart.undated.append(
            Undated(
                str(e),
                label_of(e),
                sorted(label_of(a) for a in parts[e]),
                STATUSES[status_of(e)],
                colour(e),
                hollow(e),
            )
        )
    fams = {cameo_family(attrs[e]) for e in events}
    chart.families = [f for f in EVENT_FAMILIES if f in fams]
    chart.any_hollow = any(hollow(e) for e in events)

    # rows: actors with a dated event, busiest first; the rest of the cap are left out
    by_actor: dict[Any, list[Any]] = defaultdict(list)
    for e in dated:
        for a in parts[e]:
            by_actor[a].append(e)
    ranked = sorted(by_actor, key=lambda a: (-len(by_actor[a]), label_of(a), str(a)))
    shown = ranked[:max_rows]
    chart.hidden_actors = len(ranked) - len(shown)
    shown_set = set(shown)

    def actor_type(a: Any) -> str:
        t = attrs[a].get("actor_type")
        return str(t) if t in ACTOR_TYPES else "other"

    present_types = {actor_type(a) for a in shown}
    chart.actor_types = [t for t in ACTOR_TYPES if t in present_types]
    orphans = [e for e in dated if not any(a in shown_set for a in parts[e])]
    lines: list[tuple[int, Any]] = sorted(
        ((_group_of(actor_type(a)), a) for a in shown),
        key=lambda t: (t[0], -len(by_actor[t[1]]), label_of(t[1]), str(t[1])),
    )
    y = 0.0
    current = -1
    for grp, a in [*lines, *([(len(GROUPS), None)] if orphans else [])]:
        if grp != current:
            current = grp
            title = GROUPS[grp][0] if grp < len(GROUPS) else "Other events"
            chart.headers.append((title, y, y + HEADER_H))
            y += HEADER_H
        row_events = by_actor[a] if a is not None else orphans
        row = Row(
            actor=None if a is None else str(a),
            label=label_of(a) if a is not None else NO_ACTOR,
            actor_type=actor_type(a) if a is not None else "other",
            colour=ACTOR_TYPES[actor_type(a)][1] if a is not None else "#cbd5e1",
            group=title,
            y0=y,
            y1=y,
            tracks=1,
        )
        k = len(chart.rows)
        chart.rows.append(row)
        # pack the row's marks into lines so that none covers another or its number
        ends: list[float] = []
        placed: list[tuple[Any, float, float, bool, bool, int]] = []
        for e in row_events:
            lo, hi = ivs[e]  # type: ignore[misc]
            x0, x1 = axis.at(lo), axis.at(hi, end=True)
            point = x1 - x0 < POINT_W
            if point:
                mid = (x0 + x1) / 2
                x0, x1 = mid - BAR_H / 2, mid + BAR_H / 2
            num_w = DIGIT_W * len(str(number[e])) + 4 if e in number else 0.0
            inside = not point and x1 - x0 >= num_w + 6
            right = x1 + (0 if inside or not num_w else num_w + 2) + 3
            free = [t for t, end in enumerate(ends) if end <= x0]
            if free:
                t = free[0]
            elif len(ends) < MAX_TRACKS:
                t = len(ends)
                ends.append(-math.inf)
            else:
                t = min(range(len(ends)), key=ends.__getitem__)
            ends[t] = max(ends[t], right)
            placed.append((e, x0, x1, point, inside, t))
        row.tracks = max(1, len(ends))
        row.y1 = y + row.tracks * TRACK_H + 2 * ROW_PAD
        for e, x0, x1, point, inside, t in placed:
            others = [label_of(o) for o in parts[e] if o != a]
            when = span_text(*ivs[e])  # type: ignore[misc]
            chart.marks.append(
                Mark(
                    event=str(e),
                    actor=row.actor,
                    row=k,
                    track=t,
                    x0=x0,
                    x1=x1,
                    y=y + ROW_PAD + (t + 0.5) * TRACK_H,
                    point=point,
                    colour=colour(e),
                    hollow=hollow(e),
                    number=number.get(e),
                    number_inside=inside,
                    title=_hover(
                        label_of(e),
                        when,
                        STATUSES[status_of(e)].lower(),
                        attrs[e],
                        label_of(a) if a is not None else None,
                        parts[e].get(a, []) if a is not None else [],
                        sorted(others),
                    ),
                )
            )
        y = row.y1
    chart.height = y
    return chart


# -- HTML -------------------------------------------------------------------------------------


def _e(text: Any) -> str:
    """Escaped text for HTML/SVG content and attributes."""
    return html.escape(str(text), quote=True)


def _title_text(text: str) -> str:
    return "\n".join(_e(clean_text(line)) for line in text.split("\n"))


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _diamond(cx: float, cy: float, r: float) -> str:
    return (
        f"M{_f(cx)} {_f(cy - r)}L{_f(cx + r)} {_f(cy)}L{_f(cx)} {_f(cy + r)}L{_f(cx - r)} {_f(cy)}Z"
    )


def _svg(chart: TimelineChart) -> str:
    """The chart as an inline SVG element (row labels at the left, months on top)."""
    left, top = LEFT_W, AXIS_H
    w = left + chart.width + 16
    h = top + chart.height + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cg-tl" width="{_f(w)}" '
        f'height="{_f(h)}" viewBox="0 0 {_f(w)} {_f(h)}" role="img" '
        'aria-label="Timeline of events by actor">'
    ]
    out.append(
        '<defs><pattern id="cg-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f8fafc"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#e2e8f0" stroke-width="2"/></pattern></defs>'
    )
    out.append(f'<g transform="translate({_f(left)} {_f(top)})">')
    for k, r in enumerate(chart.rows):
        if k % 2 == 1:
            out.append(
                f'<rect class="band" x="{_f(-left)}" y="{_f(r.y0)}" '
                f'width="{_f(left + chart.width)}" height="{_f(r.y1 - r.y0)}"/>'
            )
    for x0, x1, text in chart.breaks:
        out.append(
            f'<rect class="break" x="{_f(x0)}" y="-6" width="{_f(x1 - x0)}" '
            f'height="{_f(chart.height + 6)}"><title>{_e(text)}</title></rect>'
        )
    for t in chart.ticks:
        cls = "minor" if t.minor else "tick"
        out.append(
            f'<line class="{cls}" x1="{_f(t.x)}" x2="{_f(t.x)}" y1="-6" y2="{_f(chart.height)}"/>'
        )
        if t.label is not None:
            if t.minor:
                out.append(f'<text class="day" x="{_f(t.x)}" y="-4">{_e(t.label)}</text>')
            else:
                out.append(f'<text class="month" x="{_f(t.x + 3)}" y="-20">{_e(t.label)}</text>')
    for title, y0, _ in chart.headers:
        out.append(
            f'<text class="group" x="{_f(-left + 6)}" y="{_f(y0 + 15)}">{_e(title.upper())}</text>'
        )
    for r in chart.rows:
        cy = (r.y0 + r.y1) / 2
        out.append(
            f'<circle cx="{_f(-left + 12)}" cy="{_f(cy)}" r="4.5" fill="{r.colour}"/>'
            f'<text class="actor" x="{_f(-left + 22)}" y="{_f(cy + 4)}">'
            f"<title>{_e(r.label)}</title>{_e(_clip(r.label, 26))}</text>"
        )
    index = _event_index(chart)
    for m in chart.marks:
        fill = "#ffffff" if m.hollow else m.colour
        cls = f"m e{index[m.event]}"
        out.append(f'<g class="{cls}"><title>{_title_text(m.title)}</title>')
        if m.point:
            out.append(
                f'<path d="{_diamond(m.x, m.y, BAR_H / 2 + 1)}" fill="{fill}" stroke="{m.colour}"'
                f' stroke-width="{1.6 if m.hollow else 1}"/>'
            )
        else:
            out.append(
                f'<rect x="{_f(m.x0)}" y="{_f(m.y - BAR_H / 2)}" width="{_f(m.x1 - m.x0)}" '
                f'height="{_f(BAR_H)}" rx="2" fill="{fill}" stroke="{m.colour}" '
                f'stroke-width="{1.6 if m.hollow else 1}"/>'
            )
        if m.number is not None:
            if m.number_inside:
                colour = m.colour if m.hollow else "#ffffff"
                out.append(
                    f'<text class="num" x="{_f(m.x0 + 4)}" y="{_f(m.y + 3.5)}" '
                    f'fill="{colour}">{m.number}</text>'
                )
            else:
                out.append(
                    f'<text class="num" x="{_f(m.x1 + 2)}" y="{_f(m.y + 3.5)}" '
                    f'fill="{INK}">{m.number}</text>'
                )
        out.append("</g>")
    out.append("</g></svg>")
    return "".join(out)


def _event_index(chart: TimelineChart) -> dict[str, int]:
    """A small number per event drawn, for the CSS classes that join its marks."""
    index: dict[str, int] = {}
    for m in chart.marks:
        index.setdefault(m.event, len(index))
    return index


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _swatch(colour: str, hollow: bool, shape: str = "bar") -> str:
    fill = "#ffffff" if hollow else colour
    if shape == "diamond":
        return (
            f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="'
            f'{_diamond(7, 7, 6)}" fill="{fill}" stroke="{colour}" stroke-width="1.4"/></svg>'
        )
    if shape == "dot":
        return (
            f'<svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
            f'<circle cx="6" cy="6" r="5" fill="{colour}"/></svg>'
        )
    return (
        f'<svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true"><rect x="1" y="1"'
        f' width="20" height="10" rx="2" fill="{fill}" stroke="{colour}" stroke-width="1.4"/>'
        "</svg>"
    )


CSS = """
body{margin:0;font:13px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,
sans-serif;color:#1e293b;background:#fff}
main{padding:18px 22px}
h1{font-size:20px;margin:0 0 2px}
.sub{color:#64748b;margin:0 0 14px}
.wrap{display:flex;flex-wrap:wrap;gap:18px 28px;align-items:flex-start}
.chart{overflow-x:auto;max-width:100%}
svg.cg-tl text{font-family:inherit}
.band{fill:#f8fafc}
.break{fill:url(#cg-hatch);stroke:none}
.tick{stroke:#cbd5e1;stroke-width:1}
.minor{stroke:#eef2f6;stroke-width:1}
.month{font-size:12px;fill:#475569}
.day{font-size:10px;fill:#94a3b8;text-anchor:middle}
.group{font-size:10.5px;font-weight:700;fill:#94a3b8;letter-spacing:.04em}
.actor{font-size:12.5px;fill:#1e293b}
.num{font-size:10px;font-weight:700;pointer-events:none}
.m{cursor:default}
.m:hover rect,.m:hover path{stroke:#0f172a;stroke-width:2}
aside{flex:1 1 300px;max-width:460px}
h2{font-size:13px;margin:14px 0 6px;color:#475569;text-transform:uppercase;letter-spacing:.04em}
ul{list-style:none;margin:0;padding:0}
li{display:flex;gap:6px;align-items:center;margin:2px 0}
.key li{align-items:baseline}
.n{display:inline-block;min-width:22px;text-align:center;border-radius:3px;font-weight:700;
font-size:11px;color:#fff;border:1.5px solid;padding:0 2px}
.when{color:#64748b;min-width:118px;white-space:nowrap}
.muted{color:#64748b}
"""


def to_timeline_html(g: Any, *, title: str = "conflictgraph") -> tuple[str, TimelineChart]:
    """The timeline chart as one self-contained HTML page (no script, no network), and its
    layout."""
    chart = chart_layout(g, max_rows=400)
    parts = [
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="generator" content="conflictgraph">\n',
        f"<title>{_e(clean_text(title))} — timeline</title>\n",
        f"<style>{CSS}{_hover_css(chart)}</style>\n</head>\n<body>\n<main>\n",
        f"<h1>{_e(clean_text(title))}</h1>\n",
        f'<p class="sub">{_e(_summary(chart))}</p>\n',
        '<div class="wrap">\n<div class="chart">',
        _svg(chart) if chart.rows else '<p class="muted">No dated event with an actor.</p>',
        "</div>\n<aside>\n",
        _legend_html(chart),
        _key_html(chart),
        _undated_html(chart),
        "</aside>\n</div>\n</main>\n</body>\n</html>\n",
    ]
    return "".join(parts), chart


def _hover_css(chart: TimelineChart) -> str:
    """Hovering an event's mark outlines the same event in its other actors' rows."""
    n = len({m.event for m in chart.marks})
    if n > 400:
        return ""
    return "".join(
        f".cg-tl:has(.e{k}:hover) .e{k} :is(rect,path){{stroke:#0f172a;stroke-width:2}}"
        for k in range(n)
    )


def _summary(chart: TimelineChart) -> str:
    actors = sum(1 for r in chart.rows if r.actor is not None)
    parts = [_plural(actors, "actor"), _plural(chart.dated_events, "dated event")]
    if chart.span:
        parts.append(chart.span)
    if chart.undated:
        parts.append(f"{len(chart.undated)} undated")
    if chart.hidden_actors:
        parts.append(f"{chart.hidden_actors} actors with fewer events not shown")
    parts.append("hover a bar for its event")
    return " · ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _legend_html(chart: TimelineChart) -> str:
    items = []
    for fam in chart.families:
        label, colour = EVENT_FAMILIES[fam]
        items.append(f"<li>{_swatch(colour, False)} {_e(label)}</li>")
    items.append(f"<li>{_swatch(MUTED, False)} occurred</li>")
    if chart.any_hollow:
        items.append(f"<li>{_swatch(MUTED, True)} planned, proposed, refused, denied…</li>")
    items.append(
        f"<li>{_swatch(MUTED, False, 'diamond')} a single day; a bar spans all the days a date "
        "may mean</li>"
    )
    for t in chart.actor_types:
        label, colour = ACTOR_TYPES[t]
        items.append(f"<li>{_swatch(colour, False, 'dot')} {_e(label)}</li>")
    if chart.breaks:
        items.append(
            '<li><svg width="22" height="12" aria-hidden="true"><rect width="22" height="12" '
            'fill="url(#cg-hatch)"/></svg> squeezed: months with no short event</li>'
        )
    return f'<h2>Legend</h2>\n<ul class="legend">{"".join(items)}</ul>\n'


def _key_html(chart: TimelineChart) -> str:
    if not chart.key:
        return ""
    items = []
    for k in chart.key:
        style = (
            f"background:#fff;color:{k.colour};border-color:{k.colour}"
            if k.hollow
            else f"background:{k.colour};border-color:{k.colour}"
        )
        status = (
            ""
            if k.status == "Occurred"
            else f' <span class="muted">({_e(k.status.lower())})</span>'
        )
        items.append(
            f'<li><span class="n" style="{style}">{k.number}</span>'
            f'<span class="when">{_e(k.when)}</span><span>{_e(k.label)}{status}</span></li>'
        )
    more = chart.dated_events - len(chart.key)
    note = f'<p class="muted">{more} less reported events are not numbered.</p>' if more else ""
    return f'<h2>Events</h2>\n<ul class="key">{"".join(items)}</ul>\n{note}'


def _undated_html(chart: TimelineChart) -> str:
    if not chart.undated:
        return ""
    items = []
    for u in chart.undated:
        who = f' <span class="muted">— {_e(", ".join(u.actors))}</span>' if u.actors else ""
        status = (
            ""
            if u.status == "Occurred"
            else f' <span class="muted">({_e(u.status.lower())})</span>'
        )
        items.append(
            f"<li>{_swatch(u.colour, u.hollow, 'diamond')} {_e(u.label)}{status}{who}</li>"
        )
    return f'<h2>Undated events</h2>\n<ul class="undated">{"".join(items)}</ul>\n'


def timeline_html(g: Any, path: Path, *, title: str = "conflictgraph") -> TimelineChart:
    """Write the timeline chart as a self-contained HTML page (atomically); returns its layout."""
    page, chart = to_timeline_html(g, title=title)
    atomic_write_bytes(Path(path), page.encode("utf-8"))
    return chart


# -- PNG ----------------------------------------------------------------------------------------


def timeline_png(g: Any, path: Path, *, title: str = "conflictgraph") -> TimelineChart:
    """Draw the timeline chart to a PNG file with matplotlib (atomically); returns its layout."""
    from conflictgraph.viz.static import quiet_style, save_figure

    chart = chart_layout(g, max_rows=80)
    with quiet_style():
        fig = _figure(chart, title)
        atomic_write_bytes(Path(path), save_figure(fig, "png"))
    return chart


def _figure(chart: TimelineChart, title: str) -> Any:
    """The matplotlib figure of a chart: 100 chart pixels to the inch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon, Rectangle

    px = 100.0
    top_h = 70.0  # title and subtitle
    key_rows = len(chart.key) + (
        min(len(chart.undated), UNDATED_PNG_MAX) + 3 if chart.undated else 0
    )
    legend_rows = len(chart.families) + 3 + (1 if chart.any_hollow else 0)
    side_h = (legend_rows + key_rows + 4) * 16.0
    body_h = max(AXIS_H + chart.height + 10, side_h, 200.0)
    fig_w = LEFT_W + chart.width + 30 + KEY_W
    fig_h = top_h + body_h
    fig = Figure(figsize=(fig_w / px, fig_h / px), dpi=150, facecolor="white")
    FigureCanvasAgg(fig)

    def frac(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        return (x / fig_w, 1 - (y + h) / fig_h, w / fig_w, h / fig_h)

    # the chart: data units are chart pixels, y downwards, row labels at negative x
    ax = fig.add_axes(frac(LEFT_W, top_h + AXIS_H, chart.width, max(chart.height, 1.0)))
    ax.set_xlim(0, chart.width)
    ax.set_ylim(max(chart.height, 1.0), 0)
    ax.set_axis_off()
    for k, r in enumerate(chart.rows):
        if k % 2 == 1:
            ax.add_patch(
                Rectangle(
                    (-LEFT_W, r.y0),
                    LEFT_W + chart.width,
                    r.y1 - r.y0,
                    fc=BAND,
                    ec="none",
                    zorder=0,
                    clip_on=False,
                )
            )
    for x0, x1, _ in chart.breaks:
        ax.add_patch(
            Rectangle(
                (x0, -6),
                x1 - x0,
                chart.height + 6,
                fc="#f8fafc",
                ec="#e2e8f0",
                hatch="////",
                lw=0,
                zorder=0.5,
                clip_on=False,
            )
        )
    for t in chart.ticks:
        ax.plot(
            [t.x, t.x],
            [-6 if not t.minor else 0, chart.height],
            color="#eef2f6" if t.minor else "#cbd5e1",
            lw=0.8,
            zorder=0.6,
            clip_on=False,
        )
        if t.label is None:
            continue
        if t.minor:
            ax.text(
                t.x,
                -3,
                t.label,
                fontsize=6.5,
                color="#94a3b8",
                ha="center",
                va="bottom",
                clip_on=False,
            )
        else:
            ax.text(
                t.x + 3,
                -20,
                t.label,
                fontsize=8.5,
                color="#475569",
                ha="left",
                va="bottom",
                clip_on=False,
            )
    for text, y0, _ in chart.headers:
        ax.text(
            -LEFT_W + 6,
            y0 + 15,
            text.upper(),
            fontsize=7.5,
            fontweight="bold",
            color="#94a3b8",
            ha="left",
            va="baseline",
            clip_on=False,
        )
    for r in chart.rows:
        cy = (r.y0 + r.y1) / 2
        ax.plot([-LEFT_W + 12], [cy], marker="o", ms=6, color=r.colour, clip_on=False)
        ax.text(
            -LEFT_W + 22,
            cy,
            _clip(r.label, 28),
            fontsize=8.5,
            color=INK,
            ha="left",
            va="center",
            clip_on=False,
            parse_math=False,
        )
    for m in chart.marks:
        fill = "#ffffff" if m.hollow else m.colour
        lw = 1.4 if m.hollow else 0.6
        if m.point:
            r = BAR_H / 2 + 1
            ax.add_patch(
                Polygon(
                    [(m.x, m.y - r), (m.x + r, m.y), (m.x, m.y + r), (m.x - r, m.y)],
                    closed=True,
                    fc=fill,
                    ec=m.colour,
                    lw=lw,
                    zorder=3,
                )
            )
        else:
            ax.add_patch(
                Rectangle(
                    (m.x0, m.y - BAR_H / 2),
                    m.x1 - m.x0,
                    BAR_H,
                    fc=fill,
                    ec=m.colour,
                    lw=lw,
                    zorder=2,
                )
            )
        if m.number is not None:
            inside = m.number_inside
            ax.text(
                m.x0 + 4 if inside else m.x1 + 2,
                m.y,
                str(m.number),
                fontsize=6.5,
                fontweight="bold",
                color=(m.colour if m.hollow else "#ffffff") if inside else INK,
                ha="left",
                va="center",
                zorder=4,
                clip_on=False,
            )

    # title, subtitle
    fig.text(
        10 / fig_w,
        1 - 28 / fig_h,
        clean_text(title),
        fontsize=14,
        fontweight="bold",
        color=INK,
        ha="left",
        va="baseline",
        parse_math=False,
    )
    sub = _summary(chart).replace(" · hover a bar for its event", "")
    fig.text(
        10 / fig_w,
        1 - 50 / fig_h,
        sub,
        fontsize=9,
        color=MUTED,
        ha="left",
        va="baseline",
        parse_math=False,
    )

    # the side column: legend, key, undated events (units: pixels from its top-left)
    side = fig.add_axes(frac(LEFT_W + chart.width + 30, top_h, KEY_W - 10, body_h))
    side.set_xlim(0, KEY_W - 10)
    side.set_ylim(body_h, 0)
    side.set_axis_off()
    y = 14.0

    def heading(text: str) -> None:
        nonlocal y
        side.text(
            0, y, text.upper(), fontsize=7.5, fontweight="bold", color="#94a3b8", va="baseline"
        )
        y += 16

    def bar(x: float, colour: str, hollow: bool) -> None:
        side.add_patch(
            Rectangle((x, y - 9), 18, 9, fc="#ffffff" if hollow else colour, ec=colour, lw=1.2)
        )

    def line(x: float, text: str, colour: str = INK) -> None:
        nonlocal y
        side.text(x, y, text, fontsize=8, color=colour, va="baseline", parse_math=False)
        y += 16

    heading("Legend")
    for fam in chart.families:
        label, colour = EVENT_FAMILIES[fam]
        bar(0, colour, False)
        line(26, label)
    bar(0, MUTED, False)
    line(26, "occurred")
    if chart.any_hollow:
        bar(0, MUTED, True)
        line(26, "planned, proposed, refused, denied…")
    r = 5.5
    side.add_patch(
        Polygon(
            [(9, y - 4.5 - r), (9 + r, y - 4.5), (9, y - 4.5 + r), (9 - r, y - 4.5)],
            closed=True,
            fc=MUTED,
            ec=MUTED,
        )
    )
    line(26, "a single day; a bar spans all the days a date may mean")
    if chart.breaks:
        side.add_patch(Rectangle((0, y - 9), 18, 9, fc="#f8fafc", ec="#e2e8f0", hatch="////", lw=0))
        line(26, "squeezed: months with no short event")
    y += 8
    if chart.key:
        heading("Events")
        for k in chart.key:
            fill = "#ffffff" if k.hollow else k.colour
            side.text(
                10,
                y,
                str(k.number),
                fontsize=7,
                fontweight="bold",
                color=k.colour if k.hollow else "#ffffff",
                ha="center",
                va="baseline",
                bbox={"boxstyle": "round,pad=0.2", "fc": fill, "ec": k.colour, "lw": 1},
                zorder=3,
            )
            side.text(26, y, k.when, fontsize=8, color=MUTED, va="baseline")
            status = "" if k.status == "Occurred" else f" ({k.status.lower()})"
            line(164, _clip(k.label + status, 48))
        more = chart.dated_events - len(chart.key)
        if more:
            line(0, f"{more} less reported events are not numbered.", MUTED)
        y += 8
    if chart.undated:
        heading("Undated events (not on the axis)")
        for u in chart.undated[:UNDATED_PNG_MAX]:
            who = f" — {', '.join(u.actors)}" if u.actors else ""
            status = "" if u.status == "Occurred" else f" ({u.status.lower()})"
            line(0, _clip(f"• {u.label}{status}{who}", 70))
        if len(chart.undated) > UNDATED_PNG_MAX:
            line(0, f"and {len(chart.undated) - UNDATED_PNG_MAX:,} more", MUTED)
    return fig
