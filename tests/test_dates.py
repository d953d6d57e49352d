"""Behaviours of the dates stage: absolute and relative dates, resolved against the document date."""

from __future__ import annotations

import parley
import parley.stages.dates
from conftest import SAMPLE, need
from parley.readers import from_text


def run(text: str, date: str | None = None) -> parley.Document:
    return parley.Pipeline(["structure", "dates"])(from_text(text, date=date))


def only(doc: parley.Document, text: str):
    found = [m for m in doc.dates if m.text == text]
    assert found, f"{text!r} not found in {[m.text for m in doc.dates]}"
    return found[0]


def test_later_this_month_runs_from_the_document_date_to_the_end_of_the_month():
    m = only(run("The leaders will meet later this month.", "2019-01-14"), "later this month")
    assert (m.precision, m.earliest, m.latest) == ("range", "2019-01-14", "2019-01-31")


def test_a_couple_of_years_ago_is_a_range_around_two_years_back():
    m = only(run("The agreement reached a couple of years ago is stalled.", "2019-01-14"), "a couple of years ago")
    assert m.precision == "range"
    assert m.earliest <= "2017-01-01" and m.latest >= "2017-12-31" and m.latest < "2019-01-01"


def test_we_is_not_a_wednesday():
    doc = run("We discussed the treaty. We will meet again. WE agreed.", "2019-01-14")
    assert doc.dates == []


def test_relative_dates_stay_unresolved_without_a_document_date():
    doc = run("Today we met. The summit is due later this month.")
    assert [(m.text, m.precision, m.value) for m in doc.dates] == [
        ("Today", "unresolved", None), ("later this month", "unresolved", None)]
    assert doc.date is None


def test_absolute_dates_are_resolved_without_a_document_date():
    m = only(run("Japan surrendered on September 2, 1945."), "September 2, 1945")
    assert (m.value, m.precision) == ("1945-09-02", "day")


def test_a_dateline_sets_the_document_date():
    doc = run("Moscow, 14 January 2019\n\nToday the ministers met. They meet again tomorrow.")
    assert doc.date == "2019-01-14"
    assert doc.meta["date_source"] == "dateline"
    assert only(doc, "tomorrow").value == "2019-01-15"


def test_a_wire_dateline_sets_the_document_date():
    doc = run("WASHINGTON, Jan. 5, 2019 (Reuters) - Officials said on Friday that talks would go on.")
    assert doc.date == "2019-01-05"


def test_a_date_in_the_first_sentence_is_not_a_dateline():
    doc = run("On September 2, 1945, Japan signed the instrument of surrender. Today we remember it.")
    assert doc.date is None


def test_a_given_date_is_kept_and_recorded_as_input():
    doc = run("Moscow, 1 March 2020\n\nToday we met.", "2019-01-14")
    assert doc.date == "2019-01-14" and doc.meta["date_source"] == "input"


def test_counts_article_numbers_and_event_names_are_not_dates():
    doc = run("About 500 events were held. Art. 107 applies. After 9/11 and World War II, 2,000 people "
              "work 24/7 in the 2 + 2 format under resolution 1973.", "2019-01-14")
    assert doc.dates == []


def test_may_and_march_are_months_only_where_a_time_is_meant():
    doc = run("May I ask whether they will march? The review is due in May.", "2019-01-14")
    assert [(m.text, m.value) for m in doc.dates] == [("May", "2019-05")]


def test_a_year_in_a_treaty_name_is_a_year_mention():
    m = only(run("A treaty based on the 1956 Declaration.", "2019-01-14"), "1956")
    assert (m.value, m.precision) == ("1956", "year")


def test_a_weekday_in_a_future_clause_is_the_coming_one():
    doc = run("On Monday we will have more to share.", "2023-04-06")  # a Thursday
    assert only(doc, "Monday").value == "2023-04-10"


def test_a_weekday_in_a_past_clause_is_the_last_one():
    doc = run("They met on Tuesday.", "2023-12-14")
    assert only(doc, "Tuesday").value == "2023-12-12"


def test_dates_are_sorted_and_point_at_their_text():
    doc = run("Yesterday, in 1960 and on 14.01.2019, by the end of the year.", "2019-01-14")
    assert [m.start for m in doc.dates] == sorted(m.start for m in doc.dates)
    assert all(doc.text[m.start:m.end] == m.text for m in doc.dates)
    assert only(doc, "by the end of the year").latest == "2019-12-31"


def test_dates_inside_urls_are_ignored():
    doc = run("See https://example.org/2019/01/14/talks-in-1960 for more.", "2019-01-14")
    assert doc.dates == []


def test_founding_example_dates():
    doc = run(need(SAMPLE).read_text(encoding="utf-8"), "2019-01-14")
    assert only(doc, "September 2, 1945").value == "1945-09-02"
    assert only(doc, "later this month").latest == "2019-01-31"
    assert only(doc, "today").value == "2019-01-14"
    assert only(doc, "1960").value == "1960"
    assert doc.meta["date_source"] == "input"


def test_a_duration_in_a_perfect_clause_is_not_a_date():
    doc = run("We haven't seen a bill like this in 30 years. The next one comes in two years.", "2022-07-07")
    assert [(m.text, m.value) for m in doc.dates] == [("in two years", "2024")]


def test_a_month_with_a_short_year_or_a_relative_year():
    doc = run("It began in May of '22 and ended in February of last year.", "2024-03-01")
    assert [(m.text, m.value) for m in doc.dates] == [("May of '22", "2022-05"), ("February of last year", "2023-02")]


def test_since_a_day_and_month_reads_backwards():
    assert only(run("They have been at war since 24 February.", "2022-11-09"), "24 February").value == "2022-02-24"


def test_a_mention_never_crosses_a_paragraph_break():
    doc = run("He has not been seen in several\n\ndays of talks.", "2022-05-11")
    assert all("\n\n" not in m.text for m in doc.dates)
