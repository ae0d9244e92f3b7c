"""Events as wire copy reports them, on sentences we wrote: speech verbs that carry a clause,
announcements of a deal made by others, 'the parties', given names used alone, and the nouns
and verbs that are events only in the right company ('a press release' is not a release)."""

from __future__ import annotations

from datetime import date

import pytest

from conflictgraph.model import Article
from conflictgraph.nlp.pipeline import annotate

pytestmark = pytest.mark.model

PUB = date(2022, 11, 3)  # a Thursday


def events_of(nlp, text: str, published: date = PUB) -> list[dict]:  # type: ignore[no-untyped-def]
    """(cameo, trigger text, status, {actor key: role}, start date) of each event."""
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=published)]))
    out = []
    for ev in doc._.cg_events:
        out.append(
            {
                "cameo": ev.cameo,
                "word": doc[ev.trigger].text,
                "status": ev.status.value,
                "roles": {p.actor.key: p.role.value for p in ev.participants},
                "start": ev.time.start if ev.time else None,
            }
        )
    return out


def one(evs: list[dict], word: str) -> dict:
    found = [e for e in evs if e["word"] == word]
    assert len(found) == 1, evs
    return found[0]


def test_given_name_alone_is_the_person_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Eritrean President Isaias Afwerki met envoys in Asmara on Monday. "
        "Isaias on Wednesday praised the agreement.",
    )
    praise = one(evs, "praised")
    assert praise["cameo"] == "051"
    assert praise["roles"] == {"person:isaias-afwerki": "source"}
    assert praise["start"] == date(2022, 11, 2)


def test_speech_verbs_count_only_with_what_was_said(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Armenian Prime Minister Nikol Pashinyan wrote on Tuesday that the decision was painful. "
        "Pashinyan wrote a book about the war in 2015.",
    )
    wrote = [e for e in evs if e["word"] == "wrote"]
    assert len(wrote) == 1
    assert wrote[0]["cameo"] == "010"
    assert wrote[0]["roles"] == {"person:nikol-pashinyan": "speaker"}
    assert wrote[0]["start"] == date(2022, 11, 1)


def test_announcing_a_known_deal_is_a_statement_not_a_part_in_it(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Sudan's army and the Rapid Support Forces signed a truce in Jeddah on Wednesday. "
        "UN Secretary-General Antonio Guterres announced the deal in New York.",
    )
    truce = one(evs, "truce")
    assert "person:antonio-guterres" not in truce["roles"]
    announced = one(evs, "announced")
    assert announced["cameo"] == "010"
    assert announced["roles"] == {"person:antonio-guterres": "speaker"}


def test_an_actor_announcing_a_new_truce_declares_it(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Russia announced a ceasefire on Thursday.")
    truce = one(evs, "ceasefire")
    assert truce["cameo"] == "0871"
    assert "state:RUS" in truce["roles"]


def test_news_conference_speakers(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Turkish Foreign Minister Mevlut Cavusoglu and his Russian counterpart Sergei Lavrov "
        "presented the agreement at a joint news conference in Antalya on Thursday.",
    )
    conf = one(evs, "conference")
    assert conf["cameo"] == "010"
    assert conf["roles"] == {
        "person:mevlut-cavusoglu": "speaker",
        "person:sergei-lavrov": "speaker",
    }
    assert all(e["cameo"] != "040" for e in evs)  # a news conference is not a meeting
    evs = events_of(nlp, "Cavusoglu presented a peace plan at a news conference on Friday.")
    assert one(evs, "conference")["cameo"] == "030"  # presenting a plan is a proposal


def test_the_parties_are_those_of_the_last_deal(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Ethiopia and the Tigray People's Liberation Front signed a truce in Pretoria on "
        "Wednesday. AU envoy Olusegun Obasanjo said the parties would meet again in Nairobi "
        "next week.",
    )
    meet = one(evs, "meet")
    assert meet["status"] == "planned"
    assert len(meet["roles"]) == 2
    assert "state:ETH" in meet["roles"]
    assert meet["start"] > PUB
    said = one(evs, "said")  # the story's day (of the signing), not the meeting it announces
    assert said["start"] == date(2022, 11, 2)


def test_asking_forgiveness_is_an_apology(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "In a speech on Monday, rebel commander Rodrigo Londono asked the victims for pardon."
    )
    assert one(evs, "asked")["cameo"] == "055"


def test_hosting_a_visitor_and_halting_an_offensive(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russian President Vladimir Putin hosted Turkish President Recep Tayyip Erdogan in "
        "Sochi on Tuesday. Turkey halted its offensive in northern Syria on Wednesday.",
    )
    hosted = one(evs, "hosted")
    assert hosted["cameo"] == "043"
    assert hosted["roles"].get("person:recep-tayyip-erdogan") == "target"
    halted = one(evs, "halted")
    assert halted["cameo"] == "087"
    assert "state:TUR" in halted["roles"]


def test_releases_of_people_not_press_releases(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russia and Ukraine completed a prisoner swap on Monday. The ministry issued a press "
        "release on Tuesday.",
    )
    assert one(evs, "swap")["cameo"] == "0841"
    assert all(e["word"] != "release" for e in evs)


def test_standing_support_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "The government is backed by Iran. Iran-backed militias attacked the base on Sunday. "
        "Qatar backed the ceasefire proposal on Monday.",
    )
    words = [e["word"] for e in evs]
    assert "backed" in words  # Qatar's endorsement on Monday
    backed = [e for e in evs if e["word"] == "backed"]
    assert len(backed) == 1
    assert backed[0]["roles"].get("state:QAT") == "source"


