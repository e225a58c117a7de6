"""Date parsing (fast parsers, relative phrases, dateparser fallback) and the choice among candidates."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crawler.extraction.dateparse import parse_date
from crawler.extraction.dates import choose_dates, page_zone, url_date

FETCHED = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("raw", "value", "parser"), [
    ("2019-10-16T10:00:00+0200", "2019-10-16T10:00:00+02:00", "iso"),
    ("2019-10-16T08:00:00Z", "2019-10-16T08:00:00+00:00", "iso"),
    ("2019-10-16", "2019-10-16", "iso"),
    ("2019-10-16 10:05", "2019-10-16T10:05:00", "iso"),
    ("20191016", "2019-10-16", "iso"),
    ("Wed, 16 Oct 2019 10:00:00 +0200", "2019-10-16T10:00:00+02:00", "rfc2822"),
    ("October 16, 2019 at 3:45 pm", "2019-10-16T15:45:00", "format"),
    ("16th October 2019", "2019-10-16", "format"),
    ("16. Oktober 2019, 14:30 Uhr", "2019-10-16T14:30:00", "format"),
    ("16.10.2019", "2019-10-16", "format"),
    ("le 5 mars 2020 à 10h30", "2020-03-05T10:30:00", "format"),
    ("16 de octubre de 2019", "2019-10-16", "format"),
    ("2019년 10월 16일 오후 3:20", "2019-10-16T15:20:00", "format"),
    ("2019.10.16", "2019-10-16", "format"),
])
def test_fast_parsers(raw: str, value: str, parser: str) -> None:
    parsed = parse_date(raw, lang="en")
    assert parsed is not None and (parsed.value, parsed.parser) == (value, parser)


def test_slash_dates_follow_the_language() -> None:
    assert parse_date("03/04/2021", lang="en").value == "2021-03-04"
    assert parse_date("03/04/2021", lang="de").value == "2021-04-03"
    assert parse_date("25/04/2021", lang="en").value == "2021-04-25"


@pytest.mark.parametrize(("raw", "value"), [
    ("3 days ago", "2026-02-26"),
    ("vor 2 Stunden", "2026-03-01T10:00:00+00:00"),
    ("2시간 전", "2026-03-01T10:00:00+00:00"),
    ("yesterday", "2026-02-28"),
    ("il y a 3 jours", "2026-02-26"),
    ("hace 2 días", "2026-02-27"),
    ("an hour ago", "2026-03-01T11:00:00+00:00"),
])
def test_relative_dates_resolve_against_fetch_time(raw: str, value: str) -> None:
    parsed = parse_date(raw, fetched_at=FETCHED)
    assert parsed is not None and parsed.parser == "relative" and parsed.value == value


def test_relative_date_without_fetch_time_is_reported_unresolved() -> None:
    parsed = parse_date("vor 3 Tagen")
    assert parsed is not None and parsed.parser == "relative" and parsed.value is None


def test_dateparser_is_the_fallback() -> None:
    for raw in ("3rd of March, 2020", "2020, March 3", "03-Mar-2020"):
        parsed = parse_date(raw, lang="en")
        assert parsed is not None and (parsed.value, parsed.parser) == ("2020-03-03", "dateparser"), raw
    assert parse_date("3rd of March, 2020", lang="en", use_dateparser=False) is None


@pytest.mark.parametrize("raw", ["", "no date here", "2019-13-45", "99/99/9999", "1850-01-01"])
def test_garbage_is_not_a_date(raw: str) -> None:
    assert parse_date(raw, use_dateparser=False) is None


def test_url_dates() -> None:
    assert url_date("https://x.test/2024/05/02/some-story/") == "2024-05-02"
    assert url_date("https://x.test/news/2024-05-02-some-story") == "2024-05-02"
    assert url_date("https://x.test/meldungen/29-10-2021") == "2021-10-29"
    assert url_date("https://x.test/2024/13/02/") is None
    assert url_date("https://x.test/story/12345") is None


def _c(value: str, source: str, kind: str = "published") -> dict:
    return {"value": value, "raw": value, "source": source, "kind": kind, "parser": "iso"}


def test_choice_follows_source_trust() -> None:
    cands = [_c("2024-01-03", "text"), _c("2024-01-02T10:00:00+01:00", "meta"), _c("2024-01-05", "jsonld", "updated")]
    assert choose_dates(cands) == ("2024-01-02T10:00:00+01:00", "2024-01-05")


def test_utc_value_shown_in_the_pages_own_offset() -> None:
    cands = [_c("2019-10-18T22:04:00+00:00", "jsonld"), _c("2019-10-19T00:04:00+02:00", "meta")]
    assert choose_dates(cands)[0] == "2019-10-19T00:04:00+02:00"
    only_utc = [_c("2019-10-18T23:30:00+00:00", "jsonld")]
    assert choose_dates(only_utc, url="https://www.zeitung.de/a")[0] == "2019-10-19T01:30:00+02:00"
    assert choose_dates(only_utc, url="https://news.test/a")[0] == "2019-10-18T23:30:00+00:00"
    assert page_zone("https://www.x.co.kr/a") == "Asia/Seoul"


def test_url_day_overrules_other_days() -> None:
    cands = [_c("2019-06-17T18:28:00+02:00", "jsonld"), _c("2017-07-12", "url")]
    assert choose_dates(cands)[0] == "2017-07-12"


def test_future_and_ancient_dates_are_ignored() -> None:
    cands = [_c("2031-01-01", "jsonld"), _c("1970-01-01", "meta"), _c("2025-12-24", "text")]
    assert choose_dates(cands, FETCHED)[0] == "2025-12-24"
    assert choose_dates([], FETCHED) == (None, None)
