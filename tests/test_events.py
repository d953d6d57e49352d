"""The events stage: who did what to whom, as PLOVER events with evidence offsets."""

from __future__ import annotations

import pytest

import parley
import parley.stages.events
from conftest import SAMPLE, need
from parley.model import OFFICIAL_KINDS, Document
from parley.readers import from_text

STAGES = ["structure", "language", "nlp", "actors", "events"]


def run(text: str, date: str | None = None) -> Document:
    doc = from_text(text)
    doc.date = date
    return parley.Pipeline(STAGES)(doc)


def countries(doc: Document, ids: list[str]) -> set[str]:
    by_id = {a.id: a.country for a in doc.actors}
    return {by_id[i] for i in ids if by_id.get(i)}


def sentence(doc: Document, event) -> str:
    return doc.text[event.start:event.end]


def find(doc: Document, kind: str, actor: str, recipient: str | None, words: str):
    """Events of ``kind`` by ``actor``'s country on ``recipient``'s country (or, for reciprocal events,
    with both among the actors) whose sentence contains ``words``."""
    hits = []
    for e in doc.events:
        if e.type != kind or words not in sentence(doc, e):
            continue
        acting = countries(doc, e.actor)
        reaches = recipient is None or recipient in countries(doc, e.recipient) or \
            (not e.recipient and recipient in acting)
        if reaches and actor in acting:
            hits.append(e)
    assert hits, f"no {kind} {actor}->{recipient} on {words!r}; events: " + "; ".join(
        f"{e.type} {sorted(countries(doc, e.actor))}->{sorted(countries(doc, e.recipient))} "
        f"[{doc.text[e.trigger.start:e.trigger.end]}]" for e in doc.events)
    return hits


# -- the founding example ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lavrov():
    doc = next(iter(parley.read([need(SAMPLE)])))
    doc.date = "2019-01-14"
    return parley.Pipeline(STAGES)(doc)


def test_talks_with_kono_are_a_consultation_between_russia_and_japan(lavrov):
    (talks, *_) = find(lavrov, "CONSULT", "RUS", "JPN", "concluded lengthy talks")
    assert {"RUS", "JPN"} <= countries(lavrov, talks.actor) and not talks.recipient  # reciprocal: all are actors
    assert talks.tense == "past" and not talks.negated
    assert lavrov.text[talks.trigger.start:talks.trigger.end] == "concluded"


def test_sovereignty_not_subject_to_discussion_is_russia_rejecting_japan(lavrov):
    (reject, *_) = find(lavrov, "REJECT", "RUS", "JPN", "not subject to discussion")
    assert not reject.negated  # the "not" is the rejection, not its negation


def test_northern_territories_in_japanese_law_is_russia_accusing_japan(lavrov):
    find(lavrov, "ACCUSE", "RUS", "JPN", "northern territories")


def test_japans_voting_at_the_un_is_russia_accusing_japan(lavrov):
    find(lavrov, "ACCUSE", "RUS", "JPN", "does not reflect the level of trust")


def test_abes_remarks_draw_an_official_complaint_and_an_accusation(lavrov):
    find(lavrov, "ACCUSE", "RUS", "JPN", "Ambassador of Japan was invited to the Foreign Ministry")
    find(lavrov, "ACCUSE", "RUS", "JPN", "absolutely unacceptable such approaches")


def test_kawais_statement_is_russia_accusing_japan_and_his_claim_is_not_the_speakers(lavrov):
    (accuse, *_) = find(lavrov, "ACCUSE", "RUS", "JPN", "this is an outrageous statement")
    kawai = next(a for a in lavrov.actors if a.name == "Katsuyuki Kawai")
    assert kawai.id in accuse.recipient
    claim = lavrov.text.index("the United States should be interested")
    claim_end = lavrov.text.index("as he put it")
    assert not [e for e in lavrov.events if claim <= e.trigger.start < claim_end], "Kawai's claim coded as an event"


