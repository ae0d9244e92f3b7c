"""The PETRARCH scorer's matching and scoring, on hand-made records (no spaCy model needed)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from conflictgraph.model import Role

_PATH = Path(__file__).resolve().parents[2] / "bench" / "score_petrarch.py"
_spec = importlib.util.spec_from_file_location("score_petrarch", _PATH)
assert _spec is not None and _spec.loader is not None
sp = importlib.util.module_from_spec(_spec)
sys.modules["score_petrarch"] = sp
_spec.loader.exec_module(sp)

XML = """<Validation>
<Environment><Verbfile>x.txt</Verbfile></Environment>
<Sentences>
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<!-- a comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="345"></EventCoding>
<Text>
Arnor is about to restore
full ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950102" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="19950103" id="T-03" category="ERROR" sentence="true">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>Broken.</Text>
</Sentence>
<Sentence date="19950104" id="T-04" category="ACTOR" sentence="true">
<EventCoding sourcecode='"THE MINISTRY OF MAGIC"' targetcode="GON" eventcode="033"></EventCoding>
<Text>The Ministry of Magic hosted Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def words(text: str) -> list[str]:
    """Hand-made tokens: the text split on spaces."""
    return text.split()


TOKENS = words("Arnor is about to restore full ties with Gondor 's government .")


def ev(cameo: str, sources=(), targets=(), word: str = "w") -> sp.OurEvent:
    return sp.OurEvent(cameo, word, tuple(sources), tuple(targets))


# -- records ------------------------------------------------------------------------------------
def test_parse_records_reads_codings_text_date_and_errors() -> None:
    recs = sp.parse_records(XML)
    assert [r.id for r in recs] == ["T-01", "T-02", "T-03", "T-04"]
    first = recs[0]
    assert first.text == "Arnor is about to restore full ties with Gondor."
    assert first.published == date(1995, 1, 1)
    assert first.codings == (sp.Coding("ARN", "GON", "064"), sp.Coding("GON", "ARN", "345"))
    assert first.scored == (sp.Coding("ARN", "GON", "064"),)
    assert recs[1].codings == () and recs[1].error is None
    assert recs[2].error == "bad_input_parse"
    assert recs[3].codings[0].source == '"THE MINISTRY OF MAGIC"'


@pytest.mark.parametrize(
    ("code", "root"),
    [("064", "06"), ("1721", "17"), ("174K", "17"), ("200", "20"), ("345", None), ("901", None)],
)
def test_cameo_root(code: str, root: str | None) -> None:
    assert sp.cameo_root(code) == root


# -- actor codes to spans -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "parts"),
    [
        ("ARN", ("ARN", (), None)),
        ("ARNGOVFRM", ("ARN", ("GOV", "FRM"), None)),
        ("---GOV", (None, ("GOV",), None)),
        ("---", (None, (), None)),
        ("NGOARN", ("ARN", (), None)),
        ("IGOEEU", ("EEU", (), None)),
        ('"THE MINISTRY OF MAGIC"', (None, (), "THE MINISTRY OF MAGIC")),
    ],
)
def test_split_code(code: str, parts: tuple) -> None:
    assert sp.split_code(code) == parts


@pytest.mark.parametrize(
    ("token", "letters", "ok"),
    [
        ("Arnor", "ARN", True),
        ("Eriadori", "ERI", True),
        ("Libya", "LBY", True),
        ("Philippines", "PHL", True),
        ("arnor", "ARN", False),  # not capitalised
        ("Gondor", "ARN", False),
        ("Bree", "BRE", True),
        ("Br", "BRE", False),
    ],
)
def test_letter_match(token: str, letters: str, ok: bool) -> None:
    assert sp.letter_match(token, letters) is ok


def test_find_phrase_skips_possessive_and_ignores_case() -> None:
    toks = words("Gryffindor 's head Minerva McGonagall left")
    assert sp.find_phrase(toks, "GRYFFINDOR HEAD MINERVA MCGONAGALL") == [(0, 5)]
    assert sp.find_phrase(toks, "head") == [(2, 3)]
    assert sp.find_phrase(toks, "Minerva Dumbledore") == []
    assert sp.find_phrase(toks, "") == []


def test_name_spans_prefers_aliases_over_letters() -> None:
    toks = words("The envoy left for Minas Tirith and Gondor .")
    assert sp.name_spans(toks, "GON") == [(4, 6), (7, 8)]
    assert sp.name_spans(words("Arnor and Arnorian troops"), "ARN") == [(0, 1), (2, 3)]
    # real-state alias: both Koreas contain the letters, the alias picks the right one
    toks = words("North Korea fired at South Korea")
    assert sp.name_spans(toks, "KOR") == [(4, 6)]
    assert sp.name_spans(toks, "PRK") == [(0, 2)]


