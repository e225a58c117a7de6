"""Article extraction as pure functions: page HTML + URL -> a dict of article fields.

No Scrapy here.  The page is parsed once with lxml; every module reads that
one tree (trafilatura works on its own copy for the main text).
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from .authors import extract_authors, split_names
from .dateparse import parse_date
from .dates import choose_dates, collect_date_candidates
from .decoding import decode_html
from .errors import ExtractionError
from .jsonld import read_jsonld
from .language import detect_language, guess_language
from .maintext import count_words, extract_main_text, strip_header_lines
from .metadata import read_meta
from .overrides import apply_override, find_override
from .pagetype import classify_page, measure_page
from .parsing import parse_html
from .scan import scan_page
from .title import choose_title

__all__ = ["ExtractionError", "FIELDS", "extract_article"]

FIELDS = ("url", "canonical_url", "title", "description", "body", "published_at", "updated_at", "authors",
          "section", "tags", "language", "image", "word_count", "page_type", "date_candidates")


def _as_aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)  # a naive fetch time is taken as UTC


def _split_tags(values: list[str]) -> list[str]:
    tags: list[str] = []
    for value in values:
        for part in value.split(","):
            tag = " ".join(part.split())
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
    return tags


def extract_article(html: str | bytes, url: str, *, fetched_at: datetime | None = None,
                    encoding: str | None = None,
                    overrides: Mapping[str, Mapping[str, object]] | None = None) -> dict[str, Any]:
    """Extract the article fields of one page.

    ``html`` may be bytes (decoded with ``encoding``, then the page's charset,
    then detection) or text.  ``fetched_at`` anchors relative dates ("vor 2
    Stunden"); naive values are taken as UTC.  ``overrides`` maps host names
    to selectors (see ``overrides.py``).  Raises ExtractionError only for
    input that is not HTML at all.
    """
    text = decode_html(html, encoding) if isinstance(html, (bytes, bytearray)) else html
    if not isinstance(text, str):
        raise ExtractionError(f"expected str or bytes, got {type(html).__name__}")
    tree = parse_html(text)
    fetched = _as_aware(fetched_at)
    meta = read_meta(tree, url)
    jsonld = read_jsonld(tree)
    site_names = tuple(dict.fromkeys(n for n in (meta.first("og:site_name"), jsonld.publisher, jsonld.site_name,
                                                  meta.first("application-name")) if n))
    override = find_override(url, overrides)
    forced = apply_override(tree, override) if override else {}

    declared_lang = detect_language(meta, jsonld)
    body = str(forced.get("body") or "") or extract_main_text(tree, url)
    language = declared_lang or guess_language(body)

    scan = scan_page(tree)  # after the main text, on the tree exactly as the readers below see it
    candidates = collect_date_candidates(tree, meta, jsonld, url, lang=language, fetched_at=fetched, scan=scan)
    if forced.get("date"):
        parsed = parse_date(str(forced["date"]), lang=language, fetched_at=fetched)
        if parsed is not None:
            candidates.insert(0, {"value": parsed.value, "raw": str(forced["date"]), "source": "override",
                                  "kind": "published", "parser": parsed.parser})
    published_at, updated_at = choose_dates(candidates, fetched, url=url, lang=language)

    if forced.get("authors"):
        authors = list(dict.fromkeys(n for raw in forced["authors"] for n in split_names(str(raw), site_names)))
    else:
        authors = extract_authors(tree, meta, jsonld, site_names, scan=scan)
    title = str(forced.get("title") or "") or choose_title(tree, meta, jsonld, url, site_names)
    if not forced.get("body"):
        body = strip_header_lines(body, authors)
    word_count = count_words(body)
    page_type = classify_page(url, jsonld.types, meta.first("og:type"), measure_page(tree, word_count))
    image = meta.first("og:image", "og:image:url", "twitter:image", "twitter:image:src") or jsonld.image
    return {
        "url": url,
        "canonical_url": meta.canonical or (urljoin(url, meta.first("og:url")) if meta.first("og:url") else url),
        "title": title,
        "description": meta.first("og:description", "description", "twitter:description", "dc.description")
        or jsonld.description,
        "body": body,
        "published_at": published_at,
        "updated_at": updated_at,
        "authors": authors,
        "section": meta.first("article:section", "parsely-section", "section", "article.section") or jsonld.section,
        "tags": _split_tags(meta.all("article:tag", "news_keywords", "keywords", "parsely-tags") or jsonld.keywords),
        "language": language,
        "image": urljoin(url, image) if image else "",
        "word_count": word_count,
        "page_type": page_type,
        "date_candidates": candidates,
    }
