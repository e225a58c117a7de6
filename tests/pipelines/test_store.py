from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem

from pipelines import database as dbq
from pipelines.crawl_runs import run_summary
from pipelines.store import StorePipeline, published_periods, store_item

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(make_crawler, example_site):
    crawler = make_crawler(example_site)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    yield pipeline
    pipeline.close_spider()


def rows(db, sql, params=()):
    return [dict(zip([d[0] for d in cur.description], r)) for cur in [db.execute(sql, params)] for r in cur.fetchall()]


# ---------------------------------------------------------------- pure helpers
@pytest.mark.parametrize(
    ("value", "utc", "day", "week", "month", "offset"),
    [
        ("2026-03-01T12:00:00+00:00", "2026-03-01T12:00:00+00:00", "2026-03-01", "2026-W09", "2026-03", ""),
        ("2026-03-01T23:30:00-05:00", "2026-03-02T04:30:00+00:00", "2026-03-02", "2026-W10", "2026-03", "-05:00"),
        ("2026-01-01T08:00:00+09:00", "2025-12-31T23:00:00+00:00", "2025-12-31", "2026-W01", "2025-12", "+09:00"),
        ("2027-01-01T10:00:00Z", "2027-01-01T10:00:00+00:00", "2027-01-01", "2026-W53", "2027-01", ""),
        ("2026-06-15T10:00:00", "2026-06-15T10:00:00+00:00", "2026-06-15", "2026-W25", "2026-06", ""),
    ],
)
def test_published_periods_use_utc_and_iso_weeks(value, utc, day, week, month, offset):
    periods = published_periods(value)
    assert (periods.published_at, periods.day, periods.week, periods.month, periods.offset) == (
        utc, day, week, month, offset,
    )


@pytest.mark.parametrize("value", [None, "", "yesterday", "2026-13-45"])
def test_published_periods_tolerate_missing_or_bad_dates(value):
    periods = published_periods(value)
    assert periods.day is None and periods.week is None and periods.month is None


def test_run_summary_collects_drops_and_errors():
    stats = {
        "response_received_count": 12,
        "entcrawl/dropped/no_body": 3,
        "entcrawl/dropped/short_body": 1,
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 2,
        "spider_exceptions/ValueError": 1,
        "entcrawl/errors/extraction": 4,
        "downloader/response_status_count/200": 10,
        "downloader/response_status_count/301": 1,
        "downloader/response_status_count/404": 1,
        "downloader/response_status_count/503": 2,
    }
    summary = run_summary(stats, {"new": 5, "duplicate": 1}, "finished", "2026-03-02T00:00:00+00:00")
    assert summary.status == "finished"
    assert summary.pages_fetched == 12
    assert (summary.articles_new, summary.articles_updated, summary.duplicates) == (5, 0, 1)
    assert summary.dropped == {"no_body": 3, "short_body": 1}
    assert summary.errors == {
        "downloader/exception_type_count/twisted.internet.error.TimeoutError": 2,
        "downloader/response_status_count/404": 1,
        "downloader/response_status_count/503": 2,
        "entcrawl/errors/extraction": 4,
        "spider_exceptions/ValueError": 1,
    }
    assert run_summary({}, {}, "finished", "t").status == "failed"
    assert run_summary({"response_received_count": 1}, {}, "shutdown", "t").status == "shutdown"


# ---------------------------------------------------------------- upserts
def test_new_item_is_stored_with_derived_columns(store, make_item):
    item = make_item(
        published_at="2026-03-01T23:30:00-05:00",
        authors=["Ana Ruiz"],
        tags=["drama"],
        date_candidates=[{"value": "2026-03-01T23:30:00-05:00", "source": "jsonld", "kind": "published", "raw": "x"}],
        shows=[{"show_id": "harbor-lights", "alias": "Harbor Lights", "where": "title", "count": 2,
                "season": 3, "score": 0.9, "is_about": True}],
    )
    result = store.process_item(item)
    assert result is item
    assert item.store_outcome == "new" and item.article_id == 1
    assert item.content_hash and item.story_id is not None
    row = rows(store.db, "SELECT * FROM articles WHERE id = 1")[0]
    assert row["published_at"] == "2026-03-02T04:30:00+00:00"
    assert row["published_offset"] == "-05:00"
    assert (row["published_day"], row["published_week"], row["published_month"]) == ("2026-03-02", "2026-W10", "2026-03")
    assert json.loads(row["authors"]) == ["Ana Ruiz"] and row["version"] == 1
    assert row["first_seen_at"] == row["last_seen_at"] == "2026-03-02T08:00:00+00:00"
    assert rows(store.db, "SELECT kind, source FROM date_candidates") == [{"kind": "published", "source": "jsonld"}]
    shows = rows(store.db, "SELECT show_id, where_found, mentions, is_about FROM article_shows")
    assert shows == [{"show_id": "harbor-lights", "where_found": "title", "mentions": 2, "is_about": 1}]
    assert rows(store.db, "SELECT * FROM sources") == [{
        "slug": "example", "name": "Example News", "homepage": "https://example.test/",
        "language": "en", "country": "US", "is_demo": 1,
    }]
    assert store.crawler.stats.get_value("entcrawl/store/new") == 1


