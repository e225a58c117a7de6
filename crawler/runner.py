"""Run several site spiders in one Scrapy process (what `entcrawl crawl` does).

``run_crawl`` validates everything it can before the first request (registry,
slugs, spider arguments), takes the database's run lock (raising
:class:`~crawler.ops.lock.CrawlLockedError` at once when another crawl holds
it), closes ``crawl_runs`` rows a killed crawl left ``running`` as
``interrupted``, gives every spider of the command one ``ENTCRAWL_RUN_ID``,
and returns one :class:`SiteOutcome` per site.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.ops.lock import HELD_SETTING, RunLock, lock_path_for
from crawler.registry import Registry, load_registry
from crawler.spiders.arguments import parse_crawl_arguments
from pipelines.crawl_runs import mark_interrupted_runs
from pipelines.database import open_database, resolve_db_path, utc_now

logger = logging.getLogger("entcrawl.runner")


@dataclass
class SiteOutcome:
    slug: str
    finish_reason: str
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return int(self.stats.get("response_received_count", 0))

    @property
    def stored_new(self) -> int:
        return int(self.stats.get("entcrawl/store/new", 0))

    def count(self, prefix: str) -> int:
        """Sum of the stats under ``prefix`` (e.g. ``entcrawl/errors/``)."""
        return sum(int(v or 0) for k, v in self.stats.items() if k.startswith(prefix))

    @property
    def failed(self) -> bool:
        return self.finish_reason != "finished" or self.pages == 0


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """crawler.settings plus overrides, without relying on the current directory."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if overrides:
        settings.update(overrides, priority="cmdline")
    return settings


def select_sites(registry: Registry, slugs: list[str] | tuple[str, ...]) -> list[str]:
    """The slugs to crawl: those named (validated), else every enabled site."""
    if slugs:
        return [registry.get(slug).slug for slug in slugs]
    return [site.slug for site in registry.enabled()]


def run_crawl(
    slugs: list[str] | tuple[str, ...] = (),
    *,
    settings_overrides: dict[str, Any] | None = None,
    spider_args: dict[str, str] | None = None,
    use_lock: bool = True,
) -> list[SiteOutcome]:
    """Crawl the given sites (all enabled ones when empty) and return their outcomes.

    Blocks until every spider has closed.  Spider arguments are validated for
    all sites before the reactor starts.  Raises ``CrawlLockedError`` when
    another ``run_crawl`` (in any process) holds the lock of the same database.
    """
    settings = project_settings(settings_overrides)
    registry = load_registry(settings.get("ENTCRAWL_REGISTRY"))
    chosen = select_sites(registry, slugs)
    parse_crawl_arguments(dict(spider_args or {}))  # fail fast, before any request
    db_path = resolve_db_path(settings.get("ENTCRAWL_DB"))
    lock = RunLock(lock_path_for(db_path))
    if use_lock:
        lock.acquire()
    # This process decides about the lock: the spiders' RunLockExtension stays off.
    settings.set(HELD_SETTING, True, priority="cmdline")
    try:
        if not settings.get("ENTCRAWL_RUN_ID"):
            settings.set("ENTCRAWL_RUN_ID", str(uuid.uuid4()), priority="cmdline")
        if use_lock:
            _close_interrupted_runs(db_path)
        logger.info("run %s: crawling %s into %s", settings.get("ENTCRAWL_RUN_ID"),
                    ", ".join(chosen) or "(no site)", db_path)
        finished = crawl_sites(settings, chosen, spider_args)
    finally:
        lock.release()
    return [SiteOutcome(slug, reason, stats) for slug, reason, stats in finished]


def crawl_sites(settings: Settings, slugs: list[str], spider_args: dict[str, str] | None = None,
                ) -> list[tuple[str, str, dict[str, Any]]]:
    """Run one spider per slug in one CrawlerProcess until all close:
    ``(slug, finish reason, stats)`` per site."""
    process = CrawlerProcess(settings)
    crawlers = []
    for slug in slugs:
        crawler = process.create_crawler(slug)
        crawlers.append(crawler)
        process.crawl(crawler, **(spider_args or {}))
    process.start()
    finished = []
    for slug, crawler in zip(slugs, crawlers):
        stats = crawler.stats.get_stats() if crawler.stats else {}
        finished.append((slug, str(stats.get("finish_reason", "not started")), stats))
    return finished


def _close_interrupted_runs(db_path: Any) -> None:
    db = open_database(db_path)
    try:
        closed = mark_interrupted_runs(db, utc_now())
    finally:
        db.close()
    if closed:
        logger.warning("%d crawl run(s) left 'running' by a killed crawl marked 'interrupted'", closed)
