"""The hostile corpus through the command line, as a user runs it: every skip is one line with
its code, the exit status says inputs were skipped, every valid article reaches the graph, the
outputs parse, and existing outputs are only replaced with --force."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner

from conflictgraph.cli import cli
from conflictgraph.ingest import read_inputs
from conflictgraph.ingest.readers import sanitize
from conflictgraph.rdf import quiet_rdflib
from conflictgraph.resolve.identity import article_id

sys.path.insert(0, str(Path(__file__).parent / "data"))
import make_hostile as mh

ARTICLE = mh.prose("cli")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conflictgraph", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, list[mh.Case], subprocess.CompletedProcess[str]]]:
    d = tmp_path_factory.mktemp("hostile-cli")
    special = d / "special"
    cases = mh.write_special(special)
    proc = run("build", mh.HERE, special, "--out", d / "out", cwd=d)
    yield d, cases, proc
    mh.restore_permissions(special)


@pytest.mark.model
def test_every_skip_is_one_line_with_its_code(built) -> None:  # type: ignore[no-untyped-def]
    d, special_cases, proc = built
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("skipped: [CG")]
    expected = []
    for folder, cases in ((mh.HERE, mh.load_manifest()), (d / "special", special_cases)):
        for case in cases:
            for rel, code, message in case.skipped:
                if code == mh.UNSUPPORTED:
                    continue  # a folder walk passes over other formats with a notice
                expected.append(f"skipped: [{code}] {sanitize(str(folder))}/{rel}: ")
                assert any(ln.startswith(expected[-1]) and message in ln for ln in lines), rel
    assert len(lines) == len(expected)
    assert f"{len(expected)} input(s) skipped (see above): " in proc.stdout
    assert "5 CG112 unsafe xml" in proc.stdout  # the summary counts skips by code


@pytest.mark.model
def test_every_valid_article_reached_the_graph(built) -> None:  # type: ignore[no-untyped-def]
    d, special_cases, _ = built
    report = read_inputs([mh.HERE, d / "special"])
    want = sum(c.articles for c in mh.load_manifest()) + sum(c.articles for c in special_cases)
    assert len(report.articles) == want
    data = json.loads((d / "out" / "graph.json").read_text(encoding="utf-8"))
    in_graph = {n["id"] for n in data["nodes"] if n["kind"] == "article"}
    assert in_graph == {article_id(a.id) for a in report.articles}
    # one pair of inputs is the same text (a symlink to a file also read): one node
    assert len(in_graph) == want - 1


@pytest.mark.model
def test_outputs_parse_in_rdflib_and_oxigraph(built) -> None:  # type: ignore[no-untyped-def]
    d, _, _ = built
    ttl = (d / "out" / "graph.ttl").read_bytes()
    n = len(rdflib.Graph().parse(data=ttl, format="turtle"))
    assert n > 1000
    assert n == len(list(pyoxigraph.parse(ttl, format=pyoxigraph.RdfFormat.TURTLE)))
    trig = (d / "out" / "graph.trig").read_bytes()
    quads = list(pyoxigraph.parse(trig, format=pyoxigraph.RdfFormat.TRIG))
    ds = rdflib.Dataset()
    with quiet_rdflib():
        ds.parse(data=trig, format="trig")
        assert len(quads) == sum(1 for _ in ds.quads((None, None, None, None)))
    html = (d / "out" / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x onerror" not in html and "<script>alert(" not in html


@pytest.mark.model
def test_existing_outputs_need_force(built) -> None:  # type: ignore[no-untyped-def]
    d, _, _ = built
    before = {p.name: p.read_bytes() for p in (d / "out").iterdir()}
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("build", "a.txt", "--out", "out", cwd=d)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        "error: [CG401] out: graph.json, graph.ttl, graph.trig, graph.html already exist; "
        "give --force to overwrite"
    )
    assert {p.name: p.read_bytes() for p in (d / "out").iterdir()} == before
    proc = run("build", "a.txt", "--out", "out", "--format", "json", "--force", "--json", cwd=d)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["skipped_inputs"] == []
    data = json.loads((d / "out" / "graph.json").read_text(encoding="utf-8"))
    assert len([n for n in data["nodes"] if n["kind"] == "article"]) == 1
    assert (d / "out" / "graph.ttl").read_bytes() == before["graph.ttl"]  # not asked for


@pytest.mark.model
def test_strict_writes_nothing(built) -> None:  # type: ignore[no-untyped-def]
    d, _, _ = built
    proc = run(
        "build", mh.HERE / "empty.txt", mh.HERE / "rss.xml", "--out", "strict", "--strict", cwd=d
    )
    assert proc.returncode == 3
    assert "skipped: [CG102]" in proc.stderr
    assert not (d / "strict").exists() or not any((d / "strict").iterdir())


def test_refusal_comes_before_any_work(tmp_path: Path) -> None:
    """No model is loaded and nothing read when the outputs exist: the refusal is immediate."""
    (tmp_path / "o").mkdir()
    (tmp_path / "o" / "graph.json").write_text("{}", encoding="utf-8")
    proc = run("build", "missing.txt", "--out", "o", "--format", "json,html", cwd=tmp_path)
    assert proc.returncode == 1
    assert "[CG401] o: graph.json already exist; give --force" in proc.stderr
    assert "missing.txt" not in proc.stderr  # inputs were not even looked at
    assert (tmp_path / "o" / "graph.json").read_text(encoding="utf-8") == "{}"


def test_max_size_option(tmp_path: Path) -> None:
    proc = run("build", "a.txt", "--out", "o", "--max-size", "lots", cwd=tmp_path)
    assert proc.returncode == 2 and "not a size" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("build", "--help", cwd=tmp_path)
    assert "--max-size" in proc.stdout and "--force" in proc.stdout


@pytest.mark.model
def test_max_size_can_be_raised(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + "\n" + "More words here. " * 100, encoding="utf-8")
    proc = run(
        "build",
        "a.txt",
        "--out",
        "o",
        "--max-size",
        "1k",
        "--format",
        "json",
        "--json",
        cwd=tmp_path,
    )
    assert proc.returncode == 3
    (skip,) = json.loads(proc.stdout)["skipped_inputs"]
    assert skip["input"] == "a.txt" and skip["code"] == "CG110" and "1,024" in skip["problem"]
    assert (
        "[CG110]" in proc.stderr and "limit 1,024): raise the limit with --max-size" in proc.stderr
    )
    proc = run(
        "build", "a.txt", "--out", "o2", "--max-size", "1MB", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr


def test_dates_names_a_bad_input_once(tmp_path: Path) -> None:
    proc = run("dates", mh.HERE / "billion_laughs.xml", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: [CG112] ") and len(proc.stderr.splitlines()) == 1


@pytest.mark.model
def test_export_refuses_to_overwrite_without_force(built) -> None:  # type: ignore[no-untyped-def]
    d, _, _ = built
    (d / "one.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("add", "one.txt", "--db", "db", "-q", cwd=d).returncode == 0
    (d / "g.ttl").write_text("old", encoding="utf-8")
    proc = run("export", "--format", "ttl", "--out", "g.ttl", "--db", "db", cwd=d)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "error: [CG401] g.ttl already exists; give --force to overwrite"
    assert (d / "g.ttl").read_text(encoding="utf-8") == "old"
    proc = run("export", "--format", "ttl", "--out", "g.ttl", "--db", "db", "--force", cwd=d)
    assert proc.returncode == 0 and (d / "g.ttl").read_text(encoding="utf-8") != "old"
    assert run("export", "--format", "csv", "--out", "t", "--db", "db", cwd=d).returncode == 0
    proc = run("export", "--format", "csv", "--out", "t", "--db", "db", cwd=d)
    assert "[CG401] t: events.csv, edges.csv, nodes.csv already exist" in proc.stderr
    assert (
        run("export", "--format", "csv", "--out", "t", "--db", "db", "--force", cwd=d).returncode
        == 0
    )


SKIP_ONLY = [c for c in mh.load_manifest() if c.skipped and not c.articles]


@pytest.mark.parametrize("case", SKIP_ONLY, ids=[c.name for c in SKIP_ONLY])
def test_each_unreadable_case_through_the_cli(case: mh.Case, tmp_path: Path) -> None:
    """Every corpus case that yields no article, alone through ``build``: exit 3, its one line
    per skip with code and message, and the same in the JSON summary (no model is loaded)."""
    out = tmp_path / "o"
    args = ["build", str(mh.HERE / case.name), "--out", str(out), "--format", "json", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 3, result.output
    lines = result.stderr.splitlines()
    skips = [ln for ln in lines if ln.startswith("skipped: ")]
    assert len(skips) == len(case.skipped), lines
    for line, (rel, code, message) in zip(skips, case.skipped, strict=True):
        assert line.startswith(f"skipped: [{code}] {mh.HERE}/{rel}: ") and message in line
    summary = json.loads(result.stdout)
    assert [s["code"] for s in summary["skipped_inputs"]] == [s[1] for s in case.skipped]
    assert summary["articles"] == 0
