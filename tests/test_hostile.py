"""The hostile-input corpus (tests/data/hostile/, written by tests/data/make_hostile.py): every
input gives its one expected message with its code, or its articles, and nothing else; the
rest of the run goes on; large and malicious inputs are refused quickly in bounded memory."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from conflictgraph import errors
from conflictgraph.build import build_graph
from conflictgraph.ingest import read_inputs
from conflictgraph.ingest.readers import IngestReport, sanitize
from conflictgraph.rdf import from_rdf, parse_rdf, quiet_rdflib, to_trig
from conflictgraph.resolve.identity import article_id

sys.path.insert(0, str(Path(__file__).parent / "data"))
import make_hostile as mh

CORPUS = mh.HERE
CASES = mh.load_manifest()
ANCHOR = mh.prose("anchor")


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[mh.Case]]]:
    """The cases made at test time (symlink loops, fifo, 50 MB file, 2 MB lines...)."""
    folder = tmp_path_factory.mktemp("special")
    cases = mh.write_special(folder)
    yield folder, cases
    mh.restore_permissions(folder)


def _case_of(rel: str, cases: list[mh.Case]) -> mh.Case | None:
    """The case an origin (relative to its corpus folder) belongs to."""
    for case in sorted(cases, key=lambda c: -len(c.name)):
        if rel == case.name or any(rel.startswith(case.name + sep) for sep in ":[#/"):
            return case
    return None


def check(report: IngestReport, folder: Path, cases: list[mh.Case], *, walked: bool) -> None:
    """Every case gave exactly its skips (code and message), articles and notices."""
    prefix = sanitize(str(folder)) + "/"
    got_skips: dict[str, set[tuple[str, str]]] = {c.name: set() for c in cases}
    got_articles = dict.fromkeys(got_skips, 0)
    for err in report.skipped:
        assert err.origin.startswith(prefix), err
        rel = err.origin[len(prefix) :]
        case = _case_of(rel, cases)
        assert case is not None, f"unexpected skip {err}"
        assert str(err) == f"[{err.code}] {err.origin}: {err.problem}"
        assert "\n" not in err.problem and len(str(err)) < 500 + len(err.origin), str(err)
        expected = {s[0]: s for s in case.skipped}
        want = expected.get(rel)
        if want is None and walked and rel == case.name and case.skipped == []:
            pytest.fail(f"unexpected skip {err}")
        assert want is not None, f"unexpected skip {err} (expected {case.skipped})"
        assert err.code == want[1] and want[2] in err.problem, (str(err), want)
        got_skips[case.name].add((rel, err.code))
    for art in report.articles:
        assert art.origin and art.origin.startswith(prefix), art.origin
        case = _case_of(art.origin[len(prefix) :], cases)
        assert case is not None, f"unexpected article from {art.origin}"
        got_articles[case.name] += 1
        assert art.text.strip() and "\x00" not in art.text
        assert "root:x:0:0" not in art.text  # /etc/passwd never made it in
    for case in cases:
        want = {(s[0], s[1]) for s in case.skipped}
        if walked and any(code == mh.UNSUPPORTED for _, code in want):
            want = set()  # a folder walk passes over other formats with a notice
        assert got_skips[case.name] == want, case.name
        assert got_articles[case.name] == case.articles, case.name
        for piece in case.notices:
            stem = prefix + case.name.split(".")[0]
            assert any(stem in n and piece in n for n in report.notices), (
                case.name,
                piece,
                report.notices,
            )


def test_corpus_matches_its_generator(tmp_path: Path) -> None:
    mh.write_corpus(tmp_path / "h")
    cmp = filecmp.dircmp(CORPUS, tmp_path / "h")
    assert not (cmp.left_only or cmp.right_only), "run tests/data/make_hostile.py"
    _, mismatch, errs = filecmp.cmpfiles(CORPUS, tmp_path / "h", cmp.common_files, shallow=False)
    assert not mismatch and not errs, f"run tests/data/make_hostile.py: {mismatch}"


def test_the_corpus_has_at_least_100_cases(special: tuple[Path, list[mh.Case]]) -> None:
    assert len(CASES) + len(special[1]) >= 100


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_alone_with_a_good_article(case: mh.Case, tmp_path: Path) -> None:
    """One hostile input and one good one: the message, and the good article still read."""
    anchor = tmp_path / "anchor.txt"
    anchor.write_text(ANCHOR, encoding="utf-8")
    t0 = time.perf_counter()
    report = read_inputs([CORPUS / case.name, anchor])
    assert time.perf_counter() - t0 < 10
    anchors = [a for a in report.articles if a.origin == str(anchor)]
    assert len(anchors) == 1 and anchors[0].text == ANCHOR
    report.articles.remove(anchors[0])
    if case.name.endswith(".meta.json"):  # a sidecar given on its own: a notice, no article
        assert not report.articles and not report.skipped and report.notices
        return
    check(report, CORPUS, [case], walked=False)


def test_the_whole_corpus_as_one_folder(special: tuple[Path, list[mh.Case]]) -> None:
    t0 = time.perf_counter()
    report = read_inputs([CORPUS])
    assert time.perf_counter() - t0 < 30
    check(report, CORPUS, CASES, walked=True)


def test_special_cases_in_a_folder(special: tuple[Path, list[mh.Case]]) -> None:
    """Symlink loops, a fifo, unreadable files and folders, undecodable names, 50 MB, 2 MB
    lines: each named once with its code, the rest read."""
    folder, cases = special
    t0 = time.perf_counter()
    report = read_inputs([folder])
    assert time.perf_counter() - t0 < 30
    check(report, folder, cases, walked=True)


def test_missing_input_is_named(tmp_path: Path) -> None:
    (err,) = read_inputs([tmp_path / "nope.txt"]).skipped
    assert err.code == errors.MISSING


PEAK = """
def peak_mb():
    try:  # VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's peak on Linux
        with open("/proc/self/status") as fh:
            return next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


