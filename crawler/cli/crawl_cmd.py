"""`entcrawl crawl` and `entcrawl sites`.

Exit codes of `entcrawl crawl` (docs/operations.md):

| code | meaning |
|---|---|
| 0 | every site finished and fetched pages |
| 1 | at least one site failed (no page fetched, or closed for another reason than 'finished') |
| 2 | usage error: bad option, unknown site, invalid registry or spider argument, unwritable log file |
| 3 | another crawl holds the lock of this database: nothing was done |
| 4 | the crawl crashed (unexpected error; traceback in the log) |
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from crawler.cli.options import catalog_option, db_option, registry_option
from crawler.ops.lock import CrawlLockedError
from crawler.ops.logsetup import NO_LOG_FILE, configure_run_logging, default_log_file, stream_is_terminal
from crawler.registry import RegistryError, load_registry
from crawler.runner import SiteOutcome, run_crawl
from crawler.settings import LOCAL_PROFILE
from crawler.spiders.arguments import SpiderArgumentError

EXIT_OK, EXIT_SITE_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_CRASHED = 0, 1, 2, 3, 4
DEFAULT_PROGRESS_INTERVAL = 15.0
logger = logging.getLogger("entcrawl.crawl")


def _spider_args(values: tuple[str, ...]) -> dict[str, str]:
    args = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="-a")
        args[key.strip()] = val.strip()
    return args


def outcome_line(outcome: SiteOutcome) -> str:
    status = "FAILED" if outcome.failed else "ok"
    return (
        f"{outcome.slug:24} {status:6} pages={outcome.pages} new={outcome.stored_new}"
        f" updated={outcome.count('entcrawl/store/updated')}"
        f" unchanged={outcome.count('entcrawl/store/unchanged')}"
        f" skipped_known={outcome.count('entcrawl/skipped/known')}"
        f" dropped={outcome.count('entcrawl/dropped/')} errors={outcome.count('entcrawl/errors/')}"
        f" ({outcome.finish_reason})"
    )


def _log_file(value: str | None) -> Path | None:
    if value == NO_LOG_FILE:
        return None
    return Path(value) if value else default_log_file(dt.date.today())


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
@click.option("--log-file", envvar="ENTCRAWL_LOG_FILE", metavar="PATH",
              help="Log file, appended to (default data/logs/entcrawl-YYYYMMDD.log; '-' for none; "
                   "env ENTCRAWL_LOG_FILE).")
@click.option("--quiet/--no-quiet", default=None,
              help="Terminal shows errors only (default: quiet when stderr is not a terminal, "
                   "e.g. under cron). The log file always gets everything.")
@click.option("--progress-interval", type=click.FloatRange(min=0), default=DEFAULT_PROGRESS_INTERVAL,
              show_default=True, metavar="SECONDS", help="Per-site progress line every SECONDS (0: off).")
def crawl(slugs, registry, db, catalog, arguments, settings, local, log_file, quiet, progress_interval):
    """Crawl SLUGS (default: every enabled site) into the database.

    Exit codes: 0 ok, 1 a site failed, 2 usage error, 3 another crawl holds
    the database lock, 4 crashed."""
    overrides = dict(LOCAL_PROFILE) if local else {}
    overrides.update({"ENTCRAWL_REGISTRY": registry, "ENTCRAWL_DB": db, "ENTCRAWL_CATALOG": catalog})
    overrides.update(_spider_args(settings))
    spider_args = _spider_args(arguments)
    overrides.update({"LOG_INSTALL_ROOT_HANDLER": False, "ENTCRAWL_PROGRESS_INTERVAL": progress_interval})
    if quiet is None:
        quiet = not stream_is_terminal(sys.stderr)
    try:
        run_logging = configure_run_logging(
            log_file=_log_file(log_file), level=str(overrides.get("LOG_LEVEL", "INFO")).upper(), quiet=quiet
        )
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"cannot set up logging: {exc}") from None
    try:
        sys.exit(_crawl(slugs, overrides, spider_args))
    finally:
        run_logging.close()


def _crawl(slugs: tuple[str, ...], overrides: dict, spider_args: dict[str, str]) -> int:
    try:
        outcomes = run_crawl(slugs, settings_overrides=overrides, spider_args=spider_args)
    except (RegistryError, SpiderArgumentError) as exc:
        raise click.UsageError(str(exc)) from None
    except CrawlLockedError as exc:
        logger.error("entcrawl crawl: %s; exiting (code %d)", exc, EXIT_LOCKED)
        return EXIT_LOCKED
    except Exception:
        logger.exception("entcrawl crawl crashed")
        return EXIT_CRASHED
    for outcome in outcomes:
        (logger.error if outcome.failed else logger.info)("%s", outcome_line(outcome))
    failed = [o.slug for o in outcomes if o.failed]
    if failed:
        logger.error("%d of %d sites failed: %s", len(failed), len(outcomes), ", ".join(failed))
        return EXIT_SITE_FAILED
    return EXIT_OK


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
