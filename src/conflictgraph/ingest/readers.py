"""Readers: files of every supported format in, :class:`Article` objects (or errors) out.

Each reader turns one file into zero or more articles; a problem with a file (or with one line of
a JSONL file) becomes an :class:`InputError` that names it, so the caller can skip, report and go
on with the rest.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from conflictgraph import errors
from conflictgraph.errors import InputError
from conflictgraph.ingest.clean import clean_text, split_title
from conflictgraph.model import Article

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "IngestReport",
    "iter_articles",
    "parse_date",
    "parse_size",
    "read_inputs",
    "sanitize",
    "skip_summary",
]

MAX_BYTES = 20 * 1024 * 1024
"""Default size limit of one input file (``--max-size`` raises it)."""
MAX_CHARS = 1_000_000
"""Longest article text, in characters: spaCy's own ``max_length``, past which its parser needs
gigabytes of memory."""
MAX_SIDECAR_BYTES = 1024 * 1024
"""A ``.meta.json`` sidecar holds a few fields: a bigger one is not read."""
MIN_YEAR, MAX_YEAR = 1000, 2999
"""Publication dates outside these years are taken as data errors, not dates."""
TEXT_EXT = {".txt", ".text", ".md", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".xml", ".rss", ".atom"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT
_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass
class IngestReport:
    """What ingest produced: the articles, the inputs it skipped and the notices it gave."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def skip_summary(skipped: Iterable[InputError]) -> str:
    """Skipped inputs counted by code, for the last line of a run.

    >>> skip_summary([InputError("a", "empty file", code=errors.EMPTY)] * 2)
    '2 CG102 empty'
    """
    names = {v: k.lower().replace("_", " ") for k, v in vars(errors).items() if _is_code(k, v)}
    counts: dict[str, int] = {}
    for err in skipped:
        counts[err.code] = counts.get(err.code, 0) + 1
    return ", ".join(
        f"{n} {code} {names.get(code, '')}".strip() for code, n in sorted(counts.items())
    )


def _is_code(name: str, value: object) -> bool:
    return name.isupper() and isinstance(value, str) and value.startswith("CG1")


def parse_date(value: object) -> date | None:
    """Parse a publication date from metadata (ISO 8601, RFC 822, or a date object).

    Anything else, or a year outside 1000-2999, raises ``ValueError``.

    >>> parse_date("Tue, 13 Dec 2016 10:00:00 GMT")
    datetime.date(2016, 12, 13)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    if not isinstance(value, str) or len(value) > 100:
        raise ValueError(f"not a date: {_short(value)}")
    s = value.strip()
    try:
        return _plausible(date.fromisoformat(s[:10]), value)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return _plausible(parsedate_to_datetime(s).date(), value)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    from dateutil import parser as du

    try:
        return _plausible(du.parse(s, fuzzy=False).date(), value)
    except (ValueError, OverflowError, TypeError, IndexError) as exc:
        raise ValueError(f"not a date: {_short(value)}") from exc


def _plausible(d: date, value: object) -> date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise ValueError(f"not a plausible date: {_short(value)}")
    return d


def _short(value: object, limit: int = 60) -> str:
    r = repr(value)
    return r if len(r) <= limit else r[: limit - 3] + "..."


_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """A size such as ``20MB``, ``500k``, ``1.5 GiB`` or ``1048576`` in bytes (powers of 1024).

    >>> parse_size("20MB")
    20971520
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", text.lower())
    if not m or (m.group(2) == "" and text.strip().lower().endswith("ib")):
        raise ValueError(f"not a size: {text!r} (examples: 20MB, 500k, 1GB)")
    size = int(float(m.group(1)) * _UNITS[m.group(2)])
    if size <= 0:
        raise ValueError(f"not a size: {text!r} (must be more than 0 bytes)")
    return size


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def sanitize(text: str) -> str:
    """Text that every output format can carry: no NUL or other control characters (tab stays,
    form feeds and vertical tabs become line breaks), lone surrogates (from JSON ``\\ud800`` or
    undecodable file names) replaced by U+FFFD, line endings normalised to ``\\n``.

    >>> sanitize("a\\x00b\\r\\nc\\ud800")
    'ab\\nc\ufffd'
    """
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _BREAKS.sub("\n", text)


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: date | None = None,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> IngestReport:
    """Read every input path (files or folders) into articles, collecting what was skipped."""
    report = IngestReport()
    for item in iter_articles(
        paths,
        published=published,
        notices=report.notices,
        max_bytes=max_bytes,
        max_chars=max_chars,
    ):
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
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> Iterator[Article | InputError]:
    """Yield an article or an error for every input; folders are walked in sorted order.

    ``published`` is the date for inputs that carry none of their own. A file over
    ``max_bytes`` is refused unread, and an article over ``max_chars`` characters is refused
    after reading, so memory stays bounded whatever the inputs.
    """
    notes = notices if notices is not None else []
    for raw in paths:
        path = Path(raw)
        files: Iterable[Path | InputError]
        if path.is_dir():
            files = _walk(path, notes)
        elif not path.exists() and not path.is_symlink():
            files = [InputError(_origin(path), "no such file or folder", code=errors.MISSING)]
        else:
            files = [path]
        for item in files:
            if isinstance(item, InputError):
                yield item
                continue
            for art in _read_file(item, published, notes, max_bytes, max_chars):
                if isinstance(art, Article) and len(art.text) > max_chars:
                    yield _too_long(art.origin or _origin(item), len(art.text), max_chars)
                else:
                    yield art


