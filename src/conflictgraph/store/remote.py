"""A conflictgraph store on any SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB ...).

``RemoteStore`` answers the same calls as the embedded :class:`~conflictgraph.store.Store`
(``add``, ``sparql``, ``graph``, ``info``, ``export``) through the SPARQL 1.1 Protocol (queries,
updates) and the Graph Store HTTP Protocol (bulk ``POST`` of N-Quads, one request per batch of
graphs, never one per triple). The dataset on the server is the embedded store's: the default
graph plus one named graph per article. Beside it, one system graph
(:data:`SYSTEM_GRAPH`) keeps what the embedded store keeps in its manifest and ``articles/``
folder: each article's record and its extraction (gzipped codec JSON), and the SPARQL updates.
So any machine can add articles with the embedded store's merge (a replay of every extraction
in the order articles were added), and ``pull`` rebuilds an identical embedded store.

Writes are idempotent: each changed article graph is dropped and posted again (a batch of
graphs per request; an article graph the server holds already, by digest, is not sent), then the
default graph (in chunks that keep each blank node's triples together), and the article records
and the store's description last. A write cut short (server stopped, network gone) is completed
by running it again, without duplicates; readers see a partial dataset meanwhile (SPARQL 1.1 has
no multi-request transaction). One writer at a time: a lease in the system graph (CG501).
Queries read the default graph: do not run the server with a union default graph. URLs,
endpoints and credentials: :mod:`conflictgraph.store.protocol`.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import json
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final

import pyoxigraph as ox

from conflictgraph import __version__
from conflictgraph.errors import (
    BAD_BINDING,
    STORE_DAMAGED,
    STORE_LOCKED,
    STORE_MISSING,
    UPDATE_REFUSED,
    QueryError,
    StoreError,
    StoreLockedError,
)
from conflictgraph.graph import ConflictGraph
from conflictgraph.model import Article, ArticleExtraction
from conflictgraph.store.embedded import AddReport, Pending, classify_pending, content_hash
from conflictgraph.store.protocol import (
    RESULTS_JSON,
    SCHEMES,
    RemoteConfig,
    SparqlHttp,
    iri,
    is_remote,
    literal,
    prologue,
    with_values,
)
from conflictgraph.store.sparql import SparqlEngine, decode_store, looks_like_update, nquads

if TYPE_CHECKING:
    from rdflib.query import Result
    from spacy.language import Language

__all__ = [
    "SYSTEM_GRAPH",
    "RemoteConfig",
    "RemoteStore",
    "is_remote",
    "open_remote",
    "pull_store",
    "push_store",
]

SYSTEM_GRAPH: Final = "https://w3id.org/conflictgraph/system"
_SYS: Final = "https://w3id.org/conflictgraph/system#"
_STORE_NODE: Final = f"{SYSTEM_GRAPH}/store"
_LOCK_NODE: Final = f"{SYSTEM_GRAPH}/lock"
_GENERATED_AT: Final = "http://www.w3.org/ns/prov#generatedAtTime"
LEASE_SECONDS: Final = 3600  # a writer's lock outlives a crash by at most this
_GRAPHS_PER_REQUEST: Final = 50
_QUADS_PER_REQUEST: Final = 100_000


# ---------------------------------------------------------------------------------------------
# Quads


def _graph_key(quad: ox.Quad) -> str | None:
    name = quad.graph_name
    return name.value if isinstance(name, ox.NamedNode) else None


def _chunks_keeping_blank_nodes(quads: list[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    """``quads`` in chunks of about ``size``, every blank node's quads in one chunk (each
    request parses its own blank nodes)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for q in quads:
        nodes = [t.value for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)]
        for other in nodes[1:]:
            parent[find(other)] = find(nodes[0])
    groups: dict[str, list[ox.Quad]] = {}
    plain: list[ox.Quad] = []
    for q in quads:
        first = next((t.value for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)), None)
        if first is None:
            plain.append(q)
        else:
            groups.setdefault(find(first), []).append(q)
    chunk: list[ox.Quad] = []
    for unit in [*([q] for q in plain), *groups.values()]:
        chunk.extend(unit)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _serialize(quads: Iterable[ox.Quad]) -> bytes:
    """Quads as N-Quads."""
    return ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS)


