"""Distributed crawling: N workers on scrapy-redis, one SQLite writer (docs/distributed.md).

* ``worker.run_worker`` - run site spiders with the shared Redis scheduler and
  dupefilter; items (normalized and tagged) go to a Redis list as JSON;
* ``ingest.Ingest`` - the single writer: dedupe + store into SQLite, crawl_runs;
* ``reconcile.reconcile`` - forget fingerprints seen but never stored, and
  those of recent articles, before a run;
* ``profile.worker_settings`` - the worker settings profile;
* ``redis_url.validate_redis_url`` - no password refused unless on loopback.
"""
