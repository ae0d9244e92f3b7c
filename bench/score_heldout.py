"""Score conflictgraph against the hand-annotated held-out articles in tests/data/heldout/.

Each article is built on its own with the public path (``build_graph([txt], nlp=nlp)``, one spaCy
pipeline loaded once) and its graph is compared with the article's ``*.gold.json``:

- Actors. A system actor matches a gold actor when the gold name or one of its aliases equals the
  node's label or one of its aliases (case-insensitive; accents, curly quotes, a leading "the" and
  runs of spaces are folded). The kind must match as well: a name match with the wrong kind counts
  as a miss and a false positive ("kind mismatch"). Gold actors marked ``optional`` (states named
  only as the nationality of an official, and the like) are neither required nor false positives.
  On matched actors: iso3 accuracy (states), affiliation and title accuracy (where the gold has
  one). An affiliation is right when the affiliated node (or the node's ``country``) is named or
  coded as the gold says; a title is right when it holds every content word of a gold title and
  agrees on rank words such as "deputy" or "acting".
- Events. A system event matches a gold event when its CAMEO root is the gold root (or one of
  the gold's ``cameo_root_alt``), the dates overlap (or both are undated), and at least one gold
  participant is among its participants. A null gold ``start`` or ``end`` leaves that side open
  ("talks that began on May 6"); a gold participant is found through every system actor whose
  names match it. Matching is one-to-one (as many pairs as possible, the best-fitting first). On
  matched events: participant-role precision/recall, participant precision/recall ignoring the
  role, the rate of exactly matching dates, the rate of matching locations (where the gold names
  one) and of matching status.

Prints per-article counts, micro-averaged precision/recall/F1, and the misses and false positives
with a hint at what blocked each match.

Run: .venv/bin/python bench/score_heldout.py [--data DIR] [--only SLUG ...] [--json OUT] [--brief]
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout"

MIN_DATE = date(1, 1, 1)
MAX_DATE = date(9999, 12, 31)


# -- small helpers -------------------------------------------------------------------------------
def norm(s: str | None) -> str:
    """Fold a name for comparison: case, accents, quotes, dashes, a leading 'the', spaces."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )
    s = re.sub(r"\s+", " ", s.casefold()).strip(" .,;:")
    return re.sub(r"^the ", "", s)


def as_list(v: Any) -> list[str]:
    """A gold field that may be a string, a list of strings, or absent."""
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def bounds(value: str | None, *, first: bool) -> date | None:
    """The first (or last) day of an ISO date at day, month or year precision."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value).strip()[:10])
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is None:
        return date(y, 1, 1) if first else date(y, 12, 31)
    if d is None:
        return date(y, mo, 1) if first else date(y, mo, calendar.monthrange(y, mo)[1])
    return date(y, mo, d)


def interval(start: str | None, end: str | None, *, open_ended: bool) -> tuple[date, date] | None:
    """Closed date interval of an event; None when undated.

    With ``open_ended`` (gold), a missing end after a known start (or a missing start before a
    known end) is unbounded: "talks that began on May 6". Without it (system), a missing bound
    takes the other one's extent at its precision.
    """
    lo, hi = bounds(start, first=True), bounds(end, first=False)
    if lo is None and hi is None:
        return None
    if open_ended:
        return (lo or MIN_DATE, hi or MAX_DATE)
    return (lo or bounds(end, first=True) or MIN_DATE, hi or bounds(start, first=False) or MAX_DATE)


def overlaps(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Dated intervals that share a day, or two undated events."""
    if a is None or b is None:
        return a is None and b is None
    return a[0] <= b[1] and b[0] <= a[1]


