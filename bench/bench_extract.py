"""Extraction throughput against raw spaCy, measured in one process.

The seed article (or any text file given) is repeated to about 100k words and split into
article-sized documents. Baseline: ``nlp.pipe`` of the base English model over the same texts.
Ours: the full conflictgraph pipeline (gazetteer ruler, time expressions, mentions, events) plus
extraction into model objects and the merge into a graph. Prints words/s of both and the ratio.

Run: .venv/bin/python bench/bench_extract.py [TEXT_FILE] [--words N]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from conflictgraph.graph import ConflictGraph
from conflictgraph.ingest import read_inputs
from conflictgraph.model import Article
from conflictgraph.nlp.extract import extract
from conflictgraph.nlp.load import load_base_model
from conflictgraph.nlp.pipeline import annotate, build_nlp

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "astana-2017-01-28.txt"
FALLBACK = Path(__file__).resolve().parents[1] / "data" / "articles"


def corpus(path: Path | None, words: int) -> list[Article]:
    """Article texts repeated until they hold about ``words`` words."""
    src = [path] if path else ([SEED] if SEED.exists() else [FALLBACK])
    base = read_inputs(src, published=date(2017, 1, 28)).articles
    out: list[Article] = []
    total = 0
    while total < words:
        for art in base:
            out.append(
                Article(
                    id=f"{art.id}-{len(out)}",
                    text=art.text,
                    published=art.published or date(2017, 1, 28),
                )
            )
            total += len(art.text.split())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text", nargs="?", type=Path)
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    args = ap.parse_args()
    arts = corpus(args.text, args.words)
    n_words = sum(len(a.text.split()) for a in arts)
    texts = [a.text for a in arts]

    base = load_base_model()
    nlp = build_nlp()
    list(base.pipe(texts[:5]))  # warm up both
    list(annotate(nlp, arts[:5]))
    t_base = t_ours = float("inf")
    graph = ConflictGraph()
    for _ in range(args.repeat):  # alternate the two and keep the best of each: less noise
        t0 = time.perf_counter()
        for _ in base.pipe(texts, batch_size=16):
            pass
        t_base = min(t_base, time.perf_counter() - t0)
        t0 = time.perf_counter()
        graph = ConflictGraph()
        for art, doc in annotate(nlp, arts, batch_size=16):
            graph.add_extraction(extract(art, doc))
        graph.consolidate()
        t_ours = min(t_ours, time.perf_counter() - t0)

    print(f"corpus: {len(arts)} articles, {n_words:,} words; best of {args.repeat} runs each")
    print(
        f"raw spaCy nlp.pipe ({base.meta['name']} {base.meta['version']}): "
        f"{t_base:7.2f} s  {n_words / t_base:9,.0f} words/s"
    )
    print(f"conflictgraph extract + merge:      {t_ours:7.2f} s  {n_words / t_ours:9,.0f} words/s")
    print(f"throughput ratio (ours / raw spaCy): {t_base / t_ours:.2f}x")
    print(f"graph: {graph.counts()}")


if __name__ == "__main__":
    main()
