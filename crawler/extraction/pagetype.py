"""What kind of page this is: article | tag | gallery | video | home | section | other."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

_TAG_PATH = re.compile(r"/(?:tags?|topics?|themen|thema|schlagwort|stichwort|keyword|etiqueta|태그)(?:/|$)", re.I)
_SECTION_PATH = re.compile(r"/(?:category|categories|section|rubrik|ressort|kategorie|categorie|seccion|author|page/\d+)(?:/|$)", re.I)
_GALLERY_PATH = re.compile(r"/(?:galler(?:y|ies)|galerie|bilder|fotos|photos?|slideshow|bildergalerie|포토)(?:/|$|-)", re.I)
_VIDEO_PATH = re.compile(r"/(?:videos?|watch|tv|clips?|mediathek|영상)(?:/|$)", re.I)
_ARTICLE_OG = {"article", "news", "blog", "blogposting", "newsarticle"}
_GALLERY_TYPES = {"imagegallery", "mediagallery", "collectionpage:gallery"}
_HUB_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
                  "reviewnewsarticle", "review", "liveblogposting", "techarticle", "scholarlyarticle"}


# A link-dense page with this many teasers and fewer body words is a section page.
SECTION_MIN_TEASERS = 15
SECTION_MAX_BODY_WORDS = 80


@dataclass(frozen=True)
class PageShape:
    """Measurements of the page that classify_page reads."""

    body_words: int = 0           # words of extracted main text
    link_density: float = 0.0     # share of visible text inside links (see measure_page)
    images: int = 0               # <img> in <body>
    videos: int = 0               # <video>, video iframes
    teasers: int = 0              # links whose text looks like a headline (>= 5 words)


def _link_density_matters(teasers: int, body_words: int) -> bool:
    return teasers >= SECTION_MIN_TEASERS and body_words < SECTION_MAX_BODY_WORDS


def measure_page(tree: HtmlElement, body_words: int) -> PageShape:
    """Count links, images, videos and teaser links once for classify_page.

    ``link_density`` needs the words of the whole body, the most expensive
    count here; it is measured only where classify_page reads it (pages with
    ``SECTION_MIN_TEASERS`` teasers and fewer than ``SECTION_MAX_BODY_WORDS``
    body words) and is 0.0 on other pages.
    """
    body = tree.find("body")
    if body is None:
        return PageShape(body_words=body_words)
    script_words = link_words = teasers = images = videos = 0
    for element in body.iter("a", "script", "style", "img", "video", "iframe"):
        if element.tag in ("script", "style"):
            script_words += len((element.text or "").split())
        elif element.tag == "a":
            # a link without child nodes holds one text node: .text is its whole text, no XPath call
            words = len((element.text_content() if len(element) else element.text or "").split())
            link_words += words
            teasers += words >= 5
        elif element.tag == "img":
            images += 1
        elif element.tag == "video" or any(k in (element.get("src") or "") for k in ("youtube", "vimeo", "player")):
            videos += 1
    link_density = 0.0
    if _link_density_matters(teasers, body_words):
        text_len = len(body.text_content().split()) - script_words
        link_density = link_words / text_len if text_len > 0 else 0.0
    return PageShape(body_words=body_words, link_density=link_density, images=images, videos=videos,
                     teasers=teasers)


def _url_looks_like_article(path: str) -> bool:
    """A dated path (/2024/05/02/) or a long slug (four or more hyphenated words, or an id)."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(re.search(r"/(?:19|20)\d{2}/\d{1,2}/", path) or last.count("-") >= 3 or last.count("_") >= 3
                or re.search(r"\d{5,}", last))


def classify_page(url: str, jsonld_types: list[str], og_type: str, shape: PageShape) -> str:
    """Decide the page type from JSON-LD @type, og:type, URL shape and link density.

    Hubs (home, tag, section, video hub, gallery) are recognised first from
    their URL and declared types; a page that declares itself an article or
    has an article-like URL is an article unless its shape says otherwise.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    types = {t.lower() for t in jsonld_types}
    og = og_type.lower()
    says_article = bool(types & _ARTICLE_TYPES) or og in _ARTICLE_OG
    article_url = _url_looks_like_article(path)
    is_root = path in ("", "/") or bool(re.fullmatch(r"/(?:index\.\w+|home|[a-z]{2}(?:-[a-z]{2})?/?)", path, re.I))
    if is_root and not re.search(r"(?:^|&)(?:p|id|page_id|article|story)=", parts.query) and not says_article:
        return "home"
    if _TAG_PATH.search(path) and not says_article:
        return "tag"
    if types & _GALLERY_TYPES or og in ("gallery", "image") or (_GALLERY_PATH.search(path) and shape.images >= 6
                                                                  and shape.body_words < 250):
        return "gallery"
    if (("videoobject" in types and not says_article) or og.startswith("video")) and shape.body_words < 250:
        return "video"
    if _VIDEO_PATH.search(path) and shape.videos and shape.body_words < 200 and not article_url:
        return "video"
    if says_article or (article_url and shape.body_words >= 30):
        return "article"
    if types & _HUB_TYPES:
        return "tag" if _TAG_PATH.search(path) else "section"
    if _SECTION_PATH.search(path):
        return "section"
    if _link_density_matters(shape.teasers, shape.body_words) and shape.link_density > 0.6:
        return "section"
    if shape.body_words >= 80:
        return "article"
    if shape.teasers >= 10:
        return "section"
    return "other"
