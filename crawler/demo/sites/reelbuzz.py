"""demo-reelbuzz: a WordPress news theme (tagDiv-like) with AMP, RSS and Yoast-style sitemaps.

No JSON-LD.  The publication date is only in the URL, the RSS feed, the
sitemaps and, on about half of the articles, ``article:published_time``; the
header's "Date:" label is left empty, as in many real theme installs.
"""
from __future__ import annotations

import gzip
from collections import defaultdict

from crawler.demo.clock import UTC, iso, long_date, rfc822
from crawler.demo.model import Article
from crawler.demo.pages import (Page, h, html_page, paragraphs_html, robots, rss, sitemap_index,
                                urlset, xml_page)
from crawler.demo.shows import SHOWS, SHOWS_BY_ID
from crawler.demo.sites import RenderContext, author_slug

GZIPPED_MONTH = "2026-03"
GALLERIES = (
    ("bridgerton-season-5-first-look-photos", "Bridgerton season 5: first-look photos", "bridgerton"),
    ("squid-game-set-visit-in-pictures", "In pictures: a visit to the Squid Game set", "squid-game"),
    ("stranger-things-cast-through-the-years", "Stranger Things cast through the years", "stranger-things"),
)


def head(ctx: RenderContext, title: str, canonical: str, extra: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{h(title)}</title>\n<link rel=\"canonical\" href=\"{h(canonical)}\">\n"
            f'<link rel="alternate" type="application/rss+xml" title="ReelBuzz &raquo; Feed" '
            f'href="{h(ctx.url("/feed/"))}">\n{extra}</head>\n')


def header_nav() -> str:
    tags = " ".join(f'<li><a href="/tag/{s.id}/">{h(s.title)}</a></li>' for s in SHOWS[:8])
    return ('<div class="td-header-wrap"><div class="td-header-menu-wrap"><ul class="sf-menu">'
            '<li><a href="/">Home</a></li><li><a href="/videos/">Videos</a></li>'
            f'{tags}</ul></div><div class="td-a-rec">spot_img</div></div>\n')


def footer() -> str:
    return ('<div class="td-footer-wrap"><p>&copy; 2026 ReelBuzz. All rights reserved.</p>'
            '<a href="/wp-admin/">Log in</a></div>\n</body>\n</html>\n')


def teaser(article: Article) -> str:
    words = article.description.split()
    excerpt = " ".join(words[:9]) + "..."
    return (f'<div class="td_module_flex"><h3 class="entry-title td-module-title">'
            f'<a href="{h(article.path)}">{h(article.title)}</a></h3>'
            f'<div class="td-excerpt">{h(excerpt)}</div></div>')


def sidebar(ctx: RenderContext, article: Article) -> str:
    popular, more, related = (ctx.older_picks(article, n, salt) for n, salt in
                              ((4, "popular"), (3, "more"), (4, "related")))
    blocks = [
        '<div class="td_block_wrap"><div class="td-block-title">Share post:</div></div>',
        '<div class="tdm_block"><h3 class="tdm-title">Subscribe</h3>'
        '<form action="/newsletter/" method="post"><input type="email" placeholder="Email">'
        '<button>Subscribe</button></form></div>',
        '<div class="td-a-rec">spot_img</div><div class="td-a-rec">spot_img</div>',
        '<div class="td_block_wrap"><h4 class="td-block-title">Popular</h4>'
        + "".join(teaser(a) for a in popular) + "</div>",
        '<div class="td_block_wrap"><h4 class="td-block-title">More like this</h4>',
        '<h4 class="td-block-title">Related</h4>' + "".join(teaser(a) for a in more + related) + "</div>",
    ]
    return '<div class="td-ss-main-sidebar">' + "\n".join(blocks) + "</div>\n"


def share_bar(url: str, title: str) -> str:
    return ('<div class="td-post-sharing"><span class="td-social-share-text">Share post:</span> '
            f'<a class="td-social-facebook" href="https://www.facebook.com/sharer.php?u={h(url)}">Facebook</a> '
            f'<a class="td-social-twitter" href="https://twitter.com/intent/tweet?text={h(title)}&amp;url={h(url)}">Twitter</a> '
            f'<a class="td-social-whatsapp" href="https://api.whatsapp.com/send?text={h(url)}">WhatsApp</a></div>\n')


COMMENT_FORM = (
    '<div class="comments" id="comments"><div id="respond" class="comment-respond">'
    '<h4 class="comment-reply-title">LEAVE A REPLY</h4>'
    '<form action="/wp-comments-post.php" method="post" class="comment-form">'
    '<div class="comment-form-input-wrap"><textarea name="comment"></textarea>'
    '<div class="td-warning-comment">Please enter your comment!</div></div>'
    '<div class="comment-form-input-wrap"><input name="author" type="text">'
    '<div class="td-warning-author">Please enter your name here</div></div>'
    '<div class="comment-form-input-wrap"><input name="email" type="text">'
    '<div class="td-warning-email-error">You have entered an incorrect email address!</div></div>'
    '<p class="form-submit"><input name="submit" type="submit" value="Post Comment"></p>'
    "</form></div></div>\n")


