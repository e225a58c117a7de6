"""Numbered schema migrations, recorded in ``_migrations``.

The schema is created here and only here (writers never pass ``alter=True``).
Each migration is a plain function taking a ``sqlite_utils.Database``; it
runs in its own ``BEGIN IMMEDIATE`` transaction together with the row that
records it, so two processes opening the same file cannot apply it twice and
a crash leaves either the whole migration or none of it.

To change the schema, append a new function to ``MIGRATIONS`` (never edit an
applied one) and update the schema section of docs/architecture.md.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlite_utils import Database

Migration = Callable[[Database], None]


def _core_schema(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE sources (
            slug TEXT PRIMARY KEY,
            name TEXT,
            homepage TEXT,
            language TEXT,
            country TEXT,
            is_demo INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            first_article_id INTEGER REFERENCES articles(id),
            first_source TEXT,
            first_published_at TEXT,
            article_count INTEGER NOT NULL DEFAULT 0,
            duplicate_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            canonical_url TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL REFERENCES sources(slug),
            title TEXT,
            description TEXT,
            body TEXT,
            published_at TEXT,
            published_offset TEXT,
            published_source TEXT,
            published_confidence REAL,
            updated_at TEXT,
            authors TEXT,
            section TEXT,
            tags TEXT,
            language TEXT,
            image TEXT,
            word_count INTEGER,
            page_type TEXT,
            fetched_at TEXT,
            first_seen_at TEXT,
            last_seen_at TEXT,
            content_hash TEXT,
            duplicate_of INTEGER REFERENCES articles(id),
            story_id INTEGER REFERENCES stories(id),
            version INTEGER NOT NULL DEFAULT 1,
            published_day TEXT,
            published_week TEXT,
            published_month TEXT
        );
        CREATE INDEX idx_articles_source_published ON articles(source, published_at);
        CREATE INDEX idx_articles_published_week ON articles(published_week);
        CREATE INDEX idx_articles_published_day ON articles(published_day);
        CREATE INDEX idx_articles_content_hash ON articles(content_hash);
        CREATE INDEX idx_articles_story ON articles(story_id);
        CREATE INDEX idx_articles_duplicate_of ON articles(duplicate_of);
        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            version INTEGER NOT NULL,
            fetched_at TEXT,
            changed TEXT,
            title TEXT,
            content_hash TEXT,
            UNIQUE (article_id, version)
        );
        CREATE TABLE date_candidates (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            kind TEXT,
            value TEXT,
            source TEXT,
            raw TEXT
        );
        CREATE INDEX idx_date_candidates_article ON date_candidates(article_id);
        CREATE TABLE shows (
            id TEXT PRIMARY KEY,
            title TEXT,
            original_title TEXT,
            original_language TEXT,
            network TEXT,
            country TEXT,
            start_year INTEGER,
            end_year INTEGER,
            seasons INTEGER,
            aliases TEXT
        );
        CREATE TABLE article_shows (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            show_id TEXT NOT NULL,
            alias TEXT,
            where_found TEXT,
            mentions INTEGER,
            season INTEGER,
            score REAL,
            is_about INTEGER,
            PRIMARY KEY (article_id, show_id)
        );
        CREATE INDEX idx_article_shows_show ON article_shows(show_id, article_id);
        CREATE INDEX idx_stories_first_published ON stories(first_published_at);
        CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL,
            source TEXT,
            started_at TEXT,
            finished_at TEXT,
            status TEXT,
            pages_fetched INTEGER,
            articles_new INTEGER,
            articles_updated INTEGER,
            articles_unchanged INTEGER,
            duplicates INTEGER,
            dropped TEXT,
            errors TEXT
        );
        CREATE INDEX idx_crawl_runs_run ON crawl_runs(run_id);
        CREATE INDEX idx_crawl_runs_source_started ON crawl_runs(source, started_at);
        """
    )


def _articles_fts(db: Database) -> None:
    db.table("articles").enable_fts(["title", "body"], fts_version="FTS5", create_triggers=True)


