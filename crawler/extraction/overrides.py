"""Per-site overrides: selectors that replace the generic heuristics for one field.

The format is plain data (a dict, or the same structure loaded from YAML)::

    {"example-news.test": {"title": "h1.headline",
                           "body": "//div[@class='story']//p",
                           "date": "span.stamp",
                           "authors": "a.writer",
                           "drop": ["div.promo"]}}

Keys are host names; ``www.`` is ignored and a key also matches its
sub-domains.  Each value is a CSS selector, or an XPath expression when it
starts with ``/`` or ``(``.  Only the fields given are overridden.  ``drop``
lists elements to remove before the body is read.
"""
from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

FIELDS = ("title", "body", "date", "authors")


@dataclass(frozen=True)
class SiteOverride:
    """Selectors for one site (empty string = use the generic extractor)."""

    title: str = ""
    body: str = ""
    date: str = ""
    authors: str = ""
    drop: tuple[str, ...] = field(default_factory=tuple)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def find_override(url: str, overrides: Mapping[str, Mapping[str, object]] | None) -> SiteOverride | None:
    """The override whose key is the URL's host or a parent domain of it."""
    if not overrides:
        return None
    host = _host(url)
    while host:
        entry = overrides.get(host) or overrides.get("www." + host)
        if entry is not None:
            drop = entry.get("drop") or ()
            return SiteOverride(**{k: str(entry.get(k) or "") for k in FIELDS},
                                drop=tuple([drop] if isinstance(drop, str) else drop))
        host = host.partition(".")[2] if "." in host else ""
    return None


def select(tree: HtmlElement, selector: str) -> list:
    """Run a CSS selector or an XPath expression; a bad selector selects nothing."""
    try:
        if selector.startswith(("/", "(", "./")):
            result = tree.xpath(selector)
            return result if isinstance(result, list) else [result]
        return CSSSelector(selector)(tree)
    except (etree.XPathError, Exception):  # cssselect raises its own SelectorError
        return []


def _text(node: object) -> str:
    if isinstance(node, str):
        return " ".join(node.split())
    if isinstance(node, HtmlElement):
        if node.tag == "meta":
            return " ".join((node.get("content") or "").split())
        if node.tag == "time" and node.get("datetime"):
            return node.get("datetime", "")
        return " ".join(node.text_content().split())
    return ""


def apply_override(tree: HtmlElement, override: SiteOverride) -> dict[str, object]:
    """Values found with the site's selectors, only for the fields it defines.

    Returns any of ``title`` (str), ``body`` (str, paragraphs joined by a blank
    line), ``date`` (raw str, parsed by the caller) and ``authors`` (raw strs).
    """
    found: dict[str, object] = {}
    if override.title:
        texts = [t for t in map(_text, select(tree, override.title)) if t]
        if texts:
            found["title"] = texts[0]
    if override.date:
        texts = [t for t in map(_text, select(tree, override.date)) if t]
        if texts:
            found["date"] = texts[0]
    if override.authors:
        texts = [t for t in map(_text, select(tree, override.authors)) if t]
        if texts:
            found["authors"] = texts
    if override.body:
        work = tree
        if override.drop:
            work = deepcopy(tree)
            for selector in override.drop:
                for node in select(work, selector):
                    if isinstance(node, HtmlElement) and node.getparent() is not None:
                        node.drop_tree()
        paragraphs = [t for t in map(_text, select(work, override.body)) if t]
        if paragraphs:
            found["body"] = "\n\n".join(paragraphs)
    return found
