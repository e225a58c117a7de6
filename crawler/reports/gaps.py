"""Honest gaps: which periods a source's crawls did not observe (pure logic + one query).

The rule (docs/coverage.md, "When is a period a gap"): for a source S and a
period P = [start, end) in UTC,

* **failed** -- at least one run of S *started* in P and none of the runs of S
  started in P ended with status ``finished`` (``failed``, ``shutdown``,
  ``closespider_timeout``, a killed run still marked ``running``...);
* otherwise **incomplete** -- the latest successful run of S finished inside P:
  the period was not over when S was last observed;
* otherwise **not crawled** -- no successful run of S finished at or after
  ``start``, i.e. S has not been successfully crawled since P began.

A successful run observes everything the site still lists (crawls read feeds,
sitemaps and archives), so periods *before* a successful run are covered even
when no run happened in them.  A report over a set of sources marks a period
when any source of the set has a gap there; only sources with at least one
``crawl_runs`` row are judged (nothing is known about the others).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from crawler.reports.periods import PeriodKind, period_bounds, parse_timestamp

SUCCESS_STATUSES = frozenset({"finished"})
GAP_REASONS = ("failed", "incomplete", "not crawled")


@dataclass(frozen=True)
class CrawlRun:
    source: str
    started_at: datetime | None
    finished_at: datetime | None
    status: str

    @property
    def succeeded(self) -> bool:
        return self.status in SUCCESS_STATUSES and self.finished_at is not None


@dataclass(frozen=True)
class SourceGap:
    source: str
    reason: str

    def label(self) -> str:
        return f"{self.source} {self.reason}"


def load_crawl_runs(db: Database, sources: Sequence[str] | None = None) -> list[CrawlRun]:
    """Every crawl run (of ``sources`` when given), oldest first."""
    sql = "SELECT source, started_at, finished_at, status FROM crawl_runs"
    params: list[str] = []
    if sources:
        sql += f" WHERE source IN ({', '.join('?' for _ in sources)})"
        params = list(sources)
    rows = db.execute(sql + " ORDER BY started_at, id", params).fetchall()
    return [CrawlRun(str(r[0] or ""), parse_timestamp(r[1]), parse_timestamp(r[2]), str(r[3] or ""))
            for r in rows]


def source_gap(runs: Sequence[CrawlRun], start: datetime, end: datetime) -> str | None:
    """The gap reason of one source's runs for ``[start, end)``, or None when covered."""
    inside = [r for r in runs if r.started_at is not None and start <= r.started_at < end]
    if inside and not any(r.succeeded for r in inside):
        return "failed"
    last_ok = max((r.finished_at for r in runs if r.succeeded and r.finished_at), default=None)
    if last_ok is not None and last_ok >= end:
        return None
    if last_ok is not None and last_ok >= start:
        return "incomplete"
    return "not crawled"


def find_gaps(runs: Iterable[CrawlRun], periods: Sequence[str],
              kind: PeriodKind) -> dict[str, tuple[SourceGap, ...]]:
    """Per period label, the sources (with runs) that have a gap there."""
    by_source: dict[str, list[CrawlRun]] = {}
    for run in runs:
        by_source.setdefault(run.source, []).append(run)
    gaps: dict[str, tuple[SourceGap, ...]] = {}
    for period in periods:
        start, end = period_bounds(period, kind)
        found = []
        for source in sorted(by_source):
            reason = source_gap(by_source[source], start, end)
            if reason is not None:
                found.append(SourceGap(source, reason))
        gaps[period] = tuple(found)
    return gaps


def gap_labels(gaps: Sequence[SourceGap]) -> list[str]:
    return [gap.label() for gap in gaps]
