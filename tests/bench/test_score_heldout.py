"""The held-out scorer's matching and scoring, on a tiny hand-made graph (no spaCy model needed);
and the consistency of the held-out annotation files themselves."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

_ROOT = Path(__file__).resolve().parents[2]
_PATH = _ROOT / "bench" / "score_heldout.py"
_spec = importlib.util.spec_from_file_location("score_heldout", _PATH)
assert _spec is not None and _spec.loader is not None
sh = importlib.util.module_from_spec(_spec)
sys.modules["score_heldout"] = sh
_spec.loader.exec_module(sh)

HELDOUT = _ROOT / "tests" / "data" / "heldout"


# -- a tiny graph in the documented shape -------------------------------------------------------
def actor(g: nx.MultiDiGraph, nid: str, label: str, kind: str, aliases=(), **attrs) -> None:
    g.add_node(
        nid,
        id=nid,
        kind="actor",
        label=label,
        aliases=list(aliases),
        actor_type=kind,
        provenance=[],
        **attrs,
    )


def event(
    g: nx.MultiDiGraph,
    nid: str,
    code: str,
    start=None,
    end=None,
    location=None,
    status="occurred",
    parts=(),
    text="",
) -> None:
    g.add_node(
        nid,
        id=nid,
        kind="event",
        label=nid,
        aliases=[],
        event_type=code,
        cameo_root=code[:2],
        start=start,
        end=end,
        precision="day" if start else None,
        location=location,
        status=status,
        provenance=[{"article": "a", "sentence": 0, "text": text}] if text else [],
    )
    for aid, role in parts:
        g.add_edge(
            aid, nid, key=f"participant:{role}", relation="participant", role=role, provenance=[]
        )
    if location:
        g.add_edge(nid, location, key="held_in", relation="held_in", provenance=[])


def tiny_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    actor(g, "actor:IRN", "Iran", "state", ["Iranian", "Tehran"], iso3="IRN")
    actor(g, "actor:RUS", "Russia", "state", ["Russian"], iso3="RUS")
    actor(g, "actor:TUR", "Turkey", "state", iso3="TUR")  # iso3 right, kind right
    actor(
        g,
        "actor:zarif",
        "Mohammad Javad Zarif",
        "person",
        ["Zarif"],
        title="Foreign Minister",
        affiliation="actor:IRN",
    )
    actor(g, "actor:lavrov", "Sergei Lavrov", "person", ["Lavrov"], title="Deputy Foreign Minister")
    actor(g, "actor:un", "United Nations", "organisation", ["UN"])  # gold says igo
    actor(g, "actor:kazakh", "Kazakhstan", "state", iso3="KAZ")  # gold: optional
    actor(g, "actor:astana", "Astana", "group")  # a place taken for an actor: false positive
    actor(g, "actor:iran2", "Islamic Republic of Iran", "state", ["Iran"], iso3="IRN")  # duplicate
    g.add_node(
        "loc:astana",
        id="loc:astana",
        kind="location",
        label="Astana",
        aliases=["Nur-Sultan"],
        country="KAZ",
        provenance=[],
    )
    g.add_node(
        "loc:geneva",
        id="loc:geneva",
        kind="location",
        label="Geneva",
        aliases=[],
        country="CHE",
        provenance=[],
    )
    # matches the gold talks (root 04, dates overlap, Iran shared); Russia's role differs
    event(
        g,
        "ev:talks",
        "046",
        "2017-01-23",
        "2017-01-24",
        "loc:astana",
        parts=[
            ("actor:IRN", "organizer"),
            ("actor:RUS", "participant"),
            ("actor:astana", "participant"),
        ],
    )
    # matches gold call (root 04 alt) with exact date, but no location
    event(
        g,
        "ev:call",
        "041",
        "2017-01-28",
        "2017-01-28",
        parts=[("actor:zarif", "participant"), ("actor:lavrov", "participant")],
    )
    # undated statement by Lavrov: gold statement is undated too
    event(g, "ev:statement", "010", parts=[("actor:lavrov", "speaker")])
    # right participants and date, wrong root: a false positive, and a hint on the gold miss
    event(
        g,
        "ev:wrongroot",
        "190",
        "2016-12",
        "2016-12",
        "loc:geneva",
        parts=[("actor:TUR", "source")],
        text="Turkey fought in December.",
    )
    # no participants at all: cannot match
    event(g, "ev:lonely", "057", "2017-01-24", "2017-01-24")
    g.add_node(
        "res:2254",
        id="res:2254",
        kind="resolution",
        label="UNSC 2254",
        aliases=["Resolution 2254"],
        code="UNSC 2254",
        provenance=[],
    )
    return g


GOLD = {
    "actors": [
        {"name": "Iran", "kind": "state", "iso3": "IRN", "aliases": ["Iranian"]},
        {"name": "Russia", "kind": "state", "iso3": "RUS", "aliases": ["Russian Federation"]},
        {"name": "Turkey", "kind": "state", "iso3": "TUR", "aliases": ["Türkiye"]},
        {
            "name": "Mohammad Javad Zarif",
            "kind": "person",
            "affiliation": "IRN",
            "title": "Foreign Minister",
            "aliases": ["Zarif"],
        },
        {
            "name": "Sergei Lavrov",
            "kind": "person",
            "affiliation": "RUS",
            "title": ["Foreign Minister", "FM"],
            "aliases": ["Lavrov"],
        },
        {"name": "United Nations", "kind": "igo", "aliases": ["UN"]},
        {"name": "Kazakhstan", "kind": "state", "iso3": "KAZ", "aliases": [], "optional": True},
        {"name": "Syrian armed opposition", "kind": "armed_group", "aliases": ["armed opposition"]},
    ],
    "events": [
        {
            "label": "Astana talks",
            "cameo_root": "04",
            "start": "2017-01-23",
            "end": "2017-01-24",
            "precision": "day",
            "location": "Astana",
            "status": "occurred",
            "participants": {
                "Iran": "organizer",
                "Russia": "mediator",
                "Syrian armed opposition": "participant",
            },
        },
        {
            "label": "Zarif-Lavrov call",
            "cameo_root": "01",
            "cameo_root_alt": ["04"],
            "start": "2017-01-28",
            "end": "2017-01-28",
            "precision": "day",
            "location": "Moscow",
            "status": "occurred",
            "participants": {"Mohammad Javad Zarif": "participant", "Sergei Lavrov": "participant"},
        },
        {
            "label": "Lavrov statement",
            "cameo_root": "01",
            "start": None,
            "end": None,
            "precision": None,
            "location": None,
            "status": "occurred",
            "participants": {"Sergei Lavrov": "speaker"},
        },
        {
            "label": "Aleppo deal",
            "cameo_root": "05",
            "start": "2016-12",
            "end": "2016-12",
            "precision": "month",
            "location": "Aleppo",
            "status": "occurred",
            "participants": {"Turkey": "participant", "Iran": "participant"},
        },
        {
            "label": "Opposition rejects",
            "cameo_root": "12",
            "start": "2017-01-24",
            "end": None,
            "precision": "day",
            "location": None,
            "status": "occurred",
            "participants": {"Syrian armed opposition": "source"},
        },
    ],
    "resolutions": [
        {"code": "UNSC 2254", "aliases": ["Resolution 2254"]},
        {"code": "UNSC 2336", "aliases": []},
    ],
}


@pytest.fixture
def scored():
    return sh.score_graph(sh.parse_gold(GOLD, "tiny"), tiny_graph())


# -- helpers ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("The  Taliban", "taliban"),
        ("Erdoğan", "erdogan"),
        ("Yemen\u2019s government", "yemen's government"),
        ("UN.", "un"),
        (None, ""),
    ],
)
def test_norm(raw, folded) -> None:
    assert sh.norm(raw) == folded


def test_bounds_and_intervals() -> None:
    assert sh.bounds("2016", first=True) == date(2016, 1, 1)
    assert sh.bounds("2016-02", first=False) == date(2016, 2, 29)
    assert sh.bounds("2016-02-03", first=False) == date(2016, 2, 3)
    assert sh.bounds(None, first=True) is None
    # gold: a missing end after a start is open; system: it takes the start's extent
    assert sh.interval("2023-05-06", None, open_ended=True) == (date(2023, 5, 6), sh.MAX_DATE)
    assert sh.interval("2016-12", None, open_ended=False) == (date(2016, 12, 1), date(2016, 12, 31))
    assert sh.interval(None, None, open_ended=True) is None
    a = sh.interval("2016-12", "2016-12", open_ended=True)
    assert sh.overlaps(a, sh.interval("2016-12-29", "2016-12-29", open_ended=False))
    assert not sh.overlaps(a, sh.interval("2017-01-01", None, open_ended=False))
    assert sh.overlaps(None, None)
    assert not sh.overlaps(a, None)


def test_prf_and_rate() -> None:
    p = sh.PRF(tp=2, fp=2, fn=0)
    assert (p.p, p.r) == (0.5, 1.0)
    assert p.f1 == pytest.approx(2 / 3)
    assert sh.PRF().f1 == 0.0
    r = sh.Rate()
    r.add(True)
    r.add(False)
    assert r.text() == "1/2 (50.0%)"
    assert sh.Rate().text().startswith("n/a")


def test_title_and_affiliation_rules() -> None:
    assert sh.title_ok(["Foreign Minister"], "foreign minister")
    assert sh.title_ok(["former President"], "President")
    assert sh.title_ok(["President"], "US President")
    assert sh.title_ok(["Foreign Ministry spokesman"], "Spokesman, Foreign Ministry")
    assert sh.title_ok(["foreign policy chief", "High Representative"], "High Representative")
    assert not sh.title_ok(["foreign policy chief"], "Chief")
    assert not sh.title_ok(["Foreign Minister"], "Deputy Foreign Minister")
    assert not sh.title_ok(["Foreign Minister"], "Defence Minister")
    assert not sh.title_ok(["Foreign Minister"], None)
    assert sh.affiliation_ok(["IRN"], [{"actor:irn", "iran", "irn"}])
    assert not sh.affiliation_ok(["RUS"], [])


def test_system_from_graph_reads_the_documented_attributes() -> None:
    g = tiny_graph()
    actor(g, "actor:envoy", "Alexander Lavrentiev", "person", country="RUS")
    actors, events = sh.system_from_graph(g)
    assert actors["actor:envoy"].affiliations == [{"rus"}]  # an ISO3 nationality counts
    z = actors["actor:zarif"]
    assert z.kind == "person" and z.title == "Foreign Minister"
    assert {"iran", "irn", "tehran"} <= z.affiliations[0]
    talks = next(e for e in events if e.id == "ev:talks")
    assert talks.root == "04" and talks.code == "046"
    assert talks.participants == {
        "actor:IRN": {"organizer"},
        "actor:RUS": {"participant"},
        "actor:astana": {"participant"},
    }
    assert {"astana", "nur-sultan"} <= talks.locations
    assert talks.span == (date(2017, 1, 23), date(2017, 1, 24))


# -- actors -------------------------------------------------------------------------------------
def test_actor_matching(scored) -> None:
    a = scored.actors
    assert set(a.matched) == {"Iran", "Russia", "Turkey", "Mohammad Javad Zarif", "Sergei Lavrov"}
    assert a.matched["Iran"] == "actor:IRN"  # the exact label wins over the longer name
    assert a.optional == {"Kazakhstan": "actor:kazakh"}  # optional: neither TP nor FP
    assert a.kind_mismatch == {"United Nations": "actor:un"}
    assert sorted(g.name for g in a.missed) == ["Syrian armed opposition", "United Nations"]
    fps = {sa.id: note for sa, note in a.false_pos}
    assert set(fps) == {"actor:astana", "actor:iran2", "actor:un"}
    assert fps["actor:iran2"] == "duplicate of gold 'Iran'"
    assert fps["actor:un"].startswith("kind mismatch")
    assert (a.prf.tp, a.prf.fp, a.prf.fn) == (5, 3, 2)
    assert (a.iso3.hit, a.iso3.n) == (3, 3)
    assert (a.affiliation.hit, a.affiliation.n) == (1, 2)  # Lavrov has none in the graph
    # Lavrov: "Deputy Foreign Minister" is not the gold "Foreign Minister"
    assert (a.title.hit, a.title.n) == (1, 2)
    assert "title of Sergei Lavrov: gold Foreign Minister/FM, system Deputy Foreign Minister" in (
        a.attr_errors
    )
    # every system node that could stand for Iran is a candidate for event participants
    assert a.candidates["Iran"] == {"actor:IRN", "actor:iran2"}


# -- events -------------------------------------------------------------------------------------
def test_event_matching(scored) -> None:
    e = scored.events
    pairs = {g.label: s.id for g, s in e.pairs}
    assert pairs == {
        "Astana talks": "ev:talks",
        "Zarif-Lavrov call": "ev:call",
        "Lavrov statement": "ev:statement",
    }
    assert (e.prf.tp, e.prf.fp, e.prf.fn) == (3, 2, 2)
    assert {s.id for s in e.false_pos} == {"ev:wrongroot", "ev:lonely"}
    hints = {g.label: h for g, h in e.missed}
    assert "CAMEO root differs" in hints["Aleppo deal"]
    assert hints["Opposition rejects"] == "no gold participant found as a system actor"
    # roles: talks gold {Iran:organizer, Russia:mediator, SAO:participant} vs system
    # {Iran:organizer, Russia:participant, <astana>:participant}; call 2/2; statement 1/1
    assert (e.roles.tp, e.roles.fp, e.roles.fn) == (4, 2, 2)
    assert (e.people.tp, e.people.fp, e.people.fn) == (5, 1, 1)
    assert (e.date_exact.hit, e.date_exact.n) == (3, 3)
    assert (e.location.hit, e.location.n) == (1, 2)  # talks in Astana; the call has no place
    assert (e.status.hit, e.status.n) == (3, 3)


def test_event_needs_root_date_and_participant() -> None:
    ge = sh.parse_gold(GOLD).events[0]  # Astana talks
    cands = {"Iran": {"actor:IRN"}, "Russia": {"actor:RUS"}}
    base = dict(
        id="x",
        label="x",
        code="046",
        precision="day",
        locations=set(),
        location_label=None,
        status="occurred",
    )
    ok = sh.SysEvent(
        root="04",
        start="2017-01-24",
        end="2017-01-24",
        participants={"actor:RUS": {"mediator"}},
        **base,
    )
    assert sh.event_compatible(ge, ok, cands)
    wrong_root = sh.SysEvent(
        root="05",
        start="2017-01-24",
        end="2017-01-24",
        participants={"actor:RUS": {"mediator"}},
        **base,
    )
    assert not sh.event_compatible(ge, wrong_root, cands)
    wrong_date = sh.SysEvent(
        root="04", start="2017-01-25", end=None, participants={"actor:RUS": {"mediator"}}, **base
    )
    assert not sh.event_compatible(ge, wrong_date, cands)
    undated = sh.SysEvent(
        root="04", start=None, end=None, participants={"actor:RUS": {"mediator"}}, **base
    )
    assert not sh.event_compatible(ge, undated, cands)
    nobody = sh.SysEvent(
        root="04",
        start="2017-01-24",
        end="2017-01-24",
        participants={"actor:other": {"participant"}},
        **base,
    )
    assert not sh.event_compatible(ge, nobody, cands)


def test_matching_is_one_to_one_and_prefers_more_shared_participants() -> None:
    gold = sh.parse_gold(
        {
            "actors": [],
            "events": [
                {
                    "label": "A",
                    "cameo_root": "04",
                    "start": "2020-01-01",
                    "end": "2020-01-01",
                    "participants": {"X": "participant"},
                },
                {
                    "label": "B",
                    "cameo_root": "04",
                    "start": "2020-01-01",
                    "end": "2020-01-01",
                    "participants": {"X": "participant", "Y": "participant"},
                },
            ],
        }
    ).events
    base = dict(
        code="040",
        precision="day",
        locations=set(),
        location_label=None,
        status="occurred",
        start="2020-01-01",
        end="2020-01-01",
        root="04",
    )
    s1 = sh.SysEvent(id="s1", label="s1", participants={"x": {"participant"}}, **base)
    s2 = sh.SysEvent(
        id="s2", label="s2", participants={"x": {"participant"}, "y": {"participant"}}, **base
    )
    res = sh.match_events(gold, [s1, s2], {"X": {"x"}, "Y": {"y"}})
    assert {(g.label, s.id) for g, s in res.pairs} == {("A", "s1"), ("B", "s2")}
    res = sh.match_events(gold, [s2], {"X": {"x"}, "Y": {"y"}})
    assert [(g.label, s.id) for g, s in res.pairs] == [("B", "s2")]
    assert (res.prf.tp, res.prf.fp, res.prf.fn) == (1, 0, 1)
    assert res.missed[0][1].startswith("the only fitting system event 's2' went to gold 'B'")


def test_matching_prefers_the_exact_date_over_the_preferred_root() -> None:
    gold = sh.parse_gold(
        {
            "actors": [],
            "events": [
                {
                    "label": "declaration earlier this month",
                    "cameo_root": "05",
                    "start": "2023-05",
                    "end": "2023-05",
                    "participants": {"X": "participant"},
                },
                {
                    "label": "ceasefire signed",
                    "cameo_root": "08",
                    "cameo_root_alt": ["05"],
                    "start": "2023-05-20",
                    "end": "2023-05-20",
                    "participants": {"X": "participant"},
                },
            ],
        }
    ).events
    se = sh.SysEvent(
        id="s",
        label="s",
        root="05",
        code="057",
        start="2023-05-20",
        end="2023-05-20",
        precision="day",
        locations=set(),
        location_label=None,
        status="occurred",
        participants={"x": {"participant"}},
    )
    res = sh.match_events(gold, [se], {"X": {"x"}})
    assert [(g.label, s.id) for g, s in res.pairs] == [("ceasefire signed", "s")]


def test_resolutions_and_report(scored) -> None:
    assert (scored.resolutions.tp, scored.resolutions.fp, scored.resolutions.fn) == (1, 0, 1)
    buf = io.StringIO()
    figures = sh.report([scored], out=buf)
    text = buf.getvalue()
    assert "tiny" in text and "Overall" in text
    assert "event missed: [05] Aleppo deal" in text
    assert "event false pos: [19] ev:wrongroot" in text and "Turkey fought" in text
    assert "actors false pos:" in text and "duplicate of gold 'Iran'" in text
    assert figures["events"]["tp"] == 3 and figures["actors"]["fn"] == 2
    brief = io.StringIO()
    sh.report([scored], brief=True, out=brief)
    assert "event missed" not in brief.getvalue()


# -- the held-out files themselves --------------------------------------------------------------
ROLES = {
    "organizer",
    "host",
    "mediator",
    "participant",
    "guarantor",
    "source",
    "target",
    "speaker",
    "observer",
}
KINDS = {"state", "person", "organisation", "igo", "armed_group", "group"}
STATUSES = {"occurred", "planned", "proposed", "refused", "denied"}


def test_heldout_files_are_consistent() -> None:
    files = sh.gold_files(HELDOUT)
    assert len(files) == 18
    for slug, txt, gp in files:
        text = txt.read_text(encoding="utf-8")
        n_words = len(text.split())
        assert 120 <= n_words <= 220, (slug, n_words)
        meta = json.loads(txt.with_name(slug + ".meta.json").read_text(encoding="utf-8"))
        assert set(meta) == {"id", "title", "source", "published", "language"}
        date.fromisoformat(meta["published"])
        data = json.loads(gp.read_text(encoding="utf-8"))
        names = {a["name"] for a in data["actors"]}
        assert len(names) == len(data["actors"]), slug
        for a in data["actors"]:
            assert a["kind"] in KINDS, (slug, a)
            assert a["kind"] != "state" or a.get("iso3"), (slug, a)
            assert any(f in text for f in [a["name"], *a["aliases"]]), (slug, a["name"])
        for e in data["events"]:
            assert e["evidence"] in text, (slug, e["label"])
            assert e["status"] in STATUSES, (slug, e["label"])
            assert set(e["participants"]) <= names, (slug, e["label"])
            assert set(e["participants"].values()) <= ROLES, (slug, e["label"])
            assert not e.get("cameo") or e["cameo"].startswith(e["cameo_root"])
        gold = sh.parse_gold(data, slug)  # parses
        assert gold.events and gold.actors
