"""SPARQL 1.1 over Oxigraph, answered in rdflib's terms.

Oxigraph (``pyoxigraph``) evaluates the queries (the benchmark in ``bench/bench_store.py`` shows
why); what comes back is an :class:`rdflib.query.Result` whose rows are rdflib ``ResultRow``\\s
of ``URIRef``/``Literal``/``BNode``, so code written against rdflib keeps working.

Bindings are passed to the engine as values (SPARQL ``substitutions``, rdflib's
``initBindings``), never pasted into the query text. Queries are read-only unless updates are
asked for explicitly. The project's prefixes (``cg:``, ``sem:``, ``rdfs:``, ``xsd:`` ...) are
declared for every query. Oxigraph substitutes bound values after it has planned the joins: put
the triple pattern that uses a bound variable first (``?r rdf:value ?actor`` before
``?event sem:hasActor ?r``), which can be several times faster.

>>> from conflictgraph.query import demo_graph
>>> engine = SparqlEngine.from_graph(demo_graph())
>>> rows = engine.query(
...     "SELECT ?label WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 }", iso3="TUR")
>>> [str(row.label) for row in rows]
['Turkey']
>>> records(engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a sem:Event }"))
[{'n': 3}]
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.query import Result, ResultRow
from rdflib.term import Identifier, Node

from conflictgraph.errors import (
    BAD_BINDING,
    REMOTE_REFUSED,
    SPARQL_SYNTAX,
    STORE_DAMAGED,
    UNKNOWN_NODE,
    UPDATE_REFUSED,
    QueryError,
    StoreError,
)
from conflictgraph.rdf.namespace import ID_NS, id_from_iri, resource_iri
from conflictgraph.rdf.terms import PREFIXES

__all__ = [
    "OUTPUT_FORMATS",
    "SparqlEngine",
    "check_read_only",
    "format_result",
    "from_ox",
    "looks_like_update",
    "node_iri",
    "parse_binding",
    "reads_named_graphs",
    "records",
    "select_with",
    "sparql_graph",
    "text_table",
    "to_ox",
]

OUTPUT_FORMATS: Final = ("table", "csv", "json")
_VARIABLE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_XSD_STRING: Final = str(XSD.string)
_RDF_LANG_STRING: Final = str(RDF.langString)
_KIND_OF_PREFIX: Final = {
    "state": "actor",
    "person": "actor",
    "org": "actor",
    "igo": "actor",
    "group": "actor",
    "event": "event",
    "res": "resolution",
    "loc": "location",
    "article": "article",
}


# ---------------------------------------------------------------------------------------------
# Terms


def to_ox(value: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term or a plain Python value (str, int, float, bool, date) as an Oxigraph term."""
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    if not isinstance(value, Literal):
        if not isinstance(value, str | int | float | bool | Decimal | date | datetime):
            raise QueryError(f"cannot bind a {type(value).__name__} value", code=BAD_BINDING)
        value = Literal(value)
    if value.language:
        return ox.Literal(str(value), language=value.language)
    if value.datatype is not None:
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
    return ox.Literal(str(value))


def from_ox(term: object) -> Identifier:
    """An Oxigraph term as the rdflib term rdflib's own parsers would have made (memoised:
    results repeat the same IRIs, types and roles)."""
    try:
        return _from_ox(term)
    except TypeError:  # unhashable: not an Oxigraph term
        raise QueryError(f"unsupported RDF term in a result: {term!r}") from None


@lru_cache(maxsize=1 << 16)
def _from_ox(term: object) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=_datatype(datatype))
    raise QueryError(f"unsupported RDF term in a result: {term!r}")


@lru_cache(maxsize=256)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


