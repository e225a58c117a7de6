"""Store pipeline: upsert articles into SQLite and record the crawl run.

One transaction per item (committed before ``process_item`` returns), so a
killed crawl loses at most the item in flight and the next run picks up the
rest.  Outcomes:

* ``new``       - first time this canonical URL is seen;
* ``updated``   - same canonical URL, title or body changed: the row is
                  updated, ``version`` bumped, an ``article_versions`` row added;
* ``unchanged`` - same canonical URL and content: only ``last_seen_at`` moves;
* ``duplicate`` - a new URL whose body is identical to an earlier article
                  (``item.duplicate_of`` set by the dedupe stage): stored as a
                  row linked to the original and to its story, and excluded
                  from story counts (``articles.duplicate_of IS NOT NULL``).
"""
from __future__ import annotations

import logging
import sqlite3
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem
from sqlite_utils import Database

from pipelines import database as dbq
from pipelines.annotation_store import replace_annotations
from pipelines.coverage_facts import refresh_coverage_facts
from pipelines import crawl_runs
from pipelines.fingerprints import content_hash as compute_content_hash
from pipelines.fingerprints import index_article
from pipelines.show_catalog import load_catalog

logger = logging.getLogger(__name__)

OUTCOMES = ("new", "updated", "unchanged", "duplicate")
# Fields compared on an update; a change of title or body makes a new version,
# the others are only listed in article_versions.changed alongside.
VERSIONED_FIELDS = ("title", "content_hash")
COMPARED_FIELDS = (
    "title", "content_hash", "description", "published_at", "updated_at", "authors",
    "section", "tags", "image", "language",
)
PUBLISHED_COLUMNS = (
    "published_at", "published_offset", "published_source", "published_confidence",
    "published_day", "published_week", "published_month",
)


def sync_catalog(db: Database, catalog_path: str) -> int:
    """Copy the show catalog into the ``shows`` table (so Datasette can join it)."""
    catalog = load_catalog(catalog_path)
    return dbq.upsert_shows(db, (
        {
            "id": show.id, "title": show.title, "original_title": show.original_title,
            "original_language": show.original_language, "network": show.network,
            "country": show.country, "start_year": show.start_year, "end_year": show.end_year,
            "seasons": show.seasons, "aliases": list(show.aliases),
        }
        for show in catalog.shows
    ))


# --------------------------------------------------------------------------
# pure helpers
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class PublishedPeriods:
    published_at: str | None
    offset: str
    day: str | None
    week: str | None
    month: str | None


