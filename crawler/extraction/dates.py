"""Date candidates from every place a page states a date, and the choice among them.

Each candidate is ``{"value", "raw", "source", "kind", "parser"}``; sources are
``jsonld``, ``meta``, ``itemprop``, ``time``, ``text`` (date/byline elements),
``url`` and ``body_text`` (first date written anywhere in the body).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from lxml.html import HtmlElement

from .dateparse import find_relative, iter_formatted, parse_date
from .jsonld import JsonLdInfo
from .metadata import PageMeta
from .scan import PageScan, scan_page

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "published_time", "pubdate", "publishdate", "publish-date", "publish_date",
    "published-date", "publication_date", "pub_date", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "dc.date", "dcterms.date", "citation_publication_date", "citation_date",
    "sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
    "originalpublicationdate", "rnews:datepublished", "datecreated", "creation_date", "date.available",
    "article.created", "vr:published", "cxenseparse:recs:publishtime", "date", "og:pubdate",
)
UPDATED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "modified_time",
    "dcterms.modified", "dc.date.modified", "article.updated", "article:modified", "lastmod", "last-modified",
    "revised",
)
_UPDATED_HINT = re.compile(r"updat|modif|aktualisier|actualis|revised|edited|geändert|mis à jour|수정|업데이트",
                           re.IGNORECASE)
_PUBLISHED_LABEL = re.compile(
    r"(?:published|posted|publié|publicado|pubblicato|veröffentlicht|erschienen|erstellt|입력|등록|게재)"
    r"(?:\s+(?:on|am|le|el|il|at))?\s*:?\s*$", re.IGNORECASE)
_DATE_CLASS = re.compile(
    r"date|datum|time|publi|posted|byline|dateline|timestamp|meta|post-info|article-info|zeit|fecha|"
    r"created|entry-footer|submitted|info", re.IGNORECASE)
_URL_DATE = [
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<mo>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$|[-_])"),
    re.compile(r"[/_-](?P<y>(?:19|20)\d{2})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<mo>[01]\d)(?P<d>[0-3]\d)(?:/|[-_.])"),
    re.compile(r"[/_-](?P<d>[0-3]\d)-(?P<mo>[01]\d)-(?P<y>(?:19|20)\d{2})(?:/|$|[-_.])"),
]
_SCRIPT_DATE = re.compile(
    r'"(?P<key>datePublished|publishedAt|published_at|publishDate|publish_date|pubDate|firstPublished|'
    r'first_published_at|publishedDate|updatedDate|createdAt|created_at|dateCreated|date_published|publicationDate|dateModified|'
    r'updatedAt|modified_at|lastModified)"\s*:\s*"(?P<value>\d{4}-\d{2}-\d{2}[^"]{0,30})"')
_BODY_KEYWORDS = re.compile(
    r"(?:published|posted|veröffentlicht|erschienen|publié|publicado|vom|am|on|le|el|stand|datum|date|"
    r"pressemitteilung|meldung|updated|aktualisiert)\s*:?\s*$", re.IGNORECASE)
_MAX_TEXT_ELEMENTS = 60
SOURCE_RANK = {"override": -1, "jsonld": 0, "meta": 1, "itemprop": 2, "time": 3, "label": 4, "htmldate": 5, "text": 6,
               "url": 7, "script": 8, "body_text": 9}


def _candidate(value: str | None, raw: str, source: str, kind: str, parser: str) -> dict[str, Any]:
    return {"value": value, "raw": raw, "source": source, "kind": kind, "parser": parser}


def _add(out: list[dict[str, Any]], raw: str, source: str, kind: str, lang: str,
         fetched_at: datetime | None, use_dateparser: bool = True) -> None:
    if not raw or not raw.strip():
        return
    parsed = parse_date(raw, lang=lang, fetched_at=fetched_at, use_dateparser=use_dateparser)
    if parsed is not None:
        out.append(_candidate(parsed.value, raw.strip()[:200], source, kind, parsed.parser))


def _hint_text(element: HtmlElement) -> str:
    return " ".join(filter(None, (element.get("class"), element.get("id"), element.get("itemprop"))))


def _time_candidates(tree: HtmlElement, lang: str, fetched_at: datetime | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for element in tree.iter("time"):
        raw = element.get("datetime") or element.get("content") or element.text_content()
        hints = _hint_text(element) + " " + _hint_text(element.getparent()) if element.getparent() is not None else ""
        kind = "updated" if _UPDATED_HINT.search(hints + " " + element.text_content()[:60]) else "published"
        _add(out, raw, "time", kind, lang, fetched_at, use_dateparser=False)
        if len(out) >= 10:
            break
    return out


_DATE_ITEMPROPS = ("datePublished", "dateModified", "dateCreated")


def _itemprop_candidates(scan: PageScan, lang: str, fetched_at: datetime | None) -> list[dict[str, Any]]:
    """Body elements with itemprop=datePublished/dateModified/dateCreated (not <meta>/<time>)."""
    out: list[dict[str, Any]] = []
    for element, tag, _, _, itemprop, _ in scan.records():
        if itemprop not in _DATE_ITEMPROPS or tag in ("meta", "time"):
            continue  # meta / time are read as such
        kind = "updated" if itemprop == "dateModified" else "published"
        _add(out, element.get("content") or element.get("datetime") or element.text_content(), "itemprop", kind, lang, fetched_at)
    return out


# _DATE_CLASS as plain substrings (the longer alternatives contain one of these)
_DATE_HINT_WORDS = ("date", "datum", "time", "publi", "posted", "byline", "meta", "info", "zeit", "fecha",
                    "created", "entry-footer", "submitted")
_DATE_HINT_WORD = re.compile("|".join(_DATE_HINT_WORDS))  # case-sensitive literals: fast to search
_TEXT_SKIP_TAGS = frozenset(("script", "style", "time", "meta", "body", "html", "a", "img", "noscript"))


def has_date_hint(hints: str) -> bool:
    """``_DATE_CLASS.search(hints)``, answered with substring tests for ASCII hints (the usual case)."""
    if hints.isascii():
        return _DATE_HINT_WORD.search(hints.lower()) is not None
    return _DATE_CLASS.search(hints) is not None


def _text_candidates(scan: PageScan, lang: str, fetched_at: datetime | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen = 0
    hinted: dict[str, bool] = {}  # the same class strings come back many times on a page
    for element, tag, cls, ident, itemprop, _ in scan.records():
        if (cls is None and ident is None) or tag in _TEXT_SKIP_TAGS:
            continue
        hints = " ".join(filter(None, (cls, ident, itemprop)))
        has_hint = hinted.get(hints)
        if has_hint is None:
            has_hint = hinted[hints] = has_date_hint(hints)
        if not has_hint:
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > 200:
            continue
        seen += 1
        if seen > _MAX_TEXT_ELEMENTS:
            break
        hinted_kind = "updated" if _UPDATED_HINT.search(hints) else "published"
        found = iter_formatted(text, lang)
        for start, value, raw in found[:3]:
            before = text[max(0, start - 30):start]
            if _PUBLISHED_LABEL.search(before):
                out.append(_candidate(value, raw, "label", "published", "format"))
            else:
                kind = "updated" if _UPDATED_HINT.search(before) else hinted_kind
                out.append(_candidate(value, raw, "text", kind, "format"))
        if found:
            continue
        kind = hinted_kind
        relative = find_relative(text, fetched_at, lang)
        if relative:
            out.append(_candidate(relative[0], relative[1], "text", kind, "relative"))
            continue
    return out


def url_date(url: str) -> str | None:
    """A full day written in the URL path (/2024/05/02/, 2024-05-02, /20240502/)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            try:
                return date(int(match["y"]), int(match["mo"]), int(match["d"])).isoformat()
            except ValueError:
                continue
    return None


