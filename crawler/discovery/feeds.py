"""RSS 2.0 / Atom 1.0 / RSS 1.0 (RDF) feeds -> ``Feed`` (pure, no Scrapy).

``parse_feed(body, url)`` accepts the raw bytes of a feed (any charset the XML
declaration or BOM names; broken XML is repaired, see ``xmldoc``) and returns
every entry that has a link, resolved to an absolute http(s) URL.  Entries
without a usable link are skipped and counted in ``Feed.skipped_without_link``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from .dates import iso_from_any
from .errors import FeedParseError
from .urlrules import absolute_http_url
from .xmldoc import children, descendants, first_child, local_name, parse_xml, text_of

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
_SNIFF_PROLOG = re.compile(
    r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE)
_SNIFF_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_EMAIL_WITH_NAME = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")
_BARE_EMAIL = re.compile(r"^\s*[^\s@()]+@[^\s@()]+\s*$")


@dataclass(slots=True)
class FeedEntry:
    url: str                              # absolute http(s) URL of the article
    title: str = ""
    published: str | None = None          # ISO 8601, source offset kept
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    id: str = ""                          # RSS guid / Atom id / RDF about
    published_raw: str = ""               # the date exactly as the feed wrote it
    updated_raw: str = ""


@dataclass(slots=True)
class Feed:
    kind: str                             # "rss" | "atom" | "rdf"
    title: str = ""
    link: str = ""                        # the site the feed describes
    language: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    skipped_without_link: int = 0
    repaired: bool = False                # the XML was malformed and had to be repaired


def looks_like_feed(body: bytes | str) -> bool:
    """Cheap sniff of the root element: ``<rss>``, ``<feed>`` or an RSS 1.0 ``<rdf:RDF>``."""
    if isinstance(body, str):
        head = body[:4096]
    elif body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = body[:4096].decode("utf-16", errors="ignore")
    else:
        head = body[:4096].decode("latin-1").lstrip("\ufeff\xef\xbb\xbf")
    head = head.lstrip("\ufeff")
    prolog = _SNIFF_PROLOG.match(head)
    rest = head[prolog.end():] if prolog else head
    match = _SNIFF_ROOT.match(rest)
    if not match:
        return False
    if match.group(1) == "RDF":
        return "purl.org/rss" in head or "<item" in head or "<channel" in head
    return True


def parse_feed(body: bytes, url: str) -> Feed:
    """Parse an RSS 2.0, Atom 1.0 or RSS 1.0/RDF feed fetched from ``url``."""
    root, repaired = parse_xml(body, FeedParseError)
    kind = {"rss": "rss", "feed": "atom", "rdf": "rdf"}.get(local_name(root).lower())
    if kind is None:
        raise FeedParseError(f"not a feed: root element is <{local_name(root)}>")
    if kind == "atom":
        feed = _parse_atom(root, url)
    else:
        feed = _parse_rss(root, url, kind)
    feed.repaired = repaired
    return feed


# --- RSS 2.0 and RSS 1.0 -------------------------------------------------------

def _parse_rss(root: etree._Element, url: str, kind: str) -> Feed:
    channel = first_child(root, "channel")
    meta = channel if channel is not None else root
    base = _base_url(meta, url)
    feed = Feed(kind=kind, title=clean_text(text_of(first_child(meta, "title"))),
                link=absolute_http_url(text_of(first_child(meta, "link")), base) or "",
                language=text_of(first_child(meta, "language")))
    for item in descendants(root, "item"):
        entry = _rss_entry(item, _base_url(item, url))
        if entry is None:
            feed.skipped_without_link += 1
        else:
            feed.entries.append(entry)
    return feed


def _rss_entry(item: etree._Element, base: str) -> FeedEntry | None:
    guid = first_child(item, "guid")
    candidates = [text_of(node) for node in children(item, "origLink")]
    for link in children(item, "link"):
        rel = link.get("rel", "alternate")
        candidates.append(text_of(link) or (link.get("href", "") if rel == "alternate" else ""))
    if guid is not None and guid.get("isPermaLink", "true").strip().lower() != "false":
        candidates.append(_only_if_absolute(text_of(guid)))
    candidates.append(_only_if_absolute(item.get(_RDF_ABOUT, "")))
    entry_url = _first_absolute(candidates, base)
    if entry_url is None:
        return None
    published_raw = _first_text(item, ("pubDate", "date", "published", "issued"))
    updated_raw = _first_text(item, ("updated", "modified"))
    authors = [_author_name(text_of(node)) for node in children(item, "creator")]
    authors += [_author_name(text_of(node)) for node in children(item, "author")]
    categories = [text_of(node) or node.get("term", "") for node in children(item, "category")]
    categories += [text_of(node) for node in children(item, "subject")]
    return FeedEntry(
        url=entry_url,
        title=clean_text(text_of(first_child(item, "title"))),
        published=iso_from_any(published_raw), updated=iso_from_any(updated_raw),
        authors=_unique(authors), categories=_unique(clean_text(c) for c in categories),
        id=text_of(guid) or item.get(_RDF_ABOUT, ""),
        published_raw=published_raw, updated_raw=updated_raw,
    )


# --- Atom 1.0 -------------------------------------------------------------------

def _parse_atom(root: etree._Element, url: str) -> Feed:
    base = _base_url(root, url)
    feed = Feed(kind="atom", title=clean_text(text_of(first_child(root, "title"))),
                link=_atom_link(root, base) or "",
                language=root.get("{http://www.w3.org/XML/1998/namespace}lang", ""))
    for node in children(root, "entry"):
        entry = _atom_entry(node, _base_url(node, url))
        if entry is None:
            feed.skipped_without_link += 1
        else:
            feed.entries.append(entry)
    return feed


def _atom_link(element: etree._Element, base: str) -> str | None:
    alternates: list[str] = []
    for link in children(element, "link"):
        rel = link.get("rel", "alternate").strip().lower()
        href = link.get("href", "") or text_of(link)
        if rel != "alternate" or not href:
            continue
        link_type = link.get("type", "text/html").lower()
        if "html" in link_type:
            alternates.insert(0, href)
        else:
            alternates.append(href)
    return _first_absolute(alternates, base)


def _atom_entry(node: etree._Element, base: str) -> FeedEntry | None:
    candidates = [text_of(link) for link in children(node, "origLink")]
    entry_url = _first_absolute(candidates, base) or _atom_link(node, base)
    if entry_url is None:
        return None
    published_raw = _first_text(node, ("published", "issued", "created"))
    updated_raw = _first_text(node, ("updated", "modified"))
    authors = []
    for author in children(node, "author"):
        name = first_child(author, "name")
        authors.append(text_of(name) if name is not None else _author_name(text_of(author)))
    authors += [_author_name(text_of(creator)) for creator in children(node, "creator")]
    categories = [c.get("label") or c.get("term") or text_of(c) for c in children(node, "category")]
    return FeedEntry(
        url=entry_url,
        title=clean_text(text_of(first_child(node, "title"))),
        published=iso_from_any(published_raw), updated=iso_from_any(updated_raw),
        authors=_unique(authors), categories=_unique(clean_text(c) for c in categories),
        id=text_of(first_child(node, "id")),
        published_raw=published_raw, updated_raw=updated_raw,
    )


# --- helpers ----------------------------------------------------------------------

def clean_text(value: str) -> str:
    """Strip HTML that feeds put (often escaped twice) into titles; collapse whitespace."""
    if "<" in value or "&" in value:
        try:
            value = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            pass
    return " ".join(value.split())


def _author_name(value: str) -> str:
    """``jane@example.com (Jane Doe)`` -> ``Jane Doe``; a bare e-mail address -> ''."""
    match = _EMAIL_WITH_NAME.match(value)
    if match:
        return match.group(1).strip()
    return "" if _BARE_EMAIL.match(value) else clean_text(value)


def _first_text(element: etree._Element, names: tuple[str, ...]) -> str:
    for name in names:
        value = text_of(first_child(element, name))
        if value:
            return value
    return ""


def _base_url(element: etree._Element, url: str) -> str:
    """Resolve the chain of ``xml:base`` attributes from the root down to ``element``."""
    chain = [node.get(_XML_BASE) for node in [element, *element.iterancestors()]]
    base = url
    for value in reversed(chain):
        if value:
            base = urljoin(base, value.strip())
    return base


def _only_if_absolute(value: str) -> str:
    """GUIDs and rdf:about are often opaque ids: use them only when already a URL."""
    value = value.strip()
    return value if value.lower().startswith(("http://", "https://")) else ""


def _first_absolute(candidates: list[str], base: str) -> str | None:
    for candidate in candidates:
        absolute = absolute_http_url(candidate, base)
        if absolute:
            return absolute
    return None


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return list(seen)
