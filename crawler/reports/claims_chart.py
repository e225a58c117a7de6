"""Chart of release-window claims: one row per claim, in publication order.

Each row is a horizontal bar from the claim's earliest to its latest date,
coloured by certainty, with a black tick on the day the article was
published; rows run top to bottom in publication order, so a window that
slips later shows as bars moving right.  "No date" claims are a hollow
circle on the publication day.  HTML (inline SVG, loads nothing) or PNG
(matplotlib), chosen by the file extension like crawler/reports/charts.py.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from crawler.reports.charts import ChartFormatError, chart_target
from crawler.reports.claims import CERTAINTY_ORDER, ClaimRow

COLORS = {"official": "#2b8a3e", "reported": "#2f6db5", "rumoured": "#d9822b", "speculation": "#9c6ade"}
ROW_PX, LABEL_PX = 18, 250


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _label(row: ClaimRow, latin_only: bool = False) -> str:
    """``2026-02-12 screenwire: When is …``; PNG fonts may lack Hangul/kana/CJK, so
    ``latin_only`` replaces such a headline with the claim's phrase or the article id."""
    title = row.title
    if latin_only and any(ord(ch) > 0x24F and not 0x2000 <= ord(ch) <= 0x206F for ch in title):
        phrase = row.span_text if row.span_text.isascii() else ""
        title = f"article #{row.article_id}" + (f" ({phrase})" if phrase else "")
    title = title if len(title) <= 34 else title[:33] + "…"
    return f"{row.published_at[:10]} {row.source.removeprefix('demo-')}: {title}"


def _span(rows: Sequence[ClaimRow]) -> tuple[date, date]:
    days = [d for r in rows for d in (_day(r.published_at), _day(r.earliest), _day(r.latest)) if d]
    if not days:
        today = date.today()
        return today, today + timedelta(days=1)
    first, last = min(days), max(days)
    pad = max(7, (last - first).days // 30)
    return first - timedelta(days=pad), last + timedelta(days=pad)


def _months(first: date, last: date) -> list[date]:
    ticks, current = [], date(first.year, first.month, 1)
    while current <= last:
        if current >= first:
            ticks.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    step = max(1, len(ticks) // 12)
    return ticks[::step]


def svg_claims(rows: Sequence[ClaimRow], title: str, width: int = 1100) -> str:
    first, last = _span(rows)
    left, right, top = LABEL_PX, 20, 56
    height = top + ROW_PX * max(1, len(rows)) + 40
    plot_w = width - left - right
    total = max(1, (last - first).days)

    def x(day: date) -> float:
        return left + plot_w * (day - first).days / total

    esc = html.escape
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="entcrawl-claims" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11" '
           f'role="img" aria-label="{esc(title)}">',
           f'<text x="10" y="20" font-size="15" font-weight="bold">{esc(title)}</text>']
    bottom = top + ROW_PX * max(1, len(rows))
    for tick in _months(first, last):
        out.append(f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top - 4}" y2="{bottom}" stroke="#e3e3e3"/>'
                   f'<text x="{x(tick):.1f}" y="{bottom + 14}" text-anchor="middle" fill="#555">'
                   f'{tick.strftime("%b %Y")}</text>')
    cursor = 10
    for certainty in CERTAINTY_ORDER:
        out.append(f'<rect x="{cursor}" y="30" width="12" height="10" fill="{COLORS[certainty]}"/>'
                   f'<text x="{cursor + 16}" y="39">{certainty}</text>')
        cursor += 30 + 7 * len(certainty)
    out.append(f'<line x1="{cursor}" x2="{cursor}" y1="28" y2="42" stroke="#111" stroke-width="2"/>'
               f'<text x="{cursor + 6}" y="39">published</text>')
    for i, row in enumerate(rows):
        y = top + ROW_PX * i
        out.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end" fill="#333">{esc(_label(row))}</text>')
        published, earliest, latest = _day(row.published_at), _day(row.earliest), _day(row.latest)
        tip = esc(f"{row.published_at[:10]} {row.source}: {row.window} ({row.certainty}) “{row.span_text}”")
        if earliest and latest:
            x0, x1 = x(earliest), x(latest + timedelta(days=1))
            out.append(f'<rect class="claim" x="{x0:.1f}" y="{y + 3}" width="{max(3.0, x1 - x0):.1f}" '
                       f'height="{ROW_PX - 6}" fill="{COLORS.get(row.certainty, "#777")}">'
                       f'<title>{tip}</title></rect>')
            if (latest - earliest).days < 5:
                cx, cy = (x0 + x1) / 2, y + 9
                out.append(f'<path d="M{cx:.1f} {cy - 6} l6 6 l-6 6 l-6 -6 z" '
                           f'fill="{COLORS.get(row.certainty, "#777")}"><title>{tip}</title></path>')
        elif published:
            out.append(f'<circle cx="{x(published):.1f}" cy="{y + 9}" r="5" fill="none" stroke="#555">'
                       f'<title>{tip}</title></circle>')
        if published:
            out.append(f'<line x1="{x(published):.1f}" x2="{x(published):.1f}" y1="{y + 1}" '
                       f'y2="{y + ROW_PX - 1}" stroke="#111" stroke-width="2"/>')
    out.append("</svg>")
    return "\n".join(out)


