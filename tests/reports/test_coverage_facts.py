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


# --------------------------------------------------------------------------
# coverage_rollup / coverage_story_periods (migration 0007)
# --------------------------------------------------------------------------
def rollup_from_facts(db) -> list[tuple]:
    """The rollup recomputed from coverage_facts with plain GROUP BYs (the oracle)."""
    rows = []
    for kind in ("day", "week", "month"):
        rows += db.execute(
            f"SELECT show_id, '{kind}', published_{kind}, COUNT(*), COUNT(DISTINCT story_id),"
            f" SUM(in_headline), SUM(is_about) FROM coverage_facts GROUP BY show_id, published_{kind}"
        ).fetchall()
    return sorted(rows)


def rollup(db) -> list[tuple]:
    return sorted(db.execute("SELECT * FROM coverage_rollup").fetchall())


def story_periods_from_facts(db) -> list[tuple]:
    rows = []
    for kind in ("day", "week", "month"):
        rows += db.execute(
            f"SELECT show_id, '{kind}', published_{kind}, story_id, COUNT(*) FROM coverage_facts"
            f" WHERE story_id IS NOT NULL GROUP BY show_id, published_{kind}, story_id").fetchall()
    return sorted(rows)


def assert_rollup_consistent(db) -> None:
    assert rollup(db) == rollup_from_facts(db)
    assert sorted(db.execute("SELECT * FROM coverage_story_periods").fetchall()) \
        == story_periods_from_facts(db)


SHOWS = ["squid-game", "the-bear", "wednesday", "severance"]


def random_tags(rng) -> list[dict]:
    return [{**TAG, "show_id": show, "where": rng.choice(["headline", "body", "lede"]),
             "is_about": rng.random() < 0.5} for show in rng.sample(SHOWS, rng.randint(0, 3))]


def random_date(rng) -> str:
    return f"2026-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00+00:00"


def test_rollup_stays_equal_to_a_recomputation_under_random_writes(tmp_path):
    import random

    from crawler.reports.coverage import show_counts, weekly_coverage_sql
    from pipelines import database as dbq
    from pipelines.coverage_facts import refresh_coverage_facts

    rng = random.Random(20261130)
    db = open_database(tmp_path / "r.db")
    urls: list[str] = []
    kinds_done: set[str] = set()
    for step in range(400):
        action = rng.choice(["insert", "insert", "update", "untag", "story", "retag", "duplicate",
                             "undate", "drop_tag"]) if urls else "insert"
        if action == "insert":
            url = f"https://a/{len(urls) + 1}"
            urls.append(url)
            store_item(db, item(url, random_date(rng), random_tags(rng), body=f"Body {step} " * 30))
        elif action == "update":                 # re-stored: new date and tags
            store_item(db, item(rng.choice(urls), random_date(rng), random_tags(rng),
                                body=f"Changed {step} " * 30))
        elif action == "untag":
            store_item(db, item(rng.choice(urls), random_date(rng), [], body=f"Untag {step} " * 30))
        else:
            article_id = rng.randint(1, len(urls))
            with db.atomic():
                if action == "story":            # the article joins another (or a new) story
                    stories = [r[0] for r in db.execute("SELECT id FROM stories")]
                    story = rng.choice(stories[:5]) if rng.random() < 0.8 else dbq.create_story(db)
                    db.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story, article_id])
                elif action == "retag":          # what pipelines/retag.py's batch writer does
                    dbq.replace_article_shows(db, article_id, random_tags(rng))
                elif action == "duplicate":
                    other = rng.randint(1, len(urls))
                    db.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                               [None if other == article_id else other, article_id])
                elif action == "undate":
                    db.execute("UPDATE articles SET published_day = NULL, published_week = NULL,"
                               " published_month = NULL WHERE id = ?", [article_id])
                else:                            # drop_tag: one tag deleted
                    db.execute("DELETE FROM article_shows WHERE rowid IN (SELECT rowid FROM"
                               " article_shows WHERE article_id = ? LIMIT 1)", [article_id])
                refresh_coverage_facts(db, article_id)
        kinds_done.add(action)
        if step % 40 == 0:
            assert_rollup_consistent(db)
    assert_rollup_consistent(db)
    assert kinds_done >= {"insert", "update", "untag", "story", "retag", "duplicate", "undate",
                          "drop_tag"}
    assert db.execute("SELECT COUNT(*) FROM coverage_rollup WHERE stories > 1").fetchone()[0] > 0
    # the report numbers from the rollup equal the plain coverage_facts query
    for show in SHOWS:
        for by, first, last in (("day", "2026-01-01", "2026-03-31"), ("week", "2026-W01", "2026-W14"),
                                ("month", "2026-01", "2026-03")):
            facts = {r[0]: (r[1], r[2], r[3] or 0, r[4] or 0)
                     for r in db.execute(weekly_coverage_sql(by), [show, first, last])}
            assert show_counts(db, show, by, first, last) == facts
    before = rollup(db)
    rebuild_coverage_facts(db)
    assert rollup(db) == before
    assert_rollup_consistent(db)
    db.close()


def test_rollup_migration_backfills_existing_facts(tmp_path):
    from pipelines import migrations
    path = tmp_path / "old.db"
    old = Database(path)
    original = list(migrations.MIGRATIONS)
    try:
        migrations.MIGRATIONS[:] = [m for m in original if m[0] < "0007"]
        migrate(old)
    finally:
        migrations.MIGRATIONS[:] = original
    old.execute("INSERT INTO sources (slug) VALUES ('s')")
    for article_id, story, day, week in ((1, 7, "2026-03-04", "2026-W10"), (2, 7, "2026-03-05", "2026-W10"),
                                         (3, 8, "2026-03-05", "2026-W10"), (4, None, "2026-03-12", "2026-W11")):
        old.execute("INSERT INTO articles (id, url, canonical_url, source, story_id, published_at,"
                    " published_day, published_week, published_month) VALUES (?, ?, ?, 's', ?, ?, ?, ?,"
                    " '2026-03')", [article_id, f"u{article_id}", f"u{article_id}", story,
                                    day + "T00:00:00+00:00", day, week])
        old.execute("INSERT INTO article_shows (article_id, show_id, where_found, is_about)"
                    " VALUES (?, 'moving', 'headline', ?)", [article_id, article_id % 2])
    old.conn.commit()
    inserted = old.execute(
        "INSERT INTO coverage_facts (article_id, show_id, source, story_id, published_at, published_day,"
        " published_week, published_month, where_found, in_headline, is_about)"
        " SELECT a.id, s.show_id, a.source, a.story_id, a.published_at, a.published_day,"
        " a.published_week, a.published_month, s.where_found, 1, s.is_about"
        " FROM article_shows s JOIN articles a ON a.id = s.article_id")
    assert inserted.rowcount == 4
    old.conn.commit()
    assert migrate(old) == ["0007_coverage_rollup"]
    assert old.execute("SELECT period, articles, stories, in_headline, about FROM coverage_rollup"
                       " WHERE period_kind = 'week' ORDER BY period").fetchall() \
        == [("2026-W10", 3, 2, 3, 2), ("2026-W11", 1, 0, 1, 0)]
    assert_rollup_consistent(old)
