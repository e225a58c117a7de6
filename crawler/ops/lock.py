"""One crawl per database: an exclusive ``fcntl.flock`` on ``<db>.lock``.

The lock belongs to the open file, so the kernel releases it when the process
ends for any reason (``kill -9`` included): a stale lock file never blocks
the next run.  The file is never deleted (deleting it would let two
processes lock two different files); it holds the owner's pid and start time
for the message the second process prints.
"""
from __future__ import annotations

import fcntl
import os
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType


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
