"""`entcrawl crawl` and `entcrawl sites`."""
from __future__ import annotations

import sys

import click

from crawler.cli.options import catalog_option, db_option, registry_option
from crawler.registry import RegistryError, load_registry
from crawler.runner import run_crawl
from crawler.settings import LOCAL_PROFILE
from crawler.spiders.arguments import SpiderArgumentError


def _spider_args(values: tuple[str, ...]) -> dict[str, str]:
    args = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="-a")
        args[key.strip()] = val.strip()
    return args


@click.command()
@click.argument("slugs", nargs=-1)
@registry_option
@db_option
@catalog_option
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE",
              help="Spider argument, e.g. -a since=2026-01-01 -a max_articles=50.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting override, e.g. -s LOG_LEVEL=WARNING.")
@click.option("--local", is_flag=True,
              help="No politeness delays (for sites served on this machine).")
def crawl(slugs, registry, db, catalog, arguments, settings, local):
    """Crawl SLUGS (default: every enabled site) into the database.

    Exits 1 when any site failed (no page fetched, or the spider closed for
    another reason than 'finished'); exits 2 on a bad argument."""
    overrides = dict(LOCAL_PROFILE) if local else {}
    overrides.update({"ENTCRAWL_REGISTRY": registry, "ENTCRAWL_DB": db, "ENTCRAWL_CATALOG": catalog})
    overrides.update(_spider_args(settings))
    try:
        outcomes = run_crawl(slugs, settings_overrides=overrides, spider_args=_spider_args(arguments))
    except (RegistryError, SpiderArgumentError) as exc:
        raise click.UsageError(str(exc)) from None
    failed = [o for o in outcomes if o.failed]
    for outcome in outcomes:
        status = "FAILED" if outcome.failed else "ok"
        click.echo(f"{outcome.slug:24} {status:6} pages={outcome.pages} new={outcome.stored_new} "
                   f"({outcome.finish_reason})", err=True)
    sys.exit(1 if failed else 0)


@click.command()
@registry_option
@click.option("--all", "show_all", is_flag=True, help="Include disabled sites.")
def sites(registry, show_all):
    """List the sites of the registry (validates it)."""
    try:
        reg = load_registry(registry)
    except RegistryError as exc:
        raise click.ClickException(str(exc)) from None
    for site in reg.sites.values():
        if site.enabled or show_all:
            flags = " demo" if site.demo else ""
            click.echo(f"{site.slug:20} {site.language:3} {site.homepage}{flags}")
