"""demo-tvgazette: a legacy table layout with dates only in visible text.

Dates read "Posted March 14, 2026 at 9:30 AM" (US Eastern, no zone shown)
or, within 7 days of the request, "Posted 3 days ago": those are time slots
filled in by the server at request time.  No feed, no sitemap: articles are
found through ``/news/?page=N`` ("Next »").  Some pages are served without a
charset in Content-Type (windows-1252 with a meta tag, or UTF-8 with none).
"""
from __future__ import annotations

from crawler.demo.model import Article
from crawler.demo.pages import Page, h, html_page, robots, time_slot
from crawler.demo.sites import RenderContext

PAGE_SIZE = 15
HOME_SIZE = 10


def byline(article: Article) -> str:
    names = " and ".join(article.authors)
    if article.syndication == "verbatim":
        return f"By {names} | Originally published by ScreenWire"
    plural = "Staff Writers" if len(article.authors) > 1 else "Staff Writer"
    return f"By {names}, {plural} | TV Gazette"


def page_encoding(article: Article | None) -> tuple[str, str, str]:
    """(python codec, Content-Type header, meta tag) for a page."""
    if article and "cp1252" in article.flags:
        return ("cp1252", "text/html",
                '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    if article and "no_charset" in article.flags:
        return "utf-8", "text/html", ""
    return ("utf-8", "text/html; charset=utf-8",
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')


def shell(title: str, meta: str, content: str, right: str = "") -> str:
    return ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
            f"{meta}\n<title>{h(title)}</title>\n"
            '<link rel="stylesheet" type="text/css" href="/css/style.css">\n</head>\n'
            '<body bgcolor="#ffffff" topmargin="0" leftmargin="0">\n'
            '<table width="100%" border="0" cellpadding="0" cellspacing="0">'
            '<tr><td class="masthead" bgcolor="#003366"><a href="/"><font color="#ffffff" size="6">'
            "<b>TV GAZETTE</b></font></a></td></tr>\n"
            '<tr><td class="nav"><a href="/">Home</a> | <a href="/news/?page=1">Latest News</a> | '
            '<a href="/search?q=recap">Recaps</a></td></tr></table>\n'
            '<table width="960" border="0" cellpadding="4" cellspacing="0" align="center"><tr>\n'
            '<td width="160" valign="top" class="leftnav"><font size="2"><b>Sections</b><br>'
            '<a href="/news/?page=1">News</a><br><a href="/news/?page=2">More news</a></font></td>\n'
            f'<td width="620" valign="top" class="content">\n{content}\n</td>\n'
            f'<td width="180" valign="top" class="rightnav"><font size="2">{right}</font></td>\n'
            "</tr></table>\n"
            '<table width="100%"><tr><td class="footer" align="center"><font size="1">'
            "\u00a9 1998\u20132026 TV Gazette. All rights reserved. \u00b7 "
            '<a href="/contact.html">Contact</a></font></td></tr></table>\n</body>\n</html>\n')


def article_page(ctx: RenderContext, article: Article) -> Page:
    codec, content_type, meta = page_encoding(article)
    dates = f'<font size="2" class="dateline">{time_slot(article.published, "posted")}</font><br>'
    if article.modified:
        dates += f'\n<font size="2" class="updateline">{time_slot(article.modified, "updated")}</font><br>'
    credit = ""
    if article.syndication and article.original:
        origin = ctx.url_of(article.original)
        note = "Originally published by ScreenWire" if article.syndication == "verbatim" else \
            "Based on reporting by ScreenWire"
        credit = f'<font size="2"><i>{note}</i> (<a href="{h(origin)}">original story</a>)</font><br>'
    story = "\n".join(f"<p>{h(p)}</p>" for p in article.paragraphs)
    content = (f'<font size="5" face="Georgia"><b class="headline">{h(article.title)}</b></font><br>\n'
               f'<font size="2" class="byline">{h(byline(article))}</font><br>\n{dates}\n{credit}\n'
               f'<div class="storytext"><font face="Verdana" size="2">\n{story}\n</font></div>\n'
               f'<p><font size="1"><a href="/print/{article.number}">Printer-friendly version</a> | '
               f'<a href="mailto:?subject={h(article.title)}">E-mail this story</a></font></p>')
    picks = ctx.older_picks(article, 5, "most-read")
    right = "<b>Most Read</b><br>" + "<br>".join(f'<a href="{h(a.path)}">{h(a.title)}</a>' for a in picks)
    text = shell(f"{article.title} :: TV Gazette", meta, content, right)
    return html_page(text.encode(codec, "xmlcharrefreplace").decode(codec), "article",
                     encoding=codec, content_type=content_type)


def print_page(article: Article) -> Page:
    codec, content_type, meta = page_encoding(article)
    story = "\n".join(f"<p>{h(p)}</p>" for p in article.paragraphs)
    text = ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n<head>\n'
            f'{meta}\n<meta name="robots" content="noindex">\n<title>{h(article.title)} :: TV Gazette (print)</title>\n'
            '</head>\n<body onload="window.print()">\n'
            f"<h2>{h(article.title)}</h2>\n<p>{h(byline(article))}<br>{time_slot(article.published, 'posted')}</p>\n"
            f'<div class="storytext">\n{story}\n</div>\n'
            f'<p><small>&copy; TV Gazette. Story: <a href="{h(article.path)}">{h(article.path)}</a></small></p>\n'
            "</body>\n</html>\n")
    return html_page(text.encode(codec, "xmlcharrefreplace").decode(codec), "print",
                     encoding=codec, content_type=content_type)


