"""The benchmark site: thousands of article pages, sitemaps, robots.txt and a registry.

Pages come from ``../shared/corpus`` (real pages, gzip) when it exists: every
distinct page whose HTML is 60-150 KB, republished under several URLs until the
requested count is reached.  Each copy drops ``<link rel=canonical>`` and
``og:url`` so it is an article of its own at its bench URL (the dedupe stage then
sees verbatim copies, like syndicated news).  Without the corpus, synthetic
pages are made from the demo network's article text wrapped in padding markup
(navigation, inline CSS/JS, related links) of the same sizes.

Files are written pre-compressed (``page.html.gz``); the server sends them with
``Content-Encoding: gzip`` and ``Content-Type: text/html`` without a charset,
as many news sites do (that is the case the charset middleware is about).
"""
from __future__ import annotations

import gzip
import hashlib
import html
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

SLUG = "bench"
ARTICLE_PATTERN = r"^/news/\d+/[a-z0-9-]+\.html$"
MIN_BYTES, MAX_BYTES = 60_000, 150_000
URLS_PER_SITEMAP = 1000

_CANONICAL = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.IGNORECASE)
_OG_URL = re.compile(rb"<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class BenchSite:
    root: Path                 # the folder the server serves
    base_url: str              # http://127.0.0.1:PORT/
    registry: Path             # registry YAML with the one bench site
    article_paths: tuple[str, ...]
    non_article_requests: int  # robots.txt + sitemap index + sitemaps (fetched once per crawl)
    source: str                # "corpus (N distinct pages)" or "synthetic"
    distinct_pages: int
    mean_bytes: int            # mean uncompressed article size
    mean_gzip_bytes: int

    @property
    def pages(self) -> int:
        return len(self.article_paths)

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path


def corpus_pages(corpus: Path, min_bytes: int = MIN_BYTES, max_bytes: int = MAX_BYTES) -> list[bytes]:
    """Distinct real pages (decompressed HTML) of the wanted size, in a stable order."""
    seen: set[bytes] = set()
    pages: list[bytes] = []
    for path in sorted(corpus.glob("*/*/page.html.gz")):
        raw = path.read_bytes()
        page = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        digest = hashlib.sha1(page).digest()
        if min_bytes <= len(page) <= max_bytes and digest not in seen:
            seen.add(digest)
            pages.append(page)
    return pages


def synthetic_pages(count: int, seed: int = 11) -> list[bytes]:
    """``count`` article pages built from demo-network text plus padding markup."""
    from crawler.demo import DemoNetwork

    articles = DemoNetwork().articles(3)
    rng = random.Random(seed)
    pages = []
    for index in range(count):
        article = articles[index % len(articles)]
        target = rng.randint(MIN_BYTES + 5_000, MAX_BYTES - 10_000)
        pages.append(_synthetic_page(article, index, target, rng))
    return pages


def _synthetic_page(article, index: int, target: int, rng: random.Random) -> bytes:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    authors = ", ".join(article.authors)
    head = (
        f"<!DOCTYPE html><html lang=\"{article.language}\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(article.title)} | Bench Daily</title>"
        f"<meta property=\"og:title\" content=\"{html.escape(article.title)}\">"
        f"<meta name=\"description\" content=\"{html.escape(article.description)}\">"
        f"<meta property=\"article:published_time\" content=\"{article.published.isoformat()}\">"
        f"<meta name=\"author\" content=\"{html.escape(authors)}\">"
        f"<style>{_padding_css(rng, 6_000)}</style></head><body>"
    )
    nav = "<nav><ul>" + "".join(
        f"<li><a href=\"/section/{i}/\">Section {i}</a></li>" for i in range(60)) + "</ul></nav>"
    body = (f"<main><article><h1>{html.escape(article.title)}</h1>"
            f"<div class=\"byline\">By {html.escape(authors)}</div>{paragraphs}</article></main>")
    filler: list[str] = []
    size = len(head) + len(nav) + len(body)
    while size < target:
        chunk = _filler_block(rng, index, len(filler))
        filler.append(chunk)
        size += len(chunk)
    return (head + nav + body + "".join(filler) + "</body></html>").encode("utf-8")


def _padding_css(rng: random.Random, size: int) -> str:
    rules, total = [], 0
    while total < size:
        rule = f".c{rng.randrange(10**6)}{{margin:{rng.randrange(40)}px;color:#{rng.randrange(16**6):06x}}}"
        rules.append(rule)
        total += len(rule)
    return "".join(rules)


def _filler_block(rng: random.Random, page: int, block: int) -> str:
    kind = block % 3
    if kind == 0:
        links = "".join(f"<li><a href=\"/news/0/{page}-{block}-{i}.html\">Related story {rng.randrange(10**6)}"
                        f"</a></li>" for i in range(12))
        return f"<aside class=\"related\"><ul>{links}</ul></aside>"
    if kind == 1:
        data = ",".join(str(rng.randrange(10**9)) for _ in range(120))
        return f"<script>window.__state_{block}=[{data}];</script>"
    return f"<div class=\"ad-slot\" data-slot=\"{block}\"><style>{_padding_css(rng, 1_500)}</style></div>"


def strip_canonical(page: bytes) -> bytes:
    """The page without ``<link rel=canonical>`` and ``og:url``: its URL is its identity."""
    return _OG_URL.sub(b"", _CANONICAL.sub(b"", page))


def build_site(root: Path, port: int, pages: int, corpus: Path | None) -> BenchSite:
    """Write the site under ``root`` for a server on 127.0.0.1:``port``."""
    base_url = f"http://127.0.0.1:{port}/"
    if corpus is not None and corpus.is_dir():
        distinct = corpus_pages(corpus)
        source = f"corpus ({len(distinct)} distinct real pages of {MIN_BYTES // 1000}-{MAX_BYTES // 1000} KB)"
    else:
        distinct = []
    if not distinct:
        distinct = synthetic_pages(min(pages, 600))
        source = f"synthetic ({len(distinct)} distinct pages from demo text + padding markup)"
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    paths: list[str] = []
    raw_total = gz_total = 0
    for index in range(pages):
        copy, number = divmod(index, len(distinct))
        page = strip_canonical(distinct[number])
        path = f"/news/{copy}/story-{number:05d}.html"
        target = root / (path.lstrip("/") + ".gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        compressed = gzip.compress(page, compresslevel=6, mtime=0)
        target.write_bytes(compressed)
        paths.append(path)
        raw_total += len(page)
        gz_total += len(compressed)
    sitemaps = _write_sitemaps(root, base_url, paths)
    (root / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /private/\nSitemap: {base_url}sitemap_index.xml\n", encoding="utf-8")
    registry = root.parent / "bench-sites.yaml"
    registry.write_text(yaml.safe_dump({"sites": [registry_entry(base_url)]}, sort_keys=False),
                        encoding="utf-8")
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        folder.chmod(0o755)
    return BenchSite(root=root, base_url=base_url, registry=registry, article_paths=tuple(paths),
                     non_article_requests=2 + sitemaps, source=source, distinct_pages=len(distinct),
                     mean_bytes=raw_total // max(1, pages), mean_gzip_bytes=gz_total // max(1, pages))


def registry_entry(base_url: str) -> dict:
    return {
        "slug": SLUG, "name": "Bench Daily", "homepage": base_url, "language": "en",
        "allowed_domains": ["127.0.0.1"], "sitemaps": ["/sitemap_index.xml"],
        "article_url_patterns": [ARTICLE_PATTERN], "allow_private_network": True,
        "max_listing_pages": 1, "notes": "generated by bench/site.py",
    }


def _write_sitemaps(root: Path, base_url: str, paths: list[str]) -> int:
    base = base_url.rstrip("/")
    chunks = [paths[i:i + URLS_PER_SITEMAP] for i in range(0, len(paths), URLS_PER_SITEMAP)]
    index_entries = []
    for number, chunk in enumerate(chunks, 1):
        urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2026-03-01</lastmod></url>" for p in chunk)
        (root / f"sitemap-{number}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n',
            encoding="utf-8")
        index_entries.append(f"<sitemap><loc>{base}/sitemap-{number}.xml</loc>"
                             f"<lastmod>2026-03-01</lastmod></sitemap>")
    (root / "sitemap_index.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(index_entries)}'
        "</sitemapindex>\n", encoding="utf-8")
    return len(chunks)
