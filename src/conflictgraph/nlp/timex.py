"""Find and resolve every time expression in an article, as TimeML TIMEX3 types and values.

Rules of our own (regular expressions in :mod:`conflictgraph.nlp.timex_rules`) find candidates;
the spaCy parse filters them ("May" the modal, "March" the verb) and gives the tense that decides
whether a bare "Monday" lies before or after the publication date. A bare "February 15" is the
nearest such day unless that one is far off (five months; a week when the date hangs on a
past or future verb itself), when the tense decides. spaCy DATE entities that no rule read are
kept, normalised by ``dateparser`` where it can.

A dateline ("MOSCOW, Jan 28 (Reuters) -", "Published: May 2, 2013", "POSTED: 04/02/07", or a
line under the title holding only a date) is returned as a date and becomes the anchor for the
rest of the text; with no publication date given, a news URL at the top ("/2013/05/03/") gives
it. "The following day" and "two days later" count from the latest day-precise date before them
in the text (passing over the day of a report, "said on Thursday", in a sentence that names the
story's own day), falling back to the anchor. A clock time next to a day makes one TIME
expression with it ("Friday at 10 a.m."); alone, its TIMEX3 value takes the day the story is at,
but it gets no dates of its own. A clock time with its zone ("11:00 AM EDT", "3 p.m. (1200
GMT)") is valued in UTC; without one it stays the local time the text gives, as TimeML does. A
day restated in brackets ("this morning (July 21)") is one expression dated by the bracketed
date. Durations, sets and ages ("a 36-year-old") carry no dates.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> [e.value for e in find_time_expressions(nlp("Talks ended on 24 January 2017."), None)]
['2017-01-24']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache

from spacy.tokens import Doc, Token

from conflictgraph.model import Precision, TimeExpression, TimeKind, TimeValue, TimexType
from conflictgraph.nlp import timex_rules as R

__all__ = ["clock_days", "date_from_url", "find_time_expressions"]

_CAUGHT = (ValueError, OverflowError, KeyError, IndexError)
# Verbs whose dates lie either side of the report ("were scheduled for February 8"): nearest.
_SCHEDULE_VERBS = {"schedule", "reschedule", "plan", "expect", "slate", "propose"}
# ... and verbs whose new date is their object ("postponed to February 8", not "on Monday").
_RESCHEDULE_VERBS = {"postpone", "delay", "defer", "push", "move", "bring", "put"}
# Words governing a to-infinitive that make it a plan ("agreed to meet on Monday"); under any
# other word it takes the governing verb's tense ("struggled to reach the area late Tuesday").
_INTENT = {
    "agree", "plan", "decide", "promise", "vow", "pledge", "threaten", "want", "hope", "intend",
    "aim", "seek", "expect", "ask", "urge", "call", "order", "prepare", "schedule", "set", "due",
    "go", "likely", "offer", "propose", "vote", "invite", "need", "wish", "arrange", "resolve",
    "expected", "scheduled", "about", "ready", "determined", "willing", "prepared", "keen",
}  # fmt: skip
_FUTURE_AUX = {"will", "wo", "'ll", "shall", "would"}
_REPORT_VERBS = {
    "say", "tell", "announce", "report", "state", "add", "confirm", "claim", "declare", "tweet",
    "write", "note",
}  # fmt: skip
_FUTURE_NOUNS = {"deadline"}
# Verbs whose object is a thing to come: a date bounding it ("called for a truce from Friday",
# "gave them until Monday") lies ahead of the call.
_DIRECTIVE = {"call", "order", "urge", "demand", "ask", "instruct", "give", "warn"}
_PERFECT_AUX = {"have", "has", "had", "'ve", "'d"}
_TIME_GAP_RE = re.compile(r"[ \t,]*(?:(?:on|at|of|in[ \t]+the)[ \t]*)?[ \t,]*", re.IGNORECASE)
_UNIT_PRECISION = {
    "month": Precision.MONTH,
    "quarter": Precision.QUARTER,
    "year": Precision.YEAR,
    "decade": Precision.DECADE,
    "century": Precision.DECADE,
}
_COARSER_THAN_MONTH = {Precision.SEASON, Precision.QUARTER, Precision.YEAR, Precision.DECADE}
# A month-day without a year is the nearest such day unless that one lies more than this far
# away, when the tense decides: about five months when the date hangs on a noun ("a ceasefire
# from February 15"), a week when it hangs on the verb ("rear-ended a truck on June 8").
_NEAR_DAYS = 150
_FIRM_SLACK_DAYS = 7
_NEAR_MONTHS = 5
_PART_WORDS = {"morning", "afternoon", "evening", "night", "tonight"}


class _Tense(Enum):
    """The tense of the clause a time expression sits in (value = direction from the anchor)."""

    PAST = -1
    PRESENT = 0
    FUTURE = 1
    NONE = 2


@dataclass(frozen=True, slots=True)
class _Clock:
    """A clock time as written: hour, minute, its zone (None: local time) and the same instant
    restated in a zone in brackets ("1353 (1023 GMT)")."""

    hour: int
    minute: int
    zone: str | None
    restated: tuple[int, int, str] | None = None


@dataclass(slots=True)
class _Ctx:
    """What the rules read: the parse, the anchor and what earlier expressions resolved to."""

    doc: Doc
    text: str
    anchor: date | None
    parsed: bool
    tok_starts: list[int]
    time_ents: list[tuple[int, int]]
    name_ents: list[tuple[int, int]]
    last_day: TimeValue | None = None
    last_day_at: int = -1
    last_dated: TimeValue | None = None
    last_dated_at: int = -1
    rejected: list[tuple[int, int]] = field(default_factory=list)
    clocks: dict[int, _Clock] = field(default_factory=dict)

    def prev_word(self, start: int) -> str:
        """The word right before ``start`` (only spaces between), or ""."""
        m = R.PREV_WORD_RE.search(self.text, max(0, start - 40), start)
        return m.group(1) if m else ""

    def next_word(self, end: int) -> str:
        """The word right after ``end`` (only spaces between), or ""."""
        m = R.NEXT_WORD_RE.match(self.text, end, end + 40)
        return m.group(1) if m else ""

    def token_at(self, pos: int) -> Token | None:
        """The token covering character ``pos``."""
        i = bisect.bisect_right(self.tok_starts, pos) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if pos < tok.idx + len(tok.text) else None

    def in_name(self, start: int, end: int) -> bool:
        """True inside a named entity that is not a date, time or number."""
        return any(s <= start and end <= e for s, e in self.name_ents)

    def in_time_entity(self, start: int, end: int) -> bool:
        """True inside a spaCy DATE or TIME entity."""
        return any(s <= start and end <= e for s, e in self.time_ents)


@dataclass(frozen=True, slots=True)
class _Cand:
    """A candidate match of one rule, before overlaps are settled."""

    start: int
    end: int
    priority: int
    rule: str
    match: re.Match[str]


_Builder = Callable[[re.Match[str], _Ctx, int, int], TimeExpression | None]


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def find_time_expressions(doc: Doc, anchor: date | None) -> list[TimeExpression]:
    """Every time expression in ``doc``, typed and dated against ``anchor``, for event timelines."""
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    ctx = _make_ctx(doc, anchor)
    found: list[TimeExpression] = []
    dateline = _dateline(ctx)
    taken: list[tuple[int, int]] = []
    if ctx.anchor is None and (dateline is None or dateline.time is None):
        ctx.anchor = _url_date(ctx)
        if dateline is not None and ctx.anchor is not None:
            dateline = _dateline(ctx)  # a bare "23 February" takes the URL's year
    if dateline is not None:
        found.append(dateline)
        taken.append((dateline.char_start, dateline.char_end))
        if dateline.time is not None and dateline.time.start is not None:
            ctx.anchor = dateline.time.start
        _remember(ctx, dateline)
    built: list[tuple[_Cand, TimeExpression]] = []
    for cand in _select(_scan(ctx), taken):
        expr = _build(cand, ctx)
        if expr is not None:
            built.append((cand, expr))
            _remember(ctx, expr)
    found.extend(_in_quotes_on_the_day_spoken(ctx, built))
    found.extend(_entity_fallback(ctx, found))
    found.sort(key=lambda e: e.char_start)
    return _merge_restated(_part_of_named_day(_attach_times(found, ctx), ctx), ctx)


def clock_days(
    exprs: list[TimeExpression], text: str, published: date | None
) -> list[TimeExpression]:
    """The expressions with clock times given the day they fall on, for dating events: a
    clock time on a known day ("at 3 p.m." valued 2016-02-12T15:00) dates an event by that
    day; a time stamp opening a paragraph ("09:15 - ..." in a live blog) is on the day of
    publication. Other expressions come back unchanged; a TIME keeps its TIMEX3 value.

    >>> at3 = TimeExpression(10, 19, "at 3 p.m.", TimexType.TIME, "2016-02-12T15:00", None)
    >>> [e.time.start for e in clock_days([at3], "Talks end at 3 p.m.", date(2016, 2, 13))]
    [datetime.date(2016, 2, 12)]
    >>> stamp = TimeExpression(0, 5, "09:15", TimexType.TIME, "2016-02-12T09:15", None)
    >>> [e.time.start for e in clock_days([stamp], "09:15 - Shelling", date(2016, 2, 13))]
    [datetime.date(2016, 2, 13)]
    """
    return [_clock_day(tx, text, published) for tx in exprs]


def _clock_day(tx: TimeExpression, text: str, published: date | None) -> TimeExpression:
    if tx.time is not None or tx.type != TimexType.TIME or not tx.value:
        return tx
    stamp = (
        published is not None
        and not text[text.rfind("\n", 0, tx.char_start) + 1 : tx.char_start].strip()
    )
    try:
        day = published if stamp and published else date.fromisoformat(tx.value[:10])
    except ValueError:
        return tx
    tv = TimeValue(day, day, Precision.DAY, tx.text, kind=TimeKind.DATE, value=day.isoformat())
    return replace(tx, time=tv)


def date_from_url(url: str) -> date | None:
    """The publication day a news URL holds ("https://x.org/2013/05/03/story/"), for articles
    whose page gives no date; None when its path holds no full date.

    >>> date_from_url("https://news.example.org/2016/03/15/shelling-resumes/")
    datetime.date(2016, 3, 15)
    """
    m = R.URL_DATE_RE.match(url.strip())
    if m is None:
        return None
    try:
        return date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Scanning and selection
# --------------------------------------------------------------------------------------------


def _make_ctx(doc: Doc, anchor: date | None) -> _Ctx:
    """Index the parse once: token offsets, DATE/TIME entities and names to keep clear of."""
    time_ents, name_ents = [], []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            time_ents.append((ent.start_char, ent.end_char))
        elif ent.label_ not in ("CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"):
            name_ents.append((ent.start_char, ent.end_char))
    starts = doc.to_array("IDX").tolist() if len(doc) else []
    parsed = doc.has_annotation("DEP")
    return _Ctx(doc, doc.text, anchor, parsed, starts, time_ents, name_ents)


def _scan(ctx: _Ctx) -> list[_Cand]:
    """All accepted candidate matches of all rules."""
    cands = []
    lower = ctx.text.lower()
    for priority, (name, pattern) in enumerate(R.PATTERNS.items()):
        if not R.may_match(name, lower):
            continue
        accept = R.ACCEPT.get(name)
        for m in pattern.finditer(ctx.text):
            start, end = m.span("x") if "x" in m.re.groupindex and m["x"] else m.span()
            if start == end:
                continue
            try:
                ok = accept is None or accept(m, ctx, start, end)
            except _CAUGHT:
                ok = False
            if ok:
                cands.append(_Cand(start, end, priority, name, m))
            else:
                ctx.rejected.append((start, end))
    return cands


def _select(cands: list[_Cand], taken: list[tuple[int, int]]) -> list[_Cand]:
    """The longest non-overlapping candidates (rule order breaks ties), in text order."""
    chosen: list[_Cand] = []
    spans = sorted(taken)
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if _overlaps(spans, c.start, c.end):
            continue
        bisect.insort(spans, (c.start, c.end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the sorted, disjoint spans."""
    i = bisect.bisect_left(spans, (start, start))
    return (i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start)