def test_a_dateline_after_the_headline_places_the_lead(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Leaders sign accord\n\n"
        "BOGOTA, Colombia - Colombian President Ivan Duque and the leader of the ELN guerrillas, "
        "Antonio Garcia, signed a ceasefire agreement on Wednesday.\n\n"
        "Talks in Havana had lasted months."
    )
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    places = {p.surface: p.key for p in doc._.cg_mentions.places}
    assert places.get("BOGOTA") == "loc:COL:bogota"
    lead = [e for e in doc._.cg_events if e.sentence == doc._.cg_events[0].sentence]
    assert lead[0].place is not None and lead[0].place.key == "loc:COL:bogota"
    keys = {p.actor.key for p in lead[0].participants}
    assert {"person:ivan-duque", "person:antonio-garcia"} <= keys


def test_signatories_bring_the_party_they_sign_for(nlp) -> None:  # type: ignore[no-untyped-def]
    from conflictgraph.nlp.extract import extract

    art = Article(
        id="t",
        published=PUB,
        text="Ethiopian Prime Minister Abiy Ahmed and Eritrean President Isaias Afwerki signed "
        "a peace declaration in Asmara on Monday.",
    )
    ((_, doc),) = list(annotate(nlp, [art]))
    ext = extract(art, doc)
    (ev,) = [e for e in ext.events if e.event_type == "057"]
    parts = {
        e.source: (e.role.value, e.provenance[0].evidence)
        for e in ext.edges
        if e.target == ev.id and e.relation.value == "participant"
    }
    assert parts["person:abiy-ahmed"][0] == "participant"
    assert parts["state:ETH"] == ("participant", "role:affiliation")
    assert parts["state:ERI"] == ("participant", "role:affiliation")


def test_attack_report_with_an_envoys_appeal(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Yemen's Houthi rebels launched a barrage of missiles at Saudi airports on Thursday. "
        "A Houthi spokesman told the group's Al Masirah television that more would follow. "
        "UN special envoy for Yemen Hans Grundberg called on all sides to stop the escalation. "
        "He will brief the Security Council on Monday. Saudi Arabia backs President "
        "Abd-Rabbu Mansour Hadi's government."
    )
    evs = events_of(nlp, text)
    attack = one(evs, "launched")
    assert attack["cameo"][:2] == "19"
    assert attack["roles"] == {"group:houthis": "source", "state:SAU": "target"}
    appeal = one(evs, "called")
    assert appeal["roles"] == {"person:hans-grundberg": "source"}
    brief = one(evs, "brief")
    assert brief["status"] == "planned"
    assert brief["roles"].get("person:hans-grundberg") == "speaker"
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    people = {a.key for a in doc._.cg_mentions.actors if a.actor_type.value == "person"}
    hadi = [k for k in people if k.endswith("hadi")]  # one name, though NER cut it in two
    assert len(hadi) == 1
    assert "mansour" in hadi[0] or "mansur" in hadi[0]
    assert not any("masirah" in k for k in people)  # a television channel


