"""The command line: a thin skin over the library. Library errors become one clean line."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import click

from conflictgraph import __version__
from conflictgraph.errors import ConflictGraphError

__all__ = ["main"]

FORMATS = {"json": "graph.json", "ttl": "graph.ttl", "trig": "graph.trig", "html": "graph.html"}
EXIT_SKIPPED = 3


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictgraph")
def cli() -> None:
    """Turn news articles into a dated conflict-timeline knowledge graph.

    Example: conflictgraph build data/articles --out out/demo
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for graph.json, graph.ttl, graph.trig and graph.html.",
)
@click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none of their own.",
)
@click.option(
    "--format",
    "formats",
    default="json,ttl,trig,html",
    show_default=True,
    help="Comma-separated outputs: json, ttl, trig, html.",
)
@click.option(
    "--strict", is_flag=True, help="Fail (exit 3) before writing anything if an input is skipped."
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    published: date | None,
    formats: str,
    strict: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Read articles (text, Markdown, HTML, JSON/JSONL, RSS/Atom, or folders of them), extract
    actors, events, resolutions and places, and write the graph.

    Exit status: 0 all inputs read; 3 some inputs were skipped (each named on stderr).

    Example: conflictgraph build ../shared/seed/astana-2017-01-28.txt --out out/seed
    """
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise click.BadParameter(
            f"unknown format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    from conflictgraph.build import build_graph

    t0 = time.perf_counter()
    result = build_graph(inputs, published=published)
    for err in result.skipped:
        click.echo(f"skipped: {err}", err=True)
    for note in result.notices:
        if not quiet:
            click.echo(f"note: {note}", err=True)
    if strict and result.skipped:
        raise SystemExit(EXIT_SKIPPED)
    written = write_outputs(result.graph, out_dir, wanted, title=_title(result))
    counts = result.graph.counts()
    summary = {
        "articles": len(result.articles),
        "skipped": len(result.skipped),
        "undated_articles": [a.origin or a.id for a in result.undated],
        **{k: counts.get(k, 0) for k in ("actor", "event", "resolution", "location", "edges")},
        "files": {k: str(v) for k, v in written.items()},
        "seconds": round(time.perf_counter() - t0, 2),
    }
    if as_json:
        click.echo(json.dumps(summary, indent=1))
    elif not quiet:
        click.echo(
            f"{summary['articles']} articles -> {summary['actor']} actors, "
            f"{summary['event']} events, "
            f"{summary['resolution']} resolutions, {summary['location']} places, "
            f"{summary['edges']} edges in {summary['seconds']} s"
        )
        if result.skipped:
            click.echo(f"{len(result.skipped)} input(s) skipped (see above)")
        if result.undated:
            click.echo(
                f"{len(result.undated)} article(s) have no publication date: their relative dates "
                "are left unresolved (give --published YYYY-MM-DD)"
            )
        for k, v in written.items():
            click.echo(f"  {k:5} {v}")
    if result.skipped:
        raise SystemExit(EXIT_SKIPPED)


def _title(result: object) -> str:
    return "conflictgraph"


def write_outputs(
    graph: object, out_dir: Path, formats: list[str], *, title: str
) -> dict[str, Path]:
    """Write the requested formats into ``out_dir`` (each file atomically)."""
    from conflictgraph.graph import ConflictGraph
    from conflictgraph.store import atomic_write_text

    assert isinstance(graph, ConflictGraph)
    written: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / FORMATS[fmt]
        if fmt == "json":
            atomic_write_text(path, graph.to_json())
        elif fmt in {"ttl", "trig"}:
            from conflictgraph.rdf import write_rdf

            write_rdf(graph.g, path, fmt)
        elif fmt == "html":
            from conflictgraph.viz import write_html

            write_html(graph.g, path, title=title)
        written[fmt] = path
    return written


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Publication date to resolve relative dates against (else the file's own).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True
)
def dates(file: Path, published: date | None, fmt: str) -> None:
    """Print every time expression in an article with its TIMEX3 type, value and dates.

    Example: conflictgraph dates ../shared/seed/astana-2017-01-28.txt --format json
    """
    from conflictgraph.ingest import read_inputs
    from conflictgraph.nlp.pipeline import annotate, build_nlp

    report = read_inputs([file], published=published)
    for err in report.skipped:
        raise ConflictGraphError(str(err))
    nlp = build_nlp()
    rows = []
    for article, doc in annotate(nlp, report.articles):
        for tx in doc._.cg_timexes or []:
            tv = tx.time
            rows.append(
                {
                    "article": article.id,
                    "text": tx.text,
                    "start": tx.char_start,
                    "end": tx.char_end,
                    "type": str(tx.type),
                    "value": tx.value,
                    "precision": str(tv.precision) if tv and tv.precision else None,
                    "start_date": tv.start.isoformat() if tv and tv.start else None,
                    "end_date": tv.end.isoformat() if tv and tv.end else None,
                }
            )
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    for r in rows:
        click.echo(
            f"{r['start']:>6} {r['type']:<9} {r['value'] or '-':<14} "
            f"{r['start_date'] or '':<10} {r['end_date'] or '':<10} {r['text']}"
        )


def main() -> None:
    """Console entry point: run the CLI, turning library errors into one line and exit 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConflictGraphError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