def _build(cand: _Cand, ctx: _Ctx) -> TimeExpression | None:
    """Resolve one candidate; None when its numbers make no date ("February 30")."""
    build = _BUILDERS[cand.rule]
    try:
        return build(cand.match, ctx, cand.start, cand.end)
    except _CAUGHT:
        return None


# Rules whose dates count from the day of speaking: inside a quotation that is the day it was
# said ("'We will retaliate tomorrow,' the minister said on Monday").
_DEICTIC = {"relday", "weekday", "unit_rel", "ago", "the_weekend", "early_hours"}


def _in_quotes_on_the_day_spoken(
    ctx: _Ctx, built: list[tuple[_Cand, TimeExpression]]
) -> list[TimeExpression]:
    """The expressions built, those in a quotation said on a named day ("tweeted Thursday:
    'she passed away this morning'") read again from that day."""
    exprs = [expr for _, expr in built]
    quotes = _speech_days(ctx, exprs)
    if not quotes or ctx.anchor is None:
        return exprs
    out = []
    for cand, expr in built:
        day = next((d for qs, qe, d in quotes if qs <= expr.char_start < qe), None)
        tv = expr.time
        if day is None or cand.rule not in _DEICTIC or tv is None or tv.anchor != ctx.anchor:
            out.append(expr)
            continue
        saved, ctx.anchor = ctx.anchor, day
        again = _build(cand, ctx)
        ctx.anchor = saved
        out.append(again or expr)
    return out


def _speech_days(ctx: _Ctx, exprs: list[TimeExpression]) -> list[tuple[int, int, date]]:
    """Quotations (start, end) with the day they were said: a day hanging on a verb of saying
    just before or after the quotation, in its paragraph."""
    out = []
    for m in R.QUOTE_RE.finditer(ctx.text):
        qs, qe = m.span()
        line_start = ctx.text.rfind("\n", 0, qs) + 1
        line_end = ctx.text.find("\n", qe)
        lo = max(line_start, qs - 120)
        hi = min(len(ctx.text) if line_end < 0 else line_end, qe + 120)
        said = [
            x
            for x in exprs
            if (lo <= x.char_start < qs or qe <= x.char_start < hi)
            and _names_a_day(x)
            and _reports(ctx, x)
        ]
        if said:
            near = min(said, key=lambda x: min(abs(x.char_start - qe), abs(qs - x.char_end)))
            assert near.time is not None and near.time.start is not None
            out.append((qs, qe, near.time.start))
    return out


def _remember(ctx: _Ctx, expr: TimeExpression) -> None:
    """Keep the latest dated expressions: anaphora ("the next day") resolve against them."""
    tv = expr.time
    if tv is None or tv.start is None or tv.kind not in (TimeKind.DATE, TimeKind.INTERVAL):
        return
    ctx.last_dated, ctx.last_dated_at = tv, expr.char_start
    if tv.precision is not Precision.DAY:
        return
    if ctx.last_day_at >= 0 and _reports(ctx, expr) and _same_sentence(ctx, ctx.last_day_at, expr):
        return  # "will begin on Friday, he said on Thursday, ... later that day": Friday
    ctx.last_day, ctx.last_day_at = tv, expr.char_start


def _reports(ctx: _Ctx, expr: TimeExpression) -> bool:
    """True when a date hangs on a verb of saying ("said on Thursday"): the day of the report,
    not of the story, so anaphora in its sentence look past it."""
    verb = _governing_verb(ctx, expr.char_start, expr.char_end)
    return verb is not None and verb.lemma_ in _REPORT_VERBS