def _lsh_index(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE lsh_bands (
            band INTEGER NOT NULL,
            hash INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band, hash, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE lsh_state (key TEXT PRIMARY KEY, value TEXT);
        """
    )


def _coverage_facts(db: Database) -> None:
    """Per (article, show) facts for cheap coverage reports (docs/coverage.md).

    ``coverage_facts`` holds one row per tag of a dated non-duplicate article,
    copied from ``articles`` + ``article_shows`` at write time by
    ``pipelines/coverage_facts.py``; its covering indexes answer a one-show
    coverage query by day, ISO week or month without touching ``articles``.
    ``coverage_totals`` counts the tagged articles per period and source (the
    denominator of share of voice).  Existing rows are backfilled here.
    Statements run one by one (``executescript`` would COMMIT the migration's
    transaction first).
    """
    script = (
        """
        CREATE TABLE coverage_facts (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            show_id TEXT NOT NULL,
            source TEXT NOT NULL,
            story_id INTEGER,
            published_at TEXT NOT NULL,
            published_day TEXT NOT NULL,
            published_week TEXT NOT NULL,
            published_month TEXT NOT NULL,
            where_found TEXT,
            in_headline INTEGER NOT NULL DEFAULT 0,
            is_about INTEGER NOT NULL DEFAULT 0,
            mentions INTEGER,
            season INTEGER,
            PRIMARY KEY (article_id, show_id)
        );
        CREATE INDEX idx_coverage_show_week ON coverage_facts(
            show_id, published_week, story_id, in_headline, is_about, source);
        CREATE INDEX idx_coverage_show_day ON coverage_facts(
            show_id, published_day, story_id, in_headline, is_about, source);
        CREATE INDEX idx_coverage_show_month ON coverage_facts(
            show_id, published_month, story_id, in_headline, is_about, source);
        CREATE TABLE coverage_totals (
            period_kind TEXT NOT NULL,
            period TEXT NOT NULL,
            source TEXT NOT NULL,
            tagged_articles INTEGER NOT NULL,
            PRIMARY KEY (period_kind, period, source)
        ) WITHOUT ROWID;
        INSERT INTO coverage_facts
        SELECT s.article_id, s.show_id, a.source, a.story_id, a.published_at,
               a.published_day, a.published_week, a.published_month, s.where_found,
               COALESCE(s.where_found = 'headline', 0), COALESCE(s.is_about, 0),
               s.mentions, s.season
        FROM article_shows s JOIN articles a ON a.id = s.article_id
        WHERE a.duplicate_of IS NULL AND a.published_day IS NOT NULL
          AND a.published_week IS NOT NULL AND a.published_month IS NOT NULL;
        INSERT INTO coverage_totals
        SELECT 'day', published_day, source, COUNT(DISTINCT article_id)
        FROM coverage_facts GROUP BY published_day, source;
        INSERT INTO coverage_totals
        SELECT 'week', published_week, source, COUNT(DISTINCT article_id)
        FROM coverage_facts GROUP BY published_week, source;
        INSERT INTO coverage_totals
        SELECT 'month', published_month, source, COUNT(DISTINCT article_id)
        FROM coverage_facts GROUP BY published_month, source;
        CREATE VIEW show_articles AS
        SELECT f.show_id, sh.title AS show_title, f.source, a.language, f.season,
               f.published_at, f.published_day, f.published_week, f.published_month,
               f.where_found, f.is_about, f.mentions, a.title, a.url, f.article_id, f.story_id
        FROM coverage_facts f
        JOIN articles a ON a.id = f.article_id
        LEFT JOIN shows sh ON sh.id = f.show_id;
        """
    )
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _crawl_health(db: Database) -> None:
    """Incremental-crawl state and per-run fill rates (docs/operations.md).

    ``fetch_state``: one row per article URL the spider requested: the
    article it became and the date discovery announced for it then.
    ``crawl_run_fields``: per crawl run, how many article pages had each
    field (``pages`` is the denominator of title/published_at/authors/body,
    ``stored`` the denominator of shows).  ``crawl_health`` joins both to
    ``crawl_runs`` with the rates computed, for Datasette and ``entcrawl health``.
    """
    script = (
        """
        CREATE TABLE fetch_state (
            url TEXT PRIMARY KEY,
            source TEXT,
            article_id INTEGER REFERENCES articles(id),
            fetched_at TEXT,
            discovery_date TEXT
        );
        CREATE INDEX idx_fetch_state_article ON fetch_state(article_id);
        CREATE INDEX idx_articles_url ON articles(url);
        CREATE TABLE crawl_run_fields (
            crawl_run_id INTEGER PRIMARY KEY REFERENCES crawl_runs(id),
            pages INTEGER NOT NULL DEFAULT 0,
            title INTEGER NOT NULL DEFAULT 0,
            published_at INTEGER NOT NULL DEFAULT 0,
            authors INTEGER NOT NULL DEFAULT 0,
            body INTEGER NOT NULL DEFAULT 0,
            stored INTEGER NOT NULL DEFAULT 0,
            shows INTEGER NOT NULL DEFAULT 0,
            article_requests INTEGER NOT NULL DEFAULT 0,
            skipped_known INTEGER NOT NULL DEFAULT 0
        );
        CREATE VIEW crawl_health AS
        SELECT r.id AS crawl_run_id, r.run_id, r.source, r.started_at, r.finished_at, r.status,
               r.pages_fetched, r.articles_new, r.articles_updated, r.articles_unchanged,
               COALESCE(f.article_requests, 0) AS article_requests,
               COALESCE(f.skipped_known, 0) AS skipped_known,
               COALESCE(f.pages, 0) AS article_pages, COALESCE(f.stored, 0) AS stored,
               ROUND(1.0 * f.title / NULLIF(f.pages, 0), 3) AS title_rate,
               ROUND(1.0 * f.published_at / NULLIF(f.pages, 0), 3) AS date_rate,
               ROUND(1.0 * f.authors / NULLIF(f.pages, 0), 3) AS authors_rate,
               ROUND(1.0 * f.body / NULLIF(f.pages, 0), 3) AS body_rate,
               ROUND(1.0 * f.shows / NULLIF(f.stored, 0), 3) AS shows_rate,
               r.errors
        FROM crawl_runs r LEFT JOIN crawl_run_fields f ON f.crawl_run_id = r.id
        """
    )
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _kinds_and_claims(db: Database) -> None:
    """Article kinds and release-window claims per (article, show), and retag runs
    (docs/claims.md).  Written by the store (pipelines/annotation_store.py) and
    re-derived by ``entcrawl retag``; ``annotation_keys`` fingerprints what each
    (article, show) was annotated from, so a retag skips unchanged ones.
    Existing articles get none until ``entcrawl retag`` runs."""
    script = """
        CREATE TABLE article_show_kinds (
            article_id INTEGER NOT NULL REFERENCES articles(id), show_id TEXT NOT NULL,
            kind TEXT NOT NULL, confidence REAL, evidence TEXT, where_found TEXT,
            season INTEGER, episode INTEGER,
            PRIMARY KEY (article_id, show_id, kind)) WITHOUT ROWID;
        CREATE INDEX idx_article_show_kinds_show ON article_show_kinds(show_id, kind);
        CREATE TABLE release_claims (
            id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id),
            show_id TEXT NOT NULL, season INTEGER, kind TEXT NOT NULL, earliest TEXT, latest TEXT,
            certainty TEXT NOT NULL, span_text TEXT, span_start INTEGER, span_end INTEGER,
            sentence TEXT, cues TEXT, relative INTEGER NOT NULL DEFAULT 0,
            published_at TEXT, source TEXT);
        CREATE INDEX idx_release_claims_show ON release_claims(show_id, season, published_at);
        CREATE INDEX idx_release_claims_article ON release_claims(article_id, show_id);
        CREATE TABLE annotation_keys (
            article_id INTEGER NOT NULL REFERENCES articles(id), show_id TEXT NOT NULL,
            annotation_key TEXT NOT NULL, PRIMARY KEY (article_id, show_id)) WITHOUT ROWID;
        CREATE TABLE retag_runs (
            id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, status TEXT,
            catalog TEXT, full_rederive INTEGER NOT NULL DEFAULT 0, articles INTEGER,
            articles_changed INTEGER, tags_added INTEGER, tags_removed INTEGER,
            tags_changed INTEGER, annotations_rederived INTEGER, claims_before INTEGER,
            claims_after INTEGER, seconds REAL, articles_per_second REAL, shows_changed TEXT)
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _coverage_rollup(db: Database) -> None:
    """Per (show, period kind, period) counts, so a one-show report needs no
    ``COUNT(DISTINCT story_id)`` (docs/coverage.md).  ``coverage_story_periods`` keeps
    each (show, period, story)'s article count (a story counts while above zero);
    both are kept in step with ``coverage_facts`` by ``pipelines/coverage_facts.py``
    and backfilled here from the existing facts."""
    db.execute(
        "CREATE TABLE coverage_rollup (show_id TEXT NOT NULL, period_kind TEXT NOT NULL,"
        " period TEXT NOT NULL, articles INTEGER NOT NULL, stories INTEGER NOT NULL,"
        " in_headline INTEGER NOT NULL, about INTEGER NOT NULL,"
        " PRIMARY KEY (show_id, period_kind, period)) WITHOUT ROWID")
    db.execute(
        "CREATE TABLE coverage_story_periods (show_id TEXT NOT NULL, period_kind TEXT NOT NULL,"
        " period TEXT NOT NULL, story_id INTEGER NOT NULL, articles INTEGER NOT NULL,"
        " PRIMARY KEY (show_id, period_kind, period, story_id)) WITHOUT ROWID")
    for kind in ("day", "week", "month"):
        db.execute(
            f"INSERT INTO coverage_story_periods SELECT show_id, '{kind}', published_{kind},"
            f" story_id, COUNT(*) FROM coverage_facts WHERE story_id IS NOT NULL"
            f" GROUP BY show_id, published_{kind}, story_id")
        db.execute(
            f"INSERT INTO coverage_rollup SELECT show_id, '{kind}', published_{kind}, COUNT(*),"
            f" COUNT(DISTINCT story_id), SUM(in_headline), SUM(is_about) FROM coverage_facts"
            f" GROUP BY show_id, published_{kind}")


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_core_schema", _core_schema),
    ("0002_articles_fts", _articles_fts),
    ("0003_lsh_index", _lsh_index),
    ("0004_coverage_facts", _coverage_facts),
    ("0005_crawl_health", _crawl_health),
    ("0006_kinds_and_claims", _kinds_and_claims),
    ("0007_coverage_rollup", _coverage_rollup),
]


def _ensure_migrations_table(db: Database) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


def applied_migrations(db: Database) -> list[str]:
    _ensure_migrations_table(db)
    return [row[0] for row in db.execute("SELECT name FROM _migrations ORDER BY name")]


def pending_migrations(db: Database) -> list[str]:
    done = set(applied_migrations(db))
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(db: Database) -> list[str]:
    """Apply pending migrations in order; returns the names applied (idempotent)."""
    _ensure_migrations_table(db)
    applied: list[str] = []
    for name, migration in MIGRATIONS:
        if db.conn.in_transaction:
            raise RuntimeError("migrate() must not run inside an open transaction")
        db.execute("BEGIN IMMEDIATE")
        try:
            already = db.execute("SELECT 1 FROM _migrations WHERE name = ?", [name]).fetchone()
            if already is None:
                migration(db)
                db.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    [name, datetime.now(timezone.utc).isoformat(timespec="seconds")],
                )
                applied.append(name)
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise
    return applied
