"""Author names from JSON-LD, meta tags, rel=author links and byline elements.

Output is a clean list of person names: no "By", roles, "| Site", handles,
e-mail addresses, dates or URLs.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from .dateparse import MONTH_PATTERN
from .jsonld import JsonLdInfo
from .metadata import PageMeta
from .scan import Marked, PageScan, scan_page

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|text|story|words|photos?|interview|geschrieben|"
    r"veröffentlicht|eingestellt|ein (?:beitrag|artikel))\s+)?(?:by|von|vom|par|por|de|av|af|door|texte?|autor(?:in)?|"
    r"author|auteur|redaktion|from)\s*[:\-]?\s+", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:autor(?:in|en)?|author|authors|auteur|text|von|by|verfasser(?:in)?|redaktion)\s*:\s*",
                    re.IGNORECASE)
_ROLE = re.compile(
    r"\s*[,|/–—-]\s*(?:senior |chief |staff |contributing |executive |deputy |managing |freelance )*"
    r"(?:writer|editor|reporter|correspondent|journalist|contributor|columnist|critic|redakteur(?:in)?|"
    r"autor(?:in)?|korrespondent(?:in)?|chefredakteur(?:in)?|rédact(?:eur|rice)|redactor|editorial|staff|"
    r"photographer|producer|news desk|desk|team|author)\b.*$", re.IGNORECASE)
_TRAILING_ROLE = re.compile(r"(?:^|\s+|,\s*)(?:(?:senior|chief|staff|contributing|executive|deputy|managing|freelance|film|tv|"
                            r"music|entertainment|news|sports|features?|associate|assistant|digital|web|online)\s+)*"
                            r"(?:chef)?(?:redakteur(?:in)?|journalist(?:in)?|editor|"
                            r"reporter|autor(?:in)?|writer|korrespondent(?:in)?)\s*$", re.IGNORECASE)
_TRAILING_ROLE_CJK = re.compile(r"\s*(?:객원|인턴|수습|선임)?(?:기자|특파원|에디터|記者|记者)\s*$")
_TRAILING_NOISE = re.compile(r"\s+(?:kategorien|categories|category|tags|schlagwörter|mo|di|mi|do|fr|sa|so|mon|tue|wed|"
                             r"thu|fri|sat|sun)\.?$", re.IGNORECASE)
_TITLE_ONLY = re.compile(r"^(?:ph\.?\s?d|m\.?d|dr|prof|mba|m\.?a|b\.?a|jr|sr|msc|dipl\.?-?\w*|mag)\.?$", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_DATE_TAIL = re.compile(r"(?:\s*[,|•·-]\s*|\s+)(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|"
                        r"(?:" + MONTH_PATTERN + r")\.?\s+\d{1,2}\b|\d{1,2}\.?\s+(?:" + MONTH_PATTERN + r")\b|"
                        r"(?:updated|published|posted|aktualisiert|veröffentlicht|am|on|le|el|sagt|says|schreibt)\b).*$",
                        re.IGNORECASE)
_ROLE_WORD = re.compile(r"\b(?:journalist(?:in)?|kolumnist(?:in)?|redakteur(?:in)?|korrespondent(?:in)?|writer|editor|"
                        r"reporter|correspondent|columnist|contributor|photographer|fotograf(?:in)?|autor(?:in)?|"
                        r"gmbh|verlag|e\.\s?v|ag|inc|ltd|llc|germany|deutschland|publisher|redaktion)\b", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\bi\b|\bu\.\b|\+|\|)\s*", re.IGNORECASE)
_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:author|authors|byline|autor|autoren|autora|auteur|auteurs|firma|verfasser|writer|article-author|post-author|"
    r"entry-author|author-name|author_name|reporter|contributor)(?:$|[\s_-])", re.IGNORECASE)
_BAD_NAMES = re.compile(
    r"^(?:admin|administrator|editor|redaktion|staff|team|guest|anonymous|unknown|null|none|dpa|afp|ap|"
    r"reuters|sid|kna|epd|red|author|autor|web|webmaster|newsdesk|news desk|home|the|by|name|publisher|"
    r"super user|user|gast|anonym|moderator|posted|user name|published|published by|posted by|veröffentlicht|"
    r"publiziert|no author|sponsored|gesponsert|gesponserte inhalte|anzeige|advertorial|unknown author)$",
    re.IGNORECASE)
_STOP_WORDS = re.compile(r"\b(?:comments?|kommentare?|share|teilen|follow|folgen|more|mehr|read|lesen|"
                         r"minutes?|minuten|min|photo|foto|bild|image|views?|likes?|posts?|articles?|artikel)\b",
                         re.IGNORECASE)
_META_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
                     "sailthru.author", "byl", "citation_author", "og:article:author", "article:author_name",
                     "twitter:data1")


def clean_name(raw: str, site_names: tuple[str, ...] = ()) -> str:
    """One raw byline fragment -> a person name, or "" when it is not one."""
    text = " ".join(raw.replace("\u00a0", " ").split())
    text = _URL.sub("", _EMAIL.sub("", text))
    text = _HANDLE.sub("", text)
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text)
    for _ in range(2):
        text = _LABEL.sub("", text)
        text = _PREFIX.sub("", text)
    text = _DATE_TAIL.sub("", text)
    text = _ROLE.sub("", text)
    text = re.sub(r"\s*[|–—]\s*.*$", "", text)
    text = _TRAILING_ROLE_CJK.sub("", _TRAILING_ROLE.sub("", text))
    text = _TRAILING_NOISE.sub("", text)
    text = text.strip(" .,:;|-–—·•*/\"'~")
    if _TITLE_ONLY.match(text):
        return ""
    if not text or len(text) > 60 or len(text) < 3 or any(ch.isdigit() for ch in text):
        return ""
    if _BAD_NAMES.match(text) or _STOP_WORDS.search(text):
        return ""
    if any(text.casefold() == s.casefold() for s in site_names if s):
        return ""
    words = text.split()
    if len(words) > 5 or _ROLE_WORD.search(text):
        return ""
    if len(words) == 1 and (text.islower() or "." in text or "_" in text) and text.isascii():
        return ""  # a user handle, not a name
    return text


def split_names(raw: str, site_names: tuple[str, ...] = ()) -> list[str]:
    """A byline that may hold several people -> clean names, in order, without repeats."""
    text = _DATE_TAIL.sub("", _LABEL.sub("", _PREFIX.sub("", " ".join(raw.split()))))
    text = re.sub(r"\s+[|–—]\s+.*$", "", text)  # "Jane Doe | Variety"
    names: list[str] = []
    for part in _SPLIT.split(text):
        name = clean_name(part, site_names)
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def _from_meta(meta: PageMeta, site_names: tuple[str, ...]) -> list[str]:
    for key in _META_AUTHOR_KEYS:
        values = [v for v in meta.values.get(key, ()) if not v.startswith(("http", "/")) and "facebook.com" not in v]
        if key == "twitter:data1" and not meta.first("twitter:label1").lower().startswith(("written", "author", "autor", "von")):
            continue
        names = [n for v in values for n in split_names(v, site_names)]
        if names:
            return names
    return []


# class substrings (case-sensitive, like XPath contains()) that make an element a byline candidate
_BYLINE_CLASS_WORDS = ("uthor", "byline", "Byline", "autor", "Autor", "verfasser", "auteur", "firma", "writer",
                       "reporter")


_BYLINE_CLASS_WORD = re.compile("|".join(_BYLINE_CLASS_WORDS))  # literal words: contains() any of them


def _contains_any(text: str, words: re.Pattern[str], known: dict[str, bool]) -> bool:
    """Whether ``text`` contains one of the literal ``words``; ``known`` caches answers per call."""
    found = known.get(text)
    if found is None:
        found = known[text] = words.search(text) is not None
    return found


def _byline_elements(scan: PageScan) -> Iterator[Marked]:
    """``//body//*[@rel='author' or @itemprop='author' or contains(@class, <a byline word>) or contains(@id,'uthor')]``."""
    known: dict[str, bool] = {}  # class strings repeat a lot on a page
    for marked in scan.records():
        _, _, cls, ident, itemprop, rel = marked
        if rel == "author" or itemprop == "author":
            yield marked
        elif cls is not None and _contains_any(cls, _BYLINE_CLASS_WORD, known):
            yield marked
        elif ident is not None and "uthor" in ident:
            yield marked


