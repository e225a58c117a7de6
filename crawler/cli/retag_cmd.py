"""`entcrawl retag`: re-tag every stored article after a catalog change (docs/tagging.md)."""
from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import catalog_option, db_option
from pipelines.database import open_database
from pipelines.retag import DEFAULT_BATCH_SIZE, RetagSummary, retag_database
from pipelines.show_catalog import CatalogError, load_catalog
from pipelines.store import sync_catalog
from pipelines.tagging_pool import TaggingWorkerError, default_tagging_workers

TOP_SHOWS = 10
POOL_MIN_ARTICLES = 2000     # --workers auto: fewer articles are tagged in-process (see docs/tagging.md)


class WorkersType(click.ParamType):
    """``auto`` or a whole number >= 1."""

    name = "N|auto"

    def convert(self, value, param, ctx):
        if isinstance(value, int) or value == "auto":
            return value
        text = str(value).strip().lower()
        if text == "auto":
            return "auto"
        if text.isdigit() and int(text) >= 1:
            return int(text)
        self.fail(f"{value!r} is not a number of worker processes: use a whole number >= 1 or 'auto'",
                  param, ctx)


def resolve_workers(workers: int | str, articles: int) -> int:
    """The tagging processes to use (pure): ``auto`` is every usable CPU, but one (in-process)
    below POOL_MIN_ARTICLES articles, where starting workers costs more than it saves."""
    if workers != "auto":
        return int(workers)
    return default_tagging_workers() if articles >= POOL_MIN_ARTICLES else 1


def summary_text(summary: RetagSummary, catalog: str, top: int = TOP_SHOWS) -> str:
    """The report printed after a retag (pure)."""
    t = summary.timings
    lines = [
        f"Retagged {summary.articles:,} articles in {summary.seconds:.2f} s "
        f"({summary.articles_per_second:,.0f} articles/s) with {catalog}",
        f"  tags: +{summary.tags_added} added, -{summary.tags_removed} removed, "
        f"~{summary.tags_changed} changed, in {summary.articles_changed} articles",
        f"  kinds and claims re-derived for {summary.annotations_rederived} (article, show) pairs; "
        f"release claims {summary.claims_before} -> {summary.claims_after}",
        f"  time: tagger {t['tag']:.2f} s, kinds+claims {t['annotate']:.2f} s, "
        f"read {t['read']:.2f} s, write {t['write']:.2f} s, building the tagger {t['setup']:.2f} s",
    ]
    shows = summary.shows_changed()
    if shows:
        ranked = sorted(shows.items(), key=lambda kv: (-(kv[1]["added"] + kv[1]["removed"]
                                                         + kv[1]["changed"]), kv[0]))
        lines += ["", f"Changes per show (top {min(top, len(ranked))} of {len(ranked)}):",
                  f"  {'show':32} {'added':>6} {'removed':>8} {'changed':>8}"]
        for show_id, counts in ranked[:top]:
            lines.append(f"  {show_id:32} {counts['added']:6} {counts['removed']:8} {counts['changed']:8}")
    lines += ["", f"recorded as retag_runs #{summary.run_id}"]
    return "\n".join(lines)


@click.command()
@db_option
@catalog_option
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE,
              show_default=True, help="Articles read and written per transaction.")
@click.option("--full", is_flag=True,
              help="Re-derive kinds and release claims of every tag, not only changed ones.")
@click.option("--workers", type=WorkersType(), default="auto", show_default=True, metavar="N|auto",
              help="Processes that tag: a number, or 'auto' = every usable CPU "
                   f"(in-process below {POOL_MIN_ARTICLES:,} stored articles, where starting "
                   "workers costs more than it saves); 1 = tag in this process.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def retag(db, catalog, batch_size, full, workers, quiet):
    """Re-tag ALL stored articles with the catalog: rewrite show tags, kinds, release
    claims and coverage facts, and record what changed (table retag_runs)."""
    if not Path(db).exists():
        raise click.ClickException(f"{db} does not exist: nothing to retag")
    try:
        loaded = load_catalog(catalog)
    except (CatalogError, OSError) as exc:
        raise click.ClickException(f"cannot read the show catalog: {exc}") from None
    database = open_database(db)
    try:
        sync_catalog(database, catalog)
        total = database.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

        def progress(summary: RetagSummary) -> None:
            if not quiet:
                click.echo(f"\r  {summary.articles:,}/{total:,} articles", nl=False, err=True)

        summary = retag_database(database, loaded, batch_size=batch_size, full=full,
                                 catalog_label=str(catalog), progress=progress,
                                 workers=resolve_workers(workers, total))
    except TaggingWorkerError as exc:
        raise click.ClickException(
            f"retag stopped: {exc}. The run is recorded as failed in retag_runs; the batches "
            "written before it stand and the rest is unchanged, so running retag again finishes "
            "the job (--workers 1 tags in this process).") from None
    finally:
        database.close()
    if not quiet and total:
        click.echo("", err=True)
    click.echo(summary_text(summary, str(catalog)))
