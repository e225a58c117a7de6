"""failure_kind: one name per way a request fails."""
from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error

from crawler.ops.addresses import BlockedAddressError
from crawler.ops.failures import failure_kind
from crawler.ops.offsite import OffsiteRequestError


@pytest.mark.parametrize("exception, kind", [
    (HttpError(HtmlResponse("http://x.example/", status=503), "no"), "http_503"),
    (HttpError(HtmlResponse("http://x.example/", status=404), "no"), "http_404"),
    (DownloadTimeoutError("Getting x took longer than 1 seconds."), "timeout"),
    (tx_error.TimeoutError(), "timeout"),
    (ResponseDataLossError(), "truncated"),
    (DownloadFailedError("[<twisted.python.failure.Failure ConnectionLost>]"), "connection_reset"),
    (tx_error.ConnectionLost(), "connection_reset"),
    (DownloadConnectionRefusedError("refused"), "connection_refused"),
    (CannotResolveHostError("no.such.host"), "dns"),
    (DownloadCancelledError("expected response size (9) larger than download max size (1)"), "too_large"),
    (DownloadCancelledError(""), "too_large"),
    (IgnoreRequest("Ignored response <200 x> because its body (9 B compressed, 99 B decompressed"
                   " so far) exceeded DOWNLOAD_MAXSIZE (10 B) during decompression."), "too_large"),
    (IgnoreRequest("max redirections reached"), "redirect_loop"),
    (IgnoreRequest("Forbidden by robots.txt"), "robots_disallowed"),
    (IgnoreRequest("something else"), "ignored"),
    (BlockedAddressError("127.0.0.1"), "blocked_address"),
    (OffsiteRequestError("evil.example"), "offsite"),
    (KeyError("x"), "other_KeyError"),
])
def test_kinds(exception, kind):
    assert failure_kind(exception) == kind
