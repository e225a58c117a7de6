"""Run several site spiders in one Scrapy process (what `entcrawl crawl` does)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.registry import Registry, load_registry
from crawler.spiders.arguments import parse_crawl_arguments


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
) -> list[SiteOutcome]:
    """Crawl the given sites (all enabled ones when empty) and return their outcomes.

    Blocks until every spider has closed.  Spider arguments are validated for
    all sites before the reactor starts.
    """
    settings = project_settings(settings_overrides)
    registry = load_registry(settings.get("ENTCRAWL_REGISTRY"))
    chosen = select_sites(registry, slugs)
    parse_crawl_arguments(dict(spider_args or {}))  # fail fast, before any request
    process = CrawlerProcess(settings, install_root_handler=True)
    crawlers = []
    for slug in chosen:
        crawler = process.create_crawler(slug)
        crawlers.append(crawler)
        process.crawl(crawler, **(spider_args or {}))
    process.start()
    outcomes = []
    for slug, crawler in zip(chosen, crawlers):
        stats = crawler.stats.get_stats() if crawler.stats else {}
        outcomes.append(SiteOutcome(slug, str(stats.get("finish_reason", "not started")), stats))
    return outcomes