def test_missile_defence_is_russia_accusing_the_united_states(lavrov):
    find(lavrov, "ACCUSE", "RUS", "USA", "creating security risks")


def test_deputies_continuing_contacts_is_an_agreement_between_russia_and_japan(lavrov):
    (agree, *_) = find(lavrov, "AGREE", "RUS", "JPN", "our deputies")
    assert {"RUS", "JPN"} <= countries(lavrov, agree.actor)


def test_no_event_comes_from_a_reader_comment(lavrov):
    kinds = {s.id: s.kind for s in lavrov.segments}
    assert lavrov.events
    assert all(kinds[e.segment] in OFFICIAL_KINDS for e in lavrov.events)


def test_every_event_points_inside_its_official_segment(lavrov):
    segments = {s.id: s for s in lavrov.segments}
    for e in lavrov.events:
        seg = segments[e.segment]
        assert seg.start <= e.start <= e.trigger.start < e.trigger.end <= e.end <= seg.end
        assert lavrov.text[e.trigger.start:e.trigger.end].strip()
        assert 0.0 < e.confidence <= 1.0 and e.tense in ("past", "present", "future", "hypothetical")


def test_event_types_are_plover_and_ids_are_ordered(lavrov):
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
              "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {e.type for e in lavrov.events} <= plover
    assert [e.id for e in lavrov.events] == [f"e{i}" for i in range(1, len(lavrov.events) + 1)]


# -- frames ---------------------------------------------------------------------------------------------
def test_a_demand_in_reported_speech_is_the_reporters_request_of_the_obliged():
    doc = run("Russia said on Tuesday that Sudan must return a helicopter that was captured by rebels.")
    find(doc, "REQUEST", "RUS", "SDN", "must return")


def test_threatening_to_impose_is_a_threat_not_a_coercion():
    doc = run("France threatened today to impose import restrictions against Germany.")
    (threat, *_) = find(doc, "THREATEN", "FRA", "DEU", "threatened")
    assert doc.text[threat.trigger.start:threat.trigger.end] == "threatened"


def test_negation_and_future_tense_are_read_from_the_auxiliaries():
    doc = run("Turkey will not attack Syria.")
    (event, *_) = [e for e in doc.events if countries(doc, e.actor) == {"TUR"}]
    assert event.negated and event.tense == "future"


def test_a_refusal_to_accept_is_a_rejection():
    doc = run("Syria says it will not accept any more refugees from Iraq.")
    assert any(e.type == "REJECT" and countries(doc, e.actor) == {"SYR"} for e in doc.events)


# -- issue 4: announced acts, conditions, questions, places, light verbs ---------------------------------
def test_an_announced_cooperative_act_is_an_agreement_and_a_hostile_one_a_threat():
    doc = run("Norway will give Kenya a grant of ten million dollars.")
    find(doc, "AGREE", "NOR", "KEN", "grant")
    doc = run("Greece plans to impose restrictions on Albanian workers.")
    find(doc, "THREATEN", "GRC", "ALB", "restrictions")
    assert not [e for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "plans"]  # intent wraps the act


def test_an_act_made_conditional_with_unless_is_a_threat():
    doc = run("Nigeria said it will withdraw its troops from Chad unless the fighting stops.")
    find(doc, "THREATEN", "NGA", "TCD", "withdraw")


def test_an_act_the_parties_agreed_on_is_not_retyped_as_an_announcement():
    doc = run("Russia and Japan agreed that they will not hold a joint news conference.")
    assert [e.type for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "hold"] == ["CONSULT"]


def test_a_question_is_not_an_event():
    doc = run("Will Japan reject the Russian proposal?")
    assert doc.events == []


def test_a_place_stands_for_its_state():
    doc = run("Israel reimposed blockades in the West Bank on Friday.")
    (event, *_) = find(doc, "COERCE", "ISR", "PSE", "blockades")
    assert doc.text[event.trigger.start:event.trigger.end] == "reimposed"


