"""One stable URL per article: pick the declared canonical, then normalize it.

Pure functions.  The registrable domain comes from the public-suffix list
bundled with ``tldextract`` (never fetched: ``suffix_list_urls=()``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

import tldextract

# Query parameters that only track a click; dropped.  Keys are compared lowercased.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "mc_cid", "mc_eid", "ref", "ref_src", "ref_url",
    "referrer", "cmp", "cmpid", "ncid", "_ga", "_gl", "igshid", "yclid", "spm", "share", "s_cid",
    "sr_share", "soc_src", "soc_trk", "ito", "icid", "intcmp", "mbid", "ocid",
    "wt.mc_id", "wt_mc_id", "at_medium", "at_campaign", "smid", "pk_campaign", "pk_kwd",
    "mkt_tok", "oly_enc_id", "oly_anon_id", "vero_id", "twclid", "ttclid", "li_fat_id", "wickedid",
    "rb_clickid", "guccounter", "guce_referrer", "guce_referrer_sig", "__twitter_impression",
    "amp", "outputtype", "output",
})
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_", "mtm_", "_hs", "trk_")
# ``output``/``outputType`` only when they ask for an AMP rendering.
_AMP_VALUE_PARAMS = frozenset({"outputtype", "output"})
DEFAULT_PORTS = {"http": 80, "https": 443}

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)
_IP_HOST = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$|^\[?[0-9a-f]*:[0-9a-f:.]+\]?$", re.IGNORECASE)


class InvalidURLError(ValueError):
    """The URL has no http(s) scheme or no host."""


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """``news.bbc.co.uk`` → ``bbc.co.uk``; an IP address or ``localhost`` stays as is."""
    host = host.lower().strip(".")
    if not host or _IP_HOST.match(host):
        return host
    result = _EXTRACT(host)
    if result.top_domain_under_public_suffix:
        return result.top_domain_under_public_suffix
    # a suffix missing from the list (".test", ".example", intranet names): the last two labels
    return ".".join(host.split(".")[-2:])


def _site_key(url: str) -> tuple[str, int | None] | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in DEFAULT_PORTS or not host:
        return None
    domain = registrable_domain(host)
    if domain == host and (_IP_HOST.match(host) or "." not in host):
        # a bare IP or localhost: the port tells sites apart (demo servers)
        return domain, parts.port or DEFAULT_PORTS[parts.scheme.lower()]
    return domain, None


def same_site(url_a: str, url_b: str) -> bool:
    """Same registrable domain (``www.``/``amp.``/``m.`` hosts included)."""
    key_a, key_b = _site_key(url_a), _site_key(url_b)
    return key_a is not None and key_a == key_b


def _is_tracking(key: str, value: str) -> bool:
    low = key.lower()
    if low in _AMP_VALUE_PARAMS:
        return value.lower() == "amp"
    if low == "amp":
        return value.lower() in ("", "1", "true", "yes")
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def _fold_amp_path(path: str) -> str:
    """``/a/b/amp/`` → ``/a/b/``; ``/amp/a/b`` → ``/a/b``; ``x.amp.html`` → ``x.html``."""
    path = re.sub(r"\.amp\.html$", ".html", path, flags=re.IGNORECASE)
    path = re.sub(r"/amp\.html$", "/", path, flags=re.IGNORECASE)
    path = re.sub(r"/amp/$", "/", path, flags=re.IGNORECASE)
    path = re.sub(r"/amp$", "", path, flags=re.IGNORECASE)
    path = re.sub(r"^/amp(?=/)", "", path, flags=re.IGNORECASE)
    path = re.sub(r"/amp(?=/)", "", path, flags=re.IGNORECASE)
    return path or "/"


def _fold_amp_host(host: str) -> str:
    labels = host.split(".")
    if labels[0] == "amp" and len(labels) > 2:
        return ".".join(labels[1:])
    return host


def _normalize_path(path: str) -> str:
    """Percent-encode non-ASCII and unsafe chars; existing escapes kept, their hex uppercased."""
    path = quote(path, safe="/:@!$&'()*+,;=-._~%")
    return re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), path) or "/"


def normalize_url(url: str) -> str:
    """Lowercase scheme/host, drop default port, fragment, tracking params; sort the query; fold AMP.

    Raises ``InvalidURLError`` for a URL without an http(s) scheme or a host.
    """
    try:
        parts = urlsplit((url or "").strip())
    except ValueError as exc:  # "http://[bad"
        raise InvalidURLError(f"unparsable URL {url!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if scheme not in DEFAULT_PORTS or not host:
        raise InvalidURLError(f"not an http(s) URL with a host: {url!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"bad port in {url!r}") from exc
    host = _fold_amp_host(host)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _fold_amp_path(_normalize_path(parts.path or "/"))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k, v)]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, quote_via=quote), ""))


def canonical_url(fetched_url: str, declared_canonical: str | None = None, og_url: str | None = None) -> str:
    """The article's canonical URL.

    The declared canonical (``rel=canonical``, then ``og:url``; relative values
    resolved against ``fetched_url``) wins when it is on the same site
    (registrable domain) as the fetched URL; otherwise the fetched URL is used.
    The result is normalized by :func:`normalize_url`.

    >>> canonical_url("https://WWW.Example.com:443/a/amp/?utm_source=x&b=2&a=1#top")
    'https://www.example.com/a/?a=1&b=2'
    """
    fetched = normalize_url(fetched_url)
    for declared in (declared_canonical, og_url):
        if not declared or not declared.strip():
            continue
        try:
            candidate = normalize_url(urljoin(fetched_url.strip(), declared.strip()))
        except (InvalidURLError, ValueError):
            continue
        if same_site(candidate, fetched):
            return candidate
    return fetched
