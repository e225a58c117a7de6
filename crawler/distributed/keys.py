"""Names of the Redis keys shared by workers and the ingest (pure).

Everything lives under one prefix (``ENTCRAWL_REDIS_PREFIX``, default
``entcrawl``), so several clusters can share one Redis with different
prefixes, and ``redis-cli --scan --pattern 'entcrawl:*'`` lists it all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_PREFIX = "entcrawl"


@dataclass(frozen=True)
class RedisKeys:
    prefix: str = DEFAULT_PREFIX

    @classmethod
    def from_settings(cls, settings: Any) -> RedisKeys:
        """The keys under ``ENTCRAWL_REDIS_PREFIX`` of these Scrapy settings (or the default)."""
        return cls(settings.get("ENTCRAWL_REDIS_PREFIX") or DEFAULT_PREFIX)

    # --- per spider (scrapy-redis templates use %(spider)s) ----------------
    @property
    def queue_template(self) -> str:
        return f"{self.prefix}:%(spider)s:requests"

    @property
    def dupefilter_template(self) -> str:
        return f"{self.prefix}:%(spider)s:dupefilter"

    def queue(self, spider: str) -> str:
        return self.queue_template % {"spider": spider}

    def dupefilter(self, spider: str) -> str:
        return self.dupefilter_template % {"spider": spider}

    def pending(self, spider: str) -> str:
        """Fingerprints of the filtered requests still waiting in the queue."""
        return f"{self.prefix}:{spider}:pending"

    def seeded(self, spider: str) -> str:
        """Set while one worker has pushed this run's start requests."""
        return f"{self.prefix}:{spider}:seeded"

    @property
    def dupefilter_pattern(self) -> str:
        return f"{self.prefix}:*:dupefilter"

    def spider_of_dupefilter(self, key: str) -> str:
        return key[len(self.prefix) + 1:-len(":dupefilter")]

    # --- items and reports ---------------------------------------------------
    @property
    def items(self) -> str:
        return f"{self.prefix}:items"

    @property
    def items_processing(self) -> str:
        """Items the ingest has taken but not yet committed."""
        return f"{self.prefix}:items:processing"

    @property
    def items_failed(self) -> str:
        """Items the ingest could not store (kept, never dropped)."""
        return f"{self.prefix}:items:failed"

    @property
    def reports(self) -> str:
        """One JSON stats report per worker spider that closed."""
        return f"{self.prefix}:reports"

    # --- presence and coordination ------------------------------------------
    def worker(self, worker_id: str) -> str:
        return f"{self.prefix}:worker:{worker_id}"

    @property
    def worker_pattern(self) -> str:
        return f"{self.prefix}:worker:*"

    @property
    def reconciling(self) -> str:
        """Set by the ingest while it reconciles; workers wait for it to go."""
        return f"{self.prefix}:reconciling"
