"""Pure period arithmetic and the gap rule."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from crawler.reports.gaps import CrawlRun, find_gaps, source_gap
from crawler.reports.periods import (PeriodError, parse_date_option, period_bounds, period_of,
                                     period_range, shift_period)
from pipelines.store import published_periods


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.mark.parametrize("day", ["2026-01-01", "2026-12-31", "2027-01-03", "2024-12-30", "2026-03-02"])
def test_period_labels_match_what_the_store_writes(day):
    stored = published_periods(f"{day}T12:00:00+00:00")
    parsed = date.fromisoformat(day)
    assert period_of(parsed, "day") == stored.day
    assert period_of(parsed, "week") == stored.week
    assert period_of(parsed, "month") == stored.month


def test_iso_week_year_boundaries_and_ranges():
    assert period_of(date(2026, 12, 31), "week") == "2026-W53"
    assert period_of(date(2027, 1, 3), "week") == "2026-W53"
    assert period_of(date(2024, 12, 30), "week") == "2025-W01"
    assert period_range("2026-W52", "2027-W02", "week") == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
    assert period_range("2026-11", "2027-02", "month") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert period_range("2026-03-02", "2026-03-01", "day") == []
    assert shift_period("2026-W10", "week", -104) == "2024-W10"   # 2024 and 2025 have 52 weeks
    assert shift_period("2026-02", "month", -3) == "2025-11"
    start, end = period_bounds("2026-W10", "week")
    assert (start, end) == (utc("2026-03-02T00:00:00"), utc("2026-03-09T00:00:00"))


def test_date_options_accept_days_weeks_and_months_and_reject_junk():
    assert parse_date_option("2026-03-04") == date(2026, 3, 4)
    assert parse_date_option("2026-W10") == date(2026, 3, 2)
    assert parse_date_option("2026-03") == date(2026, 3, 1)
    with pytest.raises(PeriodError):
        parse_date_option("last tuesday")


WEEK = (utc("2026-03-02T00:00:00"), utc("2026-03-09T00:00:00"))


def run(started: str, status: str, finished: str | None = "auto") -> CrawlRun:
    end = utc(started).replace(minute=30) if finished == "auto" else (utc(finished) if finished else None)
    return CrawlRun("s", utc(started), end, status)


@pytest.mark.parametrize(("runs", "expected"), [
    ([run("2026-03-03T06:00:00", "failed"), run("2026-04-01T06:00:00", "finished")], "failed"),
    ([run("2026-03-03T06:00:00", "running", None), run("2026-04-01T06:00:00", "finished")], "failed"),
    ([run("2026-03-03T06:00:00", "failed"), run("2026-03-05T06:00:00", "finished"),
      run("2026-04-01T06:00:00", "finished")], None),
    ([run("2026-04-01T06:00:00", "finished")], None),                  # backfilled later
    ([run("2026-03-04T06:00:00", "finished")], "incomplete"),          # week not over
    ([run("2026-02-01T06:00:00", "finished")], "not crawled"),         # nothing since
    ([run("2026-04-01T06:00:00", "closespider_timeout")], "not crawled"),
])
def test_gap_rule(runs, expected):
    assert source_gap(runs, *WEEK) == expected


def test_find_gaps_lists_every_source_with_a_gap_per_period():
    runs = [CrawlRun("a", utc("2026-03-03T06:00:00"), utc("2026-03-03T06:01:00"), "failed"),
            CrawlRun("a", utc("2026-03-20T06:00:00"), utc("2026-03-20T06:30:00"), "finished"),
            CrawlRun("b", utc("2026-03-20T06:00:00"), utc("2026-03-20T06:30:00"), "finished")]
    gaps = find_gaps(runs, period_range("2026-W10", "2026-W12", "week"), "week")
    assert [g.label() for g in gaps["2026-W10"]] == ["a failed"]
    assert gaps["2026-W11"] == ()
    assert [g.label() for g in gaps["2026-W12"]] == ["a incomplete", "b incomplete"]
