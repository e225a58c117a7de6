"""crawler/worker_stages.py: normalize and the dedupe fingerprint in the extraction worker
give the same items, stats and drops as the pipelines doing that work themselves."""
from __future__ import annotations

import asyncio
import copy
import datetime as dt
import pickle

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.extraction import extract_article
from crawler.extraction_pool import ExtractionPool, ExtractionTask, PreparedPage, extraction_pool_for
from crawler.items import ArticleItem, with_extracted
from crawler.ops.fieldfill import ExtractedFieldsPipeline
from crawler.registry import parse_site
from crawler.settings import ITEM_PIPELINES
from crawler.spiders.site import spider_class_for
from crawler.worker_stages import WorkerStages, run_worker_stages, stages_from_settings
from pipelines import fingerprints
from pipelines.dedupe import DedupePipeline
from pipelines.normalize import NormalizeOptions, NormalizePipeline
from pipelines.store import StorePipeline

FETCHED = dt.datetime(2026, 3, 15, 12, 0, tzinfo=dt.timezone.utc)
SENTENCES = ("The second season of the harbor drama starts filming in Busan next spring, the studio said.",
             "Producers promised a bigger budget and two new leads after the first season's strong ratings.",
             "Fans had waited months for news; the writers room reassembled in Seoul earlier this year.",
             "The streamer has not announced a premiere date, though insiders point to late 2027.")


def page(number: int, paragraphs: int = 12, og_type: str = "article") -> bytes:
    title = f"Casting news {number}: the Grand Harbor adds a star"
    body = "".join(f"<p>{SENTENCES[(i + number) % 4]} Update {number}.{i}.</p>" for i in range(paragraphs))
    return (f"<html lang='en'><head><meta charset='utf-8'><title>{title} | Fixture TV</title>"
            f"<meta property='og:type' content='{og_type}'>"
            f"<meta property='article:published_time' content='2026-03-{number % 28 + 1:02d}T09:00:00+09:00'>"
            f"<meta name='author' content='Jana Miller'></head><body><article><h1>{title}</h1>"
            f"<p class='byline'>By Jana Miller</p>{body}</article></body></html>").encode()


def template(url: str) -> ArticleItem:
    return ArticleItem(source="fixture-tv", fetched_at=FETCHED.isoformat(), discovered_via="feed",
                       discovery={"feed_published": "2026-03-02T10:00:00Z", "requested_url": url})


PAGES = [  # (url, body): two articles, a verbatim copy under another URL, a brief, a tag page
    ("https://fixture.example/2026/03/story-1/", page(1)),
    ("https://fixture.example/2026/03/story-2/", page(2)),
    ("https://mirror.example/2026/03/story-1/", page(1)),
    ("https://fixture.example/2026/03/brief/", page(3, paragraphs=2)),
    ("https://fixture.example/tag/harbor/", page(4, og_type="website")),
]
OPTIONS = NormalizeOptions(min_body_words=80, site_name="Fixture TV", site_timezone="Asia/Seoul")
SETTINGS = {"ENTCRAWL_SITE_NAMES": {"fixture-tv": "Fixture TV"},
            "ENTCRAWL_SITE_TIMEZONES": {"fixture-tv": "Asia/Seoul"}, "ENTCRAWL_MIN_BODY_WORDS": 80}


def run_pipelines(items: list[ArticleItem], db_path: str) -> tuple[list, dict]:
    """ExtractedFields -> Normalize -> Dedupe -> Store over ``items``; (outputs or drop messages, stats)."""
    crawler = get_crawler(Spider, {**SETTINGS, "ENTCRAWL_DB": db_path})
    stages = [ExtractedFieldsPipeline.from_crawler(crawler), NormalizePipeline.from_crawler(crawler),
              DedupePipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)]
    stages[2].open_spider()
    stages[3].open_spider()
    outputs: list = []
    try:
        for item in items:
            try:
                for stage in stages:
                    item = stage.process_item(item)
                outputs.append(item)
            except DropItem as drop:
                outputs.append(str(drop))
    finally:
        stages[3].close_spider()
        stages[2].close_spider()
    return outputs, {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("entcrawl/")}


def extracted_items() -> list[ArticleItem]:
    return [with_extracted(template(url), extract_article(body, url, fetched_at=FETCHED)) for url, body in PAGES]


