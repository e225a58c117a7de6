"""Authors, titles, JSON-LD, metadata, language and page type, one module at a time."""
from __future__ import annotations

import pytest
from lxml.html import document_fromstring

from crawler.extraction.authors import clean_name, extract_authors, split_names
from crawler.extraction.jsonld import read_jsonld
from crawler.extraction.language import detect_language, guess_language, normalize_language
from crawler.extraction.metadata import read_meta
from crawler.extraction.pagetype import PageShape, classify_page
from crawler.extraction.title import choose_title, strip_site_name


@pytest.mark.parametrize(("raw", "names"), [
    ("By Jane Doe and John Roe | Variety", ["Jane Doe", "John Roe"]),
    ("Von Roland Brockmann und Sebastian Drescher", ["Roland Brockmann", "Sebastian Drescher"]),
    ("Jan Fleischhauer, Kolumnist", ["Jan Fleischhauer"]),
    ("Written by Priya Raman, Senior Film Reporter", ["Priya Raman"]),
    ("Veröffentlicht von Chris Jung", ["Chris Jung"]),
    ("Michael L. Anderson, PhD", ["Michael L. Anderson"]),
    ("김민지 기자", ["김민지"]),
    ("Par Amélie Durand", ["Amélie Durand"]),
    ("@janedoe", []),
    ("jane.doe@example.test", []),
    ("admin", []),
    ("https://example.test/author/jane", []),
    ("Dana Whitfield - March 3, 2024", ["Dana Whitfield"]),
])
def test_split_names(raw: str, names: list[str]) -> None:
    assert split_names(raw) == names


def test_site_name_is_not_an_author() -> None:
    assert clean_name("Screenpulse", ("Screenpulse",)) == ""
    assert clean_name("Evan Symon") == "Evan Symon"


def _tree(html: str):
    return document_fromstring(html)


def test_author_sources_in_order() -> None:
    html = """<html><head><meta name="author" content="Meta Person">
    <script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Ld Person"}}</script>
    </head><body><span class="byline">By Dom Person</span></body></html>"""
    tree = _tree(html)
    assert extract_authors(tree, read_meta(tree), read_jsonld(tree)) == ["Ld Person"]
    tree = _tree(html.replace("application/ld+json", "text/plain"))
    assert extract_authors(tree, read_meta(tree), read_jsonld(tree)) == ["Meta Person"]
    tree = _tree('<html><body><div class="comment-author">Commenter Name</div><p class="author">By Dom Person</p></body></html>')
    assert extract_authors(tree, read_meta(tree), read_jsonld(tree)) == ["Dom Person"]


def test_writer_and_reporter_classes_are_bylines() -> None:
    tree = _tree('<html><body><h1>제목</h1><p class="writer">박하은 기자</p></body></html>')
    assert extract_authors(tree, read_meta(tree), read_jsonld(tree)) == ["박하은"]
    tree = _tree('<html><body><span class="reporter-name">By Ana Ruiz</span></body></html>')
    assert extract_authors(tree, read_meta(tree), read_jsonld(tree)) == ["Ana Ruiz"]


@pytest.mark.parametrize(("title", "stripped"), [
    ("Big Premiere Tonight - Variety", "Big Premiere Tonight"),
    ("Big Premiere Tonight | Soompi", "Big Premiere Tonight"),
    ("Soompi | Big Premiere Tonight", "Big Premiere Tonight"),
    ("Kinoblatt Online :: Festival News", "Festival News"),
    ("Spider-Man - Into the Spider-Verse: a review", "Spider-Man - Into the Spider-Verse: a review"),
])
def test_strip_site_name(title: str, stripped: str) -> None:
    assert strip_site_name(title, "https://www.variety.test/x", ("Variety", "Soompi", "Kinoblatt Online")) == stripped


def test_title_prefers_h1_that_agrees_with_metadata() -> None:
    tree = _tree("""<html><head><title>Star Wins Award | Popwire</title>
    <meta property="og:title" content="Star Wins Award"></head>
    <body><h1>Popwire</h1><h1>Star Wins Award</h1></body></html>""")
    assert choose_title(tree, read_meta(tree), read_jsonld(tree), "https://popwire.test/a") == "Star Wins Award"


def test_jsonld_graph_references_and_broken_json() -> None:
    tree = _tree("""<html><head>
    <script type="application/ld+json">{"@graph":[{"@type":"Person","@id":"#p","name":"Ref Person"},
      {"@type":"BlogPosting","headline":"H","author":{"@id":"#p"},"datePublished":"2024-01-01"}]}</script>
    </head><body></body></html>""")
    info = read_jsonld(tree)
    assert (info.headline, info.authors, info.date_published) == ("H", ["Ref Person"], "2024-01-01")
    assert "blogposting" in info.types
    broken = _tree("""<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Broken", /* note */ "datePublished": "2024-02-02", "author": [{"name": "A B"},],}
    </script></head><body></body></html>""")
    info = read_jsonld(broken)
    assert (info.headline, info.date_published, info.authors) == ("Broken", "2024-02-02", ["A B"])
    hopeless = _tree("""<html><head><script type="application/ld+json">
    {"@type": "NewsArticle", "headline": "Salvaged" "datePublished": "2024-03-03" {{{</script></head><body></body></html>""")
    info = read_jsonld(hopeless)
    assert (info.headline, info.date_published) == ("Salvaged", "2024-03-03")


def test_organisation_authors_are_not_people() -> None:
    tree = _tree("""<html><head><script type="application/ld+json">
    {"@type":"NewsArticle","author":[{"@type":"Organization","name":"Some Newsroom"},{"@type":"Person","name":"Real Person"}]}
    </script></head><body></body></html>""")
    assert read_jsonld(tree).authors == ["Real Person"]


def test_language() -> None:
    assert normalize_language("en-US") == "en" and normalize_language("de_DE") == "de" and normalize_language("x-default") == ""
    assert guess_language("배우 한서진이 새 드라마의 주연으로 확정됐다") == "ko"
    assert guess_language("Die Serie ist nicht mit der ersten Staffel und auch nicht mit dem Film zu vergleichen") == "de"
    tree = _tree('<html><head><meta property="og:locale" content="fr_FR"></head><body></body></html>')
    assert detect_language(read_meta(tree), read_jsonld(tree)) == "fr"


@pytest.mark.parametrize(("url", "types", "og", "shape", "expected"), [
    ("https://x.test/", [], "website", PageShape(body_words=30, teasers=20), "home"),
    ("https://x.test/?p=123", [], "", PageShape(body_words=300), "article"),
    ("https://x.test/tag/drama/", ["collectionpage"], "", PageShape(body_words=60, teasers=12), "tag"),
    ("https://x.test/photos/red-carpet/", [], "article", PageShape(body_words=20, images=12), "gallery"),
    ("https://x.test/videos/", [], "website", PageShape(body_words=20, videos=3), "video"),
    ("https://x.test/category/tv/", [], "", PageShape(body_words=40, teasers=30, link_density=0.8), "section"),
    ("https://x.test/news/", [], "", PageShape(body_words=40, teasers=30, link_density=0.8), "section"),
    ("https://x.test/2024/05/02/star-wins-big-award/", [], "", PageShape(body_words=300), "article"),
    ("https://x.test/news/a", ["newsarticle"], "article", PageShape(body_words=50, link_density=0.7, teasers=30), "article"),
    ("https://x.test/about", [], "", PageShape(body_words=10), "other"),
])
def test_classify_page(url: str, types: list[str], og: str, shape: PageShape, expected: str) -> None:
    assert classify_page(url, types, og, shape) == expected
