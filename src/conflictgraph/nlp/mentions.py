"""Mentions of actors, places and resolutions in a parsed article.

States come from the gazetteer (names, demonyms, capitals used for governments), people from
spaCy's PERSON entities and from names that follow an office ("Foreign Minister X"), with office
and affiliation read from titles, possessives, appositions and "counterpart". Generic phrases
("the Syrian government", "opposition groups", "Iranian diplomats") are mapped to the state, the
country's armed opposition or the person they stand for.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from conflictgraph.model import ActorType
from conflictgraph.nlp.gazetteer_ruler import GAZ_SPANS
from conflictgraph.resolve import identity
from conflictgraph.resolve.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from conflictgraph.resolve.officeholders import Officeholders, load_officeholders
from conflictgraph.resolve.places import Place, PlaceIndex

__all__ = ["ActorMention", "MentionFinder", "Mentions", "PlaceMention", "ResolutionMention"]


# Nouns that stand for a state's government or armed forces: "the Syrian government" is Syria.
GOVERNMENT_NOUNS = {
    "tank",
    "tanks",
    "warplane",
    "warplanes",
    "jet",
    "jets",
    "aircraft",
    "helicopter",
    "helicopters",
    "warship",
    "warships",
    "navy",
    "soldier",
    "soldiers",
    "artillery",
    "police",
    "government",
    "forces",
    "force",
    "troops",
    "army",
    "military",
    "regime",
    "junta",
    "parliament",
    "legislature",
    "authorities",
    "administration",
    "delegation",
    "side",
    "leadership",
    "cabinet",
    "officials",
    "official",
    "air",
    "state",
    "troop",
    "drone",
    "drones",
    "coalition",
    "missile",
    "missiles",
    "rocket",
    "rockets",
}
# Nouns for a country's armed opposition: all phrasings land on one actor per country.
# buildings news names as the place of an event, and the city they stand in
LANDMARKS = {
    "white house": "Washington",
    "kremlin": "Moscow",
    "elysee palace": "Paris",
    "élysée palace": "Paris",
    "elysee": "Paris",
    "downing street": "London",
    "dolmabahce palace": "Istanbul",
    "pentagon": "Washington",
    "camp david": "Thurmont",
    "palais des nations": "Geneva",
    "chancellery": "Berlin",
    "stormont": "Belfast",
}
REGION_NOUNS = {
    "east",
    "west",
    "north",
    "south",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "region",
    "territory",
    "province",
    "border",
    "frontline",
    "army",
    "military",
}
OPPOSITION_NOUNS = {
    "opposition",
    "rebels",
    "rebel",
    "militants",
    "militant",
    "insurgents",
    "insurgent",
    "jihadists",
    "jihadist",
    "terrorists",
    "fighters",
    "separatists",
    "separatist",
    "guerrillas",
}
# Nouns for individual officials: resolved to the person when the article names exactly one.
PERSON_ROLE_NOUNS = {
    "diplomat",
    "diplomats",
    "minister",
    "ministers",
    "envoy",
    "envoys",
    "counterpart",
    "president",
    "leader",
    "negotiator",
    "negotiators",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "premier",
    "chancellor",
    "counterparts",
}
# Demonyms that modify these nouns describe a place, not an actor ("the Kazakh capital").
PLACE_NOUNS = {
    "capital",
    "city",
    "town",
    "village",
    "border",
    "territory",
    "soil",
    "airspace",
    "coast",
    "region",
    "province",
    "side",
    "port",
    "countryside",
    "desert",
    "frontier",
    "waters",
}
ORG_HEADS = {
    "ministry",
    "ministries",
    "office",
    "agency",
    "parliament",
    "council",
    "committee",
    "presidency",
    "service",
    "services",
    "guard",
    "corps",
    "command",
    "party",
    "court",
    "commission",
    "bank",
    "embassy",
    "department",
    "directorate",
    "secretariat",
    "mission",
    "assembly",
    "senate",
    "congress",
    "duma",
    "staff",
    "intelligence",
    "organization",
    "organisation",
    "institute",
    "foundation",
    "union",
    "front",
    "movement",
    "brigade",
}
# Verbs whose object is a place, not an actor: "visited Ankara", "bombed Aleppo".
PLACE_VERBS = {
    "visit",
    "tour",
    "reach",
    "enter",
    "leave",
    "bomb",
    "shell",
    "strike",
    "hit",
    "attack",
    "capture",
    "seize",
    "retake",
    "recapture",
    "besiege",
    "raid",
    "storm",
    "invade",
    "occupy",
    "target",
    "pound",
}
# Names the small model takes for people that never are.
NOT_PEOPLE = {
    "twitter",
    "facebook",
    "telegram",
    "youtube",
    "instagram",
    "whatsapp",
    "tiktok",
    "x",
    "reuters",
    "afp",
    "ap",
    "tass",
    "ria",
    "irna",
    "sana",
    "xinhua",
    "interfax",
    "bbc",
    "cnn",
    "al jazeera",
    "anadolu",
    "getty",
    "getty images",
    "epa",
}
_GENERIC_HEADS = frozenset(
    GOVERNMENT_NOUNS
    | OPPOSITION_NOUNS
    | {"group", "faction", "force", "troop", "government", "regime", "army", "military"}
)
PORT_NOUNS = {"port", "city", "town", "village", "region", "province", "district", "outskirts"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam"}
LOCATIVE_PREPS = {"in", "at", "to", "from", "near", "outside", "inside", "around", "into", "across"}


@dataclass(slots=True)
class ActorMention:
    """A stretch of tokens that names an actor, already keyed to its canonical id."""

    start: int
    end: int
    key: str
    label: str
    actor_type: ActorType
    iso3: str | None = None
    title: str | None = None
    affiliation: str | None = None
    country: str | None = None
    wikidata: str | None = None
    how: str = "name"
    surface: str = ""


@dataclass(slots=True)
class PlaceMention:
    """A city or region named in the text."""

    start: int
    end: int
    key: str
    label: str
    iso3: str | None
    surface: str
    country_level: bool = False  # a state named as the place ("talks in Tunisia")


@dataclass(slots=True)
class ResolutionMention:
    """A UN resolution or named accord."""

    start: int
    end: int
    key: str
    code: str
    label: str
    issuer: str | None
    adopted: str | None
    surface: str


@dataclass(slots=True)
class Mentions:
    """All mentions of one document, with token-level lookups for the event stage."""

    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    resolutions: list[ResolutionMention] = field(default_factory=list)
    conflict_country: str | None = None
    datelines: set[int] = field(default_factory=set)  # tokens of datelines ("KYIV, May 2 -")
    implied: list[ActorMention] = field(default_factory=list)  # named inside another mention
    token_actor: dict[int, ActorMention] = field(default_factory=dict)
    token_place: dict[int, PlaceMention] = field(default_factory=dict)
    token_resolution: dict[int, ResolutionMention] = field(default_factory=dict)

    def index(self) -> None:
        """Rebuild the token lookups after mentions were added."""
        self.token_actor = {i: m for m in self.actors for i in range(m.start, m.end)}
        self.token_place = {i: p for p in self.places for i in range(p.start, p.end)}
        self.token_resolution = {i: r for r in self.resolutions for i in range(r.start, r.end)}


TITLE_CORE = {
    "minister",
    "envoy",
    "president",
    "undersecretary",
    "under-secretary",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "commander",
    "leader",
    "head",
    "representative",
    "adviser",
    "advisor",
    "negotiator",
    "chairman",
    "chair",
    "director",
    "mediator",
    "coordinator",
    "king",
    "emir",
    "prince",
    "sheikh",
    "chancellor",
    "premier",
    "senator",
    "mayor",
    "governor",
    "secretary-general",
    "general",
    "chief",
    "counterpart",
    "gen.",
    "colonel",
    "col.",
}


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    """Single words that build an office title: our core words plus those of data/offices.csv."""
    words: set[str] = set(TITLE_CORE) | {
        "acting",
        "affairs",
        "assistant",
        "brigadier",
        "crown",
        "defence",
        "defense",
        "deputy",
        "first",
        "foreign",
        "former",
        "general-secretary",
        "high",
        "interior",
        "lieutenant",
        "lt.",
        "maj.",
        "major",
        "military",
        "national",
        "permanent",
        "policy",
        "political",
        "prime",
        "security",
        "senior",
        "special",
        "staff",
        "state",
        "supreme",
        "top",
        "vice",
    }
    for title in load_gazetteer().offices:  # data/offices.csv, read once by the gazetteer
        words.update(title.lower().split())
    return frozenset(words)


MEDIA_NOUNS = {
    "television",
    "tv",
    "channel",
    "newspaper",
    "radio",
    "agency",
    "daily",
    "broadcaster",
    "network",
    "website",
    "outlet",
}


def _joined_people(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """The named entities with a person's name split in two joined again: NER often cuts a
    hyphenated or long Arabic name ('Abd-Rabbu' + 'Mansour Hadi')."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label_ == "PERSON"
            and ent.label_ == "PERSON"
            and ent.start == prev.end
            and "\n" not in doc[prev.end - 1].text
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