def test_worker_stages_give_the_same_items_stats_and_drops(tmp_path):
    stages = WorkerStages(OPTIONS, fingerprint=True, count_fields=True)
    # through pickle, as to and from a worker process
    prepared = [pickle.loads(pickle.dumps(run_worker_stages(item, stages))) for item in extracted_items()]
    assert prepared[0].prepared["normalize"] == {"drop": None, "counts": prepared[0].prepared["normalize"]["counts"],
                                                 "language_pending": True}
    assert prepared[0].prepared["fingerprint"].bands()                       # computed in the "worker"
    assert prepared[3].prepared["normalize"]["drop"] == "short_body"
    assert prepared[4].prepared["normalize"]["drop"] == "not_article"

    inline, inline_stats = run_pipelines(extracted_items(), str(tmp_path / "inline.db"))
    early, early_stats = run_pipelines(prepared, str(tmp_path / "early.db"))

    assert [o if isinstance(o, str) else None for o in inline] == [
        None, None, None, "short_body: https://fixture.example/2026/03/brief/",
        "not_article: https://fixture.example/tag/harbor/"]
    assert early == inline                      # same fields, and every prepared part was used up
    assert all(item.prepared == {} for item in early if not isinstance(item, str))
    assert early[2].content_hash == early[0].content_hash
    assert early_stats == inline_stats
    assert inline_stats["entcrawl/dedupe/exact"] == 1
    assert inline_stats["entcrawl/dropped/short_body"] == 1
    assert inline_stats["entcrawl/fields/pages"] == 4


def test_workers_never_detect_the_language(monkeypatch):
    """The language model stays in the reactor: the worker leaves the language pending."""
    from pipelines import language_detection, normalize

    def no_detection(*args, **kwargs):
        raise AssertionError("language detected in the worker")

    monkeypatch.setattr(normalize, "detect_language", no_detection)
    monkeypatch.setattr(language_detection, "detect_language", no_detection)
    stages = WorkerStages(OPTIONS, fingerprint=True, count_fields=True)
    items = [run_worker_stages(item, stages) for item in extracted_items()]
    assert [item.prepared["normalize"]["language_pending"] for item in items] == [True] * 3 + [False] * 2


def test_the_reactor_sets_the_pending_language():
    stages = WorkerStages(OPTIONS)
    korean = extracted_items()[0]
    korean.body = "넷플릭스 드라마 시즌2 제작이 확정됐다. 배우들이 다시 모인다. " * 30
    korean.language = "en"                      # a wrong declaration is overruled by the body
    expected = copy.deepcopy(korean)
    NormalizePipeline(min_body_words=80, site_names={"fixture-tv": "Fixture TV"},
                      site_timezones={"fixture-tv": "Asia/Seoul"}).process_item(expected)
    assert expected.language == "ko"
    prepared = run_worker_stages(korean, stages)
    assert prepared.language == "en"            # pending in the worker
    NormalizePipeline(min_body_words=80, site_names={"fixture-tv": "Fixture TV"},
                      site_timezones={"fixture-tv": "Asia/Seoul"}).process_item(prepared)
    assert prepared.language == "ko" and prepared.prepared == {}
    assert prepared == expected


def test_stages_follow_the_enabled_pipelines():
    crawler = get_crawler(Spider, {**SETTINGS, "ITEM_PIPELINES": ITEM_PIPELINES})
    stages = stages_from_settings(crawler.settings, "fixture-tv")
    assert stages == WorkerStages(OPTIONS, fingerprint=True, count_fields=True)

    no_dedupe = {**ITEM_PIPELINES, "pipelines.dedupe.DedupePipeline": None}
    crawler = get_crawler(Spider, {**SETTINGS, "ITEM_PIPELINES": no_dedupe})
    assert stages_from_settings(crawler.settings, "other-site") == WorkerStages(
        NormalizeOptions(80, None, None), fingerprint=False, count_fields=True)

    no_normalize = {k: v for k, v in ITEM_PIPELINES.items() if "Normalize" not in k}
    assert stages_from_settings(get_crawler(Spider, {"ITEM_PIPELINES": no_normalize}).settings, "x") is None


def test_adopting_anything_but_a_fingerprint_is_an_error():
    with pytest.raises(TypeError, match="Fingerprint"):
        fingerprints.adopt_fingerprint("body", {"content_hash": "x"})