def article_page(ctx: RenderContext, article: Article) -> Page:
    url = ctx.url(article.path)
    meta = [f'<meta name="description" content="{h(article.description)}">',
            f'<link rel="amphtml" href="{h(url)}amp/">',
            '<meta property="og:type" content="article">', '<meta property="og:locale" content="en_US">',
            f'<meta property="og:title" content="{h(article.title)}">',
            f'<meta property="og:url" content="{h(url)}">', '<meta property="og:site_name" content="ReelBuzz">',
            f'<meta property="og:image" content="{h(ctx.url(image_path(article)))}">']
    if "meta_date" in article.flags:
        meta.append(f'<meta property="article:published_time" content="{iso(article.published)}">')
        if article.modified:
            meta.append(f'<meta property="article:modified_time" content="{iso(article.modified)}">')
    updated = (f'<div class="tdb-updated-date">Updated: {h(long_date(article.modified))}</div>'
               if article.modified else "")
    tags = "".join(f'<a href="/tag/{s}/">{h(SHOWS_BY_ID[s].title)}</a>' for s in article.shows)
    authors = " and ".join(f'<a href="/author/{author_slug(a)}/">{h(a)}</a>' for a in article.authors)
    body = (
        f'<body class="post-template-default single single-post postid-{article.number} single-format-standard">\n'
        + header_nav() + '<div class="td-main-content-wrap"><div class="td-container">\n'
        f'<article id="post-{article.number}" class="post-{article.number} post type-post status-publish">\n'
        f'<div class="tdb-breadcrumbs"><a href="/">Home</a> &raquo; <span>{h(article.section.title())}</span></div>\n'
        f'<h1 class="tdb-title-text">{h(article.title)}</h1>\n'
        f'<div class="tdb-author-name">By {authors}</div>\n'
        '<div class="tdb_single_date"><span class="tdb-date-label">Date:</span> '
        '<time class="entry-date updated td-module-date"></time></div>\n' + updated
        + f'<div class="td-post-featured-image"><img src="{h(image_path(article))}" alt="{h(article.title)}"></div>\n'
        '<div class="td-post-content tagdiv-type">\n' + paragraphs_html(article.paragraphs) + "\n</div>\n"
        f'<div class="td-post-source-tags"><span class="td-tags-label">Tags</span> {tags}</div>\n'
        + COMMENT_FORM + share_bar(url, article.title) + "</article>\n"
        + sidebar(ctx, article) + "</div></div>\n" + footer())
    return html_page(head(ctx, f"{article.title} - ReelBuzz", url, "\n".join(meta) + "\n") + body,
                     "article", article.last_changed)


def amp_page(ctx: RenderContext, article: Article) -> Page:
    url = ctx.url(article.path)
    authors = ", ".join(article.authors)
    text = ('<!doctype html>\n<html amp lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{h(article.title)} - ReelBuzz</title>\n<link rel=\"canonical\" href=\"{h(url)}\">\n"
            '<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">\n'
            '<script async src="https://cdn.ampproject.org/v0.js"></script>\n'
            "<style amp-boilerplate>body{visibility:hidden}</style>\n</head>\n<body>\n"
            '<header class="amp-wp-header"><a href="/">ReelBuzz</a></header>\n'
            f'<article class="amp-wp-article"><header><h1 class="amp-wp-title">{h(article.title)}</h1>'
            f'<div class="amp-wp-meta amp-wp-byline">{h(authors)}</div></header>\n'
            f'<div class="amp-wp-article-content">\n{paragraphs_html(article.paragraphs)}\n</div></article>\n'
            f'<footer class="amp-wp-footer"><a href="{h(url)}">View non-AMP version</a></footer>\n</body>\n</html>\n')
    return html_page(text, "amp", article.last_changed)


def image_path(article: Article) -> str:
    return f"/wp-content/uploads/{article.published:%Y/%m}/{article.path.strip('/').split('/')[-1]}.jpg"


def listing_page(ctx: RenderContext, title: str, path: str, items: list[Article], page_type: str,
                 extra: str = "") -> Page:
    cards = "\n".join(teaser(a) for a in items)
    text = (head(ctx, f"{title} - ReelBuzz", ctx.url(path)) + '<body class="archive">\n' + header_nav()
            + f'<div class="td-main-content-wrap"><h1 class="entry-title td-page-title">{h(title)}</h1>\n'
            + extra + f'<div class="td-ss-main-content">\n{cards}\n</div></div>\n' + footer())
    return html_page(text, page_type)