def test_a_deadline_does_not_date_what_happened(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russian President Vladimir Putin told reporters after the talks on Monday that the "
        "buffer zone would be set up by December 15.",
    )
    told = one(evs, "told")
    assert told["start"] == date(2022, 10, 31)  # the Monday of the talks, not the deadline


def test_officeholders_fill_what_the_text_leaves_out(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister Abiy Ahmed welcomed the accord on Wednesday. Lavrov told reporters in "
        "Moscow that the talks had gone well."
    )
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    people = {a.key: a for a in doc._.cg_mentions.actors if a.actor_type.value == "person"}
    assert people["person:abiy-ahmed"].affiliation == "state:ETH"
    lavrov = people["person:sergei-lavrov"]  # a surname alone: the one Lavrov in office
    assert (lavrov.affiliation, lavrov.title) == ("state:RUS", "Foreign Minister")
    ((_, old),) = list(
        annotate(nlp, [Article(id="t2", text="Lavrov spoke.", published=date(1990, 1, 1))])
    )
    assert not any(a.key == "person:sergei-lavrov" for a in old._.cg_mentions.actors)


def test_named_accords_the_gazetteer_does_not_know(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Leaders Sign Peace Accord in Juba\n\n"
        "JUBA - Sudan's government and rebel groups signed the Juba Peace Agreement on Saturday. "
        "It follows the Comprehensive Agreement on the Bangsamoro. The Peace Agreement was "
        "praised by the Government of National Accord."
    )
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    codes = {r.code for r in doc._.cg_mentions.resolutions}
    assert codes == {"Juba Peace Agreement", "Comprehensive Agreement on the Bangsamoro"}


def test_small_towns_where_the_text_says_they_are_places(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Government aircraft struck Khan Sheikhoun on Tuesday. An OSCE patrol vehicle hit a mine "
        "near Pryshyb on Sunday."
    )
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    places = {p.surface: p.iso3 for p in doc._.cg_mentions.places}
    assert places.get("Khan Sheikhoun") == "SYR"  # a spelling from GeoNames' other names
    assert "Pryshyb" in places  # a village, named a place by the parse
    people = [a for a in doc._.cg_mentions.actors if a.actor_type.value == "person"]
    assert people == []


def test_role_nouns_give_mediators_and_guarantors(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Egyptian and Qatari mediators were trying on Monday to rescue talks on a truce in "
        "Gaza. Hamas accepted the ceasefire proposal on Monday night.",
    )
    talks = one(evs, "talks")
    assert talks["roles"] == {"state:EGY": "mediator", "state:QAT": "mediator"}
    accepted = one(evs, "accepted")
    assert accepted["cameo"] == "030"
    assert accepted["roles"] == {"group:hamas": "source"}
    evs = events_of(
        nlp,
        "The accord ends negotiations in Havana that began in 2012, with Cuba and Norway "
        "acting as guarantors.",
    )
    (talks,) = [e for e in evs if e["cameo"].startswith("04")]
    assert talks["roles"] == {"state:CUB": "guarantor", "state:NOR": "guarantor"}


