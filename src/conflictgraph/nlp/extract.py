"""From an annotated Doc to an :class:`ArticleExtraction`: model objects with ids and provenance."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from conflictgraph import __version__
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
    TimeExpression,
    TimeValue,
)
from conflictgraph.nlp.events import EventMention
from conflictgraph.nlp.mentions import ActorMention, Mentions, ResolutionMention, entry_actor_type
from conflictgraph.resolve import identity
from conflictgraph.resolve.gazetteer import load_gazetteer

__all__ = ["EXTRACTOR", "extract"]

EXTRACTOR = f"conflictgraph/{__version__}"


def extract(article: Article, doc: Doc) -> ArticleExtraction:
    """Turn the annotations of one article into nodes and edges with provenance."""
    return _Builder(article, doc).build()


class _Builder:
    def __init__(self, article: Article, doc: Doc) -> None:
        self.article = article
        self.doc = doc
        self.m: Mentions = doc._.cg_mentions
        self.events: list[EventMention] = doc._.cg_events or []
        self.timexes: list[TimeExpression] = doc._.cg_timexes or []
        self.sents = list(doc.sents)
        self.sent_index = {i: si for si, s in enumerate(self.sents) for i in range(s.start, s.end)}
        self.art_node = identity.article_id(article.id)
        self.actors: dict[str, Actor] = {}
        self.locations: dict[str, Location] = {}
        self.resolutions: dict[str, Resolution] = {}
        self.edges: list[Edge] = []
        self._prov_cache: dict[tuple[int, float, str], Provenance] = {}
        self._event_ids: dict[int, str] = {}
        self._sent_text: dict[int, str] = {}

    # -- provenance ---------------------------------------------------------------------------
    def prov(self, si: int, *, confidence: float = 0.9, evidence: str = "") -> Provenance:
        key = (si, confidence, evidence)
        cached = self._prov_cache.get(key)
        if cached is not None:
            return cached
        sent = self.sents[si]
        text = self._sent_text.get(si)
        if text is None:
            text = self._sent_text[si] = sent.text.strip()
        self._prov_cache[key] = made = Provenance(
            article=self.art_node,
            sentence=si,
            char_start=sent.start_char,
            char_end=sent.end_char,
            text=text,
            confidence=confidence,
            extractor=EXTRACTOR,
            evidence=evidence,
        )
        return made

    def build(self) -> ArticleExtraction:
        for a in [*self.m.actors, *self.m.implied]:
            self.add_actor(a)
        for p in self.m.places:
            if not p.country_level:  # a country becomes a place node only where an event is
                self.add_location(p.key, p.label, p.iso3, p.surface, self.sent_index[p.start])
        for r in self.m.resolutions:
            self.add_resolution(
                r.key, r.code, r.label, r.issuer, r.adopted, r.surface, self.sent_index[r.start]
            )
        events = [self.event(e) for e in self.events]
        self._adoption_dates()
        for e, ev in zip(self.events, events, strict=True):
            links = [(k, Relation.ABOUT) for k in e.about if k not in e.produced_by]
            links += [(k, Relation.PRODUCED_BY) for k in e.produced_by]
            for k, relation in links:
                if events[k].id == ev.id:
                    continue
                self.edges.append(
                    Edge(
                        ev.id,
                        events[k].id,
                        relation,
                        provenance=(self.prov(e.sentence, confidence=0.7, evidence=str(relation)),),
                    )
                )
        return ArticleExtraction(
            article=self.article,
            actors=tuple(self.actors.values()),
            events=tuple(events),
            resolutions=tuple(self.resolutions.values()),
            locations=tuple(self.locations.values()),
            edges=tuple(self.edges),
            time_expressions=tuple(self.timexes),
        )

    def _adoption_dates(self) -> None:
        """A resolution adopted in the text by its issuer takes the adoption's date."""
        for e in self.events:
            if e.cls != "adoption" or e.time is None or e.time.precision != Precision.DAY:
                continue
            issuers = {p.actor.key for p in e.participants}
            if not e.references:
                # "adopted a resolution on Friday ... Resolution 2254, passed 15-0, ...": the one
                # resolution of this issuer the article names
                named = {r.key: r for r in self.m.resolutions if r.issuer in issuers}
                if len(named) == 1:
                    (res,) = named.values()
                    e.references.append((res, e.sentence))
                    self._reference_edge(e, res, e.sentence)
            for res, _ in e.references:
                cur = self.resolutions.get(res.key)
                if cur is not None and cur.adopted is None and cur.issuer in issuers:
                    self.resolutions[res.key] = replace(cur, adopted=e.time.start)

    # -- nodes ----------------------------------------------------------------------------------
    def add_actor(self, a: ActorMention) -> None:
        si = self.sent_index[a.start]
        prov = self.prov(
            si,
            confidence=0.9 if a.how in {"name", "person", "org"} else 0.75,
            evidence=f"actor:{a.how}",
        )
        aliases = {a.surface} if a.how not in {"anaphor", "force-of"} else set()
        aliases |= self._known_aliases(a)
        aliases -= {a.label}
        cur = self.actors.get(a.key)
        if cur is None:
            self.actors[a.key] = Actor(
                id=a.key,
                label=a.label,
                actor_type=a.actor_type,
                iso3=a.iso3,
                title=a.title,
                affiliation=a.affiliation,
                country=a.country,
                aliases=tuple(sorted(aliases)),
                wikidata=a.wikidata,
                provenance=(prov,),
            )
        else:
            self.actors[a.key] = Actor(
                id=cur.id,
                label=cur.label,
                actor_type=cur.actor_type,
                iso3=cur.iso3,
                title=cur.title or a.title,
                affiliation=cur.affiliation or a.affiliation,
                country=cur.country or a.country,
                aliases=tuple(sorted(set(cur.aliases) | aliases)),
                wikidata=cur.wikidata or a.wikidata,
                provenance=cur.provenance
                if any(p.sentence == si for p in cur.provenance)
                else (*cur.provenance, prov),
            )
        if a.affiliation:
            self.ensure_actor(a.affiliation, si)
            if a.actor_type in {ActorType.PERSON, ActorType.ORGANISATION} and not any(
                e.source == a.key and e.relation == Relation.AFFILIATED_WITH for e in self.edges
            ):
                pub = self.article.published
                tv = (
                    TimeValue(pub, pub, Precision.DAY, anchor=pub, value=pub.isoformat())
                    if pub
                    else None
                )
                self.edges.append(
                    Edge(
                        a.key,
                        a.affiliation,
                        Relation.AFFILIATED_WITH,
                        title=a.title,
                        time=tv,
                        provenance=(prov,),
                    )
                )
        if a.country and a.actor_type != ActorType.STATE:
            self.ensure_actor(identity.state_id(a.country), si)

    @staticmethod
    def _known_aliases(a: ActorMention) -> set[str]:
        """The gazetteer's other names for a state, IGO or group, so search finds them."""
        if a.how not in {"name", "demonym", "capital"}:
            return set()
        gaz = load_gazetteer()
        entry = gaz.state(a.iso3) if a.iso3 else gaz.by_key(a.key)
        if entry is None:
            return set()
        return {*entry.aliases, *entry.demonyms}

    def ensure_actor(self, key: str, si: int) -> None:
        """Make sure an actor named only as an affiliation (a state, an IGO) is a node too."""
        if key in self.actors:
            return
        gaz = load_gazetteer()
        entry = gaz.state(key.split(":", 1)[1]) if key.startswith("state:") else gaz.by_key(key)
        if entry is None:
            return
        actor_type = entry_actor_type(entry.kind)
        self.actors[key] = Actor(
            id=key,
            label=entry.label,
            actor_type=actor_type,
            iso3=entry.iso3 if entry.kind == "state" else None,
            wikidata=entry.wikidata,
            aliases=tuple(sorted({*entry.aliases, *entry.demonyms} - {entry.label})),
            affiliation=entry.parent,
            provenance=(self.prov(si, confidence=0.6, evidence="actor:implied"),),
        )
        if entry.parent:
            self.ensure_actor(entry.parent, si)

    def add_location(self, key: str, label: str, iso3: str | None, surface: str, si: int) -> None:
        cur = self.locations.get(key)
        prov = self.prov(si, evidence="place")
        aliases = {surface} - {label}
        if surface.lower().startswith("the "):
            aliases = set()  # "the city": a way of referring back, not a name of the place
        if cur is None:
            self.locations[key] = Location(key, label, iso3, tuple(sorted(aliases)), (prov,))
            if iso3:
                self.ensure_actor(identity.state_id(iso3), si)
                self.edges.append(
                    Edge(key, identity.state_id(iso3), Relation.LOCATED_IN, provenance=(prov,))
                )
        else:
            provs = (
                cur.provenance
                if any(p.sentence == si for p in cur.provenance)
                else (*cur.provenance, prov)
            )
            self.locations[key] = Location(
                key, label, iso3, tuple(sorted(set(cur.aliases) | aliases)), provs
            )

    def add_resolution(
        self,
        key: str,
        code: str,
        label: str,
        issuer: str | None,
        adopted: str | None,
        surface: str,
        si: int,
    ) -> None:
        cur = self.resolutions.get(key)
        prov = self.prov(si, evidence="resolution")
        aliases = {surface.removeprefix("the ").removeprefix("The ")} - {label}
        adopted_d = date.fromisoformat(adopted) if adopted else None
        if cur is None:
            self.resolutions[key] = Resolution(
                key, code, label, issuer, adopted_d, tuple(sorted(aliases)), (prov,)
            )
            if issuer:
                self.ensure_actor(issuer, si)
                self.edges.append(Edge(key, issuer, Relation.ISSUED_BY, provenance=(prov,)))
        else:
            provs = (
                cur.provenance
                if any(p.sentence == si for p in cur.provenance)
                else (*cur.provenance, prov)
            )
            self.resolutions[key] = Resolution(
                key,
                code,
                label,
                issuer,
                adopted_d,
                tuple(sorted(set(cur.aliases) | aliases)),
                provs,
            )

    # -- events ---------------------------------------------------------------------------------
    def event(self, e: EventMention) -> Event:
        tv = e.time
        date_key = None
        if tv is not None and tv.is_dated and e.time_evidence != "date:published-fallback":
            date_key = tv.iso_end() or tv.iso_start()
        core = [p.actor.key for p in e.participants if p.role not in {Role.OBSERVER, Role.SPEAKER}]
        if not core:  # statements: their speakers tell them apart
            core = [p.actor.key for p in e.participants if p.role == Role.SPEAKER]
        place_key = e.place.key if e.place else None
        eid = identity.event_id(
            cameo=e.cameo,
            date_key=date_key,
            place=place_key,
            participants=core,
            article=self.article.id,
        )
        conf = e.time_confidence
        provs = tuple(
            self.prov(si, confidence=conf, evidence=e.time_evidence) for si in sorted(e.sentences)
        )
        label = self.label(e)
        cameo_info = _cameo_table()
        plover = cameo_info.get(e.cameo) or cameo_info.get(e.cameo[:2])
        event = Event(
            id=eid,
            label=label,
            event_type=e.cameo,
            time=tv,
            location=place_key,
            status=e.status,
            plover=plover,
            trigger=self.doc[e.trigger].text,
            provenance=provs,
        )
        if e.place:
            self.add_location(e.place.key, e.place.label, e.place.iso3, e.place.surface, e.sentence)
            self.edges.append(
                Edge(eid, e.place.key, Relation.HELD_IN, provenance=(self.prov(e.sentence),))
            )
        for p in e.participants:
            self.add_actor(p.actor)
            self.edges.append(
                Edge(
                    p.actor.key,
                    eid,
                    Relation.PARTICIPANT,
                    role=p.role,
                    time=tv,
                    provenance=(
                        self.prov(p.sentence, confidence=0.5, evidence="role:discourse")
                        if p.inherited
                        else self.prov(p.sentence, confidence=0.8, evidence="role"),
                    ),
                )
            )
        if e.cls in {"agreement", "ceasefire"}:
            self._parties_of_signatories(e, eid, tv)
        self._event_ids[id(e)] = eid
        for res, si in e.references:
            self._reference_edge(e, res, si)
        self.edges.append(Edge(eid, self.art_node, Relation.REPORTED_IN, provenance=(provs[0],)))
        return event

    def _parties_of_signatories(self, e: EventMention, eid: str, tv: TimeValue | None) -> None:
        """Leaders sign for someone: the state, group or organisation a person in an agreement
        or truce represents takes part in it too, in the same role (marked as inferred)."""
        have = {p.actor.key for p in e.participants}
        for p in e.participants:
            a = p.actor
            if a.actor_type != ActorType.PERSON or not a.affiliation:
                continue
            party = a.affiliation
            if party.startswith("org:"):  # a ministry's official acts for the state
                party = identity.state_id(party.split(":")[1])
            if party in have:
                continue
            self.ensure_actor(party, p.sentence)
            if party not in self.actors:
                continue
            have.add(party)
            self.edges.append(
                Edge(
                    party,
                    eid,
                    Relation.PARTICIPANT,
                    role=p.role,
                    time=tv,
                    provenance=(
                        self.prov(p.sentence, confidence=0.6, evidence="role:affiliation"),
                    ),
                )
            )

    def _reference_edge(self, e: EventMention, res: ResolutionMention, si: int) -> None:
        self.edges.append(
            Edge(
                self._event_ids[id(e)],
                res.key,
                Relation.REFERENCES,
                time=e.time,
                provenance=(self.prov(si, confidence=0.8, evidence="reference"),),
            )
        )

    def label(self, e: EventMention) -> str:
        """A label a person reads: 'Astana peace talks', 'Zarif–Lavrov telephone
        conversation', 'Aleppo deal (Iran, Russia, Turkey)', 'statement by Russia'."""
        core = [p for p in e.participants if p.role not in {Role.OBSERVER, Role.MEDIATOR}]
        names: list[str] = []
        for p in core or e.participants:
            a = p.actor
            short = _short(a)
            if short not in names:
                names.append(short)
        phrase = e.phrase
        if e.place and e.place.label.lower() not in phrase.lower():
            phrase = f"{e.place.label} {phrase}"
        directed = {p.role for p in core} & {Role.SOURCE, Role.SPEAKER, Role.TARGET}
        if len(names) == 2 and not directed:
            phrase = f"{names[0]}–{names[1]} {phrase}"
        elif names and directed and e.cameo == "043":
            # CAMEO 043 "host a visit": the source hosts, the target visits
            hosts = [_short(p.actor) for p in core if p.role in {Role.SOURCE, Role.HOST}]
            guests = [_short(p.actor) for p in core if p.role == Role.TARGET]
            if guests:
                phrase = f"{phrase} by {', '.join(dict.fromkeys(guests))}"
            if hosts:
                phrase = f"{phrase}, hosted by {', '.join(dict.fromkeys(hosts))}"
        elif names and directed:
            src = [
                n for p in core if p.role in {Role.SOURCE, Role.SPEAKER} for n in [_short(p.actor)]
            ]
            tgt = [n for p in core if p.role == Role.TARGET for n in [_short(p.actor)]]
            if src:
                phrase = f"{phrase} by {', '.join(dict.fromkeys(src))}"
            if tgt:
                phrase = (
                    f"{phrase} against {', '.join(dict.fromkeys(tgt))}"
                    if e.cameo[:2] in {"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}
                    else f"{phrase} to {', '.join(dict.fromkeys(tgt))}"
                )
        elif names:
            shown = ", ".join(names[:4]) + (" …" if len(names) > 4 else "")
            phrase = f"{phrase} ({shown})"
        return phrase[:1].upper() + phrase[1:]


def _short(a: ActorMention) -> str:
    return _surname(a.label, a.affiliation) if a.actor_type == ActorType.PERSON else a.label


# States whose people's names put the family name first: "Xi Jinping" is Xi, "Moon Jae-in" Moon.
_FAMILY_FIRST = {"state:CHN", "state:TWN", "state:KOR", "state:PRK", "state:VNM"}


_PARTICLES = {"de", "al", "van", "von", "la", "el", "bin", "ibn", "abu", "da", "di", "du", "le"}


def _surname(name: str, affiliation: str | None = None) -> str:
    """'Staffan de Mistura' -> 'de Mistura', 'Sergei Lavrov' -> 'Lavrov', 'Xi Jinping' (of
    China) -> 'Xi'."""
    words = name.split()
    if affiliation in _FAMILY_FIRST and len(words) > 1:
        return words[0]
    for i, w in enumerate(words[1:], start=1):
        if w.lower() in _PARTICLES:
            return " ".join(words[i:])
    return words[-1]


@lru_cache(maxsize=1)
def _cameo_table() -> dict[str, str]:
    """CAMEO code -> PLOVER type, from package data."""
    text = resources.files("conflictgraph.data").joinpath("cameo.csv").read_text("utf-8")
    return {row["code"]: row["plover"] for row in csv.DictReader(text.splitlines())}
