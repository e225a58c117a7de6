"""demo-hallyuko: a Korean news CMS (articleView.html?idxno=N), RSS and a sitemap.

Dates are KST: "입력 2026.03.14 09:30" in visible text and in
``<time datetime="2026-03-14T09:30:00+09:00">``.  Bylines read "김민지 기자".
"""
from __future__ import annotations

from crawler.demo.clock import KST, iso, korean_stamp, rfc822_local
from crawler.demo.model import Article
from crawler.demo.pages import Page, h, html_page, paragraphs_html, robots, rss, urlset, xml_page
from crawler.demo.sites import RenderContext

PAGE_SIZE = 20


def head(ctx: RenderContext, title: str, canonical: str, extra: str = "") -> str:
    return ('<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{h(title)}</title>\n<link rel="canonical" href="{h(canonical)}">\n'
            f'<link rel="alternate" type="application/rss+xml" title="한류코 전체기사" '
            f'href="{h(ctx.url("/rss/allArticle.xml"))}">\n{extra}</head>\n')


NAV = ('<header id="header"><h1 class="logo"><a href="/">한류코</a></h1><nav class="gnb">'
       '<a href="/news/articleList.html?page=1">전체기사</a> <a href="/news/articleList.html?page=1">방송</a> '
       '<a href="/news/articleList.html?page=1">영화</a> <a href="/news/articleList.html?page=1">가요</a>'
       '</nav></header>\n')
FOOTER = ('<footer id="footer"><p>한류코 | 서울특별시 마포구 | 등록번호 서울 아00000 | 발행인 겸 편집인 김한류</p>'
          "<p>저작권자 &copy; 한류코 무단전재 및 재배포 금지</p></footer>\n</body>\n</html>\n")


def stamp(moment, label: str) -> str:
    kst = moment.astimezone(KST)
    return f'<li><i class="icon-clock-o"></i> {label} <time datetime="{iso(kst)}">{korean_stamp(kst)}</time></li>'


def article_page(ctx: RenderContext, article: Article) -> Page:
    url = ctx.url(article.path)
    meta = "\n".join([
        f'<meta name="description" content="{h(article.description)}">',
        '<meta property="og:type" content="article">', '<meta property="og:site_name" content="한류코">',
        f'<meta property="og:title" content="{h(article.title)}">', f'<meta property="og:url" content="{h(url)}">',
        f'<meta property="og:image" content="{h(ctx.url(f"/news/photo/{article.number}.jpg"))}">']) + "\n"
    reporters = "".join(f'<li><i class="icon-user-o"></i> {h(a)} 기자</li>' for a in article.authors)
    dates = stamp(article.published, "입력") + (stamp(article.modified, "수정") if article.modified else "")
    related = ctx.older_picks(article, 4, "related")
    related_html = "".join(f'<li><a href="{h(a.path)}">{h(a.title)}</a></li>' for a in related)
    popular = ctx.older_picks(article, 5, "popular")
    popular_html = "".join(f'<li><a href="{h(a.path)}">{h(a.title)}</a></li>' for a in popular)
    writer = " ".join(f"{h(a)} 기자" for a in article.authors)
    body = ('<body>\n' + NAV + '<div id="container"><section class="article-view">\n'
            f'<header class="article-view-header"><div class="section-name">{h(article.section)}</div>\n'
            f'<h3 class="heading">{h(article.title)}</h3>\n'
            f'<ul class="infomation">{reporters}{dates}</ul></header>\n'
            '<article id="article-view-content-div" class="article-veiw-body" itemprop="articleBody">\n'
            + paragraphs_html(article.paragraphs)
            + f'\n<p class="writer">{writer}</p>\n</article>\n'
            '<div class="view-copyright">저작권자 &copy; 한류코 무단전재 및 재배포 금지</div>\n'
            f'<section class="related-article"><h4>관련기사</h4><ul>{related_html}</ul></section>\n'
            f'</section>\n<aside class="side"><h4>많이 본 뉴스</h4><ol>{popular_html}</ol></aside></div>\n'
            + FOOTER)
    return html_page(head(ctx, f"{article.title} - 한류코", url, meta) + body, "article",
                     article.last_changed)


def list_page(ctx: RenderContext, number: int, total: int) -> Page:
    items = ctx.articles[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
    rows = "\n".join(
        f'<li><h4 class="titles"><a href="{h(a.path)}">{h(a.title)}</a></h4>'
        f'<p class="lead">{h(a.description)}</p><span class="byline"><em>{h(a.section)}</em> '
        f"<em>{h(' '.join(a.authors))} 기자</em> <em>{korean_stamp(a.published)}</em></span></li>"
        for a in items)
    current = ' class="current"'
    pager = " ".join(f'<a href="/news/articleList.html?page={n}"{current if n == number else ""}>{n}</a>'
                     for n in range(1, total + 1))
    path = f"/news/articleList.html?page={number}"
    text = (head(ctx, f"전체기사 - {number}페이지 - 한류코", ctx.url(path)) + "<body>\n" + NAV
            + f'<div id="container"><h2>전체기사</h2><ul class="type2">\n{rows}\n</ul>\n'
            f'<div class="pagination">{pager}</div></div>\n' + FOOTER)
    return html_page(text, "listing")


def render(ctx: RenderContext) -> dict[str, Page]:
    pages: dict[str, Page] = {a.path: article_page(ctx, a) for a in ctx.articles}
    total = max(1, -(-len(ctx.articles) // PAGE_SIZE))
    for number in range(1, total + 1):
        pages[f"/news/articleList.html?page={number}"] = list_page(ctx, number, total)
    home_rows = "\n".join(f'<li><a href="{h(a.path)}">{h(a.title)}</a></li>' for a in ctx.articles[:20])
    pages["/"] = html_page(head(ctx, "한류코 - 한류 엔터테인먼트 뉴스", ctx.base) + "<body>\n" + NAV
                           + f'<div id="container"><ul class="main-news">\n{home_rows}\n</ul></div>\n'
                           + FOOTER, "home")
    latest = sorted(ctx.articles, key=lambda a: (a.last_changed, a.number), reverse=True)[:30]
    items = [{"title": a.title, "link": ctx.url(a.path), "guid": ctx.url(a.path),
              "pubDate": rfc822_local(a.published.astimezone(KST)), "authors": a.authors,
              "categories": [a.section], "description": a.description} for a in latest]
    pages["/rss/allArticle.xml"] = xml_page(
        rss("한류코 전체기사", ctx.base, "한류 엔터테인먼트 뉴스", "ko", items, ctx.url("/rss/allArticle.xml")),
        "feed", latest[0].last_changed, "application/rss+xml; charset=utf-8")
    entries = [(ctx.url(a.path), iso(a.last_changed.astimezone(KST)), "")
               for a in sorted(ctx.articles, key=lambda a: a.number)]
    pages["/sitemap.xml"] = xml_page(urlset(entries), "sitemap", latest[0].last_changed)
    pages["/robots.txt"] = robots(["/member/", "/search", "/news/articleSearch.html"],
                                  [ctx.url("/sitemap.xml")])
    return pages
