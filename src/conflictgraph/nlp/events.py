"""Events: triggers found with spaCy's parse, typed by CAMEO, with roles, place, date and status.

A verb ("met", "attacked", "agreed") or an event noun ("talks", "deal", "ceasefire") is a
trigger. Its arguments come from the dependency parse (subject, object, "with X", "between X and
Y", passive "by X"); light verbs ("held talks", "worked out a deal") and role verbs ("organized
the talks", "mediated the deal", "played intermediary roles at the talks") hand their subject to
the noun's event. Definite mentions of the same kind of event ("the talks", "the meeting") are
one event within an article. Dates come from the trigger's own clause, else from the event whose
clause it sits in, else from the nearest date in the sentence, else (marked, with low confidence)
from the publication date.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from conflictgraph.model import (
    ActorType,
    EventStatus,
    Precision,
    Role,
    TimeExpression,
    TimeKind,
    TimeValue,
    TimexType,
)
from conflictgraph.nlp.mentions import (
    GOVERNMENT_NOUNS,
    ActorMention,
    Mentions,
    PlaceMention,
    ResolutionMention,
    doc_text,
    entry_mention,
    paragraph_starts,
)
from conflictgraph.nlp.timex import clock_days
from conflictgraph.resolve import identity
from conflictgraph.resolve.gazetteer import load_gazetteer

__all__ = ["EventFinder", "EventMention", "Participation", "load_triggers"]

# Verbs whose object event is the event; the verb adds a role for its subject.
ROLE_VERBS: dict[str, Role] = {
    "organize": Role.ORGANIZER,
    "organise": Role.ORGANIZER,
    "convene": Role.ORGANIZER,
    "sponsor": Role.ORGANIZER,
    "run": Role.ORGANIZER,
    "lead": Role.ORGANIZER,
    "oversee": Role.ORGANIZER,
    "moderate": Role.MEDIATOR,
    "arrange": Role.ORGANIZER,
    "initiate": Role.ORGANIZER,
    "co-sponsor": Role.ORGANIZER,
    "chair": Role.ORGANIZER,
    "host": Role.HOST,
    "open": Role.HOST,
    "mediate": Role.MEDIATOR,
    "broker": Role.MEDIATOR,
    "facilitate": Role.MEDIATOR,
    "guarantee": Role.GUARANTOR,
    "attend": Role.PARTICIPANT,
    "join": Role.PARTICIPANT,
    "participate": Role.PARTICIPANT,
    "observe": Role.OBSERVER,
    "monitor": Role.OBSERVER,
}
# Verbs that carry an event noun as object without adding meaning of their own.
LIGHT_VERBS = {
    "complete",
    "initial",
    "ratify",
    "hold",
    "have",
    "conduct",
    "launch",
    "carry",
    "stage",
    "begin",
    "start",
    "open",
    "reach",
    "strike",
    "sign",
    "conclude",
    "work",
    "seal",
    "hammer",
    "agree",
    "make",
    "issue",
    "release",
    "announce",
    "declare",
    "impose",
    "mount",
    "resume",
    "enter",
    "negotiate",
    "finalize",
    "finalise",
    "secure",
    "accept",
    "approve",
    "adopt",
    "implement",
    "establish",
    "forge",
    "achieve",
    "broker",
    "continue",
    "read",
    "deliver",
    "publish",
    "order",
    "extend",
    "renew",
    "expand",
    "tighten",
    "broaden",
    "widen",
    "prolong",
    "intensify",
    "trade",
    "exchange",
}
# Verbs whose subject is an event noun and that report its occurrence: "the talks ended".
OCCURRENCE_VERBS = {
    "conclude",
    "end",
    "begin",
    "start",
    "open",
    "close",
    "take",
    "resume",
    "collapse",
    "continue",
    "come",
    "finish",
    "wrap",
    "hold",
    "convene",
    "last",
    "run",
    "proceed",
    "break",
    "go",
    "enter",
    "expire",
}
# "A paved the way for B", "A led to B": B happened, dated by A.
CONSEQUENCE_VERBS = {"pave", "lead", "result", "enable", "allow", "spark", "trigger", "prompt"}
# Verbs whose object event is only wished for.
APPEAL_VERBS = {
    "call",
    "urge",
    "demand",
    "seek",
    "propose",
    "suggest",
    "want",
    "push",
    "press",
    "ask",
    "request",
    "offer",
    "support",
    "back",
    "welcome",
    "endorse",
    "need",
}
PLAN_VERBS = {
    "plan",
    "intend",
    "expect",
    "prepare",
    "hope",
    "aim",
    "schedule",
    "want",
    "seek",
    "try",
    "agree",
    "decide",
    "pledge",
    "promise",
    "vow",
}
COMMUNICATION = {
    "present",
    "say",
    "tell",
    "add",
    "announce",
    "state",
    "declare",
    "claim",
    "insist",
    "stress",
    "note",
    "report",
    "confirm",
    "estimate",
    "reveal",
    "write",
}
PROPOSAL_NOUNS = {
    "draft",
    "proposal",
    "plan",
    "constitution",
    "roadmap",
    "initiative",
    "guarantee",
    "guarantees",
    "document",
    "offer",
    "version",
    "text",
    "list",
}
RELATION_NOUNS = {"tie", "ties", "relation", "relations", "contact", "contacts"}
# Verbs that are events only about relations ("restored ties", "cut ties"), not "cut aid".
TIE_VERBS = {
    "restore", "renew", "resume", "normalize", "normalise", "establish",
    "sever", "cut", "break", "suspend", "downgrade",
}  # fmt: skip
# Acts a party voices, whose "from X" names who: "protests from Pakistan".
VOICED_CLASSES = {
    "protest", "criticize", "accuse", "threaten", "appeal", "demand", "reject", "support",
}  # fmt: skip
# Places an attack hits that belong to the state they lie in: "an airport in Saudi Arabia",
# "the town of Manbij" (but "targets in Syria" or "areas of Idlib" may be anyone's).
SITE_NOUNS = {
    "airport", "base", "city", "town", "village", "port", "harbour", "harbor", "plant",
    "facility", "refinery", "oilfield", "hospital", "school", "market", "building",
    "embassy", "consulate", "capital", "suburb", "station", "bridge", "dam", "terminal",
    "depot", "installation", "compound", "camp", "airbase", "airfield", "headquarters",
    "hotel", "mosque", "church", "synagogue", "temple", "shrine", "restaurant", "mall",
    "university", "prison", "checkpoint", "barracks", "parliament", "palace", "ministry",
    "court", "stadium", "cinema", "square", "outpost", "garrison",
}  # fmt: skip
# What makes an operation or a campaign a military one.
MILITARY_WORDS = {
    "military", "ground", "air", "aerial", "bombing", "offensive", "counterterrorism",
    "counter-terrorism", "combat", "cross-border", "armed", "naval", "punitive",
}  # fmt: skip
# Verbs by which an act draws a reaction: "prompting protests from Pakistan".
DRAW_VERBS = {"prompt", "draw", "trigger", "spark", "provoke", "attract", "elicit", "earn"}
# Verbs whose object is a topic: "the two leaders discussed Taiwan".
TOPIC_VERBS = {"discuss", "debate", "consider", "review", "examine", "address", "raise"}
# What talks are called, for "suspended talks" (CAMEO 164, halt negotiations).
TALK_NOUNS = {"talk", "negotiation", "dialogue", "mediation", "consultation", "process"}
# What is exchanged in a fight: "exchanged fire", "exchanged artillery fire".
EXCHANGED_FIRE = {"fire", "gunfire", "shot", "shelling", "artillery", "rocket", "blow", "salvo"}
# Verbs that ask someone else to act: "urged Iran to join", "called on Japan to withdraw".
ASKING_VERBS = {"call", "urge", "demand", "ask", "press", "tell", "order", "invite", "encourage"}
# What one "meets" without meeting anyone: resistance, a deadline, a demand, one's death.
NOT_MET_NOUNS = {
    "resistance", "opposition", "demand", "requirement", "condition", "criterion", "criteria",
    "deadline", "target", "goal", "expectation", "need", "standard", "obligation", "threshold",
    "quota", "commitment", "challenge", "fate", "death", "end", "approval", "response",
    "reception", "objective", "benchmark", "cost", "payment", "shortfall", "fire", "force",
}  # fmt: skip
# verbs that report speech only when they carry what was said ("wrote that", "he added")
WEAK_SPEECH_VERBS = {
    "write",
    "post",
    "tweet",
    "add",
    "note",
    "explain",
    "acknowledge",
    "confirm",
    "state",
    "reiterate",
}
# what one backs or supports when the support is an event: a plan, a deal, talks
SUPPORTED_NOUNS = {
    "deal",
    "plan",
    "agreement",
    "accord",
    "proposal",
    "resolution",
    "ceasefire",
    "truce",
    "initiative",
    "effort",
    "talks",
    "process",
    "bid",
    "candidacy",
    "roadmap",
}
# military action that can be halted or stopped (CAMEO 087 de-escalate)
HALTABLE_NOUNS = {
    "offensive",
    "attack",
    "operation",
    "strike",
    "airstrike",
    "fighting",
    "bombing",
    "bombardment",
    "hostilities",
    "fire",
    "advance",
    "shelling",
    "assault",
    "campaign",
    "raid",
    "war",
}
# people who are released or exchanged (CAMEO 0841)
CAPTIVE_NOUNS = {
    "prisoner",
    "hostage",
    "detainee",
    "captive",
    "soldier",
    "journalist",
    "body",
    "pow",
    "civilian",
    "fighter",
    "activist",
    "sailor",
}
# "X is expected / scheduled / set / due to VERB": X is the one who will act
RAISING_PASSIVES = {"expect", "schedule", "set", "due", "slate", "plan", "poise", "invite"}
DIPLOMAT_NOUNS = {"diplomat", "ambassador", "envoy", "attache", "consul", "staff", "official"}
# "the two sides", "both rivals", "the three leaders": the parties just named, by number
COUNTED_PARTY_NOUNS = {
    "side",
    "country",
    "state",
    "nation",
    "rival",
    "neighbour",
    "neighbor",
    "foe",
    "enemy",
    "leader",
    "government",
    "president",
    "minister",
    "capital",
    "man",
}
CAPTURE_VERBS = {"fall", "take", "enter", "overrun", "capture", "seize", "retake", "recapture"}
STRIKING_NOUNS = {
    "missile",
    "rocket",
    "drone",
    "shell",
    "bomb",
    "strike",
    "airstrike",
    "jet",
    "warplane",
    "aircraft",
    "artillery",
    "force",
    "troop",
    "projectile",
    "mortar",
}
MUNITION_TRIGGERS = {"missile", "rocket", "drone", "shell", "bomb", "mortar", "projectile"}
IMPACT_VERBS = {
    "hit",
    "strike",
    "slam",
    "land",
    "fall",
    "pound",
    "rain",
    "target",
    "kill",
    "explode",
    "destroy",
    "damage",
    "smash",
    "crash",
}
DIRECTED_CLASSES = {"investigate", "attack", "sanction", "coerce", "assault", "aid", "reject"}
AID_VERBS = {"deliver", "send", "provide", "give", "pledge", "ship", "airlift", "approve"}
AID_VERBS |= {"allocate", "announce", "promise", "offer", "donate", "supply", "grant"}
# classes whose nouns news uses to point back at acts already told ("the attacks")
REFERRING_CLASSES = {
    "attack", "statement", "reject", "meeting", "criticize", "sanction", "accuse",
}  # fmt: skip
# nouns that count or measure meetings: "several rounds of talks", "two days of talks"
ROUND_NOUNS = {"round", "series", "day", "week", "month", "session", "sitting"}
# nouns for armed men, and the words that tie them to whom they fight for
FORCE_NOUNS = {"force", "troop", "fighter", "militia", "militiaman", "loyalist", "soldier", "unit"}
FORCE_LINKS = {"loyal", "back", "allied", "lead", "affiliated", "aligned", "support", "command"}
# nouns that give an actor a role in an event: "Qatari mediators", "acting as guarantors"
ROLE_NOUNS = {
    "mediator": Role.MEDIATOR,
    "broker": Role.MEDIATOR,
    "facilitator": Role.MEDIATOR,
    "intermediary": Role.MEDIATOR,
    "guarantor": Role.GUARANTOR,
    "observer": Role.OBSERVER,
    "sponsor": Role.ORGANIZER,
    "co-sponsor": Role.ORGANIZER,
    "organiser": Role.ORGANIZER,
    "organizer": Role.ORGANIZER,
    "host": Role.HOST,
}
ROLE_NOUN_CLASSES = {"meeting", "agreement", "ceasefire", "call", "evacuation", "release"}
TIME_HEADS = {
    "hour",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "week",
    "weekend",
    "month",
    "year",
    "time",
    "session",
    "rush",
}
# prepositions that make a date a deadline or a limit rather than the day something happened
DEADLINE_PREPS = {"by", "until", "till", "before", "within"}
QUANTITY_NOUNS = {"wave", "barrage", "salvo", "volley", "series", "number", "dozen", "hail"}
MUNITIONS = {
    "shell",
    "missile",
    "rocket",
    "shot",
    "mortar",
    "round",
    "bullet",
    "drone",
    "bomb",
    "grenade",
    "projectile",
    "salvo",
    "barrage",
    "torpedo",
}
INTENT_NOUNS = {
    "readiness",
    "willingness",
    "commitment",
    "intention",
    "desire",
    "interest",
    "determination",
    "preparedness",
    "resolve",
    "hope",
}
SOFT_MODALS = {"should", "must", "could", "might", "may", "ought"}
MODALS = {"will", "would", "shall", "'ll", "going"}
DEFINITE = {"the", "this", "that", "these", "those"}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
PERSON_ROLE_NOUNS = {
    "diplomat",
    "minister",
    "envoy",
    "counterpart",
    "president",
    "leader",
    "negotiator",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "premier",
    "chancellor",
}
CONTENT_CLASSES = {"statement", "agreement", "support", "intent"}
# What office a generic noun means when it stands for one named person: a top diplomat is a
# foreign minister.
OFFICIAL_TITLES = {"diplomat": "foreign minister", "premier": "prime minister"}
COREF_CLASSES = {"meeting", "call", "agreement", "ceasefire", "visit", "evacuation"}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One line of the trigger table."""

    lemma: str
    pos: str
    cameo: str
    cls: str
    directed: bool
    label: str = ""


@lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], Trigger]:
    """The trigger table (package data ``event_triggers.csv``) keyed by (lemma, VERB|NOUN)."""
    text = resources.files("conflictgraph.data").joinpath("event_triggers.csv").read_text("utf-8")
    out: dict[tuple[str, str], Trigger] = {}
    for row in csv.DictReader(text.splitlines()):
        t = Trigger(
            row["lemma"],
            row["pos"],
            row["cameo"],
            row["class"],
            row["directed"] == "1",
            row.get("label") or row["lemma"],
        )
        out[(t.lemma, t.pos)] = t
    return out