def _script_candidates(tree: HtmlElement, lang: str, fetched_at: datetime | None) -> list[dict[str, Any]]:
    """Dates in inline JSON that is not JSON-LD (app state, analytics data layers)."""
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "") or not script.text or len(out) >= 4:
            continue
        for match in _SCRIPT_DATE.finditer(script.text):
            kind = "updated" if re.search(r"modif|updat", match["key"], re.IGNORECASE) else "published"
            _add(out, match["value"], "script", kind, lang, fetched_at, use_dateparser=False)
            if len(out) >= 4:
                break
    return out


def _htmldate_candidate(tree: HtmlElement, url: str, fetched_at: datetime | None, *,
                        extensive: bool = True) -> list[dict[str, Any]]:
    """Last resort for pages that state no date anywhere we look: htmldate's extensive search.

    htmldate works on its own deep copy of the tree.  Only reached for pages
    without any other candidate, so its cost is paid rarely.
    """
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate ships with trafilatura
        return []
    latest = (fetched_at or datetime.now()).strftime("%Y-%m-%d")
    try:
        found = find_date(tree, url=url or None, original_date=True, extensive_search=extensive,
                          max_date=latest)
    except Exception:  # htmldate raises assorted errors on odd pages
        return []
    return [_candidate(found, found, "htmldate", "published", "htmldate")] if found else []


