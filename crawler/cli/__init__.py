"""The `entcrawl` command line: one module per command (group)."""
from __future__ import annotations

import click

from crawler.cli.claims_cmd import claims
from crawler.cli.coverage_cmd import compare, coverage, timeline_command
from crawler.cli.crawl_cmd import crawl, sites
from crawler.cli.demo_cmd import demo
from crawler.cli.extract_cmd import extract
from crawler.cli.health_cmd import health
from crawler.cli.ingest_cmd import ingest
from crawler.cli.retag_cmd import retag
from crawler.cli.serve_cmd import serve
from crawler.cli.shows_cmd import shows
from crawler.cli.worker_cmd import worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="entcrawl")
def main() -> None:
    """entcrawl: crawl entertainment news, tag articles by TV show, and follow
    how the coverage of a title evolves in SQLite and Datasette."""


for command in (crawl, sites, demo, extract, serve, shows, coverage, timeline_command, compare, health,
                retag, claims, worker, ingest):
    main.add_command(command)
