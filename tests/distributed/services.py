"""Real services on 127.0.0.1 for the distributed tests: Dask schedulers and workers, Oxigraph
servers, started as subprocesses and stopped by PID; and a canonical form of node-link JSON."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port nobody listens on (now) on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Wait until something listens on ``port``; fail with the log if the process exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{proc.args} exited: {log.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    pytest.fail(f"{proc.args} did not listen on {port} within {timeout} s")


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    """Stop one process we started, by its PID."""
    if proc.poll() is None:
        os.kill(proc.pid, sig)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(15)


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return path


@dataclass
class OxigraphServer:
    """``oxigraph serve`` on 127.0.0.1 with its data in ``location``."""

    location: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"sparql+http://127.0.0.1:{self.port}/"

    def start(self) -> OxigraphServer:
        log = self.location.with_suffix(".log")
        with open(log, "ab") as out:
            self.proc = subprocess.Popen(
                [
                    str(_tool("oxigraph")),
                    "serve",
                    "--location",
                    str(self.location),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for_port(self.port, self.proc, log, 30)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
            self.proc = None

    def update(self, text: str) -> None:
        """Run a SPARQL update on the server, as another client would."""
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/update",
            data=urllib.parse.urlencode({"update": text}).encode(),
        )
        with urllib.request.urlopen(req, timeout=30):
            pass

    def triples(self) -> int:
        """How many quads the server holds (all graphs), asked over HTTP."""
        query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/query",
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "text/csv"},
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            return int(resp.read().decode().split()[-1])


@dataclass
class DaskCluster:
    """A ``dask scheduler`` and its ``dask worker`` processes, all on 127.0.0.1."""

    workdir: Path
    port: int = field(default_factory=free_port)
    scheduler: subprocess.Popen[bytes] | None = None
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start(self, n_workers: int) -> DaskCluster:
        log = self.workdir / "scheduler.log"
        with open(log, "ab") as out:
            self.scheduler = subprocess.Popen(
                [
                    str(_tool("dask")),
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--dashboard-address",
                    f"127.0.0.1:{free_port()}",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
            )
        wait_for_port(self.port, self.scheduler, log, 60)
        for i in range(n_workers):
            self.add_worker(f"w{i + 1}")
        return self

    def add_worker(self, name: str) -> subprocess.Popen[bytes]:
        """Start one worker process (no nanny: its PID is the worker's)."""
        with open(self.workdir / f"{name}.log", "ab") as out:
            proc = subprocess.Popen(
                [
                    str(_tool("dask")),
                    "worker",
                    self.address,
                    "--name",
                    name,
                    "--host",
                    "127.0.0.1",
                    "--dashboard-address",
                    f"127.0.0.1:{free_port()}",
                    "--nthreads",
                    "1",
                    "--no-nanny",
                    "--memory-limit",
                    "0",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
            )
        self.workers[name] = proc
        return proc

    def stop(self) -> None:
        for proc in self.workers.values():
            stop(proc)
        if self.scheduler is not None:
            stop(self.scheduler)


def canonical(node_link: dict[str, object]) -> str:
    """Node-link JSON up to ordering: nodes by id, edges by ends and key, lists of
    provenance sorted (RDF keeps no order)."""
    import json

    def norm(value: object) -> object:
        if isinstance(value, dict):
            return {k: norm(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            items = [norm(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return value

    return json.dumps(norm(node_link), sort_keys=True, ensure_ascii=False)
