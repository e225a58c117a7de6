"""crawler/extraction_pool.py: results equal inline extraction, crashes are counted, shutdown is clean.

Workers are real processes (spawn); each test uses at most one pool.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import time

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.extraction import ExtractionError, extract_article
from crawler.extraction_pool import (
    ExtractionPool, ExtractionTask, ExtractionWorkerError, default_workers, extraction_pool_for,
    run_extraction, workers_from_setting,
)
from crawler.registry import parse_site
from crawler.spiders.site import spider_class_for

FETCHED = dt.datetime(2026, 3, 15, 12, 0, tzinfo=dt.timezone.utc)


def page(number: int, charset: str = "utf-8") -> bytes:
    title = f"Casting news {number}: the Grand Harbor adds a star"
    paragraphs = "".join(
        f"<p>Paragraph {i} of story {number}. The second season of the series starts filming in "
        f"Busan next spring, the studio said on Monday, vor 2 Stunden.</p>" for i in range(12))
    html = (f"<html lang='de'><head><meta charset='{charset}'><title>{title} - Fixture TV</title>"
            f"<meta property='article:published_time' content='2026-03-{number % 28 + 1:02d}T09:00:00+09:00'>"
            f"<meta name='author' content='Jana Müller'></head><body><article><h1>{title}</h1>"
            f"<p class='byline'>Von Jana Müller</p>{paragraphs}</article></body></html>")
    return html.encode(charset, errors="replace")


def tasks() -> list[ExtractionTask]:
    made = [ExtractionTask(page(n), f"https://fixture.example/2026/03/story-{n}/", FETCHED, "utf-8")
            for n in range(6)]
    made.append(ExtractionTask(page(7, "windows-1252"), "https://fixture.example/2026/03/latin/", FETCHED, None))
    return made


def crash_on_poison(task: ExtractionTask) -> dict:
    """Worker function for the tests: dies like a segfaulting parser on 'poison' URLs."""
    if "poison" in task.url:
        os._exit(17)
    return run_extraction(task)


def sleep_on_slow(task: ExtractionTask) -> dict:
    if "slow" in task.url:
        time.sleep(30)
    return run_extraction(task)


async def extract_all(pool: ExtractionPool, items: list[ExtractionTask]) -> list:
    return await asyncio.gather(*(pool.extract(t) for t in items), return_exceptions=True)


# ----------------------------------------------------------------- settings
def test_default_worker_count_leaves_one_core_to_the_reactor():
    assert default_workers(1) == 0
    assert default_workers(2) == 1
    assert default_workers(3) == 2
    assert default_workers(16) == 2


@pytest.mark.parametrize("value, expected", [(None, 1), ("", 1), ("auto", 1), ("0", 0), (2, 2), ("3", 3)])
def test_worker_setting_values(value, expected):
    assert workers_from_setting(value, cpu_count=2) == expected


@pytest.mark.parametrize("value", ["-1", "two", True, "1.5"])
def test_bad_worker_setting_is_a_clear_error(value):
    with pytest.raises(ValueError, match="ENTCRAWL_EXTRACTION_WORKERS"):
        workers_from_setting(value, cpu_count=2)


# ------------------------------------------------------------------ results
def test_worker_results_are_identical_to_inline_extraction():
    items = tasks()
    inline = [extract_article(t.body, t.url, fetched_at=t.fetched_at, encoding=t.encoding) for t in items]
    pool = ExtractionPool(1)
    try:
        pooled = asyncio.run(extract_all(pool, items))
    finally:
        pool.close()
    assert pooled == inline
    assert inline[-1]["title"].startswith("Casting news 7")       # the windows-1252 page decoded
    assert pool.restarts == 0


def test_inline_pool_needs_no_process_and_no_event_loop():
    pool = ExtractionPool(0)
    (task,) = tasks()[:1]
    assert asyncio.run(pool.extract(task)) == run_extraction(task)
    assert pool.inline and not pool.can_offload()
    assert pool._executor is None


def test_extraction_error_passes_through_the_worker_unchanged():
    pool = ExtractionPool(1)
    try:
        with pytest.raises(ExtractionError):
            asyncio.run(pool.extract(ExtractionTask(b"\x00\x01\x02binary", "https://fixture.example/x/")))
        # the pool still works afterwards
        assert asyncio.run(pool.extract(tasks()[0]))["title"].startswith("Casting news 0")
    finally:
        pool.close()
    assert pool.restarts == 0


# ------------------------------------------------------------------ crashes
def test_a_worker_crash_is_an_error_for_that_page_not_a_hang():
    items = tasks()[:3] + [ExtractionTask(page(9), "https://fixture.example/2026/03/poison/", FETCHED)]
    pool = ExtractionPool(1, function=crash_on_poison, timeout=60)
    started = time.monotonic()
    try:
        results = asyncio.run(extract_all(pool, items))
        after = asyncio.run(pool.extract(tasks()[4]))        # a fresh executor serves later pages
    finally:
        pool.close()
    assert time.monotonic() - started < 45
    assert isinstance(results[-1], ExtractionWorkerError)
    assert "poison" in str(results[-1])
    good = [r for r in results[:3] if isinstance(r, dict)]
    assert len(good) == 3, results                                # innocent pages are retried
    assert after["title"].startswith("Casting news 4")
    assert pool.restarts >= 2                                     # first try and the retry


def test_a_page_over_the_timeout_kills_the_workers_and_raises():
    pool = ExtractionPool(1, function=sleep_on_slow, timeout=6)
    try:
        for attempt in range(3):                                  # workers up, imports done
            try:                                                  # (slow to spawn on a busy machine)
                asyncio.run(pool.extract(tasks()[0]))
                break
            except ExtractionWorkerError:
                if attempt == 2:
                    raise
        started = time.monotonic()
        with pytest.raises(ExtractionWorkerError, match="took more than 6 s"):
            asyncio.run(pool.extract(ExtractionTask(page(1), "https://fixture.example/slow/", FETCHED)))
        assert time.monotonic() - started < 25                    # not the page's 30 s sleep
        assert asyncio.run(pool.extract(tasks()[1]))["title"].startswith("Casting news 1")
    finally:
        pool.close()


# ----------------------------------------------------------------- shutdown
def test_close_stops_the_worker_processes():
    pool = ExtractionPool(2)
    asyncio.run(extract_all(pool, tasks()[:4]))
    processes = list(pool._executor._processes.values())
    assert processes and all(p.is_alive() for p in processes)
    pool.close()
    pool.close()                                                  # idempotent
    assert not any(p.is_alive() for p in processes)
    assert not pool.can_offload()


# ------------------------------------------------------------- spider hook
SITE = parse_site({"slug": "fixture-tv", "name": "Fixture TV", "homepage": "https://fixture.example/",
                   "language": "en", "feeds": ["/feed/"], "article_url_patterns": [r"^/\d{4}/"]})


def article_response(url: str, body: bytes) -> HtmlResponse:
    return HtmlResponse(url, body=body, encoding="utf-8", request=Request(url, meta={"entcrawl_via": "feed"}))


def make_spider(**settings):
    cls = spider_class_for(SITE)
    return cls.from_crawler(get_crawler(cls, settings_dict=settings))


def test_spider_pool_comes_from_the_setting_and_closes_with_the_spider():
    spider = make_spider(ENTCRAWL_EXTRACTION_WORKERS=2, ENTCRAWL_EXTRACTION_TIMEOUT=7)
    pool = extraction_pool_for(spider)
    assert extraction_pool_for(spider) is pool
    assert (pool.workers, pool.timeout) == (2, 7.0)
    spider.crawler.signals.send_catch_log(signal=__import__("scrapy").signals.spider_closed,
                                          spider=spider, reason="finished")
    assert not pool.can_offload()


def test_offloaded_callback_yields_the_same_item_as_inline():
    body = page(3)
    url = "https://fixture.example/2026/03/story-3/"
    inline_spider = make_spider(ENTCRAWL_EXTRACTION_WORKERS=0)
    (inline_item,) = list(inline_spider.parse_article(article_response(url, body)))

    pooled_spider = make_spider(ENTCRAWL_EXTRACTION_WORKERS=1)

    async def collect():
        output = pooled_spider.parse_article(article_response(url, body))
        assert hasattr(output, "__aiter__")                       # offloaded under a running loop
        return [item async for item in output]

    try:
        (pooled_item,) = asyncio.run(collect())
    finally:
        extraction_pool_for(pooled_spider).close()
    pooled_item.fetched_at = inline_item.fetched_at               # the clock moved on
    for candidate in pooled_item.date_candidates + inline_item.date_candidates:
        candidate.pop("value", None) if candidate.get("parser") == "relative" else None
    assert pooled_item == inline_item


def test_offloaded_callback_counts_a_worker_crash():
    spider = make_spider(ENTCRAWL_EXTRACTION_WORKERS=1)
    pool = extraction_pool_for(spider)
    pool.function = crash_on_poison
    response = article_response("https://fixture.example/2026/03/poison/", page(2))

    async def collect():
        return [item async for item in spider.parse_article(response)]

    try:
        assert asyncio.run(collect()) == []
    finally:
        pool.close()
    assert spider.crawler.stats.get_value("entcrawl/errors/extraction_worker") == 1
