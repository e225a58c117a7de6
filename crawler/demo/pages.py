"""Rendered pages, feed/sitemap XML builders and request-time date slots."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from crawler.demo.clock import clock_time, iso, long_date, relative_phrase, to_eastern

HTML_UTF8 = "text/html; charset=utf-8"
XML_UTF8 = "application/xml; charset=utf-8"


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str = HTML_UTF8
    page_type: str = "other"   # article|amp|print|home|listing|section|tag|gallery|video|feed|sitemap|robots
    last_modified: datetime | None = None
    dynamic: bool = False      # holds time slots resolved at request time


def html_page(text: str, page_type: str, last_modified: datetime | None = None,
              encoding: str = "utf-8", content_type: str = HTML_UTF8) -> Page:
    body = text.encode(encoding)
    return Page(body, content_type, page_type, last_modified, TIME_SLOT_PREFIX in body)


def xml_page(text: str, page_type: str, last_modified: datetime | None = None,
             content_type: str = XML_UTF8) -> Page:
    return Page(text.encode("utf-8"), content_type, page_type, last_modified)


def h(text: str) -> str:
    """HTML-escape text and attribute values."""
    return escape(text, quote=True)


def x(text: str) -> str:
    """XML-escape element text."""
    return xml_escape(text)


def paragraphs_html(paragraphs: tuple[str, ...]) -> str:
    return "\n".join(f"<p>{h(p)}</p>" for p in paragraphs)


# --- request-time date slots (tvgazette) ------------------------------------
TIME_SLOT_PREFIX = b"\x00TS:"
_SLOT = re.compile(rb"\x00TS:([^|\x00]+)\|(\w+)\x00")


def time_slot(moment: datetime, style: str) -> str:
    """A placeholder that the server replaces with text computed at request time."""
    return f"\x00TS:{iso(moment)}|{style}\x00"


def slot_text(moment: datetime, style: str, now: datetime) -> str:
    """'Posted March 14, 2026 at 9:30 AM' or 'Posted 3 days ago' (under 7 days old)."""
    local = to_eastern(moment)
    relative = relative_phrase(moment, now)
    absolute = f"{long_date(local)} at {clock_time(local)}"
    label = {"posted": "Posted ", "updated": "Updated ", "plain": ""}[style]
    return label + (relative or absolute)


def resolve_slots(body: bytes, now: datetime) -> bytes:
    def substitute(match: re.Match[bytes]) -> bytes:
        moment = datetime.fromisoformat(match.group(1).decode("ascii"))
        return slot_text(moment, match.group(2).decode("ascii"), now).encode("ascii")
    return _SLOT.sub(substitute, body)


def render_body(page: Page, now: datetime) -> bytes:
    return resolve_slots(page.body, now) if page.dynamic else page.body


# --- XML ----------------------------------------------------------------------
def rss(title: str, link: str, description: str, language: str, items: list[dict],
        self_url: str) -> str:
    """RSS 2.0 with dc:creator and content:encoded, WordPress style."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>", f"<title>{x(title)}</title>", f"<link>{x(link)}</link>",
        f'<atom:link href="{x(self_url)}" rel="self" type="application/rss+xml"/>',
        f"<description>{x(description)}</description>", f"<language>{x(language)}</language>",
    ]
    for item in items:
        parts += ["<item>", f"<title>{x(item['title'])}</title>", f"<link>{x(item['link'])}</link>",
                  f"<guid isPermaLink=\"false\">{x(item['guid'])}</guid>",
                  f"<pubDate>{x(item['pubDate'])}</pubDate>"]
        parts += [f"<dc:creator><![CDATA[{a}]]></dc:creator>" for a in item.get("authors", ())]
        parts += [f"<category><![CDATA[{c}]]></category>" for c in item.get("categories", ())]
        parts.append(f"<description>{x(item['description'])}</description>")
        if item.get("content"):
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts += ["</channel>", "</rss>"]
    return "\n".join(parts) + "\n"


def atom(title: str, feed_id: str, self_url: str, updated: str, entries: list[dict]) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{x(title)}</title>", f"<id>{x(feed_id)}</id>",
             f'<link rel="self" href="{x(self_url)}"/>', f"<updated>{x(updated)}</updated>"]
    for entry in entries:
        parts += ["<entry>", f"<title>{x(entry['title'])}</title>",
                  f'<link rel="alternate" href="{x(entry["link"])}"/>', f"<id>{x(entry['id'])}</id>",
                  f"<published>{x(entry['published'])}</published>",
                  f"<updated>{x(entry['updated'])}</updated>"]
        parts += [f"<author><name>{x(a)}</name></author>" for a in entry["authors"]]
        parts += [f'<category term="{x(c)}"/>' for c in entry.get("categories", ())]
        parts += [f"<summary>{x(entry['summary'])}</summary>", "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def urlset(entries: list[tuple[str, str | None, str]], news: bool = False) -> str:
    """<urlset>; each entry is (loc, lastmod or None, extra inner XML)."""
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>']
    for loc, lastmod, extra in entries:
        inner = f"<loc>{x(loc)}</loc>" + (f"<lastmod>{x(lastmod)}</lastmod>" if lastmod else "") + extra
        parts.append(f"<url>{inner}</url>")
    parts.append("</urlset>")
    return "\n".join(parts) + "\n"


def sitemap_index(entries: list[tuple[str, str | None]]) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in entries:
        parts.append(f"<sitemap><loc>{x(loc)}</loc>"
                     + (f"<lastmod>{x(lastmod)}</lastmod>" if lastmod else "") + "</sitemap>")
    parts.append("</sitemapindex>")
    return "\n".join(parts) + "\n"


def robots(disallow: list[str], sitemaps: list[str]) -> Page:
    lines = ["User-agent: *"] + [f"Disallow: {d}" for d in disallow] + ["Allow: /", ""]
    lines += [f"Sitemap: {s}" for s in sitemaps]
    return Page(("\n".join(lines).rstrip("\n") + "\n").encode("ascii"), "text/plain; charset=utf-8",
                "robots")