def _too_long(origin: str, chars: int, max_chars: int) -> InputError:
    return InputError(
        origin,
        f"article too long ({chars:,} characters; limit {max_chars:,}): "
        "split it into several articles",
        code=errors.TOO_LARGE,
    )


def _origin(path: Path) -> str:
    """A path as it appears in messages and in the graph (undecodable bytes as U+FFFD)."""
    return sanitize(str(path))


def _walk(folder: Path, notes: list[str]) -> Iterator[Path | InputError]:
    """Every article file under ``folder`` in sorted order; unreadable folders become errors.

    A symlink back to a folder already walked is not followed (no loops), nor one that leads
    out of ``folder``: an unpacked archive with ``a.txt -> /etc/passwd`` must not put that file
    in the graph. Paths given on the command line are the user's choice and always read.
    """
    problems: list[OSError] = []
    seen: set[tuple[int, int]] = set()
    base = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=problems.append):
        yield from _folder_errors(problems)
        try:
            st = os.stat(root)
        except OSError as exc:
            yield _os_error(Path(root), exc)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            where = _origin(Path(root))
            notes.append(f"{where}: a symbolic link to a folder already read; skipped")
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        keep = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            if _leaves(Path(root) / name, base):
                yield _outside(Path(root) / name)
            else:
                keep.append(name)
        dirs[:] = keep
        for name in sorted(files):
            p = Path(root) / name
            if name.startswith(".") or name.endswith(".meta.json") or _is_doc_file(name):
                continue
            if p.suffix.lower() not in SUPPORTED:
                notes.append(
                    f"{_origin(p)}: skipped, not an article format ({p.suffix or 'no extension'})"
                )
                continue
            yield _outside(p) if _leaves(p, base) else p
    yield from _folder_errors(problems)


def _leaves(path: Path, base: str) -> bool:
    """A symbolic link whose target lies outside the folder ``base`` (a real path)."""
    if not path.is_symlink():
        return False
    real = os.path.realpath(path)
    return real != base and not real.startswith(base.rstrip(os.sep) + os.sep)


def _outside(path: Path) -> InputError:
    try:
        target = sanitize(os.readlink(path))
    except OSError:
        target = "?"
    target = target if len(target) <= 200 else target[:197] + "..."
    return InputError(
        _origin(path),
        f"a symbolic link out of the folder (to {target}); not followed",
        code=errors.UNREADABLE,
    )


def _folder_errors(problems: list[OSError]) -> Iterator[InputError]:
    while problems:
        exc = problems.pop(0)
        yield _os_error(Path(exc.filename or "?"), exc, what="cannot read the folder")


def _os_error(path: Path, exc: OSError, *, what: str = "cannot read") -> InputError:
    reason = exc.strerror or str(exc)
    if path.is_symlink():
        reason = f"broken or looping symbolic link ({reason})"
    return InputError(_origin(path), f"{what}: {reason}", code=errors.UNREADABLE)


