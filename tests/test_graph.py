"""ConflictGraph merging without spaCy: support, date reconciliation, cross-article events."""

from __future__ import annotations

from datetime import date

from conflictgraph.graph import ConflictGraph
from conflictgraph.model import (
    Actor,
    ActorType,
    Article,
    ArticleExtraction,
    Edge,
    Event,
    Location,
    Precision,
    Provenance,
    Relation,
    Role,
    TimeValue,
)


def prov(article: str) -> tuple[Provenance, ...]:
    return (Provenance(f"article:{article}", 0, 0, 10, "a sentence", 0.9),)


def talks(
    article: str, eid: str, start: date, end: date, precision: Precision = Precision.DAY
) -> ArticleExtraction:
    """One article's report of talks in Astana between Iran and Russia."""
    art = Article(id=article, text="x", published=date(2017, 1, 25))
    tv = TimeValue(start, end, precision)
    actors = tuple(
        Actor(f"state:{c}", n, ActorType.STATE, iso3=c, provenance=prov(article))
        for c, n in (("IRN", "Iran"), ("RUS", "Russia"))
    )
    loc = Location("loc:KAZ:astana", "Astana", "KAZ", provenance=prov(article))
    ev = Event(eid, f"Talks ({article})", "046", time=tv, location=loc.id, provenance=prov(article))
    edges = (
        *tuple(
            Edge(
                a.id,
                eid,
                Relation.PARTICIPANT,
                role=Role.PARTICIPANT,
                time=tv,
                provenance=prov(article),
            )
            for a in actors
        ),
        Edge(eid, loc.id, Relation.HELD_IN, provenance=prov(article)),
    )
    return ArticleExtraction(art, actors=actors, events=(ev,), locations=(loc,), edges=edges)


def test_support_counts_articles_on_nodes_and_edges() -> None:
    g = ConflictGraph()
    g.add_extraction(talks("a", "event:1", date(2017, 1, 23), date(2017, 1, 24)))
    g.add_extraction(talks("b", "event:1", date(2017, 1, 23), date(2017, 1, 24)))
    assert g.g.nodes["state:IRN"]["support"] == 2
    assert g.g.nodes["event:1"]["support"] == 2
    assert g.g.edges["state:IRN", "event:1", "participant:participant"]["support"] == 2
    assert "support" not in g.g.nodes["article:a"]


def test_reports_with_different_ids_are_one_event_in_any_order() -> None:
    a = talks("a", "event:1", date(2017, 1, 23), date(2017, 1, 24))
    b = talks("b", "event:2", date(2017, 1, 24), date(2017, 1, 24))
    results = []
    for order in ((a, b), (b, a)):
        g = ConflictGraph()
        for ex in order:
            g.add_extraction(ex)
        assert g.consolidate_events() == 1
        results.append(g.to_json())
        (ev,) = g.nodes_of_kind("event")
        assert ev["id"] == "event:1" and ev["support"] == 2
        assert (ev["start"], ev["end"]) == ("2017-01-23", "2017-01-24")  # the longer span
        on_talks = g.g.edges["state:RUS", "event:1", "participant:participant"]
        assert on_talks["start"] == "2017-01-23" and on_talks["support"] == 2
    assert results[0] == results[1]


def test_disagreeing_dates_are_kept_and_flagged() -> None:
    g = ConflictGraph()
    g.add_extraction(talks("a", "event:1", date(2017, 1, 23), date(2017, 1, 24)))
    g.add_extraction(talks("b", "event:1", date(2017, 2, 15), date(2017, 2, 16)))
    ev = g.g.nodes["event:1"]
    assert ev["conflicting_dates"] is True
    assert ev["date_conflicts"] == [
        {"start": "2017-02-15", "end": "2017-02-16", "precision": "day"}
    ]


def test_finer_date_wins_whatever_the_order() -> None:
    month = talks("a", "event:1", date(2017, 1, 1), date(2017, 1, 31), Precision.MONTH)
    day = talks("b", "event:1", date(2017, 1, 24), date(2017, 1, 24))
    for order in ((month, day), (day, month)):
        g = ConflictGraph()
        for ex in order:
            g.add_extraction(ex)
        ev = g.g.nodes["event:1"]
        assert (ev["start"], ev["precision"]) == ("2017-01-24", "day")
        assert not ev.get("conflicting_dates")