@dataclass
class PRF:
    """True positives, false positives and false negatives, with the usual ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def line(self) -> str:
        return (
            f"P {self.p:6.1%}  R {self.r:6.1%}  F1 {self.f1:6.1%}   "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass
class Rate:
    """Hits out of a number of checks."""

    hit: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.hit += int(ok)

    def merge(self, other: Rate) -> None:
        self.hit += other.hit
        self.n += other.n

    def text(self) -> str:
        return f"{self.hit}/{self.n} ({self.hit / self.n:.1%})" if self.n else "n/a (0 checks)"


# -- gold ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldActor:
    name: str
    kind: str
    iso3: str | None = None
    affiliation: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    optional: bool = False

    @property
    def names(self) -> set[str]:
        return {norm(n) for n in (self.name, *self.aliases) if norm(n)}


@dataclass(frozen=True)
class GoldEvent:
    label: str
    roots: tuple[str, ...]
    start: str | None
    end: str | None
    precision: str | None
    locations: tuple[str, ...]
    status: str | None
    participants: tuple[tuple[str, str], ...]
    evidence: str = ""
    cameo: str | None = None

    @property
    def span(self) -> tuple[date, date] | None:
        return interval(self.start, self.end, open_ended=True)

    def when(self) -> str:
        if self.start is None and self.end is None:
            return "undated"
        if self.start == self.end:
            return str(self.start)
        return f"{self.start or '?'}..{self.end or '?'}"


@dataclass
class Gold:
    slug: str
    actors: list[GoldActor]
    events: list[GoldEvent]
    resolutions: list[set[str]] = field(default_factory=list)


def parse_gold(data: Mapping[str, Any], slug: str = "") -> Gold:
    """Gold annotation from its JSON object."""
    actors = [
        GoldActor(
            name=a["name"],
            kind=a["kind"],
            iso3=a.get("iso3"),
            affiliation=tuple(as_list(a.get("affiliation"))),
            title=tuple(as_list(a.get("title"))),
            aliases=tuple(as_list(a.get("aliases"))),
            optional=bool(a.get("optional", False)),
        )
        for a in data.get("actors", [])
    ]
    events = []
    for e in data.get("events", []):
        roots = (str(e["cameo_root"]), *(str(r) for r in e.get("cameo_root_alt", [])))
        events.append(
            GoldEvent(
                label=e.get("label", ""),
                roots=roots,
                start=e.get("start"),
                end=e.get("end"),
                precision=e.get("precision"),
                locations=tuple(as_list(e.get("location"))),
                status=e.get("status"),
                participants=tuple((k, v) for k, v in e.get("participants", {}).items()),
                evidence=e.get("evidence", ""),
                cameo=e.get("cameo"),
            )
        )
    resolutions = [
        {norm(n) for n in (r["code"], *r.get("aliases", []))} for r in data.get("resolutions", [])
    ]
    return Gold(slug, actors, events, resolutions)


# -- system side (the graph) ---------------------------------------------------------------------
@dataclass
class SysActor:
    id: str
    label: str
    kind: str | None
    names: set[str]
    iso3: str | None = None
    title: str | None = None
    affiliations: list[set[str]] = field(default_factory=list)  # names of each affiliated actor


@dataclass
class SysEvent:
    id: str
    label: str
    root: str | None
    code: str | None
    start: str | None
    end: str | None
    precision: str | None
    locations: set[str]
    location_label: str | None
    status: str | None
    participants: dict[str, set[str]]  # actor id -> roles
    text: str = ""

    @property
    def span(self) -> tuple[date, date] | None:
        return interval(self.start, self.end, open_ended=False)

    def when(self) -> str:
        if not self.start and not self.end:
            return "undated"
        if self.start == self.end or not self.end:
            return str(self.start)
        return f"{self.start}..{self.end}"


def _node_names(d: Mapping[str, Any]) -> set[str]:
    names = {norm(d.get("label"))} | {norm(a) for a in d.get("aliases") or []}
    return {n for n in names if n}


def _aff_names(g: nx.MultiDiGraph, ref: str) -> set[str]:
    """Every way to name an affiliation target: id, label, aliases, ISO3."""
    out = {norm(ref)}
    if ref in g:
        d = g.nodes[ref]
        out |= _node_names(d)
        for k in ("iso3", "country"):
            if d.get(k):
                out.add(norm(d[k]))
    return {n for n in out if n}


def system_from_graph(g: nx.MultiDiGraph) -> tuple[dict[str, SysActor], list[SysEvent]]:
    """Actors and events of a built graph, in the shape documented in docs/graph-json.md."""
    actors: dict[str, SysActor] = {}
    for nid, d in g.nodes(data=True):
        if d.get("kind") != "actor":
            continue
        affs = []
        if d.get("country"):  # an ISO3 nationality counts as a state affiliation
            affs.append({norm(d["country"])})
        if d.get("affiliation"):
            affs.append(_aff_names(g, d["affiliation"]))
        for _, v, ed in g.out_edges(nid, data=True):
            if ed.get("relation") == "affiliated_with":
                affs.append(_aff_names(g, v))
        title = d.get("title")
        if not title:
            for _, _, ed in g.out_edges(nid, data=True):
                if ed.get("relation") == "affiliated_with" and ed.get("title"):
                    title = ed["title"]
                    break
        actors[nid] = SysActor(
            id=nid,
            label=str(d.get("label", nid)),
            kind=d.get("actor_type"),
            names=_node_names(d) or {norm(nid)},
            iso3=d.get("iso3"),
            title=title,
            affiliations=affs,
        )
    events: list[SysEvent] = []
    for nid, d in g.nodes(data=True):
        if d.get("kind") != "event":
            continue
        code = d.get("event_type")
        root = d.get("cameo_root") or (str(code)[:2] if code else None)
        locs: set[str] = set()
        loc_label = None
        loc_ids = [d["location"]] if d.get("location") else []
        loc_ids += [
            v for _, v, ed in g.out_edges(nid, data=True) if ed.get("relation") == "held_in"
        ]
        for lid in loc_ids:
            locs.add(norm(lid))
            if lid in g:
                locs |= _node_names(g.nodes[lid])
                loc_label = loc_label or g.nodes[lid].get("label")
            else:
                loc_label = loc_label or lid
        parts: dict[str, set[str]] = {}
        for u, _, ed in g.in_edges(nid, data=True):
            if ed.get("relation") == "participant":
                parts.setdefault(u, set()).add(ed.get("role") or "participant")
        prov = d.get("provenance") or []
        text = prov[0].get("text", "") if prov and isinstance(prov[0], dict) else ""
        events.append(
            SysEvent(
                id=nid,
                label=str(d.get("label", nid)),
                root=str(root) if root else None,
                code=str(code) if code else None,
                start=d.get("start"),
                end=d.get("end"),
                precision=d.get("precision"),
                locations={x for x in locs if x},
                location_label=loc_label,
                status=d.get("status"),
                participants=parts,
                text=text,
            )
        )
    events.sort(key=lambda e: e.id)
    return actors, events


# -- actor matching ------------------------------------------------------------------------------
@dataclass
class ActorResult:
    prf: PRF = field(default_factory=PRF)
    matched: dict[str, str] = field(default_factory=dict)  # gold name -> sys id (kind ok)
    optional: dict[str, str] = field(default_factory=dict)  # optional gold name -> sys id
    kind_mismatch: dict[str, str] = field(default_factory=dict)  # gold name -> sys id
    missed: list[GoldActor] = field(default_factory=list)
    false_pos: list[tuple[SysActor, str]] = field(default_factory=list)  # (actor, note)
    iso3: Rate = field(default_factory=Rate)
    affiliation: Rate = field(default_factory=Rate)
    title: Rate = field(default_factory=Rate)
    attr_errors: list[str] = field(default_factory=list)
    # gold name -> every system id whose names overlap (used for event participants)
    candidates: dict[str, set[str]] = field(default_factory=dict)


TITLE_FILLER = {"of", "the", "for", "and", "to", "on", "former"}
TITLE_RANK = {"deputy", "vice", "assistant", "acting", "under", "junior"}


def title_words(title: str | None) -> set[str]:
    """Content words of an office, without filler and 'former'."""
    return {w for w in re.findall(r"[a-z0-9]+", norm(title)) if w not in TITLE_FILLER}


def title_ok(gold_titles: Iterable[str], sys_title: str | None) -> bool:
    """The system office holds every content word of one gold office (any order), and the two
    agree on rank words (deputy, vice, acting, ...): "Spokesman, Foreign Ministry" = "Foreign
    Ministry spokesman", "US President" = "President", "Chief" != "foreign policy chief",
    "Deputy Foreign Minister" != "Foreign Minister". "former" is ignored."""
    st = title_words(sys_title)
    if not st:
        return False
    for gt in gold_titles:
        g = title_words(gt)
        if g and g <= st and (g & TITLE_RANK) == (st & TITLE_RANK):
            return True
    return False


def affiliation_ok(gold_affs: Iterable[str], sys_affs: list[set[str]]) -> bool:
    wanted = {norm(a) for a in gold_affs}
    return any(wanted & names for names in sys_affs)


def match_actors(gold: list[GoldActor], sys_actors: Mapping[str, SysActor]) -> ActorResult:
    """One-to-one alignment of gold and system actors by name, kind checked."""
    res = ActorResult()
    pairs = []
    for gi, ga in enumerate(gold):
        names = ga.names
        res.candidates[ga.name] = {sid for sid, sa in sys_actors.items() if names & sa.names}
        for sid in res.candidates[ga.name]:
            sa = sys_actors[sid]
            kind_ok = sa.kind == ga.kind
            exact = norm(ga.name) == norm(sa.label)
            # kind-matching pairs of required actors first, then label equality, then order
            pairs.append(((not kind_ok, ga.optional, not exact, gi, sid), gi, sid, kind_ok))
    pairs.sort(key=lambda x: x[0])
    used_g: set[int] = set()
    used_s: set[str] = set()
    for _, gi, sid, kind_ok in pairs:
        if gi in used_g or sid in used_s:
            continue
        used_g.add(gi)
        used_s.add(sid)
        ga = gold[gi]
        if ga.optional:
            res.optional[ga.name] = sid
        elif kind_ok:
            res.matched[ga.name] = sid
        else:
            res.kind_mismatch[ga.name] = sid
    for ga in gold:
        if ga.optional:
            continue
        if ga.name in res.matched:
            res.prf.tp += 1
        else:
            res.prf.fn += 1
            res.missed.append(ga)
    owner = {sid: name for name, sid in res.kind_mismatch.items()}
    for sid, sa in sys_actors.items():
        if sid in used_s and sid not in owner:
            continue
        res.prf.fp += 1
        if sid in owner:
            ga = next(g for g in gold if g.name == owner[sid])
            note = f"kind mismatch: gold '{ga.name}' is {ga.kind}, system says {sa.kind}"
        else:
            dup = [g.name for g in gold if sid in res.candidates.get(g.name, set())]
            note = f"duplicate of gold '{dup[0]}'" if dup else ""
        res.false_pos.append((sa, note))
    # attributes of matched actors
    for ga in gold:
        sid = res.matched.get(ga.name)
        if sid is None:
            continue
        sa = sys_actors[sid]
        if ga.kind == "state" and ga.iso3:
            ok = (sa.iso3 or "").upper() == ga.iso3.upper()
            res.iso3.add(ok)
            if not ok:
                res.attr_errors.append(f"iso3 of {ga.name}: gold {ga.iso3}, system {sa.iso3}")
        if ga.kind != "state" and ga.affiliation:
            ok = affiliation_ok(ga.affiliation, sa.affiliations)
            res.affiliation.add(ok)
            if not ok:
                got = sorted({n for names in sa.affiliations for n in names}) or ["none"]
                want = "/".join(ga.affiliation)
                res.attr_errors.append(
                    f"affiliation of {ga.name}: gold {want}, system {', '.join(got)}"
                )
        if ga.kind == "person" and ga.title:
            ok = title_ok(ga.title, sa.title)
            res.title.add(ok)
            if not ok:
                res.attr_errors.append(
                    f"title of {ga.name}: gold {'/'.join(ga.title)}, system {sa.title}"
                )
    return res


# -- event matching ------------------------------------------------------------------------------
@dataclass
class EventResult:
    prf: PRF = field(default_factory=PRF)
    pairs: list[tuple[GoldEvent, SysEvent]] = field(default_factory=list)
    missed: list[tuple[GoldEvent, str]] = field(default_factory=list)  # (gold, hint)
    false_pos: list[SysEvent] = field(default_factory=list)
    roles: PRF = field(default_factory=PRF)
    people: PRF = field(default_factory=PRF)  # participants ignoring the role
    date_exact: Rate = field(default_factory=Rate)
    location: Rate = field(default_factory=Rate)
    unplaced: Rate = field(default_factory=Rate)  # no place where the gold names none
    status: Rate = field(default_factory=Rate)
    detail_errors: list[str] = field(default_factory=list)


def gold_ids(ge: GoldEvent, candidates: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Gold participant name -> system actor ids that may stand for it."""
    return {name: set(candidates.get(name, set())) for name, _ in ge.participants}