def _measure(code: str, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter (imports done first, untimed): its ``result``, the
    seconds it took and the process's peak memory in MB."""
    wrapper = (
        "import json, resource, sys, time\n"
        "from conflictgraph.ingest import read_inputs\n"
        f"{PEAK}\n"
        "t0 = time.perf_counter()\n"
        f"{code}\n"
        "out = {'seconds': time.perf_counter() - t0, 'result': result, 'peak_mb': peak_mb()}\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *args], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])  # type: ignore[no-any-return]


READ = (
    "r = read_inputs([sys.argv[1]], max_bytes=int(sys.argv[2]))\n"
    "result = [[e.code, str(e)] for e in r.skipped] + [len(r.articles)]"
)


def test_fifty_mb_file_is_refused_quickly_in_bounded_memory(
    special: tuple[Path, list[mh.Case]],
) -> None:
    folder, _ = special
    big = folder / "fifty_mb.txt"
    assert big.stat().st_size > 50 * 1024 * 1024
    base = _measure(READ, str(CORPUS / "rss.xml"), str(mh_limit()))
    out = _measure(READ, str(big), str(mh_limit()))
    (code, message), n = out["result"]
    assert code == errors.TOO_LARGE and "--max-size" in message and n == 0
    assert out["seconds"] < 1.0
    assert out["peak_mb"] - base["peak_mb"] < 10 and out["peak_mb"] < 100  # never read
    print(f"\n50 MB refused: {out['seconds'] * 1000:.2f} ms, peak {out['peak_mb']:.0f} MB")


def test_fifty_mb_file_with_a_raised_limit_is_read_in_bounded_memory(
    special: tuple[Path, list[mh.Case]],
) -> None:
    """Raised past its size, the file is read (once) and refused as one overlong article: memory
    stays a small multiple of the file, and no article is produced to choke the parser."""
    folder, _ = special
    big = folder / "fifty_mb.txt"
    out = _measure(READ, str(big), str(60 * 1024 * 1024))
    (code, message), n = out["result"]
    assert code == errors.TOO_LARGE and "article too long" in message and n == 0
    assert out["seconds"] < 60
    assert out["peak_mb"] < 300  # the bytes and their text, once each
    print(
        f"\n50 MB read with --max-size 60MB: {out['seconds']:.1f} s, peak {out['peak_mb']:.0f} MB"
    )


def mh_limit() -> int:
    from conflictgraph.ingest.readers import MAX_BYTES

    return MAX_BYTES


@pytest.mark.parametrize("name", ["billion_laughs.xml", "quadratic_blowup.xml", "xxe_passwd.xml"])
def test_xml_bombs_are_refused_quickly_in_bounded_memory(name: str) -> None:
    base = _measure(READ, str(CORPUS / "rss.xml"), str(mh_limit()))
    out = _measure(READ, str(CORPUS / name), str(mh_limit()))
    (code, message), n = out["result"]
    assert code == errors.UNSAFE_XML and "unsafe XML refused" in message and n == 0
    assert out["seconds"] < 1.0
    assert out["peak_mb"] - base["peak_mb"] < 20 and out["peak_mb"] < 200
    print(f"\n{name}: {out['seconds'] * 1000:.1f} ms, peak {out['peak_mb']:.0f} MB")


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    (art,) = read_inputs([CORPUS / "external_dtd.xml"]).articles
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    assert passwd.splitlines()[0] not in art.text


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    """The limit holds for what is read, not only for what stat said."""
    path = tmp_path / "grows.txt"
    path.write_text(mh.prose("grows") * 10, encoding="utf-8")
    limit = path.stat().st_size - 1
    (err,) = read_inputs([path], max_bytes=limit).skipped
    assert err.code == errors.TOO_LARGE


DROP_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"), reason="root without setpriv"
)
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    """A file and a folder with mode 000 are each named (CG111), the rest read. Root reads
    everything, so as root the reader runs without the capabilities that let it."""
    (tmp_path / "ok.txt").write_text(ANCHOR, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(mh.prose("locked"), encoding="utf-8")
    (tmp_path / "locked.txt").chmod(0)
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "inner.txt").write_text(mh.prose("inner"), encoding="utf-8")
    (tmp_path / "closed").chmod(0)
    code = (
        "import json, sys\nfrom conflictgraph.ingest import read_inputs\n"
        "r = read_inputs([sys.argv[1]])\n"
        "print(json.dumps([str(e) for e in r.skipped] + [len(r.articles)]))"
    )
    prefix = DROP_DAC if os.geteuid() == 0 else []
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", code, str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        (tmp_path / "closed").chmod(0o755)
        (tmp_path / "locked.txt").chmod(0o644)
    assert proc.returncode == 0, proc.stderr
    *skips, n = json.loads(proc.stdout)
    assert n == 1
    assert sorted(skips) == [
        f"[CG111] {tmp_path}/closed: cannot read the folder: Permission denied",
        f"[CG111] {tmp_path}/locked.txt: cannot read: Permission denied",
    ]


WITH_ARTICLES = [c for c in CASES if c.articles]


@pytest.mark.model
@pytest.mark.parametrize("case", WITH_ARTICLES, ids=[c.name for c in WITH_ARTICLES])
def test_each_case_with_articles_reaches_the_graph(
    case: mh.Case, tmp_path: Path, nlp: Language
) -> None:
    """The case and a good article in one build: every article read is an article node, the
    skips are the case's own, and the graph goes to RDF and back."""
    anchor = tmp_path / "anchor.txt"
    anchor.write_text(ANCHOR, encoding="utf-8")
    result = build_graph([CORPUS / case.name, anchor], nlp=nlp)
    assert len(result.articles) == case.articles + 1
    assert [(e.origin, e.code) for e in result.skipped] == [
        (f"{CORPUS}/{rel}", code) for rel, code, _ in case.skipped
    ]
    nodes = {n for n, d in result.graph.g.nodes(data=True) if d["kind"] == "article"}
    assert nodes == {article_id(a.id) for a in result.articles}
    with quiet_rdflib():
        back = from_rdf(parse_rdf(to_trig(result.graph.g), "trig"))
    assert back.number_of_nodes() == result.graph.g.number_of_nodes()
    assert back.number_of_edges() == result.graph.g.number_of_edges()
