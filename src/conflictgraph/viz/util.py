"""Small helpers shared by the pictures (``static.py``) and the timeline chart (``timeline.py``).

>>> from datetime import date
>>> span_text(date(2017, 1, 23), date(2017, 1, 24))
'23–24 Jan 2017'
>>> span_text(date(2016, 12, 1), date(2016, 12, 31))
'Dec 2016'
>>> span_text(date(2011, 1, 1), date(2017, 12, 31))
'2011–2017'
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Any

import networkx as nx

__all__ = ["MONTHS", "as_nx", "clean_text", "month_name", "span_text"]


def as_nx(g: Any) -> nx.MultiDiGraph:
    """The networkx graph inside a ``ConflictGraph``, or ``g`` itself."""
    inner = getattr(g, "g", g)
    if not isinstance(inner, nx.Graph):
        raise TypeError(f"expected a networkx graph or ConflictGraph, got {type(g).__name__}")
    return inner  # type: ignore[return-value]


def clean_text(text: Any) -> str:
    """Text for a picture: one line, no control characters (XML 1.0 forbids most of them), no
    lone surrogates (they cannot be written as UTF-8)."""
    s = str(text if text is not None else "").encode("utf-8", "replace").decode("utf-8")
    s = "".join(ch if ch >= " " or ch in "\t\n\r" else " " for ch in s)
    s = s.replace("\x7f", " ").replace("\ufffe", " ").replace("\uffff", " ")
    return " ".join(s.split())


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month abbreviations (not the locale's: pictures read the same everywhere)."""


def month_name(d: date) -> str:
    """``Jan 2017``."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def _b(d: date) -> str:
    return MONTHS[d.month - 1]


def _whole_months(lo: date, hi: date) -> bool:
    return lo.day == 1 and hi.day == monthrange(hi.year, hi.month)[1]


def span_text(lo: date, hi: date) -> str:
    """A day interval as a reader says it: ``24 Jan 2017``, ``Dec 2016``, ``2011–2017``."""
    if lo == hi:
        return f"{lo.day} {month_name(lo)}"
    if _whole_months(lo, hi):
        if (lo.month, hi.month) == (1, 12):
            return str(lo.year) if lo.year == hi.year else f"{lo.year}–{hi.year}"
        if (lo.year, lo.month) == (hi.year, hi.month):
            return month_name(lo)
        if lo.year == hi.year:
            return f"{_b(lo)}–{month_name(hi)}"
        return f"{month_name(lo)} – {month_name(hi)}"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}–{hi.day} {month_name(hi)}"
    if lo.year == hi.year:
        return f"{lo.day} {_b(lo)} – {hi.day} {month_name(hi)}"
    return f"{lo.day} {month_name(lo)} – {hi.day} {month_name(hi)}"
