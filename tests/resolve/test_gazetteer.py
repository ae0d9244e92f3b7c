"""The actor gazetteer: package data, lookups and spaCy patterns."""

from __future__ import annotations

import csv
import re
from datetime import date
from importlib import resources

import pycountry
import pytest
import spacy

from conflictgraph.data import build_states
from conflictgraph.resolve.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer

QID = re.compile(r"^Q[1-9][0-9]*$")
OFFICE_KINDS = {"head", "minister", "diplomat", "military", "other"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp(gaz: Gazetteer) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(gaz.patterns())  # type: ignore[attr-defined]
    return nlp


def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("conflictgraph").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _ents(nlp: spacy.language.Language, text: str) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label_, e.ent_id_) for e in nlp(text).ents}


# --- the data -------------------------------------------------------------------------------


def test_every_sovereign_iso_state_is_present_with_name_and_demonym(gaz: Gazetteer) -> None:
    states = [e for e in gaz if e.kind == "state"]
    assert len(states) >= 195
    for country in pycountry.countries:
        if country.alpha_3 in build_states.SKIPPED:
            continue
        entry = gaz.state(country.alpha_3)
        assert entry is not None, country.alpha_3
        assert entry.label, entry
        assert "," not in entry.label, entry
        assert entry.demonyms, entry.key
    for iso3 in ("PSE", "TWN", "XKX", "VAT"):
        assert gaz.state(iso3) is not None


@pytest.mark.parametrize(
    ("iso3", "label"),
    [
        ("IRN", "Iran"),
        ("RUS", "Russia"),
        ("SYR", "Syria"),
        ("TUR", "Turkey"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("VEN", "Venezuela"),
        ("BOL", "Bolivia"),
        ("TZA", "Tanzania"),
        ("VNM", "Vietnam"),
        ("LAO", "Laos"),
        ("MDA", "Moldova"),
        ("CZE", "Czech Republic"),
        ("TWN", "Taiwan"),
        ("PSE", "Palestine"),
        ("XKX", "Kosovo"),
    ],
)
def test_states_carry_the_common_short_name(gaz: Gazetteer, iso3: str, label: str) -> None:
    entry = gaz.state(iso3)
    assert entry is not None
    assert entry.label == label


def test_states_csv_matches_its_build_script() -> None:
    """The hand-made columns of states.csv are those of build_states.TABLE (rerun the script)."""
    built = build_states.build_rows()
    table = build_states.parse_table(build_states.TABLE)
    rows = _csv("states.csv")
    assert [r["iso3"] for r in rows] == [row.iso3 for row in built]
    for row, want in zip(rows, built, strict=True):
        assert row["name"] == want.name
        assert row["demonyms"] == "|".join(want.demonyms)
        assert row["capitals"] == "|".join(want.capitals)
        assert row["wikidata"] == want.wikidata
        hand_aliases = {a.strip() for a in table[want.iso3][2].split("|") if a.strip()}
        assert hand_aliases <= set(row["aliases"].split("|")), want.iso3


def test_wikidata_ids_are_well_formed_and_distinct(gaz: Gazetteer) -> None:
    qids = [e.wikidata for e in gaz if e.wikidata]
    assert all(QID.match(q) for q in qids), [q for q in qids if not QID.match(q)]
    assert len(qids) == len(set(qids))
    # the ids the project relies on
    expected = {
        "IRN": "Q794",
        "RUS": "Q159",
        "TUR": "Q43",
        "SYR": "Q858",
        "KAZ": "Q232",
        "USA": "Q30",
        "GBR": "Q145",
        "UKR": "Q212",
        "ISR": "Q801",
        "CHN": "Q148",
        "FRA": "Q142",
        "DEU": "Q183",
        "igo:un": "Q1065",
        "igo:unsc": "Q37470",
        "igo:eu": "Q458",
        "igo:nato": "Q7184",
    }
    for key, qid in expected.items():
        entry = gaz.by_key(key)
        assert entry is not None
        assert entry.wikidata == qid, key


def test_references_between_files_resolve(gaz: Gazetteer) -> None:
    for entry in gaz:
        if entry.parent:
            assert gaz.by_key(entry.parent) is not None, entry.key
        if entry.kind in {"armed_group", "group"} and entry.iso3:
            assert gaz.state(entry.iso3) is not None, entry.key
        if entry.kind == "accord" and entry.adopted:
            date.fromisoformat(entry.adopted)
        if entry.kind != "state":
            assert not entry.demonyms
            assert not entry.capitals


def test_kinds_cover_every_file(gaz: Gazetteer) -> None:
    kinds = {e.kind for e in gaz}
    assert kinds == {"state", "igo", "armed_group", "group", "organisation", "accord"}
    groups = _csv("armed_groups.csv")
    assert {r["actor_type"] for r in groups} <= {"armed_group", "group"}


def test_offices_are_lower_case_with_known_kinds(gaz: Gazetteer) -> None:
    rows = _csv("offices.csv")
    assert rows
    for row in rows:
        assert row["title"] == row["title"].lower().strip()
        assert row["kind"] in OFFICE_KINDS
    assert gaz.office_kind("Foreign Minister") == "minister"
    assert gaz.office_kind("Lt. Gen.") == "military"
    assert gaz.office_kind("Special Envoy") == "diplomat"
    assert gaz.office_kind("Supreme Leader") == "head"
    assert gaz.office_kind("senator") == "other"
    assert gaz.office_kind("plumber") is None


# --- lookup ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "how"),
    [
        ("Iranian", "IRN", "demonym"),
        ("Iranians", "IRN", "demonym"),
        ("Moscow", "RUS", "capital"),
        ("the Kremlin", "RUS", "capital"),
        ("Tehran", "IRN", "capital"),
        ("U.S.", "USA", "alias"),
        ("US", "USA", "alias"),
        ("United States of America", "USA", "alias"),
        ("Islamic Republic of Iran", "IRN", "alias"),
        ("Türkiye", "TUR", "alias"),
        ("Turkiye", "TUR", "alias"),
        ("Kazakhstani", "KAZ", "demonym"),
        ("Kyiv", "UKR", "capital"),
        ("Kiev", "UKR", "capital"),
        ("Daesh", "group:isil", "alias"),
        ("ISIS", "group:isil", "alias"),
        ("Isis", "group:isil", "alias"),
        ("IS", "group:isil", "alias"),
        ("Nusra Front", "group:nusra", "alias"),
        ("Hayat Tahrir al-Sham", "group:hts", "name"),
        ("Hizbollah", "group:hezbollah", "alias"),
        ("Ansar Allah", "group:houthis", "alias"),
        ("UN Security Council", "igo:unsc", "name"),
        ("U.N. Security Council", "igo:unsc", "alias"),
        ("United Nations", "igo:un", "name"),
        ("UN", "igo:un", "alias"),
        ("U.N.", "igo:un", "alias"),
        ("Minsk II", "accord:minsk-ii", "name"),
        ("Package of Measures for the Implementation of the Minsk Agreements", "accord:minsk-ii",
         "alias"),
        ("Iran nuclear deal", "accord:jcpoa", "alias"),
    ],
)  # fmt: skip
def test_lookup(gaz: Gazetteer, text: str, key: str, how: str) -> None:
    found = gaz.lookup(text)
    assert found is not None, text
    entry, found_how = found
    assert (entry.key, found_how) == (key, how)


