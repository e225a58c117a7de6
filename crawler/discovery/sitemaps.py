"""XML / text sitemaps and sitemap indexes -> ``Sitemap`` (pure, no Scrapy).

Unlike Scrapy's ``SitemapSpider`` this keeps the Google News fields
(``news:title``, ``news:publication_date``, ``news:language``,
``news:name``) and the first ``image:loc`` of every ``<url>``.

* gzip is recognised by its magic bytes (never by the URL) and inflated in
  bounded steps: more than ``max_size`` decompressed bytes raises
  ``SitemapTooLarge`` before the excess is ever held in memory.
* Elements are matched by local name, so any namespace prefix, a wrong
  namespace URI, or none at all is accepted.
* A plain-text sitemap (one URL per line) is accepted too.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from lxml import etree

from .dates import iso_from_w3c
from .errors import SitemapParseError, SitemapTooLarge
from .urlrules import absolute_http_url
from .xmldoc import children, first_child, local_name, parse_xml, text_of

GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_SIZE = 50 * 1024 * 1024          # the sitemaps.org limit
_MAX_GZIP_LAYERS = 2                          # transport gzip around a .xml.gz file
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S.*?)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class SitemapEntry:
    loc: str                                  # absolute URL (page, or child sitemap in an index)
    lastmod: str | None = None                # ISO 8601 (date-only stays date-only)
    news_title: str = ""
    news_publication_date: str | None = None  # ISO 8601 with the source's offset
    news_language: str = ""
    news_publication_name: str = ""
    image_loc: str = ""


@dataclass(slots=True)
class Sitemap:
    kind: str                                 # "urlset" | "sitemapindex"
    entries: list[SitemapEntry] = field(default_factory=list)
    skipped_without_loc: int = 0
    is_text: bool = False                     # a one-URL-per-line text sitemap
    warnings: list[str] = field(default_factory=list)  # e.g. "repaired malformed XML"

    @property
    def is_index(self) -> bool:
        return self.kind == "sitemapindex"


def parse_sitemap(body: bytes, url: str, *, max_size: int = DEFAULT_MAX_SIZE) -> Sitemap:
    """Parse a (possibly gzipped) XML sitemap, sitemap index or text sitemap."""
    if not isinstance(body, (bytes, bytearray)):
        raise SitemapParseError(f"expected bytes, got {type(body).__name__}")
    warnings: list[str] = []
    layers = 0
    while body[:2] == GZIP_MAGIC and layers < _MAX_GZIP_LAYERS:
        body, complete = gunzip_capped(bytes(body), max_size)
        layers += 1
        if not complete:
            warnings.append("gzip stream truncated; parsed what was there")
    if len(body) > max_size:
        raise SitemapTooLarge(f"sitemap is {len(body)} bytes, limit is {max_size}")
    text_start = body.lstrip(b" \t\r\n\xef\xbb\xbf")
    if not text_start:
        raise SitemapParseError("empty document")
    if not text_start.startswith(b"<"):
        return _parse_text_sitemap(text_start, url, warnings)
    root, repaired = parse_xml(bytes(body), SitemapParseError)
    if repaired:
        warnings.append("repaired malformed XML")
    kind = local_name(root).lower()
    if kind == "urlset":
        sitemap = Sitemap(kind="urlset", warnings=warnings)
        _collect(root, "url", url, sitemap, with_extensions=True)
    elif kind == "sitemapindex":
        sitemap = Sitemap(kind="sitemapindex", warnings=warnings)
        _collect(root, "sitemap", url, sitemap, with_extensions=False)
    else:
        raise SitemapParseError(f"not a sitemap: root element is <{local_name(root)}>")
    return sitemap


def gunzip_capped(data: bytes, max_size: int) -> tuple[bytes, bool]:
    """Inflate gzip ``data`` (all members); return ``(bytes, complete)``.

    Never produces more than ``max_size + 1`` bytes: beyond ``max_size``
    ``SitemapTooLarge`` is raised.  ``complete`` is False for a truncated stream.
    """
    output = bytearray()
    pending = data
    try:
        while pending:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            while pending:
                output += inflater.decompress(pending, max_size + 1 - len(output))
                if len(output) > max_size:
                    raise SitemapTooLarge(
                        f"gzip sitemap inflates beyond {max_size} bytes "
                        f"({len(data)} bytes compressed)")
                if inflater.eof:
                    break
                pending = inflater.unconsumed_tail
            if not inflater.eof:
                return bytes(output), False
            pending = inflater.unused_data if inflater.unused_data[:2] == GZIP_MAGIC else b""
    except zlib.error as exc:
        if not output:
            raise SitemapParseError(f"corrupt gzip data: {exc}") from exc
        return bytes(output), False
    return bytes(output), True


def sitemap_urls_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """``Sitemap:`` lines of a robots.txt, absolute, de-duplicated, in file order."""
    found: dict[str, None] = {}
    for line in robots_txt.lstrip("\ufeff").splitlines():
        match = _ROBOTS_SITEMAP.match(line)
        if not match:
            continue
        value = re.split(r"\s+#", match.group(1), maxsplit=1)[0].strip()
        absolute = absolute_http_url(value, base_url)
        if absolute:
            found.setdefault(absolute, None)
    return list(found)


def _collect(root: etree._Element, item_name: str, url: str, sitemap: Sitemap,
             *, with_extensions: bool) -> None:
    for node in children(root, item_name):
        loc = absolute_http_url(text_of(first_child(node, "loc")), url)
        if loc is None:
            sitemap.skipped_without_loc += 1
            continue
        entry = SitemapEntry(loc=loc, lastmod=iso_from_w3c(text_of(first_child(node, "lastmod"))))
        if with_extensions:
            _add_news(node, entry)
            _add_image(node, entry, url)
        sitemap.entries.append(entry)


def _add_news(node: etree._Element, entry: SitemapEntry) -> None:
    news = first_child(node, "news")
    if news is None:
        return
    entry.news_title = text_of(first_child(news, "title"))
    entry.news_publication_date = iso_from_w3c(text_of(first_child(news, "publication_date")))
    publication = first_child(news, "publication")
    if publication is not None:
        entry.news_publication_name = text_of(first_child(publication, "name"))
        entry.news_language = text_of(first_child(publication, "language"))


def _add_image(node: etree._Element, entry: SitemapEntry, url: str) -> None:
    for image in children(node, "image"):
        loc = absolute_http_url(text_of(first_child(image, "loc")), url)
        if loc:
            entry.image_loc = loc
            return


def _parse_text_sitemap(body: bytes, url: str, warnings: list[str]) -> Sitemap:
    if b"\x00" in body[:1024]:
        raise SitemapParseError("binary data, neither an XML nor a text sitemap")
    text = body.decode("utf-8", errors="replace")
    sitemap = Sitemap(kind="urlset", is_text=True, warnings=warnings)
    seen: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if not line.lower().startswith(("http://", "https://")):
            continue
        loc = absolute_http_url(line, url)
        if loc and loc not in seen:
            seen.add(loc)
            sitemap.entries.append(SitemapEntry(loc=loc))
    if not sitemap.entries:
        raise SitemapParseError("neither an XML sitemap nor a text sitemap (no URLs found)")
    return sitemap


