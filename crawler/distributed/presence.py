"""Worker presence in Redis, one stats report per closed spider, and start-request seeding.

* :class:`Heartbeat` keeps ``<prefix>:worker:<id>`` alive (expiring after
  3 beats of ``ENTCRAWL_WORKER_HEARTBEAT_SECONDS``) while the worker process
  runs.  The ingest reconciles only when no worker key is alive, and waits
  for the workers before it finishes a run.
* :class:`WorkerReportExtension` pushes, when a spider closes, a JSON report
  (worker id, spider, close reason, Scrapy stats) to ``<prefix>:reports``
  for the ingest's ``crawl_runs`` rows.
* :class:`SeedOnceMiddleware` lets one worker per spider and run push the
  start requests (feeds, sitemaps, listing pages): the first to set
  ``<prefix>:<spider>:seeded``.  Without it every worker would fetch every
  feed.  The mark is cleared when a worker closes on an empty queue
  (:mod:`crawler.distributed.idle`) and expires after
  ``ENTCRAWL_SEED_TTL_SECONDS`` if every worker was killed.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import threading
from collections.abc import AsyncIterator, Mapping
from typing import Any

from scrapy import signals

from crawler.distributed.keys import RedisKeys

logger = logging.getLogger(__name__)
DEFAULT_HEARTBEAT_SECONDS = 10.0
DEFAULT_SEED_TTL_SECONDS = 900
SEEDED_STAT = "entcrawl/distributed/seeded"


def default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def worker_id_from(settings: Any) -> str:
    return str(settings.get("ENTCRAWL_WORKER_ID") or default_worker_id())


def json_stats(stats: Mapping[str, Any]) -> dict[str, Any]:
    """Scrapy stats with datetimes as ISO strings (pure)."""
    return {key: value.isoformat() if isinstance(value, (dt.datetime, dt.date)) else value
            for key, value in stats.items()}


def _redis(settings: Any) -> Any:
    from scrapy_redis import connection

    return connection.from_settings(settings)


class Heartbeat:
    """Keeps ``<prefix>:worker:<id>`` alive from a thread while the worker process runs.

    A thread, not a reactor timer: spider start-up and CPU-heavy callbacks can
    block the reactor for seconds, and a worker that looks dead lets the
    ingest exit or reconcile under it.  The key expires three beats after the
    process dies (SIGKILL included).
    """

    def __init__(self, server: Any, key: str, seconds: float = DEFAULT_HEARTBEAT_SECONDS) -> None:
        self.server = server
        self.key = key
        self.seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="entcrawl-heartbeat", daemon=True)

    @property
    def ttl_ms(self) -> int:
        return max(1000, int(self.seconds * 3000))

    def beat(self) -> None:
        self.server.set(self.key, dt.datetime.now(dt.timezone.utc).isoformat(), px=self.ttl_ms)

    def _run(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                self.beat()
            except Exception as exc:  # a Redis hiccup must not kill the crawl; the key just ages
                logger.warning("heartbeat to Redis failed: %s", exc)

    def __enter__(self) -> Heartbeat:
        self.beat()
        self._thread.start()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.delete(self.key)


class WorkerReportExtension:
    """Pushes one JSON report (worker, spider, close reason, stats) per closed spider."""

    def __init__(self, crawler: Any, server: Any, keys: RedisKeys, worker_id: str) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.worker_id = worker_id

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerReportExtension:
        settings = crawler.settings
        extension = cls(crawler, _redis(settings), RedisKeys.from_settings(settings), worker_id_from(settings))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        report = {"worker": self.worker_id, "spider": spider.name, "reason": reason,
                  "stats": json_stats(stats)}
        self.server.rpush(self.keys.reports, json.dumps(report, default=str))


class SeedOnceMiddleware:
    """Spider middleware: only the worker that claims the seed mark runs ``start()``."""

    def __init__(self, crawler: Any, server: Any, keys: RedisKeys, worker_id: str,
                 ttl_seconds: int = DEFAULT_SEED_TTL_SECONDS) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.worker_id = worker_id
        self.ttl_seconds = ttl_seconds

    @classmethod
    def from_crawler(cls, crawler: Any) -> SeedOnceMiddleware:
        settings = crawler.settings
        return cls(crawler, _redis(settings), RedisKeys.from_settings(settings), worker_id_from(settings),
                   settings.getint("ENTCRAWL_SEED_TTL_SECONDS", DEFAULT_SEED_TTL_SECONDS))

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        name = self.crawler.spider.name
        if not self.server.set(self.keys.seeded(name), self.worker_id, nx=True, ex=self.ttl_seconds):
            logger.info("%s: another worker pushed this run's start requests", name)
            return
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(SEEDED_STAT, 1)
        async for request in start:
            yield request
