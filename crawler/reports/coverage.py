"""Coverage of one show over time, read from ``coverage_facts`` / ``coverage_totals``.

Only dated, non-duplicate articles count (exact copies under another URL have
``duplicate_of`` set and never reach ``coverage_facts``).  Every period of
the range is reported, zero-filled, with the crawl gaps of the source set.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from crawler.reports.gaps import SourceGap, find_gaps, load_crawl_runs
from crawler.reports.periods import PeriodKind, period_of, period_range, shift_period

# The default range ends at the last period with any tagged article and starts
# at the show's first article among the last this-many periods (a stray 1998
# date must not zero-fill 28 years; such articles are counted as outside).
MAX_DEFAULT_PERIODS: dict[str, int] = {"day": 366, "week": 105, "month": 36}


@dataclass(frozen=True)
class CoveragePeriod:
    period: str
    articles: int
    stories: int
    headline: int
    about: int
    tagged: int
    gap: tuple[SourceGap, ...] = ()

    @property
    def share(self) -> float:
        """This show's articles over all tagged articles of the period (same sources)."""
        return self.articles / self.tagged if self.tagged else 0.0

    @property
    def body_only(self) -> int:
        return self.articles - self.headline

    @property
    def mentions_only(self) -> int:
        return self.articles - self.about


@dataclass(frozen=True)
class SourceSpan:
    source: str
    articles: int
    first_published: str
    last_published: str
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class CoverageReport:
    show_id: str
    show_title: str
    by: PeriodKind
    periods: list[CoveragePeriod]
    sources: tuple[str, ...] = ()
    outside_range: int = 0
    undated: int = 0
    spans: list[SourceSpan] = field(default_factory=list)
    judged_sources: tuple[str, ...] = ()   # sources whose crawl_runs decide the gaps

    @property
    def first(self) -> str:
        return self.periods[0].period if self.periods else ""

    @property
    def last(self) -> str:
        return self.periods[-1].period if self.periods else ""


def _source_clause(sources: Sequence[str], column: str = "source") -> tuple[str, list[str]]:
    if not sources:
        return "", []
    return f" AND {column} IN ({', '.join('?' for _ in sources)})", list(sources)


def weekly_coverage_sql(by: PeriodKind, with_sources: int = 0) -> str:
    """The one-show coverage query over ``coverage_facts`` (used with a source filter;
    without one, :func:`show_counts` reads ``coverage_rollup``)."""
    column = f"published_{by}"
    sources = f" AND source IN ({', '.join('?' for _ in range(with_sources))})" if with_sources else ""
    return (
        f"SELECT {column}, COUNT(*), COUNT(DISTINCT story_id), SUM(in_headline), SUM(is_about)"
        f" FROM coverage_facts WHERE show_id = ? AND {column} BETWEEN ? AND ?{sources}"
        f" GROUP BY {column} ORDER BY {column}"
    )


ROLLUP_COVERAGE_SQL = (
    "SELECT period, articles, stories, in_headline, about FROM coverage_rollup"
    " WHERE show_id = ? AND period_kind = ? AND period BETWEEN ? AND ? ORDER BY period"
)


def show_counts(db: Database, show_id: str, by: PeriodKind, first: str, last: str,
                sources: Sequence[str] = ()) -> dict[str, tuple[int, int, int, int]]:
    """{period: (articles, stories, headline, about)} for the periods that have articles.

    All sources: one ``coverage_rollup`` row per period (migration 0007); a source
    filter aggregates the show's ``coverage_facts`` (:func:`weekly_coverage_sql`).
    """
    if sources:
        rows = db.execute(weekly_coverage_sql(by, len(sources)), [show_id, first, last, *sources])
    else:
        rows = db.execute(ROLLUP_COVERAGE_SQL, [show_id, by, first, last])
    return {r[0]: (int(r[1]), int(r[2]), int(r[3] or 0), int(r[4] or 0)) for r in rows}


def tagged_totals(db: Database, by: PeriodKind, first: str, last: str,
                  sources: Sequence[str] = ()) -> dict[str, int]:
    """{period: tagged articles} over all shows (the share-of-voice denominator)."""
    clause, params = _source_clause(sources)
    rows = db.execute(
        "SELECT period, SUM(tagged_articles) FROM coverage_totals"
        f" WHERE period_kind = ? AND period BETWEEN ? AND ?{clause} GROUP BY period",
        [by, first, last, *params],
    )
    return {r[0]: int(r[1] or 0) for r in rows}


def default_range(db: Database, show_ids: Sequence[str], by: PeriodKind,
                  sources: Sequence[str] = ()) -> tuple[str, str] | None:
    """From the shows' first period to the last period of any tagged article (clipped)."""
    column = f"published_{by}"
    clause, params = _source_clause(sources)
    last_row = db.execute(
        f"SELECT MAX(period) FROM coverage_totals WHERE period_kind = ?{clause}", [by, *params]
    ).fetchone()
    if not last_row or not last_row[0]:
        return None
    last = last_row[0]
    earliest = shift_period(last, by, -(MAX_DEFAULT_PERIODS[by] - 1))
    firsts = []
    for show_id in show_ids:
        row = db.execute(
            f"SELECT MIN({column}) FROM coverage_facts WHERE show_id = ? AND {column} >= ?{clause}",
            [show_id, earliest, *params]).fetchone()
        if row and row[0]:
            firsts.append(row[0])
    return (min(firsts), last) if firsts else None


