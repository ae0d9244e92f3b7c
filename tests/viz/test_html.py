"""The HTML page in pure Python: self-contained, escaped, and carrying the graph intact."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import re
import time
from pathlib import Path

import networkx as nx
import pytest

from conflictgraph.errors import ExportError
from conflictgraph.viz import to_html, write_html
from conflictgraph.viz.html import cameo_family, graph_payload, json_for_script
from conflictgraph.viz.layout import interval, network_layout, period, timeline_layout

from .graphs import ARTICLE, build_astana

BREAKOUT = "</script><script>alert(1)</script>"


@pytest.fixture
def astana() -> nx.MultiDiGraph:
    """The small Astana graph (tests/viz/graphs.py)."""
    return build_astana()


DATA_BLOCK = re.compile(
    r'<script type="application/json" id="graph-data">(.*?)</script>', re.DOTALL
)


def graph_json(page: str) -> dict:
    """The parsed ``#graph-data`` block of a page."""
    m = DATA_BLOCK.search(page)
    assert m is not None
    return json.loads(m.group(1))


def scripts(page: str) -> list[tuple[str, str]]:
    """(attributes, body) of every <script> element."""
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, re.DOTALL)


def test_page_loads_nothing_from_the_network(astana: nx.MultiDiGraph) -> None:
    page = to_html(astana)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"@import", page, re.IGNORECASE)
    assert "default-src 'none'" in page  # and the browser is told so


def test_article_urls_appear_only_as_data(astana: nx.MultiDiGraph) -> None:
    page = to_html(astana)
    outside = DATA_BLOCK.sub("", page)
    assert "presstv.com" not in outside
    assert "presstv.com" in page


def test_vis_network_is_inlined_and_allowed_by_hash(astana: nx.MultiDiGraph) -> None:
    page = to_html(astana)
    bodies = [body for attrs, body in scripts(page) if "application/json" not in attrs]
    assert len(bodies) == 2
    assert "vis-network" in bodies[0][:200]
    csp = re.search(r"script-src ([^;]+);", page)
    assert csp is not None
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)
    assert "'unsafe-inline'" not in csp.group(1)


def test_graph_json_round_trips(astana: nx.MultiDiGraph) -> None:
    data = graph_json(to_html(astana))
    assert data == json.loads(json.dumps(graph_payload(astana)))
    ids = [n["id"] for n in data["nodes"]]
    assert ids == list(astana.nodes)
    for nid, info in zip(ids, data["info"], strict=True):
        assert info == astana.nodes[nid]
    edges = list(astana.edges(keys=True, data=True))
    assert len(data["edges"]) == len(data["einfo"]) == len(edges)
    for vis_edge, info, (u, v, k, d) in zip(data["edges"], data["einfo"], edges, strict=True):
        assert (vis_edge["from"], vis_edge["to"]) == (u, v)
        assert info == {"key": k, **d}


def test_script_tags_in_data_cannot_close_the_block(astana: nx.MultiDiGraph) -> None:
    astana.add_node(
        "actor:x",
        id="actor:x",
        kind="actor",
        label=BREAKOUT,
        aliases=["a & b", "line\u2028sep\u2029para", "<!-- comment"],
        provenance=[],
        actor_type="group",
    )
    page = to_html(astana)
    assert BREAKOUT not in page
    assert "\u2028" not in page
    assert "\u2029" not in page
    assert len(scripts(page)) == 3  # the data block, vis-network, ours: nothing injected
    block = DATA_BLOCK.search(page)
    assert block is not None
    assert "<" not in block.group(1)
    assert ">" not in block.group(1)
    assert "&" not in block.group(1)
    data = graph_json(page)
    k = [n["id"] for n in data["nodes"]].index("actor:x")
    assert data["info"][k]["label"] == BREAKOUT
    assert data["info"][k]["aliases"][1] == "line\u2028sep\u2029para"


def test_json_for_script_escapes() -> None:
    text = json_for_script({"s": "</script>&\u2028\u2029", "n": math.nan})
    assert text == '{"s":"\\u003c/script\\u003e\\u0026\\u2028\\u2029","n":null}'


def test_title_is_escaped(astana: nx.MultiDiGraph) -> None:
    page = to_html(astana, title="<b>Syria</b> & co")
    assert "<title>&lt;b&gt;Syria&lt;/b&gt; &amp; co</title>" in page
    assert "<b>Syria</b>" not in page