def shared_participants(ge: GoldEvent, se: SysEvent, candidates: Mapping[str, set[str]]) -> int:
    ids = gold_ids(ge, candidates)
    return sum(1 for name in ids if ids[name] & se.participants.keys())


def event_compatible(ge: GoldEvent, se: SysEvent, candidates: Mapping[str, set[str]]) -> bool:
    return (
        se.root in ge.roots
        and overlaps(ge.span, se.span)
        and shared_participants(ge, se, candidates) > 0
    )


def location_ok(ge: GoldEvent, se: SysEvent) -> bool:
    return bool({norm(x) for x in ge.locations} & se.locations)


def date_exact(ge: GoldEvent, se: SysEvent) -> bool:
    return ge.span == se.span if ge.span is not None else se.span is None


def _diagnose(
    ge: GoldEvent,
    events: list[SysEvent],
    candidates: Mapping[str, set[str]],
    taken: Mapping[str, str] | None = None,
) -> str:
    """Why no system event matched: the nearest near-miss, for the engineer.

    ``taken`` maps system event ids already paired to the label of their gold event.
    """
    taken = taken or {}
    ids = set().union(*gold_ids(ge, candidates).values()) if ge.participants else set()
    if not ids:
        return "no gold participant found as a system actor"
    with_part = [e for e in events if ids & e.participants.keys()]
    if not with_part:
        return "no system event involves any gold participant"
    fits = [e for e in with_part if e.root in ge.roots and overlaps(ge.span, e.span)]
    if fits:
        e = fits[0]
        return (
            f"the only fitting system event '{e.label}' went to gold '{taken.get(e.id, '?')}' "
            "(one system event per gold event)"
        )
    same_root = [e for e in with_part if e.root in ge.roots]
    if same_root:
        e = same_root[0]
        return f"root and participant found but dates differ: system '{e.label}' {e.when()}"
    same_date = [e for e in with_part if overlaps(ge.span, e.span)]
    if same_date:
        e = same_date[0]
        return f"participant and date found, CAMEO root differs: system '{e.label}' root {e.root}"
    e = with_part[0]
    return f"only other events share a participant, e.g. '{e.label}' root {e.root} {e.when()}"


