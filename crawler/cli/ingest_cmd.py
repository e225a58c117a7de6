"""`entcrawl ingest`: the single writer of a distributed crawl.

Exit codes:

| code | meaning |
|---|---|
| 0 | every item taken was stored |
| 1 | some items could not be stored: kept in `<prefix>:items:failed` (`--retry-failed`) |
| 2 | usage error (bad option, unsafe Redis URL) |
| 3 | another crawl or ingest holds the lock of this database: nothing was done |
| 4 | the ingest crashed (traceback in the log) |
| 5 | Redis cannot be reached |
"""
from __future__ import annotations

import datetime as dt
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from crawler.cli.options import catalog_option, db_option, registry_option
from crawler.cli.worker_cmd import redis_option
from crawler.distributed.keys import DEFAULT_PREFIX, RedisKeys
from crawler.distributed.redis_url import RedisUrlError, connect, redact
from crawler.ops.lock import CrawlLockedError
from crawler.ops.logsetup import configure_run_logging, stream_is_terminal

if TYPE_CHECKING:
    from crawler.distributed.ingest import Ingest, IngestOptions, IngestResult

EXIT_OK, EXIT_ITEMS_FAILED, EXIT_LOCKED, EXIT_CRASHED, EXIT_REDIS = 0, 1, 3, 4, 5
logger = logging.getLogger("entcrawl.ingest")


@click.command()
@redis_option
@db_option
@registry_option
@catalog_option
@click.option("--batch-size", type=click.IntRange(min=1), default=100, show_default=True,
              help="Items taken from Redis at a time.")
@click.option("--idle-timeout", type=click.FloatRange(min=0), default=60.0, show_default=True, metavar="SECONDS",
              help="Exit once the item list stayed empty, with no worker alive, this long.")
@click.option("--start-timeout", type=click.FloatRange(min=0), default=120.0, show_default=True,
              metavar="SECONDS", help="Exit if no worker and no item showed up this long after the start.")
@click.option("--recrawl-days", type=click.FloatRange(min=0), default=3.0, show_default=True,
              help="Reconcile lets articles published less than this ago be fetched again (0: never).")
@click.option("--reconcile/--no-reconcile", default=True, show_default=True,
              help="Before draining, forget dupefilter fingerprints never stored (needs no worker running).")
@click.option("--retry-failed", is_flag=True, help="Put the items kept as failed back in the queue first.")
@click.option("--prefix", default=DEFAULT_PREFIX, show_default=True, help="Redis key prefix (ENTCRAWL_REDIS_PREFIX).")
@click.option("--quiet/--no-quiet", default=None, help="Terminal shows errors only (default when not a terminal).")
def ingest(redis_url, db, registry, catalog, batch_size, idle_timeout, start_timeout, recrawl_days, reconcile, retry_failed,
           prefix, quiet):
    """Store the items the workers push to Redis into the database (one writer).

    Exit codes: 0 ok, 1 items kept as failed, 2 usage error, 3 database
    locked, 4 crashed, 5 Redis unreachable."""
    from crawler.distributed.ingest import IngestOptions  # needs scrapy-redis: imported on use

    if quiet is None:
        quiet = not stream_is_terminal(sys.stderr)
    run_logging = configure_run_logging(log_file=None, level="INFO", quiet=quiet)
    options = IngestOptions(
        db_path=Path(db), batch_size=batch_size, idle_timeout=idle_timeout, start_timeout=start_timeout,
        catalog_path=catalog,
        registry_path=registry, recrawl_window=dt.timedelta(days=recrawl_days) if recrawl_days else None,
        reconcile=reconcile, retry_failed=retry_failed)
    try:
        sys.exit(_ingest(redis_url, prefix, options))
    finally:
        run_logging.close()


def _ingest(redis_url: str, prefix: str, options: IngestOptions) -> int:
    import redis

    from crawler.distributed.ingest import Ingest

    try:
        server = connect(redis_url)
        server.ping()
    except RedisUrlError as exc:
        raise click.UsageError(str(exc)) from None
    except redis.RedisError as exc:
        logger.error("entcrawl ingest: cannot reach Redis at %s: %s", redact(redis_url), exc)
        return EXIT_REDIS
    job = Ingest(server, RedisKeys(prefix), options)
    previous = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, _stopper(job))
    try:
        result = job.run()
    except CrawlLockedError as exc:
        logger.error("entcrawl ingest: %s; exiting (code %d)", exc, EXIT_LOCKED)
        return EXIT_LOCKED
    except redis.RedisError as exc:
        logger.error("entcrawl ingest: Redis failed: %s (items taken are put back on the next start)", exc)
        return EXIT_REDIS
    except Exception:
        logger.exception("entcrawl ingest crashed")
        return EXIT_CRASHED
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(summary_line(result))
    return EXIT_ITEMS_FAILED if result.failed else EXIT_OK


def _stopper(job: Ingest):
    def stop(signum, frame) -> None:  # finish the batch in hand, close the runs as "shutdown"
        job.stop_requested = True
    return stop


def summary_line(result: IngestResult) -> str:
    outcomes = result.outcomes
    reconciled = ("skipped" if result.reconciled is None else
                  f"forgot {sum(r.forgotten_lost for r in result.reconciled)} lost"
                  f" + {sum(r.forgotten_recent for r in result.reconciled)} recent")
    return (f"ingest {result.run_id}: new={outcomes['new']} updated={outcomes['updated']}"
            f" unchanged={outcomes['unchanged']} duplicate={outcomes['duplicate']} failed={result.failed}"
            f" sites={len(result.sources)} worker_reports={len(result.worker_reports)} reconcile: {reconciled}")