def test_actor_spans_adds_nearby_agent_words() -> None:
    toks = words("Soldiers from Gondor entered Mordor on Monday , officials said .")
    assert sp.actor_spans(toks, "GONMIL") == [(0, 1), (2, 3)]
    # agent words far from the country name are not the country's agents
    assert sp.actor_spans(toks, "MORGOV") == [(4, 5)]
    assert sp.actor_spans(toks, "---GOV") == [(8, 9)]


def test_actor_spans_none_for_no_actor_and_empty_when_not_located() -> None:
    assert sp.actor_spans(TOKENS, "---") is None
    assert sp.actor_spans(TOKENS, "ROH") == []
    assert sp.actor_spans(TOKENS, "###") == []
    assert sp.actor_spans(TOKENS, '"GONDOR GOVERNMENT"') == [(8, 11)]


def test_actor_spans_with_own_aliases() -> None:
    toks = words("Japan restored ties .")
    assert sp.actor_spans(toks, "ARN") == []
    assert sp.actor_spans(toks, "ARN", {"ARN": ("Japan",)}) == [(0, 1)]


# -- our events ---------------------------------------------------------------------------------
def test_sides_directed_and_undirected() -> None:
    directed = [(Role.SOURCE, (0, 1)), (Role.TARGET, (8, 9)), (Role.OBSERVER, (3, 4))]
    assert sp.sides(directed) == (((0, 1),), ((8, 9),))
    undirected = [(Role.PARTICIPANT, (0, 1)), (Role.PARTICIPANT, (8, 9))]
    assert sp.sides(undirected) == (((0, 1), (8, 9)), ((0, 1), (8, 9)))
    speaker = [(Role.SPEAKER, (0, 2))]
    assert sp.sides(speaker) == (((0, 2),), ())
    # a source but no target: the participants are not taken as targets of a directed event
    assert sp.sides([(Role.SOURCE, (0, 1))]) == (((0, 1),), ())


def test_covers() -> None:
    assert sp.covers((0, 3), (1, 2))
    assert sp.covers((1, 2), (1, 2))
    assert not sp.covers((1, 2), (0, 3))
    assert not sp.covers((0, 2), (1, 3))


# -- scoring ------------------------------------------------------------------------------------
ARN, GON = [(0, 1)], [(8, 9)]


@pytest.mark.parametrize(
    ("sources", "targets", "kind"),
    [
        ([(0, 1)], [(8, 11)], sp.OK),  # "Gondor 's government" covers "Gondor"
        ([(8, 9)], [(0, 1)], sp.REVERSED),
        ([(0, 1)], [], sp.NO_TARGET),
        ([], [(8, 9)], sp.NO_SOURCE),
        ([(4, 5)], [], sp.NO_BOTH),
    ],
)
def test_dyad(sources, targets, kind) -> None:
    assert sp.dyad(ev("064", sources, targets), ARN, GON) == kind


def test_dyad_without_expected_target_and_unlocated() -> None:
    assert sp.dyad(ev("010", [(0, 1)]), ARN, None) == sp.OK
    assert sp.dyad(ev("010", [(0, 1)]), ARN, []) == sp.UNLOCATED


def test_score_coding_prefers_full_code_then_better_dyad() -> None:
    coding = sp.Coding("ARN", "GON", "064")
    ours = [ev("061", [(8, 9)], [(0, 1)]), ev("064", [(0, 1)], [])]
    res = sp.score_coding(coding, TOKENS, ours)
    assert res.root_hit and res.code_hit
    assert res.dyad == sp.NO_TARGET  # the full-code event wins over the reversed 061
    assert not res.any_dyad
    ours.append(ev("190", [(0, 1)], [(8, 9)]))
    assert sp.score_coding(coding, TOKENS, ours).any_dyad


def test_score_coding_no_event_and_unlocated() -> None:
    res = sp.score_coding(sp.Coding("ARN", "GON", "064"), TOKENS, [ev("190", ARN, GON)])
    assert (res.root_hit, res.code_hit, res.dyad) == (False, False, sp.NO_EVENT)
    res = sp.score_coding(sp.Coding("ROH", "GON", "064"), TOKENS, [ev("064", ARN, GON)])
    assert res.root_hit and res.dyad == sp.UNLOCATED


def test_score_record_counts_hits_and_actors() -> None:
    rec = sp.Record(
        "X",
        " ".join(TOKENS),
        None,
        (sp.Coding("ARN", "GON", "064"), sp.Coding("ARN", "GON", "057"), sp.Coding("A", "B", "9")),
    )
    rr = sp.score_record(rec, TOKENS, [ev("061", ARN, GON)], mentions=[(0, 1)])
    assert len(rr.results) == 2  # the non-CAMEO coding is not scored
    assert rr.root == "06"
    assert rr.root_hit and not rr.code_hit and rr.dyad_hit and rr.located
    assert (rr.actors_expected, rr.actors_found) == (2, 1)