ORG_NAME_WORDS = {
    "Government",
    "Council",
    "Party",
    "Front",
    "Movement",
    "Alliance",
    "Forces",
    "Commission",
    "Committee",
    "Army",
    "Union",
    "Organization",
    "Organisation",
    "Ministry",
    "Coalition",
}
# words every accord's name may have; a named accord needs one more of its own
ACCORD_GENERIC = frozenset(
    {
        "the",
        "of",
        "on",
        "for",
        "and",
        "in",
        "peace",
        "ceasefire",
        "cease-fire",
        "final",
        "joint",
        "comprehensive",
        "new",
        "interim",
        "general",
        "political",
        "security",
        "framework",
        "agreement",
        "accord",
        "accords",
        "memorandum",
        "understanding",
        "protocol",
        "declaration",
        "treaty",
        "communique",
        "communiqué",
        "roadmap",
        "road",
        "map",
        "charter",
        "initiative",
        "plan",
        "action",
        "consensus",
        "convention",
        "revitalised",
        "revitalized",
        "permanent",
        "global",
        "national",
        "historic",
        "landmark",
        "this",
        "that",
        "a",
        "an",
    }
)


_KIND_TYPES = {
    "state": ActorType.STATE,
    "igo": ActorType.IGO,
    "armed_group": ActorType.ARMED_GROUP,
    "group": ActorType.GROUP,
    "organisation": ActorType.ORGANISATION,
}


def entry_actor_type(kind: str) -> ActorType:
    """The actor type of a gazetteer entry kind."""
    return _KIND_TYPES.get(kind, ActorType.GROUP)


def entry_mention(
    entry: GazetteerEntry, start: int, end: int, how: str, surface: str
) -> ActorMention:
    """A mention of a gazetteer entry over tokens [start, end): the one way ids, types,
    countries and affiliations of known actors are filled in."""
    state = entry.kind == "state"
    org_state = entry.kind == "organisation" and entry.iso3
    return ActorMention(
        start=start,
        end=end,
        key=identity.state_id(entry.iso3) if state and entry.iso3 else entry.key,
        label=entry.label,
        actor_type=entry_actor_type(entry.kind),
        iso3=entry.iso3 if state else None,
        country=entry.iso3 if not state else None,
        affiliation=entry.parent or (identity.state_id(entry.iso3) if org_state else None),
        wikidata=entry.wikidata,
        how=how,
        surface=surface,
    )


