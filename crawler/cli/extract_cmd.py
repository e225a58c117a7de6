"""`entcrawl extract`: run article extraction on saved pages (one page or a manifest)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from crawler.extraction import ExtractionError, extract_article
from crawler.extraction.batch import parse_fetched_at, read_page, run_manifest


@click.command("extract")
@click.argument("page", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", default="", help="URL the page was fetched from (used for relative links, URL dates, page type).")
@click.option("--fetched-at", "fetched_at", default=None,
              help="ISO 8601 fetch time, e.g. 2026-03-01T12:00:00+00:00; anchors relative dates like '3 days ago'.")
@click.option("--encoding", default=None, help="Charset to try first for the page bytes (e.g. from the HTTP header).")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='JSON lines {"id", "path", "url"?, "fetched_at"?}; paths relative to the manifest\'s folder.')
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where --manifest results go (JSON lines); default standard output.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes for --manifest mode.")
def extract(page: Path | None, url: str, fetched_at: str | None, encoding: str | None,
            manifest: Path | None, output: Path | None, workers: int) -> None:
    """Extract article fields from saved HTML pages and print them as JSON.

    \b
    One page:   entcrawl extract PAGE.html[.gz] --url URL [--fetched-at ISO]
    A batch:    entcrawl extract --manifest FILE.jsonl [--output OUT.jsonl] [--workers N]

    In batch mode every input line gives one output line with the same "id";
    a page that cannot be read or parsed gets {"id": ..., "error": "..."}.
    """
    if (page is None) == (manifest is None):
        raise click.UsageError("give either PAGE or --manifest (not both)")
    try:
        fetched = parse_fetched_at(fetched_at)
    except ValueError as err:
        raise click.BadParameter(f"not ISO 8601: {fetched_at!r} ({err})", param_hint="--fetched-at") from err
    if manifest is not None:
        if output is not None:
            with open(output, "w", encoding="utf-8") as handle:
                ok, errors = run_manifest(manifest, handle, workers)
        else:
            ok, errors = run_manifest(manifest, sys.stdout, workers)
        click.echo(f"extracted {ok} pages, {errors} errors", err=True)
        return
    assert page is not None
    try:
        article = extract_article(read_page(page), url, fetched_at=fetched, encoding=encoding)
    except (OSError, EOFError, ExtractionError) as err:
        raise click.ClickException(f"{page}: {err}") from err
    click.echo(json.dumps(article, ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    extract()