def test_confusion_pairs_missed_roots_with_ours() -> None:
    def rr(rid: str, codes: list[str], ours: list[str]) -> sp.RecordResult:
        rec = sp.Record(rid, "t", None, tuple(sp.Coding("ARN", "GON", c) for c in codes))
        return sp.score_record(rec, TOKENS, [ev(c) for c in ours])

    results = [
        rr("a", ["064"], []),
        rr("b", ["064"], []),
        rr("c", ["122"], ["111", "190"]),
        rr("d", ["041"], ["041"]),  # a hit: no error
    ]
    assert sp.confusion(results) == [
        ("06", "none", 2, "a"),
        ("12", "11", 1, "c"),
        ("12", "19", 1, "c"),
    ]
    assert sp.confusion(results, n=1) == [("06", "none", 2, "a")]


def test_summary_rows_and_pct() -> None:
    assert sp.pct(1, 4) == "1/4 (25.0%)"
    assert sp.pct(0, 0) == "-"
    rec = sp.Record("X", "t", None, (sp.Coding("ARN", "GON", "064"),))
    rows = dict(sp.summary_rows([sp.score_record(rec, TOKENS, [ev("064", ARN, GON)])]))
    assert rows["records"] == "1"
    assert rows["root hit"] == "1/1 (100.0%)"
    assert rows["src+tgt spans (located records)"] == "1/1 (100.0%)"


# -- diagnostics --------------------------------------------------------------------------------
def test_swap_names_replaces_unrecognised_country_names() -> None:
    toks = ["Arnor", "urged", "Gondor", "and", "Libya", "."]
    spaces = [" ", " ", " ", " ", "", ""]
    codings = [sp.Coding("ARNGOV", "GON", "102"), sp.Coding("ARN", "LBY", "102")]
    text, aliases = sp.swap_names(toks, spaces, codings, keep=[(4, 5)])
    assert text == "Germany urged Japan and Libya."
    assert aliases == {"ARN": ("Germany",), "GON": ("Japan",)}
    # the replaced sentence locates the actors through the returned aliases
    new = text.replace(".", " .").split()
    assert sp.actor_spans(new, "GON", {**sp.ALIASES, **aliases}) == [(2, 3)]


def test_swap_names_multiword_and_states_in_text() -> None:
    toks = ["Japan", "met", "Minas", "Tirith", "."]
    spaces = [" ", " ", " ", "", ""]
    text, aliases = sp.swap_names(toks, spaces, [sp.Coding("---GOV", "GON", "040")])
    assert text == "Japan met Germany."  # Japan is in the sentence already: not used
    assert aliases == {"GON": ("Germany",)}
    # a real state we already recognise (kept) stays as it is
    text, aliases = sp.swap_names(toks, spaces, [sp.Coding("JPN", "GON", "040")], keep=[(0, 1)])
    assert text == "Japan met Germany."


CAMEO_TXT = """# header
####### SYNONYM SETS #######
&CURRENCY
+DOLLAR
####### VERB PATTERNS #######
---  RE_ESTABLISH   [---]  ---
REESTABLISH  # comment
RESTORE {RESTORES RESTORED}
- * {DIPLOMATIC TIES}                                 [050]         # RESTORE
- * &TREATY                                           [030:031]     # REESTABLISH

---  DEPLORE   [111]  ---
DEPLORE
CONDEMN [112]
BREAK_OFF
######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""


def test_parse_verb_dictionary_and_dictionary_roots() -> None:
    blocks = sp.parse_verb_dictionary(CAMEO_TXT)
    assert len(blocks) == 2
    assert set(blocks[0].verbs) == {
        frozenset({w}) for w in ("reestablish", "restore", "restores", "restored")
    }
    assert frozenset({"break", "off"}) in blocks[1].verbs
    assert blocks[1].codes == ((frozenset(), "111"), (frozenset({"condemn"}), "112"))
    roots = sp.dictionary_roots
    assert roots(blocks, words("arnor restored full diplomatic ties")) == {"05", "03"}
    assert roots(blocks, words("arnor restored full relations")) == {"03"}  # &TREATY: any
    assert roots(blocks, words("they condemn it")) == {"11"}
    assert roots(blocks, words("they break it")) == set()  # BREAK_OFF needs "off"
    assert roots(blocks, words("they broke it off")) == set()  # only listed forms count
    assert roots(blocks, words("they break it off")) == {"11"}
    assert roots(blocks, words("nothing here")) == set()


def test_main_without_records_says_so_and_exits_0(tmp_path: Path, capsys) -> None:
    assert sp.main(["--records", str(tmp_path / "absent.xml")]) == 0
    assert "nothing to score" in capsys.readouterr().out
