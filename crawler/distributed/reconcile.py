"""Reconcile the shared dupefilter with the database before a run.

A fingerprint enters the dupefilter when a request is scheduled, not when
its article is stored.  A worker killed with SIGKILL loses the requests it
was downloading, and their fingerprints would keep every later run from
fetching them.  Before a run (no worker alive), for every spider's
dupefilter the ingest removes

* **lost** fingerprints: neither stored in the database (``articles.url``,
  ``articles.canonical_url``, ``fetch_state.url``) nor still waiting in the
  queue (``<prefix>:<spider>:pending``; when the queue is empty that set is
  cleared first, as any entry left in it is stale).  This also lets pages that were
  fetched but not stored (dropped as too short, 404, …) be tried again, as
  a local incremental crawl does;
* **recent** fingerprints: articles published (or, undated, first seen)
  less than the recrawl window ago, so their edits are picked up: the same
  rule as the local crawl's ``recent`` fetch reason.  This is the recrawl
  mechanism of the distributed mode (no per-period dupefilter keys).

The set arithmetic runs in Redis (a temporary copy of the dupefilter), so
memory in the ingest stays flat however large the database is.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from crawler.distributed.keys import RedisKeys
from crawler.distributed.scheduler import url_fingerprint

logger = logging.getLogger(__name__)
CHUNK = 1000


@dataclass(frozen=True)
class ReconcileReport:
    spider: str
    fingerprints: int     # in the dupefilter before
    pending: int          # still queued: kept
    forgotten_lost: int   # seen but never stored
    forgotten_recent: int  # stored, but recent enough to fetch again

    def line(self) -> str:
        return (f"{self.spider}: {self.fingerprints} fingerprints, {self.pending} queued,"
                f" forgot {self.forgotten_lost} never stored and {self.forgotten_recent} recent")


def _table_exists(db: Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


def stored_urls(db: Database, source: str) -> Iterator[str]:
    """Every URL under which ``source`` has an article in the database."""
    if _table_exists(db, "articles"):
        for url, canonical in db.execute("SELECT url, canonical_url FROM articles WHERE source = ?", [source]):
            yield from (u for u in (url, canonical) if u)
    if _table_exists(db, "fetch_state"):
        for (url,) in db.execute("SELECT url FROM fetch_state WHERE source = ?", [source]):
            if url:
                yield url


def recent_urls(db: Database, source: str, since: dt.datetime) -> Iterator[str]:
    """URLs of ``source``'s articles published (undated: first seen) at or after ``since``."""
    if not _table_exists(db, "articles"):
        return
    cutoff = since.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()
    rows = db.execute(
        "SELECT id, url, canonical_url FROM articles WHERE source = ?"
        " AND COALESCE(published_at, first_seen_at) >= ?", [source, cutoff])
    ids = []
    for article_id, url, canonical in rows:
        ids.append(article_id)
        yield from (u for u in (url, canonical) if u)
    if ids and _table_exists(db, "fetch_state"):
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for (url,) in db.execute(f"SELECT url FROM fetch_state WHERE article_id IN ({marks})", chunk):
                yield url


def _chunks(values: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    chunk: list[str] = []
    for value in values:
        chunk.append(value)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def dupefilter_spiders(server: Any, keys: RedisKeys) -> list[str]:
    return sorted(keys.spider_of_dupefilter(_text(key)) for key in server.scan_iter(match=keys.dupefilter_pattern))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def reconcile_spider(server: Any, keys: RedisKeys, db: Database, spider: str, *,
                     recent_since: dt.datetime | None,
                     fingerprint: Callable[[str], str] = url_fingerprint) -> ReconcileReport:
    """Forget the lost and recent fingerprints of one spider (its slug is the source)."""
    seen_key, pending_key = keys.dupefilter(spider), keys.pending(spider)
    lost_key = f"{seen_key}:reconcile"
    total = int(server.scard(seen_key))
    if not server.exists(keys.queue(spider)):
        # Nothing is queued, so any "pending" entry is stale: a worker was killed
        # between adding it and pushing, or between popping and removing it.
        server.delete(pending_key)
    pending = int(server.scard(pending_key))
    # lost = seen - pending - stored, computed in Redis
    server.sdiffstore(lost_key, [seen_key, pending_key])
    try:
        for chunk in _chunks(fingerprint(url) for url in stored_urls(db, spider)):
            server.srem(lost_key, *chunk)
        lost = 0
        for chunk in _chunks(_text(fp) for fp in server.sscan_iter(lost_key, count=CHUNK)):
            lost += int(server.srem(seen_key, *chunk))
    finally:
        server.delete(lost_key)
    recent = 0
    if recent_since is not None:
        for chunk in _chunks(fingerprint(url) for url in recent_urls(db, spider, recent_since)):
            queued = server.smismember(pending_key, chunk)
            forget = [fp for fp, is_queued in zip(chunk, queued) if not int(is_queued)]
            if forget:
                recent += int(server.srem(seen_key, *forget))
    return ReconcileReport(spider, total, pending, lost, recent)


def reconcile(server: Any, keys: RedisKeys, db: Database, *, recrawl_window: dt.timedelta | None,
              now: dt.datetime | None = None) -> list[ReconcileReport]:
    """Reconcile every spider that has a dupefilter.  Only call with no worker running."""
    now = now or dt.datetime.now(dt.timezone.utc)
    since = now - recrawl_window if recrawl_window and recrawl_window > dt.timedelta(0) else None
    reports = [reconcile_spider(server, keys, db, spider, recent_since=since)
               for spider in dupefilter_spiders(server, keys)]
    for report in reports:
        logger.info("reconcile %s", report.line())
    return reports
