"""One crawl per database: a second run exits at once with code 3."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml

from crawler.ops.lock import CrawlLockedError, RunLock, lock_path_for

from .conftest import PROJECT_ROOT, cli


def test_lock_path_sits_next_to_the_database(tmp_path):
    assert lock_path_for(tmp_path / "data" / "entcrawl.db") == tmp_path / "data" / "entcrawl.db.lock"


def test_second_lock_fails_until_the_first_is_released(tmp_path):
    path = tmp_path / "x.db.lock"
    with RunLock(path):
        with pytest.raises(CrawlLockedError) as info:
            RunLock(path).acquire()
        assert f"pid {os.getpid()}" in str(info.value)
    with RunLock(path) as again:   # released: free again, and the file stays
        assert again.held
    assert path.exists()


def test_lock_of_a_killed_process_is_free(tmp_path):
    path = tmp_path / "x.db.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from crawler.ops.lock import RunLock;"
         f"RunLock({str(path)!r}).acquire(); print('locked', flush=True); time.sleep(60)"],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(CrawlLockedError):
            RunLock(path).acquire()
    finally:
        holder.kill()
        holder.wait()
    with RunLock(path):
        pass


def test_overlapping_crawl_exits_3_at_once(tmp_path):
    db = tmp_path / "crawl.db"
    registry = tmp_path / "sites.yaml"
    registry.write_text(yaml.safe_dump({"sites": [{
        "slug": "nowhere", "name": "Nowhere", "homepage": "http://127.0.0.1:9/", "language": "en",
        "feeds": ["/feed.xml"], "article_url_patterns": ["/news/"], "allow_private_network": True,
    }]}), encoding="utf-8")
    with RunLock(lock_path_for(db)):
        started = time.monotonic()
        result = cli("crawl", "--registry", str(registry), "--db", str(db), "--log-file", str(tmp_path / "log"))
        elapsed = time.monotonic() - started
    assert result.returncode == 3, result.stderr[-2000:]
    assert "another entcrawl crawl is running on this database" in result.stderr
    assert f"pid {os.getpid()}" in result.stderr
    assert elapsed < 15
    assert not db.exists()  # nothing was touched
    assert "another entcrawl crawl is running" in (tmp_path / "log").read_text()


def write_nowhere_registry(path):
    path.write_text(yaml.safe_dump({"sites": [{
        "slug": "nowhere", "name": "Nowhere", "homepage": "http://127.0.0.1:9/", "language": "en",
        "feeds": ["/feed.xml"], "article_url_patterns": ["/news/"], "allow_private_network": True,
    }]}), encoding="utf-8")


def scrapy_crawl(registry, db, *extra):
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "nowhere", "-s", f"ENTCRAWL_REGISTRY={registry}",
         "-s", f"ENTCRAWL_DB={db}", "-s", "RETRY_ENABLED=0", *extra],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)


def test_scrapy_crawl_takes_the_lock_too(tmp_path):
    db = tmp_path / "crawl.db"
    registry = tmp_path / "sites.yaml"
    write_nowhere_registry(registry)
    with RunLock(lock_path_for(db)):
        result = scrapy_crawl(registry, db)
    assert result.returncode != 0
    assert "another entcrawl crawl is running on this database" in result.stderr
    assert "Crawled" not in result.stderr and "GET http" not in result.stderr   # no request made
    assert not db.exists()

    result = scrapy_crawl(registry, db)                      # free again: crawls, then releases
    assert result.returncode == 0, result.stderr[-3000:]
    RunLock(lock_path_for(db)).acquire().release()


def test_lock_extension_stays_off_when_the_runner_holds_it_or_nothing_is_stored(tmp_path):
    from scrapy import Spider
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from crawler.ops.lock import RunLockExtension
    from crawler.settings import ITEM_PIPELINES

    db = str(tmp_path / "x.db")
    for settings in ({"ENTCRAWL_DB": db, "ITEM_PIPELINES": ITEM_PIPELINES, "ENTCRAWL_RUN_LOCK_HELD": True},
                     {"ENTCRAWL_DB": db, "ITEM_PIPELINES": {}}):
        with pytest.raises(NotConfigured):
            RunLockExtension.from_crawler(get_crawler(Spider, settings))
    extension = RunLockExtension.from_crawler(get_crawler(Spider, {"ENTCRAWL_DB": db, "ITEM_PIPELINES": ITEM_PIPELINES}))
    with pytest.raises(CrawlLockedError):
        RunLock(lock_path_for(db)).acquire()
    extension.release()
    RunLock(lock_path_for(db)).acquire().release()
