"""Close a worker's spider once the shared queue has stayed empty for a while.

A plain spider on scrapy-redis's scheduler closes at the first moment its
own engine is idle and the shared queue is empty: the instant another
worker is still parsing a sitemap that will fill the queue again.
scrapy-redis's own ``MAX_IDLE_TIME_BEFORE_CLOSE`` only applies to
``RedisSpider`` and starts its timer at import time.  This extension keeps
the spider open (``DontCloseSpider``) until the queue has been empty, and
this worker idle, for ``ENTCRAWL_IDLE_CLOSE_SECONDS`` in a row, then lets it
close with reason ``finished`` and clears the spider's "seeded" mark so the
next run pushes its start requests again.

Scrapy only re-checks an idle engine every 5 s; the extension polls the
queue every ``ENTCRAWL_IDLE_POLL_SECONDS`` and wakes the engine when work
arrives or the idle time is up.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.misc import load_object

from crawler.distributed.keys import RedisKeys

logger = logging.getLogger(__name__)
DEFAULT_IDLE_CLOSE_SECONDS = 60.0
DEFAULT_POLL_SECONDS = 1.0


class IdleTimer:
    """How long the shared queue has been empty while this worker had nothing to do (pure)."""

    def __init__(self, idle_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.idle_since: float | None = None

    def busy(self) -> None:
        self.idle_since = None

    def idle(self) -> bool:
        """Record an idle moment; True once idle for ``idle_seconds`` in a row."""
        now = self.clock()
        if self.idle_since is None:
            self.idle_since = now
        return now - self.idle_since >= self.idle_seconds

    @property
    def expired(self) -> bool:
        return self.idle_since is not None and self.clock() - self.idle_since >= self.idle_seconds


class IdleCloseExtension:
    def __init__(self, crawler: Any, server: Any, keys: RedisKeys, idle_seconds: float,
                 poll_seconds: float = DEFAULT_POLL_SECONDS) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.timer = IdleTimer(idle_seconds)
        self.poll_seconds = poll_seconds
        self._queue: Any = None
        self._loop: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> IdleCloseExtension:
        from scrapy_redis import connection

        settings = crawler.settings
        idle_seconds = settings.getfloat("ENTCRAWL_IDLE_CLOSE_SECONDS", DEFAULT_IDLE_CLOSE_SECONDS)
        if idle_seconds <= 0:
            raise NotConfigured("ENTCRAWL_IDLE_CLOSE_SECONDS <= 0: workers never close by themselves")
        keys = RedisKeys.from_settings(settings)
        extension = cls(crawler, connection.from_settings(settings), keys, idle_seconds,
                        settings.getfloat("ENTCRAWL_IDLE_POLL_SECONDS", DEFAULT_POLL_SECONDS))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    # -------------------------------------------------------------- signals
    def spider_opened(self, spider: Any) -> None:
        settings = self.crawler.settings
        queue_cls = load_object(settings.get("SCHEDULER_QUEUE_CLASS") or "scrapy_redis.queue.PriorityQueue")
        self._queue = queue_cls(server=self.server, spider=spider, key=self.keys.queue_template)
        self._loop = create_looping_call(self._poll)
        self._loop.start(self.poll_seconds, now=False)

    def response_received(self, *args: Any, **kwargs: Any) -> None:
        self.timer.busy()

    def spider_idle(self, spider: Any) -> None:
        if self._queue_length() > 0:
            self.timer.busy()
            raise DontCloseSpider
        if not self.timer.idle():
            raise DontCloseSpider
        logger.info("%s: shared queue empty for %.0f s, closing", spider.name, self.timer.idle_seconds)
        self.server.delete(self.keys.seeded(spider.name))

    def spider_closed(self, spider: Any) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()

    # -------------------------------------------------------------- polling
    def _queue_length(self) -> int:
        return len(self._queue) if self._queue is not None else 0

    def _poll(self) -> None:
        if self.timer.idle_since is None:
            return  # busy: the engine asks for the next request by itself
        if self._queue_length() > 0 or self.timer.expired:
            self._wake_engine()

    def _wake_engine(self) -> None:
        # Scrapy has no public "re-check now" call; without it the engine
        # looks again within its 5 s heartbeat, which is merely slower.
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()