def node_iri(node_id: str, graph: nx.MultiDiGraph | None = None) -> URIRef:
    """The IRI of a graph node, for binding it in a query.

    >>> str(node_iri("state:RUS"))
    'https://w3id.org/conflictgraph/id/actor/state%3ARUS'
    """
    kind = None
    if graph is not None and node_id in graph:
        kind = graph.nodes[node_id].get("kind")
    kind = kind or _KIND_OF_PREFIX.get(node_id.split(":", 1)[0])
    if not kind:
        raise QueryError(f"'{node_id}' is not a node id (state:RUS, person:...)", code=UNKNOWN_NODE)
    return resource_iri(kind, node_id)


def parse_binding(text: str) -> tuple[str, Identifier]:
    """A command-line binding ``NAME=VALUE`` as a variable name and an RDF term.

    ``VALUE`` is an IRI in ``<...>``, a node id (``state:RUS``), a prefixed name
    (``cg:mediator``), a typed literal (``2017-01-24^^xsd:date``) or else a plain string.

    >>> parse_binding("actor=state:RUS")[1].endswith("state%3ARUS")
    True
    >>> parse_binding("role=cg:mediator")
    ('role', rdflib.term.URIRef('https://w3id.org/conflictgraph/ns#mediator'))
    >>> parse_binding("code=UNSC 2254")
    ('code', rdflib.term.Literal('UNSC 2254'))
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARIABLE.fullmatch(name):
        raise QueryError(f"binding '{text}' is not NAME=VALUE", code=BAD_BINDING)
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    lexical, hat, datatype = value.rpartition("^^")
    if hat:
        return name, Literal(lexical, datatype=_expand(datatype, text))
    prefix, colon, _ = value.partition(":")
    if colon and prefix in _KIND_OF_PREFIX:
        return name, node_iri(value)
    if colon and prefix in PREFIXES and " " not in value:
        return name, _expand(value, text)
    return name, Literal(value)


def _expand(name: str, text: str) -> URIRef:
    if name.startswith("<") and name.endswith(">"):
        return URIRef(name[1:-1])
    prefix, colon, local = name.partition(":")
    if not colon or prefix not in PREFIXES:
        raise QueryError(f"binding '{text}': unknown prefix in '{name}'", code=BAD_BINDING)
    return URIRef(PREFIXES[prefix] + local)


# ---------------------------------------------------------------------------------------------
# Updates

_HIDDEN: Final = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|[?$]\w+|(?<=:)[\w.%-]+'
)
"""What cannot hold a keyword: strings, IRIs, comments, variables and the local part of
prefixed names. A prefix stays visible, since Oxigraph reads ``SERVICE:x`` as ``SERVICE :x``."""
_UPDATE_WORD: Final = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)
_REMOTE_WORD: Final = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_LOAD_WORD: Final = re.compile(r"\bLOAD\b", re.IGNORECASE)
_FROM_WORD: Final = re.compile(r"\bFROM\b", re.IGNORECASE)
_DATASET_WORD: Final = re.compile(r"\b(GRAPH|FROM)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _keywords(text: str) -> str:
    """The text with every place a keyword cannot be blanked out (memoised per query text)."""
    return _HIDDEN.sub(" ", text)


def reads_named_graphs(text: str) -> bool:
    """Whether a query may read a named graph (``GRAPH``, ``FROM``, ``FROM NAMED``), by its
    keywords; without them SPARQL reads the default graph only. A prefix spelled ``graph:``
    counts too: a false alarm only sends the query to the disk store.

    >>> reads_named_graphs("SELECT ?g WHERE { GRAPH ?g { ?s cg:evidence ?p } }")
    True
    >>> reads_named_graphs('SELECT ?graph WHERE { ?s rdfs:label "GRAPH" ; <urn:from> ?graph }')
    False
    """
    return bool(_DATASET_WORD.search(_keywords(text)))


def looks_like_update(text: str) -> bool:
    """Whether SPARQL text is an update (INSERT, DELETE, LOAD, CLEAR, DROP ...), by its keywords.

    >>> looks_like_update('DELETE WHERE { ?s cg:label "insert" }')
    True
    >>> looks_like_update('SELECT ?insert WHERE { ?s <urn:delete> "DROP" }  # CLEAR')
    False
    """
    return bool(_UPDATE_WORD.search(_keywords(text)))


def check_read_only(text: str) -> None:
    """Refuse what a read-only query must not do: ``SERVICE`` (CG607), ``LOAD`` and every other
    update form (CG602). Keywords inside strings, IRIs, comments and names do not count.

    >>> check_read_only('SELECT * WHERE { ?s rdfs:label "SERVICE; DROP ALL" }')
    >>> try:
    ...     check_read_only("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }")
    ... except QueryError as err:
    ...     print(err.code)
    CG607
    """
    words = _keywords(text)
    if _REMOTE_WORD.search(words):
        raise QueryError(
            "SERVICE calls another SPARQL endpoint over the network; queries here read the "
            "store only (the update flag allows it)",
            code=REMOTE_REFUSED,
        )
    if _LOAD_WORD.search(words):
        raise QueryError(
            "LOAD fetches a document and writes it into the store: an update, refused; pass "
            "--update (allow_update=True) to change the store",
            code=UPDATE_REFUSED,
        )
    if _UPDATE_WORD.search(words):
        raise QueryError(
            "this is a SPARQL update and the store is read-only; pass --update "
            "(allow_update=True) to change it",
            code=UPDATE_REFUSED,
        )


_OPAQUE: Final = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\s{}]*>|#[^\n]*"
)
_GROUPING: Final = re.compile(
    r"\bGROUP\s+BY\b|\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.IGNORECASE
)


def select_with(query: str, names: list[str]) -> tuple[str, list[str]] | None:
    """The query with ``names`` added to its SELECT clause where missing, and the names added.

    Oxigraph substitutes only selected variables; adding a bound variable's *name* to the
    projection (values never enter the text) and hiding the column afterwards gives rdflib's
    ``initBindings`` meaning. ASK/CONSTRUCT/DESCRIBE are returned unchanged; None for grouped
    queries, where an added variable would change the grouping.

    >>> select_with("SELECT ?label WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 }", ["iso3"])
    ('SELECT ?label ?iso3 WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 }', ['iso3'])
    >>> select_with("SELECT (COUNT(*) AS ?n) WHERE { ?a cg:iso3 ?iso3 }", ["iso3"]) is None
    True
    """
    found = _select_with(query, tuple(names))
    return None if found is None else (found[0], list(found[1]))


@lru_cache(maxsize=256)
def _select_with(query: str, names: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """The work of :func:`select_with`, memoised per query text and names."""
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), query)
    found = re.search(r"\bSELECT\b", masked, re.IGNORECASE)
    if found is None:
        return query, ()
    if _GROUPING.search(masked):
        return None
    pos = found.end()
    modifier = re.match(r"\s*(DISTINCT|REDUCED)\b", masked[pos:], re.IGNORECASE)
    if modifier:
        pos += modifier.end()
    depth, end = 0, None
    for i in range(pos, len(masked)):
        ch = masked[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and (
            ch == "{" or re.match(r"(WHERE|FROM)\b", masked[i : i + 6], re.IGNORECASE)
        ):
            end = i
            break
    if end is None:
        return None
    projection = masked[pos:end]
    if re.search(r"(^|\s)\*(\s|$)", projection):
        return query, ()
    present = set(re.findall(r"[?$]([A-Za-z0-9_]+)", projection))
    missing = tuple(n for n in names if n not in present)
    if not missing:
        return query, ()
    head = query[:end].rstrip()
    return f"{head} {' '.join('?' + n for n in missing)} {query[end:].lstrip()}", missing


# ---------------------------------------------------------------------------------------------
# The engine


class SparqlEngine:
    """SPARQL over one Oxigraph store: on disk (read-only) or in memory (from a graph).

    An on-disk engine can also keep an in-memory copy of the default graph (:meth:`mirror`):
    every lookup then skips RocksDB, about twice as fast per joined pattern, and queries that
    read no named graph (no ``GRAPH``/``FROM``) are answered from the copy, the others from
    the disk. The answers are the same; the copy costs a load and memory (see the README).
    """

    def __init__(self, store: ox.Store, *, writable: bool = False) -> None:
        self.ox = store
        self.writable = writable
        self.memory: ox.Store | None = None
        self.in_memory = False  # mirror on the first query that can use the copy

    @classmethod
    def open(cls, path: Path, *, in_memory: bool = False) -> SparqlEngine:
        """Open an on-disk store read-only; with ``in_memory``, the first default-graph query
        makes the in-memory copy (:meth:`mirror`), so exports and backups never pay for it."""
        try:
            engine = cls(ox.Store.read_only(str(path)))
        except OSError as exc:
            raise StoreError(
                f"{path}: cannot open the RDF store ({exc})", code=STORE_DAMAGED
            ) from exc
        engine.in_memory = in_memory
        return engine

    def mirror(self) -> None:
        """Copy the default graph into memory (once); later default-graph queries read it.

        Only read-only engines mirror: an update would have to reach both copies.
        """
        if self.memory is not None:
            return
        if self.writable:
            raise QueryError("a writable engine answers from its own store; no mirror needed")
        memory = ox.Store()
        try:
            memory.bulk_extend(self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        except OSError as exc:
            raise StoreError(f"cannot copy the RDF store into memory ({exc})") from exc
        self.memory = memory

    def _target(self, query: str) -> ox.Store:
        """The store that answers ``query``: the in-memory copy unless it reads named graphs."""
        if not (self.in_memory or self.memory is not None) or reads_named_graphs(query):
            return self.ox
        self.mirror()
        assert self.memory is not None
        return self.memory

    @classmethod
    def from_graph(cls, graph: Any, *, generated_at: datetime | None = None) -> SparqlEngine:
        """An in-memory engine holding ``to_rdf(graph)`` (a ConflictGraph or its networkx graph)."""
        graph = getattr(graph, "g", graph)
        store = ox.Store()
        store.load(nquads(graph, generated_at=generated_at), format=ox.RdfFormat.N_QUADS)
        return cls(store, writable=True)

    def query(self, query: str, *, allow_update: bool = False, **bindings: object) -> Result:
        """Run a query with ``bindings`` as values; updates only with ``allow_update``.

        SELECT answers rows, ASK ``askAnswer``, CONSTRUCT/DESCRIBE ``graph``; an update answers
        an empty SELECT result once applied.
        """
        substitutions = _substitutions(bindings)
        if allow_update and looks_like_update(query):
            self.update(query, has_bindings=bool(bindings))
            out = Result("SELECT")
            out.vars = []
            out.bindings = []
            return out
        if not allow_update:
            check_read_only(query)
        text, added = query, []
        if bindings:
            projected = select_with(query, list(bindings))
            if projected is None:
                return self._rdflib_query(query, bindings)
            text, added = projected
        try:
            answer = self._target(query).query(
                text, prefixes=dict(PREFIXES), substitutions=substitutions
            )
        except RuntimeError as exc:
            if bindings and "projection" in str(exc):
                return self._rdflib_query(query, bindings)
            raise QueryError(f"the query failed: {exc}") from exc
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}", code=SPARQL_SYNTAX) from exc
        except OSError as exc:
            raise QueryError(f"the query failed: {exc}") from exc
        return _result(answer, hide=added)

    def _rdflib_query(self, query: str, bindings: Mapping[str, object]) -> Result:
        """rdflib's own evaluator over this store (through oxrdflib), for bindings of variables
        the query does not select: Oxigraph substitutes selected variables only."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        from conflictgraph.rdf import quiet_rdflib

        if _FROM_WORD.search(_keywords(query)):
            raise QueryError(
                "FROM in a query whose bound variables are not selected: rdflib answers it and "
                "would fetch the named graphs from the web; select the bound variables instead",
                code=REMOTE_REFUSED,
            )
        values = {name: from_ox(to_ox(value)) for name, value in bindings.items()}
        with quiet_rdflib():
            ds = Dataset(store=OxigraphStore(store=self._target(query)))
            try:
                answer = ds.query(
                    query, initNs=dict(PREFIXES), initBindings=values, use_store_provided=False
                )
            except Exception as exc:  # rdflib raises pyparsing and assorted errors
                raise QueryError(f"SPARQL error: {exc}", code=SPARQL_SYNTAX) from exc
            if answer.type != "SELECT":
                return answer
            out = Result("SELECT")
            out.vars = list(answer.vars or [])
            out.bindings = [
                {k: _plain(v) for k, v in row.items() if v is not None} for row in answer.bindings
            ]
        return out

    def update(self, update: str, *, has_bindings: bool = False) -> None:
        """Apply a SPARQL update (no bindings: Oxigraph substitutes them in queries only)."""
        if has_bindings:
            raise QueryError("bindings are not supported in updates", code=BAD_BINDING)
        if not self.writable:
            raise QueryError("this store is open read-only", code=UPDATE_REFUSED)
        try:
            self.ox.update(update, prefixes=dict(PREFIXES))
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}", code=SPARQL_SYNTAX) from exc
        except OSError as exc:
            raise QueryError(f"the update failed: {exc}") from exc

    def triples(self) -> Iterable[tuple[Node, Node, Node]]:
        """Every triple of every graph, as rdflib terms (for :func:`conflictgraph.rdf.from_rdf`)."""
        for q in self.ox:
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def __len__(self) -> int:
        return len(self.ox)


