"""<head> metadata: OpenGraph, twitter, Dublin Core, itemprop, canonical link, lang."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml.html import HtmlElement


@dataclass
class PageMeta:
    """All <meta> values by lowercased name/property, plus a few links."""

    values: dict[str, list[str]] = field(default_factory=dict)
    canonical: str = ""
    html_lang: str = ""
    title_tag: str = ""
    author_links: list[str] = field(default_factory=list)   # <link rel=author href>

    def first(self, *keys: str) -> str:
        """The first non-empty value among ``keys`` (in the order given)."""
        for key in keys:
            for value in self.values.get(key, ()):
                if value:
                    return value
        return ""

    def all(self, *keys: str) -> list[str]:
        """Every non-empty value of ``keys`` in order, without repeats."""
        seen: list[str] = []
        for key in keys:
            for value in self.values.get(key, ()):
                if value and value not in seen:
                    seen.append(value)
        return seen


def _clean(value: str | None) -> str:
    return " ".join(html.unescape(value or "").split())


def read_meta(tree: HtmlElement, url: str = "") -> PageMeta:
    """Collect <meta>, canonical link, html lang and <title> from the tree."""
    meta = PageMeta()
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
        if not key:
            continue
        value = element.get("content")
        if value is None:
            value = element.get("value") or element.get("datetime")
        value = _clean(value)
        if value:
            for part in key.lower().split():
                meta.values.setdefault(part.strip(), []).append(value)
    for element in tree.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        href = (element.get("href") or "").strip()
        if not href:
            continue
        if "canonical" in rel and not meta.canonical:
            meta.canonical = urljoin(url, href) if url else href
        elif "author" in rel:
            meta.author_links.append(href)
    lang = tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    meta.html_lang = (lang or "").strip()
    title = tree.find(".//head/title")
    if title is None:
        title = tree.find(".//title")
    if title is not None:
        meta.title_tag = _clean(title.text_content())
    return meta
