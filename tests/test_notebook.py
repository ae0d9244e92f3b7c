"""notebooks/01-walkthrough.ipynb runs top to bottom on a clean kernel and shows what it says.

The notebook is committed without outputs; this test executes a copy (nbclient, a fresh
``python3`` kernel, cwd ``notebooks/`` as in Jupyter) beside a link to ``data/``, so its exports
go to the temporary folder, not to the checkout.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01-walkthrough.ipynb"


def test_committed_without_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path, float]:
    """The notebook after a run on a clean kernel, its repository copy, and the seconds taken."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    repo = tmp_path_factory.mktemp("nb")
    (repo / "notebooks").mkdir()
    shutil.copy(NOTEBOOK, repo / "notebooks" / NOTEBOOK.name)
    (repo / "data").symlink_to(ROOT / "data")
    nb = nbformat.read(repo / "notebooks" / NOTEBOOK.name, as_version=4)
    t0 = time.perf_counter()
    nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=240,
        resources={"metadata": {"path": str(repo / "notebooks")}},
    ).execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
    return nb, repo, time.perf_counter() - t0


def _cell(nb: Any, tag: str) -> Any:
    (cell,) = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    return cell


def _text(cell: Any) -> str:
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in {"execute_result", "display_data"}:
            parts.append(out.data.get("text/html") or out.data.get("text/plain", ""))
        assert out.output_type != "error", out
    return "\n".join(parts)


def _table_rows(cell: Any) -> int:
    """Rows of the DataFrame a cell shows (its HTML table's body rows)."""
    (html,) = [o.data["text/html"] for o in cell.outputs if o.output_type == "execute_result"]
    body = html.split("<tbody>", 1)[1]
    return body.count("<tr")


def test_every_cell_ran_without_error(executed: tuple[Any, Path, float]) -> None:
    nb, _, seconds = executed
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    for c in code:  # no warnings or tracebacks written to stderr either
        assert not [o for o in c.outputs if o.output_type == "stream" and o.name == "stderr"]
    assert seconds < 90, f"the notebook took {seconds:.0f} s"


def test_build_and_inline_page(executed: tuple[Any, Path, float]) -> None:
    nb, _, _ = executed
    text = _text(_cell(nb, "build"))
    assert re.search(r"\b48 articles read, 0 skipped", text)
    (page,) = [o for o in _cell(nb, "page").outputs if o.output_type == "execute_result"]
    html = page.data["text/html"]
    assert html.startswith("<iframe srcdoc=") and "Astana" in html and len(html) > 100_000


def test_timeline_table_and_chart(executed: tuple[Any, Path, float]) -> None:
    nb, _, _ = executed
    cell = _cell(nb, "timeline-table")
    assert _table_rows(cell) >= 20
    n = int(re.search(r"Russia took part in (\d+) events", _text(cell)).group(1))  # type: ignore[union-attr]
    assert n >= 30
    for needle in ("Astana", "2017-01-23", "guarantor", "Minsk"):
        assert needle in _text(cell)
    chart = _cell(nb, "timeline-chart")
    assert [o for o in chart.outputs if "image/png" in o.get("data", {})]


def test_window_mediators_and_sparql(executed: tuple[Any, Path, float]) -> None:
    nb, _, _ = executed
    window = _cell(nb, "window")
    assert _table_rows(window) >= 5
    assert "Evacuation" in _text(window) and "Moscow" in _text(window)
    dates = re.findall(r"<td>(\d{4}-\d{2}(?:-\d{2})?)</td>", _text(window))
    assert dates and all(d[:7] <= "2016-12" for d in dates)
    mediators = _cell(nb, "mediators")
    assert _table_rows(mediators) >= 5
    assert any(role in _text(mediators) for role in ("mediator", "organizer", "guarantor"))
    for tag, needle in (("sparql-1", "Astana"), ("sparql-2", "references"), ("sparql-3", "Russia")):
        cell = _cell(nb, tag)
        assert _table_rows(cell) >= 3, tag
        assert needle in _text(cell), tag


def test_exports_are_written(executed: tuple[Any, Path, float]) -> None:
    nb, repo, _ = executed
    out = repo / "out" / "notebook"
    assert {p.name for p in out.iterdir()} == {"graph.ttl", "graph.html", "graph.gexf"}
    assert all(p.stat().st_size > 10_000 for p in out.iterdir())
    import networkx as nx
    import rdflib

    assert len(rdflib.Graph().parse(out / "graph.ttl", format="turtle")) > 1000
    assert nx.read_gexf(out / "graph.gexf").number_of_nodes() > 100
    assert "graph.gexf" in _text(_cell(nb, "exports"))