@dataclass(slots=True)
class Participation:
    """An actor's role in an event, with the sentence it was read from."""

    actor: ActorMention
    role: Role
    sentence: int
    inherited: bool = False  # read from the article's earlier report of the parties


@dataclass(slots=True)
class EventMention:
    """One event of an article (its coreferent mentions already merged)."""

    trigger: int
    cameo: str
    cls: str
    phrase: str
    sentence: int
    status: EventStatus = EventStatus.OCCURRED
    participants: list[Participation] = field(default_factory=list)
    time: TimeValue | None = None
    time_evidence: str = ""
    time_confidence: float = 1.0
    place: PlaceMention | None = None
    references: list[tuple[ResolutionMention, int]] = field(default_factory=list)
    about: list[int] = field(default_factory=list)  # indices of other events in the list
    produced_by: list[int] = field(default_factory=list)  # talks that produced this outcome
    sentences: list[int] = field(default_factory=list)
    triggers: list[int] = field(default_factory=list)
    verb: int | None = None  # a light/content verb absorbed into a noun trigger
    definite: bool = False
    own_date: bool = False
    time_role: str = ""  # "start" or "end" when the date is when it opened or closed
    merged_into: int | None = None

    def actor_keys(self) -> frozenset[str]:
        """The keys of everyone taking part."""
        return frozenset(p.actor.key for p in self.participants)

    def add(self, actor: ActorMention, role: Role, sentence: int) -> None:
        """Add a participation unless the same actor already has this role."""
        if not any(p.actor.key == actor.key and p.role == role for p in self.participants):
            self.participants.append(Participation(actor, role, sentence))


