"""Length-preserving text folding shared by the show catalog and the tagger.

``TextFolder.fold(text)`` lowercases, strips accents and turns punctuation
and whitespace into plain spaces **one character for one character**, so an
offset in the folded text is the same offset in the original text.  That is
what lets the tagger match on folded text and still look at the original
(capital letters, quotes, italics) around every hit.

ASCII and Latin-1 input take a ``bytes.translate``, anything else a NumPy
gather over UTF-16 code units (see ``TextFolder``).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np

_TABLE_SIZE = 0x10000          # the Basic Multilingual Plane; rarer chars pass through

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_SPACE_RUN = re.compile(r"\s+")
# Characters above U+00FF common in European copy ("„" in German, "€", "œ"); replacing
# them first lets that text take the Latin-1 path.
_COMMON_WIDE = "\u2019\u2018\u201c\u201d\u2014\u2013\u2026\u201e\u201a\u20ac\u0153\u2022\u2122\u2033\u2020\u2032\u00ab\u00bb"



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
        folded = ord(_fold_char(chr(code)))
        # Seven CJK compatibility ideographs (U+FA6C, U+FACF..) decompose to ideographs
        # outside the BMP; they stay as they are, so every fold stays in the BMP.
        table[code] = folded if folded <= 0xFFFF else code
    return table


@dataclass(frozen=True)
class _FoldTables:
    table: tuple[int, ...]              # code point -> folded code point (the BMP)
    common: Mapping[str, str]           # _COMMON_WIDE characters -> their fold
    latin1_escapes: tuple[bytes, ...]   # Latin-1 characters whose fold is not Latin-1 (micro sign)
    latin1_table: bytes                 # bytes.translate table for Latin-1 text
    wide_table: np.ndarray              # read-only uint16 table over the BMP (128 KB)


@lru_cache(maxsize=1)
def _fold_tables() -> _FoldTables:
    """The folding tables (constant; built once per process: ~20 ms)."""
    table = tuple(build_fold_table())
    latin = table[:256]
    # Surrogates map to themselves, so a character outside the BMP (two UTF-16 code
    # units) passes through unchanged, as in ``table``.
    wide = np.array(table, dtype=np.uint16)
    wide.flags.writeable = False
    return _FoldTables(
        table=table,
        common=MappingProxyType({c: chr(table[ord(c)]) for c in _COMMON_WIDE}),
        latin1_escapes=tuple(bytes([code]) for code in range(256) if latin[code] > 0xFF),
        latin1_table=bytes(folded if folded <= 0xFF else code for code, folded in enumerate(latin)),
        wide_table=wide,
    )


class TextFolder:
    """Folds text with a table built once per instance (no module-level state).

    Three paths, all length-preserving and giving exactly ``text.translate(table)``:
    ASCII and Latin-1 text (most European copy, once common wide punctuation such
    as curly quotes, dashes and German "„" is replaced) is folded as bytes
    (``bytes.translate``, ~1.5 ns a character); other text goes through a NumPy gather
    over its UTF-16 code units with a 128 KB table (~2.5 ns a character; a gather over
    all code points needs a 4.4 MB table, which pushes the scanner's database out of
    the CPU cache; ``str.translate`` takes ~19 ns off ASCII).
    """

    def __init__(self) -> None:
        tables = _fold_tables()
        self._table = tables.table
        self._common = tables.common
        self._latin1_escapes = tables.latin1_escapes
        self._latin1_table = tables.latin1_table
        self._wide_table = tables.wide_table

    def fold(self, text: str) -> str:
        """Lowercase, accent- and punctuation-folded text of the same length."""
        if text.isascii():
            if len(text) < 64:
                return text.translate(self._table)
            return text.encode("ascii").translate(self._latin1_table).decode("ascii")
        try:
            return self._fold_latin1_bytes(text.encode("latin-1"), text)
        except UnicodeEncodeError as error:
            first_wide = text[error.start]
        if first_wide in self._common:
            # Common wide punctuation (a test for an absent character is ~0.1 µs): most
            # European copy fits in Latin-1 once it is replaced.
            for char in _COMMON_WIDE:
                if char in text:
                    text = text.replace(char, self._common[char])
            try:
                return self._fold_latin1_bytes(text.encode("latin-1"), text)
            except UnicodeEncodeError:
                pass
        if len(text) < 120:                 # NumPy's call overhead outweighs its speed
            return text.translate(self._table)
        units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        return self._wide_table.take(units).tobytes().decode("utf-16-le", "surrogatepass")

    def _fold_latin1_bytes(self, raw: bytes, text: str) -> str:
        if any(escape in raw for escape in self._latin1_escapes):
            return text.translate(self._table)
        return raw.translate(self._latin1_table).decode("latin-1")

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
    """Any Hangul, kana or CJK ideograph (C speed: ASCII and Latin-1 text are ruled
    out without a scan, else one regex search)."""
    if text.isascii():
        return False
    if len(text) < 64:
        return max(text) >= "\u3040" and _CJK.search(text) is not None
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _CJK.search(text) is not None
    return False


def has_cased_letters(text: str) -> bool:
    if text.isascii():                  # the cased ASCII characters are the letters
        return text.lower() != text.upper()
    return any(c.isupper() or c.islower() for c in text)
