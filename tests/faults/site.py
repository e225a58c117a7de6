"""The fault site: good articles, articles behind transient faults, and pages that fail for good.

``fault_routes(base, offsite_base)`` returns the routes for a FaultServer at
``base``; ``EXPECTED_STORED`` lists the article paths that must end up in the
database and ``EXPECTED_ERRORS`` the minimum count per ``entcrawl/errors/<kind>``.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from .server import (
    Route,
    failing_first,
    gzip_bomb,
    page,
    redirect,
    reset,
    sleeping,
    status,
    streamed_without_length,
    truncate,
)

MAX_SIZE = 400_000          # DOWNLOAD_MAXSIZE for these tests
TIMEOUT = 3.0               # DOWNLOAD_TIMEOUT for these tests (generous: CI runs two test workers)
SECRET = "s3cr3t-T0KEN-4711"

SENTENCES = (
    "The streaming drama returns for a second season with its full cast.",
    "Producers confirmed that filming wrapped in the harbour town last month.",
    "Critics praised the first season for its patient pacing and sharp dialogue.",
    "The showrunner said the new episodes move the story five years ahead.",
    "A release date will be announced after the post-production schedule settles.",
)


def article_html(slug: str, title: str, charset_meta: str = '<meta charset="utf-8">') -> str:
    body = "\n".join(f"<p>{' '.join(SENTENCES)} ({slug} paragraph {i})</p>" for i in range(4))
    return (f"<!DOCTYPE html><html lang=\"en\"><head>{charset_meta}<title>{escape(title)}</title>"
            '<meta property="article:published_time" content="2026-03-03T10:00:00+00:00">'
            '<meta name="author" content="Ana Pérez"></head>'
            f"<body><article><h1>{escape(title)}</h1><p class=\"byline\">By Ana Pérez</p>{body}"
            "</article></body></html>")


def html(slug: str, title: str | None = None) -> Route:
    return page(article_html(slug, title or f"Story {slug}").encode("utf-8"))


def good(slug: str) -> Route:
    return html(slug)


def rss(items: list[str]) -> bytes:
    entries = "".join(
        f"<item><title>Item {i}</title><link>{escape(url)}</link>"
        "<pubDate>Tue, 03 Mar 2026 10:00:00 +0000</pubDate></item>" for i, url in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Fault</title>{entries}</channel></rss>'.encode()


def urlset(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{escape(u)}</loc><lastmod>2026-03-03</lastmod></url>" for u in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{entries}</urlset>").encode()


GOOD = [f"good-{i}" for i in range(1, 5)]
TRANSIENT = ["flaky-1", "flaky-2", "slow-once", "reset-once", "truncated-once"]
CHARSETS = ["cp1252-meta", "utf8-bare", "wrong-charset"]
FAILING = ["always-500", "gone", "slow-always", "reset-always", "truncated-always", "gzip-bomb",
           "too-large", "too-large-stream", "redirect-loop-a", "redirect-chain", "offsite-redirect"]
FOUND_ELSEWHERE = ["feed-repaired-only", "sitemap-only-1", "sitemap-only-2", "sitemap-repaired-only"]
EXPECTED_STORED = sorted({*GOOD, *TRANSIENT, *CHARSETS, *FOUND_ELSEWHERE, "moved-target", "with-token"})
CHARSET_TITLES = {"cp1252-meta": "Café society returns", "utf8-bare": "Señora Acción returns",
                  "wrong-charset": "Crème brûlée finale"}
EXPECTED_ERRORS = {
    "http_500": 1, "http_404": 2, "timeout": 1, "connection_reset": 1, "truncated": 1,
    "too_large": 4, "redirect_loop": 2, "offsite_redirect": 2, "robots_disallowed": 1,
    "bad_feed": 1, "bad_sitemap": 1,
}


def fault_routes(base: str, offsite_base: str) -> dict[str, Route]:
    def url(slug: str, query: str = "") -> str:
        return f"{base}/news/{slug}/{query}"

    article = "text/html; charset=utf-8"
    big = article_html("big", "Too big").replace("</article>", "<p>" + "x" * (MAX_SIZE * 2) + "</p></article>")
    routes: dict[str, Route] = {
        "/robots.txt": page(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/feed.xml": page(rss([url(s) for s in GOOD + TRANSIENT + CHARSETS + FAILING]
                              + [url("moved"), url("with-token", f"?token={SECRET}"),
                                 f"{base}/private/news/hidden/", f"{offsite_base}/news/elsewhere/"]),
                          "application/rss+xml"),
        "/feed-moved.xml": redirect(f"{offsite_base}/feed.xml", 301),
        "/feed-broken.xml": page(b"\x00\x01 this is not a feed <<<>>>", "application/rss+xml"),
        "/feed-truncated.xml": page(rss([url("feed-repaired-only")])[:-40], "application/rss+xml"),
        "/feed-huge.xml": page(rss([f"{base}/tag/topic-{i}/" for i in range(2500)]), "application/rss+xml"),
        "/sitemap.xml": page(
            ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             + "".join(f"<sitemap><loc>{base}/{name}</loc></sitemap>" for name in (
                 "sitemap-articles.xml", "sitemap-bad.xml", "sitemap-too-large.xml", "sitemap-missing.xml",
                 "sitemap-truncated.xml"))
             + "</sitemapindex>").encode(), "application/xml"),
        "/sitemap-articles.xml": page(urlset([url(s) for s in GOOD + ["sitemap-only-1", "sitemap-only-2"]]),
                                      "application/xml"),
        "/sitemap-bad.xml": page(b"\x89PNG\r\n\x1a\n\x00\x00 binary", "application/xml"),
        "/sitemap-too-large.xml": page(urlset([f"{base}/tag/t-{i}/" for i in range(8000)]), "application/xml"),
        "/sitemap-truncated.xml": page(urlset([url("sitemap-repaired-only")])[:-30], "application/xml"),
        # faults that pass: a retry or a fallback gets the article
        "/news/flaky-1/": failing_first(2, lambda h: status(503)(h, 0), good("flaky-1")),
        "/news/flaky-2/": failing_first(1, lambda h: status(502)(h, 0), good("flaky-2")),
        "/news/slow-once/": sleeping(TIMEOUT * 4, good("slow-once"), times=1),
        "/news/reset-once/": failing_first(1, reset, good("reset-once")),
        "/news/truncated-once/": failing_first(
            1, lambda h: truncate(h, article_html("truncated-once", "Story truncated-once").encode(), article),
            good("truncated-once")),
        "/news/cp1252-meta/": page(article_html(
            "cp1252-meta", CHARSET_TITLES["cp1252-meta"],
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">').encode("cp1252"),
            "text/html"),
        "/news/utf8-bare/": page(article_html("utf8-bare", CHARSET_TITLES["utf8-bare"], "").encode(), "text/html"),
        "/news/wrong-charset/": page(article_html("wrong-charset", CHARSET_TITLES["wrong-charset"]).encode(),
                                     "text/html; charset=iso-8859-1"),
        "/news/moved/": redirect(url("moved-target"), 301),
        "/news/moved-target/": good("moved-target"),
        f"/news/with-token/?token={SECRET}": good("with-token"),
        # faults that stay
        "/news/always-500/": status(500),
        "/news/slow-always/": sleeping(TIMEOUT * 4, good("slow-always")),
        "/news/reset-always/": lambda h, hit: reset(h),
        "/news/truncated-always/": lambda h, hit: truncate(
            h, article_html("truncated-always", "Never whole").encode(), article),
        "/news/gzip-bomb/": gzip_bomb(MAX_SIZE * 20),
        "/news/too-large/": page(big.encode()),
        "/news/too-large-stream/": streamed_without_length(big.encode()),
        "/news/redirect-loop-a/": redirect(url("redirect-loop-b")),
        "/news/redirect-loop-b/": redirect(url("redirect-loop-a")),
        "/news/offsite-redirect/": redirect(f"{offsite_base}/news/elsewhere/"),
        "/private/news/hidden/": good("hidden"),
    }
    for slug in GOOD + ["sitemap-only-1", "sitemap-only-2", "feed-repaired-only", "sitemap-repaired-only"]:
        routes[f"/news/{slug}/"] = good(slug)
    chain = url("redirect-chain")
    routes["/news/redirect-chain/"] = redirect(chain + "?n=1")
    for n in range(1, 12):
        routes[f"/news/redirect-chain/?n={n}"] = redirect(f"{chain}?n={n + 1}")
    return routes


def registry_entry(base: str, slug: str = "fault-site", **extra: object) -> dict:
    host = base.split("://", 1)[1].split(":", 1)[0]
    entry = {
        "slug": slug, "name": "Fault Site", "homepage": base + "/", "language": "en",
        "allowed_domains": [host],
        "feeds": ["/feed.xml", "/feed-moved.xml", "/feed-broken.xml", "/feed-truncated.xml", "/feed-huge.xml"],
        "sitemaps": ["/sitemap.xml"],
        "article_url_patterns": [r"^/(private/)?news/[a-z0-9-]+/"],
        "allow_private_network": True,
    }
    entry.update(extra)
    return entry
