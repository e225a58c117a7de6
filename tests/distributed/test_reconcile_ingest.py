"""Reconcile and ingest against a real redis-server and a real SQLite database."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from crawler.distributed.ingest import Ingest, IngestOptions
from crawler.distributed.items import item_to_json
from crawler.distributed.keys import RedisKeys
from crawler.distributed.reconcile import reconcile
from crawler.distributed.scheduler import url_fingerprint
from crawler.distributed.worker import wait_for_reconcile
from crawler.items import ArticleItem
from pipelines import crawl_runs
from pipelines import database as dbq
from pipelines.store import store_item

KEYS = RedisKeys()
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc)
WORDS = "The streaming drama returns for a second season with the original cast and a new showrunner. "


def article(n: int, published: str, source: str = "site-a") -> ArticleItem:
    return ArticleItem(url=f"https://a.example/story-{n}/", canonical_url=f"https://a.example/story-{n}/",
                       source=source, title=f"Story {n}", body=(f"Unique opening {n}. " + WORDS * (3 + n)),
                       published_at=published, fetched_at="2026-11-30T10:00:00+00:00", language="en")


def test_reconcile_forgets_lost_and_recent_fingerprints_only(redis_client, tmp_path):
    db = dbq.open_database(tmp_path / "r.db")
    store_item(db, article(1, "2026-01-10T08:00:00+00:00"))                 # old: stays filtered
    store_item(db, article(2, "2026-11-29T08:00:00+00:00"))                 # recent: fetched again
    old_id = db.execute("select id from articles where title = 'Story 1'").fetchone()[0]
    crawl_runs.upsert_fetch_state(db, url="https://a.example/old-path-1", source="site-a", article_id=old_id,
                           fetched_at="2026-11-30T10:00:00+00:00", discovery_date=None)  # redirected here
    fp = {name: url_fingerprint(url) for name, url in {
        "old": "https://a.example/story-1/", "recent": "https://a.example/story-2/",
        "redirect": "https://a.example/old-path-1", "lost": "https://a.example/story-9/",
        "queued": "https://a.example/story-10/", "unknown_query": "https://a.example/story-2/?x=1",
    }.items()}
    redis_client.sadd(KEYS.dupefilter("site-a"), *fp.values())
    redis_client.sadd(KEYS.pending("site-a"), fp["queued"])
    redis_client.zadd(KEYS.queue("site-a"), {"<pickled request of story-10>": 0})
    redis_client.sadd(KEYS.dupefilter("site-b"), url_fingerprint("https://b.example/gone/"))

    reports = {r.spider: r for r in reconcile(redis_client, KEYS, db, recrawl_window=dt.timedelta(days=3), now=NOW)}

    assert redis_client.smembers(KEYS.dupefilter("site-a")) == {fp["old"], fp["redirect"], fp["queued"]}
    assert (reports["site-a"].forgotten_lost, reports["site-a"].forgotten_recent) == (2, 1)  # lost + unknown_query, recent
    assert reports["site-a"].pending == 1 and reports["site-a"].fingerprints == 6
    assert redis_client.scard(KEYS.dupefilter("site-b")) == 0 and reports["site-b"].forgotten_lost == 1
    assert not redis_client.keys("*:reconcile")  # temporary set removed
    # no recrawl window: recent articles stay filtered
    redis_client.sadd(KEYS.dupefilter("site-a"), fp["recent"])
    reconcile(redis_client, KEYS, db, recrawl_window=None, now=NOW)
    assert redis_client.sismember(KEYS.dupefilter("site-a"), fp["recent"])


def run_ingest(redis_client, db_path, **options) -> Ingest:
    job = Ingest(redis_client, KEYS, IngestOptions(db_path=db_path, idle_timeout=0, start_timeout=0,
                                                   poll_seconds=0.01, **options))
    job.run()
    return job


def test_ingest_stores_items_keeps_bad_ones_and_records_the_run(redis_client, tmp_path):
    items = [article(1, "2026-11-20T08:00:00+00:00"), article(2, "2026-11-21T08:00:00+00:00")]
    redis_client.rpush(KEYS.items, item_to_json(items[0]), "{broken json", item_to_json(items[1]))
    redis_client.rpush(KEYS.items_processing, item_to_json(article(3, "2026-11-22T08:00:00+00:00")))
    report = {"worker": "w1", "spider": "site-a", "reason": "finished",
              "stats": {"response_received_count": 7, "entcrawl/dropped/short_body": 1,
                        "start_time": "2026-11-30T10:00:00+00:00", "entcrawl/distributed/items_pushed": 3}}
    redis_client.rpush(KEYS.reports, json.dumps(report))

    job = run_ingest(redis_client, tmp_path / "i.db")

    assert job.result.outcomes == {"new": 3}
    assert job.result.failed == 1
    failed = [json.loads(entry) for entry in redis_client.lrange(KEYS.items_failed, 0, -1)]
    assert failed[0]["item"] == "{broken json" and "not JSON" in failed[0]["error"]
    assert redis_client.llen(KEYS.items) == 0 and redis_client.llen(KEYS.items_processing) == 0
    with sqlite3.connect(tmp_path / "i.db") as conn:
        conn.row_factory = sqlite3.Row
        assert conn.execute("select count(*) from articles").fetchone()[0] == 3
        runs = [dict(r) for r in conn.execute("select * from crawl_runs")]
        fetch_state = conn.execute("select count(*) from fetch_state").fetchone()[0]
    site_run = next(r for r in runs if r["source"] == "site-a")
    assert site_run["status"] == "finished" and site_run["pages_fetched"] == 7
    assert site_run["articles_new"] == 3 and json.loads(site_run["dropped"]) == {"short_body": 1}
    assert fetch_state == 3
    # the same items again: stored once, as unchanged
    redis_client.rpush(KEYS.items, item_to_json(items[0]))
    again = run_ingest(redis_client, tmp_path / "i.db", retry_failed=True)
    assert again.result.outcomes == {"unchanged": 1} and again.result.failed == 1


def test_reconcile_is_skipped_while_a_worker_is_alive(redis_client, tmp_path):
    lost = url_fingerprint("https://a.example/lost/")
    redis_client.sadd(KEYS.dupefilter("site-a"), lost)
    redis_client.set(KEYS.worker("w9"), "alive", px=5000)
    job = Ingest(redis_client, KEYS, IngestOptions(db_path=tmp_path / "s.db"))
    job.db = dbq.open_database(tmp_path / "s.db")
    assert job.try_reconcile() is None
    assert redis_client.sismember(KEYS.dupefilter("site-a"), lost)
    assert not redis_client.exists(KEYS.reconciling)
    redis_client.delete(KEYS.worker("w9"))
    assert job.try_reconcile()[0].forgotten_lost == 1


def test_workers_wait_while_the_ingest_reconciles(redis_client):
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds
        if now[0] >= 1.0:
            redis_client.delete(KEYS.reconciling)

    assert wait_for_reconcile(redis_client, KEYS, timeout=5, clock=lambda: now[0], sleep=sleep)
    redis_client.set(KEYS.reconciling, "x")
    assert wait_for_reconcile(redis_client, KEYS, timeout=5, clock=lambda: now[0], sleep=sleep)
    assert now[0] >= 1.0
    redis_client.set(KEYS.reconciling, "x")
    assert not wait_for_reconcile(redis_client, KEYS, timeout=0.5, clock=lambda: now[0],
                                  sleep=lambda s: now.__setitem__(0, now[0] + s))


def test_ingest_refuses_to_run_beside_a_local_crawl(redis_client, tmp_path):
    from crawler.ops.lock import CrawlLockedError, RunLock, lock_path_for

    with RunLock(lock_path_for(tmp_path / "l.db")):
        with pytest.raises(CrawlLockedError):
            run_ingest(redis_client, tmp_path / "l.db")


def test_pending_entries_are_stale_once_the_queue_is_empty(redis_client, tmp_path):
    """A worker killed between popping a request and clearing its pending entry."""
    db = dbq.open_database(tmp_path / "p.db")
    popped = url_fingerprint("https://a.example/popped-then-killed/")
    redis_client.sadd(KEYS.dupefilter("site-a"), popped)
    redis_client.sadd(KEYS.pending("site-a"), popped)
    (report,) = reconcile(redis_client, KEYS, db, recrawl_window=None, now=NOW)
    assert report.forgotten_lost == 1 and report.pending == 0
    assert not redis_client.exists(KEYS.dupefilter("site-a"), KEYS.pending("site-a"))
