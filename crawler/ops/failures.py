"""One short name per way a request can fail (``entcrawl/errors/<kind>``).

``failure_kind(exception)`` is pure; the spider's errback counts the kind of
every request that failed for good (after retries), so ``crawl_runs.errors``
says what went wrong in words a person can act on:

| kind | cause |
|---|---|
| ``http_<code>`` | final response was an HTTP error (``http_404``, ``http_503``) |
| ``timeout`` | no complete response within ``DOWNLOAD_TIMEOUT`` |
| ``connection_reset`` | the connection was reset or closed before a response |
| ``connection_refused`` | nothing listens there |
| ``dns`` | host name did not resolve |
| ``truncated`` | the body was shorter than announced (data loss) |
| ``too_large`` | over ``DOWNLOAD_MAXSIZE``, also after decompression (gzip bomb) |
| ``redirect_loop`` | too many redirects, or a redirect back to a URL of the chain |
| ``robots_disallowed`` | robots.txt forbids the URL |
| ``offsite_redirect`` / ``blocked_address`` | counted by the safety middlewares themselves |
| ``ignored`` | another middleware dropped the request |
| ``other_<ExceptionName>`` | anything else |
"""
from __future__ import annotations

import re

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.web._newclient import ResponseFailed


class CountedIgnoreRequest(IgnoreRequest):
    """An ``IgnoreRequest`` whose kind its raiser already counted (the errback skips it)."""

    kind = "ignored"


_IGNORE_MESSAGES = (
    (re.compile(r"robots\.txt", re.IGNORECASE), "robots_disallowed"),
    (re.compile(r"max redirections", re.IGNORECASE), "redirect_loop"),
    (re.compile(r"DOWNLOAD_MAXSIZE|max ?size", re.IGNORECASE), "too_large"),
    (re.compile(r"offsite", re.IGNORECASE), "offsite"),
)
_SIMPLE_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError), "timeout"),
    ((ResponseDataLossError,), "truncated"),
    ((DownloadConnectionRefusedError, tx_error.ConnectionRefusedError), "connection_refused"),
    ((CannotResolveHostError, tx_error.DNSLookupError), "dns"),
    ((DownloadFailedError, ResponseFailed, tx_error.ConnectionLost, tx_error.ConnectionDone,
      tx_error.ConnectionAborted, ConnectionResetError), "connection_reset"),
)


def failure_kind(exception: BaseException) -> str:
    """The ``entcrawl/errors/<kind>`` name of a request's final failure."""
    if isinstance(exception, CountedIgnoreRequest):
        return exception.kind
    if isinstance(exception, HttpError):
        response = getattr(exception, "response", None)
        status = getattr(response, "status", None)
        return f"http_{status}" if status else "http_error"
    if isinstance(exception, IgnoreRequest):
        message = str(exception)
        for pattern, kind in _IGNORE_MESSAGES:
            if pattern.search(message):
                return kind
        return "ignored"
    if isinstance(exception, DownloadCancelledError):
        # Scrapy's HTTP handler cancels a download only for DOWNLOAD_MAXSIZE: with a
        # message when Content-Length announces too much, without one when the
        # bytes received pass the cap.
        return "too_large"
    for classes, kind in _SIMPLE_KINDS:
        if isinstance(exception, classes):
            return kind
    return "other_" + type(exception).__name__
