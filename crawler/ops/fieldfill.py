"""Fill-rate counts for ``entcrawl health``, and the per-URL fetch state.

Two item pipelines (wired in ``crawler/settings.py``):

* ``ExtractedFieldsPipeline`` (order 50, before normalize) counts, over the
  article pages the spider extracted (``page_type`` article), how many had a
  title, a published date, authors and a body of at least
  ``ENTCRAWL_MIN_BODY_WORDS`` words: ``entcrawl/fields/{pages,title,published_at,authors,body}``.
  This is what a site redesign breaks first.
* ``StoredFieldsPipeline`` (order 450, after store) counts stored items and
  those tagged with at least one show (``entcrawl/fields/{stored,shows}``),
  and records in ``fetch_state`` the URL the spider requested, the article
  it became and the date discovery announced for it, which is what the
  incremental crawl compares against next time.

The store pipeline copies the counts into ``crawl_run_fields`` when the run
ends (``pipelines.crawl_runs.record_run_fields``).
"""
from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from sqlite_utils import Database

from crawler.ops.incremental import announced_date
from pipelines.crawl_runs import upsert_fetch_state
from pipelines.database import open_database
from pipelines.prepared_results import take_prepared

FIELD_STAT = "entcrawl/fields/"
DEFAULT_MIN_BODY_WORDS = 80


def extracted_fields(adapter: ItemAdapter, min_body_words: int) -> dict[str, bool]:
    """Which health fields an extracted item has (pure)."""
    body = str(adapter.get("body") or "")
    return {
        "title": bool(str(adapter.get("title") or "").strip()),
        "published_at": bool(adapter.get("published_at")),
        "authors": bool([a for a in (adapter.get("authors") or []) if str(a).strip()]),
        "body": len(body.split()) >= min_body_words,
    }


class ExtractedFieldsPipeline:
    def __init__(self, stats: Any = None, min_body_words: int = DEFAULT_MIN_BODY_WORDS) -> None:
        self.stats = stats
        self.min_body_words = min_body_words

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractedFieldsPipeline:
        return cls(crawler.stats,
                   crawler.settings.getint("ENTCRAWL_MIN_BODY_WORDS", DEFAULT_MIN_BODY_WORDS))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if (adapter.get("page_type") or "article") != "article" or self.stats is None:
            return item
        self.stats.inc_value(FIELD_STAT + "pages")
        # an item normalized in the extraction worker brings the flags of its extracted fields
        flags = take_prepared(adapter, "extracted_fields")
        if flags is None:
            flags = extracted_fields(adapter, self.min_body_words)
        for name, present in flags.items():
            if present:
                self.stats.inc_value(FIELD_STAT + name)
        return item


class StoredFieldsPipeline:
    def __init__(self, db_path: str | None = None, stats: Any = None) -> None:
        self.db_path = db_path
        self.stats = stats
        self.db: Database | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StoredFieldsPipeline:
        return cls(crawler.settings.get("ENTCRAWL_DB") or None, crawler.stats)

    def open_spider(self) -> None:
        self.db = open_database(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        article_id = adapter.get("article_id")
        if article_id is None:
            return item
        if self.stats is not None:
            self.stats.inc_value(FIELD_STAT + "stored")
            if adapter.get("shows"):
                self.stats.inc_value(FIELD_STAT + "shows")
        discovery = adapter.get("discovery") or {}
        requested = str(discovery.get("requested_url") or adapter.get("url") or "")
        if self.db is not None and requested:
            announced = announced_date(discovery)
            upsert_fetch_state(
                self.db, url=requested, source=str(adapter.get("source") or ""),
                article_id=int(article_id), fetched_at=str(adapter.get("fetched_at") or ""),
                discovery_date=announced.isoformat() if announced else None,
            )
        return item
