"""The item that travels from the spider through the pipelines to SQLite.

One dataclass, so every stage sees the same typed fields (``ItemAdapter``
handles dataclass items natively).  Each field says which stage fills it.
Dates are ISO 8601 strings: extraction keeps the page's own offset; the
normalize stage adds the UTC value and where it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass
class ArticleItem:
    # --- spider ---------------------------------------------------------
    url: str = ""                       # the URL that was fetched (after redirects)
    source: str = ""                    # site slug from the registry
    fetched_at: str = ""                # ISO 8601 UTC, e.g. 2026-03-01T12:00:00+00:00
    http_status: int = 200
    # what discovery knew before the page was fetched
    discovered_via: str = ""            # "feed" | "sitemap" | "news_sitemap" | "listing" | "start"
    discovery: dict[str, Any] = field(default_factory=dict)
    # e.g. {"feed_published": "...", "news_title": "...",
    #       "news_publication_date": "...", "lastmod": "...", "listing_url": "..."}

    # --- extraction (crawler.extraction.extract_article) ----------------
    canonical_url: str = ""
    title: str = ""
    description: str = ""
    body: str = ""                      # plain text, paragraphs separated by "\n\n"
    published_at: str | None = None     # ISO 8601 with the page's offset when known
    updated_at: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = ""
    image: str = ""
    word_count: int = 0
    page_type: str = "article"          # article | tag | gallery | video | home | section | other
    date_candidates: list[dict[str, Any]] = field(default_factory=list)
    # each {"value": ISO str, "source": "jsonld"|"meta"|"time"|"text"|"url"|..., "kind": "published"|"updated", "raw": str}

    # --- normalize ------------------------------------------------------
    published_source: str = ""          # which candidate won
    published_confidence: float = 0.0
    published_offset: str = ""          # original UTC offset, e.g. "+09:00"
    content_hash: str = ""

    # --- dedupe ---------------------------------------------------------
    duplicate_of: int | None = None     # article id this item is an exact copy of
    story_id: int | None = None         # story cluster (near-duplicates across outlets)

    # --- tag ------------------------------------------------------------
    shows: list[dict[str, Any]] = field(default_factory=list)
    # each {"show_id", "alias", "where", "count", "season", "score", "is_about",
    #       "kinds": [{"kind", "confidence", "evidence", "where", "season", "episode"}],
    #       "annotation_key"}   (kinds: pipelines/annotate.py, docs/claims.md)
    release_claims: list[dict[str, Any]] = field(default_factory=list)
    # each ReleaseClaim.as_dict() + "show_id": {"show_id", "kind", "earliest", "latest",
    #       "certainty", "season", "span_text", "sentence", "cues", ...}

    # --- extraction worker (crawler/worker_stages.py) -------------------
    prepared: dict[str, Any] = field(default_factory=dict)
    # stage results computed next to extraction, each removed by the stage that uses it:
    # {"extracted_fields": {...}, "normalize": {"drop", "counts", "language_pending"},
    #  "fingerprint": Fingerprint}  (pipelines/prepared_results.py)

    # --- store ----------------------------------------------------------
    article_id: int | None = None
    store_outcome: str = ""             # "new" | "updated" | "unchanged" | "duplicate"


# The fields ``crawler.extraction.extract_article`` fills (its other keys are not item fields).
EXTRACTED_FIELDS = frozenset({
    "url", "canonical_url", "title", "description", "body", "published_at", "updated_at",
    "authors", "section", "tags", "language", "image", "word_count", "page_type",
    "date_candidates",
})


def with_extracted(item: ArticleItem, fields: dict[str, Any]) -> ArticleItem:
    """A copy of ``item`` (the spider's fields) with the extracted ``fields`` set."""
    return replace(item, **{key: value for key, value in fields.items() if key in EXTRACTED_FIELDS})
