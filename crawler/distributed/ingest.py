"""The single writer: drain the workers' items from Redis into SQLite.

``Ingest.run()`` holds the database's run lock (the same one as
``entcrawl crawl``, so a local crawl and an ingest never write at once) and

1. puts back the items a killed ingest had taken but not committed
   (``<prefix>:items:processing``);
2. when no worker is alive, stores what is left in the item list and
   reconciles the dupefilter with the database
   (:mod:`crawler.distributed.reconcile`) while holding
   ``<prefix>:reconciling``, which starting workers wait for;
3. takes items in batches (atomically moved to the processing list) and runs
   each through the same stages as a local crawl: ``DedupePipeline``, then
   ``pipelines.store.store_item``, then ``StoredFieldsPipeline``
   (fetch state); an item that cannot be decoded or stored is kept in
   ``<prefix>:items:failed`` with the error, never dropped;
4. collects the workers' stats reports and, when the item list has been
   empty and no worker alive for ``idle_timeout`` seconds, writes one
   ``crawl_runs`` row per site (pages from the workers' stats, outcomes
   from the store).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from crawler.distributed.items import BadItemError, item_from_json
from crawler.distributed.keys import RedisKeys
from crawler.distributed.reconcile import ReconcileReport, reconcile
from crawler.ops.fieldfill import StoredFieldsPipeline
from crawler.ops.lock import RunLock, lock_path_for
from crawler.registry import RegistryError, SiteConfig, load_registry
from pipelines import crawl_runs
from pipelines import database as dbq
from pipelines.dedupe import DedupePipeline
from pipelines.store import MissingUrlError, store_item, sync_catalog

logger = logging.getLogger("entcrawl.ingest")
RECONCILE_LOCK_SECONDS = 3600


@dataclass
class IngestOptions:
    db_path: Path
    batch_size: int = 100
    idle_timeout: float = 60.0
    start_timeout: float = 120.0
    poll_seconds: float = 0.5
    catalog_path: str | None = None
    registry_path: str | None = None
    recrawl_window: dt.timedelta | None = dt.timedelta(days=3)
    reconcile: bool = True
    retry_failed: bool = False


class RoutingStats:
    """A Scrapy-like stats collector that counts into the current item's site."""

    def __init__(self) -> None:
        self.by_source: dict[str, Counter[str]] = {}
        self.source = "unknown"

    def _current(self) -> Counter[str]:
        return self.by_source.setdefault(self.source, Counter())

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self._current()[key] += count

    def get_value(self, key: str, default: Any = None) -> Any:
        return self._current().get(key, default)

    def get_stats(self) -> dict[str, Any]:
        return dict(self._current())


@dataclass
class _StatsOwner:
    """What DedupePipeline reads from its crawler: only ``stats``."""
    stats: RoutingStats


@dataclass
class SourceRun:
    row_id: int
    outcomes: Counter[str] = field(default_factory=Counter)
    reasons: list[str] = field(default_factory=list)
    workers: set[str] = field(default_factory=set)


@dataclass
class IngestResult:
    run_id: str
    outcomes: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    reconciled: list[ReconcileReport] | None = None
    worker_reports: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def merge_worker_stats(target: Counter[str], stats: dict[str, Any]) -> None:
    """Add a worker's numeric stats to a site's totals (pure on ``target``)."""
    for key, value in stats.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            target[key] += value


