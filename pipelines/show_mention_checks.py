"""Cheap per-mention checks of the tagger (pure): the season next to a hit and the
capitalization test for everyday-word titles, ordered so that the common cases
("you" in lowercase, no season noun nearby) cost a few string operations."""
from __future__ import annotations

import re

from pipelines.show_evidence import (
    _KIND_AFTER, _KIND_BEFORE, NEAR_NEGATIVE, NEAR_WORDS, SHOW_WORDS, SHOW_WORDS_CJK, WINDOW,
    HitContext, ShowProfile, _glued, in_larger_name, is_capitalized, is_sentence_start, is_vetoed,
)
from pipelines.show_season import season_after, season_before, season_in_clause
from pipelines.show_text import has_cased_letters

_SENTENCE_END = re.compile("[.!?\n\u3002]")
# show_season's "season 2 of <title>" ends in of/de (+ article) before the title, and
# every form of "season_before" / "season_in_clause" needs one of these nouns.
_BEFORE_TAILS = (" of", " de", " the", " la", " el")
_SEASON_NOUNS = ("season", "series", "temporada")
_SEASON_NOUNS_ANY = _SEASON_NOUNS + ("\uc2dc\uc98c", "\u30b7\u30fc\u30ba\u30f3")
_ARTICLES = ("the ", "la ", "el ")
_SHOW_WORDS_CJK_ASCII = tuple(w for w in SHOW_WORDS_CJK if w.isascii())     # "tvn", "jtbc"
# A profile without veto words: the CJK part of is_vetoed, once the others were tested.
_NO_VETO_WORDS = ShowProfile(-1, (), (), (), (), (), False)


def _clause_end(text: str, end: int, upper: int) -> int:
    """Where the sentence after a mention ends (or the next mention starts)."""
    limit = min(upper, end + 60, len(text))
    found = _SENTENCE_END.search(text, end, limit) if end < limit else None
    return found.start() if found else limit


def season_near(text: str, padded: str, start: int, end: int, upper: int) -> int | None:
    """Season number next to a mention (pipelines/show_season.py); the cheap substring
    tests skip regexes that cannot match (each needs a season noun)."""
    after = padded[end + 1:end + 33]
    # Every form of season_after starts with "s", a digit or a non-ASCII character,
    # or has a season noun: skip its regex otherwise (most hits).
    first = after.lstrip(" ")[:1]
    if first and (first == "s" or first.isdigit() or not first.isascii()
                  or any(noun in after for noun in _SEASON_NOUNS)):
        season = season_after(after)
        if season is not None:
            return season
    before = padded[max(0, start - 40):start + 1]
    if before.rstrip().endswith(_BEFORE_TAILS) and any(noun in before for noun in _SEASON_NOUNS):
        season = season_before(before)
        if season is not None:
            return season
    reach = padded[end + 1:end + 62]          # the longest clause (_clause_end: 60 characters)
    if not any(noun in reach for noun in _SEASON_NOUNS_ANY):
        return None
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


def is_vetoed_at(text: str, padded: str, start: int, end: int, lower: int, upper: int,
                 title_case_headline: bool, profile: ShowProfile, cjk_name: bool,
                 cjk_text: bool) -> bool:
    """``is_vetoed(hit_context(...), profile, cjk_name)`` (show_evidence.py), with the
    sentence-start and glued tests run only when a veto word is actually there.
    ``cjk_text``: ``has_cjk(padded)`` (without CJK the CJK veto cannot apply)."""
    before = " " + padded[max(lower + 1, start - 40):start + 1].rstrip()
    after = padded[end + 1:min(upper + 1, end + 41)].lstrip() + " "
    if before.endswith(profile.not_before) or after.startswith(profile.not_after):
        return True
    if (profile.not_after_at_start and after.startswith(profile.not_after_at_start)
            and (title_case_headline or is_sentence_start(text, start)) and _glued(text, end, 1)):
        return True
    if before.endswith(_KIND_BEFORE) and _glued(text, start - 1, -1):
        return True
    if after.startswith(_KIND_AFTER) and (after.startswith(_ARTICLES) or _glued(text, end, 1)):
        return True
    if not (cjk_name or cjk_text):
        return False
    context = HitContext(before, after, _glued(text, start - 1, -1), _glued(text, end, 1), False)
    return is_vetoed(context, _NO_VETO_WORDS, cjk_name)


def window_points(padded: str, start: int, end: int, profile: ShowProfile) -> tuple[int, int]:
    """``window_evidence`` (show_evidence.py) with one split per side and the CJK show
    words searched only in windows that can hold them."""
    left = padded[max(0, start - WINDOW):start + 1]
    right = padded[end + 1:end + 1 + WINDOW]
    window = left + " " + right
    specific = 2 if any(p in window for p in profile.specific) else 0
    if not specific and profile.specific_cjk and any(p in window for p in profile.specific_cjk):
        specific = 2
    left_words, right_words = left.split(), right.split()
    if not SHOW_WORDS.isdisjoint(left_words) or not SHOW_WORDS.isdisjoint(right_words):
        generic = 1
    else:
        cjk_words = _SHOW_WORDS_CJK_ASCII if window.isascii() else SHOW_WORDS_CJK
        generic = 1 if any(w in window for w in cjk_words) else 0
    if not NEAR_NEGATIVE.isdisjoint(left_words[-NEAR_WORDS:] + right_words[:NEAR_WORDS]):
        specific, generic = max(0, specific - 2), 0
    return specific, generic
