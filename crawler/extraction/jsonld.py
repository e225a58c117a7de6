"""JSON-LD (schema.org) blocks: tolerant parsing and the article object's fields.

Handles ``@graph``, top-level lists, nested author/publisher objects, ``@id``
references inside a graph, and broken JSON (comments, trailing commas, raw
newlines, HTML entities, several objects glued together).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "review",
    "scholarlyarticle", "techarticle", "report", "liveblogposting", "socialmediaposting",
    "advertisercontentarticle", "satiricalarticle", "posting", "medicalwebpage", "recipe",
    "creativework", "interviewarticle",
}
_PERSON_TYPES = {"person"}
_ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "onlinebusiness"}

_COMMENTS = re.compile(r"(?<![:\"\\])//[^\n]*$|/\*.*?\*/", re.MULTILINE | re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_CDATA = re.compile(r"^\s*(?:<!\[CDATA\[|//\s*<!\[CDATA\[)|(?://\s*)?\]\]>\s*$")
_FIELD_RE = {
    key: re.compile(r'"%s"\s*:\s*"((?:[^"\\]|\\.)*)"' % key)
    for key in ("headline", "datePublished", "dateModified", "dateCreated", "inLanguage", "articleSection")
}
_AUTHOR_NAME_RE = re.compile(r'"author"\s*:\s*[\[{][^\]]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)
_TYPE_RE = re.compile(r'"@type"\s*:\s*"([^"]+)"')


@dataclass
class JsonLdInfo:
    """What the page's JSON-LD says about the main item (empty strings when absent)."""

    types: list[str] = field(default_factory=list)       # every @type seen, lowercase
    main_type: str = ""                                 # @type of the chosen object
    headline: str = ""
    description: str = ""
    date_published: str = ""
    date_modified: str = ""
    authors: list[str] = field(default_factory=list)
    section: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = ""
    image: str = ""
    publisher: str = ""
    url: str = ""
    site_name: str = ""


def _loads_tolerant(text: str) -> Any | None:
    text = _CDATA.sub("", text.strip())
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    repaired = _TRAILING_COMMA.sub(r"\1", _COMMENTS.sub("", text))
    repaired = re.sub(r"[\x00-\x1f]", " ", repaired)  # raw newlines/tabs inside strings
    for candidate in (repaired, html.unescape(repaired), "[" + re.sub(r"}\s*{", "},{", repaired) + "]"):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    try:  # first complete value, ignore trailing garbage
        return json.JSONDecoder().raw_decode(repaired)[0]
    except ValueError:
        return None


def _salvage(text: str) -> dict[str, Any] | None:
    """Regex fields from JSON that will not parse at all."""
    found: dict[str, Any] = {}
    for key, pattern in _FIELD_RE.items():
        match = pattern.search(text)
        if match:
            found[key] = match.group(1).encode().decode("unicode_escape", "ignore") if "\\u" in match.group(1) else match.group(1)
    author = _AUTHOR_NAME_RE.search(text)
    if author:
        found["author"] = {"@type": "Person", "name": author.group(1)}
    type_match = _TYPE_RE.search(text)
    if found and type_match:
        found["@type"] = type_match.group(1)
    return found or None


def _flatten(value: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(value, list):
        for item in value:
            _flatten(item, out)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        if graph is not None:
            _flatten(graph, out)
        if any(k != "@context" and k != "@graph" for k in value):
            out.append(value)
        main = value.get("mainEntity") or value.get("mainEntityOfPage")
        if isinstance(main, dict) and "@type" in main and _types(main) & ARTICLE_TYPES:
            out.append(main)


def jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened (graphs and lists unrolled)."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        text = script.text or ""
        data = _loads_tolerant(text)
        if data is None:
            data = _salvage(text)
        if data is not None:
            _flatten(data, objects)
    return objects


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _text(value: Any) -> str:
    if isinstance(value, str):
        return html.unescape(value).strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        for item in value:
            found = _text(item)
            if found:
                return found
    if isinstance(value, dict):
        for key in ("name", "@value", "url", "contentUrl"):
            if key in value:
                return _text(value[key])
    return ""


def _names(value: Any, index: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, list):
        return [n for item in value for n in _names(item, index)]
    if isinstance(value, str):
        return [value.strip()] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        if set(value) <= {"@id"} and value.get("@id") in index:
            value = index[value["@id"]]
        if _types(value) & _ORG_TYPES and not (_types(value) & _PERSON_TYPES):
            return []
        name = value.get("name")
        if isinstance(name, list):
            return [_text(n) for n in name if _text(n)]
        if not name and (value.get("givenName") or value.get("familyName")):
            name = f"{_text(value.get('givenName'))} {_text(value.get('familyName'))}".strip()
        text = _text(name)
        return [text] if text else []
    return []


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in re.split(r"[,;]", value) if k.strip()]
    if isinstance(value, list):
        return [k for item in value for k in _keywords(item)]
    return []


def _score(obj: dict[str, Any]) -> int:
    kinds = _types(obj)
    score = 0
    if kinds & ARTICLE_TYPES - {"creativework"}:
        score += 10
    if "headline" in obj:
        score += 3
    if "datePublished" in obj:
        score += 2
    if "author" in obj:
        score += 1
    if "webpage" in kinds or kinds & {"itempage", "collectionpage", "videoobject", "imagegallery"}:
        score += 1
    return score


def read_jsonld(tree: HtmlElement) -> JsonLdInfo:
    """Summarise the page's JSON-LD around its best article-like object."""
    objects = jsonld_objects(tree)
    info = JsonLdInfo()
    if not objects:
        return info
    index = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    for obj in objects:
        for kind in _types(obj):
            if kind not in info.types:
                info.types.append(kind)
        kinds = _types(obj)
        if kinds & _ORG_TYPES and not info.publisher:
            info.publisher = _text(obj.get("name"))
        if "website" in kinds and not info.site_name:
            info.site_name = _text(obj.get("name"))
    best = max(objects, key=_score)
    if _score(best) == 0:
        best = {}
    info.main_type = sorted(_types(best))[0] if _types(best) else ""
    info.headline = _text(best.get("headline")) or (_text(best.get("name")) if _types(best) & ARTICLE_TYPES else "")
    info.description = _text(best.get("description"))
    info.date_published = _text(best.get("datePublished")) or _text(best.get("dateCreated"))
    info.date_modified = _text(best.get("dateModified"))
    info.authors = _names(best.get("author") or best.get("creator"), index)
    info.section = _text(best.get("articleSection"))
    info.keywords = _keywords(best.get("keywords"))
    info.language = _text(best.get("inLanguage"))
    info.image = _text(best.get("image") or best.get("thumbnailUrl"))
    publisher = best.get("publisher")
    if publisher:
        names = [_text(p.get("name")) if isinstance(p, dict) else _text(p) for p in (publisher if isinstance(publisher, list) else [publisher])]
        if isinstance(publisher, dict) and set(publisher) <= {"@id"} and publisher.get("@id") in index:
            names = [_text(index[publisher["@id"]].get("name"))]
        info.publisher = next((n for n in names if n), info.publisher)
    info.url = _text(best.get("url"))
    return info
