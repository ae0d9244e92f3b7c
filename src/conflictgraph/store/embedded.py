"""The embedded store: a directory that keeps the graph, grows by article, and answers SPARQL.

Layout of ``conflictgraph.db/``::

    FORMAT                 "conflictgraph store" and the format version
    CURRENT                the name of the live generation, e.g. "g000007" (the commit point)
    LOCK                   flock'd by the one writer (its pid inside, for the error message)
    articles/<sha256>.json.gz   each article's extraction, named by the article's content hash
    g000007/
        manifest.json      articles (id, hash, file, title, dates, when added) in the order they
                           were added, SPARQL updates applied, counts, date range
        graph.json         the merged graph as node-link JSON (what the Python queries read)
        merged.json        the merge before its cross-article step (where the next add resumes)
        oxigraph/          the RDF dataset (default graph + one named graph per article)
        READERS            flock'd shared by every process reading this generation

A generation is written once and never changed. ``add`` builds the next generation in a hidden
temporary folder, renames it into place and then replaces ``CURRENT`` atomically: a crash at any
point (even ``kill -9``) leaves the store as it was before the add or as it is after it.

Merging is :meth:`ConflictGraph.add_extraction` over every stored extraction in the order
articles were added, followed by :meth:`ConflictGraph.consolidate`: the same merge as
:func:`conflictgraph.build.build_graph`, so adding A then B gives the graph of adding A and B.
An add resumes from ``merged.json`` (the merge of the articles stored so far) and merges only
the new articles; the new generation's ``oxigraph/`` starts as hard links to the live one's
immutable files, and :mod:`conflictgraph.store.delta` rewrites only what changed. A replaced
article, a store with SPARQL updates, or ``rebuild=True`` replays every extraction and loads the
RDF afresh (compacted).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import networkx as nx
import pyoxigraph as ox

from conflictgraph import __version__
from conflictgraph.errors import (
    STORE_DAMAGED,
    STORE_MISSING,
    STORE_VERSION,
    InputError,
    QueryError,
    StoreError,
)
from conflictgraph.graph import ConflictGraph
from conflictgraph.model import Article, ArticleExtraction
from conflictgraph.store.codec import read_extraction, write_extraction
from conflictgraph.store.files import atomic_write_text
from conflictgraph.store.lock import FileLock
from conflictgraph.store.sparql import SparqlEngine, decode_store, nquads

if TYPE_CHECKING:
    from rdflib.query import Result
    from spacy.language import Language

__all__ = ["AddReport", "Store", "content_hash"]

FORMAT_VERSION: Final = 1
FORMAT_TEXT: Final = f"conflictgraph store\nformat {FORMAT_VERSION}\n"
DEFAULT_DB: Final = "conflictgraph.db"
_PAUSE_ENV: Final = "CONFLICTGRAPH_STORE_PAUSE"  # tests: stop a writer at a named point
_RDF_FORMATS: Final = ("ttl", "trig", "nt", "nq", "jsonld")


def content_hash(article: Article) -> str:
    """SHA-256 of everything of an article that extraction reads (text, title, dates, source).

    >>> content_hash(Article(id="a", text="x")) == content_hash(Article(id="b", text="x"))
    True
    """
    basis = [
        article.text,
        article.title,
        article.url,
        article.source,
        article.published.isoformat() if article.published else None,
        article.language,
    ]
    text = json.dumps(basis, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class AddReport:
    """What one ``add`` did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    generation: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the add wrote a new generation."""
        return bool(self.added or self.replaced)


@dataclass
class Pending:
    """One article an add will store: its record and, once extracted, its extraction."""

    article: Article
    sha256: str
    extraction: ArticleExtraction | None = None


def classify_pending(
    candidates: list[Pending], records: list[dict[str, Any]], report: AddReport
) -> dict[str, Pending]:
    """The candidates to store, by id: not the unchanged ones (same id and content), not the
    duplicates (same content under another id); both noted in ``report``. Shared by the
    embedded and the remote store so that they add by the same rules."""
    by_id = {r["id"]: r for r in records}
    by_hash = {r["sha256"]: r["id"] for r in records}
    pending: dict[str, Pending] = {}
    for cand in candidates:
        aid, sha = cand.article.id, cand.sha256
        origin = cand.article.origin or aid
        if aid in pending:
            if pending[aid].sha256 == sha:
                continue
            report.notices.append(f"{origin}: same article id '{aid}' as an earlier input")
        elif aid in by_id and by_id[aid]["sha256"] == sha:
            report.unchanged.append(aid)
            continue
        elif sha in by_hash and by_hash[sha] != aid:
            report.duplicates.append(aid)
            report.notices.append(
                f"{origin}: same content as stored article '{by_hash[sha]}'; not added"
            )
            continue
        pending[aid] = cand
        by_hash[sha] = aid
    return pending


class Store:
    """An embedded conflictgraph store (see the module docstring for the layout).

    >>> import tempfile
    >>> from conflictgraph.query import demo_extractions
    >>> with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp, "db"), create=True) as db:
    ...     first = db.add_extractions(demo_extractions())
    ...     again = db.add_extractions(demo_extractions())
    ...     (len(first.added), len(again.unchanged), again.changed, db.info()["articles"])
    (2, 2, False, 2)
    """

    def __init__(self, path: Path, *, in_memory: bool = False) -> None:
        self.path = Path(path)
        self.in_memory = in_memory
        self._name: str | None = None
        self._manifest: dict[str, Any] = {}
        self._reader: FileLock | None = None
        self._graph: ConflictGraph | None = None
        self._engine: SparqlEngine | None = None

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, create: bool = False, in_memory: bool = False
    ) -> Store:
        """Open the store at ``path``; with ``create``, make an empty one if there is none.

        ``in_memory`` is for sessions that ask many questions (a notebook, a service): the
        first SPARQL query copies the default graph into memory (about 2 s and 330 MB per
        half a million triples) and default-graph queries then answer about twice as fast;
        queries that read named graphs (``GRAPH``, ``FROM``) still read the disk.
        """
        store = cls(Path(path), in_memory=in_memory)
        if not (store.path / "FORMAT").exists():
            if not create:
                raise StoreError(
                    f"{store.path}: no conflictgraph store here; create one with "
                    f"'conflictgraph add INPUT... --db {store.path}'",
                    code=STORE_MISSING,
                )
            store._create()
        store._check_format()
        store.refresh()
        return store

    def _create(self) -> None:
        ours = {"LOCK", "CURRENT", "articles"}  # what an interrupted creation leaves
        if self.path.exists() and (
            not self.path.is_dir()
            or any(
                p.name not in ours and not p.name.startswith(("g", ".g"))
                for p in self.path.iterdir()
            )
            or (any(self.path.iterdir()) and not (self.path / "LOCK").exists())
        ):
            raise StoreError(
                f"{self.path}: exists and is not a conflictgraph store (no FORMAT file)",
                code=STORE_MISSING,
            )
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store ({exc.strerror})") from exc
        with FileLock(self.path / "LOCK"):
            if (self.path / "FORMAT").exists():
                return  # another process created it meanwhile
            (self.path / "articles").mkdir(exist_ok=True)
            self._commit([], [], ConflictGraph(), generation=0)
            atomic_write_text(self.path / "FORMAT", FORMAT_TEXT)

    def _check_format(self) -> None:
        text = (self.path / "FORMAT").read_text(encoding="utf-8", errors="replace")
        if not text.startswith("conflictgraph store"):
            raise StoreError(f"{self.path}: FORMAT file is not a conflictgraph store's")
        if text != FORMAT_TEXT:
            raise StoreError(
                f"{self.path}: store format '{text.split()[-1]}' is not {FORMAT_VERSION}; "
                "rebuild it with this version of conflictgraph",
                code=STORE_VERSION,
            )

    def refresh(self) -> None:
        """Pin the newest committed generation (readers see one generation until they refresh)."""
        for _ in range(200):
            try:
                name = (self.path / "CURRENT").read_text(encoding="ascii").strip()
            except OSError as exc:
                raise StoreError(
                    f"{self.path}: CURRENT is missing or unreadable", code=STORE_DAMAGED
                ) from exc
            if name == self._name:
                return
            reader = FileLock(self.path / name / "READERS", shared=True)
            try:
                pinned = reader.acquire()
            except StoreError:
                pinned = False  # the generation went away between the read and the lock
            if pinned and (self.path / name / "manifest.json").exists():
                manifest = self._read_json(self.path / name / "manifest.json")
                self._release_reader()
                self._name, self._manifest, self._reader = name, manifest, reader
                self._graph = self._engine = None
                return
            reader.release()
            time.sleep(0.01)
        raise StoreError(f"{self.path}: CURRENT names no usable generation", code=STORE_DAMAGED)

    def _release_reader(self) -> None:
        if self._reader is not None:
            self._reader.release()
            self._reader = None

    def close(self) -> None:
        """Unpin the generation (so that a writer may delete it once it is superseded)."""
        self._unpin()

    def _unpin(self) -> None:
        self._engine = None
        self._graph = None
        gc.collect()  # drop Oxigraph's open files
        self._release_reader()
        self._name = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @staticmethod
    def _read_json(path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable ({exc})", code=STORE_DAMAGED) from exc
        if not isinstance(data, dict):
            raise StoreError(f"{path}: not a JSON object", code=STORE_DAMAGED)
        return data

    # -- reading ---------------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        """The number of the pinned generation (0 for an empty store)."""
        return int(self._manifest["generation"])

    @property
    def manifest(self) -> dict[str, Any]:
        """The pinned generation's manifest (do not modify)."""
        return self._manifest

    @property
    def generation_path(self) -> Path:
        """The folder of the pinned generation."""
        if self._name is None:
            self.refresh()
        assert self._name is not None
        return self.path / self._name

    def articles(self) -> list[dict[str, Any]]:
        """The stored articles, in the order they were added."""
        return list(self._manifest["articles"])

    def graph(self) -> ConflictGraph:
        """The merged graph (loaded once per generation; treat it as read-only)."""
        if self._graph is None:
            data = self._read_json(self.generation_path / "graph.json")
            self._graph = ConflictGraph(_graph_from_json(data))
        return self._graph

    def engine(self) -> SparqlEngine:
        """The SPARQL engine over the pinned generation (read-only)."""
        if self._engine is None:
            self._engine = SparqlEngine.open(
                self.generation_path / "oxigraph", in_memory=self.in_memory
            )
        return self._engine

    def sparql(self, query: str, *, allow_update: bool = False, **bindings: object) -> Result:
        """Run SPARQL with ``bindings`` as values; an update (only with ``allow_update``) writes
        a new generation and is replayed after every later ``add``."""
        from conflictgraph.store.sparql import looks_like_update

        engine = self.engine()
        if not (allow_update and looks_like_update(query)):
            return engine.query(query, allow_update=allow_update, **bindings)
        if bindings:
            from conflictgraph.errors import BAD_BINDING

            raise QueryError("bindings are not supported in updates", code=BAD_BINDING)
        self._apply_update(query)
        from rdflib.query import Result

        out = Result("SELECT")
        out.vars = []
        out.bindings = []
        return out

    def info(self) -> dict[str, Any]:
        """Counts, date range, articles and the store's size, from the manifest (fast)."""
        m = self._manifest
        return {
            "path": str(self.path),
            "generation": m["generation"],
            "created": m["created"],
            "software": m["software"],
            "articles": len(m["articles"]),
            "counts": m["counts"],
            "triples": m["triples"],
            "named_graphs": m["named_graphs"],
            "dates": m["dates"],
            "updates": len(m["updates"]),
            "bytes": _size(self.generation_path) + _size(self.path / "articles"),
            "article_list": [
                {k: a.get(k) for k in ("id", "published", "title", "source", "added")}
                for a in m["articles"]
            ],
        }

    def export(self, fmt: str, out: str | os.PathLike[str]) -> list[Path]:
        """Write the store in ``fmt`` (see :data:`conflictgraph.export.EXPORT_FORMATS`).

        RDF formats are the store's own dataset (SPARQL updates included): ``nq`` and ``trig``
        keep the named graphs, ``ttl`` and ``nt`` merge them, ``jsonld`` keeps them and uses
        the project's JSON-LD context. The other formats are written from the graph.
        """
        from conflictgraph.export import EXPORT_FORMATS, export_graph

        out = Path(out)
        if fmt not in EXPORT_FORMATS:
            raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        if fmt not in _RDF_FORMATS:
            return export_graph(self.graph(), fmt, out)
        store = self.engine().ox
        prefixes = _prefixes()
        if fmt == "nq":
            data = store.dump(format=ox.RdfFormat.N_QUADS)
        elif fmt == "trig":
            data = store.dump(format=ox.RdfFormat.TRIG, prefixes=prefixes)
        elif fmt in ("ttl", "nt"):
            triples = {q.triple for q in store}
            rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
            data = ox.serialize(
                sorted(triples, key=str),
                format=rdf_format,
                prefixes=prefixes if fmt == "ttl" else None,
            )
        else:
            from rdflib import Dataset

            from conflictgraph.rdf import quiet_rdflib
            from conflictgraph.rdf.convert import jsonld_context

            ds = Dataset()
            with quiet_rdflib():
                ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
                data = ds.serialize(format="json-ld", context=jsonld_context(), indent=2).encode()
        assert isinstance(data, bytes)
        from conflictgraph.store.files import atomic_write_bytes

        atomic_write_bytes(out, data)
        return [out]

    # -- writing ---------------------------------------------------------------------------------
    def add(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        published: date | None = None,
        nlp: Language | None = None,
        progress: Callable[[Article], None] | None = None,
        rebuild: bool = False,
    ) -> AddReport:
        """Read files and folders, extract the articles not stored yet, and merge them;
        ``rebuild`` rewrites the whole RDF store (compacted) instead of what changed."""
        from conflictgraph.ingest import read_inputs

        report = read_inputs(inputs, published=published)
        result = self.add_articles(report.articles, nlp=nlp, progress=progress, rebuild=rebuild)
        result.skipped = list(report.skipped)
        result.notices = [*report.notices, *result.notices]
        return result

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        nlp: Language | None = None,
        progress: Callable[[Article], None] | None = None,
        rebuild: bool = False,
    ) -> AddReport:
        """Extract and merge the articles not stored yet (by id and content hash)."""

        def extract_new(pending: list[Pending]) -> None:
            from conflictgraph.nlp.extract import extract
            from conflictgraph.nlp.pipeline import annotate, build_nlp

            pipeline = nlp or build_nlp()
            by_id = {p.article.id: p for p in pending}
            for article, doc in annotate(pipeline, [p.article for p in pending]):
                by_id[article.id].extraction = extract(article, doc)
                if progress is not None:
                    progress(article)

        pending = [Pending(a, content_hash(a)) for a in articles]
        return self._add(pending, extract_new, rebuild=rebuild)

    def add_extractions(
        self, extractions: Sequence[ArticleExtraction], *, rebuild: bool = False
    ) -> AddReport:
        """Merge already extracted articles not stored yet (no NLP; for tests and pipelines)."""
        pending = [Pending(ex.article, content_hash(ex.article), ex) for ex in extractions]
        return self._add(pending, lambda _: None, rebuild=rebuild)

    def _add(
        self,
        candidates: list[Pending],
        extract_new: Callable[[list[Pending]], None],
        *,
        rebuild: bool = False,
    ) -> AddReport:
        t0 = time.perf_counter()
        report = AddReport()
        with FileLock(self.path / "LOCK"):
            self.refresh()
            assert self._name is not None
            self._collect_garbage(keep=self._name, records=self._manifest["articles"])
            records = [dict(r) for r in self._manifest["articles"]]
            by_id = {r["id"]: r for r in records}
            pending = classify_pending(candidates, records, report)
            if not pending:
                report.generation = self.generation
                report.counts = dict(self._manifest["counts"])
                report.seconds = round(time.perf_counter() - t0, 3)
                return report
            todo = [p for p in pending.values() if p.extraction is None]
            if todo:
                extract_new(todo)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            for p in pending.values():
                assert p.extraction is not None
                write_extraction(self.path / "articles" / f"{p.sha256}.json.gz", p.extraction)
                record = _record(p, now)
                if p.article.id in by_id:
                    report.replaced.append(p.article.id)
                    report.notices.append(
                        f"{p.article.origin or p.article.id}: article '{p.article.id}' changed "
                        "since it was stored; replaced"
                    )
                    record["added"] = by_id[p.article.id]["added"]
                    records[records.index(by_id[p.article.id])] = record
                else:
                    report.added.append(p.article.id)
                    records.append(record)
            _pause("extracted")
            fresh = {p.sha256: p.extraction for p in pending.values()}
            resume = not (rebuild or report.replaced)
            graph, merged = self._replay(records, fresh, resume=resume)
            updates = list(self._manifest["updates"])
            delta = resume and not updates and self.generation > 0
            self._commit(
                records, updates, graph, generation=self.generation + 1, delta=delta, merged=merged
            )
            self.refresh()
        report.generation = self.generation
        report.counts = dict(self._manifest["counts"])
        report.seconds = round(time.perf_counter() - t0, 3)
        return report

    def _replay(
        self,
        records: list[dict[str, Any]],
        fresh: dict[str, ArticleExtraction | None],
        *,
        resume: bool = False,
    ) -> tuple[ConflictGraph, str]:
        """The merged graph of every stored extraction, exactly as ``build_graph`` merges, and
        the merge before its cross-article step as JSON (``merged.json``).

        With ``resume``, the merge starts from the pinned generation's ``merged.json`` and adds
        only the articles after those it holds (a replay of a prefix is that prefix's merge).
        """
        graph, done = ConflictGraph(), 0
        saved = self.generation_path / "merged.json"
        if resume and saved.exists():
            stored = self._manifest["articles"]
            if records[: len(stored)] == stored:
                graph = ConflictGraph(_graph_from_json(self._read_json(saved)))
                done = len(stored)
        for record in records[done:]:
            ex = fresh.get(record["sha256"]) or read_extraction(
                self.path / "articles" / record["file"]
            )
            graph.add_extraction(ex)
        merged = json.dumps(
            nx.node_link_data(graph.g, edges="edges"), ensure_ascii=False, separators=(",", ":")
        )
        graph.consolidate()  # the same cross-article step as build_graph
        return graph, merged

    def _apply_update(self, update: str) -> None:
        """Apply a SPARQL update in a new generation; it is replayed after later adds."""
        with FileLock(self.path / "LOCK"):
            self.refresh()
            source = self.engine().ox.dump(format=ox.RdfFormat.N_QUADS)
            records = list(self._manifest["articles"])
            updates = [*self._manifest["updates"], update]
            self._commit(records, updates, None, generation=self.generation + 1, rdf=source)
            self.refresh()

    def _commit(
        self,
        records: list[dict[str, Any]],
        updates: list[str],
        graph: ConflictGraph | None,
        *,
        generation: int,
        rdf: bytes | None = None,
        delta: bool = False,
        merged: str | None = None,
    ) -> None:
        """Write generation ``generation`` beside the others, then switch ``CURRENT`` to it.

        With ``delta``, the new generation starts as a hard-linked copy of the pinned one's
        Oxigraph files and only what changed between the two merged graphs is rewritten."""
        name = f"g{generation:06d}"
        tmp = self.path / f".{name}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        created = datetime.now(UTC).replace(microsecond=0)
        counted = self._commit_delta(tmp, graph, created) if delta and graph is not None else None
        if graph is not None and counted is not None:
            triples, named = counted
            self._finish(tmp, name, records, updates, graph, generation, created, triples, named)
            self._finish_merged(tmp, merged)
            self._switch(tmp, name, generation, records)
            return
        store = ox.Store(str(tmp / "oxigraph"))
        try:
            if rdf is None:
                assert graph is not None
                rdf = nquads(graph.g, generated_at=created)
            store.bulk_load(rdf, format=ox.RdfFormat.N_QUADS)
            for update in updates:
                try:
                    store.update(update, prefixes=dict(_prefixes()))
                except (SyntaxError, OSError) as exc:
                    raise QueryError(f"the update failed: {exc}") from exc
            if updates:
                graph = _decode(store)
            assert graph is not None
            store.flush()
            store.optimize()  # compacted files answer lookups about a third faster
            triples = len(store)
            named = sum(1 for _ in store.named_graphs())
        finally:
            del store
            gc.collect()
        self._finish(tmp, name, records, updates, graph, generation, created, triples, named)
        self._finish_merged(tmp, merged)
        self._switch(tmp, name, generation, records)

    def _commit_delta(
        self, tmp: Path, graph: ConflictGraph, created: datetime
    ) -> tuple[int, int] | None:
        """Fill ``tmp/oxigraph`` from the pinned generation plus the change and return its
        triple and named-graph counts; None (nothing left) when the change needs a rebuild."""
        from conflictgraph.store.delta import apply_delta

        old = self.graph().g
        self.engine().ox.backup(str(tmp / "oxigraph"))  # hard links to immutable files
        store = ox.Store(str(tmp / "oxigraph"))
        try:
            gained = apply_delta(store, old, graph.g, generated_at=created)
            named = sum(1 for _ in store.named_graphs())
            store.flush()
        finally:
            del store
            # no gc.collect(): nothing else refers to the store, and a full collection with the
            # two merged graphs in memory takes a second at a million triples
        if gained is None:
            shutil.rmtree(tmp / "oxigraph")
            return None
        return int(self._manifest["triples"]) + gained, named

    def _finish(
        self,
        tmp: Path,
        name: str,
        records: list[dict[str, Any]],
        updates: list[str],
        graph: ConflictGraph,
        generation: int,
        created: datetime,
        triples: int,
        named: int,
    ) -> None:
        """Write the graph and manifest beside the RDF, sync, and switch ``CURRENT``."""
        graph_text = json.dumps(graph.to_node_link(), ensure_ascii=False, separators=(",", ":"))
        _write_synced(tmp / "graph.json", graph_text)
        manifest = {
            "format": FORMAT_VERSION,
            "generation": generation,
            "created": created.isoformat(),
            "software": f"conflictgraph {__version__}",
            "backend": f"pyoxigraph {ox.__version__}",
            "articles": records,
            "updates": updates,
            "counts": graph.counts(),
            "triples": triples,
            "named_graphs": named,
            "dates": _date_range(graph),
        }
        _write_synced(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        (tmp / "READERS").touch()

    def _finish_merged(self, tmp: Path, merged: str | None) -> None:
        """Keep the merge before consolidation for the next add (the pinned one's if unchanged)."""
        if merged is not None:
            _write_synced(tmp / "merged.json", merged)
        elif self._name is not None and (self.generation_path / "merged.json").exists():
            os.link(self.generation_path / "merged.json", tmp / "merged.json")

    def _switch(self, tmp: Path, name: str, generation: int, records: list[dict[str, Any]]) -> None:
        """Sync the new generation, rename it into place and point ``CURRENT`` at it."""
        _fsync_tree(tmp)
        if generation:
            _pause("generation")
        final = self.path / name
        shutil.rmtree(final, ignore_errors=True)  # a leftover of a crash before CURRENT moved
        os.replace(tmp, final)
        _fsync_dir(self.path)
        atomic_write_text(self.path / "CURRENT", name + "\n")  # the commit point
        _fsync_dir(self.path)
        if generation:
            _pause("committed")
        self._unpin()  # our own pin on the old generation must not keep it alive
        self._collect_garbage(keep=name, records=records)

    def _collect_garbage(self, *, keep: str, records: list[dict[str, Any]]) -> None:
        """Delete superseded generations nobody reads, temporary folders and orphan articles."""
        for entry in self.path.iterdir():
            if entry.name.endswith(".tmp") and entry.name.startswith(".g"):
                shutil.rmtree(entry, ignore_errors=True)
            elif entry.is_dir() and entry.name.startswith("g") and entry.name != keep:
                lock = FileLock(entry / "READERS")
                try:
                    free = lock.acquire()
                except StoreError:
                    free = True
                if free:
                    shutil.rmtree(entry, ignore_errors=True)
                lock.release()
        wanted = {r["file"] for r in records}
        with contextlib.suppress(OSError):
            for entry in (self.path / "articles").iterdir():
                if entry.name not in wanted:
                    entry.unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Helpers


def _prefixes() -> dict[str, str]:
    from conflictgraph.rdf.terms import PREFIXES

    return dict(PREFIXES)


def _graph_from_json(data: dict[str, Any]) -> nx.MultiDiGraph:
    """A networkx graph from node-link data, node ``id`` attributes kept (networkx drops them)."""
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    for node, attrs in g.nodes(data=True):
        attrs.setdefault("id", node)
    return g


def _decode(store: ox.Store) -> ConflictGraph:
    return ConflictGraph(decode_store(SparqlEngine(store)))


def _record(p: Pending, added: str) -> dict[str, Any]:
    a = p.article
    return {
        "id": a.id,
        "sha256": p.sha256,
        "file": f"{p.sha256}.json.gz",
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "published": a.published.isoformat() if a.published else None,
        "origin": a.origin,
        "added": added,
    }


def _date_range(graph: ConflictGraph) -> list[str | None]:
    starts = [d["start"] for d in graph.nodes_of_kind("event") if d.get("start")]
    ends = [d.get("end") or d["start"] for d in graph.nodes_of_kind("event") if d.get("start")]
    return [min(starts), max(ends)] if starts else [None, None]


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for folder, _, files in os.walk(root):
        for name in files:
            fd = os.open(Path(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(folder))


def _size(path: Path) -> int:
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += Path(folder, name).stat().st_size
    return total


def _pause(point: str) -> None:
    """Test hook: with CONFLICTGRAPH_STORE_PAUSE=point, announce and wait here to be killed."""
    if os.environ.get(_PAUSE_ENV) != point:
        return
    marker = os.environ.get(f"{_PAUSE_ENV}_MARKER")
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="ascii")
    while True:  # pragma: no cover - the test kills the process here
        time.sleep(0.1)
