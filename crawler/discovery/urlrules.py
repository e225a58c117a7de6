"""URL helpers shared by the discovery parsers: absolute http(s) URLs,
tracking-parameter removal, and per-site article URL rules."""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .errors import InvalidPatternError

# Query parameters that only say where a click came from.
TRACKING_PARAM_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "ocid", "cmpid",
    "ncid", "sr_share", "share_source", "ref_src", "ref_url", "src_trk",
})


def absolute_http_url(value: str, base: str) -> str | None:
    """``value`` resolved against ``base``; None unless the result is http(s) with a host."""
    value = value.strip()
    if not value:
        return None
    try:
        absolute = urljoin(base, value)
        parts = urlsplit(absolute)
    except ValueError:  # e.g. an invalid IPv6 literal
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return absolute


def strip_tracking_params(url: str) -> str:
    """Drop the fragment and tracking parameters (``utm_*``, ``fbclid``, ...);
    every other parameter keeps its order and value."""
    parts = urlsplit(url)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(key, value) for key, value in pairs if not _is_tracking(key)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PARAM_PREFIXES)


def path_and_query(url: str) -> str:
    """``https://h/a/b?x=1#f`` -> ``/a/b?x=1`` (what article patterns are matched against)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _compile(patterns: Iterable[str], kind: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise InvalidPatternError(f"invalid {kind} pattern {pattern!r}: {exc}") from exc
    return tuple(compiled)


class UrlRules:
    """Article and exclude regexes compiled once; matched with ``re.search``
    against a URL's path + query."""

    __slots__ = ("article", "exclude")

    def __init__(self, article_patterns: Iterable[str],
                 exclude_patterns: Iterable[str] = ()) -> None:
        self.article = _compile(article_patterns, "article")
        self.exclude = _compile(exclude_patterns, "exclude")

    def matches(self, target: str) -> bool:
        """``target`` is a path + query string."""
        return (any(p.search(target) for p in self.article)
                and not any(p.search(target) for p in self.exclude))

    def is_article_url(self, url: str) -> bool:
        return self.matches(path_and_query(url))


def is_article_url(url: str, article_patterns: Iterable[str],
                   exclude_patterns: Iterable[str] = ()) -> bool:
    """One-off check; build a ``UrlRules`` once when checking many URLs."""
    return UrlRules(article_patterns, exclude_patterns).is_article_url(url)