class EventFinder:
    """Find events in a parsed Doc with its mentions and time expressions."""

    def __init__(self) -> None:
        self.triggers = load_triggers()
        self._trigger_lemmas = {lemma for lemma, _ in self.triggers}
        self._lower: dict[int, str] = {}  # lemma hash -> lower-case lemma, across documents

    # -- entry point -----------------------------------------------------------------------
    def __call__(
        self,
        doc: Doc,
        mentions: Mentions,
        timexes: list[TimeExpression],
        published: date | None,
    ) -> list[EventMention]:
        """Return the article's events in text order, coreferent mentions merged."""
        self.doc = doc
        self.m = mentions
        self.published = published
        self.tok_timex: dict[int, TimeExpression] = {}
        for tx in clock_days(timexes, doc_text(doc), published):
            span = doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.tok_timex[t.i] = tx
        self.sents = list(doc.sents)
        self.toks = list(doc)  # one Token object per token, shared by every pass
        self._trig_cache: dict[int, Trigger | None] = {}
        self._trig_cand = self._trigger_candidates(doc)
        self._deadline: dict[int, bool] = {}
        self.sent_of = {i: si for si, s in enumerate(self.sents) for i in range(s.start, s.end)}
        self.events: list[EventMention] = []
        self.by_token: dict[int, int] = {}
        self.prev_subjects: list[ActorMention] = []
        self._dateline = self._find_dateline()
        for si, sent in enumerate(self.sents):
            self._sentence(si, sent)
        self._fold_content()
        self._discourse_parties()
        self._dateline_place()
        return self._final()

    def _discourse_parties(self) -> None:
        """'The truce takes effect on Monday' after 'X and Y agreed a truce': a meeting, truce
        or agreement told with no parties is between the parties the article last named."""
        for j, ev in enumerate(self.events):
            if ev.merged_into is not None or ev.participants:
                continue
            if ev.cls not in {"meeting", "agreement", "ceasefire"}:
                continue
            for i in range(j - 1, -1, -1):
                prev = self.events[i]
                parties = [p for p in prev.participants if p.role == Role.PARTICIPANT]
                if (
                    prev.merged_into is None
                    and prev.cls in {"meeting", "agreement", "ceasefire"}
                    and len(parties) >= 2
                ):
                    pe, pp = self._likely_place(ev), self._likely_place(prev)
                    if pe and pp and pe.key != pp.key:
                        break  # told of somewhere else: another conflict's parties
                    if ev.sentence - prev.sentences[-1] > 4:
                        break  # too far back to be the same parties
                    for p in parties:
                        ev.participants.append(
                            Participation(p.actor, Role.PARTICIPANT, ev.sentence, True)
                        )
                    break

    def _dateline_place(self) -> None:
        """The place of a dateline ('DOHA -', 'ASMARA (Wire) -') for the lead's events."""
        place, lead = self._dateline
        if place is None:
            return
        pub = self.published
        for ev in self.events:
            if ev.merged_into is not None or ev.place is not None or ev.sentence != lead:
                continue
            t = ev.time
            # only what happened where and when the reporter filed: a day or two before the date
            if (
                pub
                and t
                and t.start
                and t.end
                and t.end >= pub - timedelta(days=3)
                and t.start <= pub
            ):
                ev.place = place

    def _find_dateline(self) -> tuple[PlaceMention | None, int]:
        """The dateline's place and the sentence it opens (the lead)."""
        doc = self.doc
        place = None
        lead = 0
        # the dateline opens the first paragraph, or the second after a headline line
        starts = paragraph_starts(self.toks, 80)
        for i in starts[:3]:
            for j in (i, i + 1):  # the place may follow a stray quote or bullet
                p = self.m.token_place.get(j)
                if p is None:
                    continue
                nxt = doc[p.end] if p.end < len(doc) else None
                if nxt is not None and nxt.text in {",", "-", "—", "–", "("}:
                    place, lead = p, self.sent_of.get(j, 0)
                break
            if place is not None:
                break
        return place, lead

    def _final(self) -> list[EventMention]:
        """The surviving events, their 'about' links pointing into the returned list."""

        def root(i: int) -> int:
            while i >= 0 and self.events[i].merged_into is not None:
                i = self.events[i].merged_into  # type: ignore[assignment]
            return i  # -1: a reference to nothing told, dropped

        for j, e in enumerate(self.events):
            if e.merged_into is None and self._mere_reference(e):
                # point it (and the 'about' links to it) at the act it refers back to, if told
                target = next(
                    (
                        i
                        for i in range(j - 1, -1, -1)
                        if self.events[i].merged_into is None
                        and self.events[i].cls == e.cls
                        and self.events[i].participants
                    ),
                    None,
                )
                e.merged_into = target if target is not None else -1
        keep = [i for i, e in enumerate(self.events) if e.merged_into is None]
        pos = {i: k for k, i in enumerate(keep)}

        def remap(links: list[int], i: int) -> list[int]:
            out: list[int] = []
            for a in links:
                r = root(a)
                if r == i or r not in pos:
                    continue
                if pos[r] not in out:
                    out.append(pos[r])
            return out

        for i in keep:
            ev = self.events[i]
            ev.about = remap(ev.about, i)
            ev.produced_by = remap(ev.produced_by, i)
            # no one acts on themselves: a target that is also the source or speaker is a
            # misread ('the Kremlin said Putin told him': not a statement to Russia)
            doers = {p.actor.key for p in ev.participants if p.role in {Role.SOURCE, Role.SPEAKER}}
            ev.participants = [
                p for p in ev.participants if p.role != Role.TARGET or p.actor.key not in doers
            ]
        return [self.events[i] for i in keep]

    def _mere_reference(self, ev: EventMention) -> bool:
        """'shocked by the attacks', 'the fighting', 'such attacks': a noun that points back at
        acts told elsewhere (or at none in particular), with no party, date or place of its own,
        is no event of its own."""
        tok = self.doc[ev.trigger]
        if ev.participants or ev.own_date or ev.place is not None or ev.references:
            return False
        if tok.pos_ not in {"NOUN", "PROPN"} or ev.cls not in REFERRING_CLASSES:
            return False
        dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "amod", "predet"}}
        return bool(dets & {"the", "such", "these", "those", "this", "that", "any"})

    # -- per sentence ----------------------------------------------------------------------
    def _trigger_candidates(self, doc: Doc) -> set[int]:
        """Indices of the tokens whose lemma is in the trigger table, read from one array of
        lemma hashes: most tokens are not triggers and need no Token object."""
        if not len(doc):
            return set()
        if len(self._lower) > 500_000:  # bounded on an endless stream of new words
            self._lower.clear()
        lower, strings, lemmas = self._lower, doc.vocab.strings, self._trigger_lemmas
        out = set()
        for i, h in enumerate(doc.to_array("LEMMA").tolist()):
            low = lower.get(h)
            if low is None:
                low = lower[h] = strings[h].lower() if h in strings else ""
            if low in lemmas:
                out.add(i)
        return out

    def _trigger(self, tok: Token) -> Trigger | None:
        """The trigger a token is, if any (cached per token: every pass asks again)."""
        i = tok.i
        if i not in self._trig_cand:
            return None
        if i in self._trig_cache:
            return self._trig_cache[i]
        found = self._trigger_of(tok)
        self._trig_cache[i] = found
        return found

    def _trigger_of(self, tok: Token) -> Trigger | None:
        pos = (
            "VERB"
            if tok.pos_ in {"VERB", "AUX"}
            else "NOUN"
            if tok.pos_ in {"NOUN", "PROPN"}
            else None
        )
        if pos is None or tok.i in self.m.token_actor or tok.i in self.m.token_resolution:
            return None
        trig = self.triggers.get((tok.lemma_.lower(), pos))
        if trig is None:
            return None
        low = tok.lemma_.lower()
        if (
            pos == "NOUN"
            and low == "call"
            and not any(c.lower_ in {"phone", "telephone", "video"} for c in tok.children)
        ):
            return None
        if pos == "NOUN" and low == "strike":
            # air, missile or a state's strikes; not a labour or hunger strike
            weapon = any(
                c.lower_ in {"air", "drone", "missile", "rocket", "artillery", "military"}
                for c in tok.children
            )
            armed = any(
                c.dep_ in {"amod", "compound", "poss", "nmod"}
                and c.i in self.m.token_actor
                and self.m.token_actor[c.i].actor_type
                in {ActorType.STATE, ActorType.ARMED_GROUP, ActorType.IGO}
                for c in tok.children
            )
            impact = tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in IMPACT_VERBS
            if not (weapon or armed or impact):
                return None
        if pos == "VERB" and low in {"give", "hand", "submit", "offer", "propose"}:
            objs = [c for c in tok.children if c.dep_ in {"dobj", "attr"}]
            if not any(o.lemma_.lower() in PROPOSAL_NOUNS for o in objs):
                return None
        if (
            pos == "VERB"
            and low == "express"
            and not any(c.dep_ == "dobj" and c.lemma_.lower() in INTENT_NOUNS for c in tok.children)
        ):
            return None
        if (
            pos == "VERB"
            and low in {"declare", "announce"}
            and any(
                c.dep_ == "dobj" and c.lemma_.lower() in {"law", "emergency", "curfew"}
                for c in tok.children
            )
        ):
            return Trigger(low, "VERB", "1724", "coerce", True, "state of emergency")
        if pos == "VERB":
            return self._verb_condition(tok, trig)
        if pos == "NOUN" and low == "cessation" and not any(c.lower_ == "of" for c in tok.children):
            return None
        if pos == "NOUN" and low in MUNITION_TRIGGERS:
            # "Russian missiles slammed into Kyiv", "rockets hit the base": the salvo is the act
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in IMPACT_VERBS:
                return Trigger(low, "NOUN", "195", "attack", True, f"{low} strike")
            return None
        if pos == "NOUN" and low == "package":
            # "a $400 million military aid package", "a new sanctions package"
            words = {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod"}}
            words |= {
                g.lemma_.lower()
                for c in tok.children
                if c.dep_ in {"compound", "amod"}
                for g in c.children
                if g.dep_ in {"compound", "amod"}
            }
            if words & {"sanction", "sanctions"}:
                return Trigger(low, "NOUN", "163", "sanction", True, "sanctions package")
            if not words & {"aid", "assistance"}:
                return None
            if words & {"military", "security", "weapon", "arms", "defence", "defense"}:
                return Trigger(low, "NOUN", "074", "aid", True, "military aid package")
            return Trigger(low, "NOUN", "070", "aid", True, "aid package")
        if pos == "NOUN" and low in {"aid", "assistance"}:
            if tok.dep_ == "compound" and tok.head.lemma_.lower() == "package":
                return None  # the package carries it
            # "the EU pledged 50 million euros in aid", "delivered humanitarian aid"
            verb = next((a for a in list(tok.ancestors)[:4] if a.pos_ == "VERB"), None)
            if verb is None or verb.lemma_.lower() not in AID_VERBS:
                return None
        if pos == "NOUN" and low in {"release", "swap", "exchange"}:
            # "the release of 50 prisoners", "a prisoner swap"; not "a press release"
            words = {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "nmod"}}
            words |= {
                p.lemma_.lower()
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
            }
            if not words & CAPTIVE_NOUNS:
                return None
        if (
            pos == "NOUN"
            and low == "conference"
            and any(c.lower_ in {"news", "press"} for c in tok.children)
        ):
            return Trigger("conference", "NOUN", "010", "statement", False, "news conference")
        return trig

    def _verb_condition(self, tok: Token, trig: Trigger) -> Trigger | None:
        """Verbs that are events only with the right object or preposition."""
        low = trig.lemma
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        obj_lemmas = {c.lemma_.lower() for c in objs}
        for c in objs:  # "a wave of drones", "a barrage of rockets": what the quantity holds
            if c.lemma_.lower() in QUANTITY_NOUNS:
                obj_lemmas |= {
                    p.lemma_.lower()
                    for g in c.children
                    if g.dep_ == "prep" and g.lower_ == "of"
                    for p in g.children
                }
        preps = {c.lower_ for c in tok.children if c.dep_ in {"prep", "prt"}}
        if low in {"suspend", "break", "halt"} and obj_lemmas & TALK_NOUNS:
            # "suspended peace talks with the ELN", "broke off negotiations": CAMEO 164
            return Trigger(low, "VERB", "164", "sanction", True, "suspension of talks")
        if low == "exchange" and obj_lemmas & EXCHANGED_FIRE:
            # "Armenia and Azerbaijan exchanged fire": fighting between them
            return Trigger(low, "VERB", "190", "attack", False, "exchange of fire")
        if low in {"speak", "talk"}:
            # "Biden spoke by phone with Xi", "Putin talked to Erdogan by telephone": a call;
            # "spoke with Lavrov in Geneva": talks; "spoke to reporters" is neither
            phone = any(
                t.lemma_.lower() in {"phone", "telephone", "video", "videoconference"}
                and t.dep_ in {"pobj", "compound", "npadvmod"}
                for t in tok.subtree
                if t.i != tok.i and t.head.i in {tok.i, *(c.i for c in tok.children)}
            )
            if phone:
                return Trigger(low, "VERB", "041", "call", False, "telephone call")
            if "with" in preps and low == "speak":
                return Trigger(low, "VERB", "040", "meeting", False, "talks")
            return trig if low == "talk" else None
        if low == "recall":
            # "Serbia recalled its ambassador from Montenegro": CAMEO 161
            return trig if obj_lemmas & DIPLOMAT_NOUNS else None
        if low == "freeze":
            # "agreed to freeze the assets of Putin": sanctions (CAMEO 163)
            return trig if obj_lemmas & {"asset", "fund", "account", "property"} else None
        if (
            low == "agree"
            and any(
                c.dep_ == "ccomp"
                and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                for c in tok.children
            )
            and not any(c.dep_ in {"xcomp", "dobj"} for c in tok.children)
        ):
            # "EU leaders agreed that Russia was responsible": a view they share, not a deal
            return Trigger(low, "VERB", "010", "statement", False, "joint statement")
        if low == "order":
            # "ordered 60 Russian diplomats out", "ordered them to leave", "ordered the closure
            # of the consulate": an expulsion; other orders are not events here
            leave = any(
                c.lower_ == "out"
                or (c.dep_ in {"xcomp", "ccomp"} and c.lemma_.lower() in {"leave", "depart"})
                for c in tok.children
            ) or any(  # "ordered 60 Russians it described as spies to leave"
                t.dep_ in {"xcomp", "advcl", "ccomp"}
                and t.lemma_.lower() in {"leave", "depart"}
                and any(a.lower_ == "to" and a.dep_ == "aux" for a in t.children)
                for t in tok.subtree
            )
            closure = obj_lemmas & {"closure", "expulsion"}
            return trig if (leave and objs) or closure else None
        if low in TIE_VERBS:
            # "restored ties with", "severed relations with": only about relations
            return trig if obj_lemmas & RELATION_NOUNS else None
        if low == "fire":
            return trig if obj_lemmas & MUNITIONS or preps & {"at", "on", "upon"} else None
        if low == "meet" and obj_lemmas & NOT_MET_NOUNS:
            return None  # "meeting little resistance", "met the deadline", "met their demands"
        if low == "wage":
            return trig if obj_lemmas & {"war", "campaign", "offensive", "battle"} else None
        if low == "launch":
            wanted = MUNITIONS | {"attack", "offensive", "raid", "strike", "airstrike", "assault"}
            wanted |= {"invasion", "incursion", "bombardment", "counteroffensive", "onslaught"}
            military = any(  # "a military operation", "a special military operation"
                c.lemma_.lower() in {"operation", "campaign"}
                and any(
                    a.lower_ in MILITARY_WORDS for a in c.children if a.dep_ in {"amod", "compound"}
                )
                for c in objs
            )
            return trig if obj_lemmas & wanted or military else None
        if trig.cls == "adoption":
            # "the Council adopted Resolution 2254", "voted for Resolution 2268"
            texts = {
                "resolution",
                "text",
                "measure",
                "deal",
                "agreement",
                "accord",
                "plan",
                "draft",
            }
            objs_all = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
            objs_all += [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in {"for", "on"}
                for p in c.children
                if p.dep_ == "pobj"
            ]
            if any(o.i in self.m.token_resolution or o.lemma_.lower() in texts for o in objs_all):
                return trig
            return None
        if low == "impose":
            wanted = {"law", "emergency", "curfew", "restriction", "lockdown", "blockade"}
            return trig if obj_lemmas & wanted else None
        if low == "strike" and obj_lemmas & {
            "deal",
            "agreement",
            "accord",
            "bargain",
            "tone",
            "balance",
        }:
            return None
        if low in WEAK_SPEECH_VERBS:
            if tok.dep_ in {"relcl", "acl", "amod", "advcl", "xcomp", "pcomp"}:
                return None
            said = any(c.dep_ in {"ccomp", "parataxis"} for c in tok.children)
            said = said or tok.dep_ == "parataxis" or bool(obj_lemmas & SUPPORTED_NOUNS)
            return trig if said or any(self._trigger(c) for c in objs) else None
        if low == "present":
            if obj_lemmas & PROPOSAL_NOUNS:
                return Trigger(low, "VERB", "030", "offer", True, "proposal")
            said = any(c.dep_ == "ccomp" for c in tok.children)
            return trig if said or any(self._trigger(c) for c in objs) else None
        if low in {"ask", "request"}:
            if tok.dep_ in {"advcl", "relcl", "acl", "amod", "pcomp"}:
                return None  # "when asked about the talks"
            pardon = any(  # "asked the victims of the conflict for forgiveness"
                t.lemma_.lower() in {"forgiveness", "pardon"} and t.head.lower_ == "for"
                for t in tok.subtree
            )
            if pardon:
                return Trigger(low, "VERB", "055", "apology", True, "apology")
            asked = any(c.dep_ == "xcomp" for c in tok.children) or "for" in preps
            if asked or any(c.i in self.m.token_actor for c in objs) or objs:
                return trig
            return None
        if low in {"recognise", "recognize"}:
            wanted = {"independence", "sovereignty", "government", "state", "statehood"}
            ok = obj_lemmas & wanted or any(c.i in self.m.token_actor for c in objs)
            return trig if ok else None
        if low in {"back", "support"}:
            if tok.dep_ in {"amod", "acl", "compound"} or "prt" in {c.dep_ for c in tok.children}:
                return None  # "Iran-backed militias", "backed down"
            auxes = {c.lower_ for c in tok.children if c.dep_ == "auxpass"}
            if auxes & {"is", "are", "'s", "'re"}:
                return None  # "the government is backed by a coalition": a standing relation
            ok = obj_lemmas & SUPPORTED_NOUNS or any(
                c.i in self.m.token_actor or self._trigger(c) for c in objs
            )
            return trig if ok else None
        if low in {"host", "receive"}:
            people = {ActorType.PERSON, ActorType.STATE}
            ok = any(
                c.dep_ == "dobj"
                and c.i in self.m.token_actor
                and self.m.token_actor[c.i].actor_type in people
                for c in objs
            )
            return trig if ok else None
        if low == "fly":
            return trig if "to" in preps else None
        if low in {"halt", "stop"}:
            return trig if obj_lemmas & HALTABLE_NOUNS else None
        if low in {"fall", "take", "enter", "overrun"}:
            # "Jalalabad fell to the Taliban", "the town was taken", "fighters entered Kabul":
            # a place changing hands; "took part", "entered talks" are not
            places = [c for c in objs if c.i in self.m.token_place]
            if low == "fall":
                to = [
                    p
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ == "to"
                    for p in c.children
                    if p.dep_ == "pobj" and p.i in self.m.token_actor
                ]
                subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i in self.m.token_place]
                return trig if to and subj else None
            return trig if places else None
        if low == "accept":
            wanted = PROPOSAL_NOUNS | SUPPORTED_NOUNS | {"term", "demand", "condition", "offer"}
            return trig if obj_lemmas & wanted else None
        if low in {"slam", "hit", "pound"}:
            # "Russian missiles slammed into Kyiv", "strikes hit the port": an attack when what
            # moves is a weapon; "slammed the decision" is criticism, "hit by sanctions" not
            subj = {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
            if subj & STRIKING_NOUNS or (low == "slam" and preps & {"into", "onto"}):
                return Trigger(low, "VERB", "195", "attack", True, "strike")
            return trig if low == "slam" else None
        if low in {"swap", "exchange"}:
            return trig if obj_lemmas & CAPTIVE_NOUNS else None
        if low == "expel" and obj_lemmas & DIPLOMAT_NOUNS:
            return Trigger(low, "VERB", "166", "sanction", True, "expulsion of diplomats")
        if low in {"storm", "expel", "deport"}:
            return trig if objs else None
        if low == "beat":
            return trig if any(c.i in self.m.token_actor for c in objs) else None
        if low in {"say", "tell", "insist", "claim", "stress", "describe"}:
            # reported speech is an event when an actor speaks in its own clause
            if tok.dep_ in {"relcl", "acl", "amod", "advcl"}:
                return None
            return trig
        if low in {"travel", "arrive"}:
            return trig if preps & {"to", "in", "at"} else None
        if (
            low == "call"
            and any(c.dep_ == "oprd" and c.i not in self.m.token_actor for c in tok.children)
            and tok.dep_ not in {"relcl", "acl", "advcl", "pcomp", "amod", "ccomp", "xcomp"}
            and not any(c.lower_ in {"what", "which"} for c in tok.children)
        ):
            # "Putin called the explosion a terrorist act": a statement, not a phone call
            return Trigger("call", "VERB", "010", "statement", False, "statement")
        if low == "call":
            asked = [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                for p in c.children
                if p.dep_ == "pobj" and p.i in self.m.token_actor
            ]
            if "for" in preps or asked:
                return trig  # "called for a ceasefire", "called on Japan to withdraw"
            if preps & {"on", "upon"} and any(
                t.dep_ in {"xcomp", "acl", "advcl"} and t.pos_ in {"VERB", "AUX"}
                for t in tok.subtree
            ):
                return trig  # "called on all parties to exercise restraint"
            if any(
                c.dep_ in {"dobj", "oprd"}
                and c.i in self.m.token_actor
                and self.m.token_actor[c.i].actor_type == ActorType.PERSON
                for c in tok.children
            ):
                # "Putin called Erdogan" (the parser often reads it as "called him X")
                return Trigger("call", "VERB", "041", "call", False, "telephone call")
            return None
        return trig

    def _sentence(self, si: int, sent: Span) -> None:
        found: list[tuple[Token, Trigger]] = []
        for tok in self.toks[sent.start : sent.end]:
            trig = self._trigger(tok)
            if trig is not None:
                found.append((tok, trig))
        nouns = {t.i: tr for t, tr in found if tr.pos == "NOUN"}
        created: list[int] = []
        consumed: set[int] = set()
        # 1. noun triggers and the verbs that govern them
        for tok, trig in found:
            if trig.pos != "NOUN" or tok.i in consumed:
                continue
            # "the announcement of a final statement": one statement
            ev = self._noun_event(si, tok, trig, nouns, consumed)
            if ev is not None:
                created.append(self._register(ev))
        # 2. verb triggers not absorbed by a noun
        for tok, trig in found:
            if trig.pos != "VERB" or tok.i in consumed:
                continue
            ev = self._verb_event(si, tok, trig)
            if ev is not None:
                created.append(self._register(ev))
        # 3. each event's own date and place, from its own clause
        for idx in created:
            self._own_date(self.events[idx])
            self._own_place(self.events[idx])
        # 4. later mentions of an earlier event join it ("the talks", "the meeting")
        for idx in created:
            self._corefer(idx)
        # 5. roles given by role verbs ("X organized the talks", "X played intermediary roles")
        self._role_verbs(si, sent)
        self._role_nouns(si, sent, created)
        # 6. dates and places from context, outermost events first so nested ones can inherit
        alive = [i for i in created if self.events[i].merged_into is None]
        for idx in sorted(alive, key=lambda i: self._depth(self.doc[self.events[i].trigger])):
            ev = self.events[idx]
            if ev.time is None:
                self._context_date(ev, sent)
            if ev.place is None:
                self._context_place(ev)
        for idx in alive:
            self._visit_target(self.events[idx], si)
        # 7. resolutions and "about"
        self._references(si, sent)
        self._about(created)
        self._produced_by(created)
        subjects = [
            a
            for t in self.toks[sent.start : sent.end]
            if t.dep_ in {"nsubj", "nsubjpass"}
            for a in self._actors(t, si)
        ]
        if subjects:
            self.prev_subjects = subjects

    def _register(self, ev: EventMention) -> int:
        self.events.append(ev)
        idx = len(self.events) - 1
        for t in ev.triggers:
            self.by_token[t] = idx
        return idx

    @staticmethod
    def _depth(tok: Token) -> int:
        d = 0
        while tok.head.i != tok.i:
            tok = tok.head
            d += 1
        return d

    # -- noun events ----------------------------------------------------------------------
    def _noun_event(
        self, si: int, tok: Token, trig: Trigger, nouns: dict[int, Trigger], consumed: set[int]
    ) -> EventMention | None:
        cameo = trig.cameo
        low = tok.lemma_.lower()
        if low == "conversation" and not any(
            c.lower_ in {"phone", "telephone", "video"} for c in tok.children
        ):
            cameo = "040"
        if low == "strike" or (
            low == "attack" and any(c.lower_ in {"air", "drone"} for c in tok.children)
        ):
            cameo = "195"
        phrase = " ".join(
            _hyphenated(t)
            for t in tok.children
            if t.i < tok.i
            and (
                (t.dep_ == "compound" and t.pos_ == "NOUN")
                or t.lower_ in {"final", "joint", "nationwide", "humanitarian", "peace"}
            )
            and t.i not in self.m.token_actor
            and t.i not in self.m.token_place
            and t.i not in self.tok_timex
        )
        phrase = f"{phrase} {tok.text}".strip() if phrase else tok.text
        ev = EventMention(
            trigger=tok.i,
            cameo=cameo,
            cls=trig.cls,
            phrase=phrase,
            sentence=si,
            triggers=[tok.i],
            sentences=[si],
        )
        dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
        ev.definite = (
            bool(dets & DEFINITE)
            or any(c.dep_ == "poss" for c in tok.children)
            or any(
                c.dep_ in {"compound", "nmod"} and c.i in self.m.token_place for c in tok.children
            )
        )
        # participants named on the noun: "Iran-Russia talks", "talks between X and Y", "with X"
        for c in tok.children:
            if c.dep_ in {"compound", "amod", "poss", "nmod"}:
                for a in self._actors(c, si, modifier=True):
                    ev.add(
                        a,
                        Role.SOURCE
                        if trig.directed and (c.dep_ == "poss" or trig.cls == "attack")
                        else Role.PARTICIPANT,
                        si,
                    )
            elif c.dep_ == "prep" and c.lower_ in {"between", "among", "with", "by", "involving"}:
                role = (
                    Role.SOURCE
                    if (c.lower_ == "by" and trig.directed)
                    else (Role.TARGET if trig.directed and c.lower_ == "with" else Role.PARTICIPANT)
                )
                for p in c.children:
                    if p.dep_ == "pobj":
                        for a in self._actors(p, si):
                            ev.add(a, role, si)
            elif c.dep_ == "prep" and (
                (c.lower_ in {"on", "against"} and trig.directed)
                or (c.lower_ in {"for", "to"} and trig.cls == "aid")  # "aid for Ukraine"
            ):
                for p in c.children:
                    if p.dep_ == "pobj":
                        for a in self._actors(p, si):
                            ev.add(a, Role.TARGET, si)
            elif c.dep_ == "prep" and c.lower_ == "from" and trig.cls in VOICED_CLASSES:
                # "protests from Pakistan", "a warning from Washington": who voiced them
                for p in c.children:
                    if p.dep_ == "pobj":
                        for a in self._actors(p, si):
                            ev.add(a, Role.SOURCE, si)
        gov = tok.head.head if tok.dep_ == "pobj" else tok
        if gov.pos_ == "NOUN" and gov.dep_ == "pobj" and tok.head.lower_ in {"in", "at", "during"}:
            gov = gov.head.head  # "agreed to a ceasefire in talks in Jeddah": the agreeing verb
        if (
            trig.cls == "meeting"
            and tok.dep_ == "pobj"
            and tok.head.lower_ == "of"
            and gov.lemma_.lower() in ROUND_NOUNS
            and gov.dep_ == "pobj"
            and gov.head.lower_ in {"after", "during"}
            and gov.head.head.pos_ in {"VERB", "AUX"}
        ):
            # "Ethiopia and Egypt failed to agree after three days of talks": both talked
            subj = self._clause_subject(gov.head)
            subjects = self._actors(subj, si) if subj is not None else []
            if len(subjects) >= 2:
                for a in subjects:
                    ev.add(a, Role.PARTICIPANT, si)
        if (
            trig.cls in {"agreement", "ceasefire", "meeting"}
            and tok.dep_ == "pobj"
            and gov.pos_ in {"VERB", "AUX"}
            and (
                (tok.head.lower_ in {"in", "under", "through", "via"} and trig.cls != "meeting")
                or (tok.head.lower_ in {"to", "on"} and gov.lemma_.lower() == "agree")
                or (tok.head.lower_ in {"in", "at", "during"} and self._agreeing(gov))
            )
        ):
            # "Iran and Saudi Arabia restored ties in a deal mediated by China", "the rebels
            # withdrew under a deal": who acts under the deal is a party to it
            for c in gov.children:
                for a in self._actors(c, si, verb=gov) if c.dep_ == "nsubj" else []:
                    ev.add(a, Role.PARTICIPANT, si)
        if trig.cls == "attack" and tok.dep_ in {"nsubj", "nsubjpass"}:
            self._impact_targets(ev, tok, si)
        anchored = ev.definite or bool(ev.participants)
        if any(
            c.dep_ in {"acl", "relcl"}
            and c.lemma_.lower() in ROLE_VERBS
            and any(g.dep_ == "agent" for g in c.children)
            for c in tok.children
        ):
            anchored = True  # "talks mediated by the African Union"
        if not anchored and ev.cls in ROLE_NOUN_CLASSES:
            subj = self._clause_subject(tok)
            if (
                subj is not None
                and subj.lemma_.lower() in ROLE_NOUNS
                and self._role_noun_actors(subj, si)
            ):
                anchored = True  # "Egyptian and Qatari mediators were trying to rescue talks"
        outcome = tok.head.head if tok.dep_ == "pobj" else None
        if outcome is not None and outcome.lemma_.lower() in {"day", "week", "month", "round"}:
            outcome = outcome.head.head if outcome.dep_ == "pobj" else outcome.head
        if (
            ev.cls == "meeting"
            and outcome is not None
            and tok.head.lower_ in {"at", "after", "during", "following", "in", "of"}
            and (self._trigger(outcome) or Trigger("", "", "", "", False)).cls
            in {"agreement", "ceasefire", "adoption"}
        ):
            anchored = True  # "a ceasefire at talks in Geneva", "a deal after days of talks"
        # the verb that governs the noun
        head = tok.head
        verb: Token | None = None
        if (
            tok.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lemma_.lower() in ROUND_NOUNS
            and head.head.dep_ in {"dobj", "nsubjpass", "attr"}
            and head.head.head.pos_ in {"VERB", "AUX"}
        ):
            verb = head.head.head  # "held a first round of talks", "after two days of talks"
        elif tok.dep_ in {"dobj", "nsubjpass", "attr", "oprd"} and head.pos_ in {"VERB", "AUX"}:
            verb = head
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
            if head.lower_ in {"in", "during", "at", "on", "for", "into", "over"}:
                verb = head.head
        elif (
            tok.dep_ == "pobj"
            and head.head.lemma_.lower() == "way"
            and head.head.head.lemma_.lower() in CONSEQUENCE_VERBS
        ):
            anchored = True  # "paved the way for a ceasefire"
            ev.verb = head.head.head.i
        elif tok.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
            if head.lemma_.lower() in OCCURRENCE_VERBS:
                anchored = True
                ev.verb = head.i
        elif tok.dep_ == "conj":
            return None  # "talks and a ceasefire": the first conjunct carries it
        if verb is not None and ev.cls in {"agreement", "ceasefire"} and _failed(verb):
            return None  # "failed to reach an agreement": there is none
        if verb is not None and trig.cls in VOICED_CLASSES and verb.lemma_.lower() in DRAW_VERBS:
            # "India revoked Kashmir's status, prompting protests from Pakistan": Pakistan
            # protests, against India
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    for p in c.children:
                        for a in self._actors(p, si) if p.dep_ == "pobj" else []:
                            ev.add(a, Role.SOURCE, si)
            if verb.dep_ == "advcl" and ev.participants:
                for c in verb.head.children:
                    for a in self._actors(c, si) if c.dep_ == "nsubj" else []:
                        ev.add(a, Role.TARGET, si)
        if verb is not None:
            vlemma = verb.lemma_.lower()
            vtrig = self._trigger(verb)
            if vlemma in ROLE_VERBS:
                anchored = True  # the role verb pass adds the subject with its role
            elif vlemma in CONSEQUENCE_VERBS or (
                head.lower_ == "for" and verb.lemma_.lower() == "pave"
            ):
                anchored = True
            elif vtrig is not None and vtrig.cameo == "164" and tok.dep_ == "dobj":
                return None  # "suspended the talks": the suspension is the event
            elif vlemma in APPEAL_VERBS and not (vtrig and vtrig.cls in {"agreement"}):
                ev.status = EventStatus.PROPOSED
                return None  # the appeal verb is the event; this one is only wished for
            elif (
                (vlemma in COMMUNICATION or (vtrig is not None and vtrig.cls == "statement"))
                and ev.cls not in {"statement", "meeting", "call", "aid", "sanction"}
                and (vlemma not in LIGHT_VERBS or vlemma in {"announce", "declare"})
                and (ev.definite or ev.participants)
                and any(c.dep_ == "nsubj" for c in verb.children)
            ):
                # "Guterres announced the deal": a statement about a deal someone else made,
                # not a party to it (an indefinite "Russia announced a truce" declares one)
                anchored = True
            elif (
                vlemma in LIGHT_VERBS
                or (vtrig is not None and vtrig.cls in {ev.cls, "meeting", "statement"})
                or vlemma in COMMUNICATION
            ):
                anchored = True
                ev.verb = verb.i
                consumed.add(verb.i)
                ev.triggers.append(verb.i)
                self._verb_arguments(ev, verb, si, directed=trig.directed)
                if ev.cls == "statement":
                    for p in ev.participants:
                        if p.role == Role.PARTICIPANT:
                            p.role = Role.SPEAKER
                ev.status = self._status(verb, ev.status)
                if vtrig is not None and vtrig.cls != ev.cls and ev.cls == "statement":
                    # "signed a declaration": an agreement its signatories take part in
                    ev.cls, ev.cameo = vtrig.cls, vtrig.cameo
                    for p in ev.participants:
                        if p.role == Role.SPEAKER:
                            p.role = Role.PARTICIPANT
            elif head.lower_ == "for" and vtrig is not None and vtrig.cls in {"visit"}:
                # "X visited Ankara for talks with Y": X takes part in the talks too
                anchored = True
                ev.verb = verb.i
                for c in verb.children:
                    if c.dep_ == "nsubj":
                        for a in self._actors(c, si, verb=verb):
                            ev.add(a, Role.PARTICIPANT, si)
        for c in tok.children:
            # "the declaration, signed by Abiy and Afwerki": the signing is this event
            if (
                c.dep_ in {"acl", "relcl"}
                and c.pos_ == "VERB"
                and c.i not in consumed
                and c.lemma_.lower() not in ROLE_VERBS  # "a deal brokered by Russia": mediator
            ):
                ctrig = self._trigger(c)
                if c.lemma_.lower() in LIGHT_VERBS - {"continue"} or (
                    ctrig and ctrig.cls == ev.cls
                ):
                    agents = [
                        p
                        for a in c.children
                        if a.dep_ == "agent"
                        for p in a.children
                        if p.dep_ == "pobj"
                    ]
                    if agents:
                        consumed.add(c.i)
                        ev.triggers.append(c.i)
                        anchored = True
                        if ctrig is not None and ctrig.cls == "agreement" and ev.cls == "statement":
                            ev.cls, ev.cameo = ctrig.cls, ctrig.cameo
                        for p in agents:
                            for a in self._actors(p, si):
                                ev.add(a, Role.PARTICIPANT, si)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    ptrig = nouns.get(p.i)
                    if p.dep_ == "pobj" and ptrig is not None and ptrig.cls == ev.cls:
                        consumed.add(p.i)  # "the announcement of a final statement": one statement
                        inner = " ".join(
                            t.text
                            for t in p.children
                            if t.i < p.i
                            and t.dep_ in {"amod", "compound"}
                            and t.i not in self.m.token_actor
                        )
                        ev.phrase = f"{inner} {p.text}".strip()
                        ev.triggers.append(p.i)
        has_time = any(t.i in self.tok_timex for t in tok.subtree)
        if not anchored and not has_time:
            return None
        ev.status = self._status(tok, ev.status)
        if ev.status == EventStatus.REFUSED:
            return self._rejection(ev, verb or tok, si)
        return ev

    # -- verb events ----------------------------------------------------------------------
    def _verb_event(self, si: int, tok: Token, trig: Trigger) -> EventMention | None:
        low = tok.lemma_.lower()
        if low in ROLE_VERBS and any(c.i in self.by_token for c in tok.children):
            return None
        if low in ROLE_VERBS and tok.dep_ in {"acl", "relcl"} and self._trigger(tok.head):
            return None  # "talks mediated by the AU": a role in the talks, not an event
        cameo, cls = trig.cameo, trig.cls
        if (
            cls == "agreement"
            and low in {"sign", "initial", "ratify"}
            and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children)
        ):
            # "Akar also signed", "Peres signed for Israel": a signatory of the agreement just told
            target = next(
                (
                    e
                    for e in reversed(self.events)
                    if e.merged_into is None and e.cls == "agreement"
                ),
                None,
            )
            if target is not None:
                for c in tok.children:
                    if c.dep_ == "nsubj":
                        for a in self._actors(c, si, verb=tok):
                            target.add(a, Role.PARTICIPANT, si)
                for c in tok.conjuncts:  # "..., and Getachew Reda for the Tigrayan side"
                    for g in c.children:
                        if g.dep_ == "nsubj":
                            for a in self._actors(g, si):
                                target.add(a, Role.PARTICIPANT, si)
                if si not in target.sentences:
                    target.sentences.append(si)
                self.by_token[tok.i] = self.events.index(target)
                return None
        ev = EventMention(
            trigger=tok.i,
            cameo=cameo,
            cls=cls,
            phrase=trig.label or tok.lemma_,
            sentence=si,
            triggers=[tok.i],
            sentences=[si],
        )
        if cls in {"agreement", "ceasefire"} and _failed(tok):
            return None  # "failed to agree on a ceasefire"
        self._verb_arguments(ev, tok, si, directed=trig.directed)
        if low in CAPTURE_VERBS:
            self._capture_roles(ev, tok, si)
        if not ev.participants:
            if cls == "statement":
                self._document_speaks(tok, si)
            return None
        if cls == "statement":
            speakers = {p.actor.key for p in ev.participants if p.role != Role.TARGET}
            if not speakers:
                return None
            # "Russia announced that it had given...": the announced act is the fact to record,
            # not a separate statement; a statement about someone else's act is kept.
            for c in tok.children:
                if c.dep_ not in {"ccomp", "xcomp"}:
                    continue
                inner = [t for t in c.subtree if t.i != tok.i and self._trigger(t) is not None]
                doers = {
                    a.key
                    for t in c.subtree
                    if t.dep_ in {"nsubj", "nsubjpass"} and not _in_relative_clause(t, c)
                    for a in self._actors(t, si)
                }
                if inner and doers & speakers:
                    return None
            for p in ev.participants:
                p.role = Role.SPEAKER if p.role != Role.TARGET else Role.TARGET
        ev.status = self._status(tok, ev.status)
        if ev.status == EventStatus.REFUSED:
            return self._rejection(ev, tok, si)
        return ev

    def _verb_arguments(self, ev: EventMention, verb: Token, si: int, *, directed: bool) -> None:
        """Subject, object, with/between/by/to arguments of a verb, as roles on ``ev``."""
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        subj_role = Role.SOURCE if directed else Role.PARTICIPANT
        obj_role = Role.TARGET if directed else Role.PARTICIPANT
        heads = [verb]
        asked = self._asked_party(verb, si)
        if asked:
            # "called on Japan to withdraw", "urged Iran to join": the one asked is the subject
            for a in asked:
                ev.add(a, subj_role, si)
        # "agreed to maintain...", "expressed readiness to ...": the subject sits on the head verb
        elif not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) and not (
            verb.dep_ == "xcomp"
            and verb.head.lemma_.lower() in APPEAL_VERBS | ASKING_VERBS
            and self._asked_slot(verb) is not None
        ):
            h = verb
            while (
                h.dep_ in {"xcomp", "conj", "advcl", "relcl", "acl", "pcomp", "prep"}
                and h.head.i != h.i
            ):  # "Moscow answered by ordering out 23 British diplomats": Moscow orders
                h = h.head
                if any(c.dep_ in {"nsubj"} for c in h.children):
                    heads.append(h)
                    break
                if h.lemma_.lower() in RAISING_PASSIVES and any(
                    c.dep_ == "nsubjpass" for c in h.children
                ):
                    heads.append(h)  # "Zelensky is expected to travel": Zelensky travels
                    break
            if len(heads) == 1:
                # "Ministers of the G7, gathered in Dinard, urged ...", "The rebels, backed by
                # Turkey, attacked ...": the parser hangs the subject on the participle clause
                heads += [
                    c
                    for c in h.children
                    if c.dep_ == "advcl"
                    and c.i < h.i
                    and c.tag_ in {"VBN", "VBG"}
                    and any(g.dep_ == "nsubj" and g.i < c.i for g in c.children)
                ][:1]
        for v in heads:
            for c in v.children:
                dep = c.dep_
                if dep == "nsubj" or (
                    dep == "nsubjpass" and v is not verb and v.lemma_.lower() in RAISING_PASSIVES
                ):
                    for a in self._actors(c, si, verb=v):
                        ev.add(a, subj_role, si)
                elif dep == "nsubjpass" and v is verb:
                    for a in self._actors(c, si, verb=v):
                        ev.add(a, obj_role, si)
                elif dep == "dobj" and v is verb and verb.lemma_.lower() in TOPIC_VERBS:
                    continue  # "discussed Taiwan": what was talked about, not who talked
                elif (
                    dep in {"dobj", "dative", "iobj"} or (dep == "oprd" and ev.cls == "call")
                ) and v is verb:
                    role = Role.TARGET if (dep in {"dative", "iobj"} or directed) else obj_role
                    found = self._actors(c, si, verb=v)
                    if not found and directed and dep == "dobj" and c.i not in self.by_token:
                        # "vetoed a Security Council resolution", "struck Houthi targets":
                        # the owner of what the act is done to
                        found = [
                            a
                            for g in c.children
                            if g.dep_ in {"compound", "nmod", "poss", "amod"}
                            for a in self._actors(g, si, modifier=True)
                        ]
                        if not found and ev.cls == "attack":
                            found = self._place_owner(c, ev)  # "shelled the town of Ras al-Ain"
                        if not found and ev.cls == "sanction":
                            found = [  # "froze the assets of Putin and Lavrov"
                                a
                                for g in c.children
                                if g.dep_ == "prep" and g.lower_ == "of"
                                for p in g.children
                                if p.dep_ == "pobj"
                                for a in self._actors(p, si)
                            ]
                    for a in found:
                        ev.add(a, role, si)
                    if dep == "dobj":
                        self._object_noun_arguments(ev, c, si, directed=directed)
                elif dep == "agent" and v is verb:
                    for p in c.children:
                        for a in self._actors(p, si):
                            ev.add(a, subj_role, si)
                elif dep == "prep" and v is verb:
                    prep = c.lower_
                    role = None
                    if prep in {"with", "between", "among"}:
                        role = Role.TARGET if (directed and prep == "with") else Role.PARTICIPANT
                    elif prep in {"to", "on", "against", "at", "into"} and directed:
                        role = Role.TARGET
                    elif prep == "from" and ev.cameo == "161":
                        role = Role.TARGET  # "recalled its ambassador from Montenegro"
                    elif prep == "by" and passive:
                        role = subj_role
                    if role is None:
                        continue
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        found = self._actors(p, si)
                        if not found and prep == "from" and ev.cameo == "161":
                            found = self._place_owner(p)  # "recalled its envoy from Belgrade"
                        if not found and ev.cls == "attack" and role == Role.TARGET:
                            # "at two Saudi oil plants", "on Israeli positions": their owner
                            found = [
                                a
                                for g in p.children
                                if g.dep_ in {"amod", "compound", "nmod", "poss"}
                                for a in self._actors(g, si, modifier=True)
                            ]
                            if not found:  # "into Kyiv", "at Abha airport in Saudi Arabia"
                                found = self._place_owner(p, ev)
                        for a in found:
                            ev.add(a, role, si)

    def _asked_party(self, verb: Token, si: int) -> list[ActorMention]:
        """The actor asked to act in 'X called on Y to VERB' / 'X urged Y to VERB'."""
        if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in APPEAL_VERBS | ASKING_VERBS:
            return []
        slot = self._asked_slot(verb)
        return [] if slot is None else self._actors(slot, si)

    @staticmethod
    def _asked_slot(verb: Token) -> Token | None:
        """The noun of the one asked in 'X urged Y to VERB' ('all sides' too, which names no
        actor): whoever it is, the one who asks does not do what is asked."""
        for c in verb.head.children:
            if c.dep_ == "dobj":
                return c
            if c.dep_ == "prep" and c.lower_ in {"on", "upon"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        return None

    def _object_noun_arguments(
        self, ev: EventMention, obj: Token, si: int, *, directed: bool
    ) -> None:
        """'restored ties with Iran', 'condemned an attack by Japanese soldiers': the parties
        named on the object noun take part (as targets of a directed event)."""
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ == "from" and ev.cameo == "161":
                # "recalled its ambassador from Montenegro": the state it is recalled from
                for p in c.children:
                    if p.dep_ == "pobj":
                        for a in self._actors(p, si) or self._place_owner(p):
                            ev.add(a, Role.TARGET, si)
                continue
            if c.dep_ != "prep" or c.lower_ not in {"with", "between", "by", "among"}:
                continue
            role = Role.TARGET if directed else Role.PARTICIPANT
            for p in c.children:
                if p.dep_ == "pobj":
                    for a in self._actors(p, si):
                        ev.add(a, role, si)

    def _rejection(self, ev: EventMention, tok: Token, si: int) -> EventMention:
        """'would not enter talks with Russia': a refusal, itself an event (CAMEO 12)."""
        rej = EventMention(
            trigger=ev.trigger,
            cameo="125" if ev.cls == "meeting" else "120",
            cls="reject",
            phrase=f"refusal of {ev.phrase}",
            sentence=si,
            triggers=list(ev.triggers),
            sentences=[si],
        )
        for p in ev.participants:
            role = (
                Role.SOURCE
                if p.role in {Role.SOURCE, Role.PARTICIPANT} and self._is_subject(p.actor, tok)
                else Role.TARGET
            )
            rej.add(p.actor, role, si)
        for t in self.doc[ev.trigger].subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "with":
                for a in self._actors(t, si):
                    rej.add(a, Role.TARGET, si)
        if not any(p.role == Role.SOURCE for p in rej.participants):
            for c in tok.children:
                if c.dep_ == "nsubj":
                    for a in self._actors(c, si, verb=tok):
                        rej.add(a, Role.SOURCE, si)
        return rej

    def _is_subject(self, actor: ActorMention, verb: Token) -> bool:
        v = verb
        for _ in range(3):
            for c in v.children:
                if c.dep_ == "nsubj" and actor.key in {
                    a.key for a in self._actors(c, self.sent_of[c.i], verb=v)
                }:
                    return True
            if v.head.i == v.i:
                break
            v = v.head
        return False

    # -- status --------------------------------------------------------------------------------
    def _status(self, tok: Token, current: EventStatus) -> EventStatus:
        """Planned, refused, denied or proposed from auxiliaries, negation and governing verbs."""
        chain = [tok]
        h = tok
        while h.dep_ in {"xcomp", "dobj", "pobj", "prep", "attr", "nsubjpass"} and h.head.i != h.i:
            h = h.head
            chain.append(h)
            if h.pos_ == "VERB":
                break
        neg = (
            any(
                c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
                for t in chain
                for c in t.children
            )
            or any(  # "Neither delegation signed it", "No agreement was reached"
                (
                    c.dep_ in {"nsubj", "nsubjpass"}
                    and any(d.lower_ in {"neither", "no", "none"} for d in c.children)
                )
                or (c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"neither", "none", "nobody"})
                for t in chain
                for c in t.children
            )
            or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        )
        auxes = [c for t in chain for c in t.children if c.dep_ == "aux"]
        modal = any(c.lower_ in MODALS or c.lemma_ in {"will", "shall"} for c in auxes)
        soft = any(c.lower_ in SOFT_MODALS for c in auxes)
        governing = {t.lemma_.lower() for t in chain[1:]}
        if neg and (modal or governing & {"refuse", "reject", "decline"}):
            return EventStatus.REFUSED
        if governing & {"refuse", "decline"}:
            return EventStatus.REFUSED
        if neg:
            return EventStatus.DENIED
        if (
            modal
            or any(
                c.lower_ == "about" and any(g.dep_ == "xcomp" for g in c.children)
                for t in chain
                for c in t.children
            )
            or (governing & PLAN_VERBS and tok.dep_ == "xcomp")
        ):
            return EventStatus.PLANNED
        if tok.dep_ == "xcomp" and tok.head.lower_ in {"about"}:
            return EventStatus.PLANNED
        if soft:
            return EventStatus.PROPOSED
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in APPEAL_VERBS | {
            "call",
            "urge",
            "ask",
            "demand",
            "press",
        }:
            return EventStatus.PROPOSED  # "called on Japan to withdraw"
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in {"demand", "insist", "urge", "ask"}:
            return EventStatus.PROPOSED  # "demanded that Russia withdraw its troops"
        if any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless"} for t in chain for c in t.children
        ):
            return EventStatus.REPORTED
        return current

    # -- actors of an argument ---------------------------------------------------------------
    def _actors(
        self, tok: Token, si: int, *, verb: Token | None = None, modifier: bool = False
    ) -> list[ActorMention]:
        """The actors a noun phrase stands for, conjuncts included."""
        out: list[ActorMention] = []
        conjuncts = list(tok.conjuncts)
        named: dict[int, Token] = {}
        if conjuncts and not modifier:
            # "Santos and the leader of the FARC, Rodrigo Londono, signed": the parser hangs the
            # name on the first conjunct; it names the role noun just before it
            last = conjuncts[-1]
            for c in tok.children:
                if (
                    c.dep_ == "appos"
                    and c.i > last.i
                    and c.i in self.m.token_actor
                    and last.i not in self.m.token_actor
                    and last.pos_ == "NOUN"
                ):
                    named[last.i] = c
        for t in [tok, *conjuncts]:
            found = (
                self._actors_one(named[t.i], si, verb=verb, modifier=modifier)
                if t.i in named
                else self._actors_one(t, si, verb=verb, modifier=modifier)
            )
            for a in found:
                if all(a.key != b.key for b in out):
                    out.append(a)
        return out

    def _actors_one(
        self, tok: Token, si: int, *, verb: Token | None, modifier: bool
    ) -> list[ActorMention]:
        m = self.m
        a = m.token_actor.get(tok.i)
        if a is not None:
            return [a]
        if tok.i in m.datelines:
            # "UNITED NATIONS, Feb 26 - Russia on Friday vetoed": the parser made the dateline
            # the subject; the subject is what it hangs on it, else the first actor after it
            for c in tok.children:
                if c.dep_ == "appos":
                    found = self._actors(c, si, verb=verb)
                    if found:
                        return found
            for t in tok.subtree:
                if t.i not in m.datelines and t.i in m.token_actor:
                    return self._actors(t, si, verb=verb)
            return []
        low = tok.lower_
        if modifier:
            return []
        for c in tok.children:
            if c.dep_ == "appos" and c.i in m.token_actor:
                # "his Russian counterpart Sergei Lavrov"; "ASTANA — Russia, Turkey and Iran"
                return self._actors(c, si)
        if tok.i in m.token_place or tok.ent_type_ in {"GPE", "LOC"}:
            # a dateline parsed as the subject: "ASTANA (Wire) — Delegations of ... met"
            for c in tok.children:
                if c.dep_ == "appos":
                    found = self._actors(c, si)
                    if found:
                        return found
        if tok.pos_ == "PRON" and low in {"it", "they", "them", "he", "she", "him", "her", "we"}:
            return self._antecedent(tok, si, verb)
        if tok.dep_ == "poss" and low in {"its", "their", "his"} and tok.head.dep_ == "nsubj":
            return self._antecedent(tok, si, verb)  # "its forces captured", "his fighters"
        if low in NUMBER_WORDS or (
            tok.lemma_.lower() in COUNTED_PARTY_NOUNS
            and any(c.lower_ in NUMBER_WORDS for c in tok.children)
        ):
            n = NUMBER_WORDS.get(low) or next(
                NUMBER_WORDS[c.lower_] for c in tok.children if c.lower_ in NUMBER_WORDS
            )
            if len(self.prev_subjects) == n:
                return list(self.prev_subjects)
        lemma = tok.lemma_.lower()
        if lemma in FORCE_NOUNS:
            # "Haftar's forces", "forces loyal to Haftar", "fighters backed by Iran": the
            # force of that actor (a leader's group or state, where the article says which)
            owners = [c for c in tok.children if c.dep_ == "poss"]
            for c in tok.children:
                if c.dep_ in {"amod", "acl"} and c.lemma_.lower() in FORCE_LINKS:
                    owners += [
                        p
                        for g in c.children
                        if g.dep_ in {"prep", "agent"}
                        for p in g.children
                        if p.dep_ == "pobj"
                    ]
            found = [a for o in owners for a in self._actors(o, si)]
            if found:
                return [self._force_of(a, tok) for a in found]
        if (
            lemma in {"party", "side"}
            and (tok.tag_ == "NNS" or any(c.lower_ in NUMBER_WORDS for c in tok.children))
            and not any(c.i in m.token_actor for c in tok.children)
        ):
            # "the parties would meet again", "the two sides agreed": those of the last deal
            return self._last_parties()
        if lemma in PERSON_ROLE_NOUNS:
            # "UN special envoy for Yemen Martin Griffiths called...": the parser makes the
            # office the subject and hangs the name inside it
            inside = {
                a.key: a
                for t in tok.subtree
                if t.i != tok.i and t.dep_ not in {"relcl", "acl"}
                for a in [m.token_actor.get(t.i)]
                if a is not None
                and a.actor_type == ActorType.PERSON
                and lemma in (a.title or "").lower()
            }
            if len(inside) == 1:
                return list(inside.values())
            return self._officials(tok)
        if lemma in {
            "representative",
            "member",
            "delegation",
            "delegate",
            "envoy",
            "leader",
        } or lemma in {"group"}:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self._actors(p, si)
        # a noun phrase with an actor as its modifier: "the Russian side"
        mods = [
            m.token_actor[t.i]
            for c in tok.children
            if c.dep_ in {"compound", "poss", "amod"}
            # "EU member states", "Russian and Ukrainian delegations"
            for t in [c, *(g for g in c.children if g.dep_ == "compound"), *c.conjuncts]
            if t.i in m.token_actor
        ]
        if lemma == "ally":  # "NATO allies"; not "the government's main ally"
            mods = [
                m.token_actor[c.i]
                for c in tok.children
                if c.dep_ == "compound" and c.i in m.token_actor
            ]
            return [a for a in mods if a.actor_type == ActorType.IGO]
        if mods and (
            lemma in {"side", "delegation", "camp", "leadership", "state", "member"}
            or (lemma in GOVERNMENT_NOUNS and any(a.actor_type == ActorType.STATE for a in mods))
        ):
            return mods  # "the Russian side", "14 EU member states", "Myanmar's military"
        return []

    @staticmethod
    def _clause_subject(tok: Token) -> Token | None:
        """The subject of the nearest verb above ``tok`` that has one."""
        h = tok
        for _ in range(6):
            if h.head.i == h.i:
                return None
            h = h.head
            if h.pos_ in {"VERB", "AUX"}:
                for c in h.children:
                    if c.dep_ in {"nsubj", "nsubjpass"}:
                        return c
                if h.dep_ not in {"xcomp", "advcl", "conj", "ccomp"}:
                    return None
        return None

    def _role_noun_actors(self, tok: Token, si: int) -> list[ActorMention]:
        """'Egyptian and Qatari mediators', 'mediators from Qatar', 'Cuba and Norway acting as
        guarantors': the actors a role noun stands for."""
        out: list[ActorMention] = []
        for c in tok.children:
            if c.dep_ in {"amod", "compound", "nmod", "poss"}:
                out += self._actors(c, si, modifier=True)
            elif c.dep_ == "prep" and c.lower_ in {"from", "of"}:
                out += [a for p in c.children if p.dep_ == "pobj" for a in self._actors(p, si)]
            elif c.dep_ == "appos":
                out += self._actors(c, si)
        if tok.dep_ == "pobj" and tok.head.lower_ == "as":
            verb = tok.head.head  # "with Cuba and Norway acting as guarantors"
            for c in verb.children:
                if c.dep_ == "nsubj":
                    out += self._actors(c, si, verb=verb)
        if tok.dep_ == "appos" and tok.head.i in self.m.token_actor:
            out += self._actors(tok.head, si)  # "Qatar, a mediator in the talks"
        if tok.dep_ == "attr":
            for c in tok.head.children:  # "Egypt and Qatar are the main mediators"
                if c.dep_ == "nsubj":
                    out += self._actors(c, si, verb=tok.head)
        seen: set[str] = set()
        return [a for a in out if not (a.key in seen or seen.add(a.key))]

    def _role_nouns(self, si: int, sent: Span, created: list[int]) -> None:
        """'Egyptian and Qatari mediators were trying to rescue the talks', 'with Cuba and
        Norway acting as guarantors': the role the noun names, in the event it is about (the
        one its clause governs, else this sentence's meeting or deal, else the last one)."""
        for tok in self.toks[sent.start : sent.end]:
            role = ROLE_NOUNS.get(tok.lemma_.lower())
            if role is None or tok.pos_ != "NOUN":
                continue
            actors = self._role_noun_actors(tok, si)
            if not actors:
                continue
            target = self._role_noun_event(tok, si, created)
            if target is None:
                continue
            for a in actors:
                if all(p.actor.key != a.key for p in target.participants):
                    target.add(a, role, si)
                else:
                    for p in target.participants:
                        if p.actor.key == a.key and p.role == Role.PARTICIPANT:
                            p.role = role

    def _role_noun_event(self, tok: Token, si: int, created: list[int]) -> EventMention | None:
        h = tok
        for _ in range(6):  # the event the noun's clause is about: "mediators ... rescue talks"
            if h.head.i == h.i:
                break
            h = h.head
            if h.pos_ in {"VERB", "AUX"}:
                for t in h.subtree:
                    idx = self.by_token.get(t.i)
                    if idx is not None and t.i != tok.i:
                        ev = self._root(idx)
                        if ev.cls in ROLE_NOUN_CLASSES:
                            return ev
                break
        here = [
            self._root(i)
            for i in created
            if self._root(i).cls in ROLE_NOUN_CLASSES and self._root(i).merged_into is None
        ]
        if here:
            return here[-1]
        for ev in reversed(self.events):
            if ev.merged_into is None and ev.cls in ROLE_NOUN_CLASSES:
                return ev if si - ev.sentences[-1] <= 3 else None
        return None

    def _impact_targets(self, ev: EventMention, tok: Token, si: int) -> None:
        """'Russian strikes hit central Kyiv', 'rockets slammed into Sderot': what was hit is
        the target (a place stands for the state it lies in)."""
        verb = tok.head
        if verb.lemma_.lower() not in IMPACT_VERBS:
            return
        hit = [c for c in verb.children if c.dep_ == "dobj"]
        hit += [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"into", "on", "onto", "at", "in", "near"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        sources = {p.actor.key for p in ev.participants if p.role == Role.SOURCE}
        for h in hit:
            found = self._actors(h, si)
            if not found:
                found = self._place_owner(h, ev)  # "hit central Kyiv", "a hospital in Kunduz"
            for a in found:
                if a.key not in sources:
                    ev.add(a, Role.TARGET, si)
            if found:
                return

    def _capture_roles(self, ev: EventMention, tok: Token, si: int) -> None:
        """'Jalalabad fell to the Taliban': the Taliban took it; the town's state lost it."""
        if tok.lemma_.lower() == "fall":
            for p in ev.participants:
                if p.role == Role.TARGET:
                    p.role = Role.SOURCE
        takers = {p.actor.key for p in ev.participants if p.role == Role.SOURCE}
        if not takers or any(p.role == Role.TARGET for p in ev.participants):
            return
        for c in tok.children:
            place = self.m.token_place.get(c.i)
            if place is None or not place.iso3 or c.dep_ not in {"dobj", "nsubj", "nsubjpass"}:
                continue
            state = self._state_mention(place.iso3, c)
            if state is not None and state.key not in takers:
                ev.add(state, Role.TARGET, si)
            return

    def _document_speaks(self, verb: Token, si: int) -> None:
        """'Abdrakhmanov read out the final statement. It reaffirmed ... and said a settlement
        should rest on Resolution 2254': what 'it' says is what the document just told says,
        so this sentence's references go to that document."""
        subj = self._clause_subject(verb) if verb.dep_ == "conj" else None
        subj = subj or next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ != "it":
            return
        for i in range(len(self.events) - 1, -1, -1):
            doc_ev = self.events[i]
            if doc_ev.sentence < si - 1:
                break
            if (
                doc_ev.merged_into is None
                and doc_ev.cls in {"statement", "agreement"}
                and self.doc[doc_ev.trigger].pos_ == "NOUN"
            ):
                self.by_token[verb.i] = i
                if si not in doc_ev.sentences:
                    doc_ev.sentences.append(si)
                return

    def _agreeing(self, verb: Token) -> bool:
        """Whether a verb is an agreement ('agreed to a ceasefire in talks in Jeddah': who
        agreed took part in the talks)."""
        trig = self._trigger(verb)
        return trig is not None and trig.cls in {"agreement", "ceasefire"}

    def _place_owner(self, tok: Token, ev: EventMention | None = None) -> list[ActorMention]:
        """The state of the place a noun names ("Kyiv"), names inside it ("Abha airport") or
        puts it in ("a base in southern Syria"): what an attack there hits. An attack with no
        place yet takes that place ("hit a hospital in Kunduz")."""
        if any(c.dep_ == "poss" for c in tok.children):
            return []  # "stormed its embassy in Tehran": the owner is someone else
        near = [tok]
        near += [c for c in tok.children if c.dep_ in {"compound", "nmod"}]
        if tok.lemma_.lower() in SITE_NOUNS:
            near += [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in {"in", "near", "outside", "of"}
                for p in c.children
                if p.dep_ == "pobj"
            ]
        for t in near:
            place = self.m.token_place.get(t.i)
            if place is not None and place.iso3:
                if ev is not None and ev.place is None:
                    ev.place = place
                state = self._state_mention(place.iso3, t)
                return [state] if state is not None else []
            a = self.m.token_actor.get(t.i)
            if t is not tok and a is not None and a.actor_type == ActorType.STATE:
                return [a]
        return []

    @staticmethod
    def _state_mention(iso3: str, tok: Token) -> ActorMention | None:
        entry = load_gazetteer().state(iso3)
        if entry is None:
            return None
        return entry_mention(entry, tok.i, tok.i + 1, "place-owner", tok.text)

    @staticmethod
    def _force_of(a: ActorMention, tok: Token) -> ActorMention:
        """A person's forces are those of the group or state they lead, when known; a
        ministry's ('the Defence Ministry said its forces') are its state's."""
        if a.actor_type not in {ActorType.PERSON, ActorType.ORGANISATION} or not a.affiliation:
            return a
        key = a.affiliation
        entry = load_gazetteer().by_key(key.removeprefix("state:"))
        if entry is None or entry.kind not in {"state", "armed_group", "group"}:
            return a
        return entry_mention(entry, tok.i, tok.i + 1, "force-of", tok.text)

    def _last_parties(self) -> list[ActorMention]:
        """The parties (not the mediators) of the latest agreement, truce or meeting with two
        or more of them, the referent of 'the parties' and 'the two sides'."""
        for ev in reversed(self.events):
            if ev.merged_into is not None or ev.cls not in {"agreement", "ceasefire", "meeting"}:
                continue
            parties = [
                p.actor
                for p in ev.participants
                if p.role in {Role.PARTICIPANT, Role.SOURCE, Role.TARGET}
            ]
            if len({a.key for a in parties}) >= 2:
                return parties
        return []

    def _officials(self, tok: Token) -> list[ActorMention]:
        """'the top Iranian and Russian diplomats' -> the Iranian and the Russian official the
        article names, or the states when it names none (or several)."""
        out: list[ActorMention] = []
        states = []
        groups: list[ActorMention] = []  # "Taliban and US negotiators": the group's own
        for c in tok.children:
            if c.dep_ in {"amod", "compound", "poss", "nmod"}:
                for t in [c, *c.conjuncts]:
                    a = self.m.token_actor.get(t.i)
                    if a is not None and a.actor_type == ActorType.STATE:
                        states.append(a)
                    elif a is not None and a.actor_type != ActorType.PERSON:
                        groups.append(a)
            elif c.dep_ == "prep" and c.lower_ == "of":  # "the foreign ministers of A and B"
                for p in c.children:
                    for t in [p, *p.conjuncts] if p.dep_ == "pobj" else []:
                        a = self.m.token_actor.get(t.i)
                        if a is not None and a.actor_type == ActorType.STATE:
                            states.append(a)
        persons = {
            a.key: a
            for a in self.m.actors
            if a.actor_type == ActorType.PERSON and a.how == "person"
        }
        if not states:
            # "the leader of the FARC", "the head of the Houthi delegation": the group's person
            # named in the article when there is exactly one, else the group
            owners = groups + [
                a
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
                for t in [p, *p.conjuncts]
                for a in [self.m.token_actor.get(t.i)]
                if a is not None and a.actor_type != ActorType.PERSON
            ]
            for owner in owners:
                people = {
                    a.key: a
                    for a in self.m.actors
                    if a.actor_type == ActorType.PERSON and a.affiliation == owner.key
                }
                out.append(next(iter(people.values())) if len(people) == 1 else owner)
            return out
        if tok.tag_ == "NNS" and (
            len(states) == 1 or any(c.dep_ == "nummod" for c in tok.children)
        ):
            # "Russian diplomats", "23 Russian diplomats": Russia's people, not one it named
            # ("the Iranian and Russian foreign ministers" are one each)
            return groups + states
        want = OFFICIAL_TITLES.get(tok.lemma_.lower(), tok.lemma_.lower())
        for st in states:
            hits = [p for p in persons.values() if p.affiliation == st.key]
            titled = [p for p in hits if p.title and want in p.title.lower()]
            if len(titled) > 1:
                titled = [p for p in titled if "deputy" not in (p.title or "").lower()]
            pick = titled if titled else hits
            out.append(pick[0] if len(pick) == 1 else st)
        return groups + out

    def _antecedent(self, tok: Token, si: int, verb: Token | None) -> list[ActorMention]:
        """'Russia announced that it had given...': the subject of the governing verb, else the
        previous sentence's subjects; 'he'/'him' only a person, 'it' only what is not one."""
        low = {"its": "it", "their": "they", "his": "he"}.get(tok.lower_, tok.lower_)

        def fits(a: ActorMention) -> bool:
            if low in {"he", "him", "she", "her"}:
                return a.actor_type == ActorType.PERSON
            return low != "it" or a.actor_type != ActorType.PERSON

        h = tok.head
        for _ in range(3):  # "its forces had captured": from the noun up to its verb
            if h.pos_ in {"VERB", "AUX"} or h.head.i == h.i:
                break
            h = h.head
        for _ in range(4):
            if h.dep_ in {"ccomp", "xcomp", "advcl", "conj", "relcl"} and h.head.i != h.i:
                gov = h.head
                while gov.pos_ not in {"VERB", "AUX"} and gov.head.i != gov.i:
                    gov = gov.head  # "X made a visit to Sochi, where he met Putin": X's verb
                for c in gov.children:
                    if c.dep_ == "nsubj" and c.i != tok.i:
                        found = [a for a in self._actors(c, si) if fits(a)]
                        if found:
                            return found
                h = gov
            else:
                break
        plural = low in {"they", "them", "we"}
        prev = [a for a in self.prev_subjects if fits(a)]
        if prev and (plural or len(prev) == 1):
            if not plural:
                return [prev[0]]
            return prev
        return []

    # -- role verbs -------------------------------------------------------------------------
    def _role_verbs(self, si: int, sent: Span) -> None:
        for tok in self.toks[sent.start : sent.end]:
            lemma = tok.lemma_.lower()
            role: Role | None = None
            target: Token | None = None
            if tok.pos_ in {"VERB", "AUX"} and lemma in ROLE_VERBS:
                role = ROLE_VERBS[lemma]
                target = self._event_object(tok)
                ev_at = self._event_at(target) if target is not None else None
                if (
                    role == Role.HOST
                    and ev_at is not None
                    and ev_at.cls not in {"meeting", "visit"}
                ):
                    # "opened an investigation", "hosted a signing": who does it, not a host
                    role = Role.SOURCE if ev_at.cls in DIRECTED_CLASSES else Role.PARTICIPANT
            elif (
                lemma == "claim"
                and tok.pos_ == "VERB"
                and any(
                    c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in tok.children
                )
            ):
                # "Islamic State claimed responsibility for the bombing": the claimant did it
                acts = [
                    p
                    for h in (tok, *(c for c in tok.children if c.dep_ == "dobj"))
                    for g in h.children
                    if g.dep_ == "prep" and g.lower_ == "for"
                    for p in g.children
                    if p.dep_ == "pobj"
                ]
                told = [self._event_at(act) for act in acts]
                if not acts:  # "... killed dozens. Hayat Tahrir al-Sham claimed responsibility."
                    told = [
                        next(
                            (
                                e
                                for e in reversed(self.events)
                                if e.merged_into is None
                                and e.cls == "attack"
                                and si - 1 <= e.sentence <= si
                            ),
                            None,
                        )
                    ]
                for ev in told:
                    if ev is None or ev.cls != "attack":
                        continue
                    for c in tok.children:
                        for a in self._actors(c, si, verb=tok) if c.dep_ == "nsubj" else []:
                            ev.add(a, Role.SOURCE, si)
                    if si not in ev.sentences:
                        ev.sentences.append(si)
                continue
            elif lemma == "play" and tok.pos_ == "VERB":
                # "played intermediary roles at the talks", "played a mediating role in the deal"
                for c in tok.children:
                    if c.dep_ == "dobj" and c.lemma_.lower() == "role":
                        adjs = {
                            a.lemma_.lower() for a in c.children if a.dep_ in {"amod", "compound"}
                        }
                        if adjs & {
                            "intermediary",
                            "mediating",
                            "mediator",
                            "mediation",
                            "facilitating",
                        }:
                            role = Role.MEDIATOR
                        elif adjs & {"observer"}:
                            role = Role.OBSERVER
                        elif adjs & {"guarantor"}:
                            role = Role.GUARANTOR
                        else:
                            role = Role.PARTICIPANT
                        target = self._event_object(c) or self._event_object(tok)
            elif lemma == "present" and tok.pos_ == "ADJ" and tok.dep_ in {"acomp"}:
                role = Role.OBSERVER
                verb = tok.head
                target = self._event_object(tok) or self._event_object(verb)
                if target is None and verb.dep_ == "relcl" and verb.head.i in self.by_token:
                    target = verb.head
                if target is None:
                    # "..., where X was present": the event the clause hangs on
                    h = verb
                    while h.head.i != h.i and h.i not in self.by_token:
                        h = h.head
                    target = h if h.i in self.by_token else None
                subj_host = verb
                if role and target is not None:
                    ev = self._event_at(target)
                    if ev is not None:
                        for c in subj_host.children:
                            if c.dep_ == "nsubj":
                                for a in self._actors(c, si, verb=subj_host):
                                    ev.add(a, role, si)
                                    ev.sentences.append(si)
                continue
            if role is None:
                continue
            passive_target = None
            if tok.dep_ in {"acl", "relcl"} and self._event_at(tok.head) is not None:
                passive_target = tok.head  # "talks sponsored by Russia"
            elif any(c.dep_ == "nsubjpass" for c in tok.children):
                passive_target = next(c for c in tok.children if c.dep_ == "nsubjpass")
            agents = [
                p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
            ]
            if agents and passive_target is not None:
                ev = self._event_at(passive_target)
                if ev is not None:
                    for p in agents:
                        for a in self._actors(p, si):
                            ev.add(a, role, si)
                    if si not in ev.sentences:
                        ev.sentences.append(si)
                continue
            if target is None:
                continue
            ev = self._event_at(target)
            if ev is None:
                continue
            for c in tok.children:
                if c.dep_ == "nsubj":
                    for a in self._actors(c, si, verb=tok):
                        ev.add(a, role, si)
            if si not in ev.sentences:
                ev.sentences.append(si)

    def _event_object(self, tok: Token) -> Token | None:
        """The event noun a verb or noun points at: its object or a prepositional object."""
        for c in tok.children:
            if c.dep_ in {"dobj", "attr"} and self._event_at(c) is not None:
                return c
            if c.dep_ in {"dobj", "attr"} and c.lemma_.lower() in ROUND_NOUNS:
                for g in c.children:  # "hosted several rounds of talks"
                    if g.dep_ == "prep" and g.lower_ == "of":
                        for p in g.children:
                            if p.dep_ == "pobj" and self._event_at(p) is not None:
                                return p
            if c.dep_ == "prep" and c.lower_ in {"at", "in", "on", "for", "during", "to"}:
                for p in c.children:
                    if p.dep_ == "pobj" and self._event_at(p) is not None:
                        return p
        return None

    def _event_at(self, tok: Token) -> EventMention | None:
        """The event a trigger token belongs to, or the one a definite noun refers back to."""
        idx = self.by_token.get(tok.i)
        if idx is not None:
            return self.events[idx]
        trig = self._trigger(tok)
        if trig is None or trig.pos != "NOUN":
            return None
        if not any(c.lower_ in DEFINITE for c in tok.children) and not any(
            c.dep_ == "compound" and c.i in self.m.token_place for c in tok.children
        ):
            return None
        for ev in reversed(self.events):
            if ev.cls == trig.cls and ev.merged_into is None:
                return ev
        return None

    # -- dates -------------------------------------------------------------------------------
    def _region(self, ev: EventMention) -> list[Token]:
        """Tokens that belong to the event's own clause, nested events' clauses excluded."""
        doc = self.doc
        roots = [doc[ev.trigger]]
        if ev.verb is not None:
            roots.append(doc[ev.verb])
        out: list[Token] = []
        for r in roots:
            if r.pos_ in {"NOUN", "PROPN"}:
                out.extend(self._subtree_until_event(r, ev))
            else:
                for c in r.children:
                    if c.dep_ in {"prep", "npadvmod", "advmod", "tmod", "obl", "nmod"}:
                        out.extend(self._subtree_until_event(c, ev))
                    elif c.dep_ == "advcl" and any(g.dep_ == "mark" for g in c.children) is False:
                        continue
        return out

    def _subtree_until_event(self, tok: Token, ev: EventMention) -> list[Token]:
        out = [tok]
        for c in tok.children:
            idx = self.by_token.get(c.i)
            if idx is not None and self.events[idx] is not ev:
                continue
            if c.dep_ in {"ccomp", "advcl"}:
                continue
            out.extend(self._subtree_until_event(c, ev))
        return out

    def _timexes_in(self, tokens: list[Token]) -> list[TimeExpression]:
        out: list[TimeExpression] = []
        for t in tokens:
            tx = self.tok_timex.get(t.i)
            if tx is not None and tx not in out:
                out.append(tx)
        return out

    def _own_date(self, ev: EventMention) -> None:
        """The date written in the event's own clause ("talks which concluded on January 24")."""
        own = self._timexes_in(self._region(ev))
        dated = [
            tx
            for tx in own
            if tx.time is not None
            and tx.time.is_dated
            and (ev.status != EventStatus.OCCURRED or not self._is_deadline(tx))
            and not self._names_other(tx, ev)
        ]
        durations = [tx for tx in own if tx.type == TimexType.DURATION]
        if dated:
            tv = dated[0].time
            assert tv is not None
            ev.time = self._stretch(tv, durations, ev)
            ev.time_evidence, ev.time_confidence, ev.own_date = "date:clause", 0.95, True
            ev.time_role = self._time_role(dated[0]) if ev.time is tv else ""
            return
        # "over the past six years": a period that ends now
        for tx in durations:
            period = self._past_period(tx)
            if period is not None:
                ev.time, ev.time_evidence, ev.time_confidence, ev.own_date = (
                    period,
                    "date:duration",
                    0.7,
                    True,
                )
                return

    def _context_date(self, ev: EventMention, sent: Span) -> None:
        """No date of its own: the clause it hangs on, the event it follows, the sentence, and
        only then (marked, low confidence) the publication date."""
        h = self.doc[ev.trigger]
        while h.head.i != h.i:
            h = h.head
            # a date on the clause this event hangs on ("concluded on January 24, with X agreeing")
            if h.pos_ in {"VERB", "AUX"}:
                near = [
                    tx
                    for c in h.children
                    if c.dep_ in {"prep", "npadvmod", "tmod"}
                    for tx in self._timexes_in(list(c.subtree))
                    if tx.time is not None
                    and tx.time.is_dated
                    and not self._is_deadline(tx)
                    and not self._names_other(tx, ev)
                ]
                if near:
                    ev.time = near[0].time
                    ev.time_evidence, ev.time_confidence = "date:governing-clause", 0.85
                    return
            idx = self.by_token.get(h.i)
            if idx is not None and self._root(idx) is not ev and self._root(idx).time is not None:
                ev.time = self._root(idx).time
                ev.time_evidence, ev.time_confidence = "date:governing-event", 0.8
                return
            # "The deal paved the way for a ceasefire": dated by the subject event
            for c in h.children:
                if c.dep_ == "nsubj" and c.i in self.by_token:
                    other = self._root(self.by_token[c.i])
                    if other is not ev and other.time is not None:
                        ev.time = other.time
                        ev.time_evidence, ev.time_confidence = "date:cause-event", 0.75
                        return
        # "after the talks came to an end": not before the end of that event
        bound = self._after_event(ev)
        if bound is not None:
            ev.time, ev.time_evidence, ev.time_confidence = bound, "date:after-event", 0.6
            return
        # what a statement reports ("said the parties would meet in January") does not date it
        reported: set[int] = set()
        if ev.cls in {
            "statement",
            "support",
            "criticize",
            "appeal",
            "threaten",
            "agreement",
            "intent",
            "offer",
            "reject",
        }:
            for k in (ev.trigger, ev.verb):
                if k is not None:
                    for c in self.doc[k].children:
                        if c.dep_ in {"ccomp", "xcomp", "parataxis"}:
                            reported.update(t.i for t in c.subtree)
        in_sent = [
            (abs(t.i - ev.trigger), tx)
            for t in self.toks[sent.start : sent.end]
            for tx in [self.tok_timex.get(t.i)]
            if tx is not None
            and tx.time is not None
            and tx.time.is_dated
            and t.i not in reported
            and not self._is_deadline(tx)
            and not self._names_other(tx, ev)
        ]
        if in_sent:
            ev.time = min(in_sent, key=lambda x: x[0])[1].time
            ev.time_evidence, ev.time_confidence = "date:sentence", 0.6
            return
        if any(
            i in self.tok_timex and i not in reported and not self._measures(self.tok_timex[i])
            for i in range(sent.start, sent.end)
        ):
            return  # the sentence has time words (a vague 'recently', 'for years'): no fallback
        if self.published is not None and ev.status == EventStatus.OCCURRED:
            story = self._story_day(ev)
            if story is not None:
                # the story's day: what a report tells without a date, next to events of the
                # day before publication, happened that day ("signed on Tuesday ... Trump said")
                ev.time, ev.time_evidence, ev.time_confidence = story, "date:story-day", 0.5
                return
            p = self.published
            ev.time = TimeValue(
                p, p, Precision.DAY, text="", anchor=p, kind=TimeKind.DATE, value=p.isoformat()
            )
            ev.time_evidence, ev.time_confidence = "date:published-fallback", 0.3

    def _story_day(self, ev: EventMention) -> TimeValue | None:
        """The day of the article's own dated events when all of them fall on one day shortly
        before publication (a day-after report); None when they differ or none is dated."""
        pub = self.published
        if pub is None:
            return None
        days = {
            e.time.start
            for e in self.events
            if e is not ev
            and e.merged_into is None
            and e.own_date
            and e.status == EventStatus.OCCURRED
            and e.time is not None
            and e.time.precision == Precision.DAY
            and e.time.start is not None
            and timedelta(0) < pub - e.time.start <= timedelta(days=2)
        }
        if len(days) != 1:
            return None
        day = days.pop()
        return TimeValue(
            day, day, Precision.DAY, "", anchor=pub, kind=TimeKind.DATE, value=day.isoformat()
        )

    def _names_other(self, tx: TimeExpression, ev: EventMention) -> bool:
        """'the 2012 Geneva Communique', 'the September 5 protocol': a date inside another
        thing's name dates that thing, not this event."""
        span = self.doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        year = len(tx.value or "") == 4
        head = root.head
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head  # "the Minsk agreements of February"
        elif not (root.dep_ in {"compound", "nmod", "amod"} or (year and root.dep_ == "nummod")):
            return False
        return (
            tx.type == TimexType.DATE
            and head.pos_ in {"NOUN", "PROPN"}
            and head.lemma_.lower() not in TIME_HEADS  # "the Monday morning rush hour"
            and head.i not in ev.triggers
            and head.i != ev.trigger
        )

    def _measures(self, tx: TimeExpression) -> bool:
        """A duration that measures something rather than placing the event in time: a
        deadline ('within 72 hours'), a modifier ('a seven-day ceasefire', 'a two-day visit')
        or a measure of another act ('after three days of talks')."""
        if tx.type != TimexType.DURATION:
            return False
        if self._is_deadline(tx):  # DEADLINE_PREPS holds "within"
            return True
        span = self.doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ in {"amod", "compound", "nmod"} or "-" in tx.text:
            return True
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children)

    def _is_deadline(self, tx: TimeExpression) -> bool:
        """'by October 15', 'until the end of March', 'before Friday', 'no later than May':
        a deadline or a limit, which dates what must happen, not what did."""
        cached = self._deadline.get(tx.char_start)
        if cached is not None:
            return cached
        span = self.doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
        out = False
        if span is not None:
            root = span.root
            before = self.doc[max(0, span.start - 2) : span.start].text.lower()
            out = (
                (span.start > 0 and self.doc[span.start - 1].lower_ in DEADLINE_PREPS)
                or (root.dep_ == "pobj" and root.head.lower_ in DEADLINE_PREPS)
                or before in {"later than", "earlier than"}
                # "the first summit since Berlin in October 2016", "the deadliest attack since
                # August 2013": a comparison with an earlier event, not this one's date
                or any(
                    a.lower_ == "since" and a.dep_ == "prep" and _compares(a.head)
                    for a in list(root.ancestors)[:4]
                )
            )
        self._deadline[tx.char_start] = out
        return out

    def _root(self, idx: int) -> EventMention:
        ev = self.events[idx]
        while ev.merged_into is not None:
            ev = self.events[ev.merged_into]
        return ev

    def _time_role(self, tx: TimeExpression) -> str:
        """'talks which opened on Monday' dates the start; 'ended on Tuesday' the end."""
        span = self.doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
        if span is None:
            return ""
        h = span.root
        for _ in range(4):
            if h.pos_ == "VERB":
                lemma = h.lemma_.lower()
                if lemma in {"open", "begin", "start", "launch", "kick", "resume", "convene"}:
                    return "start"
                if lemma in {"end", "conclude", "close", "finish", "wrap"}:
                    return "end"
                return ""
            if h.head.i == h.i:
                break
            h = h.head
        return ""

    def _stretch(
        self, tv: TimeValue, durations: list[TimeExpression], ev: EventMention
    ) -> TimeValue:
        """'the two-day talks which concluded on January 24' -> January 23-24."""
        if tv.precision != Precision.DAY or not durations or tv.start is None:
            return tv
        val = durations[0].value or ""
        if not (val.startswith("P") and val.endswith("D") and val[1:-1].isdigit()):
            return tv
        n = int(val[1:-1])
        if n < 2 or n > 60:
            return tv
        verbs = {self.doc[i].lemma_.lower() for i in [ev.verb] if i is not None}
        verbs |= {t.lemma_.lower() for t in self.doc[ev.trigger].subtree if t.pos_ == "VERB"}
        if verbs & {"conclude", "end", "close", "finish", "wrap"}:
            return TimeValue(
                tv.start - timedelta(days=n - 1),
                tv.end,
                Precision.DAY,
                tv.text,
                tv.anchor,
                TimeKind.INTERVAL,
                f"{(tv.start - timedelta(days=n - 1)).isoformat()}/{tv.end.isoformat()}",
            )
        if verbs & {"begin", "start", "open", "launch", "kick"}:
            end = tv.start + timedelta(days=n - 1)
            return TimeValue(
                tv.start,
                end,
                Precision.DAY,
                tv.text,
                tv.anchor,
                TimeKind.INTERVAL,
                f"{tv.start.isoformat()}/{end.isoformat()}",
            )
        return tv

    def _past_period(self, tx: TimeExpression) -> TimeValue | None:
        span = self.doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
        if span is None or self.published is None:
            return None
        words = {t.lower_ for t in self.doc[max(span.start - 3, 0) : span.end]}
        if not words & {"past", "last"}:
            return None
        val = tx.value or ""
        if not (val.startswith("P") and val[1:-1].isdigit() and val[-1] in "YM"):
            return None
        n = int(val[1:-1])
        p = self.published
        if val[-1] == "Y":
            start = date(p.year - n, 1, 1)
            return TimeValue(
                start,
                p,
                Precision.YEAR,
                tx.text,
                p,
                TimeKind.INTERVAL,
                f"{start.year}/{p.isoformat()}",
            )
        months = p.year * 12 + p.month - 1 - n
        start = date(months // 12, months % 12 + 1, 1)
        return TimeValue(
            start,
            p,
            Precision.MONTH,
            tx.text,
            p,
            TimeKind.INTERVAL,
            f"{start:%Y-%m}/{p.isoformat()}",
        )

    def _after_event(self, ev: EventMention) -> TimeValue | None:
        """An 'after/following EVENT' clause bounds the date from below."""
        h = self.doc[ev.trigger]
        for tok in [h, *h.ancestors]:
            for c in tok.children:
                if c.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in {"after", "since", "once"} for g in c.children
                ):
                    for t in c.subtree:
                        idx = self.by_token.get(t.i)
                        if idx is None:
                            other = self._event_at(t) if self._trigger(t) else None
                        else:
                            other = self.events[idx]
                        if (
                            other is not None
                            and other is not ev
                            and other.time is not None
                            and other.time.end
                        ):
                            start = other.time.end
                            end = (
                                self.published
                                if self.published and self.published >= start
                                else start
                            )
                            return TimeValue(
                                start,
                                end,
                                Precision.DAY,
                                c.text,
                                self.published,
                                TimeKind.INTERVAL,
                                f"{start.isoformat()}/{end.isoformat()}",
                            )
        return None

    # -- places --------------------------------------------------------------------------------
    def _own_place(self, ev: EventMention) -> None:
        """'talks in Astana', 'the Astana talks', 'concluded in Astana', 'a deal from Aleppo';
        a country ('talks in Tunisia') only when no city is named."""
        self._own_city(ev)
        if ev.place is None:
            for t in self._region(ev):
                p = self.m.token_place.get(t.i)
                if p is not None and p.country_level and t.head.head.i in ev.triggers:
                    ev.place = p
                    return

    def _own_city(self, ev: EventMention) -> None:
        for t in self._region(ev):
            p = self.m.token_place.get(t.i)
            if p is None or p.country_level:
                continue
            if t.dep_ == "pobj" and t.head.lower_ in {
                "in",
                "at",
                "from",
                "near",
                "outside",
                "inside",
                "around",
                "to",
            }:
                if t.head.lower_ == "to" and ev.cls != "visit":
                    continue
                ev.place = p
                return
            if (
                ev.cls in {"attack", "visit"}
                and t.dep_ == "pobj"
                and t.head.lower_ in {"on", "against", "across", "of"}
            ):
                ev.place = p  # "strikes on Gaza"
                return
            if t.dep_ in {"compound", "nmod", "npadvmod", "appos"} and t.head.i in ev.triggers:
                ev.place = p
                return
            if (
                t.dep_ == "pobj"
                and t.head.lower_ == "of"
                and t.head.head.lemma_.lower() in {"capital", "city", "town"}
            ):
                ev.place = p
                return
        trig = self.doc[ev.trigger]
        if ev.cls in {"attack", "visit"}:
            # "bombed rebel-held areas of Idlib", "visited Ankara": the object is the place
            for i in ev.triggers:
                for c in self.doc[i].children:
                    if c.dep_ != "dobj":
                        continue
                    for t in c.subtree:
                        p = self.m.token_place.get(t.i)
                        if p is not None:
                            ev.place = p
                            return
        if trig.pos_ in {"NOUN", "PROPN"}:
            for t in trig.subtree:
                p = self.m.token_place.get(t.i)
                if p is not None and t.dep_ == "pobj" and t.head.lower_ in {"in", "at", "from"}:
                    ev.place = p
                    return

    def _visit_target(self, ev: EventMention, si: int) -> None:
        """'Putin visited Ankara': the host is the state of the place visited."""
        if ev.cls != "visit" or ev.place is None or not ev.place.iso3:
            return
        if any(p.role == Role.TARGET for p in ev.participants):
            return
        entry = load_gazetteer().state(ev.place.iso3)
        if entry is None or any(p.actor.iso3 == entry.iso3 for p in ev.participants):
            return
        host = ActorMention(
            ev.place.start,
            ev.place.end,
            identity.state_id(ev.place.iso3),
            entry.label,
            ActorType.STATE,
            iso3=entry.iso3,
            how="place-of-visit",
            surface=ev.place.surface,
        )
        ev.add(host, Role.TARGET, si)

    def _context_place(self, ev: EventMention) -> None:
        """The place of the event whose clause this one sits in."""
        h = self.doc[ev.trigger]
        while h.head.i != h.i:
            h = h.head
            idx = self.by_token.get(h.i)
            if idx is not None and self._root(idx) is not ev and self._root(idx).place is not None:
                other = self._root(idx)
                if ev.own_date and other.time != ev.time:
                    return  # a different occasion told inside this one's clause
                ev.place = other.place
                return

    # -- resolutions and about ---------------------------------------------------------------
    def _references(self, si: int, sent: Span) -> None:
        seen: set[str] = set()
        for tok in self.toks[sent.start : sent.end]:
            res = self.m.token_resolution.get(tok.i)
            if res is None or res.key in seen:
                continue
            seen.add(res.key)
            for anc in self.doc[res.start : res.end].root.ancestors:
                idx = self.by_token.get(anc.i)
                if idx is not None:
                    ev = self.events[idx]
                    if all(r.key != res.key for r, _ in ev.references):
                        ev.references.append((res, si))
                    break

    def _about(self, created: list[int]) -> None:
        """A call, meeting or statement whose object mentions another event is about it."""
        for idx in created:
            ev = self.events[idx]
            if ev.cls not in {"meeting", "call", "statement", "agreement", "support", "criticize"}:
                continue
            roots = [self.doc[i] for i in [ev.trigger, ev.verb] if i is not None]
            for r in roots:
                for c in r.children:
                    if c.dep_ not in {"dobj", "prep", "ccomp", "xcomp", "attr"}:
                        continue
                    for t in c.subtree:
                        other = self._event_at(t) if self._trigger(t) else None
                        if other is not None and other is not ev:
                            j = self.events.index(other)
                            if j not in ev.about:
                                ev.about.append(j)

    def _produced_by(self, created: list[int]) -> None:
        """'reached a deal after talks in Pretoria', 'an accord reached at the talks', 'the
        talks produced an agreement': the agreement or truce came out of those talks."""
        for idx in created:
            ev = self.events[idx]
            if ev.merged_into is not None or ev.cls not in {"agreement", "ceasefire", "adoption"}:
                continue
            for i in ev.triggers:
                tok = self.doc[i]
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in {
                        "at",
                        "in",
                        "after",
                        "during",
                        "following",
                        "from",
                        "through",
                    }:
                        for p in c.children:
                            self._link_talks(ev, p)
                    if c.dep_ in {"acl", "relcl"}:  # "an accord reached in talks"
                        for g in c.children:
                            if g.dep_ == "prep" and g.lower_ in {"at", "in", "during", "after"}:
                                for p in g.children:
                                    self._link_talks(ev, p)
                head = tok.head  # "the talks produced an agreement"
                if tok.dep_ == "dobj" and head.lemma_.lower() in {"produce", "yield", "deliver"}:
                    for c in head.children:
                        if c.dep_ == "nsubj":
                            self._link_talks(ev, c)

    def _link_talks(self, ev: EventMention, tok: Token) -> None:
        if tok.lemma_.lower() in {"day", "week", "month", "year", "round", "hour", "night"}:
            # "after ten days of talks"
            inner = [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj"
            ]
            if inner:
                tok = inner[0]
        if tok.dep_ not in {"pobj", "nsubj"} or self._trigger(tok) is None:
            return
        other = self._event_at(tok)
        if other is None or other is ev or other.cls != "meeting":
            return
        j = self.events.index(other)
        if j not in ev.produced_by:
            ev.produced_by.append(j)

    # -- within-article coreference and folding ----------------------------------------------
    def _corefer(self, j: int) -> None:
        """Merge a later noun mention into the earlier event it names: 'the talks', 'the meeting
        [in Astana]', 'the Astana talks', 'the two-day talks which concluded in Astana'."""
        ev = self.events[j]
        if (
            ev.cls == "statement"
            and ev.definite
            and not ev.participants
            and not ev.own_date
            and ev.merged_into is None
            and self.doc[ev.trigger].lemma_.lower() in {"statement", "communique", "declaration"}
            and len(ev.triggers) == 1
        ):
            # "The statement commits the two sides...": the joint statement just reported
            for i in range(j - 1, -1, -1):
                prev = self.events[i]
                if prev.merged_into is None and prev.cls == "statement" and prev.participants:
                    if ev.sentence - prev.sentences[-1] <= 3:
                        self._merge(i, j)
                    return
            return
        if (
            ev.cls not in COREF_CLASSES
            or ev.status != EventStatus.OCCURRED
            or ev.merged_into is not None
        ):
            return
        if self.doc[ev.trigger].pos_ not in {"NOUN", "PROPN"}:
            return
        for i in range(j - 1, -1, -1):
            prev = self.events[i]
            if (
                prev.merged_into is not None
                or prev.cls != ev.cls
                or prev.status != EventStatus.OCCURRED
            ):
                continue
            if (
                not ev.definite
                and ev.place is not None
                and prev.place is None
                and prev.sentence != ev.sentence
            ):
                continue  # "worked out in talks in Amman": a new meeting, somewhere named
            if self._compatible(prev, ev) and (
                ev.definite or prev.sentence == ev.sentence or not ev.own_date
            ):
                self._merge(i, j)
                return

    def _compatible(self, a: EventMention, b: EventMention) -> bool:
        pa, pb = self._likely_place(a), self._likely_place(b)
        if pa and pb and pa.key != pb.key:
            return False
        if _opening_and_close(a, b) is not None:
            return True
        if a.time and b.time and a.time.start and b.time.start and a.time.end and b.time.end:
            if (
                a.own_date
                and b.own_date
                and (a.time.end < b.time.start or b.time.end < a.time.start)
            ):
                return False
            if (a.own_date or b.own_date) and not (a.own_date and b.own_date):
                pass
        ka, kb = a.actor_keys(), b.actor_keys()
        # two calls or deals between different parties are different events
        if a.cls in {"call", "agreement", "visit"} and ka and kb and not ka & kb:
            return False
        # ... and so are two acts by different doers ("May expelled 23 diplomats ... Canada and
        # Ukraine announced expulsions")
        doers = {Role.SOURCE, Role.SPEAKER}
        sa = {p.actor.key for p in a.participants if p.role in doers}
        sb = {p.actor.key for p in b.participants if p.role in doers}
        return not (sa and sb and not sa & sb)

    def _likely_place(self, ev: EventMention) -> PlaceMention | None:
        """The event's own place, or the dateline's for an event of the lead sentence."""
        if ev.place is not None:
            return ev.place
        place, lead = self._dateline
        return place if ev.sentence == lead else None

    def _merge(self, i: int, j: int) -> None:
        keep, drop = self.events[i], self.events[j]
        for p in drop.participants:
            keep.add(p.actor, p.role, p.sentence)
        span = _opening_and_close(keep, drop)
        if span is not None:
            keep.time, keep.time_evidence, keep.time_role = span, "date:opened-closed", ""
        elif drop.own_date and (not keep.own_date or _finer(drop.time, keep.time)):
            keep.time, keep.time_evidence, keep.time_confidence = (
                drop.time,
                drop.time_evidence,
                drop.time_confidence,
            )
            keep.own_date = True
        elif keep.time is None and drop.time is not None:
            keep.time, keep.time_evidence, keep.time_confidence = (
                drop.time,
                drop.time_evidence,
                drop.time_confidence,
            )
        keep.place = keep.place or drop.place
        for r in drop.references:
            if all(r[0].key != k[0].key for k in keep.references):
                keep.references.append(r)
        keep.about.extend(a for a in drop.about if a not in keep.about and a != i)
        keep.sentences.extend(s for s in drop.sentences if s not in keep.sentences)
        keep.triggers.extend(drop.triggers)
        if len(drop.phrase) > len(keep.phrase) and keep.cameo == drop.cameo:
            keep.phrase = drop.phrase
        if (
            drop.cameo != keep.cameo
            and len(drop.cameo) > len(keep.cameo)
            and drop.cameo[:2] == keep.cameo[:2]
        ):
            keep.cameo = drop.cameo
        drop.merged_into = i
        for t in drop.triggers:
            self.by_token[t] = i
        for ev in self.events:
            ev.about = [i if a == j else a for a in ev.about]

    def _fold_content(self) -> None:
        """'Zarif and Lavrov expressed readiness...' after their phone call reports what was said
        in it: an undated statement or agreement by exactly the call's parties joins the call."""
        for j, ev in enumerate(self.events):
            if ev.merged_into is not None or ev.cls not in CONTENT_CLASSES or ev.own_date:
                continue
            if ev.cls == "agreement" and ev.cameo == "057":
                continue
            keys = ev.actor_keys()
            for i in range(j - 1, -1, -1):
                prev = self.events[i]
                if (
                    prev.merged_into is None
                    and prev.cls in {"call", "meeting"}
                    and prev.actor_keys() == keys
                    and keys
                ):
                    if ev.cls == "agreement":
                        ev.time, ev.time_evidence, ev.time_confidence = (
                            prev.time,
                            "date:discourse",
                            0.6,
                        )
                        if j not in prev.about:
                            prev.about.append(j)
                        break
                    for r in ev.references:
                        if all(r[0].key != k[0].key for k in prev.references):
                            prev.references.append(r)
                    prev.about.extend(a for a in ev.about if a not in prev.about and a != i)
                    prev.sentences.extend(s for s in ev.sentences if s not in prev.sentences)
                    ev.merged_into = i
                    break