@pytest.mark.parametrize("text", ["us", "is", "un", "eu", "au", "let", "", "   ", "the", "Zarif"])
def test_lookup_rejects_lower_case_short_forms_and_unknowns(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Iran's",
        "Iran’s",
        "the Iran",
        "IRAN",
        "iran",
        "  Iran ",
    ],
)
def test_lookup_tolerates_case_articles_possessives_and_quotes(gaz: Gazetteer, text: str) -> None:
    found = gaz.lookup(text)
    assert found is not None
    assert found[0].key == "IRN"


def test_lookup_tolerates_curly_apostrophes_hyphens_and_compounds(gaz: Gazetteer) -> None:
    def key(text: str) -> str | None:
        found = gaz.lookup(text)
        return found[0].key if found else None

    assert key("Kurdistan Workers’ Party") == "group:pkk"
    assert key("Hay’at Tahrir al-Sham") == "group:hts"
    assert key("al Nusra") == "group:nusra"
    assert key("Hamas’") == "group:hamas"
    assert key("Côte d’Ivoire") == "CIV"
    assert key("Cote d'Ivoire") == "CIV"
    assert key("U.S.-led") == "USA"
    assert key("Iranian-backed") == "IRN"
    assert key("Minsk-2") == "accord:minsk-ii"


def test_unsc_belongs_to_the_un(gaz: Gazetteer) -> None:
    found = gaz.lookup("UN Security Council")
    assert found is not None
    unsc = found[0]
    assert unsc.parent == "igo:un"
    parent = gaz.by_key(unsc.parent)
    assert parent is not None
    assert parent.label == "United Nations"


def test_shared_forms_go_to_the_intended_entry(gaz: Gazetteer) -> None:
    def key(text: str) -> str | None:
        found = gaz.lookup(text)
        return found[0].key if found else None

    assert key("Dominican") == "DOM"
    assert key("Congolese") == "COD"
    assert key("Congo") == "COD"
    assert key("Republic of the Congo") == "COG"
    assert key("Islamic Jihad") == "group:pij"
    assert key("Kataib Hezbollah") == "group:kataib-hezbollah"


def test_entries_accessors(gaz: Gazetteer) -> None:
    iran = gaz.state("irn")
    assert iran is not None
    assert iran.key == "IRN"
    assert iran.iso3 == "IRN"
    assert "Tehran" in iran.capitals
    assert gaz.state("igo:un") is None
    assert gaz.by_key("group:isil") is not None
    assert gaz.by_key("nope") is None
    minsk = gaz.by_key("accord:minsk-ii")
    assert minsk is not None
    assert minsk.adopted == "2015-02-12"
    assert minsk.label == "Minsk II"
    isil = gaz.by_key("group:isil")
    assert isil is not None
    assert isil.label == "ISIL"
    assert isil.kind == "armed_group"


