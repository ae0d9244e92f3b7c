"""Extraction on a real Dask cluster (scheduler and workers as subprocesses on 127.0.0.1): the
same extractions as here, even when a worker is killed in the middle of a batch."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from services import ARTICLES, DaskCluster, free_port

from conflictgraph.errors import ClusterError
from conflictgraph.graph import ConflictGraph
from conflictgraph.ingest import read_inputs
from conflictgraph.model import Article, ArticleExtraction
from conflictgraph.parallel import extract_with_dask
from conflictgraph.store.codec import extraction_to_json

pytestmark = [pytest.mark.distributed, pytest.mark.model]


def merged(extractions: list[ArticleExtraction]) -> dict[str, object]:
    graph = ConflictGraph()
    for ex in extractions:
        graph.add_extraction(ex)
    graph.consolidate()
    return graph.to_node_link()


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    articles = read_inputs([ARTICLES]).articles[:1]
    with pytest.raises(ClusterError, match="CG701"):
        extract_with_dask(articles, f"tcp://127.0.0.1:{free_port()}", timeout=3)


def test_a_repeated_batch_is_one_task_merged_at_each_of_its_places(
    dask_cluster: DaskCluster, sample_extractions: list[ArticleExtraction]
) -> None:
    twice = [ex.article for ex in sample_extractions[:2]] * 2
    got = extract_with_dask(twice, dask_cluster.address, batch_size=2)
    expected = [extraction_to_json(ex) for ex in sample_extractions[:2]] * 2
    assert [extraction_to_json(ex) for ex in got] == expected


def test_a_worker_killed_mid_batch_loses_nothing(
    dask_cluster: DaskCluster, sample_extractions: list[ArticleExtraction]
) -> None:
    from distributed import Client

    articles: list[Article] = [ex.article for ex in sample_extractions][:12]
    victim = dask_cluster.add_worker("victim")
    killed = threading.Event()
    done = threading.Event()
    with Client(dask_cluster.address, set_as_default=False) as client:
        client.wait_for_workers(3, timeout=120)
        names = {a: w["name"] for a, w in client.scheduler_info()["workers"].items()}

        def kill_victim_while_it_works() -> None:
            """Watch the scheduler; kill -9 the victim as soon as it is running a batch."""
            while not done.is_set():
                busy = client.processing()
                if any(names.get(a) == "victim" and keys for a, keys in busy.items()):
                    os.kill(victim.pid, signal.SIGKILL)
                    killed.set()
                    return
                time.sleep(0.02)

        watcher = threading.Thread(target=kill_victim_while_it_works, daemon=True)
        watcher.start()
        try:
            got = extract_with_dask(articles, client, batch_size=1)
        finally:
            done.set()
            watcher.join(10)
    victim.wait(10)
    assert killed.is_set(), "the victim worker never held a batch"
    assert [extraction_to_json(ex) for ex in got] == [
        extraction_to_json(ex) for ex in sample_extractions[:12]
    ]
    assert merged(got) == merged(sample_extractions[:12])