def test_a_domestic_act_has_its_own_state_as_recipient():
    doc = run("Algerian police imposed a curfew in Algiers.")
    find(doc, "COERCE", "DZA", "DZA", "curfew")


def test_a_light_verb_takes_the_act_its_object_names():
    doc = run("Hezbollah declared a ceasefire in southern Lebanon.")
    find(doc, "RETREAT", "LBN", None, "ceasefire")


def test_peoples_name_actors_and_recipients():
    doc = run("Serb forces killed three ethnic Albanians near the border.")
    find(doc, "ASSAULT", "SRB", "ALB", "killed")
    doc = run("The United States demanded that the Democratic People's Republic of Korea abandon its program.")
    find(doc, "REQUEST", "USA", "PRK", "demanded")


def test_a_time_is_not_the_preposition_a_pattern_asks_for():
    doc = run("China on Tuesday demanded that the US cancel its arms sales to Taiwan.")
    assert [e.type for e in doc.events if doc.text[e.trigger.start:e.trigger.end] == "demanded"] == ["REQUEST"]


def test_the_plover_manual_decides_where_the_cameo_table_disagrees():
    """Sanctions are SANCTION (the manual: "international sanctions are coded as 'discontinue'"), lifting a
    curfew is CONCEDE, a resignation is RETREAT, and violence reported with no agent keeps its victims."""
    import parley

    def first_type(text: str) -> tuple[str, list]:
        doc = parley.analyze(text, stages=["structure", "language", "nlp", "actors", "events"])
        return (doc.events[0].type, doc.events[0].actor) if doc.events else (None, [])

    assert first_type("The United States imposed sanctions on Iran.")[0] == "SANCTION"
    assert first_type("Serbia lifted the curfew in the province on Sunday.")[0] == "CONCEDE"
    assert first_type("The Prime Minister of Georgia resigned on Sunday.")[0] == "RETREAT"
    kind, actor = first_type("Three Iraqi civilians were killed in Baghdad on Monday.")
    assert kind == "ASSAULT" and actor == []


def test_protest_and_repression_with_no_target_named_are_aimed_at_home():
    import parley

    for text, kind, country in (("Turkish police arrested dozens of students in Ankara on Monday.", "COERCE", "TUR"),
                                ("Kenyan teachers went on strike on Monday.", "PROTEST", "KEN")):
        doc = parley.analyze(text, stages=["structure", "language", "nlp", "actors", "events"])
        countries = {a.id: a.country for a in doc.actors}
        event = doc.events[0]
        assert event.type == kind
        assert [countries[a] for a in event.actor] == [countries[a] for a in event.recipient] == [country]


# -- domestic acts and the place of an attack ------------------------------------------------------------
def test_a_group_without_a_country_acted_upon_at_home_is_the_actors_own_people():
    doc = run("Nigerian police arrested 40 members of the Harbour Workers Union on Monday.")
    (event,) = find(doc, "COERCE", "NGA", "NGA", "arrested")
    assert any(a.name == "Harbour Workers Union" for a in doc.actors if a.id in event.recipient)


def test_a_group_without_a_country_is_not_made_domestic_when_another_country_is_named():
    doc = run("French police arrested 40 members of the Harbour Workers Union after talks with Germany.")
    (event,) = [e for e in doc.events if e.type == "COERCE"]
    assert "FRA" not in countries(doc, event.recipient)


def test_violence_to_disperse_demonstrators_is_repression_at_home():
    find(run("Kenyan police fired tear gas to disperse demonstrators in the capital on Tuesday."),
         "ASSAULT", "KEN", "KEN", "disperse demonstrators")


def test_violence_with_no_crowd_and_no_target_has_no_recipient():
    doc = run("Ethiopian troops shelled positions on Sunday, a spokesman said.")
    assert [e.recipient for e in doc.events if e.type == "ASSAULT"] == [[]]


