"""SkipCompressedCharsetDetectionMiddleware: charset detection must only ever
see decompressed bodies, and decoding must stay correct."""
from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
import scrapy.http.response.text as scrapy_text
from scrapy import Request, Spider
from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, HtmlResponse, Response, TextResponse
from scrapy.utils._download_handlers import make_response
from scrapy.utils.test import get_crawler

from crawler.middlewares import (
    SKIP_COMPRESSED_CHARSET_DETECTION_ORDER,
    SkipCompressedCharsetDetectionMiddleware,
    as_plain_response,
)

MW_PATH = "crawler.middlewares.SkipCompressedCharsetDetectionMiddleware"
GZIP_MAGIC = b"\x1f\x8b"

UTF8_PAGE = (
    "<!doctype html><html><head><title>Drama recap</title></head><body>"
    + "<p>Café crème, naïve “quotes” — 드라마 리뷰 and more text.</p>" * 40
    + "</body></html>"
).encode("utf-8")

CP1252_PAGE = (
    '<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body>'
    + "<p>Caf\xe9 \x93quoted\x94 \x96 na\xefve r\xe9sum\xe9</p>" * 40
    + "</body></html>"
).encode("latin-1")


def downloaded(url: str, body: bytes, *, encoding: str = "gzip",
               content_type: str = "text/html") -> Response:
    """What Scrapy's HTTP download handlers hand to the middlewares."""
    compressed = gzip.compress(body) if encoding == "gzip" else zlib.compress(body)
    headers = Headers({"Content-Type": content_type, "Content-Encoding": encoding})
    return make_response(url, 200, headers, compressed)


@contextmanager
def spy_on_charset_detection() -> Iterator[list[bytes]]:
    """Record every body that Scrapy's encoding inference is run on."""
    seen: list[bytes] = []
    real = scrapy_text.html_to_unicode

    def recording(content_type: str, body: bytes, **kwargs: object):
        seen.append(body)
        return real(content_type, body, **kwargs)

    with mock.patch.object(scrapy_text, "html_to_unicode", side_effect=recording):
        yield seen


def run_chain(response: Response, request: Request, *, with_fix: bool) -> Response:
    """Run the real downloader-middleware chain (all Scrapy defaults, plus ours
    at the documented order when ``with_fix``) around a fake download."""
    settings = {"DOWNLOADER_MIDDLEWARES": (
        {MW_PATH: SKIP_COMPRESSED_CHARSET_DETECTION_ORDER} if with_fix else {}
    )}
    crawler = get_crawler(settings_dict=settings)
    crawler.spider = Spider("test")
    manager = DownloaderMiddlewareManager.from_crawler(crawler)

    async def fake_download(req: Request) -> Response:
        return response

    result = asyncio.run(manager.download_async(fake_download, request))
    assert isinstance(result, Response)
    return result


def test_order_runs_before_httpcompression_in_response_direction() -> None:
    crawler = get_crawler(settings_dict={
        "DOWNLOADER_MIDDLEWARES": {MW_PATH: SKIP_COMPRESSED_CHARSET_DETECTION_ORDER}})
    crawler.spider = Spider("test")
    manager = DownloaderMiddlewareManager.from_crawler(crawler)
    names = [type(mw).__name__ for mw in manager.middlewares]
    # process_response runs in reverse order: ours must come after it in the list.
    assert names.index("SkipCompressedCharsetDetectionMiddleware") == (
        names.index("HttpCompressionMiddleware") + 1)


def test_stock_scrapy_detects_charset_on_gzip_bytes() -> None:
    """Documents the upstream cost this middleware removes. If this fails
    after a Scrapy upgrade, Scrapy fixed it and the middleware can go."""
    url = "http://127.0.0.1/news/story.html"
    assert isinstance(downloaded(url, UTF8_PAGE), TextResponse)
    with spy_on_charset_detection() as seen:
        run_chain(downloaded(url, UTF8_PAGE), Request(url), with_fix=False)
    assert any(body.startswith(GZIP_MAGIC) for body in seen)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/news/story.html",
    "http://127.0.0.1/news/story.htm",
    "http://127.0.0.1/feed.xml",
    "http://127.0.0.1/news/story-123",
])
def test_detection_never_sees_compressed_body(url: str) -> None:
    with spy_on_charset_detection() as seen:
        result = run_chain(downloaded(url, UTF8_PAGE), Request(url), with_fix=True)
        assert isinstance(result, TextResponse)
        assert result.body == UTF8_PAGE
        assert "드라마 리뷰" in result.text
    assert seen, "encoding was never inferred at all"
    assert not any(body.startswith(GZIP_MAGIC) for body in seen)