def test_adopted_fingerprint_is_the_one_dedupe_uses():
    body = " ".join(SENTENCES * 3) + " adopted"
    fp = fingerprints.compute_fingerprint(body)
    fingerprints.adopt_fingerprint(body, fp)
    assert fingerprints.fingerprint(body) is fp
    assert fingerprints.fingerprint(body) == fingerprints.compute_fingerprint(body)


# ------------------------------------------------------------- spider + real worker
SITE = parse_site({"slug": "fixture-tv", "name": "Fixture TV", "homepage": "https://fixture.example/",
                   "language": "en", "timezone": "Asia/Seoul", "feeds": ["/feed/"],
                   "article_url_patterns": [r"^/\d{4}/"]})


def crawl_first_page(backlogged: bool | None = None) -> tuple[ArticleItem, dict]:
    """The item the spider yields for PAGES[0] with one real worker, and the crawl's stats;
    ``backlogged``: what the pool says about its backlog (None: the real answer)."""
    cls = spider_class_for(SITE)
    crawler = get_crawler(cls, settings_dict={"ITEM_PIPELINES": ITEM_PIPELINES, "ENTCRAWL_EXTRACTION_WORKERS": 1})
    spider = cls.from_crawler(crawler)
    pool = extraction_pool_for(spider)
    if backlogged is not None:
        pool.backlogged = lambda: backlogged
    url, body = PAGES[0]
    response = HtmlResponse(url, body=body, encoding="utf-8", request=Request(url, meta={"entcrawl_via": "feed"}))

    async def collect():
        return [item async for item in spider.parse_article(response)]

    try:
        (item,) = asyncio.run(collect())
    finally:
        pool.close()
    return item, crawler.stats.get_stats()


def test_spider_sends_the_stages_and_yields_the_prepared_item():
    item, stats = crawl_first_page()
    assert stats["entcrawl/extraction_pool/stages_in_worker"] == 1
    assert item.prepared["normalize"]["drop"] is None
    assert isinstance(item.prepared["fingerprint"], fingerprints.Fingerprint)
    assert item.title == "Casting news 1: the Grand Harbor adds a star"       # site name cleaned off
    assert item.published_at == "2026-03-02T00:00:00+00:00"                    # UTC, normalized
    assert item.discovered_via == "feed" and item.source == "fixture-tv"


def test_backlogged_spider_leaves_the_stages_to_the_pipelines():
    item, stats = crawl_first_page(backlogged=True)
    assert not item.prepared                   # extracted only: the pipelines do the rest
    assert item.published_at != "2026-03-02T00:00:00+00:00"   # not normalized yet (feed date, UTC)
    assert stats["entcrawl/extraction_pool/stages_in_reactor"] == 1
    assert "entcrawl/extraction_pool/stages_in_worker" not in stats


def test_pool_counts_pages_in_flight_for_its_backlog():
    pool = ExtractionPool(1)
    release = None

    async def held(task):
        await release.wait()
        return {"url": task.url}

    pool._extract_in_worker = held                      # no processes: only the counting

    async def scenario():
        nonlocal release
        release = asyncio.Event()
        first = asyncio.ensure_future(pool.extract(ExtractionTask(b"", "https://a.example/1", FETCHED)))
        await asyncio.sleep(0)
        assert not pool.backlogged()                    # one page running
        second = asyncio.ensure_future(pool.extract(ExtractionTask(b"", "https://a.example/2", FETCHED)))
        await asyncio.sleep(0)
        assert pool.backlogged()                        # one running, one waiting
        release.set()
        await asyncio.gather(first, second)
        assert not pool.backlogged()

    asyncio.run(scenario())


def test_pool_returns_a_prepared_page_only_when_asked():
    url, body = PAGES[1]
    pool = ExtractionPool(0)
    plain = asyncio.run(pool.extract(ExtractionTask(body, url, FETCHED)))
    assert isinstance(plain, dict) and plain["title"].startswith("Casting news 2")
    stages = WorkerStages(OPTIONS, fingerprint=False)
    result = asyncio.run(pool.extract(ExtractionTask(body, url, FETCHED, stages=stages, item=template(url))))
    assert isinstance(result, PreparedPage)
    assert result.fields == plain
    assert "fingerprint" not in result.item.prepared
    expected = with_extracted(template(url), copy.deepcopy(plain))
    NormalizePipeline(site_names={"fixture-tv": "Fixture TV"},
                      site_timezones={"fixture-tv": "Asia/Seoul"}).process_item(expected)
    result.item.prepared = {}
    assert result.item == expected
