"""canonical_url / normalize_url with tracking, AMP and cross-site canonicals."""
from __future__ import annotations

import pytest

from pipelines.canonical_url import (
    InvalidURLError, canonical_url, normalize_url, registrable_domain, same_site,
)


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://WWW.Example.COM:443/News/Story?b=2&a=1#comments", "https://www.example.com/News/Story?a=1&b=2"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/a?utm_source=tw&utm_medium=social&UTM_Campaign=x&id=7", "https://example.com/a?id=7"),
    ("https://example.com/a?fbclid=IwAR0&gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5", "https://example.com/a"),
    ("https://example.com/a?ref=home&ref_src=twsrc&cmp=x&cmpid=y&ncid=z&_ga=1&igshid=2&yclid=3&spm=4"
     "&share=5&s_cid=6&page=2", "https://example.com/a?page=2"),
    ("https://example.com/a?q=&z=1", "https://example.com/a?q=&z=1"),  # blank values kept
    ("https://example.com/a?tag=k-drama&tag=comedy", "https://example.com/a?tag=comedy&tag=k-drama"),
    # AMP variants
    ("https://example.com/2026/03/14/story/amp/", "https://example.com/2026/03/14/story/"),
    ("https://example.com/story/amp", "https://example.com/story"),
    ("https://example.com/amp/story/123", "https://example.com/story/123"),
    ("https://example.com/news/amp/story-123", "https://example.com/news/story-123"),
    ("https://example.com/story?amp=1", "https://example.com/story"),
    ("https://example.com/story?amp", "https://example.com/story"),
    ("https://example.com/story?outputType=amp&id=3", "https://example.com/story?id=3"),
    ("https://amp.example.com/story", "https://example.com/story"),
    ("https://example.com/tv/story-123.amp.html", "https://example.com/tv/story-123.html"),
    ("https://example.com/tv/story-123/amp.html", "https://example.com/tv/story-123/"),
    # not AMP
    ("https://example.com/ampersand-review", "https://example.com/ampersand-review"),
    ("https://example.com/story?amp=0", "https://example.com/story?amp=0"),
    ("https://amp.com/story", "https://amp.com/story"),
    # encoding
    ("https://example.com/드라마 뉴스?q=ä", "https://example.com/%EB%93%9C%EB%9D%BC%EB%A7%88%20%EB%89%B4%EC%8A%A4?q=%C3%A4"),
    ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
])
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected
    assert normalize_url(expected) == expected  # idempotent


def test_declared_canonical_on_same_site_wins() -> None:
    fetched = "https://amp.variety.example/2026/tv/news/moonlit-harbor-123/amp/?utm_source=feed"
    assert canonical_url(fetched, "https://variety.example/2026/tv/news/moonlit-harbor-123/") == \
        "https://variety.example/2026/tv/news/moonlit-harbor-123/"
    # www. and m. hosts are the same site
    assert canonical_url("https://m.soompi.example/a/1", "https://www.soompi.example/a/1?ref=m") == \
        "https://www.soompi.example/a/1"


def test_og_url_used_when_no_rel_canonical() -> None:
    assert canonical_url("https://example.com/a?page=1", None, "https://www.example.com/a") == \
        "https://www.example.com/a"
    assert canonical_url("https://example.com/a", "", "https://example.com/b") == "https://example.com/b"


def test_foreign_canonical_is_ignored() -> None:
    # syndicated copy pointing at the original outlet: keep our own URL
    assert canonical_url("https://news.example.co.uk/a?utm_medium=x", "https://other.example.com/a") == \
        "https://news.example.co.uk/a"
    # og:url is tried when rel=canonical is foreign
    assert canonical_url("https://example.com/a", "https://evil.example.net/a", "https://example.com/b") == \
        "https://example.com/b"


def test_relative_and_broken_declared_canonicals() -> None:
    assert canonical_url("https://example.com/news/a?x=1", "/news/a") == "https://example.com/news/a"
    assert canonical_url("https://example.com/a", "javascript:void(0)") == "https://example.com/a"
    assert canonical_url("https://example.com/a", "https://[bad") == "https://example.com/a"


def test_public_suffix_and_private_domains() -> None:
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert not same_site("https://a.github.io/x", "https://b.github.io/x")  # PSL private suffix
    assert same_site("https://www.example.com/", "https://example.com/x")
    assert not same_site("https://example.com/", "https://example.org/")


def test_demo_servers_on_loopback_are_told_apart_by_port() -> None:
    assert canonical_url("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/a") == "http://127.0.0.1:8001/a"
    assert canonical_url("http://127.0.0.1:8001/a?utm_source=x", "/b") == "http://127.0.0.1:8001/b"


@pytest.mark.parametrize("bad", ["", "   ", "ftp://example.com/a", "/relative/only", "mailto:a@b.c",
                                 "https://", "http://example.com:99999/"])
def test_invalid_fetched_url_raises_clear_error(bad: str) -> None:
    with pytest.raises(InvalidURLError):
        canonical_url(bad)


def test_unknown_suffix_and_hex_looking_hosts() -> None:
    assert registrable_domain("m.soompi.example") == "soompi.example"
    assert same_site("https://m.soompi.example/a", "https://www.soompi.example/b")
    assert registrable_domain("cafe") == "cafe"
    assert not same_site("http://cafe/a", "http://bead/a")
    assert normalize_url("http://[::1]:8080/a#x") == "http://[::1]:8080/a"
