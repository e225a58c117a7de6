"""Open the entcrawl SQLite database and the small queries the pipelines need.

``open_database`` is the only way the pipelines get a connection: it creates
the parent folder, turns on WAL, a busy timeout and foreign keys, and applies
pending migrations.  Every helper takes the ``Database`` explicitly and runs
inside the caller's transaction when one is open.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pipelines.migrations import migrate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "entcrawl.db"
BUSY_TIMEOUT_MS = 10_000


def resolve_db_path(value: str | Path | None) -> Path:
    """The ``ENTCRAWL_DB`` setting as a path; empty means ``<project>/data/entcrawl.db``.

    Relative paths are taken relative to the current directory, like any
    command-line path.
    """
    if value is None or str(value).strip() == "":
        return DEFAULT_DB_PATH
    return Path(value).expanduser()


def open_database(path: str | Path | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    db_path = resolve_db_path(path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(db_path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    migrate(db)
    return db


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# --------------------------------------------------------------------------
# articles
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredArticle:
    id: int
    title: str
    content_hash: str
    version: int
    story_id: int | None
    duplicate_of: int | None


_STORED_COLUMNS = "id, title, content_hash, version, story_id, duplicate_of"


def _stored(row: tuple[Any, ...] | None) -> StoredArticle | None:
    if row is None:
        return None
    return StoredArticle(row[0], row[1] or "", row[2] or "", row[3] or 1, row[4], row[5])


def find_article_by_canonical_url(db: Database, canonical_url: str) -> StoredArticle | None:
    return _stored(
        db.execute(
            f"SELECT {_STORED_COLUMNS} FROM articles WHERE canonical_url = ?", [canonical_url]
        ).fetchone()
    )


def find_article(db: Database, article_id: int) -> StoredArticle | None:
    return _stored(
        db.execute(f"SELECT {_STORED_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
    )


def find_original_by_content_hash(
    db: Database, content_hash: str, exclude_canonical_url: str = ""
) -> StoredArticle | None:
    """The first-seen non-duplicate article with this body hash, if any."""
    return _stored(
        db.execute(
            f"SELECT {_STORED_COLUMNS} FROM articles WHERE content_hash = ?"
            " AND duplicate_of IS NULL AND canonical_url != ?"
            " ORDER BY first_seen_at, id LIMIT 1",
            [content_hash, exclude_canonical_url],
        ).fetchone()
    )


def insert_article(db: Database, record: Mapping[str, Any]) -> int:
    columns = list(record)
    sql = "INSERT INTO articles ({}) VALUES ({})".format(
        ", ".join(columns), ", ".join("?" for _ in columns)
    )
    cursor = db.execute(sql, [record[c] for c in columns])
    return int(cursor.lastrowid)


def update_article(db: Database, article_id: int, changes: Mapping[str, Any]) -> None:
    if not changes:
        return
    assignments = ", ".join(f"{column} = ?" for column in changes)
    db.execute(
        f"UPDATE articles SET {assignments} WHERE id = ?", [*changes.values(), article_id]
    )


def article_columns(db: Database, article_id: int, columns: Iterable[str]) -> dict[str, Any]:
    names = list(columns)
    row = db.execute(
        f"SELECT {', '.join(names)} FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return dict(zip(names, row)) if row else {}


def add_article_version(
    db: Database,
    article_id: int,
    version: int,
    fetched_at: str,
    changed: list[str],
    title: str,
    content_hash: str,
) -> None:
    db.execute(
        "INSERT INTO article_versions (article_id, version, fetched_at, changed, title, content_hash)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [article_id, version, fetched_at, to_json(changed), title, content_hash],
    )


def replace_date_candidates(
    db: Database, article_id: int, candidates: Iterable[Mapping[str, Any]]
) -> None:
    db.execute("DELETE FROM date_candidates WHERE article_id = ?", [article_id])
    rows = [
        (
            article_id,
            str(c.get("kind") or ""),
            None if c.get("value") is None else str(c.get("value")),
            str(c.get("source") or ""),
            None if c.get("raw") is None else str(c.get("raw")),
        )
        for c in candidates
        if isinstance(c, Mapping)
    ]
    db.conn.executemany(
        "INSERT INTO date_candidates (article_id, kind, value, source, raw) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def replace_article_shows(
    db: Database, article_id: int, shows: Iterable[Mapping[str, Any]]
) -> None:
    """Replace the article's show links with ``item.shows`` (one row per show id)."""
    db.execute("DELETE FROM article_shows WHERE article_id = ?", [article_id])
    rows: dict[str, tuple[Any, ...]] = {}
    for show in shows:
        if not isinstance(show, Mapping) or show.get("show_id") in (None, ""):
            continue
        show_id = str(show["show_id"])
        is_about = show.get("is_about")
        rows[show_id] = (
            article_id,
            show_id,
            show.get("alias"),
            show.get("where"),
            show.get("count"),
            show.get("season"),
            show.get("score"),
            None if is_about is None else int(bool(is_about)),
        )
    db.conn.executemany(
        "INSERT INTO article_shows (article_id, show_id, alias, where_found, mentions, season,"
        " score, is_about) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        list(rows.values()),
    )


