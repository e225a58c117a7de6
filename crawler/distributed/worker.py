"""Run site spiders as one worker of a distributed crawl (what `entcrawl worker` does).

``run_worker`` validates the sites, spider arguments and Redis URL, announces
the worker in Redis, waits while the ingest reconciles, then runs every
chosen site's spider in one Scrapy process with the worker profile
(:mod:`crawler.distributed.profile`) and returns one outcome per site.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crawler.distributed.items import ITEMS_PUSHED_STAT
from crawler.distributed.keys import RedisKeys
from crawler.distributed.presence import SEEDED_STAT, Heartbeat, default_worker_id
from crawler.distributed.profile import worker_settings
from crawler.distributed.redis_url import connect, redact, validate_redis_url
from crawler.registry import load_registry
from crawler.runner import SiteOutcome, crawl_sites, project_settings, select_sites
from crawler.spiders.arguments import parse_crawl_arguments

logger = logging.getLogger("entcrawl.worker")
DEFAULT_RECONCILE_WAIT_SECONDS = 600.0


@dataclass
class WorkerOutcome(SiteOutcome):
    """A local crawl's outcome, plus which worker it was and what it pushed."""

    worker_id: str = ""

    @property
    def items(self) -> int:
        return int(self.stats.get(ITEMS_PUSHED_STAT, 0))

    @property
    def failed(self) -> bool:
        # A worker that found the queue empty fetched nothing: that is not a failure.
        return self.finish_reason != "finished"

    def line(self) -> str:
        seeded = " seeded" if self.stats.get(SEEDED_STAT) else ""
        errors = self.count("entcrawl/errors/")
        return (f"{self.slug:24} {'FAILED' if self.failed else 'ok':6} worker={self.worker_id}"
                f" pages={self.pages} items={self.items} errors={errors}{seeded} ({self.finish_reason})")


def wait_for_reconcile(server: Any, keys: RedisKeys, timeout: float,
                       clock: Callable[[], float] = time.monotonic,
                       sleep: Callable[[float], None] = time.sleep) -> bool:
    """Wait while the ingest reconciles; False if it still did after ``timeout`` seconds."""
    deadline = clock() + timeout
    announced = False
    while server.exists(keys.reconciling):
        if clock() >= deadline:
            return False
        if not announced:
            logger.info("waiting for the ingest to finish reconciling")
            announced = True
        sleep(0.2)
    return True


def run_worker(
    slugs: list[str] | tuple[str, ...] = (),
    *,
    redis_url: str,
    workers: int = 1,
    worker_id: str = "",
    settings_overrides: dict[str, Any] | None = None,
    spider_args: dict[str, str] | None = None,
) -> list[WorkerOutcome]:
    """Crawl the given sites (all enabled ones when empty) as one worker; blocks until done.

    Raises ``RedisUrlError``, ``RegistryError``, ``SpiderArgumentError`` or
    ``ValueError`` before anything starts, ``redis.RedisError`` when Redis
    cannot be reached.
    """
    validate_redis_url(redis_url)
    worker_id = worker_id or default_worker_id()
    base = project_settings(settings_overrides)
    keys = RedisKeys.from_settings(base)
    settings = worker_settings(base, redis_url=redis_url, workers=workers, worker_id=worker_id, prefix=keys.prefix)
    chosen = select_sites(load_registry(settings.get("ENTCRAWL_REGISTRY")), slugs)
    parse_crawl_arguments(dict(spider_args or {}))  # fail fast, before any request
    server = connect(redis_url)
    server.ping()
    heartbeat = Heartbeat(server, keys.worker(worker_id),
                          settings.getfloat("ENTCRAWL_WORKER_HEARTBEAT_SECONDS", 10.0))
    # Announce first, then check the reconcile mark (the ingest does the reverse).
    with heartbeat:
        wait = settings.getfloat("ENTCRAWL_RECONCILE_WAIT_SECONDS", DEFAULT_RECONCILE_WAIT_SECONDS)
        if not wait_for_reconcile(server, keys, wait):
            logger.warning("the ingest is still reconciling after %.0f s; starting anyway", wait)
        logger.info("worker %s (one of %d) on %s: %s", worker_id, workers, redact(redis_url),
                    ", ".join(chosen) or "(no site)")
        finished = crawl_sites(settings, chosen, spider_args)
    return [WorkerOutcome(slug, reason, stats, worker_id=worker_id) for slug, reason, stats in finished]
