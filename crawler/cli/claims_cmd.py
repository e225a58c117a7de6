"""`entcrawl claims SHOW`: release-window claims in publication order (docs/claims.md)."""
from __future__ import annotations

import click

from crawler.cli.coverage_cmd import _open, _shows
from crawler.cli.options import catalog_option, db_option
from crawler.reports.charts import ChartFormatError
from crawler.reports.claims import claims_csv, claims_json, claims_table, load_claims
from crawler.reports.claims_chart import write_claims_chart


@click.command()
@click.argument("show")
@click.option("--season", type=click.IntRange(min=0), default=None, help="Only claims about this season.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False), default=None, metavar="FILE.png|FILE.html",
              help="Also draw the windows as bars, one row per claim in publication order.")
@click.option("--with-copies", is_flag=True,
              help="Include exact copies of other articles (left out by default, as in coverage).")
@db_option
@catalog_option
@click.pass_context
def claims(ctx, show, season, fmt, chart, with_copies, db, catalog):
    """What the press said about SHOW's release, in the order it was published:
    when, who (source and headline), which window, how certain."""
    (found,) = _shows(ctx, catalog, (show,))
    database = _open(db)
    try:
        rows = load_claims(database, found.id, season, with_copies)
    finally:
        database.close()
    title = f"{found.title} ({found.id})"
    table = claims_table(rows, title, season, with_copies)
    if fmt == "table":
        click.echo(table, nl=False)
    else:
        click.echo(claims_json(rows) if fmt == "json" else claims_csv(rows), nl=fmt == "json")
    if chart:
        heading = f"Release-window claims: {found.title}" + (f" season {season}" if season is not None else "")
        try:
            written = write_claims_chart(rows, heading, chart, table)
        except ChartFormatError as exc:
            raise click.BadParameter(str(exc), param_hint="--chart") from None
        click.echo(f"chart written to {written}", err=True)
