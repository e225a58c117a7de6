from __future__ import annotations

import gzip
import tracemalloc
import zlib

import pytest

from crawler.discovery import (
    SitemapParseError,
    SitemapTooLarge,
    parse_sitemap,
    sitemap_urls_from_robots,
)
from crawler.discovery.sitemaps import gunzip_capped

SITEMAP_URL = "https://showbiz.example/sitemap.xml"


def gzip_bomb(decompressed_size: int, prefix: bytes = b"<urlset>") -> bytes:
    """A small gzip stream that inflates to ``decompressed_size`` bytes,
    built in chunks so the test itself never holds the inflated data."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [compressor.compress(prefix)]
    chunk = b" " * (1 << 20)
    remaining = decompressed_size - len(prefix)
    while remaining > 0:
        parts.append(compressor.compress(chunk[:remaining]))
        remaining -= len(chunk)
    parts.append(compressor.flush())
    return b"".join(parts)


def test_sitemap_index(fixture_bytes) -> None:
    sitemap = parse_sitemap(fixture_bytes("sitemap_index.xml"), SITEMAP_URL)
    assert sitemap.kind == "sitemapindex" and sitemap.is_index
    assert [(e.loc, e.lastmod) for e in sitemap.entries] == [
        ("https://showbiz.example/sitemap-news.xml", "2026-03-02T10:00:00+09:00"),
        ("https://showbiz.example/sitemap-2026-03.xml.gz", "2026-03-01"),
        ("https://showbiz.example/sitemap-2026-02.xml", None),
    ]
    assert sitemap.skipped_without_loc == 1


def test_google_news_and_image_fields(fixture_bytes) -> None:
    sitemap = parse_sitemap(fixture_bytes("news_sitemap.xml"), SITEMAP_URL)
    assert sitemap.kind == "urlset" and not sitemap.is_index
    recap, korean, about = sitemap.entries
    assert recap.loc == "https://showbiz.example/tv/2026/03/harbor-lights-finale-recap/"
    assert recap.lastmod == "2026-03-02T10:00:00+09:00"
    assert recap.news_title == 'Finale recap: "Harbor Lights" season 2'
    assert recap.news_publication_date == "2026-03-02T09:30:00+09:00"
    assert recap.news_language == "en"
    assert recap.news_publication_name == "Showbiz Daily"
    assert recap.image_loc == "https://cdn.showbiz.example/img/harbor.jpg"
    assert korean.news_title == "봄날의 약속 시청률 최고치"
    assert korean.news_publication_name == "쇼비즈 데일리"
    assert korean.news_publication_date == "2026-03-01"
    assert korean.image_loc == ""
    assert about.lastmod == "2025-12-31T23:59:59+00:00"
    assert about.news_title == "" and about.news_publication_date is None


def test_wrong_namespaces_and_prefixes(fixture_bytes) -> None:
    sitemap = parse_sitemap(fixture_bytes("wrong_namespace_sitemap.xml"), SITEMAP_URL)
    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.loc == "https://glam.example/style/red-carpet"
    assert first.lastmod == "2026-03-03T14:00:00+01:00"
    assert first.news_publication_date == "2026-03-03T14:00:00+01:00"  # "+0100" form
    assert (first.news_title, first.news_language, first.news_publication_name) == (
        "Tapis rouge", "fr", "Glam")
    # the news: prefix is not even declared: still read, with a warning
    assert second.news_title == "Undeclared prefix still read"
    assert second.news_publication_date == "2026-03-02T08:00:00+00:00"
    assert "repaired malformed XML" in sitemap.warnings


def test_no_namespace_and_partial_or_bad_lastmod(fixture_bytes) -> None:
    sitemap = parse_sitemap(fixture_bytes("no_namespace_sitemap.xml"), SITEMAP_URL)
    assert [(e.loc, e.lastmod) for e in sitemap.entries] == [
        ("https://plain.example/a", "2026-03"), ("https://plain.example/b", None)]


def test_gzip_detected_by_magic_bytes_not_url(fixture_bytes) -> None:
    body = fixture_bytes("sitemap_pages.xml.gz")
    sitemap = parse_sitemap(body, "https://showbiz.example/sitemap-pages.xml")  # no .gz
    assert len(sitemap.entries) == 120
    assert sitemap.entries[0].loc == "https://showbiz.example/archive/2026/03/story-000/"
    assert sitemap.entries[-1].lastmod == "2026-03-08T12:00:00+09:00"
    plain = gzip.decompress(body)
    same = parse_sitemap(plain, "https://showbiz.example/sitemap-pages.xml.gz")  # .gz, not gzip
    assert same.entries == sitemap.entries


def test_double_gzip_and_multi_member(fixture_bytes) -> None:
    plain = gzip.decompress(fixture_bytes("sitemap_pages.xml.gz"))
    assert len(parse_sitemap(gzip.compress(gzip.compress(plain)), SITEMAP_URL).entries) == 120
    half = plain.index(b"</url>", len(plain) // 2) + len(b"</url>")
    members = gzip.compress(plain[:half]) + gzip.compress(plain[half:])
    assert len(parse_sitemap(members, SITEMAP_URL).entries) == 120


def test_truncated_gzip_keeps_what_was_there(fixture_bytes) -> None:
    plain = gzip.decompress(fixture_bytes("sitemap_pages.xml.gz"))
    compressed = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    truncated = compressed.compress(plain) + compressed.flush(zlib.Z_SYNC_FLUSH)
    sitemap = parse_sitemap(truncated[: len(truncated) * 2 // 3], SITEMAP_URL)
    assert 0 < len(sitemap.entries) < 120
    assert any("truncated" in w for w in sitemap.warnings)


def test_corrupt_gzip_is_a_clear_error() -> None:
    with pytest.raises(SitemapParseError, match="corrupt gzip"):
        parse_sitemap(b"\x1f\x8b\x08\x00garbage-not-deflate" * 3, SITEMAP_URL)


def test_gzip_bomb_is_refused_with_bounded_memory() -> None:
    bomb = gzip_bomb(200 * 1024 * 1024)  # 200 MiB of spaces
    assert len(bomb) < 400 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(SitemapTooLarge, match="inflates beyond"):
            parse_sitemap(bomb, SITEMAP_URL, max_size=2 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * 1024 * 1024, f"peak {peak} bytes"


def test_gzip_bomb_over_default_50_mib_limit() -> None:
    with pytest.raises(SitemapTooLarge):
        parse_sitemap(gzip_bomb(50 * 1024 * 1024 + 1), SITEMAP_URL)


def test_gunzip_capped_exact_limit_is_allowed() -> None:
    data, complete = gunzip_capped(gzip_bomb(4096), 4096)
    assert complete and len(data) == 4096
    with pytest.raises(SitemapTooLarge):
        gunzip_capped(gzip_bomb(4097), 4096)


def test_uncompressed_body_over_limit() -> None:
    body = b"<urlset>" + b"<url><loc>https://a.example/x</loc></url>" * 100 + b"</urlset>"
    with pytest.raises(SitemapTooLarge):
        parse_sitemap(body, SITEMAP_URL, max_size=1000)
    assert len(parse_sitemap(body, SITEMAP_URL, max_size=len(body)).entries) == 100


def test_text_sitemap(fixture_bytes) -> None:
    sitemap = parse_sitemap(fixture_bytes("sitemap.txt"), "https://text.example/sitemap.txt")
    assert sitemap.is_text and sitemap.kind == "urlset"
    assert [e.loc for e in sitemap.entries] == [
        "https://text.example/news/1", "https://text.example/news/2"]


@pytest.mark.parametrize("body, message", [
    (b"", "empty"),
    (b"  \r\n ", "empty"),
    (b"hello, this is not a sitemap", "no URLs"),
    (b"\x00\x01\x02binary", "binary"),
    (b"<!DOCTYPE html><html><body><a href='/x'>x</a></body></html>", "not a sitemap"),
    (b'<rss version="2.0"><channel/></rss>', "not a sitemap"),
])
def test_non_sitemaps_are_clear_errors(body: bytes, message: str) -> None:
    with pytest.raises(SitemapParseError, match=message):
        parse_sitemap(body, SITEMAP_URL)


def test_broken_xml_sitemap_recovers_entries() -> None:
    body = (b'<?xml version="1.0"?><urlset><url><loc>https://a.example/?a=1&b=2</loc></url>'
            b"<url><loc>https://a.example/two</loc></url><url><loc>https://a.exa")
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert [e.loc for e in sitemap.entries][:2] == [
        "https://a.example/?a=1&b=2", "https://a.example/two"]
    assert sitemap.warnings == ["repaired malformed XML"]


def test_xxe_in_sitemap_is_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("https://evil.example/leak")
    body = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>'
            "<urlset><url><loc>&x;</loc></url><url><loc>https://a.example/ok</loc></url>"
            "</urlset>").encode()
    sitemap = parse_sitemap(body, SITEMAP_URL)
    assert [e.loc for e in sitemap.entries] == ["https://a.example/ok"]
    assert sitemap.skipped_without_loc == 1


def test_sitemap_urls_from_robots(fixture_bytes) -> None:
    robots = fixture_bytes("robots.txt").decode()
    assert sitemap_urls_from_robots(robots, "https://showbiz.example/robots.txt") == [
        "https://showbiz.example/sitemap_index.xml",
        "https://showbiz.example/sitemap-news.xml",
        "https://cdn.showbiz.example/sitemaps/video.xml",
    ]


def test_sitemap_urls_from_robots_edge_cases() -> None:
    assert sitemap_urls_from_robots("", "https://a.example/robots.txt") == []
    robots = "\ufeffSitemap: https://a.example/s.xml\r\nDisallow: /sitemap: no\r\n"
    assert sitemap_urls_from_robots(robots, "https://a.example/robots.txt") == [
        "https://a.example/s.xml"]
    assert sitemap_urls_from_robots("Sitemap: ftp://a.example/s.xml", "https://a.example/") == []
