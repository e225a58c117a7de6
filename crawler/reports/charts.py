"""Coverage charts: a self-contained HTML page (inline SVG) or a PNG (matplotlib).

The HTML loads nothing (no CDN, no fonts, no script): it opens offline.  One
show is drawn as bars (articles) with a line (distinct stories); several shows
as one line each.  Periods with a crawl gap are shaded and labelled "gap".
"""
from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crawler.reports.coverage import CoverageReport
from crawler.reports.gaps import gap_labels

PALETTE = ("#2f6db5", "#d9622b", "#3a9a5b", "#8e5bb5", "#c23b5a", "#8a7d2b", "#2b8a8a")
STORY_COLOR = "#1b2a3a"
GAP_FILL = "#f4c27a"


class ChartFormatError(ValueError):
    """The chart file name does not end in .html or .png."""


@dataclass(frozen=True)
class Chart:
    title: str
    periods: list[str]
    series: list[tuple[str, list[int]]]      # (label, value per period)
    stories: list[int] | None                # line over the bars (one-show charts)
    gaps: list[str]                          # "" or the gap text per period
    bars: bool                               # True: first series as bars


def coverage_chart(report: CoverageReport) -> Chart:
    return Chart(
        title=f"Coverage of {report.show_title} by {report.by}",
        periods=[p.period for p in report.periods],
        series=[("articles", [p.articles for p in report.periods])],
        stories=[p.stories for p in report.periods],
        gaps=[", ".join(gap_labels(p.gap)) for p in report.periods],
        bars=True,
    )


def compare_chart(reports: Sequence[CoverageReport]) -> Chart:
    first = reports[0]
    return Chart(
        title=f"Articles per {first.by}: " + " vs ".join(r.show_title for r in reports),
        periods=[p.period for p in first.periods],
        series=[(r.show_title, [p.articles for p in r.periods]) for r in reports],
        stories=None,
        gaps=[", ".join(gap_labels(p.gap)) for p in first.periods],
        bars=False,
    )


def nice_ticks(peak: float, count: int = 5) -> list[int]:
    """Round integer gridline values from 0 to at least ``peak``."""
    if peak <= 0:
        return [0, 1]
    raw = peak / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, int(math.ceil(peak / step)) * step + 1, step))


def _label_every(count: int, room: int = 14) -> int:
    return max(1, math.ceil(count / room))


def svg_chart(chart: Chart, width: int = 960, height: int = 380) -> str:
    """The chart as an inline ``<svg>`` element (no external references)."""
    left, right, top, bottom = 48, 16, 44, 70
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(1, len(chart.periods))
    peak = max([v for _, values in chart.series for v in values] + (chart.stories or []) + [1])
    ticks = nice_ticks(peak)
    y_max = ticks[-1]
    slot = plot_w / n

    def x(i: float) -> float:
        return left + slot * (i + 0.5)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    esc = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="entcrawl-chart" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{esc(chart.title)}" font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="20" font-size="15" font-weight="bold">{esc(chart.title)}</text>']
    for i, gap in enumerate(chart.gaps):
        if gap:
            out.append(f'<rect class="gap" x="{left + slot * i:.1f}" y="{top}" width="{slot:.1f}" '
                       f'height="{plot_h}" fill="{GAP_FILL}" opacity="0.55">'
                       f'<title>{esc(chart.periods[i])}: gap ({esc(gap)})</title></rect>')
    for tick in ticks:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                   f'stroke="#ddd"/><text x="{left - 6}" y="{y(tick) + 4:.1f}" '
                   f'text-anchor="end" fill="#555">{tick}</text>')
    every = _label_every(n)
    for i, period in enumerate(chart.periods):
        if i % every == 0:
            out.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 14}" text-anchor="end" '
                       f'transform="rotate(-40 {x(i):.1f} {top + plot_h + 14})" '
                       f'fill="#333">{esc(period)}</text>')
    for index, (label, values) in enumerate(chart.series):
        color = PALETTE[index % len(PALETTE)]
        if chart.bars and index == 0:
            bar_w = max(1.0, slot * 0.72)
            for i, v in enumerate(values):
                out.append(f'<rect class="bar" x="{x(i) - bar_w / 2:.1f}" y="{y(v):.1f}" '
                           f'width="{bar_w:.1f}" height="{y(0) - y(v):.1f}" fill="{color}">'
                           f'<title>{esc(chart.periods[i])}: {v} {esc(label)}</title></rect>')
        else:
            out.append(_polyline(values, x, y, color, "series"))
    if chart.stories is not None:   # dots only: a line would zig-zag through empty periods
        out.append('<g class="stories">' + "".join(
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{STORY_COLOR}">'
            f'<title>{esc(chart.periods[i])}: {v} distinct stories</title></circle>'
            for i, v in enumerate(chart.stories) if v) + "</g>")
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(0)}" y2="{y(0)}" stroke="#333"/>')
    out.append(_legend(chart, width - right))
    out.append("</svg>")
    return "\n".join(out)


