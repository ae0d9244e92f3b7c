"""The command line: a thin skin over the library. Library errors become one clean line."""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click

from conflictgraph import __version__
from conflictgraph.errors import OUTPUT_EXISTS, ConflictGraphError, ExportError

__all__ = ["main"]

FORMATS = {
    "json": "graph.json",
    "ttl": "graph.ttl",
    "trig": "graph.trig",
    "html": "graph.html",
    "gexf": "graph.gexf",
    "png": "graph.png",
    "svg": "graph.svg",
    "timeline-png": "timeline.png",
    "timeline-html": "timeline.html",
}
EXIT_SKIPPED = 3
BUILD_COLUMNS = (
    "articles", "skipped", "undated", "actors", "events", "resolutions", "places", "edges",
    "articles/s",
)  # fmt: skip


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from exc


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    from conflictgraph.ingest import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="conflictgraph")
def cli() -> None:
    """Turn news articles into a dated conflict-timeline knowledge graph.

    Example: conflictgraph build data/articles --out out/demo
    """


def _workers_options(func: Any) -> Any:
    func = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        envvar="CONFLICTGRAPH_SCHEDULER",
        help="Extract on this Dask cluster (pip install 'conflictgraph[dask]'), ~50 articles "
        "per task.",
    )(func)
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Extract on this many local processes (each loads the spaCy model once).",
    )(func)


MANY = 100  # off a terminal (a log, CI), the bar appears once this many items are done


class _Progress:
    """A tqdm bar with items/s on stderr: on a terminal from the first item; elsewhere (a log)
    only for long runs of articles, from the ``MANY``-th on, updated every 10 s; never with
    --quiet."""

    def __init__(self, quiet: bool, *, unit: str = "article", total: int | None = None) -> None:
        self.quiet, self.unit, self.total = quiet, unit, total
        self.tty = sys.stderr.isatty()
        self.many = MANY if unit == "article" else None
        self.done = 0
        self.bar: Any = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def start(self, total: int) -> None:
        """Give the number of items once it is known (the bar then shows a percentage)."""
        self.total = total
        if self.bar is not None:
            self.bar.total = total
            self.bar.refresh()

    def update(self, n: int = 1) -> None:
        """Count ``n`` items done."""
        self.done += n
        if self.quiet:
            return
        if self.bar is None:
            if not self.tty and (self.many is None or self.done < self.many):
                return
            from tqdm import tqdm

            self.bar = tqdm(
                total=self.total,
                initial=self.done - n,
                unit=self.unit,
                file=sys.stderr,
                leave=not self.tty,
                mininterval=0.1 if self.tty else 10.0,
                dynamic_ncols=self.tty,
            )
        self.bar.update(n)

    def article(self, _: object) -> None:
        """The ``progress`` callback of build and add: one article done."""
        self.update(1)


def _progress(quiet: bool, *, unit: str = "article", total: int | None = None) -> _Progress:
    """A progress bar on stderr (see :class:`_Progress`)."""
    return _Progress(quiet, unit=unit, total=total)


