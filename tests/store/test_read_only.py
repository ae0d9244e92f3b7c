"""Read-only SPARQL: SERVICE (a call to another endpoint), LOAD and every update form are refused
with a CG6xx error unless the update flag is given, also with a hostile bound value. A real
HTTP server on 127.0.0.1 counts the requests that would have left the process."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from conflictgraph.cli import cli
from conflictgraph.errors import QueryError
from conflictgraph.query import demo_extractions, demo_graph
from conflictgraph.store import SparqlEngine, Store, records

HOSTILE = 'Iran" } ; DROP ALL ; #'


class _Endpoint(BaseHTTPRequestHandler):
    """Answers SERVICE calls with one row and LOAD with one triple; counts every request."""

    hits: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.hits.append(f"POST {self.path}")
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        row = b'{"x":{"type":"literal","value":"remote"}}'
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[' + row + b"]}}"
        self._send(body, "application/sparql-results+json")

    def do_GET(self) -> None:
        self.hits.append(f"GET {self.path}")
        self._send(b'<urn:remote> <urn:says> "loaded" .\n', "application/n-triples")

    def _send(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "db", create=True) as store:
        store.add_extractions(demo_extractions())
        yield store


def refused(endpoint: str) -> list[tuple[str, str]]:
    """Queries that must be refused, with the code each gets."""
    e = endpoint
    return [
        (f"SELECT * WHERE {{ SERVICE <{e}/sparql> {{ ?s ?p ?name }} }}", "CG607"),
        (f"SELECT * WHERE {{ SERVICE SILENT <{e}/sparql> {{ ?s ?p ?name }} }}", "CG607"),
        (f"PREFIX : <{e}/> SELECT * WHERE {{ SERVICE:sparql{{ ?s ?p ?name }} }}", "CG607"),
        (f"PREFIX x: <{e}/> SELECT * WHERE {{ sErViCe x:sparql {{ ?s ?p ?name }} }}", "CG607"),
        ("SELECT * WHERE { ?s rdfs:label ?name SERVICE ?where { ?s ?p ?o } }", "CG607"),
        (f"LOAD <{e}/data.nt>", "CG602"),
        (f"LOAD SILENT <{e}/data.nt> INTO GRAPH <urn:g>", "CG602"),
        ('INSERT DATA { <urn:a> rdfs:label "x" }', "CG602"),
        ('DELETE DATA { <urn:a> rdfs:label "x" }', "CG602"),
        ("DELETE WHERE { ?s rdfs:label ?name }", "CG602"),
        (
            'DELETE { ?s rdfs:label ?name } INSERT { ?s rdfs:label "y" } WHERE { ?s ?p ?name }',
            "CG602",
        ),
        ("WITH <urn:g> DELETE { ?s ?p ?name } WHERE { ?s ?p ?name }", "CG602"),
        ("CLEAR ALL", "CG602"),
        ("CLEAR DEFAULT", "CG602"),
        ("DROP ALL", "CG602"),
        ("DROP SILENT GRAPH <urn:g>", "CG602"),
        ("CREATE GRAPH <urn:g>", "CG602"),
        ("COPY DEFAULT TO <urn:g>", "CG602"),
        ("MOVE DEFAULT TO <urn:g>", "CG602"),
        ("ADD DEFAULT TO <urn:g>", "CG602"),
        ("SELECT * WHERE { ?s ?p ?name } ; DROP ALL", "CG602"),
        ('SELECT * WHERE { ?s ?p "x" } ; DROP ALL ; #', "CG602"),
    ]


def test_refused_without_the_flag_even_with_a_hostile_binding(db: Store, endpoint: str) -> None:
    _Endpoint.hits.clear()
    before = (db.generation, len(db.engine()))
    for query, code in refused(endpoint):
        for bindings in ({}, {"name": HOSTILE}, {"where": URIRef(endpoint + "/sparql")}):
            with pytest.raises(QueryError) as err:
                db.sparql(query, **bindings)
            assert err.value.code == code, query
            assert str(err.value).startswith(f"[{code}]")
    db.refresh()
    assert (db.generation, len(db.engine())) == before
    assert _Endpoint.hits == []


def test_the_in_memory_engine_refuses_alike(endpoint: str) -> None:
    _Endpoint.hits.clear()
    graph = demo_graph()
    before = graph.to_node_link()
    for query, code in refused(endpoint):
        with pytest.raises(QueryError) as err:
            graph.sparql(query, name=HOSTILE)
        assert err.value.code == code, query
    assert graph.to_node_link() == before
    assert _Endpoint.hits == []


def test_a_hostile_value_is_only_a_value(db: Store) -> None:
    q = "SELECT ?a WHERE { ?a rdfs:label ?name }"
    assert list(db.sparql(q, name=HOSTILE)) == []
    assert records(db.sparql(q, name="Iran")) == [{"a": "state:IRN"}]
    assert len(db.sparql("SELECT ?e WHERE { ?e a sem:Event }", name=HOSTILE)) == 3


def test_keywords_in_strings_iris_comments_and_names_are_not_commands(db: Store) -> None:
    q = (
        "PREFIX ex: <urn:drop:> SELECT ?s WHERE {\n"
        '  ?s rdfs:label "SERVICE <x> { } ; DROP ALL ; LOAD <y>" .  # INSERT DATA, CLEAR ALL\n'
        "  ?s <urn:service/load> ex:drop ; cg:insert ?clear .\n"
        "}"
    )
    assert list(db.sparql(q)) == []
    with pytest.raises(QueryError) as err:  # a prefix named like a keyword is taken as one
        db.sparql("PREFIX drop: <urn:x:> SELECT * WHERE { ?s ?p drop:all }")
    assert err.value.code == "CG602"


def test_the_flag_allows_service_and_load(endpoint: str, tmp_path: Path) -> None:
    _Endpoint.hits.clear()
    engine = SparqlEngine.from_graph(demo_graph())
    rows = engine.query(
        f"SELECT ?x WHERE {{ SERVICE <{endpoint}/q> {{ ?s ?p ?x }} }}", allow_update=True
    )
    assert [r.x for r in rows] == [Literal("remote")]
    engine.query(f"LOAD <{endpoint}/data.nt> INTO GRAPH <urn:g>", allow_update=True)
    assert engine.query("ASK { GRAPH <urn:g> { <urn:remote> <urn:says> ?o } }").askAnswer
    assert _Endpoint.hits == ["POST /q", "GET /data.nt"]


def test_the_cli_refuses_with_one_line(db: Store, endpoint: str) -> None:
    _Endpoint.hits.clear()
    path = str(db.path)
    for query, code in refused(endpoint)[::7]:
        args = ["sparql", query, "--db", path, "--bind", f"name={HOSTILE}"]
        proc = subprocess.run(
            [sys.executable, "-m", "conflictgraph", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.startswith(f"error: [{code}]") and len(proc.stderr.splitlines()) == 1
    q = "SELECT ?a WHERE { ?a rdfs:label ?name }"
    result = CliRunner().invoke(cli, ["sparql", q, "--db", path, "--bind", f"name={HOSTILE}"])
    assert result.exit_code == 0 and "(no rows)" in result.output
    assert _Endpoint.hits == []
