"""How fast the HTML page builds in Python and becomes interactive in headless Chromium.

Run: ``.venv/bin/python bench/bench_html.py [SIZES...]`` (default 500 2000 10000 nodes).

For each synthetic graph shaped like ours (docs/graph-json.md) it prints: the Python build time
of ``to_html``, the file size, the browser's time to first drawn network (``window.cgReady``,
milliseconds since navigation start), the longest main-thread task seen during ~3 s after that
(PerformanceObserver ``longtask``; 0 when none over 50 ms), and the time a time-window change
and a layout switch take. Goal: 2,000 nodes interactive within 2 s, no block over 200 ms after
first render.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from conflictgraph.viz import to_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WORDS = [
    "talks",
    "delegation",
    "ceasefire",
    "envoy",
    "ministry",
    "statement",
    "forces",
    "agreement",
    "humanitarian",
    "corridor",
    "sanctions",
    "negotiations",
    "opposition",
    "government",
    "council",
    "resolution",
    "summit",
    "withdrawal",
    "attack",
    "shelling",
    "evacuation",
    "monitoring",
    "guarantor",
    "observers",
    "settlement",
]
ACTOR_TYPES = [
    ("state", 0.15),
    ("igo", 0.05),
    ("person", 0.45),
    ("organisation", 0.15),
    ("armed_group", 0.12),
    ("group", 0.08),
]
ROLES = ["participant", "organizer", "host", "mediator", "guarantor", "source", "target", "speaker"]
STATUSES = ["occurred"] * 8 + ["planned", "proposed", "refused", "reported"]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 26))).capitalize() + "."


def _prov(rng: random.Random, articles: list[str], k: int = 1) -> list[dict[str, Any]]:
    out = []
    for _ in range(k):
        text = _sentence(rng)
        start = rng.randint(0, 4000)
        out.append(
            {
                "article": rng.choice(articles),
                "sentence": rng.randint(0, 40),
                "char_start": start,
                "char_end": start + len(text),
                "text": text,
                "confidence": round(rng.uniform(0.4, 1.0), 2),
            }
        )
    return out


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n`` nodes: 12% articles, 50% events, 30% actors, 6% places, 2% resolutions."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    n_art = max(1, n * 12 // 100)
    n_evt = n * 50 // 100
    n_act = n * 30 // 100
    n_loc = max(1, n * 6 // 100)
    n_res = max(1, n - n_art - n_evt - n_act - n_loc)
    articles = [f"a{i:016x}" for i in range(n_art)]
    base = date(2014, 1, 1)
    for a in articles:
        pub = base + timedelta(days=rng.randint(0, 5 * 365))
        g.add_node(
            a,
            id=a,
            kind="article",
            label=f"Article {a[:6]}",
            aliases=[],
            provenance=[],
            title=_sentence(rng)[:80],
            url=f"https://news.example.org/{a}",
            source=rng.choice(["Press TV", "Reuters", "TASS", "Al Jazeera", "AP"]),
            published=pub.isoformat(),
        )
    actors: list[str] = []
    states: list[str] = []
    igos: list[str] = []
    kinds, weights = zip(*ACTOR_TYPES, strict=True)
    for i in range(n_act):
        t = rng.choices(kinds, weights)[0]
        nid = f"actor:{t}:{i}"
        actors.append(nid)
        if t == "state":
            states.append(nid)
        if t == "igo":
            igos.append(nid)
        g.add_node(
            nid,
            id=nid,
            kind="actor",
            label=f"{t.replace('_', ' ').title()} {i}",
            aliases=[f"alias {i}"],
            provenance=_prov(rng, articles),
            actor_type=t,
            iso3=f"X{i % 100:02d}" if t == "state" else None,
            title="Minister" if t == "person" else None,
            affiliation=None,
            country=None,
            wikidata=None,
        )
    states = states or actors[:1]
    igos = igos or actors[:1]
    for a in actors:
        if g.nodes[a]["actor_type"] == "person" and rng.random() < 0.8:
            s = rng.choice(states)
            g.nodes[a]["affiliation"] = s
            g.add_edge(
                a,
                s,
                key="affiliated_with",
                relation="affiliated_with",
                title="Minister",
                start=None,
                end=None,
                precision=None,
                provenance=_prov(rng, articles),
            )
    locations = [f"location:{i}" for i in range(n_loc)]
    for loc in locations:
        g.add_node(
            loc,
            id=loc,
            kind="location",
            label=f"Town {loc[9:]}",
            aliases=[],
            provenance=_prov(rng, articles),
            country="XXX",
        )
        g.add_edge(loc, rng.choice(states), key="located_in", relation="located_in", provenance=[])
    resolutions = [f"resolution:{i}" for i in range(n_res)]
    for r in resolutions:
        g.add_node(
            r,
            id=r,
            kind="resolution",
            label=f"UNSC {2000 + int(r[11:])}",
            aliases=[],
            provenance=_prov(rng, articles),
            code=f"UNSC {r[11:]}",
            issuer=igos[0],
            adopted="2015-12-18",
        )
        g.add_edge(r, igos[0], key="issued_by", relation="issued_by", provenance=[])
    # A few actors take part in most events (Zipf-like).
    popularity = [1.0 / (k + 1) ** 0.8 for k in range(len(actors))]
    events = [f"event:{i}" for i in range(n_evt)]
    for e in events:
        dated = rng.random() < 0.85
        day = base + timedelta(days=rng.randint(0, 5 * 365 - 1))
        prec = rng.choices(["day", "month", "year"], [0.6, 0.3, 0.1])[0]
        if not dated:
            start = end = None
            prec = None
        elif prec == "day":
            start = day.isoformat()
            end = (day + timedelta(days=rng.choice([0, 0, 1, 2]))).isoformat()
        elif prec == "month":
            start = end = day.isoformat()[:7]
        else:
            start = end = str(day.year)
        code = f"{rng.randint(1, 20):02d}{rng.randint(0, 9)}"
        g.add_node(
            e,
            id=e,
            kind="event",
            label=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {e[6:]}",
            aliases=[],
            provenance=_prov(rng, articles, rng.randint(1, 3)),
            event_type=code,
            cameo_root=code[:2],
            plover=None,
            start=start,
            end=end,
            precision=prec,
            time_text=None,
            location=None,
            status=rng.choice(STATUSES),
            support=rng.randint(1, 3),
        )
        for a in set(rng.choices(actors, popularity, k=rng.randint(2, 4))):
            g.add_edge(
                a,
                e,
                key=f"participant:{rng.choice(ROLES)}",
                relation="participant",
                role=rng.choice(ROLES),
                start=start,
                end=end,
                precision=prec,
                provenance=_prov(rng, articles),
            )
        if rng.random() < 0.7:
            loc = rng.choice(locations)
            g.nodes[e]["location"] = loc
            g.add_edge(e, loc, key="held_in", relation="held_in", provenance=[])
        if rng.random() < 0.08:
            g.add_edge(
                e,
                rng.choice(resolutions),
                key="references",
                relation="references",
                start=start,
                end=end,
                precision=prec,
                provenance=[],
            )
        if rng.random() < 0.05 and len(events) > 1:
            g.add_edge(
                e,
                rng.choice(events[: 1 + events.index(e)]),
                key="about",
                relation="about",
                provenance=[],
            )
        for a in set(rng.choices(articles, k=rng.randint(1, 3))):
            g.add_edge(e, a, key="reported_in", relation="reported_in", provenance=[])
    return g


OBSERVER = """
window.__longtasks = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) {
      window.__longtasks.push([e.startTime, e.duration]);
    });
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
"""


def measure_browser(path: Path) -> dict[str, float]:
    """First render, longest task after it, and two interactions, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})

            def guard(route: Any) -> None:
                url = route.request.url
                if url.split(":", 1)[0] in ("file", "data", "blob", "about"):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            page.route("**/*", guard)
            page.add_init_script(OBSERVER)
            page.goto(path.as_uri(), wait_until="load", timeout=180_000)
            page.wait_for_function("window.cgReady !== undefined", timeout=180_000)
            ready = float(page.evaluate("window.cgReady"))
            page.wait_for_timeout(3000)
            tasks = page.evaluate("window.__longtasks")
            before = max((d for s, d in tasks if s < ready), default=0.0)
            after = max((d for s, d in tasks if s >= ready), default=0.0)
            window = page.evaluate(
                """() => { const n = cg.months.length, t = performance.now();
                cg.setWindow(Math.floor(n / 3), Math.floor(n / 3) + 2);
                return performance.now() - t; }"""
            )
            layout = page.evaluate(
                "() => { const t = performance.now(); cg.setLayout('network'); "
                "return performance.now() - t; }"
            )
        finally:
            browser.close()
    if outside:
        raise SystemExit(f"network requests were made: {outside[:5]}")
    return {
        "ready": ready,
        "before": before,
        "after": after,
        "window": float(window),
        "layout": float(layout),
    }


