"""Score our event typing against PETRARCH2's unit-test records.

The records (``../shared/dev/petrarch2/PETR.UnitTest.records.xml``, read at run time and never
copied into the project) are short stylised sentences, mostly about Tolkien's countries (Arnor,
Gondor, ...), each with the events PETRARCH2 should code: source actor code, target actor code,
CAMEO code. Some records expect no event, some are error tests (skipped), and some use codes that
exist only in PETRARCH's test dictionaries (345, 901, ...: root outside 01-20, not scored).

Per record we run our pipeline on the sentence and report:

* root hit: an expected root code (first two digits) is the root of one of our events;
* code hit: an expected full code (with sub-code) is the code of one of our events;
* spans: for an expected event, our event of the same root has a source covering the token
  span of the expected source actor's words, and a target covering the expected target's.
  Sources are actors with role ``source`` or, when the event has none (undirected events),
  its participants and speakers; targets likewise with ``target``, else participants.

The actor dictionaries the records were coded with (``PETR.Validate.actors.txt`` and friends) are
not in the shared folder, so an actor code is mapped to words of the sentence by string: a quoted
code is the phrase itself; otherwise the code's 3-letter country part is looked up in ``ALIASES``
(names the letters cannot give: capitals, people, real states with unlike ISO codes), else matched
to a capitalised token that starts with the code's first letter and holds its three letters in
order (ARN -> Arnor, ERI -> Eriadori, LBY -> Libya). Agent parts (GOV, MIL, ...) add agent words
near a country name ("Soldiers from Gondor", "Arnor's foreign minister"); a code without a country
(``---GOV``) is its agent words alone. Any matching span counts. Actors we cannot locate this way
are reported as such, not counted as misses.

A record is classed cooperation (01-08) or conflict (09-20) by its first scored expected event.
Many expected codes come from PETRARCH's validation verb dictionary, not from CAMEO
("restore ties" 064, "condemn" 122, "delay" 191), so the figures are also given for the records
whose expected root the CAMEO.2.0 verb dictionary next to the records (``CAMEO.2.0.txt``) gives to
some word of the sentence ("CAMEO.2.0-consistent").

Our verb events need a recognised actor, and most fictional names are not recognised; as a
diagnostic, the records are scored a second time with the expected actors' country names replaced
by real states (Germany, Japan, ...), so that what remains is the fault of triggers and roles.

Run: ``.venv/bin/python bench/score_petrarch.py [--records PATH] [--verbose]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import defusedxml.ElementTree as ET

from conflictgraph.model import Role

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RECORDS = SHARED / "dev" / "petrarch2" / "PETR.UnitTest.records.xml"

Span = tuple[int, int]  # token indices, end exclusive

# Names for country parts of codes that the three letters cannot yield.
ALIASES: dict[str, tuple[str, ...]] = {
    "GON": ("Gondor", "Minas Tirith"),
    "MOR": ("Mordor", "Barad-dur", "Cirith Ungol"),
    "ELF": ("Caras Galadhon", "Galadriel", "Lorien", "elves"),
    "HOB": ("Gollum", "Smeagol", "Stinker", "Slinker", "Frodo", "Sam Gamgee", "Hamfast Gamgee"),
    "SHR": ("Shire", "Michel Delving"),
    "USA": ("United States", "US", "Washington", "White House"),
    "PRK": ("North Korea", "Pyongyang", "Hermit Kingdom"),
    "KOR": ("South Korea", "Seoul"),
    "NZE": ("New Zealand",),
    "DNK": ("Danish", "Denmark"),
    "CAF": ("Central African Republic",),
    "EEU": ("European Union", "EU"),
    "AFR": ("African Union", "AU"),
    "ALQ": ("Al-Qaeda",),
    "RHO": ("Rhodesia", "Zimbabwe"),
    "DOL": ("Dol Amroth", "Dol_Amroth"),
}
# Words that name an agent of CAMEO's actor codes.
AGENT_WORDS: dict[str, tuple[str, ...]] = {
    "GOV": (
        "government",
        "official",
        "officials",
        "minister",
        "ministry",
        "president",
        "prime minister",
        "ambassador",
        "ambassadors",
        "diplomat",
        "spokesman",
        "leader",
        "leaders",
        "mayor",
    ),
    "MIL": ("soldiers", "troops", "army", "military", "militia"),
    "LEG": ("lawmakers", "legislators", "parliament"),
    "REL": ("cleric", "clerics"),
    "EDU": ("students", "team"),
    "COP": ("police",),
    "MED": ("media", "newspaper"),
    "OPP": ("opposition", "activists"),
    "MOP": ("opposition",),
    "REB": ("rebels",),
    "CIV": ("civilians",),
}
IGNORED_TOKENS = {"'s", "’s", "'"}
NEAR = 3  # tokens between a country name and its agent word


# -- the records --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Coding:
    """One expected event of a record."""

    source: str
    target: str
    code: str


@dataclass(frozen=True, slots=True)
class Record:
    """One ``<Sentence>`` of the records file."""

    id: str
    text: str
    published: date | None
    codings: tuple[Coding, ...]
    error: str | None = None

    @property
    def scored(self) -> tuple[Coding, ...]:
        """The expected events with a real CAMEO code."""
        return tuple(c for c in self.codings if cameo_root(c.code))


def parse_records(xml: str) -> list[Record]:
    """The records of a PETRARCH validation file, in file order."""
    out: list[Record] = []
    for s in ET.fromstring(xml).iter("Sentence"):
        text_el = s.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        codings: list[Coding] = []
        error: str | None = None
        for c in s.findall("EventCoding"):
            if c.get("error"):
                error = c.get("error")
            elif c.get("eventcode"):
                codings.append(
                    Coding(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                )
        out.append(Record(s.get("id", ""), text, _date(s.get("date")), tuple(codings), error))
    return out


def _date(value: str | None) -> date | None:
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])) if value else None
    except ValueError:
        return None


def cameo_root(code: str) -> str | None:
    """The root ("01".."20") of a CAMEO code, None for codes outside CAMEO's 20 roots."""
    head = code.strip()[:2]
    return head if head.isdigit() and 1 <= int(head) <= 20 and len(code.strip()) >= 3 else None


