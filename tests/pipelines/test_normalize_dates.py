"""parse_date / resolve_dates: offsets, labels, relative dates, rejection, confidence."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from pipelines.date_resolution import (
    ImpossibleDateError, date_from_url, parse_date, resolve_dates, source_class,
)

FETCHED = "2026-03-14T12:00:00+00:00"
FETCHED_DT = datetime(2026, 3, 14, 12, 0, tzinfo=timezone.utc)


def utc(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(timezone.utc).isoformat()


@pytest.mark.parametrize(("text", "expected_utc", "offset", "method"), [
    ("2026-03-14T09:00:00+09:00", "2026-03-14T00:00:00+00:00", "+09:00", "iso"),
    ("2026-03-13T19:30:00-05:00", "2026-03-14T00:30:00+00:00", "-05:00", "iso"),
    ("2026-03-14T00:00:00Z", "2026-03-14T00:00:00+00:00", "+00:00", "iso"),
    ("2026-03-14T09:00:00.123+0900", "2026-03-14T00:00:00.123000+00:00", "+09:00", "iso"),
    ("Sat, 14 Mar 2026 09:00:00 +0900", "2026-03-14T00:00:00+00:00", "+09:00", "rfc2822"),
    ("Fri, 13 Mar 2026 23:00:00 GMT", "2026-03-13T23:00:00+00:00", "+00:00", "rfc2822"),
    ("13 Mar 2026 23:00 -0500", "2026-03-14T04:00:00+00:00", "-05:00", "rfc2822"),
    ("March 13, 2026 9:05 PM EST", "2026-03-14T02:05:00+00:00", "-05:00", "format"),
    ("Updated: March 13, 2026 at 10:00 a.m. PT", "2026-03-13T17:00:00+00:00", "-07:00", "format"),
    ("Jan. 3, 2026 10:00 PT", "2026-01-03T18:00:00+00:00", "-08:00", "format"),
    ("13.03.2026, 15:20 Uhr MEZ", "2026-03-13T14:20:00+00:00", "+01:00", "format"),
    ("2026년 3월 13일 오후 3:20 KST", "2026-03-13T06:20:00+00:00", "+09:00", "format"),
    ("Publié le 13 mars 2026 à 08h15 +01:00", "2026-03-13T07:15:00+00:00", "+01:00", "format"),
])
def test_parse_with_offsets(text: str, expected_utc: str, offset: str, method: str) -> None:
    parsed = parse_date(text, FETCHED_DT)
    assert parsed is not None and parsed.day is None
    assert utc(parsed.moment) == expected_utc
    assert (parsed.offset, parsed.method, parsed.assumed_tz) == (offset, method, "")


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-03-13", date(2026, 3, 13)),
    ("13 Mär. 2026", date(2026, 3, 13)),
    ("Fri, 13 Mar 2026", date(2026, 3, 13)),
    ("13 March 2026", date(2026, 3, 13)),
    ("14. März 2026", date(2026, 3, 14)),
    ("13 de marzo de 2026", date(2026, 3, 13)),
    ("2026년 3월 13일", date(2026, 3, 13)),
    ("Posted on 03/13/2026", date(2026, 3, 13)),
    ("13/03/2026", date(2026, 3, 13)),  # first number > 12: day/month
])
def test_bare_days_keep_day_precision(text: str, expected: date) -> None:
    parsed = parse_date(text, FETCHED_DT)
    assert parsed is not None and parsed.moment is None and parsed.day == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("3 days ago", date(2026, 3, 11)),
    ("vor 2 Tagen", date(2026, 3, 12)),
    ("hace 3 días", date(2026, 3, 11)),
    ("il y a 1 semaine", date(2026, 3, 7)),
    ("3일 전", date(2026, 3, 11)),
    ("yesterday", date(2026, 3, 13)),
    ("gestern", date(2026, 3, 13)),
    ("어제", date(2026, 3, 13)),
])
def test_relative_days_anchor_to_fetch_time(text: str, expected: date) -> None:
    parsed = parse_date(text, FETCHED_DT)
    assert parsed is not None and parsed.day == expected and parsed.method == "relative"


@pytest.mark.parametrize(("text", "expected"), [
    ("2 hours ago", "2026-03-14T10:00:00+00:00"),
    ("an hour ago", "2026-03-14T11:00:00+00:00"),
    ("vor 2 Stunden", "2026-03-14T10:00:00+00:00"),
    ("2시간 전", "2026-03-14T10:00:00+00:00"),
    ("hace 30 minutos", "2026-03-14T11:30:00+00:00"),
])
def test_relative_times(text: str, expected: str) -> None:
    parsed = parse_date(text, FETCHED_DT)
    assert parsed is not None and utc(parsed.moment) == expected


def test_relative_needs_an_anchor() -> None:
    assert parse_date("3 days ago", None, allow_dateparser=False) is None


def test_naive_times_use_site_timezone_else_utc() -> None:
    seoul = parse_date("2026-03-14 09:00", FETCHED_DT, site_timezone="Asia/Seoul")
    assert seoul is not None and utc(seoul.moment) == "2026-03-14T00:00:00+00:00"
    assert (seoul.offset, seoul.assumed_tz) == ("+09:00", "site")
    bare = parse_date("2026-03-14 09:00", FETCHED_DT)
    assert bare is not None and utc(bare.moment) == "2026-03-14T09:00:00+00:00"
    assert (bare.offset, bare.assumed_tz) == ("", "utc")
    unknown_zone = parse_date("2026-03-14 09:00", FETCHED_DT, site_timezone="Mars/Olympus")
    assert unknown_zone is not None and unknown_zone.assumed_tz == "utc"


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "2026-02-30T10:00:00Z", "31.02.2026",
                                  "2026년 13월 1일", "March 32, 2026", "2026-03-14 25:00"])
def test_impossible_dates_raise(text: str) -> None:
    with pytest.raises(ImpossibleDateError):
        parse_date(text, FETCHED_DT)


@pytest.mark.parametrize("text", ["", "   ", "Netflix", "Season 2", "x" * 500])
def test_garbage_is_none(text: str) -> None:
    assert parse_date(text, FETCHED_DT) is None


def test_dateparser_is_the_fallback_and_is_counted() -> None:
    result = resolve_dates([{"value": None, "raw": "Friday 13th of March, 2026", "source": "text"},
                            {"value": "2026-03-13T10:00:00+01:00", "source": "jsonld", "kind": "published"}],
                           fetched_at=FETCHED)
    assert result.dateparser_fallbacks == 1
    assert result.published_source == "jsonld"
    assert {"kind": "published", "value": "2026-03-13", "source": "text", "raw": "Friday 13th of March, 2026"} \
        in result.candidates
    fast = resolve_dates([{"value": "2026-03-13T10:00:00+01:00", "source": "meta"}], fetched_at=FETCHED)
    assert fast.dateparser_fallbacks == 0


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/2026/03/14/moonlit-harbor/", date(2026, 3, 14)),
    ("https://example.com/news/2026-03-14-moonlit-harbor", date(2026, 3, 14)),
    ("https://example.com/news/20260314/123", date(2026, 3, 14)),
    ("https://example.com/2026/3/4/x", date(2026, 3, 4)),
    ("https://example.com/2026/13/14/x", None),
    ("https://example.com/article/1234567890", None),
    ("https://example.com/x?date=2026/03/14/", None),
])
def test_date_from_url(url: str, expected: date | None) -> None:
    assert date_from_url(url) == expected


def cand(value: str | None, source: str, kind: str = "published", raw: str = "") -> dict:
    return {"value": value, "source": source, "kind": kind, "raw": raw or (value or "")}


def test_preference_order_and_agreement_raises_confidence() -> None:
    alone = resolve_dates([cand("2026-03-13T09:00:00+09:00", "jsonld")], fetched_at=FETCHED)
    agreed = resolve_dates([cand("2026-03-13T09:00:00+09:00", "jsonld"),
                            cand("2026-03-13T00:00:00Z", "meta:article:published_time"),
                            cand("2026-03-13T09:00:00+09:00", "time")],
                           fetched_at=FETCHED, url="https://example.com/2026/03/13/slug")
    assert alone.published_source == agreed.published_source == "jsonld"
    assert agreed.published_at == "2026-03-13T00:00:00+00:00"
    assert agreed.published_offset == "+09:00"
    assert agreed.published_confidence > alone.published_confidence
    assert agreed.published_precision == "datetime"


def test_utc_value_takes_the_offset_of_a_matching_candidate() -> None:
    result = resolve_dates([cand("2026-03-13T00:00:00Z", "jsonld"), cand("2026-03-13T09:00:00+09:00", "text")],
                           fetched_at=FETCHED)
    assert (result.published_source, result.published_offset) == ("jsonld", "+09:00")
    seoul = resolve_dates([cand("2026-03-13T00:00:00Z", "jsonld")], fetched_at=FETCHED, site_timezone="Asia/Seoul")
    assert seoul.published_offset == "+09:00"


def test_naive_local_time_reveals_the_offset_of_a_utc_value() -> None:
    result = resolve_dates([cand("2026-03-13T01:09:55Z", "jsonld"), cand("2026-03-12 18:09:55", "time")],
                           fetched_at=FETCHED)
    assert (result.published_at, result.published_offset) == ("2026-03-13T01:09:55+00:00", "-07:00")
    unrelated = resolve_dates([cand("2026-03-13T01:09:55Z", "jsonld"), cand("2026-03-12 18:10:07", "time")],
                              fetched_at=FETCHED)
    assert unrelated.published_offset == "+00:00"


def test_candidate_disagreeing_with_url_loses() -> None:
    result = resolve_dates([cand("2025-11-02T10:00:00+00:00", "jsonld"),  # template default, wrong
                            cand("2026-03-12T18:00:00-04:00", "time")],
                           fetched_at=FETCHED, url="https://example.com/2026/03/12/story")
    assert result.published_source == "time"
    assert result.published_at == "2026-03-12T22:00:00+00:00"


def test_mixed_offsets_choose_the_same_instant() -> None:
    result = resolve_dates([cand("2026-03-13T23:30:00-05:00", "meta"), cand("2026-03-14T13:30:00+09:00", "time")],
                           fetched_at=FETCHED)
    assert result.published_at == "2026-03-14T04:30:00+00:00"
    assert result.published_offset == "-05:00"


def test_updated_line_is_reclassified_and_split() -> None:
    result = resolve_dates([
        cand(None, "text", raw="Published March 12, 2026 7:00 AM EDT | Updated March 13, 2026 8:30 AM EDT"),
        cand("2026-03-13T15:00:00+00:00", "text", raw="Updated: 3/13/2026 11:00 AM EDT"),
    ], fetched_at=FETCHED)
    assert result.published_at == "2026-03-12T11:00:00+00:00"
    assert result.updated_at in ("2026-03-13T12:30:00+00:00", "2026-03-13T15:00:00+00:00")
    kinds = sorted(c["kind"] for c in result.candidates)
    assert kinds == ["published", "updated", "updated"]


def test_future_and_ancient_candidates_are_rejected() -> None:
    result = resolve_dates([cand("2026-09-01T00:00:00Z", "jsonld"), cand("1970-01-01T00:00:00Z", "meta"),
                            cand("2026-13-01", "time"), cand("March 12, 2026", "text")], fetched_at=FETCHED)
    reasons = sorted(r["reason"] for r in result.rejected)
    assert reasons == ["future", "impossible", "too_old"]
    assert (result.published_at, result.published_source, result.published_precision) == ("2026-03-12", "text", "day")
    assert result.published_offset == ""


def test_small_future_tolerance_for_timezone_confusion() -> None:
    # naive local time of a UTC+9 site read as UTC: 9 hours "in the future", still accepted
    ok = resolve_dates([cand("2026-03-14T21:00:00", "jsonld")], fetched_at=FETCHED)
    assert ok.published_source == "jsonld" and not ok.rejected
    late = resolve_dates([cand("2026-03-15T04:00:00Z", "jsonld")], fetched_at=FETCHED)
    assert late.rejected[0]["reason"] == "future"


def test_naive_times_lower_confidence() -> None:
    aware = resolve_dates([cand("2026-03-13T09:00:00+09:00", "jsonld")], fetched_at=FETCHED)
    naive = resolve_dates([cand("2026-03-13T09:00:00", "jsonld")], fetched_at=FETCHED)
    in_site = resolve_dates([cand("2026-03-13T09:00:00", "jsonld")], fetched_at=FETCHED, site_timezone="Asia/Seoul")
    assert naive.published_confidence < in_site.published_confidence < aware.published_confidence
    assert naive.published_offset == "" and in_site.published_offset == "+09:00"
    assert in_site.published_at == "2026-03-13T00:00:00+00:00"


def test_discovery_dates_and_first_seen_fallback() -> None:
    from_feed = resolve_dates([], discovery={"feed_published": "Thu, 12 Mar 2026 08:00:00 +0100",
                                             "news_publication_date": "2026-03-12T07:00:00Z",
                                             "lastmod": "2026-03-13T10:00:00Z"}, fetched_at=FETCHED)
    assert from_feed.published_source == "news_sitemap"
    assert from_feed.published_at == "2026-03-12T07:00:00+00:00"
    assert from_feed.updated_at == "2026-03-13T10:00:00+00:00"
    nothing = resolve_dates([], fetched_at=FETCHED)
    assert (nothing.published_at, nothing.published_source) == (FETCHED, "first_seen")
    assert nothing.published_confidence == pytest.approx(0.1)
    assert nothing.candidates == []
    assert resolve_dates([]).published_at is None  # no fetch time, nothing known


def test_url_date_is_a_candidate_and_beats_the_feed() -> None:
    result = resolve_dates([], discovery={"feed_published": "2026-03-01T08:00:00Z"}, fetched_at=FETCHED,
                           url="https://example.com/2026/03/12/story")
    assert (result.published_at, result.published_source) == ("2026-03-12", "url")


def test_relative_extraction_is_less_trusted() -> None:
    rel = resolve_dates([{"value": "2026-03-14T10:00:00+00:00", "raw": "2 hours ago", "source": "text",
                          "kind": "published", "parser": "relative"}], fetched_at=FETCHED)
    plain = resolve_dates([cand("2026-03-14T10:00:00+00:00", "text")], fetched_at=FETCHED)
    assert rel.published_confidence < plain.published_confidence


def test_updated_before_published_is_ignored() -> None:
    result = resolve_dates([cand("2026-03-13T10:00:00Z", "jsonld"), cand("2026-03-01T10:00:00Z", "jsonld", "updated")],
                           fetched_at=FETCHED)
    assert result.updated_at is None


def test_storage_rows_are_utc_and_keep_raw() -> None:
    result = resolve_dates([cand("2026-03-13T09:00:00+09:00", "jsonld")], fetched_at=FETCHED,
                           url="https://example.com/2026/03/13/x")
    assert result.candidates == [
        {"kind": "published", "value": "2026-03-13T00:00:00+00:00", "source": "jsonld",
         "raw": "2026-03-13T09:00:00+09:00"},
        {"kind": "published", "value": "2026-03-13", "source": "url", "raw": "https://example.com/2026/03/13/x"},
    ]


@pytest.mark.parametrize("junk", [[None, 3, "x"], [{"value": None, "raw": None}], [{}]])
def test_malformed_candidates_do_not_crash(junk: list) -> None:
    result = resolve_dates(junk, fetched_at="not a date")
    assert result.published_at is None


@pytest.mark.parametrize(("source", "klass"), [("meta:article:published_time", "meta"), ("itemprop", "meta"),
                                               ("json-ld", "jsonld"), ("body_text", "body_text"), ("htmldate", "htmldate"), ("label", "text"),
                                               ("???", "other")])
def test_source_classes(source: str, klass: str) -> None:
    assert source_class(source) == klass


def test_url_day_borrows_the_time_of_a_same_day_sitemap_date():
    result = resolve_dates(
        [], discovery={"lastmod": "2026-04-04T09:45:00+00:00"},
        fetched_at="2026-11-30T00:00:00+00:00",
        url="https://example.test/2026/04/04/some-story/", site_timezone="Asia/Kolkata")
    assert result.published_at == "2026-04-04T09:45:00+00:00"
    assert result.published_source == "sitemap_lastmod"
    assert result.published_offset == "+05:30"


def test_url_day_ignores_a_sitemap_date_on_another_day():
    result = resolve_dates(
        [], discovery={"lastmod": "2026-05-20T09:45:00+00:00"},
        fetched_at="2026-11-30T00:00:00+00:00",
        url="https://example.test/2026/04/04/some-story/", site_timezone="Asia/Kolkata")
    assert result.published_at == "2026-04-04"
    assert result.published_source == "url"
