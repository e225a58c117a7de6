"""The article's language as a two-letter ISO 639-1 code.  Pure (the model is read-only).

The page's declared language wins when it is plausible for the text; else the
text's script decides (Hangul → ko, kana → ja, ...) and, for scripts shared by
many languages, py3langid (an offline n-gram model shipped in the package).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

MIN_LETTERS = 40          # shorter text cannot overrule a declaration with py3langid
MIN_SCRIPT_LETTERS = 10   # ... but this many letters in another script can (Hangul declared "en")
SAMPLE_CHARS = 1000       # detection reads the first characters only (cost is linear)
OVERRIDE_PROBABILITY = 0.9  # detection overrules a declaration only when this sure
DECLARED_TOP_N = 3        # ... and the declared language is not among its top guesses
DETECT_MIN_PROBABILITY = 0.5

_THREE_LETTER = {"eng": "en", "deu": "de", "ger": "de", "spa": "es", "fra": "fr", "fre": "fr", "kor": "ko",
                 "jpn": "ja", "zho": "zh", "chi": "zh", "ita": "it", "por": "pt", "pol": "pl", "nld": "nl",
                 "dut": "nl", "rus": "ru", "tur": "tr"}
_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}
# Unicode-name prefix of a letter -> script; languages written only in that script.
_SCRIPTS = {"HANGUL": "Hang", "HIRAGANA": "Kana", "KATAKANA": "Kana", "CJK": "Hani", "CYRILLIC": "Cyrl",
            "ARABIC": "Arab", "GREEK": "Grek", "HEBREW": "Hebr", "THAI": "Thai", "DEVANAGARI": "Deva",
            "LATIN": "Latn"}
_SCRIPT_OF_LANGUAGE = {"ko": "Hang", "ja": "Kana", "zh": "Hani", "ru": "Cyrl", "uk": "Cyrl", "bg": "Cyrl",
                       "sr": "Cyrl", "mk": "Cyrl", "be": "Cyrl", "kk": "Cyrl", "ar": "Arab", "fa": "Arab",
                       "ur": "Arab", "el": "Grek", "he": "Hebr", "yi": "Hebr", "th": "Thai", "hi": "Deva",
                       "mr": "Deva", "ne": "Deva"}
_SINGLE_LANGUAGE_SCRIPTS = {"Hang": "ko", "Kana": "ja", "Grek": "el", "Hebr": "he", "Thai": "th"}
_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$")


def normalize_language_code(value: str | None) -> str:
    """"en-US" → "en", "de_DE" → "de", "kor" → "ko"; "" for anything that is not a language tag."""
    match = _CODE.match((value or "").strip())
    if not match:
        return ""
    code = match.group(1).lower()
    if len(code) == 3:
        return _THREE_LETTER.get(code, "")
    return _ALIASES.get(code, code)


@lru_cache(maxsize=8192)
def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((s for prefix, s in _SCRIPTS.items() if name.startswith(prefix)), "Other")


def dominant_script(text: str) -> str:
    """The script of most letters ("Latn", "Hang", "Kana", ...); "" when there are no letters.

    Kana anywhere in CJK text means Japanese (kanji are Han letters).
    """
    counts: dict[str, int] = {}
    for char in text[:SAMPLE_CHARS]:
        if char.isalpha():
            script = "Latn" if char < "\x80" else _script_of(char)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return ""
    if counts.get("Kana", 0) >= 0.1 * counts.get("Hani", 0) and counts.get("Kana"):
        counts["Kana"] += counts.pop("Hani", 0)
    return max(counts, key=counts.__getitem__)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def rank_languages(text: str, top: int = DECLARED_TOP_N) -> list[tuple[str, float]]:
    """py3langid's best guesses with normalized probabilities."""
    ranked = _identifier().rank(text[:SAMPLE_CHARS])
    return [(normalize_language_code(code), float(prob)) for code, prob in ranked[:top]]


def _letters(text: str) -> int:
    return sum(1 for char in text[:SAMPLE_CHARS] if char.isalpha())


def _detect(text: str) -> str:
    script = dominant_script(text)
    if script in _SINGLE_LANGUAGE_SCRIPTS:
        return _SINGLE_LANGUAGE_SCRIPTS[script]
    if not script or _letters(text) < MIN_LETTERS // 2:
        return ""
    best, probability = rank_languages(text, 1)[0]
    return best if probability >= DETECT_MIN_PROBABILITY else ""


def detect_language(text: str | None, declared: str | None = None) -> str:
    """Two-letter language code of ``text``; "" when it cannot be told.

    The declaration (normalized) is kept unless the text's script cannot be
    the declared language's (``MIN_SCRIPT_LETTERS`` letters suffice), or the
    text has ``MIN_LETTERS`` letters and py3langid is at least ``OVERRIDE_PROBABILITY`` sure of another language
    and does not rank the declared one among its top ``DECLARED_TOP_N``.
    """
    text = text or ""
    code = normalize_language_code(declared)
    if not code:
        return _detect(text)
    letters = _letters(text)
    if letters < MIN_SCRIPT_LETTERS:
        return code
    script = dominant_script(text)
    expected = _SCRIPT_OF_LANGUAGE.get(code, "Latn")
    if script and script != expected and not (code == "ja" and script == "Hani"):
        return _detect(text) or code
    if letters < MIN_LETTERS or script in _SINGLE_LANGUAGE_SCRIPTS:
        return code
    ranked = rank_languages(text)
    if ranked[0][1] >= OVERRIDE_PROBABILITY and code not in {lang for lang, _ in ranked}:
        return ranked[0][0] or code
    return code
