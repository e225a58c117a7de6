"""Turn raw bylines into a clean list of person names.  Pure.

"By Jane Doe and John Roe, Staff Writers | Variety" → ["Jane Doe", "John Roe"].
Rules (docs/normalize.md): byline prefixes, roles, "| Site", "for Site",
handles, e-mail addresses and URLs go; several names are split on
and/&/,/;/und/y/et/e; names are deduplicated case-insensitively in order;
organisation-only bylines ("Variety Staff", "AP") are kept only when no
person is named.
"""
from __future__ import annotations

import re

from pipelines.text_cleaning import normalize_text

BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|words|story|reported|posted|published|text|interview)\s+)?"
    r"(?:by|von|por|par|door|av)\s*[:：]?\s+|^(?:author|autor|autorin|auteur|writer|reporter)\s*[:：]\s*",
    re.IGNORECASE)
NAME_SEPARATORS = re.compile(r"\s*(?:,\s*(?:and|und|y|et|e)\s|,|;|/|\s&\s|&|\+|\s(?:and|und|y|e|et|with|mit|con|avec)\s)\s*", re.IGNORECASE)
ROLE_HEADS = frozenset({
    "editor", "editors", "writer", "writers", "reporter", "reporters", "critic", "correspondent",
    "contributor", "columnist", "producer", "journalist", "photographer", "intern", "staff", "host",
    "editor-in-chief", "redakteur", "redakteurin", "autor", "autorin", "korrespondent", "korrespondentin",
    "redactor", "redactora", "periodista", "corresponsal", "journaliste", "rédacteur", "rédactrice",
    "기자", "에디터", "특파원", "편집장", "칼럼니스트",
})
ROLE_WORDS = ROLE_HEADS | frozenset({
    "senior", "chief", "associate", "assistant", "deputy", "executive", "managing", "contributing",
    "lead", "head", "special", "international", "entertainment", "film", "tv", "television", "music",
    "news", "digital", "features", "feature", "culture", "movie", "movies", "k-pop", "games", "gaming",
    "awards", "box", "office", "streaming", "story", "breaking", "weekend", "night", "global", "content",
    "in", "of", "at", "large", "desk", "the", "freier", "freie", "leitender", "leitende", "jefe", "jefa",
    "en", "chef", "cheffe", "principal", "politics", "business", "sports", "staff",
})
ORGANISATION_WORDS = frozenset({"staff", "team", "desk", "newsroom", "editors", "redaktion", "redacción",
                                "rédaction", "편집부", "취재팀"})
AGENCIES = frozenset({"ap", "associated press", "the associated press", "reuters", "afp", "dpa", "efe",
                      "apa", "kna", "epd", "yonhap", "newsis", "news1", "pa", "pa media", "bang showbiz",
                      "wenn", "cnn wire", "staff", "staff reports", "newsroom", "editorial team", "web desk"})
NOT_NAMES = frozenset({"admin", "administrator", "editor", "guest", "unknown", "anonymous", "user",
                       "webmaster", "root", "null", "none", "n/a"})
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_FOR_SITE = re.compile(r"\s+for\s+(?:the\s+)?[A-Z0-9][\w&.'-]*(?:\s+[A-Z0-9][\w&.'-]*){0,3}\s*$")
_DASH_ROLE = re.compile(r"\s+[-–—]\s+")
MAX_NAME_WORDS, MAX_NAME_CHARS = 6, 60


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'-]", " ", text.casefold()).split())


def _words(text: str) -> list[str]:
    return [w.strip(".,:;()[]'\"") for w in _key(text).split()]


def is_role(text: str) -> bool:
    """"Senior TV Editor", "Chief Film Critic": role words only, with a role noun."""
    words = [w for w in _words(text) if w]
    return bool(words) and all(w in ROLE_WORDS for w in words) and any(w in ROLE_HEADS for w in words)


def _strip_roles(name: str) -> str:
    words = name.split()
    # trailing role: "Jane Doe Staff Writer", "홍길동 기자"
    for cut in range(1, len(words)):
        if is_role(" ".join(words[cut:])) and (len(words) - cut >= 2 or cut >= 2 or
                                               _key(words[-1]) in {"기자", "특파원", "에디터"}):
            words = words[:cut]
            break
    # leading role: "Senior Editor Jane Doe"
    for cut in range(len(words) - 1, 0, -1):
        if is_role(" ".join(words[:cut])) and _key(words[cut - 1]) in ROLE_HEADS:
            words = words[cut:]
            break
    return " ".join(words)


def _is_organisation(name: str, site_name: str | None) -> bool:
    key = _key(name)
    if key in AGENCIES or (site_name and key == _key(site_name)):
        return True
    words = key.split()
    if words and words[-1] in ORGANISATION_WORDS:
        return True
    return bool(re.fullmatch(r"[A-Z]{2,5}", name))


def _tidy(name: str) -> str:
    name = name.strip(" \t-–—|,;:.·•()[]\"'")
    words = name.split()
    if name.isupper() and len(words) >= 2 and all(len(w) > 1 and not w.endswith(".") for w in words):
        name = name.title()  # "JANE DOE", not initials like "YH. N"
    return name


def _split_names(byline: str, site_name: str | None) -> list[str]:
    byline = _URL.sub(" ", _EMAIL.sub(" ", normalize_text(byline).replace("\n", " ")))
    byline = _HANDLE.sub(" ", byline)
    byline = byline.split("|")[0]               # "Jane Doe | Variety", "Jane Doe | Staff Writer"
    byline = BYLINE_PREFIX.sub("", byline.strip())
    if site_name:
        byline = re.sub(rf"\s+(?:for|für|para|pour)\s+{re.escape(site_name)}\b.*$", "", byline, flags=re.I)
    byline = _FOR_SITE.sub("", byline)
    names: list[str] = []
    for part in NAME_SEPARATORS.split(byline):
        for piece in _DASH_ROLE.split(part):    # "Jane Doe - TV Critic", "Site - Jane Doe"
            piece = _tidy(BYLINE_PREFIX.sub("", _tidy(piece)))
            if piece and not is_role(piece):
                names.append(_tidy(_strip_roles(piece)))
    return names


def _plausible(name: str) -> bool:
    return (bool(re.search(r"[^\W\d_]", name)) and len(name.split()) <= MAX_NAME_WORDS
            and len(name) <= MAX_NAME_CHARS and _key(name) not in NOT_NAMES)


def clean_authors(values: list[str] | str | None, site_name: str | None = None) -> list[str]:
    """Clean bylines into person names; organisation bylines only when no person is named.

    >>> clean_authors("By Jane Doe and John Roe, Staff Writers | Variety", "Variety")
    ['Jane Doe', 'John Roe']
    """
    if values is None:
        return []
    raw = [values] if isinstance(values, str) else [v for v in values if isinstance(v, str)]
    people: list[str] = []
    organisations: list[str] = []
    seen: set[str] = set()
    for byline in raw:
        for name in _split_names(byline, site_name):
            key = _key(name)
            if not _plausible(name) or key in seen:
                continue
            seen.add(key)
            (organisations if _is_organisation(name, site_name) else people).append(name)
    return people or organisations
