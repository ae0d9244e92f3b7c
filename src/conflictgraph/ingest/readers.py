"""Readers: files of every supported format in, :class:`Article` objects (or errors) out.

Each reader turns one file into zero or more articles; a problem with a file (or with one line of
a JSONL file) becomes an :class:`InputError` that names it, so the caller can skip, report and go
on with the rest.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from conflictgraph import errors
from conflictgraph.errors import InputError
from conflictgraph.ingest.clean import clean_text, split_title
from conflictgraph.model import Article

__all__ = ["IngestReport", "iter_articles", "parse_date", "read_inputs"]

MAX_BYTES = 20 * 1024 * 1024
TEXT_EXT = {".txt", ".text", ".md", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT
_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")


@dataclass
class IngestReport:
    """What ingest produced: the articles, the inputs it skipped and the notices it gave."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def parse_date(value: object) -> date | None:
    """Parse a publication date from metadata (ISO 8601, RFC 822, or a date object)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    s = value.strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError):
        pass
    from dateutil import parser as du

    try:
        return du.parse(s, fuzzy=False).date()
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], *, published: date | None = None
) -> IngestReport:
    """Read every input path (files or folders) into articles, collecting what was skipped."""
    report = IngestReport()
    for item in iter_articles(paths, published=published, notices=report.notices):
        if isinstance(item, InputError):
            report.skipped.append(item)
        else:
            report.articles.append(item)
    return report


def iter_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: date | None = None,
    notices: list[str] | None = None,
) -> Iterator[Article | InputError]:
    """Yield an article or an error for every input; folders are walked in sorted order.

    ``published`` is the date for inputs that carry none of their own.
    """
    notes = notices if notices is not None else []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, published, notes)
        elif not path.exists():
            yield InputError(str(path), "no such file or folder", code=errors.MISSING)
        else:
            yield from _read_file(path, published, notes)


def _walk(folder: Path, published: date | None, notes: list[str]) -> Iterator[Article | InputError]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root) / name
            if name.startswith(".") or name.endswith(".meta.json") or _is_doc_file(name):
                continue
            if p.suffix.lower() not in SUPPORTED:
                notes.append(f"{p}: skipped, not an article format ({p.suffix or 'no extension'})")
                continue
            yield from _read_file(p, published, notes)


def _is_doc_file(name: str) -> bool:
    """README, LICENSE and similar files that sit beside articles in a folder."""
    stem = name.split(".")[0].upper()
    return stem in {"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"}


def _read_file(
    path: Path, published: date | None, notes: list[str]
) -> Iterator[Article | InputError]:
    origin = str(path)
    ext = path.suffix.lower()
    if path.name.endswith(".meta.json"):
        notes.append(f"{origin}: a metadata sidecar, read with its text file, not on its own")
        return
    if ext not in SUPPORTED:
        yield InputError(
            origin, f"unsupported format '{ext or path.name}'", code=errors.UNSUPPORTED
        )
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield InputError(
                origin, f"too large ({size:,} bytes; limit {MAX_BYTES:,})", code=errors.TOO_LARGE
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}", code=errors.UNREADABLE)
        return
    try:
        if ext in HTML_EXT:
            yield _html_article(data, origin, published, notes)
        elif ext in JSON_EXT:
            yield from _json_articles(data, origin, published, notes)
        elif ext in JSONL_EXT:
            yield from _jsonl_articles(data, origin, published, notes)
        elif ext in FEED_EXT:
            from conflictgraph.ingest.feeds import feed_articles

            yield from feed_articles(data, origin, published, notes)
        else:
            yield _text_article(path, data, origin, published, notes)
    except InputError as exc:
        yield exc


def decode(data: bytes, origin: str, notes: list[str]) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 with a notice."""
    if not data.strip():
        raise InputError(origin, "empty file", code=errors.EMPTY)
    if data.startswith(_MAGIC):
        raise InputError(origin, "binary file, not text", code=errors.BINARY)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, f"bad UTF-16: {exc.reason}", code=errors.ENCODING) from exc
    head = data[:8192]
    if head.count(b"\x00") > len(head) // 10:
        raise InputError(origin, "binary file, not text (NUL bytes)", code=errors.BINARY)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        notes.append(f"{origin}: not UTF-8; read as Windows-1252 (Latin-1)")
        return data.decode("cp1252", errors="replace")


