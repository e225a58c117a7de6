"""Coverage split by article kind: `entcrawl coverage SHOW --kinds` (docs/coverage.md).

Counts come from ``coverage_facts`` joined with ``article_show_kinds`` on
(article, show): an article counts once in every kind it has for the show
(at most three, see docs/claims.md), so the kind columns of a period can add
up to more than its articles.  Tagged articles stored before kinds existed
(and not retagged since) have no kind: they are counted as ``unannotated``.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from crawler.reports.coverage import CoverageReport
from crawler.reports.render import bar, period_record
from pipelines.article_kinds import KINDS

UNANNOTATED = "unannotated"


@dataclass(frozen=True)
class KindSplit:
    """Kind counts per period label, and the kinds present anywhere in the range (in KINDS order)."""
    per_period: dict[str, Counter[str]]
    kinds: tuple[str, ...]

    def of(self, period: str) -> dict[str, int]:
        counts = self.per_period.get(period, Counter())
        return {kind: counts.get(kind, 0) for kind in self.kinds}


def kind_split(db: Database, report: CoverageReport) -> KindSplit:
    """Kind counts for the periods of ``report`` (same show, period kind and sources)."""
    if not report.periods:
        return KindSplit({}, ())
    column = f"f.published_{report.by}"
    sources = ""
    params: list[Any] = [report.show_id, report.first, report.last]
    if report.sources:
        sources = f" AND f.source IN ({', '.join('?' for _ in report.sources)})"
        params += list(report.sources)
    per_period: dict[str, Counter[str]] = {}
    for period, kind, count in db.execute(
            f"SELECT {column}, k.kind, COUNT(*) FROM coverage_facts f"
            " JOIN article_show_kinds k ON k.article_id = f.article_id AND k.show_id = f.show_id"
            f" WHERE f.show_id = ? AND {column} BETWEEN ? AND ?{sources} GROUP BY 1, 2", params):
        per_period.setdefault(period, Counter())[kind] = int(count)
    annotated = dict(db.execute(
        f"SELECT {column}, COUNT(*) FROM coverage_facts f WHERE f.show_id = ? AND {column} BETWEEN ? AND ?"
        f"{sources} AND EXISTS (SELECT 1 FROM article_show_kinds k WHERE k.article_id = f.article_id"
        " AND k.show_id = f.show_id) GROUP BY 1", params).fetchall())
    for p in report.periods:
        missing = p.articles - int(annotated.get(p.period, 0))
        if missing > 0:
            per_period.setdefault(p.period, Counter())[UNANNOTATED] = missing
    present = {kind for counts in per_period.values() for kind in counts}
    kinds = tuple(k for k in (*KINDS, UNANNOTATED) if k in present)
    return KindSplit(per_period, kinds)


def _records(report: CoverageReport, split: KindSplit) -> list[dict[str, Any]]:
    return [{**period_record(p), "kinds": split.of(p.period)} for p in report.periods]


def kinds_json(report: CoverageReport, split: KindSplit) -> str:
    return json.dumps(_records(report, split), ensure_ascii=False, indent=2)


def kinds_csv(report: CoverageReport, split: KindSplit) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    records = _records(report, split)
    base = [c for c in (records[0] if records else {"period": ""}) if c != "kinds"]
    writer.writerow([*base, *(f"kind_{k}" for k in split.kinds)])
    for record in records:
        record["gap"] = "; ".join(record["gap"])
        writer.writerow([*(record[c] for c in base), *(record["kinds"][k] for k in split.kinds)])
    return out.getvalue()


def kinds_table(report: CoverageReport, split: KindSplit) -> str:
    title = f"Coverage of {report.show_title} ({report.show_id}) by {report.by} and kind"
    if not report.periods:
        return f"{title}: no dated articles tagged {report.show_id}.\n"
    scope = ", ".join(report.sources) if report.sources else "all sources"
    lines = [f"{title}, {report.first} … {report.last}, {scope}", ""]
    width = max(len("period"), *(len(p.period) for p in report.periods))
    widths = [max(len(k), 3) for k in split.kinds]
    lines.append(f"{'period':<{width}}  articles  " + "  ".join(
        f"{k:>{w}}" for k, w in zip(split.kinds, widths)))
    peak = max(p.articles for p in report.periods)
    for p in report.periods:
        counts = split.of(p.period)
        cells = "  ".join(f"{counts[k] or '·':>{w}}" for k, w in zip(split.kinds, widths))
        lines.append(f"{p.period:<{width}}  {p.articles:8}  {cells}  {bar(p.articles, peak, 12)}".rstrip())
    totals = Counter({k: 0 for k in split.kinds})
    for counts in split.per_period.values():
        totals.update(counts)
    lines.append(f"{'total':<{width}}  {sum(p.articles for p in report.periods):8}  " + "  ".join(
        f"{totals[k]:>{w}}" for k, w in zip(split.kinds, widths)))
    lines += ["", "An article counts once in each of its kinds for the show (up to 3), so a row's kinds "
                  "can add up to more than its articles."]
    if UNANNOTATED in split.kinds:
        lines.append("unannotated: tagged before kinds were stored; run `entcrawl retag` to derive them.")
    return "\n".join(lines) + "\n"

