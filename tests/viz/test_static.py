"""Pictures for print (PNG/SVG) and the timeline chart (PNG, offline HTML), in pure Python."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import networkx as nx
import pytest
from defusedxml import ElementTree
from PIL import Image

from conflictgraph.cli import FORMATS, write_outputs
from conflictgraph.graph import ConflictGraph
from conflictgraph.viz import timeline_html, timeline_png, to_png, to_svg
from conflictgraph.viz.static import render
from conflictgraph.viz.timeline import chart_layout, to_timeline_html
from conflictgraph.viz.util import span_text

from .graphs import XSS_LABEL, XSS_SENTENCE, build_astana, build_hostile, event, participant

SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SEED_LABELS = ("Iran", "Russia", "Turkey", "Sergei Lavrov", "Astana talks", "Astana", "UNSC 2254")


def hostile() -> nx.MultiDiGraph:
    """The hostile Astana graph plus an event whose label is a script tag."""
    g = build_hostile()
    event(g, "event:xss", XSS_SENTENCE, "2017-01-10", "2017-01-10", status="planned")
    participant(g, "actor:evil", "event:xss", "organizer")
    return g


def svg_texts(data: bytes) -> list[str]:
    """Every text run of an SVG document (parsed with defusedxml)."""
    root = ElementTree.fromstring(data)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def assert_png(path: Path) -> tuple[int, int]:
    """A real PNG: the magic bytes, and Pillow can decode it whole."""
    assert path.read_bytes()[:8] == PNG_MAGIC
    with Image.open(path) as im:
        im.load()
        assert im.format == "PNG"
        return im.size


# -- the graph as a picture -------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["timeline", "network"])
def test_png_and_svg_are_written(tmp_path: Path, layout: str) -> None:
    g = build_astana()
    to_png(g, tmp_path / "g.png", layout=layout)  # type: ignore[arg-type]
    w, h = assert_png(tmp_path / "g.png")
    assert w > 800 and h > 500
    pos = to_svg(g, tmp_path / "g.svg", layout=layout, title="Astana talks")  # type: ignore[arg-type]
    texts = svg_texts((tmp_path / "g.svg").read_bytes())
    for label in SEED_LABELS:
        assert label in texts
    assert "Astana talks" in texts  # the title
    assert any(t.startswith("State") for t in texts)  # the legend
    assert "Person" in texts and "Event: Verbal cooperation (01–05)" in texts
    assert set(pos) == {n for n, d in g.nodes(data=True) if d["kind"] != "article"}
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_accepts_a_conflictgraph_and_rejects_unknown_layouts(tmp_path: Path) -> None:
    to_svg(ConflictGraph(build_astana()), tmp_path / "g.svg")
    assert "Iran" in svg_texts((tmp_path / "g.svg").read_bytes())
    with pytest.raises(ValueError, match="layout"):
        to_png(build_astana(), tmp_path / "x.png", layout="circle")  # type: ignore[arg-type]
    assert not (tmp_path / "x.png").exists()


def test_timeline_picture_puts_december_left_of_january(tmp_path: Path) -> None:
    pos = to_svg(build_astana(), tmp_path / "g.svg")
    assert pos["event:aleppo-deal"][0] < pos["event:astana-talks"][0]
    # and so does the drawn SVG: the month labels are in date order from left to right
    root = ElementTree.fromstring((tmp_path / "g.svg").read_bytes())
    xs = {}
    for t in root.iter(f"{SVG}text"):
        text = "".join(t.itertext())
        if text in ("Dec 2016", "Jan 2017"):
            xs[text] = float(
                t.get("x") or re.findall(r"translate\(([-\d.]+)", t.get("transform", ""))[0]
            )
    assert xs["Dec 2016"] < xs["Jan 2017"]


def test_hostile_labels_are_escaped_in_svg(tmp_path: Path) -> None:
    to_svg(hostile(), tmp_path / "g.svg")
    raw = (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "<img" not in raw.lower()
    assert "&lt;script&gt;" in raw and "&lt;img src=x" in raw
    texts = svg_texts(raw.encode())
    assert XSS_LABEL in texts
    assert any(t.startswith("<script>window") for t in texts)


def test_dollar_signs_and_odd_characters_are_plain_text() -> None:
    g = build_astana()
    g.nodes["actor:IRN"]["label"] = "Iran $x^2$ \x00\x07 fund"
    g.nodes["actor:TUR"]["label"] = "تركيا"  # not in the font: drawn as boxes, no warning
    texts = svg_texts(render(g, "svg"))
    assert "Iran $x^2$ fund" in texts  # no mathtext, no control characters


def test_big_graphs_label_only_the_busiest(tmp_path: Path) -> None:
    g = synthetic(700)
    t0 = time.perf_counter()
    to_png(g, tmp_path / "big.png", layout="network")
    assert time.perf_counter() - t0 < 60
    assert_png(tmp_path / "big.png")
    texts = svg_texts(render(g, "svg", layout="timeline"))
    labelled = [t for t in texts if t.startswith(("Actor ", "Event "))]
    assert 10 < len(labelled) < 700
    assert "Actor 0" in labelled  # the hub everyone links to
    assert any("busiest" in t for t in texts)


def synthetic(n: int) -> nx.MultiDiGraph:
    """``n`` events over two years, each with two of ``n // 3`` actors; actor 0 in all."""
    rng = random.Random(7)
    g = nx.MultiDiGraph()
    actors = [f"a{k}" for k in range(max(2, n // 3))]
    for k, a in enumerate(actors):
        g.add_node(a, id=a, kind="actor", label=f"Actor {k}", aliases=[], provenance=[],
                   actor_type=("state", "person", "group", "igo")[k % 4])  # fmt: skip
    for k in range(n):
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(24)
        start = f"{2015 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}-{day:02d}"
        e = f"e{k}"
        event(g, e, f"Event {k}", start, start, cameo_root=f"{1 + k % 20:02d}")
        for a in {"a0", rng.choice(actors)}:
            participant(g, a, e, "participant")
    return g


# -- the timeline chart -----------------------------------------------------------------------


def test_timeline_layout_rows_and_dates() -> None:
    chart = chart_layout(build_hostile())
    labels = [r.label for r in chart.rows]
    # states first, then people, then groups; busiest first within a group
    assert labels[:3] == ["Iran", "Russia", "Turkey"]
    assert labels[3:] == ["Sergei Lavrov", XSS_LABEL]
    assert [h[0] for h in chart.headers] == ["States", "People", "Organisations and groups"]
    dec, jan = chart.x_of("event:aleppo-deal"), chart.x_of("event:astana-talks")
    assert dec < jan
    aleppo = next(m for m in chart.marks if m.event == "event:aleppo-deal")
    talks = next(m for m in chart.marks if m.event == "event:astana-talks")
    assert not aleppo.point and aleppo.x1 - aleppo.x0 > 100  # a whole month: a long bar
    assert aleppo.x1 <= talks.x0  # December ends before the talks begin
    assert [k.when for k in chart.key] == ["Dec 2016", "23–24 Jan 2017"]
    assert [k.number for k in chart.key] == [1, 2]
    # one mark per participant, in the participant's row
    assert len([m for m in chart.marks if m.event == "event:astana-talks"]) == 4
    assert "Sergei Lavrov as speaker" in next(
        m.title for m in chart.marks if m.actor == "actor:sergei-lavrov"
    )


def test_timeline_undated_and_not_occurred() -> None:
    g = build_astana()
    event(g, "event:undated", "Undated meeting", None, None)
    participant(g, "actor:IRN", "event:undated", "host")
    event(g, "event:plan", "Planned summit", "2017-02", "2017-02", status="planned")
    participant(g, "actor:RUS", "event:plan", "organizer")
    chart = chart_layout(g)
    assert [u.label for u in chart.undated] == ["Undated meeting"]
    assert chart.undated[0].actors == ["Iran"]
    assert all(m.event != "event:undated" for m in chart.marks)
    plan = next(m for m in chart.marks if m.event == "event:plan")
    assert plan.hollow and chart.any_hollow
    assert plan.x > chart.x_of("event:astana-talks")
    page, _ = to_timeline_html(g)
    assert "Undated events" in page and "Undated meeting" in page
    assert "(planned)" in page


def test_timeline_axis_squeezes_quiet_years() -> None:
    g = build_astana()
    event(g, "event:war", "Fighting", "2011", "2017", precision="year", cameo_root="19")
    participant(g, "actor:RUS", "event:war", "participant")
    chart = chart_layout(g)
    dec, jan = chart.x_of("event:aleppo-deal"), chart.x_of("event:astana-talks")
    assert jan - dec > 100  # a week of talks is not crushed by six years of war
    assert chart.breaks  # the quiet years are squeezed, and said to be
    war = next(m for m in chart.marks if m.event == "event:war")
    assert war.x0 < dec < jan < war.x1


def test_timeline_png_and_html_files(tmp_path: Path) -> None:
    chart = timeline_png(build_astana(), tmp_path / "t.png", title="Astana")
    w, h = assert_png(tmp_path / "t.png")
    assert w > 1000 and h > 300
    again = timeline_html(build_astana(), tmp_path / "t.html", title="Astana")
    assert [m.x for m in again.marks] == [m.x for m in chart.marks]
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<script" not in page.lower()
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    svg = chart_svg(page)
    titles = [t for t in svg.iter(f"{SVG}title")]
    marks = [g for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("m ")]
    assert len(marks) == len(chart.marks) == 7
    assert all(m.find(f"{SVG}title") is not None for m in marks)
    assert any("Astana talks" in (t.text or "") for t in titles)


def chart_svg(page: str):  # type: ignore[no-untyped-def]
    """The chart's inline SVG, parsed as XML with defusedxml (so it is well formed)."""
    m = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="cg-tl".*?</g></svg>', page, re.S)
    assert m is not None
    return ElementTree.fromstring(m.group(0))


def test_hostile_labels_are_escaped_in_timeline_html(tmp_path: Path) -> None:
    timeline_html(hostile(), tmp_path / "t.html", title="<script>alert(1)</script>")
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in page
    svg = chart_svg(page)
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert any(t.startswith("<img src=x") for t in texts)  # a row label, as text
    titles = ["".join(t.itertext()) for t in svg.iter(f"{SVG}title")]
    assert any(t.startswith(XSS_SENTENCE) for t in titles)  # the event's hover text


def test_span_text() -> None:
    from datetime import date

    assert span_text(date(2017, 1, 24), date(2017, 1, 28)) == "24–28 Jan 2017"
    assert span_text(date(2016, 12, 30), date(2017, 1, 2)) == "30 Dec 2016 – 2 Jan 2017"
    assert span_text(date(2016, 11, 1), date(2016, 12, 31)) == "Nov–Dec 2016"
    assert span_text(date(2016, 1, 1), date(2016, 12, 31)) == "2016"


# -- the command line's writer ----------------------------------------------------------------


def test_write_outputs_writes_the_picture_formats(tmp_path: Path) -> None:
    wanted = ["png", "svg", "timeline-png", "timeline-html"]
    written = write_outputs(ConflictGraph(build_astana()), tmp_path, wanted, title="Astana")
    assert {k: p.name for k, p in written.items()} == {k: FORMATS[k] for k in wanted}
    assert [FORMATS[k] for k in wanted] == [
        "graph.png",
        "graph.svg",
        "timeline.png",
        "timeline.html",
    ]
    assert_png(tmp_path / "graph.png")
    assert_png(tmp_path / "timeline.png")
    assert "Iran" in svg_texts((tmp_path / "graph.svg").read_bytes())
    assert "Astana talks" in (tmp_path / "timeline.html").read_text(encoding="utf-8")


def test_empty_and_undated_graphs_still_draw(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    to_png(g, tmp_path / "e.png")
    chart = timeline_png(g, tmp_path / "t.png")
    assert chart.rows == [] and chart.marks == []
    assert_png(tmp_path / "e.png")
    assert_png(tmp_path / "t.png")
    event(g, "event:x", "Lonely meeting", None, None)
    timeline_html(g, tmp_path / "t.html")
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "No dated event with an actor." in page and "Lonely meeting" in page
