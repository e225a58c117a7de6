"""Cheap per-mention checks of the tagger (pure): the season next to a hit and the
capitalization test for everyday-word titles, ordered so that the common cases
("you" in lowercase, no season noun nearby) cost a few string operations."""
from __future__ import annotations

import re

from pipelines.show_evidence import in_larger_name, is_capitalized
from pipelines.show_season import season_after, season_before, season_in_clause
from pipelines.show_text import has_cased_letters

_SENTENCE_END = re.compile("[.!?\n\u3002]")
# show_season's "season 2 of <title>" ends in of/de (+ article) before the title, and
# every form of "season_before" / "season_in_clause" needs one of these nouns.
_BEFORE_TAILS = (" of", " de", " the", " la", " el")
_SEASON_NOUNS = ("season", "series", "temporada")
_SEASON_NOUNS_ANY = _SEASON_NOUNS + ("\uc2dc\uc98c", "\u30b7\u30fc\u30ba\u30f3")


def _clause_end(text: str, end: int, upper: int) -> int:
    """Where the sentence after a mention ends (or the next mention starts)."""
    limit = min(upper, end + 60, len(text))
    found = _SENTENCE_END.search(text, end, limit) if end < limit else None
    return found.start() if found else limit


def season_near(text: str, padded: str, start: int, end: int, upper: int) -> int | None:
    """Season number next to a mention (pipelines/show_season.py); the cheap substring
    tests skip regexes that cannot match (each needs a season noun)."""
    season = season_after(padded[end + 1:end + 33])
    if season is not None:
        return season
    before = padded[max(0, start - 40):start + 1]
    if before.rstrip().endswith(_BEFORE_TAILS) and any(noun in before for noun in _SEASON_NOUNS):
        season = season_before(before)
        if season is not None:
            return season
    clause = padded[end + 1:_clause_end(text, end, upper) + 1]
    if any(noun in clause for noun in _SEASON_NOUNS_ANY):
        return season_in_clause(clause)
    return None


def may_be_title(text: str, start: int, end: int, alias: str) -> bool:
    """An everyday-word hit is capitalized as in the catalog and not part of a
    larger capitalized name ("Slough House"); uncased scripts always pass."""
    original = text[start:end]
    if not has_cased_letters(original):
        return True
    if original.isalpha():                      # one word: only its first letter matters
        if original[0].islower():
            return False
    elif not is_capitalized(original, alias):
        return False
    return not in_larger_name(text, start, original)
