"""Property-based tests: hypothesis writes articles (random Unicode, random structure, random
dates, every input format) and the whole path runs on them: ingest -> extract -> graph -> RDF ->
parse back, with no crash and an exact round trip.

CI runs a bounded, fixed set of examples (``derandomize``). A longer, random run:

    CG_FUZZ_EXAMPLES=2000 CG_FUZZ_RANDOM=1 .venv/bin/pytest tests/test_fuzz.py -p no:cacheprovider

(see tests/README.md).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx
import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conflictgraph import errors
from conflictgraph.build import build_graph
from conflictgraph.graph import ConflictGraph
from conflictgraph.ingest import parse_date, read_inputs
from conflictgraph.ingest.readers import MAX_YEAR, MIN_YEAR, sanitize
from conflictgraph.rdf import FORMATS, from_rdf, parse_rdf, quiet_rdflib, to_rdf

EXAMPLES = int(os.environ.get("CG_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not os.environ.get("CG_FUZZ_RANDOM"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WHEN = datetime(2017, 2, 1, 12, 0, tzinfo=UTC)
OXIGRAPH = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
INPUT_CODES = {
    errors.EMPTY,
    errors.BINARY,
    errors.ENCODING,
    errors.MALFORMED_JSON,
    errors.MALFORMED_HTML,
    errors.MALFORMED_XML,
    errors.TOO_LARGE,
    errors.UNSAFE_XML,
}

# -- strategies ---------------------------------------------------------------------------------

# Any code point, lone surrogates included (JSON can carry them; files with odd bytes too).
ANY_TEXT = st.text(st.characters(codec=None), max_size=40)
NAMES = st.sampled_from(
    [
        "Sergei Lavrov",
        "Mevlut Cavusoglu",
        "Iran",
        "Russia",
        "Turkey",
        "the United Nations",
        "Staffan de Mistura",
        'Iran" } ; DROP ALL ; #',
        "<img src=x onerror=alert(1)>",
        "../../etc/x",
    ]
) | st.text(st.characters(exclude_categories=("Cc",)), min_size=1, max_size=20)
PLACES = st.sampled_from(["Astana", "Geneva", "Ankara", "Moscow", "Aleppo", "Vienna"]) | ANY_TEXT
WHEN_WORDS = st.sampled_from(
    ["on Tuesday", "last month", "in January 2017", "next week", "on 23 January", "", "today"]
) | st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)).map(
    lambda d: f"on {d:%d %B %Y}"
)
SENTENCE = st.one_of(
    st.builds(
        "{} met {} in {} {} to discuss a ceasefire.".format, NAMES, NAMES, PLACES, WHEN_WORDS
    ),
    st.builds("{} said {} would host talks {}.".format, NAMES, PLACES, WHEN_WORDS),
    st.builds(
        "{} and {} signed an agreement in {} {}, citing UN Security Council resolution {}.".format,
        NAMES,
        NAMES,
        PLACES,
        WHEN_WORDS,
        st.integers(1, 2800),
    ),
    ANY_TEXT,
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
BODY = st.lists(PARAGRAPH, min_size=1, max_size=4).flatmap(
    lambda ps: st.sampled_from(["\n\n", "\r\n", "\n", "\r", " "]).map(lambda sep: sep.join(ps))
)
PUBLISHED = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.dates().map(lambda d: f"{d:%a, %d %b %Y} 10:00:00 GMT"),
    ANY_TEXT,
    st.integers(),
)
FORMAT = st.sampled_from(["txt", "md", "json", "jsonl", "html", "rss"])


@st.composite
def article_files(draw: st.DrawFn) -> list[tuple[str, bytes]]:
    """One to three input files holding one or more articles each."""
    out = []
    for i in range(draw(st.integers(1, 3))):
        fmt = draw(FORMAT)
        n = draw(st.integers(1, 3)) if fmt in {"json", "jsonl", "rss"} else 1
        recs = [
            {
                "title": draw(st.none() | ANY_TEXT),
                "published": draw(PUBLISHED),
                "text": draw(BODY),
            }
            for _ in range(n)
        ]
        out.append((f"f{i}.{fmt}", _encode(fmt, recs, draw)))
    return out


def _encode(fmt: str, recs: list[dict[str, object]], draw: st.DrawFn) -> bytes:
    if fmt == "json":
        return json.dumps(recs if len(recs) > 1 else recs[0]).encode()
    if fmt == "jsonl":
        return "\n".join(json.dumps(r) for r in recs).encode()
    rec = recs[0]
    text = _xml_safe(str(rec["text"]))
    title = _xml_safe(str(rec["title"] or ""))
    if fmt == "html":
        return (
            f"<html><head><title>{escape(title)}</title></head><body><article>"
            f"<p>{escape(text)}</p></article></body></html>"
        ).encode("utf-8", "surrogatepass")
    if fmt == "rss":
        items = "".join(
            f"<item><title>{escape(_xml_safe(str(r['title'] or '')))}</title>"
            f"<link>https://example.org/{i}</link>"
            f"<description>{escape(_xml_safe(str(r['text'])))}</description></item>"
            for i, r in enumerate(recs)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    body = f"# {title}\n\n{text}" if fmt == "md" and title else text
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return body.encode(codec, "replace" if codec == "cp1252" else "surrogatepass")


def _xml_safe(s: str) -> str:
    """Only characters XML 1.0 can hold (a feed cannot carry the others at all)."""
    return "".join(
        c
        for c in s
        if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )


def canonical(g: nx.MultiDiGraph) -> str:
    """node-link JSON with nodes, edges and provenance lists sorted."""
    data = json.loads(json.dumps(nx.node_link_data(g, edges="edges")))
    for item in (*data["nodes"], *data["edges"]):
        if isinstance(item.get("provenance"), list):
            item["provenance"].sort(key=lambda entry: json.dumps(entry, sort_keys=True))
    data["nodes"].sort(key=lambda node: node["id"])
    data["edges"].sort(key=lambda edge: (edge["source"], edge["target"], str(edge["key"])))
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1)


@contextmanager
def _written(files: list[tuple[str, bytes]]) -> Iterator[Path]:
    """The files in a fresh folder (hypothesis examples cannot share pytest's tmp_path)."""
    with tempfile.TemporaryDirectory(prefix="cg-fuzz-") as tmp:
        folder = Path(tmp)
        for name, data in files:
            (folder / name).write_bytes(data)
        yield folder


# -- ingest alone (no model) -----------------------------------------------------------------


@FUZZ
@given(files=article_files())
def test_ingest_never_crashes_and_gives_clean_text(files: list[tuple[str, bytes]]) -> None:
    with _written(files) as folder:
        report = read_inputs([folder])
    for err in report.skipped:
        assert err.code in INPUT_CODES, str(err)
    for art in report.articles:
        for value in (art.id, art.text, art.title, art.url, art.source, art.origin):
            if value is not None:
                assert sanitize(value) == value  # no NUL, no lone surrogate, \n line ends
                value.encode("utf-8")
        assert art.text.strip()
        assert art.published is None or MIN_YEAR <= art.published.year <= MAX_YEAR


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["txt", "md", "json", "jsonl", "html", "xml"]))
def test_random_bytes_are_an_article_or_one_error(data: bytes, ext: str) -> None:
    with _written([(f"x.{ext}", data)]) as folder:
        report = read_inputs([folder / f"x.{ext}"])
    for err in report.skipped:
        assert err.code in INPUT_CODES, str(err)
    for art in report.articles:
        art.text.encode("utf-8")


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda x: st.lists(x, max_size=3) | st.dictionaries(ANY_TEXT, x, max_size=3),
    max_leaves=8,
)


