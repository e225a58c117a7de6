"""The one spider class behind every registry entry.

Crawling only: which URLs to fetch and in what order.  Parsing of feeds,
sitemaps and listing pages lives in :mod:`crawler.discovery`; reading an
article page lives in :mod:`crawler.extraction`.  Feeds, sitemaps and listing
pages are always re-fetched (``dont_filter``); article URLs go through Scrapy's
duplicate filter so a page found by several routes is fetched once.

Incremental (``ENTCRAWL_INCREMENTAL``, on in the project settings): an
article already in the database is fetched again only when discovery
announces a newer date or it is recent (:mod:`crawler.ops.incremental`).
Every request that fails for good is counted ``entcrawl/errors/<kind>``
(:mod:`crawler.ops.failures`).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.discovery import DiscoveryError, UrlRules, parse_feed, parse_listing_with_rules, parse_sitemap
from crawler.extraction import ExtractionError, extract_article
from crawler.extraction_pool import (ExtractionPool, ExtractionTask, ExtractionWorkerError, PreparedPage,
                                     extraction_pool_for)
from crawler.items import ArticleItem, with_extracted
from crawler.ops.failures import CountedIgnoreRequest, failure_kind
from crawler.ops.incremental import ArticleIndex, announced_date, refetch_reason
from crawler.registry import SiteConfig
from crawler.spiders.arguments import CrawlArguments, parse_crawl_arguments
from crawler.worker_stages import WorkerStages, stages_from_settings


class SiteSpider(scrapy.Spider):
    """Crawl one site of the registry: feeds → news sitemaps → sitemaps → listings."""

    site: ClassVar[SiteConfig]

    def __init__(self, name: str | None = None, **kwargs: Any):
        # Validate arguments before Scrapy makes any request.
        self.args: CrawlArguments = parse_crawl_arguments(kwargs)
        super().__init__(name)
        self.allowed_domains = list(self.site.allowed_domains)
        # Discovery hints per article URL (feed date, news title, lastmod…), merged
        # across routes and handed to the item; also counts distinct articles.
        self._hints: dict[str, dict[str, Any]] = {}
        self._url_rules = UrlRules(self.site.article_url_patterns, self.site.exclude_url_patterns)
        # Incremental state: stored articles skipped so far (with their hints, merged
        # in if another route later shows they changed), and the lazily opened index.
        self._skipped_known: dict[str, dict[str, Any]] = {}
        self._index: ArticleIndex | None = None
        self._index_ready = False

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._request_dropped, signal=signals.request_dropped)
        # Pipeline stages that extraction workers run next to extraction (crawler/worker_stages.py).
        spider._stages = stages_from_settings(crawler.settings, cls.site.slug)
        return spider

    @classmethod
    def update_settings(cls, settings) -> None:
        super().update_settings(settings)
        # The normalize stage reads the site's display name and time zone from settings.
        names = dict(settings.getdict("ENTCRAWL_SITE_NAMES"), **{cls.site.slug: cls.site.name})
        settings.set("ENTCRAWL_SITE_NAMES", names, priority="spider")
        if cls.site.timezone:
            zones = dict(settings.getdict("ENTCRAWL_SITE_TIMEZONES"), **{cls.site.slug: cls.site.timezone})
            settings.set("ENTCRAWL_SITE_TIMEZONES", zones, priority="spider")
        # Read by crawler.ops.addresses.AddressGuardMiddleware.
        settings.set("ENTCRAWL_ALLOW_PRIVATE_NETWORK", cls.site.allow_private_network, priority="spider")
        if cls.site.download_delay is not None:  # the entry's own delay (a -s on the command line wins)
            settings.set("DOWNLOAD_DELAY", cls.site.download_delay, priority="spider")

    @classmethod
    def handles_request(cls, request: scrapy.Request) -> bool:
        from urllib.parse import urlsplit

        host = (urlsplit(request.url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in cls.site.allowed_domains)

    # ------------------------------------------------------------------ start
    async def start(self) -> AsyncIterator[scrapy.Request]:
        kinds = self.args.discovery
        if "feeds" in kinds:
            for url in self.site.feeds:
                yield scrapy.Request(url, self.parse_feed, dont_filter=True, priority=30,
                                     errback=self._request_failed)
        if "news_sitemaps" in kinds:
            for url in self.site.news_sitemaps:
                yield scrapy.Request(url, self.parse_sitemap, dont_filter=True, priority=20,
                                     errback=self._request_failed)
        if "sitemaps" in kinds:
            for url in self.site.sitemaps:
                yield scrapy.Request(url, self.parse_sitemap, dont_filter=True, priority=10,
                                     errback=self._request_failed)
        if "listings" in kinds:
            for url in self.site.listing_pages:
                yield scrapy.Request(
                    url, self.parse_listing, dont_filter=True, priority=5, cb_kwargs={"page": 1},
                    errback=self._request_failed,
                )

    # -------------------------------------------------------------- discovery
    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            feed = parse_feed(response.body, response.url)
        except DiscoveryError as exc:
            self._count_error("bad_feed", response, exc)
            return
        for entry in feed.entries:
            if not self.args.in_window(_parse_iso(entry.published)):
                self._count("entcrawl/skipped/outside_window")
                continue
            yield from self._article_request(
                entry.url, "feed",
                {"feed_published": entry.published, "feed_updated": entry.updated, "feed_title": entry.title},
            )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            sitemap = parse_sitemap(response.body, response.url)
        except DiscoveryError as exc:
            self._count_error("bad_sitemap", response, exc)
            return
        if sitemap.kind == "sitemapindex":
            for entry in sitemap.entries:
                lastmod = _parse_iso(entry.lastmod)
                if lastmod and self.args.since and lastmod < self.args.since:
                    self._count("entcrawl/skipped/old_sitemap")
                    continue
                yield scrapy.Request(entry.loc, self.parse_sitemap, dont_filter=True, priority=10,
                                     errback=self._request_failed)
            return
        for entry in sitemap.entries:
            published = _parse_iso(entry.news_publication_date) or _parse_iso(entry.lastmod)
            if not self.args.in_window(published):
                self._count("entcrawl/skipped/outside_window")
                continue
            discovery = {
                "lastmod": entry.lastmod,
                "news_title": entry.news_title,
                "news_publication_date": entry.news_publication_date,
            }
            via = "news_sitemap" if entry.news_publication_date or entry.news_title else "sitemap"
            yield from self._article_request(entry.loc, via, discovery)

    def parse_listing(self, response: Response, page: int) -> Iterator[scrapy.Request]:
        try:
            listing = parse_listing_with_rules(
                response.body,
                response.url,
                self._url_rules,
                next_page_selector=self.site.next_page_selector,
                allowed_domains=self.site.allowed_domains,
            )
        except DiscoveryError as exc:
            self._count_error("bad_listing", response, exc)
            return
        for url in listing.article_urls:
            yield from self._article_request(url, "listing", {"listing_url": response.url})
        limit = self.args.max_listing_pages or self.site.max_listing_pages
        if listing.next_page and page < limit and not self._article_budget_spent():
            yield scrapy.Request(
                listing.next_page,
                self.parse_listing,
                dont_filter=True,
                priority=5,
                cb_kwargs={"page": page + 1},
                errback=self._request_failed,
            )

    def _article_request(
        self, url: str, via: str, discovery: dict[str, Any]
    ) -> Iterator[scrapy.Request]:
        if not self._url_rules.is_article_url(url):
            self._count("entcrawl/skipped/not_article_url")
            return
        hints = {k: v for k, v in discovery.items() if v}
        known = self._hints.get(url)
        if known is not None:  # found again by another route: keep what it adds
            for key, value in hints.items():
                known.setdefault(key, value)
            return
        if self._article_budget_spent():
            self._count("entcrawl/skipped/max_articles")
            return
        reason = self._fetch_reason(url, hints)
        if reason is None:
            if url not in self._skipped_known:
                self._count("entcrawl/skipped/known")
            self._skipped_known.setdefault(url, {}).update(hints)
            return
        earlier = self._skipped_known.pop(url, None)
        if earlier is not None:  # skipped on another route, now announced as changed
            self._count("entcrawl/skipped/known", -1)
            for key, value in earlier.items():
                hints.setdefault(key, value)
        self._hints[url] = hints
        self._count(f"entcrawl/discovered/{via}")
        self._count(f"entcrawl/fetch_reason/{reason}")
        yield scrapy.Request(url, self.parse_article, errback=self._request_failed,
                             meta={"entcrawl_via": via, "entcrawl_fetch_reason": reason})

    # ------------------------------------------------------------ incremental
    def _article_index(self) -> ArticleIndex | None:
        if not self._index_ready:
            self._index_ready = True
            settings = self.crawler.settings
            db_path = settings.get("ENTCRAWL_DB")
            if settings.getbool("ENTCRAWL_INCREMENTAL", False) and db_path:
                self._index = ArticleIndex(db_path)
        return self._index

    def _fetch_reason(self, url: str, hints: dict[str, Any]) -> str | None:
        """"new", "changed", "recent" (fetch it) or None (stored copy is current)."""
        index = self._article_index()
        if index is None:
            return "new"
        window = dt.timedelta(days=self.crawler.settings.getfloat("ENTCRAWL_RECRAWL_WINDOW_DAYS", 3.0))
        now = dt.datetime.now(dt.timezone.utc)
        return refetch_reason(index.lookup(url), announced_date(hints), now, window)

    def closed(self, reason: str) -> None:
        if self._index is not None:
            self._index.close()

    def _article_budget_spent(self) -> bool:
        return self.args.max_articles is not None and len(self._hints) >= self.args.max_articles

    # ---------------------------------------------------------------- article
    def parse_article(self, response: Response) -> Iterator[ArticleItem] | AsyncIterator[ArticleItem]:
        # Extraction runs in a worker process when ENTCRAWL_EXTRACTION_WORKERS > 0
        # (crawler/extraction_pool.py), so the reactor is never blocked by it.
        pool = extraction_pool_for(self)
        if pool.can_offload():
            return self._parse_article_offloaded(response, pool)
        return self._parse_article_inline(response)

    def _parse_article_inline(self, response: Response) -> Iterator[ArticleItem]:
        fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        if not isinstance(response, TextResponse):   # (hasattr(.., "text") would decode the body)
            self._count_error("not_text", response, "response is not text")
            return
        try:
            fields = extract_article(
                response.body, response.url, fetched_at=fetched, encoding=response.encoding
            )
        except ExtractionError as exc:
            self._count_error("extraction", response, exc)
            return
        yield from self._article_item(response, fetched, fields)

    async def _parse_article_offloaded(
        self, response: Response, pool: ExtractionPool
    ) -> AsyncIterator[ArticleItem]:
        fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        if not isinstance(response, TextResponse):   # (hasattr(.., "text") would decode the body)
            self._count_error("not_text", response, "response is not text")
            return
        stages = self._worker_stages()
        if stages is not None:
            # Balance the two cores: while the workers have a backlog, the reactor has
            # time to spare, so the pipelines run normalize and the fingerprint there.
            # The items, stats and drops are the same either way.
            if pool.backlogged():
                stages = None
                self._count("entcrawl/extraction_pool/stages_in_reactor")
            else:
                self._count("entcrawl/extraction_pool/stages_in_worker")
        template = self._item_template(response, fetched) if stages is not None else None
        task = ExtractionTask(response.body, response.url, fetched, response.encoding, stages=stages, item=template)
        try:
            result = await pool.extract(task)
        except ExtractionError as exc:
            self._count_error("extraction", response, exc)
            return
        except ExtractionWorkerError as exc:
            self._count_error("extraction_worker", response, exc)
            return
        if isinstance(result, PreparedPage):      # normalized (and fingerprinted) in the worker
            if self._in_window(result.fields):
                yield result.item
            return
        for item in self._article_item(response, fetched, result):
            yield item

    def _worker_stages(self) -> WorkerStages | None:
        """The pipeline stages extraction workers run for this crawl (None: pipelines do all)."""
        return self.__dict__.get("_stages")

    def _in_window(self, fields: dict[str, Any]) -> bool:
        if self.args.in_window(_parse_iso(fields.get("published_at"))):
            return True
        self._count("entcrawl/skipped/outside_window")
        return False

    def _item_template(self, response: Response, fetched: dt.datetime) -> ArticleItem:
        """The item's fields the spider knows before extraction."""
        return ArticleItem(
            source=self.site.slug,
            fetched_at=fetched.isoformat(),
            http_status=response.status,
            discovered_via=response.meta.get("entcrawl_via", "start"),
            discovery=self._discovery_hints(response),
        )

    def _article_item(
        self, response: Response, fetched: dt.datetime, fields: dict[str, Any]
    ) -> Iterator[ArticleItem]:
        if self._in_window(fields):
            yield with_extracted(self._item_template(response, fetched), fields)

    def _discovery_hints(self, response: Response) -> dict[str, Any]:
        request_url = response.request.url if response.request else response.url
        # The URL discovery gave, before any redirect: the key of fetch_state.
        discovered = (response.meta.get("redirect_urls") or [request_url])[0] if response.request else request_url
        hints = self._hints.get(discovered) or self._hints.get(request_url) or self._hints.get(response.url) or {}
        return {**hints, "requested_url": discovered}

    # ----------------------------------------------------------------- errors
    def _request_failed(self, failure: Failure) -> None:
        """Errback of every request: count the final failure by kind."""
        exception = failure.value
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        if isinstance(exception, CountedIgnoreRequest):  # the middleware counted it
            return
        kind = failure_kind(exception)
        self._count(f"entcrawl/errors/{kind}")
        self.logger.warning("%s: %s (%s)", kind, url, exception)

    def _request_dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        """A redirect to a URL already fetched in this run is dropped by the dupefilter."""
        chain = request.meta.get("redirect_urls") or []
        if not chain:
            return
        if request.url in chain:
            self._count("entcrawl/errors/redirect_loop")
            self.logger.warning("redirect_loop: %s (via %s)", request.url, " -> ".join(chain))
        else:
            self._count("entcrawl/skipped/redirect_to_known")

    # ------------------------------------------------------------------ stats
    def _count(self, key: str, by: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, by)

    def _count_error(self, kind: str, response: Response, exc: object) -> None:
        self._count(f"entcrawl/errors/{kind}")
        self.logger.warning("%s on %s: %s", kind, response.url, exc)


def spider_class_for(site: SiteConfig) -> type[SiteSpider]:
    """A SiteSpider subclass bound to one registry entry (what `scrapy list` shows)."""
    class_name = "".join(part.capitalize() for part in re.split(r"[-_]", site.slug)) + "Spider"
    return type(class_name, (SiteSpider,), {"name": site.slug, "site": site, "__module__": __name__})


def _parse_iso(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
