"""Benchmark: the one-show weekly coverage query on a synthetic 1,000,000-article database.

    .venv/bin/python bench/coverage_query.py [--articles 1000000] [--shows 200] [--keep DIR]

Builds the database in a temporary folder with the real migrations
(pipelines.database.open_database), bulk-loads articles + article_shows
spread over ~5 years, fills coverage_facts / coverage_totals with
pipelines.coverage_facts.rebuild_coverage_facts (what the store maintains
row by row) and coverage_rollup, then times crawler.reports.coverage.show_counts
(all sources: one coverage_rollup row per week), the same counts aggregated from
coverage_facts (weekly_coverage_sql, what a --source filter runs; here unfiltered
for comparison) and the share-of-voice totals, for a popular, a mid and a tail show.
Prints the timings and the first rows.  A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.reports.coverage import (  # noqa: E402
    ROLLUP_COVERAGE_SQL, show_counts, tagged_totals, weekly_coverage_sql)
from pipelines.coverage_facts import rebuild_coverage_facts  # noqa: E402
from pipelines.database import open_database  # noqa: E402
from pipelines.store import published_periods  # noqa: E402

SOURCES = [f"site-{i:02d}" for i in range(20)]
START = datetime(2022, 1, 3, tzinfo=timezone.utc)
SPAN_DAYS = 5 * 365


def build(path: Path, articles: int, shows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    db.execute("PRAGMA synchronous = OFF")
    db.conn.executemany("INSERT INTO sources (slug) VALUES (?)", [(s,) for s in SOURCES])
    db.conn.commit()   # executemany opened an implicit transaction
    show_ids = [f"show-{i:03d}" for i in range(shows)]
    weights = [1 / (rank + 1) for rank in range(shows)]          # a few popular shows, a long tail
    batch_articles, batch_tags = [], []
    story = 0
    for article_id in range(1, articles + 1):
        when = START + timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
        periods = published_periods(when.isoformat())
        if rng.random() < 0.7:
            story += 1
        duplicate = article_id - 1 if article_id > 1 and rng.random() < 0.03 else None
        batch_articles.append((article_id, f"https://x/{article_id}", f"https://x/{article_id}",
                               rng.choice(SOURCES), periods.published_at, periods.day, periods.week,
                               periods.month, max(story, 1), duplicate))
        for show in set(rng.choices(show_ids, weights, k=rng.choice((0, 1, 1, 1, 2)))):
            batch_tags.append((article_id, show, rng.choice(("headline", "body", "lede")),
                               rng.randint(1, 5), int(rng.random() < 0.6)))
        if len(batch_articles) >= 50_000 or article_id == articles:
            with db.atomic():
                db.conn.executemany(
                    "INSERT INTO stories (id) VALUES (?) ON CONFLICT DO NOTHING",
                    [(a[8],) for a in batch_articles])
                db.conn.executemany(
                    "INSERT INTO articles (id, url, canonical_url, source, published_at, published_day,"
                    " published_week, published_month, story_id, duplicate_of)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_articles)
                db.conn.executemany(
                    "INSERT INTO article_shows (article_id, show_id, where_found, mentions, is_about)"
                    " VALUES (?, ?, ?, ?, ?)", batch_tags)
            db.conn.commit()
            batch_articles, batch_tags = [], []
    rebuild_coverage_facts(db)
    db.conn.commit()
    db.execute("ANALYZE")
    db.close()


def time_query(path: Path, show: str, runs: int = 30) -> None:
    db = open_database(path)
    first, last = "2022-W01", "2026-W52"
    plan = [r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + ROLLUP_COVERAGE_SQL,
                                      [show, "week", first, last])]
    timings, share_timings, facts_timings = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        counts = show_counts(db, show, "week", first, last)
        t1 = time.perf_counter()
        totals = tagged_totals(db, "week", first, last)
        t2 = time.perf_counter()
        facts = db.execute(weekly_coverage_sql("week"), [show, first, last]).fetchall()
        t3 = time.perf_counter()
        timings.append((t1 - t0) * 1000)
        share_timings.append((t2 - t1) * 1000)
        facts_timings.append((t3 - t2) * 1000)
    assert {r[0]: (r[1], r[2], r[3], r[4]) for r in facts} == counts, "rollup != coverage_facts"
    n_articles = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    n_facts = db.execute("SELECT COUNT(*) FROM coverage_facts WHERE show_id = ?", [show]).fetchone()[0]
    print(f"articles: {n_articles:,}; coverage rows of {show}: {n_facts:,}; weeks: {len(counts)}")
    print(f"plan: {plan}")
    print(f"weekly coverage query (coverage_rollup): median {statistics.median(timings):.2f} ms, "
          f"max {max(timings):.2f} ms over {runs} runs")
    print(f"same counts from coverage_facts: median {statistics.median(facts_timings):.2f} ms")
    print(f"share-of-voice totals: median {statistics.median(share_timings):.2f} ms")
    for week in list(counts)[:5]:
        articles, stories, headline, about = counts[week]
        print(f"  {week}  articles={articles} stories={stories} headline={headline} about={about}"
              f" share={articles / totals[week]:.1%}")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--shows", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=None, help="Build here and keep the file.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="entcrawl-bench-") as tmp:
        path = (args.keep or Path(tmp)) / "bench.db"
        if not path.exists():
            t0 = time.perf_counter()
            build(path, args.articles, args.shows)
            print(f"built {path} in {time.perf_counter() - t0:.0f} s")
        for show in ("show-000", "show-010", "show-100"):   # most popular, popular, tail
            time_query(path, show)


if __name__ == "__main__":
    main()
