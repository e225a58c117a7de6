"""The short report `entcrawl demo` prints after its crawl."""
from __future__ import annotations

import click
import sqlite_utils


def summary_rows(db: sqlite_utils.Database, show_id: str) -> dict[str, list[tuple]]:
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
    weekly = list(db.execute(
        "select a.published_week, count(distinct a.id), count(distinct a.story_id) "
        "from article_shows t join articles a on a.id = t.article_id "
        "where t.show_id = ? and a.duplicate_of is null and a.published_week is not null "
        "group by a.published_week order by a.published_week",
        [show_id],
    ).fetchall())
    return {"per_source": per_source, "top_shows": top_shows, "weekly": weekly}


def print_summary(db_path: str, *, show_id: str) -> None:
    db = sqlite_utils.Database(db_path)
    rows = summary_rows(db, show_id)
    total = sum(n for _, n in rows["per_source"])
    click.echo(f"\nArticles per source ({total} in all):")
    for source, n in rows["per_source"]:
        click.echo(f"  {source:24} {n:5}")
    click.echo("\nMost covered shows:")
    for sid, title, n in rows["top_shows"]:
        click.echo(f"  {title:32} {n:5}  ({sid})")
    click.echo(f"\nWeekly coverage of {show_id} (articles, stories):")
    peak = max((n for _, n, _ in rows["weekly"]), default=1)
    for week, n, stories in rows["weekly"]:
        bar = "#" * max(1, round(20 * n / peak))
        click.echo(f"  {week}  {n:3} {stories:3}  {bar}")
    click.echo(f"\nBrowse it all:  entcrawl serve --db {db_path}   (or: datasette {db_path} -m data/metadata.yml)")
