"""Coverage facts: what the coverage reports read, written when an article is stored.

``coverage_facts`` (migration ``0004_coverage_facts``) has one row per
(article, show) for every *dated, non-duplicate* article, with the article's
source, story and day / ISO week / month copied next to the tag evidence, so
that a one-show coverage query is a range scan of one covering index.
``coverage_totals`` counts the tagged articles per (period kind, period,
source): the denominator of share of voice.

The store calls :func:`refresh_coverage_facts` for the article it just wrote,
inside its transaction, after ``article_shows`` was replaced.  The function
recomputes the article's rows from ``articles`` + ``article_shows`` (so an
update that changes the date, the duplicate status or the tags moves the
counts too) and adjusts the totals and the rollup.  :func:`rebuild_coverage_facts`
recomputes all of them from scratch (repair, or after a bulk load that bypassed the store).

``coverage_rollup`` (migration ``0007_coverage_rollup``) holds, per (show, period
kind, period), the articles, distinct stories, headline tags and about tags, so
the unfiltered one-show report reads one small row per period instead of
``COUNT(DISTINCT story_id)`` over the show's facts.  ``coverage_story_periods``
keeps the article count of each (show, period, story): a story counts once in
``stories`` while its count is above zero.  Every write to ``coverage_facts``
goes through this module, which keeps both tables in step with it.
"""
from __future__ import annotations

from sqlite_utils import Database

PERIOD_KINDS = ("day", "week", "month")

_FACT_SELECT = """
    SELECT s.article_id, s.show_id, a.source, a.story_id, a.published_at,
           a.published_day, a.published_week, a.published_month, s.where_found,
           COALESCE(s.where_found = 'headline', 0), COALESCE(s.is_about, 0),
           s.mentions, s.season
    FROM article_shows s JOIN articles a ON a.id = s.article_id
    WHERE a.duplicate_of IS NULL AND a.published_day IS NOT NULL
      AND a.published_week IS NOT NULL AND a.published_month IS NOT NULL
"""
_FACT_COLUMNS = (
    "article_id, show_id, source, story_id, published_at, published_day, published_week,"
    " published_month, where_found, in_headline, is_about, mentions, season"
)


def _adjust_totals(db: Database, key: tuple[str, str, str, str], delta: int) -> None:
    source, day, week, month = key
    for kind, period in zip(PERIOD_KINDS, (day, week, month)):
        db.execute(
            "INSERT INTO coverage_totals (period_kind, period, source, tagged_articles)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (period_kind, period, source)"
            " DO UPDATE SET tagged_articles = tagged_articles + excluded.tagged_articles",
            [kind, period, source, delta],
        )
        if delta < 0:
            db.execute(
                "DELETE FROM coverage_totals WHERE period_kind = ? AND period = ? AND source = ?"
                " AND tagged_articles <= 0",
                [kind, period, source],
            )


def _period_key(db: Database, article_id: int) -> tuple[str, str, str, str] | None:
    row = db.execute(
        "SELECT source, published_day, published_week, published_month FROM coverage_facts"
        " WHERE article_id = ? LIMIT 1",
        [article_id],
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3])


def _fact_rows(db: Database, article_id: int) -> list[tuple]:
    return db.execute(
        "SELECT show_id, story_id, published_day, published_week, published_month, in_headline,"
        " is_about FROM coverage_facts WHERE article_id = ?", [article_id]).fetchall()


def _adjust_story_period(db: Database, key: tuple[str, str, str, int], delta: int) -> int:
    """Add ``delta`` articles to one (show, kind, period, story); returns the change in stories."""
    count = db.execute(
        "INSERT INTO coverage_story_periods (show_id, period_kind, period, story_id, articles)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (show_id, period_kind, period, story_id)"
        " DO UPDATE SET articles = articles + excluded.articles RETURNING articles",
        [*key, delta]).fetchone()[0]
    if count <= 0:
        db.execute("DELETE FROM coverage_story_periods WHERE show_id = ? AND period_kind = ?"
                   " AND period = ? AND story_id = ?", list(key))
        return -1 if delta < 0 else 0
    return 1 if delta > 0 and count == delta else 0


