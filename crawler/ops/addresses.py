"""Never fetch private, loopback, link-local, multicast or reserved addresses.

``AddressGuardMiddleware`` (downloader middleware, order 60: after the
offsite check, before robots.txt) resolves each request's host (IP literals
are taken as they are), caches the answer per host, and refuses the request
when any address is not a public unicast one, raising
:class:`BlockedAddressError` and counting ``entcrawl/errors/blocked_address``.
Redirects come back through the downloader middlewares as new requests, so a
public page redirecting to ``http://127.0.0.1/`` or ``http://localhost/`` is
refused too.

A site entry with ``allow_private_network: true`` (the demo and test sites
on 127.0.0.x) turns the guard off for its spider: the spider puts
``ENTCRAWL_ALLOW_PRIVATE_NETWORK`` in its settings.

Limit: Scrapy resolves the host again when it connects; a DNS server that
answers differently within seconds (DNS rebinding) is not caught.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from scrapy import Request
from scrapy.exceptions import CannotResolveHostError
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import threads

from crawler.ops.failures import CountedIgnoreRequest

logger = logging.getLogger(__name__)

Resolver = Callable[[str], Awaitable[list[str]]]
BLOCKED_STAT = "entcrawl/errors/blocked_address"


class BlockedAddressError(CountedIgnoreRequest):
    kind = "blocked_address"


def is_public_address(address: str) -> bool:
    """True for a global unicast IPv4/IPv6 address (IPv4-mapped IPv6 unwrapped)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local
        or ip.is_private or ip.is_unspecified
    )


def literal_address(host: str) -> str | None:
    """``host`` itself when it is an IP literal (brackets stripped), else None."""
    candidate = host.strip("[]")
    try:
        return str(ipaddress.ip_address(candidate.split("%", 1)[0]))
    except ValueError:
        return None


async def resolve_with_system(host: str) -> list[str]:
    """All addresses ``getaddrinfo`` gives for ``host`` (in a thread: never blocks the reactor)."""
    infos = await maybe_deferred_to_future(
        threads.deferToThread(socket.getaddrinfo, host, None, 0, socket.SOCK_STREAM)
    )
    return sorted({str(info[4][0]) for info in infos})


class AddressGuardMiddleware:
    def __init__(self, *, allow_private: bool, resolver: Resolver = resolve_with_system,
                 stats: Any = None) -> None:
        self.allow_private = allow_private
        self.resolver = resolver
        self.stats = stats
        self._verdicts: dict[str, tuple[bool, tuple[str, ...]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> AddressGuardMiddleware:
        allow = crawler.settings.getbool("ENTCRAWL_ALLOW_PRIVATE_NETWORK", False)
        if allow:
            logger.info("private network addresses allowed (allow_private_network)")
        return cls(allow_private=allow, stats=crawler.stats)

    async def process_request(self, request: Request) -> None:
        if self.allow_private:
            return None
        parsed = urlparse_cached(request)
        if parsed.scheme not in ("http", "https"):
            return None
        host = (parsed.hostname or "").lower()
        allowed, addresses = await self._verdict(host)
        if allowed:
            return None
        if self.stats is not None:
            self.stats.inc_value(BLOCKED_STAT)
        logger.warning("blocked %s: %s resolves to a non-public address (%s)",
                       request.url, host, ", ".join(addresses) or "none")
        raise BlockedAddressError(f"{host} resolves to a non-public address ({', '.join(addresses)})")

    async def _verdict(self, host: str) -> tuple[bool, tuple[str, ...]]:
        cached = self._verdicts.get(host)
        if cached is not None:
            return cached
        literal = literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                addresses = await self.resolver(host)
            except OSError as exc:  # not cached: the next request tries again
                raise CannotResolveHostError(f"{host}: {exc}") from exc
        verdict = (bool(addresses) and all(is_public_address(a) for a in addresses), tuple(addresses))
        self._verdicts[host] = verdict
        return verdict