def test_an_attack_takes_the_place_named_in_its_sentence_as_recipient():
    find(run("Pakistani militants killed eleven people on Friday when they attacked a market in Kabul."),
         "ASSAULT", "PAK", "AFG", "killed eleven people")


# -- stances, refusals and protest ----------------------------------------------------------------------
def test_being_opposed_to_something_is_the_subjects_rejection():
    find(run("Turkey is opposed to Greek mediation in the dispute with Cyprus."), "REJECT", "TUR", "GRC", "opposed")


def test_swearing_to_fight_is_a_threat():
    find(run("Armenians have sworn to fight Azerbaijan until they recover the villages."),
         "THREATEN", "ARM", "AZE", "sworn to fight")


def test_refusing_demands_and_reneging_are_rejections():
    find(run("France said it would not meet the kidnappers' demands."), "REJECT", "FRA", None, "demands")
    find(run("Kenya has reneged on its commitment to Uganda."), "REJECT", "KEN", "UGA", "reneged")


def test_an_act_done_to_protest_is_a_protest():
    find(run("Greek farmers drove tractors into the city centre to protest against the new taxes."),
         "PROTEST", "GRC", None, "to protest")
    assert not [e for e in run("Nigerian oil workers stopped work on Monday.").events if e.type != "PROTEST"]
    find(run("Bolivian miners blocked the main highway to La Paz for two days."), "PROTEST", "BOL", None, "blocked")


def test_preventing_a_demonstration_is_repression_not_a_refusal():
    find(run("Egyptian police prevented a demonstration outside the parliament."), "COERCE", "EGY", "EGY", "prevented")



# -- unnamed people and unnamed agents -------------------------------------------------------------------
def test_unnamed_people_protest_for_the_state_where_they_are():
    find(run("Prisoners rioted at a jail in Kandahar on Monday."), "PROTEST", "AFG", None, "rioted")
    find(run("Striking teachers marched to demand the resignation of the Kenyan education minister."),
         "PROTEST", "KEN", None, "marched")


def test_unnamed_people_with_no_place_and_no_country_are_no_actor():
    assert not run("Protesters rallied on Sunday.").events


