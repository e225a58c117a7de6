"""TagPipeline: settings, NotConfigured, item.shows and stats."""
from __future__ import annotations

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from pipelines.tag import DEFAULT_CATALOG, PROJECT_ROOT, TagPipeline


def make_pipeline(settings=None):
    crawler = get_crawler(settings_dict=settings or {})
    return TagPipeline.from_crawler(crawler), crawler


def test_default_catalog_is_the_project_file():
    assert DEFAULT_CATALOG == PROJECT_ROOT / "data" / "shows.yaml"
    pipeline, _ = make_pipeline()
    assert "squid-game" in pipeline.tagger.catalog


def test_relative_setting_resolves_against_project_root():
    pipeline, _ = make_pipeline({"ENTCRAWL_CATALOG": "data/shows.yaml"})
    assert len(pipeline.tagger.catalog) >= 160


def test_missing_catalog_disables_the_pipeline(tmp_path):
    with pytest.raises(NotConfigured, match="show catalog not found"):
        make_pipeline({"ENTCRAWL_CATALOG": str(tmp_path / "nope.yaml")})


def test_fills_shows_and_counts_stats():
    pipeline, crawler = make_pipeline()
    crawler.stats.open_spider()
    item = ArticleItem(title="Squid Game season 2 trailer", language="en",
                       body="Netflix released the trailer.\n\nLee Jung-jae returns in Squid Game.")
    assert pipeline.process_item(item) is item
    tagger_keys = ("show_id", "alias", "where", "count", "season", "score", "is_about")
    assert [{k: tag[k] for k in tagger_keys} for tag in item.shows] == [
        {"show_id": "squid-game", "alias": "Squid Game", "where": "headline",
         "count": 2, "season": 2, "score": item.shows[0]["score"], "is_about": True}]
    untagged = ArticleItem(title="Weather", body="Rain tomorrow.")
    pipeline.process_item(untagged)
    assert untagged.shows == []
    dict_item = {"title": "Moving season 2", "body": "Disney+ confirmed more episodes."}
    pipeline.process_item(dict_item)
    assert dict_item["shows"][0]["show_id"] == "moving"
    assert crawler.stats.get_value("entcrawl/tag/articles_tagged") == 2
    assert crawler.stats.get_value("entcrawl/tag/tags") == 2


def test_missing_fields_are_fine():
    pipeline, _ = make_pipeline()
    item = {"url": "https://example.test/a"}
    pipeline.process_item(item)
    assert item["shows"] == []
