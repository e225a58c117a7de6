"""Downloader middlewares for entcrawl.

``SkipCompressedCharsetDetectionMiddleware``
--------------------------------------------
Why it exists (Scrapy 2.19, verified in the installed sources):

1. The download handler builds the response with
   ``responsetypes.from_args(headers=..., url=..., body=<still compressed>)``
   (``scrapy/utils/_download_handlers.py: make_response``).  Because the
   response has a ``Content-Encoding`` header, ``from_headers`` returns the
   plain ``Response``, but ``from_args`` then falls back to guessing from the
   URL's file name, so ``/news/story.html`` (or ``.htm``, ``.xml``, ``.txt``,
   ...) becomes an ``HtmlResponse``/``XmlResponse``/``TextResponse`` whose
   body is gzip bytes.
2. ``HttpCompressionMiddleware.process_response`` decompresses and calls
   ``response.replace(cls=..., body=decoded, encoding=None)``.
   ``Response.replace`` runs ``kwargs.setdefault(x, getattr(self, x))`` for
   every name in ``attributes``; ``getattr`` is evaluated even though the
   key is already set, and ``TextResponse.attributes`` contains
   ``"encoding"``.  So ``TextResponse.encoding`` is computed on the
   *compressed* body: no BOM, no charset in Content-Type, no ``<meta>`` in
   gzip bytes, ASCII and UTF-8 decoding fail, and
   ``charset_normalizer.from_bytes`` runs over binary data.  The result is
   thrown away (the new response gets ``encoding=None``).

The fix: run just before ``HttpCompressionMiddleware`` in the response
direction (order 595 > 590) and, for responses that middleware is about to
decompress, rebuild a ``TextResponse`` subclass as a plain ``Response``
without touching ``.encoding``.  ``HttpCompressionMiddleware`` then picks
the response class from the same headers/URL plus the *decompressed* body,
so the final response is identical; only the wasted detection disappears.
Encoding inference later happens once, on the decompressed body, where a
``<meta charset>`` is found cheaply.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response, TextResponse

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: ``DOWNLOADER_MIDDLEWARES`` order: must be greater than
#: ``HttpCompressionMiddleware`` (590) so ``process_response`` runs before it.
SKIP_COMPRESSED_CHARSET_DETECTION_ORDER = 595


def as_plain_response(response: Response) -> Response:
    """Return ``response`` rebuilt as a plain ``Response`` (same url, status,
    headers, body, flags, request, certificate, ip_address, protocol).

    Unlike ``response.replace(cls=Response)`` this never reads
    ``TextResponse.encoding``.
    """
    kwargs: dict[str, Any] = {name: getattr(response, name) for name in Response.attributes}
    return Response(**kwargs)


class SkipCompressedCharsetDetectionMiddleware:
    """Keep compressed responses binary until ``HttpCompressionMiddleware``
    has decompressed them, so charset detection never sees gzip bytes.

    Enable with ``DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SkipCompressedCharsetDetectionMiddleware": 595}``.
    """

    def __init__(self, *, compression_enabled: bool = True) -> None:
        self.compression_enabled = compression_enabled

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SkipCompressedCharsetDetectionMiddleware:
        enabled = crawler.settings.getbool("COMPRESSION_ENABLED", True)
        if not enabled:
            # Nobody would decompress and re-type the response: leave it alone.
            raise NotConfigured("COMPRESSION_ENABLED is off")
        return cls(compression_enabled=enabled)

    def process_response(self, request: Request, response: Response) -> Response:
        if not self.compression_enabled:
            return response
        # Same conditions under which HttpCompressionMiddleware re-types the
        # response: it skips HEAD and responses without Content-Encoding.
        if request.method == "HEAD" or not response.headers.getlist("Content-Encoding"):
            return response
        if not isinstance(response, TextResponse):
            return response
        return as_plain_response(response)
