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
counts too) and adjusts the totals.  :func:`rebuild_coverage_facts` recomputes
both tables from scratch (repair, or after a bulk load that bypassed the store).
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


def refresh_coverage_facts(db: Database, article_id: int) -> int:
    """Recompute one article's coverage rows and the totals; returns the rows written.

    Runs inside the caller's transaction (the store's); writes nothing for a
    duplicate, an undated or an untagged article.
    """
    old_key = _period_key(db, article_id)
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
    return written


def rebuild_coverage_facts(db: Database) -> int:
    """Recompute ``coverage_facts`` and ``coverage_totals`` for the whole database."""
    with db.atomic():
        db.execute("DELETE FROM coverage_facts")
        db.execute("DELETE FROM coverage_totals")
        written = db.execute(f"INSERT INTO coverage_facts ({_FACT_COLUMNS}) {_FACT_SELECT}").rowcount
        for kind in PERIOD_KINDS:
            column = f"published_{kind}"
            db.execute(
                "INSERT INTO coverage_totals (period_kind, period, source, tagged_articles)"
                f" SELECT ?, {column}, source, COUNT(DISTINCT article_id) FROM coverage_facts"
                f" GROUP BY {column}, source",
                [kind],
            )
    return max(written, 0)