def test_changed_title_or_body_updates_the_row_and_adds_a_version(store, make_item):
    store.process_item(make_item(url="https://example.test/a", title="First title"))
    again = make_item(url="https://example.test/a", title="First title", fetched_at="2026-03-03T08:00:00+00:00")
    store.process_item(again)
    assert again.store_outcome == "unchanged"
    retitled = make_item(url="https://example.test/a", title="Corrected title", fetched_at="2026-03-04T08:00:00+00:00")
    store.process_item(retitled)
    assert retitled.store_outcome == "updated" and retitled.article_id == again.article_id
    rebodied = make_item(url="https://example.test/a", title="Corrected title",
                         body="A completely rewritten body. " * 10, fetched_at="2026-03-05T08:00:00+00:00")
    store.process_item(rebodied)
    assert rebodied.store_outcome == "updated"

    assert store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    article = rows(store.db, "SELECT * FROM articles")[0]
    assert article["version"] == 3 and article["title"] == "Corrected title"
    assert article["first_seen_at"] == "2026-03-02T08:00:00+00:00"
    assert article["last_seen_at"] == "2026-03-05T08:00:00+00:00"
    versions = rows(store.db, "SELECT version, fetched_at, changed, title FROM article_versions ORDER BY version")
    assert [(v["version"], json.loads(v["changed"])) for v in versions] == [
        (1, ["created"]), (2, ["title"]), (3, ["body"]),
    ]
    assert versions[1]["fetched_at"] == "2026-03-04T08:00:00+00:00"
    assert [r["id"] for r in dbq.search_articles(store.db, "rewritten")] == [1]
    stats = store.crawler.stats
    assert [stats.get_value(f"entcrawl/store/{o}") for o in ("new", "unchanged", "updated")] == [1, 1, 2]


def test_unchanged_refetch_only_moves_last_seen(store, make_item):
    store.process_item(make_item(url="https://example.test/a", description="old"))
    store.process_item(make_item(url="https://example.test/a", description="new", fetched_at="2026-04-01T00:00:00+00:00"))
    row = rows(store.db, "SELECT description, last_seen_at, version FROM articles")[0]
    assert row == {"description": "old", "last_seen_at": "2026-04-01T00:00:00+00:00", "version": 1}


def test_update_keeps_known_values_the_refetch_lost(store, make_item):
    store.process_item(make_item(url="https://example.test/a", authors=["Ana Ruiz"]))
    later = make_item(url="https://example.test/a", title="New title", authors=[], published_at=None)
    store.process_item(later)
    row = rows(store.db, "SELECT authors, published_at, published_week, title FROM articles")[0]
    assert json.loads(row["authors"]) == ["Ana Ruiz"]
    assert row["published_week"] == "2026-W09" and row["title"] == "New title"


def test_shows_are_replaced_on_each_store(store, make_item):
    store.process_item(make_item(url="https://example.test/a", shows=[{"show_id": "a"}, {"show_id": "b"}]))
    store.process_item(make_item(url="https://example.test/a", shows=[{"show_id": "b"}, {"show_id": "c"}, {"show_id": "c"}]))
    assert [r[0] for r in store.db.execute("SELECT show_id FROM article_shows ORDER BY show_id")] == ["b", "c"]


def test_canonical_url_is_the_key(store, make_item):
    same = {"canonical_url": "https://example.test/a", "title": "T", "body": "Same words in the body. " * 5}
    one = make_item(url="https://example.test/a?utm=1", **same)
    two = make_item(url="https://example.test/amp/a", **same)
    store.process_item(one)
    store.process_item(two)
    assert two.store_outcome == "unchanged" and two.article_id == one.article_id


