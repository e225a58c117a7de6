"""Listing / section / archive pages -> article links + next page (pure, no Scrapy).

``parse_listing`` returns the page's article URLs (absolute, fragment and
tracking parameters dropped, de-duplicated, in page order; only those whose
path + query matches an article pattern and no exclude pattern) and the URL
of the next listing page.  Next-page priority: the CSS selector when one is
given (no fallback: on the last page it simply matches nothing), else
``<link rel=next>``, ``<a rel=next>``, a link whose text or aria-label reads
like "Next" / "Older posts" / "›" / "다음" / "Siguiente" / ..., and finally
a link whose (or whose parent's) class says ``next``.  Never the same page.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.html
from cssselect import ExpressionError, SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from .errors import InvalidPatternError, ListingParseError
from .urlrules import UrlRules, absolute_http_url, path_and_query, strip_tracking_params

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_DECORATION = "«»‹›<>←→⟨⟩〈〉▶►▸❯❮…|:·-–— \t\"'()[]"
_ARROWS = frozenset({"›", "»", ">", "→", "▶", "►", "▸", "❯", "⟩", "〉"})
NEXT_LINK_TEXTS = frozenset({
    # English
    "next", "next page", "next posts", "next articles", "next stories", "older",
    "older posts", "older entries", "older articles", "older stories", "load more",
    "show more", "more articles", "more stories", "more posts",
    # Korean, Japanese, Chinese
    "다음", "다음 페이지", "다음페이지", "次へ", "次のページ", "下一页", "下一頁", "下页",
    # Spanish, Portuguese, French, German, Italian, Dutch, Russian
    "siguiente", "página siguiente", "siguientes", "entradas anteriores",
    "próxima", "próxima página", "seguinte", "suivant", "page suivante",
    "articles plus anciens", "weiter", "nächste", "nächste seite", "ältere beiträge",
    "successiva", "pagina successiva", "avanti", "volgende", "следующая", "далее",
})
_NEXT_CLASS = re.compile(r"^(?:.*[-_])?next(?:[-_].*)?$", re.IGNORECASE)


@dataclass(slots=True)
class Listing:
    url: str
    article_urls: list[str] = field(default_factory=list)
    next_page: str | None = None
    links_seen: int = 0                       # <a href> that resolved to an http(s) URL


def parse_listing(html: bytes | str, url: str, *, article_patterns: Iterable[str],
                  exclude_patterns: Iterable[str] = (), next_page_selector: str | None = None,
                  allowed_domains: Collection[str] | None = None) -> Listing:
    """Parse one listing page fetched from ``url``.

    ``allowed_domains`` (optional, not in the original contract): when given,
    only article URLs on those hosts or their subdomains are kept.
    """
    rules = UrlRules(article_patterns, exclude_patterns)
    return parse_listing_with_rules(html, url, rules, next_page_selector=next_page_selector,
                                    allowed_domains=allowed_domains)


def parse_listing_with_rules(html: bytes | str, url: str, rules: UrlRules, *,
                             next_page_selector: str | None = None,
                             allowed_domains: Collection[str] | None = None) -> Listing:
    """``parse_listing`` with pre-compiled ``UrlRules`` (build them once per site)."""
    selector = _compile_selector(next_page_selector) if next_page_selector else None
    root = parse_html(html)
    base = _base_url(root, url)
    listing = Listing(url=url)
    seen: set[str] = set()
    domains = tuple(d.lower().lstrip(".") for d in allowed_domains) if allowed_domains else None
    for anchor in root.iter("a"):
        absolute = absolute_http_url(anchor.get("href", ""), base)
        if absolute is None:
            continue
        listing.links_seen += 1
        cleaned = strip_tracking_params(absolute)
        if cleaned in seen or not rules.matches(path_and_query(cleaned)):
            continue
        if domains is not None and not _on_domains(cleaned, domains):
            continue
        seen.add(cleaned)
        listing.article_urls.append(cleaned)
    listing.next_page = _next_page(root, base, url, selector)
    return listing


def parse_html(html: bytes | str) -> etree._Element:
    """Parse HTML forgivingly; raise ``ListingParseError`` for empty or binary input."""
    if isinstance(html, str):
        data, encoding = html.encode("utf-8", errors="surrogatepass"), "utf-8"
    elif isinstance(html, (bytes, bytearray)):
        data, encoding = bytes(html), _sniff_encoding(bytes(html))
    else:
        raise ListingParseError(f"expected bytes or str, got {type(html).__name__}")
    if not data.strip():
        raise ListingParseError("empty document")
    if data[:2] == b"\x1f\x8b" or b"\x00" in data[:1024]:
        raise ListingParseError("binary data (compressed or not HTML)")
    parser = lxml.html.HTMLParser(encoding=encoding, remove_comments=True, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ListingParseError(f"not HTML: {exc}") from exc
    if root is None:
        raise ListingParseError("not HTML: no root element")
    return root


def _sniff_encoding(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            "".encode(name)
            return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else name
        except LookupError:
            pass
    return "cp1252"


def _compile_selector(selector: str) -> CSSSelector:
    try:
        return CSSSelector(selector)
    except (SelectorError, ExpressionError) as exc:
        raise InvalidPatternError(f"invalid next-page selector {selector!r}: {exc}") from exc


def _base_url(root: etree._Element, url: str) -> str:
    for base in root.iter("base"):
        href = base.get("href")
        if href and href.strip():
            return absolute_http_url(href, url) or url
    return url


def _on_domains(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


# --- next page --------------------------------------------------------------------

def _next_page(root: etree._Element, base: str, url: str,
               selector: CSSSelector | None) -> str | None:
    here = _same_page_key(url)
    candidates = _selector_hrefs(root, selector) if selector else _heuristic_hrefs(root)
    for href in candidates:
        absolute = absolute_http_url(href, base)
        if absolute is None:
            continue
        absolute = absolute.split("#", 1)[0]
        if _same_page_key(absolute) != here:
            return absolute
    return None


def _selector_hrefs(root: etree._Element, selector: CSSSelector) -> Iterator[str]:
    for element in selector(root):
        href = element.get("href")
        if href:
            yield href
            continue
        for anchor in element.iter("a"):
            if anchor.get("href"):
                yield anchor.get("href")
                break


def _heuristic_hrefs(root: etree._Element) -> Iterator[str]:
    for link in root.iter("link"):
        if "next" in link.get("rel", "").lower().split() and link.get("href"):
            yield link.get("href")
    anchors = [a for a in root.iter("a") if a.get("href")]
    for anchor in anchors:
        if "next" in anchor.get("rel", "").lower().split():
            yield anchor.get("href")
    for anchor in anchors:
        if _reads_like_next(anchor):
            yield anchor.get("href")
    for anchor in anchors:
        parent = anchor.getparent()
        classes = anchor.get("class", "").split()
        if parent is not None:
            classes += parent.get("class", "").split()
        if any(_NEXT_CLASS.match(token) for token in classes):
            yield anchor.get("href")


def _reads_like_next(anchor: etree._Element) -> bool:
    text = " ".join(anchor.text_content().split())
    if not text:
        text = " ".join((anchor.get("aria-label") or anchor.get("title") or "").split())
    text = text.lower()
    if text in _ARROWS:
        return True
    words = text.strip(_DECORATION)
    return words in NEXT_LINK_TEXTS


def _same_page_key(url: str) -> str:
    cleaned = strip_tracking_params(url)
    parts = urlsplit(cleaned)
    path = parts.path.rstrip("/") or "/"
    return f"{parts.scheme}://{(parts.hostname or '').lower()}{path}?{parts.query}"
