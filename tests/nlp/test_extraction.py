"""Extraction on short articles we wrote ourselves, worded unlike the seed, so the rules are
checked on how news is written rather than on one article's phrasing."""

from __future__ import annotations

from datetime import date

import pytest

from conflictgraph.graph import ConflictGraph
from conflictgraph.model import Article
from conflictgraph.nlp.extract import extract
from conflictgraph.nlp.pipeline import annotate

pytestmark = pytest.mark.model

MINSK = Article(
    id="t-minsk",
    published=date(2015, 2, 12),
    text=(
        "German Chancellor Angela Merkel and French President Francois Hollande mediated "
        "overnight talks in Minsk between Ukrainian President Petro Poroshenko and Russian "
        "President Vladimir Putin on Wednesday. The leaders agreed on a ceasefire that takes "
        "effect on February 15. Poroshenko said the heavy weapons would be withdrawn."
    ),
)
PUTIN = Article(
    id="t-putin",
    published=date(2016, 12, 29),
    text=(
        "Russian President Vladimir Putin said on Thursday that the Syrian government and the "
        "rebels had signed a ceasefire deal. Turkey and Russia guaranteed the deal, the Kremlin "
        "said. Rebel groups accused government forces of shelling Idlib on Tuesday. The opposition "
        "will hold talks with Damascus in Astana next month."
    ),
)


def graph_of(nlp, *articles: Article) -> ConflictGraph:  # type: ignore[no-untyped-def]
    g = ConflictGraph()
    for art, doc in annotate(nlp, articles):
        g.add_extraction(extract(art, doc))
    return g


def events(g: ConflictGraph, root: str) -> list[dict]:
    return [n for n in g.nodes_of_kind("event") if n["cameo_root"] == root]


def roles(g: ConflictGraph, event_id: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for src, _, d in g.g.in_edges(event_id, data=True):
        if d["relation"] == "participant":
            out.setdefault(g.g.nodes[src]["label"], set()).add(d["role"])
    return out


def test_people_with_office_and_affiliation(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, MINSK)
    people = {n["label"]: n for n in g.nodes_of_kind("actor") if n["actor_type"] == "person"}
    assert people["Angela Merkel"]["title"] == "Chancellor"
    assert people["Angela Merkel"]["affiliation"] == "state:DEU"
    assert people["Petro Poroshenko"]["affiliation"] == "state:UKR"
    assert people["Vladimir Putin"]["title"] == "President"
    assert "Poroshenko" in people["Petro Poroshenko"]["aliases"]


def test_mediated_talks_with_place_date_and_roles(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, MINSK)
    (talks,) = events(g, "04")
    assert g.g.nodes[talks["location"]]["label"] == "Minsk"
    assert talks["start"] == "2015-02-11"
    r = roles(g, talks["id"])
    assert "mediator" in r["Angela Merkel"] and "mediator" in r["Francois Hollande"]
    assert "participant" in r["Petro Poroshenko"] and "participant" in r["Vladimir Putin"]


def test_ceasefire_dated_by_its_own_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, MINSK)
    cease = [e for e in events(g, "08") if e["event_type"] == "0871"]
    assert cease and cease[0]["start"] == "2015-02-15"


def test_government_and_rebels_are_one_actor_each(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, PUTIN)
    actors = {n["id"]: n for n in g.nodes_of_kind("actor")}
    assert "group:SYR:armed-opposition" in actors
    opp = actors["group:SYR:armed-opposition"]
    assert {"rebels", "Rebel groups", "opposition"} <= {*opp["aliases"], opp["label"]} | {
        "opposition"
    }
    assert {"Syrian government", "government forces"} & set(actors["state:SYR"]["aliases"])


def test_guarantors_accusation_and_planned_talks(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, PUTIN)
    (deal,) = [e for e in events(g, "05") if e["event_type"] == "057"]
    assert deal["start"] == "2016-12-29"
    r = roles(g, deal["id"])
    assert "guarantor" in r["Turkey"] and "guarantor" in r["Russia"]
    assert "participant" in r["Syria"] and "participant" in r["Syrian armed opposition"]
    (accuse,) = events(g, "11")
    assert roles(g, accuse["id"]) == {"Syrian armed opposition": {"source"}, "Syria": {"target"}}
    (talks,) = [e for e in events(g, "04") if e["status"] == "planned"]
    assert g.g.nodes[talks["location"]]["label"] == "Astana"
    assert talks["start"] == "2017-01" and talks["precision"] == "month"


def test_adding_an_article_twice_changes_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    once = graph_of(nlp, MINSK, PUTIN).to_json()
    twice = graph_of(nlp, MINSK, PUTIN, MINSK).to_json()
    assert once == twice


GENEVA = Article(
    id="t-geneva",
    published=date(2016, 2, 1),
    text=(
        "GENEVA, Feb 1 (Wire) — UN Special Envoy for Syria Staffan de Mistura met the "
        "opposition delegation in Geneva on Monday. Secretary-General Ban Ki-moon backed the "
        "effort. Russia's Defence Ministry said the Syrian army had retaken two villages."
    ),
)
LATER = Article(
    id="t-later",
    published=date(2016, 2, 3),
    text="Mr de Mistura paused the talks in Geneva on Wednesday, a spokesman said.",
)