def test_styles_by_kind(astana: nx.MultiDiGraph) -> None:
    data = graph_payload(astana)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["actor:IRN"]["group"] == "actor:state"
    assert by_id["actor:sergei-lavrov"]["group"] == "actor:person"
    assert by_id["event:astana-talks"]["shape"] == "diamond"
    assert by_id["event:astana-talks"]["group"] == "event:verbal_coop"
    assert by_id["location:astana"]["shape"] == "triangle"
    assert by_id["resolution:unsc-2254"]["shape"] == "star"
    assert by_id[ARTICLE]["hidden"] is True
    assert by_id["actor:RUS"]["value"] > by_id["actor:sergei-lavrov"]["value"]  # by degree
    groups = data["options"]["groups"]
    colours = {
        groups[f"actor:{t}"]["color"]
        for t in ("state", "person", "organisation", "igo", "armed_group", "group")
    }
    assert len(colours) == 6
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["edges"]["smooth"] is False


@pytest.mark.parametrize(
    ("root", "family"),
    [
        ("01", "verbal_coop"),
        ("05", "verbal_coop"),
        ("06", "material_coop"),
        ("08", "material_coop"),
        ("09", "verbal_conflict"),
        ("14", "verbal_conflict"),
        ("15", "material_conflict"),
        ("20", "material_conflict"),
        ("", "other"),
        ("x", "other"),
    ],
)
def test_cameo_family(root: str, family: str) -> None:
    assert cameo_family({"cameo_root": root}) == family


def test_event_type_stands_in_for_a_missing_root() -> None:
    assert cameo_family({"event_type": "193"}) == "material_conflict"


def test_not_occurred_events_are_hollow(astana: nx.MultiDiGraph) -> None:
    astana.nodes["event:aleppo-deal"]["status"] = "planned"
    by_id = {n["id"]: n for n in graph_payload(astana)["nodes"]}
    assert by_id["event:aleppo-deal"]["color"]["background"] == "#ffffff"
    assert "color" not in by_id["event:astana-talks"]


def test_dates_to_intervals() -> None:
    assert [d.isoformat() for d in period("2017-01-24") or ()] == ["2017-01-24", "2017-01-24"]
    assert [d.isoformat() for d in period("2016-12") or ()] == ["2016-12-01", "2016-12-31"]
    assert [d.isoformat() for d in period("2016") or ()] == ["2016-01-01", "2016-12-31"]
    assert period("2017-02-30") is None
    assert period(None) is None
    assert period("soon") is None
    iv = interval({"start": "2017-01-23", "end": "2017-01-24"})
    assert iv is not None
    assert [d.isoformat() for d in iv] == ["2017-01-23", "2017-01-24"]
    assert interval({"start": None, "end": None}) is None
    data = graph_payload(build_astana())
    when = dict(zip((n["id"] for n in data["nodes"]), data["when"], strict=True))
    assert when["event:aleppo-deal"] == ["2016-12-01", "2016-12-31"]
    assert when["actor:IRN"] is None
    assert data["months"] == ["2016-12", "2017-01"]


def test_timeline_layout_reads_left_to_right_and_top_down(astana: nx.MultiDiGraph) -> None:
    event(astana, "event:undated", "Some meeting")
    pos, guides = timeline_layout(astana, {})
    assert set(pos) == set(astana.nodes)
    assert pos["event:aleppo-deal"][0] < pos["event:astana-talks"][0]
    assert pos["event:undated"][0] > pos["event:astana-talks"][0]
    assert guides.undated_x is not None
    assert pos["event:undated"][0] >= guides.undated_x
    assert pos["actor:IRN"][1] < pos["actor:sergei-lavrov"][1] < pos["event:astana-talks"][1]
    assert pos["event:astana-talks"][1] < pos["location:astana"][1]
    assert pos["event:astana-talks"][1] < pos["resolution:unsc-2254"][1]
    assert [ln.label for ln in guides.lanes][:2] == ["States", "People"]
    xs = sorted((pos[n][0], n) for n in ("actor:IRN", "actor:RUS", "actor:TUR"))
    assert all(b[0] - a[0] >= 100 for a, b in itertools.pairwise(xs))  # no overlap


def event(g: nx.MultiDiGraph, nid: str, label: str) -> None:
    """An undated event."""
    g.add_node(
        nid,
        id=nid,
        kind="event",
        label=label,
        aliases=[],
        provenance=[],
        event_type="040",
        cameo_root="04",
        start=None,
        end=None,
        status="occurred",
    )


def test_network_layout_is_deterministic(astana: nx.MultiDiGraph) -> None:
    first = network_layout(astana)
    assert first == network_layout(build_astana())
    assert set(first) == set(astana.nodes)
    assert len({(round(x), round(y)) for x, y in first.values()}) == len(first)