def write_png(rows: Sequence[ClaimRow], title: str, path: Path) -> None:
    try:
        import matplotlib
    except ImportError as exc:
        raise ChartFormatError("PNG charts need matplotlib (pip install 'matplotlib>=3.8,<4');"
                               " or write FILE.html") from exc
    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    n = max(1, len(rows))
    figure, axes = plt.subplots(figsize=(13, 1.4 + 0.27 * n), dpi=110)
    try:
        for i, row in enumerate(rows):
            published, earliest, latest = _day(row.published_at), _day(row.earliest), _day(row.latest)
            if earliest and latest:
                color = COLORS.get(row.certainty, "#777")
                axes.barh(i, (latest - earliest).days + 1, left=earliest, height=0.62, color=color)
                if (latest - earliest).days < 5:           # an exact date: too thin as a bar
                    axes.plot(earliest, i, marker="D", color=color, ms=6)
            elif published:
                axes.plot(published, i, marker="o", mfc="none", mec="#555", ms=7)
            if published:
                axes.plot([published, published], [i - 0.42, i + 0.42], color="#111", lw=2)
        axes.set_yticks(range(len(rows)), [_label(r, latin_only=True) for r in rows], fontsize=7.5)
        axes.set_ylim(n - 0.4, -0.6)
        first, last = _span(rows)
        axes.set_xlim(first, last)
        axes.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, ((last - first).days // 30) // 12)))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
        axes.tick_params(axis="x", labelsize=8)
        axes.grid(axis="x", color="#e3e3e3")
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.set_title(title, loc="left", fontweight="bold")
        handles = [Patch(color=COLORS[c], label=c) for c in CERTAINTY_ORDER]
        handles += [Line2D([], [], color="#111", lw=2, label="published"),
                    Line2D([], [], marker="o", mfc="none", mec="#555", lw=0, label="no date")]
        axes.legend(handles=handles, frameon=False, fontsize=8, loc="upper center",
                    bbox_to_anchor=(0.5, -0.5 / n - 0.02), ncol=len(handles))
        figure.tight_layout()
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)


def write_claims_chart(rows: Sequence[ClaimRow], title: str, path: str | Path, table_text: str = "") -> Path:
    """Write ``path`` as HTML (inline SVG + the table) or PNG, by its extension."""
    target, suffix = chart_target(path)
    if suffix == ".png":
        write_png(rows, title, target)
    else:
        table = (f"<details open><summary>Claims</summary><pre>{html.escape(table_text)}</pre></details>"
                 if table_text else "")
        target.write_text(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:1.5em;"
            "color:#222}svg{max-width:100%;height:auto}pre{font-size:12px}</style></head><body>\n"
            f"{svg_claims(rows, title)}\n{table}\n</body></html>\n", encoding="utf-8")
    return target
