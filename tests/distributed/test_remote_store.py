"""The remote store against a real Oxigraph server: add, query, update, push, pull, a server
that is down or stops mid-push, credentials kept out of messages. Hand-made extractions (no
spaCy) keep these tests fast."""

from __future__ import annotations

import dataclasses
import json
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from services import OxigraphServer, canonical, free_port

from conflictgraph.cli import cli
from conflictgraph.errors import QueryError, StoreError, StoreLockedError
from conflictgraph.model import ArticleExtraction
from conflictgraph.query import demo_extractions
from conflictgraph.store import Store, records
from conflictgraph.store.remote import (
    SYSTEM_GRAPH,
    RemoteConfig,
    RemoteStore,
    pull_store,
    push_store,
)

pytestmark = pytest.mark.distributed


def many_extractions(n: int) -> list[ArticleExtraction]:
    """``n`` distinct articles made from the two demo extractions."""
    base = demo_extractions()
    out = []
    for i in range(n):
        ex = base[i % 2]
        art = dataclasses.replace(
            ex.article, id=f"{ex.article.id}-{i}", text=f"{ex.article.text} #{i}"
        )
        out.append(dataclasses.replace(ex, article=art))
    return out


GENERATED_AT = "http://www.w3.org/ns/prov#generatedAtTime"


def quad_bag(quads: list[ox.Quad], *, stamps: bool = True) -> Counter[tuple[str, ...]]:
    """Quads as a multiset, blank nodes blurred (their labels differ between stores), without
    the build times unless ``stamps``."""

    def term(t: object) -> str:
        return "_:b" if isinstance(t, ox.BlankNode) else str(t)

    return Counter(
        (term(q.subject), str(q.predicate), term(q.object), str(q.graph_name))
        for q in quads
        if stamps or q.predicate.value != GENERATED_AT
    )


def comparable_info(info: dict[str, object]) -> dict[str, object]:
    """``info`` without what differs between two stores of the same articles by nature."""
    out = {k: v for k, v in info.items() if k not in {"path", "bytes", "created", "generation"}}
    out["article_list"] = [
        {k: v for k, v in a.items() if k != "added"}  # type: ignore[union-attr]
        for a in info["article_list"]  # type: ignore[union-attr]
    ]
    return out


@pytest.fixture
def local_db(tmp_path: Path) -> Path:
    db = tmp_path / "local.db"
    with Store.open(db, create=True) as store:
        store.add_extractions(many_extractions(120))
    return db


def test_add_is_incremental_and_idempotent(oxigraph: OxigraphServer) -> None:
    exs = many_extractions(4)
    with RemoteStore.open(oxigraph.url, create=True) as remote:
        first = remote.add_extractions(exs[:2])
        second = remote.add_extractions(exs)
        again = remote.add_extractions(exs)
        assert (len(first.added), len(second.added), len(second.unchanged)) == (2, 2, 2)
        assert not again.changed and len(again.unchanged) == 4
        assert again.generation == second.generation == 2
        held = remote.graph()
    with Store.open(oxigraph.location.parent / "embedded.db", create=True) as store:
        store.add_extractions(exs[:2])
        store.add_extractions(exs)
        assert canonical(held.to_node_link()) == canonical(store.graph().to_node_link())
        assert json.dumps(held.to_node_link(), sort_keys=True) == json.dumps(
            store.graph().to_node_link(), sort_keys=True
        )


def test_queries_bindings_and_updates_work_as_on_the_embedded_store(
    oxigraph: OxigraphServer, tmp_path: Path
) -> None:
    exs = demo_extractions()
    query = "SELECT ?label WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 } ORDER BY ?label"
    fix = 'INSERT DATA { <urn:x> rdfs:label "x" }'
    with (
        Store.open(tmp_path / "db", create=True) as store,
        RemoteStore.open(oxigraph.url, create=True) as remote,
    ):
        store.add_extractions(exs)
        remote.add_extractions(exs)
        assert records(remote.sparql(query, iso3="TUR")) == records(store.sparql(query, iso3="TUR"))
        ask = "ASK { ?e a sem:Event }"
        assert remote.sparql(ask).askAnswer is store.sparql(ask).askAnswer is True
        with pytest.raises(QueryError, match="CG602"):
            remote.sparql(fix)
        with pytest.raises(QueryError, match="CG601"):
            remote.sparql("SELECT WHERE {")
        remote.sparql(fix, allow_update=True)
        store.sparql(fix, allow_update=True)
        remote.add_extractions(many_extractions(3))  # the update is replayed after an add
        store.add_extractions(many_extractions(3))
        probe = 'SELECT ?s WHERE { ?s rdfs:label "x" }'
        assert records(remote.sparql(probe)) == records(store.sparql(probe)) == [{"s": "<urn:x>"}]
        assert comparable_info(remote.info()) == comparable_info(store.info())
        ours = quad_bag(list(store.engine().ox), stamps=False)
        assert quad_bag(remote.quads(), stamps=False) == ours


