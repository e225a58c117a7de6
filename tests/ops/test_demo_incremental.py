"""Crawl the demo network (phase 1), then again after new articles appear (phase 3):
the second run fetches only the new articles and those its feeds/sitemaps announce
as changed, stores the new ones, and leaves a log file with progress lines."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from .conftest import cli

WINDOW_OFF = ["-s", "ENTCRAWL_RECRAWL_WINDOW_DAYS=0"]   # demo dates are fixed: no "recent" re-fetches
# feeds + sitemaps + listings, and listings only (the other two demo sites are left out for time)
SITES = ("demo-reelbuzz", "demo-tvgazette")


@pytest.fixture(scope="module")
def two_runs(demo_server, demo_registry, tmp_path_factory):
    work = tmp_path_factory.mktemp("incremental")
    db, log = work / "demo.db", work / "crawl.log"
    args = ["crawl", *SITES, "--local", "--registry", str(demo_registry), "--db", str(db), "--log-file", str(log),
            "--progress-interval", "1", *WINDOW_OFF]
    demo_server.set_phase(1)
    first = cli(*args)
    requests_first = demo_server.requests_served
    demo_server.set_phase(3)
    try:
        second = cli(*args, "--no-quiet")
    finally:
        demo_server.set_phase(1)
    requests_second = demo_server.requests_served - requests_first
    return {"first": first, "second": second, "db": db, "log": log,
            "requests": (requests_first, requests_second)}


def health_rows(db) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select * from crawl_health order by crawl_run_id")]


def test_both_runs_succeed(two_runs):
    for name in ("first", "second"):
        assert two_runs[name].returncode == 0, two_runs[name].stderr[-3000:]


def test_second_run_fetches_only_new_and_announced_changes(two_runs, demo_network, demo_entries):
    announcing = {e["slug"] for e in demo_entries if e["feeds"] or e["sitemaps"] or e["news_sitemaps"]}
    new = Counter(a.site for a in demo_network.new_in_phase3())
    changed = Counter(a.site for a in demo_network.updated_articles() if a.site in announcing)
    second = {row["source"]: row for row in health_rows(two_runs["db"])[len(SITES):]}
    assert set(second) == set(SITES)
    for slug, row in second.items():
        assert row["article_requests"] == new[slug] + changed[slug], (slug, row)
        assert row["skipped_known"] > 50, (slug, row)
    first_total, second_total = two_runs["requests"]
    assert second_total < first_total / 4, two_runs["requests"]


def test_new_articles_are_stored_and_changes_versioned(two_runs, demo_network, demo_server):
    with sqlite3.connect(two_runs["db"]) as conn:
        stored = {url: version for url, version in conn.execute("select canonical_url, version from articles")}
    new_urls = {demo_network.url_of(a.key, demo_server.port) for a in demo_network.new_in_phase3()
                if a.site in SITES}
    assert new_urls <= set(stored)
    assert len(stored) == sum(len(demo_network.articles(3, site)) for site in SITES)
    versioned = {url for url, version in stored.items() if version > 1}
    announced_edits = {demo_network.url_of(a.key, demo_server.port) for a in demo_network.updated_articles()
                       if a.site in SITES and a.site != "demo-tvgazette"}   # tvgazette: listings only
    assert announced_edits and announced_edits <= versioned


def test_crawl_runs_and_fill_rates_are_recorded(two_runs):
    rows = health_rows(two_runs["db"])
    assert len(rows) == 2 * len(SITES)
    for row in rows:
        assert row["status"] == "finished" and row["started_at"] and row["finished_at"]
        assert row["pages_fetched"] > 0 and row["stored"] > 0
        for rate in ("title_rate", "date_rate", "body_rate", "authors_rate"):
            assert row[rate] >= 0.9, (row["source"], rate, row[rate])
        assert json.loads(row["errors"]) == {}, row["source"]
    assert max(row["shows_rate"] for row in rows) > 0.5   # articles are tagged with catalog shows
    run_ids = {row["run_id"] for row in rows}
    assert len(run_ids) == 2  # one id per `entcrawl crawl` command


def test_log_file_has_progress_and_summary(two_runs):
    text = two_runs["log"].read_text(encoding="utf-8")
    assert "[entcrawl.progress] INFO: demo-reelbuzz:" in text
    assert "(done)" in text
    assert text.count("[entcrawl.crawl] INFO: demo-") == 2 * len(SITES)


def test_terminal_is_quiet_unless_asked(two_runs):
    assert "entcrawl.progress" not in two_runs["first"].stderr     # captured stderr is not a TTY: quiet
    assert "entcrawl.progress" in two_runs["second"].stderr        # --no-quiet
    assert "demo-tvgazette" in two_runs["second"].stderr
