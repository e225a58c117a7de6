"""Address guard (private/loopback/link-local, after DNS and redirects) and strict offsite checks."""
from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import Response
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler

from crawler.ops.addresses import AddressGuardMiddleware, BlockedAddressError, is_public_address
from crawler.ops.offsite import StrictOffsiteMiddleware

PUBLIC = {"news.example": ["93.184.216.34"], "cdn.example": ["93.184.216.34", "2606:2800:220:1::1"],
          "rebind.example": ["93.184.216.34", "10.0.0.7"], "metadata.example": ["169.254.169.254"],
          "localhost": ["127.0.0.1", "::1"]}


class FakeResolver:
    def __init__(self) -> None:
        self.calls: list[str] = []

    async def __call__(self, host: str) -> list[str]:
        self.calls.append(host)
        if host not in PUBLIC:
            raise OSError("Name or service not known")
        return PUBLIC[host]


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def guard(resolver=None, allow_private=False) -> AddressGuardMiddleware:
    return AddressGuardMiddleware(allow_private=allow_private, resolver=resolver or FakeResolver(), stats=Stats())


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.mark.parametrize("address, public", [
    ("93.184.216.34", True), ("2606:2800:220:1::1", True), ("127.0.0.1", False), ("10.1.2.3", False),
    ("172.16.0.1", False), ("192.168.1.1", False), ("169.254.169.254", False), ("100.64.0.1", False),
    ("0.0.0.0", False), ("224.0.0.1", False), ("240.0.0.1", False), ("::1", False), ("fe80::1", False),
    ("fc00::1", False), ("::ffff:127.0.0.1", False), ("ff02::1", False), ("not-an-ip", False),
])
def test_public_addresses(address, public):
    assert is_public_address(address) is public


def test_public_host_passes_and_answers_are_cached():
    resolver = FakeResolver()
    middleware = guard(resolver)
    for path in ("/a", "/b"):
        assert run(middleware.process_request(Request(f"https://news.example{path}"))) is None
    assert resolver.calls == ["news.example"]


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8080/", "http://[::1]/", "http://10.0.0.5/feed", "http://localhost/",
    "http://metadata.example/latest/meta-data/", "http://rebind.example/",   # one private answer is enough
])
def test_private_targets_are_blocked_and_counted(url):
    middleware = guard()
    with pytest.raises(BlockedAddressError):
        run(middleware.process_request(Request(url)))
    assert middleware.stats.values == {"entcrawl/errors/blocked_address": 1}


def test_unresolvable_host_is_a_dns_failure_not_a_pass():
    with pytest.raises(CannotResolveHostError):
        run(guard().process_request(Request("http://no-such-host.example/")))


def test_allow_private_network_lets_loopback_through():
    assert run(guard(allow_private=True).process_request(Request("http://127.0.0.1/"))) is None


def test_redirect_from_a_public_host_to_loopback_is_blocked():
    crawler = get_crawler(Spider, {"REDIRECT_MAX_TIMES": 5})
    crawler.spider = Spider.from_crawler(crawler, name="s")
    redirect = RedirectMiddleware.from_crawler(crawler)
    middleware = guard()
    first = Request("https://news.example/story")
    assert run(middleware.process_request(first)) is None
    response = Response(first.url, status=302, headers={"Location": "http://127.0.0.1:2375/containers/json"},
                        request=first)
    redirected = redirect.process_response(first, response)
    assert isinstance(redirected, Request) and redirected.url.startswith("http://127.0.0.1")
    with pytest.raises(BlockedAddressError):
        run(middleware.process_request(redirected))


def test_guard_reads_the_site_flag_from_settings():
    on = AddressGuardMiddleware.from_crawler(get_crawler(Spider, {"ENTCRAWL_ALLOW_PRIVATE_NETWORK": True}))
    off = AddressGuardMiddleware.from_crawler(get_crawler(Spider, {}))
    assert on.allow_private and not off.allow_private


def offsite_pair():
    crawler = get_crawler(Spider)
    crawler.spider = Spider.from_crawler(crawler, name="s", allowed_domains=["news.example"])
    crawler.spider.allowed_domains = ["news.example"]
    stock, strict = OffsiteMiddleware.from_crawler(crawler), StrictOffsiteMiddleware.from_crawler(crawler)
    for middleware in (stock, strict):
        middleware.spider_opened(crawler.spider)
    return crawler, stock, strict


def test_stock_offsite_lets_dont_filter_redirects_leave_the_site():
    _, stock, strict = offsite_pair()
    feed_redirect = Request("https://evil.example/feed.xml", dont_filter=True,
                            meta={"redirect_urls": ["https://news.example/feed.xml"]})
    assert stock.process_request(feed_redirect) is None          # the gap in Scrapy 2.19
    with pytest.raises(IgnoreRequest):
        strict.process_request(feed_redirect)


def test_strict_offsite_counts_redirects_and_skipped_links():
    crawler, _, strict = offsite_pair()
    assert strict.process_request(Request("https://www.news.example/a")) is None
    with pytest.raises(IgnoreRequest):
        strict.process_request(Request("https://evil.example/a", meta={"redirect_urls": ["https://news.example/a"]}))
    with pytest.raises(IgnoreRequest):
        strict.process_request(Request("https://other.example/b"))
    stats = crawler.stats.get_stats()
    assert stats["entcrawl/errors/offsite_redirect"] == 1
    assert stats["entcrawl/skipped/offsite"] == 1