def _adjust_rollup(db: Database, rows: list[tuple], delta: int) -> None:
    """Add (``delta`` = +1) or remove (-1) fact rows, as read by :func:`_fact_rows`."""
    for show_id, story_id, day, week, month, in_headline, is_about in rows:
        for kind, period in zip(PERIOD_KINDS, (day, week, month)):
            stories = 0 if story_id is None else _adjust_story_period(
                db, (show_id, kind, period, story_id), delta)
            db.execute(
                "INSERT INTO coverage_rollup (show_id, period_kind, period, articles, stories,"
                " in_headline, about) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (show_id, period_kind, period) DO UPDATE SET"
                " articles = articles + excluded.articles, stories = stories + excluded.stories,"
                " in_headline = in_headline + excluded.in_headline, about = about + excluded.about",
                [show_id, kind, period, delta, stories, delta * int(in_headline),
                 delta * int(is_about)])
            if delta < 0:
                db.execute("DELETE FROM coverage_rollup WHERE show_id = ? AND period_kind = ?"
                           " AND period = ? AND articles <= 0", [show_id, kind, period])


def refresh_coverage_facts(db: Database, article_id: int) -> int:
    """Recompute one article's coverage rows and the totals; returns the rows written.

    Runs inside the caller's transaction (the store's); writes nothing for a
    duplicate, an undated or an untagged article.
    """
    old_key = _period_key(db, article_id)
    _adjust_rollup(db, _fact_rows(db, article_id), -1)
    db.execute("DELETE FROM coverage_facts WHERE article_id = ?", [article_id])
    if old_key is not None:
        _adjust_totals(db, old_key, -1)
    cursor = db.execute(
        f"INSERT INTO coverage_facts ({_FACT_COLUMNS}) {_FACT_SELECT} AND a.id = ?", [article_id]
    )
    written = max(cursor.rowcount, 0)
    new_key = _period_key(db, article_id) if written else None
    if new_key is not None:
        _adjust_totals(db, new_key, +1)
        _adjust_rollup(db, _fact_rows(db, article_id), +1)
    return written


def rebuild_coverage_facts(db: Database) -> int:
    """Recompute ``coverage_facts``, ``coverage_totals`` and the rollup for the whole database."""
    with db.atomic():
        db.execute("DELETE FROM coverage_facts")
        db.execute("DELETE FROM coverage_totals")
        db.execute("DELETE FROM coverage_story_periods")
        db.execute("DELETE FROM coverage_rollup")
        written = db.execute(f"INSERT INTO coverage_facts ({_FACT_COLUMNS}) {_FACT_SELECT}").rowcount
        for kind in PERIOD_KINDS:
            column = f"published_{kind}"
            db.execute(
                "INSERT INTO coverage_totals (period_kind, period, source, tagged_articles)"
                f" SELECT ?, {column}, source, COUNT(DISTINCT article_id) FROM coverage_facts"
                f" GROUP BY {column}, source",
                [kind],
            )
            db.execute(
                "INSERT INTO coverage_story_periods (show_id, period_kind, period, story_id, articles)"
                f" SELECT show_id, ?, {column}, story_id, COUNT(*) FROM coverage_facts"
                f" WHERE story_id IS NOT NULL GROUP BY show_id, {column}, story_id",
                [kind],
            )
            db.execute(
                "INSERT INTO coverage_rollup (show_id, period_kind, period, articles, stories,"
                f" in_headline, about) SELECT show_id, ?, {column}, COUNT(*), COUNT(DISTINCT story_id),"
                f" SUM(in_headline), SUM(is_about) FROM coverage_facts GROUP BY show_id, {column}",
                [kind],
            )
    return max(written, 0)