def _table(head: list[str], rows: list[list[Any]]) -> str:
    """A small aligned table: text left, numbers right."""
    cells = [[f"{c:,}" if isinstance(c, int) else str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(head)]

    def line(values: list[str], raw: list[Any]) -> str:
        out = [
            v.rjust(w) if isinstance(x, int | float) else v.ljust(w)
            for v, w, x in zip(values, widths, raw, strict=True)
        ]
        return "  ".join(out).rstrip()

    numeric = [isinstance(x, int | float) for x in rows[0]] if rows else [False] * len(head)
    lines = [line(head, [0 if n else "" for n in numeric])]
    lines.append("  ".join("-" * w for w in widths))
    lines += [line(c, r) for c, r in zip(cells, rows, strict=True)]
    return "\n".join(lines)


def _size_text(path: Path) -> str:
    """A file's size for people (``12.3 kB``), or ``-`` for a folder or an unreadable one."""
    try:
        n = float(path.stat().st_size) if path.is_file() else None
    except OSError:
        n = None
    if n is None:
        return "-"
    for unit in ("B", "kB", "MB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def _rate(n: int, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


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
    help="Comma-separated outputs: json, ttl, trig, html, gexf, png, svg, timeline-png, "
    "timeline-html.",
)
@click.option(
    "--strict", is_flag=True, help="Fail (exit 3) before writing anything if an input is skipped."
)
@click.option(
    "--force", is_flag=True, help="Overwrite output files that exist (else refuse, exit 1)."
)
@click.option(
    "--max-size",
    "max_bytes",
    callback=_size,
    default="20MB",
    show_default=True,
    metavar="SIZE",
    help="Skip input files larger than this (e.g. 50MB, 1GB).",
)
@_workers_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    published: date | None,
    formats: str,
    strict: bool,
    force: bool,
    max_bytes: int,
    workers: int,
    scheduler: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Read articles (text, Markdown, HTML, JSON/JSONL, RSS/Atom, or folders of them), extract
    actors, events, resolutions and places, and write the graph.

    Exit status: 0 all inputs read; 3 some inputs were skipped (each named on stderr); 1 an
    error, such as output files that exist without --force.

    Example: conflictgraph build ../shared/seed/astana-2017-01-28.txt --out out/seed
    """
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise click.BadParameter(
            f"unknown format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    _refuse_overwrite(out_dir, wanted, force=force)
    from conflictgraph.build import build_graph

    t0 = time.perf_counter()
    with _progress(quiet) as bar:
        result = build_graph(
            inputs,
            published=published,
            max_bytes=max_bytes,
            workers=workers,
            scheduler=scheduler,
            progress=bar.article,
            started=bar.start,
        )
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
        "skipped_inputs": [
            {"input": e.origin, "code": e.code, "problem": e.problem} for e in result.skipped
        ],
        "undated_articles": [a.origin or a.id for a in result.undated],
        **{k: counts.get(k, 0) for k in ("actor", "event", "resolution", "location", "edges")},
        "files": {k: str(v) for k, v in written.items()},
        "seconds": round(time.perf_counter() - t0, 2),
    }
    summary["articles_per_second"] = _rate(len(result.articles), summary["seconds"])
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
            from conflictgraph.ingest.readers import skip_summary

            click.echo(
                f"{len(result.skipped)} input(s) skipped (see above): "
                f"{skip_summary(result.skipped)}"
            )
        if result.undated:
            click.echo(
                f"{len(result.undated)} article(s) have no publication date: their relative dates "
                "are left unresolved (give --published YYYY-MM-DD)"
            )
        kinds = ("actor", "event", "resolution", "location", "edges")
        counts_row = [summary["articles"], summary["skipped"], len(result.undated)]
        counts_row += [summary[k] for k in kinds] + [summary["articles_per_second"]]
        click.echo("\n" + _table([*BUILD_COLUMNS], [counts_row]))
        files = [[k, str(v), _size_text(v)] for k, v in written.items()]
        click.echo("\n" + _table(["output", "file", "size"], files))
    if result.skipped:
        raise SystemExit(EXIT_SKIPPED)


def _refuse_overwrite(out_dir: Path, formats: list[str], *, force: bool) -> None:
    """Refuse, before any work, to replace output files that exist unless ``force``."""
    existing = [FORMATS[f] for f in formats if os.path.lexists(out_dir / FORMATS[f])]
    if existing and not force:
        raise ExportError(
            f"{out_dir}: {', '.join(existing)} already exist; give --force to overwrite",
            code=OUTPUT_EXISTS,
        )


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
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"{out_dir}: cannot create the output folder ({exc.strerror or exc})"
        ) from exc
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
        elif fmt == "gexf":
            from conflictgraph.export import write_gexf

            write_gexf(graph, path)
        elif fmt in {"png", "svg"}:
            from conflictgraph.viz.static import to_png, to_svg

            (to_png if fmt == "png" else to_svg)(graph.g, path, title=title)
        elif fmt == "timeline-png":
            from conflictgraph.viz.timeline import timeline_png

            timeline_png(graph.g, path, title=title)
        elif fmt == "timeline-html":
            from conflictgraph.viz.timeline import timeline_html

            timeline_html(graph.g, path, title=title)
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
        raise err  # one line with the input's own code
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


# -- store and queries -------------------------------------------------------------------------

DB_HELP = "Store folder (default: $CONFLICTGRAPH_DB or ./conflictgraph.db)."
OUTPUT_CHOICE = click.Choice(["table", "csv", "json"])


STORE_HELP = (
    "A SPARQL 1.1 server instead of --db: sparql+http://HOST:PORT/PATH or a TOML file "
    "(default: $CONFLICTGRAPH_STORE). Credentials come from $CONFLICTGRAPH_STORE_USER and "
    "$CONFLICTGRAPH_STORE_PASSWORD, $CONFLICTGRAPH_STORE_TOKEN or the file, never the URL."
)


def _remember_store(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    ctx.meta["conflictgraph.store"] = value


def _db_option(func: Any) -> Any:
    func = click.option(
        "--store",
        metavar="URL",
        envvar="CONFLICTGRAPH_STORE",
        expose_value=False,
        callback=_remember_store,
        help=STORE_HELP,
    )(func)
    return click.option(
        "--db",
        "db",
        type=click.Path(path_type=Path, file_okay=False),
        default="conflictgraph.db",
        envvar="CONFLICTGRAPH_DB",
        show_default=True,
        help=DB_HELP,
    )(func)


def _open_store(db: Path, *, create: bool = False) -> Any:
    location = click.get_current_context().meta.get("conflictgraph.store")
    if location:
        from conflictgraph.store.remote import RemoteStore

        return RemoteStore.open(location, create=create)
    from conflictgraph.store import Store

    return Store.open(db, create=create)


def _emit_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    """Print query rows as an aligned table, CSV or JSON (JSON keeps every field)."""
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
        return

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            return "; ".join(cell(x) for x in v)
        return str(v)

    table = [[cell(r.get(c)) for c in columns] for r in rows]
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(table)
        click.echo(buf.getvalue(), nl=False)
        return
    from conflictgraph.store.sparql import text_table

    click.echo(text_table(columns, table))


def _when(r: dict[str, Any]) -> str:
    if not r.get("start"):
        return "undated"
    end = r.get("end")
    return r["start"] if not end or end == r["start"] else f"{r['start']}..{end}"


def _actors_text(r: dict[str, Any]) -> str:
    return ", ".join(f"{a['label']} ({a['role']})" for a in r["actors"])


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@_db_option
@click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none of their own.",
)
@_workers_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def add(
    inputs: tuple[Path, ...],
    db: Path,
    published: date | None,
    workers: int,
    scheduler: str | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Add articles to a store, creating it if needed: only articles it has not seen (by id and
    content hash) are extracted and merged; adding the same article again changes nothing. A
    crash leaves the store as it was before or after the add; one writer at a time.

    Exit status: 0 all inputs read; 3 some inputs were skipped (each named on stderr).

    Example: conflictgraph add data/articles --db conflictgraph.db
    """
    with _open_store(db, create=True) as store, _progress(quiet) as bar:
        where = store.path
        if workers > 1 or scheduler:
            from conflictgraph.parallel import add_parallel

            report = add_parallel(
                store,
                inputs,
                published=published,
                workers=workers,
                scheduler=scheduler,
                progress=bar.article,
            )
        else:
            report = store.add(inputs, published=published, progress=bar.article)
    for err in report.skipped:
        click.echo(f"skipped: {err}", err=True)
    if not quiet:
        for note in report.notices:
            click.echo(f"note: {note}", err=True)
    summary = {
        "added": report.added,
        "replaced": report.replaced,
        "unchanged": len(report.unchanged),
        "duplicates": report.duplicates,
        "skipped": len(report.skipped),
        "skipped_inputs": [
            {"input": e.origin, "code": e.code, "problem": e.problem} for e in report.skipped
        ],
        "generation": report.generation,
        "counts": report.counts,
        "seconds": report.seconds,
        "articles_per_second": _rate(len(report.added) + len(report.replaced), report.seconds),
    }
    if as_json:
        click.echo(json.dumps(summary, indent=1))
    elif not quiet:
        c = report.counts
        verb = "added" if report.changed else "nothing new:"
        click.echo(
            f"{verb} {len(report.added)} new, {len(report.replaced)} replaced, "
            f"{len(report.unchanged)} already stored; {where} now holds {c.get('article', 0)} "
            f"articles, {c.get('actor', 0)} actors, {c.get('event', 0)} events, "
            f"{c.get('edges', 0)} edges (generation {report.generation}, {report.seconds} s)"
        )
        row = [len(report.added), len(report.replaced), len(report.unchanged)]
        row += [len(report.duplicates), len(report.skipped), summary["articles_per_second"]]
        head = ["new", "replaced", "unchanged", "duplicates", "skipped", "articles/s"]
        click.echo("\n" + _table(head, [row]))
        kinds = ("article", "actor", "event", "resolution", "location", "edges")
        store_row = [str(where), *(c.get(k, 0) for k in kinds), report.generation]
        head = ["store", "articles", "actors", "events", "resolutions", "places", "edges"]
        click.echo("\n" + _table([*head, "generation"], [store_row]))
    if report.skipped:
        raise SystemExit(EXIT_SKIPPED)


@cli.command()
@click.argument("query")
@_db_option
@click.option(
    "--bind",
    "binds",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to a value: a node id (state:RUS), <IRI>, prefix:name (cg:mediator), "
    "text^^xsd:type, or plain text. Repeatable.",
)
@click.option("--format", "fmt", type=OUTPUT_CHOICE, default="table", show_default=True)
@click.option("--update", "allow_update", is_flag=True, help="Allow SPARQL updates (else refused).")
def sparql(query: str, db: Path, binds: tuple[str, ...], fmt: str, allow_update: bool) -> None:
    """Run a SPARQL 1.1 query against the store. QUERY is the text, @FILE to read it from a
    file, or - for stdin. Prefixes cg, sem, rdfs, xsd, prov, schema, skos, owl, time, dcterms
    and wd are predeclared; values given with --bind are passed to the engine, never pasted
    into the text. Table and CSV show node ids and prefixed names; JSON is the W3C SPARQL
    results format. Updates are refused unless --update.

    Example: conflictgraph sparql 'SELECT * WHERE { ?e a sem:Event } LIMIT 5' --db my.db
    """
    from conflictgraph.store.sparql import format_result, parse_binding

    if query == "-":
        query = sys.stdin.read()
    elif query.startswith("@"):
        try:
            query = Path(query[1:]).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot read {query[1:]}: {exc.strerror}") from exc
    bindings = dict(parse_binding(b) for b in binds)
    with _open_store(db) as store:
        result = store.sparql(query, allow_update=allow_update, **bindings)
        if allow_update and not result.vars and result.type == "SELECT":
            click.echo(f"update applied (generation {store.generation})", err=True)
            return
        click.echo(format_result(result, fmt))


@cli.command()
@click.argument("actor")
@_db_option
@click.option("--from", "start", metavar="DATE", help="Only events overlapping this date or later.")
@click.option("--to", "end", metavar="DATE", help="Only events overlapping this date or earlier.")
@click.option("--role", "roles", multiple=True, help="Only these roles (repeatable).")
@click.option("--format", "fmt", type=OUTPUT_CHOICE, default="table", show_default=True)
def timeline(
    actor: str, db: Path, start: str | None, end: str | None, roles: tuple[str, ...], fmt: str
) -> None:
    """Print an actor's events in date order with the roles it played. ACTOR is a node id, a
    name or an alias (any case); dates are ISO at any precision (2017, 2016-12, 2017-01-24).

    Example: conflictgraph timeline "Sergei Lavrov" --db conflictgraph.db
    """
    from conflictgraph.query import actor_timeline

    with _open_store(db) as store:
        rows = actor_timeline(store.graph(), actor=actor, role=roles or None, start=start, end=end)
    for r in rows:
        r["when"] = _when(r)
        r["with"] = ", ".join(
            dict.fromkeys(a["label"] for a in r["actors"] if a["id"] != r["actor"])
        )
    _emit_rows(rows, ["when", "roles", "event_type", "label", "place", "status", "with"], fmt)


@cli.command()
@_db_option
@click.option("--from", "start", metavar="DATE", help="Events overlapping this date or later.")
@click.option("--to", "end", metavar="DATE", help="Events overlapping this date or earlier.")
@click.option("--actor", help="Only events this actor took part in (id, name or alias).")
@click.option("--role", "roles", multiple=True, help="Only participations in these roles.")
@click.option(
    "--type", "types", multiple=True, help="CAMEO code or prefix (04, 0871) or PLOVER type."
)
@click.option("--place", help="A place, or a state for every place in it.")
@click.option("--status", "statuses", multiple=True, help="occurred, planned, refused ...")
@click.option("--resolution", help="Only events referencing this resolution (code or name).")
@click.option("--undated", is_flag=True, help="Keep undated events when a window is given.")
@click.option("--format", "fmt", type=OUTPUT_CHOICE, default="table", show_default=True)
def events(
    db: Path,
    start: str | None,
    end: str | None,
    actor: str | None,
    roles: tuple[str, ...],
    types: tuple[str, ...],
    place: str | None,
    statuses: tuple[str, ...],
    resolution: str | None,
    undated: bool,
    fmt: str,
) -> None:
    """List events in date order, filtered by a date window (an event counts when its dates
    overlap it), actor, role, type, place, status or resolution.

    Example: conflictgraph events --from 2016-12 --to 2017-01 --type 046 --db conflictgraph.db
    """
    from conflictgraph.query import events as find_events

    with _open_store(db) as store:
        rows = find_events(
            store.graph(),
            start=start,
            end=end,
            actor=actor,
            role=roles or None,
            event_type=types or None,
            place=place,
            status=statuses or None,
            resolution=resolution,
            include_undated=undated,
        )
    for r in rows:
        r["when"] = _when(r)
        r["who"] = _actors_text(r)
    _emit_rows(rows, ["when", "event_type", "label", "place", "status", "who"], fmt)


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print everything as JSON.")
def info(db: Path, as_json: bool) -> None:
    """Print what a store holds: counts by kind, triples, the date range of its events and
    its articles in the order they were added.

    Example: conflictgraph info --db conflictgraph.db
    """
    with _open_store(db) as store:
        data = store.info()
    if as_json:
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    c = data["counts"]
    lo, hi = data["dates"]
    lines = [
        f"store      {data['path']} (generation {data['generation']}, "
        f"{data['bytes'] / 1e6:.1f} MB, {data['created']})",
        f"articles   {data['articles']}",
        f"nodes      {c.get('actor', 0)} actors, {c.get('event', 0)} events, "
        f"{c.get('resolution', 0)} resolutions, {c.get('location', 0)} places",
        f"edges      {c.get('edges', 0)}",
        f"triples    {data['triples']} in {data['named_graphs']} named graphs + default",
        f"dates      {lo or '-'} .. {hi or '-'}",
        f"updates    {data['updates']} SPARQL update(s) applied",
    ]
    click.echo("\n".join(lines))
    if data["article_list"]:
        click.echo("\narticles (in the order added):")
        rows = [
            [a["published"] or "undated", a["id"], a["title"] or ""] for a in data["article_list"]
        ]
        from conflictgraph.store.sparql import text_table

        click.echo(text_table(["published", "id", "title"], rows))


@cli.command(name="export")
@_db_option
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(
        ["json", "ttl", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv", "html"]
    ),
    help="json (node-link), ttl, trig, nt, nq, jsonld, graphml, gexf (dynamic, for Gephi), "
    "csv (a folder: events.csv, edges.csv, nodes.csv), html (the offline page).",
)
@click.option(
    "--out", required=True, type=click.Path(path_type=Path), help="File (folder for csv)."
)
@click.option("--force", is_flag=True, help="Overwrite an existing output (else refuse, exit 1).")
def export_cmd(db: Path, fmt: str, out: Path, force: bool) -> None:
    """Write the store's graph in one format. RDF formats are the store's own dataset, with a
    named graph per article in trig, nq and jsonld.

    Example: conflictgraph export --format gexf --out graph.gexf --db conflictgraph.db
    """
    tables = ["events.csv", "edges.csv", "nodes.csv"]
    names = [t for t in tables if os.path.lexists(out / t)] if fmt == "csv" else []
    if not force and (names or (fmt != "csv" and os.path.lexists(out))):
        what = f"{out}: {', '.join(names)} already exist" if names else f"{out} already exists"
        raise ExportError(f"{what}; give --force to overwrite", code=OUTPUT_EXISTS)
    with _open_store(db) as store:
        written = store.export(fmt, out)
    for path in written:
        click.echo(str(path))


def _remote_location() -> str:
    location = click.get_current_context().meta.get("conflictgraph.store")
    if not location:
        raise click.UsageError("give the server with --store URL (or $CONFLICTGRAPH_STORE)")
    return str(location)


@cli.command()
@_db_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def push(db: Path, quiet: bool, as_json: bool) -> None:
    """Copy an embedded store to a SPARQL 1.1 server: the same dataset (default graph and one
    named graph per article), sent in bulk N-Quads batches, with the article records and
    extractions so that the server store can take further adds. Nothing changes locally; an
    interrupted push is completed, without duplicates, by running it again.

    Example: conflictgraph push --db conflictgraph.db --store sparql+http://127.0.0.1:7878/
    """
    from conflictgraph.store import Store
    from conflictgraph.store.remote import RemoteStore, push_store

    with Store.open(db) as local:
        total = int(local.manifest["triples"])
    remote = RemoteStore.open(_remote_location(), create=True)
    with _progress(quiet, unit="quad", total=total) as bar:
        summary = push_store(db, remote, progress=bar.update)
    if as_json:
        click.echo(json.dumps(summary, indent=1))
    elif not quiet:
        click.echo(
            f"pushed {summary['articles']} articles ({summary['quads']} quads, "
            f"{summary['extractions_sent']} extractions sent) to {remote.path} "
            f"(generation {summary['generation']}, {summary['seconds']} s)"
        )


@cli.command()
@_db_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def pull(db: Path, quiet: bool) -> None:
    """Copy a store from a SPARQL 1.1 server into an embedded store (created if missing): the
    same articles merged in the same order, then the same SPARQL updates. Everything is read
    before anything is written; a new store appears only once complete.

    Example: conflictgraph pull --store sparql+http://127.0.0.1:7878/ --db copy.db
    """
    from conflictgraph.store.remote import RemoteStore, pull_store

    remote = RemoteStore.open(_remote_location())
    report = pull_store(remote, db)
    if not quiet:
        click.echo(
            f"pulled {len(report.added) + len(report.replaced)} new, "
            f"{len(report.unchanged)} already stored into {db} (generation {report.generation})"
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