@FUZZ
@given(st.dictionaries(ANY_TEXT, JSON_VALUE, max_size=6), st.booleans())
def test_any_json_record_is_an_article_or_one_error(
    record: dict[str, object], with_text: bool
) -> None:
    if with_text:
        record = {**record, "text": "Officials met in Ankara on Tuesday to discuss Syria."}
    with _written([("r.json", json.dumps(record).encode())]) as folder:
        report = read_inputs([folder / "r.json"])
    assert len(report.articles) + len(report.skipped) == 1
    if with_text:
        (art,) = report.articles
        assert art.text == "Officials met in Ankara on Tuesday to discuss Syria."


@FUZZ
@given(PUBLISHED | st.floats() | st.datetimes())
def test_parse_date_gives_a_plausible_date_or_value_error(value: object) -> None:
    try:
        d = parse_date(value)
    except ValueError:
        return
    assert d is None or MIN_YEAR <= d.year <= MAX_YEAR


# -- the whole path (needs the model) ----------------------------------------------------------


@pytest.mark.model
@FUZZ
@given(files=article_files(), fmt=st.sampled_from(sorted(FORMATS)))
def test_ingest_extract_graph_rdf_round_trip(
    nlp: Language, files: list[tuple[str, bytes]], fmt: str
) -> None:
    with _written(files) as folder:
        result = build_graph([folder], nlp=nlp)
    for err in result.skipped:
        assert err.code in INPUT_CODES, str(err)
    g = result.graph.g
    articles = {n for n, d in g.nodes(data=True) if d.get("kind") == "article"}
    assert articles == {f"article:{a.id}" for a in result.articles}  # none lost
    text = FORMATS[fmt](g, generated_at=WHEN)
    quads = list(pyoxigraph.parse(text.encode(), format=OXIGRAPH[fmt]))
    assert bool(quads) == bool(g.number_of_nodes())
    with quiet_rdflib():
        back = from_rdf(parse_rdf(text, fmt))
    assert canonical(back) == canonical(g)
    again = ConflictGraph.from_node_link(json.loads(result.graph.to_json()))
    assert canonical(again.g) == canonical(g)
    assert canonical(from_rdf(to_rdf(g, generated_at=WHEN))) == canonical(g)
