"""The actor gazetteer: states, intergovernmental bodies, armed groups and named accords.

The data are the CSV files in ``conflictgraph/data`` (see the README there). This module reads
them into :class:`GazetteerEntry` records, answers "what does this surface form name?"
(:meth:`Gazetteer.lookup`) and writes spaCy token patterns for every surface form
(:meth:`Gazetteer.patterns`).

Matching rules, shared by :meth:`~Gazetteer.lookup` and :meth:`~Gazetteer.patterns`:

- A form with at most three letters ("IS", "US", "U.S.", "UN", "AU", "EU", "LeT", "M23") matches
  only with its exact capitalisation; every other form matches whatever the case ("NATO", "Nato").
  Token patterns are a little stricter: a word spelt with a capital in the gazetteer does not
  match when written all in lower case ("turkey", "jordan").
- A leading "the", a trailing possessive ("Iran's", "Hamas'"), curly quotes and a hyphen in place
  of a space ("al-Nusra" / "al Nusra") make no difference.
- When two entries share a form, a name beats an alias, an alias a demonym, a demonym a capital;
  then a state beats an IGO, an IGO a group, a group an accord; then the earlier row wins.

>>> gaz = load_gazetteer()
>>> entry, how = gaz.lookup("Iranian")
>>> entry.key, how
('IRN', 'demonym')
>>> gaz.lookup("us") is None
True
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

__all__ = [
    "HOWS",
    "KINDS",
    "Gazetteer",
    "GazetteerEntry",
    "load_gazetteer",
]

KINDS = ("state", "igo", "armed_group", "group", "organisation", "accord")
"""Entry kinds. Between entries sharing a surface form, a state wins over an IGO, an IGO over a
group (armed or not), a group over an accord."""

HOWS = ("name", "alias", "demonym", "capital")
"""How a surface form names an entry, strongest first."""

_KIND_RANK = {"state": 0, "igo": 1, "armed_group": 2, "group": 2, "organisation": 2, "accord": 3}
_HOW_RANK = {how: rank for rank, how in enumerate(HOWS)}

# Words joined to a name by a hyphen that leave the name an actor: "U.S.-led", "Iranian-backed".
_COMPOUND_SUFFIXES = (
    "led", "backed", "brokered", "sponsored", "supported", "allied", "aligned", "affiliated",
    "linked", "controlled", "held", "run", "based", "funded", "armed", "trained", "owned",
)  # fmt: skip
_COMPOUND_RE = re.compile(r"^(.+?)-(?:" + "|".join(_COMPOUND_SUFFIXES) + r")$", re.IGNORECASE)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})  # fmt: skip
_DASHES = ("-", "\u2013", "\u2014")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_EXACT_MAX_LETTERS = 3


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One actor or accord the gazetteer knows.

    ``key`` is the canonical id: the ISO 3166-1 alpha-3 code for states ("IRN"), ``igo:<id>``,
    ``group:<id>`` (armed groups and other groups) and ``accord:<slug of code>``. ``iso3`` is the
    state's own code, or for a group the country it fights in. ``parent`` is, for an IGO, the key
    of the body it belongs to ("igo:un" for the Security Council) and, for an accord, the key of
    the body that issued it. For accords, ``label`` is the short code ("Minsk II") and the full
    name is the first alias.
    """

    key: str
    label: str
    kind: str
    iso3: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    adopted: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KIND_RANK:
            raise ValueError(f"{self.key}: unknown kind {self.kind!r}")

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """Every ``(form, how)`` naming this entry; demonyms come with their plurals."""
        yield self.label, "name"
        for alias in self.aliases:
            yield alias, "alias"
        for demonym in self.demonyms:
            yield demonym, "demonym"
            plural = _plural(demonym)
            if plural:
                yield plural, "demonym"
        for capital in self.capitals:
            yield capital, "capital"


@dataclass(frozen=True, slots=True)
class _Form:
    text: str  # as written in the data, without a leading "the"
    key: str  # entry key
    how: str
    exact: bool  # matched with its exact capitalisation
    rank: tuple[int, int, int]