def test_offices_with_complements_and_hyphens(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, GENEVA)
    people = {n["label"]: n for n in g.nodes_of_kind("actor") if n["actor_type"] == "person"}
    assert people["Staffan de Mistura"]["title"] == "Special Envoy for Syria"
    assert people["Staffan de Mistura"]["affiliation"] == "igo:un"
    assert people["Ban Ki-moon"]["title"] == "Secretary-General"


def test_dateline_capital_is_a_place_and_ministry_has_its_state(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, GENEVA)
    assert "loc:CHE:geneva" in g.g
    assert "GENEVA" not in g.g.nodes["state:CHE"]["aliases"] if "state:CHE" in g.g else True
    orgs = {n["label"]: n for n in g.nodes_of_kind("actor") if n["actor_type"] == "organisation"}
    assert orgs["Russian Defence Ministry"]["affiliation"] == "state:RUS"


def test_surname_in_a_later_article_is_the_same_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from conflictgraph.graph import ConflictGraph as CG

    for order in ((GENEVA, LATER), (LATER, GENEVA)):
        g: CG = graph_of(nlp, *order)
        g.consolidate_people()
        ids = [n["id"] for n in g.nodes_of_kind("actor") if "mistura" in n["label"].lower()]
        assert ids == ["person:staffan-de-mistura"]
        node = g.g.nodes["person:staffan-de-mistura"]
        assert "de Mistura" in node["aliases"]
        assert {p["article"] for p in node["provenance"]} == {"article:t-geneva", "article:t-later"}


OPENED = Article(
    id="t-opened",
    published=date(2017, 1, 25),
    text=(
        "ASTANA (Wire) — Delegations of the Syrian government and armed opposition groups met "
        "in the Kazakh capital on Monday for talks sponsored by Russia, Turkey and Iran. UN envoy "
        "Staffan de Mistura attended the talks, which opened on Monday. The talks ended on Tuesday."
    ),
)


def test_opening_and_closing_dates_make_one_span(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, OPENED)
    (talks,) = events(g, "04")
    assert (talks["start"], talks["end"]) == ("2017-01-23", "2017-01-24")
    assert g.g.nodes[talks["location"]]["label"] == "Astana"  # "the Kazakh capital"
    r = roles(g, talks["id"])
    assert r["Russia"] == {"organizer"} and r["Iran"] == {"organizer"}  # "sponsored by"
    assert "participant" in r["Syria"] and "participant" in r["Syrian armed opposition"]


VARIOUS = Article(
    id="t-various",
    published=date(2023, 11, 27),
    text=(
        "Russian President Vladimir Putin visited Ankara on Monday for talks with Turkish "
        "President Recep Tayyip Erdogan. Russian warplanes bombed rebel-held areas of Idlib on "
        "Tuesday, a monitoring group said. The foreign ministers of Armenia and Azerbaijan will "
        "meet in Washington next week. Neither side signed the agreement."
    ),
)


def test_visits_strikes_and_plans(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, VARIOUS)
    label = {n["id"]: n["label"] for n in g.g.nodes.values()}
    (visit,) = [e for e in events(g, "04") if e["event_type"] == "042"]
    assert roles(g, visit["id"]) == {"Vladimir Putin": {"source"}, "Turkey": {"target"}}
    assert label[visit["location"]] == "Ankara" and visit["start"] == "2023-11-27"
    (talks,) = [e for e in events(g, "04") if e["event_type"] == "046"]
    assert set(roles(g, talks["id"])) == {"Vladimir Putin", "Recep Tayyip Erdogan"}
    (bombing,) = events(g, "19")
    assert roles(g, bombing["id"]) == {"Russia": {"source"}}
    assert label[bombing["location"]] == "Idlib" and bombing["start"] == "2023-11-21"
    (meeting,) = [e for e in events(g, "04") if e["status"] == "planned"]
    assert set(roles(g, meeting["id"])) == {"Armenia", "Azerbaijan"}
    assert label[meeting["location"]] == "Washington"
    assert meeting["start"] == "2023-W49" or meeting["start"].startswith("2023-12")
    assert not [e for e in events(g, "05") if e["status"] == "occurred"]  # "Neither side signed"


RELATIONS = Article(
    id="t-relations",
    published=date(2017, 1, 25),
    text=(
        "Egypt restored full diplomatic ties with Iran on Tuesday. Germany called on Japan to "
        "withdraw its troops. Vladimir Putin called Recep Tayyip Erdogan on Friday. North Korea "
        "fired two artillery shells at a South Korean patrol boat on Monday."
    ),
)


