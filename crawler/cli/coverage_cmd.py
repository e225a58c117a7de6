"""`entcrawl coverage`, `entcrawl timeline` and `entcrawl compare` (docs/coverage.md)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from sqlite_utils import Database

from crawler.cli.options import catalog_option, db_option
from crawler.reports import charts, kinds, render
from crawler.reports.coverage import coverage_report, resolve_range, timeline
from crawler.reports.periods import PeriodError, parse_date_option
from crawler.reports.show_lookup import UnknownShowError, resolve_show
from pipelines.database import open_database
from pipelines.show_catalog import CatalogError, Show, load_catalog

UNKNOWN_SHOW_EXIT = 2


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date_option(value)
    except PeriodError as exc:
        raise click.BadParameter(str(exc)) from None


def _common(command):
    """Options shared by the three commands, outermost last."""
    for option in reversed((
        click.option("--since", callback=_date, metavar="DATE",
                     help="First day (YYYY-MM-DD; YYYY-Www or YYYY-MM also work)."),
        click.option("--until", callback=_date, metavar="DATE", help="Last day (inclusive)."),
        click.option("--source", "sources", multiple=True, metavar="SLUG",
                     help="Only this source (repeatable)."),
        click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                     default="table", show_default=True),
        db_option,
        catalog_option,
    )):
        command = option(command)
    return command


_by_option = click.option("--by", type=click.Choice(["day", "week", "month"]), default="week",
                          show_default=True, help="Period of each row.")
_chart_option = click.option("--chart", type=click.Path(dir_okay=False), default=None,
                             metavar="FILE.png|FILE.html",
                             help="Also write a chart (PNG, or self-contained HTML with SVG).")


def _open(db_path: str) -> Database:
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path} does not exist: run `entcrawl crawl` or `make demo` first")
    return open_database(db_path)   # applies the coverage migration to an older file


def _shows(ctx: click.Context, catalog_path: str, queries: tuple[str, ...]) -> list[Show]:
    try:
        catalog = load_catalog(catalog_path)
    except (CatalogError, OSError) as exc:
        raise click.ClickException(f"cannot read the show catalog: {exc}") from None
    shows = []
    for query in queries:
        try:
            shows.append(resolve_show(catalog, query))
        except UnknownShowError as exc:
            click.echo(f"Error: {exc.message()}", err=True)
            ctx.exit(UNKNOWN_SHOW_EXIT)
    return shows


def _write_chart(chart: charts.Chart, path: str | None, table_text: str) -> None:
    if not path:
        return
    try:
        written = charts.write_chart(chart, path, table_text)
    except charts.ChartFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--chart") from None
    click.echo(f"chart written to {written}", err=True)


@click.command()
@click.argument("show")
@_by_option
@_common
@_chart_option
@click.option("--kinds", "by_kind", is_flag=True,
              help="Split each period by article kind (renewal, casting, trailer, ...).")
@click.pass_context
def coverage(ctx, show, by, since, until, sources, fmt, db, catalog, chart, by_kind):
    """How much SHOW (id, title or alias) was covered per day, week or month.

    Every period of the range is listed (zero-filled); a period where a
    source's crawl failed or had not run yet is marked as a gap."""
    (found,) = _shows(ctx, catalog, (show,))
    database = _open(db)
    try:
        report = coverage_report(database, found.id, found.title, by, since, until, sources)
        split = kinds.kind_split(database, report) if by_kind else None
    finally:
        database.close()
    table = render.coverage_table(report)
    if split is not None:
        output = {"table": kinds.kinds_table(report, split), "csv": kinds.kinds_csv(report, split),
                  "json": kinds.kinds_json(report, split)}[fmt]
    else:
        output = {"table": table, "csv": render.coverage_csv, "json": render.coverage_json}[fmt]
    click.echo(output if isinstance(output, str) else output(report), nl=fmt != "csv")
    _write_chart(charts.coverage_chart(report), chart, table)


@click.command()
@click.argument("show_names", metavar="SHOW SHOW...", nargs=-1, required=True)
@_by_option
@_common
@_chart_option
@click.pass_context
def compare(ctx, show_names, by, since, until, sources, fmt, db, catalog, chart):
    """Coverage of several shows side by side, per period."""
    shows = _shows(ctx, catalog, show_names)
    if len({s.id for s in shows}) < 2:
        raise click.UsageError("compare needs at least two different shows")
    database = _open(db)
    try:
        span = resolve_range(database, [s.id for s in shows], by, since, until, sources)
        reports = [coverage_report(database, s.id, s.title, by, sources=sources, period_span=span)
                   for s in shows]
    finally:
        database.close()
    table = render.compare_table(reports)
    if fmt == "table":
        click.echo(table)
    else:
        click.echo((render.compare_csv if fmt == "csv" else render.compare_json)(reports),
                   nl=fmt != "csv")
    _write_chart(charts.compare_chart(reports), chart, table)


@click.command("timeline")
@click.argument("show")
@_common
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many articles.")
@click.pass_context
def timeline_command(ctx, show, since, until, sources, fmt, db, catalog, limit):
    """SHOW's headlines in order, with source, date, season and the tag's evidence."""
    (found,) = _shows(ctx, catalog, (show,))
    database = _open(db)
    try:
        entries = timeline(database, found.id, since, until, sources, limit)
    finally:
        database.close()
    if fmt == "table":
        click.echo(render.timeline_table(entries, f"{found.title} ({found.id})"))
    else:
        click.echo((render.timeline_csv if fmt == "csv" else render.timeline_json)(entries),
                   nl=fmt != "csv")
