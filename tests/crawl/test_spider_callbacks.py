"""SiteSpider callbacks fed with saved responses (no network, no reactor)."""
from __future__ import annotations

import gzip

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from crawler.registry import parse_site
from crawler.spiders.site import spider_class_for

SITE = parse_site({
    "slug": "fixture-tv",
    "name": "Fixture TV",
    "homepage": "https://fixture.example/",
    "language": "en",
    "feeds": ["/feed/"],
    "sitemaps": ["/sitemap_index.xml"],
    "news_sitemaps": ["/news.xml"],
    "listing_pages": ["/news/"],
    "article_url_patterns": [r"^/\d{4}/\d{2}/[a-z0-9-]+/$"],
    "exclude_url_patterns": [r"/gallery/"],
    "max_listing_pages": 2,
})

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fixture TV</title>
<item><title>New one</title><link>https://fixture.example/2026/03/new-one/</link>
<pubDate>Tue, 10 Mar 2026 09:00:00 -0500</pubDate></item>
<item><title>Old one</title><link>https://fixture.example/2025/06/old-one/</link>
<pubDate>Mon, 02 Jun 2025 09:00:00 -0500</pubDate></item>
<item><title>A gallery</title><link>https://fixture.example/gallery/red-carpet/</link></item>
</channel></rss>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://fixture.example/sitemap-2026-03.xml.gz</loc><lastmod>2026-03-31</lastmod></sitemap>
<sitemap><loc>https://fixture.example/sitemap-2024-01.xml</loc><lastmod>2024-01-31</lastmod></sitemap>
</sitemapindex>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://fixture.example/2026/03/casting-news/</loc>
<news:news><news:publication><news:name>Fixture TV</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-03-12T08:30:00+09:00</news:publication_date>
<news:title>Casting news for a show</news:title></news:news></url>
</urlset>"""

LISTING = b"""<html><body>
<a href="/2026/03/first-story/">First</a> <a href="/2026/03/second-story/?utm_source=x">Second</a>
<a href="/tag/drama/">Drama</a> <a href="/news/page/2/" rel="next">Next</a>
</body></html>"""

ARTICLE = b"""<html lang="en"><head><title>Season 2 is filming - Fixture TV</title>
<meta property="article:published_time" content="2026-03-10T09:00:00-05:00">
<link rel="canonical" href="https://fixture.example/2026/03/new-one/"></head>
<body><article><h1>Season 2 is filming</h1>
<p>""" + b"The second season of the drama began filming in Seoul this week, the studio said. " * 12 + b"""</p>
<p>""" + b"The cast returns for another run of episodes set after the outbreak. " * 10 + b"""</p>
</article></body></html>"""


def make_spider(**args):
    cls = spider_class_for(SITE)
    crawler = get_crawler(cls)
    return cls.from_crawler(crawler, **args)


def requests_of(results):
    return [r for r in results if isinstance(r, Request)]


def test_spider_class_is_bound_to_its_entry():
    spider = make_spider()
    assert spider.name == "fixture-tv"
    assert spider.allowed_domains == ["fixture.example"]


def test_bad_argument_fails_before_any_request():
    with pytest.raises(ValueError, match="max_articles"):
        make_spider(max_articles="lots")


def test_feed_yields_only_article_urls_in_window():
    spider = make_spider(since="2026-01-01")
    response = XmlResponse("https://fixture.example/feed/", body=FEED)
    requests = requests_of(spider.parse_feed(response))
    assert [r.url for r in requests] == ["https://fixture.example/2026/03/new-one/"]
    hints = spider._discovery_hints(HtmlResponse(requests[0].url, body=b"", request=requests[0]))
    assert hints["feed_published"].startswith("2026-03-10T09:00:00")
    stats = spider.crawler.stats
    assert stats.get_value("entcrawl/skipped/outside_window") == 1
    assert stats.get_value("entcrawl/skipped/not_article_url") == 1


def test_sitemap_index_follows_children_after_since():
    spider = make_spider(since="2026-01-01")
    response = XmlResponse("https://fixture.example/sitemap_index.xml", body=INDEX)
    requests = requests_of(spider.parse_sitemap(response))
    assert [r.url for r in requests] == ["https://fixture.example/sitemap-2026-03.xml.gz"]
    assert requests[0].dont_filter


def test_gzipped_sitemap_and_news_fields_are_kept():
    spider = make_spider()
    response = XmlResponse("https://fixture.example/news.xml.gz", body=gzip.compress(NEWS))
    (request,) = requests_of(spider.parse_sitemap(response))
    assert request.meta["entcrawl_via"] == "news_sitemap"
    discovery = spider._discovery_hints(HtmlResponse(request.url, body=b"", request=request))
    assert discovery["news_title"] == "Casting news for a show"
    assert discovery["news_publication_date"].startswith("2026-03-12T08:30:00")


def test_listing_follows_pagination_up_to_the_limit():
    spider = make_spider()
    page1 = HtmlResponse("https://fixture.example/news/", body=LISTING)
    results = requests_of(spider.parse_listing(page1, page=1))
    urls = [r.url for r in results]
    assert "https://fixture.example/2026/03/first-story/" in urls
    assert not any("/tag/" in u for u in urls)
    assert "https://fixture.example/news/page/2/" in urls
    page2 = HtmlResponse("https://fixture.example/news/page/2/", body=LISTING)
    again = [r.url for r in requests_of(spider.parse_listing(page2, page=2))]
    assert "https://fixture.example/news/page/2/" not in again  # max_listing_pages: 2


def test_an_article_found_twice_is_requested_once_with_merged_hints():
    spider = make_spider()
    feed = XmlResponse("https://fixture.example/feed/", body=FEED)
    first = requests_of(spider.parse_feed(feed))
    again = requests_of(spider.parse_feed(feed))
    assert len(first) == 2 and again == []
    news = NEWS.replace(b"casting-news", b"new-one")
    assert requests_of(spider.parse_sitemap(XmlResponse("https://fixture.example/news.xml", body=news))) == []
    hints = spider._discovery_hints(HtmlResponse(first[0].url, body=b"", request=first[0]))
    assert hints["feed_published"] and hints["news_title"] == "Casting news for a show"


def test_max_articles_caps_article_requests():
    spider = make_spider(max_articles="1")
    page = HtmlResponse("https://fixture.example/news/", body=LISTING)
    articles = [r for r in requests_of(spider.parse_listing(page, page=1)) if r.callback == spider.parse_article]
    assert len(articles) == 1
    assert spider.crawler.stats.get_value("entcrawl/skipped/max_articles") >= 1


def test_article_callback_yields_an_item():
    spider = make_spider()
    feed = XmlResponse("https://fixture.example/feed/", body=FEED)
    (request,) = requests_of(spider.parse_feed(feed))[:1]
    response = HtmlResponse(request.url, body=ARTICLE, request=request, encoding="utf-8")
    (item,) = list(spider.parse_article(response))
    assert isinstance(item, ArticleItem)
    assert item.source == "fixture-tv"
    assert item.discovered_via == "feed"
    assert item.discovery["feed_published"].startswith("2026-03-10T09:00:00")
    assert item.title.startswith("Season 2 is filming")
    assert "began filming in Seoul" in item.body
    assert item.published_at.startswith("2026-03-10")


def test_non_text_response_is_counted_not_crashed():
    spider = make_spider()
    from scrapy.http import Response

    response = Response("https://fixture.example/2026/03/new-one/", body=b"\x89PNG")
    assert list(spider.parse_article(response)) == []
    assert spider.crawler.stats.get_value("entcrawl/errors/not_text") == 1


def test_broken_feed_is_counted_not_crashed():
    spider = make_spider()
    response = TextResponse("https://fixture.example/feed/", body=b"<html>not a feed", encoding="utf-8")
    assert requests_of(spider.parse_feed(response)) == []


def test_entry_download_delay_becomes_the_crawl_setting():
    from scrapy.settings import Settings

    site = parse_site({**{k: getattr(SITE, k) for k in ("slug", "name", "homepage", "language")},
                       "feeds": ["/feed/"], "article_url_patterns": ["^/x/$"], "download_delay": 4})
    settings = Settings({"DOWNLOAD_DELAY": 1.0})
    spider_class_for(site).update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 4.0
    settings = Settings()
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    spider_class_for(site).update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
