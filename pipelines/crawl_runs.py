"""Bookkeeping of crawl runs: the ``crawl_runs`` rows, their fill counts
(``crawl_run_fields``), the per-URL ``fetch_state`` and closing runs a killed
crawl left open (docs/operations.md).  Each function takes the ``Database``
and commits its own small transaction.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from pipelines.database import to_json


@dataclass(frozen=True)
class RunSummary:
    finished_at: str
    status: str
    pages_fetched: int
    articles_new: int
    articles_updated: int
    articles_unchanged: int
    duplicates: int
    dropped: dict[str, int]
    errors: dict[str, int]


ERROR_STAT_PREFIXES = ("downloader/exception_type_count/", "spider_exceptions/", "entcrawl/errors/")


def run_summary(
    stats: Mapping[str, Any], outcomes: Mapping[str, int], reason: str | None, finished_at: str
) -> RunSummary:
    """Fill a crawl_runs row from Scrapy stats and this pipeline's outcome counts."""
    pages = int(stats.get("response_received_count") or 0)
    dropped = {
        key.removeprefix("entcrawl/dropped/"): int(value)
        for key, value in stats.items()
        if key.startswith("entcrawl/dropped/")
    }
    errors = {
        key: int(value)
        for key, value in stats.items()
        if key.startswith(ERROR_STAT_PREFIXES)
        or (
            key.startswith("downloader/response_status_count/")
            and key.rsplit("/", 1)[-1][:1] in ("4", "5")
        )
    }
    if pages == 0:
        status = "failed"
    else:
        status = reason or "finished"
    return RunSummary(
        finished_at=finished_at,
        status=status,
        pages_fetched=pages,
        articles_new=int(outcomes.get("new", 0)),
        articles_updated=int(outcomes.get("updated", 0)),
        articles_unchanged=int(outcomes.get("unchanged", 0)),
        duplicates=int(outcomes.get("duplicate", 0)),
        dropped=dict(sorted(dropped.items())),
        errors=dict(sorted(errors.items())),
    )


def start_crawl_run(db: Database, run_id: str, source: str, started_at: str) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO crawl_runs (run_id, source, started_at, status, pages_fetched,"
            " articles_new, articles_updated, articles_unchanged, duplicates, dropped, errors)"
            " VALUES (?, ?, ?, 'running', 0, 0, 0, 0, 0, '{}', '{}')",
            [run_id, source, started_at],
        )
    return int(cursor.lastrowid)


def finish_crawl_run(db: Database, row_id: int, summary: RunSummary) -> None:
    with db.atomic():
        db.execute(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, pages_fetched = ?,"
            " articles_new = ?, articles_updated = ?, articles_unchanged = ?, duplicates = ?,"
            " dropped = ?, errors = ? WHERE id = ?",
            [
                summary.finished_at,
                summary.status,
                summary.pages_fetched,
                summary.articles_new,
                summary.articles_updated,
                summary.articles_unchanged,
                summary.duplicates,
                to_json(summary.dropped),
                to_json(summary.errors),
                row_id,
            ],
        )


# --------------------------------------------------------------------------
# operations: fetch state, per-run fill counts, interrupted runs (docs/operations.md)
# --------------------------------------------------------------------------
FIELD_COLUMNS = ("pages", "title", "published_at", "authors", "body", "stored", "shows")


def upsert_fetch_state(db: Database, *, url: str, source: str, article_id: int, fetched_at: str,
                       discovery_date: str | None) -> None:
    """Remember that ``url`` was fetched into ``article_id`` (one transaction)."""
    with db.atomic():
        db.execute(
            "INSERT INTO fetch_state (url, source, article_id, fetched_at, discovery_date)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET source = excluded.source,"
            " article_id = excluded.article_id, fetched_at = excluded.fetched_at,"
            " discovery_date = COALESCE(excluded.discovery_date, fetch_state.discovery_date)",
            [url, source, article_id, fetched_at, discovery_date],
        )


def run_field_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """``crawl_run_fields`` columns from Scrapy stats (``entcrawl/fields/*`` etc.)."""
    counts = {name: int(stats.get(f"entcrawl/fields/{name}") or 0) for name in FIELD_COLUMNS}
    counts["article_requests"] = sum(
        int(v or 0) for k, v in stats.items() if k.startswith("entcrawl/discovered/")
    )
    counts["skipped_known"] = int(stats.get("entcrawl/skipped/known") or 0)
    return counts


def record_run_fields(db: Database, row_id: int, stats: Mapping[str, Any]) -> None:
    """Write (or rewrite) the ``crawl_run_fields`` row of crawl run ``row_id``."""
    counts = run_field_counts(stats)
    columns = ["crawl_run_id", *counts]
    with db.atomic():
        db.execute(
            f"INSERT OR REPLACE INTO crawl_run_fields ({', '.join(columns)})"
            f" VALUES ({', '.join('?' for _ in columns)})",
            [row_id, *counts.values()],
        )


def mark_interrupted_runs(db: Database, finished_at: str) -> int:
    """Close ``running`` crawl_runs rows left by a killed crawl as ``interrupted``.

    Only call this while holding the run lock: then no other crawl is running.
    """
    with db.atomic():
        cursor = db.execute(
            "UPDATE crawl_runs SET status = 'interrupted', finished_at = ?"
            " WHERE status = 'running' AND finished_at IS NULL",
            [finished_at],
        )
    return int(cursor.rowcount or 0)