def _finish(
    text: str,
    origin: str,
    *,
    meta: dict[str, Any],
    published: date | None,
    notes: list[str],
    clean: bool = True,
) -> Article:
    title = _str(meta.get("title"))
    if clean:
        if not title:
            title, text = split_title(text)
        text = clean_text(text, title=title)
    else:
        text = text.strip()
    if not text.strip():
        raise InputError(
            origin, "no article text (empty after removing page furniture)", code=errors.EMPTY
        )
    pub = published
    if meta.get("published") not in (None, ""):
        try:
            pub = parse_date(meta["published"])
        except ValueError:
            notes.append(f"{origin}: publication date {meta['published']!r} is not a date; ignored")
    url = _str(meta.get("url"))
    art_id = _str(meta.get("id")) or Article.make_id(url=url, text=text)
    return Article(
        id=art_id,
        text=text,
        title=title,
        url=url,
        source=_str(meta.get("source")),
        published=pub,
        language=_str(meta.get("language")) or "en",
        origin=origin,
    )


def _str(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _text_article(
    path: Path, data: bytes, origin: str, published: date | None, notes: list[str]
) -> Article:
    text = decode(data, origin, notes)
    meta: dict[str, Any] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.exists():
        try:
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                meta = loaded
            else:
                notes.append(f"{sidecar}: metadata is not a JSON object; ignored")
        except (OSError, ValueError) as exc:
            notes.append(f"{sidecar}: unreadable metadata ({exc}); ignored")
    if path.suffix.lower() in {".md", ".markdown"}:
        heading = re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", text, re.M)
        if heading and not meta.get("title"):
            meta = {**meta, "title": heading.group(1)}
        text = _strip_markdown(text)
    return _finish(text, origin, meta=meta, published=published, notes=notes)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _strip_markdown(text: str) -> str:
    """Markdown to plain text: headings, emphasis, links and list markers become plain words."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        line = re.sub(r"^\s*>\s?", "", line)
        line = _MD_LINK.sub(r"\1", line)
        line = re.sub(r"(\*\*|__|\*|_|`)(\S.*?\S|\S)\1", r"\2", line)
        out.append(line)
    return "\n".join(out)


def _html_article(data: bytes, origin: str, published: date | None, notes: list[str]) -> Article:
    import trafilatura

    html = decode(data, origin, notes)
    if "<" not in html:
        raise InputError(origin, "not HTML (no markup)", code=errors.MALFORMED_HTML)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise InputError(
            origin, f"malformed HTML ({type(exc).__name__})", code=errors.MALFORMED_HTML
        ) from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError(origin, "no article text found in the HTML", code=errors.EMPTY)
    meta: dict[str, Any] = {"title": doc.title, "url": doc.url, "source": doc.sitename}
    if doc.date:
        meta["published"] = doc.date
    return _finish(doc.text or "", origin, meta=meta, published=published, notes=notes)


def _record_article(rec: object, origin: str, published: date | None, notes: list[str]) -> Article:
    if not isinstance(rec, dict):
        raise InputError(
            origin,
            f"expected a JSON object with 'text', got {type(rec).__name__}",
            code=errors.MALFORMED_JSON,
        )
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, "record has no 'text'", code=errors.EMPTY)
    return _finish(text, origin, meta=rec, published=published, notes=notes, clean=False)


def _json_articles(
    data: bytes, origin: str, published: date | None, notes: list[str]
) -> Iterator[Article | InputError]:
    text = decode(data, origin, notes)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            origin, f"malformed JSON: {exc.msg} at line {exc.lineno}", code=errors.MALFORMED_JSON
        ) from exc
    records = (
        obj
        if isinstance(obj, list)
        else obj.get("articles", [obj])
        if isinstance(obj, dict)
        else [obj]
    )
    if not isinstance(records, list) or not any(isinstance(r, dict) for r in records):
        raise InputError(
            origin,
            "wrong shape: expected an object with 'text' or a list of them",
            code=errors.MALFORMED_JSON,
        )
    for i, rec in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}[{i}]"
        try:
            yield _record_article(rec, where, published, notes)
        except InputError as exc:
            yield exc


def _jsonl_articles(
    data: bytes, origin: str, published: date | None, notes: list[str]
) -> Iterator[Article | InputError]:
    text = decode(data, origin, notes)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON line: {exc.msg}", code=errors.MALFORMED_JSON)
            continue
        try:
            yield _record_article(rec, where, published, notes)
        except InputError as exc:
            yield exc


def _strip_html(fragment: str) -> str:
    """Markup fragment (a feed description) to plain text, paragraphs kept."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # not markup after all
        return re.sub(r"<[^>]+>", " ", fragment)
    for br in root.iter("br", "p", "div", "li"):
        br.tail = "\n" + (br.tail or "")
    return root.text_content()
