"""Carry discovery hints with the request, so any worker can use them.

SiteSpider keeps what a feed or sitemap said about an article URL (feed
date, news title, lastmod…) in the memory of the spider that parsed the
feed, and the normalize stage uses it (dates, titles).  With several
workers the article is usually fetched by another process.  This spider
middleware copies a request's hints into ``meta["entcrawl_hints"]`` (plain
strings: picklable) when the request leaves the callback, and hands them
back to the fetching spider before its callback runs, adding the redirect
chain (``redirect_urls``), which the ingest records in ``fetch_state``.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request
from scrapy.http import Response

HINTS_META = "entcrawl_hints"


def spider_hints(spider: Any) -> dict[str, dict[str, Any]] | None:
    """The spider's per-URL hints (SiteSpider's ``_hints``), or None for other spiders."""
    hints = getattr(spider, "_hints", None)
    return hints if isinstance(hints, dict) else None


def merge_hints(target: dict[str, Any], hints: dict[str, Any]) -> None:
    """Add what ``hints`` knows and ``target`` does not (pure on ``target``)."""
    for key, value in hints.items():
        if value not in (None, "", [], {}):
            target.setdefault(key, value)


class DiscoveryHintsMiddleware:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> DiscoveryHintsMiddleware:
        return cls(crawler)

    def process_spider_input(self, response: Response) -> None:
        hints_by_url = spider_hints(self.crawler.spider)
        if hints_by_url is None:
            return
        carried = dict(response.meta.get(HINTS_META) or {})
        redirects = [str(url) for url in response.meta.get("redirect_urls") or []]
        if redirects:
            carried["redirect_urls"] = redirects
        if not carried:
            return
        request_url = response.request.url if response.request is not None else response.url
        for url in dict.fromkeys((request_url, response.url)):
            merge_hints(hints_by_url.setdefault(url, {}), carried)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        hints_by_url = spider_hints(self.crawler.spider)
        async for obj in result:
            if hints_by_url is not None and isinstance(obj, Request) and not obj.dont_filter:
                hints = hints_by_url.get(obj.url)
                if hints:
                    obj.meta[HINTS_META] = {k: v for k, v in hints.items() if isinstance(v, (str, int, float))}
            yield obj