def decode_store(engine: SparqlEngine) -> nx.MultiDiGraph:
    """The graph an engine's RDF describes; a QueryError when an update broke its shape."""
    from conflictgraph.errors import RDFError
    from conflictgraph.rdf.decode import decode

    try:
        return decode(engine.triples())
    except RDFError as exc:
        raise QueryError(
            f"the update leaves RDF that is not a conflictgraph graph, so it was not applied: "
            f"{exc.message}"
        ) from exc


def sparql_graph(
    graph: Any, query: str, *, allow_update: bool = False, **bindings: object
) -> Result:
    """SPARQL over an in-memory ConflictGraph (converted with ``to_rdf`` for each call); an
    allowed update is applied to the graph itself (decoded back with ``from_rdf``)."""
    engine = SparqlEngine.from_graph(graph.g)
    result = engine.query(query, allow_update=allow_update, **bindings)
    if allow_update and looks_like_update(query):
        new = decode_store(engine)
        graph.g.clear()
        graph.g.graph.update(new.graph)
        graph.g.add_nodes_from(new.nodes(data=True))
        graph.g.add_edges_from(new.edges(keys=True, data=True))
    return result


def nquads(graph: nx.MultiDiGraph, *, generated_at: datetime | None = None) -> bytes:
    """``to_rdf(graph)`` as N-Quads bytes (the fast way into Oxigraph)."""
    from conflictgraph.rdf import quiet_rdflib, to_rdf

    ds = to_rdf(graph, generated_at=generated_at or datetime.now(UTC))
    with quiet_rdflib():
        data = ds.serialize(format="nquads", encoding="utf-8")
    assert isinstance(data, bytes)
    return data