# -- actor codes to words of the sentence -------------------------------------------------------
def split_code(code: str) -> tuple[str | None, tuple[str, ...], str | None]:
    """(country part, agent parts, literal phrase) of an actor code.

    ``"ARNGOV"`` -> ("ARN", ("GOV",), None); ``"---GOV"`` -> (None, ("GOV",), None);
    ``"NGOARN"`` -> ("ARN", (), None); ``'"THE MINISTRY"'`` -> (None, (), "THE MINISTRY").
    """
    code = code.strip()
    if code.startswith('"'):
        return None, (), code.strip('"')
    code = code.upper()
    if code[:3] in {"NGO", "IGO", "IMG"} and len(code) >= 6:
        code = code[3:]
    country = None if code[:3] in {"---", "###", ""} else code[:3]
    rest = code[3:]
    return country, tuple(rest[i : i + 3] for i in range(0, len(rest) - 2, 3)), None


def letter_match(token: str, letters: str) -> bool:
    """A capitalised token starting with the code's first letter, holding its letters in order."""
    if len(token) < 3 or not token[0].isupper() or token[0].lower() != letters[0].lower():
        return False
    rest = iter(token.lower())
    return all(ch in rest for ch in letters.lower())


def find_phrase(tokens: Sequence[str], phrase: str) -> list[Span]:
    """Spans where the words of ``phrase`` occur in order (case-insensitive, skipping "'s")."""
    words = phrase.lower().split()
    if not words:
        return []
    low = [t.lower() for t in tokens]
    out: list[Span] = []
    for i, tok in enumerate(low):
        if tok != words[0]:
            continue
        j, k = i + 1, 1
        while k < len(words) and j < len(low):
            if low[j] in IGNORED_TOKENS:
                j += 1
            elif low[j] == words[k]:
                j, k = j + 1, k + 1
            else:
                break
        if k == len(words):
            out.append((i, j))
    return out