def _same_sentence(ctx: _Ctx, pos: int, expr: TimeExpression) -> bool:
    """True when character ``pos`` lies in the sentence of ``expr``."""
    tok = ctx.token_at(expr.char_start)
    if tok is None or not ctx.doc.has_annotation("SENT_START"):
        return False
    return pos >= tok.sent.start_char


def _governing_verb(ctx: _Ctx, start: int, end: int) -> Token | None:
    """The verb the text at [start, end) hangs on, if the parse gives one."""
    first = bisect.bisect_right(ctx.tok_starts, start) - 1
    last = bisect.bisect_left(ctx.tok_starts, end)
    if first < 0 or last <= first or not ctx.parsed:
        return None
    tok = ctx.doc[first:last].root
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


# --------------------------------------------------------------------------------------------
# Tense, and the dates bare and anaphoric expressions count from
# --------------------------------------------------------------------------------------------


def _tense(ctx: _Ctx, start: int, end: int) -> _Tense:
    """The tense of the verb governing the text at [start, end)."""
    return _clause_tense(ctx, start, end)[0]


def _clause_tense(ctx: _Ctx, start: int, end: int) -> tuple[_Tense, bool]:
    """The tense of the verb governing [start, end), and whether the text hangs on that verb
    itself (True: "attacked on June 8") or on a noun below it (False: "agreed on a ceasefire
    from February 15", where the verb's tense says little about the date)."""
    first = bisect.bisect_right(ctx.tok_starts, start) - 1
    last = bisect.bisect_left(ctx.tok_starts, end)
    if first < 0 or last <= first or not ctx.parsed:
        return _Tense.NONE, False
    tok = ctx.doc[first:last].root
    if tok.head.lemma_ in _FUTURE_NOUNS:
        return _Tense.FUTURE, True
    prep = tok.head.lower_ if tok.dep_ == "pobj" else ""
    firm, bounds = True, False
    for step in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            if bounds and not firm and tok.lemma_ in _DIRECTIVE:
                return _Tense.FUTURE, False  # "called for a ceasefire from Friday"
            tense = _verb_tense(tok, prep)
            if tense is not None:
                return tense, firm and not _future_in_the_past(tok)
        if tok.head is tok:
            break
        if step and tok.pos_ in ("NOUN", "PROPN"):
            firm = False
        bounds = bounds or (tok.dep_ == "prep" and tok.lower_ in ("from", "until", "till", "by"))
        tok = tok.head
    return _Tense.NONE, False


_RANKS = {"first", "second", "third", "fourth", "fifth", "last", "latest", "only", "next"}


def _ranked(noun: Token) -> bool:
    """True for a noun ranked by an ordinal or superlative ("the second climber to die"), whose
    infinitive tells what happened, not what is to come."""
    return any(c.lower_ in _RANKS or c.tag_ in ("JJS", "RBS") for c in noun.children)


def _future_in_the_past(verb: Token) -> bool:
    """True for "would" without "will" ("said talks would start on 8 February"): a future seen
    from a past report, so the date may lie on either side of the publication date."""
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return "would" in words and not words & {"will", "wo", "'ll", "shall"}