def _graph_digest(quads: list[ox.Quad]) -> str:
    """A digest of one graph's content, its build time left out (blank nodes count as they
    are labelled, so a graph holding some is always sent again)."""
    lines = sorted(str(q) for q in quads if q.predicate.value != _GENERATED_AT)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _record_subject(article_id: str) -> str:
    return f"{SYSTEM_GRAPH}/article/{hashlib.sha256(article_id.encode()).hexdigest()[:32]}"


# ---------------------------------------------------------------------------------------------
# The store


class RemoteStore:
    """A conflictgraph store on a SPARQL 1.1 server (see the module docstring)."""

    def __init__(self, config: RemoteConfig) -> None:
        self.config = config
        self.path = config.base  # what messages and ``info`` show (no credentials)
        self._http = SparqlHttp(config)
        self._state: dict[str, Any] | None = None
        self._graph: ConflictGraph | None = None
        self._engine: SparqlEngine | None = None

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str | os.PathLike[str], *, create: bool = False) -> RemoteStore:
        """Connect to the store at ``location`` (URL or TOML file); without ``create`` the
        server must already hold a conflictgraph store."""
        text = str(location)
        config = (
            RemoteConfig.from_url(text)
            if text.startswith(SCHEMES)
            else RemoteConfig.from_file(text)
        )
        store = cls(config)
        state = store.state()
        if not state["exists"] and not create:
            raise StoreError(
                f"{config.base}: holds no conflictgraph store; create one with "
                f"'conflictgraph add INPUT... --store URL' or 'conflictgraph push'",
                code=STORE_MISSING,
            )
        return store

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Forget what was cached (there is no connection to close)."""
        self.refresh()

    def refresh(self) -> None:
        """Read the server's state again at the next call."""
        self._state = self._graph = self._engine = None

    # -- reading ---------------------------------------------------------------------------------
    def _select(self, text: str) -> list[dict[str, Any]]:
        data, _ = self._http.query(text)
        answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        assert isinstance(answer, ox.QuerySolutions)
        names = [v.value for v in answer.variables]
        return [
            {n: row[n] for n in names if row[n] is not None}
            for row in answer  # type: ignore[attr-defined]
        ]

    def state(self) -> dict[str, Any]:
        """The system graph's store description and article records (cached until refresh)."""
        if self._state is None:
            rows = self._select(
                f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} {{ ?s ?p ?o "
                f"FILTER(?p != {iri(_SYS + 'extraction')} && ?p != {iri(_SYS + 'digest')}) }} }}"
            )
            store: dict[str, Any] = {}
            records: list[dict[str, Any]] = []
            for row in rows:
                name = row["p"].value.removeprefix(_SYS)
                if row["s"].value == _STORE_NODE:
                    store[name] = json.loads(row["o"].value)
                elif name == "record":
                    records.append(json.loads(row["o"].value))
            records.sort(key=lambda r: (r.get("order", 0), r["id"]))
            self._state = {
                "exists": bool(store),
                "generation": int(store.get("generation", 0)),
                "created": store.get("created"),
                "software": store.get("software", f"conflictgraph {__version__}"),
                "updates": list(store.get("updates", [])),
                "summary": store.get("summary"),
                "records": records,
            }
        return self._state

    @property
    def generation(self) -> int:
        """How many writes the store has seen (0 for a new one)."""
        return int(self.state()["generation"])

    def articles(self) -> list[dict[str, Any]]:
        """The stored articles, in the order they were added."""
        return [dict(r) for r in self.state()["records"]]

    def quads(self) -> list[ox.Quad]:
        """Every quad of the default graph and the article graphs (not the system graphs)."""
        query = (
            "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(?g != {iri(SYSTEM_GRAPH)}) }} }}"
        )
        data, _ = self._http.query(query, accept="text/tab-separated-values")
        answer = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
        out = []
        for row in answer:  # type: ignore[attr-defined]
            g = row["g"]
            out.append(ox.Quad(row["s"], row["p"], row["o"], g or ox.DefaultGraph()))
        return out

    def engine(self) -> SparqlEngine:
        """An in-memory copy of the dataset (for exports and decoding)."""
        if self._engine is None:
            store = ox.Store()
            store.extend(self.quads())
            self._engine = SparqlEngine(store)
        return self._engine

    def graph(self) -> ConflictGraph:
        """The merged graph (read once until refresh): the replay of the stored extractions,
        exactly the embedded store's graph; decoded from the RDF once updates changed it."""
        if self._graph is None:
            if self.state()["updates"]:
                graph = ConflictGraph(decode_store(self.engine()))
            else:
                graph = self._replay(self.articles(), {})
            for node, attrs in graph.g.nodes(data=True):
                attrs.setdefault("id", node)
            self._graph = graph
        return self._graph

    def sparql(self, query: str, *, allow_update: bool = False, **bindings: object) -> Result:
        """Run SPARQL on the server with ``bindings`` as values; an update (only with
        ``allow_update``) is applied there and replayed after every later ``add``."""
        from rdflib.query import Result

        if looks_like_update(query):
            if not allow_update:
                raise QueryError(
                    "this is a SPARQL update and the store is read-only; pass --update "
                    "(allow_update=True) to change it",
                    code=UPDATE_REFUSED,
                )
            if bindings:
                raise QueryError("bindings are not supported in updates", code=BAD_BINDING)
            self._apply_update(query)
            out = Result("SELECT")
            out.vars = []
            out.bindings = []
            return out
        text = prologue() + with_values(query, dict(bindings))
        data, ctype = self._http.query(text, accept=f"{RESULTS_JSON}, application/n-triples")
        from conflictgraph.store.sparql import _result

        if ctype.startswith(RESULTS_JSON):
            return _result(ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON))
        return _result(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))

    def summary(self) -> dict[str, Any]:
        """Counts, triples, named graphs and date range, computed from the server's data."""
        return _summary(self.graph(), self.engine().ox)

    def info(self) -> dict[str, Any]:
        """What ``Store.info`` answers: from the store's description (written with the data),
        else computed from the server's data."""
        state = self.state()
        summary = state["summary"] or self.summary()
        return {
            "path": self.path,
            "generation": state["generation"],
            "created": state["created"],
            "software": state["software"],
            "articles": len(state["records"]),
            **summary,
            "updates": len(state["updates"]),
            "bytes": 0,
            "article_list": [
                {k: a.get(k) for k in ("id", "published", "title", "source", "added")}
                for a in state["records"]
            ],
        }

    def export(self, fmt: str, out: str | os.PathLike[str]) -> list[Path]:
        """Write the store in ``fmt``, exactly as the embedded store does."""
        from conflictgraph.store.embedded import Store

        return Store.export(self, fmt, out)  # type: ignore[arg-type]

    def extractions(self) -> dict[str, ArticleExtraction]:
        """Every stored extraction, by content hash."""
        from conflictgraph.store.codec import extraction_from_json

        rows = self._select(
            f"SELECT ?blob WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} "
            f"{{ ?a {iri(_SYS + 'extraction')} ?blob }} }}"
        )
        out: dict[str, ArticleExtraction] = {}
        for row in rows:
            raw = gzip.decompress(base64.b64decode(row["blob"].value))
            ex = extraction_from_json(json.loads(raw))
            out[content_hash(ex.article)] = ex
        return out

    def extraction_blobs(self) -> dict[str, bytes]:
        """Every stored extraction as the gzipped JSON the embedded store keeps, by hash."""
        return {
            sha: gzip.compress(_codec_bytes(ex), compresslevel=5, mtime=0)
            for sha, ex in self.extractions().items()
        }

    # -- writing ---------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the store's writer lock: one writer at a time, as in the embedded store. The
        lock is a lease in the system graph, taken over when it expired or when its holder
        was a process of this host that is gone (or this very process, after a failure)."""
        held = self._acquire()
        try:
            yield
        finally:
            with contextlib.suppress(StoreError):
                self._http.update(_lock_update("DELETE DATA", held))

    def break_lock(self) -> None:
        """Remove the writer lock whoever holds it (when its holder is known to be gone)."""
        self._http.update(
            f"DELETE WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} {{ {iri(_LOCK_NODE)} ?p ?o }} }}"
        )

    def _holder(self) -> str | None:
        rows = self._select(
            f"SELECT ?h WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} "
            f"{{ {iri(_LOCK_NODE)} {iri(_SYS + 'holder')} ?h }} }}"
        )
        return rows[0]["h"].value if rows else None

    def _acquire(self) -> str:
        me = {
            "token": uuid.uuid4().hex,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "expires": time.time() + LEASE_SECONDS,
        }
        text = json.dumps(me, sort_keys=True)
        insert = _lock_update("INSERT", text)
        for _ in range(5):
            self._http.update(
                f"{insert} WHERE {{ FILTER NOT EXISTS {{ GRAPH {iri(SYSTEM_GRAPH)} "
                f"{{ {iri(_LOCK_NODE)} {iri(_SYS + 'holder')} ?h }} }} }}"
            )
            held = self._holder()
            if held == text:
                return text
            if held is not None:
                holder = _holder_info(held)
                if not _stale(holder):
                    raise StoreLockedError(
                        f"{self.path}: another process is writing the store (host "
                        f"{holder.get('host')}, pid {holder.get('pid')}, since "
                        f"{holder.get('since')}); if it is gone, RemoteStore.break_lock() "
                        "frees the store",
                        code=STORE_LOCKED,
                    )
                self._http.update(_lock_update("DELETE DATA", held))  # take the stale lock over
        raise StoreLockedError(f"{self.path}: could not take the writer lock", code=STORE_LOCKED)

    def add(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        published: date | None = None,
        nlp: Language | None = None,
        progress: Callable[[Article], None] | None = None,
        workers: int = 1,
        scheduler: Any = None,
    ) -> AddReport:
        """Read files and folders, extract the articles not stored yet, and merge them."""
        from conflictgraph.ingest import read_inputs

        report = read_inputs(inputs, published=published)
        result = self.add_articles(
            report.articles, nlp=nlp, progress=progress, workers=workers, scheduler=scheduler
        )
        result.skipped = list(report.skipped)
        result.notices = [*report.notices, *result.notices]
        return result

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        nlp: Language | None = None,
        progress: Callable[[Article], None] | None = None,
        workers: int = 1,
        scheduler: Any = None,
    ) -> AddReport:
        """Extract (here, on processes or on a Dask cluster) and merge the new articles."""

        def extract_new(pending: list[Pending]) -> None:
            from conflictgraph.parallel import extract_parallel

            found = extract_parallel(
                [p.article for p in pending],
                nlp=nlp,
                workers=workers,
                scheduler=scheduler,
                progress=progress,
            )
            for p, ex in zip(pending, found, strict=True):
                p.extraction = ex

        return self._add([Pending(a, content_hash(a)) for a in articles], extract_new)

    def add_extractions(self, extractions: Sequence[ArticleExtraction]) -> AddReport:
        """Merge already extracted articles not stored yet (no NLP)."""
        pending = [Pending(ex.article, content_hash(ex.article), ex) for ex in extractions]
        return self._add(pending, lambda _: None)

    def _add(
        self, candidates: list[Pending], extract_new: Callable[[list[Pending]], None]
    ) -> AddReport:
        """The embedded store's add rules (by id and content hash), then one idempotent write.
        New articles are extracted before the writer lock is taken (extraction may take long);
        under the lock the store is read again and the classification redone."""
        t0 = time.perf_counter()
        self.refresh()
        todo = [
            p
            for p in classify_pending(candidates, self.state()["records"], AddReport()).values()
            if p.extraction is None
        ]
        if todo:
            extract_new(todo)
        report = AddReport()
        with self.writer():
            self.refresh()
            state = self.state()
            records = [dict(r) for r in state["records"]]
            by_id = {r["id"]: r for r in records}
            pending = classify_pending(candidates, records, report)
            if pending or not state["exists"]:
                late = [p for p in pending.values() if p.extraction is None]
                if late:  # another writer changed these articles meanwhile
                    extract_new(late)
                now = datetime.now(UTC).isoformat(timespec="seconds")
                for p in pending.values():
                    record = _record(p.article, p.sha256, now)
                    if p.article.id in by_id:
                        report.replaced.append(p.article.id)
                        record["added"] = by_id[p.article.id]["added"]
                        records[records.index(by_id[p.article.id])] = record
                    else:
                        report.added.append(p.article.id)
                        records.append(record)
                fresh = {p.sha256: p.extraction for p in pending.values() if p.extraction}
                self._write_merged(records, fresh, state["updates"])
        self.refresh()
        report.generation = self.generation
        report.counts = dict(self.info()["counts"])
        report.seconds = round(time.perf_counter() - t0, 3)
        return report

    def _write_merged(
        self,
        records: list[dict[str, Any]],
        fresh: dict[str, ArticleExtraction],
        updates: list[str],
    ) -> None:
        """Replay, encode, apply the stored updates and write everything (writer lock held)."""
        graph = self._replay(records, fresh)
        created = datetime.now(UTC).replace(microsecond=0)
        dataset = ox.Store()
        dataset.load(nquads(graph.g, generated_at=created), format=ox.RdfFormat.N_QUADS)
        for update in updates:
            _apply(dataset, update)
        if updates:
            graph = ConflictGraph(decode_store(SparqlEngine(dataset)))
        blobs = {
            sha: gzip.compress(_codec_bytes(ex), compresslevel=5, mtime=0)
            for sha, ex in fresh.items()
        }
        self.write(list(dataset), records, blobs, updates=updates, summary=_summary(graph, dataset))

    def _replay(
        self, records: list[dict[str, Any]], fresh: dict[str, ArticleExtraction]
    ) -> ConflictGraph:
        """The merged graph of every stored extraction, exactly as the embedded store merges."""
        stored = self.extractions() if len(fresh) < len(records) else {}
        graph = ConflictGraph()
        for record in records:
            ex = fresh.get(record["sha256"]) or stored.get(record["sha256"])
            if ex is None:
                raise StoreError(
                    f"{self.path}: the extraction of '{record['id']}' is missing",
                    code=STORE_DAMAGED,
                )
            graph.add_extraction(ex)
        graph.consolidate()  # the same cross-article step as build_graph
        return graph

    def _apply_update(self, update: str) -> None:
        """Apply an update on the server and record it for replay after later adds."""
        with self.writer():
            self.refresh()
            state = self.state()
            if not state["exists"]:
                raise StoreError(f"{self.path}: holds no conflictgraph store")
            self._http.update(prologue() + update)
            self.refresh()
            self._write_store_node(
                generation=state["generation"] + 1,
                created=state["created"],
                updates=[*state["updates"], update],
                summary=self.summary(),
            )
        self.refresh()

    def write(
        self,
        quads: Sequence[ox.Quad],
        records: Sequence[dict[str, Any]],
        blobs: dict[str, bytes],
        *,
        updates: Sequence[str] = (),
        summary: dict[str, Any] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Make the server hold ``quads`` (default graph and article graphs), the article
        ``records`` (in order) and the extractions ``blobs`` (gzipped JSON by content hash)
        not stored yet. Idempotent: run again after an interruption, it completes the write
        and duplicates nothing. Article graphs whose content (build time aside) the server
        holds already are not sent again. ``progress`` is called with numbers of quads."""
        state = self.state()
        by_graph: dict[str | None, list[ox.Quad]] = {}
        for q in quads:
            by_graph.setdefault(_graph_key(q), []).append(q)
        default = by_graph.pop(None, [])
        # 1. the article graphs that changed, a batch of graphs per request (drop, then post)
        held = self._digests()
        digests = {name: _graph_digest(by_graph[name]) for name in by_graph if name is not None}
        names = sorted(digests)
        batch: list[str] = []
        size = 0
        for name in names:
            if held.get(name) == digests[name]:
                if progress is not None:
                    progress(len(by_graph[name]))
                continue
            batch.append(name)
            size += len(by_graph[name])
            if len(batch) >= _GRAPHS_PER_REQUEST or size >= _QUADS_PER_REQUEST:
                self._replace_graphs(batch, by_graph, digests, progress)
                batch, size = [], 0
        if batch:
            self._replace_graphs(batch, by_graph, digests, progress)
        # 2. graphs the new dataset no longer has
        wanted = {*names, SYSTEM_GRAPH}
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        stale = sorted(row["g"].value for row in rows if row["g"].value not in wanted)
        stale += sorted(set(held) - wanted - set(stale))
        for i in range(0, len(stale), _GRAPHS_PER_REQUEST):
            part = stale[i : i + _GRAPHS_PER_REQUEST]
            drops = [f"DROP SILENT GRAPH {iri(g)}" for g in part]
            self._http.update(" ;\n".join([*drops, *(_delete(g, "digest") for g in part)]))
        # 3. the default graph, dropped and posted again in chunks
        self._http.update("DROP SILENT DEFAULT")
        for chunk in _chunks_keeping_blank_nodes(default, _QUADS_PER_REQUEST):
            self._http.post_quads(_serialize(chunk))
            if progress is not None:
                progress(len(chunk))
        # 4. the records and extractions, then the store node: the commit point of an add
        self._write_records(records, blobs)
        self._write_store_node(
            generation=state["generation"] + 1,
            created=state["created"] or datetime.now(UTC).isoformat(timespec="seconds"),
            updates=list(updates),
            summary=summary,
        )
        self.refresh()

    def _digests(self) -> dict[str, str]:
        """The digest of each article graph as last written, by graph name."""
        rows = self._select(
            f"SELECT ?g ?d WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} {{ ?g {iri(_SYS + 'digest')} ?d }} }}"
        )
        return {row["g"].value: row["d"].value for row in rows}

    def _replace_graphs(
        self,
        names: list[str],
        by_graph: dict[str | None, list[ox.Quad]],
        digests: dict[str, str],
        progress: Callable[[int], None] | None,
    ) -> None:
        """Drop ``names`` and their digests, then post the graphs with their digests last."""
        drops = [f"DROP SILENT GRAPH {iri(g)}" for g in names]
        self._http.update(" ;\n".join([*drops, *(_delete(g, "digest") for g in names)]))
        system = ox.NamedNode(SYSTEM_GRAPH)
        marks = [
            ox.Quad(ox.NamedNode(g), ox.NamedNode(_SYS + "digest"), ox.Literal(digests[g]), system)
            for g in names
        ]
        body = b"".join(_serialize(by_graph[g]) for g in names) + _serialize(marks)
        self._http.post_quads(body)
        if progress is not None:
            progress(sum(len(by_graph[g]) for g in names))

    def _write_records(self, records: Sequence[dict[str, Any]], blobs: dict[str, bytes]) -> None:
        """The article records (with their order) and the new extractions, a batch of articles
        per request; records of articles no longer stored are deleted."""
        sys_graph = ox.NamedNode(SYSTEM_GRAPH)
        present = {
            row["s"].value
            for row in self._select(
                f"SELECT DISTINCT ?s WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} {{ ?s ?p ?o }} }}"
            )
        }
        present = {s for s in present if s.startswith(f"{SYSTEM_GRAPH}/article/")}
        records = [{**r, "order": order} for order, r in enumerate(records)]
        for i in range(0, len(records), _GRAPHS_PER_REQUEST):
            part = records[i : i + _GRAPHS_PER_REQUEST]
            deletes = [_delete(_record_subject(r["id"]), "record") for r in part]
            deletes += [
                _delete(_record_subject(r["id"]), "extraction")
                for r in part
                if r["sha256"] in blobs
            ]
            self._http.update(" ;\n".join(deletes))
            quads = []
            for r in part:
                subject = ox.NamedNode(_record_subject(r["id"]))
                text = json.dumps(r, ensure_ascii=False, sort_keys=True)
                quads.append(
                    ox.Quad(subject, ox.NamedNode(_SYS + "record"), ox.Literal(text), sys_graph)
                )
                if r["sha256"] in blobs:
                    blob = base64.b64encode(blobs[r["sha256"]]).decode("ascii")
                    quads.append(
                        ox.Quad(
                            subject, ox.NamedNode(_SYS + "extraction"), ox.Literal(blob), sys_graph
                        )
                    )
            self._http.post_quads(_serialize(quads))
        gone = sorted(present - {_record_subject(r["id"]) for r in records})
        for i in range(0, len(gone), _GRAPHS_PER_REQUEST):
            part = gone[i : i + _GRAPHS_PER_REQUEST]
            self._http.update(" ;\n".join(_delete(s, None) for s in part))

    def _write_store_node(
        self,
        *,
        generation: int,
        created: str,
        updates: list[str],
        summary: dict[str, Any] | None,
    ) -> None:
        """The store's own description, replaced in one update."""
        values = {
            "generation": generation,
            "created": created,
            "software": f"conflictgraph {__version__}",
            "updates": updates,
            "summary": summary,
        }
        triples = " ".join(
            f"{iri(_STORE_NODE)} {iri(_SYS + k)} {literal(json.dumps(v))} ."
            for k, v in values.items()
        )
        self._http.update(
            f"{_delete(_STORE_NODE, None)} ;\n"
            f"INSERT DATA {{ GRAPH {iri(SYSTEM_GRAPH)} {{ {triples} }} }}"
        )


