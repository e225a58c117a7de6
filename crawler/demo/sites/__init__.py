"""One renderer module per demo site; each exposes ``render(ctx) -> dict[str, Page]``."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from crawler.demo.model import Article, Site


@dataclass(frozen=True)
class RenderContext:
    site: Site
    port: int
    phase: int
    articles: tuple[Article, ...]                  # this site's articles, newest first
    url_of: Callable[[tuple[str, str]], str]       # absolute URL of any article key
    seed: int

    @property
    def base(self) -> str:
        return self.site.base_url(self.port)

    def url(self, path: str) -> str:
        return self.base.rstrip("/") + path

    def older_picks(self, article: Article, count: int, salt: str) -> list[Article]:
        """Stable teaser picks: articles published before ``article``.

        Depending only on older articles keeps a page's sidebars unchanged when
        newer articles are added in phase 3.
        """
        older = [a for a in self.articles if a.published < article.published
                 and a.phase_added <= article.phase_added]
        rng = random.Random(f"{self.seed}:{salt}:{article.path}")
        return rng.sample(older, min(count, len(older)))


def author_slug(name: str) -> str:
    return "-".join(name.lower().replace(".", "").split())
