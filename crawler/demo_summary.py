"""The short report `entcrawl demo` prints after its crawl."""
from __future__ import annotations

import click
import sqlite_utils

from crawler.reports.coverage import coverage_report
from crawler.reports.render import coverage_table


def summary_rows(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    """The numbers behind the demo summary, as plain rows (tested directly)."""
    per_source = list(db.execute(
        "select source, count(*) from articles where duplicate_of is null "
        "group by source order by source"
    ).fetchall())
    top_shows = list(db.execute(
        "select s.id, s.title, count(distinct a.id) as n from article_shows t "
        "join articles a on a.id = t.article_id and a.duplicate_of is null "
        "join shows s on s.id = t.show_id group by s.id order by n desc, s.title limit 8"
    ).fetchall())
    return {"per_source": per_source, "top_shows": top_shows}


def print_summary(db_path: str, *, show_id: str) -> None:
    db = sqlite_utils.Database(db_path)
    rows = summary_rows(db)
    total = sum(n for _, n in rows["per_source"])
    click.echo(f"\nArticles per source ({total} in all):")
    for source, n in rows["per_source"]:
        click.echo(f"  {source:24} {n:5}")
    click.echo("\nMost covered shows:")
    for sid, title, n in rows["top_shows"]:
        click.echo(f"  {title:32} {n:5}  ({sid})")
    title = next((t for sid, t, _ in rows["top_shows"] if sid == show_id), show_id)
    click.echo(f"\nWeekly coverage of {show_id}:")
    click.echo(coverage_table(coverage_report(db, show_id, title, by="week")))
    click.echo(f"More: entcrawl coverage {show_id} --by month --db {db_path}   "
               f"(timeline, compare, --chart coverage.png)")
    click.echo(f"\nBrowse it all:  entcrawl serve --db {db_path}   (or: datasette {db_path} -m data/metadata.yml)")