def _body_text_candidate(tree: HtmlElement, lang: str) -> list[dict[str, Any]]:
    """A date written in the body text: one after "published"/"vom"/"Stand:" etc., else the first."""
    body = tree.find("body")
    if body is None:
        return []
    pieces = body.xpath(".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")
    text = " ".join(" ".join(pieces).split())[:30000]
    first: dict[str, Any] | None = None
    for start, value, raw in iter_formatted(text, lang)[:40]:
        candidate = _candidate(value, raw, "body_text", "published", "format")
        if _BODY_KEYWORDS.search(text[max(0, start - 30):start]):
            return [candidate]
        first = first or candidate
    return [first] if first else []


def collect_date_candidates(tree: HtmlElement, meta: PageMeta, jsonld: JsonLdInfo, url: str, *,
                            lang: str = "", fetched_at: datetime | None = None,
                            scan: PageScan | None = None) -> list[dict[str, Any]]:
    """Every date the page states, in order of trust.

    ``scan`` is ``scan_page(tree)`` when the caller already has it.
    """
    scan = scan if scan is not None else scan_page(tree)
    out: list[dict[str, Any]] = []
    _add(out, jsonld.date_published, "jsonld", "published", lang, fetched_at)
    _add(out, jsonld.date_modified, "jsonld", "updated", lang, fetched_at)
    for keys, kind in ((PUBLISHED_META, "published"), (UPDATED_META, "updated")):
        for key in keys:
            for raw in meta.values.get(key, ())[:1]:
                _add(out, raw, "meta", kind, lang, fetched_at)
    out.extend(_itemprop_candidates(scan, lang, fetched_at))
    out.extend(_time_candidates(tree, lang, fetched_at))
    out.extend(_text_candidates(scan, lang, fetched_at))
    from_url = url_date(url)
    if from_url:
        out.append(_candidate(from_url, from_url, "url", "published", "iso"))
    out.extend(_script_candidates(tree, lang, fetched_at))
    if not any(c["value"] for c in out if c["source"] != "text"):
        # with visible dates at hand a quick htmldate pass is enough to arbitrate
        out.extend(_htmldate_candidate(tree, url, fetched_at, extensive=not any(c["value"] for c in out)))
    if not any(c["kind"] == "published" and c["value"] for c in out):
        out.extend(_body_text_candidate(tree, lang))
    unique: dict[tuple[Any, ...], dict[str, Any]] = {}
    for candidate in out:
        unique.setdefault((candidate["value"], candidate["raw"], candidate["source"], candidate["kind"]), candidate)
    return list(unique.values())


def _plausible(value: str, fetched_at: datetime | None) -> bool:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return False
    latest = (fetched_at.date() if fetched_at else date.today()) + timedelta(days=1)
    return date(1995, 1, 1) <= day <= latest


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _is_utc(value: str) -> bool:
    moment = _moment(value)
    return moment is not None and moment.utcoffset() == timedelta(0)


def _prefer_local(chosen: dict[str, Any], same_kind: list[dict[str, Any]], zone: str) -> str:
    """A UTC value is shown in the page's own offset when another candidate states it."""
    value = chosen["value"]
    moment = _moment(value)
    if moment is None or not _is_utc(value):
        return value
    for other in same_kind:
        other_moment = _moment(other["value"])
        if other_moment is not None and other_moment.utcoffset() != timedelta(0) \
                and abs((other_moment - moment).total_seconds()) < 120:
            return other["value"]
    if zone:
        from zoneinfo import ZoneInfo
        return moment.astimezone(ZoneInfo(zone)).isoformat()
    return value


