"""The settings profile of a worker: crawler.settings + scrapy-redis + this package.

:func:`worker_settings` starts from the project settings (with the user's
overrides), then

* swaps in the shared scheduler and dupefilter (``SCHEDULER_PERSIST=True``,
  never ``SCHEDULER_FLUSH_ON_START``) and the Redis URL;
* keeps the CPU stages (field counts, normalize, tag) and replaces the
  database stages (dedupe, store, fetch state) by the item push to Redis;
* turns the incremental look-ups off (a worker has no database: the shared
  dupefilter plus the ingest's reconcile step decide what is fetched again);
* adds the idle-close and report extensions and the seeding and hints
  spider middlewares;
* turns telnet and remote control off, and replaces the deprecated
  ``RANDOMIZE_DOWNLOAD_DELAY`` by ``DOWNLOAD_DELAY_JITTER``;
* divides politeness by the number of workers (:mod:`.politeness`), keeping
  each setting's priority so a site's own delay still wins over the default.
"""
from __future__ import annotations

from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES, Settings

from crawler.distributed.keys import DEFAULT_PREFIX, RedisKeys
from crawler.distributed.politeness import check_workers, politeness_for_workers
from crawler.distributed.redis_url import validate_redis_url

PKG = "crawler.distributed"
DATABASE_STAGES = (
    "pipelines.dedupe.DedupePipeline",
    "pipelines.store.StorePipeline",
    "crawler.ops.fieldfill.StoredFieldsPipeline",
)
PUSH_PIPELINE = f"{PKG}.items.PushItemsPipeline"
PUSH_ORDER = 400

WORKER_PROFILE: dict[str, Any] = {
    "SCHEDULER": f"{PKG}.scheduler.SharedScheduler",
    "DUPEFILTER_CLASS": f"{PKG}.scheduler.SharedDupeFilter",
    "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
    "SCHEDULER_PERSIST": True,
    "SCHEDULER_FLUSH_ON_START": False,
    "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
    "SPIDER_LOADER_CLASS": f"{PKG}.politeness.WorkerSpiderLoader",
    "ENTCRAWL_INCREMENTAL": False,
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "ENTCRAWL_IDLE_CLOSE_SECONDS": 60.0,
    "ENTCRAWL_IDLE_POLL_SECONDS": 1.0,
    "ENTCRAWL_WORKER_HEARTBEAT_SECONDS": 10.0,
    "ENTCRAWL_SEED_TTL_SECONDS": 900,
}
WORKER_TUNABLES = frozenset(key for key in WORKER_PROFILE
                            if key.startswith("ENTCRAWL_") and key != "ENTCRAWL_INCREMENTAL")
WORKER_EXTENSIONS = {
    f"{PKG}.idle.IdleCloseExtension": 400,
    f"{PKG}.presence.WorkerReportExtension": 410,
}
WORKER_SPIDER_MIDDLEWARES = {
    f"{PKG}.presence.SeedOnceMiddleware": 10,
    f"{PKG}.hints.DiscoveryHintsMiddleware": 20,
}


def worker_pipelines(pipelines: dict[str, Any]) -> dict[str, Any]:
    """The local ITEM_PIPELINES without the database stages, plus the push (pure)."""
    kept = {path: order for path, order in pipelines.items() if path not in DATABASE_STAGES}
    kept.update({path: None for path in DATABASE_STAGES})
    kept[PUSH_PIPELINE] = PUSH_ORDER
    return kept


def worker_settings(settings: Settings, *, redis_url: str, workers: int, worker_id: str = "",
                    prefix: str = DEFAULT_PREFIX) -> Settings:
    """Apply the worker profile to ``settings`` (a copy is returned)."""
    check_workers(workers)
    result = settings.copy()
    keys = RedisKeys(prefix)
    # The tunables below keep a value the user set with -s; the rest is imposed.
    profile = {key: value for key, value in WORKER_PROFILE.items()
               if not (key in WORKER_TUNABLES and key in result)}
    profile.update({
        "REDIS_URL": validate_redis_url(redis_url),
        "SCHEDULER_QUEUE_KEY": keys.queue_template,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter_template,
        "ENTCRAWL_REDIS_PREFIX": prefix,
        "ENTCRAWL_WORKERS": workers,
        "ITEM_PIPELINES": worker_pipelines(result.getdict("ITEM_PIPELINES")),
        "EXTENSIONS": {**result.getdict("EXTENSIONS"), **WORKER_EXTENSIONS},
        "SPIDER_MIDDLEWARES": {**result.getdict("SPIDER_MIDDLEWARES"), **WORKER_SPIDER_MIDDLEWARES},
    })
    if worker_id:
        profile["ENTCRAWL_WORKER_ID"] = worker_id
    result.update(profile, priority="cmdline")
    current = {key: result.get(key) for key in
               ("CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_REQUESTS_PER_IP", "DOWNLOAD_DELAY",
                "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY", "AUTOTHROTTLE_TARGET_CONCURRENCY")
               if result.get(key) is not None}
    for key, value in politeness_for_workers(current, workers).items():
        result.set(key, value, priority=result.getpriority(key) or "project")
    replace_randomize_delay(result)
    return result


def replace_randomize_delay(settings: Settings) -> None:
    """RANDOMIZE_DOWNLOAD_DELAY (deprecated in Scrapy 2.19) as DOWNLOAD_DELAY_JITTER."""
    priority = settings.getpriority("RANDOMIZE_DOWNLOAD_DELAY") or 0
    if priority <= SETTINGS_PRIORITIES["default"]:
        return
    if priority > (settings.getpriority("DOWNLOAD_DELAY_JITTER") or 0):
        jitter = 0.5 if settings.getbool("RANDOMIZE_DOWNLOAD_DELAY") else 0.0
        settings.set("DOWNLOAD_DELAY_JITTER", jitter, priority=priority)
    del settings["RANDOMIZE_DOWNLOAD_DELAY"]
