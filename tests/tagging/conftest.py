"""Shared fixtures: the real catalog, one tagger per session, synthetic catalogs."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.show_catalog import Catalog, load_catalog
from pipelines.show_tagger import ShowTagger

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CATALOG_PATH = PROJECT_ROOT / "data" / "shows.yaml"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CATALOG_PATH)


@pytest.fixture(scope="session")
def tagger(catalog: Catalog) -> ShowTagger:
    return ShowTagger(catalog)
