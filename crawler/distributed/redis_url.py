"""Redis URLs for the distributed mode: validation, redaction and connection.

Workers unpickle the requests they read from Redis, so whoever can write to
that Redis can run code on every worker.  A Redis that is not on this
machine must therefore require a password: :func:`validate_redis_url`
refuses a URL without one unless its host is loopback (or a Unix socket).
"""
from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

SCHEMES = ("redis", "rediss", "unix")
LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


class RedisUrlError(ValueError):
    """A Redis URL that is malformed or unsafe to use."""


def is_loopback_host(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and the usual names of this machine (pure; no DNS)."""
    host = (host or "").strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_password(url: str) -> str:
    """The password of a Redis URL (userinfo or ``?password=``), or ""."""
    parts = urlsplit(url)
    if parts.password:
        return parts.password
    return (parse_qs(parts.query).get("password") or [""])[0]


def validate_redis_url(url: str) -> str:
    """Return ``url`` unchanged when it is usable, else raise :class:`RedisUrlError`.

    >>> validate_redis_url("redis://127.0.0.1:6379/0")
    'redis://127.0.0.1:6379/0'
    >>> validate_redis_url("redis://10.0.0.5:6379/0")
    Traceback (most recent call last):
    ...
    crawler.distributed.redis_url.RedisUrlError: redis://10.0.0.5:6379/0 has no password ...
    """
    url = (url or "").strip()
    if not url:
        raise RedisUrlError("no Redis URL given (e.g. redis://:PASSWORD@10.0.0.5:6379/0)")
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise RedisUrlError(f"{redact(url)}: not a valid URL ({exc})") from None
    if parts.scheme not in SCHEMES:
        raise RedisUrlError(f"{redact(url)}: scheme must be one of {', '.join(SCHEMES)}")
    if parts.scheme == "unix":
        if not parts.path:
            raise RedisUrlError(f"{redact(url)}: a unix:// URL needs a socket path")
        return url
    host = parts.hostname or ""
    if not host:
        raise RedisUrlError(f"{redact(url)}: no host")
    if port is not None and not 0 < port < 65536:
        raise RedisUrlError(f"{redact(url)}: port out of range")
    if not url_password(url) and not is_loopback_host(host):
        raise RedisUrlError(
            f"{redact(url)} has no password and {host} is not loopback: anyone who can write "
            f"to this Redis can run code on the workers (requests are pickled). Use "
            f"redis://:PASSWORD@{host}:{port or 6379}/0 on a private network (docs/distributed.md)"
        )
    return url


def redact(url: str) -> str:
    """The URL with its password replaced by ``***`` (for logs and messages)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparseable URL>"
    netloc = parts.netloc
    if parts.password:
        userinfo, _, hostport = netloc.rpartition("@")
        user = userinfo.partition(":")[0]
        netloc = f"{user}:***@{hostport}"
    query = "&".join(
        f"{key}=***" if key == "password" else f"{key}={value}"
        for key, values in parse_qs(parts.query, keep_blank_values=True).items()
        for value in values
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def connect(url: str, **params: Any):
    """A ``redis.Redis`` client for a validated URL (responses decoded as UTF-8)."""
    import redis

    options: dict[str, Any] = {"decode_responses": True, "socket_timeout": 30,
                               "socket_connect_timeout": 10, "retry_on_timeout": True}
    options.update(params)
    return redis.Redis.from_url(validate_redis_url(url), **options)