def gallery_page(ctx: RenderContext, slug: str, title: str, show_id: str) -> Page:
    show = SHOWS_BY_ID[show_id]
    figures = "\n".join(
        f'<figure class="gallery-item"><img src="/wp-content/uploads/gallery/{slug}-{i}.jpg" '
        f'alt="{h(show.title)} photo {i}"><figcaption>Photo {i} of 8: {h(show.characters[i % 3])} '
        f"on set.</figcaption></figure>" for i in range(1, 9))
    return listing_page(ctx, title, f"/gallery/{slug}/", [], "gallery",
                        f'<div class="td-gallery">\n{figures}\n</div>\n')


def videos_page(ctx: RenderContext) -> Page:
    trailers = [a for a in ctx.articles if a.kind == "trailer"][:8] or list(ctx.articles[:8])
    videos = "\n".join(
        f'<div class="td-video-block"><video controls preload="none" poster="{h(image_path(a))}" '
        f'data-src="/media/video/{a.number}.mp4"></video><h3><a href="{h(a.path)}">{h(a.title)}</a></h3></div>'
        for a in trailers)
    return listing_page(ctx, "Videos", "/videos/", [], "video", f'<div class="td-videos">\n{videos}\n</div>\n')


def feed(ctx: RenderContext) -> Page:
    latest = sorted(ctx.articles, key=lambda a: (a.last_changed, a.number), reverse=True)[:30]
    items = [{"title": a.title, "link": ctx.url(a.path), "guid": f"{ctx.base}?p={a.number}",
              "pubDate": rfc822(a.published), "authors": a.authors,
              "categories": [SHOWS_BY_ID[s].title for s in a.shows] or [a.section.title()],
              "description": a.description, "content": paragraphs_html(a.paragraphs)} for a in latest]
    text = rss("ReelBuzz", ctx.base, "Entertainment news, streaming and TV", "en-US", items,
               ctx.url("/feed/"))
    return xml_page(text, "feed", max(a.last_changed for a in ctx.articles),
                    "application/rss+xml; charset=UTF-8")


def sitemaps(ctx: RenderContext) -> dict[str, Page]:
    by_month: dict[str, list[Article]] = defaultdict(list)
    for article in ctx.articles:
        by_month[f"{article.published:%Y-%m}"].append(article)
    pages: dict[str, Page] = {}
    index: list[tuple[str, str | None]] = []
    for month in sorted(by_month):
        items = sorted(by_month[month], key=lambda a: a.published)
        lastmod = max(a.last_changed for a in items)
        xml = urlset([(ctx.url(a.path), iso(a.last_changed.astimezone(UTC)), "") for a in items])
        name = f"/sitemap-posts-{month}.xml" + (".gz" if month == GZIPPED_MONTH else "")
        if month == GZIPPED_MONTH:
            pages[name] = Page(gzip.compress(xml.encode("utf-8"), mtime=0), "application/x-gzip",
                               "sitemap", lastmod)
        else:
            pages[name] = xml_page(xml, "sitemap", lastmod)
        index.append((ctx.url(name), iso(lastmod.astimezone(UTC))))
    other = ([f"/tag/{s.id}/" for s in SHOWS if any(s.id in a.shows for a in ctx.articles)]
             + [f"/gallery/{g[0]}/" for g in GALLERIES] + ["/videos/"])
    pages["/sitemap-pages.xml"] = xml_page(urlset([(ctx.url(p), None, "") for p in other]), "sitemap")
    index.append((ctx.url("/sitemap-pages.xml"), None))
    pages["/sitemap_index.xml"] = xml_page(sitemap_index(index), "sitemap")
    return pages


def render(ctx: RenderContext) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for article in ctx.articles:
        pages[article.path] = article_page(ctx, article)
        pages[article.path + "amp/"] = amp_page(ctx, article)
    pages["/"] = listing_page(ctx, "ReelBuzz: entertainment news", "/", list(ctx.articles[:24]), "home")
    for show in SHOWS:
        tagged = [a for a in ctx.articles if show.id in a.shows]
        if tagged:
            pages[f"/tag/{show.id}/"] = listing_page(ctx, f"Tag: {show.title}", f"/tag/{show.id}/",
                                                     tagged, "tag")
    authors = sorted({name for a in ctx.articles for name in a.authors})
    for name in authors:
        mine = [a for a in ctx.articles if name in a.authors][:30]
        path = f"/author/{author_slug(name)}/"
        pages[path] = listing_page(ctx, f"Author: {name}", path, mine, "listing")
    for slug, title, show_id in GALLERIES:
        pages[f"/gallery/{slug}/"] = gallery_page(ctx, slug, title, show_id)
    pages["/videos/"] = videos_page(ctx)
    pages["/feed/"] = feed(ctx)
    pages.update(sitemaps(ctx))
    pages["/robots.txt"] = robots(["/wp-admin/", "/search", "/?s=", "/wp-comments-post.php"],
                                  [ctx.url("/sitemap_index.xml")])
    return pages
