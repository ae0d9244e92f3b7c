"""Deterministic identifiers, so that separate runs and separate machines merge cleanly.

States are keyed by ISO 3166-1 alpha-3, resolutions by issuer and number, people and
organisations by normalised name, events by type, date bucket, place and core participants.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "article_id",
    "event_id",
    "location_id",
    "opposition_id",
    "organisation_id",
    "person_id",
    "resolution_id",
    "slug",
    "state_id",
]


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': 'Staffan de Mistura' -> 'staffan-de-mistura'."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_ = norm.encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if s:
        return s[:80]
    # Names with no Latin letters still need a stable, valid id.
    return "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def state_id(iso3: str) -> str:
    """'IRN' -> 'state:IRN'."""
    return f"state:{iso3.upper()}"


def person_id(name: str) -> str:
    """People are keyed by their normalised full name."""
    return f"person:{slug(name)}"


def organisation_id(name: str, iso3: str | None = None) -> str:
    """'Foreign Ministry' of Russia -> 'org:RUS:foreign-ministry'."""
    return f"org:{iso3.upper()}:{slug(name)}" if iso3 else f"org:{slug(name)}"


def opposition_id(iso3: str | None) -> str:
    """The armed opposition of one country is one actor, however it is phrased."""
    return f"group:{iso3.upper()}:armed-opposition" if iso3 else "group:armed-opposition"


def location_id(name: str, iso3: str | None) -> str:
    """Places are keyed by country and normalised name."""
    return f"loc:{iso3.upper()}:{slug(name)}" if iso3 else f"loc:{slug(name)}"


def resolution_id(code: str) -> str:
    """'UNSC 2254' -> 'res:unsc-2254'."""
    return f"res:{slug(code)}"


def article_id(article: str) -> str:
    """The graph node of an article."""
    return f"article:{article}"


# Event families for identity: a phone call, a visit and talks on the same day are three events,
# while "talks", "negotiations" and "met" are one kind; otherwise the CAMEO root decides.
_FAMILY = {"041": "041", "042": "042", "043": "042", "057": "057", "087": "087"}


def event_family(cameo: str) -> str:
    """The kind of event identity goes by: the CAMEO root, or the sub-code for calls, visits,
    signed agreements and ceasefires."""
    return _FAMILY.get(cameo[:3], cameo[:2])


def event_id(
    *,
    cameo: str,
    date_key: str | None,
    place: str | None,
    participants: Iterable[str],
    article: str | None = None,
) -> str:
    """Key an event by its kind (CAMEO root, or the sub-code for calls, visits, agreements and
    ceasefires), date bucket, place and sorted core participants.

    Undated events also carry their article, so that two vague mentions in different articles
    are not merged on type and actors alone.
    """
    family = event_family(cameo)
    if place and date_key:
        # Same kind of event, same day, same place: the same event, whoever is named.
        parts = [family, date_key, place]
    else:
        parts = [
            family,
            date_key or f"undated:{article or ''}",
            place or "",
            *sorted(set(participants)),
        ]
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"event:{digest}"