def test_violence_whose_subject_is_a_weapon_has_an_unknown_agent_and_keeps_its_victims():
    doc = run("A car bomb killed twelve Iraqi soldiers in Mosul on Sunday.")
    (event,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert event.actor == [] and "IRQ" in countries(doc, event.recipient)
    assert event.confidence < 0.6  # an event without an actor is a weaker claim


def test_an_ethnic_minority_acts_within_the_state_it_lives_in():
    find(run("Ethnic Hungarians demonstrated in Romania on Sunday."), "PROTEST", "ROU", "ROU", "demonstrated")
    doc = run("Serbia eased emergency measures on Wednesday in Montenegro province, the scene of ethnic violence.")
    assert all(countries(doc, e.actor) == {"SRB"} for e in doc.events if e.type == "CONCEDE")


def test_an_office_holder_of_unknown_country_holds_office_where_the_sentence_is():
    doc = run("President Tobias Nkemdirim threatened to impose a curfew in Abidjan.")
    (threat,) = find(doc, "THREATEN", "CIV", "CIV", "threatened")
    assert any(a.name == "Tobias Nkemdirim" for a in doc.actors if a.id in threat.actor)


def test_an_arrest_with_no_agent_is_made_by_the_state_where_it_happens():
    find(run("A French journalist was arrested in Iran for spying."), "COERCE", "IRN", "FRA", "arrested")


def test_going_to_and_need_to_mark_the_future_and_necessity_not_events():
    for text in ("Canada and the United States are going to work in lockstep.", "We need to do more for Ukraine."):
        doc = run(text)
        assert not [doc.text[e.trigger.start:e.trigger.end] for e in doc.events], text
    doc = run("President Biden will go to Geneva to meet with President Putin.")
    (talks,) = doc.events
    assert doc.text[talks.trigger.start:talks.trigger.end] == "meet" and countries(doc, talks.actor) == {"USA", "RUS"}


def test_we_agreed_takes_the_partner_of_the_talks_just_before():
    doc = run("Sergey Lavrov: We held talks with Japan on Monday.\n\nQuestion: What comes next?\n\n"
              "Sergey Lavrov: Later we held talks with China. We agreed to meet again in May.\n", date="2019-01-14")
    (agreed,) = [e for e in doc.events if e.type == "AGREE"]
    assert countries(doc, agreed.actor) == {"RUS", "CHN"}


def test_general_verbs_are_no_events_by_their_default_meaning():
    doc = run("Joe Biden: We are going to deal with China effectively. I would expect Mitch to say exactly what "
              "he said.\n\nQuestion: And Russia?\n\nJoe Biden: We will see.\n", date="2021-06-16")
    assert not [doc.text[e.trigger.start:e.trigger.end] for e in doc.events]


def test_a_light_verb_with_an_invasion_or_offensive_is_an_assault():
    find(run("Israel today mounted its long-threatened invasion of South Lebanon."), "ASSAULT", "ISR", "LBN", "mounted")
    find(run("Turkey launched an offensive against Syria on Wednesday."), "ASSAULT", "TUR", "SYR", "launched")


def test_unnamed_leaders_act_for_the_state_where_they_are():
    find(run("Opposition leaders agreed to postpone the rally in Baku until November."), "AGREE", "AZE", None, "agreed")


def test_what_ones_own_side_should_do_is_no_request():
    doc = run("Joe Biden: I believe we should go back to the old rules of the Senate.\n\nQuestion: And China?\n\n"
              "Joe Biden: I said that China must respect the rules.\n", date="2021-06-16")
    requests = [e for e in doc.events if e.type == "REQUEST"]
    assert [countries(doc, e.recipient) for e in requests] == [{"CHN"}]


def test_a_general_verb_acting_on_no_one_is_no_event():
    doc = run("Jen Psaki: I'll come back to you on that. We went into great detail on it.\n\n"
              "Question: And Mexico?\n\nJen Psaki: I'll look into it.\n", date="2021-06-16")
    assert not [doc.text[e.trigger.start:e.trigger.end] for e in doc.events
                if doc.text[e.trigger.start:e.trigger.end] in ("come", "went", "look")]


def test_an_accusation_in_the_passive_keeps_the_accused_and_an_unknown_accuser():
    doc = run("The former Haitian president has been accused of misusing public funds.")
    (event,) = [e for e in doc.events if e.type == "ACCUSE"]
    assert event.actor == [] and countries(doc, event.recipient) == {"HTI"}
    assert not run("The new Kenyan president was sworn in on Monday.").events


def test_coordinated_parties_are_all_recipients():
    doc = run("Norway launched a mediation effort between Ethiopia and Eritrea.")
    (talks,) = [e for e in doc.events if e.type == "CONSULT"]
    assert {"NOR", "ETH", "ERI"} <= countries(doc, talks.actor)


def test_an_accusation_names_the_doer_not_the_victims():
    doc = run("Chile is investigating alleged abuses by Chilean police against Peruvian migrants.")
    (probe,) = [e for e in doc.events if e.type == "ACCUSE"]
    assert countries(doc, probe.recipient) == {"CHL"}  # its own police, not Peru
    doc = run("Greece condemned as a grave mistake Turkey's occupation of the island in Cyprus.")
    (blame,) = [e for e in doc.events if e.type == "ACCUSE"]
    assert countries(doc, blame.recipient) == {"TUR"}


def test_a_reminder_that_someone_must_act_is_a_request_to_them():
    doc = run("The German chancellor issued a firm reminder to Serbia that it must withdraw its troops.")
    (ask,) = [e for e in doc.events if e.type == "REQUEST"]
    assert countries(doc, ask.actor) == {"DEU"} and countries(doc, ask.recipient) == {"SRB"}
    assert not [e for e in run("The German chancellor issued a statement on Serbia.").events if e.type == "REQUEST"]


def test_an_act_named_by_a_noun_that_goes_on_is_an_event_of_its_doers():
    doc = run("Greek protests against Turkish military policies are still continuing.")
    (protest,) = [e for e in doc.events if e.type == "PROTEST"]
    assert doc.text[protest.trigger.start:protest.trigger.end] == "protests"
    assert countries(doc, protest.actor) == {"GRC"} and countries(doc, protest.recipient) == {"TUR"}
    doc = run("Fighting broke out between Armenia and Azerbaijan.")
    (fight,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert countries(doc, fight.actor) == {"ARM"} and countries(doc, fight.recipient) == {"AZE"}


def test_a_light_verb_with_a_plain_noun_of_an_act_is_that_act_unless_it_only_regards_it():
    doc = run("The Kenyan commission has completed its investigation into the Ugandan police.")
    assert [e.type for e in doc.events] == ["ACCUSE"]
    doc = run("Japanese and Korean negotiators returned to Seoul for talks.")
    assert [e.type for e in doc.events] == ["CONSULT"]
    for text in ("We do not regard a meeting with the Russian president as a reward.",
                 "We will address cyber threats from Iran.", "Spain suspended talks with Morocco."):
        assert not [e for e in run(text).events if e.type in ("CONSULT", "THREATEN")], text


def test_what_talks_are_about_is_no_party_to_them():
    doc = run("Joe Biden: We had serious talks on China's influence.\n\nQuestion: And Taiwan?\n\n"
              "Joe Biden: I discussed Taiwan with Prime Minister Suga.\n", date="2021-04-16")
    consults = [e for e in doc.events if e.type == "CONSULT"]
    assert consults and all("CHN" not in countries(doc, e.actor) and "TWN" not in countries(doc, e.actor)
                            for e in consults)
    assert any("JPN" in countries(doc, e.actor) for e in consults)


def test_where_a_weapon_went_off_is_where_its_victims_are_hit():
    doc = run("A roadside bomb near the town of Kandahar killed three Afghan soldiers.")
    (attack,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert countries(doc, attack.recipient) == {"AFG"}


def test_an_office_holder_acted_upon_holds_office_where_the_sentence_is():
    doc = run("Rebels in Liberia rejected an appeal from President Samuel Koroma to lay down their arms.")
    (refusal,) = [e for e in doc.events if e.type == "REJECT"]
    assert "LBR" in countries(doc, refusal.recipient)


def test_a_by_phrase_of_an_active_verb_is_no_agent():
    doc = run("President Omar El Bashir on Thursday shortened by one hour the nightly curfew imposed in Sudan.")
    (easing,) = [e for e in doc.events if e.type == "CONCEDE"]
    assert countries(doc, easing.actor) == {"SDN"} and countries(doc, easing.recipient) == {"SDN"}


def test_a_stative_passive_names_the_doer():
    doc = run("Serb forces were engaged in ethnic cleansing in Kosovo.")
    (cleansing,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert countries(doc, cleansing.actor) == {"SRB"}


def test_an_investigation_with_no_agent_is_made_by_the_state_where_it_happens():
    doc = run("A Canadian tourist has been put under investigation in Greece for rioting.")
    (probe,) = [e for e in doc.events if e.type == "ACCUSE"]
    assert countries(doc, probe.actor) == {"GRC"} and countries(doc, probe.recipient) == {"CAN"}


def test_denying_permission_is_a_rejection():
    doc = run("Turkish authorities have denied entry to the Swedish delegation.")
    (denial,) = [e for e in doc.events if e.type == "REJECT"]
    assert countries(doc, denial.actor) == {"TUR"}
    assert not [e for e in run("Turkey denied the accusations made by Sweden.").events if e.type == "REJECT"]


def test_a_named_state_acting_on_a_party_of_no_country_acts_at_home_but_a_speakers_we_does_not():
    doc = run("Nicaragua's government today ordered the opposition newspaper El Diario to suspend publication.")
    (order,) = [e for e in doc.events if e.type == "REQUEST"]
    assert "NIC" in countries(doc, order.recipient)
    doc = run("Joe Biden: I admire Xi Jinping's candour.\n\nQuestion: And?\n\nJoe Biden: We will help COVAX.\n",
              date="2021-06-16")
    assert not [e for e in doc.events if "USA" in countries(doc, e.recipient)]


def test_the_state_that_leads_or_backs_a_force_is_named_by_its_hyphenated_word():
    doc = run("Canada refused to send troops to the US-led mission against Iraq.")
    assert "USA" in {a.country for a in doc.actors}
    (refusal,) = [e for e in doc.events if e.type == "REJECT"]
    assert "USA" in countries(doc, refusal.recipient)


def test_a_people_named_as_a_population_is_a_minority_where_it_lives():
    doc = run("Serb forces were engaged in ethnic cleansing in Kosovo against the Albanian population of the province.")
    (cleansing,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert countries(doc, cleansing.recipient) == {"XKX"}  # where they live, not Albania


def test_a_retreat_in_the_passive_is_its_subjects_own():
    doc = run("Hundreds of Ugandan rebels have been demobilized since the peace accord.")
    (retreat,) = [e for e in doc.events if e.type == "RETREAT"]
    assert countries(doc, retreat.actor) == {"UGA"}


def test_talk_among_a_speakers_own_side_is_home_politics_not_an_event():
    doc = run("Joe Biden: I asked the staff to write it down. I urge my friends in Congress to pass the bill.\n\n"
              "Question: And China?\n\nJoe Biden: We were attacked. I urged China to stop.\n", date="2021-06-16")
    assert [(e.type, countries(doc, e.recipient)) for e in doc.events if e.type == "REQUEST"] == [("REQUEST", {"CHN"})]
    assert [e for e in doc.events if e.type == "ASSAULT"]  # violence at home is kept


def test_an_act_announced_as_agreement_takes_no_partner_from_earlier_talks():
    doc = run("Joe Biden: I met with President Lopez Obrador of Mexico.\n\nQuestion: And the economy?\n\n"
              "Joe Biden: We will pass the American Rescue Plan.\n", date="2021-06-16")
    assert not [e for e in doc.events if "MEX" in countries(doc, e.actor) and "Rescue" in sentence(doc, e)]


def test_a_general_verb_gets_no_target_from_home_but_a_strike_does():
    doc = run("Jake Sullivan: We continue pulling every lever we can to get vaccinations out to the world.\n",
              date="2021-10-26")
    assert not [e for e in doc.events if e.type == "CONCEDE"]
    doc = run("Kenyan teachers went on strike on Monday.")
    assert [(e.type, countries(doc, e.recipient)) for e in doc.events] == [("PROTEST", {"KEN"})]


def test_a_question_about_home_politics_is_no_event_but_one_about_another_state_is():
    doc = run("Jen Psaki: Good afternoon.\n\nQuestion: Senator Manchin is meeting with civil rights leaders. "
              "France and Germany met in Paris on Monday.\n\nJen Psaki: We will see.\n", date="2021-10-26")
    assert not [e for e in doc.events if "Manchin" in sentence(doc, e)]
    assert [e for e in doc.events if "Paris" in sentence(doc, e) and "FRA" in countries(doc, e.actor)]


def test_meeting_leaders_is_a_consultation_and_saying_thanks_is_no_promise():
    doc = run("Joe Biden: Today I met with the leaders of Estonia and Latvia. I want to thank Chancellor Merkel.\n\n"
              "Question: And?\n\nJoe Biden: Yes.\n", date="2021-06-14")
    assert {e.type for e in doc.events} == {"CONSULT", "SUPPORT"}


def test_expressing_and_monitoring_are_no_accusations_by_default():
    doc = run("Joe Biden: I want to express my condolences to Germany. We are monitoring developments in Ukraine.\n\n"
              "Question: And?\n\nJoe Biden: Yes.\n", date="2021-07-15")
    assert not [e for e in doc.events if e.type == "ACCUSE"]


def test_a_threat_posed_is_laid_at_the_door_of_who_poses_it():
    doc = run("Joe Biden: We talked about Russia's aggressive acts that pose a threat to NATO.\n\n"
              "Question: And?\n\nJoe Biden: Yes.\n", date="2021-06-14")
    (blame,) = [e for e in doc.events if e.type == "ACCUSE"]
    assert countries(doc, blame.recipient) == {"RUS"}


def test_an_act_refused_did_not_happen():
    doc = run("The citizens of Ukraine refused to submit to Russia.")
    assert [e.type for e in doc.events] == ["REJECT"]


def test_engaging_with_a_state_is_consulting_it_and_one_speaker_discussing_takes_no_partner():
    doc = run("Sweden engaged with Turkey on its concerns.")
    assert [(e.type, countries(doc, e.actor)) for e in doc.events] == [("CONSULT", {"SWE", "TUR"})]
    doc = run("Jen Psaki: We met with Japan yesterday. As I discussed at the podium, the rhetoric matters.\n\n"
              "Question: And?\n\nJen Psaki: Yes.\n", date="2021-10-26")
    assert not [e for e in doc.events if "podium" in sentence(doc, e)]


def test_a_by_phrase_of_a_verb_without_its_own_subject_is_its_agent():
    doc = run("Sergey Lavrov: As proposed by our Japanese colleagues, we agreed that we will not hold a joint "
              "news conference today.\n", date="2019-01-14")
    (proposal,) = [e for e in doc.events if e.type == "REQUEST"]
    assert countries(doc, proposal.actor) == {"JPN"}


def test_what_a_speaker_says_another_state_must_do_is_the_speakers_demand():
    doc = run("Jen Psaki: Russia must withdraw its troops from Ukraine. We must do more.\n\nQuestion: And?\n\n"
              "Jen Psaki: The Russian government should release her.\n", date="2022-07-12")
    demands = [(e.type, countries(doc, e.actor), countries(doc, e.recipient)) for e in doc.events]
    assert demands == [("REQUEST", {"USA"}, {"RUS"}), ("REQUEST", {"USA"}, {"RUS"})]


def test_an_act_discontinued_is_not_coded_as_done():
    doc = run("The European Union will discontinue buying Russian gas.")
    assert not [e for e in doc.events if e.type in ("COOPERATE", "AGREE")]


def test_showing_rallying_support_and_releasing_oil_are_no_protest_nor_concession():
    doc = run("Joe Biden: The United States is rallying the world to stand with Ukraine. Japan demonstrates its "
              "commitment. I have released a million barrels of oil from our reserve.\n\nQuestion: And?\n\n"
              "Joe Biden: Iran released the two British prisoners.\n", date="2022-06-30")
    assert [(e.type, countries(doc, e.actor)) for e in doc.events if e.type in ("PROTEST", "RETREAT")] == [
        ("RETREAT", {"IRN"})]


def test_violence_by_ones_own_side_at_no_one_is_a_figure_of_speech():
    doc = run("John Kirby: While we are fighting for progress, I'd push back on that.\n\nQuestion: And?\n\n"
              "John Kirby: We were attacked.\n", date="2022-09-13")
    assert [(e.type, countries(doc, e.recipient)) for e in doc.events] == [("ASSAULT", {"USA"})]
