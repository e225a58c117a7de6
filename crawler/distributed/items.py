"""Finished items travel from the workers to the ingest as JSON in a Redis list.

:class:`PushItemsPipeline` (last stage on the workers, after normalize and
tag) appends each item as one JSON object to ``<prefix>:items``;
:func:`item_from_json` turns it back into an :class:`~crawler.items.ArticleItem`
in the ingest.  JSON, not pickle: the ingest holds the database and never
unpickles anything it reads from Redis.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from itemadapter import ItemAdapter
from scrapy_redis.pipelines import RedisPipeline

from crawler.distributed.keys import RedisKeys
from crawler.items import ArticleItem

ITEM_FIELDS = frozenset(f.name for f in dataclasses.fields(ArticleItem))
ITEMS_PUSHED_STAT = "entcrawl/distributed/items_pushed"


class BadItemError(ValueError):
    """A message in the item list that is not an ArticleItem in JSON."""


def item_to_json(item: Any) -> str:
    """One line of JSON with every field of the item (pure)."""
    data = dataclasses.asdict(item) if dataclasses.is_dataclass(item) else ItemAdapter(item).asdict()
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)


def item_from_json(text: str | bytes) -> ArticleItem:
    """The ArticleItem of :func:`item_to_json`'s output; unknown fields are ignored.

    Raises :class:`BadItemError` for anything else (not JSON, not an object,
    no URL).
    """
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError
        raise BadItemError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadItemError(f"not a JSON object: {type(data).__name__}")
    known = {key: value for key, value in data.items() if key in ITEM_FIELDS}
    if not (known.get("url") or known.get("canonical_url")):
        raise BadItemError("item has neither url nor canonical_url")
    try:
        return ArticleItem(**known)
    except TypeError as exc:
        raise BadItemError(str(exc)) from None


class PushItemsPipeline(RedisPipeline):
    """scrapy-redis's item pipeline with Scrapy 2.14+'s ``process_item(item)`` and JSON."""

    def __init__(self, server: Any, key: str, stats: Any = None) -> None:
        super().__init__(server, key=key, serialize_func=item_to_json)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> PushItemsPipeline:
        from scrapy_redis import connection

        keys = RedisKeys.from_settings(crawler.settings)
        return cls(connection.from_settings(crawler.settings), keys.items, crawler.stats)

    def process_item(self, item: Any) -> Any:  # type: ignore[override]
        self.server.rpush(self.key, self.serialize(item))
        if self.stats is not None:
            self.stats.inc_value(ITEMS_PUSHED_STAT)
        return item