def _delete(subject: str, name: str | None) -> str:
    """An update deleting the system graph's ``subject`` ``name`` (every property if None)."""
    predicate = iri(_SYS + name) if name else "?p"
    return f"DELETE WHERE {{ GRAPH {iri(SYSTEM_GRAPH)} {{ {iri(subject)} {predicate} ?o }} }}"


def _lock_update(operation: str, holder: str) -> str:
    """``INSERT`` / ``DELETE DATA`` of the lock triple naming ``holder``."""
    triple = f"{iri(_LOCK_NODE)} {iri(_SYS + 'holder')} {literal(holder)}"
    return f"{operation} {{ GRAPH {iri(SYSTEM_GRAPH)} {{ {triple} }} }}"


def _holder_info(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _stale(holder: dict[str, Any]) -> bool:
    """Whether a lock holder is gone: its lease expired, or it was a process of this host
    that no longer runs (or this process itself, whose earlier write failed)."""
    if not holder or float(holder.get("expires", 0)) < time.time():
        return True
    if holder.get("host") != socket.gethostname():
        return False
    pid = int(holder.get("pid", 0))
    if pid <= 0 or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _summary(graph: ConflictGraph, dataset: ox.Store) -> dict[str, Any]:
    """What ``info`` shows of a graph and its dataset (the embedded manifest's fields)."""
    from conflictgraph.store.embedded import _date_range

    named = {q.graph_name for q in dataset if isinstance(q.graph_name, ox.NamedNode)}
    return {
        "counts": graph.counts(),
        "triples": len(dataset),
        "named_graphs": len(named),
        "dates": _date_range(graph),
    }


def _codec_bytes(ex: ArticleExtraction) -> bytes:
    from conflictgraph.store.codec import extraction_to_json

    text = json.dumps(extraction_to_json(ex), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def _record(article: Article, sha256: str, added: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "sha256": sha256,
        "file": f"{sha256}.json.gz",
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "origin": article.origin,
        "added": added,
    }


def _apply(dataset: ox.Store, update: str) -> None:
    from conflictgraph.rdf.terms import PREFIXES

    try:
        dataset.update(update, prefixes=dict(PREFIXES))
    except (SyntaxError, OSError) as exc:
        raise QueryError(f"a stored update failed: {exc}") from exc


def open_remote(location: str | os.PathLike[str], *, create: bool = False) -> RemoteStore:
    """Open the remote store at ``location`` (a ``sparql+http://`` URL or a TOML file)."""
    return RemoteStore.open(location, create=create)


def push_store(
    db: str | os.PathLike[str],
    remote: RemoteStore,
    *,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Copy the embedded store at ``db`` to ``remote``: its dataset exactly (named graphs,
    updates included), its article records and the extractions the server lacks. Nothing is
    written locally; a push cut short is completed by pushing again."""
    from conflictgraph.store.embedded import Store

    t0 = time.perf_counter()
    with Store.open(db) as local:
        records = local.articles()
        updates = list(local.manifest["updates"])
        quads = list(local.engine().ox)
        held = {r["id"]: r["sha256"] for r in remote.articles()}
        blobs = {}
        for r in records:
            if held.get(r["id"]) != r["sha256"]:
                try:
                    blobs[r["sha256"]] = (local.path / "articles" / r["file"]).read_bytes()
                except OSError as exc:
                    raise StoreError(
                        f"{local.path}: cannot read the extraction of '{r['id']}' ({exc})",
                        code=STORE_DAMAGED,
                    ) from exc
        summary = {k: local.manifest[k] for k in ("counts", "triples", "named_graphs", "dates")}
        with remote.writer():
            remote.write(quads, records, blobs, updates=updates, summary=summary, progress=progress)
    return {
        "articles": len(records),
        "extractions_sent": len(blobs),
        "quads": len(quads),
        "generation": remote.generation,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def pull_store(remote: RemoteStore, db: str | os.PathLike[str]) -> AddReport:
    """Copy ``remote`` into the embedded store at ``db`` (created if missing): the same
    articles in the same order, merged by the same replay, then the same updates. Everything
    is read from the server first; a new store is built beside ``db`` and renamed into place,
    so a failure leaves nothing half-written."""
    import shutil

    from conflictgraph.store.embedded import Store

    records = remote.articles()
    updates = list(remote.state()["updates"])
    stored = remote.extractions()
    missing = [r["id"] for r in records if r["sha256"] not in stored]
    if missing:
        raise StoreError(
            f"{remote.path}: extractions missing for {', '.join(missing[:5])}", code=STORE_DAMAGED
        )
    extractions = [stored[r["sha256"]] for r in records]
    target = Path(db)
    fresh = not target.exists()
    work = target.with_name(f".{target.name}.pull-{os.getpid()}") if fresh else target
    try:
        with Store.open(work, create=True) as local:
            report = local.add_extractions(extractions)
            for update in updates:
                if update not in local.manifest["updates"]:
                    local.sparql(update, allow_update=True)
            report.generation = local.generation
        if fresh:
            os.replace(work, target)
    except BaseException:
        if fresh:
            shutil.rmtree(work, ignore_errors=True)
        raise
    return report
