"""One benchmark crawl, run in its own interpreter by bench/run.py.

    python bench/crawl_job.py MODE --registry R --start-url U --db D [--workers N] [--profile OUT]

MODE: ``bare`` (floor), ``bare-stock`` (floor without entcrawl's gzip charset
middleware), ``naive`` (trafilatura with metadata), ``naive-text``
(trafilatura text only), ``full`` (the entcrawl spider and pipelines).
Every mode uses entcrawl's settings with the LOCAL profile (no delays), robots
on, 16 concurrent requests, logging at WARNING.  Prints one line
``BENCH_RESULT {json}`` with the crawl's stats.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.settings import DOWNLOADER_MIDDLEWARES, LOCAL_PROFILE  # noqa: E402

MODES = ("bare", "bare-stock", "naive", "naive-text", "full")
CHARSET_FIX = "crawler.middlewares.SkipCompressedCharsetDetectionMiddleware"


def crawl_settings(mode: str, registry: str, db: str, workers: str) -> dict[str, Any]:
    settings: dict[str, Any] = dict(LOCAL_PROFILE)
    settings.update({
        "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "CONCURRENT_REQUESTS": 16,
        "ENTCRAWL_REGISTRY": registry, "ENTCRAWL_DB": db, "ENTCRAWL_EXTRACTION_WORKERS": workers,
        "MEMUSAGE_ENABLED": False,
        # The bench site is on 127.0.0.1 (its registry entry says allow_private_network: true;
        # the reference spiders are not registry spiders, so say it for every mode).
        "ENTCRAWL_ALLOW_PRIVATE_NETWORK": True,
    })
    if mode != "full":
        settings["ITEM_PIPELINES"] = {}
    if mode == "bare-stock":
        settings["DOWNLOADER_MIDDLEWARES"] = {**DOWNLOADER_MIDDLEWARES, CHARSET_FIX: None}
    return settings


def run(mode: str, registry: str, start_url: str, db: str, workers: str) -> dict[str, Any]:
    overrides = crawl_settings(mode, registry, db, workers)
    if mode == "full":
        from crawler.runner import run_crawl

        (outcome,) = run_crawl(["bench"], settings_overrides=overrides)
        return outcome.stats
    from scrapy.crawler import CrawlerProcess

    from bench.spiders import BareSpider, NaiveSpider
    from crawler.runner import project_settings

    process = CrawlerProcess(project_settings(overrides), install_root_handler=True)
    spider = BareSpider if mode.startswith("bare") else NaiveSpider
    arguments = {"start_url": start_url}
    if mode == "naive-text":
        arguments["metadata"] = "0"
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **arguments)
    process.start()
    return crawler.stats.get_stats() if crawler.stats else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--start-url", required=True)
    parser.add_argument("--db", default=":memory:")
    parser.add_argument("--workers", default="auto")
    parser.add_argument("--profile", help="write cProfile stats of this process here")
    args = parser.parse_args()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    stats = run(args.mode, args.registry, args.start_url, args.db, args.workers)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    keep = {key: value for key, value in stats.items()
            if isinstance(value, (int, float, str)) and not key.startswith("downloader/response_status")}
    # CPU of the reactor process itself vs its (reaped) extraction workers.
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    keep["bench/cpu_reactor_seconds"] = own.ru_utime + own.ru_stime
    keep["bench/cpu_workers_seconds"] = workers.ru_utime + workers.ru_stime
    if args.mode == "full":
        from crawler.extraction_pool import workers_from_setting

        keep["bench/extraction_workers"] = workers_from_setting(args.workers)
    print("BENCH_RESULT " + json.dumps(keep, default=str), flush=True)


if __name__ == "__main__":
    main()