def test_relations_appeals_calls_and_fire(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, RELATIONS)
    (ties,) = events(g, "05")
    assert roles(g, ties["id"]) == {"Egypt": {"participant"}, "Iran": {"participant"}}
    (appeal,) = events(g, "02")
    assert roles(g, appeal["id"]) == {"Germany": {"source"}, "Japan": {"target"}}
    (withdraw,) = [e for e in events(g, "08")]
    assert withdraw["status"] == "proposed" and set(roles(g, withdraw["id"])) == {"Japan"}
    (call,) = [e for e in events(g, "04") if e["event_type"] == "041"]
    assert call["start"] == "2017-01-20"
    assert set(roles(g, call["id"])) == {"Vladimir Putin", "Recep Tayyip Erdogan"}
    (fire,) = events(g, "19")
    assert fire["start"] == "2017-01-23" and "North Korea" in roles(g, fire["id"])


ADOPTION = Article(
    id="t-adoption",
    published=date(2015, 12, 19),
    text=(
        "The UN Security Council unanimously adopted a resolution on Friday endorsing a road map "
        "for peace in Syria. Resolution 2254 asks the Secretary-General to convene the parties."
    ),
)


def test_adoption_is_an_event_of_the_issuer_and_dates_the_resolution(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, ADOPTION)
    (res,) = g.nodes_of_kind("resolution")
    assert (res["code"], res["adopted"]) == ("UNSC 2254", "2015-12-18")
    (adoption,) = [e for e in events(g, "05") if e["event_type"] == "057"]
    assert roles(g, adoption["id"]) == {"UN Security Council": {"source"}}
    assert g.g.has_edge(adoption["id"], res["id"], "references")


OUTCOMES = Article(
    id="t-outcomes",
    published=date(2022, 11, 3),
    text=(
        "Ethiopia and the TPLF signed an agreement in Pretoria on Wednesday after ten days of "
        "talks mediated by the African Union. In Libya, the rival forces reached a permanent "
        "ceasefire at talks in Geneva on Friday."
    ),
)


def test_agreements_link_to_the_talks_that_produced_them(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, OUTCOMES)
    label = {n["id"]: n["label"] for n in g.g.nodes.values()}
    place = {n["id"]: n.get("location") for n in g.nodes_of_kind("event")}
    produced = [(s, t) for s, t, d in g.g.edges(data=True) if d["relation"] == "produced_by"]
    assert len(produced) == 2
    for outcome, talks in produced:
        assert place[outcome] == place[talks]
    (pretoria_talks,) = [t for s, t in produced if "Pretoria" in label[t]]
    assert roles(g, pretoria_talks) == {  # who signed after the talks had talked
        "African Union": {"mediator"},
        "Ethiopia": {"participant"},
        "Tigray People's Liberation Front": {"participant"},
    }
    (geneva,) = [e for e in events(g, "08")]
    assert "Ethiopia" not in roles(g, geneva["id"])  # another conflict's parties stay out


PLACES = Article(
    id="t-places",
    published=date(2022, 7, 24),
    text=(
        "Russian missiles struck the Ukrainian port of Odesa on Saturday. The envoy said she would "
        "convene political talks between the Libyan parties in Tunisia next month. In Libya, the "
        "rival forces reached a permanent ceasefire at talks in Geneva on Friday."
    ),
)


def test_places_of_ports_countries_and_cities(nlp) -> None:  # type: ignore[no-untyped-def]
    g = graph_of(nlp, PLACES)
    label = {n["id"]: n["label"] for n in g.g.nodes.values()}
    where = {
        e["cameo_root"] + e["status"]: label.get(e["location"]) for e in g.nodes_of_kind("event")
    }
    assert where["19occurred"] == "Odesa"  # "the port of Odesa"
    assert where["04planned"] == "Tunisia"  # a country when no city is named
    assert where["08occurred"] == "Geneva"  # the city wins over "In Libya"


def test_labels_name_a_host_and_family_names_first(nlp) -> None:  # type: ignore[no-untyped-def]
    art = Article(
        id="t-labels",
        published=date(2017, 4, 7),
        text="President Donald Trump hosted Chinese President Xi Jinping in Florida on Thursday.",
    )
    g = graph_of(nlp, art)
    (visit,) = [e for e in events(g, "04") if e["event_type"] == "043"]
    assert visit["label"].endswith("visit by Xi, hosted by Trump"), visit["label"]


def test_what_a_document_says_is_the_document_s(nlp) -> None:  # type: ignore[no-untyped-def]
    art = Article(
        id="t-document",
        published=date(2017, 1, 24),
        text=(
            "Kazakh Foreign Minister Kairat Abdrakhmanov read out the final statement on Tuesday. "
            "It reaffirmed the unity of Syria and said a settlement should be reached on the "
            "basis of UN Security Council Resolution 2254."
        ),
    )
    g = graph_of(nlp, art)
    (res,) = g.nodes_of_kind("resolution")
    refs = [s for s, t, d in g.g.edges(data=True) if d["relation"] == "references"]
    assert [g.g.nodes[s]["label"] for s in refs] == ["Final statement by Abdrakhmanov"]
    assert res["code"] == "UNSC 2254"
