"""`entcrawl demo`: serve the bundled demo sites, crawl them, summarize."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click
import yaml

from crawler.cli.options import catalog_option, db_option
from crawler.demo import DemoNetwork, DemoServer, demo_registry_entries
from crawler.demo_summary import print_summary
from crawler.ops.lock import CrawlLockedError
from crawler.runner import run_crawl
from crawler.settings import LOCAL_PROFILE


@click.command()
@db_option
@catalog_option
@click.option("--port", type=int, default=8631, show_default=True,
              help="Port for the demo sites on 127.0.0.21-24 (0 picks a free one).")
@click.option("--phase", type=click.IntRange(1, 3), default=1, show_default=True,
              help="Demo content phase: 1 baseline, 2 some articles updated, 3 plus new articles.")
@click.option("--show", "show_id", default="all-of-us-are-dead", show_default=True,
              help="Show whose weekly coverage the summary prints.")
@click.option("--verbose", is_flag=True, help="Show Scrapy's INFO log (stats dumps) too.")
def demo(db, catalog, port, phase, show_id, verbose):
    """Serve the offline demo sites, crawl them into DB and print a summary."""
    network = DemoNetwork()
    try:
        server = DemoServer(network, port=port, phase=phase)
    except OSError as exc:
        raise click.ClickException(f"cannot serve the demo sites on port {port}: {exc} (try --port 0)")
    with server, tempfile.TemporaryDirectory(prefix="entcrawl-demo-") as tmp:
        registry = Path(tmp) / "sites.yaml"
        entries = demo_registry_entries(server.port)
        registry.write_text(yaml.safe_dump({"sites": entries}, sort_keys=False), encoding="utf-8")
        click.echo(f"Serving {len(entries)} demo sites on port {server.port}; crawling into {db}", err=True)
        overrides = dict(LOCAL_PROFILE)
        overrides.update({
            "ENTCRAWL_REGISTRY": str(registry),
            "ENTCRAWL_DB": db,
            "ENTCRAWL_CATALOG": catalog,
            "LOG_LEVEL": "INFO" if verbose else "WARNING",
        })
        try:
            outcomes = run_crawl([e["slug"] for e in entries], settings_overrides=overrides)
        except CrawlLockedError as exc:
            raise click.ClickException(f"{exc} (use --db for another database)") from None
    for outcome in outcomes:
        click.echo(f"  {outcome.slug:18} {outcome.pages:4} pages, {outcome.stored_new:4} new articles "
                   f"({outcome.finish_reason})", err=True)
    print_summary(db, show_id=show_id)
    failed = [o.slug for o in outcomes if o.failed]
    if failed:
        click.echo(f"FAILED sites: {', '.join(failed)}", err=True)
        sys.exit(1)
