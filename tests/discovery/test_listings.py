from __future__ import annotations

import pytest

from crawler.discovery import (
    InvalidPatternError,
    ListingParseError,
    UrlRules,
    is_article_url,
    parse_listing,
    parse_listing_with_rules,
)

WP_URL = "https://showbiz.example/category/tv/page/2/"
WP_ARTICLES = [r"^/tv/\d{4}/\d{2}/[^/]+/$"]


def test_wordpress_listing_articles_in_page_order(fixture_bytes) -> None:
    listing = parse_listing(fixture_bytes("listing_wordpress.html"), WP_URL,
                            article_patterns=[r"/tv/\d{4}/\d{2}/[^/]+/"],
                            exclude_patterns=[r"video-"])
    assert listing.article_urls == [
        # fragment (#comments) and utm_* duplicates collapse into the first one
        "https://showbiz.example/tv/2026/03/harbor-lights-finale-recap/",
        # fbclid removed
        "https://showbiz.example/tv/2026/03/spring-promise-ratings/",
        # a relative link resolves against the page URL
        "https://showbiz.example/category/tv/page/2/tv/2026/02/midnight-bakery-review/",
        # ?page=2 and ?page=1 are different URLs: non-tracking params are kept
        "https://showbiz.example/tv/2026/02/cast-interview/?page=2",
        "https://showbiz.example/tv/2026/02/cast-interview/?page=1",
        # patterns are matched on path+query only; restrict hosts with allowed_domains
        "https://other-site.example/tv/2026/03/someone-elses-story/",
    ]
    assert listing.next_page == "https://showbiz.example/category/tv/page/3/"
    assert listing.links_seen == 17  # mailto: and javascript: are not links


def test_anchored_patterns_and_allowed_domains(fixture_bytes) -> None:
    listing = parse_listing(fixture_bytes("listing_wordpress.html"), WP_URL,
                            article_patterns=WP_ARTICLES, exclude_patterns=[r"video-"],
                            allowed_domains=["showbiz.example"])
    assert listing.article_urls == [
        "https://showbiz.example/tv/2026/03/harbor-lights-finale-recap/",
        "https://showbiz.example/tv/2026/03/spring-promise-ratings/",
    ]


def test_anchor_rel_next_and_class_next_without_link_rel(fixture_bytes) -> None:
    html = fixture_bytes("listing_wordpress.html").replace(
        b'<link rel="next" href="https://showbiz.example/category/tv/page/3/">', b"")
    assert b'rel="next"' not in html
    listing = parse_listing(html, WP_URL, article_patterns=WP_ARTICLES)
    assert listing.next_page == "https://showbiz.example/category/tv/page/3/"  # "Next »"
    html = html.replace(b"Next \xc2\xbb", b"\xe2\x86\x92")  # an arrow-free class-only link
    assert parse_listing(html, WP_URL, article_patterns=WP_ARTICLES).next_page == (
        "https://showbiz.example/category/tv/page/3/")


def test_korean_listing_base_href_query_articles_and_next(fixture_bytes) -> None:
    listing = parse_listing(fixture_bytes("listing_korean.html"),
                            "https://kdrama.example/news/list.php?page=1",
                            article_patterns=[r"view\.php\?no=\d+"])
    assert listing.article_urls == [
        "https://kdrama.example/news/view.php?no=101&section=drama",
        "https://kdrama.example/news/view.php?no=102&section=drama",
        "https://kdrama.example/news/view.php?no=103&section=drama",
    ]
    assert listing.next_page == "https://kdrama.example/news/list.php?page=2"  # "다음 ›"


def test_spanish_cp1252_listing(fixture_bytes) -> None:
    body = fixture_bytes("listing_spanish.html")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    listing = parse_listing(body, "https://series.example/series/pagina/1.html",
                            article_patterns=[r"^/series/\d{4}/"])
    assert listing.article_urls == [
        "https://series.example/series/2026/03/la-casa-temporada-final.html",
        "https://series.example/series/2026/03/el-regreso-critica.html",
    ]
    assert listing.next_page == "https://series.example/series/pagina/2.html"  # "Siguiente"


def test_icon_link_with_aria_label(fixture_bytes) -> None:
    listing = parse_listing(fixture_bytes("listing_icons.html"),
                            "https://x.example/entertainment?page=2",
                            article_patterns=[r"/entertainment/story-\d+$"])
    assert listing.article_urls == ["https://x.example/entertainment/story-1",
                                    "https://x.example/entertainment/story-2"]
    assert listing.next_page == "https://x.example/entertainment?page=3"


def test_css_selector_wins_and_has_no_fallback(fixture_bytes) -> None:
    body = fixture_bytes("listing_icons.html")
    url = "https://x.example/entertainment?page=2"
    assert parse_listing(body, url, article_patterns=["story"],
                         next_page_selector="a.load-more").next_page == (
        "https://x.example/entertainment/?page=9")
    # selector on a container: its first link is used
    assert parse_listing(body, url, article_patterns=["story"],
                         next_page_selector="nav.pager").next_page == (
        "https://x.example/entertainment?page=3")
    # an explicit selector that matches nothing means "last page"
    assert parse_listing(body, url, article_patterns=["story"],
                         next_page_selector="a.does-not-exist").next_page is None