def _is_doc_file(name: str) -> bool:
    """README, LICENSE and similar files that sit beside articles in a folder."""
    stem = name.split(".")[0].upper()
    return stem in {"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "COPYING"}


def _read_file(
    path: Path,
    published: date | None,
    notes: list[str],
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
) -> Iterator[Article | InputError]:
    origin = _origin(path)
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
        data = _read_bounded(path, origin, max_bytes)
    except OSError as exc:
        yield _os_error(path, exc)
        return
    except InputError as exc:
        yield exc
        return
    try:
        if ext in HTML_EXT:
            yield _html_article(data, origin, published, notes, max_chars)
        elif ext in JSON_EXT:
            yield from _json_articles(data, origin, published, notes)
        elif ext in JSONL_EXT:
            yield from _jsonl_articles(data, origin, published, notes)
        elif ext in FEED_EXT:
            from conflictgraph.ingest.feeds import feed_articles

            yield from feed_articles(data, origin, published, notes)
        else:
            yield _text_article(path, data, origin, published, notes, max_chars)
    except InputError as exc:
        yield exc


def _read_bounded(path: Path, origin: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; never more is held in memory (a
    file that grows while it is read is refused too), and fifos or devices are not opened."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            origin, "not a regular file (a fifo, socket or device)", code=errors.UNREADABLE
        )
    if st.st_size > max_bytes:
        raise _too_large(origin, st.st_size, max_bytes)
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(origin, None, max_bytes)
    return data


def _too_large(origin: str, size: int | None, max_bytes: int) -> InputError:
    got = f"{size:,} bytes" if size is not None else "more bytes"
    return InputError(
        origin,
        f"too large ({got}; limit {max_bytes:,}): raise the limit with --max-size",
        code=errors.TOO_LARGE,
    )


def decode(data: bytes, origin: str, notes: list[str]) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16/32 with BOM, else Windows-1252 with a notice."""
    if not data.strip():
        raise InputError(origin, "empty file", code=errors.EMPTY)
    if data.startswith(_MAGIC):
        raise InputError(origin, "binary file, not text", code=errors.BINARY)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    origin, f"bad {codec.upper()}: {exc.reason}", code=errors.ENCODING
                ) from exc
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
    text = sanitize(text)
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
            notes.append(
                f"{origin}: publication date {_short(meta['published'])} is not a date; ignored "
                f"({errors.BAD_DATE})"
            )
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
    s = sanitize(str(v)).strip()
    return s or None


def _text_article(
    path: Path, data: bytes, origin: str, published: date | None, notes: list[str], max_chars: int
) -> Article:
    text = decode(data, origin, notes)
    if len(text) > 4 * max_chars:  # cleaning cannot bring it under the limit: spare the memory
        raise _too_long(origin, len(text), max_chars)
    meta: dict[str, Any] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.exists():
        where = _origin(sidecar)
        try:
            raw = _read_bounded(sidecar, where, MAX_SIDECAR_BYTES)
            loaded = json.loads(raw.decode("utf-8-sig"))
            if isinstance(loaded, dict):
                meta = loaded
            else:
                notes.append(f"{where}: metadata is not a JSON object; ignored")
        except InputError as exc:
            notes.append(f"{where}: unreadable metadata ({exc.problem}); ignored")
        except (OSError, ValueError, RecursionError) as exc:
            reason = str(exc)[:200] if not isinstance(exc, RecursionError) else "nested too deeply"
            notes.append(f"{where}: unreadable metadata ({reason}); ignored")
    if path.suffix.lower() in {".md", ".markdown"}:
        heading = _MD_HEADING.search(text)
        if heading and not meta.get("title"):
            meta = {**meta, "title": heading.group(1).strip().rstrip("#").strip()}
        text = _strip_markdown(text)
    return _finish(text, origin, meta=meta, published=published, notes=notes)


# Bounded spans and no nested brackets, so that a 2 MB line of '[' or '*' stays linear.
_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\(([^()\n]{0,2000})\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=[^\s*_`])([^*_`\n]{1,300}?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^[ ]{0,3}#[ \t]+([^\n]+)$", re.M)


def _strip_markdown(text: str) -> str:
    """Markdown to plain text: headings, emphasis, links and list markers become plain words."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        line = re.sub(r"^\s*>\s?", "", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)


_TAG = re.compile(r"<[^<>]{0,10000}>")


def _html_article(
    data: bytes, origin: str, published: date | None, notes: list[str], max_chars: int
) -> Article:
    import trafilatura

    html = decode(data, origin, notes)
    if "<" not in html:
        raise InputError(origin, "not HTML (no markup)", code=errors.MALFORMED_HTML)
    if len(html) > 4 * max_chars:  # parsing takes minutes: first a quick count of the text
        chars = len(_TAG.sub("", html))
        if chars > 4 * max_chars:
            raise _too_long(origin, chars, max_chars)
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
            origin,
            f"malformed JSON: {exc.msg.removesuffix(' at')} at line {exc.lineno}",
            code=errors.MALFORMED_JSON,
        ) from exc
    except (ValueError, RecursionError) as exc:  # a 5000-digit number, nesting 100,000 deep
        raise InputError(
            origin, f"malformed JSON: {_json_problem(exc)}", code=errors.MALFORMED_JSON
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
    # Only \n ends a record: str.splitlines() would also split at U+2028 and other characters
    # that JSON strings may hold raw.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON line: {exc.msg}", code=errors.MALFORMED_JSON)
            continue
        except (ValueError, RecursionError) as exc:
            yield InputError(
                where, f"malformed JSON line: {_json_problem(exc)}", code=errors.MALFORMED_JSON
            )
            continue
        try:
            yield _record_article(rec, where, published, notes)
        except InputError as exc:
            yield exc


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0][:120]


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
