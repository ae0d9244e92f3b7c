"""Known officeholders: who held which office for whom, and when.

News often names an official without their country ("Prime Minister Abiy Ahmed said", "Lavrov
told reporters"). The table ``conflictgraph/data/officeholders.csv`` (see the data README) says
which state, international body or armed group a person served, in which office and for which
dates, so a person read from the text gets the affiliation and office they held on the article's
date.

>>> book = load_officeholders()
>>> term = book.lookup("Sergey Lavrov", date(2017, 1, 28))
>>> term.name, term.office, term.affiliation
('Sergei Lavrov', 'Foreign Minister', 'state:RUS')
>>> book.lookup("Antonio Guterres", date(2010, 5, 1)).affiliation
'igo:unhcr'
>>> book.by_surname("Lavrov", date(2017, 1, 28)).name
'Sergei Lavrov'
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources

__all__ = ["Officeholders", "Term", "load_officeholders"]


@dataclass(frozen=True, slots=True)
class Term:
    """One person in one office: the affiliation is an actor id (``state:RUS``, ``igo:un``)."""

    name: str
    office: str
    affiliation: str
    start: date | None
    end: date | None
    wikidata: str | None

    def covers(self, day: date) -> bool:
        """True when the person held the office on ``day`` (open ends count as held)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _fold(name: str) -> str:
    """Case, accents, hyphens and extra spaces folded: 'António  Guterres' ~ 'antonio guterres'."""
    norm = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(norm.lower().replace("-", " ").replace(".", " ").split())


def _day(text: str, *, end: bool) -> date | None:
    """'2004-03-09', '2004-03' or '2004' as the first (or, for an end, the last) day."""
    text = text.strip()
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return date(y, m, 1)
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def _actor_key(affiliation: str) -> str:
    """'RUS' -> 'state:RUS'; 'igo:un' and 'group:hezbollah' are actor ids already."""
    return affiliation if ":" in affiliation else f"state:{affiliation.upper()}"


class Officeholders:
    """Terms of office by folded full name and alias, and by surname."""

    def __init__(self, terms: list[Term], names: dict[str, list[Term]]) -> None:
        self.terms = terms
        self._by_name = names
        by_surname: dict[str, list[Term]] = {}
        for term in terms:
            parts = _fold(term.name).split()
            if len(parts) > 1 and not parts[-1].isdigit() and len(parts[-1]) > 2:
                by_surname.setdefault(parts[-1], []).append(term)
        self._by_surname = by_surname

    @staticmethod
    def _pick(terms: list[Term], on: date | None) -> Term | None:
        """The term held on the day; else the latest one that began before it (a former
        office-holder keeps the affiliation); else the earliest."""
        if not terms:
            return None
        if on is None:
            return max(terms, key=lambda t: t.start or date.min)
        held = [t for t in terms if t.covers(on)]
        if held:
            return max(held, key=lambda t: t.start or date.min)
        before = [t for t in terms if t.start is not None and t.start <= on]
        if before:
            return max(before, key=lambda t: t.start or date.min)
        return min(terms, key=lambda t: t.start or date.min)

    def lookup(self, name: str, on: date | None = None) -> Term | None:
        """The term of the person called ``name`` (full name or alias) that fits ``on``."""
        return self._pick(self._by_name.get(_fold(name), []), on)

    def by_surname(self, surname: str, on: date | None) -> Term | None:
        """The one person with this surname in office on ``on``; None when none or several
        were (Clinton, Aliyev, Assad) or the date is unknown."""
        if on is None:
            return None
        held = [t for t in self._by_surname.get(_fold(surname), []) if t.covers(on)]
        if len({t.name for t in held}) != 1:
            return None
        return max(held, key=lambda t: t.start or date.min)

    def is_current(self, term: Term, on: date | None) -> bool:
        """True when ``term`` is the office held on ``on`` (or the date is unknown)."""
        return on is None or term.covers(on)


@functools.cache
def load_officeholders() -> Officeholders:
    """Read the package table once."""
    raw = resources.files("conflictgraph.data").joinpath("officeholders.csv").read_text("utf-8")
    terms: list[Term] = []
    names: dict[str, list[Term]] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        term = Term(
            name=row["name"].strip(),
            office=row["office"].strip(),
            affiliation=_actor_key(row["affiliation"].strip()),
            start=_day(row["start"], end=False),
            end=_day(row["end"], end=True),
            wikidata=row.get("wikidata", "").strip() or None,
        )
        terms.append(term)
        forms = {term.name, *(a for a in row["aliases"].split("|") if a.strip())}
        for form in forms:
            bucket = names.setdefault(_fold(form), [])
            if term not in bucket:
                bucket.append(term)
    return Officeholders(terms, names)