def resolve_range(db: Database, show_ids: Sequence[str], by: PeriodKind, since: date | None,
                  until: date | None, sources: Sequence[str] = ()) -> tuple[str, str] | None:
    default = default_range(db, show_ids, by, sources)
    first = period_of(since, by) if since else (default[0] if default else None)
    last = period_of(until, by) if until else (default[1] if default else None)
    if first is None or last is None:
        if first is None and last is None:
            return None
        first = first or last
        last = last or first
    return (first, last) if first <= last else (first, first)


def _spans(db: Database, show_id: str, by: PeriodKind, first: str, last: str,
           sources: Sequence[str]) -> list[SourceSpan]:
    clause, params = _source_clause(sources, "f.source")
    rows = db.execute(
        "SELECT f.source, COUNT(*), MIN(f.published_at), MAX(f.published_at),"
        " MIN(a.first_seen_at), MAX(a.last_seen_at)"
        " FROM coverage_facts f JOIN articles a ON a.id = f.article_id"
        f" WHERE f.show_id = ? AND f.published_{by} BETWEEN ? AND ?{clause}"
        " GROUP BY f.source ORDER BY COUNT(*) DESC, f.source",
        [show_id, first, last, *params],
    )
    return [SourceSpan(r[0], int(r[1]), r[2] or "", r[3] or "", r[4] or "", r[5] or "") for r in rows]


def _outside_and_undated(db: Database, show_id: str, by: PeriodKind, first: str, last: str,
                         sources: Sequence[str]) -> tuple[int, int]:
    clause, params = _source_clause(sources)
    outside = db.execute(
        f"SELECT COUNT(*) FROM coverage_facts WHERE show_id = ?{clause}"
        f" AND published_{by} NOT BETWEEN ? AND ?", [show_id, *params, first, last]
    ).fetchone()[0]
    clause, params = _source_clause(sources, "a.source")
    undated = db.execute(
        "SELECT COUNT(*) FROM article_shows s JOIN articles a ON a.id = s.article_id"
        f" WHERE s.show_id = ? AND a.duplicate_of IS NULL AND a.published_day IS NULL{clause}",
        [show_id, *params],
    ).fetchone()[0]
    return int(outside), int(undated)


def coverage_report(db: Database, show_id: str, show_title: str, by: PeriodKind = "week",
                    since: date | None = None, until: date | None = None,
                    sources: Sequence[str] = (),
                    period_span: tuple[str, str] | None = None) -> CoverageReport:
    """Zero-filled coverage of one show per period, with gaps, spans and what was left out.

    ``period_span`` (first, last labels) overrides ``since``/``until`` (used by compare).
    """
    span = period_span or resolve_range(db, [show_id], by, since, until, sources)
    if span is None:
        return CoverageReport(show_id, show_title, by, [], tuple(sources))
    first, last = span
    labels = period_range(first, last, by)
    counts = show_counts(db, show_id, by, first, last, sources)
    totals = tagged_totals(db, by, first, last, sources)
    runs = load_crawl_runs(db, sources)
    gaps = find_gaps(runs, labels, by)
    periods = [
        CoveragePeriod(label, *counts.get(label, (0, 0, 0, 0)), tagged=totals.get(label, 0),
                       gap=gaps.get(label, ()))
        for label in labels
    ]
    outside, undated = _outside_and_undated(db, show_id, by, first, last, sources)
    return CoverageReport(show_id, show_title, by, periods, tuple(sources), outside, undated,
                          _spans(db, show_id, by, first, last, sources),
                          tuple(sorted({run.source for run in runs})))


@dataclass(frozen=True)
class TimelineEntry:
    published_at: str
    source: str
    title: str
    url: str
    season: int | None
    alias: str
    where_found: str
    mentions: int
    is_about: bool
    story_id: int | None
    kinds: tuple[str, ...] = ()         # article kinds for the show, best first (docs/claims.md)


def timeline(db: Database, show_id: str, since: date | None = None, until: date | None = None,
             sources: Sequence[str] = (), limit: int | None = None) -> list[TimelineEntry]:
    """The show's non-duplicate articles, oldest first (undated last), with the tag evidence."""
    clause, params = _source_clause(sources, "a.source")
    if since:
        clause += " AND a.published_day >= ?"
        params.append(since.isoformat())
    if until:
        clause += " AND a.published_day <= ?"
        params.append(until.isoformat())
    sql = (
        "SELECT a.published_at, a.source, a.title, a.url, s.season, s.alias, s.where_found,"
        " s.mentions, s.is_about, a.story_id, (SELECT group_concat(kind, ',') FROM (SELECT k.kind"
        " FROM article_show_kinds k WHERE k.article_id = s.article_id AND k.show_id = s.show_id"
        " ORDER BY k.confidence DESC, k.kind)) FROM article_shows s"
        " JOIN articles a ON a.id = s.article_id"
        f" WHERE s.show_id = ? AND a.duplicate_of IS NULL{clause}"
        " ORDER BY a.published_at IS NULL, a.published_at, a.id"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [
        TimelineEntry(r[0] or "", r[1] or "", r[2] or "", r[3] or "", r[4], r[5] or "",
                      r[6] or "", int(r[7] or 0), bool(r[8]), r[9], tuple(filter(None, (r[10] or "").split(","))))
        for r in db.execute(sql, [show_id, *params])
    ]
