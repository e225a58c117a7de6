"""Two workers and one ingest crawl the demo sites through a real redis-server.

Each test runs the processes the way cron would (ingest first: it reconciles,
then the workers) and checks the database against the demo's ground truth."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from crawler.demo import expected_facts

from .conftest import finish, read, start_ingest, start_worker, write_registry

LINE = re.compile(r"^(?P<slug>\S+)\s+(?P<status>ok|FAILED)\s+worker=(?P<worker>\S+) pages=(?P<pages>\d+)"
                  r" items=(?P<items>\d+)", re.M)


def wait_for_text(path: Path, pattern: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        if re.search(pattern, text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} not in {path} after {timeout} s")


def run_cluster(redis_url: str, registry: Path, db: Path, logs: Path, tag: str, *worker_args: str,
                kill_w1_after_articles: int | None = None, ingest_args: tuple[str, ...] = ()) -> dict:
    ingest = start_ingest(redis_url, db, logs, f"ingest-{tag}", "--registry", str(registry), *ingest_args)
    wait_for_text(logs / f"ingest-{tag}.err", r"reconcile (done|skipped)|workers are running")
    w1 = start_worker(redis_url, registry, f"w1-{tag}", logs, *worker_args)
    w2 = start_worker(redis_url, registry, f"w2-{tag}", logs, *worker_args)
    killed = False
    if kill_w1_after_articles is not None:
        # Mid-crawl: the workers are pushing items (stored, or waiting in Redis for the
        # ingest), so worker 1 holds downloaded pages waiting for extraction when it is
        # killed.  Counting stored articles alone lost nothing whenever the ingest lagged
        # behind workers that had already finished.
        client = redis.Redis.from_url(redis_url, decode_responses=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and w1.poll() is None:
            produced = stored_count(db) + client.llen("entcrawl:items")
            if produced >= kill_w1_after_articles:
                break
            time.sleep(0.01)
        assert w1.poll() is None, "worker 1 finished before it could be killed"
        os.kill(w1.pid, signal.SIGKILL)
        killed = True
    codes = {"w1": finish(w1), "w2": finish(w2), "ingest": finish(ingest)}
    lines = [m.groupdict() for name in (f"w1-{tag}", f"w2-{tag}") for m in LINE.finditer(read(logs, name))]
    return {"codes": codes, "killed": killed, "lines": lines,
            "ingest_out": read(logs, f"ingest-{tag}"), "ingest_err": read(logs, f"ingest-{tag}", "err"),
            "worker_err": read(logs, f"w1-{tag}", "err") + read(logs, f"w2-{tag}", "err")}


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def stored_urls(db: Path) -> Counter:
    with sqlite3.connect(db) as conn:
        return Counter(url for (url,) in conn.execute("select canonical_url from articles"))


def facts_urls(network, port: int, phase: int, sites: set[str] | None = None) -> set[str]:
    return {f["url"] for f in expected_facts(network, port, phase=phase) if not sites or f["site"] in sites}


@pytest.fixture(scope="module")
def first_run(redis_server, demo_server, demo_registry, tmp_path_factory):
    redis_server.client.flushall()
    demo_server.set_phase(1)
    logs = tmp_path_factory.mktemp("logs")
    db = tmp_path_factory.mktemp("db") / "cluster.db"
    return db, run_cluster(redis_server.url, demo_registry, db, logs, "run1")


def test_two_workers_store_every_article_exactly_once(first_run, demo_network, demo_server):
    db, run = first_run
    assert run["codes"] == {"w1": 0, "w2": 0, "ingest": 0}, run["ingest_err"][-2000:]
    stored = stored_urls(db)
    truth = facts_urls(demo_network, demo_server.port, 1)
    assert not {url for url, n in stored.items() if n > 1}
    assert not sorted(truth - set(stored))[:5], f"{len(truth - set(stored))} demo articles missing"
    assert not sorted(set(stored) - truth)[:5], "pages stored that are not demo articles"


def test_both_workers_got_work_and_closed_by_themselves(first_run):
    _, run = first_run
    pages = Counter()
    for line in run["lines"]:
        pages[line["worker"]] += int(line["pages"])
        assert line["status"] == "ok"
    assert len(run["lines"]) == 8  # 4 sites x 2 workers, each line printed after a clean close
    assert pages["w1-run1"] > 20 and pages["w2-run1"] > 20, pages
    assert "shared queue empty for 2 s, closing" in run["worker_err"]


def test_workers_emit_no_deprecation_warning(first_run):
    _, run = first_run
    assert "DeprecationWarning" not in run["worker_err"], [
        line for line in run["worker_err"].splitlines() if "Warning" in line][:5]


def test_crawl_runs_are_recorded_per_site(first_run, demo_network, demo_server):
    db, _ = first_run
    facts = expected_facts(demo_network, demo_server.port, phase=1)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        runs = {row["source"]: dict(row) for row in conn.execute("select * from crawl_runs")}
        names = {row[0] for row in conn.execute("select name from sources where name != slug")}
    assert set(runs) == {f["site"] for f in facts}
    for source, row in runs.items():
        assert row["status"] == "finished", row
        assert row["pages_fetched"] > 0
        assert row["articles_new"] + row["duplicates"] == sum(1 for f in facts if f["site"] == source)
    assert len(names) == 4  # the registry's site names, not bare slugs


def test_second_run_stores_only_the_new_articles(first_run, redis_server, demo_server, demo_network,
                                                  demo_registry, tmp_path):
    db, first = first_run
    before = set(stored_urls(db))
    demo_server.set_phase(3)
    try:
        run = run_cluster(redis_server.url, demo_registry, db, tmp_path, "run2")
    finally:
        demo_server.set_phase(1)
    assert run["codes"] == {"w1": 0, "w2": 0, "ingest": 0}, run["ingest_err"][-2000:]
    stored = stored_urls(db)
    assert max(stored.values()) == 1
    new = set(stored) - before
    truth3 = facts_urls(demo_network, demo_server.port, 3)
    assert new == truth3 - facts_urls(demo_network, demo_server.port, 1)
    assert len(new) == len(demo_network.new_in_phase3())
    with sqlite3.connect(db) as conn:
        latest = conn.execute("select run_id from crawl_runs order by id desc limit 1").fetchone()[0]
        new_in_runs = conn.execute("select sum(articles_new + duplicates) from crawl_runs where run_id = ?",
                                   [latest]).fetchone()[0]
    assert new_in_runs == len(new)
    pages_first = sum(int(line["pages"]) for line in first["lines"])
    pages_second = sum(int(line["pages"]) for line in run["lines"])
    assert pages_second < pages_first / 2, (pages_first, pages_second)  # the dupefilter kept old articles


def test_killed_worker_then_reconcile_and_rerun_loses_nothing(redis_server, demo_server, demo_network, tmp_path):
    redis_server.client.flushall()
    demo_server.set_phase(1)
    sites = {"demo-reelbuzz", "demo-screenwire"}
    registry = write_registry(tmp_path / "two.yaml", demo_server.port, tuple(sites))
    db = tmp_path / "killed.db"
    truth = facts_urls(demo_network, demo_server.port, 1, sites)
    no_tagging = ("-s", "ENTCRAWL_CATALOG=/nonexistent/shows.yaml")  # faster start; not under test here
    run = run_cluster(redis_server.url, registry, db, tmp_path, "kill", *no_tagging, kill_w1_after_articles=10)
    assert run["killed"] and run["codes"]["w1"] == -signal.SIGKILL
    assert run["codes"]["w2"] == 0 and run["codes"]["ingest"] == 0, run["ingest_err"][-2000:]
    missing_after_kill = truth - set(stored_urls(db))
    assert missing_after_kill, "the SIGKILL lost nothing in flight: the test proves nothing"
    # --recrawl-days 0: only the reconcile of lost fingerprints decides what is fetched again
    rerun = run_cluster(redis_server.url, registry, db, tmp_path, "rerun", *no_tagging,
                        ingest_args=("--recrawl-days", "0"))
    assert rerun["codes"] == {"w1": 0, "w2": 0, "ingest": 0}, rerun["ingest_err"][-2000:]
    # Some of the missing were never discovered (the killed worker was the one parsing a
    # sitemap or listing); the others were lost in flight (downloading, or downloaded and
    # waiting for extraction) and must have been forgotten.
    forgot = re.search(r"forgot (\d+) lost", rerun["ingest_out"])
    assert forgot and int(forgot.group(1)) > 0, rerun["ingest_out"]
    # Only what was missing is fetched and stored again: nothing stored was forgotten.
    outcomes = dict(re.findall(r"(new|updated|unchanged|duplicate)=(\d+)", rerun["ingest_out"]))
    assert int(outcomes["unchanged"]) == 0 and int(outcomes["updated"]) == 0, rerun["ingest_out"]
    assert int(outcomes["new"]) + int(outcomes["duplicate"]) == len(missing_after_kill), rerun["ingest_out"]
    stored = stored_urls(db)
    assert max(stored.values()) == 1
    assert set(stored) == truth, sorted(truth - set(stored))[:5]
