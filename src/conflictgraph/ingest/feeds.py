"""RSS/Atom feeds: each item becomes an article. XML is vetted by defusedxml first, so entity
bombs and external entities are refused before any parser expands them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from conflictgraph import errors
from conflictgraph.errors import InputError
from conflictgraph.model import Article

__all__ = ["feed_articles"]


_UNSAFE = {
    "EntitiesForbidden": "it declares entities (entity expansion and external entities are off)",
    "ExternalReferenceForbidden": "it refers to an external resource",
    "DTDForbidden": "it has a document type definition",
    "NotSupportedError": "it uses an XML feature that is not supported",
}


def _vet_xml(data: bytes, origin: str) -> None:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            origin,
            f"unsafe XML refused: {_UNSAFE.get(type(exc).__name__, type(exc).__name__)}",
            code=errors.UNSAFE_XML,
        ) from exc
    except Exception as exc:  # ParseError and friends
        raise InputError(origin, f"malformed XML: {exc}", code=errors.MALFORMED_XML) from exc


def feed_articles(
    data: bytes, origin: str, published: date | None, notes: list[str]
) -> Iterator[Article | InputError]:
    """Yield one article per feed item with its title, link and date."""
    import feedparser

    from conflictgraph.ingest.readers import _record_article, _strip_html

    if not data.strip():
        raise InputError(origin, "empty file", code=errors.EMPTY)
    _vet_xml(data, origin)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        raise InputError(origin, "no items in the feed", code=errors.MALFORMED_XML)
    source = parsed.feed.get("title") if parsed.feed else None
    for i, entry in enumerate(parsed.entries):
        where = f"{origin}#item{i + 1}"
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        rec: dict[str, Any] = {
            "id": entry.get("id") or None,
            "url": entry.get("link"),
            "title": entry.get("title"),
            "source": source,
            "published": entry.get("published") or entry.get("updated"),
            "text": _strip_html(body),
        }
        if rec["id"] and rec["id"] == rec["url"]:
            rec["id"] = None
        if not rec["text"].strip():
            yield InputError(
                where,
                "feed item has no text (no content, summary or description)",
                code=errors.EMPTY,
            )
            continue
        try:
            yield _record_article(rec, where, published, notes)
        except InputError as exc:
            yield exc