def _plain(term: Identifier) -> Identifier:
    """``"x"^^xsd:string`` as the plain literal ``"x"`` (the same in RDF 1.1, not in rdflib)."""
    if isinstance(term, Literal) and term.datatype == XSD.string and not term.language:
        return Literal(str(term))
    return term


def _substitutions(bindings: Mapping[str, object]) -> dict[ox.Variable, Any]:
    out: dict[ox.Variable, Any] = {}
    for name, value in bindings.items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"'{name}' is not a SPARQL variable name", code=BAD_BINDING)
        out[ox.Variable(name)] = to_ox(value)
    return out


class _Rows(Result):
    """A SELECT result whose rows share one label table, instead of each ``ResultRow``
    building its own (the same rows, a few microseconds less each)."""

    def __iter__(self) -> Iterator[Any]:
        if self.type != "SELECT" or self._genbindings:
            yield from super().__iter__()
            return
        names = list(self.vars or [])
        labels = {str(n): i for i, n in enumerate(names)}
        for b in self._bindings:
            if b:  # rdflib skips empty rows
                row = tuple.__new__(ResultRow, [b.get(n) for n in names])
                row.labels = labels
                yield row


def _result(answer: object, *, hide: Iterable[str] = ()) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(answer)
        return out
    if isinstance(answer, ox.QuerySolutions):
        out = _Rows("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        hidden = set(hide)
        keep = [(i, n) for i, n in enumerate(names) if str(n) not in hidden]
        out.vars = [n for _, n in keep]
        convert = _from_ox  # memoised: rows repeat the same IRIs, types and roles
        try:
            out.bindings = [
                {n: convert(v) for i, n in keep if (v := row[i]) is not None} for row in answer
            ]
        except TypeError:  # unhashable: not an Oxigraph term
            raise QueryError("unsupported RDF term in a result") from None
        return out
    from rdflib import Graph

    out = Result("CONSTRUCT")
    graph = Graph()
    for triple in answer:  # type: ignore[attr-defined]
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    out.graph = graph
    return out


# ---------------------------------------------------------------------------------------------
# Output


def compact(term: Node | None) -> str:
    """A term as an analyst reads it: node ids for our IRIs, ``prefix:name``, literal text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        if iri.startswith(ID_NS):
            return id_from_iri(iri)
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and _VARIABLE.fullmatch(iri[len(namespace) :] or "-"):
                return f"{prefix}:{iri[len(namespace) :]}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def python_value(term: Node | None, *, compact_iris: bool = True) -> object:
    """A term as a plain Python value: numbers and booleans typed, dates as ISO text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype in (XSD.integer, XSD.int, XSD.long) or term.datatype == XSD.boolean:
            return term.toPython()
        if term.datatype in (XSD.decimal, XSD.double, XSD.float):
            return float(term.toPython())
        return str(term)
    return compact(term) if compact_iris else str(term)


def records(result: Result, *, compact_iris: bool = True) -> list[dict[str, object]]:
    """SELECT rows as plain dicts (node ids for our IRIs, numbers as numbers, dates as text)."""
    if result.type != "SELECT":
        raise QueryError(f"{result.type} results have no rows")
    names = [str(v) for v in result.vars or []]
    out: list[dict[str, object]] = []
    for row in result:
        assert isinstance(row, ResultRow)
        out.append({n: python_value(row[n], compact_iris=compact_iris) for n in names})
    return out


def format_result(result: Result, fmt: str = "table", *, max_width: int = 80) -> str:
    """A result as an aligned text table, CSV (compact values) or SPARQL 1.1 JSON results."""
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(
            f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}"
        )
    if result.type == "ASK":
        return (
            json.dumps({"head": {}, "boolean": result.askAnswer})
            if fmt == "json"
            else ("true" if result.askAnswer else "false")
        )
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        text = result.graph.serialize(format="nt" if fmt == "csv" else "turtle")
        return text if isinstance(text, str) else text.decode("utf-8")
    if fmt == "json":
        data = result.serialize(format="json")
        assert data is not None
        return data.decode("utf-8")
    names = [str(v) for v in result.vars or []]
    rows = [[compact(row[n]) for n in names] for row in result]  # type: ignore[index]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buf.getvalue().rstrip("\n")
    return text_table(names, rows, max_width=max_width)


def text_table(names: list[str], rows: list[list[str]], *, max_width: int = 80) -> str:
    """An aligned plain-text table; cells are clipped to ``max_width`` characters."""

    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[clip(c) for c in row] for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    if not rows:
        lines.append("(no rows)")
    return "\n".join(lines)
