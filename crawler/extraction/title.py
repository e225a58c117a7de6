"""Title choice: og:title, JSON-LD headline, <h1>, <title>, without site-name suffixes."""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .jsonld import JsonLdInfo
from .metadata import PageMeta

_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]\s+|\s+::\s+|\s*\|\s*")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _site_tokens(url: str, site_names: tuple[str, ...]) -> set[str]:
    tokens = {_norm(s) for s in site_names if s}
    host = urlsplit(url).hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "de", "com", "org", "net", "co", "uk", "fr", "es", "kr")]
    for part in parts:
        tokens.add(_norm(part))
    if host:
        tokens.add(_norm(host.removeprefix("www.")))
    return {t for t in tokens if t}


def _looks_like_site(segment: str, site_tokens: set[str]) -> bool:
    norm = _norm(segment)
    if not norm:
        return True
    squashed = norm.replace(" ", "")
    return any(norm == t or squashed == t.replace(" ", "") or (len(t) > 3 and t.replace(" ", "") in squashed and len(squashed) <= len(t) + 12)
               for t in site_tokens)


def strip_site_name(title: str, url: str = "", site_names: tuple[str, ...] = ()) -> str:
    """Drop " - Variety", " | Soompi" and similar site-name prefixes/suffixes."""
    title = " ".join(title.split())
    pieces = _SEPARATORS.split(title)
    if len(pieces) < 2:
        return title
    site_tokens = _site_tokens(url, site_names)
    while len(pieces) > 1 and _looks_like_site(pieces[-1], site_tokens):
        pieces.pop()
    while len(pieces) > 1 and _looks_like_site(pieces[0], site_tokens):
        pieces.pop(0)
    kept = " ".join(pieces)
    if kept == title:
        return title
    # rebuild from the original so inner separators survive
    start = title.find(pieces[0])
    end = title.rfind(pieces[-1]) + len(pieces[-1])
    return title[start:end].strip() if start >= 0 and end > start else kept


_STRONG_SEPARATORS = re.compile(r"\s+(?:\||»|::|·|•|/)\s+")


def _longest_segment(title: str) -> str:
    """'Story title | Blog name » Archive' -> 'Story title' (the longest part between strong separators)."""
    pieces = [p.strip() for p in _STRONG_SEPARATORS.split(title) if p.strip()]
    if len(pieces) < 2:
        return title
    best = max(pieces, key=len)
    return best if len(best.split()) >= 2 else title


def _heading_match(title: str, headings: list[str]) -> str:
    """The part of a composed title that is also a heading on the page, or ''."""
    heads = {_norm(h) for h in headings}
    for piece in _SEPARATORS.split(title):
        if len(piece.split()) >= 2 and _norm(piece) in heads:
            return piece.strip()
    return ""


def _is_site_heading(heading: HtmlElement) -> bool:
    """A heading that is the site's logo/name: inside <header> or a link to the home page."""
    if heading.xpath("ancestor::header or ancestor::*[contains(@class,'logo') or contains(@id,'logo')]"):
        return True
    links = heading.xpath("ancestor-or-self::a/@href | .//a/@href")
    return any(re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.\w+)?", href.strip()) for href in links)


def _h1_texts(tree: HtmlElement, tags: tuple[str, ...] = ("h1",), skip_site: bool = False) -> list[str]:
    texts = []
    for h1 in tree.iter(*tags):
        if skip_site and _is_site_heading(h1):
            continue
        text = " ".join(h1.text_content().split())
        if text and len(text) < 300:
            texts.append(text)
    return texts


def choose_title(tree: HtmlElement, meta: PageMeta, jsonld: JsonLdInfo, url: str = "",
                 site_names: tuple[str, ...] = ()) -> str:
    """The article's title.

    A unique <h1> that agrees with a metadata title wins (it is what readers
    see); otherwise og:title / JSON-LD headline / twitter:title / <title>, each
    with the site name stripped; a lone <h1> is the last resort.
    """
    h1s = _h1_texts(tree)
    declared = [t for t in (meta.first("og:title"), jsonld.headline, meta.first("twitter:title"),
                            meta.first("title", "dc.title", "headline"), meta.title_tag) if t]
    stripped = [strip_site_name(t, url, site_names) for t in declared]
    for h1 in h1s[:3]:
        norm_h1 = _norm(h1)
        if len(norm_h1) < 6:
            continue
        if any(norm_h1 == _norm(s) or (norm_h1 in _norm(t) and len(norm_h1) > 0.5 * len(_norm(s)))
               for s, t in zip(stripped, declared)):
            return h1
    headings = _h1_texts(tree, ("h1", "h2"), skip_site=True)[:12]
    for title in stripped:
        if title:
            return _heading_match(title, headings) or title
    return h1s[0] if h1s else ""