@pytest.mark.parametrize("link", [
    '<a href="/list?p=3">Next</a>', '<a href="/list?p=3">Next page ›</a>',
    '<a href="/list?p=3">Older posts</a>', '<a href="/list?p=3">› </a>',
    '<a href="/list?p=3"> 다음 </a>', '<a href="/list?p=3">Siguiente »</a>',
    '<a href="/list?p=3">← Older Entries</a>', '<a href="/list?p=3">Nächste Seite</a>',
    '<li class="next"><a href="/list?p=3">3</a></li>', '<a rel="next" href="/list?p=3">3</a>',
    '<a href="/list?p=3" title="Next">&nbsp;</a>',
])
def test_next_link_styles(link: str) -> None:
    html = f'<html><body><a href="/list?p=1">Previous</a> {link}</body></html>'
    listing = parse_listing(html, "https://a.example/list?p=2", article_patterns=["x"])
    assert listing.next_page == "https://a.example/list?p=3"


@pytest.mark.parametrize("link", [
    '<a href="/list?p=1">« Previous</a>', '<a href="/list?p=9">Last »»</a>',
    '<a href="/next-big-thing/">The next big thing in TV</a>', '<a href="/list?p=3">다음 글</a>',
    '<a href="#" class="next">Next</a>', '<a href="javascript:more()">Load more</a>',
])
def test_not_next_links(link: str) -> None:
    html = f"<html><body>{link}</body></html>"
    listing = parse_listing(html, "https://a.example/list?p=2", article_patterns=["x"])
    assert listing.next_page is None


def test_next_is_never_the_same_page() -> None:
    html = ('<html><head><link rel="next" href="https://a.example/list/?utm_source=x#top">'
            '</head><body><a href="/list">Next</a><a href="/list?p=3">Older posts</a>'
            "</body></html>")
    listing = parse_listing(html, "https://a.example/list", article_patterns=["x"])
    assert listing.next_page == "https://a.example/list?p=3"
    only_self = '<html><body><a href="/list#more">Next</a></body></html>'
    assert parse_listing(only_self, "https://a.example/list",
                         article_patterns=["x"]).next_page is None


def test_str_input_and_listing_without_articles() -> None:
    listing = parse_listing("<p>Just text, <a href='/about'>about</a></p>",
                            "https://a.example/", article_patterns=[r"/news/"])
    assert listing.article_urls == [] and listing.next_page is None
    assert listing.links_seen == 1


def test_broken_html_still_yields_links() -> None:
    html = (b"<html><body><div><a href='/news/1'>one<div><a href=\"/news/2\">two"
            b"<table><tr><td><a href=/news/3>three</a></body>")
    listing = parse_listing(html, "https://a.example/", article_patterns=[r"^/news/\d+$"])
    assert listing.article_urls == ["https://a.example/news/1", "https://a.example/news/2",
                                    "https://a.example/news/3"]


@pytest.mark.parametrize("body, message", [
    (b"", "empty"), ("   \n", "empty"), (b"\x1f\x8b\x08\x00\x00\x00", "binary"),
    (b"\x00\x01<html>", "binary"),
])
def test_unusable_input_is_a_clear_error(body: bytes | str, message: str) -> None:
    with pytest.raises(ListingParseError, match=message):
        parse_listing(body, "https://a.example/", article_patterns=["x"])


def test_invalid_patterns_and_selector_are_clear_errors() -> None:
    with pytest.raises(InvalidPatternError, match="article pattern '/news/\\('"):
        parse_listing(b"<a href='/x'>x</a>", "https://a.example/", article_patterns=["/news/("])
    with pytest.raises(InvalidPatternError, match="exclude"):
        UrlRules(["x"], ["[unclosed"])
    with pytest.raises(InvalidPatternError, match="selector"):
        parse_listing(b"<a href='/x'>x</a>", "https://a.example/", article_patterns=["x"],
                      next_page_selector="a[[")


def test_url_rules_and_is_article_url() -> None:
    rules = UrlRules([r"/\d{4}/\d{2}/", r"\?article_id=\d+"], [r"/video/", r"[?&]amp=1"])
    assert rules.is_article_url("https://a.example/2026/03/story/")
    assert rules.is_article_url("https://a.example/read?article_id=42")
    assert not rules.is_article_url("https://a.example/video/2026/03/clip/")
    assert not rules.is_article_url("https://a.example/2026/03/story/?amp=1")
    assert not rules.is_article_url("https://a.example/about/")
    # the host never takes part in matching
    assert not rules.is_article_url("https://2026.example/05/")
    assert is_article_url("https://a.example/2026/03/x", [r"/\d{4}/"], [])
    assert not is_article_url("https://a.example/2026/03/x", [r"/\d{4}/"], [r"/03/"])
    assert not is_article_url("https://a.example/2026/03/x", [], [])


def test_rules_compiled_once_and_reused(fixture_bytes) -> None:
    rules = UrlRules(WP_ARTICLES)
    body = fixture_bytes("listing_wordpress.html")
    first = parse_listing_with_rules(body, WP_URL, rules)
    again = parse_listing(body, WP_URL, article_patterns=WP_ARTICLES)
    assert first == again