class Gazetteer:
    """An index of :class:`GazetteerEntry` by key and by surface form.

    ``entries`` maps keys to entries; ``offices`` maps lower-case office titles
    ("foreign minister", "gen.") to their kind (``head``, ``minister``, ``diplomat``,
    ``military``, ``other``).
    """

    entries: dict[str, GazetteerEntry]
    offices: dict[str, str]

    def __init__(
        self, entries: Iterable[GazetteerEntry], offices: Mapping[str, str] | None = None
    ) -> None:
        self.entries = {}
        self.offices = {_office_key(t): kind for t, kind in (offices or {}).items()}
        self._exact: dict[str, _Form] = {}
        self._folded: dict[str, _Form] = {}
        for order, entry in enumerate(entries):
            if entry.key in self.entries:
                raise ValueError(f"duplicate gazetteer key {entry.key!r}")
            self.entries[entry.key] = entry
            for text, how in entry.surface_forms():
                self._add(entry, text, how, order)

    def _add(self, entry: GazetteerEntry, text: str, how: str, order: int) -> None:
        norm = _normalise(text)
        if not norm:
            return
        exact = _is_exact(norm)
        index, index_key = (self._exact, norm) if exact else (self._folded, norm.casefold())
        rank = (_HOW_RANK[how], _KIND_RANK[entry.kind], order)
        current = index.get(index_key)
        if current is None or rank < current.rank:
            written = _strip_the(" ".join(text.translate(_QUOTES).split()))
            index[index_key] = _Form(written, entry.key, how, exact, rank)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries.values())

    def lookup(self, text: str) -> tuple[GazetteerEntry, str] | None:
        """Find an entry by a surface form; returns (entry, how) where how is one of
        "name", "alias", "demonym", "capital". Case-sensitive for short all-caps aliases (IS, US,
        UN, AU, EU), otherwise case-insensitive; tolerant of a leading "the ", of "’s"/"'s" and
        of curly quotes. A name joined to "-led", "-backed" and the like ("U.S.-led") is found
        as the name."""
        norm = _normalise(text)
        if not norm:
            return None
        form = self._exact.get(norm) if _is_exact(norm) else self._folded.get(norm.casefold())
        if form is None:
            compound = _COMPOUND_RE.match(_clean(text))
            return self.lookup(compound.group(1)) if compound else None
        return self.entries[form.key], form.how

    def state(self, iso3: str) -> GazetteerEntry | None:
        """The state with this ISO 3166-1 alpha-3 code (any case), or None."""
        entry = self.entries.get(iso3.strip().upper())
        return entry if entry is not None and entry.kind == "state" else None

    def by_key(self, key: str) -> GazetteerEntry | None:
        """The entry with this canonical key ("IRN", "igo:unsc", "group:isil"), or None."""
        return self.entries.get(key)

    def office_kind(self, title: str) -> str | None:
        """The kind of an office title ("Foreign Minister" -> "minister"), or None."""
        return self.offices.get(_office_key(title))

    def forms(self) -> Iterator[tuple[str, str, str, bool]]:
        """Every surface form as (text, entry key, span label, exact case), the one
        :meth:`lookup` resolves it to; what a fast phrase matcher needs."""
        for form in [*self._exact.values(), *self._folded.values()]:
            yield form.text, form.key, _label(self.entries[form.key].kind, form.how), form.exact

    @staticmethod
    def compound_prefix(token: str) -> str | None:
        """'U.S.-led' -> 'U.S.': the name glued to '-led', '-backed' and similar."""
        m = _COMPOUND_RE.match(token)
        return m.group(1) if m else None

    def patterns(self) -> list[dict[str, Any]]:
        """spaCy SpanRuler/EntityRuler token patterns for every surface form, each
        ``{"label": ..., "pattern": [...], "id": key}``.

        Labels: ``CG_STATE`` (a state's name or alias), ``CG_DEMONYM``, ``CG_CAPITAL``,
        ``CG_IGO``, ``CG_GROUP`` (armed groups and other groups) and ``CG_ACCORD``. Patterns
        follow the English tokenizer of ``spacy.blank("en")``: one ``LOWER`` (or exact
        ``ORTH``) per token, hyphens optional, straight and curly apostrophes both accepted.
        Dotted abbreviations also match when a hyphenated word is glued to them ("U.S.-led",
        one token for spaCy). Each form is the one :meth:`lookup` resolves it to, so a span's
        ``id`` agrees with ``lookup(span.text)``. Built afresh on each call (about a second).
        """
        import spacy  # imported here: loading the gazetteer does not need spaCy

        tokenizer = spacy.blank("en").tokenizer
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str, str]] = set()
        for form in [*self._exact.values(), *self._folded.values()]:
            label = _label(self.entries[form.key].kind, form.how)
            variants = {form.text, form.text.replace("'", "\u2019")}
            for variant in sorted(variants):
                tokens = [t.text for t in tokenizer(variant)]
                for pattern in _token_patterns(tokens, exact=form.exact):
                    sig = (label, form.key, repr(pattern))
                    if sig not in seen:
                        seen.add(sig)
                        out.append({"label": label, "pattern": pattern, "id": form.key})
        return out


def _label(kind: str, how: str) -> str:
    if kind == "state":
        return {"demonym": "CG_DEMONYM", "capital": "CG_CAPITAL"}.get(how, "CG_STATE")
    return {"igo": "CG_IGO", "accord": "CG_ACCORD"}.get(kind, "CG_GROUP")


def _token_patterns(tokens: list[str], *, exact: bool) -> list[list[dict[str, Any]]]:
    pattern: list[dict[str, Any]] = []
    for i, tok in enumerate(tokens):
        if tok in _DASHES and 0 < i < len(tokens) - 1:
            pattern.append({"ORTH": {"IN": list(_DASHES)}, "OP": "?"})
        elif exact or (_is_exact(tok) and tok.isupper()):
            pattern.append({"ORTH": tok})
        else:
            spec: dict[str, Any] = {"LOWER": tok.lower()}
            if any(c.isupper() for c in tok):
                spec["IS_LOWER"] = False
            pattern.append(spec)
    patterns = [pattern]
    if len(tokens) == 1 and "." in tokens[0] and tokens[0].endswith("."):
        suffixes = "|".join(_COMPOUND_SUFFIXES)
        regex = "^" + re.escape(tokens[0]) + "-(?:" + suffixes + ")$"
        patterns.append([{"TEXT": {"REGEX": regex}}])
    return patterns


