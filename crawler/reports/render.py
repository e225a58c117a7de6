"""Coverage, compare and timeline reports as text tables, CSV and JSON (pure)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from crawler.reports.coverage import CoveragePeriod, CoverageReport, TimelineEntry
from crawler.reports.gaps import SourceGap, gap_labels

BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"
GAP_MARK = "⚠"


def bar(value: float, peak: float, width: int = BAR_WIDTH) -> str:
    """A unicode bar of ``value`` against ``peak`` in eighths of a character."""
    if peak <= 0 or value <= 0:
        return ""
    eighths = max(1, round(width * 8 * value / peak))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def _gap_text(gaps: Sequence[SourceGap], judged: int = 0) -> str:
    """``⚠ demo-a failed, demo-b incomplete``; ``⚠ all N sources incomplete`` when uniform."""
    if not gaps:
        return ""
    reasons = {gap.reason for gap in gaps}
    if judged > 1 and len(gaps) == judged and len(reasons) == 1:
        return f"{GAP_MARK} all {judged} sources {reasons.pop()}"
    return f"{GAP_MARK} " + ", ".join(gap_labels(gaps))


def period_record(period: CoveragePeriod) -> dict[str, Any]:
    return {
        "period": period.period,
        "articles": period.articles,
        "stories": period.stories,
        "share": round(period.share, 4),
        "headline": period.headline,
        "body": period.body_only,
        "about": period.about,
        "mentions_only": period.mentions_only,
        "tagged_articles": period.tagged,
        "gap": gap_labels(period.gap),
    }


# ------------------------------------------------------------------ coverage
def coverage_json(report: CoverageReport) -> str:
    return json.dumps([period_record(p) for p in report.periods], ensure_ascii=False, indent=2)


def coverage_csv(report: CoverageReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = list(period_record(CoveragePeriod("", 0, 0, 0, 0, 0)))
    writer.writerow(columns)
    for period in report.periods:
        record = period_record(period)
        record["gap"] = "; ".join(record["gap"])
        writer.writerow([record[c] for c in columns])
    return out.getvalue()


def _scope(report: CoverageReport) -> str:
    return ", ".join(report.sources) if report.sources else "all sources"


def coverage_table(report: CoverageReport) -> str:
    title = f"Coverage of {report.show_title} ({report.show_id}) by {report.by}"
    if not report.periods:
        return f"{title}: no dated articles tagged {report.show_id} ({_scope(report)}).\n"
    lines = [f"{title}, {report.first} … {report.last}, {_scope(report)}", ""]
    width = max(len("period"), *(len(p.period) for p in report.periods))
    lines.append(f"{'period':<{width}}  articles  stories   share  headline  about  "
                 f"{'':<{BAR_WIDTH}}  gap")
    peak = max(p.articles for p in report.periods)
    judged = len(report.judged_sources)
    for p in report.periods:
        lines.append(
            f"{p.period:<{width}}  {p.articles:8}  {p.stories:7}  {p.share:6.1%}  {p.headline:8}"
            f"  {p.about:5}  {bar(p.articles, peak):<{BAR_WIDTH}}  {_gap_text(p.gap, judged)}".rstrip()
        )
    total = sum(p.articles for p in report.periods)
    lines += ["", f"{total} articles in {len(report.periods)} {report.by}s "
                  f"(headline {sum(p.headline for p in report.periods)}, "
                  f"about {sum(p.about for p in report.periods)}); exact duplicates not counted."]
    if report.outside_range:
        lines.append(f"{report.outside_range} more dated articles fall outside this range "
                     "(use --since/--until).")
    if report.undated:
        lines.append(f"{report.undated} articles have no publication date and are not counted.")
    if any(p.gap for p in report.periods):
        lines.append(f"{GAP_MARK} gap: a source's crawl failed in the period, or it has not been "
                     "crawled successfully since the period ended (see docs/coverage.md).")
    if report.spans:
        lines += ["", "Per source:", f"  {'source':22} {'articles':>8}  {'first published':25}  "
                  f"{'last published':25}  last seen"]
        for s in report.spans:
            lines.append(f"  {s.source:22} {s.articles:8}  {s.first_published:25}  "
                         f"{s.last_published:25}  {s.last_seen}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ compare
def compare_records(reports: Sequence[CoverageReport]) -> list[dict[str, Any]]:
    records = []
    for index, period in enumerate(reports[0].periods):
        shows = {}
        for report in reports:
            p = report.periods[index]
            shows[report.show_id] = {k: v for k, v in period_record(p).items()
                                     if k not in ("period", "gap", "tagged_articles")}
        records.append({"period": period.period, "shows": shows,
                        "tagged_articles": period.tagged, "gap": gap_labels(period.gap)})
    return records


def compare_json(reports: Sequence[CoverageReport]) -> str:
    return json.dumps(compare_records(reports), ensure_ascii=False, indent=2)


def compare_csv(reports: Sequence[CoverageReport]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["period"]
    for report in reports:
        header += [f"{report.show_id}_articles", f"{report.show_id}_stories",
                   f"{report.show_id}_share"]
    writer.writerow([*header, "gap"])
    for record in compare_records(reports):
        row: list[Any] = [record["period"]]
        for report in reports:
            values = record["shows"][report.show_id]
            row += [values["articles"], values["stories"], values["share"]]
        writer.writerow([*row, "; ".join(record["gap"])])
    return out.getvalue()


def compare_table(reports: Sequence[CoverageReport]) -> str:
    first = reports[0]
    if not first.periods:
        return "No dated articles for these shows.\n"
    lines = [f"Articles per {first.by}, {first.first} … {first.last}, {_scope(first)}", ""]
    col = 10
    width = max(len(p.period) for p in first.periods)
    peak = max(p.articles for r in reports for p in r.periods) or 1
    lines.append(f"{'period':<{width}}  " + "  ".join(
        f"{r.show_id[:col + 4]:<{col + 4}}" for r in reports) + "  gap")
    for index, period in enumerate(first.periods):
        cells = []
        for r in reports:
            n = r.periods[index].articles
            cells.append(f"{n:3} {bar(n, peak, col):<{col}}")
        lines.append(f"{period.period:<{width}}  " + "  ".join(cells)
                     + f"  {_gap_text(period.gap, len(first.judged_sources))}".rstrip())
    lines.append("")
    for r in reports:
        lines.append(f"{r.show_id}: {r.show_title}, {sum(p.articles for p in r.periods)} articles")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ timeline
def timeline_record(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "published_at": entry.published_at, "source": entry.source, "title": entry.title,
        "url": entry.url, "season": entry.season, "alias": entry.alias,
        "where": entry.where_found, "mentions": entry.mentions, "about": entry.is_about,
        "story_id": entry.story_id, "kinds": list(entry.kinds),
    }


def timeline_json(entries: Sequence[TimelineEntry]) -> str:
    return json.dumps([timeline_record(e) for e in entries], ensure_ascii=False, indent=2)


def timeline_csv(entries: Sequence[TimelineEntry]) -> str:
    out = io.StringIO()
    columns = list(timeline_record(TimelineEntry("", "", "", "", None, "", "", 0, False, None)))
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({**timeline_record(entry), "kinds": ";".join(entry.kinds)})
    return out.getvalue()


def timeline_table(entries: Sequence[TimelineEntry], show_title: str) -> str:
    if not entries:
        return f"No articles tagged {show_title}.\n"
    lines = [f"Timeline of {show_title}: {len(entries)} articles", ""]
    for e in entries:
        day = e.published_at[:10] if e.published_at else "undated   "
        season = f"S{e.season}" if e.season else "  "
        kind = "about" if e.is_about else "mention"
        lines.append(f"{day}  {e.source:18} {season:>3}  {e.title}")
        kinds = f"  [{', '.join(e.kinds)}]" if e.kinds else ""
        lines.append(f"{'':12}{'':18}      ↳ {e.alias!r} in {e.where_found or '?'}, "
                     f"{e.mentions}×, {kind}{kinds}")
    return "\n".join(lines) + "\n"