def test_an_article_over_the_pipeline_limit_is_a_clear_error(nlp) -> None:  # type: ignore[no-untyped-def]
    from conflictgraph.errors import InputError

    long = Article(id="huge", text="Officials met. " * (nlp.max_length // 15 + 1))
    with pytest.raises(InputError, match=r"CG110.*huge.*limit"):
        list(annotate(nlp, [long]))


def test_a_news_url_dates_an_undated_article(nlp) -> None:  # type: ignore[no-untyped-def]
    art = Article(
        id="u",
        url="https://news.example.org/2019/04/06/tripoli-offensive/",
        text="Forces loyal to Khalifa Haftar attacked the airport on Friday.",
    )
    ((_, doc),) = list(annotate(nlp, [art]))
    (ev,) = doc._.cg_events
    assert ev.time is not None and ev.time.start == date(2019, 4, 5)
    # a leader's forces act for the group he commands (from the officeholder table)
    assert [p.actor.key for p in ev.participants] == ["group:lna"]


def test_diplomatic_moves_told_the_usual_way(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russian Foreign Minister Sergei Lavrov spoke. Britain expelled 23 Russian diplomats "
        "on Wednesday. Putin called the expulsions a provocation. Saudi Arabia and Iran agreed "
        "to restore ties. Iraq and Oman hosted several rounds of talks between the two rivals.",
    )
    expelled = one(evs, "expelled")
    assert expelled["cameo"] == "166"  # expel diplomats (not individuals)
    assert expelled["roles"] == {"state:GBR": "source", "state:RUS": "target"}  # not Lavrov
    called = one(evs, "called")
    assert (called["cameo"], called["roles"]) == ("010", {"person:vladimir-putin": "speaker"})
    talks = one(evs, "talks")
    assert talks["roles"] == {
        "state:SAU": "participant",
        "state:IRN": "participant",
        "state:IRQ": "host",
        "state:OMN": "host",
    }


def test_towns_changing_hands_and_live_blog_times(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "07:05 - Jalalabad fell to the Taliban overnight. Russian forces captured Debaltseve. "
        "11:30 - Secretary of State Antony Blinken says the embassy is safe.",
        published=date(2021, 8, 15),
    )
    fell = one(evs, "fell")
    assert fell["cameo"] == "192"
    assert fell["roles"] == {"group:taliban": "source", "state:AFG": "target"}
    assert one(evs, "captured")["roles"] == {"state:RUS": "source", "state:UKR": "target"}
    says = one(evs, "says")  # a live blog's clock time dates it by the blog's day
    assert says["start"] == date(2021, 8, 15)


def test_statements_by_different_speakers_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    from conflictgraph.nlp.extract import extract

    art = Article(
        id="t",
        published=PUB,
        text="Russia's ambassador, Vasily Nebenzia, defended what the Kremlin calls a special "
        "military operation. UN Secretary-General Antonio Guterres said peace must prevail. "
        "US Ambassador Linda Thomas-Greenfield said Russia stood alone.",
    )
    ((_, doc),) = list(annotate(nlp, [art]))
    ext = extract(art, doc)
    statements = [e for e in ext.events if e.event_type == "010"]
    assert len({e.id for e in statements}) == len(statements) == 2  # not 'what X calls'


def test_a_day_after_report_dates_its_undated_statements_by_the_story_day(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "WASHINGTON - Israel signed an agreement with Bahrain at the White House on Tuesday. "
        "President Donald Trump said it marked a new era.",
        published=date(2020, 9, 16),  # a Wednesday
    )
    assert one(evs, "said")["start"] == date(2020, 9, 15)


def test_weapons_that_hit_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russian missiles slammed into central Kyiv on Monday. Israeli strikes hit Rafah on "
        "Tuesday. The senator slammed the decision.",
    )
    slammed = [e for e in evs if e["word"] == "slammed"]
    assert [e["cameo"] for e in slammed] == ["195"]  # not the senator's criticism
    assert slammed[0]["roles"] == {"state:RUS": "source", "state:UKR": "target"}
    strikes = one(evs, "strikes")
    assert strikes["roles"].get("state:ISR") == "source"


def test_a_year_in_another_things_name_does_not_date_the_event(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Foreign ministers in Vienna agreed on a nationwide ceasefire in line with the 2012 "
        "Geneva Communique on Saturday.",
        published=date(2015, 11, 15),
    )
    truce = one(evs, "ceasefire")
    assert truce["start"] == date(2015, 11, 14)  # not 2012


def test_opening_an_investigation_is_the_opener_s_act(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "The Pentagon opened a full investigation into the strike on Sunday.")
    probe = one(evs, "investigation")
    assert probe["cameo"] == "090"
    assert probe["roles"] == {"org:USA:defense-department": "source"}  # not a 'host'


def test_a_noun_pointing_back_at_acts_is_no_new_event(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russian missiles struck Kyiv on Monday. UN Secretary-General Antonio Guterres was "
        "deeply shocked by the attacks. He warned that such attacks must stop.",
    )
    attacks = [e for e in evs if e["cameo"].startswith("19")]
    assert len(attacks) == 1  # 'the attacks', 'such attacks' are the strike told first
    assert attacks[0]["roles"].get("state:RUS") == "source"


def test_a_landmark_places_the_event_in_its_city(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Israel signed an agreement with Bahrain at the White House on Tuesday."
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    (ev,) = doc._.cg_events
    assert ev.place is not None and ev.place.key == "loc:USA:washington"


def test_meeting_resistance_or_a_deadline_is_no_meeting(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Turkish troops entered Afrin on Sunday, meeting little resistance. "
        "Iran met the deadline set by the IAEA. "
        "Erdogan met Putin in Sochi on Tuesday.",
    )
    meets = [e for e in evs if e["word"].startswith("meet") or e["word"] == "met"]
    assert [e["roles"] for e in meets] == [
        {"person:recep-tayyip-erdogan": "participant", "person:vladimir-putin": "participant"}
    ], evs


def test_a_subject_hung_on_a_participle_clause_still_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Foreign ministers of the Group of Seven, gathered in Dinard in France, urged both "
        "sides to stop the fighting at once.",
    )
    urged = one(evs, "urged")
    assert urged["roles"] == {"igo:g7": "source"}


def test_the_one_who_asks_does_not_do_what_is_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "The European Union urged all sides to halt the fighting on Monday.")
    assert one(evs, "urged")["roles"] == {"igo:eu": "source"}
    assert all("igo:eu" not in e["roles"] for e in evs if e["word"] == "halt"), evs
    evs = events_of(nlp, "Russia called on Turkey to halt the offensive.")
    assert one(evs, "halt")["roles"] == {"state:TUR": "participant"}


