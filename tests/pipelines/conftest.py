"""Fixtures for the storage and dedupe tests: a fresh database per test, fake
crawlers, item factories and the labeled dedupe corpus."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlite_utils import Database

from crawler.items import ArticleItem
from pipelines.database import open_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dedupe"


# ---------------------------------------------------------------- database
@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "entcrawl.db"


@pytest.fixture
def fresh_db(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path)
    yield db
    db.close()


# ---------------------------------------------------------------- crawler
@dataclass
class FakeSite:
    slug: str
    name: str
    homepage: str
    language: str = "en"
    country: str = "US"
    demo: bool = True


class SiteTestSpider(Spider):
    name = "site_test"


@pytest.fixture
def example_site() -> FakeSite:
    return FakeSite("example", "Example News", "https://example.test/")


@pytest.fixture
def make_crawler(db_path: Path) -> Callable[..., Any]:
    """A Scrapy crawler with stats and a spider carrying a ``site`` attribute."""

    def build(site: FakeSite | None = None, **settings: Any) -> Any:
        crawler = get_crawler(
            SiteTestSpider,
            {
                "ENTCRAWL_DB": str(db_path),
                # CoreStats needs a started engine; these crawlers never start one
                "EXTENSIONS": {"scrapy.extensions.corestats.CoreStats": None},
                **settings,
            },
        )
        spider = SiteTestSpider.from_crawler(crawler)
        if site is not None:
            spider.site = site
        crawler.spider = spider
        return crawler

    return build


@pytest.fixture
def make_item() -> Callable[..., ArticleItem]:
    counter = iter(range(1, 1_000_000))

    def build(**fields: Any) -> ArticleItem:
        n = next(counter)
        url = fields.get("url") or f"https://example.test/news/{n}"
        token = "".join(ch for ch in url if ch.isalnum())
        defaults: dict[str, Any] = {
            "url": url,
            "source": "example",
            "fetched_at": "2026-03-02T08:00:00+00:00",
            "title": f"Headline for {token}",
            "body": (
                f"The article at {token} opens with a sentence about a fictional series. "
                "It continues with enough distinct words to be fingerprinted, naming a "
                "showrunner, a streamer and a premiere date that only this story mentions. "
                f"Marker token {token}x appears twice: {token}x."
            ),
            "published_at": "2026-03-01T12:00:00+00:00",
        }
        defaults.update(fields)
        return ArticleItem(**defaults)

    return build


# ---------------------------------------------------------------- dedupe corpus
@dataclass(frozen=True)
class CorpusArticle:
    id: str
    lang: str
    title: str
    body: str


@dataclass(frozen=True)
class LabeledPair:
    a: str
    b: str
    same: bool
    kind: str


@dataclass(frozen=True)
class DedupeCorpus:
    articles: dict[str, CorpusArticle]
    pairs: list[LabeledPair]


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.strip().split("\n\n") if p.strip()]


def _materialize(key: str, raw: dict[str, dict[str, Any]], done: dict[str, CorpusArticle]) -> CorpusArticle:
    if key in done:
        return done[key]
    spec = raw[key]
    if "from" in spec:
        parent = _materialize(spec["from"], raw, done)
        paragraphs = _paragraphs(parent.body)
        kept = [paragraphs[i] for i in spec.get("keep", range(len(paragraphs)))]
        body = "\n\n".join([*spec.get("intro", []), *kept, *spec.get("outro", [])])
        for old, new in spec.get("edits", []):
            if old not in body:
                raise ValueError(f"{key}: edit target {old!r} not in {spec['from']}")
            body = body.replace(old, new)
        article = CorpusArticle(key, spec.get("lang", parent.lang), spec.get("title", parent.title), body)
    else:
        article = CorpusArticle(key, spec["lang"], spec["title"], "\n\n".join(_paragraphs(spec["body"])))
    done[key] = article
    return article


def load_dedupe_corpus(folder: Path = FIXTURES) -> DedupeCorpus:
    raw: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("articles_*.yaml")):
        for key, spec in yaml.safe_load(path.read_text(encoding="utf-8"))["articles"].items():
            if key in raw:
                raise ValueError(f"duplicate article id {key} in {path.name}")
            raw[key] = spec
    done: dict[str, CorpusArticle] = {}
    for key in raw:
        _materialize(key, raw, done)
    pairs = [
        LabeledPair(p["a"], p["b"], bool(p["same"]), p["kind"])
        for p in yaml.safe_load((folder / "pairs.yaml").read_text(encoding="utf-8"))["pairs"]
    ]
    for pair in pairs:
        if pair.a not in done or pair.b not in done:
            raise ValueError(f"pair refers to unknown article: {pair}")
    return DedupeCorpus(done, pairs)


@pytest.fixture(scope="session")
def dedupe_corpus() -> DedupeCorpus:
    return load_dedupe_corpus()
