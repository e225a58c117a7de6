"""Page language: what the page declares, else a small script/stop-word guess."""
from __future__ import annotations

import re

from .jsonld import JsonLdInfo
from .metadata import PageMeta

_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2,4}))?")
_STOP_WORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "that", "with", "for", "was", "it", "on"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "sich", "auch", "ein", "auf"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "dans", "que", "pas", "du"},
    "es": {"el", "la", "los", "y", "que", "de", "en", "las", "por", "una", "con", "para"},
    "it": {"il", "che", "di", "e", "la", "per", "non", "una", "sono", "della", "con", "gli"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "niet", "met", "voor", "zijn", "op"},
    "pl": {"i", "w", "na", "nie", "się", "z", "że", "do", "jest", "to", "jak", "po"},
    "pt": {"o", "a", "os", "e", "que", "de", "não", "uma", "para", "com", "do", "da"},
}


def normalize_language(code: str) -> str:
    """'en-US' -> 'en', 'de_DE' -> 'de', 'ko' -> 'ko'; '' when not a language code."""
    match = _CODE.match((code or "").strip())
    if not match or match.group(1).lower() in ("x", "und", "zxx", "mul"):
        return ""
    return match.group(1).lower()


def guess_language(text: str) -> str:
    """Script ratios for ko/ja/zh/ru/ar, stop-word counts for Latin scripts."""
    sample = text[:5000]
    letters = len(re.findall(r"\w", sample)) or 1
    scripts = (("ko", r"[\uac00-\ud7af]"), ("ja", r"[\u3040-\u30ff]"), ("zh", r"[\u4e00-\u9fff]"),
               ("ru", r"[\u0400-\u04ff]"), ("ar", r"[\u0600-\u06ff]"), ("el", r"[\u0370-\u03ff]"))
    for code, pattern in scripts:
        if len(re.findall(pattern, sample)) / letters > 0.2:
            return code
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 5:
        return ""
    scores = {code: sum(1 for w in words if w in stops) for code, stops in _STOP_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 3 else ""


def detect_language(meta: PageMeta, jsonld: JsonLdInfo, body: str = "") -> str:
    """Declared <html lang>, JSON-LD inLanguage, meta content-language / og:locale; else a guess."""
    for declared in (meta.html_lang, jsonld.language, meta.first("content-language", "language", "dc.language"),
                     meta.first("og:locale")):
        code = normalize_language(declared)
        if code:
            return code
    return guess_language(body)
