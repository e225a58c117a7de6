"""demo-screenwire: a modern CMS with JSON-LD ``@graph``, og: meta, Atom and a news sitemap.

Listing pages link to ``?utm_source=...`` variants of article URLs; the
article's ``rel=canonical`` points at the clean URL.
"""
from __future__ import annotations

import json

from crawler.demo.clock import clock_time, iso, long_date
from crawler.demo.model import Article
from crawler.demo.pages import Page, atom, h, html_page, paragraphs_html, robots, urlset, xml_page
from crawler.demo.sites import RenderContext, author_slug

SECTIONS = {"tv": "TV", "streaming": "Streaming", "film": "Film", "music": "Music", "culture": "Culture"}
NEWS_SITEMAP_SIZE = 60


def tracked(article: Article, medium: str) -> str:
    return f"{article.path}?utm_source=screenwire&utm_medium={medium}&utm_campaign=river"


def json_ld(ctx: RenderContext, article: Article) -> str:
    url = ctx.url(article.path)
    graph = [
        {"@type": "Organization", "@id": ctx.base + "#organization", "name": "ScreenWire",
         "url": ctx.base, "logo": {"@type": "ImageObject", "url": ctx.url("/static/logo.png")}},
        {"@type": "WebSite", "@id": ctx.base + "#website", "url": ctx.base, "name": "ScreenWire",
         "publisher": {"@id": ctx.base + "#organization"}, "inLanguage": "en-US"},
        {"@type": "WebPage", "@id": url, "url": url, "name": article.title,
         "isPartOf": {"@id": ctx.base + "#website"}, "breadcrumb": {"@id": url + "#breadcrumb"}},
        {"@type": "NewsArticle", "@id": url + "#article", "headline": article.title,
         "description": article.description, "datePublished": iso(article.published),
         "dateModified": iso(article.last_changed),
         "author": [{"@type": "Person", "name": a, "url": ctx.url(f"/author/{author_slug(a)}")}
                    for a in article.authors],
         "articleSection": SECTIONS[article.section], "keywords": list(article.keywords),
         "publisher": {"@id": ctx.base + "#organization"}, "mainEntityOfPage": {"@id": url},
         "image": [ctx.url(f"/static/img/{article.number}.jpg")], "inLanguage": "en-US"},
        {"@type": "BreadcrumbList", "@id": url + "#breadcrumb", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": ctx.base},
            {"@type": "ListItem", "position": 2, "name": SECTIONS[article.section],
             "item": ctx.url(f"/{article.section}/")}]},
    ]
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False, indent=1)


def head(ctx: RenderContext, title: str, canonical: str, extra: str = "") -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{h(title)}</title>\n<link rel="canonical" href="{h(canonical)}">\n'
            f'<link rel="alternate" type="application/atom+xml" href="{h(ctx.url("/atom.xml"))}">\n'
            f"{extra}</head>\n")


NAV = ('<header class="site-header"><a class="logo" href="/">ScreenWire</a><nav>'
       + "".join(f'<a href="/{key}/">{name}</a>' for key, name in SECTIONS.items())
       + '</nav><form action="/search" class="search"><input name="q"></form></header>\n')
FOOTER = ('<footer class="site-footer"><p>&copy; 2026 ScreenWire Media</p>'
          '<a href="/atom.xml">Atom</a> <a href="/news-sitemap.xml">News sitemap</a></footer>\n'
          "</body>\n</html>\n")


def dateline(article: Article) -> str:
    def stamp(moment):  # "9:30 AM EDT · March 14, 2026"
        return f"{clock_time(moment)} {moment.tzname()} · {long_date(moment)}"
    text = f'Published <time datetime="{iso(article.published)}">{h(stamp(article.published))}</time>'
    if article.modified:
        text += (f' <span class="updated">Updated <time datetime="{iso(article.modified)}">'
                 f"{h(stamp(article.modified))}</time></span>")
    return f'<div class="article-dateline">{text}</div>'