def _verb_tense(verb: Token, prep: str = "") -> _Tense | None:
    """The tense of one verb from its tag and auxiliaries; None to look further up the tree."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    rescheduled = verb.lemma_ in _RESCHEDULE_VERBS and prep in ("to", "until", "till", "for")
    rescheduled = rescheduled or prep == "for"  # "set for", "organised for April 14-16"
    if (verb.lemma_ in _SCHEDULE_VERBS or rescheduled) and not words & _FUTURE_AUX:
        return _Tense.PRESENT
    if words & _PERFECT_AUX and verb.tag_ == "VBN":
        return _Tense.FUTURE if words & {"will", "shall"} else _Tense.PAST
    if any(a.tag_ == "TO" for a in auxes):
        on_noun = verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN")
        if on_noun and not _ranked(verb.head):
            return _Tense.FUTURE  # "a truce to start on Friday", "the vote to be held Sunday"
        if verb.head is not verb and verb.head.lemma_ not in _INTENT:
            return None  # "was able to restore": the governing verb's tense
        return _Tense.FUTURE
    if words & _FUTURE_AUX:
        return _Tense.FUTURE
    if any(a.tag_ == "VBD" for a in auxes):
        return _Tense.PAST
    if any(a.tag_ == "MD" for a in auxes):
        return _Tense.FUTURE
    if verb.tag_ == "VBD":
        return _Tense.PAST
    present_aux = any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    if verb.tag_ == "VBN":
        return _Tense.PRESENT if present_aux else _Tense.PAST
    if verb.tag_ in ("VBZ", "VBP"):
        return _Tense.PRESENT
    if verb.tag_ == "VBG" and present_aux:
        return _Tense.PRESENT
    return None


def _frame(ctx: _Ctx, start: int, end: int) -> TimeValue | None:
    """The date given earlier in the same sentence, which frames a bare "March 3" after it;
    not a past one for a clause in the present or future ("launched in 2003, it now holds 70%
    as of February": February of the publication year)."""
    tv = ctx.last_dated
    if tv is None or tv.start is None or tv.end is None or ctx.last_dated_at < 0:
        return None
    tok = ctx.token_at(start)
    if tok is None or not ctx.doc.has_annotation("SENT_START"):
        return None
    if ctx.last_dated_at < tok.sent.start_char:
        return None
    past = ctx.anchor is not None and tv.end < ctx.anchor
    if past and _tense(ctx, start, end) in (_Tense.PRESENT, _Tense.FUTURE):
        return None
    return tv


def _bare_day(ctx: _Ctx, s: int, e: int, month: int, day: int, weekday: int | None) -> date | None:
    """The date of a month and day without a year ("on March 3"); None with nothing to go by."""
    # Inside a coarser date of the same sentence it takes that year ("In 2014, on March 3"); next
    # to a distant full date it counts from that ("killed June 24, 2005 in a June 20 shooting");
    # otherwise it is the nearest such day before or after the anchor, as the tense says.
    frame, base = _frame(ctx, s, e), ctx.anchor
    if frame is not None and frame.start is not None and frame.end is not None:
        if frame.precision is not Precision.DAY:
            inside = R.days_within(frame.start, frame.end, month, day)
            if len(inside) == 1:
                return inside[0]
        elif base is None or abs((frame.start - base).days) > 180:
            base = frame.start
    if base is None:
        return None
    nearest = R.nearest_day(base, month, day, 0, weekday)
    tense, firm = _clause_tense(ctx, s, e)
    if tense in (_Tense.NONE, _Tense.PRESENT):
        return nearest
    toward = R.nearest_day(base, month, day, tense.value, weekday)
    near = abs((nearest - base).days)
    return toward if near > (_FIRM_SLACK_DAYS if firm else _NEAR_DAYS) else nearest


def _bare_month_year(ctx: _Ctx, s: int, e: int, month: int) -> int | None:
    """The year of a month without one ("in August"): a framing year, else anchor and tense."""
    frame = _frame(ctx, s, e)
    coarse = frame is not None and frame.precision in _COARSER_THAN_MONTH
    if frame is not None and coarse and frame.start is not None and frame.end is not None:
        first, last = frame.start, frame.end
        years = [y for y in range(first.year, last.year + 1) if first <= date(y, month, 1) <= last]
        if len(years) == 1:
            return years[0]
    if ctx.anchor is None:
        return None
    nearest = R.nearest_month(ctx.anchor, month, 0)
    tense, firm = _clause_tense(ctx, s, e)
    if tense in (_Tense.NONE, _Tense.PRESENT):
        return nearest
    toward = R.nearest_month(ctx.anchor, month, tense.value)
    near = abs((nearest - ctx.anchor.year) * 12 + month - ctx.anchor.month)
    return toward if firm or near > _NEAR_MONTHS else nearest


def _direction(ctx: _Ctx, start: int, end: int, default: int) -> int:
    """-1 (past), 0 (nearest) or +1 (future) for a bare date, from the clause's tense."""
    tense = _tense(ctx, start, end)
    return default if tense is _Tense.NONE else tense.value


# --------------------------------------------------------------------------------------------
# Building expressions
# --------------------------------------------------------------------------------------------


def _dated(
    ctx: _Ctx,
    start: int,
    end: int,
    period: R.Period,
    *,
    anchor: date | None = None,
    kind: TimeKind = TimeKind.DATE,
    type_: TimexType = TimexType.DATE,
) -> TimeExpression:
    """A DATE expression with a resolved :class:`TimeValue`."""
    text = ctx.text[start:end]
    tv = TimeValue(
        period.start,
        period.end,
        period.precision,
        text=text,
        anchor=anchor or ctx.anchor,
        kind=kind,
        value=period.value,
    )
    return TimeExpression(start, end, text, type_, period.value, tv)


def _bare(
    ctx: _Ctx,
    start: int,
    end: int,
    value: str | None,
    type_: TimexType = TimexType.DATE,
    *,
    vague: bool = False,
) -> TimeExpression:
    """An expression without calendar dates: a duration, a set, a vague or unanchored date."""
    return TimeExpression(start, end, ctx.text[start:end], type_, value, None, vague)


def _relative_ref(direction: int) -> str:
    """The TIMEX3 value of a relative expression that has no anchor to count from."""
    return {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[direction]


def _ref_date(ctx: _Ctx, unit: str, forward: bool) -> date | None:
    """The date "the following day" or "two years later" counts from."""
    tv = ctx.last_day
    coarse = unit in _UNIT_PRECISION
    if coarse and ctx.last_dated is not None and ctx.last_dated.precision is not None:
        unit_precision = _UNIT_PRECISION[unit]
        if R.PRECISION_ORDER[ctx.last_dated.precision] <= R.PRECISION_ORDER[unit_precision]:
            tv = ctx.last_dated
    if tv is None or tv.start is None or tv.end is None:
        return ctx.anchor
    return tv.end if forward else tv.start


def _year_of_rel(ctx: _Ctx, rel: str) -> int:
    """The year meant by "last year", "this year", "the following year"..."""
    words = rel.lower().split()
    shift = -1 if words[0] in ("last",) or "previous" in words else 0
    if "next" in words or "following" in words:
        shift = 1
    base = ctx.anchor
    if words[0] == "the" and ctx.last_dated is not None and ctx.last_dated.start is not None:
        base = ctx.last_dated.start
    if base is None:
        raise ValueError("no anchor")
    return base.year + shift


# --------------------------------------------------------------------------------------------
# Rule builders: absolute and anchor-relative dates
# --------------------------------------------------------------------------------------------


def _b_iso(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """2017-01-24."""
    d = date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _dated(ctx, s, e, R.day_period(d))


def _b_numeric(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """24/01/2017 or 24.01.2017 (day first unless the first number cannot be a day)."""
    a, b = int(m["a"]), int(m["b"])
    day_first = a > 12 or (b <= 12 and m["sep"] == ".")
    month, day = (b, a) if day_first else (a, b)
    return _dated(ctx, s, e, R.day_period(date(int(m["year"]), month, day)))


def _b_month_day(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "January 24, 2017", "24 January", "Jan. 24": a year given, or the nearest one."""
    month, day = R.month_number(m["month"]), R.day_number(m["day"])
    weekday = R.weekday_number(m["wd"]) if m["wd"] else None
    if m["year"]:
        return _dated(ctx, s, e, R.day_period(date(int(m["year"]), month, day)))
    if m.groupdict().get("yy"):  # "on 10 Nov 11", as military releases write it
        return _dated(ctx, s, e, R.day_period(date(2000 + int(m["yy"]), month, day)))
    date(2000, month, day)  # validates the day of month (leap year allows 29 February)
    found = _bare_day(ctx, s, e, month, day, weekday)
    if found is None:
        return _bare(ctx, s, e, f"XXXX-{month:02d}-{day:02d}")
    return _dated(ctx, s, e, R.day_period(found))


def _b_month(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "March 2016", "August last year", "early January", a bare "in May"."""
    month = R.month_number(m["month"])
    if m["year"]:
        year = int(m["year"])
    elif m["rel"] and (ctx.anchor is not None or ctx.last_dated is not None):
        year = _year_of_rel(ctx, m["rel"])
    else:
        found = None if m["rel"] else _bare_month_year(ctx, s, e, month)
        if found is None:
            return _bare(ctx, s, e, f"XXXX-{month:02d}")
        year = found
    period = R.narrow(R.month_period(year, month), m["mod"])
    return _dated(ctx, s, e, period)


def _b_rel_month(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "last August", "next March", "this May"."""
    month, rel = R.month_number(m["month"]), m["rel"].lower()
    if ctx.anchor is None:
        return _bare(ctx, s, e, f"XXXX-{month:02d}")
    if rel == "this":
        year = ctx.anchor.year
    else:
        year = R.nearest_month(
            ctx.anchor, month, 1 if rel in ("next", "coming") else -1, strict=True
        )
    return _dated(ctx, s, e, R.month_period(year, month))


def _b_weekday(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "Saturday", "next Monday", "late Saturday morning": the tense picks the week."""
    weekday, rel, part = R.weekday_number(m["wd"]), (m["rel"] or "").lower(), m["part"]
    week = (m["week"] or m["week2"] or "").lower()
    if week and ctx.anchor is not None:  # "last week Friday", "Thursday of next week"
        monday = ctx.anchor - timedelta(days=ctx.anchor.weekday())
        shift = {"last": -1, "this": 0, "next": 1}[week]
        d: date | None = monday + timedelta(weeks=shift, days=weekday)
    else:
        d = _weekday_date(ctx, s, e, weekday, rel)
    if d is None:
        suffix = f"T{R.PARTS_OF_DAY[part.lower()]}" if part else ""
        return _bare(ctx, s, e, f"XXXX-WXX-{weekday + 1}{suffix}")
    return _dated(ctx, s, e, R.with_part_of_day(R.day_period(d), part))


def _weekday_date(ctx: _Ctx, s: int, e: int, weekday: int, rel: str) -> date | None:
    """The day of a weekday name: "last"/"next" say the week, else the clause's tense."""
    a = ctx.anchor
    if a is None:
        return None
    if rel in ("last", "past"):
        return a - timedelta(days=(a.weekday() - weekday) % 7 or 7)
    if rel in ("next", "coming"):
        return a + timedelta(days=(weekday - a.weekday()) % 7 or 7)
    if rel == "this":
        return a + timedelta(days=weekday - a.weekday())
    return R.nearest_weekday(a, weekday, _direction(ctx, s, e, -1))


def _b_early_hours(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "the early hours of Monday", "the small hours of the morning": a day's first hours."""
    if m["wd"]:
        d = _weekday_date(ctx, s, e, R.weekday_number(m["wd"]), "")
    elif m["word"]:
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()]
        d = None if ctx.anchor is None else ctx.anchor + timedelta(days=shift)
    elif m["this"].lower() == "this":
        d = ctx.anchor
    else:
        d = _ref_date(ctx, "day", forward=True)  # "the morning" of the day in the story
    if d is None:
        return _bare(ctx, s, e, "XXXX-XX-XXTMO")
    return _dated(ctx, s, e, R.with_part_of_day(R.day_period(d), "morning"), anchor=d)


def _b_decade(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "the 1990s", "the early '90s"."""
    if m["dec"]:
        first = int(m["dec"])
    else:
        short = int(m["short"])
        first = (
            2000 + short
            if 2000 + short <= (ctx.anchor.year if ctx.anchor else 2030)
            else 1900 + short
        )
    return _dated(ctx, s, e, R.narrow(R.decade_period(first), m["mod"]))


def _b_season(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "the summer of 2016", "last winter", "in the spring"."""
    code = R.SEASONS[m["season"].lower()]
    if m["year"]:
        period = R.season_period(int(m["year"]), code)
    elif m["relyear"] and (ctx.anchor is not None or ctx.last_dated is not None):
        period = R.season_period(_year_of_rel(ctx, m["relyear"]), code)
    elif ctx.anchor is None:
        return _bare(ctx, s, e, f"XXXX-{code}")
    else:
        rel = " ".join((m["rel"] or "").lower().split()).replace("this past", "past")
        direction = 0 if rel else _direction(ctx, s, e, 0)
        period = R.nearest_season(ctx.anchor, code, rel, direction)
    return _dated(ctx, s, e, R.narrow(period, m["mod"]))


def _b_quarter(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "the third quarter of 2016", "the first half of last year"."""
    ordinal = m["ord"].lower()
    if not m["year"] and not m["rel"]:
        return _bare_quarter(ctx, s, e, R.ORDINALS[ordinal])
    year = (
        int(m["year"])
        if m["year"]
        else _year_of_rel(ctx, m["rel"].replace("the year", "this year"))
    )
    if m["unit"].lower() == "half":
        half = 2 if ordinal in ("last", "final", "latter") else R.ORDINALS[ordinal]
        if half > 2:
            return None
        return _dated(ctx, s, e, R.half_period(year, half))
    return _dated(ctx, s, e, R.quarter_period(year, R.ORDINALS[ordinal]))


def _bare_quarter(ctx: _Ctx, s: int, e: int, quarter: int) -> TimeExpression | None:
    """ "the third quarter" without a year: of a year framing it in the sentence, else the one
    that the tense points to (past: the last such quarter ended; future: the next not ended;
    otherwise the anchor's year)."""
    frame = _frame(ctx, s, e)
    if frame is not None and frame.precision is Precision.YEAR and frame.start is not None:
        return _dated(ctx, s, e, R.quarter_period(frame.start.year, quarter))
    if ctx.anchor is None:
        return _bare(ctx, s, e, f"XXXX-Q{quarter}")
    a = ctx.anchor
    options = [R.quarter_period(y, quarter) for y in (a.year - 1, a.year, a.year + 1)]
    tense = _tense(ctx, s, e)
    if tense is _Tense.PAST:
        period = max((p for p in options if p.end < a), key=lambda p: p.start)
    elif tense is _Tense.FUTURE:
        period = min((p for p in options if p.end >= a), key=lambda p: p.start)
    else:
        period = options[1]
    return _dated(ctx, s, e, period)


def _b_q_year(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "Q3 2016", "H1 2016"."""
    n, year = int(m["q"]), int(m["year"])
    if m.group(0)[0] in "Hh":
        return _dated(ctx, s, e, R.half_period(year, n)) if n <= 2 else None
    return _dated(ctx, s, e, R.quarter_period(year, n))


def _b_year(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "in 2016", "mid-2015", "the end of 2016", "fiscal 2016" (FY2016: its months unknown)."""
    period = R.narrow(R.year_period(int(m["year"])), m["mod"])
    if m["fiscal"]:
        period = period._replace(value=f"FY{m['year']}")
    return _dated(ctx, s, e, period)


def _b_relday(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "yesterday", "today", "tomorrow", "tonight", "last night", "this morning"."""
    word = " ".join((m["word"] or m["this"]).lower().split())
    part = m["part"] or m["part2"] or ("night" if word == "tonight" else None)
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    shift = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(word, shift)
    if ctx.anchor is None:
        return _bare(ctx, s, e, _relative_ref(shift))
    period = R.day_period(ctx.anchor + timedelta(days=shift))
    return _dated(ctx, s, e, R.with_part_of_day(period, part))


def _b_holiday(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "Christmas", "New Year's Day", with a year or the nearest one."""
    name = m["h"].lower()
    month, day = (12, 24) if "eve" in name and "christmas" in name else (12, 25)
    if "new" in name:
        month, day = (12, 31) if "eve" in name else (1, 1)
    if m["year"]:
        return _dated(ctx, s, e, R.day_period(date(int(m["year"]), month, day)))
    if ctx.anchor is None:
        return _bare(ctx, s, e, f"XXXX-{month:02d}-{day:02d}")
    d = R.nearest_day(ctx.anchor, month, day, _direction(ctx, s, e, 0), None)
    return _dated(ctx, s, e, R.day_period(d))


# --------------------------------------------------------------------------------------------
# Rule builders: ranges
# --------------------------------------------------------------------------------------------


def _b_year_range(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "2015-2016", "2015-16", "between 2011 and 2016"."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < 100:
        y2 += y1 // 100 * 100
    period = R.interval(R.year_period(y1), R.year_period(y2))
    return _dated(ctx, s, e, period, kind=TimeKind.INTERVAL)


def _b_month_range(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "between March and May 2016", "March-May"."""
    m1, m2 = R.month_number(m["m1"]), R.month_number(m["m2"])
    if m["year"] or m["rel"]:
        y2 = int(m["year"]) if m["year"] else _year_of_rel(ctx, m["rel"])
        y1 = y2 if m1 <= m2 else y2 - 1
    else:
        found = _bare_month_year(ctx, s, e, m1)
        if found is None:
            return _bare(ctx, s, e, f"XXXX-{m1:02d}/XXXX-{m2:02d}")
        y1 = found
        y2 = y1 if m1 <= m2 else y1 + 1
    period = R.interval(R.month_period(y1, m1), R.month_period(y2, m2))
    return _dated(ctx, s, e, period, kind=TimeKind.INTERVAL)


def _b_day_range(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "January 23-24", "from 23 to 24 January", "January 30 to February 2, 2017"."""
    m1 = R.month_number(m["m1"] or m["m2"])
    m2 = R.month_number(m["m2"] or m["m1"])
    d1, d2 = R.day_number(m["d1"]), R.day_number(m["d2"])
    year2 = int(m["year"]) if m["year"] else int(m["y1"]) if m["y1"] else None
    if year2 is not None:
        y1 = int(m["y1"]) if m["y1"] else year2 if (m1, d1) <= (m2, d2) else year2 - 1
        first = date(y1, m1, d1)
    else:
        found = _bare_day(ctx, s, e, m1, d1, None)
        if found is None:
            return _bare(ctx, s, e, f"XXXX-{m1:02d}-{d1:02d}/XXXX-{m2:02d}-{d2:02d}")
        first = found
        year2 = first.year if (m1, d1) <= (m2, d2) else first.year + 1
    last = date(year2, m2, d2)
    if last <= first:
        return None
    period = R.interval(R.day_period(first), R.day_period(last))
    return _dated(ctx, s, e, period, kind=TimeKind.INTERVAL)


# --------------------------------------------------------------------------------------------
# Rule builders: units relative to the anchor or to the text ("last month", "the next day")
# --------------------------------------------------------------------------------------------

_ANCHOR_RELS = {"last": -1, "this": 0, "the current": 0, "next": 1, "the coming": 1, "the": 0}
_REF_RELS = {
    "the previous": -1,
    "the following": 1,
    "the next": 1,
    "the same": 0,
    "that": 0,
    "that same": 0,
}


def _b_unit_rel(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "last month", "this week", "late last year", "the following day", "the past year"."""
    rel, unit = " ".join(m["rel"].lower().split()), m["unit"].lower()
    mod = m["mod"]
    if rel in ("the past", "the last") and unit == "quarter":
        rel = "last"
    if rel in ("the past", "the last"):
        return _bare(ctx, s, e, R.duration_value(1, unit), TimexType.DURATION)
    if rel == "next" and unit == "day":
        rel = "the next"
    if rel == "the" and _tense(ctx, s, e) is not _Tense.FUTURE:
        rel = "that"  # "by the end of the year" after "in 2016" is the end of 2016
    if rel in _ANCHOR_RELS:
        shift, base = _ANCHOR_RELS[rel], ctx.anchor
        if base is None:
            return _bare(ctx, s, e, _relative_ref(shift))
    else:
        shift = _REF_RELS[rel]
        base = _ref_date(ctx, unit, forward=shift >= 0)
        if base is None:
            return _bare(ctx, s, e, None)
    period = R.unit_period(unit, base, shift)
    period = R.narrow(period, mod, pivot=base if shift == 0 else None)
    if rel not in _ANCHOR_RELS and _against_tense(ctx, s, e, period):
        return _bare(ctx, s, e, _UNKNOWN.get(unit))
    return _dated(ctx, s, e, period, anchor=base)


# The TIMEX3 value of a unit whose place in time the text leaves open.
_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}


def _against_tense(ctx: _Ctx, s: int, e: int, period: R.Period) -> bool:
    """True when a date counted from the text contradicts its tense ("she died the next day"
    read as the day after publication): the day it counts from is not in the text."""
    if ctx.anchor is None:
        return False
    tense = _tense(ctx, s, e)
    if tense is _Tense.PAST:
        return period.start > ctx.anchor
    return tense is _Tense.FUTURE and period.end < ctx.anchor


def _b_the_weekend(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "over the weekend": the one before or after the anchor, as the tense says."""
    if ctx.anchor is None:
        return _bare(ctx, s, e, "XXXX-WXX-WE")
    direction = _direction(ctx, s, e, -1)
    saturday = R.nearest_weekday(ctx.anchor, 5, direction)
    if direction >= 0 and ctx.anchor.weekday() == 6:
        saturday = ctx.anchor - timedelta(days=1)
    return _dated(ctx, s, e, R.unit_period("weekend", saturday))


def _b_ref_part(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "the following morning", "that night": a part of a day counted from the text."""
    shift = _REF_RELS[" ".join(m["rel"].lower().split())]
    base = _ref_date(ctx, "day", forward=shift >= 0)
    if base is None:
        return _bare(ctx, s, e, f"XXXX-XX-XXT{R.PARTS_OF_DAY[m['part'].lower()]}")
    period = R.with_part_of_day(R.unit_period("day", base, shift), m["part"])
    return _dated(ctx, s, e, period, anchor=base)


def _b_ago(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "two years ago" from the anchor; "two days later", "a week earlier" from the text."""
    direction = " ".join(m["dir"].lower().split())
    unit = R.unit_key(m["unit"])
    amount = R.amount(m)
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    from_anchor = direction in ("ago", "from now", "hence")
    clock = unit in ("second", "minute", "hour")
    type_ = TimexType.TIME if clock else TimexType.DATE
    if amount is None and not clock:
        return _bare(ctx, s, e, _relative_ref(sign) if from_anchor else None, type_, vague=True)
    base = ctx.anchor if from_anchor else _ref_date(ctx, unit, forward=sign > 0)
    if base is None:
        return _bare(ctx, s, e, _relative_ref(sign) if from_anchor else None, type_)
    period = R.shift(unit, base, sign * (amount or 0))
    exact = m["today"] or (m["mod"] or "").lower() == "exactly"
    whole = amount is not None and amount == int(amount)
    if exact and whole and unit in ("day", "week", "month", "year"):
        period = R.day_period(R.same_day_shifted(base, unit, sign * int(amount or 0)))
    if clock:  # "a few hours later": a time, unknown to the hour, on about the day counted from
        period = period._replace(value=f"{period.value}TXX:XX")
    if not from_anchor and _against_tense(ctx, s, e, period):
        return _bare(ctx, s, e, None, type_)
    return _dated(ctx, s, e, period, anchor=base, type_=type_)


def _b_day_before(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "the day before", "the night after", "the year before" (with no object)."""
    unit = m["unit"].lower()
    sign = -1 if m["dir"].lower() in ("before", "earlier") else 1
    base = _ref_date(ctx, "day" if unit == "night" else unit, forward=sign > 0)
    if base is None:
        return _bare(ctx, s, e, None)
    if unit == "night":
        period = R.with_part_of_day(R.unit_period("day", base, sign), "night")
    else:
        period = R.unit_period(unit, base, sign)
    if _against_tense(ctx, s, e, period):
        return _bare(ctx, s, e, _UNKNOWN.get("day" if unit == "night" else unit))
    return _dated(ctx, s, e, period, anchor=base)


# --------------------------------------------------------------------------------------------
# Rule builders: durations, sets, vague references, clock times
# --------------------------------------------------------------------------------------------


def _b_duration(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "six months", "the past almost six years", "two-day"; "in two weeks" may be a date."""
    unit, amount = R.unit_key(m["unit"]), R.amount(m)
    if (
        amount is not None
        and not m["lead"]
        and not m["mod"]
        and unit not in ("decade", "century")
        and not _after_a_superlative(ctx, s)
        and ctx.prev_word(s).lower() == "in"
        and (m["time"] or _in_time_to_come(ctx, s, e))
        and ctx.anchor is not None
    ):
        return _dated(ctx, s, e, R.shift(unit, ctx.anchor, amount))
    value = R.duration_value(amount, unit)
    return _bare(ctx, s, e, value, TimexType.DURATION, vague=amount is None)


def _after_a_superlative(ctx: _Ctx, s: int) -> bool:
    """True when "in six years" follows a first, last or superlative in its sentence ("the
    first truce in six years", "the worst drought in a century"): a stretch, not a date."""
    tok = ctx.token_at(s)
    if tok is None:
        return False
    first = tok.sent.start if ctx.doc.has_annotation("SENT_START") else 0
    for prev in ctx.doc[max(first, tok.i - 12) : tok.i]:
        if prev.lower_ in ("first", "last", "only") or prev.tag_ in ("JJS", "RBS"):
            return True
    return False


def _in_time_to_come(ctx: _Ctx, s: int, e: int) -> bool:
    """True when "in two weeks" looks ahead (a future, or a present tense that is not "be":
    "talks resume in two weeks", not "the worst drought in a century")."""
    tense = _tense(ctx, s, e)
    if tense is _Tense.FUTURE:
        return True
    if tense is not _Tense.PRESENT:
        return False
    verb = _governing_verb(ctx, s, e)
    return verb is None or verb.lemma_ != "be"


def _b_long(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "year-long", "decades-long"."""
    word = m["unit"].lower()
    plural = m.group(0).lower().startswith(word + "s")
    value = R.duration_value(None if plural else 1, word)
    return _bare(ctx, s, e, value, TimexType.DURATION, vague=plural)


def _b_vague_duration(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "for years", "within days", "over the years", "minutes later", "hours after"."""
    unit = R.unit_key(m["unit"] or m["unit2"] or m["unit3"])
    return _bare(ctx, s, e, R.duration_value(None, unit), TimexType.DURATION, vague=True)


def _b_set_every(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "every Monday", "every two weeks", "each year", "every morning"."""
    if m["wd"]:
        return _bare(ctx, s, e, f"XXXX-WXX-{R.weekday_number(m['wd']) + 1}", TimexType.SET)
    unit = m["unit"].lower()
    if unit in _PART_WORDS:
        return _bare(ctx, s, e, f"XXXX-XX-XXT{R.PARTS_OF_DAY[unit]}", TimexType.SET)
    if unit == "weekend":
        return _bare(ctx, s, e, "XXXX-WXX-WE", TimexType.SET)
    num = (m["num"] or "").lower()
    amount = 2.0 if num == "other" else R.parse_number(num) if num else 1.0
    return _bare(ctx, s, e, R.duration_value(amount, R.unit_key(unit)), TimexType.SET)


def _b_set_freq(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "twice a week", "three times a year"."""
    return _bare(ctx, s, e, R.duration_value(1, R.unit_key(m["unit"])), TimexType.SET)


def _b_set_adverb(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "weekly", "annual", "daily"."""
    return _bare(ctx, s, e, R.SET_ADVERBS[m["adv"].lower()], TimexType.SET)


def _b_set_plural_weekday(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "on Mondays"."""
    return _bare(ctx, s, e, f"XXXX-WXX-{R.weekday_number(m['wd']) + 1}", TimexType.SET)


def _b_vague(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "recently", "now", "the past", "in the coming weeks": vague references."""
    value = "PAST_REF" if m["past"] else "FUTURE_REF" if m["future"] else "PRESENT_REF"
    return _bare(ctx, s, e, value, vague=True)


def _b_clock(m: re.Match[str], ctx: _Ctx, s: int, e: int) -> TimeExpression | None:
    """ "10 a.m.", "14:30 GMT", "noon": a time of day (its day is attached later)."""
    ctx.clocks[s] = _Clock(*R.clock_parts(m))
    return _bare(ctx, s, e, f"XXXX-XX-XXT{R.clock_value(m)}", TimexType.TIME)


# --------------------------------------------------------------------------------------------
# The rule table: one builder per pattern of timex_rules.PATTERNS, in the same order
# --------------------------------------------------------------------------------------------

_BUILDERS: dict[str, _Builder] = {
    "iso": _b_iso,
    "numeric": _b_numeric,
    "md_range": _b_day_range,
    "dm_range": _b_day_range,
    "mdy": _b_month_day,
    "dmy": _b_month_day,
    "month_range": _b_month_range,
    "year_range": _b_year_range,
    "quarter": _b_quarter,
    "q_year": _b_q_year,
    "season": _b_season,
    "decade": _b_decade,
    "holiday": _b_holiday,
    "month": _b_month,
    "rel_month": _b_rel_month,
    "relday": _b_relday,
    "ago": _b_ago,
    "day_before": _b_day_before,
    "ref_part": _b_ref_part,
    "early_hours": _b_early_hours,
    "the_weekend": _b_the_weekend,
    "unit_rel": _b_unit_rel,
    "weekday": _b_weekday,
    "set_every": _b_set_every,
    "set_freq": _b_set_freq,
    "set_adverb": _b_set_adverb,
    "set_plural_weekday": _b_set_plural_weekday,
    "duration": _b_duration,
    "long": _b_long,
    "vague_duration": _b_vague_duration,
    "year": _b_year,
    "clock": _b_clock,
    "vague": _b_vague,
}


# --------------------------------------------------------------------------------------------
# Dateline, spaCy entities the rules missed, and clock times attached to a day
# --------------------------------------------------------------------------------------------


def _dateline(ctx: _Ctx) -> TimeExpression | None:
    """The date of a dateline ("GENEVA, 23 February (UN News) —") at the top of the text."""
    m = R.DATELINE_RE.search(ctx.text, 0, R.DATELINE_WINDOW)
    if m is None:
        m = R.HEADER_DATE_RE.search(ctx.text, 0, R.DATELINE_WINDOW)
    if m is None:
        m = R.DATE_LINE_RE.search(ctx.text, 0, R.DATELINE_WINDOW)
    if m is None:
        m = R.DATE_LEAD_RE.search(ctx.text, 0, R.DATELINE_WINDOW)
    if m is None:
        return None
    s, e = m.span("x")
    groups = m.groupdict()
    try:
        if groups.get("na"):
            return _dated(ctx, s, e, R.day_period(_numeric_day(m, ctx.anchor)))
        if groups.get("iy"):
            day_ = date(int(m["iy"]), int(m["im"]), int(m["id"]))
            return _dated(ctx, s, e, R.day_period(day_))
        month = R.month_number(m["month"] or m["month2"])
        day = R.day_number(m["day"] or m["day2"])
        if m["year"]:
            return _dated(ctx, s, e, R.day_period(date(int(m["year"]), month, day)))
        date(2000, month, day)
        if ctx.anchor is None:
            return _bare(ctx, s, e, f"XXXX-{month:02d}-{day:02d}")
        return _dated(ctx, s, e, R.day_period(R.nearest_day(ctx.anchor, month, day, 0, None)))
    except _CAUGHT:
        return None


def _numeric_day(m: re.Match[str], anchor: date | None) -> date:
    """The day of "2/3/2009" or "04/02/07" in a page header: month first, as US sites print it,
    unless only day first makes a date or, with a publication date known, lies nearer to it."""
    a, b, year = int(m["na"]), int(m["nb"]), int(m["ny"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        raise ValueError(m.group(0))
    if anchor is None:
        return readings[0]
    return min(readings, key=lambda d: abs((d - anchor).days))


def _url_date(ctx: _Ctx) -> date | None:
    """The publication day in a news URL at the top of the text ("/2013/05/03/lohan-...")."""
    m = R.URL_DATE_RE.search(ctx.text, 0, R.DATELINE_WINDOW)
    return None if m is None else date_from_url(m.group(0))


def _entity_fallback(ctx: _Ctx, found: list[TimeExpression]) -> list[TimeExpression]:
    """spaCy DATE/TIME entities no rule read: normalised by dateparser where it can, else kept."""
    spans = sorted([(x.char_start, x.char_end) for x in found] + ctx.rejected)
    out = []
    for ent in ctx.doc.ents:
        if ent.label_ not in ("DATE", "TIME") or _overlaps(spans, ent.start_char, ent.end_char):
            continue
        s, e = ent.start_char, ent.end_char
        while e > s and not ctx.text[e - 1].isalnum():
            e -= 1
        if e <= s or not R.FALLBACK_HINT_RE.search(ctx.text, s, e):
            continue
        type_ = TimexType.TIME if ent.label_ == "TIME" else TimexType.DATE
        period = None
        if ctx.anchor is not None and R.ABSOLUTE_HINT_RE.search(ctx.text, s, e):
            period = _dateparser_period(ctx.text[s:e], ctx.anchor)
        out.append(_dated(ctx, s, e, period) if period else _bare(ctx, s, e, None, type_))
    return out


@lru_cache(maxsize=4096)
def _dateparser_period(text: str, anchor: date) -> R.Period | None:
    """Read an absolute date with dateparser (only for spaCy entities our rules did not read)."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "PARSERS": ["absolute-time"],
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (*_CAUGHT, TypeError, AttributeError):
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return R.year_period(d.year)
    if data.period == "month":
        return R.month_period(d.year, d.month)
    if data.period == "week":
        return R.week_period(d)
    return R.day_period(d)


def _attach_times(found: list[TimeExpression], ctx: _Ctx) -> list[TimeExpression]:
    """Join a clock time to the day it is attached to ("on Friday at 10 a.m.", "May 2, 2013,
    1:32 PM") as one TIME expression; a clock time on its own is read, as TimeML does, on the
    day the story is at (the last day named before it, else the anchor), with no dates of its
    own since nothing in the text states that day."""
    found = _merge_restated_clocks(found, ctx)
    out: list[TimeExpression] = []
    i = 0
    while i < len(found):
        expr = found[i]
        if not _is_bare_clock(expr):
            out.append(expr)
        elif out and _is_day(out[-1]) and _joined(ctx, out[-1].char_end, expr.char_start):
            out[-1] = _with_clock(ctx, out[-1], expr)
        elif (
            i + 1 < len(found)
            and _is_day(found[i + 1])
            and _joined(ctx, expr.char_end, found[i + 1].char_start)
        ):
            out.append(_with_clock(ctx, found[i + 1], expr))
            i += 1
        else:
            out.append(_on_story_day(ctx, expr, out))
        i += 1
    return out


def _is_bare_clock(expr: TimeExpression) -> bool:
    """True for a clock time without its day ("10 a.m.": XXXX-XX-XXT10:00)."""
    return (
        expr.type is TimexType.TIME
        and expr.time is None
        and (expr.value or "").startswith("XXXX-XX-XXT")
    )


def _is_day(expr: TimeExpression) -> bool:
    """True for a DATE expression naming one day."""
    tv = expr.time
    return (
        expr.type is TimexType.DATE
        and tv is not None
        and tv.start is not None
        and tv.precision is Precision.DAY
        and tv.kind is TimeKind.DATE
    )


def _joined(ctx: _Ctx, gap_start: int, gap_end: int) -> bool:
    """True when only commas, spaces and "on"/"at" separate two expressions."""
    return 0 <= gap_end - gap_start <= 20 and bool(
        _TIME_GAP_RE.fullmatch(ctx.text, gap_start, gap_end)
    )


def _with_clock(ctx: _Ctx, day: TimeExpression, clock: TimeExpression) -> TimeExpression:
    """One TIME expression for a day and its clock time, in either order."""
    assert day.time is not None and day.time.start is not None and clock.value
    start = min(day.char_start, clock.char_start)
    end = max(day.char_end, clock.char_end)
    text = ctx.text[start:end]
    value = _clock_on(ctx, clock, day.time.start)
    d = day.time.start
    tv = TimeValue(d, d, Precision.DAY, text, day.time.anchor, TimeKind.DATE, value)
    return TimeExpression(start, end, text, TimexType.TIME, value, tv)


def _on_story_day(ctx: _Ctx, clock: TimeExpression, before: list[TimeExpression]) -> TimeExpression:
    """A lone clock time's value on the last day named before it, else on the anchor."""
    day = next(
        (x.time.start for x in reversed(before) if x.time is not None and _names_a_day(x)),
        ctx.anchor,
    )
    if day is None or not clock.value:
        return clock
    value = _clock_on(ctx, clock, day)
    return TimeExpression(clock.char_start, clock.char_end, clock.text, clock.type, value, None)


def _merge_restated_clocks(found: list[TimeExpression], ctx: _Ctx) -> list[TimeExpression]:
    """Join a clock time and the same instant restated in brackets ("at 3 p.m. (1200 GMT)",
    "1353 (1023 GMT)") into one expression, valued by the zoned one."""
    out: list[TimeExpression] = []
    for expr in found:
        prev = out[-1] if out else None
        close = R.CLOSE_BRACKET_RE.match(ctx.text, expr.char_end)
        if (
            prev is None
            or close is None
            or not _is_bare_clock(prev)
            or not _is_bare_clock(expr)
            or not R.OPEN_BRACKET_RE.fullmatch(ctx.text, prev.char_end, expr.char_start)
        ):
            out.append(expr)
            continue
        first, second = ctx.clocks.get(prev.char_start), ctx.clocks.get(expr.char_start)
        if first is None or second is None or second.zone is None:
            out.append(expr)
            continue
        value = prev.value
        if first.zone is None:
            restated = (second.hour, second.minute, second.zone)
            ctx.clocks[prev.char_start] = _Clock(first.hour, first.minute, None, restated)
            value = expr.value if second.zone in R.UTC_ZONES else prev.value
        end = close.end()
        text = ctx.text[prev.char_start : end]
        out[-1] = TimeExpression(prev.char_start, end, text, TimexType.TIME, value, None)
    return out


def _clock_on(ctx: _Ctx, clock: TimeExpression, day: date) -> str:
    """The TIMEX3 value of a clock time on a day: local time as written, or UTC (…Z) when the
    text gives its zone ("11:00 AM EDT" -> 15:00Z; "4:30 a.m. (11.30 p.m. ET)" via ET)."""
    assert clock.value
    local = f"{day.isoformat()}{clock.value[10:]}"
    info = ctx.clocks.get(clock.char_start)
    if info is None:
        return local
    utc = None
    if info.zone is not None and info.zone not in R.UTC_ZONES:
        utc = _utc(day, info.hour, info.minute, info.zone)
    elif info.zone is None and info.restated is not None:
        hour, minute, zone = info.restated
        utc = _utc(day, hour, minute, zone, near=(info.hour, info.minute))
    return utc or local


def _utc(
    day: date, hour: int, minute: int, zone: str, near: tuple[int, int] | None = None
) -> str | None:
    """A zoned clock time on a day in UTC ("2013-05-03T15:00Z"); with ``near``, the zoned time
    is the one within half a day of that local time (a restatement may fall on the day before)."""
    wall = datetime.combine(day, time(hour, minute))
    if near is not None:
        ref = datetime.combine(day, time(*near))
        wall = min((wall + timedelta(days=k) for k in (-1, 0, 1)), key=lambda w: abs(w - ref))
    offset = R.utc_offset(zone, wall)
    if offset is None:
        return None
    return f"{wall - offset:%Y-%m-%dT%H:%M}Z"


def _names_a_day(expr: TimeExpression) -> bool:
    """True for an expression dated to one day (a day, or a day with its clock time)."""
    tv = expr.time
    return (
        tv is not None
        and tv.start is not None
        and tv.precision is Precision.DAY
        and tv.start == tv.end
        and tv.kind is TimeKind.DATE
    )


def _part_of_named_day(found: list[TimeExpression], ctx: _Ctx) -> list[TimeExpression]:
    """Widen a day to the part of it, or the week, named before it ("on the night of 23
    February", "early morning on Sunday, February 1", "the week of March 9"): one expression,
    valued as TimeML writes it (2017-02-23TNI, 2017-W11)."""
    out = []
    for expr in found:
        m = week = None
        if _is_day(expr) and expr.value and "T" not in expr.value:
            window = (max(0, expr.char_start - 40), expr.char_start)
            m = R.PART_OF_DAY_BEFORE_RE.search(ctx.text, *window)
            week = None if m else R.WEEK_OF_BEFORE_RE.search(ctx.text, *window)
        found_before = m or week
        if found_before is None or expr.time is None or expr.time.start is None:
            out.append(expr)
            continue
        start = found_before.start()
        if out and out[-1].char_end > start:
            out.append(expr)
            continue
        if m is not None:
            value = f"{expr.value}T{R.PARTS_OF_DAY[m['part'].lower()]}"
            period = R.Period(expr.time.start, expr.time.start, Precision.DAY, value)
        else:
            period = R.week_period(expr.time.start)
        out.append(_dated(ctx, start, expr.char_end, period, anchor=expr.time.anchor))
    return out


def _merge_restated(found: list[TimeExpression], ctx: _Ctx) -> list[TimeExpression]:
    """Join a day and the full date restated after it in brackets ("this morning (July 21)",
    "last night [10 October 2011]") into one expression dated by the bracketed date, which
    the writer gave to settle the day."""
    out: list[TimeExpression] = []
    for expr in found:
        prev = out[-1] if out else None
        close = R.CLOSE_BRACKET_RE.match(ctx.text, expr.char_end)
        if (
            prev is None
            or close is None
            or not (_names_a_day(prev) or _undated_day(prev))
            or not _names_a_day(expr)
            or expr.type is not TimexType.DATE
            or not R.OPEN_BRACKET_RE.fullmatch(ctx.text, prev.char_end, expr.char_start)
            or not R.ABSOLUTE_HINT_RE.search(expr.text)
        ):
            out.append(expr)
            continue
        assert expr.time is not None and prev.value and expr.value
        end = close.end()
        text = ctx.text[prev.char_start : end]
        suffix = prev.value[prev.value.index("T") :] if "T" in prev.value else ""
        value = expr.value + suffix
        tv = TimeValue(
            expr.time.start, expr.time.end, expr.time.precision, text, expr.time.anchor,
            expr.time.kind, value,
        )  # fmt: skip
        out[-1] = TimeExpression(prev.char_start, end, text, prev.type, value, tv)
    return out


def _undated_day(expr: TimeExpression) -> bool:
    """True for a day nothing dated ("Friday", "today" read with no publication date)."""
    value = expr.value or ""
    return (
        expr.time is None
        and expr.type in (TimexType.DATE, TimexType.TIME)
        and (value.startswith(("XXXX-WXX-", "XXXX-XX-XXT")) or value == "PRESENT_REF")
    )
