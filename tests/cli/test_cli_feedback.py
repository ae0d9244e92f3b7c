"""What build and add tell the user: a progress bar with articles/s on stderr (on a terminal, or
in a log for long runs), a summary table, nothing with -q, one JSON object with --json."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from conflictgraph.cli import MANY

pytestmark = pytest.mark.model

ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in "
    "Moscow on Tuesday. The two ministers agreed to support the ceasefire in Syria."
)
CMD = [sys.executable, "-m", "conflictgraph"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMD, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def run_on_a_terminal(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal of 100 columns; return (status, stdout, stderr)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc = subprocess.run(
            [*CMD, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=slave, timeout=300, check=False
        )
    finally:
        os.close(slave)
    reader.join(10)
    os.close(master)
    return proc.returncode, proc.stdout.decode(), b"".join(chunks).decode(errors="replace")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("feedback")
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "a.meta.json").write_text(json.dumps({"published": "2016-12-20"}), encoding="utf-8")
    with (d / "many.jsonl").open("w", encoding="utf-8") as f:
        for i in range(MANY + 10):
            text = f"Russia and Turkey held talks in Astana on Monday about point {i}."
            f.write(json.dumps({"id": f"n{i}", "published": "2017-01-24", "text": text}) + "\n")
    return d


def test_build_prints_a_summary_table(inputs: Path) -> None:
    proc = run("build", "a.txt", "--out", "table", "--format", "json,html", cwd=inputs)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # off a terminal, a short run shows no bar
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("1 articles -> ")
    head = lines.index(next(ln for ln in lines if ln.startswith("articles  skipped")))
    assert lines[head].split() == [
        *("articles", "skipped", "undated", "actors", "events", "resolutions", "places"),
        *("edges", "articles/s"),
    ]
    assert set(lines[head + 1]) == {"-", " "}
    values = lines[head + 2].split()
    assert values[:3] == ["1", "0", "0"] and int(values[3]) >= 3 and float(values[-1]) > 0
    outputs = [ln.split() for ln in lines if ln.startswith(("json ", "html "))]
    assert [o[:2] for o in outputs] == [["json", "table/graph.json"], ["html", "table/graph.html"]]
    assert all(o[-1] in {"B", "kB", "MB"} for o in outputs)


def test_build_quiet_prints_nothing_but_skipped_inputs(inputs: Path) -> None:
    proc = run("build", "a.txt", "--out", "quiet", "--format", "json", "-q", cwd=inputs)
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""
    assert (inputs / "quiet" / "graph.json").stat().st_size > 0
    args = ["a.txt", "nope.txt", "--out", "quiet2", "--format", "json", "--quiet"]
    proc = run("build", *args, cwd=inputs)
    assert proc.returncode == 3 and proc.stdout == ""
    assert proc.stderr == "skipped: [CG101] nope.txt: no such file or folder\n"


def test_build_json_summary_shape(inputs: Path) -> None:
    args = ["a.txt", "nope.txt", "--out", "js", "--format", "json,ttl", "--json"]
    proc = run("build", *args, cwd=inputs)
    assert proc.returncode == 3
    summary = json.loads(proc.stdout)  # stdout is one JSON object and nothing else
    assert set(summary) == {
        *("articles", "skipped", "skipped_inputs", "undated_articles", "actor", "event"),
        *("resolution", "location", "edges", "files", "seconds", "articles_per_second"),
    }
    assert summary["articles"] == 1 and summary["skipped"] == 1
    assert summary["skipped_inputs"] == [
        {"input": "nope.txt", "code": "CG101", "problem": "no such file or folder"}
    ]
    assert summary["undated_articles"] == []
    assert all(isinstance(summary[k], int) for k in ("actor", "event", "location", "edges"))
    assert summary["files"] == {"json": "js/graph.json", "ttl": "js/graph.ttl"}
    assert summary["seconds"] > 0 and summary["articles_per_second"] > 0
    assert proc.stderr.splitlines() == ["skipped: [CG101] nope.txt: no such file or folder"]


def test_add_quiet_and_json(inputs: Path) -> None:
    proc = run("add", "a.txt", "--db", "q.db", "-q", cwd=inputs)
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""
    proc = run("add", "a.txt", "many.jsonl", "--db", "q.db", "--json", cwd=inputs)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert set(summary) == {
        *("added", "replaced", "unchanged", "duplicates", "skipped", "skipped_inputs"),
        *("generation", "counts", "seconds", "articles_per_second"),
    }
    assert len(summary["added"]) == MANY + 10 and summary["unchanged"] == 1
    assert summary["replaced"] == [] and summary["skipped_inputs"] == []
    assert summary["generation"] == 2 and summary["counts"]["article"] == MANY + 11
    assert summary["articles_per_second"] > 0
    # a long run off a terminal (a log) shows its progress on stderr, never on stdout
    assert f"{MANY + 10}article" in proc.stderr.replace(" ", "") and "article/s]" in proc.stderr


def test_add_prints_summary_tables(inputs: Path) -> None:
    proc = run("add", "a.txt", "--db", "t.db", cwd=inputs)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("added 1 new, 0 replaced, 0 already stored")
    i = lines.index(next(ln for ln in lines if ln.startswith("new  replaced")))
    assert lines[i + 2].split() == ["1", "0", "0", "0", "0", lines[i + 2].split()[-1]]
    j = lines.index(next(ln for ln in lines if ln.startswith("store ")))
    assert lines[j].split()[1:] == [
        *("articles", "actors", "events", "resolutions", "places", "edges", "generation")
    ]
    row = lines[j + 2].split()
    assert row[0] == "t.db" and row[1] == "1" and row[-1] == "1"


def test_progress_bar_on_a_terminal(inputs: Path) -> None:
    status, out, err = run_on_a_terminal(
        "build", "many.jsonl", "--out", "tty", "--format", "json", cwd=inputs
    )
    assert status == 0, err
    assert f"/{MANY + 10} [" in err and "article/s]" in err  # n/total [elapsed, rate]
    assert err.endswith("\r")  # the bar clears itself before the summary
    assert "article/s" not in out and out.startswith(f"{MANY + 10} articles -> ")
    status, out, err = run_on_a_terminal(
        "build", "many.jsonl", "--out", "tty-q", "--format", "json", "-q", cwd=inputs
    )
    assert status == 0 and out == "" and err == ""
