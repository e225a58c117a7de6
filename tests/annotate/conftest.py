"""Fixtures: the session demo database of tests/reports (same code, loaded from there),
a tiny synthetic catalog, and a helper that stores items through tag + store."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from crawler.items import ArticleItem
from pipelines.database import open_database
from pipelines.show_catalog import load_catalog
from pipelines.store import store_item
from pipelines.tag import TagPipeline

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "reports_demo_conftest", PROJECT_ROOT / "tests" / "reports" / "conftest.py")
_reports = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _reports
_spec.loader.exec_module(_reports)

# One demo crawl per session, built exactly as tests/reports builds it.
demo_db = _reports.demo_db
db_copy = _reports.db_copy
entcrawl = _reports.entcrawl
run_cli = _reports.run_cli

CATALOG_V1 = """\
shows:
- id: glass-harbor
  title: Glass Harbor
  aliases: [GH]
  network: Netflix
  country: US
  years: [2024, null]
- id: lantern-street
  title: Lantern Street
  network: HBO
  country: GB
  years: [2023, null]
- id: north-pier
  title: North Pier Nights
  network: Hulu
  country: US
  years: [2022, null]
"""


@pytest.fixture
def catalog_v1(tmp_path) -> Path:
    path = tmp_path / "shows_v1.yaml"
    path.write_text(CATALOG_V1, encoding="utf-8")
    return path


def _make_item(number: int, title: str, body: str, published: str | None = "2026-03-02T10:00:00+00:00",
              language: str = "en") -> ArticleItem:
    return ArticleItem(url=f"https://example.test/{number}", source="example", title=title, body=body,
                       published_at=published, language=language, fetched_at="2026-03-03T00:00:00+00:00")


def _store_articles(db_path: Path, catalog_path: Path, items: list[ArticleItem]) -> list[ArticleItem]:
    """Tag (with kinds and claims) and store ``items`` as the crawl would."""
    pipeline = TagPipeline(load_catalog(catalog_path))
    db = open_database(db_path)
    try:
        for item in items:
            store_item(db, pipeline.process_item(item))
    finally:
        db.close()
    return items


@pytest.fixture
def make_item():
    """make_item(number, title, body, published=..., language="en") -> ArticleItem."""
    return _make_item


@pytest.fixture
def store_articles():
    """store_articles(db_path, catalog_path, items): tag stage + store, as in a crawl."""
    return _store_articles
