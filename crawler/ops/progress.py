"""Progress a person can follow on a long crawl: one line per site every N seconds.

``ProgressExtension`` (enabled when ``ENTCRAWL_PROGRESS_INTERVAL`` > 0; the
``entcrawl crawl`` command sets it from ``--progress-interval``) logs through
the ``entcrawl.progress`` logger at INFO, so lines go to the log file always
and to the terminal unless the run is quiet.  A last line is logged when the
spider closes.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger("entcrawl.progress")


def _sum_prefix(stats: Mapping[str, Any], prefix: str) -> int:
    return sum(int(v or 0) for k, v in stats.items() if k.startswith(prefix))


def progress_line(slug: str, stats: Mapping[str, Any], elapsed: float, done: bool = False) -> str:
    """One human-readable line of per-site counts (pure)."""
    pages = int(stats.get("response_received_count") or 0)
    store = {k: int(stats.get(f"entcrawl/store/{k}") or 0) for k in ("new", "updated", "unchanged", "duplicate")}
    line = (
        f"{slug}: {pages} pages, {_sum_prefix(stats, 'entcrawl/discovered/')} article requests"
        f" ({int(stats.get('entcrawl/skipped/known') or 0)} known skipped) | stored new {store['new']}"
        f" updated {store['updated']} unchanged {store['unchanged']} duplicate {store['duplicate']}"
        f" | dropped {_sum_prefix(stats, 'entcrawl/dropped/')} | errors {_sum_prefix(stats, 'entcrawl/errors/')}"
        f" | {elapsed:.0f}s"
    )
    return line + (" (done)" if done else "")


class ProgressExtension:
    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self._started = time.monotonic()
        self._task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        interval = crawler.settings.getfloat("ENTCRAWL_PROGRESS_INTERVAL", 0.0)
        if interval <= 0:
            raise NotConfigured  # no message: Scrapy would log it as a warning
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _slug(self) -> str:
        return str(getattr(self.crawler.spider, "name", "") or "?")

    def _log(self, done: bool = False) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        logger.info(progress_line(self._slug(), stats, time.monotonic() - self._started, done))

    def spider_opened(self, spider: Any = None) -> None:
        self._started = time.monotonic()
        self._task = create_looping_call(self._log)
        self._task.start(self.interval, now=False)

    def spider_closed(self, spider: Any = None, reason: str | None = None) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self._log(done=True)
