"""Store benchmark: load time, size on disk and latency of the README's SPARQL queries on a
synthetic dataset shaped like ours, for the engines we could use behind rdflib's API.

The dataset is written directly as N-Quads, exactly as :func:`conflictgraph.rdf.to_rdf` would
encode a graph of that shape (``tests/store/test_bench.py`` checks this by decoding a small one
and encoding it again): events with CAMEO types, dates at day/month/year precision, SEM roles,
places, resolutions, articles and one named graph per article with the provenance sentences.

Engines, all in this one process:
- ``oxigraph``: pyoxigraph on disk (``bulk_load``), queried through
  :class:`conflictgraph.store.SparqlEngine` (answers rdflib ``Result`` objects): the store's path;
- ``in memory``: the same engine opened ``in_memory=True`` (what ``Store.open(path,
  in_memory=True)`` does): default-graph queries answered from an in-memory copy of the
  default graph, the others from the disk;
- ``oxrdflib``: rdflib's ``Dataset`` API on the same Oxigraph store (oxrdflib);
- ``rdflib``: rdflib's in-memory ``Dataset`` (the baseline; ratios are against it).

The five queries are read from README.md ("Store and queries"), with bindings pointing at the
synthetic data; every engine is timed up to its rows in a Python list. Goals: actor timeline
<= 20 ms and >= 20x faster than rdflib in memory; 1M triples loaded in <= 10 s.

Then ``add`` of one article to a store of the same size built from synthetic extractions
(:func:`synthetic_extractions`), on two copies of it: rewriting the whole generation
(``rebuild=True``, what every add did before adds were incremental) and incrementally.

Run: .venv/bin/python bench/bench_store.py [--triples N] [--repeat R] [--no-rdflib] [--no-add]
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import hashlib
import json
import os
import random
import re
import shlex
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

ID_NS = "https://w3id.org/conflictgraph/id/"
CG = "https://w3id.org/conflictgraph/ns#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
SDO = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
TIME = "http://www.w3.org/2006/time#"
DCT = "http://purl.org/dc/terms/"
GENERATED_AT = datetime(2024, 1, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------------------------
# README queries


@dataclass
class ReadmeQuery:
    """One ``conflictgraph sparql`` command of the README and the output shown under it."""

    title: str
    args: list[str]
    output: str
    query: str = ""
    bindings: dict[str, str] = field(default_factory=dict)


def readme_queries(path: Path = README) -> list[ReadmeQuery]:
    """The ``conflictgraph sparql`` commands of the README's "Store and queries" section, each
    with the ```text block that follows it."""
    text = path.read_text(encoding="utf-8")
    start = text.find("## Store and queries")
    if start < 0:
        raise SystemExit("README.md has no 'Store and queries' section")
    section = text[start:]
    nxt = section.find("\n## ", 5)
    section = section if nxt < 0 else section[:nxt]
    out: list[ReadmeQuery] = []
    title = ""
    pattern = re.compile(
        r"^#### ([^\n]+)$|^```sh\n(conflictgraph sparql .*?)\n```\n+```text\n(.*?)```", re.M | re.S
    )
    for m in pattern.finditer(section):
        if m.group(1):
            title = m.group(1).strip()
            continue
        args = shlex.split(m.group(2))[1:]
        q = ReadmeQuery(title, args, m.group(3))
        rest = list(args[1:])
        while rest:
            item = rest.pop(0)
            if item == "--bind":
                name, _, value = rest.pop(0).partition("=")
                q.bindings[name] = value
            elif item in ("--db", "--format"):
                rest.pop(0)
            elif not item.startswith("--"):
                q.query = item
        out.append(q)
    return out


# ---------------------------------------------------------------------------------------------
# Synthetic N-Quads, as conflictgraph.rdf.to_rdf encodes them


def _iri(kind: str, ident: str) -> str:
    slug = quote(ident, safe="")
    return f"<{ID_NS}{quote(kind, safe='')}/{slug}>"


def _lit(value: str, datatype: str | None = None) -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def _int(v: int) -> str:
    return _lit(str(v), XSD + "integer")


def _dec(v: float) -> str:
    return _lit(str(Decimal(repr(v))), XSD + "decimal")


def _date(text: str) -> str:
    dt = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(text)]
    return _lit(text, XSD + dt)


def _digest(*parts: object) -> str:
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


_UNITS = {"day": f"<{TIME}unitDay>", "month": f"<{TIME}unitMonth>", "year": f"<{TIME}unitYear>"}
_ROLES = ["participant"] * 10 + ["organizer", "mediator", "host", "guarantor", "source", "target"]
_TYPES = [
    ("046", "CONSULT", "Talks"),
    ("040", "CONSULT", "Meeting"),
    ("036", "AGREE", "Offer to meet"),
    ("057", "SUPPORT", "Agreement"),
    ("0871", "RETREAT", "Ceasefire"),
    ("051", "SUPPORT", "Endorsement"),
    ("010", "CONSULT", "Statement"),
    ("112", "ACCUSE", "Accusation"),
    ("190", "ASSAULT", "Fighting"),
]


class _Writer:
    """Collects N-Quads lines the way the encoder fills a dataset (a set of quads)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.described: set[str] = set()
        self.graphs: set[str] = set()
        self.software = _iri("software", "conflictgraph-0.1.0")
        self.stamp = _lit(GENERATED_AT.isoformat(), XSD + "dateTime")
        self.role_types: set[str] = set()

    def d(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def g(self, graph: str, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {graph} .\n")

    def article_graph(self, article: str) -> str:
        art = _iri("article", article)
        name = art[:-1] + "#graph>"
        if name not in self.graphs:
            self.graphs.add(name)
            self.d(name, f"<{RDF}type>", f"<{PROV}Entity>")
            self.d(name, f"<{PROV}wasDerivedFrom>", art)
            self.d(name, f"<{PROV}generatedAtTime>", self.stamp)
            self.d(name, f"<{PROV}wasAttributedTo>", self.software)
        return name

    def evidence(
        self, owner: str, entry: dict[str, Any], facts: list[tuple[str, str, str]]
    ) -> None:
        canonical = json.dumps(entry, ensure_ascii=False, sort_keys=True, default=repr)
        res = _iri("provenance", _digest(canonical, 0))
        graph = self.article_graph(entry["article"])
        for s, p, o in facts:
            self.g(graph, s, p, o)
        self.g(graph, owner, f"<{CG}evidence>", res)
        key = res + graph
        if key in self.described:
            return
        self.described.add(key)
        self.g(graph, res, f"<{RDF}type>", f"<{CG}Provenance>")
        self.g(graph, res, f"<{PROV}wasQuotedFrom>", _iri("article", entry["article"]))
        self.g(graph, res, f"<{CG}sentenceIndex>", _int(entry["sentence"]))
        self.g(graph, res, f"<{CG}charStart>", _int(entry["char_start"]))
        self.g(graph, res, f"<{CG}charEnd>", _int(entry["char_end"]))
        self.g(graph, res, f"<{PROV}value>", _lit(entry["text"]))
        self.g(graph, res, f"<{CG}confidence>", _dec(entry["confidence"]))
        self.g(graph, res, f"<{CG}extractor>", _lit(entry["extractor"]))
        self.g(graph, res, f"<{CG}evidenceKind>", _lit(entry["evidence"]))

    def node(
        self,
        kind: str,
        cls: str,
        ident: str,
        label: str,
        attrs: list[tuple[str, str | None]],
        provs: list[dict[str, Any]],
    ) -> str:
        s = _iri(kind, ident)
        typing = (s, f"<{RDF}type>", cls)
        self.d(*typing)
        self.d(s, f"<{RDFS}label>", _lit(label))
        self.d(s, f"<{DCT}identifier>", _lit(ident))
        self.d(s, f"<{CG}aliases>", f"<{RDF}nil>")
        for pred, obj in attrs:
            if obj is None:
                self.d(s, f"<{CG}nullValue>", pred)
            else:
                self.d(s, pred, obj)
        if not provs:
            self.d(s, f"<{CG}evidence>", f"<{RDF}nil>")
        for entry in provs:
            self.evidence(s, entry, [typing])
        return s

    def participant(
        self,
        actor: str,
        event: str,
        role: str,
        when: tuple[str, str, str],
        provs: list[dict[str, Any]],
    ) -> None:
        s, o = _iri("actor", actor), _iri("event", event)
        res = _iri("role", _digest(actor, event, f"participant:{role}"))
        facts = [
            (o, f"<{SEM}hasActor>", s),
            (o, f"<{SEM}hasActor>", res),
            (res, f"<{RDF}type>", f"<{SEM}Role>"),
            (res, f"<{RDF}value>", s),
        ]
        for fact in facts:
            self.d(*fact)
        role_iri = f"<{CG}{role}>"
        self.role_types.add(role_iri)
        self.d(res, f"<{SEM}roleType>", role_iri)
        self.d(res, f"<{SEM}hasBeginTimeStamp>", _date(when[0]))
        self.d(res, f"<{SEM}hasEndTimeStamp>", _date(when[1]))
        self.d(res, f"<{CG}precision>", _UNITS[when[2]])
        for entry in provs:
            self.evidence(res, entry, [*facts, (res, f"<{SEM}roleType>", role_iri)])

    def statement(
        self,
        source: str,
        target: str,
        relation: str,
        pred: str,
        provs: list[dict[str, Any]],
        attrs: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    ) -> None:
        res = _iri("statement", _digest(source[1], target[1], relation))
        s, o = _iri(*source), _iri(*target)
        facts = [
            (s, pred, o),
            (res, f"<{RDF}type>", f"<{RDF}Statement>"),
            (res, f"<{RDF}subject>", s),
            (res, f"<{RDF}predicate>", pred),
            (res, f"<{RDF}object>", o),
        ]
        for fact in facts:
            self.d(*fact)
        for p, obj in attrs:
            if obj is None:
                self.d(res, f"<{CG}nullValue>", p)
            else:
                self.d(res, p, obj)
        for entry in provs:
            self.evidence(res, entry, facts)

    def finish(self) -> None:
        self.d(self.software, f"<{RDF}type>", f"<{PROV}SoftwareAgent>")
        self.d(self.software, f"<{RDFS}label>", _lit("conflictgraph"))
        self.d(self.software, f"<{SDO}softwareVersion>", _lit("0.1.0"))
        for role in sorted(self.role_types):
            self.d(role, f"<{RDF}type>", f"<{SEM}RoleType>")


@dataclass
class Synthetic:
    """A synthetic dataset: its N-Quads and the ids the benchmark binds queries to."""

    nquads: bytes
    quads: int
    events: int
    actors: list[str]
    actor_events: dict[str, int]
    window: tuple[str, str]


def synthetic(triples: int, *, seed: int = 7) -> Synthetic:
    """About ``triples`` quads shaped like conflictgraph's RDF (see the module docstring)."""
    rng = random.Random(seed)
    n_events = max(20, triples // 113)
    n_actors = max(12, n_events // 6)
    n_places = max(4, n_events // 25)
    n_articles = max(4, n_events // 3)
    w = _Writer()
    prov_of: dict[str, list[dict[str, Any]]] = {}

    def entry(article: str, sentence: int, evidence: str = "event:trigger") -> dict[str, Any]:
        text = f"Sentence {sentence} of {article}: the parties met and agreed on steps."
        return {
            "article": f"article:{article}",
            "sentence": sentence,
            "char_start": sentence * 120,
            "char_end": sentence * 120 + len(text),
            "text": text,
            "confidence": 0.9,
            "extractor": "conflictgraph/0.1.0",
            "evidence": evidence,
        }

    articles = [f"syn{i:06d}" for i in range(n_articles)]
    start_day = date(2011, 1, 1)
    published = {a: start_day + timedelta(days=rng.randrange(5100)) for a in articles}
    for a in articles:
        w.node(
            "article",
            f"<{SDO}NewsArticle>",
            f"article:{a}",
            f"Report {a}",
            [
                (f"<{SDO}headline>", _lit(f"Report {a}")),
                (f"<{SDO}url>", _lit(f"https://example.org/{a}", XSD + "anyURI")),
                (f"<{SDO}publisher>", _lit("Synthetic Wire")),
                (f"<{SDO}datePublished>", _date(published[a].isoformat())),
            ],
            [],
        )
    # Actors: states first (heavy participants), then people, groups, IGOs.
    actors: list[str] = []
    kinds: dict[str, str] = {}
    n_states = min(190, max(6, n_actors // 8))
    for i in range(n_actors):
        if i < n_states:
            aid, label, atype = f"state:S{i:03d}", f"State {i}", "state"
        elif i % 3 == 0:
            aid, label, atype = f"group:g{i:05d}", f"Group {i}", "armed_group"
        elif i % 7 == 0:
            aid, label, atype = f"igo:o{i:05d}", f"Organisation {i}", "igo"
        else:
            aid, label, atype = f"person:p{i:05d}", f"Person {i}", "person"
        actors.append(aid)
        kinds[aid] = atype
    actors.append("igo:unsc")
    kinds["igo:unsc"] = "igo"
    weights = [1.0 / (rank + 1) ** 0.85 for rank in range(len(actors))]
    places = [f"loc:S{i % n_states:03d}:city-{i}" for i in range(n_places)]
    resolutions = ["res:unsc-2254"] + [f"res:unsc-{2300 + i}" for i in range(49)]
    res_mentions: dict[str, list[dict[str, Any]]] = {r: [] for r in resolutions}
    event_ids = []
    per_actor: dict[str, int] = dict.fromkeys(actors, 0)
    by_article: dict[str, int] = dict.fromkeys(articles, 0)
    for i in range(n_events):
        eid = f"event:{hashlib.sha256(str(i).encode()).hexdigest()[:16]}"
        event_ids.append(eid)
        code, plover, word = rng.choice(_TYPES)
        day = start_day + timedelta(days=rng.randrange(5100))
        r = rng.random()
        precision = "day" if r < 0.8 else "month" if r < 0.95 else "year"
        iso = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[
            precision
        ]
        when = (iso, iso, precision)
        reporters = rng.sample(articles, 1 if rng.random() < 0.7 else 2)
        provs = []
        for a in reporters:
            provs.append(entry(a, by_article[a]))
            by_article[a] += 1
        place = rng.choice(places) if rng.random() < 0.7 else None
        k = rng.choice((2, 2, 3, 3, 4, 5))
        members: list[str] = []
        while len(members) < k:
            cand = rng.choices(actors, weights)[0]
            if cand not in members:
                members.append(cand)
        label = f"{word}: {', '.join(m.split(':')[-1] for m in members[:3])}"
        w.node(
            "event",
            f"<{SEM}Event>",
            eid,
            label,
            [
                (f"<{CG}cameoCode>", _lit(code)),
                (f"<{CG}cameoRoot>", _lit(code[:2])),
                (f"<{CG}ploverType>", _lit(plover)),
                (f"<{SEM}hasBeginTimeStamp>", _date(iso)),
                (f"<{SEM}hasEndTimeStamp>", _date(iso)),
                (f"<{CG}precision>", _UNITS[precision]),
                (f"<{CG}timeText>", _lit("on " + iso)),
                (f"<{CG}location>", _iri("location", place) if place else None),
                (f"<{CG}status>", _lit("occurred" if rng.random() < 0.9 else "planned")),
                (f"<{CG}support>", _int(len(reporters))),
            ],
            provs,
        )
        for m in members:
            per_actor[m] += 1
            w.participant(m, eid, rng.choice(_ROLES), when, provs)
        if place:
            w.statement(("event", eid), ("location", place), "held_in", f"<{SEM}hasPlace>", provs)
        for a in reporters:
            w.statement(
                ("event", eid),
                ("article", f"article:{a}"),
                "reported_in",
                f"<{CG}reportedIn>",
                [p for p in provs if p["article"] == f"article:{a}"],
            )
        if rng.random() < 0.1:
            res = resolutions[0] if rng.random() < 0.2 else rng.choice(resolutions)
            res_mentions[res].extend(provs)
            w.statement(
                ("event", eid),
                ("resolution", res),
                "references",
                f"<{CG}references>",
                provs,
                [
                    (f"<{SEM}hasBeginTimeStamp>", _date(iso)),
                    (f"<{SEM}hasEndTimeStamp>", _date(iso)),
                    (f"<{CG}precision>", _UNITS[precision]),
                ],
            )
    prov_of["igo:unsc"] = [entry(articles[0], 9999, "actor:name")]
    for index, aid in enumerate(actors):
        atype = kinds[aid]
        home = actors[index % n_states]
        attrs: list[tuple[str, str | None]] = [
            (f"<{CG}actorType>", _lit(atype)),
            (f"<{CG}iso3>", _lit(aid.split(":")[1]) if atype == "state" else None),
            (f"<{CG}title>", _lit("Foreign Minister") if atype == "person" else None),
            (f"<{CG}affiliation>", _iri("actor", home) if atype == "person" else None),
            (f"<{CG}country>", None),
            (f"<{OWL}sameAs>", None),
        ]
        provs = prov_of.get(aid) or [entry(rng.choice(articles), 0, "actor:name")]
        cls = f"<{SEM}Actor>"
        w.node("actor", cls, aid, aid.split(":")[-1].replace("S", "State ", 1), attrs, provs)
        if atype == "person":
            w.statement(
                ("actor", aid),
                ("actor", home),
                "affiliated_with",
                f"<{CG}affiliatedWith>",
                provs,
                [
                    (f"<{SEM}hasBeginTimeStamp>", None),
                    (f"<{SEM}hasEndTimeStamp>", None),
                    (f"<{CG}precision>", None),
                    (f"<{CG}title>", _lit("Foreign Minister")),
                ],
            )
    for p in places:
        iso3 = p.split(":")[1]
        provs = [entry(rng.choice(articles), 0, "place:name")]
        w.node(
            "location",
            f"<{SEM}Place>",
            p,
            p.split(":")[-1],
            [(f"<{CG}country>", _lit(iso3))],
            provs,
        )
        w.statement(
            ("location", p), ("actor", f"state:{iso3}"), "located_in", f"<{CG}locatedIn>", provs
        )
    for res in resolutions:
        number = res.rsplit("-", 1)[1]
        mentions = list({json.dumps(p, sort_keys=True): p for p in res_mentions[res]}.values())
        provs = mentions or [entry(articles[1], 9998, "resolution:code")]
        w.node(
            "resolution",
            f"<{CG}Resolution>",
            res,
            f"UN Security Council Resolution {number}",
            [
                (f"<{CG}resolutionCode>", _lit(f"UNSC {number}")),
                (f"<{CG}issuer>", _iri("actor", "igo:unsc")),
                (f"<{CG}adopted>", None),
            ],
            provs,
        )
        w.statement(
            ("resolution", res), ("actor", "igo:unsc"), "issued_by", f"<{CG}issuedBy>", provs[:1]
        )
    w.finish()
    lines = list(dict.fromkeys(w.lines))
    heavy = sorted(actors, key=lambda a: -per_actor[a])
    return Synthetic(
        nquads="".join(lines).encode("utf-8"),
        quads=len(lines),
        events=n_events,
        actors=heavy,
        actor_events=per_actor,
        window=("2016-01-01", "2016-01-31"),
    )


def synthetic_extractions(n_articles: int, *, seed: int = 11) -> list[Any]:
    """``n_articles`` article extractions shaped like the synthetic N-Quads (three events an
    article, Zipf-weighted actors with roles, places, resolutions, one event in three also
    reported elsewhere), for timing ``add`` on a store built the way users build one."""
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
        Resolution,
        Role,
        TimeValue,
    )

    rng = random.Random(seed)
    n_actors = max(12, n_articles // 2)
    n_states = min(190, max(6, n_actors // 8))
    actors: list[Actor] = []
    for i in range(n_actors):
        if i < n_states:
            actors.append(Actor(f"state:S{i:03d}", f"State {i}", ActorType.STATE, iso3=f"S{i:03d}"))
        elif i % 3 == 0:
            actors.append(Actor(f"group:g{i:05d}", f"Group {i}", ActorType.ARMED_GROUP))
        else:
            actors.append(
                Actor(
                    f"person:p{i:05d}",
                    f"Person Number{i}",
                    ActorType.PERSON,
                    title="Foreign Minister",
                    affiliation=f"state:S{i % n_states:03d}",
                )
            )
    weights = [1.0 / (rank + 1) ** 0.85 for rank in range(n_actors)]
    places = [
        Location(f"loc:S{i % n_states:03d}:city-{i}", f"City {i}", f"S{i % n_states:03d}")
        for i in range(max(4, n_articles // 8))
    ]
    resolutions = [
        Resolution(f"res:unsc-{2254 + i}", f"UNSC {2254 + i}", f"UNSC Resolution {2254 + i}")
        for i in range(50)
    ]
    roles = [Role.PARTICIPANT] * 10 + [Role.ORGANIZER, Role.MEDIATOR, Role.HOST, Role.GUARANTOR]
    start = date(2011, 1, 1)
    reported: list[tuple[Event, list[tuple[str, Role]], Location | None]] = []
    out = []
    for a in range(n_articles):
        art = Article(
            id=f"syn{a:06d}",
            text=f"Synthetic report {a}.",
            title=f"Report {a}",
            source="Synthetic Wire",
            published=start + timedelta(days=rng.randrange(5100)),
        )
        aid = f"article:{art.id}"
        ex_actors: dict[str, Actor] = {}
        ex_events, ex_places, ex_res, edges = [], {}, {}, []
        for sentence in range(3):
            text = f"Sentence {sentence} of {art.id}: the parties met and agreed on steps."
            prov = (
                Provenance(aid, sentence, sentence * 120, sentence * 120 + len(text), text, 0.9),
            )
            if reported and rng.random() < 0.3:
                event, members, place = rng.choice(reported)
            else:
                code, plover, word = rng.choice(_TYPES)
                day = start + timedelta(days=rng.randrange(5100))
                picked: list[str] = []
                while len(picked) < rng.choice((2, 2, 3, 3, 4, 5)):
                    cand = rng.choices(actors, weights)[0].id
                    if cand not in picked:
                        picked.append(cand)
                members = [(m, rng.choice(roles)) for m in picked]
                place = rng.choice(places) if rng.random() < 0.7 else None
                event = Event(
                    f"event:{hashlib.sha256(f'{a}-{sentence + 1}'.encode()).hexdigest()[:16]}",
                    f"{word}: {', '.join(m.split(':')[-1] for m in picked[:3])}",
                    code,
                    TimeValue(day, day, Precision.DAY, f"on {day.isoformat()}"),
                    location=place.id if place else None,
                    plover=plover,
                )
                reported.append((event, members, place))
            ex_events.append(dataclasses.replace(event, provenance=prov))
            for actor_id, role in members:
                actor = next(x for x in actors if x.id == actor_id)
                ex_actors[actor_id] = dataclasses.replace(actor, provenance=prov)
                edges.append(Edge(actor_id, event.id, Relation.PARTICIPANT, role, provenance=prov))
                if actor.affiliation:
                    home = actors[int(actor.affiliation.split(":S")[1])]
                    ex_actors.setdefault(home.id, dataclasses.replace(home, provenance=prov))
                    edges.append(Edge(actor_id, home.id, Relation.AFFILIATED_WITH, provenance=prov))
            if place is not None:
                ex_places[place.id] = dataclasses.replace(place, provenance=prov)
                edges.append(Edge(event.id, place.id, Relation.HELD_IN, provenance=prov))
            if rng.random() < 0.1:
                res = resolutions[0] if rng.random() < 0.2 else rng.choice(resolutions)
                ex_res[res.id] = dataclasses.replace(res, provenance=prov)
                edges.append(Edge(event.id, res.id, Relation.REFERENCES, provenance=prov))
            edges.append(Edge(event.id, aid, Relation.REPORTED_IN, provenance=prov))
        out.append(
            ArticleExtraction(
                art,
                actors=tuple(ex_actors.values()),
                events=tuple(ex_events),
                resolutions=tuple(ex_res.values()),
                locations=tuple(ex_places.values()),
                edges=tuple(edges),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Engines


def _timed(fn: Callable[[], Any], repeat: int, budget: float) -> tuple[float, Any]:
    """Median seconds of ``fn`` over ``repeat`` runs after one warm-up (fewer if slow)."""
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    times = [first]
    if first < budget:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t0)
            if sum(times) > budget:
                break
    return statistics.median(times), result


def _rows(result: Any) -> int:
    return len(list(result)) if result.type == "SELECT" else 1


_MIRROR_COST = """
import json, os, sys, time
from pathlib import Path
from conflictgraph.store.sparql import SparqlEngine
def rss():
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
engine = SparqlEngine.open(Path(sys.argv[1]))
before = rss()
t0 = time.perf_counter()
engine.mirror()
print(json.dumps({"memory_open_s": time.perf_counter() - t0, "memory_bytes": rss() - before}))
"""


def _mirror_cost(path: Path) -> dict[str, float]:
    """Time and resident memory of the in-memory copy, measured in a fresh process (this one
    holds the synthetic data and rdflib's dataset)."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _MIRROR_COST, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _in_child(fn: Callable[[], tuple[float, Any]], timeout: float) -> tuple[float, int | None]:
    """Run a timing in a forked child (it shares the loaded dataset); stop it after
    ``timeout`` seconds and report the timeout as its time (a lower bound)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def work() -> None:
        secs, result = fn()
        child.send((secs, len(result)))

    proc = ctx.Process(target=work, daemon=True)
    proc.start()
    if parent.poll(timeout):
        secs, rows = parent.recv()
        proc.join()
        return secs, rows
    proc.kill()
    proc.join()
    return timeout, None


def run(
    triples: int, repeat: int, with_rdflib: bool, keep: Path | None, rdflib_timeout: float = 60.0
) -> dict[str, Any]:
    """Build the dataset, load it into every engine and time the README queries."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib import Dataset, Literal

    from conflictgraph.rdf import quiet_rdflib
    from conflictgraph.rdf.terms import PREFIXES
    from conflictgraph.store.sparql import SparqlEngine, node_iri, parse_binding

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    syn = synthetic(triples)
    out["generate_s"] = time.perf_counter() - t0
    out["quads"] = syn.quads
    out["events"] = syn.events
    print(
        f"synthetic dataset: {syn.quads:,} quads, {syn.events:,} events ({out['generate_s']:.1f} s)"
    )

    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench-store-"))
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "oxigraph"
    t0 = time.perf_counter()
    store = ox.Store(str(path))
    store.bulk_load(syn.nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    out["oxigraph_bulk_load_s"] = time.perf_counter() - t0
    store.optimize()  # as the store does after each add
    out["oxigraph_load_s"] = time.perf_counter() - t0
    del store
    gc.collect()
    out["oxigraph_bytes"] = _du(path)
    t0 = time.perf_counter()
    engine = SparqlEngine.open(path)
    out["oxigraph_open_s"] = time.perf_counter() - t0
    print(
        f"oxigraph bulk_load + optimize: {out['oxigraph_bulk_load_s']:.2f} + "
        f"{out['oxigraph_load_s'] - out['oxigraph_bulk_load_s']:.2f} s, "
        f"{out['oxigraph_bytes'] / 1e6:.0f} MB on disk, "
        f"opened read-only in {out['oxigraph_open_s'] * 1000:.0f} ms"
    )
    with quiet_rdflib():
        oxr = Dataset(store=OxigraphStore(store=engine.ox))

    mem = None
    if with_rdflib:
        gc.collect()
        t0 = time.perf_counter()
        mem = Dataset()
        with quiet_rdflib():
            mem.parse(data=syn.nquads.decode("utf-8"), format="nquads")
        out["rdflib_load_s"] = time.perf_counter() - t0
        print(f"rdflib in-memory Dataset: parsed in {out['rdflib_load_s']:.1f} s")

    # Bindings for the synthetic data: a heavy actor (rank 10), a month, UNSC 2254.
    actor = syn.actors[min(10, len(syn.actors) - 1)]
    values = {
        "actor": node_iri(actor),
        "from": Literal(syn.window[0]),
        "to": Literal(syn.window[1]),
        "code": Literal("UNSC 2254"),
    }
    print(f"timeline actor {actor}: {syn.actor_events[actor]} events")
    queries = []
    seen = set()
    for q in readme_queries():
        if q.query in seen:
            continue
        seen.add(q.query)
        bound = {k: values.get(k, parse_binding(f"{k}={v}")[1]) for k, v in q.bindings.items()}
        queries.append((q.title, q.query, bound))

    results = []
    budget = 20.0
    for title, text, bound in queries:
        row: dict[str, Any] = {"query": title}
        secs, res = _timed(lambda t=text, b=bound: _rows(engine.query(t, **b)), repeat, 3.0)
        row["oxigraph_ms"], row["rows"] = secs * 1000, res

        def via_oxrdflib(t: str = text, b: dict[str, Any] = bound) -> Any:
            with quiet_rdflib():
                try:
                    return oxr.query(t, initNs=dict(PREFIXES), initBindings=b)
                except RuntimeError:  # Oxigraph substitutes selected variables only
                    return oxr.query(
                        t, initNs=dict(PREFIXES), initBindings=b, use_store_provided=False
                    )

        secs, res = _timed(lambda: list(via_oxrdflib()), repeat, 3.0)
        row["oxrdflib_ms"] = secs * 1000
        if mem is not None:

            def via_rdflib(t: str = text, b: dict[str, Any] = bound) -> Any:
                with quiet_rdflib():
                    return list(mem.query(t, initNs=dict(PREFIXES), initBindings=b))

            secs, rows = _in_child(lambda f=via_rdflib: _timed(f, 2, budget), rdflib_timeout)
            row["rdflib_ms"] = secs * 1000
            row["rdflib_rows"] = rows
            row["ratio"] = row["rdflib_ms"] / row["oxigraph_ms"]
        results.append(row)

    # The in-memory copy last: while it is held, this process's disk queries run slower
    # (1.5x on the timeline here), so the disk figures above are taken without it.
    out.update(_mirror_cost(path))
    mirrored = SparqlEngine.open(path, in_memory=True)
    mirrored.mirror()  # the copy Store.open(in_memory=True) makes on its first query
    assert mirrored.memory is not None
    out["memory_triples"] = len(mirrored.memory)
    print(
        f"in-memory copy of the default graph (in_memory=True): {out['memory_triples']:,} "
        f"triples in {out['memory_open_s']:.1f} s, about {out['memory_bytes'] / 1e6:.0f} MB"
    )
    for (title, text, bound), row in zip(queries, results, strict=True):
        secs, res = _timed(lambda t=text, b=bound: _rows(mirrored.query(t, **b)), repeat, 3.0)
        row["memory_ms"] = secs * 1000
        assert res == row["rows"], (title, res, row["rows"])
        if "rdflib_ms" in row:
            row["memory_ratio"] = row["rdflib_ms"] / row["memory_ms"]
        print(_line(row))
    out["queries"] = results
    out["goals"] = _goals(out, triples)
    if not keep:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return out


def run_add(triples: int) -> dict[str, Any]:
    """Time ``add`` of one article to a store of about ``triples`` quads built from synthetic
    extractions: rewriting the whole generation (``rebuild=True``, what every add did before
    stores were incremental) against the incremental add, on two copies of one store."""
    import shutil

    from conflictgraph.store import Store

    n_articles = max(20, triples // 312)  # about 312 quads an article
    exs = synthetic_extractions(n_articles + 1)
    out: dict[str, Any] = {"add_articles": n_articles}
    tmp = Path(tempfile.mkdtemp(prefix="bench-add-"))
    try:
        t0 = time.perf_counter()
        with Store.open(tmp / "a", create=True) as db:
            db.add_extractions(exs[:-1])
            out["add_store_quads"] = db.manifest["triples"]
        out["add_build_s"] = time.perf_counter() - t0
        print(
            f"store of {n_articles:,} synthetic articles: {out['add_store_quads']:,} quads, "
            f"built by one add in {out['add_build_s']:.1f} s"
        )
        shutil.copytree(tmp / "a", tmp / "b")
        reports = {}
        for name, rebuild in (("a", True), ("b", False)):
            gc.collect()
            t0 = time.perf_counter()
            with Store.open(tmp / name, create=False) as db:
                report = db.add_extractions(exs[-1:], rebuild=rebuild)
                reports[name] = (db.manifest["triples"], db.manifest["counts"])
            key = "add_one_rebuild_s" if rebuild else "add_one_delta_s"
            out[key] = time.perf_counter() - t0
            assert report.added == [exs[-1].article.id]
        assert reports["a"] == reports["b"], reports
        print(
            f"add 1 article: {out['add_one_rebuild_s']:.1f} s rewriting the generation, "
            f"{out['add_one_delta_s']:.1f} s incremental "
            f"(x{out['add_one_rebuild_s'] / out['add_one_delta_s']:.0f}); same counts and quads"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _line(row: dict[str, Any]) -> str:
    s = f"  {row['query'][:34]:<34} oxigraph {row['oxigraph_ms']:8.1f} ms"
    s += f"  in memory {row['memory_ms']:8.1f} ms"
    s += f"  oxrdflib {row['oxrdflib_ms']:8.1f} ms"
    if "rdflib_ms" in row:
        bound = ">" if row["rdflib_rows"] is None else " "
        s += f"  rdflib {bound}{row['rdflib_ms']:9.1f} ms  x{bound.strip()}{row['ratio']:.0f}"
        s += f" / x{bound.strip()}{row['memory_ratio']:.0f}"
        if row["rdflib_rows"] not in (None, row["rows"]):
            s += f"  (rows differ: {row['rows']} vs {row['rdflib_rows']})"
    return s + f"  [{row['rows']} rows]"


def _goals(out: dict[str, Any], triples: int) -> list[str]:
    timeline = out["queries"][0]
    scale = 1_000_000 / max(out["quads"], 1)
    goals = [
        f"actor timeline {timeline['oxigraph_ms']:.1f} ms <= 20 ms: "
        + ("PASS" if timeline["oxigraph_ms"] <= 20 else "FAIL"),
        f"load {out['oxigraph_load_s']:.1f} s for {out['quads']:,} quads "
        f"({out['oxigraph_load_s'] * scale:.1f} s per 1M) <= 10 s per 1M: "
        + ("PASS" if out["oxigraph_load_s"] * scale <= 10 else "FAIL"),
    ]
    if "ratio" in timeline:
        goals.append(
            f"actor timeline x{timeline['ratio']:.0f} faster than rdflib in memory (>= 20), "
            "store on disk: " + ("PASS" if timeline["ratio"] >= 20 else "FAIL")
        )
        goals.append(
            f"actor timeline x{timeline['memory_ratio']:.0f} faster than rdflib in memory "
            "(>= 20), store opened in_memory=True: "
            + ("PASS" if timeline["memory_ratio"] >= 20 else "FAIL")
        )
    return goals


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="about this many quads")
    ap.add_argument("--repeat", type=int, default=20, help="timed runs per query (median)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip rdflib's in-memory baseline")
    ap.add_argument("--keep", type=Path, help="keep the Oxigraph store in this folder")
    ap.add_argument(
        "--rdflib-timeout", type=float, default=60.0, help="seconds before an rdflib query is cut"
    )
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--no-add", action="store_true", help="skip timing add on a large store")
    args = ap.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    out = run(args.triples, args.repeat, not args.no_rdflib, args.keep, args.rdflib_timeout)
    if not args.no_add:
        out.update(run_add(args.triples))
    print("goals:")
    for goal in out["goals"]:
        print(f"  {goal}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
