"""NormalizePipeline: the item is cleaned in place; non-articles are dropped with reasons and stats."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from pipelines.normalize import NormalizePipeline, site_name_from_url

PARAGRAPH = ("The coastal mystery drama returns next spring, and the streamer has promised a darker run of "
             "eight episodes that follow the detective back to the harbor town where it all began.")
BODY = "\n\n".join([PARAGRAPH] * 4) + "\n\nShare post:\n\nLEAVE A REPLY\n\nPlease enter your comment!"


def make_item(**changes: Any) -> ArticleItem:
    item = ArticleItem(
        url="https://www.reelnews.com/2026/03/13/moonlit-harbor-season-3/amp/?utm_source=feed&fbclid=x",
        source="reelnews",
        fetched_at="2026-03-14T12:00:00+00:00",
        discovered_via="feed",
        discovery={"feed_published": "Fri, 13 Mar 2026 09:00:00 +0900"},
        canonical_url="https://reelnews.com/2026/03/13/moonlit-harbor-season-3/",
        title="Moonlit Harbor Season 3 Gets a Spring Date | ReelNews",
        description="  The coastal&nbsp;drama   returns. ",
        body=BODY,
        authors=["By Mara Lindqvist, Senior Editor", "mara lindqvist", "ReelNews Staff"],
        language="en-US",
        page_type="article",
        date_candidates=[
            {"value": "2026-03-13T09:00:00+09:00", "raw": "2026-03-13T09:00:00+09:00", "source": "jsonld",
             "kind": "published"},
            {"value": "2026-03-13T00:00:00Z", "raw": "2026-03-13T00:00:00Z", "source": "meta", "kind": "published"},
            {"value": None, "raw": "Updated: March 13, 2026 at 10:00 a.m. PT", "source": "text", "kind": "published"},
        ],
    )
    return replace(item, **changes)


def make_pipeline(**settings: Any) -> NormalizePipeline:
    crawler = get_crawler(settings_dict=settings)
    return build_from_crawler(NormalizePipeline, crawler)


def test_article_is_normalized_in_place() -> None:
    pipeline = make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20)
    item = make_item()
    out = pipeline.process_item(item)
    assert out is item
    assert item.title == "Moonlit Harbor Season 3 Gets a Spring Date"
    assert item.body == "\n\n".join([PARAGRAPH] * 4)
    assert item.word_count == 4 * len(PARAGRAPH.split())
    assert item.description == "The coastal drama returns."
    assert item.canonical_url == "https://reelnews.com/2026/03/13/moonlit-harbor-season-3/"
    assert item.authors == ["Mara Lindqvist"]
    assert item.language == "en"
    assert item.published_at == "2026-03-13T00:00:00+00:00"
    assert (item.published_offset, item.published_source) == ("+09:00", "jsonld")
    assert 0.9 < item.published_confidence <= 0.99
    assert item.updated_at == "2026-03-13T17:00:00+00:00"
    assert {c["source"] for c in item.date_candidates} == {"jsonld", "meta", "text", "feed", "url"}
    assert all(c["value"].endswith("+00:00") or len(c["value"]) == 10 for c in item.date_candidates)
    stats = pipeline.stats.get_stats()
    assert stats["entcrawl/dates/source/jsonld"] == 1
    assert "entcrawl/dates/dateparser_fallback" not in stats
    assert not any(key.startswith("entcrawl/dropped/") for key in stats)


def test_dict_items_work_too() -> None:
    pipeline = make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20)
    item = {"url": "https://reelnews.com/a", "title": "A title about Moonlit Harbor - ReelNews", "body": BODY,
            "fetched_at": "2026-03-14T12:00:00+00:00"}
    pipeline.process_item(item)
    assert item["title"] == "A title about Moonlit Harbor"
    assert item["canonical_url"] == "https://reelnews.com/a"
    assert item["published_source"] == "first_seen"
    assert item["language"] == "en"


@pytest.mark.parametrize(("changes", "reason"), [
    ({"page_type": "gallery"}, "not_article"),
    ({"page_type": "tag", "title": ""}, "not_article"),
    ({"title": "   "}, "no_title"),
    ({"title": "&nbsp;\u200b |"}, "no_title"),
    ({"body": ""}, "no_body"),
    ({"body": "Subscribe\n\nShare this article\n\nAdvertisement"}, "no_body"),
    ({"body": "Just a teaser sentence.\n\nRead more"}, "short_body"),
])
def test_drops_with_named_reason_and_stat(changes: dict[str, Any], reason: str) -> None:
    pipeline = make_pipeline()
    with pytest.raises(DropItem) as excinfo:
        pipeline.process_item(make_item(**changes))
    assert str(excinfo.value).startswith(f"{reason}: ")
    assert pipeline.stats.get_value(f"entcrawl/dropped/{reason}") == 1


def test_min_body_words_setting_and_default() -> None:
    assert make_pipeline().min_body_words == 80
    short = make_item(body=PARAGRAPH)  # 31 words
    with pytest.raises(DropItem, match="short_body"):
        make_pipeline(ENTCRAWL_MIN_BODY_WORDS=40).process_item(short)
    make_pipeline(ENTCRAWL_MIN_BODY_WORDS=30).process_item(make_item(body=PARAGRAPH))


def test_news_title_rescues_a_missing_title() -> None:
    item = make_item(title="", discovery={"news_title": "Moonlit Harbor renewed"})
    make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20).process_item(item)
    assert item.title == "Moonlit Harbor renewed"


def test_dateparser_fallback_and_rejections_are_counted() -> None:
    pipeline = make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20)
    item = make_item(date_candidates=[
        {"value": None, "raw": "Friday 13th of March, 2026", "source": "text", "kind": "published"},
        {"value": "2027-01-01T00:00:00Z", "raw": "2027-01-01T00:00:00Z", "source": "jsonld", "kind": "published"},
    ], discovery={}, url="https://reelnews.com/news/moonlit")
    pipeline.process_item(item)
    stats = pipeline.stats.get_stats()
    assert stats["entcrawl/dates/dateparser_fallback"] == 1
    assert stats["entcrawl/dates/rejected/future"] == 1
    assert item.published_source == "text"


def test_site_settings_for_names_and_timezones() -> None:
    pipeline = make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20, ENTCRAWL_SITE_NAMES={"reelnews": "The Reel"},
                             ENTCRAWL_SITE_TIMEZONES={"reelnews": "Asia/Seoul"})
    item = make_item(title="The Reel — Moonlit Harbor Season 3 Gets a Date", date_candidates=[
        {"value": "2026-03-13 09:00", "raw": "2026-03-13 09:00", "source": "time", "kind": "published"}],
        discovery={})
    pipeline.process_item(item)
    assert item.title == "Moonlit Harbor Season 3 Gets a Date"
    assert (item.published_at, item.published_offset) == ("2026-03-13T00:00:00+00:00", "+09:00")


def test_unusable_url_keeps_the_item() -> None:
    pipeline = make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20)
    item = make_item(url="not a url", canonical_url="")
    pipeline.process_item(item)
    assert item.canonical_url == "not a url"
    assert pipeline.stats.get_value("entcrawl/normalize/bad_url") == 1


def test_missing_fetch_time_uses_now() -> None:
    item = make_item(fetched_at="", date_candidates=[], discovery={}, url="https://reelnews.com/a")
    make_pipeline(ENTCRAWL_MIN_BODY_WORDS=20).process_item(item)
    assert item.published_source == "first_seen" and item.published_at


@pytest.mark.parametrize(("url", "expected"), [("https://www.reelnews.com/a", "reelnews"),
                                               ("https://news.example.co.uk/", "example"),
                                               ("http://127.0.0.1:8000/", ""), ("", "")])
def test_site_name_from_url(url: str, expected: str) -> None:
    assert site_name_from_url(url) == expected
