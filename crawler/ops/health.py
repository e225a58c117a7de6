"""Per-source health from the ``crawl_health`` view: is a site still yielding articles?

A source is **unhealthy** when its latest finished run

* fetched no page at all (status ``failed``), or
* **yields nothing**: stored no article although it requested article pages,
  or found no article URL at all (nothing requested, nothing skipped as
  already stored).  A run that only skipped known articles is idle, not broken;
* shows a **sharp drop** of a field's fill rate: the latest rate is at least
  ``max_drop`` (default 0.30, i.e. 30 percentage points) below the median of
  the same source's previous ``history`` (10) judged runs.  A run is judged on
  a field only when it has at least ``min_pages`` (5) pages for that field's
  denominator, and the history needs ``min_history`` (3) such runs; small or
  new sources are reported, not judged.

Title, date, authors and body rates are over the article pages extracted;
the shows rate is over the articles stored (docs/operations.md).
``judge_source`` is pure; ``load_runs`` reads the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

from sqlite_utils import Database

RATE_FIELDS = ("title", "date", "authors", "body", "shows")
UNJUDGED_STATUSES = ("running", "interrupted")


@dataclass(frozen=True)
class RunHealth:
    crawl_run_id: int
    source: str
    started_at: str
    status: str
    pages_fetched: int
    article_requests: int
    skipped_known: int
    article_pages: int
    stored: int
    rates: dict[str, float | None] = field(default_factory=dict)

    def denominator(self, field_name: str) -> int:
        return self.stored if field_name == "shows" else self.article_pages


@dataclass(frozen=True)
class HealthPolicy:
    max_drop: float = 0.30
    history: int = 10
    min_history: int = 3
    min_pages: int = 5


@dataclass(frozen=True)
class Problem:
    source: str
    kind: str            # fetched_nothing | yields_nothing | fill_drop
    message: str
    field: str = ""


def yields_nothing(run: RunHealth) -> bool:
    return run.stored == 0 and (run.article_requests > 0 or run.skipped_known == 0)


def judge_source(runs: list[RunHealth], policy: HealthPolicy = HealthPolicy()) -> list[Problem]:
    """Problems of one source; ``runs`` newest first (pure)."""
    finished = [r for r in runs if r.status not in UNJUDGED_STATUSES]
    if not finished:
        return []
    latest, older = finished[0], finished[1:]
    source = latest.source
    if latest.status == "failed" or latest.pages_fetched == 0:
        return [Problem(source, "fetched_nothing",
                        f"{source}: last run ({latest.started_at}) fetched no page (status {latest.status})")]
    problems = []
    if yields_nothing(latest):
        what = (f"{latest.article_requests} article requests, {latest.article_pages} pages parsed"
                if latest.article_requests else "no article URL found in feeds, sitemaps or listings")
        problems.append(Problem(source, "yields_nothing",
                                f"{source}: last run ({latest.started_at}) stored nothing: {what}"))
    for name in RATE_FIELDS:
        current = latest.rates.get(name)
        if current is None or latest.denominator(name) < policy.min_pages:
            continue
        history = [r.rates[name] for r in older
                   if r.denominator(name) >= policy.min_pages and r.rates.get(name) is not None]
        history = history[: policy.history]
        if len(history) < policy.min_history:
            continue
        baseline = float(median(history))
        if baseline - current >= policy.max_drop:
            problems.append(Problem(
                source, "fill_drop",
                f"{source}: {name} fill rate fell to {current:.0%} in the last run ({latest.started_at}),"
                f" median of the {len(history)} runs before: {baseline:.0%}",
                field=name,
            ))
    return problems


def load_runs(db: Database, source: str | None = None) -> dict[str, list[RunHealth]]:
    """Every source's runs from ``crawl_health``, newest first."""
    sql = ("SELECT crawl_run_id, source, started_at, status, pages_fetched, article_requests,"
           " skipped_known, article_pages, stored, title_rate, date_rate, authors_rate, body_rate,"
           " shows_rate FROM crawl_health")
    params: list[Any] = []
    if source:
        sql += " WHERE source = ?"
        params.append(source)
    sql += " ORDER BY source, started_at DESC, crawl_run_id DESC"
    runs: dict[str, list[RunHealth]] = {}
    for row in db.execute(sql, params).fetchall():
        run = RunHealth(
            crawl_run_id=int(row[0]), source=str(row[1] or ""), started_at=str(row[2] or ""),
            status=str(row[3] or ""), pages_fetched=int(row[4] or 0), article_requests=int(row[5] or 0),
            skipped_known=int(row[6] or 0), article_pages=int(row[7] or 0), stored=int(row[8] or 0),
            rates=dict(zip(RATE_FIELDS, row[9:14])),
        )
        runs.setdefault(run.source, []).append(run)
    return runs


def format_rate(value: float | None, flagged: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:.0%}" + ("!" if flagged else "")


def format_table(rows: list[tuple[RunHealth, set[str]]]) -> str:
    """A fixed-width table: one line per (run, fields flagged as dropped)."""
    header = (f"{'source':22} {'started':25} {'status':11} {'pages':>6} {'req':>5} {'known':>6}"
              f" {'stored':>6} " + " ".join(f"{n:>7}" for n in RATE_FIELDS))
    lines = [header, "-" * len(header)]
    for run, flagged in rows:
        lines.append(
            f"{run.source[:22]:22} {run.started_at[:25]:25} {run.status[:11]:11} {run.pages_fetched:>6}"
            f" {run.article_requests:>5} {run.skipped_known:>6} {run.stored:>6} "
            + " ".join(f"{format_rate(run.rates.get(n), n in flagged):>7}" for n in RATE_FIELDS)
        )
    return "\n".join(lines)
