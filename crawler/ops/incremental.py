"""Incremental crawling: which already-stored articles to fetch again.

An article URL found in a feed, sitemap or listing is fetched when

* ``new``     - the database knows no article under that URL (``fetch_state.url``,
                ``articles.url`` or ``articles.canonical_url``);
* ``changed`` - discovery announces a date (sitemap ``lastmod``, feed
                ``updated``/``pubDate``, news ``publication_date``) newer than
                every date we hold for it: the stored ``published_at`` and
                ``updated_at`` and the date discovery announced when we last
                fetched it (``fetch_state.discovery_date``);
* ``recent``  - it was published (or first seen, when undated) less than
                ``ENTCRAWL_RECRAWL_WINDOW_DAYS`` ago, to catch silent edits.

Anything else is skipped and counted ``entcrawl/skipped/known``.  Feeds,
sitemaps and listing pages are always fetched.  All state is in the
database, so a killed crawl or backfill resumes where it stopped.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANNOUNCED_DATE_KEYS = ("lastmod", "feed_updated", "feed_published", "news_publication_date")


def parse_when(value: Any) -> dt.datetime | None:
    """An aware datetime from an ISO 8601 string (naive -> UTC; date-only -> midnight UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        text = str(value).strip().replace("Z", "+00:00")
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def newest(values: Iterable[Any]) -> dt.datetime | None:
    parsed = [p for p in (parse_when(v) for v in values) if p is not None]
    return max(parsed) if parsed else None


def announced_date(hints: Mapping[str, Any]) -> dt.datetime | None:
    """The newest date a feed or sitemap gave for an article URL."""
    return newest(hints.get(key) for key in ANNOUNCED_DATE_KEYS)


@dataclass(frozen=True)
class KnownArticle:
    article_id: int
    content_date: dt.datetime | None   # newest of published_at, updated_at, last announced date
    age_reference: dt.datetime | None  # published_at, else first_seen_at


def refetch_reason(
    known: KnownArticle | None,
    announced: dt.datetime | None,
    now: dt.datetime,
    window: dt.timedelta,
) -> str | None:
    """``"new"``, ``"changed"``, ``"recent"``, or None when the stored copy is current."""
    if known is None:
        return "new"
    if announced is not None and (known.content_date is None or announced > known.content_date):
        return "changed"
    if known.age_reference is not None and window > dt.timedelta(0) and now - known.age_reference < window:
        return "recent"
    return None


class ArticleIndex:
    """Read-only lookups of stored articles by URL (opened lazily, closed by the spider).

    A database that does not exist yet knows nothing: every URL is new.
    """

    def __init__(self, db_path: str | Path) -> None:
        self.db_path = Path(db_path)
        self._conn: sqlite3.Connection | None = None
        self._has_fetch_state = False

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and self.db_path.exists():
            self._conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False)
            self._conn.execute("PRAGMA busy_timeout = 10000")
            self._has_fetch_state = self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'fetch_state'"
            ).fetchone() is not None
        return self._conn

    def lookup(self, url: str) -> KnownArticle | None:
        conn = self._connection()
        if conn is None:
            return None
        try:
            return self._lookup(conn, url)
        except sqlite3.OperationalError:  # no articles table yet
            return None

    def _lookup(self, conn: sqlite3.Connection, url: str) -> KnownArticle | None:
        announced_before = None
        article_id = None
        if self._has_fetch_state:
            state = conn.execute(
                "SELECT article_id, discovery_date FROM fetch_state WHERE url = ?", [url]
            ).fetchone()
            if state is not None:
                article_id, announced_before = state
        if article_id is not None:
            row = conn.execute(
                "SELECT id, published_at, updated_at, first_seen_at FROM articles WHERE id = ?",
                [article_id],
            ).fetchone()
        else:
            row = conn.execute(
                "SELECT id, published_at, updated_at, first_seen_at FROM articles"
                " WHERE canonical_url = ? OR url = ? ORDER BY id LIMIT 1",
                [url, url],
            ).fetchone()
        if row is None:
            return None
        found_id, published, updated, first_seen = row
        return KnownArticle(
            article_id=int(found_id),
            content_date=newest((published, updated, announced_before)),
            age_reference=parse_when(published) or parse_when(first_seen),
        )

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
