"""Spider loader that makes one spider per site-registry entry.

``scrapy list`` prints every registry slug, and ``scrapy crawl <slug>`` runs a
:class:`~crawler.spiders.site.SiteSpider` subclass bound to that entry.  The
registry file comes from the ``ENTCRAWL_REGISTRY`` setting, so a test or a
benchmark can point Scrapy at its own sites.
"""
from __future__ import annotations

from typing import Self

from scrapy import Request, Spider
from scrapy.settings import BaseSettings

from crawler.registry import Registry, load_registry
from crawler.spiders.site import spider_class_for


class RegistrySpiderLoader:
    def __init__(self, registry: Registry):
        self._registry = registry
        self._classes: dict[str, type[Spider]] = {
            slug: spider_class_for(site) for slug, site in registry.sites.items()
        }

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        return cls(load_registry(settings.get("ENTCRAWL_REGISTRY") or None))

    def load(self, spider_name: str) -> type[Spider]:
        try:
            return self._classes[spider_name]
        except KeyError:
            raise KeyError(
                f"Spider not found: {spider_name} (sites in {self._registry.path}: "
                f"{', '.join(sorted(self._classes))})"
            ) from None

    def list(self) -> list[str]:
        return sorted(self._classes)

    def find_by_request(self, request: Request) -> list[str]:
        return [name for name, cls in self._classes.items() if cls.handles_request(request)]
