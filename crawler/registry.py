"""The site registry: which sites entcrawl crawls and how to find their articles.

The registry is one YAML file (``data/sites.yaml`` by default) with a ``sites``
list.  Every entry is validated on load; a bad entry raises
:class:`RegistryError` naming the file, the entry and the field.
Feed, sitemap and listing URLs may be absolute or relative to the homepage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REGISTRY = PROJECT_ROOT / "data" / "sites.yaml"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_URL_LISTS = ("feeds", "sitemaps", "news_sitemaps", "listing_pages")
_PATTERN_LISTS = ("article_url_patterns", "exclude_url_patterns")
_KNOWN_FIELDS = {
    "slug", "name", "homepage", "language", "country", "timezone", "allowed_domains",
    *_URL_LISTS, *_PATTERN_LISTS, "next_page_selector", "enabled", "demo",
    "allow_private_network", "max_listing_pages", "download_delay", "notes",
}


class RegistryError(ValueError):
    """A registry file or entry is invalid."""


@dataclass(frozen=True)
class SiteConfig:
    slug: str
    name: str
    homepage: str
    language: str
    allowed_domains: tuple[str, ...]
    article_url_patterns: tuple[str, ...]
    country: str = ""
    timezone: str = ""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    news_sitemaps: tuple[str, ...] = ()
    listing_pages: tuple[str, ...] = ()
    exclude_url_patterns: tuple[str, ...] = ()
    next_page_selector: str | None = None
    enabled: bool = True
    demo: bool = False
    allow_private_network: bool = False
    max_listing_pages: int = 20
    download_delay: float | None = None
    notes: str = ""

    @property
    def start_urls(self) -> list[str]:
        return [*self.feeds, *self.news_sitemaps, *self.sitemaps, *self.listing_pages]


@dataclass
class Registry:
    path: Path
    sites: dict[str, SiteConfig] = field(default_factory=dict)

    def get(self, slug: str) -> SiteConfig:
        try:
            return self.sites[slug]
        except KeyError:
            known = ", ".join(sorted(self.sites)) or "(none)"
            raise RegistryError(f"{self.path}: no site {slug!r}; known sites: {known}") from None

    def enabled(self) -> list[SiteConfig]:
        return [site for site in self.sites.values() if site.enabled]


def load_registry(path: str | Path | None = None) -> Registry:
    """Read and validate a registry file."""
    path = Path(path) if path else DEFAULT_REGISTRY
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: registry file not found") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("sites"), list):
        raise RegistryError(f"{path}: expected a mapping with a 'sites' list")
    registry = Registry(path=path)
    for index, entry in enumerate(raw["sites"]):
        site = parse_site(entry, where=f"{path}: sites[{index}]")
        if site.slug in registry.sites:
            raise RegistryError(f"{path}: sites[{index}] ({site.slug}): field 'slug': duplicate slug")
        registry.sites[site.slug] = site
    return registry


def parse_site(entry: Any, *, where: str = "registry entry") -> SiteConfig:
    """Validate one registry entry (a mapping) and return its SiteConfig."""
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: expected a mapping, got {type(entry).__name__}")
    slug = entry.get("slug")
    label = f"{where} ({slug})" if isinstance(slug, str) else where

    def fail(field_name: str, message: str) -> RegistryError:
        return RegistryError(f"{label}: field {field_name!r}: {message}")

    unknown = sorted(set(entry) - _KNOWN_FIELDS)
    if unknown:
        raise fail(unknown[0], "unknown field (typo?)")
    for required in ("slug", "name", "homepage", "language", "article_url_patterns"):
        if entry.get(required) in (None, "", []):
            raise fail(required, "is required")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise fail("slug", "must be lowercase letters, digits, '-' or '_'")
    homepage = _check_url(entry["homepage"], fail, "homepage")
    language = entry["language"]
    if not isinstance(language, str) or not _LANG.match(language):
        raise fail("language", f"{language!r} is not a language code like 'en' or 'ko'")
    host = urlsplit(homepage).hostname or ""
    domains = entry.get("allowed_domains") or [host.removeprefix("www.")]
    domains = _string_list(domains, fail, "allowed_domains")
    for domain in domains:
        if "/" in domain or ":" in domain:
            raise fail("allowed_domains", f"{domain!r} must be a bare host name, no scheme or port")
    if not any(host == d or host.endswith("." + d) for d in domains):
        raise fail("allowed_domains", f"homepage host {host!r} is not in {domains}")
    urls = {}
    for name in _URL_LISTS:
        values = _string_list(entry.get(name, []), fail, name)
        urls[name] = tuple(_check_url(urljoin(homepage, v), fail, name) for v in values)
    if not any(urls.values()):
        raise fail("feeds", "a site needs at least one of feeds, sitemaps, news_sitemaps, listing_pages")
    patterns = {}
    for name in _PATTERN_LISTS:
        values = _string_list(entry.get(name, []), fail, name)
        for pattern in values:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise fail(name, f"bad regular expression {pattern!r}: {exc}") from None
        patterns[name] = tuple(values)
    flags = {}
    for name, default in (("enabled", True), ("demo", False), ("allow_private_network", False)):
        value = entry.get(name, default)
        if not isinstance(value, bool):
            raise fail(name, "must be true or false")
        flags[name] = value
    max_pages = entry.get("max_listing_pages", 20)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise fail("max_listing_pages", "must be a positive integer")
    delay = entry.get("download_delay")
    if delay is not None and (not isinstance(delay, (int, float)) or delay < 0):
        raise fail("download_delay", "must be a number of seconds >= 0")
    return SiteConfig(
        slug=slug,
        name=str(entry["name"]),
        homepage=homepage,
        language=language,
        country=str(entry.get("country", "")),
        timezone=str(entry.get("timezone", "")),
        allowed_domains=tuple(domains),
        next_page_selector=entry.get("next_page_selector"),
        max_listing_pages=max_pages,
        download_delay=float(delay) if delay is not None else None,
        notes=str(entry.get("notes", "")),
        **urls,
        **patterns,
        **flags,
    )


def _string_list(value: Any, fail, name: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(name, "must be a list of non-empty strings")
    return value


def _check_url(value: Any, fail, name: str) -> str:
    if not isinstance(value, str):
        raise fail(name, "must be a URL string")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(name, f"{value!r} is not an absolute http(s) URL")
    return value
