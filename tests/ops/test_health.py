"""`entcrawl health`: fill rates per source and run; unhealthy when a source yields nothing or a rate drops."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.ops.health import HealthPolicy, RunHealth, judge_source, load_runs
from pipelines import crawl_runs
from pipelines import database as dbq


def run(i: int, *, pages: int = 20, stored: int = 20, authors: float = 0.9, status: str = "finished",
        fetched: int = 30, requests: int = 20, known: int = 100, source: str = "tvline") -> RunHealth:
    rates = {"title": 1.0, "date": 0.95, "authors": authors, "body": 1.0, "shows": 0.6}
    return RunHealth(crawl_run_id=i, source=source, started_at=f"2026-11-{i:02d}T06:00:00+00:00", status=status,
                     pages_fetched=fetched, article_requests=requests, skipped_known=known,
                     article_pages=pages, stored=stored, rates=rates)


def history(latest: RunHealth, n: int = 5) -> list[RunHealth]:
    return [latest] + [run(i) for i in range(latest.crawl_run_id - 1, latest.crawl_run_id - 1 - n, -1)]


def kinds(problems) -> list[str]:
    return [p.kind for p in problems]


def test_steady_source_is_healthy():
    assert judge_source(history(run(20))) == []


def test_sharp_drop_against_own_history_is_flagged():
    problems = judge_source(history(run(20, authors=0.1)))
    assert kinds(problems) == ["fill_drop"] and problems[0].field == "authors"
    assert "authors fill rate fell to 10%" in problems[0].message and "90%" in problems[0].message


def test_small_drop_is_not_flagged():
    assert judge_source(history(run(20, authors=0.7))) == []


def test_too_little_history_or_too_few_pages_is_not_judged():
    assert judge_source(history(run(20, authors=0.1), n=2)) == []
    assert judge_source(history(run(20, authors=0.0, pages=3, stored=3))) == []


def test_source_that_fetched_nothing():
    assert kinds(judge_source(history(run(20, fetched=0, status="failed")))) == ["fetched_nothing"]


def test_source_that_stores_nothing_or_finds_nothing():
    assert kinds(judge_source([run(20, pages=12, stored=0)])) == ["yields_nothing"]
    assert kinds(judge_source([run(20, pages=0, stored=0, requests=0, known=0)])) == ["yields_nothing"]


def test_idle_incremental_run_is_healthy():
    assert judge_source([run(20, pages=0, stored=0, requests=0, known=250)]) == []


def test_killed_runs_are_not_judged():
    assert judge_source([run(21, status="interrupted", fetched=0), *history(run(20))]) == []
    assert judge_source([run(21, status="running")]) == []


def test_policy_is_configurable():
    assert kinds(judge_source(history(run(20, authors=0.7)), HealthPolicy(max_drop=0.15))) == ["fill_drop"]


# --- database + CLI ------------------------------------------------------------
def add_run(db, source: str, day: int, *, pages: int, authors: int, stored: int | None = None) -> None:
    stored = pages if stored is None else stored
    row = crawl_runs.start_crawl_run(db, f"run-{day}", source, f"2026-11-{day:02d}T06:00:00+00:00")
    stats = {"response_received_count": pages + 3, "entcrawl/discovered/feed": pages,
             "entcrawl/fields/pages": pages, "entcrawl/fields/title": pages, "entcrawl/fields/published_at": pages,
             "entcrawl/fields/authors": authors, "entcrawl/fields/body": pages,
             "entcrawl/fields/stored": stored, "entcrawl/fields/shows": stored // 2}
    crawl_runs.finish_crawl_run(db, row, crawl_runs.run_summary(stats, {"new": stored}, "finished",
                                                  f"2026-11-{day:02d}T06:10:00+00:00"))
    crawl_runs.record_run_fields(db, row, stats)


@pytest.fixture
def health_db(tmp_path):
    path = tmp_path / "health.db"
    db = dbq.open_database(path)
    for day in range(1, 7):
        add_run(db, "steady", day, pages=20, authors=18)
        add_run(db, "redesigned", day, pages=20, authors=19 if day < 6 else 2)
    db.close()
    return path


def test_crawl_health_view_computes_rates(health_db):
    with sqlite3.connect(health_db) as conn:
        row = conn.execute("select title_rate, authors_rate, shows_rate, article_pages, stored from crawl_health"
                           " where source = 'redesigned' order by started_at desc limit 1").fetchone()
    assert row == (1.0, 0.1, 0.5, 20, 20)


def test_load_runs_newest_first(health_db):
    db = dbq.open_database(health_db)
    try:
        runs = load_runs(db)
    finally:
        db.close()
    assert set(runs) == {"steady", "redesigned"}
    assert [r.started_at[:10] for r in runs["steady"]][:2] == ["2026-11-06", "2026-11-05"]


def test_health_command_exits_1_and_names_the_problem(health_db):
    result = CliRunner().invoke(main, ["health", "--db", str(health_db)])
    assert result.exit_code == 1, result.output
    assert "UNHEALTHY redesigned: authors fill rate fell to 10%" in result.output
    assert "steady" in result.output and "10%!" in result.output


def test_health_command_per_source_history_and_ok_exit(health_db):
    result = CliRunner().invoke(main, ["health", "--db", str(health_db), "--source", "steady", "--runs", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.count("steady ") == 3 and "all 1 source(s) healthy" in result.output


def test_health_command_usage_errors(tmp_path, health_db):
    assert CliRunner().invoke(main, ["health", "--db", str(tmp_path / "none.db")]).exit_code == 2
    assert CliRunner().invoke(main, ["health", "--db", str(health_db), "--source", "nope"]).exit_code == 2