def test_item_without_any_url_is_dropped_with_a_clear_error(store, make_item):
    with pytest.raises(DropItem, match="url"):
        store.process_item(make_item(url="", canonical_url=""))
    assert store.crawler.stats.get_value("entcrawl/dropped/no_url") == 1


def test_odd_values_are_stored_not_crashed_on(store, make_item):
    item = make_item(body="", title="", published_at="not a date", word_count=0,
                     date_candidates=[{"value": None}, "junk"], shows=[{"alias": "no id"}], authors=None)
    store.process_item(item)
    row = rows(store.db, "SELECT body, published_at, published_week, word_count FROM articles")[0]
    assert row == {"body": "", "published_at": "not a date", "published_week": None, "word_count": 0}
    assert store.db.execute("SELECT COUNT(*) FROM date_candidates").fetchone()[0] == 1
    assert store.db.execute("SELECT COUNT(*) FROM article_shows").fetchone()[0] == 0


def test_store_item_accepts_plain_dicts(fresh_db):
    item = {"url": "https://x.test/1", "source": "x", "title": "T", "body": "Some body text here."}
    assert store_item(fresh_db, item) == "new"
    assert item["article_id"] == 1 and item["store_outcome"] == "new"


def test_spider_without_site_is_tolerated(make_crawler, make_item):
    pipeline = StorePipeline.from_crawler(make_crawler(site=None))
    pipeline.open_spider()
    pipeline.process_item(make_item(source=""))
    assert pipeline.db.execute("SELECT source FROM articles").fetchone()[0] == "site_test"
    pipeline.close_spider()


# ---------------------------------------------------------------- crawl runs
def test_crawl_run_row_is_filled_from_stats(make_crawler, make_item, db_path, example_site):
    crawler = make_crawler(example_site, ENTCRAWL_RUN_ID="run-42")
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    running = dbq.open_database(db_path)
    assert running.execute("SELECT run_id, source, status FROM crawl_runs").fetchall() == [("run-42", "example", "running")]
    stats = crawler.stats
    stats.set_value("response_received_count", 7)
    stats.set_value("entcrawl/dropped/short_body", 2)
    stats.set_value("downloader/response_status_count/404", 1)
    stats.set_value("downloader/response_status_count/200", 6)
    stats.set_value("downloader/exception_type_count/builtins.OSError", 1)
    pipeline.process_item(make_item(url="https://example.test/1"))
    pipeline.process_item(make_item(url="https://example.test/1"))
    pipeline.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="closespider_timeout")

    run = rows(running, "SELECT * FROM crawl_runs")[0]
    assert run["status"] == "closespider_timeout" and run["finished_at"]
    assert (run["pages_fetched"], run["articles_new"], run["articles_unchanged"], run["duplicates"]) == (7, 1, 1, 0)
    assert json.loads(run["dropped"]) == {"short_body": 2}
    assert json.loads(run["errors"]) == {
        "downloader/exception_type_count/builtins.OSError": 1,
        "downloader/response_status_count/404": 1,
    }
    running.close()


def test_crawl_run_without_fetched_pages_is_failed(make_crawler, db_path, example_site):
    crawler = make_crawler(example_site)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    db = dbq.open_database(db_path)
    run = rows(db, "SELECT run_id, status FROM crawl_runs")[0]
    assert run["status"] == "failed" and len(run["run_id"]) == 36
    db.close()


# ---------------------------------------------------------------- crash safety
CHILD = """
import sys
from crawler.items import ArticleItem
from pipelines.store import StorePipeline
pipeline = StorePipeline(db_path=sys.argv[1], run_id="killed")
pipeline.open_spider()
for n in range(int(sys.argv[2])):
    pipeline.process_item(ArticleItem(
        url=f"https://example.test/{n}", source="example", title=f"Story {n}",
        body=("Paragraph about show number %d and its many episodes. " % n) * 40,
        shows=[{"show_id": f"show-{n % 7}"}],
        date_candidates=[{"value": "2026-03-01T00:00:00+00:00", "source": "meta", "kind": "published"}],
    ))
    print(n, flush=True)
"""


