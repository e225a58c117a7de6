"""find_windows: date expressions to ranges, read against the publication date."""
from __future__ import annotations

from datetime import date

import pytest

from pipelines.release_windows import find_windows

PUBLISHED = date(2026, 1, 20)


@pytest.mark.parametrize("text, kind, earliest, latest", [
    ("premieres March 3", "exact", "2026-03-03", "2026-03-03"),
    ("premieres January 9", "exact", "2027-01-09", "2027-01-09"),          # already past this year
    ("on Friday, March 6, 2026", "exact", "2026-03-06", "2026-03-06"),
    ("from 1 May 2026", "exact", "2026-05-01", "2026-05-01"),
    ("on 2026-04-10", "exact", "2026-04-10", "2026-04-10"),
    ("on Christmas Day", "exact", "2026-12-25", "2026-12-25"),
    ("on Thanksgiving", "exact", "2026-11-26", "2026-11-26"),
    ("el 3 de marzo", "exact", "2026-03-03", "2026-03-03"),
    ("2026년 3월 3일 공개", "exact", "2026-03-03", "2026-03-03"),
    ("in early August 2026", "month", "2026-08-01", "2026-08-10"),
    ("by mid-February 2026", "month", "2026-02-11", "2026-02-20"),
    ("at the end of May", "month", "2026-05-21", "2026-05-31"),
    ("next month", "month", "2026-02-01", "2026-02-28"),
    ("8월 중순", "month", "2026-08-11", "2026-08-20"),
    ("a finales de marzo de 2027", "month", "2027-03-21", "2027-03-31"),
    ("this fall", "season", "2026-09-01", "2026-11-30"),
    ("summer 2026", "season", "2026-06-01", "2026-08-31"),
    ("next winter", "season", "2026-12-01", "2027-02-28"),
    ("in late summer", "season", "2026-08-01", "2026-08-31"),
    ("en otoño de 2026", "season", "2026-09-01", "2026-11-30"),
    ("올 가을", "season", "2026-09-01", "2026-11-30"),
    ("late 2026", "part_of_year", "2026-09-01", "2026-12-31"),
    ("early 2027", "part_of_year", "2027-01-01", "2027-04-30"),
    ("mid-2026", "part_of_year", "2026-05-01", "2026-08-31"),
    ("the first half of 2026", "part_of_year", "2026-01-01", "2026-06-30"),
    ("later this year", "part_of_year", "2026-01-20", "2026-12-31"),
    ("early next year", "part_of_year", "2027-01-01", "2027-04-30"),
    ("2026년 하반기", "part_of_year", "2026-07-01", "2026-12-31"),
    ("내년 초", "part_of_year", "2027-01-01", "2027-04-30"),
    ("a principios de 2027", "part_of_year", "2027-01-01", "2027-04-30"),
    ("Q3 2026", "quarter", "2026-07-01", "2026-09-30"),
    ("the fourth quarter of 2026", "quarter", "2026-10-01", "2026-12-31"),
    ("el tercer trimestre de 2026", "quarter", "2026-07-01", "2026-09-30"),
    ("2026년 4분기", "quarter", "2026-10-01", "2026-12-31"),
    ("in 2027", "year", "2027-01-01", "2027-12-31"),
    ("next year", "year", "2027-01-01", "2027-12-31"),
    ("el próximo año", "year", "2027-01-01", "2027-12-31"),
    ("내년 공개", "year", "2027-01-01", "2027-12-31"),
])
def test_expression_ranges(text, kind, earliest, latest):
    windows = find_windows(text, PUBLISHED)
    assert [(w.kind, w.earliest.isoformat(), w.latest.isoformat()) for w in windows] == [(kind, earliest, latest)]
    assert text[windows[0].start:windows[0].end] == windows[0].text


@pytest.mark.parametrize("text", [
    "The series may slip.", "You may march on.", "Jan Smith returns.", "It could fall apart.",
    "Season 2 May Arrive Soon", "last summer", "", "Episode 12 of 40", "He scored 9 points in 3 games.",
])
def test_no_window(text):
    assert find_windows(text, PUBLISHED) == []


def test_leftmost_longest_form_wins():
    windows = find_windows("a late 2026 debut, with early August 2026 circulating", PUBLISHED)
    assert [w.text for w in windows] == ["late 2026", "early August 2026"]


def test_season_number_before_a_month_is_not_a_day():
    windows = find_windows("season 2 June 2026 release", PUBLISHED)
    assert [(w.kind, w.text) for w in windows] == [("month", "June 2026")]


def test_windows_far_apart_in_a_long_text():
    text = ("Nothing here. " * 200) + "It returns in late 2026." + (" Filler text." * 200) + " Or Q1 2027."
    assert [w.text for w in find_windows(text, PUBLISHED)] == ["late 2026", "Q1 2027"]