def test_push_then_pull_gives_the_same_store(
    oxigraph: OxigraphServer, local_db: Path, tmp_path: Path
) -> None:
    remote = RemoteStore.open(oxigraph.url, create=True)
    summary = push_store(local_db, remote)
    assert summary["articles"] == 120 and summary["extractions_sent"] == 120
    with Store.open(local_db) as local:
        assert quad_bag(remote.quads()) == quad_bag(list(local.engine().ox))
        assert comparable_info(remote.info()) == comparable_info(local.info())
        expected = json.dumps(local.graph().to_node_link(), sort_keys=True)
        assert json.dumps(remote.graph().to_node_link(), sort_keys=True) == expected
    again = push_store(local_db, remote)  # idempotent, and sends no extraction twice
    assert again["extractions_sent"] == 0
    assert quad_bag(remote.quads()) == quad_bag(list(Store.open(local_db).engine().ox))
    copy = tmp_path / "copy.db"
    report = pull_store(RemoteStore.open(oxigraph.url), copy)
    assert len(report.added) == 120
    with Store.open(copy) as pulled:
        assert json.dumps(pulled.graph().to_node_link(), sort_keys=True) == expected
        assert [a["id"] for a in pulled.articles()] == [a["id"] for a in remote.articles()]


def test_a_server_that_is_down_is_a_clear_error_and_nothing_changes_here(
    local_db: Path, tmp_path: Path
) -> None:
    url = f"sparql+http://127.0.0.1:{free_port()}/"
    with pytest.raises(StoreError, match=r"CG505.*does not answer"):
        RemoteStore.open(url)
    before = sorted(p.name for p in local_db.rglob("*"))
    result = CliRunner().invoke(cli, ["push", "--db", str(local_db), "--store", url])
    assert result.exit_code == 1
    assert "CG505" in str(result.exception)
    assert sorted(p.name for p in local_db.rglob("*")) == before
    result = CliRunner().invoke(cli, ["pull", "--db", str(tmp_path / "new.db"), "--store", url])
    assert result.exit_code == 1 and not (tmp_path / "new.db").exists()


def test_a_server_stopped_mid_push_is_completed_by_pushing_again(
    oxigraph: OxigraphServer, local_db: Path
) -> None:
    remote = RemoteStore.open(oxigraph.url, create=True)
    calls = []

    def stop_after_first_batch(n: int) -> None:
        calls.append(n)
        if len(calls) == 1:
            oxigraph.stop()

    with pytest.raises(StoreError, match="CG505"):
        push_store(local_db, remote, progress=stop_after_first_batch)
    oxigraph.start()  # same folder, same port
    remote.refresh()
    push_store(local_db, remote)
    with Store.open(local_db) as local:
        assert quad_bag(remote.quads()) == quad_bag(list(local.engine().ox))
        assert len(remote.articles()) == 120
        assert remote.info()["triples"] == local.info()["triples"]