def name_spans(
    tokens: Sequence[str], country: str, aliases: Mapping[str, Sequence[str]] = ALIASES
) -> list[Span]:
    """Spans naming a country code: its aliases if any occur, else tokens matching its letters."""
    spans = [sp for name in aliases.get(country, ()) for sp in find_phrase(tokens, name)]
    if spans:
        return sorted(set(spans))
    return [(i, i + 1) for i, t in enumerate(tokens) if letter_match(t, country)]


def agent_spans(tokens: Sequence[str], agents: Iterable[str]) -> list[Span]:
    """Spans of words naming any of the agent codes."""
    return sorted(
        {sp for a in agents for w in AGENT_WORDS.get(a, ()) for sp in find_phrase(tokens, w)}
    )


def actor_spans(
    tokens: Sequence[str], code: str, aliases: Mapping[str, Sequence[str]] = ALIASES
) -> list[Span] | None:
    """Where the actor of ``code`` is named in the sentence.

    None when the code names no actor ("---", empty); an empty list when it names one we cannot
    locate.
    """
    country, agents, phrase = split_code(code)
    if phrase is not None:
        return find_phrase(tokens, phrase)
    if country is None:
        if not agents:
            return [] if code.strip() == "###" else None
        return agent_spans(tokens, agents)
    names = name_spans(tokens, country, aliases)
    near = [
        a
        for a in agent_spans(tokens, agents)
        if any(a[0] - NEAR <= n[0] and n[1] <= a[1] + NEAR for n in names)
    ]
    return sorted(set(names) | set(near))


REAL_STATES = (
    "Germany",
    "Japan",
    "Brazil",
    "Canada",
    "Egypt",
    "Kenya",
    "Peru",
    "Norway",
    "Chile",
    "Turkey",
    "India",
    "Mexico",
    "Spain",
    "Italy",
)


def swap_names(
    tokens: Sequence[str],
    spaces: Sequence[str],
    codings: Iterable[Coding],
    keep: Sequence[Span] = (),
) -> tuple[str, dict[str, tuple[str, ...]]]:
    """The sentence with the expected actors' country names replaced by real states.

    A diagnostic: with names our recogniser knows, a miss is the trigger's or the parse's fault,
    not the fictional name's. ``spaces`` are the tokens' trailing whitespace; names inside a span of
    ``keep`` (names we already recognise) stay. Returns the new text and aliases mapping each
    replaced country code to its state, for locating the actors in the new sentence.
    """
    low = {t.lower() for t in tokens}
    pool = iter(s for s in REAL_STATES if s.lower() not in low)
    repl: dict[int, tuple[int, str]] = {}  # start -> (end, state)
    taken: set[int] = set()
    aliases: dict[str, tuple[str, ...]] = {}
    for c in codings:
        for code in (c.source, c.target):
            country = split_code(code)[0]
            if country is None or country in aliases:
                continue
            spans = [
                sp
                for sp in name_spans(tokens, country)
                if not any(covers(k, sp) for k in keep) and not taken.intersection(range(*sp))
            ]
            state = next(pool, None) if spans else None
            if state is None:
                continue
            aliases[country] = (state,)
            for sp in spans:
                repl[sp[0]] = (sp[1], state)
                taken.update(range(*sp))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i in repl:
            end, state = repl[i]
            out.append(state + spaces[end - 1])
            i = end
        else:
            out.append(tokens[i] + spaces[i])
            i += 1
    return "".join(out).strip(), aliases


# -- CAMEO.2.0 verb dictionary: which roots could a word of the sentence have ---------------------
@dataclass(frozen=True, slots=True)
class VerbBlock:
    """One ``--- NAME [code] ---`` block of PETRARCH's verb dictionary."""

    verbs: tuple[frozenset[str], ...]  # each verb or form as the lower-case words it needs
    codes: tuple[tuple[frozenset[str], str], ...]  # (words a code needs, code)