def match_events(
    gold: list[GoldEvent],
    events: list[SysEvent],
    candidates: Mapping[str, set[str]],
) -> EventResult:
    """One-to-one alignment of gold and system events; details scored on matched pairs.

    The alignment is a maximum-cardinality matching (as many pairs as possible) of the greatest
    weight: shared participants first, then an exact date, the place, the preferred CAMEO root.
    """
    res = EventResult()
    bip = nx.Graph()
    for gi, ge in enumerate(gold):
        for si, se in enumerate(events):
            if not event_compatible(ge, se, candidates):
                continue
            weight = (
                1000 * shared_participants(ge, se, candidates)
                + 100 * date_exact(ge, se)
                + 10 * location_ok(ge, se)
                + (se.root == ge.roots[0])
            )
            bip.add_edge(("g", gi), ("s", si), weight=weight)
    pair_idx: list[tuple[int, int]] = []
    for a, b in nx.max_weight_matching(bip, maxcardinality=True):
        g_node, s_node = (a, b) if a[0] == "g" else (b, a)
        pair_idx.append((g_node[1], s_node[1]))
    used_g = {gi for gi, _ in pair_idx}
    used_s = {si for _, si in pair_idx}
    pair_idx.sort()
    res.prf.tp = len(pair_idx)
    res.prf.fn = len(gold) - len(pair_idx)
    res.prf.fp = len(events) - len(pair_idx)
    for gi, si in pair_idx:
        ge, se = gold[gi], events[si]
        res.pairs.append((ge, se))
        # system id -> gold name, for this event's gold participants
        id2name: dict[str, str] = {}
        for name, ids in gold_ids(ge, candidates).items():
            for i in ids:
                id2name.setdefault(i, name)
        gpairs = set(ge.participants)
        spairs = {
            (id2name.get(aid, f"<{aid}>"), role)
            for aid, roles in se.participants.items()
            for role in roles
        }
        hit = gpairs & spairs
        res.roles.add(PRF(len(hit), len(spairs - hit), len(gpairs - hit)))
        gpeople = {n for n, _ in ge.participants}
        speople = {id2name.get(aid, f"<{aid}>") for aid in se.participants}
        res.people.add(PRF(len(gpeople & speople), len(speople - gpeople), len(gpeople - speople)))
        if spairs - gpairs or gpairs - spairs:

            def show(ps: set[tuple[str, str]]) -> str:
                return ", ".join(f"{n}:{r}" for n, r in sorted(ps)) or "-"

            missing, extra = show(gpairs - spairs), show(spairs - gpairs)
            res.detail_errors.append(f"roles of '{ge.label}': missing [{missing}] extra [{extra}]")
        ok = date_exact(ge, se)
        res.date_exact.add(ok)
        if not ok:
            res.detail_errors.append(f"date of '{ge.label}': gold {ge.when()}, system {se.when()}")
        if ge.locations:
            ok = location_ok(ge, se)
            res.location.add(ok)
            if not ok:
                want = "/".join(ge.locations)
                res.detail_errors.append(
                    f"location of '{ge.label}': gold {want}, system {se.location_label}"
                )
        else:  # a place the gold does not give is a wrong place, not a free one
            res.unplaced.add(not se.locations)
            if se.locations:
                res.detail_errors.append(
                    f"location of '{ge.label}': gold none, system {se.location_label}"
                )
        if ge.status:
            ok = (se.status or "occurred") == ge.status
            res.status.add(ok)
            if not ok:
                res.detail_errors.append(
                    f"status of '{ge.label}': gold {ge.status}, system {se.status}"
                )
    taken = {events[si].id: gold[gi].label for gi, si in pair_idx}
    for gi, ge in enumerate(gold):
        if gi not in used_g:
            res.missed.append((ge, _diagnose(ge, events, candidates, taken)))
    for si, se in enumerate(events):
        if si not in used_s:
            res.false_pos.append(se)
    return res