def listing_rows(items: list[Article]) -> str:
    return "\n".join(
        f'<tr><td class="headline"><a href="{h(a.path)}"><b>{h(a.title)}</b></a><br>'
        f'<font size="1">{time_slot(a.published, "plain")}</font> '
        f'<font size="2">{h(a.description)}</font></td></tr>' for a in items)


def news_page(ctx: RenderContext, number: int, total: int) -> Page:
    items = list(ctx.articles[(number - 1) * PAGE_SIZE: number * PAGE_SIZE])
    nav = []
    if number > 1:
        nav.append(f'<a class="prev" href="/news/?page={number - 1}">&laquo; Prev</a>')
    nav.append(f"Page {number} of {total}")
    if number < total:
        nav.append(f'<a class="next" href="/news/?page={number + 1}">Next &raquo;</a>')
    content = (f'<font size="4"><b>Latest News</b></font>\n<table width="100%" class="newslist">\n'
               f"{listing_rows(items)}\n</table>\n<p class=\"pager\">{' | '.join(nav)}</p>")
    _, content_type, meta = page_encoding(None)
    return html_page(shell(f"Latest News - Page {number} :: TV Gazette", meta, content), "listing")


def render(ctx: RenderContext) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for article in ctx.articles:
        pages[article.path] = article_page(ctx, article)
        pages[f"/print/{article.number}"] = print_page(article)
    total = max(1, -(-len(ctx.articles) // PAGE_SIZE))
    for number in range(1, total + 1):
        pages[f"/news/?page={number}"] = news_page(ctx, number, total)
    pages["/news/"] = pages["/news/?page=1"]
    _, _, meta = page_encoding(None)
    home = (f'<font size="4"><b>Top Stories</b></font>\n<table width="100%">\n'
            f"{listing_rows(list(ctx.articles[:HOME_SIZE]))}\n</table>\n"
            '<p><a href="/news/?page=1">More news &raquo;</a></p>')
    pages["/"] = html_page(shell("TV Gazette - Television news since 1998", meta, home), "home")
    pages["/robots.txt"] = robots(["/search", "/cgi-bin/", "/admin/"], [])
    return pages
