"""Incremental crawling: refetch rules, lookups in the database, and the spider skipping known URLs."""
from __future__ import annotations

import datetime as dt

import pytest
from scrapy import Request
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from crawler.ops.incremental import ArticleIndex, KnownArticle, announced_date, parse_when, refetch_reason
from crawler.registry import parse_site
from crawler.spiders.site import spider_class_for
from pipelines.crawl_runs import upsert_fetch_state
from pipelines.database import open_database
from pipelines.store import store_item

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc)
WINDOW = dt.timedelta(days=3)


def utc(text: str) -> dt.datetime:
    return parse_when(text)


@pytest.mark.parametrize("known, announced, reason", [
    (None, None, "new"),
    (KnownArticle(1, utc("2026-03-01T10:00:00+00:00"), utc("2026-03-01T10:00:00+00:00")), None, None),
    (KnownArticle(1, utc("2026-03-01T10:00:00+00:00"), utc("2026-03-01T10:00:00+00:00")),
     utc("2026-03-01T10:00:00+00:00"), None),                       # same date: not changed
    (KnownArticle(1, utc("2026-03-01T10:00:00+00:00"), utc("2026-03-01T10:00:00+00:00")),
     utc("2026-11-27T09:00:00+05:30"), "changed"),
    (KnownArticle(1, utc("2026-03-01T10:00:00+00:00"), utc("2026-03-01T10:00:00+00:00")),
     utc("2026-03-01"), None),                                      # date-only lastmod of the same day
    (KnownArticle(1, None, None), utc("2026-01-01"), "changed"),     # nothing known: any date is news
    (KnownArticle(1, utc("2026-11-29T08:00:00+00:00"), utc("2026-11-29T08:00:00+00:00")), None, "recent"),
    (KnownArticle(1, utc("2026-11-20T08:00:00+00:00"), utc("2026-11-20T08:00:00+00:00")), None, None),
])
def test_refetch_reason(known, announced, reason):
    assert refetch_reason(known, announced, NOW, WINDOW) == reason


def test_zero_window_never_calls_anything_recent():
    known = KnownArticle(1, NOW, NOW)
    assert refetch_reason(known, None, NOW, dt.timedelta(0)) is None


def test_announced_date_is_the_newest_hint():
    hints = {"feed_published": "2026-03-01T10:00:00+00:00", "lastmod": "2026-03-05",
             "news_publication_date": "2026-03-01T19:00:00+09:00", "feed_title": "x", "lastmod_bad": "soon"}
    assert announced_date(hints) == utc("2026-03-05T00:00:00+00:00")
    assert announced_date({"lastmod": "not a date"}) is None


def stored_db(tmp_path):
    db = open_database(tmp_path / "known.db")
    item = ArticleItem(url="https://fixture.example/2026/03/new-one/?utm_source=feed",
                       canonical_url="https://fixture.example/2026/03/new-one/", source="fixture-tv",
                       title="Season 2 is filming", body="word " * 100,
                       published_at="2026-03-10T09:00:00-05:00", fetched_at="2026-03-10T15:00:00+00:00")
    store_item(db, item)
    return db, item


def test_index_finds_articles_by_url_canonical_url_and_fetch_state(tmp_path):
    db, item = stored_db(tmp_path)
    upsert_fetch_state(db, url="https://fixture.example/p?id=7", source="fixture-tv", article_id=item.article_id,
                       fetched_at="2026-03-10T15:00:00+00:00", discovery_date="2026-04-01T00:00:00+00:00")
    db.close()
    index = ArticleIndex(tmp_path / "known.db")
    try:
        by_canonical = index.lookup("https://fixture.example/2026/03/new-one/")
        by_url = index.lookup("https://fixture.example/2026/03/new-one/?utm_source=feed")
        by_state = index.lookup("https://fixture.example/p?id=7")
        assert by_canonical == by_url and by_canonical.article_id == item.article_id
        assert by_canonical.content_date == utc("2026-03-10T14:00:00+00:00")
        assert by_state.content_date == utc("2026-04-01T00:00:00+00:00")   # the date announced last time
        assert index.lookup("https://fixture.example/2026/03/other/") is None
    finally:
        index.close()