_ZONES = {"de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "fr": "Europe/Paris",
          "it": "Europe/Rome", "es": "Europe/Madrid", "nl": "Europe/Amsterdam", "pl": "Europe/Warsaw",
          "kr": "Asia/Seoul", "jp": "Asia/Tokyo", "be": "Europe/Brussels", "dk": "Europe/Copenhagen",
          "se": "Europe/Stockholm", "no": "Europe/Oslo", "fi": "Europe/Helsinki", "cz": "Europe/Prague",
          "pt": "Europe/Lisbon", "gr": "Europe/Athens", "hu": "Europe/Budapest", "br": "America/Sao_Paulo",
          "co": "America/Bogota", "mx": "America/Mexico_City", "ar": "America/Argentina/Buenos_Aires",
          "cl": "America/Santiago", "uy": "America/Montevideo", "pe": "America/Lima", "ve": "America/Caracas",
          "bo": "America/La_Paz", "in": "Asia/Kolkata", "au": "Australia/Sydney"}
_LANG_ZONES = {"de": "Europe/Berlin", "ko": "Asia/Seoul", "ja": "Asia/Tokyo", "pl": "Europe/Warsaw",
               "it": "Europe/Rome", "nl": "Europe/Amsterdam", "fr": "Europe/Paris"}


def page_zone(url: str, lang: str = "") -> str:
    """A time zone name the page most likely writes in (country TLD, else language); '' if unsure."""
    host = re.sub(r"^[a-z]+://", "", url or "").split("/", 1)[0].split(":", 1)[0].lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in _ZONES and not (tld == "co" and host.endswith(".co.uk")):
        return _ZONES[tld]
    return _LANG_ZONES.get(lang[:2], "")


def choose_dates(candidates: list[dict[str, Any]], fetched_at: datetime | None = None, *,
                 url: str = "", lang: str = "") -> tuple[str | None, str | None]:
    """(published_at, updated_at): the most trusted plausible candidate of each kind.

    Trust follows SOURCE_RANK; a UTC value is re-expressed in the page's own
    offset (stated elsewhere on the page, or implied by its country/language).
    """
    usable = [c for c in candidates if c["value"] and _plausible(c["value"], fetched_at)]
    published = [c for c in usable if c["kind"] == "published"]
    updated = [c for c in usable if c["kind"] == "updated"]
    zone = page_zone(url, lang)
    pool = published or updated
    published_at: str | None = None
    if pool:
        best = min(pool, key=_rank)
        if best["source"] != "override":
            best = _cross_check(best, usable, published)
        same_kind = [c for c in pool if c["kind"] == best["kind"]]
        published_at = best["value"] if best["source"] == "url" else _prefer_local(best, same_kind, zone)
    updated_at = _prefer_local(min(updated, key=_rank), updated, zone) if updated else None
    return published_at, updated_at


def _rank(candidate: dict[str, Any]) -> int:
    return SOURCE_RANK.get(candidate["source"], len(SOURCE_RANK))


def _cross_check(chosen: dict[str, Any], usable: list[dict[str, Any]], published: list[dict[str, Any]]) -> dict[str, Any]:
    """Let the visible date and the URL's date overrule metadata that disagrees with them.

    * The first visible date (<time>, itemprop, date element) wins over a
      metadata date of another day when some metadata value (often the
      modification date) states the visible day too.
    * A day in the URL wins over every candidate of another day; a candidate
      of the URL's day is preferred, for its time and offset.
    """
    visible = [c for c in published if c["source"] in ("time", "label", "text", "itemprop")]
    if visible and visible[0]["value"][:10] != chosen["value"][:10]:
        seen_day = visible[0]["value"][:10]
        if any(c["value"][:10] == seen_day for c in usable if c["source"] in ("jsonld", "meta")):
            chosen = visible[0]
    from_url = next((c for c in usable if c["source"] == "url"), None)
    if from_url is not None and chosen["value"][:10] != from_url["value"]:
        agree = [c for c in published if c["value"][:10] == from_url["value"] and c["source"] != "url"]
        chosen = min(agree, key=_rank) if agree else from_url
    return chosen
