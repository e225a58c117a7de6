"""Article extraction in worker processes, so Scrapy's reactor never waits on it.

Scrapy runs every callback on one thread (the asyncio reactor); extraction
(lxml + trafilatura + htmldate, ~20-30 ms per real page) is CPU work that would
otherwise block downloads, the scheduler and the item pipelines.  An
``ExtractionPool`` keeps a ``concurrent.futures.ProcessPoolExecutor`` of
``workers`` processes for the whole crawl; ``SiteSpider.parse_article`` sends
each page as an :class:`ExtractionTask` (body bytes, url, fetch time, encoding; and the pipeline stages to run
after extraction, crawler/worker_stages.py)
and awaits the result with ``asyncio.wrap_future``.

Setting ``ENTCRAWL_EXTRACTION_WORKERS``: ``0`` = extract inline in the reactor
(the old behaviour), ``N`` = N worker processes, unset / ``"auto"`` =
:func:`default_workers` (1 on a 2-core machine).  ``ENTCRAWL_EXTRACTION_TIMEOUT``
(seconds, default 120) bounds one page.

Failures never hang the crawl: a worker that dies (segfault, OOM kill,
``os._exit``) breaks the executor; the pool starts a fresh one and retries the
page once; if that fails too (or the page exceeds the timeout, in which case the
workers are killed) :class:`ExtractionWorkerError` is raised, which the spider
counts as ``entcrawl/errors/extraction_worker``.  Stats of the pool itself:
``entcrawl/extraction_pool/restarts``.  The pool shuts down on ``spider_closed``.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawler.extraction import extract_article
from crawler.items import ArticleItem, with_extracted
from crawler.worker_stages import WorkerStages, run_worker_stages

logger = logging.getLogger(__name__)

WORKERS_SETTING = "ENTCRAWL_EXTRACTION_WORKERS"
TIMEOUT_SETTING = "ENTCRAWL_EXTRACTION_TIMEOUT"
DEFAULT_TIMEOUT = 120.0
RESTART_STAT = "entcrawl/extraction_pool/restarts"
ATTEMPTS = 2          # a page is tried in at most two executors
# Pages per worker submitted and not yet done (running or queued) from which the
# workers count as the bottleneck: the spider then leaves the worker stages
# (crawler/worker_stages.py) to the pipelines in the reactor, which has time to spare.
BACKLOG_PER_WORKER = 2


class ExtractionWorkerError(RuntimeError):
    """A page could not be extracted because its worker process failed or timed out."""


@dataclass(frozen=True)
class ExtractionTask:
    """What a worker needs to extract one page (pickled to the worker).

    With ``stages`` and ``item`` (the spider's fields of the item), the worker
    also runs those pipeline stages (crawler/worker_stages.py) and returns a
    :class:`PreparedPage`."""
    body: bytes
    url: str
    fetched_at: datetime | None = None
    encoding: str | None = None
    stages: WorkerStages | None = None
    item: ArticleItem | None = None


@dataclass(frozen=True)
class PreparedPage:
    """A page extracted and run through the worker stages."""
    fields: dict[str, Any]     # extract_article's output, as extracted
    item: ArticleItem          # the item after the stages (``item.prepared`` holds their results)


def run_extraction(task: ExtractionTask) -> dict[str, Any] | PreparedPage:
    """The worker function: ``extract_article`` on the task's values, then the
    task's pipeline stages when it has any."""
    fields = extract_article(task.body, task.url, fetched_at=task.fetched_at, encoding=task.encoding)
    if task.stages is None or task.item is None:
        return fields
    return PreparedPage(fields, run_worker_stages(with_extracted(task.item, fields), task.stages))


def _warm_up() -> None:
    """Import the extraction stack and the worker stages in a fresh worker before the
    first page arrives (the language model is not needed here: the reactor detects
    the language, crawler/worker_stages.py)."""
    import crawler.extraction  # noqa: F401
    import crawler.worker_stages  # noqa: F401
    import pipelines.fingerprints  # noqa: F401


def default_workers(cpu_count: int | None = None) -> int:
    """One core stays with the reactor: 0 on 1 core, 1 on 2 cores, at most 2."""
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 1)
    return max(0, min(2, cores - 1))