def test_credentials_come_from_the_environment_or_a_file_and_are_never_shown(
    oxigraph: OxigraphServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(StoreError, match="CG507") as err:
        RemoteStore.open(f"sparql+http://alice:s3cret@127.0.0.1:{oxigraph.port}/")
    assert "s3cret" not in str(err.value)
    monkeypatch.setenv("CONFLICTGRAPH_STORE_TOKEN", "t0ken-value")
    config = tmp_path / "store.toml"
    config.write_text(
        f'[store]\nurl = "{oxigraph.url}"\nquery = "nowhere"\npassword = "filepass"\n'
        'username = "bob"\n',
        encoding="utf-8",
    )
    with pytest.raises(StoreError, match=r"CG506.*HTTP 404") as err:
        RemoteStore.open(config, create=True)
    assert "t0ken-value" not in str(err.value) and "filepass" not in str(err.value)
    loaded = RemoteConfig.from_file(config)
    assert "t0ken-value" not in repr(loaded) and "filepass" not in repr(loaded)
    assert loaded.headers() == {"Authorization": "Bearer t0ken-value"}
    monkeypatch.delenv("CONFLICTGRAPH_STORE_TOKEN")
    assert RemoteConfig.from_file(config).headers()["Authorization"].startswith("Basic ")


def test_the_cli_reads_and_writes_through_store(oxigraph: OxigraphServer, tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store.open(db, create=True) as store:
        store.add_extractions(demo_extractions())
    runner = CliRunner()
    pushed = runner.invoke(cli, ["push", "--db", str(db), "--store", oxigraph.url, "--json"])
    assert pushed.exit_code == 0, pushed.output
    for args in (
        ["info", "--json"],
        ["events", "--format", "json"],
        ["timeline", "Russia", "--format", "json"],
        ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?e a sem:Event }"],
    ):
        here = runner.invoke(cli, [*args, "--db", str(db)])
        there = runner.invoke(cli, [*args, "--store", oxigraph.url])
        assert there.exit_code == 0, there.output
        if args[0] == "info":
            assert comparable_info(json.loads(there.output)) == comparable_info(
                json.loads(here.output)
            )
        else:
            assert there.output == here.output
    out = tmp_path / "remote.nq"
    args = ["export", "--format", "nq", "--out", str(out), "--store", oxigraph.url]
    assert runner.invoke(cli, args).exit_code == 0
    with Store.open(db) as store:
        assert len(out.read_text(encoding="utf-8").splitlines()) == store.info()["triples"]


def test_a_redirect_is_refused_so_credentials_never_travel_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str | None] = []

    class Elsewhere(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen.append(self.headers.get("Authorization"))
            self.send_response(200)
            self.end_headers()

        do_GET = do_POST

        def log_message(self, *args: object) -> None:
            pass

    elsewhere = ThreadingHTTPServer(("127.0.0.1", 0), Elsewhere)

    class Redirect(Elsewhere):
        def do_POST(self) -> None:
            self.send_response(302)  # urllib follows a 302 with GET, headers included
            self.send_header("Location", f"http://127.0.0.1:{elsewhere.server_port}/query")
            self.end_headers()

    redirecting = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    for server in (elsewhere, redirecting):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("CONFLICTGRAPH_STORE_TOKEN", "t0ken-value")
    try:
        with pytest.raises(StoreError, match=r"CG506.*HTTP 302"):
            RemoteStore.open(f"sparql+http://127.0.0.1:{redirecting.server_port}/")
    finally:
        for server in (elsewhere, redirecting):
            server.shutdown()
            server.server_close()
    assert seen == []


def test_one_writer_at_a_time_and_stale_locks_are_taken_over(oxigraph: OxigraphServer) -> None:
    remote = RemoteStore.open(oxigraph.url, create=True)
    lock = f"<{SYSTEM_GRAPH}/lock> <{SYSTEM_GRAPH}#holder>"

    def hold(**holder: object) -> None:
        """Another writer's lock, written as that writer would."""
        text = json.dumps(json.dumps(holder, sort_keys=True))  # a valid SPARQL string too
        oxigraph.update(f"INSERT DATA {{ GRAPH <{SYSTEM_GRAPH}> {{ {lock} {text} }} }}")

    now = time.time()
    hold(token="a", host="elsewhere.example", pid=42, since="2026-01-01", expires=now + 600)
    with pytest.raises(StoreLockedError, match=r"CG501.*elsewhere\.example, pid 42"):
        remote.add_extractions(many_extractions(2))
    with pytest.raises(StoreLockedError, match="CG501"):
        remote.sparql('INSERT DATA { <urn:x> <urn:y> "z" }', allow_update=True)
    remote.break_lock()
    hold(token="b", host="elsewhere.example", pid=42, since="2026-01-01", expires=now - 1)
    assert len(remote.add_extractions(many_extractions(2)).added) == 2  # expired: taken over
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    hold(token="c", host=socket.gethostname(), pid=gone.pid, since="2026-01-01", expires=now + 600)
    assert len(remote.add_extractions(many_extractions(3)).added) == 1  # its holder is gone
    probe = f"ASK {{ GRAPH <{SYSTEM_GRAPH}> {{ {lock} ?h }} }}"
    assert remote.sparql(probe).askAnswer is False  # released after each write