_ORDER = {p: i for i, p in enumerate(Precision)}


def _compares(tok: Token) -> bool:
    """'the first summit', 'the deadliest attack', 'the twelfth veto': a word ranked or
    counted against others, so that 'since X' after it dates the earlier one."""
    words = [tok, *tok.children]
    return any(
        t.tag_ == "JJS" or t.lower_ in {"first", "last", "only"} or t.ent_type_ == "ORDINAL"
        for t in words
    )


def _failed(verb: Token) -> bool:
    """'failed to reach an agreement': tried, not done ('could not agree' is a negation,
    which the status handles)."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail"


def _in_relative_clause(tok: Token, top: Token) -> bool:
    """Whether ``tok`` sits in a relative clause below ``top`` ('the presidency, which he
    called a red line'): a side remark, not what the clause reports."""
    h = tok
    while h.i != top.i and h.head.i != h.i:
        if h.dep_ in {"relcl", "acl"}:
            return True
        h = h.head
    return False


def _hyphenated(tok: Token) -> str:
    """A modifier with the words hyphened onto it: 'full-scale' of 'a full-scale invasion',
    not 'scale'."""
    doc = tok.doc
    start = tok.i
    while start >= 2 and doc[start - 1].text in {"-", "–"} and not doc[start - 1].whitespace_:
        start -= 2
    return doc[start : tok.i + 1].text if start < tok.i else tok.text


def _opening_and_close(a: EventMention, b: EventMention) -> TimeValue | None:
    """'The talks opened on Monday' + 'ended on Tuesday': one event from Monday to Tuesday."""
    if not (a.own_date and b.own_date) or a.time_role == b.time_role:
        return None
    if "end" in (a.time_role, b.time_role):
        ender = a if a.time_role == "end" else b
        s, e = (b if ender is a else a).time, ender.time
    elif "start" in (a.time_role, b.time_role):
        starter = a if a.time_role == "start" else b
        s, e = starter.time, (b if starter is a else a).time
    else:
        return None
    if s is None or e is None or s.start is None or e.end is None or s.start > e.end:
        return None
    if s.precision != Precision.DAY or e.precision != Precision.DAY:
        return None
    if (e.end - s.start).days > 31:
        return None  # not one meeting
    value = f"{s.start.isoformat()}/{e.end.isoformat()}"
    return TimeValue(
        s.start, e.end, Precision.DAY, f"{s.text}; {e.text}", s.anchor, TimeKind.INTERVAL, value
    )


def _finer(a: TimeValue | None, b: TimeValue | None) -> bool:
    if a is None or a.precision is None:
        return False
    if b is None or b.precision is None:
        return True
    return _ORDER[a.precision] < _ORDER[b.precision]
