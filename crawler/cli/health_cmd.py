"""`entcrawl health`: per-source fill rates, non-zero exit when a source looks broken."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from crawler.cli.options import db_option
from crawler.ops.health import HealthPolicy, RunHealth, format_table, judge_source, load_runs
from pipelines.database import open_database


@click.command()
@db_option
@click.option("--source", "source", metavar="SLUG", help="Only this source, with its last --runs runs.")
@click.option("--runs", type=click.IntRange(min=1), default=10, show_default=True,
              help="Runs listed per source with --source.")
@click.option("--max-drop", type=click.FloatRange(0, 1), default=HealthPolicy.max_drop, show_default=True,
              help="A fill rate this far (0-1) below its recent median is a sharp drop.")
@click.option("--history", type=click.IntRange(min=1), default=HealthPolicy.history, show_default=True,
              help="Previous runs whose median is the baseline.")
@click.option("--min-pages", type=click.IntRange(min=1), default=HealthPolicy.min_pages, show_default=True,
              help="Runs with fewer pages for a field are not judged on it.")
def health(db, source, runs, max_drop, history, min_pages):
    """Fill rates of title, date, authors, body and show tags per source and run.

    Exits 0 when every source is healthy, 1 when one fetched nothing, stored
    nothing, or a field's fill rate dropped sharply (docs/operations.md),
    2 on a usage error (e.g. no database)."""
    if not Path(db).exists():
        raise click.UsageError(f"no database at {db}")
    policy = HealthPolicy(max_drop=max_drop, history=history, min_pages=min_pages)
    database = open_database(db)
    try:
        by_source = load_runs(database, source)
    finally:
        database.close()
    if source and source not in by_source:
        raise click.UsageError(f"no crawl run for source {source!r} in {db}")
    rows: list[tuple[RunHealth, set[str]]] = []
    problems = []
    for slug, source_runs in sorted(by_source.items()):
        found = judge_source(source_runs, policy)
        problems.extend(found)
        flagged = {p.field for p in found if p.field}
        shown = source_runs[:runs] if source else source_runs[:1]
        rows.extend((run, flagged if i == 0 else set()) for i, run in enumerate(shown))
    click.echo(format_table(rows))
    if not by_source:
        click.echo("no crawl runs yet")
    for problem in problems:
        click.echo(f"UNHEALTHY {problem.message}")
    if not problems and by_source:
        click.echo(f"all {len(by_source)} source(s) healthy")
    sys.exit(1 if problems else 0)