def _codes(line: str) -> list[str]:
    m = re.search(r"\[([^\]]*)\]", line)
    if not m:
        return []
    return [c for c in m.group(1).split(":") if c and not c.startswith("-")]


def _pattern_words(line: str) -> frozenset[str]:
    head = line.split("[")[0].split("#")[0]
    words = re.sub(r"[-*$%(){}+^|]", " ", head).split()
    return frozenset(w.strip("_").lower() for w in words if not w.startswith("&") and w.strip("_"))


def _verb_words(word: str) -> frozenset[str]:
    return frozenset(w for w in word.lower().split("_") if w)


def parse_verb_dictionary(text: str) -> list[VerbBlock]:
    """The verb blocks of a PETRARCH verb dictionary (``CAMEO.2.0.txt``).

    A block's codes are its default code, the codes of its verbs (needing that verb) and the
    codes of its patterns (needing the pattern's words); a multi-word verb (``BREAK_OFF``) needs
    all its words.
    """
    blocks: list[VerbBlock] = []
    verbs: list[frozenset[str]] = []
    codes: list[tuple[frozenset[str], str]] = []
    in_verbs = False

    def flush() -> None:
        if verbs:
            blocks.append(VerbBlock(tuple(verbs), tuple(codes)))
        verbs.clear()
        codes.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#######"):
            flush()
            in_verbs = "VERB PATTERNS" in line
            continue
        if not in_verbs or not line or line.startswith(("#", "+", "&", "~")):
            continue
        if line.startswith("---"):
            flush()
            codes.extend((frozenset(), c) for c in _codes(line))
        elif line.startswith("-"):
            codes.extend((_pattern_words(line), c) for c in _codes(line))
        else:
            body = line.split("#")[0]
            verb = _verb_words(body.split("{")[0].split("[")[0].split()[0])
            forms = [_verb_words(f) for m in re.findall(r"\{([^}]*)\}", body) for f in m.split()]
            verbs.extend([verb, *forms])
            codes.extend((verb, c) for c in _codes(body))
    flush()
    return blocks


def dictionary_roots(blocks: Sequence[VerbBlock], words: Iterable[str]) -> set[str]:
    """CAMEO roots the dictionary gives to the words (tokens and lemmas) of a sentence.

    A verb or pattern counts when the sentence holds all the words it needs, in any order: a
    lenient reading, so a root missing here is one no word of the sentence can have.
    """
    have = {w.lower() for w in words}
    out: set[str] = set()
    for b in blocks:
        if any(v <= have for v in b.verbs):
            out.update(r for need, c in b.codes if need <= have and (r := cameo_root(c)))
    return out


# -- our events ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OurEvent:
    """What the scorer needs of one of our events."""

    cameo: str
    word: str
    sources: tuple[Span, ...]
    targets: tuple[Span, ...]
    status: str = "occurred"

    @property
    def root(self) -> str:
        return self.cameo[:2]


def sides(parts: Iterable[tuple[Role, Span]]) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """(source spans, target spans) of an event's participations.

    Role ``source`` (else participants and speakers) is the source side; role ``target`` (else
    participants) the target side.
    """
    parts = list(parts)
    src = [sp for r, sp in parts if r == Role.SOURCE]
    tgt = [sp for r, sp in parts if r == Role.TARGET]
    if not src:
        src = [sp for r, sp in parts if r in (Role.PARTICIPANT, Role.SPEAKER)]
    if not tgt:
        tgt = [sp for r, sp in parts if r == Role.PARTICIPANT]
    return tuple(src), tuple(tgt)


