"""Beyond one machine, measured on this one: extraction throughput of one process, of
``--workers 2`` and of a Dask cluster with two workers on the same corpus in one run, printed as
ratios; and the time to push about a million quads to an Oxigraph server.

The corpus is the sample corpus (data/articles) repeated ``--repeat`` times under new ids. One
process runs with its model already loaded; ``--workers 2`` is timed as a user runs it (spawning
two processes that each load the model, then extracting); the Dask cluster is started once
(scheduler and two single-threaded workers on 127.0.0.1, the model loaded by the worker plugin)
and timed warm, as a cluster that serves many runs. ``workers=2`` with ``nlp=`` given (the library
call) forks two processes that share the loaded pipeline. The push uses ``RemoteStore.write``
(the code under ``conflictgraph push``) on the store benchmark's synthetic dataset, into an
empty server and then again (only the default graph is sent again).

Run: .venv/bin/python bench/bench_distributed.py [--repeat 4] [--quads 1000000]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from conflictgraph.graph import ConflictGraph
from conflictgraph.ingest import read_inputs
from conflictgraph.model import Article
from conflictgraph.nlp.pipeline import build_nlp
from conflictgraph.parallel import extract_parallel, extract_with_dask
from conflictgraph.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def corpus(repeat: int) -> list[Article]:
    """The sample corpus ``repeat`` times, each copy under new article ids."""
    base = read_inputs([ROOT / "data" / "articles"]).articles
    return [
        dataclasses.replace(a, id=f"{a.id}-{i}") if i else a for i in range(repeat) for a in base
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {port}")


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait(20)


def bench_extraction(repeat: int, tmp: Path) -> dict[str, float]:
    articles = corpus(repeat)
    n = len(articles)
    print(f"corpus: {n} articles (data/articles x{repeat})")
    nlp = build_nlp()
    extract_parallel(articles[:2], nlp=nlp)  # warm caches
    t0 = time.perf_counter()
    one = extract_parallel(articles, nlp=nlp)
    t_one = time.perf_counter() - t0
    t0 = time.perf_counter()
    forked = extract_parallel(articles, workers=2, nlp=nlp)
    t_fork = time.perf_counter() - t0
    t0 = time.perf_counter()
    two = extract_parallel(articles, workers=2)
    t_two = time.perf_counter() - t0
    port = free_port()
    scheduler = start(
        [
            str(BIN / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--dashboard-address",
            f"127.0.0.1:{free_port()}",
        ],
        tmp / "scheduler.log",
    )
    procs = [scheduler]
    try:
        wait_port(port)
        for i in range(2):
            procs.append(
                start(
                    [
                        str(BIN / "dask"),
                        "worker",
                        f"tcp://127.0.0.1:{port}",
                        "--host",
                        "127.0.0.1",
                        "--dashboard-address",
                        f"127.0.0.1:{free_port()}",
                        "--nthreads",
                        "1",
                        "--memory-limit",
                        "0",
                    ],
                    tmp / f"worker{i}.log",
                )
            )
        from distributed import Client

        with Client(f"tcp://127.0.0.1:{port}", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
            extract_with_dask(articles[:2], client, batch_size=1)  # plugin loads the model
            t0 = time.perf_counter()
            dask = extract_with_dask(articles, client)
            t_dask = time.perf_counter() - t0
            t0 = time.perf_counter()
            extract_with_dask(articles[:2], client, batch_size=1)
            t_task = (time.perf_counter() - t0) / 2
    finally:
        stop(procs[::-1])
    ids = [e.article.id for e in one]
    assert [e.article.id for e in two] == [e.article.id for e in forked] == ids
    assert [e.article.id for e in dask] == ids
    t0 = time.perf_counter()
    graph = ConflictGraph()
    for ex in dask:
        graph.add_extraction(ex)
    graph.consolidate()
    t_merge = time.perf_counter() - t0
    out = {
        "one": n / t_one,
        "workers2": n / t_two,
        "forked2": n / t_fork,
        "dask2": n / t_dask,
        "task_s": t_task,
        "merge": n / t_merge,
    }
    print(f"1 process        {out['one']:6.1f} articles/s  ({t_one:.1f} s, model loaded)")
    print(
        f"--workers 2      {out['workers2']:6.1f} articles/s  ({t_two:.1f} s with spawning and "
        f"loading the model twice)  x{out['workers2'] / out['one']:.2f}"
    )
    print(
        f"workers=2, nlp=  {out['forked2']:6.1f} articles/s  ({t_fork:.1f} s, forked from the "
        f"loaded pipeline)  x{out['forked2'] / out['one']:.2f}"
    )
    print(
        f"Dask, 2 workers  {out['dask2']:6.1f} articles/s  ({t_dask:.1f} s, warm cluster, "
        f"~50 articles a task)  x{out['dask2'] / out['one']:.2f}"
    )
    print(f"one 1-article round trip through the cluster: {t_task * 1000:.0f} ms")
    print(f"the merge (reduce) alone: {out['merge']:.0f} articles/s ({t_merge:.2f} s)")
    return out


def bench_push(quads: int, tmp: Path) -> float:
    spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
    assert spec is not None and spec.loader is not None
    bench_store = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_store", bench_store)
    spec.loader.exec_module(bench_store)
    data = bench_store.synthetic(quads).nquads
    dataset = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    port = free_port()
    server = start(
        [
            str(BIN / "oxigraph"),
            "serve",
            "--location",
            str(tmp / "oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        tmp / "oxigraph.log",
    )
    try:
        wait_port(port)
        remote = RemoteStore.open(f"sparql+http://127.0.0.1:{port}/", create=True)
        t0 = time.perf_counter()
        remote.write(dataset, [], {})
        seconds = time.perf_counter() - t0
        held = len(remote.quads())
        t0 = time.perf_counter()
        remote.write(dataset, [], {})
        again = time.perf_counter() - t0
        assert len(remote.quads()) == held == len(dataset), (held, len(dataset))
    finally:
        stop([server])
    graphs = len({q.graph_name for q in dataset})
    print(
        f"push {len(dataset):,} quads ({graphs:,} graphs) to Oxigraph server: {seconds:.1f} s "
        f"({len(dataset) / seconds:,.0f} quads/s); again (unchanged article graphs are not "
        f"sent; the default graph is): {again:.1f} s"
    )
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of data/articles")
    parser.add_argument("--quads", type=int, default=1_000_000, help="quads to push")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        bench_extraction(args.repeat, Path(tmp))
        bench_push(args.quads, Path(tmp))


if __name__ == "__main__":
    main()