def main(sizes: list[int]) -> None:
    """Build, save and time a page per size; print one table."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            g = synthetic_graph(n)
            t0 = time.perf_counter()
            page = to_html(g, title=f"synthetic {n}")
            build = time.perf_counter() - t0
            path = Path(tmp) / f"g{n}.html"
            path.write_text(page, encoding="utf-8")
            size = path.stat().st_size
            browser = (
                measure_browser(path)
                if CHROMIUM.exists()
                else dict.fromkeys(("ready", "before", "after", "window", "layout"), float("nan"))
            )
            rows.append((n, g.number_of_nodes(), g.number_of_edges(), build, size, browser))
            print(f"  done {n} nodes", file=sys.stderr)
    print()
    head = (
        f"{'nodes':>7} {'edges':>7} {'build s':>8} {'size MB':>8} {'first render ms':>16} "
        f"{'longest task before/after ms':>29} {'window ms':>10} {'layout ms':>10}"
    )
    print(head)
    print("-" * len(head))
    for _, nodes, edges, build, size, b in rows:
        print(
            f"{nodes:>7} {edges:>7} {build:>8.2f} {size / 1e6:>8.2f} {b['ready']:>16.0f} "
            f"{b['before']:>14.0f} / {b['after']:<12.0f} {b['window']:>10.0f} {b['layout']:>10.0f}"
        )
    if not CHROMIUM.exists():
        print(f"(no browser figures: {CHROMIUM} is missing)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000, 10000])