def article_page(ctx: RenderContext, article: Article) -> Page:
    url = ctx.url(article.path)
    image = ctx.url(f"/static/img/{article.number}.jpg")
    meta = "\n".join([
        f'<meta name="description" content="{h(article.description)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{h(article.title)}">',
        f'<meta property="og:description" content="{h(article.description)}">',
        f'<meta property="og:url" content="{h(url)}">', f'<meta property="og:image" content="{h(image)}">',
        '<meta property="og:site_name" content="ScreenWire">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<script type="application/ld+json">\n{json_ld(ctx, article)}\n</script>']) + "\n"
    byline = ", ".join(f'<a rel="author" href="/author/{author_slug(a)}">{h(a)}</a>' for a in article.authors)
    more = ctx.older_picks(article, 4, "read-next")
    read_next = "".join(f'<li><a href="{h(tracked(a, "readnext"))}">{h(a.title)}</a></li>' for a in more)
    keywords = "".join(f'<li><a href="/{article.section}/">{h(k)}</a></li>' for k in article.keywords)
    body = ('<body class="article-page">\n' + NAV + '<main id="content">\n<article class="story">\n'
            f'<p class="kicker"><a href="/{article.section}/">{SECTIONS[article.section]}</a></p>\n'
            f'<h1 class="headline">{h(article.title)}</h1>\n<p class="dek">{h(article.description)}</p>\n'
            f'<div class="byline">By {byline}</div>\n{dateline(article)}\n'
            f'<figure class="lead-image"><img src="{h(image)}" alt=""><figcaption>Photo: {h(SECTIONS[article.section])} desk</figcaption></figure>\n'
            '<div class="article-body">\n' + paragraphs_html(article.paragraphs) + "\n</div>\n"
            f'<ul class="topics">{keywords}</ul>\n</article>\n'
            f'<aside class="read-next"><h2>Read next</h2><ul>{read_next}</ul></aside>\n'
            '<div class="newsletter-signup">Get the ScreenWire daily newsletter.</div>\n</main>\n' + FOOTER)
    return html_page(head(ctx, f"{article.title} | ScreenWire", url, meta) + body, "article",
                     article.last_changed)


def river(ctx: RenderContext, title: str, path: str, items: list[Article], medium: str,
          page_type: str) -> Page:
    cards = "\n".join(
        f'<div class="card"><a class="card-link" href="{h(tracked(a, medium))}"><h2>{h(a.title)}</h2></a>'
        f'<p>{h(a.description)}</p><span class="card-meta">{h(", ".join(a.authors))}</span></div>'
        for a in items)
    text = (head(ctx, f"{title} | ScreenWire", ctx.url(path)) + '<body class="river">\n' + NAV
            + f'<main><h1>{h(title)}</h1>\n<div class="river-cards">\n{cards}\n</div></main>\n' + FOOTER)
    return html_page(text, page_type)


def feeds(ctx: RenderContext) -> dict[str, Page]:
    newest = sorted(ctx.articles, key=lambda a: (a.last_changed, a.number), reverse=True)
    entries = [{"title": a.title, "link": ctx.url(a.path), "id": ctx.url(a.path),
                "published": iso(a.published), "updated": iso(a.last_changed), "authors": a.authors,
                "categories": [SECTIONS[a.section]], "summary": a.description} for a in newest[:40]]
    updated = iso(newest[0].last_changed)
    pages = {"/atom.xml": xml_page(atom("ScreenWire", ctx.base, ctx.url("/atom.xml"), updated, entries),
                                   "feed", newest[0].last_changed, "application/atom+xml; charset=utf-8")}
    by_pub = sorted(ctx.articles, key=lambda a: (a.published, a.number), reverse=True)
    news = [(ctx.url(a.path), None,
             "<news:news><news:publication><news:name>ScreenWire</news:name>"
             "<news:language>en</news:language></news:publication>"
             f"<news:publication_date>{iso(a.published)}</news:publication_date>"
             f"<news:title>{h(a.title)}</news:title></news:news>") for a in by_pub[:NEWS_SITEMAP_SIZE]]
    pages["/news-sitemap.xml"] = xml_page(urlset(news, news=True), "sitemap", by_pub[0].published)
    full = [(ctx.url(a.path), iso(a.last_changed), "") for a in sorted(ctx.articles, key=lambda a: a.number)]
    full += [(ctx.url(f"/{key}/"), None, "") for key in SECTIONS]
    pages["/sitemap.xml"] = xml_page(urlset(full), "sitemap", newest[0].last_changed)
    return pages


def render(ctx: RenderContext) -> dict[str, Page]:
    pages: dict[str, Page] = {a.path: article_page(ctx, a) for a in ctx.articles}
    pages["/"] = river(ctx, "ScreenWire: TV and streaming news", "/", list(ctx.articles[:30]), "homepage", "home")
    for key, name in SECTIONS.items():
        items = [a for a in ctx.articles if a.section == key]
        pages[f"/{key}/"] = river(ctx, name, f"/{key}/", items, "section", "section")
    for name in sorted({n for a in ctx.articles for n in a.authors}):
        mine = [a for a in ctx.articles if name in a.authors]
        pages[f"/author/{author_slug(name)}"] = river(ctx, name, f"/author/{author_slug(name)}", mine,
                                                      "author", "listing")
    pages.update(feeds(ctx))
    pages["/robots.txt"] = robots(["/search", "/api/", "/preview/"],
                                  [ctx.url("/sitemap.xml"), ctx.url("/news-sitemap.xml")])
    return pages