class Ingest:
    def __init__(self, server: Any, keys: RedisKeys, options: IngestOptions,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.server = server
        self.keys = keys
        self.options = options
        self.clock = clock
        self.sleep = sleep
        self.run_id = str(uuid.uuid4())
        self.stats = RoutingStats()
        self.result = IngestResult(self.run_id)
        self.runs: dict[str, SourceRun] = {}
        self.sites: dict[str, SiteConfig] = {}
        self.stop_requested = False
        self.db: Any = None
        self.dedupe: DedupePipeline | None = None
        self.fields: StoredFieldsPipeline | None = None

    # ------------------------------------------------------------------ run
    def run(self) -> IngestResult:
        lock = RunLock(lock_path_for(self.options.db_path)).acquire()  # CrawlLockedError
        try:
            self._open()
            try:
                self.requeue_unfinished()
                if self.options.retry_failed:
                    self.requeue_failed()
                if self.options.reconcile:
                    self.result.reconciled = self.try_reconcile()
                self.drain()
            finally:
                self._close()
        finally:
            lock.release()
        self.result.sources = sorted(self.runs)
        return self.result

    def _open(self) -> None:
        options = self.options
        self.db = dbq.open_database(options.db_path)
        closed = crawl_runs.mark_interrupted_runs(self.db, dbq.utc_now())
        if closed:
            logger.warning("%d crawl run(s) left 'running' marked 'interrupted'", closed)
        if options.catalog_path and Path(options.catalog_path).exists():
            sync_catalog(self.db, options.catalog_path)
        if options.registry_path:
            try:
                self.sites = dict(load_registry(options.registry_path).sites)
            except RegistryError as exc:
                logger.warning("registry not loaded (sources get bare rows): %s", exc)
        self.dedupe = DedupePipeline(str(options.db_path))
        self.dedupe.crawler = _StatsOwner(self.stats)
        self.dedupe.open_spider()
        self.fields = StoredFieldsPipeline(str(options.db_path), self.stats)
        self.fields.open_spider()

    def _close(self) -> None:
        try:
            self.collect_reports()
            self.finish_runs()
        finally:
            for stage in (self.fields, self.dedupe):
                if stage is not None:
                    stage.close_spider()
            if self.db is not None:
                self.db.close()

    # ------------------------------------------------------------- draining
    def drain(self) -> None:
        """Store items until none came and no worker was alive for ``idle_timeout`` seconds.

        Until the first item or worker shows up, wait up to ``start_timeout``
        instead (workers started by the same cron line take a moment).
        """
        started = self.clock()
        seen_work = False
        idle_since: float | None = None
        while not self.stop_requested:
            taken = self.process_batch()
            self.collect_reports()
            if taken or self.workers_alive():
                seen_work = True
                idle_since = None
                if taken:
                    continue
            elif not seen_work:
                if self.clock() - started >= self.options.start_timeout:
                    logger.warning("no worker showed up within %.0f s", self.options.start_timeout)
                    return
            else:
                idle_since = self.clock() if idle_since is None else idle_since
                if self.clock() - idle_since >= self.options.idle_timeout:
                    return
            self.sleep(self.options.poll_seconds)

    def drain_now(self) -> None:
        while not self.stop_requested and self.process_batch():
            pass

    def process_batch(self) -> int:
        """Take up to ``batch_size`` items and store them; returns how many were taken."""
        pipe = self.server.pipeline(transaction=True)
        for _ in range(max(1, self.options.batch_size)):
            pipe.lmove(self.keys.items, self.keys.items_processing, "LEFT", "RIGHT")
        messages = [m for m in pipe.execute() if m is not None]
        for message in messages:
            self.ingest_one(message)
            self.server.lrem(self.keys.items_processing, 1, message)
        return len(messages)

    def ingest_one(self, message: str) -> str | None:
        """Dedupe and store one JSON item; returns the store outcome or None if it failed."""
        try:
            item = item_from_json(message)
        except BadItemError as exc:
            self._fail(message, f"bad item: {exc}", "unknown")
            return None
        source = item.source or "unknown"
        run = self.source_run(source)
        self.stats.source = source
        assert self.dedupe is not None and self.fields is not None
        try:
            self.dedupe.process_item(item)
            outcome = store_item(self.db, item, fallback_source=source)
            self.fields.process_item(item)
            self._record_redirects(item)
        except MissingUrlError as exc:
            self.stats.inc_value("entcrawl/dropped/no_url")
            self._fail(message, str(exc), source)
            return None
        except sqlite3.Error as exc:
            self.stats.inc_value("entcrawl/errors/store_failed")
            self._fail(message, f"{type(exc).__name__}: {exc}", source)
            return None
        run.outcomes[outcome] += 1
        self.result.outcomes[outcome] += 1
        self.stats.inc_value(f"entcrawl/store/{outcome}")
        return outcome

    def _record_redirects(self, item: Any) -> None:
        """The URLs that redirected to this article: not fetched again by a later run."""
        adapter = ItemAdapter(item)
        discovery = adapter.get("discovery") or {}
        for url in discovery.get("redirect_urls") or []:
            crawl_runs.upsert_fetch_state(self.db, url=str(url), source=str(adapter.get("source") or ""),
                                   article_id=int(adapter["article_id"]),
                                   fetched_at=str(adapter.get("fetched_at") or ""), discovery_date=None)

    def _fail(self, message: str, error: str, source: str) -> None:
        logger.error("ingest: item kept in %s: %s", self.keys.items_failed, error)
        self.server.rpush(self.keys.items_failed, json.dumps({"error": error, "item": message}))
        self.result.failed += 1
        self.stats.source = source
        self.stats.inc_value("entcrawl/ingest/failed")

    def requeue_unfinished(self) -> int:
        """Items a killed ingest took but did not finish go back to the front of the list."""
        moved = 0
        while self.server.lmove(self.keys.items_processing, self.keys.items, "RIGHT", "LEFT") is not None:
            moved += 1
        if moved:
            logger.warning("%d item(s) left by an interrupted ingest put back in the queue", moved)
        return moved

    def requeue_failed(self) -> int:
        moved = 0
        while (entry := self.server.lpop(self.keys.items_failed)) is not None:
            try:
                self.server.rpush(self.keys.items, json.loads(entry)["item"])
                moved += 1
            except (ValueError, KeyError, TypeError):
                logger.error("unreadable entry in %s dropped: %.200s", self.keys.items_failed, entry)
        return moved

    # ------------------------------------------------------------ reconcile
    def workers_alive(self) -> bool:
        return next(iter(self.server.scan_iter(match=self.keys.worker_pattern, count=100)), None) is not None

    def try_reconcile(self) -> list[ReconcileReport] | None:
        """Reconcile when no worker is alive (else skip and say so); None when skipped."""
        if not self.server.set(self.keys.reconciling, self.run_id, nx=True, ex=RECONCILE_LOCK_SECONDS):
            logger.warning("another ingest is reconciling this Redis; reconcile skipped")
            return None
        try:
            if self.workers_alive():
                logger.warning("workers are running: reconcile skipped (it runs before a run)")
                return None
            self.drain_now()  # items of the last run first: they are stored, not lost
            reports = reconcile(self.server, self.keys, self.db, recrawl_window=self.options.recrawl_window)
            logger.info("reconcile done: forgot %d never-stored and %d recent fingerprints",
                        sum(r.forgotten_lost for r in reports), sum(r.forgotten_recent for r in reports))
            return reports
        finally:
            self.server.delete(self.keys.reconciling)

    # ---------------------------------------------------------- crawl runs
    def source_run(self, source: str) -> SourceRun:
        run = self.runs.get(source)
        if run is None:
            site = self.sites.get(source)
            if site is not None:
                dbq.upsert_source(self.db, source, name=site.name, homepage=site.homepage,
                                  language=site.language, country=site.country, is_demo=int(site.demo))
            run = SourceRun(crawl_runs.start_crawl_run(self.db, self.run_id, source, dbq.utc_now()))
            self.runs[source] = run
        return run

    def collect_reports(self) -> None:
        while (raw := self.server.lpop(self.keys.reports)) is not None:
            try:
                report = json.loads(raw)
                source, stats = str(report["spider"]), dict(report.get("stats") or {})
            except (ValueError, KeyError, TypeError):
                logger.error("unreadable worker report ignored: %.200s", raw)
                continue
            run = self.source_run(source)
            merge_worker_stats(self.stats.by_source.setdefault(source, Counter()), stats)
            run.reasons.append(str(report.get("reason") or ""))
            run.workers.add(str(report.get("worker") or "?"))
            summary = {"worker": report.get("worker"), "spider": source, "reason": report.get("reason"),
                       "pages": int(stats.get("response_received_count") or 0),
                       "items": int(stats.get("entcrawl/distributed/items_pushed") or 0)}
            self.result.worker_reports.append(summary)
            logger.info("worker %(worker)s %(spider)s: %(pages)d pages, %(items)d items (%(reason)s)", summary)

    def finish_runs(self) -> None:
        for source, run in self.runs.items():
            stats = dict(self.stats.by_source.get(source, Counter()))
            if self.stop_requested:
                reason: str | None = "shutdown"
            else:
                reason = next((r for r in run.reasons if r and r != "finished"), None)
            summary = crawl_runs.run_summary(stats, run.outcomes, reason, dbq.utc_now())
            crawl_runs.finish_crawl_run(self.db, run.row_id, summary)
            crawl_runs.record_run_fields(self.db, run.row_id, stats)
