"""The time-expression scorer's reading, matching and TempEval-3 scoring, on tiny hand-made
examples (no spaCy model and no development data needed)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "score_timex.py"
_spec = importlib.util.spec_from_file_location("score_timex", _PATH)
assert _spec is not None and _spec.loader is not None
st = importlib.util.module_from_spec(_spec)
sys.modules["score_timex"] = st
_spec.loader.exec_module(st)

M = st.Mention


def mention(text: str, words: str, type_: str, value: str, nth: int = 0) -> st.Mention:
    """The mention of ``words`` (its ``nth`` occurrence) in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return M(start, start + len(words), words, type_, value)


TEXT = "Talks ended on Saturday, January 28 after two days; on Monday they met again."


def test_match_pairs_exact_spans_first_and_one_to_one() -> None:
    gold = [M(10, 20, "", "DATE", ""), M(30, 35, "", "DATE", "")]
    system = [M(5, 25, "", "DATE", ""), M(10, 20, "", "DATE", ""), M(34, 40, "", "DATE", "")]
    assert st.match(gold, system) == [(0, 1), (1, 2)]
    assert st.match(gold, []) == []


def test_score_doc_strict_relaxed_value_and_type() -> None:
    gold = [
        mention(TEXT, "Saturday, January 28", "DATE", "2017-01-28"),
        mention(TEXT, "two days", "DURATION", "P2D"),
        mention(TEXT, "Monday", "DATE", "2017-01-30"),
    ]
    system = [
        mention(TEXT, "Saturday, January 28", "DATE", "2017-01-28"),  # strict, value right
        mention(TEXT, "after two days", "DURATION", "P2D"),  # relaxed only, value right
        mention(TEXT, "Monday", "DATE", "2017-01-23"),  # strict, value wrong
        mention(TEXT, "Talks", "DATE", "PRESENT_REF"),  # spurious
    ]
    t = st.score_doc(gold, system)
    assert (t.gold, t.system, t.strict, t.relaxed, t.value, t.type) == (3, 4, 2, 3, 2, 3)
    p, r, f = st.prf(t.value, t.system, t.gold)
    assert (round(p, 1), round(r, 1), round(f, 1)) == (50.0, 66.7, 57.1)
    assert st.prf(t.strict, t.system, t.gold)[2] == pytest.approx(
        2 * 0.5 * (2 / 3) / (0.5 + 2 / 3) * 100
    )
    assert t.errors == {"day: wrong day of month": 1}
    assert t.spurious == {"talks": 1}
    assert not t.missed


def test_score_doc_drops_the_dct_and_unannotated_sentences() -> None:
    text = "May 2, 2013\nShe left on Thursday.\nUnannotated: on Friday."
    gold = [mention(text, "Thursday", "DATE", "2013-05-02")]
    system = [
        mention(text, "May 2, 2013", "DATE", "2013-05-02"),
        mention(text, "Thursday", "DATE", "2013-05-02"),
        mention(text, "Friday", "DATE", "2013-05-03"),
    ]
    dct = (0, 11)
    annotated = [(12, 33)]
    t = st.score_doc(gold, system, ignore=[dct], scored=annotated)
    assert (t.gold, t.system, t.strict, t.value) == (1, 1, 1, 1)


def test_empty_system_and_empty_gold_score_zero() -> None:
    t = st.score_doc([], [])
    assert st.prf(t.value, t.system, t.gold) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("gold", "system", "kind"),
    [
        ("2013-05-02", "2012-05-02", "day: wrong year"),
        ("2013-05-02", "XXXX-WXX-4", "day -> underspecified"),
        ("2013-05-02T18:32Z", "2013-05-02T13:32", "day+time: gold in UTC, text local"),
        ("P6M", "", "duration -> none"),
        ("2016-W05", "2016-W04", "week: wrong date"),
    ],
)
def test_error_kind(gold: str, system: str, kind: str) -> None:
    assert st.error_kind(gold, system) == kind


@pytest.mark.parametrize(
    ("value", "fixed"),
    [
        ("2009-12-7", "2009-12-07"),
        ("1979-2", "1979-02"),
        ("2011W42", "2011-W42"),
        ("PRES_REF", "PRESENT_REF"),
        ("2013-05-02T18:32Z", "2013-05-02T18:32Z"),
        ("193X", "193"),
        ("19XX", "19"),
        ("XXXX", "XXXX"),
        ("2011-XX", "2011-XX"),
    ],
)
def test_fix_gold_value(value: str, fixed: str) -> None:
    assert st.fix_gold_value(value) == fixed