def test_a_common_noun_opening_a_sentence_is_no_person(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russian drones hit Odesa overnight.\n\n"
        "Drones struck a grain terminal in the port, the governor said.",
        published=date(2022, 10, 10),
    )
    assert all(not k.startswith("person:") for e in evs for k in e["roles"]), evs
    # ... while a surname that is also a word stays a person when its owner is in office
    evs = events_of(
        nlp,
        "Aid convoys carried rice and flour to the town. Rice said on Tuesday that "
        "Washington would send more aid.",
        published=date(2006, 8, 2),
    )
    assert any("person:condoleezza-rice" in e["roles"] for e in evs), evs


def test_a_hyphened_modifier_names_the_event_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kuleba said on Thursday that Russia had launched a full-scale invasion."
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    phrases = [ev.phrase for ev in doc._.cg_events if doc[ev.trigger].lower_ == "invasion"]
    assert phrases == ["full-scale invasion"]


def test_he_and_him_point_at_people_it_at_what_is_not_one(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "On Monday Syrian President Bashar al-Assad made a surprise visit to Sochi, where he met "
        "Putin. The Kremlin said Putin told him the operation in Syria was nearing its end.",
    )
    for e in evs:
        doers = {k for k, r in e["roles"].items() if r in {"source", "speaker"}}
        targets = {k for k, r in e["roles"].items() if r == "target"}
        assert not doers & targets, e
        assert "state:RUS" not in targets or "person:vladimir-putin" not in doers, e
    evs = events_of(nlp, "Turkey said on Monday that it would open the border crossing.")
    assert all("person:" not in k for e in evs for k in e["roles"]), evs


def test_negotiators_of_a_group_and_a_state_bring_both(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "The Taliban and US negotiators resumed peace talks in Doha on Saturday.")
    assert one(evs, "talks")["roles"] == {
        "group:taliban": "participant",
        "state:USA": "participant",
    }


def test_extending_sanctions_is_the_extender_s_sanction(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "The European Union extended economic sanctions against Russia on Monday.")
    assert one(evs, "sanctions")["roles"] == {"igo:eu": "source", "state:RUS": "target"}


def test_an_attack_on_a_site_hits_the_state_it_is_in(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Houthi rebels fired a ballistic missile at Abha airport in southern Saudi Arabia on "
        "Wednesday, wounding 26 people.",
    )
    assert one(evs, "fired")["roles"] == {"group:houthis": "source", "state:SAU": "target"}


def test_exchanging_fire_is_fighting_between_both(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Armenia and Azerbaijan exchanged fire along their border on Tuesday.")
    fire = one(evs, "exchanged")
    assert fire["cameo"] == "190"
    assert fire["roles"] == {"state:ARM": "participant", "state:AZE": "participant"}


def test_suspending_talks_halts_negotiations(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "Colombia's government suspended peace talks with the ELN on Friday after a bombing."
    )
    halt = one(evs, "suspended")
    assert halt["cameo"] == "164"
    assert halt["roles"] == {"state:COL": "source", "group:eln": "target"}
    assert not [e for e in evs if e["word"] == "talks"], evs


def test_protests_from_a_state_are_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "India revoked the special status of Kashmir on Monday, prompting protests from Pakistan.",
    )
    assert one(evs, "protests")["roles"] == {"state:PAK": "source", "state:IND": "target"}