def search_articles(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over title and body (FTS5 syntax), best match first."""
    rows = db.execute(
        "SELECT articles.id, articles.title, articles.canonical_url FROM articles_fts"
        " JOIN articles ON articles.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?",
        [query, limit],
    ).fetchall()
    return [{"id": r[0], "title": r[1], "canonical_url": r[2]} for r in rows]


# --------------------------------------------------------------------------
# sources and shows
# --------------------------------------------------------------------------
def ensure_source(db: Database, slug: str) -> None:
    db.execute("INSERT OR IGNORE INTO sources (slug) VALUES (?)", [slug])


def upsert_source(db: Database, slug: str, **fields: Any) -> None:
    """Insert or update a source; ``fields`` among name, homepage, language, country, is_demo."""
    allowed = {"name", "homepage", "language", "country", "is_demo"}
    values = {k: v for k, v in fields.items() if k in allowed and v is not None}
    ensure_source(db, slug)
    if values:
        assignments = ", ".join(f"{k} = ?" for k in values)
        db.execute(f"UPDATE sources SET {assignments} WHERE slug = ?", [*values.values(), slug])


def upsert_shows(db: Database, shows: Iterable[Mapping[str, Any]]) -> int:
    """Write catalog shows (``id`` required; ``aliases`` list stored as JSON)."""
    columns = (
        "id", "title", "original_title", "original_language", "network", "country",
        "start_year", "end_year", "seasons", "aliases",
    )
    rows = []
    for show in shows:
        row = [show.get(c) for c in columns]
        row[0] = str(row[0])
        row[-1] = to_json(list(show.get("aliases") or []))
        rows.append(row)
    placeholders = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    with db.atomic():
        db.conn.executemany(
            f"INSERT INTO shows ({', '.join(columns)}) VALUES ({placeholders})"
            f" ON CONFLICT(id) DO UPDATE SET {updates}",
            rows,
        )
    return len(rows)


# --------------------------------------------------------------------------
# stories
# --------------------------------------------------------------------------
def story_exists(db: Database, story_id: int) -> bool:
    return db.execute("SELECT 1 FROM stories WHERE id = ?", [story_id]).fetchone() is not None


def create_story(db: Database) -> int:
    return int(db.execute("INSERT INTO stories (article_count) VALUES (0)").lastrowid)


def refresh_story(db: Database, story_id: int) -> None:
    """Recompute first publisher and counts from the story's articles.

    The first publisher is the earliest ``published_at`` among the story's
    non-duplicate articles (undated ones last, ties by first seen).
    """
    first = db.execute(
        "SELECT id, source, published_at FROM articles"
        " WHERE story_id = ? AND duplicate_of IS NULL"
        " ORDER BY published_at IS NULL, published_at, first_seen_at, id LIMIT 1",
        [story_id],
    ).fetchone()
    counts = db.execute(
        "SELECT SUM(duplicate_of IS NULL), SUM(duplicate_of IS NOT NULL)"
        " FROM articles WHERE story_id = ?",
        [story_id],
    ).fetchone()
    first_id, first_source, first_published = first if first else (None, None, None)
    db.execute(
        "UPDATE stories SET first_article_id = ?, first_source = ?, first_published_at = ?,"
        " article_count = ?, duplicate_count = ? WHERE id = ?",
        [first_id, first_source, first_published, counts[0] or 0, counts[1] or 0, story_id],
    )