def covers(outer: Span, inner: Span) -> bool:
    """Whether span ``outer`` contains span ``inner``."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _hit(ours: Iterable[Span], expected: Iterable[Span]) -> bool:
    exp = list(expected)
    return any(covers(o, e) for o in ours for e in exp)


# -- scoring ------------------------------------------------------------------------------------
OK = "ok"
REVERSED = "roles reversed"
NO_SOURCE = "source missing"
NO_TARGET = "target missing"
NO_BOTH = "source and target missing"
UNLOCATED = "expected actor not located"
NO_EVENT = "no event of that root"
DYAD_KINDS = (OK, REVERSED, NO_SOURCE, NO_TARGET, NO_BOTH, NO_EVENT, UNLOCATED)


def dyad(ev: OurEvent, src: list[Span] | None, tgt: list[Span] | None) -> str:
    """How our event's source and target match the expected actors' spans.

    ``src``/``tgt`` are the expected spans (None: no actor expected on that side, []: not
    located).
    """
    if src == [] or tgt == []:
        return UNLOCATED
    s_ok = src is None or _hit(ev.sources, src)
    t_ok = tgt is None or _hit(ev.targets, tgt)
    if s_ok and t_ok:
        return OK
    if src and tgt and _hit(ev.sources, tgt) and _hit(ev.targets, src):
        return REVERSED
    if not s_ok and not t_ok:
        return NO_BOTH
    return NO_TARGET if s_ok else NO_SOURCE


@dataclass(frozen=True, slots=True)
class CodingResult:
    """How one expected event fared."""

    coding: Coding
    root_hit: bool
    code_hit: bool
    dyad: str  # one of DYAD_KINDS
    any_dyad: bool  # some event of ours, of any code, matches source and target


def score_coding(
    coding: Coding,
    tokens: Sequence[str],
    ours: Sequence[OurEvent],
    aliases: Mapping[str, Sequence[str]] = ALIASES,
) -> CodingResult:
    """Match one expected event against our events of the sentence."""
    root = cameo_root(coding.code)
    src = actor_spans(tokens, coding.source, aliases)
    tgt = actor_spans(tokens, coding.target, aliases)
    same = [e for e in ours if e.root == root]
    rank = (OK, REVERSED, NO_TARGET, NO_SOURCE, NO_BOTH, UNLOCATED)
    # Prefer our events with the full code, then the better dyad.
    best = min(
        ((e.cameo != coding.code, rank.index(dyad(e, src, tgt))) for e in same),
        default=None,
    )
    kind = NO_EVENT if best is None else rank[best[1]]
    if kind == NO_EVENT and (src == [] or tgt == []):
        kind = UNLOCATED
    return CodingResult(
        coding,
        root_hit=bool(same),
        code_hit=any(e.cameo == coding.code for e in same),
        dyad=kind,
        any_dyad=any(dyad(e, src, tgt) == OK for e in ours),
    )


@dataclass(slots=True)
class RecordResult:
    """One record with our events and how each expected event fared."""

    record: Record
    ours: list[OurEvent]
    results: list[CodingResult] = field(default_factory=list)
    actors_expected: int = 0  # located expected actors of scored events
    actors_found: int = 0  # ... covered by one of our actor mentions
    consistent: bool = False  # CAMEO.2.0 gives the record's root to a word of the sentence
    tokens: Sequence[str] = ()
    trigger_words: tuple[str, ...] = ()  # words of the sentence in our trigger table

    @property
    def root(self) -> str | None:
        """The record's class root: that of its first scored expected event."""
        sc = self.record.scored
        return cameo_root(sc[0].code) if sc else None

    @property
    def root_hit(self) -> bool:
        return any(r.root_hit for r in self.results)

    @property
    def code_hit(self) -> bool:
        return any(r.code_hit for r in self.results)

    @property
    def located(self) -> bool:
        return any(r.dyad != UNLOCATED for r in self.results)

    @property
    def dyad_hit(self) -> bool:
        return any(r.dyad == OK for r in self.results)


