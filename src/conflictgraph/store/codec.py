"""Article extractions as JSON and back, exactly: the store keeps each article's extraction so
that merging is always a replay of :meth:`ConflictGraph.add_extraction` in the order articles
were added, the same merge as :func:`conflictgraph.build.build_graph`.

>>> from conflictgraph.model import Article, ArticleExtraction
>>> ex = ArticleExtraction(Article(id="a1", text="Talks began."))
>>> extraction_from_json(extraction_to_json(ex)) == ex
True
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from conflictgraph.errors import STORE_DAMAGED, StoreError
from conflictgraph.model import ArticleExtraction
from conflictgraph.store.files import atomic_write_bytes

__all__ = [
    "extraction_from_json",
    "extraction_to_json",
    "read_extraction",
    "write_extraction",
]

FORMAT = 1


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        (item, *_) = typing.get_args(tp)
        return tuple(_decode(item, v) for v in value)
    if value is None:
        return None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: _decode(hints[f.name], value[f.name])
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is float:
        return float(value)
    return value


def extraction_to_json(ex: ArticleExtraction) -> dict[str, Any]:
    """A plain JSON value holding every field of the extraction."""
    return {"format": FORMAT, "extraction": _encode(ex)}


def extraction_from_json(data: dict[str, Any]) -> ArticleExtraction:
    """The extraction written by :func:`extraction_to_json`."""
    if data.get("format") != FORMAT:
        raise StoreError(
            f"extraction format {data.get('format')!r} is not {FORMAT}", code=STORE_DAMAGED
        )
    result = _decode(ArticleExtraction, data["extraction"])
    assert isinstance(result, ArticleExtraction)
    return result


def write_extraction(path: Path, ex: ArticleExtraction) -> None:
    """Write one extraction as gzipped JSON, atomically."""
    text = json.dumps(extraction_to_json(ex), ensure_ascii=False, separators=(",", ":"))
    atomic_write_bytes(path, gzip.compress(text.encode("utf-8"), compresslevel=5, mtime=0))


def read_extraction(path: Path) -> ArticleExtraction:
    """Read one extraction written by :func:`write_extraction`."""
    try:
        data = json.loads(gzip.decompress(Path(path).read_bytes()))
        return extraction_from_json(data)
    except StoreError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: cannot read the extraction ({exc})", code=STORE_DAMAGED) from exc