def test_charset_normalizer_not_called_for_utf8_gzip_page() -> None:
    url = "http://127.0.0.1/news/story.html"
    with mock.patch.object(scrapy_text, "from_bytes", wraps=scrapy_text.from_bytes) as detector:
        result = run_chain(downloaded(url, UTF8_PAGE), Request(url), with_fix=True)
        assert result.encoding == "utf-8"
    assert detector.call_count == 0


@pytest.mark.parametrize("url", ["http://127.0.0.1/a/caf.html", "http://127.0.0.1/a/caf"])
@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_meta_charset_page_decodes_right(url: str, encoding: str) -> None:
    response = downloaded(url, CP1252_PAGE, encoding=encoding)
    result = run_chain(response, Request(url), with_fix=True)
    assert isinstance(result, HtmlResponse)
    assert result.encoding == "cp1252"
    assert "Café “quoted” – naïve résumé" in result.text
    assert result.css("title::text").get() == "Café"
    assert b"Content-Encoding" not in result.headers


def test_utf8_page_without_any_declaration_decodes_right() -> None:
    url = "http://127.0.0.1/a/story.html"
    result = run_chain(downloaded(url, UTF8_PAGE), Request(url), with_fix=True)
    assert result.encoding == "utf-8"
    assert "Café crème, naïve “quotes”" in result.text


def test_same_final_response_with_and_without_fix() -> None:
    url = "http://127.0.0.1/a/caf.html"
    fixed = run_chain(downloaded(url, CP1252_PAGE), Request(url), with_fix=True)
    stock = run_chain(downloaded(url, CP1252_PAGE), Request(url), with_fix=False)
    assert type(fixed) is type(stock)
    assert (fixed.url, fixed.status, fixed.body, fixed.text) == (
        stock.url, stock.status, stock.body, stock.text)
    assert fixed.headers.to_unicode_dict() == stock.headers.to_unicode_dict()


def test_leaves_uncompressed_and_head_responses_alone() -> None:
    mw = SkipCompressedCharsetDetectionMiddleware()
    plain = HtmlResponse("http://127.0.0.1/a.html", body=UTF8_PAGE,
                         headers={"Content-Type": "text/html"})
    assert mw.process_response(Request(plain.url), plain) is plain
    compressed = downloaded("http://127.0.0.1/a.html", UTF8_PAGE)
    head = Request(compressed.url, method="HEAD")
    assert mw.process_response(head, compressed) is compressed


def test_as_plain_response_keeps_attributes_without_reading_encoding() -> None:
    original = downloaded("http://127.0.0.1/a.html", UTF8_PAGE)
    original.flags.append("cached")
    with mock.patch.object(TextResponse, "encoding",
                           new_callable=mock.PropertyMock) as encoding:
        plain = as_plain_response(original)
    assert encoding.call_count == 0
    assert type(plain) is Response
    for name in Response.attributes:
        if name != "request":
            assert getattr(plain, name) == getattr(original, name), name


def test_not_configured_when_compression_disabled() -> None:
    crawler = get_crawler(settings_dict={"COMPRESSION_ENABLED": False})
    with pytest.raises(NotConfigured):
        SkipCompressedCharsetDetectionMiddleware.from_crawler(crawler)


def test_httpcompression_alone_also_types_the_response() -> None:
    """Direct use (no manager): our output is a valid HttpCompression input."""
    crawler = get_crawler()
    compression = HttpCompressionMiddleware.from_crawler(crawler)
    ours = SkipCompressedCharsetDetectionMiddleware.from_crawler(crawler)
    url = "http://127.0.0.1/a.html"
    request = Request(url)
    result = compression.process_response(
        request, ours.process_response(request, downloaded(url, CP1252_PAGE)))
    assert isinstance(result, HtmlResponse)
    assert "Café" in result.text
