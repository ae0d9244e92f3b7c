"""Extraction on several processes or on a Dask cluster, merged by one deterministic reduce.

Per-article work (annotate with spaCy, extract) is independent, so articles travel in batches
(:data:`BATCH_SIZE` per task: Dask's per-task cost is a few milliseconds) to a local process pool
(``workers=N``) or to a Dask distributed cluster (``scheduler="tcp://HOST:8786"``). Each worker
process loads the spaCy pipeline once. Results come back as plain JSON data (the store's codec,
:func:`conflictgraph.store.codec.extraction_to_json`) and are put back in input order, keyed by
their position: a batch that ran twice (a worker died, Dask retried it) is still merged once.
The merge itself is :meth:`ConflictGraph.add_extraction` in input order followed by
:meth:`ConflictGraph.consolidate`, so the graph and its ids do not depend on where or in how
many pieces the articles were read.

>>> batches([1, 2, 3, 4, 5], 2)
[[1, 2], [3, 4], [5]]
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Final, TypeVar

from conflictgraph import __version__
from conflictgraph.errors import CLUSTER_UNREACHABLE, ClusterError
from conflictgraph.model import Article, ArticleExtraction

if TYPE_CHECKING:
    from spacy.language import Language

    from conflictgraph.store.embedded import AddReport

__all__ = [
    "BATCH_SIZE",
    "add_parallel",
    "batches",
    "extract_batch",
    "extract_parallel",
    "extract_with_dask",
    "extract_with_processes",
]

BATCH_SIZE: Final = 50
_T = TypeVar("_T")
_LOCK = threading.Lock()  # one pipeline per process; Dask may run tasks on several threads


def batches(items: Sequence[_T], size: int) -> list[list[_T]]:
    """``items`` cut into consecutive lists of at most ``size``."""
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


_INHERITED: list[Language] = []  # the parent's pipeline, seen by processes forked from it


@cache
def _process_nlp() -> Language:
    """This process's pipeline, loaded on first use and kept (one load per worker process)."""
    if _INHERITED:
        return _INHERITED[0]
    from conflictgraph.nlp.pipeline import build_nlp

    return build_nlp()


def _extract_with(nlp: Language, articles: Sequence[Article]) -> list[ArticleExtraction]:
    from conflictgraph.nlp.extract import extract
    from conflictgraph.nlp.pipeline import annotate

    return [extract(article, doc) for article, doc in annotate(nlp, articles)]


def extract_batch(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Extract one batch in a worker with the worker's own pipeline; plain JSON per article."""
    from conflictgraph.store.codec import extraction_to_json

    with _LOCK:
        return [extraction_to_json(ex) for ex in _extract_with(_process_nlp(), articles)]


def _warm_up() -> None:
    """Process-pool initializer: load the pipeline before the first batch arrives."""
    with _LOCK:
        _process_nlp()


def _reduce(
    parts: Sequence[Sequence[Article]], results: dict[int, list[dict[str, Any]]]
) -> list[ArticleExtraction]:
    """The batches' results in input order, each checked against the article it belongs to."""
    from conflictgraph.store.codec import extraction_from_json

    out: list[ArticleExtraction] = []
    for index, part in enumerate(parts):
        got = results.get(index)
        if got is None or len(got) != len(part):
            raise ClusterError(f"batch {index} came back incomplete")
        for article, data in zip(part, got, strict=True):
            ex = extraction_from_json(data)
            if ex.article.id != article.id:
                raise ClusterError(f"batch {index}: got '{ex.article.id}' for '{article.id}'")
            out.append(ex)
    return out


def _report(progress: Callable[[Article], None] | None, part: Sequence[Article]) -> None:
    if progress is not None:
        for article in part:
            progress(article)


def extract_with_processes(
    articles: Sequence[Article],
    *,
    workers: int,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Article], None] | None = None,
    nlp: Language | None = None,
) -> list[ArticleExtraction]:
    """Extract on ``workers`` local processes. Given ``nlp`` in a process with no other
    thread, the workers are forked and share it (no model load); else they are spawned and
    each loads the pipeline once."""
    parts = batches(articles, batch_size)
    results: dict[int, list[dict[str, Any]]] = {}
    fork = (
        nlp is not None
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        assert nlp is not None
        _INHERITED[:] = [nlp]
    try:
        return _run_pool(parts, results, workers, context, progress)
    finally:
        _INHERITED.clear()


def _run_pool(
    parts: list[list[Article]],
    results: dict[int, list[dict[str, Any]]],
    workers: int,
    context: Any,
    progress: Callable[[Article], None] | None,
) -> list[ArticleExtraction]:
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up) as pool:
        futures = {pool.submit(extract_batch, part): i for i, part in enumerate(parts)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except BrokenProcessPool as exc:
                raise ClusterError(
                    "a worker process died (scripts that use workers > 1 must start under "
                    "'if __name__ == \"__main__\":')"
                ) from exc
            _report(progress, parts[index])
    return _reduce(parts, results)


PLUGIN_NAME: Final = "conflictgraph-nlp"


@cache
def _plugin_class() -> type:
    """The Dask worker plugin class (defined on first use: Dask is an optional extra)."""
    from distributed import WorkerPlugin

    class NlpPlugin(WorkerPlugin):
        """Load the pipeline once when a worker starts or joins, off its event loop."""

        idempotent = True

        async def setup(self, worker: object) -> None:
            await asyncio.get_running_loop().run_in_executor(None, _warm_up)

    return NlpPlugin


def _batch_key(part: Sequence[Article]) -> str:
    """A task key naming the batch's content (the same batch is the same task everywhere)."""
    from conflictgraph.store.embedded import content_hash

    digest = hashlib.sha256(__version__.encode())
    for article in part:
        digest.update(article.id.encode("utf-8") + b"\0" + content_hash(article).encode())
    return f"conflictgraph-extract-{digest.hexdigest()[:32]}"


def _connect(scheduler: str, timeout: float) -> Any:
    from distributed import Client

    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc})", code=CLUSTER_UNREACHABLE
        ) from exc