def test_a_counted_act_since_a_year_is_not_dated_by_it(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Russia vetoed the resolution on Tuesday, the twelfth Russian veto on Syria since 2011.",
    )
    assert all(e["start"] != date(2011, 1, 1) for e in evs), evs


def test_a_ministry_s_forces_are_its_state_s(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "The Turkish Defence Ministry said its forces had captured the town of Manbij."
    )
    assert one(evs, "captured")["roles"] == {"state:TUR": "source", "state:SYR": "target"}


def test_ordering_diplomats_out_expels_them(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Mali's junta ordered the French ambassador to leave within 72 hours.")
    assert one(evs, "ordered")["roles"] == {"state:MLI": "source", "state:FRA": "target"}
    evs = events_of(
        nlp,
        "Britain expelled 23 Russian diplomats on Wednesday, and Moscow answered on Saturday by "
        "ordering out 23 British diplomats.",
    )
    assert one(evs, "ordering")["roles"] == {"state:RUS": "source", "state:GBR": "target"}


def test_freezing_the_assets_of_people_sanctions_them(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "EU member states froze the assets of President Vladimir Putin and Foreign Minister "
        "Sergei Lavrov on Friday.",
        published=date(2022, 2, 26),
    )
    froze = one(evs, "froze")
    assert froze["cameo"] == "163"
    assert froze["roles"] == {
        "igo:eu": "source",
        "person:vladimir-putin": "target",
        "person:sergei-lavrov": "target",
    }


def test_agreeing_that_something_is_so_is_a_joint_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "EU leaders agreed on Thursday that Russia was likely to be responsible.")
    assert one(evs, "agreed")["cameo"] == "010"
    evs = events_of(nlp, "Iran and Saudi Arabia agreed on Friday to restore diplomatic relations.")
    assert one(evs, "agreed")["cameo"] == "030"


def test_an_embassy_belongs_to_its_owner_not_the_host_city(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "Riyadh cut ties in January 2016 after protesters stormed its embassy in Tehran."
    )
    assert all("state:IRN" not in e["roles"] for e in evs), evs


def test_a_parliament_acts_for_its_state(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "Ukraine's parliament ratified the association agreement with the European Union."
    )
    assert one(evs, "agreement")["roles"] == {"state:UKR": "participant", "igo:eu": "participant"}


def test_launching_a_military_operation_is_an_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Azerbaijan launched a military operation in Karabakh on Tuesday.")
    assert one(evs, "launched")["cameo"].startswith("19")
    evs = events_of(nlp, "The UN launched a humanitarian operation in Yemen on Tuesday.")
    assert not [e for e in evs if e["word"] == "launched"], evs


def test_who_acts_under_a_deal_is_party_to_it_and_its_broker_mediates(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "Saudi Arabia and Iran restored diplomatic ties in a deal mediated by China on Friday."
    )
    deal = one(evs, "deal")
    assert deal["roles"] == {
        "state:SAU": "participant",
        "state:IRN": "participant",
        "state:CHN": "mediator",
    }
    evs = events_of(nlp, "The rebels left the city under a deal brokered by Russia on Friday.")
    assert one(evs, "deal")["roles"] == {"state:RUS": "mediator"}


def test_speaking_by_phone_is_a_call_and_a_topic_is_no_party(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "US President Joe Biden spoke by phone with Chinese President Xi Jinping on Thursday. "
        "Biden and Xi discussed Taiwan and trade.",
    )
    call = one(evs, "spoke")
    assert call["cameo"] == "041"
    assert call["roles"] == {"person:joe-biden": "participant", "person:xi-jinping": "participant"}
    assert all("state:TWN" not in e["roles"] for e in evs), evs
    evs = events_of(nlp, "Lavrov spoke to reporters in Moscow on Thursday.")
    assert not [e for e in evs if e["word"] == "spoke"], evs


