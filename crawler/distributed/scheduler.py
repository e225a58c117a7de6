"""scrapy-redis's scheduler and dupefilter, made safe for several workers.

* :class:`SharedScheduler` refuses ``SCHEDULER_PERSIST = False`` (the first
  worker to close would delete the shared queue and dupefilter) and
  ``SCHEDULER_FLUSH_ON_START = True``; counts stats without the ``spider``
  argument Scrapy 2.19 deprecates; and keeps, per spider, the set of
  fingerprints of requests still waiting in the queue
  (``<prefix>:<spider>:pending``) so the reconcile step can tell a queued
  request from one a killed worker lost (:mod:`crawler.distributed.reconcile`).
* :class:`SharedDupeFilter` is scrapy-redis's Redis-set filter with its log
  method taking no spider; :func:`url_fingerprint` is the fingerprint it
  stores for a plain GET of a URL (what the reconcile step computes from the
  database).
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

logger = logging.getLogger(__name__)


class UnsafeSchedulerSettings(ValueError):
    """SCHEDULER_PERSIST off or SCHEDULER_FLUSH_ON_START on: pages would be lost."""


class SharedDupeFilter(RFPDupeFilter):
    """Fingerprints in a Redis set shared by every worker of a spider."""

    stats: Any = None

    def log(self, request: Request, spider: Any = None) -> None:  # no spider needed
        if self.stats is not None:
            self.stats.inc_value("dupefilter/filtered")
        if self.debug or self.logdupes:
            logger.debug("Filtered duplicate request %s", request)
            self.logdupes = self.debug

    def close(self, reason: str = "") -> None:
        """Never delete the shared fingerprints (scrapy-redis's close() does)."""


def url_fingerprint(url: str) -> str:
    """The fingerprint :class:`SharedDupeFilter` stores for ``GET url``."""
    return SharedDupeFilter(server=None, key="").request_fingerprint(Request(url))


class SharedScheduler(Scheduler):
    pending_template = "%(spider)s:pending"

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedScheduler:
        settings = crawler.settings
        if not settings.getbool("SCHEDULER_PERSIST"):
            raise UnsafeSchedulerSettings(
                "SCHEDULER_PERSIST must be True with several workers: the first worker "
                "to close would delete the shared queue and dupefilter")
        if settings.getbool("SCHEDULER_FLUSH_ON_START"):
            raise UnsafeSchedulerSettings(
                "SCHEDULER_FLUSH_ON_START must be False: a worker starting late would "
                "delete the queue the others are working on")
        instance = cls.from_settings(settings)
        instance.stats = crawler.stats
        prefix = settings.get("ENTCRAWL_REDIS_PREFIX") or "entcrawl"
        instance.pending_template = f"{prefix}:%(spider)s:pending"
        return instance

    def open(self, spider: Any) -> None:
        # scrapy-redis's open() without its flush option and its deprecated spider.log().
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer)
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if isinstance(self.df, SharedDupeFilter):
            self.df.stats = self.stats
        self.pending_key = self.pending_template % {"spider": spider.name}
        queued = len(self.queue)
        if queued:
            logger.info("%s: joining a crawl with %d requests queued", spider.name, queued)

    def close(self, reason: str) -> None:
        """Keep the queue and fingerprints: other workers still use them."""

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if not request.dont_filter:
            # Before the push: another worker may pop it at once, and its SREM must
            # find the entry (push-then-add left stale entries under load).
            self.server.sadd(self.pending_key, self.df.request_fingerprint(request))
        self.queue.push(request)
        self._inc("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop(self.idle_before_close)
        if request is None:
            return None
        if not request.dont_filter:
            self.server.srem(self.pending_key, self.df.request_fingerprint(request))
        self._inc("scheduler/dequeued/redis")
        return request