def extract_with_dask(
    articles: Sequence[Article],
    scheduler: Any,
    *,
    batch_size: int = BATCH_SIZE,
    retries: int = 3,
    timeout: float = 30.0,
    progress: Callable[[Article], None] | None = None,
) -> list[ArticleExtraction]:
    """Extract on a Dask cluster: ``scheduler`` is its address (``tcp://HOST:8786``) or a
    ``distributed.Client``. Batches lost with a worker are retried by Dask."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ClusterError(
            "Dask is not installed: pip install 'conflictgraph[dask]'", code=CLUSTER_UNREACHABLE
        ) from exc
    parts = batches(articles, batch_size)
    own = not isinstance(scheduler, Client)
    client = _connect(str(scheduler), timeout) if own else scheduler
    try:
        client.register_plugin(_plugin_class()(), name=PLUGIN_NAME)
        positions: dict[str, list[int]] = {}  # a repeated batch is one task
        for index, part in enumerate(parts):
            positions.setdefault(_batch_key(part), []).append(index)
        futures = {
            client.submit(extract_batch, parts[at[0]], key=key, retries=retries): key
            for key, at in positions.items()
        }
        results: dict[int, list[dict[str, Any]]] = {}
        for future in dask_completed(list(futures), loop=client.loop):
            for index in positions[futures[future]]:
                if index in results:
                    continue  # the reduce is idempotent per batch, hence per article
                try:
                    results[index] = future.result()
                except Exception as exc:  # the task's own exception, re-raised by Dask
                    raise ClusterError(f"batch {index} failed on the cluster: {exc}") from exc
                _report(progress, parts[index])
        return _reduce(parts, results)
    finally:
        if own:
            client.close()


def extract_parallel(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    workers: int = 1,
    scheduler: Any = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[Article], None] | None = None,
) -> list[ArticleExtraction]:
    """Extract every article, in input order: on a Dask cluster when ``scheduler`` is given,
    on ``workers`` processes when above 1, else here with ``nlp`` (loaded if None)."""
    if not articles:
        return []
    if scheduler is not None:
        return extract_with_dask(articles, scheduler, batch_size=batch_size, progress=progress)
    if workers > 1 and len(articles) > 1:
        size = min(batch_size, max(1, -(-len(articles) // (2 * workers))))
        return extract_with_processes(
            articles, workers=workers, batch_size=size, progress=progress, nlp=nlp
        )
    from conflictgraph.nlp.pipeline import build_nlp

    pipeline = nlp or build_nlp()
    out: list[ArticleExtraction] = []
    for part in batches(articles, batch_size):
        out.extend(_extract_with(pipeline, part))
        _report(progress, part)
    return out


def add_parallel(
    store: Any,
    inputs: Sequence[Any],
    *,
    published: date | None = None,
    workers: int = 1,
    scheduler: Any = None,
    progress: Callable[[Article], None] | None = None,
) -> AddReport:
    """``store.add(inputs)`` with the extraction on processes or a Dask cluster, for an
    embedded or a remote store: articles it holds already (same id and content) are not sent."""
    from conflictgraph.ingest import read_inputs
    from conflictgraph.store.embedded import content_hash

    report = read_inputs(inputs, published=published)
    stored = {(r["id"], r["sha256"]) for r in store.articles()}
    unchanged: list[str] = []
    new: list[Article] = []
    seen: set[tuple[str, str]] = set()
    for article in report.articles:
        key = (article.id, content_hash(article))
        if key in stored:
            unchanged.append(article.id)
        elif key not in seen:
            seen.add(key)
            new.append(article)
    extractions = extract_parallel(new, workers=workers, scheduler=scheduler, progress=progress)
    result: AddReport = store.add_extractions(extractions)
    result.unchanged = [*unchanged, *result.unchanged]
    result.skipped = list(report.skipped)
    result.notices = [*report.notices, *result.notices]
    return result
