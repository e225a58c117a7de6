"""Normalize stage: clean text, URLs, dates, authors and language; drop non-articles.

``normalize_article`` (pure but for the item it fills) composes the text,
URL, date, author and language functions (``text_cleaning``, ``canonical_url``,
``date_resolution``, ``author_names``, ``language_detection``);
``NormalizePipeline`` is the thin Scrapy stage around it.  When the extraction
worker already ran ``normalize_article`` (crawler/worker_stages.py), the
pipeline only applies the outcome it handed back: its stats and drop.  Drop reasons
(``DropItem`` message starts with the reason; stat ``entcrawl/dropped/<reason>``):
``not_article`` (page_type is not "article"), ``no_title``, ``no_body``,
``short_body`` (fewer than ``ENTCRAWL_MIN_BODY_WORDS`` words after cleaning).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from pipelines.author_names import clean_authors
from pipelines.canonical_url import InvalidURLError, canonical_url, registrable_domain
from pipelines.date_resolution import resolve_dates
from pipelines.language_detection import detect_language
from pipelines.prepared_results import take_prepared
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


@dataclass(frozen=True)
class NormalizeOptions:
    """The plain settings normalize needs for one site (picklable: an extraction
    worker may run :func:`normalize_article` too, see crawler/worker_stages.py)."""
    min_body_words: int = DEFAULT_MIN_BODY_WORDS
    site_name: str | None = None        # registry name; else derived from the URL
    site_timezone: str | None = None    # IANA zone for dates printed without offset


@dataclass
class NormalizeOutcome:
    """What normalizing one item decided: a drop reason (or None) and stat counts
    (keys without the ``entcrawl/`` prefix)."""
    drop: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    language_pending: bool = False    # normalized but for the language (set_language)

    def count(self, key: str, by: int = 1) -> None:
        if by:
            self.counts[key] = self.counts.get(key, 0) + by


def normalize_article(item: Any, options: NormalizeOptions, *,
                      detect_language_now: bool = True) -> NormalizeOutcome:
    """Normalize one item in place (pure but for the item it changes).

    Returns the drop reason instead of raising, so the caller decides how to
    drop (the pipeline raises DropItem; a worker hands the reason back).
    ``detect_language_now=False`` (the extraction worker, crawler/worker_stages.py):
    everything but the language, the last step, which :func:`set_language` does
    later (``outcome.language_pending``); the language model then stays out of
    the workers."""
    adapter = ItemAdapter(item)
    outcome = NormalizeOutcome()
    text = _title_and_body(adapter, options, outcome)
    if text is None:
        return outcome
    title, body, words, site_name = text
    url = adapter.get("url") or ""
    adapter["title"], adapter["body"], adapter["word_count"] = title, body, words
    adapter["description"] = " ".join(normalize_text(adapter.get("description") or "").split())
    _set_canonical_url(adapter, url, outcome)
    _set_dates(adapter, url, adapter.get("discovery") or {}, options.site_timezone, outcome)
    adapter["authors"] = clean_authors(adapter.get("authors") or [], site_name)
    if detect_language_now:
        set_language(adapter)
    else:
        outcome.language_pending = True
    return outcome


def set_language(adapter: ItemAdapter) -> None:
    """The last step of :func:`normalize_article`: the language of the cleaned body,
    the declared one unless py3langid is sure of another."""
    adapter["language"] = detect_language(adapter.get("body") or "", declared=adapter.get("language") or None)


def _title_and_body(adapter: ItemAdapter, options: NormalizeOptions,
                    outcome: NormalizeOutcome) -> tuple[str, str, int, str | None] | None:
    """Cleaned title, body, body words and site name; None (and ``outcome.drop``) for
    an item that is not an article or has no title or too short a body."""
    if (adapter.get("page_type") or "article") != "article":
        outcome.drop = "not_article"
        return None
    url = adapter.get("url") or ""
    site_name = options.site_name or site_name_from_url(url) or None
    discovery = adapter.get("discovery") or {}
    title = clean_title(adapter.get("title"), site_name) or clean_title(discovery.get("news_title"), site_name)
    if not title:
        outcome.drop = "no_title"
        return None
    body = strip_body_head(clean_body(adapter.get("body")), title)
    if not body:
        outcome.drop = "no_body"
        return None
    words = count_words(body)
    if words < options.min_body_words:
        outcome.drop = "short_body"
        return None
    return title, body, words, site_name


def _set_canonical_url(adapter: ItemAdapter, url: str, outcome: NormalizeOutcome) -> None:
    declared = adapter.get("canonical_url") or None
    try:
        adapter["canonical_url"] = canonical_url(url, declared)
    except InvalidURLError:
        try:  # the fetched URL is unusable; a declared absolute one still is
            adapter["canonical_url"] = canonical_url(declared or "")
        except InvalidURLError:
            logger.warning("normalize: no usable URL in %r / %r", url, declared)
            outcome.count("normalize/bad_url")
            adapter["canonical_url"] = (declared or url).strip()


def _set_dates(adapter: ItemAdapter, url: str, discovery: Mapping[str, Any], site_timezone: str | None,
               outcome: NormalizeOutcome) -> None:
    fetched_at = adapter.get("fetched_at") or datetime.now(timezone.utc).isoformat(timespec="seconds")
    dates = resolve_dates(
        adapter.get("date_candidates") or [], discovery=discovery, fetched_at=fetched_at, url=url,
        site_timezone=site_timezone, published_at=adapter.get("published_at"),
        updated_at=adapter.get("updated_at"))
    adapter["published_at"], adapter["updated_at"] = dates.published_at, dates.updated_at
    adapter["published_offset"], adapter["published_source"] = dates.published_offset, dates.published_source
    adapter["published_confidence"] = dates.published_confidence
    adapter["date_candidates"] = dates.candidates
    if dates.published_source:
        outcome.count(f"dates/source/{dates.published_source}")
    outcome.count("dates/dateparser_fallback", dates.dateparser_fallbacks)
    for rejected in dates.rejected:
        outcome.count(f"dates/rejected/{rejected['reason']}")


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

    def options_for(self, source: str) -> NormalizeOptions:
        return NormalizeOptions(self.min_body_words, self.site_names.get(source) or None,
                                self.site_timezones.get(source))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        prepared = take_prepared(adapter, "normalize")
        if prepared is not None:          # normalized in the extraction worker already
            outcome = NormalizeOutcome(prepared.get("drop"), dict(prepared.get("counts") or {}))
            if not outcome.drop and prepared.get("language_pending"):
                set_language(adapter)     # the model lives in this process, not the workers
        else:
            outcome = normalize_article(item, self.options_for(adapter.get("source") or ""))
        for key, count in outcome.counts.items():
            self._inc(key, count)
        if outcome.drop:
            self._inc(f"dropped/{outcome.drop}")
            raise DropItem(f"{outcome.drop}: {adapter.get('url') or '(no url)'}")
        return item

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(f"{STAT_PREFIX}/{key}", count)
