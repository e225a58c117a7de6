"""Phases: 2 edits a documented handful of articles, 3 adds new ones."""
from __future__ import annotations

import pytest
from lxml import etree

from crawler.demo import DemoNetwork
from crawler.demo.pages import render_body
from crawler.demo.storylines import PHASE2_UPDATES

PORT = 8631
CONTENT_KEYS = ("title", "body", "published", "authors", "shows", "url")


def by_url(network: DemoNetwork, phase: int) -> dict[str, dict]:
    return {f["url"]: f for f in network.expected_facts(PORT, phase)}


def test_phase2_edits_exactly_the_documented_articles(network):
    one, two = by_url(network, 1), by_url(network, 2)
    assert one.keys() == two.keys()
    changed = {u for u in one if any(one[u][k] != two[u][k] for k in CONTENT_KEYS)}
    assert len(changed) == len(PHASE2_UPDATES) >= 5
    for url in changed:
        before, after = one[url], two[url]
        assert after["modified"] and after["modified"] > before["published"]
        assert after["updated_in_phase"] == 2 and before["modified"] is None
        assert after["body"] != before["body"]
        assert after["published"] == before["published"]
    assert sum(1 for u in changed if one[u]["title"] != two[u]["title"]) >= 3
    assert {two[u]["site"] for u in changed} == {e[0] for e in PHASE2_UPDATES}
    assert {u for u in one if two[u]["modified"]} == changed


def test_phase3_adds_new_articles_on_top_of_phase2(network):
    two, three = by_url(network, 2), by_url(network, 3)
    assert two.keys() < three.keys()
    new = three.keys() - two.keys()
    assert len(new) >= 10
    assert {three[u]["site"] for u in new} == {"demo-reelbuzz", "demo-screenwire", "demo-tvgazette",
                                                "demo-hallyuko"}
    assert all(three[u]["phase_added"] == 3 for u in new)
    assert all(two[u] == three[u] for u in two)
    latest_old = max(f["published"] for f in two.values())
    assert min(three[u]["published"] for u in new) > latest_old[:10]
    assert any(three[u]["release_claim"] and three[u]["release_claim"]["status"] == "official"
               and three[u]["release_claim"]["show_id"] == "squid-game" for u in new)


def test_unchanged_article_pages_keep_their_bytes(network, fixed_now):
    for slug in ("demo-screenwire", "demo-hallyuko", "demo-reelbuzz", "demo-tvgazette"):
        two = network.render_site(slug, 2, PORT)
        three = network.render_site(slug, 3, PORT)
        for article in network.articles(2, slug):
            assert render_body(two[article.path], fixed_now) == render_body(three[article.path], fixed_now)


@pytest.mark.parametrize("slug,feed,title_xpath", [
    ("demo-reelbuzz", "/feed/", "//item/title/text()"),
    ("demo-hallyuko", "/rss/allArticle.xml", "//item/title/text()"),
    ("demo-screenwire", "/atom.xml", "//{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title"),
])
def test_feeds_refresh_edited_entries(network, slug, feed, title_xpath):
    edited = [a for a in network.updated_articles() if a.site == slug]
    assert edited
    root = etree.fromstring(network.render_site(slug, 2, PORT)[feed].body)
    if title_xpath.startswith("//item"):
        titles = set(root.xpath(title_xpath))
    else:
        titles = {e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")}
    assert all(a.title in titles for a in edited)


def test_edited_pages_show_the_update(network, fixed_now):
    markers = {"demo-reelbuzz": b"Updated:", "demo-screenwire": b'"dateModified": "2026-11-2',
               "demo-tvgazette": b"Updated ", "demo-hallyuko": "수정".encode()}
    for article in network.updated_articles():
        page = network.render_page(article.site, article.path, 2, PORT, fixed_now)
        assert markers[article.site] in page
        old = network.render_page(article.site, article.path, 1, PORT, fixed_now)
        assert markers[article.site] not in old


def test_invalid_phase_is_rejected(network):
    with pytest.raises(ValueError):
        network.articles(4)