def published_periods(value: str | None) -> PublishedPeriods:
    """UTC timestamp plus day ``YYYY-MM-DD``, ISO week ``YYYY-Www`` and month ``YYYY-MM``.

    A naive timestamp is taken as UTC; an unparseable one is kept as given
    with no derived periods.
    """
    if not value:
        return PublishedPeriods(None, "", None, None, None)
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        return PublishedPeriods(str(value), "", None, None, None)
    offset = ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    else:
        delta = parsed.utcoffset()
        if delta:
            minutes = int(delta.total_seconds() // 60)
            sign = "+" if minutes >= 0 else "-"
            offset = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    utc = parsed.astimezone(timezone.utc)
    iso_year, iso_week, _ = utc.isocalendar()
    return PublishedPeriods(
        published_at=utc.isoformat(),
        offset=offset,
        day=utc.strftime("%Y-%m-%d"),
        week=f"{iso_year}-W{iso_week:02d}",
        month=utc.strftime("%Y-%m"),
    )


def article_record(adapter: ItemAdapter, fallback_source: str) -> dict[str, Any]:
    """The ``articles`` columns for an item (no ids, versions or seen-times)."""

    def text(name: str) -> str:
        value = adapter.get(name)
        return "" if value is None else str(value)

    url = text("url").strip()
    canonical = text("canonical_url").strip() or url
    body = text("body")
    periods = published_periods(adapter.get("published_at"))
    word_count = adapter.get("word_count") or len(body.split())
    return {
        "url": url or canonical,
        "canonical_url": canonical,
        "source": text("source").strip() or fallback_source,
        "title": text("title"),
        "description": text("description"),
        "body": body,
        "published_at": periods.published_at,
        "published_offset": text("published_offset") or periods.offset,
        "published_source": text("published_source"),
        "published_confidence": float(adapter.get("published_confidence") or 0.0),
        "updated_at": adapter.get("updated_at") or None,
        "authors": dbq.to_json(list(adapter.get("authors") or [])),
        "section": text("section"),
        "tags": dbq.to_json(list(adapter.get("tags") or [])),
        "language": text("language"),
        "image": text("image"),
        "word_count": int(word_count),
        "page_type": text("page_type") or "article",
        "fetched_at": text("fetched_at") or None,
        "content_hash": text("content_hash") or compute_content_hash(body),
        "published_day": periods.day,
        "published_week": periods.week,
        "published_month": periods.month,
    }


# --------------------------------------------------------------------------
# the pipeline
# --------------------------------------------------------------------------
class StorePipeline:
    def __init__(self, db_path: str | None = None, run_id: str | None = None,
                 catalog_path: str | None = None) -> None:
        self.db_path = db_path
        self.catalog_path = catalog_path
        self.run_id = run_id or str(uuid.uuid4())
        self.crawler: Any = None
        self.db: Database | None = None
        self.run_row_id: int | None = None
        self.outcomes: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        settings = crawler.settings
        pipeline = cls(
            db_path=settings.get("ENTCRAWL_DB") or None,
            run_id=settings.get("ENTCRAWL_RUN_ID") or None,
            catalog_path=settings.get("ENTCRAWL_CATALOG") or None,
        )
        pipeline.crawler = crawler
        return pipeline

    # -- spider lifecycle ---------------------------------------------------
    def _spider(self) -> Any:
        return getattr(self.crawler, "spider", None) if self.crawler is not None else None

    def _site_slug(self) -> str:
        spider = self._spider()
        site = getattr(spider, "site", None)
        return str(getattr(site, "slug", "") or getattr(spider, "name", "") or "")

    def open_spider(self) -> None:
        self.db = dbq.open_database(self.db_path)
        site = getattr(self._spider(), "site", None)
        if site is not None and getattr(site, "slug", ""):
            with self.db.atomic():
                dbq.upsert_source(
                    self.db,
                    str(site.slug),
                    name=getattr(site, "name", None),
                    homepage=getattr(site, "homepage", None),
                    language=getattr(site, "language", None),
                    country=getattr(site, "country", None),
                    is_demo=int(bool(getattr(site, "demo", False))),
                )
        if self.catalog_path and Path(self.catalog_path).exists():
            sync_catalog(self.db, self.catalog_path)
        self.run_row_id = crawl_runs.start_crawl_run(self.db, self.run_id, self._site_slug(), dbq.utc_now())
        if self.crawler is not None and getattr(self.crawler, "signals", None) is not None:
            self.crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    def close_spider(self) -> None:
        """Fill the crawl_runs row (status refined by the spider_closed signal)."""
        if self.db is None:
            return
        try:
            self._finish_run(self.db, reason=None)
        finally:
            self.db.close()
            self.db = None

    def _spider_closed(self, spider: Any = None, reason: str | None = None) -> None:
        # Pipelines close before spider_closed fires, so the close reason
        # ("shutdown", "closespider_timeout", ...) is only known here.
        if self.run_row_id is None:
            return
        db = dbq.open_database(self.db_path)
        try:
            self._finish_run(db, reason=reason)
        finally:
            db.close()

    def _stats(self) -> dict[str, Any]:
        stats = getattr(self.crawler, "stats", None)
        return dict(stats.get_stats()) if stats is not None else {}

    def _finish_run(self, db: Database, reason: str | None) -> None:
        if self.run_row_id is None:
            return
        stats = self._stats()
        summary = crawl_runs.run_summary(stats, self.outcomes, reason, dbq.utc_now())
        crawl_runs.finish_crawl_run(db, self.run_row_id, summary)
        crawl_runs.record_run_fields(db, self.run_row_id, stats)  # fill rates (docs/operations.md)

    def _inc_stat(self, key: str) -> None:
        stats = getattr(self.crawler, "stats", None)
        if stats is not None:
            stats.inc_value(key)

    # -- items ----------------------------------------------------------------
    def process_item(self, item: Any) -> Any:
        if self.db is None:
            raise RuntimeError("StorePipeline.open_spider() was not called")
        try:
            outcome = store_item(self.db, item, fallback_source=self._site_slug() or "unknown")
        except MissingUrlError as exc:
            self._inc_stat("entcrawl/dropped/no_url")
            raise DropItem(str(exc)) from exc
        except sqlite3.Error:
            self._inc_stat("entcrawl/errors/store_failed")
            raise
        self.outcomes[outcome] += 1
        self._inc_stat(f"entcrawl/store/{outcome}")
        return item


# --------------------------------------------------------------------------
# writing one item (one transaction)
# --------------------------------------------------------------------------
class MissingUrlError(ValueError):
    """The item has neither ``url`` nor ``canonical_url``: nothing to key it by."""


def store_item(db: Database, item: Any, fallback_source: str = "unknown") -> str:
    """Upsert one item in its own transaction; returns the outcome.

    Sets ``article_id``, ``store_outcome``, ``content_hash``, ``story_id`` and
    ``duplicate_of`` on the item.
    """
    adapter = ItemAdapter(item)
    record = article_record(adapter, fallback_source=fallback_source)
    if not record["canonical_url"]:
        raise MissingUrlError("item has neither url nor canonical_url")
    _set_field(adapter, "content_hash", record["content_hash"])
    with db.atomic():
        dbq.ensure_source(db, record["source"])
        seen_at = record["fetched_at"] or dbq.utc_now()
        existing = dbq.find_article_by_canonical_url(db, record["canonical_url"])
        if existing is None:
            outcome, article_id, story_id = _insert(db, adapter, record, seen_at)
        else:
            outcome, article_id, story_id = _update(db, adapter, existing, record, seen_at)
        dbq.replace_date_candidates(db, article_id, adapter.get("date_candidates") or [])
        dbq.replace_article_shows(db, article_id, adapter.get("shows") or [])
        replace_annotations(db, article_id, adapter.get("shows") or [],
                            adapter.get("release_claims") or [])
        refresh_coverage_facts(db, article_id)
        dbq.refresh_story(db, story_id)
    _set_field(adapter, "article_id", article_id)
    _set_field(adapter, "store_outcome", outcome)
    return outcome


def _insert(
    db: Database, adapter: ItemAdapter, record: dict[str, Any], seen_at: str
) -> tuple[str, int, int]:
    original = _valid_article(db, adapter.get("duplicate_of"))
    story_id: int | None = None
    if original is not None:
        story_id = original.story_id
    elif adapter.get("story_id") is not None and dbq.story_exists(db, int(adapter["story_id"])):
        story_id = int(adapter["story_id"])
    if story_id is None:
        story_id = dbq.create_story(db)
    row = {
        **record,
        "first_seen_at": seen_at,
        "last_seen_at": seen_at,
        "duplicate_of": original.id if original else None,
        "story_id": story_id,
        "version": 1,
    }
    article_id = dbq.insert_article(db, row)
    dbq.add_article_version(
        db, article_id, 1, seen_at, ["created"], record["title"], record["content_hash"]
    )
    if original is None:
        index_article(db, article_id, record["body"])
    elif original.story_id is None:
        dbq.update_article(db, original.id, {"story_id": story_id})
        refresh_coverage_facts(db, original.id)  # its facts carry the story id
    _set_field(adapter, "duplicate_of", original.id if original else None)
    _set_field(adapter, "story_id", story_id)
    return ("duplicate" if original else "new"), article_id, story_id


def _update(
    db: Database,
    adapter: ItemAdapter,
    existing: dbq.StoredArticle,
    record: dict[str, Any],
    seen_at: str,
) -> tuple[str, int, int]:
    story_id = existing.story_id
    if story_id is None:  # healing a row written before stories existed
        story_id = dbq.create_story(db)
        dbq.update_article(db, existing.id, {"story_id": story_id})
    _set_field(adapter, "story_id", story_id)
    _set_field(adapter, "duplicate_of", existing.duplicate_of)
    old = dbq.article_columns(db, existing.id, COMPARED_FIELDS)
    merged = _keep_known_values(record)
    changed = [f for f in COMPARED_FIELDS if f in merged and (old.get(f) or None) != merged[f]]
    if not any(f in changed for f in VERSIONED_FIELDS):
        dbq.update_article(db, existing.id, {"last_seen_at": seen_at})
        return "unchanged", existing.id, story_id
    version = existing.version + 1
    duplicate_of = existing.duplicate_of
    if duplicate_of is not None and "content_hash" in changed:
        original = dbq.find_article(db, duplicate_of)
        if original is None or original.content_hash != record["content_hash"]:
            duplicate_of = None  # its body diverged: now an article of its own
    changes = {
        **{k: v for k, v in merged.items() if k != "canonical_url"},
        "last_seen_at": seen_at,
        "version": version,
        "duplicate_of": duplicate_of,
    }
    previous_body = str(dbq.article_columns(db, existing.id, ["body"]).get("body") or "")
    dbq.update_article(db, existing.id, changes)
    names = ["body" if f == "content_hash" else f for f in changed]
    dbq.add_article_version(
        db, existing.id, version, seen_at, names, record["title"], record["content_hash"]
    )
    if duplicate_of is None:  # duplicates are never indexed, so nothing to remove for them
        was_indexed = existing.duplicate_of is None
        index_article(db, existing.id, record["body"], previous_body if was_indexed else None)
    _set_field(adapter, "duplicate_of", duplicate_of)
    return "updated", existing.id, story_id


def _keep_known_values(record: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values so a re-fetch that lost a date or author keeps the stored one.

    The published_* columns travel together: all kept or all replaced.
    """
    empty = (None, "", "[]", 0.0)
    kept = {k: v for k, v in record.items() if v not in empty or k in ("title", "body")}
    if record.get("published_at") is None:
        for column in PUBLISHED_COLUMNS:
            kept.pop(column, None)
    return kept


def _valid_article(db: Database, article_id: Any) -> dbq.StoredArticle | None:
    if article_id is None or article_id == "":
        return None
    try:
        return dbq.find_article(db, int(article_id))
    except (TypeError, ValueError):
        return None


def _set_field(adapter: ItemAdapter, name: str, value: Any) -> None:
    """Set a field the item type knows; other item types simply lack it."""
    try:
        adapter[name] = value
    except KeyError:
        logger.debug("item type %s has no field %r", type(adapter.item).__name__, name)
