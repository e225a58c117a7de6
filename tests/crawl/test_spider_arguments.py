"""Spider arguments are validated before any request."""
from __future__ import annotations

import datetime as dt

import pytest

from crawler.spiders.arguments import SpiderArgumentError, parse_crawl_arguments


def test_valid_arguments_parse():
    args = parse_crawl_arguments({"since": "2026-01-01", "max_articles": "50", "discovery": "feeds,listings"})
    assert args.since == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    assert args.max_articles == 50
    assert args.discovery == ("feeds", "listings")
    assert args.in_window(dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc))
    assert not args.in_window(dt.datetime(2025, 12, 31, tzinfo=dt.timezone.utc))
    assert args.in_window(None)


@pytest.mark.parametrize(
    "raw, words",
    [
        ({"since": "last tuesday"}, "since: 'last tuesday' is not a date"),
        ({"max_articles": "many"}, "max_articles: 'many' is not a whole number"),
        ({"max_articles": "0"}, "max_articles: must be at least 1"),
        ({"discovery": "feeds,rumours"}, "discovery: 'rumours'"),
        ({"since": "2026-05-01", "until": "2026-01-01"}, "until must be after since"),
        ({"max_article": "5"}, "unknown spider argument 'max_article'"),
    ],
)
def test_bad_arguments_are_named(raw, words):
    with pytest.raises(SpiderArgumentError) as err:
        parse_crawl_arguments(raw)
    assert words in str(err.value)