def workers_from_setting(value: Any, cpu_count: int | None = None) -> int:
    """Parse ``ENTCRAWL_EXTRACTION_WORKERS``: None/""/"auto" -> default, else an int >= 0."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "auto")):
        return default_workers(cpu_count)
    try:
        workers = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{WORKERS_SETTING}: {value!r} is not a number of processes or 'auto'") from None
    if workers < 0 or isinstance(value, bool):
        raise ValueError(f"{WORKERS_SETTING}: {value!r} must be 0 (inline) or more")
    return workers


class ExtractionPool:
    """Extraction for one crawl: inline (``workers == 0``) or in worker processes."""

    def __init__(self, workers: int, *, timeout: float = DEFAULT_TIMEOUT,
                 function: Callable[[ExtractionTask], dict[str, Any]] = run_extraction,
                 start_method: str = "spawn", stats: Any = None) -> None:
        if workers < 0:
            raise ValueError("workers must be >= 0")
        self.workers = workers
        self.timeout = timeout
        self.function = function
        self.start_method = start_method
        self.stats = stats
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = None
        self._closed = False
        self._in_flight = 0           # pages submitted by extract() and not yet done

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractionPool:
        from scrapy import signals

        settings = crawler.settings
        pool = cls(workers_from_setting(settings.get(WORKERS_SETTING)),
                   timeout=settings.getfloat(TIMEOUT_SETTING, DEFAULT_TIMEOUT), stats=crawler.stats)
        crawler.signals.connect(pool.close, signal=signals.spider_closed)
        return pool

    # ---------------------------------------------------------------- state
    @property
    def inline(self) -> bool:
        return self.workers == 0

    def can_offload(self) -> bool:
        """True when pages go to a worker: workers configured and an event loop to await on.

        Without a running loop (a callback called directly, e.g. in a unit test) the
        result could not be awaited, so extraction runs inline."""
        if self.workers == 0 or self._closed:
            return False
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True

    def backlogged(self) -> bool:
        """True when at least ``BACKLOG_PER_WORKER`` pages per worker are running or
        waiting: the workers, not the reactor, are what limits the crawl now."""
        return self._in_flight >= max(1, self.workers) * BACKLOG_PER_WORKER

    def start(self) -> None:
        """Start the worker processes now (otherwise on the first page)."""
        executor = self._current_executor()
        for _ in range(self.workers):
            executor.submit(_warm_up)

    # ----------------------------------------------------------- extraction
    def extract_inline(self, task: ExtractionTask) -> dict[str, Any]:
        return self.function(task)

    async def extract(self, task: ExtractionTask) -> dict[str, Any] | PreparedPage:
        """The extracted fields of one page; ExtractionError passes through unchanged."""
        if self.workers == 0:
            return self.function(task)
        self._in_flight += 1
        try:
            return await self._extract_in_worker(task)
        finally:
            self._in_flight -= 1

    async def _extract_in_worker(self, task: ExtractionTask) -> dict[str, Any] | PreparedPage:
        failure: BaseException | None = None
        for _ in range(ATTEMPTS):
            executor = self._current_executor()
            try:
                future: Future = executor.submit(self.function, task)
            except (BrokenProcessPool, RuntimeError) as exc:   # broken or shut down meanwhile
                failure = exc
                self._replace(executor)
                continue
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
            except BrokenProcessPool as exc:
                failure = exc
                self._replace(executor)
            except asyncio.TimeoutError:
                self._replace(executor, kill=True)
                raise ExtractionWorkerError(
                    f"extraction of {task.url} took more than {self.timeout:g} s; workers restarted"
                ) from None
        raise ExtractionWorkerError(f"worker process died while extracting {task.url}: {failure}")

    # ------------------------------------------------------------- lifecycle
    def close(self) -> None:
        """Stop the workers (idempotent); later pages are extracted inline."""
        self._closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _current_executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            if self._closed:
                raise RuntimeError("extraction pool is closed")
            context = multiprocessing.get_context(self.start_method)
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
        return self._executor

    def _replace(self, broken: ProcessPoolExecutor, *, kill: bool = False) -> None:
        """Drop ``broken`` (once, however many pages saw it fail); the next submit starts anew."""
        if self._executor is not broken:
            return
        self._executor = None
        self.restarts += 1
        if self.stats is not None:
            self.stats.inc_value(RESTART_STAT)
        logger.warning("extraction worker pool %s; starting a new one",
                       "timed out" if kill else "broke (a worker process died)")
        if kill:
            # A running task cannot be cancelled: stop its process.  ``_processes``
            # is the executor's own pid -> Process map (CPython 3.8+).
            for process in list(getattr(broken, "_processes", {}).values()):
                process.kill()
        broken.shutdown(wait=False, cancel_futures=True)


def extraction_pool_for(spider: Any) -> ExtractionPool:
    """The spider's pool, made from its crawler's settings on first use."""
    pool = spider.__dict__.get("_entcrawl_extraction_pool")
    if pool is None:
        pool = ExtractionPool.from_crawler(spider.crawler)
        spider._entcrawl_extraction_pool = pool
    return pool
