"""The rules behind :mod:`conflictgraph.nlp.timex`: what is a candidate, and calendar arithmetic.

Compiled once at import and free of any model: word lists for months, weekdays, numbers and units;
the regular expressions that find candidate time expressions, in priority order, with the filters
that reject look-alikes ("May" the modal, "Resolution 2254"); number and duration reading; and
helpers that turn a calendar unit into an inclusive ``(start, end, precision, value)`` period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol

from conflictgraph.model import Precision

if TYPE_CHECKING:
    from spacy.tokens import Token

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS: dict[str, int] = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9})
MONTHS.update({"sept": 9, "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(_WEEKDAY_NAMES)}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3})
WEEKDAYS.update({"fri": 4, "sat": 5, "sun": 6})

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
    "latter": 2,
}

_SMALL_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL_NUMBERS)}
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "dozen": 12, "hundred": 100, "couple": 2})

UNIT_KEYS: dict[str, str] = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
    "weekend": "weekend",
    "weekends": "weekend",
    "quarter": "quarter",
}
# unit -> (TIMEX3 designator, is a time-of-day unit)
_UNIT_CODES: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "quarter": ("Q", False),
    "weekend": ("WE", False),
}
SET_ADVERBS: dict[str, str] = {
    "daily": "P1D",
    "nightly": "XXXX-XX-XXTNI",
    "weekly": "P1W",
    "biweekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "bimonthly": "P2M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "annual": "P1Y",
    "biannual": "P6M",
    "semiannual": "P6M",
    "semi-annual": "P6M",
    "hourly": "PT1H",
}

# Words before a bare month or year that make it a date ("in May", not "Iran May respond").
PREPS = {
    "in", "since", "until", "till", "by", "from", "to", "through", "throughout", "during", "of",
    "before", "after", "between", "and", "or", "around", "on", "for", "as", "than", "about",
    "circa", "early", "late", "mid", "last", "next", "this", "past", "coming", "each", "every",
    "end", "beginning", "start", "middle", "that", "into", "over", "within", "at", "ahead",
}  # fmt: skip
YEAR_CONTEXT = PREPS | {"year", "fiscal", "spring", "summer", "autumn", "fall", "winter"}
# Words around a four-digit number that make it something else ("Resolution 2254", "2000 troops").
YEAR_BLOCK_BEFORE = {
    "resolution", "resolutions", "no", "nos", "number", "article", "articles", "section", "flight",
    "route", "highway", "chapter", "paragraph", "item", "page", "pages", "code", "room", "unit",
    "model", "vol", "volume", "issue", "law", "decree", "order", "rule", "bill", "para", "art",
}  # fmt: skip
YEAR_BLOCK_AFTER = {
    "people", "troops", "soldiers", "fighters", "civilians", "km", "kilometres", "kilometers",
    "miles", "dollars", "euros", "percent", "deaths", "refugees", "men", "women", "children",
    "rebels", "militants", "members", "votes", "metres", "meters", "tonnes", "tons", "families",
    "homes", "houses", "times", "cases", "hectares", "casualties", "prisoners", "detainees",
}  # fmt: skip
# Named days that are not the weekday of a week near the article ("Good Friday Agreement").
NAMED_DAY_PREFIXES = {"Good", "Black", "Bloody", "Super", "Ash", "Palm", "Holy", "Maundy", "Cyber"}

# A spaCy DATE/TIME entity no rule read is kept only when it names a calendar date or a count.
FALLBACK_HINT_RE = re.compile(
    r"\b(?:january|february|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?-i:March|May)|(?:1[89]|20)\d\d)\b|"
    r"\d\s*(?:-\s*)?(?:second|minute|hour|day|week|month|year|decade)",
    re.IGNORECASE,
)
ABSOLUTE_HINT_RE = re.compile(
    r"\b(?:january|february|april|june|july|august|september|october|november|december|"
    r"(?-i:March|May)|(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Pattern fragments (every pattern is compiled with re.IGNORECASE; case-sensitive parts opt out)
# --------------------------------------------------------------------------------------------

MONTH_FULL = (
    r"(?:january|february|april|june|july|august|september|october|november|december"
    r"|(?-i:March|MARCH|May|MAY))\b"
)
MONTH_ABBR = (
    r"(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)(?:\.|\b))"
)
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})"
WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WEEKDAY_ABBR = r"(?-i:(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?)"
WEEKDAY = rf"(?:{WEEKDAY_FULL}|{WEEKDAY_ABBR})"
DAY = r"(?<![\d.,:/])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?!:\d)"
YEAR = r"(?<![\d.,$£€#/])(?:1[89]\d\d|20\d\d)(?![\d]|,\d|\.\d)"
NUMWORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_SMALL_NUMBERS[1:10])}))?"
    rf"|{'|'.join(reversed(_SMALL_NUMBERS))})"
)
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUMWORD}|a\s+dozen|an?|a\s+couple\s+of|"
    r"a\s+couple|couple\s+of|several|a\s+few|few|many|some|dozens\s+of|hundreds\s+of|"
    r"a\s+number\s+of)"
)
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century"
    r"|centuries)"
)
NUM_MOD = (
    r"(?:almost|nearly|about|around|some|roughly|approximately|exactly|more\s+than|less\s+than|"
    r"fewer\s+than|"
    r"at\s+least|up\s+to|just|only|barely|another|a\s+further|an\s+additional|over)"
)
PERIOD_MOD = (
    r"(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning|start)\s+of|"
    r"the\s+(?:first|second|latter)\s+half\s+of)"
)
REL_YEAR = r"(?:(?:last|next|this|the\s+previous|the\s+following|the\s+same)\s+year)"
_HALF = r"(?:\s+and\s+a\s+half)"
_DURATION_CORE = (
    rf"(?:the\s+(?P<lead>past|last|next|first|previous|coming|following|final|remaining)\s+)?"
    rf"(?:(?P<mod>{NUM_MOD})\s+)?(?:(?P<half1>half\s+an?)|(?P<num>{NUM}){_HALF}?)"
    rf"(?:\s+|\s?-\s?)(?:(?:more|full|long|consecutive|straight|additional|further)\s+)?"
    rf"(?P<unit>{UNIT})(?P<half2>{_HALF})?"
)
# Time-zone abbreviations after a clock time, as hours east of UTC. The US zones written without
# standard or daylight ("ET") are read on their day in the tz database; "AST" and "CST" (Arabia or
# Atlantic, US Central or China) are left as local time.
ZONE_HOURS: dict[str, float] = {
    "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "PKT": 5,
    "IST": 5.5, "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "EST": -5,
    "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
    "HST": -10,
}  # fmt: skip
ZONE_REGIONS = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_ZONES = sorted([*ZONE_HOURS, *ZONE_REGIONS, "AST", "CST"], key=len, reverse=True)
TIME_ZONE = rf"(?-i:{'|'.join(_ZONES)})"
UTC_ZONES = {"GMT", "UTC"}
PLACE_TIME = r"(?:local|(?-i:[A-Z][a-z]+))[ \t]+time\b"  # "local time", "Kyiv time"
# A clock time restated in a zone in brackets: "1353 (1023 GMT)" is a 24-hour clock time.
_RESTATED_CLOCK = rf"[ \t]*\([ \t]*\d{{1,2}}[:.]?\d\d[ \t]*(?:[ap]\.?m\.?[ \t]*)?{TIME_ZONE}\b"


def _c(pattern: str) -> re.Pattern[str]:
    """Compile a candidate pattern (case-insensitive unless a part opts out)."""
    return re.compile(pattern, re.IGNORECASE)


# Candidate patterns in priority order: of two equally long matches the earlier rule wins.
PATTERN_SOURCES: dict[str, str] = {
    "iso": (
        r"(?<![\d-])(?P<year>(?:1[89]|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)(?![\d-])"
    ),
    "numeric": (
        r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:1[89]|20)\d\d)(?![\d/.])"
    ),
    "md_range": (
        rf"(?:\b(?P<prep>between|from)\s+)?(?P<x>(?P<m1>{MONTH})\s*(?P<d1>{DAY})(?:\s*,?\s*(?P<y1>{YEAR}))?"
        rf"\s*(?P<sep>[-–—]|\s(?:to|and|until|till|through)\s)\s*"
        rf"(?:(?P<m2>{MONTH})\s*)?(?P<d2>{DAY})(?:\s*,?\s*(?P<year>{YEAR}))?)"
    ),
    "dm_range": (
        rf"(?:\b(?P<prep>between|from)\s+)?(?P<x>(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:\s*,?\s*(?P<y1>{YEAR}))?"
        rf"\s*(?P<sep>[-–—]|\s(?:to|and|until|till|through)\s)\s*(?P<d2>{DAY})\s+(?:of\s+)?"
        rf"(?P<m2>{MONTH})(?:\s*,?\s*(?P<year>{YEAR}))?)"
    ),
    "mdy": (
        r"(?:\b(?P<mod>early|late)\s+(?:on\s+)?)?"
        rf"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY})"
        rf"(?:\s*,?\s*(?P<year>{YEAR}))?"
    ),
    "dmy": (
        rf"(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<month>{MONTH})"
        rf"(?:\s*,?\s*(?P<year>{YEAR})|[ \t]+(?P<yy>\d\d)(?![\w:]|[.,]\d|\s+[a-z]))?"
    ),
    "month_range": (
        rf"(?:\b(?P<prep>between|from)\s+)?(?P<x>(?P<m1>{MONTH_FULL})\s*(?P<sep>[-–—]|\s(?:to|and|until|till|through)\s)"
        rf"\s*(?P<m2>{MONTH_FULL})(?:\s*,?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<rel>{REL_YEAR})))?)"
    ),
    "year_range": (
        rf"(?:\b(?P<prep>between|from)\s+)?(?P<x>(?P<y1>{YEAR})\s*(?P<sep>[-–—/]|\s(?:to|and|until|till|through)\s)"
        r"\s*(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\d]|,\d))"
    ),
    "quarter": (
        r"\b(?:(?P<the>the)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
        r"(?P<sep>\s+|-)(?P<unit>quarter|half)\b(?:\s+of\s+(?:the\s+)?(?:year\s+)?"
        rf"(?:(?P<year>{YEAR})|(?P<rel>{REL_YEAR}|this\s+year|the\s+year)))?"
    ),
    "q_year": (rf"\b(?-i:Q|H)(?P<q>[1-4])\s*(?P<year>{YEAR})"),
    "season": (
        rf"\b(?:(?P<mod>early|mid|late)(?:\s+|-))?(?P<the>the\s+)?"
        r"(?:(?P<rel>last|next|this\s+past|this|past|coming|previous|following)\s+)?"
        rf"(?P<season>spring|summer|autumn|fall|winter)\b"
        rf"(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<relyear>{REL_YEAR})))?"
    ),
    "decade": (
        r"(?<![\w.,$£€#/])(?:the\s+)?(?:(?P<mod>early|mid|late)(?:\s+|-))?"
        r"(?:(?P<dec>(?:1[89]|20)\d0)['’]?s|['’](?P<short>\d0)['’]?s)\b"
    ),
    "holiday": (
        r"\b(?P<h>christmas\s+eve|christmas(?:\s+day)?|new\s+year['’]s\s+eve|new\s+year['’]s\s+day)\b"
        rf"(?:\s*,?\s*(?P<year>{YEAR}))?"
    ),
    "month": (
        rf"\b(?:(?P<mod>{PERIOD_MOD})(?:\s+|-))?(?P<month>{MONTH_FULL}|{MONTH_ABBR}(?=\s*,?\s*\d))"
        rf"(?:\s*,?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<rel>{REL_YEAR})))?"
    ),
    "rel_month": (rf"\b(?P<rel>last|next|this|past|coming)\s+(?P<month>{MONTH_FULL})"),
    "relday": (
        r"\b(?:(?P<mod>early|late)\s+)?"
        r"(?:(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|"
        r"tomorrow|tonight)(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
        r"|(?P<this>this|last)\s+(?P<part2>morning|afternoon|evening|night))\b"
    ),
    "ago": (
        rf"\b{_DURATION_CORE}\s+(?P<dir>ago|later|earlier|from\s+now|hence|before|after|on)\b"
        r"(?P<today>\s+today\b)?"
    ),
    "day_before": (
        r"\b(?:the\s+)?(?P<unit>day|night|week|month|year)\s+(?P<dir>before|after|earlier|later)\b"
    ),
    "ref_part": (
        r"\b(?:(?P<mod>earlier|later)\s+)?(?P<rel>the\s+following|the\s+next|the\s+previous|that|"
        r"the\s+same)\s+(?P<part>morning|afternoon|evening|night)\b"
    ),
    "early_hours": (
        r"\b(?:the\s+)?(?:early|small|wee)\s+hours\s+of\s+(?:(?P<wd>"
        + WEEKDAY_FULL
        + r")(?:\s+morning)?|(?P<word>yesterday|today|tomorrow)(?:\s+morning)?"
        r"|(?P<this>this|the|that)\s+morning)\b"
    ),
    "the_weekend": (r"\bthe\s+weekend\b(?!\s+(?:of|before|after|before)\b)"),
    "unit_rel": (
        rf"\b(?:(?P<mod>{PERIOD_MOD}|earlier|later)(?:\s+|-)(?:in\s+)?)?"
        r"(?P<rel>last|next|this|the\s+current|the\s+coming|the\s+past|the\s+previous|"
        r"the\s+following|the\s+next|the\s+same|that\s+same|that|the\s+last|the)\s+"
        r"(?:(?:financial|fiscal|calendar)\s+)?(?P<unit>day|week|weekend|month|year|decade|quarter)\b(?!-)"
    ),
    "weekday": (
        r"\b(?:(?P<mod>early|late)\s+(?:on\s+)?)?(?:(?P<rel>last|next|this|past|coming)\s+)?"
        r"(?:(?P<week>last|next|this)\s+week\s+(?:on\s+)?)?"
        rf"(?P<wd>{WEEKDAY_FULL})\b(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
        r"(?:\s+(?:of\s+)?(?P<week2>last|next|this)\s+week\b)?"
    ),
    "set_every": (
        r"\b(?P<q>every|each)\s+(?:(?P<num>other|\d+|"
        + NUMWORD
        + r")\s+)?(?:(?P<wd>"
        + WEEKDAY_FULL
        + r")|(?P<unit>"
        + UNIT
        + r"|weekend|quarter|morning|afternoon|evening|night))\b"
    ),
    "set_freq": (
        rf"\b(?P<freq>once|twice|thrice|(?:\d+|{NUMWORD})\s+times)\s+(?:a|an|per|each|every)\s+"
        r"(?P<unit>day|week|month|year|decade|hour)\b"
    ),
    "set_adverb": (r"\b(?P<adv>" + "|".join(sorted(SET_ADVERBS, key=len, reverse=True)) + r")\b"),
    "set_plural_weekday": (rf"\b(?P<wd>{WEEKDAY_FULL})s\b"),
    "duration": (rf"\b{_DURATION_CORE}(?:[\s-]+(?:long|old)\b)?(?P<time>['’]s?\s+time\b)?"),
    "long": (r"\b(?P<unit>day|week|month|year|decade)s?-?long\b"),
    "vague_duration": (
        r"\b(?:(?P<prep>for|within)\s+(?P<x>(?:many\s+)?(?P<unit>hours|days|weeks|months|years|decades)\b)"
        r"|(?P<prep2>over)\s+(?P<x2>the\s+(?:past\s+)?(?P<unit2>years|decades)\b)"
        r"|(?<![\w-])(?P<unit3>seconds|minutes|hours)(?:\s+(?:later|earlier)\b|(?=\s+(?:after|before)\b)))"
        r"(?!\s+(?:ago|of|to)\b)"
    ),
    "year": (
        rf"(?<![\w.,$£€#/-])(?:(?P<mod>{PERIOD_MOD})(?:\s+|-))?"
        rf"(?P<fiscal>fiscal\s+(?:year\s+)?|(?-i:FY)\s?)?(?P<year>{YEAR})"
    ),
    "clock": (
        r"(?:\b(?P<approx>about|around|approximately|roughly|circa)\s+)?"
        r"(?:(?<![\d:.])(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*"
        rf"(?P<ap>[ap]\.m\.?|[ap]m\b)(?:\s*(?P<tz0>{TIME_ZONE}\b|{PLACE_TIME}))?"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:])(?:\s*(?:hrs|hours)\b)?"
        rf"(?:\s*(?P<tz>{TIME_ZONE}\b|{PLACE_TIME}))?"
        rf"|(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?:hrs\s+|hours\s+)?(?P<tz2>{TIME_ZONE})\b"
        rf"|(?P<hm3>[01]\d|2[0-3])(?P<mm3>[0-5]\d)(?:\s*(?:hrs|hours)\b)?(?={_RESTATED_CLOCK}))"
        r"|\b(?P<named>noon|midday|midnight)\b)"
    ),
    "vague": (
        r"\b(?:(?P<past>recently|lately|(?:the\s+)?recent\s+(?:days|weeks|months|years|times|past)|"
        r"the\s+past)"
        r"|(?P<present>now|currently|nowadays|present|the\s+moment|these\s+days|this\s+day)"
        r"|(?P<future>soon|the\s+(?:near\s+)?future|the\s+coming\s+(?:days|weeks|months|years)|"
        r"the\s+(?:days|weeks|months|years)\s+ahead))\b"
    ),
}

# Where each pattern's matches can start (the first characters of its words), checked before
# the pattern itself so that the engine leaves most positions of a text at once: every rule
# scans the whole article, and this makes the scan about 2.5 times cheaper. A pattern matches
# the same with it, except that month and day names must start a word ("Q3 January" is no
# "3 January"; the ``\b``).
_STARTS: dict[str, str] = {
    "iso": r"(?=[12])",
    "numeric": r"(?=\d)",
    "md_range": r"\b(?=[abdfjmnos])",
    "dm_range": r"(?=[bf\d])",
    "mdy": r"\b(?=[adefjlmnostw])",
    "dmy": r"\b(?=[fmstw\d])",
    "month_range": r"\b(?=[abdfjmnos])",
    "year_range": r"(?=[bf12])",
    "quarter": r"(?=[flst1-4])",
    "q_year": r"(?=[hq])",
    "season": r"(?=[acefilmnpstw])",
    "decade": r"(?=[elmt12'’])",
    "holiday": r"(?=[cn])",
    "month": r"(?=[abdefjlmnost])",
    "rel_month": r"(?=[clnpt])",
    "relday": r"(?=[elty])",
    "ago": r"(?=[abcdefhjlmnorstuz\d])",
    "day_before": r"(?=[dmntwy])",
    "ref_part": r"(?=[elt])",
    "early_hours": r"(?=[estw])",
    "the_weekend": r"(?=t)",
    "unit_rel": r"(?=[belmnst])",
    "weekday": r"(?=[cefilmnpstw])",
    "set_every": r"(?=e)",
    "set_freq": r"(?=[efnostz\d])",
    "set_adverb": r"(?=[abdfhmnqswy])",
    "set_plural_weekday": r"(?=[fmstw])",
    "duration": r"(?=[abcdefhjlmnorstuz\d])",
    "long": r"(?=[dmwy])",
    "vague_duration": r"(?=[fowmsh])",
    "year": r"(?=[belmstf12])",
    "clock": r"(?=[acmnr\d])",
    "vague": r"(?=[clnprst])",
}
PATTERNS: dict[str, re.Pattern[str]] = {
    name: _c(_STARTS[name] + source) for name, source in PATTERN_SOURCES.items()
}

# Words (lower case) one of which is in every match of a pattern: a text holding none of them
# is not scanned with that pattern at all (None: no such short list).
_DIGITS = tuple("0123456789")
_MONTH_WORDS = tuple(MONTHS)
_UNIT_WORDS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "year")
_UNIT_WORDS += ("decade", "centur")
_PARTS = ("morning", "afternoon", "evening", "night")
NEEDS: dict[str, tuple[str, ...] | None] = {
    "iso": _DIGITS,
    "numeric": _DIGITS,
    "md_range": _MONTH_WORDS,
    "dm_range": _MONTH_WORDS,
    "mdy": _MONTH_WORDS,
    "dmy": _MONTH_WORDS,
    "month_range": _MONTH_WORDS,
    "year_range": _DIGITS,
    "quarter": ("quarter", "half"),
    "q_year": ("q1", "q2", "q3", "q4", "h1", "h2", "h3", "h4"),
    "season": tuple(SEASONS),
    "decade": _DIGITS,
    "holiday": ("christmas", "new year"),
    "month": _MONTH_WORDS,
    "rel_month": _MONTH_WORDS,
    "relday": ("yesterday", "today", "tomorrow", "tonight", *_PARTS),
    "ago": _UNIT_WORDS,
    "day_before": ("day", "night", "week", "month", "year"),
    "ref_part": _PARTS,
    "early_hours": ("hours",),
    "the_weekend": ("weekend",),
    "unit_rel": ("day", "week", "month", "year", "decade", "quarter"),
    "weekday": _WEEKDAY_NAMES,
    "set_every": ("every", "each"),
    "set_freq": ("once", "twice", "thrice", "times"),
    "set_adverb": (
        "daily",
        "nightly",
        "weekly",
        "monthly",
        "quarterly",
        "yearly",
        "annual",
        "hourly",
    ),
    "set_plural_weekday": _WEEKDAY_NAMES,
    "duration": _UNIT_WORDS,
    "long": ("long",),
    "vague_duration": (
        "seconds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
    ),
    "year": _DIGITS,
    "clock": (*_DIGITS, "noon", "midday", "midnight"),
    "vague": None,
}


def may_match(name: str, lower_text: str) -> bool:
    """False when the lower-cased text lacks every word the pattern ``name`` needs."""
    needs = NEEDS[name]
    return needs is None or any(word in lower_text for word in needs)


DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>(?-i:[A-Z])[A-Za-z.'’\- ]{1,40}?"
    r"(?:,[ \t]*(?-i:[A-Z])[A-Za-z.'’\- ]{1,30}?){0,2}),[ \t]*"
    rf"(?P<x>(?:(?P<wd>{WEEKDAY})\s*,?\s+)?(?:(?P<month>{MONTH})\s*(?P<day>{DAY})|"
    rf"(?P<day2>{DAY})\s+(?P<month2>{MONTH}))(?:\s*,?\s*(?P<year>{YEAR}))?)"
    r"[ \t]*(?:\([^()\n]{1,60}\)[ \t]*)?[-—–]",
    re.IGNORECASE | re.MULTILINE,
)
# A date in digits as web pages print it: "2/3/2009", "04/02/07" (month first unless it cannot be).
NUMERIC_DAY = r"(?<![\d/])(?P<na>[0-3]?\d)/(?P<nb>[0-3]?\d)/(?P<ny>(?:19|20)\d\d|\d\d)(?![\d/])"
ISO_DAY = r"(?<![\d-])(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d)(?![\d-])"


def _full_date(sp: str) -> str:
    """A date with its year as page headers print it ("Sat, 28 Jan 2017", "January 28, 2017",
    "2/3/2009", "2017-01-28"), ``sp`` being the spaces allowed inside it."""
    return (
        rf"(?:(?P<wd>{WEEKDAY}){sp}*,?{sp}+)?(?:(?P<month>{MONTH}){sp}*(?P<day>{DAY})|"
        rf"(?P<day2>{DAY}){sp}+(?P<month2>{MONTH})){sp}*,?{sp}*(?P<year>{YEAR})"
        rf"|{NUMERIC_DAY}|{ISO_DAY}"
    )


_SPACE, _BLANK = r"\s", r"[ \t]"
HEADER_DATE_RE = re.compile(
    r"\b(?:first\s+)?(?:published|updated|posted|(?:last\s+)?(?:updated|modified))"
    rf"(?:\s+on)?\s*:?\s*(?P<x>{_full_date(_SPACE)})",
    re.IGNORECASE,
)
# A line near the top holding only a full date, maybe with a clock time ("May 2, 2013 | 5:03pm").
DATE_LINE_RE = re.compile(
    rf"^[ \t]*(?P<x>{_full_date(_BLANK)})"
    r"(?:[ \t]*(?:[,|]|at|-)?[ \t]*\d{1,2}[:.]\d\d(?::\d\d)?[ \t]*(?:[ap]\.?m\.?)?"
    r"(?:[ \t]+[A-Z]{2,4})?)?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A full date opening the first paragraph before a dash ("28 January 2017 – The envoy said").
DATE_LEAD_RE = re.compile(
    rf"^[ \t]*(?P<x>{_full_date(_BLANK)})[ \t]*(?:\([^()\n]{{1,60}}\)[ \t]*)?[-—–]",
    re.IGNORECASE | re.MULTILINE,
)
DATELINE_WINDOW = 600
# A news URL at the top of the text whose path holds the publication day ("/2013/05/03/",
# "/story/2013-07-21/"): the anchor when the caller knows no publication date.
URL_DATE_RE = re.compile(
    r"^[ \t]*(?:https?://|www\.)[^\s]*?[/_-](?P<year>(?:19|20)\d\d)(?P<sep>[/-])"
    r"(?P<month>0[1-9]|1[0-2])(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])(?=[/_.-]|\s|$)",
    re.MULTILINE,
)

# A part of the day named before a day ("on the night of 23 February", "early morning on Sunday").
PART_OF_DAY_BEFORE_RE = re.compile(
    r"(?:\b(?:early|late)\s+(?:in\s+)?)?(?:\bthe\s+)?\b(?P<part>morning|afternoon|evening|night)"
    r"\s+(?:of|on)\s+$",
    re.IGNORECASE,
)
# A quotation within one paragraph, in curly or straight double quotes.
QUOTE_RE = re.compile(r"“[^”\n]{3,800}”?|(?<![\w\"])\"[^\"\n]{3,800}\"?")
# The week named by one of its days ("the week of March 9").
WEEK_OF_BEFORE_RE = re.compile(r"\b(?:the\s+)?week\s+of\s+$", re.IGNORECASE)
# The brackets around a date restated after another ("this morning (July 21)").
OPEN_BRACKET_RE = re.compile(r"[ \t]*[(\[][ \t]*")
CLOSE_BRACKET_RE = re.compile(r"[ \t]*[)\]]")

# What follows the unit of an age ("36-year-old", "40 years old", "11-year old"): not a duration.
AGE_RE = re.compile(r"[\s-]*old\b", re.IGNORECASE)
PREV_WORD_RE = re.compile(r"([A-Za-z]+)[ \t]*$")
NEXT_WORD_RE = re.compile(r"[ \t]*([A-Za-z']+)")


# --------------------------------------------------------------------------------------------
# Candidate filters: run on every match before overlaps are settled, so a rejected match frees
# its text for shorter readings
# --------------------------------------------------------------------------------------------


class Context(Protocol):
    """What a filter may ask about the text around a match (implemented over a spaCy Doc)."""

    text: str
    parsed: bool

    def prev_word(self, start: int) -> str:
        """The word right before ``start`` (only spaces between), or ""."""
        ...

    def next_word(self, end: int) -> str:
        """The word right after ``end`` (only spaces between), or ""."""
        ...

    def token_at(self, pos: int) -> Token | None:
        """The token covering character ``pos``."""
        ...

    def in_name(self, start: int, end: int) -> bool:
        """True inside a named entity that is not a date, time or number ("Saturday Night Live")."""
        ...

    def in_time_entity(self, start: int, end: int) -> bool:
        """True inside a spaCy DATE or TIME entity."""
        ...


Filter = Callable[[re.Match[str], Context, int, int], bool]


def _accept_month(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A month without day or year only after a preposition, never the modal "may"."""
    groups = m.groupdict()
    if groups.get("year") or groups.get("rel"):
        return True
    tok = ctx.token_at(m.start("month"))
    if tok is not None and (tok.tag_ == "MD" or tok.pos_ == "VERB"):
        return False
    if ctx.in_name(m.start("month"), m.end("month")):
        return False
    return bool(groups.get("mod")) or ctx.prev_word(s).lower() in PREPS