def test_killed_run_leaves_a_sound_database_and_a_rerun_completes_it(db_path, make_item):
    total = 400
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(total)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, env=env,
    )
    deadline = time.monotonic() + 20
    last = -1
    while last < 40 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        last = int(line)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert last >= 40, child.stderr.read()

    db = dbq.open_database(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert last + 1 <= stored < total
    # every committed article is complete: version row, story, shows, dates
    for table in ("article_versions", "article_shows", "date_candidates"):
        assert db.execute(f"SELECT COUNT(DISTINCT article_id) FROM {table}").fetchone()[0] == stored
    assert db.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0

    outcomes = []
    for n in range(total):
        item = make_item(url=f"https://example.test/{n}", title=f"Story {n}",
                         body=("Paragraph about show number %d and its many episodes. " % n) * 40)
        outcomes.append(store_item(db, item))
    assert outcomes.count("unchanged") == stored and outcomes.count("new") == total - stored
    assert db.execute("SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM articles").fetchone() == (total, total)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


REAL_CRAWL = """
import sys
from dataclasses import dataclass
import scrapy
from scrapy.crawler import CrawlerProcess
from crawler.items import ArticleItem

@dataclass
class Site:
    slug: str = "datasite"
    name: str = "Data Site"
    homepage: str = "data:"
    language: str = "en"
    country: str = "GB"
    demo: bool = True

class DataSpider(scrapy.Spider):
    name = "datasite"
    site = Site()
    start_urls = ["data:,hello"]

    def parse(self, response):
        wire = "Syndicated text about a renewal, a cast list and a premiere date. " * 5
        yield ArticleItem(url="https://d.test/1", source="datasite", title="A", body=wire)
        yield ArticleItem(url="https://d.test/1?print", source="datasite", title="A", body=wire)
        yield ArticleItem(url="https://d.test/2", source="datasite", title="B", body="Other words. " * 30)

process = CrawlerProcess({
    "ENTCRAWL_DB": sys.argv[1], "ENTCRAWL_RUN_ID": "real-run", "LOG_LEVEL": "WARNING",
    "ITEM_PIPELINES": {"pipelines.dedupe.DedupePipeline": 400, "pipelines.store.StorePipeline": 900},
})
process.crawl(DataSpider)
process.start()
"""


def test_real_scrapy_crawl_records_the_run(db_path):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning:pipelines", "-c", REAL_CRAWL, str(db_path)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Deprecat" not in done.stderr, done.stderr
    db = dbq.open_database(db_path)
    run = rows(db, "SELECT run_id, source, status, pages_fetched, articles_new, duplicates FROM crawl_runs")
    assert run == [{"run_id": "real-run", "source": "datasite", "status": "finished",
                    "pages_fetched": 1, "articles_new": 2, "duplicates": 1}]
    assert db.execute("SELECT name, is_demo FROM sources").fetchall() == [("Data Site", 1)]
    assert db.execute("SELECT id, duplicate_of FROM articles ORDER BY id").fetchall() == [(1, None), (2, 1), (3, None)]
    db.close()


def test_storage_doc_queries_run(store, make_item):
    import re

    for n, (show, week) in enumerate([("harbor-lights", "2026-03-02"), ("harbor-lights", "2026-03-10"), ("other", "2026-03-10")]):
        store.process_item(make_item(url=f"https://example.test/{n}", published_at=f"{week}T10:00:00+00:00",
                                     title="Lighthouse news", shows=[{"show_id": show}]))
    store.process_item(make_item(url="https://example.test/0", title="Lighthouse news, corrected",
                                 published_at="2026-03-02T10:00:00+00:00", shows=[{"show_id": "harbor-lights"}]))
    doc = (PROJECT_ROOT / "docs" / "storage.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", doc, flags=re.S)
    assert len(blocks) >= 5
    results = [store.db.execute(block).fetchall() for block in blocks]
    assert results[0] == [("2026-W10", 1, 1), ("2026-W11", 1, 1)]
    assert all(results[i] for i in (1, 3, 4)), results


def test_open_spider_copies_the_show_catalog_into_shows(db_path, tmp_path):
    from pipelines.store import StorePipeline

    catalog = tmp_path / "shows.yaml"
    catalog.write_text(
        "shows:\n"
        "  - id: harbor-lights\n    title: Harbor Lights\n    original_title: Harbor Lights\n"
        "    original_language: en\n    aliases: [HL]\n    network: Netflix\n    country: US\n"
        "    years: [2024, null]\n    seasons: 2\n",
        encoding="utf-8",
    )
    pipeline = StorePipeline(db_path=str(db_path), catalog_path=str(catalog))
    pipeline.open_spider()
    try:
        rows = list(pipeline.db["shows"].rows)
    finally:
        pipeline.close_spider()
    assert [(r["id"], r["title"], r["network"], r["seasons"], r["aliases"]) for r in rows] == [
        ("harbor-lights", "Harbor Lights", "Netflix", 2, '["HL"]')
    ]