def _clean(text: str) -> str:
    """Straight quotes, single spaces, no leading "the", no trailing possessive."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _strip_the(" ".join(text.split()).strip(" \"'"))
    if text.endswith("'s") and len(text) > 2:
        text = text[:-2]
    return text.rstrip("'")


def _normalise(text: str) -> str:
    """The form a surface string is indexed under, before case folding: also a hyphen and a
    space are the same."""
    return _SPACED_HYPHEN.sub(" ", _clean(text)).strip()


def _strip_the(text: str) -> str:
    return text[4:].lstrip() if text[:4].lower() == "the " else text


def _is_exact(text: str) -> bool:
    return sum(c.isalpha() for c in text) <= _EXACT_MAX_LETTERS


def _plural(demonym: str) -> str | None:
    """The plural of a demonym ("Iranians"), or None where it is the word itself ("Swiss",
    "Chinese", "British") or the demonym is not a word ("U.S.")."""
    last = re.split(r"[\s-]", demonym.strip())[-1]
    if not last.isalpha() or len(last) <= _EXACT_MAX_LETTERS:
        return None
    if last.endswith(("s", "x", "z", "sh", "ch", "ese")):
        return None
    return demonym + "s"


def _office_key(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).translate(_QUOTES).lower().split())


def _slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _split(field: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (field or "").split("|") if p.strip())


def _unique(names: Iterable[str], *, exclude: str) -> tuple[str, ...]:
    seen = {exclude.casefold()}
    out = []
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return tuple(out)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("conflictgraph").joinpath("data", name).read_text(encoding="utf-8")
    return [
        {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))
    ]


def _states() -> Iterator[GazetteerEntry]:
    for row in _rows("states.csv"):
        yield GazetteerEntry(
            key=row["iso3"],
            label=row["name"],
            kind="state",
            iso3=row["iso3"],
            wikidata=row["wikidata"] or None,
            aliases=_unique([row["official_name"], *_split(row["aliases"])], exclude=row["name"]),
            demonyms=_split(row["demonyms"]),
            capitals=_split(row["capitals"]),
        )


def _igos() -> Iterator[GazetteerEntry]:
    for row in _rows("igos.csv"):
        yield GazetteerEntry(
            key=f"igo:{row['id']}",
            label=row["name"],
            kind="igo",
            parent=f"igo:{row['parent']}" if row["parent"] else None,
            wikidata=row["wikidata"] or None,
            aliases=_unique(_split(row["aliases"]), exclude=row["name"]),
        )


def _groups() -> Iterator[GazetteerEntry]:
    for row in _rows("armed_groups.csv"):
        if row["actor_type"] not in {"armed_group", "group"}:
            raise ValueError(f"armed_groups.csv: {row['id']}: kind {row['actor_type']!r}")
        yield GazetteerEntry(
            key=f"group:{row['id']}",
            label=row["name"],
            kind=row["actor_type"],
            iso3=row["country"] or None,
            wikidata=row["wikidata"] or None,
            aliases=_unique(_split(row["aliases"]), exclude=row["name"]),
        )


def _organisations() -> Iterator[GazetteerEntry]:
    """Non-governmental organisations and state agencies known by name ('MSF', 'the
    Pentagon'); an agency's ``iso3`` is its state."""
    for row in _rows("organisations.csv"):
        iso3 = row["country"] or None
        yield GazetteerEntry(
            key=f"org:{iso3}:{row['id']}" if iso3 else f"org:{row['id']}",
            label=row["name"],
            kind="organisation",
            iso3=iso3,
            wikidata=row["wikidata"] or None,
            aliases=_unique(_split(row["aliases"]), exclude=row["name"]),
        )


def _accords() -> Iterator[GazetteerEntry]:
    for row in _rows("accords.csv"):
        adopted = row["adopted"] or None
        if adopted:
            date.fromisoformat(adopted)  # a malformed date fails loudly, here
        yield GazetteerEntry(
            key=f"accord:{_slug(row['code'])}",
            label=row["code"],
            kind="accord",
            parent=f"igo:{row['issuer']}" if row["issuer"] else None,
            aliases=_unique([row["name"], *_split(row["aliases"])], exclude=row["code"]),
            adopted=adopted,
        )


def _offices() -> dict[str, str]:
    return {row["title"]: row["kind"] for row in _rows("offices.csv")}


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the package data, read once and cached."""
    gaz = Gazetteer([*_states(), *_igos(), *_groups(), *_organisations(), *_accords()], _offices())
    for entry in gaz:
        if entry.parent and entry.parent not in gaz.entries:
            raise ValueError(f"{entry.key}: parent {entry.parent!r} is not in the gazetteer")
        if entry.kind != "state" and entry.iso3 and gaz.state(entry.iso3) is None:
            raise ValueError(f"{entry.key}: country {entry.iso3!r} is not in the gazetteer")
    return gaz