def score_record(
    record: Record,
    tokens: Sequence[str],
    ours: Sequence[OurEvent],
    mentions: Sequence[Span] = (),
    aliases: Mapping[str, Sequence[str]] = ALIASES,
) -> RecordResult:
    """Score the scored expected events of a record against our events of its sentence."""
    res = RecordResult(record, list(ours), tokens=tokens)
    seen: set[str] = set()
    for c in record.scored:
        res.results.append(score_coding(c, tokens, ours, aliases))
        for code in (c.source, c.target):
            spans = actor_spans(tokens, code, aliases)
            if code in seen or not spans:
                continue
            seen.add(code)
            res.actors_expected += 1
            res.actors_found += _hit(mentions, spans)
    return res


def confusion(results: Iterable[RecordResult], n: int = 10) -> list[tuple[str, str, int, str]]:
    """The ``n`` most frequent (expected root, our root or 'none') errors, with a record id each.

    A record counts once per expected root we did not produce, paired with each root we did.
    """
    counts: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    for rr in results:
        ours = sorted({e.root for e in rr.ours}) or ["none"]
        for exp in sorted({cameo_root(r.coding.code) or "" for r in rr.results if not r.root_hit}):
            for o in ours:
                counts[exp, o] += 1
                example.setdefault((exp, o), rr.record.id)
    return [(e, o, k, example[e, o]) for (e, o), k in counts.most_common(n)]


# -- report -------------------------------------------------------------------------------------
def pct(k: int, n: int) -> str:
    """``k/n (p%)``, or ``-`` when n is 0."""
    return f"{k}/{n} ({100 * k / n:.1f}%)" if n else "-"


def cameo_names() -> dict[str, str]:
    """Root code -> name from our CAMEO table."""
    text = resources.files("conflictgraph.data").joinpath("cameo.csv").read_text("utf-8")
    return {r["code"]: r["name"] for r in csv.DictReader(text.splitlines()) if len(r["code"]) == 2}


def summary_rows(results: Sequence[RecordResult]) -> list[tuple[str, str]]:
    """Label/value rows for one group of records."""
    n = len(results)
    located = [r for r in results if r.located]
    events = [c for r in results for c in r.results]
    ev_located = [c for c in events if c.dyad != UNLOCATED]
    return [
        ("records", str(n)),
        ("root hit", pct(sum(r.root_hit for r in results), n)),
        ("full code hit", pct(sum(r.code_hit for r in results), n)),
        (
            "src+tgt spans (located records)",
            pct(sum(r.dyad_hit for r in located), len(located)),
        ),
        ("expected events", str(len(events))),
        ("  root hit", pct(sum(c.root_hit for c in events), len(events))),
        ("  full code hit", pct(sum(c.code_hit for c in events), len(events))),
        (
            "  src+tgt spans (located)",
            pct(sum(c.dyad == OK for c in ev_located), len(ev_located)),
        ),
        (
            "  ... by an event of any code",
            pct(sum(c.any_dyad for c in ev_located), len(ev_located)),
        ),
    ]


def counts_line(records: Sequence[Record], n_scored: int) -> str:
    """How many records there are and which of them are scored."""
    errors = sum(r.error is not None for r in records)
    no_event = sum(r.error is None and not r.codings for r in records)
    pseudo = sum(bool(r.error is None and r.codings and not r.scored) for r in records)
    return (
        f"records: {len(records)}  (scored: {n_scored} with a CAMEO-coded expected event; "
        f"expecting no event: {no_event}; only PETRARCH test codes like 345/901: {pseudo}; "
        f"error tests skipped: {errors})"
    )


def table(results: Sequence[RecordResult]) -> list[str]:
    """The figures for all scored records, for cooperation (01-08) and conflict (09-20) records,
    and for records whose expected root CAMEO.2.0 gives to a word of the sentence."""
    groups = [
        ("all", results),
        ("01-08 cooperation", [r for r in results if r.root and r.root <= "08"]),
        ("09-20 conflict", [r for r in results if r.root and r.root >= "09"]),
        ("CAMEO.2.0-consistent", [r for r in results if r.consistent]),
    ]
    rows = [summary_rows(g) for _, g in groups]
    width = max(len(label) for label, _ in rows[0])
    lines = [f"{'':{width}}" + "".join(f"  {name:>20}" for name, _ in groups)]
    for i, (label, _) in enumerate(rows[0]):
        lines.append(f"{label:{width}}" + "".join(f"  {g[i][1]:>20}" for g in rows))
    return lines


