"""Scrapy's OffsiteMiddleware, without its ``dont_filter`` exemption.

Scrapy 2.19 lets any request with ``dont_filter=True`` leave the allowed
domains, and ``RedirectMiddleware`` copies ``dont_filter`` to the redirected
request.  The spider marks feeds, sitemaps and listing pages ``dont_filter``
(so they are re-fetched within a run), so a feed answering ``301`` to another
host would be followed.  This subclass checks every request, redirected or
not, against the site's ``allowed_domains``.  A refused redirect counts
``entcrawl/errors/offsite_redirect``; an offsite link found in a feed or
sitemap counts ``entcrawl/skipped/offsite``.
"""
from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.utils.httpobj import urlparse_cached

from crawler.ops.failures import CountedIgnoreRequest


class OffsiteRequestError(CountedIgnoreRequest):
    kind = "offsite"


class StrictOffsiteMiddleware(OffsiteMiddleware):
    def process_request(self, request: Request) -> None:  # type: ignore[override]
        spider = self.crawler.spider
        assert spider is not None
        if self.should_follow(request, spider):
            return None
        domain = urlparse_cached(request).hostname
        redirected = bool(request.meta.get("redirect_urls"))
        self.stats.inc_value("offsite/filtered")
        self.stats.inc_value("entcrawl/errors/offsite_redirect" if redirected else "entcrawl/skipped/offsite")
        if domain and domain not in self.domains_seen:
            self.domains_seen.add(domain)
            self.stats.inc_value("offsite/domains")
        raise OffsiteRequestError(f"Filtered offsite request to {domain!r}")