def test_join_tokens_undoes_ecb_splits_and_keeps_offsets() -> None:
    line = "at 5 : 40 p . m . ET , she rear - ended a car ; she ’ s ( 26 ) fine"
    pieces = line.split(" ")
    tokens = [(str(i), t, 0) for i, t in enumerate(pieces)] + [("99", "Next", 1)]
    text, spans = st.join_tokens(tokens, split_hyphens=True)
    assert text == "at 5:40 p.m. ET, she rear-ended a car; she’s (26) fine\nNext"
    for tid, piece, _ in tokens:
        start, end = spans[tid]
        assert text[start:end] == piece


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_read_meantime_cat_xml(tmp_path: Path) -> None:
    xml = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">news</token>
<token number="2" sentence="1" t_id="3">January</token>
<token number="3" sentence="1" t_id="4">12</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2007</token>
<token number="6" sentence="2" t_id="7">It</token>
<token number="7" sentence="2" t_id="8">sued</token>
<token number="8" sentence="2" t_id="9">on</token>
<token number="9" sentence="2" t_id="10">Wednesday</token>
<token number="10" sentence="2" t_id="11">.</token>
<token number="11" sentence="3" t_id="12">Later</token>
<Markables>
<TIMEX3 functionInDocument="NONE" m_id="50" type="DATE" value="2007-01-10">
<token_anchor t_id="10"/></TIMEX3>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="51" type="DATE" value="2007-01-12">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
</Markables></Document>"""
    doc = st.read_meantime(_write(tmp_path, "x.xml", xml))
    assert doc.text == "Apple news\nJanuary 12, 2007\nIt sued on Wednesday.\nLater"
    assert doc.anchor == date(2007, 1, 12)
    assert [(g.text, g.type, g.value) for g in doc.gold] == [("Wednesday", "DATE", "2007-01-10")]
    assert [doc.text[s:e] for s, e in doc.ignore] == ["January 12, 2007"]
    assert doc.scored is not None
    assert doc.text[doc.scored[-1][0] : doc.scored[-1][1]] == "It sued on Wednesday."


def test_read_esc_cat_xml_without_a_dct(tmp_path: Path) -> None:
    xml = """<?xml version='1.0' encoding='UTF-8'?><Document doc_name="3_1ecbplus.xml">
  <token t_id="1" sentence="1" number="0">Lohan</token>
  <token t_id="2" sentence="1" number="1">left</token>
  <token t_id="3" sentence="1" number="2">late</token>
  <token t_id="4" sentence="1" number="3">Thursday</token>
  <token t_id="5" sentence="2" number="4">for</token>
  <token t_id="6" sentence="2" number="5">90</token>
  <token t_id="7" sentence="2" number="6">-</token>
  <token t_id="8" sentence="2" number="7">day</token>
  <Markables>
    <TIME_OF_THE_DAY m_id="1" DCT="FALSE" value="PRES_REF"><token_anchor t_id="3"/>
    <token_anchor t_id="4"/></TIME_OF_THE_DAY>
    <TIME_DURATION m_id="2" value="P90D"><token_anchor t_id="6"/><token_anchor t_id="7"/>
    <token_anchor t_id="8"/></TIME_DURATION>
    <TIME_DATE m_id="3" TAG_DESCRIPTOR="t1_thursday" DCT="FALSE" value=""/>
  </Markables>
</Document>"""
    doc = st.read_esc(_write(tmp_path, "3_1ecbplus.xml.xml", xml))
    assert (doc.corpus, doc.name, doc.anchor) == ("esc-no-dct", "3_1ecbplus", None)
    assert doc.text == "Lohan left late Thursday\nfor 90-day"
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("late Thursday", "TIME", "PRESENT_REF"),
        ("90-day", "DURATION", "P90D"),
    ]


def test_main_without_development_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert st.main(["--dev", str(tmp_path / "absent")]) == 0
    assert "nothing to score" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "value", "local"),
    [
        ("1:32 PM", "2013-05-02T18:32Z", True),
        ("11:00 AM EDT", "2013-05-03T15:00Z", False),
        ("1023 GMT", "2005-11-27T10:23Z", False),
        ("1:32 PM", "2013-05-02T13:32", False),
        ("Monday", "2013-05-02", False),
    ],
)
def test_local_in_utc_is_a_utc_gold_time_whose_text_names_no_zone(
    text: str, value: str, local: bool
) -> None:
    assert st.local_in_utc(M(0, len(text), text, "TIME", value)) is local
