"""kill -9 during ``add``: the store opens afterwards, consistent, as it was before the add or as
it is after it, and the next add works. Writers run in subprocesses on hand-made extractions."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conflictgraph.query import demo_extractions
from conflictgraph.store import Store

WRITER = """
import dataclasses, sys
from pathlib import Path
from conflictgraph.query import demo_extractions
from conflictgraph.store import Store

db, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
base = demo_extractions()
exs = []
for i in range(start, start + count):
    ex = base[i % 2]
    art = dataclasses.replace(ex.article, id=f"{ex.article.id}-{i}", text=f"{ex.article.text} #{i}")
    exs.append(dataclasses.replace(ex, article=art))
Path(db + ".started").write_text("1")
with Store.open(db, create=True) as store:
    store.add_extractions(exs)
"""


def writer(db: Path, start: int, count: int, **env: str) -> subprocess.Popen[bytes]:
    """Start a process that adds articles ``start``.. to ``db``; its stderr goes to db.err."""
    with open(f"{db}.err", "wb") as err:
        return subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(start), str(count)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )


def stderr_of(db: Path) -> str:
    return Path(f"{db}.err").read_text(encoding="utf-8", errors="replace")


def ids(start: int, count: int) -> set[str]:
    base = demo_extractions()
    return {f"{base[i % 2].article.id}-{i}" for i in range(start, start + count)}


def check_consistent(db: Path) -> set[str]:
    """Open the store and check that its parts agree; return the ids of its articles."""
    with Store.open(db) as store:
        stored = {a["id"] for a in store.articles()}
        graph = store.graph()
        in_graph = {
            n.split(":", 1)[1] for n, d in graph.g.nodes(data=True) if d["kind"] == "article"
        }
        assert in_graph == stored
        assert graph.counts() == store.manifest["counts"]
        assert len(store.engine()) == store.manifest["triples"]
        for record in store.articles():
            assert (db / "articles" / record["file"]).exists()
        name = (db / "CURRENT").read_text(encoding="ascii").strip()
        assert (db / name / "manifest.json").exists()
    return stored


def wait_for(path: Path, proc: subprocess.Popen[bytes], db: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, stderr_of(db)
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.mark.parametrize(
    ("point", "committed"), [("extracted", False), ("generation", False), ("committed", True)]
)
def test_kill_at_each_step_leaves_before_or_after(
    tmp_path: Path, point: str, committed: bool
) -> None:
    db = tmp_path / "db"
    first = writer(db, 0, 2)
    assert first.wait(timeout=120) == 0
    before = check_consistent(db)
    marker = tmp_path / "paused"
    proc = writer(
        db,
        2,
        4,
        CONFLICTGRAPH_STORE_PAUSE=point,
        CONFLICTGRAPH_STORE_PAUSE_MARKER=str(marker),
    )
    wait_for(marker, proc, db)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after = check_consistent(db)
    assert after == (before | ids(2, 4) if committed else before)
    # The lock died with the writer; the next add finishes the job and cleans up.
    again = writer(db, 2, 4)
    assert again.wait(timeout=120) == 0
    assert check_consistent(db) == before | ids(2, 4)
    leftovers = [p.name for p in db.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert sorted(p.name for p in db.iterdir() if p.name.startswith("g")) == [
        (db / "CURRENT").read_text(encoding="ascii").strip()
    ]


def test_kill_at_random_moments(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert writer(db, 0, 2).wait(timeout=120) == 0
    expected = check_consistent(db)
    rng = random.Random(6)
    start = 2
    for _ in range(6):
        started = Path(f"{db}.started")
        started.unlink(missing_ok=True)
        proc = writer(db, start, 6)
        wait_for(started, proc, db)
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = check_consistent(db)
        assert now in (expected, expected | ids(start, 6))
        expected = now
        start += 6
    assert writer(db, 100, 2).wait(timeout=120) == 0
    assert ids(100, 2) <= check_consistent(db)


def test_a_killed_writer_does_not_leave_the_store_locked(tmp_path: Path) -> None:
    db = tmp_path / "db"
    marker = tmp_path / "paused"
    proc = writer(
        db,
        0,
        2,
        CONFLICTGRAPH_STORE_PAUSE="extracted",
        CONFLICTGRAPH_STORE_PAUSE_MARKER=str(marker),
    )
    wait_for(marker, proc, db)
    second = writer(db, 10, 2)
    assert second.wait(timeout=120) == 1
    assert "CG501" in stderr_of(db)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert writer(db, 10, 2).wait(timeout=120) == 0
    assert check_consistent(db) == ids(10, 2)