def _from_dom(scan: PageScan, site_names: tuple[str, ...]) -> list[str]:
    for element, tag, cls, ident, itemprop, rel in _byline_elements(scan):
        if tag in ("script", "style", "img", "meta", "link", "body"):
            continue
        if rel != "author" and itemprop != "author":
            if not _BYLINE_CLASS.search((cls or "") + " " + (ident or "")):
                continue
        if element.xpath("ancestor-or-self::*[contains(@class,'comment') or contains(@id,'comment') "
                         "or contains(@class,'Comment') or contains(@id,'respond') or self::footer or self::form]"):
            continue
        name_el = element.xpath(".//*[@itemprop='name']")
        text = (name_el[0].get("content") or " ".join(name_el[0].itertext())) if name_el else " ".join(element.itertext())
        text = " ".join(text.split())
        if not text or len(text) > 120:
            continue
        names = split_names(text, site_names)
        if names:
            return names
    return []


_BY_IN_TEXT = re.compile(r"(?:^|\s)(?:by|von|par|por)\s+(?P<name>[A-ZÀ-ÝÄÖÜ][\w.'-]+(?:\s+[A-ZÀ-ÝÄÖÜ][\w.'-]+){1,3})")


_DATELINE_CLASS_WORD = re.compile("dateline|meta|posted|info")  # contains() any of them


def _from_dateline(scan: PageScan, site_names: tuple[str, ...]) -> list[str]:
    """'Posted on March 3, 2005 by Harold Benning' in a dateline/meta element."""
    known: dict[str, bool] = {}
    for element, cls in zip(scan.elements, scan.classes):
        if cls is None or not _contains_any(cls, _DATELINE_CLASS_WORD, known):
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if not text or len(text) > 150:
            continue
        match = _BY_IN_TEXT.search(text)
        if match:
            names = split_names(match.group("name"), site_names)
            if names:
                return names
    return []


def extract_authors(tree: HtmlElement, meta: PageMeta, jsonld: JsonLdInfo,
                    site_names: tuple[str, ...] = (), *, scan: PageScan | None = None) -> list[str]:
    """Best list of author names: JSON-LD, then meta tags, then byline elements.

    ``scan`` is ``scan_page(tree)`` when the caller already has it.
    """
    names = [n for raw in jsonld.authors for n in split_names(raw, site_names)]
    if names:
        return list(dict.fromkeys(names))
    names = _from_meta(meta, site_names)
    if names:
        return names
    scan = scan if scan is not None else scan_page(tree)
    return _from_dom(scan, site_names) or _from_dateline(scan, site_names)
