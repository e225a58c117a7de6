"""Feeds, sitemaps, robots and listing pages: well-formed and complete."""
from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

from crawler.demo import demo_registry_entries

PORT = 8631
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "news": "http://www.google.com/schemas/sitemap-news/0.9", "atom": "http://www.w3.org/2005/Atom"}
SLUGS = ("demo-reelbuzz", "demo-screenwire", "demo-tvgazette", "demo-hallyuko")


def local_key(url: str, host: str) -> str:
    parts = urlsplit(url)
    assert parts.netloc == f"{host}:{PORT}", url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def xml_of(page) -> etree._Element:
    body = gzip.decompress(page.body) if page.body[:2] == b"\x1f\x8b" else page.body
    return etree.fromstring(body)   # raises on malformed XML


@pytest.mark.parametrize("phase", [1, 3])
def test_feeds_and_sitemaps_are_well_formed_and_point_to_existing_pages(network, phase):
    for entry in demo_registry_entries(PORT):
        pages = network.render_site(entry["slug"], phase, PORT)
        host = entry["allowed_domains"][0]
        articles = {a.path for a in network.articles(phase, entry["slug"])}
        listed: set[str] = set()
        todo = list(entry["sitemaps"]) + list(entry["news_sitemaps"])
        while todo:
            root = xml_of(pages[todo.pop()])
            for loc in root.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS):
                todo.append(local_key(loc, host))
            for loc in root.xpath("//sm:url/sm:loc/text()", namespaces=NS):
                key = local_key(loc, host)
                assert key in pages, key
                listed.add(key)
        for feed in entry["feeds"]:
            root = xml_of(pages[feed])
            links = root.xpath("//item/link/text()") + root.xpath("//atom:entry/atom:link/@href", namespaces=NS)
            assert links, feed
            for link in links:
                key = local_key(link, host)
                assert key in articles, key
                listed.add(key)
        if entry["sitemaps"]:
            assert articles <= listed, entry["slug"]      # sitemaps cover every article


def test_reelbuzz_sitemap_index_has_a_gzipped_month(network):
    pages = network.render_site("demo-reelbuzz", 1, PORT)
    index = xml_of(pages["/sitemap_index.xml"])
    locs = index.xpath("//sm:loc/text()", namespaces=NS)
    assert any(loc.endswith("/sitemap-posts-2026-03.xml.gz") for loc in locs)
    assert pages["/sitemap-posts-2026-03.xml.gz"].body[:2] == b"\x1f\x8b"
    assert len([loc for loc in locs if "sitemap-posts-2026-" in loc]) >= 9
    feed = xml_of(pages["/feed/"])
    assert len(feed.xpath("//item")) == 30


def test_screenwire_news_sitemap_and_atom(network):
    pages = network.render_site("demo-screenwire", 1, PORT)
    news = xml_of(pages["/news-sitemap.xml"])
    dates = news.xpath("//news:publication_date/text()", namespaces=NS)
    titles = news.xpath("//news:title/text()", namespaces=NS)
    assert len(dates) == len(titles) > 20
    assert all(re.search(r"[+-]0[45]:00$", d) for d in dates)
    atom = xml_of(pages["/atom.xml"])
    assert atom.xpath("//atom:entry/atom:published", namespaces=NS)


def test_robots_txt(network):
    for slug in SLUGS:
        text = network.render_site(slug, 1, PORT)["/robots.txt"].body.decode()
        assert "Disallow: /search" in text
        assert ("Sitemap:" in text) == (slug != "demo-tvgazette")
    assert "Disallow: /wp-admin/" in network.render_site("demo-reelbuzz", 1, PORT)["/robots.txt"].body.decode()


def follow_next(pages: dict, start: str, selector: str) -> tuple[list[str], set[str]]:
    """Walk listing pages via the registry's next-page selector; return visited pages and links."""
    visited, links, current = [], set(), start
    while current and current not in visited:
        visited.append(current)
        tree = html.fromstring(pages[current].body)
        links |= {a.get("href") for a in tree.cssselect("a[href]")}
        nxt = tree.cssselect(selector)
        current = nxt[0].get("href") if nxt else None
    return visited, links


@pytest.mark.parametrize("slug", ["demo-tvgazette", "demo-hallyuko"])
def test_pagination_reaches_every_article(network, slug):
    entry = next(e for e in demo_registry_entries(PORT) if e["slug"] == slug)
    pages = network.render_site(slug, 3, PORT)
    visited, links = follow_next(pages, entry["listing_pages"][0], entry["next_page_selector"])
    assert len(visited) >= 4
    assert {a.path for a in network.articles(3, slug)} <= links
    if slug == "demo-tvgazette":
        last = html.fromstring(pages[visited[-1]].body)
        assert not last.cssselect("a.next") and "Next" in pages[visited[0]].body.decode()


def test_screenwire_listings_link_tracked_variants(network):
    pages = network.render_site("demo-screenwire", 1, PORT)
    entry = next(e for e in demo_registry_entries(PORT) if e["slug"] == "demo-screenwire")
    links = set()
    for listing in entry["listing_pages"]:
        links |= {a.get("href") for a in html.fromstring(pages[listing].body).cssselect("a.card-link")}
    assert all("utm_source=" in link for link in links)
    assert {link.split("?")[0] for link in links} == {a.path for a in network.articles(1, "demo-screenwire")}


def test_registry_patterns_select_articles_only(network):
    for entry in demo_registry_entries(PORT):
        pages = network.render_site(entry["slug"], 1, PORT)
        articles = {a.path for a in network.articles(1, entry["slug"])}

        def is_article(key: str) -> bool:
            return (any(re.search(p, key) for p in entry["article_url_patterns"])
                    and not any(re.search(p, key) for p in entry["exclude_url_patterns"]))
        assert {key for key in pages if is_article(key)} == articles, entry["slug"]
        assert entry["homepage"] == f"http://{entry['allowed_domains'][0]}:{PORT}/"
        assert entry["demo"] and entry["allow_private_network"] and entry["enabled"]
