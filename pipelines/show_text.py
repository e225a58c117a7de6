"""Length-preserving text folding shared by the show catalog and the tagger.

``TextFolder.fold(text)`` lowercases, strips accents and turns punctuation
and whitespace into plain spaces **one character for one character**, so an
offset in the folded text is the same offset in the original text.  That is
what lets the tagger match on folded text and still look at the original
(capital letters, quotes, italics) around every hit.

Pure ASCII input takes CPython's fast ``str.translate`` path (about a
nanosecond a character); other text goes through the same table, slower but
still in C.
"""
from __future__ import annotations

import re
import unicodedata

_TABLE_SIZE = 0x10000          # the Basic Multilingual Plane; rarer chars pass through

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_SPACE_RUN = re.compile(r"\s+")
# Non-ASCII characters common in English news copy; replacing them first lets
# most English articles take the ASCII fast path of str.translate.
_COMMON_NON_ASCII = "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u00a0\u00e9\u00b7\u2022\u00ae\u2122\u00a9"



def _fold_char(char: str) -> str:
    """One character in, exactly one character out."""
    category = unicodedata.category(char)
    if category[0] in "PSZC":          # punctuation, symbols, separators, controls
        return " "
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    decomposed = unicodedata.normalize("NFKD", lowered)
    base = decomposed[0] if decomposed else lowered
    if (len(decomposed) > 1 and base.isascii() and base.isalnum()
            and all(unicodedata.combining(c) for c in decomposed[1:])):
        return base.lower()
    if len(decomposed) == 1 and decomposed != lowered and decomposed.isalnum():
        return decomposed.lower() if len(decomposed.lower()) == 1 else decomposed   # fullwidth A -> a
    return lowered


def build_fold_table() -> list[int]:
    """A translate table (list indexed by code point) for ``str.translate``."""
    table = list(range(_TABLE_SIZE))
    for code in range(_TABLE_SIZE):
        if 0xAC00 <= code <= 0xD7A3 or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            continue                     # Hangul syllables and CJK ideographs fold to themselves
        if 0xD800 <= code <= 0xDFFF:
            continue                     # surrogates
        folded = _fold_char(chr(code))
        table[code] = ord(folded)
    return table


class TextFolder:
    """Folds text with a table built once per instance (no module-level state)."""

    def __init__(self) -> None:
        self._table = build_fold_table()
        self._common = {c: chr(self._table[ord(c)]) for c in _COMMON_NON_ASCII}

    def fold(self, text: str) -> str:
        """Lowercase, accent- and punctuation-folded text of the same length."""
        if not text.isascii():
            for char in _COMMON_NON_ASCII:
                if char in text:
                    text = text.replace(char, self._common[char])
        return text.translate(self._table)

    def fold_phrase(self, phrase: str) -> str:
        """Folded phrase with single spaces and no edge spaces (catalog keys)."""
        return _SPACE_RUN.sub(" ", self.fold(phrase)).strip()


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e"


def is_cjk(char: str) -> bool:
    """Hangul, kana or CJK ideograph: scripts written without spaces between words."""
    code = ord(char)
    return (0xAC00 <= code <= 0xD7A3 or 0x3131 <= code <= 0x318E or 0x3040 <= code <= 0x30FF
            or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xFF66 <= code <= 0xFF9F)


_CJK = re.compile("[\u3040-\u30ff\u3131-\u318e\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff66-\uff9f]")


def has_cjk(text: str) -> bool:
    """Any Hangul, kana or CJK ideograph (C-speed: max() first, then one regex scan)."""
    return bool(text) and max(text) >= "\u3040" and _CJK.search(text) is not None


def has_cased_letters(text: str) -> bool:
    return any(c.isupper() or c.islower() for c in text)
