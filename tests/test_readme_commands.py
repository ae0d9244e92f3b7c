"""Every command in the README's ```sh blocks runs as written and exits 0.

The commands run in README order, in one temporary folder laid out like a fresh checkout: the
sample data, the Makefile and pyproject.toml, and a ``.venv`` whose ``bin`` is this one's (its
install stamp is fresh, so ``make`` does not reinstall). ``.venv/bin`` is on ``PATH`` for the
commands written as plain ``conflictgraph``. Nothing is written to the checkout.

Commands that need a service a test machine does not run (a Dask cluster on other hosts, an
Oxigraph server) live in ```console blocks, not ```sh; a test checks that each of those lines
does need one. The outputs the README shows under its SPARQL commands are compared by
tests/store/test_readme_queries.py.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
VENV_BIN = ROOT / ".venv" / "bin"

# Commands not run here, each with the reason.
SKIPPED = {
    "make test": "runs ruff and this very test suite (it would recurse); .ci/run runs it in CI",
}
# What a ```console line must mention: the service it needs.
SERVICES = ("dask ", "--scheduler", "--store", "oxigraph serve", "tcp://")


class Command(NamedTuple):
    """One shell command of the README and the line its block starts on."""

    line: int
    text: str


def blocks(lang: str) -> list[tuple[int, str]]:
    """The fenced blocks of one language: (line of the fence, body)."""
    text = README.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(rf"^```{lang}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL):
        out.append((text.count("\n", 0, m.start()) + 1, m.group(1)))
    return out


def commands(lang: str = "sh") -> list[Command]:
    """The commands of the blocks, a quoted argument over several lines kept in one command."""
    out = []
    for line, body in blocks(lang):
        pending = ""
        for raw in body.splitlines():
            pending = f"{pending}\n{raw}" if pending else raw
            if not pending.strip() or pending.lstrip().startswith("#"):
                pending = ""
                continue
            try:
                shlex.split(pending, comments=True)
            except ValueError:  # an open quote: the command goes on
                continue
            if pending.endswith("\\"):
                continue
            out.append(Command(line, pending))
            pending = ""
        assert not pending, f"README line {line}: unterminated command {pending!r}"
    return out


def _key(cmd: Command) -> str:
    """The program and its first argument (``make test``), to match :data:`SKIPPED`."""
    return " ".join(shlex.split(cmd.text, comments=True)[:2])


COMMANDS = commands()
RUN = [c for c in COMMANDS if _key(c) not in SKIPPED]


class Ran(NamedTuple):
    """A command's exit status and output."""

    status: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like a fresh clone in which the README's commands can run."""
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", d / "data")
    for name in ("Makefile", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, d / name)
    (d / ".venv").mkdir()
    (d / ".venv" / "bin").symlink_to(VENV_BIN)
    (d / ".venv" / ".installed").touch()  # newer than pyproject.toml: make installs nothing
    return d


@pytest.fixture(scope="module")
def ran(checkout: Path) -> dict[str, Ran]:
    """Run every command in README order; a command's result by its text."""
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    for name in ("CONFLICTGRAPH_DB", "CONFLICTGRAPH_STORE", "CONFLICTGRAPH_SCHEDULER"):
        env.pop(name, None)
    results = {}
    for cmd in RUN:
        proc = subprocess.run(
            ["bash", "-c", cmd.text],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        results[cmd.text] = Ran(proc.returncode, proc.stdout, proc.stderr)
    return results


def test_the_readme_has_commands_and_skips_only_what_it_lists() -> None:
    assert len(COMMANDS) >= 15
    assert {_key(c) for c in COMMANDS if _key(c) in SKIPPED} == set(SKIPPED)
    assert COMMANDS[0].text.startswith("make demo")


def test_console_blocks_hold_only_commands_that_need_a_service() -> None:
    for cmd in commands("console"):
        assert any(s in cmd.text for s in SERVICES), (cmd.line, cmd.text)


@pytest.mark.model
@pytest.mark.parametrize("cmd", RUN, ids=[f"L{c.line}-{c.text[:40]}" for c in RUN])
def test_readme_command_exits_0(cmd: Command, ran: dict[str, Ran]) -> None:
    result = ran[cmd.text]
    assert result.status == 0, f"README line {cmd.line}: {cmd.text}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr


@pytest.mark.model
def test_make_demo_writes_every_format(checkout: Path, ran: dict[str, Ran]) -> None:
    demo = checkout / "out" / "demo"
    names = {"graph.json", "graph.ttl", "graph.trig", "graph.html", "graph.gexf", "graph.png"}
    assert {p.name for p in demo.iterdir()} >= names
    assert all((demo / n).stat().st_size > 1000 for n in names)
    (cmd,) = [c for c in RUN if c.text.startswith("make demo")]
    assert "articles/s" in ran[cmd.text].stdout  # the summary table


@pytest.mark.model
def test_tour_resolves_the_date_given_with_published(checkout: Path, ran: dict[str, Ran]) -> None:
    import json

    data = json.loads((checkout / "out" / "mine" / "graph.json").read_text(encoding="utf-8"))
    starts = {n.get("start") for n in data["nodes"] if n["kind"] == "event"}
    assert "2016-12-20" in starts  # "on Tuesday" before 2016-12-21
