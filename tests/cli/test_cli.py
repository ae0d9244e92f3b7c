"""The command line as a user runs it: a subprocess, real files, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib

from conflictgraph.cli import cli

pytestmark = pytest.mark.model

ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in "
    "Moscow on Tuesday. The two ministers agreed to support the ceasefire in Syria."
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conflictgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    d = tmp_path_factory.mktemp("cli")
    (d / "in").mkdir()
    (d / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "in" / "good.meta.json").write_text(
        json.dumps({"published": "2016-12-20"}), encoding="utf-8"
    )
    (d / "in" / "empty.txt").write_text("", encoding="utf-8")
    (d / "in" / "bad.jsonl").write_text('{"text": "x"\n', encoding="utf-8")
    proc = run("build", "in", "missing.txt", "--out", "out", cwd=d)
    return d, proc


def test_build_writes_the_four_files_and_a_summary(built) -> None:  # type: ignore[no-untyped-def]
    d, proc = built
    for name in ("graph.json", "graph.ttl", "graph.trig", "graph.html"):
        assert (d / "out" / name).stat().st_size > 0
    assert "1 articles ->" in proc.stdout and "events" in proc.stdout
    assert "out/graph.html" in proc.stdout


def test_skipped_inputs_are_named_and_change_the_exit_code(built) -> None:  # type: ignore[no-untyped-def]
    _, proc = built
    assert proc.returncode == 3
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("skipped:")]
    assert len(lines) == 3
    assert any("empty.txt: empty file" in ln for ln in lines)
    assert any("bad.jsonl:1: malformed JSON line" in ln for ln in lines)
    assert any("missing.txt: no such file" in ln for ln in lines)
    assert "Traceback" not in proc.stderr


def test_outputs_parse_in_networkx_rdflib_and_oxigraph(built) -> None:  # type: ignore[no-untyped-def]
    d, _ = built
    data = json.loads((d / "out" / "graph.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    labels = {a["label"] for _, a in g.nodes(data=True)}
    assert {"Sergei Lavrov", "Mevlut Cavusoglu", "Moscow", "Russia", "Turkey"} <= labels
    ttl = (d / "out" / "graph.ttl").read_text(encoding="utf-8")
    trig = (d / "out" / "graph.trig").read_text(encoding="utf-8")
    assert len(rdflib.Graph().parse(data=ttl, format="turtle")) > 50
    n_ox = len(list(pyoxigraph.parse(ttl.encode(), format=pyoxigraph.RdfFormat.TURTLE)))
    assert n_ox == len(rdflib.Graph().parse(data=ttl, format="turtle"))
    quads = list(pyoxigraph.parse(trig.encode(), format=pyoxigraph.RdfFormat.TRIG))
    assert len({q.graph_name for q in quads}) >= 2  # the default graph and the article's graph


def test_meeting_is_dated_from_the_sidecar_publication_date(built) -> None:  # type: ignore[no-untyped-def]
    d, _ = built
    data = json.loads((d / "out" / "graph.json").read_text(encoding="utf-8"))
    meetings = [n for n in data["nodes"] if n["kind"] == "event" and n["cameo_root"] == "04"]
    assert [m["start"] for m in meetings] == ["2016-12-20"]


def test_published_option_and_undated_notice(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("build", "a.txt", "--out", "o", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0
    assert "no publication date" in proc.stdout
    proc = run(
        "build",
        "a.txt",
        "--out",
        "o2",
        "--format",
        "json",
        "--published",
        "2016-12-20",
        cwd=tmp_path,
    )
    assert "no publication date" not in proc.stdout
    assert not (tmp_path / "o2" / "graph.html").exists()


def test_bad_option_values_are_one_line(tmp_path: Path) -> None:
    proc = run("build", "x.txt", "--out", "o", "--published", "soon", cwd=tmp_path)
    assert (
        proc.returncode == 2 and "is not a date" in proc.stderr and "Traceback" not in proc.stderr
    )
    proc = run("build", "x.txt", "--out", "o", "--format", "pdf", cwd=tmp_path)
    assert proc.returncode == 2 and "unknown format" in proc.stderr


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name


def test_a_single_format_into_a_new_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("build", "a.txt", "--out", "new/deeper", "--format", "html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "new" / "deeper" / "graph.html").stat().st_size > 0
