"""Scrapy pipeline: fill ``item.shows`` from the show catalog (see docs/tagging.md),
then each tag's ``kinds`` and the item's ``release_claims`` (pipelines/annotate.py,
docs/claims.md).

Settings: ``ENTCRAWL_CATALOG`` (default ``data/shows.yaml`` under the project
root).  A missing catalog disables the pipeline (``NotConfigured``); an invalid
one fails loudly at startup with the validation errors.

Stats: ``entcrawl/tag/articles_tagged`` (items with at least one show),
``entcrawl/tag/tags`` (show tags written) and ``entcrawl/tag/release_claims``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import NotConfigured

from pipelines.annotate import annotate_article, show_names
from pipelines.show_catalog import Catalog, load_catalog
from pipelines.show_tagger import ShowTagger

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CATALOG = PROJECT_ROOT / "data" / "shows.yaml"


class TagPipeline:
    def __init__(self, catalog: Catalog, stats: Any = None):
        self.tagger = ShowTagger(catalog)
        self.names = show_names(catalog)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler) -> "TagPipeline":
        setting = crawler.settings.get("ENTCRAWL_CATALOG") or str(DEFAULT_CATALOG)
        path = Path(setting)
        if not path.is_absolute():
            path = PROJECT_ROOT / path
        if not path.is_file():
            raise NotConfigured(f"show catalog not found: {path} (setting ENTCRAWL_CATALOG)")
        return cls(load_catalog(path), stats=crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        tags = self.tagger.tag(
            adapter.get("title") or "",
            adapter.get("body") or "",
            language=adapter.get("language") or "",
        )
        annotation = annotate_article(
            adapter.get("title") or "", adapter.get("body") or "",
            language=adapter.get("language") or "", published_at=adapter.get("published_at"),
            shows=[tag.as_dict() for tag in tags], names=self.names,
        )
        adapter["shows"] = annotation.shows
        try:
            adapter["release_claims"] = annotation.release_claims
        except KeyError:      # an item class without the field: tags still get their kinds
            pass
        if tags and self.stats is not None:
            self.stats.inc_value("entcrawl/tag/articles_tagged")
            self.stats.inc_value("entcrawl/tag/tags", len(tags))
            if annotation.release_claims:
                self.stats.inc_value("entcrawl/tag/release_claims", len(annotation.release_claims))
        return item
