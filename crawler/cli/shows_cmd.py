"""`entcrawl shows`: list/search the show catalog and import shows from TVmaze.

    entcrawl shows                       # every show
    entcrawl shows squid                 # fuzzy search on ids, titles, aliases
    entcrawl shows import-tvmaze --id 43687 --search "Dark" --dry-run
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from pipelines.show_catalog import Catalog, CatalogError, load_catalog, search_catalog
from pipelines.show_catalog_edit import merge_entries
from pipelines.show_tvmaze import DEFAULT_API_URL, RateLimiter, TvmazeClient, TvmazeError, catalog_entry

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CATALOG = PROJECT_ROOT / "data" / "shows.yaml"

catalog_option = click.option(
    "--catalog", "catalog_path", type=click.Path(dir_okay=False), envvar="ENTCRAWL_CATALOG",
    default=None, help=f"Show catalog file (env ENTCRAWL_CATALOG; default {DEFAULT_CATALOG}).")


class _QueryGroup(click.Group):
    """`shows QUERY` searches; a first word that is not a subcommand is the query."""

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "search", self.commands["search"], args
        return super().resolve_command(ctx, args)


def _catalog_path(ctx: click.Context, explicit: str | None) -> Path:
    chosen = explicit or (ctx.obj or {}).get("catalog") or str(DEFAULT_CATALOG)
    return Path(chosen)


def _load(path: Path) -> Catalog:
    try:
        return load_catalog(path)
    except FileNotFoundError:
        raise click.ClickException(f"catalog file not found: {path}")
    except CatalogError as exc:
        raise click.ClickException(str(exc))


def _print_shows(rows: list[tuple[object, float | None]]) -> None:
    if not rows:
        click.echo("no matching shows")
        return
    for show, score in rows:
        years = f"{show.start_year or '?'}-{show.end_year or ''}"
        original = f" / {show.original_title}" if show.original_title else ""
        match = f"  [{score:.2f}]" if score is not None else ""
        click.echo(f"{show.id:32} {show.title}{original} | {show.network or '?'} | {years}{match}")


@click.group(cls=_QueryGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@catalog_option
@click.pass_context
def shows(ctx: click.Context, catalog_path: str | None) -> None:
    """List or search the show catalog (entcrawl shows [QUERY]), or import shows
    from TVmaze (entcrawl shows import-tvmaze)."""
    ctx.ensure_object(dict)
    if catalog_path:
        ctx.obj["catalog"] = catalog_path
    if ctx.invoked_subcommand is None:
        catalog = _load(_catalog_path(ctx, None))
        _print_shows([(show, None) for show in catalog.shows])
        click.echo(f"{len(catalog)} shows in {catalog.source}", err=True)


@shows.command("search", hidden=True)
@click.argument("query", nargs=-1, required=True)
@catalog_option
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True,
              help="Most results to print.")
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], catalog_path: str | None, limit: int) -> None:
    """Fuzzy search on ids, titles, original titles and aliases."""
    catalog = _load(_catalog_path(ctx, catalog_path))
    _print_shows(search_catalog(catalog, " ".join(query), limit=limit))


@shows.command("import-tvmaze")
@click.option("--id", "tvmaze_ids", type=click.IntRange(min=1), multiple=True,
              help="TVmaze show id to import (repeatable).")
@click.option("--search", "titles", multiple=True,
              help="Title to look up with /search/shows; the best hit is imported (repeatable).")
@click.option("--api-url", default=DEFAULT_API_URL, show_default=True,
              help="TVmaze API base URL (tests point this at a local server).")
@catalog_option
@click.option("--dry-run", is_flag=True, help="Print what would change; do not write the catalog.")
@click.option("--max-calls", type=click.IntRange(1, 20), default=20, show_default=True,
              help="Politeness: at most this many API calls per 10 seconds.")
@click.pass_context
def import_tvmaze(ctx: click.Context, tvmaze_ids: tuple[int, ...], titles: tuple[str, ...],
                  api_url: str, catalog_path: str | None, dry_run: bool, max_calls: int) -> None:
    """Merge shows from TVmaze (/shows/:id or /search/shows, plus /akas and /cast)
    into the catalog.  Hand-written fields are kept; only missing fields and new
    aliases are added; an id is never duplicated.  Retries HTTP 429 with backoff."""
    if not tvmaze_ids and not titles:
        raise click.UsageError("give at least one --id or --search")
    path = _catalog_path(ctx, catalog_path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    client = TvmazeClient(api_url, limiter=RateLimiter(max_calls=max_calls, per_seconds=10.0))
    entries, failures = [], []
    for label, fetch in ([(f"id {i}", lambda i=i: client.show(i)) for i in tvmaze_ids]
                         + [(f"search {t!r}", lambda t=t: client.search(t)) for t in titles]):
        try:
            show = fetch()
            if show is None:
                failures.append(f"{label}: no TVmaze match")
                continue
            entries.append(catalog_entry(show, client.akas(show["id"]), client.cast(show["id"])))
        except (TvmazeError, KeyError, TypeError) as exc:
            failures.append(f"{label}: {exc}")
    try:
        result = merge_entries(text, entries, source=str(path))
    except CatalogError as exc:
        raise click.ClickException(f"the merged catalog would be invalid; nothing written.\n{exc}")
    for show_id in result.added:
        click.echo(f"add     {show_id}")
    for show_id, fields in result.updated.items():
        click.echo(f"update  {show_id}: {', '.join(fields)}")
    if not result.changed:
        click.echo("catalog already up to date")
    if dry_run:
        click.echo(f"dry run: {path} not written ({client.calls} API calls)", err=True)
    elif result.changed:
        _write_atomically(path, result.text)
        click.echo(f"wrote {path} ({client.calls} API calls)", err=True)
    for failure in failures:
        click.echo(f"error   {failure}", err=True)
    if failures:
        ctx.exit(1)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".shows-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
