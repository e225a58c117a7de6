"""The two reference spiders of the benchmark.

Both discover the article URLs like entcrawl does for the bench site
(robots.txt, then the sitemap index, then its sitemaps) and fetch the same
pages with the same settings.

* ``BareSpider``: the callback does nothing (the framework's floor).
* ``NaiveSpider``: what a user would write instead of entcrawl: one
  ``trafilatura.extract`` call per page in the callback, yielding a dict.  With
  ``-a metadata=1`` (the default) it asks for title/date/author too
  (``with_metadata=True``, JSON output), the same fields entcrawl extracts;
  ``metadata=0`` is the text-only call.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap


class _SitemapCrawl(scrapy.Spider):
    start_url = ""          # the sitemap index, given with -a start_url=...

    def __init__(self, start_url: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start_url

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.start_url, self.parse_sitemap, dont_filter=True)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        sitemap = Sitemap(response.body)
        if sitemap.type == "sitemapindex":
            for entry in sitemap:
                yield scrapy.Request(entry["loc"], self.parse_sitemap, dont_filter=True)
            return
        for entry in sitemap:
            yield scrapy.Request(entry["loc"], self.parse_page)

    def parse_page(self, response: Response) -> Any:
        raise NotImplementedError


class BareSpider(_SitemapCrawl):
    name = "bench-bare"

    def parse_page(self, response: Response) -> Iterator[Any]:
        self.crawler.stats.inc_value("bench/pages")
        return iter(())


class NaiveSpider(_SitemapCrawl):
    name = "bench-naive"

    def __init__(self, start_url: str = "", metadata: str = "1", **kwargs: Any) -> None:
        super().__init__(start_url, **kwargs)
        self.with_metadata = metadata not in ("0", "false", "no")

    def parse_page(self, response: Response) -> Iterator[dict[str, Any]]:
        import trafilatura

        self.crawler.stats.inc_value("bench/pages")
        if self.with_metadata:
            result = trafilatura.extract(response.text, url=response.url, with_metadata=True,
                                         output_format="json")
        else:
            result = trafilatura.extract(response.text)
        if result:
            yield {"url": response.url, "extracted": result}