_DAY_BEFORE_RE = re.compile(r"(?<![\d.,:/])(?:[12]\d|3[01]|0?[1-9])[ \t]+$")


def _accept_mdy(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A month and day without a year, unless a day number stands before the month ("on 3
    March 15 people died" is 3 March)."""
    return bool(m["year"]) or _DAY_BEFORE_RE.search(ctx.text, max(0, s - 4), s) is None


def _accept_weekday(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A weekday, but not in a name ("Saturday Night Live", "Good Friday")."""
    if ctx.in_name(m.start("wd"), m.end("wd")):
        return False
    return ctx.prev_word(m.start("wd")) not in NAMED_DAY_PREFIXES


def _accept_year(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A bare four-digit year only where a year fits ("in 2016", not "Resolution 2254")."""
    before, after = ctx.prev_word(s).lower(), ctx.next_word(e).lower()
    if before in YEAR_BLOCK_BEFORE or after in YEAR_BLOCK_AFTER:
        return False
    if ctx.text[e : e + 1].isalpha():  # "2000ft", "2013a"
        return False
    if m["mod"] or m["fiscal"] or before in YEAR_CONTEXT or ctx.text.startswith("'s", e):
        return True
    if ctx.in_time_entity(m.start("year"), m.end("year")):
        return True
    nxt = ctx.token_at(e + 1) if ctx.text.startswith(" ", e) else None
    return before == "the" and nxt is not None and nxt.pos_ in ("NOUN", "ADJ", "PROPN")


# Nouns after an adjectival quarter that make it a date of a company year ("third-quarter profit").
QUARTER_NOUNS = {
    "profit", "profits", "earnings", "results", "sales", "revenue", "revenues", "loss", "losses",
    "income", "growth", "output", "gdp", "figures", "dividend", "deficit", "surplus",
}  # fmt: skip


def _accept_quarter(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A quarter without its year only as "the third quarter" (not "the final quarter of the
    match" nor "the second half"), or before a word of accounts ("third-quarter profit")."""
    if m["year"] or m["rel"]:
        return True
    if m["unit"].lower() != "quarter" or m["ord"].lower() in ("final", "last"):
        return False
    if m["sep"] == "-":
        return ctx.next_word(e).lower() in QUARTER_NOUNS
    return bool(m["the"]) and ctx.next_word(e).lower() != "of"


def _accept_season(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A season with a year or "last", or "in the summer" (not the "Arab Spring")."""
    if m["year"] or m["relyear"] or m["rel"]:
        return True
    return bool(m["the"]) and ctx.prev_word(s).lower() in PREPS


def _accept_range(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A range joined by "and" needs "between"; a year range must go forwards."""
    sep = m["sep"].strip().lower()
    if sep == "and" and (m["prep"] or "").lower() != "between":
        return "d1" in m.re.groupindex and _consecutive(m)
    if "y2" in m.re.groupindex:
        y1, y2 = int(m["y1"]), int(m["y2"])
        y2 = y2 + y1 // 100 * 100 if y2 < 100 else y2
        return y1 < y2 <= y1 + 100 and (sep != "/" or len(m["y2"]) == 2)
    return True


def _consecutive(m: re.Match[str]) -> bool:
    """True for two consecutive days of one month ("January 23 and 24")."""
    same_month = not m["m1"] or not m["m2"] or m["m1"].lower() == m["m2"].lower()
    return same_month and day_number(m["d2"]) == day_number(m["d1"]) + 1


def _accept_unit_rel(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A relative unit that means a date ("the following day", not "the day")."""
    rel, unit, mod = " ".join(m["rel"].lower().split()), m["unit"].lower(), m["mod"]
    if rel == "the" and not mod:
        return False
    if mod and rel in ("the past", "the last"):
        return False
    if unit == "day":
        if mod and mod.lower() in ("earlier", "later") and rel in ("the", "that"):
            return True  # "earlier in the day", "later that day"
        return rel in ("the previous", "the following", "the next", "the same", "that", "that same")
    return not (unit == "weekend" and rel in ("the past", "the last"))


def _accept_ago(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """Like a duration, and "before"/"after" only without an object."""
    return _accept_day_before(m, ctx, s, e) and _accept_duration(m, ctx, s, e)


def _accept_day_before(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A day "before" counts back from the text only when "before" takes no object."""
    if m["dir"].lower() not in ("before", "after", "on"):
        return True
    tok = ctx.token_at(m.start("dir"))
    if tok is not None and ctx.parsed:
        if tok.dep_ == "mark":  # "two minutes after she walked in": a clause follows
            return False
        return not any(c.dep_ in ("pobj", "pcomp") for c in tok.children)
    rest = ctx.text[e : e + 3].lstrip()
    return rest == "" or rest[0] in '.,;:!?)"”'


def _accept_duration(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A duration, but not "a second" (the ordinal: "a second round") nor an age."""
    num = (m["num"] or "").lower()
    if num in ("a", "an") and m["unit"].lower().startswith("second"):  # "a second round"
        return False
    return AGE_RE.match(ctx.text, m.end("unit")) is None  # "a 36-year-old", "40 years old"


def _accept_lowercase_word(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """A frequency word that is not part of a name ("Daily Star")."""
    tok = ctx.token_at(s)
    return not ctx.in_name(s, e) and not (tok is not None and tok.pos_ == "PROPN")


def _accept_plural_weekday(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """ "Mondays" only as a repetition ("on Mondays")."""
    return ctx.prev_word(s).lower() in ("on", "every", "most", "some", "all")


def _accept_vague(m: re.Match[str], ctx: Context, s: int, e: int) -> bool:
    """ "the past"/"the future" as nouns, "present" only in "at present", etc."""
    word, before = " ".join(m.group(0).lower().split()), ctx.prev_word(s).lower()
    if word in ("the past", "the future"):
        tok = ctx.token_at(e - 1)
        return tok is not None and tok.pos_ == "NOUN"
    if word in ("present", "the moment"):
        return before in ("at", "for")
    if word == "this day":
        return before == "to"
    if word == "soon":
        return before != "as"
    if word == "now" and ctx.next_word(e).lower() == "that":
        # "Now that the town has fallen, ...": a conjunction opening a clause, not a time
        lead = ctx.text[max(0, s - 3) : s].strip()
        return not (lead == "" or lead[-1:] in '.!?,;:—("“' or before in ("and", "but", "so"))
    return not ctx.in_name(s, e)


ACCEPT: dict[str, Filter] = {
    "mdy": _accept_mdy,
    "md_range": _accept_range,
    "dm_range": _accept_range,
    "month_range": _accept_range,
    "year_range": _accept_range,
    "season": _accept_season,
    "quarter": _accept_quarter,
    "month": _accept_month,
    "rel_month": _accept_month,
    "ago": _accept_ago,
    "day_before": _accept_day_before,
    "unit_rel": _accept_unit_rel,
    "weekday": _accept_weekday,
    "set_adverb": _accept_lowercase_word,
    "set_plural_weekday": _accept_plural_weekday,
    "duration": _accept_duration,
    "year": _accept_year,
    "vague": _accept_vague,
}


# --------------------------------------------------------------------------------------------
# Numbers and durations
# --------------------------------------------------------------------------------------------


def month_number(word: str) -> int:
    """The month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    """The ISO weekday (Monday=0) of a weekday name or abbreviation."""
    return WEEKDAYS[word.rstrip(".").lower()]


def parse_number(text: str) -> float | None:
    """The value of a spelt or written number; None for vague quantities ("several")."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[-1] == "of":
        words = words[:-1]
    joined = " ".join(words)
    if joined.replace(",", "").replace(".", "", 1).isdigit():
        return float(joined.replace(",", ""))
    if joined in {"a dozen", "dozen"}:
        return 12.0
    if "couple" in words:
        return 2.0
    total = 0
    for w in words:
        if w not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[w]
    return float(total)


def day_number(word: str) -> int:
    """The day of month of "24" or "24th"."""
    return int(re.sub(r"\D", "", word))


def amount(m: re.Match[str]) -> float | None:
    """The number of units in a duration match ("a year and a half" -> 1.5); None when vague."""
    if m["half1"]:
        return 0.5
    n = parse_number(m["num"])
    if n is not None and re.search(r"and\s+a\s+half", m.group(0)):
        n += 0.5
    return n


def clock_value(m: re.Match[str]) -> str:
    """HH:MM of a clock-time match ("10 p.m." -> 22:00, "noon" -> 12:00, "0737 GMT" -> 07:37Z)."""
    hour, minute, zone = clock_parts(m)
    return f"{hour:02d}:{minute:02d}{'Z' if zone in UTC_ZONES else ''}"


def clock_parts(m: re.Match[str]) -> tuple[int, int, str | None]:
    """Hour, minute and time-zone abbreviation (None: local time) of a clock-time match."""
    if m["named"]:
        return (0 if m["named"].lower() == "midnight" else 12), 0, None
    if m["h"]:
        hour, minute = int(m["h"]) % 12, int(m["mi"] or 0)
        if m["ap"].lower().startswith("p"):
            hour += 12
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["mi24"])
    elif m["hm"]:
        hour, minute = int(m["hm"]), int(m["mm"])
    else:
        hour, minute = int(m["hm3"]), int(m["mm3"])
    zone = m["tz0"] or m["tz"] or m["tz2"] or ""
    return hour, minute, (zone if zone in ZONE_HOURS or zone in ZONE_REGIONS else None)


def utc_offset(zone: str, local: datetime) -> timedelta | None:
    """The offset from UTC of a zone abbreviation at a local time (None for an unknown zone)."""
    if zone in ZONE_HOURS:
        return timedelta(hours=ZONE_HOURS[zone])
    if zone not in ZONE_REGIONS:
        return None
    from dateutil import tz

    region = tz.gettz(ZONE_REGIONS[zone])
    return None if region is None else local.replace(tzinfo=region).utcoffset()


def unit_key(word: str) -> str:
    """The singular unit name of a unit word ("centuries" -> "century")."""
    return UNIT_KEYS[word.lower()]


def _fmt_number(n: float) -> str:
    """A number without a needless .0."""
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(amount: float | None, unit: str) -> str:
    """The TIMEX3 duration value for an amount of a unit (6 months -> P6M, None -> PXM)."""
    if unit == "fortnight":
        amount, unit = (None if amount is None else amount * 2), "week"
    if amount is not None and amount != int(amount):
        if unit == "year" and amount * 12 == int(amount * 12):
            amount, unit = amount * 12, "month"
        elif unit == "day" and amount * 24 == int(amount * 24):
            amount, unit = amount * 24, "hour"
        elif unit == "hour" and amount * 60 == int(amount * 60):
            amount, unit = amount * 60, "minute"
    if amount is not None and unit in ("decade", "century"):
        amount, unit = amount * (10 if unit == "decade" else 100), "year"
    code, is_time = _UNIT_CODES[unit]
    number = "X" if amount is None else _fmt_number(amount)
    return f"PT{number}{code}" if is_time else f"P{number}{code}"


# --------------------------------------------------------------------------------------------
# Calendar periods
# --------------------------------------------------------------------------------------------


class Period(NamedTuple):
    """An inclusive calendar stretch with its precision and TIMEX3 value."""

    start: date
    end: date
    precision: Precision
    value: str


PRECISION_ORDER: dict[Precision, int] = {p: i for i, p in enumerate(Precision)}


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """The (year, month) n months after (year, month)."""
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def day_period(d: date) -> Period:
    """One day."""
    return Period(d, d, Precision.DAY, d.isoformat())


def week_period(d: date) -> Period:
    """The ISO week (Monday to Sunday) that contains a day."""
    y, w, wd = d.isocalendar()
    start = d - timedelta(days=wd - 1)
    return Period(start, start + timedelta(days=6), Precision.WEEK, f"{y:04d}-W{w:02d}")


def weekend_period(d: date) -> Period:
    """The Saturday and Sunday of the ISO week that contains a day."""
    week = week_period(d)
    start = week.start + timedelta(days=5)
    return Period(start, week.end, Precision.WEEK, f"{week.value}-WE")


def month_period(year: int, month: int) -> Period:
    """One calendar month."""
    return Period(
        date(year, month, 1), month_end(year, month), Precision.MONTH, f"{year:04d}-{month:02d}"
    )


def quarter_period(year: int, quarter: int) -> Period:
    """One calendar quarter (1..4)."""
    first = 3 * (quarter - 1) + 1
    return Period(
        date(year, first, 1),
        month_end(year, first + 2),
        Precision.QUARTER,
        f"{year:04d}-Q{quarter}",
    )


def half_period(year: int, half: int) -> Period:
    """One half of a year, kept at year precision (there is no half-year precision)."""
    first = 1 if half == 1 else 7
    return Period(
        date(year, first, 1), month_end(year, first + 5), Precision.YEAR, f"{year:04d}-H{half}"
    )


def season_period(year: int, code: str) -> Period:
    """A meteorological season; winter runs from December of the year into February."""
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    end_year, end_month = add_months(year, first, 2)
    return Period(
        date(year, first, 1), month_end(end_year, end_month), Precision.SEASON, f"{year:04d}-{code}"
    )


def year_period(year: int) -> Period:
    """One calendar year."""
    return Period(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, f"{year:04d}")


def decade_period(first_year: int) -> Period:
    """A decade (1990 -> the 1990s, TIMEX3 value 199)."""
    first_year -= first_year % 10
    return Period(
        date(first_year, 1, 1),
        date(first_year + 9, 12, 31),
        Precision.DECADE,
        f"{first_year // 10:03d}",
    )


def unit_period(unit: str, d: date, n: int = 0) -> Period:
    """The period of a calendar unit that contains d, shifted by n units."""
    if unit == "day":
        return day_period(d + timedelta(days=n))
    if unit == "week":
        return week_period(d + timedelta(weeks=n))
    if unit == "weekend":
        return weekend_period(d + timedelta(weeks=n))
    if unit == "month":
        return month_period(*add_months(d.year, d.month, n))
    if unit == "quarter":
        total = d.year * 4 + (d.month - 1) // 3 + n
        return quarter_period(total // 4, total % 4 + 1)
    if unit == "year":
        return year_period(d.year + n)
    if unit == "decade":
        return decade_period(d.year + 10 * n)
    raise KeyError(unit)


def narrow(period: Period, mod: str | None, pivot: date | None = None) -> Period:
    """Narrow a period by a modifier (early, mid, late, end of, earlier, later, first half of)."""
    if not mod:
        return period
    mod = " ".join(mod.lower().split())
    span = (period.end - period.start).days + 1
    if mod in {"earlier", "later"}:
        if pivot is None or not period.start <= pivot <= period.end:
            mod = "early" if mod == "earlier" else "late"
        elif mod == "earlier":
            return period._replace(end=pivot)
        else:
            return period._replace(start=pivot)
    if "half" in mod:
        mid = period.start + timedelta(days=span // 2 - 1)
        first = "first" in mod
        return period._replace(
            start=period.start if first else mid + timedelta(days=1),
            end=mid if first else period.end,
        )
    part = 0 if ("early" in mod or "beginning" in mod or "start" in mod) else 1
    if "late" in mod or "end" in mod:
        part = 2
    start, end = _third(period, part, span)
    return period._replace(start=start, end=end)


def _third(period: Period, part: int, span: int) -> tuple[date, date]:
    """The first, middle or last third of a period, on month bounds where it has months."""
    if period.precision in (Precision.YEAR, Precision.QUARTER, Precision.SEASON) and span > 80:
        months = round(span / 30.4)
        step = max(months // 3, 1)
        y, m = period.start.year, period.start.month
        sy, sm = add_months(y, m, step * part)
        ey, em = add_months(y, m, step * (part + 1) - 1 if part < 2 else months - 1)
        return (date(sy, sm, 1), min(month_end(ey, em), period.end))
    if period.precision is Precision.DECADE:
        y = period.start.year
        bounds = ((0, 3), (4, 6), (7, 9))[part]
        return (date(y + bounds[0], 1, 1), date(y + bounds[1], 12, 31))
    if period.precision is Precision.MONTH:
        bounds = ((1, 10), (11, 20), (21, period.end.day))[part]
        return (period.start.replace(day=bounds[0]), period.start.replace(day=bounds[1]))
    step = max(span // 3, 1)
    start = period.start + timedelta(days=step * part)
    end = period.end if part == 2 else start + timedelta(days=step - 1)
    return (start, end)


def interval(first: Period, last: Period) -> Period:
    """The interval from the start of one period to the end of another, in ISO 8601 a/b form."""
    precision = max(first.precision, last.precision, key=PRECISION_ORDER.__getitem__)
    return Period(first.start, last.end, precision, f"{first.value}/{last.value}")


def with_part_of_day(period: Period, part: str | None) -> Period:
    """Add a TIMEX3 part-of-day suffix (2017-01-28TMO) to a day."""
    if not part:
        return period
    return period._replace(value=f"{period.value}T{PARTS_OF_DAY[part.lower()]}")


def shift(unit: str, base: date, n: float) -> Period:
    """The period of a unit n units away from base ("two years ago": year, anchor, -2)."""
    if unit == "fortnight":
        unit, n = "week", n * 2
    if unit == "century":
        unit, n = "year", n * 100
    if n != int(n):
        if unit == "year":
            unit, n = "month", n * 12
        elif unit in ("month", "week"):
            unit, n = "day", n * (30 if unit == "month" else 7)
    if unit in ("second", "minute", "hour"):
        per_day = {"second": 86400, "minute": 1440, "hour": 24}[unit]
        return day_period(base + timedelta(days=int(round(n) / per_day)))
    return unit_period(unit, base, round(n))


def same_day_shifted(base: date, unit: str, n: int) -> date:
    """The day n units from base ("exactly two years ago", "a year ago today"): the same day of
    the month, or the month's last day when it has no such day."""
    from dateutil.relativedelta import relativedelta

    step = {"day": relativedelta(days=n), "week": relativedelta(weeks=n)}
    step |= {"month": relativedelta(months=n), "year": relativedelta(years=n)}
    result: date = base + step[unit]
    return result


def nearest_day(anchor: date, month: int, day: int, direction: int, weekday: int | None) -> date:
    """The date with this month and day nearest the anchor, in a direction (-1, 0 nearest, +1)."""
    # A day of slack either side keeps "concluded on January 29" read on the 28th in that January.
    options = []
    for year in range(anchor.year - 4, anchor.year + 5):  # four years either side: 29 February
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if len(options) > 3:
        options = sorted(options, key=lambda d: abs(d.year - anchor.year))[:3]
    if weekday is not None and any(d.weekday() == weekday for d in options):
        options = [d for d in options if d.weekday() == weekday]
    slack = timedelta(days=1)
    if direction < 0 and any(d <= anchor + slack for d in options):
        return max(d for d in options if d <= anchor + slack)
    if direction > 0 and any(d >= anchor - slack for d in options):
        return min(d for d in options if d >= anchor - slack)
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def days_within(start: date, end: date, month: int, day: int) -> list[date]:
    """Every date with this month and day between start and end (inclusive)."""
    out = []
    for year in range(start.year, end.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if start <= d <= end:
            out.append(d)
    return out


def nearest_month(anchor: date, month: int, direction: int, *, strict: bool = False) -> int:
    """The year that puts a month nearest the anchor's month in a direction (-1, 0, +1)."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(y * 12 + month - 1, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if direction < 0:
        return max(y for n, y in options if n < here or (n == here and not strict))
    if direction > 0:
        return min(y for n, y in options if n > here or (n == here and not strict))
    return min(options, key=lambda o: (abs(o[0] - here), o[0] > here))[1]


def _distance(period: Period, d: date) -> int:
    """Days between a day and the nearer end of a period (0 inside it)."""
    if d < period.start:
        return (period.start - d).days
    return max(0, (d - period.end).days)


def nearest_weekday(anchor: date, weekday: int, direction: int) -> date:
    """The weekday on or before (-1), on or after (+1) or nearest (0) the anchor."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction < 0 or (direction == 0 and back <= ahead):
        return anchor - timedelta(days=back)
    return anchor + timedelta(days=ahead)


def nearest_season(anchor: date, code: str, rel: str, direction: int) -> Period:
    """The season ("SU") meant by "last summer", "this summer" or a bare "the summer"."""
    options = [season_period(y, code) for y in range(anchor.year - 2, anchor.year + 2)]
    if rel == "this":  # the one under way, else the nearer ("this summer" read in September)
        within = [p for p in options if p.start <= anchor <= p.end]
        return within[0] if within else min(options, key=lambda p: _distance(p, anchor))
    if rel in ("last", "past", "previous") or (not rel and direction < 0):
        strictly = bool(rel)
        return max(
            (p for p in options if (p.end < anchor if strictly else p.start <= anchor)),
            key=lambda p: p.start,
        )
    if rel in ("next", "coming", "following") or (not rel and direction > 0):
        strictly = bool(rel)
        return min(
            (p for p in options if (p.start > anchor if strictly else p.end >= anchor)),
            key=lambda p: p.start,
        )
    return min(options, key=lambda p: abs((p.start - anchor).days))
