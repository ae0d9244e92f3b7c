"""Output safety: article data never names a file (ids, titles, URLs like ``../../etc/x``,
absolute paths, NUL, 5,000-character names), and an interrupted write leaves the old file or the
new one, never half of one.

Audit (where file names are built): ``build`` writes fixed names (``cli.FORMATS``) into
``--out``; ``export`` writes the path the user gives (``csv``: three fixed names in it); the
store names its files by generation number and by the SHA-256 of each article's text. No name
comes from article data; the first test holds every writer to that.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).parent / "data"))
import make_hostile as mh

from conflictgraph.build import build_graph
from conflictgraph.cli import FORMATS, write_outputs
from conflictgraph.export import EXPORT_FORMATS
from conflictgraph.store import Store

TRAVERSALS = ["../../etc/x", "/etc/passwd", "..", ".", "a\x00b", "x" * 5000, "~/.bashrc", "C:\\x"]
SAFE_NAME = re.compile(r"^[A-Za-z0-9_.+-]{1,80}$")


@pytest.mark.model
def test_article_data_never_names_a_file(tmp_path: Path, nlp: Language) -> None:
    sandbox = tmp_path / "sandbox"
    work = sandbox / "work"
    work.mkdir(parents=True)
    records = [
        {
            "id": name,
            "title": name,
            "url": name,
            "source": name,
            "text": mh.prose(f"trav{i}") + f" {name[:100]} said so.",
        }
        for i, name in enumerate(TRAVERSALS + mh.HOSTILE_NAMES)
    ]
    src = work / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    etc_before = set(os.listdir("/etc"))

    result = build_graph([src], nlp=nlp)
    assert len(result.articles) == len(records) and not result.skipped
    write_outputs(result.graph, work / "out", list(FORMATS), title=TRAVERSALS[0])
    with Store.open(work / "db", create=True) as store:
        store.add([src], nlp=nlp)
        for fmt in EXPORT_FORMATS:
            store.export(fmt, work / "exports" / (fmt if fmt == "csv" else f"graph.{fmt}"))

    assert os.listdir(tmp_path) == ["sandbox"] and os.listdir(sandbox) == ["work"]
    assert set(os.listdir("/etc")) == etc_before
    for root, dirs, files in os.walk(work):
        for name in dirs + files:
            assert SAFE_NAME.match(name), f"{root}/{name}"
    assert sorted(os.listdir(work / "out")) == sorted(FORMATS.values())


WRITER = """
import sys
from pathlib import Path
from conflictgraph.store import atomic_write_bytes
target, size = Path(sys.argv[1]), int(sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    n += 1
    atomic_write_bytes(target, bytes([n % 256]) * size)
"""


def test_killed_writes_leave_a_whole_file(tmp_path: Path) -> None:
    """kill -9 at random moments of a writer that keeps replacing a 16 MB output: each time the
    output is whole (one byte value repeated, full size), never truncated or mixed."""
    target = tmp_path / "graph.json"
    size = 16 * 1024 * 1024
    target.write_bytes(b"\x00" * size)
    delays = [0.05, 0.13, 0.21, 0.34, 0.55, 0.8]
    seen = set()
    for delay in delays:
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(size)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        data = target.read_bytes()
        assert len(data) == size
        assert data.count(data[:1]) == size  # one write, whole
        seen.add(data[0])
    assert len(seen) > 1  # the kills did land between writes
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "graph.json"]
    assert all(n.startswith(".graph.json.") and n.endswith(".tmp") for n in leftovers)