def test_index_of_a_missing_database_knows_nothing(tmp_path):
    index = ArticleIndex(tmp_path / "nothing.db")
    assert index.lookup("https://x.example/a") is None
    assert not (tmp_path / "nothing.db").exists()


SITE = parse_site({
    "slug": "fixture-tv", "name": "Fixture TV", "homepage": "https://fixture.example/", "language": "en",
    "feeds": ["/feed/"], "sitemaps": ["/sitemap.xml"],
    "article_url_patterns": [r"^/\d{4}/\d{2}/[a-z0-9-]+/$"],
})
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title>
<item><title>Known</title><link>https://fixture.example/2026/03/new-one/</link>
<pubDate>Tue, 10 Mar 2026 09:00:00 -0500</pubDate></item>
<item><title>Fresh</title><link>https://fixture.example/2026/03/fresh-one/</link>
<pubDate>Wed, 11 Mar 2026 09:00:00 -0500</pubDate></item>
</channel></rss>"""
SITEMAP = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://fixture.example/2026/03/new-one/</loc><lastmod>2026-11-27T10:00:00+00:00</lastmod></url>
</urlset>"""


def make_spider(db_path, **settings):
    cls = spider_class_for(SITE)
    crawler = get_crawler(cls, {"ENTCRAWL_INCREMENTAL": True, "ENTCRAWL_DB": str(db_path),
                                "ENTCRAWL_RECRAWL_WINDOW_DAYS": 0, **settings})
    return cls.from_crawler(crawler)


def article_requests(results):
    return [r.url for r in results if isinstance(r, Request)]


def test_spider_skips_known_then_fetches_when_a_sitemap_announces_a_change(tmp_path):
    db, _ = stored_db(tmp_path)
    db.close()
    spider = make_spider(tmp_path / "known.db")
    feed = article_requests(spider.parse_feed(XmlResponse("https://fixture.example/feed/", body=FEED)))
    assert feed == ["https://fixture.example/2026/03/fresh-one/"]
    stats = spider.crawler.stats
    assert stats.get_value("entcrawl/skipped/known") == 1
    changed = list(spider.parse_sitemap(XmlResponse("https://fixture.example/sitemap.xml", body=SITEMAP)))
    assert [r.url for r in changed] == ["https://fixture.example/2026/03/new-one/"]
    assert changed[0].meta["entcrawl_fetch_reason"] == "changed"
    assert stats.get_value("entcrawl/skipped/known") == 0   # no longer skipped
    hints = spider._discovery_hints(XmlResponse(changed[0].url, body=b"", request=changed[0]))
    assert hints["feed_published"] and hints["lastmod"]      # the feed's hints were kept
    assert hints["requested_url"] == changed[0].url
    spider.closed("finished")


def test_recent_articles_are_fetched_again(tmp_path):
    db, _ = stored_db(tmp_path)
    db.close()
    spider = make_spider(tmp_path / "known.db", ENTCRAWL_RECRAWL_WINDOW_DAYS=100000)
    feed = list(spider.parse_feed(XmlResponse("https://fixture.example/feed/", body=FEED)))
    assert [r.meta["entcrawl_fetch_reason"] for r in feed] == ["recent", "new"]


def test_incremental_off_fetches_everything(tmp_path):
    db, _ = stored_db(tmp_path)
    db.close()
    spider = make_spider(tmp_path / "known.db", ENTCRAWL_INCREMENTAL=False)
    assert len(article_requests(spider.parse_feed(XmlResponse("https://fixture.example/feed/", body=FEED)))) == 2


def test_hints_of_a_redirected_article_keep_the_discovered_url(tmp_path):
    spider = make_spider(tmp_path / "none.db")
    (request,) = [r for r in spider.parse_feed(XmlResponse("https://fixture.example/feed/", body=FEED))
                  if r.url.endswith("new-one/")]
    redirected = request.replace(url="https://fixture.example/2026/03/new-one-moved/")
    redirected.meta["redirect_urls"] = [request.url]
    hints = spider._discovery_hints(XmlResponse(redirected.url, body=b"", request=redirected))
    assert hints["requested_url"] == request.url and hints["feed_published"]
