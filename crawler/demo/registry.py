"""Site-registry entries for the demo network, and a tiny YAML writer for them."""
from __future__ import annotations

import json

from crawler.demo.model import SITES_BY_SLUG

TIMEZONES = {"demo-reelbuzz": "Asia/Kolkata", "demo-screenwire": "America/New_York",
             "demo-tvgazette": "America/New_York", "demo-hallyuko": "Asia/Seoul"}

_DISCOVERY: dict[str, dict[str, object]] = {
    "demo-reelbuzz": {
        "feeds": ["/feed/"], "sitemaps": ["/sitemap_index.xml"], "news_sitemaps": [],
        "listing_pages": ["/"],
        "article_url_patterns": [r"^/20\d\d/\d\d/\d\d/[a-z0-9-]+/$"],
        "exclude_url_patterns": [r"/amp/$", r"^/tag/", r"^/author/", r"^/gallery/", r"^/videos/",
                                 r"^/wp-admin/", r"[?&](s|replytocom)="],
        "next_page_selector": None,
    },
    "demo-screenwire": {
        "feeds": ["/atom.xml"], "sitemaps": ["/sitemap.xml"], "news_sitemaps": ["/news-sitemap.xml"],
        "listing_pages": ["/", "/tv/", "/streaming/", "/film/", "/music/", "/culture/"],
        "article_url_patterns": [r"^/(tv|streaming|film|music|culture)/[a-z0-9-]+-\d{5}(\?|$)"],
        "exclude_url_patterns": [r"^/author/", r"^/search", r"^/api/", r"^/preview/"],
        "next_page_selector": None,
    },
    "demo-tvgazette": {
        "feeds": [], "sitemaps": [], "news_sitemaps": [],
        "listing_pages": ["/news/?page=1"],
        "article_url_patterns": [r"^/article\.php\?id=\d+$"],
        "exclude_url_patterns": [r"^/print/", r"^/search", r"^/cgi-bin/", r"^/admin/"],
        "next_page_selector": "a.next",
    },
    "demo-hallyuko": {
        "feeds": ["/rss/allArticle.xml"], "sitemaps": ["/sitemap.xml"], "news_sitemaps": [],
        "listing_pages": ["/news/articleList.html?page=1"],
        "article_url_patterns": [r"^/news/articleView\.html\?idxno=\d+$"],
        "exclude_url_patterns": [r"^/member/", r"^/search", r"articleSearch\.html"],
        "next_page_selector": ".pagination a.current + a",
    },
}


def demo_registry_entries(port: int) -> list[dict]:
    """Registry entries (the schema read by crawler/registry.py) for the four demo sites."""
    entries = []
    for slug, discovery in _DISCOVERY.items():
        site = SITES_BY_SLUG[slug]
        entry: dict[str, object] = {
            "slug": slug, "name": site.name, "homepage": site.base_url(port),
            "language": site.language, "country": site.country, "timezone": TIMEZONES[slug],
            "allowed_domains": [site.host],
        }
        entry.update({key: list(value) if isinstance(value, list) else value
                      for key, value in discovery.items()})
        if entry["next_page_selector"] is None:
            del entry["next_page_selector"]
        entry.update({"demo": True, "allow_private_network": True, "enabled": True})
        entries.append(entry)
    return entries


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)   # JSON strings are valid YAML double-quoted scalars


def entries_to_yaml(entries: list[dict]) -> str:
    """Block-style YAML for a list of flat dicts whose values are scalars or lists of scalars."""
    lines = ["sites:"]
    for entry in entries:
        prefix = "  - "
        for key, value in entry.items():
            if isinstance(value, list):
                lines.append(f"{prefix}{key}:" + (" []" if not value else ""))
                lines.extend(f"      - {_scalar(item)}" for item in value)
            else:
                lines.append(f"{prefix}{key}: {_scalar(value)}")
            prefix = "    "
    return "\n".join(lines) + "\n"