# -- one article ---------------------------------------------------------------------------------
@dataclass
class ArticleScore:
    slug: str
    actors: ActorResult
    events: EventResult
    sys_actors: dict[str, SysActor]
    resolutions: PRF = field(default_factory=PRF)


def score_graph(gold: Gold, g: nx.MultiDiGraph) -> ArticleScore:
    """Score one article's graph against its gold annotation."""
    sys_actors, sys_events = system_from_graph(g)
    ar = match_actors(gold.actors, sys_actors)
    er = match_events(gold.events, sys_events, ar.candidates)
    res_prf = PRF()
    sys_res = [
        _node_names(d) | {norm(d.get("code"))}
        for _, d in g.nodes(data=True)
        if d.get("kind") == "resolution"
    ]
    used: set[int] = set()
    for names in gold.resolutions:
        hit = next((i for i, s in enumerate(sys_res) if i not in used and names & s), None)
        if hit is None:
            res_prf.fn += 1
        else:
            used.add(hit)
            res_prf.tp += 1
    res_prf.fp = len(sys_res) - len(used)
    return ArticleScore(gold.slug, ar, er, sys_actors, res_prf)


def _participants_text(se: SysEvent, sys_actors: Mapping[str, SysActor]) -> str:
    parts = []
    for aid, roles in sorted(se.participants.items()):
        label = sys_actors[aid].label if aid in sys_actors else aid
        parts.append(f"{label}:{'/'.join(sorted(roles))}")
    return ", ".join(parts) or "no participants"