def test_load_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_gazetteer_from_entries_ranks_shared_forms() -> None:
    gaz = Gazetteer(
        [
            GazetteerEntry(key="AAA", label="Aland", kind="state", demonyms=("Alish",)),
            GazetteerEntry(key="group:x", label="Alish", kind="group"),
            GazetteerEntry(key="BBB", label="Bland", kind="state", demonyms=("Alish", "Blandian")),
            GazetteerEntry(key="CCC", label="Cland", kind="state", demonyms=("Clandish",)),
        ]
    )
    assert gaz.lookup("Alish") == (gaz.entries["group:x"], "name")
    assert gaz.lookup("Alishes") is None
    assert gaz.lookup("Blandians") == (gaz.entries["BBB"], "demonym")
    assert gaz.lookup("Clandishs") is None
    with pytest.raises(ValueError, match="duplicate"):
        Gazetteer([GazetteerEntry(key="A", label="A", kind="state")] * 2)
    with pytest.raises(ValueError, match="kind"):
        GazetteerEntry(key="A", label="A", kind="planet")


# --- patterns -------------------------------------------------------------------------------


def test_patterns_have_the_documented_shape(gaz: Gazetteer) -> None:
    patterns = gaz.patterns()
    labels = {p["label"] for p in patterns}
    assert labels == {"CG_STATE", "CG_DEMONYM", "CG_CAPITAL", "CG_IGO", "CG_GROUP", "CG_ACCORD"}
    for p in patterns:
        assert set(p) == {"label", "pattern", "id"}
        assert gaz.by_key(p["id"]) is not None
        assert isinstance(p["pattern"], list)
        assert p["pattern"]


def test_patterns_find_states_groups_and_abbreviations(nlp: spacy.language.Language) -> None:
    ents = _ents(
        nlp,
        "The Iranian foreign minister said Hayat Tahrir al-Sham fighters had attacked "
        "positions held by forces trained by the U.S.",
    )
    assert ents["Iranian"] == ("CG_DEMONYM", "IRN")
    assert ents["Hayat Tahrir al-Sham"] == ("CG_GROUP", "group:hts")
    assert ents["U.S."] == ("CG_STATE", "USA")


def test_patterns_follow_the_lookup_rules(nlp: spacy.language.Language, gaz: Gazetteer) -> None:
    text = (
        "Let us say it is Moscow’s view: the Kremlin, the UN Security Council and the EU "
        "discussed Minsk II, the Iran nuclear deal, People’s Protection Units, Kurdistan "
        "Workers’ Party, Islamic State West Africa Province, al Qaeda and a U.S.-led coalition "
        "in Côte d’Ivoire and Guinea Bissau; Turkish-backed fighters ate turkey."
    )
    doc = nlp(text)
    found = {e.text: e.ent_id_ for e in doc.ents}
    assert found == {
        "Moscow": "RUS",
        "Kremlin": "RUS",
        "UN Security Council": "igo:unsc",
        "EU": "igo:eu",
        "Minsk II": "accord:minsk-ii",
        "Iran nuclear deal": "accord:jcpoa",
        "People’s Protection Units": "group:ypg",
        "Kurdistan Workers’ Party": "group:pkk",
        "Islamic State West Africa Province": "group:iswap",
        "al Qaeda": "group:al-qaeda",
        "U.S.-led coalition": "group:global-coalition",
        "Côte d’Ivoire": "CIV",
        "Guinea Bissau": "GNB",
        "Turkish": "TUR",
    }
    for ent in doc.ents:
        looked_up = gaz.lookup(ent.text)
        assert looked_up is not None, ent.text
        assert looked_up[0].key == ent.ent_id_


def test_patterns_match_abbreviations_glued_to_a_compound(nlp: spacy.language.Language) -> None:
    ents = _ents(nlp, "U.S.-backed forces and the U.N.-brokered truce.")
    assert ents["U.S.-backed"] == ("CG_STATE", "USA")
    assert ents["U.N.-brokered"] == ("CG_IGO", "igo:un")


def test_patterns_work_in_a_span_ruler(gaz: Gazetteer) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": "cg",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
        },
    )
    ruler.add_patterns(gaz.patterns())  # type: ignore[attr-defined]
    doc = nlp("Syrian and Russian delegations met the OPCW in Damascus.")
    spans = {(s.text, s.label_, s.id_) for s in doc.spans["cg"]}
    assert spans == {
        ("Syrian", "CG_DEMONYM", "SYR"),
        ("Russian", "CG_DEMONYM", "RUS"),
        ("OPCW", "CG_IGO", "igo:opcw"),
        ("Damascus", "CG_CAPITAL", "SYR"),
    }
