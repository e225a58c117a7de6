"""One crawl per database: an exclusive ``fcntl.flock`` on ``<db>.lock``.

The lock belongs to the open file, so the kernel releases it when the process
ends for any reason (``kill -9`` included): a stale lock file never blocks
the next run.  The file is never deleted (deleting it would let two
processes lock two different files); it holds the owner's pid and start time
for the message the second process prints.
"""
from __future__ import annotations

import fcntl
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

logger = logging.getLogger(__name__)


class CrawlLockedError(RuntimeError):
    """Another process holds the run lock of this database."""

    def __init__(self, lock_path: Path, holder: str) -> None:
        self.lock_path = lock_path
        self.holder = holder
        detail = f" ({holder})" if holder else ""
        super().__init__(f"another entcrawl crawl is running on this database{detail}; lock file {lock_path}")


def lock_path_for(db_path: str | Path) -> Path:
    """``data/entcrawl.db`` -> ``data/entcrawl.db.lock``."""
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


class RunLock:
    """Non-blocking exclusive lock; use as a context manager or acquire()/release()."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> RunLock:
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise CrawlLockedError(self.path, holder) from None
        except BaseException:
            os.close(fd)
            raise
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""


STORE_PIPELINE = "pipelines.store.StorePipeline"
HELD_SETTING = "ENTCRAWL_RUN_LOCK_HELD"     # set by crawler/runner.py, which locks itself


class RunLockExtension:
    """`scrapy crawl SLUG` takes the database's run lock as `entcrawl crawl` does.

    Switched off (``NotConfigured``) when ``ENTCRAWL_RUN_LOCK_HELD`` is set (the
    runner of `entcrawl crawl` holds the lock for all its spiders) and when the
    crawl does not store into the database (no ``StorePipeline``, e.g. a
    distributed worker).  When another crawl holds the lock, the crawl does not
    start: the error is logged and ``CrawlLockedError`` raised before any request.
    The lock is released when the engine stops.
    """

    def __init__(self, lock_path: str | Path) -> None:
        self.lock = RunLock(lock_path)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunLockExtension:
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        from pipelines.database import resolve_db_path

        settings = crawler.settings
        if settings.getbool(HELD_SETTING):
            raise NotConfigured("the runner holds the run lock")
        if settings.getwithbase("ITEM_PIPELINES").get(STORE_PIPELINE) is None:
            raise NotConfigured("this crawl does not store into a database")
        extension = cls(lock_path_for(resolve_db_path(settings.get("ENTCRAWL_DB"))))
        try:
            extension.lock.acquire()
        except CrawlLockedError as exc:
            logger.error("%s; not crawling", exc)
            raise
        crawler.signals.connect(extension.release, signal=signals.engine_stopped)
        return extension

    def release(self) -> None:
        self.lock.release()
