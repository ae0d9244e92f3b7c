"""The store commands as a user runs them: add, sparql, timeline, events, info, export; help
with an example; library errors as one line; kill -9 during ``add``; one writer at a time."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner, Result

from conflictgraph.cli import cli
from conflictgraph.ingest.readers import read_inputs
from conflictgraph.query import demo_extractions
from conflictgraph.store import Store
from conflictgraph.store.lock import FileLock

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
# The sample corpus grows; count it instead of hard-coding its size.
N_BRIEFS = sum(1 for line in (ARTICLES / "briefs.jsonl").read_text().splitlines() if line.strip())


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conflictgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    with Store.open(path, create=True) as store:
        store.add_extractions(demo_extractions())
    return path


def test_every_command_has_help_that_ends_with_an_example() -> None:
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        help_text = (command.help or "").strip()
        assert help_text.splitlines()[-1].strip().startswith("Example: conflictgraph "), name
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Example: conflictgraph" in result.output
    for name in ("add", "sparql", "timeline", "events", "info", "export"):
        assert "--db" in invoke(name, "--help").output


def test_timeline_table_csv_and_json(db: Path) -> None:
    table = invoke("timeline", "russia", "--db", str(db)).output.splitlines()
    assert table[0].split() == ["when", "roles", "event_type", "label", "place", "status", "with"]
    assert table[2].split()[:2] == ["2016-12-29", "guarantor"]
    assert table[3].split()[:2] == ["2017-01-23..2017-01-24", "organizer"]
    rows = list(
        csv.DictReader(
            io.StringIO(invoke("timeline", "Russia", "--db", str(db), "--format", "csv").output)
        )
    )
    assert [r["label"] for r in rows] == ["Ceasefire agreement", "Astana talks"]
    data = json.loads(
        invoke(
            "timeline", "state:RUS", "--db", str(db), "--from", "2017", "--format", "json"
        ).output
    )
    assert [d["label"] for d in data] == ["Astana talks"] and data[0]["roles"] == ["organizer"]


def test_events_with_filters(db: Path) -> None:
    out = invoke("events", "--db", str(db), "--from", "2016-12", "--to", "2016-12").output
    assert "Ceasefire agreement" in out and "Astana talks" not in out
    out = invoke("events", "--db", str(db), "--type", "04", "--place", "Kazakhstan").output
    assert "Astana talks" in out and "Kazakhstan (host)" in out
    out = invoke(
        "events", "--db", str(db), "--actor", "Turkey", "--role", "guarantor", "--format", "json"
    ).output
    assert [e["label"] for e in json.loads(out)] == ["Ceasefire agreement"]
    assert "(no rows)" in invoke("events", "--db", str(db), "--status", "refused").output


def test_info_and_sparql(db: Path) -> None:
    out = invoke("info", "--db", str(db)).output
    assert "articles   2" in out and "3 events" in out and "2016-12 .. 2017-01-24" in out
    assert "demo-20170124" in out
    info = json.loads(invoke("info", "--db", str(db), "--json").output)
    assert info["counts"]["event"] == 3
    q = "SELECT ?label WHERE { ?a rdfs:label ?label ; cg:iso3 ?iso3 }"
    out = invoke("sparql", q, "--db", str(db), "--bind", "iso3=IRN").output
    assert out.split() == ["label", "-----", "Iran"]
    out = invoke("sparql", q, "--db", str(db), "--bind", "iso3=IRN", "--format", "json").output
    assert json.loads(out)["results"]["bindings"][0]["label"]["value"] == "Iran"
    rq = db.parent / "q.rq"
    rq.write_text("SELECT ?e WHERE { ?e a sem:Event } ORDER BY ?e", encoding="utf-8")
    out = invoke("sparql", f"@{rq}", "--db", str(db), "--format", "csv").output
    assert out.splitlines() == [
        "e",
        "event:astana-talks",
        "event:ceasefire",
        "event:unsc-endorsement",
    ]


def test_sparql_update_needs_the_flag(db: Path) -> None:
    update = 'INSERT DATA { <urn:note> rdfs:comment "checked" }'
    proc = run("sparql", update, "--db", str(db), cwd=db.parent)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error: [CG602]") and len(proc.stderr.splitlines()) == 1
    proc = run("sparql", update, "--db", str(db), "--update", cwd=db.parent)
    assert proc.returncode == 0 and "update applied (generation 2)" in proc.stderr
    out = invoke("sparql", "ASK { <urn:note> rdfs:comment ?c }", "--db", str(db)).output
    assert out.strip() == "true"


def test_export_formats(db: Path, tmp_path: Path) -> None:
    for fmt in ("json", "ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "html"):
        out = tmp_path / f"g.{fmt}"
        assert invoke("export", "--format", fmt, "--out", str(out), "--db", str(db)).exit_code == 0
        assert out.stat().st_size > 0
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 14
    invoke("export", "--format", "csv", "--out", str(tmp_path / "tables"), "--db", str(db))
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == [
        "edges.csv",
        "events.csv",
        "nodes.csv",
    ]


def test_library_errors_are_one_clean_line(db: Path, tmp_path: Path) -> None:
    cases = [
        (("timeline", "Nobody", "--db", str(db)), "CG604"),
        (("timeline", "Turkey", "--db", str(tmp_path / "none")), "CG502"),
        (("sparql", "SELECT WHERE", "--db", str(db)), "CG601"),
        (("sparql", "SELECT * WHERE { ?s ?p ?o }", "--db", str(db), "--bind", "x"), "CG603"),
        (("events", "--from", "soon", "--db", str(db)), "CG606"),
    ]
    for args, code in cases:
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 1, args
        assert proc.stderr.startswith(f"error: [{code}]"), proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_a_second_writer_is_told_who_writes(db: Path) -> None:
    lock = FileLock(db / "LOCK")
    assert lock.acquire()
    try:
        proc = run("add", str(ARTICLES), "--db", str(db), cwd=db.parent)
    finally:
        lock.release()
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: [CG501]") and f"pid {os.getpid()}" in proc.stderr


@pytest.mark.model
def test_add_is_incremental_and_idempotent(tmp_path: Path) -> None:
    first = run("add", str(ARTICLES / "briefs.jsonl"), "--db", "x.db", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"added {N_BRIEFS} new, 0 replaced, 0 already stored")
    second = run("add", str(ARTICLES), "--db", "x.db", "--json", cwd=tmp_path)
    summary = json.loads(second.stdout)
    total = len(read_inputs([ARTICLES]).articles)
    assert summary["unchanged"] == N_BRIEFS and len(summary["added"]) == total - N_BRIEFS
    third = run("add", str(ARTICLES), "--db", "x.db", cwd=tmp_path)
    assert third.stdout.startswith(f"nothing new: 0 new, 0 replaced, {total} already stored")
    assert "(generation 2," in third.stdout


@pytest.mark.model
def test_kill_9_during_add_leaves_the_store_as_before(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    marker = tmp_path / "paused"
    proc = subprocess.Popen(
        [sys.executable, "-m", "conflictgraph", "add", str(ARTICLES), "--db", str(db)],
        env={
            **os.environ,
            "CONFLICTGRAPH_STORE_PAUSE": "generation",
            "CONFLICTGRAPH_STORE_PAUSE_MARKER": str(marker),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    while not marker.exists():
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    info = json.loads(run("info", "--db", str(db), "--json", cwd=tmp_path).stdout)
    assert info["generation"] == 0 and info["articles"] == 0
    done = run("add", str(ARTICLES), "--db", str(db), cwd=tmp_path)
    total = len(read_inputs([ARTICLES]).articles)
    assert done.returncode == 0 and f"{total} articles" in done.stdout
    assert not [p for p in db.iterdir() if p.name.endswith(".tmp")]
