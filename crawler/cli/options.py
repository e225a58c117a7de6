"""Options shared by several commands: which registry, database and catalog."""
from __future__ import annotations

import click

from crawler.registry import DEFAULT_REGISTRY, PROJECT_ROOT

DEFAULT_DB = PROJECT_ROOT / "data" / "entcrawl.db"
DEFAULT_CATALOG = PROJECT_ROOT / "data" / "shows.yaml"

registry_option = click.option(
    "--registry",
    type=click.Path(dir_okay=False, exists=True),
    envvar="ENTCRAWL_REGISTRY",
    default=str(DEFAULT_REGISTRY),
    show_default=True,
    help="Site registry file (env ENTCRAWL_REGISTRY).",
)
db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="ENTCRAWL_DB",
    default=str(DEFAULT_DB),
    show_default=True,
    help="SQLite database file (env ENTCRAWL_DB).",
)
catalog_option = click.option(
    "--catalog",
    type=click.Path(dir_okay=False, exists=True),
    envvar="ENTCRAWL_CATALOG",
    default=str(DEFAULT_CATALOG),
    show_default=True,
    help="Show catalog file (env ENTCRAWL_CATALOG).",
)
