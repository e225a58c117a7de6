"""Pure parsers for finding article URLs: feeds, sitemaps, listing pages.

No Scrapy imports here; the spider (``crawler/spiders/site.py``) feeds these
functions response bytes and URLs.  See docs/discovery.md.
"""
from __future__ import annotations

from .errors import (
    DiscoveryError,
    FeedParseError,
    InvalidPatternError,
    ListingParseError,
    SitemapParseError,
    SitemapTooLarge,
)
from .feeds import Feed, FeedEntry, looks_like_feed, parse_feed
from .listings import Listing, parse_listing, parse_listing_with_rules
from .sitemaps import Sitemap, SitemapEntry, parse_sitemap, sitemap_urls_from_robots
from .urlrules import UrlRules, is_article_url, strip_tracking_params

__all__ = [
    "DiscoveryError", "Feed", "FeedEntry", "FeedParseError", "InvalidPatternError",
    "Listing", "ListingParseError", "Sitemap", "SitemapEntry", "SitemapParseError",
    "SitemapTooLarge", "UrlRules", "is_article_url", "looks_like_feed", "parse_feed",
    "parse_listing", "parse_listing_with_rules", "parse_sitemap",
    "sitemap_urls_from_robots", "strip_tracking_params",
]