def outcomes(results: Sequence[RecordResult]) -> list[str]:
    """Expected events by span outcome, and how many expected actors we recognised."""
    kinds = Counter(c.dyad for r in results for c in r.results)
    total = sum(kinds.values())
    lines = ["expected events by span outcome (best same-root event of ours):"]
    lines += [f"  {k:28} {pct(kinds[k], total)}" for k in DYAD_KINDS]
    exp_a = sum(r.actors_expected for r in results)
    found = sum(r.actors_found for r in results)
    lines.append(
        f"located expected actors covered by one of our actor mentions: {pct(found, exp_a)}"
    )
    silent = [r for r in results if not r.ours]
    no_word = sum(not r.trigger_words for r in silent)
    lines.append(f"records where we produced no event: {pct(len(silent), len(results))}")
    lines.append(f"  with no word of our trigger table: {no_word}")
    dropped = len(silent) - no_word
    lines.append(f"  with a trigger word, event dropped (no actor found, or filtered): {dropped}")
    return lines


def confusion_lines(results: Sequence[RecordResult], n: int = 10) -> list[str]:
    """The confusion table of the ``n`` most frequent root errors, an example each."""
    names = cameo_names()
    by_id = {r.record.id: r for r in results}
    lines = [
        f"top {n} errors (expected root -> our root; a record counts per missed expected root):"
    ]
    for exp, our, k, rid in confusion(results, n):
        ex = by_id[rid]
        label = f"{exp} {names.get(exp, '?')} -> {our} {names.get(our, '')}".rstrip()
        lines.append(f"  {k:3}  {label}")
        lines.append(f"       e.g. {rid}: {shorten(ex.record.text, 90)}")
        lines.append(f"            expected {expected_str(ex.record)}; ours {ours_str(ex.ours)}")
    return lines


def shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def expected_str(rec: Record) -> str:
    return ", ".join(f"{c.code} {c.source}->{c.target}" for c in rec.scored[:3]) + (
        " …" if len(rec.scored) > 3 else ""
    )


def ours_str(ours: Sequence[OurEvent]) -> str:
    if not ours:
        return "none"
    return ", ".join(
        f"{e.cameo} '{e.word}'" + ("" if e.status == "occurred" else f" ({e.status})") for e in ours
    )


# -- running the pipeline -----------------------------------------------------------------------
def our_events(doc: Doc) -> tuple[list[OurEvent], list[tuple[Span, str]]]:
    """Our events, and our actor mentions as (span, key), of an annotated Doc."""
    out: list[OurEvent] = []
    for ev in doc._.cg_events or []:
        src, tgt = sides((p.role, (p.actor.start, p.actor.end)) for p in ev.participants)
        out.append(OurEvent(ev.cameo, doc[ev.trigger].text, src, tgt, str(ev.status)))
    mentions = doc._.cg_mentions
    actors = [((a.start, a.end), a.key) for a in mentions.actors] if mentions is not None else []
    return out, actors


def trigger_words(doc: Doc, table: Mapping[tuple[str, str], object]) -> tuple[str, ...]:
    """Words of the sentence whose (lemma, VERB|NOUN) is in our trigger table."""
    out = []
    for t in doc:
        pos = "VERB" if t.pos_ in {"VERB", "AUX"} else "NOUN" if t.pos_ in {"NOUN", "PROPN"} else ""
        if (t.lemma_.lower(), pos) in table:
            out.append(t.text)
    return tuple(out)


def run(nlp: Language, text: str, published: date | None) -> Doc:
    """One sentence through our pipeline."""
    doc = nlp.make_doc(text)
    doc._.cg_published = published
    return nlp(doc)


