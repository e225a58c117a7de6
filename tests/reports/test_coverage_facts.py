"""coverage_facts / coverage_totals: written at store time, equal to a full rebuild."""
from __future__ import annotations

import sqlite3

from crawler.items import ArticleItem
from pipelines.coverage_facts import rebuild_coverage_facts
from pipelines.database import open_database
from pipelines.migrations import MIGRATIONS, migrate
from pipelines.store import store_item
from sqlite_utils import Database


def snapshot(db) -> tuple[list, list]:
    facts = db.execute("SELECT * FROM coverage_facts ORDER BY article_id, show_id").fetchall()
    totals = db.execute("SELECT * FROM coverage_totals ORDER BY 1, 2, 3").fetchall()
    return facts, totals


def test_demo_facts_equal_a_rebuild_and_the_source_tables(demo_db, db_copy):
    db = open_database(db_copy)
    incremental = snapshot(db)
    assert incremental[0], "the demo crawl wrote no coverage facts"
    expected = db.execute(
        "SELECT COUNT(*) FROM article_shows s JOIN articles a ON a.id = s.article_id"
        " WHERE a.duplicate_of IS NULL AND a.published_week IS NOT NULL").fetchone()[0]
    assert len(incremental[0]) == expected
    duplicates_tagged = db.execute(
        "SELECT COUNT(*) FROM coverage_facts f JOIN articles a ON a.id = f.article_id"
        " WHERE a.duplicate_of IS NOT NULL").fetchone()[0]
    assert duplicates_tagged == 0
    rebuild_coverage_facts(db)
    assert snapshot(db) == incremental
    week_total = db.execute(
        "SELECT SUM(tagged_articles) FROM coverage_totals WHERE period_kind = 'week'").fetchone()[0]
    assert week_total == db.execute("SELECT COUNT(DISTINCT article_id) FROM coverage_facts").fetchone()[0]
    db.close()


def item(url: str, published: str, shows: list[dict], body: str = "Body text " * 30) -> ArticleItem:
    return ArticleItem(url=url, canonical_url=url, source="site-a", title="T " + url, body=body,
                       published_at=published, fetched_at="2026-03-05T00:00:00+00:00", shows=shows)


TAG = {"show_id": "squid-game", "alias": "Squid Game", "where": "headline", "count": 2,
       "season": 3, "score": 1.0, "is_about": True}


def test_store_moves_counts_when_date_tags_or_duplicate_status_change(tmp_path):
    db = open_database(tmp_path / "x.db")
    store_item(db, item("https://a/1", "2026-03-04T10:00:00+00:00", [TAG]))
    store_item(db, item("https://a/2", "2026-03-04T11:00:00+00:00", [TAG, {**TAG, "show_id": "moving",
                                                                         "where": "body", "is_about": False}],
                        body="Another body " * 30))
    copy = item("https://a/3", "2026-03-04T12:00:00+00:00", [TAG])
    copy.duplicate_of = 1
    store_item(db, copy)                                      # exact copy: never counted
    week = lambda: dict(db.execute(
        "SELECT period, tagged_articles FROM coverage_totals WHERE period_kind = 'week'").fetchall())
    assert db.execute("SELECT COUNT(*) FROM coverage_facts WHERE show_id = 'squid-game'").fetchone()[0] == 2
    assert week() == {"2026-W10": 2}
    # article 1 re-published a week later with a new title: its counts move
    moved = item("https://a/1", "2026-03-11T10:00:00+00:00", [TAG])
    moved.title = "New title"
    store_item(db, moved)
    assert week() == {"2026-W10": 1, "2026-W11": 1}
    # article 2 loses its tags
    store_item(db, item("https://a/2", "2026-03-04T11:00:00+00:00", [], body="Another body " * 30))
    assert week() == {"2026-W11": 1}
    before = snapshot(db)
    rebuild_coverage_facts(db)
    assert snapshot(db) == before
    db.close()


def test_migration_backfills_a_database_written_before_it(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    from pipelines import migrations
    original = list(migrations.MIGRATIONS)
    try:
        migrations.MIGRATIONS[:] = [m for m in original if m[0] < "0004"]
        migrate(old)
        old.execute("INSERT INTO sources (slug) VALUES ('s')")
        old.execute("INSERT INTO articles (id, url, canonical_url, source, story_id, published_at,"
                    " published_day, published_week, published_month) VALUES"
                    " (1, 'u', 'u', 's', NULL, '2026-03-04T00:00:00+00:00', '2026-03-04', '2026-W10', '2026-03')")
        old.execute("INSERT INTO article_shows (article_id, show_id, where_found, is_about)"
                    " VALUES (1, 'moving', 'headline', 1)")
        old.conn.commit()
    finally:
        migrations.MIGRATIONS[:] = original
    assert "coverage_facts" not in old.table_names()
    assert "0004_coverage_facts" in migrate(old)
    assert old.execute("SELECT show_id, published_week, in_headline FROM coverage_facts").fetchall() \
        == [("moving", "2026-W10", 1)]
    assert old.execute("SELECT period_kind, period, tagged_articles FROM coverage_totals"
                       " ORDER BY 1").fetchall() == [("day", "2026-03-04", 1), ("month", "2026-03", 1),
                                                     ("week", "2026-W10", 1)]
    assert "0004_coverage_facts" in [name for name, _ in MIGRATIONS]


def test_one_show_weekly_query_uses_the_covering_index(demo_db):
    from crawler.reports.coverage import weekly_coverage_sql
    conn = sqlite3.connect(demo_db.path)
    plan = " ".join(str(r) for r in conn.execute(
        "EXPLAIN QUERY PLAN " + weekly_coverage_sql("week"), ["squid-game", "2026-W01", "2026-W52"]))
    assert "COVERING INDEX idx_coverage_show_week" in plan, plan