def report(scores: list[ArticleScore], *, brief: bool = False, out=None) -> dict[str, Any]:
    """Print the tables and lists (to ``out``, stdout by default); return the figures."""
    out = out or sys.stdout
    w = out.write
    actors, events, roles, people, res_prf = PRF(), PRF(), PRF(), PRF(), PRF()
    iso3, aff, title, dates, locs, status = Rate(), Rate(), Rate(), Rate(), Rate(), Rate()
    unplaced = Rate()
    w("Per article                         actors tp/fp/fn   events tp/fp/fn   gold ev  sys ev\n")
    for s in scores:
        a, e = s.actors.prf, s.events.prf
        w(
            f"  {s.slug:<32} {a.tp:4d}/{a.fp:3d}/{a.fn:3d}      {e.tp:4d}/{e.fp:3d}/{e.fn:3d}"
            f"      {e.tp + e.fn:4d}  {e.tp + e.fp:6d}\n"
        )
        actors.add(a)
        events.add(e)
        roles.add(s.events.roles)
        people.add(s.events.people)
        res_prf.add(s.resolutions)
        iso3.merge(s.actors.iso3)
        aff.merge(s.actors.affiliation)
        title.merge(s.actors.title)
        dates.merge(s.events.date_exact)
        locs.merge(s.events.location)
        unplaced.merge(s.events.unplaced)
        status.merge(s.events.status)
    w(f"\nOverall (micro-averaged over {len(scores)} articles)\n")
    w(f"  actors                 {actors.line()}\n")
    w(f"    iso3 (states)        {iso3.text()}\n")
    w(f"    affiliation          {aff.text()}\n")
    w(f"    title (people)       {title.text()}\n")
    w(f"  events                 {events.line()}\n")
    w(f"    participant roles    {roles.line()}\n")
    w(f"    participants (any role) {people.line()}\n")
    w(f"    date exact           {dates.text()}\n")
    w(f"    location             {locs.text()}\n")
    w(f"    no place (gold none) {unplaced.text()}\n")
    w(f"    status               {status.text()}\n")
    w(f"  resolutions/accords    {res_prf.line()}\n")
    if not brief:
        for s in scores:
            a, e = s.actors, s.events
            w(f"\n== {s.slug}\n")
            if a.missed:
                w("  actors missed: " + "; ".join(f"{g.name} ({g.kind})" for g in a.missed) + "\n")
            if a.false_pos:
                items = [
                    f"{sa.label} ({sa.kind}){' - ' + note if note else ''}"
                    for sa, note in a.false_pos
                ]
                w("  actors false pos: " + "; ".join(items) + "\n")
            for msg in a.attr_errors:
                w(f"  actor attr: {msg}\n")
            for ge, hint in e.missed:
                parts = ", ".join(f"{n}:{r}" for n, r in ge.participants)
                w(
                    f"  event missed: [{ge.roots[0]}] {ge.label} | {ge.when()} | {parts}\n"
                    f"      hint: {hint}\n"
                )
            for se in e.false_pos:
                snippet = (se.text[:110] + "…") if len(se.text) > 110 else se.text
                w(
                    f"  event false pos: [{se.root}] {se.label} | {se.when()} | "
                    f"{_participants_text(se, s.sys_actors)}\n"
                )
                if snippet:
                    w(f"      from: {snippet}\n")
            for msg in e.detail_errors:
                w(f"  matched event detail: {msg}\n")
    return {
        "articles": len(scores),
        "actors": vars(actors) | {"p": actors.p, "r": actors.r, "f1": actors.f1},
        "events": vars(events) | {"p": events.p, "r": events.r, "f1": events.f1},
        "roles": vars(roles) | {"p": roles.p, "r": roles.r, "f1": roles.f1},
        "participants": vars(people) | {"p": people.p, "r": people.r, "f1": people.f1},
        "iso3": vars(iso3),
        "affiliation": vars(aff),
        "title": vars(title),
        "date_exact": vars(dates),
        "location": vars(locs),
        "unplaced": vars(unplaced),
        "status": vars(status),
        "resolutions": vars(res_prf),
        "per_article": {
            s.slug: {"actors": vars(s.actors.prf), "events": vars(s.events.prf)} for s in scores
        },
    }


