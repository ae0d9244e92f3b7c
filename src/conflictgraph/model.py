"""The one vocabulary of conflictgraph: frozen dataclasses and enums shared by every stage.

Dates are :class:`datetime.date`; every interval is inclusive on both ends. Identifiers are
plain strings minted by :mod:`conflictgraph.resolve.identity` so that separate runs merge.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = [
    "ROLE_ORDER",
    "Actor",
    "ActorType",
    "Article",
    "ArticleExtraction",
    "Edge",
    "Event",
    "EventStatus",
    "Location",
    "NodeKind",
    "Precision",
    "Provenance",
    "Relation",
    "Resolution",
    "Role",
    "TimeExpression",
    "TimeKind",
    "TimeValue",
    "TimexType",
]


class NodeKind(StrEnum):
    """What a graph node stands for."""

    ACTOR = "actor"
    EVENT = "event"
    RESOLUTION = "resolution"
    LOCATION = "location"
    ARTICLE = "article"


class ActorType(StrEnum):
    """Kinds of actor an analyst filters by."""

    STATE = "state"
    PERSON = "person"
    ORGANISATION = "organisation"
    IGO = "igo"
    ARMED_GROUP = "armed_group"
    GROUP = "group"


class Precision(StrEnum):
    """How finely a date is known; ordered from finest to coarsest."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"


class TimeKind(StrEnum):
    """What a time value denotes: a point/period, an explicit range, a length, a repetition."""

    DATE = "date"
    INTERVAL = "interval"
    DURATION = "duration"
    SET = "set"


class TimexType(StrEnum):
    """TimeML TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Role(StrEnum):
    """The part an actor plays in an event."""

    ORGANIZER = "organizer"
    HOST = "host"
    MEDIATOR = "mediator"
    PARTICIPANT = "participant"
    GUARANTOR = "guarantor"
    SOURCE = "source"
    TARGET = "target"
    SPEAKER = "speaker"
    OBSERVER = "observer"


# The order roles are listed in tables and timelines: who convened it first, bystanders last.
ROLE_ORDER: tuple[Role, ...] = (
    Role.ORGANIZER,
    Role.HOST,
    Role.MEDIATOR,
    Role.GUARANTOR,
    Role.PARTICIPANT,
    Role.SPEAKER,
    Role.SOURCE,
    Role.TARGET,
    Role.OBSERVER,
)


class Relation(StrEnum):
    """Edge relations of the graph (DESIGN.md §2)."""

    PARTICIPANT = "participant"
    HELD_IN = "held_in"
    REFERENCES = "references"
    ABOUT = "about"
    PRODUCED_BY = "produced_by"
    AFFILIATED_WITH = "affiliated_with"
    ISSUED_BY = "issued_by"
    LOCATED_IN = "located_in"
    REPORTED_IN = "reported_in"


class EventStatus(StrEnum):
    """Whether a reported event happened; only ``occurred`` is shown as fact."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    PROPOSED = "proposed"
    REFUSED = "refused"
    DENIED = "denied"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after ingest: text with boilerplate removed, plus metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str = "en"
    origin: str | None = None  # where it was read from (path, path:line), for messages

    @staticmethod
    def make_id(*, url: str | None = None, text: str = "") -> str:
        """A stable id: from the URL when there is one, else from the content."""
        basis = url.strip() if url else " ".join(text.split())
        return "a" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A resolved time: an inclusive date interval at a precision, or a duration/set.

    "last month" read on 2017-01-28 is ``start=2016-12-01, end=2016-12-31, precision=month``.
    Durations and sets have no start/end; their TIMEX3 ``value`` (``P6M``) keeps the meaning.
    """

    start: date | None
    end: date | None
    precision: Precision | None
    text: str = ""
    anchor: date | None = None
    kind: TimeKind = TimeKind.DATE
    value: str | None = None  # TIMEX3 value: 2017-01-28, 2016-12, P6M, PAST_REF, XXXX-WXX-1 ...

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"TimeValue start {self.start} is after end {self.end}")

    @property
    def is_dated(self) -> bool:
        """True when the value places something on the calendar."""
        return self.start is not None and self.kind in (TimeKind.DATE, TimeKind.INTERVAL)

    def iso_start(self) -> str | None:
        """The start as ISO 8601 at this value's precision (``2016-12``, ``2016``)."""
        return _iso(self.start, self.precision)

    def iso_end(self) -> str | None:
        """The end as ISO 8601 at this value's precision."""
        return _iso(self.end, self.precision)


def _iso(d: date | None, precision: Precision | None) -> str | None:
    if d is None:
        return None
    if precision in (Precision.MONTH,):
        return f"{d.year:04d}-{d.month:02d}"
    if precision in (Precision.YEAR, Precision.DECADE):
        return f"{d.year:04d}"
    return d.isoformat()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in text: where it is, its TIMEX3 reading and its resolved value."""

    char_start: int
    char_end: int
    text: str
    type: TimexType
    value: str | None  # TIMEX3 value; None when it could not be normalised
    time: TimeValue | None  # resolved dates (None for durations, sets and vague references)
    vague: bool = False


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact was read: article, sentence, character offsets into ``Article.text``."""

    article: str
    sentence: int
    char_start: int
    char_end: int
    text: str
    confidence: float = 1.0
    extractor: str = ""
    evidence: str = ""  # how it was found, e.g. "date:clause", "date:published-fallback"

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of DESIGN.md §4."""
        d: dict[str, object] = {
            "article": self.article,
            "sentence": self.sentence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "text": self.text,
            "confidence": self.confidence,
        }
        if self.extractor:
            d["extractor"] = self.extractor
        if self.evidence:
            d["evidence"] = self.evidence
        return d


@dataclass(frozen=True, slots=True)
class Actor:
    """A state, person, organisation, IGO, armed group or other group."""

    id: str
    label: str
    actor_type: ActorType
    iso3: str | None = None
    title: str | None = None  # office, for people
    affiliation: str | None = None  # actor id, for people and organisations
    country: str | None = None  # ISO3 of the country an armed group or organisation belongs to
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """A place events happen in."""

    id: str
    label: str
    country: str | None = None  # ISO3
    aliases: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """A UN resolution or a named accord ("UNSC 2254", "Minsk II")."""

    id: str
    code: str
    label: str
    issuer: str | None = None  # actor id
    adopted: date | None = None
    aliases: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or was planned, refused...) between actors."""

    id: str
    label: str
    event_type: str  # CAMEO code, e.g. "046"
    time: TimeValue | None = None
    location: str | None = None  # location id
    status: EventStatus = EventStatus.OCCURRED
    plover: str | None = None
    trigger: str = ""
    aliases: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()

    @property
    def cameo_root(self) -> str:
        """The two-digit CAMEO root code ("04" for "046")."""
        return self.event_type[:2]


@dataclass(frozen=True, slots=True)
class Edge:
    """A dated, sourced relation between two nodes."""

    source: str
    target: str
    relation: Relation
    role: Role | None = None
    time: TimeValue | None = None
    title: str | None = None  # office, on affiliated_with edges
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything read out of one article, ready to merge into a graph."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    locations: tuple[Location, ...] = ()
    edges: tuple[Edge, ...] = ()
    time_expressions: tuple[TimeExpression, ...] = field(default=())
