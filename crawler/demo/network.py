"""DemoNetwork: all articles of the four demo sites, per phase, plus rendering.

Phases:
  1. baseline;
  2. the articles listed in ``storylines.PHASE2_UPDATES`` are edited (title
     and/or body, dateModified / "Updated" line, feeds and sitemaps refreshed);
     nothing is added;
  3. phase 2 plus the new articles marked ``phase=3`` in the calendar.
"""
from __future__ import annotations

from datetime import datetime
from types import MappingProxyType
from typing import Mapping

from crawler.demo import storylines
from crawler.demo.clock import localize
from crawler.demo.model import SITES, SITES_BY_SLUG, Article, Site, article_facts
from crawler.demo.pages import Page, render_body
from crawler.demo.planner import matches_selector, plan_articles, with_phase_edit
from crawler.demo.sites import RenderContext, hallyuko, reelbuzz, screenwire, tvgazette

PHASES = (1, 2, 3)
RENDERERS = {"demo-reelbuzz": reelbuzz.render, "demo-screenwire": screenwire.render,
             "demo-tvgazette": tvgazette.render, "demo-hallyuko": hallyuko.render}


def check_phase(phase: int) -> int:
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES}, got {phase!r}")
    return phase


class DemoNetwork:
    """Deterministic content for the four demo sites (same seed, same bytes)."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed
        protected = {sel for site, sel, _, _ in storylines.PHASE2_UPDATES if site == "demo-screenwire"}
        articles, _ = plan_articles(seed, protected)
        self._base: tuple[Article, ...] = tuple(articles)
        self._edited: Mapping[tuple[str, str], Article] = MappingProxyType(self._plan_edits())

    def _plan_edits(self) -> dict[tuple[str, str], Article]:
        edits: dict[tuple[str, str], Article] = {}
        for site, selector, change, (mo, d, hh, mi) in storylines.PHASE2_UPDATES:
            site_articles = [a for a in self._base if a.site == site]
            targets = [a for a in site_articles if matches_selector(a, selector, site_articles)]
            if len(targets) != 1:
                raise RuntimeError(f"phase-2 selector {site} {selector} matched {len(targets)} articles")
            when = localize(datetime(2026, mo, d, hh, mi), SITES_BY_SLUG[site].zone)
            edits[targets[0].key] = with_phase_edit(targets[0], change, when)
        return edits

    # --- content ------------------------------------------------------------
    @property
    def sites(self) -> tuple[Site, ...]:
        return SITES

    def articles(self, phase: int = 1, site: str | None = None) -> list[Article]:
        """Articles visible in ``phase`` (edited versions from phase 2 on), newest first."""
        check_phase(phase)
        visible = []
        for article in self._base:
            if article.phase_added > phase or (site and article.site != site):
                continue
            if phase >= 2 and article.key in self._edited:
                article = self._edited[article.key]
            visible.append(article)
        return sorted(visible, key=lambda a: (a.published, a.number), reverse=True)

    def article(self, site: str, path: str, phase: int = 1) -> Article:
        for article in self.articles(phase, site):
            if article.path == path:
                return article
        raise KeyError(f"no article {path!r} on {site} in phase {phase}")

    def updated_articles(self) -> list[Article]:
        """The phase-2 versions of the edited articles."""
        return sorted(self._edited.values(), key=lambda a: (a.site, a.number))

    def new_in_phase3(self) -> list[Article]:
        return [a for a in self.articles(3) if a.phase_added == 3]

    # --- ground truth -------------------------------------------------------
    def url_of(self, key: tuple[str, str], port: int) -> str:
        site, path = key
        return SITES_BY_SLUG[site].base_url(port).rstrip("/") + path

    def expected_facts(self, port: int, phase: int = 1) -> list[dict]:
        """Per article: site, url, title, published (with offset), authors, shows, ..."""
        facts = []
        for article in self.articles(phase):
            original = self.url_of(article.original, port) if article.original else None
            facts.append(article_facts(article, SITES_BY_SLUG[article.site].base_url(port), original))
        return facts

    # --- rendering ----------------------------------------------------------
    def render_site(self, slug: str, phase: int, port: int) -> dict[str, Page]:
        """Every page of one site for one phase: {path + query: Page}."""
        site = SITES_BY_SLUG[slug]
        ctx = RenderContext(site=site, port=port, phase=check_phase(phase),
                            articles=tuple(self.articles(phase, slug)),
                            url_of=lambda key: self.url_of(key, port), seed=self.seed)
        return RENDERERS[slug](ctx)

    def render_page(self, slug: str, path: str, phase: int, port: int, now: datetime) -> bytes:
        """Bytes of one page as served at ``now`` (time slots resolved)."""
        return render_body(self.render_site(slug, phase, port)[path], now)


def expected_facts(network: DemoNetwork, port: int, phase: int = 1) -> list[dict]:
    """Module-level alias of :meth:`DemoNetwork.expected_facts`."""
    return network.expected_facts(port, phase)
