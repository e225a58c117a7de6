"""Retries with exponential backoff (Scrapy's RetryMiddleware retries at once).

A retried request waits ``ENTCRAWL_RETRY_BACKOFF_BASE * 2**(n-1)`` seconds
(capped by ``ENTCRAWL_RETRY_BACKOFF_MAX``), or the server's ``Retry-After``
when it sends one, before it goes back to the scheduler.  The wait does not
block the reactor or hold a download slot.
"""
from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings, backoff_base: float = 2.0, backoff_max: float = 60.0):
        super().__init__(settings)
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls(
            crawler.settings,
            backoff_base=crawler.settings.getfloat("ENTCRAWL_RETRY_BACKOFF_BASE", 2.0),
            backoff_max=crawler.settings.getfloat("ENTCRAWL_RETRY_BACKOFF_MAX", 60.0),
        )
        middleware.crawler = crawler
        return middleware

    def backoff_seconds(self, retry_times: int, response: Response | None = None) -> float:
        if response is not None:
            retry_after = response.headers.get(b"Retry-After")
            if retry_after and retry_after.strip().isdigit():
                return min(float(retry_after), self.backoff_max)
        return min(self.backoff_base * 2 ** max(retry_times - 1, 0), self.backoff_max)

    async def process_response(self, request: Request, response: Response):
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await asyncio.sleep(self.backoff_seconds(result.meta.get("retry_times", 1), response))
        return result

    async def process_exception(self, request: Request, exception: Exception):
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await asyncio.sleep(self.backoff_seconds(result.meta.get("retry_times", 1)))
        return result