def paragraph_starts(tokens: list[Token], within: int) -> list[int]:
    """The token indices that open a paragraph among the first ``within`` tokens (where
    datelines stand)."""
    n = len(tokens)
    return [0] + [t.i + 1 for t in tokens[:within] if "\n" in t.text and t.i + 1 < n]


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept once per Doc: spaCy rebuilds ``doc.text`` token by token on every
    access."""
    text = doc.user_data.get("cg_text")
    if text is None:
        text = doc.user_data["cg_text"] = doc.text
    return text


class MentionFinder:
    """Finds actor, place and resolution mentions in a Doc (after the gazetteer SpanRuler)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        places: PlaceIndex,
        officeholders: Officeholders | None = None,
    ) -> None:
        self.gaz = gazetteer
        self.places = places
        self.officeholders = officeholders or load_officeholders()

    def __call__(self, doc: Doc) -> Mentions:
        """Return every mention in ``doc``; the result is also stored as ``doc._.cg_mentions``."""
        self._tokens = list(doc)  # one Token object per token, reused by every pass
        self._ents = doc.ents  # spaCy rebuilds the tuple on every access
        self._text = doc_text(doc)
        m = Mentions()
        gaz_spans = filter_spans(list(doc.spans.get(GAZ_SPANS, [])))
        self._resolutions(doc, gaz_spans, m)
        self._named_accords(doc, m)
        taken = set(m_i for r in m.resolutions for m_i in range(r.start, r.end))
        gaz_spans = [s for s in gaz_spans if not any(i in taken for i in range(s.start, s.end))]
        self._named_states = {
            e.iso3
            for span in gaz_spans
            for e in [self.gaz.by_key(span.id_)]
            if e is not None and e.kind == "state" and e.iso3
        }
        self._place_like: list[Span] = []
        self._datelines: set[int] = set()
        self._likely_country: str | None = None
        m.conflict_country = self._conflict_country(doc, gaz_spans)
        self._gazetteer_actors(doc, gaz_spans, m)
        self._datelines = m.datelines = self._dateline_tokens(doc)
        if self._datelines:
            # "UNITED NATIONS, Feb 26 -", "WASHINGTON/SANAA -": where the reporter filed,
            # never the subject of the lead sentence
            m.actors = [a for a in m.actors if a.start not in self._datelines]
        m.index()
        self._organisations(doc, m)
        m.index()
        self._people(doc, m)
        m.index()
        self._generic(doc, m)
        m.index()
        self._anaphora(doc, m)
        m.index()
        self._places(doc, m)
        m.index()
        self._place_anaphora(doc, m)
        self._landmark_cities(m)
        self._country_places(m)
        if self._datelines:
            m.actors = [a for a in m.actors if a.start not in self._datelines]
        m.index()
        return m

    def _landmark_cities(self, m: Mentions) -> None:
        """'at the White House', 'in the Kremlin', 'at the Elysee Palace': the event's place on
        a timeline is the city the landmark stands in."""
        for k, p in enumerate(m.places):
            city = LANDMARKS.get(p.label.lower().removeprefix("the ").strip())
            if city is None:
                continue
            place = self.places.lookup(city)
            if place is None:
                continue
            key = identity.location_id(place.name, place.iso3)
            m.places[k] = PlaceMention(p.start, p.end, key, place.name, place.iso3, p.surface)

    def _place_anaphora(self, doc: Doc, m: Mentions) -> None:
        """'struck targets in the city', 'shelling of the town': the town last named."""
        named = sorted((p for p in m.places if not p.country_level), key=lambda p: p.start)
        if not named:
            return
        for tok in self._tokens:
            if tok.lower_ not in {"city", "town", "village", "port"} or tok.i in m.token_place:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            if any(c.dep_ in {"compound", "amod", "nmod", "poss", "prep"} for c in tok.children):
                continue  # "the port city of Hodeidah" names its own
            before = [p for p in named if p.end <= tok.i]
            if not before:
                continue
            p = before[-1]
            m.places.append(
                PlaceMention(
                    tok.i, tok.i + 1, p.key, p.label, p.iso3, doc[tok.i - 1 : tok.i + 1].text
                )
            )

    # -- resolutions ---------------------------------------------------------------------
    _UNSC = re.compile(
        r"(?:(?:the\s+)?(?:UN|U\.N\.|United Nations)\s+)?Security\s+Council(?:'s|’s)?\s+"
        r"[Rr]esolution\s+(?:No\.?\s*|number\s+)?(\d{1,4})\b"
        r"|\bUNSC(?:R|\s+[Rr]esolution)?\s*(?:No\.?\s*)?(\d{1,4})\b"
    )
    _UNGA = re.compile(
        r"(?:(?:the\s+)?(?:UN|U\.N\.|United Nations)\s+)?General\s+Assembly\s+[Rr]esolution\s+"
        r"(?:No\.?\s*)?(ES-\d+/\d+|\d+/\d+|\d{1,4})\b"
    )
    _BARE = re.compile(r"\b[Rr]esolution\s+(?:No\.?\s*)?(\d{2,4})\b")

    def _resolutions(self, doc: Doc, gaz_spans: list[Span], m: Mentions) -> None:
        text = self._text
        found: list[tuple[int, int, str, str]] = []  # char start, end, issuer id, number

        def add(start: int, end: int, issuer: str, number: str) -> None:
            if not any(s < end and start < e for s, e, _, _ in found):
                found.append((start, end, issuer, number))

        for mt in self._UNSC.finditer(text):
            add(mt.start(), mt.end(), "unsc", mt.group(1) or mt.group(2))
        for mt in self._UNGA.finditer(text):
            add(mt.start(), mt.end(), "unga", mt.group(1))
        for mt in self._BARE.finditer(text):
            add(mt.start(), mt.end(), "unsc", mt.group(1))
        for start, end, issuer, number in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            prefix = "UNSC" if issuer == "unsc" else "UNGA"
            body = "Security Council" if issuer == "unsc" else "General Assembly"
            code = f"{prefix} {number}"
            m.resolutions.append(
                ResolutionMention(
                    start=span.start,
                    end=span.end,
                    key=identity.resolution_id(code),
                    code=code,
                    label=f"UN {body} Resolution {number}",
                    issuer=f"igo:{issuer}",
                    adopted=None,
                    surface=span.text,
                )
            )
        for span in gaz_spans:
            if span.label_ != "CG_ACCORD":
                continue
            entry = self.gaz.by_key(span.id_)
            if entry is None:
                continue
            m.resolutions.append(
                ResolutionMention(
                    start=span.start,
                    end=span.end,
                    key=identity.resolution_id(entry.label),
                    code=entry.label,
                    label=entry.label,
                    issuer=entry.parent,
                    adopted=entry.adopted,
                    surface=span.text,
                )
            )

    _ACCORD = re.compile(
        r"\b(?P<name>(?:(?:[A-Z][\w'’.-]*|of|on|the|for|and|in|de|al)\s+){0,9}?"
        r"(?:Agreement|Accords?|Memorandum(?:\s+of\s+Understanding)?|Protocol|Declaration|"
        r"Treaty|Communiqu[eé]|Road\s?[Mm]ap|Charter|Initiative|Plan\s+of\s+Action|"
        r"Framework|Consensus|Convention)"
        r"(?:\s+(?:on|of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?(?:the\s+)?[A-Z][\w'’-]*){0,8})?)"
    )

    def _named_accords(self, doc: Doc, m: Mentions) -> None:
        """Named accords the gazetteer does not know, as news writes them with capitals: 'the
        Juba Peace Agreement', 'the Helsinki Memorandum of Understanding', 'the Comprehensive
        Agreement on the Bangsamoro'. A name needs one word of its own (not 'Peace Agreement');
        title-case headlines are left out."""
        text = self._text
        taken = [
            (self._tokens[r.start].idx, self._tokens[r.end - 1].idx + len(self._tokens[r.end - 1]))
            for r in m.resolutions
        ]
        for mt in self._ACCORD.finditer(text):
            name = mt.group("name").strip()
            start = mt.start("name")
            words = name.split()
            while words and words[0].lower() in {"the", "of", "on", "for", "and", "in"}:
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2:
                continue
            if any(w in ORG_NAME_WORDS for w in words):
                continue  # "Government of National Accord", "National Accord Party": bodies
            own = [w for w in words if w.lower().strip(".,") not in ACCORD_GENERIC]
            if not own or not all(w[:1].isupper() for w in own):
                continue
            end = start + len(" ".join(words))
            if any(s < end and start < e for s, e in taken):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            line = text[line_start : line_end if line_end >= 0 else len(text)].split()
            caps = sum(1 for w in line if w[:1].isupper())
            if len(line) >= 4 and caps >= 0.7 * len(line):
                continue  # a headline in title case: "Leaders Sign Peace Accord in Juba"
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            label = " ".join(words)
            existing = self.gaz.lookup(label)
            if existing is not None and existing[0].kind != "accord":
                continue  # "the Council" and the like are not accords
            if existing is not None:
                entry = existing[0]
                code, full, issuer, adopted = entry.label, entry.label, entry.parent, entry.adopted
            else:
                code, full, issuer, adopted = label, label, None, None
            taken.append((start, end))
            m.resolutions.append(
                ResolutionMention(
                    start=span.start,
                    end=span.end,
                    key=identity.resolution_id(code),
                    code=code,
                    label=full,
                    issuer=issuer,
                    adopted=adopted,
                    surface=span.text,
                )
            )

    # -- states, IGOs, groups ------------------------------------------------------------
    def _conflict_country(self, doc: Doc, spans: list[Span]) -> str | None:
        """The country the article's conflict is in: the state most named as a place or as
        the owner of a crisis, war, government or opposition."""
        score: Counter[str] = Counter()
        conflict_nouns = {
            "crisis",
            "conflict",
            "war",
            "peace",
            "ceasefire",
            "truce",
            "opposition",
            "rebels",
            "government",
            "regime",
            "forces",
            "army",
            "talks",
            "settlement",
            "militants",
        }
        party: Counter[str] = Counter()
        taken = {i for span in spans for i in range(span.start, span.end)}
        for ent in self._ents:  # towns and regions vote for their country: "Debaltseve"
            if ent.label_ in {"GPE", "LOC"} and ent.start not in taken and len(ent) <= 3:
                place = self.places.lookup(ent.text)
                if place is not None and place.iso3:
                    score[place.iso3] += 0.3  # a town, where the fighting is more than talks
        for span in spans:
            if span.label_ not in {"CG_STATE", "CG_DEMONYM", "CG_CAPITAL"}:
                continue
            entry = self.gaz.by_key(span.id_)
            if entry is None or not entry.iso3:
                continue
            if span.label_ == "CG_CAPITAL" and self._capital_is_place(span):
                continue  # a capital as a place is where talks are held as often as fought
            head = span.root.head
            weight = 0.2
            if span.root.dep_ == "poss" and head.lemma_.lower() in REGION_NOUNS | conflict_nouns:
                weight = 1.0  # "Ukraine's east", "Syria's north", "Yemen's war"
            if span.root.dep_ == "pobj" and head.lower_ in {"between", "against"}:
                weight = 1.0  # a party to the conflict: "talks between Damascus and the rebels"
            if span.root.dep_ == "conj" and any(
                a.dep_ == "pobj" and a.head.lower_ == "between" for a in span.root.ancestors
            ):
                weight = 1.0
            venue = span.root.dep_ == "pobj" and head.lower_ in {
                "in",
                "across",
                "throughout",
                "inside",
            }
            if (
                venue
                or (
                    span.root.dep_ in {"amod", "compound", "nmod"}
                    and head.lemma_.lower() in conflict_nouns
                )
                or span.text.lower().startswith("intra")
            ):
                weight = 1.0
            score[entry.iso3] += weight
            if not venue:
                party[entry.iso3] += weight
        # the weaker reading, only for naming rebels: a state clearly most named as a party,
        # not as the place talks are held in
        ranked = party.most_common(2)
        if ranked and ranked[0][1] >= 0.6 and (len(ranked) < 2 or ranked[0][1] >= 2 * ranked[1][1]):
            self._likely_country = ranked[0][0]
        if not score:
            return None
        iso3, best = score.most_common(1)[0]
        # Only a clear signal names the conflict's country: one place or party mention at least.
        return iso3 if best >= 1.0 else None

    def _gazetteer_actors(self, doc: Doc, spans: list[Span], m: Mentions) -> None:
        for span in spans:
            entry = self.gaz.by_key(span.id_)
            if entry is None or span.label_ == "CG_ACCORD":
                continue
            how = {"CG_DEMONYM": "demonym", "CG_CAPITAL": "capital"}.get(span.label_, "name")
            if how == "capital" and self._capital_is_place(span):
                continue  # left for the place stage
            if how == "demonym" and self._demonym_is_descriptive(span):
                continue
            if entry.kind == "state":
                if how == "name" and self._state_is_place(span):
                    pass  # still a mention of the state; events decide the role
                m.actors.append(self._entry_mention(span, entry, how))
            elif entry.kind in {"igo", "armed_group", "group", "organisation"}:
                m.actors.append(self._entry_mention(span, entry, how))

    def _entry_mention(self, span: Span, entry: GazetteerEntry, how: str) -> ActorMention:
        return entry_mention(entry, span.start, span.end, how, span.text)

    @staticmethod
    def _capital_is_place(span: Span) -> bool:
        if span.start <= 1 and (
            span.text.isupper()
            or (span.end < len(span.doc) and span.doc[span.end].text in {",", "—", "-"})
        ):
            return True  # a dateline: "MOSCOW, Jan 28 (Wire) —"
        """'in Moscow', 'the Astana talks', 'Astana, Kazakhstan' are places; 'Moscow said' not."""
        root = span.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            return True
        if root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_VERBS:
            return True  # "visited Ankara", "shelled Damascus"
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lower_ in PLACE_NOUNS
        ):
            return True
        if root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ in {"NOUN", "PROPN"}:
            return root.head.lemma_.lower() not in GOVERNMENT_NOUNS | PERSON_ROLE_NOUNS
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return bool(nxt is not None and nxt.text == "," and root.dep_ not in {"nsubj", "nsubjpass"})

    @staticmethod
    def _state_is_place(span: Span) -> bool:
        root = span.root
        return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS

    @staticmethod
    def _demonym_is_descriptive(span: Span) -> bool:
        """'the Kazakh capital', 'intra-Syrian talks', 'the Syrian crisis' describe, not act."""
        root = span.root
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in {"intra", "pro", "anti"}:
            return True
        if before is not None and before.text == "-" and not before.whitespace_:
            return True  # "intra-Syrian", "pro-Russian"; not a dateline's "Colombia - Colombian"
        head = root.head if root.dep_ in {"amod", "compound", "nmod", "conj"} else None
        while head is not None and head.dep_ in {"conj"} and head.head.pos_ == "ADJ":
            head = head.head.head
        if head is None:
            return False
        lemma = head.lemma_.lower()
        return lemma in PLACE_NOUNS or (
            lemma
            in {
                "crisis",
                "conflict",
                "war",
                "people",
                "civilians",
                "language",
                "capital",
                "city",
                "constitution",
                "economy",
                "media",
                "press",
                "counterpart",
                "peace",
                "talks",
            }
            and lemma != "counterpart"
        )

    # -- organisations ---------------------------------------------------------------------
    def _organisations(self, doc: Doc, m: Mentions) -> None:
        for ent in self._ents:
            if ent.label_ not in {"ORG", "NORP", "FAC"}:
                continue
            toks = [t for t in ent if t.lower_ not in {"the", "'s", "’s"}]
            if not toks or any(
                t.i in m.token_actor
                and m.token_actor[t.i].how == "name"
                and m.token_actor[t.i].actor_type != ActorType.STATE
                for t in toks
            ):
                continue
            if any(t.i in m.token_resolution for t in toks):
                continue
            heads = {t.lower_ for t in toks}
            short = self._short_form_of_igo(toks, m)
            if short is not None:
                m.actors.append(
                    ActorMention(
                        toks[0].i,
                        toks[-1].i + 1,
                        short.key,
                        short.label,
                        short.actor_type,
                        affiliation=short.affiliation,
                        how="short-form",
                        surface=doc[toks[0].i : toks[-1].i + 1].text,
                    )
                )
                continue
            if not heads & ORG_HEADS:
                continue
            # Affiliation: a state or demonym inside the name, or "of X" after it.
            states = [
                m.token_actor[t.i]
                for t in toks
                if t.i in m.token_actor and m.token_actor[t.i].actor_type == ActorType.STATE
            ]
            before = toks[0].i - 1
            if not states and before >= 0:
                if self._tokens[before].lower_ in {"'s", "’s"} and before - 1 in m.token_actor:
                    owner = m.token_actor[before - 1]  # "Russia's Defence Ministry"
                elif before in m.token_actor:
                    owner = m.token_actor[before]  # "the Russian Defence Ministry"
                else:
                    owner = None
                if owner is not None and owner.actor_type == ActorType.STATE:
                    states = [owner]
            iso3 = states[0].iso3 if states else None
            rest = [t for t in toks if t.i not in m.token_actor]
            if not rest:
                continue
            name = _org_name(" ".join(t.text for t in rest))
            if not name:
                continue
            entry = self.gaz.state(iso3) if iso3 else None
            demonym = (
                entry.demonyms[0] if entry and entry.demonyms else (entry.label if entry else "")
            )
            label = f"{demonym} {name}".strip()
            start, end = toks[0].i, toks[-1].i + 1
            for i in range(start, end):
                m.token_actor.pop(i, None)
            m.implied.extend(a for a in m.actors if start <= a.start and a.end <= end)
            m.actors = [a for a in m.actors if not (start <= a.start and a.end <= end)]
            m.actors.append(
                ActorMention(
                    start=start,
                    end=end,
                    key=identity.organisation_id(name, iso3),
                    label=label,
                    actor_type=ActorType.ORGANISATION,
                    affiliation=identity.state_id(iso3) if iso3 else None,
                    country=iso3,
                    how="org",
                    surface=doc[start:end].text,
                )
            )

    @staticmethod
    def _short_form_of_igo(toks: list[Token], m: Mentions) -> ActorMention | None:
        """'the Council' after 'the UN Security Council', 'the Union' after 'the European Union'."""
        if len(toks) > 2:
            return None
        text = " ".join(t.text for t in toks).lower()
        for a in m.actors:
            if (
                a.actor_type == ActorType.IGO
                and a.start < toks[0].i
                and (a.label.lower().endswith(" " + text) or a.surface.lower().endswith(" " + text))
            ):
                return a
        return None

    # -- people -----------------------------------------------------------------------------
    def _people(self, doc: Doc, m: Mentions) -> None:
        words = _office_words()
        candidates: list[Span] = []
        for ent in _joined_people(doc, self._ents):
            if ent.label_ in {"PERSON", "ORG", "NORP", "GPE", "PRODUCT", "WORK_OF_ART"}:
                if ent.end < len(doc) and self._tokens[ent.end].lemma_.lower() in MEDIA_NOUNS:
                    continue  # "the group's Al Masirah television": an outlet, not a person
                toks = [t for t in ent if t.lower_ not in {"'s", "’s"}]
                if not toks:
                    continue
                span = doc[toks[0].i : toks[-1].i + 1]
                honorific = span[0].lower_ in HONORIFICS or (
                    span.start > 0 and self._tokens[span.start - 1].lower_ in HONORIFICS
                )
                # strip offices and places NER glued onto the name ("Syria Staffan de Mistura")
                while len(span) > 1 and (
                    span[0].lower_ in HONORIFICS
                    or span[0].lower_ in words
                    or span[0].i in m.token_actor
                    or span[0].lower_ in {"for", "on", "of", "'s", "’s", "the"}
                ):
                    span = span[1:]
                if any(t.i in m.token_actor or t.i in m.token_resolution for t in span):
                    continue
                if not all(
                    t.pos_ == "PROPN"
                    or t.text[:1].isupper()
                    or t.lower_
                    in {"de", "al", "bin", "van", "von", "la", "el", "ibn", "abu", "al-", "-"}
                    or (t.i > span.start and self._tokens[t.i - 1].text == "-")  # "Ban Ki-moon"
                    for t in span
                ):
                    continue
                if all(t.lower_ in words for t in span):
                    continue  # "State" of "Secretary of State" is an office, not a name
                if span.text.lower() in NOT_PEOPLE:
                    continue
                while (
                    span.end + 1 < len(doc)
                    and self._tokens[span.end].text == "-"
                    and self._tokens[span.end + 1].text[:1].isupper()
                ):
                    span = doc[span.start : span.end + 2]  # "Phumzile Mlambo-Ngcuka"
                if self._in_dateline_credit(span):
                    continue
                if self._is_place_name(span, words):
                    self._place_like.append(span)  # a town the NER took for a person
                    continue
                # The small model often tags a name it does not know as a product.
                named_like_a_person = (
                    ent.label_ in {"PRODUCT", "WORK_OF_ART"}
                    and 2 <= len(span) <= 4
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
                    and span.root.dep_ in {"nsubj", "dobj", "oprd", "pobj", "conj", "appos"}
                )
                if (
                    ent.label_ == "PERSON"
                    or named_like_a_person
                    or honorific
                    or (len(span) >= 2 and self._has_title_left(span, words))
                ):
                    candidates.append(span)
        lower_words = {t.text for t in self._tokens if t.text.islower()}
        candidates = self._not_common_words(doc, candidates, lower_words)
        # Full names first, so that "Zarif" can be resolved to "Mohammad Javad Zarif".
        full: dict[str, ActorMention] = {}
        last_title: str | None = None
        for span in sorted(candidates, key=lambda s: s.start):
            title, affiliation = self._title_and_affiliation(span, m, words, last_title)
            if title:
                last_title = title
            if len(span) == 1 or (len(span) == 2 and span[0].lower_ in {"de", "al", "van", "von"}):
                continue
            name = span.text
            pm = ActorMention(
                start=span.start,
                end=span.end,
                key=identity.person_id(name),
                label=name,
                actor_type=ActorType.PERSON,
                title=title,
                affiliation=affiliation,
                how="person",
                surface=name,
            )
            prev = full.get(pm.key)
            if prev is not None:
                pm.title = pm.title or prev.title
                pm.affiliation = pm.affiliation or prev.affiliation
            full[pm.key] = pm
            m.actors.append(pm)
        # Surnames and other short forms of a full name.
        for span in candidates:
            if len(span) == 1 or (len(span) == 2 and span[0].lower_ in {"de", "al", "van", "von"}):
                target = self._match_short(span.text, full)
                title, affiliation = self._title_and_affiliation(span, m, words, None)
                if target is None:
                    key = identity.person_id(span.text)
                    m.actors.append(
                        ActorMention(
                            span.start,
                            span.end,
                            key,
                            span.text,
                            ActorType.PERSON,
                            title=title,
                            affiliation=affiliation,
                            how="person",
                            surface=span.text,
                        )
                    )
                else:
                    m.actors.append(
                        ActorMention(
                            span.start,
                            span.end,
                            target.key,
                            target.label,
                            ActorType.PERSON,
                            title=target.title,
                            affiliation=target.affiliation,
                            how="surname",
                            surface=span.text,
                        )
                    )
        # Bare surnames the NER missed: any capitalised token equal to a known surname.
        m.index()
        surnames = {p.label.split()[-1]: p for p in full.values()}
        # "Abiy" for Abiy Ahmed, "Kim" for Kim Jong Un: a given name used alone, when it is
        # one person's only and a person's name as the parser reads it
        firsts: dict[str, list[ActorMention]] = {}
        for p in full.values():
            parts = p.label.split()
            if len(parts) > 1 and parts[0] not in surnames:
                firsts.setdefault(parts[0], []).append(p)
        for tok in self._tokens:
            if tok.i in m.token_actor or not tok.text[:1].isupper():
                continue
            if tok.text in surnames:
                p = surnames[tok.text]
            elif (
                len(firsts.get(tok.text, ())) == 1
                and tok.ent_type_ in {"PERSON", ""}
                and (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.lower_ not in lower_words))
                and not (tok.i + 1 < len(doc) and self._tokens[tok.i + 1].pos_ == "PROPN")
            ):
                p = firsts[tok.text][0]
            else:
                continue
            start = tok.i
            if tok.i > 0 and self._tokens[tok.i - 1].lower_ in {"de", "al", "van", "von"}:
                start = tok.i - 1
            m.actors.append(
                ActorMention(
                    start,
                    tok.i + 1,
                    p.key,
                    p.label,
                    ActorType.PERSON,
                    title=p.title,
                    affiliation=p.affiliation,
                    how="surname",
                    surface=doc[start : tok.i + 1].text,
                )
            )
        # Fill office/affiliation of every mention of a person from the best-informed one.
        best: dict[str, ActorMention] = {}
        for a in m.actors:
            if a.actor_type == ActorType.PERSON and (
                a.key not in best or (a.title and not best[a.key].title)
            ):
                best[a.key] = a
        for a in m.actors:
            if a.actor_type == ActorType.PERSON:
                b = best[a.key]
                a.title = a.title or b.title
                a.affiliation = a.affiliation or b.affiliation
        self._known_officeholders(doc, m)

    def _known_officeholders(self, doc: Doc, m: Mentions) -> None:
        """People the officeholder table knows get what the text leaves out: the state or body
        they served and their office on the article's date ("Prime Minister Abiy Ahmed" is
        Ethiopia's); a surname alone ("Lavrov said") becomes the one person of that name in
        office then."""
        on = doc._.cg_published if Doc.has_extension("cg_published") else None
        book = self.officeholders
        # "Redwan Hussein ... Hussein said": a surname the article gives with a first name
        # somewhere is that person's, not a namesake in office elsewhere
        named_in_full = {
            t.text
            for t in self._tokens[1:]
            if t.pos_ == "PROPN" and self._tokens[t.i - 1].pos_ == "PROPN"
        }
        for a in m.actors:
            if a.actor_type != ActorType.PERSON:
                continue
            term = book.lookup(a.label, on)
            if term is None and " " not in a.label and a.label not in named_in_full:
                term = book.by_surname(a.label, on)
                if term is not None:
                    a.label, a.key = term.name, identity.person_id(term.name)
            elif term is not None and term.name != a.label:
                a.label, a.key = term.name, identity.person_id(term.name)  # an alias spelling
            if term is None:
                continue
            a.affiliation = a.affiliation or term.affiliation
            if not a.title and book.is_current(term, on):
                a.title = term.office
            a.wikidata = a.wikidata or term.wikidata

    def _not_common_words(self, doc: Doc, candidates: list[Span], lower: set[str]) -> list[Span]:
        """Drop one-word 'names' that open a sentence and that the article also writes in
        lower case ("Missiles struck ..." after "Russian missiles"): a common noun the NER
        took for a person, unless a full name in the article ends with it or it is the
        surname of someone in office then ("May said ...")."""
        surnames = {s[-1].text for s in candidates if len(s) > 1}
        on = doc._.cg_published if Doc.has_extension("cg_published") else None
        return [
            s
            for s in candidates
            if not (
                len(s) == 1
                and s[0].is_sent_start
                and s.text.lower() in lower
                and s.text not in surnames
                and self.officeholders.by_surname(s.text, on) is None
            )
        ]

    def _is_place_name(self, span: Span, words: frozenset[str]) -> bool:
        """'Yerevan', 'Khartoum', 'Lachin' tagged as people: a known place with no office."""
        if len(span) > 2 or self._has_title_left(span, words):
            return False
        if span.start > 0 and span.doc[span.start - 1].lower_ in HONORIFICS:
            return False
        return self.places.lookup(span.text) is not None or self.gaz.lookup(span.text) is not None

    @staticmethod
    def _in_dateline_credit(span: Span) -> bool:
        """'DOHA (Danube Dispatch) -': the outlet in a dateline is no actor."""
        doc = span.doc
        return (
            span.start <= 4
            and span.start > 0
            and doc[span.start - 1].text == "("
            and span.end < len(doc)
            and doc[span.end].text == ")"
        )

    @staticmethod
    def _match_short(text: str, full: dict[str, ActorMention]) -> ActorMention | None:
        low = text.lower()
        hits = [p for p in full.values() if p.label.lower().endswith(" " + low)]
        if not hits and " " not in low:
            # "Kim" for Kim Jong Un, "Abiy" for Abiy Ahmed: names given family name first
            hits = [p for p in full.values() if p.label.lower().startswith(low + " ")]
        return hits[0] if len(hits) == 1 else None

    @staticmethod
    def _has_title_left(span: Span, words: frozenset[str]) -> bool:
        """An office right before the name: 'Foreign Minister X', 'UN envoy, X',
        'Special Envoy for Syria X'."""
        doc = span.doc
        i = span.start - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        steps = 0
        while (
            i >= 0
            and steps < 4
            and (doc[i].ent_type_ in {"GPE", "NORP", "ORG"} or doc[i].lower_ in {"for", "on", "of"})
        ):
            i -= 1  # "Envoy for Syria"
            steps += 1
        return i >= 0 and doc[i].lower_ in TITLE_CORE and doc[i].lower_ in words

    def _title_and_affiliation(
        self, span: Span, m: Mentions, words: frozenset[str], last_title: str | None
    ) -> tuple[str | None, str | None]:
        """Read the office and affiliation around a name.

        Left: "Iranian Foreign Minister X", "Russia's Special Envoy on Syria X", "UN's Syria
        envoy, X", "his Russian counterpart X". Right: "X, the Russian foreign minister,".
        """
        doc = span.doc
        i = span.start - 1
        if (
            i >= 0
            and self._tokens[i].text == ","
            and i - 1 >= 0
            and self._tokens[i - 1].lower_ in words
        ):
            i -= 1  # apposition: "UN's Syria envoy, Staffan de Mistura"
        title_toks: list[Token] = []
        affiliation: str | None = None
        owner_org: str | None = None
        pending_complement: list[str] = []
        while i >= 0:
            tok = self._tokens[i]
            low = tok.lower_
            actor = m.token_actor.get(i)
            if actor is not None:
                a_start = actor.start
                prev = self._tokens[a_start - 1] if a_start > 0 else None
                nxt = self._tokens[actor.end] if actor.end < len(doc) else None
                if (
                    prev is not None
                    and prev.lower_ in {"on", "for", "of"}
                    and a_start - 2 >= 0
                    and self._tokens[a_start - 2].lower_ in words
                ):
                    title_toks = list(doc[a_start - 1 : i + 1]) + title_toks  # "Envoy on Syria"
                    i = a_start - 2
                    continue
                if (
                    actor.actor_type == ActorType.STATE
                    and actor.how == "name"
                    and title_toks
                    and nxt is not None
                    and nxt.lower_ in words
                    and prev is not None
                    and prev.lower_ in {"'s", "’s"}
                ):
                    # "UN's Syria envoy": the state is what the office is for
                    pending_complement.append(doc[a_start : actor.end].text)
                    i = a_start - 1
                    continue
                if actor.actor_type == ActorType.ORGANISATION:
                    owner_org = actor.label
                affiliation = (
                    actor.affiliation if actor.actor_type == ActorType.ORGANISATION else actor.key
                )
                if actor.actor_type == ActorType.ORGANISATION and actor.affiliation is None:
                    affiliation = actor.key
                break
            if low in {"'s", "’s"}:
                i -= 1
                continue
            if low in {"on", "for", "of"} and title_toks:
                title_toks.insert(0, tok)
                i -= 1
                continue
            if (
                tok.text in {"-", "–"}
                and title_toks
                and i - 1 >= 0
                and self._tokens[i - 1].lower_ in words
            ):
                title_toks.insert(0, tok)  # "Secretary-General"
                i -= 1
                continue
            if low in words or (
                tok.pos_ == "PROPN"
                and title_toks
                and tok.text[:1].isupper()
                and i - 1 >= 0
                and self._tokens[i - 1].lower_ in {"on", "for"}
            ):
                title_toks.insert(0, tok)
                i -= 1
                continue
            if (
                tok.pos_ == "PROPN"
                and title_toks
                and i + 1 < len(doc)
                and self._tokens[i + 1].lower_ in words
            ):
                # "Syria envoy": a country name inside the office
                title_toks.insert(0, tok)
                i -= 1
                continue
            break
        # strip dangling connectors and descriptive adjectives
        while title_toks and title_toks[0].lower_ in {
            "on",
            "for",
            "of",
            "top",
            "senior",
            "former",
            "the",
            "a",
            "an",
        }:
            title_toks.pop(0)
        while title_toks and title_toks[-1].lower_ in {"on", "for", "of"}:
            title_toks.pop()
        title = _span_text(title_toks) or None
        if title and not any(t.lower_ in TITLE_CORE for t in title_toks) and "-" not in title:
            title = None
        if title and pending_complement:
            title = f"{title} for {pending_complement[0]}"
        if title and title.lower() in {"counterpart", "counterparts"}:
            title = last_title
        elif title:
            title = _title_case(title)
        if title and owner_org:
            org = owner_org
            if affiliation:
                entry = self.gaz.state(affiliation.split(":")[-1])
                for d in entry.demonyms if entry else ():
                    org = org.replace(d + " ", "")
            title = f"{title}, {org}"
        if title is None:
            title, aff2 = self._title_right(span, m, words)
            affiliation = affiliation or aff2
        return title, affiliation

    def _title_right(
        self, span: Span, m: Mentions, words: frozenset[str]
    ) -> tuple[str | None, str | None]:
        """ "X, the Russian foreign minister," / "X, Iran's top diplomat"."""
        doc = span.doc
        i = span.end
        if i >= len(doc) or self._tokens[i].text != ",":
            return None, None
        i += 1
        title_toks: list[Token] = []
        affiliation: str | None = None
        while i < len(doc) and i < span.end + 10:
            tok = self._tokens[i]
            actor = m.token_actor.get(i)
            if tok.lower_ in {"the", "'s", "’s", "a"}:
                i += 1
                continue
            if actor is not None and not title_toks:
                affiliation = (
                    actor.key if actor.actor_type != ActorType.ORGANISATION else actor.affiliation
                )
                i = actor.end
                continue
            if tok.lower_ in words:
                title_toks.append(tok)
                i += 1
                continue
            break
        if not any(t.lower_ in TITLE_CORE for t in title_toks):
            return None, None
        if i < len(doc) and (
            self._tokens[i].pos_ == "PROPN" or self._tokens[i].ent_type_ == "PERSON"
        ):
            return None, None  # the office of the next name in a list, not of this one
        return _title_case(" ".join(t.text for t in title_toks)), affiliation

    # -- generic phrases: governments, oppositions, officials ------------------------------
    def _generic(self, doc: Doc, m: Mentions) -> None:
        for tok in self._tokens:
            if tok.i in m.token_actor or any(a.start <= tok.i < a.end for a in m.actors[-3:]):
                continue
            if tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = tok.lemma_.lower()
            low = tok.lower_
            if not (
                {lemma, low} & _GENERIC_HEADS or (lemma == "government" and tok.i + 2 < len(doc))
            ):
                continue  # only nouns that can stand for a government, force or opposition
            mods = self._state_modifiers(tok, m)
            group = next(
                (
                    m.token_actor[c.i]
                    for c in tok.children
                    if c.dep_ in {"compound", "amod", "poss", "nmod"}
                    and c.i in m.token_actor
                    and m.token_actor[c.i].actor_type in {ActorType.ARMED_GROUP, ActorType.GROUP}
                ),
                None,
            )
            if group is not None and (
                low in OPPOSITION_NOUNS or lemma in OPPOSITION_NOUNS | GOVERNMENT_NOUNS
            ):
                # "Hezbollah fighters", "ISIL militants": the named group, not a generic one
                m.actors.append(
                    ActorMention(
                        tok.i,
                        tok.i + 1,
                        group.key,
                        group.label,
                        group.actor_type,
                        country=group.country,
                        how="group-member",
                        surface=doc[min(group.start, tok.i) : tok.i + 1].text,
                    )
                )
                continue
            if lemma == "fighter" and any(
                c.dep_ in {"amod", "compound", "nmod"}
                and c.lower_ not in OPPOSITION_NOUNS
                and c.i not in m.token_actor
                for c in tok.children
            ):
                continue  # "Kurdish fighters", "foreign fighters": not the state's rebels
            if (
                low in OPPOSITION_NOUNS
                or lemma in OPPOSITION_NOUNS
                or (
                    lemma
                    in {
                        "group",
                        "faction",
                        "force",
                        "fighter",
                        "unit",
                        "militia",
                        "troop",
                        "leader",
                    }
                    and any(c.lower_ in OPPOSITION_NOUNS for c in tok.children)
                )
            ):
                iso3 = mods[0].iso3 if mods else (m.conflict_country or self._likely_country)
                if iso3 is None:
                    continue  # rebels of no known country: one actor for all would mix wars
                entry = self.gaz.state(iso3) if iso3 else None
                adj = (
                    entry.demonyms[0]
                    if entry and entry.demonyms
                    else (entry.label if entry else "")
                )
                label = (
                    f"{adj} armed opposition".strip().capitalize()
                    if not adj
                    else f"{adj} armed opposition"
                )
                start = min([c.i for c in tok.lefts if c.dep_ in {"amod", "compound"}] + [tok.i])
                end = tok.i + 1
                if end < len(doc) and self._tokens[end].lemma_.lower() in {
                    "group",
                    "faction",
                    "force",
                    "fighter",
                }:
                    end += 1
                while start < tok.i and self._tokens[start].lower_ in {"the", "a"}:
                    start += 1
                m.actors.append(
                    ActorMention(
                        start,
                        end,
                        identity.opposition_id(iso3),
                        label,
                        ActorType.ARMED_GROUP,
                        country=iso3,
                        how="opposition",
                        surface=doc[start:end].text,
                    )
                )
            elif (
                (
                    lemma in {"government", "regime", "force", "army", "troop", "military"}
                    or low in {"forces", "troops"}
                )
                and not mods
                and (
                    m.conflict_country
                    and (
                        lemma in {"government", "regime"}
                        or any(
                            c.lemma_.lower() in {"government", "regime", "pro-government"}
                            for c in tok.children
                        )
                    )
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                    | any(c.lemma_.lower() == "government" for c in tok.children)
                )
            ):
                # "the government", "government forces", "the regime": the conflict country's state
                entry = self.gaz.state(m.conflict_country)
                if entry is not None:
                    lo = min([c.i for c in tok.lefts if c.dep_ in {"compound", "amod"}] + [tok.i])
                    m.actors.append(
                        ActorMention(
                            tok.i,
                            tok.i + 1,
                            identity.state_id(entry.iso3 or ""),
                            entry.label,
                            ActorType.STATE,
                            iso3=entry.iso3,
                            how="government",
                            surface=doc[lo : tok.i + 1].text,
                        )
                    )
            elif lemma in GOVERNMENT_NOUNS and mods and len({x.key for x in mods}) == 1:
                mod = mods[0]
                lo = min(mod.start, tok.i)
                hi = max(mod.end, tok.i + 1)
                surface = doc[lo:hi].text
                m.actors.append(
                    ActorMention(
                        tok.i,
                        tok.i + 1,
                        mod.key,
                        mod.label,
                        ActorType.STATE,
                        iso3=mod.iso3,
                        how="government",
                        surface=surface,
                    )
                )

    def _anaphora(self, doc: Doc, m: Mentions) -> None:
        """'the country', 'the kingdom' (a state), 'the bloc', 'the alliance' (an IGO) and 'the
        group', 'the movement' (an armed group): the latest one of that kind named before."""
        kinds = {
            "country": {ActorType.STATE},
            "kingdom": {ActorType.STATE},
            "nation": {ActorType.STATE},
            "republic": {ActorType.STATE},
            "bloc": {ActorType.IGO},
            "alliance": {ActorType.IGO},
            "organisation": {ActorType.IGO},
            "organization": {ActorType.IGO},
            "union": {ActorType.IGO},
            "group": {ActorType.ARMED_GROUP},
            "movement": {ActorType.ARMED_GROUP},
            "militia": {ActorType.ARMED_GROUP},
        }
        named = sorted((a for a in m.actors if a.how not in {"anaphor"}), key=lambda a: a.start)
        for tok in self._tokens:
            want = kinds.get(tok.lower_)
            if want is None or tok.i in m.token_actor or tok.tag_ != "NN":
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                continue
            if any(c.dep_ in {"compound", "nmod", "poss", "prep"} for c in tok.children):
                continue  # "the host country", "the country of origin": not a plain anaphor
            before = [a for a in named if a.end <= tok.i and a.actor_type in want]
            if not before:
                continue
            a = before[-1]
            m.actors.append(
                ActorMention(
                    tok.i,
                    tok.i + 1,
                    a.key,
                    a.label,
                    a.actor_type,
                    iso3=a.iso3,
                    country=a.country,
                    affiliation=a.affiliation,
                    how="anaphor",
                    surface=doc[tok.i - 1 : tok.i + 1].text,
                )
            )

    @staticmethod
    def _state_modifiers(tok: Token, m: Mentions) -> list[ActorMention]:
        """States named in the modifiers of a noun: 'Syrian forces', 'Iran's government',
        'the Iranian and Russian diplomats', 'forces of Syria'."""
        out: list[ActorMention] = []
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                for t in [child, *child.conjuncts]:
                    a = m.token_actor.get(t.i)
                    if a is not None and a.actor_type == ActorType.STATE and a not in out:
                        out.append(a)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for p in child.children:
                    a = m.token_actor.get(p.i)
                    if p.dep_ == "pobj" and a is not None and a.actor_type == ActorType.STATE:
                        out.append(a)
        return out

    # -- places ---------------------------------------------------------------------------------
    def _places(self, doc: Doc, m: Mentions) -> None:
        in_time: set[int] = set()
        for tx in doc._.cg_timexes or [] if doc.has_extension("cg_timexes") else []:
            span = doc.char_span(tx.char_start, tx.char_end, alignment_mode="expand")
            if span is not None:
                in_time.update(range(span.start, span.end))
        for span in filter_spans(list(doc.spans.get(GAZ_SPANS, []))):
            if span.label_ == "CG_CAPITAL" and span.start not in m.token_actor:
                entry = self.gaz.by_key(span.id_)
                place = self.places.lookup(span.text)
                iso3 = entry.iso3 if entry else None
                label = place.name if place and place.iso3 == iso3 else span.text.title()
                m.places.append(
                    PlaceMention(
                        span.start,
                        span.end,
                        identity.location_id(label, iso3),
                        label,
                        iso3,
                        span.text,
                    )
                )
        m.index()
        self._dateline(doc, m, in_time)
        m.index()
        for ent in self._ents:
            if ent.label_ not in {"GPE", "LOC", "FAC"}:
                continue
            if any(t.i in m.token_actor or t.i in m.token_place or t.i in in_time for t in ent):
                continue
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            place = self._local_place(text)
            iso3 = place.iso3 if place else self._country_after(ent, m)
            label = place.name if place else text
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            m.places.append(
                PlaceMention(start, ent.end, identity.location_id(label, iso3), label, iso3, text)
            )
        for span in self._place_like:
            if any(t.i in m.token_actor or t.i in m.token_place for t in span):
                continue
            place = self.places.lookup(span.text)
            if place is not None:
                key = identity.location_id(place.name, place.iso3)
                m.places.append(
                    PlaceMention(span.start, span.end, key, place.name, place.iso3, span.text)
                )
        m.index()
        # "the Kazakh capital", "the Syrian capital": the capital city of that state.
        for tok in self._tokens:
            if tok.lemma_.lower() != "capital" or tok.i in m.token_place:
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                continue  # "the capital of Astana" names it already
            for c in tok.children:
                a = (
                    self.gaz.lookup(c.text)
                    if c.dep_ in {"amod", "compound", "nmod", "poss"}
                    else None
                )
                if a is None or a[0].kind != "state" or not a[0].capitals:
                    continue
                entry = a[0]
                place = self.places.lookup(entry.capitals[0])
                label = place.name if place and place.iso3 == entry.iso3 else entry.capitals[0]
                m.places.append(
                    PlaceMention(
                        tok.i,
                        tok.i + 1,
                        identity.location_id(label, entry.iso3),
                        label,
                        entry.iso3,
                        doc[c.i : tok.i + 1].text,
                    )
                )
                break
        m.index()
        # Places the NER missed: a proper noun after "in/at/from/near" that GeoNames knows.
        for tok in self._tokens:
            if (
                tok.pos_ != "PROPN"
                or tok.i in m.token_actor
                or tok.i in m.token_place
                or tok.i in in_time
            ):
                continue
            if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
                continue  # handled from the head of the name
            in_place_noun = (
                tok.dep_ == "pobj"
                and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in PORT_NOUNS
            )  # "the Ukrainian port of Odesa"
            locative = (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS) or in_place_noun
            # a city the NER did not tag, as the subject or object of a clause ("Jalalabad fell")
            argument = tok.dep_ in {"nsubj", "nsubjpass", "dobj"} and tok.ent_type_ == ""
            if not locative and not argument:
                continue
            start = min(
                [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i]
            )
            span = doc[start : tok.i + 1]
            if any(
                t.i in m.token_actor or t.i in m.token_place or t.i in m.token_resolution
                for t in span
            ):
                continue
            if locative:
                place = self._local_place(span.text)
            else:
                place = self.places.lookup(span.text, min_population=100_000)
            if place is None:
                continue
            m.places.append(
                PlaceMention(
                    span.start,
                    span.end,
                    identity.location_id(place.name, place.iso3),
                    place.name,
                    place.iso3,
                    span.text,
                )
            )

    def _local_place(self, name: str) -> Place | None:
        """A town the text places things in: any size in a country the article names, else
        only towns of 15,000 people or more ('in Rimbo' is Sweden's, not a namesake's)."""
        place = self.places.lookup(name, min_population=0)
        if place is None or place.population >= 15000 or place.iso3 in self._named_states:
            return place
        return None

    def _dateline_tokens(self, doc: Doc) -> set[int]:
        """The tokens of datelines: a paragraph (of the first four) that opens with a word in
        capitals and reaches a dash within ten tokens ('KYIV -', 'UNITED NATIONS, Feb 26 -',
        'WASHINGTON/SANAA -', 'GENEVA, 23 February (UN News) —')."""
        toks = self._tokens
        starts = paragraph_starts(toks, 160)
        out: set[int] = set()
        for i in starts[:5]:
            while i < len(doc) and toks[i].is_space:
                i += 1
            if i >= len(doc):
                continue
            first = toks[i].text
            if not (len(first) > 1 and first.isupper() and first.isalpha()):
                continue
            for j in range(i + 1, min(i + 11, len(doc))):
                if toks[j].text in {"-", "—", "–", "--"}:
                    out.update(range(i, j))
                    break
                if "\n" in toks[j].text:
                    break
        return out

    def _dateline(self, doc: Doc, m: Mentions, in_time: set[int]) -> None:
        """'CARTAGENA, Colombia -', 'GENEVA (Wire) —': the city a paragraph opens with, before
        a comma, dash or bracket, is a place when GeoNames knows it (the NER often calls an
        upper-case dateline an organisation)."""
        toks = self._tokens
        starts = paragraph_starts(toks, 120)
        for i in starts[:4]:
            while i < len(doc) and toks[i].is_space:
                i += 1
            for n in (3, 2, 1):  # "SAN SALVADOR,", "NEW YORK -", "ASMARA -"
                end = i + n
                if end >= len(doc) or toks[end].text not in {",", "-", "—", "–", "(", "/"}:
                    continue
                span = doc[i:end]
                if not all(t.text[:1].isupper() and t.is_alpha for t in span):
                    continue
                if any(
                    t.i in m.token_place or t.i in m.token_resolution or t.i in in_time
                    for t in span
                ):
                    break
                place = self._local_place(span.text)
                if place is None:
                    continue
                if any(t.i in m.token_actor for t in span):
                    # a capital read as its state ("MOSCOW -"): the dateline names the city
                    m.actors = [a for a in m.actors if not (a.start < end and span.start < a.end)]
                m.places.append(
                    PlaceMention(
                        span.start,
                        end,
                        identity.location_id(place.name, place.iso3),
                        place.name,
                        place.iso3,
                        span.text,
                    )
                )
                return

    def _country_places(self, m: Mentions) -> None:
        """'talks in Tunisia': a state under 'in/at' is also the place of what happens there."""
        for a in list(m.actors):
            if a.actor_type != ActorType.STATE or a.how != "name" or not a.iso3:
                continue
            root = self._tokens[a.end - 1]
            if root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "inside", "across"}:
                m.places.append(
                    PlaceMention(
                        a.start,
                        a.end,
                        identity.location_id(a.label, a.iso3),
                        a.label,
                        a.iso3,
                        a.surface,
                        country_level=True,
                    )
                )

    @staticmethod
    def _country_after(ent: Span, m: Mentions) -> str | None:
        """'Astana, Kazakhstan': the state named right after a place."""
        doc = ent.doc
        if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
            a = m.token_actor.get(ent.end + 1)
            if a is not None and a.actor_type == ActorType.STATE:
                return a.iso3
        return None


def _span_text(tokens: list[Token]) -> str:
    """Tokens as written ('Secretary-General'), single spaces where the text had any."""
    return "".join(t.text + (t.whitespace_ and " ") for t in tokens).strip()


def _org_name(name: str) -> str:
    """'ministry of defense' and 'Defence Ministry' are one name: 'Defence Ministry'."""
    words = name.replace("’", "'").split()
    while words and words[0].lower() in {"the", "of", "'s"}:
        words.pop(0)
    while words and words[-1].lower() in {"the", "of", "'s", "for"}:
        words.pop()
    text = " ".join(words)
    mt = re.match(r"(?i)^ministry\s+(?:of|for)\s+(?:the\s+)?(.+)$", text)
    if mt:
        text = f"{mt.group(1)} Ministry"
    text = re.sub(r"(?i)\bdefense\b", "Defence", text)
    return _title_case(text) if text.islower() or text[:1].islower() else text


def _title_case(title: str) -> str:
    small = {"on", "for", "of", "the", "and"}
    return " ".join(
        w if w.lower() in small or any(c.isupper() for c in w[1:]) else w[:1].upper() + w[1:]
        for w in title.split()
    )
