"""Dedupe pipeline: link copies and cluster near-duplicates into stories.

Runs after normalize and before store, reading the database (never writing
it: the store stage writes the article, its story and its LSH bands in one
transaction).  For each item, in order:

1. same canonical URL already stored  -> nothing to decide; store versions it;
2. identical body (``content_hash``) under another URL (print page, AMP,
   verbatim syndicated copy) -> ``item.duplicate_of`` = the first-seen
   original, ``item.story_id`` = its story; store keeps the row (outcome
   ``duplicate``) but stories and coverage do not count it;
   a near match that is the same text but for a credit line ("Originally
   published by …") or a dateline counts as such a copy too (``copy``);
3. near duplicate (syndicated rewrite, wire copy with a new intro or
   headline) -> ``item.story_id`` = the matched article's story;
4. otherwise ``item.story_id = None`` and store opens a new story.

Store commits every item before the next one reaches this stage (Scrapy runs
synchronous pipelines item by item), so copies within one run are found too.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter
from sqlite_utils import Database

from pipelines import database as dbq
from pipelines import fingerprints
from pipelines.prepared_results import take_prepared

logger = logging.getLogger(__name__)

# A near match this similar is the same text with a credit line or dateline
# added or removed: a syndicated copy, linked like an exact duplicate.
COPY_MIN_JACCARD = 0.9
COPY_MIN_CONTAINMENT = 0.95


@dataclass(frozen=True)
class DedupeDecision:
    kind: str  # "same_url" | "exact" | "copy" | "near" | "new_story" | "no_text"
    duplicate_of: int | None = None
    story_id: int | None = None
    jaccard: float | None = None
    containment: float | None = None


def decide(db: Database, canonical_url: str, body: str, content_hash: str = "") -> DedupeDecision:
    """Classify one article against everything stored in ``db``."""
    if canonical_url and dbq.find_article_by_canonical_url(db, canonical_url) is not None:
        return DedupeDecision("same_url")
    fp = fingerprints.fingerprint(body)
    key = content_hash or fp.content_hash
    if fp.is_exact_eligible:
        original = dbq.find_original_by_content_hash(db, key, exclude_canonical_url=canonical_url)
        if original is not None:
            return DedupeDecision("exact", duplicate_of=original.id, story_id=original.story_id)
    if not fp.is_near_eligible:
        return DedupeDecision("no_text")
    match = fingerprints.find_near_duplicate(db, fp, exclude_canonical_url=canonical_url)
    if match is None:
        return DedupeDecision("new_story")
    sim = match.similarity
    if sim.jaccard >= COPY_MIN_JACCARD and sim.containment >= COPY_MIN_CONTAINMENT:
        original = dbq.find_article(db, match.article_id)
        original_id = (original.duplicate_of if original and original.duplicate_of else match.article_id)
        return DedupeDecision("copy", duplicate_of=original_id, story_id=match.story_id,
                              jaccard=round(sim.jaccard, 3), containment=round(sim.containment, 3))
    return DedupeDecision(
        "near",
        story_id=match.story_id,
        jaccard=round(match.similarity.jaccard, 3),
        containment=round(match.similarity.containment, 3),
    )


class DedupePipeline:
    def __init__(self, db_path: str | None = None) -> None:
        self.db_path = db_path
        self.crawler: Any = None
        self.db: Database | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        pipeline = cls(db_path=crawler.settings.get("ENTCRAWL_DB") or None)
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        self.db = dbq.open_database(self.db_path)
        if fingerprints.ensure_index_scheme(self.db):
            logger.info("LSH index rebuilt for scheme %s", fingerprints.SCHEME)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def process_item(self, item: Any) -> Any:
        if self.db is None:
            raise RuntimeError("DedupePipeline.open_spider() was not called")
        adapter = ItemAdapter(item)
        canonical = str(adapter.get("canonical_url") or adapter.get("url") or "").strip()
        body = str(adapter.get("body") or "")
        _adopt_prepared_fingerprint(adapter, body)
        # fingerprint(body).content_hash == content_hash(body), already computed for decide()
        content_hash = str(adapter.get("content_hash") or "") or fingerprints.fingerprint(body).content_hash
        decision = decide(self.db, canonical, body, content_hash)
        _set_field(adapter, "content_hash", content_hash)
        if decision.kind != "same_url":
            _set_field(adapter, "duplicate_of", decision.duplicate_of)
            _set_field(adapter, "story_id", decision.story_id)
        stats = getattr(self.crawler, "stats", None)
        if stats is not None:
            stats.inc_value(f"entcrawl/dedupe/{decision.kind}")
        if decision.kind == "near":
            logger.debug(
                "%s joins story %s (jaccard %.2f, containment %.2f)",
                canonical, decision.story_id, decision.jaccard, decision.containment,
            )
        return item


def _adopt_prepared_fingerprint(adapter: ItemAdapter, body: str) -> None:
    """Use the fingerprint the extraction worker computed for this body, if any."""
    fp = take_prepared(adapter, "fingerprint")
    if fp is not None:
        fingerprints.adopt_fingerprint(body, fp)


def _set_field(adapter: ItemAdapter, name: str, value: Any) -> None:
    try:
        adapter[name] = value
    except KeyError:
        logger.debug("item type %s has no field %r", type(adapter.item).__name__, name)
