"""Politeness for N workers: together they never hit a site harder than one crawl.

Scrapy's delays and concurrency limits are per process.  With N workers
each gets the per-domain (and per-IP) concurrency divided by N (at least
1), N times the download delay (and AutoThrottle start/max delay), and the
AutoThrottle target concurrency divided by N.  A site's own
``download_delay`` from the registry is multiplied by N the same way, by
:class:`WorkerSpiderLoader`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Self

from scrapy.settings import BaseSettings

from crawler.registry import Registry, load_registry
from crawler.spiderloader import RegistrySpiderLoader

DIVIDED_INTS = ("CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_REQUESTS_PER_IP")
MULTIPLIED_DELAYS = ("DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY")
DIVIDED_FLOATS = ("AUTOTHROTTLE_TARGET_CONCURRENCY",)


def check_workers(workers: int) -> int:
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"the number of workers must be an integer >= 1, got {workers!r}")
    return workers


def politeness_for_workers(values: Mapping[str, Any], workers: int) -> dict[str, Any]:
    """The per-process politeness settings for one of ``workers`` processes (pure).

    ``values`` holds the single-crawl settings; keys it lacks are left out.
    A concurrency of 0 ("no per-IP limit") stays 0.
    """
    check_workers(workers)
    scaled: dict[str, Any] = {}
    for key in DIVIDED_INTS:
        if key in values:
            value = int(values[key] or 0)
            scaled[key] = max(1, value // workers) if value > 0 else 0
    for key in MULTIPLIED_DELAYS:
        if key in values:
            scaled[key] = float(values[key] or 0) * workers
    for key in DIVIDED_FLOATS:
        if key in values:
            scaled[key] = float(values[key] or 0) / workers
    return scaled


def registry_for_workers(registry: Registry, workers: int) -> Registry:
    """The registry with every site's own ``download_delay`` multiplied by ``workers``."""
    check_workers(workers)
    sites = {
        slug: dataclasses.replace(site, download_delay=site.download_delay * workers)
        if site.download_delay is not None else site
        for slug, site in registry.sites.items()
    }
    return Registry(registry.path, sites)


class WorkerSpiderLoader(RegistrySpiderLoader):
    """The registry's spiders with per-site delays scaled by ``ENTCRAWL_WORKERS``."""

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        registry = load_registry(settings.get("ENTCRAWL_REGISTRY") or None)
        return cls(registry_for_workers(registry, settings.getint("ENTCRAWL_WORKERS", 1)))