def gold_files(folder: Path, only: list[str] | None = None) -> list[tuple[str, Path, Path]]:
    """(slug, text file, gold file) for every annotated article in the folder."""
    out = []
    for gp in sorted(folder.glob("*.gold.json")):
        slug = gp.name[: -len(".gold.json")]
        if only and not any(slug.startswith(o) for o in only):
            continue
        tp = gp.with_name(slug + ".txt")
        if tp.exists():
            out.append((slug, tp, gp))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HELDOUT, help="folder with *.txt and *.gold.json")
    ap.add_argument("--only", nargs="*", help="article slugs (or prefixes such as 03) to score")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--brief", action="store_true", help="figures only, no lists of errors")
    args = ap.parse_args(argv)

    from conflictgraph.build import build_graph
    from conflictgraph.nlp.pipeline import build_nlp

    files = gold_files(args.data, args.only)
    if not files:
        print(f"no annotated articles in {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    nlp = build_nlp()
    t_load = time.perf_counter() - t0
    scores = []
    t0 = time.perf_counter()
    for slug, txt, gp in files:
        gold = parse_gold(json.loads(gp.read_text(encoding="utf-8")), slug)
        result = build_graph([txt], nlp=nlp)
        for err in result.skipped:
            print(f"warning: {slug}: skipped input: {err}", file=sys.stderr)
        scores.append(score_graph(gold, result.graph.g))
    t_build = time.perf_counter() - t0
    print(
        f"Held-out evaluation: {len(files)} articles from {args.data} "
        f"(pipeline load {t_load:.1f} s, build {t_build:.1f} s)\n"
    )
    figures = report(scores, brief=args.brief)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