def big_graph(n_actors: int, n_events: int) -> nx.MultiDiGraph:
    """Many events between a few busy actors."""
    g = nx.MultiDiGraph()
    for i in range(n_actors):
        g.add_node(
            f"a{i}",
            id=f"a{i}",
            kind="actor",
            label=f"Actor {i}",
            aliases=[],
            provenance=[],
            actor_type=("state", "person", "group")[i % 3],
        )
    for j in range(n_events):
        month = 1 + j % 12
        g.add_node(
            f"e{j}",
            id=f"e{j}",
            kind="event",
            label=f"Event {j}",
            aliases=[],
            provenance=[],
            event_type="042",
            cameo_root="04",
            start=f"2016-{month:02d}",
            end=f"2016-{month:02d}",
            status="occurred",
        )
        for a in {j % n_actors, (j * 7 + 3) % n_actors, (j * 13) % 11}:
            g.add_edge(
                f"a{a}",
                f"e{j}",
                key="participant:participant",
                relation="participant",
                role="participant",
                provenance=[],
            )
    return g


def test_big_graphs_get_a_cheap_layout_quickly() -> None:
    g = big_graph(600, 3000)
    t0 = time.perf_counter()
    data = graph_payload(g)
    elapsed = time.perf_counter() - t0
    pos = data["layouts"]["network"]["pos"]
    assert len(pos) == 2 * g.number_of_nodes()
    points = {(pos[i], pos[i + 1]) for i in range(0, len(pos), 2)}
    assert len(points) > 0.95 * g.number_of_nodes()  # nodes do not pile up
    assert elapsed < 15  # a loose bound: the benchmark tracks the real figure
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True


def test_mid_sized_graphs_get_a_layout_with_or_without_scipy() -> None:
    g = big_graph(150, 600)  # 750 nodes: networkx wants scipy for spring_layout from 500 on
    pos = network_layout(g)
    assert set(pos) == set(g.nodes)
    assert pos == network_layout(big_graph(150, 600))


def test_empty_graph() -> None:
    page = to_html(nx.MultiDiGraph())
    data = graph_json(page)
    assert data["nodes"] == []
    assert data["months"] == []


def test_write_html_is_atomic(tmp_path: Path, astana: nx.MultiDiGraph) -> None:
    out = tmp_path / "graph.html"
    out.write_text("old", encoding="utf-8")
    write_html(astana, out, title="Astana")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>")
    assert "<title>Astana</title>" in text
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]
    assert out.stat().st_mode & 0o644 == 0o644


def test_write_html_reports_a_missing_folder(tmp_path: Path, astana: nx.MultiDiGraph) -> None:
    with pytest.raises(ExportError, match="cannot write"):
        write_html(astana, tmp_path / "missing" / "graph.html")


def test_page_fits_an_iframe(astana: nx.MultiDiGraph) -> None:
    page = to_html(astana)
    assert re.search(r"html, body \{ height: 100%;", page)
    assert '<meta name="viewport"' in page


def test_timeline_labels_do_not_overlap(astana: nx.MultiDiGraph) -> None:
    """A busy month of long-named events: every canvas label is at most two lines, and the
    lines (at the width vis-network draws them) fit between neighbours on a row and above
    the node in the next row."""
    from conflictgraph.viz.layout import LABEL_CHAR_EM, LABEL_LINE_EM, label_font, label_fonts

    for k in range(40):
        nid = f"event:busy-{k}"
        event(astana, nid, f"Talks between the delegations of many parties number {k} in Geneva")
        astana.nodes[nid].update(start="2017-01-10", end="2017-01-10", precision="day")
        astana.add_edge("actor:RUS", nid, key=f"p{k}", relation="participant", role="participant")
    data = graph_payload(astana)
    xy = data["layouts"]["timeline"]["pos"]
    fonts = label_fonts(n["value"] for n in data["nodes"])
    drawn = []
    for k, n in enumerate(data["nodes"]):
        if n.get("hidden"):
            continue
        lines = n["label"].split("\n")
        assert len(lines) <= 2, n["label"]
        font = label_font(n["value"], fonts)
        width = max(len(line) for line in lines) * LABEL_CHAR_EM * font
        drawn.append((xy[2 * k], xy[2 * k + 1], width, len(lines) * LABEL_LINE_EM * font, n))
    busy = [d for d in drawn if d[4]["id"].startswith("event:busy-")]
    assert len({y for _, y, _, _, _ in busy}) > 1  # the month needed several rows
    assert any("\n" in d[4]["label"] for d in busy)
    for a, b in itertools.combinations(drawn, 2):
        if a[1] == b[1]:  # one row: the labels, centred under the nodes, must not meet
            assert abs(a[0] - b[0]) >= (a[2] + b[2]) / 2, (a[4]["label"], b[4]["label"])
        elif abs(a[0] - b[0]) < 20:  # one column: the upper label ends above the lower node
            up, down = sorted((a, b), key=lambda d: d[1])
            assert up[1] + up[4]["value"] + up[3] <= down[1] - down[4]["value"] + 8, (
                up[4]["label"],
                down[4]["label"],
            )
