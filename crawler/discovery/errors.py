"""Errors the discovery parsers raise on purpose.

Every one is a ``DiscoveryError`` (a ``ValueError``), so a spider can catch
the family once and count it, or catch a specific kind.
"""
from __future__ import annotations


class DiscoveryError(ValueError):
    """A discovery document (feed, sitemap, listing page) that cannot be used at all."""


class FeedParseError(DiscoveryError):
    """Empty, non-XML, or XML that is not RSS 2.0 / Atom 1.0 / RSS 1.0 (RDF)."""


class SitemapParseError(DiscoveryError):
    """Empty, corrupt gzip, or neither an XML sitemap nor a text sitemap."""


class SitemapTooLarge(SitemapParseError):
    """The (decompressed) sitemap is bigger than ``max_size`` bytes."""


class ListingParseError(DiscoveryError):
    """Empty or binary input where an HTML listing page was expected."""


class InvalidPatternError(DiscoveryError):
    """An article/exclude URL pattern is not a valid regular expression."""
