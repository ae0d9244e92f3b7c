"""The README's SPARQL commands, run as written on data/articles: each output must be the one the
README shows, so the README cannot drift.

When the extractor changes on purpose, refresh the outputs with
``.venv/bin/python tests/store/test_readme_queries.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictgraph.cli import cli
from conflictgraph.store import Store, records

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
ARTICLES = ROOT / "data" / "articles"

_spec = importlib.util.spec_from_file_location("bench_store", ROOT / "bench" / "bench_store.py")
assert _spec is not None and _spec.loader is not None
bench_store = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_store", bench_store)
_spec.loader.exec_module(bench_store)

QUERIES = bench_store.readme_queries(README)


def run_command(args: list[str], db: Path) -> str:
    """Run one README command against ``db`` (its ``--db`` replaced) and return stdout."""
    args = list(args)
    args[args.index("--db") + 1] = str(db)
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    db = tmp_path_factory.mktemp("readme") / "conflictgraph.db"
    with Store.open(db, create=True) as store:
        store.add([ARTICLES], nlp=nlp)  # type: ignore[arg-type]
    return db


def test_the_readme_shows_the_five_kinds_of_query() -> None:
    titles = " | ".join(q.title for q in QUERIES).lower()
    for kind in ("timeline", "window", "mediated", "unsc 2254", "co-participation"):
        assert kind in titles
    assert all(q.query.strip() for q in QUERIES)


@pytest.mark.model
@pytest.mark.parametrize("q", QUERIES, ids=[f"{i}-{q.title[:30]}" for i, q in enumerate(QUERIES)])
def test_readme_query_prints_what_the_readme_shows(q: object, sample_db: Path) -> None:
    assert isinstance(q, bench_store.ReadmeQuery)
    assert run_command(q.args, sample_db).rstrip("\n") == q.output.rstrip("\n")


@pytest.mark.model
def test_readme_queries_answer_alike_from_the_in_memory_copy(sample_db: Path) -> None:
    from conflictgraph.store.sparql import parse_binding

    with Store.open(sample_db) as disk, Store.open(sample_db, in_memory=True) as memory:
        for q in QUERIES:
            bindings = dict(parse_binding(f"{k}={v}") for k, v in q.bindings.items())
            rows = records(disk.sparql(q.query, **bindings))
            assert rows, q.title
            assert records(memory.sparql(q.query, **bindings)) == rows, q.title
        assert memory.engine().memory is not None


def update_readme() -> None:
    """Rewrite the output block under every README command with what it prints now."""
    from conflictgraph.nlp.pipeline import build_nlp

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "conflictgraph.db"
        with Store.open(db, create=True) as store:
            store.add([ARTICLES], nlp=build_nlp())
        text = README.read_text(encoding="utf-8")

        def replace(m: re.Match[str]) -> str:
            output = run_command(shlex.split(m.group(1))[1:], db).rstrip("\n")
            return f"```sh\n{m.group(1)}\n```\n\n```text\n{output}\n```"

        start = text.index("## Store and queries")
        section = re.sub(
            r"```sh\n(conflictgraph sparql .*?)\n```\n+```text\n.*?```",
            replace,
            text[start:],
            flags=re.S,
        )
        README.write_text(text[:start] + section, encoding="utf-8")


if __name__ == "__main__":
    update_readme()