def test_delegations_named_by_demonyms_hold_a_round_of_talks(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "Russian and Ukrainian delegations held a first round of talks in Belarus on Monday."
    )
    assert one(evs, "talks")["roles"] == {"state:RUS": "participant", "state:UKR": "participant"}


def test_failing_to_agree_is_no_agreement_but_the_talks_were_held(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Ethiopia and Egypt failed to reach an agreement on the dam on Tuesday after three days "
        "of talks in Kinshasa.",
    )
    assert not [e for e in evs if e["word"] == "agreement"], evs
    assert one(evs, "talks")["roles"] == {"state:ETH": "participant", "state:EGY": "participant"}


def test_agreeing_to_a_ceasefire_in_talks_makes_the_parties_of_both(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "The army and the Rapid Support Forces agreed on Saturday to a ceasefire in talks in "
        "Jeddah brokered by Saudi Arabia.",
        published=date(2023, 5, 22),
    )
    for word in ("ceasefire", "talks"):
        assert "group:rsf" in one(evs, word)["roles"], evs
    assert one(evs, "talks")["roles"]["state:SAU"] == "mediator"


def test_trading_accusations_is_mutual_and_demanded_acts_are_proposed(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Russia and Ukraine traded accusations over the shelling on Monday.")
    assert one(evs, "accusations")["roles"] == {"state:RUS": "source", "state:UKR": "source"}
    evs = events_of(
        nlp, "The General Assembly voted on Wednesday to demand that Russia withdraw its troops."
    )
    assert one(evs, "withdraw")["status"] == "proposed"


def test_nato_allies_are_nato(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "NATO allies agreed on Tuesday to send more troops to the eastern flank.")
    assert one(evs, "agreed")["roles"] == {"igo:nato": "participant"}


def test_a_measuring_duration_does_not_block_the_publication_day(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Sudan's army and the RSF agreed to a seven-day ceasefire in Jeddah.")
    assert one(evs, "agreed")["start"] == PUB
    evs = events_of(nlp, "Fighting has raged in the region for years.")
    assert all(e["start"] != PUB for e in evs), evs


def test_expulsions_by_different_states_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp,
        "Britain expelled 23 Russian diplomats on March 14. On Monday Washington ordered 60 "
        "Russians it described as intelligence officers to leave. Canada and Ukraine announced "
        "expulsions the same day.",
        published=date(2018, 3, 27),
    )
    ordered = one(evs, "ordered")
    assert ordered["roles"] == {"state:USA": "source", "state:RUS": "target"}
    assert ordered["start"] == date(2018, 3, 26)
    assert one(evs, "expulsions")["roles"] == {"state:CAN": "source", "state:UKR": "source"}


def test_claiming_responsibility_makes_the_claimant_the_attacker(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(
        nlp, "Islamic State claimed responsibility for the bombing in Kabul on Tuesday."
    )
    assert one(evs, "bombing")["roles"] == {"group:isil": "source"}
    evs = events_of(
        nlp,
        "Militants attacked an army checkpoint in Homs on Saturday, killing 30 soldiers. Hayat "
        "Tahrir al-Sham claimed responsibility.",
    )
    assert one(evs, "attacked")["roles"].get("group:hts") == "source", evs


def test_recalling_an_ambassador_and_aid_packages(nlp) -> None:  # type: ignore[no-untyped-def]
    evs = events_of(nlp, "Serbia recalled its ambassador from Montenegro on Friday.")
    recall = one(evs, "recalled")
    assert recall["cameo"] == "161"
    assert recall["roles"] == {"state:SRB": "source", "state:MNE": "target"}
    evs = events_of(
        nlp,
        "The United States announced a $400 million military aid package for Ukraine on Friday.",
    )
    aid = one(evs, "package")
    assert aid["cameo"] == "074"
    assert aid["roles"] == {"state:USA": "source", "state:UKR": "target"}


def test_a_strike_on_a_site_takes_its_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A US air strike hit a hospital in Kunduz on Saturday, killing 42 people."
    ((_, doc),) = list(annotate(nlp, [Article(id="t", text=text, published=PUB)]))
    (strike,) = [ev for ev in doc._.cg_events if doc[ev.trigger].lower_ == "strike"]
    assert strike.place is not None and strike.place.key.endswith("kunduz")
    assert {p.actor.key: p.role.value for p in strike.participants} == {
        "state:USA": "source",
        "state:AFG": "target",
    }
