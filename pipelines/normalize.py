"""Normalize stage: clean text, URLs, dates, authors and language; drop non-articles.

A thin Scrapy pipeline over pure functions (``text_cleaning``, ``canonical_url``,
``date_resolution``, ``author_names``, ``language_detection``).  Drop reasons
(``DropItem`` message starts with the reason; stat ``entcrawl/dropped/<reason>``):
``not_article`` (page_type is not "article"), ``no_title``, ``no_body``,
``short_body`` (fewer than ``ENTCRAWL_MIN_BODY_WORDS`` words after cleaning).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from pipelines.author_names import clean_authors
from pipelines.canonical_url import InvalidURLError, canonical_url, registrable_domain
from pipelines.date_resolution import resolve_dates
from pipelines.language_detection import detect_language
from pipelines.text_cleaning import clean_body, strip_body_head, clean_title, count_words, normalize_text

logger = logging.getLogger(__name__)
DEFAULT_MIN_BODY_WORDS = 80
STAT_PREFIX = "entcrawl"


def site_name_from_url(url: str) -> str:
    """"https://www.variety.com/x" → "variety" (the registrable domain without its suffix)."""
    from urllib.parse import urlsplit

    host = (urlsplit(url or "").hostname or "").lower()
    domain = registrable_domain(host) if host else ""
    return domain.split(".")[0] if "." in domain and not domain.replace(".", "").isdigit() else ""


class NormalizePipeline:
    def __init__(self, min_body_words: int = DEFAULT_MIN_BODY_WORDS, stats: Any = None,
                 site_names: Mapping[str, str] | None = None,
                 site_timezones: Mapping[str, str] | None = None) -> None:
        self.min_body_words = min_body_words
        self.stats = stats
        self.site_names = dict(site_names or {})
        self.site_timezones = dict(site_timezones or {})

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormalizePipeline:
        settings = crawler.settings
        return cls(
            min_body_words=settings.getint("ENTCRAWL_MIN_BODY_WORDS", DEFAULT_MIN_BODY_WORDS),
            stats=crawler.stats,
            site_names=settings.getdict("ENTCRAWL_SITE_NAMES"),
            site_timezones=settings.getdict("ENTCRAWL_SITE_TIMEZONES"),
        )

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(f"{STAT_PREFIX}/{key}", count)

    def _drop(self, reason: str, adapter: ItemAdapter) -> DropItem:
        self._inc(f"dropped/{reason}")
        return DropItem(f"{reason}: {adapter.get('url') or '(no url)'}")

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if (adapter.get("page_type") or "article") != "article":
            raise self._drop("not_article", adapter)
        source = adapter.get("source") or ""
        url = adapter.get("url") or ""
        site_name = self.site_names.get(source) or site_name_from_url(url) or None
        discovery = adapter.get("discovery") or {}
        title = clean_title(adapter.get("title"), site_name) or clean_title(discovery.get("news_title"), site_name)
        if not title:
            raise self._drop("no_title", adapter)
        body = strip_body_head(clean_body(adapter.get("body")), title)
        if not body:
            raise self._drop("no_body", adapter)
        words = count_words(body)
        if words < self.min_body_words:
            raise self._drop("short_body", adapter)
        adapter["title"], adapter["body"], adapter["word_count"] = title, body, words
        adapter["description"] = " ".join(normalize_text(adapter.get("description") or "").split())
        self._set_canonical_url(adapter, url)
        self._set_dates(adapter, source, url, discovery)
        adapter["authors"] = clean_authors(adapter.get("authors") or [], site_name)
        adapter["language"] = detect_language(body, declared=adapter.get("language") or None)
        return item

    def _set_canonical_url(self, adapter: ItemAdapter, url: str) -> None:
        declared = adapter.get("canonical_url") or None
        try:
            adapter["canonical_url"] = canonical_url(url, declared)
        except InvalidURLError:
            try:  # the fetched URL is unusable; a declared absolute one still is
                adapter["canonical_url"] = canonical_url(declared or "")
            except InvalidURLError:
                logger.warning("normalize: no usable URL in %r / %r", url, declared)
                self._inc("normalize/bad_url")
                adapter["canonical_url"] = (declared or url).strip()

    def _set_dates(self, adapter: ItemAdapter, source: str, url: str, discovery: Mapping[str, Any]) -> None:
        fetched_at = adapter.get("fetched_at") or datetime.now(timezone.utc).isoformat(timespec="seconds")
        dates = resolve_dates(
            adapter.get("date_candidates") or [], discovery=discovery, fetched_at=fetched_at, url=url,
            site_timezone=self.site_timezones.get(source), published_at=adapter.get("published_at"),
            updated_at=adapter.get("updated_at"))
        adapter["published_at"], adapter["updated_at"] = dates.published_at, dates.updated_at
        adapter["published_offset"], adapter["published_source"] = dates.published_offset, dates.published_source
        adapter["published_confidence"] = dates.published_confidence
        adapter["date_candidates"] = dates.candidates
        if dates.published_source:
            self._inc(f"dates/source/{dates.published_source}")
        self._inc("dates/dateparser_fallback", dates.dateparser_fallbacks)
        for rejected in dates.rejected:
            self._inc(f"dates/rejected/{rejected['reason']}")