def verbose_line(rr: RecordResult) -> str:
    """A record, how its expected events fared, and our events with their sides."""

    def side(spans: Sequence[Span]) -> str:
        return "+".join(" ".join(rr.tokens[a:b]) for a, b in spans) or "?"

    marks = " ".join(f"{c.coding.code}:{c.dyad}" for c in rr.results)
    hits = ("R" if rr.root_hit else "-") + ("C" if rr.code_hit else "-")
    ours = "; ".join(
        f"{e.cameo} '{e.word}' {side(e.sources)} -> {side(e.targets)}"
        + ("" if e.status == "occurred" else f" ({e.status})")
        for e in rr.ours
    )
    return (
        f"{rr.record.id:18} {hits} {marks}\n{'':18} {shorten(rr.record.text, 110)}\n"
        f"{'':18} ours: {ours or 'none'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=Path, default=RECORDS)
    ap.add_argument("--verbose", action="store_true", help="print every scored record")
    args = ap.parse_args(argv)
    if not args.records.exists():
        print(f"{args.records} not found (../shared absent?): nothing to score.")
        return 0

    t_start = time.perf_counter()
    records = parse_records(args.records.read_text("utf-8"))
    from conflictgraph.nlp.events import load_triggers
    from conflictgraph.nlp.pipeline import build_nlp

    cameo = args.records.parent / "CAMEO.2.0.txt"
    blocks = parse_verb_dictionary(cameo.read_text("utf-8")) if cameo.exists() else []
    nlp = build_nlp()
    trig_table = load_triggers()
    t_loaded = time.perf_counter()
    results: list[RecordResult] = []
    swapped: list[RecordResult] = []
    fp = [0, 0]
    n_docs = 0
    for rec in records:
        if rec.error is not None or (rec.codings and not rec.scored):
            continue
        doc = run(nlp, rec.text, rec.published)
        n_docs += 1
        ours, actors = our_events(doc)
        if not rec.codings:
            fp[0] += bool(ours)
            fp[1] += 1
            continue
        tokens = [t.text for t in doc]
        rr = score_record(rec, tokens, ours, [sp for sp, _ in actors])
        words = [*tokens, *(t.lemma_ for t in doc)]
        rr.consistent = rr.root in dictionary_roots(blocks, words)
        rr.trigger_words = trigger_words(doc, trig_table)
        results.append(rr)
        keep = [sp for sp, key in actors if not key.startswith("person:")]
        text2, swap = swap_names(tokens, [t.whitespace_ for t in doc], rec.scored, keep)
        doc2 = run(nlp, text2, rec.published) if swap else doc
        n_docs += bool(swap)
        ours2, actors2 = our_events(doc2)
        rr2 = score_record(
            replace(rec, text=text2),
            [t.text for t in doc2],
            ours2,
            [sp for sp, _ in actors2],
            {**ALIASES, **swap},
        )
        rr2.consistent = rr.consistent
        rr2.trigger_words = trigger_words(doc2, trig_table)
        swapped.append(rr2)
    t_done = time.perf_counter()

    if args.verbose:
        for rr in results:
            print(verbose_line(rr))
        print("\n-- with real state names --")
        for rr in swapped:
            print(verbose_line(rr))
        print()
    print(f"PETRARCH2 unit-test records: {args.records}")
    print(counts_line(records, len(results)))
    print()
    print("== our pipeline on the sentences as written ==")
    for line in [
        *table(results),
        "",
        *outcomes(results),
        f"no-event records where we produced an event: {pct(*fp)}",
        "",
        *confusion_lines(results),
    ]:
        print(line)
    print()
    print("== diagnostic: expected actors' fictional names replaced by real states ==")
    for line in [*table(swapped), "", *outcomes(swapped), "", *confusion_lines(swapped)]:
        print(line)
    print()
    print(
        f"run time: {t_done - t_start:.1f} s (pipeline load {t_loaded - t_start:.1f} s, "
        f"{n_docs} sentence runs in {t_done - t_loaded:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
