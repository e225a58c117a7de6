"""Every request SiteSpider yields survives scrapy-redis's serializer (the queue's
own encode/decode: pickle of ``Request.to_dict(spider=...)``, which replaced
``scrapy.utils.request.request_to_dict`` in Scrapy 2.19), with the hints the
distributed middleware adds to meta."""
from __future__ import annotations

import asyncio
import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.utils.test import get_crawler

from crawler.distributed.hints import HINTS_META, DiscoveryHintsMiddleware
from crawler.registry import parse_site
from crawler.spiders.site import spider_class_for

redis_queue = pytest.importorskip("scrapy_redis.queue")

SITE = parse_site({
    "slug": "serial-news", "name": "Serial News", "homepage": "https://serial.example/", "language": "en",
    "feeds": ["/rss.xml"], "sitemaps": ["/sitemap-index.xml"], "news_sitemaps": ["/news-sitemap.xml"],
    "listing_pages": ["/latest/"], "article_url_patterns": [r"^/stories/[a-z0-9-]+/$"],
    "max_listing_pages": 3,
})
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Serial</title>
<item><title>Cast announced</title><link>https://serial.example/stories/cast-announced/</link>
<pubDate>Wed, 04 Nov 2026 10:00:00 +0000</pubDate></item>
<item><title>Finale ratings</title><link>https://serial.example/stories/finale-ratings/</link></item>
</channel></rss>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://serial.example/sitemap-2026-11.xml</loc><lastmod>2026-11-05</lastmod></sitemap>
</sitemapindex>"""
MONTH = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://serial.example/stories/renewed-for-season-3/</loc><lastmod>2026-11-03T08:00:00Z</lastmod></url>
</urlset>"""
NEWS = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://serial.example/stories/trailer-drops/</loc><news:news>
<news:publication_date>2026-11-05T09:30:00+09:00</news:publication_date>
<news:title>Trailer drops</news:title></news:news></url></urlset>"""
LISTING = b"""<html><body><a href="/stories/set-photos/">Set photos</a>
<a href="/stories/cast-announced/">again</a><a rel="next" href="/latest/page/2/">Next</a></body></html>"""


def make_spider():
    cls = spider_class_for(SITE)
    return cls.from_crawler(get_crawler(cls))


def start_requests(spider) -> list[Request]:
    async def collect():
        return [request async for request in spider.start()]
    return asyncio.run(collect())


def callback_requests(spider) -> list[Request]:
    def feed(url, body, cls=XmlResponse, **kwargs):
        request = Request(url, meta=kwargs.pop("meta", {}))
        return cls(url, body=body, request=request, **kwargs)

    out = list(spider.parse_feed(feed("https://serial.example/rss.xml", RSS)))
    out += list(spider.parse_sitemap(feed("https://serial.example/sitemap-index.xml", INDEX)))
    out += list(spider.parse_sitemap(feed("https://serial.example/sitemap-2026-11.xml", MONTH)))
    out += list(spider.parse_sitemap(feed("https://serial.example/news-sitemap.xml", NEWS)))
    out += list(spider.parse_listing(feed("https://serial.example/latest/", LISTING, HtmlResponse,
                                          encoding="utf-8"), page=1))
    return [r for r in out if isinstance(r, Request)]


def with_hints(spider, requests: list[Request]) -> list[Request]:
    """Run the requests through the hints middleware, as a worker does."""
    middleware = DiscoveryHintsMiddleware(spider.crawler)
    spider.crawler.spider = spider

    async def source():
        for request in requests:
            yield request

    async def collect():
        return [r async for r in middleware.process_spider_output(None, source())]
    return asyncio.run(collect())


def test_every_request_the_spider_yields_round_trips_through_the_redis_serializer():
    spider = make_spider()
    requests = start_requests(spider) + with_hints(spider, callback_requests(spider))
    kinds = {r.callback.__name__ for r in requests}
    assert kinds == {"parse_feed", "parse_sitemap", "parse_listing", "parse_article"}
    assert sum(r.callback.__name__ == "parse_article" for r in requests) == 5
    assert any(HINTS_META in r.meta for r in requests)
    queue = redis_queue.PriorityQueue(server=None, spider=spider, key="%(spider)s:requests")
    for request in requests:
        restored = queue._decode_request(queue._encode_request(request))
        assert restored.url == request.url
        assert restored.callback == request.callback and restored.errback == request.errback
        assert restored.meta == request.meta and restored.cb_kwargs == request.cb_kwargs
        assert restored.dont_filter == request.dont_filter and restored.priority == request.priority


def test_feeds_sitemaps_and_listings_are_refetched_every_run_and_articles_are_filtered():
    spider = make_spider()
    requests = start_requests(spider) + callback_requests(spider)
    for request in requests:
        is_discovery = request.callback.__name__ != "parse_article"
        assert request.dont_filter is is_discovery, request


def test_a_request_with_a_lambda_callback_is_refused_by_the_serializer():
    """What the test above guards against: such a request cannot reach Redis."""
    spider = make_spider()
    request = Request("https://serial.example/stories/x/", callback=lambda response: None)
    queue = redis_queue.PriorityQueue(server=None, spider=spider, key="%(spider)s:requests")
    with pytest.raises(ValueError):
        queue._encode_request(request)