def _polyline(values: Sequence[int], x, y, color: str, css: str) -> str:
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    dots = "".join(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{color}"/>'
                   for i, v in enumerate(values))
    return (f'<g class="{css}"><polyline points="{points}" fill="none" stroke="{color}" '
            f'stroke-width="2"/>{dots}</g>')


def _legend(chart: Chart, right_edge: int) -> str:
    items = [(label, PALETTE[i % len(PALETTE)]) for i, (label, _) in enumerate(chart.series)]
    if chart.stories is not None:
        items.append(("distinct stories", STORY_COLOR))
    if any(chart.gaps):
        items.append(("crawl gap", GAP_FILL))
    parts, cursor = [], right_edge
    for label, color in reversed(items):
        cursor -= 22 + 7 * len(label)
        parts.append(f'<rect x="{cursor}" y="27" width="12" height="10" fill="{color}"/>'
                     f'<text x="{cursor + 16}" y="36">{html.escape(label)}</text>')
    return '<g class="legend">' + "".join(parts) + "</g>"


def html_page(chart: Chart, table_text: str = "") -> str:
    """A standalone HTML page: the SVG chart, then the numbers as preformatted text."""
    table = (f"<details><summary>Numbers</summary><pre>{html.escape(table_text)}</pre></details>"
             if table_text else "")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(chart.title)}</title>"
            "<style>body{font-family:sans-serif;margin:1.5em;color:#222}"
            "svg{max-width:100%;height:auto}pre{font-size:12px}</style></head><body>\n"
            f"{svg_chart(chart)}\n{table}\n</body></html>\n")


def write_png(chart: Chart, path: Path) -> None:
    """Render with matplotlib's Agg backend (imported only when a PNG is asked for)."""
    try:
        import matplotlib
    except ImportError as exc:
        raise ChartFormatError("PNG charts need matplotlib (pip install 'matplotlib>=3.8,<4');"
                               " or write FILE.html") from exc
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    n = len(chart.periods)
    figure, axes = plt.subplots(figsize=(max(8.0, min(16.0, 0.22 * n + 4)), 4.2), dpi=120)
    try:
        positions = list(range(n))
        for i, gap in enumerate(chart.gaps):
            if gap:
                axes.axvspan(i - 0.5, i + 0.5, color=GAP_FILL, alpha=0.55, lw=0,
                             label="crawl gap" if i == chart.gaps.index(gap) else None)
        for index, (label, values) in enumerate(chart.series):
            color = PALETTE[index % len(PALETTE)]
            if chart.bars and index == 0:
                axes.bar(positions, values, width=0.72, color=color, label=label)
            else:
                axes.plot(positions, values, color=color, marker="o", ms=3, lw=2, label=label)
        if chart.stories is not None:
            stories = [v if v else float("nan") for v in chart.stories]   # no dots on zero
            axes.plot(positions, stories, color=STORY_COLOR, marker="D", ms=3.5, lw=0,
                      label="distinct stories")
        every = _label_every(n, 18)
        axes.set_xticks(positions[::every], chart.periods[::every], rotation=40, ha="right",
                        fontsize=8)
        axes.set_xlim(-0.6, n - 0.4)
        axes.set_ylim(0, 1.06 * max(nice_ticks(max([1, *(v for _, s in chart.series for v in s)]))))
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="y", color="#ddd")
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.set_title(chart.title, loc="left", fontweight="bold")
        handles, labels = axes.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        axes.legend(unique.values(), unique.keys(), frameon=False, fontsize=8, loc="lower right",
                    bbox_to_anchor=(1.0, 1.0), ncol=len(unique))
        figure.tight_layout()
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)


def chart_target(path: str | Path) -> tuple[Path, str]:
    """``(path, ".png" | ".html" | ".htm")`` with its folder created; ChartFormatError for
    any other extension (the chart commands write HTML or PNG, chosen by the name)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".html", ".htm", ".png"):
        raise ChartFormatError(f"{target.name}: the chart file must end in .html or .png")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target, suffix


def write_chart(chart: Chart, path: str | Path, table_text: str = "") -> Path:
    """Write ``path`` as HTML (inline SVG) or PNG, chosen by its extension."""
    target, suffix = chart_target(path)
    if suffix == ".png":
        write_png(chart, target)
    else:
        target.write_text(html_page(chart, table_text), encoding="utf-8")
    return target
