"""Data model of the demo network: sites and articles (the ground truth)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from crawler.demo.clock import iso
from crawler.demo.shows import SHOWS


@dataclass(frozen=True)
class Site:
    slug: str
    name: str
    index: int            # 1..4; the site binds 127.0.0.(20 + index)
    language: str
    country: str
    zone: str             # "ist" | "eastern" | "kst"

    @property
    def host(self) -> str:
        return f"127.0.0.{20 + self.index}"

    def base_url(self, port: int) -> str:
        return f"http://{self.host}:{port}/"


SITES: tuple[Site, ...] = (
    Site("demo-reelbuzz", "ReelBuzz", 1, "en", "IN", "ist"),
    Site("demo-screenwire", "ScreenWire", 2, "en", "US", "eastern"),
    Site("demo-tvgazette", "TV Gazette", 3, "en", "US", "eastern"),
    Site("demo-hallyuko", "한류코 (HallyuKo)", 4, "ko", "KR", "kst"),
)
SITES_BY_SLUG: dict[str, Site] = {site.slug: site for site in SITES}


@dataclass(frozen=True)
class Article:
    site: str
    number: int                        # site-local sequence number (1-based)
    path: str                          # path + query on its site, e.g. "/2026/03/14/slug/"
    kind: str                          # renewal, casting, ..., window, roundup, trap, film, music
    language: str
    published: datetime                # aware, in the site's zone
    authors: tuple[str, ...]
    shows: tuple[str, ...]             # catalog ids the article is about
    mentions: tuple[str, ...]          # catalog ids named only in passing
    title: str
    paragraphs: tuple[str, ...]
    description: str
    section: str
    keywords: tuple[str, ...] = ()
    modified: datetime | None = None   # set when the article was edited after publication
    syndication: str | None = None     # "verbatim" | "rewrite" (a copy of another article)
    original: tuple[str, str] | None = None  # (site slug, path) of the syndicated original
    release_claim: dict | None = None  # storyline beats: {"show_id", "season", "window", "status"}
    phase_added: int = 1
    updated_in_phase: int | None = None
    update_note: str = ""
    flags: frozenset[str] = field(default_factory=frozenset)
    # flags: "meta_date" (reelbuzz article:published_time), "cp1252" / "no_charset"
    # (tvgazette pages served without a charset in Content-Type)

    @property
    def key(self) -> tuple[str, str]:
        return (self.site, self.path)

    @property
    def last_changed(self) -> datetime:
        return self.modified or self.published

    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def find_trap_terms(article: Article) -> list[dict[str, str]]:
    """Show titles that occur in the text although the article is not about them.

    These are the ambiguous-title traps ("a moving tribute", "Wednesday
    previews", the bear on a film set, an unrelated game called Squid Game).
    """
    text = article.title + "\n" + article.text()
    known = set(article.shows) | set(article.mentions)
    found: list[dict[str, str]] = []
    for show in SHOWS:
        if show.id in known:
            continue
        for name in {show.title, show.ko_title}:
            pattern = re.escape(name) if not name.isascii() else rf"\b{re.escape(name)}\b"
            match = re.search(pattern, text, flags=re.IGNORECASE)
            if match:
                found.append({"show_id": show.id, "text": match.group(0)})
                break
    return found


def article_facts(article: Article, base_url: str, original_url: str | None) -> dict:
    """The expected facts for one article, as plain JSON-able values."""
    url = base_url.rstrip("/") + article.path
    return {
        "site": article.site,
        "url": url,
        "title": article.title,
        "published": iso(article.published),
        "published_offset": article.published.strftime("%z")[:3] + ":" + article.published.strftime("%z")[3:],
        "modified": iso(article.modified) if article.modified else None,
        "authors": list(article.authors),
        "shows": list(article.shows),
        "mentions": list(article.mentions),
        "trap_terms": find_trap_terms(article),
        "kind": article.kind,
        "section": article.section,
        "language": article.language,
        "syndication": article.syndication,
        "syndication_of": original_url,
        "release_claim": dict(article.release_claim) if article.release_claim else None,
        "phase_added": article.phase_added,
        "updated_in_phase": article.updated_in_phase,
        "body": article.text(),
        "flags": sorted(article.flags),
    }
