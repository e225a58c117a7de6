"""`entcrawl worker`: run site spiders as one worker of a distributed crawl.

Exit codes:

| code | meaning |
|---|---|
| 0 | every site's spider closed normally (having fetched pages or not) |
| 1 | at least one spider closed for another reason than 'finished' |
| 2 | usage error: bad option, unknown site, spider argument, unsafe Redis URL |
| 4 | the worker crashed (traceback in the log) |
| 5 | Redis cannot be reached |
"""
from __future__ import annotations

import logging
import sys

import click

from crawler.cli.options import catalog_option, registry_option
from crawler.distributed.redis_url import RedisUrlError, redact
from crawler.ops.logsetup import configure_run_logging, stream_is_terminal
from crawler.registry import RegistryError
from crawler.settings import LOCAL_PROFILE
from crawler.spiders.arguments import SpiderArgumentError

EXIT_OK, EXIT_SITE_FAILED, EXIT_USAGE, EXIT_CRASHED, EXIT_REDIS = 0, 1, 2, 4, 5
logger = logging.getLogger("entcrawl.worker")

redis_option = click.option(
    "--redis", "redis_url", envvar="ENTCRAWL_REDIS_URL", required=True, metavar="URL",
    help="Redis URL, e.g. redis://:PASSWORD@10.0.0.5:6379/0 (env ENTCRAWL_REDIS_URL). "
         "A URL without password is refused unless the host is loopback.")


def name_value_pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint=option)
        pairs[key.strip()] = val.strip()
    return pairs


@click.command()
@click.argument("slugs", nargs=-1)
@redis_option
@registry_option
@catalog_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, envvar="ENTCRAWL_WORKERS",
              help="How many workers the cluster runs: each gets 1/N of the per-site politeness budget.")
@click.option("--worker-id", default="", help="Name in Redis and in reports (default HOST-PID).")
@click.option("--idle-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Close once the shared queue stayed empty this long (default 60).")
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE", help="Spider argument.")
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="Scrapy setting override.")
@click.option("--local", is_flag=True, help="No politeness delays (for sites served on this machine).")
@click.option("--quiet/--no-quiet", default=None, help="Terminal shows errors only (default when not a terminal).")
def worker(slugs, redis_url, registry, catalog, workers, worker_id, idle_timeout, arguments, settings,
           local, quiet):
    """Crawl SLUGS (default: every enabled site) as one worker sharing a Redis queue.

    Items go to Redis; `entcrawl ingest` stores them.  Exit codes: 0 ok,
    1 a spider failed, 2 usage error, 4 crashed, 5 Redis unreachable."""
    overrides = dict(LOCAL_PROFILE) if local else {}
    overrides.update({"ENTCRAWL_REGISTRY": registry, "ENTCRAWL_CATALOG": catalog,
                      "LOG_INSTALL_ROOT_HANDLER": False})
    if idle_timeout is not None:
        overrides["ENTCRAWL_IDLE_CLOSE_SECONDS"] = idle_timeout
    overrides.update(name_value_pairs(settings, "-s"))
    spider_args = name_value_pairs(arguments, "-a")
    if quiet is None:
        quiet = not stream_is_terminal(sys.stderr)
    run_logging = configure_run_logging(log_file=None, level=str(overrides.get("LOG_LEVEL", "INFO")).upper(),
                                        quiet=quiet)
    try:
        sys.exit(_work(slugs, redis_url, workers, worker_id, overrides, spider_args))
    finally:
        run_logging.close()


def _work(slugs, redis_url, workers, worker_id, overrides, spider_args) -> int:
    import redis  # imported here: `entcrawl crawl` must work without the distributed extras

    from crawler.distributed.worker import run_worker

    try:
        outcomes = run_worker(slugs, redis_url=redis_url, workers=workers, worker_id=worker_id,
                              settings_overrides=overrides, spider_args=spider_args)
    except (RedisUrlError, RegistryError, SpiderArgumentError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    except redis.RedisError as exc:
        logger.error("entcrawl worker: cannot use Redis at %s: %s", redact(redis_url), exc)
        return EXIT_REDIS
    except Exception:
        logger.exception("entcrawl worker crashed")
        return EXIT_CRASHED
    for outcome in outcomes:
        click.echo(outcome.line())
    return EXIT_SITE_FAILED if any(o.failed for o in outcomes) else EXIT_OK
